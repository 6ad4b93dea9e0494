/* store_requests.c — callback and advocate requests and feedback comments
 * in the store (see "callback and advocate requests" in
 * include/kiosk/store.h): the outbox row and the day's count row in one
 * transaction, the day's counts for the staff view, a rating's comment. */
#include "store_private.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

#define MOD STORE_MOD

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS requests("
    "  id TEXT PRIMARY KEY,"
    "  day TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  urgent INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS requests_day ON requests(day);";

/* Runs one statement with up to four text/integer bindings (NULL text ends
 * the texts). Returns the SQLite code. */
static int run_sql(sqlite3 *db, const char *sql, const char *t1, const char *t2,
                   const char *t3, long n4)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    const char *t[] = { t1, t2, t3 };
    for (int i = 0; i < 3 && t[i]; i++)
        sqlite3_bind_text(st, i + 1, t[i], -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 4)
        sqlite3_bind_int64(st, 4, n4);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* The outbox row of rec under a new id (inside the caller's transaction). */
static int insert_outbox(Store *s, const Record *rec, const char *payload, time_t now,
                         char id[37])
{
    char created[21];
    clock_rfc3339(now, created);
    store_uuid4(id);
    sqlite3_stmt *st = s->st[ST_OUTBOX_ADD];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, record_type_name(rec->type), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, RECORD_SCHEMA);
    sqlite3_bind_text(st, 4, created, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, payload, -1, SQLITE_STATIC);
    return store_run(st);
}

/* The payload as stored: validated, built, sealed when a key is set. */
static k_err make_payload(Store *s, const Record *rec, char **payload)
{
    const char *bad = NULL;
    *payload = NULL;
    if (record_validate(rec, &bad) != K_OK) {
        LOG_W(MOD, "%s record refused: field %s", record_type_name(rec->type), bad);
        return K_ERR_INVALID;
    }
    k_err e = record_payload(rec, s->sealed ? s->record_pk : NULL, payload);
    if (e != K_OK)
        LOG_E(MOD, "%s payload not made: %s", record_type_name(rec->type), k_strerror(e));
    return e;
}

k_err store_add_request(Store *s, const Record *rec, bool urgent, time_t now, char id_out[37])
{
    if (rec->type != REC_CALLBACK && rec->type != REC_ADVOCATE)
        return K_ERR_INVALID;
    char day[11], id[37];
    clock_local_day(now, day);
    char *payload = NULL;
    k_err e = make_payload(s, rec, &payload);
    if (e != K_OK)
        return e;
    const char *what = "request begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "requests table";
    rc = sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "request outbox insert";
    rc = insert_outbox(s, rec, payload, now, id);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "request count insert";
    rc = run_sql(s->db, "INSERT INTO requests(id, day, type, urgent) VALUES(?1, ?2, ?3, ?4)", id,
                 day, record_type_name(rec->type), urgent ? 1 : 0);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "request purge of earlier days";
    rc = run_sql(s->db, "DELETE FROM requests WHERE day < ?1", day, NULL, NULL, 0);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "request commit";
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

k_err store_request_counts(Store *s, const char *day, RequestCounts *out)
{
    memset(out, 0, sizeof *out);
    /* no table yet is no request yet: counting only reads, so it works on a
     * disk too full to create the table */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'requests'", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "requests table");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return K_OK;
    if (rc != SQLITE_ROW)
        return store_fail(s->db, rc, "requests table");
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT r.type, count(*), sum(r.urgent), "
                            "sum(CASE WHEN o.state = 'acked' THEN 1 ELSE 0 END) "
                            "FROM requests r LEFT JOIN outbox o ON o.id = r.id "
                            "WHERE r.day = ?1 GROUP BY r.type",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "request counts");
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        RequestCount *c = !type ? NULL
                          : !strcmp(type, "callback") ? &out->callback
                          : !strcmp(type, "advocate") ? &out->advocate : NULL;
        if (!c)
            continue;
        c->total = sqlite3_column_int(st, 1);
        c->urgent = sqlite3_column_int(st, 2);
        c->delivered = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? K_OK : store_fail(s->db, rc, "request counts");
}

k_err store_request_summary(Store *s, const char *day, char *out, size_t cap)
{
    RequestCounts n;
    k_err e = store_request_counts(s, day, &n);
    if (e != K_OK) {
        snprintf(out, cap, "Requests today: could not be counted.");
        return e;
    }
    snprintf(out, cap,
             "Callbacks today: %d (%d urgent, %d delivered). Advocates today: %d (%d urgent, %d "
             "delivered).",
             n.callback.total, n.callback.urgent, n.callback.delivered, n.advocate.total,
             n.advocate.urgent, n.advocate.delivered);
    return K_OK;
}

k_err store_feedback_amend(Store *s, const char *id, const Record *rec, time_t now,
                           char id_out[37])
{
    if (rec->type != REC_FEEDBACK)
        return K_ERR_INVALID;
    char *payload = NULL, new_id[37];
    k_err e = make_payload(s, rec, &payload);
    if (e != K_OK)
        return e;
    const char *what = "feedback begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    what = "feedback update";
    rc = run_sql(s->db,
                 "UPDATE outbox SET payload = ?2 WHERE id = ?1 AND type = 'feedback' AND "
                 "state = 'pending' AND lease_until <= ?4",
                 id, payload, NULL, (long)now);
    if (rc != SQLITE_OK)
        goto out_rollback;
    if (sqlite3_changes(s->db) == 1) {
        snprintf(new_id, sizeof new_id, "%s", id);
    } else {
        what = "feedback insert";
        rc = insert_outbox(s, rec, payload, now, new_id);
        if (rc != SQLITE_OK)
            goto out_rollback;
    }
    what = "feedback commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_rollback;
    memcpy(id_out, new_id, sizeof new_id);
    goto out_free;

out_rollback:
    e = store_fail(s->db, rc, what);
    store_rollback(s);
out_free:
    record_free_text(payload);
    return e;
}
