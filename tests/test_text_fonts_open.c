/* test_text_fonts_open.c — the text engine keeps a bounded number of fonts
 * (a file at a size) open, closing the least recently used: text at a
 * hundred and forty sizes in four scripts leaves at most FONT_OPEN_MAX
 * open, draws the same after its font was closed and opened again, and a
 * font held while one font of every file is looked up stays open. */
#include "text_fixture.h"

#include "../kiosk/text_private.h"

static int bound(void)
{
    return FONT_OPEN_MAX > 2 * te->nfiles ? FONT_OPEN_MAX : 2 * te->nfiles;
}

static int counted_open(void)
{
    int n = 0;
    for (int i = 0; i < te->nfiles; i++)
        n += te->files[i].nsizes;
    return n;
}

static bool is_open(int file, const TTF_Font *f)
{
    for (int i = 0; i < te->files[file].nsizes; i++)
        if (te->files[file].sizes[i].font == f)
            return true;
    return false;
}

/* Draws s at size px and returns a checksum of the pixels drawn. */
static uint32_t draw_sum(const char *s, const char *lang, int px)
{
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    TextStyle st = { .size_px = px, .lang = lang, .colour = { 255, 255, 255, 255 } };
    SDL_Rect box = { 0, 0, 640, 240 };
    assert_int_equal(text_draw(te, s, &st, &box, false), K_OK);
    SDL_RenderPresent(renderer);
    uint32_t sum = 0;
    const uint32_t *px32 = surface->pixels;
    for (int i = 0; i < surface->w * surface->h; i++)
        sum = sum * 31 + px32[i];
    return sum;
}

static void test_open_fonts_bounded(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        { "Check in to a session", "en-GB" },
        { TAMIL, "ta" },
        { URDU_PHONE, "ur" },
        { "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD1\x96\xD1\x82", "uk" },   /* Привіт */
    };
    size_t opens = te->font_opens;
    for (int px = 10; px < 150; px++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            TextStyle st = { .size_px = px, .lang = texts[k][1] };
            TextExtent e;
            assert_int_equal(text_measure(te, texts[k][0], &st, 600, &e), K_OK);
            assert_true(e.w > 0);
            assert_true(te->fonts_open <= bound());
            assert_int_equal(te->fonts_open, counted_open());
        }
    assert_true(te->font_opens - opens >= 140);   /* each size was opened */
    assert_true(te->fonts_open >= FONT_OPEN_MAX - 1);
}

static void test_reopened_font_draws_the_same(void **state)
{
    (void)state;
    uint32_t first = draw_sum("Family Hub", "en-GB", 31);
    /* push the 31 px font out, and the textures with it */
    for (int px = 40; px < 40 + 2 * bound(); px++) {
        TextStyle st = { .size_px = px, .lang = "en-GB" };
        TextExtent e;
        assert_int_equal(text_measure(te, "Family Hub", &st, 0, &e), K_OK);
    }
    int file = text_choose_font(te, "Latn", "en-GB", TEXT_REGULAR);
    for (int i = 0; i < te->files[file].nsizes; i++)
        assert_int_not_equal(te->files[file].sizes[i].size, 31);
    text_cache_clear(te);
    size_t opens = te->font_opens;
    assert_true(draw_sum("Family Hub", "en-GB", 31) == first);
    assert_true(te->font_opens > opens);
}

static void test_font_held_across_every_file(void **state)
{
    (void)state;
    TTF_Font *held = text_font_at(te, 0, 77);
    assert_non_null(held);
    for (int round = 0; round < 2; round++)
        for (int f = 0; f < te->nfiles; f++)
            assert_non_null(text_font_at(te, f, 90 + round));
    assert_true(is_open(0, held));
    /* any size serves a question of coverage: nothing new is opened */
    size_t opens = te->font_opens;
    for (int f = 0; f < te->nfiles; f++)
        assert_non_null(text_font_any(te, f));
    assert_int_equal(te->font_opens, opens);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_fonts_bounded),
        cmocka_unit_test(test_reopened_font_draws_the_same),
        cmocka_unit_test(test_font_held_across_every_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
