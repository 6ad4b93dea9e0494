/* thanks.c — the end of a check-in: "thank you" (with How was today?)
 * that returns home by itself, or, when the record could not be saved,
 * "please tell a member of staff" with Try again. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

/* ---- thank you, or could not save ------------------------------------ */

void thanks_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U;
    int top = lay_top_bar(a, false), bottom = ui->h - 2 * U - T;
    /* a large green tick, the words, the session and its times: one block
     * centred in the room between the bar and the button */
    const char *title = _("Thank you. You are checked in.");
    char msg[512], range[96], when[640];
    const SessionTime *s = a->thanks_session >= 0 && a->thanks_session < a->nsessions
                               ? &a->sessions[a->thanks_session] : NULL;
    const char *k[] = { "session" }, *v[] = { s ? lay_session_name(a, s) : a->thanks_session_name };
    i18n_format(msg, sizeof msg, _("Enjoy {session}."), k, v, 1);
    if (s) {
        lay_time_range(a, s->opens_min, s->closes_min, range, sizeof range);
        snprintf(when, sizeof when, "%s\n%s", msg, range);
    } else {
        snprintf(when, sizeof when, "%s", msg);
    }
    int side = ui->font_display, title_px = ui->font_title;
    int th = ui_text_height(ui, title, title_px, TEXT_BOLD, W, false);
    int mh = ui_text_height(ui, when, ui->font_body, TEXT_REGULAR, W, false);
    /* "How was today?": five faces above Done, one tap is enough, when
     * they leave room for the words (else home offers them) */
    int fh = feedback_faces_height(a);
    int th_least = ui_text_height(ui, title, ui->font_heading, TEXT_BOLD, W, false);
    bool faces = ui->large <= 1.0 &&   /* larger text: home offers them */
                 th_least + 2 * U + mh + ui->base_target <= bottom - fh - U - top;
    if (faces)
        bottom -= fh + U;
    int block = side + U + th + U + mh;
    if (block > bottom - top) {   /* a short screen: a smaller tick, a smaller title */
        side = bottom - top - (th + 2 * U + mh);
        if (side < 2 * ui->base_target) {
            title_px = ui->font_heading;
            th = ui_text_height(ui, title, title_px, TEXT_BOLD, W, false);
            side = bottom - top - (th + 2 * U + mh);
        }
        side = side < ui->base_target ? ui->base_target : side;
        block = side + U + th + U + mh;
    }
    int y = top + (bottom - top - block) / 2;
    y = y < top ? top : y;
    UiWidget tick = ui_proto("thanks.tick", ROLE_VALUE);
    tick.icon = GLYPH_SUCCESS;
    tick.icon_colour = COL_SUCCESS;
    tick.icon_px = side;
    tick.rect = R((ui->w - side) / 2, y, side, side);
    ui_add(ui, &tick);
    y += side + U;
    UiWidget t = ui_proto("thanks.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, title);
    t.rect = R(U, y, W, th);
    t.align = TEXT_ALIGN_CENTER;
    t.font_px = title_px;   /* set before fitting, so it fits at this size */
    ui_add(ui, &t);
    y += th + U;
    UiWidget *m = ui_text(ui, "thanks.text", ROLE_TEXT, when, R(U, y, W, mh));
    if (m)
        m->align = TEXT_ALIGN_CENTER;
    if (faces)
        feedback_faces(a, bottom + U, fh, W);
    UiWidget *done = lay_next_button(a, "thanks.done", _("Done"), true);
    /* the time left before the screen returns home, as a row of dots that
     * empties, beside Done */
    uint64_t now = a->build_ms;
    long left = a->thanks_until > now ? (long)((a->thanks_until - now + 999) / 1000) : 0;
    long total = a->cfg.thanks_s > 0 ? a->cfg.thanks_s : 1;
    if (done && total <= 60) {
        UiWidget c = ui_proto("thanks.countdown", ROLE_PROGRESS);
        snprintf(c.text, sizeof c.text, "%ld/%ld", left < total ? left : total, total);
        int cw = 16 * U < ui->w - done->rect.w - 4 * U ? 16 * U : ui->w - done->rect.w - 4 * U;
        c.rect = R(U, done->rect.y + (done->rect.h - U) / 2, cw, U);
        ui_add(ui, &c);
    }
}

bool thanks_tap(App *a, const char *id)
{
    if (feedback_face_tap(a, id))
        return true;
    if (strcmp(id, "thanks.done") != 0)
        return false;
    app_go_home(a);
    return true;
}

void thanks_tick(App *a)
{
    uint64_t now = clock_ms();
    if (now >= a->thanks_until) {
        app_go_home(a);
        return;
    }
    /* redraw when the seconds the countdown shows have changed */
    long left = (long)((a->thanks_until - now + 999) / 1000), shown = -1;
    int c = ui_find(&a->ui, "thanks.countdown");
    if (c >= 0 && sscanf(a->ui.w_list[c].text, "%ld/", &shown) == 1 && shown != left)
        a->dirty = true;
}

void save_error_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, false);
    y = lay_heading(a, "error.title", _("Sorry, we couldn't save this"), y);
    lay_paragraph(a, "error.text",
                  _("Please tell a member of staff. Your check-in has not been saved."), U, y,
                  ui->w - 2 * U, LOOK_ERROR);
    int bw = lay_next_w(ui), sw = ui->w - 3 * U - bw;
    /* the forward action bottom end, as on every other screen */
    ui_button(ui, "error.retry", _("Try again"), R(ui->w - U - bw, ui->h - U - T, bw, T),
              LOOK_PRIMARY);
    UiWidget *h = ui_button_icon(ui, "error.home", _("Start again"),
                                 R(U, ui->h - U - T, sw > bw ? bw : sw, T), LOOK_SECONDARY,
                                 GLYPH_HOME);
    if (h && !h->fits) {   /* a narrow screen: the words without the icon */
        ui->n--;
        ui_button(ui, "error.home", _("Start again"), R(U, ui->h - U - T, sw > bw ? bw : sw, T),
                  LOOK_SECONDARY);
    }
}

bool save_error_tap(App *a, const char *id)
{
    if (!strcmp(id, "error.retry"))
        save_checkin(a);
    else if (!strcmp(id, "error.home"))
        app_go_home(a);
    else
        return false;
    return true;
}
