/* import_private.h — what import.c and import_start.c share. Only
 * kiosk/import*.c include it. */
#ifndef KIOSK_IMPORT_PRIVATE_H
#define KIOSK_IMPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/content.h"
#include "kiosk/error.h"

/* Loads and checks the pack file at path (content_load_callback: read
 * through a small buffer, never held whole), and writes its signature
 * (path, modification time and size, as one line in sig) for the start-up
 * rule. NULL with one line in err and *why K_ERR_IO when it cannot be read
 * or is larger than CONTENT_PACK_MAX_BYTES, K_ERR_INVALID when it is
 * refused; *why K_OK otherwise. */
ContentPack *import_load_file(const char *path, char *sig, size_t sigcap, k_err *why, char *err,
                              size_t errlen);

/* The signature of the file at path as import_load_file makes it; false
 * when it cannot be read. */
bool import_file_sig(const char *path, char *sig, size_t cap);

/* import_file at start (import_start.c): the pack at path read and
 * checked once, and not imported (K_OK, *imported false) when it is for
 * hub and older than version (hub NULL: imported whatever its version).
 * Otherwise as import_file, *imported true when it went in. */
k_err import_file_unless_older(const char *path, const char *data_dir, const char *hub,
                               const char *version, bool *imported, char *err, size_t errlen);

#endif
