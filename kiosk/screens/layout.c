/* layout.c — the pieces screens are made of (see layout.h). */
#include "layout.h"

#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

int lay_bar_button_w(const Ui *ui)
{
    int bw = ui->target * 3, most = (ui->w - 5 * ui->unit) / 3;
    return bw < most ? bw : most;
}

/* Width the words of a bar button need, with its icon or without. */
static int bar_need(App *a, const char *text, bool icon)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    text_measure(ui->te, text, &st, 0, &e);
    return e.w + 2 * ui->unit + 2 + (icon ? ui->font_icon + ui->unit : 0);
}

/* A bar button as wide as its words need (at least two targets, at most
 * most), with its icon when the icon still leaves the words room. */
static int bar_button(App *a, const char *id, const char *text, int x_end, int y, int most,
                      UiLook look, UiIcon icon)
{
    Ui *ui = &a->ui;
    int least = 2 * ui->base_target, w = bar_need(a, text, true);
    if (w > most) {
        icon = ICON_NONE;
        w = bar_need(a, text, false);
    }
    w = w < least ? least : w > most ? most : w;
    ui_button_icon(ui, id, text, R(x_end - w, y, w, ui->target), look, icon);
    return w;
}

int lay_end_buttons(App *a, int y, int start, int *below)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    const char *exit_s = _("Quick exit"), *lang_s = _("Language");
    int room = ui->w - start - 3 * U - ui->base_target;
    int least = 2 * ui->base_target;
    int ne = bar_need(a, exit_s, false), nl = bar_need(a, lang_s, false);
    ne = ne < least ? least : ne;
    nl = nl < least ? least : nl;
    *below = y + T + U;
    int x;
    if (ne + nl + U <= room) {
        /* one row: Quick exit takes what its words need (up to half the
         * screen), then Language, leaving room for the look choices */
        int most = room - least;
        int ew = bar_button(a, "nav.exit", exit_s, ui->w - U, y,
                            ui->w / 2 < most ? ui->w / 2 : most, LOOK_EXIT, GLYPH_EXIT);
        x = ui->w - U - ew - U;
        int lw = bar_button(a, "nav.lang", lang_s, x, y, room - ew, LOOK_SECONDARY,
                            GLYPH_LANGUAGE);
        x -= lw + U + ui->base_target;
    } else {
        /* long words on a narrow screen: Quick exit has the top row's end,
         * Language and the look choices a second row */
        bar_button(a, "nav.exit", exit_s, ui->w - U, y, ui->w - start - U, LOOK_EXIT, GLYPH_EXIT);
        y += T + U;
        *below = y + T + U;
        x = ui->w - U;
        int lw = bar_button(a, "nav.lang", lang_s, x, y, ui->w - 3 * U - ui->base_target,
                            LOOK_SECONDARY, GLYPH_LANGUAGE);
        x -= lw + U + ui->base_target;
    }
    UiWidget *acc = ui_button_icon(ui, "nav.access", "", R(x, y, ui->base_target, T),
                                   ui->access_open ? LOOK_SELECTED : LOOK_SECONDARY,
                                   GLYPH_ACCESS);
    if (acc)
        acc->checked = ui->access_open || ui->mode != 0;
    x = listen_button(a, start, x, y, below);
    return x;
}

int lay_top_bar(App *a, bool back)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int start = U;
    if (back) {
        /* at most a quarter of the screen: the end buttons need the rest */
        int most = ui->w / 4, bw = bar_need(a, _("Back"), true);
        UiIcon icon = ICON_BACK;
        if (bw > most) {
            icon = ICON_NONE;
            bw = bar_need(a, _("Back"), false);
        }
        bw = bw < 2 * ui->base_target ? 2 * ui->base_target : bw > most ? most : bw;
        UiWidget *b = ui_button_icon(ui, "nav.back", _("Back"), R(U, U, bw, T), LOOK_SECONDARY,
                                     icon);
        /* words too long even at their least size (larger text on a
         * narrow screen): the arrow alone, pointing back */
        if (b && !b->fits) {
            ui->n--;
            bw = 2 * ui->base_target;
            ui_button_icon(ui, "nav.back", "", R(U, U, bw, T), LOOK_SECONDARY, ICON_BACK);
        }
        start = 2 * U + bw;
    }
    int below = 0;
    int end = lay_end_buttons(a, U, start, &below);
    bool two_rows = below > U + T + U;
    /* where the visitor is in the check-in: between Back and the end
     * buttons; under the bar when there is no room beside */
    int step = screen_def(a->screen)->step;
    int room = (two_rows ? ui->w - U : end) - start - 2 * U;
    if (two_rows)   /* the second row's start is free beside Back's column */
        room = end - start - 2 * U;
    if (step && back) {
        UiWidget p = ui_proto("nav.progress", ROLE_PROGRESS);
        snprintf(p.text, sizeof p.text, "%d/4", step);
        int py = two_rows ? below - U - T / 2 - U / 2 : U + T / 2 - U / 2;
        if (room >= 8 * U) {
            int pw = room < 16 * U ? room : 16 * U;
            p.rect = R(start + U + (room - pw) / 2, py, pw, U);
            ui_add(ui, &p);
        } else {
            int pw = 16 * U < ui->w - 2 * U ? 16 * U : ui->w - 2 * U;
            p.rect = R((ui->w - pw) / 2, below, pw, U);
            ui_add(ui, &p);
            return below + 2 * U;
        }
    }
    return below;
}

int lay_heading(App *a, const char *id, const char *text, int y)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    int h = ui_text_height(ui, text, ui->font_heading, TEXT_BOLD, ui->w - 2 * U, false);
    ui_text(ui, id, ROLE_HEADING, text, R(U, y, ui->w - 2 * U, h));
    return y + h + U;
}

int lay_paragraph_max(App *a, const char *id, const char *text, int x, int y, int width,
                      UiLook look, int max_h, bool personal)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool boxed = look == LOOK_NOTICE || look == LOOK_ERROR;
    int inner = boxed ? width - 4 * U : width;
    int h = ui_text_height(ui, text, ui->font_body, TEXT_REGULAR, inner, personal) +
            (boxed ? 2 * U : 0);
    if (max_h > 0 && h > max_h)
        h = max_h;
    UiWidget proto = ui_proto("", ROLE_TEXT);
    snprintf(proto.id, sizeof proto.id, "%s", id);
    proto.look = look;
    proto.personal = personal;
    ui_copy_text(proto.text, sizeof proto.text, text);
    proto.rect = R(x, y, width, h);
    ui_add(ui, &proto);
    return y + h + U;
}

int lay_paragraph(App *a, const char *id, const char *text, int x, int y, int width, UiLook look)
{
    return lay_paragraph_max(a, id, text, x, y, width, look, 0, false);
}

const char *lay_session_name(App *a, const SessionTime *s)
{
    return content_text(a->pack, a->lang_tag, s->id, "name", s->name);
}

void lay_time_range(App *a, int from, int to, char *out, size_t cap)
{
    char t1[32], t2[32];
    i18n_time_of_day(a->i18n, a->lang, from, t1, sizeof t1);
    i18n_time_of_day(a->i18n, a->lang, to, t2, sizeof t2);
    const char *k[] = { "from", "to" }, *v[] = { t1, t2 };
    i18n_format(out, cap, _("{from} to {to}"), k, v, 2);
}

void lay_stepper(App *a, const char *idbase, const char *label, int value, int min, int max,
                 SDL_Rect row)
{
    lay_stepper_icon(a, idbase, label, value, min, max, row, ICON_NONE);
}

void lay_stepper_icon(App *a, const char *idbase, const char *label, int value, int min, int max,
                      SDL_Rect row, UiIcon icon)
{
    Ui *ui = &a->ui;
    /* icon buttons: the 9 mm size whatever the language's line height */
    int U = ui->unit, T = ui->base_target;
    char id[48], num[16];
    /* the number between the buttons needs two digits' room, not a target */
    int vw = T * 3 / 4, ctl = 2 * T + vw + 2 * U;
    snprintf(id, sizeof id, "%s.label", idbase);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(row.x, row.y, row.w - ctl - U, row.h);
    l.look = LOOK_PLAIN;
    l.icon = icon;
    l.icon_colour = COL_ACCENT;
    UiWidget *lw = ui_add(ui, &l);
    /* a label too long to keep its picture beside it loses the picture */
    if (lw && !lw->fits && icon != ICON_NONE) {
        ui->n--;
        l.icon = ICON_NONE;
        ui_add(ui, &l);
    }
    int cx = row.x + row.w - ctl, cy = row.y + (row.h - T) / 2;
    snprintf(id, sizeof id, "%s.minus", idbase);
    UiWidget *m = ui_button_icon(ui, id, "", R(cx, cy, T, T), LOOK_SECONDARY, ICON_MINUS);
    if (m)
        m->enabled = value > min;
    snprintf(id, sizeof id, "%s.value", idbase);
    i18n_number(a->i18n, a->lang, value, num, sizeof num);
    UiWidget v = ui_proto("", ROLE_VALUE);
    snprintf(v.id, sizeof v.id, "%s", id);
    ui_copy_text(v.text, sizeof v.text, num);
    v.rect = R(cx + T + U, cy, vw, T);
    v.weight = TEXT_BOLD;
    ui_add(ui, &v);
    snprintf(id, sizeof id, "%s.plus", idbase);
    UiWidget *p = ui_button_icon(ui, id, "", R(cx + T + vw + 2 * U, cy, T, T), LOOK_SECONDARY,
                                 ICON_PLUS);
    if (p)
        p->enabled = value < max;
}

int lay_next_w(const Ui *ui)
{
    int bw = ui->target * 5;
    /* on a narrow screen the forward action has three fifths of the row */
    int most = ui->h > ui->w ? (ui->w - 3 * ui->unit) * 3 / 5 : ui->w / 2 - 2 * ui->unit;
    return bw > most ? most : bw;
}

UiWidget *lay_next_button(App *a, const char *id, const char *text, bool enabled)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, bw = lay_next_w(ui);
    UiWidget *w = ui_button_icon(ui, id, text, R(ui->w - U - bw, ui->h - U - T, bw, T),
                                 LOOK_PRIMARY, ICON_NEXT);
    /* long words (larger text on a narrow screen): the words without the
     * arrow */
    if (w && !w->fits) {
        ui->n--;
        w = ui_button_icon(ui, id, text, R(ui->w - U - bw, ui->h - U - T, bw, T), LOOK_PRIMARY,
                           ICON_NONE);
    }
    if (w)
        w->enabled = enabled;
    return w;
}

int lay_field(App *a, const char *id, const char *label, const char *value,
              const char *placeholder, int y, int field_w)
{
    return lay_field_at(a, id, label, value, placeholder, a->ui.unit, y, a->ui.w - 2 * a->ui.unit,
                        field_w);
}

int lay_field_at(App *a, const char *id, const char *label, const char *value,
                 const char *placeholder, int x, int y, int w, int field_w)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, W = w;
    int lh = ui_text_height(ui, label, ui->font_body, TEXT_REGULAR, W, false);
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.label", id);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = R(x, y, W, lh);
    ui_add(ui, &l);
    y += lh + U / 2;
    UiWidget f = ui_proto("", ROLE_FIELD);
    snprintf(f.id, sizeof f.id, "%s", id);
    f.look = LOOK_KEY;
    f.personal = value[0] != '\0';
    ui_copy_text(f.text, sizeof f.text, value[0] ? value : placeholder);
    f.rect = R(x, y, field_w, T);
    f.weight = value[0] ? TEXT_BOLD : TEXT_REGULAR;
    /* a placeholder is quiet and regular, with a pencil: not an answer */
    f.placeholder = value[0] == '\0';
    f.icon = f.placeholder ? GLYPH_EDIT : ICON_NONE;
    UiWidget *fw = ui_add(ui, &f);
    /* a narrow field: the hint without its pencil */
    if (fw && !fw->fits && f.icon != ICON_NONE) {
        ui->n--;
        f.icon = ICON_NONE;
        ui_add(ui, &f);
    }
    return y + T;
}

int lay_language_target(App *a)
{
    Ui *ui = &a->ui;
    const char *samples[] = { _("Quick exit"), _("Language"), _("Back"), _("Next"),
                              _("Check in"), _("Try again"), _("Tap to type"), _("Done") };
    int tallest = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        /* at 80%, one of the sizes ui_add tries, so the buttons reuse it */
        TextStyle st = { .size_px = ui->font_button * 4 / 5, .weight = TEXT_BOLD,
                         .lang = a->lang_tag,
                         .dir = cur_lang(a) && cur_lang(a)->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR };
        TextExtent e;
        if (text_measure(ui->te, samples[i], &st, 0, &e) == K_OK && e.h > tallest)
            tallest = e.h;
    }
    int need = tallest + 2 * ui->unit + 2;
    return need > ui->base_target ? need : ui->base_target;
}

void lay_reason(App *a, const char *id, const char *text, const UiWidget *button)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    /* button->rect is already mirrored: lay out in reading order again */
    int bx = ui->rtl ? ui->w - button->rect.x - button->rect.w : button->rect.x;
    int w = bx - 2 * U, h = button->rect.h;
    if (w < 8 * U)
        return;
    UiWidget r = ui_proto(id, ROLE_TEXT);
    ui_copy_text(r.text, sizeof r.text, text);
    /* as tall as its words need, its last line level with the button */
    int need = ui_text_height(ui, text, ui->font_small, TEXT_REGULAR, w, false);
    if (need > h)
        h = need;
    r.rect = R(U, button->rect.y + button->rect.h - h, w, h);
    r.align = TEXT_ALIGN_END;
    r.font_px = ui->font_small;
    ui_add(ui, &r);
}

void lay_name_shown(const char *name, char *out, size_t cap)
{
    if (cap == 0)
        return;
    int32_t i = 0, o = 0, len = (int32_t)strlen(name), room = (int32_t)cap - 1;
    bool start = true;
    while (i < len) {
        UChar32 c;
        U8_NEXT(name, i, len, c);
        if (c < 0)
            break;
        UChar32 shown = start && u_islower(c) ? u_totitle(c) : c;
        start = c == ' ' || c == '-';
        UBool bad = false;
        U8_APPEND(out, o, room, shown, bad);
        if (bad)
            break;
    }
    out[o] = '\0';
}

bool lay_fits_since(const Ui *ui, int mark, int bottom)
{
    for (int i = mark; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        if (!w->fits || w->rect.x < 0 || w->rect.y < 0 || w->rect.x + w->rect.w > ui->w ||
            w->rect.y + w->rect.h > bottom)
            return false;
    }
    return true;
}

int lay_page(App *a, int pages)
{
    Ui *ui = &a->ui;
    if (ui->page_screen != (int)a->screen) {
        ui->page_screen = (int)a->screen;
        ui->page = 0;
    }
    if (ui->page >= pages)
        ui->page = pages > 0 ? pages - 1 : 0;
    if (ui->page < 0)
        ui->page = 0;
    return ui->page;
}

void lay_pager(App *a, const char *id, int page, int pages, int w)
{
    Ui *ui = &a->ui;
    if (pages <= 1)
        return;
    int U = ui->unit, T = ui->target, bw = (w - U) / 2, by = ui->h - U - T;
    char pid[48];
    snprintf(pid, sizeof pid, "%s.prev", id);
    UiWidget *p = ui_button_icon(ui, pid, _("Previous"), R(U, by, bw, T), LOOK_SECONDARY,
                                 ICON_BACK);
    /* words too long for the room: the arrow alone, still a whole target */
    if (p && !p->fits) {
        ui->n--;
        p = ui_button_icon(ui, pid, "", R(U, by, bw, T), LOOK_SECONDARY, ICON_BACK);
    }
    if (p)
        p->enabled = page > 0;
    snprintf(pid, sizeof pid, "%s.more", id);
    UiWidget *m = ui_button_icon(ui, pid, _("More"), R(2 * U + bw, by, bw, T), LOOK_SECONDARY,
                                 ICON_NEXT);
    if (m && !m->fits) {
        ui->n--;
        m = ui_button_icon(ui, pid, "", R(2 * U + bw, by, bw, T), LOOK_SECONDARY, ICON_NEXT);
    }
    if (m)
        m->enabled = page < pages - 1;
}

bool lay_pager_tap(App *a, const char *id, const char *tapped)
{
    size_t n = strlen(id);
    if (strncmp(tapped, id, n) != 0 || tapped[n] != '.')
        return false;
    if (!strcmp(tapped + n, ".prev")) {
        if (a->ui.page > 0)
            a->ui.page--;
        return true;
    }
    if (!strcmp(tapped + n, ".more")) {
        a->ui.page++;   /* lay_page clamps it to the last page */
        return true;
    }
    return false;
}

void lay_column(const Ui *ui, int *x, int *w)
{
    /* only a screen much wider than 800x480 has a column narrower than
     * itself */
    int U = ui->unit, most = 80 * U;
    *w = ui->w - 2 * U;
    if (ui->w > 100 * U && *w > most)
        *w = most;
    *x = (ui->w - *w) / 2;
}
