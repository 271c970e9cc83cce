/* translator/cache/tb_pages.c: which TBs cover which guest page, and
 * invalidation of guest ranges through that index (self-modifying code,
 * munmap, mprotect of code). */
#include "translator/cache/cache_int.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>

#define PAGE_MASK ((gva)CACHE_PAGE_SIZE - 1)
#define PAGE_MIN_BUCKETS 256u

static size_t page_bucket(const struct code_cache *c, gva page)
{
    uint64_t h = (page / CACHE_PAGE_SIZE) * 0x9e3779b97f4a7c15ull;

    return (size_t)(h >> (64 - __builtin_ctzll(c->npbuckets)));
}

int cache_pages_init(struct code_cache *c)
{
    c->pbuckets = calloc(PAGE_MIN_BUCKETS, sizeof *c->pbuckets);
    if (!c->pbuckets)
        return -ENOMEM;
    c->npbuckets = PAGE_MIN_BUCKETS;
    return 0;
}

/* Frees every page entry, telling the hook each one lost its code. */
void cache_pages_clear(struct code_cache *c)
{
    for (size_t i = 0; i < c->npbuckets; i++) {
        struct cache_page *p = c->pbuckets[i], *next;

        for (; p; p = next) {
            next = p->next;
            if (c->page_hook)
                c->page_hook(c->opaque, p->page, false);
            free(p);
        }
        c->pbuckets[i] = NULL;
    }
    c->npages = 0;
}

void cache_pages_fini(struct code_cache *c)
{
    if (!c->pbuckets)
        return;
    cache_pages_clear(c);
    free(c->pbuckets);
    c->pbuckets = NULL;
}

static struct cache_page *page_find(struct code_cache *c, gva page)
{
    struct cache_page *p = c->pbuckets[page_bucket(c, page)];

    while (p && p->page != page)
        p = p->next;
    return p;
}

/* Doubles the buckets when chains get long (kept as is without memory). */
static void page_grow(struct code_cache *c)
{
    struct cache_page **old = c->pbuckets;
    size_t nold = c->npbuckets;
    struct cache_page **nb = calloc(nold * 2, sizeof *nb);

    if (!nb)
        return;
    c->pbuckets = nb;
    c->npbuckets = nold * 2;
    for (size_t i = 0; i < nold; i++) {
        struct cache_page *p = old[i], *next;

        for (; p; p = next) {
            size_t b = page_bucket(c, p->page);

            next = p->next;
            p->next = nb[b];
            nb[b] = p;
        }
    }
    free(old);
}

/* The entry for page, created (and announced to the hook) if new; NULL
 * when out of memory. */
static struct cache_page *page_get(struct code_cache *c, gva page)
{
    struct cache_page *p = page_find(c, page);
    size_t b;

    if (p)
        return p;
    p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    b = page_bucket(c, page);
    p->page = page;
    p->next = c->pbuckets[b];
    c->pbuckets[b] = p;
    if (c->page_hook)
        c->page_hook(c->opaque, page, true);
    if (++c->npages > 2 * c->npbuckets)
        page_grow(c);
    return p;
}

static void page_free(struct code_cache *c, struct cache_page *p)
{
    struct cache_page **pp = &c->pbuckets[page_bucket(c, p->page)];

    while (*pp != p)
        pp = &(*pp)->next;
    *pp = p->next;
    c->npages--;
    if (c->page_hook)
        c->page_hook(c->opaque, p->page, false);
    free(p);
}

/* The first and last guest bytes a TB covers (an empty block still sits
 * at pc). */
static gva tb_first_byte(const struct tb *tb)
{
    return tb->pc - tb->guest_before;
}

static gva tb_last_byte(const struct tb *tb)
{
    return tb->pc + (tb->guest_len ? tb->guest_len - 1 : 0);
}

int cache_pages_add(struct code_cache *c, struct tb *tb)
{
    gva first = tb_first_byte(tb) & ~PAGE_MASK;
    gva last = tb_last_byte(tb) & ~PAGE_MASK;
    unsigned n = first == last ? 1 : 2;

    /* Blocks stay in their first page (following jumps too): only the
     * last insn may cross. */
    assert(last - first <= CACHE_PAGE_SIZE);
    tb->page[0] = first;
    tb->page[1] = last;
    for (unsigned i = 0; i < n; i++) {
        struct cache_page *p = page_get(c, tb->page[i]);

        if (!p) {
            tb->npages = i;
            cache_pages_remove(c, tb);
            return -ENOMEM;
        }
        tb->page_next[i] = p->first;
        p->first = (struct tb_edge){tb, i};
    }
    tb->npages = n;
    return 0;
}

void cache_pages_remove(struct code_cache *c, struct tb *tb)
{
    for (unsigned i = 0; i < tb->npages; i++) {
        struct cache_page *p = page_find(c, tb->page[i]);
        struct tb_edge *e;

        if (!p)
            continue;
        e = &p->first;
        while (e->tb && !(e->tb == tb && e->n == i))
            e = &e->tb->page_next[e->n];
        if (e->tb)
            *e = tb->page_next[i];
        if (!p->first.tb)
            page_free(c, p);
    }
    tb->npages = 0;
}

void tb_invalidate_locked(struct code_cache *c, struct tb *tb)
{
    if (atomic_load(&tb->invalid))
        return;
    atomic_store(&tb->invalid, true);
    cache_table_remove(c, tb);
    tb_unlink_all_locked(c, tb);
    cache_pages_remove(c, tb);
    c->stats.invalidations++;
}

/* Queues on *list the TBs of page p meeting [start, last], once each (a
 * TB on two pages is seen twice). */
static void page_collect(struct cache_page *p, gva start, gva last,
                         struct tb **list)
{
    struct tb_edge e;

    for (e = p->first; e.tb; e = e.tb->page_next[e.n]) {
        struct tb *tb = e.tb;

        if (tb->doomed || tb_first_byte(tb) > last || tb_last_byte(tb) < start)
            continue;
        tb->doomed = true;
        tb->doomed_next = *list;
        *list = tb;
    }
}

/* Collects first, invalidates after: invalidation frees page entries
 * that the walk would still be reading. */
static struct tb *pages_collect(struct code_cache *c, gva start, gva last)
{
    gva first_page = start & ~PAGE_MASK, last_page = last & ~PAGE_MASK;
    struct tb *list = NULL;

    if ((last_page - first_page) / CACHE_PAGE_SIZE >= c->npages) {
        /* A huge range: cheaper to visit every page holding code. */
        for (size_t i = 0; i < c->npbuckets; i++) {
            for (struct cache_page *p = c->pbuckets[i]; p; p = p->next) {
                if (p->page >= first_page && p->page <= last_page)
                    page_collect(p, start, last, &list);
            }
        }
        return list;
    }
    for (gva pg = first_page;; pg += CACHE_PAGE_SIZE) {
        struct cache_page *p = page_find(c, pg);

        if (p)
            page_collect(p, start, last, &list);
        if (pg == last_page)
            return list;
    }
}

void cache_invalidate_range(struct code_cache *c, gva start, gva end)
{
    struct tb *tb, *next;

    if (end <= start)
        return;
    pthread_mutex_lock(&c->lock);
    atomic_fetch_add(&c->inval_seq, 1);
    for (tb = pages_collect(c, start, end - 1); tb; tb = next) {
        next = tb->doomed_next;
        tb->doomed = false;
        tb->doomed_next = NULL;
        tb_invalidate_locked(c, tb);
    }
    pthread_mutex_unlock(&c->lock);
}

uint64_t cache_inval_seq(const struct code_cache *c)
{
    return atomic_load(&c->inval_seq);
}

bool cache_page_has_code(struct code_cache *c, gva page)
{
    bool has;

    pthread_mutex_lock(&c->lock);
    has = page_find(c, page & ~PAGE_MASK) != NULL;
    pthread_mutex_unlock(&c->lock);
    return has;
}
