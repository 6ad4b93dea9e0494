/* test_attack_disk.c — a data directory on a file system that is really
 * full (a small tmpfs, filled to the last block): the store still opens
 * (a restart on a full disk must not leave the hub with a blank screen),
 * a save fails as "full" with nothing earlier lost, a second connection
 * (the uploader's) is refused at once instead of waiting, and once space
 * is freed saving carries on and the file checks clean. Then the kiosk
 * itself: started headless on the full disk, a check-in shows the
 * visitor the save-error screen. Mounting needs root: the test is skipped
 * without it. */
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

#include "kiosk/log.h"
#include "store_fixture.h"


static bool mounted;

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

    /* space freed: it carries on */
    unfill(f);
    r = fixture_checkin("After");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER + 20, id), K_OK);
    assert_int_equal(pending(s), 4);
    store_close(s);

    s = fixture_open(f);
    assert_int_equal(pending(s), 4);
    store_close(s);
    sqlite3 *db = fixture_peek(f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(fixture_int(db, "SELECT count(*) FROM outbox"), 4);
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

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store_on_a_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_on_a_full_disk, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
