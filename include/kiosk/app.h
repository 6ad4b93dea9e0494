/* app.h — the kiosk's screens and navigation: a small state machine fed by
 * SDL events and the clock, building its widgets through ui.h.
 *
 * All input arrives through app_handle_event; all time through clock.h;
 * app_tick runs the timers (idle prompt and wipe, "thank you" return, the
 * staff lock, the long press that opens the staff PIN pad, the greeting,
 * the day's end). The screens themselves are rows of the screen table
 * (kiosk/screens/screens.h); this header is what main.c, headless.c and the
 * tests see. An App belongs to one thread. Nothing here fails after
 * app_create except where a k_err is returned: what goes wrong while the
 * kiosk runs (a save, a count, a read for the staff view) is logged and
 * shown on the screen to the person who can act on it. */
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
    SCR_STAFF_PIN, SCR_STAFF,
    /* callback and advocate requests, feedback */
    SCR_ADVOCATE_MORE, SCR_REQ_CONTACT, SCR_REQ_TIMES, SCR_REQ_LANGUAGE, SCR_REQ_SAFETY,
    SCR_REQ_MEETING, SCR_REQ_NOTE, SCR_REQ_CONFIRM, SCR_REQ_DONE, SCR_REQ_ERROR, SCR_FEEDBACK,
    SCR_FEEDBACK_THANKS,
    /* find support: a group's needs, a need's services, a service, its
     * take-home codes, the search */
    SCR_SUPPORT_GROUP, SCR_SUPPORT_NEED, SCR_SUPPORT_SERVICE, SCR_SUPPORT_TAKE,
    SCR_SUPPORT_SEARCH,
    /* the staff view's last four weeks (staff_history.c) */
    SCR_STAFF_HISTORY,
    SCR_COUNT
} Screen;

typedef struct App App;

/* Creates the kiosk: opens fonts, languages, the content pack and the
 * database named by cfg (creating the data directory), drawing with
 * renderer r at w x h, and ends a day whose closing time passed while it
 * was off (day_end.h: its names deleted, its counts kept) (keyboard
 * layouts are read when the keyboard screen is entered). Returns NULL
 * on failure, everything opened so far closed, with one line in err naming
 * the file and the problem: libsodium not starting, out of memory, a missing
 * or unreadable font or fonts.conf, a malformed translation, a default
 * language with no translation, a data directory that cannot be created, a
 * content pack refused with no last good copy, a database that cannot be
 * opened (store_open's errors), a record key file that is not a base64
 * 32-byte key. Not failures, but told: a refused pack with a last good copy
 * (app_content_problem) and a damaged database replaced (app_db_problem);
 * a failed day's end is logged and tried again from app_tick. */
App *app_create(const Config *cfg, SDL_Renderer *r, int w, int h, char *err, size_t errlen);

/* Wipes any visitor data from memory and frees everything. NULL allowed. */
void app_destroy(App *a);

/* Feeds one SDL event (finger, mouse, text input, key, window); other
 * events, and the mouse events SDL makes from touches (the finger events
 * count), are ignored. Never fails: what a tap leads to and cannot do (a
 * save that fails) is shown on the screen it leads to. */
void app_handle_event(App *a, const SDL_Event *ev);

/* Runs the timers that are due at clock_ms(): the idle prompt and wipe,
 * the staff lock, the long press, the greeting, the screen's own tick, and
 * at the hub's closing time the day's end (app_day_end_tick: never while a
 * visitor or staff member is using the kiosk). A day's end that fails is
 * logged and tried again a minute later. */
void app_tick(App *a);

/* Absolute clock_ms() at which app_tick next has something to do, or
 * UINT64_MAX when nothing is scheduled. */
uint64_t app_next_deadline(App *a);

/* True when the screen changed since it was last drawn. */
bool app_needs_redraw(App *a);

/* Builds the screen's widgets (if needed) and draws them into the renderer
 * (the caller presents). A widget that cannot be added (out of memory) is
 * missing from the frame and logged (ui_add). */
void app_draw(App *a);

/* Builds the widget list for the current state without drawing. */
void app_build(App *a);

/* A new output size and renderer (headless "size" or a window resize):
 * the text cache is dropped and the layout sizes recomputed; the screen is
 * rebuilt at the next draw. Call it while the old renderer still exists. */
void app_resize(App *a, SDL_Renderer *r, int w, int h);

/* Switches the visitor's language by tag, keeping what was entered.
 * K_ERR_NOT_FOUND when there is no such language. */
k_err app_set_language(App *a, const char *tag);

/* The screen shown now. */
Screen app_screen(const App *a);

/* The screen's name in dumps and scripts ("home", "staff-pin"), from its
 * row of the screen table; "?" for a value with no row. Never NULL. */
const char *app_screen_name(Screen s);

/* The App's widget list, database and text engine, owned by the App (for
 * headless runs and tests): valid until app_destroy, never NULL. */
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

struct Speech;
struct SpeechText;

/* Reads the current screen aloud, as the Listen button does (a second
 * listen on the same screen also says what the visitor typed there); when
 * said is not NULL it receives what is said (for headless runs and tests:
 * the caller wipes it, it may hold a visitor's words). K_ERR_NOT_FOUND
 * when the screen has nothing to say or there is no Speech, K_ERR_IO when
 * speech cannot start (speech_health says why), K_ERR_NOMEM. */
k_err app_listen(App *a, struct SpeechText *said);

/* The App's read-aloud (speech.h), for headless runs, the staff view and
 * tests; NULL when it could not be made (out of memory). */
struct Speech *app_speech(App *a);

/* For tests of a full disk: caps the database at pages pages (see
 * store_limit_pages): K_ERR_INVALID when pages < 1, K_ERR_DB when SQLite
 * refuses. */
k_err app_limit_storage(App *a, long pages);

#endif
