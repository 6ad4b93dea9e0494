/* store.c — the kiosk's SQLite database: open (securing and checking the
 * file), schema and migrations, adding records and attendance. The outbox
 * API is in store_outbox.c, file checks and recovery in store_file.c, the
 * kv state in store_kv.c, sharing a store held alone in store_share.c. */
#include "kiosk/store.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/utf8.h"
#include "store_private.h"

#define MOD STORE_MOD
#define BUSY_TIMEOUT_MS 5000

/* Schema steps: migrations[v] takes the database from user_version v to
 * v + 1. Append only; never edit a step that has shipped. */
static const char *const migrations[] = {
    /* 1: outbox, attendance, kv */
    "CREATE TABLE outbox("
    "  id TEXT PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  schema INTEGER NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  payload TEXT NOT NULL,"
    "  state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK(state IN ('pending','acked','rejected')),"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  acked_at TEXT,"
    "  seq INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX outbox_seq ON outbox(seq);"
    "CREATE INDEX outbox_state ON outbox(state, seq);"
    "CREATE TABLE attendance("
    "  id INTEGER PRIMARY KEY,"
    "  day TEXT NOT NULL,"
    "  time TEXT NOT NULL,"
    "  session_id TEXT NOT NULL,"
    "  session_name TEXT NOT NULL,"
    "  first_name TEXT NOT NULL,"
    "  adults INTEGER NOT NULL,"
    "  children INTEGER NOT NULL,"
    "  first_visit INTEGER NOT NULL,"
    "  record_id TEXT REFERENCES outbox(id) ON DELETE SET NULL);"
    "CREATE INDEX attendance_day ON attendance(day, id);"
    "CREATE INDEX attendance_record ON attendance(record_id);"
    "CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    /* 2: the uploader's claims (a lease) and when a record was rejected */
    ("ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;"
     "ALTER TABLE outbox ADD COLUMN rejected_at TEXT;"),
    /* 3: an always-empty table whose one short-lived row overwrites the
     * connection's scratch page before each commit (store_commit) */
    "CREATE TABLE scrub(x BLOB);",
};

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_OUTBOX_ADD] =
        "INSERT INTO outbox(id, type, schema, created_at, payload, state, attempts, seq) "
        "VALUES(?1, ?2, ?3, ?4, ?5, 'pending', 0, "
        "(SELECT IFNULL(MAX(seq), 0) + 1 FROM outbox))",
    [ST_ATTEND_ADD] =
        "INSERT INTO attendance(day, time, session_id, session_name, first_name, "
        "adults, children, first_visit, record_id) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [ST_ATTEND_LIST] =
        "SELECT time, session_id, session_name, first_name, adults, children, first_visit "
        "FROM attendance WHERE day = ?1 ORDER BY id",
    [ST_PURGE_ATTEND] = "DELETE FROM attendance WHERE day < ?1",
    [ST_PURGE_OUTBOX] =
        "DELETE FROM outbox WHERE state = 'acked' AND acked_at IS NOT NULL "
        "AND date(acked_at, 'localtime') < ?1",
    [ST_OUTBOX_COUNTS] = "SELECT state, COUNT(*) FROM outbox GROUP BY state",
    [ST_OUTBOX_EACH] =
        "SELECT id, type, schema, created_at, payload, state, attempts, last_error "
        "FROM outbox ORDER BY seq",
    [ST_KV_GET] = "SELECT value FROM kv WHERE key = ?1",
    [ST_KV_SET] = "INSERT INTO kv(key, value) VALUES(?1, ?2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [ST_OB_CLAIM] =
        "SELECT id, type, schema, created_at, payload, attempts FROM outbox "
        "WHERE state = 'pending' AND lease_until <= ?1 ORDER BY seq LIMIT ?2",
    [ST_OB_LEASE] = "UPDATE outbox SET lease_until = ?2 WHERE id = ?1",
    [ST_OB_ACK] =
        "UPDATE outbox SET state = 'acked', acked_at = ?2, lease_until = 0 "
        "WHERE id = ?1 AND state <> 'acked'",
    [ST_OB_REJECT] =
        "UPDATE outbox SET state = 'rejected', last_error = ?2, rejected_at = ?3, "
        "lease_until = 0 WHERE id = ?1 AND state <> 'acked'",
    [ST_OB_RELEASE] =
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, lease_until = 0 "
        "WHERE id = ?1 AND state = 'pending'",
    [ST_OB_STATE] = "SELECT state FROM outbox WHERE id = ?1",
    [ST_OB_OLDEST] =
        "SELECT CAST(strftime('%s', created_at) AS INTEGER) FROM outbox "
        "WHERE state = 'pending' ORDER BY seq LIMIT 1",
    [ST_SCRUB_ADD] = "INSERT OR REPLACE INTO scrub(rowid, x) VALUES(1, zeroblob(?1))",
    [ST_SCRUB_DEL] = "DELETE FROM scrub",
};

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static bool sodium_ready;

static void sodium_start(void)
{
    sodium_ready = sodium_init() >= 0;
    if (!sodium_ready)
        LOG_E(MOD, "libsodium could not start");
}

static bool ensure_sodium(void)
{
    pthread_once(&sodium_once, sodium_start);
    return sodium_ready;
}

const char *store_band_name(AgeBand b)
{
    return record_band_name(b);
}

/* The errno behind the last failed I/O: SQLite's record of it when it kept
 * one, otherwise what the connection's VFS reports now (its xGetLastError;
 * errno for the unix VFS). Read it before anything else touches the file. */
static int io_errno(sqlite3 *db)
{
    if (!db)
        return 0;
    int e = sqlite3_system_errno(db);
    sqlite3_vfs *vfs = NULL;
    if (e == 0 && sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK
        && vfs && vfs->xGetLastError)
        e = vfs->xGetLastError(vfs, 0, NULL);
    return e;
}

/* Translates a SQLite result code (extended codes are on) and the errno
 * behind it into a k_err. */
static k_err map_sqlite(int rc, int err_no)
{
    switch (rc & 0xFF) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return K_OK;
    case SQLITE_FULL:
        return K_ERR_FULL;
    case SQLITE_NOMEM:
        return K_ERR_NOMEM;
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_NOMEM)
            return K_ERR_NOMEM;
        if (err_no == ENOSPC || err_no == EDQUOT)
            return K_ERR_FULL;
        return K_ERR_IO;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return K_ERR_IO;
    default:
        return K_ERR_DB;
    }
}

k_err store_fail_at(sqlite3 *db, int rc, const char *where, const char *what)
{
    int err_no = (rc & 0xFF) == SQLITE_IOERR || (rc & 0xFF) == SQLITE_CANTOPEN
        ? io_errno(db) : 0;
    k_err e = map_sqlite(rc, err_no);
    LOG_E(MOD, "%s%s%s failed: %s (sqlite %d, errno %d): %s",
          where ? where : "", where ? ": " : "", what,
          db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc, err_no, k_strerror(e));
    return e;
}

k_err store_fail(sqlite3 *db, int rc, const char *what)
{
    return store_fail_at(db, rc, NULL, what);
}

int store_run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int store_begin(Store *s)
{
    return store_run(s->st[ST_BEGIN]);
}

void store_rollback(Store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return;
    int rc = store_run(s->st[ST_ROLLBACK]);
    if (rc != SQLITE_OK)
        store_fail(s->db, rc, "rollback");
}

/* Reads a one-row, one-column integer PRAGMA. */
static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Sets WAL mode and checks that SQLite really uses it. */
static k_err set_wal(sqlite3 *db, const char *path)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail_at(db, rc, path, "journal_mode");
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        k_err e = store_fail_at(db, rc, path, "journal_mode");
        sqlite3_finalize(st);
        return e;
    }
    const char *mode = (const char *)sqlite3_column_text(st, 0);
    bool wal = mode && sqlite3_stricmp(mode, "wal") == 0;
    if (!wal)
        LOG_E(MOD, "%s: journal mode is %s, not wal", path, mode ? mode : "unknown");
    sqlite3_finalize(st);
    return wal ? K_OK : K_ERR_DB;
}

/* Applies each migration step the database lacks, each in its own
 * transaction that also bumps user_version. The version is read inside the
 * transaction, so two processes opening at once do not both migrate. */
static k_err migrate(sqlite3 *db, const char *path)
{
    for (;;) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return store_fail_at(db, rc, path, "migration begin");
        int version = 0;
        rc = pragma_int(db, "PRAGMA user_version", &version);
        if (rc != SQLITE_OK)
            goto out_rollback;
        if (version > MIGRATION_COUNT) {
            LOG_E(MOD, "%s: schema version %d is newer than this build knows (%d)",
                  path, version, MIGRATION_COUNT);
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return K_ERR_DB;
        }
        if (version == MIGRATION_COUNT)
            return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK
                ? K_OK : store_fail_at(db, sqlite3_extended_errcode(db), path, "migration commit");
        rc = sqlite3_exec(db, migrations[version], NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            goto out_rollback;
        char bump[48];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version + 1);
        rc = sqlite3_exec(db, bump, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            goto out_rollback;
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            goto out_rollback;
        LOG_I(MOD, "%s: schema migrated to version %d", path, version + 1);
        continue;
out_rollback:;
        k_err e = store_fail_at(db, rc, path, "migration");
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return e;
    }
}

/* Opens path and sets the connection up, up to (not including) the
 * migration. *damaged is set when the file is not a database or fails the
 * integrity check; NULL is returned then, and *keep holds the connection
 * (for reading what it still has) or NULL. */
/* Opens path. alone: in exclusive locking mode, where WAL keeps its index in
 * this connection's memory instead of the shared -shm file, which a full
 * disk has no room for; no other connection can then open the file, and
 * one that holds it already makes this open fail at once (busy). */
static sqlite3 *open_conn(const char *path, bool alone, k_err *e, bool *damaged,
                          sqlite3 **keep)
{
    sqlite3 *db = NULL;
    const char *what = "open";
    *damaged = false;
    *keep = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK)
        goto out_close;
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, alone ? 0 : BUSY_TIMEOUT_MS);
    if (alone) {
        what = "locking_mode";
        rc = sqlite3_exec(db, "PRAGMA locking_mode=EXCLUSIVE", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            goto out_close;
    }
    /* a damaged file is kept as it is for IT: no checkpoint into it */
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    rc = SQLITE_OK;
    if (store_file_check(db, path, &rc) != K_OK) {
        if (rc == SQLITE_OK || store_file_damaged_rc(rc)) {
            *damaged = true;
            *keep = db;
            return NULL;
        }
        what = "integrity check";
        goto out_close;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
    what = "settings";
    rc = sqlite3_exec(db, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto out_close;
    *e = set_wal(db, path);
    if (*e != K_OK)
        goto out_quiet;
    what = "synchronous";
    rc = sqlite3_exec(db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto out_close;
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    return db;

out_close:
    if (store_file_damaged_rc(rc)) {
        *damaged = true;
        *keep = db;
        return NULL;
    }
    *e = store_fail_at(db, rc, path, what);
out_quiet:
    sqlite3_close(db);
    return NULL;
}

/* Moves a damaged database aside and opens a new one in its place, with
 * what could be read from the old one in *sv. */
static sqlite3 *replace_damaged(const char *path, sqlite3 *old, char *kept, size_t cap,
                                Salvage **sv, k_err *e)
{
    *sv = old ? store_salvage_read(old, path) : NULL;
    sqlite3_close(old);
    *e = store_file_move_aside(path, kept, cap);
    if (*e != K_OK)
        return NULL;
    LOG_E(MOD, "%s was damaged: moved to %s for IT; a new database is started", path, kept);
    *e = store_file_secure(path);
    if (*e != K_OK)
        return NULL;
    bool damaged;
    sqlite3 *again = NULL;
    sqlite3 *db = open_conn(path, false, e, &damaged, &again);
    if (damaged) {
        sqlite3_close(again);
        LOG_E(MOD, "%s: the new database fails its check too", path);
        *e = K_ERR_DB;
        return NULL;
    }
    return db;
}

/* The file this process holds alone (open_conn's alone), "" for none: a
 * second open of it would wait out the busy timeout and fail, so it fails
 * at once. Stores are opened and closed on the main thread. */
static char alone_path[PATH_MAX];

k_err store_conn_attach(Store *s, sqlite3 *db, const char *path)
{
    s->db = db;
    int page = 0;
    if (pragma_int(db, "PRAGMA page_size", &page) != SQLITE_OK || page < 512)
        page = 4096;
    /* all of it in the page (no overflow): a page less its headers */
    s->scrub_bytes = page - 64;
    for (int i = 0; i < ST_COUNT; i++) {
        int rc = sqlite3_prepare_v3(db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                    &s->st[i], NULL);
        if (rc != SQLITE_OK)
            return store_fail_at(db, rc, path, "prepare");
    }
    return K_OK;
}

sqlite3 *store_conn_open(const char *path, bool alone, k_err *e)
{
    bool damaged;
    sqlite3 *old = NULL;
    *e = K_OK;
    sqlite3 *db = open_conn(path, alone, e, &damaged, &old);
    if (damaged) {
        sqlite3_close(old);
        LOG_E(MOD, "%s: fails its check: left as it is until the kiosk restarts", path);
        *e = K_ERR_DB;
        return NULL;
    }
    if (db && (*e = migrate(db, path)) != K_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

void store_alone_mark(const char *path)
{
    snprintf(alone_path, sizeof alone_path, "%s", path ? path : "");
}

Store *store_open(const char *path, k_err *err)
{
    k_err e = K_OK;
    Store *s = NULL;
    sqlite3 *db = NULL, *old = NULL;
    Salvage *sv = NULL;
    char kept[sizeof s->recovered_from] = "";
    bool damaged = false, alone = false;

    if (!ensure_sodium()) {
        e = K_ERR_DB;
        goto out;
    }
    mem_wipe_init();    /* before this process's first SQLite call */
    e = store_file_secure(path);
    if (e != K_OK)
        goto out;
    if (alone_path[0] && strcmp(alone_path, path) == 0) {
        e = K_ERR_FULL;
        LOG_E(MOD, "%s: %s: held alone by this program", path, k_strerror(e));
        goto out;
    }
    db = open_conn(path, false, &e, &damaged, &old);
    if (!db && !damaged && e == K_ERR_FULL) {
        /* no room for the WAL's shared index: open for this process alone, so
         * the kiosk still starts, shows what it has and saves again once
         * space is freed */
        LOG_E(MOD, "%s: storage is full: opened for this program alone until space is "
              "freed (other programs and the uploader cannot open it)", path);
        db = open_conn(path, true, &e, &damaged, &old);
        alone = db != NULL;
    }
    if (damaged)
        db = replace_damaged(path, old, kept, sizeof kept, &sv, &e);
    if (!db)
        goto out_salvage;
    e = migrate(db, path);
    if (e != K_OK)
        goto out_close;

    s = calloc(1, sizeof *s);
    if (!s) {
        e = K_ERR_NOMEM;
        LOG_E(MOD, "%s: %s", path, k_strerror(e));
        goto out_close;
    }
    e = store_conn_attach(s, db, path);
    if (e != K_OK) {
        store_close(s);
        s = NULL;
        goto out_salvage;
    }
    snprintf(s->recovered_from, sizeof s->recovered_from, "%s", kept);
    if (alone) {
        s->alone = true;
        store_alone_mark(path);
    }
    if (sv)
        store_salvage_write(s, sv);
    sv = NULL;
    goto out;

out_close:
    sqlite3_close(db);
out_salvage:
    store_salvage_free(sv);
out:
    if (err)
        *err = e;
    return s;
}

const char *store_recovered_from(const Store *s)
{
    return s && s->recovered_from[0] ? s->recovered_from : NULL;
}

void store_close(Store *s)
{
    if (!s)
        return;
    if (s->alone)
        alone_path[0] = '\0';
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    if (sqlite3_close(s->db) != SQLITE_OK)
        LOG_E(MOD, "close failed: %s", sqlite3_errmsg(s->db));
    sodium_memzero(s, sizeof *s);
    free(s);
}

void store_set_record_key(Store *s, const unsigned char *pk32)
{
    s->sealed = pk32 != NULL;
    if (pk32)
        memcpy(s->record_pk, pk32, sizeof s->record_pk);
    else
        sodium_memzero(s->record_pk, sizeof s->record_pk);
}

void store_uuid4(char out[37])
{
    unsigned char b[16];
    ensure_sodium();
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);   /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);   /* variant 10xx */
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
             b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* ---- records ---- */

/* Adds today's attendance row of check-in r, made at now. */
static int insert_attendance(Store *s, const CheckinRecord *r, const char *id, time_t now)
{
    char day[11], hhmm[6];
    struct tm tm;
    if (!clock_local(now, &tm))
        return SQLITE_MISUSE;
    strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
    clock_local_day(now, day);
    int children = 0;
    for (int b = 0; b < BAND_COUNT; b++)
        children += r->children[b];
    sqlite3_stmt *st = s->st[ST_ATTEND_ADD];
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hhmm, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, r->session_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->session_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, r->adults);
    sqlite3_bind_int(st, 7, children);
    sqlite3_bind_int(st, 8, r->first_visit ? 1 : 0);
    sqlite3_bind_text(st, 9, id, -1, SQLITE_STATIC);
    return store_run(st);
}

k_err store_add_record(Store *s, const Record *rec, time_t now, char id_out[37])
{
    const char *bad = NULL;
    if (record_validate(rec, &bad) != K_OK) {
        LOG_W(MOD, "%s record refused: field %s", record_type_name(rec->type), bad);
        return K_ERR_INVALID;
    }
    struct tm tm;
    if (!clock_local(now, &tm))
        return K_ERR_INVALID;

    char id[37], created[21];
    clock_rfc3339(now, created);
    store_uuid4(id);

    char *payload = NULL;
    k_err e = record_payload(rec, s->sealed ? s->record_pk : NULL, &payload);
    if (e != K_OK) {
        LOG_E(MOD, "%s payload not made: %s%s", record_type_name(rec->type), k_strerror(e),
              e == K_ERR_INVALID ? " (record key refused)" : "");
        return e;
    }

    const char *what = "record begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    sqlite3_stmt *st = s->st[ST_OUTBOX_ADD];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, record_type_name(rec->type), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, RECORD_SCHEMA);
    sqlite3_bind_text(st, 4, created, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, payload, -1, SQLITE_STATIC);
    what = "record outbox insert";
    rc = store_run(st);
    if (rc != SQLITE_OK)
        goto out_rollback;
    if (rec->type == REC_CHECKIN) {
        what = "record attendance insert";
        rc = insert_attendance(s, &rec->u.checkin, id, now);
        if (rc == SQLITE_OK)   /* what the day's counts need beside it */
            rc = store_day_note(s, &rec->u.checkin);
        if (rc != SQLITE_OK)
            goto out_rollback;
    }
    what = "record commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    memcpy(id_out, id, sizeof id);
    goto out_free;

out_rollback:
    e = store_fail(s->db, rc, what);
    store_rollback(s);
out_free:
    record_free_text(payload);
    return e;
}

k_err store_add_checkin(Store *s, const CheckinRecord *rec, time_t now, char id_out[37])
{
    Record r;
    r.type = REC_CHECKIN;
    r.u.checkin = *rec;
    k_err e = store_add_record(s, &r, now, id_out);
    record_wipe(&r);
    return e;
}

/* ---- attendance ---- */

/* Copies src into dst (cap bytes), cut if it must be before a character,
 * never inside one. */
static void copy_whole_chars(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    copy_whole_chars(dst, cap, v ? v : "");
}

k_err store_attendance(Store *s, const char *day, AttendanceFn fn, void *ud)
{
    sqlite3_stmt *st = s->st[ST_ATTEND_LIST];
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    int rc;
    AttendanceRow row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&row, 0, sizeof row);
        copy_col(st, 0, row.time_hhmm, sizeof row.time_hhmm);
        copy_col(st, 1, row.session_id, sizeof row.session_id);
        copy_col(st, 2, row.session_name, sizeof row.session_name);
        copy_col(st, 3, row.first_name, sizeof row.first_name);
        row.adults = sqlite3_column_int(st, 4);
        row.children = sqlite3_column_int(st, 5);
        row.first_visit = sqlite3_column_int(st, 6) != 0;
        fn(ud, &row);
    }
    sodium_memzero(&row, sizeof row);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    store_forget_pages(s);   /* the pages read hold the day's names */
    return rc == SQLITE_DONE ? K_OK : store_fail(s->db, rc, "attendance list");
}

/* Copies the WAL into the database and truncates it, so that deleted rows
 * survive in neither. */
static void checkpoint_truncate(Store *s)
{
    int log_frames = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                       &done);
    if (rc != SQLITE_OK)
        LOG_W(MOD, "checkpoint after purge not finished (sqlite %d: %s): the next purge "
              "retries", rc, sqlite3_errmsg(s->db));
}

k_err store_purge_before(Store *s, const char *day)
{
    const char *what = "purge begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, what);
    sqlite3_bind_text(s->st[ST_PURGE_ATTEND], 1, day, -1, SQLITE_TRANSIENT);
    what = "purge attendance";
    rc = store_run(s->st[ST_PURGE_ATTEND]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    sqlite3_bind_text(s->st[ST_PURGE_OUTBOX], 1, day, -1, SQLITE_TRANSIENT);
    what = "purge outbox";
    rc = store_run(s->st[ST_PURGE_OUTBOX]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "purge commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    checkpoint_truncate(s);
    return K_OK;

out_rollback:;
    k_err e = store_fail(s->db, rc, what);
    store_rollback(s);
    return e;
}
