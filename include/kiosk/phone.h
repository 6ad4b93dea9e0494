/* phone.h — phone numbers as a visitor types them, checked with
 * libphonenumber (kiosk/phone.cc, a C interface over the C++ library).
 *
 * A number is read as the visitor would say it: UK mobile and landline
 * numbers in any common form ("07700 900123", "(020) 7946 0000",
 * "+44 (0)20 7946 0000"), and international numbers with + or 00
 * ("+48 512 345 678", "0048 512345678"). Spaces, brackets, hyphens and dots
 * are allowed between digits; letters never are (libphonenumber would read
 * them as the letters on a keypad). A number it accepts is one
 * libphonenumber finds valid, or one in the ranges Ofcom keeps for drama
 * and tests (07700 900000 to 900999, 01632 960000 to 960999), so that demos
 * and tests can use them without reaching a real person.
 *
 * libphonenumber's metadata is loaded on the first call of phone_check (a
 * few milliseconds and under a megabyte, see make bench), not at start-up.
 * Nothing here logs the number. Safe to call from one thread at a time. */
#ifndef KIOSK_PHONE_H
#define KIOSK_PHONE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What is wrong with a number, one value per message the visitor sees. */
typedef enum {
    PHONE_OK = 0,
    PHONE_EMPTY,          /* nothing typed */
    PHONE_NOT_DIGITS,     /* letters or other signs */
    PHONE_PLUS_PLACE,     /* a + that is not the first character, or two */
    PHONE_TOO_SHORT,      /* fewer digits than any number of its country */
    PHONE_TOO_LONG,       /* more digits than any number of its country */
    PHONE_AREA_CODE,      /* a local number without its area code */
    PHONE_BAD_LENGTH,     /* a length between, that no number has */
    PHONE_COUNTRY,        /* no country has this calling code */
    PHONE_NOT_IN_USE,     /* the right length, but not a number in use */
    PHONE_VERDICT_COUNT
} PhoneVerdict;

/* Checks typed (UTF-8, as the visitor typed it). On PHONE_OK writes the
 * number as E.164 ("+447700900123") into e164 (cap bytes, 17 are always
 * enough) and, when shown is not NULL, the number written the way its
 * country writes it for the visitor to check ("07700 900123" for a UK
 * number, "+48 512 345 678" for others) into shown (shown_cap bytes). On
 * any other verdict e164 and shown are "". Never fails otherwise: out of
 * memory inside libphonenumber is PHONE_NOT_IN_USE. The caller wipes e164
 * and shown (personal). */
PhoneVerdict phone_check(const char *typed, char *e164, size_t cap, char *shown,
                         size_t shown_cap);

/* The verdict's short name for tests and logs ("too-short"); "" out of
 * range. */
const char *phone_verdict_name(PhoneVerdict v);

/* True once libphonenumber's metadata has been loaded (for make bench and
 * the start-up test: the kiosk's start does not load it). */
bool phone_loaded(void);

#ifdef __cplusplus
}
#endif

#endif
