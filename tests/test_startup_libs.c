/* test_startup_libs.c — what start-up loads and writes: libcurl (and the
 * thirty libraries it pulls in) is not linked into the kiosk and is not
 * loaded by a kiosk with no central.url; it is loaded by the first
 * request; and when it cannot be loaded, a kiosk with a central.url still
 * runs, every request ends with a clear failure and the records wait in
 * the outbox. The content pack's last good copy is written only when it
 * is new or changed.
 *
 * Neither are the phone number plugin (libphonenumber, protobuf, eight
 * abseil libraries) nor libxml2 linked or loaded by a normal start: the
 * first number checked opens the plugin, the first HTML read (an import,
 * a service's page) opens libxml2, and without libxml2 only text with
 * markup fails. libstdc++ is still mapped at start, as it was before the
 * plugin: ICU (the first frame breaks lines) and SDL_image's TIFF reader
 * need it. Nor is SDL_image (and the TIFF, JPEG and WebP libraries it
 * brings), used only by headless snap: a snap opens it. The tests that use
 * none of them run first: this program is linked as the kiosk is, and what
 * it loads stays loaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <fcntl.h>
#include <time.h>

#include "harness.h"
#include "upload_fixture.h"
#include "kiosk/app.h"
#include "kiosk/html_text.h"
#include "kiosk/phone.h"
#include "kiosk/upload_thread.h"
#include "../kiosk/app_private.h"

/* True when a mapping of this process is a file whose name holds what. */
static bool mapped(const char *what)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[1024];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        const char *name = strchr(line, '/');
        found = name && strstr(name, what);
    }
    fclose(f);
    return found;
}

/* The kiosk binary's libraries as the dynamic loader resolves them (what
 * ldd prints) hold none of libcurl. */
static void test_kiosk_not_linked_with_libcurl(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "LD_TRACE_LOADED_OBJECTS=1 %s/kiosk",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    bool sdl = false, curl = false, espeak = false;
    while (fgets(line, sizeof line, p)) {
        sdl = sdl || strstr(line, "libSDL2") != NULL;
        curl = curl || strstr(line, "libcurl") != NULL;
        espeak = espeak || strstr(line, "libespeak") != NULL;
    }
    assert_int_equal(pclose(p), 0);
    assert_true(sdl);            /* the list was read */
    assert_false(curl);
    assert_false(espeak);        /* opened on the first listen */
}

/* The libraries a normal start must not bring, as the loader names them;
 * the last two only in the kiosk binary (the test programs link SDL_image
 * to read golden PNGs; the kiosk opens it on the first headless snap). */
static const char *const later[] = { "libphonenumber", "libprotobuf", "libabsl_", "libxml2",
                                     "libkiosk-phone", "libSDL2_image", "libtiff" };
#define LATER_IN_TESTS 5

/* Neither ldd's list of the kiosk's libraries nor this program's mappings
 * (linked as the kiosk is) hold the phone plugin's libraries or libxml2. */
static void test_not_linked_with_phone_or_libxml2(void **state)
{
    (void)state;
    char cmd[400], line[512];
    snprintf(cmd, sizeof cmd, "LD_TRACE_LOADED_OBJECTS=1 %s/kiosk",
             getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int sdl = 0, found = 0;
    while (fgets(line, sizeof line, p)) {
        sdl += strstr(line, "libSDL2") != NULL;
        for (size_t i = 0; i < sizeof later / sizeof *later; i++)
            if (strstr(line, later[i])) {
                printf("  linked: %s", line);
                found++;
            }
    }
    assert_int_equal(pclose(p), 0);
    assert_true(sdl > 0);   /* the list was read */
    assert_int_equal(found, 0);
    for (size_t i = 0; i < LATER_IN_TESTS; i++)
        assert_false(mapped(later[i]));
}

/* The kiosk binary's second start on a data directory (the first imported
 * the demo pack, which has HTML in it) draws home and exits without the
 * dynamic loader opening any of them (LD_DEBUG=files names every file it
 * opens, linked or dlopen'ed); a run with a snap opens SDL_image. */
static void test_normal_start_opens_neither(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char script[400], cmd[1400], line[1024];
    snprintf(script, sizeof script, "%s/first.txt", h.dir);
    FILE *f = fopen(script, "w");
    assert_non_null(f);
    fputs("present\n", f);
    fclose(f);
    char snap[400];
    snprintf(snap, sizeof snap, "%s/snap.txt", h.dir);
    f = fopen(snap, "w");
    assert_non_null(f);
    fputs("present\nsnap home\n", f);
    fclose(f);
    const char *build = getenv("KIOSK_BUILD") ? getenv("KIOSK_BUILD") : "build";
    for (int run = 0; run < 2; run++) {
        snprintf(cmd, sizeof cmd, "%s%s/kiosk --headless --script %s --out %s --data-dir %s "
                 "2>&1 >/dev/null", run ? "LD_DEBUG=files " : "", build, script, h.out,
                 h.cfg.data_dir);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        int opened = 0, sdl = 0;
        while (fgets(line, sizeof line, p)) {
            if (!strstr(line, "file="))
                continue;
            sdl += strstr(line, "file=libSDL2") != NULL;
            for (size_t i = 0; run && i < sizeof later / sizeof *later; i++)
                if (strstr(line, later[i])) {
                    printf("  opened at start: %s", line);
                    opened++;
                }
        }
        assert_int_equal(pclose(p), 0);
        assert_true(!run || sdl > 0);   /* the loader's lines were read */
        assert_int_equal(opened, 0);
    }
    /* a snap opens SDL_image and writes the PNG */
    snprintf(cmd, sizeof cmd, "LD_DEBUG=files %s/kiosk --headless --script %s --out %s "
             "--data-dir %s 2>&1 >/dev/null", build, snap, h.out, h.cfg.data_dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    int image = 0;
    while (fgets(line, sizeof line, p))
        image += strstr(line, "file=libSDL2_image") && strstr(line, "dynamically loaded");
    assert_int_equal(pclose(p), 0);
    assert_true(image > 0);
    char png[400];
    snprintf(png, sizeof png, "%s/home.png", h.out);
    assert_true(access(png, R_OK) == 0);
    harness_close(&h);
}

/* In a child (libxml2 not yet tried in this process): with libxml2 not
 * there, text with markup cannot be read (NULL, as html_text.h says) and
 * plain text still can. Returns the child's exit code (0 = all held). */
static int without_libxml2(void)
{
    setenv("KIOSK_LIBXML2", "/nonexistent/libxml2.so.2", 1);
    if (html_text_to_plain("<p>Stay &amp; play</p>", 22) != NULL)
        return 1;
    char *t = html_text_to_plain("Stay and play", 13);
    int rc = !t ? 2 : strcmp(t, "Stay and play") != 0 ? 3 : mapped("libxml2") ? 4 : 0;
    free(t);
    return rc;
}

static void test_without_libxml2_markup_fails(void **state)
{
    (void)state;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(without_libxml2());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The first HTML read opens libxml2; the first number checked opens the
 * plugin and libphonenumber with it. */
static void test_first_use_opens_them(void **state)
{
    (void)state;
    assert_false(mapped("libxml2"));
    char *t = html_text_to_plain("<p>Stay &amp; play</p>", 22);
    assert_non_null(t);
    assert_string_equal(t, "Stay & play");
    free(t);
    assert_true(mapped("libxml2"));
    assert_false(mapped("libphonenumber"));
    char e[17];
    assert_int_equal(phone_check("", e, sizeof e, NULL, 0), PHONE_EMPTY);
    assert_false(mapped("libphonenumber"));
    assert_int_equal(phone_check("07700 900123", e, sizeof e, NULL, 0), PHONE_OK);
    assert_true(mapped("libkiosk-phone"));
    assert_true(mapped("libphonenumber"));
    assert_true(mapped("libprotobuf"));
}

/* A headless kiosk with no central.url, started and drawn, never maps
 * libcurl (this test program is linked as the kiosk is). */
static void test_offline_start_loads_no_libcurl(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    assert_int_equal(harness_run(&h, "present\ntap home.checkin\npresent\n"), 0);
    harness_close(&h);
    assert_true(mapped("libSDL2"));
    assert_false(mapped("libcurl"));
    assert_false(mapped("libespeak"));
}

static void write_token(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, UP_TOKEN "\n", strlen(UP_TOKEN) + 1),
                     (ssize_t)strlen(UP_TOKEN) + 1);
    close(fd);
}

/* In a child: libcurl cannot be loaded. A request fails with a clear
 * detail; a kiosk with central.url still starts, and a record stays
 * pending while its uploader fails. Returns the child's exit code (0 =
 * all held, else the number of the check that did not). */
static int without_libcurl(void)
{
    setenv("KIOSK_LIBCURL", "/nonexistent/libcurl.so.4", 1);
    HttpOptions ho = { "http://127.0.0.1:9", UP_TOKEN, NULL, NULL, "kiosk-test-1", 2 };
    k_err e;
    HttpClient *c = http_new(&ho, &e);
    if (!c)
        return 1;
    HttpRequest req = { "GET", "/v1/content", NULL, 0, NULL, 1024 };
    HttpResponse resp;
    if (http_do(c, &req, &resp) != K_OK || resp.fail != HTTP_FAIL_OTHER || resp.status != 0)
        return 2;
    if (!strstr(resp.detail, "libcurl could not be loaded") ||
        !strstr(resp.detail, "/nonexistent/libcurl.so.4"))
        return 3;
    http_response_free(&resp);
    http_free(c);
    if (mapped("libcurl"))
        return 4;

    Harness h;
    harness_open(&h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return 5;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    snprintf(h.cfg.central_url, sizeof h.cfg.central_url, "http://127.0.0.1:9");
    snprintf(h.cfg.token_file, sizeof h.cfg.token_file, "%s/token", h.dir);
    snprintf(h.cfg.device_id, sizeof h.cfg.device_id, "kiosk-test-1");
    write_token(h.cfg.token_file);
    char err[512];
    App *a = app_create(&h.cfg, r, 800, 480, err, sizeof err);
    if (!a || !a->up)
        return 6;
    Made made[1];
    up_add(app_store(a), 0, 1, made);
    upload_thread_send_now(a->up);
    UploadStatus st = { 0 };
    for (int i = 0; i < 500 && !st.problem_since; i++) {
        usleep(10000);
        upload_thread_status(a->up, &st);
    }
    int rc = !st.problem_since ? 7 : up_pending(app_store(a)) != 1 ? 8 : 0;
    app_destroy(a);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    harness_close(&h);
    return rc;
}

static void test_without_libcurl_records_wait(void **state)
{
    (void)state;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(without_libcurl());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The first request loads libcurl: the checks above would see it. */
static void test_first_request_loads_libcurl(void **state)
{
    (void)state;
    assert_false(mapped("libcurl"));
    HttpOptions ho = { "http://127.0.0.1:9", UP_TOKEN, NULL, NULL, "kiosk-test-1", 2 };
    k_err e;
    HttpClient *c = http_new(&ho, &e);
    assert_non_null(c);
    assert_false(mapped("libcurl"));
    HttpRequest req = { "GET", "/v1/content", NULL, 0, NULL, 1024 };
    HttpResponse resp;
    assert_int_equal(http_do(c, &req, &resp), K_OK);
    assert_int_equal(resp.status, 0);
    assert_int_equal(resp.fail, HTTP_FAIL_NETWORK);   /* nothing listens on port 9 */
    http_response_free(&resp);
    http_free(c);
    assert_true(mapped("libcurl"));
}

/* Retry-After dates are read without libcurl: the three forms of an HTTP
 * date, and nothing else. */
static void test_retry_after_dates_without_libcurl(void **state)
{
    (void)state;
    long t = 1445412470;   /* 07:27:50 on 21 October 2015 */
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", t), 10);
    assert_int_equal(http_retry_after("Wednesday, 21-Oct-15 07:28:00 GMT", t), 10);
    assert_int_equal(http_retry_after("Wed Oct 21 07:28:00 2015", t), 10);
    assert_int_equal(http_retry_after("Sun Nov  6 08:49:37 1994", 784111777), 0);
    assert_int_equal(http_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 7), 7);
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:28:00 UTC", t), -1);
    assert_int_equal(http_retry_after("Wed, 21 Okt 2015 07:28:00 GMT", t), -1);
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 25:28:00 GMT", t), -1);
    assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:28:00 GMT trailing", t), -1);
    assert_int_equal(http_retry_after("Wed, 2 Oct 2015 07:28:00 GMT", t), -1);
    assert_int_equal(http_retry_after("tomorrow", t), -1);
    assert_false(mapped("libcurl"));
}

/* The inode of path (a new one after the copy's rename), 0 when none. */
static ino_t inode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_ino : 0;
}

/* A start with an unchanged content pack writes nothing (the import and
 * its fsync happen only when the pack changed); a changed pack is imported
 * whole, as a new content.db put in place by rename. */
static void test_unchanged_pack_not_imported_again(void **state)
{
    (void)state;
    Harness h;
    harness_open(&h);
    char pack[400], db[700];
    snprintf(pack, sizeof pack, "%s/pack.json", h.dir);
    snprintf(db, sizeof db, "%s/content.db", h.cfg.data_dir);
    json_t *p = json_load_file(h.cfg.content_pack, 0, NULL);
    assert_non_null(p);
    assert_int_equal(json_dump_file(p, pack, JSON_INDENT(1)), 0);
    snprintf(h.cfg.content_pack, sizeof h.cfg.content_pack, "%s", pack);
    assert_int_equal(harness_run(&h, "present\n"), 0);
    ino_t first = inode_of(db);
    assert_true(first != 0);
    assert_int_equal(harness_run(&h, "present\n"), 0);
    assert_true(inode_of(db) == first);            /* unchanged: not imported again */
    json_object_set_new(p, "version", json_string("2026-12-01.9"));
    assert_int_equal(json_dump_file(p, pack, JSON_INDENT(1)), 0);
    json_decref(p);
    assert_int_equal(harness_run(&h, "present\n"), 0);
    assert_true(inode_of(db) != first);            /* a new pack: imported */
    harness_close(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_linked_with_phone_or_libxml2),
        cmocka_unit_test(test_normal_start_opens_neither),
        cmocka_unit_test(test_without_libxml2_markup_fails),
        cmocka_unit_test(test_first_use_opens_them),
        cmocka_unit_test(test_kiosk_not_linked_with_libcurl),
        cmocka_unit_test(test_offline_start_loads_no_libcurl),
        cmocka_unit_test(test_retry_after_dates_without_libcurl),
        cmocka_unit_test(test_unchanged_pack_not_imported_again),
        cmocka_unit_test(test_without_libcurl_records_wait),
        cmocka_unit_test(test_first_request_loads_libcurl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
