/* i18n_po_header.c — the fields of a .po file's header entry: Language,
 * Plural-Forms, Content-Type and the kiosk's own X-Kiosk-* fields. */
#include "i18n_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kiosk/parse.h"
#include "kiosk/utf8.h"

#define PLURAL_CHECK_UPTO 1000   /* forms are checked in range for n = 0..this */

/* Copies the value [v, v+n) into dst[size]; fails when it does not fit. */
static bool copy_value(char *dst, size_t size, const char *v, size_t n)
{
    if (n >= size)
        return false;
    memcpy(dst, v, n);
    dst[n] = '\0';
    return true;
}

static bool value_is(const char *v, size_t n, const char *word)
{
    return strlen(word) == n && strncasecmp(v, word, n) == 0;
}

/* Parses "nplurals=N; plural=EXPR;" into l. */
static k_err parse_plural_forms(PoReader *r, const char *v, size_t n)
{
    char tmp[512];
    if (!copy_value(tmp, sizeof tmp, v, n))
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "Plural-Forms too long");
    char *p = strstr(tmp, "nplurals");
    char *q = strstr(tmp, "plural=");
    if (!q)
        q = strstr(tmp, "plural =");
    if (!p || !q)
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                            "Plural-Forms needs nplurals= and plural=");
    p += strlen("nplurals");
    while (*p == ' ')
        p++;
    int np = 0;
    if (*p == '=') {
        p++;
        while (*p == ' ')
            p++;
        char num[8];
        size_t len = strcspn(p, "; ");
        if (len < sizeof num) {
            memcpy(num, p, len);
            num[len] = '\0';
            if (parse_int(num, 1, MAX_FORMS, &np) != K_OK)
                np = 0;
        }
    }
    if (np < 1 || np > MAX_FORMS)
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                            "Plural-Forms: nplurals must be 1 to %d", MAX_FORMS);
    q = strchr(q, '=') + 1;
    char *last = q + strlen(q);
    while (last > q && (last[-1] == ' ' || last[-1] == ';'))
        last--;
    *last = '\0';
    if (!i18n_plural_parse(q, &r->lang->plural))
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                            "Plural-Forms: malformed plural expression");
    for (unsigned long k = 0; k <= PLURAL_CHECK_UPTO; k++) {
        int f = i18n_plural_form(&r->lang->plural, k);
        if (f < 0 || f >= np)
            return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                                "Plural-Forms: plural gives form %d for n=%lu, nplurals is %d", f,
                                k, np);
    }
    r->lang->nplurals = np;
    return K_OK;
}

static k_err parse_native_digits(PoReader *r, LangInfo *li, const char *v, size_t n)
{
    size_t at = 0;
    int k = 0;
    while (at < n && k < 10) {
        size_t start = at;
        utf8_next(v, n, &at);
        copy_value(li->digits[k++], sizeof li->digits[0], v + start, at - start);
    }
    if (k != 10 || at < n)
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                            "X-Kiosk-Native-Digits must be the ten digits 0 to 9");
    return K_OK;
}

/* Reads the header's fields into the language. stem is the file's name
 * without ".po". */
k_err i18n_po_header(PoReader *r, const char *stem)
{
    LangInfo *li = &r->lang->info;
    if (!r->header)
        return i18n_po_fail(r, 1, K_ERR_INVALID, "no header entry (msgid \"\")");
    bool have_plural = false, have_native = false, have_english = false, native = false;
    const char *nd = NULL;
    size_t ndlen = 0;
    for (int k = 0; k < 10; k++)
        li->digits[k][0] = (char)('0' + k), li->digits[k][1] = '\0';
    if (!copy_value(li->tag, sizeof li->tag, stem, strlen(stem)))
        return i18n_po_fail(r, 1, K_ERR_INVALID, "file name too long for a language tag");

    for (const char *line = r->header; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            const char *key = line, *v = colon + 1;
            size_t klen = (size_t)(colon - line);
            while (v < eol && (*v == ' ' || *v == '\t'))
                v++;
            size_t n = (size_t)(eol - v);
            while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
                n--;
            bool fits = true;
            k_err rc = K_OK;
            if (value_is(key, klen, "Language")) {
                char tag[sizeof li->tag];
                if (!copy_value(tag, sizeof tag, v, n))
                    return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "Language too long");
                for (char *c = tag; *c; c++)
                    if (*c == '_')
                        *c = '-';
                if (strcasecmp(tag, stem) != 0)
                    return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                                        "Language \"%s\" does not match the file name", tag);
            } else if (value_is(key, klen, "Plural-Forms")) {
                rc = parse_plural_forms(r, v, n);
                have_plural = true;
            } else if (value_is(key, klen, "Content-Type")) {
                char ct[128];
                const char *cs =
                    copy_value(ct, sizeof ct, v, n) ? strcasestr(ct, "charset=") : NULL;
                if (cs && strcasecmp(cs + 8, "UTF-8") != 0)
                    return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "charset must be UTF-8");
            } else if (value_is(key, klen, "X-Kiosk-Native-Name")) {
                fits = copy_value(li->native_name, sizeof li->native_name, v, n);
                have_native = n > 0;
            } else if (value_is(key, klen, "X-Kiosk-English-Name")) {
                fits = copy_value(li->english_name, sizeof li->english_name, v, n);
                have_english = n > 0;
            } else if (value_is(key, klen, "X-Kiosk-Direction")) {
                if (!value_is(v, n, "ltr") && !value_is(v, n, "rtl"))
                    return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                                        "X-Kiosk-Direction must be ltr or rtl");
                li->rtl = value_is(v, n, "rtl");
            } else if (value_is(key, klen, "X-Kiosk-Keyboard")) {
                fits = copy_value(li->keyboard, sizeof li->keyboard, v, n);
            } else if (value_is(key, klen, "X-Kiosk-Digits")) {
                if (!value_is(v, n, "western") && !value_is(v, n, "native"))
                    return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                                        "X-Kiosk-Digits must be western or native");
                native = value_is(v, n, "native");
            } else if (value_is(key, klen, "X-Kiosk-Native-Digits")) {
                nd = v;
                ndlen = n;
            }
            if (rc != K_OK)
                return rc;
            if (!fits)
                return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "%.*s too long", (int)klen,
                                    key);
        }
        line = *eol ? eol + 1 : eol;
    }
    if (!have_plural)
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "header has no Plural-Forms");
    if (!have_native)
        return i18n_po_fail(r, r->header_line, K_ERR_INVALID, "header has no X-Kiosk-Native-Name");
    if (!have_english)
        strcpy(li->english_name, li->native_name);
    if (native) {
        if (!nd)
            return i18n_po_fail(r, r->header_line, K_ERR_INVALID,
                                "X-Kiosk-Digits: native needs X-Kiosk-Native-Digits");
        k_err rc = parse_native_digits(r, li, nd, ndlen);
        if (rc != K_OK)
            return rc;
    }
    li->native_digits = native;
    return K_OK;
}

