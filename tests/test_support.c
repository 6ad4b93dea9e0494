/* test_support.c — the find-support journeys, headless on the test pack:
 * two taps from Find support to a need, its services with this hub's and
 * today's first, a service page, and its take-home codes decoded from the
 * screenshot with zbarimg, in English, Urdu and Tamil, at the smallest,
 * the largest and a portrait screen; search as the visitor types, on the
 * keys and a hardware keyboard, in three scripts, never logged. (The
 * sensitive need's wipes are in test_support_wipe.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL_image.h>

#include "kiosk/i18n.h"
#include "kiosk/qr.h"
#include "support_fixture.h"

static const char BOROUGH[] = "https://www.suttoninformationhub.org.uk";

/* The widget's rectangle in a dump. */
static SDL_Rect widget_rect(json_t *d, const char *id)
{
    json_t *w = dump_widget(d, id);
    assert_non_null(w);
    json_t *r = json_object_get(w, "rect");
    return (SDL_Rect){ (int)json_integer_value(json_array_get(r, 0)),
                       (int)json_integer_value(json_array_get(r, 1)),
                       (int)json_integer_value(json_array_get(r, 2)),
                       (int)json_integer_value(json_array_get(r, 3)) };
}

/* Decodes the code shown by widget id in NAME.png (its square cut out
 * with a little of the page around it) with zbarimg; the text into out,
 * without zbarimg's closing newline. */
static void decode(Harness *h, const char *name, json_t *d, const char *id, char *out,
                   size_t cap)
{
    char png[700], cut[700], cmd[1600];
    snprintf(png, sizeof png, "%s/%s.png", h->out, name);
    snprintf(cut, sizeof cut, "%s/%s-%s.png", h->out, name, id);
    SDL_Surface *all = IMG_Load(png);
    assert_non_null(all);
    SDL_Rect r = widget_rect(d, id);
    int m = 6;
    SDL_Rect src = { r.x - m, r.y - m, r.w + 2 * m, r.h + 2 * m };
    SDL_Surface *part = SDL_CreateRGBSurfaceWithFormat(0, src.w, src.h, 32,
                                                       SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(part);
    SDL_FillRect(part, NULL, SDL_MapRGB(part->format, 255, 255, 255));
    SDL_BlitSurface(all, &src, part, NULL);
    assert_int_equal(IMG_SavePNG(part, cut), 0);
    SDL_FreeSurface(part);
    SDL_FreeSurface(all);
    snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw --nodbus '%s' 2>/dev/null", cut);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    if (n > 0 && out[n - 1] == '\n')
        out[n - 1] = '\0';
}

/* The value of a card's property (up to ':', unfolded), or "". */
static void card_value(const char *card, const char *prop, char *out, size_t cap)
{
    char want[64], flat[2048];
    size_t o = 0;
    for (const char *c = card; *c && o + 1 < sizeof flat; c++) {
        if (c[0] == '\r' && c[1] == '\n' && c[2] == ' ') {
            c += 2;
            continue;
        }
        flat[o++] = *c;
    }
    flat[o] = '\0';
    snprintf(want, sizeof want, "\n%s:", prop);
    const char *v = strstr(flat, want);
    out[0] = '\0';
    if (!v)
        return;
    v += strlen(want);
    snprintf(out, cap, "%.*s", (int)strcspn(v, "\r\n"), v);
}

static I18n *langs;

/* need -> service -> Take this home in lang at size: the contact card and
 * the web address decoded are what the screen meant, and what the pack
 * says in that language. */
static void journey(const char *lang, const char *size, const char *want_name)
{
    Harness h;
    support_open(&h);
    char script[1024];
    snprintf(script, sizeof script,
             "size %s\nlang %s\ntap home.support\ntap support.group.1\ntap support.need.2\n"
             "dump need\ntap support.service.0\ndump service\ntap support.take\n"
             "dump take\nsnap take\n",
             size, lang);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *need = harness_dump(&h, "need"), *svc = harness_dump(&h, "service"),
           *take = harness_dump(&h, "take");
    /* at this hub and open now: first */
    assert_string_equal(dump_text(need, "support.service.0"), want_name);
    assert_string_equal(dump_text(svc, "support.svc.title"), want_name);
    assert_string_equal(dump_screen(take), "support-take");
    static char card[4096], web[1024], v[1024];
    decode(&h, "take", take, "support.take.card", card, sizeof card);
    assert_string_equal(card, dump_text(take, "support.take.card"));
    /* where the two do not both fit at 0.8 mm a module, More shows the
     * web page's code on its own */
    json_t *webd = take;
    const char *webshot = "take";
    if (!dump_widget(take, "support.take.web")) {
        char more[1200];
        snprintf(more, sizeof more, "%stap support.take.more\ndump take2\nsnap take2\n", script);
        assert_int_equal(harness_run(&h, more), 0);
        webd = harness_dump(&h, "take2");
        webshot = "take2";
    }
    decode(&h, webshot, webd, "support.take.web", web, sizeof web);
    assert_string_equal(web, dump_text(webd, "support.take.web"));
    /* and what the pack says, in the visitor's language */
    assert_int_equal(strncmp(card, "BEGIN:VCARD\r\nVERSION:3.0\r\n", 26), 0);
    card_value(card, "FN", v, sizeof v);
    assert_string_equal(v, want_name);
    card_value(card, "TEL;TYPE=WORK,VOICE", v, sizeof v);
    assert_string_equal(v, "020 7946 0104");
    card_value(card, "EMAIL;TYPE=INTERNET", v, sizeof v);
    assert_string_equal(v, "feeding@sutton.example.org");
    card_value(card, "ADR;TYPE=WORK", v, sizeof v);
    assert_string_equal(v, ";;St Nicholas Way\\, Sutton;;;SM1 1EA;");
    card_value(card, "NOTE", v, sizeof v);
    const char *monday = i18n_get(langs, i18n_find(langs, lang), "weekday", "Monday");
    if (v[0])   /* the times go first when the card must be shorter */
        assert_non_null(strstr(v, monday));
    /* no web page of its own: the borough's directory, its address under it */
    assert_string_equal(web, BOROUGH);
    assert_string_equal(dump_text(webd, "support.take.web.under"), "suttoninformationhub.org.uk");
    /* the size of a module, for the record */
    double mm = json_real_value(json_object_get(take, "px_per_mm"));
    SDL_Rect r = widget_rect(take, "support.take.card");
    QrFit fit;
    assert_int_equal(qr_fit(card, r.w, &fit), K_OK);
    printf("%s %s: card %zu bytes, %d modules with the quiet zone, %d px (%.2f mm) a module; "
           "web %d px\n",
           size, lang, strlen(card), fit.modules, fit.px, fit.px / mm, widget_rect(webd,
           "support.take.web").w);
    /* 0.8 mm a module where the card allows (English everywhere); a
     * Tamil or Urdu card, two or three bytes a letter, at least 0.7 mm */
    assert_true(fit.px / mm >= (strcmp(lang, "en-GB") ? 0.7 : 0.8));
    QrFit wfit;
    assert_int_equal(qr_fit(web, widget_rect(webd, "support.take.web").w, &wfit), K_OK);
    assert_true(wfit.px / mm >= 0.8);
    if (webd != take)
        json_decref(webd);
    json_decref(need);
    json_decref(svc);
    json_decref(take);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "journey-%s-%s", size, lang);
    support_keep_shots(&h, prefix);
    harness_close(&h);
}

static void test_journey_english(void **state)
{
    (void)state;
    journey("en-GB", "800x480 7", "Infant feeding support");
    journey("en-GB", "1920x1080 15.6", "Infant feeding support");
    journey("en-GB", "720x1280 10.1", "Infant feeding support");
}

static void test_journey_urdu(void **state)
{
    (void)state;
    journey("ur", "800x480 7", "\xD8\xA8\xDA\x86\xDB\x92 \xDA\xA9\xD9\x88 \xD8\xAF\xD9\x88\xD8\xAF"
                               "\xDA\xBE \xD9\xBE\xD9\x84\xD8\xA7\xD9\x86\xDB\x92 \xD9\x85\xDB\x8C"
                               "\xDA\xBA \xD9\x85\xD8\xAF\xD8\xAF");
    journey("ur", "1280x800 10.1", "بچے کو دودھ پلانے میں مدد");
    journey("ur", "1920x1080 15.6", "بچے کو دودھ پلانے میں مدد");
    journey("ur", "720x1280 10.1", "بچے کو دودھ پلانے میں مدد");
}

static void test_journey_tamil(void **state)
{
    (void)state;
    journey("ta", "800x480 7", "குழந்தைக்கு உணவளிக்கும் உதவி");
    journey("ta", "720x1280 10.1", "குழந்தைக்கு உணவளிக்கும் உதவி");
    journey("ta", "1920x1080 15.6", "குழந்தைக்கு உணவளிக்கும் உதவி");
}

/* A service with a web page of its own: the second code is its address,
 * printed under it as it is typed. */
static void test_web_page_code(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    assert_int_equal(harness_run(&h, "tap home.support\ntap support.group.0\ntap support.need.0\n"
                                     "dump need\ntap support.service.1\ntap support.take\n"
                                     "dump take\nsnap take\n"),
                     0);
    json_t *need = harness_dump(&h, "need");
    /* this hub's first; the foodbank (today, elsewhere) before Citizens
     * Advice (tomorrow, elsewhere) */
    assert_string_equal(dump_text(need, "support.service.0"), "Welfare support drop-in");
    assert_string_equal(dump_text(need, "support.service.1"), "Sutton Foodbank");
    assert_string_equal(dump_text(need, "support.service.2"), "Sutton Citizens Advice");
    json_decref(need);
    json_t *take = harness_dump(&h, "take");
    const char *shot = "take";
    if (!dump_widget(take, "support.take.web")) {   /* one code at a time */
        json_decref(take);
        assert_int_equal(harness_run(&h, "tap home.support\ntap support.group.0\n"
                                         "tap support.need.0\ntap support.service.1\n"
                                         "tap support.take\ntap support.take.more\n"
                                         "dump take2\nsnap take2\n"),
                         0);
        take = harness_dump(&h, "take2");
        shot = "take2";
    }
    char web[512];
    decode(&h, shot, take, "support.take.web", web, sizeof web);
    assert_string_equal(web, "https://sutton.foodbank.example.org");
    assert_string_equal(dump_text(take, "support.take.web.under"), "sutton.foodbank.example.org");
    json_decref(take);
    harness_close(&h);
}

/* The demo pack's Ukrainian peer support in Tamil: a long name (over 100
 * bytes, twice on the card) with a web page of its own. Its card is made
 * (the web page is the second code's, not the card's) and decodes. */
static void test_demo_card_tamil(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "size 800x480 7\nlang ta\ntap home.support\n"
                                     "tap support.group.1\ntap support.need.3\n"
                                     "tap support.service.0\ntap support.take\n"
                                     "dump take\nsnap take\n"),
                     0);
    json_t *take = harness_dump(&h, "take");
    assert_non_null(dump_widget(take, "support.take.card"));
    static char card[4096];
    decode(&h, "take", take, "support.take.card", card, sizeof card);
    assert_string_equal(card, dump_text(take, "support.take.card"));
    assert_null(strstr(card, "\nURL:"));
    json_decref(take);
    harness_close(&h);
}

/* Runs script with stderr (the log) into a file; the log into log. */
static int run_logged(Harness *h, const char *script, char *log, size_t cap)
{
    char path[400];
    snprintf(path, sizeof path, "%s/log", h->dir);
    fflush(stderr);
    int keep = dup(2);
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    dup2(fileno(f), 2);
    int rc = harness_run(h, script);
    fflush(stderr);
    dup2(keep, 2);
    close(keep);
    rewind(f);
    size_t n = fread(log, 1, cap - 1, f);
    log[n] = '\0';
    fclose(f);
    return rc;
}

/* Results as the visitor types, on the on-screen keys and a hardware
 * keyboard; what was typed never in the log. */
static void test_search_as_you_type(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    static char log[65536];
    /* f, o, o on the keys (row 2 column 3, row 1 column 8), then d typed */
    assert_int_equal(run_logged(&h, "tap home.support\ntap support.search\ndump empty\n"
                                    "tap kbd.key.2.3\ntap kbd.key.1.8\ndump fo\n"
                                    "tap kbd.key.1.8\ndump foo\ntype d\ndump food\n"
                                    "key backspace\nkey backspace\nkey backspace\n"
                                    "key backspace\ntype Quixote\ndump none\n"
                                    "key backspace\ntap kbd.done\ndump done\n",
                                log, sizeof log),
                     0);
    json_t *d = harness_dump(&h, "empty");
    assert_string_equal(dump_screen(d), "support-search");
    assert_null(dump_widget(d, "support.result.0"));
    json_decref(d);
    d = harness_dump(&h, "foo");
    assert_string_equal(dump_text(d, "support.search.field"), "foo");
    assert_string_equal(dump_text(d, "support.result.0"), "Sutton Foodbank");
    json_decref(d);
    d = harness_dump(&h, "food");
    assert_string_equal(dump_text(d, "support.search.field"), "food");
    assert_string_equal(dump_text(d, "support.result.0"), "Sutton Foodbank");
    json_decref(d);
    d = harness_dump(&h, "none");
    assert_null(dump_widget(d, "support.result.0"));
    assert_non_null(dump_widget(d, "support.search.note"));
    json_decref(d);
    d = harness_dump(&h, "done");   /* the keys hide; the field and the way back stay */
    assert_null(dump_widget(d, "kbd.done"));
    assert_non_null(dump_widget(d, "support.search.field"));
    json_decref(d);
    assert_null(strstr(log, "Quixote"));
    assert_null(strstr(log, "Quixot"));
    assert_null(strstr(log, "food"));
    harness_close(&h);
}

/* Tamil and Urdu words find the translated services and needs. */
static void test_search_other_scripts(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    assert_int_equal(harness_run(&h, "lang ta\ntap home.support\ntap support.search\n"
                                     "type உணவு\ndump ta\ntap nav.exit\n"
                                     "size 1920x1080 15.6\nlang ur\ntap home.support\n"
                                     "tap support.search\n"
                                     "type بچہ\ndump ur\ntap kbd.done\ndump ur-done\n"
                                     "tap support.result.0\ndump ur-open\n"),
                     0);
    json_t *d = harness_dump(&h, "ta");
    assert_non_null(dump_text(d, "support.result.0"));
    assert_string_equal(dump_text(d, "support.result.0"), "சட்டன் உணவு வங்கி");
    json_decref(d);
    /* with the keys up, and after Done */
    d = harness_dump(&h, "ur");
    assert_non_null(dump_text(d, "support.result.0"));
    assert_string_equal(dump_text(d, "support.result.0"), "میرا نیا بچہ ہے");
    json_decref(d);
    d = harness_dump(&h, "ur-done");
    assert_non_null(dump_text(d, "support.result.0"));
    assert_string_equal(dump_text(d, "support.result.0"), "میرا نیا بچہ ہے");
    json_decref(d);
    d = harness_dump(&h, "ur-open");
    assert_true(!strcmp(dump_screen(d), "support-need") ||
                !strcmp(dump_screen(d), "support-service"));
    json_decref(d);
    harness_close(&h);
}

/* A few letters typed in English, Tamil and Urdu at every size, in both
 * text sizes: a result shows, whole or cut with an ellipsis but fitting,
 * while the keys are still up (tall words on a short screen put it beside
 * the field). */
static void test_search_results_while_typing(void **state)
{
    (void)state;
    static const char *const sizes[] = { "800x480 7", "1280x800 10.1", "1920x1080 15.6",
                                         "720x1280 10.1" };
    static const char *const looks[] = { "", "tap nav.access\ntap access.large\n"
                                             "tap access.done\n" };
    static const char *const typed[][2] = { { "en-GB", "foo" }, { "ta", "உண" }, { "ur", "بچ" } };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t l = 0; l < 2; l++)
            for (size_t t = 0; t < 3; t++) {
                Harness h;
                support_open(&h);
                char script[600];
                snprintf(script, sizeof script,
                         "size %s\nlang %s\n%stap home.support\ntap support.search\n"
                         "type %s\ndump typing\n",
                         sizes[s], typed[t][0], looks[l], typed[t][1]);
                assert_int_equal(harness_run(&h, script), 0);
                json_t *d = harness_dump(&h, "typing");
                json_t *r = dump_widget(d, "support.result.0");
                if (!r)
                    fail_msg("%s %s%s: no result while typing", typed[t][0], sizes[s],
                             l ? " (larger text)" : "");
                assert_true(json_is_true(json_object_get(r, "fits")));
                assert_true(json_string_length(json_object_get(r, "text")) > 0);
                assert_non_null(dump_widget(d, "kbd.done"));
                json_decref(d);
                harness_close(&h);
            }
}

/* Text not translated shows in English with a note saying so; Back goes
 * where the visitor came from; a long description reads on over pages. */
static void test_untranslated_back_and_pages(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    assert_int_equal(harness_run(&h, "lang ta\ntap home.support\ntap support.group.0\n"
                                     "tap support.need.0\ntap support.service.0\ndump welfare\n"
                                     "tap nav.back\ndump back1\ntap nav.back\ndump back2\n"
                                     "tap nav.back\ndump back3\ntap nav.exit\n"
                                     "tap home.support\ntap support.search\ntype foodbank\n"
                                     "tap kbd.done\ntap support.result.0\ndump page1\n"
                                     "tap support.svc.more\ndump page2\n"
                                     "tap nav.back\ndump back-search\n"),
                     0);
    json_t *d = harness_dump(&h, "welfare");
    assert_non_null(dump_widget(d, "support.svc.english"));
    assert_string_equal(dump_text(d, "support.svc.title"), "Welfare support drop-in");
    json_decref(d);
    const char *backs[][2] = { { "back1", "support-need" }, { "back2", "support-group" },
                               { "back3", "support" }, { "back-search", "support-search" } };
    for (size_t i = 0; i < 4; i++) {
        d = harness_dump(&h, backs[i][0]);
        assert_string_equal(dump_screen(d), backs[i][1]);
        json_decref(d);
    }
    d = harness_dump(&h, "page1");
    assert_true(json_is_true(json_object_get(dump_widget(d, "support.svc.more"), "enabled")));
    assert_false(json_is_true(json_object_get(dump_widget(d, "support.svc.prev"), "enabled")));
    const char *first = dump_text(d, "support.svc.desc.0");
    assert_non_null(first);
    assert_int_equal(strncmp(first, "Sutton Foodbank gives", 21), 0);
    json_decref(d);
    d = harness_dump(&h, "page2");
    assert_true(json_is_true(json_object_get(dump_widget(d, "support.svc.prev"), "enabled")));
    assert_null(dump_widget(d, "support.svc.who"));
    json_decref(d);
    harness_close(&h);
}

static int setup(void **state)
{
    (void)state;
    Config c;
    char err[256];
    config_defaults(&c);
    langs = i18n_open(c.locales_dir, "en-GB", err, sizeof err);
    return langs ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    i18n_close(langs);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_journey_english),
        cmocka_unit_test(test_journey_urdu),
        cmocka_unit_test(test_journey_tamil),
        cmocka_unit_test(test_web_page_code),
        cmocka_unit_test(test_demo_card_tamil),
        cmocka_unit_test(test_search_as_you_type),
        cmocka_unit_test(test_search_other_scripts),
        cmocka_unit_test(test_search_results_while_typing),
        cmocka_unit_test(test_untranslated_back_and_pages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
