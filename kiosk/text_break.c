/* text_break.c — step 3: line-break opportunities and greedy wrapping in
 * logical order, cutting a word wider than the box between clusters. */
#include "text_private.h"

/* The largest grapheme boundary q in (a, e) with s[a..q) at most max_w wide
 * (the first boundary when even one cluster is wider); e when s[a..e) is a
 * single cluster. Returns 0 with *err set on failure. */
static size_t split_word(Para *p, size_t a, size_t e, int max_w, k_err *err)
{
    size_t end = trim_end(p->s, p->len, a, e);
    size_t *b = malloc((end - a + 1) * sizeof *b);
    if (!b) {
        *err = K_ERR_NOMEM;
        return 0;
    }
    /* ICU's grapheme clusters (UAX #29: flags, emoji sequences), except
     * that a consonant after a virama stays in its conjunct */
    size_t m = 0, n = 0;
    *err = text_breaker_clusters(p->te->breaker, p->s, a, end, b, &m);
    if (*err != K_OK) {
        free(b);
        return 0;
    }
    for (size_t k = 0; k < m; k++)
        if (!text_extends_cluster(cp_at(p->s, p->len, b[k]),
                                  cp_at(p->s, p->len, cp_before(p->s, b[k]))))
            b[n++] = b[k];
    size_t q = e;
    if (n > 0) {
        size_t lo = 0, hi = n;     /* b[0..lo) fit; b[hi..n) do not */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int w = text_range_width(p, a, b[mid], err);
            if (w < 0) {
                free(b);
                return 0;
            }
            if (w <= max_w) lo = mid + 1; else hi = mid;
        }
        q = lo > 0 ? b[lo - 1] : b[0];
    }
    free(b);
    return q;
}

static bool starts_push(Starts *st, size_t at)
{
    if (st->n == st->cap) {
        int cap = st->cap ? st->cap * 2 : 8;
        size_t *v = realloc(st->v, (size_t)cap * sizeof *v);
        if (!v)
            return false;
        st->v = v;
        st->cap = cap;
    }
    st->v[st->n++] = at;
    return true;
}

/* True when s holds a character that forces a line break (UAX #14 classes
 * BK, CR, LF, NL: U+000A to U+000D, U+0085, U+2028, U+2029). */
static bool has_hard_break(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 0x0A && c <= 0x0D) || (c == 0xC2 && i + 1 < len && s[i + 1] == '\x85') ||
            (c == 0xE2 && i + 2 < len && s[i + 1] == '\x80' &&
             (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')))
            return true;
    }
    return false;
}

/* Greedy wrapping in logical order; fills out with the line starts. */
k_err text_wrap_para(Para *p, int max_w, Starts *out, bool *word_fits)
{
    *word_fits = true;
    if (p->len == 0)
        return K_OK;
    /* One line with no forced break, not wider than the box (or no box):
     * the lines the greedy pass would find, without asking ICU for the
     * break opportunities (its line-break data is then not loaded at all
     * while every text fits). */
    if (!has_hard_break(p->s, p->len)) {
        k_err err = K_OK;
        int w = max_w > 0 ? text_range_width(p, 0, p->len, &err) : 0;
        if (w < 0)
            return err;
        if (w <= max_w || max_w <= 0)
            return starts_push(out, 0) ? K_OK : K_ERR_NOMEM;
    }
    char *brk = malloc(p->len);
    if (!brk)
        return K_ERR_NOMEM;
    p->te->break_passes++;
    k_err err = text_breaker_lines(p->te->breaker, p->s, p->len, p->lang, brk);
    if (err != K_OK)
        goto out;
    if (!starts_push(out, 0)) {
        err = K_ERR_NOMEM;
        goto out;
    }
    size_t ls = 0, ok = 0;   /* line start; last break that fits (0 = none) */
    /* The line so far is estimated as the sum of its words' widths (each
     * shaped once and cached); only a line near the limit is shaped whole,
     * so wrapping costs about one shaping per word, not per prefix. */
    size_t seg = 0;          /* end of the words summed in est */
    int est = 0;
    for (size_t i = 0; i < p->len;) {
        if (!brk[i]) {
            i++;
            continue;
        }
        size_t at = i + 1;
        if (max_w > 0) {
            if (seg < ls) {
                seg = ls;
                est = 0;
            }
            int segw = text_span_width(p, seg, at, &err);
            if (segw < 0)
                goto out;
            int w = est + segw;
            if (w > max_w - max_w / 32 - 2) {
                w = text_range_width(p, ls, at, &err);
                if (w < 0)
                    goto out;
            }
            if (w <= max_w) {
                est += segw;
                seg = at;
            }
            if (w > max_w) {
                size_t next = ok;
                if (ok <= ls) {        /* one word wider than the box */
                    *word_fits = false;
                    next = split_word(p, ls, at, max_w, &err);
                    if (err != K_OK)
                        goto out;
                }
                if (next < at) {
                    if (!starts_push(out, next)) {
                        err = K_ERR_NOMEM;
                        goto out;
                    }
                    ls = next;
                    ok = 0;
                    seg = ls;
                    est = 0;
                    continue;          /* the same break, on the new line */
                }
                est += segw;           /* a word alone on its line */
                seg = at;
            }
        }
        ok = at;
        if (brk[i] == 2 && at < p->len) {
            if (!starts_push(out, at)) {
                err = K_ERR_NOMEM;
                goto out;
            }
            ls = at;
            ok = 0;
            seg = at;
            est = 0;
        }
        i++;
    }
out:
    free(brk);
    return err;
}
