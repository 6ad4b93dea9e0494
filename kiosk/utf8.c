/* utf8.c — UTF-8 checks for text from people and files. */
#include "kiosk/utf8.h"

#include <string.h>

/* Decodes one code point at s[*i]; returns -1 (advancing one byte) when the
 * sequence is malformed. */
static long decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    unsigned c = u[p];
    int n;
    uint32_t cp, min;
    if (c < 0x80) { *i = p + 1; return c; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
    else { *i = p + 1; return -1; }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (u[p + k] & 0xC0) != 0x80) { *i = p + 1; return -1; }
        cp = (cp << 6) | (u[p + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
    *i = p + (size_t)n + 1;
    return (long)cp;
}

bool utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len)
        if (decode(s, len, &i) < 0)
            return false;
    return true;
}

size_t utf8_count(const char *s)
{
    size_t n = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        if ((*u & 0xC0) != 0x80)
            n++;
    return n;
}

uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
    long cp = decode(s, len, i);
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

bool utf8_append(char *buf, size_t cap, uint32_t cp)
{
    char enc[4];
    size_t n;
    if (cp < 0x80) {
        enc[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        enc[0] = (char)(0xC0 | (cp >> 6));
        enc[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return false;
        enc[0] = (char)(0xE0 | (cp >> 12));
        enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp <= 0x10FFFF) {
        enc[0] = (char)(0xF0 | (cp >> 18));
        enc[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        enc[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        enc[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return false;
    }
    size_t len = strlen(buf);
    if (len + n + 1 > cap)
        return false;
    memcpy(buf + len, enc, n);
    buf[len + n] = '\0';
    return true;
}

void utf8_pop(char *buf)
{
    size_t len = strlen(buf);
    while (len > 0) {
        len--;
        if (((unsigned char)buf[len] & 0xC0) != 0x80)
            break;
    }
    buf[len] = '\0';
}

/* Bidi format characters: embeddings and overrides (U+202A..U+202E),
 * isolates (U+2066..U+2069) and the implicit marks LRM, RLM (U+200E,
 * U+200F) and ALM (U+061C). */
static bool is_direction_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

bool utf8_is_clean_text(const char *s, size_t max_cp)
{
    size_t len = strlen(s), i = 0, count = 0;
    while (i < len) {
        long cp = decode(s, len, &i);
        if (cp < 0)
            return false;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return false;
        if (is_direction_control((uint32_t)cp) || cp == 0x2028 || cp == 0x2029)
            return false;
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return false;
        if (++count > max_cp)
            return false;
    }
    return true;
}
