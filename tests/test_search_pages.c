/* test_search_pages.c — find support's search on pages: in Urdu larger
 * text at 800x480 a word typed on the on-screen keys shows results while
 * typing, Done lists every result the directory finds on pages reached
 * by More, each page built at the whole 1.5 with every word fitting on
 * the screen, and the result on the last page opens (its own screen is
 * tested elsewhere); Back returns to the results, and Back again to find
 * support. On the demo pack. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/directory.h"

#define PAGES_MAX 48
#define RESULTS_MAX 48

static const char larger[] = "tap nav.access\ntap access.large\ntap access.done\n";
static const char word[] = "بچ";   /* "child", the start of بچہ and بچوں */

/* Every widget's words fit and it lies on the screen; built at the whole
 * 1.5 of larger text. Returns how many rules the dump breaks. */
static int whole(json_t *d, const char *label)
{
    int bad = 0;
    json_t *ws = json_object_get(d, "widgets"), *w, *size = json_object_get(d, "size");
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    size_t i;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        json_t *r = json_object_get(w, "rect");
        int x = (int)json_integer_value(json_array_get(r, 0)),
            y = (int)json_integer_value(json_array_get(r, 1)),
            rw = (int)json_integer_value(json_array_get(r, 2)),
            rh = (int)json_integer_value(json_array_get(r, 3));
        if (!json_is_true(json_object_get(w, "fits")) || x < 0 || y < 0 || x + rw > sw ||
            y + rh > sh) {
            fprintf(stderr, "%s: %s does not fit or is off the screen\n", label, id);
            bad++;
        }
    }
    double large = json_real_value(json_object_get(d, "large"));
    double fit = json_real_value(json_object_get(d, "fit"));
    if (large + 1e-9 < 1.5 || fit + 1e-9 < 1.0) {
        fprintf(stderr, "%s: built at %.2f (fit %.2f), not 1.5\n", label, large, fit);
        bad++;
    }
    return bad;
}

/* The id of the on-screen key showing text in dump d (NULL if none). */
static const char *key_for(json_t *d, const char *text)
{
    json_t *ws = json_object_get(d, "widgets"), *w;
    size_t i;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *t = json_string_value(json_object_get(w, "text"));
        if (id && t && !strncmp(id, "kbd.key.", 8) && !strcmp(t, text))
            return id;
    }
    return NULL;
}

/* Marks in seen[] each support.result.N button of d; the highest N, or
 * -1 when there is none. */
static int mark_results(json_t *d, bool seen[RESULTS_MAX])
{
    json_t *ws = json_object_get(d, "widgets"), *w;
    size_t i;
    int last = -1;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        char *end = NULL;
        if (!id || strncmp(id, "support.result.", 15))
            continue;
        long k = strtol(id + 15, &end, 10);
        if (end && *end == '\0' && k >= 0 && k < RESULTS_MAX) {
            seen[k] = true;
            last = k > last ? (int)k : last;
        }
    }
    return last;
}

/* How many results the directory itself finds for the word in Urdu. */
static int directory_count(Harness *h)
{
    char path[700], err[256];
    snprintf(path, sizeof path, "%s/content.db", h->cfg.data_dir);
    Directory *d = NULL;
    assert_int_equal(directory_open(path, &d, err, sizeof err), K_OK);
    DirItem items[RESULTS_MAX];
    int n = directory_search(d, word, "ur", items, RESULTS_MAX);
    directory_close(d);
    return n;
}

/* Urdu larger text at 800x480: the word typed on the keys, a result
 * while typing, every result on a page, the last page's result opened
 * and Back to the results, then to find support. */
static void test_urdu_larger_search_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    static const char start[] = "size 800x480 7\nlang ur\n%stap home.support\n"
                                "tap support.search\nexpect-screen support-search\n";
    /* the keys of the two letters, from the keys shown */
    char script[8192];
    snprintf(script, sizeof script, start, larger);
    strcat(script, "dump keys\n");
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "keys");
    assert_non_null(d);
    int bad = whole(d, "keys");
    char be[40], che[40];
    const char *k = key_for(d, "ب");
    assert_non_null(k);
    snprintf(be, sizeof be, "%s", k);
    k = key_for(d, "چ");
    assert_non_null(k);
    snprintf(che, sizeof che, "%s", k);
    json_decref(d);
    int n = directory_count(&h);
    assert_true(n >= 2 && n <= RESULTS_MAX);

    /* typed on the keys, then Done and More to the last page */
    int len = snprintf(script, sizeof script, start, larger);
    len += snprintf(script + len, sizeof script - (size_t)len,
                    "tap %s\ntap %s\ndump typing\ntap kbd.done\n", be, che);
    for (int p = 0; p < PAGES_MAX; p++)
        len += snprintf(script + len, sizeof script - (size_t)len,
                        "dump p%d\ntap-if support.search.more\n", p);
    assert_int_equal(harness_run(&h, script), 0);
    d = harness_dump(&h, "typing");
    assert_non_null(d);
    bad += whole(d, "typing");
    assert_string_equal(dump_text(d, "support.search.field"), word);
    assert_non_null(dump_widget(d, "support.result.0"));
    assert_non_null(dump_widget(d, "kbd.done"));
    json_decref(d);
    bool seen[RESULTS_MAX] = { false };
    int pages = 0, last_result = -1;
    for (int p = 0; p < PAGES_MAX; p++) {
        char name[16], label[32];
        snprintf(name, sizeof name, "p%d", p);
        snprintf(label, sizeof label, "results page %d", p);
        d = harness_dump(&h, name);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "support-search");
        assert_null(dump_widget(d, "kbd.done"));   /* Done hid the keys */
        bad += whole(d, label);
        int last = mark_results(d, seen);
        assert_true(last >= 0);
        json_t *more = dump_widget(d, "support.search.more");
        bool end = !more || !json_is_true(json_object_get(more, "enabled"));
        json_decref(d);
        pages = p + 1;
        last_result = last;
        if (end)
            break;
    }
    assert_true(pages > 1);
    for (int i = 0; i < RESULTS_MAX; i++)
        if (seen[i] != (i < n)) {
            fprintf(stderr, "result %d %s\n", i, seen[i] ? "shown, not found" : "on no page");
            bad++;
        }
    assert_int_equal(last_result, n - 1);

    /* the last page's result opens; Back to the results, Back again to
     * find support */
    len = snprintf(script, sizeof script, start, larger);
    len += snprintf(script + len, sizeof script - (size_t)len,
                    "tap %s\ntap %s\ntap kbd.done\n", be, che);
    for (int p = 1; p < pages; p++)
        len += snprintf(script + len, sizeof script - (size_t)len, "tap support.search.more\n");
    len += snprintf(script + len, sizeof script - (size_t)len,
                    "tap support.result.%d\ndump opened\ntap nav.back\n"
                    "expect-screen support-search\ndump back\ntap nav.back\n"
                    "expect-screen support\n",
                    last_result);
    assert_int_equal(harness_run(&h, script), 0);
    d = harness_dump(&h, "opened");
    assert_non_null(d);
    /* the need or the service that result is, with its name */
    const char *screen = dump_screen(d);
    bool need = !strcmp(screen, "support-need");
    assert_true(need || !strcmp(screen, "support-service"));
    assert_non_null(dump_text(d, need ? "support.need.title" : "support.svc.title"));
    json_decref(d);
    d = harness_dump(&h, "back");
    assert_non_null(d);
    bad += whole(d, "back");
    assert_string_equal(dump_text(d, "support.search.field"), word);
    bool none[RESULTS_MAX] = { false };
    assert_true(mark_results(d, none) >= 0);
    assert_null(dump_widget(d, "kbd.done"));
    json_decref(d);
    assert_int_equal(bad, 0);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urdu_larger_search_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
