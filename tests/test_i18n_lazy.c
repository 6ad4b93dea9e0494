/* test_i18n_lazy.c — languages opened with only their headers read
 * (i18n_open_lazy, as the kiosk starts): every language and message is
 * the same as when all is read at once; a broken file is refused with the
 * same line, at open for its header and by i18n_load_all (and --check)
 * for its entries; a file broken after start shows English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "journey.h"
#include "kiosk/i18n.h"
#include "../kiosk/i18n_private.h"

#define DATA "tests/data/i18n"

typedef struct {
    const I18n *full, *lazy;
    int lang;
    int count;
} Same;

static void same_entry(void *ud, const char *ctx, const char *msgid, const char *plural,
                       const char *const *msgstr, int nforms, bool fuzzy)
{
    (void)msgstr, (void)nforms, (void)fuzzy;
    Same *s = ud;
    s->count++;
    assert_string_equal(i18n_get(s->full, s->lang, ctx, msgid),
                        i18n_get(s->lazy, s->lang, ctx, msgid));
    if (plural)
        for (unsigned long n = 0; n < 30; n++)
            assert_string_equal(i18n_nget(s->full, s->lang, ctx, msgid, plural, n),
                                i18n_nget(s->lazy, s->lang, ctx, msgid, plural, n));
}

static void check_same(const char *dir)
{
    char err[512];
    I18n *full = i18n_open(dir, "en-GB", err, sizeof err);
    assert_non_null(full);
    I18n *lazy = i18n_open_lazy(dir, "en-GB", err, sizeof err);
    assert_non_null(lazy);
    assert_int_equal(i18n_count(full), i18n_count(lazy));
    /* the language list needs no entry read */
    for (int k = 0; k < i18n_count(lazy); k++) {
        assert_memory_equal(i18n_lang(full, k), i18n_lang(lazy, k), sizeof(LangInfo));
        assert_int_equal(i18n_nplurals(full, k), i18n_nplurals(lazy, k));
        assert_int_equal(lazy->langs[k].n, 0);
        assert_non_null(lazy->langs[k].path);
    }
    int translated = 0;
    for (int k = 0; k < i18n_count(full); k++) {
        Same s = { full, lazy, k, 0 };
        i18n_each(full, k, same_entry, &s);
        Same t = { lazy, full, k, 0 };
        i18n_each(lazy, k, same_entry, &t);
        assert_int_equal(s.count, t.count);
        assert_null(lazy->langs[k].path);
        if (k > 0 && s.count > 0)
            translated++;
    }
    assert_true(translated > 0);
    i18n_close(full);
    i18n_close(lazy);
}

/* Every language of the kiosk and of the test files, looked up first
 * without i18n_each (a plain lookup reads the entries). */
static void test_every_language_same(void **state)
{
    (void)state;
    check_same("locales");
    check_same(DATA "/good");
    char err[512];
    I18n *lazy = i18n_open_lazy("locales", "en-GB", err, sizeof err);
    I18n *full = i18n_open("locales", "en-GB", err, sizeof err);
    int ta = i18n_find(lazy, "ta");
    assert_true(ta > 0);
    assert_string_equal(i18n_get(lazy, ta, NULL, "Check in"), i18n_get(full, ta, NULL, "Check in"));
    assert_string_not_equal(i18n_get(lazy, ta, NULL, "Check in"), "Check in");
    assert_int_equal(i18n_load_all(lazy, err, sizeof err), K_OK);
    assert_string_equal(err, "");
    i18n_close(lazy);
    i18n_close(full);
}

/* Refused with the same line as i18n_open: at open when the problem is in
 * the header, else by i18n_load_all. */
static void expect_same_refusal(const char *dir, bool in_header)
{
    char want[512] = "", got[512] = "";
    I18n *full = i18n_open(dir, NULL, want, sizeof want);
    assert_null(full);
    assert_true(want[0] != '\0');
    I18n *lazy = i18n_open_lazy(dir, NULL, got, sizeof got);
    if (in_header) {
        assert_null(lazy);
        assert_string_equal(got, want);
        return;
    }
    assert_non_null(lazy);
    assert_int_equal(i18n_load_all(lazy, got, sizeof got), K_ERR_INVALID);
    assert_string_equal(got, want);
    /* the broken language keeps its header and shows English */
    assert_int_equal(i18n_count(lazy), 1);
    assert_string_equal(i18n_get(lazy, 0, NULL, "Check in"), "Check in");
    assert_int_equal(i18n_load_all(lazy, got, sizeof got), K_OK);
    i18n_close(lazy);
}

static void test_broken_files_same(void **state)
{
    (void)state;
    expect_same_refusal(DATA "/no-plural", true);
    expect_same_refusal(DATA "/bad-plural", true);
    expect_same_refusal(DATA "/bad-utf8", false);
    expect_same_refusal(DATA "/unterminated", false);
    expect_same_refusal(DATA "/plural-count", false);
    expect_same_refusal(DATA "/duplicate", false);
    expect_same_refusal(DATA "/bad-escape", false);
}

static void copy_file(const char *from, const char *to, const char *append)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    if (append)
        fputs(append, out);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* A locales directory like the kiosk's with ta.po's entries broken (its
 * header still good). */
static void broken_locales(const Harness *h, char *dir, size_t cap)
{
    static const char *const tags[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    snprintf(dir, cap, "%s/locales", h->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
        char from[700], to[800];
        snprintf(from, sizeof from, "locales/%s.po", tags[k]);
        snprintf(to, sizeof to, "%s/%s.po", dir, tags[k]);
        copy_file(from, to, k == 1 ? "\nmsgid \"unterminated\nmsgstr \"\"\n" : NULL);
    }
}

/* --check reads every file whole: a broken entry fails it, naming the file
 * and line, as before the kiosk read entries on first use. */
static void test_check_reads_everything(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char dir[700], args[1000], want[512];
    static char out[16384];
    broken_locales(&h, dir, sizeof dir);
    I18n *full = i18n_open(dir, "en-GB", want, sizeof want);
    assert_null(full);
    assert_non_null(strstr(want, "ta.po:"));
    snprintf(args, sizeof args, "--check --set paths.locales_dir=%s", dir);
    assert_int_equal(journey_kiosk(&h, args, out, sizeof out), 1);
    assert_non_null(strstr(out, want));
    /* and the good files pass it */
    assert_int_equal(journey_kiosk(&h, "--check", out, sizeof out), 0);
    harness_close(&h);
}

/* A file broken after start: its language shows English, once logged. */
static void test_broken_after_open(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char dir[700], path[800], err[512];
    snprintf(dir, sizeof dir, "%s/locales", h.dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(path, sizeof path, "%s/en-GB.po", dir);
    copy_file("locales/en-GB.po", path, NULL);
    snprintf(path, sizeof path, "%s/ta.po", dir);
    copy_file("locales/ta.po", path, NULL);
    I18n *lazy = i18n_open_lazy(dir, "en-GB", err, sizeof err);
    assert_non_null(lazy);
    copy_file("locales/ta.po", path, "\nmsgid \"unterminated\nmsgstr \"\"\n");
    int ta = i18n_find(lazy, "ta");
    assert_true(ta > 0);
    assert_string_equal(i18n_get(lazy, ta, NULL, "Check in"), "Check in");
    assert_string_equal(i18n_lang(lazy, ta)->tag, "ta");
    assert_int_equal(i18n_nplurals(lazy, ta), 2);
    i18n_close(lazy);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_same),
        cmocka_unit_test(test_broken_files_same),
        cmocka_unit_test(test_check_reads_everything),
        cmocka_unit_test(test_broken_after_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
