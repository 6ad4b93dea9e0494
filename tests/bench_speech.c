/* bench_speech.c — read-aloud's speed and memory (make bench): from the
 * tap on Listen to the first sound queued on the audio device (the first
 * listen of each screen, and again from the cache), a redraw after a tap
 * while speaking against the same redraw in silence, and the speech
 * cache's memory. Not a test: it prints figures beside their targets.
 *
 * It runs the kiosk in this process with SDL's dummy video and audio
 * drivers: the dummy audio device takes sound at a real device's pace, so
 * queueing and stopping are the real code's. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/config.h"
#include "kiosk/speech.h"
#include "bench_util.h"

static void row(const char *what, double value, const char *unit, const char *target)
{
    printf("  %-56s %10.2f %-4s  target %s\n", what, value, unit, target);
}

/* Taps widget id; returns the ms the tap took (its handling, not a draw). */
static double tap(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    if (i < 0) {
        fprintf(stderr, "bench: no widget %s on %s\n", id, app_screen_name(app_screen(a)));
        exit(1);
    }
    SDL_Rect r = ui->w_list[i].rect;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = r.x + r.w / 2;
    ev.button.y = r.y + r.h / 2;
    double t0 = now_ms();
    app_handle_event(a, &ev);
    ev.type = SDL_MOUSEBUTTONUP;
    app_handle_event(a, &ev);
    return now_ms() - t0;
}

/* A tap on Listen to its first sound queued: the tap's own work (building
 * what to say and handing it over) plus the wait for the first stretch. */
static double listen_start(App *a)
{
    Speech *s = app_speech(a);
    double tap_ms = tap(a, "nav.listen");
    SpeechStats st;
    speech_wait(s, 20000);
    speech_stats(s, &st);
    if (st.last_start_ms < 0) {
        fprintf(stderr, "bench: no sound from a listen on %s\n", app_screen_name(app_screen(a)));
        exit(1);
    }
    return tap_ms + st.last_start_ms;
}

static double timed_draw(App *a, SDL_Renderer *r)
{
    double t0 = now_ms();
    app_draw(a);
    SDL_RenderPresent(r);
    return now_ms() - t0;
}

static const char *const langs[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };

/* Reaches screen k of the few the start figures use, from home. */
static void go(App *a, int k)
{
    static const char *const ways[][3] = {
        { NULL }, { "home.checkin", NULL }, { "home.checkin", "checkin.session.0", NULL },
        { "home.support", NULL }, { "home.advocate", NULL },
    };
    tap(a, "nav.exit");
    for (int i = 0; ways[k][i]; i++)
        tap(a, ways[k][i]);
}

int main(void)
{
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s/kiosk-bench-speech-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp))
        return 1;
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return 1;
    SDL_Surface *sf = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(sf);
    Config cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s/data", tmp);
    char err[512];
    App *a = app_create(&cfg, r, 800, 480, err, sizeof err);
    if (!a) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    printf("Read-aloud (espeak-ng, SDL's dummy audio device, 800x480):\n");
    Speech *s = app_speech(a);
    /* first, while the text cache is not yet full of other screens: a
     * redraw after a tap, in silence and while speaking */
    enum { N = 201 };
    static double quiet[N], speaking[N];
    go(a, 2);
    app_set_language(a, "en-GB");
    timed_draw(a, r);
    double cold = listen_start(a);   /* the first ever: starts the engine */
    tap(a, "nav.listen");
    /* interleaved, so both meet the same load on the machine: the same
     * taps and draws, with and without a listen before the choice */
    int spoke = 0;
    for (int i = 0; i < 2 * N; i++) {
        bool listen = i % 2;
        if (listen)
            tap(a, "nav.listen");
        timed_draw(a, r);
        spoke += listen && speech_speaking(s);
        tap(a, (i / 2) % 2 ? "party.adults.minus" : "party.adults.plus");   /* stops it */
        (listen ? speaking : quiet)[i / 2] = timed_draw(a, r);
    }
    /* each pair is taken a few ms apart, under the same load: the median
     * of the pairs' ratios is steadier than the ratio of the medians */
    static double pair[N];
    for (int i = 0; i < N; i++)
        pair[i] = speaking[i] / (quiet[i] > 0.001 ? quiet[i] : 0.001);
    double ratio = median(pair, N);
    double mq = median(quiet, N), ms = median(speaking, N);
    printf("Redraw after a tap (party +/-), %d taps (speaking before %d of them):\n", N, spoke);
    row("in silence, median", mq, "ms", "-");
    row("while speaking (the tap stops it), median", ms, "ms", "within 10% of silence");
    row("ratio (median of each pair's)", ratio, "", "<= 1.10");

    enum { SCREENS = 5, NL = 7 };
    double first[SCREENS * NL], cached[SCREENS * NL];
    int n = 0;
    for (int l = 0; l < NL; l++)
        for (int k = 0; k < SCREENS; k++) {
            go(a, k);
            app_set_language(a, langs[l]);
            app_draw(a);
            first[n] = listen_start(a);
            tap(a, "nav.listen");           /* Listen again: stops */
            cached[n] = listen_start(a);    /* and again: from the cache */
            tap(a, "nav.listen");
            n++;
        }
    row("first listen ever (starts espeak-ng, the device, the thread)", cold, "ms", "-");
    row("tap to first sound, first listen of a screen, median", median(first, n), "ms",
        "<= 300 ms");
    row("the slowest of those", first[n - 1], "ms", "-");
    row("tap to first sound, from the cache, median", median(cached, n), "ms", "<= 50 ms");

    /* the cache after every screen above in every language */
    SpeechStats st;
    speech_stats(s, &st);
    printf("Speech cache:\n");
    row("listens held", st.entries, "", "-");
    row("memory held", st.bytes / 1048576.0, "MiB", "bounded by 8 MiB");
    row("hits / misses", st.misses ? (double)st.hits / st.misses : 0, "", "-");

    app_destroy(a);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(sf);
    TTF_Quit();
    SDL_Quit();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : 1;
}
