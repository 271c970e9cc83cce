/* translator/exec.c: the translator instance and the execution loop: look
 * up the block for the guest pc, translate it on a miss, run it, chain it
 * to its successor, until the runtime has something to do. */
#include "translator/exec_internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "log/log.h"
#include "translator/host/host.h"
#include "translator/interp/interp.h"

/* The back end's trampolines go first and survive flushes. */
static int install_host_code(struct code_cache *c)
{
    struct cache_code code;
    struct exec_mem m = *cache_exec_mem(c);
    size_t used;
    int err;

    if (cache_code_reserve(c, 4096, &code) != CACHE_OK)
        return -ENOMEM;
    m.rw = code.rw;
    m.rx = (uint8_t *)code.rx;
    m.size = code.size;
    if ((err = host_init(&m, &used)) < 0)
        return err;
    cache_code_commit(c, &code, used);
    cache_code_keep(c);
    return 0;
}

/* The cache IR_GOTO_PTR probes from inside translated code (one
 * translator per process). */
static struct code_cache *_Atomic lookup_cache;

/* Indirect branches (returns, switch tables, calls through pointers) find
 * their target in the jump cache without leaving translated code; a miss
 * exits to the loop, which translates and fills the jump cache. */
static const void *lookup_code(void *env, gva pc)
{
    struct tb *tb = tb_lookup_fast(atomic_load(&lookup_cache), pc, 0);

    (void)env;
    return tb ? (const void *)tb->code_rx : NULL;
}

/* The back end probes the jump cache inline first (a hit costs no call). */
static void set_jump_cache(struct code_cache *c)
{
    struct host_jump_cache jc = {
        .entries = (const void *)cache_jump_cache(c),
        .shift_a = CACHE_JC_SHIFT_A,
        .shift_b = CACHE_JC_SHIFT_B,
        .mask = CACHE_JC_SIZE - 1,
        .pc_off = offsetof(struct tb, pc),
        .flags_off = offsetof(struct tb, flags),
        .code_off = offsetof(struct tb, code_rx),
    };

    host_set_jump_cache(&jc);
}

int translator_new(struct translator **out,
                   const struct translator_config *cfg)
{
    struct translator *t = calloc(1, sizeof *t);
    struct cache_config cc = {.size = cfg->cache_size,
                              .patch = host_patch_chain,
                              .page_hook = exec_page_hook};
    int err;

    if (!t)
        return -ENOMEM;
    cc.opaque = t;
    t->cfg = *cfg;
    if (!t->cfg.max_insns)
        t->cfg.max_insns = EXEC_DEFAULT_MAX_INSNS;
    if ((err = cache_new(&t->cache, &cc)) < 0 ||
        (cfg->jit && (err = install_host_code(t->cache)) < 0) ||
        (err = exec_fault_init(t)) < 0 || (err = exec_cold_init(t)) < 0) {
        if (t->cache)
            cache_free(t->cache);
        exec_fault_fini(t);
        free(t);
        return err;
    }
    if (cfg->jit)
        host_set_pinned(cfg->frontend->pinned_offset);
    /* -d exec logs every block, so every block must pass the loop: no
     * jumps from block to block, not even a loop's back to itself. */
    if (cfg->jit && !log_enabled(LOG_EXEC)) {
        atomic_store(&lookup_cache, t->cache);
        host_set_lookup(lookup_code);
        set_jump_cache(t->cache);
        host_set_inner_loops(true);
    }
    *out = t;
    return 0;
}

void translator_free(struct translator *t)
{
    if (!t)
        return;
    if (t->cfg.jit && t->guest_limit)
        host_set_guest_limit(0, 0);
    if (t->cfg.jit && t->zero_guest_base)
        host_set_zero_guest_base(false);
    if (t->cfg.jit)
        host_set_pinned(0);
    if (atomic_load(&lookup_cache) == t->cache) {
        host_set_lookup(NULL);
        host_set_jump_cache(NULL);
        host_set_inner_loops(false);
        atomic_store(&lookup_cache, NULL);
    }
    cache_free(t->cache);
    exec_fault_fini(t);
    exec_cold_free(t);
    free(t);
}

int translator_thread_start(struct translator *t)
{
    int err = exec_fault_thread_start();

    return err < 0 ? err : cache_thread_register(t->cache);
}

void translator_thread_end(struct translator *t)
{
    (void)t;
    cache_thread_unregister();
    exec_fault_thread_end();
}

void translator_thread_offline(struct translator *t)
{
    (void)t;
    cache_thread_offline();
}

void translator_thread_online(struct translator *t)
{
    (void)t;
    cache_thread_online();
}

void translator_invalidate(struct translator *t, gva start, gva end)
{
    cache_invalidate_range(t->cache, start, end);
}

void translator_flush(struct translator *t)
{
    cache_request_flush(t->cache);
}

bool exec_pc_fetchable(struct translator *t, gva pc)
{
    uint8_t byte;

    return t->cfg.fetch.read(t->cfg.fetch.opaque, pc, &byte, 1) == 1;
}

static void run_block(struct translator *t, struct tb *tb, void *env,
                      struct run_result *r)
{
    atomic_fetch_add(&t->stats.runs, 1);
    if (log_enabled(LOG_EXEC))
        log_printf("Trace: 0x%llx\n", (unsigned long long)tb->pc);
    r->exit_site = 0;
    if (exec_fault_cur)
        exec_fault_cur->mode = t->cfg.jit ? EXEC_RUN_JIT : EXEC_RUN_INTERP;
    if (t->cfg.jit)
        host_run((const void *)tb->code_rx, env, r);
    else /* the checks the JIT's code makes itself (exec_fault.c) */
        interp_run_checked(exec_packed_block(tb), env,
                           &(struct interp_checks){.limit = t->guest_limit,
                                                   .mark_pcs = true},
                           r);
    if (exec_fault_cur)
        exec_fault_cur->mode = EXEC_NOT_RUNNING;
}

/* After a goto through an unlinked chain slot, link that slot to the
 * block that comes next, so the next run jumps there directly. */
static void chain(struct translator *t, const struct run_result *r,
                  struct tb *next)
{
    struct tb *from;

    if (!t->cfg.jit || r->slot < 0 || !r->exit_site || log_enabled(LOG_EXEC))
        return;
    from = tb_find_by_code(t->cache, r->exit_site);
    if (from && from->slot[r->slot].jmp_off != TB_NO_JUMP &&
        from->code_rx + from->slot[r->slot].jmp_off == r->exit_site)
        tb_link(t->cache, from, (unsigned)r->slot, next);
}

void exec_fp_accrue(struct translator *t, void *env, unsigned flags)
{
    uint32_t off = t->cfg.frontend->fp_flags_offset;

    if (off && flags)
        *(uint32_t *)(void *)((char *)env + off) |= flags;
}

/* ir.h, lazy FP flags: guest code runs from here on (host_fp_begin), with
 * the flags its word holds already. */
static void exec_fp_begin(struct translator *t, void *env)
{
    uint32_t off = t->cfg.frontend->fp_flags_offset;

    host_fp_begin(env, off ? *(uint32_t *)(void *)((char *)env + off) : 0);
}

/* ... and ferry's own code from here: the word gets the host's flags. */
static void exec_fp_end(struct translator *t, void *env)
{
    exec_fp_accrue(t, env, host_fp_end(env));
}

static struct run_result exec_loop(struct translator *t, void *env)
{
    struct cpu_common *cpu = env;
    struct run_result r = {.end = RUN_GOTO, .slot = -1};
    uint64_t generation = 0;
    struct tb *tb;

    for (;;) {
        if (cpu->exit_request)
            return (struct run_result){.end = RUN_INTERRUPTED, .slot = -1};
        cache_thread_quiescent();
        /* Only a pc whose cold runs are done is translated: one that has
         * runs left has no block, and skips the table's locked look-up. */
        tb = tb_lookup_jc(t->cache, cpu->pc, 0);
        if (!tb) {
            unsigned run = exec_cold_run(t, cpu->pc);

            if (run) {
                r = exec_run_cold(t, env, run);
                if (r.end != RUN_GOTO)
                    return r;
                continue;
            }
            tb = tb_lookup_table(t->cache, cpu->pc, 0);
        }
        if (!tb) {
            if (!exec_pc_fetchable(t, cpu->pc))
                return (struct run_result){.end = RUN_FETCH_FAULT,
                                           .slot = -1};
            /* ir.h, lazy FP flags: none of ferry's own may join. */
            exec_fp_end(t, env);
            tb = exec_translate(t, cpu->pc);
            exec_fp_begin(t, env);
            if (!tb) {
                fputs("ferry: out of memory for translated code\n", stderr);
                abort();
            }
        }
        /* A flush since the last run may have put other code at the
         * exit site: link only within one generation. */
        if (r.end == RUN_GOTO && generation == cache_generation(t->cache))
            chain(t, &r, tb);
        generation = cache_generation(t->cache);
        run_block(t, tb, env, &r);
        if (r.end != RUN_GOTO)
            return r;
    }
}

/* After a guest write to a code page, its instruction runs again alone
 * before the loop goes on. */
static struct run_result exec_resume(struct translator *t, void *env,
                                     struct exec_fault_frame *fr)
{
    if (fr->restart) {
        struct run_result r;

        fr->restart = 0;
        r = exec_step(t, env);
        if (r.end != RUN_GOTO)
            return r;
    }
    return exec_loop(t, env);
}

/* A guest fault in run_block siglongjmps back here (exec_fault.c). The
 * frame nests, for runs started from inside a run (signal delivery). */
struct run_result translator_run(struct translator *t, void *env)
{
    struct exec_fault_frame fr = {.t = t, .env = env, .prev = exec_fault_cur};
    struct run_result r;

    /* A run started inside another (a vfork child's, on its parent's
     * thread-local state) takes over the host's record of the outer one's
     * FP flags and gives it back. */
    if (fr.prev)
        exec_fp_end(fr.prev->t, fr.prev->env);
    exec_fault_cur = &fr;
    /* ir.h, lazy FP flags: the guest's code owns the host's record of
     * them while it runs, and the state holds them all once it stops. */
    exec_fp_begin(t, env);
    for (;;) {
        if (sigsetjmp(fr.jb, 0) == 0) {
            r = exec_resume(t, env, &fr);
            break;
        }
        host_signals_unblock();
        if (!fr.restart) {
            r = exec_fault_landed(&fr);
            break;
        }
        /* The fault handler ran with its own FP environment and folded
         * the context's flags in: arm the host again. */
        exec_fp_begin(t, env);
    }
    exec_fp_end(t, env);
    exec_fault_cur = fr.prev;
    if (fr.prev)
        exec_fp_begin(fr.prev->t, fr.prev->env);
    return r;
}
