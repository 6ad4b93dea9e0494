/* app_private.h — the App structure shared by app.c (state, input,
 * timers, navigation) and the screens (the files in kiosk/screens/), and the small
 * navigation API the screens call. Not part of the library's interface:
 * only those files include it.
 *
 * The screens never call each other, and app.c never calls a screen's
 * functions by name: it goes through the screen table
 * (kiosk/screens/screens.h). */
#ifndef KIOSK_APP_PRIVATE_H
#define KIOSK_APP_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "kiosk/app.h"
#include "kiosk/content.h"
#include "kiosk/directory.h"
#include "kiosk/i18n.h"
#include "kiosk/keyboard.h"
#include "kiosk/limits.h"
#include "kiosk/record.h"
#include "kiosk/speech.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"
#include "kiosk/text.h"
#include "kiosk/ui.h"
#include "kiosk/upload_thread.h"
#include "kiosk/visitor.h"

#define MAX_SESSIONS 24
#define MAX_STAFF_ROWS 400
#define LONG_PRESS_MS 3000
#define GREETING_MS 5000
#define CONSENT_VERSION "checkin-1"
#define SUPPORT_URL "https://www.suttoninformationhub.org.uk"
#define TEXT_CACHE_BYTES (8u * 1024u * 1024u)

/* The staff view's history (kiosk/screens/staff_history.c): the closed
 * days' counts of the last four weeks, read on entering it. Counts only. */
#define HISTORY_DAYS 28
#define HISTORY_LANGS 12
typedef struct {
    char days[HISTORY_DAYS][11];        /* the 28 days shown, oldest first */
    int checkins[HISTORY_DAYS];         /* per day, oldest first */
    int total, sessions, first_visits;
    struct { char tag[16]; int n; } langs[HISTORY_LANGS];   /* most used first */
    int nlangs, more_langs;             /* languages shown, and how many more */
    k_err rc;                           /* how reading them went */
} StaffHistory;

/* Translation lookups in the visitor's language; the macros are also the
 * keywords xgettext collects (make pot). */
#define _(s) i18n_get(a->i18n, a->lang, NULL, (s))
#define C_(ctx, s) i18n_get(a->i18n, a->lang, (ctx), (s))
#define P_(s, p, n) i18n_nget(a->i18n, a->lang, NULL, (s), (p), (unsigned long)(n))
/* Staff screens are in English: plural forms by the English rule, and not
 * collected for the visitors' translators. */
#define SP_(s, p, n) i18n_nget(a->i18n, -1, "staff", (s), (p), (unsigned long)(n))

typedef struct {
    AttendanceRow *rows;
    int n, cap;
} StaffRows;

/* What the PIN pad knows about the stored PIN, read when it is entered. */
typedef enum { PIN_STATE_SET = 0, PIN_STATE_NONE, PIN_STATE_UNREADABLE } PinState;

struct App {
    Config cfg;
    SDL_Renderer *r;
    TextEngine *te;
    I18n *i18n;
    Store *store;
    ContentPack *pack;
    Directory *dir;               /* the support directory (content.db); NULL: none */
    Ui ui;
    Screen screen, back_to;       /* back_to: where the language list returns */
    int lang, default_lang;
    char lang_tag[16];
    bool dirty;
    Visitor v;                    /* everything the visitor entered, every flow */
    Screen kb_return;             /* the screen whose field the keyboard types */
    time_t build_wall;            /* wall time the screen is being built for */
    uint64_t build_ms;            /* clock_ms() of the same moment */
    uint64_t last_input;
    bool idle_prompt;
    uint64_t thanks_until;
    uint64_t greet_next;
    int greet_idx;
    long drawn_minute;
    long drawn_second;
    char pressed_id[48];
    uint64_t press_start;
    bool long_press_armed;
    int session_page;
    SessionTime sessions[MAX_SESSIONS];
    int nsessions;
    SessionTime next;
    /* staff: read on entering the PIN pad and the staff view */
    char pin[STAFF_PIN_MAX + 1];
    char pin_message[200];        /* English, for staff */
    char pin_error[64];           /* why the PIN state could not be read */
    PinState pin_state;
    long pin_locked_for;          /* seconds, as last read */
    long pin_read_second;         /* wall second it was read */
    StaffRows staff;
    k_err staff_rows_rc;          /* how reading today's attendance went */
    int staff_page;
    OutboxCounts counts;
    k_err counts_rc;              /* how counting the outbox went */
    double free_mb;               /* free storage, -1 when it could not be read */
    char staff_day[11];
    char requests_line[200];   /* today's callback and advocate counts, never contents */
    int thanks_session;           /* the session "thank you" names (index), or -1 */
    char thanks_session_name[K_NAME_BUF]; /* its English name */
    char content_problem[512];    /* why the configured pack was refused */
    char db_problem[900];         /* the database was damaged and replaced (where it is
                                     kept), or storage is full: for staff (app_store_note) */
    uint64_t share_next;          /* clock_ms of the next store_share while held alone */
    uint64_t share_wait;          /* and the wait before the one after, in ms */
    char today[11];               /* local day whose attendance is kept */
    /* uploading (app_upload.c) */
    UploadThread *up;             /* NULL when offline (no central.url) */
    unsigned pack_generation;     /* the uploader's content generation in use */
    bool staff_sending;           /* the staff view shows its Sending panel */
    UploadStatus up_st;           /* as read on entering the panel */
    char sending_rejected[4][160]; /* a few rejected records' reasons */
    int sending_nrejected;
    /* read-aloud (kiosk/screens/listen.c) */
    Speech *speech;               /* NULL when it could not be made: Listen does nothing */
    bool listen_on;               /* speaking, as last seen (the Listen button's look) */
    int listen_screen;            /* the screen last listened to, and how often */
    int listen_count;
    char volume_problem[200];     /* the volume staff set could not be kept (staff_speech.c) */
    /* find support (kiosk/screens/support*.c): the directory and what was
     * read for the screen shown; NULL until Find support is opened, freed
     * by every wipe */
    struct Support *sup;
    /* the day's end (app_day_end.c) */
    long day_end_minute;          /* the wall minute it was last looked at */
    bool day_end_tidy;            /* a VACUUM or checkpoint may still be due */
    StaffHistory history;         /* the staff view's four weeks */
};

static inline const LangInfo *cur_lang(const App *a)
{
    return i18n_lang(a->i18n, a->lang);
}

/* ---- navigation: what the screens may ask of app.c ----------------- */

/* Shows screen s: runs its on_enter (which reads what it will show) and
 * marks the screen for a redraw. */
void app_go(App *a, Screen s);

/* Wipes every visitor entry and the staff view from memory and shows the
 * home screen in the hub's language (Quick exit, idle, "thank you" done,
 * staff lock). */
void app_go_home(App *a);

/* True while a staff screen is shown. */
bool app_is_staff(const App *a);

/* ---- read-aloud (kiosk/screens/listen.c) ---- */

/* Makes the App's Speech from its settings (a->speech stays NULL when out
 * of memory: the kiosk works without it). */
void listen_open(App *a);

/* Before every tap's own handling: Listen starts or stops the speech
 * (true: handled); any other tap stops it and goes on (false), and makes
 * the next listen a first one (no typed words said). */
bool listen_tap(App *a, const char *id);

/* Text typed: the next listen is a first one, so what was just typed is
 * said only when the visitor listens twice in a row. Cannot fail. */
void listen_typed(App *a);

/* Stops speaking (Quick exit, idle wipe, staff lock, any wipe). */
void listen_stop(App *a);

/* From app_tick: the Listen button shows whether it still speaks. */
void listen_tick(App *a);

/* ---- uploading (app_upload.c) ---- */

/* Starts the uploader's thread when central.url is set (after the store is
 * open); a switch to a pack fetched earlier is made at once. K_ERR_DENIED /
 * K_ERR_IO / K_ERR_INVALID with one line in err when it cannot start (a
 * token file others may read, an unusable URL). */
k_err app_upload_start(App *a, char *err, size_t errlen);

/* Writes db_problem from the store's state: the damaged database replaced
 * (store_recovered_from) and storage too full to share the database
 * (store_is_alone), in plain words for staff; "" for neither. Logs the
 * latter. Cannot fail. */
void app_store_note(App *a);

/* Stops the uploader's thread (before the store closes); NULL thread fine. */
void app_upload_stop(App *a);

/* From app_tick: while the store is held alone (a full disk at start), at
 * share_next opens it again shared (store_share) and then starts the
 * uploader, else waits twice as long (5 s, then up to 5 minutes); on the
 * home screen with nobody using it, switches to a new
 * content pack the uploader fetched and checked; while the staff Sending
 * panel shows, copies the uploader's status and redraws when it changed. */
void app_upload_tick(App *a);

/* The staff view's Sending panel (kiosk/screens/staff_sending.c): enter
 * (reads the outbox counts and the rejected records), build, tap (true
 * when handled: Back, Send now). */
void sending_enter(App *a);
void sending_build(App *a);
bool sending_tap(App *a, const char *id);

/* ---- the day's end (app_day_end.c) ---- */

/* At start (nobody is using the kiosk yet): closes any day whose end was
 * missed (store_day_close) and finishes a tidy-up cut short. Failures are
 * logged and tried again from app_day_end_tick. */
void app_day_end_start(App *a);

/* From app_tick, once a wall minute and only while the home screen shows
 * with nobody using it: closes the due day when it is not closed (or new
 * check-ins came after it), then VACUUMs and checkpoints (store_day_tidy).
 * Never while a visitor or staff member is using the kiosk. */
void app_day_end_tick(App *a);

/* The hub the day's counts are kept under: hub.hub_id, else the pack's. */
const char *app_day_end_hub(const App *a);

/* ---- the directory (app_directory.c) ---- */

/* At start: imports the configured pack when it is new (import.h; a
 * refusal goes to content_problem and the content in use stays), opens
 * the directory and loads the active pack into a->pack. False when
 * content.db holds no pack that loads (the caller then loads the
 * configured pack as before). */
bool app_directory_start(App *a);

/* Opens content.db again (after an import); the directory in use stays
 * when the new one cannot be opened. */
void app_directory_reopen(App *a);

/* The services the last import left out, for the staff view: how many, and
 * the i-th as "services[3].name: is missing" (false when out of range). */
size_t app_left_out_count(const App *a);
bool app_left_out_line(const App *a, size_t i, char *out, size_t cap);

#endif
