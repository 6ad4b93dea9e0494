/* home.c — the home screen: the hub's name (a long press opens the staff
 * PIN pad, see app.c), the date, a greeting that cycles through the
 * languages, and the four ways in. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"

void home_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w, H = ui->h;
    int bw = lay_bar_button_w(ui);
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
        int hh = ui_text_height(ui, hub.text, ui->font_title, TEXT_BOLD, W - 2 * U, false);
        hub.rect = R(U, y, W - 2 * U, hh);
        y += hh + U;
    }
    ui_add(ui, &hub);

    char date[128], tod[32], line[200];
    struct tm now;
    clock_local(a->build_wall, &now);
    i18n_date(a->i18n, a->lang, &now, date, sizeof date);
    i18n_time_of_day(a->i18n, a->lang, now.tm_hour * 60 + now.tm_min, tod, sizeof tod);
    snprintf(line, sizeof line, "%s  ·  %s", date, tod);
    int dh = ui_text_height(ui, line, ui->font_body, TEXT_REGULAR, W - 2 * U, false);
    ui_text(ui, "home.date", ROLE_TEXT, line, R(U, y, W - 2 * U, dh));
    y += dh + U;

    /* the greeting cycles through the languages: tapping it opens the list */
    int n = i18n_count(a->i18n);
    int gi = a->lang == a->default_lang ? (a->default_lang + a->greet_idx) % n : a->lang;
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

bool home_tap(App *a, const char *id)
{
    static const struct { const char *id; Screen to; } ways[] = {
        { "home.checkin", SCR_SESSIONS },
        { "home.support", SCR_SUPPORT },
        { "home.callback", SCR_CALLBACK },
        { "home.advocate", SCR_ADVOCATE },
    };
    for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++)
        if (!strcmp(id, ways[i].id)) {
            app_go(a, ways[i].to);
            return true;
        }
    return false;
}
