/* ui.h — immediate-mode widgets: each screen adds its widgets to a list
 * every time it is built; the list is then drawn, hit-tested and dumped.
 *
 * Every widget has a stable id ("home.checkin", "party.adults.plus",
 * "staff.pin.7") that the headless scripts, the tests and support staff use
 * (docs/headless.md lists them). Layout is computed left-to-right; for a
 * right-to-left language ui_add mirrors each widget's rectangle (unless it
 * opts out, as keyboards do), so the whole screen mirrors in one place. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <SDL2/SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include "kiosk/error.h"
#include "kiosk/text.h"
#include "kiosk/theme.h"

typedef enum {
    ROLE_BUTTON = 0, /* tappable */
    ROLE_KEY,        /* a keyboard or number-pad key (tappable) */
    ROLE_FIELD,      /* a text field (tappable: focuses it) */
    ROLE_TEXT,       /* a paragraph */
    ROLE_HEADING,
    ROLE_VALUE,      /* a number or state shown beside controls */
    ROLE_QR,         /* a QR code of text */
    ROLE_PANEL,      /* a coloured box behind other widgets */
    ROLE_PROGRESS    /* steps of a journey: text "STEP/STEPS", filled from the start edge */
} UiRole;

typedef enum {
    LOOK_PLAIN = 0, LOOK_PRIMARY, LOOK_SECONDARY, LOOK_EXIT, LOOK_SELECTED,
    LOOK_NOTICE, LOOK_ERROR, LOOK_KEY, LOOK_QUIET,
    LOOK_SHADE      /* a panel that dims what lies under it */
} UiLook;

/* An icon is a glyph of the icon font (theme.h); the first names stay for
 * the screens that use them. */
typedef ThemeGlyph UiIcon;
#define ICON_NONE GLYPH_NONE
#define ICON_BACK GLYPH_BACK
#define ICON_NEXT GLYPH_NEXT
#define ICON_MINUS GLYPH_MINUS
#define ICON_PLUS GLYPH_PLUS
#define ICON_CHECK GLYPH_TICK
#define ICON_SHIFT GLYPH_SHIFT
#define ICON_DELETE GLYPH_DELETE

typedef struct {
    char id[48];
    UiRole role;
    UiLook look;
    char text[1024];     /* as shown: translated and formatted */
    char sub[256];       /* optional second, smaller line */
    char label[128];     /* an icon-only control's words: dumped, not drawn */
    SDL_Rect rect;       /* on screen (after mirroring) */
    bool enabled;
    bool checked;
    bool personal;       /* a visitor's own words: set before ui_add, so that
                            fitting, measuring and drawing never cache them;
                            shrunk, then cut with an ellipsis if too long */
    bool no_mirror;      /* keep the rectangle as laid out under RTL */
    int font_px;         /* 0 = the role's default */
    TextWeight weight;
    TextAlign align;     /* START mirrors with the language */
    const char *lang;    /* language of text (NULL = the screen's) */
    UiIcon icon;
    bool icon_above;     /* a tile: a large icon centred above the words */
    int icon_px;         /* 0 = the icon type of the role (theme.h) */
    ThemeColour icon_colour; /* COL_PAGE (0) = the widget's ink */
    bool round;          /* a panel drawn as a circle (a PIN dot) */
    bool cursor;         /* a focused field: a text cursor after its text */
    bool placeholder;    /* a field's text is a hint, not an answer */
    bool fits;           /* computed: the text fits its rectangle */
} UiWidget;

typedef struct {
    TextEngine *te;
    int w, h;
    double px_per_mm;
    int target;          /* touch target side for this screen's language (>= base) */
    int base_target;     /* smallest touch target side in pixels (>= 9 mm) */
    int unit;            /* base spacing in pixels, scales with the screen */
    int font_body, font_small, font_button, font_heading, font_title;
    int font_icon, font_tile_icon, font_display;
    double scale;        /* the screen's scale: 1 at 800x480 */
    unsigned mode;       /* the visitor's chosen look (THEME_LARGE, THEME_CONTRAST) */
    unsigned look;       /* the look of the current build: mode, or 0 on staff screens */
    bool trial;          /* a build that may be thrown away (larger text's reflow):
                            text that does not fit is not logged */
    double large;        /* the factor of larger text in this build (1.5, or less when
                            the screen's words do not fit at 1.5) */
    double fit;          /* every type size times this (0 or 1: as the theme says; less
                            for a screen whose words do not fit in a tall script) */
    bool access_open;    /* the visitor's look choices are shown */
    int access_screen;   /* the screen they were opened on */
    bool icons_ok;       /* the icon font draws every icon (checked by ui_init) */
    int page;            /* the page shown of a screen laid out on pages (0 first) */
    int page_screen;     /* the screen that page belongs to (-1: none yet) */
    bool rtl;
    const char *lang;    /* the screen's language tag */
    UiWidget *w_list;
    int n, cap;
    int pressed;         /* index of the widget under a finger, or -1 */
} Ui;

/* Sets sizes for a w x h screen of the given diagonal (touch targets of at
 * least 9 mm, fonts and spacing scaled from the short side) and the text
 * engine te (NULL: text is not measured, every widget "fits"), keeping the
 * widget list's memory and the visitor's chosen look: call it on a zeroed Ui
 * first, and again after a resize. Checks once per engine that the icon font
 * draws every icon (ui_icons_check); when it does not, an error is logged and
 * the essential icons (arrows, plus, minus, tick) are drawn as shapes
 * instead. Cannot fail. */
void ui_init(Ui *ui, TextEngine *te, int w, int h, double diagonal_in);

/* True when te's font for THEME_ICON_LANG has a glyph for every icon;
 * otherwise false with the first icon missing named in err. */
bool ui_icons_check(TextEngine *te, char *err, size_t errlen);

/* The look of the next builds: look 0 (staff screens) or the visitor's
 * ui->mode, with larger text at the factor large (1.5 when chosen; it has
 * no effect without THEME_LARGE). ui_begin then sets the type sizes for it
 * and the language. */
void ui_set_look(Ui *ui, unsigned look, double large);

/* Zeroes the widget list (as ui_wipe), frees it and leaves an empty list
 * that ui_add may grow again. Cannot fail; a Ui never given a widget is
 * fine. */
void ui_free(Ui *ui);

/* Starts a new build of the screen. The previous build's widgets are
 * zeroed first (sodium_memzero), so no copy of a visitor's words stays in
 * the widget list. */
void ui_begin(Ui *ui, const char *lang, bool rtl);

/* Zeroes the whole widget list (every slot ever used) and empties it: for
 * the wipes after a visitor leaves and a staff lock. The visitor's look
 * (larger text, high contrast) returns to the default. */
void ui_wipe(Ui *ui);

/* Adds a copy of proto (mirrored under RTL unless no_mirror; text fitted,
 * shrinking the font to no less than 75% (keys 60%) before marking it unfit;
 * personal text that still does not fit is cut at a character (grapheme
 * cluster) boundary and ends with an ellipsis). Text that cannot be
 * measured (invalid UTF-8, a shaping failure) is marked unfit. A widget left
 * unfit is kept, with fits false, and a log line names it (never its text).
 * Returns the stored widget (valid until the next ui_add, ui_begin or
 * ui_wipe), or NULL when out of memory (the widget is then missing from the
 * screen and a log line says so). */
UiWidget *ui_add(Ui *ui, const UiWidget *proto);

/* Copies src into dst (cap bytes), cutting a text too long at a code point
 * boundary, never inside a character, and logging the cut (its lengths,
 * never the text). Nothing is written when cap is 0. */
void ui_copy_text(char *dst, size_t cap, const char *src);

/* A widget to fill in and pass to ui_add: id (cut at 47 bytes), role,
 * enabled, and the role's usual look (buttons bold and centred, headings
 * bold, text at the start edge); every other field zero. Cannot fail. */
UiWidget ui_proto(const char *id, UiRole role);

/* Convenience: a button (text copied as ui_copy_text). Returns as
 * ui_add: NULL when out of memory. */
UiWidget *ui_button(Ui *ui, const char *id, const char *text, SDL_Rect r, UiLook look);

/* Convenience: a button with an icon (back and delete sit at the start
 * edge, next at the end edge; both mirror under RTL). Returns as ui_add. */
UiWidget *ui_button_icon(Ui *ui, const char *id, const char *text, SDL_Rect r, UiLook look,
                         UiIcon icon);

/* Convenience: a paragraph or heading (or any role given). Returns as
 * ui_add. Not for a visitor's words: those need personal set before
 * ui_add, so build them from ui_proto. */
UiWidget *ui_text(Ui *ui, const char *id, UiRole role, const char *text, SDL_Rect r);

/* True when every widget's text fits, every widget is on the screen and
 * no two touch targets overlap: a screen laid out without clipping. */
bool ui_layout_ok(const Ui *ui);

/* Index of the topmost enabled tappable widget at (x, y), or -1. */
int ui_hit(const Ui *ui, int x, int y);

/* Index of the widget with this id, or -1. */
int ui_find(const Ui *ui, const char *id);

/* Draws every widget with renderer r over a cleared background. Cannot
 * fail as a whole: a text the engine cannot draw, or a QR code that cannot
 * be made, is left out of the frame (the QR code with a log line). */
void ui_render(Ui *ui, SDL_Renderer *r);

/* The colours widget idx is drawn with: its text (ink), what lies behind
 * the text (back: its own fill, or the topmost filled widget under it, or
 * the page) and whether it draws a box of its own. False for a bad idx. */
bool ui_widget_colours(const Ui *ui, int idx, ThemeRgb *ink, ThemeRgb *back, bool *boxed);

/* Writes the widgets as JSON: {"screen": name, "language", "rtl", "size":
 * [w,h], "px_per_mm", "look", "widgets": [{"id","role","text","sub","rect":
 * [x,y,w,h], "enabled","checked","fits","font_px","icon","ink","back"}]}
 * (colours as "#RRGGBB", icon as the icon font's code point, 0 for none).
 * Personal text is written as shown (dumps are for tests and for support on
 * a test device). A widget whose text is not valid UTF-8 is left out of the
 * list. Returns K_ERR_IO (and a log line naming path) when the file cannot
 * be written or the JSON cannot be built (out of memory). */
k_err ui_dump(const Ui *ui, const char *screen, const char *path);

/* Height text needs at the given font size and width (for layout), in
 * the screen's language and direction. personal is true for a visitor's own
 * words (or a staff list row): they are measured as personal text, which
 * the text engine never caches. When the text cannot be measured (invalid
 * UTF-8, a shaping failure, out of memory) returns one line's height,
 * font_px * 3 / 2. */
int ui_text_height(Ui *ui, const char *text, int font_px, TextWeight weight, int width,
                   bool personal);

/* The size of a widget's second line (sub) when its first is at px. */
int ui_sub_px_of(const Ui *ui, int px);

/* Role names as dumped: "button", "key", ...; "?" for a value that is not
 * a UiRole. Never NULL. */
const char *ui_role_name(UiRole role);

#endif
