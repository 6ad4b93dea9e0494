/* uploader_content.c — the content half of the engine: GET the hub's pack
 * with If-None-Match, check that a new one is for this hub, and import it
 * as a file import is (import.h: checked whole, content.db replaced in one
 * step) for the app to switch to between visitors. */
#include "uploader_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/clock.h"
#include "kiosk/content.h"
#include "kiosk/import.h"
#include "kiosk/log.h"

#define MOD "upload"
#define KV_ETAG "content_etag"

/* The data directory: the directory of the pack path. */
static void data_dir_of(const char *pack_path, char *out, size_t cap)
{
    snprintf(out, cap, "%s", pack_path);
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(out, cap, ".");
}

static bool hub_id_ok(const char *id)
{
    return id[0] && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789._-") == strlen(id);
}

/* A 200 with a pack: check it whole, keep it, remember its ETag. */
static void take_pack(Uploader *u, const HttpResponse *r)
{
    char err[300];
    ContentPack *p = content_load_buffer(r->body ? r->body : "", r->len,
                                         "the central service's pack", err, sizeof err);
    if (!p) {
        snprintf(u->st.content_problem, sizeof u->st.content_problem, "%s", err);
        LOG_W(MOD, "content pack from the central service refused; the current one stays");
        return;
    }
    if (strcmp(content_hub_id(p), u->hub_id) != 0) {
        snprintf(u->st.content_problem, sizeof u->st.content_problem,
                 "the central service's pack is for hub %.60s, not %.60s", content_hub_id(p),
                 u->hub_id);
        content_free(p);
        return;
    }
    char dir[600];
    data_dir_of(u->pack_path, dir, sizeof dir);
    k_err e = u->pack_path[0] ? import_buffer(r->body, r->len, "the central service's pack",
                                              "central", dir, NULL, err, sizeof err)
                              : K_OK;
    if (e == K_ERR_INVALID) {
        snprintf(u->st.content_problem, sizeof u->st.content_problem, "%s", err);
        content_free(p);
        return;
    }
    if (e != K_OK) {
        snprintf(u->st.content_problem, sizeof u->st.content_problem,
                 "a new pack arrived but could not be kept (storage)");
        LOG_W(MOD, "the central service's pack could not be imported: %s", err);
        content_free(p);
        return;
    }
    snprintf(u->st.content_version, sizeof u->st.content_version, "%s", content_version(p));
    u->st.content_problem[0] = '\0';
    u->st.content_generation++;
    LOG_I(MOD, "content pack version %s fetched and kept", content_version(p));
    content_free(p);
    if (r->etag[0] && store_kv_set(u->s, KV_ETAG, r->etag) != K_OK)
        LOG_W(MOD, "could not keep the content pack's ETag; it will be fetched again");
}

void uploader_content_due(Uploader *u, uint64_t now_ms)
{
    u->content_next_ms = now_ms + (uint64_t)u->content_interval_s * 1000u;
    if (!hub_id_ok(u->hub_id)) {
        snprintf(u->st.content_problem, sizeof u->st.content_problem,
                 "the hub id is not one a URL can carry");
        return;
    }
    char path[200], etag[160] = "";
    snprintf(path, sizeof path, "/v1/hubs/%s/content", u->hub_id);
    if (store_kv_get(u->s, KV_ETAG, etag, sizeof etag) != K_OK)
        etag[0] = '\0';
    HttpRequest req = { "GET", path, NULL, 0, etag[0] ? etag : NULL, UPLOAD_MAX_PACK };
    HttpResponse r;
    if (u->send(u->ud, &req, &r) != K_OK) {
        memset(&r, 0, sizeof r);
        r.fail = HTTP_FAIL_OTHER;
    }
    if (r.fail == HTTP_FAIL_NONE && (r.status == 200 || r.status == 304))
        u->st.content_checked = clock_now();
    if (r.fail == HTTP_FAIL_NONE && r.status == 200)
        take_pack(u, &r);
    else if (r.fail == HTTP_FAIL_NONE && r.status != 304)
        LOG_W(MOD, "content pack check: answer %ld", r.status);
    http_response_free(&r);
}
