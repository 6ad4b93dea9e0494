/* app_private.h — the App structure shared by app.c (state, input,
 * timers) and screens.c (what each screen shows). Not part of the
 * library's interface: only those two files include it. */
#ifndef KIOSK_APP_PRIVATE_H
#define KIOSK_APP_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/app.h"
#include "kiosk/content.h"
#include "kiosk/i18n.h"
#include "kiosk/keyboard.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"
#include "kiosk/text.h"
#include "kiosk/ui.h"

#define NAME_MAX_CP 40
#define MAX_SESSIONS 24
#define MAX_STAFF_ROWS 400
#define LONG_PRESS_MS 3000
#define GREETING_MS 5000
#define CONSENT_VERSION "checkin-1"
#define SUPPORT_URL "https://www.suttoninformationhub.org.uk"
#define TEXT_CACHE_BYTES (8u * 1024u * 1024u)

/* Translation lookups in the visitor's language; the macros are also the
 * keywords xgettext collects (make pot). */
#define _(s) i18n_get(a->i18n, a->lang, NULL, (s))
#define C_(ctx, s) i18n_get(a->i18n, a->lang, (ctx), (s))
#define P_(s, p, n) i18n_nget(a->i18n, a->lang, NULL, (s), (p), (unsigned long)(n))

typedef enum { FIELD_NONE = 0, FIELD_NAME, FIELD_POSTCODE } Field;

typedef struct {
    int session;                  /* index into sessions, or -1 */
    char session_id[128];
    char session_name[256];       /* English, for the record */
    int adults;
    int children[BAND_COUNT];
    int first_visit;              /* -1 not answered, 0 no, 1 yes */
    char first_name[192];
    char postcode[8];
} Visit;

typedef struct {
    AttendanceRow *rows;
    int n, cap;
} StaffRows;

struct App {
    Config cfg;
    SDL_Renderer *r;
    TextEngine *te;
    I18n *i18n;
    Store *store;
    ContentPack *pack;
    Ui ui;
    Screen screen, back_to;       /* back_to: where language/keyboard return */
    int lang, default_lang;
    char lang_tag[16];
    bool dirty;
    Visit v;
    Field field;
    char kb_message[256];
    KeyLayout kb;
    char kb_id[16];
    int kb_page;
    bool kb_shift_once;
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
    char pin[STAFF_PIN_MAX + 1];
    char pin_message[160];
    StaffRows staff;
    int staff_page;
    OutboxCounts counts;
    char save_error[160];
    char content_problem[512];    /* why the configured pack was refused */
    char today[11];               /* local day whose attendance is kept */
};

static inline bool is_staff(Screen s)
{
    return s == SCR_STAFF_PIN || s == SCR_STAFF;
}

static inline const LangInfo *cur_lang(const App *a)
{
    return i18n_lang(a->i18n, a->lang);
}

#endif
