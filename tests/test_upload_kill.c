/* test_upload_kill.c — build/kiosk --send-now as technicians run it: one
 * line per batch, a summary, exit 0 when nothing is left waiting and 1
 * with the reason otherwise; and killed with SIGKILL at random moments
 * while another process makes records (and is killed too): afterwards
 * PRAGMA integrity_check is ok and every record confirmed arrives at the
 * server exactly once, intact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <time.h>

#include "upload_fixture.h"

typedef struct {
    char dir[64], data[96], db[128], ini[96], token[96], key[96], ids[96], sdir[96];
    char kiosk[128];
    Standin srv;
    unsigned char pk[32], sk[32];
} Ctx;

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

static int setup(void **state)
{
    Ctx *c = calloc(1, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "/tmp/kiosk-kill-XXXXXX");
    if (!c || !mkdtemp(c->dir) || sodium_init() < 0)
        return -1;
    snprintf(c->data, sizeof c->data, "%s/data", c->dir);
    snprintf(c->db, sizeof c->db, "%s/kiosk.db", c->data);
    snprintf(c->ini, sizeof c->ini, "%s/kiosk.ini", c->dir);
    snprintf(c->token, sizeof c->token, "%s/token", c->dir);
    snprintf(c->key, sizeof c->key, "%s/record.key", c->dir);
    snprintf(c->ids, sizeof c->ids, "%s/ids.txt", c->dir);
    snprintf(c->sdir, sizeof c->sdir, "%s/central", c->dir);
    const char *b = getenv("KIOSK_BUILD");
    snprintf(c->kiosk, sizeof c->kiosk, "%s/kiosk", b ? b : "build");
    setenv("TZ", "Europe/London", 1);
    mkdir(c->data, 0700);
    if (standin_start(&c->srv, c->sdir, true) != 0)
        return -1;
    crypto_box_keypair(c->pk, c->sk);
    char b64[64], ini[1200];
    sodium_bin2base64(b64, sizeof b64, c->pk, 32, sodium_base64_VARIANT_ORIGINAL);
    strcat(b64, "\n");
    *state = c;
    write_file(c->key, b64, 0644);
    write_file(c->token, UP_TOKEN "\n", 0600);
    snprintf(ini, sizeof ini,
             "[hub]\ndevice_id = kill-test\nhub_id = central-sutton\n"
             "[paths]\ndata_dir = %s\n"
             "[central]\nurl = %s\ntoken_file = %s\nca_file = %s\nrecord_key_file = %s\n",
             c->data, c->srv.url, c->token, c->srv.ca, c->key);
    write_file(c->ini, ini, 0600);
    return 0;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    standin_stop(&c->srv);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", c->dir);
    free(c);
    return 0;
}

/* Runs --send-now to its end; its standard output into out. */
static int send_now(Ctx *c, char *out, size_t cap)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "'%s' --send-now --config '%s' 2>/dev/null", c->kiosk, c->ini);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Adds records numbered from first, noting "id n" once each is confirmed. */
static void make_records(Ctx *c, int first, int count)
{
    k_err e;
    Store *s = store_open(c->db, &e);
    assert_non_null(s);
    store_set_record_key(s, c->pk);
    int fd = open(c->ids, O_WRONLY | O_CREAT | O_APPEND, 0600);
    for (int i = first; i < first + count; i++) {
        Record r = up_record(i);
        char id[37], line[64];
        if (store_add_record(s, &r, time(NULL), id) != K_OK)
            _exit(3);
        int n = snprintf(line, sizeof line, "%s %d\n", id, i);
        if (write(fd, line, (size_t)n) != n)
            _exit(4);
    }
    close(fd);
    store_close(s);
}

static size_t read_ids(Ctx *c, Made *made, size_t cap)
{
    FILE *f = fopen(c->ids, "r");
    size_t n = 0;
    char line[80];
    while (f && n < cap && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%36s %d", made[n].id, &made[n].n) == 2 && strlen(made[n].id) == 36)
            n++;
    }
    if (f)
        fclose(f);
    return n;
}

static void test_send_now_lines_and_exit(void **state)
{
    Ctx *c = *state;
    char out[8192];
    /* nothing waiting */
    assert_int_equal(send_now(c, out, sizeof out), 0);
    assert_non_null(strstr(out, "nothing left waiting"));
    make_records(c, 0, 230);
    assert_int_equal(send_now(c, out, sizeof out), 0);
    assert_non_null(strstr(out, "batch of 100: 100 stored, 0 duplicate, 0 rejected"));
    assert_non_null(strstr(out, "batch of 30: 30 stored"));
    assert_non_null(strstr(out, "send-now: done: 230 sent, nothing left waiting"));
    Made made[300];
    size_t n = read_ids(c, made, 300);
    assert_int_equal(n, 230);
    assert_int_equal(standin_verify(&c->srv, made, n, c->pk, c->sk, "kill-test"), 0);
    /* refused: exit 1 with the reason */
    standin_control(&c->srv, "{\"token\": \"revoked\"}");
    make_records(c, 230, 5);
    assert_int_equal(send_now(c, out, sizeof out), 1);
    assert_non_null(strstr(out, "5 still waiting: device not authorised"));
    /* the server failing: exit 1 after a few tries */
    standin_control(&c->srv, "{\"faults\": [\"500\", \"500\", \"500\", \"500\"]}");
    assert_int_equal(send_now(c, out, sizeof out), 1);
    assert_non_null(strstr(out, "answer 500"));
    /* a token file others may read: refused before anything is sent */
    standin_control(&c->srv, "{}");
    chmod(c->token, 0640);
    long before = standin_stat(&c->srv, "record_requests");
    assert_int_equal(send_now(c, out, sizeof out), 2);
    assert_non_null(strstr(out, "chmod 600"));
    assert_int_equal(standin_stat(&c->srv, "record_requests"), before);
    /* --check reads the token file too, and sends nothing */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "'%s' --check --config '%s' >/dev/null 2>&1", c->kiosk, c->ini);
    assert_int_not_equal(system(cmd), 0);
    chmod(c->token, 0600);
    make_records(c, 235, 3);
    before = standin_stat(&c->srv, "requests");
    assert_int_equal(system(cmd), 0);
    assert_int_equal(standin_stat(&c->srv, "requests"), before);
    assert_int_equal(send_now(c, out, sizeof out), 0);
}

static pid_t spawn_send_now(Ctx *c)
{
    pid_t p = fork();
    if (p == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(c->kiosk, c->kiosk, "--send-now", "--config", c->ini, (char *)NULL);
        _exit(127);
    }
    return p;
}

static pid_t spawn_maker(Ctx *c, int first)
{
    pid_t p = fork();
    if (p == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        make_records(c, first, 100000);
        _exit(0);
    }
    return p;
}

static k_err send_http(void *ud, const HttpRequest *req, HttpResponse *resp)
{
    return http_do(ud, req, resp);
}

static void test_sigkill_at_random_moments(void **state)
{
    Ctx *c = *state;
    const char *seed = getenv("UPLOAD_SEED");
    unsigned s = seed ? (unsigned)atoi(seed) : 20261201u;
    srand(s);
    standin_control(&c->srv, "{\"random\": {\"seed\": 3, \"rate\": 0.2}}");
    int kills = 0, next_first = 0;
    pid_t maker = spawn_maker(c, next_first);
    time_t end = time(NULL) + 60;
    for (int round = 0; round < 100 && time(NULL) < end; round++) {
        pid_t sender = spawn_send_now(c);
        struct timespec ts = { 0, (long)(rand() % 250) * 1000000L };
        nanosleep(&ts, NULL);
        kill(sender, SIGKILL);
        waitpid(sender, NULL, 0);
        kills++;
        if (rand() % 4 == 0) {           /* the maker dies too, mid-record */
            kill(maker, SIGKILL);
            waitpid(maker, NULL, 0);
            next_first += 100000;
            maker = spawn_maker(c, next_first);
        }
    }
    kill(maker, SIGKILL);
    waitpid(maker, NULL, 0);
    fprintf(stderr, "killed --send-now %d times\n", kills);
    assert_true(kills >= 50);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(c->db, &db), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    sqlite3_close(db);
    /* the leases the killed senders held end; then everything goes */
    standin_control(&c->srv, "{}");
    k_err e;
    Store *st = store_open(c->db, &e);
    assert_non_null(st);
    HttpOptions ho = { c->srv.url, UP_TOKEN, c->srv.ca, NULL, "kill-test", 0 };
    HttpClient *http = http_new(&ho, &e);
    UploadOptions uo = { "kill-test", "central-sutton", "", 0, 5 };
    clock_use_stepped(time(NULL) + UPLOAD_LEASE_S + 1);
    Uploader *u = uploader_new(st, send_http, http, &uo, &e);
    assert_non_null(u);
    for (int i = 0; i < 2000 && up_pending(st) > 0; i++)
        clock_advance((uint32_t)uploader_run_once(u));
    assert_int_equal(up_pending(st), 0);
    uploader_free(u);
    http_free(http);
    store_close(st);
    clock_use_real();
    static Made made[60000];
    size_t n = read_ids(c, made, sizeof made / sizeof made[0]);
    fprintf(stderr, "%zu records confirmed, %ld at the server\n", n, standin_stored(&c->srv));
    assert_true(n > 100);
    assert_int_equal(standin_verify(&c->srv, made, n, c->pk, c->sk, "kill-test"), 0);
    char out[4096];
    assert_int_equal(send_now(c, out, sizeof out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_send_now_lines_and_exit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sigkill_at_random_moments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
