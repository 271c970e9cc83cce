/* translator/host/x86_64/x64_compile.c: the back end's driver: allocate
 * registers, lower each op, resolve branches. */
#include "translator/host/x86_64/x64_lower.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks do not check exit_request on entry: the jumps that can close a
 * loop do (x64_lower_ctl.c, emit_request_check), and the execution loop
 * checks before it enters translated code. guest_base is loaded once by
 * the entry trampoline: all blocks a host_run reaches share its env. */

/* Every op of ir.h has a lowering; one without is an emulator bug. */
static void lower_op(struct x64_ctx *c, const struct ir_op *op)
{
    if (x64_lower_ctl(c, op) || x64_lower_int(c, op) ||
        x64_lower_mem(c, op) || x64_lower_fp(c, op) || x64_lower_vec(c, op))
        return;
    fprintf(stderr, "ferry: %s:%d: x64: no lowering for op %u\n", __FILE__,
            __LINE__, (unsigned)op->opc);
    abort();
}

static bool resolve_fixups(struct x64_ctx *c)
{
    for (size_t i = 0; i < c->nfixups; i++) {
        size_t target = c->label_pos[c->fixups[i].label];

        if (target == SIZE_MAX)
            return false; /* jump to a label never placed: ir_verify bug */
        x64_patch32(&c->a, c->fixups[i].field, target);
    }
    return true;
}

/* Per label, the op index of the first branch to it (UINT32_MAX: none):
 * an address checked before that index is checked at the label too, as
 * branches only go forward. */
static void find_first_branches(const struct ir_block *b, uint32_t *first)
{
    for (uint32_t l = 0; l < b->nlabels; l++)
        first[l] = UINT32_MAX;
    for (uint32_t i = b->nops; i-- > 0;)
        if (b->ops[i].opc == IR_BR || b->ops[i].opc == IR_BRCOND)
            first[b->ops[i].imm] = i;
}

static bool compile_body(struct x64_ctx *c, uint32_t *first_branch)
{
    x64_loop_find(c);
    x64_lazy_find(c);
    if (!x64_regalloc(c))
        return false;
    find_first_branches(c->b, first_branch);
    c->label_first_branch = first_branch;
    x64_loop_enter(c);
    for (uint32_t i = 0; i < c->b->nops; i++) {
        c->op_index = i;
        x64_lazy_close(c, i);
        lower_op(c, &c->b->ops[i]);
    }
    x64_emit_cold_checks(c);
    return !c->oom && resolve_fixups(c) && !c->a.overflow;
}

/* Per-thread tables kept from block to block (a block's own are small,
 * but a malloc/free of each per block showed at start-up). fixups and cold
 * keep their capacity too: the lowering code grows them with realloc. */
static _Thread_local struct {
    struct x64_loc *locs;
    uint32_t *temp_end; /* locs_cap entries */
    size_t *label_pos;
    uint32_t *first_branch; /* per label */
    uint32_t locs_cap, labels_cap;
    struct x64_fixup *fixups;
    size_t fixups_cap;
    struct x64_cold_check *cold;
    size_t cold_cap;
    uint32_t *lazy; /* lazy_end and lazy_keep, ops_cap each */
    uint32_t ops_cap;
    struct host_recover *recover;
    size_t recover_cap;
} x64_tables;

static bool reserve_tables(uint32_t ntemps, uint32_t nlabels, uint32_t nops)
{
    if (nops > x64_tables.ops_cap) {
        uint32_t *l = realloc(x64_tables.lazy, 2 * (size_t)nops * sizeof *l);

        if (!l)
            return false;
        x64_tables.lazy = l;
        x64_tables.ops_cap = nops;
    }
    if (ntemps > x64_tables.locs_cap) {
        struct x64_loc *l = realloc(x64_tables.locs, ntemps * sizeof *l);
        uint32_t *e;

        if (!l)
            return false;
        x64_tables.locs = l;
        e = realloc(x64_tables.temp_end, ntemps * sizeof *e);
        if (!e)
            return false;
        x64_tables.temp_end = e;
        x64_tables.locs_cap = ntemps;
    }
    if (nlabels > x64_tables.labels_cap) {
        size_t *p = realloc(x64_tables.label_pos, nlabels * sizeof *p);
        uint32_t *f;

        if (!p)
            return false;
        x64_tables.label_pos = p;
        f = realloc(x64_tables.first_branch, nlabels * sizeof *f);
        if (!f)
            return false;
        x64_tables.first_branch = f;
        x64_tables.labels_cap = nlabels;
    }
    return true;
}

size_t host_compile(const struct ir_block *b, uint8_t *rw, uintptr_t rx,
                    size_t cap, struct host_block_info *info)
{
    struct x64_ctx c;
    bool ok;

    memset(&c, 0, sizeof c);
    c.b = b;
    c.cpu = host_cpu_features();
    c.info = info;
    x64_asm_init(&c.a, rw, rx, cap);
    if (info)
        for (unsigned i = 0; i < IR_NSLOTS; i++)
            info->chain_offset[i] = HOST_NO_CHAIN;
    ok = reserve_tables(b->ntemps ? b->ntemps : 1, b->nlabels + 1,
                        b->nops + 1);
    c.locs = x64_tables.locs;
    c.temp_end = x64_tables.temp_end;
    c.label_pos = x64_tables.label_pos;
    c.fixups = x64_tables.fixups;
    c.fixups_cap = x64_tables.fixups_cap;
    c.cold = x64_tables.cold;
    c.cold_cap = x64_tables.cold_cap;
    c.lazy_end = x64_tables.lazy;
    c.lazy_keep = x64_tables.lazy + x64_tables.ops_cap;
    c.recover = x64_tables.recover;
    c.recover_cap = x64_tables.recover_cap;
    if (ok)
        c.locs[0] = (struct x64_loc){0};
    for (uint32_t i = 0; ok && i < b->nlabels; i++)
        c.label_pos[i] = SIZE_MAX;
    ok = ok && compile_body(&c, x64_tables.first_branch);
    x64_tables.fixups = c.fixups;
    x64_tables.fixups_cap = c.fixups_cap;
    x64_tables.cold = c.cold;
    x64_tables.cold_cap = c.cold_cap;
    x64_tables.recover = c.recover;
    x64_tables.recover_cap = c.recover_cap;
    if (info) {
        info->recover = c.recover;
        info->nrecover = (uint32_t)c.nrecover;
    }
    return ok ? x64_pos(&c.a) : 0;
}
