/* translator/opt/opt.c: the optimizer's driver: one forward walk, one
 * backward walk, and compaction of the op array. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <string.h>

/* Dead state writes, dead code and compaction in one backward walk. Each
 * op is judged by the dead-write rule first, while it still reads and
 * writes what it did (a GET that liveness drops still hid the writes
 * before it), then by liveness; neither looks at ops before it, so this
 * gives what the two passes give one after the other. Kept ops move to
 * the end of the array, then down in one block. */
void opt_backward(struct ir_block *b)
{
    struct st_table pending = opt_st_take();
    struct dce_state live;
    uint32_t j = b->nops;

    opt_dce_init(&live, b);
    for (uint32_t i = b->nops; i-- > 0;) {
        struct ir_op *op = &b->ops[i];

        if (op->opc == IR_SET || op->opc == IR_GET || op->opc == IR_LABEL ||
            opt_op_flags(op))
            opt_dead_set_op(&pending, op);
        if (op->opc != IR_NOP)
            opt_dce_op(&live, op);
        if (op->opc != IR_NOP)
            b->ops[--j] = *op;
    }
    memmove(b->ops, b->ops + j, (b->nops - j) * sizeof *b->ops);
    b->nops -= j;
    opt_st_give_back(&pending);
    opt_scratch_reset();
}

void opt_block(struct ir_block *b)
{
    /* Everything that rewrites uses goes first (forwarding turns GETs
     * into moves that propagation and folding then see); dead writes and
     * dead code go last, once all uses are final. */
    opt_forward(b);
    opt_backward(b);
}

void opt_compact(struct ir_block *b)
{
    uint32_t j = 0;

    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc != IR_NOP)
            b->ops[j++] = b->ops[i];
    b->nops = j;
}
