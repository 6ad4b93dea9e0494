/* store.h — everything the kiosk keeps, in one SQLite database.
 *
 * WAL mode, synchronous=FULL, secure_delete on: when an add function
 * returns K_OK the record is committed and on disk, and deleted rows are
 * overwritten. The schema is migrated forward by PRAGMA user_version, one
 * step per version, each in its own transaction.
 *
 * The database file and its -wal and -shm are 0600 whatever the directory
 * and umask: store_open creates the file 0600 (refusing a symlink) before
 * SQLite opens it (SQLite gives -wal and -shm the mode of the database) and
 * tightens an existing file, -wal or -shm that is looser.
 *
 * At open the database is checked (PRAGMA quick_check). One that is not a
 * database or fails the check is moved aside, with its -wal and -shm, to
 * "<path>.damaged-YYYYMMDDTHHMMSS" (UTC, 0600) and kept for IT; a new one
 * is started and every row that can still be read from the damaged one
 * (outbox, attendance, kv; row by row, skipping what cannot be read) is
 * copied into it. store_recovered_from tells. Only the first opener at
 * start-up (the app) should meet a damaged file: other openers (the
 * uploader) open after it.
 *
 * Tables:
 *   outbox      every record for the central service (docs/central-api.md):
 *               id (random UUID v4 made here), type, schema, created_at
 *               (RFC 3339 UTC), payload (JSON text, or {"sealed": ...} when
 *               a record key is configured), state (pending | acked |
 *               rejected), attempts, last_error, acked_at, rejected_at,
 *               lease_until (unix seconds; a claim's lease), seq (creation
 *               order).
 *   attendance  the clear fields the staff view shows for the current day
 *               only (day, time, session, first name, party); purged at the
 *               day's end (store_day_close, below), which keeps its counts
 *               in day_totals and day_counts.
 *   kv          small device state: staff PIN hash, PIN lock-out, content
 *               ETag and version.
 *
 * A Store belongs to one thread at a time; another thread (the uploader)
 * opens its own Store on the same file. Each connection waits up to 5 s for
 * the other's write lock (busy_timeout) before it reports K_ERR_DB.
 * Callbacks given to the listing functions must not call back into the same
 * Store.
 */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "kiosk/error.h"
#include "kiosk/limits.h"
#include "kiosk/record.h"

typedef struct Store Store;

#define STORE_SCHEMA_VERSION 3

/* Opens (creating, securing, checking and migrating as needed) the
 * database at path. Returns NULL on failure with *err set (K_ERR_IO
 * unreadable/unwritable or the directory missing, K_ERR_FULL, K_ERR_NOMEM,
 * K_ERR_DB for a newer schema than this build knows, which is left as it
 * is, or a damaged file that could not be moved aside) and a log line naming
 * the path and cause. A damaged database is not an error: see above and
 * store_recovered_from. */
Store *store_open(const char *path, k_err *err);

/* The path the damaged database was moved to when this open found one
 * (for the staff view and the log), or NULL when the database was sound. */
const char *store_recovered_from(const Store *s);

/* Closes the database (the last connection checkpoints the WAL) and zeroes
 * the Store, its record key and any state kept in memory; NULL is fine. */
void store_close(Store *s);

/* True when s was opened alone: the disk was too full at open for the
 * WAL's shared index, so no other connection (the uploader's, --status)
 * can open the file until store_share succeeds. False for NULL. */
bool store_is_alone(const Store *s);

/* For a store opened alone: when the file system has room again, closes
 * the connection and opens the file again shared (the Store, its record
 * key and what it holds in memory stay). K_OK when the store is shared (or
 * already was); K_ERR_FULL when there is still no room (the connection is
 * kept, or opened alone again); K_ERR_DB (logged) when the file could not
 * be opened again at all: every call on s then fails until a later
 * store_share succeeds. Main thread only, like store_open. */
k_err store_share(Store *s);

/* True when the last store_share could not open the file at all (it was
 * replaced, its permissions changed, an I/O error): not a full disk, and
 * freeing space will not help. False for NULL. Cannot fail. */
bool store_cannot_open(const Store *s);

/* For tests of a full disk: caps the database at max_pages pages
 * (PRAGMA max_page_count); further writes fail with K_ERR_FULL. The cap is
 * kept for the Store's life: store_share sets it again on the new
 * connection.
 * K_ERR_INVALID when max_pages < 1. */
k_err store_limit_pages(Store *s, long max_pages);

/* The wire names: "pregnant", "0-1", ... "20-25-send". */
const char *store_band_name(AgeBand b);

/* Adds a record: validates rec (record_validate), builds its payload and
 * seals it when a record key is set and the type is sealed (record_payload),
 * and in one transaction adds the outbox row and, for a check-in, today's
 * attendance row: the clear fields the staff view needs (session, time,
 * party, first name), whole, from the record. now is the creation time. On
 * K_OK the UUID is written to id_out (37 bytes) and the rows are durable.
 * K_ERR_INVALID when a field of rec is refused (logged by name, never by
 * value) or the record key set is not a usable public key, K_ERR_FULL when
 * the disk or database is full, K_ERR_NOMEM, K_ERR_IO / K_ERR_DB otherwise;
 * on any error nothing was saved and id_out is untouched. */
k_err store_add_record(Store *s, const Record *rec, time_t now, char id_out[37]);

/* store_add_record of a check-in (kept for its callers). */
k_err store_add_checkin(Store *s, const CheckinRecord *rec, time_t now,
                        char id_out[37]);

/* Sets the central service's record public key (crypto_box public key,
 * 32 bytes); payloads of checkin, callback and advocate records are sealed
 * from then on. NULL clears it. */
void store_set_record_key(Store *s, const unsigned char *pk32);

/* One check-in as the staff view lists it. The id and first name are held
 * whole within their limits (include/kiosk/limits.h); the session name is
 * the staff list's copy, held whole up to STORE_LIST_NAME_BUF - 1 bytes and
 * otherwise cut at a character boundary (the attendance table and the record
 * keep it whole). */
#define STORE_LIST_NAME_BUF K_NAME_BUF
typedef struct {
    char time_hhmm[6];
    char session_id[K_ID_BUF];
    char session_name[STORE_LIST_NAME_BUF];
    char first_name[K_FIRST_NAME_BUF];   /* "" when none given */
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
 * records are kept. One transaction: on error nothing was deleted. Then
 * checkpoints the WAL and truncates it (wal_checkpoint(TRUNCATE)), so that
 * what was deleted (overwritten by secure_delete) is in neither the
 * database file nor the -wal. The checkpoint waits (at most the busy
 * timeout) for another connection's read to end; when one keeps it from
 * finishing this is logged and K_OK is still returned (the next purge or
 * the last close finishes it). */
k_err store_purge_before(Store *s, const char *day);

/* ---- the outbox, for the uploader ----
 *
 * Records leave in creation order. A claim takes a lease: the claimed
 * records are not handed out again until lease_until (now + lease_s) has
 * passed, so a claimer that crashes or hangs holds nothing for ever; after
 * the lease any claimer may take them again. A record may therefore be sent
 * twice (a lease ran out during a slow send): the server stores a record
 * once per id, so that is harmless, and an acknowledgement is accepted
 * whatever lease the record is under. Claims are made in one IMMEDIATE
 * transaction, so two claimers never hold the same record at once. */

typedef struct {
    char id[37];
    char type[16];
    int schema;
    char created_at[21];
    char *payload;      /* JSON text, malloc'd; freed with the batch */
    int attempts;       /* failed sends so far */
    size_t bytes;       /* length of this record's object in the request
                           body: {"id":..,"type":..,"schema":..,
                           "created_at":..,"payload":..} compact */
} OutboxItem;

typedef struct {
    OutboxItem *items;
    size_t n;
    size_t bytes;       /* sum of items[].bytes */
} OutboxBatch;

/* Claims, in creation order, the pending records not under a lease at
 * now: at most max_records of them and at most max_bytes of record objects
 * in total (the first record is claimed alone when it is larger than
 * max_bytes, so that it can be sent and rejected rather than block the
 * queue). Rejected and acknowledged records are never claimed. On K_OK
 * *out holds the batch (n may be 0: nothing to send) and must be freed
 * with store_outbox_batch_free. K_ERR_INVALID when max_records is 0 or over
 * 100,000, max_bytes is 0 or lease_s < 1, K_ERR_NOMEM, K_ERR_FULL, K_ERR_IO /
 * K_ERR_DB; on error nothing was claimed and *out is empty. */
k_err store_outbox_claim(Store *s, size_t max_records, size_t max_bytes, time_t now,
                         int lease_s, OutboxBatch *out);

/* Frees a batch's payloads (zeroed first) and empties it. */
void store_outbox_batch_free(OutboxBatch *b);

/* Marks the records with the n given ids acknowledged at now (the server
 * stored them): they are never claimed again and are purged at the end of
 * the day. Idempotent: an id already acknowledged, or unknown (purged),
 * is left as it is. A rejected id that the server later stored becomes
 * acknowledged. One transaction: on error (K_ERR_FULL, K_ERR_IO / K_ERR_DB)
 * none was marked; K_ERR_INVALID for a NULL id. */
k_err store_outbox_ack(Store *s, const char *const *ids, size_t n, time_t now);

/* Marks a pending record rejected at now with the server's reason (kept,
 * shown to staff, never claimed again automatically; the reason is kept
 * with control characters and malformed UTF-8 replaced and cut at 300
 * characters). K_OK also when it is already rejected (the reason is
 * replaced) or acknowledged (left acknowledged). K_ERR_NOT_FOUND for an
 * unknown id, K_ERR_FULL, K_ERR_IO / K_ERR_DB. */
k_err store_outbox_reject(Store *s, const char *id, const char *reason, time_t now);

/* Records a failed attempt to send a pending record: attempts + 1,
 * last_error = error (cleaned as a reject's reason; NULL for none), and its
 * lease is ended so the next claim may take it. Acknowledged or rejected
 * records are left as they are (K_OK). K_ERR_NOT_FOUND for an unknown id,
 * K_ERR_FULL, K_ERR_IO / K_ERR_DB. */
k_err store_outbox_release(Store *s, const char *id, const char *error);

typedef struct {
    int pending;     /* waiting to upload (claimed or not) */
    int rejected;    /* refused by the server, kept for staff */
    int acked;       /* acknowledged, kept until the day's end */
} OutboxCounts;

/* Fills *out; on error (K_ERR_DB / K_ERR_IO) *out is unchanged and the
 * caller must say the count is unknown, never show zeros. */
k_err store_outbox_counts(Store *s, OutboxCounts *out);

/* Seconds since the oldest pending record was created (0 when its
 * created_at is after now). K_ERR_NOT_FOUND (and 0) when nothing is
 * pending; K_ERR_DB / K_ERR_IO (and *age_s unchanged) on failure. */
k_err store_outbox_oldest_age(Store *s, time_t now, long *age_s);

/* One outbox row, for staff and tests. payload and last_error are owned by
 * the store and valid only for the duration of the call. */
typedef struct {
    char id[37];
    char type[16];
    int schema;
    char created_at[21];
    const char *payload;
    char state[10];
    int attempts;
    const char *last_error;   /* "" when none */
} OutboxRow;

typedef void (*OutboxFn)(void *ud, const OutboxRow *row);

/* Calls fn for each outbox row in creation order. Errors as
 * store_attendance. */
k_err store_outbox_each(Store *s, OutboxFn fn, void *ud);

/* Small key-value state. store_kv_get writes "" and returns K_ERR_NOT_FOUND
 * when key is absent; writes "" and returns K_ERR_TOO_LONG when the value
 * and its NUL do not fit cap; K_ERR_DB / K_ERR_IO when it cannot be read
 * (never K_ERR_NOT_FOUND then). store_kv_set replaces any value; it returns
 * K_ERR_INVALID for an empty key and otherwise as store_add_checkin. */
k_err store_kv_get(Store *s, const char *key, char *out, size_t cap);
k_err store_kv_set(Store *s, const char *key, const char *value);

/* Keeps key = value in this Store's memory only, for state that must hold
 * while it cannot be written (a full disk): store_kv_get returns it in
 * place of the stored value until store_kv_set of the key succeeds or the
 * Store is closed. At most STORE_KV_MEMO keys of STORE_KV_MEMO_LEN - 1
 * bytes; K_ERR_TOO_LONG / K_ERR_FULL (no room) / K_ERR_INVALID otherwise. */
#define STORE_KV_MEMO 8
#define STORE_KV_MEMO_LEN 48
k_err store_kv_remember(Store *s, const char *key, const char *value);

/* Reads one of the connection's settings as text, for tests that the
 * store runs as documented: name is one of "synchronous", "journal_mode",
 * "secure_delete", "foreign_keys", "busy_timeout". K_ERR_INVALID for any
 * other name, K_ERR_TOO_LONG when cap is too small, K_ERR_DB otherwise. */
k_err store_setting(Store *s, const char *name, char *out, size_t cap);

/* Makes a random RFC 9562 version 4 UUID (libsodium's randombytes). */
void store_uuid4(char out[37]);

/* ---- callback and advocate requests (store_requests.c) ----
 *
 * The staff view counts the day's requests, never their contents: a
 * "requests" table (created on first use) holds for each request its
 * record id, local day, type and whether it is urgent, in the clear for
 * the current day only (earlier days are deleted as requests are added). */

typedef struct {
    int total, urgent, delivered;   /* delivered: acknowledged by the central service */
} RequestCount;

typedef struct {
    RequestCount callback, advocate;
} RequestCounts;

/* Adds a callback or advocate record as store_add_record does (validated,
 * sealed when a record key is set) and its row in "requests", in one
 * transaction: on K_OK both are durable and the UUID is in id_out. Errors
 * as store_add_record's (K_ERR_INVALID also for another type); on any
 * error nothing was saved. */
k_err store_add_request(Store *s, const Record *rec, bool urgent, time_t now, char id_out[37]);

/* Today's counts (local day YYYY-MM-DD) into *out, zeroed first. K_ERR_DB
 * (K_ERR_IO for a failed read) on failure. */
k_err store_request_counts(Store *s, const char *day, RequestCounts *out);

/* The staff view's line of today's counts, in English, e.g. "Callbacks
 * today: 3 (1 urgent, 2 delivered). Advocates today: 1 (1 urgent, 0
 * delivered)." Never a request's contents. K_OK, or store_request_counts's
 * error with "Requests today: could not be counted." in out. */
k_err store_request_summary(Store *s, const char *day, char *out, size_t cap);

/* A feedback comment given after its rating was saved under id: while
 * that record is pending and not claimed by the uploader its payload is
 * replaced by rec's; otherwise rec is added as a record of its own. One
 * transaction; the id of the record that holds rec is written to id_out.
 * Errors as store_add_record's (K_ERR_INVALID for a type other than
 * feedback); on error nothing changed. */
k_err store_feedback_amend(Store *s, const char *id, const Record *rec, time_t now,
                           char id_out[37]);

/* ---- the day's end (store_day.c) ----
 *
 * A check-in's attendance row has beside it (attendance_reach, created on
 * first use) the language shown and the postcode district, in the clear for
 * as long as the attendance row. Closing a day turns the attendance of that
 * day and every earlier one into counts (day_totals: one row per local day
 * and hub; day_counts: per day, hub, kind "session" / "language" /
 * "district" and key), never names, and deletes that attendance and the
 * records acknowledged by the end of the day, in one transaction; then the
 * WAL is checkpointed and truncated, and, when anything was deleted, a
 * VACUUM is due (store_day_tidy, when nobody is using the kiosk). Records
 * not yet acknowledged are kept.
 * A day closed again (check-ins saved after its close) adds to its counts:
 * the rows counted are deleted in the transaction that counts them, so a
 * close cut short (a crash, a power cut) leaves the before or the after,
 * and nothing is counted twice. kv keeps the last day closed
 * (STORE_DAY_KV_CLOSED) and the tidy-up still due (STORE_DAY_KV_TIDY). */

#define STORE_DAY_KV_CLOSED "day_end.closed"
#define STORE_DAY_KV_TIDY "day_end.tidy"

/* Closes every local day up to and including day (YYYY-MM-DD) for hub, as
 * above; *closed (may be NULL) receives how many attendance rows were
 * counted. K_ERR_INVALID for a malformed day or NULL hub; K_ERR_FULL,
 * K_ERR_IO / K_ERR_DB with nothing changed. A checkpoint another
 * connection's read keeps from finishing is logged and left to
 * store_day_tidy (K_OK all the same). */
k_err store_day_close(Store *s, const char *hub, const char *day, int *closed);

/* True in *pending when a close of day would count or delete anything:
 * attendance of day or earlier, or a record acknowledged by then.
 * K_ERR_DB / K_ERR_IO (and false) when it cannot be read. */
k_err store_day_pending(Store *s, const char *day, bool *pending);

/* The tidy-up after a close, when one is due: VACUUM, then a truncating
 * WAL checkpoint, so that nothing deleted is left in free pages or in the
 * -wal. Each part is recorded as done in kv, so a tidy-up cut short is
 * finished by the next. *done is true when nothing more is due. Never
 * call it with a transaction open. K_OK with *done false when another
 * connection's read kept the checkpoint from finishing; K_ERR_FULL (a
 * VACUUM needs room for a copy), K_ERR_IO / K_ERR_DB otherwise. */
k_err store_day_tidy(Store *s, bool *done);

/* One closed day's counts. */
typedef struct {
    char day[11];
    int sessions;       /* sessions with at least one check-in */
    int checkins;       /* check-ins: families (parties) */
    int adults, children, first_visits;
} StoreDayTotals;

/* The closed days of hub from from to to (YYYY-MM-DD, both included), in
 * order of day, at most cap of them into out; *n how many. Days with no
 * check-in have no row. K_ERR_DB / K_ERR_IO on failure (*n rows filled). */
k_err store_day_totals(Store *s, const char *hub, const char *from, const char *to,
                       StoreDayTotals *out, int cap, int *n);

typedef void (*StoreDayKeyFn)(void *ud, const char *key, int n);

/* Calls fn for each key of kind ("session", "language", "district") with
 * its count summed over the closed days of hub from from to to, largest
 * first. Errors as store_day_totals (fn may have been called). */
k_err store_day_keys(Store *s, const char *hub, const char *from, const char *to,
                     const char *kind, StoreDayKeyFn fn, void *ud);

/* Where a close or tidy-up has got to, for tests that stop the process
 * there (a hook that kills it). */
typedef enum {
    STORE_DAY_COUNTED,      /* in the transaction: counts written, nothing deleted */
    STORE_DAY_DELETED,      /* in the transaction: deleted, not committed */
    STORE_DAY_COMMITTED,    /* committed, not checkpointed */
    STORE_DAY_CHECKPOINTED, /* the close is done */
    STORE_DAY_VACUUM,       /* tidy-up: before the VACUUM */
    STORE_DAY_VACUUMED,     /* tidy-up: after it, not yet recorded */
    STORE_DAY_TIDIED        /* tidy-up: checkpointed, flag not yet cleared */
} StoreDayStep;

typedef void (*StoreDayHook)(StoreDayStep step, void *ud);

/* Sets (NULL clears) the hook called at each step, for every Store of the
 * process. Tests only. Cannot fail. */
void store_day_set_hook(StoreDayHook fn, void *ud);

#endif
