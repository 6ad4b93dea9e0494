/* test_phone.c — phone numbers as parents type them: a table of real-world
 * forms, each with the verdict and the E.164 number kept, and the check
 * that libphonenumber is loaded on first use, not before. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

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

/* Loaded on the first check, not when the program starts. */
static void test_lazy(void **state)
{
    (void)state;
    assert_false(phone_loaded());
    char e[17];
    phone_check("07700 900123", e, sizeof e, NULL, 0);
    assert_true(phone_loaded());
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_small_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
