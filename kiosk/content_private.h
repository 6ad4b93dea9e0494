/* content_private.h — the decoded content pack, shared by content.c (import
 * and validation) and content_query.c (the queries the screens make). Not
 * part of the library's interface. */
#ifndef KIOSK_CONTENT_PRIVATE_H
#define KIOSK_CONTENT_PRIVATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "kiosk/content.h"
#include "kiosk/service.h"

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
    const char *hub_location_id; /* "" when the hub has no location id */
    bool demo;
    Session *sessions;
    size_t nsessions;
    json_t *translations; /* borrowed from root; NULL when absent */
    const char **languages; /* the keys of translations, in pack order */
    size_t nlanguages;
    /* The support directory (content_directory.c). */
    ContentNeed *needs;
    size_t nneeds;
    ContentNeedGroup *groups;
    size_t ngroups;
    Service **services;     /* those that passed their checks, pack order */
    size_t nservices;
    char **left_out;        /* "services[3].name: is missing", one a service */
    size_t nleft_out;
};

/* Where messages go while a pack is read. */
typedef struct {
    const char *origin;
    char *err;
    size_t errlen;
} CpCtx;

/* Writes "origin: at: message" into the caller's buffer. Always false, so a
 * check can end with `return cp_fail(...)`. */
bool cp_fail(CpCtx *c, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* s quoted for a message (at most 40 bytes, "..." when unfit to show). */
const char *cp_shown(const char *s, char buf[48]);
const char *cp_type_name(const json_t *v);
/* buf = at.key (or key when at is empty) / buf = at[i]. */
void cp_join_key(char *buf, size_t n, const char *at, const char *key);
void cp_join_index(char *buf, size_t n, const char *at, size_t i);
/* v as non-empty clean text of at most max_cp code points into *out. */
bool cp_check_text(CpCtx *c, const json_t *v, const char *at, size_t max_cp, const char **out);
/* obj[key] as text (absent or null optional: "") / as an array (absent or
 * null optional: NULL). */
bool cp_get_text(CpCtx *c, const json_t *obj, const char *key, const char *at, bool required,
                 size_t max_cp, const char **out);
bool cp_get_array(CpCtx *c, const json_t *obj, const char *key, const char *at, bool required,
                  const json_t **out);

/* Reads need_groups, needs and services into p (content_directory.c).
 * False, with the message, when the pack must be refused; a service that
 * fails its own checks is left out instead. */
bool content_read_directory(CpCtx *c, ContentPack *p);
/* Frees what content_read_directory made. */
void content_free_directory(ContentPack *p);

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
long content_days_from_civil(long y, int m, int d);

#endif
