/* store_share.c — a store opened alone on a full disk (store.c: exclusive
 * locking mode, the WAL's index in this connection's memory) opened again
 * for sharing once space is freed, so the uploader and --status can open
 * the file without a restart. */
#include "kiosk/store.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "kiosk/log.h"
#include "store_private.h"

#define MOD STORE_MOD

/* Free space needed before the connection is given up: the shared index
 * (-shm, 32 KiB) and room for the WAL to grow by a few records. */
#define SHARE_ROOM_BYTES (256u * 1024u)

/* True when the directory holding path has SHARE_ROOM_BYTES free for this
 * user; false when it has not or cannot be read. */
static bool room_to_share(const char *path)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct statvfs v;
    if (statvfs(dir, &v) != 0)
        return false;
    return (unsigned long long)v.f_bavail * v.f_frsize >= SHARE_ROOM_BYTES;
}

static void drop_conn(Store *s)
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(s->st[i]);
        s->st[i] = NULL;
    }
    if (sqlite3_close(s->db) != SQLITE_OK)
        LOG_E(MOD, "close failed: %s", sqlite3_errmsg(s->db));
    s->db = NULL;
}

/* Gives s a connection on which every statement fails as it runs (an
 * empty read-only database in memory, each statement one that overflows),
 * so a Store whose file could not be opened again fails each call with
 * K_ERR_DB instead of crashing on a statement that is not there. False when
 * even that cannot be made. */
static bool placeholder(Store *s)
{
    if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        drop_conn(s);
        return false;
    }
    for (int i = 0; i < ST_COUNT; i++)
        if (sqlite3_prepare_v2(s->db, "SELECT abs(-9223372036854775807 - 1)", -1, &s->st[i],
                               NULL) != SQLITE_OK) {
            drop_conn(s);
            return false;
        }
    return true;
}

bool store_is_alone(const Store *s)
{
    return s && s->alone;
}

bool store_cannot_open(const Store *s)
{
    return s && s->unopened;
}

k_err store_share(Store *s)
{
    if (!s || !s->alone)
        return K_OK;
    char path[PATH_MAX];
    const char *fn = s->db ? sqlite3_db_filename(s->db, "main") : NULL;
    if (fn && fn[0])
        snprintf(path, sizeof path, "%s", fn);
    else if (s->path[0])
        snprintf(path, sizeof path, "%s", s->path);
    else
        return K_ERR_DB;
    snprintf(s->path, sizeof s->path, "%s", path);
    if (!room_to_share(path))
        return K_ERR_FULL;
    drop_conn(s);
    store_alone_mark(NULL);
    k_err e, e2 = K_OK;
    sqlite3 *db = store_conn_open(path, false, &e);
    bool alone = false;
    if (!db) {
        LOG_W(MOD, "%s: cannot be shared yet (%s): opened alone again", path, k_strerror(e));
        db = store_conn_open(path, true, &e2);
        alone = true;
    }
    if (db && store_conn_attach(s, db, path) != K_OK) {
        drop_conn(s);
        db = NULL;
        e = K_ERR_DB;
    }
    if (!db) {
        LOG_E(MOD, "%s: cannot be opened again (%s): nothing can be saved until it can",
              path, k_strerror(e2 != K_OK ? e2 : e));
        if (!placeholder(s))
            LOG_E(MOD, "%s: out of memory: the kiosk must restart", path);
        s->alone = true;       /* tried again by the next store_share */
        s->unopened = true;
        return K_ERR_DB;
    }
    s->alone = alone;
    s->unopened = false;
    if (s->limit_pages > 0 && store_limit_pages(s, s->limit_pages) != K_OK)
        LOG_W(MOD, "%s: the page cap of %ld could not be set again", path, s->limit_pages);
    if (alone) {
        store_alone_mark(path);
        return e != K_OK ? e : K_ERR_FULL;   /* why the shared open failed */
    }
    LOG_I(MOD, "%s: storage has room again: the database is shared (the uploader can open it)",
          path);
    return K_OK;
}
