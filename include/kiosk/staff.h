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

/* True when a PIN has been set. */
bool staff_has_pin(Store *s);

/* Checks pin at time now. K_OK when right (failures reset); K_ERR_DENIED
 * when wrong (the failure is counted, and the fifth locks the pad);
 * K_ERR_LOCKED when the pad is locked (the try is not checked or counted);
 * K_ERR_NOT_FOUND when no PIN is set. */
k_err staff_check_pin(Store *s, const char *pin, time_t now);

/* Seconds the pad stays locked from now (0 when not locked). */
long staff_locked_for(Store *s, time_t now);

#endif
