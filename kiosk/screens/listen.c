/* listen.c — the Listen button every visitor screen has in its top bar,
 * and what a tap on it does: the screen's own widgets are read aloud in
 * the visitor's language (speech.h); a second tap stops it, and so does any
 * other tap, Quick exit and every wipe. */
#include "layout.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kiosk/log.h"

void listen_open(App *a)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%.560s/recordings", a->cfg.locales_dir);
    SpeechOptions o = { .recordings_dir = dir, .volume = a->cfg.speech_volume,
                        .capture = a->cfg.speech_capture };
    a->speech = speech_new(&o);
    if (!a->speech)
        LOG_W("listen", "out of memory: Listen will do nothing");
    a->listen_screen = -1;
}

struct Speech *app_speech(App *a)
{
    return a->speech;
}

/* True when the hub has recordings in the screen's language. */
static bool has_recordings(App *a)
{
    char dir[640];
    struct stat st;
    snprintf(dir, sizeof dir, "%.560s/recordings/%s", a->cfg.locales_dir, a->lang_tag);
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

k_err app_listen(App *a, SpeechText *said)
{
    if (!a->speech)
        return K_ERR_NOT_FOUND;
    app_build(a);
    if (a->listen_screen != (int)a->screen) {
        a->listen_screen = (int)a->screen;
        a->listen_count = 0;
    }
    /* the visitor's own words only when they ask again on this screen,
     * straight after a listen (any other tap or typing starts over:
     * listen_tap, listen_typed) */
    bool personal = a->listen_count > 0;
    SpeechText *t = calloc(1, sizeof *t);
    if (!t)
        return K_ERR_NOMEM;
    bool staff = app_is_staff(a);
    k_err rc = staff ? K_ERR_NOT_FOUND
                     : speech_text_from_ui(&a->ui, app_screen_name(a->screen), personal, a->i18n,
                                           a->lang, has_recordings(a), t);
    if (rc == K_OK)
        rc = speech_say(a->speech, t);
    if (said)
        memcpy(said, t, sizeof *t);
    sodium_memzero(t, sizeof *t);
    free(t);
    if (rc == K_OK) {
        a->listen_count++;
        a->listen_on = true;
    }
    a->dirty = true;
    return rc;
}

void listen_stop(App *a)
{
    speech_stop(a->speech);
    a->listen_on = false;
    a->listen_screen = -1;
    a->listen_count = 0;
}

void listen_typed(App *a)
{
    a->listen_count = 0;
}

bool listen_tap(App *a, const char *id)
{
    if (strcmp(id, "nav.listen") != 0) {
        /* a choice, a key, a field: a listen after it is a first one */
        a->listen_count = 0;
        if (a->listen_on) {
            speech_stop(a->speech);   /* a choice acts at once, in silence */
            a->listen_on = false;
        }
        return false;
    }
    if (a->idle_prompt)
        return false;               /* the prompt covers it: the prompt's taps decide */
    if (speech_speaking(a->speech)) {
        speech_stop(a->speech);       /* Listen again: stop */
        a->listen_on = false;
        return true;
    }
    if (app_listen(a, NULL) != K_OK)
        LOG_I("listen", "nothing to say on %s", app_screen_name(a->screen));
    return true;
}

void listen_tick(App *a)
{
    if (!a->listen_on)
        return;
    if (!speech_speaking(a->speech)) {
        a->listen_on = false;
        a->dirty = true;
    }
}

void listen_button_at(App *a, SDL_Rect r, bool words)
{
    const char *word = _("Listen");
    UiWidget *b = ui_button_icon(&a->ui, "nav.listen", words ? word : "", r,
                                 a->listen_on ? LOOK_SELECTED : LOOK_SECONDARY, GLYPH_LISTEN);
    if (!b)
        return;
    b->checked = a->listen_on;
    if (!words)
        ui_copy_text(b->label, sizeof b->label, word);
}

int listen_button(App *a, int start, int x, int y, int *below)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, least = ui->base_target;
    TextStyle st = { .size_px = ui->font_button, .weight = TEXT_BOLD, .lang = a->lang_tag };
    TextExtent e = { 0 };
    text_measure(ui->te, _("Listen"), &st, 0, &e);
    int need = e.w + 2 * U + 2 + ui->font_icon + U, room = x - U - start;
    if (need < 2 * least)
        need = 2 * least;
    bool words = need <= room;
    if (!words && room < least) {
        /* no room beside: a row of its own under the others */
        y = *below;
        *below = y + T + U;
        x = ui->w;
        words = need <= x - 2 * U;
    }
    int w = words ? need : least;
    listen_button_at(a, R(x - U - w, y, w, T), words);
    return x - U - w;
}
