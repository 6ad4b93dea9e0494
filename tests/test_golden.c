/* test_golden.c — a few screens compared with reviewed screenshots in
 * tests/golden/, so a change that breaks drawing (text gone, dotted
 * circles, mirrored wrongly, a label blanked) shows up even when every
 * widget still "fits".
 *
 * The comparison is exact: the same build draws the same pixels every time
 * (measured: two runs, and the plain and the sanitizer builds, differ in 0
 * pixels), so any pixel whose colour differs at all is a difference, and
 * GOLDEN_SLACK_PX (0) is how many may differ. A failing screen leaves its
 * new NAME.png and NAME_err.png (differing pixels in red over a faded copy)
 * in the test's output folder, named on stderr with the number of pixels and
 * the box they lie in. KIOSK_GOLDEN_UPDATE=1 rewrites the golden files (look
 * at them before committing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include "harness.h"

/* Pixels allowed to differ per screen. */
#define GOLDEN_SLACK_PX 0

typedef struct { const char *name, *script; } Golden;

/* The redesigned key screens in English, Urdu and Tamil at 800x480, and
 * the Polish keyboard. */
#define TO_PARTY "tap home.checkin\ntap checkin.session.0\n"
#define TO_DETAILS TO_PARTY "tap party.adults.plus\ntap party.next\n"
#define TO_CONFIRM TO_DETAILS "tap details.first.yes\ntap details.next\n"
#define KEY_SCREENS(l, tag)                                                               \
    { "home-" l "-800x480", "lang " tag "\nsnap home-" l "-800x480\n" },                   \
    { "sessions-" l "-800x480", "lang " tag "\ntap home.checkin\nsnap sessions-" l "-800x480\n" }, \
    { "party-" l "-800x480",                                                              \
      "lang " tag "\n" TO_PARTY "tap party.band.0-1.plus\nsnap party-" l "-800x480\n" },    \
    { "details-" l "-800x480", "lang " tag "\n" TO_DETAILS "snap details-" l "-800x480\n" }, \
    { "confirm-" l "-800x480", "lang " tag "\n" TO_CONFIRM "snap confirm-" l "-800x480\n" }, \
    { "thanks-" l "-800x480",                                                             \
      "lang " tag "\n" TO_CONFIRM "tap confirm.ok\nsnap thanks-" l "-800x480\n" },         \
    { "access-" l "-800x480", "lang " tag "\ntap nav.access\nsnap access-" l "-800x480\n" }

static const Golden goldens[] = {
    KEY_SCREENS("en", "en-GB"),
    KEY_SCREENS("ur", "ur"),
    KEY_SCREENS("ta", "ta"),
    { "keyboard-pl-800x480", "lang pl\ntap home.checkin\ntap checkin.session.0\ntap party.next\n"
                             "tap details.name\ntype Łucja\nsnap keyboard-pl-800x480\n" },
};

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
}

static void test_screens_match_golden(void **state)
{
    (void)state;
    bool update = getenv("KIOSK_GOLDEN_UPDATE") != NULL;
    int failed = 0;
    for (size_t g = 0; g < sizeof goldens / sizeof goldens[0]; g++) {
        Harness h;
        harness_open(&h);
        assert_int_equal(harness_run(&h, goldens[g].script), 0);
        char got_path[700], want_path[700], err_path[720];
        snprintf(got_path, sizeof got_path, "%s/%s.png", h.out, goldens[g].name);
        snprintf(want_path, sizeof want_path, "tests/golden/%s.png", goldens[g].name);
        if (update) {
            char cmd[1500];
            snprintf(cmd, sizeof cmd, "cp %s %s", got_path, want_path);
            assert_int_equal(system(cmd), 0);
            harness_close(&h);
            continue;
        }
        SDL_Surface *a = IMG_Load(got_path), *b = IMG_Load(want_path);
        assert_non_null(a);
        if (!b)
            fail_msg("no golden file %s: make it with KIOSK_GOLDEN_UPDATE=1", want_path);
        SDL_Surface *ga = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_Surface *gb = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_int_equal(ga->w, gb->w);
        assert_int_equal(ga->h, gb->h);
        SDL_Surface *diff = SDL_CreateRGBSurfaceWithFormat(0, ga->w, ga->h, 32,
                                                           SDL_PIXELFORMAT_ARGB8888);
        long differ = 0;
        int x0 = ga->w, y0 = ga->h, x1 = -1, y1 = -1;
        for (int y = 0; y < ga->h; y++)
            for (int x = 0; x < ga->w; x++) {
                Uint32 p = pixel(ga, x, y), q = pixel(gb, x, y);
                bool off = p != q;
                if (off) {
                    differ++;
                    x0 = x < x0 ? x : x0;
                    y0 = y < y0 ? y : y0;
                    x1 = x > x1 ? x : x1;
                    y1 = y > y1 ? y : y1;
                }
                ((Uint32 *)((Uint8 *)diff->pixels + y * diff->pitch))[x] =
                    off ? 0xFFFF0000u : (0xFF000000u | ((p & 0xFEFEFE) >> 1) | 0x808080u);
            }
        bool bad = differ > GOLDEN_SLACK_PX;
        if (bad) {
            snprintf(err_path, sizeof err_path, "%s/%s_err.png", h.out, goldens[g].name);
            IMG_SavePNG(diff, err_path);
            fprintf(stderr, "%s: %ld pixels differ (%.3f%%) within x %d..%d, y %d..%d; "
                    "see %s and %s (kept)\n", goldens[g].name, differ,
                    100.0 * (double)differ / (ga->w * ga->h), x0, x1, y0, y1, got_path, err_path);
            failed++;
        }
        SDL_FreeSurface(diff);
        SDL_FreeSurface(ga);
        SDL_FreeSurface(gb);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        if (!bad)
            harness_close(&h);
    }
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screens_match_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
