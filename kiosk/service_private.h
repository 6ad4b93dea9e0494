/* service_private.h — the decoded schedules of a service, shared by
 * service.c (reading a service object) and service_schedule.c (reading its
 * schedules and working out when it is open). Not part of the library's
 * interface. */
#ifndef KIOSK_SERVICE_PRIVATE_H
#define KIOSK_SERVICE_PRIVATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk/service.h"

#define SERVICE_NO_OFFSET (-100000) /* a time written without Z or an offset */

typedef enum { SCHED_DAILY, SCHED_WEEKLY, SCHED_MONTHLY } SchedFreq;

struct ServiceSchedule {
    bool followed;        /* false: only its words reach the visitor */
    SchedFreq freq;
    int interval;         /* >= 1 */
    int wkst;             /* 0 = Sunday .. 6; the week's first day */
    bool has_start;       /* dtstart (or valid_from): the anchor of interval */
    long start;           /* days since 1970-01-01 */
    unsigned days;        /* weekdays without an ordinal, bit 0 = Sunday */
    unsigned char ord_pos[6], ord_neg[6]; /* [n]: weekdays on the nth / nth-last */
    bool has_ord;
    uint32_t mdays, mdays_neg;  /* bit k: day k / the kth-last day of the month */
    int opens, closes;          /* seconds since midnight, as written */
    int opens_off, closes_off;  /* minutes east of UTC, or SERVICE_NO_OFFSET */
    bool has_from, has_to;
    long from, to;              /* days, inclusive (valid_*, until, count) */
};

/* Reads one ORUK schedule object into *out (never fails: what cannot be
 * followed leaves out->followed false). *words gets a new string: the
 * schedule's own description (or notes, or its fields written out) when it
 * cannot be followed, else its description or "" (NULL when out of
 * memory). */
void service_schedule_read(const json_t *v, struct ServiceSchedule *out, char **words);

/* Days since 1970-01-01 of a Gregorian date, and back. */
long service_days_from_civil(long y, int m, int d);
void service_civil_from_days(long z, long *y, int *m, int *d);

/* "YYYY-MM-DD" at the start of s (a date-time may follow after 'T' or a
 * blank) as days; false when s does not start with a real date. */
bool service_parse_date(const char *s, long *days);

#endif
