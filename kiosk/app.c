/* app.c — the kiosk's state, navigation, input and timers.
 *
 * One App holds the visitor's entries (Visit) only in memory until they
 * confirm; a wipe (idle, Quick exit, after saving) zeroes them. Screens are
 * built from scratch whenever something changed (immediate mode) by
 * screens.c. */
#include "app_private.h"

#include <errno.h>
#include <sodium.h>
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
