/* test_speech_device.c — read-aloud through a real SDL audio device: with
 * no device at all (no sound card) staff are told in plain words and the
 * kiosk carries on; with SDL's dummy device (sound that goes nowhere, played
 * at the pace of a real one) staff are told too, and a stop empties what
 * was queued at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "app_tap.h"
#include "harness.h"
#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/speech.h"

static void one_part(SpeechText *t, const char *text)
{
    memset(t, 0, sizeof *t);
    snprintf(t->screen, sizeof t->screen, "home");
    snprintf(t->lang, sizeof t->lang, "en-GB");
    t->n = 1;
    snprintf(t->parts[0].lang, sizeof t->parts[0].lang, "en-GB");
    snprintf(t->parts[0].text, sizeof t->parts[0].text, "%s", text);
}

static double real_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_no_device_told_and_quiet(void **state)
{
    (void)state;
    SDL_setenv("SDL_AUDIODRIVER", "none", 1);   /* no such driver: no sound card */
    SpeechOptions o = { .volume = 80 };
    Speech *s = speech_new(&o);
    assert_non_null(s);
    const char *h = speech_health(s);
    fprintf(stderr, "health: %s\n", h);
    assert_non_null(strstr(h, "No sound"));
    assert_non_null(strstr(h, "everything else works"));
    SpeechText t;
    one_part(&t, "Welcome.");
    assert_int_equal(speech_say(s, &t), K_ERR_IO);
    assert_false(speech_speaking(s));
    speech_stop(s);
    speech_free(s);
    SDL_setenv("SDL_AUDIODRIVER", "", 1);
}

static void tap(App *a, const char *id)
{
    assert_int_equal(app_tap_id(a, id), 0);
}

/* The whole kiosk on a machine with no sound card: Listen does nothing,
 * the staff line says why, every other tap works. */
static void test_kiosk_carries_on_without_sound(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_setenv("SDL_AUDIODRIVER", "none", 1);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    assert_int_equal(TTF_Init(), 0);
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(sf);
    char err[512];
    App *a = app_create(&h.cfg, r, 800, 480, err, sizeof err);
    assert_non_null(a);
    tap(a, "nav.listen");
    app_tick(a);
    assert_false(speech_speaking(app_speech(a)));
    assert_non_null(strstr(speech_health(app_speech(a)), "No sound"));
    tap(a, "nav.listen");
    tap(a, "home.checkin");
    assert_int_equal(app_screen(a), SCR_SESSIONS);
    app_draw(a);
    app_destroy(a);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(sf);
    TTF_Quit();
    SDL_Quit();
    SDL_setenv("SDL_AUDIODRIVER", "", 1);
    harness_close(&h);
}

static void test_dummy_device_plays_and_stops_at_once(void **state)
{
    (void)state;
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    SpeechOptions o = { .volume = 50 };
    Speech *s = speech_new(&o);
    assert_non_null(s);
    const char *h = speech_health(s);
    fprintf(stderr, "health: %s\n", h);
    assert_non_null(strstr(h, "No sound card"));
    SpeechText t;
    one_part(&t, "Who is with you today? Adults, children, babies: tap plus for each.");
    assert_int_equal(speech_say(s, &t), K_OK);
    assert_true(speech_wait(s, 10000));
    /* several seconds queued, played at a real device's pace */
    assert_true(speech_speaking(s));
    double t0 = real_ms();
    speech_stop(s);
    assert_false(speech_speaking(s));
    assert_true(real_ms() - t0 < 50);
    /* the second listen comes from the cache, queued at once */
    assert_int_equal(speech_say(s, &t), K_OK);
    assert_true(speech_speaking(s));
    SpeechStats st;
    speech_stats(s, &st);
    assert_int_equal(st.hits, 1);
    speech_set_volume(s, 140);
    assert_int_equal(speech_volume(s), 100);
    speech_free(s);
    SDL_setenv("SDL_AUDIODRIVER", "", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_device_told_and_quiet),
        cmocka_unit_test(test_kiosk_carries_on_without_sound),
        cmocka_unit_test(test_dummy_device_plays_and_stops_at_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
