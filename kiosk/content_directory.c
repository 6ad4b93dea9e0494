/* content_directory.c — the support directory of a content pack: the need
 * groups, the needs ("I am struggling financially"...) and the services
 * (ORUK service objects, read by service.c).
 *
 * The needs and groups are the pack's own structure: any fault in them
 * refuses the pack. The services come from a directory's feed: one that
 * fails its own checks is left out, with its JSON path and problem kept for
 * staff, and the rest load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_private.h"
#include "kiosk/content_json.h"
#include "kiosk/limits.h"
#include "kiosk/log.h"
#include "kiosk/service.h"

#define MOD "content"
#define ICON_MAX 64

/* A Material Icons name: lower-case letters, digits and '_'. */
static bool is_icon_name(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_'))
            return false;
    return n > 0 && n <= ICON_MAX;
}

/* obj.icon: optional ("" when absent), a Material Icons name. */
static bool get_icon(CpCtx *c, const json_t *obj, const char *at, const char **out)
{
    char path[256];
    if (!cp_get_text(c, obj, "icon", at, false, ICON_MAX, out))
        return false;
    cp_join_key(path, sizeof path, at, "icon");
    if (**out && !is_icon_name(*out))
        return cp_fail(c, path, "expected a Material Icons name such as \"savings\"");
    return true;
}

/* Where else id is used in the pack: "" when nowhere. */
static const char *id_used(const ContentPack *p, const char *id, char *buf, size_t n)
{
    if (strcmp(id, p->hub_id) == 0)
        return "the hub";
    for (size_t i = 0; i < p->nsessions; i++)
        if (strcmp(id, p->sessions[i].id) == 0) {
            snprintf(buf, n, "sessions[%zu]", i);
            return buf;
        }
    for (size_t i = 0; i < p->nservices; i++)
        if (strcmp(id, p->services[i]->id) == 0)
            return "a service";
    for (size_t i = 0; i < p->ngroups; i++)
        if (strcmp(id, p->groups[i].id) == 0) {
            snprintf(buf, n, "need_groups[%zu]", i);
            return buf;
        }
    for (size_t i = 0; i < p->nneeds; i++)
        if (strcmp(id, p->needs[i].id) == 0) {
            snprintf(buf, n, "needs[%zu]", i);
            return buf;
        }
    return "";
}

static bool check_new_id(CpCtx *c, const ContentPack *p, const char *id, const char *at)
{
    char path[256], where[64], q[48];
    const char *used = id_used(p, id, where, sizeof where);
    if (!*used)
        return true;
    cp_join_key(path, sizeof path, at, "id");
    return cp_fail(c, path, "\"%s\" is already used by %s", cp_shown(id, q), used);
}

static bool read_groups(CpCtx *c, ContentPack *p)
{
    const json_t *arr;
    if (!cp_get_array(c, p->root, "need_groups", "", false, &arr))
        return false;
    size_t n = json_array_size(arr);
    if (n == 0)
        return true;
    if (!(p->groups = calloc(n, sizeof *p->groups)))
        return cp_fail(c, "need_groups", "out of memory");
    for (size_t i = 0; i < n; i++) {
        char at[64];
        const json_t *v = json_array_get(arr, i);
        ContentNeedGroup *g = &p->groups[i];
        cp_join_index(at, sizeof at, "need_groups", i);
        if (!json_is_object(v))
            return cp_fail(c, at, "expected an object, got %s", cp_type_name(v));
        if (!cp_get_text(c, v, "id", at, true, K_ID_MAX_CP, &g->id) ||
            !cp_get_text(c, v, "name", at, true, K_NAME_MAX_CP, &g->name) ||
            !get_icon(c, v, at, &g->icon) || !check_new_id(c, p, g->id, at))
            return false;
        p->ngroups++;
    }
    return true;
}

/* obj[key]: an optional array of non-empty id strings, kept as pointers
 * into the pack. */
static bool read_ids(CpCtx *c, const json_t *obj, const char *key, const char *at,
                     const char *const **out, size_t *n)
{
    const json_t *arr;
    char path[256];
    *out = NULL;
    *n = 0;
    if (!cp_get_array(c, obj, key, at, false, &arr))
        return false;
    cp_join_key(path, sizeof path, at, key);
    size_t k = json_array_size(arr);
    if (k == 0)
        return true;
    const char **ids = calloc(k, sizeof *ids);
    if (!ids)
        return cp_fail(c, path, "out of memory");
    *out = ids;
    for (size_t i = 0; i < k; i++) {
        char ipath[256];
        cp_join_index(ipath, sizeof ipath, path, i);
        if (!cp_check_text(c, json_array_get(arr, i), ipath, K_ID_MAX_CP, &ids[i]))
            return false;
        (*n)++;
    }
    return true;
}

static bool read_needs(CpCtx *c, ContentPack *p)
{
    const json_t *arr;
    char path[256], q[48];
    if (!cp_get_array(c, p->root, "needs", "", false, &arr))
        return false;
    size_t n = json_array_size(arr);
    if (n == 0)
        return true;
    if (!(p->needs = calloc(n, sizeof *p->needs)))
        return cp_fail(c, "needs", "out of memory");
    for (size_t i = 0; i < n; i++) {
        char at[64];
        const json_t *v = json_array_get(arr, i);
        ContentNeed *nd = &p->needs[i];
        cp_join_index(at, sizeof at, "needs", i);
        if (!json_is_object(v))
            return cp_fail(c, at, "expected an object, got %s", cp_type_name(v));
        p->nneeds++;    /* content_free_directory frees its id lists */
        if (!cp_get_text(c, v, "id", at, true, K_ID_MAX_CP, &nd->id) ||
            !cp_get_text(c, v, "name", at, true, K_NAME_MAX_CP, &nd->name) ||
            !get_icon(c, v, at, &nd->icon) ||
            !cp_get_text(c, v, "group", at, false, K_ID_MAX_CP, &nd->group))
            return false;
        p->nneeds--;
        if (!check_new_id(c, p, nd->id, at))
            return false;
        p->nneeds++;
        bool known = !*nd->group;
        for (size_t g = 0; g < p->ngroups && !known; g++)
            known = strcmp(p->groups[g].id, nd->group) == 0;
        cp_join_key(path, sizeof path, at, "group");
        if (!known)
            return cp_fail(c, path, "\"%s\" is not the id of any need_groups entry",
                           cp_shown(nd->group, q));
        const json_t *sens = json_object_get(v, "sensitive");
        cp_join_key(path, sizeof path, at, "sensitive");
        if (sens && !json_is_null(sens) && !json_is_boolean(sens))
            return cp_fail(c, path, "expected a boolean, got %s", cp_type_name(sens));
        nd->sensitive = json_is_true(sens);
        if (!read_ids(c, v, "service_ids", at, &nd->service_ids, &nd->n_service_ids) ||
            !read_ids(c, v, "taxonomy_ids", at, &nd->taxonomy_ids, &nd->n_taxonomy_ids))
            return false;
    }
    return true;
}

static bool leave_out(CpCtx *c, ContentPack *p, const char *why)
{
    char *copy = strdup(why);
    if (!copy)
        return cp_fail(c, "services", "out of memory");
    p->left_out[p->nleft_out++] = copy;
    return true;
}

static bool read_services(CpCtx *c, ContentPack *p)
{
    const json_t *arr;
    char q[48];
    if (!cp_get_array(c, p->root, "services", "", false, &arr))
        return false;
    size_t n = json_array_size(arr);
    if (n == 0)
        return true;
    p->services = calloc(n, sizeof *p->services);
    p->left_out = calloc(n, sizeof *p->left_out);
    json_t *seen = json_object();   /* id -> index, for duplicates */
    if (!p->services || !p->left_out || !seen) {
        json_decref(seen);
        return cp_fail(c, "services", "out of memory");
    }
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        char at[64], why[320];
        const json_t *v = json_array_get(arr, i);
        cp_join_index(at, sizeof at, "services", i);
        /* Duplicate ids refuse the pack even when a copy is left out. */
        const json_t *id = json_object_get(v, "id");
        if (json_is_string(id) && json_string_length(id) > 0) {
            const char *key = json_string_value(id);
            const json_t *first = json_object_getn(seen, key, json_string_length(id));
            if (first) {
                char path[80];
                cp_join_key(path, sizeof path, at, "id");
                ok = cp_fail(c, path, "\"%s\" is already used by services[%" JSON_INTEGER_FORMAT
                             "]", cp_shown(key, q), json_integer_value(first));
                break;
            }
            if (json_object_setn_new(seen, key, json_string_length(id),
                                     json_integer((json_int_t)i)) != 0) {
                ok = cp_fail(c, "services", "out of memory");
                break;
            }
        }
        Service *s = service_parse(v, at, why, sizeof why);
        if (!s) {
            ok = leave_out(c, p, why);
            continue;
        }
        p->services[p->nservices++] = s;
        if (strcmp(s->id, p->hub_id) == 0)
            ok = cp_fail(c, at, "id \"%s\" is already the hub's id", cp_shown(s->id, q));
    }
    json_decref(seen);
    if (ok && p->nleft_out > 0)
        LOG_W(MOD, "%zu services left out; the first: %s", p->nleft_out, p->left_out[0]);
    return ok;
}

json_t *content_json(ContentPack *p)
{
    return p ? p->root : NULL;
}

bool content_read_directory(CpCtx *c, ContentPack *p)
{
    return read_services(c, p) && read_groups(c, p) && read_needs(c, p);
}

void content_free_directory(ContentPack *p)
{
    for (size_t i = 0; i < p->nneeds; i++) {
        free((void *)p->needs[i].service_ids);
        free((void *)p->needs[i].taxonomy_ids);
    }
    free(p->needs);
    free(p->groups);
    for (size_t i = 0; i < p->nservices; i++)
        service_free(p->services[i]);
    free(p->services);
    for (size_t i = 0; i < p->nleft_out; i++)
        free(p->left_out[i]);
    free(p->left_out);
}
