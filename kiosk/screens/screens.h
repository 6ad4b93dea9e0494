/* screens.h — the screen table: one row per screen, and the functions of
 * each flow's file that the rows name. Private to the kiosk library.
 *
 * A row says what the screen is called (in dumps and scripts), which step
 * of the check-in it is, where Back goes, and its four functions:
 *   on_enter  runs when the screen is shown (app_go): the only place a
 *             screen reads the world (the store, the disk, the content
 *             pack's day, the keyboard files) into App fields;
 *   build     adds the screen's widgets to a->ui from App state only: no
 *             I/O, no clock (a->build_wall is the time to show);
 *   on_tap    handles a tap on one of its widgets; true when it did;
 *   on_tick   runs at every app_tick while the screen is shown (timers
 *             and the reads that must stay fresh, once a second at most);
 *   on_text   text from a hardware keyboard (or a headless "type");
 *   on_key    backspace or enter from a hardware keyboard.
 * Any function but build may be NULL.
 *
 * Adding a screen: a value in Screen (include/kiosk/app.h), a file in
 * kiosk/screens/ with its functions (declared below), one row in table.c.
 * docs/architecture.md shows it step by step. */
#ifndef KIOSK_SCREENS_H
#define KIOSK_SCREENS_H

#include "../app_private.h"

/* Where Back goes, besides a screen. */
#define BACK_HOME ((int)SCR_COUNT)          /* wipe and go home */
#define BACK_RETURN ((int)SCR_COUNT + 1)    /* to a->back_to (the language list) */
#define BACK_OWN ((int)SCR_COUNT + 2)       /* the screen's on_tap handles "nav.back" */

typedef enum { HARD_BACKSPACE = 0, HARD_ENTER } HardKey;

typedef struct {
    const char *name;
    int step;                  /* 1..4: the check-in's progress bar; 0: none */
    int back;                  /* a Screen, or BACK_HOME / BACK_RETURN / BACK_OWN */
    bool staff;                /* a staff screen: English, staff timers */
    void (*on_enter)(App *a, Screen from);
    void (*build)(App *a);
    bool (*on_tap)(App *a, const char *id);
    void (*on_tick)(App *a);
    void (*on_text)(App *a, const char *text);
    void (*on_key)(App *a, HardKey key);
} ScreenDef;

/* The row of screen s (a row with empty functions for an unknown s). */
const ScreenDef *screen_def(Screen s);

/* The idle prompt, drawn over a visitor screen (build and on_tap only). */
const ScreenDef *screen_idle_overlay(void);

/* Builds the current screen (and the idle prompt over it) into a->ui. */
void screens_build(App *a);

/* home.c */
void home_build(App *a);
bool home_tap(App *a, const char *id);

/* language.c */
void language_build(App *a);
bool language_tap(App *a, const char *id);

/* checkin.c */
void sessions_enter(App *a, Screen from);
void sessions_build(App *a);
bool sessions_tap(App *a, const char *id);
void party_build(App *a);
bool party_tap(App *a, const char *id);
void details_enter(App *a, Screen from);
void details_build(App *a);
bool details_tap(App *a, const char *id);
void confirm_build(App *a);
bool confirm_tap(App *a, const char *id);
/* Saves the check-in from the visitor's entries, then shows "thank you"
 * (the entries wiped) or, when it could not be saved, the save error with
 * the entries kept for Try again. */
void save_checkin(App *a);
/* thanks.c: the end of a check-in */
void thanks_build(App *a);
bool thanks_tap(App *a, const char *id);
void thanks_tick(App *a);
void save_error_build(App *a);
bool save_error_tap(App *a, const char *id);

/* kbd_screen.c: the on-screen keyboard for the field in a->v.field */
void keyboard_enter(App *a, Screen from);
void keyboard_build(App *a);
bool keyboard_tap(App *a, const char *id);
/* Opens the keyboard for field f of the current screen. */
void keyboard_open(App *a, VisitorField f);
void keyboard_text(App *a, const char *text);
void keyboard_key(App *a, HardKey key);
/* The keys of the layout loaded in a->v.kb from y down (the keyboard at
 * the bottom of the screen); for a screen with keys of its own (search). */
void keyboard_keys(App *a, int y);
/* The same but row skip (-1: none), the rows as tall as the room leaves
 * them (up to a target and a half, more on a tall screen); false when
 * they are under least px or 9 mm (then laid out at 9 mm, maybe past the
 * screen's foot). */
bool keyboard_keys_but(App *a, int y, int skip, int least);
/* The row of the page shown that holds Done (the last such), or -1;
 * cannot fail. */
int keyboard_done_row(const App *a);
/* Row r of the page shown across x, w wide at y, h tall (keys are not
 * mirrored: x is from the left on every screen); nothing for a row the
 * page does not have. */
void keyboard_row(App *a, int r, int x, int w, int y, int h);

/* info.c */

/* callback.c: what a callback is about (a need, or "something else") */
void callback_enter(App *a, Screen from);
void callback_build(App *a);
bool callback_tap(App *a, const char *id);
/* The chosen need's name in the visitor's language. */
const char *req_need_shown(App *a);

/* advocate.c: the explanation, and the meeting */
#define ADVOCATE_NEED_ID "child-protection"   /* the need_id of an advocate request */
void advocate_enter(App *a, Screen from);
void advocate_build(App *a);
bool advocate_tap(App *a, const char *id);
void advocate_more_build(App *a);
bool advocate_more_tap(App *a, const char *id);
void meeting_enter(App *a, Screen from);
void meeting_build(App *a);
bool meeting_tap(App *a, const char *id);
/* "DD/MM/YYYY" into "YYYY-MM-DD" (out 11 bytes); false ("") when not a date. */
bool req_meeting_iso(const char *typed, char out[11]);

/* request.c: the details of a callback or advocate request (the language
 * and safety screens in request_pages.c) */
void contact_enter(App *a, Screen from);
void contact_build(App *a);
bool contact_tap(App *a, const char *id);
void times_build(App *a);
bool times_tap(App *a, const char *id);
void speak_build(App *a);
bool speak_tap(App *a, const char *id);
void safety_build(App *a);
bool safety_tap(App *a, const char *id);
void note_build(App *a);
bool note_tap(App *a, const char *id);
/* Pieces of the request screens: a choice (radio) and a toggle (tick box)
 * button, a question in bold (returns the y below), a yes/no question
 * (ids idbase.label, idbase.yes, idbase.no; value -1, 0 or 1). */
UiWidget *req_choice(App *a, const char *id, const char *text, bool on, SDL_Rect r);
UiWidget *req_toggle(App *a, const char *id, const char *text, bool on, SDL_Rect r);
int req_question(App *a, const char *id, const char *text, int y);
int req_yes_no(App *a, const char *idbase, const char *question, int value, int y);
/* Sets *value from a tap on idbase.yes / idbase.no; true when it was one. */
bool req_yes_no_tap(const char *id, const char *idbase, int *value);
/* The title of a request screen at y, as a heading or (small) at the
 * body's size in bold. Returns the y below. */
int req_title(App *a, const char *id, const char *text, int y, bool small);
/* The forward button (id, enabled when ok) and, when it is disabled, why
 * (reason_id; beside it, else above it across the screen). Added when
 * place, else only measured. Returns the y content must end above. */
int req_forward(App *a, const char *id, bool ok, const char *reason_id, const char *why,
                bool place);
/* The bottom row of a request screen on pages (request_pages.c): Next
 * (enabled before the last page, and on it when ok) with Previous and
 * More (pager.prev, pager.more) before it; while Next waits, why
 * (reason_id) in their place. Added when place, else only measured.
 * Returns the y content must end above. */
int req_paged_row(App *a, const char *pager, const char *next_id, const char *reason_id,
                  const char *why, int page, int pages, bool ok, bool place);
/* A tap on such a screen: Next before the last page a page on, Back
 * after the first a page back, Previous and More. True when it was one
 * of them (and the page moved, or stayed at an end). */
bool req_paged_tap(App *a, const char *pager, const char *next_id, const char *id);
/* True in an advocate request; the language to speak (a tag). */
bool req_is_advocate(const App *a);
const char *req_language(const App *a);

/* request_confirm.c: check and send, the confirmation, a failed save */
void confirm_req_build(App *a);
bool confirm_req_tap(App *a, const char *id);
void done_build(App *a);
bool done_tap(App *a, const char *id);
void req_error_build(App *a);
bool req_error_tap(App *a, const char *id);

/* feedback.c: "How was today?" */
void feedback_build(App *a);
bool feedback_tap(App *a, const char *id);
void fb_thanks_enter(App *a, Screen from);
void fb_thanks_build(App *a);
bool fb_thanks_tap(App *a, const char *id);
/* The five faces under "How was today?" at y from the start margin, h tall
 * and w wide (feedback_faces_height is what they need); a tap on one
 * (feedback.face.N) saves the rating and shows the thanks: true when id
 * was a face. For any screen that offers them. */
int feedback_faces_height(App *a);
/* The home screen's way in (home.feedback): the width it takes at the end
 * of the greeting's row (a gap included; 0 when the row is too narrow) and
 * the button in r. */
int feedback_home_width(App *a);
void feedback_home_entry(App *a, SDL_Rect r);
void feedback_faces(App *a, int y, int h, int w);
bool feedback_face_tap(App *a, const char *id);

/* support.c: find support, the need groups and a group's needs */
void support_enter(App *a, Screen from);
void support_build(App *a);
bool support_tap(App *a, const char *id);
void support_group_enter(App *a, Screen from);
void support_group_build(App *a);
bool support_group_tap(App *a, const char *id);
/* Closes the directory and frees (zeroed first) everything the support
 * screens read: for every wipe. NULL a->sup is fine. */
void support_wipe(App *a);
/* support_list.c: a need's services */
void support_need_enter(App *a, Screen from);
void support_need_build(App *a);
bool support_need_tap(App *a, const char *id);
/* support_service.c: one service */
void support_service_enter(App *a, Screen from);
void support_service_build(App *a);
bool support_service_tap(App *a, const char *id);
/* support_take.c: "Take this home", its codes */
void support_take_enter(App *a, Screen from);
void support_take_build(App *a);
bool support_take_tap(App *a, const char *id);
/* support_search.c: search as the visitor types */
void support_search_enter(App *a, Screen from);
void support_search_build(App *a);
bool support_search_tap(App *a, const char *id);
void support_search_text(App *a, const char *text);
void support_search_key(App *a, HardKey key);

/* staff_screens.c */
void pin_enter(App *a, Screen from);
void pin_build(App *a);
bool pin_tap(App *a, const char *id);
void pin_tick(App *a);
void pin_text(App *a, const char *text);
void pin_key(App *a, HardKey key);
void staff_enter(App *a, Screen from);
void staff_build(App *a);
bool staff_tap(App *a, const char *id);
/* staff_speech.c: read-aloud in the staff view. restore (at start, no
 * engine start) applies the volume staff kept over speech.volume; enter
 * starts the engine for its health line; build adds the health line at y
 * across width and the volume row in pager_room (the room between Earlier
 * and Later) when it fits there, else under the line, and returns the y
 * below; height is what build adds above pager_room; tap handles
 * staff.volume.*. */
void staff_speech_restore(App *a);
void staff_speech_enter(App *a);
int staff_speech_height(App *a, int width, int pager_room_w);
int staff_speech_build(App *a, int y, int width, SDL_Rect pager_room);
bool staff_speech_tap(App *a, const char *id);

/* staff_history.c: the last four weeks' counts as a chart */
void history_enter(App *a, Screen from);
void history_build(App *a);
bool history_tap(App *a, const char *id);

/* access.c: the look choices over a visitor screen */
void access_build(App *a);
/* True when id was the accessibility button or a tap while the choices
 * show (which it handles); false to let the screen handle it. */
bool access_tap(App *a, const char *id);

/* listen.c: the Listen button of the top bar, ending at x (before
 * mirroring) in the row at y, after start; when its words do not fit there
 * it takes a row of its own at *below, which moves down. Returns the x
 * where it begins. */
int listen_button(App *a, int start, int x, int y, int *below);
/* The Listen button (nav.listen) in r: its icon and word, or with words
 * false the icon alone, the word its label. */
void listen_button_at(App *a, SDL_Rect r, bool words);

/* idle.c */
void idle_build(App *a);
bool idle_tap(App *a, const char *id);

#endif
