/* support.c — Find support: the need groups as large tiles (a parent's
 * situation is two taps away: its group, then the need), a search, and
 * the borough's directory as a code to scan; then a group's needs. */
#include "support.h"

#include <stdio.h>
#include <string.h>

void support_enter(App *a, Screen from)
{
    /* a fresh visit starts at the top; back from a group keeps the rest */
    if (from == SCR_HOME) {
        a->v.sup_group[0] = a->v.sup_need[0] = a->v.sup_service[0] = '\0';
        a->v.sup_page = 0;
    }
    a->v.sup_sensitive = false;
    (void)sup_dir(a);
}

/* The borough's directory as a code, its address under it, at (x, y) in
 * a column w wide and at most h tall. Returns the y below it. */
static int borough_code(App *a, int x, int y, int w, int h)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *url = SUP_BOROUGH_URL, *shown = sup_shown_url(url);
    const char *label = _("To look for help on your phone, scan this code with its camera.");
    int lh = sup_text_h(a, label, ui->font_small, TEXT_REGULAR, w, false);
    int uh = sup_text_h(a, shown, ui->font_small, TEXT_REGULAR, 0, false);
    int qs = h - lh - uh - 2 * U;
    if (qs > w)
        qs = w;
    UiWidget l = ui_proto("support.qr.label", ROLE_TEXT);
    ui_copy_text(l.text, sizeof l.text, label);
    l.font_px = ui->font_small;
    l.rect = R(x, y, w, lh);
    ui_add(ui, &l);
    y += lh + U;
    UiWidget q = ui_proto("support.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, url);
    q.rect = R(x + (w - qs) / 2, y, qs, qs);
    ui_add(ui, &q);
    y += qs + U / 2;
    /* a web address reads left to right in every language */
    UiWidget u = ui_proto("support.qr.url", ROLE_TEXT);
    ui_copy_text(u.text, sizeof u.text, shown);
    u.font_px = ui->font_small;
    u.align = TEXT_ALIGN_CENTER;
    u.lang = "en";
    u.rect = R(x, y, w, uh);
    ui_add(ui, &u);
    return y + uh;
}

/* The same along a row at the bottom of a tall screen: the code at the
 * start, its address under it, the words beside it. */
static void borough_row(App *a, int y, int h)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *url = SUP_BOROUGH_URL, *shown = sup_shown_url(url);
    const char *label = _("To look for help on your phone, scan this code with its camera.");
    int uh = sup_text_h(a, shown, ui->font_small, TEXT_REGULAR, 0, false);
    TextStyle st = { .size_px = ui->font_small, .lang = "en" };
    TextExtent e = { 0 };
    text_measure(ui->te, shown, &st, 0, &e);
    int cw = e.w + U, qs = h - uh - U;
    qs = qs > cw ? cw : qs;
    cw = cw < qs ? qs : cw;
    UiWidget q = ui_proto("support.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, url);
    q.rect = R(U + (cw - qs) / 2, y, qs, qs);
    ui_add(ui, &q);
    UiWidget u = ui_proto("support.qr.url", ROLE_TEXT);
    ui_copy_text(u.text, sizeof u.text, shown);
    u.font_px = ui->font_small;
    u.align = TEXT_ALIGN_CENTER;
    u.lang = "en";
    u.rect = R(U, y + qs + U / 2, cw, uh);
    ui_add(ui, &u);
    int lw = ui->w - 3 * U - cw;
    int lh = sup_text_h(a, label, ui->font_body, TEXT_REGULAR, lw, false);
    UiWidget l = ui_proto("support.qr.label", ROLE_TEXT);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(2 * U + cw, y, lw, lh < h ? lh : h);
    ui_add(ui, &l);
}

/* A grid of n tiles in the box, cols across, each from tile(i, rect). */
typedef void (*TileFn)(App *a, int i, SDL_Rect r, bool above);

static void grid(App *a, SDL_Rect box, int n, int cols, bool above, TileFn tile)
{
    int gap = theme_space(a->ui.unit, SP_TWO);
    int rows = (n + cols - 1) / cols;
    if (rows < 1)
        return;
    int tw = (box.w - gap * (cols - 1)) / cols, th = (box.h - gap * (rows - 1)) / rows;
    if (th > a->ui.target * 6)
        th = a->ui.target * 6;
    for (int i = 0; i < n; i++)
        tile(a, i, R(box.x + (i % cols) * (tw + gap), box.y + (i / cols) * (th + gap), tw, th),
             above);
}

static void group_tile(App *a, int i, SDL_Rect r, bool above)
{
    const ContentNeedGroup *g = content_need_group(a->pack, (size_t)i);
    char id[48];
    bool en = false;
    snprintf(id, sizeof id, "support.group.%d", i);
    const char *name = sup_group_name(a, g, &en);
    sup_tile(a, id, g->icon, name, en ? "en" : NULL, r, above, false);
}

/* True when every group's name fits a tile of a grid of cols in box, at
 * three quarters of the button size at least (no word wider than the
 * tile, the lines under the icon). */
static bool names_fit(App *a, SDL_Rect box, int n, int cols, bool above)
{
    Ui *ui = &a->ui;
    int U = ui->unit, gap = theme_space(U, SP_TWO), rows = (n + cols - 1) / cols;
    int tw = (box.w - gap * (cols - 1)) / cols, th = (box.h - gap * (rows - 1)) / rows;
    int lw = above ? tw - 2 * U : tw - 3 * U - ui->font_tile_icon * 3 / 4;
    int lh = above ? th - ui->font_icon - 2 * U : th - U;
    for (int i = 0; i < n; i++) {
        TextStyle st = { .size_px = ui->font_button * 3 / 4, .weight = TEXT_BOLD,
                         .lang = a->lang_tag };
        TextExtent e = { 0 };
        if (text_measure(ui->te, sup_group_name(a, content_need_group(a->pack, (size_t)i), NULL),
                         &st, lw - 2, &e) != K_OK || !e.fits || e.h > lh)
            return false;
    }
    return true;
}

void support_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    /* the heading, and the search at the end of its row */
    const char *find = _("Search");
    int sw = T * 4 < ui->w / 3 ? T * 4 : ui->w / 3;
    int hh = sup_text_h(a, _("Find support"), ui->font_heading, TEXT_BOLD,
                            ui->w - 3 * U - sw, false);
    if (hh < T)
        hh = T;
    ui_text(ui, "support.title", ROLE_HEADING, _("Find support"),
            R(U, y, ui->w - 3 * U - sw, hh));
    ui_button(ui, "support.search", find, R(ui->w - U - sw, y + (hh - T) / 2, sw, T),
              LOOK_SECONDARY);
    y += hh + U;
    int groups = (int)content_need_group_count(a->pack);
    int bottom = ui->h - U;
    if (groups == 0) {
        /* a pack with no directory yet: what the desk can do, and the
         * borough's directory */
        int textw = portrait(a) ? ui->w - 2 * U : ui->w * 3 / 5;
        int ty = lay_paragraph(a, "support.text",
                               _("Whatever you are worried about, big or small, staff at the "
                                 "desk can help you find support. You don't have to be in crisis "
                                 "to ask."),
                               U, y, textw, LOOK_PLAIN);
        if (portrait(a))
            borough_code(a, U, ty, ui->w - 2 * U, bottom - ty);
        else
            borough_code(a, 2 * U + textw, y, ui->w - 3 * U - textw, bottom - y);
        return;
    }
    SDL_Rect box;
    if (portrait(a)) {
        int code_h = ui->h / 4;
        box = R(U, y, ui->w - 2 * U, bottom - y - code_h - 2 * U);
        borough_row(a, bottom - code_h, code_h);
    } else {
        /* the column of the code as wide as its address */
        TextStyle st = { .size_px = ui->font_small, .lang = "en" };
        TextExtent e = { 0 };
        text_measure(ui->te, sup_shown_url(SUP_BOROUGH_URL), &st, 0, &e);
        int cw = e.w + U > ui->w / 4 ? e.w + U : ui->w / 4;
        if (cw > ui->w / 3)
            cw = ui->w / 3;
        box = R(U, y, ui->w - 3 * U - cw, bottom - y);
        borough_code(a, ui->w - U - cw, y, cw, bottom - y);
    }
    int cols = portrait(a) ? 2 : groups <= 3 ? groups : groups <= 8 ? (groups + 1) / 2 : 4;
    /* long names in a narrow tile: fewer, wider tiles, the icon beside */
    bool above = names_fit(a, box, groups, cols, true);
    if (!above)
        cols = portrait(a) ? 1 : 2;
    grid(a, box, groups, cols, above, group_tile);
}

bool support_tap(App *a, const char *id)
{
    int i;
    if (!strcmp(id, "support.search")) {
        a->v.search[0] = '\0';
        a->v.sup_typing = true;
        app_go(a, SCR_SUPPORT_SEARCH);
        return true;
    }
    if (sscanf(id, "support.group.%d", &i) == 1 && i >= 0 &&
        (size_t)i < content_need_group_count(a->pack)) {
        snprintf(a->v.sup_group, sizeof a->v.sup_group, "%s",
                 content_need_group(a->pack, (size_t)i)->id);
        a->v.sup_page = 0;
        app_go(a, SCR_SUPPORT_GROUP);
        return true;
    }
    return false;
}

/* ---- a group's needs --------------------------------------------------- */

/* The pack indexes of the needs in the group shown; returns how many. */
static int group_needs(App *a, int *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < content_need_count(a->pack) && n < max; i++) {
        const ContentNeed *d = content_need(a->pack, i);
        if (d->group && !strcmp(d->group, a->v.sup_group))
            out[n++] = (int)i;
    }
    return n;
}

void support_group_enter(App *a, Screen from)
{
    (void)from;
    a->v.sup_sensitive = false;
    a->v.sup_need[0] = '\0';
}

void support_group_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    const ContentNeedGroup *g = NULL;
    for (size_t i = 0; i < content_need_group_count(a->pack); i++)
        if (!strcmp(content_need_group(a->pack, i)->id, a->v.sup_group))
            g = content_need_group(a->pack, i);
    y = lay_heading(a, "support.group.title", g ? sup_group_name(a, g, NULL) : _("Find support"),
                    y);
    int idx[64];
    int n = group_needs(a, idx, 64);
    int cols = portrait(a) || ui->w < 60 * U ? 1 : 2, gap = theme_space(U, SP_TWO);
    /* rows as tall as the longest label needs, at least one and a half
     * targets; as many as fit above the bottom row, then pages */
    int tw = (ui->w - 2 * U - gap * (cols - 1)) / cols;
    int row_h = T * 3 / 2;
    for (int k = 0; k < n; k++) {
        const ContentNeed *d = content_need(a->pack, (size_t)idx[k]);
        int h = sup_text_h(a, sup_need_name(a, d, NULL), ui->font_button, TEXT_BOLD,
                               tw - 3 * U - ui->font_tile_icon * 3 / 4, d->sensitive) + U;
        if (h > row_h)
            row_h = h;
    }
    int avail = ui->h - 2 * U - T - U - y;
    int rows = (avail + gap) / (row_h + gap);
    if (rows < 1)
        rows = 1;
    int per = rows * cols, pages = (n + per - 1) / (per > 0 ? per : 1);
    if (a->v.sup_page >= pages)
        a->v.sup_page = pages > 0 ? pages - 1 : 0;
    /* few needs on a tall screen: taller tiles, up to two targets and a half */
    int used = (n < per ? (n + cols - 1) / cols : rows);
    if (used > 0 && (avail + gap) / used - gap > row_h)
        row_h = (avail + gap) / used - gap < T * 5 / 2 ? (avail + gap) / used - gap : T * 5 / 2;
    for (int k = 0; k < per; k++) {
        int i = a->v.sup_page * per + k;
        if (i >= n)
            break;
        const ContentNeed *d = content_need(a->pack, (size_t)idx[i]);
        char id[48];
        bool en = false;
        snprintf(id, sizeof id, "support.need.%d", idx[i]);
        const char *name = sup_need_name(a, d, &en);
        /* a sensitive need's words are never kept in a cache */
        sup_tile(a, id, d->icon, name, en ? "en" : NULL,
                 R(U + (k % cols) * (tw + gap), y + (k / cols) * (row_h + gap), tw, row_h), false,
                 d->sensitive);
    }
    sup_bottom_row(a, "support.group", a->v.sup_page, pages, 0);
}

bool support_group_tap(App *a, const char *id)
{
    int i;
    if (sscanf(id, "support.need.%d", &i) == 1 && i >= 0 &&
        (size_t)i < content_need_count(a->pack)) {
        snprintf(a->v.sup_need, sizeof a->v.sup_need, "%s",
                 content_need(a->pack, (size_t)i)->id);
        a->v.sup_need_from_search = false;
        app_go(a, SCR_SUPPORT_NEED);
        return true;
    }
    return sup_bottom_tap(a, "support.group", id, &a->v.sup_page);
}
