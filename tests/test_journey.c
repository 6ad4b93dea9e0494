/* test_journey.c — a visitor using the headless kiosk: check-in end to end
 * into SQLite, idle wipe, quick exit, a language change, a full disk,
 * script errors and the example scripts, the support code, right-to-left
 * layout, the day's end, the greeting and a sealed record. The fields are in test_journey_fields.c,
 * the staff view in test_journey_staff.c, the data kept on disk in
 * test_journey_data.c. */
#include <dirent.h>
#include <sodium.h>

#include "journey.h"

static void test_checkin_end_to_end(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "dump home\n" TO_DETAILS
                                     "tap details.first.yes\n"
                                     "tap details.name\n"
                                     "type Anna\n"
                                     "tap kbd.done\n"
                                     "tap details.postcode\n"
                                     "type sm1\n"
                                     "tap kbd.done\n"
                                     "dump details\n"
                                     "tap details.next\n"
                                     "dump confirm\n"
                                     "tap confirm.ok\n"
                                     "dump thanks\n"
                                     "wait 5000\n"
                                     "expect-screen thanks\n"
                                     "wait 1500\n"
                                     "dump after\n"),
                     0);
    json_t *d = harness_dump(&h, "home");
    assert_non_null(d);
    assert_string_equal(dump_screen(d), "home");
    assert_string_equal(dump_text(d, "home.hub"), "Central Sutton Family Hub");
    assert_non_null(strstr(dump_text(d, "home.date"), "Monday 23 November"));
    assert_non_null(dump_widget(d, "nav.exit"));
    assert_non_null(dump_widget(d, "nav.lang"));
    assert_non_null(dump_widget(d, "home.demo"));
    json_decref(d);

    d = harness_dump(&h, "details");
    assert_string_equal(dump_text(d, "details.name"), "Anna");
    assert_string_equal(dump_text(d, "details.postcode"), "SM1");
    assert_true(json_is_true(json_object_get(dump_widget(d, "details.first.yes"), "checked")));
    json_decref(d);

    d = harness_dump(&h, "confirm");
    assert_string_equal(dump_text(d, "confirm.session"), "Coffee morning");
    assert_string_equal(dump_text(d, "confirm.party"), "2 adults, 3 children");
    json_decref(d);

    d = harness_dump(&h, "thanks");
    assert_string_equal(dump_screen(d), "thanks");
    json_decref(d);
    d = harness_dump(&h, "after");
    assert_string_equal(dump_screen(d), "home");
    json_decref(d);

    /* One record in the outbox, exactly as central-api.md shapes it. */
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), 1);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE type='checkin' AND "
                                       "state='pending' AND schema=1"), 1);
    sqlite3 *db = harness_db(&h);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT payload, id, created_at FROM outbox", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    json_t *p = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "session_id")), "coffee-morning");
    assert_string_equal(json_string_value(json_object_get(p, "session_name")), "Coffee morning");
    assert_int_equal(json_integer_value(json_object_get(p, "adults")), 2);
    json_t *kids = json_object_get(p, "children");
    assert_int_equal(json_array_size(kids), 3);
    assert_string_equal(json_string_value(json_array_get(kids, 0)), "pregnant");
    assert_string_equal(json_string_value(json_array_get(kids, 1)), "1-4");
    assert_string_equal(json_string_value(json_array_get(kids, 2)), "1-4");
    assert_true(json_is_true(json_object_get(p, "first_visit")));
    assert_string_equal(json_string_value(json_object_get(p, "language")), "en-GB");
    assert_string_equal(json_string_value(json_object_get(p, "first_name")), "Anna");
    assert_string_equal(json_string_value(json_object_get(p, "postcode_district")), "SM1");
    assert_non_null(json_string_value(json_object_get(p, "consent_version")));
    json_decref(p);
    const char *id = (const char *)sqlite3_column_text(st, 1);
    assert_int_equal(strlen(id), 36);
    assert_int_equal(id[14], '4');
    /* 10:30 local on 23 November is 10:30 UTC (GMT) */
    assert_memory_equal(sqlite3_column_text(st, 2), "2026-11-23T10:3", 15);
    assert_int_equal(strlen((const char *)sqlite3_column_text(st, 2)), 20);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE day='2026-11-23' "
                                       "AND first_name='Anna' AND adults=2 AND children=3"), 1);
    harness_close(&h);
}

static void test_idle_prompt_then_wipe(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "lang pl\n" TO_DETAILS
                                     "tap details.name\n"
                                     "type Zofia\n"
                                     "wait 49000\n"
                                     "dump before-prompt\n"
                                     "wait 2000\n"
                                     "dump prompt\n"
                                     "wait 9000\n"
                                     "dump wiped\n"
                                     "tap home.checkin\n"
                                     "tap checkin.session.0\n"
                                     "dump party\n"),
                     0);
    json_t *d = harness_dump(&h, "before-prompt");
    assert_null(dump_widget(d, "idle.panel"));
    assert_string_equal(json_string_value(json_object_get(d, "language")), "pl");
    json_decref(d);
    d = harness_dump(&h, "prompt");
    assert_string_equal(dump_screen(d), "keyboard");
    assert_non_null(dump_widget(d, "idle.panel"));
    assert_non_null(dump_widget(d, "idle.stay"));
    json_decref(d);
    d = harness_dump(&h, "wiped");
    assert_string_equal(dump_screen(d), "home");
    assert_string_equal(json_string_value(json_object_get(d, "language")), "en-GB");
    json_decref(d);
    /* nothing of the last visitor is left: one adult, no children */
    d = harness_dump(&h, "party");
    assert_string_equal(dump_text(d, "party.adults.value"), "1");
    assert_string_equal(dump_text(d, "party.band.1-4.value"), "0");
    json_decref(d);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), 0);
    harness_close(&h);
}

static void test_idle_prompt_stay_keeps_entries(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, TO_DETAILS
                                     "tap details.name\n"
                                     "type Zofia\n"
                                     "wait 55000\n"
                                     "tap idle.stay\n"
                                     "wait 30000\n"
                                     "dump kept\n"),
                     0);
    json_t *d = harness_dump(&h, "kept");
    assert_string_equal(dump_screen(d), "keyboard");
    assert_null(dump_widget(d, "idle.panel"));
    assert_string_equal(dump_text(d, "kbd.field"), "Zofia");
    json_decref(d);
    harness_close(&h);
}

static void test_quick_exit_leaves_no_trace(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "lang uk\n" TO_DETAILS
                                     "tap details.first.no\n"
                                     "tap details.name\n"
                                     "type Олена\n"
                                     "tap nav.exit\n"
                                     "dump exited\n"
                                     "tap home.checkin\n"
                                     "tap checkin.session.0\n"
                                     "tap party.next\n"
                                     "dump fresh\n"),
                     0);
    json_t *d = harness_dump(&h, "exited");
    assert_string_equal(dump_screen(d), "home");
    assert_string_equal(json_string_value(json_object_get(d, "language")), "en-GB");
    assert_null(dump_widget(d, "idle.panel"));
    json_decref(d);
    d = harness_dump(&h, "fresh");
    assert_string_equal(dump_text(d, "details.name"), "Tap to type");
    assert_false(json_is_true(json_object_get(dump_widget(d, "details.first.no"), "checked")));
    assert_false(json_is_true(json_object_get(dump_widget(d, "details.next"), "enabled")));
    json_decref(d);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 0);
    harness_close(&h);
}

static void test_language_change_keeps_entries(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, TO_DETAILS
                                     "tap details.first.yes\n"
                                     "tap nav.lang\n"
                                     "dump langs\n"
                                     "tap lang.pl\n"
                                     "dump details-pl\n"
                                     "tap nav.back\n"
                                     "dump party-pl\n"),
                     0);
    json_t *d = harness_dump(&h, "langs");
    assert_string_equal(dump_screen(d), "language");
    json_decref(d);
    d = harness_dump(&h, "details-pl");
    assert_string_equal(dump_screen(d), "details");
    assert_string_equal(json_string_value(json_object_get(d, "language")), "pl");
    assert_true(json_is_true(json_object_get(dump_widget(d, "details.first.yes"), "checked")));
    json_decref(d);
    d = harness_dump(&h, "party-pl");
    assert_string_equal(dump_text(d, "party.adults.value"), "2");
    assert_string_equal(dump_text(d, "party.band.1-4.value"), "2");
    json_decref(d);
    harness_close(&h);
}

/* The database is capped, then visitors keep checking in: every "thank
 * you" matches a stored record, and the one that could not be stored sees
 * the staff message instead, never "thank you". */
static void test_full_disk_never_thanks(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    enum { VISITS = 40 };
    static char script[VISITS * 400 + 64];
    size_t n = (size_t)snprintf(script, sizeof script, "storage-limit 1\n");
    for (int i = 0; i < VISITS; i++)
        n += (size_t)snprintf(script + n, sizeof script - n,
                              TO_DETAILS "tap details.first.no\ntap details.name\n"
                              "type குழந்தைகள்குழந்தைகள்குழந்தை\ntap kbd.done\n"
                              "tap details.next\ntap confirm.ok\ndump v%d\ntap nav.exit\n", i);
    assert_int_equal(harness_run(&h, script), 0);
    int thanks = 0, errors = 0;
    for (int i = 0; i < VISITS; i++) {
        char name[16];
        snprintf(name, sizeof name, "v%d", i);
        json_t *d = harness_dump(&h, name);
        assert_non_null(d);
        if (!strcmp(dump_screen(d), "thanks"))
            thanks++;
        else {
            assert_string_equal(dump_screen(d), "save-error");
            assert_non_null(strstr(dump_text(d, "error.text"), "member of staff"));
            errors++;
        }
        json_decref(d);
    }
    assert_true(errors > 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), thanks);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), thanks);
    harness_close(&h);
}

static void test_script_errors_name_the_line(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.checkin\ntap home.nothing\n"), K_ERR_SCRIPT);
    assert_non_null(strstr(h.err, ":2:"));
    assert_non_null(strstr(h.err, "home.nothing"));
    assert_int_equal(harness_run(&h, "dance\n"), K_ERR_SCRIPT);
    assert_non_null(strstr(h.err, "unknown command"));
    /* the binary exits 1 and names the line */
    char cmd[4000], path[700];
    snprintf(path, sizeof path, "%s/s.txt", h.dir);
    FILE *f = fopen(path, "w");
    fputs("snap first\n# a comment\n\ntap nowhere.at.all\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s/kiosk --headless --script %s --out %s --data-dir %s/d 2>%s/err",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", path, h.out, h.dir, h.dir);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc));
    assert_int_equal(WEXITSTATUS(rc), 1);
    snprintf(path, sizeof path, "%s/err", h.dir);
    f = fopen(path, "r");
    char line[600] = "";
    while (fgets(line, sizeof line, f) && !strstr(line, "s.txt:"))
        ;
    fclose(f);
    assert_non_null(strstr(line, "s.txt:4:"));
    snprintf(path, sizeof path, "%s/first.png", h.out);
    assert_int_equal(access(path, R_OK), 0);
    harness_close(&h);
}

/* The example scripts in tests/scripts (named in README.md and
 * docs/headless.md) still run to their end through the binary, each on a
 * fresh data directory. */
static void test_example_scripts_run(void **state)
{
    (void)state;
    DIR *dir = opendir("tests/scripts");       /* run from the repository root */
    assert_non_null(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        Harness h;
        harness_open(&h);
        char args[1200];
        static char out[16384];
        snprintf(args, sizeof args, "--headless --script tests/scripts/%.200s --out %s",
                 e->d_name, h.out);
        int rc = journey_kiosk(&h, args, out, sizeof out);
        if (rc != 0)
            fail_msg("tests/scripts/%s stopped (exit %d): %s", e->d_name, rc, out);
        harness_close(&h);
        n++;
    }
    closedir(dir);
    assert_true(n >= 2);
}

/* The take-home code on the support screen scans as the link it promises,
 * at the smallest and a large screen size. */
static void test_support_qr_scans(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.support\nsnap qr-small\ntap nav.exit\n"
                                     "size 1920x1080 15.6\nlang ur\ntap home.support\n"
                                     "snap qr-large\n"), 0);
    const char *names[] = { "qr-small", "qr-large" };
    for (int i = 0; i < 2; i++) {
        char cmd[1000], out[1000] = "";
        snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw %s/%s.png 2>/dev/null", h.out, names[i]);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        if (!fgets(out, sizeof out, p))
            out[0] = '\0';
        assert_int_equal(pclose(p), 0);
        out[strcspn(out, "\n")] = '\0';
        assert_string_equal(out, "https://www.suttoninformationhub.org.uk");
    }
    harness_close(&h);
}

static int rect_x(json_t *dump, const char *id)
{
    json_t *w = dump_widget(dump, id);
    assert_non_null(w);
    return (int)json_integer_value(json_array_get(json_object_get(w, "rect"), 0));
}

/* Right to left mirrors the layout: back at the right, forward at the
 * left, the progress filled from the right; English the other way. */
static void test_rtl_mirrors_layout(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "lang ur\ntap home.checkin\ntap checkin.session.0\n"
                                     "dump ur\nlang en-GB\ndump en\n"), 0);
    json_t *ur = harness_dump(&h, "ur"), *en = harness_dump(&h, "en");
    assert_true(json_is_true(json_object_get(ur, "rtl")));
    assert_true(rect_x(ur, "nav.back") > 400 && rect_x(en, "nav.back") < 400);
    assert_true(rect_x(ur, "nav.exit") < 400 && rect_x(en, "nav.exit") > 400);
    assert_true(rect_x(ur, "party.next") < 400 && rect_x(en, "party.next") > 400);
    assert_true(rect_x(ur, "party.adults.label") > rect_x(ur, "party.adults.plus"));
    assert_true(rect_x(en, "party.adults.label") < rect_x(en, "party.adults.plus"));
    assert_string_equal(dump_text(ur, "nav.progress"), "2/4");
    /* mirrored about the centre: the same margin from the other edge */
    json_t *wb = json_object_get(dump_widget(ur, "nav.back"), "rect");
    int w = (int)json_integer_value(json_array_get(wb, 2));
    assert_int_equal(800 - rect_x(ur, "nav.back") - w, rect_x(en, "nav.back"));
    json_decref(ur);
    json_decref(en);
    harness_close(&h);
}

/* At the day's end the names and parties leave the device; the record
 * waiting for the central service stays. (Closing time midnight here;
 * tests/test_day_end.c has the closing time itself.) */
static void test_day_end_purges_attendance(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    h.cfg.closing_min = 0;
    assert_int_equal(harness_run(&h, TO_DETAILS
                                     "tap details.first.yes\ntap details.name\ntype Anna\n"
                                     "tap kbd.done\ntap details.next\ntap confirm.ok\n"
                                     "tap thanks.done\n"
                                     "time 2026-11-23 23:59\nwait 1000\n"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 1);
    assert_int_equal(harness_run(&h, "time 2026-11-23 23:59\nwait 2000\n"
                                     "time 2026-11-24 00:01\nwait 1000\n"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE state='pending'"), 1);
    harness_close(&h);
}

/* The home screen greets passers-by in each language in turn. */
static void test_greeting_cycles(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "dump g0\nwait 5000\ndump g1\nwait 5000\ndump g2\n"), 0);
    json_t *g0 = harness_dump(&h, "g0"), *g1 = harness_dump(&h, "g1"), *g2 = harness_dump(&h, "g2");
    assert_string_not_equal(dump_text(g0, "home.greeting"), dump_text(g1, "home.greeting"));
    assert_string_not_equal(dump_text(g1, "home.greeting"), dump_text(g2, "home.greeting"));
    /* the rest of the screen stays in the hub's language */
    assert_string_equal(dump_text(g2, "home.checkin"), "Check in");
    json_decref(g0);
    json_decref(g1);
    json_decref(g2);
    harness_close(&h);
}

/* With the central service's record key configured, the check-in is
 * stored sealed: the device cannot read it back, the service can; the
 * staff view still has what it needs for today. */
static void test_sealed_checkin(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_true(sodium_init() >= 0);
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    snprintf(h.cfg.record_key_file, sizeof h.cfg.record_key_file, "%s/record.pub", h.dir);
    FILE *f = fopen(h.cfg.record_key_file, "w");
    fprintf(f, "%s\n", b64);
    fclose(f);
    assert_int_equal(harness_run(&h, TO_DETAILS
                                     "tap details.first.yes\ntap details.name\ntype Anna\n"
                                     "tap kbd.done\ntap details.next\ntap confirm.ok\n"
                                     "expect-screen thanks\n"), 0);
    sqlite3 *db = harness_db(&h);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT payload FROM outbox", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *payload = (const char *)sqlite3_column_text(st, 0);
    assert_null(strstr(payload, "Anna"));
    json_t *p = json_loads(payload, 0, NULL);
    const char *sealed = json_string_value(json_object_get(p, "sealed"));
    assert_non_null(sealed);
    unsigned char box[1024], clear[1024];
    size_t box_len;
    assert_int_equal(sodium_base642bin(box, sizeof box, sealed, strlen(sealed), NULL, &box_len,
                                       NULL, sodium_base64_VARIANT_ORIGINAL), 0);
    assert_true(box_len > crypto_box_SEALBYTES);
    assert_int_equal(crypto_box_seal_open(clear, box, box_len, pk, sk), 0);
    clear[box_len - crypto_box_SEALBYTES] = '\0';
    json_t *inner = json_loads((const char *)clear, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(inner, "first_name")), "Anna");
    assert_string_equal(json_string_value(json_object_get(inner, "session_id")), "coffee-morning");
    json_decref(inner);
    json_decref(p);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE first_name='Anna'"),
                     1);
    /* a key file that is not a key stops start-up, naming it */
    f = fopen(h.cfg.record_key_file, "w");
    fputs("not a key\n", f);
    fclose(f);
    assert_int_equal(harness_run(&h, "dump x\n") != 0, 1);
    assert_non_null(strstr(h.err, "record.pub"));
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkin_end_to_end),
        cmocka_unit_test(test_idle_prompt_then_wipe),
        cmocka_unit_test(test_idle_prompt_stay_keeps_entries),
        cmocka_unit_test(test_quick_exit_leaves_no_trace),
        cmocka_unit_test(test_language_change_keeps_entries),
        cmocka_unit_test(test_full_disk_never_thanks),
        cmocka_unit_test(test_script_errors_name_the_line),
        cmocka_unit_test(test_example_scripts_run),
        cmocka_unit_test(test_support_qr_scans),
        cmocka_unit_test(test_rtl_mirrors_layout),
        cmocka_unit_test(test_day_end_purges_attendance),
        cmocka_unit_test(test_greeting_cycles),
        cmocka_unit_test(test_sealed_checkin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
