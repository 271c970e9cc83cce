/* translator/cache/cache.h: the code cache (W^X executable memory for
 * translated code) and the table of translated blocks (TBs): lookup by
 * guest pc, direct chaining between blocks, invalidation by guest range,
 * and the flush protocol for several guest threads. Knows no host ISA:
 * the back end patches its own jumps through a callback.
 *
 * Thread-safety and lifetime (the protocol every user follows):
 *  - One mutex guards every modification (insert, link, unlink,
 *    invalidate, flush). tb_lookup may run concurrently with all of them.
 *  - Each guest thread that runs translated code calls
 *    cache_thread_register() first and cache_thread_unregister() last.
 *  - A flush (cache full, or cache_request_flush()) frees all TBs and
 *    reuses their code space, so it waits until every registered thread
 *    is at a safe point: parked in cache_thread_quiescent(), or between
 *    cache_thread_offline() and cache_thread_online(). The last thread to
 *    arrive performs the flush; the others resume after it.
 *  - Hence a struct tb pointer (and its code) stays valid while its
 *    thread is between safe points. A flush bumps cache_generation(): a
 *    thread whose generation is unchanged across a safe point may keep
 *    its pointers (e.g. the previous block, to chain it). Call quiescent
 *    at block boundaries (top of the execution loop), offline/online
 *    around anything that may block (syscalls, waits): a thread that
 *    never arrives stalls flushes, and a reserve that meets a pending
 *    flush keeps answering CACHE_RETRANSLATE until it happens.
 *  - With no thread registered (single-threaded tools, tests) a flush
 *    happens at once, inside the call that asked for it.
 *  - Invalidation does not free anything: an invalidated TB leaves the
 *    lookup structures and loses every jump into it, but its memory and
 *    code stay until the next flush, so a thread still running it is safe.
 *  - Single-view memory (no memfd) flips the whole region between RW and
 *    RX around writes: another thread running code at that moment would
 *    fault, so that mode is only safe with one guest thread.
 *
 * One turn of a guest thread's loop, in short:
 *     g = cache_generation(c); cache_thread_quiescent();
 *     if (cache_generation(c) != g) prev = NULL;
 *     tb = tb_lookup(c, pc, flags);
 *     if (!tb) {   translate: seq = cache_inval_seq(c), decode the guest
 *                  code, cache_code_reserve() (CACHE_RETRANSLATE: drop
 *                  prev, next turn), host_compile() into code.rw,
 *                  cache_code_commit(), tb_insert() (NULL: next turn) }
 *     if (prev) tb_link(c, prev, slot, tb);
 *     run tb; prev = tb (or NULL when it did not exit through a slot) */
#ifndef FERRY_TRANSLATOR_CACHE_H
#define FERRY_TRANSLATOR_CACHE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hostabi/hostabi.h"
#include "translator/ir.h"

/* Code region sizes in bytes (-tb-size / FERRY_TB_SIZE). The maximum
 * keeps every TB within rel32 reach of every other. */
#define CACHE_DEFAULT_SIZE ((size_t)32 << 20)
#define CACHE_MIN_SIZE ((size_t)256 << 10)
#define CACHE_MAX_SIZE ((size_t)1 << 30)
#define CACHE_CODE_ALIGN 16u  /* every block's code starts aligned */
#define CACHE_PAGE_SIZE 4096u /* granule of the guest page index */
#define CACHE_JC_SIZE 4096u   /* entries of the direct-mapped jump cache */
/* A pc's jump cache entry: ((pc >> A) ^ (pc >> B)) & (CACHE_JC_SIZE - 1).
 * Instructions are at least 2-byte aligned; mixing in higher bits keeps
 * code 8 KiB apart from colliding. */
#define CACHE_JC_SHIFT_A 1
#define CACHE_JC_SHIFT_B 13

#define TB_NSLOTS IR_NSLOTS   /* outgoing chain slots (IR_GOTO_PC aux) */
#define TB_MAX_PAGES 2        /* a block covers at most two guest pages */
#define TB_NO_JUMP UINT32_MAX /* slot without a patchable jump */

/* Points the patchable jump at slot_rx (written through slot_rw) to
 * target_rx; target_rx 0 means back to the slot's own exit stub (the back
 * end must find it from the slot, e.g. at a fixed distance after the
 * jump). Other threads may be running the jump: the write must be atomic
 * (one aligned store). Returns false, leaving the slot alone, if target_rx
 * is out of the jump's reach; never for 0. Called with the cache lock
 * held, the region writable. host_patch_chain() fits. */
typedef bool cache_patch_fn(uint8_t *slot_rw, uintptr_t slot_rx,
                            uintptr_t target_rx);

/* Told when guest page `page` gains its first TB (has_code true) or loses
 * its last one, so the runtime can write-protect pages holding translated
 * code (self-modifying code). Called with the cache lock held: it must not
 * call back into the cache. */
typedef void cache_page_fn(void *opaque, gva page, bool has_code);

struct code_cache;

struct cache_config {
    size_t size;              /* bytes; 0: CACHE_DEFAULT_SIZE; clamped to
                                 [CACHE_MIN_SIZE, CACHE_MAX_SIZE] */
    cache_patch_fn *patch;    /* required */
    cache_page_fn *page_hook; /* optional */
    void *opaque;             /* passed to page_hook */
};

/* A link between two TBs, or a TB in a page's list: which TB, and which of
 * its slots (chain slot, or index into its page[]). */
struct tb_edge {
    struct tb *tb;
    uint32_t n;
};

/* One outgoing chain slot. */
struct tb_slot {
    uint32_t jmp_off;       /* patchable jump, from the code start, or
                               TB_NO_JUMP */
    struct tb *to;          /* the TB it is linked to, or NULL */
    struct tb_edge next_in; /* next link into `to` (its incoming list) */
};

/* A translated block. pc .. generation and extra are fixed at insert and
 * may be read by anyone holding the pointer; the rest belong to the cache
 * and change only under its lock. */
struct tb {
    gva pc;             /* guest pc of its first instruction */
    uint32_t guest_len; /* guest bytes it covers from pc (0 counts as 1) */
    uint32_t guest_before; /* and below pc */
    uint32_t flags;     /* CPU mode bits; part of the lookup key */
    uintptr_t code_rx;  /* its code, where it runs */
    uint32_t code_size;
    uint64_t generation; /* cache generation it was translated in */

    atomic_bool invalid; /* removed from lookup (until the flush) */
    struct tb_slot slot[TB_NSLOTS];
    struct tb_edge in_first; /* first incoming link: slot n of tb */
    gva page[TB_MAX_PAGES];  /* guest pages covered, page-aligned */
    uint32_t npages;         /* 1 or 2; 0 once invalidated */
    struct tb_edge page_next[TB_MAX_PAGES]; /* next TB on page[i] */
    struct tb *hash_next;                   /* hash chain */
    struct tb *all_next;                    /* every TB of this generation */
    struct tb *doomed_next;                 /* invalidation work list */
    bool doomed;

    /* The translator's own data, copied at insert (e.g. a host offset to
     * guest pc table, to map faults back). */
    uint32_t extra_size;
    _Alignas(16) unsigned char extra[];
};

/* What the translator knows about a new block (see tb_insert). */
struct tb_info {
    gva pc;
    uint32_t guest_len, guest_before; /* as in struct ir_block */
    uint32_t flags;
    uintptr_t code_rx;           /* as returned by cache_code_reserve */
    uint32_t code_size;          /* bytes committed */
    uint32_t jmp_off[TB_NSLOTS]; /* TB_NO_JUMP for an unused slot */
    const void *extra;           /* copied into tb->extra; may be NULL */
    uint32_t extra_size;
    uint64_t inval_seq; /* cache_inval_seq() before the guest bytes were
                           read, or 0 not to check */
};

/* Space for one block's code: write through rw, it runs at rx. */
struct cache_code {
    uint8_t *rw;
    uintptr_t rx;
    size_t size; /* bytes reserved */
};

enum cache_status {
    CACHE_OK,
    /* The cache was flushed, or a flush is pending: drop every struct tb
     * pointer, call cache_thread_quiescent(), and translate again. */
    CACHE_RETRANSLATE,
    CACHE_TOO_BIG, /* the request can never fit in the region */
};

/* Counters since cache_new(). Jump-cache hits of other running threads
 * are added when they go offline or unregister. */
struct cache_stats {
    uint64_t tbs; /* blocks inserted */
    uint64_t flushes;
    uint64_t invalidations; /* blocks invalidated */
    uint64_t lookups;
    uint64_t hits;    /* lookups that found a block */
    uint64_t jc_hits; /* ... of which in the jump cache */
    uint64_t links;   /* jumps patched to chain two blocks */
    uint64_t generation;
    size_t code_used; /* bytes of the region in use */
    size_t code_size;
};

/* --- creation and code space (translator/cache/cache_mem.c) ------------ */

/* Maps the code region and builds empty tables. Returns 0 or a negative
 * errno (-EINVAL without a patch callback). */
int cache_new(struct code_cache **out, const struct cache_config *cfg);
/* Frees everything; no thread may be running its code. */
void cache_free(struct code_cache *c);

/* Reserves max bytes at the current position into *out (rw writable until
 * commit). When the region cannot hold them, asks for a flush (done at
 * once if no thread is registered) and returns CACHE_RETRANSLATE; so does
 * any reserve while a flush is pending. */
enum cache_status cache_code_reserve(struct code_cache *c, size_t max,
                                     struct cache_code *out);
/* Ends the write: the first `used` bytes (<= out->size) become code, the
 * position moves past them (aligned to CACHE_CODE_ALIGN). used 0 cancels. */
void cache_code_commit(struct code_cache *c, const struct cache_code *code,
                       size_t used);
/* Makes the code committed so far permanent (the back end's prologue and
 * shared stubs): flushes restart allocation after it. Before any TB. */
void cache_code_keep(struct code_cache *c);
/* The region itself (rx base for the back end, tests). */
const struct exec_mem *cache_exec_mem(const struct code_cache *c);

uint64_t cache_generation(const struct code_cache *c);

/* --- statistics (translator/cache/cache_stats.c) ----------------------- */

void cache_get_stats(struct code_cache *c, struct cache_stats *out);
/* Writes them as a few lines of text (-d stats). */
void cache_dump_stats(struct code_cache *c, FILE *f);

/* --- flush protocol (translator/cache/cache_sync.c) -------------------- */

/* Asks for a flush of every TB; it happens when all registered threads
 * are quiescent or offline (at once if they already are, or if none is
 * registered). Several requests before it happens make one flush. */
void cache_request_flush(struct code_cache *c);
bool cache_flush_pending(const struct code_cache *c);

/* The calling thread becomes a guest thread of c (one cache per thread).
 * Returns 0, or -EBUSY if it is already registered. */
int cache_thread_register(struct code_cache *c);
/* The calling thread leaves (a no-op if not registered). */
void cache_thread_unregister(void);
/* A safe point: if a flush is pending, waits for it (performing it if this
 * thread is the last to arrive). Cheap when none is pending. */
void cache_thread_quiescent(void);
/* Brackets a region where the thread holds no TB pointer and may block;
 * flushes go ahead meanwhile (online waits for one in progress). */
void cache_thread_offline(void);
void cache_thread_online(void);

/* Around a host fork() (guest fork, vfork without shared memory): prepare
 * takes the lock so the child never copies a half-made change; parent
 * releases it; child releases it and forgets every thread but the caller
 * (the only one the child has). */
void cache_fork_prepare(struct code_cache *c);
void cache_fork_parent(struct code_cache *c);
void cache_fork_child(struct code_cache *c);

/* --- blocks (translator/cache/tb_table.c) ------------------------------ */

/* The valid TB for (pc, flags), or NULL. Safe against concurrent changes;
 * the result lives until the caller's next safe point. */
struct tb *tb_lookup(struct code_cache *c, gva pc, uint32_t flags);
/* tb_lookup's two steps, for a caller with something to do between them:
 * the jump cache (a hit counted), NULL on a miss; then the table, under
 * the cache's lock (a hit goes into the jump cache). */
struct tb *tb_lookup_jc(struct code_cache *c, gva pc, uint32_t flags);
struct tb *tb_lookup_table(struct code_cache *c, gva pc, uint32_t flags);
/* The jump cache alone: the valid TB for (pc, flags) if it is there, else
 * NULL. Takes no lock and counts nothing, so translated code can call it
 * (indirect branches): the caller is running code, hence not quiescent,
 * so no flush can free the result under it. */
struct tb *tb_lookup_fast(struct code_cache *c, gva pc, uint32_t flags);
/* The jump cache itself (CACHE_JC_SIZE entries), for translated code that
 * probes it inline as tb_lookup_fast does: an entry is NULL or a TB whose
 * pc, flags and invalid must be checked. Lives as long as the cache. */
struct tb *_Atomic const *cache_jump_cache(const struct code_cache *c);
/* Adds a block whose code was committed. Returns the TB now in the table
 * for (pc, flags): the new one, or one another thread inserted first (the
 * new code is then abandoned). NULL if some range was invalidated since
 * info->inval_seq was read (the guest bytes may have changed under the
 * translator: translate again), or if the host is out of memory. */
struct tb *tb_insert(struct code_cache *c, const struct tb_info *info);

/* --- host code addresses (translator/cache/tb_code.c) ------------------ */

/* The TB whose code holds host address host_pc (an invalidated one too:
 * threads may still run it), or NULL. For mapping a fault inside
 * translated code to its block; takes the cache lock. */
struct tb *tb_find_by_code(struct code_cache *c, uintptr_t host_pc);

/* --- chaining (translator/cache/tb_link.c) ----------------------------- */

/* Patches slot `slot` of `from` to jump straight into `to` (replacing any
 * earlier link). Returns false (and links nothing) if either TB is
 * invalid, the slot has no jump, or the patch callback refused. */
bool tb_link(struct code_cache *c, struct tb *from, unsigned slot,
             struct tb *to);
/* Points slot `slot` of `from` back to its exit stub, if linked. */
void tb_unlink(struct code_cache *c, struct tb *from, unsigned slot);

/* --- guest pages (translator/cache/tb_pages.c) ------------------------- */

/* Invalidates every TB whose guest bytes intersect [start, end): removed
 * from lookup, every chained jump into it unlinked. Code space is
 * reclaimed only by the next flush. */
void cache_invalidate_range(struct code_cache *c, gva start, gva end);
/* Counts cache_invalidate_range() calls (from 1). A translator reads it
 * before reading guest code, so tb_insert can refuse a block that a
 * concurrent write may have made stale (see tb_info.inval_seq). */
uint64_t cache_inval_seq(const struct code_cache *c);
/* Whether any valid TB covers bytes of the page holding `page`. */
bool cache_page_has_code(struct code_cache *c, gva page);

#endif
