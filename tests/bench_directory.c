/* bench_directory.c — the support directory's speed and memory with a
 * generated pack of 5,000 services in seven languages (make bench). Not a
 * test: it prints figures beside their targets, medians and 95th
 * percentiles of several runs. Beside the times on the clock it prints
 * CPU times, which a shared machine does not inflate. The kiosk's peak
 * memory (importing the pack, and showing home with it) is measured on
 * programs started by a process forked before this one grows.
 *
 * Usage: bench_directory PATH/TO/kiosk */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "directory_fixture.h"
#include "kiosk/directory.h"
#include "kiosk/import.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/utf8.h"
#include "bench_util.h"

#define SERVICES 5000
#define RUNS 5

static char tmp[256];

/* CPU time of this thread: what the work took without the time other
 * processes on a shared machine held the processor. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The q-th quantile (0.5 median, 0.95) of v[0..n); sorts v. */
static double quantile(double *v, int n, double q)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int i = (int)(q * (n - 1) + 0.5);
    return v[i];
}

static void row(const char *what, double value, const char *unit, const char *target)
{
    printf("  %-60s %9.2f %-4s  target %s\n", what, value, unit, target);
}

static double rss_mib(void)
{
    long pages = 0, resident = 0;
    FILE *fp = fopen("/proc/self/statm", "r");
    if (!fp || fscanf(fp, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    if (fp)
        fclose(fp);
    return resident * (sysconf(_SC_PAGESIZE) / 1048576.0);
}

static void bench_import(const char *pack, const char *data)
{
    double t[RUNS], c[RUNS];
    for (int i = 0; i < RUNS; i++) {
        char err[600];
        ImportSummary sum;
        double t0 = now_ms(), c0 = cpu_ms();
        if (import_file(pack, data, &sum, err, sizeof err) != K_OK) {
            fprintf(stderr, "bench: import failed: %s\n", err);
            exit(1);
        }
        t[i] = now_ms() - t0;
        c[i] = cpu_ms() - c0;
        if (sum.services != SERVICES) {
            fprintf(stderr, "bench: %zu services imported\n", sum.services);
            exit(1);
        }
    }
    printf("Import of %d services in 7 languages (%d runs):\n", SERVICES, RUNS);
    row("import, median", quantile(t, RUNS, 0.5), "ms", "<= 2000 ms");
    row("import, slowest", quantile(t, RUNS, 1.0), "ms", "-");
    row("import, median CPU time", quantile(c, RUNS, 0.5), "ms", "-");
}

/* Words typed letter by letter, in several scripts, some without their
 * diacritics. */
static const char *const typed[] = {
    "support", "children advice", "zywnosc", "wsparcie", "உதவி", "குழந்தைகள்", "مشورہ",
    "والدین", "подкрепа", "діти", "sanatate", "părinți",
};
#define NTYPED (sizeof typed / sizeof typed[0])

static void bench_search(Directory *d)
{
    enum { MAXK = 2000 };
    static double k[MAXK], kc[MAXK];
    int nk = 0, hits = 0;
    for (int r = 0; r < RUNS; r++)
        for (size_t w = 0; w < NTYPED; w++) {
            char q[128] = "";
            size_t len = strlen(typed[w]), i = 0;
            while (i < len && nk < MAXK) {
                uint32_t c = utf8_next(typed[w], len, &i);
                utf8_append(q, sizeof q, c);
                DirItem items[20];
                double t0 = now_ms(), c0 = cpu_ms();
                int n = directory_search(d, q, "en", items, 20);
                kc[nk] = cpu_ms() - c0;
                k[nk++] = now_ms() - t0;
                if (n < 0) {
                    fprintf(stderr, "bench: search failed\n");
                    exit(1);
                }
                hits += n > 0;
            }
        }
    printf("Search as you type: %zu words in 6 scripts letter by letter, %d runs, %d "
           "keystrokes (%d with results):\n", NTYPED, RUNS, nk, hits);
    row("a keystroke, median", quantile(k, nk, 0.5), "ms", "-");
    row("a keystroke, p95", quantile(k, nk, 0.95), "ms", "<= 10 ms");
    row("a keystroke, slowest", quantile(k, nk, 1.0), "ms", "-");
    row("a keystroke, p95 CPU time", quantile(kc, nk, 0.95), "ms", "-");
}

static void bench_needs(Directory *d)
{
    enum { N = 28 * RUNS };
    double t[N], c[N];
    int nt = 0, most = 0;
    static DirItem items[SERVICES];
    const char *langs[] = { "en-GB", "pl", "ta", "ur", "uk" };
    for (int r = 0; r < RUNS; r++)
        for (int k = 0; k < 28; k++) {
            char id[32];
            snprintf(id, sizeof id, "need-%d", k);
            double t0 = now_ms(), c0 = cpu_ms();
            int n = directory_list_need(d, id, langs[(k + r) % 5], items, SERVICES);
            c[nt] = cpu_ms() - c0;
            t[nt++] = now_ms() - t0;
            if (n < 0) {
                fprintf(stderr, "bench: listing failed\n");
                exit(1);
            }
            most = n > most ? n : most;
        }
    printf("Opening a need's list (28 needs, up to %d services each, 5 languages, %d runs):\n",
           most, RUNS);
    row("a need's whole list, median", quantile(t, nt, 0.5), "ms", "-");
    row("a need's whole list, p95", quantile(t, nt, 0.95), "ms", "<= 15 ms");
    row("a need's whole list, p95 CPU time", quantile(c, nt, 0.95), "ms", "-");
    nt = 0;
    for (int r = 0; r < RUNS; r++)
        for (int k = 0; k < 28; k++) {
            char id[32];
            snprintf(id, sizeof id, "svc-%05d", (k * 173 + r * 31) % SERVICES);
            bool all;
            double t0 = now_ms();
            Service *s = directory_service(d, id, "ta", &all);
            t[nt++] = now_ms() - t0;
            if (!s) {
                fprintf(stderr, "bench: service %s not read\n", id);
                exit(1);
            }
            service_free(s);
        }
    row("one service read back whole, p95", quantile(t, nt, 0.95), "ms", "-");
}

/* Programs are started by a process forked at the very start, before the
 * pack and the imports make this one large: the peak RSS Linux reports for
 * a program counts from the resident size of the process it was forked
 * from (the pages they share until exec), so one started from here could
 * report this process's memory as its own. The spawner reads one
 * command a line (arguments separated by tabs), runs it with stderr to
 * /dev/null, and answers its peak RSS in KiB, or -1 when it failed. */
static FILE *spawn_req, *spawn_ans;

static void spawner_run(FILE *in, FILE *out)
{
    char line[2048];
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        char *argv[16];
        int n = 0;
        for (char *a = strtok(line, "\t"); a && n < 15; a = strtok(NULL, "\t"))
            argv[n++] = a;
        argv[n] = NULL;
        long kib = -1;
        pid_t pid = n > 0 ? fork() : -1;
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stderr) || !freopen("/dev/null", "w", stdout))
                _exit(127);
            execv(argv[0], argv);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (pid > 0 && wait4(pid, &status, 0, &ru) == pid && WIFEXITED(status) &&
            WEXITSTATUS(status) == 0)
            kib = ru.ru_maxrss;
        fprintf(out, "%ld\n", kib);
        fflush(out);
    }
}

static void spawner_start(void)
{
    int rq[2], an[2];
    if (pipe(rq) != 0 || pipe(an) != 0)
        exit(1);
    pid_t pid = fork();
    if (pid < 0)
        exit(1);
    if (pid == 0) {
        close(rq[1]);
        close(an[0]);
        FILE *in = fdopen(rq[0], "r"), *out = fdopen(an[1], "w");
        if (in && out)
            spawner_run(in, out);
        _exit(0);
    }
    close(rq[0]);
    close(an[1]);
    spawn_req = fdopen(rq[1], "w");
    spawn_ans = fdopen(an[0], "r");
    if (!spawn_req || !spawn_ans)
        exit(1);
}

/* Peak RSS (MiB) of the program argv (NULL-terminated) run by the spawner;
 * exits the benchmark when it failed. */
static double spawn_rss(const char *const *argv)
{
    for (int i = 0; argv[i]; i++)
        fprintf(spawn_req, "%s%s", i ? "\t" : "", argv[i]);
    fputc('\n', spawn_req);
    fflush(spawn_req);
    long kib = -1;
    if (fscanf(spawn_ans, "%ld", &kib) != 1 || kib < 0) {
        fprintf(stderr, "bench: %s failed\n", argv[0]);
        exit(1);
    }
    return kib / 1024.0;
}

/* Peak RSS (MiB) of the kiosk starting headless on data and showing home. */
static double kiosk_rss(const char *kiosk, const char *data, const char *script)
{
    const char *argv[] = { kiosk, "--headless", "--script", script, "--out", tmp, "--data-dir",
                           data, NULL };
    return spawn_rss(argv);
}

/* Peak RSS of `kiosk --import pack` into a new data directory, RUNS times. */
static void bench_import_rss(const char *kiosk, const char *pack)
{
    double m[RUNS];
    for (int i = 0; i < RUNS; i++) {
        char data[300], cmd[400];
        snprintf(data, sizeof data, "%s/data-import-%d", tmp, i);
        const char *argv[] = { kiosk, "--import", pack, "--data-dir", data, NULL };
        m[i] = spawn_rss(argv);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", data);
        if (system(cmd) != 0)
            exit(1);
    }
    row("import, peak RSS of kiosk --import, median", quantile(m, RUNS, 0.5), "MiB", "-");
}

static void bench_memory(const char *kiosk, const char *data, Directory *d)
{
    char script[300], demo[300];
    snprintf(script, sizeof script, "%s/present.txt", tmp);
    snprintf(demo, sizeof demo, "%s/data-demo", tmp);
    FILE *f = fopen(script, "w");
    if (!f || fputs("present\n", f) < 0 || fclose(f) != 0)
        exit(1);
    double a[RUNS], b[RUNS], g[RUNS];
    for (int i = 0; i < RUNS; i++) {
        a[i] = kiosk_rss(kiosk, demo, script);
        b[i] = kiosk_rss(kiosk, data, script);
        g[i] = b[i] - a[i];
    }
    printf("Memory (peak RSS of the kiosk, headless, home shown; %d runs):\n", RUNS);
    row("with the demo pack", quantile(a, RUNS, 0.5), "MiB", "-");
    row("with the 5,000-service pack imported", quantile(b, RUNS, 0.5), "MiB", "-");
    row("growth over the demo pack", quantile(g, RUNS, 0.5), "MiB", "<= 10 MiB");
    double r0 = rss_mib();
    bench_search(d);
    bench_needs(d);
    printf("Memory of this process over every search and list above:\n");
    row("RSS growth", rss_mib() - r0, "MiB", "-");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_directory PATH/TO/kiosk\n");
        return 2;
    }
    spawner_start();   /* first: while this process is small */
    (void)mem_wipe_init();
    log_set_level(LOG_ERROR);
    snprintf(tmp, sizeof tmp, "/tmp/kiosk-bench-dir-XXXXXX");
    if (!mkdtemp(tmp))
        return 1;
    char pack[300], data[300], db[320], err[300];
    snprintf(pack, sizeof pack, "%s/pack.json", tmp);
    snprintf(data, sizeof data, "%s/data", tmp);
    mkdir(data, 0700);
    if (fx_write_pack(pack, SERVICES, "2099-01-01.1") != 0) {
        fprintf(stderr, "bench: cannot write the pack\n");
        return 1;
    }
    bench_import(pack, data);
    bench_import_rss(argv[1], pack);
    import_db_path(data, db, sizeof db);
    Directory *d = NULL;
    if (directory_open(db, &d, err, sizeof err) != K_OK) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
    bench_memory(argv[1], data, d);
    directory_close(d);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : 1;
}
