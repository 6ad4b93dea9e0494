/* phone.h — phone numbers as a visitor types them, checked with
 * libphonenumber (kiosk/phone.cc, a C interface over the C++ library,
 * built as the plugin libkiosk-phone.so and opened by kiosk/phone_load.c).
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
 * The plugin, and with it libphonenumber, protobuf and abseil, is opened
 * on the first phone_check of something typed (some 45 ms and 12 MiB, see
 * make bench), never at start-up. It is looked for as KIOSK_PHONE_PLUGIN
 * names it (a file, for tests), else beside the program (a build tree),
 * else in ../lib/family-hub-kiosk/ from the program's directory and in
 * /usr/lib/family-hub-kiosk/ (installed). When it cannot be opened, that
 * is logged once with the reason (never the number) and every check of a
 * number is PHONE_UNAVAILABLE: the visitor is told plainly and nothing is
 * saved. It is tried once per process. Nothing here logs the number. Safe
 * to call from one thread at a time. */
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
    PHONE_UNAVAILABLE,    /* no number can be checked: the plugin could not be opened */
    PHONE_VERDICT_COUNT
} PhoneVerdict;

/* Checks typed (UTF-8, as the visitor typed it). On PHONE_OK writes the
 * number as E.164 ("+447700900123") into e164 (cap bytes, 17 are always
 * enough) and, when shown is not NULL, the number written the way its
 * country writes it for the visitor to check ("07700 900123" for a UK
 * number, "+48 512 345 678" for others) into shown (shown_cap bytes). On
 * any other verdict e164 and shown are "". Nothing typed (NULL, "" or only
 * spaces) is PHONE_EMPTY without the plugin. Never fails otherwise: out of
 * memory inside libphonenumber is PHONE_NOT_IN_USE, and a plugin that
 * cannot be opened is PHONE_UNAVAILABLE for every number. The caller wipes
 * e164 and shown (personal). */
PhoneVerdict phone_check(const char *typed, char *e164, size_t cap, char *shown,
                         size_t shown_cap);

/* The verdict's short name for tests and logs ("too-short"); "" out of
 * range. */
const char *phone_verdict_name(PhoneVerdict v);

/* True once the plugin, and libphonenumber with it, has been opened (for
 * make bench and the tests: the kiosk's start does not open it). */
bool phone_loaded(void);

/* Opens the plugin now, if it was not yet tried (for --check). True when
 * numbers can be checked; false with the reason (which files were tried,
 * or the loader's complaint) in why (cap bytes), as logged. */
bool phone_ready(char *why, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
