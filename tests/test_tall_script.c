/* test_tall_script.c — Urdu (Nastaliq, set 1.3 times larger) as large as
 * English: the home screen's four tiles at 800x480 at least as tall in
 * Urdu as in English in the default look and high contrast (four fifths
 * on the wide screens); in larger
 * text the home screen, the party screen (a stepper's value, a digit at
 * 1.5 times) and How was today? built at the whole 1.5 on the wide
 * screens too, every word fitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

static const char *const looks[] = {
    "", "tap nav.access\ntap access.contrast\ntap access.done\n",
    "tap nav.access\ntap access.large\ntap access.done\n",
};

static const char *const tiles[] = { "home.checkin", "home.support", "home.callback",
                                     "home.advocate" };

/* The least height of the home tiles in a dump; 0 when one is missing. */
static int least_tile_h(json_t *d)
{
    int least = 0;
    for (size_t i = 0; i < sizeof tiles / sizeof *tiles; i++) {
        json_t *w = dump_widget(d, tiles[i]);
        if (!w)
            return 0;
        int h = (int)json_integer_value(json_array_get(json_object_get(w, "rect"), 3));
        if (i == 0 || h < least)
            least = h;
    }
    return least;
}

/* The home screen in lang at size (diagonal diag) in look k: its least
 * tile height. */
static int home_tile_h(const char *lang, const char *size, const char *diag, size_t k)
{
    Harness h;
    harness_open(&h);
    char script[512];
    snprintf(script, sizeof script, "size %s %s\nlang %s\n%sdump home\n", size, diag, lang,
             looks[k]);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "home");
    assert_non_null(d);
    assert_string_equal(dump_screen(d), "home");
    int least = least_tile_h(d);
    json_decref(d);
    harness_close(&h);
    return least;
}

/* At 800x480 as tall as English; on the wide screens at least four
 * fifths (the greeting gives way before the tiles shrink). */
static void test_urdu_home_tiles_as_tall(void **state)
{
    (void)state;
    static const char *const sizes[][2] = { { "800x480", "7" }, { "1280x800", "10.1" },
                                            { "1920x1080", "15.6" } };
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t k = 0; k < 2; k++) {
            int en = home_tile_h("en-GB", sizes[z][0], sizes[z][1], k),
                ur = home_tile_h("ur", sizes[z][0], sizes[z][1], k);
            fprintf(stderr, "%s look %zu: tiles %d px in English, %d px in Urdu\n",
                    sizes[z][0], k, en, ur);
            assert_true(en > 0);
            assert_true(z == 0 ? ur >= en : ur * 5 >= en * 4);
        }
}

/* Every widget of the dump fits its box and lies on the screen; the
 * screen was built at the whole 1.5 of larger text. */
static int check_whole(json_t *d, const char *label)
{
    int bad = 0;
    double large = json_real_value(json_object_get(d, "large"));
    double fit = json_real_value(json_object_get(d, "fit"));
    if (large + 1e-9 < 1.5 || fit + 1e-9 < 1.0) {
        fprintf(stderr, "%s: built at %.2f times (fit %.2f)\n", label, large, fit);
        bad++;
    }
    json_t *size = json_object_get(d, "size"), *w;
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    size_t i;
    json_array_foreach(json_object_get(d, "widgets"), i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        json_t *r = json_object_get(w, "rect");
        int x = (int)json_integer_value(json_array_get(r, 0)),
            y = (int)json_integer_value(json_array_get(r, 1)),
            rw = (int)json_integer_value(json_array_get(r, 2)),
            rh = (int)json_integer_value(json_array_get(r, 3));
        if (!json_is_true(json_object_get(w, "fits"))) {
            fprintf(stderr, "%s: %s: text does not fit\n", label, id);
            bad++;
        }
        if (x < 0 || y < 0 || x + rw > sw || y + rh > sh) {
            fprintf(stderr, "%s: %s: off the screen\n", label, id);
            bad++;
        }
    }
    return bad;
}

static void test_urdu_larger_text_whole(void **state)
{
    (void)state;
    static const char *const sizes[][2] = { { "800x480", "7" }, { "1280x800", "10.1" },
                                            { "1920x1080", "15.6" } };
    static const char *const ways[][2] = {
        { "home", "" },
        { "party", "tap home.checkin\ntap checkin.session.0\n" },
        { "feedback", "tap home.feedback\n" },
    };
    int bad = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        int n = snprintf(script, sizeof script, "size %s %s\n", sizes[z][0], sizes[z][1]);
        for (size_t s = 0; s < sizeof ways / sizeof *ways; s++)
            n += snprintf(script + n, sizeof script - (size_t)n,
                          "tap nav.exit\nlang ur\n%s%sdump %s\n", looks[2], ways[s][1],
                          ways[s][0]);
        assert_true(n < (int)sizeof script);
        assert_int_equal(harness_run(&h, script), 0);
        for (size_t s = 0; s < sizeof ways / sizeof *ways; s++) {
            json_t *d = harness_dump(&h, ways[s][0]);
            assert_non_null(d);
            assert_string_equal(dump_screen(d), ways[s][0]);
            char label[96];
            snprintf(label, sizeof label, "ur %s larger text %s", sizes[z][0], ways[s][0]);
            bad += check_whole(d, label);
            /* the stepper's value: its digit whole at 1.5 */
            if (!strcmp(ways[s][0], "party") && !dump_widget(d, "party.adults.value")) {
                fprintf(stderr, "%s: no party.adults.value\n", label);
                bad++;
            }
            json_decref(d);
        }
        harness_close(&h);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urdu_home_tiles_as_tall),
        cmocka_unit_test(test_urdu_larger_text_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
