/* test_mutants.c — whole journeys that catch bugs the rest of the suite let
 * through when each was put in by hand: the start-up purge of earlier days
 * gone, the visitor's name or postcode written to the log, the name and
 * postcode kept after a save, the staff list showing earlier days' rows,
 * staff rows not marked personal. Only the public API (app.h, store.h, log.h,
 * the headless runner) is used, so the tests outlive changes inside app.c;
 * one test also reads the App's own block (malloc_usable_size of the
 * pointer app_create returned), without knowing its layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <malloc.h>
#include <time.h>

#include "drive.h"
#include "harness.h"
#include "kiosk/log.h"

/* Names no string of the kiosk or its pack contains. */
#define NAME_TODAY "Zelda Quixote"
#define NAME_YESTERDAY "Wilhelmina"
#define POSTCODE "ZE2"

static time_t local_time(int y, int mo, int d, int h, int mi)
{
    struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                     .tm_min = mi, .tm_isdst = -1 };
    return mktime(&tm);
}

static void add_checkin(Harness *h, const char *name, time_t when)
{
    char path[700];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    assert_non_null(s);
    CheckinRecord r = { .adults = 1, .first_visit = true };
    snprintf(r.session_id, sizeof r.session_id, "coffee-morning");
    snprintf(r.session_name, sizeof r.session_name, "Coffee morning");
    snprintf(r.language, sizeof r.language, "en-GB");
    snprintf(r.first_name, sizeof r.first_name, "%s", name);
    snprintf(r.consent_version, sizeof r.consent_version, "2026-11");
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, when, id), K_OK);
    store_close(s);
}

/* True when any widget of the dump shows needle in its text or sub. */
static bool dump_shows(json_t *d, const char *needle)
{
    json_t *w;
    size_t i;
    json_array_foreach(json_object_get(d, "widgets"), i, w) {
        const char *t = json_string_value(json_object_get(w, "text"));
        const char *s = json_string_value(json_object_get(w, "sub"));
        if ((t && strstr(t, needle)) || (s && strstr(s, needle)))
            return true;
    }
    return false;
}

static const char *open_staff =
    "press home.hub 3000\n" "tap staff.pin.1\n" "tap staff.pin.2\n" "tap staff.pin.3\n"
    "tap staff.pin.4\n" "tap staff.pin.enter\n" "expect-screen staff\n" "dump staff\n";

/* Yesterday's attendance leaves the device when the kiosk starts, before
 * anyone touches it; today's stays and is listed. */
static void test_startup_purges_earlier_days(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    /* the headless clock starts on Monday 23 November 2026, 10:30 */
    add_checkin(&h, NAME_YESTERDAY, local_time(2026, 11, 22, 15, 0));
    add_checkin(&h, NAME_TODAY, local_time(2026, 11, 23, 9, 15));
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 2);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    assert_int_equal(harness_run(&h, "dump home\n"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE day < '2026-11-23'"),
                     0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 1);
    assert_int_equal(harness_run(&h, open_staff), 0);
    json_t *d = harness_dump(&h, "staff");
    assert_non_null(d);
    assert_false(dump_shows(d, NAME_YESTERDAY));
    assert_true(dump_shows(d, NAME_TODAY));
    json_decref(d);
    harness_close(&h);
}

static const char *checkin_journey =
    "tap home.checkin\n" "tap checkin.session.0\n" "tap party.adults.plus\n"
    "tap party.band.1-4.plus\n" "tap party.next\n" "tap details.first.yes\n"
    "tap details.name\n" "type " NAME_TODAY "\n" "key backspace\n" "type e\n" "tap kbd.done\n"
    "tap details.postcode\n" "type " POSTCODE "\n" "tap kbd.done\n"
    "expect details.name " NAME_TODAY "\n" "tap details.next\n" "expect-screen confirm\n"
    "tap confirm.ok\n" "expect-screen thanks\n";

static bool file_contains(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/* A whole check-in, logged at the debug level, leaves no word the visitor
 * typed in the log nor on stderr. */
static void test_log_holds_nothing_typed(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    char log_path[700], err_path[700];
    snprintf(log_path, sizeof log_path, "%s/kiosk.log", h.dir);
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", h.dir);
    FILE *lf = fopen(log_path, "w");
    assert_non_null(lf);
    fflush(stderr);
    int saved = dup(2), ef = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && ef >= 0);
    dup2(ef, 2);
    log_set_stream(lf);
    log_set_level(LOG_DEBUG);
    char script[2048];
    snprintf(script, sizeof script, "%s%s%s", checkin_journey, "tap thanks.done\n", open_staff);
    int rc = harness_run(&h, script);
    log_set_level(LOG_INFO);
    log_set_stream(NULL);
    fclose(lf);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(ef);
    assert_int_equal(rc, 0);
    /* the run was logged: the save and the staff view are there */
    assert_true(file_contains(log_path, "saved"));
    assert_true(file_contains(log_path, "staff view opened"));
    assert_false(file_contains(log_path, "Zelda"));
    assert_false(file_contains(log_path, "Quixote"));
    assert_false(file_contains(log_path, POSTCODE));
    assert_false(file_contains(err_path, "Zelda"));
    assert_false(file_contains(err_path, "Quixote"));
    assert_false(file_contains(err_path, POSTCODE));
    harness_close(&h);
}

/* After "thank you" the next visitor finds the details empty, whether the
 * first one tapped Done or the screen timed out. */
static void test_saved_details_are_cleared(void **state)
{
    (void)state;
    static const char *after[] = { "tap thanks.done\n", "wait 30000\n" };
    for (size_t k = 0; k < sizeof after / sizeof after[0]; k++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        snprintf(script, sizeof script,
                 "%s%s" "expect-screen home\n" "tap home.checkin\n" "tap checkin.session.0\n"
                 "tap party.next\n" "dump details\n" "tap details.first.no\n"
                 "tap details.next\n" "dump confirm\n" "tap confirm.ok\n",
                 checkin_journey, after[k]);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "details");
        assert_non_null(d);
        assert_false(dump_shows(d, NAME_TODAY));
        assert_false(dump_shows(d, POSTCODE));
        /* the fields show their hint, not a value */
        assert_string_equal(dump_text(d, "details.name"), dump_text(d, "details.postcode"));
        json_decref(d);
        d = harness_dump(&h, "confirm");
        assert_non_null(d);
        assert_false(dump_shows(d, NAME_TODAY));
        assert_false(dump_shows(d, POSTCODE));
        json_decref(d);
        /* the second check-in was saved without a name or postcode */
        assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 2);
        assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE first_name = ''"),
                         1);
        harness_close(&h);
    }
}

/* True when the App's own block (the state app_create allocates, with the
 * visitor's fields in it) holds s. */
static bool app_holds(App *a, const char *s)
{
    return memmem(a, malloc_usable_size(a), s, strlen(s)) != NULL;
}

/* Saved: the name and postcode leave the kiosk's state at once, while
 * "thank you" is still showing (it shows only the session). */
static void test_saved_details_forgotten_at_once(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Drive d;
    if (drive_open(&d, &h.cfg) != 0)
        fail_msg("%s", d.err);
    assert_true(drive_goto(&d, "confirm", NAME_TODAY, POSTCODE));
    assert_string_equal(drive_screen(&d), "confirm");
    if (!app_holds(d.app, NAME_TODAY) || !app_holds(d.app, POSTCODE)) {
        /* the fields live somewhere else now: this check must follow them */
        fprintf(stderr, "the visitor's fields are not in the App's block: "
                        "point app_holds at the block that holds them\n");
        drive_close(&d);
        harness_close(&h);
        skip();
    }
    assert_true(drive_tap(&d, "confirm.ok"));
    assert_string_equal(drive_screen(&d), "thanks");
    assert_false(app_holds(d.app, NAME_TODAY));
    assert_false(app_holds(d.app, POSTCODE));
    drive_close(&d);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 1);
    harness_close(&h);
}

/* The staff list shows today's check-ins only, even when an earlier day's
 * row reaches the database while the kiosk runs (the purge runs at start-up
 * and at the day's end; here a second connection writes after it), and
 * each row on it is marked personal. */
static void test_staff_list_today_only_and_personal(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    Drive d;
    if (drive_open(&d, &h.cfg) != 0)
        fail_msg("%s", d.err);
    add_checkin(&h, NAME_YESTERDAY, local_time(2026, 11, 22, 15, 0));
    add_checkin(&h, NAME_TODAY, local_time(2026, 11, 23, 9, 15));
    assert_true(drive_goto(&d, "staff", NULL, NULL));
    assert_string_equal(drive_screen(&d), "staff");
    app_build(d.app);
    Ui *ui = app_ui(d.app);
    int rows = 0;
    bool today = false;
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        if (strstr(w->text, NAME_YESTERDAY) || strstr(w->sub, NAME_YESTERDAY))
            fail_msg("%s shows an earlier day's check-in", w->id);
        if (strncmp(w->id, "staff.row.", 10))
            continue;
        rows++;
        today |= strstr(w->text, NAME_TODAY) != NULL;
        if (!w->personal)
            fail_msg("%s is not marked personal", w->id);
    }
    assert_int_equal(rows, 1);
    assert_true(today);
    drive_close(&d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_startup_purges_earlier_days),
        cmocka_unit_test(test_log_holds_nothing_typed),
        cmocka_unit_test(test_saved_details_are_cleared),
        cmocka_unit_test(test_saved_details_forgotten_at_once),
        cmocka_unit_test(test_staff_list_today_only_and_personal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
