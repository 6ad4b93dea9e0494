/* mem_wipe.c — jansson's and SQLite's freed memory overwritten before it
 * goes back to the allocator (mem_wipe.h says why and when). */
#include "kiosk/mem_wipe.h"

#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/log.h"

#define MOD "mem"

void mem_wipe_free(void *p)
{
    if (!p)
        return;
    sodium_memzero(p, malloc_usable_size(p));
    free(p);
}

void mem_wipe_stack(void)
{
    sodium_stackzero(MEM_WIPE_STACK_BYTES);
}

/* ---- SQLite's allocator: malloc, and a free that wipes ---- */

static void *wm_malloc(int n)
{
    return n > 0 ? malloc((size_t)n) : NULL;
}

static int wm_size(void *p)
{
    return p ? (int)malloc_usable_size(p) : 0;
}

/* A new block and a copy, so the old one is wiped wherever realloc would
 * have moved it; a block that already fits is kept. */
static void *wm_realloc(void *p, int n)
{
    if (n <= 0)
        return NULL;
    size_t old = p ? malloc_usable_size(p) : 0;
    if (p && old >= (size_t)n)
        return p;
    void *q = malloc((size_t)n);
    if (q && p) {
        memcpy(q, p, old);
        mem_wipe_free(p);
    }
    return q;
}

static int wm_roundup(int n)
{
    return (n + 7) & ~7;
}

static int wm_init(void *x)
{
    (void)x;
    return SQLITE_OK;
}

static void wm_shutdown(void *x)
{
    (void)x;
}

static bool sqlite_wiping;

static void install(void)
{
    json_set_alloc_funcs(malloc, mem_wipe_free);
    static const sqlite3_mem_methods m = { wm_malloc, mem_wipe_free, wm_realloc, wm_size,
                                           wm_roundup, wm_init, wm_shutdown, NULL };
    /* each page its own block (no bulk block that pages return to
     * unwiped), and no lookaside slots (reused without going through free) */
    sqlite_wiping = sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK &&
                    sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0) == SQLITE_OK &&
                    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) == SQLITE_OK;
    if (!sqlite_wiping)
        LOG_W(MOD, "SQLite started before the store: its freed memory is not wiped");
}

bool mem_wipe_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
    return sqlite_wiping;
}
