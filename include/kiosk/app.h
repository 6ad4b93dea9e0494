/* app.h — the kiosk's screens and navigation: a small state machine fed by
 * SDL events and the clock, building its widgets through ui.h.
 *
 * All input arrives through app_handle_event; all time through clock.h;
 * app_tick runs the timers (idle prompt and wipe, "thank you" return, the
 * staff lock, the long press that opens the staff PIN pad, the greeting). */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include "kiosk/config.h"
#include "kiosk/error.h"
#include "kiosk/store.h"
#include "kiosk/ui.h"

typedef enum {
    SCR_HOME = 0, SCR_LANGUAGE, SCR_SESSIONS, SCR_PARTY, SCR_DETAILS, SCR_KEYBOARD,
    SCR_CONFIRM, SCR_THANKS, SCR_SAVE_ERROR, SCR_SUPPORT, SCR_CALLBACK, SCR_ADVOCATE,
    SCR_STAFF_PIN, SCR_STAFF, SCR_COUNT
} Screen;

typedef struct App App;

/* Creates the kiosk: opens fonts, languages, keyboards, the content pack
 * and the database named by cfg, drawing with renderer r at w x h.
 * Returns NULL on failure with one line in err naming the file and the
 * problem (missing font, malformed translation, unreadable pack, database
 * that cannot be opened). */
App *app_create(const Config *cfg, SDL_Renderer *r, int w, int h, char *err, size_t errlen);

/* Wipes any visitor data from memory and frees everything. NULL allowed. */
void app_destroy(App *a);

/* Feeds one SDL event (finger, mouse, text input, key, window). */
void app_handle_event(App *a, const SDL_Event *ev);

/* Runs the timers that are due at clock_ms(). */
void app_tick(App *a);

/* Absolute clock_ms() at which app_tick next has something to do, or
 * UINT64_MAX when nothing is scheduled. */
uint64_t app_next_deadline(App *a);

/* True when the screen changed since it was last drawn. */
bool app_needs_redraw(App *a);

/* Builds the screen's widgets (if needed) and draws them into the renderer
 * (the caller presents). */
void app_draw(App *a);

/* Builds the widget list for the current state without drawing. */
void app_build(App *a);

/* A new output size and renderer (headless "size" or a window resize). */
void app_resize(App *a, SDL_Renderer *r, int w, int h);

/* Switches the visitor's language by tag, keeping what was entered.
 * K_ERR_NOT_FOUND when there is no such language. */
k_err app_set_language(App *a, const char *tag);

Screen app_screen(const App *a);
const char *app_screen_name(Screen s);
Ui *app_ui(App *a);
Store *app_store(App *a);
TextEngine *app_text(App *a);

/* Why the configured content pack was refused at start-up (the last good
 * copy is then in use), as one line naming the file and the problem; ""
 * when it was loaded, or when a is NULL. Never NULL. */
const char *app_content_problem(const App *a);

/* When the database failed its check at start-up and was replaced: one line
 * saying so and where the damaged copy is kept; "" otherwise or when a is
 * NULL. Never NULL. */
const char *app_db_problem(const App *a);

/* For tests of a full disk: caps the database (see store_limit_pages). */
k_err app_limit_storage(App *a, long pages);

#endif
