/* support_service_pages.c — a service's facts on pages, for when its
 * columns do not fit (larger text in Urdu at 800x480): the heading on
 * the first page, then each fact and paragraph measured as drawn, as
 * many a page as fit (lay_split_pages, lay_show_page), with Previous
 * and More as arrows at the two ends of the column. */
#include "support_service.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* When the columns do not fit (larger text in Urdu at 800x480): the
 * facts, then the description, one after another in one column, each
 * measured as drawn, as many a page as fit (lay_split_pages); a fact or
 * paragraph taller than a page in runs of whole words; the heading on
 * the first page only (at the body's size when even one fact does not
 * fit under it); Previous and More as arrows at the two ends, so the
 * bottom row keeps Start again and Take this home. */
#define PIECES_MAX 96

typedef struct {
    int block;        /* in Facts.b */
    size_t off, len;  /* the run of its text */
    int part;         /* 0: the first run of its block */
    int desc;         /* a description's run: N of support.svc.desc.N */
} Piece;

typedef struct {
    const Service *v;
    const Facts *f;
    bool small;       /* the heading at the body's size */
    Piece p[PIECES_MAX];
    int n;
} Paged;

/* Piece p at x, y in a column w wide: the icon beside a fact's first
 * run. Returns the y below it. */
static int piece_at(App *a, const Facts *f, const Piece *p, int x, int y, int w)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    const Block *b = &f->b[p->block];
    int side = b->icon ? ui->font_icon : 0, tw = w - (side ? side + U : 0);
    const char *text = b->text + p->off;
    int h = sup_svc_piece_h(a, text, p->len, tw, b->lang);
    if (b->icon && p->part == 0) {
        UiWidget ic = ui_proto("", ROLE_VALUE);
        snprintf(ic.id, sizeof ic.id, "%s.icon", b->id);
        sup_icon_utf8(b->icon, ic.text);
        ic.lang = THEME_ICON_LANG;
        ic.font_px = side;
        ic.personal = a->v.sup_sensitive;
        ic.rect = R(x, y, side, side);
        ui_add(ui, &ic);
    }
    UiWidget t = ui_proto("", ROLE_TEXT);
    if (!b->icon)
        snprintf(t.id, sizeof t.id, "support.svc.desc.%d", p->desc);
    else if (p->part == 0)
        snprintf(t.id, sizeof t.id, "%s", b->id);
    else
        snprintf(t.id, sizeof t.id, "%.24s.%d", b->id, p->part + 1);
    snprintf(t.text, sizeof t.text, "%.*s", (int)p->len, text);
    t.lang = b->lang;
    t.align = sup_svc_own_align(ui, b);
    t.personal = a->v.sup_sensitive;
    t.rect = R(x + (side ? side + U : 0), y, tw, h);
    ui_add(ui, &t);
    return y + (h > side ? h : side) + U;
}

/* Item i of the pages: the heading, the note on English, then each run. */
static int paged_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom)
{
    (void)bottom;
    const Paged *pg = ctx;
    if (i == 0) {
        y = sup_svc_title_at(a, pg->v, pg->small, x, y, w);
        return sup_svc_english_note(a, x, y, w) + a->ui.unit / 2;
    }
    return piece_at(a, pg->f, &pg->p[i - 1], x, y, w);
}

/* Cuts each block of pg->f into runs, as the pages will hold them from
 * top to bottom in a column w wide at x: a fact or paragraph that does
 * not fit the rest of a page goes whole to the next; one taller than a
 * page fills the rest (a third of a page at least, else from the next
 * page's top) and flows on, cut between words. The first page starts
 * under the heading (item 0). Into pg->p. */
static void split_pieces(App *a, Paged *pg, int x, int top, int w, int bottom)
{
    Ui *ui = &a->ui;
    int U = ui->unit, desc = 0, mark = ui->n;
    int y = paged_item(a, pg, 0, x, top, w, bottom);
    ui->n = mark;
    pg->n = 0;
    for (int i = 0; i < pg->f->n; i++) {
        const Block *b = &pg->f->b[i];
        int side = b->icon ? ui->font_icon : 0, tw = w - (side ? side + U : 0), part = 0;
        const char *t = b->text;
        size_t len = strlen(t);
        while (len > 0 && pg->n < PIECES_MAX) {
            size_t n = sup_svc_piece_len(t, len);
            int h = sup_svc_piece_h(a, t, n, tw, b->lang);
            h = h > side ? h : side;
            if (y + h > bottom) {
                /* what fits a page goes whole to the next; a longer text
                 * fills the rest of this one, unless that is a sliver */
                size_t p = 0;
                if (h > bottom - top && (y == top || bottom - y >= (bottom - top) / 3))
                    p = sup_svc_prefix_fitting(a, t, n, tw, bottom - y, b->lang);
                if (p > 0) {
                    n = p;
                    h = sup_svc_piece_h(a, t, n, tw, b->lang);
                    h = h > side ? h : side;
                } else if (y > top) {
                    y = top;   /* on the next page */
                    continue;
                }
            }
            pg->p[pg->n++] = (Piece){ i, (size_t)(t - b->text), n, part++, b->icon ? 0 : desc++ };
            y += h + U;
            t += n;
            len -= n;
            while (len > 0 && (*t == ' ' || *t == '\n')) {
                t++;
                len--;
            }
        }
    }
}

/* The facts on pages with the arrows beside them; returns how many pages
 * (lay_split_pages' count). */
int sup_svc_paged(App *a, const Service *v, const Facts *f, int top)
{
    Ui *ui = &a->ui;
    int U = ui->unit, aw = ui->base_target;
    UiWidget *next = lay_next_button(a, "support.take", _("Take this home"), true);
    int end_room = next ? next->rect.w : sup_primary_w(a);
    int bottom = sup_bottom_top(a, false, end_room) - U / 2;
    int x = 2 * U + aw, w = ui->w - 2 * x;
    static Paged pg;
    memset(&pg, 0, sizeof pg);
    pg.v = v;
    pg.f = f;
    int items = 1, starts[PIECES_MAX + 1], pages = 1;
    for (int k = 0; k < 2; k++) {
        pg.small = k == 1;
        split_pieces(a, &pg, x, top, w, bottom);
        items = 1 + pg.n;
        bool fit = false;
        pages = lay_split_pages(a, paged_item, &pg, items, x, top, w, bottom, starts,
                                PIECES_MAX + 1, &fit);
        if (fit)
            break;
    }
    if (a->v.sup_text_page >= pages)
        a->v.sup_text_page = pages - 1;
    int page = a->v.sup_text_page;
    lay_show_page(a, paged_item, &pg, starts, pages, items, page, x, top, w, bottom);
    if (pages > 1) {
        UiWidget *p = ui_button_icon(ui, "support.svc.prev", "", R(U, top, aw, bottom - top),
                                     LOOK_SECONDARY, ICON_BACK);
        if (p) {
            p->enabled = page > 0;
            ui_copy_text(p->label, sizeof p->label, _("Previous"));
        }
        UiWidget *m = ui_button_icon(ui, "support.svc.more", "",
                                     R(ui->w - U - aw, top, aw, bottom - top), LOOK_SECONDARY,
                                     ICON_NEXT);
        if (m) {
            m->enabled = page < pages - 1;
            ui_copy_text(m->label, sizeof m->label, _("More"));
        }
    }
    sup_bottom_row(a, "support.svc", 0, 1, end_room);
    sodium_memzero(&pg, sizeof pg);
    return pages;
}
