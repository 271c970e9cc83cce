/* translator/cache/cache_int.h: the code cache's private state and the
 * helpers its files share. Only translator/cache/ includes this. */
#ifndef FERRY_TRANSLATOR_CACHE_INT_H
#define FERRY_TRANSLATOR_CACHE_INT_H

#include <pthread.h>

#include "translator/cache/cache.h"

/* A guest page holding code: the head of its list of TBs. */
struct cache_page {
    gva page;
    struct tb_edge first;    /* first TB on it, and its index in tb->page */
    struct cache_page *next; /* hash chain */
};

/* TBs are carved from chunks that live until cache_free: a flush empties
 * them for reuse instead of freeing TBs one by one (a calloc per block
 * was a visible share of start-up, where most blocks run once). */
struct tb_chunk {
    struct tb_chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
};

struct code_cache {
    pthread_mutex_t lock;
    pthread_cond_t flushed; /* broadcast after each flush */
    struct exec_mem mem;
    cache_patch_fn *patch;
    cache_page_fn *page_hook;
    void *opaque;

    /* Code space: [floor, pos) holds this generation's blocks. */
    size_t pos, floor;
    unsigned writers; /* reservations not yet committed */

    /* TB hash table on (pc, flags), and every TB of the generation. */
    struct tb **buckets;
    size_t nbuckets; /* a power of two */
    size_t ntbs;
    struct tb *all;
    struct tb_chunk *chunks, *chunk; /* all chunks; the one in use */
    _Atomic(struct tb *) jc[CACHE_JC_SIZE];
    struct tb **by_code; /* every TB of the generation, by code_rx */
    size_t nby_code, by_code_cap;

    /* Guest pages holding code. */
    struct cache_page **pbuckets;
    size_t npbuckets; /* a power of two */
    size_t npages;
    _Atomic uint64_t inval_seq; /* bumped by each invalidation, under lock */

    /* Flush protocol (cache_sync.c). */
    atomic_bool flush_pending;
    unsigned nthreads; /* registered */
    unsigned nquiet;   /* of them parked or offline */
    _Atomic uint64_t generation;

    /* Jump-cache hits are counted per thread (cache_tls) and added here
     * at unregister and offline, keeping the hot path free of atomics. */
    struct {
        _Atomic uint64_t slow_lookups, slow_hits, jc_hits;
        uint64_t tbs, flushes, invalidations, links;
    } stats;
};

/* The calling thread's registration (cache_sync.c). */
struct cache_tls {
    struct code_cache *self; /* the cache it is registered with, or NULL */
    bool offline;            /* between offline() and online() */
    uint64_t jc_hits;        /* not yet added to self's stats */
};

extern __thread struct cache_tls cache_tls;

/* cache_mem.c */
void cache_begin_write(struct code_cache *c);
void cache_end_write(struct code_cache *c);
void cache_flush_locked(struct code_cache *c);

/* cache_sync.c */
void cache_request_flush_locked(struct code_cache *c);

/* tb_table.c */
int cache_table_init(struct code_cache *c);
void cache_table_fini(struct code_cache *c);
void cache_table_clear(struct code_cache *c);
void cache_table_remove(struct code_cache *c, struct tb *tb);
/* Frees the TB chunks (cache_free), or empties them for reuse (flush). */
void cache_tbs_free(struct code_cache *c);
void cache_tbs_clear(struct code_cache *c);
unsigned cache_jc_index(gva pc);

/* tb_code.c: reserve room first, then add (which cannot fail). */
int cache_code_index_reserve(struct code_cache *c);
void cache_code_index_add(struct code_cache *c, struct tb *tb);
void cache_code_index_fini(struct code_cache *c);

/* tb_link.c */
void tb_unlink_all_locked(struct code_cache *c, struct tb *tb);

/* tb_pages.c */
int cache_pages_init(struct code_cache *c);
void cache_pages_fini(struct code_cache *c);
void cache_pages_clear(struct code_cache *c);
int cache_pages_add(struct code_cache *c, struct tb *tb);
void cache_pages_remove(struct code_cache *c, struct tb *tb);

/* One TB leaves lookup, chains and page lists (the lock held). */
void tb_invalidate_locked(struct code_cache *c, struct tb *tb);

#endif
