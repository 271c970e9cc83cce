/* translator/cache/cache_stats.c: the code cache's counters, and their
 * report for -d stats. */
#include "translator/cache/cache_int.h"

#include <inttypes.h>

/* Other threads' jump-cache hits since their last offline() are not
 * counted yet; the caller's own are. */
void cache_get_stats(struct code_cache *c, struct cache_stats *out)
{
    uint64_t jc;

    pthread_mutex_lock(&c->lock);
    jc = atomic_load_explicit(&c->stats.jc_hits, memory_order_relaxed);
    if (cache_tls.self == c)
        jc += cache_tls.jc_hits;
    out->jc_hits = jc;
    out->lookups =
        jc + atomic_load_explicit(&c->stats.slow_lookups, memory_order_relaxed);
    out->hits =
        jc + atomic_load_explicit(&c->stats.slow_hits, memory_order_relaxed);
    out->tbs = c->stats.tbs;
    out->flushes = c->stats.flushes;
    out->invalidations = c->stats.invalidations;
    out->links = c->stats.links;
    out->generation = atomic_load(&c->generation);
    out->code_used = c->pos;
    out->code_size = c->mem.size;
    pthread_mutex_unlock(&c->lock);
}

static double cache_percent(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void cache_dump_stats(struct code_cache *c, FILE *f)
{
    struct cache_stats st;

    cache_get_stats(c, &st);
    fprintf(f, "code cache: %zu of %zu KiB used, generation %" PRIu64 "\n",
            st.code_used >> 10, st.code_size >> 10, st.generation);
    fprintf(f,
            "  blocks: %" PRIu64 " translated, %" PRIu64 " invalidated, "
            "%" PRIu64 " flushes, %" PRIu64 " jumps chained\n",
            st.tbs, st.invalidations, st.flushes, st.links);
    fprintf(f,
            "  lookups: %" PRIu64 ", %.1f%% found, %.1f%% in the jump "
            "cache\n",
            st.lookups, cache_percent(st.hits, st.lookups),
            cache_percent(st.jc_hits, st.lookups));
}
