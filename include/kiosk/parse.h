/* parse.h — strict numbers from text: settings, command-line options and
 * headless script lines all read their numbers here.
 *
 * A number is the whole string and nothing else: an optional '-' or '+'
 * and decimal digits; for a double also one '.' (with a digit on at least
 * one side) and an exponent ("e" or "E", optional sign, digits). Blanks,
 * hexadecimal ("0x10", "0x1p3"), "inf", "nan", an empty string and
 * trailing characters ("12abc") are refused, as are values the type cannot
 * hold ("1e999", "99999999999999999999") and values outside [min, max]. */
#ifndef KIOSK_PARSE_H
#define KIOSK_PARSE_H

#include "kiosk/error.h"

/* Parses s as a whole number in [min, max] into *out. Returns K_OK, or
 * K_ERR_INVALID (with *out unchanged) for NULL, anything that is not a
 * whole decimal number as above, or a value outside [min, max] (overflow
 * included). */
k_err parse_long(const char *s, long min, long max, long *out);

/* parse_long for an int: the same contract, min and max in int's range. */
k_err parse_int(const char *s, int min, int max, int *out);

/* Parses s as a finite decimal number in [min, max] into *out. Returns
 * K_OK, or K_ERR_INVALID (with *out unchanged) for NULL, anything that is
 * not a decimal number as above (inf, nan and hex floats included), a
 * value too large for a double, a non-zero value too small for one
 * ("1e-999"), or a value outside [min, max]. */
k_err parse_double(const char *s, double min, double max, double *out);

#endif
