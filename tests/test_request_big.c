/* test_request_big.c — the request screens on the big screens (1280x800
 * and 1920x1080) in Urdu and Tamil larger text, every page of each:
 * built at the whole 1.5, every text fitting, nothing off the screen and
 * no widget over another (at 1920x1080 in Urdu a row of the confirm's
 * last page once ran under the pager). test_design checks 800x480 and
 * 720x1280. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define LARGE "tap nav.access\ntap access.large\ntap access.done\n"
/* the most pages a screen is paged through */
#define PAGES 16
#define CONTACT "tap request.name\ntype Ewa\ntap kbd.done\ntap-if request.contact.next\n" \
    "tap request.phone\ntype 07700 900123\ntap kbd.done\n"
#define LANG_PAGES "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"
#define TO_SAFETY "tap request.contact.next\ntap request.time.morning\n" \
    "tap request.times.next\n" LANG_PAGES "tap request.interpreter.no\n" \
    "tap request.language.next\n"
#define TO_NOTE TO_SAFETY "tap request.voicemail.no\ntap-if request.safety.more\n" \
    "tap request.sayhub.no\ntap request.safety.next\n"
#define CALLBACK "tap home.callback\ntap callback.need.other\n" CONTACT
#define ADVOCATE "tap home.advocate\ntap advocate.next\ntap advocate.ask\n" CONTACT TO_NOTE \
    "tap request.date\ntype 24/11/2026\ntap kbd.done\n"
/* the meeting's last page: the kinds' last row */
#define MEETING_END "tap-if request.meeting.more\ntap-if request.meeting.more\n" \
    "tap-if request.meeting.more\ntap-if request.meeting.more\ntap-if request.meeting.more\n" \
    "tap-if request.meeting.more\ntap-if request.meeting.more\ntap-if request.meeting.more\n" \
    "tap-if request.meeting.more\ntap-if request.meeting.more\ntap-if request.meeting.more\n" \
    "tap-if request.meeting.more\ntap-if request.meeting.more\ntap-if request.meeting.more\n"

/* to the confirmation of an advocate request, its meeting soon (urgent) */
#define TO_DONE ADVOCATE MEETING_END "tap request.meeting.next\ntap request.note.next\n" \
    "tap request.send\n"

/* The callback's group 4 (safety, the most needs), More through the
 * groups until it is there */
#define GROUP_4 "tap-if callback.group.4\ntap-if callback.groups.more\n"

/* Each screen: its dump name, how it is reached from home, its pager;
 * the callback's needs by group (their pager callback.groups) and a
 * group's needs as the screen callback too. */
static const char *screens[][3] = {
    { "callback", "tap home.callback\n", "callback.groups" },
    { "callback-group", "tap home.callback\n" GROUP_4 GROUP_4 GROUP_4 GROUP_4 GROUP_4,
      "callback" },
    { "advocate", "tap home.advocate\n", "advocate.what" },
    { "advocate-more", "tap home.advocate\ntap advocate.next\n", "advocate.not" },
    { "request-contact", "tap home.callback\ntap callback.need.other\n", "request.contact" },
    { "request-times", CALLBACK "tap request.contact.next\n", "request.times" },
    { "request-language", CALLBACK "tap request.contact.next\ntap request.time.morning\n"
                          "tap request.times.next\n", "request.language" },
    { "request-safety", CALLBACK TO_SAFETY, "request.safety" },
    { "request-meeting", ADVOCATE, "request.meeting" },
    { "request-note", CALLBACK TO_NOTE, "request.note" },
    { "request-confirm", ADVOCATE MEETING_END "tap request.kind.other\n"
                         "tap request.meeting.next\ntap request.note.next\n", "request.confirm" },
    { "request-done", TO_DONE, "request.done" },
};

static int rect_at(json_t *w, int k)
{
    return (int)json_integer_value(json_array_get(json_object_get(w, "rect"), (size_t)k));
}

/* Counts what one page breaks, printing each: not at the whole size of
 * its look (larger: 1.5), a text that does not fit, a widget off the
 * screen or over another (the look choices' panel and a rule, panels
 * both, are left out). */
static int check_page(json_t *d, const char *label, double large)
{
    int bad = 0;
    if (json_real_value(json_object_get(d, "large")) < large - 1e-9 ||
        json_real_value(json_object_get(d, "fit")) < 1.0 - 1e-9) {
        fprintf(stderr, "%s: not built at the whole %.1f\n", label, large);
        bad++;
    }
    json_t *ws = json_object_get(d, "widgets"), *size = json_object_get(d, "size");
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    size_t i, j;
    json_t *w, *u;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *text = json_string_value(json_object_get(w, "text"));
        if (text && text[0] && !json_is_true(json_object_get(w, "fits"))) {
            fprintf(stderr, "%s: %s does not fit\n", label, id);
            bad++;
        }
        int x = rect_at(w, 0), y = rect_at(w, 1), rw = rect_at(w, 2), rh = rect_at(w, 3);
        if (x < 0 || y < 0 || x + rw > sw || y + rh > sh) {
            fprintf(stderr, "%s: %s off the screen\n", label, id);
            bad++;
        }
        if (!strcmp(json_string_value(json_object_get(w, "role")), "panel"))
            continue;
        json_array_foreach(ws, j, u) {
            if (j <= i || !strcmp(json_string_value(json_object_get(u, "role")), "panel"))
                continue;
            int ux = rect_at(u, 0), uy = rect_at(u, 1), uw = rect_at(u, 2), uh = rect_at(u, 3);
            if (x < ux + uw && ux < x + rw && y < uy + uh && uy < y + rh) {
                fprintf(stderr, "%s: %s over %s\n", label, id,
                        json_string_value(json_object_get(u, "id")));
                bad++;
            }
        }
    }
    return bad;
}

static void test_request_screens_on_big_screens(void **state)
{
    (void)state;
    static const char *langs[] = { "ur", "ta" };
    static const char *sizes[][2] = { { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    static char script[65536];
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            Harness h;
            harness_open(&h);
            int n = snprintf(script, sizeof script, "size %s %s\n", sizes[z][0], sizes[z][1]);
            for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
                n += snprintf(script + n, sizeof script - (size_t)n,
                              "tap nav.exit\nlang %s\n" LARGE "%s", langs[l], screens[s][1]);
                for (int p = 0; p < PAGES; p++)
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "dump %s-%d\ntap-if %s.more\n", screens[s][0], p,
                                  screens[s][2]);
            }
            assert_true(n < (int)sizeof script);
            assert_int_equal(harness_run(&h, script), 0);
            for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++)
                for (int p = 0; p < PAGES; p++) {
                    char name[48], label[96], more[48];
                    snprintf(name, sizeof name, "%s-%d", screens[s][0], p);
                    snprintf(label, sizeof label, "%s %s larger %s page %d", sizes[z][0],
                             langs[l], screens[s][0], p + 1);
                    json_t *d = harness_dump(&h, name);
                    assert_non_null(d);
                    assert_true(!strncmp(screens[s][0], dump_screen(d),
                                         strlen(dump_screen(d))));
                    bad += check_page(d, label, 1.5);
                    snprintf(more, sizeof more, "%s.more", screens[s][2]);
                    json_t *m = dump_widget(d, more);
                    bool last = !m || !json_is_true(json_object_get(m, "enabled"));
                    json_decref(d);
                    if (last)
                        break;
                }
            harness_close(&h);
        }
    assert_int_equal(bad, 0);
}

/* The confirmation of an urgent advocate request in Urdu's default look
 * at every size, each page: its words once lay under How was today?
 * and its faces at 800x480, 1280x800 and 1920x1080. */
static void test_urgent_done_every_size(void **state)
{
    (void)state;
    static const char *sizes[][2] = { { "800x480", "7" }, { "720x1280", "10.1" },
                                      { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    static char script[16384];
    int bad = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        Harness h;
        harness_open(&h);
        int n = snprintf(script, sizeof script, "size %s %s\nlang ur\n%s", sizes[z][0],
                         sizes[z][1], TO_DONE);
        for (int p = 0; p < PAGES; p++)
            n += snprintf(script + n, sizeof script - (size_t)n,
                          "dump done-%d\ntap-if request.done.more\n", p);
        assert_true(n < (int)sizeof script);
        assert_int_equal(harness_run(&h, script), 0);
        for (int p = 0; p < PAGES; p++) {
            char name[32], label[64];
            snprintf(name, sizeof name, "done-%d", p);
            snprintf(label, sizeof label, "%s ur request-done page %d", sizes[z][0], p + 1);
            json_t *d = harness_dump(&h, name);
            assert_non_null(d);
            assert_string_equal(dump_screen(d), "request-done");
            bad += check_page(d, label, 1.0);
            json_t *m = dump_widget(d, "request.done.more");
            bool last = !m || !json_is_true(json_object_get(m, "enabled"));
            json_decref(d);
            if (last)
                break;
        }
        harness_close(&h);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_screens_on_big_screens),
        cmocka_unit_test(test_urgent_done_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
