/* test_speech_screens.c — read-aloud on the visitor screens test_speech.c's
 * tour does not reach: find support (a group, a need, a service, Take this
 * home, search), the callback and advocate requests from start to end,
 * their error, feedback, and no sessions left today. Each, in every
 * language, says words in that language, a sound as long as its words,
 * and has its Listen button. What a visitor typed (a name, a phone
 * number, a note, a search) is not said on a screen's first listen, only
 * when they listen again there; pictures from the icon font are not
 * spoken. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "speech_fixture.h"

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

static const char *const langs[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };

/* "L NAME" listens and dumps (speech_expand_listens); %1$s is the language. */
static const char *tour =
    "lang %1$s\n" "tap home.support\n" "tap support.group.0\n" "L support-group\n"
    "tap support.need.0\n" "L support-need\n" "tap support.service.0\n" "L support-service\n"
    "tap support.take\n" "L support-take\n" "tap nav.exit\n"
    "lang %1$s\n" "tap home.support\n" "tap support.search\n" "L support-search\n"
    "tap nav.exit\n"
    "lang %1$s\n" "tap home.advocate\n" "tap advocate.next\n" "L advocate-more\n" "tap nav.exit\n"
    /* a callback request, start to end: the visitor types before listening */
    "lang %1$s\n" "tap home.callback\n" "tap callback.need.other\n"
    "tap request.name\n" "type Zubaida\n" "tap kbd.done\n"
    CONTACT_PAGE "tap request.phone\n" "type 07700 900123\n" "tap kbd.done\n"
    "L request-contact\n" "L request-contact-again\n" "tap request.contact.next\n"
    "L request-times\n" "tap request.time.morning\n" "tap request.times.next\n"
    "L request-language\n" LANG_PAGES "tap request.interpreter.yes\n" "tap request.language.next\n"
    "L request-safety\n" "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n"
    "tap request.safety.next\n" "tap request.note\n" "type Quietly please\n" "tap kbd.done\n"
    "L request-note\n" "tap request.note.next\n" "L request-confirm\n"
    "tap request.send\n" "L request-done\n" DONE_FACES "tap feedback.face.4\n" "L feedback-thanks\n"
    "tap feedback.done\n"
    /* an advocate request as far as the meeting */
    "lang %1$s\n" "tap home.advocate\n" "tap advocate.next\n" "tap advocate.ask\n"
    "tap request.name\n" "type Ewa\n" "tap kbd.done\n" CONTACT_PAGE "tap request.phone\n"
    "type 07700 900123\n" "tap kbd.done\n" "tap request.contact.next\n"
    "tap request.time.evening\n" "tap request.times.next\n"
    LANG_PAGES "tap request.interpreter.no\n"
    "tap request.language.next\n" "tap request.voicemail.yes\n"
    SAFETY_PAGE "tap request.sayhub.yes\n"
    "tap request.safety.next\n" "L request-meeting\n" "tap nav.exit\n"
    "lang %1$s\n" "tap home.feedback\n" "L feedback\n" "tap nav.exit\n"
    "time 2026-11-23 21:00\n" "lang %1$s\n" "tap home.checkin\n" "L sessions-none\n"
    "tap nav.exit\n";

/* A request that cannot be saved (a full disk): its error screen. */
static const char *tour_full =
    "storage-limit 1\n" "lang %1$s\n" "tap home.callback\n" "tap callback.need.other\n"
    "tap request.name\n" "type Ewa\n" "tap kbd.done\n" CONTACT_PAGE "tap request.phone\n"
    "type 07700 900123\n" "tap kbd.done\n" "tap request.contact.next\n"
    "tap request.time.morning\n" "tap request.times.next\n"
    LANG_PAGES "tap request.interpreter.no\n"
    "tap request.language.next\n" "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.no\n"
    "tap request.safety.next\n" "tap request.note.next\n" "tap request.send\n"
    "L request-error\n";

static const char *const screens[] = {
    "support-group", "support-need", "support-service", "support-take", "support-search",
    "advocate-more", "request-contact", "request-times", "request-language", "request-safety",
    "request-note", "request-confirm", "request-done", "feedback-thanks", "request-meeting",
    "feedback", "sessions-none", "request-error",
};

/* The visitor's own words: never on a first listen; on the second, asked. */
static int check_personal(Harness *h, const char *lang)
{
    static const struct { const char *screen, *typed; } first[] = {
        { "request-contact", "Zubaida" }, { "request-contact", "900123" },
        { "request-confirm", "Zubaida" }, { "request-confirm", "900123" },
        { "request-note", "Quietly" },
    };
    int bad = 0;
    char name[64];
    for (size_t i = 0; i < sizeof first / sizeof *first; i++) {
        snprintf(name, sizeof name, "%s-%s", first[i].screen, lang);
        if (speech_said(h, name, first[i].typed)) {
            fprintf(stderr, "%s: says what the visitor typed (%s) unasked\n", name,
                    first[i].typed);
            bad++;
        }
    }
    snprintf(name, sizeof name, "request-contact-again-%s", lang);
    if (!speech_said(h, name, "Zubaida")) {
        fprintf(stderr, "%s: asked again, the name is not said\n", name);
        bad++;
    }
    return bad;
}

/* No part is a picture from the icon font (a service's icons). */
static int check_no_icons(Harness *h, const char *lang)
{
    char name[64];
    snprintf(name, sizeof name, "support-service-%s", lang);
    if (speech_said(h, name, "qaa\t")) {
        fprintf(stderr, "%s: an icon is read as words\n", name);
        return 1;
    }
    return 0;
}

static void test_more_screens_every_language(void **state)
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
        char script[16384], tmpl[8192];
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
                bad += speech_check_differs(name, &w, &english[s]);
        }
        bad += check_personal(&h, langs[l]);
        bad += check_no_icons(&h, langs[l]);
    }
    harness_close(&h);
    assert_int_equal(bad, 0);
}

/* A search typed, then Listen: the words around it, not the search. (In
 * English: in some languages the screen then shows only the field and
 * the keys, and a listen has nothing to say.) */
static void test_search_not_said_unasked(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.support\n" "tap support.search\n"
                                     "type Zubaida\n" "listen typed\n" "listen again\n"), 0);
    assert_false(speech_said(&h, "typed", "Zubaida"));
    assert_true(speech_said(&h, "typed", "Nothing found"));
    assert_true(speech_said(&h, "again", "Zubaida"));
    /* in every language on the small screen, the note that nothing was
     * found is still there to be heard (in Tamil it once was left out) */
    char script[4096];
    int n = snprintf(script, sizeof script, "size 800x480\n");
    for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
        n += snprintf(script + n, sizeof script - (size_t)n,
                      "tap nav.exit\nlang %s\ntap home.support\ntap support.search\n"
                      "type Zubaida\nexpect support.search.note\nlisten none-%s\n",
                      langs[l], langs[l]);
    assert_int_equal(harness_run(&h, script), 0);
    harness_close(&h);
}

/* Listen, then type (a name, a number), then Listen: the words typed in
 * between are not said, because the visitor asked for the screen, not
 * for their words; listening again at once says them. */
static void test_typed_after_listen_not_said(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.callback\n" "tap callback.need.other\n"
                                     "listen before\n" "tap request.name\n" "type Zubaida\n"
                                     "tap kbd.done\n" CONTACT_PAGE "tap request.phone\n"
                                     "type 07700 900123\n" "tap kbd.done\n" "listen after\n"
                                     "listen asked\n" "tap request.name\n" "type a\n"
                                     "tap kbd.done\n" "listen retyped\n"), 0);
    assert_false(speech_said(&h, "after", "Zubaida"));
    assert_false(speech_said(&h, "after", "900123"));
    assert_true(speech_said(&h, "asked", "Zubaida"));
    assert_false(speech_said(&h, "retyped", "Zubaida"));
    harness_close(&h);
}

/* The thank-you's faces drawn alone (Tamil and Urdu larger text at
 * 800x480) are read aloud by the words they stand for. */
static void test_faces_alone_said(void **state)
{
    (void)state;
    static const char *const alone[] = { "ta", "ur" };
    for (size_t l = 0; l < sizeof alone / sizeof *alone; l++) {
        Harness h;
        harness_open(&h);
        char script[1024];
        snprintf(script, sizeof script,
                 "size 800x480\nlang %s\ntap nav.access\ntap access.large\ntap access.done\n"
                 "tap home.checkin\ntap checkin.session.0\ntap party.next\n"
                 "tap details.first.no\ntap details.next\ntap-if details.next\n"
                 "tap confirm.ok\ndump faces\nlisten faces\n", alone[l]);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "faces");
        assert_non_null(d);
        int said = 0;
        for (int f = 1; f <= 5; f++) {
            char id[32];
            snprintf(id, sizeof id, "feedback.face.%d", f);
            json_t *w = dump_widget(d, id);
            assert_non_null(w);
            const char *label = json_string_value(json_object_get(w, "label"));
            const char *text = json_string_value(json_object_get(w, "text"));
            const char *words = text && text[0] ? text : label;
            assert_non_null(words);
            said += speech_said(&h, "faces", words);
        }
        assert_int_equal(said, 5);
        json_decref(d);
        harness_close(&h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_not_said_unasked),
        cmocka_unit_test(test_typed_after_listen_not_said),
        cmocka_unit_test(test_faces_alone_said),
        cmocka_unit_test(test_more_screens_every_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
