/* test_staff.c — the staff PIN: only a slow salted hash is kept; wrong
 * tries lock the pad for 30 s, then 60 s, and the lock is in the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"

static Store *open_store(Harness *h)
{
    char path[700];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    assert_non_null(s);
    return s;
}

static void test_hash_only(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_store(&h);
    assert_false(staff_has_pin(s));
    assert_int_equal(staff_check_pin(s, "1234", 1000), K_ERR_NOT_FOUND);
    assert_int_equal(staff_set_pin(s, "123"), K_ERR_INVALID);
    assert_int_equal(staff_set_pin(s, "12a4"), K_ERR_INVALID);
    assert_int_equal(staff_set_pin(s, "1234567890123"), K_ERR_INVALID);
    assert_int_equal(staff_set_pin(s, "482913"), K_OK);
    assert_true(staff_has_pin(s));
    char hash[256];
    assert_int_equal(store_kv_get(s, "staff.pin_hash", hash, sizeof hash), K_OK);
    assert_null(strstr(hash, "482913"));
    assert_non_null(strstr(hash, "$argon2id$"));
    /* salted: the same PIN set again hashes differently */
    char again[256];
    assert_int_equal(staff_set_pin(s, "482913"), K_OK);
    assert_int_equal(store_kv_get(s, "staff.pin_hash", again, sizeof again), K_OK);
    assert_string_not_equal(hash, again);
    assert_int_equal(staff_check_pin(s, "482913", 1000), K_OK);
    assert_int_equal(staff_check_pin(s, "482914", 1000), K_ERR_DENIED);
    assert_int_equal(staff_check_pin(s, "", 1000), K_ERR_DENIED);
    store_close(s);
    harness_close(&h);
}

static void test_lockout_doubles_and_persists(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_store(&h);
    assert_int_equal(staff_set_pin(s, "2580"), K_OK);
    time_t t = 1000000;
    for (int i = 0; i < 4; i++)
        assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t), 0);
    assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);   /* the fifth */
    assert_int_equal(staff_locked_for(s, t), 30);
    /* locked: even the right PIN is not checked */
    assert_int_equal(staff_check_pin(s, "2580", t + 10), K_ERR_LOCKED);
    store_close(s);
    s = open_store(&h);                                  /* a restart */
    assert_int_equal(staff_locked_for(s, t + 10), 20);
    assert_int_equal(staff_check_pin(s, "2580", t + 29), K_ERR_LOCKED);
    /* five more wrong after the lock: 60 s */
    for (int i = 0; i < 5; i++)
        assert_int_equal(staff_check_pin(s, "1111", t + 30), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t + 30), 60);
    for (int i = 0; i < 5; i++)
        assert_int_equal(staff_check_pin(s, "1111", t + 90), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t + 90), 120);
    /* the right PIN after the lock resets the count and the doubling */
    assert_int_equal(staff_check_pin(s, "2580", t + 210), K_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(staff_check_pin(s, "1111", t + 300), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t + 300), 30);
    store_close(s);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_only),
        cmocka_unit_test(test_lockout_doubles_and_persists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
