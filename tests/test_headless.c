/* test_headless.c — the headless script language: numbers on its lines are
 * read strictly, and `type` passes any text whole, however long and in
 * whatever script. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/headless.h"
#include "kiosk/utf8.h"

/* Each line must stop the script with a message naming line 1 and the
 * command. */
static void test_numbers_on_script_lines(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "size 800x480 nan", "size 800x480 inf", "size 800x480 1e999", "size 800x480 0x1p3",
        "size 800x480 7abc", "size nanx480", "size 800x480.5", "tap 10 nan", "tap 0x10 20",
        "tap 10 99999999999999999999", "press home.checkin 1e3", "press home.checkin nan",
        "wait nan", "wait 10ms", "wait -5", "wait 99999999999999999999",
        "storage-limit 0x10", "storage-limit 12abc", "time 2026-11-23 10:3x",
        "time 2026-11-23  10:30", "time 2026-11-23 +10:30", "time 2026-13-01 10:30",
        "time 99999999999999999999-11-23 10:30", "type \\xZZ", "type \\x0",
        "type a\\x00b", "size 800x480 7 nan", "tap 10 20 30", "wait 100 nan",
        "press home.checkin 100 100", "storage-limit 10 pages",
    };
    Harness h;
    harness_open(&h);
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char script[200], cmd[32];
        snprintf(script, sizeof script, "%s\n", bad[k]);
        sscanf(bad[k], "%31s", cmd);
        assert_int_equal(harness_run(&h, script), K_ERR_SCRIPT);
        assert_non_null(strstr(h.err, "script:1:"));
        assert_non_null(strstr(h.err, cmd));
    }
    assert_int_equal(harness_run(&h, "size 1024x600 10.1\nwait 0\ntime 2026-11-24 09:05\n"
                                     "tap 10 10\nexpect-screen home\n"), K_OK);
    harness_close(&h);
}

/* The chunks never end inside a code point, and together they are the
 * text. */
static void test_chunks_cut_between_code_points(void **state)
{
    (void)state;
    /* flags (two regional indicators each, 4 bytes per indicator), a ZWJ
     * family, Tamil, Urdu */
    const char *texts[] = {
        "a\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xB5"
        "\xF0\x9F\x87\xB0\xF0\x9F\x87\xAE\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6",
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D"
        "\xF0\x9F\x91\xA6 family",
        "கார்த்திகேயன் ஸ்ரீநிவாசன் கார்த்திகேயன்",
        "x عائشہ بی بی صدیقی عائشہ بی بی",
    };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *s = texts[t];
        size_t len = strlen(s), at = 0, pieces = 0;
        while (at < len) {
            size_t n = headless_text_chunk(s + at, len - at, 31);
            assert_true(n > 0 && n <= 31);
            assert_true(utf8_valid(s + at, n));
            at += n;
            pieces++;
        }
        assert_int_equal(at, len);
        assert_true(pieces >= 2);
    }
    assert_int_equal(headless_text_chunk("abc", 3, 31), 3);
    /* stray continuation bytes are passed on (the app refuses them) */
    assert_int_equal(headless_text_chunk("\x80\x80\x80\x80", 4, 2), 2);
}

/* Types text into the first-name field and returns the field's text as a
 * dump shows it (a new string). */
static char *typed(Harness *h, const char *text)
{
    char script[2000];
    snprintf(script, sizeof script,
             "tap home.checkin\ntap checkin.session.0\ntap party.adults.plus\ntap party.next\n"
             "tap details.first.no\ntap details.name\ntype %s\ndump kbd\n", text);
    assert_int_equal(harness_run(h, script), K_OK);
    json_t *d = harness_dump(h, "kbd");
    assert_non_null(d);
    const char *field = dump_text(d, "kbd.field");
    char *copy = strdup(field ? field : "");
    json_decref(d);
    return copy;
}

static void test_type_passes_long_text_whole(void **state)
{
    (void)state;
    /* 40 code points at most in a name; each of these is longer than one
     * 31-byte event and has a character across byte 31 */
    static const char *const names[] = {
        "கார்த்திகேயன் ஸ்ரீநிவாசன்",         /* Tamil: 3-byte characters */
        "x عائشہ بی بی صدیقی",              /* Urdu: 2-byte characters, off by one */
        "Ågnieszka Żółkiewska-Brzęczyszczykiewicz",
    };
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        assert_true(strlen(names[k]) > 31);
        Harness h;
        harness_open(&h);
        char *got = typed(&h, names[k]);
        assert_string_equal(got, names[k]);
        free(got);
        harness_close(&h);
    }
}

/* A type line's text is all of it, to the end of the line: spaces at its
 * end reach the field, as a keyboard would send them. */
static void test_type_keeps_trailing_blanks(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char *got = typed(&h, "Ann  \ntype B");
    assert_string_equal(got, "Ann  B");
    free(got);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_on_script_lines),
        cmocka_unit_test(test_chunks_cut_between_code_points),
        cmocka_unit_test(test_type_passes_long_text_whole),
        cmocka_unit_test(test_type_keeps_trailing_blanks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
