/* app_tap.h — a tap on a widget by its id, handed straight to an App:
 * for tests and benchmarks that drive the kiosk in-process (no script). */
#ifndef TESTS_APP_TAP_H
#define TESTS_APP_TAP_H

#include <SDL2/SDL.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/ui.h"

/* Builds the screen, then presses and releases the left button at the
 * centre of widget id. Returns 0, or -1 (and taps nothing) when the
 * screen has no such widget. A disabled widget is tapped like any other:
 * the app ignores it. */
static inline int app_tap_id(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    if (i < 0)
        return -1;
    SDL_Rect r = ui->w_list[i].rect;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = r.x + r.w / 2;
    ev.button.y = r.y + r.h / 2;
    app_handle_event(a, &ev);
    ev.type = SDL_MOUSEBUTTONUP;
    app_handle_event(a, &ev);
    return 0;
}

#endif
