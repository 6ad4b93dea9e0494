/* advocate.c — asking for an independent parental advocate: two screens
 * of plain explanation (what an advocate is and does; what they are not,
 * who can ask, and that asking changes nothing about the case), then the
 * request's details (request.c) and, here, the coming meeting: its date
 * (optional, not in the past) and kind. A meeting within two working days
 * (workdays.h) marks the request urgent, and the visitor is told. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/content_requests.h"
#include "kiosk/workdays.h"

/* The large picture beside the words (landscape) or above them (portrait);
 * returns the x where the words start, and moves *y under it in portrait. */
static int picture(App *a, const char *id, UiIcon icon, int *y, int room)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    UiWidget p = ui_proto(id, ROLE_VALUE);
    p.icon = icon;
    p.icon_colour = COL_ACCENT;
    if (portrait(a)) {
        int side = ui->w / 4;
        p.icon_px = side * 3 / 4;
        p.rect = R((ui->w - side) / 2, *y, side, side);
        ui_add(ui, &p);
        *y += side + U;
        return U;
    }
    int side = room < ui->w / 5 ? room : ui->w / 5;
    p.icon_px = side * 3 / 4;
    p.rect = R(U, *y, side, side);
    ui_add(ui, &p);
    return 3 * U + side;
}

/* The explanation's parts as shown: whole paragraphs, or each sentence
 * on its own when a paragraph alone does not fit a page. */
#define EXPLAIN_PARTS 16

typedef struct {
    LayPart part[EXPLAIN_PARTS];
    int n;
    bool title_item;   /* the heading the first item (on the first page only) */
} Explain;

static int explain_title(App *a, int top, bool small);

static int explain_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    (void)bottom;
    const Explain *e = ctx;
    if (e->title_item && i-- == 0)
        return explain_title(a, y, false);
    return lay_part_item(a, e->part, i, x, y, w, bottom);
}

/* The length of the sentence at s (its stop kept, the space after it
 * not): up to ". ", "? ", "! " or the Urdu full stop and a space; the
 * whole rest when there is none. */
static size_t sentence_len(const char *s)
{
    for (size_t i = 0; s[i]; i++) {
        bool stop = (s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ';
        if (stop)
            return i + 1;
        /* U+06D4 ARABIC FULL STOP */
        if ((unsigned char)s[i] == 0xDB && (unsigned char)s[i + 1] == 0x94 && s[i + 2] == ' ')
            return i + 2;
    }
    return strlen(s);
}

/* Fills e with the paragraphs (split is false) or their sentences, each
 * sentence copied into buf (cap bytes, *usedp of them taken). Ids:
 * IDBASE.N for a paragraph, IDBASE.N.K for its sentence K when it has
 * more than one. */
static void explain_parts(Explain *e, const char *idbase, const char *const *texts, int n,
                          const UiLook *looks, bool split, char *buf, size_t cap, size_t *usedp)
{
    size_t used = 0;
    e->n = 0;
    for (int i = 0; i < n && e->n < EXPLAIN_PARTS; i++) {
        const char *t = texts[i];
        size_t len = split ? sentence_len(t) : strlen(t);
        bool more = t[len] != '\0';
        for (int k = 1; *t && e->n < EXPLAIN_PARTS; k++) {
            LayPart *p = &e->part[e->n++];
            p->look = looks[i];
            if (!split || (k == 1 && !more)) {
                snprintf(p->id, sizeof p->id, "%s.%d", idbase, i + 1);
                p->text = t;
                break;
            }
            snprintf(p->id, sizeof p->id, "%s.%d.%d", idbase, i + 1, k);
            if (used + len + 1 > cap) {   /* out of room: the rest whole */
                p->text = t;
                break;
            }
            memcpy(buf + used, t, len);
            buf[used + len] = '\0';
            p->text = buf + used;
            used += len + 1;
            t += len;
            while (*t == ' ')
                t++;
            len = sentence_len(t);
        }
    }
    *usedp = used;
}

/* The heading at top: at its own size, or at the body's (small). */
static int explain_title(App *a, int top, bool small)
{
    const char *t = _("Ask for an advocate");
    return small ? lay_small_heading(a, "advocate.title", t, top)
                 : lay_heading(a, "advocate.title", t, top);
}

/* Paragraphs under a heading, with the picture when they still fit;
 * without it; then on pages (IDBASE.prev, IDBASE.more): whole paragraphs,
 * then sentences, then under a heading at the body's size, then the
 * heading on the first page only, then a sentence taller than a page in
 * runs of words. */
static void explain(App *a, const char *idbase, const char *const *texts, int n,
                    const UiLook *looks)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int top = lay_top_bar(a, true), mark = ui->n, bottom = ui->h - 2 * U - ui->target;
    int y = explain_title(a, top, false), body = ui->n;
    for (int with = 1; with >= 0; with--) {
        ui->n = body;
        int py = y, x = with ? picture(a, "advocate.picture", GLYPH_ADVOCATE, &py, bottom - y)
                             : U;
        for (int i = 0; i < n; i++) {
            char id[48];
            snprintf(id, sizeof id, "%s.%d", idbase, i + 1);
            py = lay_paragraph(a, id, texts[i], x, py, ui->w - U - x, looks[i]);
        }
        if (lay_fits_since(ui, body, bottom))
            return;
    }
    /* on pages, the picture left out */
    char buf[2048];
    Explain e;
    int starts[EXPLAIN_PARTS + 1], pages = 1, cx = U, cw = ui->w - 2 * U, items = 0;
    lay_column(ui, &cx, &cw);
    for (int step = 0; step < 5; step++) {
        ui->n = mark;
        y = step < 3 ? explain_title(a, top, step == 2) : top;
        size_t used = 0;
        explain_parts(&e, idbase, texts, n, looks, step > 0, buf, sizeof buf, &used);
        if (step == 4) {   /* a sentence taller than a page: in runs of words */
            Explain s = e;
            e.n = 0;
            for (int k = 0; k < s.n; k++)
                e.n += lay_split_paragraph(a, s.part[k].id, s.part[k].text, s.part[k].look, cw,
                                           bottom - top, e.part + e.n, EXPLAIN_PARTS - e.n, buf,
                                           sizeof buf, &used);
        }
        e.title_item = step >= 3;
        items = e.n + (e.title_item ? 1 : 0);
        bool fit = false;
        pages = lay_split_pages(a, explain_item, &e, items, cx, y, cw, bottom, starts,
                                EXPLAIN_PARTS + 1, &fit);
        if (fit)
            break;
    }
    int page = lay_page(a, pages);
    lay_show_page(a, explain_item, &e, starts, pages, items, page, cx, y, cw, bottom);
    lay_pager(a, idbase, page, pages, ui->w - 3 * U - lay_next_w(ui));
}

void advocate_enter(App *a, Screen from)
{
    if (from == SCR_HOME)
        a->v.req_kind = REC_ADVOCATE;
}

void advocate_build(App *a)
{
    const char *t[] = {
        _("An advocate is on your side. Many are parents who have been through child protection "
          "themselves, and they are trained to help."),
        _("They explain what is happening and what the reports mean, in plain words. They help "
          "you get ready for meetings, can come with you, and help you say what you think."),
    };
    const UiLook looks[] = { LOOK_PLAIN, LOOK_PLAIN };
    explain(a, "advocate.what", t, 2, looks);
    lay_next_button(a, "advocate.next", _("Next"), true);
}

bool advocate_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "advocate.what", id))
        return true;
    if (strcmp(id, "advocate.next") != 0)
        return false;
    a->v.req_kind = REC_ADVOCATE;
    app_go(a, SCR_ADVOCATE_MORE);
    return true;
}

void advocate_more_build(App *a)
{
    const char *t[] = {
        _("An advocate is not your social worker and does not make decisions about your "
          "family."),
        _("Any parent with a child protection case can ask for one, at any time."),
        _("Asking changes nothing about your case."),
    };
    const UiLook looks[] = { LOOK_PLAIN, LOOK_PLAIN, LOOK_NOTICE };
    explain(a, "advocate.not", t, 3, looks);
    lay_next_button(a, "advocate.ask", _("Ask for one"), true);
}

bool advocate_more_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "advocate.not", id))
        return true;
    if (strcmp(id, "advocate.ask") != 0)
        return false;
    a->v.req_kind = REC_ADVOCATE;
    /* an advocate request is about the child protection case */
    snprintf(a->v.req_need, sizeof a->v.req_need, "%s", ADVOCATE_NEED_ID);
    a->v.req_need_sensitive = false;
    app_go(a, SCR_REQ_CONTACT);
    return true;
}

/* ---- the meeting ------------------------------------------------------ */

/* "DD/MM/YYYY" as typed into "YYYY-MM-DD"; false when it is not a date. */
bool req_meeting_iso(const char *typed, char out[11])
{
    int d, m, y;
    char extra;
    out[0] = '\0';
    if (sscanf(typed, "%2d/%2d/%4d%c", &d, &m, &y, &extra) != 3)
        return false;
    char iso[24];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    long day;
    if (!workdays_parse(iso, &day))
        return false;
    memcpy(out, iso, 11);
    return true;
}

/* Reads today and the pack's bank holidays: whether the meeting typed is
 * in the past (refused) or urgent. */
void meeting_enter(App *a, Screen from)
{
    (void)from;
    a->v.field = VF_NONE;
    a->v.message = NULL;
    a->v.req_date_msg = NULL;
    a->v.done_urgent = false;
    char iso[11], today_s[11];
    long day, today;
    if (!a->v.adv_date[0] || !req_meeting_iso(a->v.adv_date, iso) ||
        !workdays_parse(iso, &day))
        return;
    clock_local_day(clock_now(), today_s);
    if (!workdays_parse(today_s, &today))
        return;
    if (day < today) {
        a->v.req_date_msg = N_("That date has passed. Please check it, or leave it out.");
        return;
    }
    WorkCalendar cal;
    workdays_init(&cal);
    content_bank_holidays(a->pack, &cal);
    a->v.done_urgent = workdays_urgent(&cal, today, day);
}

static const struct {
    const char *id;
    int kind;
} meeting_kinds[] = {
    { "request.kind.icpc", MEETING_ICPC },
    { "request.kind.review", MEETING_REVIEW },
    { "request.kind.core-group", MEETING_CORE_GROUP },
    { "request.kind.other", MEETING_OTHER },
};

static const char *kind_words(App *a, int i)
{
    (void)a;
    const char *w[] = { _("First conference"), _("Review"), _("Core group"), _("Other") };
    return w[i];
}

static const char *date_label(App *a)
{
    (void)a;
    return _("Date of the meeting, like 25/12/2026 (you can leave this out)");
}

/* The date's field, as lay_field draws one, at r: taller (up to half
 * as tall again) when its words need it (Tamil's line at larger text).
 * Returns its height. */
static int date_field(App *a, SDL_Rect r)
{
    UiWidget f = ui_proto("request.date", ROLE_FIELD);
    bool typed = a->v.adv_date[0] != '\0';
    f.look = LOOK_KEY;
    f.personal = typed;
    ui_copy_text(f.text, sizeof f.text, typed ? a->v.adv_date : _("Tap to type"));
    f.rect = r;
    f.weight = typed ? TEXT_BOLD : TEXT_REGULAR;
    f.placeholder = !typed;
    f.icon = typed ? ICON_NONE : GLYPH_EDIT;
    int h = r.h;
    for (int k = 0; k < 3; k++) {
        f.rect.h = h + h * k / 4;
        UiWidget *w = ui_add(&a->ui, &f);
        if (!w || w->fits || k == 2)
            break;
        a->ui.n--;
    }
    return f.rect.h;
}

/* What is said under the field: the date refused (true), or the request
 * marked urgent; *msg NULL when neither. */
static bool meeting_message(App *a, const char **msg)
{
    *msg = a->v.req_date_msg ? _(a->v.req_date_msg)
           : a->v.done_urgent ? _("This meeting is soon, so we will mark your request urgent.")
                              : NULL;
    return a->v.req_date_msg != NULL;
}

/* The message under the field (nothing when there is none). Returns the
 * y below it. */
static int date_message(App *a, int x, int y, int w)
{
    const char *msg = NULL;
    bool error = meeting_message(a, &msg);
    if (!msg)
        return y;
    return lay_paragraph(a, error ? "request.date.error" : "request.urgent", msg, x, y, w,
                         error ? LOOK_ERROR : LOOK_NOTICE);
}

/* The question over the kinds, bold. Returns the y below it. */
static int kind_label(App *a, int x, int y, int w)
{
    Ui *ui = &a->ui;
    const char *q = _("What kind of meeting is it?");
    int qh = ui_text_height(ui, q, ui->font_body, TEXT_BOLD, w, false);
    UiWidget *qw = ui_text(ui, "request.kind.label", ROLE_TEXT, q, R(x, y, w, qh));
    if (qw)
        qw->weight = TEXT_BOLD;
    return y + qh + ui->unit / 2;
}

/* The screen in one column on pages. Grouped: two items, the date (its
 * label, the field and the message under it, or in landscape beside
 * them: beside) and the kinds (the question over them in rows of cols).
 * Else: the date's label and field together (or, apart, the field first
 * and its label after it), the message under them, the question, then
 * the kinds in rows of cols, each row as tall as its words need (a
 * target at least). */
typedef struct {
    int cols;
    bool grouped, beside, apart;
    /* still short: the label and the message in runs of words */
    int nparts;   /* 0: whole */
    LayPart part[12];
    char buf[1024];
} MeetingFlow;

static int meeting_items(const MeetingFlow *f)
{
    if (f->grouped)
        return 2;
    /* the question goes with the first row of kinds (on its own when the
     * words are in runs) */
    return (f->nparts ? 2 + f->nparts : f->apart ? 3 : 2) + (4 + f->cols - 1) / f->cols;
}

/* The kinds from first, cols of them in a row of the width w at x, y,
 * as tall as the longest words (a target at least). Returns the y below. */
static int kind_row(App *a, int first, int cols, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, bw = (w - (cols - 1) * U) / cols, h = ui->target;
    for (int k = first; k < first + cols && k < 4; k++) {
        int th = ui_text_height(ui, kind_words(a, k), ui->font_body, TEXT_REGULAR,
                                bw - 3 * U - ui->font_icon, false) + U;
        h = th > h ? th : h;
    }
    for (int k = first; k < first + cols && k < 4; k++)
        req_choice(a, meeting_kinds[k].id, kind_words(a, k),
                   a->v.req_meeting == meeting_kinds[k].kind,
                   R(x + (k - first) * (bw + U), y, bw, h));
    return y + h + U / 2;
}

/* The date's label over its field in the width w at x, y. Returns the
 * y below the field. */
static int date_with_label(App *a, int x, int y, int w)
{
    int U = a->ui.unit;
    y = lay_paragraph(a, "request.date.label", date_label(a), x, y, w, LOOK_PLAIN) - U / 2;
    return y + date_field(a, R(x, y, w, a->ui.target));
}

/* A grouped item: the date with its message (i 0), or the kinds under
 * their question (i 1). Returns the y below. */
static int meeting_group(App *a, const MeetingFlow *f, int i, int x, int y, int w)
{
    int U = a->ui.unit;
    if (i == 1) {
        y = kind_label(a, x, y, w);
        for (int first = 0; first < 4; first += f->cols)
            y = kind_row(a, first, f->cols, x, y, w);
        return y + U / 2;
    }
    if (!f->beside)
        return date_message(a, x, date_with_label(a, x, y, w) + U / 2, w) + U;
    int half = (w - 2 * U) / 2;
    int end = date_with_label(a, x, y, half), msg = date_message(a, x + half + 2 * U, y, half);
    return (end > msg ? end : msg) + U;
}

static int meeting_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    int U = a->ui.unit;
    const MeetingFlow *f = ctx;
    if (f->grouped)
        return meeting_group(a, f, i, x, y, w);
    if (i == 0 && !f->apart)
        return date_with_label(a, x, y, w) + U;
    if (i == 0)
        return y + date_field(a, R(x, y, w, a->ui.target)) + U;
    i -= f->apart ? 1 : 0;
    if (f->nparts && i < f->nparts)
        return lay_part_item(a, f->part, i, x, y, w, bottom);
    if (f->nparts)
        i += 2 - f->nparts;
    if (i == 0)
        return lay_paragraph(a, "request.date.label", date_label(a), x, y, w, LOOK_PLAIN);
    if (i == 1)
        return date_message(a, x, y, w);
    int row = f->nparts ? i - 3 : i - 2;
    if (i == 2 && f->nparts)
        return kind_label(a, x, y, w);
    if (i == 2)   /* the question over the first row */
        y = kind_label(a, x, y, w);
    return kind_row(a, row * f->cols, f->cols, x, y, w);
}

/* Landscape: the date at the start, the kinds of meeting at the end
 * (one under the other, or two by two when the column is short); a tall
 * screen: one under the other. */
static void meeting_columns(App *a, int top)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    bool two = !portrait(a);
    int colw = two ? (ui->w - 3 * U) / 2 : ui->w - 2 * U;
    const char *label = date_label(a);
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, colw, false);
    ui_text(ui, "request.date.label", ROLE_TEXT, label, R(U, top, colw, lh));
    int y = top + lh + U / 2;
    y += date_field(a, R(U, y, colw, T));
    y = date_message(a, U, y + U / 2, colw);
    int kx = two ? 2 * U + colw : U, ky = two ? top : y + U / 2;
    ky = kind_label(a, kx, ky, colw);
    int room = ui->h - U - T - U - ky;
    int cols = room >= 4 * (T + U / 2) ? 1 : 2, bw = (colw - (cols - 1) * U) / cols;
    for (int i = 0; i < 4; i++)
        req_choice(a, meeting_kinds[i].id, kind_words(a, i),
                   a->v.req_meeting == meeting_kinds[i].kind,
                   R(kx + (i % cols) * (bw + U), ky + (i / cols) * (T + U / 2), bw, T));
}

/* The ways of meeting_build's pages, from the first tried. */
static const struct {
    bool grouped, beside, small, apart;
    int cols;
} meeting_ways[] = {
    /* the date on a page, the kinds on the next */
    { true, false, false, false, 2 }, { true, true, false, false, 2 },
    { true, true, false, false, 4 },  { true, false, true, false, 2 },
    { true, true, true, false, 2 },   { true, true, true, false, 4 },
    /* one column on pages: the kinds two in a row, then one; then under
     * the heading at the body's size; then the field apart from its label
     * (first, so it is on the first page); then the label and the message
     * in runs of words */
    { false, false, false, false, 2 }, { false, false, false, false, 1 },
    { false, false, true, false, 1 },  { false, false, true, true, 1 },
    { false, false, true, true, 1 },
};
#define MEETING_WAYS (int)(sizeof meeting_ways / sizeof meeting_ways[0])

void meeting_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool ok = !a->v.req_date_msg;
    const char *why = _("Check the date to go on.");
    int top = lay_top_bar(a, true), mark = ui->n;
    int bottom = req_paged_row(a, "request.meeting", "request.meeting.next",
                               "request.meeting.reason", why, 0, 1, ok, false);
    const char *title = _("Is there a meeting coming up?");
    int y = lay_heading(a, "request.meeting.title", title, top), body = ui->n;
    meeting_columns(a, y);
    int pages = 1, page = 0;
    /* when it does not fit (larger text, Urdu's tall lines): on pages */
    if (!lay_fits_since(ui, body, bottom)) {
        int starts[20], cx = U, cw = ui->w - 2 * U;
        lay_column(ui, &cx, &cw);
        MeetingFlow f = { .cols = 2 };
        for (int step = 0; step < MEETING_WAYS; step++) {
            bool wide = meeting_ways[step].beside || meeting_ways[step].cols > 2;
            if (wide && portrait(a))
                continue;
            ui->n = mark;
            f.grouped = meeting_ways[step].grouped;
            f.beside = meeting_ways[step].beside;
            f.cols = meeting_ways[step].cols;
            f.apart = meeting_ways[step].apart;
            y = meeting_ways[step].small
                    ? lay_small_heading(a, "request.meeting.title", title, top)
                    : lay_heading(a, "request.meeting.title", title, top);
            if (step == MEETING_WAYS - 1) {
                size_t used = 0;
                f.nparts = lay_split_paragraph(a, "request.date.label", date_label(a),
                                               LOOK_PLAIN, cw, bottom - y, f.part, 6, f.buf,
                                               sizeof f.buf, &used);
                const char *msg = NULL;
                bool error = meeting_message(a, &msg);
                if (msg)
                    f.nparts += lay_split_paragraph(a, error ? "request.date.error"
                                                             : "request.urgent",
                                                    msg, error ? LOOK_ERROR : LOOK_NOTICE, cw,
                                                    bottom - y, f.part + f.nparts, 6, f.buf,
                                                    sizeof f.buf, &used);
            }
            bool fit = false;
            pages = lay_split_pages(a, meeting_item, &f, meeting_items(&f), cx, y, cw, bottom,
                                    starts, 20, &fit);
            if (fit)
                break;
        }
        page = lay_page(a, pages);
        lay_show_page(a, meeting_item, &f, starts, pages, meeting_items(&f), page, cx, y, cw,
                      bottom);
    } else {
        lay_page(a, 1);
    }
    req_paged_row(a, "request.meeting", "request.meeting.next", "request.meeting.reason", why,
                  page, pages, ok, true);
}

bool meeting_tap(App *a, const char *id)
{
    if (req_paged_tap(a, "request.meeting", "request.meeting.next", id))
        return true;
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(id, meeting_kinds[i].id)) {
            /* a second tap takes the answer back: it is optional */
            int kind = meeting_kinds[i].kind;
            a->v.req_meeting = a->v.req_meeting == kind ? MEETING_NONE : kind;
            return true;
        }
    if (!strcmp(id, "request.date")) {
        keyboard_open(a, VF_ADV_DATE);
        return true;
    }
    if (!strcmp(id, "request.meeting.next") && !a->v.req_date_msg) {
        app_go(a, SCR_REQ_NOTE);
        return true;
    }
    return false;
}
