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
    int below = 0;
    int end = lay_end_buttons(a, U, W / 4, &below);
    /* hub name: a 3-second press opens the staff PIN pad. Beside the
     * buttons when there is room (at the least size ui_add may give it),
     * else on its own row. */
    UiWidget hub = ui_proto("home.hub", ROLE_HEADING);
    ui_copy_text(hub.text, sizeof hub.text,
                 content_text(a->pack, a->lang_tag, content_hub_id(a->pack), "name",
                              content_hub_name(a->pack)));
    hub.font_px = ui->font_title;
    int beside = end - 2 * U;
    int y = below;
    bool one_row = below <= U + T + U;
    TextStyle ts = { .size_px = ui->font_title * 4 / 5, .weight = TEXT_BOLD,
                     .lang = a->lang_tag };
    TextExtent te = { 0 };
    text_measure(ui->te, hub.text, &ts, 0, &te);
    if (one_row && te.w <= beside && te.h <= T) {
        hub.rect = R(U, U, beside, T);
    } else {
        int hh = ui_text_height(ui, hub.text, ui->font_title, TEXT_BOLD, W - 2 * U, false);
        hub.rect = R(U, y, W - 2 * U, hh);
        y += hh + U;
    }
    ui_add(ui, &hub);

    /* the greeting cycles through the languages: tapping it opens the list */
    int n = i18n_count(a->i18n);
    int gi = a->lang == a->default_lang ? (a->default_lang + a->greet_idx) % n : a->lang;
    const LangInfo *gl = i18n_lang(a->i18n, gi);
    UiWidget g = ui_proto("home.greeting", ROLE_BUTTON);
    g.weight = TEXT_REGULAR;
    g.look = LOOK_SELECTED;
    snprintf(g.text, sizeof g.text, "%s  %s", i18n_get(a->i18n, gi, NULL, "Welcome."),
             i18n_get(a->i18n, gi, NULL, "Tap here for your language."));
    int greet_h = T;
    int fbw = portrait(a) ? 0 : feedback_home_width(a);   /* "How was today?" beside it */
    g.rect = R(U, y, W - 2 * U - fbw, greet_h);
    feedback_home_entry(a, R(W - fbw, y, fbw - U, greet_h));
    g.lang = gl ? gl->tag : NULL;
    ui_add(ui, &g);
    y += greet_h + theme_space(U, SP_TWO);

    /* the footer: the date and time, and the demo note */
    char date[128], tod[32], line[200];
    struct tm now;
    clock_local(a->build_wall, &now);
    i18n_date(a->i18n, a->lang, &now, date, sizeof date);
    i18n_time_of_day(a->i18n, a->lang, now.tm_hour * 60 + now.tm_min, tod, sizeof tod);
    snprintf(line, sizeof line, "%s  \xC2\xB7  %s", date, tod);
    bool demo = content_is_demo(a->pack);
    int dw = demo ? (W - 3 * U) / 2 : W - 2 * U;
    const char *demo_s = _("Demo: example hub and session times.");
    int foot = ui_text_height(ui, line, ui->font_small, TEXT_REGULAR, dw, false);
    int demo_h = demo ? ui_text_height(ui, demo_s, ui->font_small, TEXT_REGULAR, dw, false) : 0;
    foot = (foot > demo_h ? foot : demo_h) + U;
    /* four tiles, each an icon over its words: in a row on a wide screen,
     * two by two on a tall or narrow one */
    bool row = !portrait(a);
    int cols = row ? 4 : 2, rows = row ? 1 : 2, gap = theme_space(U, SP_TWO);
    int fb_row = portrait(a) ? T + gap : 0;   /* "How was today?" under the tiles */
    int gw = (W - 2 * U - gap * (cols - 1)) / cols,
        gh = (H - y - U - foot - fb_row - gap * (rows - 1)) / rows;
    if (fb_row)
        feedback_home_entry(a, R(U, y + rows * (gh + gap), W - 2 * U, T));
    struct { const char *id, *text; UiIcon icon; } b[4] = {
        { "home.checkin", _("Check in"), GLYPH_CHECKIN },
        { "home.support", _("Find support"), GLYPH_SUPPORT },
        { "home.callback", _("Ask for a callback"), GLYPH_CALLBACK },
        { "home.advocate", _("Ask for an advocate"), GLYPH_ADVOCATE },
    };
    for (int i = 0; i < 4; i++) {
        int c = i % cols, r = i / cols;
        UiWidget t = ui_proto(b[i].id, ROLE_BUTTON);
        t.look = i == 0 ? LOOK_PRIMARY : LOOK_SECONDARY;
        ui_copy_text(t.text, sizeof t.text, b[i].text);
        t.rect = R(U + c * (gw + gap), y + r * (gh + gap), gw, gh);
        t.icon = b[i].icon;
        t.icon_above = true;
        ui_add(ui, &t);
    }
    UiWidget dt = ui_proto("home.date", ROLE_TEXT);
    ui_copy_text(dt.text, sizeof dt.text, line);
    dt.rect = R(U, H - foot, dw, foot - U / 2);
    dt.font_px = ui->font_small;
    ui_add(ui, &dt);
    if (demo) {
        UiWidget d = ui_proto("home.demo", ROLE_TEXT);
        d.look = LOOK_QUIET;
        d.align = TEXT_ALIGN_END;
        ui_copy_text(d.text, sizeof d.text, demo_s);
        d.rect = R(2 * U + dw, H - foot, dw, foot - U / 2);
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
        { "home.feedback", SCR_FEEDBACK },
    };
    for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++)
        if (!strcmp(id, ways[i].id)) {
            app_go(a, ways[i].to);
            return true;
        }
    return false;
}
