/* table.c — the screen table: one row per screen (see screens.h). */
#include "screens.h"

#include "layout.h"

#include <string.h>

/* A visitor screen's taps: the look choices first, then its own. */
#define VISITOR_TAP(name, own)                                      \
    static bool name(App *a, const char *id)                      \
    {                                                             \
        return access_tap(a, id) || (own)(a, id);                 \
    }

VISITOR_TAP(tap_home, home_tap)
VISITOR_TAP(tap_language, language_tap)
VISITOR_TAP(tap_sessions, sessions_tap)
VISITOR_TAP(tap_party, party_tap)
VISITOR_TAP(tap_details, details_tap)
VISITOR_TAP(tap_keyboard, keyboard_tap)
VISITOR_TAP(tap_confirm, confirm_tap)
VISITOR_TAP(tap_thanks, thanks_tap)
VISITOR_TAP(tap_save_error, save_error_tap)
VISITOR_TAP(tap_callback, callback_tap)
VISITOR_TAP(tap_advocate, advocate_tap)
VISITOR_TAP(tap_advocate_more, advocate_more_tap)
VISITOR_TAP(tap_contact, contact_tap)
VISITOR_TAP(tap_times, times_tap)
VISITOR_TAP(tap_speak, speak_tap)
VISITOR_TAP(tap_safety, safety_tap)
VISITOR_TAP(tap_meeting, meeting_tap)
VISITOR_TAP(tap_note, note_tap)
VISITOR_TAP(tap_confirm_req, confirm_req_tap)
VISITOR_TAP(tap_done, done_tap)
VISITOR_TAP(tap_req_error, req_error_tap)
VISITOR_TAP(tap_feedback, feedback_tap)
VISITOR_TAP(tap_fb_thanks, fb_thanks_tap)
VISITOR_TAP(tap_support, support_tap)
VISITOR_TAP(tap_support_group, support_group_tap)
VISITOR_TAP(tap_support_need, support_need_tap)
VISITOR_TAP(tap_support_service, support_service_tap)
VISITOR_TAP(tap_support_take, support_take_tap)
VISITOR_TAP(tap_support_search, support_search_tap)

static const ScreenDef table[SCR_COUNT] = {
    /* name, progress step, back, staff, on_enter, build, on_tap, on_tick, on_text, on_key */
    [SCR_HOME] = { "home", 0, BACK_HOME, false, NULL, home_build, tap_home, NULL, NULL, NULL },
    [SCR_LANGUAGE] = { "language", 0, BACK_RETURN, false, NULL, language_build, tap_language, NULL,
                       NULL, NULL },
    [SCR_SESSIONS] = { "sessions", 1, BACK_HOME, false, sessions_enter, sessions_build,
                       tap_sessions, NULL, NULL, NULL },
    [SCR_PARTY] = { "party", 2, SCR_SESSIONS, false, NULL, party_build, tap_party, NULL, NULL,
                    NULL },
    [SCR_DETAILS] = { "details", 3, SCR_PARTY, false, details_enter, details_build, tap_details,
                      NULL, NULL, NULL },
    [SCR_KEYBOARD] = { "keyboard", 3, BACK_OWN, false, keyboard_enter, keyboard_build, tap_keyboard,
                       NULL, keyboard_text, keyboard_key },
    [SCR_CONFIRM] = { "confirm", 4, SCR_DETAILS, false, NULL, confirm_build, tap_confirm, NULL,
                      NULL, NULL },
    [SCR_THANKS] = { "thanks", 0, BACK_HOME, false, NULL, thanks_build, tap_thanks, thanks_tick,
                     NULL, NULL },
    [SCR_SAVE_ERROR] = { "save-error", 0, BACK_HOME, false, NULL, save_error_build, tap_save_error,
                         NULL, NULL, NULL },
    [SCR_SUPPORT] = { "support", 0, BACK_HOME, false, support_enter, support_build, tap_support,
                      NULL, NULL, NULL },
    [SCR_CALLBACK] = { "callback", 0, BACK_HOME, false, callback_enter, callback_build,
                       tap_callback, NULL, NULL, NULL },
    [SCR_ADVOCATE] = { "advocate", 0, BACK_HOME, false, advocate_enter, advocate_build,
                       tap_advocate, NULL, NULL, NULL },
    [SCR_STAFF_PIN] = { "staff-pin", 0, BACK_HOME, true, pin_enter, pin_build, pin_tap, pin_tick,
                        pin_text, pin_key },
    [SCR_STAFF] = { "staff", 0, BACK_HOME, true, staff_enter, staff_build, staff_tap, NULL, NULL,
                    NULL },
    /* callback and advocate requests (callback.c, advocate.c, request*.c), feedback */
    [SCR_ADVOCATE_MORE] = { "advocate-more", 0, SCR_ADVOCATE, false, NULL, advocate_more_build,
                            tap_advocate_more, NULL, NULL, NULL },
    [SCR_REQ_CONTACT] = { "request-contact", 0, BACK_OWN, false, contact_enter, contact_build,
                          tap_contact, NULL, NULL, NULL },
    [SCR_REQ_TIMES] = { "request-times", 0, SCR_REQ_CONTACT, false, NULL, times_build, tap_times,
                        NULL, NULL, NULL },
    [SCR_REQ_LANGUAGE] = { "request-language", 0, SCR_REQ_TIMES, false, NULL, speak_build,
                           tap_speak, NULL, NULL, NULL },
    [SCR_REQ_SAFETY] = { "request-safety", 0, SCR_REQ_LANGUAGE, false, NULL, safety_build,
                         tap_safety, NULL, NULL, NULL },
    [SCR_REQ_MEETING] = { "request-meeting", 0, SCR_REQ_SAFETY, false, meeting_enter,
                          meeting_build, tap_meeting, NULL, NULL, NULL },
    [SCR_REQ_NOTE] = { "request-note", 0, BACK_OWN, false, NULL, note_build, tap_note, NULL, NULL,
                       NULL },
    [SCR_REQ_CONFIRM] = { "request-confirm", 0, SCR_REQ_NOTE, false, NULL, confirm_req_build,
                          tap_confirm_req, NULL, NULL, NULL },
    [SCR_REQ_DONE] = { "request-done", 0, BACK_HOME, false, NULL, done_build, tap_done, NULL,
                       NULL, NULL },
    [SCR_REQ_ERROR] = { "request-error", 0, BACK_HOME, false, NULL, req_error_build,
                        tap_req_error, NULL, NULL, NULL },
    [SCR_FEEDBACK] = { "feedback", 0, BACK_HOME, false, NULL, feedback_build, tap_feedback, NULL,
                       NULL, NULL },
    [SCR_FEEDBACK_THANKS] = { "feedback-thanks", 0, BACK_HOME, false, fb_thanks_enter,
                              fb_thanks_build, tap_fb_thanks, NULL, NULL, NULL },
    [SCR_SUPPORT_GROUP] = { "support-group", 0, SCR_SUPPORT, false, support_group_enter,
                            support_group_build, tap_support_group, NULL, NULL, NULL },
    [SCR_SUPPORT_NEED] = { "support-need", 0, BACK_OWN, false, support_need_enter,
                           support_need_build, tap_support_need, NULL, NULL, NULL },
    [SCR_SUPPORT_SERVICE] = { "support-service", 0, BACK_OWN, false, support_service_enter,
                              support_service_build, tap_support_service, NULL, NULL, NULL },
    [SCR_SUPPORT_TAKE] = { "support-take", 0, SCR_SUPPORT_SERVICE, false, support_take_enter,
                           support_take_build, tap_support_take, NULL, NULL, NULL },
    [SCR_SUPPORT_SEARCH] = { "support-search", 0, BACK_OWN, false, support_search_enter,
                             support_search_build, tap_support_search, NULL,
                             support_search_text, support_search_key },
    [SCR_STAFF_HISTORY] = { "staff-history", 0, SCR_STAFF, true, history_enter, history_build,
                            history_tap, NULL, NULL, NULL },
};

static void build_nothing(App *a)
{
    (void)a;
}

static const ScreenDef unknown = { "?", 0, BACK_HOME, false, NULL, build_nothing,
                                   NULL, NULL, NULL, NULL };

static const ScreenDef idle_overlay = { "idle", 0, BACK_OWN, false, NULL, idle_build, idle_tap,
                                        NULL, NULL, NULL };

const ScreenDef *screen_def(Screen s)
{
    return (unsigned)s < SCR_COUNT && table[s].build ? &table[s] : &unknown;
}

const ScreenDef *screen_idle_overlay(void)
{
    return &idle_overlay;
}

const char *app_screen_name(Screen s)
{
    return screen_def(s)->name;
}

void screens_build(App *a)
{
    const ScreenDef *d = screen_def(a->screen);
    const LangInfo *li = cur_lang(a);
    unsigned look = d->staff ? 0 : a->ui.mode;
    /* Larger text reflows: a screen whose words do not fit at 1.5 times
     * is built again a step smaller, down to the default size. */
    /* few steps: every size is another set of fonts to open and glyphs to
     * keep */
    static const double large[] = { 1.5, 1.25, 1.0, 1.0 };
    size_t steps = (look & THEME_LARGE) ? sizeof large / sizeof large[0] : d->staff ? 1 : 2;
    for (size_t k = 0; k < steps; k++) {
        ui_set_look(&a->ui, look, (look & THEME_LARGE) ? large[k] : 1.0);
        /* a screen whose words do not fit in its language's script size
         * is built once more a fifth smaller (Urdu's Nastaliq is set 1.3
         * times larger than Latin) */
        a->ui.fit = steps > 1 && k + 1 == steps ? 0.8 : 1.0;
        a->ui.trial = k + 1 < steps;
        ui_begin(&a->ui, d->staff ? "en-GB" : a->lang_tag, d->staff ? false : (li && li->rtl));
        a->ui.target = d->staff ? a->ui.base_target : lay_language_target(a);
        d->build(a);
        if (k + 1 < steps && ui_layout_ok(&a->ui))
            break;
    }
    a->ui.trial = false;
    /* the look choices close when the screen changes */
    if (a->ui.access_open && a->ui.access_screen != (int)a->screen)
        a->ui.access_open = false;
    if (a->ui.access_open && !d->staff)
        access_build(a);
    else
        a->ui.access_screen = (int)a->screen;
    if (a->idle_prompt && !d->staff)
        idle_overlay.build(a);
    int p = a->pressed_id[0] ? ui_find(&a->ui, a->pressed_id) : -1;
    a->ui.pressed = p;
}
