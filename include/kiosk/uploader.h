/* uploader.h — sends the outbox to the central service and fetches the
 * hub's content pack (docs/central-api.md, docs/uploading.md).
 *
 * The engine is a plain state machine over a Store, a transport (the
 * function that makes one HTTP exchange: http_do in the kiosk, a fake in
 * tests) and the clock (clock.h). uploader_run_once does what is due at
 * clock_ms() and says how long until the next thing is: tests drive it
 * step by step on a stepped clock.
 *
 * Per batch (at most UPLOAD_MAX_RECORDS records, UPLOAD_MAX_BODY bytes of
 * body with its envelope), the answer is handled as the contract's table
 * says: 200 results read strictly (anything garbled, of the wrong type or
 * naming an id not sent acknowledges nothing), stored/duplicate
 * acknowledged, rejected kept with the reason, a missing id released to go
 * again; 400 halves the batch until the one record at fault is rejected;
 * 401/403 stop for 10 minutes ("device not authorised"); 413 halves;
 * 429/503 wait for Retry-After (at most an hour), else back off; anything
 * else backs off exponentially with full jitter, 1 s to 5 minutes, reset
 * on success. */
#ifndef KIOSK_UPLOADER_H
#define KIOSK_UPLOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "kiosk/error.h"
#include "kiosk/http.h"
#include "kiosk/store.h"

#define UPLOAD_MAX_RECORDS 100
#define UPLOAD_MAX_BODY (256u * 1024u)
#define UPLOAD_LEASE_S 60
#define UPLOAD_BACKOFF_MIN_MS 1000u
#define UPLOAD_BACKOFF_MAX_MS 300000u
#define UPLOAD_AUTH_RETRY_MS 600000u
#define UPLOAD_RETRY_AFTER_MAX_S 3600
#define UPLOAD_IDLE_MS 5000u          /* look for new records this often */
#define UPLOAD_MAX_ANSWER (1u << 20)
#define UPLOAD_MAX_PACK (64u * 1024u * 1024u)

/* One HTTP exchange; the contract of http_do. */
typedef k_err (*UploadSendFn)(void *ud, const HttpRequest *req, HttpResponse *resp);

/* What the last problem was, for the staff view's words. */
typedef enum {
    UP_OK = 0, UP_NETWORK, UP_TLS, UP_PIN, UP_AUTH, UP_BUSY, UP_SERVER, UP_GARBLED,
    UP_STORE
} UploadProblem;

typedef struct {
    bool online;                  /* a central.url is set */
    long long sent;               /* records acknowledged since start */
    long long rejected_now;       /* records rejected since start */
    time_t last_success;          /* wall time of the last 200; 0 = none yet */
    time_t problem_since;         /* first failure in the current run; 0 = none */
    UploadProblem problem;
    char problem_text[200];       /* plain English for staff; "" when all is well */
    bool authorised;              /* false after a 401/403, until a 200 */
    int pending, rejected;        /* outbox counts as last read; -1 unknown */
    long oldest_age_s;            /* age of the oldest waiting record; -1 none */
    uint64_t next_ms;             /* clock_ms() of the next attempt */
    /* the content pack */
    time_t content_checked;       /* wall time of the last answer (200/304) */
    char content_version[64];     /* of the pack fetched; "" none yet */
    char content_problem[300];    /* why the last pack fetched was refused */
    unsigned content_generation;  /* +1 each time a new good pack is kept */
} UploadStatus;

typedef struct {
    const char *device_id;
    const char *hub_id;           /* sent with each batch; "" = no content fetch */
    const char *pack_path;        /* where a fetched good pack is kept ("" = none) */
    int content_interval_s;       /* 0 = no content fetch */
    uint32_t seed;                /* jitter; 0 = from libsodium */
} UploadOptions;

typedef struct Uploader Uploader;

/* One line per batch for --send-now (ud from uploader_set_report). */
typedef void (*UploadReportFn)(void *ud, const char *line);

/* Makes an engine over store s (not owned) sending through send/ud.
 * NULL with *err set (K_ERR_NOMEM, K_ERR_INVALID for a missing device id). */
Uploader *uploader_new(Store *s, UploadSendFn send, void *ud, const UploadOptions *o,
                       k_err *err);

/* Frees the engine (not the store); NULL is fine. */
void uploader_free(Uploader *u);

/* Sends one report line per batch to fn (NULL: none). */
void uploader_set_report(Uploader *u, UploadReportFn fn, void *ud);

/* Does what is due at clock_ms(): one batch of records when there are
 * any and no wait is running, and the content check when it is due.
 * Returns the milliseconds until something is next due (0 = at once: more
 * is waiting). Never fails: problems go into the status. */
uint64_t uploader_run_once(Uploader *u);

/* Ends a backoff wait (staff pressed "Send now"): the next run_once sends.
 * A server's Retry-After and the 10 minutes after a 401/403 still hold. */
void uploader_send_now(Uploader *u);

/* Copies the status. */
void uploader_status(const Uploader *u, UploadStatus *out);

/* The staff words for a status: the problem, or "" when none. */
const char *uploader_problem_text(const UploadStatus *st);

/* ---- exposed for tests and the fuzz target ---- */

typedef enum { UP_RES_MISSING = 0, UP_RES_STORED, UP_RES_DUPLICATE, UP_RES_REJECTED } UpResult;

/* Reads a 200 answer's body strictly against the n ids sent: out[i] is the
 * result for ids[i] (UP_RES_MISSING when absent), reasons[i] a malloc'd
 * reason for a rejection (NULL otherwise; free with
 * uploader_free_reasons). K_ERR_INVALID, with every out[] missing and no
 * reason kept, when the body is not JSON, not {"results": [...]}, an entry
 * is not an object with a string id and a known string status, a reason is
 * not a string, an id is not one sent, or one id has two results.
 * K_ERR_NOMEM. */
k_err uploader_parse_results(const char *body, size_t len, const char *const *ids, size_t n,
                             UpResult *out, char **reasons);

/* Frees the n reasons (NULL entries fine). */
void uploader_free_reasons(char **reasons, size_t n);

/* Builds the request body of a batch: the envelope and records[from ..
 * from+count), the payloads embedded as JSON. Malloc'd at *out, length
 * *len. K_ERR_NOMEM. */
k_err uploader_build_body(const OutboxBatch *b, size_t from, size_t count,
                          const char *device_id, const char *hub_id, time_t sent_at,
                          char **out, size_t *len);

/* The backoff wait after `failures` failures in a row (1 = first), with
 * full jitter from rnd (any 32-bit value): between UPLOAD_BACKOFF_MIN_MS
 * and min(UPLOAD_BACKOFF_MAX_MS, 1 s * 2^(failures-1)). */
uint64_t uploader_backoff_ms(int failures, uint32_t rnd);

#endif
