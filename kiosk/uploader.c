/* uploader.c — the records half of the engine: claim a batch, send it, and
 * do with the answer exactly what docs/central-api.md's table says. */
#include "uploader_private.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

#define MOD "upload"
#define ENVELOPE_SLACK 512    /* the envelope around the records, with room */

static uint32_t next_rnd(Uploader *u)
{
    uint32_t x = u->rng;        /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    u->rng = x;
    return x;
}

Uploader *uploader_new(Store *s, UploadSendFn send, void *ud, const UploadOptions *o,
                       k_err *err)
{
    *err = K_ERR_INVALID;
    if (!s || !send || !o || !o->device_id || !o->device_id[0])
        return NULL;
    Uploader *u = calloc(1, sizeof *u);
    *err = K_ERR_NOMEM;
    if (!u)
        return NULL;
    u->s = s;
    u->send = send;
    u->ud = ud;
    snprintf(u->device_id, sizeof u->device_id, "%s", o->device_id);
    snprintf(u->hub_id, sizeof u->hub_id, "%s", o->hub_id ? o->hub_id : "");
    snprintf(u->pack_path, sizeof u->pack_path, "%s", o->pack_path ? o->pack_path : "");
    u->content_interval_s = o->content_interval_s;
    u->rng = o->seed ? o->seed : (randombytes_random() | 1u);
    u->limit = UPLOAD_MAX_RECORDS;
    u->st.online = true;
    u->st.authorised = true;
    u->st.pending = u->st.rejected = -1;
    u->st.oldest_age_s = -1;
    u->next_ms = clock_ms();
    u->content_next_ms = clock_ms();
    *err = K_OK;
    return u;
}

void uploader_free(Uploader *u)
{
    free(u);
}

void uploader_set_report(Uploader *u, UploadReportFn fn, void *ud)
{
    u->report = fn;
    u->report_ud = ud;
}

void uploader_status(const Uploader *u, UploadStatus *out)
{
    *out = u->st;
    out->next_ms = u->next_ms;
}

const char *uploader_problem_text(const UploadStatus *st)
{
    return st->problem_text;
}

void uploader_send_now(Uploader *u)
{
    if (u->waiting_backoff || u->st.problem == UP_OK || u->st.problem == UP_STORE) {
        u->next_ms = clock_ms();
        u->waiting_backoff = false;
    }
}

void uploader_hhmm(time_t t, char out[6])
{
    struct tm tm;
    if (clock_local(t, &tm))
        snprintf(out, 6, "%02u:%02u", (unsigned)tm.tm_hour % 24u, (unsigned)tm.tm_min % 60u);
    else
        snprintf(out, 6, "--:--");
}

static void report(Uploader *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(Uploader *u, const char *fmt, ...)
{
    char line[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    LOG_D(MOD, "%s", line);
    if (u->report)
        u->report(u->report_ud, line);
}

/* Sets the staff's words for problem p, which began now unless one runs. */
static void set_problem(Uploader *u, UploadProblem p, long status)
{
    time_t wall = clock_now();
    if (u->st.problem == UP_OK || !u->st.problem_since)
        u->st.problem_since = wall;
    u->st.problem = p;
    char since[6];
    uploader_hhmm(u->st.problem_since, since);
    char *t = u->st.problem_text;
    size_t cap = sizeof u->st.problem_text;
    switch (p) {
    case UP_OK: t[0] = '\0'; u->st.problem_since = 0; break;
    case UP_NETWORK: snprintf(t, cap, "no network since %s", since); break;
    case UP_TLS:
        snprintf(t, cap, "the server's certificate is not trusted: nothing was sent (call IT)");
        break;
    case UP_PIN:
        snprintf(t, cap, "the server's key is not the one this device was set up with: "
                 "nothing was sent (call IT)");
        break;
    case UP_AUTH:
        snprintf(t, cap, "device not authorised: the server refused this device's key: call IT");
        break;
    case UP_BUSY:
        snprintf(t, cap, "the central service is busy and asked the kiosk to wait (since %s)",
                 since);
        break;
    case UP_SERVER:
        snprintf(t, cap, "the central service is failing (answer %ld) since %s", status, since);
        break;
    case UP_GARBLED:
        snprintf(t, cap, "the central service's answers cannot be read (since %s)", since);
        break;
    case UP_STORE:
        snprintf(t, cap, "this kiosk's storage could not be updated (full?): records are kept "
                 "and will be sent again");
        break;
    }
}

static void back_off(Uploader *u, uint64_t now)
{
    u->failures++;
    u->next_ms = now + uploader_backoff_ms(u->failures, next_rnd(u));
    u->waiting_backoff = true;
}

static void release_all(Uploader *u, const OutboxBatch *b, const char *why)
{
    for (size_t i = 0; i < b->n; i++)
        if (store_outbox_release(u->s, b->items[i].id, why) != K_OK)
            LOG_W(MOD, "could not release %s (its lease will end on its own)", b->items[i].id);
}

/* A 200: acknowledge, reject, release as the results say. */
static void handle_results(Uploader *u, const OutboxBatch *b, const HttpResponse *r,
                           uint64_t now)
{
    const char **ids = calloc(b->n, sizeof *ids);
    UpResult *res = calloc(b->n, sizeof *res);
    char **reasons = calloc(b->n, sizeof *reasons);
    const char **acks = calloc(b->n, sizeof *acks);
    if (!ids || !res || !reasons || !acks) {
        release_all(u, b, "out of memory");
        back_off(u, now);
        goto out_free;
    }
    for (size_t i = 0; i < b->n; i++)
        ids[i] = b->items[i].id;
    k_err rc = uploader_parse_results(r->body, r->len, ids, b->n, res, reasons);
    if (rc != K_OK) {
        LOG_W(MOD, "answer 200 with results that do not read: nothing acknowledged");
        release_all(u, b, "answer could not be read");
        set_problem(u, UP_GARBLED, 200);
        report(u, "batch of %zu: the answer could not be read; nothing acknowledged", b->n);
        back_off(u, now);
        goto out_free;
    }
    size_t nack = 0, nstored = 0, ndup = 0, nrej = 0, nmiss = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (res[i] == UP_RES_STORED || res[i] == UP_RES_DUPLICATE)
            acks[nack++] = ids[i];
        nstored += res[i] == UP_RES_STORED;
        ndup += res[i] == UP_RES_DUPLICATE;
    }
    time_t wall = clock_now();
    bool store_ok = store_outbox_ack(u->s, acks, nack, wall) == K_OK;
    for (size_t i = 0; store_ok && i < b->n; i++) {
        if (res[i] == UP_RES_REJECTED) {
            nrej++;
            if (store_outbox_reject(u->s, ids[i], reasons[i], wall) != K_OK)
                store_ok = false;
            else
                LOG_W(MOD, "record %s rejected by the central service", ids[i]);
        } else if (res[i] == UP_RES_MISSING) {
            nmiss++;
            if (store_outbox_release(u->s, ids[i], "not in the server's results") != K_OK)
                LOG_W(MOD, "could not release %s (its lease will end on its own)", ids[i]);
        }
    }
    u->st.last_success = wall;
    u->st.authorised = true;
    if (!store_ok) {
        /* The server has them; the next claim after the lease sends them
         * again and the server answers duplicate. */
        set_problem(u, UP_STORE, 200);
        report(u, "batch of %zu: sent, but this kiosk could not note it (storage)", b->n);
        back_off(u, now);
        goto out_free;
    }
    u->st.sent += (long long)nack;
    u->st.rejected_now += (long long)nrej;
    report(u, "batch of %zu: %zu stored, %zu duplicate, %zu rejected, %zu to send again", b->n,
           nstored, ndup, nrej, nmiss);
    if (nack + nrej == 0) {
        set_problem(u, UP_GARBLED, 200);
        back_off(u, now);
        goto out_free;
    }
    set_problem(u, UP_OK, 0);
    u->failures = 0;
    u->waiting_backoff = false;
    u->next_ms = now;
    if (u->bisecting && nrej > 0) {
        u->bisecting = false;
        u->limit = UPLOAD_MAX_RECORDS;
    }
out_free:
    if (reasons)
        uploader_free_reasons(reasons, b->n);
    free(reasons);
    free(ids);
    free(res);
    free(acks);
}

/* The error text of a 400/401 body, cleaned by the store. */
static const char *error_of(const HttpResponse *r, char *buf, size_t cap)
{
    snprintf(buf, cap, "the server could not read it (400)");
    if (!r->body)
        return buf;
    const char *k = strstr(r->body, "\"error\"");
    const char *q = k ? strchr(k + 7, '"') : NULL;
    const char *e = q ? strchr(q + 1, '"') : NULL;
    if (q && e && e - q > 1)
        snprintf(buf, cap, "%.*s", (int)(e - q - 1) > 250 ? 250 : (int)(e - q - 1), q + 1);
    return buf;
}

static void handle_answer(Uploader *u, const OutboxBatch *b, const HttpResponse *r,
                          uint64_t now)
{
    long st = r->status;
    char why[300];
    if (r->fail != HTTP_FAIL_NONE) {
        release_all(u, b, r->fail == HTTP_FAIL_TLS ? "certificate not trusted" : "no answer");
        set_problem(u, r->fail == HTTP_FAIL_TLS ? UP_TLS : r->fail == HTTP_FAIL_PIN ? UP_PIN
                       : r->fail == HTTP_FAIL_TOO_BIG ? UP_GARBLED : UP_NETWORK, 0);
        LOG_W(MOD, "batch of %zu not sent: %s", b->n, r->detail);
        report(u, "batch of %zu: not sent: %s", b->n, u->st.problem_text);
        back_off(u, now);
        return;
    }
    if (st == 200) {
        handle_results(u, b, r, now);
        return;
    }
    if (st == 400) {
        if (b->n == 1) {
            error_of(r, why, sizeof why);
            if (store_outbox_reject(u->s, b->items[0].id, why, clock_now()) != K_OK) {
                set_problem(u, UP_STORE, st);
                back_off(u, now);
                return;
            }
            LOG_W(MOD, "record %s rejected: the server cannot read it alone", b->items[0].id);
            report(u, "batch of 1: answer 400: rejected");
            u->st.rejected_now++;
            u->bisecting = false;
            u->limit = UPLOAD_MAX_RECORDS;
        } else {
            release_all(u, b, "batch refused (400): halving");
            u->bisecting = true;
            u->limit = b->n / 2;
            report(u, "batch of %zu: answer 400: sending halves to find the record at fault",
                   b->n);
        }
        u->next_ms = now;
        return;
    }
    if (st == 413) {
        if (b->n == 1) {
            if (store_outbox_reject(u->s, b->items[0].id, "too large for the central service "
                                    "(413)", clock_now()) != K_OK) {
                set_problem(u, UP_STORE, st);
                back_off(u, now);
                return;
            }
            u->st.rejected_now++;
            report(u, "batch of 1: answer 413: rejected as too large");
        } else {
            release_all(u, b, "batch too large (413): halving");
            u->limit = b->n / 2;
            report(u, "batch of %zu: answer 413: halving to %zu", b->n, u->limit);
        }
        u->next_ms = now;
        return;
    }
    release_all(u, b, st == 401 || st == 403 ? "device not authorised" : "answer failed");
    if (st == 401 || st == 403) {
        set_problem(u, UP_AUTH, st);
        u->st.authorised = false;
        u->next_ms = now + UPLOAD_AUTH_RETRY_MS;
        u->waiting_backoff = false;
        report(u, "batch of %zu: answer %ld: device not authorised; next try in 10 minutes",
               b->n, st);
        return;
    }
    if (st == 429 || st == 503) {
        set_problem(u, UP_BUSY, st);
        long wait = http_retry_after(r->retry_after, (long)clock_now());
        if (wait >= 0) {
            if (wait > UPLOAD_RETRY_AFTER_MAX_S)
                wait = UPLOAD_RETRY_AFTER_MAX_S;
            u->failures++;
            u->next_ms = now + (uint64_t)wait * 1000u;
            u->waiting_backoff = false;
            report(u, "batch of %zu: answer %ld: waiting %ld s as asked", b->n, st, wait);
        } else {
            back_off(u, now);
            report(u, "batch of %zu: answer %ld: waiting %llu ms", b->n, st,
                   (unsigned long long)(u->next_ms - now));
        }
        return;
    }
    set_problem(u, UP_SERVER, st);
    back_off(u, now);
    report(u, "batch of %zu: answer %ld: waiting %llu ms", b->n, st,
           (unsigned long long)(u->next_ms - now));
}

static void send_batch(Uploader *u, uint64_t now)
{
    size_t room = UPLOAD_MAX_BODY - ENVELOPE_SLACK - strlen(u->device_id) - strlen(u->hub_id)
                  - u->limit;
    OutboxBatch b;
    k_err rc = store_outbox_claim(u->s, u->limit, room, clock_now(), UPLOAD_LEASE_S, &b);
    if (rc != K_OK) {
        LOG_W(MOD, "could not claim records: %s", k_strerror(rc));
        set_problem(u, UP_STORE, 0);
        back_off(u, now);
        return;
    }
    if (b.n == 0) {
        store_outbox_batch_free(&b);
        u->next_ms = now + UPLOAD_IDLE_MS;
        u->waiting_backoff = false;
        u->bisecting = false;
        return;
    }
    char *body = NULL;
    size_t len = 0;
    rc = uploader_build_body(&b, 0, b.n, u->device_id, u->hub_id, clock_now(), &body, &len);
    if (rc != K_OK) {
        release_all(u, &b, "out of memory");
        back_off(u, now);
        store_outbox_batch_free(&b);
        return;
    }
    HttpRequest req = { "POST", "/v1/records", body, len, NULL, UPLOAD_MAX_ANSWER };
    HttpResponse r;
    rc = u->send(u->ud, &req, &r);
    if (rc != K_OK) {
        memset(&r, 0, sizeof r);
        r.fail = HTTP_FAIL_OTHER;
        snprintf(r.detail, sizeof r.detail, "%s", k_strerror(rc));
    }
    sodium_memzero(body, len);
    free(body);
    handle_answer(u, &b, &r, now);
    http_response_free(&r);
    store_outbox_batch_free(&b);
}

static void read_counts(Uploader *u)
{
    OutboxCounts c;
    if (store_outbox_counts(u->s, &c) == K_OK) {
        u->st.pending = c.pending;
        u->st.rejected = c.rejected;
    } else {
        u->st.pending = u->st.rejected = -1;
    }
    long age = -1;
    if (store_outbox_oldest_age(u->s, clock_now(), &age) != K_OK)
        age = -1;
    u->st.oldest_age_s = age;
}

uint64_t uploader_run_once(Uploader *u)
{
    uint64_t now = clock_ms();
    if (u->content_interval_s > 0 && u->hub_id[0] && now >= u->content_next_ms)
        uploader_content_due(u, now);
    if (now >= u->next_ms)
        send_batch(u, now);
    read_counts(u);
    uint64_t next = u->next_ms;
    if (u->content_interval_s > 0 && u->hub_id[0] && u->content_next_ms < next)
        next = u->content_next_ms;
    uint64_t after = clock_ms();
    return next > after ? next - after : 0;
}
