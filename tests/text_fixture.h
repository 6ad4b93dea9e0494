/* text_fixture.h — the text engine on the real Noto fonts, drawn by a
 * software renderer into a 640x240 surface: what test_text.c and
 * test_text_ink.c share. */
#ifndef KIOSK_TEST_TEXT_FIXTURE_H
#define KIOSK_TEST_TEXT_FIXTURE_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "kiosk/text.h"

#define FONT_DIR "/usr/share/fonts/truetype/noto"
#define CONF "assets/fonts.conf"

static const char URDU_PHONE[] __attribute__((unused)) = "ہمیں 020 8770 6000 پر کال کریں";
static const char TAMIL[] __attribute__((unused)) = "குழந்தைகள் மற்றும் குடும்பங்கள்";
static const char TAMIL_LONG[] __attribute__((unused)) =
    "குழந்தைகள் மற்றும் குடும்பங்களுக்கான மையத்தில் ஒவ்வொரு செவ்வாய்க்கிழமை "
    "காலை பத்து மணிக்கு விளையாட்டு அமர்வு நடைபெறும்";

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static TextEngine *te;

static inline int setup(void **state)
{
    (void)state;
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    surface = SDL_CreateRGBSurfaceWithFormat(0, 640, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surface)
        return -1;
    renderer = SDL_CreateSoftwareRenderer(surface);
    if (!renderer)
        return -1;
    char err[256];
    te = text_open(CONF, FONT_DIR, renderer, 8u << 20, err, sizeof err);
    if (!te) {
        fprintf(stderr, "text_open: %s\n", err);
        return -1;
    }
    return TTF_Init();   /* for the tests that read font metrics directly */
}

static inline int teardown(void **state)
{
    (void)state;
    text_close(te);
    TTF_Quit();
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    SDL_Quit();
    return 0;
}

static inline TextStyle style(int size, const char *lang)
{
    return (TextStyle){ .size_px = size, .colour = { 0, 0, 0, 255 }, .lang = lang };
}

static inline int width_of(const char *s, const char *lang)
{
    TextStyle st = style(32, lang);
    TextExtent ext;
    assert_int_equal(text_measure(te, s, &st, 0, &ext), K_OK);
    return ext.w;
}

static inline void clear_white(void)
{
    SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
    SDL_RenderClear(renderer);
}

/* Bounding box of the non-white pixels; false when there are none. */
static inline bool ink_box(int *x0, int *x1, int *y0, int *y1)
{
    *x0 = surface->w; *x1 = -1; *y0 = surface->h; *y1 = -1;
    for (int y = 0; y < surface->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)surface->pixels + y * surface->pitch);
        for (int x = 0; x < surface->w; x++) {
            if ((row[x] & 0xFFFFFF) != 0xFFFFFF) {
                if (x < *x0) *x0 = x;
                if (x > *x1) *x1 = x;
                if (y < *y0) *y0 = y;
                if (y > *y1) *y1 = y;
            }
        }
    }
    return *x1 >= 0;
}

/* ---- itemise and visual order ------------------------------------------- */

#endif
