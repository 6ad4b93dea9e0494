/* test_design.c — the design rules on the visitor screens, in English,
 * Urdu and Tamil, at 800x480 and 720x1280, in the default look and in each
 * look choice: text contrast computed from the colours each widget is
 * drawn with (at least 4.5:1, and 7:1 in high contrast), no text under the
 * floor size, touch targets at least 9 mm, Quick exit and the look choices
 * on every screen, and every screen with a way forward or back. The idle
 * wipe returns the default look. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "harness.h"
#include "kiosk/theme.h"

static const char *langs[] = { "en-GB", "ur", "ta" };
static const char *sizes[][2] = { { "800x480", "7" }, { "720x1280", "10.1" } };

/* How each screen is reached from home, and its dump's name. */
static const char *screens[][2] = {
    { "home", "" },
    { "language", "tap nav.lang\n" },
    { "sessions", "tap home.checkin\n" },
    { "party", "tap home.checkin\ntap checkin.session.0\n" },
    { "details", "tap home.checkin\ntap checkin.session.0\ntap party.next\n" },
    { "keyboard", "tap home.checkin\ntap checkin.session.0\ntap party.next\ntap details.name\n" },
    { "confirm", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                 "tap details.first.yes\ntap details.next\n" },
    { "thanks", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                "tap details.first.yes\ntap details.next\ntap confirm.ok\n" },
    { "support", "tap home.support\n" },
    { "callback", "tap home.callback\n" },
    { "advocate", "tap home.advocate\n" },
    /* callback and advocate requests, feedback */
#define REQ_CONTACT "tap home.callback\ntap callback.need.other\n"
#define REQ_FILLED REQ_CONTACT "tap request.name\ntype Ewa\ntap kbd.done\ntap request.phone\n" \
    "type 07700 900123\ntap kbd.done\n"
#define REQ_SAFETY REQ_FILLED "tap request.contact.next\ntap request.time.morning\n" \
    "tap request.times.next\ntap request.interpreter.no\ntap request.language.next\n"
#define REQ_NOTE REQ_SAFETY "tap request.voicemail.no\ntap request.sayhub.no\n" \
    "tap request.safety.next\n"
    { "request-contact", REQ_CONTACT },
    { "request-times", REQ_FILLED "tap request.contact.next\n" },
    { "request-language", REQ_FILLED "tap request.contact.next\ntap request.time.morning\n"
                          "tap request.times.next\n" },
    { "request-safety", REQ_SAFETY },
    { "request-note", REQ_NOTE },
    { "request-confirm", REQ_NOTE "tap request.note.next\n" },
    { "request-done", REQ_NOTE "tap request.note.next\ntap request.send\n" },
    { "feedback-thanks", REQ_NOTE "tap request.note.next\ntap request.send\n"
                         "tap feedback.face.5\n" },
    { "advocate-more", "tap home.advocate\ntap advocate.next\n" },
    { "request-meeting", "tap home.advocate\ntap advocate.next\ntap advocate.ask\n"
                         "tap request.name\ntype Ewa\ntap kbd.done\ntap request.phone\n"
                         "type 07700 900123\ntap kbd.done\ntap request.contact.next\n"
                         "tap request.time.morning\ntap request.times.next\n"
                         "tap request.interpreter.no\ntap request.language.next\n"
                         "tap request.voicemail.no\ntap request.sayhub.no\n"
                         "tap request.safety.next\ntap request.date\ntype 24/11/2026\n"
                         "tap kbd.done\n" },
    { "feedback", "tap home.feedback\n" },
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

static bool has_id(json_t *ws, const char *prefix_or_id, bool prefix)
{
    size_t i;
    json_t *w;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        size_t n = strlen(prefix_or_id);
        if (id && (prefix ? !strncmp(id, prefix_or_id, n) : !strcmp(id, prefix_or_id)))
            return true;
    }
    return false;
}

/* Counts the rules one dump breaks, printing each. */
static int check(json_t *d, const char *label)
{
    int bad = 0;
    json_t *ws = json_object_get(d, "widgets");
    int look = (int)json_integer_value(json_object_get(d, "look"));
    int floor_px = (int)json_integer_value(json_object_get(d, "floor_px"));
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    double want = (look & THEME_CONTRAST) ? 7.0 : 4.5;
    size_t i;
    json_t *w;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        const char *text = json_string_value(json_object_get(w, "text"));
        bool enabled = json_is_true(json_object_get(w, "enabled"));
        json_t *r = json_object_get(w, "rect");
        int rw = (int)json_integer_value(json_array_get(r, 2)),
            rh = (int)json_integer_value(json_array_get(r, 3));
        bool words = text && text[0] && strcmp(role, "qr") && strcmp(role, "progress") &&
                     strcmp(role, "panel");
        if (words) {
            double c = theme_contrast(rgb(json_string_value(json_object_get(w, "ink"))),
                                      rgb(json_string_value(json_object_get(w, "back"))));
            /* a control not usable yet may be quieter, never unreadable */
            double need = enabled ? want : 4.5;
            if (c + 1e-9 < need) {
                fprintf(stderr, "%s: %s: contrast %.2f:1 under %.1f:1\n", label, id, c, need);
                bad++;
            }
            if (!json_is_true(json_object_get(w, "fits"))) {
                fprintf(stderr, "%s: %s: text does not fit\n", label, id);
                bad++;
            }
            int px = (int)json_integer_value(json_object_get(w, "font_px"));
            /* keys show one letter each, and may be set smaller */
            if (strcmp(role, "key") && px < floor_px) {
                fprintf(stderr, "%s: %s: text at %d px, under the floor of %d px\n", label, id,
                        px, floor_px);
                bad++;
            }
        }
        int rx = (int)json_integer_value(json_array_get(r, 0)),
            ry = (int)json_integer_value(json_array_get(r, 1));
        json_t *size = json_object_get(d, "size");
        int sw = (int)json_integer_value(json_array_get(size, 0)),
            sh = (int)json_integer_value(json_array_get(size, 1));
        if (rx < 0 || ry < 0 || rx + rw > sw || ry + rh > sh) {
            fprintf(stderr, "%s: %s: off the screen\n", label, id);
            bad++;
        }
        bool tappable = !strcmp(role, "button") || !strcmp(role, "key") || !strcmp(role, "field");
        if (tappable && (rw < 9 * mm - 0.5 || rh < 9 * mm - 0.5)) {
            fprintf(stderr, "%s: %s: target %dx%d under 9 mm\n", label, id, rw, rh);
            bad++;
        }
    }
    /* touch targets never overlap (the look choices lie over the screen) */
    size_t j;
    json_t *u;
    json_array_foreach(ws, i, w) {
        const char *ri = json_string_value(json_object_get(w, "role"));
        if (strcmp(ri, "button") && strcmp(ri, "key") && strcmp(ri, "field"))
            continue;
        json_t *a = json_object_get(w, "rect");
        json_array_foreach(ws, j, u) {
            const char *rj = json_string_value(json_object_get(u, "role"));
            if (j <= i || (strcmp(rj, "button") && strcmp(rj, "key") && strcmp(rj, "field")))
                continue;
            json_t *b = json_object_get(u, "rect");
            int ax = (int)json_integer_value(json_array_get(a, 0)),
                ay = (int)json_integer_value(json_array_get(a, 1)),
                aw = (int)json_integer_value(json_array_get(a, 2)),
                ah = (int)json_integer_value(json_array_get(a, 3));
            int bx = (int)json_integer_value(json_array_get(b, 0)),
                by = (int)json_integer_value(json_array_get(b, 1)),
                bw = (int)json_integer_value(json_array_get(b, 2)),
                bh = (int)json_integer_value(json_array_get(b, 3));
            if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah) {
                fprintf(stderr, "%s: %s overlaps %s\n", label,
                        json_string_value(json_object_get(w, "id")),
                        json_string_value(json_object_get(u, "id")));
                bad++;
            }
        }
    }
    if (!has_id(ws, "nav.exit", false) || !has_id(ws, "nav.access", false)) {
        fprintf(stderr, "%s: no Quick exit or no look choices\n", label);
        bad++;
    }
    const char *ways[] = { "nav.back", "info.home", "thanks.done", "sessions.home", "home.checkin",
                           "error.home", "kbd.done", "request.done", "feedback.done" };
    bool way = false;
    for (size_t k = 0; k < sizeof ways / sizeof ways[0]; k++)
        way = way || has_id(ws, ways[k], false);
    if (!way) {
        fprintf(stderr, "%s: no way forward or back\n", label);
        bad++;
    }
    return bad;
}

/* Screens that reflow rather than fall back: built at the whole size of
 * their look (larger text at 1.5, every size as the theme says), in every
 * language and size tested here but those named as not yet. */
static int check_whole_size(json_t *d, const char *label, const char *screen, const char *lang,
                            const char *size)
{
    /* not yet: the details and keyboard screens in Urdu and Tamil, and
     * the info screens, may still be built smaller in larger text */
    static const char *const whole[] = { "home",    "language", "party",
                                         "sessions", "confirm", "thanks" };
    bool want = false;
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        want = want || !strcmp(whole[i], screen);
    if ((!strcmp(screen, "details") || !strcmp(screen, "keyboard")) && !strcmp(lang, "en-GB"))
        want = true;
    /* not yet: Urdu at 800x480 (its words 1.3 and 1.5 times) is built at
     * 1.25 */
    if (!strcmp(size, "800x480") && !strcmp(lang, "ur"))
        want = false;
    if (!want)
        return 0;
    int look = (int)json_integer_value(json_object_get(d, "look"));
    double large = json_real_value(json_object_get(d, "large"));
    double fit = json_real_value(json_object_get(d, "fit"));
    double need = (look & THEME_LARGE) ? 1.5 : 1.0;
    if (large + 1e-9 < need || fit + 1e-9 < 1.0) {
        fprintf(stderr, "%s: built at %.2f times (fit %.2f), not the whole %.1f\n", label, large,
                fit, need);
        return 1;
    }
    return 0;
}

static void test_every_visitor_screen_every_look(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++) {
                Harness h;
                harness_open(&h);
                char script[16384];
                int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n", sizes[z][0],
                                 sizes[z][1], langs[l]);
                for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++)
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "tap nav.exit\nlang %s\n%s%sdump %s\n", langs[l], looks[k],
                                  screens[s][1], screens[s][0]);
                assert_int_equal(harness_run(&h, script), 0);
                for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
                    json_t *d = harness_dump(&h, screens[s][0]);
                    assert_non_null(d);
                    char label[128];
                    snprintf(label, sizeof label, "%s %s look %zu %s", sizes[z][0], langs[l], k,
                             screens[s][0]);
                    bad += check(d, label);
                    bad += check_whole_size(d, label, screens[s][0], langs[l], sizes[z][0]);
                    json_decref(d);
                }
                harness_close(&h);
            }
    assert_int_equal(bad, 0);
}

/* The high-contrast palette itself: every text pair at least 7:1. */
static void test_palettes_contrast(void **state)
{
    (void)state;
    const ThemeColour pairs[][2] = {
        { COL_INK, COL_PAGE },         { COL_INK, COL_SURFACE },   { COL_INK_QUIET, COL_PAGE },
        { COL_ON_PRIMARY, COL_PRIMARY }, { COL_ACCENT, COL_SURFACE }, { COL_ON_EXIT, COL_EXIT },
        { COL_INK, COL_SELECTED },     { COL_INK, COL_NOTICE },    { COL_INK, COL_ERROR_FILL },
        { COL_OFF_INK, COL_OFF_FILL },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_true(theme_contrast(theme_colour(THEME_CONTRAST, pairs[i][0]),
                                   theme_colour(THEME_CONTRAST, pairs[i][1])) >= 7.0);
        assert_true(theme_contrast(theme_colour(0, pairs[i][0]),
                                   theme_colour(0, pairs[i][1])) >= 4.5);
    }
    assert_true(fabs(theme_contrast((ThemeRgb){ 0, 0, 0 }, (ThemeRgb){ 255, 255, 255 }) - 21.0) <
                1e-6);
}

/* The look choices last until the visitor leaves: Quick exit and the idle
 * wipe return the default look. */
static void test_wipe_returns_default_look(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap nav.access\ntap access.contrast\ntap access.large\n"
                                     "tap access.done\ndump chosen\ntap nav.exit\ndump after-exit\n"
                                     "tap nav.access\ntap access.contrast\ntap access.done\n"
                                     "tap home.support\nwait 200000\ndump after-idle\n"),
                     0);
    json_t *d = harness_dump(&h, "chosen");
    assert_int_equal(json_integer_value(json_object_get(d, "look")),
                     THEME_CONTRAST | THEME_LARGE);
    /* the home screen in English has room for the whole 1.5 times */
    assert_true(json_real_value(json_object_get(d, "large")) > 1.49);
    json_decref(d);
    d = harness_dump(&h, "after-exit");
    assert_int_equal(json_integer_value(json_object_get(d, "look")), 0);
    json_decref(d);
    d = harness_dump(&h, "after-idle");
    assert_int_equal(json_integer_value(json_object_get(d, "look")), 0);
    json_decref(d);
    harness_close(&h);
}

/* A visitor's name is shown with capitals at the start of each part,
 * in any script with case, as typed otherwise. */
static void test_names_shown_capitalised(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                                     "tap details.first.yes\ntap details.name\n"
                                     "type anna-maria \xD0\xBE\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xB0\n"
                                     "tap kbd.done\ntap details.next\ndump confirm\n"),
                     0);
    json_t *d = harness_dump(&h, "confirm");
    assert_string_equal(dump_text(d, "confirm.name"),
                        "Anna-Maria \xD0\x9E\xD0\xBB\xD0\xB5\xD0\xBD\xD0\xB0");
    json_decref(d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_palettes_contrast),
        cmocka_unit_test(test_wipe_returns_default_look),
        cmocka_unit_test(test_names_shown_capitalised),
        cmocka_unit_test(test_every_visitor_screen_every_look),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
