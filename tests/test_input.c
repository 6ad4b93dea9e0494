/* test_input.c — touch as the kiosk receives it: finger events in
 * normalised coordinates activate widgets; the mouse events SDL makes up
 * from the same touches are ignored, so nothing is pressed twice. */
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

static SDL_Rect rect_of(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    assert_true(i >= 0);
    return ui->w_list[i].rect;
}

static void finger(App *a, Uint32 type, SDL_Rect r)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.x = (r.x + r.w / 2.0f) / 800.0f;
    ev.tfinger.y = (r.y + r.h / 2.0f) / 480.0f;
    app_handle_event(a, &ev);
}

static void touch_mouse(App *a, Uint32 type, SDL_Rect r)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.button.which = SDL_TOUCH_MOUSEID;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = r.x + r.w / 2;
    ev.button.y = r.y + r.h / 2;
    app_handle_event(a, &ev);
}

static void test_finger_taps_activate(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    SDL_Rect r = rect_of(a, "home.checkin");
    finger(a, SDL_FINGERDOWN, r);
    assert_int_equal(app_screen(a), SCR_HOME);     /* activation is on lifting */
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* the synthesised mouse events of a touch do nothing */
    r = rect_of(a, "checkin.session.0");
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, r);
    touch_mouse(a, SDL_MOUSEBUTTONUP, r);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* a finger that slides off the widget before lifting does nothing */
    finger(a, SDL_FINGERDOWN, r);
    SDL_Rect away = rect_of(a, "sessions.title");
    finger(a, SDL_FINGERUP, away);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* one tap on +: exactly one more adult, even with SDL's mouse copy */
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_PARTY);
    SDL_Rect plus = rect_of(a, "party.adults.plus");
    finger(a, SDL_FINGERDOWN, plus);
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, plus);
    finger(a, SDL_FINGERUP, plus);
    touch_mouse(a, SDL_MOUSEBUTTONUP, plus);
    app_build(a);
    Ui *ui = app_ui(a);
    assert_string_equal(ui->w_list[ui_find(ui, "party.adults.value")].text, "2");
}

/* An idle kiosk asks to be woken only for its timers, and a visitor's
 * screen wakes it for the idle prompt. */
static void test_deadlines(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    SDL_Rect r = rect_of(a, "nav.exit");
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_HOME);
    uint64_t now = clock_ms();
    uint64_t d = app_next_deadline(a);
    assert_true(d > now && d <= now + 60000);     /* the greeting or the minute */
    r = rect_of(a, "home.checkin");
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    d = app_next_deadline(a);
    assert_true(d <= clock_ms() + 50000);           /* the idle prompt at 50 s */
    clock_advance(50000);
    app_tick(a);
    app_build(a);
    assert_true(ui_find(app_ui(a), "idle.panel") >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_finger_taps_activate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadlines, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
