/* test_attack_content.c — content packs as a hostile world sends them: a
 * NUL inside a name, bytes that are not UTF-8, a lone surrogate, arrays
 * nested a hundred thousand deep, a file larger than a pack may be, and
 * names made of emoji, flags and ZWJ sequences. Each refusal says in plain
 * words what is wrong (never jansson's own flag names) and the pack in use
 * before stays whole; the emoji names load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/content.h"
#include "kiosk/directory.h"
#include "kiosk/import.h"
#include "kiosk/log.h"

#define SMALL "tests/data/directory/small-pack.json"
#define SMALL_VERSION "2026-12-01.1"

#define PACK_HEAD "{\"format\": \"family-hub-content/1\", \"version\": \"9\", " \
    "\"hub\": {\"id\": \"h\", \"name\": \"H\"}, \"sessions\": [], \"services\": ["
#define PACK_TAIL "]}"

typedef struct {
    char dir[64];
    char db[96];
} Fx;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/kiosk-attack-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    import_db_path(f->dir, f->db, sizeof f->db);
    char err[600];
    if (import_file(SMALL, f->dir, NULL, err, sizeof err) != K_OK)
        return -1;
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

/* The imported version and service count: the pack in use. */
static void expect_in_use(const Fx *f, const char *version, size_t services)
{
    Directory *d = NULL;
    char err[300], v[128] = "";
    assert_int_equal(directory_open(f->db, &d, err, sizeof err), K_OK);
    assert_int_equal(directory_meta(d, "version", v, sizeof v), K_OK);
    assert_string_equal(v, version);
    assert_int_equal(directory_service_count(d), services);
    directory_close(d);
}

/* A pack of PACK_HEAD, body and PACK_TAIL is refused with words in err. */
static void expect_refused(const Fx *f, const char *body, size_t blen, const char *words)
{
    size_t hl = strlen(PACK_HEAD), tl = strlen(PACK_TAIL);
    char *json = malloc(hl + blen + tl + 1);
    assert_non_null(json);
    memcpy(json, PACK_HEAD, hl);
    memcpy(json + hl, body, blen);
    memcpy(json + hl + blen, PACK_TAIL, tl + 1);
    char err[600] = "";
    assert_int_equal(import_buffer(json, hl + blen + tl, "hostile.json", "hostile.json", f->dir,
                                   NULL, err, sizeof err),
                     K_ERR_INVALID);
    free(json);
    if (!strstr(err, words))
        fail_msg("expected \"%s\" in: %s", words, err);
    assert_non_null(strstr(err, "hostile.json"));
    assert_null(strstr(err, "JSON_"));           /* no library flag names for staff */
    expect_in_use(f, SMALL_VERSION, 7);
}

static void test_hostile_bytes_refused_in_plain_words(void **state)
{
    Fx *f = *state;
    static const char nul[] = "{\"id\": \"a\", \"name\": \"Nul\\u0000name\"}";
    expect_refused(f, nul, strlen(nul), "NUL character");
    static const char nul_key[] = "{\"id\": \"a\", \"na\\u0000me\": \"x\"}";
    expect_refused(f, nul_key, strlen(nul_key), "NUL character");
    static const char raw_nul[] = "{\"id\": \"a\", \"name\": \"ab\0cd\"}";
    expect_refused(f, raw_nul, sizeof raw_nul - 1, "invalid JSON");
    static const char bad_utf8[] = "{\"id\": \"a\", \"name\": \"Bad\xff\xfe\"}";
    expect_refused(f, bad_utf8, strlen(bad_utf8), "not valid UTF-8");
    static const char overlong[] = "{\"id\": \"a\", \"name\": \"\xc0\x80\"}";
    expect_refused(f, overlong, strlen(overlong), "not valid UTF-8");
    static const char surrogate[] = "{\"id\": \"a\", \"name\": \"\xed\xa0\x80\"}";
    expect_refused(f, surrogate, strlen(surrogate), "not valid UTF-8");
    static const char lone[] = "{\"id\": \"a\", \"name\": \"\\ud800x\"}";
    expect_refused(f, lone, strlen(lone), "invalid Unicode");
}

static void test_deep_nesting_refused(void **state)
{
    Fx *f = *state;
    enum { DEPTH = 100000 };
    static const char pre[] = "{\"id\": \"a\", \"name\": \"A\", \"x-deep\": ";
    size_t pl = strlen(pre), n = pl + 2 * DEPTH + 1;
    char *body = malloc(n + 1);
    assert_non_null(body);
    memcpy(body, pre, pl);
    memset(body + pl, '[', DEPTH);
    memset(body + pl + DEPTH, ']', DEPTH);
    body[n - 1] = '}';
    body[n] = '\0';
    expect_refused(f, body, n, "nested too deep");
    /* objects too */
    size_t m = pl + 5 * (size_t)DEPTH;
    char *more = realloc(body, m + DEPTH + 3);
    assert_non_null(more);
    body = more;
    for (size_t i = 0; i < DEPTH; i++)
        memcpy(body + pl + 5 * i, "{\"a\":", 5);
    body[m] = '1';
    memset(body + m + 1, '}', DEPTH);
    body[m + 1 + DEPTH] = '}';
    expect_refused(f, body, m + 2 + DEPTH, "nested too deep");
    free(body);
}

/* A file larger than a pack may be is refused before it is read: at once,
 * whatever it holds (a sparse file here), and the pack in use stays. */
static void test_oversize_file_refused(void **state)
{
    Fx *f = *state;
    char path[128], err[600] = "";
    snprintf(path, sizeof path, "%s/huge.json", f->dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs(PACK_HEAD, fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(truncate(path, (off_t)CONTENT_PACK_MAX_BYTES + 1), 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_not_equal(import_file(path, f->dir, NULL, err, sizeof err), K_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!strstr(err, "larger than a pack may be"))
        fail_msg("unexpected: %s", err);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_true(ms < 1000.0);
    expect_in_use(f, SMALL_VERSION, 7);
    /* the same file loaded as the configured pack */
    assert_null(content_load(path, err, sizeof err));
    assert_non_null(strstr(err, "larger than a pack may be"));
}

/* Emoji, flags and ZWJ sequences in names and descriptions are text like
 * any other: the pack loads with every service. */
static void test_emoji_names_load(void **state)
{
    Fx *f = *state;
    static const char body[] =
        "{\"id\": \"a\", \"name\": \"Family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
        "\x8D\xF0\x9F\x91\xA7 group \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\","
        " \"description\": \"\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88"
        " all welcome\"},"
        "{\"id\": \"b\", \"name\": "
        "\"\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x8D\xBC\"}";
    size_t hl = strlen(PACK_HEAD), bl = strlen(body), tl = strlen(PACK_TAIL);
    char json[1024];
    assert_true(hl + bl + tl < sizeof json);
    memcpy(json, PACK_HEAD, hl);
    memcpy(json + hl, body, bl);
    memcpy(json + hl + bl, PACK_TAIL, tl + 1);
    char err[600] = "";
    ImportSummary sum;
    assert_int_equal(import_buffer(json, strlen(json), "emoji.json", "emoji.json", f->dir, &sum,
                                   err, sizeof err),
                     K_OK);
    assert_int_equal(sum.services, 2);
    assert_int_equal(sum.left_out, 0);
    expect_in_use(f, "9", 2);
}

int main(void)
{
    log_set_level(LOG_ERROR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hostile_bytes_refused_in_plain_words, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oversize_file_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emoji_names_load, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
