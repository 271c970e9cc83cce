/* translator/exec_cold.c: a block's first runs. Most blocks of a short
 * program run a few times at most (start-up, glibc's init), where an
 * optimised translation costs more than it saves: the first
 * EXEC_COLD_RUNS runs of a pc interpret the unoptimised IR of its basic
 * block (a superblock decodes code that the run may not reach, and code
 * that other blocks decode again: a static hello world decoded 18% more
 * instructions that way, and took 0.2 ms longer). Decoding is two thirds
 * of such a run, so a block that runs a second time keeps its IR, with
 * the guest bytes it came from, in a ring of recent blocks: its later
 * runs take it from there while those bytes read the same. (Most blocks
 * run once: keeping theirs would cost more than the second decoding of
 * the others.) */
#include "translator/exec_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "log/log.h"
#include "translator/interp/interp.h"

/* The ring: mapped in whole at once (a page that faulted in as the ring
 * fills would cost more than decoding a few blocks again), and small, as
 * each page costs some microseconds to map in and to free at exit. A
 * block that runs again mostly does so soon (a hello world: superblocks
 * of about 2.4 KiB ran 0.12 ms faster in 64 KiB than in 128; its basic
 * blocks, smaller, run as fast in 32 KiB as in 64). */
#define COLD_RING_SIZE ((size_t)32 << 10)
#define COLD_INDEX_SIZE 512u /* direct-mapped by pc */
/* Guest bytes a kept block may cover from its pc: the window the
 * decoder's reads are recorded in (a basic block reaches nothing below
 * its pc). */
#define COLD_MAX_BYTES 512u

/* An entry in the ring: this header, the guest bytes, the ops, the temps. */
struct cold_entry {
    gva pc;
    uint32_t guest_len, guest_before, ninsns, nops, ntemps, nlabels;
    uint32_t nbytes, size; /* size: of the whole entry, 16-aligned */
};

struct cold_slot {
    gva pc;
    uint64_t pos; /* ring position of its entry: valid while head - pos
                     stays within the ring */
};

struct exec_cold {
    pthread_mutex_t lock;
    uint8_t *ring;
    uint64_t head; /* where the next entry goes, counting every lap */
    struct cold_slot index[COLD_INDEX_SIZE];
};

/* The decoder's reads, recorded from the pc on: what its IR came from.
 * They are kept while they join up into one range, [from, to). */
struct cold_recorder {
    struct frontend_fetch real;
    gva lo; /* buf[0]'s guest address: the pc */
    gva from, to;
    bool apart; /* a read that does not join the range */
    uint8_t buf[COLD_MAX_BYTES];
};

static size_t cold_record_read(void *opaque, gva pc, void *buf, size_t len)
{
    struct cold_recorder *r = opaque;
    size_t n = r->real.read(r->real.opaque, pc, buf, len);
    gva lo = pc, hi = pc + n, end = r->lo + sizeof r->buf;

    lo = lo < r->lo ? r->lo : lo;
    hi = hi > end ? end : hi;
    if (lo >= hi)
        return n;
    memcpy(r->buf + (lo - r->lo), (const uint8_t *)buf + (lo - pc), hi - lo);
    if (r->from == r->to) {
        r->from = lo;
        r->to = hi;
    } else if (lo <= r->to && hi >= r->from) {
        r->from = lo < r->from ? lo : r->from;
        r->to = hi > r->to ? hi : r->to;
    } else {
        r->apart = true;
    }
    return n;
}

static unsigned cold_index(gva pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> 10)) & (COLD_INDEX_SIZE - 1);
}

static size_t cold_align(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

/* Keeps b, decoded from the bytes rec saw, if they cover it all. */
static void cold_keep(struct translator *t, const struct ir_block *b,
                      const struct cold_recorder *rec)
{
    struct exec_cold *c = t->cold;
    uint32_t nbytes = b->guest_before + b->guest_len;
    gva from = b->pc - b->guest_before;
    size_t off = (size_t)(from - rec->lo);
    size_t ops = (size_t)b->nops * sizeof *b->ops;
    size_t temps = (size_t)b->ntemps * sizeof *b->temps;
    size_t size = cold_align(sizeof(struct cold_entry)) +
                  cold_align(nbytes) + ops + temps;
    struct cold_entry e = {
        .pc = b->pc, .guest_len = b->guest_len,
        .guest_before = b->guest_before, .ninsns = b->ninsns,
        .nops = b->nops, .ntemps = b->ntemps, .nlabels = b->nlabels,
        .nbytes = nbytes, .size = (uint32_t)cold_align(size)};
    uint8_t *p;

    /* Every byte the block covers must be one the decoder read. */
    if (b->guest_len == 0 || nbytes > COLD_MAX_BYTES ||
        e.size > COLD_RING_SIZE / 8 ||
        rec->apart || from < rec->from || from + nbytes > rec->to)
        return;
    pthread_mutex_lock(&c->lock);
    if (c->head % COLD_RING_SIZE + e.size > COLD_RING_SIZE)
        c->head += COLD_RING_SIZE - c->head % COLD_RING_SIZE;
    c->index[cold_index(b->pc)] = (struct cold_slot){b->pc, c->head};
    p = c->ring + c->head % COLD_RING_SIZE;
    c->head += e.size;
    memcpy(p, &e, sizeof e);
    p += cold_align(sizeof e);
    memcpy(p, rec->buf + off, nbytes);
    p += cold_align(nbytes);
    memcpy(p, b->ops, ops);
    memcpy(p + ops, b->temps, temps);
    pthread_mutex_unlock(&c->lock);
}

/* Copies pc's kept entry into b (and its bytes into bytes), if the ring
 * still holds it; the caller checks the bytes. */
static bool cold_copy_out(struct exec_cold *c, gva pc, struct ir_block *b,
                          uint8_t *bytes, uint32_t *nbytes)
{
    struct cold_slot *s = &c->index[cold_index(pc)];
    struct cold_entry e;
    const uint8_t *p;
    bool found = false;

    pthread_mutex_lock(&c->lock);
    if (s->pc == pc && c->head - s->pos <= COLD_RING_SIZE) {
        p = c->ring + s->pos % COLD_RING_SIZE;
        memcpy(&e, p, sizeof e);
        p += cold_align(sizeof e);
        memcpy(bytes, p, e.nbytes);
        p += cold_align(e.nbytes);
        ir_block_reset(b, pc);
        ir_block_reserve(b, e.nops, e.ntemps);
        memcpy(b->ops, p, (size_t)e.nops * sizeof *b->ops);
        memcpy(b->temps, p + (size_t)e.nops * sizeof *b->ops,
               (size_t)e.ntemps * sizeof *b->temps);
        b->guest_len = e.guest_len;
        b->guest_before = e.guest_before;
        b->ninsns = e.ninsns;
        b->nops = e.nops;
        b->ntemps = e.ntemps;
        b->nlabels = e.nlabels;
        *nbytes = e.nbytes;
        found = true;
    }
    pthread_mutex_unlock(&c->lock);
    return found;
}

/* pc's kept IR into b, if the guest's bytes still are those it came
 * from (a guest that wrote or remapped its code reads differently). */
static bool cold_find(struct translator *t, gva pc, struct ir_block *b)
{
    uint8_t kept[COLD_MAX_BYTES], now[COLD_MAX_BYTES];
    uint32_t n;

    if (!t->cold || !cold_copy_out(t->cold, pc, b, kept, &n))
        return false;
    return t->cfg.fetch.read(t->cfg.fetch.opaque, pc - b->guest_before, now,
                             n) == n &&
           memcmp(now, kept, n) == 0;
}

/* Decodes pc's block into b, and keeps it if asked and it can be. */
static void cold_decode(struct translator *t, gva pc, struct ir_block *b,
                        bool keep)
{
    struct cold_recorder rec; /* buf: only what the reads fill */
    struct frontend_fetch fetch = {cold_record_read, &rec};

    ir_block_reset(b, pc);
    if (!keep || !t->cold) {
        t->cfg.frontend->translate(b, pc, t->cfg.features, &t->cfg.fetch,
                                   t->cfg.max_insns, FRONTEND_BASIC_BLOCK);
        return;
    }
    rec.real = t->cfg.fetch;
    rec.lo = pc;
    rec.from = rec.to = 0;
    rec.apart = false;
    t->cfg.frontend->translate(b, pc, t->cfg.features, &fetch,
                               t->cfg.max_insns, FRONTEND_BASIC_BLOCK);
    cold_keep(t, b, &rec);
}

/* A slot holds the pc's bits 13-25 shifted left by three, plus its runs
 * so far (1..EXEC_COLD_RUNS): never 0. With the set (bits 1-12 ^ 13-24)
 * they name the pc but for pcs 64 MiB apart, which are only translated
 * sooner, as is a pc whose set is full. The run it counts if the pc
 * takes the slot or has runs left there (interpret), 0 if its runs there
 * are done (translate), -1 if another pc holds it. */
static int cold_slot_run(_Atomic uint16_t *slot, uint16_t tag)
{
    uint16_t cur = 0;

    if (atomic_compare_exchange_strong(slot, &cur, tag | 1))
        return 1;
    while ((cur & ~7u) == tag) {
        if ((cur & 7u) >= EXEC_COLD_RUNS)
            return 0;
        if (atomic_compare_exchange_weak(slot, &cur, cur + 1))
            return (int)(cur & 7u) + 1;
    }
    return -1;
}

/* Not while a log item wants to see every block translated or run. */
unsigned exec_cold_run(struct translator *t, gva pc)
{
    unsigned set = (unsigned)((pc >> 1) ^ (pc >> 13)) &
                   (EXEC_COLD_SLOTS / EXEC_COLD_WAYS - 1);
    uint16_t tag = (uint16_t)(((pc >> 13) & 0x1fff) << 3);

    _Static_assert(EXEC_COLD_RUNS <= 7, "runs fit in the slot's low bits");
    _Static_assert(EXEC_COLD_SLOTS / EXEC_COLD_WAYS <= 4096,
                   "the set comes from pc bits 1-12");
    if (!t->cfg.jit || !t->cfg.interpret_cold ||
        log_enabled(LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM |
                    LOG_EXEC | LOG_PERFMAP))
        return 0;
    for (unsigned w = 0; w < EXEC_COLD_WAYS; w++) {
        int r = cold_slot_run(&t->cold_runs[set * EXEC_COLD_WAYS + w], tag);

        if (r >= 0)
            return (unsigned)r;
    }
    return 0;
}

/* Its decoding and interpretation count as translation time: the cost of
 * cold code. */
struct run_result exec_run_cold(struct translator *t, void *env, unsigned run)
{
    static _Thread_local struct ir_block *b;
    uint64_t start = exec_now_ns();
    struct cpu_common *cpu = env;
    struct interp_checks c = {.limit = t->guest_limit, .mark_pcs = true};
    struct run_result r;

    if (!b)
        b = ir_block_new();
    /* A kept block's check read its bytes, its first one included. */
    if (run == 1 || !cold_find(t, cpu->pc, b)) {
        if (!exec_pc_fetchable(t, cpu->pc))
            return (struct run_result){.end = RUN_FETCH_FAULT, .slot = -1};
        cold_decode(t, cpu->pc, b, run > 1);
        atomic_fetch_add(&t->stats.decoded_insns, b->ninsns);
    }
    /* No translation write-protects its code: a write into the block
     * ends the run there (and its bytes differ the next time). */
    atomic_fetch_add(&t->stats.cold_runs, 1);
    c.watch_lo = b->pc - b->guest_before;
    c.watch_hi = b->pc + b->guest_len;
    exec_fault_cur->mode = EXEC_RUN_INTERP;
    interp_run_checked(b, env, &c, &r);
    exec_fault_cur->mode = EXEC_NOT_RUNNING;
    atomic_fetch_add(&t->stats.translate_ns, exec_now_ns() - start);
    return r;
}

/* The forking thread holds the lock, so the child (that thread) can let
 * it go. */
void translator_fork_prepare(struct translator *t)
{
    if (t->cold)
        pthread_mutex_lock(&t->cold->lock);
}

void translator_fork_end(struct translator *t)
{
    if (t->cold)
        pthread_mutex_unlock(&t->cold->lock);
}

int exec_cold_init(struct translator *t)
{
    struct exec_cold *c;

    if (!t->cfg.jit || !t->cfg.interpret_cold)
        return 0;
    if (!(c = calloc(1, sizeof *c)))
        return -ENOMEM;
    c->ring = mmap(NULL, COLD_RING_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c->ring == MAP_FAILED) {
        free(c);
        return -ENOMEM;
    }
    madvise(c->ring, COLD_RING_SIZE, MADV_POPULATE_WRITE);
    pthread_mutex_init(&c->lock, NULL);
    t->cold = c;
    return 0;
}

void exec_cold_free(struct translator *t)
{
    if (!t->cold)
        return;
    munmap(t->cold->ring, COLD_RING_SIZE);
    pthread_mutex_destroy(&t->cold->lock);
    free(t->cold);
    t->cold = NULL;
}
