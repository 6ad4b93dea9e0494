/* text.c — the text engine's life: open, close, renderer, statistics,
 * coverage. The pipeline's steps are in text_itemise.c (script and
 * direction), text_shape.c (shaping and measuring), text_break.c (line
 * breaks and wrapping), text_layout.c and text_draw.c; its caches in
 * text_cache.c and its fonts in text_font.c. See include/kiosk/text.h. */
#include "text_private.h"

#include <stdio.h>

TextEngine *text_open(const char *fonts_conf, const char *font_dir,
                      SDL_Renderer *renderer, size_t cache_bytes,
                      char *err, size_t errlen)
{
    char dummy[1];
    if (!err || errlen == 0) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = '\0';
    if (!fonts_conf) {
        snprintf(err, errlen, "no fonts.conf given");
        return NULL;
    }
    if (TTF_Init() != 0) {
        snprintf(err, errlen, "%s: SDL_ttf failed to start: %s", fonts_conf, TTF_GetError());
        return NULL;
    }
    TextEngine *te = calloc(1, sizeof *te);
    if (!te) {
        snprintf(err, errlen, "%s: out of memory", fonts_conf);
        TTF_Quit();
        return NULL;
    }
    te->renderer = renderer;
    te->tex.budget = cache_bytes;
    te->tex.drop = text_drop_texture;
    te->meas.budget = MEASURE_BUDGET;
    te->layouts.budget = LAYOUT_BUDGET;
    te->layouts.drop = text_drop_layout;
    te->breaker = text_breaker_new();
    if (!te->breaker) {
        snprintf(err, errlen, "%s: out of memory", fonts_conf);
        text_close(te);
        return NULL;
    }
    if (!text_load_conf(te, fonts_conf, font_dir, err, errlen) ||
        !text_check_fonts(te, fonts_conf, err, errlen)) {
        LOG_E(MOD, "%s", err);
        text_close(te);
        return NULL;
    }
    return te;
}

void text_close(TextEngine *te)
{
    if (!te)
        return;
    text_lru_free(&te->tex);
    text_lru_free(&te->meas);
    text_lru_free(&te->layouts);
    for (int i = 0; i < te->nfiles; i++) {
        for (int k = 0; k < te->files[i].nopen; k++)
            text_font_close(&te->files[i].open[k]);
        free(te->files[i].name);
        free(te->files[i].path);
    }
    free(te->files);
    free(te->rules);
    text_wipe_scratch(te);
    free(te->scratch);
    free(te->key);
    text_breaker_free(te->breaker);
    free(te);
    TTF_Quit();
}

void text_set_renderer(TextEngine *te, SDL_Renderer *renderer)
{
    if (te->renderer != renderer)
        text_lru_clear(&te->tex);
    te->renderer = renderer;
}

void text_cache_clear(TextEngine *te)
{
    text_lru_clear(&te->tex);
}

void text_stats(const TextEngine *te, TextStats *out)
{
    *out = (TextStats){
        .hits = te->hits, .misses = te->misses,
        .entries = te->tex.count, .bytes = te->tex.cost, .budget = te->tex.budget,
        .shaped = te->shaped,
    };
}

void text_stats_reset(TextEngine *te)
{
    te->hits = te->misses = te->shaped = 0;
}

bool text_covers(TextEngine *te, const char *utf8, const char *lang, unsigned *missing)
{
    size_t len = strlen(utf8);
    TextRun *runs;
    int level;
    if (!lang)
        lang = "en";
    int n = text_itemise_all(utf8, len, TEXT_DIR_AUTO, lang, &runs, &level);
    if (n < 0) {
        if (missing)
            *missing = 0xFFFD;
        return false;
    }
    bool ok = true;
    Fallbacks fbs;
    text_fallbacks_init(&fbs, te, lang, TEXT_REGULAR);
    for (int r = 0; r < n && ok; r++) {
        int file = text_choose_font(te, runs[r].script, lang, TEXT_REGULAR);
        TTF_Font *f = text_font_any(te, file);
        size_t i = runs[r].start, end = runs[r].start + runs[r].len;
        int prev = PIECE_RUN;
        while (i < end && ok) {
            uint32_t c = utf8_next(utf8, len, &i);
            hb_unicode_general_category_t gc = hb_unicode_general_category(ufuncs(), c);
            /* Spaces, controls and format characters (joiners, bidi marks)
             * are handled by the shaper without a glyph of their own. */
            if (gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL ||
                gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
                gc == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR ||
                gc == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
                gc == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR)
                continue;
            /* the same fallbacks as drawing (split_uncovered): shared
             * punctuation from the default font, emoji from the symbols
             * font, a mark with the symbol it follows */
            int k = f ? text_piece_for(&fbs, file == fbs.fallback ? NULL : f, c) : PIECE_RUN;
            if (k == PIECE_WITH_PREV && prev == PIECE_SYMBOLS)
                continue;
            if (k != PIECE_WITH_PREV)
                prev = k;
            if (k == PIECE_DEFAULT || k == PIECE_SYMBOLS)
                continue;
            if (!f || !TTF_GlyphIsProvided32(f, c)) {
                ok = false;
                if (missing)
                    *missing = c;
            }
        }
    }
    free(runs);
    return ok;
}

bool text_cache_holds(const TextEngine *te, const char *utf8)
{
    size_t n = strlen(utf8);
    if (!te || n == 0)
        return false;
    return text_lru_holds(&te->tex, utf8, n) || text_lru_holds(&te->meas, utf8, n) ||
           text_lru_holds(&te->layouts, utf8, n) ||
           (te->scratch && memmem(te->scratch, te->scratch_cap, utf8, n)) ||
           (te->key && memmem(te->key, te->key_cap, utf8, n)) ||
           text_breaker_holds(te->breaker, utf8, n);
}
