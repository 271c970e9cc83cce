/* tests/unit/x64_eval.h: evaluating one IR op through the x86-64 back end
 * with its operands in every kind of place (registers, constants, spill
 * slots), asserting that all of them agree. */
#ifndef FERRY_TESTS_X64_EVAL_H
#define FERRY_TESTS_X64_EVAL_H

#include "tests/unit/x64_harness.h"

/* Builds the op under test on operands a, b; returns its result temp. */
struct th_op {
    ir_temp (*build)(struct ir_block *b, const struct th_op *op, ir_temp x,
                     ir_temp y);
    enum ir_opc opc;
    enum ir_type type;  /* of the operands */
    enum ir_cond cond;
    uint64_t imm;
};

enum { TH_REGS, TH_CONST_B, TH_CONST_A, TH_SPILLED, TH_NMODES };
#define TH_NFILL 24

static inline ir_temp th_operand(struct ir_block *b, const struct th_op *op,
                                 int mode, bool is_b, uint64_t v)
{
    if ((mode == TH_CONST_B && is_b) || (mode == TH_CONST_A && !is_b))
        return ir_const(b, op->type, v);
    return ir_get(b, op->type, R_OFF(is_b));
}

/* r[2] = op(r[0], r[1]); TH_SPILLED keeps 24 other values and the
 * operands live around the op, so the allocator spills some. */
static inline struct ir_block *th_build(const struct th_op *op, int mode,
                                        uint64_t a, uint64_t bv)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = th_operand(b, op, mode, false, a);
    ir_temp y = th_operand(b, op, mode, true, bv);
    ir_temp fill[TH_NFILL], acc, r;

    for (int i = 0; mode == TH_SPILLED && i < TH_NFILL; i++)
        fill[i] = ir_get(b, IR_I64, R_OFF(8 + i));
    r = op->build(b, op, x, y);
    ir_set(b, R_OFF(2), r);
    if (mode == TH_SPILLED) {
        acc = fill[0];
        for (int i = 1; i < TH_NFILL; i++)
            acc = ir_binop(b, IR_ADD, acc, fill[i]);
        ir_set(b, R_OFF(3), acc);
        ir_set(b, R_OFF(4), x);
        ir_set(b, R_OFF(5), y);
    }
    ir_goto_pc(b, 0, 0x1000);
    return b;
}

static inline uint64_t th_eval_mode(const struct th_op *op, int mode,
                                    uint64_t a, uint64_t bv)
{
    struct ir_block *b = th_build(op, mode, a, bv);
    struct run_result out;
    struct tenv e;
    uint64_t sum = 0;

    th_env_init(&e);
    e.r[0] = a;
    e.r[1] = bv;
    for (int i = 0; i < TH_NFILL; i++)
        sum += e.r[8 + i] = 0x1111111111111111ull * (uint64_t)(i + 1);
    out = th_run(b, &e);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, 0);
    ck_assert_uint_eq(e.common.pc, 0x1000);
    if (mode == TH_SPILLED) {
        ck_assert_uint_eq(e.r[3], sum);
        ck_assert_uint_eq(e.r[4], a);
        ck_assert_uint_eq(e.r[5], bv);
    }
    ir_block_free(b);
    return e.r[2];
}

/* The op's result bits (zero-extended), the same in every mode. */
static inline uint64_t th_eval(const struct th_op *op, uint64_t a,
                               uint64_t bv)
{
    uint64_t r0;

    if (ir_type_bits(op->type) == 32)
        a = (uint32_t)a, bv = (uint32_t)bv;
    r0 = th_eval_mode(op, TH_REGS, a, bv);
    for (int m = 1; m < TH_NMODES; m++)
        ck_assert_msg(th_eval_mode(op, m, a, bv) == r0,
                      "mode %d disagrees for %#llx, %#llx", m,
                      (unsigned long long)a, (unsigned long long)bv);
    return r0;
}

static inline ir_temp th_build_binop(struct ir_block *b,
                                     const struct th_op *op, ir_temp x,
                                     ir_temp y)
{
    return ir_binop(b, op->opc, x, y);
}

static inline ir_temp th_build_unop(struct ir_block *b,
                                    const struct th_op *op, ir_temp x,
                                    ir_temp y)
{
    (void)y;
    return ir_unop(b, op->opc, x);
}

static inline uint64_t th_binop(enum ir_opc opc, enum ir_type ty, uint64_t a,
                                uint64_t b)
{
    struct th_op op = {th_build_binop, opc, ty, 0, 0};

    return th_eval(&op, a, b);
}

static inline uint64_t th_unop(enum ir_opc opc, enum ir_type ty, uint64_t a)
{
    struct th_op op = {th_build_unop, opc, ty, 0, 0};

    return th_eval(&op, a, 0);
}

#endif
