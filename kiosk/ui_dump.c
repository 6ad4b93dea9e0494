/* ui_dump.c — the widget list written as JSON for headless runs (`dump`),
 * through a buffer of the module's own that is wiped once the file is
 * written. */
#include "ui_private.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/log.h"

/* A dump's way to its file: through this buffer of its own, wiped once the
 * file is written, so no copy of a visitor's words is left in memory that
 * stdio (json_dump_file's FILE) would free as it is. */
typedef struct {
    int fd;
    bool failed;
    size_t n;
    char buf[4096];
} DumpOut;

/* Writes out's buffer to its file; sets failed on an error. */
static void dump_flush(DumpOut *out)
{
    size_t done = 0;
    while (!out->failed && done < out->n) {
        ssize_t w = write(out->fd, out->buf + done, out->n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            out->failed = true;
        else
            done += (size_t)w;
    }
    out->n = 0;
}

/* jansson's callback: returns -1 once a write has failed, 0 otherwise. */
static int dump_write(const char *text, size_t len, void *ud)
{
    DumpOut *out = ud;
    while (len > 0 && !out->failed) {
        size_t room = sizeof out->buf - out->n, take = len < room ? len : room;
        memcpy(out->buf + out->n, text, take);
        out->n += take;
        text += take;
        len -= take;
        if (out->n == sizeof out->buf)
            dump_flush(out);
    }
    return out->failed ? -1 : 0;
}

/* Writes root to path as json_dump_file would, through a DumpOut. Returns
 * 0, or -1 when the file cannot be opened, written or closed. */
static int dump_to_path(const json_t *root, const char *path)
{
    DumpOut *out = calloc(1, sizeof *out);
    if (!out)
        return -1;
    out->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    int rc = -1;
    if (out->fd >= 0) {
        rc = json_dump_callback(root, dump_write, out, JSON_INDENT(1));
        dump_flush(out);
        if (close(out->fd) != 0 || out->failed)
            rc = -1;
    }
    sodium_memzero(out, sizeof *out);
    free(out);
    return rc;
}

k_err ui_dump(const Ui *ui, const char *screen, const char *path)
{
    json_t *root = json_object(), *arr = json_array();
    json_object_set_new(root, "screen", json_string(screen));
    json_object_set_new(root, "language", json_string(ui->lang ? ui->lang : ""));
    json_object_set_new(root, "rtl", json_boolean(ui->rtl));
    json_object_set_new(root, "size", json_pack("[ii]", ui->w, ui->h));
    json_object_set_new(root, "px_per_mm", json_real(ui->px_per_mm));
    json_object_set_new(root, "look", json_integer(ui->look));
    json_object_set_new(root, "large",
                        json_real((ui->look & THEME_LARGE) ? (ui->large > 0 ? ui->large : 1.5)
                                                           : 1.0));
    json_object_set_new(root, "floor_px", json_integer(theme_floor_px(ui->scale)));
    json_object_set_new(root, "fit", json_real(ui->fit > 0 && ui->fit < 1.0 ? ui->fit : 1.0));
    for (int i = 0; i < ui->n; i++) {
        const UiWidget *w = &ui->w_list[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:[iiii], s:b, s:b, s:b, s:i}", "id", w->id,
                              "role", ui_role_name(w->role), "text", w->text, "sub", w->sub,
                              "rect", w->rect.x, w->rect.y, w->rect.w, w->rect.h, "enabled",
                              w->enabled, "checked", w->checked, "fits", w->fits, "font_px",
                              w->font_px);
        ThemeRgb ink, back;
        bool boxed;
        char ih[8], bh[8];
        ui_widget_colours(ui, i, &ink, &back, &boxed);
        theme_hex(ink, ih);
        theme_hex(back, bh);
        if (o) {
            json_object_set_new(o, "icon", json_integer(theme_glyph_cp(w->icon)));
            if (w->label[0])
                json_object_set_new(o, "label", json_string(w->label));
            json_object_set_new(o, "ink", json_string(ih));
            json_object_set_new(o, "back", json_string(bh));
            json_array_append_new(arr, o);
        }
    }
    json_object_set_new(root, "widgets", arr);
    int rc = dump_to_path(root, path);
    json_decref(root);
    if (rc != 0) {
        LOG_E("ui", "cannot write dump %s", path);
        return K_ERR_IO;
    }
    return K_OK;
}
