/* test_request_units.c — the pieces under the callback and advocate
 * requests: the short reference (both ways, no look-alike characters), the
 * day's counts kept with each request (urgent, delivered, nothing saved
 * half-way), a feedback comment added to its rating, and the content
 * pack's bank holidays, hub phone and promise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/content.h"
#include "kiosk/content_requests.h"
#include "kiosk/reference.h"
#include "kiosk/store.h"

#define T_NOW ((time_t)1795430400)   /* 2026-11-23 (a Monday) 08:00 UTC */
#define SET(field, text) snprintf((field), sizeof(field), "%s", (text))

static void test_reference(void **state)
{
    (void)state;
    char ref[REFERENCE_BUF], back[9];
    assert_true(reference_from_id("5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e31", ref));
    assert_string_equal(ref, "AX3P CKA6");
    assert_true(reference_to_prefix(ref, back));
    assert_string_equal(back, "5f0c6a52");
    assert_true(reference_to_prefix("ax3p-cka6", back));
    assert_string_equal(back, "5f0c6a52");
    assert_false(reference_to_prefix("AX3P CKA", back));
    assert_false(reference_to_prefix("AX3P CKA66", back));
    assert_false(reference_to_prefix("AX3P CKA0", back));   /* 0 is not in the alphabet */
    assert_string_equal(back, "");
    assert_false(reference_from_id("5f0c6a5-", ref));
    assert_false(reference_from_id("5f0c6a5g-6a1e", ref));
    assert_string_equal(ref, "");
    /* every id: no look-alike character, and the way back */
    for (int i = 0; i < 2000; i++) {
        char id[37];
        store_uuid4(id);
        assert_true(reference_from_id(id, ref));
        assert_int_equal(strlen(ref), 9);
        assert_null(strpbrk(ref, "0O1IL5S2Z8BGUVQ"));
        assert_true(reference_to_prefix(ref, back));
        assert_memory_equal(back, id, 8);
    }
}

typedef struct {
    char dir[64], db[96];
    Store *s;
} Fx;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-requ-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/kiosk.db", f->dir);
    k_err e;
    f->s = store_open(f->db, &e);
    *state = f;
    return f->s ? 0 : -1;
}

static int teardown(void **state)
{
    Fx *f = *state;
    char cmd[128];
    store_close(f->s);
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static Record request(RecordType t)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = t;
    CallbackRecord *c = t == REC_ADVOCATE ? &r.u.advocate.call : &r.u.callback;
    SET(c->first_name, "Ewa");
    SET(c->phone, "+48512345678");
    SET(c->need_id, "something-else");
    c->best_times = BEST_MORNING;
    SET(c->language, "pl");
    SET(c->consent_version, "request-1");
    return r;
}

static void test_counts(void **state)
{
    Fx *f = *state;
    char id1[37], id2[37], id3[37], id4[37];
    Record cb = request(REC_CALLBACK), adv = request(REC_ADVOCATE);
    RequestCounts n;
    assert_int_equal(store_request_counts(f->s, "2026-11-23", &n), K_OK);
    assert_int_equal(n.callback.total + n.advocate.total, 0);
    assert_int_equal(store_add_request(f->s, &cb, false, T_NOW, id1), K_OK);
    assert_int_equal(store_add_request(f->s, &adv, true, T_NOW, id2), K_OK);
    assert_int_equal(store_add_request(f->s, &adv, false, T_NOW + 60, id3), K_OK);
    /* yesterday's request is gone once today's come */
    assert_int_equal(store_add_request(f->s, &cb, false, T_NOW - 86400, id4), K_OK);
    assert_int_equal(store_add_request(f->s, &cb, false, T_NOW + 120, id4), K_OK);
    const char *ack[] = { id2 };
    assert_int_equal(store_outbox_ack(f->s, ack, 1, T_NOW + 200), K_OK);
    assert_int_equal(store_request_counts(f->s, "2026-11-23", &n), K_OK);
    assert_int_equal(n.callback.total, 2);
    assert_int_equal(n.callback.urgent, 0);
    assert_int_equal(n.callback.delivered, 0);
    assert_int_equal(n.advocate.total, 2);
    assert_int_equal(n.advocate.urgent, 1);
    assert_int_equal(n.advocate.delivered, 1);
    char line[200];
    assert_int_equal(store_request_summary(f->s, "2026-11-23", line, sizeof line), K_OK);
    assert_string_equal(line, "Callbacks today: 2 (0 urgent, 0 delivered). Advocates today: 2 "
                              "(1 urgent, 1 delivered).");
    assert_int_equal(store_request_counts(f->s, "2026-11-22", &n), K_OK);
    assert_int_equal(n.callback.total, 0);
    /* a check-in is not a request; an invalid request saves nothing */
    Record bad = request(REC_CALLBACK);
    bad.u.callback.phone[0] = '\0';
    assert_int_equal(store_add_request(f->s, &bad, true, T_NOW, id4), K_ERR_INVALID);
    bad.type = REC_FEEDBACK;
    assert_int_equal(store_add_request(f->s, &bad, true, T_NOW, id4), K_ERR_INVALID);
    OutboxCounts oc;
    assert_int_equal(store_outbox_counts(f->s, &oc), K_OK);
    assert_int_equal(oc.pending + oc.acked, 5);
}

/* The disk fills before the commit: neither the record nor its count row. */
static void test_full_saves_nothing(void **state)
{
    Fx *f = *state;
    char id[37];
    Record cb = request(REC_CALLBACK);
    assert_int_equal(store_add_request(f->s, &cb, false, T_NOW, id), K_OK);
    OutboxCounts before, after;
    assert_int_equal(store_outbox_counts(f->s, &before), K_OK);
    assert_int_equal(store_limit_pages(f->s, 1), K_OK);
    SET(cb.u.callback.note, "a longer note to need another page of the database file here");
    k_err e = K_OK;
    for (int i = 0; i < 50 && e == K_OK; i++)
        e = store_add_request(f->s, &cb, true, T_NOW, id);
    assert_int_not_equal(e, K_OK);
    store_limit_pages(f->s, 100000);
    assert_int_equal(store_outbox_counts(f->s, &after), K_OK);
    RequestCounts n;
    assert_int_equal(store_request_counts(f->s, "2026-11-23", &n), K_OK);
    assert_int_equal(n.callback.total, after.pending);
    assert_true(after.pending >= before.pending);
}

static void test_feedback_amend(void **state)
{
    Fx *f = *state;
    Record fb;
    memset(&fb, 0, sizeof fb);
    fb.type = REC_FEEDBACK;
    fb.u.feedback.rating = 4;
    SET(fb.u.feedback.language, "ur");
    char id[37], id2[37];
    assert_int_equal(store_add_record(f->s, &fb, T_NOW, id), K_OK);
    SET(fb.u.feedback.comment, "Kind staff");
    assert_int_equal(store_feedback_amend(f->s, id, &fb, T_NOW + 5, id2), K_OK);
    assert_string_equal(id, id2);
    OutboxCounts oc;
    assert_int_equal(store_outbox_counts(f->s, &oc), K_OK);
    assert_int_equal(oc.pending, 1);
    /* claimed by the uploader: the comment goes as a record of its own */
    OutboxBatch b = { 0 };
    assert_int_equal(store_outbox_claim(f->s, 10, 1 << 20, T_NOW + 6, 60, &b), K_OK);
    store_outbox_batch_free(&b);
    assert_int_equal(store_feedback_amend(f->s, id, &fb, T_NOW + 7, id2), K_OK);
    assert_string_not_equal(id, id2);
    assert_int_equal(store_outbox_counts(f->s, &oc), K_OK);
    assert_int_equal(oc.pending, 2);
    Record cb = request(REC_CALLBACK);
    assert_int_equal(store_feedback_amend(f->s, id, &cb, T_NOW, id2), K_ERR_INVALID);
}

static const char pack_head[] =
    "{\"format\":\"family-hub-content/1\",\"version\":\"1\",\"sessions\":[],"
    "\"hub\":{\"id\":\"h\",\"name\":\"Hub\"%s}%s}";

static ContentPack *pack(const char *hub_extra, const char *top_extra, char *err)
{
    char json[1024];
    snprintf(json, sizeof json, pack_head, hub_extra, top_extra);
    return content_load_buffer(json, strlen(json), "test", err, 256);
}

static void test_pack_keys(void **state)
{
    (void)state;
    char err[256];
    ContentPack *p = pack(",\"phones\":[{\"number\":\"020 7946 0999\"}],"
                          "\"callback_promise\":\"We call within a day.\"",
                          ",\"bank_holidays\":[\"2029-01-01\",\"2026-11-24\"],"
                          "\"translations\":{\"pl\":{\"h\":"
                          "{\"callback_promise\":\"Zadzwonimy.\"}}}",
                          err);
    assert_non_null(p);
    assert_string_equal(content_hub_phone(p), "020 7946 0999");
    assert_string_equal(content_hub_promise(p, "en-GB", "x"), "We call within a day.");
    assert_string_equal(content_hub_promise(p, "pl", "x"), "Zadzwonimy.");
    WorkCalendar c;
    workdays_init(&c);
    assert_int_equal(content_bank_holidays(p, &c), 2);
    long d;
    assert_true(workdays_parse("2026-11-24", &d));
    assert_false(workdays_working(&c, d));
    content_free(p);
    /* none given: defaults */
    p = pack("", "", err);
    assert_non_null(p);
    assert_string_equal(content_hub_phone(p), "");
    assert_string_equal(content_hub_promise(p, "pl", "fallback"), "fallback");
    assert_int_equal(content_bank_holidays(p, &c), 0);
    content_free(p);
    assert_string_equal(content_hub_phone(NULL), "");
    /* refused whole, the path named */
    assert_null(pack("", ",\"bank_holidays\":[\"2029-01-01\",\"2029-02-30\"]", err));
    assert_non_null(strstr(err, "bank_holidays[1]"));
    assert_null(pack("", ",\"bank_holidays\":\"2029-01-01\"", err));
    assert_non_null(strstr(err, "bank_holidays"));
    assert_null(pack(",\"phones\":[{\"number\":7}]", "", err));
    assert_non_null(strstr(err, "hub.phones[0].number"));
    assert_null(pack(",\"callback_promise\":\"\\u202eabc\"", "", err));
    assert_non_null(strstr(err, "hub.callback_promise"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference),
        cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_saves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feedback_amend, setup, teardown),
        cmocka_unit_test(test_pack_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
