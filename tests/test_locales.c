/* test_locales.c — every visitor-facing string in every language: present,
 * not empty, not fuzzy, with the English placeholders, and drawable with the
 * font the kiosk picks for it. Uses gettext's own tools (xgettext, msgcmp,
 * msgfmt) for what they check best. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/config.h"
#include "kiosk/i18n.h"
#include "kiosk/text.h"

static Config cfg;
static I18n *langs;
static TextEngine *te;
static SDL_Surface *surface;
static SDL_Renderer *renderer;

static int setup(void **state)
{
    (void)state;
    char err[512];
    config_defaults(&cfg);
    langs = i18n_open(cfg.locales_dir, "en-GB", err, sizeof err);
    if (!langs) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return -1;
    surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = SDL_CreateSoftwareRenderer(surface);
    char conf[700];
    snprintf(conf, sizeof conf, "%s/fonts.conf", cfg.assets_dir);
    te = text_open(conf, cfg.font_dir, renderer, 1 << 20, err, sizeof err);
    return te ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    text_close(te);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    TTF_Quit();
    SDL_Quit();
    i18n_close(langs);
    return 0;
}

static void test_seven_languages(void **state)
{
    (void)state;
    const char *want[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    assert_int_equal(i18n_count(langs), 7);
    for (int k = 0; k < 7; k++) {
        int i = i18n_find(langs, want[k]);
        assert_true(i >= 0);
        const LangInfo *li = i18n_lang(langs, i);
        assert_true(li->native_name[0]);
        assert_true(li->english_name[0]);
        assert_int_equal(li->rtl, !strcmp(want[k], "ur"));
        char path[700];
        snprintf(path, sizeof path, "%s/keyboards/%s.kbd", cfg.assets_dir, li->keyboard);
        assert_int_equal(access(path, R_OK), 0);
    }
}

/* Every message in the code today (a fresh xgettext run, not the committed
 * template) is translated in every language, and msgfmt finds no fault. */
static void test_gettext_tools_agree(void **state)
{
    (void)state;
    char dir[] = "/tmp/kiosk-locales-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=C_:1c,2 "
             "--keyword=NC_:1c,2 --keyword=P_:1,2 --no-location -o %s/fresh.pot kiosk/*.c "
             "kiosk/screens/*.c",
             dir);
    assert_int_equal(system(cmd), 0);
    for (int i = 0; i < i18n_count(langs); i++) {
        const LangInfo *li = i18n_lang(langs, i);
        if (!strcmp(li->tag, "en-GB"))
            continue;
        snprintf(cmd, sizeof cmd, "msgcmp %s/%s.po %s/fresh.pot", cfg.locales_dir, li->tag, dir);
        if (system(cmd) != 0)
            fail_msg("%s.po lacks messages that are in the code (msgcmp above)", li->tag);
        snprintf(cmd, sizeof cmd,
                 "msgfmt --check --statistics -o /dev/null %s/%s.po 2>&1 | "
                 "grep -Eq 'fuzzy|untranslated|warning|error' && exit 1 || exit 0",
                 cfg.locales_dir, li->tag);
        if (system(cmd) != 0)
            fail_msg("%s.po: msgfmt reports fuzzy, untranslated or faulty entries", li->tag);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

typedef struct {
    const LangInfo *li;
    int nplurals;
    int entries, problems;
} Check;

static void check_entry(void *ud, const char *ctx, const char *msgid, const char *plural,
                        const char *const *msgstr, int nforms, bool fuzzy)
{
    Check *c = ud;
    c->entries++;
    if (fuzzy) {
        fprintf(stderr, "%s: fuzzy: %s\n", c->li->tag, msgid);
        c->problems++;
    }
    if (plural && nforms != c->nplurals) {
        fprintf(stderr, "%s: %d forms, want %d: %s\n", c->li->tag, nforms, c->nplurals, msgid);
        c->problems++;
    }
    char want[16][32], got[16][32];
    int nw = i18n_placeholders(msgid, want, 16);
    for (int f = 0; f < nforms; f++) {
        if (!msgstr[f] || !msgstr[f][0]) {
            fprintf(stderr, "%s: empty: %s%s%s\n", c->li->tag, ctx ? ctx : "", ctx ? " | " : "",
                    msgid);
            c->problems++;
            continue;
        }
        int ng = i18n_placeholders(msgstr[f], got, 16);
        bool same = ng == nw;
        for (int a = 0; same && a < nw; a++) {
            bool found = false;
            for (int b = 0; b < ng; b++)
                found |= !strcmp(want[a], got[b]);
            same = found;
        }
        /* a singular form may leave out {count} when the word says it */
        if (!same && !(plural && f == 0 && ng == nw - 1)) {
            fprintf(stderr, "%s: placeholders differ: \"%s\" -> \"%s\"\n", c->li->tag, msgid,
                    msgstr[f]);
            c->problems++;
        }
        if (strstr(msgstr[f], "%s") || strstr(msgstr[f], "%d")) {
            fprintf(stderr, "%s: printf placeholder in \"%s\"\n", c->li->tag, msgstr[f]);
            c->problems++;
        }
        /* placeholders stand for words of the language: check the text
         * as shown, with the language's own name in their place */
        char shown[2048];
        const char *vals[16];
        const char *keys[16];
        for (int a = 0; a < ng; a++) {
            keys[a] = got[a];
            vals[a] = c->li->native_name;
        }
        i18n_format(shown, sizeof shown, msgstr[f], keys, vals, ng);
        unsigned missing = 0;
        if (!text_covers(te, shown, c->li->tag, &missing)) {
            fprintf(stderr, "%s: U+%04X has no glyph in the chosen font: \"%s\"\n", c->li->tag,
                    missing, msgstr[f]);
            c->problems++;
        }
    }
}

static void test_entries_complete_and_drawable(void **state)
{
    (void)state;
    int total = 0;
    for (int i = 0; i < i18n_count(langs); i++) {
        const LangInfo *li = i18n_lang(langs, i);
        if (!strcmp(li->tag, "en-GB"))
            continue;
        Check c = { .li = li, .nplurals = i18n_nplurals(langs, i) };
        i18n_each(langs, i, check_entry, &c);
        assert_true(c.entries > 80);
        total += c.problems;
        /* names of the languages themselves, shown on the chooser */
        unsigned missing;
        assert_true(text_covers(te, li->native_name, li->tag, &missing));
    }
    assert_int_equal(total, 0);
}

/* Plurals follow the language: Polish 1 / 2-4 / 5+, and so on. */
static void test_plurals_follow_the_language(void **state)
{
    (void)state;
    const char *one = "{count} adult", *many = "{count} adults";
    int pl = i18n_find(langs, "pl"), uk = i18n_find(langs, "uk"), ro = i18n_find(langs, "ro");
    /* Polish: 1 osoba dorosła, 2-4 osoby dorosłe, 5-21 osób dorosłych, 22 osoby */
    assert_string_equal(i18n_nget(langs, pl, NULL, one, many, 1), "{count} osoba dorosła");
    assert_string_equal(i18n_nget(langs, pl, NULL, one, many, 3), "{count} osoby dorosłe");
    assert_string_equal(i18n_nget(langs, pl, NULL, one, many, 12), "{count} osób dorosłych");
    assert_string_equal(i18n_nget(langs, pl, NULL, one, many, 22), "{count} osoby dorosłe");
    /* Ukrainian: 21 takes the singular form */
    assert_string_equal(i18n_nget(langs, uk, NULL, one, many, 21),
                        i18n_nget(langs, uk, NULL, one, many, 1));
    /* Romanian: 20 and more take "de" */
    assert_string_equal(i18n_nget(langs, ro, NULL, one, many, 20), "{count} de adulți");
    assert_string_equal(i18n_nget(langs, ro, NULL, one, many, 19), "{count} adulți");
}

/* Dates read as each language writes them. */
static void test_dates(void **state)
{
    (void)state;
    struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_wday = 1 };
    char out[128];
    i18n_date(langs, i18n_find(langs, "en-GB"), &tm, out, sizeof out);
    assert_string_equal(out, "Monday 23 November");
    i18n_date(langs, i18n_find(langs, "pl"), &tm, out, sizeof out);
    assert_non_null(strstr(out, "listopada"));
    i18n_date(langs, i18n_find(langs, "uk"), &tm, out, sizeof out);
    assert_non_null(strstr(out, "листопада"));
    i18n_date(langs, i18n_find(langs, "ro"), &tm, out, sizeof out);
    assert_non_null(strstr(out, "noiembrie"));
    /* Tamil and Urdu show Western digits, as their files say */
    i18n_date(langs, i18n_find(langs, "ur"), &tm, out, sizeof out);
    assert_non_null(strstr(out, "23"));
    i18n_date(langs, i18n_find(langs, "ta"), &tm, out, sizeof out);
    assert_non_null(strstr(out, "23"));
}

/* The content pack's own translations are drawable too. */
static void test_content_translations_drawable(void **state)
{
    (void)state;
    json_t *pack = json_load_file(cfg.content_pack, 0, NULL);
    assert_non_null(pack);
    json_t *tr = json_object_get(pack, "translations"), *objs, *fields, *v;
    const char *lang, *id, *field;
    int bad = 0, n = 0;
    json_object_foreach(tr, lang, objs) {
        json_object_foreach(objs, id, fields) {
            json_object_foreach(fields, field, v) {
                if (!json_is_string(v))
                    continue;
                unsigned missing = 0;
                n++;
                if (!text_covers(te, json_string_value(v), lang, &missing)) {
                    fprintf(stderr, "%s %s.%s: U+%04X not drawable\n", lang, id, field, missing);
                    bad++;
                }
            }
        }
    }
    json_decref(pack);
    assert_true(n > 100);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seven_languages),
        cmocka_unit_test(test_gettext_tools_agree),
        cmocka_unit_test(test_entries_complete_and_drawable),
        cmocka_unit_test(test_plurals_follow_the_language),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_content_translations_drawable),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
