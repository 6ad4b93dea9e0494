/* directory_fold.c — the one folding of text for search, used on what is
 * indexed and on what a visitor types, so that the two meet: case folded,
 * and the marks a visitor may leave out dropped (Latin, Greek and Cyrillic
 * diacritics, Arabic-script vowel marks), a few letters that do not
 * decompose mapped to their base (ł, đ, ø, ı, ß), and the Arabic forms of
 * letters that Urdu writes differently mapped to the Urdu ones. Tamil and
 * other scripts keep their vowel signs: they are part of the letter. It
 * runs over every text of an import, so it goes code point by code point
 * with ICU's character properties, without whole-string normalisation. */
#include "directory_private.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "kiosk/utf8.h"

/* The scripts whose marks and precomposed letters are folded away. */
static bool folded_script(uint32_t c)
{
    return (c >= 0x80 && c <= 0x24F) || (c >= 0x370 && c <= 0x52F) ||
           (c >= 0x600 && c <= 0x6FF) || (c >= 0x1E00 && c <= 0x1FFF);
}

/* Letters with no decomposition that a visitor may type plain, and Arabic
 * letters mapped to the Urdu forms. */
static uint32_t map_letter(uint32_t c)
{
    switch (c) {
    case 0x0142: return 'l';     /* ł */
    case 0x0111: return 'd';     /* đ */
    case 0x00F8: return 'o';     /* ø */
    case 0x0131: return 'i';     /* dotless i */
    case 0x00DF: return 's';     /* ß (then "s"; "ss" typed still finds it by prefix) */
    case 0x064A: return 0x06CC;  /* Arabic yeh -> Farsi/Urdu yeh */
    case 0x0649: return 0x06CC;  /* alef maksura */
    case 0x0643: return 0x06A9;  /* Arabic kaf -> keheh */
    case 0x0647: return 0x06C1;  /* heh -> heh goal */
    default: return c;
    }
}

/* The base letter of c's canonical decomposition, or c. */
static uint32_t base_of(const UNormalizer2 *nfd, uint32_t c)
{
    UChar d[8];
    UErrorCode ue = U_ZERO_ERROR;
    int32_t n = nfd ? unorm2_getDecomposition(nfd, (UChar32)c, d, 8, &ue) : -1;
    if (U_FAILURE(ue) || n <= 0)
        return c;
    UChar32 b;
    int32_t i = 0;
    U16_NEXT(d, i, n, b);
    return (uint32_t)b;
}

size_t directory_fold(const char *in, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (!in || !*in)
        return 0;
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ue);
    if (U_FAILURE(ue))
        nfd = NULL;
    size_t len = strlen(in), i = 0, o = 0;
    bool after_folded = false; /* the last base letter is of a folded script */
    while (i < len) {
        uint32_t c = (unsigned char)in[i];
        if (c < 0x80) {
            i++;
            c = c >= 'A' && c <= 'Z' ? c + 32 : c;
            after_folded = true;
        } else {
            c = utf8_next(in, len, &i);
            int8_t type = u_charType((UChar32)c);
            if (type == U_NON_SPACING_MARK && (after_folded || folded_script(c)))
                continue;
            if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK)
                after_folded = folded_script(c);
            if (after_folded)
                c = base_of(nfd, c);
            c = map_letter((uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT));
        }
        if (!utf8_append(out + o, cap - o, c))
            break;
        o += strlen(out + o);
    }
    return o;
}
