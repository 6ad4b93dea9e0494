/* idle.c — "Are you still there?": drawn over a visitor screen when no one
 * has touched it for a while, counting down to the wipe. Quick exit stays
 * bright and usable above it. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

void idle_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int pw = ui->w * 3 / 4, ph = ui->h / 2 + 2 * T;
    if (ph > ui->h - 2 * U - T - U)
        ph = ui->h - 2 * U - T - U;
    SDL_Rect p = R((ui->w - pw) / 2, U + T + U, pw, ph);
    /* dim the whole screen, the top bar too, all but Quick exit */
    int bar = U + T + U / 2;
    UiWidget shade = ui_proto("idle.shade", ROLE_PANEL);
    shade.look = LOOK_SHADE;
    shade.no_mirror = true;
    shade.rect = R(0, bar, ui->w, ui->h - bar);
    ui_add(ui, &shade);
    int ex = ui_find(ui, "nav.exit");
    SDL_Rect e = ex >= 0 ? ui->w_list[ex].rect : R(ui->w, 0, 0, 0);
    UiWidget s1 = shade, s2 = shade;
    snprintf(s1.id, sizeof s1.id, "idle.shade.start");
    snprintf(s2.id, sizeof s2.id, "idle.shade.end");
    s1.rect = R(0, 0, e.x, bar);
    s2.rect = R(e.x + e.w, 0, ui->w - e.x - e.w, bar);
    if (s1.rect.w > 0)
        ui_add(ui, &s1);
    if (s2.rect.w > 0)
        ui_add(ui, &s2);
    UiWidget s3 = shade;
    snprintf(s3.id, sizeof s3.id, "idle.shade.exit");
    s3.rect = R(e.x, 0, e.w, e.y);
    if (s3.rect.h > 0 && e.w > 0)
        ui_add(ui, &s3);
    s3.rect = R(e.x, e.y + e.h, e.w, bar - e.y - e.h);
    if (s3.rect.h > 0 && e.w > 0)
        ui_add(ui, &s3);
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
    int th = ui_text_height(ui, t.text, ui->font_heading, TEXT_BOLD, p.w - 4 * U, false);
    t.rect = R(p.x + 2 * U, y, p.w - 4 * U, th);
    t.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &t);
    y += th;
    /* the seconds left, large: the countdown reads without words */
    UiWidget c = ui_proto("idle.count", ROLE_VALUE);
    ui_copy_text(c.text, sizeof c.text, n);
    c.font_px = ui->font_title * 2;
    c.weight = TEXT_BOLD;
    int ch = ui_text_height(ui, n, c.font_px, TEXT_BOLD, 0, false);
    c.rect = R(p.x + 2 * U, y, p.w - 4 * U, ch);
    ui_add(ui, &c);
    y += ch;
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
