/* test_text_one_line.c — a paragraph that fits on one line and has no
 * forced break is laid out without ICU's line-break pass (text_break.c),
 * and gives the lines the full pass gives: one line up to the exact width,
 * two from one pixel less; a newline or U+2028 still breaks. */
#include "text_fixture.h"

#include "../kiosk/text_private.h"

static TextExtent measure(const char *s, const char *lang, int max_w)
{
    TextStyle st = style(24, lang);
    TextExtent e;
    assert_int_equal(text_measure(te, s, &st, max_w, &e), K_OK);
    return e;
}

static void test_fitting_text_skips_the_break_pass(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        { "Check in to a session", "en-GB" },
        { TAMIL, "ta" },
        { URDU_PHONE, "ur" },
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        size_t passes = te->break_passes;
        TextExtent wide = measure(texts[k][0], texts[k][1], 620);
        TextExtent unbounded = measure(texts[k][0], texts[k][1], 0);
        assert_int_equal(wide.lines, 1);
        assert_int_equal(unbounded.lines, 1);
        assert_int_equal(wide.w, unbounded.w);
        assert_int_equal(te->break_passes, passes);
    }
}

static void test_one_line_up_to_the_exact_width(void **state)
{
    (void)state;
    const char *s = "Family Hub kiosk";
    TextExtent whole = measure(s, "en-GB", 0);
    size_t passes = te->break_passes;
    TextExtent exact = measure(s, "en-GB", whole.w);
    assert_int_equal(exact.lines, 1);
    assert_true(exact.fits);
    assert_int_equal(te->break_passes, passes);
    TextExtent less = measure(s, "en-GB", whole.w - 1);
    assert_int_equal(less.lines, 2);
    assert_true(less.fits);
    assert_true(te->break_passes > passes);
}

static void test_forced_breaks_still_break(void **state)
{
    (void)state;
    size_t passes = te->break_passes;
    assert_int_equal(measure("One\ntwo", "en-GB", 620).lines, 2);
    assert_int_equal(measure("One\xE2\x80\xA8two", "en-GB", 620).lines, 2);   /* U+2028 */
    assert_int_equal(measure("One\ntwo", "en-GB", 0).lines, 2);
    assert_int_equal(te->break_passes, passes + 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fitting_text_skips_the_break_pass),
        cmocka_unit_test(test_one_line_up_to_the_exact_width),
        cmocka_unit_test(test_forced_breaks_still_break),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
