/* content.c — content pack import (jansson) and the queries the screens
 * make: who the hub is, which drop-ins run today, translated text.
 *
 * The parsed JSON tree is kept for the pack's life: every string handed out
 * points into it. Sessions are validated and decoded once, on load. The
 * queries on a loaded pack are in content_query.c. */
#include "kiosk/content.h"
#include "content_private.h"
#include "kiosk/content_requests.h"
#include "kiosk/mem_wipe.h"

#include <jansson.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/limits.h"
#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "content"
#define FORMAT_ID "family-hub-content/1"
#define MAX_TEXT_CP 2000

/* ---- error reporting ---------------------------------------------------- */

/* Writes "origin: at: message" into the caller's buffer. Always false, so a
 * check can end with `return cp_fail(...)`. */
bool cp_fail(CpCtx *c, const char *at, const char *fmt, ...)
{
    if (!c->err || c->errlen == 0)
        return false;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (at && *at)
        snprintf(c->err, c->errlen, "%s: %s: %s", c->origin, at, msg);
    else
        snprintf(c->err, c->errlen, "%s: %s", c->origin, msg);
    return false;
}

/* Copies s for quoting in a message: at most 40 bytes, cut on a code point
 * boundary; "..." when the text itself is unfit to show. */
const char *cp_shown(const char *s, char buf[48])
{
    if (!utf8_is_clean_text(s, SIZE_MAX))
        return "...";
    size_t n = strlen(s);
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

const char *cp_type_name(const json_t *v)
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

/* Appends str to the path in buf (capacity n, used *len), cutting on a
 * code point boundary when it does not fit. */
static void path_append(char *buf, size_t n, size_t *len, const char *str)
{
    size_t k = strlen(str);
    if (k > n - 1 - *len) {
        k = n - 1 - *len;
        while (k > 0 && ((unsigned char)str[k] & 0xC0) == 0x80)
            k--;
    }
    memcpy(buf + *len, str, k);
    *len += k;
    buf[*len] = '\0';
}

/* buf = at.key (or key when at is empty). */
void cp_join_key(char *buf, size_t n, const char *at, const char *key)
{
    size_t len = 0;
    buf[0] = '\0';
    if (at && *at) {
        path_append(buf, n, &len, at);
        path_append(buf, n, &len, ".");
    }
    path_append(buf, n, &len, key);
}

/* buf = at[i]. */
void cp_join_index(char *buf, size_t n, const char *at, size_t i)
{
    char num[24];
    size_t len = 0;
    snprintf(num, sizeof num, "[%zu]", i);
    buf[0] = '\0';
    path_append(buf, n, &len, at);
    path_append(buf, n, &len, num);
}

/* ---- field checks -------------------------------------------------------- */

/* Checks that v is a non-empty string of clean text (no control or bidi
 * override characters) of at most max_cp code points. */
bool cp_check_text(CpCtx *c, const json_t *v, const char *at, size_t max_cp,
                       const char **out)
{
    if (!json_is_string(v))
        return cp_fail(c, at, "expected a string, got %s", cp_type_name(v));
    const char *s = json_string_value(v);
    if (*s == '\0')
        return cp_fail(c, at, "must not be empty");
    if (!utf8_is_clean_text(s, SIZE_MAX))
        return cp_fail(c, at, "contains a control, a direction mark or a non-character");
    if (utf8_count(s) > max_cp)
        return cp_fail(c, at, "is longer than %zu characters", max_cp);
    *out = s;
    return true;
}

/* Reads obj[key] as text into *out. An absent or null optional key leaves
 * *out as "". */
bool cp_get_text(CpCtx *c, const json_t *obj, const char *key, const char *at,
                     bool required, size_t max_cp, const char **out)
{
    char path[256];
    cp_join_key(path, sizeof path, at, key);
    const json_t *v = json_object_get(obj, key);
    *out = "";
    if (!v || json_is_null(v))
        return required ? cp_fail(c, path, "missing") : true;
    return cp_check_text(c, v, path, max_cp, out);
}

/* Reads obj[key] as an array; absent or null is allowed when optional
 * (*out is then NULL). */
bool cp_get_array(CpCtx *c, const json_t *obj, const char *key, const char *at,
                      bool required, const json_t **out)
{
    char path[256];
    cp_join_key(path, sizeof path, at, key);
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || (!required && json_is_null(v)))
        return required ? cp_fail(c, path, "missing") : true;
    if (!json_is_array(v))
        return cp_fail(c, path, "expected an array, got %s", cp_type_name(v));
    *out = v;
    return true;
}

/* "HH:MM" or "HH:MM:SS", 00:00 to 23:59:59, as seconds since midnight. */
static bool parse_clock(const char *s, int *secs)
{
    size_t n = strlen(s);
    if (n != 5 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool colon = (i == 2 || i == 5);
        if (colon ? s[i] != ':' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    int sec = n == 8 ? (s[6] - '0') * 10 + (s[7] - '0') : 0;
    if (h > 23 || m > 59 || sec > 59)
        return false;
    *secs = h * 3600 + m * 60 + sec;
    return true;
}

long content_days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* "YYYY-MM-DD", a real calendar date, as days since 1970-01-01. */
static bool parse_date(const char *s, long *days)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    long y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    if (d > max)
        return false;
    *days = content_days_from_civil(y, m, d);
    return true;
}

/* "MO,WE,FR" (case-insensitive, spaces after commas allowed) as a weekday
 * mask, bit 0 = Sunday. */
static bool parse_byday(const char *s, unsigned *mask)
{
    static const char *codes[] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };
    *mask = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ')
            p++;
        int day = -1;
        for (int d = 0; d < 7; d++)
            if (strncasecmp(p, codes[d], 2) == 0)
                day = d;
        if (day < 0)
            return false;
        *mask |= 1u << day;
        p += 2;
        while (*p == ' ')
            p++;
        if (*p == '\0')
            return true;
        if (*p != ',')
            return false;
        p++;
    }
}

/* Recurrence keys that would narrow a weekly schedule in ways the kiosk
 * does not follow: refused rather than silently ignored. */
static const char *const unsupported_rule_keys[] = {
    "count", "until", "byweekno", "bymonthday", "byyearday",
};

static bool parse_schedule(CpCtx *c, const json_t *v, const char *at, Schedule *out)
{
    char path[256];
    char q[48];
    const char *s;
    if (!json_is_object(v))
        return cp_fail(c, at, "expected an object, got %s", cp_type_name(v));

    if (!cp_get_text(c, v, "freq", at, true, 20, &s))
        return false;
    cp_join_key(path, sizeof path, at, "freq");
    if (strcmp(s, "WEEKLY") != 0)
        return cp_fail(c, path,
                       "expected \"WEEKLY\", got \"%s\" (only weekly sessions are supported)",
                       cp_shown(s, q));

    const json_t *iv = json_object_get(v, "interval");
    cp_join_key(path, sizeof path, at, "interval");
    if (iv && !json_is_null(iv)) {
        if (!json_is_integer(iv))
            return cp_fail(c, path, "expected an integer, got %s", cp_type_name(iv));
        if (json_integer_value(iv) != 1)
            return cp_fail(c, path, "%" JSON_INTEGER_FORMAT " is not supported: only every week"
                        " (interval 1); list each date as its own session instead",
                        json_integer_value(iv));
    }
    for (size_t k = 0; k < sizeof unsupported_rule_keys / sizeof *unsupported_rule_keys; k++) {
        const json_t *rv = json_object_get(v, unsupported_rule_keys[k]);
        if (rv && !json_is_null(rv)) {
            cp_join_key(path, sizeof path, at, unsupported_rule_keys[k]);
            return cp_fail(c, path, "is not supported; use valid_from and valid_to");
        }
    }

    if (!cp_get_text(c, v, "byday", at, true, 40, &s))
        return false;
    cp_join_key(path, sizeof path, at, "byday");
    if (!parse_byday(s, &out->days))
        return cp_fail(c, path,
                       "expected days such as \"MO,WE\" (MO TU WE TH FR SA SU), got \"%s\"",
                       cp_shown(s, q));

    if (!cp_get_text(c, v, "opens_at", at, true, 20, &s))
        return false;
    cp_join_key(path, sizeof path, at, "opens_at");
    if (!parse_clock(s, &out->opens))
        return cp_fail(c, path, "expected HH:MM, got \"%s\"", cp_shown(s, q));
    if (!cp_get_text(c, v, "closes_at", at, true, 20, &s))
        return false;
    cp_join_key(path, sizeof path, at, "closes_at");
    if (!parse_clock(s, &out->closes))
        return cp_fail(c, path, "expected HH:MM, got \"%s\"", cp_shown(s, q));
    if (out->closes <= out->opens)
        return cp_fail(c, path,
                       "must be later than opens_at (a session ends on the day it starts)");
    out->opens /= 60;
    out->closes = (out->closes + 59) / 60;

    if (!cp_get_text(c, v, "valid_from", at, false, 20, &s))
        return false;
    out->has_from = *s != '\0';
    cp_join_key(path, sizeof path, at, "valid_from");
    if (out->has_from && !parse_date(s, &out->from))
        return cp_fail(c, path, "expected a date YYYY-MM-DD, got \"%s\"", cp_shown(s, q));
    if (!cp_get_text(c, v, "valid_to", at, false, 20, &s))
        return false;
    out->has_to = *s != '\0';
    cp_join_key(path, sizeof path, at, "valid_to");
    if (out->has_to && !parse_date(s, &out->to))
        return cp_fail(c, path, "expected a date YYYY-MM-DD, got \"%s\"", cp_shown(s, q));
    if (out->has_from && out->has_to && out->to < out->from)
        return cp_fail(c, path, "is before valid_from");
    return true;
}

static bool parse_session(CpCtx *c, const json_t *v, const char *at, Session *out)
{
    char path[256];
    const char *status;
    if (!json_is_object(v))
        return cp_fail(c, at, "expected an object, got %s", cp_type_name(v));
    if (!cp_get_text(c, v, "id", at, true, K_ID_MAX_CP, &out->id) ||
        !cp_get_text(c, v, "name", at, true, K_NAME_MAX_CP, &out->name) ||
        !cp_get_text(c, v, "description", at, false, MAX_TEXT_CP, &out->description) ||
        !cp_get_text(c, v, "status", at, false, 40, &status))
        return false;
    out->active = *status == '\0' || strcmp(status, "active") == 0;

    const json_t *arr;
    if (!cp_get_array(c, v, "schedules", at, true, &arr))
        return false;
    cp_join_key(path, sizeof path, at, "schedules");
    if (json_array_size(arr) == 0)
        return cp_fail(c, path, "needs at least one schedule");
    out->nsched = json_array_size(arr);
    out->sched = calloc(out->nsched, sizeof *out->sched);
    if (!out->sched)
        return cp_fail(c, at, "out of memory");
    for (size_t i = 0; i < out->nsched; i++) {
        char ipath[256];
        cp_join_index(ipath, sizeof ipath, path, i);
        if (!parse_schedule(c, json_array_get(arr, i), ipath, &out->sched[i]))
            return false;
    }
    return true;
}

/* A BCP 47 tag in the shape the kiosk matches: a 2-3 letter primary subtag,
 * then subtags of 1-8 letters or digits joined by '-'. */
static bool is_language_tag(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    if (n < 2 || n > 3)
        return false;
    s += n;
    while (*s == '-') {
        s++;
        n = 0;
        while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
               (s[n] >= '0' && s[n] <= '9'))
            n++;
        if (n < 1 || n > 8)
            return false;
        s += n;
    }
    return *s == '\0';
}

/* A translated description: clean text of any length, paragraphs joined
 * by "\n" or "\n\n" as the service's own description is. */
static bool check_paragraphs(CpCtx *c, const json_t *v, const char *at)
{
    if (!json_is_string(v))
        return cp_fail(c, at, "expected a string, got %s", cp_type_name(v));
    const char *s = json_string_value(v);
    if (*s == '\0')
        return cp_fail(c, at, "must not be empty");
    char buf[1024];
    while (*s) {
        size_t n = strcspn(s, "\n");
        /* checked in pieces, cut on code point boundaries */
        for (size_t done = 0; done < n;) {
            size_t k = n - done < sizeof buf - 1 ? n - done : sizeof buf - 1;
            while (k < n - done && k > 0 && ((unsigned char)s[done + k] & 0xC0) == 0x80)
                k--;
            memcpy(buf, s + done, k);
            buf[k] = '\0';
            if (!utf8_is_clean_text(buf, SIZE_MAX))
                return cp_fail(c, at, "contains a control, a direction mark or a non-character");
            done += k;
        }
        s += n;
        while (*s == '\n')
            s++;
    }
    return true;
}

/* translations: { lang: { id: { field: text, "reviewed"?: bool } } } */
static bool check_translations(CpCtx *c, const json_t *tr)
{
    char lpath[256], ipath[256], fpath[256];
    const char *lang, *id, *field;
    const json_t *per_lang, *per_id, *text;
    if (!json_is_object(tr))
        return cp_fail(c, "translations", "expected an object, got %s", cp_type_name(tr));
    json_object_foreach((json_t *)tr, lang, per_lang) {
        cp_join_key(lpath, sizeof lpath, "translations", lang);
        if (!is_language_tag(lang))
            return cp_fail(c, lpath, "is not a language tag such as \"pl\" or \"pt-BR\"");
        if (!json_is_object(per_lang))
            return cp_fail(c, lpath, "expected an object of ids, got %s", cp_type_name(per_lang));
        json_object_foreach((json_t *)per_lang, id, per_id) {
            cp_join_key(ipath, sizeof ipath, lpath, id);
            if (!json_is_object(per_id))
                return cp_fail(c, ipath, "expected an object of fields, got %s",
                               cp_type_name(per_id));
            json_object_foreach((json_t *)per_id, field, text) {
                cp_join_key(fpath, sizeof fpath, ipath, field);
                const char *s;
                if (strcmp(field, "reviewed") == 0) {
                    if (!json_is_boolean(text))
                        return cp_fail(c, fpath, "expected a boolean, got %s", cp_type_name(text));
                    continue;
                }
                if (strcmp(field, "description") == 0) {
                    if (!check_paragraphs(c, text, fpath))
                        return false;
                    continue;
                }
                size_t max = strcmp(field, "name") == 0 ? K_NAME_MAX_CP : MAX_TEXT_CP;
                if (!cp_check_text(c, text, fpath, max, &s))
                    return false;
            }
        }
    }
    return true;
}

/* The top-level keys a pack may have, one a line. */
static const char *const known_top_keys[] = {
    "format",
    "version",
    "demo",
    "hub",
    "sessions",
    "translations",
    "need_groups",
    "needs",
    "services",
    "bank_holidays",
};

/* The languages of translations, in pack order. */
static bool list_languages(CpCtx *c, ContentPack *p)
{
    size_t n = json_object_size(p->translations);
    const char *lang;
    const json_t *v;
    if (n == 0)
        return true;
    if (!(p->languages = calloc(n, sizeof *p->languages)))
        return cp_fail(c, "translations", "out of memory");
    json_object_foreach(p->translations, lang, v)
        p->languages[p->nlanguages++] = lang;
    return true;
}

static bool check_top_keys(CpCtx *c, const json_t *root)
{
    const char *key;
    const json_t *v;
    char q[48];
    json_object_foreach((json_t *)root, key, v) {
        bool known = strncmp(key, "x-", 2) == 0;
        for (size_t k = 0; !known && k < sizeof known_top_keys / sizeof *known_top_keys; k++)
            known = strcmp(key, known_top_keys[k]) == 0;
        if (!known)
            return cp_fail(c, NULL, "unknown top-level key \"%s\" (extensions start with \"x-\")",
                        cp_shown(key, q));
    }
    return true;
}

static bool parse_pack(CpCtx *c, ContentPack *p)
{
    const json_t *root = p->root;
    const char *s;
    char q[48];
    if (!check_top_keys(c, root))
        return false;

    if (!cp_get_text(c, root, "format", "", true, 100, &s))
        return false;
    if (strcmp(s, FORMAT_ID) != 0)
        return cp_fail(c, "format", "expected \"" FORMAT_ID "\", got \"%s\"", cp_shown(s, q));
    if (!cp_get_text(c, root, "version", "", true, 100, &p->version))
        return false;

    const json_t *demo = json_object_get(root, "demo");
    if (demo && !json_is_boolean(demo))
        return cp_fail(c, "demo", "expected a boolean, got %s", cp_type_name(demo));
    p->demo = json_is_true(demo);

    const json_t *hub = json_object_get(root, "hub");
    if (!hub)
        return cp_fail(c, "hub", "missing");
    if (!json_is_object(hub))
        return cp_fail(c, "hub", "expected an object, got %s", cp_type_name(hub));
    if (!cp_get_text(c, hub, "id", "hub", true, K_ID_MAX_CP, &p->hub_id) ||
        !cp_get_text(c, hub, "name", "hub", true, K_NAME_MAX_CP, &p->hub_name) ||
        !cp_get_text(c, hub, "description", "hub", false, MAX_TEXT_CP, &p->hub_description))
        return false;
    const json_t *loc = json_object_get(hub, "location");
    if (loc && !json_is_object(loc))
        return cp_fail(c, "hub.location", "expected an object, got %s", cp_type_name(loc));
    if (!cp_get_text(c, loc, "id", "hub.location", false, K_ID_MAX_CP, &p->hub_location_id))
        return false;

    const json_t *arr;
    if (!cp_get_array(c, root, "sessions", "", true, &arr))
        return false;
    size_t nsessions = json_array_size(arr);
    if (nsessions > 0) {
        p->sessions = calloc(nsessions, sizeof *p->sessions);
        if (!p->sessions)
            return cp_fail(c, "sessions", "out of memory");
    }
    p->nsessions = nsessions;   /* content_free walks only what exists */
    for (size_t i = 0; i < p->nsessions; i++) {
        char at[64], path[64];
        cp_join_index(at, sizeof at, "sessions", i);
        if (!parse_session(c, json_array_get(arr, i), at, &p->sessions[i]))
            return false;
        cp_join_key(path, sizeof path, at, "id");
        if (strcmp(p->sessions[i].id, p->hub_id) == 0)
            return cp_fail(c, path, "\"%s\" is already the hub's id",
                           cp_shown(p->sessions[i].id, q));
        for (size_t j = 0; j < i; j++)
            if (strcmp(p->sessions[i].id, p->sessions[j].id) == 0)
                return cp_fail(c, path, "\"%s\" is already used by sessions[%zu]",
                            cp_shown(p->sessions[i].id, q), j);
    }

    if (!content_read_directory(c, p))
        return false;

    char rq_path[64];   /* bank holidays, the hub's phone and promise */
    const char *rq = content_requests_problem(root, rq_path, sizeof rq_path);
    if (rq)
        return cp_fail(c, rq_path, "%s", rq);

    const json_t *tr = json_object_get(root, "translations");
    if (tr && !json_is_null(tr)) {
        if (!check_translations(c, tr))
            return false;
        p->translations = (json_t *)tr;
        return list_languages(c, p);
    }
    return true;
}

/* ---- loading -------------------------------------------------------------- */

/* jansson's reason for JSON it cannot read, in words staff can act on
 * (its own text names its flags: "without JSON_ALLOW_NUL"). */
static const char *json_problem(const json_error_t *e)
{
    switch (json_error_code(e)) {
    case json_error_null_character:
    case json_error_null_byte_in_key:
        return "a text holds a NUL character (\\u0000), which a pack may not hold";
    case json_error_invalid_utf8:
        return "the file is not valid UTF-8 (save it as UTF-8)";
    case json_error_stack_overflow:
        return "arrays or objects are nested too deep (over 2048 levels)";
    case json_error_out_of_memory:
        return "not enough memory to read it";
    default:
        return NULL;
    }
}

/* The pack from root as jansson read it (NULL: it could not, for jerr's
 * reason): checked whole, or NULL with the reason in c. Takes root. */
static ContentPack *from_root(CpCtx *c, json_t *root, const json_error_t *jerr)
{
    if (!root) {
        const char *why = json_problem(jerr), *near = strstr(jerr->text, " near '");
        if (why)
            cp_fail(c, NULL, "invalid JSON at line %d, column %d: %s%s", jerr->line,
                    jerr->column, why, near ? near : "");
        else
            cp_fail(c, NULL, "invalid JSON at line %d, column %d: %s", jerr->line,
                    jerr->column, jerr->text);
        LOG_W(MOD, "%s", c->err ? c->err : "invalid JSON");
        return NULL;
    }
    ContentPack *p = calloc(1, sizeof *p);
    if (!p) {
        json_decref(root);
        cp_fail(c, NULL, "out of memory");
        return NULL;
    }
    p->root = root;
    if (!json_is_object(root)) {
        cp_fail(c, NULL, "expected an object at the top, got %s", cp_type_name(root));
        goto out_free;
    }
    if (!parse_pack(c, p))
        goto out_free;
    LOG_I(MOD, "loaded %s: version %s, %zu sessions, %zu services (%zu left out), %zu needs%s",
          c->origin, p->version, p->nsessions, p->nservices, p->nleft_out, p->nneeds,
          p->demo ? " (demo)" : "");
    return p;

out_free:
    LOG_W(MOD, "%s", c->err ? c->err : "content pack refused");
    content_free(p);
    return NULL;
}

ContentPack *content_load_buffer(const char *json, size_t len, const char *origin,
                                 char *err, size_t errlen)
{
    CpCtx c = { origin ? origin : "content pack", err, errlen };
    if (err && errlen)
        err[0] = '\0';
    mem_wipe_init();    /* jansson's frees wipe from its first use on */
    if (!json) {
        cp_fail(&c, NULL, "no data");
        return NULL;
    }
    json_error_t jerr;
    return from_root(&c, json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr), &jerr);
}

ContentPack *content_load_callback(ContentRead read, void *ud, const char *origin, char *err,
                                   size_t errlen)
{
    CpCtx c = { origin ? origin : "content pack", err, errlen };
    if (err && errlen)
        err[0] = '\0';
    mem_wipe_init();
    json_error_t jerr;
    return from_root(&c, json_load_callback(read, ud, JSON_REJECT_DUPLICATES, &jerr), &jerr);
}

/* Reads the whole file into a new buffer (*len bytes). On failure returns
 * NULL with the reason in c. */
static char *read_file(CpCtx *c, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cp_fail(c, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024;
    char *buf = malloc(cap);
    if (!buf) {
        cp_fail(c, NULL, "out of memory");
        goto out_close;
    }
    *len = 0;
    for (;;) {
        if (*len == cap) {
            char *bigger = cap < CONTENT_PACK_MAX_BYTES ? realloc(buf, cap * 2) : NULL;
            if (!bigger) {
                cp_fail(c, NULL, cap < CONTENT_PACK_MAX_BYTES ? "out of memory"
                                 : "the file is larger than a pack may be (64 MiB)");
                goto out_free_buf;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t n = fread(buf + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        cp_fail(c, NULL, "read failed");
        goto out_free_buf;
    }
    fclose(f);
    return buf;

out_free_buf:
    free(buf);
out_close:
    fclose(f);
    return NULL;
}

ContentPack *content_load(const char *path, char *err, size_t errlen)
{
    CpCtx c = { path ? path : "content pack", err, errlen };
    if (err && errlen)
        err[0] = '\0';
    if (!path) {
        cp_fail(&c, NULL, "no file named");
        return NULL;
    }
    size_t len;
    char *buf = read_file(&c, path, &len);
    if (!buf) {
        LOG_W(MOD, "%s", err ? err : "cannot read content pack");
        return NULL;
    }
    ContentPack *p = content_load_buffer(buf, len, path, err, errlen);
    free(buf);
    return p;
}

void content_free(ContentPack *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nsessions; i++)
        free(p->sessions[i].sched);
    free(p->sessions);
    content_free_directory(p);
    free(p->languages);
    json_decref(p->root);
    free(p);
}

const char *content_hub_location_id(const ContentPack *p) { return p->hub_location_id; }
const char *content_version(const ContentPack *p) { return p->version; }
const char *content_hub_id(const ContentPack *p) { return p->hub_id; }
const char *content_hub_name(const ContentPack *p) { return p->hub_name; }
const char *content_hub_description(const ContentPack *p) { return p->hub_description; }
bool content_is_demo(const ContentPack *p) { return p->demo; }
size_t content_session_count(const ContentPack *p) { return p->nsessions; }
