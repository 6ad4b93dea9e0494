/* test_speech.c — read-aloud: what each screen says (from its widgets, in
 * its language, never a visitor's words unasked), the sound a headless
 * listen writes (long enough for its words, not silence), stopping (a
 * choice, Listen again, Quick exit, the idle wipe), the cache, a hub's
 * recording playing instead of synthesis. test_speech_device.c covers the
 * audio device and its absence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "harness.h"
#include "kiosk/speech.h"
#include "speech_fixture.h"

/* The request screens on pages (larger text, a tall script): More to the
 * interpreter question, to the second safety question, Next from the name
 * to the number; each a tap only where that screen is on pages. */
#define LANG_PAGES "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"
#define SAFETY_PAGE "tap-if request.safety.more\n"
#define CONTACT_PAGE "tap-if request.contact.next\n"

/* ---- what a screen says ---------------------------------------------- */

static void add(Ui *ui, const char *id, UiRole role, const char *text, bool personal)
{
    UiWidget w = ui_proto(id, role);
    snprintf(w.text, sizeof w.text, "%s", text);
    w.personal = personal;
    w.rect = (SDL_Rect){ 10, 10 + 50 * ui->n, 200, 40 };
    assert_non_null(ui_add(ui, &w));
}

static void test_text_from_widgets_in_order(void **state)
{
    (void)state;
    Ui ui;
    memset(&ui, 0, sizeof ui);
    ui_init(&ui, NULL, 800, 480, 7);
    ui_begin(&ui, "pl", false);
    add(&ui, "nav.exit", ROLE_BUTTON, "Szybkie wyjście", false);
    add(&ui, "x.next", ROLE_BUTTON, "Dalej", false);
    add(&ui, "x.name", ROLE_FIELD, "Anna Kowalska", true);
    add(&ui, "x.note", ROLE_TEXT, "Zapisujemy tylko imię.", false);
    add(&ui, "x.title", ROLE_HEADING, "Kim jesteś?", false);
    add(&ui, "kbd.key.0.0", ROLE_KEY, "q", false);
    SpeechText t;
    assert_int_equal(speech_text_from_ui(&ui, "details", false, NULL, 0, false, &t), K_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.parts[0].text, "Kim jesteś?");        /* the heading first */
    assert_string_equal(t.parts[1].text, "Zapisujemy tylko imię.");
    assert_string_equal(t.parts[2].text, "Dalej");              /* then the choices */
    assert_string_equal(t.parts[0].lang, "pl");
    assert_false(t.personal);
    /* asked for on this screen, the visitor's own words are said, marked */
    assert_int_equal(speech_text_from_ui(&ui, "details", true, NULL, 0, false, &t), K_OK);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.parts[3].text, "Anna Kowalska");
    assert_true(t.parts[3].personal);
    assert_true(t.personal);
    ui_begin(&ui, "pl", false);
    assert_int_equal(speech_text_from_ui(&ui, "empty", false, NULL, 0, false, &t),
                     K_ERR_NOT_FOUND);
    ui_free(&ui);
}

static void test_recording_names(void **state)
{
    (void)state;
    char name[17];
    /* as printf '%s' 'Check in' | sha256sum | cut -c1-16 prints */
    speech_recording_name(NULL, "Check in", name);
    assert_string_equal(name, "20e82b4d236aec04");
    speech_recording_name("language", "Tamil", name);
    assert_string_equal(name, "9ad2b5492bd26b44");
    assert_string_equal(speech_voice_for("en-GB"), "en");
    assert_string_equal(speech_voice_for("ur"), "ur");
    assert_null(speech_voice_for("xx"));
}

/* ---- every visitor screen in every language ---------------------------- */

static const char *const langs[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };

/* Every visitor screen of the table, reached in one script; each step
 * listens (and dumps, for the Listen button). */
static const char *tour =
    "lang %1$s\n" "L home\n"
    "tap nav.lang\n" "L language\n" "tap lang.%1$s\n"
    "tap home.checkin\n" "L sessions\n"
    "tap checkin.session.0\n" "tap party.adults.plus\n" "L party\n" "tap party.next\n"
    "L details\n" "tap details.first.yes\n"
    "tap details.name\n" "L keyboard\n" "type Zubaida\n" "tap kbd.done\n"
    "tap details.next\n" "tap-if details.next\n" "L confirm\n"
    "tap confirm.ok\n" "L thanks\n" "tap thanks.done\n"
    "lang %1$s\n" "tap home.support\n" "L support\n" "tap nav.back\n"
    "lang %1$s\n" "tap home.callback\n" "L callback\n" "tap nav.back\n"
    "lang %1$s\n" "tap home.advocate\n" "L advocate\n" "tap nav.back\n";

/* The screen a failed save shows, on a full disk (a fresh database). */
static const char *tour_full =
    "storage-limit 1\n" "lang %1$s\n" "tap home.checkin\n" "tap checkin.session.0\n"
    "tap party.next\n" "tap details.first.no\n" "tap details.next\n" "tap-if details.next\n"
    "tap confirm.ok\n"
    "L save-error\n";

static const char *const screens[] = {
    "home", "language", "sessions", "party", "details", "keyboard", "confirm", "thanks",
    "support", "callback", "advocate", "save-error",
};

static void test_every_screen_every_language(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    SpeechWords english[sizeof screens / sizeof *screens];
    memset(english, 0, sizeof english);
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        harness_close(&h);
        harness_open(&h);
        char script[8192], tmpl[4096];
        /* "L NAME": listen to the screen and dump it */
        speech_expand_listens(tour, tmpl, sizeof tmpl, langs[l]);
        snprintf(script, sizeof script, tmpl, langs[l]);
        assert_int_equal(harness_run(&h, script), 0);
        speech_expand_listens(tour_full, tmpl, sizeof tmpl, langs[l]);
        snprintf(script, sizeof script, tmpl, langs[l]);
        snprintf(h.cfg.data_dir, sizeof h.cfg.data_dir, "%s/data-full", h.dir);
        assert_int_equal(harness_run(&h, script), 0);
        for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
            char name[64];
            snprintf(name, sizeof name, "%s-%s", screens[s], langs[l]);
            SpeechWords w;
            bad += speech_check_words(&h, name, langs[l], &w);
            bad += speech_check_wav(&h, name, &w);
            bad += speech_check_button(&h, name);
            if (l == 0)
                english[s] = w;
            else if (!strcmp(langs[l], "pl") || !strcmp(langs[l], "ro"))
                /* Latin like English: translated words, not the English again */
                bad += speech_check_differs(name, &w, &english[s]);
        }
    }
    harness_close(&h);
    assert_int_equal(bad, 0);
}

/* ---- the Listen button on every screen, size and look ------------------ */

static const char *const sizes[][2] = {
    { "800x480", "7" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" }, { "720x1280", "10.1" },
};

/* Every visitor screen, its name and the taps from home that reach it. */
#define TO_CONTACT "tap home.callback\ntap callback.need.other\n"
#define TO_FILLED TO_CONTACT "tap request.name\ntype Ewa\ntap kbd.done\n" \
    CONTACT_PAGE "tap request.phone\n" \
    "type 07700 900123\ntap kbd.done\n"
#define TO_SAFETY TO_FILLED "tap request.contact.next\ntap request.time.morning\n" \
    "tap request.times.next\n" LANG_PAGES "tap request.interpreter.no\ntap request.language.next\n"
#define TO_NOTE TO_SAFETY "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n" \
    "tap request.safety.next\n"
#define TO_THANKS "tap home.checkin\ntap checkin.session.0\ntap party.next\n" \
    "tap details.first.yes\ntap details.next\ntap-if details.next\ntap confirm.ok\n"
static const char *const every[][2] = {
    { "home", "" },
    { "language", "tap nav.lang\n" },
    { "sessions", "tap home.checkin\n" },
    { "party", "tap home.checkin\ntap checkin.session.0\n" },
    { "details", "tap home.checkin\ntap checkin.session.0\ntap party.next\n" },
    { "keyboard", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                  "tap details.first.yes\ntap details.name\n" },
    { "confirm", "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                 "tap details.first.yes\ntap details.next\ntap-if details.next\n" },
    { "thanks", TO_THANKS },
    { "support", "tap home.support\n" },
    { "support-search", "tap home.support\ntap support.search\n" },
    { "callback", "tap home.callback\n" },
    { "advocate", "tap home.advocate\n" },
    { "advocate-more", "tap home.advocate\ntap advocate.next\n" },
    { "request-contact", TO_CONTACT },
    { "request-times", TO_FILLED "tap request.contact.next\n" },
    { "request-language", TO_FILLED "tap request.contact.next\ntap request.time.morning\n"
                          "tap request.times.next\n" },
    { "request-safety", TO_SAFETY },
    { "request-note", TO_NOTE },
    { "request-confirm", TO_NOTE "tap request.note.next\n" },
    { "request-done", TO_NOTE "tap request.note.next\ntap request.send\n" },
    { "feedback", "tap home.feedback\n" },
    { "feedback-thanks", "tap home.feedback\ntap feedback.face.4\n" },
};

/* The Listen button in a dump: a whole target on the screen, clear of
 * every other control, with its icon and its word (shown, or the label of
 * the icon alone) in the screen's language (want). */
static int listen_whole(json_t *d, const char *label, const char *want)
{
    json_t *b = dump_widget(d, "nav.listen");
    if (!b) {
        fprintf(stderr, "%s: no Listen\n", label);
        return 1;
    }
    double mm = json_real_value(json_object_get(d, "px_per_mm"));
    json_t *r = json_object_get(b, "rect"), *size = json_object_get(d, "size");
    int x = (int)json_integer_value(json_array_get(r, 0)),
        y = (int)json_integer_value(json_array_get(r, 1)),
        w = (int)json_integer_value(json_array_get(r, 2)),
        h = (int)json_integer_value(json_array_get(r, 3));
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    const char *text = json_string_value(json_object_get(b, "text"));
    const char *word = json_string_value(json_object_get(b, "label"));
    int bad = 0;
    if (json_integer_value(json_object_get(b, "icon")) != 0xE050 ||
        !json_is_true(json_object_get(b, "fits")) || !json_is_true(json_object_get(b, "enabled"))) {
        fprintf(stderr, "%s: Listen without its icon, or its words not fitting\n", label);
        bad++;
    }
    if (w < 9 * mm - 0.5 || h < 9 * mm - 0.5 || x < 0 || y < 0 || x + w > sw || y + h > sh) {
        fprintf(stderr, "%s: Listen %dx%d at %d,%d: under 9 mm or off the screen\n", label, w, h,
                x, y);
        bad++;
    }
    if (strcmp(text[0] ? text : word ? word : "", want) != 0) {
        fprintf(stderr, "%s: Listen's word is \"%s\" (label \"%s\"), not \"%s\"\n", label, text,
                word ? word : "", want);
        bad++;
    }
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(d, "widgets"), i, o) {
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *role = json_string_value(json_object_get(o, "role"));
        json_t *q = json_object_get(o, "rect");
        int ox = (int)json_integer_value(json_array_get(q, 0)),
            oy = (int)json_integer_value(json_array_get(q, 1)),
            ow = (int)json_integer_value(json_array_get(q, 2)),
            oh = (int)json_integer_value(json_array_get(q, 3));
        if (!strcmp(id, "nav.listen") || strcmp(role, "button") != 0)
            continue;
        if (ox < x + w && x < ox + ow && oy < y + h && y < oy + oh) {
            fprintf(stderr, "%s: Listen overlaps %s\n", label, id);
            bad++;
        }
    }
    return bad;
}

static void test_listen_on_every_screen_size_look(void **state)
{
    (void)state;
    Config cfg;
    config_defaults(&cfg);
    char err[256];
    I18n *i18n = i18n_open(cfg.locales_dir, "en-GB", err, sizeof err);
    assert_non_null(i18n);
    static const char *const looks[] = {
        "", "tap nav.access\ntap access.large\ntap access.done\n",
    };
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
        int li = i18n_find(i18n, langs[l]);
        const char *want = i18n_get(i18n, li, NULL, "Listen");
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
            for (size_t k = 0; k < sizeof looks / sizeof *looks; k++) {
                Harness h;
                harness_open(&h);
                char script[16384];
                int n = snprintf(script, sizeof script, "size %s %s\n", sizes[z][0], sizes[z][1]);
                for (size_t s = 0; s < sizeof every / sizeof *every; s++)
                    n += snprintf(script + n, sizeof script - (size_t)n,
                                  "tap nav.exit\nlang %s\n%s%sdump %s\n", langs[l], looks[k],
                                  every[s][1], every[s][0]);
                assert_true(n < (int)sizeof script);
                assert_int_equal(harness_run(&h, script), 0);
                for (size_t s = 0; s < sizeof every / sizeof *every; s++) {
                    json_t *d = harness_dump(&h, every[s][0]);
                    assert_non_null(d);
                    assert_string_equal(dump_screen(d), every[s][0]);
                    char label[128];
                    snprintf(label, sizeof label, "%s %s %s%s", every[s][0], langs[l],
                             sizes[z][0], k ? " larger text" : "");
                    bad += listen_whole(d, label, want);
                    json_decref(d);
                }
                harness_close(&h);
            }
    }
    i18n_close(i18n);
    assert_int_equal(bad, 0);
}

/* ---- stopping ---------------------------------------------------------- */

static void test_choice_stops_speech(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h,
        "tap home.checkin\n" "tap checkin.session.0\n"
        "listen party\n" "wait 500\n" "expect-speaking\n"
        "tap party.adults.plus\n" "expect-quiet\n" "expect party.adults.value 2\n"
        "listen party2\n" "expect-speaking\n" "tap party.next\n" "expect-quiet\n"
        "expect-screen details\n"), 0);
    harness_close(&h);
}

static void test_listen_again_stops(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h,
        "tap home.support\n" "tap nav.listen\n" "expect-speaking\n" "wait 300\n"
        "tap nav.listen\n" "expect-quiet\n" "expect-screen support\n"), 0);
    harness_close(&h);
}

static void test_quick_exit_and_idle_stop(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h,
        "tap home.checkin\n" "tap checkin.session.0\n" "listen a\n" "wait 400\n"
        "expect-speaking\n" "tap nav.exit\n" "expect-quiet\n" "expect-screen home\n"), 0);
    /* the idle wipe, in the middle of a listen longer than the idle time */
    h.cfg.idle_s = 15;
    h.cfg.idle_prompt_s = 5;
    assert_int_equal(harness_run(&h,
        "tap home.checkin\n" "tap checkin.session.0\n" "listen b\n" "wait 9000\n"
        "expect-speaking\n" "wait 7000\n" "expect-screen home\n" "expect-quiet\n"), 0);
    assert_true(speech_wav_seconds(&h, "b") > 16.0);
    harness_close(&h);
}

/* The thank-you returns home by itself (6 s), but not in the middle of a
 * listen of it (longer than that): it stays while the words play and a
 * moment after, then goes home. */
static void test_thanks_waits_for_listen(void **state)
{
    (void)state;
    static const char *to_thanks =
        "tap home.checkin\n" "tap checkin.session.0\n" "tap party.next\n"
        "tap details.first.no\n" "tap details.next\n" "tap-if details.next\n" "tap confirm.ok\n"
        "expect-screen thanks\n" "listen thanks\n";
    Harness h;
    harness_open(&h);
    assert_int_equal(h.cfg.thanks_s, 6);
    char script[1024];
    /* how long the listen is (the same words, the same sound each time) */
    snprintf(script, sizeof script, "%s", to_thanks);
    assert_int_equal(harness_run(&h, script), 0);
    double secs = speech_wav_seconds(&h, "thanks");
    assert_true(secs > h.cfg.thanks_s + 1.0);
    int ms = (int)(secs * 1000);
    harness_close(&h);
    harness_open(&h);
    /* past the 6 s while speaking, and just after the words end: still
     * there; a few seconds later, home, the speech over */
    snprintf(script, sizeof script,
             "%s" "wait %d\n" "expect-screen thanks\n" "expect-speaking\n"
             "wait %d\n" "expect-screen thanks\n" "expect-quiet\n"
             "wait 2500\n" "expect-screen home\n",
             to_thanks, h.cfg.thanks_s * 1000 + 500, ms - h.cfg.thanks_s * 1000);
    assert_int_equal(harness_run(&h, script), 0);
    /* no listen: home after its 6 s, as before */
    assert_int_equal(harness_run(&h, "tap home.checkin\n" "tap checkin.session.0\n"
                                     "tap party.next\n" "tap details.first.no\n"
                                     "tap details.next\n" "tap-if details.next\n"
                                     "tap confirm.ok\n" "wait 5500\n"
                                     "expect-screen thanks\n" "wait 1000\n"
                                     "expect-screen home\n"), 0);
    harness_close(&h);
}

/* ---- a visitor's own words --------------------------------------------- */

static void test_personal_words_only_when_asked(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h,
        "tap home.checkin\n" "tap checkin.session.0\n" "tap party.next\n"
        "tap details.first.yes\n" "tap details.name\n" "type Zubaida\n" "tap kbd.done\n"
        "listen once\n" "tap nav.listen\n" "expect-quiet\n"   /* Listen again: stops */
        "listen again\n" "tap details.next\n" "listen confirm\n"), 0);
    assert_false(speech_said(&h, "once", "Zubaida"));
    assert_true(speech_said(&h, "once", "first name"));
    /* asked again on the same screen: the name is said */
    assert_true(speech_said(&h, "again", "Zubaida"));
    assert_true(speech_wav_seconds(&h, "again") > speech_wav_seconds(&h, "once"));
    /* a new screen: not unless asked there */
    assert_false(speech_said(&h, "confirm", "Zubaida"));
    harness_close(&h);
}

/* ---- the cache ----------------------------------------------------------- */

static void test_second_listen_from_cache(void **state)
{
    (void)state;
    SpeechOptions o = { .capture = true, .volume = 80, .cache_bytes = 600 * 1024 };
    Speech *s = speech_new(&o);
    assert_non_null(s);
    SpeechText t;
    memset(&t, 0, sizeof t);
    snprintf(t.screen, sizeof t.screen, "home");
    snprintf(t.lang, sizeof t.lang, "en-GB");
    t.n = 1;
    snprintf(t.parts[0].lang, sizeof t.parts[0].lang, "en-GB");
    snprintf(t.parts[0].text, sizeof t.parts[0].text, "Welcome to the family hub.");
    assert_int_equal(speech_say(s, &t), K_OK);
    assert_true(speech_wait(s, 10000));
    SpeechStats st;
    speech_stats(s, &st);
    assert_int_equal(st.misses, 1);
    assert_int_equal(st.entries, 1);
    assert_int_equal(speech_say(s, &t), K_OK);
    speech_stats(s, &st);
    assert_int_equal(st.hits, 1);
    assert_true(st.last_start_ms < 50);
    /* many screens: the cache stays within its bound */
    for (int i = 0; i < 12; i++) {
        snprintf(t.screen, sizeof t.screen, "screen-%d", i);
        snprintf(t.parts[0].text, sizeof t.parts[0].text,
                 "This is screen number %d, with a few more words to say aloud.", i);
        assert_int_equal(speech_say(s, &t), K_OK);
        assert_true(speech_wait(s, 10000));
        speech_stats(s, &st);
        assert_true(st.bytes <= st.cap_bytes);
    }
    assert_true(st.entries < 12);
    assert_true(st.entries >= 1);
    /* a listen with a visitor's words is never kept */
    int before = st.entries;
    t.parts[0].personal = t.personal = true;
    snprintf(t.screen, sizeof t.screen, "details");
    assert_int_equal(speech_say(s, &t), K_OK);
    assert_true(speech_wait(s, 10000));
    speech_stats(s, &st);
    assert_int_equal(st.entries, before);
    assert_int_equal(speech_say(s, &t), K_OK);
    speech_stats(s, &st);
    assert_int_equal(st.hits, 1);
    speech_free(s);
}

/* ---- a hub's recording --------------------------------------------------- */

static void test_recording_plays_instead(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char loc[400];
    speech_locales_with_tone(&h, "en-GB", NULL, "Who is with you today?", loc, sizeof loc);
    snprintf(h.cfg.locales_dir, sizeof h.cfg.locales_dir, "%s", loc);
    h.cfg.speech_volume = 100;   /* the WAV is at the volume: the tone as recorded */
    assert_int_equal(harness_run(&h, "tap home.checkin\n" "tap checkin.session.0\n"
                                     "listen party\n" "lang ta\n" "listen party-ta\n"), 0);
    /* the first second is the recording (a 440 Hz tone), not a voice */
    assert_true(speech_starts_with_tone(&h, "party"));
    assert_false(speech_starts_with_tone(&h, "party-ta"));   /* none in Tamil */
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_from_widgets_in_order),
        cmocka_unit_test(test_recording_names),
        cmocka_unit_test(test_choice_stops_speech),
        cmocka_unit_test(test_listen_again_stops),
        cmocka_unit_test(test_quick_exit_and_idle_stop),
        cmocka_unit_test(test_thanks_waits_for_listen),
        cmocka_unit_test(test_personal_words_only_when_asked),
        cmocka_unit_test(test_second_listen_from_cache),
        cmocka_unit_test(test_recording_plays_instead),
        cmocka_unit_test(test_every_screen_every_language),
        cmocka_unit_test(test_listen_on_every_screen_size_look),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
