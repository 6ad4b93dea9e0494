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

#include "kiosk/content.h"
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
 * plain line in err; a missing file opens as an empty directory (K_OK). A
 * file written in another layout (its user_version) is K_ERR_DB: the start
 * then imports the pack again. */
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

/* ---- what the import kept -------------------------------------------- */

/* The import's note under key: "version" (the pack's), "hub_id",
 * "imported_at" (UTC, ISO 8601), "source" (the file or "central"). Copies
 * it into out (cut to cap) and returns K_OK; K_ERR_NOT_FOUND (out "") when
 * the directory is empty or has no such note; K_ERR_DB on a database
 * error. */
k_err directory_meta(Directory *d, const char *key, char *out, size_t cap);

/* The same note whole, malloc'd (free it); NULL when absent, on a database
 * error or out of memory. */
char *directory_meta_dup(Directory *d, const char *key);

/* Services the import left out because they failed their own checks: how
 * many (0 for NULL or on error), and the i-th one's JSON path (e.g.
 * "services[12]") and problem, cut to their buffers. K_OK, K_ERR_NOT_FOUND
 * for i out of range, K_ERR_DB. */
size_t directory_left_out_count(Directory *d);
k_err directory_left_out(Directory *d, size_t i, char *path, size_t path_cap, char *problem,
                         size_t problem_cap);

/* Folds text as search does (case, the diacritics and vowel marks a
 * visitor may leave out: docs/directory.md) into out (cap bytes, always
 * NUL-terminated, cut at a character boundary). Returns the bytes written;
 * 0 for empty input or when ICU fails. */
size_t directory_fold(const char *in, char *out, size_t cap);

/* ---- writing a new directory (the import) ------------------------------ */

typedef struct DirWriter DirWriter;

/* One service as the import hands it over. */
typedef struct {
    const char *id;
    const char *name;              /* English */
    const char *organization;      /* "" when none */
    const char *description;       /* plain text; "" when none */
    bool at_hub;                   /* delivered at the hub's location */
    const char *const *taxonomy_ids;
    size_t n_taxonomy_ids;
    const char *json;              /* the ORUK service object as given, as JSON */
} DirServiceIn;

/* Starts a new directory database at path (removed first when it exists).
 * NULL with one line in err on failure (nothing left at path). */
DirWriter *directory_writer_open(const char *path, char *err, size_t errlen);

/* Adds rows. Each returns K_OK, K_ERR_INVALID for a text the writer
 * refuses (a translation of a service or need not added before, a NULL
 * id) or K_ERR_DB / K_ERR_FULL; after an error the writer can only be
 * aborted. A service's translations and a need come after the services. */
k_err directory_writer_meta(DirWriter *w, const char *key, const char *value);
k_err directory_writer_service(DirWriter *w, const DirServiceIn *s);
k_err directory_writer_service_text(DirWriter *w, const char *service_id, const char *lang,
                                    const char *name, const char *description);
k_err directory_writer_need(DirWriter *w, const ContentNeed *n);
k_err directory_writer_need_text(DirWriter *w, const char *need_id, const char *lang,
                                 const char *name);
k_err directory_writer_left_out(DirWriter *w, const char *path, const char *problem);

/* Gathers each need's services (by id and by taxonomy term), builds the
 * search index, commits, closes and fsyncs the file. Frees w whatever
 * happens. K_OK; otherwise K_ERR_DB, K_ERR_FULL or K_ERR_IO with one line
 * in err, and the file removed. */
k_err directory_writer_finish(DirWriter *w, char *err, size_t errlen);

/* Gives up: closes and removes the file, frees w. NULL is fine. */
void directory_writer_abort(DirWriter *w);

#endif
