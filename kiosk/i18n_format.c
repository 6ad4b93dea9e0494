/* i18n_format.c — named placeholders, the language's digits, times of day
 * and dates. */
#include "i18n_private.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_NAME 31              /* bytes in one placeholder name */

/* ---- placeholders ------------------------------------------------------ */

/* Length of the placeholder name starting at s (just after '{'), when a
 * '}' closes it; 0 when s does not start a placeholder. */
static size_t name_len(const char *s)
{
    size_t n = 0;
    while (n <= MAX_NAME && (isalnum((unsigned char)s[n]) || s[n] == '_'))
        n++;
    return n > 0 && n <= MAX_NAME && s[n] == '}' ? n : 0;
}

typedef struct {
    char *out;
    size_t cap, len;
    bool full;
} Out;

/* Appends s[0..n); when it does not fit, as much as fits, cut before a
 * code point rather than inside one. */
static void out_add(Out *o, const char *s, size_t n)
{
    if (o->full)
        return;
    if (o->len + n < o->cap) {
        memcpy(o->out + o->len, s, n);
        o->len += n;
        o->out[o->len] = '\0';
        return;
    }
    size_t room = o->cap - 1 - o->len;
    while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
        room--;
    memcpy(o->out + o->len, s, room);
    o->len += room;
    o->out[o->len] = '\0';
    o->full = true;
}

k_err i18n_format(char *out, size_t cap, const char *tmpl,
                  const char *const *keys, const char *const *vals, int n)
{
    if (!out || cap == 0)
        return K_ERR_TOO_LONG;
    Out o = { out, cap, 0, false };
    out[0] = '\0';
    if (!tmpl)
        return K_OK;
    for (const char *p = tmpl; *p && !o.full;) {
        const char *brace = strchr(p, '{');
        if (!brace) {
            out_add(&o, p, strlen(p));
            break;
        }
        out_add(&o, p, (size_t)(brace - p));
        size_t nl = name_len(brace + 1);
        int k = 0;
        while (nl && k < n && !(keys[k] && strlen(keys[k]) == nl &&
                                memcmp(keys[k], brace + 1, nl) == 0))
            k++;
        if (nl && k < n) {
            const char *v = vals[k] ? vals[k] : "";
            out_add(&o, v, strlen(v));
            p = brace + nl + 2;
        } else {
            out_add(&o, brace, 1);
            p = brace + 1;
        }
    }
    return o.full ? K_ERR_TOO_LONG : K_OK;
}

int i18n_placeholders(const char *msg, char names[][32], int max)
{
    int count = 0;
    for (const char *p = msg ? strchr(msg, '{') : NULL; p && count < max; p = strchr(p + 1, '{')) {
        size_t nl = name_len(p + 1);
        if (!nl)
            continue;
        bool seen = false;
        for (int k = 0; k < count && !seen; k++)
            seen = strlen(names[k]) == nl && memcmp(names[k], p + 1, nl) == 0;
        if (!seen) {
            memcpy(names[count], p + 1, nl);
            names[count][nl] = '\0';
            count++;
        }
    }
    return count;
}

/* ---- digits, times and dates ------------------------------------------- */

/* Writes ascii (digits, '-', ':') into out with the language's digits;
 * out is empty when the result does not fit. */
static void localise_digits(const I18n *i, int lang, const char *ascii, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    const LangInfo *li = i18n_lang(i, lang);
    size_t len = 0;
    for (const char *p = ascii; *p; p++) {
        const char *s = p;
        size_t n = 1;
        if (li && *p >= '0' && *p <= '9') {
            s = li->digits[*p - '0'];
            n = strlen(s);
        }
        if (len + n >= cap) {
            out[0] = '\0';
            return;
        }
        memcpy(out + len, s, n);
        len += n;
    }
    out[len] = '\0';
}

void i18n_number(const I18n *i, int lang, long n, char *out, size_t cap)
{
    char ascii[32];
    snprintf(ascii, sizeof ascii, "%ld", n);
    localise_digits(i, lang, ascii, out, cap);
}

void i18n_time_of_day(const I18n *i, int lang, int minutes, char *out, size_t cap)
{
    int m = minutes % (24 * 60);
    if (m < 0)
        m += 24 * 60;
    char ascii[8];
    snprintf(ascii, sizeof ascii, "%02d:%02d", m / 60, m % 60);
    localise_digits(i, lang, ascii, out, cap);
}

void i18n_date(const I18n *i, int lang, const struct tm *tm, char *out, size_t cap)
{
    static const char *const weekdays[7] = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
    };
    static const char *const months[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"
    };
    if (!out || cap == 0)
        return;
    out[0] = '\0';
    if (!tm || tm->tm_wday < 0 || tm->tm_wday > 6 || tm->tm_mon < 0 || tm->tm_mon > 11)
        return;
    char day[24];
    i18n_number(i, lang, tm->tm_mday, day, sizeof day);
    const char *keys[] = { "weekday", "day", "month" };
    const char *vals[] = {
        i18n_get(i, lang, "weekday", weekdays[tm->tm_wday]),
        day,
        i18n_get(i, lang, "month-in-date", months[tm->tm_mon]),
    };
    const char *pattern = i18n_get(i, lang, "date", "{weekday} {day} {month}");
    i18n_format(out, cap, pattern, keys, vals, 3);
}

k_err i18n_format_count(const I18n *i, int lang, const char *ctx, const char *msgid,
                        const char *plural, long n, char *out, size_t cap)
{
    unsigned long magnitude = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
    const char *tmpl = i18n_nget(i, lang, ctx, msgid, plural, magnitude);
    char num[64];
    i18n_number(i, lang, n, num, sizeof num);
    const char *keys[] = { "count" }, *vals[] = { num };
    return i18n_format(out, cap, tmpl, keys, vals, 1);
}
