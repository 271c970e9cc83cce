/* translator/exec_fault.c: precise guest faults: a host SIGSEGV/SIGBUS in
 * translated code or in the interpreter is mapped back to the guest
 * instruction that caused it and leaves translator_run as RUN_FAULT. */
#include "translator/exec_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log/log.h"
#include "translator/host/host.h"

#define EXEC_BITS_PER_WORD (8 * sizeof(unsigned long))

_Thread_local struct exec_fault_frame *exec_fault_cur;
static _Thread_local struct translator_fault exec_last_fault;
static _Thread_local bool exec_has_fault;
/* The translator whose code pages are write-protected (one per process). */
static _Atomic(struct translator *) exec_smc_translator;

/* The bitmap's bytes (256 KiB for the default cache). */
static size_t exec_code_starts_size(const struct translator *t)
{
    size_t bits = t->code_size / CACHE_CODE_ALIGN;

    return (bits + EXEC_BITS_PER_WORD - 1) / EXEC_BITS_PER_WORD *
           sizeof *t->code_starts;
}

/* The bitmap is mapped, not allocated: only the pages that code reaches
 * are ever touched. (From malloc it could come out of a large heap top,
 * which calloc clears whole: 64 fresh pages, 0.5 ms at start-up.) */
int exec_fault_init(struct translator *t)
{
    const struct exec_mem *m = cache_exec_mem(t->cache);
    void *p;

    t->code_base = (uintptr_t)m->rx;
    t->code_size = m->size;
    if (!t->cfg.jit)
        return 0;
    p = mmap(NULL, exec_code_starts_size(t), PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -ENOMEM;
    /* Its first page (the first 512 KiB of code) is written by the first
     * translation: mapped in now, that is not a fault (old kernels lack
     * MADV_POPULATE_WRITE: it faults then). */
    madvise(p, (size_t)sysconf(_SC_PAGESIZE), MADV_POPULATE_WRITE);
    t->code_starts = p;
    return 0;
}

void exec_fault_fini(struct translator *t)
{
    struct translator *mine = t;

    atomic_compare_exchange_strong(&exec_smc_translator, &mine, NULL);
    if (t->code_starts)
        munmap(t->code_starts, exec_code_starts_size(t));
    t->code_starts = NULL;
}

void translator_report_faults(struct translator *t, bool on)
{
    t->report_faults = on;
}

bool translator_last_fault(struct translator_fault *out)
{
    if (exec_has_fault)
        *out = exec_last_fault;
    return exec_has_fault;
}

size_t exec_code_prefix_size(uint32_t ninsns)
{
    size_t n = (size_t)ninsns * sizeof(struct exec_insn_map) +
               sizeof(struct exec_code_hdr);

    return (n + CACHE_CODE_ALIGN - 1) & ~(size_t)(CACHE_CODE_ALIGN - 1);
}

static size_t exec_recover_offset(size_t code_size)
{
    return (code_size + 7) & ~(size_t)7;
}

size_t exec_code_tail_size(size_t code_size, uint32_t nrecover)
{
    return nrecover ? exec_recover_offset(code_size) - code_size +
                          nrecover * sizeof(struct host_recover)
                    : 0;
}

void exec_code_publish(struct translator *t, uint8_t *code_rw,
                       uintptr_t code_rx, uint32_t code_size,
                       const struct ir_block *b,
                       const struct host_block_info *info)
{
    struct exec_code_hdr hdr = {
        .magic = EXEC_CODE_MAGIC ^ code_rx,
        .generation = cache_generation(t->cache),
        .pc = b->pc,
        .code_size = code_size,
        .nrecover = info->nrecover,
    };
    const uint32_t *offsets = info->insn_offsets;
    struct exec_insn_map *map;
    size_t bit = (code_rx - t->code_base) / CACHE_CODE_ALIGN;

    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_INSN_START)
            hdr.ninsns++;
    map = (struct exec_insn_map *)(code_rw - sizeof hdr) - hdr.ninsns;
    for (uint32_t i = 0, n = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_INSN_START) {
            map[n] = (struct exec_insn_map){offsets[n],
                                            (uint32_t)(b->ops[i].imm - b->pc)};
            n++;
        }
    if (info->nrecover)
        memcpy(code_rw + exec_recover_offset(code_size), info->recover,
               info->nrecover * sizeof *info->recover);
    memcpy(code_rw - sizeof hdr, &hdr, sizeof hdr);
    atomic_fetch_or_explicit(&t->code_starts[bit / EXEC_BITS_PER_WORD],
                             1ul << (bit % EXEC_BITS_PER_WORD),
                             memory_order_release);
}

/* The highest set code-start bit at or below bit, or SIZE_MAX. */
static size_t exec_prev_start(const struct translator *t, size_t bit)
{
    size_t w = bit / EXEC_BITS_PER_WORD;
    unsigned long word = atomic_load_explicit(&t->code_starts[w],
                                              memory_order_acquire);
    unsigned s = (unsigned)(bit % EXEC_BITS_PER_WORD);

    word &= s == EXEC_BITS_PER_WORD - 1 ? ~0ul : (2ul << s) - 1;
    while (!word) {
        if (w == 0)
            return SIZE_MAX;
        word = atomic_load_explicit(&t->code_starts[--w],
                                    memory_order_acquire);
    }
    return w * EXEC_BITS_PER_WORD + EXEC_BITS_PER_WORD - 1 -
           (size_t)__builtin_clzl(word);
}

/* The guest pc of the instruction at offset off of the block at hdr. */
static gva exec_map_insn(const struct exec_code_hdr *hdr, uint32_t off)
{
    const struct exec_insn_map *map =
        (const struct exec_insn_map *)hdr - hdr->ninsns;
    gva pc = hdr->pc;

    for (uint32_t i = 0; i < hdr->ninsns && map[i].host_off <= off; i++)
        pc = hdr->pc + (uint64_t)(int64_t)(int32_t)map[i].guest_off;
    return pc;
}

/* Bits left by earlier generations point into what is now other code:
 * their header does not check out, so the search goes on below them. */
bool exec_code_guest_pc(struct translator *t, uintptr_t host_pc,
                        const void *context, void *env, gva *pc)
{
    uint64_t gen = cache_generation(t->cache);
    size_t bit;

    if (!t->code_starts || host_pc - t->code_base >= t->code_size)
        return false;
    bit = (host_pc - t->code_base) / CACHE_CODE_ALIGN;
    while ((bit = exec_prev_start(t, bit)) != SIZE_MAX) {
        uintptr_t start = t->code_base + bit * CACHE_CODE_ALIGN;
        const struct exec_code_hdr *hdr =
            (const struct exec_code_hdr *)start - 1;

        if (start - t->code_base >= sizeof *hdr &&
            hdr->magic == (EXEC_CODE_MAGIC ^ start) &&
            hdr->generation == gen && host_pc - start < hdr->code_size) {
            *pc = exec_map_insn(hdr, (uint32_t)(host_pc - start));
            if (context && hdr->nrecover)
                host_recover_apply(
                    (const struct host_recover *)(start + exec_recover_offset(
                                                              hdr->code_size)),
                    hdr->nrecover, (uint32_t)(host_pc - start), context, env);
            return true;
        }
        if (bit-- == 0)
            break;
    }
    return false;
}

void translator_protect_code(struct translator *t,
                             translator_protect_fn *protect,
                             translator_unprotect_fn *unprotect,
                             void *opaque)
{
    t->protect = protect;
    t->unprotect = unprotect;
    t->protect_opaque = opaque;
    atomic_store(&exec_smc_translator, protect ? t : NULL);
}

void exec_page_hook(void *opaque, gva page, bool has_code)
{
    struct translator *t = opaque;

    /* Pages that lose their code stay protected until the next write
     * fault lifts it: the hook runs under the cache lock, where the mm's
     * lock may not be waited for. */
    if (has_code && t->protect)
        t->protect(t->protect_opaque, page);
}

/* A write to a page protected for its code: lift it, drop the page's
 * translations, and retry the write: in place from ferry's own code, from
 * the writing instruction (which may be in the dropped code) in guest
 * code. False: the write fault is the guest's. */
static bool exec_try_smc(const struct host_fault *f,
                         struct exec_fault_frame *fr, bool in_guest)
{
    struct translator *t = atomic_load(&exec_smc_translator);
    gva page, pc;

    if (!t || !t->unprotect(t->protect_opaque, f->addr, in_guest, &page))
        return false;
    translator_invalidate(t, page, page + CACHE_PAGE_SIZE);
    if (!in_guest)
        return true;
    if (fr->mode == EXEC_RUN_JIT) {
        if (!exec_code_guest_pc(fr->t, f->pc, f->context, fr->env, &pc))
            return true; /* a helper's write: retry it there */
        ((struct cpu_common *)fr->env)->pc = pc;
    }
    fr->mode = EXEC_NOT_RUNNING;
    fr->restart = 1;
    siglongjmp(fr->jb, 1);
}

/* The handler (hostabi calls it on the alternate stack). A fault belongs
 * to the guest if this thread is running interpreted guest code, or
 * running JIT code and the host pc is in a block. */
static bool exec_on_host_fault(const struct host_fault *f)
{
    struct exec_fault_frame *fr = exec_fault_cur;
    bool in_guest = fr && fr->mode != EXEC_NOT_RUNNING;
    struct cpu_common *cpu;
    gva pc;

    /* ir.h, lazy FP flags: the guest's pending ones are in the context
     * (ORing them in twice, should it go on, changes nothing). */
    if (in_guest)
        exec_fp_accrue(fr->t, fr->env, host_fp_flags_of(f->fp_status));

    if (f->write && f->signo == SIGSEGV && f->code == SEGV_ACCERR &&
        exec_try_smc(f, fr, in_guest))
        return true;
    if (!in_guest)
        return false;
    cpu = fr->env;
    if (fr->mode == EXEC_RUN_JIT) {
        if (!exec_code_guest_pc(fr->t, f->pc, f->context, fr->env, &pc))
            return false;
        cpu->pc = pc;
    }
    /* The interpreter's blocks set the state's pc at each instruction. */
    exec_last_fault = (struct translator_fault){
        .addr = (gva)(f->addr - cpu->guest_base),
        .write = f->write,
        .signo = f->signo,
        .code = f->code,
    };
    exec_has_fault = true;
    fr->mode = EXEC_NOT_RUNNING;
    siglongjmp(fr->jb, 1);
}

int exec_fault_thread_start(void)
{
    int err = host_signals_install(exec_on_host_fault);

    return err < 0 ? err : host_signals_thread_init();
}

void exec_fault_thread_end(void)
{
    host_signals_thread_fini();
}

/* Without a runtime that handles RUN_FAULT, the guest dies as the real
 * process would, with one line saying where. */
static void exec_fault_die(const struct cpu_common *cpu)
{
    const struct translator_fault *f = &exec_last_fault;

    fprintf(stderr,
            "ferry: guest %s at pc 0x%llx: %s of address 0x%llx\n",
            f->signo == SIGBUS ? "SIGBUS" : "SIGSEGV",
            (unsigned long long)cpu->pc, f->write ? "write" : "access",
            (unsigned long long)f->addr);
    signal(f->signo, SIG_DFL);
    raise(f->signo);
    _exit(128 + f->signo);
}

struct run_result exec_fault_landed(struct exec_fault_frame *fr)
{
    if (log_enabled(LOG_EXEC))
        log_printf("Fault: pc 0x%llx address 0x%llx\n",
                   (unsigned long long)((struct cpu_common *)fr->env)->pc,
                   (unsigned long long)exec_last_fault.addr);
    if (!fr->t->report_faults)
        exec_fault_die(fr->env);
    return (struct run_result){.end = RUN_FAULT, .slot = -1};
}

void translator_set_zero_guest_base(struct translator *t)
{
    t->zero_guest_base = true;
    if (t->cfg.jit)
        host_set_zero_guest_base(true);
}

void translator_set_guest_limit(struct translator *t, gva limit, gva guard)
{
    t->guest_limit = limit;
    if (t->cfg.jit) /* the back end checks accesses itself, cheaper */
        host_set_guest_limit(limit, guard);
}
