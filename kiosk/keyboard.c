/* keyboard.c — reads on-screen keyboard layouts (.kbd files).
 *
 * The whole file is read into memory, checked line by line and parsed into
 * a KeyLayout. Every problem stops the load with one message of the form
 * "<id>.kbd:<line>: <problem>", so whoever edits a layout can find the
 * line. Page names used by {shift} and {page:NAME} are checked once the
 * whole file is read, since a key may name a page defined further down. */
#include "kiosk/keyboard.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define KB_MAX_FILE (64 * 1024)   /* a layout is a few hundred bytes */
#define KB_TEXT_MAX ((int)sizeof(((Key *)0)->text) - 1)

typedef struct {
    const char *id;
    int line;                                /* current line, from 1 */
    char msg[256];                           /* the problem, once found */
    KeyLayout *kb;
    int page_line[KB_MAX_PAGES];             /* where each [page] began */
    int row_line[KB_MAX_PAGES][KB_MAX_ROWS]; /* where each row was read */
} Parser;

/* Writes "<id>.kbd:<line>: <message>" into p->msg (no line when p->line
 * is 0). Always returns false, so callers can `return fail(...)`. */
__attribute__((format(printf, 2, 3)))
static bool fail(Parser *p, const char *fmt, ...)
{
    int n = p->line > 0
        ? snprintf(p->msg, sizeof p->msg, "%s.kbd:%d: ", p->id, p->line)
        : snprintf(p->msg, sizeof p->msg, "%s.kbd: ", p->id);
    if (n < 0 || (size_t)n >= sizeof p->msg)
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg + n, sizeof p->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Letters, digits, '-' and '_': what layout ids and page names may use. */
static bool is_plain_name(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* Cuts the comment off line (a '#' at the start or after a blank) and
 * trims blanks at both ends. Returns the trimmed start. */
static char *strip(char *line)
{
    for (char *c = line; *c; c++) {
        if (*c == '#' && (c == line || is_blank(c[-1]))) {
            *c = '\0';
            break;
        }
    }
    while (is_blank(*line))
        line++;
    size_t n = strlen(line);
    while (n > 0 && is_blank(line[n - 1]))
        line[--n] = '\0';
    return line;
}

/* "key = value" before the first page. */
static bool parse_setting(Parser *p, char *line)
{
    char *eq = strchr(line, '=');
    if (!eq)
        return fail(p, "expected \"name = ...\", \"latin = ...\" or a [page] before keys");
    *eq = '\0';
    char *key = strip(line);
    char *value = strip(eq + 1);

    if (strcmp(key, "name") == 0) {
        if (strlen(value) >= sizeof p->kb->name)
            return fail(p, "name is longer than %zu bytes", sizeof p->kb->name - 1);
        if (*value && !utf8_is_clean_text(value, sizeof p->kb->name))
            return fail(p, "name contains control characters");
        strcpy(p->kb->name, value);
        return true;
    }
    if (strcmp(key, "latin") == 0) {
        if (*value && !is_plain_name(value, sizeof p->kb->latin - 1))
            return fail(p, "latin must be a layout id (letters, digits, '-', '_'; "
                           "at most %zu)", sizeof p->kb->latin - 1);
        strcpy(p->kb->latin, value);
        return true;
    }
    return fail(p, "unknown setting \"%.40s\" (known: name, latin)", key);
}

/* "[NAME]": starts a new page. */
static bool parse_page(Parser *p, char *line)
{
    size_t n = strlen(line);
    if (line[n - 1] != ']')
        return fail(p, "page header has no closing ']'");
    line[n - 1] = '\0';
    char *name = strip(line + 1);
    if (!is_plain_name(name, sizeof p->kb->pages[0].name - 1))
        return fail(p, "page name must be letters, digits, '-' or '_' (at most %zu)",
                    sizeof p->kb->pages[0].name - 1);
    if (kb_page(p->kb, name) >= 0)
        return fail(p, "page \"%s\" is defined twice", name);
    if (p->kb->npages == KB_MAX_PAGES)
        return fail(p, "too many pages (most is %d)", KB_MAX_PAGES);
    KeyPage *pg = &p->kb->pages[p->kb->npages];
    strcpy(pg->name, name);
    p->page_line[p->kb->npages] = p->line;
    p->kb->npages++;
    return true;
}

/* One key: "{function}" or the text it types. */
static bool parse_key(Parser *p, const char *tok, Key *key)
{
    size_t n = strlen(tok);
    if (tok[0] != '{') {
        if ((int)n > KB_TEXT_MAX)
            return fail(p, "key \"%.40s\" is longer than %d bytes", tok, KB_TEXT_MAX);
        if (!utf8_is_clean_text(tok, (size_t)KB_TEXT_MAX))
            return fail(p, "key contains control or bidi characters");
        key->kind = KEY_TEXT;
        strcpy(key->text, tok);
        strcpy(key->label, tok);
        return true;
    }
    if (n < 3 || tok[n - 1] != '}')
        return fail(p, "function key \"%.40s\" is not of the form {name}", tok);

    static const struct { const char *name; KeyKind kind; } funcs[] = {
        { "shift", KEY_SHIFT }, { "back", KEY_BACK }, { "space", KEY_SPACE },
        { "done", KEY_DONE }, { "switch", KEY_SWITCH },
    };
    const char *fn = tok + 1;
    size_t fnlen = n - 2;
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
        if (strlen(funcs[i].name) == fnlen && strncmp(fn, funcs[i].name, fnlen) == 0) {
            key->kind = funcs[i].kind;
            if (key->kind == KEY_SHIFT)
                strcpy(key->text, "shift");
            return true;   /* label left empty: the UI supplies it */
        }
    }
    if (fnlen > 5 && strncmp(fn, "page:", 5) == 0) {
        const char *target = fn + 5;
        const char *end = fn + fnlen;
        const char *bar = memchr(target, '|', (size_t)(end - target));
        size_t tlen = (size_t)((bar ? bar : end) - target);
        if (tlen == 0 || tlen > (size_t)KB_TEXT_MAX)
            return fail(p, "{page:NAME} needs a page name of 1 to %d bytes", KB_TEXT_MAX);
        key->kind = KEY_PAGE;
        memcpy(key->text, target, tlen);
        key->text[tlen] = '\0';
        if (bar) {
            size_t llen = (size_t)(end - bar - 1);
            if (llen > sizeof key->label - 1)
                return fail(p, "page key label is longer than %zu bytes",
                            sizeof key->label - 1);
            memcpy(key->label, bar + 1, llen);
            key->label[llen] = '\0';
            if (!utf8_is_clean_text(key->label, sizeof key->label))
                return fail(p, "page key label contains control characters");
        }
        return true;
    }
    return fail(p, "unknown function %.40s (known: {shift} {back} {space} {done} "
                   "{switch} {page:NAME|label})", tok);
}

/* A row of keys separated by blanks, added to the last page. */
static bool parse_row(Parser *p, char *line)
{
    if (p->kb->npages == 0)
        return fail(p, "keys before the first [page]");
    int pi = p->kb->npages - 1;
    KeyPage *pg = &p->kb->pages[pi];

    int count = 0;
    for (char *c = line; *c; ) {
        while (is_blank(*c))
            c++;
        if (!*c)
            break;
        count++;
        while (*c && !is_blank(*c))
            c++;
    }
    if (count > KB_MAX_KEYS)
        return fail(p, "row has %d keys (most is %d)", count, KB_MAX_KEYS);
    if (pg->nrows == KB_MAX_ROWS)
        return fail(p, "page \"%s\" has more than %d rows", pg->name, KB_MAX_ROWS);

    int r = pg->nrows;
    int k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(line, " \t\r", &save); tok;
         tok = strtok_r(NULL, " \t\r", &save)) {
        if (!parse_key(p, tok, &pg->keys[r][k]))
            return false;
        k++;
    }
    pg->nkeys[r] = k;
    p->row_line[pi][r] = p->line;
    pg->nrows++;
    return true;
}

/* After the whole file: every page has rows, every page key has a page. */
static bool check_layout(Parser *p)
{
    const KeyLayout *kb = p->kb;
    if (kb->npages == 0) {
        p->line = 0;
        return fail(p, "no pages (a layout needs at least one [page] with keys)");
    }
    for (int pi = 0; pi < kb->npages; pi++) {
        const KeyPage *pg = &kb->pages[pi];
        if (pg->nrows == 0) {
            p->line = p->page_line[pi];
            return fail(p, "page \"%s\" has no keys", pg->name);
        }
        for (int r = 0; r < pg->nrows; r++) {
            for (int k = 0; k < pg->nkeys[r]; k++) {
                const Key *key = &pg->keys[r][k];
                if ((key->kind == KEY_SHIFT || key->kind == KEY_PAGE) &&
                    kb_page(kb, key->text) < 0) {
                    p->line = p->row_line[pi][r];
                    return fail(p, "key goes to page \"%s\", which is not defined",
                                key->text);
                }
            }
        }
    }
    return true;
}

/* Reads path into a NUL-terminated heap buffer. Returns NULL, with p->msg
 * set, when the file cannot be read or is larger than KB_MAX_FILE. */
static char *read_file(Parser *p, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        snprintf(p->msg, sizeof p->msg, "%.200s: cannot open: %s", path, strerror(e));
        return NULL;
    }
    char *buf = malloc(KB_MAX_FILE + 1);
    if (!buf) {
        fclose(f);
        fail(p, "out of memory");
        return NULL;
    }
    size_t n = fread(buf, 1, KB_MAX_FILE + 1, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        fail(p, "read error");
        return NULL;
    }
    if (n > KB_MAX_FILE) {
        free(buf);
        fail(p, "file is larger than %d bytes", KB_MAX_FILE);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool parse_text(Parser *p, char *buf, size_t len)
{
    char *pos = buf;
    char *end = buf + len;
    if (len >= 3 && memcmp(pos, "\xEF\xBB\xBF", 3) == 0)
        pos += 3;   /* a byte-order mark some editors write */
    p->line = 0;
    while (pos < end) {
        p->line++;
        char *nl = memchr(pos, '\n', (size_t)(end - pos));
        char *eol = nl ? nl : end;
        size_t n = (size_t)(eol - pos);
        if (memchr(pos, '\0', n))
            return fail(p, "contains a NUL byte");
        if (!utf8_valid(pos, n))
            return fail(p, "invalid UTF-8");
        *eol = '\0';
        char *line = strip(pos);
        pos = eol + 1;

        bool ok = true;
        if (*line == '\0')
            continue;
        else if (*line == '[')
            ok = parse_page(p, line);
        else if (p->kb->npages == 0)
            ok = parse_setting(p, line);
        else
            ok = parse_row(p, line);
        if (!ok)
            return false;
    }
    return check_layout(p);
}

bool kb_load(const char *dir, const char *id, KeyLayout *out, char *err, size_t errlen)
{
    Parser p = { .id = id, .kb = out };
    memset(out, 0, sizeof *out);
    bool ok = false;

    char path[4096];
    if (!id || !is_plain_name(id, sizeof out->id - 1)) {
        snprintf(p.msg, sizeof p.msg, "keyboard id must be 1 to %zu letters, digits, "
                 "'-' or '_'", sizeof out->id - 1);
        goto out;
    }
    int pn = snprintf(path, sizeof path, "%s/%s.kbd", dir ? dir : ".", id);
    if (pn < 0 || (size_t)pn >= sizeof path) {
        fail(&p, "directory path is too long");
        goto out;
    }
    size_t len = 0;
    char *buf = read_file(&p, path, &len);
    ok = buf && parse_text(&p, buf, len);
    free(buf);

out:
    if (err && errlen)
        snprintf(err, errlen, "%s", ok ? "" : p.msg);
    if (!ok) {
        memset(out, 0, sizeof *out);
        LOG_W("keyboard", "layout not loaded: %s", p.msg);
        return false;
    }
    strcpy(out->id, id);
    if (out->name[0] == '\0')
        strcpy(out->name, id);
    LOG_D("keyboard", "loaded %s: %d pages", id, out->npages);
    return true;
}

int kb_page(const KeyLayout *kb, const char *name)
{
    if (!kb || !name)
        return -1;
    for (int i = 0; i < kb->npages; i++)
        if (strcmp(kb->pages[i].name, name) == 0)
            return i;
    return -1;
}
