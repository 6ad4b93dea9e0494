/* test_status_upload.c — what --status says after the uploader has worked
 * against the stand-in central service (tests/standin): the last upload
 * after a --send-now that sent everything, the last error after one that
 * could not reach the service. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <time.h>

#include "upload_fixture.h"

typedef struct {
    char dir[64], data[96], db[128], ini[96], token[96], sdir[96], kiosk[128];
    Standin srv;
} Ctx;

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

static void add_records(Ctx *c, int count)
{
    k_err e;
    Store *s = store_open(c->db, &e);
    assert_non_null(s);
    for (int i = 0; i < count; i++) {
        Record r = up_record(i);
        char id[37];
        assert_int_equal(store_add_record(s, &r, time(NULL), id), K_OK);
    }
    store_close(s);
}

/* Runs the kiosk with args after --config; its standard output in out. */
static int run(Ctx *c, const char *args, char *out, size_t cap)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "'%s' --config '%s' %s 2>/dev/null", c->kiosk, c->ini, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static json_t *status_json(Ctx *c)
{
    char out[8192];
    assert_int_equal(run(c, "--status --json", out, sizeof out), 0);
    json_error_t je;
    json_t *o = json_loads(out, 0, &je);
    assert_non_null(o);
    return o;
}

static void test_after_send_now(void **state)
{
    (void)state;
    Ctx c;
    memset(&c, 0, sizeof c);
    snprintf(c.dir, sizeof c.dir, "/tmp/kiosk-status-XXXXXX");
    assert_non_null(mkdtemp(c.dir));
    snprintf(c.data, sizeof c.data, "%s/data", c.dir);
    snprintf(c.db, sizeof c.db, "%s/kiosk.db", c.data);
    snprintf(c.ini, sizeof c.ini, "%s/kiosk.ini", c.dir);
    snprintf(c.token, sizeof c.token, "%s/token", c.dir);
    snprintf(c.sdir, sizeof c.sdir, "%s/central", c.dir);
    const char *b = getenv("KIOSK_BUILD");
    snprintf(c.kiosk, sizeof c.kiosk, "%s/kiosk", b ? b : "build");
    setenv("TZ", "Europe/London", 1);
    mkdir(c.data, 0700);
    assert_int_equal(standin_start(&c.srv, c.sdir, true), 0);
    write_file(c.token, UP_TOKEN "\n", 0600);
    char ini[1200];
    snprintf(ini, sizeof ini,
             "[hub]\ndevice_id = status-test\nhub_id = central-sutton\n"
             "[paths]\ndata_dir = %s\n[central]\nurl = %s\ntoken_file = %s\nca_file = %s\n",
             c.data, c.srv.url, c.token, c.srv.ca);
    write_file(c.ini, ini, 0600);

    add_records(&c, 5);
    json_t *o = status_json(&c);
    json_t *rec = json_object_get(o, "records");
    assert_int_equal(json_integer_value(json_object_get(rec, "waiting")), 5);
    assert_true(json_is_string(json_object_get(rec, "oldest_waiting_at")));
    assert_true(json_is_null(json_object_get(o, "last_upload_at")));
    json_decref(o);

    char out[8192];
    time_t before = time(NULL);
    assert_int_equal(run(&c, "--send-now", out, sizeof out), 0);
    o = status_json(&c);
    rec = json_object_get(o, "records");
    assert_int_equal(json_integer_value(json_object_get(rec, "waiting")), 0);
    assert_int_equal(json_integer_value(json_object_get(rec, "sent_kept")), 5);
    assert_true(json_is_null(json_object_get(rec, "oldest_waiting_at")));
    const char *at = json_string_value(json_object_get(o, "last_upload_at"));
    assert_non_null(at);
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    assert_non_null(strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm));
    assert_true(timegm(&tm) >= before - 1);
    assert_true(json_is_null(json_object_get(json_object_get(o, "last_error"), "text")));
    json_decref(o);

    /* the service gone: the next try's problem is the last error */
    standin_stop(&c.srv);
    add_records(&c, 1);
    assert_int_equal(run(&c, "--send-now", out, sizeof out), 1);
    o = status_json(&c);
    json_t *le = json_object_get(o, "last_error");
    assert_true(json_is_string(json_object_get(le, "text")));
    assert_true(json_is_string(json_object_get(le, "at")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(o, "records"),
                                                        "waiting")), 1);
    json_decref(o);
    assert_int_equal(run(&c, "--status", out, sizeof out), 0);
    assert_non_null(strstr(out, "records waiting:  1, the oldest since"));
    assert_non_null(strstr(out, "last error:       "));
    assert_non_null(strstr(out, "uploads have worked since") == NULL ? out : NULL);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c.dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_after_send_now),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
