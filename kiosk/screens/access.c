/* access.c — the look choices every visitor screen offers behind its
 * accessibility button (nav.access): larger text and high contrast. The
 * choices are drawn over the screen like the idle prompt; they last until
 * the visitor leaves (ui_wipe returns the look to the default). */
#include "layout.h"

#include <string.h>

static void toggle(App *a, const char *id, const char *text, unsigned bit, SDL_Rect r)
{
    Ui *ui = &a->ui;
    UiWidget w = ui_proto(id, ROLE_BUTTON);
    bool on = (ui->mode & bit) != 0;
    w.look = LOOK_SECONDARY;
    w.checked = on;
    w.icon = on ? GLYPH_BOX_ON : GLYPH_BOX_OFF;   /* two choices, each on or off */
    w.align = TEXT_ALIGN_START;
    ui_copy_text(w.text, sizeof w.text, text);
    w.rect = r;
    ui_add(ui, &w);
}

/* The panel's arrangements, tried in turn until one fits under the top
 * bar: the choices one above the other; side by side (and the panel the
 * width of the screen); the title at body size, the choices one above the
 * other or side by side; Done on the choices' row. */
typedef struct {
    bool across, small_title, done_beside;
} AccessShape;

static int shape_height(App *a, AccessShape sh, int pw, const char *title, int bh, int *th)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    *th = ui_text_height(ui, title, sh.small_title ? ui->font_body : ui->font_heading, TEXT_BOLD,
                         pw - 4 * U, false);
    int rows = sh.across ? bh + U : 2 * (bh + U);
    return U + *th + U + rows + (sh.done_beside ? 0 : U + T) + 2 * U;
}

/* Width a choice needs for its words, its box and its margins. */
static int choice_need(App *a)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    const char *words[] = { _("Larger text"), _("High contrast") };
    int need = 0;
    for (int i = 0; i < 2; i++) {
        TextExtent e = { 0 };
        text_measure(ui->te, words[i], &st, 0, &e);
        if (e.w > need)
            need = e.w;
    }
    return need + ui->font_icon + 4 * ui->unit;
}

/* The width of Done: four targets at most; beside the choices as wide as
 * its words, its tick and its margins, so the choices keep the rest. */
static int done_width(App *a, AccessShape sh, int pw)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int dw = 4 * T < pw - 4 * U ? 4 * T : pw - 4 * U;
    if (sh.done_beside) {
        TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
        TextExtent e = { 0 };
        text_measure(ui->te, _("Done"), &st, 0, &e);
        int need = e.w + ui->font_icon + 5 * U;
        need = need < ui->base_target ? ui->base_target : need;
        dw = need < dw ? need : dw;
    }
    return dw;
}

/* The width of each choice in shape sh on a panel pw wide. */
static int choice_width(App *a, AccessShape sh, int pw)
{
    int U = a->ui.unit;
    int dw = done_width(a, sh, pw);
    int inner = pw - 4 * U - (sh.done_beside ? dw + U : 0);
    return sh.across ? (inner - U) / 2 : inner;
}

void access_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, top = U + T + U / 2;
    UiWidget shade = ui_proto("access.shade", ROLE_PANEL);
    shade.look = LOOK_SHADE;
    shade.rect = R(0, top, ui->w, ui->h - top);
    ui_add(ui, &shade);
    const char *title = _("Make the screen easier to read");
    int bh = T * 3 / 2 > lay_language_target(a) ? T * 3 / 2 : lay_language_target(a);
    static const AccessShape shapes[] = {
        { false, false, false }, { true, false, false }, { false, true, false },
        { true, true, false },   { true, true, true },
    };
    int room = ui->h - top - U, n = (int)(sizeof shapes / sizeof *shapes);
    AccessShape sh = shapes[n - 1];
    /* the first shape that fits, words and all; else the first as tall
     * as the room; else the last */
    int pw = 0, th = 0, ph = 0, need = choice_need(a), pick = -1, tall = -1;
    int narrow = 60 * U > need + 4 * U ? 60 * U : need + 4 * U;
    for (int k = 0; k < n && pick < 0; k++) {
        pw = !shapes[k].across && ui->w - 4 * U > narrow ? narrow : ui->w - 4 * U;
        if (shape_height(a, shapes[k], pw, title, bh, &th) > room)
            continue;
        if (tall < 0)
            tall = k;
        if (choice_width(a, shapes[k], pw) >= need)
            pick = k;
    }
    sh = shapes[pick >= 0 ? pick : tall >= 0 ? tall : n - 1];
    pw = !sh.across && ui->w - 4 * U > narrow ? narrow : ui->w - 4 * U;
    ph = shape_height(a, sh, pw, title, bh, &th);
    if (ph > room)
        ph = room;
    SDL_Rect p = R((ui->w - pw) / 2, top + (ui->h - top - ph) / 2, pw, ph);
    UiWidget panel = ui_proto("access.panel", ROLE_PANEL);
    panel.look = LOOK_KEY;
    panel.rect = p;
    ui_add(ui, &panel);
    int y = p.y + 2 * U;
    UiWidget t = ui_proto("access.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, title);
    if (sh.small_title)
        t.font_px = ui->font_body;
    t.rect = R(p.x + 2 * U, y - U, pw - 4 * U, th);
    ui_add(ui, &t);
    y += th;
    int dw = done_width(a, sh, pw);
    int tw = choice_width(a, sh, pw);
    toggle(a, "access.large", _("Larger text"), THEME_LARGE, R(p.x + 2 * U, y, tw, bh));
    if (!sh.across)
        y += bh + U;
    toggle(a, "access.contrast", _("High contrast"), THEME_CONTRAST,
           R(sh.across ? p.x + 3 * U + tw : p.x + 2 * U, y, tw, bh));
    SDL_Rect done = sh.done_beside ? R(p.x + pw - 2 * U - dw, y + (bh - T) / 2, dw, T)
                                   : R(p.x + pw - 2 * U - dw, p.y + ph - U - T, dw, T);
    ui_button_icon(ui, "access.done", _("Done"), done, LOOK_PRIMARY, GLYPH_TICK);
}

bool access_tap(App *a, const char *id)
{
    Ui *ui = &a->ui;
    if (!strcmp(id, "nav.access")) {
        ui->access_open = !ui->access_open;
        return true;
    }
    if (!ui->access_open)
        return false;
    if (!strcmp(id, "access.large"))
        ui->mode ^= THEME_LARGE;
    else if (!strcmp(id, "access.contrast"))
        ui->mode ^= THEME_CONTRAST;
    else
        ui->access_open = false;   /* Done, or a tap beside the choices */
    return true;
}
