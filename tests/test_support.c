/* test_support.c — the find-support screens driven headless on the test
 * pack: two taps from Find support to a need, its services with this
 * hub's first, a service page in plain words, and back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support_fixture.h"

static void test_browse_to_a_service(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    assert_int_equal(harness_run(&h, "tap home.support\ndump groups\nsnap groups\n"
                                     "tap support.group.0\ndump group\nsnap group\n"
                                     "tap support.need.0\ndump need\nsnap need\n"
                                     "tap support.service.0\ndump service\nsnap service\n"
                                     "tap support.take\ndump take\nsnap take\n"),
                     0);
    json_t *d = harness_dump(&h, "need");
    assert_string_equal(dump_screen(d), "support-need");
    json_decref(d);
    support_keep_shots(&h, "browse");
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_browse_to_a_service),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
