/* import.c — applying a content pack: checked whole by content.c, its
 * services parsed one by one (a service that fails its own checks is left
 * out and noted for staff), written from the tree the checks read (the
 * pack is parsed once) with the directory writer into
 * content.db.new together with the active pack (the pack less its
 * services and their translations), then fsynced and renamed over
 * content.db. The start-up rule and the active pack are in
 * import_start.c. */
#include "kiosk/import.h"

#include <fcntl.h>
#include <jansson.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "import_private.h"
#include "kiosk/content_json.h"
#include "kiosk/directory.h"
#include "kiosk/log.h"
#include "kiosk/mem_wipe.h"
#include "kiosk/service.h"

#define MOD "import"

void import_db_path(const char *data_dir, char *out, size_t cap)
{
    snprintf(out, cap, "%.600s/content.db", data_dir);
}

/* True when the service is delivered at the hub's location. */
static bool at_hub(const Service *s, const char *hub_loc)
{
    for (size_t i = 0; hub_loc[0] && i < s->n_location_ids; i++)
        if (!strcmp(s->location_ids[i], hub_loc))
            return true;
    return false;
}

/* Notes a service left out: the message is "services[12].name: is
 * missing"; path is what comes before the first ": ", problem the rest. */
static k_err left_out(DirWriter *w, const char *msg)
{
    char path[300];
    const char *colon = strstr(msg, ": ");
    if (colon && colon - msg < (long)sizeof path) {
        snprintf(path, sizeof path, "%.*s", (int)(colon - msg), msg);
        return directory_writer_left_out(w, path, colon + 2);
    }
    return directory_writer_left_out(w, "services", msg);
}

/* The raw object of service s: the next one from *j on with its id (the
 * pack's services are in pack order, those left out skipped). */
static const json_t *raw_of(const json_t *arr, size_t *j, const Service *s)
{
    for (; *j < json_array_size(arr); (*j)++) {
        const json_t *v = json_array_get(arr, *j);
        const char *id = json_string_value(json_object_get(v, "id"));
        if (id && !strcmp(id, s->id))
            return v;
    }
    return NULL;
}

/* Writes every service the pack kept, each with its object as given, and
 * notes those left out; ids gets each written service's id (a JSON object
 * used as a set) for the translations. Each written service's object is
 * replaced by null in root (content_json.h), so its memory goes back as
 * the import goes on. */
static k_err write_services(DirWriter *w, const ContentPack *p, json_t *root, json_t *ids,
                            ImportSummary *sum)
{
    json_t *arr = json_object_get(root, "services");
    const char *hub_loc = content_hub_location_id(p);
    size_t j = 0;
    for (size_t i = 0; i < content_service_count(p); i++) {
        const Service *s = content_service(p, i);
        const json_t *raw = raw_of(arr, &j, s);
        char *json = raw ? json_dumps(raw, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        DirServiceIn in = { s->id, s->name, s->organization, s->description, at_hub(s, hub_loc),
                            (const char *const *)s->taxonomy_ids, s->n_taxonomy_ids, json };
        k_err e = json ? directory_writer_service(w, &in) : K_ERR_NOMEM;
        if (e == K_OK && json_object_set_new(ids, s->id, json_true()) != 0)
            e = K_ERR_NOMEM;
        free(json);
        if (e == K_OK)   /* written: its tree goes back now, not at the end */
            json_array_set_new(arr, j, json_null());
        if (e != K_OK)
            return e;
        sum->services++;
    }
    for (size_t i = 0; i < content_left_out_count(p); i++) {
        k_err e = left_out(w, content_left_out(p, i));
        if (e != K_OK)
            return e;
        sum->left_out++;
    }
    return K_OK;
}

/* Writes the needs, then every translation of a service or a need; each
 * service's translation is taken out of root once written (content_json.h:
 * the active pack was made before). */
static k_err write_needs_and_texts(DirWriter *w, const ContentPack *p, json_t *root,
                                   const json_t *ids, ImportSummary *sum)
{
    for (size_t i = 0; i < content_need_count(p); i++) {
        k_err e = directory_writer_need(w, content_need(p, i));
        if (e != K_OK)
            return e;
        sum->needs++;
    }
    const char *lang;
    json_t *texts;
    json_object_foreach(json_object_get(root, "translations"), lang, texts) {
        sum->languages++;
        const char *id;
        json_t *t;
        void *next;
        json_object_foreach_safe(texts, next, id, t) {
            const char *name = json_string_value(json_object_get(t, "name"));
            const char *desc = json_string_value(json_object_get(t, "description"));
            k_err e = K_OK;
            bool service = json_object_get(ids, id) != NULL;
            if (service)
                e = directory_writer_service_text(w, id, lang, name, desc);
            else if (name && content_need_by_id(p, id))
                e = directory_writer_need_text(w, id, lang, name);
            if (e != K_OK)
                return e;
            if (service)
                json_object_del(texts, id);
        }
    }
    return K_OK;
}

/* True when id is one of the pack's sessions (a session may also be in
 * the directory under the same id). */
static bool is_session(const json_t *root, const char *id)
{
    size_t i;
    const json_t *s;
    json_array_foreach(json_object_get(root, "sessions"), i, s) {
        const char *sid = json_string_value(json_object_get(s, "id"));
        if (sid && !strcmp(sid, id))
            return true;
    }
    return false;
}

/* The active pack: root without "services", and without the translations
 * of services that are not also sessions (they are in the directory).
 * Built from references into root, not copies. NULL when out of memory. */
static char *active_pack(const json_t *root, const json_t *ids)
{
    json_t *top = json_object();
    const char *key;
    json_t *v;
    bool ok = top != NULL;
    json_object_foreach((json_t *)root, key, v) {
        if (!ok || !strcmp(key, "services"))
            continue;
        if (strcmp(key, "translations") != 0 || !json_is_object(v)) {
            ok = json_object_set(top, key, v) == 0;
            continue;
        }
        json_t *tr = json_object();
        ok = json_object_set_new(top, key, tr) == 0; /* frees tr when it fails */
        const char *lang;
        json_t *texts;
        json_object_foreach(v, lang, texts) {
            json_t *keep = ok ? json_object() : NULL;
            ok = ok && json_object_set_new(tr, lang, keep) == 0;
            const char *id;
            json_t *t;
            json_object_foreach(texts, id, t) {
                if (ok && (!json_object_get(ids, id) || is_session(root, id)))
                    ok = json_object_set(keep, id, t) == 0;
            }
        }
    }
    char *s = ok ? json_dumps(top, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(top);
    return s;
}

static k_err write_meta(DirWriter *w, const ContentPack *p, const char *source, const char *sig,
                        const char *active)
{
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    k_err e = directory_writer_meta(w, "version", content_version(p));
    if (e == K_OK)
        e = directory_writer_meta(w, "hub_id", content_hub_id(p));
    if (e == K_OK)
        e = directory_writer_meta(w, "imported_at", when);
    if (e == K_OK)
        e = directory_writer_meta(w, "source", source ? source : "");
    if (e == K_OK)
        e = directory_writer_meta(w, "source_sig", sig);
    if (e == K_OK)
        e = directory_writer_meta(w, "active_pack", active);
    return e;
}

/* fsync of a directory, so that a rename in it is on disk. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        if (fsync(fd) != 0)
            LOG_W(MOD, "%s: the directory could not be synced", dir);
        close(fd);
    }
}

/* What the start-up rule keeps (import_start.c): a pack for hub that is
 * older than version is not imported. NULL hub: any pack is. */
typedef struct {
    const char *hub, *version;
    bool skipped;   /* set when the pack was older and nothing changed */
} Keep;

/* Imports the pack p (taken: freed here) read from origin, with sig noted
 * as the file's signature (import_start.c). */
static k_err import_pack(ContentPack *p, const char *origin, const char *source,
                         const char *sig, const char *data_dir, Keep *keep,
                         ImportSummary *sum, char *err, size_t errlen)
{
    (void)mem_wipe_init();
    snprintf(sum->version, sizeof sum->version, "%s", content_version(p));
    snprintf(sum->hub_id, sizeof sum->hub_id, "%s", content_hub_id(p));
    if (keep && keep->hub && !strcmp(keep->hub, content_hub_id(p)) &&
        import_version_cmp(content_version(p), keep->version) < 0) {
        LOG_I(MOD, "%s: version %s is older than %s in use; not imported", origin,
              content_version(p), keep->version);
        keep->skipped = true;
        content_free(p);
        return K_OK;
    }
    k_err e = K_ERR_NOMEM;
    char db[700], tmp[720];
    char *active = NULL;
    DirWriter *w = NULL;
    json_t *root = content_json(p); /* the tree the checks read: parsed once */
    json_t *ids = json_object();
    if (!ids) {
        snprintf(err, errlen, "%s: out of memory", origin);
        goto out_free;
    }
    import_db_path(data_dir, db, sizeof db);
    snprintf(tmp, sizeof tmp, "%s.new", db);
    w = directory_writer_open(tmp, err, errlen);
    e = K_ERR_DB;
    if (!w)
        goto out_free;
    e = write_services(w, p, root, ids, sum);
    /* before the translations are written (and taken out of root) */
    active = e == K_OK ? active_pack(root, ids) : NULL;
    if (e == K_OK && !active)
        e = K_ERR_NOMEM;
    if (e == K_OK)
        e = write_needs_and_texts(w, p, root, ids, sum);
    if (e == K_OK)
        e = write_meta(w, p, source, sig, active);
    if (e != K_OK) {
        snprintf(err, errlen, "%s: the directory could not be written (%s)", origin,
                 k_strerror(e));
        directory_writer_abort(w);
        goto out_free;
    }
    e = directory_writer_finish(w, err, errlen);
    if (e != K_OK)
        goto out_free;
    if (rename(tmp, db) != 0) {
        snprintf(err, errlen, "%s: cannot put the new directory in place", db);
        unlink(tmp);
        e = K_ERR_IO;
        goto out_free;
    }
    sync_dir(data_dir);
    LOG_I(MOD, "content pack %s imported: %zu services (%zu left out), %zu needs",
          sum->version, sum->services, sum->left_out, sum->needs);
out_free:
    free(active);
    json_decref(ids);
    content_free(p);
    malloc_trim(0); /* a large pack's memory goes back before the kiosk runs on */
    return e;
}

/* Starts a summary (local when sum is NULL). */
static ImportSummary *summary(ImportSummary *sum, ImportSummary *local)
{
    if (!sum)
        sum = local;
    memset(sum, 0, sizeof *sum);
    return sum;
}

k_err import_buffer(const char *json, size_t len, const char *origin, const char *source,
                    const char *data_dir, ImportSummary *sum, char *err, size_t errlen)
{
    ImportSummary local;
    sum = summary(sum, &local);
    (void)mem_wipe_init();
    ContentPack *p = content_load_buffer(json, len, origin, err, errlen);
    if (!p)
        return K_ERR_INVALID;
    return import_pack(p, origin, source, "", data_dir, NULL, sum, err, errlen);
}

k_err import_file_unless_older(const char *path, const char *data_dir, const char *hub,
                               const char *version, bool *imported, char *err, size_t errlen)
{
    char sig[800];
    k_err why;
    ImportSummary local;
    *imported = false;
    ContentPack *p = import_load_file(path, sig, sizeof sig, &why, err, errlen);
    if (!p)
        return why;
    Keep keep = { hub, version, false };
    k_err e = import_pack(p, path, path, sig, data_dir, &keep, summary(NULL, &local), err,
                          errlen);
    *imported = e == K_OK && !keep.skipped;
    return e;
}

k_err import_file(const char *path, const char *data_dir, ImportSummary *sum, char *err,
                  size_t errlen)
{
    char sig[800];
    k_err why;
    ImportSummary local;
    sum = summary(sum, &local);
    ContentPack *p = import_load_file(path, sig, sizeof sig, &why, err, errlen);
    if (!p)
        return why;
    return import_pack(p, path, path, sig, data_dir, NULL, sum, err, errlen);
}
