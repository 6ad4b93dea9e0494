/* http.c — libcurl under the limits of http.h. libcurl is not linked:
 * it is opened with dlopen on the first request and the few functions used
 * are looked up then, so a kiosk with no central.url never maps it (nor
 * the thirty libraries it pulls in: TLS, Kerberos, LDAP, SSH...). The
 * program includes curl/curl.h for its types and constants only. */
#include "kiosk/http.h"

#include <curl/curl.h>
#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "kiosk/config.h"
#include "kiosk/log.h"

#define MOD "http"
#define LIBCURL_FILE "libcurl.so.4"

struct HttpClient {
    CURL *curl;                /* made on the first request */
    char base[512];
    char ca_file[512];
    char pin[128];
    char auth[600];            /* "Authorization: Bearer ..." */
    char agent[160];
    bool loopback;
    long timeout_s;
};

/* The libcurl functions http.c calls, looked up once. */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *e);
    void (*easy_reset)(CURL *e);
    CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
    CURLcode (*easy_perform)(CURL *e);
    CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode rc);
    struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
    void (*slist_free_all)(struct curl_slist *l);
} lib;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static bool curl_ready;
static char curl_problem[200];   /* why libcurl is not there, for each failure */

/* Looks up lib.m as the symbol "curl_m" in h; on a miss, says so in
 * curl_problem and sets ok to false. */
#define RESOLVE(h, m, ok)                                                    \
    do {                                                                     \
        *(void **)&lib.m = dlsym(h, "curl_" #m);                             \
        if (!lib.m && ok) {                                                  \
            snprintf(curl_problem, sizeof curl_problem, "%s has no curl_%s", \
                     file, #m);                                              \
            ok = false;                                                      \
        }                                                                    \
    } while (0)

/* Opens libcurl (KIOSK_LIBCURL names another file, for tests), looks up
 * its functions and starts it. On failure curl_problem says why. */
static void start_curl(void)
{
    const char *file = getenv("KIOSK_LIBCURL");
    if (!file || !*file)
        file = LIBCURL_FILE;
    void *h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(curl_problem, sizeof curl_problem, "libcurl could not be loaded: %.150s",
                 why ? why : file);
        LOG_E(MOD, "%s; nothing can be sent: records wait in the outbox", curl_problem);
        return;
    }
    bool ok = true;
    RESOLVE(h, global_init, ok);
    RESOLVE(h, easy_init, ok);
    RESOLVE(h, easy_cleanup, ok);
    RESOLVE(h, easy_reset, ok);
    RESOLVE(h, easy_setopt, ok);
    RESOLVE(h, easy_perform, ok);
    RESOLVE(h, easy_getinfo, ok);
    RESOLVE(h, easy_strerror, ok);
    RESOLVE(h, slist_append, ok);
    RESOLVE(h, slist_free_all, ok);
    if (ok && lib.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(curl_problem, sizeof curl_problem, "libcurl could not start");
        ok = false;
    }
    if (!ok) {
        LOG_E(MOD, "%s; nothing can be sent: records wait in the outbox", curl_problem);
        dlclose(h);
        memset(&lib, 0, sizeof lib);
        return;
    }
    curl_ready = true;     /* the library stays loaded until the process ends */
}

/* True when libcurl is loaded and started (it is tried once). */
static bool have_curl(void)
{
    pthread_once(&curl_once, start_curl);
    return curl_ready;
}

HttpClient *http_new(const HttpOptions *o, k_err *err)
{
    *err = K_ERR_INVALID;
    const char *url = o->base_url ? o->base_url : "";
    bool loop = config_url_is_loopback_http(url);
    if (strncmp(url, "https://", 8) != 0 && !loop)
        return NULL;
    if (!o->token || strlen(o->token) > 500 || strlen(url) >= 512)
        return NULL;
    HttpClient *c = calloc(1, sizeof *c);
    *err = K_ERR_NOMEM;
    if (!c)
        return NULL;
    snprintf(c->base, sizeof c->base, "%s", url);
    size_t n = strlen(c->base);
    while (n > 0 && c->base[n - 1] == '/')
        c->base[--n] = '\0';
    snprintf(c->ca_file, sizeof c->ca_file, "%s", o->ca_file ? o->ca_file : "");
    snprintf(c->pin, sizeof c->pin, "%s", o->pin_sha256 ? o->pin_sha256 : "");
    snprintf(c->auth, sizeof c->auth, "Authorization: Bearer %s", o->token);
    snprintf(c->agent, sizeof c->agent, "family-hub-kiosk/%s (%.64s)", KIOSK_VERSION,
             o->device_id ? o->device_id : "");
    c->loopback = loop;
    c->timeout_s = o->timeout_s > 0 && o->timeout_s < HTTP_TIMEOUT_S ? o->timeout_s
                                                                      : HTTP_TIMEOUT_S;
    *err = K_OK;
    return c;
}

void http_free(HttpClient *c)
{
    if (!c)
        return;
    if (c->curl)
        lib.easy_cleanup(c->curl);
    sodium_memzero(c, sizeof *c);
    free(c);
}

void http_response_free(HttpResponse *resp)
{
    free(resp->body);
    memset(resp, 0, sizeof *resp);
}

typedef struct {
    HttpResponse *r;
    size_t cap, max;
    bool too_big;
} Sink;

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    Sink *s = ud;
    size_t n = size * nmemb;
    if (s->r->len + n > s->max) {
        s->too_big = true;
        return 0;
    }
    if (s->r->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->r->len + n + 1)
            cap *= 2;
        char *b = realloc(s->r->body, cap);
        if (!b)
            return 0;
        s->r->body = b;
        s->cap = cap;
    }
    memcpy(s->r->body + s->r->len, data, n);
    s->r->len += n;
    s->r->body[s->r->len] = '\0';
    return n;
}

/* Copies the value of header "name:" from one header line, trimmed. */
static void take_header(const char *line, size_t n, const char *name, char *out, size_t cap)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return;
    const char *v = line + k + 1, *e = line + n;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && isspace((unsigned char)e[-1]))
        e--;
    if ((size_t)(e - v) < cap)
        snprintf(out, cap, "%.*s", (int)(e - v), v);
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ud)
{
    HttpResponse *r = ud;
    size_t n = size * nmemb;
    if (n > 5 && !strncmp(data, "HTTP/", 5)) {     /* a new answer starts */
        r->retry_after[0] = '\0';
        r->etag[0] = '\0';
    }
    take_header(data, n, "Retry-After", r->retry_after, sizeof r->retry_after);
    take_header(data, n, "ETag", r->etag, sizeof r->etag);
    return n;
}

static HttpFail classify(CURLcode rc)
{
    switch (rc) {
    case CURLE_OK: return HTTP_FAIL_NONE;
    case CURLE_OPERATION_TIMEDOUT: return HTTP_FAIL_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return HTTP_FAIL_TLS;
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return HTTP_FAIL_PIN;
    case CURLE_WRITE_ERROR: return HTTP_FAIL_TOO_BIG;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return HTTP_FAIL_NETWORK;
    default: return HTTP_FAIL_OTHER;
    }
}

k_err http_do(HttpClient *c, const HttpRequest *req, HttpResponse *resp)
{
    memset(resp, 0, sizeof *resp);
    if (!req->path || !req->method || strlen(req->path) > 300)
        return K_ERR_INVALID;
    if (!have_curl() || (!c->curl && !(c->curl = lib.easy_init()))) {
        resp->fail = HTTP_FAIL_OTHER;
        snprintf(resp->detail, sizeof resp->detail, "%s",
                 curl_ready ? "libcurl could not make a handle" : curl_problem);
        return K_OK;
    }
    char url[900], etag[200];
    snprintf(url, sizeof url, "%s%s", c->base, req->path);
    struct curl_slist *h = NULL, *t;
    const char *lines[] = { c->auth, "Accept: application/json", "Expect:",
                            req->body ? "Content-Type: application/json" : NULL };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!lines[i])
            continue;
        if (!(t = lib.slist_append(h, lines[i])))
            goto out_nomem;
        h = t;
    }
    if (req->if_none_match && req->if_none_match[0] && strlen(req->if_none_match) < 150) {
        snprintf(etag, sizeof etag, "If-None-Match: %s", req->if_none_match);
        if (!(t = lib.slist_append(h, etag)))
            goto out_nomem;
        h = t;
    }
    CURL *e = c->curl;
    lib.easy_reset(e);
    Sink sink = { resp, 0, req->max_answer ? req->max_answer : 1u << 20, false };
    lib.easy_setopt(e, CURLOPT_URL, url);
    lib.easy_setopt(e, CURLOPT_HTTPHEADER, h);
    lib.easy_setopt(e, CURLOPT_USERAGENT, c->agent);
    lib.easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    lib.easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
                     c->timeout_s < HTTP_CONNECT_TIMEOUT_S ? c->timeout_s
                                                           : (long)HTTP_CONNECT_TIMEOUT_S);
    lib.easy_setopt(e, CURLOPT_TIMEOUT, c->timeout_s);
    lib.easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)HTTP_LOW_SPEED_BYTES);
    lib.easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)HTTP_LOW_SPEED_S);
    lib.easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    lib.easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    lib.easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
#if LIBCURL_VERSION_NUM >= 0x075500
    lib.easy_setopt(e, CURLOPT_PROTOCOLS_STR, c->loopback ? "http,https" : "https");
#else
    lib.easy_setopt(e, CURLOPT_PROTOCOLS, c->loopback ? (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)
                                                       : (long)CURLPROTO_HTTPS);
#endif
    if (c->ca_file[0])
        lib.easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
    if (c->pin[0])
        lib.easy_setopt(e, CURLOPT_PINNEDPUBLICKEY, c->pin);
    lib.easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    lib.easy_setopt(e, CURLOPT_WRITEDATA, &sink);
    lib.easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    lib.easy_setopt(e, CURLOPT_HEADERDATA, resp);
    char detail[CURL_ERROR_SIZE] = "";
    lib.easy_setopt(e, CURLOPT_ERRORBUFFER, detail);
    if (!strcmp(req->method, "POST")) {
        lib.easy_setopt(e, CURLOPT_POST, 1L);
        lib.easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "");
        lib.easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    } else {
        lib.easy_setopt(e, CURLOPT_HTTPGET, 1L);
    }
    CURLcode rc = lib.easy_perform(e);
    lib.easy_setopt(e, CURLOPT_ERRORBUFFER, NULL);
    lib.easy_setopt(e, CURLOPT_HTTPHEADER, NULL);
    lib.slist_free_all(h);
    if (rc == CURLE_OK) {
        lib.easy_getinfo(e, CURLINFO_RESPONSE_CODE, &resp->status);
        return K_OK;
    }
    resp->fail = sink.too_big ? HTTP_FAIL_TOO_BIG : classify(rc);
    snprintf(resp->detail, sizeof resp->detail, "%s", detail[0] ? detail : lib.easy_strerror(rc));
    free(resp->body);
    resp->body = NULL;
    resp->len = 0;
    resp->status = 0;
    return K_OK;
out_nomem:
    lib.slist_free_all(h);
    return K_ERR_NOMEM;
}

static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Reads exactly n digits at *s into *v and moves past them. */
static bool digits_at(const char **s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if ((*s)[i] < '0' || (*s)[i] > '9')
            return false;
        *v = *v * 10 + ((*s)[i] - '0');
    }
    *s += n;
    return true;
}

/* Reads a month's three letters at *s and moves past them. */
static bool month_at(const char **s, int *mon)
{
    for (int m = 0; m < 12; m++)
        if (strncmp(*s, months[m], 3) == 0) {
            *mon = m;
            *s += 3;
            return true;
        }
    return false;
}

/* Reads "HH:MM:SS" at *s into tm and moves past it. */
static bool clock_at(const char **s, struct tm *tm)
{
    return digits_at(s, 2, &tm->tm_hour) && *(*s)++ == ':' && digits_at(s, 2, &tm->tm_min) &&
           *(*s)++ == ':' && digits_at(s, 2, &tm->tm_sec) && tm->tm_hour < 24 &&
           tm->tm_min < 60 && tm->tm_sec < 61;
}

/* An HTTP date (RFC 9110 5.6.7) as seconds since 1970: the IMF-fixdate
 * "Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete RFC 850
 * "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994"
 * forms a recipient must also take. -1 for anything else. */
static long http_date(const char *v)
{
    struct tm tm = { 0 };
    const char *s = v + strspn(v, "ADFMNOSTWacdehinorstuy");   /* the day's name */
    size_t day_len = (size_t)(s - v);
    bool ok = false;
    if (day_len == 3 && s[0] == ',' && s[1] == ' ') {                /* IMF-fixdate */
        s += 2;
        ok = digits_at(&s, 2, &tm.tm_mday) && *s++ == ' ' && month_at(&s, &tm.tm_mon) &&
             *s++ == ' ' && digits_at(&s, 4, &tm.tm_year) && *s++ == ' ' && clock_at(&s, &tm) &&
             strcmp(s, " GMT") == 0;
        tm.tm_year -= 1900;
    } else if (day_len >= 6 && s[0] == ',' && s[1] == ' ') {         /* RFC 850 */
        s += 2;
        ok = digits_at(&s, 2, &tm.tm_mday) && *s++ == '-' && month_at(&s, &tm.tm_mon) &&
             *s++ == '-' && digits_at(&s, 2, &tm.tm_year) && *s++ == ' ' && clock_at(&s, &tm) &&
             strcmp(s, " GMT") == 0;
        if (tm.tm_year < 70)   /* a two-digit year: the nearest century (from 1970) */
            tm.tm_year += 100;
    } else if (day_len == 3 && s[0] == ' ') {                        /* asctime */
        s++;
        ok = month_at(&s, &tm.tm_mon) && *s++ == ' ';
        if (ok && *s == ' ')
            s++;
        ok = ok && (digits_at(&s, 2, &tm.tm_mday) || digits_at(&s, 1, &tm.tm_mday)) &&
             *s++ == ' ' && clock_at(&s, &tm) && *s++ == ' ' && digits_at(&s, 4, &tm.tm_year) &&
             *s == '\0';
        tm.tm_year -= 1900;
    }
    if (!ok || tm.tm_mday < 1 || tm.tm_mday > 31)
        return -1;
    time_t t = timegm(&tm);
    return t == (time_t)-1 ? -1 : (long)t;
}

long http_retry_after(const char *value, long now)
{
    if (!value || !*value)
        return -1;
    size_t digits = strspn(value, "0123456789");
    if (digits > 0 && value[digits] == '\0') {
        if (digits > 9)
            return 999999999L;
        return strtol(value, NULL, 10);
    }
    long t = http_date(value);
    if (t < 0)
        return -1;
    return t > now ? t - now : 0;
}
