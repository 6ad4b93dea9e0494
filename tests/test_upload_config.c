/* test_upload_config.c — the central.* settings: https only (http only to
 * loopback), a token file others may read refused, the pin's shape, the
 * defaults, and --help listing them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/config.h"

static void set(Config *c, const char *key, const char *value)
{
    char err[256];
    assert_int_equal(config_set(c, key, value, err, sizeof err), K_OK);
}

static k_err check(Config *c, char *err, size_t cap)
{
    return config_check(c, err, cap);
}

static void test_defaults_offline(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    assert_string_equal(c.central_url, "");
    assert_int_equal(c.content_interval_s, 900);
    assert_string_equal(c.hub_id, "");
    char err[256];
    assert_int_equal(check(&c, err, sizeof err), K_OK);
}

static void test_url_schemes(void **state)
{
    (void)state;
    static const char *const good[] = {
        "https://central.example.org", "https://central.example.org/api/", "http://127.0.0.1",
        "http://127.0.0.1:8080", "http://localhost:9/x", "http://localhost",
    };
    static const char *const bad[] = {
        "http://central.example.org", "http://127.0.0.1.evil.example", "http://localhost.evil",
        "ftp://127.0.0.1", "central.example.org", "HTTPS://x", "https://a b",
        "https://x/?q=1", "http://10.0.0.1",
    };
    char err[256];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        Config c;
        config_defaults(&c);
        set(&c, "central.url", good[i]);
        set(&c, "central.token_file", "/nonexistent");
        assert_int_equal(check(&c, err, sizeof err), K_OK);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Config c;
        config_defaults(&c);
        set(&c, "central.url", bad[i]);
        set(&c, "central.token_file", "/nonexistent");
        assert_int_equal(check(&c, err, sizeof err), K_ERR_INVALID);
        assert_non_null(strstr(err, "central.url"));
    }
    assert_true(config_url_is_loopback_http("http://127.0.0.1:1/"));
    assert_false(config_url_is_loopback_http("https://127.0.0.1:1/"));
}

static void test_url_needs_token_and_pin_shape(void **state)
{
    (void)state;
    Config c;
    config_defaults(&c);
    char err[256];
    set(&c, "central.url", "https://central.example.org");
    assert_int_equal(check(&c, err, sizeof err), K_ERR_INVALID);
    assert_non_null(strstr(err, "token_file"));
    set(&c, "central.token_file", "/t");
    set(&c, "central.pin_sha256", "sha256//yaZwfbAQhi6Me8axTkB+NxljvjQWZby4mBRSamv2qG0=");
    assert_int_equal(check(&c, err, sizeof err), K_OK);
    set(&c, "central.pin_sha256", "sha256//yaZwfbAQhi6Me8axTkB+NxljvjQWZby4mBRSamv2qG0=;"
        "sha256//AAAAfbAQhi6Me8axTkB+NxljvjQWZby4mBRSamv2qG0=");
    assert_int_equal(check(&c, err, sizeof err), K_OK);
    set(&c, "central.pin_sha256", "yaZwfbAQhi6Me8axTkB+NxljvjQWZby4mBRSamv2qG0=");
    assert_int_equal(check(&c, err, sizeof err), K_ERR_INVALID);
    set(&c, "central.pin_sha256", "sha256//short");
    assert_int_equal(check(&c, err, sizeof err), K_ERR_INVALID);
    assert_int_equal(config_set(&c, "central.content_interval_s", "5", err, sizeof err),
                     K_ERR_INVALID);
    assert_int_equal(config_set(&c, "central.content_interval_s", "60", err, sizeof err), K_OK);
    assert_int_equal(c.content_interval_s, 60);
}

static void write_token(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

static void test_token_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/kiosk-token-XXXXXX", path[64], tok[128], err[300];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/token", dir);
    write_token(path, "s3cret-token\n", 0600);
    assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err), K_OK);
    assert_string_equal(tok, "s3cret-token");
    write_token(path, "s3cret-token\n", 0400);
    assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err), K_OK);
    static const mode_t loose[] = { 0640, 0604, 0644, 0660, 0602 };
    for (size_t i = 0; i < sizeof loose / sizeof *loose; i++) {
        write_token(path, "s3cret-token\n", loose[i]);
        assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err),
                         K_ERR_DENIED);
        assert_string_equal(tok, "");
        assert_non_null(strstr(err, "chmod 600"));
        assert_null(strstr(err, "s3cret"));
    }
    write_token(path, "\n", 0600);
    assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err), K_ERR_INVALID);
    write_token(path, "two words\n", 0600);
    assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err), K_ERR_INVALID);
    unlink(path);
    assert_int_equal(config_read_token(path, tok, sizeof tok, err, sizeof err), K_ERR_IO);
    rmdir(dir);
}

static void test_help_lists_central_keys(void **state)
{
    (void)state;
    const char *b = getenv("KIOSK_BUILD");
    char cmd[200];
    snprintf(cmd, sizeof cmd, "%s/kiosk --help", b ? b : "build");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char buf[16384];
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    pclose(p);
    static const char *const keys[] = { "url", "token_file", "ca_file", "pin_sha256",
                                        "content_interval_s", "record_key_file", "hub_id",
                                        "central", "--send-now" };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_non_null(strstr(buf, keys[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_offline),
        cmocka_unit_test(test_url_schemes),
        cmocka_unit_test(test_url_needs_token_and_pin_shape),
        cmocka_unit_test(test_token_file),
        cmocka_unit_test(test_help_lists_central_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
