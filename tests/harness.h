/* harness.h — helpers for tests that drive the headless kiosk: a fresh
 * data directory, running a script, reading dumps and the database. */
#ifndef KIOSK_TEST_HARNESS_H
#define KIOSK_TEST_HARNESS_H

#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/config.h"
#include "kiosk/headless.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"

typedef struct {
    char dir[256];      /* temporary root */
    char out[300];      /* snaps and dumps */
    Config cfg;
    char err[1024];
} Harness;

static inline void harness_open(Harness *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->dir, sizeof h->dir, "/tmp/kiosk-test-XXXXXX");
    if (!mkdtemp(h->dir))
        abort();
    snprintf(h->out, sizeof h->out, "%s/out", h->dir);
    config_defaults(&h->cfg);
    snprintf(h->cfg.data_dir, sizeof h->cfg.data_dir, "%s/data", h->dir);
    setenv("TZ", "Europe/London", 1);
}

static inline void harness_close(Harness *h)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", h->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", h->dir);
}

/* Sets the staff PIN in the kiosk's database (created if need be).
 * Returns 0 on success. */
static inline int harness_set_pin(Harness *h, const char *pin)
{
    char path[700];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    if (!s)
        return -1;
    k_err rc = staff_set_pin(s, pin);
    store_close(s);
    return rc == K_OK ? 0 : -1;
}

/* Runs script text; returns the k_err (K_OK when every line passed). */
static inline int harness_run(Harness *h, const char *script)
{
    h->err[0] = '\0';
    int rc = headless_run(&h->cfg, NULL, script, h->out, h->err, sizeof h->err);
    if (rc != 0)
        fprintf(stderr, "script stopped: %s\n", h->err);
    return rc;
}

/* Loads out/NAME.json; NULL when missing. Caller json_decref()s. */
static inline json_t *harness_dump(Harness *h, const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s.json", h->out, name);
    return json_load_file(path, 0, NULL);
}

/* The widget with this id in a dump, or NULL. */
static inline json_t *dump_widget(json_t *dump, const char *id)
{
    json_t *ws = json_object_get(dump, "widgets"), *w;
    size_t i;
    json_array_foreach(ws, i, w)
        if (!strcmp(json_string_value(json_object_get(w, "id")), id))
            return w;
    return NULL;
}

static inline const char *dump_text(json_t *dump, const char *id)
{
    json_t *w = dump_widget(dump, id);
    return w ? json_string_value(json_object_get(w, "text")) : NULL;
}

static inline const char *dump_screen(json_t *dump)
{
    return json_string_value(json_object_get(dump, "screen"));
}

/* Opens the kiosk's database read-only. */
static inline sqlite3 *harness_db(Harness *h)
{
    char path[700];
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* Runs a query that returns one integer. -1 on error. */
static inline long harness_count(Harness *h, const char *sql)
{
    sqlite3 *db = harness_db(h);
    sqlite3_stmt *st = NULL;
    long v = -1;
    if (db && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* How many times longer than natively a timed step may take: 1, or
 * KIOSK_TEST_SLOWDOWN when the tests run under an emulator (tests/run-arm64.sh
 * sets it for qemu-user). A limit that shows a wait did not happen (a frame
 * far shorter than a server's delay) is multiplied by it. */
static inline double test_slowdown(void)
{
    const char *s = getenv("KIOSK_TEST_SLOWDOWN");
    double f = s ? atof(s) : 1.0;
    return f >= 1.0 ? f : 1.0;
}

#endif
