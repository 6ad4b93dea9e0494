/* text_layout.c — a paragraph's lines: their pieces in visual order,
 * their heights and baselines; the layout cache; text_measure and
 * text_wrap. */
#include "text_private.h"

#include "kiosk/theme.h"

void text_free_layout(Layout *lay)
{
    if (!lay)
        return;
    free(lay->lines);
    free(lay->pieces);
    free(lay->visual);
    free(lay);
}

void text_drop_layout(Entry *e)
{
    text_free_layout(e->data);
}

/* Space kept above and below the ink of a line sized by ink. */
static int ink_margin(int size)
{
    int m = (size * 8 + 50) / 100;
    return m < 2 ? 2 : m;
}

/* The line height of the paragraph's language (theme_line_height): the
 * extra room is split above and below the line. */
static void add_leading(const Para *p, Line *ln)
{
    int extra = (int)(ln->h * (theme_line_height(p->lang) - 1.0) + 0.5);
    ln->base += extra / 2;
    ln->h += extra;
}

/* Sets the line's height and baseline from its pieces, all on one
 * baseline: a piece in a font sized by ink spans its ink rows plus a
 * margin above and below, any other piece its font box (so Latin lines
 * keep the same height and baseline everywhere). The margins never make a
 * line taller than the font boxes would, and nothing makes it shorter than
 * the ink. A line with nothing to see is as tall as the font of the
 * paragraph's first run, or, when that font is sized by ink, the size plus
 * the margins. */
static void line_box(const Para *p, Line *ln, const Piece *pcs, int n, TTF_Font *ff, int ff_file)
{
    int m = ink_margin(p->size);
    int top = 0, bot = 0;          /* ink (or box) of the pieces */
    int box_top = 0, box_bot = 0;  /* the pieces' font boxes */
    bool any = false;
    for (int k = 0; k < n; k++) {
        const Piece *pc = &pcs[k];
        int t = -pc->base, b = pc->h - pc->base;
        if (!any || t < box_top)
            box_top = t;
        if (!any || b > box_bot)
            box_bot = b;
        if (pc->ink && pc->ink_top < pc->ink_bot) {
            t = pc->ink_top;
            b = pc->ink_bot;
        } else if (pc->ink) {
            continue;       /* white space in a font sized by ink */
        }
        if (!any || t < top)
            top = t;
        if (!any || b > bot)
            bot = b;
        any = true;
    }
    if (!any) {
        ln->base = 0;
        if (p->te->files[ff_file].ink)
            ln->h = p->size + 2 * m;
        else
            ln->h = ff ? TTF_FontHeight(ff) : p->size;
        add_leading(p, ln);
        return;
    }
    /* Margins go round the ink pieces only: a line without them is as
     * tall as its boxes, as top..bot already is. */
    int mtop = top, mbot = bot;
    for (int k = 0; k < n; k++) {
        const Piece *pc = &pcs[k];
        if (pc->ink && pc->ink_top < pc->ink_bot) {
            if (pc->ink_top - m < mtop)
                mtop = pc->ink_top - m;
            if (pc->ink_bot + m > mbot)
                mbot = pc->ink_bot + m;
        }
    }
    int ink_h = bot - top, box_h = box_bot - box_top;
    int cap = ink_h > box_h ? ink_h : box_h;
    if (mbot - mtop <= cap) {
        top = mtop;
        bot = mbot;
    } else {                /* split what room the box leaves */
        int extra = cap - ink_h;
        top -= extra / 2;
        bot += extra - extra / 2;
    }
    ln->base = -top;
    ln->h = bot - top;
    add_leading(p, ln);
}

static k_err build_layout(Para *p, int max_w, Layout **out)
{
    *out = NULL;
    Starts st = { 0 };
    bool word_fits;
    k_err err = text_wrap_para(p, max_w, &st, &word_fits);
    Layout *lay = calloc(1, sizeof *lay);
    if (err == K_OK && !lay)
        err = K_ERR_NOMEM;
    if (err != K_OK)
        goto out_free;
    lay->par_level = p->par_level;
    lay->word_fits = word_fits;
    lay->nlines = st.n;
    size_t np = (size_t)st.n * (size_t)(p->nruns > 0 ? p->nruns : 1);
    lay->lines = calloc(st.n ? (size_t)st.n : 1, sizeof *lay->lines);
    lay->pieces = malloc(np * sizeof *lay->pieces);
    lay->visual = malloc(np * sizeof *lay->visual);
    TextRun *tmp = malloc((p->nruns > 0 ? (size_t)p->nruns : 1) * sizeof *tmp);
    if (!lay->lines || !lay->pieces || !lay->visual || !tmp) {
        free(tmp);
        err = K_ERR_NOMEM;
        goto out_free;
    }
    int fallback_font =
        p->nruns ? p->run_font[0] : text_choose_font(p->te, "Zyyy", p->lang, p->st->weight);
    TTF_Font *ff = text_font_at(p->te, fallback_font, p->size);
    for (int l = 0; l < st.n; l++) {
        Line *ln = &lay->lines[l];
        size_t a = st.v[l], e = l + 1 < st.n ? st.v[l + 1] : p->len;
        int w;
        int n = text_line_pieces(p, a, e, true, &w, &err);
        if (n < 0) {
            free(tmp);
            goto out_free;
        }
        ln->start = a;
        ln->first = lay->npieces;
        ln->n = n;
        ln->w = w;
        for (int k = 0; k < n; k++) {
            lay->pieces[lay->npieces + k] = p->buf[k];
            tmp[k] = (TextRun){ .level = p->buf[k].level };
        }
        line_box(p, ln, p->buf, n, ff, fallback_font);
        text_visual_order(tmp, n, lay->visual + lay->npieces);
        for (int k = 0; k < n; k++)
            lay->visual[lay->npieces + k] += lay->npieces;
        lay->npieces += n;
    }
    free(tmp);
    free(st.v);
    *out = lay;
    return K_OK;

out_free:
    free(st.v);
    text_free_layout(lay);
    return err;
}

/* The layout of s in style st wrapped at max_w: from the cache, or built
 * (and cached unless personal). *owned is true when the caller frees it. */
k_err text_get_layout(TextEngine *te, const char *s, const TextStyle *st, int max_w,
                      Layout **out, int *par_level, bool *owned)
{
    *out = NULL;
    *owned = false;
    size_t len = strlen(s);
    const char *lang = st->lang ? st->lang : "en";
    size_t langlen = strlen(lang);
    size_t keylen = 0;
    uint64_t hash = 0;
    if (!st->personal) {
        int head[4] = { st->size_px, (int)st->weight, (int)st->dir, max_w };
        keylen = sizeof head + langlen + 1 + len;
        if (!text_grow((void **)&te->key, &te->key_cap, keylen))
            return K_ERR_NOMEM;
        memcpy(te->key, head, sizeof head);
        memcpy(te->key + sizeof head, lang, langlen + 1);
        memcpy(te->key + sizeof head + langlen + 1, s, len);
        hash = text_hash(te->key, keylen);
        Entry *e = text_lru_find(&te->layouts, te->key, keylen, hash);
        if (e) {
            *out = e->data;
            *par_level = (*out)->par_level;
            return K_OK;
        }
    }
    Para p;
    k_err err = text_para_init(&p, te, s, st);
    if (err != K_OK)
        return err;
    Layout *lay;
    err = build_layout(&p, max_w, &lay);
    text_para_free(&p);
    if (err != K_OK)
        return err;
    *par_level = lay->par_level;
    *out = lay;
    if (st->personal) {
        *owned = true;
        return K_OK;
    }
    /* The measuring above reused te->key: build the layout key again. */
    int head[4] = { st->size_px, (int)st->weight, (int)st->dir, max_w };
    if (!text_grow((void **)&te->key, &te->key_cap, keylen)) {
        *owned = true;
        return K_OK;
    }
    memcpy(te->key, head, sizeof head);
    memcpy(te->key + sizeof head, lang, langlen + 1);
    memcpy(te->key + sizeof head + langlen + 1, s, len);
    Entry *e = text_lru_insert(&te->layouts, te->key, keylen, hash);
    if (!e) {
        *owned = true;          /* not cached, still usable */
        return K_OK;
    }
    e->data = lay;
    text_lru_set_cost(&te->layouts, e, sizeof *e + keylen + sizeof *lay +
                 (size_t)lay->nlines * sizeof *lay->lines +
                 (size_t)lay->npieces * (sizeof *lay->pieces + sizeof *lay->visual));
    text_lru_trim(&te->layouts);
    e->pinned = false;
    return K_OK;
}

/* Lines shown: within max_lines and, when box_h >= 0, within box_h. */
int text_shown_lines(const Layout *lay, const TextStyle *st, int box_h, int *h)
{
    int n = 0;
    *h = 0;
    for (; n < lay->nlines; n++) {
        if (st->max_lines > 0 && n >= st->max_lines)
            break;
        if (box_h >= 0 && *h + lay->lines[n].h > box_h)
            break;
        *h += lay->lines[n].h;
    }
    return n;
}

k_err text_measure(TextEngine *te, const char *utf8, const TextStyle *style,
                   int max_w, TextExtent *out)
{
    *out = (TextExtent){ 0 };
    if (!te || !utf8 || !style)
        return K_ERR_INVALID;
    Layout *lay;
    int par_level;
    bool owned;
    k_err err = text_get_layout(te, utf8, style, max_w > 0 ? max_w : 0, &lay, &par_level, &owned);
    if (err != K_OK)
        return err;
    int h;
    int n = text_shown_lines(lay, style, -1, &h);
    out->lines = n;
    out->h = h;
    for (int i = 0; i < n; i++)
        if (lay->lines[i].w > out->w)
            out->w = lay->lines[i].w;
    out->fits = lay->word_fits && n == lay->nlines;
    if (owned)
        text_free_layout(lay);
    return K_OK;
}

int text_wrap(TextEngine *te, const char *utf8, const TextStyle *style,
              int max_w, size_t *starts, int max)
{
    if (!te || !utf8 || !style)
        return -1;
    Para p;
    if (text_para_init(&p, te, utf8, style) != K_OK)
        return -1;
    Starts st = { 0 };
    bool word_fits;
    k_err err = text_wrap_para(&p, max_w > 0 ? max_w : 0, &st, &word_fits);
    text_para_free(&p);
    if (err != K_OK) {
        free(st.v);
        return -1;
    }
    for (int i = 0; i < st.n && i < max; i++)
        starts[i] = st.v[i];
    free(st.v);
    return st.n;
}
