/* bench_kiosk.c — the kiosk's speed and memory, as medians of several runs
 * (make bench). Not a test: it prints figures beside their targets.
 *
 * Usage: bench_kiosk PATH/TO/kiosk [PATH/TO/kiosk-before]
 * With a second binary (built from an earlier commit, e.g. 90ea35e), its
 * cold start and its peak RSS over tests/scripts/checkin.txt are measured
 * in the same rounds and the ratios printed, and so is a redraw after a
 * tap (bench_redraw_vs_before): on a shared, noisy machine
 * ratios within one run are the figures to compare (make bench
 * BENCH_BEFORE=PATH). Set BENCH_IDLE_RUNS=0 to skip the 30-second idle
 * measurement. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app_tap.h"
#include "kiosk/phone.h"
#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/config.h"
#include "kiosk/i18n.h"
#include "kiosk/log.h"
#include "kiosk/store.h"
#include "kiosk/text.h"
#include "../kiosk/text_private.h"
#include <unicode/ubrk.h>
#include "bench_util.h"

static char tmp[256];

/* Before the design, icons and uploader work (commit 90ea35e), on the
 * machine the kiosk is benchmarked on: cold start 31.5 ms, peak RSS 21.9
 * MiB over tests/scripts/checkin.txt. Issue 7 asks for both within 10%. */
#define START_BEFORE_MS 31.5
#define RSS_BEFORE_MIB 21.9

static void row(const char *what, double value, const char *unit, const char *target)
{
    printf("  %-52s %10.2f %-4s  target %s\n", what, value, unit, target);
}

/* Runs the kiosk binary with args; returns wall ms, and the child's peak
 * RSS (KiB) and CPU seconds through the pointers. */
static double run_child(char *const argv[], const char *env_driver, long *maxrss_kib,
                        double *cpu_s)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        if (env_driver)
            setenv("SDL_VIDEODRIVER", env_driver, 1);
        if (!freopen("/dev/null", "w", stderr))
            _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed\n", argv[0]);
        exit(1);
    }
    double t = now_ms() - t0;
    if (maxrss_kib)
        *maxrss_kib = ru.ru_maxrss;
    if (cpu_s)
        *cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    return t;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        exit(1);
    }
}

static const char *tour_lines =
    "present\ntap nav.lang\npresent\ntap nav.back\ntap home.checkin\npresent\n"
    "tap checkin.session.0\npresent\ntap party.adults.plus\npresent\ntap party.next\npresent\n"
    "tap details.first.yes\ntap details.name\ntype Anna\npresent\ntap kbd.done\n"
    "tap details.next\ntap-if details.next\npresent\ntap confirm.ok\npresent\ntap thanks.done\n"
    "tap home.support\npresent\ntap nav.back\ntap home.callback\npresent\ntap nav.back\n"
    "tap home.advocate\npresent\ntap nav.back\npresent\n";

static void bench_start_and_memory(const char *kiosk, const char *before)
{
    char script[400], data[400], out[400];
    snprintf(script, sizeof script, "%s/first.txt", tmp);
    snprintf(data, sizeof data, "%s/data-start", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    write_file(script, "present\n");
    const char *langs[] = { "en-GB", "ta", "ur" };
    enum { RUNS = 21 };
    double t[3][RUNS], ratio[2][RUNS], tb[RUNS], vs[RUNS], cpu[RUNS], cpu_b[RUNS], cvs[RUNS];
    char data_b[400];
    snprintf(data_b, sizeof data_b, "%s/data-before", tmp);
    char *argv_b[] = { (char *)before, "--headless", "--script", script, "--out", out,
                       "--data-dir", data_b, NULL };
    if (before)
        run_child(argv_b, NULL, NULL, NULL);
    printf("Cold start to the first home frame (process start to exit, headless), %d runs "
           "each, languages interleaved:\n", RUNS);
    for (int l = 0; l < 3; l++) {
        char *argv[] = { (char *)kiosk, "--headless", "--script", script, "--out", out,
                         "--data-dir", data, "--lang", (char *)langs[l], NULL };
        run_child(argv, NULL, NULL, NULL); /* warm the page cache and the database */
    }
    for (int i = 0; i < RUNS; i++)
        for (int l = 0; l < 3; l++) {
            char *argv[] = { (char *)kiosk, "--headless", "--script", script, "--out", out,
                             "--data-dir", data, "--lang", (char *)langs[l], NULL };
            t[l][i] = run_child(argv, NULL, NULL, l == 0 ? &cpu[i] : NULL);
            if (l == 0 && before) {
                tb[i] = run_child(argv_b, NULL, NULL, &cpu_b[i]);
                vs[i] = t[0][i] / tb[i];
                cvs[i] = cpu[i] / cpu_b[i];
            }
        }
    for (int i = 0; i < RUNS; i++) {
        ratio[0][i] = t[1][i] / t[0][i];
        ratio[1][i] = t[2][i] / t[0][i];
    }
    for (int l = 0; l < 3; l++) {
        char what[80];
        snprintf(what, sizeof what, "home, %s", langs[l]);
        row(what, median(t[l], RUNS), "ms",
            l == 0 ? "<= 34.7 ms (31.5 before, + 10%)" : "-");
    }
    row("Tamil / English (median of per-round ratios)", median(ratio[0], RUNS), "x", "<= 1.5");
    row("Urdu / English (median of per-round ratios)", median(ratio[1], RUNS), "x", "<= 1.5");
    if (before) {
        row("home, en-GB, the earlier binary", median(tb, RUNS), "ms", "-");
        row("English / the earlier binary (per-round ratios)", median(vs, RUNS), "x", "<= 1.10");
        for (int i = 0; i < RUNS; i++) {
            cpu[i] *= 1000.0;
            cpu_b[i] *= 1000.0;
        }
        row("CPU (user + system) per start, English", median(cpu, RUNS), "ms", "-");
        row("CPU per start, the earlier binary", median(cpu_b, RUNS), "ms", "-");
        row("  CPU ratio (per-round ratios)", median(cvs, RUNS), "x", "<= 1.10");
    }

    /* Peak RSS: the check-in script the earlier figure was taken on; every
     * screen in English; then every screen in all seven. */
    char *argv_ci[] = { (char *)kiosk, "--headless", "--script", "tests/scripts/checkin.txt",
                        "--out", out, "--data-dir", data, NULL };
    char *argv_cib[] = { (char *)before, "--headless", "--script", "tests/scripts/checkin.txt",
                         "--out", out, "--data-dir", data_b, NULL };
    long rss[5], rss_b;
    double r[5], rb[5], rvs[5];
    for (int i = 0; i < 5; i++) {
        run_child(argv_ci, NULL, &rss[i], NULL);
        r[i] = rss[i] / 1024.0;
        if (before) {
            run_child(argv_cib, NULL, &rss_b, NULL);
            rb[i] = rss_b / 1024.0;
            rvs[i] = r[i] / rb[i];
        }
    }
    printf("Memory (peak RSS of the process, 5 runs):\n");
    row("tests/scripts/checkin.txt (English)", median(r, 5), "MiB",
        "<= 24.1 MiB (21.9 before, + 10%)");
    if (before) {
        row("the same, the earlier binary", median(rb, 5), "MiB", "-");
        row("  ratio (this / the earlier binary)", median(rvs, 5), "x", "<= 1.10");
    }
    char tour[8192] = "";
    strcat(tour, tour_lines);
    snprintf(script, sizeof script, "%s/tour.txt", tmp);
    write_file(script, tour);
    char *argv[] = { (char *)kiosk, "--headless", "--script", script, "--out", out, "--data-dir",
                     data, NULL };
    for (int i = 0; i < 5; i++) {
        run_child(argv, NULL, &rss[i], NULL);
        r[i] = rss[i] / 1024.0;
    }
    row("after visiting every screen (English)", median(r, 5), "MiB", "<= 40 MiB");
    const char *all[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    tour[0] = '\0';
    for (int l = 0; l < 7; l++) {
        char line[32];
        snprintf(line, sizeof line, "lang %s\n", all[l]);
        strcat(tour, line);
        strcat(tour, tour_lines);
    }
    write_file(script, tour);
    for (int i = 0; i < 5; i++) {
        run_child(argv, NULL, &rss[i], NULL);
        r[i] = rss[i] / 1024.0;
    }
    row("after every screen in all seven languages", median(r, 5), "MiB", "<= 46 MiB (40 + 15%)");
    /* and again with larger text and high contrast chosen before each tour */
    tour[0] = '\0';
    for (int l = 0; l < 7; l++) {
        char line[160];
        snprintf(line, sizeof line, "lang %s\ntap nav.access\ntap access.large\n"
                 "tap access.contrast\ntap access.done\n", all[l]);
        strcat(tour, line);
        strcat(tour, tour_lines);
    }
    write_file(script, tour);
    for (int i = 0; i < 5; i++) {
        run_child(argv, NULL, &rss[i], NULL);
        r[i] = rss[i] / 1024.0;
    }
    row("the same, larger text and high contrast too", median(r, 5), "MiB", "<= 46 MiB");
}

/* A redraw after a tap, this binary against the earlier one, in the same
 * rounds: each runs a headless script of REDRAWS taps on the party screen
 * (adults + and -), once with a frame drawn after each tap and once
 * without; the difference in CPU time, divided by REDRAWS, is what a
 * redraw costs in that binary (800x480, software renderer). Taps, start-up
 * and exit cancel out. */
static void bench_redraw_vs_before(const char *kiosk, const char *before)
{
    enum { REDRAWS = 400, ROUNDS = 5 };
    char drawn[400], taps[400], out[400], data[400], data_b[400];
    snprintf(drawn, sizeof drawn, "%s/redraw.txt", tmp);
    snprintf(taps, sizeof taps, "%s/taps.txt", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    snprintf(data, sizeof data, "%s/data-redraw", tmp);
    snprintf(data_b, sizeof data_b, "%s/data-redraw-before", tmp);
    static char with[REDRAWS * 40 + 200], without[REDRAWS * 40 + 200];
    const char *head = "size 800x480\ntap home.checkin\ntap checkin.session.0\npresent\n";
    strcpy(with, head);
    strcpy(without, head);
    for (int i = 0; i < REDRAWS; i++) {
        const char *t = i % 2 ? "tap party.adults.minus\n" : "tap party.adults.plus\n";
        strcat(with, t);
        strcat(with, "present\n");
        strcat(without, t);
    }
    write_file(drawn, with);
    write_file(taps, without);
    const char *bins[2] = { kiosk, before };
    const char *dirs[2] = { data, data_b };
    double per[2][ROUNDS], ratio[ROUNDS];
    for (int b = 0; b < 2; b++) {   /* the databases made, the page cache warm */
        char *argv[] = { (char *)bins[b], "--headless", "--script", taps, "--out", out,
                         "--data-dir", (char *)dirs[b], NULL };
        run_child(argv, NULL, NULL, NULL);
    }
    for (int i = 0; i < ROUNDS; i++) {
        for (int b = 0; b < 2; b++) {
            char *argv_w[] = { (char *)bins[b], "--headless", "--script", drawn, "--out", out,
                               "--data-dir", (char *)dirs[b], NULL };
            char *argv_t[] = { (char *)bins[b], "--headless", "--script", taps, "--out", out,
                               "--data-dir", (char *)dirs[b], NULL };
            double cw, ct;
            run_child(argv_w, NULL, NULL, &cw);
            run_child(argv_t, NULL, NULL, &ct);
            per[b][i] = (cw - ct) * 1000.0 / REDRAWS;
        }
        ratio[i] = per[0][i] / per[1][i];
    }
    printf("Redraw after a tap at 800x480, this binary and the earlier one (CPU of %d "
           "redraws in a headless script, less the same taps undrawn; %d rounds):\n",
           REDRAWS, ROUNDS);
    row("party +/-, CPU per redraw", median(per[0], ROUNDS), "ms", "<= 5 ms");
    row("the same, the earlier binary", median(per[1], ROUNDS), "ms", "-");
    row("  ratio (per-round ratios)", median(ratio, ROUNDS), "x", "-");
}

/* The shared libraries the kiosk's binary loads at start (as ldd lists
 * them): libcurl and its thirty are not among them (http.c opens libcurl
 * on the first request). */
static void bench_libraries(const char *kiosk)
{
    char cmd[600], line[512];
    snprintf(cmd, sizeof cmd, "LD_TRACE_LOADED_OBJECTS=1 '%s'", kiosk);
    FILE *p = popen(cmd, "r");
    int n = 0, curl = 0;
    while (p && fgets(line, sizeof line, p)) {
        n += strstr(line, "=>") || strstr(line, "ld-linux") ? 1 : 0;
        curl += strstr(line, "libcurl") ? 1 : 0;
    }
    if (!p || pclose(p) != 0) {
        fprintf(stderr, "bench: cannot list the libraries of %s\n", kiosk);
        exit(1);
    }
    printf("Shared libraries loaded at start:\n");
    row("libraries (ldd)", n, "", "-");
    row("of which libcurl", curl, "", "0 (loaded on the first request)");
}

/* Resident set size of this process in KiB (/proc/self/statm). */
static double rss_kib(void)
{
    long pages = 0, resident = 0;
    FILE *fp = fopen("/proc/self/statm", "r");
    if (!fp || fscanf(fp, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    if (fp)
        fclose(fp);
    return resident * (sysconf(_SC_PAGESIZE) / 1024.0);
}

/* ICU's cost: the first line-break iterator open (its data loaded) and the
 * RSS it adds, each in a fresh child (the parent has not used ICU). */
static void bench_icu(void)
{
    enum { RUNS = 9 };
    double ms[RUNS], kib[RUNS];
    for (int i = 0; i < RUNS; i++) {
        int fd[2];
        if (pipe(fd) != 0)
            exit(1);
        pid_t pid = fork();
        if (pid == 0) {
            close(fd[0]);
            double r0 = rss_kib(), t0 = now_ms();
            UErrorCode st = U_ZERO_ERROR;
            UBreakIterator *it = ubrk_open(UBRK_LINE, "en_GB", NULL, 0, &st);
            double v[2] = { now_ms() - t0, rss_kib() - r0 };
            if (U_FAILURE(st))
                _exit(1);
            ubrk_close(it);
            _exit(write(fd[1], v, sizeof v) == (ssize_t)sizeof v ? 0 : 1);
        }
        close(fd[1]);
        double v[2];
        int status;
        if (read(fd[0], v, sizeof v) != (ssize_t)sizeof v || waitpid(pid, &status, 0) < 0 ||
            !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench: ICU line-break iterator failed to open\n");
            exit(1);
        }
        close(fd[0]);
        ms[i] = v[0];
        kib[i] = v[1];
    }
    /* then once here, where every other library's pages are already
     * resident: the RSS that ICU alone adds */
    double r0 = rss_kib(), t0 = now_ms();
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, "en_GB", NULL, 0, &st);
    double here_ms = now_ms() - t0, here_kib = rss_kib() - r0;
    if (U_FAILURE(st)) {
        fprintf(stderr, "bench: ICU line-break iterator failed to open\n");
        exit(1);
    }
    ubrk_close(it);
    printf("ICU line breaking, first use (median of %d fresh children; RSS in this process):\n", RUNS);
    printf("  %-52s %10.2f ms    adds %.2f MiB RSS (children: %.2f ms, %.2f MiB)\n",
           "first line-break iterator open (data load)", here_ms, here_kib / 1024.0,
           median(ms, RUNS), median(kib, RUNS) / 1024.0);
}

static void bench_idle(const char *kiosk)
{
    const char *runs_env = getenv("BENCH_IDLE_RUNS");
    int runs = runs_env ? atoi(runs_env) : 3;
    if (runs <= 0)
        return;
    char data[400];
    snprintf(data, sizeof data, "%s/data-idle", tmp);
    char *short_run[] = { (char *)kiosk, "--demo", "--data-dir", data, "--exit-after", "1", NULL };
    char *long_run[] = { (char *)kiosk, "--demo", "--data-dir", data, "--exit-after", "31", NULL };
    double idle[8];
    if (runs > 8)
        runs = 8;
    printf("Idle on the home screen (real loop and clock, dummy video driver), %d runs:\n", runs);
    for (int i = 0; i < runs; i++) {
        double c1, c31;
        run_child(short_run, "dummy", NULL, &c1);
        run_child(long_run, "dummy", NULL, &c31);
        idle[i] = c31 - c1;
    }
    row("CPU used over 30 s idle (31 s run minus 1 s run)", median(idle, runs), "s", "<= 0.1 s");
}

static void tap(App *a, const char *id)
{
    if (app_tap_id(a, id) != 0) {
        fprintf(stderr, "bench: no widget %s on %s\n", id, app_screen_name(app_screen(a)));
        exit(1);
    }
}

static double timed_draw(App *a, SDL_Renderer *r)
{
    double t0 = now_ms();
    app_draw(a);
    SDL_RenderPresent(r);
    return now_ms() - t0;
}

static void bench_in_process(void)
{
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        exit(1);
    clock_use_stepped(1795429800); /* Monday 23 November 2026, 10:30 */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    Config cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s/data-inproc", tmp);
    char err[512];
    App *a = app_create(&cfg, r, 800, 480, err, sizeof err);
    if (!a) {
        fprintf(stderr, "bench: %s\n", err);
        exit(1);
    }
    enum { N = 201 };
    static double t[N];
    /* a tap that changes the screen's content, then the redraw */
    tap(a, "home.checkin");
    tap(a, "checkin.session.0");
    timed_draw(a, r);
    for (int i = 0; i < N; i++) {
        tap(a, i % 2 ? "party.adults.minus" : "party.adults.plus");
        t[i] = timed_draw(a, r);
    }
    printf("Rendering at 800x480 (software renderer), %d taps:\n", N);
    row("full screen after a tap (party +/-), median", median(t, N), "ms", "<= 5 ms");
    for (int i = 0; i < N; i++) {
        tap(a, i % 2 ? "nav.back" : "party.next");
        t[i] = timed_draw(a, r);
    }
    row("screen change after a tap (party <-> details), median", median(t, N), "ms", "<= 5 ms");
    /* the same taps with larger text and high contrast chosen */
    tap(a, "nav.access");
    tap(a, "access.large");
    tap(a, "access.contrast");
    tap(a, "access.done");
    tap(a, "nav.back");   /* from details, where the loop above ended */
    timed_draw(a, r);
    for (int i = 0; i < N; i++) {
        tap(a, i % 2 ? "party.adults.minus" : "party.adults.plus");
        t[i] = timed_draw(a, r);
    }
    row("the same, larger text and high contrast, median", median(t, N), "ms", "<= 5 ms");

    /* switching language redraws the screen in the new one */
    tap(a, "nav.exit");
    I18n *langs = i18n_open(cfg.locales_dir, "en-GB", err, sizeof err);
    int nl = langs ? i18n_count(langs) : 0;
    double first[16];
    text_stats_reset(app_text(a));
    for (int l = 0; l < nl && l < 16; l++) {
        app_set_language(a, i18n_lang(langs, (l + 1) % nl)->tag);
        first[l] = timed_draw(a, r);
    }
    for (int i = 0; i < N; i++) {
        app_set_language(a, i18n_lang(langs, i % nl)->tag);
        t[i] = timed_draw(a, r);
    }
    row("switching language, first time each, median", median(first, nl), "ms", "-");
    row("switching language, median", median(t, N), "ms", "<= 30 ms");
    i18n_close(langs);

    /* the text cache over a whole tour in every language */
    text_stats_reset(app_text(a));
    const char *tags[] = { "en-GB", "ta", "pl", "ur", "bg", "ro", "uk" };
    for (int rep = 0; rep < 2; rep++)
        for (int l = 0; l < 7; l++) {
            app_set_language(a, tags[l]);
            timed_draw(a, r);
            tap(a, "home.checkin");
            timed_draw(a, r);
            tap(a, "checkin.session.0");
            timed_draw(a, r);
            tap(a, "party.next");
            timed_draw(a, r);
            tap(a, "nav.exit");
        }
    TextStats ts;
    text_stats(app_text(a), &ts);
    printf("Text cache over two tours in seven languages:\n");
    row("hit rate", 100.0 * ts.hits / (ts.hits + ts.misses ? ts.hits + ts.misses : 1), "%", "-");
    row("textures held", ts.entries, "", "-");
    row("memory held", ts.bytes / 1048576.0, "MiB", "bounded by 8 MiB");
    TextEngine *te = app_text(a);
    char bound[64];
    snprintf(bound, sizeof bound, "<= %d (two per file)", 2 * te->nfiles);
    row("fonts open", te->fonts_open, "", bound);
    row("fonts opened since start", (double)te->font_opens, "", "-");
    row("changes of an open font's size since start", (double)te->font_resizes, "", "-");
    app_destroy(a);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    TTF_Quit();
    SDL_Quit();
    clock_use_real();
}

static void bench_commit(void)
{
    char dir[400], path[500];
    snprintf(dir, sizeof dir, "%s/data-commit", tmp);
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    k_err e;
    Store *s = store_open(path, &e);
    if (!s)
        exit(1);
    CheckinRecord rec;
    memset(&rec, 0, sizeof rec);
    snprintf(rec.session_id, sizeof rec.session_id, "coffee-morning");
    snprintf(rec.session_name, sizeof rec.session_name, "Coffee morning");
    rec.adults = 2;
    rec.children[BAND_1_4] = 2;
    rec.first_visit = true;
    snprintf(rec.language, sizeof rec.language, "ta");
    snprintf(rec.first_name, sizeof rec.first_name, "அனிதா");
    snprintf(rec.postcode_district, sizeof rec.postcode_district, "SM1");
    snprintf(rec.consent_version, sizeof rec.consent_version, "checkin-1");
    enum { N = 201 };
    double t[N];
    char id[37];
    for (int i = 0; i < N; i++) {
        double t0 = now_ms();
        if (store_add_checkin(s, &rec, time(NULL), id) != K_OK)
            exit(1);
        t[i] = now_ms() - t0;
    }
    store_close(s);
    printf("Storage (SQLite WAL, synchronous=FULL, on this machine's disk), %d check-ins:\n", N);
    row("check-in commit with fsync, median", median(t, N), "ms", "<= 20 ms");
    /* the integrity check at open (quick_check), on 10,000 outbox records */
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 10000 - 201) INSERT INTO outbox(id, type, schema, created_at, "
                         "payload, state, seq) SELECT 'bench-' || i, type, schema, created_at, "
                         "payload, 'pending', 1000 + i FROM n, (SELECT * FROM outbox LIMIT 1)",
                     NULL, NULL, NULL) != SQLITE_OK)
        exit(1);
    sqlite3_close(db);
    double o[5];
    for (int i = 0; i < 5; i++) {
        double t0 = now_ms();
        s = store_open(path, &e);
        o[i] = now_ms() - t0;
        if (!s)
            exit(1);
        store_close(s);
    }
    row("open with integrity check, 10,000 records, median", median(o, 5), "ms", "<= 100 ms");
}

/* The phone number plugin's cost (kiosk/phone.cc, opened by
 * kiosk/phone_load.c): nothing at start-up; the first number checked opens
 * the plugin with libphonenumber, protobuf and abseil (dlopen, phone_ready
 * here to time it apart), then loads libphonenumber's metadata. Each first
 * check and the RSS it adds in a fresh child (this process has not opened
 * the plugin yet); then a check once loaded. */
static void bench_phone(void)
{
    enum { RUNS = 9 };
    double open_ms[RUNS], first_ms[RUNS], kib[RUNS];
    for (int i = 0; i < RUNS; i++) {
        int fd[2];
        if (pipe(fd) != 0)
            exit(1);
        pid_t pid = fork();
        if (pid == 0) {
            close(fd[0]);
            char e[17];
            double r0 = rss_kib(), t0 = now_ms();
            bool ready = phone_ready(NULL, 0);
            double t1 = now_ms();
            PhoneVerdict pv = phone_check("07700 900123", e, sizeof e, NULL, 0);
            double v[3] = { t1 - t0, now_ms() - t1, rss_kib() - r0 };
            _exit(ready && pv == PHONE_OK && write(fd[1], v, sizeof v) == (ssize_t)sizeof v ? 0
                                                                                             : 1);
        }
        close(fd[1]);
        double v[3];
        int status;
        if (read(fd[0], v, sizeof v) != (ssize_t)sizeof v || waitpid(pid, &status, 0) < 0 ||
            !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench: phone number check failed (is build/libkiosk-phone.so "
                    "there?)\n");
            exit(1);
        }
        close(fd[0]);
        open_ms[i] = v[0];
        first_ms[i] = v[1];
        kib[i] = v[2];
    }
    double total[RUNS];
    for (int i = 0; i < RUNS; i++)
        total[i] = open_ms[i] + first_ms[i];
    char e[17];
    phone_check("+48 512 345 678", e, sizeof e, NULL, 0);
    enum { N = 2000 };
    double t0 = now_ms();
    for (int i = 0; i < N; i++)
        phone_check(i % 2 ? "(020) 7946 0000" : "07700 900123", e, sizeof e, NULL, 0);
    double each_us = (now_ms() - t0) * 1000.0 / N;
    printf("Phone numbers (the plugin and libphonenumber, opened on first use; median of %d "
           "fresh children):\n", RUNS);
    printf("  %-52s %10.2f ms    adds %.2f MiB RSS\n", "first number checked, in all",
           median(total, RUNS), median(kib, RUNS) / 1024.0);
    printf("  %-52s %10.2f ms\n", "  of which opening the plugin (dlopen, 12 libraries)",
           median(open_ms, RUNS));
    printf("  %-52s %10.2f ms\n", "  of which the first check (metadata load)",
           median(first_ms, RUNS));
    printf("  %-52s %10.2f us\n", "a number checked once loaded, mean of 2,000", each_us);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: bench_kiosk PATH/TO/kiosk [PATH/TO/kiosk-before]\n");
        return 2;
    }
    setenv("TZ", "Europe/London", 1);
    tzset();
    log_set_level(LOG_ERROR);
    snprintf(tmp, sizeof tmp, "%s/kiosk-bench-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmp))
        return 1;
    printf("Family Hub Kiosk benchmark (demo content). Medians; compare ratios within one run.\n");
    bench_libraries(argv[1]);
    bench_icu();
    bench_phone();
    bench_start_and_memory(argv[1], argc == 3 ? argv[2] : NULL);
    if (argc == 3)
        bench_redraw_vs_before(argv[1], argv[2]);
    bench_in_process();
    bench_commit();
    bench_idle(argv[1]);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : 1;
}
