/* test_upload_standin.c — the uploader against the stand-in central service
 * (tests/standin/central.py) over real HTTPS on loopback, each way it can
 * misbehave, on a stepped clock so that waits cost nothing. Every test ends
 * by checking the property at the server (upload_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "upload_fixture.h"

typedef struct {
    char dir[64], db[96], sdir[96];
    Standin srv;
    Store *app;           /* the app's connection: records are added here */
    Store *up;            /* the uploader's own */
    HttpClient *http;
    Uploader *u;
    unsigned char pk[32], sk[32];
    Made made[5000];
    size_t nmade;
    int rnd;
} Ctx;

static k_err send_http(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    return http_do(ud, req, resp);
}

static void engine(Ctx *c, const char *ca, const char *pin, long timeout_s)
{
    uploader_free(c->u);
    http_free(c->http);
    HttpOptions ho = { c->srv.url, UP_TOKEN, ca, pin, "dev-1", timeout_s };
    k_err e;
    c->http = http_new(&ho, &e);
    assert_non_null(c->http);
    UploadOptions uo = { "dev-1", "central-sutton", "", 0, 12345 };
    c->u = uploader_new(c->up, send_http, c->http, &uo, &e);
    assert_non_null(c->u);
}

static int setup(void **state)
{
    Ctx *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    snprintf(c->dir, sizeof c->dir, "/tmp/kiosk-upload-XXXXXX");
    if (!mkdtemp(c->dir))
        return -1;
    snprintf(c->db, sizeof c->db, "%s/kiosk.db", c->dir);
    snprintf(c->sdir, sizeof c->sdir, "%s/central", c->dir);
    setenv("TZ", "Europe/London", 1);
    clock_use_stepped(time(NULL));
    if (sodium_init() < 0 || standin_start(&c->srv, c->sdir, true) != 0)
        return -1;
    k_err e;
    c->app = store_open(c->db, &e);
    c->up = store_open(c->db, &e);
    if (!c->app || !c->up)
        return -1;
    crypto_box_keypair(c->pk, c->sk);
    store_set_record_key(c->app, c->pk);
    *state = c;
    engine(c, c->srv.ca, NULL, 0);
    return 0;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    uploader_free(c->u);
    http_free(c->http);
    store_close(c->up);
    store_close(c->app);
    standin_stop(&c->srv);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", c->dir);
    clock_use_real();
    free(c);
    return 0;
}

static void add(Ctx *c, size_t n)
{
    assert_true(c->nmade + n <= sizeof c->made / sizeof c->made[0]);
    up_add(c->app, (int)c->nmade, n, c->made + c->nmade);
    c->nmade += n;
}

/* Runs the engine until nothing is waiting (or steps run out), moving the
 * stepped clock over every wait. Returns the steps taken. */
static int drain(Ctx *c, int max_steps)
{
    int steps = 0;
    while (steps < max_steps && up_pending(c->app) > 0) {
        uint64_t wait = uploader_run_once(c->u);
        clock_advance((uint32_t)(wait > 3600000 ? 3600000 : wait));
        steps++;
    }
    return steps;
}

static void verify(Ctx *c)
{
    assert_int_equal(standin_verify(&c->srv, c->made, c->nmade, c->pk, c->sk, "dev-1"), 0);
}

static void test_delivers_everything_once(void **state)
{
    Ctx *c = *state;
    add(c, 250);
    drain(c, 50);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
    assert_int_equal(standin_stored(&c->srv), 250);
    /* three batches: 100, 100, 50 */
    assert_int_equal(standin_stat(&c->srv, "record_requests"), 3);
    json_t *st = json_load_file(c->srv.stats, 0, NULL);
    char ua[128];
    snprintf(ua, sizeof ua, "family-hub-kiosk/%s (dev-1)", KIOSK_VERSION);
    assert_string_equal(json_string_value(json_object_get(st, "user_agent")), ua);
    json_decref(st);
    UploadStatus us;
    uploader_status(c->u, &us);
    assert_int_equal(us.problem, UP_OK);
    assert_true(us.last_success > 0);
    assert_int_equal(us.sent, 250);
    /* sent again (a lease ran out, say): the server says duplicate and the
     * kiosk still has each once */
    drain(c, 5);
    verify(c);
}

/* One fault on the first batch; the batch is sent again and all arrive. A
 * dropped connection is given twice: libcurl itself tries once more when a
 * connection it reused dies without an answer (safe: ids are idempotency
 * keys), and the test wants the kiosk's own handling. */
static void one_fault(Ctx *c, const char *fault, bool acks_nothing, uint64_t min_wait,
                      uint64_t max_wait)
{
    char ctl[128];
    if (!strncmp(fault, "close_", 6))
        snprintf(ctl, sizeof ctl, "{\"faults\": [\"%s\", \"%s\"]}", fault, fault);
    else
        snprintf(ctl, sizeof ctl, "{\"faults\": [\"%s\"]}", fault);
    standin_control(&c->srv, ctl);
    int before = up_pending(c->app);
    add(c, 30);
    uint64_t wait = uploader_run_once(c->u);
    if (wait < min_wait || wait > max_wait)
        fprintf(stderr, "%s: waits %llu ms\n", fault, (unsigned long long)wait);
    if (acks_nothing)
        assert_int_equal(up_pending(c->app), before + 30);
    assert_true(wait >= min_wait);
    assert_true(wait <= max_wait);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_not_equal(st.problem, UP_OK);
    assert_true(st.problem_text[0] != '\0');
    clock_advance((uint32_t)wait);
    drain(c, 40);
    assert_int_equal(up_pending(c->app), 0);
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_OK);
    verify(c);
}

static void test_each_fault(void **state)
{
    Ctx *c = *state;
    one_fault(c, "close_before", true, 1000, 1000);
    one_fault(c, "close_after", true, 1000, 1000);
    one_fault(c, "500", true, 1000, 1000);
    one_fault(c, "503:7", true, 7000, 7000);
    one_fault(c, "429:date:60", true, 30000, 61000);  /* the date is the stand-in's clock */
    one_fault(c, "503", true, 1000, 1000);
    one_fault(c, "garbage", true, 1000, 1000);
    one_fault(c, "wrong_types", true, 1000, 1000);
    one_fault(c, "foreign_id", true, 1000, 1000);
    standin_stop(&c->srv);
    assert_int_equal(standin_start(&c->srv, c->sdir, true), 0);
    engine(c, c->srv.ca, NULL, 0);
    one_fault(c, "500", true, 1000, 1000);
    assert_int_equal(standin_stored(&c->srv), (long)c->nmade);
}

static void test_partial_results_send_the_rest_again(void **state)
{
    Ctx *c = *state;
    standin_control(&c->srv, "{\"faults\": [\"partial\"]}");
    add(c, 40);
    assert_int_equal(uploader_run_once(c->u), 0);
    assert_int_equal(up_pending(c->app), 20);
    drain(c, 10);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
}

static void test_too_slow_is_a_failure(void **state)
{
    Ctx *c = *state;
    engine(c, c->srv.ca, NULL, 1);
    standin_control(&c->srv, "{\"faults\": [\"slow:2\"]}");
    add(c, 10);
    uint64_t wait = uploader_run_once(c->u);
    assert_int_equal(up_pending(c->app), 10);  /* stored at the server, not acknowledged */
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_NETWORK);
    assert_non_null(strstr(st.problem_text, "no network since "));
    clock_advance((uint32_t)wait);
    drain(c, 10);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
}

/* Hostile answers after the server stored the batch: a 409, 100 MB of
 * body, an answer dripping a byte every 0.2 s. Each is a failure that
 * acknowledges nothing and says what is wrong; the batch sent again is
 * answered duplicate, so every record is stored once and nothing is lost. */
static void hostile_answer(Ctx *c, const char *fault, UploadProblem problem, const char *words)
{
    char ctl[80];
    snprintf(ctl, sizeof ctl, "{\"faults\": [\"%s\"]}", fault);
    standin_control(&c->srv, ctl);
    add(c, 10);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t wait = uploader_run_once(c->u);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true(t1.tv_sec - t0.tv_sec < 5);    /* bounded by the request's own timeout */
    assert_int_equal(up_pending(c->app), 10);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, problem);
    if (!strstr(st.problem_text, words))
        fail_msg("%s: \"%s\" not in: %s", fault, words, st.problem_text);
    clock_advance((uint32_t)wait);
    drain(c, 10);
    assert_int_equal(up_pending(c->app), 0);
    assert_int_equal(standin_stored(&c->srv), (long)c->nmade);
    verify(c);
}

static void test_hostile_answers(void **state)
{
    Ctx *c = *state;
    engine(c, c->srv.ca, NULL, 2);
    hostile_answer(c, "409", UP_SERVER, "answer 409");
    hostile_answer(c, "huge", UP_GARBLED, "cannot be read");
    hostile_answer(c, "drip", UP_NETWORK, "no network since ");
}

static void test_rejected_and_poison(void **state)
{
    Ctx *c = *state;
    add(c, 64);
    char ctl[300];
    snprintf(ctl, sizeof ctl, "{\"reject_ids\": [\"%s\"], \"poison_ids\": [\"%s\"]}",
             c->made[5].id, c->made[40].id);
    standin_control(&c->srv, ctl);
    drain(c, 40);
    assert_int_equal(up_pending(c->app), 0);
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(c->app, &n), K_OK);
    assert_int_equal(n.rejected, 2);
    /* bisecting 64 down to one takes about log2(64) requests, not 64 */
    assert_true(standin_stat(&c->srv, "record_requests") <= 16);
    Made rest[64];
    size_t k = 0;
    for (size_t i = 0; i < 64; i++)
        if (i != 5 && i != 40)
            rest[k++] = c->made[i];
    assert_int_equal(standin_verify(&c->srv, rest, k, c->pk, c->sk, NULL), 0);
    assert_int_equal(standin_stored(&c->srv), 62);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(c->db, &db), SQLITE_OK);
    char sql[200];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT state, last_error FROM outbox WHERE id = '%s'",
             c->made[40].id);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "rejected");
    assert_non_null(strstr((const char *)sqlite3_column_text(q, 1), "poisoned batch"));
    sqlite3_finalize(q);
    sqlite3_close(db);
    /* rejected records are not sent again on their own */
    long reqs = standin_stat(&c->srv, "record_requests");
    clock_advance(600000);
    uploader_run_once(c->u);
    assert_int_equal(standin_stat(&c->srv, "record_requests"), reqs);
}

static void test_413_halves(void **state)
{
    Ctx *c = *state;
    standin_control(&c->srv, "{\"max_records\": 30}");
    add(c, 100);
    drain(c, 20);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
    /* 100 (413), 50 (413), 25 x 4 */
    assert_int_equal(standin_stat(&c->srv, "record_requests"), 6);
}

static void test_revoked_token(void **state)
{
    Ctx *c = *state;
    standin_control(&c->srv, "{\"token\": \"another\"}");
    add(c, 20);
    uint64_t wait = uploader_run_once(c->u);
    assert_int_equal(wait, UPLOAD_AUTH_RETRY_MS);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_AUTH);
    assert_false(st.authorised);
    assert_non_null(strstr(st.problem_text, "device not authorised"));
    assert_non_null(strstr(st.problem_text, "call IT"));
    assert_int_equal(up_pending(c->app), 20);
    long reqs = standin_stat(&c->srv, "record_requests");
    /* no more often than every 10 minutes, Send now or not */
    clock_advance(9 * 60 * 1000);
    uploader_send_now(c->u);
    uploader_run_once(c->u);
    assert_int_equal(standin_stat(&c->srv, "record_requests"), reqs);
    standin_control(&c->srv, "{}");
    clock_advance(60 * 1000);
    drain(c, 5);
    assert_int_equal(up_pending(c->app), 0);
    assert_int_equal(standin_stat(&c->srv, "record_requests"), reqs + 1);
    verify(c);
}

static void test_untrusted_certificate_sends_nothing(void **state)
{
    Ctx *c = *state;
    add(c, 10);
    engine(c, c->srv.other_ca, NULL, 0);
    uploader_run_once(c->u);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_TLS);
    assert_non_null(strstr(st.problem_text, "certificate is not trusted"));
    engine(c, c->srv.ca, c->srv.other_pin, 0);
    uploader_run_once(c->u);
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_PIN);
    assert_int_equal(standin_stat(&c->srv, "record_requests"), 0);
    assert_int_equal(standin_stored(&c->srv), 0);
    assert_int_equal(up_pending(c->app), 10);
    engine(c, c->srv.ca, c->srv.pin, 0);
    drain(c, 5);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
}

static void test_random_faults_seeded(void **state)
{
    Ctx *c = *state;
    const char *seed = getenv("UPLOAD_SEED");
    char ctl[100];
    snprintf(ctl, sizeof ctl, "{\"random\": {\"seed\": %s, \"rate\": 0.35}}", seed ? seed : "7");
    standin_control(&c->srv, ctl);
    for (int wave = 0; wave < 30; wave++) {
        add(c, 100);
        for (int k = 0; k < 3; k++) {
            uint64_t wait = uploader_run_once(c->u);
            clock_advance((uint32_t)(wait > 600000 ? 600000 : wait));
        }
    }
    drain(c, 2000);
    assert_int_equal(up_pending(c->app), 0);
    verify(c);
    assert_int_equal(standin_stored(&c->srv), 3000);
    assert_true(standin_stat(&c->srv, "receipts") > 3000);   /* some were sent twice */
}

static long long peek_int(const char *db, const char *sql, char *text, size_t cap)
{
    sqlite3 *d;
    sqlite3_stmt *q;
    long long v = -1;
    if (sqlite3_open(db, &d) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(d, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
        v = sqlite3_column_int64(q, 0);
        if (text)
            snprintf(text, cap, "%s", (const char *)sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    sqlite3_close(d);
    return v;
}

/* The uploader's connection is capped right after the server answers: the
 * bookkeeping (acknowledge) meets a full database. */
typedef struct {
    Ctx *c;
    bool fill;
} FullCtx;

static k_err send_then_fill(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    FullCtx *f = ud;
    k_err rc = http_do(f->c->http, req, resp);
    if (f->fill)
        store_limit_pages(f->c->up, 1);
    return rc;
}

static void test_full_disk_during_bookkeeping(void **state)
{
    Ctx *c = *state;
    add(c, 300);
    /* fill every free page of the database with a throwaway table, then
     * cap it, so that the acknowledgement cannot find room */
    FullCtx f = { c, true };
    uploader_free(c->u);
    k_err e;
    UploadOptions uo = { "dev-1", "central-sutton", "", 0, 99 };
    c->u = uploader_new(c->up, send_then_fill, &f, &uo, &e);
    assert_non_null(c->u);
    sqlite3 *d;
    assert_int_equal(sqlite3_open(c->db, &d), SQLITE_OK);
    sqlite3_busy_timeout(d, 2000);
    assert_int_equal(sqlite3_exec(d, "PRAGMA freelist_count", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(d);
    UploadStatus st;
    bool saw_full = false;
    for (int i = 0; i < 6; i++) {
        uint64_t wait = uploader_run_once(c->u);
        uploader_status(c->u, &st);
        saw_full |= st.problem == UP_STORE;
        clock_advance((uint32_t)wait);
    }
    char ok[32] = "";
    peek_int(c->db, "PRAGMA integrity_check", ok, sizeof ok);
    assert_string_equal(ok, "ok");
    assert_true(saw_full);
    assert_non_null(strstr(st.problem_text, "storage"));
    /* space returns: sending resumes, and what the server already has is
     * acknowledged as duplicate */
    f.fill = false;
    store_limit_pages(c->up, 1000000);
    clock_advance(UPLOAD_LEASE_S * 1000);
    drain(c, 50);
    assert_int_equal(up_pending(c->app), 0);
    peek_int(c->db, "PRAGMA integrity_check", ok, sizeof ok);
    assert_string_equal(ok, "ok");
    verify(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delivers_everything_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_fault, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_results_send_the_rest_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_too_slow_is_a_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected_and_poison, setup, teardown),
        cmocka_unit_test_setup_teardown(test_413_halves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revoked_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_untrusted_certificate_sends_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_random_faults_seeded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_during_bookkeeping, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
