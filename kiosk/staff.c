/* staff.c — the staff PIN hash and its lock-out, kept in the store. */
#include "kiosk/staff.h"

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

static long kv_long(Store *s, const char *key)
{
    char buf[32];
    if (store_kv_get(s, key, buf, sizeof buf) != K_OK)
        return 0;
    return strtol(buf, NULL, 10);
}

static k_err kv_set_long(Store *s, const char *key, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    return store_kv_set(s, key, buf);
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

bool staff_has_pin(Store *s)
{
    char hash[crypto_pwhash_STRBYTES];
    return store_kv_get(s, "staff.pin_hash", hash, sizeof hash) == K_OK && hash[0];
}

long staff_locked_for(Store *s, time_t now)
{
    long until = kv_long(s, "staff.locked_until");
    return until > (long)now ? until - (long)now : 0;
}

k_err staff_check_pin(Store *s, const char *pin, time_t now)
{
    char hash[crypto_pwhash_STRBYTES];
    if (store_kv_get(s, "staff.pin_hash", hash, sizeof hash) != K_OK || !hash[0])
        return K_ERR_NOT_FOUND;
    if (staff_locked_for(s, now) > 0)
        return K_ERR_LOCKED;
    if (sodium_init() < 0)
        return K_ERR_NOMEM;
    if (pin_well_formed(pin) && crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        k_err rc = kv_set_long(s, "staff.failures", 0);
        if (rc == K_OK)
            rc = kv_set_long(s, "staff.lock_count", 0);
        return rc == K_OK ? K_OK : rc;
    }
    long failures = kv_long(s, "staff.failures") + 1;
    k_err rc;
    if (failures >= STAFF_TRIES) {
        long locks = kv_long(s, "staff.lock_count");
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
