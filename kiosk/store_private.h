/* store_private.h — the Store structure and helpers shared by store.c
 * (open, schema, records, attendance), store_kv.c (kv), store_share.c
 * (a store held alone opened again shared), store_outbox.c (the uploader's
 * outbox API) and store_file.c (file modes, integrity check, moving a
 * damaged database aside and copying what it still holds). Not part of the
 * library's interface. */
#ifndef KIOSK_STORE_PRIVATE_H
#define KIOSK_STORE_PRIVATE_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "kiosk/store.h"

#define STORE_MOD "store"

/* Statements prepared at open and reset after each use. */
enum {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_OUTBOX_ADD, ST_ATTEND_ADD, ST_ATTEND_LIST,
    ST_PURGE_ATTEND, ST_PURGE_OUTBOX, ST_OUTBOX_COUNTS, ST_OUTBOX_EACH,
    ST_KV_GET, ST_KV_SET,
    ST_OB_CLAIM, ST_OB_LEASE, ST_OB_ACK, ST_OB_REJECT, ST_OB_RELEASE, ST_OB_STATE,
    ST_OB_OLDEST, ST_SCRUB_ADD, ST_SCRUB_DEL,
    ST_COUNT
};

typedef struct {
    char key[STORE_KV_MEMO_LEN];
    char value[STORE_KV_MEMO_LEN];
} KvMemo;

struct Store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    bool sealed;
    unsigned char record_pk[crypto_box_PUBLICKEYBYTES];
    char recovered_from[1024];    /* "" when the database was sound */
    bool alone;                   /* not shared: opened alone on a full disk (store.c),
                                     or no connection (store_share.c) */
    char path[4096];              /* the file, once store_share has looked */
    bool unopened;                /* the file could not be opened again at all
                                     (store_share): a placeholder connection */
    long limit_pages;             /* store_limit_pages's cap (0: none), set
                                     again on each new connection */
    KvMemo memo[STORE_KV_MEMO];
    int scrub_bytes;              /* the zero row store_commit writes */
};

/* Translates a SQLite result code (extended codes are on) into a k_err and
 * writes the one log line for the failure, naming where (a path, or NULL)
 * and what. */
k_err store_fail_at(sqlite3 *db, int rc, const char *where, const char *what);
k_err store_fail(sqlite3 *db, int rc, const char *what);

/* Steps a statement that returns no rows; resets it and clears bindings.
 * Returns SQLITE_OK or the step's error code. */
int store_run(sqlite3_stmt *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK (if a transaction is open).
 * store_commit first overwrites SQLite's scratch page (a failure there is
 * logged and the commit goes on, unless SQLite rolled the transaction
 * back: that code is returned) and then empties the page cache. */
int store_begin(Store *s);
int store_commit(Store *s);
/* Frees the connection's page cache (wiped as it is freed, mem_wipe.h):
 * after reading rows that hold visitors' words. Cannot fail. */
void store_forget_pages(Store *s);
void store_rollback(Store *s);

/* Prepares s's statements on db, which becomes s's connection (store_open,
 * store_share). The SQLite code's k_err, logged naming path, when a
 * statement cannot be prepared (the caller closes db). */
k_err store_conn_attach(Store *s, sqlite3 *db, const char *path);

/* Opens path's connection as store_open does (alone: in exclusive locking
 * mode) and migrates it; a damaged file is left as it is. NULL with *e set
 * (K_ERR_FULL for a full disk, K_ERR_DB for a damaged file) and a log line
 * on failure. */
sqlite3 *store_conn_open(const char *path, bool alone, k_err *e);

/* Notes the file this process holds alone (NULL: none), which store_open
 * then refuses at once. Cannot fail. */
void store_alone_mark(const char *path);

/* ---- store_day.c ---- */

/* Inside the transaction that has just added a check-in's attendance row
 * (the connection's last insert): the row beside it with the language and
 * postcode district the day's counts need. Returns the SQLite code. */
int store_day_note(Store *s, const CheckinRecord *r);

/* ---- store_file.c ---- */

/* Creates path 0600 when absent, and sets path, path-wal and path-shm to
 * 0600 when they exist with another mode. K_ERR_IO (K_ERR_FULL for a full
 * disk) with a log line when that fails. */
k_err store_file_secure(const char *path);

/* Runs PRAGMA quick_check on db. K_OK when sound; K_ERR_DB (logged with
 * the first problem) when damaged; the SQLite code in *rc when the check
 * itself could not run. */
k_err store_file_check(sqlite3 *db, const char *path, int *rc);

/* True when rc says the file is damaged or not a database. */
bool store_file_damaged_rc(int rc);

/* Rows read from a damaged database, to be written into the new one. */
typedef struct Salvage Salvage;

/* Reads every row that can be read from the outbox, attendance and kv of
 * db (row by row; a part that cannot be read is skipped). NULL when
 * nothing could be read or memory ran out. */
Salvage *store_salvage_read(sqlite3 *db, const char *path);

/* Writes the salvaged rows into the new store in one transaction (rows
 * that clash are skipped) and frees them, zeroed. Logs how many of each
 * were kept. */
void store_salvage_write(Store *s, Salvage *sv);
void store_salvage_free(Salvage *sv);

/* Moves path and its -wal and -shm to path.damaged-YYYYMMDDTHHMMSS (UTC
 * time now, made unique if taken), 0600, and writes the new name to kept.
 * K_ERR_IO when the main file cannot be moved. */
k_err store_file_move_aside(const char *path, char *kept, size_t cap);

#endif
