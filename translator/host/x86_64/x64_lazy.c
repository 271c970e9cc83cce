/* translator/host/x86_64/x64_lazy.c: guest register writes left out of the
 * code. A SET that a later SET of the same state overwrites, with only
 * ops between that may fault (guest loads and stores, which the optimizer
 * must keep it before: ir.h, "Precise state"), stores nothing; its value
 * stays live until the last of those ops, and a table after the code
 * (host_recover) tells the fault handler where to find it, so a fault
 * still sees the state as at the start of its instruction. */
#include "translator/host/x86_64/x64_lower.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ucontext.h>

/* How far ahead a SET looks for the one that overwrites it. */
#define LAZY_WINDOW 64

enum lazy_kind { LAZY_REG, LAZY_XMM, LAZY_STACK, LAZY_ENV, LAZY_CONST };

static bool overlaps(const struct ir_op *op, uint64_t off, unsigned size)
{
    unsigned n = ir_type_bits((enum ir_type)op->type) / 8;

    return op->imm < off + size && off < op->imm + n;
}

/* The index of the SET that overwrites the SET at i with nothing between
 * that could see the state (a read of it, an exit or branch, a label, an
 * op reading or writing state), or 0; *last_fault: the last op between
 * that may fault (i if none). */
static uint32_t lazy_cover(const struct ir_block *b, uint32_t i,
                           uint32_t *last_fault)
{
    const struct ir_op *set = &b->ops[i];
    unsigned size = ir_type_bits((enum ir_type)set->type) / 8;
    unsigned stop = IR_OPF_READS_STATE | IR_OPF_WRITES_STATE | IR_OPF_EXIT |
                    IR_OPF_BRANCH;
    uint32_t end = b->nops - i > LAZY_WINDOW ? i + LAZY_WINDOW : b->nops;

    *last_fault = i;
    for (uint32_t k = i + 1; k < end; k++) {
        const struct ir_op *op = &b->ops[k];
        unsigned f = ir_op_flags(op);

        if (op->opc == IR_LABEL || (f & stop))
            return 0;
        if (op->opc == IR_GET && overlaps(op, set->imm, size))
            return 0;
        if (op->opc == IR_SET && overlaps(op, set->imm, size))
            return op->imm == set->imm &&
                           ir_type_bits((enum ir_type)op->type) == 8 * size
                       ? k
                       : 0;
        if (f & IR_OPF_MAY_FAULT)
            *last_fault = k;
    }
    return 0;
}

void x64_lazy_find(struct x64_ctx *c)
{
    const struct ir_block *b = c->b;

    for (uint32_t i = 0; i < b->nops; i++) {
        const struct ir_op *op = &b->ops[i];

        c->lazy_end[i] = 0;
        c->lazy_keep[i] = i;
        if (op->opc == IR_SET && op->type != IR_V128 &&
            op->imm <= UINT16_MAX && x64_loop_reg(c, op->imm) == X64_NOREG)
            c->lazy_end[i] = lazy_cover(b, i, &c->lazy_keep[i]);
    }
}

/* Where the SET at i (lowered now) keeps its value while it lives. */
static bool lazy_source(const struct x64_ctx *c, ir_temp t,
                        struct host_recover *r)
{
    const struct x64_loc *l = &c->locs[t];

    switch (l->kind) {
    case X64_LOC_CONST:
        r->kind = LAZY_CONST;
        r->value = x64_const(c, t);
        return true;
    case X64_LOC_REG:
        r->kind = X64_IS_XMM(l->reg) ? LAZY_XMM : LAZY_REG;
        r->where = l->reg & 15;
        return true;
    case X64_LOC_STACK:
        r->kind = LAZY_STACK;
        r->where = l->slot;
        return true;
    case X64_LOC_ENV:
        r->kind = LAZY_ENV;
        r->where = l->slot;
        return true;
    default:
        return false;
    }
}

static bool recover_push(struct x64_ctx *c, const struct host_recover *r)
{
    if (c->nrecover == c->recover_cap) {
        size_t cap = c->recover_cap ? 2 * c->recover_cap : 32;
        struct host_recover *n = realloc(c->recover, cap * sizeof *n);

        if (!n) {
            c->oom = true;
            return false;
        }
        c->recover = n;
        c->recover_cap = cap;
    }
    c->recover[c->nrecover++] = *r;
    return true;
}

bool x64_lazy_set(struct x64_ctx *c, const struct ir_op *op)
{
    uint32_t i = c->op_index;
    struct host_recover r = {0};

    if (!c->lazy_end[i])
        return false;
    if (c->lazy_keep[i] == i) /* nothing between can fault: just dead */
        return true;
    if (!lazy_source(c, op->args[1], &r))
        return false;
    r.start = (uint32_t)x64_pos(&c->a);
    r.end = c->lazy_end[i]; /* an op index until x64_lazy_close */
    r.state_off = (uint16_t)op->imm;
    r.size = (uint8_t)(ir_type_bits((enum ir_type)op->type) / 8);
    return recover_push(c, &r);
}

/* An end no op index reaches: x64_lazy_close never closes it early. */
void x64_recover_reg(struct x64_ctx *c, uint16_t off, unsigned reg)
{
    struct host_recover r = {
        .start = (uint32_t)x64_pos(&c->a),
        .end = UINT32_MAX,
        .state_off = off,
        .size = 8,
        .kind = LAZY_REG,
        .where = reg & 15,
    };

    recover_push(c, &r);
}

/* Before op i: the ranges of the writes it overwrites end here. Open
 * ranges, [nrecover_closed, nrecover), hold the index of that op in end
 * until then; a closed one moves down to nrecover_closed. */
void x64_lazy_close(struct x64_ctx *c, uint32_t i)
{
    for (uint32_t k = c->nrecover_closed; k < c->nrecover; k++)
        if (c->recover[k].end == i) {
            struct host_recover t = c->recover[k];

            t.end = (uint32_t)x64_pos(&c->a);
            c->recover[k] = c->recover[c->nrecover_closed];
            c->recover[c->nrecover_closed++] = t;
        }
}

/* ucontext's general registers by x86 encoding. */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

void host_recover_apply(const struct host_recover *recover, uint32_t n,
                        uint32_t off, const void *context, void *env)
{
    const mcontext_t *mc = &((const ucontext_t *)context)->uc_mcontext;
    const greg_t *g = mc->gregs;

    for (uint32_t i = 0; i < n; i++) {
        const struct host_recover *r = &recover[i];
        uint64_t v = 0;

        if (off < r->start || off >= r->end)
            continue;
        switch (r->kind) {
        case LAZY_REG:
            v = (uint64_t)g[greg_of[r->where & 15]];
            break;
        case LAZY_XMM: /* x86-64 signal frames always carry fpregs */
            if (mc->fpregs)
                memcpy(&v, &mc->fpregs->_xmm[r->where & 15], r->size);
            break;
        case LAZY_STACK:
            memcpy(&v,
                   (const uint8_t *)(uintptr_t)g[REG_RBP] +
                       x64_slot_mem(r->where).disp,
                   r->size);
            break;
        case LAZY_ENV:
            memcpy(&v, (const uint8_t *)env + r->where, r->size);
            break;
        default:
            v = r->value;
            break;
        }
        memcpy((uint8_t *)env + r->state_off, &v, r->size);
    }
}
