/* text_draw.c — step 4: a layout's pieces as textures (cached unless
 * personal), tinted and copied to the renderer. */
#include "text_private.h"

typedef struct {
    SDL_Texture *tex;
    Entry *entry;      /* NULL when not cached (personal) */
    SDL_Rect dst;
} Blit;

/* A texture for the piece, from the cache or rendered now. */
static k_err piece_texture(TextEngine *te, const char *s, const TextStyle *st, int size,
                           const Piece *pc, Blit *b)
{
    size_t keylen = 0;
    uint64_t hash = 0;
    b->entry = NULL;
    b->tex = NULL;
    if (!st->personal) {
        keylen = text_piece_key(te, s, pc, size, NULL);
        if (!keylen)
            return K_ERR_NOMEM;
        hash = text_hash(te->key, keylen);
        Entry *e = text_lru_find(&te->tex, te->key, keylen, hash);
        if (e) {
            te->hits++;
            e->pinned = true;
            b->entry = e;
            b->tex = e->tex;
            b->dst.w = e->w;
            b->dst.h = e->h;
            return K_OK;
        }
        te->misses++;
    }
    const char *txt = text_piece_text(te, s, pc);
    if (!txt)
        return K_ERR_NOMEM;
    TTF_Font *f = text_shaping_font(te, pc, size);
    if (!f)
        return K_ERR_FONT;
    te->shaped++;
    /* white, tinted to the style's colour when drawn */
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, txt, (SDL_Color){ 255, 255, 255, 255 });
    if (!surf) {
        /* format characters alone (bidi controls, joiners) have no width:
         * nothing to draw, not an error */
        int w, h;
        if (TTF_SizeUTF8(f, txt, &w, &h) == 0 && w == 0) {
            b->dst.w = b->dst.h = 0;
            return K_OK;
        }
        LOG_E(MOD, "rendering failed: %s", TTF_GetError());
        text_font_forget(te, pc->font, size);
        return K_ERR_FONT;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(te->renderer, surf);
    int w = surf->w, h = surf->h;
    if (st->personal)
        text_free_surface(surf);    /* a picture of someone's name */
    else
        SDL_FreeSurface(surf);
    if (!tex) {
        LOG_E(MOD, "cannot make a texture: %s", SDL_GetError());
        return K_ERR_NOMEM;
    }
    b->tex = tex;
    b->dst.w = w;
    b->dst.h = h;
    if (st->personal)
        return K_OK;
    Entry *e = text_lru_insert(&te->tex, te->key, keylen, hash);
    if (!e)
        return K_OK;            /* drawn once, then destroyed */
    e->tex = tex;
    e->w = w;
    e->h = h;
    b->entry = e;
    text_lru_set_cost(&te->tex, e, (size_t)w * (size_t)h * 4);
    text_lru_trim(&te->tex);
    return K_OK;
}

static void release_blits(TextEngine *te, Blit *b, int n)
{
    for (int i = 0; i < n; i++) {
        if (b[i].entry)
            b[i].entry->pinned = false;
        else if (b[i].tex)
            SDL_DestroyTexture(b[i].tex);
    }
    text_lru_trim(&te->tex);
}

k_err text_draw(TextEngine *te, const char *utf8, const TextStyle *style,
                const SDL_Rect *box, bool valign_center)
{
    if (!te || !utf8 || !style || !box || !te->renderer)
        return K_ERR_INVALID;
    Layout *lay;
    int par_level;
    bool owned;
    k_err err = text_get_layout(te, utf8, style, box->w > 0 ? box->w : 0, &lay, &par_level, &owned);
    if (err != K_OK)
        return err;
    int block_h;
    int nl = text_shown_lines(lay, style, box->h, &block_h);
    int np = nl > 0 ? lay->lines[nl - 1].first + lay->lines[nl - 1].n : 0;
    Blit *blits = calloc(np > 0 ? (size_t)np : 1, sizeof *blits);
    if (!blits) {
        err = K_ERR_NOMEM;
        goto out;
    }
    /* Textures first, so that nothing is drawn when one fails. */
    int y = box->y + (valign_center ? (box->h - block_h) / 2 : 0);
    int made = 0;
    for (int l = 0; l < nl && err == K_OK; l++) {
        const Line *ln = &lay->lines[l];
        int free_w = box->w - ln->w;
        bool rtl = par_level & 1;
        int x = box->x;
        if (style->align == TEXT_ALIGN_CENTER)
            x += free_w / 2;
        else if ((style->align == TEXT_ALIGN_END) != rtl)
            x += free_w;
        for (int k = 0; k < ln->n && err == K_OK; k++) {
            const Piece *pc = &lay->pieces[lay->visual[ln->first + k]];
            Blit *b = &blits[made];
            err = piece_texture(te, utf8, style, clamp_size(style->size_px), pc, b);
            if (err != K_OK)
                break;
            made++;
            b->dst.x = x;
            b->dst.y = y + ln->base - pc->base;
            x += pc->w;
        }
        y += ln->h;
    }
    if (err == K_OK)
        for (int i = 0; i < made; i++) {
            if (!blits[i].tex)
                continue;       /* a piece with nothing to draw */
            SDL_SetTextureColorMod(blits[i].tex, style->colour.r, style->colour.g,
                                   style->colour.b);
            SDL_SetTextureAlphaMod(blits[i].tex, style->colour.a);
            if (SDL_RenderCopy(te->renderer, blits[i].tex, NULL, &blits[i].dst) != 0)
                LOG_W(MOD, "draw failed: %s", SDL_GetError());
        }
    release_blits(te, blits, made);
    if (style->personal)
        text_wipe_scratch(te);
    free(blits);
out:
    if (owned)
        text_free_layout(lay);
    return err;
}
