/* test_day_end_kill.c — a power cut during the day's end: a process runs
 * the close and the tidy-up (day_end_run, store_day_tidy) on a day of
 * twelve check-ins, eight of them delivered, and is killed with SIGKILL,
 * first at each step in turn (store_day_set_hook), then after random
 * delays. After each kill the database holds either the day before its
 * close or after it, never a mixture; then the next start finishes it:
 * every check-in counted once, every record not delivered still there,
 * the delivered ones gone, and none of the typed names left in the
 * database file or its -wal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>

#include "day_end_fixture.h"

#define N 12
#define DELIVERED 8

static const char *const NAMES[] = { "Zebedee", "Quorra", "Ottoline" };

typedef struct {
    Fixture *f;
    char tmpl[128];
    char ids[N][37];
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
} Ctx;

static time_t closing_now(void)
{
    return local("2026-11-23 18:30");
}

/* The day as it is before its close, kept in a file of its own. */
static void make_template(Ctx *c)
{
    unsigned char sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(c->pk, sk);
    Store *s = fixture_open(c->f);
    store_set_record_key(s, c->pk);
    static const char *const langs[] = { "en-GB", "pl", "ta", "uk" };
    static const char *const dists[] = { "SM1", "CR4", "" };
    for (int i = 0; i < N; i++) {
        CheckinRecord r = visit(NAMES[i % 3], langs[i % 4], dists[i % 3], i % 2 == 0, false);
        assert_int_equal(store_add_checkin(s, &r, local("2026-11-23 10:30") + i * 60, c->ids[i]),
                         K_OK);
    }
    const char *acked[DELIVERED];
    for (int i = 0; i < DELIVERED; i++)
        acked[i] = c->ids[i];
    assert_int_equal(store_outbox_ack(s, acked, DELIVERED, local("2026-11-23 12:00")), K_OK);
    store_close(s);
    snprintf(c->tmpl, sizeof c->tmpl, "%s/template.db", c->f->dir);
    assert_int_equal(rename(c->f->db, c->tmpl), 0);
}

/* kiosk.db as the template, with no -wal or -shm. */
static void from_template(Ctx *c)
{
    reset(c->f);
    FILE *in = fopen(c->tmpl, "rb"), *out = fopen(c->f->db, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[16384];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    chmod(c->f->db, 0600);
}

static void kill_at(StoreDayStep step, void *ud)
{
    if ((int)step == *(int *)ud)
        raise(SIGKILL);
}

/* The kiosk's day's end in a process of its own; stopped at step when
 * step >= 0. Returns its pid. */
static pid_t start_child(Ctx *c, int step)
{
    static int at;
    at = step;
    pid_t p = fork();
    assert_true(p >= 0);
    if (p > 0)
        return p;
    if (step >= 0)
        store_day_set_hook(kill_at, &at);
    k_err e;
    Store *s = store_open(c->f->db, &e);
    if (!s)
        _exit(3);
    bool closed = false, done = false;
    if (day_end_run(s, HUB, closing_now(), 18 * 60, &closed) != K_OK ||
        store_day_tidy(s, &done) != K_OK)
        _exit(4);
    store_close(s);
    _exit(0);
}

static long long q(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The records not delivered, by id. */
static int undelivered_kept(Ctx *c, sqlite3 *db)
{
    int kept = 0;
    for (int i = DELIVERED; i < N; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE id = '%s' AND "
                 "state = 'pending'", c->ids[i]);
        kept += q(db, sql) == 1;
    }
    return kept;
}

/* After a kill: the day before its close or after it, nothing between.
 * Returns 0 for before, 1 for after. */
static int before_or_after(Ctx *c)
{
    sqlite3 *db = fixture_peek(c->f);
    assert_int_equal(q(db, "SELECT count(*) FROM pragma_integrity_check WHERE "
                           "integrity_check <> 'ok'"), 0);
    long long att = q(db, "SELECT count(*) FROM attendance");
    long long counted = q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'day_totals'") == 1
                            ? q(db, "SELECT IFNULL(sum(checkins), 0) FROM day_totals") : 0;
    long long acked = q(db, "SELECT count(*) FROM outbox WHERE state = 'acked'");
    assert_int_equal(undelivered_kept(c, db), N - DELIVERED);
    sqlite3_close(db);
    if (att == N) {
        assert_int_equal(counted, 0);
        assert_int_equal(acked, DELIVERED);
        return 0;
    }
    assert_int_equal(att, 0);
    assert_int_equal(counted, N);
    assert_int_equal(acked, 0);
    return 1;
}

/* The next start: the day's end finished, exactly once. */
static void finish_and_check(Ctx *c)
{
    Store *s = fixture_open(c->f);
    bool closed = false, done = false;
    assert_int_equal(day_end_run(s, HUB, closing_now(), 18 * 60, &closed), K_OK);
    assert_int_equal(store_day_tidy(s, &done), K_OK);
    assert_true(done);
    assert_int_equal(day_checkins(s, "2026-11-23"), N);
    Keys k = { 0 };
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-23", "language", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "en-GB=3 pl=3 ta=3 uk=3");
    memset(&k, 0, sizeof k);
    assert_int_equal(store_day_keys(s, HUB, "2026-11-23", "2026-11-23", "district", keys_cb, &k),
                     K_OK);
    assert_string_equal(keys_text(&k), "CR4=4 SM1=4");
    OutboxCounts oc;
    assert_int_equal(store_outbox_counts(s, &oc), K_OK);
    assert_int_equal(oc.pending, N - DELIVERED);
    assert_int_equal(oc.acked, 0);
    sqlite3 *db = fixture_peek(c->f);
    assert_int_equal(undelivered_kept(c, db), N - DELIVERED);
    assert_int_equal(q(db, "SELECT count(*) FROM attendance"), 0);
    sqlite3_close(db);
    /* the names typed are in neither the file nor its -wal */
    for (int i = 0; i < 3; i++)
        assert_false(db_files_hold(c->f, NAMES[i]));
    store_close(s);
    for (int i = 0; i < 3; i++)
        assert_false(db_files_hold(c->f, NAMES[i]));
}

static int setup(void **state)
{
    if (fixture_setup(state) != 0 || sodium_init() < 0)
        return -1;
    Ctx *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->f = *state;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    *state = c->f;
    free(c);
    return fixture_teardown(state);
}

static void test_template_holds_the_names(void **state)
{
    Ctx *c = *state;
    make_template(c);
    from_template(c);
    /* a proof that the search can see them before the close */
    assert_true(file_holds(c->f->db, NAMES[0]));
    assert_int_equal(before_or_after(c), 0);
    finish_and_check(c);
}

static void test_sigkill_at_each_step(void **state)
{
    Ctx *c = *state;
    make_template(c);
    static const int expect[] = {
        [STORE_DAY_COUNTED] = 0, [STORE_DAY_DELETED] = 0, [STORE_DAY_COMMITTED] = 1,
        [STORE_DAY_CHECKPOINTED] = 1, [STORE_DAY_VACUUM] = 1, [STORE_DAY_VACUUMED] = 1,
        [STORE_DAY_TIDIED] = 1,
    };
    for (int step = STORE_DAY_COUNTED; step <= STORE_DAY_TIDIED; step++) {
        from_template(c);
        pid_t p = start_child(c, step);
        int status = 0;
        assert_int_equal(waitpid(p, &status, 0), p);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        assert_int_equal(before_or_after(c), expect[step]);
        finish_and_check(c);
    }
}

static void test_sigkill_at_random_moments(void **state)
{
    Ctx *c = *state;
    make_template(c);
    /* how long a whole day's end takes here */
    from_template(c);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t p = start_child(c, -1);
    int status = 0;
    assert_int_equal(waitpid(p, &status, 0), p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    long whole_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    const char *seed_env = getenv("DAY_END_SEED");
    unsigned seed = seed_env ? (unsigned)strtoul(seed_env, NULL, 10) : (unsigned)time(NULL);
    srand(seed);
    int killed = 0, states[2] = { 0, 0 };
    for (int i = 0; i < 40; i++) {
        from_template(c);
        p = start_child(c, -1);
        usleep((useconds_t)(rand() % (whole_us + 1)));
        kill(p, SIGKILL);
        assert_int_equal(waitpid(p, &status, 0), p);
        killed += WIFSIGNALED(status);
        states[before_or_after(c)]++;
        finish_and_check(c);
    }
    fprintf(stderr, "seed %u: a day's end takes %ld us; killed %d of 40 (%d before, %d after)\n",
            seed, whole_us, killed, states[0], states[1]);
    assert_true(killed >= 10);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_template_holds_the_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigkill_at_each_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigkill_at_random_moments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
