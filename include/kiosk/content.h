/* content.h — the hub's content pack: who the hub is, its drop-in
 * sessions, and the support directory (needs and services).
 *
 * A pack is one JSON file (docs/content-pack.md gives the full format):
 *   {
 *     "format": "family-hub-content/1",
 *     "version": "2026-11-20.1",
 *     "demo": true,                         -- shown as demo content
 *     "hub": { "id", "name", "description"?, "location": { ORUK location } },
 *     "sessions": [ ORUK service objects delivered at the hub's location,
 *                   each with "schedules": [{ "freq": "WEEKLY",
 *                   "byday": "MO,WE", "opens_at": "10:00",
 *                   "closes_at": "12:00", "valid_from"?, "valid_to"? }] ],
 *     "translations": { "<lang>": { "<id>": { "name": "...",
 *                        "description": "..." } } },
 *     "need_groups"?: [{ "id", "name", "icon" }],
 *     "needs"?: [{ "id", "name", "icon", "group", "sensitive"?,
 *                  "service_ids"?: [...], "taxonomy_ids"?: [...] }],
 *     "services"?: [ ORUK service objects, as from /services/{id} ]
 *   }
 * The pack is validated whole on load: any error refuses the pack and the
 * kiosk keeps the last good one. Only a service that fails its own checks
 * is left out alone (content_left_out), the rest loads. */
#ifndef KIOSK_CONTENT_H
#define KIOSK_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef struct ContentPack ContentPack;

/* The largest pack file the kiosk reads (docs/content-pack.md): a borough of
 * 5,000 services in seven languages is about 18 MiB. A larger file is refused
 * before it is read, as checking it whole would take over a gigabyte. */
#define CONTENT_PACK_MAX_BYTES (64u * 1024u * 1024u)

/* Loads and validates the pack at path. Returns NULL on failure with one
 * line in err (errlen bytes) naming the file, where (JSON line/column or the
 * JSON path such as sessions[3].schedules[0].opens_at) and what is wrong. */
ContentPack *content_load(const char *path, char *err, size_t errlen);

/* The same from a buffer; origin names it in messages. */
ContentPack *content_load_buffer(const char *json, size_t len, const char *origin,
                                 char *err, size_t errlen);

/* What content_load_callback reads with (jansson's json_load_callback_t):
 * up to cap bytes into buf; returns how many, 0 at the end, (size_t)-1 on
 * an error. */
typedef size_t (*ContentRead)(void *buf, size_t cap, void *ud);

/* The same from read, so that a large file is read without a copy of it
 * whole in memory; a failed read is refused as invalid JSON (jansson's
 * "read error"), and the caller that knows why may say so. */
ContentPack *content_load_callback(ContentRead read, void *ud, const char *origin, char *err,
                                   size_t errlen);

/* Frees the pack and every string it handed out; NULL is fine. */
void content_free(ContentPack *p);

/* The pack's version, the hub's id and its English name: never NULL or ""
 * for a loaded pack (they are required). */
const char *content_version(const ContentPack *p);
const char *content_hub_id(const ContentPack *p);
const char *content_hub_name(const ContentPack *p);
/* The hub's own description; "" when the pack has none. */
const char *content_hub_description(const ContentPack *p);
/* True when the pack says it is demo content ("demo": true). */
bool content_is_demo(const ContentPack *p);
/* Number of sessions in the pack, listed or not (status other than
 * "active" is kept but never listed). */
size_t content_session_count(const ContentPack *p);

/* One occurrence of a drop-in session on a given day. Strings point into
 * the pack and live as long as it does. */
typedef struct {
    const char *id;          /* the ORUK service id */
    const char *name;        /* English name */
    const char *description; /* may be "" */
    int day_offset;          /* 0 = today, 1 = tomorrow, ... */
    int weekday;             /* 0 = Sunday .. 6 = Saturday */
    int opens_min;           /* minutes since local midnight */
    int closes_min;
} SessionTime;

/* Lists sessions for the visitor at local time now:
 *   - those running now (opens <= now < closes) first, then those later
 *     today, each by opening time; returns how many (at most max);
 *   - when none is running or later today, writes the next occurrence
 *     within 14 days into *next (if not NULL) and returns 0; *next->id is
 *     NULL when there is none at all, and whenever something is listed today.
 * Only sessions with status "active" (or no status) are listed. Honours
 * valid_from / valid_to. now needs tm_year, tm_mon, tm_mday, tm_wday,
 * tm_hour and tm_min (local time). Never fails: a NULL p or now lists
 * nothing. */
int content_sessions_today(const ContentPack *p, const struct tm *now,
                           SessionTime *out, int max, SessionTime *next);

/* Finds a session by id; NULL when absent. */
const char *content_session_name(const ContentPack *p, const char *id);

/* Translated text of an object's field for language lang (a BCP 47 tag,
 * matched exactly then by primary subtag); fallback when none. */
const char *content_text(const ContentPack *p, const char *lang, const char *id,
                         const char *field, const char *fallback);

/* The directory's needs ("I am struggling financially"...), from the
 * pack's "needs" and "need_groups" (docs/content-pack.md). Strings point
 * into the pack. Names are English: translate with content_text(p, lang,
 * id, "name", name). */
typedef struct {
    const char *id;
    const char *name;
    const char *icon;     /* a Material Icons name, e.g. "savings"; "" when
                             the pack gives none (show a general icon) */
    const char *group;    /* the id of its need group; "" when in none (show
                             it beside the groups) */
    bool sensitive;       /* domestic abuse, abuse, exploitation: leaves no trace */
    const char *const *service_ids;  /* services it gathers by id */
    size_t n_service_ids;
    const char *const *taxonomy_ids; /* and by taxonomy term */
    size_t n_taxonomy_ids;
} ContentNeed;

typedef struct {
    const char *id;
    const char *name;
    const char *icon;     /* as a need's; "" when none */
} ContentNeedGroup;

/* Counts and items in pack order; 0 / NULL for a NULL pack or an index out
 * of range. */
size_t content_need_count(const ContentPack *p);
const ContentNeed *content_need(const ContentPack *p, size_t i);
size_t content_need_group_count(const ContentPack *p);
const ContentNeedGroup *content_need_group(const ContentPack *p, size_t i);
/* The need with this id; NULL when absent. */
const ContentNeed *content_need_by_id(const ContentPack *p, const char *id);
/* The need group with this id; NULL when absent. */
const ContentNeedGroup *content_need_group_by_id(const ContentPack *p, const char *id);

/* The directory's services (the pack's "services", ORUK service objects
 * read by service_parse, include/kiosk/service.h), in pack order, without
 * those left out. Names and descriptions are English: translate with
 * content_text(p, lang, s->id, "name" / "description", fallback). The
 * services live as long as the pack. 0 / NULL for a NULL pack, an index out
 * of range or an unknown id. */
struct Service;
size_t content_service_count(const ContentPack *p);
const struct Service *content_service(const ContentPack *p, size_t i);
const struct Service *content_service_by_id(const ContentPack *p, const char *id);

/* The services a need gathers, for its list: those named in its
 * service_ids, then every other with one of its taxonomy_ids, each once,
 * active ones only; those at this hub (content_hub_location_id) and open or
 * opening later today at local time now come first, then the rest at this
 * hub, then the others, each part in the need's own order. Writes at most
 * max into out and returns how many. Never fails: 0 for a NULL pack, need,
 * now or out. */
size_t content_need_services(const ContentPack *p, const ContentNeed *need,
                             const struct tm *now, const struct Service **out, size_t max);

/* The services left out because they failed their own checks, one message
 * each, "services[3].name: is missing" (a JSON path, then the problem; no
 * file name), for staff. 0 / NULL for a NULL pack or an index out of
 * range. */
size_t content_left_out_count(const ContentPack *p);
const char *content_left_out(const ContentPack *p, size_t i);

/* The language tags the pack has translations for ("pl", "ta"...), in pack
 * order, as written. 0 / NULL for a NULL pack or an index out of range. */
size_t content_language_count(const ContentPack *p);
const char *content_language(const ContentPack *p, size_t i);

/* The id of the hub's own location (hub.location.id): a service whose
 * location_ids hold it is delivered at this hub. "" when the pack names
 * none. */
const char *content_hub_location_id(const ContentPack *p);

#endif
