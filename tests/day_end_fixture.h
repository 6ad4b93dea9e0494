/* day_end_fixture.h — helpers for the day's end tests: local times, a
 * check-in with a name, language and district, the counts read back, and
 * looks at the database file (rows, the -wal's size, a name in the raw
 * bytes of the file and its -wal). Include after cmocka.h. */
#ifndef KIOSK_TEST_DAY_END_FIXTURE_H
#define KIOSK_TEST_DAY_END_FIXTURE_H

#define _GNU_SOURCE 1
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "kiosk/config.h"
#include "kiosk/day_end.h"
#include "kiosk/headless.h"
#include "store_fixture.h"

#define HUB "central-sutton"

/* "YYYY-MM-DD HH:MM" in the kiosk's time zone (Europe/London). */
static inline time_t local(const char *s)
{
    time_t t = 0;
    assert_true(headless_parse_local(s, &t));
    return t;
}

/* A check-in of one adult and one child, to the Monday session or (other)
 * the Wednesday one. */
static inline CheckinRecord visit(const char *name, const char *lang, const char *district,
                                  bool first, bool other)
{
    CheckinRecord r = fixture_checkin(name);
    snprintf(r.language, sizeof r.language, "%s", lang);
    snprintf(r.postcode_district, sizeof r.postcode_district, "%s", district);
    r.first_visit = first;
    if (other) {
        snprintf(r.session_id, sizeof r.session_id, "sutton-baby-group-wed");
        snprintf(r.session_name, sizeof r.session_name, "Baby Group (Wednesday)");
    }
    return r;
}

typedef struct {
    char text[512];
} Keys;

/* Collects "key=n" in order, blank-separated. */
static inline void keys_cb(void *ud, const char *key, int n)
{
    Keys *k = ud;
    size_t used = strlen(k->text);
    snprintf(k->text + used, sizeof k->text - used, "%s%s=%d", used ? " " : "", key, n);
}

static inline const char *keys_text(const Keys *k)
{
    return k->text;
}

/* One integer from a query on a connection of the test's own. */
static inline long long peek(const Fixture *f, const char *sql)
{
    sqlite3 *db = fixture_peek(f);
    long long v = fixture_int(db, sql);
    sqlite3_close(db);
    return v;
}

static inline long long attendance_rows(const Fixture *f)
{
    return peek(f, "SELECT count(*) FROM attendance");
}

static inline bool outbox_has(const Fixture *f, const char *id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE id = '%s'", id);
    return peek(f, sql) == 1;
}

/* The closed day's check-ins, 0 when it has no row. */
static inline int day_checkins(Store *s, const char *day)
{
    StoreDayTotals t;
    int n = 0;
    assert_int_equal(store_day_totals(s, HUB, day, day, &t, 1, &n), K_OK);
    return n ? t.checkins : 0;
}

static inline long wal_size(const Fixture *f)
{
    char p[128];
    struct stat st;
    snprintf(p, sizeof p, "%s-wal", f->db);
    return stat(p, &st) == 0 ? (long)st.st_size : 0;
}

/* True when the file at path holds needle (false when there is no file). */
static inline bool file_holds(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    static char buf[8 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    return memmem(buf, n, needle, strlen(needle)) != NULL;
}

/* The database file or its -wal holds needle. */
static inline bool db_files_hold(const Fixture *f, const char *needle)
{
    char p[128];
    snprintf(p, sizeof p, "%s-wal", f->db);
    return file_holds(f->db, needle) || file_holds(p, needle);
}

/* A fresh database: the file and its -wal and -shm removed. */
static inline void reset(const Fixture *f)
{
    char p[128];
    unlink(f->db);
    snprintf(p, sizeof p, "%s-wal", f->db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", f->db);
    unlink(p);
}

/* The kiosk's settings with its data in the fixture's directory and a
 * record key (records sealed, as on a provisioned kiosk: a payload not yet
 * delivered holds no name in the clear). */
static inline Config fixture_config(const Fixture *f)
{
    Config c;
    config_defaults(&c);
    snprintf(c.data_dir, sizeof c.data_dir, "%s", f->dir);
    snprintf(c.hub_id, sizeof c.hub_id, HUB);
    unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
    char b64[64];
    assert_int_equal(sodium_init() >= 0, 1);
    crypto_box_keypair(pk, sk);
    sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    snprintf(c.record_key_file, sizeof c.record_key_file, "%s/record.key", f->dir);
    FILE *fp = fopen(c.record_key_file, "w");
    assert_non_null(fp);
    fprintf(fp, "%s\n", b64);
    fclose(fp);
    return c;
}

#endif
