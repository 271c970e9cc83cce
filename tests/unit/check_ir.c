/* tests/unit/check_ir.c: the IR builder (each ir_* call makes the op it
 * should), the verifier (good blocks pass, each kind of bad block fails
 * with its message) and the printer (exact text). */
#include <stdio.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "translator/ir.h"

#define I32 IR_I32
#define I64 IR_I64

static const struct ir_op *last(const struct ir_block *b)
{
    ck_assert_uint_gt(b->nops, 0);
    return &b->ops[b->nops - 1];
}

/* Checks an op's every field. */
static void expect_op(const struct ir_op *op, enum ir_opc opc, enum ir_type t,
                      const ir_temp args[5], uint32_t aux, uint64_t imm,
                      unsigned cond)
{
    ck_assert_str_eq(ir_op_defs[op->opc].name, ir_op_defs[opc].name);
    ck_assert_uint_eq(op->type, t);
    for (unsigned i = 0; i < 5; i++)
        ck_assert_uint_eq(op->args[i], args[i]);
    ck_assert_uint_eq(op->aux, aux);
    ck_assert_uint_eq(op->imm, imm);
    ck_assert_uint_eq(op->cond, cond);
}

#define ARGS(...) ((const ir_temp[5]){__VA_ARGS__})

static uint64_t helper_fn(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    (void)env;
    return a + b + c + d;
}

static const struct ir_helper h_add2 = {"add2", helper_fn, 2, IR_I64, 0};
static const struct ir_helper h_void1 = {"note", helper_fn, 1, IR_NTYPES, 0};

/* --- builder ------------------------------------------------------- */

START_TEST(test_temps_constants_and_labels_are_numbered_from_one_and_zero)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, IR_F64);
    ir_temp c = ir_const(b, I32, 0x123456789ull);

    ck_assert_uint_eq(t, 1);
    ck_assert_uint_eq(c, 2);
    ck_assert_int_eq(b->temps[t].is_const, false);
    ck_assert_uint_eq(b->temps[c].value, 0x23456789);
    ck_assert_int_eq(ir_temp_type(b, c), I32);
    ck_assert_uint_eq(ir_new_label(b), 0);
    ck_assert_uint_eq(ir_new_label(b), 1);
    ir_block_reset(b, 0x5000);
    ck_assert_uint_eq(b->ntemps, 1);
    ck_assert_uint_eq(b->nlabels, 0);
    ck_assert_uint_eq(b->pc, 0x5000);
    ir_block_free(b);
}
END_TEST

START_TEST(test_state_and_integer_builders_make_their_ops)
{
    struct ir_block *b = ir_block_new();
    ir_temp g = ir_get(b, I64, 0x40), c = ir_const(b, I64, 3), r;

    expect_op(last(b), IR_GET, I64, ARGS(g), 0, 0x40, 0);
    ir_set(b, 0x48, c);
    expect_op(last(b), IR_SET, I64, ARGS(0, c), 0, 0x48, 0);
    ir_mov(b, g, c);
    expect_op(last(b), IR_MOV, I64, ARGS(g, c), 0, 0, 0);
    r = ir_unop(b, IR_CLZ, g);
    expect_op(last(b), IR_CLZ, I64, ARGS(r, g), 0, 0, 0);
    r = ir_binop(b, IR_SAR, g, c);
    expect_op(last(b), IR_SAR, I64, ARGS(r, g, c), 0, 0, 0);
    r = ir_extract(b, true, g, 3, 9);
    expect_op(last(b), IR_SEXTRACT, I64, ARGS(r, g), 0, 3 | 9 << 8, 0);
    r = ir_extract(b, false, g, 0, 64);
    expect_op(last(b), IR_EXTRACT, I64, ARGS(r, g), 0, 64 << 8, 0);
    r = ir_deposit(b, g, c, 8, 4);
    expect_op(last(b), IR_DEPOSIT, I64, ARGS(r, g, c), 0, 8 | 4 << 8, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_compare_and_conversion_builders_record_the_source_type)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I32, 0), y = ir_get(b, I32, 4);
    ir_temp p = ir_get(b, I64, 8), q = ir_get(b, I64, 16), r;

    r = ir_setcond(b, I64, IR_LTU, x, y);
    expect_op(last(b), IR_SETCOND, I64, ARGS(r, x, y), I32, 0, IR_LTU);
    r = ir_select(b, IR_GE, x, y, p, q);
    expect_op(last(b), IR_SELECT, I64, ARGS(r, x, y, p, q), I32, 0, IR_GE);
    r = ir_addc(b, IR_ADDC_OVF, p, q, p);
    expect_op(last(b), IR_ADDC_OVF, I64, ARGS(r, p, q, p), 0, 0, 0);
    r = ir_convert(b, IR_SEXT, I64, x);
    expect_op(last(b), IR_SEXT, I64, ARGS(r, x), I32, 0, 0);
    r = ir_convert(b, IR_TRUNC, I32, p);
    expect_op(last(b), IR_TRUNC, I32, ARGS(r, p), I64, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_memory_builders_make_their_ops)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, I64, 0), v = ir_get(b, I32, 8), w = ir_get(b, I32, 12);
    ir_temp r;

    r = ir_load(b, I32, IR_MO_16 | IR_MO_SIGN, a, -4);
    expect_op(last(b), IR_LOAD, I32, ARGS(r, a), IR_MO_16 | IR_MO_SIGN,
              (uint64_t)-4, 0);
    ir_store(b, IR_MO_32 | IR_MO_REL, a, 12, v);
    expect_op(last(b), IR_STORE, I32, ARGS(0, a, v), IR_MO_32 | IR_MO_REL, 12, 0);
    r = ir_cmpxchg(b, IR_MO_32 | IR_MO_ACQ, a, v, w);
    expect_op(last(b), IR_CMPXCHG, I32, ARGS(r, a, v, w), IR_MO_32 | IR_MO_ACQ, 0, 0);
    r = ir_atomic_rmw(b, IR_RMW_SMAX, IR_MO_32, a, v);
    expect_op(last(b), IR_ATOMIC_RMW, I32, ARGS(r, a, v), IR_MO_32, 0, IR_RMW_SMAX);
    ir_fence(b, IR_MO_ACQ | IR_MO_REL);
    expect_op(last(b), IR_FENCE, I64, ARGS(0), IR_MO_ACQ | IR_MO_REL, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_fp_builders_make_their_ops)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_F64, 0), y = ir_get(b, IR_F64, 8), r;

    r = ir_fma(b, x, y, x);
    expect_op(last(b), IR_FMA, IR_F64, ARGS(r, x, y, x), 0, 0, 0);
    r = ir_fcmp(b, I32, IR_FLE, x, y);
    expect_op(last(b), IR_FCMP, I32, ARGS(r, x, y), IR_F64, 0, IR_FLE);
    r = ir_fcvt(b, IR_FCVT_F2I, I64, IR_CVT_UNSIGNED, x);
    expect_op(last(b), IR_FCVT_F2I, I64, ARGS(r, x), IR_F64, IR_CVT_UNSIGNED, 0);
    r = ir_fcvt(b, IR_FCVT_F2F, IR_F32, 0, x);
    expect_op(last(b), IR_FCVT_F2F, IR_F32, ARGS(r, x), IR_F64, 0, 0);
    ir_fp_setround(b, IR_ROUND_UP);
    expect_op(last(b), IR_FP_SETROUND, I32, ARGS(0), 0, IR_ROUND_UP, 0);
    r = ir_fp_flags(b);
    expect_op(last(b), IR_FP_FLAGS, I32, ARGS(r), 0, 0, 0);
    ir_fp_clearflags(b);
    expect_op(last(b), IR_FP_CLEARFLAGS, I32, ARGS(0), 0, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_vector_builders_make_their_ops)
{
    struct ir_block *b = ir_block_new();
    ir_temp v = ir_get(b, IR_V128, 0), s = ir_get(b, I64, 16), r;

    r = ir_vbinop(b, IR_VSUB, IR_MO_16, v, v);
    expect_op(last(b), IR_VSUB, IR_V128, ARGS(r, v, v), IR_MO_16, 0, 0);
    r = ir_vdup(b, IR_MO_8, s);
    expect_op(last(b), IR_VDUP, IR_V128, ARGS(r, s), IR_MO_8, 0, 0);
    r = ir_vgetlane(b, IR_MO_32, v, 3);
    expect_op(last(b), IR_VGETLANE, I64, ARGS(r, v), IR_MO_32, 3, 0);
    r = ir_vsetlane(b, IR_MO_64, v, 1, s);
    expect_op(last(b), IR_VSETLANE, IR_V128, ARGS(r, v, s), IR_MO_64, 1, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_call_and_control_flow_builders_make_their_ops)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I64, 0), r;
    ir_label l = ir_new_label(b);

    r = ir_call(b, &h_add2, x, x, IR_NO_TEMP, IR_NO_TEMP);
    expect_op(last(b), IR_CALL, I64, ARGS(r, x, x), 0, (uintptr_t)&h_add2, 0);
    ck_assert_uint_eq(ir_call(b, &h_void1, x, 0, 0, 0), IR_NO_TEMP);
    expect_op(last(b), IR_CALL, I64, ARGS(0, x), 0, (uintptr_t)&h_void1, 0);
    ir_insn_start(b, 0x10078);
    expect_op(last(b), IR_INSN_START, I64, ARGS(0), 0, 0x10078, 0);
    ck_assert_uint_eq(b->ninsns, 1);
    ir_brcond(b, IR_GT, x, r, l);
    expect_op(last(b), IR_BRCOND, I64, ARGS(0, x, r), 0, l, IR_GT);
    ir_br(b, l);
    expect_op(last(b), IR_BR, I64, ARGS(0), 0, l, 0);
    ir_set_label(b, l);
    expect_op(last(b), IR_LABEL, I64, ARGS(0), 0, l, 0);
    ir_goto_pc(b, 1, 0x2000);
    expect_op(last(b), IR_GOTO_PC, I64, ARGS(0), 1, 0x2000, 0);
    ir_goto_ptr(b, x);
    expect_op(last(b), IR_GOTO_PTR, I64, ARGS(0, x), 0, 0, 0);
    ir_exit(b, IR_EXIT_FLUSH_CODE, 0x3000);
    expect_op(last(b), IR_EXIT, I64, ARGS(0), IR_EXIT_FLUSH_CODE, 0x3000, 0);
    ir_block_free(b);
}
END_TEST

/* --- a block with every kind of op ------------------------------------ */

static struct ir_block *all_ops_block(void)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, I64, 0x20), w = ir_get(b, I32, 0x28);
    ir_temp f = ir_get(b, IR_F64, 0x30), v = ir_get(b, IR_V128, 0x40);
    ir_temp t = ir_new_temp(b, I64), x;
    ir_label l0 = ir_new_label(b), l1 = ir_new_label(b);

    ir_insn_start(b, 0x1000);
    ir_mov(b, t, ir_binop(b, IR_ADD, a, ir_const(b, I64, 8)));
    x = ir_unop(b, IR_BSWAP, w);
    x = ir_deposit(b, x, w, 4, 8);
    x = ir_select(b, IR_LT, a, t, w, ir_extract(b, true, x, 0, 16));
    x = ir_addc(b, IR_ADDC_CARRY, x, w, ir_setcond(b, I32, IR_NE, a, t));
    ir_set(b, 0x60, ir_convert(b, IR_SEXT, I64, x));
    x = ir_load(b, I32, IR_MO_32 | IR_MO_SIGN | IR_MO_ACQ, a, -8);
    ir_store(b, IR_MO_16, a, 16, ir_convert(b, IR_TRUNC, I32, t));
    ir_cmpxchg(b, IR_MO_64 | IR_MO_ACQ | IR_MO_REL, a, t, a);
    ir_atomic_rmw(b, IR_RMW_UMAX, IR_MO_32 | IR_MO_ALIGN, a, x);
    ir_fence(b, IR_MO_ACQ | IR_MO_REL);
    ir_fp_setround(b, IR_ROUND_DOWN);
    f = ir_fma(b, f, f, ir_binop(b, IR_FDIV, f, f));
    ir_fcvt(b, IR_FCVT_F2I, I64, IR_CVT_UNSIGNED | IR_CVT_NAN_ZERO, f);
    ir_fcvt(b, IR_FCVT_F2F, IR_F32, 0, f);
    ir_fcvt(b, IR_FCVT_I2F, IR_F64, 0, w);
    ir_fcmp(b, I32, IR_FUNORD, f, f);
    ir_fp_clearflags(b);
    ir_set(b, 0x68, ir_fp_flags(b));
    v = ir_vsetlane(b, IR_MO_32, v, 2, ir_vgetlane(b, IR_MO_32, v, 3));
    ir_set(b, 0x40, ir_vbinop(b, IR_VADD, IR_MO_8, v, ir_vdup(b, IR_MO_8, a)));
    ir_call(b, &h_void1, ir_call(b, &h_add2, a, f, 0, 0), 0, 0, 0);
    ir_brcond(b, IR_GEU, a, t, l1);
    ir_br(b, l0);
    ir_append(b, IR_NOP, I64);
    ir_set_label(b, l0);
    ir_goto_ptr(b, a);
    ir_set_label(b, l1);
    ir_exit(b, IR_EXIT_FLUSH_CODE, 0x1000);
    return b;
}

/* --- verifier ------------------------------------------------------- */

static char err[200];

START_TEST(test_verify_accepts_a_block_with_every_kind_of_op)
{
    struct ir_block *b = all_ops_block();

    ck_assert_msg(ir_verify(b, err, sizeof err), "%s", err);
    ck_assert_str_eq(err, "");
    ir_block_free(b);
}
END_TEST

START_TEST(test_verify_accepts_an_unreachable_label_at_the_end)
{
    struct ir_block *b = ir_block_new();

    ir_goto_pc(b, 0, 0x10);
    ir_set_label(b, ir_new_label(b));
    ck_assert_msg(ir_verify(b, err, sizeof err), "%s", err);
    ir_block_free(b);
}
END_TEST

/* Expects b to be rejected with a message containing want. */
static void expect_bad(struct ir_block *b, const char *want)
{
    ck_assert(!ir_verify(b, err, sizeof err));
    ck_assert_msg(strstr(err, want), "message \"%s\" lacks \"%s\"", err, want);
    ck_assert_ptr_null(strchr(err, '\n'));
    ir_block_free(b);
}

START_TEST(test_verify_rejects_a_temp_out_of_range)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, I64, 0);

    ir_binop(b, IR_ADD, a, a);
    b->ops[1].args[2] = 77;
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (add): operand 2: temp t77 out of range");
}
END_TEST

START_TEST(test_verify_rejects_mixed_operand_types)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I64, 0), y = ir_get(b, I32, 8);

    ir_binop(b, IR_ADD, x, y);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 2 (add): operand 2: t2 is i32, expected i64");
}
END_TEST

START_TEST(test_verify_rejects_ops_on_the_wrong_kind_of_type)
{
    struct ir_block *b = ir_block_new();

    ir_binop(b, IR_FADD, ir_get(b, I64, 0), ir_get(b, I64, 8));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 2 (fadd): op type i64, expected a float type");
    b = ir_block_new();
    ir_convert(b, IR_ZEXT, I64, ir_get(b, I64, 0));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (zext): operand 1: t1 is i64, expected i32");
}
END_TEST

START_TEST(test_verify_rejects_a_constant_result)
{
    struct ir_block *b = ir_block_new();
    ir_temp c = ir_const(b, I64, 1);

    ir_mov(b, c, ir_get(b, I64, 0));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (mov): result t1 is a constant");
}
END_TEST

START_TEST(test_verify_rejects_a_result_of_another_type)
{
    struct ir_block *b = ir_block_new();

    ir_get(b, I64, 0);
    b->ops[0].type = I32;
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 0 (get): result t1 is i64, op type i32");
}
END_TEST

START_TEST(test_verify_rejects_a_label_placed_twice)
{
    struct ir_block *b = ir_block_new();
    ir_label l = ir_new_label(b);

    ir_set_label(b, l);
    ir_set_label(b, l);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (label): label L0 placed twice");
}
END_TEST

START_TEST(test_verify_rejects_a_label_never_placed)
{
    struct ir_block *b = ir_block_new();

    ir_brcond(b, IR_EQ, ir_get(b, I64, 0), ir_get(b, I64, 0), ir_new_label(b));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "label L0 never placed");
}
END_TEST

START_TEST(test_verify_rejects_a_backward_branch)
{
    struct ir_block *b = ir_block_new();
    ir_label l = ir_new_label(b);

    ir_set_label(b, l);
    ir_br(b, l);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (br): branch back to L0");
}
END_TEST

START_TEST(test_verify_rejects_a_label_out_of_range)
{
    struct ir_block *b = ir_block_new();

    ir_br(b, 3);
    expect_bad(b, "op 0 (br): label L3 out of range");
}
END_TEST

START_TEST(test_verify_rejects_falling_off_the_end)
{
    struct ir_block *b = ir_block_new();
    ir_label l;

    expect_bad(ir_block_new(), "block falls off its end");
    ir_binop(b, IR_ADD, ir_get(b, I64, 0), ir_get(b, I64, 8));
    expect_bad(b, "block falls off its end");
    /* Here the exit is last, but the branch skips it. */
    b = ir_block_new();
    l = ir_new_label(b);
    ir_brcond(b, IR_EQ, ir_get(b, I64, 0), ir_get(b, I64, 0), l);
    ir_exit(b, IR_EXIT_HALT, 0);
    ir_set_label(b, l);
    ir_append(b, IR_NOP, I64);
    expect_bad(b, "block falls off its end");
}
END_TEST

START_TEST(test_verify_rejects_a_call_with_the_wrong_argument_count)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I64, 0);

    ir_call(b, &h_add2, x, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (call): helper add2 takes 2 arguments, given 1");
    b = ir_block_new();
    x = ir_get(b, I64, 0);
    ir_call(b, &h_void1, x, x, x, IR_NO_TEMP);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "helper note takes 1 arguments, given 3");
}
END_TEST

START_TEST(test_verify_rejects_a_call_result_that_does_not_match_the_helper)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I64, 0);

    ir_call(b, &h_void1, x, 0, 0, 0);
    b->ops[1].args[0] = x;
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "helper note has no result");
}
END_TEST

START_TEST(test_verify_rejects_bad_fields_memops_and_lanes)
{
    struct ir_block *b = ir_block_new();

    ir_extract(b, false, ir_get(b, I32, 0), 20, 13);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (extract): bad field pos 20 len 13");
    b = ir_block_new();
    ir_load(b, I32, IR_MO_64, ir_get(b, I64, 0), 0);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (load): memop 0x3 does not fit i32");
    b = ir_block_new();
    ir_load(b, IR_F64, IR_MO_64 | IR_MO_SIGN, ir_get(b, I64, 0), 0);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "does not fit f64");
    b = ir_block_new();
    ir_vgetlane(b, IR_MO_32, ir_get(b, IR_V128, 0), 4);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (vgetlane): lane 4 out of range");
}
END_TEST

START_TEST(test_verify_rejects_conditions_of_the_wrong_kind)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, I64, 0);

    ir_setcond(b, I32, IR_FLT, x, x);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (setcond): condition 11 does not compare i64");
    b = ir_block_new();
    x = ir_get(b, IR_F32, 0);
    ir_fcmp(b, I32, IR_LT, x, x);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (fcmp): fcmp needs a float condition");
}
END_TEST

START_TEST(test_verify_rejects_bad_conversions)
{
    struct ir_block *b = ir_block_new();

    ir_fcvt(b, IR_FCVT_F2F, IR_F64, 0, ir_get(b, IR_F64, 0));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 1 (fcvt_f2f): converts f64 to itself");
    b = ir_block_new();
    ir_fcvt(b, IR_FCVT_I2F, IR_F64, IR_CVT_NAN_ZERO, ir_get(b, I64, 0));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "bad conversion flags 0x2");
    b = ir_block_new();
    ir_convert(b, IR_BITCAST, IR_F64, ir_get(b, I32, 0));
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "operand 1: t1 is i32, expected i64");
}
END_TEST

/* ir_goto_mark: a call keeps its slot and links pc + offset; a return
 * has no link; a mark after anything but a goto changes nothing. */
START_TEST(test_goto_mark_sets_call_and_return_hints)
{
    struct ir_block *b = ir_block_new();

    b->pc = 0x1000;
    ir_goto_pc(b, 1, 0x2000);
    ir_goto_mark(b, IR_GOTO_CALL, 0x1004);
    ck_assert_uint_eq(b->ops[0].aux,
                      1 | IR_GOTO_CALL | 4u << IR_GOTO_LINK_SHIFT);
    ck_assert_msg(ir_verify(b, err, sizeof err), "%s", err);
    ir_block_free(b);

    b = ir_block_new();
    ir_goto_ptr(b, ir_get(b, I64, 0));
    ir_goto_mark(b, IR_GOTO_RETURN, 0);
    ck_assert_uint_eq(b->ops[1].aux, IR_GOTO_RETURN);
    ck_assert_msg(ir_verify(b, err, sizeof err), "%s", err);
    ir_block_free(b);

    b = ir_block_new();
    ir_exit(b, IR_EXIT_HALT, 0);
    ir_goto_mark(b, IR_GOTO_CALL, 4);
    ck_assert_uint_eq(b->ops[0].aux, IR_EXIT_HALT);
    ir_block_free(b);
}
END_TEST

START_TEST(test_verify_rejects_bad_exits)
{
    struct ir_block *b = ir_block_new();

    ir_goto_pc(b, 0, 0);
    b->ops[0].aux = IR_GOTO_CALL | IR_GOTO_RETURN;
    expect_bad(b, "op 0 (goto_pc): a goto is both a call and a return");
    b = ir_block_new();
    ir_goto_pc(b, 1, 0);
    b->ops[0].aux |= 0x10;
    expect_bad(b, "op 0 (goto_pc): unknown goto hint bits 0x11");
    b = ir_block_new();
    ir_goto_pc(b, 0, 0);
    b->ops[0].aux = IR_GOTO_RETURN | 4u << IR_GOTO_LINK_SHIFT;
    expect_bad(b, "op 0 (goto_pc): a goto that is not a call has a link");
    b = ir_block_new();
    ir_goto_ptr(b, ir_get(b, I64, 0));
    b->ops[1].aux = IR_GOTO_SLOT;
    expect_bad(b, "op 1 (goto_ptr): goto_ptr has a chain slot");
    b = ir_block_new();
    ir_exit(b, IR_NEXITS, 0);
    expect_bad(b, "op 0 (exit): unknown exit reason 6");
    b = ir_block_new();
    ir_goto_ptr(b, ir_get(b, I32, 0));
    expect_bad(b, "op 1 (goto_ptr): operand 1: t1 is i32, expected i64");
}
END_TEST

START_TEST(test_verify_rejects_unknown_opcodes_and_bad_temps)
{
    struct ir_block *b = ir_block_new();

    ir_append(b, IR_NOP, I64)->opc = IR_NOPCS + 3;
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "op 0 (?): unknown opcode");
    b = ir_block_new();
    ir_const(b, IR_V128, 0);
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "temp t1 is a v128 constant");
    b = ir_block_new();
    ir_const(b, I32, 1);
    b->temps[1].value = 1ull << 32;
    ir_exit(b, IR_EXIT_HALT, 0);
    expect_bad(b, "constant t1 does not fit i32");
}
END_TEST

START_TEST(test_verify_truncates_its_message_to_the_buffer)
{
    struct ir_block *b = ir_block_new();
    char small[12];

    memset(small, 'x', sizeof small);
    ck_assert(!ir_verify(b, small, sizeof small));
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    ck_assert(!ir_verify(b, NULL, 0));
    ir_block_free(b);
}
END_TEST

/* --- printer -------------------------------------------------------- */

static const char *name_x5(uint32_t offset, void *opaque)
{
    return offset == 0x28 ? (const char *)opaque : NULL;
}

/* Prints b into a string; the caller frees it. */
static char *print_to_string(const struct ir_block *b,
                             const struct ir_state_namer *namer)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(f);
    ir_print(b, namer, f);
    fclose(f);
    return text;
}

START_TEST(test_print_writes_a_small_block_exactly)
{
    struct ir_block *b = ir_block_new();
    struct ir_state_namer namer = {name_x5, "x5"};
    ir_label l;
    ir_temp x, y, v;
    char *text;

    ir_block_reset(b, 0x10078);
    l = ir_new_label(b);
    ir_insn_start(b, 0x10078);
    x = ir_get(b, I64, 0x28);
    y = ir_binop(b, IR_ADD, x, ir_const(b, I64, 0x10));
    ir_set(b, 0x30, y);
    v = ir_load(b, I64, IR_MO_32 | IR_MO_SIGN | IR_MO_ACQ, y, -8);
    ir_store(b, IR_MO_16, y, 16, v);
    ir_insn_start(b, 0x1007c);
    ir_brcond(b, IR_LTU, v, x, l);
    ir_goto_pc(b, 0, 0x10080);
    ir_set_label(b, l);
    ir_call(b, &h_void1, ir_call(b, &h_add2, x, v, 0, 0), 0, 0, 0);
    ir_exit(b, IR_EXIT_SYSCALL, 0x1007c);
    text = print_to_string(b, &namer);
    ck_assert_str_eq(text,
                     "block 0x10078:\n"
                     "---- 0x10078\n"
                     "  t1:i64 = get x5\n"
                     "  t3:i64 = add t1, $0x10\n"
                     "  set env+0x30, t3\n"
                     "  t4:i64 = load.s32.acq [t3-0x8]\n"
                     "  store.u16 [t3+0x10], t4\n"
                     "---- 0x1007c\n"
                     "  brcond.i64 ltu t4, t1, L0\n"
                     "  goto_pc 0x10080, slot 0\n"
                     "L0:\n"
                     "  t5:i64 = call add2 t1, t4\n"
                     "  call note t5\n"
                     "  exit syscall, 0x1007c\n");
    free(text);
    ir_block_free(b);
}
END_TEST

START_TEST(test_print_names_every_kind_of_op)
{
    static const char *const want[] = {
        "  t5:i64 = mov t7\n",
        "  t9:i32 = deposit t8, t2, 4, 8\n",
        "  t10:i32 = sextract t9, 0, 16\n",
        "  t11:i32 = select.i64 lt t1, t5, t2, t10\n",
        "  t13:i32 = addc_carry t11, t2, t12\n",
        "  t15:i32 = load.s32.acq [t1-0x8]\n",
        "  t17:i64 = cmpxchg.u64.acq.rel [t1], t5, t1\n",
        "  t18:i32 = atomic_rmw.umax.u32.align [t1], t15\n",
        "  fence.acq.rel\n",
        "  fp_setround down\n",
        "  t20:f64 = fma t3, t3, t19\n",
        "  t21:i64 = fcvt_f2i.f64 t20, unsigned, nan_zero\n",
        "  t23:f64 = fcvt_i2f.i32 t2\n",
        "  t24:i32 = fcmp.f64 funord t20, t20\n",
        "  fp_clearflags\n",
        "  t25:i32 = fp_flags\n",
        "  t26:i64 = vgetlane.e32 t4, 3\n",
        "  t27:v128 = vsetlane.e32 t4, 2, t26\n",
        "  t28:v128 = vdup.e8 t1\n",
        "  t29:v128 = vadd.e8 t27, t28\n",
        "  brcond.i64 geu t1, t5, L1\n",
        "  br L0\n  nop\nL0:\n  goto_ptr t1\nL1:\n",
        "  exit flush_code, 0x1000\n",
    };
    struct ir_block *b = all_ops_block();
    char *text = print_to_string(b, NULL);

    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(strstr(text, want[i]), "no \"%s\" in:\n%s", want[i],
                      text);
    free(text);
    ir_block_free(b);
}
END_TEST

START_TEST(test_print_survives_a_broken_block)
{
    struct ir_block *b = ir_block_new();
    char *text;

    ir_binop(b, IR_ADD, ir_const(b, I64, 1), ir_const(b, I64, 2));
    b->ops[0].args[2] = 99;
    ir_append(b, IR_NOP, I64)->opc = 200;
    ir_exit(b, IR_NEXITS + 2, 0);
    text = print_to_string(b, NULL);
    ck_assert_str_eq(text, "block 0x0:\n"
                           "  t3:i64 = add $0x1, t99?\n"
                           "  op200?\n"
                           "  exit ?, 0x0\n");
    free(text);
    ir_block_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ir");
    TCase *tb = tcase_create("build");
    TCase *tv = tcase_create("verify");
    TCase *tp = tcase_create("print");

    tcase_add_test(tb, test_temps_constants_and_labels_are_numbered_from_one_and_zero);
    tcase_add_test(tb, test_state_and_integer_builders_make_their_ops);
    tcase_add_test(tb, test_compare_and_conversion_builders_record_the_source_type);
    tcase_add_test(tb, test_memory_builders_make_their_ops);
    tcase_add_test(tb, test_fp_builders_make_their_ops);
    tcase_add_test(tb, test_vector_builders_make_their_ops);
    tcase_add_test(tb, test_call_and_control_flow_builders_make_their_ops);
    suite_add_tcase(s, tb);
    tcase_add_test(tv, test_verify_accepts_a_block_with_every_kind_of_op);
    tcase_add_test(tv, test_verify_accepts_an_unreachable_label_at_the_end);
    tcase_add_test(tv, test_verify_rejects_a_temp_out_of_range);
    tcase_add_test(tv, test_verify_rejects_mixed_operand_types);
    tcase_add_test(tv, test_verify_rejects_ops_on_the_wrong_kind_of_type);
    tcase_add_test(tv, test_verify_rejects_a_constant_result);
    tcase_add_test(tv, test_verify_rejects_a_result_of_another_type);
    tcase_add_test(tv, test_verify_rejects_a_label_placed_twice);
    tcase_add_test(tv, test_verify_rejects_a_label_never_placed);
    tcase_add_test(tv, test_verify_rejects_a_backward_branch);
    tcase_add_test(tv, test_verify_rejects_a_label_out_of_range);
    tcase_add_test(tv, test_verify_rejects_falling_off_the_end);
    tcase_add_test(tv, test_verify_rejects_a_call_with_the_wrong_argument_count);
    tcase_add_test(tv, test_verify_rejects_a_call_result_that_does_not_match_the_helper);
    tcase_add_test(tv, test_verify_rejects_bad_fields_memops_and_lanes);
    tcase_add_test(tv, test_verify_rejects_conditions_of_the_wrong_kind);
    tcase_add_test(tv, test_verify_rejects_bad_conversions);
    tcase_add_test(tv, test_goto_mark_sets_call_and_return_hints);
    tcase_add_test(tv, test_verify_rejects_bad_exits);
    tcase_add_test(tv, test_verify_rejects_unknown_opcodes_and_bad_temps);
    tcase_add_test(tv, test_verify_truncates_its_message_to_the_buffer);
    suite_add_tcase(s, tv);
    tcase_add_test(tp, test_print_writes_a_small_block_exactly);
    tcase_add_test(tp, test_print_names_every_kind_of_op);
    tcase_add_test(tp, test_print_survives_a_broken_block);
    suite_add_tcase(s, tp);
    return unit_run(s);
}
