/* i18n_plural.c — Plural-Forms expressions: parsed once per language into
 * a small node array, evaluated for each count. */
#include "i18n_private.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#define MAX_PDEPTH 40            /* nesting of one plural expression */

typedef enum { P_NUM, P_N, P_NOT, P_BIN, P_COND } PKind;
typedef enum {
    OP_OR, OP_AND, OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD
} POp;


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
bool i18n_plural_parse(const char *expr, Plural *p)
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
int i18n_plural_form(const Plural *p, unsigned long n)
{
    bool ok = true;
    unsigned long v = p_eval(p, p->root, n, &ok);
    return ok && v <= INT_MAX ? (int)v : -1;
}

int i18n_plural_eval(const char *expr, unsigned long n)
{
    Plural p;
    if (!expr || !i18n_plural_parse(expr, &p))
        return -1;
    return i18n_plural_form(&p, n);
}
