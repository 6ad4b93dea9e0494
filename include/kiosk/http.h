/* http.h — the one HTTPS client the kiosk has (libcurl), for the uploader's
 * talks with the central service (docs/central-api.md).
 *
 * Every request carries the bearer token and the User-Agent
 * "family-hub-kiosk/<version> (<device_id>)". Limits: connect within 10 s,
 * give up when under 100 bytes/s for 10 s, 25 s for the whole request; no
 * redirect is followed; TLS peer and host verified against the CA file
 * (and the pinned key, when one is set); https only, http only when the
 * base URL is loopback. Answers are kept whole in memory up to a cap.
 * One HttpClient per thread: it reuses its connection.
 *
 * libcurl is not linked: it is loaded (dlopen "libcurl.so.4", or the file
 * KIOSK_LIBCURL names) by the first http_do of the process, so a kiosk
 * with no central.url never maps it. When it cannot be loaded, that is
 * logged once and every http_do ends with resp->fail HTTP_FAIL_OTHER and
 * resp->detail saying why; the caller keeps its records and tries again. */
#ifndef KIOSK_HTTP_H
#define KIOSK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include "kiosk/error.h"

#define HTTP_CONNECT_TIMEOUT_S 10
#define HTTP_TIMEOUT_S 25
#define HTTP_LOW_SPEED_BYTES 100
#define HTTP_LOW_SPEED_S 10

/* Why a request got no HTTP answer (status 0). */
typedef enum {
    HTTP_FAIL_NONE = 0,  /* there is an answer: see status */
    HTTP_FAIL_NETWORK,   /* no route, refused, name not found, reset, closed */
    HTTP_FAIL_TIMEOUT,   /* connect or answer too slow */
    HTTP_FAIL_TLS,       /* the server's certificate did not verify */
    HTTP_FAIL_PIN,       /* the server's key is not the pinned one */
    HTTP_FAIL_TOO_BIG,   /* the answer was over the cap */
    HTTP_FAIL_OTHER      /* anything else (out of memory, a bad setting) */
} HttpFail;

typedef struct {
    const char *method;        /* "GET" or "POST" */
    const char *path;          /* appended to the base URL, e.g. "/v1/records" */
    const char *body;          /* POST body (JSON), or NULL */
    size_t body_len;
    const char *if_none_match; /* ETag to send, or NULL */
    size_t max_answer;         /* cap on the body kept (bytes) */
} HttpRequest;

typedef struct {
    long status;               /* HTTP status; 0 when fail is set */
    HttpFail fail;
    char *body;                /* malloc'd, NUL-terminated; NULL when empty */
    size_t len;
    char retry_after[64];      /* the Retry-After header, "" when none */
    char etag[128];            /* the ETag header, "" when none or too long */
    char detail[256];          /* curl's words for a failure (or why libcurl
                                  could not be loaded), for the log */
} HttpResponse;

typedef struct {
    const char *base_url;      /* no trailing slash needed */
    const char *token;
    const char *ca_file;       /* "" or NULL: the system's store */
    const char *pin_sha256;    /* "" or NULL: none */
    const char *device_id;
    long timeout_s;            /* whole request; 0 = HTTP_TIMEOUT_S (tests shorten it) */
} HttpOptions;

typedef struct HttpClient HttpClient;

/* Makes a client (copies every option; loads nothing). NULL with *err
 * set: K_ERR_INVALID for a base URL that is not https:// (or http:// to
 * loopback), K_ERR_NOMEM. */
HttpClient *http_new(const HttpOptions *o, k_err *err);

/* Zeroes the token and frees the client; NULL is fine. */
void http_free(HttpClient *c);

/* Makes one request and fills *resp (free it with http_response_free).
 * Returns K_OK whenever the exchange ended (an HTTP answer of any status, or
 * resp->fail saying why there was none); K_ERR_NOMEM or K_ERR_INVALID (a
 * request that could not be made) otherwise. */
k_err http_do(HttpClient *c, const HttpRequest *req, HttpResponse *resp);

/* Frees an answer's body and empties it. */
void http_response_free(HttpResponse *resp);

/* Reads a Retry-After value at wall time now: whole seconds, or an HTTP
 * date. Returns the seconds to wait (0 for a date passed), or -1 when the
 * value is neither. */
long http_retry_after(const char *value, long now);

#endif
