/* parse.c — strict numbers from text. The grammar is checked here before
 * strtol/strtod convert, so that what those functions also accept
 * (leading blanks, hex, inf, nan) never gets through. */
#include "kiosk/parse.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Skips digits at *p; returns how many. */
static int digits(const char **p)
{
    int n = 0;
    while (is_digit(**p)) {
        (*p)++;
        n++;
    }
    return n;
}

/* True when s is [sign] digits, all of it. */
static bool whole_number(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    return digits(&p) > 0 && *p == '\0';
}

/* True when s is [sign] digits [. digits] [e [sign] digits], with a digit
 * before or after the point, all of it. */
static bool decimal_number(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    int n = digits(&p);
    if (*p == '.') {
        p++;
        n += digits(&p);
    }
    if (n == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (digits(&p) == 0)
            return false;
    }
    return *p == '\0';
}

k_err parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !out || !whole_number(s))
        return K_ERR_INVALID;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return K_ERR_INVALID;
    *out = v;
    return K_OK;
}

k_err parse_int(const char *s, int min, int max, int *out)
{
    long v;
    if (!out || parse_long(s, min, max, &v) != K_OK)
        return K_ERR_INVALID;
    *out = (int)v;
    return K_OK;
}

k_err parse_double(const char *s, double min, double max, double *out)
{
    if (!s || !out || !decimal_number(s))
        return K_ERR_INVALID;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v) || !(v >= min && v <= max))
        return K_ERR_INVALID;
    *out = v;
    return K_OK;
}
