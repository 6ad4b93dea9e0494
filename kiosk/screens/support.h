/* support.h — what the find-support screens (support*.c) share: the
 * directory and what was read for the screen shown (struct Support, in
 * a->sup), the need tiles and their icons, the bottom row, the words for
 * "open now" and "next on". Private to kiosk/screens/support*.c.
 *
 * Where the visitor is (the group, need and service ids, the pages) lives
 * in the Visitor (a->v.sup_*, a->v.search), so every wipe takes it; what
 * was read for it lives in a->sup, freed (zeroed first) by support_wipe. */
#ifndef KIOSK_SCREENS_SUPPORT_H
#define KIOSK_SCREENS_SUPPORT_H

#include "layout.h"

#include "kiosk/directory.h"
#include "kiosk/service.h"

#define SUP_MAX_ITEMS 48      /* services of a need, results of a search */
#define SUP_CARD_BYTES 420    /* a contact card small enough for large modules */
#define SUP_BOROUGH_URL SUPPORT_URL

typedef struct Support {
    Directory *dir;          /* the visit's own, opened on entering Find support */
    Service *svc;            /* the service shown (support-service, support-take) */
    bool svc_translated;     /* every text of svc is in the visitor's language */
    ServiceWhen svc_when;    /* when svc is open next, as read on entering */
    char week[400];          /* its opening times over the coming week, in words */
    char week_short[300];    /* the same with times as "10:00-12:00" (the card) */
    DirItem items[SUP_MAX_ITEMS];   /* a need's services, or search results */
    ServiceWhen when[SUP_MAX_ITEMS];
    int n;
    char card[1024];         /* the contact card of svc (vCard 3.0) */
    bool take_web;           /* support-take shows one code at a time: the web one */
} Support;

/* a->sup, allocated the first time; NULL when out of memory. */
Support *sup_state(App *a);

/* The directory, on a connection of the visit's own (opened from the
 * data directory the first time after a wipe, closed by the wipe, so its
 * page cache goes too); NULL when it cannot be opened (logged). */
Directory *sup_dir(App *a);

/* Frees the service shown, its strings zeroed first. */
void sup_drop_service(Support *s);

/* The local time now; false when the clock cannot say. */
bool sup_now(struct tm *tm);

/* Names in the visitor's language (English when not translated; *en set
 * true then, when en is not NULL). */
const char *sup_need_name(App *a, const ContentNeed *n, bool *en);
const char *sup_group_name(App *a, const ContentNeedGroup *g, bool *en);

/* True when the need with this id, or any need that gathers the service
 * (by id or by one of its taxonomy terms), is sensitive. */
bool sup_need_sensitive(App *a, const char *need_id);
bool sup_service_sensitive(App *a, const Service *s);

/* The icon's UTF-8 (at most 4 bytes and the NUL) into out. */
void sup_icon_utf8(const char *name, char out[5]);

/* The icon font's code point for a Material Icons name ("savings"); the
 * support icon for a name the table does not know. */
uint32_t sup_icon_cp(const char *name);
/* Every name the table knows, for the tests: the i-th, NULL past the end. */
const char *sup_icon_name(size_t i);

/* A tile: a button (its text empty, the label drawn over it), a large
 * icon and the label; above (icon over words) or beside. The label and
 * the icon are personal (never cached) when personal is true or the
 * screen shows a sensitive need. */
void sup_tile(App *a, const char *id, const char *icon, const char *label, const char *lang,
              SDL_Rect r, bool above, bool personal);

/* The least height, least at the least, of a tile with the icon beside
 * the words w wide (sup_tile) where its words fit at the button size;
 * most + 1 when even most is too short. Adds nothing. */
int sup_tile_h(App *a, const char *icon, const char *label, const char *lang, int w, int least,
               int most, bool personal);

/* "Open now, until 16:00", "Next open Tuesday, 10:00 to 12:00" or ""
 * (unknown, ended), in the visitor's language. */
void sup_when_text(App *a, const ServiceWhen *w, char *out, size_t cap);

/* Reads the service a->v.sup_service into s->svc (with when it is open
 * and its week in words) unless it is there already; false when it
 * cannot be read. Marks the visit sensitive when the service is. */
bool sup_load_service(App *a);

/* The opening times of s over the seven days from now, the days with the
 * same hours together ("Monday, Wednesday 10:00 to 12:00; Thursday 13:00
 * to 15:00"; compact: "10:00-12:00"), in the visitor's language; "" when
 * it has none the kiosk can follow. */
void sup_week_text(App *a, const Service *s, const struct tm *now, bool compact, char *out,
                   size_t cap);

/* The bottom row: Start again at the start (support.home), and when
 * pages > 1 Previous and More (IDBASE.prev, IDBASE.more), words or only
 * arrows as the room allows; the room the end keeps free (a primary
 * button's width, 0 for none: when Start again's words do not fit beside
 * the primary it goes up a row; minus the width of a column of the screen
 * the row must not cross: then never). Returns the y above the row. */
int sup_bottom_row(App *a, const char *idbase, int page, int pages, int end_room);

/* The y above the bottom row sup_bottom_row would lay out (with a pager
 * when paged), for a screen that lays out what goes above it first. */
int sup_bottom_top(App *a, bool paged, int end_room);

/* Handles support.home and the pager taps of idbase on *page. */
bool sup_bottom_tap(App *a, const char *idbase, const char *id, int *page);

/* Height text needs in a box width wide (ui_add keeps two pixels to
 * spare, so it is measured two narrower). */
int sup_text_h(App *a, const char *text, int px, TextWeight weight, int width, bool personal);

/* Width a button needs for its words and an icon at the button size. */
int sup_words_w(App *a, const char *text);

/* A web address as it is typed: without "https://" and "www.". */
const char *sup_shown_url(const char *url);

/* Width of the primary button at the bottom end (lay_next_button's). */
int sup_primary_w(const App *a);

#endif
