/* day_end.h — when the day ends: the hub's closing time, the day whose end
 * is due, and running the store's close and tidy-up (store.h, "the day's
 * end") at most once a day, however the clock moves.
 *
 * The day D ends at the configured closing time (hub.closing_time, local
 * time). At a local time t on day D, the last day due is D when t is at or
 * after the closing time, else the day before D; a closing time of 00:00
 * is midnight, at the end of the day. Days are calendar days
 * (YYYY-MM-DD), never 24-hour steps, so a day of 23 or 25 hours (the
 * clocks changing) ends once; a device that was off at closing time closes
 * the day at its next start. */
#ifndef KIOSK_DAY_END_H
#define KIOSK_DAY_END_H

#include <stdbool.h>
#include <time.h>

#include "kiosk/error.h"
#include "kiosk/store.h"

/* The closing time when none is set: 18:00. */
#define DAY_END_DEFAULT_MIN (18 * 60)

/* Parses "HH:MM" (00:00 to 23:59, two digits each) into minutes after
 * midnight. False, *min unchanged, for anything else. */
bool day_end_parse_time(const char *s, int *min);

/* Writes the last local day whose end is due at t with closing time
 * closing_min (minutes after midnight) into out, as above. Cannot fail
 * (a time the C library cannot convert gives 1970-01-01). */
void day_end_due_day(time_t t, int closing_min, char out[11]);

/* Writes the calendar day before day (YYYY-MM-DD) into out. False for a
 * malformed day (out then ""). */
bool day_end_prev_day(const char *day, char out[11]);

/* Closes the due day for hub (store_day_close) when attendance of it or
 * an earlier day, or a record delivered by then, is still in the store
 * (store_day_pending): the day has not ended yet, or check-ins came after
 * its end. *closed (may be NULL) is true when a close ran. K_OK when
 * nothing was due; otherwise store_day_pending's or store_day_close's
 * error, with nothing changed. */
k_err day_end_run(Store *s, const char *hub, time_t now, int closing_min, bool *closed);

#endif
