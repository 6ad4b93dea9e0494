/* theme.c — the design tokens (see theme.h and docs/design.md). */
#include "kiosk/theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The default palette: calm, warm page; text on each fill at least 4.5:1
 * (most at 7:1 or more, the contrast test checks every pair drawn). */
static const ThemeRgb normal[COL_COUNT] = {
    [COL_PAGE] = { 0xF7, 0xF5, 0xF0 },       [COL_SURFACE] = { 0xFF, 0xFF, 0xFF },
    [COL_INK] = { 0x1B, 0x1B, 0x1B },        [COL_INK_QUIET] = { 0x44, 0x4B, 0x4A },
    [COL_LINE] = { 0x5F, 0x6B, 0x6A },       [COL_PRIMARY] = { 0x12, 0x55, 0x52 },
    [COL_ON_PRIMARY] = { 0xFF, 0xFF, 0xFF }, [COL_ACCENT] = { 0x12, 0x55, 0x52 },
    [COL_EXIT] = { 0x9E, 0x1B, 0x1B },       [COL_ON_EXIT] = { 0xFF, 0xFF, 0xFF },
    [COL_SELECTED] = { 0xD7, 0xEE, 0xEA },   [COL_SELECTED_LINE] = { 0x12, 0x55, 0x52 },
    [COL_NOTICE] = { 0xFF, 0xF1, 0xC6 },     [COL_ERROR_FILL] = { 0xFB, 0xE3, 0xE1 },
    [COL_ERROR_LINE] = { 0x9E, 0x1B, 0x1B }, [COL_SUCCESS] = { 0x17, 0x66, 0x3A },
    [COL_OFF_FILL] = { 0xE4, 0xE6, 0xE5 },   [COL_OFF_INK] = { 0x4A, 0x50, 0x4F },
    [COL_OFF_LINE] = { 0xB8, 0xBD, 0xBC },   [COL_SHADE] = { 0x1B, 0x1B, 0x1B },
};

/* High contrast: white and yellow on black, every text pair at least 7:1
 * (WCAG AAA). */
static const ThemeRgb contrast[COL_COUNT] = {
    [COL_PAGE] = { 0x00, 0x00, 0x00 },       [COL_SURFACE] = { 0x00, 0x00, 0x00 },
    [COL_INK] = { 0xFF, 0xFF, 0xFF },        [COL_INK_QUIET] = { 0xFF, 0xFF, 0xFF },
    [COL_LINE] = { 0xFF, 0xFF, 0xFF },       [COL_PRIMARY] = { 0xFF, 0xDD, 0x00 },
    [COL_ON_PRIMARY] = { 0x00, 0x00, 0x00 }, [COL_ACCENT] = { 0xFF, 0xDD, 0x00 },
    [COL_EXIT] = { 0xFF, 0xFF, 0xFF },       [COL_ON_EXIT] = { 0x8A, 0x00, 0x00 },
    [COL_SELECTED] = { 0x00, 0x2B, 0x4D },   [COL_SELECTED_LINE] = { 0xFF, 0xDD, 0x00 },
    [COL_NOTICE] = { 0x1F, 0x1F, 0x1F },     [COL_ERROR_FILL] = { 0x00, 0x00, 0x00 },
    [COL_ERROR_LINE] = { 0xFF, 0x8A, 0x80 }, [COL_SUCCESS] = { 0x5B, 0xE3, 0x7D },
    [COL_OFF_FILL] = { 0x00, 0x00, 0x00 },   [COL_OFF_INK] = { 0xC8, 0xC8, 0xC8 },
    [COL_OFF_LINE] = { 0x9A, 0x9A, 0x9A },   [COL_SHADE] = { 0x00, 0x00, 0x00 },
};

ThemeRgb theme_colour(unsigned mode, ThemeColour c)
{
    if ((unsigned)c >= COL_COUNT)
        c = COL_INK;
    return (mode & THEME_CONTRAST) ? contrast[c] : normal[c];
}

static double channel(uint8_t v)
{
    double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(ThemeRgb c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast(ThemeRgb a, ThemeRgb b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

void theme_hex(ThemeRgb c, char out[8])
{
    snprintf(out, 8, "#%02X%02X%02X", c.r, c.g, c.b);
}

int theme_space(int unit, ThemeSpace s)
{
    switch (s) {
    case SP_HALF: return unit / 2;
    case SP_ONE: return unit;
    case SP_TWO: return 2 * unit;
    case SP_THREE: return 3 * unit;
    case SP_FOUR: return 4 * unit;
    }
    return unit;
}

static bool lang_is(const char *lang, const char *want)
{
    size_t n = strlen(want);
    return lang && strncasecmp(lang, want, n) == 0 &&
           (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

double theme_script_scale(const char *lang)
{
    return lang_is(lang, "ur") ? 1.3 : 1.0;
}

double theme_line_extra(const char *lang)
{
    return lang_is(lang, "ta") ? 0.25 : 0.0;
}

double theme_line_height(const char *lang)
{
    /* Tamil's vowel signs reach above and below the font's box */
    return 1.0 + theme_line_extra(lang);
}

static const int base_px[TYPE_COUNT] = {
    [TYPE_SECONDARY] = 16, [TYPE_BODY] = 20,      [TYPE_BUTTON] = 22,
    [TYPE_HEADING] = 26,   [TYPE_TITLE] = 30,     [TYPE_ICON] = 26,
    [TYPE_TILE_ICON] = 52, [TYPE_DISPLAY] = 120,
};

int theme_floor_px(double screen_scale)
{
    return (int)lround(base_px[TYPE_SECONDARY] * (screen_scale < 1.0 ? 1.0 : screen_scale));
}

int theme_type_px(ThemeType t, double screen_scale, const char *lang, unsigned mode)
{
    return theme_type_px_at(t, screen_scale, lang, mode, 1.5);
}

int theme_type_px_at(ThemeType t, double screen_scale, const char *lang, unsigned mode,
                     double large)
{
    if ((unsigned)t >= TYPE_COUNT)
        t = TYPE_BODY;
    double px = base_px[t] * (screen_scale < 1.0 ? 1.0 : screen_scale);
    /* the script's scale applies to all words, not to icons (a picture
     * is as large in every language) */
    if (t != TYPE_ICON && t != TYPE_TILE_ICON && t != TYPE_DISPLAY)
        px *= theme_script_scale(lang);
    if (mode & THEME_LARGE)
        px *= large;
    int out = (int)lround(px), floor_px = theme_floor_px(screen_scale);
    return out < floor_px ? floor_px : out;
}

/* Material Icons code points (the font's own names in the comments). */
static const uint32_t glyph_cp[GLYPH_COUNT] = {
    [GLYPH_BACK] = 0xE5C4,        /* arrow_back */
    [GLYPH_NEXT] = 0xE5C8,        /* arrow_forward */
    [GLYPH_MINUS] = 0xE15B,       /* remove */
    [GLYPH_PLUS] = 0xE145,        /* add */
    [GLYPH_TICK] = 0xE5CA,        /* check */
    [GLYPH_SHIFT] = 0xE318,       /* keyboard_capslock */
    [GLYPH_DELETE] = 0xE14A,      /* backspace */
    [GLYPH_CHECKIN] = 0xE174,     /* how_to_reg */
    [GLYPH_SUPPORT] = 0xEA70,     /* volunteer_activism */
    [GLYPH_CALLBACK] = 0xE61D,    /* phone_in_talk */
    [GLYPH_ADVOCATE] = 0xE91F,    /* record_voice_over */
    [GLYPH_LANGUAGE] = 0xE894,    /* language */
    [GLYPH_EXIT] = 0xE879,        /* exit_to_app */
    [GLYPH_SUCCESS] = 0xE86C,     /* check_circle */
    [GLYPH_PREGNANT] = 0xE91E,    /* pregnant_woman */
    [GLYPH_BABY] = 0xEB42,        /* child_friendly (a pram) */
    [GLYPH_TODDLER] = 0xEB41,     /* child_care */
    [GLYPH_CHILD] = 0xE566,       /* directions_run */
    [GLYPH_TEEN] = 0xEA1D,        /* emoji_people */
    [GLYPH_YOUNG_ADULT] = 0xE536, /* directions_walk */
    [GLYPH_SEND] = 0xE92C,        /* accessibility_new */
    [GLYPH_ADULTS] = 0xE7FB,      /* people */
    [GLYPH_ACCESS] = 0xE84E,      /* accessibility */
    [GLYPH_LARGE_TEXT] = 0xE245,  /* format_size */
    [GLYPH_CONTRAST] = 0xE3AB,    /* brightness_6 */
    [GLYPH_RADIO_ON] = 0xE837,    /* radio_button_checked */
    [GLYPH_RADIO_OFF] = 0xE836,   /* radio_button_unchecked */
    [GLYPH_EDIT] = 0xE3C9,        /* edit */
    [GLYPH_EVENT] = 0xE878,       /* event */
    [GLYPH_HOME] = 0xE88A,        /* home */
    [GLYPH_ERROR] = 0xE000,       /* error */
    [GLYPH_INFO] = 0xE88E,        /* info */
    [GLYPH_LOCK] = 0xE897,        /* lock */
    [GLYPH_STORAGE] = 0xE1DB,     /* storage */
    [GLYPH_QR] = 0xEF6B,          /* qr_code */
    [GLYPH_BOX_ON] = 0xE834,      /* check_box */
    [GLYPH_BOX_OFF] = 0xE835,     /* check_box_outline_blank */
    [GLYPH_LISTEN] = 0xE050,      /* volume_up */
    [GLYPH_FACE_1] = 0xE814,      /* sentiment_very_dissatisfied */
    [GLYPH_FACE_2] = 0xE811,      /* sentiment_dissatisfied */
    [GLYPH_FACE_3] = 0xE812,      /* sentiment_neutral */
    [GLYPH_FACE_4] = 0xE813,      /* sentiment_satisfied */
    [GLYPH_FACE_5] = 0xE815,      /* sentiment_very_satisfied */
};

uint32_t theme_glyph_cp(ThemeGlyph g)
{
    return (unsigned)g < GLYPH_COUNT ? glyph_cp[g] : 0;
}

void theme_glyph_utf8(ThemeGlyph g, bool rtl, char out[5])
{
    if (rtl && g == GLYPH_BACK)
        g = GLYPH_NEXT;
    else if (rtl && g == GLYPH_NEXT)
        g = GLYPH_BACK;
    uint32_t cp = theme_glyph_cp(g);
    if (!cp) {
        out[0] = '\0';
        return;
    }
    /* every icon is in the Basic Multilingual Plane's private use area */
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = '\0';
}
