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

/* A result's row: a need or a service, with what it is under its name. */
static void result(App *a, int i, SDL_Rect r)
{
    const DirItem *d = &a->sup->items[i];
    UiWidget w = ui_proto("", ROLE_BUTTON);
    snprintf(w.id, sizeof w.id, "support.result.%d", i);
    w.look = LOOK_SECONDARY;
    w.personal = true;
    w.align = TEXT_ALIGN_START;
    w.icon = ICON_NEXT;
    ui_copy_text(w.text, sizeof w.text, d->name);
    if (r.h >= a->ui.target * 3 / 2)
        ui_copy_text(w.sub, sizeof w.sub,
                     d->is_need ? _("Support for this situation")
                     : d->at_hub ? _("A service at this hub") : _("A service"));
    w.rect = r;
    ui_add(&a->ui, &w);
}

void support_search_build(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    Support *s = a->sup;
    bool typing = a->v.sup_typing;
    int y = lay_top_bar(a, true);
    /* the field: what is typed, or what to type */
    const char *value = a->v.search;
    UiWidget f = ui_proto("support.search.field", ROLE_FIELD);
    f.look = a->v.message && typing ? LOOK_ERROR : LOOK_KEY;
    f.personal = value[0] != '\0';
    f.placeholder = !value[0];
    f.weight = value[0] ? TEXT_BOLD : TEXT_REGULAR;
    f.align = TEXT_ALIGN_START;
    ui_copy_text(f.text, sizeof f.text, value[0] ? value : _("Type a word to search for"));
    f.cursor = typing;
    f.rect = R(U, y, ui->w - 2 * U, T);
    int field_y = y;
    y += T + U;
    int n = s ? s->n : 0;
    int bottom, row_h = typing ? T : T * 3 / 2;
    /* the least a key or a result row may be while typing: 9 mm, and two
     * thirds of the language's own height */
    int least = (int)(ui->px_per_mm * 9.0 + 0.999);
    if (least < T * 2 / 3)
        least = T * 2 / 3;
    if (typing) {
        const KeyPage *pg = &a->v.kb.pages[a->v.kb_page < a->v.kb.npages ? a->v.kb_page : 0];
        int rows = pg->nrows > 0 ? pg->nrows : 4;
        /* keys as tall as a target (more on a tall screen), shorter down to
         * the least size when that leaves a row for the results */
        int most = portrait(a) ? T * 3 / 2 : T, avail = ui->h - U - y;
        int kh = (avail - (T + U / 2)) / rows - U / 2;
        kh = kh > most ? most : kh < least ? least : kh;
        int keys_y = ui->h - U - rows * (kh + U / 2);
        if (keys_y < y)
            keys_y = y;
        keyboard_keys(a, keys_y);
        bottom = keys_y - U / 2;
    } else {
        bottom = ui->h - 2 * U - T;
    }
    int per = (bottom - y + U / 2) / (row_h + U / 2);
    if (per < 1 && typing) {   /* a tall script: one row of the least size */
        row_h = least;
        per = (bottom - y + U / 2) / (row_h + U / 2);
    }
    if (per < 1 && !typing && bottom - y >= least) {   /* one row, as tall as there is */
        row_h = bottom - y;
        per = 1;
    }
    /* tall words on a short screen leave no row between the field and the
     * keys: the field shortens and the first results show beside it */
    SDL_Rect side = { 0, 0, 0, 0 };
    if (per < 1 && typing) {
        int fw = (ui->w - 3 * U) * 2 / 5;
        f.rect.w = fw;
        side = R(2 * U + fw, field_y, ui->w - 3 * U - fw, T);
        /* two results when each still has 12 cm for its name */
        per = side.w >= (int)(ui->px_per_mm * 240.0) ? 2 : 1;
    }
    ui_add(ui, &f);
    int pages = per > 0 ? (n + per - 1) / per : 1;
    if (pages < 1)
        pages = 1;
    if (a->v.sup_list_page >= pages)
        a->v.sup_list_page = pages - 1;
    if (!typing)
        sup_bottom_row(a, "support.search", a->v.sup_list_page, pages, 0);
    const char *note = NULL;
    if (typing && a->v.message)
        note = _(a->v.message);
    else if (!value[0])
        note = _("Type a word, like food, housing or baby.");
    else if (n == 0)
        note = _("Nothing found. Try another word, or ask at the desk.");
    if (note) {
        /* under the field, or beside it, when there is room (tall words on
         * a small screen may leave none while the keys show) */
        int nw = side.w ? side.w : ui->w - 2 * U, nx = side.w ? side.x : U;
        int room = side.w ? side.h : bottom - y, ny = side.w ? side.y : y;
        int nh = sup_text_h(a, note, ui->font_body, TEXT_REGULAR, nw, false);
        if (nh <= room) {
            lay_paragraph(a, "support.search.note", note, nx, ny, nw, LOOK_PLAIN);
            return;
        }
        /* still there, smaller (never under the floor), so a listen has
         * something to say and the visitor is not left with silence */
        UiWidget w = ui_proto("support.search.note", ROLE_TEXT);
        ui_copy_text(w.text, sizeof w.text, note);
        w.font_px = ui->font_small;
        nh = sup_text_h(a, note, ui->font_small, TEXT_REGULAR, nw, false);
        if (nh > room && typing && !side.w) {
            /* beside a shorter field, as results go when there is no row */
            int fw = (ui->w - 3 * U) * 2 / 5;
            nw = ui->w - 3 * U - fw;
            int bh = sup_text_h(a, note, ui->font_small, TEXT_REGULAR, nw, false);
            int fi = ui_find(ui, "support.search.field");
            if (fi >= 0 && bh <= T + room) {
                ui->w_list[fi].rect.w = fw;
                nx = 2 * U + fw;
                ny = field_y;
                nh = bh;
                room = T + room;
            }
        }
        if (nh <= room) {
            w.rect = R(nx, ny, nw, nh);
            ui_add(ui, &w);
        }
        return;
    }
    int first = typing ? 0 : a->v.sup_list_page * per;
    for (int k = 0; k < per && first + k < n; k++) {
        SDL_Rect r = R(U, y + k * (row_h + U / 2), ui->w - 2 * U, row_h);
        if (side.w) {   /* side by side in the field's row */
            int rw = (side.w - (per - 1) * (U / 2)) / per;
            r = R(side.x + k * (rw + U / 2), side.y, rw, side.h);
        }
        result(a, first + k, r);
    }
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
