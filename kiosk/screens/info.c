/* info.c — the screens that tell rather than ask: find support (with a
 * code to scan), ask for a callback, ask for an advocate. */
#include "layout.h"

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
    int qs = ui->h - y - U;
    int textw = ui->w - 3 * U - qs;
    if (portrait(a)) {
        qs = ui->w / 2;
        textw = ui->w - 2 * U;
    }
    int ty = lay_paragraph(a, "support.text",
                           _("Whatever you are worried about, big or small, staff at the desk can "
                             "help you find support. You don't have to be in crisis to ask."),
                           U, y, textw, LOOK_PLAIN);
    ty = lay_paragraph(a, "support.qr.label",
                       _("To look for help on your phone, scan this code with its camera."), U, ty,
                       textw, LOOK_PLAIN);
    UiWidget q = ui_proto("support.qr", ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, SUPPORT_URL);
    q.rect = portrait(a) ? R((ui->w - qs) / 2, ty, qs, qs) : R(ui->w - U - qs, y, qs, qs);
    q.no_mirror = false;
    ui_add(ui, &q);
}

void advocate_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "advocate.title", _("Ask for an advocate"), y);
    y = lay_paragraph(a, "advocate.what",
                      _("An advocate is on your side. Many are parents who have been through "
                        "child protection themselves. They are not social workers and do not "
                        "make decisions about your family."),
                      U, y, W, LOOK_PLAIN);
    y = lay_paragraph(a, "advocate.how",
                      _("They explain what is happening in plain words, help you get ready for "
                        "meetings such as a child protection conference (a meeting about keeping "
                        "your child safe), and can come with you."),
                      U, y, W, LOOK_PLAIN);
    lay_paragraph(a, "advocate.ask",
                  _("To ask for one, please speak to a member of staff at the desk. You can ask "
                    "for an interpreter."),
                  U, y, W, LOOK_NOTICE);
    start_again(a);
}

void callback_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U;
    int y = lay_top_bar(a, true);
    y = lay_heading(a, "callback.title", _("Ask for a callback"), y);
    y = lay_paragraph(a, "callback.what",
                      _("A member of the family hub team can phone you back at a time that suits "
                        "you, in your language if you need an interpreter."),
                      U, y, W, LOOK_PLAIN);
    lay_paragraph(a, "callback.ask",
                  _("Please speak to a member of staff at the desk to arrange it."),
                  U, y, W, LOOK_NOTICE);
    start_again(a);
}
