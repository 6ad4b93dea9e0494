/* test_record.c — the four record types: each payload matched field by
 * field, each invalid field refused with nothing saved, sealed payloads
 * that open with the secret key, and texts as long as the pack allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/record.h"
#include "kiosk/store.h"

#define T_NOW ((time_t)1782982800)   /* 2026-07-02 10:00 London */

typedef struct {
    char dir[64];
    char db[96];
    Store *s;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-record-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/kiosk.db", f->dir);
    k_err e;
    f->s = store_open(f->db, &e);
    if (!f->s)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    store_close(f->s);
    DIR *d = opendir(f->dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(f->dir);
    free(f);
    return 0;
}

#define SET(field, text) snprintf((field), sizeof(field), "%s", (text))

static Record checkin(void)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = REC_CHECKIN;
    CheckinRecord *c = &r.u.checkin;
    SET(c->session_id, "sutton-stay-and-play-mon");
    SET(c->session_name, "Stay and Play (Monday)");
    c->adults = 2;
    c->children[BAND_PREGNANT] = 1;
    c->children[BAND_5_11] = 2;
    c->first_visit = true;
    SET(c->language, "pl");
    SET(c->first_name, "Zofia");
    SET(c->postcode_district, "SM1");
    SET(c->consent_version, "checkin-1");
    return r;
}

static void fill_callback(CallbackRecord *c)
{
    SET(c->first_name, "Ayşe");
    SET(c->phone, "+447700900123");
    SET(c->need_id, "need-housing");
    c->best_times = BEST_MORNING | BEST_EVENING;
    SET(c->language, "tr");
    c->interpreter = true;
    c->safe_to_leave_message = false;
    c->safe_to_say_caller = true;
    SET(c->consent_version, "callback-1");
}

static Record callback(void)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = REC_CALLBACK;
    fill_callback(&r.u.callback);
    SET(r.u.callback.note, "After 4pm please — school run");
    return r;
}

static Record advocate(void)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = REC_ADVOCATE;
    fill_callback(&r.u.advocate.call);
    SET(r.u.advocate.meeting_date, "2026-07-14");
    r.u.advocate.meeting_type = MEETING_CORE_GROUP;
    return r;
}

static Record feedback(void)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = REC_FEEDBACK;
    r.u.feedback.rating = 4;
    SET(r.u.feedback.comment, "Dziękuję");
    SET(r.u.feedback.language, "pl");
    SET(r.u.feedback.session_id, "sutton-stay-and-play-mon");
    return r;
}

static json_t *payload_of(const Record *r)
{
    char *text = NULL;
    assert_int_equal(record_payload_json(r, &text), K_OK);
    json_error_t je;
    json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &je);
    record_free_text(text);
    assert_true(json_is_object(j));
    return j;
}

static const char *str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static void assert_bool(json_t *o, const char *k, bool want)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_boolean(v));
    assert_int_equal(json_is_true(v), want);
}

static void assert_strings(json_t *a, const char *const *want, size_t n)
{
    assert_true(json_is_array(a));
    assert_int_equal(json_array_size(a), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(json_string_value(json_array_get(a, i)), want[i]);
}

/* ---- payloads, field by field ---- */

static void test_checkin_payload(void **state)
{
    (void)state;
    Record r = checkin();
    json_t *p = payload_of(&r);
    assert_int_equal(json_object_size(p), 9);
    assert_string_equal(str(p, "session_id"), "sutton-stay-and-play-mon");
    assert_string_equal(str(p, "session_name"), "Stay and Play (Monday)");
    assert_int_equal(json_integer_value(json_object_get(p, "adults")), 2);
    const char *kids[] = { "pregnant", "5-11", "5-11" };
    assert_strings(json_object_get(p, "children"), kids, 3);
    assert_bool(p, "first_visit", true);
    assert_string_equal(str(p, "language"), "pl");
    assert_string_equal(str(p, "first_name"), "Zofia");
    assert_string_equal(str(p, "postcode_district"), "SM1");
    assert_string_equal(str(p, "consent_version"), "checkin-1");
    json_decref(p);

    /* optional fields absent when not given */
    r.u.checkin.first_name[0] = '\0';
    r.u.checkin.postcode_district[0] = '\0';
    memset(r.u.checkin.children, 0, sizeof r.u.checkin.children);
    p = payload_of(&r);
    assert_int_equal(json_object_size(p), 7);
    assert_null(json_object_get(p, "first_name"));
    assert_null(json_object_get(p, "postcode_district"));
    assert_strings(json_object_get(p, "children"), NULL, 0);
    json_decref(p);
}

static void assert_callback_fields(json_t *p, bool with_note)
{
    assert_string_equal(str(p, "first_name"), "Ayşe");
    assert_string_equal(str(p, "phone"), "+447700900123");
    assert_string_equal(str(p, "need_id"), "need-housing");
    const char *times[] = { "morning", "evening" };
    assert_strings(json_object_get(p, "best_times"), times, 2);
    assert_string_equal(str(p, "language"), "tr");
    assert_bool(p, "interpreter", true);
    assert_bool(p, "safe_to_leave_message", false);
    assert_bool(p, "safe_to_say_caller", true);
    assert_string_equal(str(p, "consent_version"), "callback-1");
    if (with_note)
        assert_string_equal(str(p, "note"), "After 4pm please — school run");
    else
        assert_null(json_object_get(p, "note"));
}

static void test_callback_payload(void **state)
{
    (void)state;
    Record r = callback();
    json_t *p = payload_of(&r);
    assert_int_equal(json_object_size(p), 10);
    assert_callback_fields(p, true);
    json_decref(p);
    r.u.callback.note[0] = '\0';
    p = payload_of(&r);
    assert_int_equal(json_object_size(p), 9);
    assert_callback_fields(p, false);
    json_decref(p);
}

static void test_advocate_payload(void **state)
{
    (void)state;
    Record r = advocate();
    json_t *p = payload_of(&r);
    assert_int_equal(json_object_size(p), 11);
    assert_callback_fields(p, false);
    assert_string_equal(str(p, "meeting_date"), "2026-07-14");
    assert_string_equal(str(p, "meeting_type"), "core-group");
    json_decref(p);
    r.u.advocate.meeting_date[0] = '\0';
    r.u.advocate.meeting_type = MEETING_NONE;
    p = payload_of(&r);
    assert_int_equal(json_object_size(p), 9);
    assert_null(json_object_get(p, "meeting_date"));
    assert_null(json_object_get(p, "meeting_type"));
    json_decref(p);
    const char *names[] = { "icpc", "review", "core-group", "other" };
    for (int m = MEETING_ICPC; m < MEETING_COUNT; m++)
        assert_string_equal(record_meeting_name((MeetingType)m), names[m - 1]);
}

static void test_feedback_payload(void **state)
{
    (void)state;
    Record r = feedback();
    json_t *p = payload_of(&r);
    assert_int_equal(json_object_size(p), 4);
    assert_int_equal(json_integer_value(json_object_get(p, "rating")), 4);
    assert_string_equal(str(p, "comment"), "Dziękuję");
    assert_string_equal(str(p, "language"), "pl");
    assert_string_equal(str(p, "session_id"), "sutton-stay-and-play-mon");
    json_decref(p);
    r.u.feedback.comment[0] = '\0';
    r.u.feedback.session_id[0] = '\0';
    p = payload_of(&r);
    assert_int_equal(json_object_size(p), 2);
    json_decref(p);
}

/* ---- refusals: each field, nothing saved ---- */

typedef struct {
    const char *field;
    void (*spoil)(Record *r);
} Spoil;

static void c_adults0(Record *r) { r->u.checkin.adults = 0; }
static void c_adults21(Record *r) { r->u.checkin.adults = 21; }
static void c_kids(Record *r) { r->u.checkin.children[BAND_1_4] = -1; }
static void c_kids21(Record *r) { r->u.checkin.children[BAND_0_1] = 21; }
static void c_sid_empty(Record *r) { r->u.checkin.session_id[0] = '\0'; }
static void c_sid_long(Record *r)
{
    memset(r->u.checkin.session_id, 'a', K_ID_MAX_CP + 1);
    r->u.checkin.session_id[K_ID_MAX_CP + 1] = '\0';
}
static void c_sname_ctrl(Record *r) { SET(r->u.checkin.session_name, "Stay\nand Play"); }
static void c_sname_unterminated(Record *r)
{
    memset(r->u.checkin.session_name, 'x', sizeof r->u.checkin.session_name);
}
static void c_lang(Record *r) { SET(r->u.checkin.language, "p"); }
static void c_lang_digit(Record *r) { SET(r->u.checkin.language, "12-pl"); }
static void c_name_bidi(Record *r) { SET(r->u.checkin.first_name, "Zo\xE2\x80\xAE" "fia"); }
static void c_name_overlong_utf8(Record *r) { SET(r->u.checkin.first_name, "Zo\xC0\xAF"); }
static void c_name_41(Record *r)
{
    memset(r->u.checkin.first_name, 'a', 41);
    r->u.checkin.first_name[41] = '\0';
}
static void c_postcode_full(Record *r) { SET(r->u.checkin.postcode_district, "SM1 4AB"); }
static void c_postcode_lower(Record *r) { SET(r->u.checkin.postcode_district, "sm1"); }
static void c_consent(Record *r) { r->u.checkin.consent_version[0] = '\0'; }
static void b_name_empty(Record *r) { r->u.callback.first_name[0] = '\0'; }
static void b_phone_local(Record *r) { SET(r->u.callback.phone, "07700900123"); }
static void b_phone_zero(Record *r) { SET(r->u.callback.phone, "+047700900123"); }
static void b_phone_short(Record *r) { SET(r->u.callback.phone, "+441234"); }
static void b_phone_long(Record *r)
{
    r->u.callback.phone[0] = '+';
    memset(r->u.callback.phone + 1, '1', sizeof r->u.callback.phone - 1);   /* no NUL */
}
static void b_phone_space(Record *r) { SET(r->u.callback.phone, "+44 7700 900123"); }
static void b_need(Record *r) { r->u.callback.need_id[0] = '\0'; }
static void b_times_none(Record *r) { r->u.callback.best_times = 0; }
static void b_times_bad(Record *r) { r->u.callback.best_times = 8; }
static void b_lang(Record *r) { r->u.callback.language[0] = '\0'; }
static void b_note_long(Record *r)
{
    memset(r->u.callback.note, 'n', K_NOTE_MAX_CP + 1);
    r->u.callback.note[K_NOTE_MAX_CP + 1] = '\0';
}
static void b_consent(Record *r) { r->u.callback.consent_version[0] = '\0'; }
static void a_date_feb30(Record *r) { SET(r->u.advocate.meeting_date, "2026-02-30"); }
static void a_date_shape(Record *r) { SET(r->u.advocate.meeting_date, "14/07/2026"); }
static void a_date_month(Record *r) { SET(r->u.advocate.meeting_date, "2026-13-01"); }
static void a_type(Record *r) { r->u.advocate.meeting_type = MEETING_COUNT; }
static void a_phone(Record *r) { SET(r->u.advocate.call.phone, "+44"); }
static void f_rating0(Record *r) { r->u.feedback.rating = 0; }
static void f_rating6(Record *r) { r->u.feedback.rating = 6; }
static void f_comment(Record *r) { SET(r->u.feedback.comment, "ok\x7F"); }
static void f_lang(Record *r) { SET(r->u.feedback.language, "pl_PL"); }
static void f_session(Record *r) { SET(r->u.feedback.session_id, "a\tb"); }

static int outbox_rows(Fixture *f)
{
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(f->s, &c), K_OK);
    return c.pending + c.acked + c.rejected;
}

static void refuse_each(Fixture *f, Record (*make)(void), const Spoil *spoils, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        Record r = make();
        spoils[i].spoil(&r);
        const char *field = NULL;
        assert_int_equal(record_validate(&r, &field), K_ERR_INVALID);
        if (!field || strcmp(field, spoils[i].field) != 0)
            fail_msg("spoil %zu: refused field %s, expected %s", i, field ? field : "(none)",
                     spoils[i].field);
        char *text = (char *)"untouched";
        assert_int_equal(record_payload_json(&r, &text), K_ERR_INVALID);
        assert_null(text);
        char id[37] = "unchanged";
        assert_int_equal(store_add_record(f->s, &r, T_NOW, id), K_ERR_INVALID);
        assert_string_equal(id, "unchanged");
        assert_int_equal(outbox_rows(f), 0);
    }
    /* and the unspoilt record is taken */
    Record r = make();
    char id[37];
    assert_int_equal(record_validate(&r, NULL), K_OK);
    assert_int_equal(store_add_record(f->s, &r, T_NOW, id), K_OK);
    assert_int_equal(outbox_rows(f), 1);
}

static void test_checkin_refusals(void **state)
{
    static const Spoil spoils[] = {
        { "adults", c_adults0 }, { "adults", c_adults21 }, { "children", c_kids },
        { "children", c_kids21 }, { "session_id", c_sid_empty }, { "session_id", c_sid_long },
        { "session_name", c_sname_ctrl }, { "session_name", c_sname_unterminated },
        { "language", c_lang }, { "language", c_lang_digit }, { "first_name", c_name_bidi },
        { "first_name", c_name_overlong_utf8 }, { "first_name", c_name_41 },
        { "postcode_district", c_postcode_full }, { "postcode_district", c_postcode_lower },
        { "consent_version", c_consent },
    };
    refuse_each(*state, checkin, spoils, sizeof spoils / sizeof *spoils);
}

static void test_callback_refusals(void **state)
{
    static const Spoil spoils[] = {
        { "first_name", b_name_empty }, { "phone", b_phone_local }, { "phone", b_phone_zero },
        { "phone", b_phone_short }, { "phone", b_phone_long }, { "phone", b_phone_space },
        { "need_id", b_need }, { "best_times", b_times_none }, { "best_times", b_times_bad },
        { "language", b_lang }, { "note", b_note_long }, { "consent_version", b_consent },
    };
    refuse_each(*state, callback, spoils, sizeof spoils / sizeof *spoils);
}

static void test_advocate_refusals(void **state)
{
    static const Spoil spoils[] = {
        { "meeting_date", a_date_feb30 }, { "meeting_date", a_date_shape },
        { "meeting_date", a_date_month }, { "meeting_type", a_type }, { "phone", a_phone },
    };
    refuse_each(*state, advocate, spoils, sizeof spoils / sizeof *spoils);
}

static void test_feedback_refusals(void **state)
{
    static const Spoil spoils[] = {
        { "rating", f_rating0 }, { "rating", f_rating6 }, { "comment", f_comment },
        { "language", f_lang }, { "session_id", f_session },
    };
    refuse_each(*state, feedback, spoils, sizeof spoils / sizeof *spoils);
}

static void test_field_shapes(void **state)
{
    (void)state;
    assert_true(record_phone_ok("+447700900123"));
    assert_true(record_phone_ok("+1234567"));              /* 7 digits */
    assert_true(record_phone_ok("+123456789012345"));      /* 15 digits */
    assert_false(record_phone_ok("+123456"));
    assert_false(record_phone_ok("+1234567890123456"));
    assert_false(record_phone_ok("+44770090012a"));
    assert_false(record_phone_ok(""));
    assert_true(record_date_ok("2028-02-29"));
    assert_false(record_date_ok("2026-02-29"));
    assert_false(record_date_ok("2026-04-31"));
    assert_false(record_date_ok("2026-07-1"));
    assert_false(record_date_ok("2026-07-011"));
    assert_true(record_outward_code_ok("SW1A"));
    assert_true(record_outward_code_ok("M1"));
    assert_false(record_outward_code_ok("SM1 4AB"));
    assert_true(record_language_ok("pt-BR"));
    assert_true(record_language_ok("zh-Hant-TW"));
    assert_false(record_language_ok("english-language"));
    Record r = checkin();
    r.type = (RecordType)42;
    const char *field = NULL;
    assert_int_equal(record_validate(&r, &field), K_ERR_INVALID);
    assert_string_equal(field, "type");
}

/* ---- sealing ---- */

typedef struct {
    int n;
    char type[4][16];
    char *payload[4];
} Rows;

static void collect(void *ud, const OutboxRow *row)
{
    Rows *r = ud;
    if (r->n < 4) {
        snprintf(r->type[r->n], sizeof r->type[r->n], "%s", row->type);
        r->payload[r->n] = strdup(row->payload);
    }
    r->n++;
}

/* Opens a {"sealed": ...} payload with the key pair; returns the clear
 * JSON object. */
static json_t *unseal(const char *payload, const unsigned char *pk, const unsigned char *sk)
{
    json_t *o = json_loads(payload, 0, NULL);
    assert_true(json_is_object(o));
    assert_int_equal(json_object_size(o), 1);
    const char *b64 = json_string_value(json_object_get(o, "sealed"));
    assert_non_null(b64);
    unsigned char c[4096];
    size_t clen = 0;
    assert_int_equal(sodium_base642bin(c, sizeof c, b64, strlen(b64), NULL, &clen, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    assert_true(clen > crypto_box_SEALBYTES);
    char clear[4096];
    assert_int_equal(crypto_box_seal_open((unsigned char *)clear, c, clen, pk, sk), 0);
    clear[clen - crypto_box_SEALBYTES] = '\0';
    json_decref(o);
    json_t *j = json_loads(clear, 0, NULL);
    assert_true(json_is_object(j));
    return j;
}

static void test_sealed_payloads_open_with_the_secret_key(void **state)
{
    Fixture *f = *state;
    assert_true(sodium_init() >= 0);
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);
    store_set_record_key(f->s, pk);
    Record recs[4] = { checkin(), callback(), advocate(), feedback() };
    char id[37];
    for (int i = 0; i < 4; i++)
        assert_int_equal(store_add_record(f->s, &recs[i], T_NOW + i, id), K_OK);
    Rows rows = { 0 };
    assert_int_equal(store_outbox_each(f->s, collect, &rows), K_OK);
    assert_int_equal(rows.n, 4);
    for (int i = 0; i < 4; i++) {
        assert_string_equal(rows.type[i], record_type_name(recs[i].type));
        json_t *want = payload_of(&recs[i]);
        json_t *got;
        if (recs[i].type == REC_FEEDBACK) {
            assert_null(strstr(rows.payload[i], "sealed"));
            got = json_loads(rows.payload[i], 0, NULL);
        } else {
            assert_null(strstr(rows.payload[i], "\"language\""));   /* no clear field */
            got = unseal(rows.payload[i], pk, sk);
        }
        assert_true(json_equal(want, got));
        json_decref(want);
        json_decref(got);
        free(rows.payload[i]);
    }
    /* a key a box cannot be sealed to saves nothing */
    unsigned char zero[crypto_box_PUBLICKEYBYTES] = { 0 };
    store_set_record_key(f->s, zero);
    assert_int_equal(store_add_record(f->s, &recs[1], T_NOW, id), K_ERR_INVALID);
    assert_int_equal(outbox_rows(f), 4);
}

/* ---- texts as long as the pack allows (defect 3) ---- */

static void test_long_tamil_session_name_checks_in(void **state)
{
    Fixture *f = *state;
    Record r = checkin();
    CheckinRecord *c = &r.u.checkin;
    /* 200 characters, 600 bytes: "குழந்தை" repeated and cut to 200 code points */
    static const char word[] = "\xE0\xAE\x95\xE0\xAF\x81\xE0\xAE\xB4\xE0\xAE\xA8\xE0\xAF\x8D"
                               "\xE0\xAE\xA4\xE0\xAF\x88";           /* 7 code points */
    size_t used = 0, cps = 0;
    while (cps + 7 <= K_NAME_MAX_CP) {
        memcpy(c->session_name + used, word, sizeof word - 1);
        used += sizeof word - 1;
        cps += 7;
    }
    while (cps < K_NAME_MAX_CP) {
        memcpy(c->session_name + used, "\xE0\xAE\x95", 3);
        used += 3;
        cps++;
    }
    c->session_name[used] = '\0';
    assert_int_equal(used, 600);
    /* and an id of 200 characters */
    memset(c->session_id, 's', K_ID_MAX_CP);
    c->session_id[K_ID_MAX_CP] = '\0';
    char id[37];
    assert_int_equal(store_add_checkin(f->s, c, T_NOW, id), K_OK);

    Rows rows = { 0 };
    assert_int_equal(store_outbox_each(f->s, collect, &rows), K_OK);
    assert_int_equal(rows.n, 1);
    json_t *p = json_loads(rows.payload[0], 0, NULL);
    assert_string_equal(str(p, "session_name"), c->session_name);
    assert_string_equal(str(p, "session_id"), c->session_id);
    json_decref(p);
    free(rows.payload[0]);

    /* the attendance table keeps both whole */
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT session_id, session_name FROM attendance",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), c->session_id);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), c->session_name);
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* one character more is refused */
    memcpy(c->session_name + used, "\xE0\xAE\x95", 4);
    assert_int_equal(store_add_checkin(f->s, c, T_NOW, id), K_ERR_INVALID);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checkin_payload),
        cmocka_unit_test(test_callback_payload),
        cmocka_unit_test(test_advocate_payload),
        cmocka_unit_test(test_feedback_payload),
        cmocka_unit_test(test_field_shapes),
        cmocka_unit_test_setup_teardown(test_checkin_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callback_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_advocate_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feedback_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sealed_payloads_open_with_the_secret_key, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_long_tamil_session_name_checks_in, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
