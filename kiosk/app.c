/* app.c — the kiosk's state, navigation, input and timers.
 *
 * One App holds the visitor's entries (Visitor, visitor.h) only in memory
 * until they confirm; one wipe (idle, Quick exit, after saving, staff lock)
 * zeroes them. Screens are built from scratch whenever something changed
 * (immediate mode), through the screen table (kiosk/screens/screens.h):
 * this file knows no screen's functions by name. */
#include "app_private.h"
#include "screens/screens.h"

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


Screen app_screen(const App *a) { return a->screen; }
Ui *app_ui(App *a) { return &a->ui; }
Store *app_store(App *a) { return a->store; }
TextEngine *app_text(App *a) { return a->te; }
bool app_needs_redraw(App *a) { return a->dirty; }



/* ---- visitor data and navigation ----------------------------------- */

/* The staff list is filled from its first row on, and a stored attendance
 * row is never all zero (it has a time and a session), so the rows filled
 * since the last wipe are those before the first all-zero one, however
 * often the list was read again with fewer rows. Zeroing only those keeps
 * the untouched rest of the table out of memory (and quick at every go-home). */
static void wipe_staff(App *a)
{
    for (int k = 0; a->staff.rows && k < a->staff.cap; k++) {
        AttendanceRow *r = &a->staff.rows[k];
        if (sodium_is_zero((const unsigned char *)r, sizeof *r))
            break;
        sodium_memzero(r, sizeof *r);
    }
    a->staff.n = 0;
    sodium_memzero(a->pin, sizeof a->pin);
    a->pin_message[0] = '\0';
    a->staff_page = 0;
}

/* SDL keeps the entries of its event queue for reuse, and a text event's
 * entry still holds what was typed after the event is read. Fills the most
 * recently freed entries with empty events of the kiosk's own type and
 * takes them out again; pending events are left alone. With drop_text,
 * typed text still queued is dropped first (a wipe). Cannot fail (when
 * SDL's queue is not running there is nothing to overwrite). */
static void wipe_event_queue(bool drop_text)
{
    static Uint32 blank_type;
    if (!blank_type) {
        Uint32 t = SDL_RegisterEvents(1);
        if (t == (Uint32)-1)
            return;
        blank_type = t;
    }
    if (drop_text)
        SDL_FlushEvents(SDL_TEXTEDITING, SDL_TEXTINPUT);
    enum { BLANKS = 32 };   /* more than text events ever queued at once */
    SDL_Event blank[BLANKS];
    memset(blank, 0, sizeof blank);
    for (int i = 0; i < BLANKS; i++)
        blank[i].type = blank_type;
    if (SDL_PeepEvents(blank, BLANKS, SDL_ADDEVENT, 0, 0) > 0)
        SDL_FlushEvent(blank_type);
}

/* Everything a visitor or a member of staff entered or was shown leaves
 * memory: the visitor's entries, the staff list, the widget list's text,
 * SDL's copies of what was typed. */
static void wipe_all(App *a)
{
    wipe_event_queue(true);
    visitor_wipe(&a->v);
    support_wipe(a);
    wipe_staff(a);
    a->thanks_session = -1;
    a->thanks_session_name[0] = '\0';
    listen_stop(a);
    ui_wipe(&a->ui);
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

bool app_is_staff(const App *a)
{
    return screen_def(a->screen)->staff;
}

void app_go(App *a, Screen s)
{
    Screen from = a->screen;
    a->screen = s;
    a->dirty = true;
    const ScreenDef *d = screen_def(s);
    if (d->on_enter)
        d->on_enter(a, from);
}

void app_go_home(App *a)
{
    wipe_all(a);
    a->idle_prompt = false;
    a->session_page = 0;
    a->pressed_id[0] = '\0';
    a->long_press_armed = false;
    set_lang_index(a, a->default_lang);
    a->greet_idx = 0;
    a->greet_next = clock_ms() + GREETING_MS;
    app_go(a, SCR_HOME);
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

/* True when files a and b both open and hold the same bytes: the pack is
 * already kept, and the copy (with its fsync, several ms at every start)
 * is not needed. */
static bool same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fa ? fopen(b, "rb") : NULL;
    bool same = fa && fb;
    char ba[8192], bb[8192];
    while (same) {
        size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
        same = na == nb && memcmp(ba, bb, na) == 0 && !ferror(fa) && !ferror(fb);
        if (na == 0)
            break;
    }
    if (fb)
        fclose(fb);
    if (fa)
        fclose(fa);
    return same;
}

/* Loads the configured content pack. A good pack is kept as the data
 * directory's last good copy; a pack that fails is refused whole and the
 * last good copy is used instead, with the problem shown to staff. Returns
 * K_ERR_INVALID (message in err) only when neither can be loaded. */
static k_err load_pack(App *a, char *err, size_t errlen)
{
    char last[700];
    if (app_directory_start(a))
        return K_OK;
    snprintf(last, sizeof last, "%s/content-last-good.json", a->cfg.data_dir);
    a->pack = content_load(a->cfg.content_pack, err, errlen);
    if (a->pack) {
        if (!same_bytes(a->cfg.content_pack, last) &&
            copy_file_atomic(a->cfg.content_pack, last) != K_OK)
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
    a->i18n = i18n_open_lazy(cfg->locales_dir, "en-GB", err, errlen);
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
    app_store_note(a);
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
    if (app_upload_start(a, err, errlen) != K_OK)
        goto fail;
    a->staff.cap = MAX_STAFF_ROWS;
    a->staff.rows = calloc(MAX_STAFF_ROWS, sizeof *a->staff.rows);
    if (!a->staff.rows) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    ui_init(&a->ui, a->te, w, h, cfg->diagonal_in);
    listen_open(a);
    staff_speech_restore(a);   /* the volume staff kept wins over speech.volume */
    clock_local_day(clock_now(), a->today);
    /* a day whose closing time passed while the kiosk was off ends now */
    app_day_end_start(a);
    app_go_home(a);
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
    wipe_all(a);
    speech_free(a->speech);
    free(a->staff.rows);
    ui_free(&a->ui);
    app_upload_stop(a);
    store_close(a->store);
    content_free(a->pack);
    directory_close(a->dir);
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

/* ---- taps ---------------------------------------------------------- */

/* A tap on the widget id: Quick exit, the idle prompt and Language first,
 * then the screen's own taps, then Back as the screen's row says. */
static void activate(App *a, const char *id)
{
    a->dirty = true;
    if (listen_tap(a, id))
        return;
    if (!strcmp(id, "nav.exit")) {
        app_go_home(a);
        return;
    }
    if (a->idle_prompt) {
        screen_idle_overlay()->on_tap(a, id);
        return;
    }
    if (!strcmp(id, "nav.lang") || !strcmp(id, "home.greeting")) {
        a->back_to = a->screen;
        app_go(a, SCR_LANGUAGE);
        return;
    }
    const ScreenDef *d = screen_def(a->screen);
    if (d->on_tap && d->on_tap(a, id))
        return;
    if (!strcmp(id, "nav.back")) {
        if (d->back == BACK_RETURN)
            app_go(a, a->back_to);
        else if (d->back >= 0 && d->back < (int)SCR_COUNT)
            app_go(a, (Screen)d->back);
        else
            app_go_home(a);
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
    case SDL_TEXTINPUT: {
        a->last_input = clock_ms();
        listen_typed(a);
        const ScreenDef *d = screen_def(a->screen);
        if (d->on_text)
            d->on_text(a, ev->text.text);
        wipe_event_queue(false);   /* SDL's entry for this text */
        break;
    }
    case SDL_KEYDOWN: {
        a->last_input = clock_ms();
        const ScreenDef *d = screen_def(a->screen);
        SDL_Keycode k = ev->key.keysym.sym;
        if (d->on_key && k == SDLK_BACKSPACE)
            d->on_key(a, HARD_BACKSPACE);
        else if (d->on_key && (k == SDLK_RETURN || k == SDLK_KP_ENTER))
            d->on_key(a, HARD_ENTER);
        break;
    }
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
    return a->screen != SCR_HOME && !app_is_staff(a);
}

void app_tick(App *a)
{
    uint64_t now = clock_ms();
    time_t wall = clock_now();
    /* closing time: the day's names and delivered records leave the
     * device, its counts stay (app_day_end.c) */
    app_day_end_tick(a);
    if (a->long_press_armed && now - a->press_start >= LONG_PRESS_MS) {
        a->long_press_armed = false;
        a->pressed_id[0] = '\0';
        wipe_all(a);
        set_lang_index(a, a->default_lang);
        a->last_input = now;
        app_go(a, SCR_STAFF_PIN);
        return;
    }
    app_upload_tick(a);
    listen_tick(a);
    const ScreenDef *d = screen_def(a->screen);
    if (d->on_tick) {
        Screen before = a->screen;
        d->on_tick(a);
        if (a->screen != before)
            return;
    }
    if (d->staff) {
        if (now - a->last_input >= (uint64_t)a->cfg.staff_idle_s * 1000u) {
            LOG_I("app", "staff view locked after %d s idle", a->cfg.staff_idle_s);
            app_go_home(a);
            return;
        }
    } else {
        uint64_t idle = now - a->last_input;
        if (visitor_busy(a) || a->lang != a->default_lang) {
            if (idle >= (uint64_t)a->cfg.idle_s * 1000u) {
                LOG_I("app", "visitor idle for %d s: entries wiped", a->cfg.idle_s);
                app_go_home(a);
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
    if (app_is_staff(a)) {
        d = min64(d, a->last_input + (uint64_t)a->cfg.staff_idle_s * 1000u);
        if (a->screen == SCR_STAFF_PIN && a->pin_locked_for > 0)
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
    if (a->listen_on)   /* the Listen button shows when the speech ends */
        d = min64(d, now + 200);
    if (store_is_alone(a->store))   /* the store is tried again (app_upload_tick) */
        d = min64(d, a->share_next);
    return d;
}

/* ---- drawing ------------------------------------------------------- */

void app_build(App *a)
{
    a->build_wall = clock_now();
    a->build_ms = clock_ms();
    screens_build(a);
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
