/* test_thanks.c — the check-in's thank-you keeps "How was today?" in
 * every language, at every size and in every look: the question and five
 * faces, each a whole target on the screen, clear of the other controls,
 * with its word (under it, or its label when the face is alone), beside
 * the tick, the title and the session; the countdown home on the screen
 * over no button. A tap on a face is saved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/i18n.h"

static const char *const langs[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
static const char *const sizes[][2] = {
    { "800x480", "7" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" }, { "720x1280", "10.1" },
};
static const char *const looks[] = {
    "", "tap nav.access\ntap access.contrast\ntap access.done\n",
    "tap nav.access\ntap access.large\ntap access.done\n",
};
static const char *const words[5] = { "Very bad", "Bad", "OK", "Good", "Very good" };

static void rect_of(json_t *w, int r[4])
{
    json_t *a = json_object_get(w, "rect");
    for (int i = 0; i < 4; i++)
        r[i] = (int)json_integer_value(json_array_get(a, (size_t)i));
}

/* The problems of one thank-you dump (printed). */
static int check_thanks(json_t *d, const char *label, I18n *i18n, int li)
{
    int bad = 0;
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    json_t *size = json_object_get(d, "size");
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    const char *keep[] = { "thanks.tick", "thanks.title", "thanks.text", "thanks.done",
                           "feedback.question", "thanks.countdown" };
    for (size_t k = 0; k < sizeof keep / sizeof *keep; k++)
        if (!dump_widget(d, keep[k])) {
            fprintf(stderr, "%s: no %s\n", label, keep[k]);
            bad++;
        }
    /* the countdown on the screen, clear of every button */
    json_t *c = dump_widget(d, "thanks.countdown");
    size_t ci;
    json_t *b;
    json_array_foreach(c ? json_object_get(d, "widgets") : NULL, ci, b) {
        int r[4], q[4];
        rect_of(c, r);
        rect_of(b, q);
        if (strcmp(json_string_value(json_object_get(b, "role")), "button"))
            continue;
        if (r[0] < 0 || r[1] < 0 || r[0] + r[2] > sw || r[1] + r[3] > sh ||
            (q[0] < r[0] + r[2] && r[0] < q[0] + q[2] && q[1] < r[1] + r[3] &&
             r[1] < q[1] + q[3])) {
            fprintf(stderr, "%s: the countdown is off the screen or over %s\n", label,
                    json_string_value(json_object_get(b, "id")));
            bad++;
        }
    }
    for (int i = 0; i < 5; i++) {
        char id[32];
        snprintf(id, sizeof id, "feedback.face.%d", i + 1);
        json_t *f = dump_widget(d, id);
        if (!f) {
            fprintf(stderr, "%s: no %s\n", label, id);
            bad++;
            continue;
        }
        int r[4];
        rect_of(f, r);
        const char *text = json_string_value(json_object_get(f, "text"));
        const char *word = json_string_value(json_object_get(f, "label"));
        const char *want = i18n_get(i18n, li, NULL, words[i]);
        if (strcmp(text[0] ? text : word ? word : "", want) != 0) {
            fprintf(stderr, "%s: %s says \"%s\", not \"%s\"\n", label, id, text[0] ? text : "",
                    want);
            bad++;
        }
        if (!json_is_true(json_object_get(f, "fits")) || r[2] < 9 * mm - 0.5 ||
            r[3] < 9 * mm - 0.5 || r[0] < 0 || r[1] < 0 || r[0] + r[2] > sw || r[1] + r[3] > sh) {
            fprintf(stderr, "%s: %s %dx%d at %d,%d: not a whole target on the screen\n", label,
                    id, r[2], r[3], r[0], r[1]);
            bad++;
        }
        /* clear of every other widget but the page's panels */
        size_t j;
        json_t *o;
        json_array_foreach(json_object_get(d, "widgets"), j, o) {
            const char *oid = json_string_value(json_object_get(o, "id"));
            const char *role = json_string_value(json_object_get(o, "role"));
            if (!strcmp(oid, id) || !strcmp(role, "panel") || !strcmp(role, "progress"))
                continue;
            int q[4];
            rect_of(o, q);
            if (q[0] < r[0] + r[2] && r[0] < q[0] + q[2] && q[1] < r[1] + r[3] &&
                r[1] < q[1] + q[3]) {
                fprintf(stderr, "%s: %s overlaps %s\n", label, id, oid);
                bad++;
            }
        }
    }
    return bad;
}

static void test_faces_every_language_size_look(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char err[256];
    I18n *i18n = i18n_open(cfg.locales_dir, "en-GB", err, sizeof err);
    assert_non_null(i18n);
    int bad = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        Harness h;
        harness_open(&h);
        char script[8192];
        int n = snprintf(script, sizeof script, "size %s %s\n", sizes[z][0], sizes[z][1]);
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            for (size_t k = 0; k < sizeof looks / sizeof *looks; k++)
                n += snprintf(script + n, sizeof script - (size_t)n,
                              "tap nav.exit\nlang %s\n%stap home.checkin\ntap checkin.session.0\n"
                              "tap party.next\ntap details.first.no\ntap details.next\n"
                              "tap-if details.next\ntap confirm.ok\ndump t-%zu-%zu\n",
                              langs[l], looks[k], l, k);
        assert_true(n < (int)sizeof script);
        assert_int_equal(harness_run(&h, script), 0);
        for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
            for (size_t k = 0; k < sizeof looks / sizeof *looks; k++) {
                char name[32], label[96];
                snprintf(name, sizeof name, "t-%zu-%zu", l, k);
                snprintf(label, sizeof label, "thanks %s %s look %zu", langs[l], sizes[z][0], k);
                json_t *d = harness_dump(&h, name);
                assert_non_null(d);
                assert_string_equal(dump_screen(d), "thanks");
                bad += check_thanks(d, label, i18n, i18n_find(i18n, langs[l]));
                json_decref(d);
            }
        harness_close(&h);
    }
    i18n_close(i18n);
    assert_int_equal(bad, 0);
}

/* One tap on a face (alone, in Urdu larger text at 800x480) saves it. */
static void test_face_alone_saves(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "lang ur\ntap nav.access\ntap access.large\ntap access.done\n"
                                     "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                                     "tap details.first.no\ntap details.next\n"
                                     "tap-if details.next\ntap confirm.ok\n"
                                     "tap feedback.face.4\nexpect-screen feedback-thanks\n"),
                     0);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faces_every_language_size_look),
        cmocka_unit_test(test_face_alone_saves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
