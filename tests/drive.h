/* drive.h — the kiosk in the test's own process, driven through app.h as
 * the headless runner does (SDL's dummy video driver, a software renderer
 * drawing into a surface, the stepped clock from HEADLESS_START_LOCAL), but
 * without a script: the test owns every byte it types, so it can zero them,
 * and it can look at the App between steps. */
#ifndef KIOSK_TEST_DRIVE_H
#define KIOSK_TEST_DRIVE_H

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/headless.h"

typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    App *app;
    bool sdl;
    char err[512];
} Drive;

static inline void drive_close(Drive *d)
{
    app_destroy(d->app);
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->surface)
        SDL_FreeSurface(d->surface);
    if (d->sdl) {
        TTF_Quit();
        SDL_Quit();
        clock_use_real();
    }
    memset(d, 0, sizeof *d);
}

/* Starts SDL, the stepped clock and a cfg-sized surface to draw into.
 * Returns 0, or -1 with the reason in d->err (nothing left started). */
static inline int drive_start(Drive *d, const Config *cfg)
{
    memset(d, 0, sizeof *d);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(d->err, sizeof d->err, "SDL could not start: %s", SDL_GetError());
        return -1;
    }
    if (TTF_Init() != 0) {
        snprintf(d->err, sizeof d->err, "SDL_ttf could not start: %s", TTF_GetError());
        goto fail_ttf;
    }
    time_t start;
    headless_parse_local(HEADLESS_START_LOCAL, &start);
    clock_use_stepped(start);
    d->surface = SDL_CreateRGBSurfaceWithFormat(0, cfg->width, cfg->height, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    if (!d->surface)
        goto fail_surface;
    d->renderer = SDL_CreateSoftwareRenderer(d->surface);
    if (!d->renderer)
        goto fail_renderer;
    d->sdl = true;
    return 0;
fail_renderer:
    SDL_FreeSurface(d->surface);
    d->surface = NULL;
fail_surface:
    snprintf(d->err, sizeof d->err, "no surface or renderer: %s", SDL_GetError());
    clock_use_real();
    TTF_Quit();
fail_ttf:
    SDL_Quit();
    return -1;
}

/* Creates the kiosk on the started drive. Returns 0, or -1 with
 * app_create's message in d->err. */
static inline int drive_app(Drive *d, const Config *cfg)
{
    d->err[0] = '\0';
    d->app = app_create(cfg, d->renderer, cfg->width, cfg->height, d->err, sizeof d->err);
    return d->app ? 0 : -1;
}

/* drive_start and drive_app; on failure nothing is left started. */
static inline int drive_open(Drive *d, const Config *cfg)
{
    if (drive_start(d, cfg) != 0)
        return -1;
    if (drive_app(d, cfg) != 0) {
        char err[sizeof d->err];
        memcpy(err, d->err, sizeof err);
        drive_close(d);
        memcpy(d->err, err, sizeof err);
        return -1;
    }
    return 0;
}

/* Advances the clock by ms, running the timers as they fall due. */
static inline void drive_wait(Drive *d, uint32_t ms)
{
    uint64_t end = clock_ms() + ms;
    app_tick(d->app);
    while (clock_ms() < end) {
        uint64_t due = app_next_deadline(d->app), now = clock_ms();
        uint64_t step = due > now && due < end ? due - now : end - now;
        if (due <= now)
            step = 1;
        clock_advance((uint32_t)step);
        app_tick(d->app);
    }
}

static inline const char *drive_screen(Drive *d)
{
    return app_screen_name(app_screen(d->app));
}

/* The visible widget with this id after a build, or NULL. */
static inline const UiWidget *drive_widget(Drive *d, const char *id)
{
    app_build(d->app);
    Ui *ui = app_ui(d->app);
    int i = ui_find(ui, id);
    return i < 0 ? NULL : &ui->w_list[i];
}

static inline void drive_mouse(Drive *d, Uint32 type, int x, int y)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = x;
    ev.button.y = y;
    app_handle_event(d->app, &ev);
}

/* Presses the widget for hold_ms and lets go. False when it is not shown
 * or disabled. */
static inline bool drive_press(Drive *d, const char *id, uint32_t hold_ms)
{
    const UiWidget *w = drive_widget(d, id);
    if (!w || !w->enabled)
        return false;
    int x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
    drive_mouse(d, SDL_MOUSEBUTTONDOWN, x, y);
    drive_wait(d, hold_ms);
    drive_mouse(d, SDL_MOUSEBUTTONUP, x, y);
    app_tick(d->app);
    return true;
}

static inline bool drive_tap(Drive *d, const char *id)
{
    return drive_press(d, id, 80);
}

/* Types text (at most 31 bytes: one SDL text event) into the focused field.
 * The event goes through SDL's queue (SDL_PushEvent, SDL_PollEvent) as a
 * keyboard's would; the test's own copies are zeroed afterwards. */
static inline void drive_type(Drive *d, const char *text)
{
    SDL_Event ev, got;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "%s", text);
    if (SDL_PushEvent(&ev) == 1) {
        while (SDL_PollEvent(&got))
            if (got.type == SDL_TEXTINPUT)
                app_handle_event(d->app, &got);
    } else {
        app_handle_event(d->app, &ev);
    }
    sodium_memzero(&ev, sizeof ev);
    sodium_memzero(&got, sizeof got);
    app_tick(d->app);
}

/* Draws the screen as a frame would. */
static inline void drive_present(Drive *d)
{
    app_draw(d->app);
    SDL_RenderPresent(d->renderer);
}

/* Goes from the home screen to screen (an app_screen_name) the way a
 * visitor would, typing name as the first name and postcode as the
 * postcode on the way to the confirm screen ("thanks" is one tap on);
 * staff screens use PIN 1234.
 * False when a step could not be taken. */
static inline bool drive_goto(Drive *d, const char *screen, const char *name,
                              const char *postcode)
{
    bool ok = true;
    if (!strcmp(screen, "home"))
        return true;
    if (!strcmp(screen, "language"))
        return drive_tap(d, "nav.lang");
    if (!strcmp(screen, "support") || !strcmp(screen, "callback") || !strcmp(screen, "advocate")) {
        char id[32];
        snprintf(id, sizeof id, "home.%s", screen);
        return drive_tap(d, id);
    }
    if (!strncmp(screen, "staff", 5)) {
        ok = drive_press(d, "home.hub", 3000);
        if (!strcmp(screen, "staff"))
            ok = ok && drive_tap(d, "staff.pin.1") && drive_tap(d, "staff.pin.2") &&
                 drive_tap(d, "staff.pin.3") && drive_tap(d, "staff.pin.4") &&
                 drive_tap(d, "staff.pin.enter");
        return ok;
    }
    ok = drive_tap(d, "home.checkin");
    if (!ok || !strcmp(screen, "sessions"))
        return ok;
    ok = drive_tap(d, "checkin.session.0");
    if (!ok || !strcmp(screen, "party"))
        return ok;
    ok = drive_tap(d, "party.band.1-4.plus") && drive_tap(d, "party.next");
    if (!ok || !strcmp(screen, "details"))
        return ok;
    ok = drive_tap(d, "details.first.yes") && drive_tap(d, "details.name");
    if (ok && name)
        drive_type(d, name);
    if (!ok || !strcmp(screen, "keyboard"))
        return ok;
    ok = drive_tap(d, "kbd.done");
    if (ok && postcode) {
        ok = drive_tap(d, "details.postcode");
        drive_type(d, postcode);
        ok = ok && drive_tap(d, "kbd.done");
    }
    ok = ok && drive_tap(d, "details.next");
    if (!ok || !strcmp(screen, "confirm"))
        return ok;
    return drive_tap(d, "confirm.ok");
}

#endif
