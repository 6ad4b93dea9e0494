/* support_search.c — search the directory as the visitor types: the
 * field, the needs and services that match so far, and the keys of the
 * visitor's own script (the layout of kbd_screen.c); when tall words on a
 * short screen leave no row between the field and the keys, the first
 * results sit beside a shorter field. Done hides the keys and shows every
 * result. What is typed is the visitor's own: it is a
 * declared field (VF_SEARCH, wiped with the visitor), shown as personal
 * text (never cached by the text engine), and never logged; the results
 * it brought are personal too. */
#include "support.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Runs the search for what is typed into a->sup's items. */
static void run(App *a)
{
    Support *s = sup_state(a);
    if (!s)
        return;
    sodium_memzero(s->items, sizeof s->items);
    s->n = 0;
    Directory *d = sup_dir(a);
    if (!d || !a->v.search[0])
        return;
    int n = directory_search(d, a->v.search, a->lang_tag, s->items, SUP_MAX_ITEMS);
    s->n = n > 0 ? n : 0;
}

void support_search_enter(App *a, Screen from)
{
    a->v.field = VF_SEARCH;
    a->v.sup_sensitive = false;
    if (from == SCR_SUPPORT)
        a->v.sup_list_page = 0;
    /* the keys of the visitor's own script (or the one switched to) */
    keyboard_enter(a, from);
    run(a);
}

static void typed(App *a)
{
    a->v.sup_list_page = 0;
    run(a);
    a->dirty = true;
}

void support_search_text(App *a, const char *text)
{
    if (!a->v.sup_typing)
        return;
    const char *msg = visitor_type(&a->v, VF_SEARCH, text);
    a->v.message = msg;
    typed(a);
}

void support_search_key(App *a, HardKey key)
{
    if (key == HARD_BACKSPACE) {
        visitor_backspace(&a->v, VF_SEARCH);
        a->v.message = NULL;
        typed(a);
    } else {
        (void)visitor_finish(&a->v, VF_SEARCH);
        a->v.sup_typing = false;
        typed(a);
    }
}

/* What a result is, under its name. */
static const char *result_kind(App *a, const DirItem *d)
{
    return d->is_need ? _("Support for this situation")
           : d->at_hub ? _("A service at this hub") : _("A service");
}

/* Heights of the result rows measured in one build, so the arrangements
 * tried measure each name once (they are personal text, which the text
 * engine never caches): per result and with or without what it is, one
 * for the whole width and one for another. */
typedef struct {
    struct {
        int w, h;
    } e[SUP_MAX_ITEMS][2][2];
} Heights;

/* Height of result i's row w wide: its name (and with sub what it is)
 * as tall as their words, a target at least; from m when measured
 * there. Adds nothing. */
static int result_h(App *a, Heights *m, int i, int w, bool sub)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    int slot = w == ui->w - 2 * U ? 0 : 1;
    if (i >= 0 && i < SUP_MAX_ITEMS && m->e[i][sub][slot].w == w)
        return m->e[i][sub][slot].h;
    const DirItem *d = &a->sup->items[i];
    /* a button's padding each side and the arrow beside the words */
    int tw = w - 2 * U - ui->font_icon - U;
    int h = sup_text_h(a, d->name, ui->font_button, TEXT_BOLD, tw, true) + 2 * U;
    if (sub)
        h += sup_text_h(a, result_kind(a, d), ui_sub_px_of(ui, ui->font_button), TEXT_REGULAR,
                        tw, false);
    h = h > T ? h : T;
    if (i >= 0 && i < SUP_MAX_ITEMS) {
        m->e[i][sub][slot].w = w;
        m->e[i][sub][slot].h = h;
    }
    return h;
}

/* A result's row: a need or a service, with what it is under its name
 * when sub. */
static void result(App *a, int i, SDL_Rect r, bool sub)
{
    const DirItem *d = &a->sup->items[i];
    UiWidget w = ui_proto("", ROLE_BUTTON);
    snprintf(w.id, sizeof w.id, "support.result.%d", i);
    w.look = LOOK_SECONDARY;
    w.personal = true;
    w.align = TEXT_ALIGN_START;
    w.icon = ICON_NEXT;
    ui_copy_text(w.text, sizeof w.text, d->name);
    if (sub)
        ui_copy_text(w.sub, sizeof w.sub, result_kind(a, d));
    w.rect = r;
    ui_add(&a->ui, &w);
}

/* How the results' pages are laid out (result_item's ctx). */
typedef struct {
    Heights *m;
    bool sub;          /* what each is under its name */
    bool squeeze;      /* a row beside the field no taller than the room, its
                          words smaller to fit */
    int top;           /* the y of a page's first row */
    SDL_Rect beside;   /* w > 0: a page's first row beside the field, there,
                          at least h tall */
} Rows;

/* Height of result i's row beside the field, above bottom. */
static int beside_h(App *a, const Rows *rows, int i, int bottom)
{
    int h = result_h(a, rows->m, i, rows->beside.w, rows->sub);
    h = h > rows->beside.h ? h : rows->beside.h;
    return rows->squeeze && h > bottom - rows->top ? bottom - rows->top : h;
}

/* Where result i's row goes at y, w wide from x: beside the field when
 * it is the first of a page and rows->beside has a width. Sets *below to
 * the y under it. */
static SDL_Rect row_at(App *a, const Rows *rows, int i, int x, int y, int w, int bottom,
                       int *below)
{
    int U = a->ui.unit;
    if (rows->beside.w > 0 && y == rows->top) {
        SDL_Rect r = rows->beside;
        r.h = beside_h(a, rows, i, bottom);
        *below = y + r.h + U;
        return r;
    }
    int h = result_h(a, rows->m, i, w, rows->sub);
    *below = y + h + U / 2;
    return R(x, y, w, h);
}

/* A LayItemFn: result i as tall as its words (row_at). */
static int result_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    const Rows *rows = ctx;
    int below;
    result(a, i, row_at(a, rows, i, x, y, w, bottom, &below), rows->sub);
    return below;
}

/* Splits the n results into pages as lay_split_pages does, from the
 * heights measured (adding nothing, so each name is measured once):
 * starts[p] the first of page p. Returns the number of pages (at least
 * 1); *fit is false when a row does not fit even alone. */
static int split_rows(App *a, const Rows *rows, int n, int y, int bottom, int starts[],
                      bool *fit)
{
    int W = a->ui.w - 2 * a->ui.unit, pages = 0, i = 0;
    *fit = true;
    while (i < n && pages < SUP_MAX_ITEMS) {
        starts[pages++] = i;
        int ly = y, k = i;
        while (k < n) {
            int below;
            SDL_Rect r = row_at(a, rows, k, a->ui.unit, ly, W, bottom, &below);
            bool ok = r.y + r.h <= bottom;
            if (!ok && k > i)
                break;
            *fit = *fit && ok;
            ly = below;
            k++;
        }
        i = k;
    }
    return pages > 0 ? pages : 1;
}

/* The field's text: what is typed, or what to type. */
static const char *field_text(App *a)
{
    return a->v.search[0] ? a->v.search : _("Type a word to search for");
}

/* Height of the field w wide: what is typed at the button's size (bold),
 * or what to type at the body's (as a label inside a field is set,
 * lay_compact_field; at the secondary size when small), as tall as its
 * words and a target at least. Adds nothing. */
static int field_h(App *a, int w, bool small)
{
    Ui *ui = &a->ui;
    bool typed = a->v.search[0] != '\0';
    int px = typed ? ui->font_button : small ? ui->font_small : ui->font_body;
    int h = sup_text_h(a, field_text(a), px, typed ? TEXT_BOLD : TEXT_REGULAR,
                       w - 2 * ui->unit, typed) + 2 * ui->unit;
    return h > ui->target ? h : ui->target;
}

/* The field at x, y, w wide and h tall (small as field_h); tapped, it
 * shows the keys. */
static void field(App *a, int x, int y, int w, int h, bool small)
{
    Ui *ui = &a->ui;
    bool typed = a->v.search[0] != '\0', typing = a->v.sup_typing;
    UiWidget f = ui_proto("support.search.field", ROLE_FIELD);
    f.look = a->v.message && typing ? LOOK_ERROR : LOOK_KEY;
    f.personal = typed;
    f.placeholder = !typed;
    f.weight = typed ? TEXT_BOLD : TEXT_REGULAR;
    f.font_px = typed ? ui->font_button : small ? ui->font_small : ui->font_body;
    f.align = TEXT_ALIGN_START;
    ui_copy_text(f.text, sizeof f.text, field_text(a));
    f.cursor = typing;
    f.rect = R(x, y, w, h);
    ui_add(ui, &f);
}

/* The note shown in place of results (what to type, nothing found, the
 * field's message while typing), or NULL when there are results. */
static const char *note_text(App *a)
{
    int n = a->sup ? a->sup->n : 0;
    if (a->v.sup_typing && a->v.message)
        return _(a->v.message);
    if (!a->v.search[0])
        return _("Type a word, like food, housing or baby.");
    if (n == 0)
        return _("Nothing found. Try another word, or ask at the desk.");
    return NULL;
}

/* The results, Done pressed: the field, then the results as tall as
 * their words (with what each is under its name when sub) on pages above
 * Start again and the pager, or the note; when beside, a shorter field
 * with each page's first result beside it (squeezed: that row no taller
 * than the room, its words smaller to fit, or cut: then without sub).
 * True when it all fits. */
static bool results_layout(App *a, Heights *m, int y, bool sub, bool beside, bool squeeze)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U, mark = ui->n;
    const char *note = note_text(a);
    int n = note ? 0 : a->sup->n;
    Rows rows = { .m = m, .sub = sub, .squeeze = squeeze };
    int fw = beside && n > 0 ? (W - U) * 2 / 5 : W, fh = field_h(a, fw, false);
    if (fw < W)   /* each page's first row as tall as the field at least */
        rows.beside = R(2 * U + fw, y, W - U - fw, fh);
    else
        y += fh + U;
    rows.top = y;
    if (note) {
        field(a, U, rows.top - fh - U, fw, fh, false);
        lay_paragraph(a, "support.search.note", note, U, y, W, LOOK_PLAIN);
        sup_bottom_row(a, "support.search", 0, 1, 0);
        return lay_fits_since(ui, mark, ui->h);
    }
    int starts[SUP_MAX_ITEMS];
    bool fit = false;
    int bottom = sup_bottom_top(a, false, 0);
    int pages = split_rows(a, &rows, n, y, bottom, starts, &fit);
    if (pages > 1 || !fit) {
        bottom = sup_bottom_top(a, true, 0);
        pages = split_rows(a, &rows, n, y, bottom, starts, &fit);
    }
    if (a->v.sup_list_page >= pages)
        a->v.sup_list_page = pages - 1;
    int page = a->v.sup_list_page;
    /* the field as tall as the row beside it on this page */
    field(a, U, fw < W ? y : y - fh - U, fw, fw < W ? beside_h(a, &rows, starts[page], bottom) : fh,
          false);
    lay_show_page(a, result_item, &rows, starts, pages, n, page, U, y, W, bottom);
    sup_bottom_row(a, "support.search", page, pages, 0);
    return fit && lay_fits_since(ui, mark, ui->h);
}

/* The keys' rows from the foot up, each kh tall (keyboard_keys_but lays
 * them out the same from the y this returns). */
static int keys_top(App *a, int rows, int kh)
{
    Ui *ui = &a->ui;
    int gap = ui->unit / 2;
    return ui->h - ui->unit - (rows * (kh + gap) - gap);
}

/* The keys' height when they take the room from y to the foot: at most
 * a target (a target and a half on a tall screen), or when tall (their
 * words need it: Nastaliq in larger text) as keyboard_keys_but's most. */
static int keys_h(App *a, int y, int rows, bool tall)
{
    Ui *ui = &a->ui;
    int T = ui->target, gap = ui->unit / 2;
    int most = portrait(a) ? (tall ? T * 9 / 5 : T * 3 / 2) : (tall ? T * 3 / 2 : T);
    int kh = (ui->h - ui->unit - y + gap) / rows - gap;
    return kh > most ? most : kh;
}

/* The arrangements while typing (typing_layout). */
typedef enum {
    WAY_UNDER,      /* the field across, the first results (or the note) under it */
    WAY_BESIDE,     /* a shorter field, the first result (or the note) beside it */
    WAY_SQUEEZED,   /* the same in the row keys of the least size leave, their
                       words smaller to fit (at least 9 mm tall) */
    WAY_TRIO,       /* the field, the first result and the keys' row that holds
                       Done in one row (tall words on a wide screen) */
    WAY_ALONE,      /* the field across, no results (Done shows them) */
    WAY_DONE,       /* the field with the keys' row that holds Done beside it */
    WAY_DONE_HALF   /* the same with the field half the row (a long hint) */
} Way;

typedef struct {
    Way way;
    int least;    /* the least a key may be, px (never under 9 mm) */
    bool tall;    /* keys up to keyboard_keys_but's most (keys_h) */
    bool cut;     /* result rows a target tall, their names cut to fit */
    bool small;   /* the field's hint at the secondary size */
} Try;

/* The field and the keys with no results: across the screen over the
 * keys, or beside the row with Done. Adds its widgets even when they do
 * not fit. True when it all fits. */
static bool typing_alone(App *a, int y, const Try *t, int least)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U, mark = ui->n;
    if (t->way == WAY_ALONE) {
        int fh = field_h(a, W, t->small);
        field(a, U, y, W, fh, t->small);
        bool keys = keyboard_keys_but(a, y + fh + U / 2, -1, least);
        return keys && lay_fits_since(ui, mark, ui->h);
    }
    int row = keyboard_done_row(a);
    if (row < 0)
        return false;
    int fw = t->way == WAY_DONE_HALF ? (W - U) / 2 : (W - U) * 2 / 5;
    int fh = field_h(a, fw, t->small);
    field(a, U, y, fw, fh, t->small);
    /* the keys are not mirrored: the row sits where the field is not */
    keyboard_row(a, row, ui->rtl ? U : 2 * U + fw, W - U - fw, y, fh);
    bool keys = keyboard_keys_but(a, y + fh + 2, row, least);
    return keys && lay_fits_since(ui, mark, ui->h);
}

/* The field, the first result (its name cut to fit) and the keys' row
 * with Done in one row, the other keys under it. True when it all fits. */
static bool typing_trio(App *a, int y, int least)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U, mark = ui->n;
    int row = keyboard_done_row(a);
    if (row < 0 || note_text(a))
        return false;
    int dw = (W - 2 * U) * 2 / 5, fw = (W - 2 * U) / 4, rw = W - 2 * U - dw - fw;
    int fh = field_h(a, fw, false);
    field(a, U, y, fw, fh, false);
    result(a, 0, R(2 * U + fw, y, rw, fh), false);
    /* the keys are not mirrored: the row sits at the end, where the
     * field is not */
    keyboard_row(a, row, ui->rtl ? U : ui->w - U - dw, dw, y, fh);
    bool keys = keyboard_keys_but(a, y + fh + 2, row, least);
    return keys && lay_fits_since(ui, mark, ui->h);
}

/* While typing, as t says: the field, the first results or the note,
 * the keys under them, every key at least t->least px and 9 mm. True
 * when it all fits; WAY_ALONE and the WAY_DONEs add their widgets even
 * then. */
static bool typing_layout(App *a, Heights *m, int y, const Try *t)
{
    Ui *ui = &a->ui;
    int U = ui->unit, W = ui->w - 2 * U, T = ui->target, mark = ui->n;
    int min_key = (int)(ui->px_per_mm * 9.0 + 0.999);
    int least = t->least < min_key ? min_key : t->least;
    if (t->way >= WAY_ALONE)
        return typing_alone(a, y, t, least);
    if (t->way == WAY_TRIO)
        return typing_trio(a, y, least);
    const KeyPage *pg = &a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0];
    int rows = pg->nrows > 0 ? pg->nrows : 4;
    bool side = t->way != WAY_UNDER;
    int fw = side ? (W - U) * 2 / 5 : W, sx = 2 * U + fw, sw = W - U - fw;
    const char *note = note_text(a);
    int cw = side ? sw : W, fh = field_h(a, fw, false), ky, row_h;
    int ch = note ? sup_text_h(a, note, ui->font_body, TEXT_REGULAR, cw, false)
                  : t->cut ? T : result_h(a, m, 0, cw, false);
    int cy = side ? y : y + fh + U / 2;
    if (t->way == WAY_SQUEEZED) {
        /* the keys of the least size, 2 px apart, at the foot; the row
         * takes what they leave */
        ky = ui->h - U - (rows * (least + 2) - 2);
        row_h = ky - 2 - y;
        if (row_h < min_key)
            return false;
    } else {
        row_h = side ? (fh > ch || t->cut ? fh : ch) : fh;
        int kh = keys_h(a, side ? y + row_h + U / 2 : cy + ch + U / 2, rows, t->tall);
        if (kh < least)
            return false;
        ky = keys_top(a, rows, kh);
    }
    field(a, U, y, fw, row_h, false);
    if (note) {
        lay_paragraph(a, "support.search.note", note, side ? sx : U, cy, cw, LOOK_PLAIN);
    } else if (side) {
        /* two results beside the field when each still has 12 cm for its
         * name */
        int per = sw >= (int)(ui->px_per_mm * 240.0) && a->sup->n > 1 ? 2 : 1;
        int rw = (sw - (per - 1) * (U / 2)) / per;
        for (int k = 0; k < per; k++)
            result(a, k, R(sx + k * (rw + U / 2), y, rw, row_h), false);
    } else {
        for (int i = 0; i < a->sup->n; i++) {
            int h = t->cut ? T : result_h(a, m, i, W, false);
            if (cy + h > ky - U / 2)
                break;
            result(a, i, R(U, cy, W, h), false);
            cy += h + U / 2;
        }
    }
    bool keys = keyboard_keys_but(a, ky, -1, least);
    return keys && lay_fits_since(ui, mark, ui->h);
}

void support_search_build(App *a)
{
    Ui *ui = &a->ui;
    int y = lay_top_bar(a, true), mark = ui->n;
    Heights m;
    memset(&m, 0, sizeof m);
    if (!sup_state(a)) {   /* out of memory: the field alone, Back still there */
        int w = ui->w - 2 * ui->unit;
        field(a, ui->unit, y, w, field_h(a, w, false), false);
        return;
    }
    if (!a->v.sup_typing) {
        /* the results under the field with what each is under its name,
         * then without; then each page's first beside a shorter field.
         * Each is taken only when every page fits (the heights measured),
         * so the pages stay the same whichever is shown. Last, names alone
         * in rows no taller than the room beside the field, set smaller
         * or cut to fit (a name is personal text: ui_add cuts it with an
         * ellipsis), which every page does */
        for (int k = 0; k < 4; k++) {
            if (results_layout(a, &m, y, k % 2 == 0, k >= 2, false))
                return;
            ui->n = mark;
        }
        results_layout(a, &m, y, false, true, true);
        return;
    }
    /* results show as the visitor types: under the field, then beside
     * it, with keys of four fifths of a target, then of 9 mm; the same
     * with the rows a target tall (names cut to fit), then all of it
     * with keys taller for their words; then squeezed between the bar
     * and keys of 9 mm; then in one row with the keys' row with Done.
     * Only then the field alone over the keys, or
     * beside the row with Done (Done shows the results), its hint at the
     * body's size, then smaller. */
    int leasts[2] = { ui->target * 4 / 5, 0 };
    Try t = { 0 };
    for (int tall = 0; tall < 2; tall++)
        for (int cut = 0; cut < 2; cut++)
            for (int k = 0; k < 2; k++)
                for (int way = WAY_UNDER; way <= WAY_BESIDE; way++) {
                    t = (Try){ (Way)way, leasts[k], tall != 0, cut != 0, false };
                    if (typing_layout(a, &m, y, &t))
                        return;
                    ui->n = mark;
                }
    for (int way = WAY_SQUEEZED; way <= WAY_TRIO; way++) {
        t = (Try){ (Way)way, 0, true, true, false };
        if (typing_layout(a, &m, y, &t))
            return;
        ui->n = mark;
    }
    for (int small = 0; small < 2; small++)
        for (int k = 0; k < 2; k++)
            for (int way = WAY_ALONE; way <= WAY_DONE_HALF; way++) {
                t = (Try){ (Way)way, leasts[k], true, false, small != 0 };
                if (typing_layout(a, &m, y, &t))
                    return;
                ui->n = mark;
            }
    t = (Try){ WAY_ALONE, 0, true, false, true };
    typing_layout(a, &m, y, &t);   /* the fallback builds smaller (screens_build) */
}

bool support_search_tap(App *a, const char *id)
{
    Support *s = a->sup;
    int i;
    if (sscanf(id, "support.result.%d", &i) == 1 && s && i >= 0 && i < s->n) {
        const DirItem *d = &s->items[i];
        if (d->is_need) {
            snprintf(a->v.sup_need, sizeof a->v.sup_need, "%s", d->id);
            a->v.sup_need_from_search = true;
            app_go(a, SCR_SUPPORT_NEED);
        } else {
            snprintf(a->v.sup_service, sizeof a->v.sup_service, "%s", d->id);
            a->v.sup_from_search = true;
            a->v.sup_text_page = 0;
            app_go(a, SCR_SUPPORT_SERVICE);
        }
        return true;
    }
    if (!strcmp(id, "nav.back")) {
        /* leaving the search: what was typed goes */
        sodium_memzero(a->v.search, sizeof a->v.search);
        a->v.field = VF_NONE;
        a->v.message = NULL;
        app_go(a, SCR_SUPPORT);
        return true;
    }
    if (!strcmp(id, "support.search.field")) {
        if (!a->v.sup_typing) {
            a->v.sup_typing = true;
            keyboard_enter(a, SCR_SUPPORT_SEARCH);
        }
        return true;
    }
    if (a->v.sup_typing) {
        if (!strcmp(id, "kbd.done")) {
            support_search_key(a, HARD_ENTER);
            return true;
        }
        if (!strcmp(id, "kbd.back")) {
            support_search_key(a, HARD_BACKSPACE);
            return true;
        }
        if (!strncmp(id, "kbd.", 4) && keyboard_tap(a, id)) {
            typed(a);
            return true;
        }
        return false;
    }
    return sup_bottom_tap(a, "support.search", id, &a->v.sup_list_page);
}
