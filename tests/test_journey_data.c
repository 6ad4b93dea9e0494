/* test_journey_data.c — what the kiosk keeps, end to end through the
 * headless kiosk and the binary: ids and names of the content pack's full
 * length kept whole from the pack to the outbox and the staff view (and one
 * character more refused at start-up), a damaged database replaced with what
 * could be read and told to staff and to --check, and the database, its
 * -wal and -shm private whatever the directory and umask. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>

#include "journey.h"

/* ---- ids and names at the content pack's limit (defect 3) ---- */

/* A session id of exactly n ASCII characters, the last one telling: an id
 * cut short is not the pack's. */
static void long_id(char *out, size_t cap, int n)
{
    static const char pat[] = "drop-in-0123456789-";
    assert_true((size_t)n < cap);
    for (int i = 0; i < n; i++)
        out[i] = pat[i % (sizeof pat - 1)];
    out[n - 1] = 'Z';
    out[n] = '\0';
}

/* A Tamil session name of exactly 200 + extra code points: eighteen times
 * "குழந்தைகள் " (11 code points, 31 bytes) and "கு" — 564 bytes, more than
 * twice the 255 bytes a record once held. extra adds that many "க". */
static void long_tamil_name(char *out, size_t cap, int extra)
{
    out[0] = '\0';
    for (int i = 0; i < 18; i++)
        strncat(out, "குழந்தைகள் ", cap - strlen(out) - 1);
    strncat(out, "கு", cap - strlen(out) - 1);
    for (int i = 0; i < extra; i++)
        strncat(out, "க", cap - strlen(out) - 1);
    size_t cps = 0;
    for (const char *p = out; *p; p++)
        cps += ((unsigned char)*p & 0xC0) != 0x80;
    assert_int_equal(cps, 200 + extra);
}

/* A session with a 200-character id and a 200-character Tamil name: a
 * check-in to it stores both whole in the outbox payload and the day's
 * attendance, and every screen that shows the name keeps it on screen. */
static void test_longest_pack_names_kept_whole(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char id[256], name[1024], pack[700];
    long_id(id, sizeof id, 200);
    long_tamil_name(name, sizeof name, 0);
    snprintf(pack, sizeof pack, "%s/long-pack.json", h.dir);
    assert_int_equal(journey_pack(pack, id, name), 0);
    snprintf(h.cfg.content_pack, sizeof h.cfg.content_pack, "%.500s", pack);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    assert_int_equal(harness_run(&h, "tap home.checkin\ndump sessions\ntap nav.exit\n"
                                     TO_DETAILS "tap details.first.yes\ntap details.name\n"
                                     "type Anna\ntap kbd.done\ntap details.next\ndump confirm\n"
                                     "tap confirm.ok\nexpect-screen thanks\ntap thanks.done\n"
                                     TO_STAFF_2580 "dump staff\n"), 0);

    /* the record holds the pack's id and name, whole */
    sqlite3 *db = harness_db(&h);
    assert_non_null(db);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT payload FROM outbox", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    json_t *p = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
    assert_non_null(p);
    assert_string_equal(json_string_value(json_object_get(p, "session_id")), id);
    assert_string_equal(json_string_value(json_object_get(p, "session_name")), name);
    json_decref(p);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT session_id, session_name FROM attendance",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), id);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), name);
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* the visitor saw it whole, within the screen */
    json_t *d = harness_dump(&h, "sessions");
    assert_non_null(strstr(dump_text(d, "checkin.session.0"), name));
    assert_name_fits(d, "checkin.session.0", false);
    json_decref(d);
    d = harness_dump(&h, "confirm");
    assert_string_equal(dump_text(d, "confirm.session"), name);
    assert_name_fits(d, "confirm.session", false);
    json_decref(d);

    /* the staff list: the visitor's row fits (whole, or cut with an
     * ellipsis); the day's total names the whole session */
    d = harness_dump(&h, "staff");
    const char *row = dump_text(d, "staff.row.0");
    assert_non_null(row);
    assert_non_null(strstr(row, "Anna"));
    assert_name_fits(d, "staff.row.0", strstr(row, name) == NULL);
    assert_non_null(strstr(dump_text(d, "staff.session.0"), name));
    assert_name_fits(d, "staff.session.0", false);
    assert_non_null(strstr(dump_text(d, "staff.session.0"), "1 family"));
    json_decref(d);
    harness_close(&h);
}

/* One character over the limit, in an id or a name, refuses the pack at
 * start-up: --check fails naming the file and the JSON path, with no last
 * good copy and with one. */
static void test_pack_over_the_limit_refused(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char id[256], name[1024], ok_id[256], pack_id[700], pack_name[700], args[1600];
    static char out[16384];
    long_id(id, sizeof id, 201);
    long_id(ok_id, sizeof ok_id, 200);
    long_tamil_name(name, sizeof name, 1);
    snprintf(pack_id, sizeof pack_id, "%s/id-201.json", h.dir);
    snprintf(pack_name, sizeof pack_name, "%s/name-201.json", h.dir);
    assert_int_equal(journey_pack(pack_id, id, "Coffee morning"), 0);
    assert_int_equal(journey_pack(pack_name, ok_id, name), 0);

    /* no good copy yet: start-up stops */
    snprintf(args, sizeof args, "--check --content %s", pack_id);
    assert_int_equal(journey_kiosk(&h, args, out, sizeof out), 1);
    assert_non_null(strstr(out, "id-201.json: sessions[0].id: is longer than 200 characters"));
    assert_null(strstr(out, "in order"));
    snprintf(args, sizeof args, "--check --content %s", pack_name);
    assert_int_equal(journey_kiosk(&h, args, out, sizeof out), 1);
    assert_non_null(strstr(out, "name-201.json: sessions[0].name: is longer than 200 "
                                "characters"));

    /* with a last good copy: the kiosk would run on it, and --check still
     * says the pack was refused and why */
    assert_int_equal(journey_kiosk(&h, "--check", out, sizeof out), 0);
    assert_non_null(strstr(out, "in order"));
    snprintf(args, sizeof args, "--check --content %s", pack_id);
    assert_int_equal(journey_kiosk(&h, args, out, sizeof out), 1);
    assert_non_null(strstr(out, "refused"));
    assert_non_null(strstr(out, "id-201.json: sessions[0].id: is longer than 200 characters"));
    assert_null(strstr(out, "in order"));
    harness_close(&h);
}

/* ---- a damaged database (defect 11) ---- */

/* The number of files in dir whose names start "kiosk.db.damaged-" (not
 * their -wal and -shm); the last one's path in first. */
static int damaged_copies(const char *dir, char *path, size_t cap)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "kiosk.db.damaged-", 17) != 0 ||
            (len > 4 && (!strcmp(e->d_name + len - 4, "-wal") ||
                         !strcmp(e->d_name + len - 4, "-shm"))))
            continue;
        snprintf(path, cap, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

/* Overwrites the first half of page number page (from 1) of the file: its
 * b-tree header, cell pointers and on to the middle of the page. */
static void damage_page(const char *path, long page, long page_size)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    unsigned char junk[8192];
    assert_true(page_size / 2 <= (long)sizeof junk);
    memset(junk, 0xA5, sizeof junk);
    assert_int_equal(pwrite(fd, junk, (size_t)(page_size / 2), (page - 1) * page_size),
                     page_size / 2);
    assert_int_equal(fsync(fd), 0);
    close(fd);
}

static void copy_file(const char *from, const char *to)
{
    char cmd[1600];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
    assert_int_equal(system(cmd), 0);
}

/* A real kiosk.db with one check-in has its attendance page damaged. The
 * kiosk still starts: the damaged file is kept beside the new one for IT,
 * the pending outbox record (its page intact) and the staff PIN are copied
 * over, and the staff view says the database was replaced and where the
 * copy is. --check on the same damage fails, saying so. */
static void test_damaged_database_replaced_and_told(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.yes\ntap details.name\n"
                                     "type Anna\ntap kbd.done\ntap details.next\n"
                                     "tap confirm.ok\nexpect-screen thanks\n"), 0);
    char db_path[700], wal[720], record_id[40] = "";
    snprintf(db_path, sizeof db_path, "%s/kiosk.db", h.cfg.data_dir);
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    sqlite3 *db = harness_db(&h);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM outbox WHERE state='pending'", -1,
                                        &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(record_id, sizeof record_id, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    long page = harness_count(&h, "SELECT rootpage FROM sqlite_schema WHERE name='attendance'");
    long page_size = harness_count(&h, "PRAGMA page_size");
    long pages = harness_count(&h, "PRAGMA page_count");
    assert_true(page > 1 && page < pages && page_size >= 512);
    /* everything is in the database file itself: the last close
     * checkpointed the -wal (a reader may leave it, empty) */
    struct stat sb;
    assert_true(stat(wal, &sb) != 0 || sb.st_size == 0);
    damage_page(db_path, page, page_size);
    assert_int_not_equal(harness_count(&h, "SELECT count(*) FROM pragma_quick_check WHERE "
                                           "quick_check = 'ok'"), 1);
    char corrupt[700];
    snprintf(corrupt, sizeof corrupt, "%s/corrupt.db", h.dir);
    copy_file(db_path, corrupt);

    /* it starts, and staff are told */
    assert_int_equal(harness_run(&h, "expect-screen home\n" TO_STAFF_2580 "dump staff\n"), 0);
    char kept[800];
    assert_int_equal(damaged_copies(h.cfg.data_dir, kept, sizeof kept), 1);
    assert_int_equal(stat(kept, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_int_equal(sb.st_size, page_size * pages);   /* kept whole, as it was */
    json_t *d = harness_dump(&h, "staff");
    const char *device = dump_text(d, "staff.device");
    assert_non_null(device);
    assert_non_null(strstr(device, "damaged"));
    assert_non_null(strstr(device, "replaced"));
    assert_non_null(strstr(device, kept));
    assert_non_null(strstr(device, "1 record waiting to upload"));
    json_decref(d);
    /* the new database is sound and holds the record from before */
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM pragma_quick_check WHERE "
                                       "quick_check = 'ok'"), 1);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM outbox WHERE id = '%s' AND "
             "state = 'pending'", record_id);
    assert_int_equal(harness_count(&h, sql), 1);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox"), 1);
    /* a check-in now works */
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.no\ntap details.next\n"
                                     "tap confirm.ok\nexpect-screen thanks\n"), 0);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE state='pending'"), 2);

    /* --check meeting the same damage fails and says so */
    copy_file(corrupt, db_path);
    static char out[16384];
    assert_int_not_equal(journey_kiosk(&h, "--check", out, sizeof out), 0);
    assert_non_null(strstr(out, "The database was damaged and has been replaced"));
    assert_non_null(strstr(out, ".damaged-"));
    assert_null(strstr(out, "in order"));
    assert_int_equal(damaged_copies(h.cfg.data_dir, kept, sizeof kept), 2);
    harness_close(&h);
}

/* ---- the database private whatever the directory (defect 7) ---- */

static void assert_mode(const char *path, unsigned mode)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        fail_msg("%s: missing", path);
    if ((sb.st_mode & 0777) != mode)
        fail_msg("%s: mode %04o, not %04o", path, (unsigned)(sb.st_mode & 0777), mode);
}

/* In a data directory that is 0755, under umask 022, the kiosk makes its
 * database 0600; while the kiosk runs, after a check-in written into the
 * -wal, the database, -wal and -shm are all 0600. A second kiosk process
 * (the real loop on SDL's dummy driver) holds the database open so that
 * the -wal and -shm stay while they are looked at. */
static void test_database_private_in_open_directory(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    mode_t old_mask = umask(022);
    assert_int_equal(mkdir(h.cfg.data_dir, 0755), 0);
    assert_mode(h.cfg.data_dir, 0755);
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.no\ntap details.next\n"
                                     "tap confirm.ok\nexpect-screen thanks\n"), 0);
    char db_path[700], wal[720], shm[720];
    snprintf(db_path, sizeof db_path, "%s/kiosk.db", h.cfg.data_dir);
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    snprintf(shm, sizeof shm, "%s-shm", db_path);
    assert_mode(db_path, 0600);

    char bin[700], log[700];
    snprintf(bin, sizeof bin, "%s/kiosk", getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD")
                                                                : "build");
    snprintf(log, sizeof log, "%s/holder.log", h.dir);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        execl(bin, bin, "--data-dir", h.cfg.data_dir, "--exit-after", "60", (char *)NULL);
        _exit(127);
    }
    /* wait (at most 30 s) until it has started: the database open and its
     * start-up purge (which truncates the -wal) done */
    bool started = false;
    for (int i = 0; i < 300 && !started; i++) {
        usleep(100 * 1000);
        FILE *f = fopen(log, "r");
        char line[1024];
        while (f && !started && fgets(line, sizeof line, f))
            started = strstr(line, "app: started") != NULL;
        if (f)
            fclose(f);
    }
    assert_true(started);
    assert_int_equal(access(shm, F_OK), 0);
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.yes\ntap details.name\n"
                                     "type Anna\ntap kbd.done\ntap details.next\n"
                                     "tap confirm.ok\nexpect-screen thanks\n"), 0);
    struct stat sb;
    assert_int_equal(stat(wal, &sb), 0);
    assert_true(sb.st_size > 0);          /* the check-in is in the -wal */
    int status = 0;
    assert_int_equal(waitpid(pid, &status, WNOHANG), 0);   /* still holding it open */
    assert_mode(db_path, 0600);
    assert_mode(wal, 0600);
    assert_mode(shm, 0600);
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM attendance WHERE "
                                       "first_name = 'Anna'"), 1);
    kill(pid, SIGTERM);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_mode(db_path, 0600);
    assert_mode(h.cfg.data_dir, 0755);
    umask(old_mask);
    harness_close(&h);
}

/* The page holding the staff PIN is damaged: the PIN cannot be kept, and the
 * PIN pad says why (the database was replaced, where the copy is) rather
 * than only that no PIN is set. */
static void test_damaged_database_lost_pin_told(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_set_pin(&h, "2580"), 0);
    assert_int_equal(harness_run(&h, TO_DETAILS "tap details.first.no\ntap details.next\n"
                                     "tap confirm.ok\nexpect-screen thanks\n"), 0);
    char db_path[700];
    snprintf(db_path, sizeof db_path, "%s/kiosk.db", h.cfg.data_dir);
    long page = harness_count(&h, "SELECT rootpage FROM sqlite_schema WHERE name='kv'");
    long page_size = harness_count(&h, "PRAGMA page_size");
    assert_true(page > 1 && page_size >= 512);
    damage_page(db_path, page, page_size);
    assert_int_equal(harness_run(&h, "press home.hub 3100\nexpect-screen staff-pin\n"
                                     "dump pin\n"), 0);
    char kept[800];
    assert_int_equal(damaged_copies(h.cfg.data_dir, kept, sizeof kept), 1);
    json_t *d = harness_dump(&h, "pin");
    const char *msg = dump_text(d, "staff.pin.message");
    assert_non_null(msg);
    assert_non_null(strstr(msg, "No staff PIN is set"));
    assert_non_null(strstr(msg, "damaged"));
    assert_non_null(strstr(msg, kept));
    json_decref(d);
    /* the record from before is still waiting */
    assert_int_equal(harness_count(&h, "SELECT count(*) FROM outbox WHERE state='pending'"), 1);
    harness_close(&h);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_pack_names_kept_whole),
        cmocka_unit_test(test_pack_over_the_limit_refused),
        cmocka_unit_test(test_damaged_database_replaced_and_told),
        cmocka_unit_test(test_damaged_database_lost_pin_told),
        cmocka_unit_test(test_database_private_in_open_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
