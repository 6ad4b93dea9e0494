/* uploader_wire.c — the bytes of the records API: the request body of a
 * batch, and the strict reading of a 200 answer's results. */
#include "kiosk/uploader.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/strbuf.h"
#include "kiosk/utf8.h"

typedef StrBuf Buf;

/* Appends to a growing buffer; false when memory ran out. */
static bool put(Buf *b, const char *s, size_t n)
{
    return strbuf_add(b, s, n);
}

static bool puts_(Buf *b, const char *s)
{
    return put(b, s, strlen(s));
}

/* A JSON string literal of s (escaped as jansson does). */
static bool put_string(Buf *b, const char *s)
{
    json_t *j = json_string(s);
    char *t = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    json_decref(j);
    bool ok = t && puts_(b, t);
    free(t);
    return ok;
}

k_err uploader_build_body(const OutboxBatch *b, size_t from, size_t count,
                          const char *device_id, const char *hub_id, time_t sent_at,
                          char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    char at[21], schema[24];
    clock_rfc3339(sent_at, at);
    Buf o = { 0 };
    bool ok = puts_(&o, "{\"device_id\":") && put_string(&o, device_id) &&
              puts_(&o, ",\"hub_id\":") && put_string(&o, hub_id) &&
              puts_(&o, ",\"sent_at\":\"") && puts_(&o, at) && puts_(&o, "\",\"records\":[");
    for (size_t i = from; ok && i < from + count && i < b->n; i++) {
        const OutboxItem *it = &b->items[i];
        snprintf(schema, sizeof schema, "%d", it->schema);
        ok = (i == from || puts_(&o, ",")) && puts_(&o, "{\"id\":") && put_string(&o, it->id) &&
             puts_(&o, ",\"type\":") && put_string(&o, it->type) &&
             puts_(&o, ",\"schema\":") && puts_(&o, schema) &&
             puts_(&o, ",\"created_at\":") && put_string(&o, it->created_at) &&
             puts_(&o, ",\"payload\":") && puts_(&o, it->payload[0] ? it->payload : "null") &&
             puts_(&o, "}");
    }
    ok = ok && puts_(&o, "]}");
    if (!ok) {
        free(o.p);
        return K_ERR_NOMEM;
    }
    *out = o.p;
    *len = o.len;
    return K_OK;
}

void uploader_free_reasons(char **reasons, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(reasons[i]);
        reasons[i] = NULL;
    }
}

static long find_id(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ids[i], id))
            return (long)i;
    return -1;
}

/* Reads one entry of results into out[]/reasons[]; false when it breaks
 * the contract. */
static bool read_entry(json_t *e, const char *const *ids, size_t n, UpResult *out,
                       char **reasons, k_err *rc)
{
    json_t *jid = json_object_get(e, "id"), *jst = json_object_get(e, "status"),
           *jre = json_object_get(e, "reason");
    if (!json_is_object(e) || !json_is_string(jid) || !json_is_string(jst))
        return false;
    if (jre && !json_is_string(jre) && !json_is_null(jre))
        return false;
    long i = find_id(ids, n, json_string_value(jid));
    if (i < 0 || out[i] != UP_RES_MISSING)
        return false;
    const char *st = json_string_value(jst);
    if (!strcmp(st, "stored"))
        out[i] = UP_RES_STORED;
    else if (!strcmp(st, "duplicate"))
        out[i] = UP_RES_DUPLICATE;
    else if (!strcmp(st, "rejected")) {
        out[i] = UP_RES_REJECTED;
        const char *why = json_is_string(jre) && json_string_value(jre)[0]
                              ? json_string_value(jre) : "rejected by the central service";
        reasons[i] = strdup(why);
        if (!reasons[i]) {
            *rc = K_ERR_NOMEM;
            return false;
        }
    } else
        return false;
    return true;
}

k_err uploader_parse_results(const char *body, size_t len, const char *const *ids, size_t n,
                             UpResult *out, char **reasons)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = UP_RES_MISSING;
        reasons[i] = NULL;
    }
    if (!body || len == 0 || !utf8_valid(body, len))
        return K_ERR_INVALID;
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
    k_err rc = K_ERR_INVALID;
    json_t *res = root ? json_object_get(root, "results") : NULL;
    if (!json_is_object(root) || !json_is_array(res))
        goto out_bad;
    size_t k;
    json_t *e;
    json_array_foreach(res, k, e) {
        if (!read_entry(e, ids, n, out, reasons, &rc))
            goto out_bad;
    }
    json_decref(root);
    return K_OK;
out_bad:
    json_decref(root);
    uploader_free_reasons(reasons, n);
    for (size_t i = 0; i < n; i++)
        out[i] = UP_RES_MISSING;
    return rc;
}

uint64_t uploader_backoff_ms(int failures, uint32_t rnd)
{
    uint64_t cap = UPLOAD_BACKOFF_MIN_MS;
    for (int i = 1; i < failures && cap < UPLOAD_BACKOFF_MAX_MS; i++)
        cap *= 2;
    if (cap > UPLOAD_BACKOFF_MAX_MS)
        cap = UPLOAD_BACKOFF_MAX_MS;
    uint64_t span = cap - UPLOAD_BACKOFF_MIN_MS + 1;
    return UPLOAD_BACKOFF_MIN_MS + (uint64_t)rnd % span;
}
