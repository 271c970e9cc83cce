/* translator/cache/tb_table.c: finding translated blocks by (pc, flags):
 * a chained hash table under the cache lock, fronted by a lock-free
 * direct-mapped jump cache. */
#include "translator/cache/cache_int.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TB_MIN_BUCKETS 1024u

/* Fibonacci hashing: the multiply spreads pc and flags into the top bits,
 * which pick the bucket. */
static size_t tb_bucket(const struct code_cache *c, gva pc, uint32_t flags)
{
    uint64_t h = (pc ^ ((uint64_t)flags << 40)) * 0x9e3779b97f4a7c15ull;

    return (size_t)(h >> (64 - __builtin_ctzll(c->nbuckets)));
}

unsigned cache_jc_index(gva pc)
{
    return (unsigned)((pc >> CACHE_JC_SHIFT_A) ^ (pc >> CACHE_JC_SHIFT_B)) &
           (CACHE_JC_SIZE - 1);
}

struct tb *_Atomic const *cache_jump_cache(const struct code_cache *c)
{
    return c->jc;
}

int cache_table_init(struct code_cache *c)
{
    c->buckets = calloc(TB_MIN_BUCKETS, sizeof *c->buckets);
    if (!c->buckets)
        return -ENOMEM;
    c->nbuckets = TB_MIN_BUCKETS;
    for (unsigned i = 0; i < CACHE_JC_SIZE; i++)
        atomic_init(&c->jc[i], NULL);
    return 0;
}

void cache_table_fini(struct code_cache *c)
{
    free(c->buckets);
    c->buckets = NULL;
    cache_code_index_fini(c);
}

void cache_table_clear(struct code_cache *c)
{
    memset(c->buckets, 0, c->nbuckets * sizeof *c->buckets);
    c->ntbs = 0;
    c->nby_code = 0;
    for (unsigned i = 0; i < CACHE_JC_SIZE; i++)
        atomic_store_explicit(&c->jc[i], NULL, memory_order_relaxed);
}

/* The lock is held. */
static struct tb *cache_table_find(struct code_cache *c, gva pc, uint32_t flags)
{
    struct tb *tb = c->buckets[tb_bucket(c, pc, flags)];

    while (tb && (tb->pc != pc || tb->flags != flags))
        tb = tb->hash_next;
    return tb;
}

/* Doubles the buckets when chains get long; keeps the old table if the
 * host has no memory for a new one. */
static void cache_table_grow(struct code_cache *c)
{
    struct tb **old = c->buckets;
    size_t nold = c->nbuckets;
    struct tb **nb = calloc(nold * 2, sizeof *nb);

    if (!nb)
        return;
    c->buckets = nb;
    c->nbuckets = nold * 2;
    for (size_t i = 0; i < nold; i++) {
        struct tb *tb = old[i], *next;

        for (; tb; tb = next) {
            size_t b = tb_bucket(c, tb->pc, tb->flags);

            next = tb->hash_next;
            tb->hash_next = nb[b];
            nb[b] = tb;
        }
    }
    free(old);
}

void cache_table_remove(struct code_cache *c, struct tb *tb)
{
    struct tb **p = &c->buckets[tb_bucket(c, tb->pc, tb->flags)];
    struct tb *expected = tb;

    while (*p && *p != tb)
        p = &(*p)->hash_next;
    if (!*p)
        return;
    *p = tb->hash_next;
    tb->hash_next = NULL;
    c->ntbs--;
    atomic_compare_exchange_strong(&c->jc[cache_jc_index(tb->pc)], &expected,
                                   NULL);
}

struct tb *tb_lookup_table(struct code_cache *c, gva pc, uint32_t flags)
{
    struct tb *tb;

    pthread_mutex_lock(&c->lock);
    tb = cache_table_find(c, pc, flags);
    /* Filled under the lock, so invalidation cannot miss it. */
    if (tb)
        atomic_store_explicit(&c->jc[cache_jc_index(pc)], tb,
                              memory_order_release);
    pthread_mutex_unlock(&c->lock);
    atomic_fetch_add_explicit(&c->stats.slow_lookups, 1, memory_order_relaxed);
    if (tb)
        atomic_fetch_add_explicit(&c->stats.slow_hits, 1, memory_order_relaxed);
    return tb;
}

struct tb *tb_lookup_jc(struct code_cache *c, gva pc, uint32_t flags)
{
    struct tb *tb = tb_lookup_fast(c, pc, flags);

    if (!tb)
        return NULL;
    if (cache_tls.self == c)
        cache_tls.jc_hits++;
    else
        atomic_fetch_add_explicit(&c->stats.jc_hits, 1, memory_order_relaxed);
    return tb;
}

struct tb *tb_lookup(struct code_cache *c, gva pc, uint32_t flags)
{
    struct tb *tb = tb_lookup_jc(c, pc, flags);

    return tb ? tb : tb_lookup_table(c, pc, flags);
}

struct tb *tb_lookup_fast(struct code_cache *c, gva pc, uint32_t flags)
{
    struct tb *tb = atomic_load_explicit(&c->jc[cache_jc_index(pc)],
                                         memory_order_acquire);

    if (!tb || tb->pc != pc || tb->flags != flags ||
        atomic_load_explicit(&tb->invalid, memory_order_relaxed))
        return NULL;
    return tb;
}

/* A short program's TBs fit in one chunk (a static hello world's 34 take
 * 10 KiB): a larger one grew the heap past the pages start-up mapped in. */
#define TB_CHUNK_SIZE ((size_t)16 << 10)

/* Room for a TB of `bytes` from the chunks (the lock is held), zeroed;
 * NULL when the host is out of memory. */
static struct tb *tb_alloc(struct code_cache *c, size_t bytes)
{
    struct tb_chunk *k = c->chunk;
    struct tb *tb;

    bytes = (bytes + 15) & ~(size_t)15;
    while (k && k->size - k->used < bytes)
        k = k->next; /* after a flush: the next emptied chunk */
    if (!k) {
        size_t size = bytes > TB_CHUNK_SIZE ? bytes : TB_CHUNK_SIZE;

        if (!(k = malloc(sizeof *k + size)))
            return NULL;
        k->size = size;
        k->used = 0;
        k->next = c->chunks;
        c->chunks = k;
    }
    c->chunk = k;
    tb = (struct tb *)(k->mem + k->used);
    k->used += bytes;
    return memset(tb, 0, bytes);
}

/* Gives back the TB tb_alloc just returned (the lock still held). */
static void tb_unalloc(struct code_cache *c, struct tb *tb)
{
    c->chunk->used = (size_t)((unsigned char *)tb - c->chunk->mem);
}

void cache_tbs_clear(struct code_cache *c)
{
    for (struct tb_chunk *k = c->chunks; k; k = k->next)
        k->used = 0;
    c->chunk = c->chunks;
    c->all = NULL;
}

void cache_tbs_free(struct code_cache *c)
{
    while (c->chunks) {
        struct tb_chunk *k = c->chunks;

        c->chunks = k->next;
        free(k);
    }
    c->chunk = NULL;
    c->all = NULL;
}

/* The lock is held. */
static struct tb *tb_new(struct code_cache *c, const struct tb_info *info)
{
    uintptr_t base = (uintptr_t)c->mem.rx;
    struct tb *tb;

    assert(info->code_rx >= base &&
           info->code_rx + info->code_size <= base + c->mem.size);
    tb = tb_alloc(c, sizeof *tb + info->extra_size);
    if (!tb)
        return NULL;
    if (info->extra_size)
        memcpy(tb->extra, info->extra, info->extra_size);
    tb->extra_size = info->extra_size;
    tb->pc = info->pc;
    tb->guest_len = info->guest_len;
    tb->guest_before = info->guest_before;
    tb->flags = info->flags;
    tb->code_rx = info->code_rx;
    tb->code_size = info->code_size;
    for (unsigned i = 0; i < TB_NSLOTS; i++) {
        assert(info->jmp_off[i] == TB_NO_JUMP ||
               info->jmp_off[i] < info->code_size);
        tb->slot[i].jmp_off = info->jmp_off[i];
    }
    atomic_init(&tb->invalid, false);
    return tb;
}

/* The lock is held; tb is not yet in the table. */
static void cache_table_add(struct code_cache *c, struct tb *tb)
{
    size_t b = tb_bucket(c, tb->pc, tb->flags);

    tb->generation = atomic_load(&c->generation);
    tb->hash_next = c->buckets[b];
    c->buckets[b] = tb;
    tb->all_next = c->all;
    c->all = tb;
    cache_code_index_add(c, tb);
    c->stats.tbs++;
    if (++c->ntbs > 2 * c->nbuckets)
        cache_table_grow(c);
}

/* Whether an invalidation happened since the translator read guest code.
 * The lock is held, so none can slip in before the insert. */
static bool tb_info_is_stale(struct code_cache *c, const struct tb_info *info)
{
    return info->inval_seq && info->inval_seq != atomic_load(&c->inval_seq);
}

struct tb *tb_insert(struct code_cache *c, const struct tb_info *info)
{
    struct tb *tb = NULL, *old = NULL;

    pthread_mutex_lock(&c->lock);
    if (tb_info_is_stale(c, info) ||
        (old = cache_table_find(c, info->pc, info->flags)) != NULL ||
        cache_code_index_reserve(c) != 0 || !(tb = tb_new(c, info)) ||
        cache_pages_add(c, tb) != 0) {
        if (tb)
            tb_unalloc(c, tb);
        pthread_mutex_unlock(&c->lock);
        return old; /* NULL when stale or out of memory */
    }
    cache_table_add(c, tb);
    pthread_mutex_unlock(&c->lock);
    return tb;
}
