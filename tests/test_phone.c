/* test_phone.c — phone numbers as parents type them: a table of real-world
 * forms, each with the verdict and the E.164 number kept; the plugin (and
 * libphonenumber with it) opened on the first number, not before and not
 * for nothing typed; and the frees of the libraries it brings bound to the
 * program's wiping operator delete (kiosk/phone_alloc.cc). A missing
 * plugin: tests/test_phone_missing.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/phone.h"
#include "kiosk/record.h"

typedef struct {
    const char *typed;
    PhoneVerdict want;
    const char *e164;     /* when PHONE_OK */
    const char *shown;    /* when PHONE_OK */
} Case;

static const Case cases[] = {
    /* UK mobiles */
    { "07700 900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "07700900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "+44 7700 900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "+447700900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "0044 7700 900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "+44 (0)7700 900123", PHONE_OK, "+447700900123", "07700 900123" },
    { "07911 123456", PHONE_OK, "+447911123456", "07911 123456" },
    { "07911-123-456", PHONE_OK, "+447911123456", "07911 123456" },
    { "  07911 123456  ", PHONE_OK, "+447911123456", "07911 123456" },
    /* UK landlines */
    { "(020) 7946 0000", PHONE_OK, "+442079460000", "020 7946 0000" },
    { "020 7946 0000", PHONE_OK, "+442079460000", "020 7946 0000" },
    { "0044 20 7946 0000", PHONE_OK, "+442079460000", "020 7946 0000" },
    { "+44 (0)20 7946 0000", PHONE_OK, "+442079460000", "020 7946 0000" },
    { "0161 496 0000", PHONE_OK, "+441614960000", "0161 496 0000" },
    { "01632 960123", PHONE_OK, "+441632960123", "01632 960123" },
    { "0800 123 4567", PHONE_OK, "+448001234567", "0800 123 4567" },
    /* international */
    { "+48 512 345 678", PHONE_OK, "+48512345678", "+48 512 345 678" },
    { "0048 512 345 678", PHONE_OK, "+48512345678", "+48 512 345 678" },
    { "00 48 512345678", PHONE_OK, "+48512345678", "+48 512 345 678" },
    { "+33 6 12 34 56 78", PHONE_OK, "+33612345678", "+33 6 12 34 56 78" },
    { "+1 202 555 0123", PHONE_OK, "+12025550123", "+1 202-555-0123" },
    /* wrong, each in its own way */
    { "", PHONE_EMPTY, NULL, NULL },
    { "   ", PHONE_EMPTY, NULL, NULL },
    { "0770", PHONE_TOO_SHORT, NULL, NULL },
    { "999", PHONE_TOO_SHORT, NULL, NULL },
    { "07700 9001234", PHONE_TOO_LONG, NULL, NULL },
    { "0770090012345678901234", PHONE_TOO_LONG, NULL, NULL },
    { "020 7946 000", PHONE_NOT_IN_USE, NULL, NULL },
    { "+44 7700 90012", PHONE_TOO_SHORT, NULL, NULL },
    { "+48 512 345 67", PHONE_NOT_IN_USE, NULL, NULL },
    { "7946 0000", PHONE_AREA_CODE, NULL, NULL },
    { "abc", PHONE_NOT_DIGITS, NULL, NULL },
    { "07700 90012a", PHONE_NOT_DIGITS, NULL, NULL },
    { "call me", PHONE_NOT_DIGITS, NULL, NULL },
    { "07700#900123", PHONE_NOT_DIGITS, NULL, NULL },
    { "0\xd9\xa7" "700 900123", PHONE_NOT_DIGITS, NULL, NULL },   /* an Arabic-Indic 7 */
    { "+", PHONE_NOT_DIGITS, NULL, NULL },
    { "077+00 900123", PHONE_PLUS_PLACE, NULL, NULL },
    { "++44 7700 900123", PHONE_PLUS_PLACE, NULL, NULL },
    { "+999 1234567", PHONE_COUNTRY, NULL, NULL },
    { "+44", PHONE_NOT_DIGITS, NULL, NULL },
    { "04000 000000", PHONE_NOT_IN_USE, NULL, NULL },
    { "01000 000000", PHONE_NOT_IN_USE, NULL, NULL },
};

static void test_table(void **state)
{
    (void)state;
    int wrong = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const Case *c = &cases[i];
        char e164[17] = "x", shown[48] = "x";
        PhoneVerdict v = phone_check(c->typed, e164, sizeof e164, shown, sizeof shown);
        bool ok = v == c->want;
        if (ok && c->want == PHONE_OK)
            ok = !strcmp(e164, c->e164) && !strcmp(shown, c->shown) && record_phone_ok(e164);
        if (ok && c->want != PHONE_OK)
            ok = !e164[0] && !shown[0];
        if (!ok) {
            printf("  \"%s\": %s \"%s\" \"%s\", expected %s \"%s\"\n", c->typed,
                   phone_verdict_name(v), e164, shown, phone_verdict_name(c->want),
                   c->e164 ? c->e164 : "");
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
}

/* Loaded on the first check, not when the program starts, nor when
 * nothing was typed. */
static void test_lazy(void **state)
{
    (void)state;
    assert_false(phone_loaded());
    char e[17] = "x";
    assert_int_equal(phone_check("   ", e, sizeof e, NULL, 0), PHONE_EMPTY);
    assert_string_equal(e, "");
    assert_false(phone_loaded());
    assert_int_equal(phone_check("07700 900123", e, sizeof e, NULL, 0), PHONE_OK);
    assert_true(phone_loaded());
    char why[64] = "x";
    assert_true(phone_ready(why, sizeof why));
    assert_string_equal(why, "");
}

/* Run as a child with LD_DEBUG=bindings: the dynamic loader says, for
 * every symbol libphonenumber, protobuf and abseil call, which object it
 * bound it to. Each operator delete they call must be the program's (this
 * test program links libkiosk.a as the kiosk does), never libstdc++'s,
 * whose delete would leave a number's copies in freed memory. */
static void test_frees_go_to_the_wiping_delete(void **state)
{
    (void)state;
    /* under qemu-user (make test-arm64) this program cannot start itself
     * again: the loader's bindings are checked on the native build */
    if (getenv("QEMU_LD_PREFIX"))
        skip();
    char self[400], cmd[600], program[420];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    assert_true(n > 0);
    self[n] = '\0';
    snprintf(cmd, sizeof cmd, "LD_DEBUG=bindings '%s' --one-check 2>&1", self);
    snprintf(program, sizeof program, "] to %s [0]", self);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[1024];
    int to_program = 0, elsewhere = 0;
    while (fgets(line, sizeof line, p)) {
        if (!strstr(line, "binding file") || !strstr(line, "`_Zd"))
            continue;
        if (!strstr(line, "libphonenumber") && !strstr(line, "libprotobuf") &&
            !strstr(line, "libabsl") && !strstr(line, "libkiosk-phone"))
            continue;
        if (strstr(line, "`_ZdlPv'") == NULL && strstr(line, "`_ZdaPv'") == NULL &&
            strstr(line, "`_ZdlPvm'") == NULL && strstr(line, "`_ZdaPvm'") == NULL)
            continue;
        if (strstr(line, program))
            to_program++;
        else {
            printf("  not the program's delete: %s", line);
            elsewhere++;
        }
    }
    assert_int_equal(pclose(p), 0);
    assert_true(to_program >= 3);   /* the plugin was opened and the lines read */
    assert_int_equal(elsewhere, 0);
}

/* A buffer too small for the number is refused, never cut. */
static void test_small_buffer(void **state)
{
    (void)state;
    char e[8] = "x";
    assert_int_equal(phone_check("07700 900123", e, sizeof e, NULL, 0), PHONE_TOO_LONG);
    assert_string_equal(e, "");
    assert_int_equal(phone_check(NULL, e, sizeof e, NULL, 0), PHONE_EMPTY);
    assert_string_equal(phone_verdict_name(PHONE_VERDICT_COUNT), "");
    assert_string_equal(phone_verdict_name(PHONE_TOO_SHORT), "too-short");
    assert_string_equal(phone_verdict_name(PHONE_UNAVAILABLE), "unavailable");
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--one-check")) {
        char e[17];
        return phone_check("07700 900123", e, sizeof e, NULL, 0) == PHONE_OK ? 0 : 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_small_buffer),
        cmocka_unit_test(test_frees_go_to_the_wiping_delete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
