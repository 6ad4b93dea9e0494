/* directory_fold.c — the one folding of text for search, used on what is
 * indexed and on what a visitor types, so that the two meet: case folded,
 * and the marks a visitor may leave out dropped (Latin, Greek and Cyrillic
 * diacritics, Arabic-script vowel marks), a few letters that do not
 * decompose mapped to their base (ł, đ, ø, ı, ß), and the Arabic forms of
 * letters that Urdu writes differently mapped to the Urdu ones. Tamil and
 * other scripts keep their vowel signs: they are part of the letter. It
 * runs over every text of an import, so it goes code point by code point
 * with ICU's character properties, without whole-string normalisation,
 * and the code points below U+3000 (the kiosk's scripts and punctuation)
 * are looked up in a table made once from the same rules. */
#include "directory_private.h"

#include <pthread.h>
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

/* What folding does with one code point, by its kind. */
enum { K_OTHER = 0, K_DROP_MARK = 1, K_SPACING_MARK = 2 };

typedef struct {
    uint32_t plain;  /* folded, the letter as it is */
    uint32_t based;  /* folded, from its base letter (after a folded script) */
    uint8_t kind;    /* K_OTHER, or a non-spacing (K_DROP_MARK) or spacing mark */
    bool script;     /* of a folded script */
} FoldCp;

static FoldCp fold_cp(const UNormalizer2 *nfd, uint32_t c)
{
    int8_t type = u_charType((UChar32)c);
    FoldCp f = { 0, 0, K_OTHER, folded_script(c) };
    if (type == U_NON_SPACING_MARK)
        f.kind = K_DROP_MARK;
    else if (type == U_COMBINING_SPACING_MARK)
        f.kind = K_SPACING_MARK;
    f.plain = map_letter((uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT));
    f.based = map_letter((uint32_t)u_foldCase((UChar32)base_of(nfd, c), U_FOLD_CASE_DEFAULT));
    return f;
}

#define TABLE_FROM 0x80u
#define TABLE_TO 0x3000u
static FoldCp table[TABLE_TO - TABLE_FROM];
static const UNormalizer2 *table_nfd;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void make_table(void)
{
    UErrorCode ue = U_ZERO_ERROR;
    table_nfd = unorm2_getNFDInstance(&ue);
    if (U_FAILURE(ue))
        table_nfd = NULL;
    for (uint32_t c = TABLE_FROM; c < TABLE_TO; c++)
        table[c - TABLE_FROM] = fold_cp(table_nfd, c);
}

/* Writes c as UTF-8 at out + *o (NUL after it). False when it does not fit
 * in cap. */
static bool put_cp(char *out, size_t cap, size_t *o, uint32_t c)
{
    char b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    if (*o + n >= cap)
        return false;
    memcpy(out + *o, b, n);
    *o += n;
    out[*o] = '\0';
    return true;
}

size_t directory_fold(const char *in, char *out, size_t cap)
{
    if (!cap)
        return 0;
    out[0] = '\0';
    if (!in || !*in)
        return 0;
    pthread_once(&table_once, make_table);
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
            FoldCp f = c >= TABLE_FROM && c < TABLE_TO ? table[c - TABLE_FROM]
                                                       : fold_cp(table_nfd, c);
            if (f.kind == K_DROP_MARK && (after_folded || f.script))
                continue;
            if (f.kind == K_OTHER)
                after_folded = f.script;
            c = after_folded ? f.based : f.plain;
        }
        if (!put_cp(out, cap, &o, c))
            break;
    }
    return o;
}
