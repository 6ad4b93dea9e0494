/* vcard.c — a service's contact card as a vCard 3.0 (see vcard.h). */
#include "kiosk/vcard.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/utf8.h"

#define VCARD_SCRATCH 4096   /* more than any card a QR code can hold */
#define FOLD_AT 75          /* bytes a line may hold before it is folded */
#define ELLIPSIS "\xE2\x80\xA6"

/* A growing line buffer over out: the card is written into it directly. */
typedef struct {
    char *out;
    size_t cap, len;
    bool full;
} Card;

static void put(Card *c, const char *s, size_t n)
{
    if (c->full || c->len + n + 1 > c->cap) {
        c->full = true;
        return;
    }
    memcpy(c->out + c->len, s, n);
    c->len += n;
    c->out[c->len] = '\0';
}

/* Code points a card never carries: controls (a newline is written as
 * \n by the escaping), direction controls, line separators and
 * noncharacters. */
static bool dropped(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
           cp == 0x2028 || cp == 0x2029 || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
           (cp & 0xFFFE) == 0xFFFE || cp == 0xFFFD;
}

/* Appends text escaped as a vCard text value (escape true) or cleaned
 * only (a URI, a phone number: escape false, newlines become spaces),
 * at most limit bytes of it (then an ellipsis), into c. */
static void put_value(Card *c, const char *text, bool escape, size_t limit)
{
    size_t len = strlen(text), i = 0, used = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = utf8_next(text, len, &i);
        char buf[8];
        size_t n = 0;
        if (cp == '\r')
            continue;
        if (cp == '\n' || cp == '\t') {
            if (escape && cp == '\n') {
                memcpy(buf, "\\n", 2);
                n = 2;
            } else {
                buf[0] = ' ';
                n = 1;
            }
        } else if (dropped(cp)) {
            continue;
        } else if (escape && (cp == '\\' || cp == ',' || cp == ';')) {
            buf[0] = '\\';
            buf[1] = (char)cp;
            n = 2;
        } else {
            n = i - at;
            memcpy(buf, text + at, n);
        }
        if (used + n > limit) {
            put(c, ELLIPSIS, strlen(ELLIPSIS));
            return;
        }
        put(c, buf, n);
        used += n;
    }
}

size_t vcard_escape(const char *text, char *out, size_t cap)
{
    if (!cap)
        return (size_t)-1;
    Card c = { out, cap, 0, false };
    out[0] = '\0';
    put_value(&c, text, true, SIZE_MAX);
    if (c.full) {
        out[0] = '\0';
        return (size_t)-1;
    }
    return c.len;
}

static bool has(const char *s)
{
    return s && s[0];
}

/* Writes one content line (name, ":" then value) folded at FOLD_AT bytes
 * at character boundaries, ending in CRLF. */
static void put_line(Card *c, const char *line)
{
    size_t len = strlen(line), i = 0, col = 0;
    while (i < len) {
        size_t at = i;
        (void)utf8_next(line, len, &i);
        if (col + (i - at) > FOLD_AT) {
            put(c, "\r\n ", 3);
            col = 1;
        }
        put(c, line + at, i - at);
        col += i - at;
    }
    put(c, "\r\n", 2);
}

/* One property into a line buffer, then folded into the card. */
static void property(Card *c, const char *name, const char *value, bool escape, size_t limit)
{
    char line[2048];
    Card l = { line, sizeof line, 0, false };
    line[0] = '\0';
    put(&l, name, strlen(name));
    put(&l, ":", 1);
    put_value(&l, value, escape, limit);
    if (l.full) {
        c->full = true;
        return;
    }
    put_line(c, line);
}

/* The address: ";;street;;;postcode;" (RFC 2426 3.2.1), each part escaped. */
static void address(Card *c, const char *street, const char *postcode)
{
    char line[1024];
    Card l = { line, sizeof line, 0, false };
    line[0] = '\0';
    put(&l, "ADR;TYPE=WORK:;;", 16);
    if (has(street))
        put_value(&l, street, true, SIZE_MAX);
    put(&l, ";;;", 3);
    if (has(postcode))
        put_value(&l, postcode, true, SIZE_MAX);
    put(&l, ";", 1);
    if (l.full) {
        c->full = true;
        return;
    }
    put_line(c, line);
}

/* The whole card with the note cut at note_limit bytes (SIZE_MAX: whole;
 * 0: none), the street when keep >= 1 and the organisation when keep >= 2. Returns its length, or
 * (size_t)-1 when it did not fit cap. */
static size_t build(const VcardFields *f, size_t note_limit, int keep, char *out, size_t cap)
{
    Card c = { out, cap, 0, false };
    out[0] = '\0';
    put(&c, "BEGIN:VCARD\r\nVERSION:3.0\r\n", 26);
    char n[1024];
    Card nc = { n, sizeof n, 0, false };
    n[0] = '\0';
    put_value(&nc, f->name, true, SIZE_MAX);
    put(&nc, ";;;;", 4);
    if (nc.full)
        return (size_t)-1;
    char line[1100];
    Card l = { line, sizeof line, 0, false };
    line[0] = '\0';
    put(&l, "N:", 2);
    put(&l, n, nc.len);
    put_line(&c, line);
    property(&c, "FN", f->name, true, SIZE_MAX);
    if (keep >= 2 && has(f->organization) && strcmp(f->organization, f->name) != 0)
        property(&c, "ORG", f->organization, true, SIZE_MAX);
    if (has(f->phone))
        property(&c, "TEL;TYPE=WORK,VOICE", f->phone, false, SIZE_MAX);
    if (has(f->email))
        property(&c, "EMAIL;TYPE=INTERNET", f->email, false, SIZE_MAX);
    if ((keep >= 1 && has(f->street)) || has(f->postcode))
        address(&c, keep >= 1 ? f->street : NULL, f->postcode);
    if (has(f->url))
        property(&c, "URL", f->url, false, SIZE_MAX);
    if (has(f->hours) && note_limit > 0)
        property(&c, "NOTE", f->hours, true, note_limit);
    put(&c, "END:VCARD\r\n", 11);
    return c.full ? (size_t)-1 : c.len;
}

/* True when s shows something once cleaned (not only controls). */
static bool shows(const char *s)
{
    char tmp[64];
    Card c = { tmp, sizeof tmp, 0, false };
    tmp[0] = '\0';
    put_value(&c, s, false, 32);
    for (size_t i = 0; i < c.len; i++)
        if (tmp[i] != ' ')
            return true;
    return false;
}

k_err vcard_build(const VcardFields *f, size_t max_bytes, char *out, size_t cap, size_t *len)
{
    if (len)
        *len = 0;
    if (!out || !cap)
        return K_ERR_INVALID;
    out[0] = '\0';
    if (!f || !has(f->name) || !utf8_valid(f->name, strlen(f->name)) || !shows(f->name))
        return K_ERR_INVALID;
    size_t most = max_bytes < cap - 1 ? max_bytes : cap - 1;
    /* built into scratch first, to know how much is over */
    char scratch[VCARD_SCRATCH];
    k_err rc = K_ERR_FULL;
    for (int keep = 2; keep >= 0 && rc != K_OK; keep--) {
        /* the note shrinks by what was over each time, then goes */
        size_t limit = SIZE_MAX;
        for (int tries = 0; tries < 16; tries++) {
            size_t n = build(f, limit, keep, scratch, sizeof scratch);
            if (n != (size_t)-1 && n <= most) {
                memcpy(out, scratch, n + 1);
                if (len)
                    *len = n;
                rc = K_OK;
                break;
            }
            if (limit == 0 || !has(f->hours))
                break;
            size_t over = n == (size_t)-1 ? sizeof scratch / 2 : n - most + 4;
            size_t now = limit == SIZE_MAX ? strlen(f->hours) * 2 : limit;
            limit = now > over ? now - over : 0;
        }
    }
    sodium_memzero(scratch, sizeof scratch);
    if (rc == K_OK)
        return K_OK;
    out[0] = '\0';
    return K_ERR_FULL;
}
