/* test_party_pages.c — who is with you today, in every language, size and
 * look: the eight rows (adults and the seven age bands) are each on one
 * page, reached with More; each label is drawn whole at the body's size
 * (never shrunk to sit beside its stepper, so no row reads smaller than
 * the next; only a row whole in no way, at the top of its page, is set
 * smaller in the room left); and a page holds as many rows as fit, so the Latin and
 * Cyrillic languages need at most two pages and none more than four.
 * Before, one long label (20 to 25, with special needs...) made every row
 * as tall as itself: Polish larger text at 800x480 had eight pages of
 * one row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

#define ROWS 8
#define PAGES_MAX 9

static const char *const langs[] = { "en-GB", "pl", "ro", "bg", "uk", "ta", "ur" };
static const char *const sizes[][2] = {
    { "800x480", "7" }, { "720x1280", "10.1" }, { "1280x800", "10.1" }, { "1920x1080", "15.6" },
};
static const char larger[] = "tap nav.access\ntap access.large\ntap access.done\n";

static const char *const rows[ROWS] = {
    "party.adults",     "party.band.pregnant", "party.band.0-1",        "party.band.1-4",
    "party.band.5-11",  "party.band.12-16",    "party.band.17-19",      "party.band.20-25-send",
};

/* The page count for one language, size and look; problems are counted
 * into *bad with a line each. */
static int party_pages(const char *lang, const char *size, const char *diag, bool large,
                       int *bad)
{
    Harness h;
    harness_open(&h);
    char script[2048];
    int n = snprintf(script, sizeof script, "size %s %s\nlang %s\n%stap home.checkin\n"
                     "tap checkin.session.0\n", size, diag, lang, large ? larger : "");
    for (int p = 0; p < PAGES_MAX; p++)
        n += snprintf(script + n, sizeof script - (size_t)n, "dump p%d\ntap-if party.more\n", p);
    assert_int_equal(harness_run(&h, script), 0);
    int seen[ROWS] = { 0 }, pages = 0, px[PAGES_MAX][ROWS], y[PAGES_MAX][ROWS], body = 0;
    char label[96];
    snprintf(label, sizeof label, "%s %s %s", lang, size, large ? "larger" : "default");
    for (int p = 0; p < PAGES_MAX; p++) {
        char name[16];
        snprintf(name, sizeof name, "p%d", p);
        json_t *d = harness_dump(&h, name);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "party");
        for (int r = 0; r < ROWS; r++) {
            char id[48];
            snprintf(id, sizeof id, "%s.label", rows[r]);
            json_t *w = dump_widget(d, id);
            px[p][r] = 0;
            if (!w)
                continue;
            seen[r]++;
            px[p][r] = (int)json_integer_value(json_object_get(w, "font_px"));
            y[p][r] = (int)json_integer_value(json_array_get(json_object_get(w, "rect"), 1));
            body = px[p][r] > body ? px[p][r] : body;
            if (!json_is_true(json_object_get(w, "fits"))) {
                fprintf(stderr, "%s page %d: %s does not fit\n", label, p, rows[r]);
                (*bad)++;
            }
        }
        pages = p + 1;
        json_t *more = dump_widget(d, "party.more");
        bool last = !more || !json_is_true(json_object_get(more, "enabled"));
        json_decref(d);
        if (last)
            break;
    }
    /* every label at the body's size (the largest drawn), but for a row
     * whole in no way, at the top of its page, given the room left */
    for (int p = 0; p < pages; p++) {
        int top = INT32_MAX;
        for (int r = 0; r < ROWS; r++)
            if (px[p][r] && y[p][r] < top)
                top = y[p][r];
        for (int r = 0; r < ROWS; r++)
            if (px[p][r] && px[p][r] < body && y[p][r] != top) {
                fprintf(stderr, "%s page %d: %s at %d px, not %d\n", label, p, rows[r],
                        px[p][r], body);
                (*bad)++;
            }
    }
    for (int r = 0; r < ROWS; r++)
        if (seen[r] != 1) {
            fprintf(stderr, "%s: %s on %d pages, not one\n", label, rows[r], seen[r]);
            (*bad)++;
        }
    harness_close(&h);
    return pages;
}

static void test_party_rows_fill_their_pages(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
            for (int large = 0; large < 2; large++) {
                int pages = party_pages(langs[l], sizes[s][0], sizes[s][1], large, &bad);
                bool tall_script = !strcmp(langs[l], "ta") || !strcmp(langs[l], "ur");
                int most = tall_script ? 4 : 2;
                if (pages > most) {
                    fprintf(stderr, "%s %s %s: %d pages (at most %d)\n", langs[l], sizes[s][0],
                            large ? "larger" : "default", pages, most);
                    bad++;
                }
            }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_party_rows_fill_their_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
