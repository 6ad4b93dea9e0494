/* content_requests.c — the content pack's keys for callback and advocate
 * requests: bank holidays, the hub's phone number and what it promises
 * (see include/kiosk/content_requests.h). */
#include "content_private.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/content_requests.h"
#include "kiosk/log.h"
#include "kiosk/utf8.h"

#define MOD "content"
#define PROMISE_MAX_CP 200
#define PHONE_MAX_CP 40

static const char *hub_text(const json_t *hub, const char *key, size_t max_cp)
{
    const json_t *v = json_object_get(hub, key);
    const char *s = json_string_value(v);
    return s && utf8_is_clean_text(s, max_cp) ? s : NULL;
}

static const char *hub_phone(const json_t *hub)
{
    const json_t *phones = json_object_get(hub, "phones");
    const json_t *first = json_array_get(phones, 0);
    return json_string_value(json_object_get(first, "number"));
}

const char *content_requests_problem(const json_t *root, char *path, size_t cap)
{
    snprintf(path, cap, "bank_holidays");
    const json_t *bh = json_object_get(root, "bank_holidays");
    if (bh && !json_is_array(bh))
        return "expected an array of dates";
    size_t i;
    const json_t *d;
    json_array_foreach(bh, i, d) {
        long day;
        snprintf(path, cap, "bank_holidays[%zu]", i);
        if (!workdays_parse(json_string_value(d), &day))
            return "expected a date, YYYY-MM-DD";
    }
    const json_t *hub = json_object_get(root, "hub");
    snprintf(path, cap, "hub.callback_promise");
    if (json_object_get(hub, "callback_promise") &&
        !hub_text(hub, "callback_promise", PROMISE_MAX_CP))
        return "expected text of at most 200 characters";
    snprintf(path, cap, "hub.phones");
    const json_t *phones = json_object_get(hub, "phones");
    if (phones && (!json_is_array(phones) || json_array_size(phones) == 0))
        return "expected an array of ORUK phone objects";
    if (phones) {
        const char *n = hub_phone(hub);
        snprintf(path, cap, "hub.phones[0].number");
        if (!n || !utf8_is_clean_text(n, PHONE_MAX_CP) || !n[0])
            return "expected a phone number of at most 40 characters";
    }
    path[0] = '\0';
    return NULL;
}

size_t content_bank_holidays(const ContentPack *p, WorkCalendar *c)
{
    size_t i, added = 0;
    const json_t *d;
    if (!p)
        return 0;
    json_array_foreach(json_object_get(p->root, "bank_holidays"), i, d) {
        k_err e = workdays_add(c, json_string_value(d));
        if (e == K_ERR_FULL) {
            LOG_W(MOD, "bank_holidays: only the first %d days are used", WORKDAYS_EXTRA_MAX);
            break;
        }
        added += e == K_OK;
    }
    return added;
}

const char *content_hub_phone(const ContentPack *p)
{
    const char *n = p ? hub_phone(json_object_get(p->root, "hub")) : NULL;
    return n ? n : "";
}

const char *content_hub_promise(const ContentPack *p, const char *lang, const char *fallback)
{
    const char *en = p ? hub_text(json_object_get(p->root, "hub"), "callback_promise",
                                  PROMISE_MAX_CP)
                       : NULL;
    if (!en)
        return fallback;
    return content_text(p, lang, p->hub_id, "callback_promise", en);
}
