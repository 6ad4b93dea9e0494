/* main.c — parses the command line and runs the kiosk: in a window or full
 * screen on the real clock, or headless from a script. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/config.h"
#include "kiosk/content.h"
#include "kiosk/display.h"
#include "kiosk/headless.h"
#include "kiosk/i18n.h"
#include "kiosk/import.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/notify.h"
#include "kiosk/oruk_fetch.h"
#include "kiosk/parse.h"
#include "kiosk/phone.h"
#include "kiosk/staff.h"
#include "kiosk/status.h"
#include "kiosk/store.h"
#include "kiosk/upload_thread.h"

#define DEMO_PIN "1234"

static void usage(FILE *f)
{
    fprintf(f,
"Usage: kiosk [OPTIONS]\n"
"The family hub kiosk: check in to drop-ins, find support, ask for help.\n"
"\n"
"Options:\n"
"  --config FILE        read settings from FILE (INI; keys below)\n"
"  --set SECTION.KEY=VALUE  set one setting (after the file); may repeat\n"
"  --data-dir DIR       database and device state (default: $KIOSK_DATA_DIR,\n"
"                       else $XDG_STATE_HOME/family-hub-kiosk, else\n"
"                       ~/.local/state/family-hub-kiosk)\n"
"  --content FILE       the hub's content pack (default: the demo pack)\n"
"  --windowed WxH       run in a window of that size (default 800x480)\n"
"  --fullscreen         fill the screen (the appliance)\n"
"  --diagonal INCHES    physical screen diagonal, for 9 mm touch targets\n"
"  --lang TAG           language to start in and return to (default en-GB)\n"
"  --demo               the built-in demo hub; sets staff PIN " DEMO_PIN " if none is set\n"
"  --headless           no window: run --script on a stepped clock\n"
"  --script FILE        the headless script (see docs/headless.md)\n"
"  --out DIR            where headless snaps (PNG) and dumps (JSON) go\n"
"  --set-staff-pin      read a new staff PIN (4-12 digits) from standard input,\n"
"                       store its hash and exit\n"
"  --check              load fonts, languages, content and database, then exit\n"
"  --send-now           send the records waiting to central.url in the\n"
"                       foreground, one line per batch; exit 0 when nothing\n"
"                       is left waiting (rejected records aside)\n"
"  --status             for a technician: content pack, records waiting, the\n"
"                       last upload and the last error; --json for monitoring\n"
"  --import PACK        check the content pack PACK whole and apply it (the\n"
"                       directory and the active pack, in the data directory)\n"
"  --pack-from-oruk URL --hub-template FILE --out PACK\n"
"                       write a pack from an Open Referral UK API: the\n"
"                       template's hub and sessions, the feed's services\n"
"  --exit-after SECONDS quit the window after this long (soak tests, benchmark)\n"
"  --verbose            log debug lines\n"
"  --version            print the version\n"
"  --help               this text\n"
"\n"
"Settings (INI file sections and keys):\n");
    if (f == stdout)
        config_print_keys();
}

enum { OPT_CONFIG = 256, OPT_SET, OPT_DATA, OPT_CONTENT, OPT_WINDOWED, OPT_FULL, OPT_DIAG,
       OPT_LANG, OPT_DEMO, OPT_HEADLESS, OPT_SCRIPT, OPT_OUT, OPT_PIN, OPT_CHECK, OPT_VERBOSE,
       OPT_VERSION, OPT_HELP, OPT_EXIT_AFTER, OPT_SEND_NOW, OPT_IMPORT, OPT_ORUK,
       OPT_HUB_TEMPLATE };
enum { OPT_STATUS = 400, OPT_JSON };

/* --import PACK: the directory and the active pack from PACK. */
static int import_pack(const Config *cfg, const char *pack)
{
    char err[600];
    if (config_make_dir(cfg->data_dir) != K_OK) {
        fprintf(stderr, "kiosk: %s: cannot create: %s\n", cfg->data_dir, strerror(errno));
        return 1;
    }
    ImportSummary sum;
    if (import_file(pack, cfg->data_dir, &sum, err, sizeof err) != K_OK) {
        fprintf(stderr, "kiosk: %s\nkiosk: nothing was changed\n", err);
        return 1;
    }
    printf("Imported %s version %s for hub %s: %zu services, %zu left out, %zu needs, "
           "%zu languages.\n", pack, sum.version, sum.hub_id, sum.services, sum.left_out,
           sum.needs, sum.languages);
    return 0;
}

/* --pack-from-oruk URL --hub-template FILE --out PACK. */
static int pack_from_oruk(const char *url, const char *tmpl, const char *out)
{
    if (!tmpl || !out) {
        fprintf(stderr, "kiosk: --pack-from-oruk needs --hub-template FILE and --out PACK\n");
        return 2;
    }
    char err[600];
    OrukFetchOptions o = { url, tmpl, out, NULL, 0, 0, 0, 0, stdout };
    if (oruk_fetch_pack(&o, err, sizeof err) != K_OK) {
        fprintf(stderr, "kiosk: %s\nkiosk: no pack was written\n", err);
        return 1;
    }
    return 0;
}

static int set_pin(const Config *cfg)
{
    char path[600], pin[64];
    if (!fgets(pin, sizeof pin, stdin)) {
        fprintf(stderr, "kiosk: no PIN on standard input\n");
        return 2;
    }
    pin[strcspn(pin, "\r\n")] = '\0';
    if (config_make_dir(cfg->data_dir) != K_OK) {
        fprintf(stderr, "kiosk: %s: cannot create: %s\n", cfg->data_dir, strerror(errno));
        return 1;
    }
    snprintf(path, sizeof path, "%s/kiosk.db", cfg->data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    if (!s) {
        fprintf(stderr, "kiosk: %s: cannot open the database: %s\n", path, k_strerror(e));
        return 1;
    }
    k_err rc = staff_set_pin(s, pin);
    memset(pin, 0, sizeof pin);
    store_close(s);
    if (rc == K_ERR_INVALID) {
        fprintf(stderr, "kiosk: a staff PIN is 4 to 12 digits\n");
        return 2;
    }
    if (rc != K_OK) {
        fprintf(stderr, "kiosk: the PIN could not be stored: %s\n", k_strerror(rc));
        return 1;
    }
    printf("Staff PIN set.\n");
    return 0;
}

static void demo_pin(const Config *cfg)
{
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", cfg->data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    if (!s)
        return;
    if (!staff_has_pin(s) && staff_set_pin(s, DEMO_PIN) == K_OK)
        LOG_I("main", "demo: staff PIN set to " DEMO_PIN);
    store_close(s);
}

/* --send-now: the hub id is the setting, else the content pack's. */
static int send_waiting(const Config *cfg)
{
    if (!cfg->central_url[0]) {
        fprintf(stderr, "kiosk: --send-now needs central.url (the kiosk is offline)\n");
        return 2;
    }
    char hub[64], err[512];
    snprintf(hub, sizeof hub, "%s", cfg->hub_id);
    if (!hub[0]) {
        ContentPack *p = content_load(cfg->content_pack, err, sizeof err);
        if (!p) {
            fprintf(stderr, "kiosk: hub.hub_id is not set and the content pack cannot be "
                    "read: %s\n", err);
            return 2;
        }
        snprintf(hub, sizeof hub, "%s", content_hub_id(p));
        content_free(p);
    }
    if (sodium_init() < 0) {
        fprintf(stderr, "kiosk: libsodium could not start\n");
        return 2;
    }
    return upload_send_now(cfg, hub, stdout);
}

/* True when the video driver can sleep until an event arrives. SDL's
 * SDL_WaitEventTimeout falls back to waking every millisecond on drivers
 * that cannot (dummy, kmsdrm on the appliance); there the kiosk wakes
 * itself more gently. */
static bool driver_blocks(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (!strcmp(d, "x11") || !strcmp(d, "wayland"));
}

/* Waits up to timeout ms for an event. On drivers that cannot block it
 * polls every 10 ms while a visitor is active (a touch within the last 5
 * s), every 50 ms for the next minute and every 100 ms when the kiosk has
 * stood idle longer. Returns 1 with *ev filled, or 0. */
static int wait_event(SDL_Event *ev, int timeout, bool blocks, uint64_t last_event)
{
    if (blocks)
        return SDL_WaitEventTimeout(ev, timeout);
    uint64_t end = clock_ms() + (uint64_t)timeout;
    for (;;) {
        if (SDL_PollEvent(ev))
            return 1;
        uint64_t now = clock_ms();
        if (now >= end)
            return 0;
        uint64_t quiet = now - last_event;
        uint64_t step = quiet < 5000 ? 10 : quiet < 60000 ? 50 : 100;
        if (end - now < step)
            step = end - now;
        SDL_Delay((Uint32)step);
    }
}

/* True when SDL_VIDEODRIVER names a driver: the caller chose it (the
 * benchmark and soak tests run the real loop on "dummy"). */
static bool driver_asked_for(void)
{
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    return asked && *asked;
}

/* True when SDL, left to choose, found no screen: it fell back to a driver
 * that shows nothing (offscreen, dummy) or sees no display. */
static bool no_screen_found(void)
{
    if (driver_asked_for())
        return false;
    const char *d = SDL_GetCurrentVideoDriver();
    return !d || !strcmp(d, "offscreen") || !strcmp(d, "dummy") || SDL_GetNumVideoDisplays() < 1;
}

/* Says plainly that there is no screen to draw on, what was looked for,
 * and how to run the kiosk. driver is what SDL chose (NULL when it could
 * not start). */
static void tell_no_screen(const char *driver)
{
    char x[160], wl[160];
    const char *xd = getenv("DISPLAY"), *wd = getenv("WAYLAND_DISPLAY");
    if (xd && *xd)
        snprintf(x, sizeof x, "the X display \"%.100s\" could not be opened", xd);
    else
        snprintf(x, sizeof x, "DISPLAY is not set");
    if (wd && *wd)
        snprintf(wl, sizeof wl, "the Wayland display \"%.100s\" could not be opened", wd);
    else
        snprintf(wl, sizeof wl, "WAYLAND_DISPLAY is not set");
    const char *dri = access("/dev/dri", F_OK) == 0 ? "/dev/dri could not be used"
                                                    : "there is no /dev/dri";
    fprintf(stderr, "kiosk: no screen was found (%s; %s; %s)", x, wl, dri);
    if (driver)
        fprintf(stderr, ": SDL fell back to its \"%s\" driver, which shows nothing", driver);
    fprintf(stderr, ".\nkiosk: to see the kiosk, run it from a desktop session; on the "
            "appliance's console, with SDL_VIDEODRIVER=kmsdrm as a user in the video group; or "
            "with no screen at all: kiosk --headless --script FILE --out DIR "
            "(docs/headless.md).\n");
}

/* The real loop: sleeps until an event or the next timer; draws only when
 * something changed. */
static int run_window(const Config *cfg, double exit_after)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        if (!driver_asked_for())
            tell_no_screen(NULL);
        fprintf(stderr, "kiosk: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    if (no_screen_found()) {
        tell_no_screen(SDL_GetCurrentVideoDriver());
        SDL_Quit();
        return 1;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "kiosk: SDL_ttf could not start: %s\n", TTF_GetError());
        SDL_Quit();
        return 1;
    }
    Display disp;   /* the window and its renderer on screen.renderer's path */
    char derr[256];
    if (display_open(&disp, cfg, derr, sizeof derr) != K_OK) {
        fprintf(stderr, "kiosk: %s\n", derr);
        TTF_Quit();
        SDL_Quit();
        return 1;
    }
    SDL_Renderer *r = disp.renderer;
    if (cfg->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    int w, h;
    SDL_GetRendererOutputSize(r, &w, &h);
    char err[512];
    App *a = app_create(cfg, r, w, h, err, sizeof err);
    if (!a) {
        fprintf(stderr, "kiosk: %s\n", err);
        display_close(&disp);
        TTF_Quit();
        SDL_Quit();
        return 1;
    }
    SDL_StartTextInput();
    (void)notify_send("READY=1\nSTATUS=showing the home screen");   /* under systemd */
    bool running = true;
    uint64_t stop_at = exit_after > 0 ? clock_ms() + (uint64_t)(exit_after * 1000) : UINT64_MAX;
    bool blocks = driver_blocks();
    uint64_t last_event = 0;
    while (running && clock_ms() < stop_at) {
        if (app_needs_redraw(a)) {
            app_draw(a);
            SDL_RenderPresent(r);
        }
        uint64_t d = app_next_deadline(a), now = clock_ms();
        if (stop_at < d)
            d = stop_at;
        uint64_t dog = notify_watchdog_tick(now);   /* a hung loop stops these: restarted */
        if (dog != UINT64_MAX && now + dog < d)
            d = now + dog;
        int timeout = 60000;     /* at most a minute, also when nothing is due */
        if (d <= now)
            timeout = 0;
        else if (d - now < 60000)
            timeout = (int)(d - now);
        SDL_Event ev;
        if (wait_event(&ev, timeout, blocks, last_event)) {
            last_event = clock_ms();
            do {
                if (ev.type == SDL_QUIT)
                    running = false;
                else if (ev.type == SDL_WINDOWEVENT &&
                         ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(r, &w, &h);
                    app_resize(a, r, w, h);
                } else
                    app_handle_event(a, &ev);
            } while (SDL_PollEvent(&ev));
        }
        app_tick(a);
    }
    (void)notify_send("STOPPING=1");
    app_destroy(a);
    display_close(&disp);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

static int check_only(const Config *cfg)
{
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "kiosk: SDL could not start: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, cfg->width, cfg->height, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    char err[512], token[512];
    int rc = 0;
    /* the token file is checked, but --check sends nothing */
    Config quiet = *cfg;
    if (cfg->central_url[0]) {
        if (config_read_token(cfg->token_file, token, sizeof token, err, sizeof err) != K_OK) {
            fprintf(stderr, "kiosk: %s\n", err);
            rc = 1;
        }
        sodium_memzero(token, sizeof token);
        quiet.central_url[0] = '\0';
    }
    App *a = r ? app_create(&quiet, r, cfg->width, cfg->height, err, sizeof err) : NULL;
    /* the kiosk reads a language's entries on first use: read all now */
    I18n *langs = a ? i18n_open(cfg->locales_dir, "en-GB", err, sizeof err) : NULL;
    if (a && !langs) {
        fprintf(stderr, "kiosk: %s\n", err);
        rc = 1;
    }
    i18n_close(langs);
    if (!a) {
        fprintf(stderr, "kiosk: %s\n", r ? err : "out of memory");
        rc = 1;
    } else if (app_content_problem(a)[0]) {
        /* The kiosk would run, on the last good copy: staff must still
         * hear that the pack they installed is not the one shown. */
        fprintf(stderr, "kiosk: the content pack was refused and the last good copy would be "
                "shown instead: %s\n", app_content_problem(a));
        rc = 1;
    }
    if (!display_renderer_known(cfg->renderer)) {
        fprintf(stderr, "kiosk: screen.renderer \"%s\": auto, software or gpu\n", cfg->renderer);
        rc = 1;
    }
    if (a && app_db_problem(a)[0]) {
        fprintf(stderr, "kiosk: %s\n", app_db_problem(a));
        rc = 1;
    }
    char phone_why[1200];
    if (a && !phone_ready(phone_why, sizeof phone_why)) {
        fprintf(stderr, "kiosk: phone numbers cannot be checked: %s\n", phone_why);
        rc = 1;
    }
    if (a && rc == 0)
        printf("kiosk: configuration, fonts, languages, content and database are in order\n");
    app_destroy(a);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    TTF_Quit();
    SDL_Quit();
    return rc;
}

int main(int argc, char **argv)
{
    (void)mem_wipe_init(); /* before any SQLite or jansson use; false is logged (mem_wipe.h) */
    static const struct option opts[] = {
        { "config", required_argument, 0, OPT_CONFIG }, { "set", required_argument, 0, OPT_SET },
        { "data-dir", required_argument, 0, OPT_DATA },
        { "content", required_argument, 0, OPT_CONTENT },
        { "windowed", required_argument, 0, OPT_WINDOWED },
        { "fullscreen", no_argument, 0, OPT_FULL }, { "diagonal", required_argument, 0, OPT_DIAG },
        { "lang", required_argument, 0, OPT_LANG }, { "demo", no_argument, 0, OPT_DEMO },
        { "headless", no_argument, 0, OPT_HEADLESS },
        { "script", required_argument, 0, OPT_SCRIPT }, { "out", required_argument, 0, OPT_OUT },
        { "set-staff-pin", no_argument, 0, OPT_PIN }, { "check", no_argument, 0, OPT_CHECK },
        { "verbose", no_argument, 0, OPT_VERBOSE }, { "version", no_argument, 0, OPT_VERSION },
        { "help", no_argument, 0, OPT_HELP },
        { "exit-after", required_argument, 0, OPT_EXIT_AFTER },
        { "status", no_argument, 0, OPT_STATUS }, { "json", no_argument, 0, OPT_JSON },
        { "send-now", no_argument, 0, OPT_SEND_NOW },
        { "import", required_argument, 0, OPT_IMPORT },
        { "pack-from-oruk", required_argument, 0, OPT_ORUK },
        { "hub-template", required_argument, 0, OPT_HUB_TEMPLATE }, { 0, 0, 0, 0 }
    };
    Config cfg;
    config_defaults(&cfg);
    if (!getenv("TZ"))
        setenv("TZ", "Europe/London", 1);
    tzset();
    /* The config file is read first, so that options override it. */
    for (int i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--config")) {
            char err[512];
            if (config_load(&cfg, argv[i + 1], err, sizeof err) != K_OK) {
                fprintf(stderr, "kiosk: %s\n", err);
                return 2;
            }
        }
    bool headless = false, pin = false, check = false, send_now = false;
    bool status = false, json = false;
    double exit_after = 0;
    const char *script = NULL, *out = ".", *import = NULL, *oruk = NULL, *tmpl = NULL;
    bool out_given = false;
    int c;
    char err[512];
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        k_err rc = K_OK;
        switch (c) {
        case OPT_CONFIG: break;
        case OPT_SET: {
            char key[128];
            const char *eq = strchr(optarg, '=');
            if (!eq || eq - optarg >= (long)sizeof key) {
                fprintf(stderr, "kiosk: --set takes SECTION.KEY=VALUE\n");
                return 2;
            }
            snprintf(key, sizeof key, "%.*s", (int)(eq - optarg), optarg);
            rc = config_set(&cfg, key, eq + 1, err, sizeof err);
            break;
        }
        case OPT_DATA: rc = config_set(&cfg, "paths.data_dir", optarg, err, sizeof err); break;
        case OPT_CONTENT: rc = config_set(&cfg, "hub.content_pack", optarg, err, sizeof err); break;
        case OPT_WINDOWED:
            rc = config_set(&cfg, "screen.size", optarg, err, sizeof err);
            cfg.fullscreen = false;
            break;
        case OPT_FULL: cfg.fullscreen = true; break;
        case OPT_DIAG: rc = config_set(&cfg, "screen.diagonal_in", optarg, err, sizeof err); break;
        case OPT_LANG:
            rc = config_set(&cfg, "hub.default_language", optarg, err, sizeof err);
            break;
        case OPT_DEMO: cfg.demo = true; break;
        case OPT_HEADLESS: headless = true; break;
        case OPT_SCRIPT: script = optarg; break;
        case OPT_OUT: out = optarg; out_given = true; break;
        case OPT_IMPORT: import = optarg; break;
        case OPT_ORUK: oruk = optarg; break;
        case OPT_HUB_TEMPLATE: tmpl = optarg; break;
        case OPT_PIN: pin = true; break;
        case OPT_CHECK: check = true; break;
        case OPT_SEND_NOW: send_now = true; break;
        case OPT_STATUS: status = true; break;
        case OPT_JSON: json = true; break;
        case OPT_VERBOSE: log_set_level(LOG_DEBUG); break;
        case OPT_EXIT_AFTER:
            if (parse_double(optarg, 0.001, 31536000.0, &exit_after) != K_OK) {
                fprintf(stderr, "kiosk: --exit-after takes seconds (a number above 0, at most "
                        "31536000), not \"%.40s\"\n", optarg);
                return 2;
            }
            break;
        case OPT_VERSION: printf("family-hub-kiosk %s\n", KIOSK_VERSION); return 0;
        case OPT_HELP: usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (rc != K_OK) {
            fprintf(stderr, "kiosk: %s\n", err);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument \"%s\"\n", argv[optind]);
        return 2;
    }
    if (config_check(&cfg, err, sizeof err) != K_OK) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 2;
    }
    if (oruk)
        return pack_from_oruk(oruk, tmpl, out_given ? out : NULL);
    if (import)
        return import_pack(&cfg, import);
    if (pin)
        return set_pin(&cfg);
    if (status)
        return status_main(&cfg, json, stdout, stderr);
    if (send_now)
        return send_waiting(&cfg);
    if (cfg.demo && !headless && config_make_dir(cfg.data_dir) == K_OK)
        demo_pin(&cfg);
    if (check)
        return check_only(&cfg);
    if (headless) {
        if (!script) {
            fprintf(stderr, "kiosk: --headless needs --script FILE\n");
            return 2;
        }
        k_err rc = headless_run(&cfg, script, NULL, out, err, sizeof err);
        if (rc != K_OK) {
            fprintf(stderr, "kiosk: %s\n", err);
            return 1;
        }
        return 0;
    }
    return run_window(&cfg, exit_after);
}
