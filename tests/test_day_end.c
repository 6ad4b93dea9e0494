/* test_day_end.c — the day's end: the closing transaction's counts (no
 * names), what it deletes and what it keeps (records not yet delivered),
 * a day closed again adding without counting twice, the due day on the
 * calendar across midnight and both clock changes (days of 23 and 25
 * hours end once), the setting, and the running kiosk on the stepped
 * clock: closing time reached on the home screen, and reached while a
 * visitor is in the middle of checking in (the close waits for them).
 * The power cut during a close is tests/test_day_end_kill.c; the staff
 * chart is tests/test_day_end_chart.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "day_end_fixture.h"
#include "drive.h"

/* ---- the closing transaction ---- */

static void test_close_counts_deletes_and_keeps_undelivered(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    time_t t0 = local("2026-11-23 10:30");
    char ids[6][37];
    /* four families on the Monday: two first visits, two languages, two
     * districts (one left out), two sessions */
    const char *lang[] = { "en-GB", "pl", "pl", "ta", "en-GB", "uk" };
    const char *dist[] = { "SM1", "SM1", "", "CR4", "SM1", "SM2" };
    for (int i = 0; i < 4; i++) {
        /* the two to be delivered are Zebedee; the two kept, Marchetta */
        CheckinRecord r = visit(i < 2 ? "Zebedee" : "Marchetta", lang[i], dist[i], i < 2, i == 3);
        assert_int_equal(store_add_checkin(s, &r, t0 + i * 600, ids[i]), K_OK);
    }
    /* the Sunday before (not closed yet: the kiosk was off) and the
     * Tuesday after (not due) */
    CheckinRecord r = visit("Quorra", lang[4], dist[4], false, false);
    assert_int_equal(store_add_checkin(s, &r, t0 - DAY, ids[4]), K_OK);
    r = visit("Marchetta", lang[5], dist[5], true, false);
    assert_int_equal(store_add_checkin(s, &r, t0 + DAY, ids[5]), K_OK);
    /* three delivered, one rejected, the rest waiting */
    const char *acked[] = { ids[0], ids[1], ids[4] };
    assert_int_equal(store_outbox_ack(s, acked, 3, t0 + 3600), K_OK);
    assert_int_equal(store_outbox_reject(s, ids[2], "bad session", t0 + 3600), K_OK);

    int counted = -1;
    assert_int_equal(store_day_close(s, HUB, "2026-11-23", &counted), K_OK);
    assert_int_equal(counted, 5);

    StoreDayTotals t[4];
    int n = 0;
    assert_int_equal(store_day_totals(s, HUB, "2026-11-01", "2026-11-30", t, 4, &n), K_OK);
    assert_int_equal(n, 2);
    assert_string_equal(t[0].day, "2026-11-22");
    assert_int_equal(t[0].checkins, 1);
    assert_int_equal(t[0].sessions, 1);
    assert_int_equal(t[0].first_visits, 0);
    assert_string_equal(t[1].day, "2026-11-23");
    assert_int_equal(t[1].checkins, 4);
    assert_int_equal(t[1].sessions, 2);
    assert_int_equal(t[1].first_visits, 2);
    assert_int_equal(t[1].adults, 4);
    assert_int_equal(t[1].children, 4);
    Keys k = { 0 };
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-23", "language", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "pl=2 en-GB=1 ta=1");
    memset(&k, 0, sizeof k);
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-23", "district", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "SM1=2 CR4=1");

    /* the names are gone with the attendance; the Tuesday's stays */
    assert_int_equal(attendance_rows(f), 1);
    assert_int_equal(peek(f, "SELECT count(*) FROM attendance_reach"), 1);
    /* delivered records deleted; the waiting, the rejected and the
     * Tuesday's kept */
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    assert_int_equal(c.acked, 0);
    assert_int_equal(c.pending, 2);
    assert_int_equal(c.rejected, 1);
    assert_true(outbox_has(f, ids[2]) && outbox_has(f, ids[3]) && outbox_has(f, ids[5]));
    char v[16];
    assert_int_equal(store_kv_get(s, STORE_DAY_KV_CLOSED, v, sizeof v), K_OK);
    assert_string_equal(v, "2026-11-23");
    assert_int_equal(store_kv_get(s, STORE_DAY_KV_TIDY, v, sizeof v), K_OK);
    assert_string_equal(v, "vacuum");
    /* secure_delete on the connection that deleted */
    assert_int_equal(store_setting(s, "secure_delete", v, sizeof v), K_OK);
    assert_string_equal(v, "1");

    bool done = false;
    assert_int_equal(store_day_tidy(s, &done), K_OK);
    assert_true(done);
    assert_int_equal(store_kv_get(s, STORE_DAY_KV_TIDY, v, sizeof v), K_ERR_NOT_FOUND);
    assert_int_equal(wal_size(f), 0);
    assert_false(db_files_hold(f, "Zebedee"));
    assert_false(db_files_hold(f, "Quorra"));
    /* the records kept are whole: their names are in their payloads */
    assert_true(db_files_hold(f, "Marchetta"));
    store_close(s);
}

static void test_close_again_adds_and_never_counts_twice(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    time_t t0 = local("2026-11-23 10:30");
    char id[37];
    for (int i = 0; i < 3; i++) {
        CheckinRecord r = visit("Zebedee", "pl", "SM1", true, false);
        assert_int_equal(store_add_checkin(s, &r, t0 + i, id), K_OK);
    }
    assert_int_equal(store_day_close(s, HUB, "2026-11-23", NULL), K_OK);
    /* closed again with nothing new: nothing changes */
    int counted = -1;
    assert_int_equal(store_day_close(s, HUB, "2026-11-23", &counted), K_OK);
    assert_int_equal(counted, 0);
    assert_int_equal(day_checkins(s, "2026-11-23"), 3);
    /* a check-in saved after closing time, in the same session: added to
     * the day, and the session is still one */
    CheckinRecord r = visit("Zebedee", "pl", "SM1", false, false);
    assert_int_equal(store_add_checkin(s, &r, local("2026-11-23 18:20"), id), K_OK);
    bool pending = false;
    assert_int_equal(store_day_pending(s, "2026-11-23", &pending), K_OK);
    assert_true(pending);
    assert_int_equal(store_day_close(s, HUB, "2026-11-23", &counted), K_OK);
    assert_int_equal(counted, 1);
    StoreDayTotals t;
    int n = 0;
    assert_int_equal(store_day_totals(s, HUB, "2026-11-23", "2026-11-23", &t, 1, &n), K_OK);
    assert_int_equal(n, 1);
    assert_int_equal(t.checkins, 4);
    assert_int_equal(t.sessions, 1);
    assert_int_equal(t.first_visits, 3);
    Keys k = { 0 };
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-23", "language", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "pl=4");
    assert_int_equal(store_day_pending(s, "2026-11-23", &pending), K_OK);
    assert_false(pending);
    /* another hub's counts are its own */
    assert_int_equal(store_day_totals(s, "another-hub", "2026-11-01", "2026-11-30", &t, 1, &n),
                     K_OK);
    assert_int_equal(n, 0);
    store_close(s);
}

static void test_close_refuses_a_malformed_day(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    assert_int_equal(store_day_close(s, HUB, "2026-11", NULL), K_ERR_INVALID);
    assert_int_equal(store_day_close(s, NULL, "2026-11-23", NULL), K_ERR_INVALID);
    store_close(s);
}

/* ---- the due day on the calendar ---- */

static void test_due_day_and_setting(void **state)
{
    (void)state;
    char d[11];
    day_end_due_day(local("2026-11-23 17:59"), 18 * 60, d);
    assert_string_equal(d, "2026-11-22");
    day_end_due_day(local("2026-11-23 18:00"), 18 * 60, d);
    assert_string_equal(d, "2026-11-23");
    day_end_due_day(local("2026-03-01 00:10"), 18 * 60, d);
    assert_string_equal(d, "2026-02-28");
    day_end_due_day(local("2028-03-01 00:10"), 18 * 60, d);
    assert_string_equal(d, "2028-02-29");
    day_end_due_day(local("2027-01-01 09:00"), 18 * 60, d);
    assert_string_equal(d, "2026-12-31");
    /* 00:00: the day ends at midnight, not as it begins */
    day_end_due_day(local("2026-11-23 23:59"), 0, d);
    assert_string_equal(d, "2026-11-22");
    day_end_due_day(local("2026-11-24 00:00"), 0, d);
    assert_string_equal(d, "2026-11-23");
    assert_true(day_end_prev_day("2026-03-29", d));
    assert_string_equal(d, "2026-03-28");
    assert_false(day_end_prev_day("2026-3-29", d));

    int m = -1;
    assert_true(day_end_parse_time("00:00", &m) && m == 0);
    assert_true(day_end_parse_time("23:59", &m) && m == 23 * 60 + 59);
    static const char *const bad[] = { "24:00", "18:60", "6:00", "18.00", "18:0", "+1:00",
                                       " 18:00", "18:00 ", "", "1800", "-1:00" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(day_end_parse_time(bad[i], &m));
    Config c;
    char err[200];
    config_defaults(&c);
    assert_int_equal(c.closing_min, 18 * 60);
    assert_int_equal(config_set(&c, "hub.closing_time", "16:30", err, sizeof err), K_OK);
    assert_int_equal(c.closing_min, 16 * 60 + 30);
    assert_int_equal(config_set(&c, "hub.closing_time", "25:00", err, sizeof err),
                     K_ERR_INVALID);
    assert_non_null(strstr(err, "hub.closing_time"));
    assert_int_equal(c.closing_min, 16 * 60 + 30);
}

/* Runs day_end_run once a minute from from to to (local times), with a
 * check-in at every hour from 09:00 to 17:00. Returns how many days were
 * closed (the last day closed moving on), with how many closes ran in
 * *closes, and checks that one_day was counted with all its check-ins. */
static int minutes_through(Fixture *f, const char *from, const char *to, int closing_min,
                           const char *one_day, int one_day_checkins, int *closes)
{
    Store *s = fixture_open(f);
    int days = 0;
    char id[37], last[16] = "", now[16];
    *closes = 0;
    for (time_t t = local(from); t <= local(to); t += 60) {
        struct tm tm;
        localtime_r(&t, &tm);
        if (tm.tm_min == 0 && tm.tm_hour >= 9 && tm.tm_hour <= 17) {
            CheckinRecord r = visit("Zebedee", "en-GB", "", false, false);
            assert_int_equal(store_add_checkin(s, &r, t, id), K_OK);
        }
        bool closed = false;
        assert_int_equal(day_end_run(s, HUB, t, closing_min, &closed), K_OK);
        *closes += closed;
        k_err e = store_kv_get(s, STORE_DAY_KV_CLOSED, now, sizeof now);
        assert_true(e == K_OK || e == K_ERR_NOT_FOUND);
        days += strcmp(now, last) != 0;
        memcpy(last, now, sizeof last);
    }
    assert_int_equal(day_checkins(s, one_day), one_day_checkins);
    store_close(s);
    return days;
}

static void test_clock_changes_end_each_day_once(void **state)
{
    Fixture *f = *state;
    int closes = 0;
    /* Sunday 25 October 2026 has 25 hours in London, Sunday 29 March 23:
     * from Friday 17:00 to Tuesday 17:00, Friday to Monday end, each
     * once, whatever the hour */
    assert_int_equal(minutes_through(f, "2026-10-23 17:00", "2026-10-27 17:00", 18 * 60,
                                     "2026-10-25", 9, &closes), 4);
    assert_int_equal(closes, 4);
    reset(f);
    assert_int_equal(minutes_through(f, "2026-03-27 17:00", "2026-03-31 17:00", 18 * 60,
                                     "2026-03-29", 9, &closes), 4);
    assert_int_equal(closes, 4);
    /* a closing time the change passes over (01:30 on 29 March does not
     * exist) or repeats (01:30 on 25 October happens twice): Saturday,
     * Sunday and Monday, once each (check-ins after the day's closing
     * time close again, adding to the same day) */
    reset(f);
    assert_int_equal(minutes_through(f, "2026-03-28 12:00", "2026-03-30 12:00", 90,
                                     "2026-03-29", 9, &closes), 3);
    reset(f);
    assert_int_equal(minutes_through(f, "2026-10-24 12:00", "2026-10-26 12:00", 90,
                                     "2026-10-25", 9, &closes), 3);
}

/* ---- the running kiosk on the stepped clock ---- */

/* Wall time to local "YYYY-MM-DD HH:MM", ticking the app as the loop would. */
static void set_time(Drive *d, const char *when)
{
    clock_set_wall(local(when));
    app_tick(d->app);
}

/* A touch on no widget: the visitor is still there. */
static void touch(Drive *d)
{
    drive_mouse(d, SDL_MOUSEBUTTONDOWN, 0, 0);
    drive_mouse(d, SDL_MOUSEBUTTONUP, 0, 0);
}

static void checkin_now(Drive *d, const char *name)
{
    assert_true(drive_goto(d, "confirm", name, "KW17"));
    assert_true(drive_tap(d, "confirm.ok"));
    assert_string_equal(drive_screen(d), "thanks");
    assert_true(drive_tap(d, "thanks.done"));
    assert_string_equal(drive_screen(d), "home");
}

static void test_kiosk_across_closing_time_and_midnight(void **state)
{
    Fixture *f = *state;
    Config c = fixture_config(f);
    Drive d;
    assert_int_equal(drive_open(&d, &c), 0);
    Store *s = app_store(d.app);
    checkin_now(&d, "Zebedee");
    checkin_now(&d, "Zebedee");
    set_time(&d, "2026-11-23 17:55");
    drive_wait(&d, 4 * 60000);
    assert_int_equal(attendance_rows(f), 2);          /* not yet 18:00 */
    drive_wait(&d, 2 * 60000);
    assert_int_equal(attendance_rows(f), 0);
    assert_int_equal(day_checkins(s, "2026-11-23"), 2);
    assert_int_equal(peek(f, "SELECT count(*) FROM kv WHERE key = 'day_end.tidy'"), 0);
    assert_int_equal(wal_size(f), 0);
    /* nothing more happens through the evening and across midnight */
    drive_wait(&d, 7 * 3600000);
    set_time(&d, "2026-11-24 00:30");
    drive_wait(&d, 3 * 60000);
    assert_int_equal(day_checkins(s, "2026-11-23"), 2);
    assert_int_equal(peek(f, "SELECT count(*) FROM day_totals"), 1);
    /* Tuesday's check-in stays for the staff view until Tuesday's close */
    set_time(&d, "2026-11-24 10:30");
    checkin_now(&d, "Quorra");
    drive_wait(&d, 5 * 60000);
    assert_int_equal(attendance_rows(f), 1);
    set_time(&d, "2026-11-24 18:00");
    drive_wait(&d, 61000);
    assert_int_equal(attendance_rows(f), 0);
    assert_int_equal(day_checkins(s, "2026-11-24"), 1);
    assert_int_equal(day_checkins(s, "2026-11-23"), 2);
    Keys k = { 0 };
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-24", "district", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "KW17=3");
    drive_close(&d);
    assert_false(db_files_hold(f, "Zebedee"));
    assert_false(db_files_hold(f, "Quorra"));
}

static void test_kiosk_waits_for_a_visitor_checking_in(void **state)
{
    Fixture *f = *state;
    Config c = fixture_config(f);
    c.closing_min = 11 * 60;    /* while a session runs */
    Drive d;
    assert_int_equal(drive_open(&d, &c), 0);
    Store *s = app_store(d.app);
    checkin_now(&d, "Zebedee");
    set_time(&d, "2026-11-23 10:58");
    assert_true(drive_goto(&d, "confirm", "Quorra", "KW17"));
    /* closing time passes while they read the confirm screen */
    for (int i = 0; i < 6; i++) {
        drive_wait(&d, 40000);
        touch(&d);
    }
    assert_string_equal(drive_screen(&d), "confirm");
    assert_int_equal(attendance_rows(f), 1);
    assert_int_equal(peek(f, "SELECT count(*) FROM kv WHERE key = 'day_end.closed' AND "
                             "value = '2026-11-23'"), 0);
    assert_string_equal(app_screen_name(app_screen(d.app)), "confirm");
    assert_true(drive_tap(&d, "confirm.ok"));
    assert_string_equal(drive_screen(&d), "thanks");
    drive_wait(&d, 30000);      /* thank you, then home by itself */
    assert_string_equal(drive_screen(&d), "home");
    drive_wait(&d, 61000);
    assert_int_equal(attendance_rows(f), 0);
    assert_int_equal(day_checkins(s, "2026-11-23"), 2);
    drive_close(&d);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_close_counts_deletes_and_keeps_undelivered,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_close_again_adds_and_never_counts_twice,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_close_refuses_a_malformed_day, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test(test_due_day_and_setting),
        cmocka_unit_test_setup_teardown(test_clock_changes_end_each_day_once, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_across_closing_time_and_midnight,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_waits_for_a_visitor_checking_in,
                                        fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
