/* text_itemise.c — step 1: runs of one script and one bidi level
 * (HarfBuzz's script property, FriBidi), and their visual order. */
#include "text_private.h"

#include <fribidi.h>
#include <limits.h>
#include <sodium.h>

/* True when c continues the grapheme cluster of the code point before it
 * (prev): marks, joiners, and a letter after a virama (a conjunct). Tamil's
 * pulli ends its cluster (its consonants do not conjoin) except in KSSA. */
bool text_extends_cluster(uint32_t c, uint32_t prev)
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

static bool lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = { "ur", "ar", "fa", "he" };
    if (!lang)
        return false;
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++) {
        size_t n = strlen(rtl[i]);
        if (SDL_strncasecmp(lang, rtl[i], n) == 0 &&
            (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
            return true;
    }
    return false;
}

static bool real_script(hb_script_t s)
{
    return s != HB_SCRIPT_INVALID && s != HB_SCRIPT_COMMON &&
           s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN;
}

/* Itemises utf8[0..len) into *out (malloc'd, logical order); *par_level
 * receives the paragraph level. Returns the number of runs, or -1 for invalid
 * UTF-8 or no memory (*out is then NULL). */
int text_itemise_all(const char *s, size_t len, TextDir base, const char *lang,
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
        else if (i > 0 && (h == HB_SCRIPT_INHERITED || text_extends_cluster(u[i], u[i - 1])))
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
        bool split = i == 0 || ((levels[i] != levels[i - 1] || script != sc[i - 1]) &&
                                !text_extends_cluster(u[i], u[i - 1]));
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
    if (u)      /* a copy of the text: wiped, whoever wrote it */
        sodium_memzero(u, cap * sizeof *u);
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
    int n = text_itemise_all(utf8, strlen(utf8), base, NULL, &all, &level);
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
