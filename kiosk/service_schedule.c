/* service_schedule.c — an ORUK service's schedules: reading the recurrence
 * rules the profile uses (WEEKLY and MONTHLY, and DAILY, with byday
 * ordinals, bymonthday, interval from dtstart, until, count) and working out
 * whether the service is open now or when it next opens, in the hub's local
 * time (Europe/London) across the clock changes. */
#include "service_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/html_text.h"
#include "kiosk/strbuf.h"

#define LOOKAHEAD 62
#define MAX_INTERVAL 1000
#define MAX_COUNT_DAYS (366L * 20)

/* ---- calendar ------------------------------------------------------------ */

long service_days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void service_civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int weekday_of(long day)
{
    return (int)(((day + 4) % 7 + 7) % 7);    /* 1970-01-01 was a Thursday */
}

static int days_in_month(long y, int m)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return mdays[m - 1] + (m == 2 && leap);
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool service_parse_date(const char *s, long *days)
{
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
        !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
        return false;
    if (s[10] != '\0' && s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return false;
    long y = two_digits(s) * 100L + two_digits(s + 2);
    int m = two_digits(s + 5), d = two_digits(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *days = service_days_from_civil(y, m, d);
    return true;
}

/* Europe/London: UTC+1 from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October, UTC otherwise. t is seconds since
 * 1970 (UTC); returns the offset in seconds. */
static long london_offset(long long t)
{
    long day = (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
    long y;
    int m, d;
    service_civil_from_days(day, &y, &m, &d);
    long mar31 = service_days_from_civil(y, 3, 31), oct31 = service_days_from_civil(y, 10, 31);
    long long start = (long long)(mar31 - weekday_of(mar31)) * 86400 + 3600;
    long long end = (long long)(oct31 - weekday_of(oct31)) * 86400 + 3600;
    return t >= start && t < end ? 3600 : 0;
}

/* ---- reading ---------------------------------------------------------- */

static const char *const day_codes[] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };

static int day_code(const char *p)
{
    for (int d = 0; d < 7; d++)
        if (strncasecmp(p, day_codes[d], 2) == 0)
            return d;
    return -1;
}

/* The text of obj[key]: NULL when absent, null, "" or not a string. */
static const char *str_of(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    while (s && *s == ' ')
        s++;
    return s && *s ? s : NULL;
}

/* True when obj[key] holds something (not absent, null, "", [] or 0...
 * only absent, null and "" count as nothing). */
static bool has_value(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return false;
    if (json_is_string(v))
        return str_of(obj, key) != NULL;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return true;
}

/* obj[key] as a whole number (an integer, or a string of digits); def when
 * absent; false when something else. */
static bool int_of(const json_t *obj, const char *key, long def, long *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = def;
    if (!v || json_is_null(v))
        return true;
    if (json_is_integer(v)) {
        *out = (long)json_integer_value(v);
        return true;
    }
    const char *s = str_of(obj, key);
    if (json_is_string(v) && !s)
        return true;
    if (!s || strlen(s) > 9 || !all_digits(s, strlen(s)))
        return false;
    *out = atol(s);
    return true;
}

/* "MO,2TU,-1FR" (case-insensitive, blanks allowed). Ordinals only when
 * monthly. */
static bool parse_byday(const char *s, bool monthly, struct ServiceSchedule *out)
{
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        int sign = 1, n = 0;
        if (*p == '+' || *p == '-')
            sign = *p++ == '-' ? -1 : 1;
        while (*p >= '0' && *p <= '9' && n < 100)
            n = n * 10 + (*p++ - '0');
        int d = day_code(p);
        if (d < 0 || n > 5 || (n == 0 && sign < 0) || (n > 0 && !monthly))
            return false;
        p += 2;
        if (n == 0) {
            out->days |= 1u << d;
        } else {
            out->has_ord = true;
            if (sign > 0)
                out->ord_pos[n] |= (unsigned char)(1u << d);
            else
                out->ord_neg[n] |= (unsigned char)(1u << d);
        }
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return true;
        if (*p++ != ',')
            return false;
    }
}

/* "1,15,-1": days of the month. */
static bool parse_bymonthday(const char *s, struct ServiceSchedule *out)
{
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        int sign = 1, n = 0, digits = 0;
        if (*p == '+' || *p == '-')
            sign = *p++ == '-' ? -1 : 1;
        while (*p >= '0' && *p <= '9' && digits < 3) {
            n = n * 10 + (*p++ - '0');
            digits++;
        }
        if (n < 1 || n > 31)
            return false;
        if (sign > 0)
            out->mdays |= 1u << n;
        else
            out->mdays_neg |= 1u << n;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return true;
        if (*p++ != ',')
            return false;
    }
}

/* "HH:MM", "HH:MM:SS" (fractions allowed), then "Z", "+HH:MM", "+HHMM" or
 * "+HH", or nothing (local time). */
static bool parse_time(const char *s, int *secs, int *offset)
{
    size_t n = strlen(s);
    if (n < 5 || s[2] != ':' || !all_digits(s, 2) || !all_digits(s + 3, 2))
        return false;
    int h = two_digits(s), m = two_digits(s + 3), sec = 0;
    const char *p = s + 5;
    if (*p == ':') {
        if (!all_digits(p + 1, 2) || strlen(p) < 3)
            return false;
        sec = two_digits(p + 1);
        p += 3;
        if (*p == '.')
            for (p++; *p >= '0' && *p <= '9'; p++)
                ;
    }
    if (h > 23 || m > 59 || sec > 59)
        return false;
    *secs = h * 3600 + m * 60 + sec;
    *offset = SERVICE_NO_OFFSET;
    if (*p == '\0')
        return true;
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        *offset = 0;
        return true;
    }
    if (*p != '+' && *p != '-')
        return false;
    int sign = *p == '-' ? -1 : 1;
    p++;
    size_t k = strlen(p);
    int oh, om = 0;
    if (k == 2 && all_digits(p, 2))
        oh = two_digits(p);
    else if (k == 4 && all_digits(p, 4))
        oh = two_digits(p), om = two_digits(p + 2);
    else if (k == 5 && p[2] == ':' && all_digits(p, 2) && all_digits(p + 3, 2))
        oh = two_digits(p), om = two_digits(p + 3);
    else
        return false;
    if (oh > 18 || om > 59)
        return false;
    *offset = sign * (oh * 60 + om);
    return true;
}

static bool rule_holds(const struct ServiceSchedule *s, long day, bool bounded);

/* count: the day of the count-th occurrence from dtstart becomes the end. */
static bool apply_count(struct ServiceSchedule *s, long count)
{
    if (!s->has_start || count < 1)
        return false;
    long seen = 0;
    for (long day = s->start; day < s->start + MAX_COUNT_DAYS; day++)
        if (rule_holds(s, day, false) && ++seen == count) {
            if (!s->has_to || day < s->to)
                s->to = day;
            s->has_to = true;
            return true;
        }
    return true;    /* never reached within twenty years: no end that matters */
}

/* The rule's own fields written out, for a schedule with no words. */
static char *fields_written(const json_t *v)
{
    static const char *const keys[] = {
        "freq", "interval", "byday", "bymonthday", "byweekno", "byyearday", "dtstart",
        "until", "count", "opens_at", "closes_at", "valid_from", "valid_to",
    };
    StrBuf b = { NULL, 0, 0 };
    bool ok = strbuf_add(&b, "", 0);
    for (size_t k = 0; ok && k < sizeof keys / sizeof *keys; k++) {
        const json_t *f = json_object_get(v, keys[k]);
        char num[32];
        const char *val = str_of(v, keys[k]);
        if (!val && json_is_integer(f)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(f));
            val = num;
        }
        if (!val)
            continue;
        if (b.len > 0)
            ok = strbuf_add(&b, "; ", 2);
        ok = ok && strbuf_add(&b, keys[k], strlen(keys[k])) && strbuf_add(&b, " ", 1) &&
             strbuf_add(&b, val, strlen(val));
    }
    if (!ok) {
        free(b.p);
        return NULL;
    }
    char *plain = html_text_to_plain(b.p, b.len);
    free(b.p);
    return plain;
}

static char *words_of(const json_t *v, bool followed)
{
    const char *d = str_of(v, "description");
    if (!d && !followed)
        d = str_of(v, "notes");
    if (d) {
        char *plain = html_text_to_plain(d, strlen(d));
        if (!plain || *plain || followed)
            return plain;
        free(plain);
    }
    return followed ? strdup("") : fields_written(v);
}

/* Reads the rule; false when the kiosk cannot follow it. */
static bool read_rule(const json_t *v, struct ServiceSchedule *s)
{
    const char *t;
    long n;
    if ((t = str_of(v, "valid_from")) && !(s->has_from = service_parse_date(t, &s->from)))
        return false;
    if ((t = str_of(v, "valid_to")) && !(s->has_to = service_parse_date(t, &s->to)))
        return false;
    if ((t = str_of(v, "until"))) {
        long until;
        if (!service_parse_date(t, &until))
            return false;
        if (!s->has_to || until < s->to)
            s->to = until;
        s->has_to = true;
    }
    const char *freq = str_of(v, "freq");
    if (!freq)
        return false;
    if (strcasecmp(freq, "WEEKLY") == 0)
        s->freq = SCHED_WEEKLY;
    else if (strcasecmp(freq, "MONTHLY") == 0)
        s->freq = SCHED_MONTHLY;
    else if (strcasecmp(freq, "DAILY") == 0)
        s->freq = SCHED_DAILY;
    else
        return false;
    if (!int_of(v, "interval", 1, &n) || n < 1 || n > MAX_INTERVAL)
        return false;
    s->interval = (int)n;
    s->wkst = 1;
    if ((t = str_of(v, "wkst")) && ((s->wkst = day_code(t)) < 0 || t[2] != '\0'))
        return false;
    if ((t = str_of(v, "dtstart"))) {
        if (!service_parse_date(t, &s->start))
            return false;
        s->has_start = true;
    } else if (s->has_from) {
        s->has_start = true;
        s->start = s->from;
    }
    if ((t = str_of(v, "byday")) && !parse_byday(t, s->freq == SCHED_MONTHLY, s))
        return false;
    if ((t = str_of(v, "bymonthday")) &&
        (s->freq == SCHED_WEEKLY || !parse_bymonthday(t, s)))
        return false;
    /* Parts the kiosk does not follow. */
    if (has_value(v, "byweekno") || has_value(v, "byyearday") || has_value(v, "bymonth") ||
        has_value(v, "bysetpos"))
        return false;
    bool by_any = s->days || s->has_ord || s->mdays || s->mdays_neg;
    if ((s->interval > 1 || (!by_any && s->freq != SCHED_DAILY)) && !s->has_start)
        return false;

    const char *o = str_of(v, "opens_at"), *c = str_of(v, "closes_at");
    if (!o || !c || !parse_time(o, &s->opens, &s->opens_off) ||
        !parse_time(c, &s->closes, &s->closes_off))
        return false;
    int off_o = s->opens_off == SERVICE_NO_OFFSET ? 0 : s->opens_off;
    int off_c = s->closes_off == SERVICE_NO_OFFSET ? off_o : s->closes_off;
    if (s->closes - off_c * 60 <= s->opens - off_o * 60)
        return false;
    if (s->has_from && s->has_to && s->to < s->from)
        return false;
    if (!int_of(v, "count", 0, &n))
        return false;
    if (n != 0 && !apply_count(s, n))
        return false;
    return true;
}

void service_schedule_read(const json_t *v, struct ServiceSchedule *out, char **words)
{
    memset(out, 0, sizeof *out);
    out->interval = 1;
    out->followed = json_is_object(v) && read_rule(v, out);
    if (!json_is_object(v)) {
        *words = strdup("");
        return;
    }
    *words = words_of(v, out->followed);
}

/* ---- following ---------------------------------------------------------- */

/* True when the rule gives an occurrence on day (the date the times are
 * written in). bounded: also within valid_from .. valid_to / until. */
static bool rule_holds(const struct ServiceSchedule *s, long day, bool bounded)
{
    if (bounded && ((s->has_from && day < s->from) || (s->has_to && day > s->to)))
        return false;
    if (s->has_start && day < s->start)
        return false;
    int wd = weekday_of(day);
    long y;
    int m, d;
    service_civil_from_days(day, &y, &m, &d);
    int dim = days_in_month(y, m);
    bool by_days = s->days || s->has_ord;
    bool by_mdays = s->mdays || s->mdays_neg;

    switch (s->freq) {
    case SCHED_DAILY:
        if (s->interval > 1 && (day - s->start) % s->interval != 0)
            return false;
        break;
    case SCHED_WEEKLY: {
        unsigned days = s->days ? s->days : 1u << weekday_of(s->start);
        if (!(days & (1u << wd)))
            return false;
        if (s->interval > 1) {
            long week = day - (wd - s->wkst + 7) % 7;
            long first = s->start - (weekday_of(s->start) - s->wkst + 7) % 7;
            if (((week - first) / 7) % s->interval != 0)
                return false;
        }
        return true;
    }
    case SCHED_MONTHLY:
        if (s->interval > 1) {
            long sy;
            int sm, sd;
            service_civil_from_days(s->start, &sy, &sm, &sd);
            if (((y * 12 + m) - (sy * 12 + sm)) % s->interval != 0)
                return false;
        }
        if (!by_days && !by_mdays) {
            long sy;
            int sm, sd;
            service_civil_from_days(s->start, &sy, &sm, &sd);
            return d == sd;
        }
        break;
    }
    if (by_mdays && !((s->mdays >> d) & 1u) && !((s->mdays_neg >> (dim - d + 1)) & 1u))
        return false;
    if (by_days) {
        int nth = (d - 1) / 7 + 1, nth_last = (dim - d) / 7 + 1;
        bool any = (s->days >> wd) & 1u;
        bool ord = ((s->ord_pos[nth] >> wd) & 1u) || ((s->ord_neg[nth_last] >> wd) & 1u);
        if (!any && !ord)
            return false;
    }
    return true;
}

/* A time written on rule day `day` as local days and minutes. */
static void to_local(long day, int secs, int offset, long *lday, int *lmin, bool round_up)
{
    if (offset == SERVICE_NO_OFFSET) {
        *lday = day;
        *lmin = round_up ? (secs + 59) / 60 : secs / 60;
        return;
    }
    long long utc = (long long)day * 86400 + secs - offset * 60LL;
    long long local = utc + london_offset(utc);
    *lday = (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
    long long in_day = local - (long long)*lday * 86400;
    *lmin = (int)(round_up ? (in_day + 59) / 60 : in_day / 60);
}

typedef struct {
    bool any;
    int opens, closes;
} Occurrence;

/* The occurrence of schedule s on local day lday, if any. */
static Occurrence occurrence_on(const struct ServiceSchedule *s, long lday)
{
    Occurrence best = { false, 0, 0 };
    for (long day = lday - 1; day <= lday + 1; day++) {
        if (!rule_holds(s, day, true))
            continue;
        long od, cd;
        int om, cm;
        int coff = s->closes_off == SERVICE_NO_OFFSET ? s->opens_off : s->closes_off;
        to_local(day, s->opens, s->opens_off, &od, &om, false);
        to_local(day, s->closes, coff, &cd, &cm, true);
        if (od != lday)
            continue;
        if (cd > od)
            cm = 24 * 60;   /* runs past midnight: shown as closing at midnight */
        if (cm <= om)
            continue;
        if (!best.any || om < best.opens) {
            best.any = true;
            best.opens = om;
            best.closes = cm;
        }
    }
    return best;
}

ServiceWhen service_when(const Service *s, const struct tm *now)
{
    ServiceWhen w = { SERVICE_WHEN_UNKNOWN, 0, 0, 0, 0 };
    if (!s || !now || s->n_schedules == 0)
        return w;
    long today = service_days_from_civil(now->tm_year + 1900L, now->tm_mon + 1, now->tm_mday);
    int wday = weekday_of(today);
    int now_min = now->tm_hour * 60 + now->tm_min;

    /* Open now: the one that stays open longest. */
    for (size_t i = 0; i < s->n_schedules; i++) {
        const struct ServiceSchedule *sc = &s->schedules[i];
        if (!sc->followed)
            continue;
        Occurrence o = occurrence_on(sc, today);
        if (o.any && o.opens <= now_min && now_min < o.closes &&
            (w.kind != SERVICE_WHEN_OPEN_NOW || o.closes > w.closes_min)) {
            w = (ServiceWhen){ SERVICE_WHEN_OPEN_NOW, 0, wday, o.opens, o.closes };
        }
    }
    if (w.kind == SERVICE_WHEN_OPEN_NOW)
        return w;

    /* Next: the earliest opening after now. */
    for (int off = 0; off <= LOOKAHEAD && w.kind == SERVICE_WHEN_UNKNOWN; off++) {
        for (size_t i = 0; i < s->n_schedules; i++) {
            const struct ServiceSchedule *sc = &s->schedules[i];
            if (!sc->followed)
                continue;
            Occurrence o = occurrence_on(sc, today + off);
            if (!o.any || (off == 0 && o.opens <= now_min))
                continue;
            if (w.kind == SERVICE_WHEN_UNKNOWN || o.opens < w.opens_min)
                w = (ServiceWhen){ SERVICE_WHEN_NEXT, off, (wday + off) % 7, o.opens, o.closes };
        }
    }
    if (w.kind != SERVICE_WHEN_UNKNOWN)
        return w;

    /* Ended: every schedule, followed or not, ended before today. */
    bool ended = true;
    for (size_t i = 0; i < s->n_schedules && ended; i++)
        ended = s->schedules[i].has_to && s->schedules[i].to < today;
    if (ended)
        w.kind = SERVICE_WHEN_ENDED;
    return w;
}

size_t service_upcoming(const Service *s, const struct tm *now, int days, ServiceWhen *out,
                        size_t max)
{
    size_t n = 0;
    if (!s || !now || !out)
        return 0;
    if (days > LOOKAHEAD)
        days = LOOKAHEAD;
    long today = service_days_from_civil(now->tm_year + 1900L, now->tm_mon + 1, now->tm_mday);
    int wday = weekday_of(today);
    int now_min = now->tm_hour * 60 + now->tm_min;
    for (int off = 0; off < days && n < max; off++) {
        /* this day's openings, earliest first (a few schedules: insertion) */
        size_t first = n;
        for (size_t i = 0; i < s->n_schedules && n < max; i++) {
            const struct ServiceSchedule *sc = &s->schedules[i];
            if (!sc->followed)
                continue;
            Occurrence o = occurrence_on(sc, today + off);
            if (!o.any || (off == 0 && o.closes <= now_min))
                continue;
            ServiceWhenKind kind = off == 0 && o.opens <= now_min ? SERVICE_WHEN_OPEN_NOW
                                                                  : SERVICE_WHEN_NEXT;
            ServiceWhen w = { kind, off, (wday + off) % 7, o.opens, o.closes };
            size_t k = n++;
            while (k > first && (out[k - 1].opens_min > w.opens_min ||
                                 (out[k - 1].opens_min == w.opens_min &&
                                  out[k - 1].closes_min > w.closes_min))) {
                out[k] = out[k - 1];
                k--;
            }
            out[k] = w;
        }
    }
    return n;
}
