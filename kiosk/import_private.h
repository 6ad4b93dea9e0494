/* import_private.h — what import.c and import_start.c share. Only
 * kiosk/import*.c include it. */
#ifndef KIOSK_IMPORT_PRIVATE_H
#define KIOSK_IMPORT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the whole file at path (NUL-terminated, *len bytes) and its
 * signature (path, modification time and size, as one line in sig) for
 * the start-up rule. NULL with one line in err when it cannot be read. */
char *import_read_file(const char *path, size_t *len, char *sig, size_t sigcap, char *err,
                       size_t errlen);

/* The signature of the file at path as import_read_file makes it; false
 * when it cannot be read. */
bool import_file_sig(const char *path, char *sig, size_t cap);

/* import_file at start (import_start.c): the pack at path read and
 * checked once, and not imported (K_OK, *imported false) when it is for
 * hub and older than version (hub NULL: imported whatever its version).
 * Otherwise as import_file, *imported true when it went in. */
k_err import_file_unless_older(const char *path, const char *data_dir, const char *hub,
                               const char *version, bool *imported, char *err, size_t errlen);

#endif
