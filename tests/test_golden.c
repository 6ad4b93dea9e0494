/* test_golden.c — a few screens compared with reviewed screenshots in
 * tests/golden/, so a change that breaks drawing (text gone, dotted
 * circles, mirrored wrongly, a label blanked) shows up even when every
 * widget still "fits".
 *
 * The comparison is exact: the same build draws the same pixels every time
 * (measured: two runs, and the plain and the sanitizer builds, differ in 0
 * pixels), so any pixel whose colour differs at all is a difference, and
 * GOLDEN_SLACK_PX (0) is how many may differ. KIOSK_GOLDEN_LEVELS (default
 * 0: exact) is how many levels of 255 a channel may be off before its pixel
 * counts as differing; tests/run-arm64.sh sets 2, because Debian's arm64
 * SDL2 and FreeType round the blending of anti-aliased text edges one or two
 * levels away from amd64's (docs/appliance.md). A failing screen leaves its
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

/* KIOSK_GOLDEN_LEVELS: levels a channel may be off; 0 when unset or not a
 * number from 0 to 255. */
static int golden_levels(void)
{
    const char *s = getenv("KIOSK_GOLDEN_LEVELS");
    int n = s ? atoi(s) : 0;
    return n >= 0 && n <= 255 ? n : 0;
}

/* The largest difference of one channel of p and q (alpha included). */
static int channel_diff(Uint32 p, Uint32 q)
{
    int worst = 0;
    for (int shift = 0; shift < 32; shift += 8) {
        int d = abs((int)((p >> shift) & 0xFF) - (int)((q >> shift) & 0xFF));
        worst = d > worst ? d : worst;
    }
    return worst;
}

static void test_screens_match_golden(void **state)
{
    (void)state;
    int levels = golden_levels();
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
        long differ = 0, within = 0;
        int worst = 0;
        int x0 = ga->w, y0 = ga->h, x1 = -1, y1 = -1;
        for (int y = 0; y < ga->h; y++)
            for (int x = 0; x < ga->w; x++) {
                Uint32 p = pixel(ga, x, y), q = pixel(gb, x, y);
                int d = channel_diff(p, q);
                bool off = d > levels;
                worst = d > worst ? d : worst;
                within += d > 0 && !off;
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
        if (levels > 0 && worst > 0)
            fprintf(stderr, "%s: %ld pixels off by at most %d levels (allowed); "
                    "the largest difference %d\n", goldens[g].name, within, levels, worst);
        if (bad) {
            snprintf(err_path, sizeof err_path, "%s/%s_err.png", h.out, goldens[g].name);
            IMG_SavePNG(diff, err_path);
            fprintf(stderr, "%s: %ld pixels differ (%.3f%%, by up to %d levels) within x %d..%d, "
                    "y %d..%d; see %s and %s (kept)\n", goldens[g].name, differ,
                    100.0 * (double)differ / (ga->w * ga->h), worst, x0, x1, y0, y1, got_path,
                    err_path);
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
