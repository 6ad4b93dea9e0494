/* text_check.c — at start-up, each font is checked to draw the script it
 * is named for in fonts.conf: its tables must all lie inside the file (a
 * font cut short opens, and then draws nothing), and a short sample of its
 * script must have every glyph, with outlines that load and cover some
 * area. */
#include "text_private.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

typedef struct {
    const char *script;   /* ISO 15924; "" = default */
    const char *lang;     /* a rule's language, or NULL for any */
    const char *sample;
} Sample;

/* A few letters of each script the kiosk may be configured for; Arabic in
 * Urdu's letters when the rule is for Urdu. */
static const Sample samples[] = {
    { "", NULL, "Aa09" },
    { "Latn", NULL, "Hamburg \xC5\xBC\xC4\x83" },                      /* ż ă */
    { "Cyrl", NULL, "\xD0\x96\xD0\xB8\xD0\xB7\xD0\xBD\xD1\x8C" },      /* Жизнь */
    { "Grek", NULL, "\xCE\xA9\xCE\xBC\xCE\xAD\xCE\xB3\xCE\xB1" },      /* Ωμέγα */
    { "Taml", NULL, "\xE0\xAE\xA4\xE0\xAE\xAE\xE0\xAE\xBF\xE0\xAE\xB4\xE0\xAF\x8D" }, /* தமிழ் */
    { "Arab", "ur", "\xD8\xA7\xD8\xB1\xDA\x88\xD9\x88 \xDB\x92" },      /* اردو ے */
    { "Arab", NULL, "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85" },              /* سلام */
    { "Hebr", NULL, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D" },              /* שלום */
    { "Deva", NULL, "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80" },
};

static const Sample *sample_for(const FontRule *r)
{
    const Sample *any = NULL;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        const Sample *s = &samples[i];
        if (strcmp(s->script, r->script) != 0)
            continue;
        if (s->lang && r->lang[0] && SDL_strncasecmp(s->lang, r->lang, strlen(s->lang)) == 0)
            return s;
        if (!s->lang && !any)
            any = s;
    }
    return any;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks that every table of the font file (TrueType, OpenType or the first
 * face of a collection) lies inside the file; *hinted is set when it has
 * TrueType hinting programs (an 'fpgm' or 'prep' table). False with the
 * reason in why. */
static bool tables_inside(const char *path, bool *hinted, char *why, size_t whylen)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(why, whylen, "cannot read: %s", strerror(errno));
        return false;
    }
    bool ok = false;
    struct stat sb;
    unsigned char head[12], rec[16];
    if (fstat(fileno(fp), &sb) != 0 || fread(head, 1, sizeof head, fp) != sizeof head) {
        snprintf(why, whylen, "too short to be a font");
        goto out_close;
    }
    uint64_t size = (uint64_t)sb.st_size, dir = 0;
    if (memcmp(head, "ttcf", 4) == 0) {
        dir = be32(head + 8) ;
        if (fseek(fp, (long)dir, SEEK_SET) != 0 || fread(head, 1, sizeof head, fp) != sizeof head) {
            snprintf(why, whylen, "its collection header points past the end of the file");
            goto out_close;
        }
    }
    unsigned ntables = (unsigned)head[4] << 8 | head[5];
    if (ntables == 0 || ntables > 256) {
        snprintf(why, whylen, "its table directory is unreadable");
        goto out_close;
    }
    for (unsigned i = 0; i < ntables; i++) {
        if (fread(rec, 1, sizeof rec, fp) != sizeof rec) {
            snprintf(why, whylen, "its table directory is cut short");
            goto out_close;
        }
        if (memcmp(rec, "fpgm", 4) == 0 || memcmp(rec, "prep", 4) == 0)
            *hinted = true;
        uint64_t end = (uint64_t)be32(rec + 8) + be32(rec + 12);
        if (end > size) {
            snprintf(why, whylen, "its table '%.4s' runs past the end of the file "
                     "(%llu of %llu bytes present)", (const char *)rec,
                     (unsigned long long)size, (unsigned long long)end);
            goto out_close;
        }
    }
    ok = true;
out_close:
    fclose(fp);
    return ok;
}

/* Checks that f has every glyph of the sample and, when outlines, that
 * each glyph's outline loads and covers some area: FreeType loads the
 * outline as it would to render it, which is what a damaged file loses.
 * (Rendering the shaped sample found the same faults but cost 9 ms at
 * start-up, in font objects used for nothing else; hinted outlines 1.3 ms;
 * unhinted 0.1 ms.) False with the reason in why. */
static bool draws_sample(TTF_Font *f, const FontRule *r, const Sample *s, bool outlines,
                         char *why, size_t whylen)
{
    size_t len = strlen(s->sample);
    for (size_t i = 0; i < len;) {
        uint32_t c = utf8_next(s->sample, len, &i);
        if (c != ' ' && !TTF_GlyphIsProvided32(f, c)) {
            snprintf(why, whylen, "it has no glyph for U+%04X of its sample of %s",
                     (unsigned)c, r->script[0] ? r->script : "default text");
            return false;
        }
    }
    if (!outlines)
        return true;
    /* unhinted: running the font's hinting programs would cost more than
     * the rest of the check, for a size the screens may never use */
    int hinting = TTF_GetFontHinting(f);
    TTF_SetFontHinting(f, TTF_HINTING_NONE);
    bool ok = true;
    for (size_t i = 0; i < len && ok;) {
        uint32_t c = utf8_next(s->sample, len, &i);
        int minx, maxx, miny, maxy, adv;
        if (c == ' ')
            continue;
        if (TTF_GlyphMetrics32(f, c, &minx, &maxx, &miny, &maxy, &adv) != 0 ||
            maxx <= minx || maxy <= miny) {
            snprintf(why, whylen, "it draws nothing for U+%04X of its sample of %s", (unsigned)c,
                     r->script[0] ? r->script : "default text");
            ok = false;
        }
    }
    TTF_SetFontHinting(f, hinting);
    return ok;
}

bool text_check_fonts(TextEngine *te, const char *conf, char *err, size_t errlen)
{
    char why[160];
    size_t nf = te->nfiles ? (size_t)te->nfiles : 1;
    bool *seen = calloc(2 * nf, sizeof *seen);   /* tables read; outlines loaded */
    if (!seen) {
        snprintf(err, errlen, "%s: out of memory", conf);
        return false;
    }
    bool *outlined = seen + nf;
    const FontFile *bad = NULL;
    for (int i = 0; i < te->nrules && !bad; i++) {
        const FontRule *r = &te->rules[i];
        FontFile *ff = &te->files[r->file];
        if (!seen[r->file]) {
            seen[r->file] = true;
            ff->hinted = false;
            if (!tables_inside(ff->path, &ff->hinted, why, sizeof why)) {
                bad = ff;
                break;
            }
        }
        /* one sample per file and script (several rules may share them) */
        const Sample *s = sample_for(r);
        bool done = false;
        for (int k = 0; k < i && !done; k++)
            done = te->rules[k].file == r->file && sample_for(&te->rules[k]) == s;
        if (done || !s)
            continue;
        TTF_Font *f = text_font_at(te, r->file, 16);
        if (!f) {
            snprintf(why, sizeof why, "cannot open: %s", TTF_GetError());
            bad = ff;
        } else if (!draws_sample(f, r, s, !outlined[r->file], why, sizeof why)) {
            bad = ff;
        }
        outlined[r->file] = true;
    }
    free(seen);
    if (bad)
        snprintf(err, errlen, "%s: font %s is damaged: %s", conf, bad->path, why);
    return !bad;
}
