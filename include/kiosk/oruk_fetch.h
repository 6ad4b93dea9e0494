/* oruk_fetch.h — a content pack from an Open Referral UK API
 * (`kiosk --pack-from-oruk BASE_URL --hub-template FILE --out PACK`):
 * pages through GET /services, fetches each GET /services/{id} whole, and
 * writes the hub template with those services as a pack
 * (docs/directory.md). The pack is then imported like any other. */
#ifndef KIOSK_ORUK_FETCH_H
#define KIOSK_ORUK_FETCH_H

#include <stdio.h>

#include "kiosk/error.h"

typedef struct {
    const char *base_url;     /* https://..., or http:// to loopback */
    const char *hub_template; /* a pack without "services": hub, sessions, needs... */
    const char *out_path;     /* the pack written (atomically) */
    const char *ca_file;      /* NULL or "": the system's store */
    int per_page;             /* services a page; 0: 50 */
    int tries;                /* attempts a request; 0: 3 */
    long timeout_s;           /* a request; 0: the http.h default */
    long retry_wait_ms;       /* before the second try, doubling; 0: 1000 */
    FILE *report;             /* progress and warnings, one line each; NULL: none */
} OrukFetchOptions;

/* Fetches the whole feed and writes the pack. A service that answers 404
 * (gone since the list was read) is skipped with a warning; a service that
 * fails its own checks is kept, with a warning, for the import to leave
 * out and show staff. A request with no answer, a 5xx or 429, or an
 * answer that is not what the API returns is tried again. K_OK; otherwise
 * nothing is written at out_path and err says why in one line:
 * K_ERR_INVALID (a template that is not a JSON object, a URL http.h
 * refuses, a list entry without an id), K_ERR_IO (no good answer after
 * every try; the file could not be written), K_ERR_NOMEM. */
k_err oruk_fetch_pack(const OrukFetchOptions *o, char *err, size_t errlen);

#endif
