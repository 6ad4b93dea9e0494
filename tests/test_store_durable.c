/* test_store_durable.c — the store seen from below: a VFS that counts syncs
 * of the WAL and can fail its writes (ENOSPC, EIO). synchronous=FULL, write
 * errors told apart, and the staff PIN on a disk that is really full. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "kiosk/staff.h"
#include "store_fixture.h"

static void shim_remove(void);
static bool shim_installed;

static int teardown(void **state)
{
    if (shim_installed)
        shim_remove();
    return fixture_teardown(state);
}

static int pending(Store *s)
{
    OutboxCounts c;
    assert_int_equal(store_outbox_counts(s, &c), K_OK);
    return c.pending;
}

static void count_row(void *ud, const AttendanceRow *row)
{
    (void)row;
    (*(int *)ud)++;
}

static int attend_count(Store *s, const char *day)
{
    int n = 0;
    assert_int_equal(store_attendance(s, day, count_row, &n), K_OK);
    return n;
}

/* ---- a VFS that counts syncs of the WAL and can fail its writes ---- */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;
    bool wal;
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static sqlite3_io_methods shim_io;
static int wal_syncs;
static int fail_errno;    /* when set, WAL writes fail with this errno */
static int last_errno;

#define REAL(f) (((ShimFile *)(f))->real)

static int shim_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}

static int shim_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int shim_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (fail_errno && ((ShimFile *)f)->wal) {
        last_errno = fail_errno;
        return SQLITE_IOERR_WRITE;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int shim_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int shim_sync(sqlite3_file *f, int flags)
{
    if (((ShimFile *)f)->wal)
        wal_syncs++;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int shim_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int shim_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int shim_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int shim_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int shim_fcntl(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int shim_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int shim_devchar(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int shim_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}

static int shim_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void shim_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int shim_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int shim_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

static int shim_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int shim_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs;
    ShimFile *p = (ShimFile *)f;
    p->real = (sqlite3_file *)(p + 1);
    p->wal = (flags & SQLITE_OPEN_WAL) != 0;
    int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
    p->base.pMethods = p->real->pMethods ? &shim_io : NULL;
    return rc;
}

static int shim_last_error(sqlite3_vfs *vfs, int n, char *buf)
{
    (void)vfs; (void)n; (void)buf;
    return last_errno;
}

static void shim_install(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    shim_vfs = *real_vfs;
    shim_vfs.zName = "kiosk-test-shim";
    shim_vfs.szOsFile = (int)sizeof(ShimFile) + real_vfs->szOsFile;
    shim_vfs.xOpen = shim_open;
    shim_vfs.xGetLastError = shim_last_error;
    shim_io = (sqlite3_io_methods){
        3, shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_size,
        shim_lock, shim_unlock, shim_reserved, shim_fcntl, shim_sector, shim_devchar,
        shim_shm_map, shim_shm_lock, shim_shm_barrier, shim_shm_unmap, shim_fetch,
        shim_unfetch,
    };
    wal_syncs = 0;
    fail_errno = 0;
    last_errno = 0;
    assert_int_equal(sqlite3_vfs_register(&shim_vfs, 1), SQLITE_OK);
    shim_installed = true;
}

static void shim_remove(void)
{
    fail_errno = 0;
    shim_installed = false;
    sqlite3_vfs_unregister(&shim_vfs);
    assert_ptr_equal(sqlite3_vfs_find(NULL), real_vfs);
}

/* synchronous=FULL: each check-in's commit syncs the WAL before returning.
 * A write that fails for want of space is K_ERR_FULL, any other K_ERR_IO;
 * either way nothing is saved and the store goes on working. */
static void test_durable_commit_and_write_errors(void **state)
{
    Fixture *f = *state;
    shim_install();
    Store *s = fixture_open(f);
    CheckinRecord r = fixture_checkin("");
    char id[37];
    for (int i = 0; i < 3; i++) {
        int before = wal_syncs;
        assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
        assert_true(wal_syncs > before);
    }

    fail_errno = ENOSPC;
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_ERR_FULL);
    fail_errno = EIO;
    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_ERR_IO);
    fail_errno = EIO;
    assert_int_equal(store_kv_set(s, "etag", "x"), K_ERR_IO);
    fail_errno = 0;
    assert_int_equal(pending(s), 3);
    assert_int_equal(attend_count(s, "2026-07-02"), 3);
    char v[4];
    assert_int_equal(store_kv_get(s, "etag", v, sizeof v), K_ERR_NOT_FOUND);

    assert_int_equal(store_add_checkin(s, &r, T_SUMMER, id), K_OK);
    assert_int_equal(pending(s), 4);
    store_close(s);
    shim_remove();

    s = fixture_open(f);
    assert_int_equal(pending(s), 4);
    assert_int_equal(attend_count(s, "2026-07-02"), 4);
    store_close(s);
}

/* A disk that is really full (every WAL write fails with ENOSPC, even a
 * value rewritten in place): the right PIN still opens the staff view, and
 * wrong tries still lock the pad, counted in memory. */
static void test_staff_pin_on_a_full_disk(void **state)
{
    Fixture *f = *state;
    shim_install();
    Store *s = fixture_open(f);
    assert_int_equal(staff_set_pin(s, "2580"), K_OK);
    time_t t = 4000000;
    fail_errno = ENOSPC;
    assert_int_equal(store_kv_set(s, "staff.failures", "7"), K_ERR_FULL);
    assert_int_equal(staff_check_pin(s, "2580", t), K_OK);
    for (int i = 0; i < STAFF_TRIES - 1; i++)
        assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t), 0);
    assert_int_equal(staff_check_pin(s, "0000", t), K_ERR_DENIED);
    assert_int_equal(staff_locked_for(s, t), STAFF_LOCK_BASE_S);
    assert_int_equal(staff_check_pin(s, "2580", t + 1), K_ERR_LOCKED);
    assert_int_equal(staff_check_pin(s, "2580", t + STAFF_LOCK_BASE_S), K_OK);
    /* space again: the next writes go to disk and replace what memory held */
    fail_errno = 0;
    assert_int_equal(staff_check_pin(s, "0000", t + STAFF_LOCK_BASE_S), K_ERR_DENIED);
    store_close(s);
    shim_remove();
    s = fixture_open(f);
    char v[16];
    assert_int_equal(store_kv_get(s, "staff.failures", v, sizeof v), K_OK);
    assert_string_equal(v, "1");
    store_close(s);
}

int main(void)
{
    setenv("TZ", "Europe/London", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_durable_commit_and_write_errors, fixture_setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_staff_pin_on_a_full_disk, fixture_setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
