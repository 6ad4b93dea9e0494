/* store_outbox.c — the outbox API the uploader calls: claim a batch in
 * creation order under a lease, acknowledge, reject with a reason, record a
 * failed attempt, count by state, age of the oldest pending record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/utf8.h"
#include "store_private.h"

#define MOD STORE_MOD
#define REASON_MAX_CP 300

void store_outbox_batch_free(OutboxBatch *b)
{
    for (size_t i = 0; i < b->n; i++)
        record_free_text(b->items[i].payload);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* The length of the record's object in a compact request body. */
static size_t item_bytes(const OutboxItem *it)
{
    char schema[24];
    int n = snprintf(schema, sizeof schema, "%d", it->schema);
    return strlen("{\"id\":\"\",\"type\":\"\",\"schema\":,\"created_at\":\"\",\"payload\":}")
        + strlen(it->id) + strlen(it->type) + (size_t)n + strlen(it->created_at)
        + strlen(it->payload);
}

static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

/* Reads the claimable rows into *out (not yet leased). */
static int read_claimable(Store *s, size_t max_records, size_t max_bytes, time_t now,
                          OutboxBatch *out)
{
    sqlite3_stmt *st = s->st[ST_OB_CLAIM];
    sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max_records);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        OutboxItem it;
        memset(&it, 0, sizeof it);
        copy_col(st, 0, it.id, sizeof it.id);
        copy_col(st, 1, it.type, sizeof it.type);
        it.schema = sqlite3_column_int(st, 2);
        copy_col(st, 3, it.created_at, sizeof it.created_at);
        const char *p = (const char *)sqlite3_column_text(st, 4);
        it.attempts = sqlite3_column_int(st, 5);
        it.payload = strdup(p ? p : "");
        if (!it.payload) {
            rc = SQLITE_NOMEM;
            break;
        }
        it.bytes = item_bytes(&it);
        if (out->n > 0 && out->bytes + it.bytes > max_bytes) {
            record_free_text(it.payload);
            break;
        }
        out->items[out->n++] = it;
        out->bytes += it.bytes;
        if (out->bytes >= max_bytes)
            break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

k_err store_outbox_claim(Store *s, size_t max_records, size_t max_bytes, time_t now,
                         int lease_s, OutboxBatch *out)
{
    memset(out, 0, sizeof *out);
    if (max_records == 0 || max_bytes == 0 || lease_s < 1 || max_records > 100000)
        return K_ERR_INVALID;
    out->items = calloc(max_records, sizeof *out->items);
    if (!out->items)
        return K_ERR_NOMEM;
    const char *what = "claim begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_fail;
    what = "claim read";
    rc = read_claimable(s, max_records, max_bytes, now, out);
    if (rc != SQLITE_OK)
        goto out_fail;
    what = "claim lease";
    for (size_t i = 0; i < out->n; i++) {
        sqlite3_stmt *st = s->st[ST_OB_LEASE];
        sqlite3_bind_text(st, 1, out->items[i].id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)now + lease_s);
        rc = store_run(st);
        if (rc != SQLITE_OK)
            goto out_fail;
    }
    what = "claim commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_fail;
    return K_OK;

out_fail:;
    k_err e = store_fail(s->db, rc, what);
    store_rollback(s);
    store_outbox_batch_free(out);
    return e;
}

k_err store_outbox_ack(Store *s, const char *const *ids, size_t n, time_t now)
{
    for (size_t i = 0; i < n; i++)
        if (!ids[i])
            return K_ERR_INVALID;
    if (n == 0)
        return K_OK;
    char at[21];
    clock_rfc3339(now, at);
    const char *what = "ack begin";
    int rc = store_begin(s);
    if (rc != SQLITE_OK)
        goto out_fail;
    what = "ack";
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->st[ST_OB_ACK];
        sqlite3_bind_text(st, 1, ids[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
        rc = store_run(st);
        if (rc != SQLITE_OK)
            goto out_fail;
    }
    what = "ack commit";
    rc = store_commit(s);
    if (rc != SQLITE_OK)
        goto out_fail;
    return K_OK;

out_fail:;
    k_err e = store_fail(s->db, rc, what);
    store_rollback(s);
    return e;
}

/* A copy of a server's or transport's message fit to keep and show: control
 * characters become spaces, a malformed text is kept as its ASCII letters,
 * cut at REASON_MAX_CP code points. */
static void clean_reason(const char *in, char *out, size_t cap)
{
    size_t o = 0, cp = 0, inlen = strlen(in);
    bool valid = utf8_valid(in, inlen);
    for (size_t i = 0; in[i] && cp < REASON_MAX_CP;) {
        unsigned char c = (unsigned char)in[i];
        size_t len = 1;
        if (c >= 0x80) {
            if (!valid) {
                c = '?';
            } else {
                size_t j = i;
                uint32_t u = utf8_next(in, inlen, &j);
                len = j - i;
                bool bad = (u >= 0x80 && u < 0xA0) || (u >= 0x202A && u <= 0x202E)
                        || (u >= 0x2066 && u <= 0x2069);
                if (bad) {
                    c = ' ';
                } else {
                    if (o + len + 1 > cap)
                        break;
                    memcpy(out + o, in + i, len);
                    o += len;
                    i += len;
                    cp++;
                    continue;
                }
            }
        } else if (c < 0x20 || c == 0x7F) {
            c = ' ';
        }
        if (o + 2 > cap)
            break;
        out[o++] = (char)c;
        i += len;
        cp++;
    }
    out[o] = '\0';
}

/* What became of id after an update that changed nothing: K_OK when it
 * exists (its state made the update a no-op), K_ERR_NOT_FOUND otherwise. */
static k_err exists(Store *s, const char *id)
{
    sqlite3_stmt *st = s->st[ST_OB_STATE];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_ROW)
        return K_OK;
    return rc == SQLITE_DONE ? K_ERR_NOT_FOUND : store_fail(s->db, rc, "outbox state");
}

k_err store_outbox_reject(Store *s, const char *id, const char *reason, time_t now)
{
    if (!id)
        return K_ERR_INVALID;
    char why[REASON_MAX_CP * 4 + 1], at[21];
    clean_reason(reason ? reason : "", why, sizeof why);
    clock_rfc3339(now, at);
    sqlite3_stmt *st = s->st[ST_OB_REJECT];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    int rc = store_run(st);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "reject");
    if (sqlite3_changes(s->db) == 0)
        return exists(s, id);
    LOG_W(MOD, "record %s rejected by the server: %s", id, why);
    return K_OK;
}

k_err store_outbox_release(Store *s, const char *id, const char *error)
{
    if (!id)
        return K_ERR_INVALID;
    char why[REASON_MAX_CP * 4 + 1];
    clean_reason(error ? error : "", why, sizeof why);
    sqlite3_stmt *st = s->st[ST_OB_RELEASE];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if (error)
        sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    int rc = store_run(st);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "release");
    return sqlite3_changes(s->db) == 0 ? exists(s, id) : K_OK;
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
        return store_fail(s->db, rc, "outbox counts");
    *out = c;
    return K_OK;
}

k_err store_outbox_oldest_age(Store *s, time_t now, long *age_s)
{
    sqlite3_stmt *st = s->st[ST_OB_OLDEST];
    int rc = sqlite3_step(st);
    k_err e = K_OK;
    if (rc == SQLITE_ROW) {
        long long created = sqlite3_column_int64(st, 0);
        *age_s = (long long)now > created ? (long)((long long)now - created) : 0;
    } else if (rc == SQLITE_DONE) {
        *age_s = 0;
        e = K_ERR_NOT_FOUND;
    } else {
        e = store_fail(s->db, rc, "oldest pending");
    }
    sqlite3_reset(st);
    return e;
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
        row.attempts = sqlite3_column_int(st, 6);
        row.last_error = (const char *)sqlite3_column_text(st, 7);
        if (!row.last_error)
            row.last_error = "";
        fn(ud, &row);
    }
    sqlite3_reset(st);
    store_forget_pages(s);   /* the payloads read */
    return rc == SQLITE_DONE ? K_OK : store_fail(s->db, rc, "outbox list");
}
