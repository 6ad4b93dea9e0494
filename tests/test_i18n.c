/* test_i18n.c — reading .po files, plural rules, placeholders, digits and
 * dates. Fixtures are in tests/data/i18n (run from the repository root). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

#define DATA "tests/data/i18n"

/* ---- plural expressions ---- */

static const unsigned long plural_ns[16] = { 0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25,
                                             101, 102, 111, 112 };

static void check_forms(const char *expr, const int want[16])
{
    for (int k = 0; k < 16; k++) {
        int got = i18n_plural_eval(expr, plural_ns[k]);
        if (got != want[k])
            fail_msg("%s for n=%lu: got %d, want %d", expr, plural_ns[k], got, want[k]);
    }
}

static void test_plural_real_rules(void **state)
{
    (void)state;
    /* CLDR: pl one/few/many, uk one/few/many, ro one/few/other, bg one/other */
    static const int pl[16] = { 2, 0, 1, 1, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2 };
    static const int uk[16] = { 2, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 2, 2 };
    static const int ro[16] = { 1, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1 };
    static const int bg[16] = { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    check_forms("(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)", pl);
    check_forms("(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
                "(n%100<10 || n%100>=20) ? 1 : 2)", uk);
    check_forms("(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)", ro);
    check_forms("(n != 1)", bg);
    check_forms("n != 1", bg);
}

static void test_plural_operators(void **state)
{
    (void)state;
    assert_int_equal(i18n_plural_eval("n + 2 * 3", 1), 7);       /* * before + */
    assert_int_equal(i18n_plural_eval("10 - 3 - 2", 0), 5);      /* left associative */
    assert_int_equal(i18n_plural_eval("(10 - 3) / 2 % 2", 0), 1);
    assert_int_equal(i18n_plural_eval("!(n > 3)", 5), 0);
    assert_int_equal(i18n_plural_eval("!n", 0), 1);
    assert_int_equal(i18n_plural_eval("n > 1 ? 2 : n == 1 ? 1 : 0", 0), 0);
    assert_int_equal(i18n_plural_eval("n > 1 ? 2 : n == 1 ? 1 : 0", 1), 1);
    assert_int_equal(i18n_plural_eval("n > 1 ? 2 : n == 1 ? 1 : 0", 9), 2);
    assert_int_equal(i18n_plural_eval("n <= 2 || n >= 9", 5), 0);
    assert_int_equal(i18n_plural_eval("0", 5), 0);
    /* malformed */
    assert_int_equal(i18n_plural_eval("", 1), -1);
    assert_int_equal(i18n_plural_eval("n ==", 1), -1);
    assert_int_equal(i18n_plural_eval("(n != 1", 1), -1);
    assert_int_equal(i18n_plural_eval("n = 1", 1), -1);
    assert_int_equal(i18n_plural_eval("n | 1", 1), -1);
    assert_int_equal(i18n_plural_eval("n ? 1", 1), -1);
    assert_int_equal(i18n_plural_eval("m != 1", 1), -1);
    assert_int_equal(i18n_plural_eval("n != 1 2", 1), -1);
    assert_int_equal(i18n_plural_eval(NULL, 1), -1);
    assert_int_equal(i18n_plural_eval("n / 0", 1), -1);
    assert_int_equal(i18n_plural_eval("n % (n - 1)", 1), -1);
    /* deep nesting is refused, not a stack overflow */
    char deep[400];
    memset(deep, '(', 150);
    deep[150] = 'n';
    memset(deep + 151, ')', 150);
    deep[301] = '\0';
    assert_int_equal(i18n_plural_eval(deep, 1), -1);
}

/* ---- the fixture languages ---- */

static int setup_good(void **state)
{
    char err[256];
    I18n *i = i18n_open(DATA "/good", "en-GB", err, sizeof err);
    if (!i)
        fprintf(stderr, "%s\n", err);
    *state = i;
    return i ? 0 : -1;
}

static int teardown_good(void **state)
{
    i18n_close(*state);
    return 0;
}

static void test_languages_and_header(void **state)
{
    const I18n *i = *state;
    assert_int_equal(i18n_count(i), 4);
    /* source first, then by tag */
    assert_string_equal(i18n_lang(i, 0)->tag, "en-GB");
    assert_string_equal(i18n_lang(i, 1)->tag, "pl");
    assert_string_equal(i18n_lang(i, 2)->tag, "ta");
    assert_string_equal(i18n_lang(i, 3)->tag, "ur");
    assert_null(i18n_lang(i, 4));
    assert_null(i18n_lang(i, -1));

    const LangInfo *en = i18n_lang(i, 0);
    assert_string_equal(en->english_name, "English");
    assert_string_equal(en->keyboard, "en");
    assert_false(en->rtl);
    assert_false(en->native_digits);
    assert_string_equal(en->digits[7], "7");

    const LangInfo *ta = i18n_lang(i, i18n_find(i, "ta"));
    assert_string_equal(ta->native_name, "தமிழ்");
    assert_string_equal(ta->english_name, "Tamil");
    assert_true(ta->native_digits);
    assert_string_equal(ta->digits[0], "௦");
    assert_string_equal(ta->digits[9], "௯");

    const LangInfo *ur = i18n_lang(i, i18n_find(i, "ur"));
    assert_true(ur->rtl);
    assert_string_equal(ur->native_name, "اردو");

    assert_int_equal(i18n_nplurals(i, 0), 2);
    assert_int_equal(i18n_nplurals(i, 1), 3);
    assert_int_equal(i18n_nplurals(i, 9), 0);
}

static void test_find(void **state)
{
    const I18n *i = *state;
    assert_int_equal(i18n_find(i, "en-GB"), 0);
    assert_int_equal(i18n_find(i, "en"), 0);
    assert_int_equal(i18n_find(i, "EN-gb"), 0);
    assert_int_equal(i18n_find(i, "en-US"), 0);
    assert_int_equal(i18n_find(i, "pl"), 1);
    assert_int_equal(i18n_find(i, "pl-PL"), 1);
    assert_int_equal(i18n_find(i, "de"), -1);
    assert_int_equal(i18n_find(i, "e"), -1);
    assert_int_equal(i18n_find(i, ""), -1);
    assert_int_equal(i18n_find(i, NULL), -1);
}

static void test_source_order(void **state)
{
    (void)state;
    char err[256];
    I18n *i = i18n_open(DATA "/good", "ur", err, sizeof err);
    assert_non_null(i);
    assert_string_equal(i18n_lang(i, 0)->tag, "ur");
    assert_string_equal(i18n_lang(i, 1)->tag, "en-GB");
    assert_string_equal(i18n_lang(i, 3)->tag, "ta");
    i18n_close(i);

    i = i18n_open(DATA "/good", "fr", err, sizeof err);
    assert_null(i);
    assert_non_null(strstr(err, "fr.po"));
    i = i18n_open(DATA "/no-such-dir", "en-GB", err, sizeof err);
    assert_null(i);
    assert_non_null(strstr(err, "no-such-dir"));
}

static void test_get(void **state)
{
    const I18n *i = *state;
    int pl = i18n_find(i, "pl");
    assert_string_equal(i18n_get(i, pl, NULL, "Check in"), "Zamelduj się");
    /* continuation lines joined, escapes decoded */
    assert_string_equal(i18n_get(i, pl, NULL, "Please ask a member of staff"),
                        "Proszę poprosić pracownika\nTab\there \"quoted\" back\\slash AA");
    /* the context is part of the key */
    assert_string_equal(i18n_get(i, pl, NULL, "Back"), "Powrót");
    assert_string_equal(i18n_get(i, pl, "button", "Back"), "Wstecz");
    assert_string_equal(i18n_get(i, pl, "direction", "Back"), "Z tyłu");
    assert_string_equal(i18n_get(i, pl, "menu", "Back"), "Back");
    /* fuzzy and empty translations are not shown */
    assert_string_equal(i18n_get(i, pl, NULL, "Sign out"), "Sign out");
    assert_string_equal(i18n_get(i, pl, NULL, "Help"), "Help");
    /* obsolete (#~) entries are not messages */
    assert_string_equal(i18n_get(i, pl, NULL, "Old message"), "Old message");
    /* the source language and unknown messages show the msgid */
    assert_string_equal(i18n_get(i, 0, NULL, "Check in"), "Check in");
    assert_string_equal(i18n_get(i, pl, NULL, "Unknown"), "Unknown");
    assert_string_equal(i18n_get(i, 42, NULL, "Check in"), "Check in");
    assert_string_equal(i18n_get(i, i18n_find(i, "ta"), NULL, "Check in"), "உள்நுழைக");
}

static void test_nget(void **state)
{
    const I18n *i = *state;
    int pl = i18n_find(i, "pl");
    const char *one = "{count} child", *many = "{count} children";
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 1), "{count} dziecko");
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 2), "{count} dzieci");
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 5), "{count} dzieci (wiele)");
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 22), "{count} dzieci");
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 112), "{count} dzieci (wiele)");
    assert_string_equal(i18n_nget(i, pl, NULL, one, many, 0), "{count} dzieci (wiele)");
    /* untranslated (fuzzy), source language, bad index: English rule */
    assert_string_equal(i18n_nget(i, pl, NULL, "{n} visit", "{n} visits", 1), "{n} visit");
    assert_string_equal(i18n_nget(i, pl, NULL, "{n} visit", "{n} visits", 3), "{n} visits");
    assert_string_equal(i18n_nget(i, 0, NULL, one, many, 1), one);
    assert_string_equal(i18n_nget(i, 0, NULL, one, many, 0), many);
    assert_string_equal(i18n_nget(i, -1, NULL, one, many, 2), many);
}

/* Counts in staff text (English only) and in a visitor's language. */
static void test_format_count(void **state)
{
    const I18n *i = *state;
    char out[128];
    const char *one = "Try again in {count} second.", *many = "Try again in {count} seconds.";
    static const struct { long n; const char *want; } en[] = {
        { 1, "Try again in 1 second." },     { 0, "Try again in 0 seconds." },
        { 2, "Try again in 2 seconds." },    { 21, "Try again in 21 seconds." },
        { -1, "Try again in -1 second." },   { 3600, "Try again in 3600 seconds." },
    };
    for (size_t k = 0; k < sizeof en / sizeof *en; k++) {
        assert_int_equal(i18n_format_count(NULL, 0, NULL, one, many, en[k].n, out, sizeof out),
                         K_OK);
        assert_string_equal(out, en[k].want);
        /* the source language counts the same way */
        assert_int_equal(i18n_format_count(i, 0, NULL, one, many, en[k].n, out, sizeof out), K_OK);
        assert_string_equal(out, en[k].want);
    }
    /* other placeholders are left for the caller */
    assert_int_equal(i18n_format_count(NULL, 0, NULL, "{count} family at {name}",
                                       "{count} families at {name}", 3, out, sizeof out), K_OK);
    assert_string_equal(out, "3 families at {name}");
    /* a translated language: its plural rule and its digits */
    int pl = i18n_find(i, "pl"), ta = i18n_find(i, "ta");
    assert_int_equal(i18n_format_count(i, pl, NULL, "{count} child", "{count} children", 22, out,
                                       sizeof out), K_OK);
    assert_string_equal(out, "22 dzieci");
    assert_int_equal(i18n_format_count(i, pl, NULL, "{count} child", "{count} children", 5, out,
                                       sizeof out), K_OK);
    assert_string_equal(out, "5 dzieci (wiele)");
    assert_int_equal(i18n_format_count(i, ta, NULL, one, many, 12, out, sizeof out), K_OK);
    assert_string_equal(out, "Try again in ௧௨ seconds.");
    /* too small a buffer */
    assert_int_equal(i18n_format_count(NULL, 0, NULL, one, many, 5, out, 8), K_ERR_TOO_LONG);
    assert_string_equal(out, "Try aga");
}

typedef struct {
    int count;
    bool sign_out_fuzzy, visit_fuzzy, help_seen, plural_seen, old_seen;
    int visit_forms;
    char sign_out_str[64], help_str[8];
} EachSeen;

static void each_cb(void *ud, const char *ctx, const char *msgid, const char *plural,
                    const char *const *msgstr, int nforms, bool fuzzy)
{
    EachSeen *s = ud;
    s->count++;
    if (strcmp(msgid, "Sign out") == 0) {
        s->sign_out_fuzzy = fuzzy;
        snprintf(s->sign_out_str, sizeof s->sign_out_str, "%s", msgstr[0]);
    } else if (strcmp(msgid, "{n} visit") == 0) {
        s->visit_fuzzy = fuzzy;
        s->visit_forms = nforms;
    } else if (strcmp(msgid, "Help") == 0) {
        s->help_seen = !fuzzy && nforms == 1 && !plural && !ctx;
        snprintf(s->help_str, sizeof s->help_str, "%s", msgstr[0]);
    } else if (strcmp(msgid, "{count} child") == 0) {
        s->plural_seen = plural && strcmp(plural, "{count} children") == 0 && nforms == 3 &&
                         strcmp(msgstr[1], "{count} dzieci") == 0 && !fuzzy;
    } else if (strcmp(msgid, "Old message") == 0) {
        s->old_seen = true;
    } else if (strcmp(msgid, "Check in") == 0) {
        assert_false(fuzzy);
    }
    assert_string_not_equal(msgid, "");   /* the header is not a message */
}

static void test_each_reports_fuzzy(void **state)
{
    const I18n *i = *state;
    EachSeen s = { 0 };
    i18n_each(i, i18n_find(i, "pl"), each_cb, &s);
    assert_int_equal(s.count, 14);
    assert_true(s.sign_out_fuzzy);
    assert_string_equal(s.sign_out_str, "Wymelduj");
    assert_true(s.visit_fuzzy);
    assert_int_equal(s.visit_forms, 3);
    assert_true(s.help_seen);
    assert_string_equal(s.help_str, "");
    assert_true(s.plural_seen);
    assert_false(s.old_seen);

    EachSeen none = { 0 };
    i18n_each(i, 0, each_cb, &none);
    assert_int_equal(none.count, 0);
    i18n_each(i, 99, each_cb, &none);
    assert_int_equal(none.count, 0);
}

/* ---- files that must be refused ---- */

static void expect_refused(const char *dir, const char *where, const char *problem)
{
    char err[256] = "";
    I18n *i = i18n_open(dir, NULL, err, sizeof err);
    if (i) {
        i18n_close(i);
        fail_msg("%s was accepted", dir);
    }
    if (!strstr(err, where) || !strstr(err, problem))
        fail_msg("%s: got \"%s\", want \"%s\" and \"%s\"", dir, err, where, problem);
}

static void test_refuses_bad_files(void **state)
{
    (void)state;
    expect_refused(DATA "/bad-utf8", DATA "/bad-utf8/xx.po:9:", "invalid UTF-8");
    expect_refused(DATA "/unterminated", DATA "/unterminated/xx.po:9:", "unterminated string");
    expect_refused(DATA "/no-plural", DATA "/no-plural/xx.po:2:", "Plural-Forms");
    expect_refused(DATA "/bad-plural", DATA "/bad-plural/xx.po:1:", "form 2");
    expect_refused(DATA "/plural-count", DATA "/plural-count/xx.po:8:", "nplurals=2");
    expect_refused(DATA "/duplicate", DATA "/duplicate/xx.po:11:", "duplicate");
    expect_refused(DATA "/bad-escape", DATA "/bad-escape/xx.po:9:", "escape");
}

/* ---- digits, formatting, dates ---- */

static void test_native_digits(void **state)
{
    const I18n *i = *state;
    int ta = i18n_find(i, "ta");
    char out[64];
    i18n_number(i, ta, 2025, out, sizeof out);
    assert_string_equal(out, "௨௦௨௫");
    i18n_number(i, ta, -7, out, sizeof out);
    assert_string_equal(out, "-௭");
    i18n_number(i, 0, 2025, out, sizeof out);
    assert_string_equal(out, "2025");
    i18n_number(i, 0, -2147483648L, out, sizeof out);
    assert_string_equal(out, "-2147483648");
    /* a number that does not fit is not cut short: it is left out */
    i18n_number(i, ta, 2025, out, 12);
    assert_string_equal(out, "");

    i18n_time_of_day(i, ta, 9 * 60 + 30, out, sizeof out);
    assert_string_equal(out, "௦௯:௩௦");
    i18n_time_of_day(i, 0, 9 * 60 + 30, out, sizeof out);
    assert_string_equal(out, "09:30");
    i18n_time_of_day(i, 0, 24 * 60 + 5, out, sizeof out);
    assert_string_equal(out, "00:05");
    i18n_time_of_day(i, 0, -1, out, sizeof out);
    assert_string_equal(out, "23:59");
    i18n_time_of_day(i, 0, 23 * 60, out, 5);
    assert_string_equal(out, "");
}

static void test_format(void **state)
{
    (void)state;
    const char *keys[] = { "child", "adult" };
    const char *vals[] = { "Zoë", "Łucja" };
    char out[64];
    assert_int_equal(i18n_format(out, sizeof out, "{child} was checked in by {adult}",
                                 keys, vals, 2), K_OK);
    assert_string_equal(out, "Zoë was checked in by Łucja");
    assert_int_equal(i18n_format(out, sizeof out, "{adult} zameldował(a) {child}",
                                 keys, vals, 2), K_OK);
    assert_string_equal(out, "Łucja zameldował(a) Zoë");
    /* unknown and malformed placeholders are copied as they are */
    assert_int_equal(i18n_format(out, sizeof out, "{child} {room} { x } {adult", keys, vals, 2),
                     K_OK);
    assert_string_equal(out, "Zoë {room} { x } {adult");
    assert_int_equal(i18n_format(out, sizeof out, "{child}{child}", keys, vals, 1), K_OK);
    assert_string_equal(out, "ZoëZoë");

    /* truncation never splits a code point */
    const char *k1[] = { "name" };
    const char *v1[] = { "Łucja" };
    assert_int_equal(i18n_format(out, 5, "Hi {name}", k1, v1, 1), K_ERR_TOO_LONG);
    assert_string_equal(out, "Hi ");
    assert_int_equal(i18n_format(out, 6, "Hi {name}", k1, v1, 1), K_ERR_TOO_LONG);
    assert_string_equal(out, "Hi Ł");
    assert_int_equal(i18n_format(out, 9, "Hi {name}", k1, v1, 1), K_ERR_TOO_LONG);
    assert_string_equal(out, "Hi Łucj");
    assert_int_equal(i18n_format(out, 10, "Hi {name}", k1, v1, 1), K_OK);
    assert_string_equal(out, "Hi Łucja");
    for (size_t cap = 1; cap < 28; cap++) {
        k_err rc = i18n_format(out, cap, "உள்நுழைக {name}", k1, v1, 1);
        assert_int_equal(rc, K_ERR_TOO_LONG);
        assert_true(strlen(out) < cap);
        assert_true(utf8_valid(out, strlen(out)));
    }
    assert_int_equal(i18n_format(out, 5, "உள்நுழைக", NULL, NULL, 0), K_ERR_TOO_LONG);
    assert_string_equal(out, "உ");
    assert_int_equal(i18n_format(out, 0, "x", NULL, NULL, 0), K_ERR_TOO_LONG);
}

static void test_date(void **state)
{
    const I18n *i = *state;
    struct tm tm = { 0 };
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 10;      /* November */
    tm.tm_mday = 23;
    tm.tm_wday = 1;      /* Monday */
    char out[80];
    i18n_date(i, 0, &tm, out, sizeof out);
    assert_string_equal(out, "Monday 23 November");
    i18n_date(i, i18n_find(i, "pl"), &tm, out, sizeof out);
    assert_string_equal(out, "poniedziałek, 23 listopada");
    /* untranslated names fall back to English, each on its own */
    tm.tm_mon = 2;       /* March */
    tm.tm_mday = 5;
    tm.tm_wday = 2;      /* Tuesday */
    i18n_date(i, i18n_find(i, "pl"), &tm, out, sizeof out);
    assert_string_equal(out, "Tuesday, 5 marca");
    /* the language's digits for the day */
    i18n_date(i, i18n_find(i, "ta"), &tm, out, sizeof out);
    assert_string_equal(out, "Tuesday ௫ March");
    /* a short buffer gets a valid prefix */
    i18n_date(i, i18n_find(i, "pl"), &tm, out, 5);
    assert_string_equal(out, "Tues");
    tm.tm_mon = 12;
    i18n_date(i, 0, &tm, out, sizeof out);
    assert_string_equal(out, "");
}

static void test_placeholders(void **state)
{
    (void)state;
    char names[4][32];
    assert_int_equal(i18n_placeholders("{a} and {b_2} {a} { bad } {x", names, 4), 2);
    assert_string_equal(names[0], "a");
    assert_string_equal(names[1], "b_2");
    assert_int_equal(i18n_placeholders("{a}{b}{c}", names, 2), 2);
    assert_string_equal(names[1], "b");
    assert_int_equal(i18n_placeholders("no placeholders {}", names, 4), 0);
    /* a translation that moves placeholders keeps the same set */
    char a[4][32], b[4][32];
    int na = i18n_placeholders("{child} was checked in by {adult}", a, 4);
    int nb = i18n_placeholders("{adult} zameldował(a) {child}", b, 4);
    assert_int_equal(na, 2);
    assert_int_equal(nb, 2);
    assert_string_equal(a[0], b[1]);
    assert_string_equal(a[1], b[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plural_real_rules),
        cmocka_unit_test(test_plural_operators),
        cmocka_unit_test_setup_teardown(test_languages_and_header, setup_good, teardown_good),
        cmocka_unit_test_setup_teardown(test_find, setup_good, teardown_good),
        cmocka_unit_test(test_source_order),
        cmocka_unit_test_setup_teardown(test_get, setup_good, teardown_good),
        cmocka_unit_test_setup_teardown(test_nget, setup_good, teardown_good),
        cmocka_unit_test_setup_teardown(test_format_count, setup_good, teardown_good),
        cmocka_unit_test_setup_teardown(test_each_reports_fuzzy, setup_good, teardown_good),
        cmocka_unit_test(test_refuses_bad_files),
        cmocka_unit_test_setup_teardown(test_native_digits, setup_good, teardown_good),
        cmocka_unit_test(test_format),
        cmocka_unit_test_setup_teardown(test_date, setup_good, teardown_good),
        cmocka_unit_test(test_placeholders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
