/* thanks.c — the end of a check-in: "thank you" (with How was today?)
 * that returns home by itself, or, when the record could not be saved,
 * "please tell a member of staff" with Try again. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/speech.h"

/* ---- thank you, or could not save ------------------------------------ */

static const char *face_word(int i)
{
    static const char *const words[5] = { N_("Very bad"), N_("Bad"), N_("OK"), N_("Good"),
                                          N_("Very good") };
    return words[i];
}

/* The height of the faces' row w wide: each face a large icon with its
 * word under it (at the secondary size), as tall as the tallest word; or
 * without words the icon alone, a whole target. */
static int faces_row_h(App *a, int w, bool words)
{
    Ui *ui = &a->ui;
    int U = ui->unit, fw = (w - 4 * U) / 5, most = 0;
    if (!words) {
        int h = 2 * U + ui->font_icon * 3 / 2;
        return h < ui->base_target ? ui->base_target : h;
    }
    /* as ui_add measures a tile: padding round it, the icon over the
     * words */
    for (int i = 0; i < 5; i++) {
        int h = ui_text_height(ui, _(face_word(i)), ui->font_small, TEXT_BOLD, fw - 2 * U - 2,
                               false);
        most = h > most ? h : most;
    }
    int h = 2 * U + ui->font_icon * 5 / 4 + U / 2 + most + 2;
    return h < ui->target ? ui->target : h;
}

/* True when each face's word fits under it in a row w wide (a long word
 * that cannot wrap does not). */
static bool faces_words_fit(App *a, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, fw = (w - 4 * U) / 5;
    for (int i = 0; i < 5; i++) {
        TextStyle st = { .size_px = ui->font_small, .weight = TEXT_BOLD, .lang = a->lang_tag,
                         .dir = ui->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR };
        TextExtent e = { 0 };
        if (text_measure(ui->te, _(face_word(i)), &st, fw - 2 * U - 2, &e) != K_OK || !e.fits)
            return false;
    }
    return true;
}

/* "How was today?" and the five faces in r (before mirroring): the
 * question above them, or at the start beside them (beside); each face
 * with its word under it, or (not words) the face alone, its word its
 * label. Adds them when place. Returns the height they take. */
static int thanks_faces(App *a, SDL_Rect r, bool beside, bool words, bool place)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *q = _("How was today?");
    /* beside: the faces alone as wide as tall, the question the rest;
     * with words, a quarter of the row */
    int alone = faces_row_h(a, r.w, false);
    int qw = !beside ? r.w : words ? r.w / 4 : r.w - 5 * alone - 5 * U;
    int qh = ui_text_height(ui, q, ui->font_body, TEXT_BOLD, qw, false);
    int fx = beside ? r.x + qw + U : r.x, fwide = beside ? r.w - qw - U : r.w;
    int fh = words ? faces_row_h(a, fwide, true) : alone;
    int fy = beside ? r.y : r.y + qh + U / 2;
    int total = beside ? (qh > fh ? qh : fh) : qh + U / 2 + fh;
    if (!place)
        return total;
    if (beside && !words && r.h > total)
        fh = total = r.h;   /* alone on a taller row (Done's): as tall as it */
    UiWidget *t = ui_text(ui, "feedback.question", ROLE_TEXT, q,
                          R(r.x, beside ? r.y + (total - qh) / 2 : r.y, qw, qh));
    if (t)
        t->weight = TEXT_BOLD;
    int fw = (fwide - 4 * U) / 5;
    static const UiIcon icons[5] = { GLYPH_FACE_1, GLYPH_FACE_2, GLYPH_FACE_3, GLYPH_FACE_4,
                                     GLYPH_FACE_5 };
    for (int i = 0; i < 5; i++) {
        UiWidget f = ui_proto("", ROLE_BUTTON);
        snprintf(f.id, sizeof f.id, "feedback.face.%d", i + 1);
        f.look = LOOK_SECONDARY;
        ui_copy_text(words ? f.text : f.label, words ? sizeof f.text : sizeof f.label,
                     _(face_word(i)));
        f.icon = icons[i];
        f.icon_above = words;
        f.font_px = ui->font_small;
        f.icon_px = ui->font_icon * (words ? 5 : 6) / 4;
        f.checked = a->v.fb_rating == i + 1;
        f.rect = R(fx + i * (fw + U), beside ? r.y + (total - fh) / 2 : fy, fw, fh);
        ui_add(ui, &f);
    }
    return total;
}

/* The tick, the title and the session between top and bottom, in one of
 * the ways (0: the tick above the words, as large as the room allows; 1:
 * the title at the heading's size too; 2: the tick beside the words; 3:
 * the title at the body's size, bold; 4: the session at the secondary
 * size too).
 * Returns whether it fits; when it does not, it is taken back unless
 * force. */
static bool thanks_words(App *a, const char *when, int top, int bottom, int way, bool force)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U, mark = ui->n;
    const char *title = _("Thank you. You are checked in.");
    int title_px = way >= 3 ? ui->font_body : way >= 1 ? ui->font_heading : ui->font_title;
    int side = ui->font_display, x = U, tw = W;
    if (way >= 2) {
        side = ui->base_target;
        x = 2 * U + side;
        tw = W - side - U;
    }
    int th = ui_text_height(ui, title, title_px, TEXT_BOLD, tw, false);
    int mpx = way >= 4 ? ui->font_small : ui->font_body;
    int mh = ui_text_height(ui, when, mpx, TEXT_REGULAR, tw, false);
    int words = th + U + mh, block;
    if (way < 2) {
        int room = bottom - top - words - U;
        side = side > room ? room : side;
        if (side < (way == 0 ? 2 : 1) * ui->base_target) {
            if (!force)
                return false;
            side = ui->base_target;
        }
        block = side + U + words;
    } else {
        block = words > side ? words : side;
    }
    int y = top + (bottom - top - block) / 2;
    y = y < top ? top : y;
    UiWidget tick = ui_proto("thanks.tick", ROLE_VALUE);
    tick.icon = GLYPH_SUCCESS;
    tick.icon_colour = COL_SUCCESS;
    tick.icon_px = side;
    tick.rect = way < 2 ? R((ui->w - side) / 2, y, side, side) : R(U, y + (block - side) / 2,
                                                                      side, side);
    ui_add(ui, &tick);
    int wy = way < 2 ? y + side + U : y + (block - words) / 2;
    UiWidget t = ui_proto("thanks.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, title);
    t.rect = R(x, wy, tw, th);
    t.align = way < 2 ? TEXT_ALIGN_CENTER : TEXT_ALIGN_START;
    t.font_px = title_px;   /* set before fitting, so it fits at this size */
    ui_add(ui, &t);
    UiWidget mp = ui_proto("thanks.text", ROLE_TEXT);
    ui_copy_text(mp.text, sizeof mp.text, when);
    mp.rect = R(x, wy + th + U, tw, mh);
    mp.align = t.align;
    mp.font_px = mpx;
    UiWidget *m = ui_add(ui, &mp);
    if (lay_fits_since(ui, mark, bottom))
        return true;
    if (!force) {
        ui->n = mark;
        return false;
    }
    /* no way fits: said so, so the screen is built again smaller */
    if (m)
        m->fits = false;
    return false;
}

/* The words and the faces between top and bottom: the faces with their
 * words and the question above them; on a short screen the question
 * beside them (wide), then the faces alone. The words above in the first
 * way that fits. Returns whether one fits; when none does, the last is
 * there anyway if force, else nothing is. */
static bool thanks_body(App *a, const char *when, int top, int bottom, bool force)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    static const struct { bool beside, words; } wide[] = {
        { false, true }, { true, true }, { true, false } },
        tall[] = { { false, true }, { false, false } };
    bool p = portrait(a);
    int nf = p ? 2 : 3;
    for (int f = 0; f < nf; f++) {
        bool beside = p ? tall[f].beside : wide[f].beside;
        bool words = p ? tall[f].words : wide[f].words;
        if (words && !faces_words_fit(a, beside ? W - W / 4 - U : W))
            continue;
        int fh = thanks_faces(a, R(U, 0, W, 0), beside, words, false);
        bool fit = false, last = f + 1 == nf;
        for (int way = 0; way < 4 && !fit; way++)
            fit = thanks_words(a, when, top, bottom - fh - U, way, force && last && way == 3);
        if (fit || (force && last)) {
            thanks_faces(a, R(U, bottom - fh, W, fh), beside, words, true);
            return fit;
        }
    }
    return false;
}

/* The width of Done as wide as its words and arrow (at least two
 * targets); a failed measure counts as no words. */
static int done_words_w(App *a)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    if (text_measure(ui->te, _("Done"), &st, 0, &e) != K_OK)
        e.w = 0;
    int w = e.w + 3 * ui->unit + ui->font_icon + 2;
    return w < 2 * ui->base_target ? 2 * ui->base_target : w;
}

/* The words between top and bottom (above Done's row) and "How was
 * today?" beside the faces alone on Done's row, at its start, Done done_w
 * wide at its end (a short wide screen: Urdu in larger text). Returns
 * whether it fits; when it does not, nothing is added. */
static bool thanks_by_done(App *a, const char *when, int top, int bottom, int done_w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, mark = ui->n;
    int room = ui->w - 3 * U - done_w;
    /* the question needs a quarter of the room at least beside the faces */
    if (room - 5 * faces_row_h(a, room, false) - 5 * U < room / 4)
        return false;
    bool fit = false;
    for (int way = 0; way < 5 && !fit; way++)
        fit = thanks_words(a, when, top, bottom, way, false);
    if (!fit)
        return false;
    int faces = ui->n;
    thanks_faces(a, R(U, ui->h - U - T, room, T), true, false, true);
    if (lay_fits_since(ui, faces, ui->h))
        return true;
    ui->n = mark;
    return false;
}

void thanks_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, bar_mark = ui->n;
    LayBar bar;
    lay_bar(a, false, 0, 0, &bar);
    int top = bar.below, bottom = ui->h - 2 * U - T;
    /* a large green tick, the words, the session and its times: one block
     * centred in the room between the bar and "How was today?" (five
     * faces, one tap is enough) above Done */
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
    bool by_done = false;
    int done_w = lay_next_w(ui);
    if (!thanks_body(a, when, top, bottom, false)) {
        ui->n = bar_mark;
        if (portrait(a)) {
            /* the bar in one row on a tall screen when its second row
             * leaves the rest no room */
            lay_bar(a, false, 0, LAY_BAR_ONE_ROW, &bar);
            thanks_body(a, when, bar.below, bottom, true);
        } else {
            /* the faces on Done's row, Done as wide as its words, and the
             * countdown in the bar (its words give way for it); none of
             * that fits: as first laid out, so the screen is built again
             * smaller */
            lay_bar(a, false, 10 * U, 0, &bar);
            by_done = bar.rows == 1 && bar.room.w - U >= 8 * U &&
                      thanks_by_done(a, when, bar.below, bottom, done_words_w(a));
            if (by_done) {
                done_w = done_words_w(a);
            } else {
                ui->n = bar_mark;
                lay_bar(a, false, 0, 0, &bar);
                thanks_body(a, when, bar.below, bottom, true);
            }
        }
    }
    UiWidget *done = ui_button_icon(ui, "thanks.done", _("Done"),
                                    R(ui->w - U - done_w, ui->h - U - T, done_w, T),
                                    LOOK_PRIMARY, ICON_NEXT);
    if (done && !done->fits) {   /* long words: without the arrow */
        ui->n--;
        done = ui_button_icon(ui, "thanks.done", _("Done"),
                              R(ui->w - U - done_w, ui->h - U - T, done_w, T), LOOK_PRIMARY,
                              ICON_NONE);
    }
    /* the time left before the screen returns home, as a row of dots that
     * empties, beside Done (in the bar when the faces are on Done's row) */
    uint64_t now = a->build_ms;
    long left = a->thanks_until > now ? (long)((a->thanks_until - now + 999) / 1000) : 0;
    long total = a->cfg.thanks_s > 0 ? a->cfg.thanks_s : 1;
    if (speech_speaking(app_speech(a)))
        left = total;   /* held while it is read aloud */
    if (done && total <= 60) {
        UiWidget c = ui_proto("thanks.countdown", ROLE_PROGRESS);
        snprintf(c.text, sizeof c.text, "%ld/%ld", left < total ? left : total, total);
        if (by_done) {
            int room = bar.room.w - U, cw = room < 16 * U ? room : 16 * U;
            c.rect = R(bar.room.x + U + (room - cw) / 2, bar.room.y + bar.room.h / 2 - U / 2,
                       cw, U);
        } else {
            int cw = 16 * U < ui->w - done_w - 4 * U ? 16 * U : ui->w - done_w - 4 * U;
            c.rect = R(U, ui->h - U - T + (T - U) / 2, cw, U);
        }
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

/* How long the screen stays after a listen of it ends, so the visitor can
 * still tap a face or Done. */
#define THANKS_AFTER_LISTEN_MS 2000u

void thanks_tick(App *a)
{
    uint64_t now = clock_ms();
    /* a listen holds the return home while it plays, and a moment after */
    if (speech_speaking(app_speech(a)) && a->thanks_until < now + THANKS_AFTER_LISTEN_MS)
        a->thanks_until = now + THANKS_AFTER_LISTEN_MS;
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
