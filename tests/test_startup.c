/* test_startup.c — settings, and what start-up does with bad files: one
 * clear line naming the file and the problem, or the last good content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "harness.h"
#include "kiosk/config.h"
#include "kiosk/staff.h"
#include "kiosk/store.h"
#include <errno.h>
#include <time.h>
#include <unistd.h>

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_config_file(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char path[700], err[512];
    snprintf(path, sizeof path, "%s/k.ini", h.dir);
    write_text(path, "# comment\n[hub]\ndefault_language = pl\n[screen]\nsize = 1280x800\n"
                     "fullscreen = yes\ndiagonal_in = 10.1\n[timeouts]\nidle_s = 90\n");
    Config c;
    config_defaults(&c);
    assert_int_equal(config_load(&c, path, err, sizeof err), K_OK);
    assert_string_equal(c.default_language, "pl");
    assert_int_equal(c.width, 1280);
    assert_int_equal(c.height, 800);
    assert_true(c.fullscreen);
    assert_true(c.diagonal_in > 10.0 && c.diagonal_in < 10.2);
    assert_int_equal(c.idle_s, 90);
    assert_int_equal(c.idle_prompt_s, 10);

    write_text(path, "[hub]\ncolour = blue\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);
    assert_non_null(strstr(err, "k.ini:2:"));
    assert_non_null(strstr(err, "colour"));
    write_text(path, "[timeouts]\n\nidle_s = 5\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);
    assert_non_null(strstr(err, "k.ini:3:"));
    assert_non_null(strstr(err, "15 to 3600"));
    write_text(path, "[nowhere]\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);
    write_text(path, "[screen]\nsize 800x480\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);
    assert_non_null(strstr(err, "key = value"));
    write_text(path, "[screen]\nfullscreen = maybe\n");
    assert_int_equal(config_load(&c, path, err, sizeof err), K_ERR_INVALID);

    config_defaults(&c);
    assert_int_equal(config_set(&c, "timeouts.idle_prompt_s", "60", err, sizeof err), K_OK);
    assert_int_equal(config_check(&c, err, sizeof err), K_ERR_INVALID);
    assert_int_equal(config_set(&c, "screen.size", "10x10", err, sizeof err), K_ERR_INVALID);
    assert_int_equal(config_set(&c, "nope", "1", err, sizeof err), K_ERR_INVALID);
    harness_close(&h);
}

/* Runs the kiosk binary with extra arguments; returns its exit status and
 * the last line it wrote to stderr. */
static int run_kiosk(Harness *h, const char *args, char *last, size_t cap)
{
    char cmd[3000], errpath[700];
    snprintf(errpath, sizeof errpath, "%s/stderr", h->dir);
    snprintf(cmd, sizeof cmd, "%s/kiosk --check --data-dir %s/data %s 2>%s >/dev/null",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", h->dir, args, errpath);
    int rc = system(cmd);
    FILE *f = fopen(errpath, "r");
    last[0] = '\0';
    char line[1024];
    while (f && fgets(line, sizeof line, f))
        snprintf(last, cap, "%s", line);
    if (f)
        fclose(f);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_bad_files_stop_startup_with_one_line(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char last[1024], args[1200];
    assert_int_equal(run_kiosk(&h, "", last, sizeof last), 0);

    assert_int_equal(run_kiosk(&h, "--config /no/such/kiosk.ini", last, sizeof last), 2);
    assert_non_null(strstr(last, "/no/such/kiosk.ini: cannot read"));

    snprintf(args, sizeof args, "--set paths.font_dir=%s", h.dir);
    assert_int_equal(run_kiosk(&h, args, last, sizeof last), 1);
    assert_non_null(strstr(last, "NotoSans-Regular.ttf"));
    assert_non_null(strstr(last, "fonts.conf"));

    /* a translation file with a broken line */
    char cmd[1500];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/loc && cp locales/*.po %s/loc/ && "
             "printf 'msgid \"x\"\\nmsgstr \"unterminated\\n' >> %s/loc/pl.po", h.dir, h.dir,
             h.dir);
    assert_int_equal(system(cmd), 0);
    snprintf(args, sizeof args, "--set paths.locales_dir=%s/loc", h.dir);
    assert_int_equal(run_kiosk(&h, args, last, sizeof last), 1);
    assert_non_null(strstr(last, "pl.po:"));

    assert_int_equal(run_kiosk(&h, "--set timeouts.idle_s=9", last, sizeof last), 2);
    assert_non_null(strstr(last, "idle_s"));
    harness_close(&h);
}

static void test_bad_content_pack_keeps_last_good(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char last[1024], args[1200], bad[700];
    snprintf(bad, sizeof bad, "%s/bad.json", h.dir);
    write_text(bad, "{\"format\": \"family-hub-content/1\", \"version\": 7}");
    /* no good copy yet: start-up stops, naming the pack */
    snprintf(args, sizeof args, "--content %s", bad);
    assert_int_equal(run_kiosk(&h, args, last, sizeof last), 1);
    assert_non_null(strstr(last, "bad.json"));
    /* after one good start, the refused pack falls back to the good copy;
     * --check still says it was refused, why, and fails */
    assert_int_equal(run_kiosk(&h, "", last, sizeof last), 0);
    assert_int_equal(run_kiosk(&h, args, last, sizeof last), 1);
    assert_non_null(strstr(last, "refused"));
    assert_non_null(strstr(last, "last good copy"));
    assert_non_null(strstr(last, "bad.json"));
    assert_null(strstr(last, "in order"));
    snprintf(h.cfg.content_pack, sizeof h.cfg.content_pack, "%.500s", bad);
    /* staff see why */
    assert_int_equal(harness_set_pin(&h, "1234"), 0);
    assert_int_equal(harness_run(&h, "expect home.hub Central Sutton Family Hub\n"
                                     "press home.hub 3000\ntap staff.pin.1\ntap staff.pin.2\n"
                                     "tap staff.pin.3\ntap staff.pin.4\ntap staff.pin.enter\n"
                                     "dump staff\n"), 0);
    json_t *d = harness_dump(&h, "staff");
    assert_non_null(strstr(dump_text(d, "staff.device"), "refused"));
    assert_non_null(strstr(dump_text(d, "staff.device"), "bad.json"));
    json_decref(d);
    harness_close(&h);
}

/* With no desktop session and no display device, SDL falls back to a
 * driver that shows nothing: the kiosk must say so, say how to run it, and
 * exit non-zero at once rather than sit there. */
static void test_no_screen_is_told_plainly(void **state)
{
    (void)state;
    if (access("/dev/dri", F_OK) == 0)
        skip();                  /* this machine has a display device */
    Harness h;
    harness_open(&h);
    char cmd[1500], errpath[700];
    snprintf(errpath, sizeof errpath, "%s/stderr", h.dir);
    snprintf(cmd, sizeof cmd,
             "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 %s/kiosk --demo "
             "--data-dir %s/data --exit-after 10 >/dev/null 2>%s",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build", h.dir, errpath);
    uint64_t t0 = (uint64_t)time(NULL);
    int rc = system(cmd);
    uint64_t took = (uint64_t)time(NULL) - t0;
    assert_true(WIFEXITED(rc));
    assert_int_equal(WEXITSTATUS(rc), 1);    /* not 0 (ran), not 124 (timed out) */
    assert_true(took < 5);                   /* --exit-after 10 was not waited out */
    FILE *f = fopen(errpath, "r");
    assert_non_null(f);
    char all[4096] = "", line[1024];
    while (fgets(line, sizeof line, f))
        strncat(all, line, sizeof all - strlen(all) - 1);
    fclose(f);
    assert_non_null(strstr(all, "no screen was found"));
    assert_non_null(strstr(all, "DISPLAY is not set"));
    assert_non_null(strstr(all, "desktop session"));
    assert_non_null(strstr(all, "kmsdrm"));
    assert_non_null(strstr(all, "--headless"));
    harness_close(&h);
}

/* An eighth language is one more translation file: no code changes. */
static void test_eighth_language_is_one_file(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char cmd[1500], path[700];
    snprintf(cmd, sizeof cmd, "mkdir -p %s/loc && cp locales/*.po %s/loc/", h.dir, h.dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/loc/so.po", h.dir);
    write_text(path,
               "msgid \"\"\nmsgstr \"\"\n\"Language: so\\n\"\n"
               "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
               "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
               "\"X-Kiosk-Native-Name: Soomaali\\n\"\n\"X-Kiosk-English-Name: Somali\\n\"\n"
               "\"X-Kiosk-Keyboard: en\\n\"\n\n"
               "msgid \"Check in\"\nmsgstr \"Is diiwaangeli\"\n");
    snprintf(h.cfg.locales_dir, sizeof h.cfg.locales_dir, "%.400s/loc", h.dir);
    assert_int_equal(harness_run(&h, "tap nav.lang\ndump langs\ntap lang.so\ndump home\n"), 0);
    json_t *d = harness_dump(&h, "langs");
    assert_string_equal(dump_text(d, "lang.so"), "Soomaali");
    json_decref(d);
    d = harness_dump(&h, "home");
    assert_string_equal(json_string_value(json_object_get(d, "language")), "so");
    assert_string_equal(dump_text(d, "home.checkin"), "Is diiwaangeli");
    assert_string_equal(dump_text(d, "home.support"), "Find support"); /* not yet translated */
    json_decref(d);
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_file),
        cmocka_unit_test(test_bad_files_stop_startup_with_one_line),
        cmocka_unit_test(test_bad_content_pack_keeps_last_good),
        cmocka_unit_test(test_eighth_language_is_one_file),
        cmocka_unit_test(test_no_screen_is_told_plainly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
