/* service.h — one support service of the directory, read from an Open
 * Referral UK (HSDS 3.0 UK profile) service object exactly as an ORUK API
 * returns it from /services/{id}, reduced to what the kiosk shows.
 *
 * Real feeds are forgiving in ways the parser must be too: descriptions are
 * HTML with newlines and run past 2,000 characters, absent fields arrive as
 * "", unknown fields appear. HTML becomes plain text, paragraphs are joined
 * with "\n\n", "" counts as absent, unknown fields are ignored. A service
 * that fails its own checks (no id, no name, a text that is not UTF-8...)
 * is refused with the JSON path and the problem. */
#ifndef KIOSK_SERVICE_H
#define KIOSK_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <jansson.h>

/* When a service runs, as far as the kiosk can follow its schedules. */
typedef enum {
    SERVICE_WHEN_UNKNOWN = 0, /* no schedule, or none the kiosk can follow */
    SERVICE_WHEN_OPEN_NOW,    /* open now, until closes_min today */
    SERVICE_WHEN_NEXT,        /* next opens on day_offset at opens_min */
    SERVICE_WHEN_ENDED,       /* every schedule has ended (valid_to passed) */
} ServiceWhenKind;

typedef struct {
    ServiceWhenKind kind;
    int day_offset; /* 0 = today, 1 = tomorrow... (SERVICE_WHEN_NEXT) */
    int weekday;    /* 0 = Sunday .. 6 = Saturday, of that day */
    int opens_min;  /* minutes since local midnight */
    int closes_min;
} ServiceWhen;

typedef struct Service {
    char *id;
    char *name;
    char *organization;  /* the organisation's name; "" when none */
    char *description;   /* plain text, paragraphs joined by "\n\n"; "" when none */
    char *url;           /* the service's web page; "" when none */
    char *email;         /* "" when none */
    char *phone;         /* the first phone number as written; "" when none */
    char *address;       /* one line: "address_1, address_2, city, postal_code"
                            (those given) of the first location; "" when none */
    char *postcode;      /* "" when none */
    char *location_name; /* the first location's name; "" when none */
    char **location_ids; /* ids of the locations it is delivered at, in
                            service_at_locations order (for "at this hub") */
    size_t n_location_ids;
    char *fees;          /* what it costs, as written; "" when not stated */
    bool free_of_charge; /* true when the feed says it is free */
    int min_age, max_age;   /* years; -1 when not stated */
    char **languages;       /* BCP 47 / ISO 639 codes as given */
    size_t n_languages;
    char **taxonomy_ids;    /* ids of its taxonomy terms (for needs) */
    size_t n_taxonomy_ids;
    char *last_checked;  /* "YYYY-MM-DD" from assured_date or last_modified; "" */
    char *schedule_text; /* plain words for the schedules the kiosk cannot
                            follow (their own description); "" when none */
    char *schedule_notes; /* the descriptions of the schedules it does follow
                             ("Not in the school holidays"); "" when none */
    bool active;         /* status "active" or none; others are not listed */
    char *alert;         /* the feed's notice (plain text); "" when none */
    char *eligibility;   /* eligibility_description (plain text); "" when none */
    struct ServiceSchedule *schedules; /* opaque to screens: use service_when */
    size_t n_schedules;
} Service;

/* Reads one ORUK service object. path names it in messages (for example
 * "services[12]"). Returns NULL when the service fails its checks, with one
 * line in err such as "services[12].name: is missing". Never aborts on any
 * JSON input. */
Service *service_parse(const json_t *obj, const char *path, char *err, size_t errlen);

/* Frees every string; NULL is fine. */
void service_free(Service *s);

/* The service's openings from local time now on, day by day for `days`
 * days (at most 62): first the one open now (SERVICE_WHEN_OPEN_NOW), then
 * each later opening (SERVICE_WHEN_NEXT, with its day_offset and weekday),
 * in time order, at most max of them into out. Returns how many were
 * written. For a service page's "this week" list. Never fails: 0 for a
 * NULL service, now or out, or a service whose schedules the kiosk cannot
 * follow (show schedule_text instead). */
size_t service_upcoming(const Service *s, const struct tm *now, int days, ServiceWhen *out,
                        size_t max);

/* When the service is next open at local time now (tm_year, tm_mon,
 * tm_mday, tm_wday, tm_hour, tm_min, tm_isdst), looking up to 62 days
 * ahead. Never fails: unknown when it cannot tell. */
ServiceWhen service_when(const Service *s, const struct tm *now);

#endif
