/* store.h — everything the kiosk keeps, in one SQLite database.
 *
 * WAL mode, synchronous=FULL: when an add function returns K_OK the record
 * is committed and on disk. The schema is migrated forward by PRAGMA
 * user_version, one step per version, each in its own transaction.
 *
 * Tables:
 *   outbox      every record for the central service (central-api.md): id
 *               (random UUID v4 made here), type, schema, created_at (RFC
 *               3339 UTC), payload (JSON text, or {"sealed": ...} when a
 *               record key is configured), state (pending | acked |
 *               rejected), attempts, last_error, acked_at.
 *   attendance  the clear fields the staff view shows for the current day
 *               only (day, time, session, first name, party); purged at the
 *               day's end.
 *   kv          small device state: staff PIN hash, PIN lock-out, content
 *               ETag and version.
 *
 * A Store belongs to one thread at a time; another thread (the uploader)
 * opens its own Store on the same file. Callbacks given to the listing
 * functions must not call back into the same Store.
 */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "kiosk/error.h"

typedef struct Store Store;

#define STORE_SCHEMA_VERSION 1

/* Opens (creating and migrating as needed) the database at path.
 * Returns NULL on failure with *err set (K_ERR_IO unreadable/unwritable,
 * K_ERR_FULL, K_ERR_DB for a corrupt file or a newer schema than this
 * build knows) and a log line naming the path and cause. */
Store *store_open(const char *path, k_err *err);

void store_close(Store *s);

/* For tests of a full disk: caps the database at max_pages pages
 * (PRAGMA max_page_count); further writes fail with K_ERR_FULL.
 * K_ERR_INVALID when max_pages < 1. */
k_err store_limit_pages(Store *s, long max_pages);

/* Age bands, in the order the kiosk shows them. */
typedef enum {
    BAND_PREGNANT = 0, BAND_0_1, BAND_1_4, BAND_5_11, BAND_12_16, BAND_17_19,
    BAND_20_25_SEND, BAND_COUNT
} AgeBand;

/* The wire names: "pregnant", "0-1", ... "20-25-send". */
const char *store_band_name(AgeBand b);

typedef struct {
    char session_id[128];
    char session_name[256];
    int adults;                   /* >= 1 */
    int children[BAND_COUNT];     /* how many in each band, each >= 0 */
    bool first_visit;
    char language[16];            /* BCP 47 tag the kiosk was shown in */
    char first_name[192];         /* "" = not given; <= 40 code points */
    char postcode_district[8];    /* "" = not given; e.g. "SM1" */
    char consent_version[32];
} CheckinRecord;

/* Validates rec (returns K_ERR_INVALID and saves nothing when a field is out
 * of range, not clean UTF-8, too long, or the postcode district is not an
 * outward code), builds the checkin payload, seals it when a record key is
 * set, and in one transaction adds the outbox row and today's attendance row.
 * now is the creation time. On K_OK the UUID is written to id_out (37 bytes)
 * and the rows are durable. K_ERR_FULL when the disk or database is full,
 * K_ERR_INVALID also when the record key set is not a usable public key,
 * K_ERR_NOMEM, K_ERR_IO / K_ERR_DB otherwise; on any error nothing was
 * saved and id_out is untouched. */
k_err store_add_checkin(Store *s, const CheckinRecord *rec, time_t now,
                        char id_out[37]);

/* Sets the central service's record public key (crypto_box public key,
 * 32 bytes); payloads of checkin, callback and advocate records are sealed
 * from then on. NULL clears it. */
void store_set_record_key(Store *s, const unsigned char *pk32);

/* One check-in as the staff view lists it. */
typedef struct {
    char time_hhmm[6];
    char session_id[128];
    char session_name[256];
    char first_name[192];    /* "" when none given */
    int adults;
    int children;            /* all bands together */
    bool first_visit;
} AttendanceRow;

typedef void (*AttendanceFn)(void *ud, const AttendanceRow *row);

/* Calls fn for each check-in of local day (YYYY-MM-DD), oldest first.
 * Returns K_ERR_DB (K_ERR_IO for a failed read) on failure; fn may have
 * been called for some rows. */
k_err store_attendance(Store *s, const char *day, AttendanceFn fn, void *ud);

/* Deletes attendance rows of every day before day, and acknowledged outbox
 * rows acknowledged (local day of acked_at) before day. Pending and rejected
 * records are kept. One transaction: on error nothing was deleted. */
k_err store_purge_before(Store *s, const char *day);

typedef struct {
    int pending;     /* waiting to upload */
    int rejected;    /* refused by the server, kept for staff */
    int acked;       /* acknowledged, kept until the day's end */
} OutboxCounts;

/* Fills *out; on error (K_ERR_DB / K_ERR_IO) *out is unchanged. */
k_err store_outbox_counts(Store *s, OutboxCounts *out);

/* One outbox row, for the uploader and tests. payload is a malloc'd string
 * owned by the callback's caller only for the duration of the call. */
typedef struct {
    char id[37];
    char type[16];
    int schema;
    char created_at[21];
    const char *payload;
    char state[10];
} OutboxRow;

typedef void (*OutboxFn)(void *ud, const OutboxRow *row);

/* Calls fn for each outbox row in creation order. Errors as
 * store_attendance. */
k_err store_outbox_each(Store *s, OutboxFn fn, void *ud);

/* Small key-value state. store_kv_get writes "" and returns K_ERR_NOT_FOUND
 * when key is absent; writes "" and returns K_ERR_TOO_LONG when the value
 * and its NUL do not fit cap. store_kv_set replaces any value; it returns
 * K_ERR_INVALID for an empty key and otherwise as store_add_checkin. */
k_err store_kv_get(Store *s, const char *key, char *out, size_t cap);
k_err store_kv_set(Store *s, const char *key, const char *value);

/* Makes a random RFC 9562 version 4 UUID (libsodium's randombytes). */
void store_uuid4(char out[37]);

#endif
