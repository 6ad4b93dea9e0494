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

#endif
