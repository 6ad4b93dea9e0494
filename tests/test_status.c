/* test_status.c — --status and --status --json: what the uploader kept
 * (status_save), the outbox's counts and oldest record, the content pack
 * shown; and that nothing a visitor typed is in either. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "store_fixture.h"
#include "kiosk/status.h"

/* 2026-12-01 10:00:00 UTC */
#define T_NOW ((time_t)1796119200)

static Store *open_data(Harness *h)
{
    char path[700];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", h->cfg.data_dir);
    k_err e;
    Store *s = store_open(path, &e);
    assert_non_null(s);
    return s;
}

static UploadStatus uploaded(void)
{
    UploadStatus st;
    memset(&st, 0, sizeof st);
    st.online = true;
    st.last_success = T_NOW - 300;
    st.content_checked = T_NOW - 120;
    snprintf(st.content_version, sizeof st.content_version, "2026-11-30.2");
    st.problem = UP_NETWORK;
    st.problem_since = T_NOW - 60;
    snprintf(st.problem_text, sizeof st.problem_text, "the central service cannot be reached");
    return st;
}

static void test_no_database(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    KioskStatus st;
    char err[800];
    assert_int_equal(status_read(&h.cfg, T_NOW, &st, err, sizeof err), K_ERR_NOT_FOUND);
    assert_non_null(strstr(err, "has not run"));
    assert_int_equal(access(h.cfg.data_dir, F_OK), -1);     /* nothing was made */
    harness_close(&h);
}

static void test_saved_and_read(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_data(&h);
    CheckinRecord r = fixture_checkin("Zebedee");
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, T_NOW - 3600, id), K_OK);
    assert_int_equal(store_add_checkin(s, &r, T_NOW - 1800, id), K_OK);
    UploadStatus up = uploaded();
    assert_int_equal(status_save(s, &up), K_OK);
    assert_int_equal(status_save(s, &up), K_OK);       /* the same again: nothing new */
    store_close(s);

    KioskStatus st;
    char err[800];
    snprintf(h.cfg.central_url, sizeof h.cfg.central_url, "https://central.example.org");
    snprintf(h.cfg.device_id, sizeof h.cfg.device_id, "sutton-central-01");
    assert_int_equal(status_read(&h.cfg, T_NOW, &st, err, sizeof err), K_OK);
    assert_int_equal(st.waiting, 2);
    assert_int_equal(st.rejected, 0);
    assert_true(st.oldest_waiting == T_NOW - 3600);
    assert_true(st.last_upload == T_NOW - 300);
    assert_true(st.content_checked == T_NOW - 120);
    assert_true(st.last_error_at == T_NOW - 60);
    assert_string_equal(st.last_error, "the central service cannot be reached");
    assert_string_equal(st.content_from, "configured");
    assert_string_equal(st.content_version, "2026-11-20.1");   /* the demo pack */
    assert_string_equal(st.hub_id, "central-sutton");

    char *text = NULL, *json = NULL;
    size_t tn = 0, jn = 0;
    FILE *f = open_memstream(&text, &tn);
    status_print(f, &st, T_NOW);
    fclose(f);
    f = open_memstream(&json, &jn);
    assert_int_equal(status_print_json(f, &st, T_NOW), K_OK);
    fclose(f);
    assert_non_null(strstr(text, "records waiting:  2, the oldest since"));
    assert_non_null(strstr(text, "(60 min ago)"));
    assert_non_null(strstr(text, "last upload:      "));
    assert_non_null(strstr(text, "(5 min ago)"));
    assert_non_null(strstr(text, "cannot be reached"));
    assert_null(strstr(text, "Zebedee"));
    assert_null(strstr(json, "Zebedee"));

    json_error_t je;
    json_t *o = json_loads(json, 0, &je);
    assert_non_null(o);
    json_t *rec = json_object_get(o, "records");
    assert_int_equal(json_integer_value(json_object_get(rec, "waiting")), 2);
    assert_int_equal(json_integer_value(json_object_get(rec, "oldest_waiting_age_s")), 3600);
    assert_string_equal(json_string_value(json_object_get(rec, "oldest_waiting_at")),
                        "2026-12-01T09:00:00Z");
    assert_string_equal(json_string_value(json_object_get(o, "last_upload_at")),
                        "2026-12-01T09:55:00Z");
    json_t *c = json_object_get(o, "content");
    assert_string_equal(json_string_value(json_object_get(c, "checked_at")),
                        "2026-12-01T09:58:00Z");
    assert_true(json_is_true(json_object_get(o, "online")));
    json_decref(o);
    free(text);
    free(json);
    harness_close(&h);
}

/* The fetched pack is the one shown when it is for the same hub. */
static void test_central_pack(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    store_close(open_data(&h));
    char cmd[2000];
    snprintf(cmd, sizeof cmd, "sed 's/\"version\": *\"[^\"]*\"/\"version\": \"2026-12-01.9\"/' "
             "%s > %s/content-central.json", h.cfg.content_pack, h.cfg.data_dir);
    assert_int_equal(system(cmd), 0);
    KioskStatus st;
    char err[800];
    assert_int_equal(status_read(&h.cfg, T_NOW, &st, err, sizeof err), K_OK);
    assert_string_equal(st.content_from, "configured");      /* offline: not fetched */
    snprintf(h.cfg.central_url, sizeof h.cfg.central_url, "https://central.example.org");
    assert_int_equal(status_read(&h.cfg, T_NOW, &st, err, sizeof err), K_OK);
    assert_string_equal(st.content_from, "central");
    assert_string_equal(st.content_version, "2026-12-01.9");
    assert_int_equal(st.waiting, 0);
    assert_true(st.oldest_waiting == 0);
    assert_true(st.last_upload == 0);
    harness_close(&h);
}

/* The program: --status and --status --json as a technician runs them. */
static void test_program(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    Store *s = open_data(&h);
    CheckinRecord r = fixture_checkin("Zebedee");
    char id[37];
    assert_int_equal(store_add_checkin(s, &r, time(NULL) - 90, id), K_OK);
    store_close(s);
    const char *b = getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build";
    char cmd[2000], path[700];
    snprintf(path, sizeof path, "%s/status.json", h.dir);
    snprintf(cmd, sizeof cmd, "%s/kiosk --data-dir %s --status --json > %s", b,
             h.cfg.data_dir, path);
    assert_int_equal(system(cmd), 0);
    json_error_t je;
    json_t *o = json_load_file(path, 0, &je);
    assert_non_null(o);
    json_t *rec = json_object_get(o, "records");
    assert_int_equal(json_integer_value(json_object_get(rec, "waiting")), 1);
    assert_true(json_is_false(json_object_get(o, "online")));
    assert_true(json_is_null(json_object_get(o, "last_upload_at")));
    json_decref(o);
    snprintf(cmd, sizeof cmd, "%s/kiosk --data-dir %s --status > %s/status.txt 2>&1 && "
             "grep -q '^records waiting:  1, the oldest since' %s/status.txt && "
             "! grep -q Zebedee %s/status.txt", b, h.cfg.data_dir, h.dir, h.dir, h.dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "%s/kiosk --data-dir %s/none --status 2>/dev/null", b, h.dir);
    assert_int_equal(WEXITSTATUS(system(cmd)), 1);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_database),
        cmocka_unit_test(test_saved_and_read),
        cmocka_unit_test(test_central_pack),
        cmocka_unit_test(test_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
