/* test_utf8.c — the checks on visitor text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
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

/* Byte sequences that are not UTF-8 at all: utf8_valid and the clean-text
 * check refuse each, alone and inside a name. */
typedef struct { const char *bytes, *why; } Bad;

static const Bad malformed[] = {
    { "\xC0\xAF", "overlong 2-byte '/'" },
    { "\xC1\xBF", "overlong 2-byte U+007F" },
    { "\xE0\x80\xAF", "overlong 3-byte '/'" },
    { "\xE0\x80\x80", "overlong 3-byte NUL" },
    { "\xE0\x9F\xBF", "overlong 3-byte U+07FF" },
    { "\xF0\x80\x80\xAF", "overlong 4-byte '/'" },
    { "\xF0\x80\x80\x80", "overlong 4-byte NUL" },
    { "\xF0\x8F\xBF\xBF", "overlong 4-byte U+FFFF" },
    { "\xF8\x88\x80\x80\x80", "5-byte form" },
    { "\xFC\x84\x80\x80\x80\x80", "6-byte form" },
    { "\xED\xA0\x80", "surrogate U+D800" },
    { "\xED\xAD\xBF", "surrogate U+DB7F" },
    { "\xED\xBF\xBF", "surrogate U+DFFF" },
    { "\xED\xA0\xBD\xED\xB8\x80", "CESU-8 surrogate pair" },
    { "\xF4\x90\x80\x80", "U+110000" },
    { "\xF5\x80\x80\x80", "lead byte F5" },
    { "\xF7\xBF\xBF\xBF", "U+1FFFFF" },
    { "\xE2\x82", "truncated 3-byte" },
    { "\xF0\x9F\x98", "truncated 4-byte" },
    { "\x80", "lone continuation" },
    { "\xBF", "lone continuation BF" },
    { "\xE2\x28\xA1", "bad second byte" },
    { "\xFE", "byte FE" },
    { "\xFF", "byte FF" },
};

/* Well-formed text the clean-text check refuses. */
static const Bad unclean[] = {
    { "\x01", "C0 SOH" },
    { "\t", "C0 tab" },
    { "\n", "C0 line feed" },
    { "\r", "C0 carriage return" },
    { "\x1B", "C0 escape" },
    { "\x1F", "C0 unit separator" },
    { "\x7F", "DEL" },
    { "\xC2\x80", "C1 U+0080" },
    { "\xC2\x85", "C1 NEL" },
    { "\xC2\x9B", "C1 CSI" },
    { "\xC2\x9F", "C1 U+009F" },
    { "\xE2\x80\xAA", "LRE U+202A" },
    { "\xE2\x80\xAB", "RLE U+202B" },
    { "\xE2\x80\xAC", "PDF U+202C" },
    { "\xE2\x80\xAD", "LRO U+202D" },
    { "\xE2\x80\xAE", "RLO U+202E" },
    { "\xE2\x81\xA6", "LRI U+2066" },
    { "\xE2\x81\xA7", "RLI U+2067" },
    { "\xE2\x81\xA8", "FSI U+2068" },
    { "\xE2\x81\xA9", "PDI U+2069" },
    { "\xE2\x80\x8E", "LRM U+200E" },
    { "\xE2\x80\x8F", "RLM U+200F" },
    { "\xD8\x9C", "ALM U+061C" },
    { "\xE2\x80\xA8", "line separator U+2028" },
    { "\xE2\x80\xA9", "paragraph separator U+2029" },
    { "\xEF\xB7\x90", "noncharacter U+FDD0" },
    { "\xEF\xB7\xAF", "noncharacter U+FDEF" },
    { "\xEF\xBF\xBE", "noncharacter U+FFFE" },
    { "\xEF\xBF\xBF", "noncharacter U+FFFF" },
    { "\xF0\x9F\xBF\xBE", "noncharacter U+1FFFE" },
    { "\xF4\x8F\xBF\xBF", "noncharacter U+10FFFF" },
};

/* Text the check accepts, among it the neighbours of every refused range. */
static const Bad good[] = {
    { "Anna", "ASCII" },
    { " ~", "space and tilde, the ends of printable ASCII" },
    { "Zoë Łucja", "Latin with diacritics" },
    { "\xC2\xA0", "U+00A0, after the C1 range" },
    { "عائشہ", "Urdu" },
    { "தமிழ்", "Tamil" },
    { "می\xE2\x80\x8Cخواهم", "Persian with ZWNJ U+200C" },
    { "\xE2\x80\x8D", "ZWJ U+200D" },
    { "\xE2\x80\xA7", "U+2027, before U+2028" },
    { "\xE2\x80\xAF", "U+202F, after RLO" },
    { "\xE2\x81\xA5", "U+2065, before LRI" },
    { "\xE2\x81\xAA", "U+206A, after PDI" },
    { "\xD8\x9B", "U+061B Arabic semicolon, before ALM" },
    { "\xED\x9F\xBF", "U+D7FF, before the surrogates" },
    { "\xEE\x80\x80", "U+E000, after the surrogates" },
    { "\xEF\xB7\x8F", "U+FDCF" },
    { "\xEF\xB7\xB0", "U+FDF0" },
    { "\xEF\xBF\xBD", "U+FFFD" },
    { "\xF0\x90\x80\x80", "U+10000, the smallest 4-byte" },
    { "\xE0\xA0\x80", "U+0800, the smallest 3-byte" },
    { "", "empty" },
    { "\xF0\x9F\x98\x80", "emoji" },
    { "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", "flag GB" },
    { "\xF4\x8F\xBF\xBD", "U+10FFFD, the last character" },
};

static void test_malformed_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof malformed / sizeof malformed[0]; k++) {
        char inside[32];
        snprintf(inside, sizeof inside, "Ann%sa", malformed[k].bytes);
        const char *b = malformed[k].bytes;
        if (utf8_valid(b, strlen(b)) || utf8_valid(inside, strlen(inside)) ||
            utf8_is_clean_text(b, 40) || utf8_is_clean_text(inside, 40))
            fail_msg("accepted: %s", malformed[k].why);
        size_t i = 0;
        if (utf8_next(b, strlen(b), &i) != 0xFFFD || i != 1)
            fail_msg("decoded: %s", malformed[k].why);
    }
}

static void test_unclean_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof unclean / sizeof unclean[0]; k++) {
        char inside[32];
        snprintf(inside, sizeof inside, "Ann%sa", unclean[k].bytes);
        const char *b = unclean[k].bytes;
        if (!utf8_valid(b, strlen(b)))
            fail_msg("not even UTF-8: %s", unclean[k].why);
        if (utf8_is_clean_text(b, 40) || utf8_is_clean_text(inside, 40))
            fail_msg("accepted as clean: %s", unclean[k].why);
    }
}

static void test_good_accepted(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
        char inside[64];
        snprintf(inside, sizeof inside, "Ann%sa", good[k].bytes);
        const char *b = good[k].bytes;
        if (!utf8_valid(b, strlen(b)) || !utf8_is_clean_text(b, 40) ||
            !utf8_is_clean_text(inside, 40))
            fail_msg("refused: %s", good[k].why);
    }
}

static void test_clean_text_length(void **state)
{
    (void)state;
    char long_name[200];
    memset(long_name, 'a', 41);
    long_name[41] = '\0';
    assert_false(utf8_is_clean_text(long_name, 40));
    long_name[40] = '\0';
    assert_true(utf8_is_clean_text(long_name, 40));
    /* counted in code points, not bytes: 40 x U+00EB is 80 bytes */
    char wide[100] = "";
    for (int k = 0; k < 40; k++)
        strcat(wide, "ë");
    assert_true(utf8_is_clean_text(wide, 40));
    strcat(wide, "ë");
    assert_false(utf8_is_clean_text(wide, 40));
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
        cmocka_unit_test(test_malformed_refused),
        cmocka_unit_test(test_unclean_refused),
        cmocka_unit_test(test_good_accepted),
        cmocka_unit_test(test_clean_text_length),
        cmocka_unit_test(test_append_pop_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
