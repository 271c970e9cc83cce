/* translator/cache/tb_code.c: from a host code address back to its TB
 * (a fault or signal inside translated code, mapped to the guest pc).
 * Every TB of the generation, invalidated ones included, sorted by code
 * address; blocks mostly arrive in address order, so inserts append. */
#include "translator/cache/cache_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cache_code_index_reserve(struct code_cache *c)
{
    size_t cap = c->by_code_cap ? 2 * c->by_code_cap : 1024;
    struct tb **nb;

    if (c->nby_code < c->by_code_cap)
        return 0;
    nb = realloc(c->by_code, cap * sizeof *nb);
    if (!nb)
        return -ENOMEM;
    c->by_code = nb;
    c->by_code_cap = cap;
    return 0;
}

/* The number of TBs whose code starts at or below rx. */
static size_t cache_code_rank(const struct code_cache *c, uintptr_t rx)
{
    size_t lo = 0, hi = c->nby_code;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (c->by_code[mid]->code_rx <= rx)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void cache_code_index_add(struct code_cache *c, struct tb *tb)
{
    size_t i = c->nby_code;

    if (i && c->by_code[i - 1]->code_rx > tb->code_rx) {
        i = cache_code_rank(c, tb->code_rx);
        memmove(&c->by_code[i + 1], &c->by_code[i],
                (c->nby_code - i) * sizeof *c->by_code);
    }
    c->by_code[i] = tb;
    c->nby_code++;
}

void cache_code_index_fini(struct code_cache *c)
{
    free(c->by_code);
    c->by_code = NULL;
    c->nby_code = c->by_code_cap = 0;
}

struct tb *tb_find_by_code(struct code_cache *c, uintptr_t host_pc)
{
    struct tb *tb = NULL;
    size_t i;

    pthread_mutex_lock(&c->lock);
    i = cache_code_rank(c, host_pc);
    if (i > 0) {
        tb = c->by_code[i - 1];
        if (host_pc - tb->code_rx >= tb->code_size)
            tb = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    return tb;
}
