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

/* Paragraphs under a heading, with the picture when they still fit. */
static void explain(App *a, const char *idbase, const char *const *texts, int n,
                    const UiLook *looks)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int top = lay_top_bar(a, true);
    top = lay_heading(a, "advocate.title", _("Ask for an advocate"), top);
    int mark = ui->n, bottom = ui->h - 2 * U - ui->target;
    for (int with = 1; with >= 0; with--) {
        ui->n = mark;
        int y = top, x = with ? picture(a, "advocate.picture", GLYPH_ADVOCATE, &y,
                                        bottom - top) : U;
        for (int i = 0; i < n; i++) {
            char id[48];
            snprintf(id, sizeof id, "%s.%d", idbase, i + 1);
            y = lay_paragraph(a, id, texts[i], x, y, ui->w - U - x, looks[i]);
        }
        if (y - U <= bottom)
            break;
    }
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

void meeting_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, true);
    top = lay_heading(a, "request.meeting.title", _("Is there a meeting coming up?"), top);
    /* landscape: the date at the start, the kinds of meeting at the end;
     * portrait: one under the other */
    bool two = !portrait(a);
    int colw = two ? (ui->w - 3 * U) / 2 : ui->w - 2 * U;
    const char *label = _("Date of the meeting, like 25/12/2026 (you can leave this out)");
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, colw, false);
    ui_text(ui, "request.date.label", ROLE_TEXT, label, R(U, top, colw, lh));
    int y = top + lh + U / 2;
    /* the field, as lay_field draws one, within its column */
    UiWidget f = ui_proto("request.date", ROLE_FIELD);
    bool typed = a->v.adv_date[0] != '\0';
    f.look = LOOK_KEY;
    f.personal = typed;
    ui_copy_text(f.text, sizeof f.text, typed ? a->v.adv_date : _("Tap to type"));
    f.rect = R(U, y, colw, T);
    f.weight = typed ? TEXT_BOLD : TEXT_REGULAR;
    f.placeholder = !typed;
    f.icon = typed ? ICON_NONE : GLYPH_EDIT;
    ui_add(ui, &f);
    y += T + U / 2;
    if (a->v.req_date_msg) {
        y = lay_paragraph(a, "request.date.error", _(a->v.req_date_msg), U, y, colw, LOOK_ERROR);
    } else if (a->v.done_urgent) {
        y = lay_paragraph(a, "request.urgent",
                          _("This meeting is soon, so we will mark your request urgent."), U, y,
                          colw, LOOK_NOTICE);
    }
    int kx = two ? 2 * U + colw : U, ky = two ? top : y + U / 2;
    const char *q = _("What kind of meeting is it?");
    int qh = ui_text_height(ui, q, ui->font_body, TEXT_BOLD, colw, false);
    UiWidget *qw = ui_text(ui, "request.kind.label", ROLE_TEXT, q, R(kx, ky, colw, qh));
    if (qw)
        qw->weight = TEXT_BOLD;
    ky += qh + U / 2;
    static const struct { const char *id; int kind; } k[] = {
        { "request.kind.icpc", MEETING_ICPC },
        { "request.kind.review", MEETING_REVIEW },
        { "request.kind.core-group", MEETING_CORE_GROUP },
        { "request.kind.other", MEETING_OTHER },
    };
    const char *words[] = { _("First conference"), _("Review"), _("Core group"), _("Other") };
    /* one under the other, or two by two when the column is short */
    int room = ui->h - U - T - U - ky;
    int cols = room >= 4 * (T + U / 2) ? 1 : 2, bw = (colw - (cols - 1) * U) / cols;
    for (int i = 0; i < 4; i++)
        req_choice(a, k[i].id, words[i], a->v.req_meeting == k[i].kind,
                   R(kx + (i % cols) * (bw + U), ky + (i / cols) * (T + U / 2), bw, T));
    bool ok = !a->v.req_date_msg;
    UiWidget *next = lay_next_button(a, "request.meeting.next", _("Next"), ok);
    if (next && !ok)
        lay_reason(a, "request.meeting.reason", _("Check the date to go on."), next);
}

bool meeting_tap(App *a, const char *id)
{
    static const struct { const char *id; int kind; } k[] = {
        { "request.kind.icpc", MEETING_ICPC },
        { "request.kind.review", MEETING_REVIEW },
        { "request.kind.core-group", MEETING_CORE_GROUP },
        { "request.kind.other", MEETING_OTHER },
    };
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(id, k[i].id)) {
            /* a second tap takes the answer back: it is optional */
            a->v.req_meeting = a->v.req_meeting == k[i].kind ? MEETING_NONE : k[i].kind;
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
