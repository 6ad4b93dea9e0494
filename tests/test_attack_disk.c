/* test_attack_disk.c — a data directory on a file system that is really
 * full (a small tmpfs, filled to the last block): the store still opens
 * (a restart on a full disk must not leave the hub with a blank screen),
 * a save fails as "full" with nothing earlier lost, a second connection
 * (the uploader's) is refused at once instead of waiting, and once space
 * is freed saving carries on and the file checks clean. Then the kiosk
 * itself: started headless on the full disk, a check-in shows the
 * visitor the save-error screen; and started with a central service on the
 * full disk, it runs without its uploader, says so to staff, and once space
 * is freed opens its database again shared by itself (no restart), starts
 * the uploader, and the check-ins waiting and one made then reach the
 * stand-in central service exactly once. Mounting needs root: the test is
 * skipped without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "app_tap.h"
#include "kiosk/app.h"
#include "kiosk/log.h"
#include "store_fixture.h"
#include "upload_fixture.h"
#include "../kiosk/app_private.h"


static bool mounted;

/* What the uploader's test starts, stopped by teardown even when an
 * assertion ends the test early (a stand-in left running would hold the
 * test's output open). */
static struct {
    char central[32];
    Standin srv;
    SDL_Surface *sf;
    SDL_Renderer *ren;
    App *app;
    bool sdl;
} up;

static void up_cleanup(void)
{
    app_destroy(up.app);
    if (up.srv.pid > 0)
        standin_stop(&up.srv);
    SDL_DestroyRenderer(up.ren);
    SDL_FreeSurface(up.sf);
    if (up.sdl) {
        TTF_Quit();
        SDL_Quit();
        clock_use_real();
    }
    if (up.central[0]) {
        char cmd[120];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", up.central);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", up.central);
    }
    memset(&up, 0, sizeof up);
}

static int setup(void **state)
{
    if (fixture_setup(state) != 0)
        return -1;
    Fixture *f = *state;
    mounted = geteuid() == 0 &&
              mount("tmpfs", f->dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=1200k,mode=0700") == 0;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    char p[160];
    up_cleanup();
    snprintf(p, sizeof p, "%s/filler", f->dir);
    unlink(p);
    if (mounted && umount2(f->dir, MNT_DETACH) != 0)   /* a failed test may hold files */
        return -1;
    mounted = false;
    return fixture_teardown(state);
}

/* Writes a filler file until the file system has no block left. */
static void fill(const Fixture *f)
{
    char p[160], block[4096];
    memset(block, 0x5A, sizeof block);
    snprintf(p, sizeof p, "%s/filler", f->dir);
    int fd = open(p, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    assert_true(fd >= 0);
    while (write(fd, block, sizeof block) > 0) {
    }
    assert_int_equal(errno, ENOSPC);
    close(fd);
}

static void unfill(const Fixture *f)
{
    char p[160];
    snprintf(p, sizeof p, "%s/filler", f->dir);
    assert_int_equal(unlink(p), 0);
}

static int pending(Store *s)
{
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    return c.pending;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void test_store_on_a_full_disk(void **state)
{
    Fixture *f = *state;
    if (!mounted)
        skip();
    char id[37];
    Store *s = fixture_open(f);
    for (int i = 0; i < 3; i++) {
        CheckinRecord r = fixture_checkin("Before");
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER + i, id), K_OK);
    }
    store_close(s);
    fill(f);

    /* restarted on the full disk: it opens, and shows what it had */
    k_err e = K_ERR_DB;
    s = store_open(f->db, &e);
    assert_non_null(s);
    assert_int_equal(e, K_OK);
    assert_int_equal(pending(s), 3);
    CheckinRecord r = fixture_checkin("During");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER + 10, id), K_ERR_FULL);
    assert_int_equal(pending(s), 3);
    /* the staff view's counts only read: no request yet is none, not unknown */
    RequestCounts rq;
    assert_int_equal(store_request_counts(s, "2026-07-02", &rq), K_OK);
    assert_int_equal(rq.callback.total + rq.advocate.total, 0);

    /* the uploader's connection is refused at once, not after a wait */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    k_err e2 = K_OK;
    Store *other = store_open(f->db, &e2);
    assert_null(other);
    assert_int_not_equal(e2, K_OK);
    assert_true(ms_since(&t0) < 1000.0);
    /* still no room: sharing it is refused and it stays as it is */
    assert_true(store_is_alone(s));
    assert_int_equal(store_share(s), K_ERR_FULL);
    assert_true(store_is_alone(s));
    assert_int_equal(pending(s), 3);

    /* space freed: it carries on, and once shared another connection opens */
    unfill(f);
    r = fixture_checkin("After");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER + 20, id), K_OK);
    assert_int_equal(pending(s), 4);
    assert_int_equal(store_share(s), K_OK);
    assert_false(store_is_alone(s));
    other = store_open(f->db, &e2);
    assert_non_null(other);
    assert_int_equal(pending(other), 4);
    store_close(other);
    r = fixture_checkin("Shared");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER + 30, id), K_OK);
    assert_int_equal(pending(s), 5);
    store_close(s);

    s = fixture_open(f);
    assert_int_equal(pending(s), 5);
    store_close(s);
    sqlite3 *db = fixture_peek(f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(fixture_int(db, "SELECT count(*) FROM outbox"), 5);
    sqlite3_close(db);
}

/* Runs the kiosk headless on data dir dir with script lines; returns its
 * exit status. */
static int kiosk(const char *dir, const char *script_lines)
{
    char script[160], out[160], cmd[800];
    snprintf(script, sizeof script, "%s.script", dir);
    snprintf(out, sizeof out, "%s.out", dir);
    FILE *fp = fopen(script, "w");
    assert_non_null(fp);
    fputs(script_lines, fp);
    fclose(fp);
    const char *build = getenv("KIOSK_BUILD");
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && %s/kiosk --demo --headless --data-dir '%s' "
             "--script '%s' --out '%s' 2>/dev/null", out, build ? build : "build", dir, script,
             out);
    int rc = system(cmd);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", script, out);
    assert_int_equal(system(cmd), 0);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

#define CHECKIN "tap home.checkin\ntap checkin.session.0\ntap party.next\n" \
    "tap details.first.no\ntap details.next\ntap confirm.ok\n"

static void test_kiosk_on_a_full_disk(void **state)
{
    Fixture *f = *state;
    if (!mounted)
        skip();
    assert_int_equal(kiosk(f->dir, CHECKIN "expect-screen thanks\n"), 0);
    fill(f);
    /* it starts, and the visitor is told the check-in was not saved */
    assert_int_equal(kiosk(f->dir, "expect-screen home\n" CHECKIN "expect-screen save-error\n"
                                   "expect error.retry\n"), 0);
    unfill(f);
    assert_int_equal(kiosk(f->dir, CHECKIN "expect-screen thanks\n"), 0);
    Store *s = fixture_open(f);
    assert_int_equal(pending(s), 2);
    store_close(s);
}

/* Sharing a store held alone when its file cannot be opened again (here:
 * something else in its place): every call then fails, none crashes, and
 * a later store_share with the file back opens it. */
static void test_share_without_the_file(void **state)
{
    Fixture *f = *state;
    if (!mounted)
        skip();
    char id[37], aside[160];
    Store *s = fixture_open(f);
    CheckinRecord r = fixture_checkin("Before");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    store_close(s);
    fill(f);
    k_err e = K_ERR_DB;
    s = store_open(f->db, &e);
    assert_non_null(s);
    assert_true(store_is_alone(s));
    unfill(f);
    snprintf(aside, sizeof aside, "%s.aside", f->db);
    assert_int_equal(rename(f->db, aside), 0);
    FILE *fp = fopen(f->db, "w");
    assert_non_null(fp);
    fputs("this is not a database, and it is longer than a header would be...........", fp);
    fclose(fp);

    assert_int_equal(store_share(s), K_ERR_DB);
    assert_true(store_is_alone(s));
    assert_true(store_cannot_open(s));     /* not "full": staff are told to call IT */
    OutboxCounts c;
    assert_int_not_equal(store_outbox_counts(s, &c), K_OK);
    r = fixture_checkin("Lost");
    assert_int_not_equal(store_add_checkin(s, &r, T_SUMMER + 1, id), K_OK);

    /* the file back: shared, and what it held is there */
    assert_int_equal(rename(aside, f->db), 0);
    assert_int_equal(store_share(s), K_OK);
    assert_false(store_is_alone(s));
    assert_false(store_cannot_open(s));
    assert_int_equal(pending(s), 1);
    r = fixture_checkin("After");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER + 2, id), K_OK);
    assert_int_equal(pending(s), 2);
    store_close(s);
}

/* A check-in through the screens of the in-process app a; returns the
 * screen it ends on. */
static Screen app_checkin(App *a)
{
    static const char *const taps[] = { "home.checkin", "checkin.session.0", "party.next",
                                        "details.first.no", "details.next", "confirm.ok" };
    for (size_t i = 0; i < sizeof taps / sizeof taps[0]; i++)
        assert_int_equal(app_tap_id(a, taps[i]), 0);
    return app_screen(a);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The ids the stand-in stored, each once: the count of distinct ids in
 * *distinct, and the number of lines returned. */
static long server_ids(const Standin *srv, json_t *ids, long *distinct)
{
    FILE *fp = fopen(srv->store, "r");
    char *line = NULL;
    size_t cap = 0;
    long lines = 0;
    while (fp && getline(&line, &cap, fp) > 0) {
        json_t *r = json_loads(line, 0, NULL);
        json_t *id = r ? json_object_get(r, "id") : NULL;
        if (json_is_string(id))
            json_object_set_new(ids, json_string_value(id), json_true());
        json_decref(r);
        lines++;
    }
    free(line);
    if (fp)
        fclose(fp);
    *distinct = (long)json_object_size(ids);
    return lines;
}

static void test_uploader_starts_once_space_is_freed(void **state)
{
    Fixture *f = *state;
    if (!mounted)
        skip();
    char token[64], err[600];
    snprintf(up.central, sizeof up.central, "/tmp/kiosk-central-XXXXXX");
    assert_non_null(mkdtemp(up.central));
    assert_int_equal(standin_start(&up.srv, up.central, false), 0);
    snprintf(token, sizeof token, "%s/token", up.central);
    int fd = open(token, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, UP_TOKEN "\n", strlen(UP_TOKEN) + 1),
                     (ssize_t)strlen(UP_TOKEN) + 1);
    close(fd);

    setenv("TZ", "Europe/London", 1);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    up.sdl = true;
    assert_int_equal(TTF_Init(), 0);
    clock_use_stepped(1795429800); /* Monday 23 November 2026 10:30 */
    up.sf = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    up.ren = SDL_CreateSoftwareRenderer(up.sf);
    Config c;
    config_defaults(&c);
    snprintf(c.data_dir, sizeof c.data_dir, "%s", f->dir);
    snprintf(c.device_id, sizeof c.device_id, "kiosk-disk-1");

    /* offline first, with space: a check-in waits in the outbox */
    App *a = up.app = app_create(&c, up.ren, 800, 480, err, sizeof err);
    assert_non_null(a);
    assert_int_equal(app_checkin(a), SCR_THANKS);
    app_destroy(a);
    up.app = NULL;

    /* restarted with the central service on the full disk: it starts, the
     * uploader waits, staff are told, a check-in is refused as not saved */
    fill(f);
    snprintf(c.central_url, sizeof c.central_url, "%s", up.srv.url);
    snprintf(c.token_file, sizeof c.token_file, "%s", token);
    a = up.app = app_create(&c, up.ren, 800, 480, err, sizeof err);
    if (!a)
        fprintf(stderr, "app_create: %s\n", err);
    assert_non_null(a);
    assert_true(store_is_alone(app_store(a)));
    assert_null(a->up);
    assert_non_null(strstr(app_db_problem(a), "storage is full"));
    assert_int_equal(app_checkin(a), SCR_SAVE_ERROR);
    app_go_home(a);
    /* still full: tried again, and again later */
    clock_advance(6000);
    app_tick(a);
    assert_true(store_is_alone(app_store(a)));
    assert_true(a->share_next > clock_ms() + 5000);
    assert_null(a->up);

    /* space freed: within the next wait it is shared and uploading starts */
    unfill(f);
    clock_advance(11000);
    app_tick(a);
    assert_false(store_is_alone(app_store(a)));
    assert_non_null(a->up);
    assert_string_equal(app_db_problem(a), "");
    k_err e2 = K_ERR_DB;
    Store *other = store_open(f->db, &e2);   /* another program can open it now */
    assert_non_null(other);
    store_close(other);
    assert_int_equal(app_checkin(a), SCR_THANKS);
    upload_thread_send_now(a->up);
    double until = now_s() + 15;   /* until both are acknowledged: none is sent again */
    while ((standin_stored(&up.srv) < 2 || pending(app_store(a)) != 0) && now_s() < until)
        usleep(20000);

    /* each of the two check-ins arrived, exactly once */
    json_t *ids = json_object();
    long distinct = 0;
    assert_int_equal(server_ids(&up.srv, ids, &distinct), 2);
    assert_int_equal(distinct, 2);
    sqlite3 *db = fixture_peek(f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM outbox", -1, &st, NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        assert_non_null(json_object_get(ids, (const char *)sqlite3_column_text(st, 0)));
        n++;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    assert_int_equal(n, 2);
    json_decref(ids);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store_on_a_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_share_without_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_on_a_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uploader_starts_once_space_is_freed, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
