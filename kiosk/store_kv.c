/* store_kv.c — the store's small device state (the kv table: the staff PIN
 * hash and lock-out, the uploader's status), with what could not be
 * written on a full disk held in the Store's memory. */
#include "kiosk/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store_private.h"

static KvMemo *memo_find(Store *s, const char *key)
{
    for (int i = 0; i < STORE_KV_MEMO; i++)
        if (s->memo[i].key[0] && strcmp(s->memo[i].key, key) == 0)
            return &s->memo[i];
    return NULL;
}

k_err store_kv_remember(Store *s, const char *key, const char *value)
{
    if (!key || !key[0] || !value)
        return K_ERR_INVALID;
    if (strlen(key) >= STORE_KV_MEMO_LEN || strlen(value) >= STORE_KV_MEMO_LEN)
        return K_ERR_TOO_LONG;
    KvMemo *m = memo_find(s, key);
    for (int i = 0; !m && i < STORE_KV_MEMO; i++)
        if (!s->memo[i].key[0])
            m = &s->memo[i];
    if (!m)
        return K_ERR_FULL;
    snprintf(m->key, sizeof m->key, "%s", key);
    snprintf(m->value, sizeof m->value, "%s", value);
    return K_OK;
}

k_err store_kv_get(Store *s, const char *key, char *out, size_t cap)
{
    if (cap > 0)
        out[0] = '\0';
    const KvMemo *m = memo_find(s, key);
    if (m) {
        size_t n = strlen(m->value);
        if (n + 1 > cap)
            return K_ERR_TOO_LONG;
        memcpy(out, m->value, n + 1);
        return K_OK;
    }
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
        e = store_fail(s->db, rc, "kv get");
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
    int rc = store_run(st);
    if (rc != SQLITE_OK)
        return store_fail(s->db, rc, "kv set");
    KvMemo *m = memo_find(s, key);
    if (m)
        memset(m, 0, sizeof *m);
    return K_OK;
}
