/* directory.c — the support directory, read side: open content.db
 * read-only, count, list a need's services, search as the visitor types.
 * Search is in directory_search.c, one service rebuilt from its row in
 * directory_service.c, the writer an import uses in directory_build.c. */
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
    int version = -1;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_OK && version == DIR_SCHEMA_VERSION)
        rc = sqlite3_prepare_v2(d->db, "SELECT count(*) FROM service", -1, &st, NULL);
    if (rc == SQLITE_OK && version == DIR_SCHEMA_VERSION && sqlite3_step(st) == SQLITE_ROW)
        d->count = (size_t)sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_OK)
        rc = version == DIR_SCHEMA_VERSION ? sqlite3_errcode(d->db) : SQLITE_FORMAT;
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: cannot read the directory: %s", db_path,
                 rc == SQLITE_FORMAT ? "written in another layout (imported again at start)"
                 : d->db ? sqlite3_errmsg(d->db) : "out of memory");
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

void directory_bind_lang(sqlite3_stmt *st, const char *lang, bool *is_en)
{
    char exact[K_LANG_BUF], primary[K_LANG_BUF];
    directory_lang_keys(lang, exact, primary, is_en);
    sqlite3_bind_text(st, 2, exact, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, primary, -1, SQLITE_TRANSIENT);
}

void directory_read_item(sqlite3_stmt *st, bool is_en, DirItem *it)
{
    it->is_need = sqlite3_column_int(st, 0) == DIR_DOC_NEED;
    directory_copy_text(it->id, sizeof it->id, (const char *)sqlite3_column_text(st, 1));
    directory_copy_text(it->name, sizeof it->name, (const char *)sqlite3_column_text(st, 2));
    it->translated = is_en || sqlite3_column_int(st, 3) != 0;
    it->at_hub = sqlite3_column_int(st, 4) != 0;
}

int directory_list_need(Directory *d, const char *need_id, const char *lang, DirItem *out,
                        int max)
{
    if (!d || !need_id || max <= 0)
        return d ? 0 : -1;
    if (!d->db)
        return 0;
    static const char sql[] =
        "SELECT 0, s.id, coalesce(t1.name, t2.name, s.name), coalesce(t1.name, t2.name) IS NOT"
        " NULL, s.at_hub FROM need n JOIN need_service ns ON ns.need = n.rowid"
        " JOIN service s ON s.rowid = ns.service"
        " LEFT JOIN service_text t1 ON t1.service = s.rowid AND t1.lang = ?2"
        " LEFT JOIN service_text t2 ON t2.service = s.rowid AND t2.lang = ?3"
        " WHERE n.id = ?1 ORDER BY s.at_hub DESC, coalesce(t1.sort, t2.sort, s.sort), s.id"
        " LIMIT ?4";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        LOG_E(DIR_MOD, "listing a need: %s", sqlite3_errmsg(d->db));
        return -1;
    }
    bool is_en;
    sqlite3_bind_text(st, 1, need_id, -1, SQLITE_TRANSIENT);
    directory_bind_lang(st, lang, &is_en);
    sqlite3_bind_int(st, 4, max);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        directory_read_item(st, is_en, &out[n++]);
    if (n < max && rc != SQLITE_DONE) {
        LOG_E(DIR_MOD, "listing a need: %s", sqlite3_errmsg(d->db));
        n = -1;
    }
    sqlite3_finalize(st);
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
