/* directory_service.c — one service rebuilt from its row: the ORUK object
 * the import kept, with the name and description of the visitor's
 * language put in before it is read by service_parse, so the kiosk holds
 * only the service on screen. */
#include "directory_private.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/log.h"

static const char service_sql[] =
    "SELECT s.json, s.description <> '',"
    " coalesce(t1.name, t2.name), coalesce(t1.description, t2.description)"
    " FROM service s"
    " LEFT JOIN service_text t1 ON t1.service = s.rowid AND t1.lang = ?2"
    " LEFT JOIN service_text t2 ON t2.service = s.rowid AND t2.lang = ?3"
    " WHERE s.id = ?1";

/* Sets obj[key] to the text s; false when out of memory. */
static bool put(json_t *obj, const char *key, const char *s)
{
    return json_object_set_new(obj, key, json_string(s)) == 0;
}

Service *directory_service(Directory *d, const char *id, const char *lang, bool *translated_all)
{
    if (translated_all)
        *translated_all = false;
    if (!d || !d->db || !id)
        return NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(d->db, service_sql, -1, &st, NULL) != SQLITE_OK) {
        LOG_E(DIR_MOD, "reading a service: %s", sqlite3_errmsg(d->db));
        return NULL;
    }
    char exact[K_LANG_BUF], primary[K_LANG_BUF];
    bool is_en;
    directory_lang_keys(lang, exact, primary, &is_en);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, exact, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, primary, -1, SQLITE_STATIC);
    Service *s = NULL;
    json_t *obj = NULL;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            LOG_E(DIR_MOD, "reading a service: %s", sqlite3_errmsg(d->db));
        goto out_finalize;
    }
    json_error_t je;
    const char *json = (const char *)sqlite3_column_text(st, 0);
    obj = json ? json_loads(json, JSON_REJECT_DUPLICATES, &je) : NULL;
    if (!json_is_object(obj)) {
        LOG_E(DIR_MOD, "a service's stored object does not read back");
        goto out_finalize;
    }
    bool has_desc = sqlite3_column_int(st, 1) != 0;
    const char *name = (const char *)sqlite3_column_text(st, 2);
    const char *desc = (const char *)sqlite3_column_text(st, 3);
    bool all = is_en || (name && (desc || !has_desc));
    if (!is_en && name && !put(obj, "name", name))
        goto out_finalize;
    if (!is_en && desc && !put(obj, "description", desc))
        goto out_finalize;
    char err[300];
    s = service_parse(obj, id, err, sizeof err);
    if (!s)
        LOG_E(DIR_MOD, "a stored service no longer reads: %s", err);
    else if (translated_all)
        *translated_all = all;
out_finalize:
    json_decref(obj);
    sqlite3_finalize(st);
    return s;
}
