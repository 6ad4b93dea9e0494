/* test_store_outbox.c — the outbox API the uploader calls: claims in
 * creation order within a count and a size, leases, acknowledgements,
 * rejections, failed attempts, counts and the oldest age; two Stores on one
 * file working at once; a schema 1 database migrated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>

#include "store_fixture.h"

static void add_feedback(Store *s, int n, time_t t, char ids[][37])
{
    for (int i = 0; i < n; i++) {
        Record r = fixture_feedback(1 + i % 5);
        assert_int_equal(store_add_record(s, &r, t + i, ids[i]), K_OK);
    }
}

static OutboxCounts counts(Store *s)
{
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    return c;
}

static void test_claim_order_and_limits(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    char ids[10][37];
    add_feedback(s, 10, T_SUMMER, ids);
    time_t now = T_SUMMER + 100;

    OutboxBatch b;
    assert_int_equal(store_outbox_claim(s, 0, 1000, now, 60, &b), K_ERR_INVALID);
    assert_int_equal(store_outbox_claim(s, 3, 0, now, 60, &b), K_ERR_INVALID);
    assert_int_equal(store_outbox_claim(s, 3, 1000, now, 0, &b), K_ERR_INVALID);

    /* at most N records, in creation order */
    assert_int_equal(store_outbox_claim(s, 3, 1u << 20, now, 60, &b), K_OK);
    assert_int_equal(b.n, 3);
    size_t sum = 0;
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(b.items[i].id, ids[i]);
        assert_string_equal(b.items[i].type, "feedback");
        assert_int_equal(b.items[i].schema, 1);
        assert_int_equal(b.items[i].attempts, 0);
        /* bytes: the record's object exactly as a compact body holds it */
        char obj[512];
        int len = snprintf(obj, sizeof obj,
                           "{\"id\":\"%s\",\"type\":\"%s\",\"schema\":%d,\"created_at\":\"%s\","
                           "\"payload\":%s}", b.items[i].id, b.items[i].type,
                           b.items[i].schema, b.items[i].created_at, b.items[i].payload);
        assert_int_equal(b.items[i].bytes, (size_t)len);
        sum += b.items[i].bytes;
    }
    assert_int_equal(b.bytes, sum);
    size_t one = b.items[0].bytes;
    store_outbox_batch_free(&b);
    assert_int_equal(b.n, 0);
    assert_null(b.items);

    /* the leased three are skipped: the next claim starts at the fourth,
     * and stops before max_bytes is passed */
    assert_int_equal(store_outbox_claim(s, 100, 2 * one + one / 2, now, 60, &b), K_OK);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.items[0].id, ids[3]);
    assert_string_equal(b.items[1].id, ids[4]);
    assert_true(b.bytes <= 2 * one + one / 2);
    store_outbox_batch_free(&b);

    /* a first record larger than max_bytes is claimed alone */
    assert_int_equal(store_outbox_claim(s, 100, 10, now, 60, &b), K_OK);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].id, ids[5]);
    store_outbox_batch_free(&b);

    /* the leases run out: a crashed claimer holds nothing for ever */
    assert_int_equal(store_outbox_claim(s, 100, 1u << 20, now + 59, 60, &b), K_OK);
    assert_int_equal(b.n, 4);                         /* 7..10 only */
    assert_string_equal(b.items[0].id, ids[6]);
    store_outbox_batch_free(&b);
    assert_int_equal(store_outbox_claim(s, 100, 1u << 20, now + 60, 60, &b), K_OK);
    assert_int_equal(b.n, 6);                         /* 1..6, leases ended */
    assert_string_equal(b.items[0].id, ids[0]);
    assert_string_equal(b.items[5].id, ids[5]);
    store_outbox_batch_free(&b);
    assert_int_equal(counts(s).pending, 10);
    store_close(s);
}

static void test_ack_reject_release(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    char ids[6][37];
    add_feedback(s, 6, T_SUMMER, ids);
    time_t now = T_SUMMER + 100;
    long age = -1;
    assert_int_equal(store_outbox_oldest_age(s, now, &age), K_OK);
    assert_int_equal(age, 100);

    OutboxBatch b;
    assert_int_equal(store_outbox_claim(s, 4, 1u << 20, now, 300, &b), K_OK);
    assert_int_equal(b.n, 4);
    const char *acks[] = { ids[0], ids[1], "00000000-0000-4000-8000-000000000000" };
    assert_int_equal(store_outbox_ack(s, acks, 3, now), K_OK);
    assert_int_equal(store_outbox_ack(s, acks, 2, now + 5), K_OK);     /* idempotent */
    const char *null_id[] = { NULL };
    assert_int_equal(store_outbox_ack(s, null_id, 1, now), K_ERR_INVALID);
    assert_int_equal(store_outbox_reject(s, ids[2], "session \"x\" unknown\n\x01", now), K_OK);
    assert_int_equal(store_outbox_reject(s, "no-such-id", "x", now), K_ERR_NOT_FOUND);
    assert_int_equal(store_outbox_release(s, ids[3], "connection reset"), K_OK);
    assert_int_equal(store_outbox_release(s, ids[3], "timed out"), K_OK);
    assert_int_equal(store_outbox_release(s, "no-such-id", "x"), K_ERR_NOT_FOUND);
    /* a release of a record already done leaves it done */
    assert_int_equal(store_outbox_release(s, ids[0], "late"), K_OK);
    /* a reject of an acknowledged record leaves it acknowledged */
    assert_int_equal(store_outbox_reject(s, ids[1], "late", now), K_OK);
    store_outbox_batch_free(&b);

    OutboxCounts c = counts(s);
    assert_int_equal(c.acked, 2);
    assert_int_equal(c.rejected, 1);
    assert_int_equal(c.pending, 3);
    /* the oldest pending is now the fourth */
    assert_int_equal(store_outbox_oldest_age(s, now, &age), K_OK);
    assert_int_equal(age, 97);

    /* the released one comes back at once, with its attempts; the acked and
     * rejected never do, however late */
    assert_int_equal(store_outbox_claim(s, 100, 1u << 20, now + 1, 300, &b), K_OK);
    assert_int_equal(b.n, 3);
    assert_string_equal(b.items[0].id, ids[3]);
    assert_int_equal(b.items[0].attempts, 2);
    assert_string_equal(b.items[1].id, ids[4]);
    assert_string_equal(b.items[2].id, ids[5]);
    const char *rest[] = { b.items[0].id, b.items[1].id, b.items[2].id };
    assert_int_equal(store_outbox_ack(s, rest, 3, now + 2), K_OK);
    store_outbox_batch_free(&b);
    assert_int_equal(store_outbox_claim(s, 100, 1u << 20, now + 10 * DAY, 300, &b), K_OK);
    assert_int_equal(b.n, 0);
    store_outbox_batch_free(&b);
    assert_int_equal(store_outbox_oldest_age(s, now, &age), K_ERR_NOT_FOUND);
    assert_int_equal(age, 0);

    /* the reason and the last error are kept, cleaned, for staff */
    sqlite3 *db = fixture_peek(f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT last_error, state, rejected_at FROM outbox "
                                            "WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, ids[2], -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "session \"x\" unknown  ");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "rejected");
    assert_non_null(sqlite3_column_text(st, 2));
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, ids[3], -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "timed out");
    assert_string_equal((const char *)sqlite3_column_text(st, 1), "acked");
    sqlite3_finalize(st);
    /* a second acknowledgement changed nothing: the first time is kept */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT acked_at FROM outbox WHERE id = ?1", -1,
                                        &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, ids[0], -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "2026-07-01T23:31:40Z");
    sqlite3_finalize(st);
    sqlite3_close(db);
    store_close(s);
}

/* ---- two Stores on one file ---- */

enum { N_RECORDS = 240, BATCH = 7 };

typedef struct {
    const Fixture *f;
    k_err err;
    int added;
    volatile int done;
} Adder;

static void *adder_run(void *arg)
{
    Adder *a = arg;
    k_err e;
    Store *s = store_open(a->f->db, &e);
    a->err = s ? K_OK : e;
    for (int i = 0; s && i < N_RECORDS && a->err == K_OK; i++) {
        Record r = fixture_feedback(1 + i % 5);
        char id[37];
        a->err = store_add_record(s, &r, T_SUMMER + i, id);
        if (a->err == K_OK)
            a->added++;
    }
    store_close(s);
    __atomic_store_n(&a->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

typedef struct {
    const Fixture *f;
    Adder *adder;
    k_err err;
    char (*seen)[37];       /* every id claimed, shared by the claimers */
    int *nseen;
    pthread_mutex_t *lock;
    int twice;              /* an id claimed while another held it */
} Claimer;

static void *claimer_run(void *arg)
{
    Claimer *c = arg;
    k_err e;
    Store *s = store_open(c->f->db, &e);
    c->err = s ? K_OK : e;
    time_t now = T_SUMMER + 10;      /* one fixed time: leases never run out */
    for (int spins = 0; s && c->err == K_OK && spins < 100000; spins++) {
        OutboxBatch b;
        c->err = store_outbox_claim(s, BATCH, 256 * 1024, now, 3600, &b);
        if (c->err != K_OK)
            break;
        if (b.n == 0) {
            store_outbox_batch_free(&b);
            if (__atomic_load_n(&c->adder->done, __ATOMIC_SEQ_CST)) {
                /* one last look after the adder finished */
                c->err = store_outbox_claim(s, BATCH, 256 * 1024, now, 3600, &b);
                if (c->err != K_OK || b.n == 0) {
                    store_outbox_batch_free(&b);
                    break;
                }
            } else {
                usleep(1000);
                continue;
            }
        }
        const char *ids[BATCH];
        pthread_mutex_lock(c->lock);
        for (size_t i = 0; i < b.n; i++) {
            ids[i] = b.items[i].id;
            for (int k = 0; k < *c->nseen; k++)
                if (strcmp(c->seen[k], b.items[i].id) == 0)
                    c->twice++;
            if (*c->nseen < N_RECORDS * 2)
                snprintf(c->seen[(*c->nseen)++], 37, "%s", b.items[i].id);
        }
        pthread_mutex_unlock(c->lock);
        c->err = store_outbox_ack(s, ids, b.n, now);
        store_outbox_batch_free(&b);
    }
    store_close(s);
    return NULL;
}

static void test_two_connections(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);            /* creates and migrates */
    char busy[16];
    assert_int_equal(store_setting(s, "busy_timeout", busy, sizeof busy), K_OK);
    assert_true(atoi(busy) >= 1000);
    store_close(s);

    static char seen[N_RECORDS * 2][37];
    int nseen = 0;
    pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    Adder a = { .f = f, .err = K_OK };
    Claimer c1 = { .f = f, .adder = &a, .seen = seen, .nseen = &nseen, .lock = &lock };
    Claimer c2 = c1;
    pthread_t ta, t1, t2;
    assert_int_equal(pthread_create(&ta, NULL, adder_run, &a), 0);
    assert_int_equal(pthread_create(&t1, NULL, claimer_run, &c1), 0);
    assert_int_equal(pthread_create(&t2, NULL, claimer_run, &c2), 0);
    pthread_join(ta, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);

    /* nobody saw SQLITE_BUSY (K_ERR_DB), nothing lost, nothing twice */
    assert_int_equal(a.err, K_OK);
    assert_int_equal(c1.err, K_OK);
    assert_int_equal(c2.err, K_OK);
    assert_int_equal(a.added, N_RECORDS);
    assert_int_equal(c1.twice + c2.twice, 0);
    assert_int_equal(nseen, N_RECORDS);
    s = fixture_open(f);
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(s, &n), K_OK);
    assert_int_equal(n.acked, N_RECORDS);
    assert_int_equal(n.pending, 0);
    store_close(s);
}

/* ---- migration from schema 1 ---- */

static void test_migrates_a_version_1_database(void **state)
{
    Fixture *f = *state;
    FILE *fp = fopen("tests/data/store/v1.sql", "rb");   /* run from the repository root */
    assert_non_null(fp);
    static char sql[65536];
    size_t n = fread(sql, 1, sizeof sql - 1, fp);
    fclose(fp);
    sql[n] = '\0';
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(fixture_int(db, "PRAGMA user_version"), 1);
    sqlite3_close(db);

    Store *s = fixture_open(f);
    db = fixture_peek(f);
    assert_int_equal(fixture_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(fixture_int(db, "SELECT COUNT(*) FROM outbox WHERE lease_until = 0"), 2);
    sqlite3_close(db);
    OutboxCounts c = counts(s);
    assert_int_equal(c.pending, 1);
    assert_int_equal(c.rejected, 1);
    char hash[128];
    assert_int_equal(store_kv_get(s, "staff.pin_hash", hash, sizeof hash), K_OK);
    assert_non_null(strstr(hash, "$argon2id$"));

    /* the old rows go through the new API */
    OutboxBatch b;
    assert_int_equal(store_outbox_claim(s, 10, 1u << 20, T_SUMMER + DAY, 60, &b), K_OK);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].id, "42205120-2ea8-41f9-9635-6d568d0d7edf");
    assert_non_null(strstr(b.items[0].payload, "\"first_name\":\"Zofia\""));
    const char *ids[] = { b.items[0].id };
    assert_int_equal(store_outbox_ack(s, ids, 1, T_SUMMER + DAY), K_OK);
    store_outbox_batch_free(&b);
    assert_int_equal(counts(s).acked, 1);
    /* and new records follow them in order */
    char id[37];
    Record r = fixture_feedback(5);
    assert_int_equal(store_add_record(s, &r, T_SUMMER + DAY, id), K_OK);
    assert_int_equal(store_outbox_claim(s, 10, 1u << 20, T_SUMMER + DAY, 60, &b), K_OK);
    assert_int_equal(b.n, 1);
    assert_string_equal(b.items[0].id, id);
    store_outbox_batch_free(&b);
    store_close(s);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_claim_order_and_limits, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ack_reject_release, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_two_connections, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_migrates_a_version_1_database, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
