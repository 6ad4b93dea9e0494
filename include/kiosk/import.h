/* import.h — a content pack applied to the device: checked whole, its
 * services written into a new directory database (content.db.new, with
 * the pack itself less its services as the active pack), fsynced and
 * renamed over content.db in one step. The old content stays in use until
 * the new one is in; a pack refused, or an import that stops half-way,
 * leaves it as it was. `kiosk --import PACK`, the start of the kiosk (a
 * newer pack at the configured path) and the uploader (the central
 * service's pack) all come here (docs/directory.md). */
#ifndef KIOSK_IMPORT_H
#define KIOSK_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/content.h"
#include "kiosk/error.h"

typedef struct {
    char version[128];
    char hub_id[208];
    size_t services;     /* written to the directory */
    size_t left_out;     /* failed their own checks */
    size_t needs;
    size_t languages;    /* of the pack's translations */
} ImportSummary;

/* The directory database in data_dir: "<data_dir>/content.db". */
void import_db_path(const char *data_dir, char *out, size_t cap);

/* Imports the pack json[0..len) into data_dir. origin names it in
 * messages; source is kept as its note (a path, or "central"). K_OK with
 * *sum filled (sum may be NULL); otherwise one line in err and content.db
 * untouched: K_ERR_INVALID (the pack is refused: JSON, format, hub,
 * duplicate ids... as content_load_buffer says), K_ERR_DB, K_ERR_FULL or
 * K_ERR_IO (the new directory could not be written or put in place),
 * K_ERR_NOMEM. */
k_err import_buffer(const char *json, size_t len, const char *origin, const char *source,
                    const char *data_dir, ImportSummary *sum, char *err, size_t errlen);

/* The same for the pack file at path. */
k_err import_file(const char *path, const char *data_dir, ImportSummary *sum, char *err,
                  size_t errlen);

/* At start: imports the pack at path when content.db is absent or holds
 * another hub, or when the file is not the one last imported and its
 * version is not older than the one in use (docs/directory.md). Sets
 * *imported. K_OK when nothing needed doing or the import went in;
 * otherwise as import_file, and the old directory stays. */
k_err import_at_start(const char *path, const char *data_dir, bool *imported, char *err,
                      size_t errlen);

/* The active pack: the last imported pack without its services, read from
 * content.db. NULL with one line in err when there is none or it does not
 * load. */
ContentPack *import_load_active(const char *data_dir, char *err, size_t errlen);

/* Compares two pack versions in natural order (runs of digits by value,
 * the rest byte by byte): <0, 0, >0. */
int import_version_cmp(const char *a, const char *b);

#endif
