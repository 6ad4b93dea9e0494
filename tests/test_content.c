/* test_content.c — content pack loading, validation and the session and
 * translation queries. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kiosk/content.h"
#include "kiosk/limits.h"
#include "kiosk/log.h"
#include "kiosk/record.h"
#include "kiosk/utf8.h"

#define DEMO_PACK "assets/content/demo-central-sutton.json"
#define FIXTURES "tests/data/content/"

/* Local time y-m-d h:m with tm_wday filled in from the calendar. */
static struct tm at(int y, int mon, int d, int h, int min)
{
    struct tm t = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = 12 };
    time_t noon = timegm(&t);
    gmtime_r(&noon, &t);
    t.tm_hour = h;
    t.tm_min = min;
    return t;
}

static ContentPack *load_demo(void)
{
    char err[512];
    ContentPack *p = content_load(DEMO_PACK, err, sizeof err);
    if (!p)
        print_error("%s\n", err);
    assert_non_null(p);
    return p;
}

static ContentPack *load_text(const char *json, char *err, size_t errlen)
{
    return content_load_buffer(json, strlen(json), "inline.json", err, errlen);
}

static void test_demo_pack_loads(void **state)
{
    (void)state;
    ContentPack *p = load_demo();
    assert_string_equal(content_version(p), "2026-11-20.1");
    assert_string_equal(content_hub_id(p), "central-sutton");
    assert_string_equal(content_hub_name(p), "Central Sutton Family Hub");
    assert_true(content_is_demo(p));
    assert_non_null(strstr(content_hub_description(p), "examples"));
    assert_int_equal(content_session_count(p), 11);
    assert_string_equal(content_session_name(p, "the-pod"), "The Pod");
    assert_string_equal(content_session_name(p, "baby-group"), "Baby group (under 1s)");
    assert_null(content_session_name(p, "no-such-session"));
    content_free(p);
}

/* The demo must show several sessions, morning and afternoon, every
 * weekday, and some on Saturday. */
static void test_demo_covers_every_day(void **state)
{
    (void)state;
    ContentPack *p = load_demo();
    SessionTime out[32];
    for (int d = 23; d <= 29; d++) { /* Monday 23 to Sunday 29 November 2026 */
        struct tm now = at(2026, 11, d, 0, 0);
        int n = content_sessions_today(p, &now, out, 32, NULL);
        int morning = 0, afternoon = 0;
        for (int i = 0; i < n; i++) {
            assert_int_equal(out[i].day_offset, 0);
            assert_int_equal(out[i].weekday, now.tm_wday);
            if (out[i].opens_min < 12 * 60)
                morning++;
            else
                afternoon++;
        }
        if (now.tm_wday >= 1 && now.tm_wday <= 5) {
            assert_true(morning >= 2);
            assert_true(afternoon >= 2);
        } else if (now.tm_wday == 6) {
            assert_true(n >= 2);
        } else {
            assert_int_equal(n, 0);
        }
    }
    content_free(p);
}

static void test_monday_morning_order(void **state)
{
    (void)state;
    ContentPack *p = load_demo();
    static const char *const want[] = {
        "coffee-morning",        /* running, 09:30-11:30 */
        "baby-group",            /* running, 10:00-11:30 */
        "health-visitor-clinic", /* 13:00 */
        "welfare-drop-in",       /* 13:30 */
        "school-nurse-drop-in",  /* 15:30 */
    };
    SessionTime out[16];
    SessionTime next = { .id = "stale" };
    struct tm now = at(2026, 11, 23, 10, 30);
    assert_int_equal(now.tm_wday, 1);
    int n = content_sessions_today(p, &now, out, 16, &next);
    assert_int_equal(n, 5);
    for (int i = 0; i < n; i++)
        assert_string_equal(out[i].id, want[i]);
    assert_int_equal(out[0].opens_min, 9 * 60 + 30);
    assert_int_equal(out[0].closes_min, 11 * 60 + 30);
    assert_string_equal(out[0].name, "Coffee morning");
    assert_true(out[0].description[0] != '\0');
    assert_null(next.id);

    /* A short list keeps the first in order. */
    n = content_sessions_today(p, &now, out, 3, NULL);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].id, "coffee-morning");
    assert_string_equal(out[1].id, "baby-group");
    assert_string_equal(out[2].id, "health-visitor-clinic");

    /* Later, a session that opened earlier comes before one still to come. */
    now = at(2026, 11, 23, 14, 0);
    n = content_sessions_today(p, &now, out, 16, NULL);
    assert_int_equal(n, 3);
    assert_string_equal(out[0].id, "health-visitor-clinic");
    assert_string_equal(out[1].id, "welfare-drop-in");
    assert_string_equal(out[2].id, "school-nurse-drop-in");
    content_free(p);
}

static void test_nothing_left_today_gives_next(void **state)
{
    (void)state;
    ContentPack *p = load_demo();
    SessionTime out[16];
    SessionTime next;

    struct tm now = at(2026, 11, 23, 23, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 16, &next), 0);
    assert_non_null(next.id);
    assert_string_equal(next.id, "the-pod");
    assert_int_equal(next.day_offset, 1);
    assert_int_equal(next.weekday, 2);
    assert_int_equal(next.opens_min, 9 * 60 + 30);

    /* Closing time is exclusive: at 17:00 the last Monday session is over. */
    now = at(2026, 11, 23, 17, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 16, &next), 0);
    assert_string_equal(next.id, "the-pod");

    /* Saturday night: Sunday has nothing, so Monday's first. */
    now = at(2026, 11, 28, 23, 0);
    assert_int_equal(now.tm_wday, 6);
    assert_int_equal(content_sessions_today(p, &now, out, 16, &next), 0);
    assert_string_equal(next.id, "coffee-morning");
    assert_int_equal(next.day_offset, 2);
    assert_int_equal(next.weekday, 1);
    content_free(p);
}

static const char dated_pack[] =
    "{\"format\":\"family-hub-content/1\",\"version\":\"t\","
    "\"hub\":{\"id\":\"h\",\"name\":\"Hub\"},\"sessions\":["
    "{\"id\":\"ended\",\"name\":\"Ended\",\"schedules\":[{\"freq\":\"WEEKLY\","
    " \"byday\":\"MO\",\"opens_at\":\"10:00\",\"closes_at\":\"12:00\","
    "\"valid_to\":\"2026-11-29\"}]},"
    "{\"id\":\"starts-later\",\"name\":\"Starts later\",\"schedules\":[{\"freq\":\"WEEKLY\","
    " \"byday\":\"MO\",\"opens_at\":\"08:00\",\"closes_at\":\"09:30\","
    "\"valid_from\":\"2026-12-07\"}]},"
    "{\"id\":\"today-only\",\"name\":\"Today only\",\"schedules\":[{\"freq\":\"WEEKLY\","
    " \"byday\":\"MO\",\"opens_at\":\"13:00:00\",\"closes_at\":\"14:00:00\","
    " \"valid_from\":\"2026-11-30\",\"valid_to\":\"2026-11-30\"}]}]}";

static void test_valid_from_and_to(void **state)
{
    (void)state;
    char err[256];
    ContentPack *p = load_text(dated_pack, err, sizeof err);
    assert_non_null(p);
    SessionTime out[8];
    SessionTime next;

    /* Monday 30 November, 09:00: "ended" stopped the day before and
     * "starts-later" would be running but has not begun yet. */
    struct tm now = at(2026, 11, 30, 9, 0);
    assert_int_equal(now.tm_wday, 1);
    int n = content_sessions_today(p, &now, out, 8, &next);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].id, "today-only");
    assert_int_equal(out[0].opens_min, 13 * 60);

    /* After it: the next is a week on, across the month's end. */
    now = at(2026, 11, 30, 15, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 8, &next), 0);
    assert_non_null(next.id);
    assert_string_equal(next.id, "starts-later");
    assert_int_equal(next.day_offset, 7);

    /* A week earlier "ended" is still on. */
    now = at(2026, 11, 23, 11, 0);
    n = content_sessions_today(p, &now, out, 8, &next);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].id, "ended");

    /* From 23 November 15:00 the next is "today-only" a week on: by then
     * "ended" has stopped and "starts-later" has not begun. */
    now = at(2026, 11, 23, 15, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 8, &next), 0);
    assert_string_equal(next.id, "today-only");
    assert_int_equal(next.day_offset, 7);
    content_free(p);

    static const char far_pack[] =
        "{\"format\":\"family-hub-content/1\",\"version\":\"t\","
        "\"hub\":{\"id\":\"h\",\"name\":\"Hub\"},\"sessions\":["
        "{\"id\":\"far\",\"name\":\"Far\",\"schedules\":[{\"freq\":\"WEEKLY\","
        " \"byday\":\"MO\",\"opens_at\":\"10:00\",\"closes_at\":\"12:00\","
        "\"valid_from\":\"2026-12-14\"}]}]}";
    p = load_text(far_pack, err, sizeof err);
    assert_non_null(p);
    next.id = "stale";
    now = at(2026, 11, 23, 15, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 8, &next), 0);
    assert_null(next.id);  /* 21 days ahead: out of reach */
    now = at(2026, 11, 30, 15, 0);
    assert_int_equal(content_sessions_today(p, &now, out, 8, &next), 0);
    assert_string_equal(next.id, "far");
    assert_int_equal(next.day_offset, 14);
    content_free(p);
}

static void test_oruk_extras_and_inactive(void **state)
{
    (void)state;
    char err[512];
    ContentPack *p = content_load(FIXTURES "valid-oruk-extras.json", err, sizeof err);
    if (!p)
        print_error("%s\n", err);
    assert_non_null(p);
    assert_false(content_is_demo(p));
    assert_int_equal(content_session_count(p), 3);
    /* "nurse" is inactive: known by id, never listed. */
    assert_string_equal(content_session_name(p, "nurse"), "School nurse drop-in");
    SessionTime out[8];
    SessionTime next;
    struct tm now = at(2026, 11, 27, 16, 0); /* Friday, inside its hours */
    assert_int_equal(now.tm_wday, 5);
    assert_int_equal(content_sessions_today(p, &now, out, 8, &next), 0);
    assert_string_equal(next.id, "baby-group");
    assert_int_equal(next.day_offset, 3);
    content_free(p);
}

typedef struct {
    const char *file;
    const char *want[2]; /* substrings the message must hold */
} BadPack;

static void test_malformed_packs_refused(void **state)
{
    (void)state;
    static const BadPack cases[] = {
        { "bad-time.json", { "sessions[1].schedules[0].opens_at: expected HH:MM, got \"25:00\"" } },
        { "opens-not-before-closes.json",
          { "sessions[1].schedules[1].closes_at: must be later than opens_at" } },
        { "freq-monthly.json",
          { "sessions[0].schedules[0].freq: expected \"WEEKLY\", got \"MONTHLY\"" } },
        { "interval-two.json", { "sessions[2].schedules[0].interval: 2 is not supported" } },
        { "duplicate-id.json",
          { "sessions[2].id: \"baby-group\" is already used by sessions[0]" } },
        { "missing-hub-name.json", { "hub.name: missing" } },
        { "invalid-json.json", { "invalid JSON at line 5, column 16" } },
        { "duplicate-key.json", { "line 4, column", "duplicate" } },
        { "control-char-name.json", { "sessions[1].name: contains a control" } },
        { "translations-not-object.json",
          { "translations.pl: expected an object of ids, got an array" } },
        { "translations-text-number.json",
          { "translations.uk.baby-group.name: expected a string, got an integer" } },
        { "needs-not-array.json", { "needs: expected an array, got an object" } },
        { "bad-byday.json", { "sessions[0].schedules[0].byday: expected days", "\"MO,XX\"" } },
        { "wrong-format.json", { "format: expected \"family-hub-content/1\"", "/2\"" } },
        { "long-session-id.json", { "sessions[1].id: is longer than 200 characters" } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[256], err[512];
        snprintf(path, sizeof path, FIXTURES "%s", cases[i].file);
        memset(err, 'x', sizeof err);
        ContentPack *p = content_load(path, err, sizeof err);
        if (p)
            print_error("%s was accepted\n", path);
        assert_null(p);
        /* One line, starting with the file's name. */
        assert_int_equal(strncmp(err, path, strlen(path)), 0);
        assert_int_equal(err[strlen(path)], ':');
        assert_null(strchr(err, '\n'));
        for (int k = 0; k < 2; k++)
            if (cases[i].want[k] && !strstr(err, cases[i].want[k])) {
                print_error("%s\n  wanted: %s\n", err, cases[i].want[k]);
                fail();
            }
    }
}

static void test_buffer_checks(void **state)
{
    (void)state;
#define PACK(hub, sessions, extra)                                                      \
    "{\"format\":\"family-hub-content/1\",\"version\":\"t\",\"hub\":" hub               \
    ",\"sessions\":[" sessions "]" extra "}"
#define HUB "{\"id\":\"h\",\"name\":\"Hub\"}"
#define SES(id, sched) "{\"id\":\"" id "\",\"name\":\"N\",\"schedules\":[" sched "]}"
#define SCHT(opens, closes, extra)                                                \
    "{\"freq\":\"WEEKLY\",\"byday\":\"MO\",\"opens_at\":\"" opens "\",\"closes_at\":\"" \
    closes "\"" extra "}"
#define SCH(extra) SCHT("10:00", "11:00", extra)
    static const struct { const char *json; const char *want; } cases[] = {
        { "[]", "inline.json: expected an object at the top, got an array" },
        { PACK(HUB, "", ",\"sesions\":[]"), "unknown top-level key \"sesions\"" },
        { PACK(HUB, SES("h", SCH("")), ""), "sessions[0].id: \"h\" is already the hub's id" },
        { PACK(HUB, SES("a", ""), ""), "sessions[0].schedules: needs at least one schedule" },
        { PACK(HUB, SES("a", SCHT("9:30", "11:00", "")), ""), "opens_at: expected HH:MM" },
        { PACK(HUB, SES("a", SCHT("10:00", "24:00", "")), ""), "closes_at: expected HH:MM" },
        { PACK(HUB, SES("a", SCH(",\"valid_to\":\"2026-02-29\"")), ""),
          "sessions[0].schedules[0].valid_to: expected a date YYYY-MM-DD" },
        { PACK(HUB, SES("a", SCH(",\"valid_from\":\"2026-03-01\","
                                 "\"valid_to\":\"2026-02-01\"")), ""),
          "valid_to: is before valid_from" },
        { PACK(HUB, SES("a", SCH(",\"count\":4")), ""), "schedules[0].count: is not supported" },
        { PACK(HUB, SES("a", SCH("")), ",\"translations\":{\"p l\":{}}"),
          "translations.p l: is not a language tag" },
        { PACK("{\"id\":\"h\",\"name\":\"\"}", "", ""), "hub.name: must not be empty" },
        { PACK(HUB, "", ",\"demo\":\"yes\""), "demo: expected a boolean" },
    };
    char err[512];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ContentPack *p = load_text(cases[i].json, err, sizeof err);
        if (p || !strstr(err, cases[i].want)) {
            print_error("case %zu: %s\n  wanted: %s\n", i, p ? "(accepted)" : err, cases[i].want);
            content_free(p);
            fail();
        }
    }

    /* Accepted: seconds, a leap day, an extension key, bidi-free scripts,
     * null for optional ORUK fields. */
    ContentPack *p = load_text(
        PACK(HUB, SES("a", SCHT("10:00:00", "10:00:30", ",\"valid_to\":\"2028-02-29\","
                                          "\"interval\":1,\"until\":null")),
             ",\"x-note\":{},\"needs\":[],\"services\":null"),
        err, sizeof err);
    if (!p)
        print_error("%s\n", err);
    assert_non_null(p);
    assert_false(content_is_demo(p));
    assert_string_equal(content_hub_description(p), "");
    content_free(p);

    /* No error buffer: refused quietly, no crash. */
    assert_null(content_load_buffer("{", 1, "x", NULL, 0));
#undef PACK
#undef HUB
#undef SES
#undef SCH
#undef SCHT
}

/* Ids and names: up to K_ID_MAX_CP / K_NAME_MAX_CP characters (not bytes)
 * are taken, one more is refused naming the JSON path. */
static void test_id_and_name_limits(void **state)
{
    (void)state;
    static char json[8192], id[K_ID_MAX_CP + 2], name[K_UTF8_BUF(K_NAME_MAX_CP + 1)];
    char err[512];
    for (int extra = 0; extra <= 1; extra++) {
        memset(id, 'i', K_ID_MAX_CP + (size_t)extra);
        id[K_ID_MAX_CP + extra] = '\0';
        name[0] = '\0';
        for (int i = 0; i < K_NAME_MAX_CP; i++)
            strcat(name, "\xE0\xAE\x95");              /* TAMIL LETTER KA */
        snprintf(json, sizeof json,
                 "{\"format\":\"family-hub-content/1\",\"version\":\"t\","
                 "\"hub\":{\"id\":\"h\",\"name\":\"%s\"},\"sessions\":[{\"id\":\"%s\","
                 "\"name\":\"%s\",\"schedules\":[{\"freq\":\"WEEKLY\",\"byday\":\"MO\","
                 "\"opens_at\":\"10:00\",\"closes_at\":\"11:00\"}]}]}", name, id, name);
        ContentPack *p = load_text(json, err, sizeof err);
        if (extra == 0) {
            if (!p)
                print_error("%s\n", err);
            assert_non_null(p);
            struct tm mon = at(2026, 11, 23, 9, 0);
            SessionTime st[2];
            assert_int_equal(content_sessions_today(p, &mon, st, 2, NULL), 1);
            assert_int_equal(utf8_count(st[0].id), K_ID_MAX_CP);
            assert_int_equal(utf8_count(st[0].name), K_NAME_MAX_CP);
            /* what the pack allows fits a record whole */
            CheckinRecord r;
            assert_true(strlen(st[0].id) < sizeof r.session_id);
            assert_true(strlen(st[0].name) < sizeof r.session_name);
            content_free(p);
        } else {
            assert_null(p);
            assert_non_null(strstr(err, "sessions[0].id: is longer than 200 characters"));
        }
    }
    /* a name one character over */
    strcat(name, "\xE0\xAE\x95");
    snprintf(json, sizeof json,
             "{\"format\":\"family-hub-content/1\",\"version\":\"t\","
             "\"hub\":{\"id\":\"h\",\"name\":\"%s\"},\"sessions\":[]}", name);
    assert_null(load_text(json, err, sizeof err));
    assert_non_null(strstr(err, "hub.name: is longer than 200 characters"));
}

static void test_translated_text(void **state)
{
    (void)state;
    ContentPack *p = load_demo();
    const char *en = "Coffee morning";
    assert_string_equal(content_text(p, "pl", "coffee-morning", "name", en),
                        "Poranna kawa dla rodziców");
    assert_string_equal(content_text(p, "pl-PL", "coffee-morning", "name", en),
                        "Poranna kawa dla rodziców");
    assert_string_equal(content_text(p, "UK-ua", "coffee-morning", "name", en),
                        "Ранкова кава для батьків");
    assert_string_equal(content_text(p, "ta", "coffee-morning", "name", en),
                        "காலைக் காபி சந்திப்பு");
    assert_ptr_equal(content_text(p, "fr", "coffee-morning", "name", en), en);
    assert_ptr_equal(content_text(p, "en-GB", "coffee-morning", "name", en), en);
    /* a field the translation lacks falls back */
    assert_ptr_equal(content_text(p, "pl", "the-pod", "url", en), en);
    assert_string_equal(content_text(p, "pl", "the-pod", "name", en), "The Pod");
    assert_ptr_equal(content_text(p, NULL, "coffee-morning", "name", en), en);
    /* "p" is not the primary subtag of "pl". */
    assert_ptr_equal(content_text(p, "p", "coffee-morning", "name", en), en);
    content_free(p);

    /* Exact tag wins over the primary subtag; the hub's name by its id. */
    static const char pack[] =
        "{\"format\":\"family-hub-content/1\",\"version\":\"t\","
        "\"hub\":{\"id\":\"hub-1\",\"name\":\"Hub\"},\"sessions\":[],"
        "\"translations\":{"
        " \"pt\":{\"hub-1\":{\"name\":\"Centro (pt)\"}},"
        " \"pt-BR\":{\"hub-1\":{\"name\":\"Centro (pt-BR)\",\"reviewed\":true}},"
        " \"uk\":{\"hub-1\":{\"name\":\"Сімейний центр\","
        "\"description\":\"Опис\"}}}}";
    char err[256];
    p = load_text(pack, err, sizeof err);
    assert_non_null(p);
    const char *hub = content_hub_name(p);
    assert_string_equal(content_text(p, "pt-BR", "hub-1", "name", hub), "Centro (pt-BR)");
    assert_string_equal(content_text(p, "pt-PT", "hub-1", "name", hub), "Centro (pt)");
    assert_string_equal(content_text(p, "uk", "hub-1", "description", ""), "Опис");
    assert_ptr_equal(content_text(p, "pt-BR", "hub-1", "reviewed", hub), hub);
    content_free(p);
}

static void test_missing_file_named(void **state)
{
    (void)state;
    char err[256];
    const char *path = FIXTURES "no-such-pack.json";
    assert_null(content_load(path, err, sizeof err));
    assert_int_equal(strncmp(err, path, strlen(path)), 0);
    assert_non_null(strstr(err, "cannot open"));
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_pack_loads),
        cmocka_unit_test(test_demo_covers_every_day),
        cmocka_unit_test(test_monday_morning_order),
        cmocka_unit_test(test_nothing_left_today_gives_next),
        cmocka_unit_test(test_valid_from_and_to),
        cmocka_unit_test(test_oruk_extras_and_inactive),
        cmocka_unit_test(test_malformed_packs_refused),
        cmocka_unit_test(test_buffer_checks),
        cmocka_unit_test(test_id_and_name_limits),
        cmocka_unit_test(test_translated_text),
        cmocka_unit_test(test_missing_file_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
