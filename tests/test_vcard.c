/* test_vcard.c — the take-home contact card: escaping, folding, UTF-8 of
 * any script kept whole, what a feed may send that must not break a line,
 * and the byte budget a QR code sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/utf8.h"
#include "kiosk/vcard.h"

static const char TAMIL_NAME[] = "\xE0\xAE\x95\xE0\xAF\x81\xE0\xAE\x9F\xE0\xAF\x81\xE0\xAE\xAE"
                                 "\xE0\xAF\x8D\xE0\xAE\xAA \xE0\xAE\x89\xE0\xAE\xA4\xE0\xAE\xB5"
                                 "\xE0\xAE\xBF"; /* குடும்ப உதவி */
/* پیر 10:00 سے 12:00 */
static const char URDU_NOTE[] = "\xD9\xBE\xDB\x8C\xD8\xB1 10:00 \xD8\xB3\xDB\x92 12:00";

/* Undoes folding (CRLF + space) in place. */
static void unfold(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
            p += 3;
            continue;
        }
        *o++ = *p++;
    }
    *o = '\0';
}

/* The unfolded value of property name (up to ':'), or NULL. */
static const char *value(const char *card, const char *name, char *out, size_t cap)
{
    char want[64];
    snprintf(want, sizeof want, "\r\n%s:", name);
    const char *p = strstr(card, want);
    if (!p)
        return NULL;
    p += strlen(want);
    const char *e = strstr(p, "\r\n");
    snprintf(out, cap, "%.*s", (int)(e - p), p);
    return out;
}

static void test_escapes_text_values(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(vcard_escape("a,b;c\\d\ne", out, sizeof out), strlen("a\\,b\\;c\\\\d\\ne"));
    assert_string_equal(out, "a\\,b\\;c\\\\d\\ne");
    /* controls and direction overrides are left out; CR goes, tab is a space */
    vcard_escape("x\x01y\r\n\tz\xE2\x80\xAEw", out, sizeof out);
    assert_string_equal(out, "xy\\n zw");
    assert_int_equal(vcard_escape("abcdef", out, 4), (size_t)-1);
    assert_string_equal(out, "");
}

static void test_card_has_every_line(void **state)
{
    (void)state;
    VcardFields f = { .name = "Sutton Foodbank", .organization = "Sutton Foodbank Trust",
                      .phone = "020 7946 0123", .email = "help@example.org",
                      .url = "https://example.org/food", .street = "1 High Street, Sutton",
                      .postcode = "SM1 1AA", .hours = "Monday 10:00 to 12:00; Friday, late" };
    char card[1024], v[512];
    size_t len = 0;
    assert_int_equal(vcard_build(&f, 1000, card, sizeof card, &len), K_OK);
    assert_int_equal(len, strlen(card));
    assert_int_equal(strncmp(card, "BEGIN:VCARD\r\nVERSION:3.0\r\n", 26), 0);
    assert_non_null(strstr(card, "\r\nEND:VCARD\r\n"));
    unfold(card);
    assert_string_equal(value(card, "N", v, sizeof v), "Sutton Foodbank;;;;");
    assert_string_equal(value(card, "FN", v, sizeof v), "Sutton Foodbank");
    assert_string_equal(value(card, "ORG", v, sizeof v), "Sutton Foodbank Trust");
    assert_string_equal(value(card, "TEL;TYPE=WORK,VOICE", v, sizeof v), "020 7946 0123");
    assert_string_equal(value(card, "EMAIL;TYPE=INTERNET", v, sizeof v), "help@example.org");
    assert_string_equal(value(card, "ADR;TYPE=WORK", v, sizeof v),
                        ";;1 High Street\\, Sutton;;;SM1 1AA;");
    assert_string_equal(value(card, "URL", v, sizeof v), "https://example.org/food");
    assert_string_equal(value(card, "NOTE", v, sizeof v),
                        "Monday 10:00 to 12:00\\; Friday\\, late");
}

static void test_left_out_when_absent(void **state)
{
    (void)state;
    VcardFields f = { .name = "Kooth", .organization = "Kooth", .url = "https://www.kooth.com" };
    char card[512], v[128];
    assert_int_equal(vcard_build(&f, 500, card, sizeof card, NULL), K_OK);
    assert_null(strstr(card, "ORG:"));   /* the same as the name */
    assert_null(strstr(card, "TEL"));
    assert_null(strstr(card, "ADR"));
    assert_null(strstr(card, "NOTE"));
    assert_string_equal(value(card, "URL", v, sizeof v), "https://www.kooth.com");
    VcardFields none = { .name = "" };
    assert_int_equal(vcard_build(&none, 500, card, sizeof card, NULL), K_ERR_INVALID);
    assert_string_equal(card, "");
    VcardFields ctrl = { .name = "\x01\x02" };
    assert_int_equal(vcard_build(&ctrl, 500, card, sizeof card, NULL), K_ERR_INVALID);
    VcardFields bad = { .name = "a\xC0\xAF" };
    assert_int_equal(vcard_build(&bad, 500, card, sizeof card, NULL), K_ERR_INVALID);
    assert_int_equal(vcard_build(NULL, 500, card, sizeof card, NULL), K_ERR_INVALID);
}

/* Lines are folded at 75 bytes, never inside a character, and a
 * newline in a value never starts a line of its own. */
static void test_folds_at_character_boundaries(void **state)
{
    (void)state;
    char name[400] = "", hours[600] = "";
    for (int i = 0; i < 6; i++)
        strcat(name, TAMIL_NAME);
    for (int i = 0; i < 8; i++) {
        strcat(hours, URDU_NOTE);
        strcat(hours, "\n");
    }
    VcardFields f = { .name = name, .hours = hours, .phone = "0207\n9460000" };
    char card[2048], v[1024];
    assert_int_equal(vcard_build(&f, 2000, card, sizeof card, NULL), K_OK);
    size_t n = strlen(card), start = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (card[i] == '\r') {
            assert_int_equal(card[i + 1], '\n');
            assert_true(i - start <= 75);
            /* each physical line is whole UTF-8 */
            assert_true(utf8_valid(card + start, i - start));
            start = i + 2;
            i++;
        } else {
            assert_int_not_equal(card[i], '\n');
        }
    }
    unfold(card);
    assert_string_equal(value(card, "FN", v, sizeof v), name);
    assert_string_equal(value(card, "TEL;TYPE=WORK,VOICE", v, sizeof v), "0207 9460000");
    const char *note = value(card, "NOTE", v, sizeof v);
    assert_non_null(note);
    assert_non_null(strstr(note, URDU_NOTE));
    assert_non_null(strstr(note, "\\n"));
}

/* Over the budget the note is shortened (with an ellipsis), then left
 * out, then the street, and the card still fits. */
static void test_budget_shortens_the_note(void **state)
{
    (void)state;
    char hours[900] = "";
    for (int i = 0; i < 30; i++)
        strcat(hours, "Tuesday 09:30 to 11:30. ");
    VcardFields f = { .name = "Health visiting duty line", .phone = "020 7946 0999",
                      .street = "Sutton Library, St Nicholas Way", .postcode = "SM1 1EA",
                      .hours = hours };
    char card[1024], v[1024];
    size_t len;
    assert_int_equal(vcard_build(&f, 300, card, sizeof card, &len), K_OK);
    assert_true(len <= 300);
    unfold(card);
    const char *note = value(card, "NOTE", v, sizeof v);
    assert_non_null(note);
    assert_true(strlen(note) > 20);
    assert_non_null(strstr(note, "\xE2\x80\xA6"));
    assert_true(utf8_valid(card, strlen(card)));
    assert_int_equal(vcard_build(&f, 200, card, sizeof card, &len), K_OK);
    assert_true(len <= 200);
    assert_non_null(strstr(card, "TEL"));
    assert_int_equal(vcard_build(&f, 60, card, sizeof card, &len), K_ERR_FULL);
    assert_string_equal(card, "");
    /* a buffer smaller than the budget is the budget */
    assert_int_equal(vcard_build(&f, 5000, card, 250, &len), K_OK);
    assert_true(len < 250);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes_text_values),
        cmocka_unit_test(test_card_has_every_line),
        cmocka_unit_test(test_left_out_when_absent),
        cmocka_unit_test(test_folds_at_character_boundaries),
        cmocka_unit_test(test_budget_shortens_the_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
