/* translator/opt/opt_const.c: constant propagation and folding in one
 * forward pass over a block. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <stdlib.h>
#include <string.h>

/* known[t]: the constant temp t was last assigned on this path, or 0.
 * Temps made during the pass (new constants) are >= n and never
 * assigned. */
struct cf_state {
    ir_temp *known;
    uint32_t n;
};

static ir_temp cf_lookup(const struct ir_block *b, const struct cf_state *s,
                         ir_temp t)
{
    if (opt_is_const(b, t))
        return t;
    return t < s->n ? s->known[t] : IR_NO_TEMP;
}

static void cf_propagate(const struct ir_block *b, const struct cf_state *s,
                         struct ir_op *op)
{
    for (unsigned i = 1; i <= opt_nsrcs(op); i++) {
        ir_temp k = cf_lookup(b, s, op->args[i]);

        if (k)
            op->args[i] = k;
    }
}

/* A select whose condition is known picks one arm; a brcond whose
 * condition is known becomes br or nop. */
static void cf_fold_cond(struct ir_block *b, struct ir_op *op)
{
    enum ir_type t = (enum ir_type)(op->opc == IR_BRCOND ? op->type : op->aux);
    bool taken;

    if (!opt_int_cond(op->cond) || !opt_is_const(b, op->args[1]) ||
        !opt_is_const(b, op->args[2]) || (t != IR_I32 && t != IR_I64))
        return;
    taken = opt_eval_cond(op->cond, t, opt_const_value(b, op->args[1]),
                          opt_const_value(b, op->args[2]));
    if (op->opc == IR_SELECT)
        opt_make_mov(op, op->args[taken ? 3 : 4]);
    else if (taken)
        opt_make_br(op, (ir_label)op->imm);
    else
        opt_make_nop(op);
}

void opt_fold_op(struct ir_block *b, struct ir_op *op)
{
    uint64_t v[5] = {0}, r;

    if (op->opc == IR_SELECT || op->opc == IR_BRCOND) {
        cf_fold_cond(b, op);
        return;
    }
    if (op->opc == IR_MOV || op->opc == IR_CALL || opt_op_flags(op) ||
        !opt_result(op))
        return;
    for (unsigned i = 1; i <= opt_nsrcs(op); i++) {
        if (!opt_is_const(b, op->args[i]))
            return;
        v[i] = opt_const_value(b, op->args[i]);
    }
    if (opt_eval(op, v, &r))
        opt_make_const(b, op, r);
}

static void cf_op(struct ir_block *b, struct cf_state *s, struct ir_op *op)
{
    ir_temp r;

    if (op->opc == IR_LABEL) {
        /* Another path may arrive here with other values. */
        memset(s->known, 0, s->n * sizeof *s->known);
        return;
    }
    cf_propagate(b, s, op);
    opt_fold_op(b, op);
    r = opt_result(op);
    if (r && r < s->n)
        s->known[r] = op->opc == IR_MOV && opt_is_const(b, op->args[1])
                          ? op->args[1]
                          : IR_NO_TEMP;
}

void opt_const_fold(struct ir_block *b)
{
    struct cf_state s = {opt_alloc(b->ntemps, sizeof(ir_temp)), b->ntemps};

    for (uint32_t i = 0; i < b->nops; i++)
        cf_op(b, &s, &b->ops[i]);
    opt_scratch_reset();
}
