/* test_directory_app.c — the directory in the running kiosk (headless):
 * the configured pack imported at start and its services held in
 * content.db (the pack in memory has none), a newer pack at the
 * configured path imported at the next start, and the services left out
 * shown to staff with their JSON paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/directory.h"
#include "kiosk/import.h"

#define SMALL "tests/data/directory/small-pack.json"

static const char *version_in(Harness *h, size_t *count)
{
    static char v[64];
    char db[700], err[300];
    import_db_path(h->cfg.data_dir, db, sizeof db);
    Directory *d = NULL;
    assert_int_equal(directory_open(db, &d, err, sizeof err), K_OK);
    if (directory_meta(d, "version", v, sizeof v) != K_OK)
        v[0] = '\0';
    *count = directory_service_count(d);
    directory_close(d);
    return v;
}

static void test_imported_at_start_and_shown_to_staff(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    snprintf(h.cfg.content_pack, sizeof h.cfg.content_pack, "%s", SMALL);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    assert_int_equal(harness_run(&h, "press home.hub 3100\nexpect-screen staff-pin\n"
                                     "tap staff.pin.2\ntap staff.pin.5\ntap staff.pin.8\n"
                                     "tap staff.pin.0\ntap staff.pin.enter\n"
                                     "expect-screen staff\ndump staff\n"), 0);
    size_t n;
    assert_string_equal(version_in(&h, &n), "2026-12-01.1");
    assert_int_equal(n, 7);
    json_t *d = harness_dump(&h, "staff");
    const char *dev = dump_text(d, "staff.device");
    assert_non_null(dev);
    assert_non_null(strstr(dev, "1 service left out of the directory: services[4].name: "
                                "is missing."));
    json_decref(d);
    /* a newer pack dropped at the configured path goes in at the next start */
    char newer[420];
    snprintf(newer, sizeof newer, "%.400s/newer.json", h.dir);
    json_t *p = json_load_file(SMALL, 0, NULL);
    json_object_set_new(p, "version", json_string("2026-12-24.1"));
    json_array_remove(json_object_get(p, "services"), 4);
    assert_int_equal(json_dump_file(p, newer, 0), 0);
    json_decref(p);
    snprintf(h.cfg.content_pack, sizeof h.cfg.content_pack, "%s", newer);
    assert_int_equal(harness_run(&h, "press home.hub 3100\ntap staff.pin.2\ntap staff.pin.5\n"
                                     "tap staff.pin.8\ntap staff.pin.0\ntap staff.pin.enter\n"
                                     "dump staff2\n"), 0);
    assert_string_equal(version_in(&h, &n), "2026-12-24.1");
    d = harness_dump(&h, "staff2");
    dev = dump_text(d, "staff.device");
    assert_non_null(strstr(dev, "Content 2026-12-24.1"));
    assert_null(strstr(dev, "left out"));
    json_decref(d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_imported_at_start_and_shown_to_staff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
