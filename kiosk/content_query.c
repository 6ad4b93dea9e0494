/* content_query.c — the queries the screens make on a loaded pack: which
 * drop-ins run today (or next), a session's name, translated text. */
#include <string.h>
#include <strings.h>

#include "content_private.h"

/* ---- queries -------------------------------------------------------------- */

static bool runs_on(const Schedule *s, int weekday, long day)
{
    if (!(s->days & (1u << weekday)))
        return false;
    if (s->has_from && day < s->from)
        return false;
    if (s->has_to && day > s->to)
        return false;
    return true;
}

static SessionTime occurrence(const Session *ses, const Schedule *s, int offset, int weekday)
{
    SessionTime t = {
        .id = ses->id,
        .name = ses->name,
        .description = ses->description,
        .day_offset = offset,
        .weekday = weekday,
        .opens_min = s->opens,
        .closes_min = s->closes,
    };
    return t;
}

/* Order of today's list: running first (rank 0), then later (rank 1), each
 * by opening then closing time. Ties keep pack order. */
static bool before(const SessionTime *a, const SessionTime *b, int now_min)
{
    int ra = a->opens_min > now_min, rb = b->opens_min > now_min;
    if (ra != rb)
        return ra < rb;
    if (a->opens_min != b->opens_min)
        return a->opens_min < b->opens_min;
    return a->closes_min < b->closes_min;
}

int content_sessions_today(const ContentPack *p, const struct tm *now,
                           SessionTime *out, int max, SessionTime *next)
{
    if (next)
        next->id = NULL;
    if (!p || !now)
        return 0;
    if (!out || max < 0)
        max = 0;
    long today = content_days_from_civil(now->tm_year + 1900L, now->tm_mon + 1, now->tm_mday);
    int wday = ((now->tm_wday % 7) + 7) % 7;
    int now_min = now->tm_hour * 60 + now->tm_min;

    /* Insertion into out[0..kept), keeping the first max in order. */
    int found = 0, kept = 0;
    for (size_t i = 0; i < p->nsessions; i++) {
        const Session *ses = &p->sessions[i];
        if (!ses->active)
            continue;
        for (size_t k = 0; k < ses->nsched; k++) {
            const Schedule *s = &ses->sched[k];
            if (!runs_on(s, wday, today) || s->closes <= now_min)
                continue;
            found++;
            SessionTime t = occurrence(ses, s, 0, wday);
            int pos = kept;
            while (pos > 0 && before(&t, &out[pos - 1], now_min))
                pos--;
            if (pos >= max)
                continue;
            int last = kept < max ? kept : max - 1;
            for (int j = last; j > pos; j--)
                out[j] = out[j - 1];
            out[pos] = t;
            if (kept < max)
                kept++;
        }
    }
    if (found > 0 || !next)
        return kept;

    /* Nothing more today: the earliest session on the nearest day ahead. */
    for (int off = 1; off <= LOOKAHEAD_DAYS && !next->id; off++) {
        int wd = (wday + off) % 7;
        for (size_t i = 0; i < p->nsessions; i++) {
            const Session *ses = &p->sessions[i];
            if (!ses->active)
                continue;
            for (size_t k = 0; k < ses->nsched; k++) {
                const Schedule *s = &ses->sched[k];
                if (!runs_on(s, wd, today + off))
                    continue;
                SessionTime t = occurrence(ses, s, off, wd);
                if (!next->id || before(&t, next, -1))
                    *next = t;
            }
        }
    }
    return 0;
}

const char *content_session_name(const ContentPack *p, const char *id)
{
    if (!p || !id)
        return NULL;
    for (size_t i = 0; i < p->nsessions; i++)
        if (strcmp(p->sessions[i].id, id) == 0)
            return p->sessions[i].name;
    return NULL;
}

/* The translations object for lang: the tag exactly (ignoring case), else
 * its primary subtag alone. */
static const json_t *lang_table(const json_t *tr, const char *lang)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)tr, key, v)
        if (strcasecmp(key, lang) == 0)
            return v;
    size_t n = strcspn(lang, "-_");
    if (lang[n] == '\0')
        return NULL;
    json_object_foreach((json_t *)tr, key, v)
        if (strlen(key) == n && strncasecmp(key, lang, n) == 0)
            return v;
    return NULL;
}

const char *content_text(const ContentPack *p, const char *lang, const char *id,
                         const char *field, const char *fallback)
{
    if (!p || !p->translations || !lang || !id || !field)
        return fallback;
    const json_t *table = lang_table(p->translations, lang);
    const json_t *v = json_object_get(json_object_get(table, id), field);
    return json_is_string(v) ? json_string_value(v) : fallback;
}

/* ---- the support directory ------------------------------------------------ */

size_t content_need_count(const ContentPack *p)
{
    return p ? p->nneeds : 0;
}

const ContentNeed *content_need(const ContentPack *p, size_t i)
{
    return p && i < p->nneeds ? &p->needs[i] : NULL;
}

size_t content_need_group_count(const ContentPack *p)
{
    return p ? p->ngroups : 0;
}

const ContentNeedGroup *content_need_group(const ContentPack *p, size_t i)
{
    return p && i < p->ngroups ? &p->groups[i] : NULL;
}

const ContentNeed *content_need_by_id(const ContentPack *p, const char *id)
{
    for (size_t i = 0; p && id && i < p->nneeds; i++)
        if (strcmp(p->needs[i].id, id) == 0)
            return &p->needs[i];
    return NULL;
}

const ContentNeedGroup *content_need_group_by_id(const ContentPack *p, const char *id)
{
    for (size_t i = 0; p && id && i < p->ngroups; i++)
        if (strcmp(p->groups[i].id, id) == 0)
            return &p->groups[i];
    return NULL;
}

size_t content_service_count(const ContentPack *p)
{
    return p ? p->nservices : 0;
}

const Service *content_service(const ContentPack *p, size_t i)
{
    return p && i < p->nservices ? p->services[i] : NULL;
}

const Service *content_service_by_id(const ContentPack *p, const char *id)
{
    for (size_t i = 0; p && id && i < p->nservices; i++)
        if (strcmp(p->services[i]->id, id) == 0)
            return p->services[i];
    return NULL;
}

size_t content_left_out_count(const ContentPack *p)
{
    return p ? p->nleft_out : 0;
}

const char *content_left_out(const ContentPack *p, size_t i)
{
    return p && i < p->nleft_out ? p->left_out[i] : NULL;
}

size_t content_language_count(const ContentPack *p)
{
    return p ? p->nlanguages : 0;
}

const char *content_language(const ContentPack *p, size_t i)
{
    return p && i < p->nlanguages ? p->languages[i] : NULL;
}
