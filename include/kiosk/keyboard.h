/* keyboard.h — on-screen keyboard layouts, read from data files.
 *
 * A layout is assets/keyboards/<name>.kbd, UTF-8 text:
 *     # comment
 *     name = Polski
 *     latin = en            # layout the Latin/own-script key switches to
 *     [base]                # a page of keys; first page is shown first
 *     q w e r t y u i o p
 *     a s d f g h j k l
 *     {shift} z x c v b n m {back}
 *     {switch} {space} {done}
 *     [shift]
 *     Q W E R ...
 * Each row is keys separated by spaces. A key is the text it types (one or
 * more code points, e.g. a Tamil consonant plus vowel sign), or a function
 * in braces: {shift} (to the page named "shift" and back), {page:NAME} (to
 * page NAME, label after '|': {page:sym|123}), {back}, {space}, {done},
 * {switch} (Latin/own-script). A layout has at most 8 pages of at most 6
 * rows of at most 14 keys. A '#' at the start of a line or after a blank
 * begins a comment ("C#" is a key); settings come before the first page.
 * Function keys have an empty label (the UI supplies a translated one)
 * except {page:NAME|label}; {shift} keys have text "shift". See
 * assets/keyboards/README.md. */
#ifndef KIOSK_KEYBOARD_H
#define KIOSK_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>

#define KB_MAX_PAGES 8
#define KB_MAX_ROWS 6
#define KB_MAX_KEYS 14

typedef enum {
    KEY_TEXT = 0, KEY_SHIFT, KEY_PAGE, KEY_BACK, KEY_SPACE, KEY_DONE, KEY_SWITCH
} KeyKind;

typedef struct {
    KeyKind kind;
    char text[32];     /* what KEY_TEXT types; page name for KEY_PAGE */
    char label[32];    /* what the key shows */
} Key;

typedef struct {
    char name[32];
    int nrows;
    int nkeys[KB_MAX_ROWS];
    Key keys[KB_MAX_ROWS][KB_MAX_KEYS];
} KeyPage;

typedef struct {
    char id[16];        /* file name without .kbd */
    char name[64];
    char latin[16];     /* "" when the layout is Latin itself */
    int npages;
    KeyPage pages[KB_MAX_PAGES];
} KeyLayout;

/* Loads dir/<id>.kbd into *out; id is 1 to 15 letters, digits, '-' or '_'.
 * Returns true and sets err to "" on success. Returns false on failure with
 * *out zeroed and one line in err naming the file, line and problem
 * (unreadable, invalid UTF-8, too many keys/rows/pages, unknown function or
 * setting, a page key to a missing page, no pages), and logs it once. err
 * may be NULL; a short err is truncated. */
bool kb_load(const char *dir, const char *id, KeyLayout *out, char *err, size_t errlen);

/* Index of the page named name, or -1. */
int kb_page(const KeyLayout *kb, const char *name);

#endif
