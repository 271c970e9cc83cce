/* translator/opt/opt_copy.c: copy propagation in one forward pass. Temps
 * may be assigned more than once, so each copy remembers the version of
 * its source it was made from. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <stdlib.h>

/* For a temp t last assigned by "t = mov src": src[t], the number of
 * assignments of src at that time (ver[t]) and the label epoch then. */
struct cp_state {
    ir_temp *src;
    uint32_t *ver, *epoch_of;
    uint32_t *ndefs; /* assignments of each temp so far */
    uint32_t epoch;  /* bumped at every IR_LABEL */
    uint32_t n;
};

/* The temp whose value t holds at this point, or t itself. */
static ir_temp cp_resolve(const struct cp_state *s, ir_temp t)
{
    ir_temp f;

    if (t == IR_NO_TEMP || t >= s->n || !(f = s->src[t]))
        return t;
    if (s->epoch_of[t] != s->epoch || s->ndefs[f] != s->ver[t])
        return t;
    return f;
}

static void cp_define(struct cp_state *s, ir_temp r, const struct ir_op *op)
{
    ir_temp f = op->opc == IR_MOV ? op->args[1] : IR_NO_TEMP;

    if (r >= s->n)
        return;
    s->ndefs[r]++;
    s->src[r] = IR_NO_TEMP;
    if (f && f != r && f < s->n) {
        s->src[r] = f;
        s->ver[r] = s->ndefs[f];
        s->epoch_of[r] = s->epoch;
    }
}

static void cp_op(struct cp_state *s, struct ir_op *op)
{
    ir_temp r = opt_result(op);

    if (op->opc == IR_LABEL) {
        s->epoch++; /* another path may arrive here */
        return;
    }
    for (unsigned i = 1; i <= opt_nsrcs(op); i++)
        op->args[i] = cp_resolve(s, op->args[i]);
    if (r)
        cp_define(s, r, op);
}

void opt_copy_prop(struct ir_block *b)
{
    uint32_t n = b->ntemps;
    struct cp_state s = {
        .src = opt_alloc(n, sizeof(ir_temp)),
        .ver = opt_alloc(n, sizeof(uint32_t)),
        .epoch_of = opt_alloc(n, sizeof(uint32_t)),
        .ndefs = opt_alloc(n, sizeof(uint32_t)),
        .n = n,
    };

    for (uint32_t i = 0; i < b->nops; i++)
        cp_op(&s, &b->ops[i]);
    opt_scratch_reset();
}
