/* test_request_journey.c — callback, advocate and feedback journeys in
 * English, Urdu and Polish through the headless kiosk: the dumps (the
 * number as typed back, the reference, urgency, the message beside a bad
 * number or a past date), the database (one outbox row and one count row,
 * nothing half-way) and the stored record's JSON field by field; then each
 * record sent by --send-now arrives at the stand-in central service with
 * its payload intact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>

#include "harness.h"
#include "journey.h"
#include "upload_fixture.h"
#include "kiosk/reference.h"

/* The request screens on pages (larger text, a tall script): More to the
 * interpreter question, to the second safety question, Next from the name
 * to the number; each a tap only where that screen is on pages. */
#define LANG_PAGES "tap-if request.language.more\ntap-if request.language.more\n" \
    "tap-if request.language.more\n"
#define SAFETY_PAGE "tap-if request.safety.more\n"
#define CONTACT_PAGE "tap-if request.contact.next\n"

static const char *const langs[] = { "en-GB", "ur", "pl" };

#define TO_CONTACT(need) "tap home.callback\ntap " need "\n"
#define CONTACT(name, phone) \
    "tap request.name\ntype " name "\ntap kbd.done\n" \
    CONTACT_PAGE "tap request.phone\ntype " phone \
    "\ntap kbd.done\ntap request.contact.next\n"
#define TIMES_TO_SAFETY \
    "tap request.time.morning\ntap request.time.evening\ntap request.times.next\n" \
    LANG_PAGES "tap request.interpreter.yes\ntap request.language.next\n" \
    "tap request.voicemail.no\n" SAFETY_PAGE "tap request.sayhub.yes\ntap request.safety.next\n"

static const char *callback_script =
    "lang %s\n" TO_CONTACT("callback.need.other")
    "tap request.name\ntype ewa\ntap kbd.done\n"
    CONTACT_PAGE "tap request.phone\ntype 0770\ntap kbd.done\n"
    "expect-screen keyboard\ndump bad-phone\n"
    "key backspace\nkey backspace\nkey backspace\nkey backspace\ntype +48 512 345 678\n"
    "tap kbd.done\nexpect-screen request-contact\ntap request.contact.next\n" TIMES_TO_SAFETY
    "tap request.note\ntype After 3pm, please\ntap kbd.done\ntap request.note.next\n"
    "expect-screen request-confirm\ndump confirm\ntap request.send\n"
    "expect-screen request-done\ndump done\ntap request.done\nexpect-screen home\n";

static const char *advocate_script =
    "lang %s\ntap home.advocate\ndump explain\ntap advocate.next\ndump more\n"
    "tap advocate.ask\n" CONTACT("Ewa", "07700 900123") TIMES_TO_SAFETY
    "expect-screen request-meeting\ntap request.date\ntype 20/11/2026\ntap kbd.done\n"
    "dump past\n"
    "tap request.date\nkey backspace\nkey backspace\nkey backspace\nkey backspace\n"
    "key backspace\nkey backspace\nkey backspace\nkey backspace\nkey backspace\nkey backspace\n"
    "type %s\ntap kbd.done\ndump meeting\n"
    /* on pages (Urdu), the kinds on the page after the date */
    "tap-if request.meeting.more\ntap request.kind.review\n"
    "tap request.meeting.next\ntap request.note.next\ntap request.send\n"
    "expect-screen request-done\ndump done\ntap-if request.done.more\ndump done-next\n";

static const char *feedback_script =
    "lang %s\ntap home.feedback\nexpect-screen feedback\ntap feedback.face.2\n"
    "expect-screen feedback-thanks\ntap feedback.comment\ntype Kind staff\ntap kbd.done\n"
    "tap feedback.send\ndump thanks\ntap feedback.done\nexpect-screen home\n";

/* The one outbox row of type: its id and payload (caller frees). */
static json_t *the_record(Harness *h, const char *type, char id[37])
{
    sqlite3 *db = harness_db(h);
    sqlite3_stmt *st = NULL;
    json_t *p = NULL;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT id, payload FROM outbox WHERE type = '%s'", type);
    assert_non_null(db);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(id, 37, "%s", (const char *)sqlite3_column_text(st, 0));
    p = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_non_null(p);
    return p;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "(absent)";
}

static void assert_reference(Harness *h, const char *id)
{
    char ref[REFERENCE_BUF];
    assert_true(reference_from_id(id, ref));
    json_t *d = harness_dump(h, "done");
    assert_non_null(d);
    assert_string_equal(dump_text(d, "request.ref"), ref);
    /* the code to scan carries the reference */
    assert_non_null(strstr(dump_text(d, "request.qr"), ref));
    json_decref(d);
}

static void test_callback(void **state)
{
    (void)state;
    for (size_t l = 0; l < 3; l++) {
        Harness h;
        harness_open(&h);
        char script[4096];
        snprintf(script, sizeof script, callback_script, langs[l]);
        assert_int_equal(harness_run(&h, script), 0);
        /* a number too short: said beside the field, in the visitor's language */
        json_t *d = harness_dump(&h, "bad-phone");
        const char *msg = dump_text(d, "kbd.message");
        assert_non_null(msg);
        if (l == 0)
            assert_string_equal(msg, "This number is too short. Please check it.");
        else
            assert_string_not_equal(msg, "This number is too short. Please check it.");
        json_decref(d);
        /* the number as its country writes it, to check */
        d = harness_dump(&h, "confirm");
        assert_string_equal(dump_text(d, "request.confirm.phone"), "+48 512 345 678");
        assert_string_equal(dump_text(d, "request.confirm.name"), "Ewa");
        json_decref(d);
        char id[37];
        json_t *p = the_record(&h, "callback", id);
        assert_string_equal(str(p, "first_name"), "ewa");
        assert_string_equal(str(p, "phone"), "+48512345678");
        assert_string_equal(str(p, "need_id"), "something-else");
        json_t *t = json_object_get(p, "best_times");
        assert_int_equal(json_array_size(t), 2);
        assert_string_equal(json_string_value(json_array_get(t, 0)), "morning");
        assert_string_equal(json_string_value(json_array_get(t, 1)), "evening");
        assert_string_equal(str(p, "language"), langs[l]);
        assert_true(json_is_true(json_object_get(p, "interpreter")));
        assert_true(json_is_false(json_object_get(p, "safe_to_leave_message")));
        assert_true(json_is_true(json_object_get(p, "safe_to_say_caller")));
        assert_string_equal(str(p, "note"), "After 3pm, please");
        assert_string_equal(str(p, "consent_version"), "request-1");
        assert_int_equal(json_object_size(p), 10);
        json_decref(p);
        assert_reference(&h, id);
        assert_int_equal(harness_count(&h, "SELECT count(*) FROM requests WHERE type = "
                                           "'callback' AND urgent = 0 AND day = '2026-11-23'"),
                         1);
        assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), 1);
        harness_close(&h);
    }
}

/* Monday 23 November 2026: Wednesday the 25th is within two working days,
 * Thursday the 26th is not. */
static void test_advocate(void **state)
{
    (void)state;
    static const struct { const char *date, *iso; int urgent; } m[] = {
        { "25/11/2026", "2026-11-25", 1 }, { "26/11/2026", "2026-11-26", 0 },
    };
    for (size_t l = 0; l < 3; l++)
        for (size_t k = 0; k < 2; k++) {
            Harness h;
            harness_open(&h);
            char script[4096];
            snprintf(script, sizeof script, advocate_script, langs[l], m[k].date);
            assert_int_equal(harness_run(&h, script), 0);
            json_t *d = harness_dump(&h, "past");
            assert_non_null(dump_widget(d, "request.date.error"));
            /* Next waits for the date put right; on pages it goes a page
             * on first (it waits on the last) */
            json_t *more = dump_widget(d, "request.meeting.more");
            assert_int_equal(json_is_true(json_object_get(dump_widget(d, "request.meeting.next"),
                                                          "enabled")),
                             more && json_is_true(json_object_get(more, "enabled")));
            json_decref(d);
            d = harness_dump(&h, "meeting");
            assert_int_equal(dump_widget(d, "request.urgent") != NULL, m[k].urgent);
            assert_null(dump_widget(d, "request.date.error"));
            json_decref(d);
            /* said on the first page, or (on pages, Urdu) the next */
            d = harness_dump(&h, "done");
            json_t *e = harness_dump(&h, "done-next");
            assert_int_equal(dump_widget(d, "request.urgent") || dump_widget(e, "request.urgent"),
                             m[k].urgent);
            json_decref(e);
            json_decref(d);
            char id[37];
            json_t *p = the_record(&h, "advocate", id);
            assert_string_equal(str(p, "first_name"), "Ewa");
            assert_string_equal(str(p, "phone"), "+447700900123");
            assert_string_equal(str(p, "need_id"), "child-protection");
            assert_string_equal(str(p, "language"), langs[l]);
            assert_string_equal(str(p, "meeting_date"), m[k].iso);
            assert_string_equal(str(p, "meeting_type"), "review");
            assert_string_equal(str(p, "consent_version"), "request-1");
            assert_null(json_object_get(p, "note"));
            assert_null(json_object_get(p, "urgent"));   /* the API has no such field */
            assert_int_equal(json_object_size(p), 11);
            json_decref(p);
            assert_reference(&h, id);
            char sql[160];
            snprintf(sql, sizeof sql, "SELECT count(*) FROM requests WHERE type = 'advocate' "
                     "AND urgent = %d", m[k].urgent);
            assert_int_equal(harness_count(&h, sql), 1);
            harness_close(&h);
        }
}

static void test_feedback(void **state)
{
    (void)state;
    for (size_t l = 0; l < 3; l++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        snprintf(script, sizeof script, feedback_script, langs[l]);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "thanks");
        assert_non_null(dump_widget(d, "feedback.thanks.sent"));
        json_decref(d);
        char id[37];
        json_t *p = the_record(&h, "feedback", id);
        assert_int_equal(json_integer_value(json_object_get(p, "rating")), 2);
        assert_string_equal(str(p, "comment"), "Kind staff");
        assert_string_equal(str(p, "language"), langs[l]);
        assert_null(json_object_get(p, "session_id"));
        json_decref(p);
        harness_close(&h);
    }
}

/* One tap is enough: the rating is saved before any comment. */
static void test_feedback_one_tap(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "tap home.feedback\ntap feedback.face.5\ntap nav.exit\n"),
                     0);
    char id[37];
    json_t *p = the_record(&h, "feedback", id);
    assert_int_equal(json_integer_value(json_object_get(p, "rating")), 5);
    assert_null(json_object_get(p, "comment"));
    json_decref(p);
    harness_close(&h);
}

/* Urdu on the small screen: the summary is on pages; More shows the rest
 * of the answers and who will see them, and Send works from any page. */
static void test_summary_pages(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "size 800x480\nlang ur\n" TO_CONTACT("callback.need.other")
                                     CONTACT("Ewa", "07700 900123") TIMES_TO_SAFETY
                                     "tap request.note.next\nexpect-screen request-confirm\n"
                                     "expect request.confirm.name\nexpect-disabled "
                                     "request.confirm.prev\ntap request.confirm.more\n"
                                     "expect request.confirm.times\ntap request.confirm.more\n"
                                     "expect request.confirm.sayhub\nexpect request.privacy\n"
                                     "expect-disabled request.confirm.more\n"
                                     "tap request.send\nexpect-screen request-done\n"),
                     0);
    char id[37];
    json_t *p = the_record(&h, "callback", id);
    assert_string_equal(str(p, "first_name"), "Ewa");
    json_decref(p);
    harness_close(&h);
}

/* A full disk: "sorry", nothing saved, the entries kept for Try again. */
static void test_full_disk(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "storage-limit 1\n" TO_CONTACT("callback.need.other")
                                     CONTACT("Ewa", "07700 900123") TIMES_TO_SAFETY
                                     "tap request.note.next\ntap request.send\n"
                                     "expect-screen request-error\ntap request.error.retry\n"
                                     "expect-screen request-error\n"),
                     0);
    assert_true(harness_count(&h, "SELECT count(*) FROM outbox") <= 0);
    harness_close(&h);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

/* Every record the visitor was told about reaches the central service,
 * once, with the payload the kiosk stored. */
static void test_arrives_at_central(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char script[8192];
    int n = snprintf(script, sizeof script, callback_script, "pl");
    n += snprintf(script + n, sizeof script - (size_t)n, advocate_script, "ur", "25/11/2026");
    n += snprintf(script + n, sizeof script - (size_t)n, "tap request.done\n");
    snprintf(script + n, sizeof script - (size_t)n, feedback_script, "en-GB");
    assert_int_equal(harness_run(&h, script), 0);
    Standin srv;
    char sdir[400], ini[1400], ini_path[400], token[400], out[4096];
    snprintf(sdir, sizeof sdir, "%s/central", h.dir);
    assert_int_equal(standin_start(&srv, sdir, false), 0);
    snprintf(token, sizeof token, "%s/token", h.dir);
    write_file(token, UP_TOKEN "\n", 0600);
    snprintf(ini_path, sizeof ini_path, "%s/kiosk.ini", h.dir);
    snprintf(ini, sizeof ini,
             "[hub]\ndevice_id = request-test\nhub_id = central-sutton\n"
             "[paths]\ndata_dir = %s\n[central]\nurl = %s\ntoken_file = %s\n",
             h.cfg.data_dir, srv.url, token);
    write_file(ini_path, ini, 0600);
    char args[500];
    snprintf(args, sizeof args, "--send-now --config %s", ini_path);
    int rc = journey_kiosk(&h, args, out, sizeof out);
    standin_stop(&srv);
    if (rc != 0)
        fprintf(stderr, "%s\n", out);
    assert_int_equal(rc, 0);
    /* each outbox row, by id, against the server's store */
    sqlite3 *db = harness_db(&h);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id, type, payload, state FROM outbox", -1,
                                        &st, NULL), SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        json_t *mine = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
        assert_string_equal((const char *)sqlite3_column_text(st, 3), "acked");
        FILE *f = fopen(srv.store, "r");
        assert_non_null(f);
        char line[8192];
        int found = 0;
        while (fgets(line, sizeof line, f)) {
            json_t *rec = json_loads(line, 0, NULL);
            json_t *r = json_object_get(rec, "record") ? json_object_get(rec, "record") : rec;
            if (r && !strcmp(str(r, "id"), id)) {
                found++;
                assert_string_equal(str(r, "type"), (const char *)sqlite3_column_text(st, 1));
                assert_true(json_equal(json_object_get(r, "payload"), mine));
            }
            json_decref(rec);
        }
        fclose(f);
        assert_int_equal(found, 1);
        json_decref(mine);
        rows++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(rows, 3);
    assert_int_equal(harness_count(&h, "SELECT sum(delivered) FROM (SELECT o.state = 'acked' AS "
                                       "delivered FROM requests r JOIN outbox o ON o.id = r.id)"),
                     2);
    harness_close(&h);
}

/* Staff see how many callback and advocate requests came today, and how
 * many are urgent, never what was in them. */
static void test_staff_counts(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    char script[8192];
    int n = snprintf(script, sizeof script, callback_script, "pl");
    n += snprintf(script + n, sizeof script - (size_t)n, advocate_script, "en-GB", "25/11/2026");
    snprintf(script + n, sizeof script - (size_t)n,
             "tap request.done\nexpect-screen home\npress home.hub 3100\n"
             "expect-screen staff-pin\ntap staff.pin.2\ntap staff.pin.5\ntap staff.pin.8\n"
             "tap staff.pin.0\ntap staff.pin.enter\nexpect-screen staff\ndump staff\n");
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "staff");
    const char *line = dump_text(d, "staff.requests");
    assert_non_null(line);
    assert_non_null(strstr(line, "Callbacks today: 1 (0 urgent"));
    assert_non_null(strstr(line, "Advocates today: 1 (1 urgent"));
    char *all = json_dumps(d, 0);
    assert_non_null(all);
    assert_null(strstr(all, "Ewa"));          /* never a request's contents */
    assert_null(strstr(all, "512 345 678"));
    assert_null(strstr(all, "7700 900123"));
    free(all);
    json_decref(d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_callback),
        cmocka_unit_test(test_advocate),
        cmocka_unit_test(test_summary_pages),
        cmocka_unit_test(test_feedback),
        cmocka_unit_test(test_feedback_one_tap),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_arrives_at_central),
        cmocka_unit_test(test_staff_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
