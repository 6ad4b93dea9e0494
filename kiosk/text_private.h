/* text_private.h — what the text engine's files share: its types, its
 * caches and the steps of the pipeline each file provides. Not for use
 * outside kiosk/text*.c. */
#ifndef KIOSK_TEXT_PRIVATE_H
#define KIOSK_TEXT_PRIVATE_H

#include "kiosk/text.h"

#include <SDL2/SDL_ttf.h>
#include <hb.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "text"
#define MEASURE_BUDGET (512u * 1024u)   /* bytes of remembered run widths */
#define LAYOUT_BUDGET (256u * 1024u)    /* bytes of remembered paragraph layouts */
#define MIN_SIZE_PX 4
#define MAX_SIZE_PX 400
#ifndef FONT_SIZES_PER_FILE
#define FONT_SIZES_PER_FILE 2
#endif

/* ---- Small helpers ---------------------------------------------------- */

static inline hb_unicode_funcs_t *ufuncs(void)
{
    return hb_unicode_funcs_get_default();
}

/* Decodes the code point starting at s[i] of valid UTF-8. */
static inline uint32_t cp_at(const char *s, size_t len, size_t i)
{
    return utf8_next(s, len, &i);
}

/* Start of the code point before byte i (i > 0). */
static inline size_t cp_before(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static inline bool is_space(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x2028 || c == 0x2029 ||
           c == 0x205F || c == 0x3000;
}

/* s[a..e) with trailing white space removed. */
static inline size_t trim_end(const char *s, size_t len, size_t a, size_t e)
{
    while (e > a) {
        size_t p = cp_before(s, e);
        if (p < a || !is_space(cp_at(s, len, p)))
            break;
        e = p;
    }
    return e;
}

static inline int clamp_size(int px)
{
    return px < MIN_SIZE_PX ? MIN_SIZE_PX : px > MAX_SIZE_PX ? MAX_SIZE_PX : px;
}

typedef struct TextBreaker TextBreaker;

/* ---- Types ------------------------------------------------------------ */

typedef struct Entry Entry;

struct Entry {
    Entry *chain;           /* next in the hash bucket */
    Entry *newer, *older;   /* recency list */
    uint64_t hash;
    size_t cost;
    bool pinned;            /* in use by the current draw: not evicted */
    SDL_Texture *tex;       /* texture cache */
    void *data;             /* layout cache */
    int w, h;               /* texture or measured size */
    bool ink_known;         /* measurement cache: ink_top, ink_bot are set */
    int ink_top, ink_bot;   /* rows with ink, relative to the baseline */
    size_t keylen;
    unsigned char key[];
};

typedef struct {
    Entry **buckets;
    size_t nbuckets, count, cost, budget;
    Entry *newest, *oldest;
    void (*drop)(Entry *);
} Lru;

typedef struct {
    int size;          /* the size it is set to now */
    TTF_Font *font;    /* NULL until first used */
    SDL_RWops *rw;     /* the font file, closed after the font */
    uint64_t used;     /* TextEngine.font_tick at its last use */
} SizedFont;

typedef struct {
    char *name;        /* as written in fonts.conf */
    char *path;
    bool ink;          /* line boxes from the glyphs' ink, not the font box */
    bool hinted;       /* has TrueType hinting programs (text_check_fonts) */
    SizedFont open[FONT_SIZES_PER_FILE];   /* set to the sizes used last */
    int nopen;
} FontFile;

typedef struct {
    char script[5];    /* "Latn", or "" for default */
    char lang[16];     /* "" = any */
    TextWeight weight;
    int file;
} FontRule;

typedef struct {
    size_t start, len;
    int level;
    char script[5];
    int font;          /* index into TextEngine.files */
    int w, h;          /* shaped size (h = rendered surface height) */
    int base;          /* baseline, from the top of the surface */
    bool ink;          /* the font's lines are sized by ink (fonts.conf) */
    int ink_top, ink_bot;  /* when ink: rows [ink_top, ink_bot) relative to
                              the baseline hold ink; equal when none do */
} Piece;

typedef struct {
    size_t start;
    int first, n;      /* pieces[first..first+n), logical order */
    int w, h, base;
} Line;

typedef struct {
    int par_level;
    int nlines, npieces;
    Line *lines;
    Piece *pieces;
    int *visual;       /* per line, indices of its pieces left to right */
    bool word_fits;
} Layout;

struct TextEngine {
    SDL_Renderer *renderer;
    FontFile *files;
    int nfiles;
    FontRule *rules;
    int nrules;
    Lru tex, meas, layouts;
    size_t hits, misses, shaped;
    char *scratch;
    size_t scratch_cap;
    unsigned char *key;
    size_t key_cap;
    TextBreaker *breaker;   /* ICU iterators, opened once */
    uint64_t font_tick;     /* counts font look-ups: SizedFont.used */
    int fonts_open;         /* files open (at most nfiles) */
    size_t font_opens;      /* fonts opened since text_open, for tests and the benchmark */
    size_t font_resizes;    /* changes of an open font's size, likewise */
    size_t break_passes;    /* paragraphs ICU found line breaks in, likewise */
};

/* One paragraph being laid out. */
typedef struct {
    TextEngine *te;
    const char *s;
    size_t len;
    const TextStyle *st;
    const char *lang;
    int size;
    bool cache;        /* false for personal text */
    TextRun *runs;
    int *run_font;
    int nruns, par_level;
    Piece *buf;        /* nruns pieces: the line being measured */
} Para;

typedef struct {
    size_t *v;
    int n, cap;
} Starts;

/* ---- Caches (text_cache.c) --------------------------------------------- */

/* FNV-1a of n bytes: the caches' hash. */
uint64_t text_hash(const void *p, size_t n);
/* Makes the scratch buffer *buf (*cap bytes) at least need bytes long. Its
 * contents are not kept: an old block is wiped before it is freed. Returns
 * false when out of memory (*buf and *cap unchanged). */
bool text_grow(void **buf, size_t *cap, size_t need);
/* True when a key in l contains the n bytes at p. */
bool text_lru_holds(const Lru *l, const void *p, size_t n);
/* The entry with this key, made the most recent; NULL when there is none. */
Entry *text_lru_find(Lru *l, const void *key, size_t keylen, uint64_t hash);
/* Evicts least recently used, unpinned entries until within budget. */
void text_lru_trim(Lru *l);
/* Adds a new, pinned entry (the caller fills its value, sets its cost with
 * text_lru_set_cost and unpins it). NULL when out of memory (nothing added). */
Entry *text_lru_insert(Lru *l, const void *key, size_t keylen, uint64_t hash);
void text_lru_set_cost(Lru *l, Entry *e, size_t cost);
/* Drops every entry (text_lru_free also frees the table). Cannot fail. */
void text_lru_clear(Lru *l);
void text_lru_free(Lru *l);
/* Lru.drop of the texture cache: destroys the entry's texture. */
void text_drop_texture(Entry *e);

/* ---- Fonts (text_font.c) ----------------------------------------------- */

/* The font file set to a pixel size: one TTF_Font per file, opened on
 * first use and kept until text_close, its size changed when another is
 * asked for (TTF_SetFontSize, which empties SDL_ttf's glyph cache of it).
 * NULL when it cannot be opened or resized (TTF_GetError says why; the
 * caller reports it; a font that failed to resize is closed). A TTF_Font *
 * held from an earlier call stays open, but is at the size of the last
 * call for its file: a caller holding one must not ask for the same file
 * at another size before it is done (a paragraph's pieces are all at one
 * size). */
TTF_Font *text_font_at(TextEngine *te, int file, int size);
/* The font file at the size it is open at, else at 16 px:
 * for questions that do not depend on the size (which characters it
 * has). NULL as text_font_at. */
TTF_Font *text_font_any(TextEngine *te, int file);
/* Closes the font of file (open at any size; size is not used), after a failure inside
 * it (shaping, rendering), so the next use opens it afresh: a face whose
 * set-up ran out of memory would otherwise keep failing until restart.
 * Any TTF_Font * of that file held by the caller is then gone.
 * Cannot fail. */
void text_font_forget(TextEngine *te, int file, int size);
/* Closes one cached font and its file. */
void text_font_close(SizedFont *sf);
/* The font file for a run: script and language, then script, then default;
 * within each, the weight asked for before regular. Cannot fail. */
int text_choose_font(const TextEngine *te, const char *script, const char *lang, TextWeight weight);

/* Where a character of a run is drawn from: the run's own font, the
 * default font, the symbols font, or with what is before it. */
enum { PIECE_RUN, PIECE_DEFAULT, PIECE_SYMBOLS, PIECE_WITH_PREV };

/* The fonts a paragraph's characters may fall back to: the default font
 * (file fallback, font fb) and the symbols font (file symbols, -1 when
 * fonts.conf names none; font sym opened only when a character needs it). */
typedef struct {
    TextEngine *te;
    int fallback, symbols;
    TTF_Font *fb, *sym;
    bool sym_tried;
} Fallbacks;

/* Fills fbs for text in lang at weight; fbs->fb is NULL when the default
 * font cannot open (then nothing falls back). Cannot fail otherwise. */
void text_fallbacks_init(Fallbacks *fbs, TextEngine *te, const char *lang, TextWeight weight);

/* Which font draws c in a run drawn in f (NULL when the run's font is the
 * default one): shared characters (script Common) the run's font lacks
 * come from the default font, and those it lacks too (emoji, a flag's
 * regional indicators) from the symbols font; joiners and marks (script
 * Inherited: ZWJ, a variation selector, a combining keycap) stay with the
 * character before them. Characters below U+2000 are looked up only in a
 * font of another script, so Latin text costs no lookups. A character no
 * font has is PIECE_RUN (drawn as missing). Cannot fail. */
int text_piece_for(Fallbacks *fbs, TTF_Font *f, uint32_t c);
/* Reads fonts.conf into te's files and rules, opening each new file once.
 * False with one line in err (file:line: problem) on any error. */
bool text_load_conf(TextEngine *te, const char *conf, const char *font_dir, char *err,
                    size_t errlen);

/* Checks that each font of the rules draws its script (text_check.c):
 * every table inside the file, and a short sample of the rule's script with
 * all its glyphs, their outlines loading. False with one line in err naming the file
 * and saying it is damaged. */
bool text_check_fonts(TextEngine *te, const char *conf, char *err, size_t errlen);

/* ---- Itemise (text_itemise.c) ------------------------------------------ */

/* True when c continues the grapheme cluster of the code point before it
 * (marks, joiners, a letter after a virama except in Tamil). */
bool text_extends_cluster(uint32_t c, uint32_t prev);
/* Itemises s[0..len) into *out (malloc'd, logical order); *par_level
 * receives the paragraph level. Returns the number of runs, or -1 for
 * invalid UTF-8 or no memory (*out is then NULL). */
int text_itemise_all(const char *s, size_t len, TextDir base, const char *lang,
                     TextRun **out, int *par_level);

/* ---- Shaping and measuring (text_shape.c) ------------------------------ */

/* Itemises s and chooses each run's font. K_ERR_INVALID for invalid UTF-8,
 * K_ERR_NOMEM; p needs text_para_free either way (which also wipes the
 * scratch buffer after personal text). */
k_err text_para_init(Para *p, TextEngine *te, const char *s, const TextStyle *st);
void text_para_free(Para *p);
/* Zeroes the scratch buffer that text_piece_text fills: after any use for
 * personal text. */
void text_wipe_scratch(TextEngine *te);
/* Zeroes a rendered surface's pixels, then frees it (NULL is allowed):
 * for renderings of personal text, which are pictures of it. */
void text_free_surface(SDL_Surface *surf);
/* The piece's text, NUL-terminated, in te->scratch; NULL when out of memory. */
const char *text_piece_text(TextEngine *te, const char *s, const Piece *pc);
/* Builds the cache key of a piece in te->key (colour NULL for
 * measurements); returns its length, 0 when out of memory. */
size_t text_piece_key(TextEngine *te, const char *s, const Piece *pc, int size,
                      const SDL_Color *colour);
/* The piece's font at size with its script and direction set; NULL on
 * failure (logged). */
TTF_Font *text_shaping_font(TextEngine *te, const Piece *pc, int size);
/* Renders txt in f (script and direction already set) and finds the rows
 * with ink: [*top, *bot), equal when none. When keep is not NULL the
 * rendered surface is handed over through it (NULL when nothing rendered).
 * K_ERR_FONT when rendering fails (logged). */
k_err text_ink_rows(TTF_Font *f, const char *txt, int *top, int *bot, SDL_Surface **keep);
/* Keeps surf (rendered in white) as the texture of the piece whose key is
 * in te->key, unless one is cached; frees surf. Failing only means the
 * piece is rendered again when drawn. */
void text_cache_texture(TextEngine *te, SDL_Surface *surf, size_t keylen, uint64_t hash);
/* Measures the line s[a..e) (trailing white space dropped) into p->buf,
 * with the pieces' ink when want_ink; returns the number of pieces, or -1
 * with *err set. */
int text_line_pieces(Para *p, size_t a, size_t e, bool want_ink, int *w, k_err *err);
/* Width of s[a..e) without (range) or with (span) its trailing white
 * space; -1 with *err set on failure. */
int text_range_width(Para *p, size_t a, size_t e, k_err *err);
int text_span_width(Para *p, size_t a, size_t e, k_err *err);

/* ---- Segmentation by ICU (text_icu.c) ----------------------------------- */

/* A set of ICU break iterators with their UTF-16 buffer; NULL when out of
 * memory. Iterators open on first use. */
TextBreaker *text_breaker_new(void);
void text_breaker_free(TextBreaker *b);
/* True when b's UTF-16 buffer holds valid UTF-8 s[0..len) (for tests). */
bool text_breaker_holds(const TextBreaker *b, const char *s, size_t len);

/* The break opportunities of valid UTF-8 s[0..len) for lang, as
 * text_break_opportunities writes them. K_ERR_NOMEM, K_ERR_TOO_LONG (over
 * 1 GB), or K_ERR_FONT when ICU cannot break lines (logged). */
k_err text_breaker_lines(TextBreaker *b, const char *s, size_t len, const char *lang, char *brk);

/* Writes the grapheme-cluster boundaries strictly inside s[a..e) (valid
 * UTF-8), in order, into out (room for e - a) and their number into *count.
 * Errors as text_breaker_lines. */
k_err text_breaker_clusters(TextBreaker *b, const char *s, size_t a, size_t e,
                            size_t *out, size_t *count);

/* ---- Line breaks and wrapping (text_break.c) --------------------------- */

/* Greedy wrapping in logical order: appends each line's start to out (the
 * caller frees out->v); *word_fits is false when a word had to be cut.
 * Errors as text_breaker_lines, or a shaping failure (K_ERR_FONT). */
k_err text_wrap_para(Para *p, int max_w, Starts *out, bool *word_fits);

/* ---- Layout (text_layout.c) -------------------------------------------- */

void text_free_layout(Layout *lay);
/* Lru.drop of the layout cache. */
void text_drop_layout(Entry *e);
/* The layout of s in style st wrapped at max_w: from the cache, or built
 * (and cached unless personal). *owned is true when the caller frees it.
 * Errors as text_measure; *out is NULL then. */
k_err text_get_layout(TextEngine *te, const char *s, const TextStyle *st, int max_w,
                      Layout **out, int *par_level, bool *owned);
/* Lines shown: within max_lines and, when box_h >= 0, within box_h; *h is
 * their height. */
int text_shown_lines(const Layout *lay, const TextStyle *st, int box_h, int *h);

#endif
