/* store.c — the kiosk's SQLite database: schema, migrations, records,
 * attendance and small device state. */
#include "kiosk/store.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "store"
#define BUSY_TIMEOUT_MS 5000
#define MAX_PARTY 20        /* adults, and children in each band */
#define MAX_NAME_CP 40

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
};

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* Statements prepared once at open and reset after each use. */
enum {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_OUTBOX_ADD, ST_ATTEND_ADD, ST_ATTEND_LIST,
    ST_PURGE_ATTEND, ST_PURGE_OUTBOX, ST_OUTBOX_COUNTS, ST_OUTBOX_EACH,
    ST_KV_GET, ST_KV_SET,
    ST_COUNT
};

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
        "SELECT id, type, schema, created_at, payload, state FROM outbox ORDER BY seq",
    [ST_KV_GET] = "SELECT value FROM kv WHERE key = ?1",
    [ST_KV_SET] = "INSERT INTO kv(key, value) VALUES(?1, ?2) "
                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
};

struct Store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    bool sealed;
    unsigned char record_pk[crypto_box_PUBLICKEYBYTES];
};

static const char *const band_names[BAND_COUNT] = {
    [BAND_PREGNANT] = "pregnant", [BAND_0_1] = "0-1", [BAND_1_4] = "1-4",
    [BAND_5_11] = "5-11", [BAND_12_16] = "12-16", [BAND_17_19] = "17-19",
    [BAND_20_25_SEND] = "20-25-send",
};

const char *store_band_name(AgeBand b)
{
    if ((int)b < 0 || b >= BAND_COUNT)
        return "";
    return band_names[b];
}

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

/* Maps rc and writes the one log line for a failure; where (the path, or
 * NULL) is named when given. */
static k_err fail_at(sqlite3 *db, int rc, const char *where, const char *what)
{
    int err_no = (rc & 0xFF) == SQLITE_IOERR || (rc & 0xFF) == SQLITE_CANTOPEN
        ? io_errno(db) : 0;
    k_err e = map_sqlite(rc, err_no);
    LOG_E(MOD, "%s%s%s failed: %s (sqlite %d, errno %d): %s",
          where ? where : "", where ? ": " : "", what,
          db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc, err_no, k_strerror(e));
    return e;
}

static k_err fail(sqlite3 *db, int rc, const char *what)
{
    return fail_at(db, rc, NULL, what);
}

/* Steps a statement that returns no rows; resets it and clears bindings.
 * Returns SQLITE_OK or the step's error code. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Undoes the open transaction, if SQLite has not already done so. */
static void rollback(Store *s)
{
    if (sqlite3_get_autocommit(s->db))
        return;
    int rc = run(s->st[ST_ROLLBACK]);
    if (rc != SQLITE_OK)
        fail(s->db, rc, "rollback");
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
        return fail_at(db, rc, path, "journal_mode");
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        k_err e = fail_at(db, rc, path, "journal_mode");
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
            return fail_at(db, rc, path, "migration begin");
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
                ? K_OK : fail_at(db, sqlite3_extended_errcode(db), path, "migration commit");
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
        k_err e = fail_at(db, rc, path, "migration");
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return e;
    }
}

Store *store_open(const char *path, k_err *err)
{
    k_err e = K_OK;
    Store *s = NULL;
    sqlite3 *db = NULL;
    int rc;

    if (!ensure_sodium()) {
        e = K_ERR_DB;
        goto out;
    }
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        e = fail_at(db, rc, path, "open");
        goto out_close;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    rc = sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        e = fail_at(db, rc, path, "foreign_keys");
        goto out_close;
    }
    e = set_wal(db, path);
    if (e != K_OK)
        goto out_close;
    rc = sqlite3_exec(db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        e = fail_at(db, rc, path, "synchronous");
        goto out_close;
    }
    e = migrate(db, path);
    if (e != K_OK)
        goto out_close;

    s = calloc(1, sizeof *s);
    if (!s) {
        e = K_ERR_NOMEM;
        LOG_E(MOD, "%s: %s", path, k_strerror(e));
        goto out_close;
    }
    s->db = db;
    for (int i = 0; i < ST_COUNT; i++) {
        rc = sqlite3_prepare_v3(db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL);
        if (rc != SQLITE_OK) {
            e = fail_at(db, rc, path, "prepare");
            store_close(s);
            s = NULL;
            goto out;
        }
    }
    goto out;

out_close:
    sqlite3_close(db);
out:
    if (err)
        *err = e;
    return s;
}

void store_close(Store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    if (sqlite3_close(s->db) != SQLITE_OK)
        LOG_E(MOD, "close failed: %s", sqlite3_errmsg(s->db));
    sodium_memzero(s, sizeof *s);
    free(s);
}

k_err store_limit_pages(Store *s, long max_pages)
{
    if (max_pages < 1)
        return K_ERR_INVALID;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", max_pages);
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? K_OK : fail(s->db, rc, "max_page_count");
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

/* ---- validation ---- */

/* True when field (an array of cap bytes) is NUL-terminated within it and
 * is either "" (when allowed) or clean visitor text of at most max_cp code
 * points. */
static bool text_ok(const char *field, size_t cap, size_t max_cp, bool required)
{
    if (!memchr(field, '\0', cap))
        return false;
    if (field[0] == '\0')
        return !required;
    return utf8_is_clean_text(field, max_cp);
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alnum(char c)
{
    return is_digit(c) || is_upper(c) || (c >= 'a' && c <= 'z');
}

/* A UK outward code: A9, A99, A9A, AA9, AA99, AA9A (uppercase, no space). */
static bool outward_code_ok(const char *p, size_t cap)
{
    if (!memchr(p, '\0', cap))
        return false;
    size_t i = 0;
    if (!is_upper(p[i++]))
        return false;
    if (is_upper(p[i]))
        i++;
    if (!is_digit(p[i++]))
        return false;
    if (is_digit(p[i]) || is_upper(p[i]))
        i++;
    return p[i] == '\0';
}

/* A BCP 47-shaped tag: subtags of 1..8 ASCII letters or digits joined by
 * '-', the first of 2..8 letters. */
static bool language_ok(const char *tag, size_t cap)
{
    if (!memchr(tag, '\0', cap) || tag[0] == '\0')
        return false;
    size_t run = 0;
    bool first = true;
    for (const char *p = tag;; p++) {
        if (*p == '-' || *p == '\0') {
            if (run < (first ? 2u : 1u) || run > 8)
                return false;
            if (*p == '\0')
                return true;
            run = 0;
            first = false;
        } else if (is_alnum(*p) && !(first && is_digit(*p))) {
            run++;
        } else {
            return false;
        }
    }
}

static bool checkin_ok(const CheckinRecord *r)
{
    if (r->adults < 1 || r->adults > MAX_PARTY)
        return false;
    for (int b = 0; b < BAND_COUNT; b++)
        if (r->children[b] < 0 || r->children[b] > MAX_PARTY)
            return false;
    return text_ok(r->session_id, sizeof r->session_id, sizeof r->session_id, true)
        && text_ok(r->session_name, sizeof r->session_name, sizeof r->session_name, true)
        && text_ok(r->first_name, sizeof r->first_name, MAX_NAME_CP, false)
        && (r->postcode_district[0] == '\0'
            || outward_code_ok(r->postcode_district, sizeof r->postcode_district))
        && language_ok(r->language, sizeof r->language)
        && text_ok(r->consent_version, sizeof r->consent_version,
                   sizeof r->consent_version, true);
}

/* ---- payloads ---- */

/* The checkin payload as compact JSON (central-api.md, schema 1), in a
 * malloc'd string, or NULL when memory ran out. */
static char *checkin_json(const CheckinRecord *r)
{
    json_t *o = json_object();
    json_t *kids = json_array();
    char *out = NULL;
    int bad = !o || !kids;
    for (int b = 0; !bad && b < BAND_COUNT; b++)
        for (int n = 0; !bad && n < r->children[b]; n++)
            bad |= json_array_append_new(kids, json_string(band_names[b]));
    if (bad) {
        json_decref(kids);
        goto out;
    }
    bad |= json_object_set_new(o, "session_id", json_string(r->session_id));
    bad |= json_object_set_new(o, "session_name", json_string(r->session_name));
    bad |= json_object_set_new(o, "adults", json_integer(r->adults));
    bad |= json_object_set_new(o, "children", kids);
    bad |= json_object_set_new(o, "first_visit", json_boolean(r->first_visit));
    bad |= json_object_set_new(o, "language", json_string(r->language));
    if (r->first_name[0])
        bad |= json_object_set_new(o, "first_name", json_string(r->first_name));
    if (r->postcode_district[0])
        bad |= json_object_set_new(o, "postcode_district", json_string(r->postcode_district));
    bad |= json_object_set_new(o, "consent_version", json_string(r->consent_version));
    if (!bad)
        out = json_dumps(o, JSON_COMPACT);
out:
    json_decref(o);
    return out;
}

/* Wraps clear JSON as {"sealed":"<base64 of crypto_box_seal(clear)>"} in a
 * malloc'd string at *out. Returns K_ERR_NOMEM when memory ran out and
 * K_ERR_INVALID when the key is not one a box can be sealed to. */
static k_err seal_json(const unsigned char pk[crypto_box_PUBLICKEYBYTES], const char *clear,
                       char **out)
{
    size_t mlen = strlen(clear);
    size_t clen = crypto_box_SEALBYTES + mlen;
    size_t b64len = sodium_base64_ENCODED_LEN(clen, sodium_base64_VARIANT_ORIGINAL);
    unsigned char *c = malloc(clen);
    char *b64 = malloc(b64len);
    k_err e = K_ERR_NOMEM;
    *out = NULL;
    if (!c || !b64)
        goto out_free;
    if (crypto_box_seal(c, (const unsigned char *)clear, mlen, pk) != 0) {
        e = K_ERR_INVALID;
        goto out_free;
    }
    sodium_bin2base64(b64, b64len, c, clen, sodium_base64_VARIANT_ORIGINAL);
    json_t *o = json_pack("{s:s}", "sealed", b64);
    if (o)
        *out = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (*out)
        e = K_OK;
out_free:
    free(b64);
    free(c);
    return e;
}

static void free_clear(char *s)
{
    if (s) {
        sodium_memzero(s, strlen(s));
        free(s);
    }
}

/* ---- check-ins ---- */

k_err store_add_checkin(Store *s, const CheckinRecord *rec, time_t now, char id_out[37])
{
    if (!checkin_ok(rec))
        return K_ERR_INVALID;

    char id[37], created[21], day[11], hhmm[6];
    struct tm tm;
    if (!clock_local(now, &tm))
        return K_ERR_INVALID;
    strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
    clock_local_day(now, day);
    clock_rfc3339(now, created);
    store_uuid4(id);

    int children = 0;
    for (int b = 0; b < BAND_COUNT; b++)
        children += rec->children[b];

    k_err e = K_OK;
    char *clear = checkin_json(rec);
    char *payload = clear;
    if (!clear)
        e = K_ERR_NOMEM;
    else if (s->sealed)
        e = seal_json(s->record_pk, clear, &payload);
    if (e != K_OK) {
        LOG_E(MOD, "checkin payload not made: %s%s", k_strerror(e),
              e == K_ERR_INVALID ? " (record key refused)" : "");
        free_clear(clear);
        return e;
    }

    const char *what;
    int rc = run(s->st[ST_BEGIN]);
    if (rc != SQLITE_OK) {
        e = fail(s->db, rc, "checkin begin");
        goto out_free;
    }

    sqlite3_stmt *st = s->st[ST_OUTBOX_ADD];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "checkin", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, 1);
    sqlite3_bind_text(st, 4, created, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, payload, -1, SQLITE_STATIC);
    what = "checkin outbox insert";
    rc = run(st);
    if (rc != SQLITE_OK)
        goto out_rollback;

    st = s->st[ST_ATTEND_ADD];
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hhmm, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, rec->session_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, rec->session_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, rec->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, rec->adults);
    sqlite3_bind_int(st, 7, children);
    sqlite3_bind_int(st, 8, rec->first_visit ? 1 : 0);
    sqlite3_bind_text(st, 9, id, -1, SQLITE_STATIC);
    what = "checkin attendance insert";
    rc = run(st);
    if (rc != SQLITE_OK)
        goto out_rollback;

    what = "checkin commit";
    rc = run(s->st[ST_COMMIT]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    memcpy(id_out, id, sizeof id);
    goto out_free;

out_rollback:
    e = fail(s->db, rc, what);
    rollback(s);
out_free:
    if (payload != clear)
        free(payload);
    free_clear(clear);
    return e;
}

/* Copies column col of st into dst (cap bytes), truncated if it must be. */
static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

k_err store_attendance(Store *s, const char *day, AttendanceFn fn, void *ud)
{
    sqlite3_stmt *st = s->st[ST_ATTEND_LIST];
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        AttendanceRow row;
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
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? K_OK : fail(s->db, rc, "attendance list");
}

k_err store_purge_before(Store *s, const char *day)
{
    const char *what = "purge begin";
    int rc = run(s->st[ST_BEGIN]);
    if (rc != SQLITE_OK)
        return fail(s->db, rc, what);
    sqlite3_bind_text(s->st[ST_PURGE_ATTEND], 1, day, -1, SQLITE_TRANSIENT);
    what = "purge attendance";
    rc = run(s->st[ST_PURGE_ATTEND]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    sqlite3_bind_text(s->st[ST_PURGE_OUTBOX], 1, day, -1, SQLITE_TRANSIENT);
    what = "purge outbox";
    rc = run(s->st[ST_PURGE_OUTBOX]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "purge commit";
    rc = run(s->st[ST_COMMIT]);
    if (rc != SQLITE_OK)
        goto out_rollback;
    return K_OK;

out_rollback:;
    k_err e = fail(s->db, rc, what);
    rollback(s);
    return e;
}

k_err store_outbox_counts(Store *s, OutboxCounts *out)
{
    sqlite3_stmt *st = s->st[ST_OUTBOX_COUNTS];
    OutboxCounts c = { 0, 0, 0 };
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *state = (const char *)sqlite3_column_text(st, 0);
        int n = sqlite3_column_int(st, 1);
        if (!state)
            continue;
        if (strcmp(state, "pending") == 0)
            c.pending = n;
        else if (strcmp(state, "rejected") == 0)
            c.rejected = n;
        else if (strcmp(state, "acked") == 0)
            c.acked = n;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return fail(s->db, rc, "outbox counts");
    *out = c;
    return K_OK;
}

k_err store_outbox_each(Store *s, OutboxFn fn, void *ud)
{
    sqlite3_stmt *st = s->st[ST_OUTBOX_EACH];
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        OutboxRow row;
        memset(&row, 0, sizeof row);
        copy_col(st, 0, row.id, sizeof row.id);
        copy_col(st, 1, row.type, sizeof row.type);
        row.schema = sqlite3_column_int(st, 2);
        copy_col(st, 3, row.created_at, sizeof row.created_at);
        row.payload = (const char *)sqlite3_column_text(st, 4);
        if (!row.payload)
            row.payload = "";
        copy_col(st, 5, row.state, sizeof row.state);
        fn(ud, &row);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? K_OK : fail(s->db, rc, "outbox list");
}

/* ---- key-value state ---- */

k_err store_kv_get(Store *s, const char *key, char *out, size_t cap)
{
    if (cap > 0)
        out[0] = '\0';
    sqlite3_stmt *st = s->st[ST_KV_GET];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    k_err e;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        size_t n = v ? (size_t)sqlite3_column_bytes(st, 0) : 0;
        if (n + 1 > cap) {
            e = K_ERR_TOO_LONG;
        } else {
            memcpy(out, v ? v : "", n);
            out[n] = '\0';
            e = K_OK;
        }
    } else if (rc == SQLITE_DONE) {
        e = K_ERR_NOT_FOUND;
    } else {
        e = fail(s->db, rc, "kv get");
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return e;
}

k_err store_kv_set(Store *s, const char *key, const char *value)
{
    if (!key || !key[0] || !value)
        return K_ERR_INVALID;
    sqlite3_stmt *st = s->st[ST_KV_SET];
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    int rc = run(st);
    return rc == SQLITE_OK ? K_OK : fail(s->db, rc, "kv set");
}
