/* test_store.c — the kiosk's database: schema, check-ins, sealing, a full
 * disk, purging and device state. Each test runs in its own temporary
 * directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/clock.h"
#include "kiosk/store.h"

/* 2026-07-01T23:30:00Z: 00:30 on 2 July in London (BST), so the local day
 * differs from the UTC one. */
#define T_SUMMER ((time_t)1782948600)
#define DAY 86400

typedef struct {
    char dir[64];
    char db[96];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-store-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->db, sizeof f->db, "%s/kiosk.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    DIR *d = opendir(f->dir);
    if (d) {
        struct dirent *e;
        char p[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", f->dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static Store *open_ok(const Fixture *f)
{
    k_err e = K_ERR_DB;
    Store *s = store_open(f->db, &e);
    assert_non_null(s);
    assert_int_equal(e, K_OK);
    return s;
}

/* A second, independent connection for looking at the file. */
static sqlite3 *peek_open(const Fixture *f)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    return db;
}

static long long peek_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void peek_text(sqlite3 *db, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, cap, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void peek_exec(sqlite3 *db, const char *sql)
{
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static CheckinRecord sample(void)
{
    CheckinRecord r;
    memset(&r, 0, sizeof r);
    snprintf(r.session_id, sizeof r.session_id, "sutton-stay-and-play-mon");
    snprintf(r.session_name, sizeof r.session_name, "Stay and Play (Monday)");
    r.adults = 2;
    r.children[BAND_1_4] = 2;
    r.children[BAND_PREGNANT] = 1;
    r.first_visit = true;
    snprintf(r.language, sizeof r.language, "en-GB");
    snprintf(r.consent_version, sizeof r.consent_version, "checkin-2026-05");
    return r;
}

/* ---- collectors ---- */

typedef struct {
    int n;
    AttendanceRow rows[8];
} Attend;

static void collect_attend(void *ud, const AttendanceRow *row)
{
    Attend *a = ud;
    if (a->n < 8)
        a->rows[a->n] = *row;
    a->n++;
}

static int attend_count(Store *s, const char *day)
{
    Attend a = { 0 };
    assert_int_equal(store_attendance(s, day, collect_attend, &a), K_OK);
    return a.n;
}

typedef struct {
    int n;
    OutboxRow rows[8];
    char *payloads[8];
    int bad_payloads;     /* rows whose payload is not a JSON object */
} Outbox;

static void collect_outbox(void *ud, const OutboxRow *row)
{
    Outbox *o = ud;
    json_t *j = json_loads(row->payload, 0, NULL);
    if (!json_is_object(j))
        o->bad_payloads++;
    json_decref(j);
    if (o->n < 8) {
        o->rows[o->n] = *row;
        o->payloads[o->n] = strdup(row->payload);
        o->rows[o->n].payload = o->payloads[o->n];
    }
    o->n++;
}

static void outbox_free(Outbox *o)
{
    for (int i = 0; i < 8 && i < o->n; i++)
        free(o->payloads[i]);
}

static int pending(Store *s)
{
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    return c.pending;
}

static bool is_uuid4(const char *id)
{
    if (strlen(id) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (id[i] == '-'))
            return false;
        if (!dash && !strchr("0123456789abcdef", id[i]))
            return false;
    }
    return id[14] == '4' && strchr("89ab", id[19]) != NULL;
}

static bool is_rfc3339_utc(const char *t)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(t) != sizeof shape - 1)
        return false;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i])
            return false;
    return true;
}

/* Checks that payload (a JSON object) is exactly the checkin payload of r. */
static void assert_checkin_payload(json_t *p, const CheckinRecord *r)
{
    assert_true(json_is_object(p));
    size_t want = 7 + (r->first_name[0] != 0) + (r->postcode_district[0] != 0);
    assert_int_equal(json_object_size(p), want);
    assert_string_equal(json_string_value(json_object_get(p, "session_id")), r->session_id);
    assert_string_equal(json_string_value(json_object_get(p, "session_name")), r->session_name);
    assert_true(json_is_integer(json_object_get(p, "adults")));
    assert_int_equal(json_integer_value(json_object_get(p, "adults")), r->adults);
    assert_true(json_is_boolean(json_object_get(p, "first_visit")));
    assert_int_equal(json_is_true(json_object_get(p, "first_visit")), r->first_visit);
    assert_string_equal(json_string_value(json_object_get(p, "language")), r->language);
    assert_string_equal(json_string_value(json_object_get(p, "consent_version")),
                        r->consent_version);
    if (r->first_name[0])
        assert_string_equal(json_string_value(json_object_get(p, "first_name")), r->first_name);
    else
        assert_null(json_object_get(p, "first_name"));
    if (r->postcode_district[0])
        assert_string_equal(json_string_value(json_object_get(p, "postcode_district")),
                            r->postcode_district);
    else
        assert_null(json_object_get(p, "postcode_district"));
    json_t *kids = json_object_get(p, "children");
    assert_true(json_is_array(kids));
    size_t k = 0;
    for (int b = 0; b < BAND_COUNT; b++)
        for (int n = 0; n < r->children[b]; n++) {
            assert_true(k < json_array_size(kids));
            assert_string_equal(json_string_value(json_array_get(kids, k)),
                                store_band_name((AgeBand)b));
            k++;
        }
    assert_int_equal(json_array_size(kids), k);
}

/* ---- tests ---- */

static void test_open_creates_schema(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    sqlite3 *db = peek_open(f);
    assert_int_equal(peek_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    char mode[16];
    peek_text(db, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    assert_int_equal(peek_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' "
                                  "AND name IN ('outbox','attendance','kv')"), 3);
    assert_int_equal(peek_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='index' "
                                  "AND name='attendance_day'"), 1);
    /* state is constrained by the schema */
    assert_int_not_equal(sqlite3_exec(db, "INSERT INTO outbox(id,type,schema,created_at,"
                                          "payload,state,seq) VALUES('x','checkin',1,'t',"
                                          "'{}','lost',1)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store_close(s);
}

static void test_reopen_and_refusals(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    CheckinRecord r = sample();
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    assert_int_equal(store_kv_set(s, "content_etag", "\"abc\""), K_OK);
    store_close(s);

    s = open_ok(f);
    assert_int_equal(pending(s), 1);
    char v[16];
    assert_int_equal(store_kv_get(s, "content_etag", v, sizeof v), K_OK);
    assert_string_equal(v, "\"abc\"");
    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    assert_int_equal(o.n, 1);
    assert_string_equal(o.rows[0].id, id);
    outbox_free(&o);
    store_close(s);

    /* a schema from a newer build is refused, and left as it was */
    sqlite3 *db = peek_open(f);
    peek_exec(db, "PRAGMA user_version = 99");
    sqlite3_close(db);
    k_err e = K_OK;
    assert_null(store_open(f->db, &e));
    assert_int_equal(e, K_ERR_DB);
    db = peek_open(f);
    assert_int_equal(peek_int(db, "PRAGMA user_version"), 99);
    sqlite3_close(db);

    /* not a database */
    char junk[128];
    snprintf(junk, sizeof junk, "%s/junk.db", f->dir);
    FILE *fp = fopen(junk, "wb");
    assert_non_null(fp);
    for (int i = 0; i < 256; i++)
        fputs("this is not a database file. ", fp);
    fclose(fp);
    /* is moved aside for IT and a new database started in its place */
    e = K_ERR_DB;
    s = store_open(junk, &e);
    assert_non_null(s);
    assert_int_equal(e, K_OK);
    const char *kept = store_recovered_from(s);
    assert_non_null(kept);
    assert_int_equal(strncmp(kept, junk, strlen(junk)), 0);
    assert_non_null(strstr(kept, ".damaged-"));
    struct stat ks;
    assert_int_equal(stat(kept, &ks), 0);
    assert_int_equal(ks.st_mode & 0777, 0600);
    assert_int_equal(pending(s), 0);
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    store_close(s);

    /* a directory that does not exist */
    char nowhere[128];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dir/kiosk.db", f->dir);
    e = K_OK;
    assert_null(store_open(nowhere, &e));
    assert_int_equal(e, K_ERR_IO);
}

static void test_checkin_payload_and_attendance(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    CheckinRecord a = sample();
    CheckinRecord b = sample();
    b.adults = 1;
    memset(b.children, 0, sizeof b.children);
    b.children[BAND_20_25_SEND] = 1;
    b.children[BAND_0_1] = 1;
    b.first_visit = false;
    snprintf(b.first_name, sizeof b.first_name, "Zoë");
    snprintf(b.postcode_district, sizeof b.postcode_district, "SW19");
    snprintf(b.language, sizeof b.language, "uk");

    char ida[37] = "", idb[37] = "";
    assert_int_equal(store_add_checkin(s, &a, T_SUMMER, ida), K_OK);
    assert_int_equal(store_add_checkin(s, &b, T_SUMMER + 125, idb), K_OK);
    assert_true(is_uuid4(ida));
    assert_true(is_uuid4(idb));
    assert_string_not_equal(ida, idb);

    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    assert_int_equal(o.n, 2);
    assert_string_equal(o.rows[0].id, ida);       /* creation order */
    assert_string_equal(o.rows[1].id, idb);
    for (int i = 0; i < 2; i++) {
        assert_string_equal(o.rows[i].type, "checkin");
        assert_int_equal(o.rows[i].schema, 1);
        assert_string_equal(o.rows[i].state, "pending");
        assert_true(is_rfc3339_utc(o.rows[i].created_at));
    }
    assert_string_equal(o.rows[0].created_at, "2026-07-01T23:30:00Z");
    assert_string_equal(o.rows[1].created_at, "2026-07-01T23:32:05Z");

    json_t *pa = json_loads(o.rows[0].payload, 0, NULL);
    assert_checkin_payload(pa, &a);
    json_t *kids = json_object_get(pa, "children");
    assert_int_equal(json_array_size(kids), 3);
    assert_string_equal(json_string_value(json_array_get(kids, 0)), "pregnant");
    assert_string_equal(json_string_value(json_array_get(kids, 1)), "1-4");
    assert_string_equal(json_string_value(json_array_get(kids, 2)), "1-4");
    json_decref(pa);
    json_t *pb = json_loads(o.rows[1].payload, 0, NULL);
    assert_checkin_payload(pb, &b);
    assert_string_equal(json_string_value(json_array_get(json_object_get(pb, "children"), 1)),
                        "20-25-send");
    json_decref(pb);
    outbox_free(&o);

    /* the staff view's day is the local (London) day */
    Attend at = { 0 };
    assert_int_equal(store_attendance(s, "2026-07-02", collect_attend, &at), K_OK);
    assert_int_equal(at.n, 2);
    assert_string_equal(at.rows[0].time_hhmm, "00:30");
    assert_string_equal(at.rows[0].session_id, a.session_id);
    assert_string_equal(at.rows[0].session_name, a.session_name);
    assert_string_equal(at.rows[0].first_name, "");
    assert_int_equal(at.rows[0].adults, 2);
    assert_int_equal(at.rows[0].children, 3);
    assert_true(at.rows[0].first_visit);
    assert_string_equal(at.rows[1].time_hhmm, "00:32");
    assert_string_equal(at.rows[1].first_name, "Zoë");
    assert_int_equal(at.rows[1].adults, 1);
    assert_int_equal(at.rows[1].children, 2);
    assert_false(at.rows[1].first_visit);
    assert_int_equal(attend_count(s, "2026-07-01"), 0);

    /* every outward-code shape is accepted */
    static const char *good[] = { "SM1", "SM5", "CR4", "SW19", "E1W", "N1C", "W1A", "E1" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        CheckinRecord r = sample();
        snprintf(r.postcode_district, sizeof r.postcode_district, "%s", good[i]);
        char id[37];
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    }
    assert_int_equal(pending(s), 2 + 8);
    store_close(s);
}

static void test_checkin_invalid_saves_nothing(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    CheckinRecord bad[20];
    int n = 0;
    bad[n] = sample();                               /* 41 code points */
    memset(bad[n].first_name, 'a', 41);
    bad[n++].first_name[41] = '\0';
    bad[n] = sample();
    snprintf(bad[n++].first_name, sizeof bad[0].first_name, "Anna\nB");
    bad[n] = sample();
    snprintf(bad[n++].first_name, sizeof bad[0].first_name, "An\xC3\x28na");
    bad[n] = sample();
    snprintf(bad[n++].first_name, sizeof bad[0].first_name, "A\xE2\x80\xAE" "B");   /* RLO */
    bad[n] = sample();
    memset(bad[n].first_name, 'a', sizeof bad[n].first_name);                   /* no NUL */
    n++;
    bad[n] = sample();
    bad[n++].adults = 0;
    bad[n] = sample();
    bad[n++].adults = 21;
    bad[n] = sample();
    bad[n++].children[BAND_5_11] = -1;
    bad[n] = sample();
    bad[n++].children[BAND_17_19] = 21;
    bad[n] = sample();
    snprintf(bad[n++].postcode_district, sizeof bad[0].postcode_district, "SM1 1AA");
    bad[n] = sample();
    snprintf(bad[n++].postcode_district, sizeof bad[0].postcode_district, "12");
    bad[n] = sample();
    snprintf(bad[n++].postcode_district, sizeof bad[0].postcode_district, "sm1");
    bad[n] = sample();
    snprintf(bad[n++].postcode_district, sizeof bad[0].postcode_district, "SMM1");
    bad[n] = sample();
    bad[n++].session_id[0] = '\0';
    bad[n] = sample();
    snprintf(bad[n++].session_name, sizeof bad[0].session_name, "Stay\tPlay");
    bad[n] = sample();
    bad[n++].language[0] = '\0';
    bad[n] = sample();
    snprintf(bad[n++].language, sizeof bad[0].language, "en GB");
    bad[n] = sample();
    bad[n++].consent_version[0] = '\0';
    assert_true(n <= 20);

    for (int i = 0; i < n; i++) {
        char id[37] = "untouched";
        assert_int_equal(store_add_checkin(s, &bad[i], T_SUMMER, id), K_ERR_INVALID);
        assert_string_equal(id, "untouched");
    }
    assert_int_equal(pending(s), 0);
    assert_int_equal(attend_count(s, "2026-07-02"), 0);

    /* 40 Tamil code points (120 bytes) are accepted and kept byte for byte */
    CheckinRecord t = sample();
    t.first_name[0] = '\0';
    static const char *cps[] = { "\xE0\xAE\x95", "\xE0\xAE\xBE", "\xE0\xAE\xB5", "\xE0\xAF\x8D" };
    for (int i = 0; i < 40; i++)
        strcat(t.first_name, cps[i % 4]);
    assert_int_equal(strlen(t.first_name), 120);
    char id[37];
    assert_int_equal(store_add_checkin(s, &t, T_SUMMER, id), K_OK);
    Attend at = { 0 };
    assert_int_equal(store_attendance(s, "2026-07-02", collect_attend, &at), K_OK);
    assert_int_equal(at.n, 1);
    assert_memory_equal(at.rows[0].first_name, t.first_name, 121);
    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    json_t *p = json_loads(o.rows[0].payload, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(p, "first_name")), t.first_name);
    json_decref(p);
    outbox_free(&o);
    store_close(s);
}

static void test_sealed_payload(void **state)
{
    Fixture *f = *state;
    assert_true(sodium_init() >= 0);
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    crypto_box_keypair(pk, sk);

    Store *s = open_ok(f);
    store_set_record_key(s, pk);
    CheckinRecord r = sample();
    snprintf(r.first_name, sizeof r.first_name, "Łucja");
    snprintf(r.postcode_district, sizeof r.postcode_district, "CR4");
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    store_set_record_key(s, NULL);
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);

    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    assert_int_equal(o.n, 2);
    assert_null(strstr(o.rows[0].payload, "Łucja"));
    json_t *w = json_loads(o.rows[0].payload, 0, NULL);
    assert_int_equal(json_object_size(w), 1);
    const char *b64 = json_string_value(json_object_get(w, "sealed"));
    assert_non_null(b64);

    unsigned char c[2048];
    size_t clen = 0;
    assert_int_equal(sodium_base642bin(c, sizeof c, b64, strlen(b64), NULL, &clen, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    assert_true(clen > crypto_box_SEALBYTES);
    char clear[2048];
    assert_int_equal(crypto_box_seal_open((unsigned char *)clear, c, clen, pk, sk), 0);
    clear[clen - crypto_box_SEALBYTES] = '\0';
    json_t *p = json_loads(clear, 0, NULL);
    assert_checkin_payload(p, &r);
    json_decref(p);
    json_decref(w);

    /* with the key cleared, the payload is clear again */
    p = json_loads(o.rows[1].payload, 0, NULL);
    assert_checkin_payload(p, &r);
    json_decref(p);
    outbox_free(&o);

    /* a key no box can be sealed to is refused, and nothing is saved */
    unsigned char zero[crypto_box_PUBLICKEYBYTES] = { 0 };
    store_set_record_key(s, zero);
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_ERR_INVALID);
    assert_int_equal(pending(s), 2);

    /* the staff view's fields stay readable */
    Attend at = { 0 };
    assert_int_equal(store_attendance(s, "2026-07-02", collect_attend, &at), K_OK);
    assert_int_equal(at.n, 2);
    assert_string_equal(at.rows[0].first_name, "Łucja");
    assert_string_equal(at.rows[0].session_name, r.session_name);
    assert_int_equal(at.rows[0].adults, 2);
    assert_int_equal(at.rows[0].children, 3);
    store_close(s);
}

/* When the second insert fails after the first succeeded, the first is
 * undone: no outbox record without its attendance row, and the store
 * takes the next check-in normally. */
static void test_half_done_checkin_rolls_back(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    CheckinRecord r = sample();
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    sqlite3 *db = peek_open(f);
    peek_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON attendance "
                  "BEGIN SELECT RAISE(ABORT, 'refused'); END");
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_ERR_DB);
    assert_int_equal(pending(s), 1);
    peek_exec(db, "DROP TRIGGER refuse");
    assert_int_equal(peek_int(db, "SELECT COUNT(*) FROM outbox"), 1);
    sqlite3_close(db);
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    assert_int_equal(pending(s), 2);
    assert_int_equal(attend_count(s, "2026-07-02"), 2);
    store_close(s);
}

static void test_full_database(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    sqlite3 *db = peek_open(f);
    long pages = (long)peek_int(db, "PRAGMA page_count");
    sqlite3_close(db);
    assert_true(pages > 0);
    assert_int_equal(store_limit_pages(s, pages), K_OK);

    CheckinRecord r = sample();
    snprintf(r.first_name, sizeof r.first_name, "Bogdana-Mihaela");
    char id[37];
    int ok = 0;
    k_err e = K_OK;
    for (int i = 0; i < 5000 && e == K_OK; i++) {
        e = store_add_checkin(s, &r, T_SUMMER, id);
        if (e == K_OK)
            ok++;
    }
    assert_int_equal(e, K_ERR_FULL);
    assert_int_equal(pending(s), ok);
    assert_int_equal(attend_count(s, "2026-07-02"), ok);
    /* a second try is refused the same way, and still saves nothing */
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_ERR_FULL);
    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    assert_int_equal(o.n, ok);
    assert_int_equal(o.bad_payloads, 0);
    outbox_free(&o);
    store_close(s);

    /* reopened without the cap, it takes records again */
    s = open_ok(f);
    assert_int_equal(pending(s), ok);
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    assert_int_equal(attend_count(s, "2026-07-02"), ok + 1);
    store_close(s);
}

static void test_purge_keeps_unsent(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    CheckinRecord r = sample();
    char ids[4][37];
    for (int i = 0; i < 4; i++)     /* local days 2, 2, 3, 3 July */
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER + (i / 2) * DAY + i, ids[i]), K_OK);

    /* the first was acknowledged on 2 July, the second (00:30 local on
     * 3 July) counts as the 3rd; the third was rejected */
    const char *first[] = { ids[0] }, *second[] = { ids[1] };
    assert_int_equal(store_outbox_ack(s, first, 1, T_SUMMER + 37800), K_OK);
    assert_int_equal(store_outbox_ack(s, second, 1, T_SUMMER + DAY), K_OK);
    assert_int_equal(store_outbox_reject(s, ids[2], "bad session", T_SUMMER + DAY), K_OK);

    assert_int_equal(store_purge_before(s, "2026-07-03"), K_OK);
    assert_int_equal(attend_count(s, "2026-07-02"), 0);
    assert_int_equal(attend_count(s, "2026-07-03"), 2);
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    assert_int_equal(c.pending, 1);
    assert_int_equal(c.rejected, 1);
    assert_int_equal(c.acked, 1);
    Outbox o = { 0 };
    assert_int_equal(store_outbox_each(s, collect_outbox, &o), K_OK);
    assert_int_equal(o.n, 3);
    assert_string_equal(o.rows[0].id, ids[1]);
    assert_string_equal(o.rows[1].id, ids[2]);
    assert_string_equal(o.rows[2].id, ids[3]);
    outbox_free(&o);

    /* a later purge takes the rest of the attendance, never the unsent */
    assert_int_equal(store_purge_before(s, "2026-07-10"), K_OK);
    assert_int_equal(attend_count(s, "2026-07-03"), 0);
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    assert_int_equal(c.pending, 1);
    assert_int_equal(c.rejected, 1);
    assert_int_equal(c.acked, 0);
    store_close(s);
}

static void test_kv(void **state)
{
    Fixture *f = *state;
    Store *s = open_ok(f);
    char v[8] = "junk";
    assert_int_equal(store_kv_get(s, "pin_hash", v, sizeof v), K_ERR_NOT_FOUND);
    assert_string_equal(v, "");
    assert_int_equal(store_kv_set(s, "pin_hash", "abcd"), K_OK);
    assert_int_equal(store_kv_get(s, "pin_hash", v, sizeof v), K_OK);
    assert_string_equal(v, "abcd");
    assert_int_equal(store_kv_set(s, "pin_hash", "1234567"), K_OK);   /* replaces */
    assert_int_equal(store_kv_get(s, "pin_hash", v, sizeof v), K_OK);
    assert_string_equal(v, "1234567");
    assert_int_equal(store_kv_set(s, "pin_hash", "12345678"), K_OK);
    assert_int_equal(store_kv_get(s, "pin_hash", v, sizeof v), K_ERR_TOO_LONG);
    assert_int_equal(store_kv_get(s, "pin_hash", v, 4), K_ERR_TOO_LONG);
    assert_int_equal(store_kv_get(s, "pin_lock", v, sizeof v), K_ERR_NOT_FOUND);
    assert_int_equal(store_kv_set(s, "", "x"), K_ERR_INVALID);
    store_close(s);
}

static int cmp_id(const void *a, const void *b)
{
    return memcmp(a, b, 37);
}

static void test_ids_unique(void **state)
{
    Fixture *f = *state;
    enum { N = 1000 };
    static char ids[N][37];
    for (int i = 0; i < N; i++) {
        store_uuid4(ids[i]);
        assert_true(is_uuid4(ids[i]));
    }
    qsort(ids, N, sizeof ids[0], cmp_id);
    for (int i = 1; i < N; i++)
        assert_string_not_equal(ids[i - 1], ids[i]);

    /* and as records: 1000 check-ins, 1000 distinct ids in the outbox */
    Store *s = open_ok(f);
    CheckinRecord r = sample();
    for (int i = 0; i < N; i++)
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER + i, ids[i]), K_OK);
    store_close(s);
    sqlite3 *db = peek_open(f);
    assert_int_equal(peek_int(db, "SELECT COUNT(DISTINCT id) FROM outbox"), N);
    assert_int_equal(peek_int(db, "SELECT COUNT(DISTINCT record_id) FROM attendance"), N);
    sqlite3_close(db);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_and_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_payload_and_attendance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkin_invalid_saves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sealed_payload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_half_done_checkin_rolls_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purge_keeps_unsent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_unique, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
