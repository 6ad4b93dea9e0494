/* text.c — itemise (script, direction) -> FriBidi -> shape -> break lines ->
 * texture cache. See include/kiosk/text.h for the pipeline. */
#include "kiosk/text.h"

#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <fribidi.h>
#include <hb.h>
#include <limits.h>
#include <linebreak.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "text"
#define MEASURE_BUDGET (512u * 1024u)   /* bytes of remembered run widths */
#define LAYOUT_BUDGET (256u * 1024u)    /* bytes of remembered paragraph layouts */
#define MIN_SIZE_PX 4
#define MAX_SIZE_PX 400

/* ---- Small helpers ---------------------------------------------------- */

static hb_unicode_funcs_t *ufuncs(void)
{
    return hb_unicode_funcs_get_default();
}

/* Decodes the code point starting at s[i] of valid UTF-8. */
static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    return utf8_next(s, len, &i);
}

/* Start of the code point before byte i (i > 0). */
static size_t cp_before(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x2028 || c == 0x2029 ||
           c == 0x205F || c == 0x3000;
}

/* True when c continues the grapheme cluster of the code point before it
 * (prev): marks, joiners, and a letter after a virama (a conjunct). Tamil's
 * pulli ends its cluster (its consonants do not conjoin) except in KSSA. */
static bool extends_cluster(uint32_t c, uint32_t prev)
{
    if (c == 0x200C || c == 0x200D || prev == 0x200D)
        return true;
    hb_unicode_general_category_t gc = hb_unicode_general_category(ufuncs(), c);
    if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
        gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
        gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
        return true;
    if (gc != HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
        hb_unicode_combining_class(ufuncs(), prev) != HB_UNICODE_COMBINING_CLASS_VIRAMA)
        return false;
    return prev != 0x0BCD || c == 0x0BB7;
}

/* True when byte offset i (a code point start, 0 < i < len) is between two
 * grapheme clusters. */
static bool cluster_boundary(const char *s, size_t len, size_t i)
{
    return !extends_cluster(cp_at(s, len, i), cp_at(s, len, cp_before(s, i)));
}

/* s[a..e) with trailing white space removed. */
static size_t trim_end(const char *s, size_t len, size_t a, size_t e)
{
    while (e > a) {
        size_t p = cp_before(s, e);
        if (p < a || !is_space(cp_at(s, len, p)))
            break;
        e = p;
    }
    return e;
}

static int clamp_size(int px)
{
    return px < MIN_SIZE_PX ? MIN_SIZE_PX : px > MAX_SIZE_PX ? MAX_SIZE_PX : px;
}

static bool lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = { "ur", "ar", "fa", "he" };
    if (!lang)
        return false;
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++) {
        size_t n = strlen(rtl[i]);
        if (SDL_strncasecmp(lang, rtl[i], n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
            return true;
    }
    return false;
}

static uint64_t fnv1a(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* ---- A hash table with least-recently-used eviction, bounded by cost --- */

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

static void lru_unlink(Lru *l, Entry *e)
{
    if (e->newer) e->newer->older = e->older; else l->newest = e->older;
    if (e->older) e->older->newer = e->newer; else l->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void lru_push_front(Lru *l, Entry *e)
{
    e->older = l->newest;
    e->newer = NULL;
    if (l->newest) l->newest->newer = e; else l->oldest = e;
    l->newest = e;
}

static Entry *lru_find(Lru *l, const void *key, size_t keylen, uint64_t hash)
{
    if (!l->nbuckets)
        return NULL;
    for (Entry *e = l->buckets[hash & (l->nbuckets - 1)]; e; e = e->chain) {
        if (e->hash == hash && e->keylen == keylen && memcmp(e->key, key, keylen) == 0) {
            lru_unlink(l, e);
            lru_push_front(l, e);
            return e;
        }
    }
    return NULL;
}

static void lru_remove(Lru *l, Entry *e)
{
    Entry **pp = &l->buckets[e->hash & (l->nbuckets - 1)];
    while (*pp != e)
        pp = &(*pp)->chain;
    *pp = e->chain;
    lru_unlink(l, e);
    l->count--;
    l->cost -= e->cost;
    if (l->drop)
        l->drop(e);
    free(e);
}

/* Evicts least recently used, unpinned entries until within budget. */
static void lru_trim(Lru *l)
{
    Entry *e = l->oldest;
    while (l->cost > l->budget && e) {
        Entry *next = e->newer;
        if (!e->pinned)
            lru_remove(l, e);
        e = next;
    }
}

static bool lru_grow(Lru *l)
{
    size_t n = l->nbuckets ? l->nbuckets * 2 : 64;
    Entry **b = calloc(n, sizeof *b);
    if (!b)
        return false;
    for (size_t i = 0; i < l->nbuckets; i++) {
        for (Entry *e = l->buckets[i], *next; e; e = next) {
            next = e->chain;
            e->chain = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    }
    free(l->buckets);
    l->buckets = b;
    l->nbuckets = n;
    return true;
}

/* Adds a new, pinned entry (the caller fills its value, sets its cost with
 * lru_set_cost and unpins it). Returns NULL when out of memory. */
static Entry *lru_insert(Lru *l, const void *key, size_t keylen, uint64_t hash)
{
    if (l->count >= l->nbuckets && !lru_grow(l) && !l->nbuckets)
        return NULL;
    Entry *e = calloc(1, sizeof *e + keylen);
    if (!e)
        return NULL;
    memcpy(e->key, key, keylen);
    e->keylen = keylen;
    e->hash = hash;
    e->pinned = true;
    e->chain = l->buckets[hash & (l->nbuckets - 1)];
    l->buckets[hash & (l->nbuckets - 1)] = e;
    lru_push_front(l, e);
    l->count++;
    return e;
}

static void lru_set_cost(Lru *l, Entry *e, size_t cost)
{
    l->cost += cost - e->cost;
    e->cost = cost;
}

static void lru_clear(Lru *l)
{
    while (l->oldest)
        lru_remove(l, l->oldest);
}

static void lru_free(Lru *l)
{
    lru_clear(l);
    free(l->buckets);
    l->buckets = NULL;
    l->nbuckets = 0;
}

static void drop_texture(Entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
}

/* ---- Fonts ---------------------------------------------------------- */

typedef struct {
    int size;
    TTF_Font *font;
} SizedFont;

typedef struct {
    char *name;        /* as written in fonts.conf */
    char *path;
    bool ink;          /* line boxes from the glyphs' ink, not the font box */
    SizedFont *sizes;
    int nsizes, cap;
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
};

static bool grow(void **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    void *p = realloc(*buf, n);
    if (!p)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

/* The font file at a pixel size, opened on first use; NULL on failure. */
static TTF_Font *font_at(TextEngine *te, int file, int size)
{
    FontFile *f = &te->files[file];
    for (int i = 0; i < f->nsizes; i++)
        if (f->sizes[i].size == size)
            return f->sizes[i].font;
    if (f->nsizes == f->cap) {
        int cap = f->cap ? f->cap * 2 : 4;
        SizedFont *s = realloc(f->sizes, (size_t)cap * sizeof *s);
        if (!s)
            return NULL;
        f->sizes = s;
        f->cap = cap;
    }
    TTF_Font *font = TTF_OpenFont(f->path, size);
    if (!font)
        return NULL;    /* the caller reports it */
    /* Nastaliq's hinting instructions cost more than all its shaping and
     * do little for its curves at these sizes: draw it unhinted. */
    if (f->ink)
        TTF_SetFontHinting(font, TTF_HINTING_NONE);
    f->sizes[f->nsizes++] = (SizedFont){ size, font };
    return font;
}

static bool lang_matches(const char *rule_lang, const char *lang)
{
    size_t n = strlen(rule_lang);
    return SDL_strncasecmp(lang, rule_lang, n) == 0 &&
           (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* The font file for a run: script and language, then script, then default;
 * within each, the weight asked for before regular. */
static int choose_font(const TextEngine *te, const char *script, const char *lang, TextWeight weight)
{
    for (int tier = 0; tier < 6; tier++) {
        TextWeight w = (tier & 1) ? TEXT_REGULAR : weight;
        for (int i = 0; i < te->nrules; i++) {
            const FontRule *r = &te->rules[i];
            if (r->weight != w)
                continue;
            if (tier < 2 && r->script[0] && r->lang[0] && strcmp(r->script, script) == 0 &&
                lang_matches(r->lang, lang))
                return r->file;
            if (tier >= 2 && tier < 4 && r->script[0] && !r->lang[0] && strcmp(r->script, script) == 0)
                return r->file;
            if (tier >= 4 && !r->script[0] && !r->lang[0])
                return r->file;
        }
    }
    return 0;   /* text_open guarantees a default regular font */
}

/* ---- fonts.conf ------------------------------------------------------- */

static int add_file(TextEngine *te, const char *name, const char *font_dir)
{
    for (int i = 0; i < te->nfiles; i++)
        if (strcmp(te->files[i].name, name) == 0)
            return i;
    FontFile *f = realloc(te->files, (size_t)(te->nfiles + 1) * sizeof *f);
    if (!f)
        return -1;
    te->files = f;
    f = &te->files[te->nfiles];
    memset(f, 0, sizeof *f);
    f->name = strdup(name);
    if (name[0] == '/' || !font_dir || !font_dir[0]) {
        f->path = strdup(name);
    } else {
        size_t n = strlen(font_dir) + strlen(name) + 2;
        f->path = malloc(n);
        if (f->path)
            snprintf(f->path, n, "%s/%s", font_dir, name);
    }
    te->nfiles++;   /* counted now so text_close frees the names */
    if (!f->name || !f->path)
        return -1;
    return te->nfiles - 1;
}

/* Parses one non-empty line; returns false with a message in err. */
static bool parse_rule(TextEngine *te, char *line, const char *font_dir,
                       const char *conf, int lineno, char *err, size_t errlen)
{
    char *save = NULL;
    char *sel = strtok_r(line, " \t", &save);
    char *weight = strtok_r(NULL, " \t", &save);
    char *file = strtok_r(NULL, "", &save);
    while (file && (*file == ' ' || *file == '\t'))
        file++;
    /* A trailing "ink": lines in this font are as tall as their glyphs'
     * ink, not the font's box (load_conf has trimmed the line's end). */
    bool ink = false;
    size_t flen = file ? strlen(file) : 0;
    if (flen > 4 && strcmp(file + flen - 3, "ink") == 0 &&
        (file[flen - 4] == ' ' || file[flen - 4] == '\t')) {
        ink = true;
        flen -= 4;
        while (flen > 0 && (file[flen - 1] == ' ' || file[flen - 1] == '\t'))
            flen--;
        file[flen] = '\0';
    }
    if (!sel || !weight || !file || !*file) {
        snprintf(err, errlen, "%s:%d: expected '<script>[:<lang>] <regular|bold> <font file> [ink]'",
                 conf, lineno);
        return false;
    }
    FontRule r = { .file = -1 };
    char *colon = strchr(sel, ':');
    if (colon) {
        *colon = '\0';
        size_t n = strlen(colon + 1);
        if (n == 0 || n >= sizeof r.lang) {
            snprintf(err, errlen, "%s:%d: bad language '%s'", conf, lineno, colon + 1);
            return false;
        }
        memcpy(r.lang, colon + 1, n + 1);
    }
    if (strcmp(sel, "default") == 0) {
        r.script[0] = '\0';
    } else if (strlen(sel) == 4) {
        for (int i = 0; i < 4; i++) {
            if (!((sel[i] >= 'a' && sel[i] <= 'z') || (sel[i] >= 'A' && sel[i] <= 'Z'))) {
                snprintf(err, errlen, "%s:%d: bad script '%s'", conf, lineno, sel);
                return false;
            }
            r.script[i] = (char)(i == 0 ? SDL_toupper(sel[i]) : SDL_tolower(sel[i]));
        }
        r.script[4] = '\0';
    } else {
        snprintf(err, errlen, "%s:%d: bad script '%s' (four letters, e.g. Latn, or default)", conf, lineno, sel);
        return false;
    }
    if (strcmp(weight, "regular") == 0) {
        r.weight = TEXT_REGULAR;
    } else if (strcmp(weight, "bold") == 0) {
        r.weight = TEXT_BOLD;
    } else {
        snprintf(err, errlen, "%s:%d: bad weight '%s' (regular or bold)", conf, lineno, weight);
        return false;
    }
    int known = te->nfiles;
    r.file = add_file(te, file, font_dir);
    if (r.file < 0) {
        snprintf(err, errlen, "%s:%d: out of memory", conf, lineno);
        return false;
    }
    if (ink)
        te->files[r.file].ink = true;   /* the flag belongs to the file */
    if (r.file == known) {   /* a new file: open it once to check it */
        TTF_Font *f = font_at(te, r.file, 16);
        if (!f) {
            snprintf(err, errlen, "%s:%d: cannot open font %s: %s", conf, lineno, file, TTF_GetError());
            return false;
        }
        if (TTF_SetFontScriptName(f, "Latn") != 0) {
            snprintf(err, errlen, "%s:%d: SDL_ttf was built without HarfBuzz: "
                     "Tamil and Urdu cannot be shaped", conf, lineno);
            return false;
        }
    }
    FontRule *rules = realloc(te->rules, (size_t)(te->nrules + 1) * sizeof *rules);
    if (!rules) {
        snprintf(err, errlen, "%s:%d: out of memory", conf, lineno);
        return false;
    }
    te->rules = rules;
    te->rules[te->nrules++] = r;
    return true;
}

static bool load_conf(TextEngine *te, const char *conf, const char *font_dir, char *err, size_t errlen)
{
    FILE *fp = fopen(conf, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot read: %s", conf, strerror(errno));
        return false;
    }
    char line[512];
    int lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, fp)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n' && !feof(fp)) {
            snprintf(err, errlen, "%s:%d: line too long", conf, lineno);
            ok = false;
            break;
        }
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = '\0';
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p)
            ok = parse_rule(te, p, font_dir, conf, lineno, err, errlen);
    }
    if (ok && ferror(fp)) {
        snprintf(err, errlen, "%s: read error", conf);
        ok = false;
    }
    fclose(fp);
    if (!ok)
        return false;
    for (int i = 0; i < te->nrules; i++)
        if (!te->rules[i].script[0] && !te->rules[i].lang[0] && te->rules[i].weight == TEXT_REGULAR)
            return true;
    snprintf(err, errlen, "%s: no 'default regular' font", conf);
    return false;
}

static void free_layout(Layout *lay)
{
    if (!lay)
        return;
    free(lay->lines);
    free(lay->pieces);
    free(lay->visual);
    free(lay);
}

static void drop_layout(Entry *e)
{
    free_layout(e->data);
}

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
    te->tex.drop = drop_texture;
    te->meas.budget = MEASURE_BUDGET;
    te->layouts.budget = LAYOUT_BUDGET;
    te->layouts.drop = drop_layout;
    init_linebreak();
    if (!load_conf(te, fonts_conf, font_dir, err, errlen)) {
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
    lru_free(&te->tex);
    lru_free(&te->meas);
    lru_free(&te->layouts);
    for (int i = 0; i < te->nfiles; i++) {
        for (int k = 0; k < te->files[i].nsizes; k++)
            TTF_CloseFont(te->files[i].sizes[k].font);
        free(te->files[i].sizes);
        free(te->files[i].name);
        free(te->files[i].path);
    }
    free(te->files);
    free(te->rules);
    free(te->scratch);
    free(te->key);
    free(te);
    TTF_Quit();
}

void text_set_renderer(TextEngine *te, SDL_Renderer *renderer)
{
    if (te->renderer != renderer)
        lru_clear(&te->tex);
    te->renderer = renderer;
}

void text_cache_clear(TextEngine *te)
{
    lru_clear(&te->tex);
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

/* ---- 1. Itemise -------------------------------------------------------- */

static bool real_script(hb_script_t s)
{
    return s != HB_SCRIPT_INVALID && s != HB_SCRIPT_COMMON &&
           s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

/* Itemises utf8[0..len) into *out (malloc'd, logical order); *par_level
 * receives the paragraph level. Returns the number of runs, or -1 for invalid
 * UTF-8 or no memory (*out is then NULL). */
static int itemise(const char *s, size_t len, TextDir base, const char *lang,
                   TextRun **out, int *par_level)
{
    *out = NULL;
    if (!utf8_valid(s, len) || len > INT_MAX / 2)
        return -1;
    size_t cap = len ? len : 1;
    FriBidiChar *u = malloc(cap * sizeof *u);
    size_t *offs = malloc((cap + 1) * sizeof *offs);
    FriBidiCharType *types = malloc(cap * sizeof *types);
    FriBidiBracketType *brackets = malloc(cap * sizeof *brackets);
    FriBidiLevel *levels = malloc(cap * sizeof *levels);
    hb_script_t *sc = malloc(cap * sizeof *sc);
    TextRun *runs = malloc(cap * sizeof *runs);
    int nruns = -1;
    if (!u || !offs || !types || !brackets || !levels || !sc || !runs)
        goto out_free;

    int n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s, (FriBidiStrIndex)len, u);
    int k = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            offs[k++] = i;
    offs[k] = len;
    if (k != n)
        goto out_free;

    fribidi_get_bidi_types(u, n, types);
    /* A single space between digits ("020 8770 6000") is read as part of
     * the number, as a no-break space would be: phone numbers keep their
     * groups in reading order inside right-to-left text. */
    for (int i = 1; i + 1 < n; i++)
        if (u[i] == ' ' && types[i - 1] == FRIBIDI_TYPE_EN && types[i + 1] == FRIBIDI_TYPE_EN)
            types[i] = FRIBIDI_TYPE_CS;
    fribidi_get_bracket_types(u, n, types, brackets);
    FriBidiParType dir;
    if (base == TEXT_DIR_LTR) {
        dir = FRIBIDI_PAR_LTR;
    } else if (base == TEXT_DIR_RTL) {
        dir = FRIBIDI_PAR_RTL;
    } else {
        dir = fribidi_get_par_direction(types, n);
        if (dir != FRIBIDI_PAR_LTR && dir != FRIBIDI_PAR_RTL)
            dir = lang_is_rtl(lang) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    }
    *par_level = dir == FRIBIDI_PAR_RTL ? 1 : 0;
    if (n > 0 && !fribidi_get_par_embedding_levels_ex(types, brackets, n, &dir, levels))
        goto out_free;

    /* Scripts: Common and Inherited characters take their neighbours'. */
    for (int i = 0; i < n; i++) {
        hb_script_t h = hb_unicode_script(ufuncs(), u[i]);
        if (real_script(h))
            sc[i] = h;
        else if (i > 0 && (h == HB_SCRIPT_INHERITED || extends_cluster(u[i], u[i - 1])))
            sc[i] = sc[i - 1];
        else if (i > 0 && levels[i] == levels[i - 1])
            sc[i] = sc[i - 1];
        else
            sc[i] = HB_SCRIPT_INVALID;
    }
    for (int i = n - 2; i >= 0; i--)
        if (sc[i] == HB_SCRIPT_INVALID && levels[i] == levels[i + 1])
            sc[i] = sc[i + 1];
    for (int i = 1; i < n; i++)
        if (sc[i] == HB_SCRIPT_INVALID)
            sc[i] = sc[i - 1];
    for (int i = n - 2; i >= 0; i--)
        if (sc[i] == HB_SCRIPT_INVALID)
            sc[i] = sc[i + 1];

    nruns = 0;
    for (int i = 0; i < n; i++) {
        hb_script_t script = sc[i] == HB_SCRIPT_INVALID ? HB_SCRIPT_COMMON : sc[i];
        bool split = i == 0 ||
                     ((levels[i] != levels[i - 1] || script != sc[i - 1]) && !extends_cluster(u[i], u[i - 1]));
        if (split) {
            TextRun *r = &runs[nruns++];
            r->start = offs[i];
            r->level = levels[i];
            hb_tag_to_string(hb_script_to_iso15924_tag(script), r->script);
            r->script[4] = '\0';
        }
        sc[i] = script;
        runs[nruns - 1].len = offs[i + 1] - runs[nruns - 1].start;
    }
    *out = runs;
    runs = NULL;

out_free:
    free(u);
    free(offs);
    free(types);
    free(brackets);
    free(levels);
    free(sc);
    free(runs);
    return nruns;
}

int text_itemise(const char *utf8, TextDir base, TextRun *runs, int max)
{
    TextRun *all;
    int level;
    int n = itemise(utf8, strlen(utf8), base, NULL, &all, &level);
    if (n < 0)
        return -1;
    for (int i = 0; i < n && i < max; i++)
        runs[i] = all[i];
    free(all);
    return n;
}

void text_visual_order(const TextRun *runs, int n, int *order)
{
    int hi = 0, lo_odd = INT_MAX;
    for (int i = 0; i < n; i++) {
        order[i] = i;
        if (runs[i].level > hi)
            hi = runs[i].level;
        if ((runs[i].level & 1) && runs[i].level < lo_odd)
            lo_odd = runs[i].level;
    }
    /* L2: from the highest level down to the lowest odd level, reverse every
     * sequence of runs at that level or higher. */
    for (int lev = hi; lev >= lo_odd && lev > 0; lev--) {
        for (int i = 0; i < n;) {
            if (runs[order[i]].level < lev) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && runs[order[j]].level >= lev)
                j++;
            for (int a = i, b = j - 1; a < b; a++, b--) {
                int t = order[a];
                order[a] = order[b];
                order[b] = t;
            }
            i = j;
        }
    }
}

/* ---- 3. Line breaks --------------------------------------------------- */

k_err text_break_opportunities(const char *utf8, const char *lang, char *brk)
{
    size_t len = strlen(utf8);
    if (!utf8_valid(utf8, len))
        return K_ERR_INVALID;
    static bool ready;
    if (!ready) {
        init_linebreak();
        ready = true;
    }
    set_linebreaks_utf8((const utf8_t *)utf8, len, lang ? lang : "en", brk);
    for (size_t i = 0; i < len; i++)
        brk[i] = brk[i] == LINEBREAK_MUSTBREAK ? 2 : brk[i] == LINEBREAK_ALLOWBREAK ? 1 : 0;
    return K_OK;
}

/* ---- 2. and 3. Shaping and measuring ---------------------------------- */

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

static void para_free(Para *p)
{
    free(p->runs);
    free(p->run_font);
    free(p->buf);
}

/* Punctuation and symbols shared by all scripts (a middle dot, a dash)
 * take their neighbours' script, but the neighbours' font may not have
 * them (Noto Sans Tamil has no U+00B7): such characters get runs of their
 * own in the default font, so they never show as a missing glyph. */
static k_err split_uncovered(Para *p)
{
    TextEngine *te = p->te;
    int fallback = choose_font(te, "Zyyy", p->lang, p->st->weight);
    size_t cap = (size_t)p->nruns + 2 * p->len + 1;
    TextRun *runs = NULL;
    int *fonts = NULL;
    int n = 0;
    bool changed = false;
    for (int r = 0; r < p->nruns; r++) {
        TTF_Font *f = p->run_font[r] == fallback ? NULL : font_at(te, p->run_font[r], 16);
        TTF_Font *fb = font_at(te, fallback, 16);
        const TextRun *run = &p->runs[r];
        size_t i = run->start, end = run->start + run->len, piece = run->start;
        bool piece_fb = false;
        while (f && fb && i < end) {
            size_t at = i;
            uint32_t c = utf8_next(p->s, p->len, &i);
            bool use_fb = hb_unicode_script(ufuncs(), c) == HB_SCRIPT_COMMON &&
                          !is_space(c) && !TTF_GlyphIsProvided32(f, c) &&
                          TTF_GlyphIsProvided32(fb, c);
            if (use_fb == piece_fb || at == piece) {
                piece_fb = use_fb;
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
                for (int k = 0; k < r; k++) {
                    runs[n] = p->runs[k];
                    fonts[n++] = p->run_font[k];
                }
            }
            runs[n] = *run;
            runs[n].start = piece;
            runs[n].len = at - piece;
            if (piece_fb)
                memcpy(runs[n].script, "Zyyy", 5);
            fonts[n++] = piece_fb ? fallback : p->run_font[r];
            piece = at;
            piece_fb = use_fb;
            changed = true;
        }
        if (runs) {
            runs[n] = *run;
            runs[n].start = piece;
            runs[n].len = end - piece;
            if (piece_fb)
                memcpy(runs[n].script, "Zyyy", 5);
            fonts[n++] = piece_fb ? fallback : p->run_font[r];
        } else if (piece_fb && piece == run->start && f) {
            /* the whole run is such characters */
            p->run_font[r] = fallback;
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

static k_err para_init(Para *p, TextEngine *te, const char *s, const TextStyle *st)
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
    p->nruns = itemise(s, p->len, st->dir, p->lang, &p->runs, &p->par_level);
    if (p->nruns < 0)
        return K_ERR_NOMEM;
    size_t n = p->nruns ? (size_t)p->nruns : 1;
    p->run_font = malloc(n * sizeof *p->run_font);
    p->buf = malloc(n * sizeof *p->buf);
    if (!p->run_font || !p->buf) {
        para_free(p);
        return K_ERR_NOMEM;
    }
    for (int i = 0; i < p->nruns; i++)
        p->run_font[i] = choose_font(te, p->runs[i].script, p->lang, p->st->weight);
    return split_uncovered(p);
}

/* Copies a piece's text, NUL-terminated, into the scratch buffer. */
static const char *piece_text(TextEngine *te, const char *s, const Piece *pc)
{
    if (!grow((void **)&te->scratch, &te->scratch_cap, pc->len + 1))
        return NULL;
    memcpy(te->scratch, s + pc->start, pc->len);
    te->scratch[pc->len] = '\0';
    return te->scratch;
}

/* Builds the cache key of a piece in te->key; colour NULL for measurements. */
static size_t piece_key(TextEngine *te, const char *s, const Piece *pc, int size, const SDL_Color *colour)
{
    int head[3] = { pc->font, size, pc->level & 1 };
    size_t n = sizeof head + 4 + 4 + pc->len;
    if (!grow((void **)&te->key, &te->key_cap, n))
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
static TTF_Font *shaping_font(TextEngine *te, const Piece *pc, int size)
{
    TTF_Font *f = font_at(te, pc->font, size);
    if (!f) {
        LOG_E(MOD, "cannot open font %s at %d px: %s", te->files[pc->font].name, size, TTF_GetError());
        return NULL;
    }
    if (TTF_SetFontScriptName(f, pc->script) != 0 ||
        TTF_SetFontDirection(f, (pc->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) != 0) {
        LOG_E(MOD, "cannot set script %s on %s: %s", pc->script, te->files[pc->font].name, TTF_GetError());
        return NULL;
    }
    return f;
}

/* Renders txt as it will be drawn and finds the rows of the surface with
 * any ink (non-zero alpha): [*top, *bot), equal when there are none. */
static k_err ink_rows(TTF_Font *f, const char *txt, int *top, int *bot, SDL_Surface **keep)
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
        const Uint32 *row = (const Uint32 *)((const Uint8 *)surf->pixels + (size_t)y * (size_t)surf->pitch);
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
    SDL_FreeSurface(surf);
    return err;
}

/* Keeps surf (rendered in white) as the cached texture of the piece whose
 * key is in te->key (keylen bytes), unless one is cached already. Frees
 * surf. Failures only mean the piece is rendered again when drawn. */
static void cache_texture(TextEngine *te, SDL_Surface *surf, size_t keylen, uint64_t hash)
{
    if (!te->renderer || lru_find(&te->tex, te->key, keylen, hash)) {
        SDL_FreeSurface(surf);
        return;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(te->renderer, surf);
    int w = surf->w, h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return;
    Entry *e = lru_insert(&te->tex, te->key, keylen, hash);
    if (!e) {
        SDL_DestroyTexture(tex);
        return;
    }
    e->tex = tex;
    e->w = w;
    e->h = h;
    lru_set_cost(&te->tex, e, (size_t)w * (size_t)h * 4);
    e->pinned = false;
    lru_trim(&te->tex);
}

/* Fills pc->w, h and base with the piece's shaped size and, when want_ink
 * and the font sizes lines by ink, pc->ink_top and ink_bot. Each distinct
 * piece is shaped once for its width and rendered once for its ink; both
 * are remembered (except for personal text). */
static k_err measure_piece(Para *p, Piece *pc, bool want_ink)
{
    TextEngine *te = p->te;
    TTF_Font *f = shaping_font(te, pc, p->size);
    if (!f)
        return K_ERR_FONT;
    pc->ink = te->files[pc->font].ink;
    pc->ink_top = pc->ink_bot = 0;
    want_ink = want_ink && pc->ink;
    Entry *e = NULL;
    size_t keylen = 0;
    uint64_t hash = 0;
    if (p->cache) {
        keylen = piece_key(te, p->s, pc, p->size, NULL);
        if (!keylen)
            return K_ERR_NOMEM;
        hash = fnv1a(te->key, keylen);
        e = lru_find(&te->meas, te->key, keylen, hash);
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
        txt = piece_text(te, p->s, pc);
        if (!txt)
            return K_ERR_NOMEM;
        te->shaped++;
        if (TTF_SizeUTF8(f, txt, &pc->w, &raw_h) != 0) {
            LOG_E(MOD, "shaping failed: %s", TTF_GetError());
            return K_ERR_FONT;
        }
    }
    int fh = TTF_FontHeight(f);
    pc->h = raw_h < fh ? fh : raw_h;
    /* Glyphs taller than the font's box grow the surface upwards. */
    pc->base = TTF_FontAscent(f) + (pc->h - fh);
    if (want_ink && !have_ink) {
        if (!txt && !(txt = piece_text(te, p->s, pc)))
            return K_ERR_NOMEM;
        int top, bot;
        te->shaped++;
        SDL_Surface *surf = NULL;
        k_err err = ink_rows(f, txt, &top, &bot, p->cache ? &surf : NULL);
        if (err != K_OK) {
            SDL_FreeSurface(surf);
            return err;
        }
        /* the render that found the ink is the piece's texture too: it is
         * drawn in white and tinted, so one serves every colour */
        if (surf) {
            size_t tkeylen = piece_key(te, p->s, pc, p->size, NULL);
            if (tkeylen)
                cache_texture(te, surf, tkeylen, fnv1a(te->key, tkeylen));
            else
                SDL_FreeSurface(surf);
            /* restore the measurement key for the insert below */
            if (p->cache && !e) {
                keylen = piece_key(te, p->s, pc, p->size, NULL);
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
        e = lru_insert(&te->meas, te->key, keylen, hash);
        if (!e)
            return K_OK;        /* measured, not remembered */
        e->w = pc->w;
        e->h = raw_h;
        lru_set_cost(&te->meas, e, sizeof *e + keylen);
        e->pinned = false;
    }
    if (have_ink && !e->ink_known) {
        e->ink_known = true;
        e->ink_top = pc->ink_top;
        e->ink_bot = pc->ink_bot;
    }
    lru_trim(&te->meas);
    return K_OK;
}

/* Measures the line s[a..e) (trailing white space dropped) into p->buf,
 * with the pieces' ink when want_ink; returns the number of pieces, or -1
 * with *err set. */
static int line_pieces(Para *p, size_t a, size_t e, bool want_ink, int *w, k_err *err)
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

static int range_width(Para *p, size_t a, size_t e, k_err *err)
{
    int w;
    return line_pieces(p, a, e, false, &w, err) < 0 ? -1 : w;
}

/* Width of s[a..e) with its trailing white space, piece by piece (each
 * cached): the cost of one word when wrapping. -1 with *err on failure. */
static int span_width(Para *p, size_t a, size_t e, k_err *err)
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

/* The largest grapheme boundary q in (a, e) with s[a..q) at most max_w wide
 * (the first boundary when even one cluster is wider); e when s[a..e) is a
 * single cluster. Returns 0 with *err set on failure. */
static size_t split_word(Para *p, size_t a, size_t e, int max_w, k_err *err)
{
    size_t end = trim_end(p->s, p->len, a, e);
    size_t *b = malloc((end - a + 1) * sizeof *b);
    if (!b) {
        *err = K_ERR_NOMEM;
        return 0;
    }
    size_t n = 0;
    for (size_t i = a + 1; i < end; i++)
        if (((unsigned char)p->s[i] & 0xC0) != 0x80 && cluster_boundary(p->s, p->len, i))
            b[n++] = i;
    size_t q = e;
    if (n > 0) {
        size_t lo = 0, hi = n;     /* b[0..lo) fit; b[hi..n) do not */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int w = range_width(p, a, b[mid], err);
            if (w < 0) {
                free(b);
                return 0;
            }
            if (w <= max_w) lo = mid + 1; else hi = mid;
        }
        q = lo > 0 ? b[lo - 1] : b[0];
    }
    free(b);
    return q;
}

typedef struct {
    size_t *v;
    int n, cap;
} Starts;

static bool starts_push(Starts *st, size_t at)
{
    if (st->n == st->cap) {
        int cap = st->cap ? st->cap * 2 : 8;
        size_t *v = realloc(st->v, (size_t)cap * sizeof *v);
        if (!v)
            return false;
        st->v = v;
        st->cap = cap;
    }
    st->v[st->n++] = at;
    return true;
}

/* Greedy wrapping in logical order; fills out with the line starts. */
static k_err wrap(Para *p, int max_w, Starts *out, bool *word_fits)
{
    *word_fits = true;
    if (p->len == 0)
        return K_OK;
    char *brk = malloc(p->len);
    if (!brk)
        return K_ERR_NOMEM;
    k_err err = text_break_opportunities(p->s, p->lang, brk);
    if (err != K_OK)
        goto out;
    if (!starts_push(out, 0)) {
        err = K_ERR_NOMEM;
        goto out;
    }
    size_t ls = 0, ok = 0;   /* line start; last break that fits (0 = none) */
    /* The line so far is estimated as the sum of its words' widths (each
     * shaped once and cached); only a line near the limit is shaped whole,
     * so wrapping costs about one shaping per word, not per prefix. */
    size_t seg = 0;          /* end of the words summed in est */
    int est = 0;
    for (size_t i = 0; i < p->len;) {
        if (!brk[i]) {
            i++;
            continue;
        }
        size_t at = i + 1;
        if (max_w > 0) {
            if (seg < ls) {
                seg = ls;
                est = 0;
            }
            int segw = span_width(p, seg, at, &err);
            if (segw < 0)
                goto out;
            int w = est + segw;
            if (w > max_w - max_w / 32 - 2) {
                w = range_width(p, ls, at, &err);
                if (w < 0)
                    goto out;
            }
            if (w <= max_w) {
                est += segw;
                seg = at;
            }
            if (w > max_w) {
                size_t next = ok;
                if (ok <= ls) {        /* one word wider than the box */
                    *word_fits = false;
                    next = split_word(p, ls, at, max_w, &err);
                    if (err != K_OK)
                        goto out;
                }
                if (next < at) {
                    if (!starts_push(out, next)) {
                        err = K_ERR_NOMEM;
                        goto out;
                    }
                    ls = next;
                    ok = 0;
                    seg = ls;
                    est = 0;
                    continue;          /* the same break, on the new line */
                }
                est += segw;           /* a word alone on its line */
                seg = at;
            }
        }
        ok = at;
        if (brk[i] == 2 && at < p->len) {
            if (!starts_push(out, at)) {
                err = K_ERR_NOMEM;
                goto out;
            }
            ls = at;
            ok = 0;
            seg = at;
            est = 0;
        }
        i++;
    }
out:
    free(brk);
    return err;
}

/* ---- Layout ---------------------------------------------------------- */

/* Space kept above and below the ink of a line sized by ink. */
static int ink_margin(int size)
{
    int m = (size * 8 + 50) / 100;
    return m < 2 ? 2 : m;
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
}

static k_err build_layout(Para *p, int max_w, Layout **out)
{
    *out = NULL;
    Starts st = { 0 };
    bool word_fits;
    k_err err = wrap(p, max_w, &st, &word_fits);
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
    int fallback_font = p->nruns ? p->run_font[0] : choose_font(p->te, "Zyyy", p->lang, p->st->weight);
    TTF_Font *ff = font_at(p->te, fallback_font, p->size);
    for (int l = 0; l < st.n; l++) {
        Line *ln = &lay->lines[l];
        size_t a = st.v[l], e = l + 1 < st.n ? st.v[l + 1] : p->len;
        int w;
        int n = line_pieces(p, a, e, true, &w, &err);
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
    free_layout(lay);
    return err;
}

/* The layout of s in style st wrapped at max_w: from the cache, or built
 * (and cached unless personal). *owned is true when the caller frees it. */
static k_err get_layout(TextEngine *te, const char *s, const TextStyle *st, int max_w,
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
        if (!grow((void **)&te->key, &te->key_cap, keylen))
            return K_ERR_NOMEM;
        memcpy(te->key, head, sizeof head);
        memcpy(te->key + sizeof head, lang, langlen + 1);
        memcpy(te->key + sizeof head + langlen + 1, s, len);
        hash = fnv1a(te->key, keylen);
        Entry *e = lru_find(&te->layouts, te->key, keylen, hash);
        if (e) {
            *out = e->data;
            *par_level = (*out)->par_level;
            return K_OK;
        }
    }
    Para p;
    k_err err = para_init(&p, te, s, st);
    if (err != K_OK)
        return err;
    Layout *lay;
    err = build_layout(&p, max_w, &lay);
    para_free(&p);
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
    if (!grow((void **)&te->key, &te->key_cap, keylen)) {
        *owned = true;
        return K_OK;
    }
    memcpy(te->key, head, sizeof head);
    memcpy(te->key + sizeof head, lang, langlen + 1);
    memcpy(te->key + sizeof head + langlen + 1, s, len);
    Entry *e = lru_insert(&te->layouts, te->key, keylen, hash);
    if (!e) {
        *owned = true;          /* not cached, still usable */
        return K_OK;
    }
    e->data = lay;
    lru_set_cost(&te->layouts, e, sizeof *e + keylen + sizeof *lay +
                 (size_t)lay->nlines * sizeof *lay->lines +
                 (size_t)lay->npieces * (sizeof *lay->pieces + sizeof *lay->visual));
    lru_trim(&te->layouts);
    e->pinned = false;
    return K_OK;
}

/* Lines shown: within max_lines and, when box_h >= 0, within box_h. */
static int shown_lines(const Layout *lay, const TextStyle *st, int box_h, int *h)
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
    k_err err = get_layout(te, utf8, style, max_w > 0 ? max_w : 0, &lay, &par_level, &owned);
    if (err != K_OK)
        return err;
    int h;
    int n = shown_lines(lay, style, -1, &h);
    out->lines = n;
    out->h = h;
    for (int i = 0; i < n; i++)
        if (lay->lines[i].w > out->w)
            out->w = lay->lines[i].w;
    out->fits = lay->word_fits && n == lay->nlines;
    if (owned)
        free_layout(lay);
    return K_OK;
}

int text_wrap(TextEngine *te, const char *utf8, const TextStyle *style,
              int max_w, size_t *starts, int max)
{
    if (!te || !utf8 || !style)
        return -1;
    Para p;
    if (para_init(&p, te, utf8, style) != K_OK)
        return -1;
    Starts st = { 0 };
    bool word_fits;
    k_err err = wrap(&p, max_w > 0 ? max_w : 0, &st, &word_fits);
    para_free(&p);
    if (err != K_OK) {
        free(st.v);
        return -1;
    }
    for (int i = 0; i < st.n && i < max; i++)
        starts[i] = st.v[i];
    free(st.v);
    return st.n;
}

/* ---- 4. Draw ----------------------------------------------------------- */

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
        keylen = piece_key(te, s, pc, size, NULL);
        if (!keylen)
            return K_ERR_NOMEM;
        hash = fnv1a(te->key, keylen);
        Entry *e = lru_find(&te->tex, te->key, keylen, hash);
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
    const char *txt = piece_text(te, s, pc);
    if (!txt)
        return K_ERR_NOMEM;
    TTF_Font *f = shaping_font(te, pc, size);
    if (!f)
        return K_ERR_FONT;
    te->shaped++;
    /* white, tinted to the style's colour when drawn */
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, txt, (SDL_Color){ 255, 255, 255, 255 });
    if (!surf) {
        LOG_E(MOD, "rendering failed: %s", TTF_GetError());
        return K_ERR_FONT;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(te->renderer, surf);
    int w = surf->w, h = surf->h;
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
    Entry *e = lru_insert(&te->tex, te->key, keylen, hash);
    if (!e)
        return K_OK;            /* drawn once, then destroyed */
    e->tex = tex;
    e->w = w;
    e->h = h;
    b->entry = e;
    lru_set_cost(&te->tex, e, (size_t)w * (size_t)h * 4);
    lru_trim(&te->tex);
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
    lru_trim(&te->tex);
}

k_err text_draw(TextEngine *te, const char *utf8, const TextStyle *style,
                const SDL_Rect *box, bool valign_center)
{
    if (!te || !utf8 || !style || !box || !te->renderer)
        return K_ERR_INVALID;
    Layout *lay;
    int par_level;
    bool owned;
    k_err err = get_layout(te, utf8, style, box->w > 0 ? box->w : 0, &lay, &par_level, &owned);
    if (err != K_OK)
        return err;
    int block_h;
    int nl = shown_lines(lay, style, box->h, &block_h);
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
            SDL_SetTextureColorMod(blits[i].tex, style->colour.r, style->colour.g,
                                   style->colour.b);
            SDL_SetTextureAlphaMod(blits[i].tex, style->colour.a);
            if (SDL_RenderCopy(te->renderer, blits[i].tex, NULL, &blits[i].dst) != 0)
                LOG_W(MOD, "draw failed: %s", SDL_GetError());
        }
    release_blits(te, blits, made);
    free(blits);
out:
    if (owned)
        free_layout(lay);
    return err;
}

/* ---- Coverage ---------------------------------------------------------- */

bool text_covers(TextEngine *te, const char *utf8, const char *lang, unsigned *missing)
{
    size_t len = strlen(utf8);
    TextRun *runs;
    int level;
    if (!lang)
        lang = "en";
    int n = itemise(utf8, len, TEXT_DIR_AUTO, lang, &runs, &level);
    if (n < 0) {
        if (missing)
            *missing = 0xFFFD;
        return false;
    }
    bool ok = true;
    for (int r = 0; r < n && ok; r++) {
        int file = choose_font(te, runs[r].script, lang, TEXT_REGULAR);
        TTF_Font *f = font_at(te, file, 16);
        size_t i = runs[r].start, end = runs[r].start + runs[r].len;
        while (i < end && ok) {
            uint32_t c = utf8_next(utf8, len, &i);
            hb_unicode_general_category_t gc = hb_unicode_general_category(ufuncs(), c);
            /* Spaces, controls and format characters (joiners, bidi marks)
             * are handled by the shaper without a glyph of their own. */
            if (gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT ||
                gc == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR ||
                gc == HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR ||
                gc == HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR)
                continue;
            /* shared punctuation falls back to the default font (split_uncovered) */
            if (f && !TTF_GlyphIsProvided32(f, c) &&
                hb_unicode_script(ufuncs(), c) == HB_SCRIPT_COMMON &&
                TTF_GlyphIsProvided32(font_at(te, choose_font(te, "Zyyy", lang, TEXT_REGULAR), 16), c))
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
