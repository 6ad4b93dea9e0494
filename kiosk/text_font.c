/* text_font.c — font files at sizes, font choice per run, fonts.conf. */
#include "text_private.h"

#include <errno.h>
#include <stdio.h>

/* Opens the file at a size into sf; false on failure (TTF_GetError). */
static bool open_sized(TextEngine *te, FontFile *f, SizedFont *sf, int size)
{
    /* The file is opened here and closed with the font: SDL_RWFromFile
     * (SDL 2.26) leaks the FILE it opened when it then runs out of memory. */
    FILE *fp = fopen(f->path, "rb");
    if (!fp) {
        SDL_SetError("cannot open %s: %s", f->path, strerror(errno));
        return false;    /* the caller reports it */
    }
    SDL_RWops *rw = SDL_RWFromFP(fp, SDL_TRUE);
    if (!rw) {
        fclose(fp);
        return false;
    }
    TTF_Font *font = TTF_OpenFontRW(rw, 0, size);
    if (!font) {
        SDL_RWclose(rw);
        return false;
    }
    /* Nastaliq's hinting instructions cost more than all its shaping and
     * do little for its curves at these sizes: draw it unhinted. */
    if (f->ink)
        TTF_SetFontHinting(font, TTF_HINTING_NONE);
    te->font_opens++;
    te->fonts_open++;
    *sf = (SizedFont){ size, font, rw, te->font_tick };
    return true;
}

/* Fonts of one file kept open at different sizes. A change of an open
 * font's size empties its glyph cache, and a hinted font then runs its
 * hinting programs for each glyph again: two sizes of a hinted file are
 * kept (a screen's text and its title), one of an unhinted file (icons, and
 * Nastaliq, which is drawn unhinted). */
static int sizes_max(const FontFile *f)
{
    return f->hinted && !f->ink ? FONT_SIZES_PER_FILE : 1;
}

/* The font file at a pixel size: one of the file's fonts set to it,
 * opened on first use; when all are open at other sizes, the least
 * recently used of them is set to this one. */
TTF_Font *text_font_at(TextEngine *te, int file, int size)
{
    FontFile *f = &te->files[file];
    te->font_tick++;
    SizedFont *lru = NULL;
    for (int i = 0; i < f->nopen; i++) {
        if (f->open[i].size == size) {
            f->open[i].used = te->font_tick;
            return f->open[i].font;
        }
        if (!lru || f->open[i].used < lru->used)
            lru = &f->open[i];
    }
    if (f->nopen < sizes_max(f)) {
        if (!open_sized(te, f, &f->open[f->nopen], size))
            return NULL;
        return f->open[f->nopen++].font;
    }
    if (TTF_SetFontSize(lru->font, size) != 0) {
        text_font_forget(te, file, lru->size);   /* at no known size now */
        return NULL;
    }
    lru->size = size;
    lru->used = te->font_tick;
    te->font_resizes++;
    return lru->font;
}

TTF_Font *text_font_any(TextEngine *te, int file)
{
    FontFile *f = &te->files[file];
    SizedFont *last = NULL;
    for (int i = 0; i < f->nopen; i++)
        if (!last || f->open[i].used > last->used)
            last = &f->open[i];
    if (!last)
        return text_font_at(te, file, 16);
    last->used = ++te->font_tick;   /* in use: the last to be resized */
    return last->font;
}

void text_font_close(SizedFont *sf)
{
    TTF_CloseFont(sf->font);
    SDL_RWclose(sf->rw);
    sf->font = NULL;
    sf->rw = NULL;
}

void text_font_forget(TextEngine *te, int file, int size)
{
    FontFile *f = &te->files[file];
    for (int i = 0; i < f->nopen; i++)
        if (f->open[i].size == size) {
            text_font_close(&f->open[i]);
            f->open[i] = f->open[--f->nopen];
            te->fonts_open--;
            return;
        }
}

static bool lang_matches(const char *rule_lang, const char *lang)
{
    size_t n = strlen(rule_lang);
    return SDL_strncasecmp(lang, rule_lang, n) == 0 &&
           (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* The font file for a run: script and language, then script, then default;
 * within each, the weight asked for before regular. */
int text_choose_font(const TextEngine *te, const char *script, const char *lang, TextWeight weight)
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
            if (tier >= 2 && tier < 4 && r->script[0] && !r->lang[0] &&
                strcmp(r->script, script) == 0)
                return r->file;
            if (tier >= 4 && !r->script[0] && !r->lang[0])
                return r->file;
        }
    }
    return 0;   /* text_open guarantees a default regular font */
}

void text_fallbacks_init(Fallbacks *fbs, TextEngine *te, const char *lang, TextWeight weight)
{
    *fbs = (Fallbacks){ .te = te, .fallback = text_choose_font(te, "Zyyy", lang, weight),
                        .symbols = -1 };
    fbs->fb = text_font_any(te, fbs->fallback);
    int sym = text_choose_font(te, "Zsye", lang, weight);
    if (sym != text_choose_font(te, "Zzzz", lang, weight))
        fbs->symbols = sym;   /* fonts.conf has a rule of its own for them */
}

int text_piece_for(Fallbacks *fbs, TTF_Font *f, uint32_t c)
{
    if (is_space(c) || (!f && c < 0x2000))
        return PIECE_RUN;
    hb_script_t sc = hb_unicode_script(ufuncs(), c);
    if (sc == HB_SCRIPT_INHERITED)
        return PIECE_WITH_PREV;
    if (sc != HB_SCRIPT_COMMON || (f && TTF_GlyphIsProvided32(f, c)))
        return PIECE_RUN;
    if (fbs->fb && TTF_GlyphIsProvided32(fbs->fb, c))
        return f ? PIECE_DEFAULT : PIECE_RUN;
    if (c < 0x2000 || fbs->symbols < 0)
        return PIECE_RUN;
    if (!fbs->sym_tried) {
        fbs->sym_tried = true;
        fbs->sym = text_font_any(fbs->te, fbs->symbols);   /* NULL: drawn as missing */
    }
    return fbs->sym && TTF_GlyphIsProvided32(fbs->sym, c) ? PIECE_SYMBOLS : PIECE_RUN;
}

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
    f->hinted = true;   /* until text_check_fonts has looked */
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
        snprintf(err, errlen,
                 "%s:%d: expected '<script>[:<lang>] <regular|bold> <font file> [ink]'", conf,
                 lineno);
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
        snprintf(err, errlen, "%s:%d: bad script '%s' (four letters, e.g. Latn, or default)", conf,
                 lineno, sel);
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
    /* A new file is opened once to check it; the symbols font, for the
     * rare emoji, only when one is drawn (text_check_fonts still reads its
     * tables at start-up). */
    if (r.file == known && strcmp(r.script, "Zsye") != 0) {
        TTF_Font *f = text_font_at(te, r.file, 16);
        if (!f) {
            snprintf(err, errlen, "%s:%d: cannot open font %s: %s", conf, lineno, file,
                     TTF_GetError());
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

bool text_load_conf(TextEngine *te, const char *conf, const char *font_dir, char *err,
                    size_t errlen)
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
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' ||
                         line[n - 1] == '\t'))
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
