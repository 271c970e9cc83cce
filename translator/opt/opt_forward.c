/* translator/opt/opt_forward.c: copy propagation, constant propagation and
 * folding, algebraic simplification and guest-state forwarding fused into
 * one forward walk over a block (opt_block's first half). Each op's
 * sources are resolved first (through copies and known constants), a GET
 * may become a move of the temp holding its slot, then the op is folded
 * and simplified, and its result recorded for the ops after it. This does
 * what the separate passes do in two rounds, in one, which matters at
 * start-up: most blocks run once, so translating them is the bulk of a
 * short program's time. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <string.h>

/* Per temp t below n (temps made during the walk are new constants, never
 * assigned): ndefs[t] counts its assignments so far; if its last
 * assignment was "t = mov v" in the current label epoch, val[t] is v
 * (already resolved) and ver[t] the count of v's assignments then. */
struct fw_state {
    struct ir_block *b;
    uint32_t *ndefs, *val, *ver, *epoch_of;
    uint32_t n, epoch;
    struct st_table tab; /* guest-state slots and the temps holding them */
};

/* Assignments of t so far; constants are never assigned. */
static uint32_t fw_defs(const struct fw_state *s, ir_temp t)
{
    return t < s->n ? s->ndefs[t] : 0;
}

/* The temp (or constant) whose value t holds here, or t itself. */
static ir_temp fw_resolve(const struct fw_state *s, ir_temp t)
{
    ir_temp v;

    if (t == IR_NO_TEMP || t >= s->n || !(v = s->val[t]) ||
        s->epoch_of[t] != s->epoch)
        return t;
    return fw_defs(s, v) == s->ver[t] ? v : t;
}

/* The temp still holding guest-state slot (off, type), or 0. */
static ir_temp fw_find(const struct fw_state *s, uint32_t off,
                       enum ir_type type)
{
    for (uint32_t i = 0; i < s->tab.n; i++) {
        const struct st_slot *sl = &s->tab.slot[i];

        if (sl->off == off && sl->type == type &&
            fw_defs(s, sl->temp) == sl->ver)
            return sl->temp;
    }
    return IR_NO_TEMP;
}

/* A GET of a slot whose value a temp still holds becomes a move of it;
 * true if so. */
static bool fw_get(struct fw_state *s, struct ir_op *op)
{
    ir_temp src = fw_find(s, (uint32_t)op->imm, (enum ir_type)op->type);

    if (!src)
        return false;
    opt_make_mov(op, src);
    return true;
}

/* After op r = GET (not forwarded) or SET: the slot now lives in a temp. */
static void fw_track(struct fw_state *s, const struct ir_op *op)
{
    enum ir_type type = (enum ir_type)op->type;
    uint32_t off = (uint32_t)op->imm;
    ir_temp t = op->opc == IR_GET ? op->args[0] : op->args[1];

    if (op->opc == IR_GET)
        opt_st_drop(&s->tab, off, 0, type);
    else
        opt_st_drop(&s->tab, off, opt_st_size(type), IR_NTYPES);
    opt_st_add(&s->tab, (struct st_slot){off, opt_st_size(type), type, t,
                                         fw_defs(s, t)});
}

/* Records the assignment of op's result r. "r = mov r" leaves r's value
 * as it was (the simplifier drops it). */
static void fw_define(struct fw_state *s, const struct ir_op *op, ir_temp r)
{
    ir_temp v = op->opc == IR_MOV ? op->args[1] : IR_NO_TEMP;

    if (r >= s->n || v == r)
        return;
    s->ndefs[r]++;
    s->val[r] = v;
    if (v) {
        s->ver[r] = fw_defs(s, v);
        s->epoch_of[r] = s->epoch;
    }
}

static void fw_op(struct fw_state *s, struct ir_op *op)
{
    bool tracked_get;
    ir_temp r;

    if (op->opc == IR_LABEL) {
        s->epoch++; /* another path may arrive here with other values */
        s->tab.n = 0;
        return;
    }
    if (opt_op_flags(op) & IR_OPF_WRITES_STATE)
        s->tab.n = 0; /* a write we cannot see */
    for (unsigned i = 1; i <= opt_nsrcs(op); i++)
        op->args[i] = fw_resolve(s, op->args[i]);
    tracked_get = op->opc == IR_GET && !fw_get(s, op);
    opt_fold_op(s->b, op);
    opt_simplify_op(s->b, op);
    if ((r = opt_result(op)) != IR_NO_TEMP)
        fw_define(s, op, r);
    if (tracked_get || op->opc == IR_SET)
        fw_track(s, op);
}

void opt_forward(struct ir_block *b)
{
    uint32_t n = b->ntemps;
    struct fw_state s = {
        .b = b,
        .ndefs = opt_alloc(n, sizeof(uint32_t)),
        .val = opt_alloc(n, sizeof(uint32_t)),
        .ver = opt_alloc(n, sizeof(uint32_t)),
        .epoch_of = opt_alloc(n, sizeof(uint32_t)),
        .n = n,
        .tab = opt_st_take(),
    };

    for (uint32_t i = 0; i < b->nops; i++)
        fw_op(&s, &b->ops[i]);
    opt_st_give_back(&s.tab);
    opt_scratch_reset();
}
