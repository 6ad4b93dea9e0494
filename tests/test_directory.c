/* test_directory.c — the directory database on its own: a small directory
 * written with the writer, then listed by need (this hub's services
 * first), searched by partial words, without diacritics, in Tamil, Urdu
 * and Cyrillic, names in the visitor's language or English with
 * translated=false, and what the import kept (version, left-out
 * services). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/directory.h"

typedef struct {
    char dir[64];
    char db[96];
    Directory *d;
} Fixture;

static const char *const food_terms[] = { "food" };
static const char *const money_picks[] = { "debt-advice", "no-such-service" };

/* Services: two gathered by the "food" term (one at this hub), one picked
 * by id for "money", and one with no need. */
static void write_small(const char *path)
{
    char err[300];
    DirWriter *w = directory_writer_open(path, err, sizeof err);
    assert_non_null(w);
    assert_int_equal(directory_writer_meta(w, "version", "2026-12-01.1"), K_OK);
    assert_int_equal(directory_writer_meta(w, "hub_id", "central-sutton"), K_OK);
    DirServiceIn s[] = {
        { "food-bank", "Sutton Food Bank", "Sutton Churches", "Emergency food parcels.",
          false, food_terms, 1, "{}" },
        { "hub-pantry", "Community pantry", "", "Low-cost groceries every Tuesday.", true,
          food_terms, 1, "{}" },
        { "debt-advice", "Debt advice", "Citizens Advice Sutton",
          "Free help with debts, bills and benefits.", false, NULL, 0, "{}" },
        { "breastfeeding", "Breastfeeding support", "", "Help with feeding your baby.", true,
          NULL, 0, "{}" },
    };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        assert_int_equal(directory_writer_service(w, &s[i]), K_OK);
    assert_int_equal(directory_writer_service_text(w, "food-bank", "pl", "Bank żywności",
                                                   "Paczki żywnościowe w nagłych wypadkach."),
                     K_OK);
    assert_int_equal(directory_writer_service_text(w, "food-bank", "ta", "உணவு வங்கி", NULL),
                     K_OK);
    assert_int_equal(directory_writer_service_text(w, "food-bank", "ur", "فوڈ بینک", NULL),
                     K_OK);
    assert_int_equal(directory_writer_service_text(w, "food-bank", "uk", "Продовольчий банк",
                                                   NULL), K_OK);
    assert_int_equal(directory_writer_service_text(w, "debt-advice", "ro",
                                                   "Consiliere pentru datorii și facturi",
                                                   NULL), K_OK);
    assert_int_equal(directory_writer_service_text(w, "nobody", "pl", "x", NULL),
                     K_ERR_INVALID);
    ContentNeed food = { "food", "I need food", "restaurant", "money", false, NULL, 0,
                         food_terms, 1 };
    ContentNeed money = { "money", "I am struggling financially", "savings", "money", false,
                          money_picks, 2, NULL, 0 };
    assert_int_equal(directory_writer_need(w, &food), K_OK);
    assert_int_equal(directory_writer_need(w, &money), K_OK);
    assert_int_equal(directory_writer_need_text(w, "money", "pl",
                                                "Mam trudności finansowe"), K_OK);
    assert_int_equal(directory_writer_left_out(w, "services[7]", "name: is missing"), K_OK);
    assert_int_equal(directory_writer_finish(w, err, sizeof err), K_OK);
}

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-dir-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/content.db", f->dir);
    write_small(f->db);
    char err[300];
    if (directory_open(f->db, &f->d, err, sizeof err) != K_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    directory_close(f->d);
    unlink(f->db);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void test_count_and_meta(void **state)
{
    Fixture *f = *state;
    char v[64];
    assert_int_equal(directory_service_count(f->d), 4);
    assert_int_equal(directory_meta(f->d, "version", v, sizeof v), K_OK);
    assert_string_equal(v, "2026-12-01.1");
    assert_int_equal(directory_meta(f->d, "nothing", v, sizeof v), K_ERR_NOT_FOUND);
    char path[64], problem[128];
    assert_int_equal(directory_left_out_count(f->d), 1);
    assert_int_equal(directory_left_out(f->d, 0, path, sizeof path, problem, sizeof problem),
                     K_OK);
    assert_string_equal(path, "services[7]");
    assert_string_equal(problem, "name: is missing");
    assert_int_equal(directory_left_out(f->d, 1, path, sizeof path, problem, sizeof problem),
                     K_ERR_NOT_FOUND);
}

static void test_missing_file_is_empty(void **state)
{
    (void)state;
    Directory *d = NULL;
    char err[200];
    assert_int_equal(directory_open("/tmp/kiosk-dir-none/content.db", &d, err, sizeof err),
                     K_OK);
    DirItem it[4];
    assert_int_equal(directory_service_count(d), 0);
    assert_int_equal(directory_list_need(d, "food", "en", it, 4), 0);
    assert_int_equal(directory_search(d, "food", "en", it, 4), 0);
    directory_close(d);
    directory_close(NULL);
    assert_int_equal(directory_service_count(NULL), 0);
}

static void test_list_need_hub_first(void **state)
{
    Fixture *f = *state;
    DirItem it[8];
    int n = directory_list_need(f->d, "food", "en-GB", it, 8);
    assert_int_equal(n, 2);
    assert_string_equal(it[0].id, "hub-pantry");
    assert_true(it[0].at_hub);
    assert_string_equal(it[1].id, "food-bank");
    assert_false(it[1].at_hub);
    assert_true(it[1].translated);
    /* gathered by id; an id with no service is skipped */
    n = directory_list_need(f->d, "money", "en", it, 8);
    assert_int_equal(n, 1);
    assert_string_equal(it[0].id, "debt-advice");
    assert_int_equal(directory_list_need(f->d, "nothing", "en", it, 8), 0);
    assert_int_equal(directory_list_need(f->d, "food", "en", it, 1), 1);
}

static void test_list_need_translated(void **state)
{
    Fixture *f = *state;
    DirItem it[8];
    int n = directory_list_need(f->d, "food", "pl-PL", it, 8);
    assert_int_equal(n, 2);
    assert_string_equal(it[0].name, "Community pantry"); /* not translated: English */
    assert_false(it[0].translated);
    assert_string_equal(it[1].name, "Bank żywności");
    assert_true(it[1].translated);
    n = directory_list_need(f->d, "food", "ta", it, 8);
    assert_string_equal(it[1].name, "உணவு வங்கி");
}

/* The first result's id for query in lang; "" for none. */
static const char *first(Fixture *f, const char *q, const char *lang)
{
    static DirItem it[8];
    int n = directory_search(f->d, q, lang, it, 8);
    assert_true(n >= 0);
    return n > 0 ? it[0].id : "";
}

static void test_search_partial_words(void **state)
{
    Fixture *f = *state;
    assert_string_equal(first(f, "deb", "en"), "debt-advice");
    assert_string_equal(first(f, "Debt adv", "en"), "debt-advice");
    assert_string_equal(first(f, "benef", "en"), "debt-advice"); /* in the description */
    assert_string_equal(first(f, "feeding", "en"), "breastfeeding");
    /* inside a word: the trigram index */
    assert_string_equal(first(f, "stfeed", "en"), "breastfeeding");
    assert_string_equal(first(f, "antry", "en"), "hub-pantry");
    assert_string_equal(first(f, "zzzz", "en"), "");
    assert_string_equal(first(f, "  ", "en"), "");
    assert_string_equal(first(f, "\"*(", "en"), "");
    assert_string_equal(first(f, "", "en"), "");
}

static void test_search_needs_first(void **state)
{
    Fixture *f = *state;
    DirItem it[8];
    int n = directory_search(f->d, "food", "en", it, 8);
    assert_int_equal(n, 2);
    assert_true(it[0].is_need);
    assert_string_equal(it[0].id, "food");
    assert_false(it[1].is_need);
    assert_string_equal(it[1].id, "food-bank");
    n = directory_search(f->d, "trudn", "pl", it, 8);
    assert_int_equal(n, 1);
    assert_true(it[0].is_need);
    assert_string_equal(it[0].name, "Mam trudności finansowe");
    assert_true(it[0].translated);
}

static void test_search_diacritics(void **state)
{
    Fixture *f = *state;
    assert_string_equal(first(f, "zywnosci", "pl"), "food-bank");
    assert_string_equal(first(f, "ŻYWNOŚCI", "pl"), "food-bank");
    assert_string_equal(first(f, "nagl", "pl"), "food-bank"); /* ł typed as l */
    assert_string_equal(first(f, "datorii si fact", "ro"), "debt-advice");
    DirItem it[4];
    assert_int_equal(directory_search(f->d, "zywn", "pl", it, 4), 1);
    assert_string_equal(it[0].name, "Bank żywności");
    assert_true(it[0].translated);
}

static void test_search_scripts(void **state)
{
    Fixture *f = *state;
    assert_string_equal(first(f, "உண", "ta"), "food-bank");
    assert_string_equal(first(f, "வங்கி", "ta"), "food-bank");
    assert_string_equal(first(f, "بینک", "ur"), "food-bank");
    /* the Arabic forms of yeh and kaf find the Urdu ones */
    assert_string_equal(first(f, "بينك", "ur"), "food-bank");
    assert_string_equal(first(f, "продов", "uk"), "food-bank");
    assert_string_equal(first(f, "БАНК", "uk"), "food-bank");
}

static void test_fold(void **state)
{
    (void)state;
    char out[64];
    directory_fold("Żółć ĄĘ", out, sizeof out);
    assert_string_equal(out, "zolc ae");
    directory_fold("Ukraïна", out, sizeof out);
    assert_string_equal(out, "ukraiна");
    assert_int_equal(directory_fold("", out, sizeof out), 0);
    assert_int_equal(directory_fold(NULL, out, sizeof out), 0);
    /* cut at a character boundary */
    directory_fold("żżżż", out, 4);
    assert_string_equal(out, "zzz");
    directory_fold("உணவு", out, 5);
    assert_int_equal(strlen(out), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_count_and_meta, setup, teardown),
        cmocka_unit_test(test_missing_file_is_empty),
        cmocka_unit_test_setup_teardown(test_list_need_hub_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_need_translated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_partial_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_needs_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_diacritics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_scripts, setup, teardown),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
