/* summary.c — the summary list (lay_summary in layout.h): the answers
 * to check before they are sent, each row its label, the answer in bold,
 * a Change button at the end when the list has one and a rule under it;
 * a note (why it is kept, who will see it) beside the rows or after
 * them; on pages when the rows do not all fit. The check-in's confirm
 * screen and the requests' confirm screen use it. */
#include "layout.h"

#include <stdio.h>

/* One row at y in a column w wide at x; in a plain list the label a
 * third of the row, or (wide) two fifths. Returns the y below it. */
static int summary_row(App *a, const LaySummary *s, const LaySummaryRow *r, int x, int y, int w,
                       bool wide)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, cw = 0;
    if (s->change) {
        /* Change as wide as its words, within a third of the row */
        TextStyle cs = { .size_px = ui->font_button * 4 / 5, .weight = TEXT_BOLD,
                         .lang = a->lang_tag };
        TextExtent ce = { 0 };
        text_measure(ui->te, _("Change"), &cs, 0, &ce);
        cw = ce.w + 2 * U + 4;
        cw = cw < 2 * ui->base_target ? 2 * ui->base_target : cw > w / 3 ? w / 3 : cw;
    }
    /* with Change: the label two fifths of what Change leaves; without:
     * a third of the row */
    int lw = s->change ? (w - cw - 2 * U) * 2 / 5 : wide ? (w - U) * 2 / 5 : w / 3;
    int aw = s->change ? w - cw - lw - 2 * U : w - lw - U;
    int lh = ui_text_height(ui, r->label, ui->font_body, TEXT_REGULAR, lw - 2, false);
    /* measured as ui_add fits it: two pixels to spare; what the visitor
     * typed is measured too, but never cached, and given two lines at
     * most: a longer name is shrunk, then cut (ui_add) */
    int ah = ui_text_height(ui, r->answer, ui->font_body, TEXT_BOLD, aw - 2, r->personal);
    if (r->personal) {
        int two = 2 * ui_text_height(ui, r->answer, ui->font_body, TEXT_BOLD, 0, true);
        ah = ah > two ? two : ah;
    }
    int h = lh > ah ? lh : ah;
    if (s->change)
        h = h > T ? h : T;
    UiWidget l = ui_proto("", ROLE_TEXT);
    snprintf(l.id, sizeof l.id, "%s.%s.label", s->id, r->key);
    ui_copy_text(l.text, sizeof l.text, r->label);
    l.rect = R(x, y, lw, h);
    ui_add(ui, &l);
    UiWidget v = ui_proto("", ROLE_TEXT);
    snprintf(v.id, sizeof v.id, "%s.%s", s->id, r->key);
    v.weight = TEXT_BOLD;
    v.personal = r->personal;
    ui_copy_text(v.text, sizeof v.text, r->answer);
    v.rect = R(x + lw + U, y, aw, h);
    ui_add(ui, &v);
    if (s->change) {
        char id[48];
        snprintf(id, sizeof id, "%s.change.%s", s->id, r->key);
        ui_button_icon(ui, id, _("Change"), R(x + w - cw, y + (h - T) / 2, cw, T),
                       LOOK_SECONDARY, ICON_NONE);
    }
    if (!s->change)   /* a plain list: rows closer, no rules */
        return y + h + U / 2;
    UiWidget rule = ui_proto("", ROLE_PANEL);
    snprintf(rule.id, sizeof rule.id, "%s.%s.rule", s->id, r->key);
    rule.look = LOOK_KEY;
    rule.rect = R(x, y + h + U / 2, w, 1);
    ui_add(ui, &rule);
    return y + h + U;
}

/* The list as laid out on pages: the note whole, or in parts (runs of
 * words) when it is taller than a page. */
#define NOTE_PARTS 8

typedef struct {
    const LaySummary *s;
    LayPart note[NOTE_PARTS];
    int nnote;
    bool wide;      /* a plain list's labels two fifths of the row */
    /* the heading (at the body's size) the first item, on the first page
     * only, its id tid */
    bool title_item;
    char tid[48];
    char buf[1024];
} SummaryFlow;

/* Item i at y: the heading when it is an item, a row, or (after the
 * rows) the note's parts. Returns the y below it. */
static int summary_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    const SummaryFlow *f = ctx;
    if (f->title_item && i-- == 0)
        return lay_small_heading(a, f->tid, f->s->title, y);
    if (i < f->s->nrows)
        return summary_row(a, f->s, &f->s->rows[i], x, y, w, f->wide);
    if (f->nnote == 1)
        return lay_paragraph_max(a, f->s->note_id, f->s->note, x, y, w, LOOK_NOTICE, bottom - y,
                                 false);
    return lay_part_item(a, f->note, i - f->s->nrows, x, y, w, bottom);
}

/* The note beside the rows, right of them (before mirroring). */
static void note_beside(App *a, const LaySummary *s, int colw, int y, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    lay_paragraph_max(a, s->note_id, s->note, 2 * U + colw, y, ui->w - 3 * U - colw, LOOK_NOTICE,
                      bottom - y, false);
}

void lay_summary(App *a, const LaySummary *s, int top)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    char tid[48];
    snprintf(tid, sizeof tid, "%s.title", s->id);
    int title_mark = ui->n, y = lay_heading(a, tid, s->title, top);
    /* landscape: the rows on the left, the note on the right above the
     * forward button; portrait, or when the words need the width: one
     * under the other, in a readable column, the note last. Every answer
     * whole: when the rows do not fit (larger text, a tall script), they
     * go on pages; when not even one fits under the heading, the heading
     * is set at the body's size. */
    int next_w = lay_next_w(ui), x = U, colw = 0, bottom = ui->h - U - T - U;
    int starts[LAY_SUMMARY_MAX_ROWS + NOTE_PARTS] = { 0 }, pages = 1, items = s->nrows;
    bool two = false;
    SummaryFlow f;
    f.s = s;
    f.nnote = 1;
    f.wide = false;
    f.title_item = false;
    snprintf(f.tid, sizeof f.tid, "%s", tid);
    /* then, still short, the note in runs of words; then a plain list's
     * labels wider (a long label on fewer lines); then the heading on the
     * first page only, so a row taller than the room it leaves has the
     * page under the bar */
    for (int mode = portrait(a) ? 1 : 0; mode < 6; mode++) {
        f.wide = mode >= 4;
        if (mode == 5) {
            ui->n = title_mark;
            y = top;
            f.title_item = true;
        }
        if (mode == 3) {
            size_t used = 0;
            f.nnote = lay_split_paragraph(a, s->note_id, s->note, LOOK_NOTICE, colw, bottom - y,
                                          f.note, NOTE_PARTS, f.buf, sizeof f.buf, &used);
        }
        if (mode == 2) {
            ui->n = title_mark;
            y = lay_small_heading(a, tid, s->title, top);
        }
        two = mode == 0;
        x = U;
        if (two) {
            colw = (ui->w - 3 * U) * 3 / 5;
            /* the rows stay clear of the forward button, however tall */
            if (colw > ui->w - 3 * U - next_w)
                colw = ui->w - 3 * U - next_w;
        } else {
            lay_column(ui, &x, &colw);
        }
        bool ok = true;
        if (two) {
            int mark = ui->n;
            note_beside(a, s, colw, y, bottom);
            ok = lay_fits_since(ui, mark, bottom);
            ui->n = mark;
        }
        items = (f.title_item ? 1 : 0) + s->nrows + (two ? 0 : f.nnote);
        bool fit = false;
        if (ok)
            pages = lay_split_pages(a, summary_item, &f, items, x, y, colw, bottom, starts,
                                    (int)(sizeof starts / sizeof starts[0]), &fit);
        if (ok && fit)
            break;
    }
    int page = lay_page(a, pages);
    lay_show_page(a, summary_item, &f, starts, pages, items, page, x, y, colw, bottom);
    if (two)
        note_beside(a, s, colw, y, bottom);
    lay_pager(a, s->id, page, pages, two ? colw : ui->w - 3 * U - next_w);
}
