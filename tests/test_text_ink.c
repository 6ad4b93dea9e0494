/* test_text_ink.c — line heights from the ink of Noto Nastaliq Urdu (fonts
 * marked "ink" in fonts.conf), measured, drawn and cached. */
#include "text_fixture.h"

static int standalone_ink_h(const char *font, int size, const char *s, const char *script,
                            bool rtl, int *top, int *bot, int *surf_h)
{
    TTF_Font *f = TTF_OpenFont(font, size);
    assert_non_null(f);
    if (strstr(font, "Nastaliq"))
        TTF_SetFontHinting(f, TTF_HINTING_NONE);   /* as the engine draws it */
    assert_int_equal(TTF_SetFontScriptName(f, script), 0);
    assert_int_equal(TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR), 0);
    SDL_Surface *su = TTF_RenderUTF8_Blended(f, s, (SDL_Color){ 0, 0, 0, 255 });
    assert_non_null(su);
    assert_int_equal(su->format->format, SDL_PIXELFORMAT_ARGB8888);
    *top = -1;
    *bot = -1;
    int rows = 0;
    for (int y = 0; y < su->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)su->pixels + y * su->pitch);
        for (int x = 0; x < su->w; x++) {
            if (row[x] >> 24) {
                if (*top < 0)
                    *top = y;
                *bot = y + 1;
                rows++;
                break;
            }
        }
    }
    if (surf_h)
        *surf_h = su->h;
    SDL_FreeSurface(su);
    TTF_CloseFont(f);
    return rows;
}

static int standalone_ink(const char *font, int size, const char *s, const char *script,
                          bool rtl, int *top, int *bot)
{
    return standalone_ink_h(font, size, s, script, rtl, top, bot, NULL);
}

/* The margin the engine keeps above and below ink: 2 px or 8% of the size. */
static int ink_margin(int size)
{
    int m = (size * 8 + 50) / 100;
    return m < 2 ? 2 : m;
}

#define NASTALIQ FONT_DIR "/NotoNastaliqUrdu-Regular.ttf"
static const char URDU_EXIT[] = "فوری باہر نکلیں";

static void check_ink_line(const char *s, int size)
{
    TTF_Font *nastaliq = TTF_OpenFont(NASTALIQ, size);
    TTF_SetFontHinting(nastaliq, TTF_HINTING_NONE);
    assert_non_null(nastaliq);
    int top, bot;
    assert_true(standalone_ink(NASTALIQ, size, s, "Arab", true, &top, &bot) > 0);
    int ink = bot - top;
    TextStyle ur = style(size, "ur");
    TextExtent e;
    assert_int_equal(text_measure(te, s, &ur, 0, &e), K_OK);
    assert_int_equal(e.lines, 1);
    assert_true(e.h >= ink);                             /* never less than the ink */
    assert_true(e.h <= ink + 2 * ink_margin(size));      /* ink plus the margins */
    assert_true(e.h < TTF_FontHeight(nastaliq));         /* not the font's box */
    TTF_CloseFont(nastaliq);
}

/* Nastaliq's box is 2.5 times its size; a line is as tall as its ink. */
static void test_nastaliq_line_height(void **state)
{
    (void)state;
    check_ink_line(URDU_EXIT, 22);
    check_ink_line("واپس", 22);
    check_ink_line(URDU_PHONE, 32);   /* three pieces, one baseline */
    check_ink_line("کھیلنے", 32);     /* ink above the font's ascent */

    TextStyle ur = style(22, "ur");
    TextExtent tall, short_;
    assert_int_equal(text_measure(te, URDU_EXIT, &ur, 0, &tall), K_OK);
    assert_int_equal(text_measure(te, "واپس", &ur, 0, &short_), K_OK);
    assert_true(short_.h < tall.h);   /* measured per phrase, not a constant */

    /* This heading's ink fills its whole rendering, which is taller than the
     * font's box: the line is as tall as the ink, and the margins do not
     * make it taller than the rendering (as the box rule made it). */
    const char *heading = "اپنا پہلا نام لکھیں";
    int top, bot, surf_h;
    standalone_ink_h(FONT_DIR "/NotoNastaliqUrdu-Bold.ttf", 26, heading, "Arab", true,
                     &top, &bot, &surf_h);
    TextStyle hs = style(26, "ur");
    hs.weight = TEXT_BOLD;
    TextExtent he;
    assert_int_equal(text_measure(te, heading, &hs, 0, &he), K_OK);
    assert_true(he.h >= bot - top);
    assert_true(he.h <= (bot - top > surf_h ? bot - top : surf_h));

    /* other fonts keep their box: Latin lines match between buttons */
    const int sizes[] = { 22, 32 };
    for (int i = 0; i < 2; i++) {
        TTF_Font *sans = TTF_OpenFont(FONT_DIR "/NotoSans-Regular.ttf", sizes[i]);
        TTF_Font *tamil = TTF_OpenFont(FONT_DIR "/NotoSansTamil-Regular.ttf", sizes[i]);
        assert_non_null(sans);
        assert_non_null(tamil);
        TextStyle en = style(sizes[i], "en"), ta = style(sizes[i], "ta");
        TextExtent e;
        assert_int_equal(text_measure(te, "Family Hub", &en, 0, &e), K_OK);
        assert_int_equal(e.h, TTF_FontHeight(sans));
        assert_int_equal(text_measure(te, "ooo", &en, 0, &e), K_OK);
        assert_int_equal(e.h, TTF_FontHeight(sans));
        assert_int_equal(text_measure(te, TAMIL, &ta, 0, &e), K_OK);
        assert_true(e.h >= TTF_FontHeight(tamil));
        TTF_CloseFont(sans);
        TTF_CloseFont(tamil);
    }
}

/* Rows of the surface with any non-white pixel. */
static int ink_rows_drawn(void)
{
    int rows = 0;
    for (int y = 0; y < surface->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)surface->pixels + y * surface->pitch);
        for (int x = 0; x < surface->w; x++) {
            if ((row[x] & 0xFFFFFF) != 0xFFFFFF) {
                rows++;
                break;
            }
        }
    }
    return rows;
}

/* Drawn into a box exactly as tall as measured, the ink is all there and
 * all inside the box, even with the renderer clipped to it. */
static void test_nastaliq_draw_keeps_ink(void **state)
{
    (void)state;
    int top, bot;
    int want = standalone_ink(NASTALIQ, 22, URDU_EXIT, "Arab", true, &top, &bot);
    TextStyle ur = style(22, "ur");
    TextExtent e;
    assert_int_equal(text_measure(te, URDU_EXIT, &ur, 0, &e), K_OK);
    SDL_Rect box = { 40, 60, 400, e.h };
    int x0, x1, y0, y1;
    for (int clip = 0; clip < 2; clip++) {
        clear_white();
        if (clip)
            SDL_RenderSetClipRect(renderer, &box);
        assert_int_equal(text_draw(te, URDU_EXIT, &ur, &box, false), K_OK);
        SDL_RenderSetClipRect(renderer, NULL);
        assert_true(ink_box(&x0, &x1, &y0, &y1));
        assert_true(y0 >= box.y);
        assert_true(y1 < box.y + box.h);
        assert_true(x1 < box.x + box.w && x1 > box.x + box.w - 20);   /* right-aligned */
        assert_int_equal(ink_rows_drawn(), want);
    }
    /* centred in a taller box: still all of it */
    SDL_Rect tall = { 40, 20, 400, 200 };
    clear_white();
    assert_int_equal(text_draw(te, URDU_EXIT, &ur, &tall, true), K_OK);
    assert_true(ink_box(&x0, &x1, &y0, &y1));
    assert_int_equal(ink_rows_drawn(), want);
    assert_true(abs((y0 - tall.y) - (tall.y + tall.h - 1 - y1)) <= 2 * ink_margin(22) + 1);
    /* one row less and the line does not fit: nothing is drawn */
    box.h--;
    clear_white();
    assert_int_equal(text_draw(te, URDU_EXIT, &ur, &box, false), K_OK);
    assert_false(ink_box(&x0, &x1, &y0, &y1));
}

static int line_h(const char *s, size_t a, size_t e, const TextStyle *st)
{
    char buf[512];
    assert_true(e - a < sizeof buf);
    memcpy(buf, s + a, e - a);
    buf[e - a] = '\0';
    TextExtent ext;
    assert_int_equal(text_measure(te, buf, st, 0, &ext), K_OK);
    assert_int_equal(ext.lines, 1);
    return ext.h;
}

/* A paragraph is as tall as its lines' boxes together. */
static void test_nastaliq_paragraph_height(void **state)
{
    (void)state;
    TTF_Font *nastaliq = TTF_OpenFont(NASTALIQ, 22);
    TTF_SetFontHinting(nastaliq, TTF_HINTING_NONE);
    assert_non_null(nastaliq);
    TextStyle ur = style(22, "ur");
    TextExtent e;
    const char *two = "فوری باہر نکلیں\nواپس";
    assert_int_equal(text_measure(te, two, &ur, 0, &e), K_OK);
    assert_int_equal(e.lines, 2);
    int first = line_h(two, 0, strlen(URDU_EXIT), &ur);
    int second = line_h("واپس", 0, strlen("واپس"), &ur);
    assert_int_equal(e.h, first + second);
    assert_true(e.h < 2 * TTF_FontHeight(nastaliq));

    /* wrapped by width: each line is measured on its own */
    const char *s = "ہمیں 020 8770 6000 پر کال کریں، فوری باہر نکلیں";
    size_t starts[16];
    int n = text_wrap(te, s, &ur, 150, starts, 16);
    assert_true(n >= 2 && n < 16);
    assert_int_equal(text_measure(te, s, &ur, 150, &e), K_OK);
    assert_int_equal(e.lines, n);
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += line_h(s, starts[i], i + 1 < n ? starts[i + 1] : strlen(s), &ur);
    assert_int_equal(e.h, sum);
    assert_true(e.h < n * TTF_FontHeight(nastaliq));

    /* drawn: every line's ink inside the block */
    SDL_Rect box = { 20, 10, 150, e.h };
    clear_white();
    assert_int_equal(text_draw(te, s, &ur, &box, false), K_OK);
    int x0, x1, y0, y1;
    assert_true(ink_box(&x0, &x1, &y0, &y1));
    assert_true(y0 >= box.y && y1 < box.y + box.h);
    TTF_CloseFont(nastaliq);
}

/* Each distinct piece is rendered for its ink once; personal text is
 * measured afresh each time, to the same height. */
static void test_ink_measurement_is_cached(void **state)
{
    (void)state;
    TextStyle ur = style(27, "ur");
    TextExtent a, b;
    TextStats s;
    text_stats_reset(te);
    assert_int_equal(text_measure(te, "آمد درج کریں", &ur, 500, &a), K_OK);
    text_stats(te, &s);
    assert_true(s.shaped >= 2);            /* shaped for width, rendered for ink */
    text_stats_reset(te);
    assert_int_equal(text_measure(te, "آمد درج کریں", &ur, 600, &b), K_OK);   /* a new layout */
    text_stats(te, &s);
    assert_int_equal(s.shaped, 0);
    assert_int_equal(a.h, b.h);

    TextStyle name = ur;
    name.personal = true;
    text_stats_reset(te);
    assert_int_equal(text_measure(te, "آمد درج کریں", &name, 0, &b), K_OK);
    assert_int_equal(text_measure(te, "آمد درج کریں", &name, 0, &b), K_OK);
    text_stats(te, &s);
    assert_true(s.shaped >= 4);
    assert_int_equal(a.h, b.h);
}

/* Without "ink" in fonts.conf a font keeps its box; the flag may follow
 * the file name after any white space. */
static void test_ink_flag_in_fonts_conf(void **state)
{
    (void)state;
    char path[] = "/tmp/test_text_ink_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("default regular NotoSans-Regular.ttf\n"
          "Arab:ur regular NotoNastaliqUrdu-Regular.ttf\n", fp);
    fclose(fp);
    char err[256];
    TextEngine *box = text_open(path, FONT_DIR, renderer, 1 << 20, err, sizeof err);
    assert_non_null(box);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("default regular NotoSans-Regular.ttf\n"
          "Arab:ur regular NotoNastaliqUrdu-Regular.ttf \t ink  # tall box\n", fp);
    fclose(fp);
    TextEngine *ink = text_open(path, FONT_DIR, renderer, 1 << 20, err, sizeof err);
    assert_non_null(ink);
    unlink(path);

    TTF_Font *nastaliq = TTF_OpenFont(NASTALIQ, 22);
    TTF_SetFontHinting(nastaliq, TTF_HINTING_NONE);
    assert_non_null(nastaliq);
    TextStyle ur = style(22, "ur");
    TextExtent e;
    assert_int_equal(text_measure(box, "واپس", &ur, 0, &e), K_OK);
    assert_true(e.h >= TTF_FontHeight(nastaliq));
    assert_int_equal(text_measure(ink, "واپس", &ur, 0, &e), K_OK);
    assert_true(e.h < TTF_FontHeight(nastaliq));
    TTF_CloseFont(nastaliq);
    text_close(box);
    text_close(ink);
}

/* ---- wrapping -------------------------------------------------------------- */


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nastaliq_line_height),
        cmocka_unit_test(test_nastaliq_draw_keeps_ink),
        cmocka_unit_test(test_nastaliq_paragraph_height),
        cmocka_unit_test(test_ink_measurement_is_cached),
        cmocka_unit_test(test_ink_flag_in_fonts_conf),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
