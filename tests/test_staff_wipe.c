/* test_staff_wipe.c — the staff list's table is wiped only as far as it was
 * filled, yet nothing of any row read since the last wipe stays in memory:
 * also when the list was read again with fewer rows. */
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
    fx->surface = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    fx->renderer = SDL_CreateSoftwareRenderer(fx->surface);
    char err[512];
    fx->app = app_create(&fx->h.cfg, fx->renderer, 800, 480, err, sizeof err);
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

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        if (c[i])
            return false;
    return true;
}

static void fill_row(AttendanceRow *r, int k)
{
    snprintf(r->time_hhmm, sizeof r->time_hhmm, "10:%02u", (unsigned)k % 60u);
    snprintf(r->session_id, sizeof r->session_id, "s%d", k);
    snprintf(r->first_name, sizeof r->first_name, "Zelda%d", k);
    r->adults = 1;
}

/* Rows as staff_enter leaves them: n rows now, more from an earlier read
 * (it resets n without zeroing); every one is gone after going home. */
static void test_reread_rows_wiped(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    StaffRows *sr = &a->staff;
    assert_true(sr->cap >= 200);
    for (int k = 0; k < 150; k++)
        fill_row(&sr->rows[k], k);
    sr->n = 3;
    app_go_home(a);
    assert_int_equal(sr->n, 0);
    assert_true(all_zero(sr->rows, (size_t)sr->cap * sizeof *sr->rows));
    /* the whole table, to its last row */
    for (int k = 0; k < sr->cap; k++)
        fill_row(&sr->rows[k], k);
    sr->n = 0;
    app_go_home(a);
    assert_true(all_zero(sr->rows, (size_t)sr->cap * sizeof *sr->rows));
    /* a row of a visitor who gave no name still holds a time and session */
    fill_row(&sr->rows[0], 0);
    sr->rows[0].first_name[0] = '\0';
    fill_row(&sr->rows[1], 1);
    sr->n = 2;
    app_go_home(a);
    assert_true(all_zero(sr->rows, (size_t)sr->cap * sizeof *sr->rows));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reread_rows_wiped, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
