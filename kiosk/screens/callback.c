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

void callback_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "callback.title", _("What would you like to talk about?"), y);
    y = lay_paragraph(a, "callback.what",
                      _("A member of the family hub team will phone you back, in your language "
                        "if you need."),
                      U, y, ui->w - 2 * U, LOOK_PLAIN);
    /* the needs in pages of rows; "something else" always in the bottom
     * row, between Previous and More */
    int n = (int)content_need_count(a->pack);
    int cols = portrait(a) ? 1 : 2, gap = theme_space(U, SP_TWO);
    int bw = (ui->w - 2 * U - (cols - 1) * gap) / cols, bh = T;
    /* rows as tall as the longest name needs, on two lines at most */
    for (int i = 0; i < n; i++) {
        int h = ui_text_height(ui, need_name(a, content_need(a->pack, (size_t)i)), ui->font_body,
                               TEXT_BOLD, bw - 4 * U - ui->font_icon, false) + U;
        bh = h > bh ? h : bh;
    }
    bh = bh > 2 * T ? 2 * T : bh;
    /* on a narrow screen "something else" has a row of its own */
    bool narrow = portrait(a);
    int bottom_rows = narrow ? 2 : 1;
    int rows = (ui->h - y - bottom_rows * (T + U)) / (bh + U / 2);
    rows = rows < 1 ? 1 : rows;
    int per = rows * cols;
    int pages = n > 0 ? (n + per - 1) / per : 1;
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
    int pw = narrow ? (ui->w - 3 * U) / 2 : (ui->w - 4 * U) / 3, py = ui->h - U - T;
    SDL_Rect other = narrow ? R(U, py - T - U, ui->w - 2 * U, T)
                            : R(pages > 1 ? 2 * U + pw : U, py, pw, T);
    ui_button_icon(ui, "callback.need.other", _("Something else"), other, LOOK_SECONDARY,
                   ICON_NEXT);
    if (pages > 1) {
        UiWidget *p = ui_button_icon(ui, "callback.prev", _("Previous"), R(U, py, pw, T),
                                     LOOK_SECONDARY, ICON_BACK);
        if (p)
            p->enabled = a->v.req_need_page > 0;
        UiWidget *m = ui_button_icon(ui, "callback.more", _("More"), R(ui->w - U - pw, py, pw, T),
                                     LOOK_SECONDARY, ICON_NEXT);
        if (m)
            m->enabled = a->v.req_need_page < pages - 1;
    }
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
