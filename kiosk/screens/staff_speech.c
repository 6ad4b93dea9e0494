/* staff_speech.c — read-aloud in the staff view: one plain line when
 * visitors cannot hear Listen (no audio device, a driver that plays to
 * nowhere, espeak-ng missing), and the volume in steps of 10 with a Try
 * button. A level set here is kept in the device's key-value table and
 * wins over speech.volume at every start (docs/speech.md). In English,
 * for staff. */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"
#include "kiosk/parse.h"

#define KV_VOLUME "speech.volume"
#define VOLUME_STEP 10

void staff_speech_restore(App *a)
{
    char v[16];
    long level = 0;
    a->volume_problem[0] = '\0';
    k_err rc = store_kv_get(a->store, KV_VOLUME, v, sizeof v);
    if (rc == K_ERR_NOT_FOUND)
        return;                     /* never set by staff: speech.volume */
    if (rc != K_OK || parse_long(v, 0, 100, &level) != K_OK) {
        LOG_W("speech", "the volume staff set could not be read (%s); speech.volume is used",
              rc != K_OK ? k_strerror(rc) : "not a number from 0 to 100");
        return;
    }
    speech_set_volume(a->speech, (int)level);
}

void staff_speech_enter(App *a)
{
    /* the first look starts the engine (not at start-up: cold start stays
     * free of it); later looks only read the line */
    speech_health(a->speech);
}

/* The line for staff, "" when Listen works. */
static const char *health_line(App *a)
{
    if (!a->speech)
        return "Listen is off: it could not be set up (out of memory). Restart the kiosk.";
    return speech_health(a->speech);
}

/* The health line and the volume problem, as one paragraph. */
static void notice_text(App *a, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s", health_line(a),
             health_line(a)[0] && a->volume_problem[0] ? " " : "", a->volume_problem);
}

/* The volume row's parts: the number's room (three digits), the label's
 * words, and the whole row's width. */
typedef struct { int vw, tw, label_w, ctl; } VolumeRow;

static VolumeRow volume_row(App *a)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target;
    TextStyle st = { .size_px = ui->font_body, .weight = TEXT_BOLD, .lang = "en-GB" };
    TextExtent e = { 0 };
    text_measure(ui->te, "100", &st, 0, &e);
    VolumeRow v = { .vw = e.w + 2 * U, .tw = T * 2 };
    st.weight = TEXT_REGULAR;
    text_measure(ui->te, "Listen volume", &st, 0, &e);
    v.label_w = e.w + U;
    v.ctl = 2 * T + v.vw + v.tw + 4 * U;
    return v;
}

/* True when the volume row fits in the room beside Earlier and Later. */
static bool in_pager_row(App *a, int room_w)
{
    VolumeRow v = volume_row(a);
    return a->speech && v.label_w + a->ui.unit + v.ctl <= room_w;
}

int staff_speech_height(App *a, int width, int pager_room_w)
{
    Ui *ui = &a->ui;
    char line[600];
    notice_text(a, line, sizeof line);
    int h = a->speech && !in_pager_row(a, pager_room_w) ? ui->target + ui->unit : 0;
    if (line[0])
        h += ui_text_height(ui, line, ui->font_body, TEXT_REGULAR, width - 4 * ui->unit, false) +
             3 * ui->unit;
    return h;
}

/* Listen volume   [-] 80 [+]  [Try], across row. */
static void volume_build(App *a, SDL_Rect row)
{
    Ui *ui = &a->ui;
    int U = ui->unit, T = ui->target, y = row.y;
    VolumeRow vr = volume_row(a);
    int level = speech_volume(a->speech);
    char num[16];
    snprintf(num, sizeof num, "%d", level);
    UiWidget l = ui_proto("staff.volume.label", ROLE_TEXT);
    ui_copy_text(l.text, sizeof l.text, "Listen volume");
    l.rect = R(row.x, y, row.w - vr.ctl - U, T);
    ui_add(ui, &l);
    int cx = row.x + row.w - vr.ctl;
    UiWidget *m = ui_button_icon(ui, "staff.volume.minus", "", R(cx, y, T, T), LOOK_SECONDARY,
                                 ICON_MINUS);
    if (m)
        m->enabled = level > 0;
    UiWidget v = ui_proto("staff.volume.value", ROLE_VALUE);
    ui_copy_text(v.text, sizeof v.text, num);
    v.rect = R(cx + T + U, y, vr.vw, T);
    v.weight = TEXT_BOLD;
    v.align = TEXT_ALIGN_CENTER;
    ui_add(ui, &v);
    UiWidget *p = ui_button_icon(ui, "staff.volume.plus", "", R(cx + T + vr.vw + 2 * U, y, T, T),
                                 LOOK_SECONDARY, ICON_PLUS);
    if (p)
        p->enabled = level < 100;
    ui_button(ui, "staff.volume.try", "Try", R(row.x + row.w - vr.tw, y, vr.tw, T),
              LOOK_SECONDARY);
}

int staff_speech_build(App *a, int y, int width, SDL_Rect pager_room)
{
    Ui *ui = &a->ui;
    int U = ui->unit;
    char line[600];
    notice_text(a, line, sizeof line);
    if (line[0])
        y = lay_paragraph(a, "staff.speech", line, U, y, width, LOOK_NOTICE);
    if (!a->speech)
        return y;
    if (in_pager_row(a, pager_room.w)) {
        /* centred between Earlier and Later */
        VolumeRow vr = volume_row(a);
        int w = vr.label_w + U + vr.ctl;
        volume_build(a, R(pager_room.x + (pager_room.w - w) / 2, pager_room.y, w, ui->target));
        return y;
    }
    volume_build(a, R(U, y, width, ui->target));
    return y + ui->target + U;
}

/* Keeps level for the next start; says so to staff when it cannot. */
static void keep_volume(App *a, int level)
{
    char v[16];
    snprintf(v, sizeof v, "%d", level);
    k_err rc = store_kv_set(a->store, KV_VOLUME, v);
    if (rc == K_OK) {
        a->volume_problem[0] = '\0';
        return;
    }
    LOG_W("speech", "the volume could not be kept: %s", k_strerror(rc));
    snprintf(a->volume_problem, sizeof a->volume_problem,
             "The volume could not be saved (%s): it lasts until the kiosk restarts. Tell IT.",
             k_strerror(rc));
}

/* Says a short sample at the volume set. */
static void try_volume(App *a)
{
    static const char sample[] = "This is how loud Listen is for visitors.";
    SpeechText *t = calloc(1, sizeof *t);
    if (!t)
        return;
    snprintf(t->screen, sizeof t->screen, "staff-try");
    snprintf(t->lang, sizeof t->lang, "en-GB");
    snprintf(t->parts[0].lang, sizeof t->parts[0].lang, "en-GB");
    snprintf(t->parts[0].text, sizeof t->parts[0].text, "%s", sample);
    t->n = 1;
    k_err rc = speech_say(a->speech, t);
    if (rc != K_OK)
        LOG_I("speech", "the volume's sample is not heard: %s", k_strerror(rc));
    free(t);
}

bool staff_speech_tap(App *a, const char *id)
{
    if (strncmp(id, "staff.volume.", 13) != 0 || !a->speech)
        return false;
    int level = speech_volume(a->speech);
    if (!strcmp(id + 13, "plus"))
        level = level / VOLUME_STEP * VOLUME_STEP + VOLUME_STEP;
    else if (!strcmp(id + 13, "minus"))
        level = (level + VOLUME_STEP - 1) / VOLUME_STEP * VOLUME_STEP - VOLUME_STEP;
    else if (!strcmp(id + 13, "try")) {
        try_volume(a);
        return true;
    } else
        return false;
    level = level < 0 ? 0 : level > 100 ? 100 : level;
    if (level != speech_volume(a->speech)) {
        speech_set_volume(a->speech, level);
        keep_volume(a, level);
        LOG_I("speech", "staff set the volume to %d", level);
    }
    return true;
}
