/* test_screens.c — every screen, in every language, at every supported
 * size: no text clipped, every touch target at least 9 mm, nothing off the
 * screen, no two touch targets overlapping; on every visitor screen a Quick
 * exit and a language button, and the screen's primary action where it has
 * one, each showing its whole label (the translation itself, fitting, at no
 * less than three quarters of the screen's button size). Set KIOSK_SHOTS=DIR to keep a
 * PNG of each screen for a look by eye (make shots). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>

#include "harness.h"
#include "kiosk/i18n.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"

/* The request screens on pages (larger text, a tall script): More to the
 * interpreter question, to the second safety question, Next from the name
 * to the number; each a tap only where that screen is on pages. */
#define LANG_PAGES "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"
#define SAFETY_PAGE "tap-if request.safety.more\n"
#define CONTACT_PAGE "tap-if request.contact.next\n"
/* The confirmation on pages (Urdu): the faces on the last page */
#define DONE_FACES "tap-if request.done.more\ntap-if request.done.more\n" \
    "tap-if request.done.more\ntap-if request.done.more\n"
/* The meeting on pages (Urdu): the kinds on the last page, the date on
 * the first */
#define MEETING_KINDS "tap-if request.meeting.more\ntap-if request.meeting.more\n" \
    "tap-if request.meeting.more\n"
#define MEETING_DATE "tap-if request.meeting.prev\ntap-if request.meeting.prev\n" \
    "tap-if request.meeting.prev\n"

typedef struct { const char *size; const char *diag; } Size;

static const Size sizes[] = {
    { "800x480", "7" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" }, { "720x1280", "10.1" },
};

/* The visitor's screens, reached in one script; each step dumps. */
static const char *tour =
    "lang %1$s\n" "%2$s home\n"
    "tap nav.lang\n" "%2$s language\n" "tap lang.%1$s\n"
    "tap home.checkin\n" "%2$s sessions\n"
    "tap checkin.session.0\n" "tap party.adults.plus\n" "tap party.band.0-1.plus\n"
    "%2$s party\n" "tap party.next\n"
    "%2$s details\n" "tap details.first.yes\n"
    "tap details.name\n" "type Abcdefghijklmnopqrstuvwxyz Abcdefghijkl\n" "%2$s keyboard\n"
    "tap kbd.done\n" "%2$s details-filled\n"
    "tap details.postcode\n" "type SM1\n" "%2$s keyboard-postcode\n" "tap kbd.done\n"
    "wait 51000\n" "%2$s idle-prompt\n" "tap idle.stay\n"
    "tap details.next\n" "%2$s confirm\n"
    "tap confirm.ok\n" "%2$s thanks\n" "tap thanks.done\n"
    "lang %1$s\n" "tap home.support\n" "%2$s support\n" "tap nav.back\n"
    "lang %1$s\n" "tap home.callback\n" "%2$s callback\n" "tap nav.back\n"
    "lang %1$s\n" "tap home.advocate\n" "%2$s advocate\n" "tap nav.back\n"
    /* a callback request, start to end, and feedback */
    "lang %1$s\n" "tap home.callback\n" "tap callback.need.other\n" "%2$s request-contact\n"
    "tap request.name\n" "type Abcdefghijklmnopqrstuvwxyz Abcdefghijkl\n" "tap kbd.done\n"
    CONTACT_PAGE "tap request.phone\n" "type 07700 900123\n" "%2$s keyboard-phone\n"
    "tap kbd.done\n"
    "%2$s request-contact-filled\n" "tap request.contact.next\n" "%2$s request-times\n"
    "tap request.time.morning\n" "tap request.times.next\n" "%2$s request-language\n"
    LANG_PAGES "tap request.interpreter.yes\n" "tap request.language.next\n" "%2$s request-safety\n"
    "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n" "tap request.safety.next\n"
    "%2$s request-note\n" "tap request.note.next\n" "%2$s request-confirm\n"
    "tap request.send\n" "%2$s request-done\n" DONE_FACES "tap feedback.face.4\n"
    "%2$s feedback-thanks\n"
    "tap feedback.done\n"
    /* an advocate request with an urgent meeting */
    "lang %1$s\n" "tap home.advocate\n" "tap advocate.next\n" "%2$s advocate-more\n"
    "tap advocate.ask\n" "tap request.name\n" "type Ewa\n" "tap kbd.done\n"
    CONTACT_PAGE "tap request.phone\n" "type 07700 900123\n" "tap kbd.done\n"
    "tap request.contact.next\n"
    "tap request.time.evening\n" "tap request.times.next\n"
    LANG_PAGES "tap request.interpreter.no\n"
    "tap request.language.next\n" "tap request.voicemail.yes\n"
    SAFETY_PAGE "tap request.sayhub.yes\n"
    "tap request.safety.next\n" "%2$s request-meeting\n" MEETING_KINDS "tap request.kind.icpc\n"
    MEETING_DATE "tap request.date\n" "type 24/11/2026\n" "tap kbd.done\n"
    "%2$s request-meeting-urgent\n" "tap request.date\n" "key backspace\n" "type 5\n"
    "tap kbd.done\n" "%2$s request-meeting-past\n" "tap request.date\n" "key backspace\n"
    "type 6\n" "tap kbd.done\n" MEETING_KINDS "tap request.meeting.next\n" "tap request.note\n"
    "type Please call after 3pm\n" "tap kbd.done\n" "%2$s request-note-filled\n"
    "tap request.note.next\n" "%2$s request-confirm-advocate\n" "tap request.send\n"
    "%2$s request-done-urgent\n" "tap request.done\n"
    "lang %1$s\n" "tap home.feedback\n" "%2$s feedback\n" "tap nav.back\n"
    "time 2026-11-23 21:00\n" "lang %1$s\n" "tap home.checkin\n" "%2$s sessions-none\n"
    "tap nav.exit\n";

static const char *tour_full =
    "storage-limit 1\n" "lang %1$s\n" "tap home.checkin\n" "tap checkin.session.0\n"
    "tap party.next\n" "tap details.first.no\n" "tap details.next\n" "tap confirm.ok\n"
    "%2$s save-error\n" "tap error.home\n"
    "lang %1$s\n" "tap home.callback\n" "tap callback.need.other\n" "tap request.name\n"
    "type Ewa\n" "tap kbd.done\n"
    CONTACT_PAGE "tap request.phone\n" "type 07700 900123\n" "tap kbd.done\n"
    "tap request.contact.next\n" "tap request.time.morning\n" "tap request.times.next\n"
    LANG_PAGES "tap request.interpreter.no\n" "tap request.language.next\n"
    "tap request.voicemail.no\n"
    SAFETY_PAGE "tap request.sayhub.no\n" "tap request.safety.next\n" "tap request.note.next\n"
    "tap request.send\n" "%2$s request-error\n";

static const char *staff_tour =
    "press home.hub 3000\n" "tap staff.pin.1\n" "%1$s staff-pin\n"
    "tap staff.pin.2\n" "tap staff.pin.3\n" "tap staff.pin.4\n" "tap staff.pin.enter\n"
    "%1$s staff\n" "tap staff.history\n" "%1$s staff-history\n" "tap nav.back\n";

static bool tappable(const char *role)
{
    return !strcmp(role, "button") || !strcmp(role, "key") || !strcmp(role, "field");
}

/* Checks one dump; returns the number of problems, printing each. */
static int check_dump(json_t *d, const char *label)
{
    int bad = 0;
    json_t *ws = json_object_get(d, "widgets"), *w;
    int W = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 0));
    int H = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 1));
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    bool overlay = dump_widget(d, "idle.panel") != NULL;
    size_t i, j;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *role = json_string_value(json_object_get(w, "role"));
        json_t *r = json_object_get(w, "rect");
        int x = (int)json_integer_value(json_array_get(r, 0)),
            y = (int)json_integer_value(json_array_get(r, 1)),
            rw = (int)json_integer_value(json_array_get(r, 2)),
            rh = (int)json_integer_value(json_array_get(r, 3));
        if (!json_is_true(json_object_get(w, "fits"))) {
            fprintf(stderr, "%s: %s: text does not fit: \"%s\"\n", label, id,
                    json_string_value(json_object_get(w, "text")));
            bad++;
        }
        if (x < 0 || y < 0 || x + rw > W || y + rh > H || rw <= 0 || rh <= 0) {
            fprintf(stderr, "%s: %s: rectangle %d,%d %dx%d is off the %dx%d screen\n", label, id,
                    x, y, rw, rh, W, H);
            bad++;
        }
        if (!tappable(role))
            continue;
        if (rw + 0.5 < 9 * mm || rh + 0.5 < 9 * mm) {
            fprintf(stderr, "%s: %s: touch target %dx%d px is under 9 mm (%.1f px)\n", label, id,
                    rw, rh, 9 * mm);
            bad++;
        }
        json_array_foreach(ws, j, w) {
            if (j <= i)
                continue;
            const char *id2 = json_string_value(json_object_get(w, "id"));
            if (!tappable(json_string_value(json_object_get(w, "role"))))
                continue;
            /* under the prompt only its own targets and Quick exit can be
             * pressed: the rest are covered */
            if (overlay && strcmp(id, "nav.exit") && strcmp(id2, "nav.exit"))
                continue;
            json_t *r2 = json_object_get(w, "rect");
            int x2 = (int)json_integer_value(json_array_get(r2, 0)),
                y2 = (int)json_integer_value(json_array_get(r2, 1)),
                w2 = (int)json_integer_value(json_array_get(r2, 2)),
                h2 = (int)json_integer_value(json_array_get(r2, 3));
            if (x < x2 + w2 && x2 < x + rw && y < y2 + h2 && y2 < y + rh) {
                fprintf(stderr, "%s: %s overlaps %s\n", label, id, id2);
                bad++;
            }
        }
    }
    return bad;
}

/* The primary action of each visitor screen the tours dump, by dump name;
 * NULL for a screen whose choices are all alike (a list, the languages). */
static const struct { const char *dump, *primary; } primaries[] = {
    { "home", "home.checkin" },          { "language", NULL },
    { "sessions", NULL },                { "sessions-none", NULL },
    { "party", "party.next" },           { "details", "details.next" },
    { "details-filled", "details.next" }, { "keyboard", "kbd.done" },
    { "keyboard-postcode", "kbd.done" }, { "idle-prompt", "idle.stay" },
    { "confirm", "confirm.ok" },         { "thanks", "thanks.done" },
    { "support", NULL },                 { "callback", NULL },
    { "advocate", NULL },                { "save-error", "error.retry" },
    { "request-contact", "request.contact.next" }, { "keyboard-phone", "kbd.done" },
    { "request-contact-filled", "request.contact.next" }, { "request-times", "request.times.next" },
    { "request-language", "request.language.next" }, { "request-safety", "request.safety.next" },
    { "request-note", "request.note.next" }, { "request-confirm", "request.send" },
    { "request-done", "request.done" }, { "feedback-thanks", "feedback.done" },
    { "advocate-more", "advocate.ask" }, { "request-meeting", "request.meeting.next" },
    { "request-meeting-urgent", "request.meeting.next" },
    { "request-meeting-past", "request.meeting.next" },
    { "request-note-filled", "request.note.next" },
    { "request-confirm-advocate", "request.send" }, { "request-done-urgent", "request.done" },
    { "feedback", "info.home" }, { "request-error", "request.error.retry" },
};

static I18n *langs;

/* The button font of a screen of W x H px (ui_init's rule). */
static int button_px(int W, int H)
{
    double s = (W < H ? W : H) / 480.0;
    if (W < H && (W / 800.0) * 1.6 < s)
        s = (W / 800.0) * 1.6;
    if (s < 1.0)
        s = 1.0;
    return (int)lround(22 * s);
}

/* One control shown whole: present, its text not empty (and the
 * translation of msgid when given), fitting, not shrunk past the floor. */
static int check_control(json_t *d, const char *label, const char *id, const char *msgid)
{
    json_t *w = dump_widget(d, id);
    if (!w) {
        fprintf(stderr, "%s: no %s\n", label, id);
        return 1;
    }
    const char *text = json_string_value(json_object_get(w, "text"));
    int W = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 0));
    int H = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 1));
    int floor_px = (button_px(W, H) * 3 + 3) / 4;
    int px = (int)json_integer_value(json_object_get(w, "font_px"));
    int bad = 0;
    if (!text || !*text) {
        fprintf(stderr, "%s: %s shows no text\n", label, id);
        bad++;
    } else if (msgid) {
        int l = i18n_find(langs, json_string_value(json_object_get(d, "language")));
        const char *want = i18n_get(langs, l, NULL, msgid);
        if (l < 0 || strcmp(text, want)) {
            fprintf(stderr, "%s: %s shows \"%s\", not \"%s\"\n", label, id, text, want);
            bad++;
        }
    }
    if (!json_is_true(json_object_get(w, "fits"))) {
        fprintf(stderr, "%s: %s: its text does not fit\n", label, id);
        bad++;
    }
    if (px < floor_px) {
        fprintf(stderr, "%s: %s: text shrunk to %d px, under %d px\n", label, id, px, floor_px);
        bad++;
    }
    return bad;
}

/* The controls every visitor screen must show; dump name picks the primary. */
static int check_visitor_controls(json_t *d, const char *name, const char *label)
{
    int bad = check_control(d, label, "nav.exit", "Quick exit") +
              check_control(d, label, "nav.lang", "Language");
    size_t k;
    for (k = 0; k < sizeof primaries / sizeof primaries[0]; k++)
        if (!strcmp(primaries[k].dump, name))
            break;
    if (k == sizeof primaries / sizeof primaries[0]) {
        fprintf(stderr, "%s: a visitor screen this test does not know: add it to primaries\n",
                label);
        return bad + 1;
    }
    if (primaries[k].primary)
        bad += check_control(d, label, primaries[k].primary, NULL);
    return bad;
}

static int check_all(Harness *h, const char *prefix, bool visitor)
{
    int bad = 0, n = 0;
    DIR *dir = opendir(h->out);
    assert_non_null(dir);
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 5, ".json"))
            continue;
        char name[256], label[300];
        snprintf(name, sizeof name, "%.*s", (int)(len - 5), e->d_name);
        json_t *d = harness_dump(h, name);
        assert_non_null(d);
        snprintf(label, sizeof label, "%s %s", prefix, name);
        bad += check_dump(d, label);
        if (visitor)
            bad += check_visitor_controls(d, name, label);
        json_decref(d);
        n++;
    }
    closedir(dir);
    assert_true(n > 0);
    return bad;
}

static void run_tour(Harness *h, const char *tmpl, const char *lang, const char *size,
                     const char *diag, const char *verb)
{
    char script[4096];
    int n = snprintf(script, sizeof script, "size %s %s\n", size, diag);
    n += snprintf(script + n, sizeof script - (size_t)n, tmpl, lang, verb);
    if (getenv("KIOSK_SHOTS")) {
        /* snaps too: replace each dump with dump + snap */
        char both[8192];
        size_t o = 0;
        for (const char *p = script; *p;) {
            const char *nl = strchr(p, '\n');
            size_t len = nl ? (size_t)(nl - p) : strlen(p);
            o += (size_t)snprintf(both + o, sizeof both - o, "%.*s\n", (int)len, p);
            if (!strncmp(p, "dump ", 5))
                o += (size_t)snprintf(both + o, sizeof both - o, "snap %s-%s-%.*s\n", size,
                                      lang, (int)(len - 5), p + 5);
            p = nl ? nl + 1 : p + len;
        }
        char out[300];
        snprintf(out, sizeof out, "%s", h->out);
        snprintf(h->out, sizeof h->out, "%s", getenv("KIOSK_SHOTS"));
        assert_int_equal(harness_run(h, both), 0);
        snprintf(h->out, sizeof h->out, "%s", out);
    }
    assert_int_equal(harness_run(h, script), 0);
}

static void fill_to_full(Harness *h)
{
    static char script[60 * 300];
    size_t n = (size_t)snprintf(script, sizeof script, "storage-limit 1\n");
    for (int i = 0; i < 50; i++)
        n += (size_t)snprintf(script + n, sizeof script - n,
                              "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                              "tap details.first.no\ntap details.next\ntap confirm.ok\n"
                              "tap nav.exit\n");
    assert_int_equal(harness_run(h, script), 0);
}

static void test_every_screen_every_language_every_size(void **state)
{
    (void)state;
    char err[256];
    Config c;
    config_defaults(&c);
    I18n *i = i18n_open(c.locales_dir, "en-GB", err, sizeof err);
    assert_non_null(i);
    langs = i;
    int bad = 0;
    Harness full;
    harness_open(&full);
    fill_to_full(&full);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int l = 0; l < i18n_count(i); l++) {
            const char *tag = i18n_lang(i, l)->tag;
            Harness h;
            harness_open(&h);
            run_tour(&h, tour, tag, sizes[s].size, sizes[s].diag, "dump");
            snprintf(full.out, sizeof full.out, "%s/out-%zu-%d", full.dir, s, l);
            run_tour(&full, tour_full, tag, sizes[s].size, sizes[s].diag, "dump");
            char prefix[64];
            snprintf(prefix, sizeof prefix, "%s %s", sizes[s].size, tag);
            bad += check_all(&h, prefix, true);
            bad += check_all(&full, prefix, true);
            json_t *d = harness_dump(&full, "save-error");
            assert_string_equal(dump_screen(d), "save-error");
            json_decref(d);
            harness_close(&h);
        }
        /* the staff screens are in English */
        Harness h;
        harness_open(&h);
        assert_int_equal(harness_set_pin(&h, "1234"), 0);
        char script[1024];
        snprintf(script, sizeof script, "size %s %s\n", sizes[s].size, sizes[s].diag);
        snprintf(script + strlen(script), sizeof script - strlen(script), staff_tour, "dump");
        assert_int_equal(harness_run(&h, script), 0);
        bad += check_all(&h, sizes[s].size, false);
        harness_close(&h);
    }
    harness_close(&full);
    i18n_close(i);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen_every_language_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
