/* test_day_end_chart.c — the staff view's last four weeks: days closed
 * with their counts, then the staff history screen at 800x480, 1920x1080
 * and 720x1280 shows one bar per day with check-ins, as tall as its count
 * beside the busiest day's, a label under each week, the totals of
 * check-ins, sessions and first visits and the languages used; a day
 * outside the four weeks and another hub's counts are left out; every
 * widget fits on the screen and every button is a full touch target;
 * Back returns to the staff view. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "day_end_fixture.h"
#include "drive.h"
#include "kiosk/staff.h"

typedef struct { const char *day; int n; const char *lang; } Day;

/* Closed days: the kiosk starts on Monday 23 November at 10:30, so the four
 * weeks are 26 October to 22 November. */
static const Day days[] = {
    { "2026-10-25", 9, "uk" },   /* the day before the four weeks */
    { "2026-10-26", 1, "en-GB" }, { "2026-11-02", 2, "pl" }, { "2026-11-16", 5, "ta" },
    { "2026-11-20", 3, "pl" },   { "2026-11-22", 4, "en-GB" },
};

static void fill(Fixture *f)
{
    Store *s = fixture_open(f);
    assert_int_equal(staff_set_pin(s, "1234"), K_OK);
    char id[37], when[20];
    for (size_t d = 0; d < sizeof days / sizeof *days; d++) {
        snprintf(when, sizeof when, "%s 10:30", days[d].day);
        for (int i = 0; i < days[d].n; i++) {
            CheckinRecord r = visit("Zebedee", days[d].lang, "SM1", i == 0, i == 1);
            assert_int_equal(store_add_checkin(s, &r, local(when) + i * 60, id), K_OK);
        }
        assert_int_equal(store_day_close(s, HUB, days[d].day, NULL), K_OK);
    }
    /* another hub's day in the same weeks */
    CheckinRecord r = visit("Zebedee", "ro", "SM1", true, false);
    assert_int_equal(store_add_checkin(s, &r, local("2026-11-18 10:30"), id), K_OK);
    assert_int_equal(store_day_close(s, "another-hub", "2026-11-18", NULL), K_OK);
    store_close(s);
}

static const UiWidget *widget(Drive *d, const char *id)
{
    return drive_widget(d, id);
}

/* Every widget fits and lies on the screen; every button is at least
 * 9 mm square. Returns the number of problems, printed. */
static int check_layout(Drive *d, const char *label)
{
    app_build(d->app);
    Ui *ui = app_ui(d->app);
    int bad = 0;
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        SDL_Rect r = w->rect;
        if (!w->fits)
            fprintf(stderr, "%s: %s does not fit: %s\n", label, w->id, w->text), bad++;
        if (r.x < 0 || r.y < 0 || r.w <= 0 || r.h <= 0 || r.x + r.w > ui->w ||
            r.y + r.h > ui->h)
            fprintf(stderr, "%s: %s is off the screen\n", label, w->id), bad++;
        if (w->role == ROLE_BUTTON &&
            (r.w + 0.5 < 9 * ui->px_per_mm || r.h + 0.5 < 9 * ui->px_per_mm))
            fprintf(stderr, "%s: %s is under 9 mm\n", label, w->id), bad++;
    }
    return bad;
}

static void one_size(Fixture *f, int w, int h, double diag)
{
    Config c = fixture_config(f);
    c.width = w;
    c.height = h;
    c.diagonal_in = diag;
    Drive d;
    assert_int_equal(drive_open(&d, &c), 0);
    assert_true(drive_goto(&d, "staff", NULL, NULL));
    assert_string_equal(drive_screen(&d), "staff");
    assert_true(drive_tap(&d, "staff.history"));
    assert_string_equal(drive_screen(&d), "staff-history");
    char label[32];
    snprintf(label, sizeof label, "%dx%d", w, h);
    assert_int_equal(check_layout(&d, label), 0);

    /* bars for the days with check-ins in the four weeks, none else */
    int bars = 0, h16 = 0, h22 = 0, h26 = 0;
    for (int i = 0; i < 28; i++) {   /* HISTORY_DAYS */
        char id[32];
        snprintf(id, sizeof id, "history.bar.%d", i);
        const UiWidget *b = widget(&d, id);
        if (!b)
            continue;
        bars++;
        if (i == 0)
            h26 = b->rect.h;
        if (i == 21)
            h16 = b->rect.h;
        if (i == 27)
            h22 = b->rect.h;
    }
    assert_int_equal(bars, 5);
    assert_true(h16 > 0 && h22 > 0 && h26 > 0);
    assert_true(abs(h22 * 5 - h16 * 4) <= 5);      /* 4 beside the busiest day's 5 */
    assert_true(abs(h26 * 5 - h16) <= 5);
    assert_string_equal(widget(&d, "history.max")->text, "Most in a day: 5");
    assert_string_equal(widget(&d, "history.week.0")->text, "26 Oct");
    assert_string_equal(widget(&d, "history.week.3")->text, "16 Nov");
    const char *tot = widget(&d, "history.totals")->text;
    assert_non_null(strstr(tot, "15 check-ins at 9 sessions, 5 first visits"));
    assert_non_null(strstr(tot, "Languages used: English 5, Polish 5, Tamil 5."));
    assert_null(strstr(tot, "Ukrainian"));
    assert_null(strstr(tot, "Romanian"));
    assert_string_equal(widget(&d, "history.title")->text,
                        "Check-ins per day, 26 Oct to 22 Nov");
    assert_true(drive_tap(&d, "nav.back"));
    assert_string_equal(drive_screen(&d), "staff");
    assert_true(drive_tap(&d, "staff.history"));
    assert_true(drive_tap(&d, "staff.lock"));
    assert_string_equal(drive_screen(&d), "home");
    drive_close(&d);
}

static void test_chart_at_three_sizes(void **state)
{
    Fixture *f = *state;
    fill(f);
    one_size(f, 800, 480, 7);
    one_size(f, 1920, 1080, 15.6);
    one_size(f, 720, 1280, 10.1);
}

static void test_chart_with_nothing_closed(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    assert_int_equal(staff_set_pin(s, "1234"), K_OK);
    store_close(s);
    Config c = fixture_config(f);
    Drive d;
    assert_int_equal(drive_open(&d, &c), 0);
    assert_true(drive_goto(&d, "staff", NULL, NULL));
    assert_true(drive_tap(&d, "staff.history"));
    assert_int_equal(check_layout(&d, "empty"), 0);
    assert_null(widget(&d, "history.bar.27"));
    assert_non_null(strstr(widget(&d, "history.totals")->text, "Languages used: none yet."));
    assert_string_equal(widget(&d, "history.max")->text, "Most in a day: 0");
    drive_close(&d);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_chart_at_three_sizes, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_chart_with_nothing_closed, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
