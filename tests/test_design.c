/* test_design.c — the design rules on the visitor screens, in all seven
 * languages, at 800x480, 720x1280, 1280x800 and 1920x1080, in the
 * default look and in each look choice: text contrast computed from the colours each widget is
 * drawn with (at least 4.5:1, and 7:1 in high contrast), no text under the
 * floor size, touch targets at least 9 mm, Quick exit and the look choices
 * on every screen, and every screen with a way forward or back; each
 * screen built at the whole size of its look (larger text at 1.5), none
 * set smaller; the check-in's sessions, party, details,
 * keyboard and thank-you and feedback at 1280x800 and 1920x1080 too;
 * Start again never on the end side; the check-in's progress
 * dots beside the bar's buttons. The idle wipe returns the default
 * look. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <SDL2/SDL.h>

#include "harness.h"
#include "kiosk/theme.h"

/* The request screens on pages (larger text, a tall script): More to the
 * interpreter question, to the second safety question, Next from the name
 * to the number; each a tap only where that screen is on pages. */
#define LANG_PAGES "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"
#define SAFETY_PAGE "tap-if request.safety.more\n"
#define CONTACT_PAGE "tap-if request.contact.next\n"

static const char *langs[] = { "en-GB", "ur", "ta", "pl", "bg", "ro", "uk" };
static const char *sizes[][2] = {
    { "800x480", "7" }, { "720x1280", "10.1" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" },
};

/* How each screen is reached from home, and its dump's name. */
static const char *screens[][2] = {
    { "home", "" },
    { "language", "tap nav.lang\n" },
    { "sessions", "tap home.checkin\n" },
    { "party", "tap home.checkin\ntap checkin.session.0\n" },
    { "details", "tap home.checkin\ntap checkin.session.0\ntap party.next\n" },
    /* on pages (larger text in a tall script) an answer goes on to the
     * fields */
    { "details-fields", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                        "tap details.first.yes\n" },
    /* the confirm screen, or the postcode's own page when each field has
     * one (details_pages) */
    { "details-next", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                      "tap details.first.yes\ntap details.next\n" },
    { "keyboard", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                  "tap details.first.yes\ntap details.name\n" },
    { "confirm", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                 "tap details.first.yes\ntap details.next\n" },
    { "thanks", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                "tap details.first.yes\ntap details.next\ntap confirm.ok\n" },
    { "support", "tap home.support\n" },
    { "callback", "tap home.callback\n" },
    { "advocate", "tap home.advocate\n" },
    /* callback and advocate requests, feedback */
#define REQ_CONTACT "tap home.callback\ntap callback.need.other\n"
#define REQ_FILLED REQ_CONTACT "tap request.name\ntype Ewa\ntap kbd.done\n" \
    CONTACT_PAGE "tap request.phone\n" \
    "type 07700 900123\ntap kbd.done\n"
#define REQ_SAFETY REQ_FILLED "tap request.contact.next\ntap request.time.morning\n" \
    "tap request.times.next\n" LANG_PAGES "tap request.interpreter.no\ntap request.language.next\n"
#define REQ_NOTE REQ_SAFETY "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n" \
    "tap request.safety.next\n"
    { "request-contact", REQ_CONTACT },
    { "request-times", REQ_FILLED "tap request.contact.next\n" },
    { "request-language", REQ_FILLED "tap request.contact.next\ntap request.time.morning\n"
                          "tap request.times.next\n" },
    { "request-safety", REQ_SAFETY },
    { "request-note", REQ_NOTE },
    { "request-confirm", REQ_NOTE "tap request.note.next\n" },
    { "request-done", REQ_NOTE "tap request.note.next\ntap request.send\n" },
    /* the faces on the last page when the confirmation is on pages */
    { "feedback-thanks", REQ_NOTE "tap request.note.next\ntap request.send\n"
                         "tap-if request.done.more\ntap-if request.done.more\n"
                         "tap-if request.done.more\ntap-if request.done.more\n"
                         "tap feedback.face.5\n" },
    { "advocate-more", "tap home.advocate\ntap advocate.next\n" },
    { "request-meeting", "tap home.advocate\ntap advocate.next\ntap advocate.ask\n"
                         "tap request.name\ntype Ewa\ntap kbd.done\n"
                         CONTACT_PAGE "tap request.phone\n"
                         "type 07700 900123\ntap kbd.done\ntap request.contact.next\n"
                         "tap request.time.morning\ntap request.times.next\n"
                         LANG_PAGES "tap request.interpreter.no\ntap request.language.next\n"
                         "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n"
                         "tap request.safety.next\ntap request.date\ntype 24/11/2026\n"
                         "tap kbd.done\n" },
    { "feedback", "tap home.feedback\n" },
    /* the feedback thank-you once a comment is typed: Done and Send
     * comment share the bottom row */
    { "feedback-typed", "tap home.feedback\ntap feedback.face.4\ntap feedback.comment\n"
                        "type Lovely staff, thank you\ntap kbd.done\n" },
    /* find support under the groups: a group's needs, a need's services,
     * a service, take-home, the search while typing and its results */
    { "support-group", "tap home.support\ntap support.group.0\n" },
    { "support-need", "tap home.support\ntap support.group.0\ntap support.need.0\n" },
    { "support-service", "tap home.support\ntap support.group.0\ntap support.need.0\n"
                         "tap support.service.0\n" },
    { "support-take", "tap home.support\ntap support.group.0\ntap support.need.0\n"
                      "tap support.service.0\ntap support.take\n" },
    { "support-search", "tap home.support\ntap support.search\ntype food\n" },
    { "support-results", "tap home.support\ntap support.search\ntype food\ntap kbd.done\n" },
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

/* A widget's rectangle in a dump. */
static SDL_Rect dump_rect(json_t *w)
{
    json_t *r = json_object_get(w, "rect");
    return (SDL_Rect){ (int)json_integer_value(json_array_get(r, 0)),
                       (int)json_integer_value(json_array_get(r, 1)),
                       (int)json_integer_value(json_array_get(r, 2)),
                       (int)json_integer_value(json_array_get(r, 3)) };
}

/* The check-in's progress dots (nav.progress) lie in the top bar, beside
 * Back (or beside the end buttons on a bar's second row), over none of
 * its buttons: the bar's words give way so they keep their place
 * (docs/design.md). Returns 1 (printed) when they do not, else 0. */
static int check_dots(json_t *ws, const char *label)
{
    json_t *p = NULL, *w;
    size_t i;
    json_array_foreach(ws, i, w) {
        if (!strcmp(json_string_value(json_object_get(w, "id")), "nav.progress"))
            p = w;
    }
    if (!p)
        return 0;
    SDL_Rect dots = dump_rect(p);
    int top = -1, bottom = -1;
    bool over = false;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        if (strncmp(id, "nav.", 4) || strcmp(role, "button"))
            continue;
        SDL_Rect b = dump_rect(w);
        top = top < 0 || b.y < top ? b.y : top;
        bottom = b.y + b.h > bottom ? b.y + b.h : bottom;
        over = over || SDL_HasIntersection(&dots, &b);
    }
    if (over || dots.y < top || dots.y + dots.h > bottom) {
        fprintf(stderr, "%s: the progress dots at y %d..%d are not beside the bar's buttons "
                "(%d..%d)%s\n", label, dots.y, dots.y + dots.h, top, bottom,
                over ? ", they lie over one" : "");
        return 1;
    }
    return 0;
}

/* Start again, where a screen has it beside or instead of its forward
 * button, sits at the bottom start (the left, or the right in a
 * right-to-left language) or takes the whole row, never at the end
 * where the forward button goes (docs/design.md, Layout rules); the
 * check-in's sessions.home is that screen's forward button. Returns the
 * number (printed) that do not. */
static int check_start_again(json_t *d, json_t *ws, const char *label)
{
    static const char *const ids[] = { "info.home", "support.home", "error.home",
                                       "request.error.home" };
    bool rtl = json_is_true(json_object_get(d, "rtl"));
    int sw = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 0));
    int bad = 0;
    size_t i;
    json_t *w;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        bool home = false;
        for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++)
            home = home || !strcmp(id, ids[k]);
        if (!home)
            continue;
        SDL_Rect r = dump_rect(w);
        int start = rtl ? sw - r.x - r.w : r.x, end = rtl ? r.x : sw - r.x - r.w;
        if (start > end) {
            fprintf(stderr, "%s: %s at the end side (%d px from the start, %d from the end)\n",
                    label, id, start, end);
            bad++;
        }
    }
    return bad;
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
    bad += check_dots(ws, label);
    bad += check_start_again(d, ws, label);
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

/* Every visitor screen reflows rather than falls back: built at the whole
 * size of its look (larger text at 1.5, every size as the theme says), in
 * every language and size tested here. */
static int check_whole_size(json_t *d, const char *label)
{
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

/* Copies path to out (cap bytes), each "tap details.next" twice when the
 * details screen has a page for each field (twice) and once otherwise. */
static void details_path(const char *path, bool twice, char *out, size_t cap)
{
    static const char next[] = "tap details.next\n";
    const char *hit = twice ? strstr(path, next) : NULL;
    if (!hit) {
        snprintf(out, cap, "%s", path);
        return;
    }
    snprintf(out, cap, "%.*s%s%s", (int)(hit - path), path, next, hit);
}

/* True when, in this size, language and look, the details screen shows
 * its fields on two pages (the postcode after the name). */
static bool details_pages(const char *size, const char *diag, const char *lang, const char *look)
{
    Harness h;
    harness_open(&h);
    char script[1024];
    snprintf(script, sizeof script,
             "size %s %s\nlang %s\n%stap home.checkin\ntap checkin.session.0\n"
             "tap party.next\ntap details.first.yes\ntap details.next\ndump probe\n",
             size, diag, lang, look);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "probe");
    assert_non_null(d);
    bool twice = !strcmp(dump_screen(d), "details");
    json_decref(d);
    harness_close(&h);
    return twice;
}

/* The look choices' own widgets (access.*), drawn over the screen: their
 * words fit, on the screen, each target 9 mm, none over another. */
static int check_access_panel(json_t *d, const char *label)
{
    int bad = 0;
    json_t *ws = json_object_get(d, "widgets");
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    int floor_px = (int)json_integer_value(json_object_get(d, "floor_px"));
    json_t *size = json_object_get(d, "size");
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    SDL_Rect btn[8];
    int nb = 0;
    size_t i;
    json_t *w;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        if (strncmp(id, "access.", 7) || !strcmp(role, "panel"))
            continue;
        json_t *r = json_object_get(w, "rect");
        SDL_Rect q = { (int)json_integer_value(json_array_get(r, 0)),
                       (int)json_integer_value(json_array_get(r, 1)),
                       (int)json_integer_value(json_array_get(r, 2)),
                       (int)json_integer_value(json_array_get(r, 3)) };
        if (!json_is_true(json_object_get(w, "fits")) ||
            (int)json_integer_value(json_object_get(w, "font_px")) < floor_px) {
            fprintf(stderr, "%s: %s: text does not fit, or under the floor\n", label, id);
            bad++;
        }
        if (q.x < 0 || q.y < 0 || q.x + q.w > sw || q.y + q.h > sh) {
            fprintf(stderr, "%s: %s: off the screen\n", label, id);
            bad++;
        }
        if (strcmp(role, "button"))
            continue;
        if (q.w < 9 * mm - 0.5 || q.h < 9 * mm - 0.5) {
            fprintf(stderr, "%s: %s: target %dx%d under 9 mm\n", label, id, q.w, q.h);
            bad++;
        }
        for (int k = 0; k < nb; k++)
            if (SDL_HasIntersection(&q, &btn[k])) {
                fprintf(stderr, "%s: %s overlaps another of the look choices\n", label, id);
                bad++;
            }
        if (nb < 8)
            btn[nb++] = q;
    }
    if (nb != 3) {
        fprintf(stderr, "%s: %d look-choice buttons, not 3\n", label, nb);
        bad++;
    }
    return bad;
}

/* The look choices open over home in every language, size and look, and
 * fit (in Urdu larger text at 800x480 their Done once lay over them). */
static void test_access_panel_fits(void **state)
{
    (void)state;
    static const char *const all[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    static const char *const more[][2] = { { "800x480", "7" },   { "720x1280", "10.1" },
                                           { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    int bad = 0;
    for (size_t z = 0; z < sizeof more / sizeof more[0]; z++) {
        Harness h;
        harness_open(&h);
        char script[16384];
        int n = snprintf(script, sizeof script, "size %s %s\n", more[z][0], more[z][1]);
        for (size_t l = 0; l < sizeof all / sizeof all[0]; l++)
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++)
                n += snprintf(script + n, sizeof script - (size_t)n,
                              "tap nav.exit\nlang %s\n%stap nav.access\ndump a-%zu-%zu\n"
                              "tap access.done\n", all[l], looks[k], l, k);
        assert_int_equal(harness_run(&h, script), 0);
        for (size_t l = 0; l < sizeof all / sizeof all[0]; l++)
            for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++) {
                char name[32], label[96];
                snprintf(name, sizeof name, "a-%zu-%zu", l, k);
                snprintf(label, sizeof label, "%s %s look %zu access", more[z][0], all[l], k);
                json_t *d = harness_dump(&h, name);
                assert_non_null(d);
                bad += check_access_panel(d, label);
                json_decref(d);
            }
        harness_close(&h);
    }
    assert_int_equal(bad, 0);
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
                bool twice = details_pages(sizes[z][0], sizes[z][1], langs[l], looks[k]);
                char script[20000], path[2048];
                int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n", sizes[z][0],
                                 sizes[z][1], langs[l]);
                for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
                    /* details-next checks the postcode's page when there is one */
                    details_path(screens[s][1], twice && strcmp(screens[s][0], "details-next"),
                                 path, sizeof path);
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "tap nav.exit\nlang %s\n%s%sdump %s\n", langs[l], looks[k],
                                  path, screens[s][0]);
                }
                assert_int_equal(harness_run(&h, script), 0);
                for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
                    json_t *d = harness_dump(&h, screens[s][0]);
                    assert_non_null(d);
                    char label[128];
                    snprintf(label, sizeof label, "%s %s look %zu %s", sizes[z][0], langs[l], k,
                             screens[s][0]);
                    bad += check(d, label);
                    bad += check_whole_size(d, label);
                    json_decref(d);
                }
                harness_close(&h);
            }
    assert_int_equal(bad, 0);
}

/* The check-in's sessions, party, details, keyboard and thank-you
 * screens and feedback (with a comment typed too) also reflow at the
 * whole 1.5 on the big screens, in larger text and every language tested
 * here (and keep their progress dots in the bar). */
static void test_checkin_whole_on_big_screens(void **state)
{
    (void)state;
    static const char *big[][2] = { { "1280x800", "10.1" }, { "1920x1080", "15.6" } };
    static const char *mine[] = { "sessions", "party", "details", "details-fields",
                                  "details-next", "keyboard", "thanks", "feedback",
                                  "feedback-typed" };
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t z = 0; z < sizeof big / sizeof big[0]; z++) {
            bool twice = details_pages(big[z][0], big[z][1], langs[l], looks[2]);
            Harness h;
            harness_open(&h);
            char script[8192], path[2048];
            int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n", big[z][0],
                             big[z][1], langs[l]);
            for (size_t m = 0; m < sizeof mine / sizeof mine[0]; m++)
                for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
                    if (strcmp(screens[s][0], mine[m]))
                        continue;
                    details_path(screens[s][1], twice && strcmp(mine[m], "details-next"), path,
                                 sizeof path);
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "tap nav.exit\nlang %s\n%s%sdump %s\n", langs[l], looks[2],
                                  path, mine[m]);
                }
            assert_int_equal(harness_run(&h, script), 0);
            for (size_t m = 0; m < sizeof mine / sizeof mine[0]; m++) {
                json_t *d = harness_dump(&h, mine[m]);
                assert_non_null(d);
                char label[128];
                snprintf(label, sizeof label, "%s %s larger %s", big[z][0], langs[l], mine[m]);
                bad += check(d, label);
                bad += check_whole_size(d, label);
                json_decref(d);
            }
            harness_close(&h);
        }
    assert_int_equal(bad, 0);
}

/* The details screen on pages (larger text in Urdu at 800x480): an
 * answer goes on to the fields, typing returns to the field's page, Next
 * goes page by page to the confirm screen, Back a page back, and Change
 * opens the page of its answer. */
static void test_details_on_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h,
                                 "size 800x480 7\nlang ur\ntap nav.access\ntap access.large\n"
                                 "tap access.done\ntap home.checkin\ntap checkin.session.0\n"
                                 "tap party.next\ndump question\ntap details.first.no\n"
                                 "dump name\ntap details.name\ntype Ewa\ntap kbd.done\n"
                                 "dump typed\ntap details.next\ndump postcode\ntap nav.back\n"
                                 "dump back\ntap details.next\ntap details.next\n"
                                 "expect-screen confirm\ntap confirm.more\n"
                                 "tap confirm.more\ntap confirm.more\n"
                                 "tap confirm.change.name\n"
                                 "dump change\n"),
                     0);
    static const struct {
        const char *dump, *shown, *hidden;
    } want[] = {
        { "question", "details.first.yes", "details.name" },
        { "name", "details.name", "details.first.yes" },
        { "typed", "details.name", "details.postcode" },
        { "postcode", "details.postcode", "details.name" },
        { "back", "details.name", "details.postcode" },
        { "change", "details.name", "details.first.yes" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        json_t *d = harness_dump(&h, want[i].dump);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "details");
        assert_non_null(dump_widget(d, want[i].shown));
        assert_null(dump_widget(d, want[i].hidden));
        /* on pages, at the whole 1.5 */
        assert_true(json_real_value(json_object_get(d, "large")) > 1.49);
        json_decref(d);
    }
    /* the question's page has no Next: an answer is the way on */
    json_t *d = harness_dump(&h, "question");
    assert_null(dump_widget(d, "details.next"));
    json_decref(d);
    d = harness_dump(&h, "typed");
    assert_string_equal(dump_text(d, "details.name"), "Ewa");
    json_decref(d);
    harness_close(&h);
    /* a long name puts the fields on a page of their own in the default
     * look: back from typing, the visitor is on the name's page still */
    harness_open(&h);
    assert_int_equal(harness_run(&h, "size 800x480 7\nlang ur\ntap home.checkin\n"
                                     "tap checkin.session.0\ntap party.next\n"
                                     "tap details.first.yes\ntap details.name\n"
                                     "type Abcdefghijklmnopqrstuvwxyz Abcdefghijkl\n"
                                     "tap kbd.done\ntap details.postcode\ntype SM1\n"
                                     "tap kbd.done\ntap details.next\nexpect-screen confirm\n"),
                     0);
    harness_close(&h);
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
        cmocka_unit_test(test_details_on_pages),
        cmocka_unit_test(test_checkin_whole_on_big_screens),
        cmocka_unit_test(test_every_visitor_screen_every_look),
        cmocka_unit_test(test_access_panel_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
