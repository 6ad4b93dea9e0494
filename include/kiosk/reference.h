/* reference.h — the short reference a parent is given for a callback or
 * advocate request, to read out if they call the hub.
 *
 * The central API has no reference field: the reference is the first group
 * of the record's id (its first eight hexadecimal digits, 32 random bits of
 * a version 4 UUID) written in an alphabet of sixteen characters that
 * cannot be taken for one another: 3 4 6 7 9 A C F H J K M P R T X for the
 * hex digits 0 to f, in that order, shown as two groups of four ("K7HM
 * 3RXA"). No 0/O, 1/I/L, 5/S, 2/Z, 8/B, 6/G or U/V pairs. The central
 * service finds the record by turning the reference back into those eight
 * digits (reference_to_prefix; docs/central-api.md says how). Nothing here
 * fails but as each function says. */
#ifndef KIOSK_REFERENCE_H
#define KIOSK_REFERENCE_H

#include <stdbool.h>

#define REFERENCE_BUF 10   /* two groups of four letters, a space and the NUL */

/* The reference of a record id (a UUID, "5f0c6a52-6a1e-..."), into out.
 * False (and out "") when id does not start with eight hex digits and a
 * hyphen. */
bool reference_from_id(const char *id, char out[REFERENCE_BUF]);

/* The first eight hex digits (lower case) of the id a reference was made
 * from, into out (9 bytes). Spaces and hyphens are skipped and lower case
 * taken as upper case; false (and out "") when what is left is not eight
 * characters of the alphabet. */
bool reference_to_prefix(const char *ref, char out[9]);

#endif
