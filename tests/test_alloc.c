/* test_alloc.c — the kiosk when memory runs out, after SQLite's
 * test_malloc.c: for N = 1, 2, 3... the Nth allocation of a stretch of work
 * fails, over start-up (app_create on the demo hub), the check-in save
 * (Check in on the confirm screen, and the screen that follows drawn) and
 * the screen builders (every screen rebuilt with an empty text cache, in
 * English and Urdu). Each N runs in a child process, so a crash is counted
 * and the run goes on. Each child checks:
 *   - no crash;
 *   - no leak: no block allocated in the run is still live once the kiosk
 *     and SDL have stopped, apart from the dynamic loader's own (the link
 *     maps of libraries loaded with dlopen, kept for the process's life);
 *     the parent makes one whole run first, so one-time caches of SDL,
 *     fontconfig, the C library's time zone and locale and SQLite's global
 *     state exist before any child starts;
 *   - start-up either works or fails with a message;
 *   - after a save: "thank you" with the check-in stored, or the calm "Please
 *     tell a member of staff" screen with nothing stored;
 *   - a screen built while memory ran out still has its Quick exit, and the
 *     next build (memory back) is the whole screen.
 * The allocations of each stretch are counted first; start-up and the
 * builders take every k-th N so the run stays short (about 100 runs for
 * start-up, 135 for the save, 4 for each screen; KIOSK_ALLOC_STRIDE=1 takes
 * every one, KIOSK_ALLOC_ONLY=TEXT runs only the stretches whose label has
 * TEXT, e.g. "build home en-GB", and KIOSK_ALLOC_FROM=N starts at N).
 * Problems are printed, one line per N, with the backtrace of a crash and
 * the owners of leaked blocks. The children's databases are in /dev/shm
 * when there is one (SQLite's fsync would otherwise take most of the run).
 * KIOSK_ALLOC_STRICT=1 makes every problem fail the test; without it the
 * test fails only for kinds of problem not listed in KNOWN below (so the
 * suite stays green while they are fixed).
 * Skipped under AddressSanitizer (alloc_fail.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ftw.h>
#include <signal.h>
#include <time.h>

#include "alloc_fail.h"
#include "drive.h"
#include "harness.h"
#include "kiosk/content.h"

enum { OK = 0, BAD_START = 10, BAD_SCREEN = 11, BAD_STORE = 12, BAD_RECOVER = 13,
       LEAK = 14, NO_SETUP = 15, LEAK_TTF = 16, LEAK_ICU = 17, CRASH_FREETYPE = 20,
       CRASH_CONTENT_FREE = 21 };

static const char *outcome_name(int st)
{
    if (WIFSIGNALED(st))
        return strsignal(WTERMSIG(st));
    switch (WEXITSTATUS(st)) {
    case OK: return "ok";
    case BAD_START: return "start-up failed without a message";
    case BAD_SCREEN: return "wrong or broken screen";
    case BAD_STORE: return "stored and shown disagree";
    case BAD_RECOVER: return "next build incomplete";
    case LEAK: return "leak";
    case LEAK_TTF: return "leak of a font FILE (SDL_RWFromFile out of memory)";
    case LEAK_ICU: return "leak inside ICU (ubrk_open out of memory)";
    case NO_SETUP: return "could not reach the screen";
    case CRASH_FREETYPE: return "crash inside FreeType";
    case CRASH_CONTENT_FREE: return "crash under content_load_buffer";
    default: return "other exit";
    }
}

/* Prints the stack; a crash whose innermost frame outside the C library
 * is in FreeType (known) or in content_free (fixed: named if it comes
 * back) exits with its own code, any other is raised again. */
static void on_crash(int sig)
{
    void *bt[32];
    int n = backtrace(bt, 32);
    static const char head[] = "    crash:\n";
    if (write(2, head, sizeof head - 1) < 0)
        _exit(128 + sig);
    backtrace_symbols_fd(bt, n, 2);
    for (int k = 2; k < n; k++) {
        Dl_info info;
        if (!dladdr(bt[k], &info) || !info.dli_fname || strstr(info.dli_fname, "/libc.so"))
            continue;
        if (strstr(info.dli_fname, "/libfreetype.so"))
            _exit(CRASH_FREETYPE);
        /* content_free, called by content_load_buffer on a pack whose
         * sessions array could not be made (the compiler may split
         * content_free, so the caller is what is recognised) */
        uintptr_t fn = (uintptr_t)content_load_buffer;
        for (int j = k + 1; j < n && j < k + 3; j++)
            if ((uintptr_t)bt[j] > fn && (uintptr_t)bt[j] < fn + 0x1000)
                _exit(CRASH_CONTENT_FREE);
        break;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

typedef struct { long n, ttf, icu; int shown; bool print; } Leaks;

/* True when SDL_ttf's TTF_OpenFont* is among the block's callers (it opens the
 * file with SDL_RWFromFile, which leaks the FILE when its own allocation
 * fails). */
static bool by_font_open(const AllocBlock *b)
{
    for (int k = 2; k < ALLOC_FRAMES && b->bt[k]; k++) {
        Dl_info info;
        if (dladdr(b->bt[k], &info) && info.dli_sname &&
            !strncmp(info.dli_sname, "TTF_OpenFont", 12))
            return true;
    }
    return false;
}

/* True when ICU's ubrk_open is among the block's callers: ICU 72 leaks the
 * rule data and the half-made iterator when an allocation inside the
 * iterator's constructor fails (the kiosk gets the error and has nothing to
 * free). */
static bool by_icu_open(const AllocBlock *b)
{
    for (int k = 2; k < ALLOC_FRAMES && b->bt[k]; k++) {
        Dl_info info;
        if (dladdr(b->bt[k], &info) && info.dli_sname &&
            (!strncmp(info.dli_sname, "ubrk_open", 9) ||
             strstr(info.dli_sname, "BreakIterator13buildInstance")))
            return true;
    }
    return false;
}

static void count_leak(const AllocBlock *b, void *ud)
{
    Leaks *l = ud;
    if (alloc_by_loader(b))
        return;
    l->n++;
    l->ttf += by_font_open(b);
    l->icu += by_icu_open(b);
    if (l->print && l->shown++ < 8) {
        fprintf(stderr, "    leaked %zu bytes (allocation %llu):\n", b->size,
                (unsigned long long)b->seq);
        alloc_print_owner(stderr, b);
    }
}

/* What one child does: its part before the failing stretch, the stretch
 * with the nth allocation failing (n = 0: none), and its checks. Returns
 * the exit code; *stretch gets how many allocations the stretch made. */
typedef int (*Stretch)(Harness *h, uint64_t n, uint64_t *stretch, const void *arg);

static bool has_exit(Drive *d)
{
    Ui *ui = app_ui(d->app);
    int i = ui_find(ui, "nav.exit");
    return i >= 0 && ui->w_list[i].text[0];
}

static int stretch_start(Harness *h, uint64_t n, uint64_t *stretch, const void *arg)
{
    (void)arg;
    Drive d;
    if (drive_start(&d, &h->cfg) != 0)
        return NO_SETUP;
    uint64_t c0 = alloc_count();
    alloc_fail_nth(n, false);
    int rc = drive_app(&d, &h->cfg);
    alloc_fail_nth(0, false);
    *stretch = alloc_count() - c0;
    int out = OK;
    if (rc != 0 && !d.err[0])
        out = BAD_START;
    if (rc == 0) {
        app_build(d.app);
        if (strcmp(drive_screen(&d), "home") || !has_exit(&d))
            out = BAD_SCREEN;
    }
    drive_close(&d);
    return out;
}

static int stretch_save(Harness *h, uint64_t n, uint64_t *stretch, const void *arg)
{
    (void)arg;
    Drive d;
    if (drive_open(&d, &h->cfg) != 0)
        return NO_SETUP;
    if (!drive_goto(&d, "confirm", "Anna", "SM1")) {
        drive_close(&d);
        return NO_SETUP;
    }
    const UiWidget *ok = drive_widget(&d, "confirm.ok");
    int x = ok->rect.x + ok->rect.w / 2, y = ok->rect.y + ok->rect.h / 2;
    uint64_t c0 = alloc_count();
    alloc_fail_nth(n, false);
    drive_mouse(&d, SDL_MOUSEBUTTONDOWN, x, y);
    drive_mouse(&d, SDL_MOUSEBUTTONUP, x, y);
    app_tick(d.app);
    drive_present(&d);
    alloc_fail_nth(0, false);
    *stretch = alloc_count() - c0;
    int out = OK;
    bool thanks = !strcmp(drive_screen(&d), "thanks");
    bool sorry = !strcmp(drive_screen(&d), "save-error");
    Ui *ui = app_ui(d.app);
    int t = ui_find(ui, "error.text");
    bool calm = t >= 0 && strstr(ui->w_list[t].text, "Please tell a member of staff");
    if (!(thanks || (sorry && calm)) || !has_exit(&d))
        out = BAD_SCREEN;
    drive_close(&d);
    if (out == OK) {
        long rows = harness_count(h, "SELECT count(*) FROM attendance");
        long sent = harness_count(h, "SELECT count(*) FROM outbox");
        if (rows != (thanks ? 1 : 0) || sent != rows)
            out = BAD_STORE;
    }
    return out;
}

typedef struct { const char *screen, *lang; } Where;

static int stretch_build(Harness *h, uint64_t n, uint64_t *stretch, const void *arg)
{
    const Where *w = arg;
    Drive d;
    if (drive_open(&d, &h->cfg) != 0)
        return NO_SETUP;
    app_set_language(d.app, w->lang);
    bool ok;
    if (!strcmp(w->screen, "save-error")) {
        /* fill the database until a check-in cannot be saved */
        app_limit_storage(d.app, 1);
        ok = true;
        for (int k = 0; ok && k < 100 && strcmp(drive_screen(&d), "save-error"); k++) {
            ok = drive_goto(&d, "thanks", "Anna", "SM1");
            if (ok && !strcmp(drive_screen(&d), "thanks"))
                ok = drive_tap(&d, "thanks.done");
        }
    } else {
        ok = drive_goto(&d, w->screen, "Anna", "SM1");
    }
    if (!ok || strcmp(drive_screen(&d), w->screen)) {
        drive_close(&d);
        return NO_SETUP;
    }
    Config c = h->cfg;
    uint64_t c0 = alloc_count();
    alloc_fail_nth(n, false);
    /* a new size empties the text cache: every text is measured again */
    app_resize(d.app, d.renderer, c.width, c.height);
    app_build(d.app);
    drive_present(&d);
    alloc_fail_nth(0, false);
    *stretch = alloc_count() - c0;
    int out = OK;
    bool staff = !strncmp(w->screen, "staff", 5);
    if (strcmp(drive_screen(&d), w->screen) || (!staff && !has_exit(&d)))
        out = BAD_SCREEN;
    app_resize(d.app, d.renderer, c.width, c.height);
    app_build(d.app);
    Ui *ui = app_ui(d.app);
    if (out == OK && !staff && !has_exit(&d))
        out = BAD_RECOVER;
    for (int i = 0; out == OK && i < ui->n; i++)
        if (!ui->w_list[i].fits) {
            fprintf(stderr, "    %s does not fit after memory came back\n", ui->w_list[i].id);
            out = BAD_RECOVER;
        }
    drive_close(&d);
    return out;
}

/* The database every child starts from: the staff PIN set (hashing it takes
 * longer than a whole run). */
static char template_db[700];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* A fresh data directory holding a copy of the template database; in
 * memory (/dev/shm) when there is one, as SQLite's fsync on every commit
 * would otherwise take most of the run. */
static int child_harness(Harness *h)
{
    harness_open(h);
    char shm[256];
    snprintf(shm, sizeof shm, "/dev/shm/kiosk-test-XXXXXX");
    if (mkdtemp(shm)) {
        rmdir(h->dir);
        snprintf(h->dir, sizeof h->dir, "%s", shm);
        snprintf(h->out, sizeof h->out, "%s/out", h->dir);
        snprintf(h->cfg.data_dir, sizeof h->cfg.data_dir, "%s/data", h->dir);
    }
    char path[700];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    FILE *in = fopen(template_db, "rb"), *out = fopen(path, "wb");
    char buf[8192];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

/* Runs the stretch in a child with the nth allocation failing. Returns the
 * wait status; *stretch as the child counted it (n = 0 only). */
static int run_child(Stretch fn, uint64_t n, const void *arg, uint64_t *stretch, bool verbose)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        abort();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(pipefd[0]);
        signal(SIGSEGV, on_crash);
        signal(SIGABRT, on_crash);
        signal(SIGBUS, on_crash);
        signal(SIGFPE, on_crash);
        alloc_trace(true);
        Harness h;
        if (child_harness(&h) != 0)
            _exit(NO_SETUP);
        /* the parent removes the directory, even after a crash */
        if (write(pipefd[1], h.dir, sizeof h.dir) != sizeof h.dir)
            _exit(NO_SETUP);
        uint64_t seq0 = alloc_count(), count = 0;
        int out = fn(&h, n, &count, arg);
        /* a leak: a block allocated in the run and still live, other than
         * the dynamic loader's own */
        Leaks l = { .print = verbose };
        alloc_each_live_since(seq0, count_leak, &l);
        if (out == OK && l.n) {
            fprintf(stderr, "    %ld blocks allocated in the run are still live\n", l.n);
            out = l.ttf == l.n ? LEAK_TTF : l.icu == l.n ? LEAK_ICU : LEAK;
        }
        if (write(pipefd[1], &count, sizeof count) != sizeof count)
            out = NO_SETUP;
        _exit(out);
    }
    close(pipefd[1]);
    uint64_t count = 0;
    char dir[sizeof ((Harness *)0)->dir] = "";
    if (read(pipefd[0], dir, sizeof dir) != sizeof dir)
        dir[0] = '\0';
    if (read(pipefd[0], &count, sizeof count) != sizeof count)
        count = 0;
    close(pipefd[0]);
    int st;
    waitpid(pid, &st, 0);
    dir[sizeof dir - 1] = '\0';
    if (!strncmp(dir, "/dev/shm/kiosk-test-", 20) || !strncmp(dir, "/tmp/kiosk-test-", 16))
        nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    if (stretch)
        *stretch = count;
    return st;
}

typedef struct {
    int runs, problems, unknown;
    char kinds[2048];
} Tally;

/* Problems inside libraries the kiosk cannot reach, in the form "stretch:
 * outcome": FreeType 2.12 crashes in its glyph loader when an allocation
 * fails (hinted fonts), and ICU 72 leaks a half-made line-break iterator.
 * Anything else fails the test. The kiosk's own were fixed: a font's FILE
 * (the text engine opens font files itself), content_free after a failed
 * sessions array, and a font kept after a failure inside it (dropped and
 * reopened on next use). Their outcomes are still told apart by name. */
static const char *const KNOWN[] = {
    "build: crash inside FreeType",
    "save: crash inside FreeType",   /* the same, reached while the save's screens draw */
    "build: leak inside ICU (ubrk_open out of memory)",
    "start-up: leak inside ICU (ubrk_open out of memory)",
    "save: leak inside ICU (ubrk_open out of memory)",
    NULL,
};

static bool known(const char *what)
{
    for (size_t k = 0; KNOWN[k]; k++)
        if (!strcmp(KNOWN[k], what))
            return true;
    return false;
}

static void sweep(const char *label, Stretch fn, const void *arg, uint64_t stride_cap, Tally *t)
{
    const char *only = getenv("KIOSK_ALLOC_ONLY");
    if (only && !strstr(label, only))
        return;
    uint64_t total = 0;
    int st = run_child(fn, 0, arg, &total, false);
    if (WIFEXITED(st) && WEXITSTATUS(st) == LEAK)
        run_child(fn, 0, arg, NULL, true);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != OK)
        fail_msg("%s with no failure: %s", label, outcome_name(st));
    const char *env = getenv("KIOSK_ALLOC_STRIDE");
    uint64_t stride = env ? strtoull(env, NULL, 10) : (total + stride_cap - 1) / stride_cap;
    if (stride < 1)
        stride = 1;
    int runs = 0, bad = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *from = getenv("KIOSK_ALLOC_FROM");
    for (uint64_t n = from ? strtoull(from, NULL, 10) : 1; n <= total; n += stride) {
        st = run_child(fn, n, arg, NULL, false);
        runs++;
        if (WIFEXITED(st) && WEXITSTATUS(st) == OK)
            continue;
        bad++;
        fprintf(stderr, "%s: allocation %llu of %llu failing: %s\n", label, (unsigned long long)n,
                (unsigned long long)total, outcome_name(st));
        if (WIFEXITED(st) && (WEXITSTATUS(st) == LEAK || WEXITSTATUS(st) == LEAK_TTF ||
                                 WEXITSTATUS(st) == LEAK_ICU))
            run_child(fn, n, arg, NULL, true);
        char what[200];
        snprintf(what, sizeof what, "%.*s: %s", (int)strcspn(label, " "), label,
                 outcome_name(st));
        if (!known(what)) {
            t->unknown++;
            if (!strstr(t->kinds, what) && strlen(t->kinds) + strlen(what) + 3 < sizeof t->kinds)
                strcat(strcat(t->kinds, what), "; ");
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr, "%s: %llu allocations, %d runs (every %llu) in %.1f s, %d with a problem\n",
            label, (unsigned long long)total, runs, (unsigned long long)stride,
            (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, bad);
    t->runs += runs;
    t->problems += bad;
}

static Harness template_h;

/* The screens and languages the builder sweep visits. */
static const char *const screens[] = { "home", "language", "sessions", "party", "details",
                                       "keyboard", "confirm", "thanks", "save-error", "support",
                                       "callback", "advocate", "staff-pin", "staff" };
static const char *const langs[] = { "en-GB", "ur" };

static void warm_up(void)
{
    if (!template_db[0]) {
        harness_open(&template_h);
        assert_int_equal(harness_set_pin(&template_h, "1234"), 0);
        snprintf(template_db, sizeof template_db, "%s/kiosk.db", template_h.cfg.data_dir);
    }
    /* one whole run in this process: one-time caches exist before children */
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    Drive d;
    if (drive_open(&d, &h.cfg) != 0)
        fail_msg("%s", d.err);
    assert_true(drive_goto(&d, "thanks", "Anna", "SM1"));
    drive_close(&d);
    /* every screen the builder sweep builds, once: ICU loads each language's
     * break rules into a cache it keeps for the life of the process */
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
            Where w = { screens[s], langs[l] };
            uint64_t made = 0;
            stretch_build(&h, 0, &made, &w);
        }
    harness_close(&h);
}

static void finish(const char *what, Tally *t)
{
    fprintf(stderr, "%s: %d runs, %d with a problem\n", what, t->runs, t->problems);
    assert_true(t->runs > 0 || getenv("KIOSK_ALLOC_ONLY"));
    if (getenv("KIOSK_ALLOC_STRICT"))
        assert_int_equal(t->problems, 0);
    if (t->unknown)
        fail_msg("problems not known before: %s", t->kinds);
}

static void test_startup(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    warm_up();
    Tally t = { 0 };
    sweep("start-up", stretch_start, NULL, 100, &t);
    finish("start-up", &t);
}

static void test_save(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    warm_up();
    Tally t = { 0 };
    sweep("save", stretch_save, NULL, 135, &t);
    finish("save", &t);
}

static void test_builders(void **state)
{
    (void)state;
    if (!alloc_available())
        skip();
    warm_up();
    Tally t = { 0 };
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (size_t s = 0; s < sizeof screens / sizeof screens[0]; s++) {
            Where w = { screens[s], langs[l] };
            char label[64];
            snprintf(label, sizeof label, "build %s %s", screens[s], langs[l]);
            sweep(label, stretch_build, &w, 4, &t);
        }
    finish("builders", &t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_startup),
        cmocka_unit_test(test_save),
        cmocka_unit_test(test_builders),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (template_db[0])
        harness_close(&template_h);
    return rc;
}
