/* test_support_screens.c — every find-support screen on the test pack, in
 * every language at 800x480, 1280x800, 1920x1080 and 720x1280, and in
 * English, Urdu and Tamil with high contrast and larger text: no text
 * clipped or under the floor size, nothing off the screen, touch targets
 * of at least 9 mm that never overlap, text at least 4.5:1 (7:1 in high
 * contrast) on what lies behind it, Quick exit, Language and the look
 * choices on each, and a way back. The rules of test_screens.c and
 * test_design.c, on screens their tours (on the demo pack) cannot reach.
 * KIOSK_SHOTS=DIR keeps a PNG of each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kiosk/i18n.h"
#include "kiosk/theme.h"
#include "support_fixture.h"

static const char *sizes[][2] = {
    { "800x480", "7" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" }, { "720x1280", "10.1" },
};

/* Each screen from home, then its dump's name. */
static const char *tour[][2] = {
    { "tap home.support\n", "groups" },
    { "tap home.support\ntap support.group.0\n", "group" },
    { "tap home.support\ntap support.group.0\ntap support.need.0\n", "need" },
    { "tap home.support\ntap support.group.0\ntap support.need.0\ntap support.service.0\n",
      "service" },
    { "tap home.support\ntap support.search\ntype foodbank\ntap kbd.done\n"
      "tap support.result.0\n", "service-long" },
    { "tap home.support\ntap support.search\ntype foodbank\ntap kbd.done\n"
      "tap support.result.0\ntap support.svc.more\n", "service-page-2" },
    { "tap home.support\ntap support.search\ntype foodbank\ntap kbd.done\n"
      "tap support.result.0\ntap support.take\n", "take" },
    { "tap home.support\ntap support.group.1\ntap support.need.2\ntap support.service.0\n"
      "tap support.take\n", "take-card" },
    { "tap home.support\ntap support.group.2\ntap support.need.4\n", "sensitive" },
    { "tap home.support\ntap support.search\n", "search" },
    { "tap home.support\ntap support.search\ntype food\n", "search-typing" },
    { "tap home.support\ntap support.search\ntype ba\ntap kbd.done\n", "search-results" },
};

static const char *looks[] = { "", "tap nav.access\ntap access.contrast\ntap access.done\n",
                               "tap nav.access\ntap access.large\ntap access.done\n" };

static ThemeRgb rgb(const char *hex)
{
    unsigned v = 0;
    if (hex && hex[0] == '#')
        sscanf(hex + 1, "%6x", &v);
    return (ThemeRgb){ (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
}

static bool tappable(const char *role)
{
    return !strcmp(role, "button") || !strcmp(role, "key") || !strcmp(role, "field");
}

static void rect(json_t *w, int r[4])
{
    json_t *a = json_object_get(w, "rect");
    for (int i = 0; i < 4; i++)
        r[i] = (int)json_integer_value(json_array_get(a, (size_t)i));
}

/* Counts the rules one dump breaks, printing each. */
static int check(json_t *d, const char *label)
{
    int bad = 0;
    json_t *ws = json_object_get(d, "widgets"), *w, *u;
    int W = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 0));
    int H = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 1));
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    int look = (int)json_integer_value(json_object_get(d, "look"));
    int floor_px = (int)json_integer_value(json_object_get(d, "floor_px"));
    double want = (look & THEME_CONTRAST) ? 7.0 : 4.5;
    bool exit = false, lang = false, access = false, back = false;
    size_t i, j;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        const char *text = json_string_value(json_object_get(w, "text"));
        int r[4];
        rect(w, r);
        exit |= !strcmp(id, "nav.exit");
        lang |= !strcmp(id, "nav.lang");
        access |= !strcmp(id, "nav.access");
        back |= !strcmp(id, "nav.back");
        if (r[0] < 0 || r[1] < 0 || r[0] + r[2] > W || r[1] + r[3] > H || r[2] <= 0 ||
            r[3] <= 0) {
            fprintf(stderr, "%s: %s: %d,%d %dx%d is off the screen\n", label, id, r[0], r[1],
                    r[2], r[3]);
            bad++;
        }
        bool words = text && text[0] && strcmp(role, "qr") && strcmp(role, "panel");
        if (words) {
            double c = theme_contrast(rgb(json_string_value(json_object_get(w, "ink"))),
                                      rgb(json_string_value(json_object_get(w, "back"))));
            double need = json_is_true(json_object_get(w, "enabled")) ? want : 4.5;
            if (c + 1e-9 < need) {
                fprintf(stderr, "%s: %s: contrast %.2f:1 under %.1f:1\n", label, id, c, need);
                bad++;
            }
            if (!json_is_true(json_object_get(w, "fits"))) {
                fprintf(stderr, "%s: %s: text does not fit: \"%.60s\"\n", label, id, text);
                bad++;
            }
            int px = (int)json_integer_value(json_object_get(w, "font_px"));
            if (strcmp(role, "key") && px < floor_px) {
                fprintf(stderr, "%s: %s: text at %d px, under %d px\n", label, id, px,
                        floor_px);
                bad++;
            }
        }
        if (!tappable(role)) {
            /* words and codes lie clear of every control, but for a
             * tile's own label and icon, wholly inside it */
            json_array_foreach(ws, j, u) {
                if (!tappable(json_string_value(json_object_get(u, "role"))))
                    continue;
                int q[4];
                rect(u, q);
                bool meet = r[0] < q[0] + q[2] && q[0] < r[0] + r[2] && r[1] < q[1] + q[3] &&
                            q[1] < r[1] + r[3];
                bool inside = r[0] >= q[0] && r[1] >= q[1] && r[0] + r[2] <= q[0] + q[2] &&
                              r[1] + r[3] <= q[1] + q[3];
                if (meet && (!inside || !strcmp(role, "qr"))) {
                    fprintf(stderr, "%s: %s lies over %s\n", label, id,
                            json_string_value(json_object_get(u, "id")));
                    bad++;
                }
            }
            continue;
        }
        if (r[2] + 0.5 < 9 * mm || r[3] + 0.5 < 9 * mm) {
            fprintf(stderr, "%s: %s: target %dx%d under 9 mm\n", label, id, r[2], r[3]);
            bad++;
        }
        json_array_foreach(ws, j, u) {
            if (j <= i || !tappable(json_string_value(json_object_get(u, "role"))))
                continue;
            int q[4];
            rect(u, q);
            if (r[0] < q[0] + q[2] && q[0] < r[0] + r[2] && r[1] < q[1] + q[3] &&
                q[1] < r[1] + r[3]) {
                fprintf(stderr, "%s: %s overlaps %s\n", label, id,
                        json_string_value(json_object_get(u, "id")));
                bad++;
            }
        }
    }
    if (!exit || !lang || !access || !back) {
        fprintf(stderr, "%s: Quick exit, Language, the look choices or Back is missing\n", label);
        bad++;
    }
    return bad;
}

/* The page of the groups (support.more from the first) each of the
 * first three groups is on, into page[]: in larger text the tiles may
 * go on pages. */
static void group_pages(Harness *h, const char *lang, int s, int look, int page[3])
{
    char script[2048];
    int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n%stap home.support\n",
                     sizes[s][0], sizes[s][1], lang, looks[look]);
    for (int p = 0; p < 4; p++)
        n += snprintf(script + n, sizeof script - (size_t)n, "dump gp%d\ntap-if support.more\n",
                      p);
    assert_int_equal(harness_run(h, script), 0);
    for (int g = 0; g < 3; g++)
        page[g] = 0;
    for (int p = 3; p >= 0; p--) {
        char name[16], id[32];
        snprintf(name, sizeof name, "gp%d", p);
        json_t *d = harness_dump(h, name);
        assert_non_null(d);
        for (int g = 0; g < 3; g++) {
            snprintf(id, sizeof id, "support.group.%d", g);
            if (dump_widget(d, id))
                page[g] = p;
        }
        json_decref(d);
    }
}

/* path with each "tap support.group.N" after as many "tap support.more"
 * as its page needs, into out. */
static void paged_path(const char *path, const int page[3], char *out, size_t cap)
{
    const char *hit = strstr(path, "tap support.group.");
    int g = hit ? hit[18] - '0' : -1;
    if (g < 0 || g > 2) {
        snprintf(out, cap, "%s", path);
        return;
    }
    int n = snprintf(out, cap, "%.*s", (int)(hit - path), path);
    for (int p = 0; p < page[g] && n > 0 && (size_t)n < cap; p++)
        n += snprintf(out + n, cap - (size_t)n, "tap support.more\n");
    if (n > 0 && (size_t)n < cap)
        snprintf(out + n, cap - (size_t)n, "%s", hit);
}

/* Runs the tour in lang at size with a look; returns the problems. */
static int run(const char *lang, int s, int look)
{
    Harness h;
    support_open(&h);
    static char script[16384];
    char path[1024];
    int page[3];
    group_pages(&h, lang, s, look, page);
    int n = snprintf(script, sizeof script, "size %s %s\n", sizes[s][0], sizes[s][1]);
    for (size_t t = 0; t < sizeof tour / sizeof tour[0]; t++) {
        paged_path(tour[t][0], page, path, sizeof path);
        n += snprintf(script + n, sizeof script - (size_t)n,
                      "tap nav.exit\nlang %s\n%s%sdump %s\n%s%s\n", lang, looks[look], path,
                      tour[t][1], getenv("KIOSK_SHOTS") ? "snap " : "#", tour[t][1]);
    }
    assert_true((size_t)n < sizeof script);
    assert_int_equal(harness_run(&h, script), 0);
    int bad = 0;
    for (size_t t = 0; t < sizeof tour / sizeof tour[0]; t++) {
        json_t *d = harness_dump(&h, tour[t][1]);
        assert_non_null(d);
        char label[128];
        snprintf(label, sizeof label, "%s %s look %d %s", sizes[s][0], lang, look, tour[t][1]);
        bad += check(d, label);
        json_decref(d);
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s-%s-%d", sizes[s][0], lang, look);
    support_keep_shots(&h, prefix);
    harness_close(&h);
    return bad;
}

static void test_every_language_every_size(void **state)
{
    (void)state;
    char err[256];
    Config c;
    config_defaults(&c);
    I18n *i = i18n_open(c.locales_dir, "en-GB", err, sizeof err);
    assert_non_null(i);
    int bad = 0;
    for (int s = 0; s < (int)(sizeof sizes / sizeof sizes[0]); s++)
        for (int l = 0; l < i18n_count(i); l++)
            bad += run(i18n_lang(i, l)->tag, s, 0);
    i18n_close(i);
    assert_int_equal(bad, 0);
}

static void test_every_look(void **state)
{
    (void)state;
    static const char *langs[] = { "en-GB", "ur", "ta" };
    int bad = 0;
    for (size_t l = 0; l < 3; l++)
        for (int s = 0; s < 4; s += 3)
            for (int k = 1; k < 3; k++)
                bad += run(langs[l], s, k);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_every_size),
        cmocka_unit_test(test_every_look),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
