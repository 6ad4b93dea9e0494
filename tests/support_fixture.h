/* support_fixture.h — for the find-support tests: a kiosk with the test
 * pack tests/data/support-screens-pack.json (three need groups, five needs
 * of which one is sensitive, six services, Tamil and Urdu translations),
 * and its directory (content.db) written from the pack with the
 * directory's writer, as an import does. */
#ifndef KIOSK_TEST_SUPPORT_FIXTURE_H
#define KIOSK_TEST_SUPPORT_FIXTURE_H

#include <jansson.h>

#include "harness.h"
#include "kiosk/content.h"
#include "kiosk/directory.h"
#include "kiosk/service.h"

#define SUPPORT_PACK "tests/data/support-screens-pack.json"

static inline bool support_holds(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ids[i], id))
            return true;
    return false;
}

/* Writes DATA_DIR/content.db from the pack. Returns 0 on success. */
static inline int support_write_directory(Harness *h)
{
    char path[700], err[512];
    mkdir(h->cfg.data_dir, 0700);
    snprintf(path, sizeof path, "%s/content.db", h->cfg.data_dir);
    ContentPack *p = content_load(SUPPORT_PACK, err, sizeof err);
    json_t *root = json_load_file(SUPPORT_PACK, 0, NULL);
    DirWriter *w = p && root ? directory_writer_open(path, err, sizeof err) : NULL;
    int rc = w ? 0 : -1;
    json_t *svcs = json_object_get(root, "services"), *o;
    size_t i;
    json_array_foreach(svcs, i, o) {
        if (rc)
            break;
        Service *s = service_parse(o, "services[]", err, sizeof err);
        char *js = json_dumps(o, JSON_COMPACT);
        if (!s || !js) {
            rc = -1;
        } else {
            DirServiceIn in = { .id = s->id, .name = s->name, .organization = s->organization,
                                .description = s->description,
                                .at_hub = support_holds(s->location_ids, s->n_location_ids,
                                                        content_hub_location_id(p)),
                                .taxonomy_ids = (const char *const *)s->taxonomy_ids,
                                .n_taxonomy_ids = s->n_taxonomy_ids, .json = js };
            rc = directory_writer_service(w, &in) == K_OK ? 0 : -1;
        }
        free(js);
        service_free(s);
    }
    json_t *tr = json_object_get(root, "translations"), *texts;
    const char *lang;
    json_object_foreach(tr, lang, texts) {
        const char *id;
        json_t *t;
        json_object_foreach(texts, id, t) {
            const char *name = json_string_value(json_object_get(t, "name"));
            const char *desc = json_string_value(json_object_get(t, "description"));
            if (rc || !content_service_by_id(p, id))
                continue;
            rc = directory_writer_service_text(w, id, lang, name, desc ? desc : "") == K_OK ? 0
                                                                                          : -1;
        }
    }
    for (i = 0; !rc && i < content_need_count(p); i++) {
        const ContentNeed *n = content_need(p, i);
        rc = directory_writer_need(w, n) == K_OK ? 0 : -1;
        json_object_foreach(tr, lang, texts) {
            const char *name =
                json_string_value(json_object_get(json_object_get(texts, n->id), "name"));
            if (!rc && name)
                rc = directory_writer_need_text(w, n->id, lang, name) == K_OK ? 0 : -1;
        }
    }
    if (w && rc)
        directory_writer_abort(w);
    else if (w && directory_writer_finish(w, err, sizeof err) != K_OK)
        rc = -1;
    if (rc)
        fprintf(stderr, "support fixture: %s\n", err);
    json_decref(root);
    content_free(p);
    return rc;
}

/* A harness on the test pack with its directory written. */
static inline void support_open(Harness *h)
{
    harness_open(h);
    snprintf(h->cfg.content_pack, sizeof h->cfg.content_pack, "%s", SUPPORT_PACK);
    if (support_write_directory(h) != 0)
        abort();
}

/* With KIOSK_SHOTS=DIR set, copies the run's PNGs there (for a look by
 * eye), each name prefixed. */
static inline void support_keep_shots(Harness *h, const char *prefix)
{
    const char *dir = getenv("KIOSK_SHOTS");
    if (!dir)
        return;
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s' && for f in '%s'/*.png; do [ -e \"$f\" ] && "
             "cp \"$f\" '%s/%s-'\"$(basename \"$f\")\"; done; true",
             dir, h->out, dir, prefix);
    if (system(cmd) != 0)
        fprintf(stderr, "could not copy the shots to %s\n", dir);
}

#endif
