/* staff_sending.c — the staff view's "Sending" panel: what waits to go to
 * the central service, the last upload, the last problem in plain words,
 * the records the server refused and why, the content pack, and "Send
 * now". In English, for staff. Reads the store on entering; the uploader's
 * status is copied into App by app_upload_tick. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

static void rejected_cb(void *ud, const OutboxRow *row)
{
    App *a = ud;
    if (strcmp(row->state, "rejected") != 0 || a->sending_nrejected >= 4)
        return;
    snprintf(a->sending_rejected[a->sending_nrejected++], sizeof a->sending_rejected[0],
             "%.10s %.5s, %s: %.120s", row->created_at, row->created_at + 11, row->type,
             row->last_error[0] ? row->last_error : "no reason given");
}

void sending_enter(App *a)
{
    a->staff_sending = true;
    a->sending_nrejected = 0;
    a->counts_rc = store_outbox_counts(a->store, &a->counts);
    if (store_outbox_each(a->store, rejected_cb, a) != K_OK)
        LOG_W("app", "the rejected records could not be listed");
    if (a->up)
        upload_thread_status(a->up, &a->up_st);
}

/* "N min" / "N h M min" / "N days". */
static void age_words(long s, char *out, size_t cap)
{
    if (s < 90)
        snprintf(out, cap, "under 2 minutes");
    else if (s < 3600)
        snprintf(out, cap, "%ld minutes", s / 60);
    else if (s < 2 * 86400)
        snprintf(out, cap, "%ld h %ld min", s / 3600, s / 60 % 60);
    else
        snprintf(out, cap, "%ld days", s / 86400);
}

static void when_words(time_t t, char *out, size_t cap)
{
    char hm[6], day[11], today[11];
    struct tm tm;
    if (!clock_local(t, &tm)) {
        snprintf(out, cap, "unknown");
        return;
    }
    snprintf(hm, sizeof hm, "%02u:%02u", (unsigned)tm.tm_hour % 24u, (unsigned)tm.tm_min % 60u);
    clock_local_day(t, day);
    clock_local_day(clock_now(), today);
    snprintf(out, cap, "%s%s%s", strcmp(day, today) ? day : "", strcmp(day, today) ? " " : "",
             hm);
}

typedef struct {
    char id[40];
    char text[600];
    UiLook look;
    bool optional;        /* left out first when the screen is too small */
    int h;
} Para;

/* The height lay_paragraph gives text across width. */
static int para_height(App *a, const Para *p, int width)
{
    Ui *ui = &a->ui;
    bool boxed = p->look == LOOK_NOTICE || p->look == LOOK_ERROR;
    return ui_text_height(ui, p->text, ui->font_body, TEXT_REGULAR,
                          boxed ? width - 4 * ui->unit : width, false) +
           (boxed ? 2 * ui->unit : 0);
}

static Para *add_para(Para *ps, int *n, const char *id, UiLook look, bool optional)
{
    Para *p = &ps[(*n)++];
    snprintf(p->id, sizeof p->id, "%s", id);
    p->look = look;
    p->optional = optional;
    p->text[0] = '\0';
    return p;
}

/* The panel's lines, most important first where it matters. */
static int panel_lines(App *a, Para *ps)
{
    const UploadStatus *st = &a->up_st;
    char w1[80], w2[80];
    int n = 0;
    Para *p = add_para(ps, &n, "staff.sending.waiting", LOOK_PLAIN, false);
    if (a->counts_rc != K_OK)
        snprintf(p->text, sizeof p->text, "The records waiting could not be counted (%s): "
                 "tell IT.", k_strerror(a->counts_rc));
    else if (a->counts.pending == 0)
        snprintf(p->text, sizeof p->text, "Nothing is waiting to be sent.");
    else {
        age_words(st->oldest_age_s >= 0 ? st->oldest_age_s : 0, w1, sizeof w1);
        snprintf(p->text, sizeof p->text, "%d record%s waiting to be sent; the oldest is %s "
                 "old.", a->counts.pending, a->counts.pending == 1 ? "" : "s", w1);
    }
    if (!a->up) {
        p = add_para(ps, &n, "staff.sending.offline", LOOK_NOTICE, false);
        snprintf(p->text, sizeof p->text, "Offline: no central service is set up "
                 "(central.url), so records stay on this kiosk.");
    } else {
        if (st->last_success)
            when_words(st->last_success, w1, sizeof w1);
        p = add_para(ps, &n, "staff.sending.last", LOOK_PLAIN, false);
        snprintf(p->text, sizeof p->text, "Last successful upload: %s.",
                 st->last_success ? w1 : "none since the kiosk started");
        if (st->problem_text[0]) {
            p = add_para(ps, &n, "staff.sending.problem", LOOK_ERROR, false);
            snprintf(p->text, sizeof p->text, "Problem: %s.", st->problem_text);
        }
    }
    if (st->content_checked)
        when_words(st->content_checked, w2, sizeof w2);
    p = add_para(ps, &n, "staff.sending.content", LOOK_PLAIN, false);
    snprintf(p->text, sizeof p->text, "Content: version %s%s; %s%s.", content_version(a->pack),
             content_is_demo(a->pack) ? " (demo)" : "", a->up ? "last checked " : "",
             !a->up ? "not checked (offline)" : st->content_checked ? w2 : "not checked yet");
    if (st->content_problem[0]) {
        p = add_para(ps, &n, "staff.sending.content_problem", LOOK_ERROR, false);
        snprintf(p->text, sizeof p->text, "The last pack from the central service was "
                 "refused; the current one stays: %.160s", st->content_problem);
    }
    if (a->counts_rc == K_OK && a->counts.rejected > 0) {
        p = add_para(ps, &n, "staff.sending.rejected", LOOK_ERROR, false);
        snprintf(p->text, sizeof p->text, "%d record%s not accepted by the server (kept here, "
                 "not sent again)%s", a->counts.rejected, a->counts.rejected == 1 ? "" : "s",
                 a->sending_nrejected ? ":" : ".");
        for (int i = 0; i < a->sending_nrejected && i < 4; i++) {
            char id[40];
            snprintf(id, sizeof id, "staff.sending.rejected.%d", i);
            p = add_para(ps, &n, id, LOOK_PLAIN, true);
            snprintf(p->text, sizeof p->text, "%s", a->sending_rejected[i]);
        }
    }
    return n;
}

void sending_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int bw = T * 5 / 2;
    ui_button(ui, "staff.sending.back", "Back", R(U, U, bw, T), LOOK_SECONDARY);
    ui_button(ui, "staff.lock", "Lock", R(ui->w - U - bw, U, bw, T), LOOK_PRIMARY);
    UiWidget *b = ui_button(ui, "staff.sending.send", "Send now",
                            R(ui->w - 2 * U - 2 * bw, U, bw, T), LOOK_PRIMARY);
    if (b)
        b->enabled = a->up != NULL;
    int y = U + T + U;
    y = lay_heading(a, "staff.sending.title", "Sending to the central service", y);
    Para ps[12];
    int n = panel_lines(a, ps), total = 0;
    for (int i = 0; i < n; i++) {
        ps[i].h = para_height(a, &ps[i], W);
        total += ps[i].h + U;
    }
    /* leave out rejected records' details, last first, until it fits */
    for (int i = n - 1; i >= 0 && y + total > ui->h; i--)
        if (ps[i].optional) {
            total -= ps[i].h + U;
            ps[i].h = -1;
        }
    for (int i = 0; i < n; i++)
        if (ps[i].h >= 0)
            y = lay_paragraph(a, ps[i].id, ps[i].text, U, y, W, ps[i].look);
}

bool sending_tap(App *a, const char *id)
{
    if (!strcmp(id, "staff.sending.back")) {
        a->staff_sending = false;
        return true;
    }
    if (!strcmp(id, "staff.sending.send")) {
        if (a->up) {
            LOG_I("app", "staff asked to send now");
            upload_thread_send_now(a->up);
        }
        return true;
    }
    return false;
}
