/* translator/host/x86_64/x64_regalloc.c: linear-scan register allocation
 * over a block (Poletto & Sarkar). Branches only go forward, so a temp's
 * live range is the span from its first to its last mention in op order,
 * and giving it ONE location (register or spill slot) for the whole span
 * makes every path agree: no moves at labels or branches. */
#include "translator/host/x86_64/x64_lower.h"

#include <stdlib.h>
#include <string.h>

struct ra_ival {
    uint32_t temp, start, end;
    bool crosses_call;
};

struct ra_state {
    struct x64_ctx *c;
    struct ra_ival *iv;     /* by start */
    uint32_t niv;
    uint32_t *active;       /* indexes into iv holding a register */
    uint32_t nactive;
    uint32_t slot_end[X64_NSPILL];
    uint32_t nslots;
};

/* Allocation order: caller-saved first (free to use between calls), then
 * callee-saved, which are the only ones that survive a helper call (rbp
 * holds the frame). The last, X64_GBASE, only with a zero guest base. */
static const uint8_t ra_gprs[] = {X64_RSI, X64_RDI, X64_R8, X64_R9,
                                  X64_R10, X64_RBX, X64_R12, X64_GBASE};
#define RA_FIRST_CALLEE_SAVED 5

static unsigned ra_ngprs(void)
{
    return sizeof ra_gprs - (x64_zero_guest_base ? 0 : 1);
}
#define RA_NXMM 13 /* xmm13-15 are scratch */

bool x64_op_is_call(const struct ir_op *op,
                    const struct host_cpu_features *cpu)
{
    switch (op->opc) {
    case IR_CALL:
        return true;
    case IR_FMA:
        return !cpu->fma;
    case IR_FCVT_F2I:
        return (op->imm & IR_CVT_UNSIGNED) != 0;
    case IR_FCVT_I2F:
        /* unsigned conversions go through C helpers, but for 32-bit
         * integers to floats (a 64-bit signed conversion does) */
        return (op->imm & IR_CVT_UNSIGNED) && op->aux == IR_I64;
    default:
        return false;
    }
}

/* Per-thread tables reused from block to block: a calloc/free trio per
 * block was most of the allocator's start-up cost. */
static _Thread_local struct ra_ival *ra_iv_buf;
static _Thread_local uint32_t *ra_idx_buf, *ra_calls_buf;
static _Thread_local uint32_t ra_temps_cap, ra_ops_cap;

static bool ra_reserve(uint32_t ntemps, uint32_t nops)
{
    if (ntemps > ra_temps_cap) {
        struct ra_ival *iv = realloc(ra_iv_buf, ntemps * sizeof *iv);
        uint32_t *idx;

        if (iv)
            ra_iv_buf = iv;
        idx = realloc(ra_idx_buf, ntemps * sizeof *idx);
        if (idx)
            ra_idx_buf = idx;
        if (!iv || !idx)
            return false;
        ra_temps_cap = ntemps;
    }
    if (nops > ra_ops_cap) {
        uint32_t *calls = realloc(ra_calls_buf, nops * sizeof *calls);

        if (!calls)
            return false;
        ra_calls_buf = calls;
        ra_ops_cap = nops;
    }
    return true;
}

/* Collects the live intervals, ordered by start (first mention). */
static struct ra_ival *ra_intervals(struct x64_ctx *c, uint32_t *n)
{
    const struct ir_block *b = c->b;
    struct ra_ival *iv;
    uint32_t *idx, *calls_before, ncalls = 0, k = 0;

    if (!ra_reserve(b->ntemps, b->nops + 1))
        return NULL;
    iv = ra_iv_buf;
    idx = ra_idx_buf;
    calls_before = ra_calls_buf;
    memset(idx, 0, b->ntemps * sizeof *idx);
    for (uint32_t i = 0; i < b->nops; i++) {
        calls_before[i] = ncalls;
        ncalls += x64_op_is_call(&b->ops[i], c->cpu);
        for (int j = 0; j < 5; j++) {
            ir_temp t = b->ops[i].args[j];

            if (t == IR_NO_TEMP || b->temps[t].is_const)
                continue;
            if (!idx[t]) {
                iv[k] = (struct ra_ival){t, i, i, false};
                idx[t] = ++k;
            }
            iv[idx[t] - 1].end = i;
        }
    }
    calls_before[b->nops] = ncalls;
    /* A SET left out (x64_lazy.c) keeps its value for the faults after it */
    for (uint32_t i = 0; i < b->nops; i++) {
        ir_temp t = b->ops[i].args[1];

        if (c->lazy_end[i] && !b->temps[t].is_const && idx[t] &&
            iv[idx[t] - 1].end < c->lazy_keep[i])
            iv[idx[t] - 1].end = c->lazy_keep[i];
    }
    memset(c->temp_end, 0, b->ntemps * sizeof *c->temp_end);
    for (uint32_t i = 0; i < k; i++) {
        iv[i].crosses_call =
            calls_before[iv[i].end] > calls_before[iv[i].start + 1];
        c->temp_end[iv[i].temp] = iv[i].end;
    }
    *n = k;
    return iv;
}

static bool ra_is_xmm_ival(const struct ra_state *s, const struct ra_ival *v)
{
    return x64_is_float(x64_ttype(s->c, v->temp));
}

/* Whether op writes the 8 bytes of CPU state at off (or may, through a
 * helper). */
static bool ra_writes_state_at(const struct ir_op *op, uint64_t off)
{
    if (op->opc == IR_SET)
        return op->imm + ir_type_bits((enum ir_type)op->type) / 8 > off &&
               op->imm < off + 8;
    return (ir_op_flags(op) & IR_OPF_WRITES_STATE) != 0;
}

/* An integer IR_GET whose state nothing writes while its temp lives (the
 * op at its end may, after reading it: a SET) needs no spill slot: its
 * uses read the CPU state, and no spill store is made. */
static bool ra_rematerializable(const struct x64_ctx *c,
                                const struct ra_ival *v)
{
    const struct ir_block *b = c->b;
    const struct ir_op *get = &b->ops[v->start];

    if (get->opc != IR_GET || get->args[0] != v->temp ||
        (get->type != IR_I64 && get->type != IR_I32) ||
        get->imm > UINT16_MAX || x64_loop_reg(c, get->imm) != X64_NOREG)
        return false;
    for (uint32_t i = v->start + 1; i <= v->end; i++) {
        const struct ir_op *op = &b->ops[i];

        if (op->args[0] == v->temp)
            return false;
        if (ra_writes_state_at(op, get->imm) &&
            (i < v->end || op->opc != IR_SET))
            return false;
    }
    return true;
}

/* A spill slot free for the whole of v, or false if the frame is full. */
static bool ra_spill(struct ra_state *s, const struct ra_ival *v)
{
    struct x64_loc *l = &s->c->locs[v->temp];
    uint32_t i;

    if (ra_rematerializable(s->c, v)) {
        *l = (struct x64_loc){X64_LOC_ENV, 0,
                              (uint16_t)s->c->b->ops[v->start].imm};
        return true;
    }
    for (i = 0; i < s->nslots; i++)
        if (s->slot_end[i] < v->start)
            break;
    if (i == s->nslots) {
        if (s->nslots == X64_NSPILL)
            return false;
        s->nslots++;
    }
    s->slot_end[i] = v->end;
    *l = (struct x64_loc){X64_LOC_STACK, 0, (uint16_t)i};
    return true;
}

static void ra_expire(struct ra_state *s, uint32_t start)
{
    uint32_t k = 0;

    for (uint32_t i = 0; i < s->nactive; i++)
        if (s->iv[s->active[i]].end >= start)
            s->active[k++] = s->active[i];
    s->nactive = k;
}

/* The registers the active intervals hold, one bit per register number
 * (GPRs 0-15, XMMs 16-31): one pass over active instead of one per
 * candidate register. */
static uint32_t ra_busy(const struct ra_state *s)
{
    uint32_t busy = 0;

    for (uint32_t i = 0; i < s->nactive; i++)
        busy |= UINT32_C(1) << s->c->locs[s->iv[s->active[i]].temp].reg;
    return busy;
}

/* A free register v may hold, or X64_NOREG. */
static unsigned ra_free_reg(const struct ra_state *s, const struct ra_ival *v)
{
    uint32_t busy = ra_busy(s) | s->c->loop_mask;

    if (ra_is_xmm_ival(s, v)) {
        if (v->crosses_call)
            return X64_NOREG; /* SysV: every XMM is caller-saved */
        for (unsigned r = 0; r < RA_NXMM; r++)
            if (!(busy >> (X64_XMM0 + r) & 1))
                return X64_XMM0 + r;
        return X64_NOREG;
    }
    for (unsigned i = v->crosses_call ? RA_FIRST_CALLEE_SAVED : 0;
         i < ra_ngprs(); i++)
        if (!(busy >> ra_gprs[i] & 1))
            return ra_gprs[i];
    return X64_NOREG;
}

static bool ra_reg_allowed(const struct ra_state *s, const struct ra_ival *v,
                           unsigned reg)
{
    if (X64_IS_XMM(reg))
        return ra_is_xmm_ival(s, v) && !v->crosses_call;
    if (ra_is_xmm_ival(s, v) || (s->c->loop_mask >> reg & 1))
        return false;
    for (unsigned i = v->crosses_call ? RA_FIRST_CALLEE_SAVED : 0;
         i < ra_ngprs(); i++)
        if (ra_gprs[i] == reg)
            return true;
    return false;
}

/* No register free: take the one of the active interval that ends last,
 * if it ends after v and v may use its register; else spill v. */
static bool ra_steal(struct ra_state *s, uint32_t vi)
{
    struct ra_ival *v = &s->iv[vi];
    uint32_t best = UINT32_MAX;

    for (uint32_t i = 0; i < s->nactive; i++) {
        struct ra_ival *w = &s->iv[s->active[i]];

        if (w->end > v->end &&
            ra_reg_allowed(s, v, s->c->locs[w->temp].reg) &&
            (best == UINT32_MAX || w->end > s->iv[s->active[best]].end))
            best = i;
    }
    if (best == UINT32_MAX)
        return ra_spill(s, v);
    s->c->locs[v->temp] = s->c->locs[s->iv[s->active[best]].temp];
    if (!ra_spill(s, &s->iv[s->active[best]]))
        return false;
    s->active[best] = vi;
    return true;
}

/* x64_lower_int.c and lower_mov read the first source into the result
 * register first: the result may take over that source's register when
 * the source dies there, which saves the "mov r, a" of two-address code. */
bool x64_op_reads_first_source_first(enum ir_opc opc)
{
    switch (opc) {
    case IR_MOV: case IR_ADD: case IR_SUB: case IR_AND: case IR_OR:
    case IR_XOR: case IR_MUL: case IR_NEG: case IR_NOT: case IR_ANDC:
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
    case IR_ZEXT: case IR_SEXT: case IR_TRUNC:
        return true;
    default:
        return false;
    }
}

/* v's register if it can be that of the first source of the op defining
 * it, which dies there; that source then leaves the active set. */
static unsigned ra_take_source(struct ra_state *s, const struct ra_ival *v)
{
    const struct ir_op *op = &s->c->b->ops[v->start];
    ir_temp a = op->args[1];
    unsigned reg;

    if (op->args[0] != v->temp || !x64_op_reads_first_source_first(op->opc) ||
        a == IR_NO_TEMP || a == v->temp || s->c->b->temps[a].is_const ||
        s->c->locs[a].kind != X64_LOC_REG)
        return X64_NOREG;
    reg = s->c->locs[a].reg;
    for (uint32_t i = 0; i < s->nactive; i++) {
        const struct ra_ival *w = &s->iv[s->active[i]];

        if (w->temp != a)
            continue;
        if (w->end != v->start || !ra_reg_allowed(s, v, reg))
            return X64_NOREG;
        s->active[i] = s->active[--s->nactive];
        return reg;
    }
    return X64_NOREG;
}

static bool ra_assign(struct ra_state *s, uint32_t vi)
{
    struct ra_ival *v = &s->iv[vi];
    unsigned reg;

    ra_expire(s, v->start);
    reg = ra_take_source(s, v);
    if (reg != X64_NOREG) {
        s->c->locs[v->temp] = (struct x64_loc){X64_LOC_REG, (uint8_t)reg, 0};
        s->active[s->nactive++] = vi;
        return true;
    }
    reg = ra_free_reg(s, v);
    if (reg == X64_NOREG)
        return ra_steal(s, vi);
    s->c->locs[v->temp] = (struct x64_loc){X64_LOC_REG, (uint8_t)reg, 0};
    s->active[s->nactive++] = vi;
    return true;
}

/* An integer IR_GET whose temp has one use, with nothing between writing
 * that state, needs no register: the use reads the CPU state itself (a
 * memory operand, or a load where it needs a register), one instruction
 * less. */
static bool ra_get_in_place(const struct x64_ctx *c, const struct ra_ival *v)
{
    const struct ir_block *b = c->b;
    const struct ir_op *get = &b->ops[v->start];

    if (get->opc != IR_GET || get->args[0] != v->temp ||
        (get->type != IR_I64 && get->type != IR_I32) || get->imm > UINT16_MAX ||
        v->end == v->start || x64_loop_reg(c, get->imm) != X64_NOREG)
        return false;
    for (uint32_t i = v->start + 1; i < v->end; i++) {
        const struct ir_op *op = &b->ops[i];

        if (ra_writes_state_at(op, get->imm))
            return false;
        for (int j = 0; j < 5; j++)
            if (op->args[j] == v->temp)
                return false;
    }
    return b->ops[v->end].args[0] != v->temp; /* only read there */
}

bool x64_regalloc(struct x64_ctx *c)
{
    /* slot_end is only read below nslots, so only the counters need
     * clearing: no 4 KiB memset per block. */
    uint32_t active[sizeof ra_gprs + 16];
    struct ra_state s;
    bool ok;

    s.c = c;
    s.active = active;
    s.nactive = 0;
    s.nslots = 0;
    for (uint32_t t = 1; t < c->b->ntemps; t++)
        c->locs[t] = (struct x64_loc){
            c->b->temps[t].is_const ? X64_LOC_CONST : X64_LOC_NONE, 0, 0};
    s.iv = ra_intervals(c, &s.niv);
    ok = s.iv != NULL;
    if (ok)
        x64_loop_coalesce(c);
    for (uint32_t i = 0; ok && i < s.niv; i++) {
        if (c->locs[s.iv[i].temp].kind != X64_LOC_NONE)
            continue; /* in a held register */
        if (ra_get_in_place(c, &s.iv[i])) {
            c->locs[s.iv[i].temp] = (struct x64_loc){
                X64_LOC_ENV, 0, (uint16_t)c->b->ops[s.iv[i].start].imm};
            continue;
        }
        ok = ra_assign(&s, i);
    }
    return ok;
}
