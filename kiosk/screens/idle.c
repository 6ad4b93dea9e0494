/* idle.c — "Are you still there?": drawn over a visitor screen when no one
 * has touched it for a while, counting down to the wipe. Quick exit stays
 * bright and usable above it. */
#include "layout.h"

#include <string.h>


void idle_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int pw = ui->w * 3 / 4, ph = ui->h / 2 + T;
    if (ph > ui->h - 2 * U - T - U)
        ph = ui->h - 2 * U - T - U;
    SDL_Rect p = R((ui->w - pw) / 2, U + T + U, pw, ph);
    /* dim the screen below the bar */
    UiWidget shade = ui_proto("idle.shade", ROLE_PANEL);
    shade.look = LOOK_SHADE;
    shade.rect = R(0, U + T + U / 2, ui->w, ui->h - (U + T + U / 2));
    ui_add(ui, &shade);
    UiWidget panel = ui_proto("idle.panel", ROLE_PANEL);
    panel.look = LOOK_NOTICE;
    panel.rect = p;
    ui_add(ui, &panel);
    uint64_t wipe_at = a->last_input + (uint64_t)a->cfg.idle_s * 1000u;
    uint64_t now = a->build_ms;
    long secs = wipe_at > now ? (long)((wipe_at - now + 999) / 1000) : 0;
    char n[16], msg[300];
    i18n_number(a->i18n, a->lang, secs, n, sizeof n);
    const char *k[] = { "seconds" }, *v[] = { n };
    i18n_format(msg, sizeof msg,
                P_("To keep your details private, this screen will clear in {seconds} second.",
                   "To keep your details private, this screen will clear in {seconds} seconds.",
                   secs),
                k, v, 1);
    int y = p.y + U;
    UiWidget t = ui_proto("idle.title", ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, _("Are you still there?"));
    t.rect = R(p.x + 2 * U, y, p.w - 4 * U, ui->font_heading * 2);
    t.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &t);
    y += ui->font_heading * 2;
    UiWidget m = ui_proto("idle.text", ROLE_TEXT);
    ui_copy_text(m.text, sizeof m.text, msg);
    m.rect = R(p.x + 2 * U, y, p.w - 4 * U, p.y + p.h - y - T - 2 * U);
    m.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &m);
    ui_button(ui, "idle.stay", _("I'm still here"),
              R(p.x + 2 * U, p.y + p.h - U - T, p.w - 4 * U, T),
              LOOK_PRIMARY);
}

/* Any tap on the prompt dismisses it (the entries stay). */
bool idle_tap(App *a, const char *id)
{
    (void)id;
    a->idle_prompt = false;
    return true;
}
