/* layout.h — pieces every screen is made of: the top bar, a heading, a
 * paragraph, a stepper, the forward button, a labelled field. Each adds
 * widgets to a->ui laid out left to right (ui_add mirrors them for
 * right-to-left languages) and returns the y below what it added where
 * that is useful. None does I/O. Private to kiosk/screens/. */
#ifndef KIOSK_SCREENS_LAYOUT_H
#define KIOSK_SCREENS_LAYOUT_H

#include "screens.h"

static inline SDL_Rect R(int x, int y, int w, int h)
{
    return (SDL_Rect){ x, y, w, h };
}

static inline bool portrait(const App *a)
{
    return a->ui.h > a->ui.w;
}

/* Width of a top-bar button: three fit beside each other on any screen. */
int lay_bar_button_w(const Ui *ui);

/* The top bar without Back (lay_bar), leaving the room right of start
 * (before mirroring) free when the words can give way for it; y is the
 * bar's (the unit, as every screen's). Returns the x where the last row's
 * buttons begin; *below is the y under them. */
int lay_end_buttons(App *a, int y, int start, int *below);

/* The top bar as laid out by lay_bar; rectangles before mirroring. */
typedef struct {
    int rows;               /* 1, or 2 on a narrow screen with long words */
    int below;              /* the y under the bar */
    SDL_Rect room;          /* free room in the last row, between Back (or the
                               start edge) and Listen; w may be 0 */
    SDL_Rect room_first;    /* with two rows: the first row's room between
                               Back and Quick exit (w 0 otherwise) */
} LayBar;

/* The top bar of a visitor screen: Back (when back) at the start edge;
 * Listen, the look choices (nav.access), Language and Quick exit at the
 * end. Each button shows its icon and words where the row has room for
 * them; else, in this order, Back, Listen and Language give up their words
 * (an icon alone, at least 9 mm, its words in its label) and then Quick
 * exit its icon: Quick exit always keeps its words. keep is room to leave
 * free beside the buttons (the check-in's progress, the hub's name; 0 for
 * none): words give way for it, or with LAY_BAR_KEEP_WORDS the words stay
 * and keep is given up when both do not fit. On a tall screen only Back
 * gives up its words (unless LAY_BAR_ONE_ROW) before the bar takes a
 * second row; on a wide one only when even the fewest words do not fit
 * one row: Back and Quick exit on the first, the rest at the end of the
 * second, with their words where it has room. Fills *out. */
#define LAY_BAR_KEEP_WORDS 1u  /* keep only when every word fits beside it */
#define LAY_BAR_ONE_ROW 2u     /* one row, fewer words, on a tall screen too */
void lay_bar(App *a, bool back, int keep, unsigned flags, LayBar *out);

/* Top bar of a visitor screen: Back (when back is true) at the start edge,
 * the end buttons (lay_end_buttons), the check-in's progress between them
 * on a screen with a step (under the bar when there is no room). Returns the y below it. */
int lay_top_bar(App *a, bool back);

/* A heading across the screen at y. Returns the y below it. */
int lay_heading(App *a, const char *id, const char *text, int y);

/* A paragraph at most max_h tall (0 = as tall as it needs); a text that
 * needs more is set smaller by ui_add. personal marks the visitor's own
 * words from the start (never cached; cut with an ellipsis when it does
 * not fit). Returns the y below it. */
int lay_paragraph_max(App *a, const char *id, const char *text, int x, int y, int width,
                      UiLook look, int max_h, bool personal);
int lay_paragraph(App *a, const char *id, const char *text, int x, int y, int width,
                  UiLook look);

/* A row: label at the start, then [-] value [+] at the end. */
void lay_stepper(App *a, const char *idbase, const char *label, int value, int min, int max,
                 SDL_Rect row);
/* The same with an icon at the label's start. */
void lay_stepper_icon(App *a, const char *idbase, const char *label, int value, int min, int max,
                      SDL_Rect row, UiIcon icon);
/* The same with the label over the whole row's width, label_h tall, and
 * the stepper under it at the end: for a label too long to sit beside. */
void lay_stepper_over(App *a, const char *idbase, const char *label, int value, int min, int max,
                      SDL_Rect row, int label_h, UiIcon icon);
/* The width of a stepper's [-] value [+]. */
int lay_stepper_w(const Ui *ui);

/* The forward button at the bottom end of a screen. */
UiWidget *lay_next_button(App *a, const char *id, const char *text, bool enabled);

/* The reason a disabled forward button cannot be used yet, in the room
 * before it on its row (nothing when there is too little room). */
void lay_reason(App *a, const char *id, const char *text, const UiWidget *button);

/* A label on its own row, then a text field under it showing value (the
 * visitor's own, personal) or the placeholder. Returns the y below. */
int lay_field(App *a, const char *id, const char *label, const char *value,
              const char *placeholder, int y, int field_w);

/* The same in a column: the label w wide at x, the field field_w wide. */
int lay_field_at(App *a, const char *id, const char *label, const char *value,
                 const char *placeholder, int x, int y, int w, int field_w);

/* A field whose label is inside it (a short screen), id at x, y, w wide:
 * the label as the hint while value is empty, under the answer once typed
 * (value the visitor's own, personal). Returns the y below; cannot fail. */
int lay_compact_field(App *a, const char *id, const char *label, const char *value, int x, int y,
                      int w);

/* Height of a one-line control in the current language: scripts that draw
 * taller (Nastaliq) get taller buttons. */
int lay_language_target(App *a);

/* A visitor's name as shown: the first letter of each word (after a
 * space or hyphen) in title case ("anna-maria" -> "Anna-Maria"), the rest
 * as typed. out is cap bytes; the caller wipes it after use (personal). */
void lay_name_shown(const char *name, char *out, size_t cap);

/* A session's name in the visitor's language. */
const char *lay_session_name(App *a, const SessionTime *s);

/* "{from} to {to}" in the visitor's language. */
void lay_time_range(App *a, int from, int to, char *out, size_t cap);

/* ---- Fitting and pages ------------------------------------------------
 * A screen whose words do not all fit its room (larger text, a tall
 * script, a small screen) is laid out again another way: fewer columns,
 * rows stacked, or its rows on pages. A trial adds widgets, checks them
 * with lay_fits_since and, when they do not fit, takes them back by
 * setting ui->n to the mark it started from. */

/* True when every widget added since index mark fits its box, lies on
 * the screen and ends above y bottom. */
bool lay_fits_since(const Ui *ui, int mark, int bottom);

/* The page of the current screen the visitor is on (0 first); it starts
 * at 0 whenever another screen is shown, and is clamped to pages - 1. */
int lay_page(App *a, int pages);

/* Previous (ID.prev) and More (ID.more) at the bottom start of the screen,
 * side by side in the width w (from the start margin), for a screen of
 * pages pages showing page (from lay_page); nothing when pages is 1. */
void lay_pager(App *a, const char *id, int page, int pages, int w);

/* Handles a tap on ID.prev or ID.more of lay_pager; true when it was one. */
bool lay_pager_tap(App *a, const char *id, const char *tapped);

/* Width of the forward button (lay_next_button) on this screen. */
int lay_next_w(const Ui *ui);

/* The readable column of a screen: on a screen wider than 100 units
 * lines longer than about 80 units are hard to follow, so content may be
 * centred in a column of at most that width. Sets *x and *w (from the left, before
 * mirroring). */
void lay_column(const Ui *ui, int *x, int *w);

/* ---- Summary list (summary.c) ----------------------------------------
 * The answers to check before they are sent: each row the question's
 * label, the answer in bold and, in a list with Change, a Change button
 * at its end and a rule under the row (a plain list: the label a third
 * of the row, the rows closer); then a note (why the answers are kept,
 * who will see them). */
#define LAY_SUMMARY_MAX_ROWS 12

typedef struct {
    const char *key;      /* the row's ids: ID.KEY.label, ID.KEY, ID.change.KEY,
                             ID.KEY.rule */
    const char *label, *answer;
    bool personal;        /* the visitor's own words: measured, never cached */
} LaySummaryRow;

typedef struct {
    const char *id;       /* the ids' stem ("confirm"); the pager's is ID too */
    const char *title;    /* the heading's words (ID.title) */
    const LaySummaryRow *rows;
    int nrows;            /* at most LAY_SUMMARY_MAX_ROWS */
    bool change;          /* Change at each row's end (tapped as ID.change.KEY) */
    const char *note_id, *note;
} LaySummary;

/* The heading at top (under the bar), then the rows with the note beside
 * them (landscape) or after them in a readable column; when they do not
 * all fit, on pages with Previous and More (lay_pager, ID.prev and
 * ID.more, handled by lay_pager_tap); when not even one row fits under
 * the heading, the heading at the body's size. Adds no forward button:
 * the caller adds it (lay_next_button). Every text whole or, when even
 * one row alone does not fit, set smaller by ui_add. */
void lay_summary(App *a, const LaySummary *s, int top);

/* ---- Items on pages ---------------------------------------------------
 * A screen's content as a list of items (rows, paragraphs, blocks), each
 * added by an LayItemFn: item i at y in a column w wide at x, above
 * bottom; returns the y below it. */
typedef int (*LayItemFn)(App *a, const void *ctx, int i, int x, int y, int w, int bottom);

/* Splits items into pages, as many on each as fit above bottom (at least
 * one): starts[p] is the first item of page p, cap entries at most. Adds
 * nothing (each trial is taken back). Returns the number of pages (at
 * least 1); *all_fit is false when an item does not fit even alone or
 * the items need more than cap pages. */
int lay_split_pages(App *a, LayItemFn item, const void *ctx, int items, int x, int y, int w,
                    int bottom, int starts[], int cap, bool *all_fit);

/* A heading as lay_heading, at the body's size (bold): for a screen
 * whose rows do not fit even one to a page under the heading's own size.
 * Returns the y below it. */
int lay_small_heading(App *a, const char *id, const char *text, int y);

/* A paragraph, or a part of one, as lay_paragraph sets it. */
typedef struct {
    char id[48];
    const char *text;
    UiLook look;
} LayPart;

/* Splits text into parts no taller than room as lay_paragraph sets them
 * at width in look, each a run of whole words (one word at least): the
 * first with id, the next ID.2, ID.3 and on. Their words are copied into
 * buf (cap bytes, *used of them taken; advanced); the last part, or the
 * whole text when buf is full or max parts are reached, points into text.
 * Adds nothing. Returns the number of parts filled (1 or more for a text
 * not empty, at most max). */
int lay_split_paragraph(App *a, const char *id, const char *text, UiLook look, int width,
                        int room, LayPart *parts, int max, char *buf, size_t cap, size_t *used);

/* A LayItemFn over an array of LayPart (ctx): part i as a paragraph. */
int lay_part_item(App *a, const void *ctx, int i, int x, int y, int w, int bottom);

/* Marks the screen being built as not whole at this size (its first
 * widget unfit), so screens_build builds it a step smaller: for a screen
 * on pages one of whose other pages does not fit, so that every page is
 * built at the same size. Does nothing in the last, smallest build.
 * Cannot fail. */
void lay_not_whole(App *a);

/* Adds the items of page (from lay_split_pages' starts and pages) from
 * y down. */
void lay_show_page(App *a, LayItemFn item, const void *ctx, const int starts[], int pages,
                   int items, int page, int x, int y, int w, int bottom);

#endif
