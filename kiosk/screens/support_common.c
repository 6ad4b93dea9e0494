/* support_common.c — what the find-support screens share (support.h):
 * the directory and what was read for the screen, tiles, the bottom row,
 * the words for when a service is open. */
#include "support.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/import.h"
#include "kiosk/log.h"

Support *sup_state(App *a)
{
    if (!a->sup) {
        a->sup = calloc(1, sizeof *a->sup);
        if (!a->sup)
            LOG_E("support", "out of memory");
    }
    return a->sup;
}

Directory *sup_dir(App *a)
{
    Support *s = sup_state(a);
    if (!s)
        return NULL;
    if (!s->dir) {
        /* a connection of the visit's own (not a->dir): the pages it read,
         * which say what was looked at, are freed with the wipe */
        char path[700], err[256];
        import_db_path(a->cfg.data_dir, path, sizeof path);
        if (directory_open(path, &s->dir, err, sizeof err) != K_OK) {
            LOG_E("support", "%s", err);
            s->dir = NULL;
        }
    }
    return s->dir;
}

static void zero_string(char *p)
{
    if (p)
        sodium_memzero(p, strlen(p));
}

void sup_drop_service(Support *s)
{
    Service *v = s->svc;
    if (!v)
        return;
    /* which service someone looked at is theirs: no copy is left behind */
    char **texts[] = { &v->id, &v->name, &v->organization, &v->description, &v->url,
                       &v->email, &v->phone, &v->address, &v->postcode, &v->fees,
                       &v->last_checked, &v->schedule_text };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        zero_string(*texts[i]);
    for (size_t i = 0; i < v->n_languages; i++)
        zero_string(v->languages[i]);
    for (size_t i = 0; i < v->n_taxonomy_ids; i++)
        zero_string(v->taxonomy_ids[i]);
    service_free(v);
    s->svc = NULL;
    sodium_memzero(s->card, sizeof s->card);
}

void support_wipe(App *a)
{
    Support *s = a->sup;
    if (!s)
        return;
    sup_drop_service(s);
    directory_close(s->dir);
    sodium_memzero(s, sizeof *s);
    free(s);
    a->sup = NULL;
}

bool sup_now(struct tm *tm)
{
    return clock_local(clock_now(), tm);
}

const char *sup_need_name(App *a, const ContentNeed *n, bool *en)
{
    const char *t = content_text(a->pack, a->lang_tag, n->id, "name", NULL);
    if (en)
        *en = !t;
    return t ? t : n->name;
}

const char *sup_group_name(App *a, const ContentNeedGroup *g, bool *en)
{
    const char *t = content_text(a->pack, a->lang_tag, g->id, "name", NULL);
    if (en)
        *en = !t;
    return t ? t : g->name;
}

bool sup_need_sensitive(App *a, const char *need_id)
{
    const ContentNeed *n = need_id && need_id[0] ? content_need_by_id(a->pack, need_id) : NULL;
    return n && n->sensitive;
}

bool sup_service_sensitive(App *a, const Service *s)
{
    for (size_t i = 0; s && i < content_need_count(a->pack); i++) {
        const ContentNeed *n = content_need(a->pack, i);
        if (!n->sensitive)
            continue;
        for (size_t k = 0; k < n->n_service_ids; k++)
            if (!strcmp(n->service_ids[k], s->id))
                return true;
        for (size_t k = 0; k < n->n_taxonomy_ids; k++)
            for (size_t t = 0; t < s->n_taxonomy_ids; t++)
                if (!strcmp(n->taxonomy_ids[k], s->taxonomy_ids[t]))
                    return true;
    }
    return false;
}

void sup_tile(App *a, const char *id, const char *icon, const char *label, const char *lang,
              SDL_Rect r, bool above, bool personal)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    personal = personal || a->v.sup_sensitive;
    UiWidget b = ui_proto(id, ROLE_BUTTON);
    b.look = LOOK_SECONDARY;
    b.rect = r;
    ui_add(ui, &b);
    UiWidget ic = ui_proto("", ROLE_VALUE);
    snprintf(ic.id, sizeof ic.id, "%.40s.icon", id);
    sup_icon_utf8(icon, ic.text);
    ic.lang = THEME_ICON_LANG;
    ic.align = TEXT_ALIGN_CENTER;
    ic.personal = personal;
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%.40s.label", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.font_px = ui->font_button;
    l.weight = TEXT_BOLD;
    l.lang = lang;
    l.personal = personal;
    if (above) {
        int lw = r.w - 2 * U;
        int lh = sup_text_h(a, label, l.font_px, TEXT_BOLD, lw, personal);
        /* the icon gives way to long words, down to the size of a
         * button's icon */
        int side = r.h - lh - 2 * U;
        side = side > ui->font_tile_icon ? ui->font_tile_icon : side;
        side = side > r.h * 2 / 5 ? r.h * 2 / 5 : side;
        side = side < ui->font_icon ? ui->font_icon : side;
        int block = side + U / 2 + lh, top = r.y + (r.h - block) / 2;
        if (top < r.y + U / 2)
            top = r.y + U / 2;
        if (lh > r.y + r.h - U / 2 - (top + side + U / 2))
            lh = r.y + r.h - U / 2 - (top + side + U / 2);
        ic.font_px = side;
        ic.rect = R(r.x + U, top, r.w - 2 * U, side);
        l.align = TEXT_ALIGN_CENTER;
        l.rect = R(r.x + U, top + side + U / 2, lw, lh);
    } else {
        int side = ui->font_tile_icon * 3 / 4;
        if (side > r.h - U)
            side = r.h - U;
        ic.font_px = side;
        ic.rect = R(r.x + U, r.y + (r.h - side) / 2, side, side);
        l.align = TEXT_ALIGN_START;
        l.rect = R(r.x + 2 * U + side, r.y + U / 2, r.w - 3 * U - side, r.h - U);
    }
    ui_add(ui, &ic);
    ui_add(ui, &l);
}

int sup_tile_h(App *a, const char *icon, const char *label, const char *lang, int w, int least,
               int most, bool personal)
{
    Ui *ui = &a->ui;
    int U = ui->unit, mark = ui->n;
    int h = sup_text_h(a, label, ui->font_button, TEXT_BOLD, w - 3 * U - ui->font_tile_icon * 3 / 4,
                       personal) + U;
    h = h < least ? least : h;
    /* as ui_add measures it: a little taller until the words fit */
    for (; h <= most; h += U / 2 > 0 ? U / 2 : 1) {
        sup_tile(a, "support.trial", icon, label, lang, R(0, 0, w, h), false, personal);
        bool ok = lay_fits_since(ui, mark, ui->h + h);
        ui->n = mark;
        if (ok)
            return h;
    }
    return most + 1;
}

static const char *const weekdays[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday" };

void sup_when_text(App *a, const ServiceWhen *w, char *out, size_t cap)
{
    out[0] = '\0';
    char t1[32], range[96];
    if (w->kind == SERVICE_WHEN_OPEN_NOW) {
        i18n_time_of_day(a->i18n, a->lang, w->closes_min, t1, sizeof t1);
        const char *k[] = { "time" }, *v[] = { t1 };
        i18n_format(out, cap, _("Open now, until {time}"), k, v, 1);
    } else if (w->kind == SERVICE_WHEN_NEXT) {
        lay_time_range(a, w->opens_min, w->closes_min, range, sizeof range);
        const char *day = w->day_offset == 0 ? _("today")
                          : w->day_offset == 1 ? _("tomorrow")
                                               : C_("weekday", weekdays[w->weekday % 7]);
        const char *k[] = { "day", "times" }, *v[] = { day, range };
        i18n_format(out, cap, _("Next open {day}, {times}"), k, v, 2);
    }
}

void sup_week_text(App *a, const Service *s, const struct tm *now, bool compact, char *out,
                   size_t cap)
{
    struct { int wday, opens, closes; bool done; } day[7];
    int n = 0;
    out[0] = '\0';
    for (int d = 0; d < 7; d++) {
        /* each day from its midnight: does it open that day? */
        struct tm t = *now;
        t.tm_mday += d;
        t.tm_hour = t.tm_min = t.tm_sec = 0;
        t.tm_isdst = -1;
        if (mktime(&t) == (time_t)-1)
            continue;
        ServiceWhen w = service_when(s, &t);
        if (!(w.kind == SERVICE_WHEN_OPEN_NOW ||
              (w.kind == SERVICE_WHEN_NEXT && w.day_offset == 0)))
            continue;
        day[n].wday = t.tm_wday % 7;
        day[n].opens = w.kind == SERVICE_WHEN_OPEN_NOW ? 0 : w.opens_min;
        day[n].closes = w.closes_min;
        day[n].done = false;
        n++;
    }
    /* the days with the same hours together: "Monday, Friday 10:00 to 12:00" */
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        if (day[i].done)
            continue;
        char days[300] = "", range[96];
        size_t dl = 0;
        for (int j = i; j < n; j++) {
            if (day[j].done || day[j].opens != day[i].opens || day[j].closes != day[i].closes)
                continue;
            day[j].done = true;
            int k = snprintf(days + dl, sizeof days - dl, "%s%s", dl ? ", " : "",
                             C_("weekday", weekdays[day[j].wday]));
            if (k > 0 && (size_t)k < sizeof days - dl)
                dl += (size_t)k;
        }
        if (compact) {
            char t1[32], t2[32];
            i18n_time_of_day(a->i18n, a->lang, day[i].opens, t1, sizeof t1);
            i18n_time_of_day(a->i18n, a->lang, day[i].closes, t2, sizeof t2);
            snprintf(range, sizeof range, "%s-%s", t1, t2);
        } else {
            lay_time_range(a, day[i].opens, day[i].closes, range, sizeof range);
        }
        int k = snprintf(out + len, cap - len, "%s%s %s", len ? "; " : "", days, range);
        if (k < 0 || (size_t)k >= cap - len) {
            out[len] = '\0';
            break;
        }
        len += (size_t)k;
    }
}

bool sup_load_service(App *a)
{
    Support *s = sup_state(a);
    if (!s)
        return false;
    if (s->svc && !strcmp(s->svc->id, a->v.sup_service))
        return true;
    sup_drop_service(s);
    Directory *d = sup_dir(a);
    if (!d || !a->v.sup_service[0])
        return false;
    bool all = true;
    s->svc = directory_service(d, a->v.sup_service, a->lang_tag, &all);
    if (!s->svc)
        return false;
    s->svc_translated = all;
    struct tm now;
    memset(&s->svc_when, 0, sizeof s->svc_when);
    s->week[0] = '\0';
    if (sup_now(&now)) {
        s->svc_when = service_when(s->svc, &now);
        sup_week_text(a, s->svc, &now, false, s->week, sizeof s->week);
        sup_week_text(a, s->svc, &now, true, s->week_short, sizeof s->week_short);
    }
    if (sup_service_sensitive(a, s->svc))
        a->v.sup_sensitive = true;
    return true;
}

const char *sup_shown_url(const char *url)
{
    if (!strncmp(url, "https://", 8))
        url += 8;
    else if (!strncmp(url, "http://", 7))
        url += 7;
    if (!strncmp(url, "www.", 4))
        url += 4;
    return url;
}

int sup_primary_w(const App *a)
{
    const Ui *ui = &a->ui;
    int bw = ui->target * 5;
    return bw > ui->w / 2 - 2 * ui->unit ? ui->w / 2 - 2 * ui->unit : bw;
}

int sup_text_h(App *a, const char *text, int px, TextWeight weight, int width, bool personal)
{
    return ui_text_height(&a->ui, text, px, weight, width - 2, personal);
}

int sup_words_w(App *a, const char *text)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    text_measure(ui->te, text, &st, 0, &e);
    return e.w + 3 * ui->unit + ui->font_icon + 2;
}

/* Where the bottom row's buttons go (see sup_bottom_row). */
typedef struct {
    int y, hw, px, py, pw, mw, top;
    bool words;
} BottomRow;

static BottomRow bottom_row(App *a, bool paged, int end_room)
{
    /* a column kept free (negative) never sends Start again up a row */
    bool column = end_room < 0;
    end_room = column ? -end_room : end_room;
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    BottomRow b = { 0 };
    b.y = ui->h - U - T;
    int room = ui->w - 2 * U - (end_room ? end_room + U : 0);
    int least = 2 * ui->base_target;
    b.hw = sup_words_w(a, _("Start again"));
    b.pw = sup_words_w(a, _("Previous"));
    b.mw = sup_words_w(a, _("More"));
    if (end_room && !column && b.hw > room) {
        /* Start again's words and the way forward do not share a row:
         * Start again (and the pager) go on the row above */
        b.y -= T + U;
        room = ui->w - 2 * U;
    }
    b.hw = b.hw < least ? least : b.hw > room ? room : b.hw;
    /* the pager beside Start again, with words or arrows alone; on a row
     * of its own above when even arrows leave Start again no room */
    b.words = b.hw + b.pw + b.mw + 2 * U <= room;
    bool beside = b.words || b.hw + 2 * least + 2 * U <= room;
    b.top = b.y - U;
    b.px = U + b.hw + U;
    b.py = b.y;
    if (paged && !beside) {
        b.py = b.y - U - T;
        b.px = U;
        b.top = b.py - U;
        /* in a column kept free, the pager's row is the column's too */
        b.words = b.pw + b.mw + U <= (column ? room : ui->w - 2 * U);
    }
    if (!b.words)
        b.pw = b.mw = least;
    return b;
}

int sup_bottom_top(App *a, bool paged, int end_room)
{
    return bottom_row(a, paged, end_room).top;
}

int sup_bottom_row(App *a, const char *idbase, int page, int pages, int end_room)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    bool paged = pages > 1;
    BottomRow b = bottom_row(a, paged, end_room);
    int y = b.y, hw = b.hw, pw = b.pw, mw = b.mw, top = b.top;
    bool words = b.words;
    UiWidget *h = ui_button_icon(ui, "support.home", _("Start again"), R(U, y, hw, T),
                                 LOOK_SECONDARY, GLYPH_HOME);
    if (h && !h->fits) {   /* a narrow column: the icon alone, its words its label */
        ui->n--;
        h = ui_button_icon(ui, "support.home", "", R(U, y, hw, T), LOOK_SECONDARY, GLYPH_HOME);
        if (h)
            ui_copy_text(h->label, sizeof h->label, _("Start again"));
    }
    if (paged) {
        int py = b.py, x = b.px;
        const char *prev = _("Previous"), *more = _("More");
        char id[48];
        snprintf(id, sizeof id, "%.30s.prev", idbase);
        UiWidget *p = ui_button_icon(ui, id, words ? prev : "", R(x, py, pw, T), LOOK_SECONDARY,
                                     ICON_BACK);
        if (p)
            p->enabled = page > 0;
        snprintf(id, sizeof id, "%.30s.more", idbase);
        UiWidget *m = ui_button_icon(ui, id, words ? more : "", R(x + pw + U, py, mw, T),
                                     LOOK_SECONDARY, ICON_NEXT);
        if (m)
            m->enabled = page < pages - 1;
    }
    return top;
}

bool sup_bottom_tap(App *a, const char *idbase, const char *id, int *page)
{
    size_t n = strlen(idbase);
    if (!strcmp(id, "support.home")) {
        app_go_home(a);
        return true;
    }
    if (strncmp(id, idbase, n) != 0 || id[n] != '.')
        return false;
    if (!strcmp(id + n, ".prev")) {
        if (*page > 0)
            (*page)--;
        return true;
    }
    if (!strcmp(id + n, ".more")) {
        (*page)++;
        return true;
    }
    return false;
}
