/* test_content_directory.c — the support directory of a content pack:
 * need_groups, needs and services (content_directory.c). Packs broken in
 * each way that refuses them whole, one bad service left out with its JSON
 * path while the rest load, unknown fields ignored, the public Open
 * Referral examples loaded unchanged, and the demo pack's directory. Run
 * from the repository root. */
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

#include "kiosk/content.h"
#include "kiosk/log.h"
#include "kiosk/service.h"

#define PACK_START "{\"format\":\"family-hub-content/1\",\"version\":\"t\"," \
                   "\"hub\":{\"id\":\"h\",\"name\":\"Hub\",\"location\":{\"id\":\"hub-loc\"}}," \
                   "\"sessions\":[]"
#define GROUPS ",\"need_groups\":[{\"id\":\"money\",\"name\":\"Money\",\"icon\":\"savings\"}]"
#define SVC(id) "{\"id\":\"" id "\",\"name\":\"Service " id "\"}"

static ContentPack *load_text(const char *json, char *err, size_t errlen)
{
    return content_load_buffer(json, strlen(json), "inline.json", err, errlen);
}

static void test_directory_loads(void **state)
{
    (void)state;
    char err[512];
    ContentPack *p = load_text(
        PACK_START GROUPS
        ",\"needs\":[{\"id\":\"money-worries\",\"name\":\"I am struggling financially\","
        "\"icon\":\"savings\",\"group\":\"money\",\"service_ids\":[\"a\",\"gone\"],"
        "\"taxonomy_ids\":[\"t-1\"],\"x-note\":\"ignored\",\"colour\":\"red\"},"
        "{\"id\":\"abuse\",\"name\":\"My child has experienced abuse\",\"group\":\"money\","
        "\"sensitive\":true},{\"id\":\"loose\",\"name\":\"Something else\"}]"
        ",\"services\":[" SVC("a") ",{\"id\":\"b\",\"description\":\"no name\"},"
        "{\"id\":\"c\",\"name\":\"C\",\"url\":\"https://example.org/c\",\"unknown\":[1,{}],"
        "\"service_at_locations\":[{\"location\":{\"id\":\"hub-loc\"}}]},"
        "{\"id\":\"d\",\"name\":\"D\",\"email\":[]}]"
        ",\"translations\":{\"pl\":{\"money\":{\"name\":\"Pieni\xC4\x85" "dze\"},"
        "\"c\":{\"description\":\"Akapit pierwszy.\\n\\nAkapit drugi.\"}},"
        "\"ta\":{\"money-worries\":{\"name\":\"பணம்\"}}}}",
        err, sizeof err);
    if (!p)
        print_error("%s\n", err);
    assert_non_null(p);
    assert_int_equal(content_need_group_count(p), 1);
    assert_string_equal(content_need_group(p, 0)->icon, "savings");
    assert_null(content_need_group(p, 1));
    assert_int_equal(content_need_count(p), 3);
    const ContentNeed *n = content_need_by_id(p, "money-worries");
    assert_non_null(n);
    assert_string_equal(n->group, "money");
    assert_false(n->sensitive);
    assert_int_equal(n->n_service_ids, 2);
    assert_string_equal(n->service_ids[1], "gone");   /* a service not in the pack is fine */
    assert_int_equal(n->n_taxonomy_ids, 1);
    assert_true(content_need_by_id(p, "abuse")->sensitive);
    assert_string_equal(content_need_by_id(p, "abuse")->icon, "");
    assert_string_equal(content_need_by_id(p, "loose")->group, "");
    assert_null(content_need_by_id(p, "nope"));
    assert_ptr_equal(content_need_group_by_id(p, "money"), content_need_group(p, 0));

    /* b (no name) and d (email not a string) are left out, the rest load */
    assert_int_equal(content_service_count(p), 2);
    assert_string_equal(content_service(p, 0)->id, "a");
    assert_string_equal(content_service(p, 1)->id, "c");
    assert_null(content_service(p, 2));
    assert_int_equal(content_left_out_count(p), 2);
    assert_string_equal(content_left_out(p, 0), "services[1].name: is missing");
    assert_string_equal(content_left_out(p, 1),
                        "services[3].email: expected a string, got an array");
    assert_null(content_left_out(p, 2));
    const Service *c = content_service_by_id(p, "c");
    assert_non_null(c);
    assert_string_equal(c->url, "https://example.org/c");
    assert_string_equal(c->location_ids[0], content_hub_location_id(p));
    assert_null(content_service_by_id(p, "b"));

    /* translations of needs, groups and services; every language listed */
    assert_string_equal(content_text(p, "pl", "money", "name", "Money"), "Pieniądze");
    assert_string_equal(content_text(p, "pl", "c", "description", c->description),
                        "Akapit pierwszy.\n\nAkapit drugi.");
    assert_ptr_equal(content_text(p, "ta", "c", "description", c->description), c->description);
    assert_int_equal(content_language_count(p), 2);
    assert_string_equal(content_language(p, 0), "pl");
    assert_string_equal(content_language(p, 1), "ta");
    assert_null(content_language(p, 2));
    content_free(p);

    /* a pack without a directory */
    p = load_text(PACK_START "}", err, sizeof err);
    assert_non_null(p);
    assert_int_equal(content_need_count(p), 0);
    assert_int_equal(content_service_count(p), 0);
    assert_int_equal(content_left_out_count(p), 0);
    assert_int_equal(content_language_count(p), 0);
    content_free(p);
    assert_int_equal(content_need_count(NULL), 0);
    assert_null(content_service(NULL, 0));
    assert_null(content_need_by_id(NULL, "x"));
}

static void test_broken_packs_refused(void **state)
{
    (void)state;
    static const struct { const char *json, *want; } cases[] = {
        { "{\"format\":", "invalid JSON at line 1" },
        { "{\"format\":\"family-hub-content/2\",\"version\":\"t\",\"hub\":{\"id\":\"h\","
          "\"name\":\"H\"},\"sessions\":[],\"services\":[" SVC("a") "]}",
          "format: expected \"family-hub-content/1\"" },
        { "{\"format\":\"family-hub-content/1\",\"version\":\"t\",\"sessions\":[],"
          "\"services\":[" SVC("a") "]}", "hub: missing" },
        { PACK_START ",\"services\":[" SVC("a") "," SVC("b") "," SVC("a") "]}",
          "services[2].id: \"a\" is already used by services[0]" },
        { PACK_START ",\"services\":[{\"id\":\"a\"},{\"id\":\"a\",\"name\":\"A\"}]}",
          "services[1].id: \"a\" is already used by services[0]" },
        { PACK_START ",\"services\":[{\"id\":\"h\",\"name\":\"Hub again\"}]}",
          "services[0]: id \"h\" is already the hub's id" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"N\"},{\"id\":\"n\","
          "\"name\":\"M\"}]}", "needs[1].id: \"n\" is already used by needs[0]" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"money\",\"name\":\"N\"}]}",
          "needs[0].id: \"money\" is already used by need_groups[0]" },
        { PACK_START ",\"services\":[" SVC("a") "],\"needs\":[{\"id\":\"a\",\"name\":\"N\"}]}",
          "needs[0].id: \"a\" is already used by a service" },
        { PACK_START GROUPS ",\"need_groups\":[]}", "duplicate" },
        { PACK_START ",\"needs\":{}}", "needs: expected an array, got an object" },
        { PACK_START ",\"services\":{}}", "services: expected an array, got an object" },
        { PACK_START ",\"need_groups\":[{\"id\":\"g\"}]}", "need_groups[0].name: missing" },
        { PACK_START ",\"need_groups\":[\"g\"]}", "need_groups[0]: expected an object" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"N\",\"group\":\"food\"}]}",
          "needs[0].group: \"food\" is not the id of any need_groups entry" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"N\",\"icon\":\"Savings!\"}]}",
          "needs[0].icon: expected a Material Icons name" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"N\",\"sensitive\":\"yes\"}]}",
          "needs[0].sensitive: expected a boolean, got a string" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"N\",\"service_ids\":[3]}]}",
          "needs[0].service_ids[0]: expected a string, got an integer" },
        { PACK_START GROUPS ",\"needs\":[{\"id\":\"n\",\"name\":\"\"}]}",
          "needs[0].name: must not be empty" },
        { PACK_START ",\"translations\":{\"pl\":{\"a\":{\"description\":\"x\\u0007\"}}}}",
          "translations.pl.a.description: contains a control" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char err[512] = "";
        ContentPack *p = load_text(cases[i].json, err, sizeof err);
        if (p || !strstr(err, cases[i].want) || strncmp(err, "inline.json: ", 13) != 0) {
            print_error("case %zu: %s\n  wanted: %s\n", i, p ? "(accepted)" : err, cases[i].want);
            content_free(p);
            fail();
        }
    }
}

/* A pack built around one service object read from a file, unchanged. */
static ContentPack *pack_with_example(const char *path, char *err, size_t errlen)
{
    json_t *svc = json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
    assert_non_null(svc);
    json_t *pack = json_loads(PACK_START "}", 0, NULL);
    assert_non_null(pack);
    json_object_set_new(pack, "services", json_pack("[o]", svc));
    char *text = json_dumps(pack, 0);
    json_decref(pack);
    assert_non_null(text);
    ContentPack *p = load_text(text, err, errlen);
    free(text);
    return p;
}

static void test_public_examples_in_a_pack(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/data/oruk/uk-profile_service_full.json",
        "tests/data/oruk/hsds-3.0_service_full.json",
    };
    for (size_t i = 0; i < 2; i++) {
        char err[512];
        ContentPack *p = pack_with_example(files[i], err, sizeof err);
        if (!p)
            print_error("%s: %s\n", files[i], err);
        assert_non_null(p);
        assert_int_equal(content_service_count(p), 1);
        assert_int_equal(content_left_out_count(p), 0);
        const Service *s = content_service_by_id(p, "ac148810-d857-441c-9679-408f346de14b");
        assert_non_null(s);
        assert_string_equal(s->name, "Community Counselling");
        assert_non_null(strstr(s->schedule_text, "10 am to 6pm weekdays"));
        content_free(p);
    }
}

#define DEMO_PACK "assets/content/demo-central-sutton.json"
#define ICON_CODEPOINTS \
    "/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss"

/* True when the icon font's list of names holds "name": (or the list is
 * not installed, when nothing can be said). */
static bool icon_exists(const char *list, const char *name)
{
    char key[80];
    if (!list)
        return true;
    snprintf(key, sizeof key, "\"%s\":", name);
    return strstr(list, key) != NULL;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void test_demo_directory(void **state)
{
    (void)state;
    static const char *const langs[] = { "ta", "pl", "ur", "bg", "ro", "uk" };
    static const char *const sensitive[] = {
        "domestic-abuse", "child-domestic-abuse", "child-abuse", "exploitation",
    };
    char err[512];
    ContentPack *p = content_load(DEMO_PACK, err, sizeof err);
    if (!p)
        print_error("%s\n", err);
    assert_non_null(p);
    assert_true(content_is_demo(p));
    assert_int_equal(content_left_out_count(p), 0);
    assert_int_equal(content_need_count(p), 28);
    size_t ngroups = content_need_group_count(p);
    assert_true(ngroups >= 5 && ngroups <= 7);
    const char *icons = read_all(ICON_CODEPOINTS);

    for (size_t g = 0; g < ngroups; g++) {
        const ContentNeedGroup *grp = content_need_group(p, g);
        assert_true(icon_exists(icons, grp->icon));
        for (size_t l = 0; l < 6; l++)
            assert_ptr_not_equal(content_text(p, langs[l], grp->id, "name", grp->name), grp->name);
    }
    size_t nsensitive = 0;
    for (size_t i = 0; i < content_need_count(p); i++) {
        const ContentNeed *n = content_need(p, i);
        if (!icon_exists(icons, n->icon))
            print_error("%s: no icon \"%s\" in the font\n", n->id, n->icon);
        assert_true(icon_exists(icons, n->icon));
        assert_non_null(content_need_group_by_id(p, n->group));   /* two taps away */
        assert_true(strlen(n->name) <= 64);                        /* a short label */
        assert_true(n->n_service_ids > 0);
        for (size_t k = 0; k < n->n_service_ids; k++) {
            if (!content_service_by_id(p, n->service_ids[k]))
                print_error("%s: no service %s\n", n->id, n->service_ids[k]);
            assert_non_null(content_service_by_id(p, n->service_ids[k]));
        }
        for (size_t l = 0; l < 6; l++)
            assert_ptr_not_equal(content_text(p, langs[l], n->id, "name", n->name), n->name);
        bool want = false;
        for (size_t k = 0; k < 4; k++)
            want = want || strcmp(n->id, sensitive[k]) == 0;
        assert_int_equal(n->sensitive, want);
        nsensitive += n->sensitive;
    }
    assert_int_equal(nsensitive, 4);
    assert_string_equal(content_need_by_id(p, "money-worries")->name,
                        "I am struggling financially");
    assert_string_equal(content_need_by_id(p, "new-baby")->name, "I have a new baby");

    /* clearly fictional contacts; some at this hub; some translated, not all;
     * several kinds of schedule */
    size_t at_hub = 0, translated = 0, untranslated = 0, words = 0, open_or_next = 0;
    struct tm now = { .tm_year = 126, .tm_mon = 11, .tm_mday = 1, .tm_wday = 2, .tm_hour = 10,
                      .tm_min = 30 };
    for (size_t i = 0; i < content_service_count(p); i++) {
        const Service *s = content_service(p, i);
        if (*s->phone && strncmp(s->phone, "020 7946 0", 10) != 0)
            print_error("%s: phone %s is not in the drama range\n", s->id, s->phone);
        assert_true(!*s->phone || strncmp(s->phone, "020 7946 0", 10) == 0);
        assert_true(!*s->email || strstr(s->email, "@example.org"));
        assert_true(strstr(s->url, "https://example.org/") == s->url ||
                    strcmp(s->url, "https://www.daddilife.com") == 0 ||
                    strcmp(s->url, "https://www.childcarechoices.gov.uk") == 0);
        for (size_t k = 0; k < s->n_location_ids; k++)
            at_hub += strcmp(s->location_ids[k], content_hub_location_id(p)) == 0;
        if (content_text(p, "ta", s->id, "name", s->name) != s->name)
            translated++;
        else
            untranslated++;
        words += *s->schedule_text != '\0';
        ServiceWhen w = service_when(s, &now);
        open_or_next += w.kind == SERVICE_WHEN_OPEN_NOW || w.kind == SERVICE_WHEN_NEXT;
    }
    assert_true(at_hub >= 10);
    assert_true(translated >= 10 && untranslated >= 10);
    assert_true(words >= 5 && open_or_next >= 40);
    /* a monthly one: the second Tuesday, 8 December 2026 */
    ServiceWhen w = service_when(content_service_by_id(p, "parent-carer-forum"), &now);
    assert_int_equal(w.kind, SERVICE_WHEN_NEXT);
    assert_int_equal(w.day_offset, 7);
    /* a newline in the feed's text became a paragraph */
    assert_non_null(strstr(content_service_by_id(p, "foodbank")->description, "crisis.\n\nAsk"));
    assert_int_equal(content_language_count(p), 6);
    content_free(p);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_directory_loads),
        cmocka_unit_test(test_broken_packs_refused),
        cmocka_unit_test(test_public_examples_in_a_pack),
        cmocka_unit_test(test_demo_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
