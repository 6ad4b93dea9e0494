/* test_text_fonts_open.c — the text engine keeps at most two fonts open
 * per hinted file and one per unhinted file (icons, Nastaliq), and sets
 * them to the sizes asked for: text at a hundred and forty sizes in four
 * scripts opens each file at most twice, draws the same after its size
 * changed back and after its font was closed and opened again, and a font
 * held while the other files (and its own, at one other size) are looked
 * up keeps its size. */
#include "text_fixture.h"

#include "../kiosk/text_private.h"

static int counted_open(void)
{
    int n = 0;
    for (int i = 0; i < te->nfiles; i++) {
        assert_true(te->files[i].nopen <= (te->files[i].hinted && !te->files[i].ink ? 2 : 1));
        n += te->files[i].nopen;
    }
    return n;
}

static bool open_at(int file, int size)
{
    for (int i = 0; i < te->files[file].nopen; i++)
        if (te->files[file].open[i].size == size)
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

static void test_fonts_per_file_bounded(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        { "Check in to a session", "en-GB" },
        { TAMIL, "ta" },
        { URDU_PHONE, "ur" },
        { "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD1\x96\xD1\x82", "uk" },   /* Привіт */
    };
    size_t opens = te->font_opens, resizes = te->font_resizes;
    for (int px = 10; px < 150; px++)
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
            TextStyle st = { .size_px = px, .lang = texts[k][1] };
            TextExtent e;
            assert_int_equal(text_measure(te, texts[k][0], &st, 600, &e), K_OK);
            assert_true(e.w > 0);
            assert_true(te->fonts_open <= 2 * te->nfiles);
            assert_int_equal(te->fonts_open, counted_open());
        }
    /* every file was opened at start (the font check), a hinted one at
     * most once more */
    assert_true(te->font_opens - opens <= (size_t)te->nfiles);
    assert_true(te->font_resizes - resizes >= 140);   /* each size was set */
}

static void test_resized_and_reopened_font_draws_the_same(void **state)
{
    (void)state;
    uint32_t first = draw_sum("Family Hub", "en-GB", 31);
    int file = text_choose_font(te, "Latn", "en-GB", TEXT_REGULAR);
    /* the font set to other sizes, the textures dropped */
    for (int px = 40; px < 60; px++) {
        TextStyle st = { .size_px = px, .lang = "en-GB" };
        TextExtent e;
        assert_int_equal(text_measure(te, "Family Hub", &st, 0, &e), K_OK);
    }
    assert_false(open_at(file, 31));
    text_cache_clear(te);
    assert_true(draw_sum("Family Hub", "en-GB", 31) == first);
    /* closed (as after a failure inside it) and opened again */
    assert_true(open_at(file, 31));
    text_font_forget(te, file, 31);
    assert_false(open_at(file, 31));
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
    int height = TTF_FontHeight(held);
    assert_true(te->files[0].hinted);
    for (int round = 0; round < 2; round++)
        for (int f = 1; f < te->nfiles; f++)
            assert_non_null(text_font_at(te, f, 90 + round));
    assert_non_null(text_font_at(te, 0, 90));   /* its second font */
    assert_true(open_at(0, 77));
    assert_int_equal(TTF_FontHeight(held), height);   /* still at 77 px */
    /* any size serves a question of coverage: nothing new is opened */
    size_t opens = te->font_opens, resizes = te->font_resizes;
    for (int f = 0; f < te->nfiles; f++)
        assert_non_null(text_font_any(te, f));
    assert_int_equal(te->font_opens, opens);
    assert_int_equal(te->font_resizes, resizes);
}

/* The icon font has no hinting programs and Nastaliq is drawn unhinted: a
 * change of size costs them little, so each keeps one font. */
static void test_unhinted_files_keep_one_font(void **state)
{
    (void)state;
    int icons = text_choose_font(te, "Zyyy", "qaa", TEXT_REGULAR);
    int nastaliq = text_choose_font(te, "Arab", "ur", TEXT_REGULAR);
    assert_false(te->files[icons].hinted);
    assert_true(te->files[nastaliq].ink);
    for (int px = 20; px < 30; px++) {
        assert_non_null(text_font_at(te, icons, px));
        assert_non_null(text_font_at(te, nastaliq, px));
    }
    assert_int_equal(te->files[icons].nopen, 1);
    assert_int_equal(te->files[nastaliq].nopen, 1);
    int latin = text_choose_font(te, "Latn", "en-GB", TEXT_BOLD);
    assert_true(te->files[latin].hinted);
    assert_non_null(text_font_at(te, latin, 20));
    assert_non_null(text_font_at(te, latin, 21));
    assert_int_equal(te->files[latin].nopen, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fonts_per_file_bounded),
        cmocka_unit_test(test_resized_and_reopened_font_draws_the_same),
        cmocka_unit_test(test_font_held_across_every_file),
        cmocka_unit_test(test_unhinted_files_keep_one_font),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
