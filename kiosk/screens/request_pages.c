/* request_pages.c — the request's language and safety screens: the
 * language to speak and an interpreter, then the two safety questions.
 * Each is laid out on one screen in one of several arrangements, or on
 * pages when none fits (larger text in a tall script on a small screen):
 * Previous and More before Next, Next going on a page at a time, Back a
 * page back. What the visitor chooses lives in a->v (visitor.h). */
#include "layout.h"

#include <stdio.h>
#include <string.h>

/* A choice's or an answer's height: as tall as its words, a target at
 * least. */
static int answer_h(App *a)
{
    int th = lay_language_target(a);
    return th > a->ui.target ? th : a->ui.target;
}

/* How a yes/no question sits beside its answers. */
enum { QA_ACROSS, QA_ROW, QA_BESIDE };

/* A yes/no question in the column x, w from y: the question across with
 * its answers side by side under it (QA_ACROSS), the question at the
 * start with its answers one under the other at the end (QA_BESIDE), or
 * with them side by side at the end (QA_ROW). Returns the y below. */
static int yes_no_at(App *a, const char *idbase, const char *question, int value, int x, int y,
                     int w, int style)
{
    Ui *ui = &a->ui;
    int U = ui->unit, th = answer_h(a);
    int aw = style == QA_ACROSS ? (w - U) / 2 : style == QA_BESIDE ? w / 3 : (w / 2 - U) / 2;
    int qw = style == QA_ACROSS ? w : style == QA_BESIDE ? w - aw - U : w - 2 * aw - 2 * U;
    UiWidget q = ui_proto("", ROLE_TEXT);
    snprintf(q.id, sizeof q.id, "%s.label", idbase);
    ui_copy_text(q.text, sizeof q.text, question);
    q.weight = TEXT_BOLD;
    q.rect = R(x, y, qw, ui_text_height(ui, question, ui->font_body, TEXT_BOLD, qw, false));
    ui_add(ui, &q);
    char id[48];
    int ax = style == QA_ACROSS ? x : x + qw + U;
    int ay = style == QA_ACROSS ? y + q.rect.h + U / 2 : y;
    snprintf(id, sizeof id, "%s.yes", idbase);
    req_choice(a, id, _("Yes"), value == 1, R(ax, ay, aw, th));
    snprintf(id, sizeof id, "%s.no", idbase);
    req_choice(a, id, _("No"), value == 0,
               style == QA_BESIDE ? R(ax, ay + th + U, aw, th) : R(ax + aw + U, ay, aw, th));
    int ah = style == QA_BESIDE ? 2 * th + U : th;
    int end = style == QA_ACROSS ? ay + th : y + (q.rect.h > ah ? q.rect.h : ah);
    return end + theme_space(U, SP_TWO);
}

/* One yes/no question on a page of its own under the title: the title as
 * a heading, at the body's size, then left out; the question across its
 * answers, then in a row with them, then beside them one under the
 * other. Everything ends above bottom when it can. */
static void question_page(App *a, const char *title_id, const char *title, const char *idbase,
                          const char *question, int value, int top, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    static const int styles[] = { QA_ACROSS, QA_ROW, QA_BESIDE };
    for (int mode = 0; mode < 9; mode++) {
        int mark = ui->n, y = top;
        if (mode < 6)
            y = req_title(a, title_id, title, top, mode >= 3);
        yes_no_at(a, idbase, question, value, U, y, ui->w - 2 * U, styles[mode % 3]);
        if (mode == 8 || lay_fits_since(ui, mark, bottom))
            break;
        ui->n = mark;
    }
}

/* The bottom row of a screen on pages (screens.h): while Next cannot be
 * used yet, why in place of Previous and More (Back is then the way a
 * page back). */
int req_paged_row(App *a, const char *pager, const char *next_id, const char *reason_id,
                  const char *why, int page, int pages, bool ok, bool place)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool on = page < pages - 1 || ok;
    if (!on)
        return req_forward(a, next_id, false, reason_id, why, place);
    if (place) {
        lay_pager(a, pager, page, pages, ui->w - 3 * U - lay_next_w(ui));
        lay_next_button(a, next_id, _("Next"), true);
    }
    return ui->h - 2 * U - ui->target;
}

/* On a screen on pages (screens.h), a tap on Next before the last page
 * goes a page on, and Back after the first a page back. */
bool req_paged_tap(App *a, const char *pager, const char *next_id, const char *id)
{
    Ui *ui = &a->ui;
    char more[48];
    snprintf(more, sizeof more, "%s.more", pager);
    int m = ui_find(ui, more);
    if (!strcmp(id, next_id) && m >= 0 && ui->w_list[m].enabled) {
        ui->page++;
        return true;
    }
    if (!strcmp(id, "nav.back") && ui->page_screen == (int)a->screen && ui->page > 0) {
        ui->page--;
        return true;
    }
    return lay_pager_tap(a, pager, id);
}

/* ---- language and interpreter --------------------------------------- */

const char *req_language(const App *a)
{
    return a->v.req_lang[0] ? a->v.req_lang : a->lang_tag;
}

/* The height of a language choice: as tall as the tallest name in its
 * own script (at 80%, a size ui_add tries), the screen's target at least. */
static int lang_h(App *a)
{
    Ui *ui = &a->ui;
    int h = answer_h(a), n = i18n_count(a->i18n);
    double screen = theme_script_scale(a->lang_tag);
    for (int i = 0; i < n; i++) {
        const LangInfo *li = i18n_lang(a->i18n, i);
        TextStyle st = { .size_px = (int)(ui->font_button * 4 / 5 *
                                          theme_script_scale(li->tag) / screen + 0.5),
                         .weight = TEXT_BOLD, .lang = li->tag, .dir = TEXT_DIR_AUTO };
        TextExtent e = { 0 };
        if (text_measure(ui->te, li->native_name, &st, 0, &e) == K_OK &&
            e.h + 2 * ui->unit + 2 > h)
            h = e.h + 2 * ui->unit + 2;
    }
    return h;
}

/* The language choices first to first + count - 1 in cols columns of
 * the width w at x from y, each name in its own script. Returns the y
 * below. */
static int lang_grid(App *a, int first, int count, int cols, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, th = lang_h(a), gap = U, bw = (w - (cols - 1) * gap) / cols;
    for (int k = 0; k < count; k++) {
        const LangInfo *li = i18n_lang(a->i18n, first + k);
        bool on = !strcmp(li->tag, req_language(a));
        UiWidget c = ui_proto("", ROLE_BUTTON);
        snprintf(c.id, sizeof c.id, "request.lang.%s", li->tag);
        c.look = LOOK_SECONDARY;
        ui_copy_text(c.text, sizeof c.text, li->native_name);
        c.rect = R(x + (k % cols) * (bw + gap), y + (k / cols) * (th + U / 2), bw, th);
        c.checked = on;
        c.icon = on ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF;
        c.align = TEXT_ALIGN_START;
        c.lang = li->tag;
        ui_add(ui, &c);
    }
    return y + (count + cols - 1) / cols * (th + U / 2) + U;
}

#define SPEAK_TITLE _("Which language should we speak?")
#define SPEAK_QUESTION _("Would you like an interpreter on the call?")
#define SPEAK_WHY _("Choose yes or no above to go on.")

/* The choices and the question on one screen: the choices in as many
 * columns as fit their names (four, or two in portrait, then fewer) with
 * the question under them, above its answers or in a row with them; in
 * landscape the choices at the start and the question beside them; the
 * title at the body's size, the same ways.
 * True when one fits above bottom (added), false (nothing added). */
static bool speak_whole(App *a, int top, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit, n = i18n_count(a->i18n), W = ui->w - 2 * U, half = (W - 2 * U) / 2;
    static const int wide[] = { 4, 3, 2, -2, -1 }, tall[] = { 2, 1 };
    const int *order = portrait(a) ? tall : wide;
    int ways = portrait(a) ? 2 : 5;
    for (int t = 0; t < 4; t++)
        for (int k = 0; k < ways; k++) {
            int mark = ui->n, cols = order[k], style = t % 2 ? QA_ROW : QA_ACROSS;
            int y = req_title(a, "request.language.title", SPEAK_TITLE, top, t >= 2);
            if (cols > 0) {
                y = lang_grid(a, 0, n, cols, U, y, W);
                yes_no_at(a, "request.interpreter", SPEAK_QUESTION, a->v.req_interpreter, U, y,
                          W, style);
            } else if (style == QA_ROW) {
                ui->n = mark;
                continue;
            } else {
                lang_grid(a, 0, n, -cols, U, y, half);
                yes_no_at(a, "request.interpreter", SPEAK_QUESTION, a->v.req_interpreter,
                          3 * U + half, y, W - 2 * U - half, QA_ACROSS);
            }
            if (lay_fits_since(ui, mark, bottom))
                return true;
            ui->n = mark;
        }
    return false;
}

void speak_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, n = i18n_count(a->i18n), W = ui->w - 2 * U;
    bool ok = a->v.req_interpreter >= 0;
    int top = lay_top_bar(a, true);
    if (speak_whole(a, top, req_forward(a, "request.language.next", ok,
                                        "request.language.reason", SPEAK_WHY, false))) {
        lay_page(a, 1);
        req_forward(a, "request.language.next", ok, "request.language.reason", SPEAK_WHY, true);
        return;
    }
    /* on pages: the title (at the body's size when it leaves no room for a
     * row), as many rows of choices as fit in the most columns that fit
     * their names, the question on the last page of choices when there is
     * room, else on a page of its own */
    int bottom = ui->h - 2 * U - ui->target, mark = ui->n, th = lang_h(a);
    int y = req_title(a, "request.language.title", SPEAK_TITLE, top, false);
    bool small = y + th > bottom;
    ui->n = mark;
    y = req_title(a, "request.language.title", SPEAK_TITLE, top, small);
    ui->n = mark;
    int cols = portrait(a) ? 2 : 4;
    for (; cols > 1; cols--) {
        lang_grid(a, 0, n, cols, U, top, W);
        bool fit = lay_fits_since(ui, mark, ui->h * 8);
        ui->n = mark;
        if (fit)
            break;
    }
    int rows = (bottom - y + U / 2) / (th + U / 2);
    rows = rows < 1 ? 1 : rows;
    int per = rows * cols, cpages = (n + per - 1) / per, left = n - (cpages - 1) * per;
    /* the question after the last choices, above a row that may hold why */
    int last_bottom = req_paged_row(a, "request.language", "request.language.next",
                                    "request.language.reason", SPEAK_WHY, 1, 2, ok, false);
    int qy = y + (left + cols - 1) / cols * (th + U / 2) + U;
    bool with_last = false;
    for (int style = 0; style < 3 && !with_last; style++) {
        yes_no_at(a, "request.interpreter", SPEAK_QUESTION, a->v.req_interpreter, U, qy, W,
                  style);
        with_last = lay_fits_since(ui, mark, last_bottom);
        ui->n = mark;
    }
    int pages = cpages + (with_last ? 0 : 1), page = lay_page(a, pages);
    if (page < cpages) {
        y = req_title(a, "request.language.title", SPEAK_TITLE, top, small);
        int count = page + 1 < cpages ? per : left;
        y = lang_grid(a, page * per, count, cols, U, y, W);
        for (int style = 0; page == pages - 1 && style < 3; style++) {
            int m = ui->n;
            yes_no_at(a, "request.interpreter", SPEAK_QUESTION, a->v.req_interpreter, U, y, W,
                      style);
            if (style == 2 || lay_fits_since(ui, m, last_bottom))
                break;
            ui->n = m;
        }
    } else {
        question_page(a, "request.language.title", SPEAK_TITLE, "request.interpreter",
                      SPEAK_QUESTION, a->v.req_interpreter, top, last_bottom);
    }
    req_paged_row(a, "request.language", "request.language.next", "request.language.reason",
                  SPEAK_WHY, page, pages, ok, true);
}

bool speak_tap(App *a, const char *id)
{
    if (req_paged_tap(a, "request.language", "request.language.next", id))
        return true;
    if (!strncmp(id, "request.lang.", 13)) {
        int i = i18n_find(a->i18n, id + 13);
        if (i >= 0)
            snprintf(a->v.req_lang, sizeof a->v.req_lang, "%s", i18n_lang(a->i18n, i)->tag);
        return true;
    }
    if (req_yes_no_tap(id, "request.interpreter", &a->v.req_interpreter))
        return true;
    if (!strcmp(id, "request.language.next") && a->v.req_interpreter >= 0) {
        app_go(a, SCR_REQ_SAFETY);
        return true;
    }
    return false;
}

/* ---- safety --------------------------------------------------------- */

#define SAFETY_TITLE _("Keeping you safe")
#define SAFETY_VOICEMAIL _("If you don't answer, may we leave a voicemail?")
#define SAFETY_SAYHUB _("When we call, may we say we are from the family hub?")
#define SAFETY_WHY _("Answer both questions to go on.")

void safety_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    bool ok = a->v.req_voicemail >= 0 && a->v.req_say_hub >= 0;
    int top = lay_top_bar(a, true);
    int bottom = req_forward(a, "request.safety.next", ok, "request.safety.reason", SAFETY_WHY,
                             false);
    /* both questions under the title, each across its answers, in a row
     * with them, then beside them; the title at the body's size, the same
     * three ways */
    for (int mode = 0; mode < 6; mode++) {
        int mark = ui->n, style = mode % 3;
        int y = req_title(a, "request.safety.title", SAFETY_TITLE, top, mode >= 3);
        y = yes_no_at(a, "request.voicemail", SAFETY_VOICEMAIL, a->v.req_voicemail, U, y, W,
                      style);
        yes_no_at(a, "request.sayhub", SAFETY_SAYHUB, a->v.req_say_hub, U, y, W, style);
        if (lay_fits_since(ui, mark, bottom)) {
            lay_page(a, 1);
            req_forward(a, "request.safety.next", ok, "request.safety.reason", SAFETY_WHY, true);
            return;
        }
        ui->n = mark;
    }
    /* a question a page */
    int page = lay_page(a, 2);
    bottom = req_paged_row(a, "request.safety", "request.safety.next", "request.safety.reason",
                           SAFETY_WHY, page, 2, ok, false);
    if (page == 0)
        question_page(a, "request.safety.title", SAFETY_TITLE, "request.voicemail",
                      SAFETY_VOICEMAIL, a->v.req_voicemail, top, bottom);
    else
        question_page(a, "request.safety.title", SAFETY_TITLE, "request.sayhub", SAFETY_SAYHUB,
                      a->v.req_say_hub, top, bottom);
    req_paged_row(a, "request.safety", "request.safety.next", "request.safety.reason",
                  SAFETY_WHY, page, 2, ok, true);
}

bool safety_tap(App *a, const char *id)
{
    if (req_paged_tap(a, "request.safety", "request.safety.next", id))
        return true;
    if (req_yes_no_tap(id, "request.voicemail", &a->v.req_voicemail) ||
        req_yes_no_tap(id, "request.sayhub", &a->v.req_say_hub))
        return true;
    if (!strcmp(id, "request.safety.next") && a->v.req_voicemail >= 0 && a->v.req_say_hub >= 0) {
        app_go(a, req_is_advocate(a) ? SCR_REQ_MEETING : SCR_REQ_NOTE);
        return true;
    }
    return false;
}
