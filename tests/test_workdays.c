/* test_workdays.c — working days and urgency: the built-in bank holidays
 * held against the rules that make them, weekends, Easter and Christmas,
 * and a day a content pack adds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "kiosk/workdays.h"

static long D(const char *ymd)
{
    long d = 0;
    assert_true(workdays_parse(ymd, &d));
    return d;
}

static bool urgent(const WorkCalendar *c, const char *today, const char *meeting)
{
    return workdays_urgent(c, D(today), D(meeting));
}

/* Easter Sunday (anonymous Gregorian algorithm). */
static void easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25,
        g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30, i = c / 4, k = c % 4,
        l = (32 + 2 * e + 2 * i - h - k) % 7, mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = (h + l - 7 * mm + 114) % 31 + 1;
}

static long ymd(int y, int m, int d)
{
    char s[32];
    snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
    return D(s);
}

static int weekday(long day)
{
    return (int)((day % 7 + 7 + 4) % 7);
}

/* The rules: New Year's Day, Good Friday, Easter Monday, the first and last
 * Mondays of May, the last Monday of August, Christmas and Boxing Day, each
 * moved to the next weekday when it falls at a weekend. */
static void test_built_in_follows_the_rules(void **state)
{
    (void)state;
    WorkCalendar c;
    workdays_init(&c);
    for (int y = 2026; y <= 2028; y++) {
        long want[8];
        int n = 0, em, ed;
        long ny = ymd(y, 1, 1);
        while (weekday(ny) == 0 || weekday(ny) == 6)
            ny++;
        want[n++] = ny;
        easter(y, &em, &ed);
        want[n++] = ymd(y, em, ed) - 2;
        want[n++] = ymd(y, em, ed) + 1;
        long may = ymd(y, 5, 1);
        while (weekday(may) != 1)
            may++;
        want[n++] = may;
        long late = ymd(y, 5, 31);
        while (weekday(late) != 1)
            late--;
        want[n++] = late;
        long aug = ymd(y, 8, 31);
        while (weekday(aug) != 1)
            aug--;
        want[n++] = aug;
        long xmas = ymd(y, 12, 25), boxing = xmas + 1;
        while (weekday(xmas) == 0 || weekday(xmas) == 6)
            xmas++;
        if (boxing <= xmas)
            boxing = xmas + 1;
        while (weekday(boxing) == 0 || weekday(boxing) == 6)
            boxing++;
        want[n++] = xmas;
        want[n++] = boxing;
        int found = 0;
        for (int i = 0; i < n; i++) {
            assert_true(workdays_bank_holiday(&c, want[i]));
            assert_false(workdays_working(&c, want[i]));
        }
        for (long d = ymd(y, 1, 1); d <= ymd(y, 12, 31); d++)
            found += workdays_bank_holiday(&c, d);
        assert_int_equal(found, 8);
    }
    assert_true(workdays_bank_holiday(&c, D("2026-12-28")));   /* Boxing Day on a Saturday */
    assert_true(workdays_bank_holiday(&c, D("2028-01-03")));   /* New Year on a Saturday */
}

static void test_weekends(void **state)
{
    (void)state;
    WorkCalendar c;
    workdays_init(&c);
    /* Monday 23 November 2026 */
    assert_true(workdays_working(&c, D("2026-11-23")));
    assert_false(workdays_working(&c, D("2026-11-28")));
    assert_false(workdays_working(&c, D("2026-11-29")));
    assert_true(urgent(&c, "2026-11-23", "2026-11-23"));   /* today */
    assert_true(urgent(&c, "2026-11-23", "2026-11-25"));   /* Wednesday: the second */
    assert_false(urgent(&c, "2026-11-23", "2026-11-26"));  /* Thursday: the third */
    /* from a Friday: the weekend does not count */
    assert_true(urgent(&c, "2026-11-27", "2026-11-28"));
    assert_true(urgent(&c, "2026-11-27", "2026-11-30"));
    assert_true(urgent(&c, "2026-11-27", "2026-12-01"));   /* Tuesday */
    assert_false(urgent(&c, "2026-11-27", "2026-12-02"));  /* Wednesday */
    /* from a Saturday */
    assert_true(urgent(&c, "2026-11-28", "2026-12-01"));
    assert_false(urgent(&c, "2026-11-28", "2026-12-02"));
    /* a meeting in the past is never urgent (the screen refuses it) */
    assert_false(urgent(&c, "2026-11-23", "2026-11-20"));
    assert_int_equal(workdays_between(&c, D("2026-11-27"), D("2026-12-02")), 3);
    assert_int_equal(workdays_between(&c, D("2026-11-27"), D("2026-11-20")), 0);
}

static void test_bank_holidays(void **state)
{
    (void)state;
    WorkCalendar c;
    workdays_init(&c);
    /* Easter 2026: Good Friday 3 April, Easter Monday 6 April */
    assert_true(urgent(&c, "2026-04-02", "2026-04-07"));
    assert_true(urgent(&c, "2026-04-02", "2026-04-08"));
    assert_false(urgent(&c, "2026-04-02", "2026-04-09"));
    /* Christmas 2026: Friday 25 and Monday 28 December */
    assert_true(urgent(&c, "2026-12-24", "2026-12-30"));
    assert_false(urgent(&c, "2026-12-24", "2026-12-31"));
    /* Christmas 2027: Monday 27 and Tuesday 28 December */
    assert_true(urgent(&c, "2027-12-24", "2027-12-30"));
    assert_false(urgent(&c, "2027-12-24", "2027-12-31"));
    /* the first Monday of May 2027 is the 3rd */
    assert_true(urgent(&c, "2027-04-30", "2027-05-05"));
    assert_false(urgent(&c, "2027-04-30", "2027-05-06"));
}

static void test_pack_adds_days(void **state)
{
    (void)state;
    WorkCalendar c;
    workdays_init(&c);
    assert_false(urgent(&c, "2026-11-23", "2026-11-26"));
    assert_int_equal(workdays_add(&c, "2026-11-24"), K_OK);
    assert_int_equal(workdays_add(&c, "2026-11-24"), K_OK);   /* once */
    assert_int_equal(c.n_extra, 1);
    assert_true(urgent(&c, "2026-11-23", "2026-11-26"));
    /* years after the built-in table */
    assert_true(workdays_working(&c, D("2029-01-01")));
    assert_int_equal(workdays_add(&c, "2029-01-01"), K_OK);
    assert_false(workdays_working(&c, D("2029-01-01")));
    assert_int_equal(workdays_add(&c, "2029-02-30"), K_ERR_INVALID);
    assert_int_equal(workdays_add(&c, "1/1/2029"), K_ERR_INVALID);
    assert_int_equal(workdays_add(&c, "2029-01-01x"), K_ERR_INVALID);
    for (int i = 0; c.n_extra < WORKDAYS_EXTRA_MAX; i++) {
        char s[24];
        snprintf(s, sizeof s, "2030-%02d-%02d", 1 + i / 28, 1 + i % 28);
        assert_int_equal(workdays_add(&c, s), K_OK);
    }
    assert_int_equal(workdays_add(&c, "2031-01-01"), K_ERR_FULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_built_in_follows_the_rules),
        cmocka_unit_test(test_weekends),
        cmocka_unit_test(test_bank_holidays),
        cmocka_unit_test(test_pack_adds_days),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
