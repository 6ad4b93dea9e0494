/* mem_wipe.h — the libraries' freed memory wiped, process-wide.
 *
 * jansson (a payload being written, a name in a json string) and SQLite
 * (statement memory, the page cache, a table's scratch page) hand memory
 * that held what a visitor typed back to the allocator as it is. Once
 * mem_wipe_init has run, every block either library frees is overwritten
 * first: jansson through json_set_alloc_funcs, SQLite through
 * SQLITE_CONFIG_MALLOC with its page cache in single allocations (no bulk
 * block) and no lookaside slots, so each page and each small string goes
 * back through the wiping free.
 *
 * SQLite takes its configuration only before its first use in the process:
 * store_open calls mem_wipe_init before it opens a connection (the kiosk's
 * first SQLite call), and content_load before it reads a pack (jansson's
 * first use). A program that calls SQLite itself first gets a warning in
 * the log and SQLite's own allocator; jansson's is set whatever came before
 * (its blocks are plain malloc blocks either way). */
#ifndef KIOSK_MEM_WIPE_H
#define KIOSK_MEM_WIPE_H

#include <stdbool.h>
#include <stddef.h>

/* Installs the wiping allocators, once per process (later calls return
 * the first call's answer at once). Returns false when SQLite had already
 * started and kept its own allocator (logged once); jansson's is set in any
 * case. Thread-safe. */
bool mem_wipe_init(void);

/* Overwrites the whole of a malloc'd block (its usable size) and frees it.
 * NULL is ignored. Cannot fail. */
void mem_wipe_free(void *p);

/* How much of the stack below the caller mem_wipe_stack zeroes: more than
 * the deepest a screen's build and drawing reach (a few KiB of widgets and
 * text runs), far less than a thread's stack. */
#define MEM_WIPE_STACK_BYTES (128u * 1024u)

/* Zeroes MEM_WIPE_STACK_BYTES of the calling thread's stack below its own
 * frame: the frames of calls that have returned, where a screen's build left
 * copies of what the visitor typed (a widget's text). The caller's thread
 * must have that much stack left (the main thread's is 8 MiB). Cannot fail. */
void mem_wipe_stack(void);

#endif
