/* test_service_schedule.c — when a directory service is open (service_when
 * in service.h): weekly and monthly rules, byday ordinals, bymonthday,
 * interval from dtstart, until and count, times in UTC or with an offset
 * across both clock changes, valid_from / valid_to, schedules under
 * service_at_locations, and what cannot be followed shown in words. Run
 * from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "kiosk/log.h"
#include "kiosk/service.h"

/* Local time y-m-d h:m with tm_wday filled in from the calendar. */
static struct tm at(int y, int mon, int d, int h, int min)
{
    struct tm t = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = 12 };
    time_t noon = timegm(&t);
    gmtime_r(&noon, &t);
    t.tm_hour = h;
    t.tm_min = min;
    return t;
}

/* A service with the given schedules (JSON array items). */
static Service *with(const char *schedules)
{
    char json[2048], err[256];
    snprintf(json, sizeof json, "{\"id\":\"s\",\"name\":\"S\",\"schedules\":[%s]}", schedules);
    json_error_t je;
    json_t *j = json_loads(json, 0, &je);
    if (!j)
        print_error("bad test JSON: %s\n%s\n", je.text, json);
    assert_non_null(j);
    Service *s = service_parse(j, "services[0]", err, sizeof err);
    if (!s)
        print_error("%s\n", err);
    json_decref(j);
    assert_non_null(s);
    return s;
}

#define HM(h, m) ((h) * 60 + (m))

/* Checks service_when at a local time: kind, then for NEXT the day offset
 * and times, for OPEN_NOW the closing time. */
static void expect(const Service *s, struct tm now, ServiceWhenKind kind, int day_offset,
                   int opens, int closes, int line)
{
    ServiceWhen w = service_when(s, &now);
    bool ok = w.kind == kind;
    if (ok && kind == SERVICE_WHEN_NEXT)
        ok = w.day_offset == day_offset && w.opens_min == opens && w.closes_min == closes &&
             w.weekday == (now.tm_wday + day_offset) % 7;
    if (ok && kind == SERVICE_WHEN_OPEN_NOW)
        ok = w.closes_min == closes && w.opens_min == opens && w.day_offset == 0;
    if (!ok) {
        print_error("line %d: %04d-%02d-%02d %02d:%02d: got kind %d +%d %d-%d\n"
                    "  wanted kind %d +%d %d-%d\n", line, now.tm_year + 1900, now.tm_mon + 1,
                    now.tm_mday, now.tm_hour, now.tm_min, w.kind, w.day_offset, w.opens_min,
                    w.closes_min, kind, day_offset, opens, closes);
        fail();
    }
}
#define OPEN(s, now, o, c) expect(s, now, SERVICE_WHEN_OPEN_NOW, 0, o, c, __LINE__)
#define NEXT(s, now, d, o, c) expect(s, now, SERVICE_WHEN_NEXT, d, o, c, __LINE__)
#define ENDED(s, now) expect(s, now, SERVICE_WHEN_ENDED, 0, 0, 0, __LINE__)
#define UNKNOWN(s, now) expect(s, now, SERVICE_WHEN_UNKNOWN, 0, 0, 0, __LINE__)

static void test_weekly_across_days_and_weeks(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO,WE\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"12:00\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"WE\",\"opens_at\":\"11:30:00\","
                      "\"closes_at\":\"13:00:00\"}");
    NEXT(s, at(2026, 11, 23, 9, 0), 0, HM(10, 0), HM(12, 0));     /* Monday, before */
    OPEN(s, at(2026, 11, 23, 10, 0), HM(10, 0), HM(12, 0));
    OPEN(s, at(2026, 11, 23, 11, 59), HM(10, 0), HM(12, 0));
    NEXT(s, at(2026, 11, 23, 12, 0), 2, HM(10, 0), HM(12, 0));    /* Wednesday */
    OPEN(s, at(2026, 11, 25, 11, 45), HM(11, 30), HM(13, 0));     /* the longer one */
    NEXT(s, at(2026, 11, 25, 13, 0), 5, HM(10, 0), HM(12, 0));    /* next Monday */
    NEXT(s, at(2026, 11, 29, 23, 59), 1, HM(10, 0), HM(12, 0));   /* Sunday night */
    service_free(s);
}

static void test_interval_from_dtstart(void **state)
{
    (void)state;
    /* every other Tuesday from the week of Monday 23 November 2026 */
    Service *s = with("{\"freq\":\"WEEKLY\",\"interval\":2,\"dtstart\":\"2026-11-23\","
                      "\"byday\":\"TU\",\"opens_at\":\"18:00\",\"closes_at\":\"19:30\"}");
    NEXT(s, at(2026, 11, 20, 12, 0), 4, HM(18, 0), HM(19, 30));  /* first: Tue 24 */
    NEXT(s, at(2026, 11, 25, 12, 0), 13, HM(18, 0), HM(19, 30)); /* not Dec 1: Dec 8 */
    OPEN(s, at(2026, 12, 8, 18, 30), HM(18, 0), HM(19, 30));
    service_free(s);
    /* interval without dtstart or valid_from cannot be followed */
    s = with("{\"freq\":\"WEEKLY\",\"interval\":2,\"byday\":\"TU\",\"opens_at\":\"18:00\","
             "\"closes_at\":\"19:00\",\"description\":\"Every other Tuesday evening\"}");
    UNKNOWN(s, at(2026, 11, 24, 18, 30));
    assert_string_equal(s->schedule_text, "Every other Tuesday evening");
    service_free(s);
    /* every third day */
    s = with("{\"freq\":\"DAILY\",\"interval\":3,\"dtstart\":\"2026-11-01\","
             "\"opens_at\":\"09:00\",\"closes_at\":\"10:00\"}");
    NEXT(s, at(2026, 11, 2, 12, 0), 2, HM(9, 0), HM(10, 0));       /* Nov 4 */
    service_free(s);
}

static void test_monthly_rules(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"MONTHLY\",\"byday\":\"2TU\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"12:00\"}");
    NEXT(s, at(2026, 12, 1, 9, 0), 7, HM(10, 0), HM(12, 0));      /* Dec 8 */
    OPEN(s, at(2026, 12, 8, 11, 0), HM(10, 0), HM(12, 0));
    NEXT(s, at(2026, 12, 9, 9, 0), 34, HM(10, 0), HM(12, 0));     /* Jan 12 2027 */
    service_free(s);

    s = with("{\"freq\":\"MONTHLY\",\"byday\":\"-1FR\",\"opens_at\":\"13:00\","
             "\"closes_at\":\"15:00\"}");
    NEXT(s, at(2026, 12, 1, 9, 0), 24, HM(13, 0), HM(15, 0));     /* Dec 25 */
    service_free(s);

    s = with("{\"freq\":\"MONTHLY\",\"bymonthday\":\"1,15\",\"opens_at\":\"09:30\","
             "\"closes_at\":\"11:00\"}");
    NEXT(s, at(2026, 12, 2, 9, 0), 13, HM(9, 30), HM(11, 0));     /* Dec 15 */
    NEXT(s, at(2026, 12, 15, 11, 0), 17, HM(9, 30), HM(11, 0));   /* Jan 1 */
    service_free(s);

    s = with("{\"freq\":\"MONTHLY\",\"bymonthday\":\"-1\",\"opens_at\":\"09:30\","
             "\"closes_at\":\"11:00\"}");
    NEXT(s, at(2027, 2, 1, 9, 0), 27, HM(9, 30), HM(11, 0));      /* Feb 28 */
    service_free(s);

    /* the first and third Monday, every other month from January */
    s = with("{\"freq\":\"MONTHLY\",\"interval\":2,\"dtstart\":\"2027-01-01\","
             "\"byday\":\"1MO,3MO\",\"opens_at\":\"10:00\",\"closes_at\":\"11:00\"}");
    NEXT(s, at(2027, 1, 5, 9, 0), 13, HM(10, 0), HM(11, 0));      /* Jan 18 */
    NEXT(s, at(2027, 1, 19, 9, 0), 41, HM(10, 0), HM(11, 0));     /* Mar 1, not Feb */
    service_free(s);

    /* no byday: the day of the month of dtstart */
    s = with("{\"freq\":\"MONTHLY\",\"dtstart\":\"2026-10-20\",\"opens_at\":\"10:00\","
             "\"closes_at\":\"11:00\"}");
    NEXT(s, at(2026, 11, 21, 9, 0), 29, HM(10, 0), HM(11, 0));    /* Dec 20 */
    service_free(s);
}

/* Times in UTC or with an offset are shown in London time, which is UTC in
 * winter and UTC+1 from the last Sunday of March to the last Sunday of
 * October (28 March and 31 October 2027). */
static void test_offsets_and_clock_changes(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"WEEKLY\",\"byday\":\"SA,SU,MO\",\"opens_at\":\"09:00Z\","
                      "\"closes_at\":\"10:00:00Z\"}");
    NEXT(s, at(2027, 3, 27, 8, 0), 0, HM(9, 0), HM(10, 0));       /* Saturday: GMT */
    NEXT(s, at(2027, 3, 27, 12, 0), 1, HM(10, 0), HM(11, 0));     /* Sunday: BST */
    OPEN(s, at(2027, 3, 29, 10, 30), HM(10, 0), HM(11, 0));
    NEXT(s, at(2027, 10, 30, 8, 0), 0, HM(10, 0), HM(11, 0));     /* Saturday: BST */
    NEXT(s, at(2027, 10, 30, 12, 0), 1, HM(9, 0), HM(10, 0));     /* Sunday: GMT again */
    service_free(s);

    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"10:00+01:00\","
             "\"closes_at\":\"12:00+0100\"}");
    OPEN(s, at(2026, 11, 23, 9, 30), HM(9, 0), HM(11, 0));        /* winter: an hour earlier */
    OPEN(s, at(2027, 7, 12, 10, 30), HM(10, 0), HM(12, 0));       /* summer: as written */
    service_free(s);

    /* local times stay as written across the change */
    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"SA,SU\",\"opens_at\":\"10:00\","
             "\"closes_at\":\"11:00\"}");
    NEXT(s, at(2027, 3, 27, 12, 0), 1, HM(10, 0), HM(11, 0));
    NEXT(s, at(2027, 10, 30, 12, 0), 1, HM(10, 0), HM(11, 0));
    service_free(s);

    /* 23:30 UTC on a summer Friday is 00:30 on Saturday in London */
    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"FR\",\"opens_at\":\"23:30Z\","
             "\"closes_at\":\"23:50Z\"}");
    NEXT(s, at(2027, 7, 16, 12, 0), 1, HM(0, 30), HM(0, 50));
    NEXT(s, at(2026, 11, 27, 12, 0), 0, HM(23, 30), HM(23, 50));  /* in winter the same day */
    service_free(s);
}

static void test_valid_dates_until_and_count(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"11:00\",\"valid_from\":\"2026-12-07\","
                      "\"valid_to\":\"2026-12-14\"}");
    NEXT(s, at(2026, 11, 30, 10, 30), 7, HM(10, 0), HM(11, 0));   /* not before Dec 7 */
    NEXT(s, at(2026, 12, 7, 11, 0), 7, HM(10, 0), HM(11, 0));
    UNKNOWN(s, at(2026, 12, 14, 11, 0));  /* later today nothing, but not yet ended */
    ENDED(s, at(2026, 12, 15, 9, 0));
    service_free(s);

    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"10:00\","
             "\"closes_at\":\"11:00\",\"until\":\"2026-11-16T23:59:59Z\"}");
    NEXT(s, at(2026, 11, 10, 9, 0), 6, HM(10, 0), HM(11, 0));
    ENDED(s, at(2026, 11, 17, 9, 0));
    service_free(s);

    /* three Mondays from 2 November: 2, 9 and 16 */
    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"count\":3,\"dtstart\":\"2026-11-02\","
             "\"opens_at\":\"10:00\",\"closes_at\":\"11:00\"}");
    NEXT(s, at(2026, 11, 1, 9, 0), 1, HM(10, 0), HM(11, 0));
    NEXT(s, at(2026, 11, 10, 9, 0), 6, HM(10, 0), HM(11, 0));
    ENDED(s, at(2026, 11, 17, 9, 0));
    service_free(s);

    /* a later starting one keeps the service from having ended */
    s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"10:00\","
             "\"closes_at\":\"11:00\",\"valid_to\":\"2026-01-01\"},"
             "{\"freq\":\"WEEKLY\",\"byday\":\"TU\",\"opens_at\":\"10:00\","
             "\"closes_at\":\"11:00\",\"valid_from\":\"2027-06-01\"}");
    UNKNOWN(s, at(2026, 11, 17, 9, 0));
    service_free(s);
}

/* What the kiosk cannot follow is shown in the schedule's own words. */
static void test_unfollowed_in_words(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"YEARLY\",\"opens_at\":\"10:00\",\"closes_at\":\"11:00\","
                      "\"description\":\"<p>Once a year, in <b>June</b></p>\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"TH\",\"byweekno\":\"41,42\","
                      "\"opens_at\":\"10:00\",\"closes_at\":\"11:00\","
                      "\"notes\":\"Autumn weeks only\"},"
                      "{\"description\":\"Mon to Fri 9am to 5pm\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"XX\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"11:00\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"12:00\","
                      "\"closes_at\":\"11:00\",\"description\":\"Lunchtimes\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"FR\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"11:00\",\"description\":\"Not in school holidays\"}");
    assert_int_equal(s->n_schedules, 6);
    assert_string_equal(s->schedule_text,
                        "Once a year, in June\n\nAutumn weeks only\n\nMon to Fri 9am to 5pm\n\n"
                        "freq WEEKLY; byday XX; opens_at 10:00; closes_at 11:00\n\nLunchtimes");
    assert_string_equal(s->schedule_notes, "Not in school holidays");
    /* the one it follows still gives times */
    NEXT(s, at(2026, 11, 23, 9, 0), 4, HM(10, 0), HM(11, 0));
    service_free(s);

    /* no schedules at all: unknown, no words */
    s = with("");
    UNKNOWN(s, at(2026, 11, 23, 9, 0));
    assert_string_equal(s->schedule_text, "");
    service_free(s);
}

/* Schedules under service_at_locations count, a copy by id only once. */
static void test_schedules_at_locations(void **state)
{
    (void)state;
    char err[256];
    json_t *j = json_loads(
        "{\"id\":\"s\",\"name\":\"S\",\"schedules\":[{\"id\":\"a\",\"freq\":\"WEEKLY\","
        "\"byday\":\"MO\",\"opens_at\":\"10:00\",\"closes_at\":\"11:00\"}],"
        "\"service_at_locations\":[{\"location_id\":\"hub\",\"schedules\":["
        "{\"id\":\"a\",\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"10:00\","
        "\"closes_at\":\"11:00\"},"
        "{\"id\":\"b\",\"freq\":\"WEEKLY\",\"byday\":\"TH\",\"opens_at\":\"14:00\","
        "\"closes_at\":\"15:00\"}]}]}", 0, NULL);
    assert_non_null(j);
    Service *s = service_parse(j, "services[0]", err, sizeof err);
    json_decref(j);
    assert_non_null(s);
    assert_int_equal(s->n_schedules, 2);
    assert_int_equal(s->n_location_ids, 1);
    assert_string_equal(s->location_ids[0], "hub");
    NEXT(s, at(2026, 11, 23, 12, 0), 3, HM(14, 0), HM(15, 0));
    service_free(s);
    /* nothing to go on */
    struct tm now = at(2026, 11, 23, 12, 0);
    assert_int_equal(service_when(NULL, &now).kind, SERVICE_WHEN_UNKNOWN);
}

/* A service page's list of openings in the days ahead. */
static void test_upcoming(void **state)
{
    (void)state;
    Service *s = with("{\"freq\":\"WEEKLY\",\"byday\":\"MO,WE\",\"opens_at\":\"10:00\","
                      "\"closes_at\":\"12:00\"},"
                      "{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"08:00\","
                      "\"closes_at\":\"09:00\"},"
                      "{\"freq\":\"MONTHLY\",\"byday\":\"-1SU\",\"opens_at\":\"14:00\","
                      "\"closes_at\":\"15:00\"},{\"description\":\"Ask at reception\"}");
    ServiceWhen w[8];
    struct tm now = at(2026, 11, 23, 10, 30);            /* Monday */
    size_t n = service_upcoming(s, &now, 7, w, 8);
    assert_int_equal(n, 3);        /* 08:00 has closed; Wed; Sunday 29th is the last */
    assert_int_equal(w[0].kind, SERVICE_WHEN_OPEN_NOW);
    assert_int_equal(w[0].closes_min, HM(12, 0));
    assert_int_equal(w[1].kind, SERVICE_WHEN_NEXT);
    assert_int_equal(w[1].day_offset, 2);
    assert_int_equal(w[1].weekday, 3);
    assert_int_equal(w[2].day_offset, 6);
    assert_int_equal(w[2].opens_min, HM(14, 0));
    now = at(2026, 11, 30, 7, 0);                          /* the next Monday, early */
    n = service_upcoming(s, &now, 1, w, 8);
    assert_int_equal(n, 2);
    assert_int_equal(w[0].opens_min, HM(8, 0));            /* in time order */
    assert_int_equal(w[1].opens_min, HM(10, 0));
    assert_int_equal(service_upcoming(s, &now, 7, w, 1), 1);
    assert_int_equal(service_upcoming(NULL, &now, 7, w, 8), 0);
    service_free(s);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekly_across_days_and_weeks),
        cmocka_unit_test(test_interval_from_dtstart),
        cmocka_unit_test(test_monthly_rules),
        cmocka_unit_test(test_offsets_and_clock_changes),
        cmocka_unit_test(test_valid_dates_until_and_count),
        cmocka_unit_test(test_unfollowed_in_words),
        cmocka_unit_test(test_schedules_at_locations),
        cmocka_unit_test(test_upcoming),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
