/* test_support_pages.c — find support on pages: where the need groups
 * or a group's needs do not all fit one screen (larger text, a tall
 * script, a small screen), every one is still reachable by Previous and
 * More, each page built at the whole size of its look, and a group
 * opened from a later page shows its own needs. On the demo pack (28
 * needs in six groups), in English, Urdu and Tamil. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/content.h"
#include "kiosk/theme.h"

#define PAGES_MAX 10

static const char larger[] = "tap nav.access\ntap access.large\ntap access.done\n";

/* Marks in seen[] each "PREFIX<n>" button of the dump (n < max); returns
 * how many it has. */
static int mark_ids(json_t *d, const char *prefix, bool *seen, int max)
{
    json_t *ws = json_object_get(d, "widgets"), *w;
    size_t i, n = strlen(prefix);
    int count = 0;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        char *end = NULL;
        if (!id || strncmp(id, prefix, n) || strcmp(role, "button"))
            continue;
        long k = strtol(id + n, &end, 10);
        if (end && *end == '\0' && k >= 0 && k < max) {
            seen[k] = true;
            count++;
        }
    }
    return count;
}

/* Every widget's words fit and it lies on the screen; built at the whole
 * size of the look. */
static int whole(json_t *d, const char *label, double want)
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
    if (large + 1e-9 < want || fit + 1e-9 < 1.0) {
        fprintf(stderr, "%s: built at %.2f (fit %.2f), not %.1f\n", label, large, fit, want);
        bad++;
    }
    return bad;
}

/* The groups' pages from the first (More until it is disabled or gone):
 * the page each group is on into page_of[], how many pages. */
static int group_pages(Harness *h, const char *size, const char *diag, const char *lang,
                       const char *look, int groups, int *page_of, int *bad)
{
    char script[4096], label[96];
    int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n%stap home.support\n", size,
                     diag, lang, look);
    for (int p = 0; p < PAGES_MAX; p++)
        n += snprintf(script + n, sizeof script - (size_t)n, "dump p%d\ntap-if support.more\n",
                      p);
    assert_int_equal(harness_run(h, script), 0);
    int pages = 0;
    for (int g = 0; g < groups; g++)
        page_of[g] = -1;
    for (int p = 0; p < PAGES_MAX; p++) {
        char name[16];
        snprintf(name, sizeof name, "p%d", p);
        json_t *d = harness_dump(h, name);
        assert_non_null(d);
        bool seen[64] = { false };
        snprintf(label, sizeof label, "%s %s %s groups page %d", size, lang,
                 look[0] ? "larger" : "default", p);
        *bad += whole(d, label, look[0] ? 1.5 : 1.0);
        int here = mark_ids(d, "support.group.", seen, 64);
        for (int g = 0; g < groups; g++)
            if (seen[g] && page_of[g] < 0)
                page_of[g] = p;
        json_t *more = dump_widget(d, "support.more");
        bool last = !more || !json_is_true(json_object_get(more, "enabled"));
        json_decref(d);
        if (here > 0 || p == 0)
            pages = p + 1;
        if (last)
            break;
    }
    return pages;
}

/* Opens group g (on page page_of of the groups) and pages through its
 * needs: each of the pack's needs of that group is on one of them, and
 * every page is whole. */
static int open_group(Harness *h, const ContentPack *pack, const char *size, const char *diag,
                      const char *lang, const char *look, int g, int page_of)
{
    char script[4096], label[96];
    int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n%stap home.support\n", size,
                     diag, lang, look);
    for (int p = 0; p < page_of; p++)
        n += snprintf(script + n, sizeof script - (size_t)n, "tap support.more\n");
    n += snprintf(script + n, sizeof script - (size_t)n,
                  "tap support.group.%d\nexpect-screen support-group\n", g);
    for (int p = 0; p < PAGES_MAX; p++)
        n += snprintf(script + n, sizeof script - (size_t)n,
                      "dump n%d\ntap-if support.group.more\n", p);
    assert_int_equal(harness_run(h, script), 0);
    bool seen[64] = { false };
    int bad = 0;
    for (int p = 0; p < PAGES_MAX; p++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", p);
        json_t *d = harness_dump(h, name);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "support-group");
        snprintf(label, sizeof label, "%s %s %s group %d page %d", size, lang,
                 look[0] ? "larger" : "default", g, p);
        bad += whole(d, label, look[0] ? 1.5 : 1.0);
        (void)mark_ids(d, "support.need.", seen, 64);
        json_t *more = dump_widget(d, "support.group.more");
        bool last = !more || !json_is_true(json_object_get(more, "enabled"));
        json_decref(d);
        if (last)
            break;
    }
    const char *gid = content_need_group(pack, (size_t)g)->id;
    for (size_t i = 0; i < content_need_count(pack) && i < 64; i++) {
        const ContentNeed *d = content_need(pack, i);
        bool mine = d->group && !strcmp(d->group, gid);
        if (mine != seen[i]) {
            fprintf(stderr, "%s %s group %d: need %zu %s\n", size, lang, g, i,
                    mine ? "not reachable" : "shown, not of this group");
            bad++;
        }
    }
    return bad;
}

/* Urdu larger text at 800x480: the groups are on pages, each reachable,
 * and the one opened from a later page shows its needs. */
static void test_urdu_larger_groups_on_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char err[512];
    ContentPack *pack = content_load(h.cfg.content_pack, err, sizeof err);
    assert_non_null(pack);
    int groups = (int)content_need_group_count(pack), page_of[64], bad = 0;
    assert_true(groups >= 2 && groups <= 64);
    int pages = group_pages(&h, "800x480", "7", "ur", larger, groups, page_of, &bad);
    assert_true(pages > 1);
    int later = -1;
    for (int g = 0; g < groups; g++) {
        if (page_of[g] < 0)
            fprintf(stderr, "group %d is on no page\n", g);
        assert_true(page_of[g] >= 0);
        if (page_of[g] > 0 && later < 0)
            later = g;
    }
    assert_true(later >= 0);
    bad += open_group(&h, pack, "800x480", "7", "ur", larger, later, page_of[later]);
    assert_int_equal(bad, 0);
    content_free(pack);
    harness_close(&h);
}

/* Every group and every need reachable and whole, in English, Urdu and
 * Tamil at four sizes, in the default look and larger text. */
static void test_every_group_reachable(void **state)
{
    (void)state;
    static const char *langs[] = { "en-GB", "ur", "ta" };
    static const char *sizes[][2] = { { "800x480", "7" }, { "720x1280", "10.1" },
                                      { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    static const char *looks[] = { "", larger };
    Harness h;
    harness_open(&h);
    char err[512];
    ContentPack *pack = content_load(h.cfg.content_pack, err, sizeof err);
    assert_non_null(pack);
    int groups = (int)content_need_group_count(pack), page_of[64], bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++) {
                (void)group_pages(&h, sizes[z][0], sizes[z][1], langs[l], looks[k], groups,
                                  page_of, &bad);
                for (int g = 0; g < groups; g++) {
                    if (page_of[g] < 0) {
                        fprintf(stderr, "%s %s look %zu: group %d on no page\n", sizes[z][0],
                                langs[l], k, g);
                        bad++;
                        continue;
                    }
                    bad += open_group(&h, pack, sizes[z][0], sizes[z][1], langs[l], looks[k], g,
                                      page_of[g]);
                }
            }
    assert_int_equal(bad, 0);
    content_free(pack);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urdu_larger_groups_on_pages),
        cmocka_unit_test(test_every_group_reachable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
