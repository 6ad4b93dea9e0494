/* support_list.c — a need's services: those at this hub and on today
 * first, then at this hub, then the rest on today, then the rest; each
 * with when it is open next. */
#include "support.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Lower comes first: at this hub, then on today. */
static int rank(const DirItem *d, const ServiceWhen *w)
{
    bool today = w->kind == SERVICE_WHEN_OPEN_NOW ||
                 (w->kind == SERVICE_WHEN_NEXT && w->day_offset == 0);
    return (d->at_hub ? 0 : 2) + (today ? 0 : 1);
}

/* Sorts the items by rank, keeping the directory's order within one. */
static void order(Support *s)
{
    for (int i = 1; i < s->n; i++) {
        for (int j = i; j > 0 && rank(&s->items[j], &s->when[j]) <
                                     rank(&s->items[j - 1], &s->when[j - 1]); j--) {
            DirItem t = s->items[j];
            ServiceWhen tw = s->when[j];
            s->items[j] = s->items[j - 1];
            s->when[j] = s->when[j - 1];
            s->items[j - 1] = t;
            s->when[j - 1] = tw;
            sodium_memzero(&t, sizeof t);
        }
    }
}

void support_need_enter(App *a, Screen from)
{
    Support *s = sup_state(a);
    if (!s)
        return;
    if (from != SCR_SUPPORT_SERVICE)
        a->v.sup_list_page = 0;
    sodium_memzero(s->items, sizeof s->items);
    s->n = 0;
    a->v.sup_sensitive = sup_need_sensitive(a, a->v.sup_need);
    Directory *d = sup_dir(a);
    if (!d)
        return;
    int n = directory_list_need(d, a->v.sup_need, a->lang_tag, s->items, SUP_MAX_ITEMS);
    s->n = n > 0 ? n : 0;
    struct tm now;
    bool clock = sup_now(&now);
    for (int i = 0; i < s->n; i++) {
        memset(&s->when[i], 0, sizeof s->when[i]);
        Service *v = clock ? directory_service(d, s->items[i].id, a->lang_tag, NULL) : NULL;
        if (v) {
            s->when[i] = service_when(v, &now);
            Service *keep = s->svc;
            s->svc = v;
            sup_drop_service(s);
            s->svc = keep;
        }
    }
    order(s);
}

/* The need's services under its name from y: the name at the heading's
 * size, or (small) at the body's; each row with when it is open under
 * its name unless bare (the service's page says it). */
static void need_layout(App *a, int y, bool small, bool bare)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    Support *s = a->sup;
    bool personal = a->v.sup_sensitive;
    const ContentNeed *need = content_need_by_id(a->pack, a->v.sup_need);
    const char *title = need ? sup_need_name(a, need, NULL) : _("Find support");
    int px = small ? ui->font_body : ui->font_heading;
    int hh = sup_text_h(a, title, px, TEXT_BOLD, ui->w - 2 * U, personal);
    UiWidget h = ui_proto("support.need.title", ROLE_HEADING);
    ui_copy_text(h.text, sizeof h.text, title);
    h.font_px = px;
    h.weight = TEXT_BOLD;
    h.personal = personal;
    h.rect = R(U, y, ui->w - 2 * U, hh);
    ui_add(ui, &h);
    y += hh + U;
    int n = s ? s->n : 0;
    if (n == 0) {
        lay_paragraph_max(a, "support.need.none",
                          _("No services are listed for this yet. Staff at the desk can help "
                            "you find support."),
                          U, y, ui->w - 2 * U, LOOK_NOTICE, 0, personal);
        sup_bottom_row(a, "support.list", 0, 1, 0);
        return;
    }
    int row_h = T * 3 / 2, avail = sup_bottom_top(a, false, 0) - y;
    int sub_h = bare ? 0 : sup_text_h(a, "09:30", ui->font_small, TEXT_REGULAR, 0, false);
    for (int i = 0; i < n; i++) {
        int th = sup_text_h(a, s->items[i].name, ui->font_button, TEXT_BOLD,
                                ui->w - 6 * U - T, personal) + sub_h + 2 * U;
        if (th > row_h)
            row_h = th;
    }
    int fill = (avail + U) / n - U;
    if (fill > row_h)
        row_h = fill < 2 * T ? fill : 2 * T;
    int per = (avail + U) / (row_h + U);
    if (per < n) {   /* on pages: the room above the pager (on a row of its own, maybe) */
        avail = sup_bottom_top(a, true, 0) - y;
        per = (avail + U) / (row_h + U);
    }
    if (per < 1) {   /* one row as tall as the room: its words may be set smaller */
        per = 1;
        row_h = avail;
    }
    int pages = (n + per - 1) / per;
    if (a->v.sup_list_page >= pages)
        a->v.sup_list_page = pages - 1;
    for (int k = 0; k < per; k++) {
        int i = a->v.sup_list_page * per + k;
        if (i >= n)
            break;
        UiWidget w = ui_proto("", ROLE_BUTTON);
        snprintf(w.id, sizeof w.id, "support.service.%d", i);
        w.look = LOOK_SECONDARY;
        w.personal = personal;
        /* a name not translated is English words in the screen's
         * language and direction (a Latin name on an Urdu screen sits at
         * the right), and its times under it stay in the visitor's script */
        ui_copy_text(w.text, sizeof w.text, s->items[i].name);
        char when[200], sub[256];
        sup_when_text(a, &s->when[i], when, sizeof when);
        if (s->items[i].at_hub && when[0]) {
            const char *k2[] = { "when" }, *v2[] = { when };
            i18n_format(sub, sizeof sub, _("At this hub. {when}"), k2, v2, 1);
        } else {
            snprintf(sub, sizeof sub, "%s", s->items[i].at_hub ? _("At this hub") : when);
        }
        if (!bare)
            ui_copy_text(w.sub, sizeof w.sub, sub);
        sodium_memzero(sub, sizeof sub);
        w.rect = R(U, y + k * (row_h + U), ui->w - 2 * U, row_h);
        w.align = TEXT_ALIGN_START;
        w.icon = ICON_NEXT;
        ui_add(ui, &w);
    }
    sup_bottom_row(a, "support.list", a->v.sup_list_page, pages, 0);
}

void support_need_build(App *a)
{
    Ui *ui = &a->ui;
    int y = lay_top_bar(a, true), mark = ui->n;
    /* tall words (larger text in Urdu): the need's name at the body's
     * size leaves its services more room, then rows of names alone */
    for (int t = 0; t < 2; t++) {
        need_layout(a, y, t > 0, false);
        if (lay_fits_since(ui, mark, ui->h))
            return;
        ui->n = mark;
    }
    /* then the rows with their names alone */
    need_layout(a, y, true, true);
}

bool support_need_tap(App *a, const char *id)
{
    int i;
    Support *s = a->sup;
    if (sscanf(id, "support.service.%d", &i) == 1 && s && i >= 0 && i < s->n) {
        snprintf(a->v.sup_service, sizeof a->v.sup_service, "%s", s->items[i].id);
        a->v.sup_from_search = false;
        a->v.sup_text_page = 0;
        app_go(a, SCR_SUPPORT_SERVICE);
        return true;
    }
    if (!strcmp(id, "nav.back")) {
        /* back where the need was chosen: its group, or the search */
        app_go(a, a->v.sup_need_from_search ? SCR_SUPPORT_SEARCH
                  : a->v.sup_group[0] ? SCR_SUPPORT_GROUP : SCR_SUPPORT);
        return true;
    }
    return sup_bottom_tap(a, "support.list", id, &a->v.sup_list_page);
}
