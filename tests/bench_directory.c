/* bench_directory.c — the support directory's speed and memory with a
 * generated pack of 5,000 services in seven languages (make bench). Not a
 * test: it prints figures beside their targets, medians and 95th
 * percentiles of several runs. Beside the times on the clock it prints
 * CPU times, which a shared machine does not inflate.
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

/* Peak RSS (MiB) of the kiosk starting headless on data and showing home. */
static double kiosk_rss(const char *kiosk, const char *data, const char *script)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(127);
        execl(kiosk, kiosk, "--headless", "--script", script, "--out", tmp, "--data-dir", data,
              (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench: %s failed\n", kiosk);
        exit(1);
    }
    return ru.ru_maxrss / 1024.0;
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
