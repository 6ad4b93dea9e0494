/* staff.c — the staff PIN hash and its lock-out, kept in the store. */
#include "kiosk/staff.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"

/* Argon2id with 8 MiB: slow enough to make guessing a stolen hash costly,
 * small enough for the kiosk's memory budget on a Raspberry Pi. */
#define PIN_OPSLIMIT 4
#define PIN_MEMLIMIT (8u * 1024u * 1024u)

static bool pin_well_formed(const char *pin)
{
    size_t n = strlen(pin);
    if (n < STAFF_PIN_MIN || n > STAFF_PIN_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

/* Reads a number kept in kv: absent is 0, and so is a value that is not a
 * number (logged). Errors other than absence are returned (the value is
 * then unknown). */
static k_err kv_long(Store *s, const char *key, long *out)
{
    char buf[32];
    *out = 0;
    k_err e = store_kv_get(s, key, buf, sizeof buf);
    if (e == K_ERR_NOT_FOUND)
        return K_OK;
    if (e != K_OK)
        return e == K_ERR_TOO_LONG ? K_ERR_DB : e;
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (end == buf || *end != '\0' || errno != 0) {
        LOG_W("staff", "stored %s is not a number; treated as 0", key);
        return K_OK;
    }
    *out = v;
    return K_OK;
}

/* Writes a number to kv; when it cannot be written (a full disk) it is kept
 * in the Store's memory instead, so the lock-out holds while the kiosk runs.
 * Returns the write's error only when it could be kept in neither. */
static k_err kv_set_long(Store *s, const char *key, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    k_err e = store_kv_set(s, key, buf);
    if (e == K_OK)
        return K_OK;
    if (store_kv_remember(s, key, buf) != K_OK)
        return e;
    LOG_W("staff", "PIN state %s kept in memory only: %s", key, k_strerror(e));
    return K_OK;
}

k_err staff_set_pin(Store *s, const char *pin)
{
    if (!pin_well_formed(pin))
        return K_ERR_INVALID;
    if (sodium_init() < 0)
        return K_ERR_NOMEM;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT) != 0) {
        LOG_E("staff", "cannot hash the PIN (out of memory)");
        return K_ERR_NOMEM;
    }
    k_err rc = store_kv_set(s, "staff.pin_hash", hash);
    if (rc == K_OK)
        rc = kv_set_long(s, "staff.failures", 0);
    if (rc == K_OK)
        rc = kv_set_long(s, "staff.locked_until", 0);
    if (rc == K_OK)
        rc = kv_set_long(s, "staff.lock_count", 0);
    return rc;
}

k_err staff_pin_state(Store *s, bool *set)
{
    char hash[crypto_pwhash_STRBYTES];
    *set = false;
    k_err e = store_kv_get(s, "staff.pin_hash", hash, sizeof hash);
    if (e == K_OK)
        *set = hash[0] != '\0';
    else if (e == K_ERR_NOT_FOUND)
        e = K_OK;
    else if (e == K_ERR_TOO_LONG)
        e = K_ERR_DB;
    sodium_memzero(hash, sizeof hash);
    return e;
}

bool staff_has_pin(Store *s)
{
    bool set;
    return staff_pin_state(s, &set) == K_OK && set;
}

k_err staff_lock_state(Store *s, time_t now, long *secs)
{
    long until;
    *secs = 0;
    k_err e = kv_long(s, "staff.locked_until", &until);
    if (e == K_OK && until > (long)now)
        *secs = until - (long)now;
    return e;
}

long staff_locked_for(Store *s, time_t now)
{
    long secs;
    return staff_lock_state(s, now, &secs) == K_OK ? secs : 0;
}

k_err staff_check_pin(Store *s, const char *pin, time_t now)
{
    char hash[crypto_pwhash_STRBYTES];
    k_err rc = store_kv_get(s, "staff.pin_hash", hash, sizeof hash);
    if (rc == K_OK && !hash[0])
        rc = K_ERR_NOT_FOUND;
    if (rc != K_OK)
        return rc == K_ERR_TOO_LONG ? K_ERR_DB : rc;
    long locked;
    rc = staff_lock_state(s, now, &locked);
    if (rc != K_OK)
        return rc;
    if (locked > 0)
        return K_ERR_LOCKED;
    if (sodium_init() < 0)
        return K_ERR_NOMEM;
    if (pin_well_formed(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        rc = kv_set_long(s, "staff.failures", 0);
        if (rc == K_OK)
            rc = kv_set_long(s, "staff.lock_count", 0);
        if (rc != K_OK)
            LOG_W("staff", "right PIN, but the wrong-try count could not be reset: %s",
                  k_strerror(rc));
        return K_OK;
    }
    long failures;
    rc = kv_long(s, "staff.failures", &failures);
    if (rc != K_OK)
        return rc;
    failures++;
    if (failures >= STAFF_TRIES) {
        long locks;
        rc = kv_long(s, "staff.lock_count", &locks);
        if (rc != K_OK)
            return rc;
        long secs = STAFF_LOCK_BASE_S;
        for (long i = 0; i < locks && secs < 24L * 3600; i++)
            secs *= 2;
        rc = kv_set_long(s, "staff.locked_until", (long)now + secs);
        if (rc == K_OK)
            rc = kv_set_long(s, "staff.lock_count", locks + 1);
        if (rc == K_OK)
            rc = kv_set_long(s, "staff.failures", 0);
        LOG_W("staff", "PIN pad locked for %ld s after %d wrong tries", secs, STAFF_TRIES);
    } else {
        rc = kv_set_long(s, "staff.failures", failures);
    }
    return rc == K_OK ? K_ERR_DENIED : rc;
}
