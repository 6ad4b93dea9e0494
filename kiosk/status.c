/* status.c — the kiosk's state for a technician (--status, --status
 * --json): kept by the uploader in the kv table, read with the outbox and
 * the content packs. */
#include "kiosk/status.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/content.h"
#include "kiosk/log.h"
#include "kiosk/parse.h"

#define KV_CHECKED "status.content_checked"
#define KV_VERSION "status.content_version"
#define KV_UPLOAD "status.last_upload"
#define KV_ERROR "status.last_error"
#define KV_ERROR_AT "status.last_error_at"

/* Sets key to value unless it holds that already. */
static k_err kv_update(Store *s, const char *key, const char *value)
{
    char now[400];
    k_err e = store_kv_get(s, key, now, sizeof now);
    if (e == K_OK && !strcmp(now, value))
        return K_OK;
    if (e != K_OK && e != K_ERR_NOT_FOUND && e != K_ERR_TOO_LONG)
        return e;
    return store_kv_set(s, key, value);
}

static k_err kv_update_time(Store *s, const char *key, time_t t)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", (long long)t);
    return kv_update(s, key, v);
}

k_err status_save(Store *s, const UploadStatus *st)
{
    k_err e = K_OK;
    if (st->content_checked > 0)
        e = kv_update_time(s, KV_CHECKED, st->content_checked);
    if (e == K_OK && st->content_version[0])
        e = kv_update(s, KV_VERSION, st->content_version);
    if (e == K_OK && st->last_success > 0)
        e = kv_update_time(s, KV_UPLOAD, st->last_success);
    if (e == K_OK && st->problem != UP_OK && st->problem_text[0]) {
        e = kv_update(s, KV_ERROR, st->problem_text);
        if (e == K_OK)
            e = kv_update_time(s, KV_ERROR_AT, st->problem_since ? st->problem_since
                                                                 : time(NULL));
    }
    return e;
}

static time_t kv_time(Store *s, const char *key)
{
    char v[32];
    long t;
    if (store_kv_get(s, key, v, sizeof v) != K_OK || parse_long(v, 1, 0x7fffffffL, &t) != K_OK)
        return 0;
    return (time_t)t;
}

/* The pack the kiosk shows, chosen as the app chooses: the one fetched
 * from the central service when it is for the same hub, else the
 * configured one, else the last good copy. */
static void read_content(const Config *cfg, KioskStatus *out)
{
    char central[700], last[700], err[512];
    snprintf(central, sizeof central, "%.600s/content-central.json", cfg->data_dir);
    snprintf(last, sizeof last, "%.600s/content-last-good.json", cfg->data_dir);
    const char *from = "configured", *file = cfg->content_pack;
    ContentPack *p = content_load(cfg->content_pack, err, sizeof err);
    if (!p) {
        snprintf(out->content_problem, sizeof out->content_problem, "%s", err);
        p = content_load(last, err, sizeof err);
        from = "last-good";
        file = last;
    }
    if (cfg->central_url[0] && access(central, F_OK) == 0) {
        ContentPack *c = content_load(central, err, sizeof err);
        if (c && (!p || !strcmp(content_hub_id(c), content_hub_id(p)))) {
            content_free(p);
            p = c;
            from = "central";
            file = central;
        } else {
            content_free(c);
        }
    }
    if (!p)
        return;
    snprintf(out->content_version, sizeof out->content_version, "%s", content_version(p));
    snprintf(out->content_file, sizeof out->content_file, "%s", file);
    snprintf(out->content_from, sizeof out->content_from, "%s", from);
    if (!out->hub_id[0])
        snprintf(out->hub_id, sizeof out->hub_id, "%s", content_hub_id(p));
    content_free(p);
}

k_err status_read(const Config *cfg, time_t now, KioskStatus *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char path[700];
    snprintf(path, sizeof path, "%.600s/kiosk.db", cfg->data_dir);
    if (access(path, F_OK) != 0) {
        snprintf(err, errlen, "%s: no database: the kiosk has not run with this data directory",
                 path);
        return K_ERR_NOT_FOUND;
    }
    if (access(path, R_OK | W_OK) != 0) {
        snprintf(err, errlen, "%s: cannot be opened (%s): run as the kiosk's user, e.g. "
                 "sudo -u family-hub-kiosk", path, strerror(errno));
        return K_ERR_IO;
    }
    k_err e;
    Store *s = store_open(path, &e);
    if (!s) {
        snprintf(err, errlen, "%s: cannot open the database: %s", path, k_strerror(e));
        return e;
    }
    snprintf(out->hub_id, sizeof out->hub_id, "%s", cfg->hub_id);
    snprintf(out->device_id, sizeof out->device_id, "%s", cfg->device_id);
    snprintf(out->central_url, sizeof out->central_url, "%s", cfg->central_url);
    OutboxCounts c;
    out->waiting = out->rejected = out->sent_kept = -1;
    if (store_outbox_counts(s, &c) == K_OK) {
        out->waiting = c.pending;
        out->rejected = c.rejected;
        out->sent_kept = c.acked;
    }
    long age;
    if (store_outbox_oldest_age(s, now, &age) == K_OK)
        out->oldest_waiting = now - (time_t)age;
    out->content_checked = kv_time(s, KV_CHECKED);
    out->last_upload = kv_time(s, KV_UPLOAD);
    out->last_error_at = kv_time(s, KV_ERROR_AT);
    if (store_kv_get(s, KV_ERROR, out->last_error, sizeof out->last_error) != K_OK)
        out->last_error[0] = '\0';
    store_close(s);
    read_content(cfg, out);
    return K_OK;
}

/* "2026-12-01 10:40 (5 min ago)" in local time; "never" for 0. */
static void when(char *buf, size_t cap, time_t t, time_t now)
{
    if (!t) {
        snprintf(buf, cap, "never");
        return;
    }
    struct tm tm;
    char day[32];
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d %H:%M", &tm);
    long ago = (long)(now - t);
    if (ago < 0)
        snprintf(buf, cap, "%s (in the future: is the clock right?)", day);
    else if (ago < 120)
        snprintf(buf, cap, "%s (%ld s ago)", day, ago);
    else if (ago < 2 * 3600)
        snprintf(buf, cap, "%s (%ld min ago)", day, ago / 60);
    else if (ago < 2 * 86400)
        snprintf(buf, cap, "%s (%ld h ago)", day, ago / 3600);
    else
        snprintf(buf, cap, "%s (%ld days ago)", day, ago / 86400);
}

static void count(char *buf, size_t cap, int n)
{
    if (n < 0)
        snprintf(buf, cap, "unknown (the outbox could not be counted)");
    else
        snprintf(buf, cap, "%d", n);
}

void status_print(FILE *f, const KioskStatus *st, time_t now)
{
    char a[160], b[160];
    fprintf(f, "family-hub-kiosk %s: hub %s, device %s\n", KIOSK_VERSION,
            st->hub_id[0] ? st->hub_id : "(unknown)", st->device_id);
    if (st->central_url[0])
        fprintf(f, "central service:  %s\n", st->central_url);
    else
        fprintf(f, "central service:  none set: offline, every record is kept here\n");
    if (st->content_version[0])
        fprintf(f, "content pack:     version %s (%s, %s)\n", st->content_version,
                st->content_from, st->content_file);
    else
        fprintf(f, "content pack:     none could be read\n");
    if (st->content_problem[0])
        fprintf(f, "                  the configured pack is refused: %s\n", st->content_problem);
    when(a, sizeof a, st->content_checked, now);
    fprintf(f, "content checked:  %s\n", a);
    count(a, sizeof a, st->waiting);
    if (st->oldest_waiting) {
        when(b, sizeof b, st->oldest_waiting, now);
        fprintf(f, "records waiting:  %s, the oldest since %s\n", a, b);
    } else {
        fprintf(f, "records waiting:  %s\n", a);
    }
    count(a, sizeof a, st->rejected);
    count(b, sizeof b, st->sent_kept);
    fprintf(f, "records rejected: %s; sent and kept until the day's end: %s\n", a, b);
    when(a, sizeof a, st->last_upload, now);
    fprintf(f, "last upload:      %s\n", a);
    if (st->last_error[0]) {
        when(a, sizeof a, st->last_error_at, now);
        fprintf(f, "last error:       %s, %s%s\n", st->last_error, a,
                st->last_upload > st->last_error_at ? "; uploads have worked since" : "");
    } else {
        fprintf(f, "last error:       none\n");
    }
}

/* RFC 3339 UTC, or JSON null for 0. */
static json_t *json_time(time_t t)
{
    if (!t)
        return json_null();
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_string(buf);
}

static json_t *json_text(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

k_err status_print_json(FILE *f, const KioskStatus *st, time_t now)
{
    json_t *o = json_pack("{s:s, s:o, s:s, s:o, s:b, s:o, s:{s:o, s:o, s:o, s:o, s:o},"
                          " s:{s:i, s:i, s:i, s:o, s:I}, s:o, s:{s:o, s:o}}",
                          "version", KIOSK_VERSION,
                          "hub_id", json_text(st->hub_id),
                          "device_id", st->device_id,
                          "central_url", json_text(st->central_url),
                          "online", st->central_url[0] != '\0',
                          "now", json_time(now),
                          "content",
                          "version", json_text(st->content_version),
                          "from", json_text(st->content_from),
                          "file", json_text(st->content_file),
                          "problem", json_text(st->content_problem),
                          "checked_at", json_time(st->content_checked),
                          "records",
                          "waiting", st->waiting,
                          "rejected", st->rejected,
                          "sent_kept", st->sent_kept,
                          "oldest_waiting_at", json_time(st->oldest_waiting),
                          "oldest_waiting_age_s",
                          (json_int_t)(st->oldest_waiting ? now - st->oldest_waiting : 0),
                          "last_upload_at", json_time(st->last_upload),
                          "last_error",
                          "text", json_text(st->last_error),
                          "at", json_time(st->last_error_at));
    if (!o)
        return K_ERR_NOMEM;
    int rc = json_dumpf(o, f, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    if (rc != 0 || fputc('\n', f) == EOF || fflush(f) != 0)
        return K_ERR_IO;
    return K_OK;
}

int status_main(const Config *cfg, bool json, FILE *out, FILE *err)
{
    KioskStatus st;
    char why[800];
    time_t now = time(NULL);
    log_set_level(LOG_WARN);    /* the answer, not the opening of files */
    if (status_read(cfg, now, &st, why, sizeof why) != K_OK) {
        fprintf(err, "kiosk: %s\n", why);
        return 1;
    }
    if (json)
        return status_print_json(out, &st, now) == K_OK ? 0 : 1;
    status_print(out, &st, now);
    return 0;
}
