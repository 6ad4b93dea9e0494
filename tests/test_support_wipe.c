/* test_support_wipe.c — a sensitive need (domestic abuse) leaves no
 * trace. The kiosk runs in this process (drive.h) on the test pack: a
 * visitor opens the need, a service of it and its take-home codes, and
 * leaves by Quick exit or the idle wipe. While it shows, none of its words
 * is kept by the text engine's caches; after the wipe nothing of where
 * the visitor was is in the session or the widget list, the support
 * screens' state is freed, the staff view shows nothing of it, and the
 * log never named it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../kiosk/screens/support.h"
#include "drive.h"
#include "support_fixture.h"

static const char NEED[] = "I want advice and support about domestic abuse";
static const char SERVICE[] = "Independent domestic abuse advisers";

/* True when any widget shown holds text with needle. */
static bool on_screen(Drive *d, const char *needle)
{
    app_build(d->app);
    Ui *ui = app_ui(d->app);
    for (int i = 0; i < ui->n; i++)
        if (strstr(ui->w_list[i].text, needle) || strstr(ui->w_list[i].sub, needle))
            return true;
    return false;
}

/* True when no byte of the Visitor is set but the starting choices. */
static bool visitor_clean(const Visitor *v)
{
    Visitor fresh;
    visitor_wipe(&fresh);
    return !memcmp(v, &fresh, sizeof fresh);
}

static void visit(bool idle)
{
    Harness h;
    support_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    char path[400];
    snprintf(path, sizeof path, "%s/log", h.dir);
    fflush(stderr);
    int keep = dup(2);
    FILE *log = fopen(path, "w+");
    assert_non_null(log);
    if (!getenv("KIOSK_LOG_HERE"))
        dup2(fileno(log), 2);
    Drive d;
    if (drive_open(&d, &h.cfg) != 0)
        fail_msg("%s", d.err);
    App *a = d.app;
    TextEngine *te = app_text(a);
    /* a need that is not sensitive is cached as any text is */
    assert_true(drive_tap(&d, "home.support"));
    assert_true(drive_tap(&d, "support.group.0"));
    assert_true(drive_tap(&d, "support.need.0"));
    drive_present(&d);
    assert_false(a->v.sup_sensitive);
    assert_true(text_cache_holds(te, "Welfare support drop-in"));
    assert_true(drive_tap(&d, "nav.exit"));
    /* the sensitive need, its service, its codes */
    assert_true(drive_tap(&d, "home.support"));
    assert_true(drive_tap(&d, "support.group.2"));
    drive_present(&d);
    assert_true(drive_tap(&d, "support.need.4"));
    drive_present(&d);
    assert_string_equal(drive_screen(&d), "support-need");
    assert_true(a->v.sup_sensitive);
    assert_true(on_screen(&d, NEED));
    assert_true(drive_tap(&d, "support.service.0"));
    drive_present(&d);
    assert_true(on_screen(&d, SERVICE));
    assert_true(drive_tap(&d, "support.take"));
    drive_present(&d);
    assert_true(on_screen(&d, "BEGIN:VCARD"));
    assert_non_null(a->sup);
    assert_non_null(a->sup->svc);
    /* shown as personal text: never in the caches */
    assert_false(text_cache_holds(te, SERVICE));
    assert_false(text_cache_holds(te, NEED));
    assert_false(text_cache_holds(te, "safe@idva.example.org"));
    if (idle)
        drive_wait(&d, (uint32_t)h.cfg.idle_s * 1000u + 1000u);
    else
        assert_true(drive_tap(&d, "nav.exit"));
    drive_present(&d);
    assert_string_equal(drive_screen(&d), "home");
    /* nothing of where the visitor was */
    assert_null(a->sup);
    assert_true(visitor_clean(&a->v));
    assert_false(on_screen(&d, "domestic"));
    assert_false(text_cache_holds(te, SERVICE));
    /* every slot of the widget list ever used is zeroed */
    Ui *ui = app_ui(a);
    for (int i = ui->n; i < ui->cap; i++)
        assert_null(memmem(ui->w_list[i].text, sizeof ui->w_list[i].text, "domestic", 8));
    /* the staff view shows nothing of it */
    assert_true(drive_goto(&d, "staff", NULL, NULL));
    assert_string_equal(drive_screen(&d), "staff");
    assert_false(on_screen(&d, "domestic"));
    assert_false(on_screen(&d, "advisers"));
    drive_close(&d);
    fflush(stderr);
    dup2(keep, 2);
    close(keep);
    static char text[65536];
    rewind(log);
    size_t n = fread(text, 1, sizeof text - 1, log);
    text[n] = '\0';
    fclose(log);
    assert_null(strstr(text, "domestic"));
    assert_null(strstr(text, "idva"));
    assert_null(strstr(text, "advisers"));
    harness_close(&h);
}

static void test_quick_exit(void **state)
{
    (void)state;
    visit(false);
}

static void test_idle_wipe(void **state)
{
    (void)state;
    visit(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quick_exit),
        cmocka_unit_test(test_idle_wipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
