/* content_private.h — the decoded content pack, shared by content.c (import
 * and validation) and content_query.c (the queries the screens make). Not
 * part of the library's interface. */
#ifndef KIOSK_CONTENT_PRIVATE_H
#define KIOSK_CONTENT_PRIVATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/content.h"

#define LOOKAHEAD_DAYS 14

typedef struct {
    unsigned days;      /* bit d set: runs on weekday d (0 = Sunday) */
    int opens, closes;  /* minutes since local midnight (closes rounded up) */
    bool has_from, has_to;
    long from, to;      /* days since 1970-01-01, inclusive */
} Schedule;

typedef struct {
    const char *id, *name, *description;
    bool active;
    Schedule *sched;
    size_t nsched;
} Session;

struct ContentPack {
    json_t *root;
    const char *version, *hub_id, *hub_name, *hub_description;
    bool demo;
    Session *sessions;
    size_t nsessions;
    json_t *translations; /* borrowed from root; NULL when absent */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
long content_days_from_civil(long y, int m, int d);

#endif
