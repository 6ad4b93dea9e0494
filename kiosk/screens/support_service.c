/* support_service.c — one service in plain words: who it is for, when it
 * is open, where, how to get in touch, what it costs, its languages, when
 * the listing was checked, then what it is. The facts and the description
 * flow down one column (portrait) or two (landscape) and on to further
 * pages (More, Previous); a paragraph too long for what is left of a
 * column is cut between words. "Take this home" is the way forward. */
#include "support_service.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void support_service_enter(App *a, Screen from)
{
    if (from != SCR_SUPPORT_TAKE)
        a->v.sup_text_page = 0;
    a->v.sup_sensitive = sup_need_sensitive(a, a->v.sup_need) && !a->v.sup_from_search;
    if (sup_load_service(a) && sup_service_sensitive(a, a->sup->svc))
        a->v.sup_sensitive = true;
}

/* English words where the visitor's language was asked for: a text
 * whose first letter is a Latin one in a language written otherwise, or
 * any text when the service is not wholly translated. */
static const char *text_lang(App *a, const char *text)
{
    const Support *s = a->sup;
    if (s && s->svc_translated)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
            return "en";
        if (*p >= 0x80)
            return NULL;
    }
    return NULL;
}

static void add(Facts *f, const char *id, const char *icon, const char *text, const char *lang)
{
    if (!text || !text[0] || f->n >= MAX_BLOCKS)
        return;
    Block *b = &f->b[f->n++];
    snprintf(b->id, sizeof b->id, "%s", id);
    b->icon = icon;
    b->text = text;
    b->lang = lang;
}

static void ages(App *a, const Service *v, char *out, size_t cap)
{
    char lo[16], hi[16];
    i18n_number(a->i18n, a->lang, v->min_age, lo, sizeof lo);
    i18n_number(a->i18n, a->lang, v->max_age, hi, sizeof hi);
    const char *k[] = { "from", "to" }, *val[] = { lo, hi };
    out[0] = '\0';
    if (v->min_age >= 0 && v->max_age >= 0)
        i18n_format(out, cap, _("For ages {from} to {to}"), k, val, 2);
    else if (v->min_age >= 0)
        i18n_format(out, cap, _("For ages {from} and over"), k, val, 1);
    else if (v->max_age >= 0)
        i18n_format(out, cap, _("For ages up to {to}"), k + 1, val + 1, 1);
}

/* The languages it is offered in, each named in its own words when the
 * kiosk has it, else by its code. */
static void languages(App *a, const Service *v, char *out, size_t cap)
{
    char list[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < v->n_languages && len + 1 < sizeof list; i++) {
        int l = i18n_find(a->i18n, v->languages[i]);
        const LangInfo *li = l >= 0 ? i18n_lang(a->i18n, l) : NULL;
        int n = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "",
                         li ? li->native_name : v->languages[i]);
        if (n < 0 || (size_t)n >= sizeof list - len)
            break;
        len += (size_t)n;
    }
    out[0] = '\0';
    if (len) {
        const char *k[] = { "languages" }, *val[] = { list };
        i18n_format(out, cap, _("In {languages}"), k, val, 1);
    }
}

static void checked(App *a, const Service *v, char *out, size_t cap)
{
    int y, m, d;
    out[0] = '\0';
    if (sscanf(v->last_checked, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return;
    struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
    char date[128];
    i18n_date(a->i18n, a->lang, &tm, date, sizeof date);
    const char *k[] = { "date" }, *val[] = { date };
    i18n_format(out, cap, _("This listing was checked on {date}."), k, val, 1);
}

static void facts(App *a, const Service *v, Facts *f)
{
    const Support *s = a->sup;
    ages(a, v, f->who, sizeof f->who);
    add(f, "support.svc.who", "group", f->who, NULL);
    char now[200];
    sup_when_text(a, &s->svc_when, now, sizeof now);
    snprintf(f->when, sizeof f->when, "%s%s%s", now, now[0] && s->week[0] ? "\n" : "", s->week);
    bool own = !f->when[0] && v->schedule_text[0];
    if (!f->when[0])
        snprintf(f->when, sizeof f->when, "%s",
                 own ? v->schedule_text : _("Ask at the desk when it is on."));
    add(f, "support.svc.when", "schedule", f->when, own ? text_lang(a, f->when) : NULL);
    if (now[0] && v->schedule_text[0])
        add(f, "support.svc.when.more", "schedule", v->schedule_text,
            text_lang(a, v->schedule_text));
    add(f, "support.svc.where", "place", v->address, "en");
    add(f, "support.svc.phone", "phone", v->phone, "en");
    add(f, "support.svc.email", "email", v->email, "en");
    snprintf(f->web, sizeof f->web, "%s", sup_shown_url(v->url));
    add(f, "support.svc.web", "public", f->web, "en");
    if (v->free_of_charge) {
        snprintf(f->cost, sizeof f->cost, "%s", _("Free"));
    } else if (v->fees[0]) {
        const char *k[] = { "cost" }, *val[] = { v->fees };
        i18n_format(f->cost, sizeof f->cost, _("Cost: {cost}"), k, val, 1);
    }
    add(f, "support.svc.cost", "payments", f->cost,
        v->free_of_charge ? NULL : text_lang(a, v->fees));
    languages(a, v, f->langs, sizeof f->langs);
    add(f, "support.svc.langs", "language", f->langs, NULL);
    checked(a, v, f->checked, sizeof f->checked);
    add(f, "support.svc.checked", "verified", f->checked, NULL);
}

/* Height of the first len bytes of text at the body size, as ui_add
 * draws it: a text in a language of its own (lang) in that language's
 * script size. */
size_t sup_svc_piece_len(const char *t, size_t len)
{
    if (len <= PIECE_MAX)
        return len;
    size_t n = PIECE_MAX;
    while (n > 0 && t[n] != ' ')
        n--;
    if (n == 0)   /* no space: at a character's start */
        for (n = PIECE_MAX; n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80; n--)
            ;
    return n;
}

int sup_svc_piece_h(App *a, const char *text, size_t len, int width, const char *lang)
{
    char buf[PIECE_MAX + 1];
    snprintf(buf, sizeof buf, "%.*s", (int)len, text);
    const char *keep = a->ui.lang;
    int px = a->ui.font_body;
    if (lang) {
        double mine = theme_script_scale(lang), screen = theme_script_scale(keep);
        if (mine != screen)
            px = (int)(px * mine / screen + 0.5);
        a->ui.lang = lang;
    }
    int h = sup_text_h(a, buf, px, TEXT_REGULAR, width, a->v.sup_sensitive);
    a->ui.lang = keep;
    sodium_memzero(buf, sizeof buf);
    return h;
}

/* The longest prefix of text[0..len) ending before a space whose height
 * is at most room; 0 when not even one word fits. */
size_t sup_svc_prefix_fitting(App *a, const char *text, size_t len, int width, int room,
                              const char *lang)
{
    size_t lo = 0, hi = len;
    for (int i = 0; i < 12 && lo < hi; i++) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > lo && text[mid] != ' ' && text[mid] != '\n')
            mid--;
        if (mid == lo)
            break;
        if (sup_svc_piece_h(a, text, mid, width, lang) <= room)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* A fact in a language of its own (an address, a phone number) finds
 * its own direction: on a right-to-left screen it is set at its box's
 * right, beside its icon, as the screen's words are. */
TextAlign sup_svc_own_align(const Ui *ui, const Block *b)
{
    return ui->rtl && b->icon && b->lang ? TEXT_ALIGN_END : TEXT_ALIGN_START;
}

#define FLOW_ALL (-2)   /* every page's widgets at once: a trial of them all */

typedef struct {
    int cols, colw, gap, top, bottom;
    int page, col, y;      /* where the flow is */
    int want;              /* the page being built, or FLOW_ALL */
    int pieces;
} Flow;

static void next_column(Flow *fl)
{
    fl->y = fl->top;
    if (++fl->col >= fl->cols) {
        fl->col = 0;
        fl->page++;
    }
}

/* Places text[0..len) of block b at the flow's point (on the page being
 * built only). */
static void place(App *a, Flow *fl, const Block *b, const char *text, size_t len, int h)
{
    Ui *ui = &a->ui;
    int U = ui->unit, x = U + fl->col * (fl->colw + fl->gap), side = b->icon ? ui->font_icon : 0;
    if (fl->page == fl->want || fl->want == FLOW_ALL) {
        if (b->icon) {
            UiWidget ic = ui_proto("", ROLE_VALUE);
            snprintf(ic.id, sizeof ic.id, "%s.icon", b->id);
            sup_icon_utf8(b->icon, ic.text);
            ic.lang = THEME_ICON_LANG;
            ic.font_px = side;
            ic.personal = a->v.sup_sensitive;
            ic.rect = R(x, fl->y, side, side);
            ui_add(ui, &ic);
        }
        UiWidget t = ui_proto("", ROLE_TEXT);
        if (b->icon)
            snprintf(t.id, sizeof t.id, "%s", b->id);
        else
            snprintf(t.id, sizeof t.id, "support.svc.desc.%d", fl->pieces);
        snprintf(t.text, sizeof t.text, "%.*s", (int)len, text);
        t.lang = b->lang;
        t.align = sup_svc_own_align(ui, b);
        t.personal = a->v.sup_sensitive;
        t.rect = R(x + (side ? side + U : 0), fl->y, fl->colw - (side ? side + U : 0), h);
        ui_add(ui, &t);
    }
    if (!b->icon)
        fl->pieces++;
    fl->y += h + U;
}

static void flow_block(App *a, Flow *fl, const Block *b)
{
    int U = a->ui.unit;
    int width = fl->colw - (b->icon ? a->ui.font_icon + U : 0);
    const char *t = b->text;
    size_t len = strlen(t);
    while (len > 0) {
        size_t n = sup_svc_piece_len(t, len);
        int h = sup_svc_piece_h(a, t, n, width, b->lang);
        int room = fl->bottom - fl->y;
        if (h > room) {
            size_t p = b->icon ? 0 : sup_svc_prefix_fitting(a, t, n, width, room, b->lang);
            if (p > 0) {
                n = p;
                h = sup_svc_piece_h(a, t, n, width, b->lang);
            } else if (fl->y > fl->top) {
                next_column(fl);
                continue;
            } else if (h > room) {
                h = room;   /* taller than a whole column: shrunk to fit */
            }
        }
        place(a, fl, b, t, n, h);
        t += n;
        len -= n;
        while (len > 0 && (*t == ' ' || *t == '\n')) {
            t++;
            len--;
        }
    }
}

/* The service's name as the heading at x, w wide: at the heading's size,
 * or the body's when small. Returns the y below it. */
int sup_svc_title_at(App *a, const Service *v, bool small, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int px = small ? ui->font_body : ui->font_heading;
    int hh = sup_text_h(a, v->name, px, TEXT_BOLD, w, a->v.sup_sensitive);
    UiWidget h = ui_proto("support.svc.title", ROLE_HEADING);
    ui_copy_text(h.text, sizeof h.text, v->name);
    h.personal = a->v.sup_sensitive;
    h.lang = text_lang(a, v->name);
    if (small) {
        h.font_px = px;
        h.weight = TEXT_BOLD;
    }
    h.rect = R(x, y, w, hh);
    ui_add(ui, &h);
    return y + hh + ui->unit / 2;
}

/* "Some of this is in English" at x, w wide, when the service is not
 * wholly translated and the visitor's language is not English. Returns
 * the y below it (y when there is no note). */
int sup_svc_english_note(App *a, int x, int y, int w)
{
    Ui *ui = &a->ui;
    if (a->sup->svc_translated || !strncmp(a->lang_tag, "en", 2))
        return y;
    const char *note = _("Some of this is in English: it has not been translated yet.");
    int nh = sup_text_h(a, note, ui->font_small, TEXT_REGULAR, w, false);
    UiWidget n = ui_proto("support.svc.english", ROLE_TEXT);
    n.look = LOOK_QUIET;
    n.font_px = ui->font_small;
    ui_copy_text(n.text, sizeof n.text, note);
    n.rect = R(x, y, w, nh);
    ui_add(ui, &n);
    return y + nh + ui->unit / 2;
}

/* The first way: the heading across, the facts flowing down one column
 * (portrait) or two and on to further pages, the pager in the bottom
 * row. Facts taller than a column are set smaller (not whole). Returns
 * true when every page's words fit (each page is tried, so the way
 * taken does not change from one page to the next); *npages is how
 * many pages. */
static bool columns_layout(App *a, const Service *v, const Facts *f, int y, int *npages)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    y = sup_svc_title_at(a, v, false, U, y, ui->w - 2 * U);
    y = sup_svc_english_note(a, U, y, ui->w - 2 * U);
    y += U / 2;
    Flow fl = { 0 };
    fl.cols = portrait(a) || ui->w < 70 * U ? 1 : 2;
    fl.gap = theme_space(U, SP_THREE);
    fl.colw = (ui->w - 2 * U - fl.gap * (fl.cols - 1)) / fl.cols;
    fl.top = y;
    /* the way forward first: the bottom row keeps its width free */
    UiWidget *next = lay_next_button(a, "support.take", _("Take this home"), true);
    int end_room = next ? next->rect.w : sup_primary_w(a);
    fl.bottom = sup_bottom_top(a, false, end_room);
    int paged_bottom = sup_bottom_top(a, true, end_room);
    int pages = 1;
    /* a page past the first: count the pages first (a smaller text or
     * screen may have fewer), then lay out the one shown */
    for (int pass = a->v.sup_text_page > 0 || paged_bottom < fl.bottom ? 0 : 1; pass < 2;
         pass++) {
        fl.page = fl.col = fl.pieces = 0;
        fl.y = fl.top;
        fl.want = pass == 0 ? -1 : a->v.sup_text_page;
        for (int i = 0; i < f->n; i++)
            flow_block(a, &fl, &f->b[i]);
        pages = fl.page + (fl.y > fl.top || fl.col > 0 ? 1 : 0);
        if (pages < 1)
            pages = 1;
        /* pages with a pager row of their own above the bottom row */
        if (pass == 0 && pages > 1 && paged_bottom < fl.bottom) {
            fl.bottom = paged_bottom;
            pass = -1;
            paged_bottom = fl.bottom;
            continue;
        }
        if (a->v.sup_text_page >= pages)
            a->v.sup_text_page = pages - 1;
    }
    int mark = ui->n;
    fl.page = fl.col = fl.pieces = 0;
    fl.y = fl.top;
    fl.want = FLOW_ALL;
    for (int i = 0; i < f->n; i++)
        flow_block(a, &fl, &f->b[i]);
    bool all = lay_fits_since(ui, mark, ui->h);
    ui->n = mark;
    sup_bottom_row(a, "support.svc", a->v.sup_text_page, pages, end_room);
    *npages = pages;
    return all;
}

void support_service_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    Support *s = a->sup;
    int y = lay_top_bar(a, true);
    const Service *v = s ? s->svc : NULL;
    if (!v) {
        const char *title = _("Find support");
        int hh = sup_text_h(a, title, ui->font_heading, TEXT_BOLD, ui->w - 2 * U, false);
        ui_text(ui, "support.svc.title", ROLE_HEADING, title, R(U, y, ui->w - 2 * U, hh));
        lay_paragraph(a, "support.svc.none",
                      _("This service cannot be shown just now. Staff at the desk can help you."),
                      U, y + hh + U / 2, ui->w - 2 * U, LOOK_NOTICE);
        sup_bottom_row(a, "support.svc", 0, 1, 0);
        return;
    }
    Facts f;
    memset(&f, 0, sizeof f);
    facts(a, v, &f);
    /* the description, one block a paragraph */
    static char desc[8192];
    snprintf(desc, sizeof desc, "%s", v->description);
    for (char *p = desc, *q; *p && f.n < MAX_BLOCKS; p = q) {
        q = strstr(p, "\n\n");
        if (q) {
            *q = '\0';
            q += 2;
        } else {
            q = p + strlen(p);
        }
        add(&f, "support.svc.desc", NULL, p, text_lang(a, p));
    }
    /* the columns when every page of them fits, unless the facts on pages
     * with the arrows beside need fewer pages (a tall screen in larger
     * text: the heading and the pager's row on every page leave little) */
    int mark = ui->n, page = a->v.sup_text_page, by_columns = 0;
    bool columns = columns_layout(a, v, &f, y, &by_columns) && lay_fits_since(ui, mark, ui->h);
    if (!columns || by_columns > 1) {
        ui->n = mark;
        a->v.sup_text_page = page;   /* as asked, not as the columns clamped it */
        int by_pages = sup_svc_paged(a, v, &f, y);
        if (columns && by_columns <= by_pages) {
            ui->n = mark;
            a->v.sup_text_page = page;
            (void)columns_layout(a, v, &f, y, &by_columns);
        }
    }
    sodium_memzero(desc, sizeof desc);
    sodium_memzero(&f, sizeof f);
}

bool support_service_tap(App *a, const char *id)
{
    if (!strcmp(id, "support.take") && a->sup && a->sup->svc) {
        app_go(a, SCR_SUPPORT_TAKE);
        return true;
    }
    if (!strcmp(id, "nav.back")) {
        app_go(a, a->v.sup_from_search ? SCR_SUPPORT_SEARCH : SCR_SUPPORT_NEED);
        return true;
    }
    return sup_bottom_tap(a, "support.svc", id, &a->v.sup_text_page);
}
