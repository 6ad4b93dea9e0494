/* test_request_pages.c — the request screens on pages (larger text in
 * Urdu at 800x480, where a page cannot hold every row): each page built
 * at the whole 1.5 with Previous and More and the forward button on it;
 * every language choice reachable through the pages and one picked on the
 * second page saved into the record; the two safety answers on their own
 * pages saved; the name and the number a page each, Back a page back;
 * and every page of the five screens built whole in every language, four
 * sizes and two looks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define LARGE "size 800x480 7\nlang ur\ntap nav.access\ntap access.large\ntap access.done\n"
#define TO_CONTACT "tap home.callback\ntap callback.need.other\n"
#define NAME "tap request.name\ntype Ewa\ntap kbd.done\n"
#define PHONE "tap request.phone\ntype 07700 900123\ntap kbd.done\n"
#define TO_LANGUAGE TO_CONTACT NAME "tap request.contact.next\n" PHONE \
    "tap request.contact.next\ntap request.time.morning\ntap request.times.next\n"
/* the same where the name and the number may share a page */
#define TO_LANGUAGE_ANY TO_CONTACT NAME "tap-if request.contact.next\n" PHONE \
    "tap request.contact.next\ntap request.time.morning\ntap request.times.next\n"
#define MORE3 "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"

/* The outbox's one callback record (caller frees). */
static json_t *callback_record(Harness *h)
{
    sqlite3 *db = harness_db(h);
    sqlite3_stmt *st = NULL;
    assert_non_null(db);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT payload FROM outbox WHERE type = 'callback'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    json_t *p = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_non_null(p);
    return p;
}

/* A page of a screen on pages: at the whole 1.5, the forward button and
 * Previous and More on it (or, while the forward button waits, why). */
static void assert_page(json_t *d, const char *pager, const char *next)
{
    char more[64], prev[64], reason[64];
    snprintf(more, sizeof more, "%s.more", pager);
    snprintf(prev, sizeof prev, "%s.prev", pager);
    snprintf(reason, sizeof reason, "%s.reason", pager);
    assert_true(json_real_value(json_object_get(d, "large")) > 1.49);
    assert_true(json_real_value(json_object_get(d, "fit")) > 0.99);
    assert_non_null(dump_widget(d, next));
    assert_true((dump_widget(d, more) && dump_widget(d, prev)) || dump_widget(d, reason));
}

static void test_every_language_reachable_and_saved(void **state)
{
    (void)state;
    static const char *const tags[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    enum { NTAGS = sizeof tags / sizeof tags[0], PAGES = 5 };
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, LARGE TO_LANGUAGE "dump p0\ntap-if request.language.more\n"
                                                      "dump p1\ntap-if request.language.more\n"
                                                      "dump p2\ntap-if request.language.more\n"
                                                      "dump p3\ntap-if request.language.more\n"
                                                      "dump p4\n"),
                     0);
    int seen[NTAGS] = { 0 }, pages_with_choices = 0;
    unsigned before = 0;
    char second[64] = "";
    for (int p = 0; p < PAGES; p++) {
        char name[16];
        snprintf(name, sizeof name, "p%d", p);
        json_t *d = harness_dump(&h, name);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "request-language");
        assert_page(d, "request.language", "request.language.next");
        unsigned mask = 0;
        for (int t = 0; t < NTAGS; t++) {
            char id[64];
            snprintf(id, sizeof id, "request.lang.%s", tags[t]);
            if (dump_widget(d, id))
                mask |= 1u << t;
        }
        /* the last page shown again (More tapped once more) counts once */
        if (mask && mask != before) {
            pages_with_choices++;
            for (int t = 0; t < NTAGS; t++)
                if (mask & (1u << t)) {
                    seen[t]++;
                    if (pages_with_choices == 2 && !second[0])
                        snprintf(second, sizeof second, "%s", tags[t]);
                }
        }
        before = mask;
        json_decref(d);
    }
    /* on pages, and every choice on exactly one of them */
    assert_true(pages_with_choices >= 2);
    for (int t = 0; t < NTAGS; t++)
        assert_int_equal(seen[t], 1);
    assert_true(second[0] != '\0');
    assert_string_not_equal(second, "ur");
    harness_close(&h);

    /* the language picked on the second page goes into the record */
    harness_open(&h);
    char script[2048];
    snprintf(script, sizeof script,
             LARGE TO_LANGUAGE "tap request.language.more\ntap request.lang.%s\n"
             "tap request.language.prev\ntap request.language.more\ndump picked\n" MORE3
             "tap request.interpreter.yes\ntap request.language.next\n"
             "tap request.voicemail.no\ntap-if request.safety.more\ntap request.sayhub.yes\n"
             "tap request.safety.next\ntap request.note.next\ntap request.send\n"
             "expect-screen request-done\n",
             second);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "picked");
    char id[96];
    snprintf(id, sizeof id, "request.lang.%s", second);
    json_t *w = dump_widget(d, id);
    assert_non_null(w);
    assert_true(json_is_true(json_object_get(w, "checked")));
    json_decref(d);
    json_t *rec = callback_record(&h);
    assert_string_equal(json_string_value(json_object_get(rec, "language")), second);
    assert_true(json_is_true(json_object_get(rec, "interpreter")));
    json_decref(rec);
    harness_close(&h);
}

/* The two safety questions a page each: the second's Next waits with its
 * reason, Back goes a page back, both answers are saved. */
static void test_safety_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, LARGE TO_LANGUAGE MORE3
                                 "tap request.interpreter.no\ntap request.language.next\n"
                                 "dump first\ntap request.voicemail.no\n"
                                 "tap request.safety.more\ndump second\ntap nav.back\n"
                                 "dump back\ntap request.safety.next\ntap request.sayhub.yes\n"
                                 "dump answered\ntap request.safety.next\n"
                                 "expect-screen request-note\ntap request.note.next\n"
                                 "tap request.send\nexpect-screen request-done\n"),
                     0);
    static const struct {
        const char *dump, *shown, *hidden;
    } want[] = {
        { "first", "request.voicemail.yes", "request.sayhub.yes" },
        { "second", "request.sayhub.yes", "request.voicemail.yes" },
        { "back", "request.voicemail.no", "request.sayhub.yes" },
        { "answered", "request.sayhub.yes", "request.voicemail.yes" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        json_t *d = harness_dump(&h, want[i].dump);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "request-safety");
        assert_page(d, "request.safety", "request.safety.next");
        assert_non_null(dump_widget(d, want[i].shown));
        assert_null(dump_widget(d, want[i].hidden));
        json_decref(d);
    }
    /* the last page waits for its answer, and says why */
    json_t *d = harness_dump(&h, "second");
    assert_false(json_is_true(json_object_get(dump_widget(d, "request.safety.next"), "enabled")));
    assert_non_null(dump_widget(d, "request.safety.reason"));
    json_decref(d);
    json_t *rec = callback_record(&h);
    assert_true(json_is_false(json_object_get(rec, "safe_to_leave_message")));
    assert_true(json_is_true(json_object_get(rec, "safe_to_say_caller")));
    json_decref(rec);
    harness_close(&h);
}

/* The name and the number a page each: typing returns to the page typed
 * on, Next goes from the name to the number, Back a page back. */
static void test_contact_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, LARGE TO_CONTACT "dump empty\n" NAME "dump named\n"
                                                     "tap request.contact.next\n" PHONE
                                                     "dump phoned\ntap nav.back\ndump back\n"
                                                     "tap request.contact.next\n"
                                                     "tap request.contact.next\n"
                                                     "expect-screen request-times\n"),
                     0);
    static const struct {
        const char *dump, *shown, *hidden;
        bool next;
    } want[] = {
        { "empty", "request.name", "request.phone", false },
        { "named", "request.name", "request.phone", true },
        { "phoned", "request.phone", "request.name", true },
        { "back", "request.name", "request.phone", true },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        json_t *d = harness_dump(&h, want[i].dump);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "request-contact");
        assert_true(json_real_value(json_object_get(d, "large")) > 1.49);
        assert_non_null(dump_widget(d, want[i].shown));
        assert_null(dump_widget(d, want[i].hidden));
        json_t *next = dump_widget(d, "request.contact.next");
        assert_non_null(next);
        assert_int_equal(json_is_true(json_object_get(next, "enabled")), want[i].next);
        /* a Next that waits says why */
        if (!want[i].next)
            assert_non_null(dump_widget(d, "request.contact.reason"));
        json_decref(d);
    }
    json_t *d = harness_dump(&h, "phoned");
    assert_string_equal(dump_text(d, "request.phone"), "07700 900123");
    json_decref(d);
    harness_close(&h);
}

/* Every page of the five screens, in every language, four sizes, the
 * default look and larger text: built at the whole size of its look (no
 * smaller build), every word fitting, on the screen. */
static void test_every_page_whole(void **state)
{
    (void)state;
    static const char *const all[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    static const char *const sizes[][2] = { { "800x480", "7" }, { "720x1280", "10.1" },
                                            { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    static const char *const looks[] = { "",
                                         "tap nav.access\ntap access.large\ntap access.done\n" };
    static const char *const paths[] = {
        TO_CONTACT,
        TO_CONTACT NAME "tap-if request.contact.next\n",
        TO_CONTACT NAME "tap-if request.contact.next\n" PHONE,
        TO_CONTACT NAME "tap-if request.contact.next\n" PHONE "tap request.contact.next\n",
        TO_LANGUAGE_ANY,
        TO_LANGUAGE_ANY "tap-if request.language.more\n",
        TO_LANGUAGE_ANY "tap-if request.language.more\ntap-if request.language.more\n",
        TO_LANGUAGE_ANY MORE3,
        TO_LANGUAGE_ANY MORE3 "tap request.interpreter.no\ntap request.language.next\n",
        TO_LANGUAGE_ANY MORE3 "tap request.interpreter.no\ntap request.language.next\n"
                          "tap request.voicemail.no\ntap-if request.safety.more\n",
        TO_LANGUAGE_ANY MORE3 "tap request.interpreter.no\ntap request.language.next\n"
                          "tap request.voicemail.no\ntap-if request.safety.more\n"
                          "tap request.sayhub.no\ntap request.safety.next\n",
    };
    enum { NPATHS = sizeof paths / sizeof paths[0] };
    int bad = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (size_t l = 0; l < sizeof all / sizeof all[0]; l++) {
            Harness h;
            harness_open(&h);
            static char script[32768];
            int n = snprintf(script, sizeof script, "size %s %s\n", sizes[z][0], sizes[z][1]);
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++)
                for (int p = 0; p < NPATHS; p++)
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "tap nav.exit\nlang %s\n%s%sdump d%zu-%d\n", all[l], looks[k],
                                  paths[p], k, p);
            assert_true(n < (int)sizeof script);
            assert_int_equal(harness_run(&h, script), 0);
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++)
                for (int p = 0; p < NPATHS; p++) {
                    char name[16];
                    snprintf(name, sizeof name, "d%zu-%d", k, p);
                    json_t *d = harness_dump(&h, name);
                    assert_non_null(d);
                    double large = json_real_value(json_object_get(d, "large"));
                    double fit = json_real_value(json_object_get(d, "fit"));
                    if (large + 1e-9 < (k ? 1.5 : 1.0) || fit + 1e-9 < 1.0) {
                        fprintf(stderr, "%s %s look %zu %s (path %d): built at %.2f, fit %.2f\n",
                                sizes[z][0], all[l], k, dump_screen(d), p, large, fit);
                        bad++;
                    }
                    json_t *ws = json_object_get(d, "widgets"), *w;
                    size_t i;
                    json_array_foreach(ws, i, w) {
                        if (!json_is_true(json_object_get(w, "fits"))) {
                            fprintf(stderr, "%s %s look %zu %s: %s does not fit\n", sizes[z][0],
                                    all[l], k, dump_screen(d),
                                    json_string_value(json_object_get(w, "id")));
                            bad++;
                        }
                    }
                    json_decref(d);
                }
            harness_close(&h);
        }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_reachable_and_saved),
        cmocka_unit_test(test_safety_pages),
        cmocka_unit_test(test_contact_pages),
        cmocka_unit_test(test_every_page_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
