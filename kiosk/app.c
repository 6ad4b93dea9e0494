/* app.c — screens, navigation and timers of the kiosk.
 *
 * One App holds the visitor's entries (Visit) only in memory until they
 * confirm; a wipe (idle, Quick exit, after saving) zeroes them. Screens are
 * built from scratch whenever something changed (immediate mode): the
 * build_* function of the current screen adds its widgets to the Ui. */
#include "kiosk/app.h"

#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/content.h"
#include "kiosk/i18n.h"
#include "kiosk/keyboard.h"
#include "kiosk/log.h"
#include "kiosk/staff.h"
#include "kiosk/text.h"
#include "kiosk/utf8.h"

#define NAME_MAX_CP 40
#define MAX_SESSIONS 24
#define MAX_STAFF_ROWS 400
#define LONG_PRESS_MS 3000
#define GREETING_MS 5000
#define CONSENT_VERSION "checkin-1"
#define SUPPORT_URL "https://www.suttoninformationhub.org.uk"
#define TEXT_CACHE_BYTES (6u * 1024u * 1024u)

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

static const char *screen_names[SCR_COUNT] = {
    "home", "language", "sessions", "party", "details", "keyboard", "confirm", "thanks",
    "save-error", "support", "callback", "advocate", "staff-pin", "staff"
};

const char *app_screen_name(Screen s)
{
    return s < SCR_COUNT ? screen_names[s] : "?";
}

Screen app_screen(const App *a) { return a->screen; }
Ui *app_ui(App *a) { return &a->ui; }
Store *app_store(App *a) { return a->store; }
TextEngine *app_text(App *a) { return a->te; }
bool app_needs_redraw(App *a) { return a->dirty; }

static bool is_staff(Screen s) { return s == SCR_STAFF_PIN || s == SCR_STAFF; }

static const LangInfo *cur_lang(const App *a) { return i18n_lang(a->i18n, a->lang); }

/* ---- visitor data -------------------------------------------------- */

static void wipe_visit(App *a)
{
    sodium_memzero(&a->v, sizeof a->v);
    a->v.session = -1;
    a->v.adults = 1;
    a->v.first_visit = -1;
    a->field = FIELD_NONE;
    a->kb_message[0] = '\0';
    a->save_error[0] = '\0';
}

static void wipe_staff(App *a)
{
    if (a->staff.rows)
        sodium_memzero(a->staff.rows, (size_t)a->staff.cap * sizeof *a->staff.rows);
    a->staff.n = 0;
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_message[0] = '\0';
    a->staff_page = 0;
}

static void load_keyboard(App *a, const char *id)
{
    char dir[600], err[256];
    snprintf(dir, sizeof dir, "%s/keyboards", a->cfg.assets_dir);
    if (!kb_load(dir, id, &a->kb, err, sizeof err)) {
        LOG_E("app", "%s", err);
        if (strcmp(id, "en") != 0 && kb_load(dir, "en", &a->kb, err, sizeof err))
            snprintf(a->kb_id, sizeof a->kb_id, "en");
        return;
    }
    snprintf(a->kb_id, sizeof a->kb_id, "%s", id);
    a->kb_page = 0;
}

static void set_lang_index(App *a, int idx)
{
    a->lang = idx;
    const LangInfo *li = cur_lang(a);
    snprintf(a->lang_tag, sizeof a->lang_tag, "%s", li ? li->tag : "en-GB");
    a->dirty = true;
}

k_err app_set_language(App *a, const char *tag)
{
    int idx = i18n_find(a->i18n, tag);
    if (idx < 0)
        return K_ERR_NOT_FOUND;
    set_lang_index(a, idx);
    return K_OK;
}

/* Back to the home screen in the hub's language with nothing of the
 * visitor left in memory. */
static void go_home_wiped(App *a)
{
    wipe_visit(a);
    wipe_staff(a);
    a->idle_prompt = false;
    a->screen = SCR_HOME;
    a->session_page = 0;
    a->pressed_id[0] = '\0';
    a->long_press_armed = false;
    set_lang_index(a, a->default_lang);
    a->greet_idx = 0;
    a->greet_next = clock_ms() + GREETING_MS;
    a->dirty = true;
}

static void go(App *a, Screen s)
{
    a->screen = s;
    a->dirty = true;
}

static void refresh_sessions(App *a)
{
    struct tm now;
    a->nsessions = 0;
    memset(&a->next, 0, sizeof a->next);
    if (!a->pack || !clock_local(clock_now(), &now))
        return;
    a->nsessions = content_sessions_today(a->pack, &now, a->sessions, MAX_SESSIONS, &a->next);
    if (a->nsessions > MAX_SESSIONS)
        a->nsessions = MAX_SESSIONS;
}

static void staff_row_cb(void *ud, const AttendanceRow *row)
{
    StaffRows *sr = ud;
    if (sr->n < sr->cap)
        sr->rows[sr->n++] = *row;
}

static void load_staff(App *a)
{
    char day[11];
    clock_local_day(clock_now(), day);
    a->staff.n = 0;
    if (store_attendance(a->store, day, staff_row_cb, &a->staff) != K_OK)
        LOG_E("app", "cannot read today's attendance");
    if (store_outbox_counts(a->store, &a->counts) != K_OK)
        memset(&a->counts, 0, sizeof a->counts);
}

/* Copies the file src to dst atomically (temporary file, fsync, rename).
 * Returns K_ERR_IO on any failure; dst is then unchanged. */
static k_err copy_file_atomic(const char *src, const char *dst)
{
    char tmp[720];
    snprintf(tmp, sizeof tmp, "%.700s.tmp", dst);
    FILE *in = fopen(src, "rb");
    FILE *out = in ? fopen(tmp, "wb") : NULL;
    k_err rc = in && out ? K_OK : K_ERR_IO;
    char buf[8192];
    size_t n;
    while (rc == K_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = K_ERR_IO;
    if (in && ferror(in))
        rc = K_ERR_IO;
    if (out && (fflush(out) != 0 || fsync(fileno(out)) != 0))
        rc = K_ERR_IO;
    if (out && fclose(out) != 0)
        rc = K_ERR_IO;
    if (in)
        fclose(in);
    if (rc == K_OK && rename(tmp, dst) != 0)
        rc = K_ERR_IO;
    if (rc != K_OK)
        unlink(tmp);
    return rc;
}

/* Loads the configured content pack. A good pack is kept as the data
 * directory's last good copy; a pack that fails is refused whole and the
 * last good copy is used instead, with the problem shown to staff. Returns
 * K_ERR_INVALID (message in err) only when neither can be loaded. */
static k_err load_pack(App *a, char *err, size_t errlen)
{
    char last[700];
    snprintf(last, sizeof last, "%s/content-last-good.json", a->cfg.data_dir);
    a->pack = content_load(a->cfg.content_pack, err, errlen);
    if (a->pack) {
        if (copy_file_atomic(a->cfg.content_pack, last) != K_OK)
            LOG_W("app", "could not keep a copy of the content pack in %s", a->cfg.data_dir);
        return K_OK;
    }
    snprintf(a->content_problem, sizeof a->content_problem, "%s", err);
    char err2[512];
    a->pack = content_load(last, err2, sizeof err2);
    if (!a->pack)
        return K_ERR_INVALID;
    LOG_W("app", "content pack refused (%s); using the last good copy, version %s", err,
          content_version(a->pack));
    return K_OK;
}

/* ---- creation ------------------------------------------------------ */

App *app_create(const Config *cfg, SDL_Renderer *r, int w, int h, char *err, size_t errlen)
{
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium could not start");
        return NULL;
    }
    App *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->cfg = *cfg;
    a->r = r;
    char path[700];
    snprintf(path, sizeof path, "%s/fonts.conf", cfg->assets_dir);
    a->te = text_open(path, cfg->font_dir, r, TEXT_CACHE_BYTES, err, errlen);
    if (!a->te)
        goto fail;
    a->i18n = i18n_open(cfg->locales_dir, "en-GB", err, errlen);
    if (!a->i18n)
        goto fail;
    a->default_lang = i18n_find(a->i18n, cfg->default_language);
    if (a->default_lang < 0) {
        snprintf(err, errlen, "default_language %s has no translation file in %s",
                 cfg->default_language, cfg->locales_dir);
        goto fail;
    }
    if (config_make_dir(cfg->data_dir) != K_OK) {
        snprintf(err, errlen, "%s: cannot create the data directory: %s", cfg->data_dir,
                 strerror(errno));
        goto fail;
    }
    if (load_pack(a, err, errlen) != K_OK)
        goto fail;
    snprintf(path, sizeof path, "%s/kiosk.db", cfg->data_dir);
    k_err se;
    a->store = store_open(path, &se);
    if (!a->store) {
        snprintf(err, errlen, "%s: cannot open the database: %s", path, k_strerror(se));
        goto fail;
    }
    if (cfg->record_key_file[0]) {
        FILE *f = fopen(cfg->record_key_file, "r");
        char b64[128] = "";
        unsigned char pk[32];
        size_t pklen = 0;
        if (!f || !fgets(b64, sizeof b64, f) ||
            sodium_base642bin(pk, sizeof pk, b64, strcspn(b64, "\r\n"), NULL, &pklen, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0 || pklen != 32) {
            snprintf(err, errlen, "%s: not a base64 32-byte public key", cfg->record_key_file);
            if (f)
                fclose(f);
            goto fail;
        }
        fclose(f);
        store_set_record_key(a->store, pk);
    }
    a->staff.cap = MAX_STAFF_ROWS;
    a->staff.rows = calloc(MAX_STAFF_ROWS, sizeof *a->staff.rows);
    if (!a->staff.rows) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    ui_init(&a->ui, a->te, w, h, cfg->diagonal_in);
    clock_local_day(clock_now(), a->today);
    if (store_purge_before(a->store, a->today) != K_OK)
        LOG_W("app", "could not purge earlier days' attendance");
    go_home_wiped(a);
    a->last_input = clock_ms();
    LOG_I("app", "started: hub %s, content %s%s, %d languages", content_hub_id(a->pack),
          content_version(a->pack), content_is_demo(a->pack) ? " (demo)" : "",
          i18n_count(a->i18n));
    return a;
fail:
    app_destroy(a);
    return NULL;
}

void app_destroy(App *a)
{
    if (!a)
        return;
    wipe_visit(a);
    wipe_staff(a);
    free(a->staff.rows);
    ui_free(&a->ui);
    store_close(a->store);
    content_free(a->pack);
    i18n_close(a->i18n);
    text_close(a->te);
    sodium_memzero(a, sizeof *a);
    free(a);
}

void app_resize(App *a, SDL_Renderer *r, int w, int h)
{
    a->r = r;
    text_set_renderer(a->te, r);
    text_cache_clear(a->te);
    ui_init(&a->ui, a->te, w, h, a->cfg.diagonal_in);
    a->dirty = true;
}

k_err app_limit_storage(App *a, long pages)
{
    return store_limit_pages(a->store, pages);
}

/* ---- layout helpers ------------------------------------------------ */

static SDL_Rect R(int x, int y, int w, int h) { return (SDL_Rect){ x, y, w, h }; }

static bool portrait(const App *a) { return a->ui.h > a->ui.w; }

/* Top bar of a visitor screen: Back (when back is true) at the start edge,
 * Language and Quick exit at the end edge. Returns the y below it. */
/* Width of a top-bar button: three fit beside each other on any screen. */
static int bar_button_w(const Ui *ui)
{
    int bw = ui->target * 3, most = (ui->w - 5 * ui->unit) / 3;
    return bw < most ? bw : most;
}

static int top_bar(App *a, bool back)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int bw = bar_button_w(ui);
    if (back) {
        ui_button_icon(ui, "nav.back", _("Back"), R(U, U, bw, T), LOOK_SECONDARY, ICON_BACK);
    }
    ui_button(ui, "nav.exit", _("Quick exit"), R(ui->w - U - bw, U, bw, T), LOOK_EXIT);
    ui_button(ui, "nav.lang", _("Language"), R(ui->w - 2 * U - 2 * bw, U, bw, T), LOOK_SECONDARY);
    /* where the visitor is in the check-in: between Back and Language */
    int step = a->screen == SCR_SESSIONS ? 1 : a->screen == SCR_PARTY ? 2
             : a->screen == SCR_DETAILS || a->screen == SCR_KEYBOARD ? 3
             : a->screen == SCR_CONFIRM ? 4 : 0;
    int room = ui->w - 4 * U - 3 * bw - 2 * U;
    if (step && back && room >= 4 * U) {
        UiWidget p = ui_proto("nav.progress", ROLE_PROGRESS);
        snprintf(p.text, sizeof p.text, "%d/4", step);
        int pw = room < 16 * U ? room : 16 * U;
        p.rect = R(U + bw + (room - pw) / 2 + 2 * U, U + T / 2 - U / 2, pw, U);
        p.enabled = true;
        ui_add(ui, &p);
    }
    return U + T + U;
}

static int heading(App *a, const char *id, const char *text, int y)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int h = ui_text_height(ui, text, ui->font_heading, TEXT_BOLD, ui->w - 2 * U);
    UiWidget *w = ui_text(ui, id, ROLE_HEADING, text, R(U, y, ui->w - 2 * U, h));
    (void)w;
    return y + h + U;
}

/* A paragraph at most max_h tall (0 = as tall as it needs); a text that
 * needs more is set smaller by ui_add. Returns the y below it. */
static int paragraph_max(App *a, const char *id, const char *text, int x, int y, int width,
                         UiLook look, int max_h)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool boxed = look == LOOK_NOTICE || look == LOOK_ERROR;
    int inner = boxed ? width - 4 * U : width;
    int h = ui_text_height(ui, text, ui->font_body, TEXT_REGULAR, inner) + (boxed ? 2 * U : 0);
    if (max_h > 0 && h > max_h)
        h = max_h;
    UiWidget proto = ui_proto("", ROLE_TEXT);
    snprintf(proto.id, sizeof proto.id, "%s", id);
    proto.look = look;
    ui_copy_text(proto.text, sizeof proto.text, text);
    proto.rect = R(x, y, width, h);
    proto.enabled = true;
    proto.align = TEXT_ALIGN_START;
    ui_add(ui, &proto);
    return y + h + U;
}

static int paragraph(App *a, const char *id, const char *text, int x, int y, int width,
                     UiLook look)
{
    return paragraph_max(a, id, text, x, y, width, look, 0);
}

static const char *session_name(App *a, const SessionTime *s)
{
    return content_text(a->pack, a->lang_tag, s->id, "name", s->name);
}

static void time_range(App *a, int from, int to, char *out, size_t cap)
{
    char t1[32], t2[32];
    i18n_time_of_day(a->i18n, a->lang, from, t1, sizeof t1);
    i18n_time_of_day(a->i18n, a->lang, to, t2, sizeof t2);
    const char *k[] = { "from", "to" }, *v[] = { t1, t2 };
    i18n_format(out, cap, _("{from} to {to}"), k, v, 2);
}

/* ---- screens ------------------------------------------------------- */

static void build_home(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w, H = ui->h;
    int bw = bar_button_w(ui);
    ui_button(ui, "nav.exit", _("Quick exit"), R(W - U - bw, U, bw, T), LOOK_EXIT);
    ui_button(ui, "nav.lang", _("Language"), R(W - 2 * U - 2 * bw, U, bw, T), LOOK_SECONDARY);
    /* hub name: a 3-second press opens the staff PIN pad. Beside the
     * buttons when there is room, else on its own row. */
    UiWidget hub = ui_proto("home.hub", ROLE_HEADING);
    ui_copy_text(hub.text, sizeof hub.text,
             content_text(a->pack, a->lang_tag, content_hub_id(a->pack), "name",
                          content_hub_name(a->pack)));
    hub.enabled = true;
    hub.weight = TEXT_BOLD;
    hub.font_px = ui->font_title;
    int beside = W - 4 * U - 2 * bw;
    int y = U + T + U;
    TextStyle ts = { .size_px = ui->font_title, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent te = { 0 };
    text_measure(ui->te, hub.text, &ts, 0, &te);
    if (te.w <= beside && te.h <= T) {
        hub.rect = R(U, U, beside, T);
    } else {
        int hh = ui_text_height(ui, hub.text, ui->font_title, TEXT_BOLD, W - 2 * U);
        hub.rect = R(U, y, W - 2 * U, hh);
        y += hh + U;
    }
    ui_add(ui, &hub);

    char date[128], tod[32], line[200];
    struct tm now;
    time_t t = clock_now();
    clock_local(t, &now);
    i18n_date(a->i18n, a->lang, &now, date, sizeof date);
    i18n_time_of_day(a->i18n, a->lang, now.tm_hour * 60 + now.tm_min, tod, sizeof tod);
    snprintf(line, sizeof line, "%s  ·  %s", date, tod);
    int dh = ui_text_height(ui, line, ui->font_body, TEXT_REGULAR, W - 2 * U);
    ui_text(ui, "home.date", ROLE_TEXT, line, R(U, y, W - 2 * U, dh));
    y += dh + U;

    /* the greeting cycles through the languages: tapping it opens the list */
    int n = i18n_count(a->i18n);
    int gi = a->screen == SCR_HOME && a->lang == a->default_lang ? a->greet_idx % n : a->lang;
    const LangInfo *gl = i18n_lang(a->i18n, gi);
    UiWidget g = ui_proto("home.greeting", ROLE_BUTTON);
    g.weight = TEXT_REGULAR;
    g.look = LOOK_SELECTED;
    snprintf(g.text, sizeof g.text, "%s  %s", i18n_get(a->i18n, gi, NULL, "Welcome."),
             i18n_get(a->i18n, gi, NULL, "Tap here for your language."));
    int greet_h = T * 5 / 4;
    g.rect = R(U, y, W - 2 * U, greet_h);
    g.enabled = true;
    g.align = TEXT_ALIGN_CENTER;
    g.lang = gl ? gl->tag : NULL;
    ui_add(ui, &g);
    y += greet_h + 2 * U;

    int foot = content_is_demo(a->pack) ? ui->font_small * 2 : 0;
    int cols = portrait(a) ? 1 : 2, rows = portrait(a) ? 4 : 2;
    int gw = (W - U * (cols + 1)) / cols, gh = (H - y - U - foot - U * rows) / rows;
    struct { const char *id, *text; } b[4] = {
        { "home.checkin", _("Check in") },
        { "home.support", _("Find support") },
        { "home.callback", _("Ask for a callback") },
        { "home.advocate", _("Ask for an advocate") },
    };
    for (int i = 0; i < 4; i++) {
        int c = i % cols, r = i / cols;
        ui_button(ui, b[i].id, b[i].text, R(U + c * (gw + U), y + r * (gh + U), gw, gh),
                  i == 0 ? LOOK_PRIMARY : LOOK_SECONDARY);
    }
    if (foot) {
        UiWidget d = ui_proto("home.demo", ROLE_TEXT);
        d.look = LOOK_QUIET;
        ui_copy_text(d.text, sizeof d.text, _("Demo: example hub and session times."));
        d.rect = R(U, H - foot - U / 2, W - 2 * U, foot);
        d.enabled = true;
        d.font_px = ui->font_small;
        ui_add(ui, &d);
    }
}

static void build_language(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    y = heading(a, "language.title", _("Choose your language"), y);
    int n = i18n_count(a->i18n);
    int cols = portrait(a) ? 1 : 2, rows = (n + cols - 1) / cols;
    int gw = (ui->w - U * (cols + 1)) / cols;
    int gh = (ui->h - y - U * rows) / rows;
    if (gh > T * 2)
        gh = T * 2;
    for (int i = 0; i < n; i++) {
        const LangInfo *li = i18n_lang(a->i18n, i);
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "lang.%s", li->tag);
        w.look = LOOK_SECONDARY;
        w.checked = i == a->lang;
        ui_copy_text(w.text, sizeof w.text, li->native_name);
        if (strcmp(li->native_name, li->english_name))
            ui_copy_text(w.sub, sizeof w.sub, li->english_name);
        w.rect = R(U + (i % cols) * (gw + U), y + (i / cols) * (gh + U), gw, gh);
        w.enabled = true;
        w.weight = TEXT_BOLD;
        w.align = TEXT_ALIGN_CENTER;
        w.lang = li->tag;
        ui_add(ui, &w);
    }
}

static void build_sessions(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    y = heading(a, "sessions.title", _("Which drop-in are you here for?"), y);
    if (a->nsessions == 0) {
        y = paragraph(a, "sessions.none", _("There are no drop-ins on now or later today."), U, y,
                      ui->w - 2 * U, LOOK_NOTICE);
        if (a->next.id) {
            char when[64], day[128], msg[512];
            i18n_time_of_day(a->i18n, a->lang, a->next.opens_min, when, sizeof when);
            struct tm tm;
            clock_local(clock_now() + (time_t)a->next.day_offset * 86400, &tm);
            i18n_date(a->i18n, a->lang, &tm, day, sizeof day);
            const char *k[] = { "name", "day", "time" },
                       *v[] = { session_name(a, &a->next), day, when };
            i18n_format(msg, sizeof msg, _("The next one is {name} on {day} at {time}."), k, v,
                        3);
            paragraph(a, "sessions.next", msg, U, y, ui->w - 2 * U, LOOK_PLAIN);
        }
        return;
    }
    /* rows fit the tallest session's name and times, at 85% at least */
    int row_h = T * 3 / 2;
    for (int i = 0; i < a->nsessions; i++) {
        int h = (ui_text_height(ui, session_name(a, &a->sessions[i]), ui->font_button, TEXT_BOLD,
                                ui->w - 6 * U - T) +
                 ui_text_height(ui, "09:30", ui->font_button * 3 / 4, TEXT_REGULAR, 0)) * 17 / 20 +
                2 * U;
        if (h > row_h)
            row_h = h;
    }
    int per_page = (ui->h - y - U) / (row_h + U);
    if (per_page < 1)
        per_page = 1;
    bool paged = a->nsessions > per_page;
    if (paged) {
        per_page = (ui->h - y - U - T - U) / (row_h + U);
        if (per_page < 1)
            per_page = 1;
    }
    int pages = (a->nsessions + per_page - 1) / per_page;
    if (a->session_page >= pages)
        a->session_page = pages - 1;
    struct tm now;
    clock_local(clock_now(), &now);
    int now_min = now.tm_hour * 60 + now.tm_min;
    for (int k = 0; k < per_page; k++) {
        int i = a->session_page * per_page + k;
        if (i >= a->nsessions)
            break;
        const SessionTime *s = &a->sessions[i];
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "checkin.session.%d", i);
        w.look = LOOK_SECONDARY;
        ui_copy_text(w.text, sizeof w.text, session_name(a, s));
        char range[96];
        time_range(a, s->opens_min, s->closes_min, range, sizeof range);
        bool running = s->opens_min <= now_min && now_min < s->closes_min;
        const char *k2[] = { "times" }, *v2[] = { range };
        i18n_format(w.sub, sizeof w.sub, running ? _("On now: {times}") : _("Later today: {times}"),
                    k2, v2, 1);
        w.rect = R(U, y + k * (row_h + U), ui->w - 2 * U, row_h);
        w.enabled = true;
        w.weight = TEXT_BOLD;
        w.align = TEXT_ALIGN_START;
        w.icon = ICON_NEXT;
        ui_add(ui, &w);
    }
    if (paged) {
        int bw = T * 4 < ui->w / 2 - 2 * U ? T * 4 : ui->w / 2 - 2 * U, by = ui->h - U - T;
        UiWidget *p = ui_button_icon(ui, "sessions.prev", _("Previous"), R(U, by, bw, T),
                                     LOOK_SECONDARY, ICON_BACK);
        if (p)
            p->enabled = a->session_page > 0;
        UiWidget *nx = ui_button_icon(ui, "sessions.more", _("More"), R(ui->w - U - bw, by, bw, T),
                                      LOOK_SECONDARY, ICON_NEXT);
        if (nx)
            nx->enabled = a->session_page < pages - 1;
    }
}

static const char *band_label(App *a, int b)
{
    switch (b) {
    case BAND_PREGNANT: return _("Expecting a baby");
    case BAND_0_1: return _("Under 1 year");
    case BAND_1_4: return _("1 to 4 years");
    case BAND_5_11: return _("5 to 11 years");
    case BAND_12_16: return _("12 to 16 years");
    case BAND_17_19: return _("17 to 19 years");
    default: return _("20 to 25, with special needs or a disability");
    }
}

/* A row: label at the start, then [-] value [+] at the end. */
static void stepper(App *a, const char *idbase, const char *label, int value, int min, int max,
                    SDL_Rect row)
{
    Ui *ui = &a->ui;
    /* icon buttons: the 9 mm size whatever the language's line height */
    int U = ui->unit, T = ui->base_target;
    char id[48], num[16];
    int ctl = 3 * T + 2 * U;
    snprintf(id, sizeof id, "%s.label", idbase);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(row.x, row.y, row.w - ctl - U, row.h);
    l.enabled = true;
    l.align = TEXT_ALIGN_START;
    l.look = LOOK_PLAIN;
    ui_add(ui, &l);
    int cx = row.x + row.w - ctl, cy = row.y + (row.h - T) / 2;
    snprintf(id, sizeof id, "%s.minus", idbase);
    UiWidget *m = ui_button_icon(ui, id, "", R(cx, cy, T, T), LOOK_SECONDARY, ICON_MINUS);
    if (m)
        m->enabled = value > min;
    snprintf(id, sizeof id, "%s.value", idbase);
    i18n_number(a->i18n, a->lang, value, num, sizeof num);
    UiWidget v = ui_proto("", ROLE_VALUE);
    snprintf(v.id, sizeof v.id, "%s", id);
    ui_copy_text(v.text, sizeof v.text, num);
    v.rect = R(cx + T + U, cy, T, T);
    v.enabled = true;
    v.weight = TEXT_BOLD;
    v.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &v);
    snprintf(id, sizeof id, "%s.plus", idbase);
    UiWidget *p = ui_button_icon(ui, id, "", R(cx + 2 * (T + U), cy, T, T), LOOK_SECONDARY,
                                 ICON_PLUS);
    if (p)
        p->enabled = value < max;
}

/* The forward button at the bottom end of a screen. */
static UiWidget *next_button(App *a, const char *id, const char *text, bool enabled)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, bw = T * 5;
    if (bw > ui->w / 2 - 2 * U)
        bw = ui->w / 2 - 2 * U;
    UiWidget *w = ui_button_icon(ui, id, text, R(ui->w - U - bw, ui->h - U - T, bw, T),
                                 LOOK_PRIMARY, ICON_NEXT);
    if (w)
        w->enabled = enabled;
    return w;
}

static void build_party(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    y = heading(a, "party.title", _("Who is with you today?"), y);
    int cols = portrait(a) ? 1 : 2, rows = (1 + BAND_COUNT + cols - 1) / cols;
    int avail = ui->h - y - T - 2 * U;
    int rh = avail / rows;
    if (rh > T * 2)
        rh = T * 2;
    int cw = (ui->w - U * (cols + 1)) / cols;
    for (int i = 0; i <= BAND_COUNT; i++) {
        SDL_Rect row = R(U + (i / rows) * (cw + U), y + (i % rows) * rh, cw, rh - U / 2);
        if (i == 0) {
            stepper(a, "party.adults", _("Adults"), a->v.adults, 1, 20, row);
        } else {
            char base[40];
            snprintf(base, sizeof base, "party.band.%s", store_band_name((AgeBand)(i - 1)));
            stepper(a, base, band_label(a, i - 1), a->v.children[i - 1], 0, 20, row);
        }
    }
    next_button(a, "party.next", _("Next"), a->v.adults >= 1);
}

/* A label on its own row, then a full-width text field under it. Returns
 * the y below the field. */
static int field_widget(App *a, const char *id, const char *label, const char *value,
                        const char *placeholder, int y, int field_w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, W);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.label", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(U, y, W, lh);
    l.enabled = true;
    ui_add(ui, &l);
    y += lh + U / 2;
    UiWidget f = ui_proto("", ROLE_FIELD);
    snprintf(f.id, sizeof f.id, "%s", id);
    f.look = LOOK_KEY;
    ui_copy_text(f.text, sizeof f.text, value[0] ? value : placeholder);
    f.personal = value[0] != '\0';
    f.rect = R(U, y, field_w, T);
    f.enabled = true;
    f.align = TEXT_ALIGN_START;
    f.weight = value[0] ? TEXT_BOLD : TEXT_REGULAR;
    ui_add(ui, &f);
    return y + T;
}

static void build_details(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    y = heading(a, "details.title", _("Is this your family's first visit to this hub?"), y);
    int bw = (ui->w - 3 * U) / 2, bh = T * 3 / 2;
    UiWidget *yes = ui_button(ui, "details.first.yes", _("Yes, first visit"), R(U, y, bw, bh),
                              LOOK_SECONDARY);
    UiWidget *no = ui_button(ui, "details.first.no", _("No, we have been before"),
                             R(2 * U + bw, y, bw, bh), LOOK_SECONDARY);
    if (yes)
        yes->checked = a->v.first_visit == 1;
    if (no)
        no->checked = a->v.first_visit == 0;
    y += bh + U;
    y = field_widget(a, "details.name", _("Your first name (you can leave this out)"),
                     a->v.first_name, _("Tap to type"), y, ui->w - 2 * U);
    y += U;
    /* a postcode is short: when the screen is short its field leaves room
     * for Next beside it */
    const char *pc_label = _("First half of your postcode, like SM1 (you can leave this out)");
    int next_w = T * 5 < ui->w / 2 - 2 * U ? T * 5 : ui->w / 2 - 2 * U;
    int pc_bottom = y + ui_text_height(ui, pc_label, ui->font_body, TEXT_REGULAR, ui->w - 2 * U) +
                    U / 2 + T;
    bool room = pc_bottom + U <= ui->h - U - T;
    field_widget(a, "details.postcode", pc_label, a->v.postcode, _("Tap to type"), y,
                 room ? ui->w - 2 * U : ui->w - 3 * U - next_w);
    next_button(a, "details.next", _("Next"), a->v.first_visit >= 0);
}

static const char *key_label(App *a, const Key *k)
{
    switch (k->kind) {
    case KEY_SPACE: return _("space");
    case KEY_DONE: return _("Done");
    case KEY_BACK: return "";
    case KEY_SHIFT: return "";
    case KEY_SWITCH: return a->kb.latin[0] ? "ABC" : (cur_lang(a) ? cur_lang(a)->native_name : "");
    case KEY_PAGE: return k->label[0] ? k->label : k->text;
    default: return k->label[0] ? k->label : k->text;
    }
}

/* Width of a key in units of a letter key. */
static double key_units(const Key *k)
{
    switch (k->kind) {
    case KEY_TEXT: return 1.0;
    case KEY_SPACE: return 3.5;
    case KEY_SWITCH: return 2.5;
    case KEY_DONE: return 2.0;
    default: return 1.5;
    }
}

static void build_keyboard(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    bool name = a->field == FIELD_NAME;
    /* the prompt, or a message about what was typed, in one slot */
    const char *prompt = name ? _("Type your first name") : _("Type the first half of your postcode");
    bool msg = a->kb_message[0] != '\0';
    UiWidget m = { 0 };
    snprintf(m.id, sizeof m.id, "%s", msg ? "kbd.message" : "kbd.title");
    m.role = msg ? ROLE_TEXT : ROLE_HEADING;
    m.look = LOOK_PLAIN;
    ui_copy_text(m.text, sizeof m.text, msg ? a->kb_message : prompt);
    m.font_px = msg ? ui->font_body : ui->font_heading;
    m.weight = msg ? TEXT_REGULAR : TEXT_BOLD;
    int mh = ui_text_height(ui, m.text, m.font_px, m.weight, ui->w - 2 * U);
    int slot = ui_text_height(ui, prompt, ui->font_heading, TEXT_BOLD, ui->w - 2 * U);
    if (slot < mh)
        slot = mh;
    m.rect = R(U, y, ui->w - 2 * U, slot);
    m.enabled = true;
    ui_add(ui, &m);
    y += slot + U / 2;
    UiWidget f = ui_proto("kbd.field", ROLE_FIELD);
    f.look = LOOK_KEY;
    const char *val = name ? a->v.first_name : a->v.postcode;
    ui_copy_text(f.text, sizeof f.text, val);
    f.personal = true;
    f.rect = R(U, y, ui->w - 2 * U, T);
    f.enabled = true;
    f.weight = TEXT_BOLD;
    ui_add(ui, &f);
    y += T + U;
    const KeyPage *pg = &a->kb.pages[a->kb_page < a->kb.npages ? a->kb_page : 0];
    int rows = pg->nrows;
    if (rows < 1)
        return;
    int kh = (ui->h - y - U) / rows - U / 2;
    int min_key = (int)(ui->px_per_mm * 9.0 + 0.999);
    if (kh > T * 3 / 2)
        kh = T * 3 / 2;
    for (int r = 0; r < rows; r++) {
        int nk = pg->nkeys[r];
        double units = 0;
        for (int k = 0; k < nk; k++)
            units += key_units(&pg->keys[r][k]);
        /* keys keep at least 9 mm: on a narrow screen the gaps shrink first */
        int gap = U / 2, margin = U;
        double kw = (ui->w - 2 * margin - (nk - 1) * gap) / (units > 0 ? units : 1);
        bool narrow = false;
        if (kw < min_key) {
            gap = 2;
            margin = 2;
            kw = (ui->w - 2 * margin - (nk - 1) * gap) / (units > 0 ? units : 1);
        }
        if (kw < min_key) {
            /* still too narrow: function keys shrink to a letter's width */
            narrow = true;
            units = 0;
            for (int k = 0; k < nk; k++)
                units += pg->keys[r][k].kind == KEY_SPACE ? 2.0 : 1.0;
            kw = (ui->w - 2 * margin - (nk - 1) * gap) / (units > 0 ? units : 1);
        }
        if (kw > T * 1.6)
            kw = T * 1.6;
        double row_w = kw * units + (nk - 1) * gap;
        double x = (ui->w - row_w) / 2;
        for (int k = 0; k < nk; k++) {
            const Key *key = &pg->keys[r][k];
            double u = narrow ? (key->kind == KEY_SPACE ? 2.0 : 1.0) : key_units(key);
            UiWidget w = { 0 };
            switch (key->kind) {
            case KEY_TEXT: snprintf(w.id, sizeof w.id, "kbd.key.%d.%d", r, k); break;
            case KEY_SHIFT: snprintf(w.id, sizeof w.id, "kbd.shift"); break;
            case KEY_PAGE: snprintf(w.id, sizeof w.id, "kbd.page.%.30s", key->text); break;
            case KEY_BACK: snprintf(w.id, sizeof w.id, "kbd.back"); break;
            case KEY_SPACE: snprintf(w.id, sizeof w.id, "kbd.space"); break;
            case KEY_DONE: snprintf(w.id, sizeof w.id, "kbd.done"); break;
            case KEY_SWITCH: snprintf(w.id, sizeof w.id, "kbd.switch"); break;
            }
            w.role = ROLE_KEY;
            w.font_px = ui->font_button * 9 / 10;
            w.look = key->kind == KEY_DONE ? LOOK_PRIMARY : LOOK_KEY;
            ui_copy_text(w.text, sizeof w.text, key_label(a, key));
            w.rect = R((int)x, y + r * (kh + U / 2), (int)(kw * u), kh < min_key ? min_key : kh);
            w.enabled = true;
            w.no_mirror = true;
            w.align = TEXT_ALIGN_CENTER;
            w.icon = key->kind == KEY_BACK ? ICON_DELETE : key->kind == KEY_SHIFT ? ICON_SHIFT
                                                                                 : ICON_NONE;
            ui_add(ui, &w);
            x += kw * u + gap;
        }
    }
}

static void party_summary(App *a, char *out, size_t cap)
{
    int kids = 0;
    for (int b = 0; b < BAND_COUNT; b++)
        kids += a->v.children[b];
    char na[16], nk[16], s1[128], s2[128];
    i18n_number(a->i18n, a->lang, a->v.adults, na, sizeof na);
    i18n_number(a->i18n, a->lang, kids, nk, sizeof nk);
    const char *k[] = { "count" };
    const char *v1[] = { na }, *v2[] = { nk };
    i18n_format(s1, sizeof s1, P_("{count} adult", "{count} adults", a->v.adults), k, v1, 1);
    i18n_format(s2, sizeof s2, P_("{count} child", "{count} children", kids), k, v2, 1);
    const char *k2[] = { "adults", "children" }, *v3[] = { s1, s2 };
    i18n_format(out, cap, _("{adults}, {children}"), k2, v3, 2);
}

static void build_confirm(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, true);
    y = heading(a, "confirm.title", _("Please check and confirm"), y);
    /* landscape: what will be recorded on the left, why on the right above
     * the button; portrait: one under the other */
    bool two = !portrait(a);
    int colw = two ? (ui->w - 3 * U) / 2 : ui->w - 2 * U;
    int bottom = ui->h - U - T - U;
    const SessionTime *s = a->v.session >= 0 ? &a->sessions[a->v.session] : NULL;
    char line[512];
    int ly = y;
    ly = paragraph(a, "confirm.session", s ? session_name(a, s) : a->v.session_name, U, ly, colw,
                   LOOK_PLAIN);
    party_summary(a, line, sizeof line);
    ly = paragraph(a, "confirm.party", line, U, ly, colw, LOOK_PLAIN);
    ly = paragraph(a, "confirm.first",
                   a->v.first_visit == 1 ? _("First visit to this hub") : _("Been here before"), U,
                   ly, colw, LOOK_PLAIN);
    if (a->v.first_name[0] || a->v.postcode[0]) {
        snprintf(line, sizeof line, "%s%s%s", a->v.first_name,
                 a->v.first_name[0] && a->v.postcode[0] ? "  ·  " : "", a->v.postcode);
        ly = paragraph(a, "confirm.name", line, U, ly, colw, LOOK_PLAIN);
        int idx = ui_find(ui, "confirm.name");
        if (idx >= 0)
            ui->w_list[idx].personal = true;
    }
    int cx = two ? 2 * U + colw : U, cy = two ? y : ly;
    paragraph_max(a, "confirm.consent",
                  _("We record this visit so the council can see who uses the hub and plan its "
                    "sessions. Your name and postcode are optional and are not shared outside the "
                    "family hub service."),
                  cx, cy, colw, LOOK_NOTICE, bottom - cy);
    next_button(a, "confirm.ok", _("Check in"), true);
}

static void build_thanks(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int y = top_bar(a, false) + T;
    /* a large tick, then the words, centred */
    UiWidget tick = ui_proto("thanks.tick", ROLE_VALUE);
    tick.icon = ICON_CHECK;
    tick.rect = R((ui->w - 2 * T) / 2, y, 2 * T, 2 * T);
    tick.enabled = true;
    ui_add(ui, &tick);
    y += 2 * T + U;
    const char *title = _("Thank you. You are checked in.");
    int th = ui_text_height(ui, title, ui->font_title, TEXT_BOLD, W);
    UiWidget *t = ui_text(ui, "thanks.title", ROLE_HEADING, title, R(U, y, W, th));
    if (t) {
        t->align = TEXT_ALIGN_CENTER;
        t->font_px = ui->font_title;
    }
    y += th + U;
    char msg[512];
    const SessionTime *s = a->v.session >= 0 ? &a->sessions[a->v.session] : NULL;
    const char *k[] = { "session" }, *v[] = { s ? session_name(a, s) : a->v.session_name };
    i18n_format(msg, sizeof msg, _("Enjoy {session}."), k, v, 1);
    int mh = ui_text_height(ui, msg, ui->font_body, TEXT_REGULAR, W);
    UiWidget *m = ui_text(ui, "thanks.text", ROLE_TEXT, msg, R(U, y, W, mh));
    if (m)
        m->align = TEXT_ALIGN_CENTER;
    next_button(a, "thanks.done", _("Done"), true);
}

static void build_save_error(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = top_bar(a, false);
    y = heading(a, "error.title", _("Sorry, we couldn't save this"), y);
    y = paragraph(a, "error.text",
                  _("Please tell a member of staff. Your check-in has not been saved."), U, y,
                  ui->w - 2 * U, LOOK_ERROR);
    int bw = T * 5 < ui->w / 2 - 2 * U ? T * 5 : ui->w / 2 - 2 * U;
    ui_button(ui, "error.retry", _("Try again"), R(U, ui->h - U - T, bw, T), LOOK_PRIMARY);
    ui_button(ui, "error.home", _("Start again"), R(ui->w - U - bw, ui->h - U - T, bw, T),
              LOOK_SECONDARY);
}

static void build_support(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = top_bar(a, true);
    y = heading(a, "support.title", _("Find support"), y);
    int qs = ui->h - y - U;
    int textw = ui->w - 3 * U - qs;
    if (portrait(a)) {
        qs = ui->w / 2;
        textw = ui->w - 2 * U;
    }
    int ty = paragraph(a, "support.text",
                       _("Whatever you are worried about, big or small, staff at the desk can "
                         "help you find support. You don't have to be in crisis to ask."),
                       U, y, textw, LOOK_PLAIN);
    ty = paragraph(a, "support.qr.label",
                   _("To look for help on your phone, scan this code with its camera."), U, ty,
                   textw, LOOK_PLAIN);
    UiWidget q = ui_proto("support.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, SUPPORT_URL);
    q.rect = portrait(a) ? R((ui->w - qs) / 2, ty, qs, qs) : R(ui->w - U - qs, y, qs, qs);
    q.enabled = true;
    q.no_mirror = false;
    ui_add(ui, &q);
}

static void build_ask(App *a, bool advocate)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    int y = top_bar(a, true);
    if (advocate) {
        y = heading(a, "advocate.title", _("Ask for an advocate"), y);
        y = paragraph(a, "advocate.what",
                      _("An advocate is on your side. Many are parents who have been through "
                        "child protection themselves. They are not social workers and do not "
                        "make decisions about your family."),
                      U, y, W, LOOK_PLAIN);
        y = paragraph(a, "advocate.how",
                      _("They explain what is happening in plain words, help you get ready for "
                        "meetings such as a child protection conference (a meeting about keeping "
                        "your child safe), and can come with you."),
                      U, y, W, LOOK_PLAIN);
        paragraph(a, "advocate.ask",
                  _("To ask for one, please speak to a member of staff at the desk. You can ask "
                    "for an interpreter."),
                  U, y, W, LOOK_NOTICE);
    } else {
        y = heading(a, "callback.title", _("Ask for a callback"), y);
        y = paragraph(a, "callback.what",
                      _("A member of the family hub team can phone you back at a time that suits "
                        "you, in your language if you need an interpreter."),
                      U, y, W, LOOK_PLAIN);
        paragraph(a, "callback.ask",
                  _("Please speak to a member of staff at the desk to arrange it."), U, y, W,
                  LOOK_NOTICE);
    }
}

static void build_staff_pin(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int bw = T * 5 / 2;
    ui_button_icon(ui, "staff.pin.cancel", "Cancel", R(U, U, bw, T), LOOK_SECONDARY, ICON_BACK);
    int y = U + T + U;
    y = heading(a, "staff.pin.title", "Staff: enter your PIN", y);
    char dots[64] = "";
    for (size_t i = 0; i < strlen(a->pin); i++)
        strcat(dots, "●");
    long locked = staff_locked_for(a->store, clock_now());
    char msg[160];
    if (locked > 0)
        snprintf(msg, sizeof msg, "Too many wrong tries. Try again in %ld seconds.", locked);
    else if (!staff_has_pin(a->store))
        snprintf(msg, sizeof msg, "No staff PIN is set on this kiosk. Set one with kiosk --set-staff-pin.");
    else
        snprintf(msg, sizeof msg, "%s", a->pin_message);
    int padw = 3 * T * 3 / 2 + 2 * U;
    int side = portrait(a) ? ui->w - 2 * U : ui->w - 3 * U - padw;
    UiWidget v = ui_proto("staff.pin.value", ROLE_FIELD);
    v.look = LOOK_KEY;
    ui_copy_text(v.text, sizeof v.text, dots);
    v.rect = R(U, y, side, T);
    v.enabled = false;
    v.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &v);
    if (msg[0])
        paragraph(a, "staff.pin.message", msg, U, y + T + U, side, locked > 0 ? LOOK_ERROR : LOOK_PLAIN);
    int px = portrait(a) ? (ui->w - padw) / 2 : ui->w - U - padw;
    int py = portrait(a) ? y + 3 * T : y;
    int kh = (ui->h - py - U) / 4 - U / 2;
    if (kh > T * 3 / 2)
        kh = T * 3 / 2;
    int kw = T * 3 / 2;
    const char *keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "enter" };
    for (int i = 0; i < 12; i++) {
        UiWidget k = ui_proto("", ROLE_KEY);
        snprintf(k.id, sizeof k.id, "staff.pin.%s", keys[i]);
        k.look = i == 11 ? LOOK_PRIMARY : LOOK_KEY;
        snprintf(k.text, sizeof k.text, "%s",
                 i == 9 ? "Clear" : i == 11 ? "Enter" : keys[i]);
        k.rect = R(px + (i % 3) * (kw + U), py + (i / 3) * (kh + U / 2), kw, kh);
        k.enabled = locked == 0 && staff_has_pin(a->store);
        k.no_mirror = true;
        k.align = TEXT_ALIGN_CENTER;
        k.weight = TEXT_BOLD;
        ui_add(ui, &k);
    }
}

static void build_staff(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int bw = T * 5 / 2;
    ui_button(ui, "staff.lock", "Lock", R(ui->w - U - bw, U, bw, T), LOOK_PRIMARY);
    char line[600], day[11];
    clock_local_day(clock_now(), day);
    UiWidget h = ui_proto("staff.title", ROLE_HEADING);
    snprintf(h.text, sizeof h.text, "Today, %s, at %s", day, content_hub_name(a->pack));
    int th = ui_text_height(ui, h.text, ui->font_heading, TEXT_BOLD, ui->w - 3 * U - bw);
    h.rect = R(U, U, ui->w - 3 * U - bw, th > T ? th : T);
    h.enabled = true;
    h.weight = TEXT_BOLD;
    ui_add(ui, &h);
    int y = U + h.rect.h + U;
    /* per-session totals */
    typedef struct { const char *id, *name; int fam, adults, kids, first; } Tot;
    Tot tot[MAX_SESSIONS];
    int nt = 0;
    for (int i = 0; i < a->staff.n; i++) {
        const AttendanceRow *r = &a->staff.rows[i];
        int k = 0;
        while (k < nt && strcmp(tot[k].id, r->session_id))
            k++;
        if (k == nt) {
            if (nt == MAX_SESSIONS)
                continue;
            tot[nt++] = (Tot){ r->session_id, r->session_name, 0, 0, 0, 0 };
        }
        tot[k].fam++;
        tot[k].adults += r->adults;
        tot[k].kids += r->children;
        tot[k].first += r->first_visit;
    }
    if (nt == 0)
        y = paragraph(a, "staff.none", "No check-ins yet today.", U, y, W, LOOK_PLAIN);
    int sh = ui->font_body * 3 / 2;
    for (int k = 0; k < nt; k++) {
        char id[32];
        snprintf(id, sizeof id, "staff.session.%d", k);
        snprintf(line, sizeof line, "%s: %d %s, %d adults, %d children, %d first visits",
                 tot[k].name, tot[k].fam, tot[k].fam == 1 ? "family" : "families", tot[k].adults,
                 tot[k].kids, tot[k].first);
        UiWidget *w = ui_text(ui, id, ROLE_TEXT, line, R(U, y, W, sh));
        if (w)
            w->weight = TEXT_BOLD;
        y += sh;
    }
    y += U;
    int foot = 2 * (ui->font_body * 3 / 2) + T + 2 * U;
    int per = (ui->h - y - foot) / sh;
    if (per < 1)
        per = 1;
    int pages = (a->staff.n + per - 1) / per;
    if (a->staff_page >= pages)
        a->staff_page = pages > 0 ? pages - 1 : 0;
    for (int k = 0; k < per; k++) {
        int i = a->staff_page * per + k;
        if (i >= a->staff.n)
            break;
        const AttendanceRow *r = &a->staff.rows[i];
        char id[32];
        snprintf(id, sizeof id, "staff.row.%d", i);
        snprintf(line, sizeof line, "%s  %s  ·  %s  ·  %d adult%s, %d child%s%s", r->time_hhmm,
                 r->first_name[0] ? r->first_name : "no name", r->session_name, r->adults,
                 r->adults == 1 ? "" : "s", r->children, r->children == 1 ? "" : "ren",
                 r->first_visit ? "  ·  first visit" : "");
        UiWidget *w = ui_text(ui, id, ROLE_TEXT, line, R(U, y + k * sh, W, sh));
        if (w)
            w->personal = true;
    }
    int fy = ui->h - foot + U;
    struct statvfs fs;
    double free_mb = statvfs(a->cfg.data_dir, &fs) == 0
                         ? (double)fs.f_bavail * (double)fs.f_frsize / 1048576.0 : -1;
    snprintf(line, sizeof line,
             "Device: %d record%s waiting to upload, %d not accepted by the server. "
             "Content %s%s. Storage free: %.0f MB%s. Kiosk %s.",
             a->counts.pending, a->counts.pending == 1 ? "" : "s", a->counts.rejected,
             content_version(a->pack), content_is_demo(a->pack) ? " (demo)" : "", free_mb,
             free_mb >= 0 && free_mb < 50 ? " (LOW: tell IT)" : "", KIOSK_VERSION);
    if (a->content_problem[0]) {
        size_t used = strlen(line);
        snprintf(line + used, sizeof line - used, " The new content pack was refused, so the "
                 "last good one is in use: %.300s", a->content_problem);
        fy -= ui->font_body * 3;
    }
    paragraph(a, "staff.device", line, U, fy, W, a->content_problem[0] ? LOOK_ERROR : LOOK_NOTICE);
    if (pages > 1) {
        int by = ui->h - U - T;
        UiWidget *p = ui_button(ui, "staff.prev", "Earlier", R(U, by, bw, T), LOOK_SECONDARY);
        if (p)
            p->enabled = a->staff_page > 0;
        UiWidget *n = ui_button(ui, "staff.next", "Later", R(ui->w - U - bw, by, bw, T),
                                LOOK_SECONDARY);
        if (n)
            n->enabled = a->staff_page < pages - 1;
    }
}

static void build_idle_prompt(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int pw = ui->w * 3 / 4, ph = ui->h / 2 + T;
    if (ph > ui->h - 2 * U - T - U)
        ph = ui->h - 2 * U - T - U;
    SDL_Rect p = R((ui->w - pw) / 2, U + T + U, pw, ph);
    UiWidget panel = ui_proto("idle.panel", ROLE_PANEL);
    panel.look = LOOK_NOTICE;
    panel.rect = p;
    panel.enabled = true;
    ui_add(ui, &panel);
    uint64_t wipe_at = a->last_input + (uint64_t)a->cfg.idle_s * 1000u;
    uint64_t now = clock_ms();
    long secs = wipe_at > now ? (long)((wipe_at - now + 999) / 1000) : 0;
    char n[16], msg[300];
    i18n_number(a->i18n, a->lang, secs, n, sizeof n);
    const char *k[] = { "seconds" }, *v[] = { n };
    i18n_format(msg, sizeof msg,
                P_("To keep your details private, this screen will clear in {seconds} second.",
                   "To keep your details private, this screen will clear in {seconds} seconds.",
                   secs),
                k, v, 1);
    int y = p.y + U;
    UiWidget t = ui_proto("idle.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, _("Are you still there?"));
    t.rect = R(p.x + 2 * U, y, p.w - 4 * U, ui->font_heading * 2);
    t.enabled = true;
    t.weight = TEXT_BOLD;
    t.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &t);
    y += ui->font_heading * 2;
    UiWidget m = ui_proto("idle.text", ROLE_TEXT);
    ui_copy_text(m.text, sizeof m.text, msg);
    m.rect = R(p.x + 2 * U, y, p.w - 4 * U, p.y + p.h - y - T - 2 * U);
    m.enabled = true;
    m.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &m);
    ui_button(ui, "idle.stay", _("I'm still here"), R(p.x + 2 * U, p.y + p.h - U - T, p.w - 4 * U, T),
              LOOK_PRIMARY);
}

/* Height of a one-line control in the current language: scripts that draw
 * taller (Nastaliq) get taller buttons, so their words fit at 80% or more
 * of the normal size. */
static int language_target(App *a)
{
    Ui *ui = &a->ui;
    const char *samples[] = { _("Quick exit"), _("Language"), _("Back"), _("Next"),
                              _("Check in"), _("Try again"), _("Tap to type"), _("Done") };
    int tallest = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        /* at 80%, one of the sizes ui_add tries, so the buttons reuse it */
        TextStyle st = { .size_px = ui->font_button * 4 / 5, .weight = TEXT_BOLD,
                         .lang = a->lang_tag,
                         .dir = cur_lang(a) && cur_lang(a)->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR };
        TextExtent e;
        if (text_measure(ui->te, samples[i], &st, 0, &e) == K_OK && e.h > tallest)
            tallest = e.h;
    }
    int need = tallest + 2 * ui->unit + 2;
    return need > ui->base_target ? need : ui->base_target;
}

void app_build(App *a)
{
    const LangInfo *li = cur_lang(a);
    bool staff = is_staff(a->screen);
    ui_begin(&a->ui, staff ? "en-GB" : a->lang_tag, staff ? false : (li && li->rtl));
    a->ui.target = staff ? a->ui.base_target : language_target(a);
    switch (a->screen) {
    case SCR_HOME: build_home(a); break;
    case SCR_LANGUAGE: build_language(a); break;
    case SCR_SESSIONS: build_sessions(a); break;
    case SCR_PARTY: build_party(a); break;
    case SCR_DETAILS: build_details(a); break;
    case SCR_KEYBOARD: build_keyboard(a); break;
    case SCR_CONFIRM: build_confirm(a); break;
    case SCR_THANKS: build_thanks(a); break;
    case SCR_SAVE_ERROR: build_save_error(a); break;
    case SCR_SUPPORT: build_support(a); break;
    case SCR_CALLBACK: build_ask(a, false); break;
    case SCR_ADVOCATE: build_ask(a, true); break;
    case SCR_STAFF_PIN: build_staff_pin(a); break;
    case SCR_STAFF: build_staff(a); break;
    case SCR_COUNT: break;
    }
    if (a->idle_prompt && !staff)
        build_idle_prompt(a);
    int p = a->pressed_id[0] ? ui_find(&a->ui, a->pressed_id) : -1;
    a->ui.pressed = p;
}

void app_draw(App *a)
{
    app_build(a);
    ui_render(&a->ui, a->r);
    a->dirty = false;
    time_t now = clock_now();
    a->drawn_minute = (long)(now / 60);
    a->drawn_second = (long)now;
}

/* ---- actions ------------------------------------------------------- */

static void save_checkin(App *a)
{
    CheckinRecord rec;
    memset(&rec, 0, sizeof rec);
    snprintf(rec.session_id, sizeof rec.session_id, "%s", a->v.session_id);
    snprintf(rec.session_name, sizeof rec.session_name, "%s", a->v.session_name);
    rec.adults = a->v.adults;
    memcpy(rec.children, a->v.children, sizeof rec.children);
    rec.first_visit = a->v.first_visit == 1;
    snprintf(rec.language, sizeof rec.language, "%s", a->lang_tag);
    snprintf(rec.first_name, sizeof rec.first_name, "%s", a->v.first_name);
    snprintf(rec.postcode_district, sizeof rec.postcode_district, "%s", a->v.postcode);
    snprintf(rec.consent_version, sizeof rec.consent_version, "%s", CONSENT_VERSION);
    char id[37];
    k_err rc = store_add_checkin(a->store, &rec, clock_now(), id);
    sodium_memzero(&rec, sizeof rec);
    if (rc != K_OK) {
        LOG_E("app", "check-in not saved: %s", k_strerror(rc));
        go(a, SCR_SAVE_ERROR);
        return;
    }
    LOG_I("app", "check-in %s saved", id);
    /* Saved: forget the personal parts at once; the thank-you shows only
     * the session. */
    sodium_memzero(a->v.first_name, sizeof a->v.first_name);
    sodium_memzero(a->v.postcode, sizeof a->v.postcode);
    a->thanks_until = clock_ms() + (uint64_t)a->cfg.thanks_s * 1000u;
    go(a, SCR_THANKS);
}

static void open_keyboard(App *a, Field f)
{
    a->field = f;
    a->kb_message[0] = '\0';
    const LangInfo *li = cur_lang(a);
    load_keyboard(a, f == FIELD_POSTCODE ? "en" : (li && li->keyboard[0] ? li->keyboard : "en"));
    a->back_to = SCR_DETAILS;
    go(a, SCR_KEYBOARD);
}

/* Adds typed text to the focused field, refusing what a name or postcode
 * cannot hold, with a message the visitor can read. */
static void type_text(App *a, const char *text)
{
    if (a->screen == SCR_STAFF_PIN) {
        for (const char *p = text; *p; p++)
            if (*p >= '0' && *p <= '9' && strlen(a->pin) < STAFF_PIN_MAX) {
                size_t n = strlen(a->pin);
                a->pin[n] = *p;
                a->pin[n + 1] = '\0';
            }
        a->dirty = true;
        return;
    }
    if (a->screen != SCR_KEYBOARD || a->field == FIELD_NONE)
        return;
    char *buf = a->field == FIELD_NAME ? a->v.first_name : a->v.postcode;
    size_t cap = a->field == FIELD_NAME ? sizeof a->v.first_name : sizeof a->v.postcode;
    size_t max_cp = a->field == FIELD_NAME ? NAME_MAX_CP : 4;
    a->dirty = true;
    if (!utf8_valid(text, strlen(text))) {
        snprintf(a->kb_message, sizeof a->kb_message, "%s", _("That text can't be used. Please try again."));
        return;
    }
    char next[sizeof a->v.first_name];
    snprintf(next, sizeof next, "%s", buf);
    size_t i = 0, len = strlen(text);
    while (i < len) {
        uint32_t cp = utf8_next(text, len, &i);
        if (a->field == FIELD_POSTCODE) {
            if (cp >= 'a' && cp <= 'z')
                cp -= 32;
            if (!((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))) {
                snprintf(a->kb_message, sizeof a->kb_message, "%s",
                         _("Only letters and numbers, like SM1."));
                continue;
            }
        }
        char one[8] = "";
        utf8_append(one, sizeof one, cp);
        if (!utf8_is_clean_text(one, 1)) {
            snprintf(a->kb_message, sizeof a->kb_message, "%s",
                     _("That character can't be used. Please try again."));
            continue;
        }
        if (utf8_count(next) + 1 > max_cp || !utf8_append(next, cap, cp)) {
            snprintf(a->kb_message, sizeof a->kb_message, "%s",
                     a->field == FIELD_NAME ? _("That is as long as a name can be here.")
                                            : _("That is the whole first half of a postcode."));
            break;
        }
    }
    memcpy(buf, next, cap);
    sodium_memzero(next, sizeof next);
}

static void backspace(App *a)
{
    if (a->screen == SCR_STAFF_PIN) {
        size_t n = strlen(a->pin);
        if (n)
            a->pin[n - 1] = '\0';
    } else if (a->screen == SCR_KEYBOARD) {
        utf8_pop(a->field == FIELD_NAME ? a->v.first_name : a->v.postcode);
        a->kb_message[0] = '\0';
    }
    a->dirty = true;
}

static bool postcode_ok(const char *p)
{
    /* outward code: A9, A99, AA9, AA99, A9A, AA9A */
    size_t n = strlen(p), i = 0;
    if (n < 2 || n > 4)
        return false;
    int letters = 0;
    while (i < n && p[i] >= 'A' && p[i] <= 'Z' && letters < 2) {
        i++;
        letters++;
    }
    if (letters == 0 || i >= n || p[i] < '0' || p[i] > '9')
        return false;
    i++;
    if (i < n && ((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'A' && p[i] <= 'Z')))
        i++;
    return i == n;
}

static void keyboard_done(App *a)
{
    if (a->field == FIELD_POSTCODE && a->v.postcode[0] && !postcode_ok(a->v.postcode)) {
        snprintf(a->kb_message, sizeof a->kb_message, "%s",
                 _("Please type just the first half, like SM1 or SM5. You can also leave it empty."));
        a->dirty = true;
        return;
    }
    a->field = FIELD_NONE;
    go(a, SCR_DETAILS);
}

static void press_key(App *a, const char *id)
{
    const KeyPage *pg = &a->kb.pages[a->kb_page];
    int r, k;
    if (sscanf(id, "kbd.key.%d.%d", &r, &k) == 2 && r >= 0 && r < pg->nrows && k >= 0 &&
        k < pg->nkeys[r]) {
        type_text(a, pg->keys[r][k].text);
        if (a->kb_shift_once) {
            a->kb_shift_once = false;
            a->kb_page = 0;
        }
        return;
    }
    if (!strcmp(id, "kbd.back"))
        backspace(a);
    else if (!strcmp(id, "kbd.space"))
        type_text(a, " ");
    else if (!strcmp(id, "kbd.done"))
        keyboard_done(a);
    else if (!strcmp(id, "kbd.shift")) {
        int sp = kb_page(&a->kb, "shift");
        if (sp >= 0) {
            a->kb_page = a->kb_page == sp ? 0 : sp;
            a->kb_shift_once = a->kb_page == sp;
        }
    } else if (!strncmp(id, "kbd.page.", 9)) {
        int p = kb_page(&a->kb, id + 9);
        if (p >= 0)
            a->kb_page = p;
        a->kb_shift_once = false;
    } else if (!strcmp(id, "kbd.switch")) {
        const LangInfo *li = cur_lang(a);
        const char *own = li && li->keyboard[0] ? li->keyboard : "en";
        if (a->kb.latin[0])
            load_keyboard(a, a->kb.latin);
        else if (strcmp(own, a->kb_id))
            load_keyboard(a, own);
    }
    a->dirty = true;
}

static void staff_enter(App *a)
{
    k_err rc = staff_check_pin(a->store, a->pin, clock_now());
    sodium_memzero(a->pin, sizeof a->pin);
    switch (rc) {
    case K_OK:
        a->pin_message[0] = '\0';
        load_staff(a);
        a->staff_page = 0;
        LOG_I("app", "staff view opened");
        go(a, SCR_STAFF);
        return;
    case K_ERR_DENIED:
        snprintf(a->pin_message, sizeof a->pin_message, "That PIN is not right. Please try again.");
        break;
    case K_ERR_LOCKED:
        break;
    default:
        snprintf(a->pin_message, sizeof a->pin_message, "The PIN could not be checked (%s).",
                 k_strerror(rc));
        break;
    }
    a->dirty = true;
}

static void activate(App *a, const char *id)
{
    a->dirty = true;
    if (!strcmp(id, "nav.exit")) {
        LOG_I("app", "quick exit");
        go_home_wiped(a);
        return;
    }
    if (a->idle_prompt) {
        a->idle_prompt = false;
        if (strcmp(id, "idle.stay"))
            return;
        return;
    }
    if (!strcmp(id, "nav.lang") || !strcmp(id, "home.greeting")) {
        a->back_to = a->screen;
        go(a, SCR_LANGUAGE);
        return;
    }
    if (!strcmp(id, "nav.back")) {
        switch (a->screen) {
        case SCR_LANGUAGE: go(a, a->back_to); break;
        case SCR_PARTY: go(a, SCR_SESSIONS); break;
        case SCR_DETAILS: go(a, SCR_PARTY); break;
        case SCR_KEYBOARD: a->field = FIELD_NONE; go(a, SCR_DETAILS); break;
        case SCR_CONFIRM: go(a, SCR_DETAILS); break;
        default: go_home_wiped(a); break;
        }
        return;
    }
    switch (a->screen) {
    case SCR_HOME:
        if (!strcmp(id, "home.checkin")) {
            refresh_sessions(a);
            a->session_page = 0;
            go(a, SCR_SESSIONS);
        } else if (!strcmp(id, "home.support"))
            go(a, SCR_SUPPORT);
        else if (!strcmp(id, "home.callback"))
            go(a, SCR_CALLBACK);
        else if (!strcmp(id, "home.advocate"))
            go(a, SCR_ADVOCATE);
        break;
    case SCR_LANGUAGE:
        if (!strncmp(id, "lang.", 5)) {
            app_set_language(a, id + 5);
            if (a->back_to == SCR_KEYBOARD)
                open_keyboard(a, a->field);
            else
                go(a, a->back_to == SCR_LANGUAGE ? SCR_HOME : a->back_to);
        }
        break;
    case SCR_SESSIONS: {
        int i;
        if (sscanf(id, "checkin.session.%d", &i) == 1 && i >= 0 && i < a->nsessions) {
            a->v.session = i;
            snprintf(a->v.session_id, sizeof a->v.session_id, "%s", a->sessions[i].id);
            snprintf(a->v.session_name, sizeof a->v.session_name, "%s", a->sessions[i].name);
            go(a, SCR_PARTY);
        } else if (!strcmp(id, "sessions.more"))
            a->session_page++;
        else if (!strcmp(id, "sessions.prev") && a->session_page > 0)
            a->session_page--;
        break;
    }
    case SCR_PARTY: {
        if (!strcmp(id, "party.next")) {
            go(a, SCR_DETAILS);
            break;
        }
        bool plus = strstr(id, ".plus") != NULL;
        int d = plus ? 1 : (strstr(id, ".minus") ? -1 : 0);
        if (!strncmp(id, "party.adults.", 13)) {
            int v = a->v.adults + d;
            if (v >= 1 && v <= 20)
                a->v.adults = v;
        } else if (!strncmp(id, "party.band.", 11)) {
            for (int b = 0; b < BAND_COUNT; b++) {
                const char *name = store_band_name((AgeBand)b);
                size_t n = strlen(name);
                if (!strncmp(id + 11, name, n) && id[11 + n] == '.') {
                    int v = a->v.children[b] + d;
                    if (v >= 0 && v <= 20)
                        a->v.children[b] = v;
                }
            }
        }
        break;
    }
    case SCR_DETAILS:
        if (!strcmp(id, "details.first.yes"))
            a->v.first_visit = 1;
        else if (!strcmp(id, "details.first.no"))
            a->v.first_visit = 0;
        else if (!strcmp(id, "details.name"))
            open_keyboard(a, FIELD_NAME);
        else if (!strcmp(id, "details.postcode"))
            open_keyboard(a, FIELD_POSTCODE);
        else if (!strcmp(id, "details.next") && a->v.first_visit >= 0)
            go(a, SCR_CONFIRM);
        break;
    case SCR_KEYBOARD:
        press_key(a, id);
        break;
    case SCR_CONFIRM:
        if (!strcmp(id, "confirm.ok"))
            save_checkin(a);
        break;
    case SCR_THANKS:
        if (!strcmp(id, "thanks.done"))
            go_home_wiped(a);
        break;
    case SCR_SAVE_ERROR:
        if (!strcmp(id, "error.retry"))
            save_checkin(a);
        else if (!strcmp(id, "error.home"))
            go_home_wiped(a);
        break;
    case SCR_STAFF_PIN:
        if (!strcmp(id, "staff.pin.cancel"))
            go_home_wiped(a);
        else if (!strcmp(id, "staff.pin.clear"))
            a->pin[0] = '\0';
        else if (!strcmp(id, "staff.pin.enter"))
            staff_enter(a);
        else if (!strncmp(id, "staff.pin.", 10) && id[10] >= '0' && id[10] <= '9' && !id[11])
            type_text(a, id + 10);
        break;
    case SCR_STAFF:
        if (!strcmp(id, "staff.lock")) {
            LOG_I("app", "staff view locked");
            go_home_wiped(a);
        } else if (!strcmp(id, "staff.next"))
            a->staff_page++;
        else if (!strcmp(id, "staff.prev") && a->staff_page > 0)
            a->staff_page--;
        break;
    default:
        break;
    }
}

/* ---- input --------------------------------------------------------- */

static void pointer_down(App *a, int x, int y)
{
    a->last_input = clock_ms();
    if (a->dirty)
        app_build(a);
    int i = ui_hit(&a->ui, x, y);
    a->pressed_id[0] = '\0';
    if (i >= 0)
        snprintf(a->pressed_id, sizeof a->pressed_id, "%s", a->ui.w_list[i].id);
    /* a long press on the hub name opens the staff PIN pad */
    int hub = a->screen == SCR_HOME && !a->idle_prompt ? ui_find(&a->ui, "home.hub") : -1;
    a->long_press_armed = false;
    if (hub >= 0) {
        SDL_Rect r = a->ui.w_list[hub].rect;
        if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) {
            a->long_press_armed = true;
            a->press_start = clock_ms();
        }
    }
    a->dirty = true;
}

static void pointer_up(App *a, int x, int y)
{
    a->last_input = clock_ms();
    a->long_press_armed = false;
    if (a->dirty)
        app_build(a);
    int i = ui_hit(&a->ui, x, y);
    char id[48];
    snprintf(id, sizeof id, "%s", a->pressed_id);
    a->pressed_id[0] = '\0';
    a->dirty = true;
    if (i >= 0 && id[0] && !strcmp(a->ui.w_list[i].id, id))
        activate(a, id);
    else if (a->idle_prompt)
        a->idle_prompt = false;
}

void app_handle_event(App *a, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_FINGERDOWN:
        pointer_down(a, (int)(ev->tfinger.x * a->ui.w), (int)(ev->tfinger.y * a->ui.h));
        break;
    case SDL_FINGERUP:
        pointer_up(a, (int)(ev->tfinger.x * a->ui.w), (int)(ev->tfinger.y * a->ui.h));
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            pointer_down(a, ev->button.x, ev->button.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            pointer_up(a, ev->button.x, ev->button.y);
        break;
    case SDL_TEXTINPUT:
        a->last_input = clock_ms();
        type_text(a, ev->text.text);
        break;
    case SDL_KEYDOWN:
        a->last_input = clock_ms();
        if (ev->key.keysym.sym == SDLK_BACKSPACE)
            backspace(a);
        else if (ev->key.keysym.sym == SDLK_RETURN || ev->key.keysym.sym == SDLK_KP_ENTER) {
            if (a->screen == SCR_KEYBOARD)
                keyboard_done(a);
            else if (a->screen == SCR_STAFF_PIN)
                staff_enter(a);
        }
        break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
            ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            a->dirty = true;
        break;
    default:
        break;
    }
}

/* ---- timers -------------------------------------------------------- */

static bool visitor_busy(const App *a)
{
    return a->screen != SCR_HOME && !is_staff(a->screen);
}

void app_tick(App *a)
{
    uint64_t now = clock_ms();
    time_t wall = clock_now();
    /* a new day: yesterday's names and parties leave the device */
    char day[11];
    clock_local_day(wall, day);
    if (strcmp(day, a->today) != 0 && !visitor_busy(a) && a->screen != SCR_STAFF) {
        if (store_purge_before(a->store, day) == K_OK) {
            LOG_I("app", "day end: earlier attendance purged");
            memcpy(a->today, day, sizeof a->today);
        } else {
            LOG_W("app", "day end: could not purge earlier attendance");
        }
    }
    if (a->long_press_armed && now - a->press_start >= LONG_PRESS_MS) {
        a->long_press_armed = false;
        a->pressed_id[0] = '\0';
        wipe_visit(a);
        set_lang_index(a, a->default_lang);
        a->pin[0] = '\0';
        a->pin_message[0] = '\0';
        a->last_input = now;
        go(a, SCR_STAFF_PIN);
        return;
    }
    if (a->screen == SCR_THANKS && now >= a->thanks_until) {
        go_home_wiped(a);
        return;
    }
    if (is_staff(a->screen)) {
        if (now - a->last_input >= (uint64_t)a->cfg.staff_idle_s * 1000u) {
            LOG_I("app", "staff view locked after %d s idle", a->cfg.staff_idle_s);
            go_home_wiped(a);
            return;
        }
        if (a->screen == SCR_STAFF_PIN && (long)wall != a->drawn_second &&
            staff_locked_for(a->store, wall) >= 0 &&
            (staff_locked_for(a->store, wall) > 0 || a->drawn_second != 0))
            a->dirty |= staff_locked_for(a->store, wall) > 0 ||
                        staff_locked_for(a->store, wall - 1) > 0;
    } else {
        uint64_t idle = now - a->last_input;
        if (visitor_busy(a) || a->lang != a->default_lang) {
            if (idle >= (uint64_t)a->cfg.idle_s * 1000u) {
                LOG_I("app", "visitor idle for %d s: entries wiped", a->cfg.idle_s);
                go_home_wiped(a);
                return;
            }
            if (visitor_busy(a) &&
                idle >= (uint64_t)(a->cfg.idle_s - a->cfg.idle_prompt_s) * 1000u) {
                if (!a->idle_prompt)
                    a->idle_prompt = true;
                if ((long)wall != a->drawn_second)
                    a->dirty = true;
            }
        }
        if (a->screen == SCR_HOME && a->lang == a->default_lang && now >= a->greet_next) {
            a->greet_idx = (a->greet_idx + 1) % i18n_count(a->i18n);
            a->greet_next = now + GREETING_MS;
            a->dirty = true;
        }
    }
    if ((long)(wall / 60) != a->drawn_minute && (a->screen == SCR_HOME || a->screen == SCR_STAFF))
        a->dirty = true;
}

static uint64_t min64(uint64_t x, uint64_t y) { return x < y ? x : y; }

uint64_t app_next_deadline(App *a)
{
    uint64_t now = clock_ms(), d = UINT64_MAX;
    time_t wall = clock_now();
    if (a->long_press_armed)
        d = min64(d, a->press_start + LONG_PRESS_MS);
    if (a->screen == SCR_THANKS)
        d = min64(d, a->thanks_until);
    if (is_staff(a->screen)) {
        d = min64(d, a->last_input + (uint64_t)a->cfg.staff_idle_s * 1000u);
        if (a->screen == SCR_STAFF_PIN && staff_locked_for(a->store, wall) > 0)
            d = min64(d, now + 1000);
    } else {
        if (visitor_busy(a) || a->lang != a->default_lang)
            d = min64(d, a->last_input + (uint64_t)a->cfg.idle_s * 1000u);
        if (visitor_busy(a)) {
            uint64_t prompt = a->last_input + (uint64_t)(a->cfg.idle_s - a->cfg.idle_prompt_s) * 1000u;
            d = min64(d, a->idle_prompt ? now + 1000 - now % 1000 : prompt);
        }
        if (a->screen == SCR_HOME && a->lang == a->default_lang)
            d = min64(d, a->greet_next);
    }
    if (a->screen == SCR_HOME || a->screen == SCR_STAFF)
        d = min64(d, now + (uint64_t)(60 - wall % 60) * 1000u);
    return d;
}
