/* request.c — the details of a callback or advocate request, the same for
 * both: first name and phone number, the best times to call, the language
 * to speak and an interpreter, the two safety questions and an optional
 * note. What the visitor chooses lives in a->v (visitor.h) and goes with
 * every wipe. The meeting (advocate only) is in advocate.c, the check and
 * the save in request_confirm.c. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

/* ---- pieces the request screens share (screens.h) ------------------- */

UiWidget *req_choice(App *a, const char *id, const char *text, bool on, SDL_Rect r)
{
    UiWidget w = ui_proto(id, ROLE_BUTTON);
    w.look = LOOK_SECONDARY;
    ui_copy_text(w.text, sizeof w.text, text);
    w.rect = r;
    w.checked = on;
    w.icon = on ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF;
    w.align = TEXT_ALIGN_START;
    return ui_add(&a->ui, &w);
}

UiWidget *req_toggle(App *a, const char *id, const char *text, bool on, SDL_Rect r)
{
    UiWidget *w = req_choice(a, id, text, on, r);
    if (w)
        w->icon = on ? GLYPH_BOX_ON : GLYPH_BOX_OFF;
    return w;
}

int req_question(App *a, const char *id, const char *text, int y)
{
    Ui *ui = &a->ui;
    int U = ui->unit, h = ui_text_height(ui, text, ui->font_body, TEXT_BOLD, ui->w - 2 * U, false);
    UiWidget *q = ui_text(ui, id, ROLE_TEXT, text, R(U, y, ui->w - 2 * U, h));
    if (q)
        q->weight = TEXT_BOLD;
    return y + h + U / 2;
}

int req_yes_no(App *a, const char *idbase, const char *question, int value, int y)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    char id[48];
    snprintf(id, sizeof id, "%s.label", idbase);
    y = req_question(a, id, question, y);
    /* as tall as their words; on the forward button's row they keep to
     * the room before it */
    int th = lay_language_target(a), room = ui->w - 2 * U;
    if (th < T)
        th = T;
    if (y + th > ui->h - U - T - U)
        room = ui->w - 3 * U - lay_next_w(ui);
    int bw = (room - U) / 2;
    snprintf(id, sizeof id, "%s.yes", idbase);
    req_choice(a, id, _("Yes"), value == 1, R(U, y, bw, th));
    snprintf(id, sizeof id, "%s.no", idbase);
    req_choice(a, id, _("No"), value == 0, R(2 * U + bw, y, bw, th));
    return y + th + theme_space(U, SP_TWO);
}

bool req_yes_no_tap(const char *id, const char *idbase, int *value)
{
    size_t n = strlen(idbase);
    if (strncmp(id, idbase, n) != 0)
        return false;
    if (!strcmp(id + n, ".yes"))
        *value = 1;
    else if (!strcmp(id + n, ".no"))
        *value = 0;
    else
        return false;
    return true;
}

bool req_is_advocate(const App *a)
{
    return a->v.req_kind == REC_ADVOCATE;
}

/* ---- the pieces laid out in turn --------------------------------- */

int req_title(App *a, const char *id, const char *text, int y, bool small)
{
    if (!small)
        return lay_heading(a, id, text, y);
    Ui *ui = &a->ui;
    int U = ui->unit, w = ui->w - 2 * U;
    UiWidget t = ui_proto(id, ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, text);
    t.font_px = ui->font_body;
    t.weight = TEXT_BOLD;
    t.rect = R(U, y, w, ui_text_height(ui, text, t.font_px, TEXT_BOLD, w, false));
    ui_add(ui, &t);
    return y + t.rect.h + U;
}

int req_forward(App *a, const char *id, bool ok, const char *reason_id, const char *why,
                bool place)
{
    Ui *ui = &a->ui;
    int U = ui->unit, mark = ui->n;
    UiWidget *next = lay_next_button(a, id, _("Next"), ok);
    int top = next ? next->rect.y : ui->h - U - ui->target;
    if (next && !ok && why) {
        /* beside Next; above it across the screen when too long for there */
        int m = ui->n;
        lay_reason(a, reason_id, why, next);
        if (ui->n == m || !lay_fits_since(ui, m, ui->h)) {
            ui->n = m;
            int h = ui_text_height(ui, why, ui->font_body, TEXT_REGULAR, ui->w - 2 * U, false);
            lay_paragraph(a, reason_id, why, U, next->rect.y - U - h, ui->w - 2 * U, LOOK_PLAIN);
        }
        if (ui->w_list[ui->n - 1].rect.y < top)
            top = ui->w_list[ui->n - 1].rect.y;
    }
    if (!place)
        ui->n = mark;
    return top - U;
}

/* ---- name and phone ------------------------------------------------- */

void contact_enter(App *a, Screen from)
{
    if (a->v.req_kind < 0)
        a->v.req_kind = REC_CALLBACK;
    /* back from typing: on pages, the page of the field typed (lay_page
     * clamps it, to 0 on one page) */
    if (from == SCR_KEYBOARD && (a->v.field == VF_CB_NAME || a->v.field == VF_CB_PHONE)) {
        a->ui.page_screen = (int)SCR_REQ_CONTACT;
        a->ui.page = a->v.field == VF_CB_PHONE ? 1 : 0;
    }
    a->v.field = VF_NONE;
    a->v.message = NULL;
}

/* The name (phone false) or number field at x, y, w wide: its label
 * above it (style 0; the field field_w wide), inside it (1), or at its
 * start with the field beside it (2). Returns the y below. */
static int contact_field(App *a, bool phone, int style, int x, int y, int w, int field_w)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *id = phone ? "request.phone" : "request.name";
    const char *label = phone ? _("Your phone number") : _("Your first name");
    const char *value = phone ? a->v.cb_phone : a->v.cb_name;
    if (style == 1)
        return lay_compact_field(a, id, label, value, x, y, w);
    if (style == 0)
        return lay_field_at(a, id, label, value, _("Tap to type"), x, y, w, field_w) + U;
    int lw = (w - U) / 2, lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, lw, false);
    int h = lh > ui->target ? lh : ui->target, mark = ui->n;
    /* lay_field_at puts its label above the field: the field level with
     * the row's middle, the label then moved to its start */
    lay_field_at(a, id, label, value, _("Tap to type"), x + w - lw,
                 y + (h - ui->target) / 2 - lh - U / 2, lw, lw);
    ui->w_list[mark].rect = R(ui->rtl ? ui->w - x - lw : x, y + (h - lh) / 2, lw, lh);
    return y + h + U;
}

void contact_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *title = _("Who should we call?"), *why = _("Type your name and number to go on.");
    bool ok = a->v.cb_name[0] && a->v.cb_phone[0];
    int top = lay_top_bar(a, true);
    int bottom = req_forward(a, "request.contact.next", ok, "request.contact.reason", why, false);
    int W = ui->w - 2 * U, half = (W - U) / 2;
    int phone_w = ui->w / 2 > 30 * U ? ui->w / 2 : W;
    /* the labels above the fields; inside them, one under the other, then
     * side by side; each beside its field; then the same with the title at
     * the body's size; then a page each */
    bool fit = false;
    for (int mode = 0; mode < 8 && !fit; mode++) {
        int mark = ui->n, way = mode % 4;
        int y = req_title(a, "request.contact.title", title, top, mode >= 4);
        if (way == 2) {
            contact_field(a, false, 1, U, y, half, half);
            contact_field(a, true, 1, 2 * U + half, y, half, half);
        } else {
            int style = way == 3 ? 2 : way;
            y = contact_field(a, false, style, U, y, W, W);
            contact_field(a, true, style, U, y, W, way == 0 ? phone_w : W);
        }
        fit = lay_fits_since(ui, mark, bottom);
        if (!fit)
            ui->n = mark;
    }
    if (fit) {
        lay_page(a, 1);
        req_forward(a, "request.contact.next", ok, "request.contact.reason", why, true);
        return;
    }
    /* a page for each field (larger text in a tall script on a small
     * screen): Next goes from the name to the number */
    int page = lay_page(a, 2), mark = ui->n;
    bool here = page == 0 ? a->v.cb_name[0] : ok;
    bottom = req_forward(a, "request.contact.next", here, "request.contact.reason", why, false);
    for (int mode = 0; mode < 6; mode++) {
        int y = req_title(a, "request.contact.title", title, top, mode >= 3);
        contact_field(a, page == 1, mode % 3, U, y, W, W);
        if (mode == 5 || lay_fits_since(ui, mark, bottom))
            break;
        ui->n = mark;
    }
    req_forward(a, "request.contact.next", here, "request.contact.reason", why, true);
}

bool contact_tap(App *a, const char *id)
{
    Ui *ui = &a->ui;
    /* on pages: the phone's page has no name field */
    bool paged = (ui_find(ui, "request.name") < 0) != (ui_find(ui, "request.phone") < 0);
    if (!strcmp(id, "nav.back") && paged && ui->page > 0)
        ui->page--;
    else if (!strcmp(id, "nav.back"))
        app_go(a, req_is_advocate(a) ? SCR_ADVOCATE_MORE : SCR_CALLBACK);
    else if (!strcmp(id, "request.name"))
        keyboard_open(a, VF_CB_NAME);
    else if (!strcmp(id, "request.phone"))
        keyboard_open(a, VF_CB_PHONE);
    else if (!strcmp(id, "request.contact.next") && paged && ui_find(ui, "request.name") >= 0 &&
             a->v.cb_name[0])
        ui->page++;
    else if (!strcmp(id, "request.contact.next") && a->v.cb_name[0] && a->v.cb_phone[0])
        app_go(a, SCR_REQ_TIMES);
    else
        return false;
    return true;
}

/* ---- best times ----------------------------------------------------- */

static const struct {
    const char *id;
    unsigned bit;
} best_times[] = {
    { "request.time.morning", BEST_MORNING },
    { "request.time.afternoon", BEST_AFTERNOON },
    { "request.time.evening", BEST_EVENING },
};

void times_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    bool ok = a->v.req_times != 0;
    const char *why = _("Choose a time to go on.");
    int top = lay_top_bar(a, true);
    int bottom = req_forward(a, "request.times.next", ok, "request.times.reason", why, false);
    const char *words[] = { _("Morning"), _("Afternoon"), _("Evening") };
    int th = lay_language_target(a);
    if (th < T)
        th = T;
    /* one under the other, as tall as their words and at most half as tall
     * again; then the three in a row; then the title at the body's size,
     * the hint smaller, the same two ways; then without the hint (the tick
     * boxes show more than one may be chosen) */
    for (int mode = 0; mode < 6; mode++) {
        int mark = ui->n;
        bool small = mode >= 2, row = mode % 2 == 1;
        int y = req_title(a, "request.times.title", _("When is a good time to call?"), top, small);
        UiWidget hint = ui_proto("request.times.hint", ROLE_TEXT);
        ui_copy_text(hint.text, sizeof hint.text, _("Choose one or more."));
        hint.font_px = small ? ui->font_small : ui->font_body;
        hint.rect = R(U, y, ui->w - 2 * U, ui_text_height(ui, hint.text, hint.font_px,
                                                         TEXT_REGULAR, ui->w - 2 * U, false));
        if (mode < 4) {
            ui_add(ui, &hint);
            y += hint.rect.h + U;
        }
        int room = bottom - y, bh = room / 3 - U;
        bh = bh > T * 3 / 2 ? T * 3 / 2 : bh < th ? th : bh;
        int bw = portrait(a) ? ui->w - 2 * U : (ui->w - 2 * U) * 2 / 3;
        if (row)
            bw = (ui->w - 4 * U) / 3;
        for (int i = 0; i < 3; i++)
            req_toggle(a, best_times[i].id, words[i], (a->v.req_times & best_times[i].bit) != 0,
                       row ? R(U + i * (bw + U), y, bw, th) : R(U, y + i * (bh + U), bw, bh));
        if (mode == 5 || lay_fits_since(ui, mark, bottom))
            break;
        ui->n = mark;
    }
    req_forward(a, "request.times.next", ok, "request.times.reason", why, true);
}

bool times_tap(App *a, const char *id)
{
    for (size_t i = 0; i < sizeof best_times / sizeof best_times[0]; i++)
        if (!strcmp(id, best_times[i].id)) {
            a->v.req_times ^= best_times[i].bit;
            return true;
        }
    if (!strcmp(id, "request.times.next") && a->v.req_times) {
        app_go(a, SCR_REQ_LANGUAGE);
        return true;
    }
    return false;
}

/* ---- a short note --------------------------------------------------- */

void note_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    int top = lay_top_bar(a, true);
    int bottom = req_forward(a, "request.note.next", true, NULL, NULL, false);
    const char *label = _("A short note (you can leave this out)");
    /* the label above the field, then inside it; then the title at the
     * body's size, the same two ways */
    for (int mode = 0; mode < 4; mode++) {
        int mark = ui->n;
        int y = req_title(a, "request.note.title", _("Anything else we should know?"), top,
                          mode >= 2);
        if (mode % 2 == 0)
            lay_field(a, "request.note", label, a->v.cb_note, _("Tap to type"), y, W);
        else
            lay_compact_field(a, "request.note", label, a->v.cb_note, U, y, W);
        if (mode == 3 || lay_fits_since(ui, mark, bottom))
            break;
        ui->n = mark;
    }
    req_forward(a, "request.note.next", true, NULL, NULL, true);
}

bool note_tap(App *a, const char *id)
{
    if (!strcmp(id, "nav.back"))
        app_go(a, req_is_advocate(a) ? SCR_REQ_MEETING : SCR_REQ_SAFETY);
    else if (!strcmp(id, "request.note"))
        keyboard_open(a, VF_CB_NOTE);
    else if (!strcmp(id, "request.note.next"))
        app_go(a, SCR_REQ_CONFIRM);
    else
        return false;
    return true;
}
