/* display.c — the window and its renderer on the chosen display path
 * (include/kiosk/display.h). */
#include "kiosk/display.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"

bool display_renderer_known(const char *name)
{
    return name && (strcmp(name, "auto") == 0 || strcmp(name, "software") == 0 ||
                    strcmp(name, "gpu") == 0);
}

const char *display_auto_path(const char *driver)
{
    /* the SDL 2 back-ends that have a window framebuffer of their own */
    static const char *own_surface[] = { "x11", "dummy", "offscreen" };
    for (size_t i = 0; driver && i < sizeof own_surface / sizeof own_surface[0]; i++)
        if (strcmp(driver, own_surface[i]) == 0)
            return "software";
    return "gpu";
}

static bool has_own_surface(const char *driver)
{
    return strcmp(display_auto_path(driver), "software") == 0;
}

k_err display_open(Display *d, const Config *cfg, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    const char *want = cfg->renderer[0] ? cfg->renderer : "auto";
    if (!display_renderer_known(want)) {
        snprintf(err, errlen, "screen.renderer \"%.40s\": auto, software or gpu", want);
        return K_ERR_INVALID;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (strcmp(want, "auto") == 0)
        want = display_auto_path(driver);
    bool software = strcmp(want, "software") == 0;
    /* Without this SDL backs the window surface with an OpenGL texture,
     * and Mesa loads its whole GL stack for a renderer that draws in
     * software. Only where the back-end has a surface of its own: on
     * kmsdrm and wayland the window surface needs that texture. */
    if (software && has_own_surface(driver))
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");

    Uint32 flags = SDL_WINDOW_SHOWN | (cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    d->win = SDL_CreateWindow("Family Hub", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              cfg->width, cfg->height, flags);
    if (!d->win) {
        snprintf(err, errlen, "cannot open a window: %s", SDL_GetError());
        return K_ERR_IO;
    }
    if (software) {
        d->renderer = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
        d->path = "software";
    }
    if (!d->renderer) {
        if (software)
            LOG_W("display", "the software renderer could not be made (%s); trying the GPU",
                     SDL_GetError());
        d->renderer = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_ACCELERATED);
        d->path = "gpu";
    }
    if (!d->renderer && !software) {
        d->renderer = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
        d->path = "software";
    }
    if (!d->renderer) {
        snprintf(err, errlen, "cannot draw in the window: %s", SDL_GetError());
        SDL_DestroyWindow(d->win);
        memset(d, 0, sizeof *d);
        return K_ERR_IO;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(d->renderer, &info) != 0)
        info.name = "?";
    LOG_I("display", "%s path, SDL renderer %s on the %s video driver", d->path, info.name,
             driver ? driver : "?");
    return K_OK;
}

void display_close(Display *d)
{
    if (!d)
        return;
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->win)
        SDL_DestroyWindow(d->win);
    memset(d, 0, sizeof *d);
}
