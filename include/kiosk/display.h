/* display.h — the kiosk's window and the renderer that draws into it, on
 * the display path named by screen.renderer (docs/appliance.md, "The
 * display path").
 *
 *   "software"  SDL's software renderer drawing into the window's own
 *               surface. On X11 the surface is a shared-memory image and
 *               no OpenGL library is loaded (Mesa's llvmpipe alone maps
 *               about 60 MiB of libLLVM and swrast_dri.so).
 *   "gpu"       SDL's accelerated renderer (OpenGL or GLES through Mesa),
 *               the software one if none can be made.
 *   "auto"      software where the video back-end has a window surface of
 *               its own (x11, and the dummy and offscreen back-ends); gpu
 *               where SDL 2 has none and loads EGL for every window anyway
 *               (kmsdrm, wayland), so drawing in software there would pay
 *               for both.
 *
 * The choice must be made before the first window surface of the process:
 * SDL decides once whether a window surface is backed by a GPU texture. */
#ifndef KIOSK_DISPLAY_H
#define KIOSK_DISPLAY_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/config.h"
#include "kiosk/error.h"

typedef struct {
    SDL_Window *win;
    SDL_Renderer *renderer;
    const char *path;   /* "software" or "gpu": what was made (static text) */
} Display;

/* True when name is one of "auto", "software" and "gpu". */
bool display_renderer_known(const char *name);

/* The path "auto" means for the SDL video back-end named driver ("x11",
 * "kmsdrm", ...; NULL counts as none): "software" or "gpu". Never NULL. */
const char *display_auto_path(const char *driver);

/* Opens the window (cfg->width x cfg->height, or the whole screen when
 * cfg->fullscreen) and its renderer on the path cfg->renderer names, after
 * SDL_Init(SDL_INIT_VIDEO). On success fills d and returns K_OK; on
 * failure returns K_ERR_INVALID for an unknown cfg->renderer or K_ERR_IO
 * when SDL can make no window or no renderer, with one line in err
 * (errlen bytes), and leaves nothing open (d zeroed). */
k_err display_open(Display *d, const Config *cfg, char *err, size_t errlen);

/* Destroys the renderer and the window; d is zeroed. NULL or a zeroed d
 * is allowed. */
void display_close(Display *d);

#endif
