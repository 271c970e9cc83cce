/* translator/cache/cache_sync.c: the flush protocol. A flush frees code
 * that guest threads may be running, so it waits until every registered
 * thread is parked at a safe point or offline (see cache.h). */
#include "translator/cache/cache_int.h"

#include <errno.h>

__thread struct cache_tls cache_tls;

/* Adds this thread's jump-cache hits to the shared count (lock held). */
static void cache_fold_stats(struct code_cache *c)
{
    atomic_fetch_add_explicit(&c->stats.jc_hits, cache_tls.jc_hits,
                              memory_order_relaxed);
    cache_tls.jc_hits = 0;
}

/* Flushes now if nobody can be running code: every registered thread is
 * quiet (none registered included). The lock is held. */
static void cache_flush_if_all_quiet(struct code_cache *c)
{
    if (atomic_load(&c->flush_pending) && c->nquiet == c->nthreads)
        cache_flush_locked(c);
}

void cache_request_flush_locked(struct code_cache *c)
{
    atomic_store(&c->flush_pending, true);
    cache_flush_if_all_quiet(c);
}

void cache_request_flush(struct code_cache *c)
{
    pthread_mutex_lock(&c->lock);
    cache_request_flush_locked(c);
    pthread_mutex_unlock(&c->lock);
}

bool cache_flush_pending(const struct code_cache *c)
{
    return atomic_load(&((struct code_cache *)c)->flush_pending);
}

int cache_thread_register(struct code_cache *c)
{
    if (cache_tls.self)
        return -EBUSY;
    pthread_mutex_lock(&c->lock);
    c->nthreads++;
    pthread_mutex_unlock(&c->lock);
    cache_tls.self = c;
    cache_tls.offline = false;
    cache_tls.jc_hits = 0;
    return 0;
}

void cache_thread_unregister(void)
{
    struct code_cache *c = cache_tls.self;

    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    c->nthreads--;
    cache_fold_stats(c);
    if (cache_tls.offline)
        c->nquiet--;
    /* We may have been the one everybody was waiting for. */
    cache_flush_if_all_quiet(c);
    pthread_mutex_unlock(&c->lock);
    cache_tls.self = NULL;
    cache_tls.offline = false;
}

/* Waits, counted as quiet, until the pending flush has happened; the last
 * thread to arrive performs it. The lock is held. */
static void cache_park_locked(struct code_cache *c)
{
    uint64_t gen = atomic_load(&c->generation);

    c->nquiet++;
    cache_flush_if_all_quiet(c);
    while (atomic_load(&c->generation) == gen)
        pthread_cond_wait(&c->flushed, &c->lock);
    c->nquiet--;
}

void cache_thread_quiescent(void)
{
    struct code_cache *c = cache_tls.self;

    if (!c || cache_tls.offline || !atomic_load(&c->flush_pending))
        return;
    pthread_mutex_lock(&c->lock);
    /* Pending is only cleared by a flush, which bumps the generation. */
    if (atomic_load(&c->flush_pending))
        cache_park_locked(c);
    pthread_mutex_unlock(&c->lock);
}

void cache_thread_offline(void)
{
    struct code_cache *c = cache_tls.self;

    if (!c || cache_tls.offline)
        return;
    pthread_mutex_lock(&c->lock);
    c->nquiet++;
    cache_tls.offline = true;
    cache_fold_stats(c);
    cache_flush_if_all_quiet(c);
    pthread_mutex_unlock(&c->lock);
}

/* A flush runs entirely under the lock, so taking it waits for one in
 * progress; a pending one now also waits for this thread's next safe
 * point. */
void cache_thread_online(void)
{
    struct code_cache *c = cache_tls.self;

    if (!c || !cache_tls.offline)
        return;
    pthread_mutex_lock(&c->lock);
    c->nquiet--;
    cache_tls.offline = false;
    pthread_mutex_unlock(&c->lock);
}

void cache_fork_prepare(struct code_cache *c)
{
    pthread_mutex_lock(&c->lock);
}

void cache_fork_parent(struct code_cache *c)
{
    pthread_mutex_unlock(&c->lock);
}

/* Waiters on the condition were other threads: none exist here, so the
 * condition is made afresh rather than trusted. */
void cache_fork_child(struct code_cache *c)
{
    bool self = cache_tls.self == c;

    pthread_cond_init(&c->flushed, NULL);
    c->nthreads = self ? 1 : 0;
    c->nquiet = self && cache_tls.offline ? 1 : 0;
    cache_flush_if_all_quiet(c);
    pthread_mutex_unlock(&c->lock);
}
