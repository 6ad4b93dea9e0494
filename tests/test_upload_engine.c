/* test_upload_engine.c — the upload engine step by step over a fake
 * transport and a stepped clock: the request body, the strict reading of
 * results, the backoff's bounds and reset, Retry-After, 400 bisection and
 * 413 halving down to a single record. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "upload_fixture.h"

typedef struct {
    long status;             /* answer with this status (0: a network failure) */
    char retry_after[64];
    char poison[37];         /* 400 for a batch holding this id */
    size_t max_records;      /* 413 over this */
    bool garble;
    int requests;
    size_t max_seen, max_body;
    json_t *seen;            /* id -> times received */
} Fake;

static k_err fake_send(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    Fake *f = ud;
    memset(resp, 0, sizeof *resp);
    f->requests++;
    if (req->body_len > f->max_body)
        f->max_body = req->body_len;
    json_t *env = json_loadb(req->body, req->body_len, 0, NULL);
    assert_non_null(env);
    json_t *recs = json_object_get(env, "records");
    size_t n = json_array_size(recs);
    if (n > f->max_seen)
        f->max_seen = n;
    if (f->status == 0) {
        resp->fail = HTTP_FAIL_NETWORK;
        json_decref(env);
        return K_OK;
    }
    resp->status = f->status;
    snprintf(resp->retry_after, sizeof resp->retry_after, "%s", f->retry_after);
    size_t i;
    json_t *r;
    json_array_foreach(recs, i, r) {
        if (f->poison[0] && !strcmp(json_string_value(json_object_get(r, "id")), f->poison))
            resp->status = 400;
    }
    if (f->max_records && n > f->max_records)
        resp->status = 413;
    if (resp->status == 200) {
        json_t *out = json_array();
        json_array_foreach(recs, i, r) {
            const char *id = json_string_value(json_object_get(r, "id"));
            json_int_t times = json_integer_value(json_object_get(f->seen, id));
            json_object_set_new(f->seen, id, json_integer(times + 1));
            json_array_append_new(out, json_pack("{s:s,s:s}", "id", id, "status",
                                                 times ? "duplicate" : "stored"));
        }
        json_t *body = json_pack("{s:o}", "results", out);
        resp->body = f->garble ? strdup("{\"results\":[") : json_dumps(body, JSON_COMPACT);
        resp->len = strlen(resp->body);
        json_decref(body);
    } else if (resp->status == 400) {
        resp->body = strdup("{\"error\":\"record 7 has no payload\"}");
        resp->len = strlen(resp->body);
    }
    json_decref(env);
    return K_OK;
}

typedef struct {
    char dir[64], db[96];
    Store *s;
    Fake fake;
    Uploader *u;
} Ctx;

static int setup(void **state)
{
    Ctx *c = calloc(1, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "/tmp/kiosk-engine-XXXXXX");
    if (!c || !mkdtemp(c->dir) || sodium_init() < 0)
        return -1;
    snprintf(c->db, sizeof c->db, "%s/kiosk.db", c->dir);
    setenv("TZ", "Europe/London", 1);
    clock_use_stepped(1795000000);
    k_err e;
    c->s = store_open(c->db, &e);
    c->fake.status = 200;
    c->fake.seen = json_object();
    UploadOptions o = { "dev-7", "hub-1", "", 0, 4242 };
    c->u = uploader_new(c->s, fake_send, &c->fake, &o, &e);
    if (!c->s || !c->u)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    uploader_free(c->u);
    store_close(c->s);
    json_decref(c->fake.seen);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
    if (system(cmd) != 0)
        return -1;
    clock_use_real();
    free(c);
    return 0;
}

static void test_body_shape(void **state)
{
    (void)state;
    OutboxItem it[2] = {
        { "5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e31", "checkin", 1, "2026-11-23T09:58:41Z",
          (char *)"{\"sealed\":\"AAAA\"}", 0, 0 },
        { "5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e32", "feedback", 1, "2026-11-23T09:58:42Z",
          (char *)"{\"rating\":5,\"comment\":\"\\\"ok\\\" \\u00e9\"}", 0, 0 },
    };
    OutboxBatch b = { it, 2, 0 };
    char *body;
    size_t len;
    assert_int_equal(uploader_build_body(&b, 0, 2, "dev \"7\"", "hub-1", 1795000000, &body,
                                         &len), K_OK);
    json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "device_id")), "dev \"7\"");
    assert_string_equal(json_string_value(json_object_get(j, "hub_id")), "hub-1");
    assert_string_equal(json_string_value(json_object_get(j, "sent_at")), "2026-11-18T11:06:40Z");
    json_t *r = json_array_get(json_object_get(j, "records"), 1);
    assert_string_equal(json_string_value(json_object_get(r, "type")), "feedback");
    assert_int_equal(json_integer_value(json_object_get(r, "schema")), 1);
    assert_string_equal(json_string_value(json_object_get(r, "created_at")),
                        "2026-11-23T09:58:42Z");
    json_t *p = json_object_get(r, "payload");
    assert_true(json_is_object(p));     /* embedded as JSON, not as a string */
    assert_string_equal(json_string_value(json_object_get(p, "comment")), "\"ok\" \xc3\xa9");
    assert_true(json_is_object(json_object_get(json_array_get(json_object_get(j, "records"), 0),
                                               "payload")));
    json_decref(j);
    free(body);
}

static void test_results_read_strictly(void **state)
{
    (void)state;
    const char *ids[] = { "a", "b", "c" };
    UpResult out[3];
    char *why[3];
    const char *good = "{\"results\":[{\"id\":\"a\",\"status\":\"stored\"},"
                       "{\"id\":\"c\",\"status\":\"rejected\",\"reason\":\"bad phone\"},"
                       "{\"id\":\"b\",\"status\":\"duplicate\",\"extra\":1}]}";
    assert_int_equal(uploader_parse_results(good, strlen(good), ids, 3, out, why), K_OK);
    assert_int_equal(out[0], UP_RES_STORED);
    assert_int_equal(out[1], UP_RES_DUPLICATE);
    assert_int_equal(out[2], UP_RES_REJECTED);
    assert_string_equal(why[2], "bad phone");
    uploader_free_reasons(why, 3);
    const char *missing = "{\"results\":[{\"id\":\"b\",\"status\":\"stored\"}]}";
    assert_int_equal(uploader_parse_results(missing, strlen(missing), ids, 3, out, why), K_OK);
    assert_int_equal(out[0], UP_RES_MISSING);
    assert_int_equal(out[1], UP_RES_STORED);
    static const char *const bad[] = {
        "", "null", "[]", "{}", "{\"results\":{}}", "{\"results\":[1]}",
        "{\"results\":[{\"id\":\"a\"}]}", "{\"results\":[{\"status\":\"stored\"}]}",
        "{\"results\":[{\"id\":1,\"status\":\"stored\"}]}",
        "{\"results\":[{\"id\":\"a\",\"status\":true}]}",
        "{\"results\":[{\"id\":\"a\",\"status\":\"kept\"}]}",
        "{\"results\":[{\"id\":\"z\",\"status\":\"stored\"}]}",
        "{\"results\":[{\"id\":\"a\",\"status\":\"stored\"},{\"id\":\"a\",\"status\":\"stored\"}]}",
        "{\"results\":[{\"id\":\"a\",\"status\":\"rejected\",\"reason\":5}]}",
        "{\"results\":[{\"id\":\"a\",\"status\":\"stored\"}]",
        "{\"results\":[{\"id\":\"a\",\"status\":\"stored\"}],\"results\":[]}",
        "{\"results\":[{\"id\":\"a\",\"status\":\"stored\"}]} x",
        "{\"results\":[{\"id\":\"a\xff\",\"status\":\"stored\"}]}",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        assert_int_equal(uploader_parse_results(bad[k], strlen(bad[k]), ids, 3, out, why),
                         K_ERR_INVALID);
        for (int i = 0; i < 3; i++) {
            assert_int_equal(out[i], UP_RES_MISSING);
            assert_null(why[i]);
        }
    }
}

static void test_batches_within_limits(void **state)
{
    Ctx *c = *state;
    /* long notes in four-byte characters, sealed (base64 grows them by a
     * third): the byte limit binds before 100 records */
    unsigned char pk[32], sk[32];
    crypto_box_keypair(pk, sk);
    store_set_record_key(c->s, pk);
    for (int i = 0; i < 300; i++) {
        Record r = up_record(1);
        char *p = r.u.callback.note;
        p[0] = '\0';
        for (int k = 0; k < K_NOTE_MAX_CP; k++)
            strcat(p, "\xf0\x9f\x98\x80");
        char id[37];
        assert_int_equal(store_add_record(c->s, &r, clock_now(), id), K_OK);
    }
    Made dummy[1];
    up_add(c->s, 0, 1, dummy);
    for (int i = 0; i < 50 && up_pending(c->s) > 0; i++)
        clock_advance((uint32_t)uploader_run_once(c->u));
    assert_int_equal(up_pending(c->s), 0);
    assert_true(c->fake.max_body <= UPLOAD_MAX_BODY);
    assert_true(c->fake.max_body > UPLOAD_MAX_BODY / 2);
    assert_true(c->fake.max_seen < UPLOAD_MAX_RECORDS);
    c->fake.max_seen = 0;
    /* and many small ones: 100 a batch */
    Made m[250];
    up_add(c->s, 0, 250, m);
    int before = c->fake.requests;
    for (int i = 0; i < 10 && up_pending(c->s) > 0; i++)
        clock_advance((uint32_t)uploader_run_once(c->u));
    assert_int_equal(c->fake.requests - before, 3);
    assert_int_equal(c->fake.max_seen, 100);
}

static void test_backoff_bounds_and_reset(void **state)
{
    Ctx *c = *state;
    Made m[3];
    up_add(c->s, 0, 3, m);
    c->fake.status = 500;
    uint64_t cap = 1000;
    bool varied = false;
    uint64_t last = 0;
    for (int k = 1; k <= 16; k++) {
        uint64_t wait = uploader_run_once(c->u);
        assert_true(wait >= UPLOAD_BACKOFF_MIN_MS);
        assert_true(wait <= cap);
        varied |= k > 10 && wait != last;      /* both drawn under the 5-minute cap */
        last = wait;
        /* nothing happens before the wait is over */
        int reqs = c->fake.requests;
        clock_advance((uint32_t)(wait - 1));
        uploader_run_once(c->u);
        assert_int_equal(c->fake.requests, reqs);
        clock_advance(1);
        cap = cap * 2 > UPLOAD_BACKOFF_MAX_MS ? UPLOAD_BACKOFF_MAX_MS : cap * 2;
    }
    assert_true(varied);        /* jittered, not a fixed ladder */
    assert_int_equal(up_pending(c->s), 3);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_SERVER);
    assert_non_null(strstr(st.problem_text, "answer 500"));
    c->fake.status = 200;
    uploader_run_once(c->u);
    assert_int_equal(up_pending(c->s), 0);
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_OK);
    assert_string_equal(st.problem_text, "");
    /* reset on success: the next failure waits one second again */
    up_add(c->s, 3, 1, m);
    c->fake.status = 0;
    assert_int_equal(uploader_run_once(c->u), 1000);
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_NETWORK);
    assert_non_null(strstr(st.problem_text, "no network since "));
    /* Send now ends a backoff */
    c->fake.status = 200;
    uploader_send_now(c->u);
    uploader_run_once(c->u);
    assert_int_equal(up_pending(c->s), 0);
    for (int k = 1; k < 30; k++)
        assert_true(uploader_backoff_ms(k, 0xffffffffu) <= UPLOAD_BACKOFF_MAX_MS);
    assert_int_equal(uploader_backoff_ms(1, 12345), 1000);
}

static void test_retry_after(void **state)
{
    Ctx *c = *state;
    assert_int_equal(http_retry_after("120", 1000), 120);
    assert_int_equal(http_retry_after("0", 1000), 0);
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), 10);
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490), 0);
    assert_int_equal(http_retry_after("soon", 0), -1);
    assert_int_equal(http_retry_after("", 0), -1);
    assert_int_equal(http_retry_after("-5", 0), -1);
    Made m[2];
    up_add(c->s, 0, 2, m);
    c->fake.status = 503;
    snprintf(c->fake.retry_after, sizeof c->fake.retry_after, "42");
    assert_int_equal(uploader_run_once(c->u), 42000);
    clock_advance(42000);
    c->fake.status = 429;
    snprintf(c->fake.retry_after, sizeof c->fake.retry_after, "99999999");
    assert_int_equal(uploader_run_once(c->u), UPLOAD_RETRY_AFTER_MAX_S * 1000u);
    clock_advance(UPLOAD_RETRY_AFTER_MAX_S * 1000u);
    snprintf(c->fake.retry_after, sizeof c->fake.retry_after, "a while");
    uint64_t w = uploader_run_once(c->u);     /* unreadable: back off instead */
    assert_true(w >= 1000 && w <= 300000);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_BUSY);
    assert_int_equal(up_pending(c->s), 2);
}

static void test_400_bisects_to_one(void **state)
{
    Ctx *c = *state;
    Made m[100];
    up_add(c->s, 0, 100, m);
    snprintf(c->fake.poison, sizeof c->fake.poison, "%s", m[77].id);
    for (int i = 0; i < 40 && up_pending(c->s) > 0; i++)
        clock_advance((uint32_t)uploader_run_once(c->u));
    assert_int_equal(up_pending(c->s), 0);
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(c->s, &n), K_OK);
    assert_int_equal(n.rejected, 1);
    assert_int_equal(n.acked, 99);
    assert_true(c->fake.requests <= 16);
    /* after the record at fault is found, batches are whole again */
    Made more[100];
    up_add(c->s, 100, 100, more);
    int before = c->fake.requests;
    clock_advance((uint32_t)uploader_run_once(c->u));
    assert_int_equal(c->fake.requests - before, 1);
    assert_int_equal(up_pending(c->s), 0);
}

static void test_413_down_to_one_rejects(void **state)
{
    Ctx *c = *state;
    Made m[8];
    up_add(c->s, 0, 8, m);
    c->fake.max_records = 2;
    for (int i = 0; i < 20 && up_pending(c->s) > 0; i++)
        clock_advance((uint32_t)uploader_run_once(c->u));
    assert_int_equal(up_pending(c->s), 0);
    assert_true(c->fake.max_seen == 8);
    c->fake.max_records = 0;
    c->fake.status = 413;
    Made one[1];
    up_add(c->s, 8, 1, one);
    clock_advance((uint32_t)uploader_run_once(c->u));
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(c->s, &n), K_OK);
    assert_int_equal(n.rejected, 1);
}

static void test_garbled_acknowledges_nothing(void **state)
{
    Ctx *c = *state;
    Made m[5];
    up_add(c->s, 0, 5, m);
    c->fake.garble = true;
    uint64_t w = uploader_run_once(c->u);
    assert_int_equal(up_pending(c->s), 5);
    UploadStatus st;
    uploader_status(c->u, &st);
    assert_int_equal(st.problem, UP_GARBLED);
    c->fake.garble = false;
    clock_advance((uint32_t)w);
    uploader_run_once(c->u);
    assert_int_equal(up_pending(c->s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_shape),
        cmocka_unit_test(test_results_read_strictly),
        cmocka_unit_test_setup_teardown(test_batches_within_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backoff_bounds_and_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_after, setup, teardown),
        cmocka_unit_test_setup_teardown(test_400_bisects_to_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_413_down_to_one_rejects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbled_acknowledges_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
