/* translator/opt/opt_util.c: op rewriting helpers shared by the passes. */
#include "translator/opt/opt_util.h"

#include <stdlib.h>
#include <string.h>

void *opt_alloc(size_t n, size_t elem)
{
    void *p = calloc(n ? n : 1, elem);

    if (!p) {
        fputs("ferry: out of memory while optimizing\n", stderr);
        abort();
    }
    return p;
}

void opt_make_mov(struct ir_op *op, ir_temp src)
{
    ir_temp r = op->args[0];
    uint8_t type = op->type;

    memset(op, 0, sizeof *op);
    op->opc = IR_MOV;
    op->type = type;
    op->args[0] = r;
    op->args[1] = src;
}

void opt_make_const(struct ir_block *b, struct ir_op *op, uint64_t value)
{
    /* ir_const may move b->temps but never b->ops, so op stays valid. */
    opt_make_mov(op, ir_const(b, (enum ir_type)op->type, value));
}

void opt_make_nop(struct ir_op *op)
{
    memset(op, 0, sizeof *op);
    op->opc = IR_NOP;
    op->type = IR_I64;
}

void opt_make_br(struct ir_op *op, ir_label label)
{
    memset(op, 0, sizeof *op);
    op->opc = IR_BR;
    op->type = IR_I64;
    op->imm = label;
}
