/* journey.h — what the journey tests (tests/test_journey*.c) share: the
 * taps that reach the details screen and open the staff view, a check that
 * a widget's text fits the screen, running the kiosk binary, and content
 * packs made from the demo pack. */
#ifndef KIOSK_TEST_JOURNEY_H
#define KIOSK_TEST_JOURNEY_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"

/* From the home screen to the details screen of the first drop-in, with a
 * party of two adults and three children (two aged 1-4, one pregnancy). */
#define TO_DETAILS \
    "tap home.checkin\n" \
    "tap checkin.session.0\n" \
    "tap party.adults.plus\n" \
    "tap party.band.1-4.plus\n" \
    "tap party.band.1-4.plus\n" \
    "tap party.band.pregnant.plus\n" \
    "tap party.next\n"

/* From the home screen into the staff view, with the PIN 2580 set by
 * harness_set_pin(&h, "2580"). */
#define TO_STAFF_2580 \
    "press home.hub 3100\n" \
    "tap staff.pin.2\ntap staff.pin.5\ntap staff.pin.8\ntap staff.pin.0\n" \
    "tap staff.pin.enter\n" \
    "expect-screen staff\n"

/* Part k of a widget's rectangle [x, y, w, h] in a dump. */
static inline int rect_part(json_t *w, int k)
{
    return (int)json_integer_value(json_array_get(json_object_get(w, "rect"), (size_t)k));
}

/* A widget showing a name fits on screen: it reports fitting, lies within
 * the screen's width, and (when cut is true) ends with an ellipsis. */
static inline void assert_name_fits(json_t *d, const char *id, bool cut)
{
    json_t *w = dump_widget(d, id);
    assert_non_null(w);
    assert_true(json_is_true(json_object_get(w, "fits")));
    int screen_w = (int)json_integer_value(json_array_get(json_object_get(d, "size"), 0));
    assert_true(screen_w > 0);
    assert_true(rect_part(w, 0) >= 0 && rect_part(w, 0) + rect_part(w, 2) <= screen_w);
    const char *t = json_string_value(json_object_get(w, "text"));
    size_t n = strlen(t);
    if (cut)
        assert_true(n >= 3 && !strcmp(t + n - 3, "\xE2\x80\xA6"));
}

/* Runs the kiosk binary (KIOSK_BUILD/kiosk) with --data-dir of the harness
 * and args, its standard output and error both written to out (cap bytes,
 * cut if longer). Returns its exit status, or -1 when it did not exit. */
static inline int journey_kiosk(Harness *h, const char *args, char *out, size_t cap)
{
    char cmd[4096], path[700];
    snprintf(path, sizeof path, "%s/kiosk-output", h->dir);
    snprintf(cmd, sizeof cmd, "%s/kiosk --data-dir %s %s >%s 2>&1",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", h->cfg.data_dir, args,
             path);
    int rc = system(cmd);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f) {
        size_t n = fread(out, 1, cap - 1, f);
        out[n] = '\0';
        fclose(f);
    }
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Writes to path the demo content pack with its first session's id and
 * name replaced (the first session, the coffee morning, runs at the
 * headless start time). Returns 0, or -1 when it cannot be read or
 * written. */
static inline int journey_pack(const char *path, const char *session_id,
                               const char *session_name)
{
    json_t *pack = json_load_file("assets/content/demo-central-sutton.json", 0, NULL);
    json_t *s = json_array_get(json_object_get(pack, "sessions"), 0);
    int rc = -1;
    if (s && json_object_set_new(s, "id", json_string(session_id)) == 0 &&
        json_object_set_new(s, "name", json_string(session_name)) == 0 &&
        json_dump_file(pack, path, 0) == 0)
        rc = 0;
    json_decref(pack);
    return rc;
}

#endif
