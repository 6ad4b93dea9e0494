/* callback.c — the first step of a callback request: what it is about,
 * one of the content pack's needs or "something else". A need marked
 * sensitive (domestic abuse, abuse, exploitation) is shown like any other
 * in the list; once chosen it is kept only in a->v and shown later as the
 * visitor's own words (never cached), and it goes with every wipe. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#define NEED_OTHER "something-else"

/* The need's name in the visitor's language. */
static const char *need_name(App *a, const ContentNeed *n)
{
    return content_text(a->pack, a->lang_tag, n->id, "name", n->name);
}

const char *req_need_shown(App *a)
{
    if (!strcmp(a->v.req_need, NEED_OTHER))
        return _("Something else");
    const ContentNeed *n = content_need_by_id(a->pack, a->v.req_need);
    return n ? need_name(a, n) : a->v.req_need;
}

void callback_enter(App *a, Screen from)
{
    if (from == SCR_HOME) {
        a->v.req_need_page = 0;
        a->v.req_kind = REC_CALLBACK;
    }
}

/* Previous or More at r: its words, or its arrow alone (the words in
 * its label) when they do not fit or words is false. */
static void pager_button(Ui *ui, const char *id, const char *text, SDL_Rect r, UiIcon icon,
                         bool words, bool enabled)
{
    UiWidget *b = words ? ui_button_icon(ui, id, text, r, LOOK_SECONDARY, icon) : NULL;
    if (b && !b->fits) {
        ui->n--;
        b = NULL;
    }
    if (!b) {
        b = ui_button_icon(ui, id, "", r, LOOK_SECONDARY, icon);
        if (b)
            ui_copy_text(b->label, sizeof b->label, text);
    }
    if (b)
        b->enabled = enabled;
}

/* The bottom: foot 0 is Previous, "Something else" and More in one
 * row; 1 the same with the arrows alone; 2 "Something else" on a row of
 * its own over Previous and More. Returns the y above it. */
static int callback_foot(App *a, int foot, int pages)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int py = ui->h - U - T, foot_top = foot == 2 ? py - T - U : py;
    /* "Something else" always at the bottom, between Previous and More */
    int pw = foot == 2 ? (ui->w - 3 * U) / 2 : foot == 1 ? T * 3 / 2 : (ui->w - 4 * U) / 3;
    SDL_Rect other = foot == 2 ? R(U, foot_top, ui->w - 2 * U, T)
                     : foot == 1 ? R(pages > 1 ? 2 * U + pw : U, py,
                                     ui->w - 2 * U - (pages > 1 ? 2 * (pw + U) : 0), T)
                                 : R(pages > 1 ? 2 * U + pw : U, py, pw, T);
    ui_button_icon(ui, "callback.need.other", _("Something else"), other, LOOK_SECONDARY,
                   ICON_NEXT);
    if (pages > 1) {
        pager_button(ui, "callback.prev", _("Previous"), R(U, py, pw, T), ICON_BACK, foot != 1,
                     a->v.req_need_page > 0);
        pager_button(ui, "callback.more", _("More"), R(ui->w - U - pw, py, pw, T), ICON_NEXT,
                     foot != 1, a->v.req_need_page < pages - 1);
    }
    return foot_top;
}

/* The needs from y down in cols columns, then the bottom: foot 0 is
 * Previous, "Something else" and More in one row; 1 the same with the
 * arrows alone; 2 "Something else" on a row of its own over Previous and
 * More. False when not even one row of needs fits. */
static bool callback_needs(App *a, int y, int cols, int foot, int *pagesp)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int n = (int)content_need_count(a->pack), gap = theme_space(U, SP_TWO);
    int bw = (ui->w - 2 * U - (cols - 1) * gap) / cols, bh = T;
    /* rows as tall as the longest name needs, on two lines at most */
    for (int i = 0; i < n; i++) {
        int h = ui_text_height(ui, need_name(a, content_need(a->pack, (size_t)i)), ui->font_body,
                               TEXT_BOLD, bw - 4 * U - ui->font_icon, false) + U;
        bh = h > bh ? h : bh;
    }
    bh = bh > 2 * T ? 2 * T : bh;
    int foot_top = ui->h - U - T - (foot == 2 ? T + U : 0);
    int rows = (foot_top - y) / (bh + U / 2);
    if (rows < 1)
        return false;
    int per = rows * cols;
    int pages = n > 0 ? (n + per - 1) / per : 1;
    *pagesp = pages;
    if (a->v.req_need_page >= pages)
        a->v.req_need_page = pages - 1;
    for (int k = 0; k < per; k++) {
        int i = a->v.req_need_page * per + k;
        if (i >= n)
            break;
        const ContentNeed *need = content_need(a->pack, (size_t)i);
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "callback.need.%d", i);
        w.look = LOOK_SECONDARY;
        w.align = TEXT_ALIGN_START;
        ui_copy_text(w.text, sizeof w.text, need_name(a, need));
        w.icon = ICON_NEXT;
        w.font_px = ui->font_body;
        int c = k / rows, r = k % rows;
        w.rect = R(U + c * (bw + gap), y + r * (bh + U / 2), bw, bh);
        ui_add(ui, &w);
    }
    callback_foot(a, foot, pages);
    return true;
}

static const char *callback_what(App *a)
{
    return _("A member of the family hub team will phone you back, in your language if you "
             "need.");
}

/* The height of need i's button w wide: as tall as its name (the
 * screen's target at least). */
static int need_h(App *a, int i, int w)
{
    Ui *ui = &a->ui;
    const char *name = need_name(a, content_need(a->pack, (size_t)i));
    int h = ui_text_height(ui, name, ui->font_body, TEXT_BOLD, w - 4 * ui->unit - ui->font_icon,
                           false) + ui->unit;
    return h > ui->target ? h : ui->target;
}

/* Need i's button at x, y, w wide and h tall. */
static void need_button(App *a, int i, SDL_Rect r)
{
    Ui *ui = &a->ui;
    UiWidget b = ui_proto("", ROLE_BUTTON);
    snprintf(b.id, sizeof b.id, "callback.need.%d", i);
    b.look = LOOK_SECONDARY;
    b.align = TEXT_ALIGN_START;
    ui_copy_text(b.text, sizeof b.text, need_name(a, content_need(a->pack, (size_t)i)));
    b.icon = ICON_NEXT;
    b.font_px = ui->font_body;
    b.rect = r;
    ui_add(ui, &b);
}

/* The screen as one flow on pages: the heading, the words under it (in
 * runs of words, so the first page is full), then the needs in rows: two
 * side by side when neither is taller so than across the row, else one
 * across it. */
#define FLOW_ROWS 64
typedef struct {
    int nrows, first[FLOW_ROWS], count[FLOW_ROWS];
    int nparts;
    LayPart part[6];
    char buf[1024];
} CallbackFlow;

/* Fills f's rows for the width w. */
static void flow_rows(App *a, CallbackFlow *f, int w)
{
    int n = (int)content_need_count(a->pack), gap = theme_space(a->ui.unit, SP_TWO);
    int half = (w - gap) / 2;
    f->nrows = 0;
    for (int i = 0; i < n && f->nrows < FLOW_ROWS; f->nrows++) {
        f->first[f->nrows] = i;
        bool pair = i + 1 < n && need_h(a, i, half) <= need_h(a, i, w) &&
                    need_h(a, i + 1, half) <= need_h(a, i + 1, w);
        f->count[f->nrows] = pair ? 2 : 1;
        i += f->count[f->nrows];
    }
}

static int flow_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    const CallbackFlow *f = ctx;
    if (i == 0)
        return lay_heading(a, "callback.title", _("What would you like to talk about?"), y);
    if (i <= f->nparts)
        return lay_part_item(a, f->part, i - 1, x, y, w, bottom);
    i -= 1 + f->nparts;
    int U = a->ui.unit, gap = theme_space(U, SP_TWO), cw = f->count[i] == 2 ? (w - gap) / 2 : w;
    int h = 0;
    for (int k = 0; k < f->count[i]; k++) {
        int nh = need_h(a, f->first[i] + k, cw);
        h = nh > h ? nh : h;
    }
    for (int k = 0; k < f->count[i]; k++)
        need_button(a, f->first[i] + k, R(x + k * (cw + gap), y, cw, h));
    return y + h + U / 2;
}

/* The last way: the heading, the words under it and the needs one flow
 * on pages (the heading on the first page only). Returns its pages. */
static int callback_flow(App *a, int top)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int starts[64], foot = portrait(a) ? 2 : 1;
    int bottom = ui->h - U - T - (foot == 2 ? T + U : 0) - U;
    static CallbackFlow f;
    flow_rows(a, &f, W);
    /* the words under the heading in runs no taller than the room the
     * heading leaves on the first page, so the page is full */
    int mark = ui->n, below = lay_heading(a, "callback.title",
                                          _("What would you like to talk about?"), top);
    ui->n = mark;
    int room = bottom - below > ui->base_target ? bottom - below : bottom - top;
    size_t used = 0;
    f.nparts = lay_split_paragraph(a, "callback.what", callback_what(a), LOOK_PLAIN, W, room,
                                   f.part, 6, f.buf, sizeof f.buf, &used);
    int items = 1 + f.nparts + f.nrows;
    bool fit = false;
    int pages = lay_split_pages(a, flow_item, &f, items, U, top, W, bottom, starts,
                                (int)(sizeof starts / sizeof starts[0]), &fit);
    if (a->v.req_need_page >= pages)
        a->v.req_need_page = pages - 1;
    lay_show_page(a, flow_item, &f, starts, pages, items, a->v.req_need_page, U, top, W, bottom);
    callback_foot(a, foot, pages);
    return pages;
}

/* The heading at top, at its own size or (small) the body's. */
static int callback_title(App *a, int top, bool small)
{
    const char *t = _("What would you like to talk about?");
    return small ? lay_small_heading(a, "callback.title", t, top)
                 : lay_heading(a, "callback.title", t, top);
}

void callback_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int top = lay_top_bar(a, true), mark = ui->n;
    /* the needs in pages of rows, "something else" always in the bottom
     * row. Tried in turn: two columns (one in portrait, "something else"
     * on a row of its own); Previous and More as arrows; one column;
     * "something else" on its own row; the heading at the body's size;
     * then everything one flow on pages (callback_flow). The first where
     * every word fits is kept. */
    static const struct { int cols, foot, small; } way[] = {
        { 2, 0, 0 }, { 2, 1, 0 }, { 1, 0, 0 }, { 1, 1, 0 }, { 1, 2, 0 }, { 1, 1, 1 }, { 1, 2, 1 },
    };
    int page = a->v.req_need_page;
    /* a way with the heading on every page is taken only when it needs
     * no more pages than the flow */
    int most = callback_flow(a, top);
    for (size_t k = 0; k < sizeof way / sizeof way[0]; k++) {
        /* a tall screen has one column, "something else" on its own row */
        if (portrait(a) && (way[k].cols != 1 || way[k].foot != 2))
            continue;
        ui->n = mark;
        a->v.req_need_page = page;
        int y = callback_title(a, top, way[k].small), pages = 0;
        y = lay_paragraph(a, "callback.what", callback_what(a), U, y, ui->w - 2 * U, LOOK_PLAIN);
        if (callback_needs(a, y, way[k].cols, way[k].foot, &pages) && pages <= most &&
            lay_fits_since(ui, mark, ui->h))
            return;
    }
    ui->n = mark;
    a->v.req_need_page = page;
    callback_flow(a, top);
}

bool callback_tap(App *a, const char *id)
{
    int i;
    if (!strcmp(id, "callback.need.other")) {
        snprintf(a->v.req_need, sizeof a->v.req_need, "%s", NEED_OTHER);
        a->v.req_need_sensitive = false;
    } else if (sscanf(id, "callback.need.%d", &i) == 1 && i >= 0 &&
               (size_t)i < content_need_count(a->pack)) {
        const ContentNeed *n = content_need(a->pack, (size_t)i);
        snprintf(a->v.req_need, sizeof a->v.req_need, "%s", n->id);
        a->v.req_need_sensitive = n->sensitive;
    } else if (!strcmp(id, "callback.more")) {
        a->v.req_need_page++;
        return true;
    } else if (!strcmp(id, "callback.prev")) {
        if (a->v.req_need_page > 0)
            a->v.req_need_page--;
        return true;
    } else {
        return false;
    }
    a->v.req_kind = REC_CALLBACK;
    app_go(a, SCR_REQ_CONTACT);
    return true;
}
