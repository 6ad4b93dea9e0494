/* uploader_private.h — the engine's state, shared by uploader.c (the
 * records) and uploader_content.c (the content pack). */
#ifndef KIOSK_UPLOADER_PRIVATE_H
#define KIOSK_UPLOADER_PRIVATE_H

#include "kiosk/uploader.h"

struct Uploader {
    Store *s;
    UploadSendFn send;
    void *ud;
    char device_id[64];
    char hub_id[64];
    char pack_path[600];
    int content_interval_s;
    uint32_t rng;
    size_t limit;             /* records per batch now (halved by 400 and 413) */
    bool bisecting;           /* halving after a 400, looking for the record at fault */
    int failures;             /* failed batches in a row (the backoff's exponent) */
    uint64_t next_ms;         /* clock_ms() of the next batch */
    bool waiting_backoff;     /* next_ms is a backoff (Send now may end it) */
    uint64_t content_next_ms;
    UploadReportFn report;
    void *report_ud;
    UploadStatus st;
};

/* Checks the content pack when it is due (uploader_content.c). */
void uploader_content_due(Uploader *u, uint64_t now_ms);

/* Writes "HH:MM" (local) of t into out (6 bytes). */
void uploader_hhmm(time_t t, char out[6]);

#endif
