/* text_icu.c — Unicode segmentation on current rules, by ICU: line-break
 * opportunities (UAX #14, with the language's tailoring) and grapheme
 * cluster boundaries (UAX #29: flags, emoji sequences, keycaps).
 *
 * The text is converted to UTF-16 into the breaker's own buffer, which ICU
 * reads in place (no copy of its own), and each boundary is mapped back to
 * a UTF-8 byte offset. The buffer is wiped after every use, so no one's
 * text stays in it. Iterators are opened once and given each new text. */
#include "text_private.h"

#include <sodium.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#define LINE_SLOTS 8      /* line iterators kept, one per language */

struct TextBreaker {
    UBreakIterator *line[LINE_SLOTS];
    char line_locale[LINE_SLOTS][16];
    int next_slot;          /* the slot reused when all are taken */
    UBreakIterator *chars;  /* grapheme clusters (root locale) */
    UChar *u16;
    int32_t *map;           /* UTF-8 offset of each UTF-16 unit; map[n] = end */
    size_t cap;             /* units u16 and map have room for */
};

TextBreaker *text_breaker_new(void)
{
    return calloc(1, sizeof(TextBreaker));
}

void text_breaker_free(TextBreaker *b)
{
    if (!b)
        return;
    for (int i = 0; i < LINE_SLOTS; i++)
        if (b->line[i])
            ubrk_close(b->line[i]);
    if (b->chars)
        ubrk_close(b->chars);
    if (b->u16)
        sodium_memzero(b->u16, b->cap * sizeof *b->u16);
    free(b->u16);
    free(b->map);
    free(b);
}

bool text_breaker_holds(const TextBreaker *b, const char *s, size_t len)
{
    if (!b->u16 || len == 0)
        return false;
    UChar needle[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 2 <= sizeof needle / sizeof needle[0];) {
        uint32_t c = utf8_next(s, len, &i);
        if (c >= 0x10000) {
            needle[k++] = (UChar)(0xD7C0 + (c >> 10));
            needle[k++] = (UChar)(0xDC00 | (c & 0x3FF));
        } else {
            needle[k++] = (UChar)c;
        }
    }
    return memmem(b->u16, b->cap * sizeof *b->u16, needle, k * sizeof *needle) != NULL;
}

static k_err icu_error(const char *what, UErrorCode status)
{
    LOG_E(MOD, "%s: ICU: %s", what, u_errorName(status));
    return status == U_MEMORY_ALLOCATION_ERROR ? K_ERR_NOMEM : K_ERR_FONT;
}

/* Converts valid UTF-8 s[0..len) into b->u16, filling b->map; *n receives
 * the number of UTF-16 units. */
static k_err to_utf16(TextBreaker *b, const char *s, size_t len, int32_t *n)
{
    if (len > (size_t)INT32_MAX / 2)
        return K_ERR_TOO_LONG;
    /* a code point of k UTF-8 bytes takes at most k UTF-16 units */
    if (len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < len + 1)
            cap *= 2;
        UChar *u = malloc(cap * sizeof *u);
        int32_t *m = malloc(cap * sizeof *m);
        if (!u || !m) {
            free(u);
            free(m);
            return K_ERR_NOMEM;
        }
        if (b->u16)
            sodium_memzero(b->u16, b->cap * sizeof *b->u16);
        free(b->u16);
        free(b->map);
        b->u16 = u;
        b->map = m;
        b->cap = cap;
    }
    int32_t k = 0;
    for (size_t i = 0; i < len;) {
        int32_t at = (int32_t)i;
        uint32_t c = utf8_next(s, len, &i);
        if (c >= 0x10000) {
            b->map[k] = at;
            b->u16[k++] = (UChar)(0xD7C0 + (c >> 10));
            b->map[k] = at;
            b->u16[k++] = (UChar)(0xDC00 | (c & 0x3FF));
        } else {
            b->map[k] = at;
            b->u16[k++] = (UChar)c;
        }
    }
    b->map[k] = (int32_t)len;
    *n = k;
    return K_OK;
}

static void wipe(TextBreaker *b, int32_t n)
{
    sodium_memzero(b->u16, (size_t)n * sizeof *b->u16);
}

/* The line iterator for lang, opened on first use. */
static UBreakIterator *line_iterator(TextBreaker *b, const char *lang, k_err *err)
{
    char loc[16];
    size_t i = 0;
    for (; lang[i] && i + 1 < sizeof loc; i++)
        loc[i] = lang[i] == '-' ? '_' : lang[i];
    loc[i] = '\0';
    for (int s = 0; s < LINE_SLOTS; s++)
        if (b->line[s] && strcmp(b->line_locale[s], loc) == 0)
            return b->line[s];
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, loc, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *err = icu_error("cannot open the line-break iterator", status);
        return NULL;
    }
    int slot = -1;
    for (int s = 0; s < LINE_SLOTS && slot < 0; s++)
        if (!b->line[s])
            slot = s;
    if (slot < 0) {
        slot = b->next_slot;
        b->next_slot = (b->next_slot + 1) % LINE_SLOTS;
        ubrk_close(b->line[slot]);
    }
    b->line[slot] = it;
    memcpy(b->line_locale[slot], loc, i + 1);
    return it;
}

k_err text_breaker_lines(TextBreaker *b, const char *s, size_t len, const char *lang, char *brk)
{
    memset(brk, 0, len);
    if (len == 0)
        return K_OK;
    k_err err = K_OK;
    UBreakIterator *it = line_iterator(b, lang ? lang : "en", &err);
    if (!it)
        return err;
    int32_t n;
    if ((err = to_utf16(b, s, len, &n)) != K_OK)
        return err;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(it, b->u16, n, &status);
    if (U_FAILURE(status)) {
        err = icu_error("line breaking failed", status);
        goto out_wipe;
    }
    for (int32_t p = ubrk_next(it); p != UBRK_DONE; p = ubrk_next(it)) {
        if (p <= 0 || p > n)
            continue;
        int32_t st = ubrk_getRuleStatus(it);
        brk[b->map[p] - 1] = st >= UBRK_LINE_HARD && st < UBRK_LINE_HARD_LIMIT ? 2 : 1;
    }
    brk[len - 1] = 2;
out_wipe:
    wipe(b, n);
    return err;
}

k_err text_breaker_clusters(TextBreaker *b, const char *s, size_t a, size_t e,
                            size_t *out, size_t *count)
{
    *count = 0;
    if (e <= a)
        return K_OK;
    k_err err;
    if (!b->chars) {
        UErrorCode status = U_ZERO_ERROR;
        b->chars = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &status);
        if (U_FAILURE(status)) {
            b->chars = NULL;
            return icu_error("cannot open the grapheme iterator", status);
        }
    }
    int32_t n;
    if ((err = to_utf16(b, s + a, e - a, &n)) != K_OK)
        return err;
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(b->chars, b->u16, n, &status);
    if (U_FAILURE(status)) {
        err = icu_error("grapheme segmentation failed", status);
        goto out_wipe;
    }
    for (int32_t p = ubrk_next(b->chars); p != UBRK_DONE; p = ubrk_next(b->chars))
        if (p > 0 && p < n)
            out[(*count)++] = a + (size_t)b->map[p];
out_wipe:
    wipe(b, n);
    return err;
}

/* The breaker of the calls that have no engine (text_break_opportunities):
 * made on first use, kept for the life of the process. */
static TextBreaker *shared_breaker(void)
{
    static TextBreaker *shared;
    if (!shared)
        shared = text_breaker_new();
    return shared;
}

k_err text_break_opportunities(const char *utf8, const char *lang, char *brk)
{
    size_t len = strlen(utf8);
    if (!utf8_valid(utf8, len))
        return K_ERR_INVALID;
    TextBreaker *b = shared_breaker();
    if (!b)
        return K_ERR_NOMEM;
    return text_breaker_lines(b, utf8, len, lang, brk);
}
