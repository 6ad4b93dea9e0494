/* text_cache.c — the engine's caches: a hash table with least-recently-used
 * eviction, bounded by cost (textures, measurements, layouts). */
#include "text_private.h"

#include <sodium.h>

uint64_t text_hash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

bool text_grow(void **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    /* not realloc: the old block may hold someone's text, and is wiped
     * before it goes back to the heap */
    void *p = malloc(n);
    if (!p)
        return false;
    if (*buf) {
        sodium_memzero(*buf, *cap);
        free(*buf);
    }
    *buf = p;
    *cap = n;
    return true;
}

static void lru_unlink(Lru *l, Entry *e)
{
    if (e->newer) e->newer->older = e->older; else l->newest = e->older;
    if (e->older) e->older->newer = e->newer; else l->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void lru_push_front(Lru *l, Entry *e)
{
    e->older = l->newest;
    e->newer = NULL;
    if (l->newest) l->newest->newer = e; else l->oldest = e;
    l->newest = e;
}

Entry *text_lru_find(Lru *l, const void *key, size_t keylen, uint64_t hash)
{
    if (!l->nbuckets)
        return NULL;
    for (Entry *e = l->buckets[hash & (l->nbuckets - 1)]; e; e = e->chain) {
        if (e->hash == hash && e->keylen == keylen && memcmp(e->key, key, keylen) == 0) {
            lru_unlink(l, e);
            lru_push_front(l, e);
            return e;
        }
    }
    return NULL;
}

static void lru_remove(Lru *l, Entry *e)
{
    Entry **pp = &l->buckets[e->hash & (l->nbuckets - 1)];
    while (*pp != e)
        pp = &(*pp)->chain;
    *pp = e->chain;
    lru_unlink(l, e);
    l->count--;
    l->cost -= e->cost;
    if (l->drop)
        l->drop(e);
    free(e);
}

/* Evicts least recently used, unpinned entries until within budget. */
void text_lru_trim(Lru *l)
{
    Entry *e = l->oldest;
    while (l->cost > l->budget && e) {
        Entry *next = e->newer;
        if (!e->pinned)
            lru_remove(l, e);
        e = next;
    }
}

static bool lru_grow(Lru *l)
{
    size_t n = l->nbuckets ? l->nbuckets * 2 : 64;
    Entry **b = calloc(n, sizeof *b);
    if (!b)
        return false;
    for (size_t i = 0; i < l->nbuckets; i++) {
        for (Entry *e = l->buckets[i], *next; e; e = next) {
            next = e->chain;
            e->chain = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    }
    free(l->buckets);
    l->buckets = b;
    l->nbuckets = n;
    return true;
}

/* Adds a new, pinned entry (the caller fills its value, sets its cost with
 * lru_set_cost and unpins it). Returns NULL when out of memory. */
Entry *text_lru_insert(Lru *l, const void *key, size_t keylen, uint64_t hash)
{
    if (l->count >= l->nbuckets && !lru_grow(l) && !l->nbuckets)
        return NULL;
    Entry *e = calloc(1, sizeof *e + keylen);
    if (!e)
        return NULL;
    memcpy(e->key, key, keylen);
    e->keylen = keylen;
    e->hash = hash;
    e->pinned = true;
    e->chain = l->buckets[hash & (l->nbuckets - 1)];
    l->buckets[hash & (l->nbuckets - 1)] = e;
    lru_push_front(l, e);
    l->count++;
    return e;
}

void text_lru_set_cost(Lru *l, Entry *e, size_t cost)
{
    l->cost += cost - e->cost;
    e->cost = cost;
}

void text_lru_clear(Lru *l)
{
    while (l->oldest)
        lru_remove(l, l->oldest);
}

void text_lru_free(Lru *l)
{
    text_lru_clear(l);
    free(l->buckets);
    l->buckets = NULL;
    l->nbuckets = 0;
}

void text_drop_texture(Entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
}

bool text_lru_holds(const Lru *l, const void *p, size_t n)
{
    for (const Entry *e = l->newest; e; e = e->older)
        if (n <= e->keylen && memmem(e->key, e->keylen, p, n))
            return true;
    return false;
}
