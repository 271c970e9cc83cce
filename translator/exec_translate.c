/* translator/exec_translate.c: turning one guest block into a cached TB:
 * frontend -> IR -> optimizer -> x86-64 code (or packed IR for the
 * interpreter) -> code cache, with the -d logs along the way. */
#include "translator/exec_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log/log.h"
#include "translator/host/host.h"
#include "translator/interp/interp.h"
#include "translator/opt/opt.h"

static _Thread_local struct ir_block *scratch;
static _Thread_local uint32_t *insn_offsets;
static _Thread_local uint32_t insn_offsets_cap;

/* Translation time is measured only for -d stats, which prints it: two
 * clock reads per block are a visible share of a short program's run in
 * a virtual machine, where the clock may be slow to read. */
uint64_t exec_now_ns(void)
{
    struct timespec ts;

    if (!log_enabled(LOG_STATS))
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static const char *state_name(uint32_t offset, void *opaque)
{
    const struct frontend *fe = opaque;

    return fe->state_name ? fe->state_name(offset) : NULL;
}

static void log_ir(struct translator *t, const struct ir_block *b,
                   const char *title)
{
    struct ir_state_namer namer = {state_name, (void *)t->cfg.frontend};
    FILE *f = log_file();

    flockfile(f);
    fprintf(f, "%s 0x%llx:\n", title, (unsigned long long)b->pc);
    ir_print(b, &namer, f);
    fputc('\n', f);
    funlockfile(f);
}

static void log_in_asm(struct translator *t, const struct ir_block *b)
{
    const struct frontend *fe = t->cfg.frontend;
    uint8_t code[16];
    char text[128];
    FILE *f = log_file();

    flockfile(f);
    fprintf(f, "IN: 0x%llx\n", (unsigned long long)b->pc);
    /* In the order translated: a followed jump goes on elsewhere. */
    for (uint32_t i = 0; i < b->nops; i++) {
        gva pc = b->ops[i].imm;
        size_t n;

        if (b->ops[i].opc != IR_INSN_START)
            continue;
        n = t->cfg.fetch.read(t->cfg.fetch.opaque, pc, code,
                              fe->max_insn_len);
        if (fe->disas(pc, code, n, text, sizeof text) == 0)
            break;
        fprintf(f, "0x%llx:  %s\n", (unsigned long long)pc, text);
    }
    fputc('\n', f);
    funlockfile(f);
}

/* The interpreter's "code": the block's ops and temps copied into the code
 * cache, so interpreted blocks live and die with the cache like compiled
 * ones. */
struct packed_ir {
    struct ir_block block; /* ops and temps point just after it */
};

static size_t pack_ir(const struct ir_block *b, struct cache_code *code)
{
    size_t ops = (size_t)b->nops * sizeof *b->ops;
    size_t temps = (size_t)b->ntemps * sizeof *b->temps;
    size_t size = sizeof(struct packed_ir) + ops + temps;
    struct packed_ir *p = (struct packed_ir *)code->rw;
    uint8_t *rx = (uint8_t *)code->rx + sizeof *p;

    if (size > code->size)
        return 0;
    p->block = *b;
    memcpy(code->rw + sizeof *p, b->ops, ops);
    memcpy(code->rw + sizeof *p + ops, b->temps, temps);
    p->block.ops = (struct ir_op *)rx;
    p->block.temps = (struct ir_temp_info *)(rx + ops);
    p->block.ops_cap = b->nops;
    p->block.temps_cap = b->ntemps;
    return size;
}

const struct ir_block *exec_packed_block(const struct tb *tb)
{
    return &((const struct packed_ir *)tb->code_rx)->block;
}

/* The per-instruction host offsets of one JIT block. */
static uint32_t *offsets_for(uint32_t ninsns)
{
    if (ninsns > insn_offsets_cap) {
        uint32_t *p = realloc(insn_offsets, ninsns * sizeof *p);

        if (!p) {
            fputs("ferry: out of memory while translating\n", stderr);
            abort();
        }
        insn_offsets = p;
        insn_offsets_cap = ninsns;
    }
    return insn_offsets;
}

/* JIT: [map][header][code] (see exec_internal.h); used counts all three,
 * *code_off says where the code starts. */
static size_t compile_block(struct translator *t, const struct ir_block *b,
                            struct cache_code *code,
                            struct host_block_info *info, size_t *code_off,
                            size_t *code_bytes)
{
    size_t pre = exec_code_prefix_size(b->ninsns), used, tail;

    *code_off = pre;
    if (pre >= code->size)
        return 0;
    info->insn_offsets = offsets_for(b->ninsns ? b->ninsns : 1);
    info->insn_cap = b->ninsns;
    used = host_compile(b, code->rw + pre, code->rx + pre, code->size - pre,
                        info);
    if (!used)
        return 0;
    tail = exec_code_tail_size(used, info->nrecover);
    if (tail > code->size - pre - used)
        return 0;
    exec_code_publish(t, code->rw + pre, code->rx + pre, (uint32_t)used, b,
                      info);
    *code_bytes = used;
    return pre + used + tail;
}

/* Emits b into the cache; false when the cache was flushed meanwhile
 * (translate again) or the block can never fit. */
static struct tb *emit_block(struct translator *t, const struct ir_block *b,
                             uint64_t inval_seq, bool *retry)
{
    struct host_block_info info = {.chain_offset = {HOST_NO_CHAIN,
                                                    HOST_NO_CHAIN}};
    struct cache_code code;
    size_t want = 256 + (size_t)b->nops * 64, used, off = 0, bytes = 0;
    struct tb_info ti = {.pc = b->pc, .guest_len = b->guest_len,
                         .guest_before = b->guest_before,
                         .inval_seq = inval_seq};
    struct tb *tb;

    for (;;) {
        enum cache_status st = cache_code_reserve(t->cache, want, &code);

        if (st != CACHE_OK) {
            *retry = st == CACHE_RETRANSLATE;
            return NULL;
        }
        used = t->cfg.jit ? compile_block(t, b, &code, &info, &off, &bytes)
                          : (bytes = pack_ir(b, &code));
        if (used)
            break;
        cache_code_commit(t->cache, &code, 0);
        want *= 2;
    }
    cache_code_commit(t->cache, &code, used);
    if (t->cfg.jit && log_enabled(LOG_OUT_ASM)) {
        log_printf("OUT: 0x%llx (%zu bytes)\n", (unsigned long long)b->pc,
                   bytes);
        host_disas((const void *)(code.rx + off), bytes, code.rx + off,
                   log_file());
    }
    ti.code_rx = code.rx + off;
    ti.code_size = (uint32_t)bytes;
    if (t->cfg.jit && log_enabled(LOG_PERFMAP))
        log_perfmap_block(ti.code_rx, ti.code_size, b->pc);
    for (int i = 0; i < TB_NSLOTS; i++)
        ti.jmp_off[i] = t->cfg.jit && info.chain_offset[i] != HOST_NO_CHAIN
                            ? info.chain_offset[i]
                            : TB_NO_JUMP;
    atomic_fetch_add(&t->stats.code_bytes, used);
    /* NULL when guest code was invalidated while we read it: the bytes
     * may be stale, so translate again. */
    tb = tb_insert(t->cache, &ti);
    *retry = !tb && cache_inval_seq(t->cache) != inval_seq;
    return tb;
}

struct tb *exec_translate(struct translator *t, gva pc)
{
    const struct frontend *fe = t->cfg.frontend;
    uint64_t start = exec_now_ns();
    struct tb *tb;
    bool retry;

    if (!scratch)
        scratch = ir_block_new();
    do {
        uint64_t seq = cache_inval_seq(t->cache);

        retry = false;
        ir_block_reset(scratch, pc);
        fe->translate(scratch, pc, t->cfg.features, &t->cfg.fetch,
                      t->cfg.max_insns, FRONTEND_SUPERBLOCK);
        atomic_fetch_add(&t->stats.decoded_insns, scratch->ninsns);
        if (log_enabled(LOG_IN_ASM))
            log_in_asm(t, scratch);
        if (log_enabled(LOG_OP))
            log_ir(t, scratch, "OP");
        opt_block(scratch);
        if (log_enabled(LOG_OP_OPT))
            log_ir(t, scratch, "OP after optimization");
        tb = emit_block(t, scratch, seq, &retry);
        if (retry)
            cache_thread_quiescent();
    } while (retry);
    if (tb) {
        atomic_fetch_add(&t->stats.blocks, 1);
        atomic_fetch_add(&t->stats.guest_insns, scratch->ninsns);
        atomic_fetch_add(&t->stats.ir_ops, scratch->nops);
    }
    atomic_fetch_add(&t->stats.translate_ns, exec_now_ns() - start);
    return tb;
}

/* The instruction at the pc, interpreted (with its pc stored for faults)
 * and not kept. */
struct run_result exec_step(struct translator *t, void *env)
{
    static _Thread_local struct ir_block *step;
    struct cpu_common *cpu = env;
    struct run_result r;
    uint8_t byte;

    if (t->cfg.fetch.read(t->cfg.fetch.opaque, cpu->pc, &byte, 1) != 1)
        return (struct run_result){.end = RUN_FETCH_FAULT, .slot = -1};
    if (!step)
        step = ir_block_new();
    ir_block_reset(step, cpu->pc);
    t->cfg.frontend->translate(step, cpu->pc, t->cfg.features, &t->cfg.fetch,
                               1, FRONTEND_BASIC_BLOCK);
    opt_block(step);
    exec_fault_cur->mode = EXEC_RUN_INTERP;
    interp_run_checked(step, env,
                       &(struct interp_checks){.limit = t->guest_limit,
                                               .mark_pcs = true},
                       &r);
    exec_fault_cur->mode = EXEC_NOT_RUNNING;
    return r;
}
