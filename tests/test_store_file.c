/* test_store_file.c — the database as a file: 0600 with its -wal and -shm
 * whatever the umask and directory; purged rows gone from the file and the
 * WAL; a damaged database moved aside with what it still holds copied; the
 * connection's settings; the staff list only ever of one day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <jansson.h>

#include "store_fixture.h"

static int mode_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    return (int)(st.st_mode & 07777);
}

static void side(const Fixture *f, const char *suffix, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s", f->db, suffix);
}

/* ---- defect 7: modes ---- */

static void test_files_are_0600(void **state)
{
    Fixture *f = *state;
    mode_t old = umask(022);
    assert_int_equal(chmod(f->dir, 0755), 0);
    Store *s = fixture_open(f);
    CheckinRecord r = fixture_checkin("Zelda");
    char id[37], wal[128], shm[128];
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    side(f, "-wal", wal, sizeof wal);
    side(f, "-shm", shm, sizeof shm);
    assert_int_equal(mode_of(f->db), 0600);
    assert_int_equal(mode_of(wal), 0600);
    assert_int_equal(mode_of(shm), 0600);

    /* looser files left by something else are tightened at the next open */
    assert_int_equal(chmod(wal, 0644), 0);
    assert_int_equal(chmod(shm, 0666), 0);
    Store *s2 = fixture_open(f);
    assert_int_equal(mode_of(wal), 0600);
    assert_int_equal(mode_of(shm), 0600);
    store_close(s2);
    store_close(s);
    assert_int_equal(chmod(f->db, 0644), 0);
    s = fixture_open(f);
    assert_int_equal(mode_of(f->db), 0600);
    store_close(s);
    umask(old);
}

/* ---- defect 9: purged rows in neither file ---- */

static bool file_has(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    static char buf[8 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    return memmem(buf, n, needle, strlen(needle)) != NULL;
}

static void test_purge_leaves_nothing_in_file_or_wal(void **state)
{
    Fixture *f = *state;
    const char *name = "Quixotzelda";
    Store *s = fixture_open(f);
    CheckinRecord r = fixture_checkin(name);
    char id[37], other[37], wal[128];
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    const char *ids[] = { id };
    assert_int_equal(store_outbox_ack(s, ids, 1, T_SUMMER + 60), K_OK);
    /* a check-in the next day, kept */
    CheckinRecord r2 = fixture_checkin("Bartholomew");
    assert_int_equal(store_add_checkin(s, &r2, T_SUMMER + DAY, other), K_OK);
    side(f, "-wal", wal, sizeof wal);
    assert_true(file_has(f->db, name) || file_has(wal, name));

    assert_int_equal(store_purge_before(s, "2026-07-03"), K_OK);
    /* read while the kiosk runs: the store is still open */
    assert_false(file_has(f->db, name));
    assert_false(file_has(wal, name));
    assert_true(file_has(f->db, "Bartholomew") || file_has(wal, "Bartholomew"));
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    assert_int_equal(c.pending, 1);
    assert_int_equal(c.acked, 0);
    store_close(s);
}

/* ---- defect 11: a damaged database ---- */

static long page_size(const Fixture *f)
{
    sqlite3 *db = fixture_peek(f);
    long ps = (long)fixture_int(db, "PRAGMA page_size");
    sqlite3_close(db);
    return ps;
}

static void scribble(const char *path, long off, long len)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    char junk[65536];
    assert_true(len <= (long)sizeof junk);
    memset(junk, 0x5A, (size_t)len);
    assert_int_equal(pwrite(fd, junk, (size_t)len, off), len);
    close(fd);
}

/* The offset of the first copy of needle in the file, or -1. */
static long find_in_file(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    static char buf[8 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    const char *at = memmem(buf, n, needle, strlen(needle));
    return at ? (long)(at - buf) : -1;
}

typedef struct {
    int n, bad;
} Seen;

static void count_row(void *ud, const OutboxRow *row)
{
    Seen *s = ud;
    json_t *j = json_loads(row->payload, 0, NULL);
    s->bad += !json_is_object(j) || strlen(row->id) != 36;
    json_decref(j);
    s->n++;
}

/* Opens a damaged database: a new one is started, the old one is kept
 * (0600) under the reported name, and the new one is sound. */
static Store *open_damaged(const Fixture *f)
{
    k_err e = K_ERR_DB;
    Store *s = store_open(f->db, &e);
    assert_non_null(s);
    assert_int_equal(e, K_OK);
    const char *kept = store_recovered_from(s);
    assert_non_null(kept);
    char want[128];
    snprintf(want, sizeof want, "%s.damaged-", f->db);
    assert_int_equal(strncmp(kept, want, strlen(want)), 0);
    assert_int_equal(strlen(kept), strlen(want) + strlen("YYYYMMDDTHHMMSS"));
    assert_int_equal(mode_of(kept), 0600);
    sqlite3 *db = fixture_peek(f);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(fixture_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    sqlite3_close(db);
    return s;
}

static void test_damaged_attendance_keeps_the_outbox(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    char ids[200][37];
    for (int i = 0; i < 200; i++) {
        Record r = fixture_feedback(1 + i % 5);
        assert_int_equal(store_add_record(s, &r, T_SUMMER + i, ids[i]), K_OK);
    }
    CheckinRecord c = fixture_checkin("Amara");
    char cid[37];
    assert_int_equal(store_add_checkin(s, &c, T_SUMMER, cid), K_OK);
    assert_int_equal(store_kv_set(s, "staff.pin_hash", "$argon2id$kept"), K_OK);
    const char *acked[] = { ids[0] };
    assert_int_equal(store_outbox_ack(s, acked, 1, T_SUMMER), K_OK);
    store_close(s);

    sqlite3 *db = fixture_peek(f);
    long root = (long)fixture_int(db, "SELECT rootpage FROM sqlite_master "
                                      "WHERE name = 'attendance'");
    sqlite3_close(db);
    long ps = page_size(f);
    scribble(f->db, (root - 1) * ps, ps);

    s = open_damaged(f);
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(s, &n), K_OK);
    assert_int_equal(n.pending, 200);       /* 199 feedback and the check-in */
    assert_int_equal(n.acked, 1);
    Seen seen = { 0 };
    assert_int_equal(store_outbox_each(s, count_row, &seen), K_OK);
    assert_int_equal(seen.n, 201);
    assert_int_equal(seen.bad, 0);
    /* creation order is kept */
    OutboxBatch b;
    assert_int_equal(store_outbox_claim(s, 2, 1u << 20, T_SUMMER + 1000, 60, &b), K_OK);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.items[0].id, ids[1]);
    assert_string_equal(b.items[1].id, ids[2]);
    store_outbox_batch_free(&b);
    char v[64];
    assert_int_equal(store_kv_get(s, "staff.pin_hash", v, sizeof v), K_OK);
    assert_string_equal(v, "$argon2id$kept");
    /* and it takes new records */
    assert_int_equal(store_add_checkin(s, &c, T_SUMMER, cid), K_OK);
    store_close(s);

    /* a sound database is not moved again */
    s = fixture_open(f);
    store_close(s);
}

static void test_damaged_middle_of_file(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    char id[37];
    for (int i = 0; i < 400; i++) {
        Record r = fixture_feedback(1 + i % 5);
        snprintf(r.u.feedback.comment, sizeof r.u.feedback.comment,
                 "comment %d, long enough to fill pages of the outbox table", i);
        assert_int_equal(store_add_record(s, &r, T_SUMMER + i, id), K_OK);
    }
    store_close(s);
    /* bytes in the middle of the file, on a page of the outbox table: the
     * one that holds record 200's payload */
    long ps = page_size(f);
    long off = find_in_file(f->db, "comment 200,");
    assert_true(off > 0);
    struct stat st;
    assert_int_equal(stat(f->db, &st), 0);
    assert_true(off > st.st_size / 4 && off < st.st_size * 3 / 4);
    scribble(f->db, (off / ps) * ps + 100, 2000);

    s = open_damaged(f);
    Seen seen = { 0 };
    assert_int_equal(store_outbox_each(s, count_row, &seen), K_OK);
    assert_int_equal(seen.bad, 0);
    assert_true(seen.n > 0);
    assert_true(seen.n < 400);
    OutboxCounts n;
    assert_int_equal(store_outbox_counts(s, &n), K_OK);
    assert_int_equal(n.pending, seen.n);
    store_close(s);
}

/* ---- settings of the store's own connection ---- */

/* Runs on every new connection: a SQLite whose defaults are unsafe. */
static int unsafe_defaults(sqlite3 *db, char **msg, const struct sqlite3_api_routines *api)
{
    (void)msg;
    (void)api;
    return sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA secure_delete=OFF; "
                            "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
}

static void test_settings(void **state)
{
    Fixture *f = *state;
    assert_int_equal(sqlite3_auto_extension((void (*)(void))unsafe_defaults), SQLITE_OK);
    Store *s = fixture_open(f);
    char v[32];
    assert_int_equal(store_setting(s, "synchronous", v, sizeof v), K_OK);
    assert_string_equal(v, "2");            /* FULL */
    assert_int_equal(store_setting(s, "journal_mode", v, sizeof v), K_OK);
    assert_string_equal(v, "wal");
    assert_int_equal(store_setting(s, "secure_delete", v, sizeof v), K_OK);
    assert_string_equal(v, "1");
    assert_int_equal(store_setting(s, "foreign_keys", v, sizeof v), K_OK);
    assert_string_equal(v, "1");
    assert_int_equal(store_setting(s, "user_version; DROP TABLE kv", v, sizeof v),
                     K_ERR_INVALID);
    assert_int_equal(store_setting(s, "journal_mode", v, 2), K_ERR_TOO_LONG);
    store_close(s);
    sqlite3_cancel_auto_extension((void (*)(void))unsafe_defaults);
}

/* ---- the staff list is of one day; the purge deletes earlier days ---- */

typedef struct {
    int n;
    char names[4][K_FIRST_NAME_BUF];
} Names;

static void collect_name(void *ud, const AttendanceRow *row)
{
    Names *n = ud;
    if (n->n < 4)
        snprintf(n->names[n->n], sizeof n->names[n->n], "%s", row->first_name);
    n->n++;
}

static void test_attendance_of_one_day(void **state)
{
    Fixture *f = *state;
    Store *s = fixture_open(f);
    char id[37];
    const char *who[] = { "Yesterday", "Today", "Tomorrow" };
    for (int i = 0; i < 3; i++) {
        CheckinRecord r = fixture_checkin(who[i]);
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER + i * DAY, id), K_OK);
    }
    Names n = { 0 };
    assert_int_equal(store_attendance(s, "2026-07-03", collect_name, &n), K_OK);
    assert_int_equal(n.n, 1);
    assert_string_equal(n.names[0], "Today");

    /* the start-up purge of earlier days deletes them */
    assert_int_equal(store_purge_before(s, "2026-07-03"), K_OK);
    sqlite3 *db = fixture_peek(f);
    assert_int_equal(fixture_int(db, "SELECT COUNT(*) FROM attendance"), 2);
    assert_int_equal(fixture_int(db, "SELECT COUNT(*) FROM attendance "
                                     "WHERE day < '2026-07-03'"), 0);
    sqlite3_close(db);
    memset(&n, 0, sizeof n);
    assert_int_equal(store_attendance(s, "2026-07-02", collect_name, &n), K_OK);
    assert_int_equal(n.n, 0);
    store_close(s);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_files_are_0600, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_purge_leaves_nothing_in_file_or_wal,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_damaged_attendance_keeps_the_outbox,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_damaged_middle_of_file, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_settings, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_attendance_of_one_day, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
