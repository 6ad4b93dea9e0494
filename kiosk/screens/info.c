/* info.c — the screens that tell rather than ask: ask for a callback, ask
 * for an advocate (find support is support*.c). */
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
