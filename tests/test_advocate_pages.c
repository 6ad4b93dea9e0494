/* test_advocate_pages.c — the callback and advocate screens on pages: in Urdu larger
 * text at 800x480 (the tallest script at the largest size on the
 * smallest screen) every part of the advocate's explanation is reached
 * with More, each page built at the whole 1.5 with nothing clipped or
 * under the buttons, and the request then goes end to end (the meeting,
 * the summary's pages, the confirmation's pages, Done) into the outbox.
 * The callback's needs are all reached with More too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define LARGE "tap nav.access\ntap access.large\ntap access.done\n"
#define PAGES 40

/* Fails unless the dump is built at the whole 1.5 of larger text, every
 * text fits and no text lies under a button (the pager, the forward
 * action). */
static void assert_whole_page(json_t *d, const char *name)
{
    double large = json_real_value(json_object_get(d, "large"));
    double fit = json_real_value(json_object_get(d, "fit"));
    if (large < 1.5 - 1e-9 || fit < 1.0 - 1e-9)
        fail_msg("%s: built at %.2f (fit %.2f), not the whole 1.5", name, large, fit);
    json_t *ws = json_object_get(d, "widgets");
    size_t i, j;
    json_t *w, *u;
    json_array_foreach(ws, i, w) {
        const char *role = json_string_value(json_object_get(w, "role"));
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *text = json_string_value(json_object_get(w, "text"));
        if (text && text[0] && !json_is_true(json_object_get(w, "fits")))
            fail_msg("%s: %s does not fit", name, id);
        if (!strcmp(role, "button") || !strcmp(role, "field") || !strcmp(role, "panel") ||
            !strncmp(id, "access.", 7))
            continue;
        json_t *a = json_object_get(w, "rect");
        json_array_foreach(ws, j, u) {
            const char *ru = json_string_value(json_object_get(u, "role"));
            if (strcmp(ru, "button") != 0)
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
            if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah)
                fail_msg("%s: %s lies under %s", name, id,
                         json_string_value(json_object_get(u, "id")));
        }
    }
}

/* Appends to out (cap bytes) the words of every widget whose id starts
 * with prefix, in order, without their spaces. */
static void collect(json_t *d, const char *prefix, char *out, size_t cap)
{
    size_t i, n = strlen(out);
    json_t *w;
    json_array_foreach(json_object_get(d, "widgets"), i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *text = json_string_value(json_object_get(w, "text"));
        size_t k = strlen(prefix);
        if (strncmp(id, prefix, k) != 0 || !text || !strcmp(id + k, "more") ||
            !strcmp(id + k, "prev"))
            continue;
        for (const char *c = text; *c && n + 1 < cap; c++)
            if (*c != ' ')
                out[n++] = *c;
        out[n] = '\0';
    }
}

/* Pages through a screen with tap-if MORE, dumping NAME-0, NAME-1 and on
 * (PAGES dumps, the last ones the last page again). */
static int page_script(char *s, size_t cap, const char *name, const char *more)
{
    int n = 0;
    for (int p = 0; p < PAGES; p++) {
        n += snprintf(s + n, cap - (size_t)n, "dump %s-%d\n", name, p);
        if (p + 1 < PAGES)
            n += snprintf(s + n, cap - (size_t)n, "tap-if %s\n", more);
    }
    return n;
}

/* Reads the page dumps NAME-0.. of a screen: each whole; the words of
 * prefix's widgets collected across the pages that differ. Returns the
 * pages seen. */
static int read_pages(Harness *h, const char *name, const char *prefix, const char *more,
                      char *words, size_t cap)
{
    int seen = 0;
    words[0] = '\0';
    for (int p = 0; p < PAGES; p++) {
        char dn[64];
        snprintf(dn, sizeof dn, "%s-%d", name, p);
        json_t *d = harness_dump(h, dn);
        assert_non_null(d);
        assert_whole_page(d, dn);
        collect(d, prefix, words, cap);
        seen++;
        json_t *m = dump_widget(d, more);
        bool last = !m || !json_is_true(json_object_get(m, "enabled"));
        json_decref(d);
        if (last)
            break;
    }
    return seen;
}

/* The explanation's words (spaces left out) of screen's paragraphs
 * (prefix) in Urdu, as a wide screen in the default look
 * shows them, across its pages (more). */
static void whole_words(const char *path, const char *prefix, const char *more, char *out,
                        size_t cap)
{
    Harness h;
    harness_open(&h);
    static char script[8192];
    int n = snprintf(script, sizeof script, "size 1920x1080 15.6\nlang ur\n%s", path);
    page_script(script + n, sizeof script - (size_t)n, "whole", more);
    assert_int_equal(harness_run(&h, script), 0);
    out[0] = '\0';
    for (int p = 0; p < PAGES; p++) {
        char dn[32];
        snprintf(dn, sizeof dn, "whole-%d", p);
        json_t *d = harness_dump(&h, dn);
        assert_non_null(d);
        collect(d, prefix, out, cap);
        json_t *m = dump_widget(d, more);
        bool last = !m || !json_is_true(json_object_get(m, "enabled"));
        json_decref(d);
        if (last)
            break;
    }
    assert_true(strlen(out) > 20);
    harness_close(&h);
}

static void test_advocate_on_pages_end_to_end(void **state)
{
    (void)state;
    static char what[4096], not[4096], got[4096];
    whole_words("tap home.advocate\n", "advocate.what.", "advocate.what.more", what,
                sizeof what);
    whole_words("tap home.advocate\ntap advocate.next\n", "advocate.not.", "advocate.not.more",
                not, sizeof not);
    Harness h;
    harness_open(&h);
    static char script[65536];
    int n = snprintf(script, sizeof script, "size 800x480 7\nlang ur\n" LARGE
                     "tap home.advocate\n");
    n += page_script(script + n, sizeof script - (size_t)n, "what", "advocate.what.more");
    n += snprintf(script + n, sizeof script - (size_t)n, "tap advocate.next\n");
    n += page_script(script + n, sizeof script - (size_t)n, "not", "advocate.not.more");
    n += snprintf(script + n, sizeof script - (size_t)n,
                  "tap advocate.ask\ntap request.name\ntype Ewa\ntap kbd.done\n"
                  "tap-if request.contact.next\n"
                  "tap request.phone\ntype 07700 900123\ntap kbd.done\n"
                  "tap request.contact.next\ntap request.time.morning\ntap request.times.next\n"
                  "tap-if request.language.more\ntap-if request.language.more\n"
                  "tap-if request.language.more\n"
                  "tap request.interpreter.no\ntap request.language.next\n"
                  "tap request.voicemail.no\ntap-if request.safety.more\n"
                  "tap request.sayhub.no\ntap request.safety.next\n"
                  "expect-screen request-meeting\ntap request.date\ntype 24/11/2026\n"
                  "tap kbd.done\n");
    n += page_script(script + n, sizeof script - (size_t)n, "meeting", "request.meeting.more");
    n += snprintf(script + n, sizeof script - (size_t)n,
                  "tap request.kind.other\ntap request.meeting.next\ntap request.note.next\n"
                  "expect-screen request-confirm\n");
    n += page_script(script + n, sizeof script - (size_t)n, "confirm", "request.confirm.more");
    n += snprintf(script + n, sizeof script - (size_t)n,
                  "tap request.send\nexpect-screen request-done\n");
    n += page_script(script + n, sizeof script - (size_t)n, "done", "request.done.more");
    snprintf(script + n, sizeof script - (size_t)n, "tap request.done\nexpect-screen home\n");
    assert_int_equal(harness_run(&h, script), 0);
    /* every part of each explanation, on more than one page */
    assert_true(read_pages(&h, "what", "advocate.what.", "advocate.what.more", got,
                           sizeof got) > 1);
    assert_string_equal(got, what);
    assert_true(read_pages(&h, "not", "advocate.not.", "advocate.not.more", got,
                           sizeof got) > 1);
    assert_string_equal(got, not);
    /* the meeting's kinds, the answers and the confirmation all reached */
    static const char *const kinds[] = { "request.kind.icpc", "request.kind.review",
                                         "request.kind.core-group", "request.kind.other" };
    for (size_t k = 0; k < 4; k++) {
        read_pages(&h, "meeting", kinds[k], "request.meeting.more", got, sizeof got);
        assert_true(got[0] != '\0');
    }
    read_pages(&h, "confirm", "request.confirm.meeting", "request.confirm.more", got,
               sizeof got);
    assert_non_null(strstr(got, "24/11/2026"));   /* the date, after its label */
    read_pages(&h, "done", "request.ref", "request.done.more", got, sizeof got);
    assert_true(got[0] != '\0');
    read_pages(&h, "done", "request.qr", "request.done.more", got, sizeof got);
    assert_true(got[0] != '\0');
    /* sent: one advocate request in the outbox */
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE type = 'advocate'"), 1);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE type = 'advocate' AND "
                                       "json_extract(payload, '$.meeting_date') = '2026-11-24'"),
                     1);
    harness_close(&h);
}

/* The callback's needs seen across the pages of dumps NAME-0.. (pages
 * of them): each id once. Returns how many. */
static int needs_seen(Harness *h, const char *name, int pages)
{
    bool seen[64] = { false };
    int count = 0;
    for (int p = 0; p < pages; p++) {
        char dn[32];
        snprintf(dn, sizeof dn, "%s-%d", name, p);
        json_t *d = harness_dump(h, dn);
        assert_non_null(d);
        for (int i = 0; i < 64; i++) {
            char id[32];
            snprintf(id, sizeof id, "callback.need.%d", i);
            if (dump_widget(d, id) && !seen[i]) {
                seen[i] = true;
                count++;
            }
        }
        json_decref(d);
    }
    return count;
}

/* Appends to s (cap bytes) a script from home to the callback's group g
 * in Urdu or Tamil larger text at 800x480 (More through the groups
 * until g is there), its pages dumped as NAME-0 and on. */
static int group_script(char *s, size_t cap, const char *lang, int g, const char *name)
{
    int n = snprintf(s, cap, "tap nav.exit\nlang %s\n" LARGE "tap home.callback\n", lang);
    for (int k = 0; k < 8; k++)
        n += snprintf(s + n, cap - (size_t)n, "tap-if callback.group.%d\n"
                      "tap-if callback.groups.more\n", g);
    n += snprintf(s + n, cap - (size_t)n, "expect callback.title\n");
    return n + page_script(s + n, cap - (size_t)n, name, "callback.more");
}

/* Every need is reached in Urdu larger text at 800x480, each page whole:
 * as many as the default look shows in English. There they are asked
 * for by group (the needs alone take 22 pages): the groups and the needs
 * in none with More, each group's needs with More, Back from a group's
 * needs to the groups. */
static void test_callback_needs_on_pages(void **state)
{
    (void)state;
    static char script[65536], got[16384];
    Harness h;
    harness_open(&h);
    int n = snprintf(script, sizeof script, "size 800x480 7\nlang en-GB\ntap home.callback\n");
    page_script(script + n, sizeof script - (size_t)n, "en", "callback.more");
    assert_int_equal(harness_run(&h, script), 0);
    int want = needs_seen(&h, "en", PAGES);
    assert_true(want > 4);
    harness_close(&h);
    harness_open(&h);
    n = snprintf(script, sizeof script, "size 800x480 7\nlang ur\n" LARGE "tap home.callback\n");
    n += page_script(script + n, sizeof script - (size_t)n, "groups", "callback.groups.more");
    for (int g = 0; g < 6; g++) {
        char name[16];
        snprintf(name, sizeof name, "g%d", g);
        n += group_script(script + n, sizeof script - (size_t)n, "ur", g, name);
    }
    /* Back from a group's needs: the groups again */
    snprintf(script + n, sizeof script - (size_t)n, "tap nav.back\nexpect-screen callback\n"
             "dump back\n");
    assert_int_equal(harness_run(&h, script), 0);
    int pages = read_pages(&h, "groups", "callback.group.", "callback.groups.more", got,
                           sizeof got);
    assert_true(pages > 1);
    int seen = needs_seen(&h, "groups", pages);
    for (int g = 0; g < 6; g++) {
        char name[16];
        snprintf(name, sizeof name, "g%d", g);
        pages = read_pages(&h, name, "callback.need.", "callback.more", got, sizeof got);
        assert_true(got[0] != '\0');
        seen += needs_seen(&h, name, pages);
    }
    assert_int_equal(seen, want);
    json_t *d = harness_dump(&h, "back");
    assert_non_null(dump_widget(d, "callback.groups.more"));
    json_decref(d);
    harness_close(&h);
}

/* The callback's pages in Urdu and Tamil larger text at 800x480, where
 * the needs alone took 22 and 16: the groups on a handful of pages, each
 * group's needs on a handful too, the heading and its words on the
 * groups' first page only. */
static void test_callback_pages_few(void **state)
{
    (void)state;
    static const char *langs[] = { "ta", "ur" };
    static char script[65536], got[16384];
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        Harness h;
        harness_open(&h);
        int n = snprintf(script, sizeof script, "size 800x480 7\nlang %s\n" LARGE
                         "tap home.callback\n", langs[l]);
        n += page_script(script + n, sizeof script - (size_t)n, "groups", "callback.groups.more");
        for (int g = 0; g < 6; g++) {
            char name[16];
            snprintf(name, sizeof name, "g%d", g);
            n += group_script(script + n, sizeof script - (size_t)n, langs[l], g, name);
        }
        assert_int_equal(harness_run(&h, script), 0);
        int pages = read_pages(&h, "groups", "callback.group.", "callback.groups.more", got,
                               sizeof got);
        if (pages > 8)
            fail_msg("%s: the groups on %d pages, more than 8", langs[l], pages);
        json_t *d = harness_dump(&h, "groups-1");
        assert_null(dump_widget(d, "callback.title"));
        json_decref(d);
        for (int g = 0; g < 6; g++) {
            char name[16];
            snprintf(name, sizeof name, "g%d", g);
            pages = read_pages(&h, name, "callback.need.", "callback.more", got, sizeof got);
            if (pages > 8)
                fail_msg("%s: group %d's needs on %d pages, more than 8", langs[l], g, pages);
        }
        harness_close(&h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advocate_on_pages_end_to_end),
        cmocka_unit_test(test_callback_needs_on_pages),
        cmocka_unit_test(test_callback_pages_few),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
