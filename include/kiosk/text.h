/* text.h — text in any of the kiosk's scripts, shaped, bidi-ordered, wrapped.
 *
 * Pipeline for one paragraph (logical UTF-8 in, pixels out):
 *   1. itemise: split into runs by script (HarfBuzz's Unicode script
 *      property; Common/Inherited characters join their neighbours) and by
 *      FriBidi embedding level;
 *   2. choose a font for each run from fonts.conf (script, optional language,
 *      weight);
 *   3. break lines in logical order at the break opportunities ICU's
 *      line-break iterator gives for the language (UAX #14 on current
 *      Unicode: flags, emoji sequences), measuring each candidate line with
 *      the real shaped widths (SDL_ttf with HarfBuzz, script and direction
 *      set per run); a word wider than the line is cut between ICU's
 *      grapheme clusters;
 *   4. reorder each line's runs into visual order (FriBidi levels, rule L2)
 *      and draw them; right-to-left paragraphs align to the right by default;
 *   5. line height: for most fonts the font's box (its ascent and descent,
 *      grown where a glyph's surface rises above it), so Latin lines share
 *      one baseline everywhere; for a font marked "ink" in fonts.conf
 *      (Nastaliq, whose box is 2.5 times its size) the rows the line's
 *      glyphs really cover, scanned from their rendering, plus a margin of
 *      2 px or 8% of the size above and below. Pieces of a line share one
 *      baseline; a drawn texture may reach past its line box only where it
 *      has no ink.
 *
 * Rendered runs are kept in a cache of textures keyed by (font, size,
 * colour, direction, text), bounded in bytes, least recently used evicted,
 * so a redraw shapes nothing it shaped before; run widths and paragraph
 * layouts are cached the same way. Text marked personal is never cached:
 * a visitor's name leaves no texture, width or layout behind for the next
 * person, and the engine's working copies of it are zeroed. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include "kiosk/error.h"

typedef struct TextEngine TextEngine;

typedef enum { TEXT_REGULAR = 0, TEXT_BOLD = 1 } TextWeight;

/* START is the paragraph's start edge: left for LTR, right for RTL. */
typedef enum { TEXT_ALIGN_START = 0, TEXT_ALIGN_CENTER, TEXT_ALIGN_END } TextAlign;

typedef enum { TEXT_DIR_AUTO = 0, TEXT_DIR_LTR, TEXT_DIR_RTL } TextDir;

typedef struct {
    int size_px;        /* nominal font size in pixels (point size at 72 dpi) */
    TextWeight weight;
    SDL_Color colour;
    TextAlign align;
    TextDir dir;        /* paragraph base direction; AUTO = first strong char,
                           else the language's direction */
    const char *lang;   /* BCP 47 tag of the text (line breaking, font choice);
                           NULL = "en" */
    int max_lines;      /* 0 = unlimited */
    bool personal;      /* someone's own text (a visitor's name): no cache
                           (textures, measurements, word widths, layouts)
                           ever holds it, and the engine's copies of it are
                           wiped before they are freed or reused */
} TextStyle;

typedef struct {
    int w, h;           /* size of the laid-out block in pixels */
    int lines;          /* number of lines after wrapping */
    bool fits;          /* false when a word is wider than max_w, or more
                           lines than max_lines were needed */
} TextExtent;

typedef struct {
    size_t hits, misses;   /* texture-cache look-ups since text_open / reset */
    size_t entries;
    size_t bytes;          /* pixel bytes held by cached textures */
    size_t budget;         /* the bound */
    size_t shaped;         /* runs rendered (shaped) by SDL_ttf */
} TextStats;

/* Opens the engine. fonts_conf is a text file of lines
 *     <script>[:<lang>] <regular|bold> <font file> [ink]
 * e.g. "Latn regular NotoSans-Regular.ttf", "Arab:ur regular
 * NotoNastaliqUrdu-Regular.ttf", plus "default regular ..." for anything
 * else; '#' starts a comment; relative file names are looked up in font_dir;
 * a trailing "ink" sizes lines in that font file by their ink (step 5).
 * Every font named is opened once to check it, and checked to draw the
 * script it is named for: each of its tables must lie inside the file (a
 * font cut short opens and then draws nothing), and a short sample of the
 * script (Latn, Cyrl, Grek, Taml, Arab in Urdu's letters for Arab:ur, or
 * Latin letters and digits for default) must have every glyph, with
 * outlines. renderer makes the textures; cache_bytes bounds the cache.
 * Returns NULL on failure and writes one line naming the file and the problem
 * into err (errlen bytes) — e.g. a missing font, an unreadable fonts.conf,
 * or "font PATH is damaged: ..." */
TextEngine *text_open(const char *fonts_conf, const char *font_dir,
                      SDL_Renderer *renderer, size_t cache_bytes,
                      char *err, size_t errlen);

/* Frees the engine, its fonts and its cache (before the renderer is
 * destroyed: the cached textures are its). NULL is allowed. */
void text_close(TextEngine *te);

/* Lays out utf8 (valid UTF-8) in the given style, wrapping at max_w pixels
 * (0 = no wrapping), and reports its extent. Does not draw.
 * Returns K_ERR_INVALID for invalid UTF-8, K_ERR_FONT if shaping fails,
 * K_ERR_NOMEM; *out is zeroed on failure. */
k_err text_measure(TextEngine *te, const char *utf8, const TextStyle *style,
                   int max_w, TextExtent *out);

/* Draws utf8 wrapped to box->w, aligned within box horizontally per
 * style->align (START mirrors for RTL), top-aligned vertically unless
 * valign_center. Lines beyond box->h or style->max_lines are not drawn.
 * Errors as text_measure; nothing is drawn on failure. */
k_err text_draw(TextEngine *te, const char *utf8, const TextStyle *style,
                const SDL_Rect *box, bool valign_center);

/* The renderer the engine draws with (e.g. after the output size changed).
 * A different renderer drops the cached textures: call it while the old
 * renderer still exists. */
void text_set_renderer(TextEngine *te, SDL_Renderer *renderer);

/* Drops every cached texture (e.g. after a screen-size change). */
void text_cache_clear(TextEngine *te);

/* Copies the cache counters into *out (never fails), and sets the hit, miss
 * and shaped counters back to zero. */
void text_stats(const TextEngine *te, TextStats *out);
void text_stats_reset(TextEngine *te);

/* True when every code point of utf8 has a glyph in the font the engine
 * would choose for it in language lang. When false and missing is not NULL,
 * *missing receives the first uncovered code point. */
bool text_covers(TextEngine *te, const char *utf8, const char *lang,
                 unsigned *missing);

/* For tests only: true when any of the engine's caches (textures,
 * measurements, layouts) has an entry whose key contains the bytes of utf8,
 * or one of its scratch buffers still holds them. Text drawn or measured in
 * a personal style must never make it true. */
bool text_cache_holds(const TextEngine *te, const char *utf8);

/* ---- The steps, exposed for unit tests ------------------------------- */

typedef struct {
    size_t start, len;   /* byte range in the logical string */
    int level;           /* FriBidi embedding level: odd = RTL */
    char script[5];      /* ISO 15924 tag, e.g. "Latn", "Taml", "Arab" */
} TextRun;

/* Splits utf8 into runs of one script and one bidi level, in logical order.
 * base is the paragraph direction (AUTO with no strong character = LTR).
 * A single space between digits counts as part of the number, so that
 * "020 8770 6000" keeps its groups in reading order inside Urdu.
 * A combining mark stays in the run of its base character.
 * Writes at most max runs into runs and returns how many there are (which
 * may exceed max), or -1 for invalid UTF-8 or no memory. */
int text_itemise(const char *utf8, TextDir base, TextRun *runs, int max);

/* Fills order[0..n) with the indices of runs[0..n) in visual (left to right)
 * order, by rule L2 of the Unicode bidi algorithm. */
void text_visual_order(const TextRun *runs, int n, int *order);

/* Writes the line-break opportunities of utf8 for language lang: for each
 * byte i, brk[i] = 1 when a line may break after the code point that ends at
 * byte i (mandatory breaks = 2, and the end of the text is always 2, as in
 * UAX #14), else 0. brk has strlen(utf8) bytes; lang NULL = "en".
 * The breaks are ICU's; its iterators are opened on the first call and kept
 * for the process (one set, shared: call it from one thread, like the rest
 * of this module; an engine's own wrapping uses the engine's iterators).
 * Returns K_ERR_INVALID for invalid UTF-8 (surrogates written as UTF-8
 * included), K_ERR_NOMEM, or K_ERR_FONT when ICU cannot break lines
 * (logged); brk is then undefined. */
k_err text_break_opportunities(const char *utf8, const char *lang, char *brk);

/* Wraps utf8 to max_w pixels (0 = only at mandatory breaks); writes the byte
 * offset where each line starts into starts (at most max) and returns the
 * number of lines (all of them: style->max_lines is not applied), or -1 on
 * invalid UTF-8, a font failure or no memory. A word wider than max_w is
 * cut between grapheme clusters. */
int text_wrap(TextEngine *te, const char *utf8, const TextStyle *style,
              int max_w, size_t *starts, int max);

#endif
