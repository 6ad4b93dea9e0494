/* store_file.c — the database as a file: its mode (0600 with its -wal and
 * -shm), the integrity check at open, and what is done with a damaged one:
 * every row that can still be read is copied out, and the file is moved
 * aside for IT. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/log.h"
#include "store_private.h"

#define MOD STORE_MOD
#define FILE_MODE 0600
#define SKIP_TRIES 24          /* rowid jumps tried past an unreadable part */

static const char *const side_files[] = { "-wal", "-shm" };

/* Sets fd's file to FILE_MODE when it has another mode. */
static k_err tighten(int fd, const char *name)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        LOG_E(MOD, "%s: cannot read its mode: %s", name, strerror(errno));
        return K_ERR_IO;
    }
    if ((st.st_mode & 07777) == FILE_MODE)
        return K_OK;
    if (fchmod(fd, FILE_MODE) != 0) {
        LOG_E(MOD, "%s: is mode %04o and cannot be made %04o: %s", name,
              (unsigned)(st.st_mode & 07777), FILE_MODE, strerror(errno));
        return K_ERR_IO;
    }
    LOG_W(MOD, "%s: was mode %04o, now %04o", name, (unsigned)(st.st_mode & 07777), FILE_MODE);
    return K_OK;
}

k_err store_file_secure(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, FILE_MODE);
    if (fd < 0) {
        int en = errno;
        LOG_E(MOD, "%s: cannot open: %s", path, strerror(en));
        return en == ENOSPC || en == EDQUOT ? K_ERR_FULL : K_ERR_IO;
    }
    k_err e = tighten(fd, path);
    close(fd);
    for (size_t i = 0; e == K_OK && i < sizeof side_files / sizeof *side_files; i++) {
        char side[1100];
        snprintf(side, sizeof side, "%s%s", path, side_files[i]);
        fd = open(side, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            if (errno == ENOENT)
                continue;
            LOG_E(MOD, "%s: cannot open: %s", side, strerror(errno));
            return K_ERR_IO;
        }
        e = tighten(fd, side);
        close(fd);
    }
    return e;
}

bool store_file_damaged_rc(int rc)
{
    return (rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB;
}

k_err store_file_check(sqlite3 *db, const char *path, int *rc)
{
    sqlite3_stmt *st;
    *rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
    if (*rc != SQLITE_OK) {
        LOG_E(MOD, "%s: cannot be checked: %s", path, sqlite3_errmsg(db));
        return K_ERR_DB;
    }
    k_err e = K_OK;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strcmp(v, "ok") != 0) {
            char first[200];
            snprintf(first, sizeof first, "%s", v ? v : "?");
            for (char *p = first; *p; p++)
                if (*p == '\n' || *p == '\r')
                    *p = ' ';
            LOG_E(MOD, "%s: fails its integrity check: %s", path, first);
            e = K_ERR_DB;
        }
    } else {
        *rc = sqlite3_extended_errcode(db);
        LOG_E(MOD, "%s: integrity check failed to run: %s", path, sqlite3_errmsg(db));
        e = K_ERR_DB;
    }
    sqlite3_finalize(st);
    return e;
}

/* ---- salvage ---- */

typedef struct {
    const char *name;
    const char *select;   /* rowid first, then the columns insert binds */
    const char *insert;
    int ncols;
} SalvageTable;

/* In the order they are written back: outbox before the attendance rows
 * that refer to it. */
static const SalvageTable tables[] = {
    { "outbox",
      "SELECT rowid, id, type, schema, created_at, payload, state, attempts, last_error, "
      "acked_at, seq FROM outbox WHERE rowid > ?1 ORDER BY rowid",
      "INSERT OR IGNORE INTO outbox(id, type, schema, created_at, payload, state, attempts, "
      "last_error, acked_at, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", 10 },
    { "attendance",
      "SELECT rowid, day, time, session_id, session_name, first_name, adults, children, "
      "first_visit, record_id FROM attendance WHERE rowid > ?1 ORDER BY rowid",
      "INSERT INTO attendance(day, time, session_id, session_name, first_name, adults, "
      "children, first_visit, record_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
      "(SELECT id FROM outbox WHERE id = ?9))", 9 },
    { "kv",
      "SELECT rowid, key, value FROM kv WHERE rowid > ?1 ORDER BY rowid",
      "INSERT OR REPLACE INTO kv(key, value) VALUES(?1, ?2)", 2 },
};
#define NTABLES (sizeof tables / sizeof *tables)

typedef struct {
    sqlite3_value **vals;   /* nrows * ncols */
    size_t nrows, cap;
} Rows;

struct Salvage {
    Rows rows[NTABLES];
};

static void value_free(sqlite3_value *v)
{
    if (!v)
        return;
    int t = sqlite3_value_type(v);
    if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
        const void *p = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(v)
                                         : sqlite3_value_blob(v);
        if (p)
            sodium_memzero((void *)p, (size_t)sqlite3_value_bytes(v));
    }
    sqlite3_value_free(v);
}

/* Appends the current row of st (columns 1..ncols) to r. */
static bool keep_row(Rows *r, sqlite3_stmt *st, int ncols)
{
    if (r->nrows == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        sqlite3_value **v = realloc(r->vals, cap * (size_t)ncols * sizeof *v);
        if (!v)
            return false;
        r->vals = v;
        r->cap = cap;
    }
    sqlite3_value **row = r->vals + r->nrows * (size_t)ncols;
    for (int c = 0; c < ncols; c++) {
        row[c] = sqlite3_value_dup(sqlite3_column_value(st, c + 1));
        if (!row[c]) {
            for (int k = 0; k < c; k++)
                value_free(row[k]);
            return false;
        }
    }
    r->nrows++;
    return true;
}

/* Reads what can be read of one table: in rowid order, and past a part
 * that cannot be read by jumping ahead (1, 2, 4 ... rowids). */
static void salvage_table(sqlite3 *db, const SalvageTable *t, Rows *r)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, t->select, -1, &st, NULL) != SQLITE_OK) {
        LOG_E(MOD, "damaged database: %s cannot be read at all: %s", t->name,
              sqlite3_errmsg(db));
        return;
    }
    sqlite3_int64 last = 0, skip = 0;
    int misses = 0;
    for (;;) {
        sqlite3_bind_int64(st, 1, last + skip);
        int rc;
        bool moved = false;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            last = sqlite3_column_int64(st, 0);
            moved = true;
            if (!keep_row(r, st, t->ncols)) {
                LOG_E(MOD, "damaged database: out of memory reading %s", t->name);
                rc = SQLITE_DONE;
                break;
            }
        }
        sqlite3_reset(st);
        if (rc == SQLITE_DONE)
            break;
        if (moved) {
            skip = 1;
            misses = 0;
        } else {
            skip = skip ? skip * 2 : 1;
            if (++misses > SKIP_TRIES)
                break;
        }
    }
    sqlite3_finalize(st);
}

Salvage *store_salvage_read(sqlite3 *db, const char *path)
{
    Salvage *sv = calloc(1, sizeof *sv);
    if (!sv)
        return NULL;
    size_t total = 0;
    for (size_t i = 0; i < NTABLES; i++) {
        salvage_table(db, &tables[i], &sv->rows[i]);
        total += sv->rows[i].nrows;
    }
    LOG_W(MOD, "%s: read %zu outbox, %zu attendance and %zu kv rows from the damaged "
          "database", path, sv->rows[0].nrows, sv->rows[1].nrows, sv->rows[2].nrows);
    if (total == 0) {
        store_salvage_free(sv);
        return NULL;
    }
    return sv;
}

void store_salvage_free(Salvage *sv)
{
    if (!sv)
        return;
    for (size_t i = 0; i < NTABLES; i++) {
        Rows *r = &sv->rows[i];
        for (size_t k = 0; k < r->nrows * (size_t)tables[i].ncols; k++)
            value_free(r->vals[k]);
        free(r->vals);
    }
    free(sv);
}

void store_salvage_write(Store *s, Salvage *sv)
{
    size_t kept[NTABLES] = { 0 };
    int rc = store_begin(s);
    for (size_t i = 0; rc == SQLITE_OK && i < NTABLES; i++) {
        sqlite3_stmt *st;
        rc = sqlite3_prepare_v2(s->db, tables[i].insert, -1, &st, NULL);
        if (rc != SQLITE_OK)
            break;
        const Rows *r = &sv->rows[i];
        for (size_t k = 0; k < r->nrows; k++) {
            sqlite3_value **row = r->vals + k * (size_t)tables[i].ncols;
            for (int c = 0; c < tables[i].ncols; c++)
                sqlite3_bind_value(st, c + 1, row[c]);
            int one = sqlite3_step(st);
            sqlite3_reset(st);
            if (one == SQLITE_DONE && sqlite3_changes(s->db) > 0)
                kept[i]++;
            else if ((one & 0xFF) != SQLITE_CONSTRAINT && one != SQLITE_DONE)
                rc = one;
        }
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_OK)
        rc = store_commit(s);
    if (rc != SQLITE_OK) {
        store_fail(s->db, rc, "copy from the damaged database");
        store_rollback(s);
    } else {
        LOG_W(MOD, "kept from the damaged database: %zu outbox, %zu attendance, %zu kv rows",
              kept[0], kept[1], kept[2]);
    }
    store_salvage_free(sv);
}

/* ---- moving aside ---- */

static void sync_dir_of(const char *path)
{
    char buf[1100];
    snprintf(buf, sizeof buf, "%s", path);
    int fd = open(dirname(buf), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

k_err store_file_move_aside(const char *path, char *kept, size_t cap)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    struct stat st;
    for (int n = 1;; n++) {
        if (n == 1)
            snprintf(kept, cap, "%s.damaged-%s", path, stamp);
        else
            snprintf(kept, cap, "%s.damaged-%s-%d", path, stamp, n);
        if (lstat(kept, &st) != 0 && errno == ENOENT)
            break;
        if (n > 99) {
            LOG_E(MOD, "%s: no free name to move it aside", path);
            return K_ERR_IO;
        }
    }
    if (rename(path, kept) != 0) {
        LOG_E(MOD, "%s: cannot move it to %s: %s", path, kept, strerror(errno));
        return K_ERR_IO;
    }
    chmod(kept, FILE_MODE);
    for (size_t i = 0; i < sizeof side_files / sizeof *side_files; i++) {
        char from[1100], to[1100];
        snprintf(from, sizeof from, "%s%s", path, side_files[i]);
        snprintf(to, sizeof to, "%s%s", kept, side_files[i]);
        if (rename(from, to) == 0)
            chmod(to, FILE_MODE);
        else if (errno != ENOENT)
            LOG_E(MOD, "%s: cannot move it to %s: %s", from, to, strerror(errno));
    }
    sync_dir_of(path);
    return K_OK;
}

/* ---- settings ---- */

k_err store_limit_pages(Store *s, long max_pages)
{
    if (max_pages < 1)
        return K_ERR_INVALID;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", max_pages);
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "max_page_count");
    s->limit_pages = max_pages;
    return K_OK;
}

k_err store_setting(Store *s, const char *name, char *out, size_t cap)
{
    static const char *const allowed[] = {
        "synchronous", "journal_mode", "secure_delete", "foreign_keys", "busy_timeout",
    };
    bool ok = false;
    for (size_t i = 0; name && i < sizeof allowed / sizeof *allowed; i++)
        ok |= strcmp(name, allowed[i]) == 0;
    if (!ok)
        return K_ERR_INVALID;
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA %s", name);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "setting");
    k_err e = K_OK;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (!v || strlen(v) + 1 > cap)
            e = v ? K_ERR_TOO_LONG : K_ERR_DB;
        else
            memcpy(out, v, strlen(v) + 1);
    } else {
        e = store_fail(s->db, rc, "setting");
    }
    sqlite3_finalize(st);
    return e;
}
