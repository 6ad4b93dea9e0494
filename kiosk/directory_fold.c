/* directory_fold.c — the one folding of text for search, used on what is
 * indexed and on what a visitor types, so that the two meet: case folded,
 * and the marks a visitor may leave out dropped (Latin, Greek and Cyrillic
 * diacritics, Arabic-script vowel marks), a few letters that do not
 * decompose mapped to their base (ł, đ, ø, ı), and the Arabic forms of
 * letters that Urdu writes differently mapped to the Urdu ones. Tamil and
 * other scripts keep their vowel signs: they are part of the letter. */
#include "directory_private.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "kiosk/utf8.h"

#define FOLD_UNITS 4096

/* True for a mark dropped after a base letter of script sc. */
static bool drop_mark(UChar32 c, UScriptCode sc)
{
    if (u_charType(c) != U_NON_SPACING_MARK)
        return false;
    return sc == USCRIPT_LATIN || sc == USCRIPT_GREEK || sc == USCRIPT_CYRILLIC ||
           sc == USCRIPT_ARABIC || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED;
}

/* Letters with no decomposition that a visitor may type plain, and Arabic
 * letters mapped to the Urdu forms. */
static UChar32 map_letter(UChar32 c)
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

size_t directory_fold(const char *in, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (!in || !*in)
        return 0;
    UErrorCode ue = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ue);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ue);
    if (U_FAILURE(ue))
        return 0;
    UChar a[FOLD_UNITS], b[FOLD_UNITS];
    int32_t na = 0;
    /* the input is cut at FOLD_UNITS - 1 units: search text is short, and
     * longer texts are indexed by their beginning */
    u_strFromUTF8Lenient(a, FOLD_UNITS - 1, &na, in, (int32_t)strnlen(in, 3 * FOLD_UNITS), &ue);
    if (ue == U_BUFFER_OVERFLOW_ERROR || ue == U_STRING_NOT_TERMINATED_WARNING) {
        ue = U_ZERO_ERROR;
        na = FOLD_UNITS - 1;
    }
    if (U_FAILURE(ue))
        return 0;
    int32_t nb = unorm2_normalize(nfd, a, na, b, FOLD_UNITS, &ue);
    if (U_FAILURE(ue)) {
        ue = U_ZERO_ERROR;
        memcpy(b, a, (size_t)na * sizeof *a);
        nb = na;
    }
    UScriptCode base = USCRIPT_COMMON;
    int32_t i = 0, o = 0;
    while (i < nb) {
        UChar32 c;
        U16_NEXT(b, i, nb, c);
        if (drop_mark(c, base))
            continue;
        if (u_charType(c) != U_NON_SPACING_MARK && u_charType(c) != U_COMBINING_SPACING_MARK) {
            UErrorCode se = U_ZERO_ERROR;
            base = uscript_getScript(c, &se);
        }
        c = map_letter(u_foldCase(c, U_FOLD_CASE_DEFAULT));
        if (o + 2 > FOLD_UNITS)
            break;
        U16_APPEND_UNSAFE(a, o, c);
    }
    int32_t nc = unorm2_normalize(nfc, a, o, b, FOLD_UNITS, &ue);
    if (U_FAILURE(ue))
        return 0;
    char u8[FOLD_UNITS * 3 + 1];
    int32_t nout = 0;
    u_strToUTF8(u8, (int32_t)sizeof u8, &nout, b, nc, &ue);
    if (U_FAILURE(ue))
        return 0;
    u8[nout < (int32_t)sizeof u8 ? nout : (int32_t)sizeof u8 - 1] = '\0';
    return directory_copy_text(out, cap, u8);
}
