/* fuzz_text.c — libFuzzer target over the whole text pipeline: itemise,
 * visual order, break opportunities, wrapping, measuring, coverage and
 * drawing into a software renderer, with the real fonts.conf and fonts.
 *
 * An input is four bytes of settings and a payload:
 *   [0] mode and style bits: bit 0 = payload is a token stream (else raw
 *       bytes, valid UTF-8 or not), bit 1 bold, bits 2-3 direction, bits
 *       4-5 alignment, bit 6 personal, bit 7 vertically centred;
 *   [1] language (index into langs), [2] size in pixels, [3] box width;
 * a token stream is pairs of bytes (kind, value) mapped to code points of
 * every script the kiosk uses (Latin with diacritics, Cyrillic, Tamil,
 * Arabic and Urdu), emoji and ZWJ sequences, skin tones, keycaps, regional
 * indicators, bidi controls, floods of combining marks, and bytes that are
 * not UTF-8. Any broken promise of include/kiosk/text.h aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "kiosk/text.h"
#include "kiosk/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_TEXT 16384

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static TextEngine *te;

static const char *const langs[] = { "en", "en-GB", "pl", "ro", "bg", "uk", "ta", "ur", "ar",
                                     "fa", "he", "ja", "zh", "xx-invalid", NULL };

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_text: broken promise: %s\n", what);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    surface = SDL_CreateRGBSurfaceWithFormat(0, 320, 200, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    const char *dir = getenv("KIOSK_FONT_DIR");
    char err[512];
    te = renderer ? text_open("assets/fonts.conf", dir ? dir : "/usr/share/fonts/truetype/noto",
                              renderer, 2u << 20, err, sizeof err)
                  : NULL;
    if (!te) {
        fprintf(stderr, "fuzz_text: cannot start (run from the repository root): %s\n",
                renderer ? err : SDL_GetError());
        exit(1);
    }
    return 0;
}

/* Appends code point c as UTF-8 (surrogates too, as CESU-8 writes them:
 * invalid on purpose). */
static size_t put(char *s, size_t o, uint32_t c)
{
    if (o + 4 >= MAX_TEXT)
        return o;
    if (c < 0x80) {
        s[o++] = (char)c;
    } else if (c < 0x800) {
        s[o++] = (char)(0xC0 | (c >> 6));
        s[o++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s[o++] = (char)(0xE0 | (c >> 12));
        s[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
        s[o++] = (char)(0x80 | (c & 0x3F));
    } else {
        s[o++] = (char)(0xF0 | (c >> 18));
        s[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
        s[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
        s[o++] = (char)(0x80 | (c & 0x3F));
    }
    return o;
}

static const uint32_t bidi_controls[] = { 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C,
                                          0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069 };
static const uint32_t joiners[] = {
    0x200D, 0x200C, 0xFE0F, 0xFE0E, 0x20E3, 0x00AD, 0x2060, 0xFEFF
};
static const uint32_t spaces[] = { ' ', ' ', ' ', '\n', '\r', '\t', 0x00A0, 0x2028, 0x2029,
                                   0x3000, 0x200B, 0x2007 };
static const uint32_t urdu[] = { 0x06A9, 0x06AF, 0x06BA, 0x06BE, 0x06C1, 0x06C3, 0x06CC, 0x06D2,
                                 0x0679, 0x0688, 0x0691, 0x06D4, 0x0670, 0x064B, 0x0654 };
static const uint32_t emoji[] = { 0x1F468, 0x1F469, 0x1F467, 0x1F466, 0x1F44B, 0x2764, 0x1F3F3,
                                  0x1F308, 0x1F600, 0x1F9D1, 0x1F91D, 0x2640, 0x2642, 0x1F3F4,
                                  0xE0067, 0xE0062, 0xE007F, 0x1FAF1 };

#define PICK(a, v) ((a)[(v) % (sizeof(a) / sizeof((a)[0]))])

/* Maps a token stream to text; returns its length. */
static size_t generate(const uint8_t *d, size_t n, char *s)
{
    size_t o = 0;
    for (size_t i = 0; i + 1 < n && o + 8 < MAX_TEXT; i += 2) {
        unsigned kind = d[i] % 20, v = d[i + 1];
        switch (kind) {
        case 0: case 1: o = put(s, o, 'A' + v % 58); break;              /* ASCII letters */
        case 2: o = put(s, o, 0x00C0 + v % 0xC0); break;                 /* Latin-1, Extended-A */
        case 3: o = put(s, o, 0x0300 + v % 0x70); break;                 /* combining marks */
        case 4: o = put(s, o, 0x0400 + v * 2 % 0x100 + (v & 1)); break;  /* Cyrillic */
        case 5: case 6: o = put(s, o, 0x0B80 + v % 0x80); break;         /* Tamil, all of it */
        case 7: o = put(s, o, 0x0600 + v % 0x100); break;                /* Arabic */
        case 8: o = put(s, o, PICK(urdu, v)); break;
        case 9: o = put(s, o, '0' + v % 10); break;
        case 10: o = put(s, o, PICK(spaces, v)); break;
        case 11: o = put(s, o, PICK(bidi_controls, v)); break;
        case 12: o = put(s, o, PICK(joiners, v)); break;
        case 13: o = put(s, o, PICK(emoji, v)); break;
        case 14: o = put(s, o, 0x1F3FB + v % 5); break;                  /* skin tones */
        case 15: o = put(s, o, 0x1F1E6 + v % 26); break;                 /* regional indicators */
        case 16:                                                         /* a flood of marks */
            for (unsigned k = 0; k < v + 1u; k++)
                o = put(s, o, k % 3 ? 0x0301 : 0x0BCD);
            break;
        case 17: o = put(s, o, 0x1F300 + v * 3); break;                  /* more pictographs */
        case 18: o = put(s, o, "-.,;:!?()[]{}\"'/\\\xB7"[v % 17]); break;
        default:                                                         /* not UTF-8 */
            if (v < 128)
                s[o++] = (char)(0x80 | v);
            else
                o = put(s, o, 0xD800 + (uint32_t)(v - 128) * 8);         /* a surrogate */
            break;
        }
    }
    s[o] = '\0';
    return o;
}

static bool is_start(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void check_breaks(const char *s, size_t len, const char *lang, bool valid)
{
    char *brk = malloc(len ? len : 1);
    if (!brk)
        return;
    k_err err = text_break_opportunities(s, lang, brk);
    if (!valid) {
        if (err != K_ERR_INVALID)
            fail("break opportunities accepted invalid UTF-8");
    } else {
        if (err != K_OK)
            fail("break opportunities failed on valid UTF-8");
        for (size_t i = 0; i < len; i++) {
            if (brk[i] < 0 || brk[i] > 2)
                fail("break value out of range");
            if (brk[i] && i + 1 < len && !is_start(s, i + 1))
                fail("break inside a code point");
        }
        if (len && brk[len - 1] != 2)
            fail("no mandatory break at the end");
    }
    free(brk);
}

static void check_runs(const char *s, size_t len, TextDir dir, bool valid)
{
    enum { MAX = 256 };
    static TextRun runs[MAX];
    static int order[MAX];
    int n = text_itemise(s, dir, runs, MAX);
    if (!valid) {
        if (n != -1)
            fail("itemise accepted invalid UTF-8");
        return;
    }
    if (n < 0 || (len > 0 && n == 0))
        fail("itemise failed on valid UTF-8");
    if (n > MAX)
        return;
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        if (runs[i].start != at || runs[i].len == 0 || runs[i].level < 0 || runs[i].level > 126)
            fail("runs do not tile the text");
        at += runs[i].len;
    }
    if (at != len)
        fail("runs do not cover the text");
    text_visual_order(runs, n, order);
    static bool seen[MAX];
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < n; i++) {
        if (order[i] < 0 || order[i] >= n || seen[order[i]])
            fail("visual order is not a permutation");
        seen[order[i]] = true;
    }
}

static void check_layout(const char *s, size_t len, const TextStyle *st, int max_w,
                         bool valign, bool valid)
{
    enum { MAX = 512 };
    static size_t starts[MAX];
    int n = text_wrap(te, s, st, max_w, starts, MAX);
    if (!valid) {
        if (n != -1)
            fail("wrap accepted invalid UTF-8");
    } else {
        if (n < 0)
            fail("wrap failed on valid UTF-8");
        for (int i = 0; i < n && i < MAX; i++) {
            if ((i == 0 && starts[0] != 0) || (i > 0 && starts[i] <= starts[i - 1]) ||
                (i > 0 && starts[i] >= len) || !is_start(s, starts[i]))
                fail("line starts out of order or inside a code point");
        }
    }
    TextExtent ext;
    k_err err = text_measure(te, s, st, max_w, &ext);
    if (valid != (err == K_OK) || (!valid && err != K_ERR_INVALID))
        fail("measure: wrong result for the text's validity");
    if (err == K_OK && (ext.w < 0 || ext.h < 0 || ext.lines < 0 ||
                        (n >= 0 && st->max_lines == 0 && ext.lines != n)))
        fail("measure disagrees with wrap");
    if (err == K_OK && ext.fits && max_w > 0 && ext.w > max_w)
        fail("measure says it fits, wider than the box");
    SDL_Rect box = { 10, 5, max_w > 0 ? max_w : 300, 190 };
    err = text_draw(te, s, st, &box, valign);
    if (valid != (err == K_OK) || (!valid && err != K_ERR_INVALID))
        fail("draw: wrong result for the text's validity");
    if (valid) {
        unsigned missing;
        (void)text_covers(te, s, st->lang, &missing);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    static char s[MAX_TEXT + 1];
    size_t len;
    if (data[0] & 1) {
        len = generate(data + 4, size - 4, s);
    } else {
        len = size - 4 < MAX_TEXT ? size - 4 : MAX_TEXT;
        memcpy(s, data + 4, len);
        s[len] = '\0';
        len = strlen(s);    /* the API takes NUL-terminated text */
    }
    bool valid = utf8_valid(s, len);
    TextStyle st = {
        .size_px = 4 + data[2] % 60,
        .weight = (data[0] >> 1) & 1 ? TEXT_BOLD : TEXT_REGULAR,
        .colour = { 20, 30, 40, 255 },
        .align = (TextAlign)((data[0] >> 4) % 3),
        .dir = (TextDir)((data[0] >> 2) % 3),
        .lang = langs[data[1] % (sizeof langs / sizeof langs[0])],
        .max_lines = data[1] >> 5,
        .personal = (data[0] >> 6) & 1,
    };
    int max_w = data[3] < 8 ? 0 : data[3] + 4;
    check_breaks(s, len, st.lang ? st.lang : "en", valid);
    check_runs(s, len, st.dir, valid);
    /* personal text leaves nothing behind (unless the same text was
     * drawn before in a style that is not personal) */
    bool held = len >= 8 && text_cache_holds(te, s);
    check_layout(s, len, &st, max_w, data[0] >> 7, valid);
    if (st.personal && len >= 8 && !held && text_cache_holds(te, s))
        fail("personal text left in a cache");
    return 0;
}
