/* day_end.c — when the day ends (day_end.h): the closing time, the due
 * day in calendar days, and the store's close when it is due. */
#include "kiosk/day_end.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/log.h"
#include "kiosk/parse.h"

#define MOD "day-end"

bool day_end_parse_time(const char *s, int *min)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return false;
    char hh[3] = { s[0], s[1], 0 }, mm[3] = { s[3], s[4], 0 };
    int h, m;
    if (hh[0] < '0' || hh[0] > '9' || mm[0] < '0' || mm[0] > '9' ||
        parse_int(hh, 0, 23, &h) != K_OK || parse_int(mm, 0, 59, &m) != K_OK)
        return false;
    *min = h * 60 + m;
    return true;
}

bool day_end_prev_day(const char *day, char out[11])
{
    out[0] = '\0';
    int y, m, d;
    char ys[5], ms[3], ds[3];
    if (!day || strlen(day) != 10 || day[4] != '-' || day[7] != '-')
        return false;
    memcpy(ys, day, 4);
    ys[4] = '\0';
    memcpy(ms, day + 5, 2);
    ms[2] = '\0';
    memcpy(ds, day + 8, 2);
    ds[2] = '\0';
    if (parse_int(ys, 1970, 9999, &y) != K_OK || parse_int(ms, 1, 12, &m) != K_OK ||
        parse_int(ds, 1, 31, &d) != K_OK)
        return false;
    /* calendar arithmetic in UTC, where every day has 24 hours */
    struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d - 1, .tm_hour = 12 };
    time_t t = timegm(&tm);
    struct tm back;
    if (t == (time_t)-1 || !gmtime_r(&t, &back))
        return false;
    strftime(out, 11, "%Y-%m-%d", &back);
    return true;
}

void day_end_due_day(time_t t, int closing_min, char out[11])
{
    struct tm tm;
    char today[11];
    if (!clock_local(t, &tm)) {
        snprintf(out, 11, "1970-01-01");
        return;
    }
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    /* 00:00 is midnight: each day ends as the next begins */
    if (closing_min > 0 && tm.tm_hour * 60 + tm.tm_min >= closing_min) {
        memcpy(out, today, 11);
        return;
    }
    if (!day_end_prev_day(today, out))
        snprintf(out, 11, "1970-01-01");
}

k_err day_end_run(Store *s, const char *hub, time_t now, int closing_min, bool *closed)
{
    if (closed)
        *closed = false;
    char due[11];
    day_end_due_day(now, closing_min, due);
    /* nothing of the due day or before is left: it has ended (or nothing
     * happened), and there is no transaction to make */
    bool pending = false;
    k_err e = store_day_pending(s, due, &pending);
    if (e != K_OK || !pending)
        return e;
    int rows = 0;
    e = store_day_close(s, hub, due, &rows);
    if (e != K_OK) {
        LOG_W(MOD, "the end of %s could not be recorded: %s (tried again later)", due,
              k_strerror(e));
        return e;
    }
    LOG_I(MOD, "day %s closed: %d check-in%s counted, names and delivered records deleted",
          due, rows, rows == 1 ? "" : "s");
    if (closed)
        *closed = true;
    return K_OK;
}
