/* i18n_private.h — what the parts of the i18n module share: the parsed
 * plural expression, a language's entries, the .po reader's state. Only
 * kiosk/i18n*.c include it; everything else uses include/kiosk/i18n.h.
 *
 *   i18n.c            the set of languages and message lookup
 *   i18n_plural.c     Plural-Forms expressions
 *   i18n_po.c         the .po reader: syntax, entries, the lookup index
 *   i18n_po_header.c  the .po header's fields
 *   i18n_format.c     placeholders, digits, times and dates */
#ifndef KIOSK_I18N_PRIVATE_H
#define KIOSK_I18N_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"
#include "kiosk/i18n.h"
#include "kiosk/strbuf.h"

#define MAX_FORMS 6              /* the most plural forms any language has */
#define MAX_PNODES 128           /* nodes in one plural expression */

/* ---- plural expressions (i18n_plural.c) -------------------------------- */

typedef struct {
    unsigned char kind, op;
    short a, b, c;               /* operands: node indices */
    unsigned long value;         /* P_NUM */
} PNode;

/* A parsed expression: nodes in an array, evaluated from root. */
typedef struct {
    PNode node[MAX_PNODES];
    int count;
    int root;
} Plural;

/* Parses expr (all of it) into p. Returns false when it is malformed (p is
 * then unusable). */
bool i18n_plural_parse(const char *expr, Plural *p);

/* The form for n, or -1 when the expression fails (division by zero). */
int i18n_plural_form(const Plural *p, unsigned long n);

/* ---- languages (i18n.c) ------------------------------------------------ */

typedef struct {
    char *ctx;                   /* NULL when the entry has no msgctxt */
    char *msgid;
    char *plural;                /* NULL for a singular entry */
    char *msgstr[MAX_FORMS];
    int nforms;
    bool fuzzy;
    bool usable;                 /* translated: not fuzzy, no empty form */
    int line;
} Entry;

typedef struct {
    LangInfo info;
    int nplurals;
    Plural plural;
    Entry *entries;              /* in file order */
    size_t n, cap;
    Entry **sorted;              /* by (ctx, msgid), for lookup */
    char *path;                  /* the file, while its entries are unread */
} Lang;

struct I18n {
    Lang *langs;
    int count;
};

/* Frees what e owns (not e itself). */
void i18n_entry_free(Entry *e);

/* Frees what l owns and zeroes it. */
void i18n_lang_free(Lang *l);

/* qsort order of Entry pointers by (ctx, msgid); an entry without a
 * context sorts first. */
int i18n_entry_order(const void *a, const void *b);

/* ---- the .po reader (i18n_po.c, i18n_po_header.c) ---------------------- */

/* A growing NUL-terminated string (strbuf.h). */
typedef StrBuf Buf;

/* Where the reader is in an entry: nothing yet, after msgctxt, msgid,
 * msgid_plural, or a msgstr. */
enum { S_NONE, S_CTX, S_ID, S_PLURAL, S_STR };

/* The state of reading one .po file, line by line. */
typedef struct {
    const char *path;
    int line;
    char *err;
    size_t errlen;
    Lang *lang;
    /* the entry being read */
    int state;
    Buf ctx, id, plural, str[MAX_FORMS];
    int nstr;
    bool has_ctx, has_plural, fuzzy;
    int entry_line;
    Buf *cur;                    /* where a continuation string goes */
    /* the header entry (msgid "") */
    char *header;
    int header_line;
} PoReader;

/* Writes "path:line: message" into r->err and returns code. */
k_err i18n_po_fail(PoReader *r, int line, k_err code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reads the header's fields (r->header) into r->lang. stem is the file's
 * name without ".po". Fails with K_ERR_INVALID (r->err says why) on a
 * missing or malformed field. */
k_err i18n_po_header(PoReader *r, const char *stem);

/* Loads one .po file into l (zeroed). On failure l is freed and err
 * (errlen bytes) says why, naming the file and line. */
k_err i18n_po_load(const char *path, const char *stem, Lang *l, char *err, size_t errlen);

/* Reads only the header of one .po file into l (zeroed): l->info,
 * nplurals and plural, no entries. Fails as i18n_po_load does on a problem
 * in the header or in any line before the header entry ends; l is then
 * freed and err says why. */
k_err i18n_po_load_header(const char *path, const char *stem, Lang *l, char *err,
                          size_t errlen);

#endif
