/* screens.c — what each screen shows: the build_* function of the
 * current screen adds its widgets (with stable ids, docs/headless.md) to
 * the Ui, laid out left to right for the screen's size and the language's
 * line height; ui_add mirrors them for right-to-left languages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "app_private.h"
#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/staff.h"

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
    int gi = a->screen == SCR_HOME && a->lang == a->default_lang
                 ? (a->default_lang + a->greet_idx) % n : a->lang;
    const LangInfo *gl = i18n_lang(a->i18n, gi);
    UiWidget g = ui_proto("home.greeting", ROLE_BUTTON);
    g.weight = TEXT_REGULAR;
    g.look = LOOK_SELECTED;
    snprintf(g.text, sizeof g.text, "%s  %s", i18n_get(a->i18n, gi, NULL, "Welcome."),
             i18n_get(a->i18n, gi, NULL, "Tap here for your language."));
    int greet_h = T * 5 / 4;
    g.rect = R(U, y, W - 2 * U, greet_h);
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
    v.weight = TEXT_BOLD;
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
    ui_add(ui, &l);
    y += lh + U / 2;
    UiWidget f = ui_proto("", ROLE_FIELD);
    snprintf(f.id, sizeof f.id, "%s", id);
    f.look = LOOK_KEY;
    ui_copy_text(f.text, sizeof f.text, value[0] ? value : placeholder);
    f.personal = value[0] != '\0';
    f.rect = R(U, y, field_w, T);
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
        snprintf(line, sizeof line, "%s: %d %s, %d %s, %d %s, %d first %s", tot[k].name,
                 tot[k].fam, tot[k].fam == 1 ? "family" : "families", tot[k].adults,
                 tot[k].adults == 1 ? "adult" : "adults", tot[k].kids,
                 tot[k].kids == 1 ? "child" : "children", tot[k].first,
                 tot[k].first == 1 ? "visit" : "visits");
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
    /* dim the screen below the bar; Quick exit stays bright and usable */
    UiWidget shade = ui_proto("idle.shade", ROLE_PANEL);
    shade.look = LOOK_SHADE;
    shade.rect = R(0, U + T + U / 2, ui->w, ui->h - (U + T + U / 2));
    ui_add(ui, &shade);
    UiWidget panel = ui_proto("idle.panel", ROLE_PANEL);
    panel.look = LOOK_NOTICE;
    panel.rect = p;
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
    t.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &t);
    y += ui->font_heading * 2;
    UiWidget m = ui_proto("idle.text", ROLE_TEXT);
    ui_copy_text(m.text, sizeof m.text, msg);
    m.rect = R(p.x + 2 * U, y, p.w - 4 * U, p.y + p.h - y - T - 2 * U);
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
