/* alloc_fail.h — the test executable's own malloc, calloc, realloc, free,
 * posix_memalign, aligned_alloc and memalign, after SQLite's test_malloc.c:
 * every allocation of the process (the kiosk's code and SDL, SQLite,
 * FreeType, HarfBuzz, jansson... which all call malloc) is counted, the Nth
 * one from a chosen moment can be made to fail, and the live blocks are
 * known, so a test can say what is still allocated and, with tracing on,
 * who allocated it (a short backtrace per block, and the last frees).
 *
 * The functions are defined in the executable, so the dynamic linker binds
 * every library's malloc to them; they forward to glibc's __libc_malloc and
 * friends. Include this header in exactly one file of a test executable.
 *
 * Under AddressSanitizer (the SAN=1 build) the sanitizer owns malloc: a
 * second definition would hide its heap checks, so nothing is defined,
 * alloc_available() is false and the tests that need this skip themselves
 * (the plain build runs them). */
#ifndef KIOSK_TEST_ALLOC_FAIL_H
#define KIOSK_TEST_ALLOC_FAIL_H

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <malloc.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define ALLOC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOC_UNDER_ASAN 1
#endif
#endif

#define ALLOC_FRAMES 8

typedef struct {
    void *p;               /* NULL: empty slot; ALLOC_GONE: removed */
    size_t size;
    uint64_t seq;          /* which allocation it was, from 1 */
    void *bt[ALLOC_FRAMES];
} AllocBlock;

typedef struct {
    uint64_t count;        /* allocations asked for since start */
    uint64_t fail_at;      /* 0: none; else the count that fails */
    uint64_t failed;       /* how many were made to fail */
    bool persist;          /* every allocation from fail_at fails */
    long live;             /* blocks tracked and not yet freed */
    bool trace;            /* keep backtraces */
    AllocBlock *table;     /* open addressing on the pointer */
    AllocBlock *graves;    /* the last frees, a ring */
    size_t grave_next;
} AllocState;

#define ALLOC_SLOTS (1u << 17)
#define ALLOC_GRAVES (1u << 16)
#define ALLOC_GONE ((void *)1)

static AllocState alloc_state;
static __thread int alloc_inside;

#ifndef ALLOC_UNDER_ASAN

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
extern void *__libc_memalign(size_t, size_t);

static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;

static inline size_t alloc_hash(const void *p)
{
    uintptr_t x = (uintptr_t)p >> 4;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x >> 40) & (ALLOC_SLOTS - 1);
}

static void alloc_tables(void)
{
    if (alloc_state.table)
        return;
    void *t = mmap(NULL, ALLOC_SLOTS * sizeof(AllocBlock), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    void *g = mmap(NULL, ALLOC_GRAVES * sizeof(AllocBlock), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (t == MAP_FAILED || g == MAP_FAILED)
        abort();
    alloc_state.table = t;
    alloc_state.graves = g;
}

/* True when this allocation is to fail (and counts it). */
static bool alloc_should_fail(void)
{
    if (alloc_inside)
        return false;
    uint64_t n = __atomic_add_fetch(&alloc_state.count, 1, __ATOMIC_RELAXED);
    uint64_t at = alloc_state.fail_at;
    if (at && (n == at || (alloc_state.persist && n > at))) {
        alloc_state.failed++;
        return true;
    }
    return false;
}

static void alloc_track(void *p, size_t size)
{
    if (!p || alloc_inside)
        return;
    alloc_inside++;
    pthread_mutex_lock(&alloc_lock);
    alloc_tables();
    size_t i = alloc_hash(p);
    while (alloc_state.table[i].p && alloc_state.table[i].p != ALLOC_GONE)
        i = (i + 1) & (ALLOC_SLOTS - 1);
    AllocBlock *b = &alloc_state.table[i];
    b->p = p;
    b->size = size;
    b->seq = alloc_state.count;
    memset(b->bt, 0, sizeof b->bt);
    if (alloc_state.trace)
        backtrace(b->bt, ALLOC_FRAMES);
    alloc_state.live++;
    pthread_mutex_unlock(&alloc_lock);
    alloc_inside--;
}

static void alloc_untrack(void *p)
{
    if (!p || !alloc_state.table)
        return;
    alloc_inside++;
    pthread_mutex_lock(&alloc_lock);
    size_t i = alloc_hash(p);
    for (size_t k = 0; k < ALLOC_SLOTS && alloc_state.table[i].p; k++) {
        if (alloc_state.table[i].p == p) {
            AllocBlock *g = &alloc_state.graves[alloc_state.grave_next++ & (ALLOC_GRAVES - 1)];
            *g = alloc_state.table[i];
            alloc_state.table[i].p = ALLOC_GONE;
            alloc_state.live--;
            break;
        }
        i = (i + 1) & (ALLOC_SLOTS - 1);
    }
    pthread_mutex_unlock(&alloc_lock);
    alloc_inside--;
}

void *malloc(size_t n)
{
    if (alloc_should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_malloc(n);
    alloc_track(p, n);
    return p;
}

void *calloc(size_t n, size_t size)
{
    if (alloc_should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_calloc(n, size);
    alloc_track(p, n * size);
    return p;
}

void *realloc(void *old, size_t n)
{
    if (!old)
        return malloc(n);
    if (n == 0) {
        free(old);
        return NULL;
    }
    if (alloc_should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_realloc(old, n);
    if (p) {
        alloc_untrack(old);
        alloc_track(p, n);
    }
    return p;
}

void free(void *p)
{
    alloc_untrack(p);
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    if (alloc_should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __libc_memalign(align, n);
    alloc_track(p, n);
    return p;
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *p = memalign(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

#endif /* !ALLOC_UNDER_ASAN */

static inline bool alloc_available(void)
{
#ifdef ALLOC_UNDER_ASAN
    return false;
#else
    return true;
#endif
}

/* Allocations asked for so far. */
static inline uint64_t alloc_count(void)
{
    return __atomic_load_n(&alloc_state.count, __ATOMIC_RELAXED);
}

/* Blocks allocated and not yet freed. */
static inline long alloc_live(void)
{
    return alloc_state.live;
}

/* Makes the nth allocation from now fail (n >= 1; 0 disarms), and every
 * one after it too when persist. */
static inline void alloc_fail_nth(uint64_t n, bool persist)
{
    alloc_state.failed = 0;
    alloc_state.persist = persist;
    alloc_state.fail_at = n ? alloc_count() + n : 0;
}

/* How many allocations were made to fail since alloc_fail_nth. */
static inline uint64_t alloc_failed(void)
{
    return alloc_state.failed;
}

static inline void alloc_trace(bool on)
{
    alloc_state.trace = on;
}

/* The live block holding address q, or else the most recently freed block
 * that held it; NULL when neither is known. *freed says which. */
static inline const AllocBlock *alloc_owner(const void *q, bool *freed)
{
    const char *c = q;
    *freed = false;
    if (!alloc_state.table)
        return NULL;
    for (size_t i = 0; i < ALLOC_SLOTS; i++) {
        const AllocBlock *b = &alloc_state.table[i];
        if (b->p && b->p != ALLOC_GONE && c >= (const char *)b->p &&
            c < (const char *)b->p + b->size)
            return b;
    }
    size_t n = alloc_state.grave_next < ALLOC_GRAVES ? alloc_state.grave_next : ALLOC_GRAVES;
    for (size_t k = 1; k <= n; k++) {
        size_t at = (alloc_state.grave_next - k) & (ALLOC_GRAVES - 1);
        const AllocBlock *b = &alloc_state.graves[at];
        if (c >= (const char *)b->p && c < (const char *)b->p + b->size) {
            *freed = true;
            return b;
        }
    }
    return NULL;
}

/* Calls fn for each live block allocated after allocation number since. */
static inline void alloc_each_live_since(uint64_t since, void (*fn)(const AllocBlock *, void *),
                                         void *ud)
{
    if (!alloc_state.table)
        return;
    for (size_t i = 0; i < ALLOC_SLOTS; i++) {
        const AllocBlock *b = &alloc_state.table[i];
        if (b->p && b->p != ALLOC_GONE && b->seq > since)
            fn(b, ud);
    }
}

/* True when the block was allocated by the dynamic loader itself (the link
 * maps and scope lists of a library loaded with dlopen, kept by glibc for
 * the life of the process). Needs the backtrace (alloc_trace). */
static inline bool alloc_by_loader(const AllocBlock *b)
{
    /* bt[0] is alloc_track, bt[1] malloc or a sibling, bt[2] its caller */
    Dl_info info;
    return b->bt[2] && dladdr(b->bt[2], &info) && info.dli_fname &&
           strstr(info.dli_fname, "/ld-linux");
}

/* Prints a block's backtrace (symbols of the executable and libraries). */
static inline void alloc_print_owner(FILE *f, const AllocBlock *b)
{
    int n = 0;
    while (n < ALLOC_FRAMES && b->bt[n])
        n++;
    alloc_inside++;
    char **names = backtrace_symbols((void *const *)b->bt, n);
    for (int k = 2; k < n; k++)
        fprintf(f, "        %s\n", names ? names[k] : "?");
#ifdef ALLOC_UNDER_ASAN
    free(names);
#else
    __libc_free(names);
#endif
    alloc_inside--;
}

#endif
