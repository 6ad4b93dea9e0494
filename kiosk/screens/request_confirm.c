/* request_confirm.c — the end of a callback or advocate request: the
 * answers to check, who will see them, what for and how long they are
 * kept; the save (the record and its count row committed together,
 * store_add_request); then the confirmation, only once it is on disk: the
 * short reference, what happens next, a code to scan with the reference
 * and the hub's number, and "How was today?". Everything the visitor
 * entered is wiped as soon as the record is saved. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/content_requests.h"
#include "kiosk/log.h"
#include "kiosk/phone.h"
#include "kiosk/reference.h"
#include "kiosk/workdays.h"

#define REQUEST_CONSENT_VERSION "request-1"

/* One row of the answers: the label, then the answer (bold). Returns the
 * y below it. */
static int answer_row(App *a, const char *key, const char *label, const char *answer,
                      bool personal, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, lw = w / 3, aw = w - lw - U;
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, lw, false);
    /* what the visitor typed is measured too, but never cached */
    int ah = ui_text_height(ui, answer, ui->font_body, TEXT_BOLD, aw, personal);
    int h = lh > ah ? lh : ah;
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "request.confirm.%s.label", key);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(x, y, lw, h);
    ui_add(ui, &l);
    UiWidget v = ui_proto("", ROLE_TEXT);
    snprintf(v.id, sizeof v.id, "request.confirm.%s", key);
    v.weight = TEXT_BOLD;
    v.personal = personal;
    ui_copy_text(v.text, sizeof v.text, answer);
    v.rect = R(x + lw + U, y, aw, h);
    ui_add(ui, &v);
    return y + h + U / 2;
}

static void times_shown(App *a, char *out, size_t cap)
{
    const char *w[3] = { _("Morning"), _("Afternoon"), _("Evening") };
    out[0] = '\0';
    for (int i = 0; i < 3; i++)
        if (a->v.req_times & (1u << i)) {
            size_t n = strlen(out);
            snprintf(out + n, cap - n, "%s%s", n ? ", " : "", w[i]);
        }
}

typedef struct {
    const char *key, *label, *answer;
    bool personal;
} AnswerRow;

static const char *privacy_text(App *a)
{
    return _("Only the family hub team who arrange calls will see this. They use it to call you "
             "about what you asked, and for nothing else. This kiosk keeps it only until it "
             "reaches the team; staff at the desk can tell you how long the council keeps it.");
}

/* Item i of the summary at y in a column w wide at x: a row, or (i ==
 * nrows) who will see it. Returns the y below it. */
static int summary_item(App *a, const AnswerRow *rows, int nrows, int i, int x, int y, int w,
                        int bottom)
{
    if (i < nrows)
        return answer_row(a, rows[i].key, rows[i].label, rows[i].answer, rows[i].personal, x, y,
                          w);
    return lay_paragraph_max(a, "request.privacy", privacy_text(a), x, y, w, LOOK_NOTICE,
                             bottom - y, false);
}

/* Splits items into pages, as many on each as fit above bottom (at least
 * one): starts[p] is the first item of page p. Adds nothing. Returns the
 * number of pages; *all_fit is false when an item does not fit even alone. */
static int summary_pages(App *a, const AnswerRow *rows, int nrows, int items, int x, int y,
                         int w, int bottom, int starts[], bool *all_fit)
{
    Ui *ui = &a->ui;
    int npages = 0, i = 0;
    *all_fit = true;
    while (i < items) {
        starts[npages++] = i;
        int ly = y, mark = ui->n, k = i;
        while (k < items) {
            int m = ui->n, below = summary_item(a, rows, nrows, k, x, ly, w, bottom);
            bool fit = lay_fits_since(ui, m, bottom);
            if (!fit && k > i)
                break;
            *all_fit = *all_fit && fit;
            ly = below;
            k++;
        }
        ui->n = mark;
        i = k;
    }
    return npages;
}

void confirm_req_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.confirm.title", _("Please check and send"), y);
    char name[sizeof a->v.cb_name], line[160], spoken[160];
    lay_name_shown(a->v.cb_name, name, sizeof name);
    times_shown(a, line, sizeof line);
    int li = i18n_find(a->i18n, req_language(a));
    const char *lang = li >= 0 ? i18n_lang(a->i18n, li)->native_name : req_language(a);
    const char *k[] = { "language" }, *v[] = { lang };
    i18n_format(spoken, sizeof spoken,
                a->v.req_interpreter == 1 ? _("{language}, with an interpreter") : "{language}",
                k, v, 1);
    AnswerRow rows[9];
    int nrows = 0;
    rows[nrows++] = (AnswerRow){ "name", _("Name"), name, true };
    rows[nrows++] = (AnswerRow){ "phone", _("Phone"), a->v.cb_phone, true };
    if (!req_is_advocate(a))
        rows[nrows++] = (AnswerRow){ "about", _("About"), req_need_shown(a), true };
    rows[nrows++] = (AnswerRow){ "times", _("Best times"), line, false };
    rows[nrows++] = (AnswerRow){ "language", _("Language"), spoken, false };
    rows[nrows++] = (AnswerRow){ "voicemail", _("Voicemail"),
                                 a->v.req_voicemail == 1 ? _("Yes") : _("No"), false };
    rows[nrows++] = (AnswerRow){ "sayhub", _("Say it is the family hub"),
                                 a->v.req_say_hub == 1 ? _("Yes") : _("No"), false };
    if (req_is_advocate(a) && a->v.adv_date[0])
        rows[nrows++] = (AnswerRow){ "meeting", _("Meeting"), a->v.adv_date, true };
    /* landscape: the answers on the left, who will see them on the right
     * above Send; portrait, or when the words need the width: one under
     * the other in a readable column. Every answer whole: when the rows do
     * not fit (larger text, a tall script) they go on pages. */
    int next_w = lay_next_w(ui), x = U, colw = 0, bottom = ui->h - U - T - U;
    int starts[12] = { 0 }, pages = 1, items = nrows;
    bool two = false;
    for (int mode = portrait(a) ? 1 : 0; mode < 2; mode++) {
        two = mode == 0;
        x = U;
        if (two) {
            colw = (ui->w - 3 * U) * 3 / 5;
            if (colw > ui->w - 3 * U - next_w)
                colw = ui->w - 3 * U - next_w;
        } else {
            lay_column(ui, &x, &colw);
        }
        bool ok = true;
        if (two) {   /* who will see it, beside the answers */
            int mark = ui->n;
            lay_paragraph_max(a, "request.privacy", privacy_text(a), 2 * U + colw, y,
                              ui->w - 3 * U - colw, LOOK_NOTICE, bottom - y, false);
            ok = lay_fits_since(ui, mark, bottom);
            ui->n = mark;
        }
        items = nrows + (two ? 0 : 1);
        bool fit = false;
        if (ok)
            pages = summary_pages(a, rows, nrows, items, x, y, colw, bottom, starts, &fit);
        if (ok && fit)
            break;
    }
    int page = lay_page(a, pages);
    int last = page + 1 < pages ? starts[page + 1] : items;
    for (int i = starts[page], ly = y; i < last; i++)
        ly = summary_item(a, rows, nrows, i, x, ly, colw, bottom);
    sodium_memzero(name, sizeof name);
    if (two)
        lay_paragraph_max(a, "request.privacy", privacy_text(a), 2 * U + colw, y,
                          ui->w - 3 * U - colw, LOOK_NOTICE, bottom - y, false);
    lay_pager(a, "request.confirm", page, pages, two ? colw : ui->w - 3 * U - next_w);
    lay_next_button(a, "request.send", _("Send"), true);
}

/* Fills the record from the visitor's entries. False when the number no
 * longer reads as a phone number (it was checked when typed). */
static bool fill(App *a, Record *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->type = req_is_advocate(a) ? REC_ADVOCATE : REC_CALLBACK;
    CallbackRecord *c = rec->type == REC_ADVOCATE ? &rec->u.advocate.call : &rec->u.callback;
    snprintf(c->first_name, sizeof c->first_name, "%s", a->v.cb_name);
    if (phone_check(a->v.cb_phone, c->phone, sizeof c->phone, NULL, 0) != PHONE_OK)
        return false;
    snprintf(c->need_id, sizeof c->need_id, "%s", a->v.req_need);
    c->best_times = a->v.req_times;
    snprintf(c->language, sizeof c->language, "%s", req_language(a));
    c->interpreter = a->v.req_interpreter == 1;
    c->safe_to_leave_message = a->v.req_voicemail == 1;
    c->safe_to_say_caller = a->v.req_say_hub == 1;
    snprintf(c->note, sizeof c->note, "%s", a->v.cb_note);
    snprintf(c->consent_version, sizeof c->consent_version, "%s", REQUEST_CONSENT_VERSION);
    if (rec->type == REC_ADVOCATE) {
        req_meeting_iso(a->v.adv_date, rec->u.advocate.meeting_date);
        rec->u.advocate.meeting_type = (MeetingType)a->v.req_meeting;
    }
    return true;
}

/* Whether the meeting is within two working days of now. */
static bool urgent_now(App *a, const Record *rec)
{
    long today, day;
    char today_s[11];
    if (rec->type != REC_ADVOCATE || !workdays_parse(rec->u.advocate.meeting_date, &day))
        return false;
    clock_local_day(clock_now(), today_s);
    if (!workdays_parse(today_s, &today))
        return false;
    WorkCalendar cal;
    workdays_init(&cal);
    content_bank_holidays(a->pack, &cal);
    return workdays_urgent(&cal, today, day);
}

static void save_request(App *a)
{
    Record rec;
    char id[37];
    k_err rc = K_ERR_INVALID;
    bool urgent = false;
    if (fill(a, &rec)) {
        urgent = urgent_now(a, &rec);
        rc = store_add_request(a->store, &rec, urgent, clock_now(), id);
    }
    int kind = rec.type;
    record_wipe(&rec);
    if (rc != K_OK) {
        LOG_E("app", "%s request not saved: %s", record_type_name((RecordType)kind),
              k_strerror(rc));
        app_go(a, SCR_REQ_ERROR);
        return;
    }
    LOG_I("app", "%s request %s saved", record_type_name((RecordType)kind), id);
    /* saved: everything the visitor entered goes at once; the confirmation
     * shows only the reference and what happens next */
    visitor_wipe(&a->v);
    reference_from_id(id, a->v.done_ref);
    a->v.done_kind = kind;
    a->v.done_urgent = urgent;
    app_go(a, SCR_REQ_DONE);
}

bool confirm_req_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "request.confirm", id))
        return true;
    if (strcmp(id, "request.send") != 0)
        return false;
    save_request(a);
    return true;
}

/* ---- the confirmation -------------------------------------------------- */

void done_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, false);
    y = lay_heading(a, "request.done.title", _("Thank you. We have your request."), y);
    /* the faces at the bottom: beside Done in landscape, above it in portrait */
    bool beside = !portrait(a);
    int fh = feedback_faces_height(a) + (beside ? T / 2 : 0);   /* narrower: two lines */
    int next_w = T * 5 < ui->w / 2 - 2 * U ? T * 5 : ui->w / 2 - 2 * U;
    int faces_y = beside ? ui->h - U - fh : ui->h - U - T - U - fh;
    int bottom = faces_y - U;
    /* the code to scan at the end, the words beside it (under it when tall) */
    char qr[256];
    const char *phone = content_hub_phone(a->pack);
    const char *k[] = { "reference", "phone" }, *v[] = { a->v.done_ref, phone };
    i18n_format(qr, sizeof qr,
                phone[0] ? _("Family hub request {reference}. Hub phone: {phone}")
                         : _("Family hub request {reference}"),
                k, v, 2);
    int qs = bottom - y;
    qs = qs > ui->w / 4 ? ui->w / 4 : qs;
    qs = qs > 4 * T ? 4 * T : qs;   /* about 36 mm: a phone reads it easily */
    int tw = ui->w - 3 * U - qs;
    UiWidget q = ui_proto("request.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, qr);
    q.rect = R(ui->w - U - qs, y, qs, qs);
    ui_add(ui, &q);
    /* the reference large, read left to right in every language; after
     * its label on one row when both fit */
    const char *rl = _("Your reference, if you call us:");
    int rpx = ui->font_title * 5 / 4;
    TextStyle ls = { .size_px = ui->font_body, .lang = a->lang_tag };
    TextStyle rs = { .size_px = rpx, .weight = TEXT_BOLD, .lang = "en" };
    TextExtent le = { 0 }, re = { 0 };
    text_measure(ui->te, rl, &ls, 0, &le);
    text_measure(ui->te, a->v.done_ref, &rs, 0, &re);
    int rh = ui_text_height(ui, a->v.done_ref, rpx, TEXT_BOLD, tw, false), ry = y, rx = U;
    if (le.w + 2 * U + re.w <= tw) {
        int lh = ui_text_height(ui, rl, ui->font_body, TEXT_REGULAR, le.w + U, false);
        ui_text(ui, "request.ref.label", ROLE_TEXT, rl, R(U, y + (rh - lh) / 2, le.w + U, lh));
        rx = 3 * U + le.w;
    } else {
        ry = lay_paragraph(a, "request.ref.label", rl, U, y, tw, LOOK_PLAIN);
    }
    UiWidget *ref = ui_text(ui, "request.ref", ROLE_HEADING, a->v.done_ref,
                            R(rx, ry, tw + U - rx, rh));
    if (ref) {
        ref->font_px = rpx;
        ref->lang = "en";
    }
    ry += rh + U;
    const char *promise = content_hub_promise(a->pack, a->lang_tag,
                                              _("Someone will call you within 2 working days."));
    /* under the code the words take the whole width; an urgent request
     * says so in the same box as what happens next */
    int below_qr = y + qs + U, full = ui->w - 2 * U;
    char next[700];
    if (a->v.done_urgent)
        snprintf(next, sizeof next, "%s %s", promise,
                 _("Your meeting is soon, so your request is marked urgent."));
    else
        snprintf(next, sizeof next, "%s", promise);
    lay_paragraph_max(a, a->v.done_urgent ? "request.urgent" : "request.next-steps", next, U, ry,
                      ry >= below_qr ? full : tw, a->v.done_urgent ? LOOK_NOTICE : LOOK_PLAIN,
                      bottom - ry, false);
    feedback_faces(a, faces_y, fh, beside ? ui->w - 3 * U - next_w : ui->w - 2 * U);
    lay_next_button(a, "request.done", _("Done"), true);
}

bool done_tap(App *a, const char *id)
{
    if (feedback_face_tap(a, id))
        return true;
    if (strcmp(id, "request.done") != 0)
        return false;
    app_go_home(a);
    return true;
}

void req_error_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, false);
    y = lay_heading(a, "request.error.title", _("Sorry, we couldn't send this"), y);
    lay_paragraph(a, "request.error.text",
                  _("Please tell a member of staff. Your request has not been saved."), U, y,
                  ui->w - 2 * U, LOOK_ERROR);
    int bw = T * 5 < ui->w / 2 - 2 * U ? T * 5 : ui->w / 2 - 2 * U;
    ui_button(ui, "request.error.retry", _("Try again"), R(ui->w - U - bw, ui->h - U - T, bw, T),
              LOOK_PRIMARY);
    ui_button_icon(ui, "request.error.home", _("Start again"), R(U, ui->h - U - T, bw, T),
                   LOOK_SECONDARY, GLYPH_HOME);
}

bool req_error_tap(App *a, const char *id)
{
    if (!strcmp(id, "request.error.retry"))
        save_request(a);
    else if (!strcmp(id, "request.error.home"))
        app_go_home(a);
    else
        return false;
    return true;
}
