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

void access_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, top = U + T + U / 2;
    UiWidget shade = ui_proto("access.shade", ROLE_PANEL);
    shade.look = LOOK_SHADE;
    shade.rect = R(0, top, ui->w, ui->h - top);
    ui_add(ui, &shade);
    int pw = ui->w - 4 * U < 60 * U ? ui->w - 4 * U : 60 * U;
    const char *title = _("Make the screen easier to read");
    int th = ui_text_height(ui, title, ui->font_heading, TEXT_BOLD, pw - 4 * U, false);
    int bh = T * 3 / 2 > lay_language_target(a) ? T * 3 / 2 : lay_language_target(a);
    int ph = U + th + U + 2 * (bh + U) + U + T + 2 * U;
    /* a short screen (a tall script, larger text): the two choices side
     * by side */
    bool across = ph > ui->h - top - U;
    if (across)
        ph -= bh + U;
    if (ph > ui->h - top - U)
        ph = ui->h - top - U;
    SDL_Rect p = R((ui->w - pw) / 2, top + (ui->h - top - ph) / 2, pw, ph);
    UiWidget panel = ui_proto("access.panel", ROLE_PANEL);
    panel.look = LOOK_KEY;
    panel.rect = p;
    ui_add(ui, &panel);
    int y = p.y + 2 * U;
    UiWidget t = ui_proto("access.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, title);
    t.rect = R(p.x + 2 * U, y - U, pw - 4 * U, th);
    ui_add(ui, &t);
    y += th;
    int tw = across ? (pw - 5 * U) / 2 : pw - 4 * U;
    toggle(a, "access.large", _("Larger text"), THEME_LARGE, R(p.x + 2 * U, y, tw, bh));
    if (!across)
        y += bh + U;
    toggle(a, "access.contrast", _("High contrast"), THEME_CONTRAST,
           R(across ? p.x + 3 * U + tw : p.x + 2 * U, y, tw, bh));
    int dw = 4 * T < pw - 4 * U ? 4 * T : pw - 4 * U;
    ui_button_icon(ui, "access.done", _("Done"), R(p.x + pw - 2 * U - dw, p.y + ph - U - T, dw, T),
                   LOOK_PRIMARY, GLYPH_TICK);
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
