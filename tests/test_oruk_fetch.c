/* test_oruk_fetch.c — --pack-from-oruk against the loopback stand-in
 * (tests/standin/oruk.py): the public example services and generated ones
 * over several pages make a pack that imports (one that fails its checks
 * left out); a 500, a bad page, a service that is not JSON and a slow
 * answer are tried again; when they persist nothing is written; a service
 * gone (404) is skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kiosk/directory.h"
#include "kiosk/import.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/oruk_fetch.h"

#define TEMPLATE "tests/data/directory/hub-template.json"
#define GENERATED 25

typedef struct {
    char dir[64];
    char control[128], stats[128], out[128];
    char url[64];
    pid_t pid;
} Fx;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-oruk-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->control, sizeof f->control, "%s/control.json", f->dir);
    snprintf(f->stats, sizeof f->stats, "%s/stats.json", f->dir);
    snprintf(f->out, sizeof f->out, "%s/pack.json", f->dir);
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    f->pid = fork();
    if (f->pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp("python3", "python3", "tests/standin/oruk.py", "--examples", "tests/data/oruk",
               "--generated", "25", "--bad", "1", "--per-page", "10", "--control", f->control,
               "--stats", f->stats, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *fp = fdopen(fd[0], "r");
    char line[64] = "";
    int port = 0;
    if (!fp || !fgets(line, sizeof line, fp) || sscanf(line, "PORT %d", &port) != 1)
        return -1;
    fclose(fp);
    snprintf(f->url, sizeof f->url, "http://127.0.0.1:%d", port);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    kill(f->pid, SIGTERM);
    waitpid(f->pid, NULL, 0);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void control(const Fx *f, const char *json)
{
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.tmp", f->control);
    FILE *fp = fopen(tmp, "w");
    assert_non_null(fp);
    fputs(json, fp);
    fclose(fp);
    assert_int_equal(rename(tmp, f->control), 0);
}

static long stat_of(const Fx *f, const char *key)
{
    json_t *j = json_load_file(f->stats, 0, NULL);
    long v = j ? (long)json_integer_value(json_object_get(j, key)) : -1;
    json_decref(j);
    return v;
}

static k_err fetch(const Fx *f, long timeout_s, int tries, char *err, size_t errlen)
{
    OrukFetchOptions o = { f->url, TEMPLATE, f->out, NULL, 10, tries, timeout_s, 20, NULL };
    return oruk_fetch_pack(&o, err, errlen);
}

/* Number of services in the written pack; -1 when none was written. */
static long services_written(const Fx *f)
{
    json_t *p = json_load_file(f->out, 0, NULL);
    long n = p ? (long)json_array_size(json_object_get(p, "services")) : -1;
    json_decref(p);
    return n;
}

static void test_all_pages_then_import(void **state)
{
    Fx *f = *state;
    char err[600] = "";
    assert_int_equal(fetch(f, 0, 0, err, sizeof err), K_OK);
    assert_int_equal(services_written(f), GENERATED + 2);
    assert_int_equal(stat_of(f, "pages"), 3);
    assert_int_equal(stat_of(f, "services"), GENERATED + 2);
    json_t *p = json_load_file(f->out, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(p, "version")), "2026-12-05.1");
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "hub"), "id")),
                        "central-sutton");
    assert_int_equal(json_array_size(json_object_get(p, "needs")), 4);
    json_decref(p);
    /* the pack imports: the public examples whole, the bad one left out */
    ImportSummary sum;
    assert_int_equal(import_file(f->out, f->dir, &sum, err, sizeof err), K_OK);
    assert_int_equal(sum.services, GENERATED + 1);
    assert_int_equal(sum.left_out, 1);
    char db[128];
    import_db_path(f->dir, db, sizeof db);
    Directory *d = NULL;
    assert_int_equal(directory_open(db, &d, err, sizeof err), K_OK);
    bool all;
    Service *s = directory_service(d, "ac148810-d857-441c-9679-408f346de14b", "en", &all);
    assert_non_null(s);
    assert_string_equal(s->name, "Community Counselling");
    service_free(s);
    s = directory_service(d, "gen-0002", "en", &all);
    assert_non_null(s);
    assert_string_equal(s->description,
                        "Support number 2 for families.\n\nSecond paragraph & more.");
    service_free(s);
    DirItem it[30];
    assert_int_equal(directory_list_need(d, "need-1", "en", it, 30), 6);
    char path[64], problem[64];
    assert_int_equal(directory_left_out(d, 0, path, sizeof path, problem, sizeof problem), K_OK);
    assert_string_equal(path, "services[2].name");
    directory_close(d);
}

static void test_faults_tried_again(void **state)
{
    Fx *f = *state;
    control(f, "{\"faults\": [{\"on\": \"page\", \"match\": \"2\", \"do\": \"500\"},"
               " {\"on\": \"page\", \"match\": \"3\", \"do\": \"bad_page\"},"
               " {\"on\": \"service\", \"match\": \"gen-0003\", \"do\": \"garbage\"},"
               " {\"on\": \"service\", \"match\": \"gen-0004\", \"do\": \"close\"}]}");
    char err[600] = "";
    assert_int_equal(fetch(f, 0, 3, err, sizeof err), K_OK);
    assert_int_equal(services_written(f), GENERATED + 2);
    assert_int_equal(stat_of(f, "faults"), 4);
    assert_int_equal(stat_of(f, "pages"), 5);
}

static void test_persisting_faults_write_nothing(void **state)
{
    Fx *f = *state;
    char err[600] = "";
    FILE *fp = fopen(f->out, "w");
    assert_non_null(fp);
    fputs("old", fp);
    fclose(fp);
    control(f, "{\"faults\": [{\"on\": \"page\", \"match\": \"2\", \"do\": \"500\","
               " \"times\": 0}]}");
    assert_int_equal(fetch(f, 0, 2, err, sizeof err), K_ERR_IO);
    assert_non_null(strstr(err, "answer 500"));
    assert_int_equal(services_written(f), -1); /* still "old" */
    control(f, "{\"faults\": [{\"on\": \"page\", \"match\": \"*\", \"do\": \"bad_page\","
               " \"times\": 0}]}");
    assert_int_not_equal(fetch(f, 0, 2, err, sizeof err), K_OK);
    control(f, "{\"faults\": [{\"on\": \"service\", \"match\": \"gen-0007\","
               " \"do\": \"garbage\", \"times\": 0}]}");
    assert_int_equal(fetch(f, 0, 2, err, sizeof err), K_ERR_IO);
    assert_non_null(strstr(err, "not a JSON object"));
    assert_int_equal(services_written(f), -1);
}

static void test_slow_answer(void **state)
{
    Fx *f = *state;
    char err[600] = "";
    control(f, "{\"faults\": [{\"on\": \"service\", \"match\": \"gen-0010\","
               " \"do\": \"slow:3\"}]}");
    assert_int_equal(fetch(f, 1, 2, err, sizeof err), K_OK);
    assert_int_equal(services_written(f), GENERATED + 2);
    control(f, "{\"faults\": [{\"on\": \"page\", \"match\": \"1\", \"do\": \"slow:3\","
               " \"times\": 0}]}");
    assert_int_equal(fetch(f, 1, 1, err, sizeof err), K_ERR_IO);
    assert_non_null(strstr(err, "no answer"));
}

static void test_gone_service_skipped(void **state)
{
    Fx *f = *state;
    char err[600] = "";
    control(f, "{\"faults\": [{\"on\": \"service\", \"match\": \"gen-0005\", \"do\": \"404\"}]}");
    assert_int_equal(fetch(f, 0, 0, err, sizeof err), K_OK);
    assert_int_equal(services_written(f), GENERATED + 1);
}

static void test_bad_options(void **state)
{
    Fx *f = *state;
    char err[600] = "";
    OrukFetchOptions o = { f->url, "tests/data/oruk/none.json", f->out, NULL, 0, 1, 0, 20, NULL };
    assert_int_equal(oruk_fetch_pack(&o, err, sizeof err), K_ERR_INVALID);
    OrukFetchOptions o2 = { "ftp://example.org", TEMPLATE, f->out, NULL, 0, 1, 0, 20, NULL };
    assert_int_equal(oruk_fetch_pack(&o2, err, sizeof err), K_ERR_INVALID);
    assert_int_equal(services_written(f), -1);
}

int main(void)
{
    (void)mem_wipe_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_all_pages_then_import, setup, teardown),
        cmocka_unit_test_setup_teardown(test_faults_tried_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_persisting_faults_write_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gone_service_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_options, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
