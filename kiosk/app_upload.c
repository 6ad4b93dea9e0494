/* app_upload.c — the app's side of uploading: start and stop the uploader's
 * thread, the store opened again shared once a full disk has room (the
 * uploader waits for it), and a switch to a content pack the uploader
 * fetched, between visitors. */
#include "app_private.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/clock.h"
#include "kiosk/config.h"
#include "kiosk/import.h"
#include "kiosk/log.h"

/* The first wait before a store held alone is tried again, and the longest
 * (each failed try doubles it). */
#define SHARE_FIRST_MS 5000u
#define SHARE_LONGEST_MS (5u * 60u * 1000u)

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

void app_store_note(App *a)
{
    const char *kept = store_recovered_from(a->store);
    int n = 0;
    a->db_problem[0] = '\0';
    if (kept) {
        n = snprintf(a->db_problem, sizeof a->db_problem,
                     "The database was damaged and has been replaced; what could be read was "
                     "kept. The damaged copy is at %.400s for IT.", kept);
        LOG_E("app", "%s", a->db_problem);
        if (n < 0 || (size_t)n >= sizeof a->db_problem)
            return;
    }
    if (store_cannot_open(a->store)) {
        snprintf(a->db_problem + n, sizeof a->db_problem - (size_t)n,
                 "%sThis kiosk cannot open its records. Call IT.", n ? " " : "");
        LOG_E("app", "the database cannot be opened (not a full disk: the file was replaced, "
              "its permissions changed or it cannot be read); the kiosk tries again by itself");
    } else if (store_is_alone(a->store)) {
        snprintf(a->db_problem + n, sizeof a->db_problem - (size_t)n,
                 "%sThis kiosk's storage is full: new records cannot be saved%s. Free some "
                 "space: the kiosk tries again by itself every few minutes, with no restart.",
                 n ? " " : "", a->cfg.central_url[0] ? ", and the records already saved "
                                                       "are not being sent" : "");
        LOG_E("app", "storage is full: records cannot be saved or sent until space is freed; "
              "the kiosk tries again by itself");
    }
}

/* While the store is held alone: at share_next, opens it again shared and
 * starts the uploader, or doubles the wait. */
static void share_tick(App *a)
{
    uint64_t now = clock_ms();
    if (now < a->share_next)
        return;
    k_err rc = store_share(a->store);
    if (rc != K_OK) {
        a->share_wait = a->share_wait * 2 > SHARE_LONGEST_MS ? SHARE_LONGEST_MS
                                                              : a->share_wait * 2;
        a->share_next = now + a->share_wait;
        LOG_W("app", "storage still cannot be shared (%s): tried again in %u s",
              k_strerror(rc), (unsigned)(a->share_wait / 1000));
        app_store_note(a);     /* full, or cannot be opened: staff see which */
        a->dirty = true;
        return;
    }
    app_store_note(a);
    a->dirty = true;
    LOG_I("app", "storage has room again: records are saved and sent as usual");
    char err[600];
    if (app_upload_start(a, err, sizeof err) != K_OK)
        LOG_E("app", "the uploader could not start: %s", err);
}

k_err app_upload_start(App *a, char *err, size_t errlen)
{
    if (!a->cfg.central_url[0] && !store_is_alone(a->store))
        return K_OK;
    if (store_is_alone(a->store)) {
        /* the uploader cannot open the database yet: it starts once
         * share_tick has opened it again shared; its token is checked now */
        if (!a->share_wait) {
            a->share_wait = SHARE_FIRST_MS;
            a->share_next = clock_ms() + SHARE_FIRST_MS;
        }
        if (!a->cfg.central_url[0])
            return K_OK;
        char token[512];
        k_err rc = config_read_token(a->cfg.token_file, token, sizeof token, err, errlen);
        sodium_memzero(token, sizeof token);
        if (rc == K_OK)
            LOG_W("app", "uploading waits until the database can be shared");
        return rc;
    }
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
    if (store_is_alone(a->store))
        share_tick(a);
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
