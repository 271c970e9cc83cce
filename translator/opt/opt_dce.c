/* translator/opt/opt_dce.c: dead-code elimination by one backward
 * liveness pass; branches only go forward, so every label's live set is
 * known before the branches to it are reached. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <stdlib.h>
#include <string.h>

static bool bit_test(const uint64_t *s, ir_temp t)
{
    return s[t / 64] >> (t % 64) & 1;
}

static uint64_t *label_set(struct dce_state *s, uint64_t l)
{
    return l < s->nlabels ? s->label_live + l * s->words : NULL;
}

/* Whether op is only its result: no fault, no FP flags raised, no state
 * or control effect. An unused load is kept, since it may fault. */
static bool dce_removable(const struct ir_op *op, unsigned f)
{
    unsigned keep = IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT |
                    IR_OPF_WRITES_STATE | IR_OPF_EXIT | IR_OPF_BRANCH;

    if (f & keep)
        return false;
    /* FP arithmetic may raise accrued flags; reading them has no effect. */
    return !(f & IR_OPF_FLOAT) || op->opc == IR_FP_FLAGS;
}

/* Sets the live set after a control op from its targets. */
static void dce_control(struct dce_state *s, const struct ir_op *op, unsigned f)
{
    uint64_t *target = label_set(s, op->imm);
    size_t bytes = s->words * sizeof(uint64_t);

    if (f & IR_OPF_EXIT)
        memset(s->live, 0, bytes);
    else if (op->opc == IR_BR && target)
        memcpy(s->live, target, bytes);
    else if (op->opc == IR_BR) /* a label out of range (invalid IR) */
        memset(s->live, 0, bytes);
    else if (op->opc == IR_BRCOND && target)
        for (uint32_t w = 0; w < s->words; w++)
            s->live[w] |= target[w];
}

void opt_dce_op(struct dce_state *s, struct ir_op *op)
{
    unsigned f = opt_op_flags(op);
    ir_temp r = opt_result(op);
    uint64_t *ls;

    if (op->opc == IR_LABEL) {
        if ((ls = label_set(s, op->imm)))
            memcpy(ls, s->live, s->words * sizeof(uint64_t));
        return;
    }
    dce_control(s, op, f);
    if (r && !bit_test(s->live, r) && dce_removable(op, f)) {
        opt_make_nop(op);
        return;
    }
    if (r)
        s->live[r / 64] &= ~(UINT64_C(1) << (r % 64));
    for (unsigned i = 1; i <= opt_nsrcs(op); i++)
        if (op->args[i])
            s->live[op->args[i] / 64] |= UINT64_C(1) << (op->args[i] % 64);
}

void opt_dce_init(struct dce_state *s, const struct ir_block *b)
{
    s->words = (b->ntemps + 63) / 64;
    s->nlabels = b->nlabels;
    s->live = opt_alloc(s->words, sizeof(uint64_t));
    s->label_live = opt_alloc((size_t)s->words * s->nlabels, sizeof(uint64_t));
}

void opt_dce(struct ir_block *b)
{
    struct dce_state s;

    opt_dce_init(&s, b);
    for (uint32_t i = b->nops; i-- > 0;)
        opt_dce_op(&s, &b->ops[i]);
    opt_scratch_reset();
}
