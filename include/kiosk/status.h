/* status.h — what a technician asks of a kiosk over ssh (--status): the
 * content pack shown and when the central service was last asked for a
 * new one, the records waiting and the oldest, the last upload and the
 * last problem; as lines for a person or as JSON for monitoring.
 *
 * The uploader keeps what only it knows (its last answer, last success,
 * last problem) in the kv table under "status.*" keys (status_save); the
 * rest is read from the outbox and the content packs. Nothing personal is
 * shown: counts, times, versions and the uploader's own words only. */
#ifndef KIOSK_STATUS_H
#define KIOSK_STATUS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/store.h"
#include "kiosk/uploader.h"

typedef struct {
    char hub_id[64];              /* as set, else the content pack's */
    char device_id[64];
    char central_url[512];        /* "" = offline */
    /* the content pack the kiosk shows */
    char content_version[64];     /* "" when no pack could be read */
    char content_file[700];
    char content_from[16];        /* "central", "configured" or "last-good" */
    char content_problem[512];    /* why the configured pack is refused; "" none */
    time_t content_checked;       /* last answer from the central service; 0 never */
    /* the outbox; -1 when it could not be counted */
    int waiting, rejected, sent_kept;
    time_t oldest_waiting;        /* created_at of the oldest waiting; 0 none */
    time_t last_upload;           /* records last acknowledged; 0 never */
    char last_error[300];         /* the uploader's last problem; "" none */
    time_t last_error_at;
} KioskStatus;

/* Keeps what the uploader knows (st) in s's kv table, writing only the
 * keys whose values changed: status.content_checked, .content_version,
 * .last_upload, .last_error, .last_error_at. Called after each round of
 * the uploader. The store's errors (K_ERR_FULL, K_ERR_DB, K_ERR_IO) are
 * returned; what was written before the error stays. */
k_err status_save(Store *s, const UploadStatus *st);

/* Reads the status of the kiosk configured by cfg at now: opens the
 * database in cfg->data_dir (never creating it). K_ERR_NOT_FOUND when
 * there is no database yet (the kiosk has never run), K_ERR_IO / K_ERR_DB
 * when it cannot be read (another user's: run as the kiosk's user), with
 * one line in err; *out is then zeroed. */
k_err status_read(const Config *cfg, time_t now, KioskStatus *out, char *err, size_t errlen);

/* Writes st as lines for a person, times in local time with their age at
 * now. Cannot fail (a line that cannot be written is lost). */
void status_print(FILE *f, const KioskStatus *st, time_t now);

/* Writes st as one JSON object and a newline (times as RFC 3339 UTC or
 * null, counts as numbers, -1 unknown). K_ERR_NOMEM, K_ERR_IO when it
 * cannot be written. */
k_err status_print_json(FILE *f, const KioskStatus *st, time_t now);

/* --status [--json]: status_read and a print to out; errors on err.
 * Returns the exit status: 0, or 1 when the status could not be read. */
int status_main(const Config *cfg, bool json, FILE *out, FILE *err);

#endif
