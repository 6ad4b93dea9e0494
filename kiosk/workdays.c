/* workdays.c — working days and the bank holidays of England and Wales
 * (see include/kiosk/workdays.h). */
#include "kiosk/workdays.h"

#include <string.h>

#include "kiosk/record.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The bank holidays of England and Wales, as announced (substitute days
 * included: 28 December 2026, 27 and 28 December 2027, 3 January 2028). */
static const char *const built_in[] = {
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
    "2026-12-25", "2026-12-28",
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
    "2027-12-27", "2027-12-28",
    "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
    "2028-12-25", "2028-12-26",
};

bool workdays_parse(const char *ymd, long *day)
{
    if (!ymd || strlen(ymd) != 10 || !record_date_ok(ymd))
        return false;
    long y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
    int m = (ymd[5] - '0') * 10 + (ymd[6] - '0');
    int d = (ymd[8] - '0') * 10 + (ymd[9] - '0');
    *day = days_from_civil(y, m, d);
    return true;
}

void workdays_init(WorkCalendar *c)
{
    memset(c, 0, sizeof *c);
}

k_err workdays_add(WorkCalendar *c, const char *ymd)
{
    long day;
    if (!workdays_parse(ymd, &day))
        return K_ERR_INVALID;
    if (workdays_bank_holiday(c, day))
        return K_OK;
    if (c->n_extra >= WORKDAYS_EXTRA_MAX)
        return K_ERR_FULL;
    c->extra[c->n_extra++] = day;
    return K_OK;
}

bool workdays_bank_holiday(const WorkCalendar *c, long day)
{
    for (size_t i = 0; i < sizeof built_in / sizeof *built_in; i++) {
        long b;
        if (workdays_parse(built_in[i], &b) && b == day)
            return true;
    }
    for (size_t i = 0; c && i < c->n_extra; i++)
        if (c->extra[i] == day)
            return true;
    return false;
}

bool workdays_working(const WorkCalendar *c, long day)
{
    long wd = (day % 7 + 7 + 4) % 7;   /* 1970-01-01 was a Thursday; 0 = Sunday */
    return wd != 0 && wd != 6 && !workdays_bank_holiday(c, day);
}

int workdays_between(const WorkCalendar *c, long from, long to)
{
    int n = 0;
    for (long d = from + 1; d <= to && n <= 366; d++)
        n += workdays_working(c, d);
    return n;
}

bool workdays_urgent(const WorkCalendar *c, long today, long meeting)
{
    if (meeting < today)
        return false;
    /* the working days before the meeting's day, after today */
    return workdays_between(c, today, meeting - 1) < WORKDAYS_URGENT_DAYS;
}
