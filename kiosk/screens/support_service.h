/* support_service.h — what the service's page (support_service.c) and
 * its facts on pages (support_service_pages.c) share: the facts as
 * blocks of text, and how one is measured and set. Private to those two
 * files. */
#ifndef KIOSK_SCREENS_SUPPORT_SERVICE_H
#define KIOSK_SCREENS_SUPPORT_SERVICE_H

#include "support.h"

#define PIECE_MAX 1000   /* bytes of one paragraph piece: a widget holds 1023 */
#define MAX_BLOCKS 40

typedef struct {
    char id[32];
    const char *icon;     /* NULL for a paragraph of the description */
    const char *text;
    const char *lang;     /* NULL = the visitor's */
} Block;

typedef struct {
    Block b[MAX_BLOCKS];
    int n;
    char who[200], when[600], cost[400], langs[300], checked[200], web[300];
} Facts;

/* Height of the first len bytes of text at the body size in a box width
 * wide, as ui_add draws it: a text in a language of its own (lang, NULL
 * for the visitor's) in that language's script size. Cannot fail. */
/* How much of t (len bytes) one piece of a paragraph takes: all of it up
 * to PIECE_MAX bytes, else up to the last space before PIECE_MAX, else up
 * to a character's start. Cannot fail. */
size_t sup_svc_piece_len(const char *t, size_t len);
int sup_svc_piece_h(App *a, const char *text, size_t len, int width, const char *lang);

/* The longest prefix of text[0..len) ending before a space whose height
 * is at most room; 0 when not even one word fits. */
size_t sup_svc_prefix_fitting(App *a, const char *text, size_t len, int width, int room,
                              const char *lang);

/* How a fact's words are aligned in their box (beside its icon). */
TextAlign sup_svc_own_align(const Ui *ui, const Block *b);

/* The service's name as the heading at x, w wide: at the heading's size,
 * or the body's when small. Returns the y below it. */
int sup_svc_title_at(App *a, const Service *v, bool small, int x, int y, int w);

/* "Some of this is in English" at x, w wide, when the service is not
 * wholly translated and the visitor's language is not English. Returns
 * the y below it (y when there is no note). */
int sup_svc_english_note(App *a, int x, int y, int w);

/* The heading, the facts and the description of f on pages under top,
 * one column between Previous and More as arrows at the screen's two
 * ends, with Take this home and Start again under them; the page shown
 * is a->v.sup_text_page (clamped). Returns how many pages. Adds what
 * does not fit as it is (ui_add marks it), for screens_build to see. */
int sup_svc_paged(App *a, const Service *v, const Facts *f, int top);

#endif
