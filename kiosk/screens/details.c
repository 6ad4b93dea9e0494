/* details.c — the check-in's details screen: the first-visit question and
 * the two optional fields (first name, the postcode's first half), on one
 * screen in one of several arrangements, or on pages when none fits. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

void details_enter(App *a, Screen from)
{
    /* back from typing: on pages, the page of the field typed (the words
     * typed may have put the fields on pages of their own; lay_page
     * clamps it, to 0 on one page) */
    if (from == SCR_KEYBOARD && (a->v.field == VF_FIRST_NAME || a->v.field == VF_POSTCODE)) {
        a->ui.page_screen = (int)SCR_DETAILS;
        a->ui.page = a->v.field == VF_FIRST_NAME ? 1 : 2;
    }
    a->v.field = VF_NONE;
    a->v.message = NULL;
}

/* The first-visit question and its two answers in the column x, w from
 * y, the answers side by side (across) or one under the other. Returns
 * the y below. */
static int details_question(App *a, int x, int y, int w, bool across, int bh, int most_h)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *q = _("Is this your family's first visit to this hub?");
    int qh = ui_text_height(ui, q, ui->font_heading, TEXT_BOLD, w, false);
    /* a short layout: the question set smaller rather than taller */
    if (most_h > 0 && qh > most_h)
        qh = most_h;
    ui_text(ui, "details.title", ROLE_HEADING, q, R(x, y, w, qh));
    y += qh + U;
    int bw = across ? (w - U) / 2 : w;
    /* as tall as the longer answer needs at 80% (larger text wraps it) */
    const char *ans[] = { _("Yes, first visit"), _("No, we have been before") };
    for (int i = 0; i < 2; i++) {
        int need = ui_text_height(ui, ans[i], ui->font_button * 4 / 5, TEXT_BOLD,
                                  bw - 3 * U - ui->font_icon - 2, false) + 2 * U + 2;
        bh = need > bh ? need : bh;
    }
    /* a choice list: the chosen answer filled, with a radio mark */
    bool y1 = a->v.first_visit == 1, n1 = a->v.first_visit == 0;
    UiWidget yes = ui_proto("details.first.yes", ROLE_BUTTON), no = yes;
    snprintf(no.id, sizeof no.id, "details.first.no");
    yes.look = no.look = LOOK_SECONDARY;
    ui_copy_text(yes.text, sizeof yes.text, ans[0]);
    ui_copy_text(no.text, sizeof no.text, ans[1]);
    yes.rect = R(x, y, bw, bh);
    no.rect = across ? R(x + bw + U, y, bw, bh) : R(x, y + bh + U, bw, bh);
    yes.checked = y1;
    no.checked = n1;
    yes.icon = y1 ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF;
    no.icon = n1 ? GLYPH_RADIO_ON : GLYPH_RADIO_OFF;
    ui_add(ui, &yes);
    ui_add(ui, &no);
    return y + (across ? bh : 2 * bh + U) + U;
}

/* The two optional fields in the column x, w from y, gap apart. compact
 * puts each label inside its field; side puts the two side by side. */
static void details_fields(App *a, int x, int y, int w, int gap, bool compact, bool side)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const char *name_label = _("Your first name (you can leave this out)");
    const char *pc_label = _("First half of your postcode, like SM1 (you can leave this out)");
    if (compact && side) {
        int fw = (w - U) / 2;
        lay_compact_field(a, "details.name", name_label, a->v.first_name, x, y, fw);
        lay_compact_field(a, "details.postcode", pc_label, a->v.postcode, x + fw + U, y, fw);
    } else if (compact) {
        y = lay_compact_field(a, "details.name", name_label, a->v.first_name, x, y, w);
        lay_compact_field(a, "details.postcode", pc_label, a->v.postcode, x, y + gap - U, w);
    } else {
        y = lay_field_at(a, "details.name", name_label, a->v.first_name, _("Tap to type"), x, y,
                         w, w);
        lay_field_at(a, "details.postcode", pc_label, a->v.postcode, _("Tap to type"), x,
                     y + gap, w, w);
    }
}

/* One optional field (name: true for the first name, else the postcode)
 * in the column x, w from y: the label above its box, or (compact) inside
 * it. Returns the y below. */
static int details_field(App *a, bool name, bool compact, int x, int y, int w)
{
    const char *id = name ? "details.name" : "details.postcode";
    const char *label = name ? _("Your first name (you can leave this out)")
                             : _("First half of your postcode, like SM1 (you can leave this out)");
    const char *value = name ? a->v.first_name : a->v.postcode;
    if (compact)
        return lay_compact_field(a, id, label, value, x, y, w);
    return lay_field_at(a, id, label, value, _("Tap to type"), x, y, w, w) + a->ui.unit;
}

/* Too little room for the question and the fields on one screen (larger
 * text in a tall script on a small screen): the question alone on the
 * first page, its answers taking the visitor on; then the fields, both on
 * one page when they fit, else one a page, with Next under them. */
static void details_paged(App *a, int top, int x, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, bottom = ui->h - U - T - U;
    /* how the fields go: both with labels above, both with labels inside,
     * or one a page (label above, else inside) */
    int style = 0, mark = ui->n;
    for (style = 0; style < 3; style++) {
        bool compact = style == 1;
        int y = top;
        bool ok = true;
        for (int f = 0; f < 2 && ok; f++) {
            int m = ui->n;
            y = details_field(a, f == 0, compact, x, style == 2 ? top : y, w);
            ok = lay_fits_since(ui, m, bottom);
            if (!ok && style == 2) {   /* alone, with its label inside */
                ui->n = m;
                details_field(a, f == 0, true, x, top, w);
                ok = lay_fits_since(ui, m, bottom);
            }
        }
        ui->n = mark;
        if (ok)
            break;
    }
    int pages = style == 2 ? 3 : 2, page = lay_page(a, pages);
    if (page == 0) {
        /* the answers side by side and tall, then a target tall, in the
         * readable column, then the whole width; then one under the other */
        for (int k = 0; k < 5; k++) {
            bool column = k < 2;   /* then the whole width */
            details_question(a, column ? x : U, top, column ? w : ui->w - 2 * U, k < 4,
                             k % 2 ? T : T * 3 / 2, 0);
            if (k == 4 || lay_fits_since(ui, mark, ui->h - U))
                break;
            ui->n = mark;
        }
        return;
    }
    bool name = page == 1, both = style < 2;
    int y = details_field(a, name, style == 1, x, top, w);
    if (!lay_fits_since(ui, mark, bottom)) {
        ui->n = mark;
        y = details_field(a, name, true, x, top, w);
    }
    if (both)
        details_field(a, false, style == 1, x, y, w);
    UiWidget *next = lay_next_button(a, "details.next", _("Next"), a->v.first_visit >= 0);
    if (next && !next->enabled)
        lay_reason(a, "details.reason", _("Choose yes or no above to go on."), next);
}

void details_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int top = lay_top_bar(a, true), bottom = ui->h - U - T - U;
    /* one column, in a readable width and spread down a tall screen; when
     * that does not fit (larger text, a tall script), in landscape the
     * question beside the fields, then the fields side by side with their
     * labels inside; in portrait the answers one under the other, then the
     * labels inside the fields; still too tall, on pages (details_paged).
     * Everything ends above Next. */
    int x, w, cw = (ui->w - 3 * U) / 2;
    lay_column(ui, &x, &w);
    bool p = portrait(a), fit = false;
    static const int wide[] = { 0, 2, 3 }, tall[] = { 0, 1, 4 };
    for (int k = 0; k < 3 && !fit; k++) {
        int mode = p ? tall[k] : wide[k], mark = ui->n;
        if (mode == 2) {
            details_question(a, U, top, cw, false, T * 3 / 2, 0);
            details_fields(a, 2 * U + cw, top, cw, U, false, false);
        } else {
            int bh = mode == 3 ? T : T * 3 / 2, gap = U;
            int y = details_question(a, x, top, w, mode == 0 || mode == 3, bh,
                                     mode >= 3 ? (bottom - top) / 4 : 0);
            int spare = bottom - y - 4 * T;
            if (spare > 4 * U)   /* a tall screen: the groups apart */
                gap = spare / 3 < 4 * U ? spare / 3 : 4 * U;
            details_fields(a, x, y + gap - U, w, gap, mode >= 3, mode == 3);
        }
        fit = lay_fits_since(ui, mark, bottom);
        if (!fit)
            ui->n = mark;
    }
    if (!fit) {
        details_paged(a, top, x, w);
        return;
    }
    /* one page: lay_page forgets a page shown before */
    lay_page(a, 1);
    UiWidget *next = lay_next_button(a, "details.next", _("Next"), a->v.first_visit >= 0);
    /* a disabled Next says why, beside it */
    if (next && !next->enabled)
        lay_reason(a, "details.reason", _("Choose yes or no above to go on."), next);
}

/* On the details screen laid out on pages, goes to the next page and
 * returns true; false when the screen is on one page or on its last. */
static bool details_page_on(App *a, const char *id)
{
    Ui *ui = &a->ui;
    bool question = ui_find(ui, "details.first.yes") >= 0,
         fields = ui_find(ui, "details.name") >= 0 || ui_find(ui, "details.postcode") >= 0;
    if (question && fields)
        return false;   /* one page */
    if (!strcmp(id, "details.next") && ui_find(ui, "details.postcode") >= 0)
        return false;   /* the last page */
    ui->page++;
    return true;
}

bool details_tap(App *a, const char *id)
{
    if (!strcmp(id, "details.first.yes") || !strcmp(id, "details.first.no")) {
        a->v.first_visit = !strcmp(id, "details.first.yes");
        details_page_on(a, id);   /* on pages, an answer takes the visitor on */
    } else if (!strcmp(id, "details.name"))
        keyboard_open(a, VF_FIRST_NAME);
    else if (!strcmp(id, "details.postcode"))
        keyboard_open(a, VF_POSTCODE);
    else if (!strcmp(id, "details.next") && a->v.first_visit >= 0) {
        if (!details_page_on(a, id))
            app_go(a, SCR_CONFIRM);
    } else if (!strcmp(id, "nav.back") && ui_find(&a->ui, "details.first.yes") < 0 &&
               a->ui.page > 0)
        a->ui.page--;   /* on pages: the page before */
    else
        return false;
    return true;
}

