/* ui_add's choice of size: of 100%, 90%, 80% and the least, the largest
 * that fits is chosen, also when the words wrap at 100% and fit on one
 * line at a smaller size (Urdu's Quick exit in the top bar). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "harness.h"
#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/text.h"
#include "../kiosk/app_private.h"

typedef struct {
    Harness h;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    App *app;
} Fx;

static int setup(void **state)
{
    Fx *fx = calloc(1, sizeof *fx);
    harness_open(&fx->h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return -1;
    clock_use_stepped(1795429800); /* Monday 23 November 2026 10:30 */
    fx->surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 800, 32, SDL_PIXELFORMAT_ARGB8888);
    fx->renderer = SDL_CreateSoftwareRenderer(fx->surface);
    char err[512];
    fx->app = app_create(&fx->h.cfg, fx->renderer, 1280, 800, err, sizeof err);
    if (!fx->app) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fx *fx = *state;
    app_destroy(fx->app);
    SDL_DestroyRenderer(fx->renderer);
    SDL_FreeSurface(fx->surface);
    TTF_Quit();
    SDL_Quit();
    clock_use_real();
    harness_close(&fx->h);
    free(fx);
    return 0;
}

/* The size ui_add gives text in r when asked for px: px itself when it fits. */
static int size_given(Ui *ui, const char *text, SDL_Rect r, int px, bool *fits)
{
    UiWidget w = ui_proto("t", ROLE_BUTTON);
    ui_copy_text(w.text, sizeof w.text, text);
    w.rect = r;
    w.font_px = px;
    UiWidget *got = ui_add(ui, &w);
    assert_non_null(got);
    *fits = got->fits;
    return got->font_px;
}

static bool fits_at(Ui *ui, const char *text, SDL_Rect r, int px)
{
    bool fits;
    return size_given(ui, text, r, px, &fits) == px && fits;
}

/* Urdu's "Quick exit" wraps to two lines too tall at 48 px in boxes from
 * narrow to wide; wherever 90% (43 px) fits it must be chosen, and 80%
 * (38 px) wherever that is the largest that fits. */
static void test_largest_fitting_size_chosen(void **state)
{
    Fx *fx = *state;
    Ui *ui = app_ui(fx->app);
    static const char text[] = "\xD9\x81\xD9\x88\xD8\xB1\xD8\xA7\xD9\x8B "
                               "\xD8\xA8\xD8\xA7\xDB\x81\xD8\xB1 "
                               "\xD9\x86\xDA\xA9\xD9\x84\xDB\x8C\xDA\xBA"; /* فوراً باہر نکلیں */
    const int px = 48, sizes[] = { 48, 43, 38 };
    int seen[3] = { 0 };
    for (int h = 110; h <= 150; h += 10) {
        for (int wd = 150; wd <= 360; wd += 3) {
            ui_begin(ui, "ur", true);
            SDL_Rect r = { 0, 0, wd, h };
            int want = 0;
            for (int k = 0; k < 3 && !want; k++)
                if (fits_at(ui, text, r, sizes[k]))
                    want = sizes[k];
            if (!want)
                continue;
            bool fits;
            int got = size_given(ui, text, r, px, &fits);
            if (got != want)
                fprintf(stderr, "box %dx%d: got %d px, %d fits\n", wd, h, got, want);
            assert_int_equal(got, want);
            assert_true(fits);
            for (int k = 0; k < 3; k++)
                seen[k] += want == sizes[k];
        }
    }
    /* the boxes cover all three outcomes, 90% among them */
    assert_true(seen[0] > 0 && seen[1] > 0 && seen[2] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_largest_fitting_size_chosen, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
