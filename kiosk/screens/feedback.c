/* feedback.c — "How was today?": five faces with words under them, on the
 * home screen (its own screen), the check-in's and a request's thank-you
 * screens. One tap saves a feedback record (rating, language, the
 * session when it follows a check-in); a short comment may follow, and
 * replaces that record while it has not left the kiosk
 * (store_feedback_amend). */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"

static const UiIcon faces[5] = { GLYPH_FACE_1, GLYPH_FACE_2, GLYPH_FACE_3, GLYPH_FACE_4,
                                 GLYPH_FACE_5 };

static const char *face_word(App *a, int i)
{
    switch (i) {
    case 0: return _("Very bad");
    case 1: return _("Bad");
    case 2: return _("OK");
    case 3: return _("Good");
    default: return _("Very good");
    }
}

/* The question's height over the faces. */
static int question_h(App *a)
{
    Ui *ui = &a->ui;
    return ui_text_height(ui, _("How was today?"), ui->font_body, TEXT_BOLD, ui->w / 2, false);
}

int feedback_faces_height(App *a)
{
    Ui *ui = &a->ui;
    /* two lines of words under each face on a narrow screen */
    return question_h(a) + ui->unit / 2 + ui->target * (portrait(a) ? 5 : 3) / 2;
}

/* The five faces in h from y, w wide: with the question above them when
 * ask; each with its word under it at words_px, or (words_px 0) the face
 * alone, its word its label; or (rows) one under another, each face
 * beside its word. */
static void faces_at(App *a, int y, int h, int w, bool ask, int words_px, bool rows)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *q = _("How was today?");
    int qh = ask ? question_h(a) : 0;
    if (ask) {
        UiWidget *t = ui_text(ui, "feedback.question", ROLE_TEXT, q, R(U, y, w, qh));
        if (t)
            t->weight = TEXT_BOLD;
        y += qh + U / 2;
        h -= qh + U / 2;
    }
    int gap = U, fw = (w - 4 * gap) / 5, fh = h;
    if (rows) {
        fw = w;
        fh = (h - 4 * gap) / 5;
        fh = fh > ui->target * 3 / 2 ? ui->target * 3 / 2 : fh;
        fh = fh < ui->base_target ? ui->base_target : fh;
    }
    for (int i = 0; i < 5; i++) {
        UiWidget f = ui_proto("", ROLE_BUTTON);
        snprintf(f.id, sizeof f.id, "feedback.face.%d", i + 1);
        f.look = LOOK_SECONDARY;
        ui_copy_text(words_px ? f.text : f.label, words_px ? sizeof f.text : sizeof f.label,
                     face_word(a, i));
        f.icon = faces[i];
        f.icon_above = words_px != 0 && !rows;
        if (rows)
            f.align = TEXT_ALIGN_START;
        f.font_px = words_px ? words_px : ui->font_body;
        f.icon_px = ui->font_icon * (words_px ? 5 : 6) / 4;
        f.checked = a->v.fb_rating == i + 1;
        f.rect = rows ? R(U, y + i * (fh + gap), fw, fh) : R(U + i * (fw + gap), y, fw, fh);
        ui_add(ui, &f);
    }
}

void feedback_faces(App *a, int y, int h, int w)
{
    /* five across the narrowest screen: the words at body size */
    faces_at(a, y, h, w, true, a->ui.font_body, false);
}

/* The session of the check-in just saved, for the record; "" otherwise. */
static const char *session_of(App *a)
{
    if (a->screen == SCR_THANKS && a->thanks_session >= 0 && a->thanks_session < a->nsessions)
        return a->sessions[a->thanks_session].id;
    return "";
}

bool feedback_face_tap(App *a, const char *id)
{
    int r;
    if (sscanf(id, "feedback.face.%d", &r) != 1 || r < 1 || r > 5)
        return false;
    Record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = REC_FEEDBACK;
    rec.u.feedback.rating = r;
    snprintf(rec.u.feedback.language, sizeof rec.u.feedback.language, "%s", a->lang_tag);
    snprintf(rec.u.feedback.session_id, sizeof rec.u.feedback.session_id, "%s", session_of(a));
    char rid[37];
    k_err rc = store_add_record(a->store, &rec, clock_now(), rid);
    record_wipe(&rec);
    /* a new visit's feedback: whatever came before is gone already */
    visitor_wipe(&a->v);
    a->v.fb_rating = r;
    if (rc == K_OK)
        snprintf(a->v.fb_id, sizeof a->v.fb_id, "%s", rid);
    else
        LOG_E("app", "feedback not saved: %s", k_strerror(rc));
    app_go(a, SCR_FEEDBACK_THANKS);
    return true;
}

/* ---- the home screen's way in ---------------------------------------- */

int feedback_home_width(App *a)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    text_measure(ui->te, _("How was today?"), &st, 0, &e);
    int w = e.w + ui->font_icon + 4 * ui->unit;
    /* the words when they take at most a quarter of the row, else the face
     * alone */
    if (w > ui->w / 4)
        w = ui->target * 3 / 2;
    return w + ui->unit;
}

void feedback_home_entry(App *a, SDL_Rect r)
{
    if (r.w <= 0)
        return;
    bool words = r.w > a->ui.target * 2;
    ui_button_icon(&a->ui, "home.feedback", words ? _("How was today?") : "", r, LOOK_SECONDARY,
                   GLYPH_FACE_4);
}

void feedback_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, true), mark = ui->n;
    /* the title asks, the note says no name is needed, then the faces with
     * the question over them and their words under them; when that does
     * not fit (larger text, a tall script, a small screen), in turn: the
     * question left out (the title asks it), the faces' words at the
     * secondary size, the faces one under another (each beside its word;
     * a tall screen), the note left out, the faces alone (their words in
     * their labels) */
    static const struct { bool note, ask; int words; bool rows; } ways[] = {
        { true, true, 2, false }, { true, false, 2, false }, { true, false, 1, false },
        { true, true, 2, true }, { true, false, 2, true }, { false, false, 1, false },
        { false, false, 0, false } };
    int n = (int)(sizeof ways / sizeof ways[0]);
    for (int k = 0; k < n; k++) {
        int y = lay_heading(a, "feedback.title", _("Tell us how it went"), top);
        if (ways[k].note)
            y = lay_paragraph(a, "feedback.text",
                              _("Tap a face. You don't need to give your name."), U, y,
                              ui->w - 2 * U, LOOK_PLAIN);
        int bottom = ui->h - 2 * U - T;
        int h = bottom - y - U;
        int most = feedback_faces_height(a) * 2;
        h = h > most ? most : h;
        int px = ways[k].words == 2 ? ui->font_body : ways[k].words == 1 ? ui->font_small : 0;
        faces_at(a, y + U, ways[k].rows ? bottom - y - U : h, ui->w - 2 * U, ways[k].ask, px,
                 ways[k].rows);
        if (k + 1 == n || lay_fits_since(ui, mark, bottom))
            break;
        ui->n = mark;
    }
    /* Start again at the bottom start, as on every screen: the faces are
     * the way on (the forward button's width; the whole row, then without
     * its icon, when its words are too long for that) */
    int bw = lay_next_w(ui);
    UiWidget *go = ui_button_icon(ui, "info.home", _("Start again"), R(U, ui->h - U - T, bw, T),
                                  LOOK_SECONDARY, GLYPH_HOME);
    for (int k = 0; go && !go->fits && k < 2; k++) {
        ui->n--;
        go = ui_button_icon(ui, "info.home", _("Start again"),
                            R(U, ui->h - U - T, ui->w - 2 * U, T), LOOK_SECONDARY,
                            k == 0 ? GLYPH_HOME : ICON_NONE);
    }
}

bool feedback_tap(App *a, const char *id)
{
    if (feedback_face_tap(a, id))
        return true;
    if (strcmp(id, "info.home") != 0)
        return false;
    app_go_home(a);
    return true;
}

/* ---- thank you, and a comment if they like ---------------------------- */

void fb_thanks_enter(App *a, Screen from)
{
    (void)from;
    a->v.field = VF_NONE;
    a->v.message = NULL;
}

/* The comment's field at r: the comment typed (bold, the visitor's own
 * words) or the hint with its pencil (the pencil given up when it leaves
 * the hint no room); taller, up to half as tall again, when the words
 * need it (a Latin comment on a Tamil screen takes Tamil's line); label
 * (not drawn) the question when it is not shown. Returns its height. */
static int comment_field(App *a, SDL_Rect r, const char *label)
{
    Ui *ui = &a->ui;
    bool typed = a->v.fb_comment[0] != '\0';
    UiWidget f = ui_proto("feedback.comment", ROLE_FIELD);
    f.look = LOOK_KEY;
    f.personal = typed;
    f.placeholder = !typed;
    f.weight = typed ? TEXT_BOLD : TEXT_REGULAR;
    ui_copy_text(f.text, sizeof f.text, typed ? a->v.fb_comment : _("Tap to type"));
    f.icon = typed ? ICON_NONE : GLYPH_EDIT;
    ui_copy_text(f.label, sizeof f.label, label);
    UiWidget *w = NULL;
    for (int k = 0; k < 3 && !(w && w->fits); k++) {
        if (w)
            ui->n--;
        f.rect = R(r.x, r.y, r.w, r.h + r.h * k / 4);
        w = ui_add(ui, &f);
        if (w && !w->fits && f.icon != ICON_NONE) {
            ui->n--;
            f.icon = ICON_NONE;
            w = ui_add(ui, &f);
        }
    }
    return f.rect.h;
}

/* The ways to lay out the title, the comment's question and its field,
 * from the first tried: the title at the body's size (small); the
 * question at the body's size (1), the secondary size (2) or left out
 * once a comment is typed (0: it is the field's label, not drawn); the
 * field under the question, or on Done's row at its start (by_done:
 * while nothing is typed, when Done is alone on its row). */
typedef struct {
    bool small;
    int question;
    bool by_done;
} CommentWay;

/* The title, the question and the field in one way. Returns whether it
 * fits above Done; when it does not, nothing is added unless force. */
static bool comment_way(App *a, const char *label, int top, CommentWay way, bool force)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = ui->w - 2 * U, mark = ui->n;
    const char *title = _("Thank you for telling us.");
    int px = way.small ? ui->font_body : ui->font_heading;
    int lpx = way.question == 1 ? ui->font_body : ui->font_small;
    int th = ui_text_height(ui, title, px, TEXT_BOLD, W, false);
    UiWidget t = ui_proto("feedback.thanks.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, title);
    t.font_px = px;
    t.rect = R(U, top, W, th);
    ui_add(ui, &t);
    int y = top + th + U, lh = 0;
    if (way.question) {
        lh = ui_text_height(ui, label, lpx, TEXT_REGULAR, W, false);
        UiWidget l = ui_proto("feedback.comment.label", ROLE_TEXT);
        ui_copy_text(l.text, sizeof l.text, label);
        l.font_px = lpx;
        l.rect = R(U, y, W, lh);
        ui_add(ui, &l);
        y += lh + U / 2;
    }
    bool fits;
    if (way.by_done) {
        comment_field(a, R(U, ui->h - U - T, ui->w - 3 * U - lay_next_w(ui), T), "");
        fits = lay_fits_since(ui, mark, ui->h) && y - U / 2 <= ui->h - 2 * U - T;
    } else {
        comment_field(a, R(U, y, W, T), way.question ? "" : label);
        fits = lay_fits_since(ui, mark, ui->h - 2 * U - T);
    }
    if (fits || force)
        return fits;
    ui->n = mark;
    return false;
}

void fb_thanks_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int top = lay_top_bar(a, false), mark = ui->n;
    bool saved = a->v.fb_id[0] != '\0';
    int y = top;
    y = lay_heading(a, "feedback.thanks.title",
                    saved ? _("Thank you for telling us.") : _("Sorry, we couldn't save this"), y);
    if (!saved) {
        lay_paragraph(a, "feedback.thanks.error", _("Please tell a member of staff."), U, y,
                      ui->w - 2 * U, LOOK_ERROR);
        lay_next_button(a, "feedback.done", _("Done"), true);
        return;
    }
    if (a->v.fb_sent) {
        lay_paragraph(a, "feedback.thanks.sent", _("We have your comment too."), U, y,
                      ui->w - 2 * U, LOOK_PLAIN);
        lay_next_button(a, "feedback.done", _("Done"), true);
        return;
    }
    const char *label = _("Anything you would like to tell us? (you can leave this out)");
    /* the first way that fits; the field on Done's row only while nothing
     * is typed (then Done and Send comment share the row); none: the first,
     * so the screen is built again smaller */
    ui->n = mark;
    static const CommentWay empty[] = { { false, 1, false }, { false, 2, true },
                                        { true, 2, true } },
                            typed[] = { { false, 1, false }, { false, 2, false },
                                        { true, 2, false }, { false, 0, false },
                                        { true, 0, false } };
    bool any = a->v.fb_comment[0] != '\0', fit = false;
    const CommentWay *ways = any ? typed : empty;
    int n = any ? (int)(sizeof typed / sizeof typed[0]) : (int)(sizeof empty / sizeof empty[0]);
    for (int k = 0; k < n && !fit; k++)
        fit = comment_way(a, label, top, ways[k], false);
    if (!fit)
        comment_way(a, label, top, ways[0], true);
    if (a->v.fb_comment[0]) {
        /* Send first (wider when its words need it), then Done at the
         * start, as wide as the row leaves beside it */
        UiWidget *send = lay_next_button(a, "feedback.send", _("Send comment"), true);
        int T = ui->target, bw = ui->w - 3 * U - (send ? send->rect.w : lay_next_w(ui));
        bw = bw > T * 5 ? T * 5 : bw;
        UiWidget *d = ui_button_icon(ui, "feedback.done", _("Done"), R(U, ui->h - U - T, bw, T),
                                     LOOK_SECONDARY, GLYPH_HOME);
        if (d && !d->fits) {   /* a narrow row: the words without the icon */
            ui->n--;
            ui_button(ui, "feedback.done", _("Done"), R(U, ui->h - U - T, bw, T), LOOK_SECONDARY);
        }
    } else {
        lay_next_button(a, "feedback.done", _("Done"), true);
    }
}

static void send_comment(App *a)
{
    Record rec;
    memset(&rec, 0, sizeof rec);
    rec.type = REC_FEEDBACK;
    rec.u.feedback.rating = a->v.fb_rating;
    snprintf(rec.u.feedback.comment, sizeof rec.u.feedback.comment, "%s", a->v.fb_comment);
    snprintf(rec.u.feedback.language, sizeof rec.u.feedback.language, "%s", a->lang_tag);
    char rid[37];
    k_err rc = store_feedback_amend(a->store, a->v.fb_id, &rec, clock_now(), rid);
    record_wipe(&rec);
    if (rc != K_OK) {
        LOG_E("app", "feedback comment not saved: %s", k_strerror(rc));
        a->v.fb_id[0] = '\0';
        return;
    }
    /* the comment is saved: it goes from memory at once */
    sodium_memzero(a->v.fb_comment, sizeof a->v.fb_comment);
    a->v.fb_sent = true;
}

bool fb_thanks_tap(App *a, const char *id)
{
    if (!strcmp(id, "feedback.comment"))
        keyboard_open(a, VF_FB_COMMENT);
    else if (!strcmp(id, "feedback.send") && a->v.fb_comment[0] && a->v.fb_id[0])
        send_comment(a);
    else if (!strcmp(id, "feedback.done"))
        app_go_home(a);
    else
        return false;
    return true;
}
