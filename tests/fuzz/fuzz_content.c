/* fuzz_content.c — libFuzzer target for the content pack importer
 * (content_load_buffer): any bytes give a pack or a refusal with a message,
 * never a crash or a leak; a pack that loads answers its queries. Seed
 * corpus: tests/fuzz/corpus/content/ (the demo pack, the broken packs of
 * tests/data/content/, and the public Open Referral UK and HSDS 3.0 example
 * services, alone and in a pack). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/content.h"
#include "kiosk/service.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512] = "";
    ContentPack *p = content_load_buffer((const char *)data, size, "fuzz", err, sizeof err);
    if (!p) {
        if (!err[0])
            abort();        /* a refusal always says why */
        return 0;
    }
    if (!content_version(p)[0] || !content_hub_id(p)[0] || !content_hub_name(p)[0])
        abort();            /* required for a loaded pack */
    size_t n = content_session_count(p);
    struct tm now = { .tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 10, .tm_min = 30,
                      .tm_wday = 1, .tm_isdst = -1 };
    SessionTime today[32], next;
    int k = content_sessions_today(p, &now, today, 32, &next);
    if (k < 0 || k > 32 || (size_t)k > n)
        abort();

    /* The directory: every service answers when it is open, every need
     * names a group that exists (or none), every left-out service says why. */
    for (size_t i = 0; i < content_service_count(p); i++) {
        const Service *s = content_service(p, i);
        if (!s || !s->id[0] || !s->name[0] || content_service_by_id(p, s->id) == NULL)
            abort();
        ServiceWhen w = service_when(s, &now);
        if (w.day_offset < 0 || w.day_offset > 62 || w.opens_min < 0 || w.closes_min > 24 * 60 ||
            (w.kind != SERVICE_WHEN_UNKNOWN && w.kind != SERVICE_WHEN_ENDED &&
             w.opens_min >= w.closes_min))
            abort();
        (void)content_text(p, "pl", s->id, "description", s->description);
    }
    for (size_t i = 0; i < content_left_out_count(p); i++)
        if (!content_left_out(p, i) || strncmp(content_left_out(p, i), "services[", 9) != 0)
            abort();
    for (size_t i = 0; i < content_need_count(p); i++) {
        const ContentNeed *nd = content_need(p, i);
        if (nd->group[0] && !content_need_group_by_id(p, nd->group))
            abort();
        if (content_need_by_id(p, nd->id) == NULL)
            abort();
    }
    for (size_t i = 0; i < content_language_count(p); i++)
        if (!content_language(p, i)[0])
            abort();
    content_free(p);
    return 0;
}
