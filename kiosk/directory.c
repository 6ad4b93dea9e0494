/* directory.c — the support directory, read side: open content.db
 * read-only, count, list a need's services, search as the visitor types.
 * One service rebuilt from its row is in directory_service.c; the writer
 * that an import uses is in directory_build.c. */
#include "directory_private.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/utf8.h"

/* Query text is short: what fits here is searched, the rest is ignored. */
#define QUERY_BUF 512
#define MATCH_BUF 1200
#define MAX_TERMS 8

size_t directory_copy_text(char *dst, size_t cap, const char *src)
{
    if (!src)
        src = "";
    size_t len = strlen(src);
    if (len >= cap) {
        len = cap - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
    return len;
}

void directory_lang_keys(const char *lang, char exact[K_LANG_BUF], char primary[K_LANG_BUF],
                         bool *is_en)
{
    size_t i = 0;
    for (; lang && lang[i] && i < K_LANG_MAX; i++)
        exact[i] = (char)tolower((unsigned char)lang[i]);
    exact[i] = '\0';
    size_t p = strcspn(exact, "-_");
    memcpy(primary, exact, p);
    primary[p] = '\0';
    *is_en = !exact[0] || !strcmp(primary, "en");
}

k_err directory_open(const char *db_path, Directory **out, char *err, size_t errlen)
{
    *out = NULL;
    (void)mem_wipe_init();
    Directory *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return K_ERR_NOMEM;
    }
    if (access(db_path, F_OK) != 0) {
        *out = d;
        return K_OK;
    }
    int rc = sqlite3_open_v2(db_path, &d->db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db, "SELECT count(*) FROM service", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        d->count = (size_t)sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_OK)
        rc = sqlite3_errcode(d->db);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot read the directory: %s", db_path,
                 d->db ? sqlite3_errmsg(d->db) : "out of memory");
        LOG_E(DIR_MOD, "%s", err);
        directory_close(d);
        return K_ERR_DB;
    }
    *out = d;
    return K_OK;
}

void directory_close(Directory *d)
{
    if (!d)
        return;
    sqlite3_close(d->db);
    free(d);
}

size_t directory_service_count(const Directory *d)
{
    return d ? d->count : 0;
}

/* Binds the language keys as ?2 (exact) and ?3 (primary). */
static void bind_lang(sqlite3_stmt *st, const char *lang, bool *is_en)
{
    char exact[K_LANG_BUF], primary[K_LANG_BUF];
    directory_lang_keys(lang, exact, primary, is_en);
    sqlite3_bind_text(st, 2, exact, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, primary, -1, SQLITE_TRANSIENT);
}

/* Fills one item from a row: kind, id, name, translated, at_hub. */
static void read_item(sqlite3_stmt *st, bool is_en, DirItem *it)
{
    it->is_need = sqlite3_column_int(st, 0) == DIR_DOC_NEED;
    directory_copy_text(it->id, sizeof it->id, (const char *)sqlite3_column_text(st, 1));
    directory_copy_text(it->name, sizeof it->name, (const char *)sqlite3_column_text(st, 2));
    it->translated = is_en || sqlite3_column_int(st, 3) != 0;
    it->at_hub = sqlite3_column_int(st, 4) != 0;
}

/* A service's name in the asked language: exact tag, then primary. */
#define NAME_IN_LANG                                                                   \
    "coalesce((SELECT t.name FROM service_text t WHERE t.service = s.rowid AND "      \
    "t.lang = ?2), (SELECT t.name FROM service_text t WHERE t.service = s.rowid AND " \
    "t.lang = ?3))"
#define SORT_IN_LANG                                                                   \
    "coalesce((SELECT t.sort FROM service_text t WHERE t.service = s.rowid AND "      \
    "t.lang = ?2), (SELECT t.sort FROM service_text t WHERE t.service = s.rowid AND " \
    "t.lang = ?3), s.sort)"

int directory_list_need(Directory *d, const char *need_id, const char *lang, DirItem *out,
                        int max)
{
    if (!d || !need_id || max <= 0)
        return d ? 0 : -1;
    if (!d->db)
        return 0;
    static const char sql[] =
        "SELECT 0, s.id, coalesce(" NAME_IN_LANG ", s.name), " NAME_IN_LANG " IS NOT NULL, "
        "s.at_hub FROM need n JOIN need_service ns ON ns.need = n.rowid "
        "JOIN service s ON s.rowid = ns.service WHERE n.id = ?1 "
        "ORDER BY s.at_hub DESC, " SORT_IN_LANG ", s.id LIMIT ?4";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        LOG_E(DIR_MOD, "listing a need: %s", sqlite3_errmsg(d->db));
        return -1;
    }
    bool is_en;
    sqlite3_bind_text(st, 1, need_id, -1, SQLITE_TRANSIENT);
    bind_lang(st, lang, &is_en);
    sqlite3_bind_int(st, 4, max);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_item(st, is_en, &out[n++]);
    if (n < max && rc != SQLITE_DONE) {
        LOG_E(DIR_MOD, "listing a need: %s", sqlite3_errmsg(d->db));
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

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

/* Builds the two match expressions from the folded query: every word as a
 * prefix for the word index, and (when every word has three characters or
 * more) every word as a substring for the trigram index. Returns the
 * number of words. */
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
        size_t len = (size_t)(p - s);
        char tmp[QUERY_BUF];
        memcpy(tmp, s, len);
        tmp[len] = '\0';
        if (!add_term(words, cap, &wl, s, len, true))
            break;
        if (utf8_count(tmp) < 3 || !add_term(tri, cap, &tl, s, len, false))
            tri_ok = false;
        sodium_memzero(tmp, sizeof tmp);
        n++;
    }
    if (!tri_ok)
        tri[0] = '\0';
    return n;
}

/* One search: the needs first, then services, each best first; hits of
 * the word index before those only the trigram index finds. */
static const char search_sql[] =
    "WITH hit(rowid, score, pass) AS ("
    "  SELECT rowid, bm25(dir_fts, 10.0, 1.0), 0 FROM dir_fts WHERE dir_fts MATCH ?1"
    "  UNION ALL"
    "  SELECT rowid, bm25(dir_tri), 1 FROM dir_tri WHERE ?5 <> '' AND dir_tri MATCH ?5),"
    " best(kind, ref, score) AS ("
    "  SELECT d.kind, d.ref, min(h.pass * 1000.0 + h.score) FROM hit h"
    "  JOIN doc d ON d.rowid = h.rowid GROUP BY d.kind, d.ref)"
    " SELECT b.kind, s.id, coalesce(" NAME_IN_LANG ", s.name), " NAME_IN_LANG " IS NOT NULL,"
    "  s.at_hub, b.score FROM best b JOIN service s ON b.kind = 0 AND s.rowid = b.ref"
    " UNION ALL"
    " SELECT b.kind, n.id, coalesce((SELECT t.name FROM need_text t WHERE t.need = n.rowid"
    "  AND t.lang = ?2), (SELECT t.name FROM need_text t WHERE t.need = n.rowid AND"
    "  t.lang = ?3), n.name), (SELECT count(*) FROM need_text t WHERE t.need = n.rowid AND"
    "  t.lang IN (?2, ?3)) > 0, 0, b.score FROM best b JOIN need n ON b.kind = 1 AND"
    "  n.rowid = b.ref"
    " ORDER BY 1 DESC, 6, 5 DESC, 3 LIMIT ?4";

int directory_search(Directory *d, const char *query, const char *lang, DirItem *out, int max)
{
    if (!d)
        return -1;
    if (!d->db || !query || max <= 0)
        return 0;
    char folded[QUERY_BUF], words[MATCH_BUF], tri[MATCH_BUF];
    int n = 0;
    directory_fold(query, folded, sizeof folded);
    if (build_match(folded, words, tri, sizeof words) == 0)
        goto out_wipe;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, search_sql, -1, &st, NULL) != SQLITE_OK) {
        LOG_E(DIR_MOD, "search: %s", sqlite3_errmsg(d->db));
        n = -1;
        goto out_wipe;
    }
    bool is_en;
    sqlite3_bind_text(st, 1, words, -1, SQLITE_STATIC);
    bind_lang(st, lang, &is_en);
    sqlite3_bind_int(st, 4, max);
    sqlite3_bind_text(st, 5, tri, -1, SQLITE_STATIC);
    int rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_item(st, is_en, &out[n++]);
    if (n < max && rc != SQLITE_DONE) {
        /* the message may quote the query: it is not logged */
        LOG_E(DIR_MOD, "search failed (code %d)", rc);
        n = -1;
    }
    sqlite3_finalize(st);
out_wipe:
    sodium_memzero(folded, sizeof folded);
    sodium_memzero(words, sizeof words);
    sodium_memzero(tri, sizeof tri);
    return n;
}

k_err directory_meta(Directory *d, const char *key, char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    if (!d || !d->db)
        return K_ERR_NOT_FOUND;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return K_ERR_DB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    k_err e = rc == SQLITE_ROW ? K_OK : rc == SQLITE_DONE ? K_ERR_NOT_FOUND : K_ERR_DB;
    if (e == K_OK && cap)
        directory_copy_text(out, cap, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return e;
}

char *directory_meta_dup(Directory *d, const char *key)
{
    if (!d || !d->db)
        return NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) !=
        SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        out = v ? strdup(v) : NULL;
    }
    sqlite3_finalize(st);
    return out;
}

size_t directory_left_out_count(Directory *d)
{
    if (!d || !d->db)
        return 0;
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(d->db, "SELECT count(*) FROM left_out", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

k_err directory_left_out(Directory *d, size_t i, char *path, size_t path_cap, char *problem,
                         size_t problem_cap)
{
    if (!d || !d->db)
        return K_ERR_NOT_FOUND;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT path, problem FROM left_out ORDER BY rowid "
                           "LIMIT 1 OFFSET ?", -1, &st, NULL) != SQLITE_OK)
        return K_ERR_DB;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
    int rc = sqlite3_step(st);
    k_err e = rc == SQLITE_ROW ? K_OK : rc == SQLITE_DONE ? K_ERR_NOT_FOUND : K_ERR_DB;
    if (e == K_OK) {
        directory_copy_text(path, path_cap, (const char *)sqlite3_column_text(st, 0));
        directory_copy_text(problem, problem_cap, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return e;
}
