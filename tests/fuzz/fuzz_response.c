/* fuzz_response.c — libFuzzer target for the reading of a 200 answer's
 * results (uploader_parse_results) and of Retry-After: any bytes, no
 * crash, no leak, and on refusal nothing reads as acknowledged. The first
 * byte chooses how many of the batch's ids are in play; the rest is the
 * body. Seed corpus: tests/fuzz/corpus/response/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/http.h"
#include "kiosk/uploader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ids[] = {
        "5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e31", "5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e32",
        "5f0c6a52-6a1e-4d7c-9a0e-2f1b6f0f9e33", "a", "",
    };
    if (size == 0)
        return 0;
    size_t n = data[0] % 6;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    UpResult out[5];
    char *why[5];
    k_err rc = uploader_parse_results(body, len, ids, n, out, why);
    for (size_t i = 0; i < n; i++) {
        if (rc != K_OK && (out[i] != UP_RES_MISSING || why[i]))
            abort();
        if (rc == K_OK && (out[i] == UP_RES_REJECTED) != (why[i] != NULL))
            abort();
    }
    if (rc == K_OK)
        uploader_free_reasons(why, n);
    char *text = malloc(len + 1);
    if (text) {
        memcpy(text, body, len);
        text[len] = '\0';
        long w = http_retry_after(text, 1700000000L);
        if (w < -1)
            abort();
        free(text);
    }
    return 0;
}
