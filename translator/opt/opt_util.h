/* translator/opt/opt_util.h: helpers the optimizer passes share (not part
 * of the folder's public interface). */
#ifndef FERRY_TRANSLATOR_OPT_UTIL_H
#define FERRY_TRANSLATOR_OPT_UTIL_H

#include "translator/ir.h"

/* Zeroed scratch memory for n elements of size elem, valid until the
 * pass ends with opt_scratch_reset (passes do not nest); aborts when the
 * host is out of memory, as the IR block allocator does. */
void *opt_alloc(size_t n, size_t elem);
/* Releases everything opt_alloc gave out on this thread. */
void opt_scratch_reset(void);

/* All ones in the width of integer type t (I32 values are zero-extended). */
static inline uint64_t opt_mask(enum ir_type t)
{
    return t == IR_I32 ? UINT32_MAX : UINT64_MAX;
}

static inline bool opt_is_const(const struct ir_block *b, ir_temp t)
{
    return t != IR_NO_TEMP && b->temps[t].is_const;
}

static inline uint64_t opt_const_value(const struct ir_block *b, ir_temp t)
{
    return b->temps[t].value;
}

/* Number of source operands of op (args[1..n]). */
static inline unsigned opt_nsrcs(const struct ir_op *op)
{
    return ir_op_defs[op->opc].nargs;
}

/* The result temp of op, or IR_NO_TEMP. */
static inline ir_temp opt_result(const struct ir_op *op)
{
    return ir_op_defs[op->opc].nresults ? op->args[0] : IR_NO_TEMP;
}

/* The effects of op (ir_op_flags), without a call for the common case. */
static inline unsigned opt_op_flags(const struct ir_op *op)
{
    return op->opc == IR_CALL ? ir_op_flags(op) : ir_op_defs[op->opc].flags;
}

/* One op's share of the passes, for the fused drivers in opt.c and
 * opt_forward.c: constant folding of an op whose sources are resolved
 * (opt_const_fold), the algebraic identities (opt_simplify). */
void opt_fold_op(struct ir_block *b, struct ir_op *op);
void opt_simplify_op(struct ir_block *b, struct ir_op *op);

/* A byte range of the guest state; for forwarding, also the temp that
 * holds its value and how many times that temp had been assigned then. */
struct st_slot {
    uint32_t off, size;
    uint8_t type;
    ir_temp temp;
    uint32_t ver;
};

struct st_table {
    struct st_slot *slot;
    uint32_t n, cap;
};

static inline uint32_t opt_st_size(enum ir_type t)
{
    return ir_type_bits(t) / 8;
}

/* Drops the slots overlapping [off, off + size) (and, if type is not
 * IR_NTYPES, only those of exactly that offset and type). */
void opt_st_drop(struct st_table *t, uint32_t off, uint32_t size,
                 enum ir_type type);
void opt_st_add(struct st_table *t, struct st_slot s);
/* The thread's spare slot array, emptied; give it back when done. */
struct st_table opt_st_take(void);
void opt_st_give_back(struct st_table *t);
/* Dead guest-state writes (opt_state_dead_sets) for one op, walking
 * backward: pending holds the later writes nothing observed yet. */
void opt_dead_set_op(struct st_table *pending, struct ir_op *op);

/* Liveness for dead-code elimination (opt_dce), walking backward. */
struct dce_state {
    uint64_t *live;       /* temps live after the current op */
    uint64_t *label_live; /* nlabels sets: live at each label */
    uint32_t words, nlabels;
};
/* Sets s up for b (opt_alloc tables). */
void opt_dce_init(struct dce_state *s, const struct ir_block *b);
void opt_dce_op(struct dce_state *s, struct ir_op *op);

/* Rewrites op (which has a result) into "result = mov src". */
void opt_make_mov(struct ir_op *op, ir_temp src);
/* Rewrites op into "result = mov <new constant value of op's type>". */
void opt_make_const(struct ir_block *b, struct ir_op *op, uint64_t value);
/* Rewrites op into IR_NOP. */
void opt_make_nop(struct ir_op *op);
/* Rewrites op into "br label". */
void opt_make_br(struct ir_op *op, ir_label label);

/* Whether integer condition c holds for a and b of integer type t;
 * false for float conditions (the caller must not fold them). */
bool opt_eval_cond(enum ir_cond c, enum ir_type t, uint64_t a, uint64_t b);
/* Whether c is an integer condition (IR_EQ..IR_GTU). */
static inline bool opt_int_cond(unsigned c)
{
    return c <= IR_GTU;
}

/* Evaluates integer op op with source values v[1..4] (v[0] unused);
 * returns false if op cannot be folded (not a pure integer op, invalid
 * field, float condition). */
bool opt_eval(const struct ir_op *op, const uint64_t v[5], uint64_t *out);

#endif
