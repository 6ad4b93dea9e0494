/* service.c — one ORUK (HSDS 3.0 UK profile) service object, as an ORUK API
 * returns it from /services/{id}, reduced to what the kiosk shows. Only the
 * fields read are checked; everything else is ignored. */
#include "kiosk/service.h"
#include "service_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/html_text.h"
#include "kiosk/limits.h"
#include "kiosk/strbuf.h"
#include "kiosk/utf8.h"

typedef struct {
    const char *path;
    char *err;
    size_t errlen;
} Ctx;

static bool fail(Ctx *c, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(Ctx *c, const char *field, const char *fmt, ...)
{
    if (!c->err || c->errlen == 0)
        return false;
    char msg[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (field && *field)
        snprintf(c->err, c->errlen, "%s.%s: %s", c->path, field, msg);
    else
        snprintf(c->err, c->errlen, "%s: %s", c->path, msg);
    return false;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "something else";
}

/* obj[key] as text: *out NULL when absent, null or ""; false (with the
 * message) when it is something other than a string. */
static bool opt_str(Ctx *c, const json_t *obj, const char *key, const char *field,
                    const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v))
        return fail(c, field, "expected a string, got %s", type_name(v));
    if (json_string_length(v) > 0)
        *out = json_string_value(v);
    return true;
}

/* obj[key] as an array: *out NULL when absent or null. */
static bool opt_arr(Ctx *c, const json_t *obj, const char *key, const char *field,
                    const json_t **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_array(v))
        return fail(c, field, "expected an array, got %s", type_name(v));
    *out = v;
    return true;
}

/* obj[key] as an object: *out NULL when absent or null. */
static bool opt_obj(Ctx *c, const json_t *obj, const char *key, const char *field,
                    const json_t **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_object(v))
        return fail(c, field, "expected an object, got %s", type_name(v));
    *out = v;
    return true;
}

/* One line of plain text: HTML read, paragraphs joined by a blank. NULL
 * when out of memory. */
static char *one_line(const char *s)
{
    char *t = html_text_to_plain(s ? s : "", s ? strlen(s) : 0);
    if (!t)
        return NULL;
    char *w = t;
    for (char *r = t; *r; r++) {
        if (*r == '\n') {
            if (r[1] == '\n')
                r++;
            *w++ = ' ';
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return t;
}

/* A short field kept as written: blanks and stray quotes trimmed, control
 * characters removed. */
static char *as_written(const char *s)
{
    char *t = one_line(s);
    if (!t)
        return NULL;
    size_t n = strlen(t), a = 0;
    while (a < n && (t[a] == '"' || t[a] == ' '))
        a++;
    while (n > a && (t[n - 1] == '"' || t[n - 1] == ' '))
        n--;
    memmove(t, t + a, n - a);
    t[n - a] = '\0';
    return t;
}

typedef struct {
    char **v;
    size_t n, cap;
} StrList;

/* Adds a copy of s unless already there. */
static bool list_add(StrList *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return true;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return false;
    l->n++;
    return true;
}

/* ---- the fields ------------------------------------------------------------ */

/* *out = a new plain text of obj[key] ("" when absent). */
static bool read_plain(Ctx *c, const json_t *obj, const char *key, char **out)
{
    const char *s;
    if (!opt_str(c, obj, key, key, &s))
        return false;
    *out = html_text_to_plain(s ? s : "", s ? strlen(s) : 0);
    return *out || fail(c, key, "out of memory");
}

static bool read_written(Ctx *c, const json_t *obj, const char *key, char **out)
{
    const char *s;
    if (!opt_str(c, obj, key, key, &s))
        return false;
    *out = as_written(s);
    return *out || fail(c, key, "out of memory");
}

static bool read_id_name(Ctx *c, const json_t *obj, Service *s)
{
    const char *id, *name;
    if (!opt_str(c, obj, "id", "id", &id) || !opt_str(c, obj, "name", "name", &name))
        return false;
    if (!id)
        return fail(c, "id", "is missing");
    if (utf8_count(id) > K_ID_MAX_CP)
        return fail(c, "id", "is longer than %d characters", K_ID_MAX_CP);
    if (!utf8_is_clean_text(id, K_ID_MAX_CP))
        return fail(c, "id", "contains a control, a direction mark or a non-character");
    if (!(s->id = strdup(id)))
        return fail(c, "id", "out of memory");
    if (!name)
        return fail(c, "name", "is missing");
    if (!(s->name = one_line(name)))
        return fail(c, "name", "out of memory");
    if (!*s->name)
        return fail(c, "name", "has no text");
    if (utf8_count(s->name) > K_NAME_MAX_CP)
        return fail(c, "name", "is longer than %d characters", K_NAME_MAX_CP);
    return true;
}

/* An age in years: an integer, a whole number or a string of digits. */
static bool read_age(Ctx *c, const json_t *obj, const char *key, int *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = -1;
    double x;
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return true;
    if (json_is_integer(v))
        x = (double)json_integer_value(v);
    else if (json_is_real(v))
        x = json_real_value(v);
    else if (json_is_string(v) && strspn(json_string_value(v), "0123456789") ==
                 json_string_length(v) && json_string_length(v) <= 3)
        x = atoi(json_string_value(v));
    else
        return fail(c, key, "expected a number of years, got %s", type_name(v));
    if (x < 0 || x > 150)
        return fail(c, key, "is not an age in years");
    *out = (int)x;
    return true;
}

/* The text says it costs nothing. */
static bool says_free(const char *fees)
{
    static const char *const words[] = {
        "free", "free of charge", "no charge", "no cost", "none", "nil", "0", "£0", "£0.00",
        "free service", "this service is free",
    };
    size_t n = strlen(fees);
    while (n > 0 && (fees[n - 1] == '.' || fees[n - 1] == '!'))
        n--;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strlen(words[k]) == n && strncasecmp(fees, words[k], n) == 0)
            return true;
    return false;
}

static bool read_costs(Ctx *c, const json_t *obj, Service *s)
{
    const char *fd, *f;
    const json_t *opts;
    if (!opt_str(c, obj, "fees_description", "fees_description", &fd) ||
        !opt_str(c, obj, "fees", "fees", &f) ||
        !opt_arr(c, obj, "cost_options", "cost_options", &opts))
        return false;
    if (!(s->fees = one_line(fd ? fd : f)))
        return fail(c, "fees", "out of memory");
    s->free_of_charge = says_free(s->fees);
    size_t i, zero = 0;
    const json_t *o;
    json_array_foreach(opts, i, o) {
        const json_t *amount = json_object_get(o, "amount");
        if (json_is_number(amount) && json_number_value(amount) == 0)
            zero++;
    }
    if (opts && zero > 0 && zero == json_array_size(opts) && !*s->fees)
        s->free_of_charge = true;
    return true;
}

static bool read_languages(Ctx *c, const json_t *obj, Service *s)
{
    const json_t *arr, *l;
    size_t i;
    StrList list = { NULL, 0, 0 };
    if (!opt_arr(c, obj, "languages", "languages", &arr))
        return false;
    bool ok = true;
    json_array_foreach(arr, i, l) {
        const json_t *code = json_is_object(l) ? json_object_get(l, "code") : l;
        const char *t = json_is_string(code) ? json_string_value(code) : "";
        if (*t && utf8_is_clean_text(t, K_LANG_MAX) && !strchr(t, ' '))
            ok = ok && list_add(&list, t);
    }
    s->languages = list.v;
    s->n_languages = list.n;
    return ok || fail(c, "languages", "out of memory");
}

/* Taxonomy terms from attributes[] (HSDS 3.0) and service_taxonomys[]
 * (the older ORUK shape). */
static bool read_taxonomy(Ctx *c, const json_t *obj, Service *s)
{
    const json_t *attrs, *olds, *a;
    size_t i;
    StrList list = { NULL, 0, 0 };
    if (!opt_arr(c, obj, "attributes", "attributes", &attrs) ||
        !opt_arr(c, obj, "service_taxonomys", "service_taxonomys", &olds))
        return false;
    bool ok = true;
    json_array_foreach(attrs, i, a) {
        const json_t *id = json_object_get(json_object_get(a, "taxonomy_term"), "id");
        if (!json_is_string(id))
            id = json_object_get(a, "taxonomy_term_id");
        if (json_is_string(id) && json_string_length(id) > 0)
            ok = ok && list_add(&list, json_string_value(id));
    }
    json_array_foreach(olds, i, a) {
        const json_t *id = json_object_get(json_object_get(a, "taxonomy"), "id");
        if (!json_is_string(id))
            id = json_object_get(a, "taxonomy_id");
        if (json_is_string(id) && json_string_length(id) > 0)
            ok = ok && list_add(&list, json_string_value(id));
    }
    s->taxonomy_ids = list.v;
    s->n_taxonomy_ids = list.n;
    return ok || fail(c, "attributes", "out of memory");
}

static bool read_checked(Ctx *c, const json_t *obj, Service *s)
{
    const char *a, *m;
    long day;
    if (!opt_str(c, obj, "assured_date", "assured_date", &a) ||
        !opt_str(c, obj, "last_modified", "last_modified", &m))
        return false;
    const char *d = a && service_parse_date(a, &day) ? a
                  : m && service_parse_date(m, &day) ? m : "";
    s->last_checked = strndup(d, 10);
    return s->last_checked || fail(c, "last_checked", "out of memory");
}

/* The first phone number in the places ORUK puts them. */
static const char *first_phone(const json_t *const *owners, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const json_t *lists[8];
        size_t nl = 0, i;
        const json_t *ct;
        lists[nl++] = json_object_get(owners[k], "phones");
        json_array_foreach(json_object_get(owners[k], "contacts"), i, ct)
            if (nl < sizeof lists / sizeof *lists)
                lists[nl++] = json_object_get(ct, "phones");
        for (size_t l = 0; l < nl; l++) {
            const json_t *ph;
            json_array_foreach(lists[l], i, ph) {
                const json_t *num = json_object_get(ph, "number");
                if (json_is_string(num) && json_string_length(num) > 0)
                    return json_string_value(num);
            }
        }
    }
    return NULL;
}

/* ---- locations and schedules -------------------------------------------- */

static char *address_line(const json_t *addr)
{
    static const char *const parts[] = { "address_1", "address_2", "city", "postal_code" };
    StrBuf b = { NULL, 0, 0 };
    bool ok = strbuf_add(&b, "", 0);
    for (size_t k = 0; ok && k < sizeof parts / sizeof *parts; k++) {
        const json_t *v = json_object_get(addr, parts[k]);
        if (!json_is_string(v))
            continue;
        char *t = as_written(json_string_value(v));
        if (!t) {
            ok = false;
            break;
        }
        if (*t)
            ok = (b.len == 0 || strbuf_add(&b, ", ", 2)) && strbuf_add(&b, t, strlen(t));
        free(t);
    }
    if (!ok) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* The address to show: the first "physical" one, else the first. */
static const json_t *pick_address(const json_t *loc)
{
    const json_t *arr = json_object_get(loc, "addresses"), *a;
    size_t i;
    json_array_foreach(arr, i, a) {
        const json_t *t = json_object_get(a, "address_type");
        if (json_is_object(a) && json_is_string(t) &&
            strcasecmp(json_string_value(t), "physical") == 0)
            return a;
    }
    a = json_array_get(arr, 0);
    return json_is_object(a) ? a : NULL;
}

/* Collects schedule objects, skipping a second copy of the same id. */
typedef struct {
    const json_t **v;
    size_t n, cap;
} JsonList;

static bool add_schedules(Ctx *c, const json_t *arr, const char *field, JsonList *l)
{
    size_t i;
    const json_t *sc;
    json_array_foreach(arr, i, sc) {
        if (!json_is_object(sc)) {
            char at[96];
            snprintf(at, sizeof at, "%s[%zu]", field, i);
            return fail(c, at, "expected an object, got %s", type_name(sc));
        }
        const json_t *id = json_object_get(sc, "id");
        bool seen = false;
        for (size_t k = 0; k < l->n && json_is_string(id) && !seen; k++)
            seen = json_equal(json_object_get(l->v[k], "id"), id);
        if (seen)
            continue;
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 4;
            const json_t **v = realloc(l->v, cap * sizeof *v);
            if (!v)
                return fail(c, field, "out of memory");
            l->v = v;
            l->cap = cap;
        }
        l->v[l->n++] = sc;
    }
    return true;
}

static bool read_locations(Ctx *c, const json_t *obj, Service *s, JsonList *scheds)
{
    const json_t *sals, *sal;
    size_t i;
    StrList ids = { NULL, 0, 0 };
    if (!opt_arr(c, obj, "service_at_locations", "service_at_locations", &sals))
        return false;
    bool ok = true;
    json_array_foreach(sals, i, sal) {
        char at[96];
        snprintf(at, sizeof at, "service_at_locations[%zu]", i);
        if (!json_is_object(sal)) {
            ok = fail(c, at, "expected an object, got %s", type_name(sal));
            break;
        }
        const json_t *loc = json_object_get(sal, "location");
        const json_t *lid = json_is_object(loc) ? json_object_get(loc, "id") : NULL;
        if (!json_is_string(lid))
            lid = json_object_get(sal, "location_id");
        if (json_is_string(lid) && json_string_length(lid) > 0 &&
            !list_add(&ids, json_string_value(lid))) {
            ok = fail(c, at, "out of memory");
            break;
        }
        const json_t *addr = json_is_object(loc) ? pick_address(loc) : NULL;
        if (addr && !*s->address) {
            free(s->address);
            free(s->postcode);
            free(s->location_name);
            const json_t *pc = json_object_get(addr, "postal_code");
            const json_t *nm = json_object_get(loc, "name");
            s->address = address_line(addr);
            s->postcode = as_written(json_is_string(pc) ? json_string_value(pc) : "");
            s->location_name = one_line(json_is_string(nm) ? json_string_value(nm) : "");
            if (!s->address || !s->postcode || !s->location_name) {
                ok = fail(c, at, "out of memory");
                break;
            }
        }
        const json_t *arr = json_object_get(sal, "schedules");
        char field[128];
        snprintf(field, sizeof field, "%s.schedules", at);
        if (arr && !json_is_null(arr) && !json_is_array(arr)) {
            ok = fail(c, field, "expected an array, got %s", type_name(arr));
            break;
        }
        if (!add_schedules(c, arr, field, scheds)) {
            ok = false;
            break;
        }
    }
    s->location_ids = ids.v;
    s->n_location_ids = ids.n;
    return ok;
}

/* Adds words to the text in *b, once, as a paragraph. */
static bool add_words(StrBuf *b, const char *words)
{
    if (!*words || (b->p && strstr(b->p, words)))
        return true;
    return (b->len == 0 || strbuf_add(b, "\n\n", 2)) && strbuf_add(b, words, strlen(words));
}

static bool read_schedules(Ctx *c, Service *s, const JsonList *l)
{
    StrBuf text = { NULL, 0, 0 }, notes = { NULL, 0, 0 };
    bool ok = strbuf_add(&text, "", 0) && strbuf_add(&notes, "", 0);
    if (ok && l->n > 0) {
        s->schedules = calloc(l->n, sizeof *s->schedules);
        ok = s->schedules != NULL;
    }
    for (size_t i = 0; ok && i < l->n; i++) {
        char *words;
        service_schedule_read(l->v[i], &s->schedules[i], &words);
        s->n_schedules++;
        ok = words && add_words(s->schedules[i].followed ? &notes : &text, words);
        free(words);
    }
    s->schedule_text = text.p;
    s->schedule_notes = notes.p;
    return ok || fail(c, "schedules", "out of memory");
}

static bool read_service(Ctx *c, const json_t *obj, Service *s)
{
    const char *status;
    const json_t *org, *arr;
    JsonList scheds = { NULL, 0, 0 };
    if (!read_id_name(c, obj, s) || !read_plain(c, obj, "description", &s->description) ||
        !read_written(c, obj, "url", &s->url) || !read_written(c, obj, "email", &s->email) ||
        !read_plain(c, obj, "alert", &s->alert) ||
        !read_plain(c, obj, "eligibility_description", &s->eligibility) ||
        !opt_str(c, obj, "status", "status", &status) ||
        !opt_obj(c, obj, "organization", "organization", &org) ||
        !opt_arr(c, obj, "phones", "phones", &arr) || !read_costs(c, obj, s) ||
        !read_age(c, obj, "minimum_age", &s->min_age) ||
        !read_age(c, obj, "maximum_age", &s->max_age) || !read_languages(c, obj, s) ||
        !read_taxonomy(c, obj, s) || !read_checked(c, obj, s))
        return false;
    s->active = !status || strcasecmp(status, "active") == 0;
    const json_t *name = json_object_get(org, "name");
    if (!(s->organization = one_line(json_is_string(name) ? json_string_value(name) : "")))
        return fail(c, "organization", "out of memory");
    if (!(s->address = strdup("")) || !(s->postcode = strdup("")) ||
        !(s->location_name = strdup("")))
        return fail(c, "service_at_locations", "out of memory");

    bool ok = opt_arr(c, obj, "schedules", "schedules", &arr) &&
              add_schedules(c, arr, "schedules", &scheds) &&
              read_locations(c, obj, s, &scheds) && read_schedules(c, s, &scheds);
    free(scheds.v);
    if (!ok)
        return false;

    const json_t *sal0 = json_array_get(json_object_get(obj, "service_at_locations"), 0);
    const json_t *owners[] = { obj, sal0, json_object_get(sal0, "location"), org };
    if (!(s->phone = as_written(first_phone(owners, sizeof owners / sizeof *owners))))
        return fail(c, "phones", "out of memory");
    return true;
}

Service *service_parse(const json_t *obj, const char *path, char *err, size_t errlen)
{
    Ctx c = { path && *path ? path : "service", err, errlen };
    if (err && errlen)
        err[0] = '\0';
    if (!json_is_object(obj)) {
        fail(&c, NULL, "expected an object, got %s", obj ? type_name(obj) : "nothing");
        return NULL;
    }
    Service *s = calloc(1, sizeof *s);
    if (!s) {
        fail(&c, NULL, "out of memory");
        return NULL;
    }
    s->min_age = s->max_age = -1;
    if (!read_service(&c, obj, s)) {
        service_free(s);
        return NULL;
    }
    return s;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void service_free(Service *s)
{
    if (!s)
        return;
    char *strings[] = {
        s->id, s->name, s->organization, s->description, s->url, s->email, s->phone,
        s->address, s->postcode, s->location_name, s->fees, s->last_checked,
        s->schedule_text, s->schedule_notes, s->alert, s->eligibility,
    };
    for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
        free(strings[k]);
    free_list(s->languages, s->n_languages);
    free_list(s->taxonomy_ids, s->n_taxonomy_ids);
    free_list(s->location_ids, s->n_location_ids);
    free(s->schedules);
    free(s);
}
