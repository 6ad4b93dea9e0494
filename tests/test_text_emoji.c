/* test_text_emoji.c — emoji and flags in outside text (a service's name
 * from an Open Referral directory) are drawn from the symbols font
 * (fonts.conf's "Zsye" rule), not as a missing-glyph box per code point,
 * in every script's paragraph; and the symbols font is opened only when
 * such a character is drawn. */
#include "text_fixture.h"

#include "../kiosk/text_private.h"

#define FLAG_GB "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"     /* U+1F1EC U+1F1E7 */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D" \
               "\xF0\x9F\x91\xA7"                       /* man ZWJ woman ZWJ girl */
#define WAVE_TONE "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD"   /* waving hand, medium skin tone */
#define HEART_VS16 "\xE2\x9D\xA4\xEF\xB8\x8F"          /* heart, emoji presentation */
#define NO_FONT "\xF4\x8F\xBF\xBD"                     /* U+10FFFD: in no font */

/* Draws s at 48 px and returns a checksum of the pixels. */
static uint32_t draw_sum(const char *s, const char *lang)
{
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    TextStyle st = { .size_px = 48, .lang = lang, .colour = { 255, 255, 255, 255 } };
    SDL_Rect box = { 0, 0, 640, 240 };
    assert_int_equal(text_draw(te, s, &st, &box, false), K_OK);
    SDL_RenderPresent(renderer);
    uint32_t sum = 0;
    const uint32_t *px32 = surface->pixels;
    for (int i = 0; i < surface->w * surface->h; i++)
        sum = sum * 31 + px32[i];
    return sum;
}

/* The file the symbols rule names, or -1. */
static int symbols_file(void)
{
    for (int i = 0; i < te->nfiles; i++)
        if (strstr(te->files[i].name, "Symbola"))
            return i;
    return -1;
}

static void test_emoji_covered_in_every_script(void **state)
{
    (void)state;
    static const char *const langs[] = { "en-GB", "ta", "ur", "uk", "pl" };
    static const char *const texts[] = { FLAG_GB, FAMILY, WAVE_TONE, HEART_VS16,
                                         "Baby club " FLAG_GB " " FAMILY };
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            unsigned missing = 0;
            if (!text_covers(te, texts[t], langs[l], &missing))
                fail_msg("%s: U+%04X in text %zu is in no font", langs[l], missing, t);
        }
    /* a character no font has is still reported */
    assert_false(text_covers(te, "a " NO_FONT, "en-GB", NULL));
}

/* A regional indicator, a face: each drawn unlike the box a character in
 * no font gets. With the symbols rule gone they are that box. */
static void test_emoji_not_drawn_as_box(void **state)
{
    (void)state;
    uint32_t box = draw_sum(NO_FONT, "en-GB");
    assert_int_not_equal(draw_sum("\xF0\x9F\x87\xAC", "en-GB"), box);   /* U+1F1EC */
    assert_int_not_equal(draw_sum("\xF0\x9F\x91\xA8", "en-GB"), box);   /* U+1F468 man */
    assert_int_not_equal(draw_sum("\xF0\x9F\x91\xA8", "ur"), draw_sum(NO_FONT, "ur"));
    assert_int_not_equal(draw_sum("\xF0\x9F\x91\xA8", "ta"), draw_sum(NO_FONT, "ta"));
    /* the whole pipeline on a name with them, in a right-to-left paragraph */
    TextExtent e;
    TextStyle st = { .size_px = 24, .lang = "ur" };
    assert_int_equal(text_measure(te, "\xD8\xA8\xDA\x86\xDB\x92 " FLAG_GB " " FAMILY, &st, 120,
                                  &e), K_OK);
    assert_true(e.lines >= 1);
}

/* Screens without emoji never open the symbols font. */
static void test_symbols_opened_only_when_needed(void **state)
{
    (void)state;
    int sym = symbols_file();
    assert_true(sym >= 0);
    assert_int_equal(te->files[sym].nopen, 0);
    (void)draw_sum("Check in \xE2\x80\x94 2:00\xE2\x80\x93" "3:00 \xC2\xB7 Sutton", "en-GB");
    (void)draw_sum(TAMIL, "ta");
    (void)draw_sum(URDU_PHONE, "ur");
    assert_int_equal(te->files[sym].nopen, 0);
    (void)draw_sum("Hub " FLAG_GB, "en-GB");
    assert_true(te->files[sym].nopen >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbols_opened_only_when_needed),
        cmocka_unit_test(test_emoji_covered_in_every_script),
        cmocka_unit_test(test_emoji_not_drawn_as_box),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
