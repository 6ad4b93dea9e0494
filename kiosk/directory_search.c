/* directory_search.c — search as the visitor types. The query is folded
 * like the index (directory_fold.c) and split into words, each a prefix.
 * Three passes fill the results, each in document order (needs first,
 * then services at this hub, then the rest, by name: the import lays the
 * documents out so), so that a pass stops as soon as it has enough and no
 * keystroke ranks every match: names (their own index, with prefix indexes
 * for the first letters), then names and descriptions, then (words of
 * three characters or more) anywhere inside a name by trigram.
 * What was typed is never logged; the buffers holding it are wiped. */
#include "directory_private.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

/* Query text is short: what fits here is searched, the rest is ignored. */
#define QUERY_BUF 512
#define MATCH_BUF 1400
#define MAX_TERMS 8
#define MAX_HITS 256

typedef struct {
    int kind;
    sqlite3_int64 ref;
} Hit;

/* Appends "term"* (or "term" when prefix is false) to the match
 * expression, doubling quotes. False when it does not fit. */
static bool add_term(char *m, size_t cap, size_t *len, const char *t, size_t tlen, bool prefix)
{
    size_t need = tlen * 2 + 5;
    if (*len + need >= cap)
        return false;
    if (*len)
        m[(*len)++] = ' ';
    m[(*len)++] = '"';
    for (size_t i = 0; i < tlen; i++) {
        if (t[i] == '"')
            m[(*len)++] = '"';
        m[(*len)++] = t[i];
    }
    m[(*len)++] = '"';
    if (prefix)
        m[(*len)++] = '*';
    m[*len] = '\0';
    return true;
}

/* True for a byte that separates words in folded query text. */
static bool is_sep(unsigned char c)
{
    return c < 0x80 && !isalnum(c);
}

/* Builds the match expressions from the folded query: the words (for the
 * names' index and for names and descriptions) and, when every word has
 * three characters or more, the trigram one. Returns the number of words. */
static int build_match(const char *q, char *words, char *tri, size_t cap)
{
    size_t wl = 0, tl = 0;
    int n = 0;
    bool tri_ok = true;
    words[0] = tri[0] = '\0';
    for (const char *p = q; *p && n < MAX_TERMS;) {
        while (*p && is_sep((unsigned char)*p))
            p++;
        const char *s = p;
        while (*p && !is_sep((unsigned char)*p))
            p++;
        if (p == s)
            break;
        size_t len = (size_t)(p - s), cps = 0;
        for (size_t i = 0; i < len; i++)
            cps += ((unsigned char)s[i] & 0xC0) != 0x80;
        if (!add_term(words, cap, &wl, s, len, true))
            break;
        if (cps < 3 || !add_term(tri, cap, &tl, s, len, false))
            tri_ok = false;
        n++;
    }
    if (!tri_ok)
        tri[0] = '\0';
    return n;
}

enum { PASS_NAMES, PASS_WORDS, PASS_TRIGRAMS };
static const char *const pass_sql[] = {
    "SELECT d.kind, d.ref FROM dir_name f JOIN doc d ON d.rowid = f.rowid"
    " WHERE dir_name MATCH ?1 LIMIT ?2",
    "SELECT d.kind, d.ref FROM dir_fts f JOIN doc d ON d.rowid = f.rowid"
    " WHERE dir_fts MATCH ?1 LIMIT ?2",
    "SELECT d.kind, d.ref FROM dir_tri f JOIN doc d ON d.rowid = f.rowid"
    " WHERE dir_tri MATCH ?1 LIMIT ?2",
};

/* Adds the documents matching m (in the table of pass which) to
 * hits, skipping those already there, up to max. Returns the new count, or
 * -1 on a database error. */
static int run_pass(Directory *d, int which, const char *m, Hit *hits, int n, int max)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, pass_sql[which], -1, &st, NULL) != SQLITE_OK) {
        LOG_E(DIR_MOD, "search: %s", sqlite3_errmsg(d->db));
        return -1;
    }
    sqlite3_bind_text(st, 1, m, -1, SQLITE_STATIC);
    /* each service has a document in every language: room for repeats */
    sqlite3_bind_int(st, 2, max * 8 + 32);
    int rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        Hit h = { sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1) };
        bool seen = false;
        for (int i = 0; i < n && !seen; i++)
            seen = hits[i].kind == h.kind && hits[i].ref == h.ref;
        if (!seen)
            hits[n++] = h;
    }
    if (n < max && rc != SQLITE_DONE) {
        /* the message may quote the query: only the code is logged */
        LOG_E(DIR_MOD, "search failed (code %d)", rc);
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

static const char *const item_sql[] = {
    "SELECT 0, s.id, coalesce(t1.name, t2.name, s.name), coalesce(t1.name, t2.name) IS NOT"
    " NULL, s.at_hub FROM service s"
    " LEFT JOIN service_text t1 ON t1.service = s.rowid AND t1.lang = ?2"
    " LEFT JOIN service_text t2 ON t2.service = s.rowid AND t2.lang = ?3 WHERE s.rowid = ?1",
    "SELECT 1, n.id, coalesce(t1.name, t2.name, n.name), coalesce(t1.name, t2.name) IS NOT"
    " NULL, 0 FROM need n"
    " LEFT JOIN need_text t1 ON t1.need = n.rowid AND t1.lang = ?2"
    " LEFT JOIN need_text t2 ON t2.need = n.rowid AND t2.lang = ?3 WHERE n.rowid = ?1",
};

/* Fills out[0..n) from the hits, names in lang. Returns n, or -1. */
static int fill_items(Directory *d, const Hit *hits, int n, const char *lang, DirItem *out)
{
    sqlite3_stmt *st[2] = { NULL, NULL };
    bool is_en = false;
    int got = -1;
    for (int k = 0; k < 2; k++) {
        if (sqlite3_prepare_v2(d->db, item_sql[k], -1, &st[k], NULL) != SQLITE_OK) {
            LOG_E(DIR_MOD, "search: %s", sqlite3_errmsg(d->db));
            goto out_finalize;
        }
        directory_bind_lang(st[k], lang, &is_en);
    }
    got = 0;
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *s = st[hits[i].kind == DIR_DOC_NEED];
        sqlite3_bind_int64(s, 1, hits[i].ref);
        if (sqlite3_step(s) == SQLITE_ROW)
            directory_read_item(s, is_en, &out[got++]);
        sqlite3_reset(s);
    }
out_finalize:
    sqlite3_finalize(st[0]);
    sqlite3_finalize(st[1]);
    return got;
}

int directory_search(Directory *d, const char *query, const char *lang, DirItem *out, int max)
{
    if (!d)
        return -1;
    if (!d->db || !query || max <= 0)
        return 0;
    if (max > MAX_HITS)
        max = MAX_HITS;
    char folded[QUERY_BUF], words[MATCH_BUF], tri[MATCH_BUF];
    Hit hits[MAX_HITS];
    int n = 0;
    directory_fold(query, folded, sizeof folded);
    if (build_match(folded, words, tri, sizeof words) == 0)
        goto out_wipe;
    n = run_pass(d, PASS_NAMES, words, hits, 0, max);
    if (n >= 0 && n < max)
        n = run_pass(d, PASS_WORDS, words, hits, n, max);
    if (n >= 0 && n < max && tri[0])
        n = run_pass(d, PASS_TRIGRAMS, tri, hits, n, max);
    if (n > 0)
        n = fill_items(d, hits, n, lang, out);
out_wipe:
    sodium_memzero(folded, sizeof folded);
    sodium_memzero(words, sizeof words);
    sodium_memzero(tri, sizeof tri);
    return n;
}
