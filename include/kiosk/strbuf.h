/* strbuf.h — a growing NUL-terminated string, for the readers and writers
 * that build text of unknown length (the .po reader, the upload body). */
#ifndef KIOSK_STRBUF_H
#define KIOSK_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

/* Start it zeroed: { 0 } is an empty buffer with nothing allocated. p is
 * NULL until the first byte is added, then always NUL-terminated. */
typedef struct {
    char *p;
    size_t len, cap;
} StrBuf;

/* Appends n bytes of s (which may hold NULs) and a NUL after them, growing
 * the buffer by doubling. Returns false when memory ran out; the buffer is
 * then as it was. */
bool strbuf_add(StrBuf *b, const char *s, size_t n);

#endif
