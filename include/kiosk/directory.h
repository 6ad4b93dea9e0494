/* directory.h — the support directory on the device: every service of the
 * imported content pack, in every language it carries, in SQLite with an
 * FTS5 index, so that browsing by need and search work offline and the
 * services are not held in memory.
 *
 * The directory lives in its own database file (content.db beside
 * kiosk.db), written whole by an import and swapped in atomically: an import
 * that fails leaves the old directory in place. Nothing a visitor types is
 * logged or kept: search text is wiped by the caller and SQLite's memory is
 * wiped on free (mem_wipe.c). */
#ifndef KIOSK_DIRECTORY_H
#define KIOSK_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"
#include "kiosk/limits.h"
#include "kiosk/service.h"

typedef struct Directory Directory;

/* One line of a list: a service, or (in search results) a need. */
typedef struct {
    bool is_need;                 /* a need (id is a need id) or a service */
    char id[K_ID_BUF];
    char name[K_NAME_BUF];     /* in lang when translated, else English */
    bool at_hub;                  /* delivered at this kiosk's hub */
    bool translated;              /* name is in the asked language */
} DirItem;

/* Opens the directory at db_path read-only. K_OK, or an error with one
 * plain line in err; a missing file opens as an empty directory (K_OK). */
k_err directory_open(const char *db_path, Directory **out, char *err, size_t errlen);

/* Closes; NULL is fine. */
void directory_close(Directory *d);

/* Number of services held; 0 for NULL. */
size_t directory_service_count(const Directory *d);

/* The services gathered by need_id, those at this hub first (then by
 * name in lang). Writes at most max items; returns how many, or -1 on a
 * database error. */
int directory_list_need(Directory *d, const char *need_id, const char *lang,
                        DirItem *out, int max);

/* Needs and services matching what the visitor typed (any script,
 * partial words, missing diacritics), best first. query is personal: it is
 * never logged. Returns how many (at most max), or -1 on error. */
int directory_search(Directory *d, const char *query, const char *lang,
                     DirItem *out, int max);

/* One service, its texts in lang where translated. *translated_all is set
 * false when any shown text is still in English. NULL when absent or on
 * error. Free with service_free. */
Service *directory_service(Directory *d, const char *id, const char *lang,
                           bool *translated_all);

#endif
