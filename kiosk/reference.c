/* reference.c — a record id as a short reference to read aloud (see
 * include/kiosk/reference.h). */
#include "kiosk/reference.h"

#include <string.h>

static const char alphabet[] = "34679ACFHJKMPRTX";
static const char hex[] = "0123456789abcdef";

static int hex_value(char c)
{
    if (c >= 'A' && c <= 'F')
        c = (char)(c - 'A' + 'a');
    const char *p = c ? strchr(hex, c) : NULL;
    return p ? (int)(p - hex) : -1;
}

bool reference_from_id(const char *id, char out[REFERENCE_BUF])
{
    out[0] = '\0';
    if (!id || strlen(id) < 9 || id[8] != '-')
        return false;
    char r[REFERENCE_BUF];
    for (int i = 0, o = 0; i < 8; i++) {
        int v = hex_value(id[i]);
        if (v < 0)
            return false;
        if (i == 4)
            r[o++] = ' ';
        r[o++] = alphabet[v];
    }
    r[9] = '\0';
    memcpy(out, r, sizeof r);
    return true;
}

bool reference_to_prefix(const char *ref, char out[9])
{
    out[0] = '\0';
    char p[9];
    int n = 0;
    for (const char *c = ref; c && *c; c++) {
        if (*c == ' ' || *c == '-')
            continue;
        char u = *c >= 'a' && *c <= 'z' ? (char)(*c - 32) : *c;
        const char *at = strchr(alphabet, u);
        if (!at || n == 8)
            return false;
        p[n++] = hex[at - alphabet];
    }
    if (n != 8)
        return false;
    p[8] = '\0';
    memcpy(out, p, sizeof p);
    return true;
}
