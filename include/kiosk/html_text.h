/* html_text.h — plain text from the HTML (or plain text) of a directory
 * feed's descriptions, for the screens to lay out.
 *
 * HTML is read with libxml2's forgiving HTML parser, opened with dlopen
 * on the first text with markup in it (a kiosk's start does not map it;
 * KIOSK_LIBXML2 names another file, for tests): tags are dropped,
 * entities decoded, <script> and <style> skipped. Block elements (p, div,
 * li, h1-h6, tr, br...) and newlines in the text end a paragraph; list
 * items start with "• ". Runs of blanks become one space, control and
 * direction-override characters are removed, and the paragraphs (none
 * empty) are joined with "\n\n". Nothing is shortened. */
#ifndef KIOSK_HTML_TEXT_H
#define KIOSK_HTML_TEXT_H

#include <stddef.h>

/* Plain text of the UTF-8 string in (len bytes), in a new string the
 * caller frees; "" (allocated) when in holds no visible text. Returns NULL
 * when out of memory, when in is NULL, or when in holds markup ('<' or
 * '&') and libxml2 cannot be loaded (logged once, with the loader's reason;
 * text with neither is read without it). Never reads past len. */
char *html_text_to_plain(const char *in, size_t len);

#endif
