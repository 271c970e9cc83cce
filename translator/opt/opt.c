/* translator/opt/opt.c: the optimizer's driver: the pass order, and
 * compaction of the op array. */
#include "translator/opt/opt.h"

void opt_block(struct ir_block *b)
{
    /* Propagation first so folding sees constants; state forwarding turns
     * GETs into moves, which a second round propagates and folds; dead
     * writes and dead code go last, once all uses are final. */
    opt_copy_prop(b);
    opt_const_fold(b);
    opt_simplify(b);
    opt_state_forward(b);
    opt_copy_prop(b);
    opt_const_fold(b);
    opt_simplify(b);
    opt_state_dead_sets(b);
    opt_dce(b);
    opt_compact(b);
}

void opt_compact(struct ir_block *b)
{
    uint32_t j = 0;

    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc != IR_NOP)
            b->ops[j++] = b->ops[i];
    b->nops = j;
}
