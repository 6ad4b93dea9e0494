/* test_visitor.c — the declared fields a visitor types into: what each
 * takes, its limit, its whole-value check, and the one wipe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/visitor.h"

static Visitor v;

static const char *typed(VisitorField f, const char *text)
{
    char *buf = visitor_buf(&v, f);
    memset(buf, 0, visitor_field(f)->cap);
    visitor_type(&v, f, text);
    return buf;
}

static void test_every_field_declared(void **state)
{
    (void)state;
    assert_null(visitor_field(VF_NONE));
    assert_null(visitor_field(VF_COUNT));
    for (int f = VF_NONE + 1; f < VF_COUNT; f++) {
        const FieldDecl *d = visitor_field((VisitorField)f);
        assert_non_null(d);
        assert_non_null(d->key);
        assert_non_null(d->accepts);
        assert_non_null(d->finish);
        assert_non_null(d->prompt);
        assert_non_null(d->msg_refused);
        assert_non_null(d->msg_full);
        assert_true(d->max_cp * 4 < d->cap || d->max_cp < d->cap);
        assert_true(d->offset + d->cap <= sizeof(Visitor));
    }
}

static void test_names_of_any_script(void **state)
{
    (void)state;
    assert_string_equal(typed(VF_FIRST_NAME, "Zoë O'Brien-Smith"), "Zoë O'Brien-Smith");
    assert_string_equal(typed(VF_FIRST_NAME, "Олена"), "Олена");
    assert_string_equal(typed(VF_FIRST_NAME, "கிம"), "கிம");
    assert_string_equal(typed(VF_FIRST_NAME, "فاطمہ"), "فاطمہ");
    /* digits, symbols, emoji, controls and invisible characters are left out */
    assert_string_equal(typed(VF_FIRST_NAME, "An1na\xE2\x80\x8B!\xF0\x9F\x98\x80\x07"), "Anna");
    assert_non_null(visitor_type(&v, VF_FIRST_NAME, "\xEF\xBB\xBF"));
    /* a no-break space becomes a space */
    assert_string_equal(typed(VF_FIRST_NAME, "Ana\xC2\xA0Maria"), "Ana Maria");
    /* the limit is in characters, not bytes */
    char many[400] = "";
    for (int i = 0; i < 50; i++)
        strcat(many, "ж");
    typed(VF_FIRST_NAME, "");
    const char *msg = visitor_type(&v, VF_FIRST_NAME, many);
    assert_non_null(msg);
    assert_int_equal(strlen(visitor_value(&v, VF_FIRST_NAME)), 2 * VISITOR_NAME_CP);
}

static void test_name_finish(void **state)
{
    (void)state;
    typed(VF_FIRST_NAME, "  Anna   Maria  ");
    assert_null(visitor_finish(&v, VF_FIRST_NAME));
    assert_string_equal(v.first_name, "Anna Maria");
    typed(VF_FIRST_NAME, "\xE2\x80\x8D-Anna-\xE2\x80\x8C");
    assert_null(visitor_finish(&v, VF_FIRST_NAME));
    assert_string_equal(v.first_name, "Anna");
    typed(VF_FIRST_NAME, " '- \xE2\x80\x8D");
    assert_non_null(visitor_finish(&v, VF_FIRST_NAME));
    assert_string_equal(v.first_name, "");
    typed(VF_FIRST_NAME, "");
    assert_null(visitor_finish(&v, VF_FIRST_NAME)); /* left out: fine */
}

/* Marks and joiners: on a letter, a few deep; not alone, not an emoji's. */
static void test_marks_and_joiners(void **state)
{
    (void)state;
    /* marks with nothing under them are refused as they are typed */
    assert_non_null(visitor_type(&v, VF_FIRST_NAME, (typed(VF_FIRST_NAME, ""), "\xCC\x81")));
    assert_string_equal(v.first_name, "");
    assert_string_equal(typed(VF_FIRST_NAME, "\xCC\x81\xCC\x81" "Ana"), "Ana");
    assert_string_equal(typed(VF_FIRST_NAME, "Ana \xCC\x81"), "Ana ");
    /* a hundred acute accents on one letter: VISITOR_MARKS_MAX stay */
    char deep[8 + 100 * 2] = "a";
    for (int i = 0; i < 100; i++)
        strcat(deep, "\xCC\x81");
    strcat(deep, "b");
    typed(VF_FIRST_NAME, "");
    assert_non_null(visitor_type(&v, VF_FIRST_NAME, deep));
    assert_int_equal(strlen(v.first_name), 1 + VISITOR_MARKS_MAX * 2 + 1);
    assert_int_equal(v.first_name[strlen(v.first_name) - 1], 'b');
    /* and the limit counts per letter, typed one at a time as the keys do */
    typed(VF_FIRST_NAME, "a");
    for (int i = 0; i < 10; i++)
        visitor_type(&v, VF_FIRST_NAME, "\xCC\x81");
    assert_int_equal(strlen(v.first_name), 1 + VISITOR_MARKS_MAX * 2);
    /* real names keep their marks and joiners: Vietnamese, Tamil, Urdu */
    assert_string_equal(typed(VF_FIRST_NAME, "Nguye\xCC\x82\xCC\x83n"), "Nguye\xCC\x82\xCC\x83n");
    assert_string_equal(typed(VF_FIRST_NAME, "லக்ஷ்மி"), "லக்ஷ்மி");
    assert_string_equal(typed(VF_FIRST_NAME, "مُحَمَّد"), "مُحَمَّد");
    assert_string_equal(typed(VF_FIRST_NAME, "क्\xE2\x80\x8Dष"), "क्\xE2\x80\x8Dष");
    /* an emoji's joiners, variation selector and flags go with it */
    assert_non_null(visitor_type(&v, VF_FIRST_NAME, (typed(VF_FIRST_NAME, ""),
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7Mia"
        "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7")));
    assert_string_equal(v.first_name, "Mia");
    assert_string_equal(typed(VF_FIRST_NAME, "Mi\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D"
                                             "\xF0\x9F\x8C\x88" "a"), "Mia");
    /* a joiner after a joiner is one too many */
    assert_string_equal(typed(VF_FIRST_NAME, "An\xE2\x80\x8D\xE2\x80\x8D\xE2\x80\x8Dna"),
                        "An\xE2\x80\x8Dna");
    /* the note and search fields follow the same rule */
    assert_string_equal(typed(VF_CB_NOTE, "ok\xF0\x9F\x98\x80\xE2\x80\x8D!"), "ok!");
    assert_string_equal(typed(VF_SEARCH, "\xCC\x81" "food"), "food");
}

static void test_outward_code_shapes(void **state)
{
    (void)state;
    static const char *const good[] = { "M1", "M60", "CR0", "SM14", "W1A", "EC1A" };
    static const char *const bad[] = { "", "S", "1SM", "SMM1", "SM1AA", "SM", "S1AB", "SM1 " };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        assert_true(visitor_outward_code(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(visitor_outward_code(bad[i]));
}

static void test_postcode_field(void **state)
{
    (void)state;
    assert_string_equal(typed(VF_POSTCODE, "sm1 4ab"), "SM1 4AB");
    assert_null(visitor_finish(&v, VF_POSTCODE));
    assert_string_equal(v.postcode, "SM1");
    assert_non_null(visitor_type(&v, VF_POSTCODE, "-"));
    typed(VF_POSTCODE, "  ec1a  1bb ");
    assert_null(visitor_finish(&v, VF_POSTCODE));
    assert_string_equal(v.postcode, "EC1A");
    typed(VF_POSTCODE, "SM1 4");
    assert_non_null(visitor_finish(&v, VF_POSTCODE));
    /* a full postcode is at most 8 characters */
    assert_non_null(visitor_type(&v, VF_POSTCODE, "SW1A 1AAX"));
    assert_int_equal(strlen(v.postcode), 8);
    assert_string_equal(visitor_field(VF_POSTCODE)->keyboard, "postcode");
}

static void test_phone_date_note(void **state)
{
    (void)state;
    assert_string_equal(typed(VF_CB_PHONE, "+44 7700 900123x"), "+44 7700 900123");
    assert_null(visitor_finish(&v, VF_CB_PHONE));
    typed(VF_CB_PHONE, "0770");
    assert_non_null(visitor_finish(&v, VF_CB_PHONE));
    typed(VF_CB_PHONE, "07700+900123");
    assert_non_null(visitor_finish(&v, VF_CB_PHONE));
    assert_string_equal(visitor_field(VF_CB_PHONE)->keyboard, "digits");

    assert_string_equal(typed(VF_ADV_DATE, "25/12/2026"), "25/12/2026");
    assert_null(visitor_finish(&v, VF_ADV_DATE));
    typed(VF_ADV_DATE, "31/02/2026");
    assert_non_null(visitor_finish(&v, VF_ADV_DATE));
    typed(VF_ADV_DATE, "29/02/2028");
    assert_null(visitor_finish(&v, VF_ADV_DATE));
    typed(VF_ADV_DATE, "29/02/2027");
    assert_non_null(visitor_finish(&v, VF_ADV_DATE));
    assert_string_equal(typed(VF_ADV_DATE, "1-2-2026"), "122026");

    assert_string_equal(typed(VF_CB_NOTE, "After 3pm, please (£5 bus)."),
                        "After 3pm, please (£5 bus).");
    assert_non_null(visitor_type(&v, VF_CB_NOTE, "\xE2\x80\xAE"));
    assert_string_equal(typed(VF_CB_NAME, "Ewa"), "Ewa");
}

static void test_wipe_clears_every_flow(void **state)
{
    (void)state;
    typed(VF_FIRST_NAME, "Anna");
    typed(VF_POSTCODE, "SM1");
    typed(VF_CB_NAME, "Ewa");
    typed(VF_CB_PHONE, "07700900123");
    typed(VF_CB_NOTE, "mornings");
    typed(VF_ADV_DATE, "01/12/2026");
    v.field = VF_CB_NOTE;
    v.message = "x";
    v.kb_page = 2;
    snprintf(v.kb_id, sizeof v.kb_id, "en");
    v.adults = 3;
    v.children[0] = 2;
    visitor_wipe(&v);
    for (int f = VF_NONE + 1; f < VF_COUNT; f++) {
        const char *b = visitor_buf(&v, (VisitorField)f);
        for (size_t i = 0; i < visitor_field((VisitorField)f)->cap; i++)
            assert_int_equal(b[i], 0);
    }
    assert_int_equal(v.field, VF_NONE);
    assert_null(v.message);
    assert_int_equal(v.kb_page, 0);
    assert_string_equal(v.kb_id, "");
    assert_int_equal(v.adults, 1);
    assert_int_equal(v.children[0], 0);
    assert_int_equal(v.session, -1);
    assert_int_equal(v.first_visit, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_field_declared),
        cmocka_unit_test(test_names_of_any_script),
        cmocka_unit_test(test_name_finish),
        cmocka_unit_test(test_marks_and_joiners),
        cmocka_unit_test(test_outward_code_shapes),
        cmocka_unit_test(test_postcode_field),
        cmocka_unit_test(test_phone_date_note),
        cmocka_unit_test(test_wipe_clears_every_flow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
