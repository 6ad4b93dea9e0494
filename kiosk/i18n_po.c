/* i18n_po.c — reads a gettext .po file: its lines, strings and escapes,
 * its entries, and the index used for lookup. The header's fields are read
 * in i18n_po_header.c. */
#include "i18n_private.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/utf8.h"

#define MAX_FILE (4L << 20)      /* bytes in one .po file */

static void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

static char *buf_take(const Buf *b)
{
    return strndup(b->p ? b->p : "", b->len);
}

k_err i18n_po_fail(PoReader *r, int line, k_err code, const char *fmt, ...)
{
    if (r->err && r->errlen) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(r->err, r->errlen, "%s:%d: %s", r->path, line, msg);
    }
    return code;
}

static void po_reset_entry(PoReader *r)
{
    buf_clear(&r->ctx);
    buf_clear(&r->id);
    buf_clear(&r->plural);
    for (int k = 0; k < MAX_FORMS; k++)
        buf_clear(&r->str[k]);
    r->nstr = 0;
    r->has_ctx = r->has_plural = r->fuzzy = false;
    r->state = S_NONE;
    r->cur = NULL;
}

static void po_free(PoReader *r)
{
    free(r->ctx.p);
    free(r->id.p);
    free(r->plural.p);
    for (int k = 0; k < MAX_FORMS; k++)
        free(r->str[k].p);
    free(r->header);
}

/* Ends the entry being read: stores it, or keeps it as the header. */
static k_err po_finish(PoReader *r)
{
    if (r->state == S_NONE) {
        r->fuzzy = false;        /* flags with no entry after them */
        return K_OK;
    }
    if (r->state != S_STR)
        return i18n_po_fail(r, r->entry_line, K_ERR_INVALID, "entry has no msgstr");
    /* Escapes such as \xC3 can make bytes the file check did not see. */
    const Buf *all[3 + MAX_FORMS] = { &r->ctx, &r->id, &r->plural };
    for (int k = 0; k < r->nstr; k++)
        all[3 + k] = &r->str[k];
    for (int k = 0; k < 3 + r->nstr; k++)
        if (!utf8_valid(all[k]->p ? all[k]->p : "", all[k]->len))
            return i18n_po_fail(r, r->entry_line, K_ERR_INVALID, "invalid UTF-8 made by an escape");

    if (!r->has_ctx && r->id.len == 0) {
        if (r->header)
            return i18n_po_fail(r, r->entry_line, K_ERR_INVALID,
                                "second header entry (msgid \"\")");
        if (r->has_plural)
            return i18n_po_fail(r, r->entry_line, K_ERR_INVALID, "header entry has msgid_plural");
        r->header = buf_take(&r->str[0]);
        if (!r->header)
            return i18n_po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
        r->header_line = r->entry_line;
        po_reset_entry(r);
        return K_OK;
    }

    Lang *l = r->lang;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        Entry *e = realloc(l->entries, cap * sizeof *e);
        if (!e)
            return i18n_po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
        l->entries = e;
        l->cap = cap;
    }
    Entry *e = &l->entries[l->n];
    memset(e, 0, sizeof *e);
    bool ok = (e->msgid = buf_take(&r->id)) != NULL;
    if (ok && r->has_ctx)
        ok = (e->ctx = buf_take(&r->ctx)) != NULL;
    if (ok && r->has_plural)
        ok = (e->plural = buf_take(&r->plural)) != NULL;
    for (int k = 0; ok && k < r->nstr; k++) {
        ok = (e->msgstr[k] = buf_take(&r->str[k])) != NULL;
        e->nforms = ok ? k + 1 : k;
    }
    if (!ok) {
        i18n_entry_free(e);
        return i18n_po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
    }
    e->fuzzy = r->fuzzy;
    e->line = r->entry_line;
    l->n++;
    po_reset_entry(r);
    return K_OK;
}

/* Decodes the quoted string at *p (line ends at end) onto out; only blanks
 * may follow the closing quote. */
static k_err po_string(PoReader *r, const char *p, const char *end, Buf *out)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end || *p != '"')
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "expected a string in double quotes");
    p++;
    for (;;) {
        if (p == end)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "unterminated string");
        char c = *p++;
        if (c == '"')
            break;
        if (c != '\\') {
            if (!strbuf_add(out, &c, 1))
                return i18n_po_fail(r, r->line, K_ERR_NOMEM, "out of memory");
            continue;
        }
        if (p == end)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "unterminated string");
        c = *p++;
        unsigned v;
        switch (c) {
        case 'n': v = '\n'; break;
        case 't': v = '\t'; break;
        case 'r': v = '\r'; break;
        case 'a': v = '\a'; break;
        case 'b': v = '\b'; break;
        case 'f': v = '\f'; break;
        case 'v': v = '\v'; break;
        case '"': case '\\': case '\'': case '?': v = (unsigned char)c; break;
        case 'x': {
            int digits = 0;
            v = 0;
            while (digits < 2 && p < end && isxdigit((unsigned char)*p)) {
                int h = (unsigned char)*p++;
                v = v * 16 + (unsigned)(isdigit(h) ? h - '0' : tolower(h) - 'a' + 10);
                digits++;
            }
            if (digits == 0)
                return i18n_po_fail(r, r->line, K_ERR_INVALID, "\\x with no hex digits");
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                v = (unsigned)(c - '0');
                for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
                    v = v * 8 + (unsigned)(*p++ - '0');
                if (v > 0xFF)
                    return i18n_po_fail(r, r->line, K_ERR_INVALID, "octal escape above \\377");
                break;
            }
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "unknown escape \\%c", c);
        }
        if (v == 0)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "NUL character in a string");
        char b = (char)v;
        if (!strbuf_add(out, &b, 1))
            return i18n_po_fail(r, r->line, K_ERR_NOMEM, "out of memory");
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p != end)
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "unexpected text after the string");
    return K_OK;
}

/* A comment line: "#, fuzzy" flags count, the rest are skipped. */
static k_err po_comment(PoReader *r, const char *p, const char *end)
{
    if (r->state == S_STR) {
        k_err rc = po_finish(r);
        if (rc != K_OK)
            return rc;
    }
    if (end - p >= 2 && p[1] == ',') {
        for (const char *q = p + 2; q < end;) {
            while (q < end && (*q == ',' || *q == ' ' || *q == '\t'))
                q++;
            const char *w = q;
            while (q < end && *q != ',' && *q != ' ' && *q != '\t')
                q++;
            if (q - w == 5 && memcmp(w, "fuzzy", 5) == 0)
                r->fuzzy = true;
        }
    }
    return K_OK;
}

/* A keyword line: msgctxt, msgid, msgid_plural, msgstr or msgstr[N]. */
static k_err po_keyword(PoReader *r, const char *p, const char *end)
{
    const char *w = p;
    while (p < end && (islower((unsigned char)*p) || *p == '_'))
        p++;
    size_t wl = (size_t)(p - w);
    int form = -1;
    if (p < end && *p == '[') {
        const char *q = p + 1;
        int v = 0;
        while (q < end && isdigit((unsigned char)*q) && v <= MAX_FORMS)
            v = v * 10 + (*q++ - '0');
        if (q == p + 1 || q >= end || *q != ']')
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "malformed msgstr[N]");
        if (v >= MAX_FORMS)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "more than %d plural forms", MAX_FORMS);
        form = v;
        p = q + 1;
    }
    if (p < end && *p != ' ' && *p != '\t' && *p != '"')
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "unknown keyword");
#define IS(kw) (wl == sizeof kw - 1 && memcmp(w, kw, wl) == 0)
    k_err rc = K_OK;
    if (IS("msgctxt") && form < 0) {
        if (r->state == S_STR)
            rc = po_finish(r);
        else if (r->state != S_NONE)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgctxt out of place");
        if (rc != K_OK)
            return rc;
        r->entry_line = r->line;
        r->has_ctx = true;
        r->state = S_CTX;
        r->cur = &r->ctx;
    } else if (IS("msgid") && form < 0) {
        if (r->state == S_STR)
            rc = po_finish(r);
        else if (r->state != S_NONE && r->state != S_CTX)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgid out of place");
        if (rc != K_OK)
            return rc;
        if (r->state == S_NONE)
            r->entry_line = r->line;
        r->state = S_ID;
        r->cur = &r->id;
    } else if (IS("msgid_plural") && form < 0) {
        if (r->state != S_ID)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgid_plural out of place");
        r->has_plural = true;
        r->state = S_PLURAL;
        r->cur = &r->plural;
    } else if (IS("msgstr") && form < 0) {
        if (r->state == S_PLURAL)
            return i18n_po_fail(r, r->line, K_ERR_INVALID,
                                "msgid_plural needs msgstr[0], msgstr[1]...");
        if (r->state != S_ID)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgstr out of place");
        r->state = S_STR;
        r->nstr = 1;
        r->cur = &r->str[0];
    } else if (IS("msgstr")) {
        if (!r->has_plural || (r->state != S_PLURAL && r->state != S_STR))
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgstr[%d] without msgid_plural", form);
        if (form != (r->state == S_PLURAL ? 0 : r->nstr))
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "msgstr[%d] out of order", form);
        r->state = S_STR;
        r->nstr = form + 1;
        r->cur = &r->str[form];
    } else {
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "unknown keyword \"%.*s\"", (int)wl, w);
    }
#undef IS
    return po_string(r, p, end, r->cur);
}

static k_err po_line(PoReader *r, const char *p, const char *end)
{
    if (end > p && end[-1] == '\r')
        end--;
    if (memchr(p, '\0', (size_t)(end - p)))
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "NUL byte");
    if (!utf8_valid(p, (size_t)(end - p)))
        return i18n_po_fail(r, r->line, K_ERR_INVALID, "invalid UTF-8");
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return K_OK;
    if (*p == '#')
        return po_comment(r, p, end);
    if (*p == '"') {
        if (!r->cur)
            return i18n_po_fail(r, r->line, K_ERR_INVALID, "string with no keyword before it");
        return po_string(r, p, end, r->cur);
    }
    return po_keyword(r, p, end);
}

/* Reads all of path into a new NUL-terminated buffer. */
static k_err read_file(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return K_ERR_IO;
    }
    Buf b = { 0 };
    char chunk[8192];
    size_t got;
    k_err rc = K_OK;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > (size_t)MAX_FILE || !strbuf_add(&b, chunk, got)) {
            rc = b.len + got > (size_t)MAX_FILE ? K_ERR_TOO_LONG : K_ERR_NOMEM;
            break;
        }
    }
    if (rc == K_OK && ferror(f))
        rc = K_ERR_IO;
    fclose(f);
    if (rc == K_OK && !b.p && !strbuf_add(&b, "", 0))
        rc = K_ERR_NOMEM;
    if (rc != K_OK) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot read (%s)", path, k_strerror(rc));
        free(b.p);
        return rc;
    }
    *data = b.p;
    *len = b.len;
    return K_OK;
}


/* Checks the entries against the header and builds the lookup index. */
static k_err index_entries(PoReader *r)
{
    Lang *l = r->lang;
    for (size_t k = 0; k < l->n; k++) {
        Entry *e = &l->entries[k];
        if (e->plural && e->nforms != l->nplurals)
            return i18n_po_fail(r, e->line, K_ERR_INVALID,
                                "%d plural forms, Plural-Forms has nplurals=%d", e->nforms,
                                l->nplurals);
        e->usable = !e->fuzzy;
        for (int f = 0; f < e->nforms; f++)
            if (e->msgstr[f][0] == '\0')
                e->usable = false;
    }
    l->sorted = malloc((l->n ? l->n : 1) * sizeof *l->sorted);
    if (!l->sorted)
        return i18n_po_fail(r, 1, K_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < l->n; k++)
        l->sorted[k] = &l->entries[k];
    qsort(l->sorted, l->n, sizeof *l->sorted, i18n_entry_order);
    for (size_t k = 1; k < l->n; k++) {
        const Entry *a = l->sorted[k - 1], *b = l->sorted[k];
        if (i18n_entry_order(&a, &b) == 0)
            return i18n_po_fail(r, a->line > b->line ? a->line : b->line, K_ERR_INVALID,
                                "duplicate message (also at line %d)",
                                a->line > b->line ? b->line : a->line);
    }
    return K_OK;
}

/* Reads path into l (zeroed): all of it, or with header_only up to the end
 * of the header entry (the entries before it are dropped). On failure l is
 * freed and err says why. */
static k_err po_read(const char *path, const char *stem, Lang *l, bool header_only, char *err,
                     size_t errlen)
{
    char *data;
    size_t len;
    k_err rc = read_file(path, &data, &len, err, errlen);
    if (rc != K_OK)
        return rc;
    PoReader r = { .path = path, .err = err, .errlen = errlen, .lang = l };
    const char *p = data, *end = data + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (rc == K_OK && p < end && !(header_only && r.header)) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        r.line++;
        rc = po_line(&r, p, eol);
        p = eol < end ? eol + 1 : end;
    }
    if (rc == K_OK && !(header_only && r.header))
        rc = po_finish(&r);
    if (rc == K_OK)
        rc = i18n_po_header(&r, stem);
    if (rc == K_OK && !header_only)
        rc = index_entries(&r);
    po_free(&r);
    free(data);
    if (rc != K_OK || header_only) {
        LangInfo info = l->info;
        int nplurals = l->nplurals;
        Plural plural = l->plural;
        i18n_lang_free(l);
        if (rc == K_OK) {
            l->info = info;
            l->nplurals = nplurals;
            l->plural = plural;
        }
    }
    return rc;
}

k_err i18n_po_load(const char *path, const char *stem, Lang *l, char *err, size_t errlen)
{
    return po_read(path, stem, l, false, err, errlen);
}

k_err i18n_po_load_header(const char *path, const char *stem, Lang *l, char *err, size_t errlen)
{
    return po_read(path, stem, l, true, err, errlen);
}
