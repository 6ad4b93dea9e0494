/* test_keyboard.c — the .kbd parser and the layouts the kiosk ships.
 * Run from the repository root: layouts are read from assets/keyboards,
 * broken fixtures from tests/data/keyboards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/keyboard.h"
#include "kiosk/utf8.h"

#define ASSETS "assets/keyboards"
#define FIXTURES "tests/data/keyboards"
#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const shipped[] = { "en", "pl", "ro", "bg", "uk", "ta", "ur", "digits" };

/* Loads a layout that must load; on failure prints why and fails. */
static KeyLayout *load_ok(const char *dir, const char *id)
{
    KeyLayout *kb = malloc(sizeof *kb);
    assert_non_null(kb);
    char err[256] = "";
    if (!kb_load(dir, id, kb, err, sizeof err)) {
        free(kb);
        fail_msg("%s/%s.kbd did not load: %s", dir, id, err);
    }
    assert_string_equal(err, "");
    return kb;
}

/* Loads a fixture that must fail and returns the message. */
static void load_fails(const char *id, char *err, size_t errlen)
{
    KeyLayout *kb = malloc(sizeof *kb);
    assert_non_null(kb);
    memset(kb, 0x5A, sizeof *kb);
    assert_false(kb_load(FIXTURES, id, kb, err, errlen));
    /* a failed load leaves nothing half-parsed behind */
    assert_int_equal(kb->npages, 0);
    assert_string_equal(kb->name, "");
    free(kb);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static bool page_has_kind(const KeyPage *pg, KeyKind kind)
{
    for (int r = 0; r < pg->nrows; r++)
        for (int k = 0; k < pg->nkeys[r]; k++)
            if (pg->keys[r][k].kind == kind)
                return true;
    return false;
}

static bool page_has_text(const KeyPage *pg, const char *text)
{
    for (int r = 0; r < pg->nrows; r++)
        for (int k = 0; k < pg->nkeys[r]; k++)
            if (pg->keys[r][k].kind == KEY_TEXT && strcmp(pg->keys[r][k].text, text) == 0)
                return true;
    return false;
}

static bool layout_has_text(const KeyLayout *kb, const char *text)
{
    for (int p = 0; p < kb->npages; p++)
        if (page_has_text(&kb->pages[p], text))
            return true;
    return false;
}

/* Every letter in lower is on the first page, its capital in upper (when
 * given) on the "shift" page. */
static void assert_letters(const KeyLayout *kb, const char *const *lower,
                           const char *const *upper, size_t n)
{
    const KeyPage *base = &kb->pages[0];
    int shift = upper ? kb_page(kb, "shift") : -1;
    if (upper)
        assert_true(shift >= 0);
    for (size_t i = 0; i < n; i++) {
        if (!page_has_text(base, lower[i]))
            fail_msg("%s: \"%s\" is not on the first page", kb->id, lower[i]);
        if (upper && !page_has_text(&kb->pages[shift], upper[i]))
            fail_msg("%s: \"%s\" is not on the shift page", kb->id, upper[i]);
    }
}

/* The rules every shipped layout keeps. */
static void check_shipped(const KeyLayout *kb)
{
    assert_true(kb->name[0] != '\0');
    assert_in_range(kb->npages, 1, KB_MAX_PAGES);
    for (int p = 0; p < kb->npages; p++) {
        const KeyPage *pg = &kb->pages[p];
        assert_in_range(pg->nrows, 1, KB_MAX_ROWS);
        for (int r = 0; r < pg->nrows; r++) {
            assert_in_range(pg->nkeys[r], 1, KB_MAX_KEYS);
            for (int k = 0; k < pg->nkeys[r]; k++) {
                const Key *key = &pg->keys[r][k];
                if (key->kind == KEY_TEXT) {
                    assert_true(key->text[0] != '\0');
                    assert_true(utf8_is_clean_text(key->text, 31));
                    assert_string_equal(key->label, key->text);
                } else if (key->kind == KEY_PAGE || key->kind == KEY_SHIFT) {
                    assert_true(kb_page(kb, key->text) >= 0);
                } else {
                    assert_string_equal(key->label, "");   /* the UI labels it */
                }
            }
        }
        if (!page_has_kind(pg, KEY_BACK) || !page_has_kind(pg, KEY_DONE))
            fail_msg("%s page %s lacks {back} or {done}", kb->id, pg->name);
        if (kb->latin[0] && !page_has_kind(pg, KEY_SWITCH))
            fail_msg("%s page %s lacks {switch}", kb->id, pg->name);
    }
    /* a shift page is reached from the first page and left again */
    int shift = kb_page(kb, "shift");
    if (shift >= 0) {
        assert_true(page_has_kind(&kb->pages[0], KEY_SHIFT));
        assert_true(page_has_kind(&kb->pages[shift], KEY_SHIFT));
    }
    /* {switch} leads to a Latin layout that exists and is Latin itself */
    if (kb->latin[0]) {
        KeyLayout *latin = load_ok(ASSETS, kb->latin);
        assert_string_equal(latin->latin, "");
        free(latin);
    }
    /* names need a hyphen and an apostrophe (ASCII or U+02BC); the
     * layouts of phone numbers, postcodes and dates are not for names */
    if (strcmp(kb->id, "digits") != 0 && strcmp(kb->id, "postcode") != 0 &&
        strcmp(kb->id, "date") != 0) {
        if (!layout_has_text(kb, "-"))
            fail_msg("%s has no hyphen", kb->id);
        if (!layout_has_text(kb, "'") && !layout_has_text(kb, "\xCA\xBC"))
            fail_msg("%s has no apostrophe", kb->id);
    }
}

static void test_shipped_layouts_load(void **state)
{
    (void)state;
    DIR *d = opendir(ASSETS);
    if (!d)
        fail_msg("cannot open %s: run the tests from the repository root", ASSETS);
    bool seen[N(shipped)] = { false };
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".kbd") != 0)
            continue;
        char id[64];
        assert_true(n - 4 < sizeof id);
        memcpy(id, e->d_name, n - 4);
        id[n - 4] = '\0';
        KeyLayout *kb = load_ok(ASSETS, id);
        assert_string_equal(kb->id, id);
        check_shipped(kb);
        for (size_t i = 0; i < N(shipped); i++)
            if (strcmp(id, shipped[i]) == 0)
                seen[i] = true;
        free(kb);
        files++;
    }
    closedir(d);
    assert_true(files >= (int)N(shipped));
    for (size_t i = 0; i < N(shipped); i++)
        if (!seen[i])
            fail_msg("%s/%s.kbd is missing", ASSETS, shipped[i]);
}

static void test_english_is_latin(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "en");
    assert_string_equal(kb->latin, "");
    /* the own-script key brings a visitor back from English */
    assert_true(page_has_kind(&kb->pages[0], KEY_SWITCH));
    static const char *const qwerty[] = { "q", "w", "e", "r", "t", "y", "a", "z", "m" };
    static const char *const QWERTY[] = { "Q", "W", "E", "R", "T", "Y", "A", "Z", "M" };
    assert_letters(kb, qwerty, QWERTY, N(qwerty));
    assert_true(layout_has_text(kb, "\xC3\xAB"));   /* ë, as in Zoë */
    free(kb);
}

static void test_polish_letters(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "pl");
    static const char *const lower[] = { "ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "q" };
    static const char *const upper[] = { "Ą", "Ć", "Ę", "Ł", "Ń", "Ó", "Ś", "Ź", "Ż", "Q" };
    assert_letters(kb, lower, upper, N(lower));
    assert_string_equal(kb->latin, "en");
    free(kb);
}

static void test_romanian_comma_below(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "ro");
    static const char *const lower[] = { "ă", "â", "î", "\xC8\x99", "\xC8\x9B" };  /* ș ț */
    static const char *const upper[] = { "Ă", "Â", "Î", "\xC8\x98", "\xC8\x9A" };  /* Ș Ț */
    assert_letters(kb, lower, upper, N(lower));
    /* never the cedilla forms ş ţ Ş Ţ (U+015F, U+0163, U+015E, U+0162) */
    static const char *const cedilla[] = { "\xC5\x9F", "\xC5\xA3", "\xC5\x9E", "\xC5\xA2" };
    for (int p = 0; p < kb->npages; p++) {
        const KeyPage *pg = &kb->pages[p];
        for (int r = 0; r < pg->nrows; r++)
            for (int k = 0; k < pg->nkeys[r]; k++)
                for (size_t c = 0; c < N(cedilla); c++)
                    assert_null(strstr(pg->keys[r][k].text, cedilla[c]));
    }
    free(kb);
}

static void test_bulgarian_alphabet(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "bg");
    static const char *const lower[] = {
        "а", "б", "в", "г", "д", "е", "ж", "з", "и", "й", "к", "л", "м", "н", "о",
        "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ъ", "ь", "ю", "я",
    };
    static const char *const upper[] = {
        "А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "Й", "К", "Л", "М", "Н", "О",
        "П", "Р", "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Ъ", "Ь", "Ю", "Я",
    };
    assert_int_equal(N(lower), 30);
    assert_letters(kb, lower, upper, N(lower));
    free(kb);
}

static void test_ukrainian_alphabet(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "uk");
    static const char *const lower[] = {
        "а", "б", "в", "г", "ґ", "д", "е", "є", "ж", "з", "и", "і", "ї", "й", "к", "л", "м",
        "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ь", "ю", "я",
    };
    static const char *const upper[] = {
        "А", "Б", "В", "Г", "Ґ", "Д", "Е", "Є", "Ж", "З", "И", "І", "Ї", "Й", "К", "Л", "М",
        "Н", "О", "П", "Р", "С", "Т", "У", "Ф", "Х", "Ц", "Ч", "Ш", "Щ", "Ь", "Ю", "Я",
    };
    assert_int_equal(N(lower), 33);
    assert_letters(kb, lower, upper, N(lower));
    assert_true(page_has_text(&kb->pages[0], "\xCA\xBC"));   /* ʼ U+02BC */
    /* Russian-only letters do not belong here */
    assert_false(layout_has_text(kb, "ы"));
    assert_false(layout_has_text(kb, "э"));
    assert_false(layout_has_text(kb, "ё"));
    free(kb);
}

static void test_tamil_letters(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "ta");
    static const char *const vowels[] = {
        "அ", "ஆ", "இ", "ஈ", "உ", "ஊ", "எ", "ஏ", "ஐ", "ஒ", "ஓ", "ஔ", "ஃ",
    };
    static const char *const consonants[] = {
        "க", "ங", "ச", "ஞ", "ட", "ண", "த", "ந", "ப", "ம", "ய", "ர", "ல", "வ", "ழ", "ள", "ற", "ன",
        "ஜ", "ஷ", "ஸ", "ஹ",
    };
    static const char *const signs[] = {
        "ா", "ி", "ீ", "ு", "ூ", "ெ", "ே", "ை", "ொ", "ோ", "ௌ", "்",
    };
    assert_int_equal(N(consonants), 18 + 4);
    assert_int_equal(N(signs), 12);
    for (size_t i = 0; i < N(vowels); i++)
        assert_true(layout_has_text(kb, vowels[i]));
    for (size_t i = 0; i < N(consonants); i++)
        if (!layout_has_text(kb, consonants[i]))
            fail_msg("ta lacks consonant %s", consonants[i]);
    /* consonant and vowel sign are typed one after the other: same page */
    for (int p = 0; p < kb->npages; p++) {
        const KeyPage *pg = &kb->pages[p];
        if (!page_has_text(pg, "க"))
            continue;
        for (size_t i = 0; i < N(signs); i++)
            if (!page_has_text(pg, signs[i]))
                fail_msg("ta page %s has consonants but not sign %s", pg->name, signs[i]);
    }
    free(kb);
}

static void test_urdu_letters(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "ur");
    static const char *const letters[] = {
        "ا", "ب", "پ", "ت", "ٹ", "ث", "ج", "چ", "ح", "خ", "د", "ڈ", "ذ", "ر", "ڑ",
        "ز", "ژ", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ک", "گ", "ل",
        "م", "ن", "ں", "و", "ہ", "ھ", "ء", "ی", "ے", "ۓ", "آ", "ئ", "ؤ",
    };
    assert_int_equal(N(letters), 43);
    for (size_t i = 0; i < N(letters); i++)
        if (!layout_has_text(kb, letters[i]))
            fail_msg("ur lacks %s", letters[i]);
    /* Urdu kaf, heh and yeh, not the Arabic look-alikes ك ه ي */
    assert_false(layout_has_text(kb, "\xD9\x83"));
    assert_false(layout_has_text(kb, "\xD9\x87"));
    assert_false(layout_has_text(kb, "\xD9\x8A"));
    free(kb);
}

static void test_digits_pad(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "digits");
    static const char *const keys[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+" };
    for (size_t i = 0; i < N(keys); i++)
        assert_true(page_has_text(&kb->pages[0], keys[i]));
    assert_string_equal(kb->latin, "");
    assert_false(page_has_kind(&kb->pages[0], KEY_SWITCH));
    /* nothing but digits and '+' can be typed on it */
    for (int p = 0; p < kb->npages; p++)
        for (int r = 0; r < kb->pages[p].nrows; r++)
            for (int k = 0; k < kb->pages[p].nkeys[r]; k++) {
                const Key *key = &kb->pages[p].keys[r][k];
                if (key->kind == KEY_TEXT)
                    assert_true(strlen(key->text) == 1 && strchr("0123456789+", key->text[0]));
                else
                    assert_true(key->kind == KEY_BACK || key->kind == KEY_DONE);
            }
    free(kb);
}

/* The postcode keyboard: every capital and digit, a space, and nothing a
 * postcode does not use (no lower case, no switch to another layout). */
static void test_postcode_pad(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(ASSETS, "postcode");
    const char *all = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (const char *c = all; *c; c++) {
        char one[2] = { *c, 0 };
        if (!page_has_text(&kb->pages[0], one))
            fail_msg("postcode keyboard has no %s", one);
    }
    assert_int_equal(kb->npages, 1);
    assert_true(page_has_kind(&kb->pages[0], KEY_SPACE));
    assert_false(page_has_kind(&kb->pages[0], KEY_SWITCH));
    assert_false(page_has_kind(&kb->pages[0], KEY_SHIFT));
    for (int r = 0; r < kb->pages[0].nrows; r++)
        for (int k = 0; k < kb->pages[0].nkeys[r]; k++) {
            const Key *key = &kb->pages[0].keys[r][k];
            if (key->kind == KEY_TEXT)
                assert_true(strlen(key->text) == 1 && strchr(all, key->text[0]));
            else
                assert_true(key->kind == KEY_BACK || key->kind == KEY_DONE ||
                            key->kind == KEY_SPACE);
        }
    free(kb);
}

static void test_parses_every_part(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(FIXTURES, "good");
    assert_string_equal(kb->id, "good");
    assert_string_equal(kb->name, "Test layout");
    assert_string_equal(kb->latin, "en");
    assert_int_equal(kb->npages, 3);
    assert_int_equal(kb_page(kb, "base"), 0);
    assert_int_equal(kb_page(kb, "shift"), 1);
    assert_int_equal(kb_page(kb, "sym"), 2);
    assert_int_equal(kb_page(kb, "nope"), -1);
    assert_int_equal(kb_page(kb, "Base"), -1);

    const KeyPage *base = &kb->pages[0];
    assert_string_equal(base->name, "base");
    assert_int_equal(base->nrows, 3);
    assert_int_equal(base->nkeys[0], 5);
    assert_string_equal(base->keys[0][2].text, "c");
    assert_int_equal(base->keys[0][3].kind, KEY_TEXT);
    assert_string_equal(base->keys[0][3].text, "க்ஷ");   /* several code points */
    assert_string_equal(base->keys[0][3].label, "க்ஷ");
    assert_int_equal(base->keys[0][4].kind, KEY_PAGE);
    assert_string_equal(base->keys[0][4].text, "sym");
    assert_string_equal(base->keys[0][4].label, "123");
    assert_int_equal(base->nkeys[1], 2);
    assert_int_equal(base->keys[1][0].kind, KEY_SHIFT);
    assert_string_equal(base->keys[1][0].label, "");
    assert_int_equal(base->keys[1][1].kind, KEY_BACK);
    assert_int_equal(base->nkeys[2], 3);
    assert_int_equal(base->keys[2][0].kind, KEY_SWITCH);
    assert_int_equal(base->keys[2][1].kind, KEY_SPACE);
    assert_string_equal(base->keys[2][1].label, "");
    assert_int_equal(base->keys[2][2].kind, KEY_DONE);

    const KeyPage *shift = &kb->pages[1];
    assert_int_equal(shift->nkeys[0], 3);
    assert_string_equal(shift->keys[0][2].text, "C#");   /* '#' inside a key */
    assert_int_equal(shift->keys[1][1].kind, KEY_PAGE);
    assert_string_equal(shift->keys[1][1].text, "base");
    assert_string_equal(shift->keys[1][1].label, "");     /* no '|': no label */

    const KeyPage *sym = &kb->pages[2];
    assert_int_equal(sym->nkeys[0], KB_MAX_KEYS);   /* the most is accepted */
    assert_string_equal(sym->keys[0][11].text, "'");
    assert_string_equal(sym->keys[1][0].label, "abc");
    free(kb);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    KeyLayout *kb = load_ok(FIXTURES, "crlf");
    assert_string_equal(kb->name, "CRLF");
    assert_string_equal(kb->latin, "");
    assert_int_equal(kb->pages[0].nkeys[0], 2);
    assert_string_equal(kb->pages[0].keys[0][1].text, "y");
    free(kb);
}

static void test_errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct { const char *id, *where, *what; } cases[] = {
        { "too-many-keys", "too-many-keys.kbd:7: ", "row has 15 keys (most is 14)" },
        { "too-many-rows", "too-many-rows.kbd:8: ", "more than 6 rows" },
        { "too-many-pages", "too-many-pages.kbd:17: ", "too many pages" },
        { "unknown-func", "unknown-func.kbd:4: ", "{enter}" },
        { "bad-utf8", "bad-utf8.kbd:4: ", "invalid UTF-8" },
        { "no-pages", "no-pages.kbd: ", "no pages" },
        { "no-target", "no-target.kbd:3: ", "\"sym\"" },
        { "no-shift", "no-shift.kbd:3: ", "\"shift\"" },
        { "unknown-key", "unknown-key.kbd:2: ", "\"colour\"" },
        { "long-key", "long-key.kbd:3: ", "longer than 31 bytes" },   /* line 2 fits */
    };
    for (size_t i = 0; i < N(cases); i++) {
        char err[256] = "";
        load_fails(cases[i].id, err, sizeof err);
        if (strncmp(err, cases[i].where, strlen(cases[i].where)) != 0)
            fail_msg("%s: expected \"%s...\", got \"%s\"", cases[i].id, cases[i].where, err);
        assert_contains(err, cases[i].what);
    }
}

static void test_missing_file_names_it(void **state)
{
    (void)state;
    char err[256] = "";
    load_fails("missing", err, sizeof err);
    assert_contains(err, "missing.kbd");
    assert_contains(err, FIXTURES);
}

static void test_bad_ids_and_small_buffers(void **state)
{
    (void)state;
    char err[256] = "";
    load_fails("../keyboards/good", err, sizeof err);   /* no paths as ids */
    assert_true(err[0] != '\0');
    load_fails("", err, sizeof err);
    assert_true(err[0] != '\0');
    load_fails("a-much-too-long-id", err, sizeof err);
    assert_true(err[0] != '\0');

    /* a short buffer is truncated, never overrun */
    char small[12];
    memset(small, 'x', sizeof small);
    load_fails("unknown-func", small, 8);
    assert_int_equal(strlen(small), 7);
    assert_int_equal(small[8], 'x');
    /* no buffer at all is allowed */
    load_fails("unknown-func", NULL, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_layouts_load),
        cmocka_unit_test(test_english_is_latin),
        cmocka_unit_test(test_polish_letters),
        cmocka_unit_test(test_romanian_comma_below),
        cmocka_unit_test(test_bulgarian_alphabet),
        cmocka_unit_test(test_ukrainian_alphabet),
        cmocka_unit_test(test_tamil_letters),
        cmocka_unit_test(test_urdu_letters),
        cmocka_unit_test(test_digits_pad),
        cmocka_unit_test(test_postcode_pad),
        cmocka_unit_test(test_parses_every_part),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_errors_name_file_and_line),
        cmocka_unit_test(test_missing_file_names_it),
        cmocka_unit_test(test_bad_ids_and_small_buffers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
