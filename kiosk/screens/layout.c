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

/* Width of a bar button whose words are set at px, with its icon or
 * without (a failed measure counts as no words). */
static int bar_words_w(App *a, const char *text, bool icon, int px)
{
    Ui *ui = &a->ui;
    TextStyle st = { .size_px = px, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    if (text_measure(ui->te, text, &st, 0, &e) != K_OK)
        e.w = 0;
    return e.w + 2 * ui->unit + 2 + (icon ? ui->font_icon + ui->unit : 0);
}

/* Width the words of a bar button need, with its icon or without, as
 * they are drawn: a line taller than the bar (Tamil or Urdu in larger
 * text) is drawn smaller, so the button is as wide as its words at the
 * first of the sizes ui_add tries (the button's size, 90%, 80%, then the
 * least) that the button, tried at that width, is drawn at. At least two
 * targets, so a button with words never looks like an icon alone. Adds
 * nothing (each button tried is taken back). */
static int bar_need(App *a, const char *text, bool icon)
{
    Ui *ui = &a->ui;
    int px = ui->font_button, floor_px = theme_floor_px(ui->scale);
    int least = (px * 3 + 3) / 4 < floor_px ? (floor_px < px ? floor_px : px) : (px * 3 + 3) / 4;
    int sizes[4] = { px, px * 9 / 10, px * 4 / 5, least }, w = 0;
    bool trial = ui->trial;
    ui->trial = true;   /* a button too narrow is no warning: it is only tried */
    for (int k = 0; k < 4; k++) {
        if (k > 0 && (sizes[k] < least || sizes[k] >= sizes[k - 1]))
            continue;
        w = bar_words_w(a, text, icon, sizes[k]);
        UiWidget *b = ui_button_icon(ui, "nav.trial", text, R(0, 0, w, ui->target),
                                     LOOK_SECONDARY, icon ? GLYPH_EXIT : ICON_NONE);
        if (!b)
            break;   /* out of memory: the widths as measured */
        bool drawn = b->fits && b->font_px >= sizes[k];
        ui->n--;
        if (drawn)
            break;
    }
    ui->trial = trial;
    return w < 2 * ui->base_target ? 2 * ui->base_target : w;
}

/* What the bar's buttons show, from the most words to the fewest: each
 * step gives up the words the icon says best. Quick exit keeps its words
 * in every step; the look choices are an icon alone in every step. */
typedef struct {
    bool back, listen, lang, exit_icon;
} BarWords;

static const BarWords bar_steps[] = {
    { true, true, true, true },
    { false, true, true, true },    /* Back: the arrow alone */
    { false, false, true, true },   /* Listen: the speaker alone */
    { false, false, false, true },  /* Language: the globe alone */
    { false, false, false, false }, /* Quick exit: its words without the icon */
};
#define BAR_STEPS ((int)(sizeof bar_steps / sizeof bar_steps[0]))

/* The widths of the buttons at one step. */
typedef struct {
    int back, listen, access, lang, exit;
} BarWidths;

static BarWidths bar_widths(App *a, bool back, const BarWords *s)
{
    int bt = a->ui.base_target;
    BarWidths w = {
        .back = !back ? 0 : s->back ? bar_need(a, _("Back"), true) : bt,
        .listen = s->listen ? bar_need(a, _("Listen"), true) : bt,
        .access = bt,
        .lang = s->lang ? bar_need(a, _("Language"), true) : bt,
        .exit = bar_need(a, _("Quick exit"), s->exit_icon),
    };
    return w;
}

/* The end group (Listen, the look choices, Language) with its gaps. */
static int bar_end_group(const BarWidths *w, int U)
{
    return w->listen + U + w->access + U + w->lang;
}

/* A bar button: its words and icon, or its icon alone with its words as
 * the label (dumped, not drawn). */
static UiWidget *bar_button(App *a, const char *id, const char *text, SDL_Rect r, UiLook look,
                            UiIcon icon, bool words)
{
    UiWidget *b = ui_button_icon(&a->ui, id, words ? text : "", r, look, icon);
    if (b && !words)
        ui_copy_text(b->label, sizeof b->label, text);
    return b;
}

/* Places the buttons of one arrangement: Back at the start of the first
 * row, Quick exit at its end; Listen, the look choices and Language before
 * Quick exit (one row) or at the end of the second row. */
static void bar_place(App *a, bool back, const BarWords *s, const BarWidths *w, bool two,
                      LayBar *out)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, y = U;
    int start = U;
    if (back) {
        bar_button(a, "nav.back", _("Back"), R(U, U, w->back, T), LOOK_SECONDARY, ICON_BACK,
                   s->back);
        start = 2 * U + w->back;
    }
    int x = ui->w - U - w->exit;
    UiWidget *e = ui_button_icon(ui, "nav.exit", _("Quick exit"), R(x, y, w->exit, T), LOOK_EXIT,
                                 s->exit_icon ? GLYPH_EXIT : ICON_NONE);
    /* the words at their least size still too long: the room they need
     * from the start of the row, the icon given up */
    if (e && !e->fits && s->exit_icon) {
        ui->n--;
        ui_button_icon(ui, "nav.exit", _("Quick exit"), R(x, y, w->exit, T), LOOK_EXIT,
                       ICON_NONE);
    }
    if (two) {
        out->room_first = R(start, y, x - U - start, T);
        y += T + U;
        x = ui->w;
        start = U;
    } else {
        out->room_first = R(0, y, 0, 0);
    }
    x -= U + w->lang;
    bar_button(a, "nav.lang", _("Language"), R(x, y, w->lang, T), LOOK_SECONDARY, GLYPH_LANGUAGE,
               s->lang);
    x -= U + w->access;
    UiWidget *acc = ui_button_icon(ui, "nav.access", "", R(x, y, w->access, T),
                                   ui->access_open ? LOOK_SELECTED : LOOK_SECONDARY,
                                   GLYPH_ACCESS);
    if (acc) {
        acc->checked = ui->access_open || ui->mode != 0;
        ui_copy_text(acc->label, sizeof acc->label, _("Make the screen easier to read"));
    }
    x -= U + w->listen;
    listen_button_at(a, R(x, y, w->listen, T), s->listen);
    out->rows = two ? 2 : 1;
    out->below = y + T + U;
    out->room = R(start, y, x - U - start, T);
}

/* The first step whose end group (and keep beside it, when keep is
 * given) fits a second row of width W; the last step when none does. */
static int bar_second_step(App *a, bool back, int keep, int W)
{
    int U = a->ui.unit;
    for (int i = 0; i < BAR_STEPS; i++) {
        BarWidths w = bar_widths(a, back, &bar_steps[i]);
        if (U + bar_end_group(&w, U) + U + (keep > 0 ? keep + U : 0) <= W)
            return i;
    }
    return keep > 0 ? bar_second_step(a, back, 0, W) : BAR_STEPS - 1;
}

void lay_bar(App *a, bool back, int keep, unsigned flags, LayBar *out)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w;
    memset(out, 0, sizeof *out);
    /* one row: the first step that leaves keep free beside the buttons
     * (with every word only, when LAY_BAR_KEEP_WORDS), else the first
     * that fits. A tall screen has height to spare: there only Back gives
     * up its words before the bar takes a second row. */
    bool tall = ui->h > ui->w && !(flags & LAY_BAR_ONE_ROW);
    int last = tall ? 1 : BAR_STEPS - 1;
    int first = -1, fits = -1;
    BarWidths w;
    for (int i = 0; i <= last; i++) {
        if (!back && i == 1)
            continue;   /* no Back: the step that takes its words is the first */
        w = bar_widths(a, back, &bar_steps[i]);
        int need = U + (back ? w.back + U : 0) + bar_end_group(&w, U) + U + w.exit + U;
        if (fits < 0 && need <= W)
            fits = i;
        if (first < 0 && need + (keep > 0 ? keep + U : 0) <= W &&
            (!(flags & LAY_BAR_KEEP_WORDS) || i == 0))
            first = i;
    }
    int step = first >= 0 ? first : fits;
    if (step >= 0) {
        w = bar_widths(a, back, &bar_steps[step]);
        bar_place(a, back, &bar_steps[step], &w, false, out);
        return;
    }
    /* two rows (long words on a narrow screen): Back and Quick exit on the
     * first (Back's words and then Quick exit's icon given up when they
     * do not fit beside each other), the rest at the end of the second
     * with as many words as it has room for */
    BarWords s = bar_steps[bar_second_step(a, back, (flags & LAY_BAR_KEEP_WORDS) ? 0 : keep, W)];
    BarWidths wb = bar_widths(a, back, &(BarWords){ true, false, false, true });
    BarWidths we = bar_widths(a, back, &(BarWords){ false, false, false, true });
    s.back = U + (back ? wb.back + U : 0) + wb.exit + U <= W;
    s.exit_icon = s.back || U + (back ? we.back + U : 0) + we.exit + U <= W;
    w = bar_widths(a, back, &s);
    if (U + (back ? w.back + U : 0) + w.exit + U > W)
        w.exit = W - 2 * U - (back ? w.back + U : 0);   /* ui_add sets the words smaller */
    bar_place(a, back, &s, &w, true, out);
}

int lay_end_buttons(App *a, int y, int start, int *below)
{
    (void)y;
    LayBar b;
    lay_bar(a, false, start > a->ui.unit ? start - a->ui.unit : 0, 0, &b);
    *below = b.below;
    return b.room.x + b.room.w + a->ui.unit;
}

int lay_top_bar(App *a, bool back)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    /* where the visitor is in the check-in: between Back and the end
     * buttons, at least eight units wide; under the bar when there is no
     * room beside */
    int step = screen_def(a->screen)->step;
    bool dots = step && back;
    LayBar b;
    lay_bar(a, back, dots ? 10 * U : 0, 0, &b);
    if (!dots)
        return b.below;
    UiWidget p = ui_proto("nav.progress", ROLE_PROGRESS);
    snprintf(p.text, sizeof p.text, "%d/4", step);
    int room = b.room.w - U;
    int py = b.room.y + b.room.h / 2 - U / 2;
    if (room >= 8 * U) {
        int pw = room < 16 * U ? room : 16 * U;
        p.rect = R(b.room.x + U + (room - pw) / 2, py, pw, U);
        ui_add(ui, &p);
        return b.below;
    }
    int pw = 16 * U < ui->w - 2 * U ? 16 * U : ui->w - 2 * U;
    p.rect = R((ui->w - pw) / 2, b.below, pw, U);
    ui_add(ui, &p);
    return b.below + 2 * U;
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

/* The stepper's label in r, with icon at its start while it fits. */
static void stepper_label(App *a, const char *idbase, const char *label, SDL_Rect r, UiIcon icon)
{
    Ui *ui = &a->ui;
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.label", idbase);
    ui_copy_text(l.text, sizeof l.text, label);
    l.rect = r;
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
}

/* [-] value [+] at the end of row, the buttons centred in its height. */
static void stepper_controls(App *a, const char *idbase, int value, int min, int max, SDL_Rect row)
{
    Ui *ui = &a->ui;
    /* icon buttons: the 9 mm size whatever the language's line height */
    int U = ui->unit, T = ui->base_target;
    char id[48], num[16];
    /* the number between the buttons needs two digits' room, not a target */
    int vw = T * 3 / 4, ctl = 2 * T + vw + 2 * U;
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
    /* as tall as the row: a digit in a tall script (Nastaliq at 1.5)
     * needs more than a target's height */
    int vh = row.h > T ? row.h : T;
    v.rect = R(cx + T + U, row.y + (row.h - vh) / 2, vw, vh);
    v.weight = TEXT_BOLD;
    ui_add(ui, &v);
    snprintf(id, sizeof id, "%s.plus", idbase);
    UiWidget *p = ui_button_icon(ui, id, "", R(cx + T + vw + 2 * U, cy, T, T), LOOK_SECONDARY,
                                 ICON_PLUS);
    if (p)
        p->enabled = value < max;
}

int lay_stepper_w(const Ui *ui)
{
    int T = ui->base_target;
    return 2 * T + T * 3 / 4 + 2 * ui->unit;
}

void lay_stepper_icon(App *a, const char *idbase, const char *label, int value, int min, int max,
                      SDL_Rect row, UiIcon icon)
{
    int U = a->ui.unit, ctl = lay_stepper_w(&a->ui);
    stepper_label(a, idbase, label, R(row.x, row.y, row.w - ctl - U, row.h), icon);
    stepper_controls(a, idbase, value, min, max, row);
}

void lay_stepper_over(App *a, const char *idbase, const char *label, int value, int min, int max,
                      SDL_Rect row, int label_h, UiIcon icon)
{
    stepper_label(a, idbase, label, R(row.x, row.y, row.w, label_h), icon);
    stepper_controls(a, idbase, value, min, max,
                     R(row.x, row.y + label_h, row.w, row.h - label_h));
}

int lay_next_w(const Ui *ui)
{
    int bw = ui->target * 5;
    /* on a narrow screen the forward action has three fifths of the row */
    int most = ui->h > ui->w ? (ui->w - 3 * ui->unit) * 3 / 5 : ui->w / 2 - 2 * ui->unit;
    return bw > most ? most : bw;
}

/* True when a control (button, key or field) already added lies over r
 * (r as laid out, before mirroring). */
static bool row_taken(const Ui *ui, SDL_Rect r)
{
    if (ui->rtl)
        r.x = ui->w - r.x - r.w;
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *o = &ui->w_list[i];
        if ((o->role == ROLE_BUTTON || o->role == ROLE_KEY || o->role == ROLE_FIELD) &&
            SDL_HasIntersection(&o->rect, &r))
            return true;
    }
    return false;
}

UiWidget *lay_next_button(App *a, const char *id, const char *text, bool enabled)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, bw = lay_next_w(ui);
    SDL_Rect r = R(ui->w - U - bw, ui->h - U - T, bw, T);
    /* longer words: wider, up to half the row (three quarters in
     * portrait, leaving the start a quarter), where no other control lies
     * yet */
    int wide = ui->h > ui->w ? (ui->w - 3 * U) * 3 / 4 : ui->w / 2 - U - U / 2;
    SDL_Rect rw = R(ui->w - U - wide, ui->h - U - T, wide, T);
    bool widen = wide > bw && !row_taken(ui, rw);
    UiWidget *w = NULL;
    for (int k = 0; k < (widen ? 4 : 2); k++) {
        if (w)
            ui->n--;
        /* the words without the arrow before a wider button (larger text
         * on a narrow screen) */
        w = ui_button_icon(ui, id, text, k < 2 ? r : rw, LOOK_PRIMARY,
                           k % 2 ? ICON_NONE : ICON_NEXT);
        if (!w || w->fits)
            break;
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

int lay_split_pages(App *a, LayItemFn item, const void *ctx, int items, int x, int y, int w,
                    int bottom, int starts[], int cap, bool *all_fit)
{
    Ui *ui = &a->ui;
    int npages = 0, i = 0;
    *all_fit = true;
    while (i < items && npages < cap) {
        starts[npages++] = i;
        int ly = y, mark = ui->n, k = i;
        while (k < items) {
            int m = ui->n, below = item(a, ctx, k, x, ly, w, bottom);
            bool fit = lay_fits_since(ui, m, bottom);
            if (!fit && k > i)
                break;
            *all_fit = *all_fit && fit;
            ly = below;
            k++;
        }
        ui->n = mark;
        i = k;
    }
    *all_fit = *all_fit && i >= items;
    return npages > 0 ? npages : 1;
}

void lay_not_whole(App *a)
{
    if (a->ui.trial && a->ui.n > 0)
        a->ui.w_list[0].fits = false;
}

void lay_show_page(App *a, LayItemFn item, const void *ctx, const int starts[], int pages,
                   int items, int page, int x, int y, int w, int bottom)
{
    int last = page + 1 < pages ? starts[page + 1] : items;
    for (int i = pages > 0 ? starts[page] : 0; i < last; i++)
        y = item(a, ctx, i, x, y, w, bottom);
}

int lay_small_heading(App *a, const char *id, const char *text, int y)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    UiWidget t = ui_proto(id, ROLE_HEADING);
    ui_copy_text(t.text, sizeof t.text, text);
    t.font_px = ui->font_body;
    t.weight = TEXT_BOLD;
    t.rect = R(U, y, ui->w - 2 * U,
               ui_text_height(ui, t.text, t.font_px, TEXT_BOLD, ui->w - 2 * U, false));
    ui_add(ui, &t);
    return y + t.rect.h + U;
}

/* The height lay_paragraph gives text at width in look. */
static int paragraph_h(App *a, const char *text, int width, UiLook look)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    bool boxed = look == LOOK_NOTICE || look == LOOK_ERROR;
    return ui_text_height(ui, text, ui->font_body, TEXT_REGULAR, boxed ? width - 4 * U : width,
                          false) + (boxed ? 2 * U : 0);
}

int lay_split_paragraph(App *a, const char *id, const char *text, UiLook look, int width,
                        int room, LayPart *parts, int max, char *buf, size_t cap, size_t *used)
{
    int n = 0;
    while (*text && n < max) {
        LayPart *p = &parts[n];
        p->look = look;
        if (n == 0)
            snprintf(p->id, sizeof p->id, "%s", id);
        else
            snprintf(p->id, sizeof p->id, "%s.%d", id, n + 1);
        size_t len = strlen(text), best = 0;
        if (n + 1 < max && *used + len + 1 <= cap && paragraph_h(a, text, width, look) > room) {
            /* the longest run of whole words that fits (one word at least) */
            for (size_t i = 1; i <= len; i++) {
                if (text[i] != ' ' && text[i] != '\0')
                    continue;
                memcpy(buf + *used, text, i);
                buf[*used + i] = '\0';
                if (best && paragraph_h(a, buf + *used, width, look) > room)
                    break;
                best = i;
            }
        }
        if (!best || best >= len) {   /* the rest whole */
            p->text = text;
            n++;
            break;
        }
        memcpy(buf + *used, text, best);
        buf[*used + best] = '\0';
        p->text = buf + *used;
        *used += best + 1;
        n++;
        text += best;
        while (*text == ' ')
            text++;
    }
    return n;
}

int lay_part_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    (void)bottom;
    const LayPart *p = &((const LayPart *)ctx)[i];
    return lay_paragraph(a, p->id, p->text, x, y, w, p->look);
}

int lay_compact_field(App *a, const char *id, const char *label, const char *value, int x, int y,
                      int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    UiWidget f = ui_proto(id, ROLE_FIELD);
    f.look = LOOK_KEY;
    f.personal = value[0] != '\0';
    f.placeholder = !f.personal;
    f.weight = f.personal ? TEXT_BOLD : TEXT_REGULAR;
    ui_copy_text(f.text, sizeof f.text, f.personal ? value : label);
    if (f.personal)
        ui_copy_text(f.sub, sizeof f.sub, label);
    else
        f.font_px = ui->font_body;   /* the label, as a label is set */
    int tw = w - 2 * U - 2;
    int h = ui_text_height(ui, label, f.personal ? ui_sub_px_of(ui, ui->font_button)
                                                 : ui->font_body, TEXT_REGULAR, tw, false) +
            (f.personal ? ui_text_height(ui, value, ui->font_button, TEXT_BOLD, tw, true) : 0) +
            2 * U;
    f.rect = R(x, y, w, h > ui->target ? h : ui->target);
    ui_add(ui, &f);
    return y + f.rect.h + U;
}
