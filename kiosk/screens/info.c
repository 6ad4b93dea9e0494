/* info.c — the screens that tell rather than ask: find support (with a
 * code to scan), ask for a callback, ask for an advocate. */
#include "layout.h"

#include <string.h>

/* The picture of an info screen, large: beside the words in landscape
 * (returns the x where they start), above them in portrait (moves *y). */
static int picture(App *a, const char *id, UiIcon icon, int *y)
{
    Ui *ui = &a->ui;
    int U = ui->unit, room = ui->h - *y - ui->target - 3 * U;
    UiWidget p = ui_proto(id, ROLE_VALUE);
    p.icon = icon;
    p.icon_colour = COL_ACCENT;
    if (portrait(a)) {
        int side = ui->w / 3;
        p.icon_px = side * 3 / 4;
        p.rect = R((ui->w - side) / 2, *y, side, side);
        ui_add(ui, &p);
        *y += side + U;
        return U;
    }
    int side = room < ui->w / 4 ? room : ui->w / 4;
    p.icon_px = side * 3 / 4;
    p.rect = R(U, *y, side, side);
    ui_add(ui, &p);
    return 3 * U + side;
}

/* A screen that tells rather than asks still has a clear next step: a
 * large button back to the start, at the bottom end. */
static void start_again(App *a)
{
    lay_next_button(a, "info.home", _("Start again"), true);
}

void support_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "support.title", _("Find support"), y);
    /* the address under the code, for a phone that cannot scan: as it is
     * typed, without "https://www." */
    const char *url = SUPPORT_URL;
    if (!strncmp(url, "https://", 8))
        url += 8;
    if (!strncmp(url, "www.", 4))
        url += 4;
    int uh = ui_text_height(ui, url, ui->font_body, TEXT_REGULAR, 0, false);
    int qs = ui->h - y - 2 * U - uh;
    int textw = ui->w - 3 * U - qs;
    if (portrait(a))
        textw = ui->w - 2 * U;
    int ty = lay_paragraph(a, "support.text",
                           _("Whatever you are worried about, big or small, staff at the desk can "
                             "help you find support. You don't have to be in crisis to ask."),
                           U, y, textw, LOOK_PLAIN);
    ty = lay_paragraph(a, "support.qr.label",
                       _("To look for help on your phone, scan this code with its camera."), U, ty,
                       textw, LOOK_PLAIN);
    if (portrait(a)) {   /* the code fills the room under the words */
        qs = ui->h - ty - 3 * U - uh;
        qs = qs > ui->w * 2 / 3 ? ui->w * 2 / 3 : qs;
    }
    UiWidget q = ui_proto("support.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, SUPPORT_URL);
    q.rect = portrait(a) ? R((ui->w - qs) / 2, ty, qs, qs) : R(ui->w - U - qs, y, qs, qs);
    ui_add(ui, &q);
    /* a web address reads left to right in every language */
    int uw = portrait(a) ? ui->w - 2 * U : qs + 3 * U;
    UiWidget u = ui_proto("support.qr.url", ROLE_TEXT);
    ui_copy_text(u.text, sizeof u.text, url);
    u.align = TEXT_ALIGN_CENTER;
    u.lang = "en";
    u.rect = portrait(a) ? R(U, ty + qs + U, uw, uh)
                         : R(ui->w - uw, y + qs + U, uw - U, uh);
    ui_add(ui, &u);
}

void advocate_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int top = lay_top_bar(a, true);
    top = lay_heading(a, "advocate.title", _("Ask for an advocate"), top);
    int mark = ui->n, bottom = ui->h - 2 * U - ui->target;
    /* with its picture when the words still fit beside or under it */
    for (int with = 1; with >= 0; with--) {
        ui->n = mark;
        int y = top, x = with ? picture(a, "advocate.picture", GLYPH_ADVOCATE, &y) : U,
            W = ui->w - U - x;
        y = lay_paragraph(a, "advocate.what",
                          _("An advocate is on your side. Many are parents who have been through "
                            "child protection themselves. They are not social workers and do not "
                            "make decisions about your family."),
                          x, y, W, LOOK_PLAIN);
        y = lay_paragraph(a, "advocate.how",
                          _("They explain what is happening in plain words, help you get ready "
                            "for meetings such as a child protection conference (a meeting about "
                            "keeping your child safe), and can come with you."),
                          x, y, W, LOOK_PLAIN);
        y = lay_paragraph(a, "advocate.ask",
                          _("To ask for one, please speak to a member of staff at the desk. You "
                            "can ask for an interpreter."),
                          x, y, W, LOOK_NOTICE);
        if (y - U <= bottom)
            break;
    }
    start_again(a);
}

void callback_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "callback.title", _("Ask for a callback"), y);
    int x = picture(a, "callback.picture", GLYPH_CALLBACK, &y), W = ui->w - U - x;
    y = lay_paragraph(a, "callback.what",
                      _("A member of the family hub team can phone you back at a time that suits "
                        "you, in your language if you need an interpreter."),
                      x, y, W, LOOK_PLAIN);
    lay_paragraph(a, "callback.ask",
                  _("Please speak to a member of staff at the desk to arrange it."),
                  x, y, W, LOOK_NOTICE);
    start_again(a);
}
