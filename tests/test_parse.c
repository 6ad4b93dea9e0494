/* test_parse.c — the strict number parser, and every place a number is
 * read from a setting or a command-line option refusing what is not one:
 * inf, nan, 1e999, hex, blanks, "12abc", overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <limits.h>

#include "harness.h"
#include "kiosk/config.h"
#include "kiosk/parse.h"

/* Text a number parser must refuse whatever the range. */
static const char *const not_numbers[] = {
    "", " ", "inf", "-inf", "INF", "infinity", "nan", "NaN", "-nan", "nan(1)", "0x10",
    "0X1A", "0x1p3", "12abc", "1 2", " 12", "12 ", "12\n", "\t5", "+", "-", ".", "e5",
    "1e", "1e+", "--1", "+-1", "1,5", "١٢", "12\xC2\xA0",
};

static void test_long_strict(void **state)
{
    (void)state;
    long v = 77;
    assert_int_equal(parse_long("0", 0, 10, &v), K_OK);
    assert_int_equal(v, 0);
    assert_int_equal(parse_long("-42", -100, 100, &v), K_OK);
    assert_int_equal(v, -42);
    assert_int_equal(parse_long("+7", 0, 10, &v), K_OK);
    assert_int_equal(v, 7);
    assert_int_equal(parse_long("007", 0, 10, &v), K_OK);
    assert_int_equal(v, 7);
    assert_int_equal(parse_long("9223372036854775807", 0, LONG_MAX, &v), K_OK);
    assert_true(v == LONG_MAX);
    for (size_t k = 0; k < sizeof not_numbers / sizeof *not_numbers; k++) {
        v = 77;
        assert_int_equal(parse_long(not_numbers[k], LONG_MIN, LONG_MAX, &v), K_ERR_INVALID);
        assert_int_equal(v, 77);
    }
    v = 77;
    assert_int_equal(parse_long("1.5", 0, 10, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("5.", 0, 10, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("1e3", 0, 10000, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("9223372036854775808", LONG_MIN, LONG_MAX, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("-99999999999999999999", LONG_MIN, LONG_MAX, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("11", 0, 10, &v), K_ERR_INVALID);
    assert_int_equal(parse_long("-1", 0, 10, &v), K_ERR_INVALID);
    assert_int_equal(parse_long(NULL, 0, 10, &v), K_ERR_INVALID);
    assert_int_equal(v, 77);

    int i = 5;
    assert_int_equal(parse_int("2147483647", INT_MIN, INT_MAX, &i), K_OK);
    assert_int_equal(i, INT_MAX);
    assert_int_equal(parse_int("2147483648", INT_MIN, INT_MAX, &i), K_ERR_INVALID);
    assert_int_equal(i, INT_MAX);
}

static void test_double_strict(void **state)
{
    (void)state;
    double v = 77;
    assert_int_equal(parse_double("7", 3, 100, &v), K_OK);
    assert_true(v == 7.0);
    assert_int_equal(parse_double("10.1", 3, 100, &v), K_OK);
    assert_true(v > 10.09 && v < 10.11);
    assert_int_equal(parse_double(".5", 0, 1, &v), K_OK);
    assert_true(v == 0.5);
    assert_int_equal(parse_double("-2.5e1", -100, 0, &v), K_OK);
    assert_true(v == -25.0);
    assert_int_equal(parse_double("7E0", 3, 100, &v), K_OK);
    assert_true(v == 7.0);
    assert_int_equal(parse_double("3", 3, 100, &v), K_OK); /* the ends are in range */
    assert_int_equal(parse_double("100", 3, 100, &v), K_OK);
    for (size_t k = 0; k < sizeof not_numbers / sizeof *not_numbers; k++) {
        v = 77;
        assert_int_equal(parse_double(not_numbers[k], -DBL_MAX, DBL_MAX, &v), K_ERR_INVALID);
        assert_true(v == 77);
    }
    assert_int_equal(parse_double("1e999", -DBL_MAX, DBL_MAX, &v), K_ERR_INVALID);
    assert_int_equal(parse_double("-1e999", -DBL_MAX, DBL_MAX, &v), K_ERR_INVALID);
    assert_int_equal(parse_double("1e-999", -DBL_MAX, DBL_MAX, &v), K_ERR_INVALID);
    assert_int_equal(parse_double("100.0001", 3, 100, &v), K_ERR_INVALID);
    assert_int_equal(parse_double("2.9999", 3, 100, &v), K_ERR_INVALID);
    assert_int_equal(parse_double(NULL, 3, 100, &v), K_ERR_INVALID);
    assert_true(v == 77);
}

/* Every number a setting holds, from the file and from --set. */
static void test_settings_refuse_non_numbers(void **state)
{
    (void)state;
    static const char *const bad[] = { "nan", "inf", "-inf", "1e999", "0x10", "", "12abc",
                                       "99999999999999999999", "7 inches" };
    static const char *const keys[] = { "screen.diagonal_in", "timeouts.idle_s",
                                        "timeouts.idle_prompt_s", "timeouts.staff_idle_s",
                                        "timeouts.thanks_s" };
    char err[512];
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
            Config c;
            config_defaults(&c);
            Config before = c;
            err[0] = '\0';
            assert_int_equal(config_set(&c, keys[k], bad[b], err, sizeof err), K_ERR_INVALID);
            assert_non_null(strstr(err, keys[k]));       /* names the setting */
            assert_memory_equal(&c, &before, sizeof c);   /* and changes nothing */
        }
    Config c;
    config_defaults(&c);
    assert_int_equal(config_set(&c, "screen.diagonal_in", "10.1", err, sizeof err), K_OK);
    assert_true(c.diagonal_in > 10.0 && c.diagonal_in < 10.2);
    assert_int_equal(config_set(&c, "timeouts.idle_s", "90", err, sizeof err), K_OK);
    assert_int_equal(c.idle_s, 90);

    static const char *const bad_sizes[] = { "nanx480", "800xnan", "0x10x480", " 800x480",
                                             "800x480 ", "800x 480", "800x+480x", "x480",
                                             "800x", "99999999999999999999x480", "800.5x480" };
    for (size_t b = 0; b < sizeof bad_sizes / sizeof *bad_sizes; b++) {
        int w = 1, h = 1;
        assert_false(config_parse_size(bad_sizes[b], &w, &h));
        assert_int_equal(w, 1);
        assert_int_equal(config_set(&c, "screen.size", bad_sizes[b], err, sizeof err),
                         K_ERR_INVALID);
        assert_non_null(strstr(err, "screen.size"));
    }
    int w, h;
    assert_true(config_parse_size("1280X800", &w, &h));
    assert_int_equal(w, 1280);
    assert_int_equal(h, 800);
}

static void test_config_file_names_the_line(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char path[700], err[512];
    snprintf(path, sizeof path, "%s/k.ini", h.dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[screen]\nsize = 800x480\ndiagonal_in = nan\n", f);
    fclose(f);
    Config c;
    config_defaults(&c);
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);
    assert_non_null(strstr(err, "k.ini:3:"));
    assert_non_null(strstr(err, "screen.diagonal_in"));
    assert_non_null(strstr(err, "\"nan\""));
    assert_true(c.diagonal_in == 7.0);
    harness_close(&h);
}

/* Runs build/kiosk with args; returns the exit status and the last line of
 * its standard error. */
static int kiosk_status(const char *args, char *last, size_t cap)
{
    char errpath[] = "/tmp/kiosk-parse-XXXXXX";
    int fd = mkstemp(errpath);
    assert_true(fd >= 0);
    close(fd);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "%s/kiosk %s 2>%s >/dev/null",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", args, errpath);
    int rc = system(cmd);
    FILE *f = fopen(errpath, "r");
    char line[1024];
    last[0] = '\0';
    while (f && fgets(line, sizeof line, f))
        snprintf(last, cap, "%s", line);
    if (f)
        fclose(f);
    remove(errpath);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_command_line_refuses_non_numbers(void **state)
{
    (void)state;
    char last[1024];
    static const char *const bad[] = { "nan", "inf", "1e999", "0x1p3", "12abc", "-1", "0" };
    for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
        char args[200];
        snprintf(args, sizeof args, "--exit-after %s --check", bad[b]);
        assert_int_equal(kiosk_status(args, last, sizeof last), 2);
        assert_non_null(strstr(last, "--exit-after"));
        snprintf(args, sizeof args, "--diagonal %s --check", bad[b]);
        assert_int_equal(kiosk_status(args, last, sizeof last), 2);
        assert_non_null(strstr(last, "screen.diagonal_in"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_strict),
        cmocka_unit_test(test_double_strict),
        cmocka_unit_test(test_settings_refuse_non_numbers),
        cmocka_unit_test(test_config_file_names_the_line),
        cmocka_unit_test(test_command_line_refuses_non_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
