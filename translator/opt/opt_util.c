/* translator/opt/opt_util.c: op rewriting helpers shared by the passes. */
#include "translator/opt/opt_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The passes' tables live in one thread-local bump arena instead of a
 * calloc/free pair each: a block's passes take a dozen tables, and at
 * start-up (thousands of small blocks) malloc was a tenth of the run time.
 * A pass's tables die when it ends (opt_scratch_reset), so the arena never
 * holds more than one pass's worth; it grows by chaining a bigger chunk and
 * keeps only the newest (largest) one on reset. */
struct opt_chunk {
    struct opt_chunk *older;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
};

static _Thread_local struct opt_chunk *opt_arena;

static void opt_oom(void)
{
    fputs("ferry: out of memory while optimizing\n", stderr);
    abort();
}

void *opt_alloc(size_t n, size_t elem)
{
    size_t bytes;
    void *p;

    if (n == 0)
        n = 1;
    if (elem && n > (SIZE_MAX - 15) / elem)
        opt_oom();
    bytes = (n * elem + 15) & ~(size_t)15;
    if (!opt_arena || opt_arena->size - opt_arena->used < bytes) {
        size_t size = opt_arena ? 2 * opt_arena->size : 16384;
        struct opt_chunk *c;

        while (size < bytes)
            size *= 2;
        if (!(c = malloc(sizeof *c + size)))
            opt_oom();
        *c = (struct opt_chunk){opt_arena, size, 0};
        opt_arena = c;
    }
    p = opt_arena->mem + opt_arena->used;
    opt_arena->used += bytes;
    return memset(p, 0, bytes);
}

void opt_scratch_reset(void)
{
    if (!opt_arena)
        return;
    opt_arena->used = 0;
    while (opt_arena->older) {
        struct opt_chunk *old = opt_arena->older;

        opt_arena->older = old->older;
        free(old);
    }
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
