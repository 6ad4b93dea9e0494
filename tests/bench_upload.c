/* bench_upload.c — the uploader's figures (make bench): draining 10,000
 * waiting records to the stand-in central service on loopback (HTTPS with
 * the test CA), memory while it drains against the queue's length, and
 * the UI's redraw after a tap while the uploader's thread drains beside it.
 * Not a test: it prints figures beside their targets. Run from the
 * repository root (it starts tests/standin/central.py). */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_tap.h"
#include "upload_fixture.h"
#include "kiosk/app.h"
#include "kiosk/config.h"
#include "kiosk/log.h"
#include "kiosk/upload_thread.h"
#include "bench_util.h"

static char tmp[128];
static Standin central;

/* On any exit, the stand-in stops and the files go. */
static void clean_up(void)
{
    standin_stop(&central);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", tmp);
}

static void row(const char *what, double value, const char *unit, const char *target)
{
    printf("  %-52s %10.2f %-4s  target %s\n", what, value, unit, target);
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    long kib = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6))
            kib = strtol(line + 6, NULL, 10);
    if (f)
        fclose(f);
    return kib;
}

static double in_http;     /* ms spent waiting for the stand-in */

static k_err send_http(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    double t0 = now_ms();
    k_err rc = http_do(ud, req, resp);
    in_http += now_ms() - t0;
    return rc;
}

static void add_records(const char *db, const unsigned char *pk, int count)
{
    k_err e;
    Store *s = store_open(db, &e);
    if (!s)
        exit(1);
    store_set_record_key(s, pk);
    for (int i = 0; i < count; i++) {
        Record r = up_record(i);
        char id[37];
        if (store_add_record(s, &r, time(NULL), id) != K_OK)
            exit(1);
    }
    store_close(s);
}

/* Drains what is waiting in db to srv; returns ms, the RSS growth (KiB)
 * over the drain into *grow. */
static double drain(const Standin *srv, const char *db, long *grow, double *http_ms)
{
    k_err e;
    Store *s = store_open(db, &e);
    HttpOptions ho = { srv->url, UP_TOKEN, srv->ca, NULL, "bench-1", 0 };
    HttpClient *http = http_new(&ho, &e);
    UploadOptions uo = { "bench-1", "central-sutton", "", 0, 1 };
    Uploader *u = s && http ? uploader_new(s, send_http, http, &uo, &e) : NULL;
    if (!u)
        exit(1);
    long base = -1, peak = 0;
    in_http = 0;
    double t0 = now_ms();
    for (int i = 0; i < 100000 && up_pending(s) > 0; i++) {
        uint64_t wait = uploader_run_once(u);
        long r = rss_kib();
        if (base < 0)
            base = peak = r;      /* after the first batch: TLS and caches warm */
        if (r > peak)
            peak = r;
        if (wait > 0) {
            fprintf(stderr, "bench: the stand-in failed a batch\n");
            exit(1);
        }
    }
    double ms = now_ms() - t0;
    *grow = peak - base;
    *http_ms = in_http;
    uploader_free(u);
    http_free(http);
    store_close(s);
    return ms;
}

static void bench_drain(const Standin *srv, const unsigned char *pk)
{
    char db1[200], db2[200], d1[160], d2[160];
    snprintf(d1, sizeof d1, "%s/d1k", tmp);
    snprintf(d2, sizeof d2, "%s/d10k", tmp);
    mkdir(d1, 0700);
    mkdir(d2, 0700);
    snprintf(db1, sizeof db1, "%s/kiosk.db", d1);
    snprintf(db2, sizeof db2, "%s/kiosk.db", d2);
    double t0 = now_ms();
    add_records(db1, pk, 1000);
    add_records(db2, pk, 10000);
    double made = now_ms() - t0;
    long g1, g2;
    double h1, h2;
    double ms1 = drain(srv, db1, &g1, &h1);
    double ms2 = drain(srv, db2, &g2, &h2);
    printf("Uploading to the stand-in on loopback (HTTPS, sealed payloads, batches of 100):\n");
    row("making 11,000 records first (one commit each)", made, "ms", "-");
    row("drain 1,000 waiting records", ms1, "ms", "-");
    row("drain 10,000 waiting records", ms2, "ms", "<= 5000 ms");
    row("records per second (10,000)", 10000.0 / (ms2 / 1000.0), "/s", "-");
    row("  of which waiting for the stand-in's answers", h2, "ms", "-");
    row("  of which the kiosk (claim, body, acknowledge)", ms2 - h2, "ms", "-");
    row("RSS growth while draining 1,000", (double)g1, "KiB", "flat");
    row("RSS growth while draining 10,000", (double)g2, "KiB", "flat: as for 1,000");
}

static void tap(App *a, const char *id)
{
    if (app_tap_id(a, id) != 0) {
        fprintf(stderr, "bench: no widget %s on %s\n", id, app_screen_name(app_screen(a)));
        exit(1);
    }
}

/* Median ms of n taps, each followed by a full redraw: home <-> the
 * sessions list (Quick exit back). With peek, taps go on (in pairs) until
 * nothing waits there, and *count says how many there were. */
static double taps(App *a, SDL_Renderer *r, int n, Store *peek, int *count)
{
    static double t[4000];
    int i;
    for (i = 0; i < 4000 && (peek ? i % 2 || up_pending(peek) > 0 : i < n); i++) {
        double t0 = now_ms();
        tap(a, i % 2 ? "nav.exit" : "home.checkin");
        app_tick(a);
        app_draw(a);
        SDL_RenderPresent(r);
        t[i] = now_ms() - t0;
        SDL_Delay(2);
    }
    if (count)
        *count = i;
    return median(t, i);
}

static void bench_ui_while_draining(const Standin *srv, const unsigned char *pk)
{
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        exit(1);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    Config cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s/data-ui", tmp);
    snprintf(cfg.central_url, sizeof cfg.central_url, "%s", srv->url);
    snprintf(cfg.token_file, sizeof cfg.token_file, "%s/token", tmp);
    snprintf(cfg.ca_file, sizeof cfg.ca_file, "%s", srv->ca);
    cfg.content_interval_s = 86400;
    int fd = open(cfg.token_file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, UP_TOKEN "\n", strlen(UP_TOKEN) + 1) < 0)
        exit(1);
    close(fd);
    char err[512], db[700];
    App *a = app_create(&cfg, r, 800, 480, err, sizeof err);
    if (!a) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    enum { N = 100, ROUNDS = 3 };   /* N even: each run ends on the home screen */
    app_draw(a);
    snprintf(db, sizeof db, "%s/kiosk.db", cfg.data_dir);
    Store *peek = store_open(db, &(k_err){ K_OK });
    double idle[ROUNDS], busy[ROUNDS], ratio[ROUNDS], all[ROUNDS], nbusy[ROUNDS];
    for (int k = 0; k < ROUNDS; k++) {
        idle[k] = taps(a, r, N, NULL, NULL);
        add_records(db, pk, 10000);
        double t0 = now_ms();
        /* the thread finds them on its next look (at most 5 s) */
        while (up_pending(peek) == 10000 && now_ms() - t0 < 10000)
            SDL_Delay(1);
        double t1 = now_ms();
        int n = 0;
        busy[k] = taps(a, r, N, peek, &n);
        all[k] = now_ms() - t1;
        nbusy[k] = n;
        ratio[k] = busy[k] / idle[k];
    }
    printf("The UI while the uploader's thread drains 10,000 records beside it (%d rounds, "
           "medians):\n", ROUNDS);
    row("tap and full redraw, idle, median", median(idle, ROUNDS), "ms", "-");
    row("tap and full redraw, while draining, median", median(busy, ROUNDS), "ms",
        "within 10% of idle");
    row("  ratio (while draining / idle, median of rounds)", median(ratio, ROUNDS), "",
        "<= 1.10");
    row("  taps made while records were waiting", median(nbusy, ROUNDS), "", "-");
    row("drain beside the tapping UI (first batch to done)", median(all, ROUNDS), "ms", "-");
    store_close(peek);
    app_destroy(a);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    TTF_Quit();
    SDL_Quit();
}

int main(void)
{
    snprintf(tmp, sizeof tmp, "%s/kiosk-bench-up-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp) || sodium_init() < 0)
        return 1;
    setenv("TZ", "Europe/London", 1);
    log_set_level(LOG_WARN);
    char sdir[200];
    snprintf(sdir, sizeof sdir, "%s/central", tmp);
    atexit(clean_up);
    if (standin_start(&central, sdir, true) != 0) {
        fprintf(stderr, "bench: the stand-in did not start\n");
        return 1;
    }
    unsigned char pk[32], sk[32];
    crypto_box_keypair(pk, sk);
    char cmd0[600];
    snprintf(cmd0, sizeof cmd0, "cp assets/content/demo-central-sutton.json '%s'",
             central.pack);
    if (system(cmd0) != 0)
        fprintf(stderr, "bench: no pack for the stand-in\n");
    bench_drain(&central, pk);
    bench_ui_while_draining(&central, pk);
    return 0;
}
