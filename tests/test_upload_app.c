/* test_upload_app.c — the uploader beside the UI: started by app_create
 * when central.url is set (a token file others may read refuses the
 * start), sending from its own thread while the UI keeps drawing, the
 * staff Sending panel, and content packs fetched from the central service
 * and switched to only between visitors. */
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
#include "kiosk/content.h"
#include "../kiosk/app_private.h"

typedef struct {
    Harness h;
    Standin srv;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    App *app;
    char token[320];
    Made made[400];
    size_t nmade;
} Fx;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    assert_int_equal(chmod(path, mode), 0);
}

/* The demo pack with another version, as the stand-in's pack. */
static void serve_pack(const Fx *fx, const char *path, const char *version)
{
    json_t *p = json_load_file("assets/content/demo-central-sutton.json", 0, NULL);
    assert_non_null(p);
    json_object_set_new(p, "version", json_string(version));
    assert_int_equal(json_dump_file(p, path, JSON_INDENT(1)), 0);
    json_decref(p);
    (void)fx;
}

static int setup(void **state)
{
    Fx *fx = calloc(1, sizeof *fx);
    harness_open(&fx->h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0 || sodium_init() < 0)
        return -1;
    clock_use_stepped(1795429800); /* Monday 23 November 2026 10:30 */
    fx->surface = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    fx->renderer = SDL_CreateSoftwareRenderer(fx->surface);
    char sdir[300];
    snprintf(sdir, sizeof sdir, "%s/central", fx->h.dir);
    if (standin_start(&fx->srv, sdir, false) != 0)
        return -1;
    serve_pack(fx, fx->srv.pack, "2026-12-01.1");
    snprintf(fx->token, sizeof fx->token, "%s/token", fx->h.dir);
    write_file(fx->token, UP_TOKEN "\n", 0600);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fx *fx = *state;
    app_destroy(fx->app);
    standin_stop(&fx->srv);
    SDL_DestroyRenderer(fx->renderer);
    SDL_FreeSurface(fx->surface);
    TTF_Quit();
    SDL_Quit();
    clock_use_real();
    harness_close(&fx->h);
    free(fx);
    return 0;
}

static App *open_app(Fx *fx, bool online, char *err, size_t cap)
{
    Config *c = &fx->h.cfg;
    if (online) {
        snprintf(c->central_url, sizeof c->central_url, "%s", fx->srv.url);
        snprintf(c->token_file, sizeof c->token_file, "%s", fx->token);
        c->content_interval_s = 10;
    }
    snprintf(c->device_id, sizeof c->device_id, "kiosk-test-1");
    return app_create(c, fx->renderer, 800, 480, err, cap);
}

static const char *text_of(App *a, const char *id)
{
    app_build(a);
    int i = ui_find(app_ui(a), id);
    return i >= 0 ? app_ui(a)->w_list[i].text : NULL;
}

/* Waits (real time, at most 15 s) until pred holds. */
#define WAIT_FOR(pred)                                                      \
    do {                                                                    \
        double until_ = now_s() + 15;                                       \
        while (!(pred) && now_s() < until_)                                 \
            usleep(20000);                                                  \
        assert_true(pred);                                                  \
    } while (0)

static void test_offline_says_so(void **state)
{
    Fx *fx = *state;
    char err[512];
    fx->app = open_app(fx, false, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    assert_null(a->up);
    app_go(a, SCR_STAFF);
    assert_string_equal(text_of(a, "staff.sending"), "Offline");
    sending_enter(a);
    assert_non_null(strstr(text_of(a, "staff.sending.offline"), "Offline: no central service"));
    assert_null(text_of(a, "staff.sending.problem"));
}

static void test_loose_token_refused(void **state)
{
    Fx *fx = *state;
    chmod(fx->token, 0644);
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_null(fx->app);
    assert_non_null(strstr(err, "chmod 600"));
    assert_null(strstr(err, UP_TOKEN));
    assert_int_equal(standin_stat(&fx->srv, "requests"), 0);
}

static void test_thread_sends_beside_the_ui(void **state)
{
    Fx *fx = *state;
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    assert_non_null(a->up);
    up_add(app_store(a), 0, 150, fx->made);
    fx->nmade = 150;
    app_go(a, SCR_STAFF);
    assert_string_equal(text_of(a, "staff.sending"), "Sending");
    sending_enter(a);
    upload_thread_send_now(a->up);
    WAIT_FOR(standin_stored(&fx->srv) == 150);
    assert_int_equal(standin_verify(&fx->srv, fx->made, fx->nmade, NULL, NULL, "kiosk-test-1"),
                     0);
    /* the panel follows the uploader's status */
    double until = now_s() + 10;
    do {
        app_tick(a);
        usleep(20000);
    } while (now_s() < until && a->counts.pending != 0);
    assert_int_equal(a->counts.pending, 0);
    assert_non_null(strstr(text_of(a, "staff.sending.waiting"), "Nothing is waiting"));
    assert_non_null(strstr(text_of(a, "staff.sending.last"), "Last successful upload: 10:3"));
    assert_non_null(text_of(a, "staff.sending.send"));
}

static void test_ui_never_waits_on_the_network(void **state)
{
    Fx *fx = *state;
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    WAIT_FOR(standin_stat(&fx->srv, "content_requests") >= 1);
    standin_control(&fx->srv, "{\"faults\": [\"slow:3\"]}");
    up_add(app_store(a), 0, 20, fx->made);
    fx->nmade = 20;
    app_go(a, SCR_STAFF);
    sending_enter(a);
    upload_thread_send_now(a->up);
    double worst = 0, end = now_s() + 2.5;
    while (now_s() < end) {
        double t0 = now_s();
        app_tick(a);
        a->dirty = true;
        app_draw(a);
        double t = now_s() - t0;
        if (t > worst)
            worst = t;
        usleep(5000);
    }
    fprintf(stderr, "slowest frame while the server took 3 s: %.1f ms\n", worst * 1000);
    assert_true(worst < 0.25 * test_slowdown());
    WAIT_FOR(standin_stored(&fx->srv) == 20);
}

static void test_content_switched_between_visitors(void **state)
{
    Fx *fx = *state;
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    assert_string_equal(content_version(a->pack), "2026-11-20.1");
    UploadStatus st;
    WAIT_FOR((upload_thread_status(a->up, &st), st.content_generation == 1));
    assert_string_equal(st.content_version, "2026-12-01.1");
    /* a visitor is choosing a session: nothing changes under them */
    app_go(a, SCR_SESSIONS);
    app_tick(a);
    assert_string_equal(content_version(a->pack), "2026-11-20.1");
    app_go_home(a);
    app_tick(a);
    assert_string_equal(content_version(a->pack), "2026-12-01.1");
    /* the next check sends the ETag and gets 304: nothing changes */
    clock_advance(10000);
    WAIT_FOR(standin_stat(&fx->srv, "content_requests") >= 2);
    usleep(100000);
    upload_thread_status(a->up, &st);
    assert_int_equal(st.content_generation, 1);
    assert_true(st.content_checked > 0);
    /* a pack that fails is reported and the old one stays */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/bad-pack.json", fx->srv.dir);
    write_file(bad, "{\"format\": \"family-hub-content/1\", \"version\": 3}", 0600);
    char ctl[400];
    snprintf(ctl, sizeof ctl, "{\"pack\": \"%s\"}", bad);
    standin_control(&fx->srv, ctl);
    clock_advance(10000);
    WAIT_FOR((upload_thread_status(a->up, &st), st.content_problem[0] != '\0'));
    assert_int_equal(st.content_generation, 1);
    app_tick(a);
    assert_string_equal(content_version(a->pack), "2026-12-01.1");
    app_go(a, SCR_STAFF);
    sending_enter(a);
    assert_non_null(strstr(text_of(a, "staff.sending.content_problem"), "was refused"));
    assert_non_null(strstr(text_of(a, "staff.sending.content"), "2026-12-01.1"));
    /* the pack kept survives a restart */
    app_destroy(a);
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    assert_string_equal(content_version(fx->app->pack), "2026-12-01.1");
}

static void test_revoked_device_told_to_staff(void **state)
{
    Fx *fx = *state;
    standin_control(&fx->srv, "{\"token\": \"someone-else\"}");
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    up_add(app_store(a), 0, 3, fx->made);
    upload_thread_send_now(a->up);
    UploadStatus st;
    WAIT_FOR((upload_thread_status(a->up, &st), st.problem == UP_AUTH));
    app_go(a, SCR_STAFF);
    sending_enter(a);
    const char *p = text_of(a, "staff.sending.problem");
    assert_non_null(p);
    assert_non_null(strstr(p, "device not authorised"));
    assert_non_null(strstr(text_of(a, "staff.sending.waiting"), "3 records waiting"));
}

/* Every widget of the panel on screen, its text fitting, none overlapping. */
static int layout_problems(App *a, int w, int h)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int bad = 0;
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *x = &ui->w_list[i];
        SDL_Rect r = x->rect;
        if (r.x < 0 || r.y < 0 || r.x + r.w > w || r.y + r.h > h || !x->fits) {
            fprintf(stderr, "%dx%d: %s off screen or cut (%d,%d %dx%d)\n", w, h, x->id, r.x,
                    r.y, r.w, r.h);
            bad++;
        }
        for (int k = i + 1; k < ui->n; k++) {
            if (SDL_HasIntersection(&r, &ui->w_list[k].rect)) {
                fprintf(stderr, "%dx%d: %s overlaps %s\n", w, h, x->id, ui->w_list[k].id);
                bad++;
            }
        }
    }
    return bad;
}

static void test_panel_fits_at_every_size(void **state)
{
    Fx *fx = *state;
    char err[512];
    fx->app = open_app(fx, true, err, sizeof err);
    assert_non_null(fx->app);
    App *a = fx->app;
    up_add(app_store(a), 0, 3, fx->made);
    app_go(a, SCR_STAFF);
    sending_enter(a);
    /* the longest of everything at once */
    a->counts.pending = 12345;
    a->counts.rejected = 7;
    a->up_st.oldest_age_s = 3 * 86400;
    a->up_st.last_success = clock_now() - 86400;
    a->up_st.content_checked = clock_now();
    snprintf(a->up_st.problem_text, sizeof a->up_st.problem_text,
             "device not authorised: the server refused this device's key: call IT");
    snprintf(a->up_st.content_problem, sizeof a->up_st.content_problem,
             "the central service's pack: sessions[3].schedules[0].opens_at: expected HH:MM");
    a->sending_nrejected = 4;
    for (int i = 0; i < 4; i++)
        snprintf(a->sending_rejected[i], sizeof a->sending_rejected[i],
                 "2026-11-23 10:3%d, callback: phone is not E.164 (+44...)", i);
    static const int sizes[][2] = { { 800, 480 }, { 1280, 800 }, { 720, 1280 },
                                    { 1920, 1080 } };
    int bad = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sizes[i][0], sizes[i][1], 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
        app_resize(a, r, sizes[i][0], sizes[i][1]);
        bad += layout_problems(a, sizes[i][0], sizes[i][1]);
        app_resize(a, fx->renderer, 800, 480);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(s);
    }
    assert_int_equal(bad, 0);
    /* and the staff view with its Sending button */
    a->staff_sending = false;
    assert_int_equal(layout_problems(a, 800, 480), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_offline_says_so, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loose_token_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_thread_sends_beside_the_ui, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ui_never_waits_on_the_network, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_switched_between_visitors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_revoked_device_told_to_staff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_panel_fits_at_every_size, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
