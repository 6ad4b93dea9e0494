/* fuzz_content.c — libFuzzer target for the content pack importer
 * (content_load_buffer): any bytes give a pack or a refusal with a message,
 * never a crash or a leak; a pack that loads answers its queries. Seed
 * corpus: tests/fuzz/corpus/content/ (the demo pack, the broken packs of
 * tests/data/content/ and the Open Referral examples). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/content.h"

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
    content_free(p);
    return 0;
}
