/* test_input.c — touch as the kiosk receives it: finger events in
 * normalised coordinates activate widgets; the mouse events SDL makes up
 * from the same touches are ignored, so nothing is pressed twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "harness.h"
#include "kiosk/app.h"
#include "kiosk/clock.h"
#include "kiosk/staff.h"
#include "kiosk/text.h"
#include "../kiosk/app_private.h"

typedef struct {
    Harness h;
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    App *app;
} Fx;

static int setup(void **state)
{
    Fx *fx = calloc(1, sizeof *fx);
    harness_open(&fx->h);
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        return -1;
    clock_use_stepped(1795429800); /* Monday 23 November 2026 10:30 */
    fx->surface = SDL_CreateRGBSurfaceWithFormat(0, 800, 480, 32, SDL_PIXELFORMAT_ARGB8888);
    fx->renderer = SDL_CreateSoftwareRenderer(fx->surface);
    char err[512];
    fx->app = app_create(&fx->h.cfg, fx->renderer, 800, 480, err, sizeof err);
    if (!fx->app) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fx *fx = *state;
    app_destroy(fx->app);
    SDL_DestroyRenderer(fx->renderer);
    SDL_FreeSurface(fx->surface);
    TTF_Quit();
    SDL_Quit();
    clock_use_real();
    harness_close(&fx->h);
    free(fx);
    return 0;
}

static SDL_Rect rect_of(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    assert_true(i >= 0);
    return ui->w_list[i].rect;
}

static void finger(App *a, Uint32 type, SDL_Rect r)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.x = (r.x + r.w / 2.0f) / 800.0f;
    ev.tfinger.y = (r.y + r.h / 2.0f) / 480.0f;
    app_handle_event(a, &ev);
}

static void touch_mouse(App *a, Uint32 type, SDL_Rect r)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.button.which = SDL_TOUCH_MOUSEID;
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.x = r.x + r.w / 2;
    ev.button.y = r.y + r.h / 2;
    app_handle_event(a, &ev);
}

static void test_finger_taps_activate(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    SDL_Rect r = rect_of(a, "home.checkin");
    finger(a, SDL_FINGERDOWN, r);
    assert_int_equal(app_screen(a), SCR_HOME);     /* activation is on lifting */
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* the synthesised mouse events of a touch do nothing */
    r = rect_of(a, "checkin.session.0");
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, r);
    touch_mouse(a, SDL_MOUSEBUTTONUP, r);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* a finger that slides off the widget before lifting does nothing */
    finger(a, SDL_FINGERDOWN, r);
    SDL_Rect away = rect_of(a, "sessions.title");
    finger(a, SDL_FINGERUP, away);
    assert_int_equal(app_screen(a), SCR_SESSIONS);

    /* one tap on +: exactly one more adult, even with SDL's mouse copy */
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_PARTY);
    SDL_Rect plus = rect_of(a, "party.adults.plus");
    finger(a, SDL_FINGERDOWN, plus);
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, plus);
    finger(a, SDL_FINGERUP, plus);
    touch_mouse(a, SDL_MOUSEBUTTONUP, plus);
    app_build(a);
    Ui *ui = app_ui(a);
    assert_string_equal(ui->w_list[ui_find(ui, "party.adults.value")].text, "2");
}

/* An idle kiosk asks to be woken only for its timers, and a visitor's
 * screen wakes it for the idle prompt. */
static void test_deadlines(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    SDL_Rect r = rect_of(a, "nav.exit");
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_HOME);
    uint64_t now = clock_ms();
    uint64_t d = app_next_deadline(a);
    assert_true(d > now && d <= now + 60000);     /* the greeting or the minute */
    r = rect_of(a, "home.checkin");
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
    d = app_next_deadline(a);
    assert_true(d <= clock_ms() + 50000);           /* the idle prompt at 50 s */
    clock_advance(50000);
    app_tick(a);
    app_build(a);
    assert_true(ui_find(app_ui(a), "idle.panel") >= 0);
}

static void tap(App *a, const char *id)
{
    SDL_Rect r = rect_of(a, id);
    finger(a, SDL_FINGERDOWN, r);
    finger(a, SDL_FINGERUP, r);
}

static void type(App *a, const char *text)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_TEXTINPUT;
    snprintf(ev.text.text, sizeof ev.text.text, "%s", text);
    app_handle_event(a, &ev);
}

/* To the confirm screen with a name and a postcode typed. */
static void to_confirm(App *a, const char *name)
{
    tap(a, "home.checkin");
    tap(a, "checkin.session.0");
    tap(a, "party.next");
    tap(a, "details.first.yes");
    tap(a, "details.name");
    type(a, name);
    tap(a, "kbd.done");
    tap(a, "details.postcode");
    type(a, "sm2 6ab");
    tap(a, "kbd.done");
    tap(a, "details.next");
    assert_int_equal(app_screen(a), SCR_CONFIRM);
}

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        if (c[i])
            return false;
    return true;
}

/* Every widget that holds the visitor's name is personal from the moment
 * it is made: the text engine measures it as personal (so never caches
 * it), which shows as shaping again on every build, while everything else
 * on the screen comes from the cache. */
static void test_name_personal_from_creation(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    to_confirm(a, "Zelda Quixote");
    app_build(a);
    TextEngine *te = app_text(a);
    text_stats_reset(te);
    app_build(a);
    TextStats st;
    text_stats(te, &st);
    assert_true(st.shaped > 0);       /* the name, measured again */
    Ui *ui = app_ui(a);
    int holding = 0;
    for (int i = 0; i < ui->n; i++)
        if (strstr(ui->w_list[i].text, "Zelda")) {
            holding++;
            assert_true(ui->w_list[i].personal);
        }
    assert_int_equal(holding, 1);
    /* measuring for layout honours the flag too */
    Ui *u = app_ui(a);
    for (int personal = 0; personal < 2; personal++) {
        ui_text_height(u, "Yolanda Quince", u->font_body, TEXT_REGULAR, 300, personal);
        text_stats_reset(te);
        ui_text_height(u, "Yolanda Quince", u->font_body, TEXT_REGULAR, 300, personal);
        text_stats(te, &st);
        if (personal)
            assert_true(st.shaped > 0);
        else
            assert_int_equal(st.shaped, 0);
    }
    /* the screen without the name shapes nothing on a second build */
    tap(a, "nav.back");
    tap(a, "details.name");
    for (int i = 0; i < 13; i++)
        tap(a, "kbd.back");
    tap(a, "kbd.done");
    tap(a, "details.postcode");
    for (int i = 0; i < 8; i++)
        tap(a, "kbd.back");
    tap(a, "kbd.done");
    tap(a, "details.next");
    app_build(a);
    text_stats_reset(te);
    app_build(a);
    text_stats(te, &st);
    assert_int_equal(st.shaped, 0);
}

/* After "thank you" nothing the visitor entered is left: the visitor
 * session is zero, the widget list holds no name, and the next visitor's
 * details screen is empty. */
static void test_saved_visit_leaves_nothing(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    to_confirm(a, "Zelda");
    tap(a, "confirm.ok");
    assert_int_equal(app_screen(a), SCR_THANKS);
    assert_true(all_zero(a->v.first_name, sizeof a->v.first_name));
    assert_true(all_zero(a->v.postcode, sizeof a->v.postcode));
    assert_true(all_zero(a->v.cb_name, sizeof a->v.cb_name));
    assert_int_equal(a->v.field, VF_NONE);
    assert_null(a->v.message);
    assert_int_equal(a->v.session, -1);
    Ui *ui = app_ui(a);
    app_build(a);
    for (int i = 0; i < ui->cap; i++)
        assert_null(memmem(ui->w_list[i].text, sizeof ui->w_list[i].text, "Zelda", 5));
    tap(a, "thanks.done");
    tap(a, "home.checkin");
    tap(a, "checkin.session.0");
    tap(a, "party.next");
    app_build(a);
    assert_string_equal(ui->w_list[ui_find(ui, "details.name")].text, "Tap to type");
    assert_string_equal(ui->w_list[ui_find(ui, "details.postcode")].text, "Tap to type");
    assert_false(ui->w_list[ui_find(ui, "details.name")].personal);
}

static void open_staff(App *a)
{
    tap(a, "nav.exit");
    SDL_Rect r = rect_of(a, "home.hub");
    finger(a, SDL_FINGERDOWN, r);
    clock_advance(3100);
    app_tick(a);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_STAFF_PIN);
    tap(a, "staff.pin.2");
    tap(a, "staff.pin.5");
    tap(a, "staff.pin.8");
    tap(a, "staff.pin.0");
    tap(a, "staff.pin.enter");
}

/* The staff list's rows hold visitors' names: personal from creation. */
static void test_staff_rows_personal(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    assert_int_equal(staff_set_pin(app_store(a), "2580"), K_OK);
    to_confirm(a, "Zelda");
    tap(a, "confirm.ok");
    open_staff(a);
    assert_int_equal(app_screen(a), SCR_STAFF);
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, "staff.row.0");
    assert_true(i >= 0);
    assert_non_null(strstr(ui->w_list[i].text, "Zelda"));
    assert_true(ui->w_list[i].personal);
    /* measured as personal: shaped again on a second build */
    app_build(a);
    text_stats_reset(app_text(a));
    app_build(a);
    TextStats st;
    text_stats(app_text(a), &st);
    assert_true(st.shaped > 0);
    /* the lock leaves no row in memory */
    tap(a, "staff.lock");
    assert_true(all_zero(a->staff.rows, (size_t)a->staff.cap * sizeof *a->staff.rows));
}

static void db_exec(Fx *fx, const char *sql)
{
    char path[700];
    snprintf(path, sizeof path, "%s/kiosk.db", fx->h.cfg.data_dir);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static const char *text_of(App *a, const char *id)
{
    app_build(a);
    Ui *ui = app_ui(a);
    int i = ui_find(ui, id);
    return i >= 0 ? ui->w_list[i].text : NULL;
}

/* Failures say what they are: a count that could not be made is not "0
 * waiting", a list that could not be read is not "no check-ins", a PIN
 * that could not be read is not "no PIN set". */
static void test_staff_failures_told_truly(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    assert_int_equal(staff_set_pin(app_store(a), "2580"), K_OK);
    to_confirm(a, "Zelda");
    tap(a, "confirm.ok");
    open_staff(a);
    assert_int_equal(app_screen(a), SCR_STAFF);
    db_exec(fx, "ALTER TABLE outbox RENAME TO outbox_gone;"
                "ALTER TABLE attendance RENAME TO attendance_gone;");
    /* building reads nothing: what was read on entering is still shown */
    assert_non_null(strstr(text_of(a, "staff.row.0"), "Zelda"));
    assert_non_null(strstr(text_of(a, "staff.device"), "1 record waiting"));
    tap(a, "staff.lock");
    open_staff(a);
    assert_int_equal(app_screen(a), SCR_STAFF);
    const char *dev = text_of(a, "staff.device");
    assert_non_null(strstr(dev, "could not be read"));
    assert_null(strstr(dev, "0 records waiting"));
    const char *none = text_of(a, "staff.none");
    assert_non_null(strstr(none, "could not be read"));
    assert_null(strstr(none, "No check-ins"));
    tap(a, "staff.lock");
    /* the PIN's table unreadable: not "no PIN is set" */
    db_exec(fx, "ALTER TABLE kv RENAME TO kv_gone;");
    SDL_Rect r = rect_of(a, "home.hub");
    finger(a, SDL_FINGERDOWN, r);
    clock_advance(3100);
    app_tick(a);
    finger(a, SDL_FINGERUP, r);
    assert_int_equal(app_screen(a), SCR_STAFF_PIN);
    const char *msg = text_of(a, "staff.pin.message");
    assert_non_null(msg);
    assert_null(strstr(msg, "No staff PIN"));
    assert_non_null(strstr(msg, "could not be read"));
}

/* A personal text too long for its box, even at the least size, is cut at
 * a character boundary: a Tamil letter and its vowel sign stay together,
 * and so do a letter and its accent. */
static void test_cut_at_character_boundary(void **state)
{
    Fx *fx = *state;
    Ui *ui = app_ui(fx->app);
    ui_begin(ui, "ta", false);
    static const struct { const char *unit, *lang; } cases[] = {
        { "\xE0\xAE\x95\xE0\xAE\xBF", "ta" },               /* கி */
        { "e\xCC\x81", "en-GB" },                          /* e + combining acute */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        UiWidget w = ui_proto("t", ROLE_TEXT);
        w.personal = true;
        w.lang = cases[c].lang;
        size_t ul = strlen(cases[c].unit);
        for (int i = 0; i < 60 && strlen(w.text) + ul < sizeof w.text; i++)
            strcat(w.text, cases[c].unit);
        w.rect = (SDL_Rect){ 0, 0, 120, 40 };
        UiWidget *got = ui_add(ui, &w);
        assert_non_null(got);
        assert_true(got->fits);
        size_t n = strlen(got->text);
        assert_true(n > 3);
        assert_memory_equal(got->text + n - 3, "\xE2\x80\xA6", 3);
        assert_int_equal((n - 3) % ul, 0);
        assert_true(n - 3 < strlen(w.text));
    }
}

/* Quick exit and the idle wipe leave nothing of the visitor in the App or
 * in any slot of the widget list. */
static void test_every_wipe_leaves_nothing(void **state)
{
    Fx *fx = *state;
    App *a = fx->app;
    for (int way = 0; way < 2; way++) {
        tap(a, "home.checkin");
        tap(a, "checkin.session.0");
        tap(a, "party.next");
        tap(a, "details.name");
        type(a, "Zelda");
        app_build(a);
        if (way == 0) {
            tap(a, "nav.exit");
        } else {
            clock_advance((uint64_t)a->cfg.idle_s * 1000u + 1000u);
            app_tick(a);
        }
        assert_int_equal(app_screen(a), SCR_HOME);
        assert_true(all_zero(a->v.first_name, sizeof a->v.first_name));
        assert_int_equal(a->v.field, VF_NONE);
        assert_true(all_zero(&a->v.kb, sizeof a->v.kb));
        Ui *ui = app_ui(a);
        for (int i = 0; i < ui->cap; i++)
            assert_null(memmem(ui->w_list[i].text, sizeof ui->w_list[i].text, "Zelda", 5));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_finger_taps_activate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deadlines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_personal_from_creation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_saved_visit_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_rows_personal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_staff_failures_told_truly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut_at_character_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_wipe_leaves_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
