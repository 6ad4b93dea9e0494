/* test_import.c — applying content packs: the small test pack imported
 * (services in their languages, English with translated=false where a
 * text is not translated, the public ORUK examples unchanged, a service
 * left out with its path), a refused pack and an import killed half-way
 * leave the old directory, the start-up rule (a newer pack imported, an
 * older or the same one not), the active pack without its services, and
 * the central service's pack going through the same import; and the
 * program's peak memory on a generated pack of 2,000 services (8 MiB):
 * the file is not held whole beside its tree, and each service's tree goes
 * back once written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "directory_fixture.h"
#include "kiosk/directory.h"
#include "kiosk/import.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/store.h"
#include "kiosk/uploader.h"

#define SMALL "tests/data/directory/small-pack.json"
#define UK_ID "ac148810-d857-441c-9679-408f346de14b"

typedef struct {
    char dir[64];
    char db[96];
} Fx;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-import-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    import_db_path(f->dir, f->db, sizeof f->db);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static Directory *open_dir(const Fx *f)
{
    Directory *d = NULL;
    char err[300];
    assert_int_equal(directory_open(f->db, &d, err, sizeof err), K_OK);
    return d;
}

/* The imported version, "" for none. */
static const char *version_of(const Fx *f)
{
    static char v[128];
    Directory *d = open_dir(f);
    if (directory_meta(d, "version", v, sizeof v) != K_OK)
        v[0] = '\0';
    directory_close(d);
    return v;
}

static void import_small(const Fx *f)
{
    char err[600];
    ImportSummary sum;
    assert_int_equal(import_file(SMALL, f->dir, &sum, err, sizeof err), K_OK);
    assert_int_equal(sum.services, 7);
    assert_int_equal(sum.left_out, 1);
    assert_int_equal(sum.needs, 4);
    assert_int_equal(sum.languages, 5);
    assert_string_equal(sum.version, "2026-12-01.1");
}

static void test_small_pack(void **state)
{
    Fx *f = *state;
    import_small(f);
    Directory *d = open_dir(f);
    assert_int_equal(directory_service_count(d), 7);
    DirItem it[8];
    assert_int_equal(directory_list_need(d, "food", "en", it, 8), 2);
    assert_string_equal(it[0].id, "hub-pantry");
    assert_true(it[0].at_hub);
    assert_false(it[1].at_hub);
    /* translated where the pack has it, else English with translated=false */
    bool all;
    Service *s = directory_service(d, "food-bank", "pl", &all);
    assert_non_null(s);
    assert_string_equal(s->name, "Bank żywności");
    assert_non_null(strstr(s->description, "Paczki"));
    assert_string_equal(s->organization, "Sutton Churches");
    assert_true(all);
    service_free(s);
    s = directory_service(d, "food-bank", "ta", &all);
    assert_string_equal(s->name, "உணவு வங்கி");
    assert_non_null(strstr(s->description, "Emergency food"));
    assert_false(all);
    service_free(s);
    s = directory_service(d, "hub-pantry", "ur", &all);
    assert_string_equal(s->name, "Community pantry");
    assert_false(all);
    service_free(s);
    s = directory_service(d, "hub-pantry", "en-GB", &all);
    assert_string_equal(s->description, "Low-cost groceries every Tuesday.");
    assert_true(all);
    service_free(s);
    assert_null(directory_service(d, "bad-1", "en", &all));
    assert_null(directory_service(d, "nothing", "en", &all));
    /* the service left out, for staff */
    char path[64], problem[128];
    assert_int_equal(directory_left_out_count(d), 1);
    assert_int_equal(directory_left_out(d, 0, path, sizeof path, problem, sizeof problem),
                     K_OK);
    assert_string_equal(path, "services[4].name");
    assert_string_equal(problem, "is missing");
    /* a need's name translated, searched in Urdu */
    int n = directory_search(d, "کھانا", "ur", it, 8);
    assert_true(n >= 1);
    assert_true(it[0].is_need);
    assert_string_equal(it[0].id, "food");
    assert_string_equal(it[0].name, "مجھے کھانا چاہیے");
    directory_close(d);
}

static void test_public_examples(void **state)
{
    Fx *f = *state;
    import_small(f);
    Directory *d = open_dir(f);
    bool all;
    Service *s = directory_service(d, UK_ID, "en", &all);
    assert_non_null(s);
    assert_string_equal(s->name, "Community Counselling");
    assert_int_equal(s->min_age, 12);
    assert_true(s->n_schedules > 0);
    service_free(s);
    s = directory_service(d, UK_ID "-hsds", "pl", &all);
    assert_non_null(s);
    assert_string_equal(s->name, "Community Counselling");
    assert_false(all);
    service_free(s);
    DirItem it[8];
    assert_int_equal(directory_search(d, "counsel", "en", it, 8), 2);
    assert_int_equal(directory_list_need(d, "mental-health", "en", it, 8), 2);
    directory_close(d);
}

static void test_refused_pack_keeps_old(void **state)
{
    Fx *f = *state;
    import_small(f);
    char err[600];
    static const char *const bad[] = {
        "{not json",
        "{\"format\": \"family-hub-content/2\", \"version\": \"9\"}",
        "{\"format\": \"family-hub-content/1\", \"version\": \"9\", \"sessions\": []}",
        "{\"format\": \"family-hub-content/1\", \"version\": \"9\", \"hub\": {\"id\": \"h\","
        " \"name\": \"H\"}, \"sessions\": [], \"services\": [{\"id\": \"a\", \"name\": \"A\"},"
        " {\"id\": \"a\", \"name\": \"B\"}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        assert_int_equal(import_buffer(bad[i], strlen(bad[i]), "bad.json", "bad.json", f->dir,
                                       NULL, err, sizeof err),
                         K_ERR_INVALID);
        assert_non_null(strstr(err, "bad.json"));
        assert_string_equal(version_of(f), "2026-12-01.1");
    }
    Directory *d = open_dir(f);
    assert_int_equal(directory_service_count(d), 7);
    directory_close(d);
    /* an unreadable file, and a data directory that cannot be written */
    assert_int_equal(import_file("/nonexistent/pack.json", f->dir, NULL, err, sizeof err),
                     K_ERR_IO);
    assert_int_not_equal(import_file(SMALL, "/nonexistent", NULL, err, sizeof err), K_OK);
    assert_string_equal(version_of(f), "2026-12-01.1");
}

/* An import killed at moments through its work: the directory is always
 * the old one whole or the new one whole. */
static void test_killed_half_way(void **state)
{
    Fx *f = *state;
    import_small(f);
    char big[128];
    snprintf(big, sizeof big, "%s/big.json", f->dir);
    assert_int_equal(fx_write_pack(big, 1500, "2026-12-09.1"), 0);
    int old = 0, fresh = 0;
    for (int round = 0; round < 8; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            log_set_level(LOG_ERROR);
            char err[600];
            _exit(import_file(big, f->dir, NULL, err, sizeof err) == K_OK ? 0 : 1);
        }
        struct timespec ts = { 0, (long)(round * 120 + 10) * 1000000L };
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        Directory *d = open_dir(f);
        char v[64];
        assert_int_equal(directory_meta(d, "version", v, sizeof v), K_OK);
        if (!strcmp(v, "2026-12-01.1")) {
            assert_int_equal(directory_service_count(d), 7);
            old++;
        } else {
            assert_string_equal(v, "2026-12-09.1");
            assert_int_equal(directory_service_count(d), 1500);
            fresh++;
        }
        DirItem it[4];
        assert_true(directory_search(d, "counsel", "en", it, 4) >= 0);
        directory_close(d);
        if (fresh)
            break;
    }
    assert_true(old >= 1);
    /* after a kill the next import goes in */
    char err[600];
    assert_int_equal(import_file(SMALL, f->dir, NULL, err, sizeof err), K_OK);
    assert_string_equal(version_of(f), "2026-12-01.1");
}

/* Writes the small pack with another version (and hub id) to path. */
static void small_as(const char *path, const char *version, const char *hub)
{
    json_t *p = json_load_file(SMALL, 0, NULL);
    assert_non_null(p);
    json_object_set_new(p, "version", json_string(version));
    json_object_set_new(json_object_get(p, "hub"), "id", json_string(hub));
    assert_int_equal(json_dump_file(p, path, 0), 0);
    json_decref(p);
}

static void test_at_start(void **state)
{
    Fx *f = *state;
    char pack[128], err[600];
    bool imported;
    snprintf(pack, sizeof pack, "%s/pack.json", f->dir);
    small_as(pack, "2026-12-01.1", "central-sutton");
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_OK);
    assert_true(imported);
    /* the same file again: nothing to do */
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_OK);
    assert_false(imported);
    /* a newer pack dropped at the configured path is imported */
    small_as(pack, "2026-12-10.2", "central-sutton");
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_OK);
    assert_true(imported);
    assert_string_equal(version_of(f), "2026-12-10.2");
    /* an older one (the central service's newer pack is in use) is not */
    small_as(pack, "2026-12-09.1", "central-sutton");
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_OK);
    assert_false(imported);
    assert_string_equal(version_of(f), "2026-12-10.2");
    /* another hub's pack is */
    small_as(pack, "1", "another-hub");
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_OK);
    assert_true(imported);
    /* a broken one is refused and the directory stays */
    FILE *fp = fopen(pack, "w");
    assert_non_null(fp);
    fputs("{\"format\": \"family-hub-content/1\", \"version\": \"99\"", fp);
    fclose(fp);
    assert_int_equal(import_at_start(pack, f->dir, &imported, err, sizeof err), K_ERR_INVALID);
    assert_false(imported);
    assert_string_equal(version_of(f), "1");
}

static void test_active_pack(void **state)
{
    Fx *f = *state;
    char err[600];
    assert_null(import_load_active(f->dir, err, sizeof err));
    import_small(f);
    ContentPack *p = import_load_active(f->dir, err, sizeof err);
    assert_non_null(p);
    assert_string_equal(content_version(p), "2026-12-01.1");
    assert_int_equal(content_session_count(p), 2);
    assert_int_equal(content_service_count(p), 0);
    assert_int_equal(content_need_count(p), 4);
    assert_string_equal(content_text(p, "pl", "money", "name", "-"), "Mam trudności finansowe");
    /* the services' translations are in the directory, not in memory */
    assert_string_equal(content_text(p, "pl", "food-bank", "name", "-"), "-");
    /* a session that is also in the directory keeps its translations */
    assert_string_equal(content_text(p, "pl", "coffee-morning", "name", "-"), "Sesja");
    content_free(p);
}

static void test_version_order(void **state)
{
    (void)state;
    assert_true(import_version_cmp("2026-11-20.1", "2026-12-01.1") < 0);
    assert_true(import_version_cmp("1.10", "1.9") > 0);
    assert_true(import_version_cmp("2026-12-01.1", "2026-12-01.1") == 0);
    assert_true(import_version_cmp("2026-12-01", "2026-12-01.1") < 0);
    assert_true(import_version_cmp("007", "7") == 0);
}

/* The central service, faked: its content answer is the small pack. */
static k_err central(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    int *asked = ud;
    memset(resp, 0, sizeof *resp);
    if (strcmp(req->method, "GET") != 0) {
        resp->fail = HTTP_FAIL_NETWORK;
        return K_OK;
    }
    (*asked)++;
    FILE *fp = fopen(SMALL, "rb");
    assert_non_null(fp);
    static char body[200000];
    size_t n = fread(body, 1, sizeof body - 1, fp);
    fclose(fp);
    resp->status = 200;
    resp->body = malloc(n + 1);
    memcpy(resp->body, body, n + 1);
    resp->len = n;
    snprintf(resp->etag, sizeof resp->etag, "\"v1\"");
    return K_OK;
}

static void test_uploader_pack_imported(void **state)
{
    Fx *f = *state;
    char path[128], pack[128];
    snprintf(path, sizeof path, "%s/kiosk.db", f->dir);
    snprintf(pack, sizeof pack, "%s/content-central.json", f->dir);
    k_err e;
    Store *s = store_open(path, &e);
    assert_non_null(s);
    int asked = 0;
    UploadOptions o = { "dev-1", "central-sutton", pack, 900, 1 };
    Uploader *u = uploader_new(s, central, &asked, &o, &e);
    assert_non_null(u);
    (void)uploader_run_once(u);
    assert_int_equal(asked, 1);
    UploadStatus st;
    uploader_status(u, &st);
    assert_string_equal(st.content_version, "2026-12-01.1");
    assert_string_equal(st.content_problem, "");
    uploader_free(u);
    store_close(s);
    assert_string_equal(version_of(f), "2026-12-01.1");
    Directory *d = open_dir(f);
    char source[32];
    assert_int_equal(directory_meta(d, "source", source, sizeof source), K_OK);
    assert_string_equal(source, "central");
    assert_int_equal(directory_service_count(d), 7);
    directory_close(d);
}

/* Runs `kiosk --import pack` on data dir data; returns its peak resident
 * memory in KiB (its exit status must be 0). */
static long import_peak_kib(const char *pack, const char *data)
{
    const char *build = getenv("KIOSK_BUILD");
    char kiosk[300];
    snprintf(kiosk, sizeof kiosk, "%s/kiosk", build ? build : "build");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(kiosk, kiosk, "--import", pack, "--data-dir", data, (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    return ru.ru_maxrss;
}

static void test_import_memory(void **state)
{
    Fx *f = *state;
#if defined(__SANITIZE_ADDRESS__)
    skip();   /* the sanitizer's shadow and quarantine are not the program's memory */
#endif
    char pack[128], small_data[128], big_data[128];
    snprintf(pack, sizeof pack, "%s/big.json", f->dir);
    snprintf(small_data, sizeof small_data, "%s/small", f->dir);
    snprintf(big_data, sizeof big_data, "%s/big", f->dir);
    /* written by a child: the peak memory reported for a program started
     * from this one counts from this one's resident size at the fork,
     * which building the pack's tree here would raise (25 MiB, not 14) */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(fx_write_pack(pack, 2000, "2026-12-01.1") == 0 ? 0 : 1);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(stat(pack, &st), 0);
    long pack_kib = (long)(st.st_size / 1024);
    /* what any import costs (the program, its libraries) */
    long base = import_peak_kib(SMALL, small_data);
    long big = import_peak_kib(pack, big_data);
    fprintf(stderr, "import: pack %ld KiB, peak %ld KiB (%ld KiB for the small pack): "
            "%.1f times the pack\n", pack_kib, big, base, (double)(big - base) / pack_kib);
    /* was 6.7 times: the whole file beside its tree, and every service's
     * tree and translations held to the end; the directory writer's page
     * cache (32 MiB) is about half of what is left */
    assert_true(big - base < 5 * pack_kib);
}

int main(void)
{
    (void)mem_wipe_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_small_pack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_public_examples, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused_pack_keeps_old, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_half_way, setup, teardown),
        cmocka_unit_test_setup_teardown(test_at_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_active_pack, setup, teardown),
        cmocka_unit_test(test_version_order),
        cmocka_unit_test_setup_teardown(test_uploader_pack_imported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
