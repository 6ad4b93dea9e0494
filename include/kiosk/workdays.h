/* workdays.h — working days in England and Wales: Monday to Friday, less
 * the bank holidays. An advocate request whose meeting is within two
 * working days is urgent (docs/requests.md).
 *
 * The bank holidays of 2026 to 2028 are built in; a content pack may add
 * more ("bank_holidays": ["2029-01-01", ...], content_requests.h), for the
 * years after or a day the government adds. Dates are "YYYY-MM-DD", local
 * days. Nothing here does I/O or fails but as each function says. */
#ifndef KIOSK_WORKDAYS_H
#define KIOSK_WORKDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include "kiosk/error.h"

#define WORKDAYS_EXTRA_MAX 64
#define WORKDAYS_URGENT_DAYS 2

/* The built-in bank holidays and the days a pack added. */
typedef struct {
    long extra[WORKDAYS_EXTRA_MAX];   /* days since 1970-01-01 */
    size_t n_extra;
} WorkCalendar;

/* A calendar of the built-in bank holidays only. */
void workdays_init(WorkCalendar *c);

/* Adds a bank holiday. K_ERR_INVALID when ymd is not a real YYYY-MM-DD
 * date, K_ERR_FULL when WORKDAYS_EXTRA_MAX days were added already (c is
 * then unchanged); a day already known is K_OK. */
k_err workdays_add(WorkCalendar *c, const char *ymd);

/* Days since 1970-01-01 of a real "YYYY-MM-DD" date into *day; false (and
 * *day untouched) for anything else. */
bool workdays_parse(const char *ymd, long *day);

/* True when day (since 1970-01-01) is a bank holiday: built in or added. */
bool workdays_bank_holiday(const WorkCalendar *c, long day);

/* True when day is a working day: a weekday and not a bank holiday. */
bool workdays_working(const WorkCalendar *c, long day);

/* Working days after from up to and including to (0 when to <= from): from
 * a Friday to the Tuesday after is 2. */
int workdays_between(const WorkCalendar *c, long from, long to);

/* True when a meeting on day meeting, seen on day today, is urgent: not
 * before today and no later than the WORKDAYS_URGENT_DAYS-th working day
 * after it (a meeting on Saturday seen on Thursday is urgent; seen on
 * Friday a Tuesday meeting is, a Wednesday one is not). */
bool workdays_urgent(const WorkCalendar *c, long today, long meeting);

#endif
