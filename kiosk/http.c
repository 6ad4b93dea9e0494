/* http.c — libcurl under the limits of http.h. */
#include "kiosk/http.h"

#include <curl/curl.h>
#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/config.h"
#include "kiosk/log.h"

#define MOD "http"

struct HttpClient {
    CURL *curl;
    char base[512];
    char ca_file[512];
    char pin[128];
    char auth[600];            /* "Authorization: Bearer ..." */
    char agent[160];
    bool loopback;
    long timeout_s;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_started = CURLE_FAILED_INIT;

static void start_curl(void)
{
    curl_started = curl_global_init(CURL_GLOBAL_DEFAULT);
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
    pthread_once(&curl_once, start_curl);
    *err = K_ERR_IO;
    if (curl_started != CURLE_OK)
        return NULL;
    HttpClient *c = calloc(1, sizeof *c);
    *err = K_ERR_NOMEM;
    if (!c)
        return NULL;
    c->curl = curl_easy_init();
    if (!c->curl) {
        free(c);
        return NULL;
    }
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
        curl_easy_cleanup(c->curl);
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
    char url[900], etag[200];
    snprintf(url, sizeof url, "%s%s", c->base, req->path);
    struct curl_slist *h = NULL, *t;
    const char *lines[] = { c->auth, "Accept: application/json", "Expect:",
                            req->body ? "Content-Type: application/json" : NULL };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!lines[i])
            continue;
        if (!(t = curl_slist_append(h, lines[i])))
            goto out_nomem;
        h = t;
    }
    if (req->if_none_match && req->if_none_match[0] && strlen(req->if_none_match) < 150) {
        snprintf(etag, sizeof etag, "If-None-Match: %s", req->if_none_match);
        if (!(t = curl_slist_append(h, etag)))
            goto out_nomem;
        h = t;
    }
    CURL *e = c->curl;
    curl_easy_reset(e);
    Sink sink = { resp, 0, req->max_answer ? req->max_answer : 1u << 20, false };
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_USERAGENT, c->agent);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT,
                     c->timeout_s < HTTP_CONNECT_TIMEOUT_S ? c->timeout_s
                                                           : (long)HTTP_CONNECT_TIMEOUT_S);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, c->timeout_s);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)HTTP_LOW_SPEED_BYTES);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (long)HTTP_LOW_SPEED_S);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, c->loopback ? "http,https" : "https");
#else
    curl_easy_setopt(e, CURLOPT_PROTOCOLS, c->loopback ? (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS)
                                                       : (long)CURLPROTO_HTTPS);
#endif
    if (c->ca_file[0])
        curl_easy_setopt(e, CURLOPT_CAINFO, c->ca_file);
    if (c->pin[0])
        curl_easy_setopt(e, CURLOPT_PINNEDPUBLICKEY, c->pin);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, resp);
    char detail[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, detail);
    if (!strcmp(req->method, "POST")) {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, req->body ? req->body : "");
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
    } else {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    }
    CURLcode rc = curl_easy_perform(e);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, NULL);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &resp->status);
        return K_OK;
    }
    resp->fail = sink.too_big ? HTTP_FAIL_TOO_BIG : classify(rc);
    snprintf(resp->detail, sizeof resp->detail, "%s", detail[0] ? detail : curl_easy_strerror(rc));
    free(resp->body);
    resp->body = NULL;
    resp->len = 0;
    resp->status = 0;
    return K_OK;
out_nomem:
    curl_slist_free_all(h);
    return K_ERR_NOMEM;
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
    time_t t = curl_getdate(value, NULL);
    if (t == (time_t)-1)
        return -1;
    return (long)t > now ? (long)t - now : 0;
}
