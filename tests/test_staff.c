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

/* The right PIN resets the wrong-try count: four wrong, the right one, four
 * wrong again does not lock the pad. */
static void test_right_pin_resets_the_count(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_store(&h);
    assert_int_equal(staff_set_pin(s, "2580"), K_OK);
    time_t t = 2000000;
    for (int i = 0; i < STAFF_TRIES - 1; i++)
        assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);
    assert_int_equal(staff_check_pin(s, "2580", t), K_OK);
    for (int i = 0; i < STAFF_TRIES - 1; i++)
        assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t), 0);
    assert_int_equal(staff_check_pin(s, "2580", t), K_OK);
    store_close(s);
    harness_close(&h);
}

/* "No PIN is set" only when none is: a PIN that cannot be read is an error
 * of its own. */
static void test_unreadable_pin_is_not_no_pin(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_store(&h);
    bool set = true;
    assert_int_equal(staff_pin_state(s, &set), K_OK);
    assert_false(set);
    assert_int_equal(staff_set_pin(s, "2580"), K_OK);
    assert_int_equal(staff_pin_state(s, &set), K_OK);
    assert_true(set);
    char path[700];
    snprintf(path, sizeof path, "%s/kiosk.db", h.cfg.data_dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE kv", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    k_err e = staff_pin_state(s, &set);
    assert_true(e == K_ERR_DB || e == K_ERR_IO);
    assert_false(set);
    assert_false(staff_has_pin(s));
    e = staff_check_pin(s, "2580", 1000);
    assert_true(e == K_ERR_DB || e == K_ERR_IO);
    long secs = -1;
    e = staff_lock_state(s, 1000, &secs);
    assert_true(e == K_ERR_DB || e == K_ERR_IO);
    assert_int_equal(secs, 0);
    store_close(s);
    harness_close(&h);
}

/* On a full disk the right PIN still opens the staff view, and wrong tries
 * are still counted and lock the pad (in memory). */
static void test_full_disk_still_checks(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_store(&h);
    assert_int_equal(staff_set_pin(s, "2580"), K_OK);
    time_t t = 3000000;
    char path[700];
    snprintf(path, sizeof path, "%s/kiosk.db", h.cfg.data_dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    /* only the hash, as a database from before the lock-out was kept */
    assert_int_equal(sqlite3_exec(db, "DELETE FROM kv WHERE key <> 'staff.pin_hash'", NULL,
                                  NULL, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long pages = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(store_limit_pages(s, pages), K_OK);
    /* fill it to the brim: nothing more can be written */
    static const size_t sizes[] = { 3000, 1000, 300, 100, 30, 10, 1 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        char big[3001];
        memset(big, 'x', sizes[k]);
        big[sizes[k]] = '\0';
        k_err e = K_OK;
        for (int i = 0; i < 10000 && e == K_OK; i++) {
            char key[32];
            snprintf(key, sizeof key, "f%zu.%d", k, i);
            e = store_kv_set(s, key, big);
        }
        assert_int_equal(e, K_ERR_FULL);
    }
    assert_int_equal(store_kv_set(s, "staff.failures", "0"), K_ERR_FULL);

    assert_int_equal(staff_check_pin(s, "2580", t), K_OK);
    for (int i = 0; i < STAFF_TRIES - 1; i++)
        assert_int_equal(staff_check_pin(s, "1111", t + 1), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t + 1), 0);    /* the right PIN reset it */
    assert_int_equal(staff_check_pin(s, "1111", t + 1), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t + 1), STAFF_LOCK_BASE_S);
    assert_int_equal(staff_check_pin(s, "2580", t + 2), K_ERR_LOCKED);
    assert_int_equal(staff_check_pin(s, "2580", t + 1 + STAFF_LOCK_BASE_S), K_OK);
    store_close(s);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_only),
        cmocka_unit_test(test_lockout_doubles_and_persists),
        cmocka_unit_test(test_right_pin_resets_the_count),
        cmocka_unit_test(test_unreadable_pin_is_not_no_pin),
        cmocka_unit_test(test_full_disk_still_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
