/* upload_thread.c — the uploader's rig (store, client, engine), its thread
 * beside the UI, and the --send-now loop. */
#include "kiosk/upload_thread.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/status.h"

#define MOD "upload"
#define SEND_NOW_MAX_FAILS 3

static k_err send_http(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    return http_do(ud, req, resp);
}

/* Reads the record key file (base64 of 32 bytes) into pk. */
static k_err read_record_key(const char *path, unsigned char pk[32])
{
    FILE *f = fopen(path, "r");
    char b64[128] = "";
    size_t n = 0;
    bool ok = f && fgets(b64, sizeof b64, f) &&
              sodium_base642bin(pk, 32, b64, strcspn(b64, "\r\n"), NULL, &n, NULL,
                                sodium_base64_VARIANT_ORIGINAL) == 0 && n == 32;
    if (f)
        fclose(f);
    return ok ? K_OK : K_ERR_INVALID;
}

k_err upload_rig_open(UploadRig *r, const Config *cfg, const char *hub_id, bool content,
                      char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    char token[512], path[700];
    k_err rc = config_read_token(cfg->token_file, token, sizeof token, err, errlen);
    if (rc != K_OK)
        return rc;
    snprintf(path, sizeof path, "%s/kiosk.db", cfg->data_dir);
    r->s = store_open(path, &rc);
    if (!r->s) {
        snprintf(err, errlen, "%s: the uploader cannot open the database: %s", path,
                 k_strerror(rc));
        goto out_token;
    }
    if (cfg->record_key_file[0]) {
        unsigned char pk[32];
        if ((rc = read_record_key(cfg->record_key_file, pk)) != K_OK) {
            snprintf(err, errlen, "%s: not a base64 32-byte public key", cfg->record_key_file);
            goto out_store;
        }
        store_set_record_key(r->s, pk);
    }
    HttpOptions ho = { cfg->central_url, token, cfg->ca_file, cfg->pin_sha256, cfg->device_id,
                       0 };
    r->http = http_new(&ho, &rc);
    if (!r->http) {
        snprintf(err, errlen, "the central service's client could not be made (%s): check "
                 "central.url", k_strerror(rc));
        goto out_store;
    }
    snprintf(path, sizeof path, "%s/content-central.json", cfg->data_dir);
    UploadOptions uo = { cfg->device_id, hub_id ? hub_id : "", path,
                         content ? cfg->content_interval_s : 0, 0 };
    r->u = uploader_new(r->s, send_http, r->http, &uo, &rc);
    if (!r->u) {
        snprintf(err, errlen, "the uploader could not start: %s", k_strerror(rc));
        goto out_http;
    }
    sodium_memzero(token, sizeof token);
    return K_OK;
out_http:
    http_free(r->http);
out_store:
    store_close(r->s);
out_token:
    sodium_memzero(token, sizeof token);
    memset(r, 0, sizeof *r);
    return rc == K_OK ? K_ERR_INVALID : rc;
}

void upload_rig_close(UploadRig *r)
{
    uploader_free(r->u);
    http_free(r->http);
    store_close(r->s);
    memset(r, 0, sizeof *r);
}

/* ---- the thread ---- */

struct UploadThread {
    UploadRig rig;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop, send_now;
    UploadStatus st;          /* the copy the UI reads */
};

static void *thread_main(void *arg)
{
    UploadThread *t = arg;
    pthread_mutex_lock(&t->mu);
    while (!t->stop) {
        bool now = t->send_now;
        t->send_now = false;
        pthread_mutex_unlock(&t->mu);
        if (now)
            uploader_send_now(t->rig.u);
        uint64_t wait = uploader_run_once(t->rig.u);
        UploadStatus st;
        uploader_status(t->rig.u, &st);
        (void)status_save(t->rig.s, &st);   /* for --status; a failed save is seen there */
        pthread_mutex_lock(&t->mu);
        t->st = st;
        if (t->stop || t->send_now || wait == 0)
            continue;
        if (wait > 1000 && clock_is_stepped())
            wait = 1000;      /* tests move a stepped clock: look again each second */
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += (time_t)(wait / 1000);
        ts.tv_nsec += (long)(wait % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&t->cv, &t->mu, &ts);
    }
    pthread_mutex_unlock(&t->mu);
    return NULL;
}

UploadThread *upload_thread_start(const Config *cfg, const char *hub_id, char *err,
                                  size_t errlen)
{
    UploadThread *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (upload_rig_open(&t->rig, cfg, hub_id, true, err, errlen) != K_OK) {
        free(t);
        return NULL;
    }
    uploader_status(t->rig.u, &t->st);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&t->mu, NULL);
    pthread_cond_init(&t->cv, &ca);
    pthread_condattr_destroy(&ca);
    int e = pthread_create(&t->th, NULL, thread_main, t);
    if (e != 0) {
        snprintf(err, errlen, "the uploader's thread could not start: %s", strerror(e));
        pthread_cond_destroy(&t->cv);
        pthread_mutex_destroy(&t->mu);
        upload_rig_close(&t->rig);
        free(t);
        return NULL;
    }
    LOG_I(MOD, "uploading to the central service started");
    return t;
}

void upload_thread_stop(UploadThread *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->mu);
    t->stop = true;
    pthread_cond_signal(&t->cv);
    pthread_mutex_unlock(&t->mu);
    pthread_join(t->th, NULL);
    pthread_cond_destroy(&t->cv);
    pthread_mutex_destroy(&t->mu);
    upload_rig_close(&t->rig);
    free(t);
}

void upload_thread_status(UploadThread *t, UploadStatus *out)
{
    pthread_mutex_lock(&t->mu);
    *out = t->st;
    pthread_mutex_unlock(&t->mu);
}

void upload_thread_send_now(UploadThread *t)
{
    pthread_mutex_lock(&t->mu);
    t->send_now = true;
    pthread_cond_signal(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

/* ---- --send-now ---- */

static void print_line(void *ud, const char *line)
{
    fprintf(ud, "%s\n", line);
    fflush(ud);
}

int upload_send_now(const Config *cfg, const char *hub_id, FILE *out)
{
    UploadRig r;
    char err[600];
    if (upload_rig_open(&r, cfg, hub_id, false, err, sizeof err) != K_OK) {
        fprintf(out, "send-now: %s\n", err);
        return 2;
    }
    Uploader *u = r.u;
    uploader_set_report(u, print_line, out);
    UploadStatus st;
    int fails = 0, still = 0;
    long long done = 0;
    for (;;) {
        uploader_send_now(u);
        uint64_t wait = uploader_run_once(u);
        uploader_status(u, &st);
        if (st.pending <= 0)
            break;
        long long now_done = st.sent + st.rejected_now;
        bool progress = now_done != done;
        done = now_done;
        if (st.problem == UP_OK) {
            fails = 0;
            /* nothing claimable: another uploader holds them under its
             * lease, which ends within UPLOAD_LEASE_S */
            if (!progress && ++still > UPLOAD_LEASE_S + 5)
                break;
            if (!progress)
                wait = 1000;
            else {
                still = 0;
                continue;
            }
        } else if (st.problem == UP_AUTH || st.problem == UP_TLS || st.problem == UP_PIN ||
                   ++fails >= SEND_NOW_MAX_FAILS) {
            break;
        }
        if (wait > 5000)       /* a technician is waiting: at most 5 s between tries */
            wait = 5000;
        struct timespec ts = { (time_t)(wait / 1000), (long)(wait % 1000) * 1000000L };
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
    (void)status_save(r.s, &st);   /* for --status */
    int rc;
    if (st.pending == 0) {
        fprintf(out, "send-now: done: %lld sent, nothing left waiting, %d rejected\n", st.sent,
                st.rejected < 0 ? 0 : st.rejected);
        rc = 0;
    } else if (st.pending < 0) {
        fprintf(out, "send-now: %lld sent; the records waiting could not be counted\n", st.sent);
        rc = 1;
    } else {
        fprintf(out, "send-now: %lld sent, %d still waiting: %s\n", st.sent, st.pending,
                st.problem_text[0] ? st.problem_text
                                   : "another uploader is sending them (try again in a minute)");
        rc = 1;
    }
    upload_rig_close(&r);
    return rc;
}
