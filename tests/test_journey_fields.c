/* test_journey_fields.c — what a visitor types, through the headless
 * kiosk: bad input refused clearly, a Tamil name on the Tamil keyboard,
 * postcodes kept as their outward code, names that show nothing refused,
 * and a very wide name fitted on every screen. */
#include "journey.h"

static void test_bad_input_is_refused_clearly(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char script[4096];
    char longname[600];
    memset(longname, 'a', 500);
    longname[500] = '\0';
    snprintf(script, sizeof script,
             TO_DETAILS "tap details.first.yes\n"
             "tap details.name\n"
             "type %s\n"
             "dump long\n"
             "tap kbd.done\n"
             "tap details.name\n"
             "key backspace\n"
             "key backspace\n"
             "key backspace\n"
             "type \\xff\\xfe\n"
             "dump invalid\n"
             "type B\\x07\n"
             "dump control\n"
             "tap kbd.done\n"
             "tap details.postcode\n"
             "type 1SM\n"
             "tap kbd.done\n"
             "dump postcode\n",
             longname);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "long");
    const char *name = dump_text(d, "kbd.field");
    assert_int_equal(strlen(name), 40);
    assert_non_null(dump_widget(d, "kbd.message"));
    json_decref(d);
    d = harness_dump(&h, "invalid");
    assert_int_equal(strlen(dump_text(d, "kbd.field")), 37);
    assert_non_null(dump_widget(d, "kbd.message"));
    json_decref(d);
    d = harness_dump(&h, "control");
    name = dump_text(d, "kbd.field");
    assert_int_equal(strlen(name), 38);
    assert_int_equal(name[37], 'B');
    assert_non_null(dump_widget(d, "kbd.message"));
    json_decref(d);
    d = harness_dump(&h, "postcode");
    assert_string_equal(dump_screen(d), "keyboard");   /* not accepted */
    assert_non_null(dump_widget(d, "kbd.message"));
    json_decref(d);
    harness_close(&h);
}

/* The id of the key that shows text, in a keyboard dump. */
static const char *key_with(json_t *dump, const char *text)
{
    json_t *ws = json_object_get(dump, "widgets"), *w;
    size_t i;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        if (!strncmp(id, "kbd.key.", 8) &&
            !strcmp(json_string_value(json_object_get(w, "text")), text))
            return id;
    }
    return NULL;
}

/* A Tamil name typed on the Tamil keyboard: consonant, then vowel sign,
 * makes one letter; the Latin switch and back work; the saved record holds
 * exactly what was typed. */
static void test_tamil_keyboard_types_a_name(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    const char *to_kbd = "lang ta\n" TO_DETAILS "tap details.first.yes\ntap details.name\n";
    char script[2048];
    snprintf(script, sizeof script, "%sdump kbd\ntap kbd.switch\ndump latin\n", to_kbd);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *kbd = harness_dump(&h, "kbd"), *latin = harness_dump(&h, "latin");
    char ka[48], i_sign[48], ma[48], a_en[48];
    assert_non_null(key_with(kbd, "க"));
    snprintf(ka, sizeof ka, "%s", key_with(kbd, "க"));
    assert_non_null(key_with(kbd, "ி"));
    snprintf(i_sign, sizeof i_sign, "%s", key_with(kbd, "ி"));
    assert_non_null(key_with(kbd, "ம"));
    snprintf(ma, sizeof ma, "%s", key_with(kbd, "ம"));
    assert_non_null(key_with(latin, "a"));
    snprintf(a_en, sizeof a_en, "%s", key_with(latin, "a"));
    json_decref(kbd);
    json_decref(latin);
    snprintf(script, sizeof script,
             "%stap %s\ntap %s\ntap %s\ntap %s\ntap kbd.back\ndump typed\n"
             "tap kbd.switch\ntap %s\ntap kbd.switch\ntap %s\ndump mixed\n"
             "tap kbd.back\ntap kbd.back\ntap kbd.done\ntap details.next\ntap confirm.ok\n",
             to_kbd, ka, i_sign, ma, ma, a_en, ka);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "typed");
    assert_string_equal(dump_text(d, "kbd.field"), "கிம");
    json_decref(d);
    d = harness_dump(&h, "mixed");
    assert_string_equal(dump_text(d, "kbd.field"), "கிமaக");
    json_decref(d);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE first_name='கிம'"),
                     1);
    harness_close(&h);
}

/* A full postcode keeps its outward code; a first half alone is kept; lower
 * case is raised; what is not a postcode is refused with a message. */
static void test_postcode_outward_code(void **state)
{
    (void)state;
    static const struct { const char *typed, *kept; } ok[] = {
        { "sm1 4ab", "SM1" }, { "SM14AB", "SM1" }, { "SW1A 1AA", "SW1A" }, { "sm14", "SM14" },
        { "CR0 2YR", "CR0" }, { "SM1", "SM1" }, { "w1a0ax", "W1A" },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        snprintf(script, sizeof script,
                 TO_DETAILS "tap details.first.yes\ntap details.postcode\ntype %s\n"
                 "tap kbd.done\ndump details\ntap details.next\ntap confirm.ok\n"
                 "expect-screen thanks\n", ok[i].typed);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "details");
        assert_string_equal(dump_screen(d), "details");
        assert_string_equal(dump_text(d, "details.postcode"), ok[i].kept);
        json_decref(d);
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE "
                 "json_extract(payload, '$.postcode_district') = '%s'", ok[i].kept);
        assert_int_equal(harness_count(&h, sql), 1);
        harness_close(&h);
    }
    static const char *const refused[] = { "SM1 4", "SM1 4A", "1SM", "SM1 4ABX", "SMM1" };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        snprintf(script, sizeof script,
                 TO_DETAILS "tap details.postcode\ntype %s\ntap kbd.done\ndump kbd\n",
                 refused[i]);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "kbd");
        assert_string_equal(dump_screen(d), "keyboard");
        assert_non_null(strstr(dump_text(d, "kbd.message"), "first half"));
        json_decref(d);
        harness_close(&h);
    }
}

/* Names that show nothing are not stored: spaces only (refused with a
 * message), and invisible characters (zero-width, BOM, word joiner, tags,
 * bidi controls) are not taken at all; a name is trimmed of spaces and
 * joiners at its ends. */
static void test_invisible_names_refused(void **state)
{
    (void)state;
    static const char *const invisible[] = {
        "\xE2\x80\x8B\xE2\x80\x8B",          /* U+200B x2 */
        "\xE2\x80\x8C\xE2\x80\x8D",          /* ZWNJ ZWJ */
        "\xE2\x81\xA0",                      /* U+2060 */
        "\xEF\xBB\xBF",                      /* BOM */
        "\xF3\xA0\x81\x81\xF3\xA0\x81\x82",  /* tags U+E0041 U+E0042 */
        "\xE2\x80\xAE\xE2\x81\xA6",          /* U+202E U+2066 */
        "\xE2\x80\x8F\xE2\x80\x8E",          /* RLM LRM */
        "\\x20\\x20\\x20",                /* three spaces (escaped for the script) */
        "\\x20- '\\x20",
    };
    for (size_t i = 0; i < sizeof invisible / sizeof invisible[0]; i++) {
        Harness h;
        harness_open(&h);
        char script[2048];
        snprintf(script, sizeof script,
                 TO_DETAILS "tap details.first.yes\ntap details.name\ntype %s\ndump typed\n"
                 "tap kbd.done\ndump done\n", invisible[i]);
        assert_int_equal(harness_run(&h, script), 0);
        json_t *d = harness_dump(&h, "done");
        /* refused with a message beside the field, or never taken */
        json_t *t = harness_dump(&h, "typed");
        bool refused_at_typing = dump_widget(t, "kbd.message") != NULL;
        if (!refused_at_typing) {
            assert_string_equal(dump_screen(d), "keyboard");
            assert_non_null(dump_widget(d, "kbd.message"));
        }
        assert_string_equal(dump_text(d, "kbd.field") ? dump_text(d, "kbd.field") : "", "");
        json_decref(t);
        json_decref(d);
        /* whatever happens next, no name is stored */
        assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.yes\ntap details.name\n"
                                                    "tap kbd.done\ntap details.next\n"
                                                    "tap confirm.ok\nexpect-screen thanks\n"), 0);
        harness_close(&h);
    }
    /* trimmed at both ends */
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.yes\ntap details.name\n"
                                                "type \xE2\x80\x8D  Anna \xE2\x80\x8B \n"
                                                "tap kbd.done\ndump details\n"
                                                "tap details.next\ntap confirm.ok\n"), 0);
    json_t *d = harness_dump(&h, "details");
    assert_string_equal(dump_text(d, "details.name"), "Anna");
    json_decref(d);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE first_name='Anna'"),
                     1);
    harness_close(&h);
}

/* A very wide name (40 x U+FDFA) is shrunk and then cut with an ellipsis on
 * every screen that shows it, never running off it. */
static void test_wide_name_fits_everywhere(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    char ten[64] = "";
    for (int i = 0; i < 10; i++)
        strcat(ten, "\xEF\xB7\xBA");
    char script[4096];
    snprintf(script, sizeof script,
             TO_DETAILS "tap details.first.yes\ntap details.name\ntype %s\ntype %s\ntype %s\n"
             "type %s\ndump kbd\ntap kbd.done\ndump details\ntap details.next\ndump confirm\n"
             "tap confirm.ok\ndump thanks\ntap thanks.done\npress home.hub 3100\n"
             "tap staff.pin.2\ntap staff.pin.5\ntap staff.pin.8\ntap staff.pin.0\n"
             "tap staff.pin.enter\ndump staff\n", ten, ten, ten, ten);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *d = harness_dump(&h, "kbd");
    assert_name_fits(d, "kbd.field", true);
    json_decref(d);
    d = harness_dump(&h, "details");
    assert_name_fits(d, "details.name", true);
    json_decref(d);
    d = harness_dump(&h, "confirm");
    assert_name_fits(d, "confirm.name", true);
    json_decref(d);
    d = harness_dump(&h, "thanks");
    assert_string_equal(dump_screen(d), "thanks");
    json_decref(d);
    d = harness_dump(&h, "staff");
    assert_name_fits(d, "staff.row.0", true);
    json_decref(d);
    /* the record keeps the whole name */
    assert_int_equal(harness_count(&h, "SELECT length(first_name) FROM attendance"), 40);
    harness_close(&h);
    /* U+FDFD is a sign, not a letter: a name of them is not taken */
    harness_open(&h);
    char signs[64] = "";
    for (int i = 0; i < 10; i++)
        strcat(signs, "\xEF\xB7\xBD");
    snprintf(script, sizeof script, TO_DETAILS "tap details.name\ntype %s\ndump kbd\n", signs);
    assert_int_equal(harness_run(&h, script), 0);
    d = harness_dump(&h, "kbd");
    assert_string_equal(dump_text(d, "kbd.field"), "");
    assert_non_null(dump_widget(d, "kbd.message"));
    json_decref(d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input_is_refused_clearly),
        cmocka_unit_test(test_tamil_keyboard_types_a_name),
        cmocka_unit_test(test_postcode_outward_code),
        cmocka_unit_test(test_invisible_names_refused),
        cmocka_unit_test(test_wide_name_fits_everywhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
