/* directory_private.h — what the directory's files share: the Directory
 * structure, the schema's name for each part, and small text helpers. Only
 * kiosk/directory*.c include it. */
#ifndef KIOSK_DIRECTORY_PRIVATE_H
#define KIOSK_DIRECTORY_PRIVATE_H

#include <sqlite3.h>

#include "kiosk/directory.h"

#define DIR_MOD "directory"
/* PRAGMA user_version of content.db as this kiosk writes it: one written
 * by another layout is not read (the start imports the pack again). */
#define DIR_SCHEMA_VERSION 2
#define DIR_SCHEMA_TEXT "2"
/* Bytes of folded text kept for one search field. */
#define DIR_FOLD_BUF 8192

/* doc.kind: what a search document is about. */
#define DIR_DOC_SERVICE 0
#define DIR_DOC_NEED 1

struct Directory {
    sqlite3 *db;          /* NULL: the directory is empty (no file) */
    size_t count;         /* services, read at open */
};

/* Copies src into dst (cap bytes, cap > 0), cut at a UTF-8 character
 * boundary; returns the bytes copied. NULL src copies "". */
size_t directory_copy_text(char *dst, size_t cap, const char *src);

/* The language keys a lookup tries, in order: the tag in lower case
 * ("pt-br") and its primary subtag ("pt"). is_en is set for English, which
 * needs no translation. */
void directory_lang_keys(const char *lang, char exact[K_LANG_BUF], char primary[K_LANG_BUF],
                         bool *is_en);

/* Binds the language keys of lang as ?2 (exact) and ?3 (primary). */
void directory_bind_lang(sqlite3_stmt *st, const char *lang, bool *is_en);

/* Fills one item from a row of kind, id, name, translated, at_hub. */
void directory_read_item(sqlite3_stmt *st, bool is_en, DirItem *it);

#endif
