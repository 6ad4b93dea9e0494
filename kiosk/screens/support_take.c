/* support_take.c — "Take this home": the service as two codes for a
 * phone's camera. The first is its contact card (vCard 3.0: name, phone,
 * email, address, opening times), which a phone saves with no data; the
 * second its web page (or the borough's directory), with the address
 * printed under it. Each is as large as it needs for modules of 0.8 mm:
 * the card gives up its opening times, then its street and organisation,
 * for that; where the two codes do not both fit so, they show one at a
 * time. docs/directory-screens.md says how the codes are sized. */
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

/* The card of the service shown in at most budget bytes, into s->card
 * ("" when it cannot be made so small). Its web page is not on it: the
 * second code carries it. */
static void make_card(Support *s, size_t budget)
{
    const Service *v = s->svc;
    char street[400], hours[600];
    street_of(v, street, sizeof street);
    /* the week's times last longer than "open now" */
    snprintf(hours, sizeof hours, "%s", s->week_short[0] ? s->week_short : v->schedule_text);
    VcardFields f = { .name = v->name, .organization = v->organization, .phone = v->phone,
                      .email = v->email, .url = NULL, .street = street,
                      .postcode = v->postcode, .hours = hours };
    if (vcard_build(&f, budget, s->card, sizeof s->card, NULL) != K_OK)
        s->card[0] = '\0';
    sodium_memzero(street, sizeof street);
    sodium_memzero(hours, sizeof hours);
}

void support_take_enter(App *a, Screen from)
{
    (void)from;
    Support *s = a->sup;
    if (!sup_load_service(a) || !s)
        return;
    s->take_web = false;
    make_card(s, SUP_CARD_BYTES);
}

static bool is_ascii(const char *t)
{
    for (; *t; t++)
        if ((unsigned char)*t >= 0x80)
            return false;
    return true;
}

/* Pixels a module must have for 0.8 mm. */
static int want_px(const App *a)
{
    int px = (int)(a->ui.px_per_mm * 0.8 + 0.999);
    return px < 3 ? 3 : px;
}

/* Makes the card for a square of side pixels: whole when its modules
 * reach 0.8 mm, else as much of it as keeps modules that large (level M,
 * or L when M would lose more of it), else a pixel less a module. Returns
 * the pixels a module it gets (0: no card). */
static int fit_card(App *a, int side)
{
    Support *s = a->sup;
    make_card(s, SUP_CARD_BYTES);
    if (!s->card[0])
        return 0;
    size_t whole = strlen(s->card);
    bool utf8 = !is_ascii(s->card);
    for (int px = want_px(a); px >= 3; px--) {
        int m = qr_bytes_for(side, px, utf8, false), l = qr_bytes_for(side, px, utf8, true);
        if (m > 0 && whole <= (size_t)m)
            break;
        if (l <= 0)
            continue;
        make_card(s, (size_t)l);
        QrFit fit;
        if (s->card[0] && qr_fit(s->card, side, &fit) == K_OK && fit.px >= px)
            return fit.px;
    }
    make_card(s, SUP_CARD_BYTES);
    QrFit fit;
    return qr_fit(s->card, side, &fit) == K_OK ? fit.px : 0;
}

/* One code with its label above (none when label is NULL) and a line
 * under it, in the column at x (w wide) from y to bottom. Returns the
 * pixels a module it got (0: no room for it). */
static int code(App *a, const char *id, const char *label, const char *text, const char *under,
                bool under_en, int x, int y, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool personal = a->v.sup_sensitive;
    char wid[48];
    if (label) {
        int lh = sup_text_h(a, label, ui->font_body, TEXT_BOLD, w, false);
        UiWidget l = ui_proto("", ROLE_TEXT);
        snprintf(l.id, sizeof l.id, "%s.label", id);
        ui_copy_text(l.text, sizeof l.text, label);
        l.weight = TEXT_BOLD;
        l.align = TEXT_ALIGN_CENTER;
        l.rect = R(x, y, w, lh);
        ui_add(ui, &l);
        y += lh + U / 2;
    }
    int uh = under[0] ? sup_text_h(a, under, ui->font_small, TEXT_REGULAR, w, personal) : 0;
    int qs = bottom - y - (uh ? uh + U / 2 : 0);
    if (qs > w)
        qs = w;
    /* whole pixels a module: the square drawn is what the code takes */
    QrFit fit = { 0, 0, 0 };
    if (qr_fit(text, qs, &fit) == K_OK)
        qs = fit.side;
    if (qs < 0)
        qs = 0;
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
    return fit.px;
}

/* The room a code has for its square in a column w wide from y to bottom
 * (what its label and the line under it leave). */
static int code_room(App *a, const char *label, const char *under, int y, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int lh = sup_text_h(a, label, ui->font_body, TEXT_BOLD, w, false);
    int uh = under[0] ? sup_text_h(a, under, ui->font_small, TEXT_REGULAR, w,
                                   a->v.sup_sensitive) + U / 2 : 0;
    int qs = bottom - y - lh - U / 2 - uh;
    return qs < w ? qs : w;
}

/* The words on how to use the codes, at the body size or smaller, when
 * they take no more than room; their height (0: left out). */
static int how_words(App *a, int x, int y, int w, int room, bool lay)
{
    Ui *ui = &a->ui;
    const char *how = _("Point your phone's camera at a code. The first saves the contact "
                        "details, and works with no internet.");
    int px = ui->font_body, th = sup_text_h(a, how, px, TEXT_REGULAR, w, false);
    if (th > room) {
        px = ui->font_small;
        th = sup_text_h(a, how, px, TEXT_REGULAR, w, false);
    }
    if (th > room)
        return 0;
    if (lay) {
        UiWidget t = ui_proto("support.take.text", ROLE_TEXT);
        ui_copy_text(t.text, sizeof t.text, how);
        t.font_px = px;
        t.rect = R(x, y, w, th);
        ui_add(ui, &t);
    }
    return th + ui->unit;
}

/* The screen; row puts the bottom row across a wide screen under the
 * words and the codes (else under the words only, the codes to the
 * screen's foot beside them). */
static void take_layout(App *a, bool row)
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
    int y = top + hh + U;
    /* landscape: Start again under the words, the codes to the screen's
     * foot beside them */
    int end_room = tall || row ? 0 : -(ui->w - 3 * U - textw);
    if (!s || !s->svc) {
        ui_text(ui, "support.take.title", ROLE_HEADING, title, R(U, top, textw, hh));
        (void)sup_bottom_row(a, "support.take", 0, 1, end_room);
        lay_paragraph(a, "support.take.none",
                      _("This service cannot be shown just now. Staff at the desk can help you."),
                      U, y, textw, LOOK_NOTICE);
        return;
    }
    const Service *v = s->svc;
    const char *url = v->url[0] ? v->url : SUP_BOROUGH_URL;
    const char *web_label = v->url[0] ? _("Its web page") : _("Sutton's services online");
    const char *card_label = _("Contact details"), *under = sup_shown_url(url);
    int want = want_px(a), gap = theme_space(U, SP_TWO);
    int web_need = qr_side_for(url, 0.8, ui->px_per_mm);
    /* both codes at once, when the card then has modules of 0.8 mm: the
     * web code as large as it needs, the card the rest */
    int bottom = sup_bottom_top(a, false, end_room);
    int wy = y + how_words(a, U, y, textw, tall ? (bottom - y) / 4 : bottom - y, false);
    int ax = tall ? U : 3 * U + textw, ay = tall ? wy : top;
    int aw = ui->w - U - ax, ab = tall || row ? bottom : ui->h - U;
    /* the web column as wide as its address is (one long word) */
    int ww = web_need > aw / 3 ? web_need : aw / 3, uw = sup_words_w(a, under);
    if (ww < uw)
        ww = uw < aw / 2 ? uw : aw / 2;
    int cw = aw - gap - ww, mid = ab;
    int web_room = code_room(a, web_label, under, ay, ww, ab);
    int card_room = code_room(a, card_label, "", ay, cw, ab);
    if (tall) {   /* stacked: the web code's block at the foot, the card above */
        mid = ab - (ab - ay - code_room(a, web_label, under, ay, aw, ab)) - web_need;
        web_room = code_room(a, web_label, under, mid, aw, ab);
        card_room = code_room(a, card_label, "", ay, aw, mid - U);
    }
    int card_px = card_room > 0 ? fit_card(a, card_room) : 0;
    if (s->card[0] && card_px >= want && web_room >= web_need) {
        ui_text(ui, "support.take.title", ROLE_HEADING, title, R(U, top, textw, hh));
        (void)sup_bottom_row(a, "support.take", 0, 1, end_room);
        (void)how_words(a, U, y, textw, tall ? (bottom - y) / 4 : bottom - y, true);
        if (tall) {
            code(a, "support.take.card", card_label, s->card, "", false, ax, ay, aw, mid - U);
            code(a, "support.take.web", web_label, url, under, true, ax, mid, aw, ab);
        } else {
            code(a, "support.take.card", card_label, s->card, "", false, ax, ay, cw, ab);
            code(a, "support.take.web", web_label, url, under, true, ax + cw + gap, ay, ww, ab);
        }
        return;
    }
    /* one at a time, each as large as the screen allows: the card, and
     * More for the web page's (Previous back); in portrait without the
     * words when they would take the code's room */
    bool web = !s->card[0] || s->take_web;
    bottom = s->card[0] ? sup_bottom_row(a, "support.take", web, 2, end_room)
                        : sup_bottom_row(a, "support.take", 0, 1, end_room);
    ab = tall || row ? bottom : ui->h - U;
    /* a tall screen with tall words (larger text in Urdu): the code takes
     * the title's room too; the button that led here said it */
    if (tall && code_room(a, card_label, under, y, aw, ab) < aw / 2)
        y = top;
    else
        ui_text(ui, "support.take.title", ROLE_HEADING, title, R(U, top, textw, hh));
    if (!tall) {
        (void)how_words(a, U, y, textw, bottom - y, true);
        /* the code at the end of its area, clear of the pager beside
         * Start again, which may be wider than the words */
        int side = code_room(a, web ? web_label : card_label, web ? under : "", top, aw, ab);
        if (side > 0 && side < aw) {
            ax += aw - side;
            aw = side;
        }
    }
    if (web) {
        code(a, "support.take.web", web_label, url, under, true, ax, tall ? y : top, aw, ab);
    } else {
        ay = tall ? y : top;
        (void)fit_card(a, code_room(a, card_label, "", ay, aw, ab));
        code(a, "support.take.card", card_label, s->card, "", false, ax, ay, aw, ab);
    }
}

/* One code at a time in larger text on a wide screen (Urdu at 800x480),
 * where a column of words beside the code is too narrow for its label,
 * the pager and Start again: the code at the end, its square as tall as
 * the room under the bar; beside it at the start, a column as wide as
 * the rest with the code's label at the top, the words on how to use it
 * when they fit, the pager and Start again at its foot. The title is
 * left out: the button that led here said it. */
static void take_beside(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    Support *s = a->sup;
    int top = lay_top_bar(a, true);
    if (!s || !s->svc || portrait(a))
        return;   /* take_way never asks for it so */
    const Service *v = s->svc;
    const char *url = v->url[0] ? v->url : SUP_BOROUGH_URL;
    bool web = !s->card[0] || s->take_web;
    const char *label = web ? (v->url[0] ? _("Its web page") : _("Sutton's services online"))
                            : _("Contact details");
    const char *under = web ? sup_shown_url(url) : "";
    int side = ui->h - U - top, colw = ui->w - 3 * U - side;
    int bottom = s->card[0] ? sup_bottom_row(a, "support.take", web, 2, -side)
                            : sup_bottom_row(a, "support.take", 0, 1, -side);
    int lh = sup_text_h(a, label, ui->font_body, TEXT_BOLD, colw, false);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.label", web ? "support.take.web" : "support.take.card");
    ui_copy_text(l.text, sizeof l.text, label);
    l.weight = TEXT_BOLD;
    l.rect = R(U, top, colw, lh);
    ui_add(ui, &l);
    int y = top + lh + U;
    (void)how_words(a, U, y, colw, bottom - U - y, true);
    int x = ui->w - U - side;
    if (web) {
        code(a, "support.take.web", NULL, url, under, true, x, top, side, ui->h - U);
    } else {
        (void)fit_card(a, side);
        code(a, "support.take.card", NULL, s->card, "", false, x, top, side, ui->h - U);
    }
}

/* True when what was added since mark fits, no two widgets lie over
 * each other and every code has three pixels a module at least (the
 * least fit_card takes). */
static bool good_since(App *a, int mark)
{
    Ui *ui = &a->ui;
    if (!lay_fits_since(ui, mark, ui->h))
        return false;
    for (int i = mark; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        QrFit fit = { 0, 0, 0 };
        if (w->role == ROLE_QR &&
            (qr_fit(w->text, w->rect.w, &fit) != K_OK || fit.px < 3))
            return false;
        for (int j = i + 1; j < ui->n; j++)
            if (SDL_HasIntersection(&w->rect, &ui->w_list[j].rect))
                return false;
    }
    return true;
}

/* The pixels a module of the one code added since mark; 0 when two
 * codes (or none) were added. */
static int lone_code_px(App *a, int mark)
{
    Ui *ui = &a->ui;
    int px = 0, codes = 0;
    for (int i = mark; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        QrFit fit = { 0, 0, 0 };
        if (w->role == ROLE_QR && ++codes && qr_fit(w->text, w->rect.w, &fit) == K_OK)
            px = fit.px;
    }
    return codes == 1 ? px : 0;
}

/* The layouts, tried in turn; the first whole one is taken. */
enum { TAKE_COLUMN, TAKE_ROW, TAKE_BESIDE, TAKE_WAYS };

/* Lays out the screen the way asked; take_beside only for a service
 * shown on a wide screen (else the first way, which says it cannot be
 * shown). */
static void take_way(App *a, int way)
{
    if (way == TAKE_BESIDE && a->sup && a->sup->svc && !portrait(a))
        take_beside(a);
    else if (way == TAKE_BESIDE)
        take_layout(a, false);
    else
        take_layout(a, way == TAKE_ROW);
}

void support_take_build(App *a)
{
    Ui *ui = &a->ui;
    /* larger text on a wide screen: when the words, the codes and the
     * buttons do not all fit beside each other, the buttons go across
     * the foot of the screen; then one code at a time beside a column
     * with its label and the buttons (take_beside). In larger text a
     * code alone with modules under 0.8 mm is given take_beside's room
     * when that makes them larger (Tamil's label over three lines leaves
     * it little); the default look keeps the title and the words. */
    int mark = ui->n;
    take_layout(a, false);
    if (portrait(a))
        return;
    int way = TAKE_COLUMN;
    while (way < TAKE_WAYS && !good_since(a, mark)) {
        ui->n = mark;
        if (++way < TAKE_WAYS)
            take_way(a, way);
    }
    int px = way < TAKE_WAYS ? lone_code_px(a, mark) : 0;
    if ((ui->look & THEME_LARGE) && way < TAKE_BESIDE && px > 0 && px < want_px(a)) {
        ui->n = mark;
        take_way(a, TAKE_BESIDE);
        if (good_since(a, mark) && lone_code_px(a, mark) > px)
            return;
        ui->n = mark;
        take_way(a, way);
    }
    if (way < TAKE_WAYS)
        return;
    ui->n = mark;
    take_layout(a, false);
    /* none: the title is marked as not fitting, so the screen is built
     * again smaller (screens_build) */
    int t = ui_find(ui, "support.take.title");
    if (t >= mark && !good_since(a, mark))
        ui->w_list[t].fits = false;
}

bool support_take_tap(App *a, const char *id)
{
    int page = a->sup && a->sup->take_web;
    bool done = sup_bottom_tap(a, "support.take", id, &page);
    if (a->sup)
        a->sup->take_web = page >= 1;
    return done;
}
