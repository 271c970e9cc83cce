/* translator/cache/cache_mem.c: the code cache's life cycle, allocation of
 * code space from its executable region, and the flush that empties it. */
#include "translator/cache/cache_int.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static size_t cache_align(size_t n)
{
    return (n + CACHE_CODE_ALIGN - 1) & ~(size_t)(CACHE_CODE_ALIGN - 1);
}

static size_t cache_clamp_size(size_t size)
{
    if (size == 0)
        return CACHE_DEFAULT_SIZE;
    if (size < CACHE_MIN_SIZE)
        return CACHE_MIN_SIZE;
    return size > CACHE_MAX_SIZE ? CACHE_MAX_SIZE : size;
}

static int cache_init(struct code_cache *c, const struct cache_config *cfg)
{
    int err;

    c->patch = cfg->patch;
    c->page_hook = cfg->page_hook;
    c->opaque = cfg->opaque;
    atomic_init(&c->generation, 1);
    atomic_init(&c->inval_seq, 1);
    err = exec_mem_map(&c->mem, cache_clamp_size(cfg->size));
    if (err) {
        c->mem.rw = NULL; /* exec_mem_map may leave MAP_FAILED there */
        return err;
    }
    err = cache_table_init(c);
    if (err == 0)
        err = cache_pages_init(c);
    return err;
}

int cache_new(struct code_cache **out, const struct cache_config *cfg)
{
    struct code_cache *c;
    int err;

    *out = NULL;
    if (!cfg->patch)
        return -EINVAL;
    c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->flushed, NULL);
    err = cache_init(c, cfg);
    if (err) {
        cache_free(c);
        return err;
    }
    *out = c;
    return 0;
}

void cache_free(struct code_cache *c)
{
    if (!c)
        return;
    cache_tbs_free(c);
    cache_pages_fini(c);
    cache_table_fini(c);
    if (c->mem.rw)
        exec_mem_unmap(&c->mem);
    pthread_cond_destroy(&c->flushed);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

/* Single-view regions are writable while any write is in progress; the
 * lock is held. A failing mprotect on our own region is an emulator bug. */
void cache_begin_write(struct code_cache *c)
{
    if (c->writers++ == 0 && exec_mem_set_writable(&c->mem, true) != 0) {
        fprintf(stderr, "ferry: code cache: cannot make code writable\n");
        abort();
    }
}

void cache_end_write(struct code_cache *c)
{
    assert(c->writers > 0);
    if (--c->writers == 0 && exec_mem_set_writable(&c->mem, false) != 0) {
        fprintf(stderr, "ferry: code cache: cannot make code executable\n");
        abort();
    }
}

enum cache_status cache_code_reserve(struct code_cache *c, size_t max,
                                     struct cache_code *out)
{
    enum cache_status st = CACHE_OK;

    pthread_mutex_lock(&c->lock);
    if (atomic_load(&c->flush_pending)) {
        st = CACHE_RETRANSLATE;
    } else if (max > c->mem.size - c->floor) {
        st = CACHE_TOO_BIG;
    } else if (max > c->mem.size - c->pos) {
        cache_request_flush_locked(c);
        st = CACHE_RETRANSLATE;
    } else {
        out->rw = c->mem.rw + c->pos;
        out->rx = (uintptr_t)c->mem.rx + c->pos;
        out->size = max;
        /* Claim it all: another thread may reserve before our commit. */
        c->pos += cache_align(max);
        cache_begin_write(c);
        exec_mem_prefault(&c->mem, c->pos);
    }
    pthread_mutex_unlock(&c->lock);
    return st;
}

void cache_code_commit(struct code_cache *c, const struct cache_code *code,
                       size_t used)
{
    size_t off = (size_t)(code->rw - c->mem.rw);

    assert(used <= code->size && off < c->mem.size);
    pthread_mutex_lock(&c->lock);
    /* Give back the unused tail unless someone reserved after us. */
    if (c->pos == off + cache_align(code->size))
        c->pos = off + cache_align(used);
    cache_end_write(c);
    pthread_mutex_unlock(&c->lock);
}

void cache_code_keep(struct code_cache *c)
{
    pthread_mutex_lock(&c->lock);
    assert(c->ntbs == 0);
    c->floor = c->pos;
    pthread_mutex_unlock(&c->lock);
}

const struct exec_mem *cache_exec_mem(const struct code_cache *c)
{
    return &c->mem;
}

uint64_t cache_generation(const struct code_cache *c)
{
    return atomic_load(&c->generation);
}

/* Drops every TB and restarts allocation. Only when no thread can be
 * running this generation's code (see the protocol in cache.h). */
void cache_flush_locked(struct code_cache *c)
{
    assert(c->writers == 0);
    cache_table_clear(c);
    cache_pages_clear(c);
    cache_tbs_clear(c);
    c->pos = c->floor;
    c->stats.flushes++;
    atomic_fetch_add(&c->generation, 1);
    atomic_store(&c->flush_pending, false);
    pthread_cond_broadcast(&c->flushed);
}
