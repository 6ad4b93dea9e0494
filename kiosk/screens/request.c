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

/* Sets *value from a tap on idbase.yes / idbase.no; true when it was one. */
static bool yes_no_tap(const char *id, const char *idbase, int *value)
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

/* ---- name and phone ------------------------------------------------- */

void contact_enter(App *a, Screen from)
{
    (void)from;
    if (a->v.req_kind < 0)
        a->v.req_kind = REC_CALLBACK;
    a->v.field = VF_NONE;
    a->v.message = NULL;
}

void contact_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.contact.title", _("Who should we call?"), y);
    y = lay_field(a, "request.name", _("Your first name"), a->v.cb_name, _("Tap to type"), y,
                  ui->w - 2 * U);
    y += U;
    lay_field(a, "request.phone", _("Your phone number"), a->v.cb_phone, _("Tap to type"), y,
              ui->w / 2 > 30 * U ? ui->w / 2 : ui->w - 2 * U);
    bool ok = a->v.cb_name[0] && a->v.cb_phone[0];
    UiWidget *next = lay_next_button(a, "request.contact.next", _("Next"), ok);
    if (next && !ok) {
        /* beside Next; above it across the screen when too long for there */
        const char *why = _("Type your name and number to go on.");
        int mark = ui->n;
        lay_reason(a, "request.contact.reason", why, next);
        if (!lay_fits_since(ui, mark, ui->h)) {
            ui->n = mark;
            int h = ui_text_height(ui, why, ui->font_body, TEXT_REGULAR, ui->w - 2 * U, false);
            lay_paragraph(a, "request.contact.reason", why, U, next->rect.y - U - h,
                          ui->w - 2 * U, LOOK_PLAIN);
        }
    }
}

bool contact_tap(App *a, const char *id)
{
    if (!strcmp(id, "nav.back"))
        app_go(a, req_is_advocate(a) ? SCR_ADVOCATE_MORE : SCR_CALLBACK);
    else if (!strcmp(id, "request.name"))
        keyboard_open(a, VF_CB_NAME);
    else if (!strcmp(id, "request.phone"))
        keyboard_open(a, VF_CB_PHONE);
    else if (!strcmp(id, "request.contact.next") && a->v.cb_name[0] && a->v.cb_phone[0])
        app_go(a, SCR_REQ_TIMES);
    else
        return false;
    return true;
}

/* ---- best times ----------------------------------------------------- */

void times_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.times.title", _("When is a good time to call?"), y);
    y = lay_paragraph(a, "request.times.hint", _("Choose one or more."), U, y, ui->w - 2 * U,
                      LOOK_PLAIN);
    static const struct { const char *id; unsigned bit; } t[] = {
        { "request.time.morning", BEST_MORNING },
        { "request.time.afternoon", BEST_AFTERNOON },
        { "request.time.evening", BEST_EVENING },
    };
    const char *words[] = { _("Morning"), _("Afternoon"), _("Evening") };
    /* as tall as their words, at most half as tall again; when the three
     * reach the forward button's row they keep to the room before it */
    int th = lay_language_target(a), room = ui->h - y - 2 * U - T;
    int bh = room / 3 - U;
    if (th < T)
        th = T;
    bh = bh > T * 3 / 2 ? T * 3 / 2 : bh < th ? th : bh;
    int bw = portrait(a) ? ui->w - 2 * U : (ui->w - 2 * U) * 2 / 3;
    if (y + 3 * bh + 2 * U > ui->h - U - T - U && bw > ui->w - 3 * U - lay_next_w(ui))
        bw = ui->w - 3 * U - lay_next_w(ui);
    for (int i = 0; i < 3; i++)
        req_toggle(a, t[i].id, words[i], (a->v.req_times & t[i].bit) != 0,
                   R(U, y + i * (bh + U), bw, bh));
    UiWidget *next = lay_next_button(a, "request.times.next", _("Next"), a->v.req_times != 0);
    if (next && !a->v.req_times)
        lay_reason(a, "request.times.reason", _("Choose a time to go on."), next);
}

bool times_tap(App *a, const char *id)
{
    static const struct { const char *id; unsigned bit; } t[] = {
        { "request.time.morning", BEST_MORNING },
        { "request.time.afternoon", BEST_AFTERNOON },
        { "request.time.evening", BEST_EVENING },
    };
    for (size_t i = 0; i < 3; i++)
        if (!strcmp(id, t[i].id)) {
            a->v.req_times ^= t[i].bit;
            return true;
        }
    if (!strcmp(id, "request.times.next") && a->v.req_times) {
        app_go(a, SCR_REQ_LANGUAGE);
        return true;
    }
    return false;
}

/* ---- language and interpreter --------------------------------------- */

const char *req_language(const App *a)
{
    return a->v.req_lang[0] ? a->v.req_lang : a->lang_tag;
}

void speak_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.language.title", _("Which language should we speak?"), y);
    int n = i18n_count(a->i18n), cols = portrait(a) ? 2 : 4, rows = (n + cols - 1) / cols;
    int gap = U, bw = (ui->w - 2 * U - (cols - 1) * gap) / cols;
    for (int i = 0; i < n; i++) {
        const LangInfo *li = i18n_lang(a->i18n, i);
        char id[48];
        snprintf(id, sizeof id, "request.lang.%s", li->tag);
        UiWidget *w = req_choice(a, id, li->native_name, !strcmp(li->tag, req_language(a)),
                                 R(U + (i % cols) * (bw + gap), y + (i / cols) * (T + U / 2), bw,
                                   T));
        if (w)
            w->lang = li->tag;
    }
    y += rows * (T + U / 2) + U;
    req_yes_no(a, "request.interpreter", _("Would you like an interpreter on the call?"),
               a->v.req_interpreter, y);
    bool ok = a->v.req_interpreter >= 0;
    UiWidget *next = lay_next_button(a, "request.language.next", _("Next"), ok);
    if (next && !ok)
        lay_reason(a, "request.language.reason", _("Choose yes or no above to go on."), next);
}

bool speak_tap(App *a, const char *id)
{
    if (!strncmp(id, "request.lang.", 13)) {
        int i = i18n_find(a->i18n, id + 13);
        if (i >= 0)
            snprintf(a->v.req_lang, sizeof a->v.req_lang, "%s", i18n_lang(a->i18n, i)->tag);
        return true;
    }
    if (yes_no_tap(id, "request.interpreter", &a->v.req_interpreter))
        return true;
    if (!strcmp(id, "request.language.next") && a->v.req_interpreter >= 0) {
        app_go(a, SCR_REQ_SAFETY);
        return true;
    }
    return false;
}

/* ---- safety --------------------------------------------------------- */

void safety_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.safety.title", _("Keeping you safe"), y);
    y = req_yes_no(a, "request.voicemail", _("If you don't answer, may we leave a voicemail?"),
                   a->v.req_voicemail, y);
    y = req_yes_no(a, "request.sayhub",
                   _("When we call, may we say we are from the family hub?"), a->v.req_say_hub,
                   y);
    (void)U;
    bool ok = a->v.req_voicemail >= 0 && a->v.req_say_hub >= 0;
    UiWidget *next = lay_next_button(a, "request.safety.next", _("Next"), ok);
    if (next && !ok)
        lay_reason(a, "request.safety.reason", _("Answer both questions to go on."), next);
}

bool safety_tap(App *a, const char *id)
{
    if (yes_no_tap(id, "request.voicemail", &a->v.req_voicemail) ||
        yes_no_tap(id, "request.sayhub", &a->v.req_say_hub))
        return true;
    if (!strcmp(id, "request.safety.next") && a->v.req_voicemail >= 0 && a->v.req_say_hub >= 0) {
        app_go(a, req_is_advocate(a) ? SCR_REQ_MEETING : SCR_REQ_NOTE);
        return true;
    }
    return false;
}

/* ---- a short note --------------------------------------------------- */

void note_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "request.note.title", _("Anything else we should know?"), y);
    lay_field(a, "request.note", _("A short note (you can leave this out)"), a->v.cb_note,
              _("Tap to type"), y, ui->w - 2 * U);
    lay_next_button(a, "request.note.next", _("Next"), true);
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
