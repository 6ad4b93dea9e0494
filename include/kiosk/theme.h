/* theme.h — the design tokens every screen is drawn with: colours (a
 * normal and a high-contrast palette), spacing steps, a type scale with a
 * size per script, and the icons (glyphs of the icon font). docs/design.md
 * says what each token is for and which component uses it.
 *
 * Screens name tokens, never numbers or colours: a colour is a ThemeColour
 * looked up in the palette of the current look (theme_colour), a gap is a
 * ThemeSpace step of the screen's unit, a text size a ThemeType. None of
 * these functions fails. */
#ifndef KIOSK_THEME_H
#define KIOSK_THEME_H

#include <stdbool.h>
#include <stdint.h>

typedef struct { uint8_t r, g, b; } ThemeRgb;

typedef enum {
    COL_PAGE = 0,      /* the screen behind everything */
    COL_SURFACE,       /* keys, fields, secondary buttons */
    COL_INK,           /* text on the page and on surfaces */
    COL_INK_QUIET,     /* secondary text (the demo footer, hints) */
    COL_LINE,          /* borders of surfaces */
    COL_PRIMARY,       /* the one forward action of a screen */
    COL_ON_PRIMARY,    /* text on COL_PRIMARY */
    COL_ACCENT,        /* text and borders of secondary buttons */
    COL_EXIT,          /* Quick exit */
    COL_ON_EXIT,
    COL_SELECTED,      /* the fill of a chosen option */
    COL_SELECTED_LINE, /* its border and its tick or radio mark */
    COL_NOTICE,        /* a box that says something to know */
    COL_ERROR_FILL,    /* an error message box */
    COL_ERROR_LINE,    /* its border and a field in error */
    COL_SUCCESS,       /* the tick of a success screen */
    COL_OFF_FILL,      /* a control that cannot be used yet */
    COL_OFF_INK,
    COL_OFF_LINE,
    COL_SHADE,         /* what dims the screen under a prompt (drawn at 60%) */
    COL_COUNT
} ThemeColour;

/* Look modes, combined as bits; 0 is the default look. */
#define THEME_LARGE 1u      /* larger text: every type size 1.5 times */
#define THEME_CONTRAST 2u   /* the high-contrast palette (text at least 7:1) */

/* The colour c in the palette of mode (THEME_CONTRAST picks the
 * high-contrast palette). An unknown c gives COL_INK. */
ThemeRgb theme_colour(unsigned mode, ThemeColour c);

/* The WCAG 2 contrast ratio of two colours: 1 (the same) to 21. */
double theme_contrast(ThemeRgb a, ThemeRgb b);

/* "#RRGGBB" of c into out (8 bytes). */
void theme_hex(ThemeRgb c, char out[8]);

/* Spacing steps, in multiples of the screen's unit (8 px at 800x480). */
typedef enum {
    SP_HALF = 0,   /* inside a component: a label and its control */
    SP_ONE,        /* between controls of one group; the screen's margin */
    SP_TWO,        /* between groups; the gutter of a grid */
    SP_THREE,      /* before the forward action */
    SP_FOUR        /* around a success tick */
} ThemeSpace;

/* The pixels of step s for a screen whose unit is unit. */
int theme_space(int unit, ThemeSpace s);

/* The type scale. */
typedef enum {
    TYPE_SECONDARY = 0,   /* the least any text may be: 16 px at 800x480 */
    TYPE_BODY,            /* paragraphs, labels, answers */
    TYPE_BUTTON,          /* words on buttons and tiles, field values */
    TYPE_HEADING,         /* a screen's question */
    TYPE_TITLE,           /* the hub's name, the thank-you line */
    TYPE_ICON,            /* an icon beside the words of a button */
    TYPE_TILE_ICON,       /* an icon above the words of a home tile */
    TYPE_DISPLAY,         /* the success tick */
    TYPE_COUNT
} ThemeType;

/* How much larger text in lang is set than Latin at the same type size:
 * 1.3 for Urdu (Nastaliq reads far smaller than Latin at one pixel size),
 * 1 for the others. */
double theme_script_scale(const char *lang);

/* Extra space between lines of a paragraph in lang, as a share of its
 * size: Tamil's tall vowel signs need more room than the font's box (0.25
 * for Tamil, 0 for the others). */
double theme_line_extra(const char *lang);

/* The line height of lang as a multiple of the font's own line (its box,
 * or for a font sized by ink its ink and margins): 1 + theme_line_extra.
 * The text engine sets every line of text in lang this much taller, the
 * extra room split above and below the line. */
double theme_line_height(const char *lang);

/* The pixel size of type t on a screen of the given scale (1 at 800x480)
 * in lang and mode: the type's base size times the screen scale, the
 * script's scale (every type of words, from secondary text to titles;
 * icons are not scaled by script) and 1.5 in THEME_LARGE.
 * Never less than the floor of secondary text. */
int theme_type_px(ThemeType t, double screen_scale, const char *lang, unsigned mode);

/* The same with the factor of larger text given (1.5 is the choice's
 * size; a screen whose words do not fit at 1.5 is built again smaller,
 * see screens_build). */
int theme_type_px_at(ThemeType t, double screen_scale, const char *lang, unsigned mode,
                     double large);

/* The least size any visitor's text may be drawn at (after fitting) on a
 * screen of that scale: 16 px at 800x480. */
int theme_floor_px(double screen_scale);

/* Icons: glyphs of the icon font (Material Icons, fonts-material-design-
 * icons-iconfont), drawn through the text engine in the language tag
 * THEME_ICON_LANG, which assets/fonts.conf gives the icon font. */
#define THEME_ICON_LANG "qaa"

typedef enum {
    GLYPH_NONE = 0, GLYPH_BACK, GLYPH_NEXT, GLYPH_MINUS, GLYPH_PLUS, GLYPH_TICK, GLYPH_SHIFT,
    GLYPH_DELETE, GLYPH_CHECKIN, GLYPH_SUPPORT, GLYPH_CALLBACK, GLYPH_ADVOCATE, GLYPH_LANGUAGE,
    GLYPH_EXIT, GLYPH_SUCCESS, GLYPH_PREGNANT, GLYPH_BABY, GLYPH_TODDLER, GLYPH_CHILD,
    GLYPH_TEEN, GLYPH_YOUNG_ADULT, GLYPH_SEND, GLYPH_ADULTS, GLYPH_ACCESS, GLYPH_LARGE_TEXT,
    GLYPH_CONTRAST, GLYPH_RADIO_ON, GLYPH_RADIO_OFF, GLYPH_EDIT, GLYPH_EVENT, GLYPH_HOME,
    GLYPH_ERROR, GLYPH_INFO, GLYPH_LOCK, GLYPH_STORAGE, GLYPH_QR, GLYPH_BOX_ON, GLYPH_BOX_OFF,
    GLYPH_LISTEN,
    GLYPH_FACE_1, GLYPH_FACE_2, GLYPH_FACE_3, GLYPH_FACE_4, GLYPH_FACE_5,   /* feedback */
    GLYPH_COUNT
} ThemeGlyph;

/* The icon font's code point for g (0 for GLYPH_NONE or an unknown g). */
uint32_t theme_glyph_cp(ThemeGlyph g);

/* The UTF-8 of g's code point into out (5 bytes; "" for none). For a
 * glyph with a direction (back, next, delete) rtl gives the mirrored one. */
void theme_glyph_utf8(ThemeGlyph g, bool rtl, char out[5]);

#endif
