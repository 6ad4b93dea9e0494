/* staff.h — the staff PIN: stored only as a slow salted hash
 * (libsodium crypto_pwhash_str, Argon2id), with a lock-out that survives a
 * restart: five wrong tries lock the pad for 30 s, then 60 s, 120 s...
 * State lives in the store's kv table. */
#ifndef KIOSK_STAFF_H
#define KIOSK_STAFF_H

#include <stdbool.h>
#include <time.h>
#include "kiosk/error.h"
#include "kiosk/store.h"

#define STAFF_PIN_MIN 4
#define STAFF_PIN_MAX 12
#define STAFF_TRIES 5
#define STAFF_LOCK_BASE_S 30

/* Sets the PIN (4-12 ASCII digits). Returns K_ERR_INVALID for anything else,
 * K_ERR_NOMEM if hashing fails, store errors otherwise. Clears the lock. */
k_err staff_set_pin(Store *s, const char *pin);

/* Whether a PIN is set: K_OK with *set true or false, or K_ERR_DB /
 * K_ERR_IO (and *set false) when it could not be read: say so then, never
 * "no PIN is set". */
k_err staff_pin_state(Store *s, bool *set);

/* True when a PIN has been set (false also when it could not be read: use
 * staff_pin_state to tell the two apart). */
bool staff_has_pin(Store *s);

/* Checks pin at time now. K_OK when right (the wrong-try count is reset);
 * K_ERR_DENIED when wrong (the failure is counted, and the fifth locks the
 * pad); K_ERR_LOCKED when the pad is locked (the try is not checked or
 * counted); K_ERR_NOT_FOUND when no PIN is set; K_ERR_DB / K_ERR_IO when the
 * PIN or the lock-out could not be read. When the count or lock cannot be
 * written (a full disk) they are kept in the Store's memory and enforced
 * there (store_kv_remember): a right PIN is still K_OK and a wrong one
 * K_ERR_DENIED, so staff can reach the screen that says storage is full. */
k_err staff_check_pin(Store *s, const char *pin, time_t now);

/* Seconds the pad stays locked from now (0 when not locked, and 0 when the
 * lock could not be read: staff_check_pin then reports the error). */
long staff_locked_for(Store *s, time_t now);

/* The same with the error: K_OK and *secs, or K_ERR_DB / K_ERR_IO (and
 * *secs 0) when the lock could not be read. */
k_err staff_lock_state(Store *s, time_t now, long *secs);

#endif
