/* test_service.c — reading ORUK service objects (service.c, html_text.c):
 * the public UK-profile and HSDS 3.0 examples unchanged, HTML descriptions,
 * "" for absent fields, long texts, and the checks that leave a service
 * out. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "kiosk/html_text.h"
#include "kiosk/log.h"
#include "kiosk/service.h"

#define UK_EXAMPLE "tests/data/oruk/uk-profile_service_full.json"
#define HSDS_EXAMPLE "tests/data/oruk/hsds-3.0_service_full.json"

static Service *parse_file(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        print_error("%s: %s\n", path, je.text);
    assert_non_null(j);
    char err[256];
    Service *s = service_parse(j, "services[0]", err, sizeof err);
    if (!s)
        print_error("%s\n", err);
    json_decref(j);
    assert_non_null(s);
    return s;
}

/* Parses JSON text; NULL with the message in err when refused. */
static Service *parse_text(const char *text, char *err, size_t errlen)
{
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    if (!j)
        print_error("bad test JSON: %s\n%s\n", je.text, text);
    assert_non_null(j);
    Service *s = service_parse(j, "services[3]", err, errlen);
    json_decref(j);
    return s;
}

static struct tm at(int y, int mon, int d, int h, int min)
{
    struct tm t = { .tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = 12 };
    time_t noon = timegm(&t);
    gmtime_r(&noon, &t);
    t.tm_hour = h;
    t.tm_min = min;
    return t;
}

static void test_uk_profile_example(void **state)
{
    (void)state;
    Service *s = parse_file(UK_EXAMPLE);
    assert_string_equal(s->id, "ac148810-d857-441c-9679-408f346de14b");
    assert_string_equal(s->name, "Community Counselling");
    assert_string_equal(s->organization, "Example Organization Inc.");
    /* the trailing blank of the feed's text is gone */
    assert_string_equal(s->description + strlen(s->description) - 14, "circumstances.");
    assert_string_equal(s->url, "http://example.com/counselling");
    assert_string_equal(s->email, "email@example.com");
    assert_string_equal(s->phone, "");
    assert_string_equal(s->address, "1-30 Main Street, MyCity, ABC 1234");
    assert_string_equal(s->postcode, "ABC 1234");
    assert_string_equal(s->location_name, "MyCity Civic Center");
    assert_int_equal(s->n_location_ids, 1);
    assert_string_equal(s->location_ids[0], "3a19ff88-4620-4d17-9830-ac1d859eb5d5");
    assert_string_equal(s->fees, "fees_description");
    assert_false(s->free_of_charge);
    assert_int_equal(s->min_age, 12);
    assert_int_equal(s->max_age, 100);
    assert_int_equal(s->n_languages, 0);     /* a language with only an id */
    assert_int_equal(s->n_taxonomy_ids, 1);
    assert_string_equal(s->taxonomy_ids[0], "3f7b145d-84af-42d7-8fae-eaca714b02b2");
    assert_string_equal(s->last_checked, "2005-01-01");
    assert_true(s->active);
    assert_non_null(strstr(s->alert, "COVID-19"));
    /* WEEKLY with bymonthday cannot be followed: its own words are shown */
    assert_int_equal(s->n_schedules, 1);
    assert_string_equal(s->schedule_text, "The service is available from 10 am to 6pm weekdays."
                                          " The service is not available on public holidays.");
    struct tm now = at(2026, 12, 3, 11, 0);
    assert_int_equal(service_when(s, &now).kind, SERVICE_WHEN_ENDED);  /* valid_to 2005 */
    service_free(s);
}

static void test_hsds_example(void **state)
{
    (void)state;
    Service *s = parse_file(HSDS_EXAMPLE);
    assert_string_equal(s->name, "Community Counselling");
    assert_string_equal(s->phone, "+44 1234 234567");      /* the stray quotes gone */
    assert_string_equal(s->address, "1-30 Main Street, MyVillage, MyCity, ABC 1234");
    assert_non_null(strstr(s->fees, "\xC2\xA3" "50 per hour"));   /* fees_description */
    assert_int_equal(s->n_languages, 1);
    assert_string_equal(s->languages[0], "ur");
    assert_non_null(strstr(s->eligibility, "aged 12 and over"));
    /* the same schedule under schedules and service_at_locations counts once
     * (the location's own opening hours are not the service's) */
    assert_int_equal(s->n_schedules, 1);
    assert_string_equal(s->schedule_text, "The service is available from 10 am to 6pm weekdays."
                                          " The service is not available on public holidays.");
    assert_string_equal(s->last_checked, "2005-01-01");
    service_free(s);
}

static void test_html_to_text(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        { "<p>Free advice.</p><p>No appointment <b>needed</b>.</p>",
          "Free advice.\n\nNo appointment needed." },
        { "Line one\nLine two\r\n\r\n\r\nLine three", "Line one\n\nLine two\n\nLine three" },
        { "<ul><li>Debt</li><li>Benefits &amp; budgets</li></ul>",
          "\xE2\x80\xA2 Debt\n\n\xE2\x80\xA2 Benefits & budgets" },
        { "Tom &amp; Jerry&nbsp;&nbsp;club", "Tom & Jerry club" },
        { "a<br>b<br/><br />c", "a\n\nb\n\nc" },
        { "<script>alert(1)</script><style>p{}</style>Shown", "Shown" },
        { "  spaced   out  ", "spaced out" },
        { "<p>unclosed <i>tags", "unclosed tags" },
        { "ages < 5 and > 2", "ages < 5 and > 2" },
        { "", "" },
        { "<p> </p>\n\n", "" },
        { "bidi\xE2\x80\xAE" "gone\x01", "bidigone" },
        { "தமிழ் <b>اردو</b>", "தமிழ் اردو" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = html_text_to_plain(cases[i].in, strlen(cases[i].in));
        assert_non_null(t);
        if (strcmp(t, cases[i].want) != 0) {
            print_error("case %zu: got \"%s\"\n  wanted \"%s\"\n", i, t, cases[i].want);
            free(t);
            fail();
        }
        free(t);
    }
    assert_null(html_text_to_plain(NULL, 0));
}

/* "" counts as absent; unknown fields are ignored; long texts are whole. */
static void test_empty_unknown_and_long(void **state)
{
    (void)state;
    char err[256];
    Service *s = parse_text("{\"id\":\"a\",\"name\":\"Help\",\"description\":\"\",\"url\":\"\","
                            "\"email\":\"\",\"fees\":\"\",\"minimum_age\":\"\","
                            "\"maximum_age\":null,"
                            "\"assured_date\":\"\",\"status\":\"\",\"schedules\":[],"
                            "\"x-anything\":{\"deep\":[1,2]},\"wait_time\":42,"
                            "\"service_at_locations\":[]}", err, sizeof err);
    if (!s)
        print_error("%s\n", err);
    assert_non_null(s);
    assert_string_equal(s->description, "");
    assert_string_equal(s->url, "");
    assert_string_equal(s->fees, "");
    assert_int_equal(s->min_age, -1);
    assert_int_equal(s->max_age, -1);
    assert_string_equal(s->last_checked, "");
    assert_string_equal(s->schedule_text, "");
    assert_true(s->active);
    assert_string_equal(s->address, "");
    service_free(s);

    /* 6,000 characters in 30 paragraphs are kept, every one */
    size_t n = 30 * 210 + 64;
    char *json = malloc(n), *p = json;
    p += sprintf(p, "{\"id\":\"b\",\"name\":\"Long\",\"description\":\"");
    for (int k = 0; k < 30; k++)
        p += sprintf(p, "<p>%0200d</p>", k);
    sprintf(p, "\"}");
    s = parse_text(json, err, sizeof err);
    free(json);
    assert_non_null(s);
    assert_int_equal(strlen(s->description), 30 * 200 + 29 * 2);
    service_free(s);

    /* free of charge, in words or in cost options */
    s = parse_text("{\"id\":\"c\",\"name\":\"C\",\"fees\":\"Free.\"}", err, sizeof err);
    assert_true(s->free_of_charge);
    service_free(s);
    s = parse_text("{\"id\":\"c\",\"name\":\"C\",\"cost_options\":[{\"amount\":0}]}", err,
                   sizeof err);
    assert_true(s->free_of_charge);
    service_free(s);
    s = parse_text("{\"id\":\"c\",\"name\":\"C &amp; D\",\"status\":\"inactive\"}", err,
                   sizeof err);
    assert_string_equal(s->name, "C & D");
    assert_false(s->active);
    service_free(s);
}

static void test_checks_leave_out(void **state)
{
    (void)state;
    static const struct { const char *json, *want; } cases[] = {
        { "[]", "services[3]: expected an object, got an array" },
        { "{\"name\":\"N\"}", "services[3].id: is missing" },
        { "{\"id\":\"\",\"name\":\"N\"}", "services[3].id: is missing" },
        { "{\"id\":7,\"name\":\"N\"}", "services[3].id: expected a string, got an integer" },
        { "{\"id\":\"a\"}", "services[3].name: is missing" },
        { "{\"id\":\"a\",\"name\":\"<p></p>\"}", "services[3].name: has no text" },
        { "{\"id\":\"a\\u0007\",\"name\":\"N\"}", "services[3].id: contains a control" },
        { "{\"id\":\"a\",\"name\":\"N\",\"email\":5}",
          "services[3].email: expected a string, got an integer" },
        { "{\"id\":\"a\",\"name\":\"N\",\"schedules\":{}}",
          "services[3].schedules: expected an array, got an object" },
        { "{\"id\":\"a\",\"name\":\"N\",\"schedules\":[3]}",
          "services[3].schedules[0]: expected an object, got an integer" },
        { "{\"id\":\"a\",\"name\":\"N\",\"service_at_locations\":[{\"schedules\":7}]}",
          "services[3].service_at_locations[0].schedules: expected an array" },
        { "{\"id\":\"a\",\"name\":\"N\",\"minimum_age\":\"twelve\"}",
          "services[3].minimum_age: expected a number of years, got a string" },
        { "{\"id\":\"a\",\"name\":\"N\",\"maximum_age\":-3}",
          "services[3].maximum_age: is not an age in years" },
        { "{\"id\":\"a\",\"name\":\"N\",\"organization\":\"Org\"}",
          "services[3].organization: expected an object, got a string" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char err[256] = "";
        Service *s = parse_text(cases[i].json, err, sizeof err);
        if (s || strncmp(err, cases[i].want, strlen(cases[i].want)) != 0) {
            print_error("case %zu: %s\n  wanted: %s\n", i, s ? "(accepted)" : err, cases[i].want);
            service_free(s);
            fail();
        }
    }
    assert_null(service_parse(NULL, "services[0]", NULL, 0));
    service_free(NULL);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uk_profile_example),
        cmocka_unit_test(test_hsds_example),
        cmocka_unit_test(test_html_to_text),
        cmocka_unit_test(test_empty_unknown_and_long),
        cmocka_unit_test(test_checks_leave_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
