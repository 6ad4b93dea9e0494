/* upload_fixture.h — for the uploader's tests: records of every type in
 * many scripts, the stand-in central service (tests/standin/central.py) as
 * a subprocess on a free loopback port, its control file, and the property
 * every test checks at the server: each record confirmed to a visitor
 * arrives exactly once by id with its fields intact (sealed payloads opened
 * with the test's secret key). */
#ifndef KIOSK_TEST_UPLOAD_FIXTURE_H
#define KIOSK_TEST_UPLOAD_FIXTURE_H

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/clock.h"
#include "kiosk/http.h"
#include "kiosk/record.h"
#include "kiosk/store.h"
#include "kiosk/uploader.h"

#define UP_TOKEN "device-token-0123456789"

/* Record number n: the four types in turn, names in several scripts. */
static inline Record up_record(int n)
{
    static const char *const names[] = { "Amina", "محمد", "Zoë", "Олена", "李雷", "Ngozi",
                                         "Siobhán", "दीपा" };
    static const char *const langs[] = { "en-GB", "ar", "fr", "uk", "zh-Hans", "yo", "ga",
                                         "hi" };
    Record r;
    memset(&r, 0, sizeof r);
    const char *name = names[n % 8], *lang = langs[n % 8];
    switch (n % 4) {
    case 0:
        r.type = REC_CHECKIN;
        snprintf(r.u.checkin.session_id, sizeof r.u.checkin.session_id, "session-%d", n % 7);
        snprintf(r.u.checkin.session_name, sizeof r.u.checkin.session_name, "Stay and Play %d",
                 n);
        r.u.checkin.adults = 1 + n % 3;
        r.u.checkin.children[n % BAND_COUNT] = 1 + n % 2;
        r.u.checkin.first_visit = n % 3 == 0;
        snprintf(r.u.checkin.language, sizeof r.u.checkin.language, "%s", lang);
        snprintf(r.u.checkin.first_name, sizeof r.u.checkin.first_name, "%s", name);
        snprintf(r.u.checkin.consent_version, sizeof r.u.checkin.consent_version, "checkin-1");
        break;
    case 1:
    case 3: {
        CallbackRecord *c = n % 4 == 1 ? &r.u.callback : &r.u.advocate.call;
        r.type = n % 4 == 1 ? REC_CALLBACK : REC_ADVOCATE;
        snprintf(c->first_name, sizeof c->first_name, "%s", name);
        snprintf(c->phone, sizeof c->phone, "+4477009%05d", n % 100000);
        snprintf(c->need_id, sizeof c->need_id, "need-%d", n % 5);
        c->best_times = 1u << (n % 3);
        snprintf(c->language, sizeof c->language, "%s", lang);
        c->interpreter = n % 2;
        c->safe_to_leave_message = n % 5 == 0;
        c->safe_to_say_caller = n % 7 == 0;
        snprintf(c->note, sizeof c->note, "note %d: «%s»", n, name);
        snprintf(c->consent_version, sizeof c->consent_version, "callback-1");
        if (r.type == REC_ADVOCATE) {
            snprintf(r.u.advocate.meeting_date, sizeof r.u.advocate.meeting_date, "2027-01-1%d",
                     n % 10);
            r.u.advocate.meeting_type = MEETING_ICPC + n % 4;
        }
        break;
    }
    default:
        break;
    }
    if (n % 4 == 2) {
        r.type = REC_FEEDBACK;
        r.u.feedback.rating = 1 + n % 5;
        snprintf(r.u.feedback.comment, sizeof r.u.feedback.comment, "comment %d %s", n, name);
        snprintf(r.u.feedback.language, sizeof r.u.feedback.language, "%s", lang);
    }
    return r;
}

/* ---- the stand-in ---- */

typedef struct {
    pid_t pid;
    int port;
    char dir[128];
    char store[200], control[200], stats[200], url[64], ca[200], other_ca[200], pin[128],
        other_pin[128], pack[200];
} Standin;

/* Makes the certificates in dir (once per directory). */
static inline void standin_certs(const char *dir)
{
    char cmd[400], probe[300];
    snprintf(probe, sizeof probe, "%s/ca.pem", dir);
    if (access(probe, R_OK) == 0)
        return;
    snprintf(cmd, sizeof cmd, "sh tests/standin/make-certs.sh '%s'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "make-certs.sh failed\n");
        abort();
    }
}

static inline void read_line_file(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    out[0] = '\0';
    if (f) {
        if (!fgets(out, (int)cap, f))
            out[0] = '\0';
        fclose(f);
    }
    out[strcspn(out, "\r\n")] = '\0';
}

/* Starts the stand-in with its files in dir (store.jsonl, control.json,
 * stats.json); tls: HTTPS with the test CA's certificate. Returns 0. */
static inline int standin_start(Standin *s, const char *dir, bool tls)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "%.100s", dir);
    mkdir(dir, 0700);
    snprintf(s->store, sizeof s->store, "%.100s/store.jsonl", dir);
    snprintf(s->control, sizeof s->control, "%.100s/control.json", dir);
    snprintf(s->stats, sizeof s->stats, "%.100s/stats.json", dir);
    snprintf(s->ca, sizeof s->ca, "%.100s/ca.pem", dir);
    snprintf(s->other_ca, sizeof s->other_ca, "%.100s/other-ca.pem", dir);
    snprintf(s->pack, sizeof s->pack, "%.100s/pack.json", dir);
    char cert[200], key[200], pinf[200];
    snprintf(cert, sizeof cert, "%.100s/server.pem", dir);
    snprintf(key, sizeof key, "%.100s/server.key", dir);
    if (tls) {
        standin_certs(dir);
        snprintf(pinf, sizeof pinf, "%.100s/pin.txt", dir);
        read_line_file(pinf, s->pin, sizeof s->pin);
        snprintf(pinf, sizeof pinf, "%.100s/other-pin.txt", dir);
        read_line_file(pinf, s->other_pin, sizeof s->other_pin);
    }
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    s->pid = fork();
    if (s->pid < 0)
        return -1;
    if (s->pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        if (tls)
            execlp("python3", "python3", "tests/standin/central.py", "--store", s->store,
                   "--token", UP_TOKEN, "--control", s->control, "--stats", s->stats,
                   "--pack", s->pack, "--cert", cert, "--key", key, (char *)NULL);
        else
            execlp("python3", "python3", "tests/standin/central.py", "--store", s->store,
                   "--token", UP_TOKEN, "--control", s->control, "--stats", s->stats,
                   "--pack", s->pack, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *f = fdopen(fd[0], "r");
    char line[64] = "";
    if (!f || !fgets(line, sizeof line, f) || sscanf(line, "PORT %d", &s->port) != 1) {
        if (f)
            fclose(f);
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        return -1;
    }
    fclose(f);
    snprintf(s->url, sizeof s->url, "%s://127.0.0.1:%d", tls ? "https" : "http", s->port);
    return 0;
}

static inline void standin_stop(Standin *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

/* Replaces the stand-in's control file atomically. */
static inline void standin_control(const Standin *s, const char *json)
{
    char tmp[220];
    snprintf(tmp, sizeof tmp, "%s.tmp", s->control);
    FILE *f = fopen(tmp, "w");
    if (!f || fputs(json, f) < 0 || fclose(f) != 0 || rename(tmp, s->control) != 0)
        abort();
}

/* One number from the stand-in's statistics (-1 when absent). */
static inline long standin_stat(const Standin *s, const char *key)
{
    json_t *j = json_load_file(s->stats, 0, NULL);
    json_t *v = j ? json_object_get(j, key) : NULL;
    long n = json_is_integer(v) ? (long)json_integer_value(v) : -1;
    json_decref(j);
    return n;
}

/* ---- the property, checked at the server ---- */

typedef struct {
    char id[37];
    int n;              /* the record's number (up_record) */
} Made;

/* Opens the server's payload (sealed with sk/pk or clear) as JSON. */
static inline json_t *open_payload(json_t *payload, const unsigned char *pk,
                                   const unsigned char *sk)
{
    json_t *sealed = json_object_get(payload, "sealed");
    if (!sealed)
        return json_incref(payload);
    if (!pk || !json_is_string(sealed))
        return NULL;
    const char *b64 = json_string_value(sealed);
    size_t cap = strlen(b64), n = 0;
    unsigned char *bin = malloc(cap + 1), *clear = malloc(cap + 1);
    json_t *out = NULL;
    if (bin && clear &&
        sodium_base642bin(bin, cap, b64, strlen(b64), NULL, &n, NULL,
                          sodium_base64_VARIANT_ORIGINAL) == 0 && n > crypto_box_SEALBYTES &&
        crypto_box_seal_open(clear, bin, n, pk, sk) == 0)
        out = json_loadb((const char *)clear, n - crypto_box_SEALBYTES, 0, NULL);
    free(bin);
    free(clear);
    return out;
}

/* Checks the property for made[0..count): each id on exactly one line of
 * the server's store, its type, schema and created_at present, its payload
 * (opened) equal to the record's own payload JSON; every line one of made
 * unless extra_ok. Returns the number of problems (printed). */
static inline int standin_verify(const Standin *s, const Made *made, size_t count,
                                 const unsigned char *pk, const unsigned char *sk,
                                 const char *device_id)
{
    FILE *f = fopen(s->store, "r");
    json_t *seen = json_object();
    int bad = 0;
    char *line = NULL;
    size_t cap = 0;
    while (f && getline(&line, &cap, f) > 0) {
        json_t *r = json_loads(line, 0, NULL);
        json_t *id = r ? json_object_get(r, "id") : NULL;
        if (!json_is_string(id)) {
            fprintf(stderr, "server line not a record\n");
            bad++;
        } else if (json_object_get(seen, json_string_value(id))) {
            fprintf(stderr, "record %s stored twice\n", json_string_value(id));
            bad++;
        } else {
            json_object_set(seen, json_string_value(id), r);
        }
        json_decref(r);
    }
    free(line);
    if (f)
        fclose(f);
    for (size_t i = 0; i < count; i++) {
        json_t *r = json_object_get(seen, made[i].id);
        if (!r) {
            fprintf(stderr, "record %s (%d) never arrived\n", made[i].id, made[i].n);
            bad++;
            continue;
        }
        Record rec = up_record(made[i].n);
        char *want = NULL;
        json_t *exp = NULL, *got = open_payload(json_object_get(r, "payload"), pk, sk);
        if (record_payload_json(&rec, &want) == K_OK)
            exp = json_loads(want, 0, NULL);
        record_free_text(want);
        bool sealed = json_object_get(json_object_get(r, "payload"), "sealed") != NULL;
        if (!got || !exp || !json_equal(got, exp) ||
            strcmp(json_string_value(json_object_get(r, "type")), record_type_name(rec.type)) ||
            json_integer_value(json_object_get(r, "schema")) != RECORD_SCHEMA ||
            !json_is_string(json_object_get(r, "created_at")) ||
            (pk && record_type_sealed(rec.type) != sealed) ||
            (device_id && strcmp(json_string_value(json_object_get(r, "device_id")), device_id))) {
            fprintf(stderr, "record %s (%d) arrived changed\n", made[i].id, made[i].n);
            bad++;
        }
        json_decref(got);
        json_decref(exp);
    }
    json_decref(seen);
    return bad;
}

/* Lines in the server's store. */
static inline long standin_stored(const Standin *s)
{
    FILE *f = fopen(s->store, "r");
    long n = 0;
    int c;
    while (f && (c = fgetc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

/* Adds count records numbered from first to s, writing their ids to made. */
static inline void up_add(Store *s, int first, size_t count, Made *made)
{
    for (size_t i = 0; i < count; i++) {
        Record r = up_record(first + (int)i);
        made[i].n = first + (int)i;
        if (store_add_record(s, &r, clock_now(), made[i].id) != K_OK) {
            fprintf(stderr, "store_add_record %d failed\n", made[i].n);
            abort();
        }
    }
}

/* A pending count, for the tests. */
static inline int up_pending(Store *s)
{
    OutboxCounts c;
    if (store_outbox_counts(s, &c) != K_OK)
        return -1;
    return c.pending;
}

#endif
