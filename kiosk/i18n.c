/* i18n.c — languages from gettext .po files: reading them, looking messages
 * up, plural rules, named placeholders, the language's digits and dates.
 *
 * The .po files are parsed here rather than by the C library's gettext,
 * which needs system locales that a kiosk image may not have. */
#include "kiosk/i18n.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "i18n"
#define MAX_FORMS 6              /* the most plural forms any language has */
#define MAX_PNODES 128           /* nodes in one plural expression */
#define MAX_PDEPTH 40            /* nesting of one plural expression */
#define MAX_NAME 31              /* bytes in one placeholder name */
#define MAX_FILE (4L << 20)      /* bytes in one .po file */
#define PLURAL_CHECK_UPTO 1000   /* forms are checked in range for n = 0..this */

/* ---- plural expressions ------------------------------------------------ */

typedef enum { P_NUM, P_N, P_NOT, P_BIN, P_COND } PKind;
typedef enum {
    OP_OR, OP_AND, OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD
} POp;

typedef struct {
    unsigned char kind, op;
    short a, b, c;               /* operands: node indices */
    unsigned long value;         /* P_NUM */
} PNode;

/* A parsed expression: nodes in an array, evaluated from root. */
typedef struct {
    PNode node[MAX_PNODES];
    int count;
    int root;
} Plural;

typedef struct {
    const char *s;
    Plural *p;
    int depth;
} PParse;

typedef struct { const char *tok; POp op; } OpTok;

/* Binary operators by precedence, lowest first; each level is left
 * associative, as in C. Longer tokens come before their prefixes. */
static const OpTok lv_or[] = { { "||", OP_OR }, { NULL, OP_OR } };
static const OpTok lv_and[] = { { "&&", OP_AND }, { NULL, OP_OR } };
static const OpTok lv_eq[] = { { "==", OP_EQ }, { "!=", OP_NE }, { NULL, OP_OR } };
static const OpTok lv_rel[] = { { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT },
                                { ">", OP_GT }, { NULL, OP_OR } };
static const OpTok lv_add[] = { { "+", OP_ADD }, { "-", OP_SUB }, { NULL, OP_OR } };
static const OpTok lv_mul[] = { { "*", OP_MUL }, { "/", OP_DIV }, { "%", OP_MOD },
                                { NULL, OP_OR } };
static const OpTok *const levels[] = { lv_or, lv_and, lv_eq, lv_rel, lv_add, lv_mul };
#define NLEVELS ((int)(sizeof levels / sizeof levels[0]))

static int p_new(PParse *pp, PKind kind, POp op, int a, int b, int c, unsigned long v)
{
    if (pp->p->count >= MAX_PNODES)
        return -1;
    PNode *nd = &pp->p->node[pp->p->count];
    nd->kind = (unsigned char)kind;
    nd->op = (unsigned char)op;
    nd->a = (short)a;
    nd->b = (short)b;
    nd->c = (short)c;
    nd->value = v;
    return pp->p->count++;
}

static void p_skip(PParse *pp)
{
    while (*pp->s == ' ' || *pp->s == '\t' || *pp->s == '\n' || *pp->s == '\r')
        pp->s++;
}

static bool p_eat(PParse *pp, const char *tok)
{
    p_skip(pp);
    size_t len = strlen(tok);
    if (strncmp(pp->s, tok, len) != 0)
        return false;
    pp->s += len;
    return true;
}

static int p_cond(PParse *pp);

static int p_primary(PParse *pp)
{
    p_skip(pp);
    if (*pp->s == 'n' && !isalnum((unsigned char)pp->s[1]) && pp->s[1] != '_') {
        pp->s++;
        return p_new(pp, P_N, OP_OR, -1, -1, -1, 0);
    }
    if (isdigit((unsigned char)*pp->s)) {
        unsigned long v = 0;
        while (isdigit((unsigned char)*pp->s)) {
            unsigned d = (unsigned)(*pp->s - '0');
            if (v > (ULONG_MAX - d) / 10)
                return -1;
            v = v * 10 + d;
            pp->s++;
        }
        return p_new(pp, P_NUM, OP_OR, -1, -1, -1, v);
    }
    if (p_eat(pp, "(")) {
        int e = p_cond(pp);
        if (e < 0 || !p_eat(pp, ")"))
            return -1;
        return e;
    }
    return -1;
}

static int p_unary(PParse *pp)
{
    p_skip(pp);
    if (pp->s[0] == '!' && pp->s[1] != '=') {
        pp->s++;
        if (++pp->depth > MAX_PDEPTH)
            return -1;
        int a = p_unary(pp);
        pp->depth--;
        return a < 0 ? -1 : p_new(pp, P_NOT, OP_OR, a, -1, -1, 0);
    }
    return p_primary(pp);
}

static int p_binary(PParse *pp, int lv)
{
    if (lv == NLEVELS)
        return p_unary(pp);
    int left = p_binary(pp, lv + 1);
    while (left >= 0) {
        const OpTok *t = levels[lv];
        while (t->tok && !p_eat(pp, t->tok))
            t++;
        if (!t->tok)
            break;
        int right = p_binary(pp, lv + 1);
        if (right < 0)
            return -1;
        left = p_new(pp, P_BIN, t->op, left, right, -1, 0);
    }
    return left;
}

/* cond := or [ '?' cond ':' cond ] — right associative, as in C. */
static int p_cond(PParse *pp)
{
    if (++pp->depth > MAX_PDEPTH)
        return -1;
    int c = p_binary(pp, 0);
    if (c >= 0 && p_eat(pp, "?")) {
        int a = p_cond(pp);
        if (a < 0 || !p_eat(pp, ":"))
            return -1;
        int b = p_cond(pp);
        c = b < 0 ? -1 : p_new(pp, P_COND, OP_OR, c, a, b, 0);
    }
    pp->depth--;
    return c;
}

/* Parses expr (all of it) into p. Returns false when it is malformed. */
static bool plural_parse(const char *expr, Plural *p)
{
    PParse pp = { expr, p, 0 };
    p->count = 0;
    p->root = p_cond(&pp);
    p_skip(&pp);
    return p->root >= 0 && *pp.s == '\0';
}

/* Evaluates node k for n; clears *ok on a division by zero. */
static unsigned long p_eval(const Plural *p, int k, unsigned long n, bool *ok)
{
    const PNode *nd = &p->node[k];
    switch ((PKind)nd->kind) {
    case P_NUM: return nd->value;
    case P_N: return n;
    case P_NOT: return !p_eval(p, nd->a, n, ok);
    case P_COND:
        return p_eval(p, nd->a, n, ok) ? p_eval(p, nd->b, n, ok) : p_eval(p, nd->c, n, ok);
    case P_BIN: break;
    }
    unsigned long x = p_eval(p, nd->a, n, ok);
    if (nd->op == OP_OR && x) return 1;
    if (nd->op == OP_AND && !x) return 0;
    unsigned long y = p_eval(p, nd->b, n, ok);
    switch ((POp)nd->op) {
    case OP_OR: case OP_AND: return y != 0;
    case OP_EQ: return x == y;
    case OP_NE: return x != y;
    case OP_LT: return x < y;
    case OP_GT: return x > y;
    case OP_LE: return x <= y;
    case OP_GE: return x >= y;
    case OP_ADD: return x + y;
    case OP_SUB: return x - y;
    case OP_MUL: return x * y;
    case OP_DIV: case OP_MOD:
        if (y == 0) {
            *ok = false;
            return 0;
        }
        return nd->op == OP_DIV ? x / y : x % y;
    }
    return 0;
}

/* The form for n, or -1 when the expression fails (division by zero). */
static int plural_form(const Plural *p, unsigned long n)
{
    bool ok = true;
    unsigned long v = p_eval(p, p->root, n, &ok);
    return ok && v <= INT_MAX ? (int)v : -1;
}

int i18n_plural_eval(const char *expr, unsigned long n)
{
    Plural p;
    if (!expr || !plural_parse(expr, &p))
        return -1;
    return plural_form(&p, n);
}

/* ---- growing strings --------------------------------------------------- */

typedef struct {
    char *p;
    size_t len, cap;
} Buf;

static bool buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

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

/* ---- languages --------------------------------------------------------- */

typedef struct {
    char *ctx;                   /* NULL when the entry has no msgctxt */
    char *msgid;
    char *plural;                /* NULL for a singular entry */
    char *msgstr[MAX_FORMS];
    int nforms;
    bool fuzzy;
    bool usable;                 /* translated: not fuzzy, no empty form */
    int line;
} Entry;

typedef struct {
    LangInfo info;
    int nplurals;
    Plural plural;
    Entry *entries;              /* in file order */
    size_t n, cap;
    Entry **sorted;              /* by (ctx, msgid), for lookup */
} Lang;

struct I18n {
    Lang *langs;
    int count;
};

static void entry_free(Entry *e)
{
    free(e->ctx);
    free(e->msgid);
    free(e->plural);
    for (int k = 0; k < e->nforms; k++)
        free(e->msgstr[k]);
}

static void lang_free(Lang *l)
{
    for (size_t k = 0; k < l->n; k++)
        entry_free(&l->entries[k]);
    free(l->entries);
    free(l->sorted);
    memset(l, 0, sizeof *l);
}

static int key_cmp(const char *ctx1, const char *id1, const char *ctx2, const char *id2)
{
    if (!ctx1 != !ctx2)
        return ctx1 ? 1 : -1;
    if (ctx1) {
        int c = strcmp(ctx1, ctx2);
        if (c)
            return c;
    }
    return strcmp(id1, id2);
}

static int entry_ptr_cmp(const void *a, const void *b)
{
    const Entry *x = *(Entry *const *)a, *y = *(Entry *const *)b;
    return key_cmp(x->ctx, x->msgid, y->ctx, y->msgid);
}

static const Entry *find_entry(const Lang *l, const char *ctx, const char *msgid)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const Entry *e = l->sorted[mid];
        int c = key_cmp(ctx, msgid, e->ctx, e->msgid);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- reading a .po file ------------------------------------------------ */

enum { S_NONE, S_CTX, S_ID, S_PLURAL, S_STR };

typedef struct {
    const char *path;
    int line;
    char *err;
    size_t errlen;
    Lang *lang;
    /* the entry being read */
    int state;
    Buf ctx, id, plural, str[MAX_FORMS];
    int nstr;
    bool has_ctx, has_plural, fuzzy;
    int entry_line;
    Buf *cur;                    /* where a continuation string goes */
    /* the header entry (msgid "") */
    char *header;
    int header_line;
} PoReader;

static k_err po_fail(PoReader *r, int line, k_err code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static k_err po_fail(PoReader *r, int line, k_err code, const char *fmt, ...)
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
        return po_fail(r, r->entry_line, K_ERR_INVALID, "entry has no msgstr");
    /* Escapes such as \xC3 can make bytes the file check did not see. */
    const Buf *all[3 + MAX_FORMS] = { &r->ctx, &r->id, &r->plural };
    for (int k = 0; k < r->nstr; k++)
        all[3 + k] = &r->str[k];
    for (int k = 0; k < 3 + r->nstr; k++)
        if (!utf8_valid(all[k]->p ? all[k]->p : "", all[k]->len))
            return po_fail(r, r->entry_line, K_ERR_INVALID, "invalid UTF-8 made by an escape");

    if (!r->has_ctx && r->id.len == 0) {
        if (r->header)
            return po_fail(r, r->entry_line, K_ERR_INVALID, "second header entry (msgid \"\")");
        if (r->has_plural)
            return po_fail(r, r->entry_line, K_ERR_INVALID, "header entry has msgid_plural");
        r->header = buf_take(&r->str[0]);
        if (!r->header)
            return po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
        r->header_line = r->entry_line;
        po_reset_entry(r);
        return K_OK;
    }

    Lang *l = r->lang;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        Entry *e = realloc(l->entries, cap * sizeof *e);
        if (!e)
            return po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
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
        entry_free(e);
        return po_fail(r, r->entry_line, K_ERR_NOMEM, "out of memory");
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
        return po_fail(r, r->line, K_ERR_INVALID, "expected a string in double quotes");
    p++;
    for (;;) {
        if (p == end)
            return po_fail(r, r->line, K_ERR_INVALID, "unterminated string");
        char c = *p++;
        if (c == '"')
            break;
        if (c != '\\') {
            if (!buf_add(out, &c, 1))
                return po_fail(r, r->line, K_ERR_NOMEM, "out of memory");
            continue;
        }
        if (p == end)
            return po_fail(r, r->line, K_ERR_INVALID, "unterminated string");
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
                return po_fail(r, r->line, K_ERR_INVALID, "\\x with no hex digits");
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                v = (unsigned)(c - '0');
                for (int k = 0; k < 2 && p < end && *p >= '0' && *p <= '7'; k++)
                    v = v * 8 + (unsigned)(*p++ - '0');
                if (v > 0xFF)
                    return po_fail(r, r->line, K_ERR_INVALID, "octal escape above \\377");
                break;
            }
            return po_fail(r, r->line, K_ERR_INVALID, "unknown escape \\%c", c);
        }
        if (v == 0)
            return po_fail(r, r->line, K_ERR_INVALID, "NUL character in a string");
        char b = (char)v;
        if (!buf_add(out, &b, 1))
            return po_fail(r, r->line, K_ERR_NOMEM, "out of memory");
    }
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p != end)
        return po_fail(r, r->line, K_ERR_INVALID, "unexpected text after the string");
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
            return po_fail(r, r->line, K_ERR_INVALID, "malformed msgstr[N]");
        if (v >= MAX_FORMS)
            return po_fail(r, r->line, K_ERR_INVALID, "more than %d plural forms", MAX_FORMS);
        form = v;
        p = q + 1;
    }
    if (p < end && *p != ' ' && *p != '\t' && *p != '"')
        return po_fail(r, r->line, K_ERR_INVALID, "unknown keyword");
#define IS(kw) (wl == sizeof kw - 1 && memcmp(w, kw, wl) == 0)
    k_err rc = K_OK;
    if (IS("msgctxt") && form < 0) {
        if (r->state == S_STR)
            rc = po_finish(r);
        else if (r->state != S_NONE)
            return po_fail(r, r->line, K_ERR_INVALID, "msgctxt out of place");
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
            return po_fail(r, r->line, K_ERR_INVALID, "msgid out of place");
        if (rc != K_OK)
            return rc;
        if (r->state == S_NONE)
            r->entry_line = r->line;
        r->state = S_ID;
        r->cur = &r->id;
    } else if (IS("msgid_plural") && form < 0) {
        if (r->state != S_ID)
            return po_fail(r, r->line, K_ERR_INVALID, "msgid_plural out of place");
        r->has_plural = true;
        r->state = S_PLURAL;
        r->cur = &r->plural;
    } else if (IS("msgstr") && form < 0) {
        if (r->state == S_PLURAL)
            return po_fail(r, r->line, K_ERR_INVALID, "msgid_plural needs msgstr[0], msgstr[1]...");
        if (r->state != S_ID)
            return po_fail(r, r->line, K_ERR_INVALID, "msgstr out of place");
        r->state = S_STR;
        r->nstr = 1;
        r->cur = &r->str[0];
    } else if (IS("msgstr")) {
        if (!r->has_plural || (r->state != S_PLURAL && r->state != S_STR))
            return po_fail(r, r->line, K_ERR_INVALID, "msgstr[%d] without msgid_plural", form);
        if (form != (r->state == S_PLURAL ? 0 : r->nstr))
            return po_fail(r, r->line, K_ERR_INVALID, "msgstr[%d] out of order", form);
        r->state = S_STR;
        r->nstr = form + 1;
        r->cur = &r->str[form];
    } else {
        return po_fail(r, r->line, K_ERR_INVALID, "unknown keyword \"%.*s\"", (int)wl, w);
    }
#undef IS
    return po_string(r, p, end, r->cur);
}

static k_err po_line(PoReader *r, const char *p, const char *end)
{
    if (end > p && end[-1] == '\r')
        end--;
    if (memchr(p, '\0', (size_t)(end - p)))
        return po_fail(r, r->line, K_ERR_INVALID, "NUL byte");
    if (!utf8_valid(p, (size_t)(end - p)))
        return po_fail(r, r->line, K_ERR_INVALID, "invalid UTF-8");
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return K_OK;
    if (*p == '#')
        return po_comment(r, p, end);
    if (*p == '"') {
        if (!r->cur)
            return po_fail(r, r->line, K_ERR_INVALID, "string with no keyword before it");
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
        if (b.len + got > (size_t)MAX_FILE || !buf_add(&b, chunk, got)) {
            rc = b.len + got > (size_t)MAX_FILE ? K_ERR_TOO_LONG : K_ERR_NOMEM;
            break;
        }
    }
    if (rc == K_OK && ferror(f))
        rc = K_ERR_IO;
    fclose(f);
    if (rc == K_OK && !b.p && !buf_add(&b, "", 0))
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

/* Copies the value [v, v+n) into dst[size]; fails when it does not fit. */
static bool copy_value(char *dst, size_t size, const char *v, size_t n)
{
    if (n >= size)
        return false;
    memcpy(dst, v, n);
    dst[n] = '\0';
    return true;
}

static bool value_is(const char *v, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(v, word, n) == 0;
}

/* Parses "nplurals=N; plural=EXPR;" into l. */
static k_err parse_plural_forms(PoReader *r, const char *v, size_t n)
{
    char tmp[512];
    if (!copy_value(tmp, sizeof tmp, v, n))
        return po_fail(r, r->header_line, K_ERR_INVALID, "Plural-Forms too long");
    char *p = strstr(tmp, "nplurals");
    char *q = strstr(tmp, "plural=");
    if (!q)
        q = strstr(tmp, "plural =");
    if (!p || !q)
        return po_fail(r, r->header_line, K_ERR_INVALID, "Plural-Forms needs nplurals= and plural=");
    p += strlen("nplurals");
    while (*p == ' ')
        p++;
    char *e;
    long np = *p == '=' ? strtol(p + 1, &e, 10) : 0;
    if (np < 1 || np > MAX_FORMS)
        return po_fail(r, r->header_line, K_ERR_INVALID, "Plural-Forms: nplurals must be 1 to %d",
                       MAX_FORMS);
    q = strchr(q, '=') + 1;
    char *last = q + strlen(q);
    while (last > q && (last[-1] == ' ' || last[-1] == ';'))
        last--;
    *last = '\0';
    if (!plural_parse(q, &r->lang->plural))
        return po_fail(r, r->header_line, K_ERR_INVALID, "Plural-Forms: malformed plural expression");
    for (unsigned long k = 0; k <= PLURAL_CHECK_UPTO; k++) {
        int f = plural_form(&r->lang->plural, k);
        if (f < 0 || f >= np)
            return po_fail(r, r->header_line, K_ERR_INVALID,
                           "Plural-Forms: plural gives form %d for n=%lu, nplurals is %ld", f, k, np);
    }
    r->lang->nplurals = (int)np;
    return K_OK;
}

static k_err parse_native_digits(PoReader *r, LangInfo *li, const char *v, size_t n)
{
    size_t at = 0;
    int k = 0;
    while (at < n && k < 10) {
        size_t start = at;
        utf8_next(v, n, &at);
        copy_value(li->digits[k++], sizeof li->digits[0], v + start, at - start);
    }
    if (k != 10 || at < n)
        return po_fail(r, r->header_line, K_ERR_INVALID,
                       "X-Kiosk-Native-Digits must be the ten digits 0 to 9");
    return K_OK;
}

/* Reads the header's fields into the language. stem is the file's name
 * without ".po". */
static k_err parse_header(PoReader *r, const char *stem)
{
    LangInfo *li = &r->lang->info;
    if (!r->header)
        return po_fail(r, 1, K_ERR_INVALID, "no header entry (msgid \"\")");
    bool have_plural = false, have_native = false, have_english = false, native = false;
    const char *nd = NULL;
    size_t ndlen = 0;
    for (int k = 0; k < 10; k++)
        li->digits[k][0] = (char)('0' + k), li->digits[k][1] = '\0';
    if (!copy_value(li->tag, sizeof li->tag, stem, strlen(stem)))
        return po_fail(r, 1, K_ERR_INVALID, "file name too long for a language tag");

    for (const char *line = r->header; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            const char *key = line, *v = colon + 1;
            size_t klen = (size_t)(colon - line);
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            size_t n = (size_t)(eol - v);
            while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
                n--;
            bool fits = true;
            k_err rc = K_OK;
            if (value_is(key, klen, "Language")) {
                char tag[sizeof li->tag];
                if (!copy_value(tag, sizeof tag, v, n))
                    return po_fail(r, r->header_line, K_ERR_INVALID, "Language too long");
                for (char *c = tag; *c; c++)
                    if (*c == '_')
                        *c = '-';
                if (strcasecmp(tag, stem) != 0)
                    return po_fail(r, r->header_line, K_ERR_INVALID,
                                   "Language \"%s\" does not match the file name", tag);
            } else if (value_is(key, klen, "Plural-Forms")) {
                rc = parse_plural_forms(r, v, n);
                have_plural = true;
            } else if (value_is(key, klen, "Content-Type")) {
                char ct[128];
                const char *cs = copy_value(ct, sizeof ct, v, n) ? strcasestr(ct, "charset=") : NULL;
                if (cs && strcasecmp(cs + 8, "UTF-8") != 0)
                    return po_fail(r, r->header_line, K_ERR_INVALID, "charset must be UTF-8");
            } else if (value_is(key, klen, "X-Kiosk-Native-Name")) {
                fits = copy_value(li->native_name, sizeof li->native_name, v, n);
                have_native = n > 0;
            } else if (value_is(key, klen, "X-Kiosk-English-Name")) {
                fits = copy_value(li->english_name, sizeof li->english_name, v, n);
                have_english = n > 0;
            } else if (value_is(key, klen, "X-Kiosk-Direction")) {
                if (!value_is(v, n, "ltr") && !value_is(v, n, "rtl"))
                    return po_fail(r, r->header_line, K_ERR_INVALID,
                                   "X-Kiosk-Direction must be ltr or rtl");
                li->rtl = value_is(v, n, "rtl");
            } else if (value_is(key, klen, "X-Kiosk-Keyboard")) {
                fits = copy_value(li->keyboard, sizeof li->keyboard, v, n);
            } else if (value_is(key, klen, "X-Kiosk-Digits")) {
                if (!value_is(v, n, "western") && !value_is(v, n, "native"))
                    return po_fail(r, r->header_line, K_ERR_INVALID,
                                   "X-Kiosk-Digits must be western or native");
                native = value_is(v, n, "native");
            } else if (value_is(key, klen, "X-Kiosk-Native-Digits")) {
                nd = v;
                ndlen = n;
            }
            if (rc != K_OK)
                return rc;
            if (!fits)
                return po_fail(r, r->header_line, K_ERR_INVALID, "%.*s too long", (int)klen, key);
        }
        line = *eol ? eol + 1 : eol;
    }
    if (!have_plural)
        return po_fail(r, r->header_line, K_ERR_INVALID, "header has no Plural-Forms");
    if (!have_native)
        return po_fail(r, r->header_line, K_ERR_INVALID, "header has no X-Kiosk-Native-Name");
    if (!have_english)
        strcpy(li->english_name, li->native_name);
    if (native) {
        if (!nd)
            return po_fail(r, r->header_line, K_ERR_INVALID,
                           "X-Kiosk-Digits: native needs X-Kiosk-Native-Digits");
        k_err rc = parse_native_digits(r, li, nd, ndlen);
        if (rc != K_OK)
            return rc;
    }
    li->native_digits = native;
    return K_OK;
}

/* Checks the entries against the header and builds the lookup index. */
static k_err index_entries(PoReader *r)
{
    Lang *l = r->lang;
    for (size_t k = 0; k < l->n; k++) {
        Entry *e = &l->entries[k];
        if (e->plural && e->nforms != l->nplurals)
            return po_fail(r, e->line, K_ERR_INVALID,
                           "%d plural forms, Plural-Forms has nplurals=%d", e->nforms, l->nplurals);
        e->usable = !e->fuzzy;
        for (int f = 0; f < e->nforms; f++)
            if (e->msgstr[f][0] == '\0')
                e->usable = false;
    }
    l->sorted = malloc((l->n ? l->n : 1) * sizeof *l->sorted);
    if (!l->sorted)
        return po_fail(r, 1, K_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < l->n; k++)
        l->sorted[k] = &l->entries[k];
    qsort(l->sorted, l->n, sizeof *l->sorted, entry_ptr_cmp);
    for (size_t k = 1; k < l->n; k++) {
        const Entry *a = l->sorted[k - 1], *b = l->sorted[k];
        if (entry_ptr_cmp(&a, &b) == 0)
            return po_fail(r, a->line > b->line ? a->line : b->line, K_ERR_INVALID,
                           "duplicate message (also at line %d)",
                           a->line > b->line ? b->line : a->line);
    }
    return K_OK;
}

/* Loads one .po file into l (zeroed). On failure l is freed and err says
 * why. */
static k_err load_po(const char *path, const char *stem, Lang *l, char *err, size_t errlen)
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
    while (rc == K_OK && p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        r.line++;
        rc = po_line(&r, p, eol);
        p = eol < end ? eol + 1 : end;
    }
    if (rc == K_OK)
        rc = po_finish(&r);
    if (rc == K_OK)
        rc = parse_header(&r, stem);
    if (rc == K_OK)
        rc = index_entries(&r);
    po_free(&r);
    free(data);
    if (rc != K_OK)
        lang_free(l);
    return rc;
}

/* ---- the set of languages ---------------------------------------------- */

static int find_exact(const I18n *i, const char *tag)
{
    for (int k = 0; k < i->count; k++)
        if (strcasecmp(i->langs[k].info.tag, tag) == 0)
            return k;
    return -1;
}

static int lang_cmp(const void *a, const void *b)
{
    const Lang *x = a, *y = b;
    return strcmp(x->info.tag, y->info.tag);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the *.po files in dir, sorted; NULL on failure. */
static char **list_po(const char *dir, int *count, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot open (%s)", dir, strerror(errno));
        return NULL;
    }
    char **names = NULL;
    int n = 0, cap = 0;
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= 3 || strcmp(de->d_name + len - 3, ".po") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, (size_t)cap * sizeof *nn);
            ok = nn != NULL;
            if (ok)
                names = nn;
        }
        if (ok)
            ok = (names[n] = strdup(de->d_name)) != NULL;
        if (ok)
            n++;
    }
    closedir(d);
    if (!ok) {
        for (int k = 0; k < n; k++)
            free(names[k]);
        free(names);
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", dir);
        return NULL;
    }
    if (n == 0) {
        if (err && errlen)
            snprintf(err, errlen, "%s: no .po files", dir);
        free(names);
        return NULL;
    }
    qsort(names, (size_t)n, sizeof *names, name_cmp);
    *count = n;
    return names;
}

I18n *i18n_open(const char *dir, const char *source_tag, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    int nfiles = 0;
    char **names = list_po(dir, &nfiles, err, errlen);
    if (!names) {
        LOG_E(MOD, "%s", err && errlen ? err : "cannot list languages");
        return NULL;
    }
    I18n *i = calloc(1, sizeof *i);
    if (i)
        i->langs = calloc((size_t)nfiles, sizeof *i->langs);
    k_err rc = i && i->langs ? K_OK : K_ERR_NOMEM;
    if (rc != K_OK && err && errlen)
        snprintf(err, errlen, "%s: out of memory", dir);
    for (int k = 0; rc == K_OK && k < nfiles; k++) {
        size_t len = strlen(names[k]);
        char *path = malloc(strlen(dir) + len + 2);
        if (!path) {
            rc = K_ERR_NOMEM;
            if (err && errlen)
                snprintf(err, errlen, "%s: out of memory", dir);
            break;
        }
        sprintf(path, "%s/%s", dir, names[k]);
        names[k][len - 3] = '\0';
        rc = load_po(path, names[k], &i->langs[k], err, errlen);
        free(path);
        if (rc == K_OK)
            i->count++;
    }
    for (int k = 0; k < nfiles; k++)
        free(names[k]);
    free(names);
    if (rc == K_OK && source_tag && find_exact(i, source_tag) < 0) {
        rc = K_ERR_NOT_FOUND;
        if (err && errlen)
            snprintf(err, errlen, "%s/%s.po: missing (the source language)", dir, source_tag);
    }
    if (rc != K_OK) {
        LOG_E(MOD, "%s", err && errlen ? err : k_strerror(rc));
        i18n_close(i);
        return NULL;
    }
    qsort(i->langs, (size_t)i->count, sizeof *i->langs, lang_cmp);
    int src = source_tag ? find_exact(i, source_tag) : -1;
    if (src > 0) {               /* the source language first */
        Lang first = i->langs[src];
        memmove(&i->langs[1], &i->langs[0], (size_t)src * sizeof *i->langs);
        i->langs[0] = first;
    }
    LOG_I(MOD, "%d languages from %s", i->count, dir);
    return i;
}

void i18n_close(I18n *i)
{
    if (!i)
        return;
    for (int k = 0; k < i->count; k++)
        lang_free(&i->langs[k]);
    free(i->langs);
    free(i);
}

int i18n_count(const I18n *i)
{
    return i ? i->count : 0;
}

static const Lang *get_lang(const I18n *i, int idx)
{
    return i && idx >= 0 && idx < i->count ? &i->langs[idx] : NULL;
}

const LangInfo *i18n_lang(const I18n *i, int idx)
{
    const Lang *l = get_lang(i, idx);
    return l ? &l->info : NULL;
}

static size_t primary_len(const char *tag)
{
    return strcspn(tag, "-_");
}

int i18n_find(const I18n *i, const char *tag)
{
    if (!i || !tag)
        return -1;
    int exact = find_exact(i, tag);
    if (exact >= 0)
        return exact;
    size_t pl = primary_len(tag);
    for (int k = 0; k < i->count; k++) {
        const char *t = i->langs[k].info.tag;
        if (pl > 0 && primary_len(t) == pl && strncasecmp(t, tag, pl) == 0)
            return k;
    }
    return -1;
}

const char *i18n_get(const I18n *i, int lang, const char *ctx, const char *msgid)
{
    if (!msgid)
        return "";
    const Lang *l = get_lang(i, lang);
    const Entry *e = l ? find_entry(l, ctx, msgid) : NULL;
    return e && e->usable ? e->msgstr[0] : msgid;
}

const char *i18n_nget(const I18n *i, int lang, const char *ctx, const char *msgid,
                      const char *plural, unsigned long n)
{
    const char *english = n == 1 ? msgid : plural;
    const Lang *l = get_lang(i, lang);
    const Entry *e = l && msgid ? find_entry(l, ctx, msgid) : NULL;
    if (e && e->usable && e->plural) {
        int f = plural_form(&l->plural, n);
        if (f >= 0 && f < e->nforms)
            return e->msgstr[f];
    }
    return english ? english : "";
}

int i18n_nplurals(const I18n *i, int lang)
{
    const Lang *l = get_lang(i, lang);
    return l ? l->nplurals : 0;
}

void i18n_each(const I18n *i, int lang, I18nEntryFn fn, void *ud)
{
    const Lang *l = get_lang(i, lang);
    if (!l || !fn)
        return;
    for (size_t k = 0; k < l->n; k++) {
        const Entry *e = &l->entries[k];
        fn(ud, e->ctx, e->msgid, e->plural, (const char *const *)e->msgstr, e->nforms, e->fuzzy);
    }
}

/* ---- placeholders ------------------------------------------------------ */

/* Length of the placeholder name starting at s (just after '{'), when a
 * '}' closes it; 0 when s does not start a placeholder. */
static size_t name_len(const char *s)
{
    size_t n = 0;
    while (n <= MAX_NAME && (isalnum((unsigned char)s[n]) || s[n] == '_'))
        n++;
    return n > 0 && n <= MAX_NAME && s[n] == '}' ? n : 0;
}

typedef struct {
    char *out;
    size_t cap, len;
    bool full;
} Out;

/* Appends s[0..n); when it does not fit, as much as fits, cut before a
 * code point rather than inside one. */
static void out_add(Out *o, const char *s, size_t n)
{
    if (o->full)
        return;
    if (o->len + n < o->cap) {
        memcpy(o->out + o->len, s, n);
        o->len += n;
        o->out[o->len] = '\0';
        return;
    }
    size_t room = o->cap - 1 - o->len;
    while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
        room--;
    memcpy(o->out + o->len, s, room);
    o->len += room;
    o->out[o->len] = '\0';
    o->full = true;
}

k_err i18n_format(char *out, size_t cap, const char *tmpl,
                  const char *const *keys, const char *const *vals, int n)
{
    if (!out || cap == 0)
        return K_ERR_TOO_LONG;
    Out o = { out, cap, 0, false };
    out[0] = '\0';
    if (!tmpl)
        return K_OK;
    for (const char *p = tmpl; *p && !o.full;) {
        const char *brace = strchr(p, '{');
        if (!brace) {
            out_add(&o, p, strlen(p));
            break;
        }
        out_add(&o, p, (size_t)(brace - p));
        size_t nl = name_len(brace + 1);
        int k = 0;
        while (nl && k < n && !(keys[k] && strlen(keys[k]) == nl &&
                                memcmp(keys[k], brace + 1, nl) == 0))
            k++;
        if (nl && k < n) {
            const char *v = vals[k] ? vals[k] : "";
            out_add(&o, v, strlen(v));
            p = brace + nl + 2;
        } else {
            out_add(&o, brace, 1);
            p = brace + 1;
        }
    }
    return o.full ? K_ERR_TOO_LONG : K_OK;
}

int i18n_placeholders(const char *msg, char names[][32], int max)
{
    int count = 0;
    for (const char *p = msg ? strchr(msg, '{') : NULL; p && count < max; p = strchr(p + 1, '{')) {
        size_t nl = name_len(p + 1);
        if (!nl)
            continue;
        bool seen = false;
        for (int k = 0; k < count && !seen; k++)
            seen = strlen(names[k]) == nl && memcmp(names[k], p + 1, nl) == 0;
        if (!seen) {
            memcpy(names[count], p + 1, nl);
            names[count][nl] = '\0';
            count++;
        }
    }
    return count;
}

/* ---- digits, times and dates ------------------------------------------- */

/* Writes ascii (digits, '-', ':') into out with the language's digits;
 * out is empty when the result does not fit. */
static void localise_digits(const I18n *i, int lang, const char *ascii, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    const LangInfo *li = i18n_lang(i, lang);
    size_t len = 0;
    for (const char *p = ascii; *p; p++) {
        const char *s = p;
        size_t n = 1;
        if (li && *p >= '0' && *p <= '9') {
            s = li->digits[*p - '0'];
            n = strlen(s);
        }
        if (len + n >= cap) {
            out[0] = '\0';
            return;
        }
        memcpy(out + len, s, n);
        len += n;
    }
    out[len] = '\0';
}

void i18n_number(const I18n *i, int lang, long n, char *out, size_t cap)
{
    char ascii[32];
    snprintf(ascii, sizeof ascii, "%ld", n);
    localise_digits(i, lang, ascii, out, cap);
}

void i18n_time_of_day(const I18n *i, int lang, int minutes, char *out, size_t cap)
{
    int m = minutes % (24 * 60);
    if (m < 0)
        m += 24 * 60;
    char ascii[8];
    snprintf(ascii, sizeof ascii, "%02d:%02d", m / 60, m % 60);
    localise_digits(i, lang, ascii, out, cap);
}

void i18n_date(const I18n *i, int lang, const struct tm *tm, char *out, size_t cap)
{
    static const char *const weekdays[7] = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
    };
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    if (!out || cap == 0)
        return;
    out[0] = '\0';
    if (!tm || tm->tm_wday < 0 || tm->tm_wday > 6 || tm->tm_mon < 0 || tm->tm_mon > 11)
        return;
    char day[24];
    i18n_number(i, lang, tm->tm_mday, day, sizeof day);
    const char *keys[] = { "weekday", "day", "month" };
    const char *vals[] = {
        i18n_get(i, lang, "weekday", weekdays[tm->tm_wday]),
        day,
        i18n_get(i, lang, "month-in-date", months[tm->tm_mon]),
    };
    const char *pattern = i18n_get(i, lang, "date", "{weekday} {day} {month}");
    i18n_format(out, cap, pattern, keys, vals, 3);
}
