/* utf8.h — checks on text that came from a person or a file. */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in the well-formed UTF-8 string s. */
size_t utf8_count(const char *s);

/* Decodes the code point at s[*i], advancing *i past it. Returns
 * 0xFFFD (and advances by one byte) for a malformed sequence. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

/* Appends code point cp to buf (capacity cap, NUL-terminated). Returns false
 * and leaves buf unchanged when it would not fit. */
bool utf8_append(char *buf, size_t cap, uint32_t cp);

/* Removes the last code point of buf, if any. */
void utf8_pop(char *buf);

/* True when s is acceptable as one line of text from a visitor or a content
 * pack: well-formed UTF-8 (as utf8_valid: no overlong form of any length, no
 * surrogate, nothing above U+10FFFF), no control characters (C0, DEL, C1),
 * no line or paragraph separator (U+2028, U+2029), no direction control of
 * any kind (embeddings and overrides U+202A..U+202E, isolates
 * U+2066..U+2069, the marks LRM U+200E, RLM U+200F and ALM U+061C), no
 * noncharacter (U+FDD0..U+FDEF, U+nFFFE, U+nFFFF), and at most max_cp code
 * points. The kiosk sets the direction of every paragraph itself; a
 * direction control in a name or pack text could only reorder the words
 * around it, and an invisible mark makes two names that look alike differ.
 * Joiners (U+200C, U+200D) are kept: some scripts spell words with them. */
bool utf8_is_clean_text(const char *s, size_t max_cp);

#endif
