/* support_take.c — "Take this home": the service as two codes for a
 * phone's camera. The first is its contact card (vCard 3.0: name, phone,
 * email, address, opening times), which a phone saves with no data; the
 * second its web page (or the borough's directory), with the address
 * printed under it. docs/directory-screens.md says how the codes are
 * sized. */
#include "support.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/qr.h"
#include "kiosk/vcard.h"

/* The address without its postcode at the end ("1 High St, Sutton, SM1
 * 1AA" -> "1 High St, Sutton"), into out. */
static void street_of(const Service *v, char *out, size_t cap)
{
    snprintf(out, cap, "%s", v->address);
    size_t n = strlen(out), p = strlen(v->postcode);
    if (p && n >= p && !strcmp(out + n - p, v->postcode)) {
        n -= p;
        while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == ','))
            n--;
        out[n] = '\0';
    }
}

void support_take_enter(App *a, Screen from)
{
    (void)from;
    Support *s = a->sup;
    if (!sup_load_service(a) || !s)
        return;
    const Service *v = s->svc;
    char street[400], hours[600], now[200];
    street_of(v, street, sizeof street);
    sup_when_text(a, &s->svc_when, now, sizeof now);
    /* the week's times last longer than "open now" */
    snprintf(hours, sizeof hours, "%s", s->week_short[0] ? s->week_short : v->schedule_text);
    VcardFields f = { .name = v->name, .organization = v->organization, .phone = v->phone,
                      .email = v->email, .url = v->url, .street = street,
                      .postcode = v->postcode, .hours = hours };
    if (vcard_build(&f, SUP_CARD_BYTES, s->card, sizeof s->card, NULL) != K_OK)
        s->card[0] = '\0';
    sodium_memzero(street, sizeof street);
    sodium_memzero(hours, sizeof hours);
    sodium_memzero(now, sizeof now);
}

/* One code with its label above and a line under it, in the column at x
 * (w wide) from y to bottom. */
static void code(App *a, const char *id, const char *label, const char *text, const char *under,
                 bool under_en, int x, int y, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool personal = a->v.sup_sensitive;
    char wid[48];
    int lh = sup_text_h(a, label, ui->font_body, TEXT_BOLD, w, false);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.label", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.weight = TEXT_BOLD;
    l.align = TEXT_ALIGN_CENTER;
    l.rect = R(x, y, w, lh);
    ui_add(ui, &l);
    y += lh + U / 2;
    int uh = under[0] ? sup_text_h(a, under, ui->font_small, TEXT_REGULAR, w, personal) : 0;
    int qs = bottom - y - (uh ? uh + U / 2 : 0);
    if (qs > w)
        qs = w;
    /* whole pixels a module: the square drawn is what the code takes */
    QrFit fit;
    if (qr_fit(text, qs, &fit) == K_OK)
        qs = fit.side;
    UiWidget q = ui_proto(id, ROLE_QR);
    ui_copy_text(q.text, sizeof q.text, text);
    q.personal = personal;
    q.rect = R(x + (w - qs) / 2, y, qs, qs);
    ui_add(ui, &q);
    y += qs + U / 2;
    if (uh) {
        UiWidget u = ui_proto("", ROLE_TEXT);
        snprintf(wid, sizeof wid, "%s.under", id);
        snprintf(u.id, sizeof u.id, "%s", wid);
        ui_copy_text(u.text, sizeof u.text, under);
        u.font_px = ui->font_small;
        u.align = TEXT_ALIGN_CENTER;
        u.personal = personal;
        if (under_en)
            u.lang = "en";   /* a web address reads left to right */
        u.rect = R(x, y, w, uh);
        ui_add(ui, &u);
    }
}

void support_take_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    Support *s = a->sup;
    int top = lay_top_bar(a, true);
    bool tall = portrait(a);
    /* landscape: the words and Start again in a column at the start, the
     * codes as large as the rest of the screen allows */
    int textw = tall ? ui->w - 2 * U : ui->w / 4;
    int hw = sup_words_w(a, _("Start again"));
    if (!tall && textw < hw)
        textw = hw < ui->w / 3 ? hw : ui->w / 3;
    const char *title = _("Take this home");
    int hh = sup_text_h(a, title, ui->font_heading, TEXT_BOLD, textw, false);
    ui_text(ui, "support.take.title", ROLE_HEADING, title, R(U, top, textw, hh));
    int y = top + hh + U;
    /* landscape: Start again under the words, the codes to the screen's
     * foot beside them */
    int bottom = sup_bottom_row(a, "support.take", 0, 1, tall ? 0 : -(ui->w - 3 * U - textw));
    if (!s || !s->svc) {
        lay_paragraph(a, "support.take.none",
                      _("This service cannot be shown just now. Staff at the desk can help you."),
                      U, y, textw, LOOK_NOTICE);
        return;
    }
    /* the words at the body size, smaller when they need, or left out
     * beside codes that fill the screen */
    const char *how = _("Point your phone's camera at a code. The first saves the contact "
                        "details, and works with no internet.");
    int room = tall ? (bottom - y) / 4 : bottom - y;
    int px = ui->font_body, th = sup_text_h(a, how, px, TEXT_REGULAR, textw, false);
    if (th > room) {
        px = ui->font_small;
        th = sup_text_h(a, how, px, TEXT_REGULAR, textw, false);
    }
    if (th <= room) {
        UiWidget t = ui_proto("support.take.text", ROLE_TEXT);
        ui_copy_text(t.text, sizeof t.text, how);
        t.font_px = px;
        t.rect = R(U, y, textw, th);
        ui_add(ui, &t);
        y += th + U;
    }
    const Service *v = s->svc;
    const char *url = v->url[0] ? v->url : SUP_BOROUGH_URL;
    const char *web_label = v->url[0] ? _("Its web page") : _("Sutton's services online");
    bool two = s->card[0] != '\0';
    if (tall) {
        /* the card has three to ten times the modules of an address: it
         * takes the larger share */
        int mid = two ? y + (bottom - y) * 3 / 5 : bottom;
        int w = ui->w - 2 * U;
        /* too short to stack them (larger text in a tall script): side by
         * side, each half the width */
        /* too short to stack them (larger text in a tall script): side by
         * side, each half the width */
        if (two && bottom - mid < w / 3) {
            int gap = theme_space(U, SP_TWO), hw2 = (w - gap) / 2;
            code(a, "support.take.card", _("Contact details"), s->card, "", false, U, y, hw2,
                 bottom);
            code(a, "support.take.web", web_label, url, sup_shown_url(url), true,
                 U + hw2 + gap, y, hw2, bottom);
            return;
        }
        if (two)
            code(a, "support.take.card", _("Contact details"), s->card, "", false, U, y, w,
                 mid - U);
        code(a, "support.take.web", web_label, url, sup_shown_url(url), true, U, two ? mid : y,
             w, bottom);
    } else {
        int x = 3 * U + textw, gap = theme_space(U, SP_TWO);
        int w = two ? (ui->w - U - x - gap) / 2 : ui->w - U - x;
        if (two)
            code(a, "support.take.card", _("Contact details"), s->card, "", false, x, top, w,
                 ui->h - U);
        code(a, "support.take.web", web_label, url, sup_shown_url(url), true,
             two ? x + w + gap : x, top, w, ui->h - U);
    }
}

bool support_take_tap(App *a, const char *id)
{
    int page = 0;
    return sup_bottom_tap(a, "support.take", id, &page);
}
