/* test_text.c — the text engine on real sentences in the kiosk's scripts,
 * with the real Noto fonts, drawn by a software renderer into a surface. */
#include "text_fixture.h"

static void test_itemise_urdu_with_phone_number(void **state)
{
    (void)state;
    TextDir dirs[] = { TEXT_DIR_RTL, TEXT_DIR_AUTO };
    for (int d = 0; d < 2; d++) {
        TextRun runs[8];
        int n = text_itemise(URDU_PHONE, dirs[d], runs, 8);
        assert_int_equal(n, 3);
        assert_string_equal(runs[0].script, "Arab");
        assert_int_equal(runs[0].level, 1);
        assert_int_equal(runs[1].level, 2);
        assert_int_equal(runs[1].len, strlen("020 8770 6000"));
        assert_memory_equal(URDU_PHONE + runs[1].start, "020 8770 6000", runs[1].len);
        assert_string_equal(runs[2].script, "Arab");
        assert_int_equal(runs[2].level, 1);
        /* the runs tile the text */
        assert_int_equal(runs[0].start, 0);
        assert_int_equal(runs[1].start, runs[0].len);
        assert_int_equal(runs[2].start + runs[2].len, strlen(URDU_PHONE));

        int order[3];
        text_visual_order(runs, n, order);
        assert_int_equal(order[0], 2);   /* the last Urdu words are leftmost */
        assert_int_equal(order[1], 1);   /* the number, in reading order */
        assert_int_equal(order[2], 0);
    }
}

static void test_itemise_mixed_scripts(void **state)
{
    (void)state;
    const char *s = "Sutton Library میں";
    TextRun runs[8];
    int order[8];

    /* first strong character is Latin: a left-to-right paragraph */
    int n = text_itemise(s, TEXT_DIR_AUTO, runs, 8);
    assert_int_equal(n, 2);
    assert_string_equal(runs[0].script, "Latn");
    assert_int_equal(runs[0].level, 0);
    assert_memory_equal(s + runs[1].start, "میں", runs[1].len);
    assert_string_equal(runs[1].script, "Arab");
    assert_int_equal(runs[1].level, 1);
    text_visual_order(runs, n, order);
    assert_int_equal(order[0], 0);

    /* inside Urdu: the English name is embedded and drawn to the right */
    n = text_itemise(s, TEXT_DIR_RTL, runs, 8);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].level, 2);
    assert_int_equal(runs[0].len, strlen("Sutton Library"));
    assert_int_equal(runs[1].level, 1);
    text_visual_order(runs, n, order);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 0);

    /* Tamil with its vowel signs and pulli: one run, never a lone mark */
    n = text_itemise(TAMIL, TEXT_DIR_AUTO, runs, 8);
    assert_int_equal(n, 1);
    assert_string_equal(runs[0].script, "Taml");
    assert_int_equal(runs[0].len, strlen(TAMIL));

    /* Ukrainian then English: two scripts, both left to right */
    n = text_itemise("Київ (Kyiv)", TEXT_DIR_AUTO, runs, 8);
    assert_int_equal(n, 2);
    assert_string_equal(runs[0].script, "Cyrl");
    assert_string_equal(runs[1].script, "Latn");
    assert_memory_equal("Київ (Kyiv)" + runs[1].start, "Kyiv)", runs[1].len);

    /* a combining accent stays with its letter */
    n = text_itemise("Zoe\xCC\x88 ok", TEXT_DIR_AUTO, runs, 8);
    assert_int_equal(n, 1);

    /* more runs than room: the count is still right */
    assert_int_equal(text_itemise(URDU_PHONE, TEXT_DIR_RTL, runs, 1), 3);
    assert_int_equal(text_itemise("abc\xC0\xAF", TEXT_DIR_AUTO, runs, 8), -1);
    assert_int_equal(text_itemise("", TEXT_DIR_AUTO, runs, 8), 0);
}

static void test_visual_order_rule_l2(void **state)
{
    (void)state;
    TextRun runs[6] = { { .level = 0 }, { .level = 1 }, { .level = 2 },
                        { .level = 2 }, { .level = 1 }, { .level = 0 } };
    int order[6];
    text_visual_order(runs, 6, order);
    int want[6] = { 0, 4, 2, 3, 1, 5 };
    for (int i = 0; i < 6; i++)
        assert_int_equal(order[i], want[i]);
}

/* ---- break opportunities -------------------------------------------------- */

static void check_breaks_only_at_spaces(const char *s, const char *lang)
{
    size_t len = strlen(s);
    char *brk = malloc(len);
    assert_non_null(brk);
    assert_int_equal(text_break_opportunities(s, lang, brk), K_OK);
    int spaces = 0, breaks = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == ' ') {
            spaces++;
            assert_int_equal(brk[i], 1);
        } else {
            assert_int_equal(brk[i], 0);   /* never inside "ż" or "ă" */
        }
        breaks += brk[i] != 0;
    }
    assert_true(spaces > 0);
    assert_int_equal(breaks, spaces);
    free(brk);
}

static void test_break_opportunities(void **state)
{
    (void)state;
    check_breaks_only_at_spaces("Zażółć gęślą jaźń", "pl");
    check_breaks_only_at_spaces("Învățăm împreună în fiecare săptămână", "ro");
    check_breaks_only_at_spaces(TAMIL, "ta");
    check_breaks_only_at_spaces(URDU_PHONE, "ur");

    char brk[8];
    assert_int_equal(text_break_opportunities("ab\ncd", "en", brk), K_OK);
    assert_int_equal(brk[2], 2);
    assert_int_equal(brk[1], 0);
    assert_int_equal(text_break_opportunities("a\xFF", "en", brk), K_ERR_INVALID);
}

/* ---- shaping --------------------------------------------------------------- */

static void test_tamil_is_shaped_as_clusters(void **state)
{
    (void)state;
    unsigned missing = 0;
    assert_true(text_covers(te, TAMIL, "ta", &missing));
    /* A vowel sign shaped on its own gets a dotted circle; shaped with its
     * consonant it attaches, so the pair is narrower than the parts. */
    int ki = width_of("கி", "ta");
    int ka = width_of("க", "ta");
    int i_sign = width_of("ி", "ta");
    assert_true(ki > ka);
    assert_true(ki < ka + i_sign);
    /* the two-part vowel ொ wraps round its consonant */
    assert_true(width_of("கொ", "ta") < width_of("க", "ta") + width_of("ொ", "ta"));
}

static void test_urdu_is_joined(void **state)
{
    (void)state;
    int joined = width_of("کریں", "ur");
    int parts =
        width_of("ک", "ur") + width_of("ر", "ur") + width_of("ی", "ur") + width_of("ں", "ur");
    assert_true(joined > 0);
    assert_true(joined < parts);
    /* ZWNJ has no glyph of its own in every font but is shaped: covered */
    assert_true(text_covers(te, "کر\xE2\x80\x8Cیں", "ur", NULL));
    unsigned missing = 0;
    assert_false(text_covers(te, "Hub 中心", "en", &missing));
    assert_int_equal(missing, 0x4E2D);
}

/* Rows [*top, *bot) of a standalone SDL_ttf rendering of s that hold any
 * ink (non-zero alpha), shaped as the engine shapes one run; returns the
 * number of such rows. *surf_h (if not NULL) receives the rendering's
 * height. */
static int measure_range(const char *s, size_t a, size_t e, const TextStyle *st)
{
    char buf[512];
    assert_true(e - a < sizeof buf);
    memcpy(buf, s + a, e - a);
    buf[e - a] = '\0';
    TextExtent ext;
    assert_int_equal(text_measure(te, buf, st, 0, &ext), K_OK);
    return ext.w;
}

static void test_wrap_tamil(void **state)
{
    (void)state;
    const int max_w = 260;
    TextStyle st = style(24, "ta");
    size_t starts[32];
    size_t len = strlen(TAMIL_LONG);
    int n = text_wrap(te, TAMIL_LONG, &st, max_w, starts, 32);
    assert_true(n >= 3 && n <= 32);
    assert_int_equal(starts[0], 0);
    for (int i = 0; i < n; i++) {
        size_t a = starts[i], e = i + 1 < n ? starts[i + 1] : len;
        assert_true(e > a);                               /* lines tile the text */
        if (i > 0)
            assert_int_equal(TAMIL_LONG[a - 1], ' ');     /* starts a word */
        assert_true(measure_range(TAMIL_LONG, a, e, &st) <= max_w);
        if (i + 1 < n) {   /* greedy: the next word would not have fitted */
            const char *sp = strchr(TAMIL_LONG + e, ' ');
            size_t next_end = sp ? (size_t)(sp - TAMIL_LONG) : len;
            assert_true(measure_range(TAMIL_LONG, a, next_end, &st) > max_w);
        }
    }
    TextExtent ext;
    assert_int_equal(text_measure(te, TAMIL_LONG, &st, max_w, &ext), K_OK);
    assert_int_equal(ext.lines, n);
    assert_true(ext.w <= max_w);
    assert_true(ext.fits);

    /* the same text unwrapped is one line, wider than the box */
    assert_int_equal(text_wrap(te, TAMIL_LONG, &st, 0, starts, 32), 1);
}

static void test_word_wider_than_box(void **state)
{
    (void)state;
    TextStyle st = style(24, "en");
    const char *word = "Supercalifragilisticexpialidocious";
    TextExtent ext;
    assert_int_equal(text_measure(te, word, &st, 120, &ext), K_OK);
    assert_false(ext.fits);
    assert_true(ext.lines >= 2);
    assert_true(ext.w <= 120);

    /* a long Tamil word is cut between clusters, never before a sign */
    const char *ta = "செவ்வாய்க்கிழமைகளிலும்";
    TextStyle tst = style(24, "ta");
    size_t starts[32];
    int n = text_wrap(te, ta, &tst, 60, starts, 32);
    assert_true(n >= 2 && n < 32);
    for (int i = 1; i < n; i++) {
        const unsigned char *u = (const unsigned char *)ta + starts[i];
        assert_int_equal(u[0], 0xE0);
        unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
        assert_false(cp >= 0x0BBE && cp <= 0x0BCD);   /* vowel signs, pulli */
        size_t e = i + 1 < n ? starts[i + 1] : strlen(ta);
        int w = measure_range(ta, starts[i], e, &tst);
        assert_true(w <= 60);
    }
    assert_int_equal(text_measure(te, ta, &tst, 60, &ext), K_OK);
    assert_false(ext.fits);

    /* max_lines: the extent stops at two lines and says it did not fit */
    TextStyle two = style(24, "ta");
    two.max_lines = 2;
    assert_int_equal(text_measure(te, TAMIL_LONG, &two, 260, &ext), K_OK);
    assert_int_equal(ext.lines, 2);
    assert_false(ext.fits);
    TextExtent all;
    assert_int_equal(text_measure(te, TAMIL_LONG, &tst, 260, &all), K_OK);
    assert_true(all.lines > 2);
    assert_true(all.h > ext.h);

    assert_int_equal(text_measure(te, "a\xFF", &st, 0, &ext), K_ERR_INVALID);
    assert_int_equal(ext.lines, 0);
}

/* ---- drawing ---------------------------------------------------------------- */

static void test_draw_aligns_by_direction(void **state)
{
    (void)state;
    SDL_Rect box = { 20, 10, 600, 200 };
    int x0, x1, y0, y1;

    TextStyle en = style(28, "en");
    clear_white();
    assert_int_equal(text_draw(te, "Family Hub", &en, &box, false), K_OK);
    assert_true(ink_box(&x0, &x1, &y0, &y1));
    assert_true(x0 >= box.x && x0 < box.x + 20);      /* starts at the left */
    assert_true(x1 < box.x + box.w / 2);

    TextStyle ur = style(28, "ur");
    clear_white();
    assert_int_equal(text_draw(te, URDU_PHONE, &ur, &box, false), K_OK);
    assert_true(ink_box(&x0, &x1, &y0, &y1));
    assert_true(x1 < box.x + box.w && x1 > box.x + box.w - 20);   /* right */
    assert_true(x0 > box.x + 100);
    assert_true(y0 >= box.y);

    ur.align = TEXT_ALIGN_END;                         /* END mirrors: left */
    clear_white();
    assert_int_equal(text_draw(te, URDU_PHONE, &ur, &box, false), K_OK);
    assert_true(ink_box(&x0, &x1, &y0, &y1));
    assert_true(x0 >= box.x && x0 < box.x + 20);

    /* a box too short for a line draws nothing */
    SDL_Rect flat = { 20, 10, 600, 5 };
    clear_white();
    assert_int_equal(text_draw(te, "Family Hub", &en, &flat, false), K_OK);
    assert_false(ink_box(&x0, &x1, &y0, &y1));

    /* invalid text: an error and no pixels */
    clear_white();
    assert_int_equal(text_draw(te, "ab\xC0", &en, &box, false), K_ERR_INVALID);
    assert_false(ink_box(&x0, &x1, &y0, &y1));
}

static void test_cache_reuses_and_is_bounded(void **state)
{
    (void)state;
    SDL_Rect box = { 0, 0, 300, 240 };
    TextStyle st = style(24, "ta");
    TextStats s;

    text_stats_reset(te);
    assert_int_equal(text_draw(te, TAMIL_LONG, &st, &box, false), K_OK);
    text_stats(te, &s);
    assert_true(s.shaped > 0);
    assert_true(s.entries > 0);
    assert_true(s.bytes > 0 && s.bytes <= s.budget);

    text_stats_reset(te);
    assert_int_equal(text_draw(te, TAMIL_LONG, &st, &box, false), K_OK);
    text_stats(te, &s);
    assert_int_equal(s.shaped, 0);
    assert_true(s.hits > 0);
    assert_int_equal(s.misses, 0);

    /* another colour reuses the same textures, tinted: nothing is shaped
     * again, and the ink comes out in the new colour */
    clear_white();
    text_stats_reset(te);
    st.colour = (SDL_Color){ 200, 0, 0, 255 };
    assert_int_equal(text_draw(te, TAMIL_LONG, &st, &box, false), K_OK);
    text_stats(te, &s);
    assert_int_equal(s.misses, 0);
    assert_int_equal(s.shaped, 0);
    int red = 0;
    for (int y = 0; y < surface->h; y++)
        for (int x = 0; x < surface->w; x++) {
            Uint8 r, g, b;
            SDL_GetRGB(((Uint32 *)((Uint8 *)surface->pixels + y * surface->pitch))[x],
                       surface->format, &r, &g, &b);
            red += r > 150 && g < 60 && b < 60;
        }
    assert_true(red > 50);

    /* personal text is shaped every time and leaves no texture behind */
    TextStyle name = style(24, "pl");
    name.personal = true;
    size_t before = s.entries;
    text_stats_reset(te);
    assert_int_equal(text_draw(te, "Zażółć Gęślą", &name, &box, false), K_OK);
    assert_int_equal(text_draw(te, "Zażółć Gęślą", &name, &box, false), K_OK);
    text_stats(te, &s);
    assert_int_equal(s.entries, before);
    assert_true(s.shaped >= 4);   /* measured and rendered, twice */

    text_cache_clear(te);
    text_stats(te, &s);
    assert_int_equal(s.entries, 0);
    assert_int_equal(s.bytes, 0);
}

static void test_small_cache_stays_within_budget(void **state)
{
    (void)state;
    const size_t budget = 64 * 1024;
    char err[256];
    TextEngine *small = text_open(CONF, FONT_DIR, renderer, budget, err, sizeof err);
    assert_non_null(small);
    SDL_Rect box = { 0, 0, 640, 240 };
    TextStyle st = style(24, "bg");
    TextStats s;
    for (int i = 0; i < 60; i++) {
        char line[96];
        snprintf(line, sizeof line, "Добре дошли, семейство номер %d", i);
        assert_int_equal(text_draw(small, line, &st, &box, false), K_OK);
        text_stats(small, &s);
        assert_true(s.bytes <= budget);
    }
    assert_true(s.entries > 0 && s.entries < 60);
    assert_int_equal(s.budget, budget);
    text_close(small);
}

static void test_open_reports_bad_config(void **state)
{
    (void)state;
    char path[] = "/tmp/test_text_fonts_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("# fonts\n"
          "default regular NotoSans-Regular.ttf\n"
          "Taml regular NoSuchTamil-Regular.ttf\n", fp);
    fclose(fp);

    char err[256] = "";
    TextEngine *bad = text_open(path, FONT_DIR, renderer, 1 << 20, err, sizeof err);
    assert_null(bad);
    assert_non_null(strstr(err, "NoSuchTamil-Regular.ttf"));
    assert_non_null(strstr(err, ":3:"));
    assert_null(strchr(err, '\n'));

    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("Latn heavy NotoSans-Regular.ttf\n", fp);
    fclose(fp);
    assert_null(text_open(path, FONT_DIR, renderer, 1 << 20, err, sizeof err));
    assert_non_null(strstr(err, "heavy"));

    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("Latn regular NotoSans-Regular.ttf\n", fp);   /* no default */
    fclose(fp);
    assert_null(text_open(path, FONT_DIR, renderer, 1 << 20, err, sizeof err));
    assert_non_null(strstr(err, "default"));
    unlink(path);

    assert_null(text_open("/nonexistent/fonts.conf", FONT_DIR, renderer, 1 << 20, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/fonts.conf"));
}

/* A middle dot between Tamil words is not in the Tamil font: it is drawn
 * in the default font, so coverage holds and a whole line still shapes. */
static void test_shared_punctuation_falls_back(void **state)
{
    (void)state;
    const char *line = "திங்கள், 23 நவம்பர் · 10:30";
    unsigned missing = 0;
    assert_true(text_covers(te, line, "ta", &missing));
    TextStyle st = { .size_px = 20, .lang = "ta" };
    TextExtent e;
    assert_int_equal(text_measure(te, line, &st, 0, &e), K_OK);
    TextExtent dot;
    assert_int_equal(text_measure(te, "·", &st, 0, &dot), K_OK);
    assert_true(dot.w > 0 && dot.w < 20);
    /* CJK is still reported as missing */
    assert_false(text_covers(te, "திங்கள் 日", "ta", &missing));
    assert_int_equal(missing, 0x65E5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_itemise_urdu_with_phone_number),
        cmocka_unit_test(test_itemise_mixed_scripts),
        cmocka_unit_test(test_visual_order_rule_l2),
        cmocka_unit_test(test_break_opportunities),
        cmocka_unit_test(test_tamil_is_shaped_as_clusters),
        cmocka_unit_test(test_urdu_is_joined),
        cmocka_unit_test(test_wrap_tamil),
        cmocka_unit_test(test_word_wider_than_box),
        cmocka_unit_test(test_draw_aligns_by_direction),
        cmocka_unit_test(test_cache_reuses_and_is_bounded),
        cmocka_unit_test(test_small_cache_stays_within_budget),
        cmocka_unit_test(test_open_reports_bad_config),
        cmocka_unit_test(test_shared_punctuation_falls_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
