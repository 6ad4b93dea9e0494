/* store_day.c — the day's end in the store (see "the day's end" in
 * include/kiosk/store.h): the clear facts a check-in leaves for the day's
 * counts, the closing transaction that turns the day's attendance into
 * counts and deletes it with the acknowledged records, the tidy-up after it
 * (VACUUM, WAL checkpoint) and the counts read back for the staff view. */
#include "store_private.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"

#define MOD STORE_MOD

/* Created on first use, like the requests table, so that no schema step is
 * needed. attendance_reach holds, beside a check-in's attendance row and
 * for as long as it, what the reach counts need that the attendance row
 * does not: the language shown and the postcode district (the payload may
 * be sealed, so it cannot be read back). day_totals has one row per local
 * day and hub; day_counts one per day, hub, kind ("session", "language",
 * "district") and key, with how many check-ins had it. No names. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS attendance_reach("
    "  attendance_id INTEGER PRIMARY KEY REFERENCES attendance(id) ON DELETE CASCADE,"
    "  language TEXT NOT NULL,"
    "  district TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS day_totals("
    "  day TEXT NOT NULL,"
    "  hub TEXT NOT NULL,"
    "  sessions INTEGER NOT NULL,"
    "  checkins INTEGER NOT NULL,"
    "  adults INTEGER NOT NULL,"
    "  children INTEGER NOT NULL,"
    "  first_visits INTEGER NOT NULL,"
    "  PRIMARY KEY(day, hub));"
    "CREATE TABLE IF NOT EXISTS day_counts("
    "  day TEXT NOT NULL,"
    "  hub TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  n INTEGER NOT NULL,"
    "  PRIMARY KEY(day, hub, kind, key));";

/* The closing transaction's statements, in order; ?1 is the last day
 * closed (YYYY-MM-DD), ?2 the hub. Each count is added to what an earlier
 * close of the same day left (check-ins saved after it), and the rows
 * counted are deleted in the same transaction, so nothing is counted
 * twice. */
static const char *const close_sql[] = {
    "INSERT INTO day_counts(day, hub, kind, key, n) "
    "SELECT day, ?2, 'session', session_id, count(*) FROM attendance WHERE day <= ?1 "
    "GROUP BY day, session_id "
    "ON CONFLICT(day, hub, kind, key) DO UPDATE SET n = n + excluded.n",
    "INSERT INTO day_counts(day, hub, kind, key, n) "
    "SELECT a.day, ?2, 'language', r.language, count(*) FROM attendance a "
    "JOIN attendance_reach r ON r.attendance_id = a.id WHERE a.day <= ?1 AND r.language <> '' "
    "GROUP BY a.day, r.language "
    "ON CONFLICT(day, hub, kind, key) DO UPDATE SET n = n + excluded.n",
    "INSERT INTO day_counts(day, hub, kind, key, n) "
    "SELECT a.day, ?2, 'district', r.district, count(*) FROM attendance a "
    "JOIN attendance_reach r ON r.attendance_id = a.id WHERE a.day <= ?1 AND r.district <> '' "
    "GROUP BY a.day, r.district "
    "ON CONFLICT(day, hub, kind, key) DO UPDATE SET n = n + excluded.n",
    "INSERT INTO day_totals(day, hub, sessions, checkins, adults, children, first_visits) "
    "SELECT day, ?2, 0, count(*), sum(adults), sum(children), sum(first_visit) "
    "FROM attendance WHERE day <= ?1 GROUP BY day "
    "ON CONFLICT(day, hub) DO UPDATE SET checkins = checkins + excluded.checkins, "
    "adults = adults + excluded.adults, children = children + excluded.children, "
    "first_visits = first_visits + excluded.first_visits",
    "UPDATE day_totals SET sessions = (SELECT count(*) FROM day_counts c "
    "WHERE c.day = day_totals.day AND c.hub = day_totals.hub AND c.kind = 'session') "
    "WHERE hub = ?2 AND day IN (SELECT day FROM attendance WHERE day <= ?1)",
    "DELETE FROM attendance_reach WHERE attendance_id IN "
    "(SELECT id FROM attendance WHERE day <= ?1)",
    "DELETE FROM attendance WHERE day <= ?1",
    "DELETE FROM outbox WHERE state = 'acked' AND acked_at IS NOT NULL "
    "AND date(acked_at, 'localtime') <= ?1",
    "INSERT INTO kv(key, value) VALUES('" STORE_DAY_KV_CLOSED "', ?1) "
    "ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)",
    "INSERT INTO kv(key, value) VALUES('" STORE_DAY_KV_TIDY "', 'vacuum') "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
};

#define CLOSE_STEPS (sizeof close_sql / sizeof close_sql[0])
#define CLOSE_COUNTED 5   /* the statements before this one count */
#define CLOSE_TIDY (CLOSE_STEPS - 1)   /* the last marks a VACUUM due */

static StoreDayHook hook;
static void *hook_ud;

void store_day_set_hook(StoreDayHook fn, void *ud)
{
    hook = fn;
    hook_ud = ud;
}

static void at(StoreDayStep step)
{
    if (hook)
        hook(step, hook_ud);
}

/* Runs sql with ?1 = t1 and ?2 = t2 (either may be absent from sql).
 * Returns the SQLite code. */
static int run2(sqlite3 *db, const char *sql, const char *t1, const char *t2)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1)
        sqlite3_bind_text(st, 1, t1, -1, SQLITE_STATIC);
    if (np >= 2)
        sqlite3_bind_text(st, 2, t2, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int store_day_note(Store *s, const CheckinRecord *r)
{
    int rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            "INSERT INTO attendance_reach(attendance_id, language, district) "
                            "VALUES(?1, ?2, ?3)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(s->db));
    sqlite3_bind_text(st, 2, r->language, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->postcode_district, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copies the WAL into the database and truncates it. False (logged) when
 * another connection's read kept it from finishing. */
static bool checkpoint_truncate(Store *s)
{
    int rc = sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    if (rc != SQLITE_OK)
        LOG_W(MOD, "checkpoint not finished (sqlite %d: %s): tried again later", rc,
              sqlite3_errmsg(s->db));
    return rc == SQLITE_OK;
}

k_err store_day_close(Store *s, const char *hub, const char *day, int *closed)
{
    if (!hub || !day || strlen(day) != 10)
        return K_ERR_INVALID;
    const char *what = "day end begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "day end tables";
    rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto out_rollback;
    int rows = 0, deleted = 0;
    for (size_t i = 0; i < CLOSE_STEPS; i++) {
        if (i == CLOSE_COUNTED)
            at(STORE_DAY_COUNTED);
        if (i == CLOSE_TIDY && deleted == 0)
            break;      /* nothing deleted: no VACUUM due */
        what = "day end step";
        rc = run2(s->db, close_sql[i], day, hub);
        if (rc != SQLITE_OK)
            goto out_rollback;
        if (strncmp(close_sql[i], "DELETE FROM attendance WHERE", 28) == 0)
            rows = sqlite3_changes(s->db);
        if (strncmp(close_sql[i], "DELETE", 6) == 0)
            deleted += sqlite3_changes(s->db);
    }
    at(STORE_DAY_DELETED);
    what = "day end commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    if (closed)
        *closed = rows;
    at(STORE_DAY_COMMITTED);
    checkpoint_truncate(s);
    at(STORE_DAY_CHECKPOINTED);
    return K_OK;

out_rollback:;
    k_err e = store_fail(s->db, rc, what);
    store_rollback(s);
    store_forget_pages(s);   /* the pages read hold the day's names */
    return e;
}

/* True when a row comes back from sql with ?1 = day. */
static k_err exists(Store *s, const char *sql, const char *day, bool *yes)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "day end check");
    if (day)
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s->db, rc, "day end check");
    *yes = rc == SQLITE_ROW;
    return K_OK;
}

k_err store_day_pending(Store *s, const char *day, bool *pending)
{
    *pending = false;
    bool a = false, o = false;
    k_err e = exists(s, "SELECT 1 FROM attendance WHERE day <= ?1 LIMIT 1", day, &a);
    if (e == K_OK)
        e = exists(s,
                   "SELECT 1 FROM outbox WHERE state = 'acked' AND acked_at IS NOT NULL "
                   "AND date(acked_at, 'localtime') <= ?1 LIMIT 1", day, &o);
    *pending = a || o;
    store_forget_pages(s);   /* the outbox pages read may hold payloads */
    return e;
}

k_err store_day_tidy(Store *s, bool *done)
{
    char flag[16];
    *done = false;
    k_err e = store_kv_get(s, STORE_DAY_KV_TIDY, flag, sizeof flag);
    if (e == K_ERR_NOT_FOUND) {
        *done = true;
        return K_OK;
    }
    if (e != K_OK)
        return e;
    if (!strcmp(flag, "vacuum")) {
        at(STORE_DAY_VACUUM);
        int rc = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
        store_forget_pages(s);
        if (rc != SQLITE_OK)
            return store_fail(s->db, rc, "vacuum");
        at(STORE_DAY_VACUUMED);
        e = store_kv_set(s, STORE_DAY_KV_TIDY, "checkpoint");
        if (e != K_OK)
            return e;
    }
    if (!checkpoint_truncate(s))
        return K_OK;
    at(STORE_DAY_TIDIED);
    int rc = run2(s->db, "DELETE FROM kv WHERE key = '" STORE_DAY_KV_TIDY "'", NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "tidy flag");
    /* the flag's deletion is the WAL's only frame: it holds nothing else */
    checkpoint_truncate(s);
    *done = true;
    return K_OK;
}

k_err store_day_totals(Store *s, const char *hub, const char *from, const char *to,
                       StoreDayTotals *out, int cap, int *n)
{
    *n = 0;
    int rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "day end tables");
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT day, sessions, checkins, adults, children, first_visits "
                            "FROM day_totals WHERE hub = ?1 AND day >= ?2 AND day <= ?3 "
                            "ORDER BY day", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "day totals");
    sqlite3_bind_text(st, 1, hub, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < cap) {
        StoreDayTotals *t = &out[(*n)++];
        const char *d = (const char *)sqlite3_column_text(st, 0);
        snprintf(t->day, sizeof t->day, "%s", d ? d : "");
        t->sessions = sqlite3_column_int(st, 1);
        t->checkins = sqlite3_column_int(st, 2);
        t->adults = sqlite3_column_int(st, 3);
        t->children = sqlite3_column_int(st, 4);
        t->first_visits = sqlite3_column_int(st, 5);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? K_OK : store_fail(s->db, rc, "day totals");
}

k_err store_day_keys(Store *s, const char *hub, const char *from, const char *to,
                     const char *kind, StoreDayKeyFn fn, void *ud)
{
    int rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "day end tables");
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT key, sum(n) FROM day_counts WHERE hub = ?1 AND day >= ?2 "
                            "AND day <= ?3 AND kind = ?4 GROUP BY key ORDER BY sum(n) DESC, key",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "day counts");
    sqlite3_bind_text(st, 1, hub, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        fn(ud, k ? k : "", sqlite3_column_int(st, 1));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? K_OK : store_fail(s->db, rc, "day counts");
}
