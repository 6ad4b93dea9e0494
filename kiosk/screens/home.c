/* home.c — the home screen: the hub's name (a long press opens the staff
 * PIN pad, see app.c), the date, a greeting that cycles through the
 * languages, and the four ways in. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"

/* The four ways in, as tiles in cols columns between y and bottom; each
 * icon above its words (above) or beside them, or the words alone (not
 * icons). */
static void home_tiles(App *a, int y, int bottom, int cols, bool above, bool icons)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w;
    int rows = (4 + cols - 1) / cols, gap = theme_space(U, SP_TWO);
    if (rows > 2 || !icons)
        gap = U;
    int gw = (W - 2 * U - gap * (cols - 1)) / cols,
        gh = (bottom - y - U - gap * (rows - 1)) / rows;
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
        t.icon = icons ? b[i].icon : ICON_NONE;
        /* the words alone: at the body's size, on one line */
        if (!icons)
            t.font_px = ui->font_body;
        t.icon_above = above;
        if (!above)
            t.align = TEXT_ALIGN_START;
        ui_add(ui, &t);
    }
}

/* The hub's name at level (see home_body). */
static void hub_proto(App *a, int level, UiWidget *hub)
{
    *hub = ui_proto("home.hub", ROLE_HEADING);
    ui_copy_text(hub->text, sizeof hub->text,
                 content_text(a->pack, a->lang_tag, content_hub_id(a->pack), "name",
                              content_hub_name(a->pack)));
    hub->font_px = level >= 3 ? a->ui.font_body : level >= 2 ? a->ui.font_heading
                                                               : a->ui.font_title;
}

/* The width the hub's name needs beside the bar's buttons (at the least
 * size ui_add may give it), or 0 when it is taller than the bar. */
static int hub_beside_w(App *a, const UiWidget *hub)
{
    TextStyle ts = { .size_px = hub->font_px * 4 / 5, .weight = TEXT_BOLD,
                     .lang = a->lang_tag };
    TextExtent te = { 0 };
    text_measure(a->ui.te, hub->text, &ts, 0, &te);
    return te.h <= a->ui.target ? te.w : 0;
}

/* Everything under the top bar (bar). A short screen (larger text, a
 * tall script) leaves things out, by level: 1 the greeting (Language is
 * in the bar), 2 the demo note too, with the hub's name at the heading's
 * size, 3 the hub's name at the body's size beside the bar, whose words
 * give way for it (see home_build). Returns whether the tiles fit. */
static bool home_body(App *a, const LayBar *bar, int level)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w, H = ui->h;
    int mark = ui->n;
    /* hub name: a 3-second press opens the staff PIN pad. Beside the
     * buttons when there is room, else on its own row. */
    UiWidget hub;
    hub_proto(a, level, &hub);
    int need = hub_beside_w(a, &hub);
    int y = bar->below;
    bool beside_hub = false;
    if (need > 0 && need <= bar->room.w - U) {
        hub.rect = R(U, bar->room.y, bar->room.w - U, bar->room.h);
    } else if (need > 0 && need <= bar->room_first.w - U) {
        hub.rect = R(U, bar->room_first.y, bar->room_first.w - U, bar->room_first.h);
    } else {
        /* a row of its own; once the greeting has given way on a wide
         * screen, How was today? (its face) at the row's end when the name
         * leaves it room, so the tiles keep the height */
        int fbw = level >= 1 && !portrait(a) ? feedback_home_width(a) : 0;
        TextStyle ts = { .size_px = hub.font_px, .weight = TEXT_BOLD, .lang = a->lang_tag };
        TextExtent te = { 0 };
        text_measure(ui->te, hub.text, &ts, 0, &te);
        if (fbw && te.w > W - 2 * U - fbw)
            fbw = 0;
        int hh = ui_text_height(ui, hub.text, hub.font_px, TEXT_BOLD, W - 2 * U - fbw, false);
        hub.rect = R(U, y, W - 2 * U - fbw, hh);
        if (fbw) {
            int fh = hh > T ? hh : T;
            hub.rect.h = fh;
            feedback_home_entry(a, R(W - fbw, y, fbw - U, fh));
            beside_hub = true;
            hh = fh;
        }
        y += hh + U;
    }
    ui_add(ui, &hub);

    if (level < 1) {
        /* the greeting cycles through the languages: tapping it opens the list */
        int n = i18n_count(a->i18n);
        int gi = a->lang == a->default_lang ? (a->default_lang + a->greet_idx) % n : a->lang;
        const LangInfo *gl = i18n_lang(a->i18n, gi);
        UiWidget g = ui_proto("home.greeting", ROLE_BUTTON);
        g.weight = TEXT_REGULAR;
        g.look = LOOK_SELECTED;
        snprintf(g.text, sizeof g.text, "%s  %s", i18n_get(a->i18n, gi, NULL, "Welcome."),
                 i18n_get(a->i18n, gi, NULL, "Tap here for your language."));
        /* as tall as its words need (a greeting in a tall script, larger
         * text), at least a target */
        g.lang = gl ? gl->tag : NULL;
        int greet_h = ui->base_target;
        /* "How was today?" beside it on a wide screen, under the tiles
         * on a tall one */
        int fbw = portrait(a) ? 0 : feedback_home_width(a);
        g.rect = R(U, y, W - 2 * U - fbw, greet_h);
        UiWidget *gw0 = ui_add(ui, &g);
        for (int k = 0; gw0 && !gw0->fits && k < 3; k++) {
            ui->n--;
            greet_h += greet_h / 3;
            g.rect = R(U, y, W - 2 * U - fbw, greet_h);
            gw0 = ui_add(ui, &g);
        }
        if (fbw)
            feedback_home_entry(a, R(W - fbw, y, fbw - U, greet_h));
        y += greet_h + theme_space(U, SP_TWO);
    }

    /* the footer: the date and time, and the demo note */
    char date[128], tod[32], line[200];
    struct tm now;
    clock_local(a->build_wall, &now);
    i18n_date(a->i18n, a->lang, &now, date, sizeof date);
    i18n_time_of_day(a->i18n, a->lang, now.tm_hour * 60 + now.tm_min, tod, sizeof tod);
    snprintf(line, sizeof line, "%s  \xC2\xB7  %s", date, tod);
    bool demo = content_is_demo(a->pack) && level < 2;
    bool p = portrait(a);
    /* "How was today?" under the tiles when it is not beside the greeting
     * or the hub's name: on a wide screen in the footer's row, at its end,
     * so the tiles keep their height */
    bool fb_under = (p || level >= 1) && !beside_hub;
    int fb_foot = fb_under && !p ? feedback_home_width(a) : 0;
    int fb_row = fb_under && p ? T + theme_space(U, SP_TWO) : 0;
    int dw = (demo ? (W - 3 * U - fb_foot) / 2 : W - 2 * U - fb_foot);
    const char *demo_s = _("Demo: example hub and session times.");
    int foot = ui_text_height(ui, line, ui->font_small, TEXT_REGULAR, dw, false);
    int demo_h = demo ? ui_text_height(ui, demo_s, ui->font_small, TEXT_REGULAR, dw, false) : 0;
    foot = foot > demo_h ? foot : demo_h;
    /* the face alone a whole target; with its words the language's */
    int fb_h = fb_foot > T * 2 + U ? T : ui->base_target;
    foot = (fb_foot && fb_h > foot ? fb_h : foot) + U;
    /* four tiles, each an icon over its words: in a row on a wide screen,
     * two by two on a tall or narrow one; when their words do not fit
     * (larger text), two by two, then with the icon beside the words, then
     * one under another; on a wide screen last two by two, the words
     * alone (larger text in a tall script) */
    static const struct { int cols; bool above, icons; } wide[] = {
        { 4, true, true }, { 2, true, true }, { 2, false, true }, { 1, false, true },
        { 2, false, false } },
        tall[] = { { 2, true, true }, { 2, false, true }, { 1, false, true } };
    /* the words alone only once nothing else is left out (the last level):
     * before that, the greeting or the demo note gives way instead */
    size_t ntry = p ? sizeof tall / sizeof tall[0]
                    : sizeof wide / sizeof wide[0] - (level < 3 ? 1 : 0);
    bool fit = false;
    for (size_t k = 0; k < ntry && !fit; k++) {
        int tmark = ui->n;
        home_tiles(a, y, H - foot - fb_row, p ? tall[k].cols : wide[k].cols,
                   p ? tall[k].above : wide[k].above, p ? tall[k].icons : wide[k].icons);
        fit = lay_fits_since(ui, tmark, H);
        if (!fit && k + 1 < ntry)
            ui->n = tmark;
    }
    if (fb_row)
        feedback_home_entry(a, R(U, H - foot - fb_row, W - 2 * U, T));
    if (fb_foot)
        feedback_home_entry(a, R(W - fb_foot, H - foot, fb_foot - U, foot - U));
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
        if (fb_foot)
            d.rect.w -= U;
        d.font_px = ui->font_small;
        ui_add(ui, &d);
    }
    return fit && lay_fits_since(ui, mark, H);
}

void home_build(App *a)
{
    Ui *ui = &a->ui;
    int mark = ui->n;
    for (int level = 0; level < 4; level++) {
        /* the hub's name beside the bar when every word of the bar still
         * fits; else on a row of its own under it, and the bar in one row
         * on a tall screen too, so the header takes two rows at most */
        UiWidget hub;
        hub_proto(a, level, &hub);
        int need = hub_beside_w(a, &hub);
        LayBar bar;
        /* the last level: the bar's words give way for the name */
        lay_bar(a, false, need > 0 ? need + ui->unit : 0,
                level < 3 ? LAY_BAR_KEEP_WORDS | LAY_BAR_ONE_ROW : LAY_BAR_ONE_ROW, &bar);
        if (home_body(a, &bar, level) || level == 3)
            break;
        ui->n = mark;
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
