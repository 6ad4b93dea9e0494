/* vcard.h — a service's contact card as a vCard 3.0 (RFC 2426), for a
 * take-home QR code: a phone's camera reads it and offers to save the
 * contact, with no data connection needed.
 *
 * Text values are escaped as the RFC says (backslash, comma, semicolon,
 * newline), lines end in CRLF and are folded at 75 bytes, never inside a
 * UTF-8 character. Any script is kept as UTF-8 (Tamil and Urdu names and
 * notes included). Controls, bidi overrides and invalid UTF-8 are left out
 * of every value, so what a feed sends cannot break the card's lines. */
#ifndef KIOSK_VCARD_H
#define KIOSK_VCARD_H

#include <stddef.h>

#include "kiosk/error.h"

/* What goes on the card. NULL or "" leaves a line out; name is required. */
typedef struct {
    const char *name;         /* FN: the service's name */
    const char *organization; /* ORG: who runs it (left out when equal to name) */
    const char *phone;        /* TEL, as written */
    const char *email;        /* EMAIL */
    const char *url;          /* URL: the service's web page */
    const char *street;       /* ADR's street: the address without its postcode */
    const char *postcode;     /* ADR's postal code */
    const char *hours;        /* NOTE: the opening times in words */
} VcardFields;

/* Writes the card for f into out (cap bytes, NUL-terminated) and its
 * length (without the NUL) into *len when len is not NULL. When the whole
 * card would take more than max_bytes (or cap - 1), the note is shortened
 * at a character boundary and ends with an ellipsis, then left out, then
 * the street, then the organisation, until it fits. Returns K_ERR_INVALID when f or f->name is
 * missing or empty after cleaning, K_ERR_FULL when even the smallest card
 * does not fit; out is then "". */
k_err vcard_build(const VcardFields *f, size_t max_bytes, char *out, size_t cap, size_t *len);

/* Escapes text as a vCard text value (backslash, comma, semicolon, newline
 * as \n; controls and bidi overrides left out) into out (cap bytes).
 * Returns the length written, or (size_t)-1 when it does not fit (out is
 * then ""). Exposed for the unit tests. */
size_t vcard_escape(const char *text, char *out, size_t cap);

#endif
