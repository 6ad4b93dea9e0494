/* text_shape.c — step 2: one paragraph's runs with their fonts, each
 * piece shaped (SDL_ttf with HarfBuzz) and measured, widths and ink
 * remembered in the measurement cache. */
#include "text_private.h"

#include <sodium.h>

void text_para_free(Para *p)
{
    if (!p->cache)
        text_wipe_scratch(p->te);
    free(p->runs);
    free(p->run_font);
    free(p->buf);
}

/* Punctuation and symbols shared by all scripts (a middle dot, a dash)
 * take their neighbours' script, but the neighbours' font may not have
 * them (Noto Sans Tamil has no U+00B7): such characters get runs of their
 * own in the default font, and those no text font has (emoji) in the
 * symbols font, so they never show as a missing glyph. K_ERR_NOMEM with the
 * paragraph's runs as they were. */
static k_err split_uncovered(Para *p)
{
    TextEngine *te = p->te;
    Fallbacks fbs;
    text_fallbacks_init(&fbs, te, p->lang, p->st->weight);
    size_t cap = (size_t)p->nruns + 2 * p->len + 1;
    TextRun *runs = NULL;
    int *fonts = NULL;
    int n = 0;
    bool changed = false;
    for (int r = 0; r < p->nruns; r++) {
        bool run_fb = p->run_font[r] == fbs.fallback;
        TTF_Font *f = run_fb ? NULL : text_font_any(te, p->run_font[r]);
        const TextRun *run = &p->runs[r];
        size_t i = run->start, end = run->start + run->len, piece = run->start;
        int kind = PIECE_RUN;
        if (!fbs.fb || (!run_fb && !f))
            i = end;   /* a font that cannot open: the run as it is */
        while (i < end) {
            size_t at = i;
            uint32_t c = utf8_next(p->s, p->len, &i);
            int k = text_piece_for(&fbs, f, c);
            if (k == PIECE_WITH_PREV || k == kind || at == piece) {
                if (at == piece && k != PIECE_WITH_PREV)
                    kind = k;
                continue;
            }
            /* close the piece [piece, at) */
            if (!runs) {
                runs = malloc(cap * sizeof *runs);
                fonts = malloc(cap * sizeof *fonts);
                if (!runs || !fonts) {
                    free(runs);
                    free(fonts);
                    return K_ERR_NOMEM;
                }
                for (int q = 0; q < r; q++) {
                    runs[n] = p->runs[q];
                    fonts[n++] = p->run_font[q];
                }
            }
            runs[n] = *run;
            runs[n].start = piece;
            runs[n].len = at - piece;
            if (kind != PIECE_RUN)
                memcpy(runs[n].script, "Zyyy", 5);
            fonts[n++] = kind == PIECE_DEFAULT ? fbs.fallback
                         : kind == PIECE_SYMBOLS ? fbs.symbols : p->run_font[r];
            piece = at;
            kind = k;
            changed = true;
        }
        if (runs) {
            runs[n] = *run;
            runs[n].start = piece;
            runs[n].len = end - piece;
            if (kind != PIECE_RUN)
                memcpy(runs[n].script, "Zyyy", 5);
            fonts[n++] = kind == PIECE_DEFAULT ? fbs.fallback
                         : kind == PIECE_SYMBOLS ? fbs.symbols : p->run_font[r];
        } else if (kind != PIECE_RUN && piece == run->start) {
            /* the whole run is such characters */
            p->run_font[r] = kind == PIECE_DEFAULT ? fbs.fallback : fbs.symbols;
            memcpy(p->runs[r].script, "Zyyy", 5);
        }
    }
    if (changed) {
        free(p->runs);
        free(p->run_font);
        p->runs = runs;
        p->run_font = fonts;
        p->nruns = n;
        free(p->buf);
        p->buf = malloc((size_t)(n ? n : 1) * sizeof *p->buf);
        if (!p->buf)
            return K_ERR_NOMEM;
    } else {
        free(runs);
        free(fonts);
    }
    return K_OK;
}

k_err text_para_init(Para *p, TextEngine *te, const char *s, const TextStyle *st)
{
    memset(p, 0, sizeof *p);
    p->te = te;
    p->s = s;
    p->len = strlen(s);
    p->st = st;
    p->lang = st->lang ? st->lang : "en";
    p->size = clamp_size(st->size_px);
    p->cache = !st->personal;
    if (!utf8_valid(s, p->len))
        return K_ERR_INVALID;
    p->nruns = text_itemise_all(s, p->len, st->dir, p->lang, &p->runs, &p->par_level);
    if (p->nruns < 0)
        return K_ERR_NOMEM;
    size_t n = p->nruns ? (size_t)p->nruns : 1;
    p->run_font = malloc(n * sizeof *p->run_font);
    p->buf = malloc(n * sizeof *p->buf);
    if (!p->run_font || !p->buf) {
        text_para_free(p);
        return K_ERR_NOMEM;
    }
    for (int i = 0; i < p->nruns; i++)
        p->run_font[i] = text_choose_font(te, p->runs[i].script, p->lang, p->st->weight);
    return split_uncovered(p);
}

void text_free_surface(SDL_Surface *surf)
{
    if (!surf)
        return;
    if (surf->pixels && SDL_LockSurface(surf) == 0) {
        sodium_memzero(surf->pixels, (size_t)surf->pitch * (size_t)surf->h);
        SDL_UnlockSurface(surf);
    }
    SDL_FreeSurface(surf);
}

void text_wipe_scratch(TextEngine *te)
{
    if (te->scratch)
        sodium_memzero(te->scratch, te->scratch_cap);
}

/* Copies a piece's text, NUL-terminated, into the scratch buffer. */
const char *text_piece_text(TextEngine *te, const char *s, const Piece *pc)
{
    if (!text_grow((void **)&te->scratch, &te->scratch_cap, pc->len + 1))
        return NULL;
    memcpy(te->scratch, s + pc->start, pc->len);
    te->scratch[pc->len] = '\0';
    return te->scratch;
}

/* Builds the cache key of a piece in te->key; colour NULL for measurements. */
size_t text_piece_key(TextEngine *te, const char *s, const Piece *pc, int size,
                      const SDL_Color *colour)
{
    int head[3] = { pc->font, size, pc->level & 1 };
    size_t n = sizeof head + 4 + 4 + pc->len;
    if (!text_grow((void **)&te->key, &te->key_cap, n))
        return 0;
    unsigned char *k = te->key;
    memcpy(k, head, sizeof head);
    k += sizeof head;
    memcpy(k, pc->script, 4);
    k += 4;
    unsigned char c[4] = { 0, 0, 0, 0 };
    if (colour) {
        c[0] = colour->r; c[1] = colour->g; c[2] = colour->b; c[3] = colour->a;
    }
    memcpy(k, c, 4);
    k += 4;
    memcpy(k, s + pc->start, pc->len);
    return n;
}

/* Sets the run's script and direction on the font; NULL on failure. */
TTF_Font *text_shaping_font(TextEngine *te, const Piece *pc, int size)
{
    TTF_Font *f = text_font_at(te, pc->font, size);
    if (!f) {
        LOG_E(MOD, "cannot open font %s at %d px: %s", te->files[pc->font].name, size,
              TTF_GetError());
        return NULL;
    }
    if (TTF_SetFontScriptName(f, pc->script) != 0 ||
        TTF_SetFontDirection(f, (pc->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) != 0) {
        LOG_E(MOD, "cannot set script %s on %s: %s", pc->script, te->files[pc->font].name,
              TTF_GetError());
        return NULL;
    }
    return f;
}

/* Renders txt as it will be drawn and finds the rows of the surface with
 * any ink (non-zero alpha): [*top, *bot), equal when there are none. */
k_err text_ink_rows(TTF_Font *f, const char *txt, int *top, int *bot, SDL_Surface **keep)
{
    *top = *bot = 0;
    if (keep)
        *keep = NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, txt, (SDL_Color){ 255, 255, 255, 255 });
    if (!surf) {
        int w, h;   /* nothing to render (no width) is no ink, not an error */
        if (TTF_SizeUTF8(f, txt, &w, &h) == 0 && w == 0)
            return K_OK;
        LOG_E(MOD, "rendering failed: %s", TTF_GetError());
        return K_ERR_FONT;
    }
    k_err err = K_OK;
    Uint32 amask = surf->format->Amask;
    if (surf->format->BytesPerPixel != 4 || !amask || SDL_LockSurface(surf) != 0) {
        LOG_E(MOD, "unexpected rendered surface format %s",
              SDL_GetPixelFormatName(surf->format->format));
        err = K_ERR_FONT;
        goto out_free_surface;
    }
    int first = -1, last = -1;
    for (int y = 0; y < surf->h; y++) {
        const Uint32 *row =
            (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)y * (size_t)surf->pitch);
        for (int x = 0; x < surf->w; x++) {
            if (row[x] & amask) {
                if (first < 0)
                    first = y;
                last = y;
                break;
            }
        }
    }
    SDL_UnlockSurface(surf);
    if (first >= 0) {
        *top = first;
        *bot = last + 1;
    }
    if (keep) {
        *keep = surf;   /* the caller makes the piece's texture from it */
        return err;
    }
out_free_surface:
    text_free_surface(surf);
    return err;
}

/* Keeps surf (rendered in white) as the cached texture of the piece whose
 * key is in te->key (keylen bytes), unless one is cached already. Frees
 * surf. Failures only mean the piece is rendered again when drawn. */
void text_cache_texture(TextEngine *te, SDL_Surface *surf, size_t keylen, uint64_t hash)
{
    if (!te->renderer || text_lru_find(&te->tex, te->key, keylen, hash)) {
        SDL_FreeSurface(surf);
        return;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(te->renderer, surf);
    int w = surf->w, h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return;
    Entry *e = text_lru_insert(&te->tex, te->key, keylen, hash);
    if (!e) {
        SDL_DestroyTexture(tex);
        return;
    }
    e->tex = tex;
    e->w = w;
    e->h = h;
    text_lru_set_cost(&te->tex, e, (size_t)w * (size_t)h * 4);
    e->pinned = false;
    text_lru_trim(&te->tex);
}

/* Fills pc->w, h and base with the piece's shaped size and, when want_ink
 * and the font sizes lines by ink, pc->ink_top and ink_bot. Each distinct
 * piece is shaped once for its width and rendered once for its ink; both
 * are remembered (except for personal text). */
static k_err measure_piece(Para *p, Piece *pc, bool want_ink)
{
    TextEngine *te = p->te;
    TTF_Font *f = text_shaping_font(te, pc, p->size);
    if (!f)
        return K_ERR_FONT;
    pc->ink = te->files[pc->font].ink;
    pc->ink_top = pc->ink_bot = 0;
    want_ink = want_ink && pc->ink;
    Entry *e = NULL;
    size_t keylen = 0;
    uint64_t hash = 0;
    if (p->cache) {
        keylen = text_piece_key(te, p->s, pc, p->size, NULL);
        if (!keylen)
            return K_ERR_NOMEM;
        hash = text_hash(te->key, keylen);
        e = text_lru_find(&te->meas, te->key, keylen, hash);
    }
    const char *txt = NULL;
    bool have_ink = false;
    int raw_h;
    if (e) {
        pc->w = e->w;
        raw_h = e->h;
        if (e->ink_known) {
            pc->ink_top = e->ink_top;
            pc->ink_bot = e->ink_bot;
            have_ink = true;
        }
    } else {
        txt = text_piece_text(te, p->s, pc);
        if (!txt)
            return K_ERR_NOMEM;
        te->shaped++;
        if (TTF_SizeUTF8(f, txt, &pc->w, &raw_h) != 0) {
            LOG_E(MOD, "shaping failed: %s", TTF_GetError());
            text_font_forget(te, pc->font, p->size);
            return K_ERR_FONT;
        }
    }
    int fh = TTF_FontHeight(f);
    pc->h = raw_h < fh ? fh : raw_h;
    /* Glyphs taller than the font's box grow the surface upwards. */
    pc->base = TTF_FontAscent(f) + (pc->h - fh);
    if (want_ink && !have_ink) {
        if (!txt && !(txt = text_piece_text(te, p->s, pc)))
            return K_ERR_NOMEM;
        int top, bot;
        te->shaped++;
        SDL_Surface *surf = NULL;
        k_err err = text_ink_rows(f, txt, &top, &bot, p->cache ? &surf : NULL);
        if (err != K_OK) {
            SDL_FreeSurface(surf);
            text_font_forget(te, pc->font, p->size);
            return err;
        }
        /* the render that found the ink is the piece's texture too: it is
         * drawn in white and tinted, so one serves every colour */
        if (surf) {
            size_t tkeylen = text_piece_key(te, p->s, pc, p->size, NULL);
            if (tkeylen)
                text_cache_texture(te, surf, tkeylen, text_hash(te->key, tkeylen));
            else
                SDL_FreeSurface(surf);
            /* restore the measurement key for the insert below */
            if (p->cache && !e) {
                keylen = text_piece_key(te, p->s, pc, p->size, NULL);
                if (!keylen)
                    return K_ERR_NOMEM;
            }
        }
        if (top < bot) {
            pc->ink_top = top - pc->base;
            pc->ink_bot = bot - pc->base;
        }
        have_ink = true;
    }
    if (!p->cache)
        return K_OK;
    if (!e) {
        /* piece_text and piece_key share no buffer: te->key still holds the key */
        e = text_lru_insert(&te->meas, te->key, keylen, hash);
        if (!e)
            return K_OK;        /* measured, not remembered */
        e->w = pc->w;
        e->h = raw_h;
        text_lru_set_cost(&te->meas, e, sizeof *e + keylen);
        e->pinned = false;
    }
    if (have_ink && !e->ink_known) {
        e->ink_known = true;
        e->ink_top = pc->ink_top;
        e->ink_bot = pc->ink_bot;
    }
    text_lru_trim(&te->meas);
    return K_OK;
}

/* Measures the line s[a..e) (trailing white space dropped) into p->buf,
 * with the pieces' ink when want_ink; returns the number of pieces, or -1
 * with *err set. */
int text_line_pieces(Para *p, size_t a, size_t e, bool want_ink, int *w, k_err *err)
{
    e = trim_end(p->s, p->len, a, e);
    int n = 0;
    *w = 0;
    for (int i = 0; i < p->nruns && a < e; i++) {
        const TextRun *r = &p->runs[i];
        size_t rs = r->start, re = r->start + r->len;
        if (re <= a || rs >= e)
            continue;
        Piece *pc = &p->buf[n++];
        pc->start = rs > a ? rs : a;
        pc->len = (re < e ? re : e) - pc->start;
        pc->level = r->level;
        memcpy(pc->script, r->script, sizeof pc->script);
        pc->font = p->run_font[i];
        *err = measure_piece(p, pc, want_ink);
        if (*err != K_OK)
            return -1;
        *w += pc->w;
    }
    return n;
}

int text_range_width(Para *p, size_t a, size_t e, k_err *err)
{
    int w;
    return text_line_pieces(p, a, e, false, &w, err) < 0 ? -1 : w;
}

/* Width of s[a..e) with its trailing white space, piece by piece (each
 * cached): the cost of one word when wrapping. -1 with *err on failure. */
int text_span_width(Para *p, size_t a, size_t e, k_err *err)
{
    int w = 0;
    for (int i = 0; i < p->nruns && a < e; i++) {
        const TextRun *r = &p->runs[i];
        size_t rs = r->start, re = r->start + r->len;
        if (re <= a || rs >= e)
            continue;
        Piece pc = { 0 };
        pc.start = rs > a ? rs : a;
        pc.len = (re < e ? re : e) - pc.start;
        pc.level = r->level;
        memcpy(pc.script, r->script, sizeof pc.script);
        pc.font = p->run_font[i];
        *err = measure_piece(p, &pc, false);
        if (*err != K_OK)
            return -1;
        w += pc.w;
    }
    return w;
}
