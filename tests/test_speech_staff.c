/* test_speech_staff.c — read-aloud in the staff view: the line staff see
 * when visitors cannot hear Listen (SDL's dummy driver, no audio device,
 * espeak-ng missing) while the kiosk carries on, the speech engine left
 * off at start-up until staff look; the volume stepper in steps of 10
 * from 0 to 100, a listen quieter after a lower level, and the level kept
 * across a restart over speech.volume (and staff told when it cannot be
 * saved). KIOSK_SHOTS=DIR keeps the staff view with the dummy driver's
 * line as PNGs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>

#include "app_tap.h"
#include "harness.h"
#include "speech_fixture.h"
#include "kiosk/app.h"
#include "kiosk/speech.h"
#include "../kiosk/app_private.h"

#define STAFF_IN "press home.hub 3000\n" "tap staff.pin.1\n" "tap staff.pin.2\n" \
                 "tap staff.pin.3\n" "tap staff.pin.4\n" "tap staff.pin.enter\n" \
                 "expect-screen staff\n"
#define TO_PARTY "tap home.checkin\n" "tap checkin.session.0\n"

/* ---- the App on a real (dummy) audio device ------------------------------ */

typedef struct {
    Harness h;
    SDL_Surface *sf;
    SDL_Renderer *r;
    App *a;
} Kiosk;

static void kiosk_open(Kiosk *k, const char *driver, int w, int h)
{
    harness_open(&k->h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_setenv("SDL_AUDIODRIVER", driver, 1);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    assert_int_equal(TTF_Init(), 0);
    k->sf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    k->r = SDL_CreateSoftwareRenderer(k->sf);
    char err[512];
    k->a = app_create(&k->h.cfg, k->r, w, h, err, sizeof err);
    assert_non_null(k->a);
}

static void kiosk_close(Kiosk *k)
{
    app_destroy(k->a);
    SDL_DestroyRenderer(k->r);
    SDL_FreeSurface(k->sf);
    TTF_Quit();
    SDL_Quit();
    SDL_setenv("SDL_AUDIODRIVER", "", 1);
    harness_close(&k->h);
}

static void tap(App *a, const char *id)
{
    app_build(a);
    int i = ui_find(app_ui(a), id);
    assert_true(i >= 0);
    assert_true(app_ui(a)->w_list[i].enabled);
    assert_int_equal(app_tap_id(a, id), 0);
}

static const char *text_of(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    return i >= 0 ? ui->w_list[i].text : NULL;
}

static bool mapped(const char *lib)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[600];
    bool found = false;
    while (f && fgets(line, sizeof line, f))
        found = found || strstr(line, lib) != NULL;
    if (f)
        fclose(f);
    return found;
}

/* Every widget of the screen shown fits its box and lies on the screen. */
static void assert_all_fit(App *a)
{
    app_build(a);
    Ui *ui = app_ui(a);
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        if (!w->fits || w->rect.x < 0 || w->rect.y < 0 || w->rect.x + w->rect.w > ui->w ||
            w->rect.y + w->rect.h > ui->h)
            fail_msg("%dx%d: %s does not fit (%d,%d %dx%d)", ui->w, ui->h, w->id, w->rect.x,
                     w->rect.y, w->rect.w, w->rect.h);
    }
}

static void snap(Kiosk *k, const char *name)
{
    const char *dir = getenv("KIOSK_SHOTS");
    if (!dir)
        return;
    app_draw(k->a);
    char path[600];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    assert_int_equal(IMG_SavePNG(k->sf, path), 0);
}

/* Must run first: the engine is process-wide and, once started, stays. */
static void test_dummy_driver_told_to_staff(void **state)
{
    (void)state;
    Kiosk k;
    kiosk_open(&k, "dummy", 800, 480);
    App *a = k.a;
    app_draw(a);
    /* start-up and the home screen leave the speech engine alone */
    assert_false(mapped("libespeak"));
    app_go(a, SCR_STAFF);
    assert_true(mapped("libespeak"));
    const char *line = text_of(a, "staff.speech");
    assert_non_null(line);
    fprintf(stderr, "staff sees: %s\n", line);
    assert_non_null(strstr(line, "No sound card"));
    assert_non_null(strstr(line, "visitors hear nothing"));
    assert_string_equal(text_of(a, "staff.volume.value"), "80");
    assert_all_fit(a);
    snap(&k, "staff-dummy-800x480");
    /* the kiosk carries on: Try plays (to nowhere), the stepper steps */
    tap(a, "staff.volume.try");
    assert_true(speech_speaking(app_speech(a)));
    tap(a, "staff.volume.minus");
    assert_string_equal(text_of(a, "staff.volume.value"), "70");
    assert_int_equal(speech_volume(app_speech(a)), 70);
    static const int sizes[][2] = { { 1920, 1080 }, { 720, 1280 } };
    for (int i = 0; i < 2; i++) {
        SDL_DestroyRenderer(k.r);
        SDL_FreeSurface(k.sf);
        k.sf = SDL_CreateRGBSurfaceWithFormat(0, sizes[i][0], sizes[i][1], 32,
                                              SDL_PIXELFORMAT_ARGB8888);
        k.r = SDL_CreateSoftwareRenderer(k.sf);
        app_resize(a, k.r, sizes[i][0], sizes[i][1]);
        assert_all_fit(a);
        char name[64];
        snprintf(name, sizeof name, "staff-dummy-%dx%d", sizes[i][0], sizes[i][1]);
        snap(&k, name);
    }
    tap(a, "staff.lock");
    assert_int_equal(app_screen(a), SCR_HOME);
    assert_false(speech_speaking(app_speech(a)));    /* the lock's wipe stops it */
    tap(a, "home.checkin");
    assert_int_equal(app_screen(a), SCR_SESSIONS);
    app_draw(a);
    kiosk_close(&k);
}

static void test_no_device_told_to_staff(void **state)
{
    (void)state;
    Kiosk k;
    kiosk_open(&k, "none", 800, 480);   /* no such driver: no sound card */
    App *a = k.a;
    app_go(a, SCR_STAFF);
    const char *line = text_of(a, "staff.speech");
    assert_non_null(line);
    assert_non_null(strstr(line, "No sound: no audio device was found"));
    assert_all_fit(a);
    tap(a, "staff.volume.try");                     /* nothing to hear, no crash */
    assert_false(speech_speaking(app_speech(a)));
    tap(a, "staff.volume.plus");
    assert_string_equal(text_of(a, "staff.volume.value"), "90");
    tap(a, "staff.lock");
    tap(a, "home.support");
    assert_int_equal(app_screen(a), SCR_SUPPORT);
    kiosk_close(&k);
}

/* espeak-ng missing: a kiosk of its own (the engine starts once a process). */
static void test_engine_missing_told_to_staff(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    char script[600], cmd[2000];
    snprintf(script, sizeof script, "%s/s.txt", h.dir);
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fputs(STAFF_IN "dump staff\n" "tap staff.volume.try\n" "tap staff.lock\n" TO_PARTY
          "expect-screen party\n", f);
    assert_int_equal(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "KIOSK_ESPEAK=/nonexistent/libespeak-ng.so.1 %s/kiosk --headless "
             "--script %s --out %s --data-dir %s 2>%s/err.txt",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", script, h.out,
             h.cfg.data_dir, h.dir);
    assert_int_equal(system(cmd), 0);
    json_t *d = harness_dump(&h, "staff");
    assert_non_null(d);
    const char *line = dump_text(d, "staff.speech");
    assert_non_null(line);
    assert_non_null(strstr(line, "Listen is off: the speech engine (espeak-ng)"));
    json_decref(d);
    harness_close(&h);
}

/* ---- the volume ---------------------------------------------------------- */

static void loudness(Harness *h, const char *name, double *rms, int *peak)
{
    size_t n = 0;
    int16_t *s = speech_wav_samples(h, name, &n);
    assert_non_null(s);
    assert_true(n > SPEECH_RATE);
    double sum = 0;
    *peak = 0;
    for (size_t i = 0; i < n; i++) {
        sum += (double)s[i] * s[i];
        if (abs(s[i]) > *peak)
            *peak = abs(s[i]);
    }
    *rms = sqrt(sum / (double)n);
    free(s);
    fprintf(stderr, "%-6s RMS %6.0f  peak %5d\n", name, *rms, *peak);
}

static void test_lower_volume_is_quieter_and_kept(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    assert_int_equal(harness_run(&h,
        TO_PARTY "listen high\n" "tap nav.exit\n"
        STAFF_IN "expect staff.volume.value 80\n"
        "tap staff.volume.minus\n" "tap staff.volume.minus\n" "tap staff.volume.minus\n"
        "tap staff.volume.minus\n" "expect staff.volume.value 40\n" "tap staff.volume.try\n"
        "expect-speaking\n" "tap staff.lock\n" "expect-quiet\n"
        TO_PARTY "listen low\n"), 0);
    double hi, lo;
    int hi_peak, lo_peak;
    loudness(&h, "high", &hi, &hi_peak);
    loudness(&h, "low", &lo, &lo_peak);
    assert_true(lo < hi * 0.55 && lo > hi * 0.45);     /* 40 of 80 */
    assert_true(lo_peak < hi_peak * 0.55);
    /* a restart on the same data: the level staff set wins over the
     * setting, whatever speech.volume says */
    h.cfg.speech_volume = 90;
    assert_int_equal(harness_run(&h, TO_PARTY "listen again\n" "tap nav.exit\n"
                                     STAFF_IN "expect staff.volume.value 40\n"), 0);
    double again;
    int again_peak;
    loudness(&h, "again", &again, &again_peak);
    assert_true(fabs(again - lo) < lo * 0.02);
    harness_close(&h);
}

static void test_stepper_stops_at_0_and_100(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    h.cfg.speech_volume = 85;       /* not a step: the stepper goes to the next ten */
    char script[4000] = STAFF_IN "expect staff.volume.value 85\n" "tap staff.volume.plus\n"
                        "expect staff.volume.value 90\n" "tap staff.volume.plus\n"
                        "expect staff.volume.value 100\n" "expect-disabled staff.volume.plus\n"
                        "expect-enabled staff.volume.minus\n";
    for (int i = 0; i < 10; i++)
        strcat(script, "tap staff.volume.minus\n");
    strcat(script, "expect staff.volume.value 0\n" "expect-disabled staff.volume.minus\n"
                   "expect-enabled staff.volume.plus\n" "tap staff.lock\n"
                   TO_PARTY "listen silent\n");
    assert_int_equal(harness_run(&h, script), 0);
    double rms;
    int peak;
    loudness(&h, "silent", &rms, &peak);
    assert_int_equal(peak, 0);
    /* a stored level that is not one (a hand-edited database): the setting */
    char path[700];
    snprintf(path, sizeof path, "%s/kiosk.db", h.cfg.data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    assert_non_null(s);
    assert_int_equal(store_kv_set(s, "speech.volume", "250"), K_OK);
    store_close(s);
    assert_int_equal(harness_run(&h, STAFF_IN "expect staff.volume.value 85\n"), 0);
    harness_close(&h);
}

/* A database that cannot be written (a full disk): the level holds until
 * restart, and staff are told it was not saved. */
static void test_volume_not_saved_told(void **state)
{
    (void)state;
    Kiosk k;
    kiosk_open(&k, "dummy", 800, 480);
    App *a = k.a;
    app_go(a, SCR_STAFF);
    /* fill the database to the brim: nothing more can be written */
    assert_int_equal(store_limit_pages(a->store, 1), K_OK);
    static const size_t sizes[] = { 3000, 300, 30, 1 };
    for (size_t n = 0; n < sizeof sizes / sizeof *sizes; n++) {
        char big[3001], key[32];
        memset(big, 'x', sizes[n]);
        big[sizes[n]] = '\0';
        k_err e = K_OK;
        for (int i = 0; i < 10000 && e == K_OK; i++) {
            snprintf(key, sizeof key, "fill%zu.%d", n, i);
            e = store_kv_set(a->store, key, big);
        }
        assert_int_equal(e, K_ERR_FULL);
    }
    tap(a, "staff.volume.minus");
    assert_int_equal(speech_volume(app_speech(a)), 70);     /* heard at once all the same */
    const char *line = text_of(a, "staff.speech");
    assert_non_null(line);
    fprintf(stderr, "staff sees: %s\n", line);
    assert_non_null(strstr(line, "The volume could not be saved"));
    assert_non_null(strstr(line, "until the kiosk restarts"));
    assert_all_fit(a);
    snap(&k, "staff-full-800x480");
    app_destroy(a);
    char err[512];
    k.a = app_create(&k.h.cfg, k.r, 800, 480, err, sizeof err);     /* a restart */
    assert_non_null(k.a);
    assert_int_equal(speech_volume(app_speech(k.a)), 80);
    kiosk_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dummy_driver_told_to_staff),
        cmocka_unit_test(test_no_device_told_to_staff),
        cmocka_unit_test(test_engine_missing_told_to_staff),
        cmocka_unit_test(test_lower_volume_is_quieter_and_kept),
        cmocka_unit_test(test_stepper_stops_at_0_and_100),
        cmocka_unit_test(test_volume_not_saved_told),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
