/* translator/opt/opt_state.c: guest-state forwarding (IR_GET after IR_SET
 * or IR_GET of the same slot) and removal of overwritten IR_SETs, both
 * conservative about overlap so the state stays precise (ir.h). */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <stdlib.h>

static bool st_overlap(const struct st_slot *s, uint32_t off, uint32_t size)
{
    return (uint64_t)s->off < (uint64_t)off + size &&
           (uint64_t)off < (uint64_t)s->off + s->size;
}

void opt_st_drop(struct st_table *t, uint32_t off, uint32_t size,
                 enum ir_type type)
{
    uint32_t j = 0;

    for (uint32_t i = 0; i < t->n; i++) {
        const struct st_slot *s = &t->slot[i];
        bool hit = type == IR_NTYPES ? st_overlap(s, off, size)
                                     : s->off == off && s->type == type;

        if (!hit)
            t->slot[j++] = *s;
    }
    t->n = j;
}

/* One slot array per thread, kept from block to block (st_add grows
 * it): a realloc/free per pass and block showed at start-up. */
static _Thread_local struct st_table st_spare;

struct st_table opt_st_take(void)
{
    struct st_table t = st_spare;

    st_spare = (struct st_table){NULL, 0, 0};
    t.n = 0;
    return t;
}

void opt_st_give_back(struct st_table *t)
{
    free(st_spare.slot);
    st_spare = *t;
}

void opt_st_add(struct st_table *t, struct st_slot s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->slot = realloc(t->slot, t->cap * sizeof *t->slot);
        if (!t->slot) {
            fputs("ferry: out of memory while optimizing\n", stderr);
            abort();
        }
    }
    t->slot[t->n++] = s;
}

/* --- forwarding ---------------------------------------------------------- */

struct st_fwd {
    struct st_table tab;
    uint32_t *ndefs; /* assignments of each temp so far */
};

/* The temp still holding the value of slot (off, type), or 0. */
static ir_temp fwd_find(const struct st_fwd *f, uint32_t off, enum ir_type type)
{
    for (uint32_t i = 0; i < f->tab.n; i++) {
        const struct st_slot *s = &f->tab.slot[i];

        if (s->off == off && s->type == type && f->ndefs[s->temp] == s->ver)
            return s->temp;
    }
    return IR_NO_TEMP;
}

static void fwd_get(struct st_fwd *f, struct ir_op *op)
{
    enum ir_type type = (enum ir_type)op->type;
    uint32_t off = (uint32_t)op->imm;
    ir_temp r = op->args[0], src = fwd_find(f, off, type);

    if (src) {
        opt_make_mov(op, src);
        if (src != r) /* r = mov r leaves r's value as it was */
            f->ndefs[r]++;
        return;
    }
    f->ndefs[r]++;
    opt_st_drop(&f->tab, off, 0, type);
    opt_st_add(&f->tab,
               (struct st_slot){off, opt_st_size(type), type, r, f->ndefs[r]});
}

static void fwd_set(struct st_fwd *f, struct ir_op *op)
{
    enum ir_type type = (enum ir_type)op->type;
    uint32_t off = (uint32_t)op->imm;
    ir_temp v = op->args[1];

    if (fwd_find(f, off, type) == v) { /* the slot holds v already */
        opt_make_nop(op);
        return;
    }
    opt_st_drop(&f->tab, off, opt_st_size(type), IR_NTYPES);
    opt_st_add(&f->tab,
               (struct st_slot){off, opt_st_size(type), type, v, f->ndefs[v]});
}

static void fwd_op(struct st_fwd *f, struct ir_op *op)
{
    ir_temp r = opt_result(op);

    if (op->opc == IR_LABEL || (opt_op_flags(op) & IR_OPF_WRITES_STATE))
        f->tab.n = 0; /* another path, or a write we cannot see */
    if (op->opc == IR_GET)
        fwd_get(f, op);
    else if (op->opc == IR_SET)
        fwd_set(f, op);
    else if (r)
        f->ndefs[r]++;
}

void opt_state_forward(struct ir_block *b)
{
    struct st_fwd f = {opt_st_take(), opt_alloc(b->ntemps, sizeof(uint32_t))};

    for (uint32_t i = 0; i < b->nops; i++)
        fwd_op(&f, &b->ops[i]);
    opt_st_give_back(&f.tab);
    opt_scratch_reset();
}

/* --- dead writes ---------------------------------------------------------- */

/* Whether a pending (later) write covers all of [off, off + size). */
static bool dead_covered(const struct st_table *t, uint32_t off, uint32_t size)
{
    for (uint32_t i = 0; i < t->n; i++) {
        const struct st_slot *s = &t->slot[i];

        if (s->off <= off && (uint64_t)off + size <= (uint64_t)s->off + s->size)
            return true;
    }
    return false;
}

/* Walking backward, pending holds the writes no op between here and them
 * can observe. */
void opt_dead_set_op(struct st_table *pending, struct ir_op *op)
{
    unsigned barrier = IR_OPF_READS_STATE | IR_OPF_WRITES_STATE |
                       IR_OPF_MAY_FAULT | IR_OPF_EXIT | IR_OPF_BRANCH;
    uint32_t off = (uint32_t)op->imm,
             size = opt_st_size((enum ir_type)op->type);

    if (op->opc == IR_LABEL || (opt_op_flags(op) & barrier)) {
        pending->n = 0;
    } else if (op->opc == IR_GET) {
        opt_st_drop(pending, off, size, IR_NTYPES);
    } else if (op->opc == IR_SET) {
        if (dead_covered(pending, off, size))
            opt_make_nop(op);
        else
            opt_st_add(pending, (struct st_slot){off, size, 0, 0, 0});
    }
}

void opt_state_dead_sets(struct ir_block *b)
{
    struct st_table pending = opt_st_take();

    for (uint32_t i = b->nops; i-- > 0;)
        opt_dead_set_op(&pending, &b->ops[i]);
    opt_st_give_back(&pending);
}
