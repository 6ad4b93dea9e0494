/* test_utf8.c — the checks on visitor text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "kiosk/utf8.h"

static void test_valid_rejects_malformed(void **state)
{
    (void)state;
    assert_true(utf8_valid("Anna", 4));
    assert_true(utf8_valid("தமிழ்", strlen("தமிழ்")));
    assert_false(utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
    assert_false(utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
    assert_false(utf8_valid("\xF4\x90\x80\x80", 4));  /* above U+10FFFF */
    assert_false(utf8_valid("abc\xE2\x82", 5));        /* truncated */
    assert_false(utf8_valid("\x80", 1));
}

static void test_clean_text(void **state)
{
    (void)state;
    assert_true(utf8_is_clean_text("Zoë Łucja", 40));
    assert_true(utf8_is_clean_text("عائشہ", 40));
    assert_false(utf8_is_clean_text("Anna\n", 40));
    assert_false(utf8_is_clean_text("A\x7F", 40));
    assert_false(utf8_is_clean_text("A\xC2\x85", 40));          /* NEL, C1 */
    assert_false(utf8_is_clean_text("A\xE2\x80\xAE" "B", 40));  /* RLO */
    assert_false(utf8_is_clean_text("\xFF", 40));
    char long_name[200];
    memset(long_name, 'a', 41);
    long_name[41] = '\0';
    assert_false(utf8_is_clean_text(long_name, 40));
    long_name[40] = '\0';
    assert_true(utf8_is_clean_text(long_name, 40));
}

static void test_append_pop_count(void **state)
{
    (void)state;
    char buf[8] = "";
    assert_true(utf8_append(buf, sizeof buf, 0x0B95));   /* க */
    assert_true(utf8_append(buf, sizeof buf, 'a'));
    assert_int_equal(utf8_count(buf), 2);
    /* 3 + 1 + 4 bytes and the NUL do not fit in 8: refused, buf unchanged */
    assert_false(utf8_append(buf, sizeof buf, 0x1F600));
    assert_int_equal(strlen(buf), 4);
    utf8_pop(buf);
    assert_string_equal(buf, "\xE0\xAE\x95");
    utf8_pop(buf);
    assert_string_equal(buf, "");
    utf8_pop(buf);
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_rejects_malformed),
        cmocka_unit_test(test_clean_text),
        cmocka_unit_test(test_append_pop_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
