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
    /* the needs and "something else" last, in pages of rows */
    int n = (int)content_need_count(a->pack) + 1;
    int cols = portrait(a) ? 1 : 2, gap = theme_space(U, SP_TWO);
    int bw = (ui->w - 2 * U - (cols - 1) * gap) / cols, bh = T;
    int rows = (ui->h - y - U - T - U) / (bh + U / 2);
    rows = rows < 1 ? 1 : rows;
    int per = rows * cols;
    bool paged = n > per;
    if (!paged) {   /* room for the forward row is not needed: one more row */
        rows = (ui->h - y - U) / (bh + U / 2);
        per = rows * cols;
    }
    int pages = (n + per - 1) / per;
    if (a->v.req_need_page >= pages)
        a->v.req_need_page = pages - 1;
    for (int k = 0; k < per; k++) {
        int i = a->v.req_need_page * per + k;
        if (i >= n)
            break;
        const ContentNeed *need = i < n - 1 ? content_need(a->pack, (size_t)i) : NULL;
        char id[48];
        if (need)
            snprintf(id, sizeof id, "callback.need.%d", i);
        else
            snprintf(id, sizeof id, "callback.need.other");
        int c = k / rows, r = k % rows;
        UiWidget w = ui_proto(id, ROLE_BUTTON);
        w.look = LOOK_SECONDARY;
        w.align = TEXT_ALIGN_START;
        ui_copy_text(w.text, sizeof w.text, need ? need_name(a, need) : _("Something else"));
        w.icon = ICON_NEXT;
        w.rect = R(U + c * (bw + gap), y + r * (bh + U / 2), bw, bh);
        ui_add(ui, &w);
    }
    if (paged) {
        int pw = T * 4 < ui->w / 2 - 2 * U ? T * 4 : ui->w / 2 - 2 * U, py = ui->h - U - T;
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
