/* test_service_pages.c — a service's page and its take-home codes in
 * larger text in Urdu at 800x480 (7 inches), where neither fits one
 * screen: built at the whole 1.5, every fact of a long service (the test
 * pack's foodbank: three paragraphs of English, each taller than a page)
 * is reached with More and says what the default look says, the
 * description whole and in order; and each take-home code, one a page,
 * decodes with zbarimg to what the screen meant: the card to the
 * service's name, phone and email, the web code to its address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL_image.h>

#include "kiosk/qr.h"
#include "support_fixture.h"

#define PAGES 16
#define FOODBANK_UR "سٹن فوڈ بینک"

static const char larger[] = "tap nav.access\ntap access.large\ntap access.done\n";

/* The facts a service's page may show, each once (a run after the first
 * as ID.2, ID.3). */
static const char *const facts[] = { "who", "when", "when.more", "where", "phone", "email",
                                     "web", "cost", "langs", "checked" };
#define NFACTS (sizeof facts / sizeof facts[0])

/* What the pages showed: each fact's words (its runs joined by a space)
 * and the description's runs in order. */
typedef struct {
    char fact[NFACTS][1200];
    char desc[8192];
    int next_desc;   /* the N of support.svc.desc.N expected next */
    int pages;
} Seen;

/* The widget's rectangle: 0 when it has none. */
static SDL_Rect rect_of(json_t *w)
{
    json_t *r = json_object_get(w, "rect");
    return (SDL_Rect){ (int)json_integer_value(json_array_get(r, 0)),
                       (int)json_integer_value(json_array_get(r, 1)),
                       (int)json_integer_value(json_array_get(r, 2)),
                       (int)json_integer_value(json_array_get(r, 3)) };
}

/* Built at the whole size of its look (want), every widget's words fit
 * and it lies on the screen. */
static void assert_whole(json_t *d, const char *label, double want)
{
    double large = json_real_value(json_object_get(d, "large"));
    double fit = json_real_value(json_object_get(d, "fit"));
    if (large + 1e-9 < want || fit + 1e-9 < 1.0)
        fail_msg("%s: built at %.2f (fit %.2f), not %.1f", label, large, fit, want);
    json_t *ws = json_object_get(d, "widgets"), *w, *size = json_object_get(d, "size");
    int sw = (int)json_integer_value(json_array_get(size, 0)),
        sh = (int)json_integer_value(json_array_get(size, 1));
    size_t i;
    json_array_foreach(ws, i, w) {
        SDL_Rect r = rect_of(w);
        if (!json_is_true(json_object_get(w, "fits")) || r.x < 0 || r.y < 0 ||
            r.x + r.w > sw || r.y + r.h > sh)
            fail_msg("%s: %s does not fit or is off the screen", label,
                     json_string_value(json_object_get(w, "id")));
    }
}

static void append(char *to, size_t cap, const char *text)
{
    size_t n = strlen(to);
    snprintf(to + n, cap - n, "%s%s", n ? " " : "", text);
}

/* Adds what page d shows to *s: each fact (and its runs), each run of
 * the description, which must come in order. */
static void collect(json_t *d, Seen *s)
{
    json_t *ws = json_object_get(d, "widgets"), *w;
    size_t i;
    json_array_foreach(ws, i, w) {
        const char *id = json_string_value(json_object_get(w, "id"));
        const char *text = json_string_value(json_object_get(w, "text"));
        if (strncmp(id, "support.svc.", 12) != 0)
            continue;
        const char *rest = id + 12;
        if (!strncmp(rest, "desc.", 5)) {
            assert_int_equal(atoi(rest + 5), s->next_desc);
            s->next_desc++;
            append(s->desc, sizeof s->desc, text);
            continue;
        }
        for (size_t k = 0; k < NFACTS; k++) {
            size_t n = strlen(facts[k]);
            bool same = !strcmp(rest, facts[k]);
            bool run = !strncmp(rest, facts[k], n) && rest[n] == '.' && rest[n + 1] >= '2' &&
                       rest[n + 1] <= '9';
            if (same)
                assert_string_equal(s->fact[k], "");   /* once */
            if (same || run)
                append(s->fact[k], sizeof s->fact[k], text);
        }
    }
}

/* The whitespace of text folded to single spaces, into out. */
static void fold(const char *text, char *out, size_t cap)
{
    size_t o = 0;
    bool space = false;
    for (const char *p = text; *p && o + 1 < cap; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = o > 0;
            continue;
        }
        if (space && o + 2 < cap)
            out[o++] = ' ';
        space = false;
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* Opens the foodbank's page in lang at size in look, and pages through
 * it with More (at most PAGES); each page into *s, whole for want. */
static void page_through(const char *size, const char *look, double want, Seen *s)
{
    Harness h;
    support_open(&h);
    char script[4096];
    int n = snprintf(script, sizeof script,
                     "size %s\nlang ur\ntap home.support\ntap support.group.0\n"
                     "tap support.need.0\n",
                     size);
    /* the need's services may be on pages too: find the foodbank's */
    char find[4400];
    snprintf(find, sizeof find,
             "%sdump l0\ntap-if support.list.more\ndump l1\ntap-if support.list.more\n"
             "dump l2\ntap-if support.list.more\ndump l3\n",
             script);
    assert_int_equal(harness_run(&h, find), 0);
    int svc = -1, list_page = 0;
    for (int lp = 0; lp < 4 && svc < 0; lp++) {
        char name[16];
        snprintf(name, sizeof name, "l%d", lp);
        json_t *need = harness_dump(&h, name);
        assert_non_null(need);
        for (int i = 0; i < 8 && svc < 0; i++) {
            char id[40];
            snprintf(id, sizeof id, "support.service.%d", i);
            const char *t = dump_widget(need, id) ? dump_text(need, id) : NULL;
            if (t && strstr(t, FOODBANK_UR)) {
                svc = i;
                list_page = lp;
            }
        }
        json_decref(need);
    }
    assert_true(svc >= 0);
    for (int lp = 0; lp < list_page; lp++)
        n += snprintf(script + n, sizeof script - (size_t)n, "tap support.list.more\n");
    n += snprintf(script + n, sizeof script - (size_t)n, "tap support.service.%d\n%sdump p0\n",
                  svc, look);
    for (int p = 1; p < PAGES; p++)
        n += snprintf(script + n, sizeof script - (size_t)n,
                      "tap-if support.svc.more\ndump p%d\n", p);
    assert_int_equal(harness_run(&h, script), 0);
    memset(s, 0, sizeof *s);
    for (int p = 0; p < PAGES; p++) {
        char name[16], label[64];
        snprintf(name, sizeof name, "p%d", p);
        snprintf(label, sizeof label, "ur %s%s page %d", size, *look ? " larger" : "", p);
        json_t *d = harness_dump(&h, name);
        assert_non_null(d);
        assert_string_equal(dump_screen(d), "support-service");
        assert_whole(d, label, want);
        if (p == 0)
            assert_non_null(dump_widget(d, "support.svc.title"));
        collect(d, s);
        s->pages++;
        json_t *more = dump_widget(d, "support.svc.more");
        bool last = !more || !json_is_true(json_object_get(more, "enabled"));
        json_decref(d);
        if (last)
            break;
    }
    harness_close(&h);
}

/* The foodbank's facts and description as the pack gives them: every
 * fact shown on some page (its ages and second line of times it has
 * not), the same in larger text as in the default look, its address,
 * phone, email and web page its own, the description whole and in
 * order. */
static void assert_same_service(const Seen *large, const Seen *plain)
{
    for (size_t k = 0; k < NFACTS; k++) {
        if (strcmp(facts[k], "who") && strcmp(facts[k], "when.more") && !large->fact[k][0])
            fail_msg("support.svc.%s not shown", facts[k]);
        assert_string_equal(large->fact[k], plain->fact[k]);
    }
    char err[256];
    json_t *root = json_load_file(SUPPORT_PACK, 0, NULL), *o;
    assert_non_null(root);
    size_t i;
    Service *v = NULL;
    json_array_foreach(json_object_get(root, "services"), i, o)
        if (!strcmp(json_string_value(json_object_get(o, "id")), "foodbank"))
            v = service_parse(o, "services[]", err, sizeof err);
    assert_non_null(v);
    assert_string_equal(large->fact[3], v->address);
    assert_string_equal(large->fact[4], v->phone);
    assert_string_equal(large->fact[5], v->email);
    assert_string_equal(large->fact[6], "sutton.foodbank.example.org");
    static char want[8192], got[8192];
    fold(v->description, want, sizeof want);
    fold(large->desc, got, sizeof got);
    assert_string_equal(got, want);
    fold(plain->desc, got, sizeof got);
    assert_string_equal(got, want);
    service_free(v);
    json_decref(root);
}

/* Every fact of the long service is reached with More in larger text at
 * 800x480, on pages past the first (the heading on the first only). */
static void test_service_facts_on_pages(void **state)
{
    (void)state;
    static Seen large, plain;
    page_through("800x480 7", larger, 1.5, &large);
    page_through("800x480 7", "", 1.0, &plain);
    assert_true(large.pages > 1);
    assert_same_service(&large, &plain);
}

/* The same at the other sizes, in both looks: whichever way a page is
 * laid out, no fact is left out between one page and the next. */
static void test_service_facts_every_size(void **state)
{
    (void)state;
    static const char *const sizes[] = { "720x1280 10.1", "1280x800 10.1", "1920x1080 15.6" };
    static Seen large, plain;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        page_through(sizes[i], larger, 1.5, &large);
        page_through(sizes[i], "", 1.0, &plain);
        assert_same_service(&large, &plain);
    }
}

/* Decodes the code of widget id in OUT/NAME.png (its square cut out with
 * a little of the page around it) with zbarimg, into out. */
static void decode(Harness *h, const char *name, json_t *d, const char *id, char *out,
                   size_t cap)
{
    char png[700], cut[700], cmd[1600];
    snprintf(png, sizeof png, "%s/%s.png", h->out, name);
    snprintf(cut, sizeof cut, "%s/%s-%s.png", h->out, name, id);
    SDL_Surface *all = IMG_Load(png);
    assert_non_null(all);
    json_t *w = dump_widget(d, id);
    assert_non_null(w);
    SDL_Rect r = rect_of(w);
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
    FILE *pp = popen(cmd, "r");
    assert_non_null(pp);
    size_t n = fread(out, 1, cap - 1, pp);
    out[n] = '\0';
    assert_int_equal(pclose(pp), 0);
    if (n > 0 && out[n - 1] == '\n')
        out[n - 1] = '\0';
}

/* Pixels a module of the code drawn by widget w. */
static int module_px(json_t *w)
{
    QrFit fit = { 0, 0, 0 };
    SDL_Rect r = rect_of(w);
    assert_int_equal(qr_fit(json_string_value(json_object_get(w, "text")), r.w, &fit), K_OK);
    return fit.px;
}

/* Take this home in larger text in Urdu at 800x480: the card, then More
 * for the web page's code, each whole at 1.5 with nothing over another,
 * each decoding to what the screen meant with modules of 0.7 mm at
 * least; the card names the service and its phone and email, the web
 * code is its address. */
static void test_take_codes_decode(void **state)
{
    (void)state;
    Harness h;
    support_open(&h);
    char script[1024];
    snprintf(script, sizeof script,
             "size 800x480 7\nlang ur\ntap home.support\ntap support.group.1\n"
             "tap support.need.2\ntap-if support.list.more\ntap support.service.1\n"
             "%stap support.take\ndump take\nsnap take\ntap support.take.more\ndump web\n"
             "snap web\n",
             larger);
    assert_int_equal(harness_run(&h, script), 0);
    json_t *take = harness_dump(&h, "take"), *web = harness_dump(&h, "web");
    assert_non_null(take);
    assert_non_null(web);
    assert_whole(take, "take card", 1.5);
    assert_whole(web, "take web", 1.5);
    double mm = json_real_value(json_object_get(take, "px_per_mm"));
    static char card[4096], addr[1024];
    decode(&h, "take", take, "support.take.card", card, sizeof card);
    assert_string_equal(card, dump_text(take, "support.take.card"));
    assert_true(module_px(dump_widget(take, "support.take.card")) >= 0.7 * mm);
    assert_non_null(strstr(card, "\nFN:"));
    assert_non_null(strstr(card, "\nTEL;TYPE=WORK,VOICE:020 "));
    assert_null(dump_widget(take, "support.take.web"));
    decode(&h, "web", web, "support.take.web", addr, sizeof addr);
    assert_string_equal(addr, dump_text(web, "support.take.web"));
    assert_string_equal(addr, "https://homestart.example.org");
    assert_true(module_px(dump_widget(web, "support.take.web")) >= 0.8 * mm);
    assert_string_equal(dump_text(web, "support.take.web.under"), "homestart.example.org");
    json_decref(take);
    json_decref(web);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_service_facts_on_pages),
        cmocka_unit_test(test_service_facts_every_size),
        cmocka_unit_test(test_take_codes_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
