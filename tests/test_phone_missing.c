/* test_phone_missing.c — a kiosk whose phone number plugin cannot be
 * opened (KIOSK_PHONE_PLUGIN names a file that is not there, set before
 * anything runs): every number is PHONE_UNAVAILABLE, nothing typed is still
 * PHONE_EMPTY, the reason is logged once for staff (the file tried, never
 * the number); the visitor typing a number for a callback sees a plain
 * message in their language beside the field, cannot go on, and nothing is
 * saved; --check says so and fails, also for a file that is not this
 * version's plugin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/log.h"
#include "kiosk/phone.h"

#define MISSING "/nonexistent/libkiosk-phone.so"
#define UNAVAILABLE_EN "Phone numbers cannot be checked just now. Please ask at the desk."

static char logged[8192];

static void test_every_number_unavailable(void **state)
{
    (void)state;
    FILE *log = fmemopen(logged, sizeof logged - 1, "w");
    assert_non_null(log);
    log_set_stream(log);
    char e[17] = "x", s[48] = "x";
    assert_int_equal(phone_check("07700 900123", e, sizeof e, s, sizeof s), PHONE_UNAVAILABLE);
    assert_string_equal(e, "");
    assert_string_equal(s, "");
    assert_int_equal(phone_check("+48 512 345 678", e, sizeof e, s, sizeof s), PHONE_UNAVAILABLE);
    assert_int_equal(phone_check("", e, sizeof e, s, sizeof s), PHONE_EMPTY);
    assert_int_equal(phone_check("  ", e, sizeof e, NULL, 0), PHONE_EMPTY);
    assert_false(phone_loaded());
    char why[600];
    assert_false(phone_ready(why, sizeof why));
    assert_non_null(strstr(why, MISSING));
    log_set_stream(NULL);
    fclose(log);
    /* once, with the reason and what it means, and no number */
    const char *first = strstr(logged, "phone numbers cannot be checked");
    assert_non_null(first);
    assert_null(strstr(first + 1, "phone numbers cannot be checked"));
    assert_non_null(strstr(logged, MISSING));
    assert_non_null(strstr(logged, "callback and advocate requests cannot be sent"));
    assert_null(strstr(logged, "07700"));
    assert_null(strstr(logged, "900123"));
    assert_null(strstr(logged, "512"));
}

static const char *script =
    "lang %s\ntap home.callback\ntap callback.need.other\n"
    "tap request.name\ntype Ewa\ntap kbd.done\ntap request.phone\ntype 07700 900123\n"
    "tap kbd.done\nexpect-screen keyboard\ndump no-check\n"
    "tap nav.back\nexpect-screen request-contact\nexpect-disabled request.contact.next\n"
    "dump contact\n";

/* Rows of a table of kiosk.db; 0 also when the table was never made. */
static long rows(Harness *h, const char *table)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'", table);
    if (harness_count(h, sql) == 0)
        return 0;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return harness_count(h, sql);
}

static void test_callback_says_so_and_saves_nothing(void **state)
{
    (void)state;
    static const char *const langs[] = { "en-GB", "ur", "pl" };
    for (size_t l = 0; l < 3; l++) {
        Harness h;
        harness_open(&h);
        char text[1024];
        snprintf(text, sizeof text, script, langs[l]);
        assert_int_equal(harness_run(&h, text), 0);
        json_t *d = harness_dump(&h, "no-check");
        const char *msg = dump_text(d, "kbd.message");
        assert_non_null(msg);
        if (l == 0)
            assert_string_equal(msg, UNAVAILABLE_EN);
        else
            assert_string_not_equal(msg, UNAVAILABLE_EN);   /* in the visitor's language */
        json_decref(d);
        /* the number that could not be checked is not kept */
        d = harness_dump(&h, "contact");
        assert_string_not_equal(dump_text(d, "request.phone"), "07700 900123");
        assert_string_equal(dump_text(d, "request.name"), "Ewa");
        json_decref(d);
        assert_int_equal(rows(&h, "outbox"), 0);
        assert_int_equal(rows(&h, "requests"), 0);
        harness_close(&h);
    }
}

/* Runs the kiosk's --check with KIOSK_PHONE_PLUGIN=plugin; its exit code,
 * and what it wrote to stderr into err. */
static int check_with(const char *plugin, char *err, size_t cap)
{
    Harness h;
    harness_open(&h);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "KIOSK_PHONE_PLUGIN='%s' %s/kiosk --check --data-dir %s/data "
             "2>&1 >/dev/null", plugin, getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build",
             h.dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(err, 1, cap - 1, p);
    err[n] = '\0';
    int status = pclose(p);
    harness_close(&h);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_check_says_so(void **state)
{
    (void)state;
    char err[4096];
    assert_int_equal(check_with(MISSING, err, sizeof err), 1);
    assert_non_null(strstr(err, "phone numbers cannot be checked"));
    assert_non_null(strstr(err, MISSING));
    /* a shared object that is not the plugin */
#if defined(__aarch64__)
    const char *other = "/lib/aarch64-linux-gnu/libz.so.1";
#else
    const char *other = "/lib/x86_64-linux-gnu/libz.so.1";
#endif
    if (access(other, R_OK) == 0) {
        assert_int_equal(check_with(other, err, sizeof err), 1);
        assert_non_null(strstr(err, "is not this version's phone plugin"));
    }
    /* the plugin beside the program: in order */
    assert_int_equal(check_with("", err, sizeof err), 0);
    assert_null(strstr(err, "phone numbers cannot be checked"));
}

int main(void)
{
    setenv("KIOSK_PHONE_PLUGIN", MISSING, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_number_unavailable),
        cmocka_unit_test(test_callback_says_so_and_saves_nothing),
        cmocka_unit_test(test_check_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
