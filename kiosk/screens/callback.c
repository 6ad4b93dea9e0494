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
        a->v.req_need_group = 0;
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
 * its own over Previous and More (PAGER.prev, PAGER.more). Returns the y
 * above it. */
static int callback_foot(App *a, int foot, int pages, const char *pager)
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
        char id[48];
        snprintf(id, sizeof id, "%s.prev", pager);
        pager_button(ui, id, _("Previous"), R(U, py, pw, T), ICON_BACK, foot != 1,
                     a->v.req_need_page > 0);
        snprintf(id, sizeof id, "%s.more", pager);
        pager_button(ui, id, _("More"), R(ui->w - U - pw, py, pw, T), ICON_NEXT, foot != 1,
                     a->v.req_need_page < pages - 1);
    }
    return foot_top;
}

/* The needs from y down in cols columns, then the bottom: foot 0 is
 * Previous, "Something else" and More in one row; 1 the same with the
 * arrows alone; 2 "Something else" on a row of its own over Previous and
 * More; *pagesp the pages they take. False when not even one row of
 * needs fits. */
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
    callback_foot(a, foot, pages, "callback");
    return true;
}

static const char *callback_what(App *a)
{
    return _("A member of the family hub team will phone you back, in your language if you "
             "need.");
}

/* The heading text at top, at its own size or (small) the body's.
 * Returns the y below it. */
static int callback_title_text(App *a, const char *text, int top, bool small)
{
    return small ? lay_small_heading(a, "callback.title", text, top)
                 : lay_heading(a, "callback.title", text, top);
}

/* The pages the flow may take before the needs are asked for by group. */
#define FLOW_MOST 8

/* The name of entry e of the flow: need e, or (below 0) group -e - 1. */
static const char *entry_name(App *a, int e)
{
    if (e >= 0)
        return need_name(a, content_need(a->pack, (size_t)e));
    const ContentNeedGroup *g = content_need_group(a->pack, (size_t)(-e - 1));
    return content_text(a->pack, a->lang_tag, g->id, "name", g->name);
}

/* The height of entry e's button w wide: as tall as its name and the
 * button's padding above and below (the screen's target at least). */
static int entry_h(App *a, int e, int w)
{
    Ui *ui = &a->ui;
    int h = ui_text_height(ui, entry_name(a, e), ui->font_body, TEXT_BOLD,
                           w - 4 * ui->unit - ui->font_icon, false) + 2 * ui->unit;
    return h > ui->target ? h : ui->target;
}

/* Entry e's button in r: callback.need.N, or callback.group.N. */
static void entry_button(App *a, int e, SDL_Rect r)
{
    Ui *ui = &a->ui;
    UiWidget b = ui_proto("", ROLE_BUTTON);
    if (e >= 0)
        snprintf(b.id, sizeof b.id, "callback.need.%d", e);
    else
        snprintf(b.id, sizeof b.id, "callback.group.%d", -e - 1);
    b.look = LOOK_SECONDARY;
    b.align = TEXT_ALIGN_START;
    ui_copy_text(b.text, sizeof b.text, entry_name(a, e));
    b.icon = ICON_NEXT;
    b.font_px = ui->font_body;
    b.rect = r;
    ui_add(ui, &b);
}

/* The screen as one flow on pages: the heading, the words under it (in
 * runs of words, so the first page is full), then the entries (needs,
 * or groups of them) in rows: two side by side when neither is taller
 * so than across the row, else one across it. */
#define FLOW_ROWS 64
typedef struct {
    const char *title;
    bool small;         /* the heading at the body's size */
    const char *what;   /* NULL: no words under the heading */
    int nrows, first[FLOW_ROWS], count[FLOW_ROWS];
    int entry[FLOW_ROWS];
    int nparts;
    LayPart part[6];
    char buf[1024];
} CallbackFlow;

/* Fills f's rows of its n entries for the width w. */
static void flow_rows(App *a, CallbackFlow *f, int n, int w)
{
    int gap = theme_space(a->ui.unit, SP_TWO), half = (w - gap) / 2;
    f->nrows = 0;
    for (int i = 0; i < n && f->nrows < FLOW_ROWS; f->nrows++) {
        int e = f->entry[i];
        f->first[f->nrows] = i;
        bool pair = i + 1 < n && entry_h(a, e, half) <= entry_h(a, e, w) &&
                    entry_h(a, f->entry[i + 1], half) <= entry_h(a, f->entry[i + 1], w);
        f->count[f->nrows] = pair ? 2 : 1;
        i += f->count[f->nrows];
    }
}

static int flow_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    const CallbackFlow *f = ctx;
    if (i == 0)
        return callback_title_text(a, f->title, y, f->small);
    if (i <= f->nparts)
        return lay_part_item(a, f->part, i - 1, x, y, w, bottom);
    i -= 1 + f->nparts;
    int U = a->ui.unit, gap = theme_space(U, SP_TWO), cw = f->count[i] == 2 ? (w - gap) / 2 : w;
    int h = 0;
    for (int k = 0; k < f->count[i]; k++) {
        int eh = entry_h(a, f->entry[f->first[i] + k], cw);
        h = eh > h ? eh : h;
    }
    for (int k = 0; k < f->count[i]; k++)
        entry_button(a, f->entry[f->first[i] + k], R(x + k * (cw + gap), y, cw, h));
    return y + h + U / 2;
}

/* What the flow shows: every need (ALL), the groups with the needs in
 * none, or the needs of group g (0 and on). */
enum { FLOW_ALL = -2, FLOW_GROUPS = -1 };

/* Fills f's entries for what (FLOW_ALL, FLOW_GROUPS or a group).
 * Returns how many. */
static int flow_entries(App *a, CallbackFlow *f, int what)
{
    int n = 0, needs = (int)content_need_count(a->pack);
    int groups = (int)content_need_group_count(a->pack);
    for (int g = 0; what == FLOW_GROUPS && g < groups && n < FLOW_ROWS; g++)
        f->entry[n++] = -g - 1;
    for (int i = 0; i < needs && n < FLOW_ROWS; i++) {
        const char *gid = content_need(a->pack, (size_t)i)->group;
        bool grouped = gid[0] && content_need_group_by_id(a->pack, gid);
        bool in = what == FLOW_ALL || (what == FLOW_GROUPS && !grouped) ||
                  (what >= 0 && grouped &&
                   !strcmp(gid, content_need_group(a->pack, (size_t)what)->id));
        if (in)
            f->entry[n++] = i;
    }
    return n;
}

/* The last ways: the heading, the words under it and the needs one flow
 * on pages (the heading on the first page only); by group (what), with
 * the group's name as the heading over its needs. Returns its pages. */
static int callback_flow(App *a, int top, int what)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int starts[64], foot = portrait(a) ? 2 : 1;
    int bottom = ui->h - U - T - (foot == 2 ? T + U : 0) - U;
    static CallbackFlow f;
    f.title = what >= 0 ? entry_name(a, -what - 1) : _("What would you like to talk about?");
    f.what = what >= 0 ? NULL : callback_what(a);
    f.small = what != FLOW_ALL;
    flow_rows(a, &f, flow_entries(a, &f, what), W);
    /* the words under the heading in runs no taller than the room the
     * heading leaves on the first page, so the page is full */
    int mark = ui->n, below = callback_title_text(a, f.title, top, f.small);
    ui->n = mark;
    int room = bottom - below > ui->base_target ? bottom - below : bottom - top;
    size_t used = 0;
    f.nparts = f.what ? lay_split_paragraph(a, "callback.what", f.what, LOOK_PLAIN, W, room,
                                            f.part, 6, f.buf, sizeof f.buf, &used)
                      : 0;
    int items = 1 + f.nparts + f.nrows;
    bool fit = false;
    int pages = lay_split_pages(a, flow_item, &f, items, U, top, W, bottom, starts,
                                (int)(sizeof starts / sizeof starts[0]), &fit);
    if (a->v.req_need_page >= pages)
        a->v.req_need_page = pages - 1;
    lay_show_page(a, flow_item, &f, starts, pages, items, a->v.req_need_page, U, top, W, bottom);
    callback_foot(a, foot, pages, what == FLOW_GROUPS ? "callback.groups" : "callback");
    return pages;
}

/* The heading at top, at its own size or (small) the body's. */
static int callback_title(App *a, int top, bool small)
{
    return callback_title_text(a, _("What would you like to talk about?"), top, small);
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
     * no more pages than the flow; a flow of too many pages asks for a
     * group first when the pack has groups */
    int most = callback_flow(a, top, FLOW_ALL);
    bool by_group = most > FLOW_MOST && content_need_group_count(a->pack) > 1;
    for (size_t k = 0; k < sizeof way / sizeof way[0]; k++) {
        /* a tall screen has one column, "something else" on its own row */
        if (portrait(a) && (way[k].cols != 1 || way[k].foot != 2))
            continue;
        ui->n = mark;
        a->v.req_need_page = page;
        int y = callback_title(a, top, way[k].small), pages = 0;
        y = lay_paragraph(a, "callback.what", callback_what(a), U, y, ui->w - 2 * U, LOOK_PLAIN);
        if (callback_needs(a, y, way[k].cols, way[k].foot, &pages) && pages <= most &&
            (!by_group || pages <= FLOW_MOST) && lay_fits_since(ui, mark, ui->h)) {
            a->v.req_need_group = 0;   /* no group shown: Back goes home */
            return;
        }
    }
    ui->n = mark;
    a->v.req_need_page = page;
    int group = a->v.req_need_group - 1;
    if (!by_group || group >= (int)content_need_group_count(a->pack)) {
        a->v.req_need_group = 0;
        group = -1;
    }
    callback_flow(a, top, !by_group ? FLOW_ALL : group >= 0 ? group : FLOW_GROUPS);
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
    } else if (sscanf(id, "callback.group.%d", &i) == 1 && i >= 0 &&
               (size_t)i < content_need_group_count(a->pack)) {
        /* the group's needs, from their first page */
        a->v.req_need_group = i + 1;
        a->v.req_need_page = 0;
        return true;
    } else if (!strcmp(id, "nav.back") && a->v.req_need_group > 0) {
        /* from a group's needs back to the groups */
        a->v.req_need_group = 0;
        a->v.req_need_page = 0;
        return true;
    } else if (!strcmp(id, "callback.more") || !strcmp(id, "callback.groups.more")) {
        a->v.req_need_page++;
        return true;
    } else if (!strcmp(id, "callback.prev") || !strcmp(id, "callback.groups.prev")) {
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
