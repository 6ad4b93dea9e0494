/* test_text_unicode.c — the text engine on what current Unicode allows:
 * flags, emoji sequences, keycaps, floods of combining marks, invalid
 * UTF-8 and very long text. Each runs through break opportunities,
 * wrapping, measuring and drawing, with the real fonts and a software
 * renderer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "kiosk/text.h"
#include "text_fixture.h"

#define FLAG_GB "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"     /* U+1F1EC U+1F1E7 */
#define FLAG_FR "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"     /* U+1F1EB U+1F1F7 */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D" \
               "\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6"   /* man ZWJ woman ZWJ girl ZWJ boy */
#define WAVE_TONE "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD"   /* waving hand, medium skin tone */
#define KEYCAP_1 "1\xEF\xB8\x8F\xE2\x83\xA3"           /* 1 VS16 combining keycap */

/* No line break after any byte of s[a..e) but its last. */
static void assert_no_break_inside(const char *brk, size_t a, size_t e)
{
    for (size_t i = a; i + 1 < e; i++)
        assert_int_equal(brk[i], 0);
}

/* Measures, wraps and draws s: all succeed. */
static void assert_whole_pipeline(const char *s, const char *lang)
{
    TextStyle st = style(24, lang);
    TextExtent ext;
    assert_int_equal(text_measure(te, s, &st, 0, &ext), K_OK);
    assert_true(ext.lines >= 1);
    assert_int_equal(text_measure(te, s, &st, 200, &ext), K_OK);
    size_t starts[64];
    assert_true(text_wrap(te, s, &st, 40, starts, 64) >= 1);
    SDL_Rect box = { 0, 0, 640, 240 };
    assert_int_equal(text_draw(te, s, &st, &box, false), K_OK);
    TextRun runs[16];
    assert_true(text_itemise(s, TEXT_DIR_AUTO, runs, 16) >= 1);
}

/* A flag is two regional indicators; libunibreak 1.1 asserted on them and
 * aborted the kiosk (exit 134). */
static void test_flag_emoji(void **state)
{
    (void)state;
    const char *s = "Hub " FLAG_GB FLAG_FR " Sutton";
    size_t len = strlen(s);
    char brk[64];
    assert_int_equal(text_break_opportunities(s, "en", brk), K_OK);
    assert_no_break_inside(brk, 4, 12);             /* inside the British flag */
    assert_no_break_inside(brk, 12, 20);            /* inside the French flag */
    assert_int_equal(brk[3], 1);                    /* after "Hub " */
    assert_int_equal(brk[len - 1], 2);
    assert_whole_pipeline(s, "en");
    assert_whole_pipeline(FLAG_GB, "ur");

    /* a flag is one grapheme cluster: never cut in two, however narrow */
    TextStyle st = style(24, "en");
    size_t starts[8];
    assert_int_equal(text_wrap(te, FLAG_GB, &st, 5, starts, 8), 1);
}

static void test_zwj_family(void **state)
{
    (void)state;
    const char *s = "a " FAMILY " b";
    char brk[64];
    assert_int_equal(text_break_opportunities(s, "en", brk), K_OK);
    assert_no_break_inside(brk, 2, 2 + strlen(FAMILY));
    assert_whole_pipeline(s, "en");
    TextStyle st = style(24, "en");
    size_t starts[8];
    assert_int_equal(text_wrap(te, FAMILY, &st, 5, starts, 8), 1);
}

static void test_skin_tone_modifier(void **state)
{
    (void)state;
    const char *s = "hello " WAVE_TONE WAVE_TONE;
    char brk[64];
    assert_int_equal(text_break_opportunities(s, "en", brk), K_OK);
    assert_no_break_inside(brk, 6, 6 + strlen(WAVE_TONE));
    assert_no_break_inside(brk, 6 + strlen(WAVE_TONE), strlen(s));
    assert_whole_pipeline(s, "pl");
    /* the modifier stays with its hand when a narrow box cuts the word */
    TextStyle st = style(24, "en");
    size_t starts[8];
    assert_int_equal(text_wrap(te, WAVE_TONE, &st, 5, starts, 8), 1);
    int n = text_wrap(te, WAVE_TONE WAVE_TONE WAVE_TONE, &st, 5, starts, 8);
    assert_true(n >= 1 && n <= 3);
    for (int i = 0; i < n; i++)
        assert_int_equal(starts[i] % strlen(WAVE_TONE), 0);
}

static void test_keycap(void **state)
{
    (void)state;
    const char *s = "Press " KEYCAP_1 " now";
    char brk[64];
    assert_int_equal(text_break_opportunities(s, "en", brk), K_OK);
    assert_no_break_inside(brk, 6, 6 + strlen(KEYCAP_1));
    assert_whole_pipeline(s, "en");
    TextStyle st = style(24, "en");
    size_t starts[8];
    assert_int_equal(text_wrap(te, KEYCAP_1, &st, 5, starts, 8), 1);
}

/* One base with 200 combining acute accents: one cluster, no break inside. */
static void test_combining_flood(void **state)
{
    (void)state;
    char s[2 + 200 * 2 + 8];
    size_t o = 0;
    s[o++] = 'a';
    for (int i = 0; i < 200; i++) {
        s[o++] = (char)0xCC;
        s[o++] = (char)0x81;
    }
    s[o] = '\0';
    char brk[sizeof s];
    assert_int_equal(text_break_opportunities(s, "ro", brk), K_OK);
    assert_no_break_inside(brk, 0, o);
    assert_int_equal(brk[o - 1], 2);
    assert_whole_pipeline(s, "ro");
    TextStyle st = style(24, "ro");
    size_t starts[8];
    assert_int_equal(text_wrap(te, s, &st, 5, starts, 8), 1);
    TextRun runs[4];
    assert_int_equal(text_itemise(s, TEXT_DIR_AUTO, runs, 4), 1);   /* marks join their base */
}

/* Surrogate code points written as UTF-8 (CESU-8, or lone halves) are not
 * UTF-8: every step refuses them. */
static void test_surrogates_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "x\xED\xA0\xBDy",                    /* lone high surrogate U+D83D */
        "x\xED\xB2\xA9y",                    /* lone low surrogate U+DCA9 */
        "\xED\xA0\xBD\xED\xB2\xA9",          /* a pair, CESU-8 */
    };
    TextStyle st = style(24, "en");
    SDL_Rect box = { 0, 0, 640, 240 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char brk[16];
        TextExtent ext;
        TextRun runs[4];
        size_t starts[4];
        assert_int_equal(text_break_opportunities(bad[i], "en", brk), K_ERR_INVALID);
        assert_int_equal(text_measure(te, bad[i], &st, 100, &ext), K_ERR_INVALID);
        assert_int_equal(text_draw(te, bad[i], &st, &box, false), K_ERR_INVALID);
        assert_int_equal(text_itemise(bad[i], TEXT_DIR_AUTO, runs, 4), -1);
        assert_int_equal(text_wrap(te, bad[i], &st, 100, starts, 4), -1);
    }
}

/* A megabyte of text: broken, wrapped, measured and drawn (the lines that
 * fit the box) without failing. */
static void test_one_megabyte(void **state)
{
    (void)state;
    const char *word = "Zażółć gęślą jaźń ";
    size_t wl = strlen(word), len = 1u << 20, n = len / wl;
    char *s = malloc(len + 1);
    char *brk = malloc(len);
    assert_non_null(s);
    assert_non_null(brk);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * wl, word, wl);
    memset(s + n * wl, 'a', len - n * wl);
    s[len] = '\0';
    assert_int_equal(text_break_opportunities(s, "pl", brk), K_OK);
    size_t breaks = 0;
    for (size_t i = 0; i < len; i++)
        breaks += brk[i] != 0;
    assert_int_equal(breaks, 3 * n + 1);            /* after each space, and the end */
    assert_int_equal(brk[len - 1], 2);

    TextStyle st = style(16, "pl");
    TextExtent ext;
    assert_int_equal(text_measure(te, s, &st, 600, &ext), K_OK);
    assert_true(ext.lines > 1000);
    assert_true(ext.w <= 600);
    SDL_Rect box = { 0, 0, 640, 240 };
    assert_int_equal(text_draw(te, s, &st, &box, false), K_OK);
    free(brk);
    free(s);
}

/* Pieces made only of format characters (bidi controls, marks) have no
 * width: SDL_ttf renders nothing for them, and the rest of the text is
 * still drawn. Found by tests/fuzz/fuzz_text.c. */
static void test_zero_width_pieces(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "abc \u202E" "evil\u202C \u2067\u05E9\u05DC\u05D5\u05DD\u2069 123 \u200Fx\u200E",
        "\u200E",
        "x \u2067\u2069 y",
        "\u061C(\u0627)",
    };
    SDL_Rect box = { 0, 0, 640, 240 };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        TextStyle st = style(20, i % 2 ? "he" : "en");
        assert_int_equal(text_draw(te, texts[i], &st, &box, false), K_OK);
        st.personal = true;
        assert_int_equal(text_draw(te, texts[i], &st, &box, true), K_OK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flag_emoji),
        cmocka_unit_test(test_zwj_family),
        cmocka_unit_test(test_skin_tone_modifier),
        cmocka_unit_test(test_keycap),
        cmocka_unit_test(test_combining_flood),
        cmocka_unit_test(test_surrogates_rejected),
        cmocka_unit_test(test_one_megabyte),
        cmocka_unit_test(test_zero_width_pieces),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
