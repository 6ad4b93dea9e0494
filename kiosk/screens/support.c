/* support.c — Find support: the need groups as large tiles (a parent's
 * situation is two taps away: its group, then the need), a search, and
 * the borough's directory as a code to scan; then a group's needs. */
#include "support.h"

#include "kiosk/qr.h"

#include <stdio.h>
#include <string.h>

void support_enter(App *a, Screen from)
{
    /* a fresh visit starts at the top; back from a group keeps the rest */
    if (from == SCR_HOME) {
        a->v.sup_group[0] = a->v.sup_need[0] = a->v.sup_service[0] = '\0';
        a->v.sup_page = 0;
        /* the groups' first page (lay_page keeps the page of the screen
         * shown last with pages, which may be this one) */
        a->ui.page = 0;
    }
    a->v.sup_sensitive = false;
    (void)sup_dir(a);
}

/* The borough's directory as a code, its address under it, at (x, y) in
 * a column w wide and at most h tall. Returns the y below it, or -1 when
 * the code is too small for modules of 0.8 mm (laid out all the same). */
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
    bool small = qs < qr_side_for(url, 0.8, ui->px_per_mm);
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
    return small ? -1 : y + uh;
}

/* The same along a row at the bottom of a tall screen: the code at the
 * start, its address under it, the words beside it. False when the code
 * is too small for modules of 0.8 mm (laid out all the same). */
static bool borough_row(App *a, int y, int h)
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
    return qs >= qr_side_for(url, 0.8, ui->px_per_mm);
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

/* How the groups' pages are turned (group_rows). */
enum { PAGER_NONE, PAGER_UNDER, PAGER_BESIDE };

/* The groups as rows of cols across box (icon beside the words), each
 * row as tall as its longest name needs (a target at least; when all fit
 * on one page, taller, up to two targets). On pages when they do not all
 * fit (never with PAGER_NONE): Previous and More at the foot of the
 * screen under box (PAGER_UNDER), or as arrows at the two ends of the
 * rows, which take box's height (PAGER_BESIDE); code_page adds a page
 * after the groups' with the borough's code alone. want is the page
 * asked for. Returns how many pages, 0 when a row has no room, minus
 * how many when the code is too small for modules of 0.8 mm (the pager
 * is there all the same). */
static int group_rows(App *a, SDL_Rect box, int groups, int cols, int pager, bool code_page,
                      int want)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, gap = theme_space(U, SP_TWO);
    SDL_Rect all = box;
    if (pager == PAGER_BESIDE) {
        box.x += T + U;
        box.w -= 2 * (T + U);
    }
    int tw = (box.w - gap * (cols - 1)) / cols, nrows = (groups + cols - 1) / cols;
    int row_h[64], first[65], pages = 0, used = 0;
    if (nrows > 64 || tw < T)
        return 0;
    for (int r = 0; r < nrows; r++) {
        row_h[r] = T;
        for (int i = r * cols; i < groups && i < (r + 1) * cols; i++) {
            const ContentNeedGroup *g = content_need_group(a->pack, (size_t)i);
            bool en = false;
            const char *name = sup_group_name(a, g, &en);
            int h = sup_tile_h(a, g->icon, name, en ? "en" : NULL, tw, T, box.h, false);
            row_h[r] = h > row_h[r] ? h : row_h[r];
        }
        if (row_h[r] > box.h && pager == PAGER_BESIDE)
            row_h[r] = box.h;   /* the last resort: its words smaller */
        if (row_h[r] > box.h)
            return 0;
        /* a page starts where the row would pass the foot of the box */
        if (r == 0 || used + gap + row_h[r] > box.h) {
            first[pages++] = r;
            used = row_h[r];
        } else {
            used += gap + row_h[r];
        }
    }
    first[pages] = nrows;
    if (pages > 1 && pager == PAGER_NONE)
        return 0;
    if (pages == 1 && nrows > 0) {   /* room to spare: taller rows */
        int more = (box.h - used) / nrows;
        for (int r = 0; r < nrows; r++)
            row_h[r] = row_h[r] + more < 2 * T ? row_h[r] + more : row_h[r] > 2 * T ? row_h[r]
                                                                                    : 2 * T;
    }
    int total = pages + (code_page ? 1 : 0);
    int page = want < total ? want : total - 1;
    bool small = false;
    if (page == pages) {
        small = borough_code(a, box.x, box.y, box.w, box.h) < 0;
    } else {
        int y = box.y;
        for (int r = first[page]; r < first[page + 1]; r++) {
            for (int k = 0; k < cols && r * cols + k < groups; k++)
                group_tile(a, r * cols + k, R(box.x + k * (tw + gap), y, tw, row_h[r]), false);
            y += row_h[r] + gap;
        }
    }
    if (pager == PAGER_UNDER) {
        lay_pager(a, "support", page, total, ui->w - 2 * U);
    } else if (pager == PAGER_BESIDE && total > 1) {
        UiWidget *p = ui_button_icon(ui, "support.prev", "", R(all.x, all.y, T, all.h),
                                     LOOK_SECONDARY, ICON_BACK);
        if (p)
            p->enabled = page > 0;
        UiWidget *m = ui_button_icon(ui, "support.more", "",
                                     R(all.x + all.w - T, all.y, T, all.h), LOOK_SECONDARY,
                                     ICON_NEXT);
        if (m)
            m->enabled = page < total - 1;
    }
    return small ? -total : total;
}

/* The box the tiles have beside (landscape) or above (portrait) the
 * borough's code, the code laid out; paged leaves the pager's row free
 * under the code row of a tall screen. */
static SDL_Rect beside_code(App *a, int y, bool paged)
{
    Ui *ui = &a->ui;
    int U = ui->unit, bottom = ui->h - U - (paged ? ui->target + U : 0);
    if (portrait(a)) {
        int code_h = ui->h / 4;
        bool ok = borough_row(a, bottom - code_h, code_h);
        return R(U, y, ui->w - 2 * U, ok ? bottom - y - code_h - 2 * U : 0);
    }
    /* the column of the code as wide as its address */
    TextStyle st = { .size_px = ui->font_small, .lang = "en" };
    TextExtent e = { 0 };
    text_measure(ui->te, sup_shown_url(SUP_BOROUGH_URL), &st, 0, &e);
    int cw = e.w + U > ui->w / 4 ? e.w + U : ui->w / 4;
    if (cw > ui->w / 3)
        cw = ui->w / 3;
    bool ok = borough_code(a, ui->w - U - cw, y, cw, bottom - y) >= 0;
    return R(U, y, ui->w - 3 * U - cw, ok ? bottom - y : 0);
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
    /* the page asked for (lay_page: back to 0 on another screen), kept
     * as it is until an arrangement is taken */
    int want = lay_page(a, 1 << 20), mark = ui->n;
    SDL_Rect box = beside_code(a, y, false);
    int cols = portrait(a) ? 2 : groups <= 3 ? groups : groups <= 8 ? (groups + 1) / 2 : 4;
    /* long names in a narrow tile: fewer, wider tiles, the icon beside */
    bool above = names_fit(a, box, groups, cols, true);
    if (!above)
        cols = portrait(a) ? 1 : 2;
    grid(a, box, groups, cols, above, group_tile);
    if (box.h > 0 && lay_fits_since(ui, mark, ui->h)) {
        (void)lay_page(a, 1);
        return;
    }
    /* still too long (larger text, a tall script): rows as tall as their
     * words beside the code, two columns then one, on pages; then the
     * rows alone with the code on a page of its own after them */
    SDL_Rect under = R(U, y, ui->w - 2 * U, bottom - y - T - U);
    for (int way = 0; way < 4; way++)
        for (int c = portrait(a) ? 1 : 2; c >= 1; c--) {
            ui->n = mark;
            box = way < 2 ? beside_code(a, y, way == 1)
                  : way == 2 ? under : R(U, y, ui->w - 2 * U, bottom - y);
            int pager = way == 0 ? PAGER_NONE : way < 3 ? PAGER_UNDER : PAGER_BESIDE;
            /* every page fits, so each group is on one of them */
            int rows_mark = ui->n, pages = 1;
            bool ok = lay_fits_since(ui, mark, ui->h);
            for (int p = 0; ok && p < pages; p++) {
                ui->n = rows_mark;
                pages = group_rows(a, box, groups, c, pager, way >= 2, p);
                ok = pages > 0 && lay_fits_since(ui, rows_mark, ui->h);
            }
            if (ok) {
                ui->n = rows_mark;
                (void)lay_page(a, group_rows(a, box, groups, c, pager, way >= 2, want));
                return;
            }
        }
    /* the last as it is (screens_build sets it smaller) */
    ui->n = mark;
    int pages = group_rows(a, R(U, y, ui->w - 2 * U, bottom - y), groups, 1, PAGER_BESIDE, true,
                           want);
    (void)lay_page(a, pages < 0 ? -pages : pages);
}

bool support_tap(App *a, const char *id)
{
    int i;
    if (lay_pager_tap(a, "support", id))
        return true;
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

/* The needs idx[0..n) of the group shown in rows of cols across from y
 * (icon beside the words), each row as tall as its longest name needs
 * and least at least, on pages of as many rows as fit above the bottom
 * row (Start again, Previous and More); few needs on a tall screen get
 * taller rows, up to two targets and a half. force keeps a row taller
 * than the room (its words set smaller). want is the page shown. Returns
 * how many pages, 0 when a row has no room. */
static int need_rows(App *a, int y, const int *idx, int n, int cols, int least, bool force,
                     int want)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, gap = theme_space(U, SP_TWO);
    int tw = (ui->w - 2 * U - gap * (cols - 1)) / cols, nrows = (n + cols - 1) / cols;
    int row_h[64], first[65], pages = 0;
    if (nrows > 64)
        return 0;
    for (int r = 0; r < nrows; r++) {
        row_h[r] = least;
        for (int k = r * cols; k < n && k < (r + 1) * cols; k++) {
            const ContentNeed *d = content_need(a->pack, (size_t)idx[k]);
            bool en = false;
            const char *name = sup_need_name(a, d, &en);
            int h = sup_tile_h(a, d->icon, name, en ? "en" : NULL, tw, least, ui->h - y,
                               d->sensitive);
            row_h[r] = h > row_h[r] ? h : row_h[r];
        }
    }
    /* the pages: first without a pager, then with it when they are more */
    for (int paged = 0; paged < 2; paged++) {
        int room = sup_bottom_top(a, paged, 0) - y, used = 0;
        pages = 0;
        for (int r = 0; r < nrows; r++) {
            if (row_h[r] > room && force)
                row_h[r] = room;
            if (row_h[r] > room)
                return 0;
            if (r == 0 || used + gap + row_h[r] > room) {
                first[pages++] = r;
                used = row_h[r];
            } else {
                used += gap + row_h[r];
            }
        }
        if (pages == 1 && nrows > 0) {   /* few needs on a tall screen: taller rows */
            int more = (room - used) / nrows;
            for (int r = 0; r < nrows; r++)
                if (row_h[r] < T * 5 / 2)
                    row_h[r] = row_h[r] + more < T * 5 / 2 ? row_h[r] + more : T * 5 / 2;
        }
        if (pages <= 1)
            break;
    }
    first[pages] = nrows;
    int page = want < pages ? want : pages - 1;
    for (int r = first[page]; r < first[page + 1]; r++) {
        for (int k = 0; k < cols && r * cols + k < n; k++) {
            const ContentNeed *d = content_need(a->pack, (size_t)idx[r * cols + k]);
            char id[48];
            bool en = false;
            snprintf(id, sizeof id, "support.need.%d", idx[r * cols + k]);
            const char *name = sup_need_name(a, d, &en);
            /* a sensitive need's words are never kept in a cache */
            sup_tile(a, id, d->icon, name, en ? "en" : NULL,
                     R(U + k * (tw + gap), y, tw, row_h[r]), false, d->sensitive);
        }
        y += row_h[r] + gap;
    }
    sup_bottom_row(a, "support.group", page, pages, 0);
    return pages;
}

/* The group's name over its needs, at the heading's size (size 0), the
 * body's (1), or left out (2: the need's own words are too tall for the
 * room; the tile that led here named the group). Returns the y below. */
static int group_title(App *a, const char *title, int y, int size)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    if (size == 0)
        return lay_heading(a, "support.group.title", title, y);
    if (size == 2)
        return y;
    int h = sup_text_h(a, title, ui->font_body, TEXT_BOLD, ui->w - 2 * U, false);
    UiWidget w = ui_proto("support.group.title", ROLE_HEADING);
    ui_copy_text(w.text, sizeof w.text, title);
    w.font_px = ui->font_body;
    w.weight = TEXT_BOLD;
    w.rect = R(U, y, ui->w - 2 * U, h);
    ui_add(ui, &w);
    return y + h + U / 2;
}

void support_group_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, true);
    const ContentNeedGroup *g = NULL;
    for (size_t i = 0; i < content_need_group_count(a->pack); i++)
        if (!strcmp(content_need_group(a->pack, i)->id, a->v.sup_group))
            g = content_need_group(a->pack, i);
    const char *title = g ? sup_group_name(a, g, NULL) : _("Find support");
    int idx[64];
    int n = group_needs(a, idx, 64);
    /* two columns of rows at least a target and a half tall on a wide
     * screen; then one; then rows a target tall (larger text, a tall
     * script); then the title at the body's size, then without it */
    int mark = ui->n, cols = portrait(a) || ui->w < 60 * U ? 1 : 2;
    const int tries[][3] = { { cols, T * 3 / 2, 0 }, { 1, T * 3 / 2, 0 }, { 1, T, 0 },
                             { 1, T, 1 }, { 1, T, 2 } };
    int y = top;
    for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++) {
        /* every page fits, so each need is on one of them */
        int pages = 1;
        bool ok = true;
        for (int p = 0; ok && p < pages; p++) {
            ui->n = mark;
            y = group_title(a, title, top, tries[t][2]);
            pages = need_rows(a, y, idx, n, tries[t][0], tries[t][1], false, p);
            ok = pages > 0 && lay_fits_since(ui, mark, ui->h);
        }
        if (ok) {
            ui->n = mark;
            y = group_title(a, title, top, tries[t][2]);
            a->v.sup_page = a->v.sup_page < pages ? a->v.sup_page : pages - 1;
            (void)need_rows(a, y, idx, n, tries[t][0], tries[t][1], false, a->v.sup_page);
            return;
        }
    }
    ui->n = mark;
    y = group_title(a, title, top, 2);
    int pages = need_rows(a, y, idx, n, 1, T, true, a->v.sup_page);
    a->v.sup_page = a->v.sup_page < pages ? a->v.sup_page : pages > 0 ? pages - 1 : 0;
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
