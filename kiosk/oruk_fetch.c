/* oruk_fetch.c — --pack-from-oruk: the ORUK API's paged service list,
 * each service fetched whole, and the pack written from the hub template.
 * Requests are tried again after a wait that doubles; an answer that is
 * not what the API returns counts as a failed try. */
#include "kiosk/oruk_fetch.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/http.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/service.h"

#define MOD "oruk"
#define PAGE_MAX_BYTES (8u * 1024u * 1024u)
#define SERVICE_MAX_BYTES (2u * 1024u * 1024u)
#define MAX_PAGES 100000
#define ID_PATH_MAX 700

typedef struct {
    const OrukFetchOptions *o;
    HttpClient *c;
    int tries;
    long wait_ms;
} Fetch;

static void report(const Fetch *f, const char *fmt, const char *a, const char *b)
{
    if (f->o->report) {
        fprintf(f->o->report, fmt, a, b);
        fputc('\n', f->o->report);
        fflush(f->o->report);
    }
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* True for a page of the ORUK list: contents, and total_pages in range. */
static bool page_ok(const json_t *j)
{
    const json_t *total = json_object_get(j, "total_pages");
    return json_is_array(json_object_get(j, "contents")) && json_is_integer(total) &&
           json_integer_value(total) >= 0 && json_integer_value(total) <= MAX_PAGES;
}

/* GET path, tried again on no answer, a 5xx or 429, or a body that is not
 * a JSON object (or, with is_page, not a page of the list). *status is the
 * last HTTP status (0 for none). Returns the object, or NULL with why in
 * err. */
static json_t *get_json(Fetch *f, const char *path, size_t cap, bool is_page, long *status,
                        char *err, size_t errlen)
{
    long wait = f->wait_ms;
    for (int t = 1; t <= f->tries; t++) {
        HttpRequest req = { "GET", path, NULL, 0, NULL, cap };
        HttpResponse r;
        *status = 0;
        if (http_do(f->c, &req, &r) != K_OK) {
            snprintf(err, errlen, "GET %.300s: the request could not be made", path);
            return NULL;
        }
        *status = r.status;
        json_t *j = NULL;
        if (r.fail != HTTP_FAIL_NONE)
            snprintf(err, errlen, "GET %.300s: no answer (%.150s)", path,
                     r.detail[0] ? r.detail : "network");
        else if (r.status != 200)
            snprintf(err, errlen, "GET %.300s: answer %ld", path, r.status);
        else {
            json_error_t je;
            j = json_loadb(r.body ? r.body : "", r.len, JSON_REJECT_DUPLICATES, &je);
            if (!json_is_object(j)) {
                snprintf(err, errlen, "GET %.300s: the answer is not a JSON object", path);
                json_decref(j);
                j = NULL;
            } else if (is_page && !page_ok(j)) {
                snprintf(err, errlen, "GET %.300s: not a page of the ORUK list (contents and "
                         "total_pages)", path);
                json_decref(j);
                j = NULL;
            }
        }
        http_response_free(&r);
        if (j)
            return j;
        bool again = *status == 0 || *status >= 500 || *status == 429 || *status == 200;
        if (!again || t == f->tries)
            break;
        report(f, "%s; trying again", err, "");
        sleep_ms(wait);
        wait *= 2;
    }
    return NULL;
}

/* Reads one page of the list into ids (strings, no repeats). Sets *pages
 * from total_pages. K_OK or K_ERR_INVALID / K_ERR_IO with err. */
static k_err read_page(Fetch *f, int page, json_t *ids, json_t *seen, int *pages, char *err,
                       size_t errlen)
{
    char path[120];
    snprintf(path, sizeof path, "/services?page=%d&per_page=%d", page,
             f->o->per_page > 0 ? f->o->per_page : 50);
    long status;
    json_t *j = get_json(f, path, PAGE_MAX_BYTES, true, &status, err, errlen);
    if (!j)
        return K_ERR_IO;
    k_err rc = K_ERR_INVALID;
    json_t *contents = json_object_get(j, "contents");
    *pages = (int)json_integer_value(json_object_get(j, "total_pages"));
    size_t i;
    json_t *it;
    json_array_foreach(contents, i, it) {
        const char *id = json_string_value(json_object_get(it, "id"));
        if (!id || !*id) {
            snprintf(err, errlen, "GET %s: contents[%zu] has no id", path, i);
            goto out_decref;
        }
        if (json_object_get(seen, id))
            continue;
        if (json_object_set_new(seen, id, json_true()) != 0 ||
            json_array_append_new(ids, json_string(id)) != 0) {
            rc = K_ERR_NOMEM;
            snprintf(err, errlen, "out of memory");
            goto out_decref;
        }
    }
    rc = K_OK;
out_decref:
    json_decref(j);
    return rc;
}

/* "/services/" and the id, percent-encoded. */
static void service_path(const char *id, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = (size_t)snprintf(out, cap, "/services/");
    for (const unsigned char *p = (const unsigned char *)id; *p && n + 4 < cap; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            out[n++] = (char)*p;
        else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
}

/* Fetches every listed service into services. */
static k_err fetch_services(Fetch *f, json_t *ids, json_t *services, char *err, size_t errlen)
{
    size_t i;
    json_t *it;
    json_array_foreach(ids, i, it) {
        const char *id = json_string_value(it);
        char path[ID_PATH_MAX];
        long status;
        service_path(id, path, sizeof path);
        json_t *s = get_json(f, path, SERVICE_MAX_BYTES, false, &status, err, errlen);
        if (!s && status == 404) {
            report(f, "service %.200s: gone since the list was read (404); skipped", id, "");
            continue;
        }
        if (!s)
            return K_ERR_IO;
        const char *got = json_string_value(json_object_get(s, "id"));
        if (!got || strcmp(got, id) != 0) {
            report(f, "service %.200s: the answer is for another id; skipped", id, "");
            json_decref(s);
            continue;
        }
        char why[400];
        Service *parsed = service_parse(s, id, why, sizeof why);
        if (!parsed)
            report(f, "service %.300s; kept: the import will leave it out", why, "");
        service_free(parsed);
        if (json_array_append_new(services, s) != 0) {
            snprintf(err, errlen, "out of memory");
            return K_ERR_NOMEM;
        }
    }
    return K_OK;
}

/* Writes pack to path through a temporary file, fsync and rename. */
static k_err write_pack(const json_t *pack, const char *path, char *err, size_t errlen)
{
    char tmp[ID_PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%.690s.tmp", path);
    FILE *fp = fopen(tmp, "wb");
    bool ok = fp && json_dumpf(pack, fp, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0 &&
              fputc('\n', fp) != EOF && fflush(fp) == 0 && fsync(fileno(fp)) == 0;
    if (fp)
        ok = fclose(fp) == 0 && ok;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        unlink(tmp);
        snprintf(err, errlen, "%.300s: cannot write the pack", path);
        return K_ERR_IO;
    }
    return K_OK;
}

/* The pack's version: the template's, or the time of the fetch. */
static k_err set_version(json_t *pack)
{
    if (json_string_value(json_object_get(pack, "version")))
        return K_OK;
    char v[40];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(v, sizeof v, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return json_object_set_new(pack, "version", json_string(v)) == 0 ? K_OK : K_ERR_NOMEM;
}

k_err oruk_fetch_pack(const OrukFetchOptions *o, char *err, size_t errlen)
{
    (void)mem_wipe_init();
    json_error_t je;
    json_t *pack = json_load_file(o->hub_template, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(pack)) {
        snprintf(err, errlen, "%.300s: not a JSON object (%.150s)", o->hub_template,
                 pack ? "another JSON value" : je.text);
        json_decref(pack);
        return K_ERR_INVALID;
    }
    HttpOptions ho = { o->base_url, "", o->ca_file, NULL, "pack-from-oruk", o->timeout_s };
    k_err rc;
    Fetch f = { o, http_new(&ho, &rc), o->tries > 0 ? o->tries : 3,
                o->retry_wait_ms > 0 ? o->retry_wait_ms : 1000 };
    json_t *ids = json_array(), *seen = json_object(), *services = json_array();
    if (!f.c) {
        snprintf(err, errlen, "%.300s: %s", o->base_url ? o->base_url : "",
                 rc == K_ERR_INVALID ? "not an https:// address (or http:// to this machine)"
                                     : "the HTTP client could not start");
        goto out_free;
    }
    rc = K_ERR_NOMEM;
    if (!ids || !seen || !services) {
        snprintf(err, errlen, "out of memory");
        goto out_free;
    }
    int pages = 1;
    for (int page = 1; page <= pages; page++) {
        rc = read_page(&f, page, ids, seen, &pages, err, errlen);
        if (rc != K_OK)
            goto out_free;
    }
    char n[32];
    snprintf(n, sizeof n, "%zu", json_array_size(ids));
    report(&f, "%s services listed on %s", n, o->base_url);
    rc = fetch_services(&f, ids, services, err, errlen);
    if (rc != K_OK)
        goto out_free;
    rc = K_ERR_NOMEM;
    if (json_object_set(pack, "services", services) != 0 || set_version(pack) != K_OK) {
        snprintf(err, errlen, "out of memory");
        goto out_free;
    }
    rc = write_pack(pack, o->out_path, err, errlen);
    if (rc == K_OK) {
        snprintf(n, sizeof n, "%zu", json_array_size(services));
        report(&f, "%s services written to %s", n, o->out_path);
    }
out_free:
    json_decref(services);
    json_decref(seen);
    json_decref(ids);
    json_decref(pack);
    http_free(f.c);
    return rc;
}
