/* info.c — the screens that tell rather than ask: find support (with a
 * code to scan). Callback and advocate requests are in callback.c,
 * advocate.c and request*.c. */
#include "layout.h"

#include <string.h>

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
