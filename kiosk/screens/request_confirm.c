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

static const char *privacy_text(App *a)
{
    return _("Only the family hub team who arrange calls will see this. They use it to call you "
             "about what you asked, and for nothing else. This kiosk keeps it only until it "
             "reaches the team; staff at the desk can tell you how long the council keeps it.");
}

void confirm_req_build(App *a)
{
    int top = lay_top_bar(a, true);
    char name[sizeof a->v.cb_name], line[160], spoken[160];
    lay_name_shown(a->v.cb_name, name, sizeof name);
    times_shown(a, line, sizeof line);
    int li = i18n_find(a->i18n, req_language(a));
    const char *lang = li >= 0 ? i18n_lang(a->i18n, li)->native_name : req_language(a);
    const char *k[] = { "language" }, *v[] = { lang };
    i18n_format(spoken, sizeof spoken,
                a->v.req_interpreter == 1 ? _("{language}, with an interpreter") : "{language}",
                k, v, 1);
    LaySummaryRow rows[9];
    int nrows = 0;
    rows[nrows++] = (LaySummaryRow){ "name", _("Name"), name, true };
    rows[nrows++] = (LaySummaryRow){ "phone", _("Phone"), a->v.cb_phone, true };
    if (!req_is_advocate(a))
        rows[nrows++] = (LaySummaryRow){ "about", _("About"), req_need_shown(a), true };
    rows[nrows++] = (LaySummaryRow){ "times", _("Best times"), line, false };
    rows[nrows++] = (LaySummaryRow){ "language", _("Language"), spoken, false };
    rows[nrows++] = (LaySummaryRow){ "voicemail", _("Voicemail"),
                                     a->v.req_voicemail == 1 ? _("Yes") : _("No"), false };
    rows[nrows++] = (LaySummaryRow){ "sayhub", _("Say it is the family hub"),
                                     a->v.req_say_hub == 1 ? _("Yes") : _("No"), false };
    if (req_is_advocate(a) && a->v.adv_date[0])
        rows[nrows++] = (LaySummaryRow){ "meeting", _("Meeting"), a->v.adv_date, true };
    /* the answers as a summary list, who will see them beside or after
     * them (lay_summary) */
    const LaySummary sum = { .id = "request.confirm", .title = _("Please check and send"),
                             .rows = rows, .nrows = nrows, .change = false,
                             .note_id = "request.privacy", .note = privacy_text(a) };
    lay_summary(a, &sum, top);
    sodium_memzero(name, sizeof name);
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

/* The faces added since mark without their words (each word in its
 * face's label, as an icon alone keeps it): for faces too narrow for
 * them. */
static void faces_alone(Ui *ui, int mark)
{
    for (int i = mark; i < ui->n; i++) {
        UiWidget *w = &ui->w_list[i];
        if (strncmp(w->id, "feedback.face.", 14) != 0 || !w->text[0])
            continue;
        ui_copy_text(w->label, sizeof w->label, w->text);
        w->text[0] = '\0';
        w->fits = true;
    }
}

/* What the confirmation shows: the code's words, what happens next;
 * on pages, whether the title is the first item (on the first page
 * only) rather than above every page. */
typedef struct {
    char qr[256];
    char next[700];
    bool title_item;
    bool qr_beside;    /* the code at the end beside the reference */
} DoneWords;

static void done_words(App *a, DoneWords *d)
{
    const char *phone = content_hub_phone(a->pack);
    const char *k[] = { "reference", "phone" }, *v[] = { a->v.done_ref, phone };
    i18n_format(d->qr, sizeof d->qr,
                phone[0] ? _("Family hub request {reference}. Hub phone: {phone}")
                         : _("Family hub request {reference}"),
                k, v, 2);
    const char *promise = content_hub_promise(a->pack, a->lang_tag,
                                              _("Someone will call you within 2 working days."));
    /* an urgent request says so in the same box as what happens next */
    if (a->v.done_urgent)
        snprintf(d->next, sizeof d->next, "%s %s", promise,
                 _("Your meeting is soon, so your request is marked urgent."));
    else
        snprintf(d->next, sizeof d->next, "%s", promise);
}

/* The reference large, read left to right in every language, after its
 * label on one row when both fit in w, under it otherwise. Returns the y
 * below it. */
static int done_ref(App *a, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *rl = _("Your reference, if you call us:");
    int rpx = ui->font_title * 5 / 4;
    TextStyle ls = { .size_px = ui->font_body, .lang = a->lang_tag };
    TextStyle rs = { .size_px = rpx, .weight = TEXT_BOLD, .lang = "en" };
    TextExtent le = { 0 }, re = { 0 };
    text_measure(ui->te, rl, &ls, 0, &le);
    text_measure(ui->te, a->v.done_ref, &rs, 0, &re);
    int rh = ui_text_height(ui, a->v.done_ref, rpx, TEXT_BOLD, w, false), ry = y, rx = x;
    if (le.w + 2 * U + re.w <= w) {
        int lh = ui_text_height(ui, rl, ui->font_body, TEXT_REGULAR, le.w + U, false);
        ui_text(ui, "request.ref.label", ROLE_TEXT, rl, R(x, y + (rh - lh) / 2, le.w + U, lh));
        rx = x + 2 * U + le.w;
    } else {
        ry = lay_paragraph(a, "request.ref.label", rl, x, y, w, LOOK_PLAIN);
    }
    UiWidget *ref = ui_text(ui, "request.ref", ROLE_HEADING, a->v.done_ref,
                            R(rx, ry, w + x - rx, rh));
    if (ref) {
        ref->font_px = rpx;
        ref->lang = "en";
    }
    return ry + rh + U;
}

/* One screen: the code to scan at the end, the words beside it (under
 * it when they run past it); the faces at the bottom, beside Done in
 * landscape, above it in portrait; alone, without their words. True
 * when every word fits and the words end above the faces. */
static bool done_whole(App *a, const DoneWords *d, int y, bool alone)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    bool beside = !portrait(a);
    int fh = feedback_faces_height(a) + (beside ? T / 2 : 0);   /* narrower: two lines */
    if (alone)   /* no words under the faces: a target and a quarter */
        fh = feedback_faces_height(a) - T * (portrait(a) ? 5 : 3) / 2 + T * 5 / 4;
    int next_w = T * 5 < ui->w / 2 - 2 * U ? T * 5 : ui->w / 2 - 2 * U;
    int faces_y = beside ? ui->h - U - fh : ui->h - U - T - U - fh;
    int bottom = faces_y - U;
    int qs = bottom - y;
    qs = qs > ui->w / 4 ? ui->w / 4 : qs;
    qs = qs > 4 * T ? 4 * T : qs;   /* about 36 mm: a phone reads it easily */
    int tw = ui->w - 3 * U - qs;
    UiWidget q = ui_proto("request.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, d->qr);
    q.rect = R(ui->w - U - qs, y, qs, qs);
    ui_add(ui, &q);
    int words = ui->n, ry = done_ref(a, U, y, tw);
    /* under the code the words take the whole width */
    int below_qr = y + qs + U, full = ui->w - 2 * U;
    lay_paragraph_max(a, a->v.done_urgent ? "request.urgent" : "request.next-steps", d->next, U,
                      ry, ry >= below_qr ? full : tw, a->v.done_urgent ? LOOK_NOTICE : LOOK_PLAIN,
                      bottom - ry, false);
    bool ok = ry < bottom && lay_fits_since(ui, words, bottom);
    int mark = ui->n;
    feedback_faces(a, faces_y, fh, beside ? ui->w - 3 * U - next_w : ui->w - 2 * U);
    if (alone)
        faces_alone(ui, mark);
    return ok && lay_fits_since(ui, mark, ui->h);
}

/* On pages, one column: (the title,) the reference, what happens next,
 * the code to scan, then the faces alone. */
static int done_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    const DoneWords *d = ctx;
    if (d->title_item && i-- == 0)
        return lay_heading(a, "request.done.title", _("Thank you. We have your request."), y);
    if (d->qr_beside && i == 0) {
        int qs = bottom - y;
        qs = qs > 4 * T ? 4 * T : qs;
        qs = qs > w / 4 ? w / 4 : qs;
        UiWidget q = ui_proto("request.qr", ROLE_QR);
        ui_copy_text(q.text, sizeof q.text, d->qr);
        q.rect = R(x + w - qs, y, qs, qs);
        ui_add(ui, &q);
        int below = done_ref(a, x, y, w - qs - U);
        return below > y + qs + U ? below : y + qs + U;
    }
    if (d->qr_beside && i == 2)
        i = 3;
    if (i == 0)
        return done_ref(a, x, y, w);
    if (i == 1)
        return lay_paragraph(a, a->v.done_urgent ? "request.urgent" : "request.next-steps",
                             d->next, x, y, w, a->v.done_urgent ? LOOK_NOTICE : LOOK_PLAIN);
    if (i == 2) {
        int qs = bottom - y;
        qs = qs > 4 * T ? 4 * T : qs;
        qs = qs > w ? w : qs;
        qs = qs < 2 * T ? 2 * T : qs;   /* smaller is hard to scan: the next page */
        UiWidget q = ui_proto("request.qr", ROLE_QR);
        ui_copy_text(q.text, sizeof q.text, d->qr);
        q.rect = R(x, y, qs, qs);
        ui_add(ui, &q);
        return y + qs + U;
    }
    int h = feedback_faces_height(a) - T * (portrait(a) ? 5 : 3) / 2 + T * 5 / 4;
    int mark = ui->n;
    feedback_faces(a, y, h, w);
    faces_alone(ui, mark);
    return y + h + U;
}

void done_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, false), mark = ui->n;
    const char *title = _("Thank you. We have your request.");
    int y = lay_heading(a, "request.done.title", title, top), body = ui->n;
    DoneWords d = { .title_item = false, .qr_beside = false };
    done_words(a, &d);
    /* one screen, the faces with their words, then alone; then on pages
     * (request.done.prev, request.done.more) above the faces, then with
     * the faces the last item, under the title at its size, the body's,
     * then the title on the first page only */
    bool whole = done_whole(a, &d, y, false);
    if (!whole) {
        ui->n = body;
        whole = done_whole(a, &d, y, true);
    }
    int pages = 1, page = 0;
    if (!whole) {
        /* the faces alone over the bottom row, the words on pages above
         * them; then the faces the last item */
        int fh = feedback_faces_height(a) - T * (portrait(a) ? 5 : 3) / 2 + T * 5 / 4;
        int faces_y = ui->h - 2 * U - T - fh, starts[5], bottom = 0, items = 4;
        /* the code beside the reference first, then under it */
        static const struct { bool fixed, beside, small, title; } way[] = {
            { true, true, false, false },  { true, true, true, false },
            { false, true, false, false }, { false, true, true, false },
            { true, false, false, false }, { true, false, true, false },
            { false, false, false, false }, { false, false, true, false },
            { false, false, false, true },
        };
        bool fixed = false;
        for (size_t k = 0; k < sizeof way / sizeof way[0]; k++) {
            ui->n = mark;
            fixed = way[k].fixed;
            d.title_item = way[k].title;
            d.qr_beside = way[k].beside;
            items = (d.qr_beside ? 2 : 3) + (fixed ? 0 : 1) + (d.title_item ? 1 : 0);
            bottom = fixed ? faces_y - U : ui->h - 2 * U - T;
            y = d.title_item     ? top
                : way[k].small ? lay_small_heading(a, "request.done.title", title, top)
                               : lay_heading(a, "request.done.title", title, top);
            bool fit = false;
            pages = lay_split_pages(a, done_item, &d, items, U, y, ui->w - 2 * U, bottom, starts,
                                    5, &fit);
            if (fit)
                break;
        }
        page = lay_page(a, pages);
        lay_show_page(a, done_item, &d, starts, pages, items, page, U, y, ui->w - 2 * U,
                      bottom);
        if (fixed) {
            int faces = ui->n;
            feedback_faces(a, faces_y, fh, ui->w - 2 * U);
            faces_alone(ui, faces);
        }
    }
    lay_pager(a, "request.done", page, pages, ui->w - 3 * U - lay_next_w(ui));
    lay_next_button(a, "request.done", _("Done"), true);
}

bool done_tap(App *a, const char *id)
{
    if (lay_pager_tap(a, "request.done", id))
        return true;
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
