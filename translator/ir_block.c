/* translator/ir_block.c: IR blocks: storage for ops, temps and labels. */
#include "translator/ir.h"

#include <stdlib.h>
#include <string.h>

/* Grows an array to hold at least need elements; out of host memory while
 * translating is not recoverable, so it aborts with a message. */
static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    uint32_t n = *cap ? *cap : 64;

    if (need <= *cap)
        return p;
    while (n < need)
        n *= 2;
    if (!(p = realloc(p, (size_t)n * elem))) {
        fputs("ferry: out of memory while translating\n", stderr);
        abort();
    }
    *cap = n;
    return p;
}

struct ir_block *ir_block_new(void)
{
    struct ir_block *b = calloc(1, sizeof *b);

    if (!b) {
        fputs("ferry: out of memory while translating\n", stderr);
        abort();
    }
    ir_block_reset(b, 0);
    return b;
}

void ir_block_free(struct ir_block *b)
{
    if (!b)
        return;
    free(b->ops);
    free(b->temps);
    free(b);
}

void ir_block_reset(struct ir_block *b, gva pc)
{
    b->pc = pc;
    b->guest_len = 0;
    b->guest_before = 0;
    b->ninsns = 0;
    b->nops = 0;
    b->nlabels = 0;
    b->temps = grow(b->temps, &b->temps_cap, 1, sizeof *b->temps);
    memset(&b->temps[0], 0, sizeof b->temps[0]);
    b->ntemps = 1;
}

void ir_block_reserve(struct ir_block *b, uint32_t nops, uint32_t ntemps)
{
    b->ops = grow(b->ops, &b->ops_cap, nops, sizeof *b->ops);
    b->temps = grow(b->temps, &b->temps_cap, ntemps, sizeof *b->temps);
}

void ir_grow_temps(struct ir_block *b)
{
    b->temps = grow(b->temps, &b->temps_cap, b->ntemps + 1, sizeof *b->temps);
}

void ir_grow_ops(struct ir_block *b)
{
    b->ops = grow(b->ops, &b->ops_cap, b->nops + 1, sizeof *b->ops);
}

ir_temp ir_const(struct ir_block *b, enum ir_type type, uint64_t value)
{
    ir_temp t;

    if (type == IR_I32 || type == IR_F32)
        value = (uint32_t)value;
    t = ir_new_temp(b, type);
    b->temps[t].is_const = true;
    b->temps[t].value = value;
    return t;
}

ir_label ir_new_label(struct ir_block *b)
{
    return b->nlabels++;
}
