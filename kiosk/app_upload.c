/* app_upload.c — the app's side of uploading: start and stop the uploader's
 * thread, and switch to a content pack it fetched, between visitors. */
#include "app_private.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/import.h"
#include "kiosk/log.h"

/* Switches to the pack the uploader imported (content.db) when it loads
 * and is for this hub; the current pack stays otherwise. */
static void switch_pack(App *a)
{
    char err[512];
    ContentPack *p = import_load_active(a->cfg.data_dir, err, sizeof err);
    if (!p)
        return;
    if (strcmp(content_hub_id(p), content_hub_id(a->pack)) != 0) {
        LOG_W("app", "the fetched content pack is for another hub; not used");
        content_free(p);
        return;
    }
    content_free(a->pack);
    a->pack = p;
    app_directory_reopen(a);
    a->nsessions = 0;
    memset(&a->next, 0, sizeof a->next);
    a->content_problem[0] = '\0';
    a->dirty = true;
    LOG_I("app", "content pack version %s from the central service in use", content_version(p));
}

k_err app_upload_start(App *a, char *err, size_t errlen)
{
    if (!a->cfg.central_url[0])
        return K_OK;
    const char *hub = a->cfg.hub_id[0] ? a->cfg.hub_id : content_hub_id(a->pack);
    a->up = upload_thread_start(&a->cfg, hub, err, errlen);
    if (!a->up)
        return K_ERR_INVALID;
    return K_OK;
}

void app_upload_stop(App *a)
{
    upload_thread_stop(a->up);
    a->up = NULL;
}

void app_upload_tick(App *a)
{
    if (a->up && a->screen == SCR_STAFF && a->staff_sending) {
        UploadStatus st;
        upload_thread_status(a->up, &st);
        if (memcmp(&st, &a->up_st, sizeof st) != 0) {
            a->up_st = st;
            if (st.pending >= 0) {
                a->counts.pending = st.pending;
                a->counts.rejected = st.rejected;
            }
            a->dirty = true;
        }
    }
    if (!a->up || a->screen != SCR_HOME || a->idle_prompt || a->pressed_id[0] ||
        a->long_press_armed)
        return;
    UploadStatus st;
    upload_thread_status(a->up, &st);
    if (st.content_generation == a->pack_generation)
        return;
    a->pack_generation = st.content_generation;
    switch_pack(a);
}
