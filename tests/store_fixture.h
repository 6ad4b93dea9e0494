/* store_fixture.h — a temporary directory with a database path for the
 * store's tests, and a second plain SQLite connection to look at the file. */
#ifndef KIOSK_TEST_STORE_FIXTURE_H
#define KIOSK_TEST_STORE_FIXTURE_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/store.h"

/* 2026-07-01T23:30:00Z: 00:30 on 2 July in London (BST). */
#define T_SUMMER ((time_t)1782948600)
#define DAY 86400

typedef struct {
    char dir[64];
    char db[96];
} Fixture;

static inline int fixture_setup(void **state)
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

static inline int fixture_teardown(void **state)
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

static inline Store *fixture_open(const Fixture *f)
{
    k_err e = K_ERR_DB;
    Store *s = store_open(f->db, &e);
    assert_non_null(s);
    assert_int_equal(e, K_OK);
    assert_null(store_recovered_from(s));
    return s;
}

static inline sqlite3 *fixture_peek(const Fixture *f)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    return db;
}

static inline long long fixture_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A feedback record: never sealed, no attendance row. */
static inline Record fixture_feedback(int rating)
{
    Record r;
    memset(&r, 0, sizeof r);
    r.type = REC_FEEDBACK;
    r.u.feedback.rating = rating;
    snprintf(r.u.feedback.language, sizeof r.u.feedback.language, "en");
    return r;
}

static inline CheckinRecord fixture_checkin(const char *first_name)
{
    CheckinRecord r;
    memset(&r, 0, sizeof r);
    snprintf(r.session_id, sizeof r.session_id, "sutton-stay-and-play-mon");
    snprintf(r.session_name, sizeof r.session_name, "Stay and Play (Monday)");
    r.adults = 1;
    r.children[BAND_1_4] = 1;
    snprintf(r.language, sizeof r.language, "en-GB");
    snprintf(r.first_name, sizeof r.first_name, "%s", first_name);
    snprintf(r.consent_version, sizeof r.consent_version, "checkin-1");
    return r;
}

#endif
