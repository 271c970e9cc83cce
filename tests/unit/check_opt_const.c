/* tests/unit/check_opt_const.c: constant propagation and folding as a
 * pass: what it rewrites, and what it must leave alone. */
#include "tests/unit/check_opt.h"

START_TEST(test_constant_moved_into_a_temp_propagates_and_folds)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, IR_I64), u, v;

    ir_mov(b, t, ir_const(b, IR_I64, 40));
    u = ir_binop(b, IR_ADD, t, ir_const(b, IR_I64, 2));
    v = ir_binop(b, IR_MUL, u, u);
    ir_set(b, 8, v);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_const(b, 1, u, IR_I64, 42);
    expect_const(b, 2, v, IR_I64, 42 * 42);
    ck_assert_uint_eq(b->ops[3].opc, IR_SET);
    ck_assert(b->temps[b->ops[3].args[1]].is_const);
    ck_assert_uint_eq(b->temps[b->ops[3].args[1]].value, 42 * 42);
    ir_block_free(b);
}
END_TEST

START_TEST(test_constant_is_not_propagated_past_a_label)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, IR_I64), k2 = ir_const(b, IR_I64, 2), u;
    ir_label l = ir_new_label(b);

    ir_mov(b, t, ir_const(b, IR_I64, 40));
    ir_set_label(b, l);
    u = ir_binop(b, IR_ADD, t, k2);
    ir_set(b, 8, u);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 2, IR_ADD, u, t, k2);
    ir_block_free(b);
}
END_TEST

START_TEST(test_reassigned_temp_is_not_folded_as_its_old_constant)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, IR_I64), k1 = ir_const(b, IR_I64, 1);
    ir_temp x, u;

    ir_mov(b, t, ir_const(b, IR_I64, 40));
    x = ir_get(b, IR_I64, 16);
    ir_mov(b, t, x);
    u = ir_binop(b, IR_ADD, t, k1);
    ir_set(b, 8, u);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 2, IR_MOV, t, x, 0);
    expect_op(b, 3, IR_ADD, u, t, k1);
    ir_block_free(b);
}
END_TEST

START_TEST(test_brcond_on_constants_taken_becomes_br)
{
    struct ir_block *b = ir_block_new();
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_LT, ir_const(b, IR_I32, 0xffffffff), ir_const(b, IR_I32, 0),
              l);
    ir_goto_pc(b, 0, 4);
    ir_set_label(b, l);
    ir_goto_pc(b, 1, 8);
    opt_const_fold(b);
    expect_op(b, 0, IR_BR, 0, 0, 0);
    ck_assert_uint_eq(b->ops[0].imm, l);
    ir_block_free(b);
}
END_TEST

START_TEST(test_brcond_on_constants_not_taken_becomes_nop)
{
    struct ir_block *b = ir_block_new();
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_LTU, ir_const(b, IR_I32, 0xffffffff),
              ir_const(b, IR_I32, 0), l);
    ir_goto_pc(b, 0, 4);
    ir_set_label(b, l);
    ir_goto_pc(b, 1, 8);
    opt_const_fold(b);
    expect_op(b, 0, IR_NOP, 0, 0, 0);
    expect_op(b, 1, IR_GOTO_PC, 0, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_select_with_known_condition_picks_an_arm)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16), r1, r2;
    ir_temp k1 = ir_const(b, IR_I32, 1), k2 = ir_const(b, IR_I32, 2);

    r1 = ir_select(b, IR_LT, k1, k2, x, y);
    r2 = ir_select(b, IR_GT, k1, k2, x, y);
    ir_set(b, 24, r1);
    ir_set(b, 32, r2);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 2, IR_MOV, r1, x, 0);
    expect_op(b, 3, IR_MOV, r2, y, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_float_ops_on_constants_are_not_folded)
{
    struct ir_block *b = ir_block_new();
    ir_temp one = ir_const(b, IR_F64, 0x3ff0000000000000);
    ir_temp three = ir_const(b, IR_F64, 0x4008000000000000);
    ir_temp q = ir_binop(b, IR_FDIV, one, three);
    ir_temp s = ir_binop(b, IR_FADD, one, three);

    ir_set(b, 8, q);
    ir_set(b, 16, s);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 0, IR_FDIV, q, one, three);
    expect_op(b, 1, IR_FADD, s, one, three);
    ir_block_free(b);
}
END_TEST

START_TEST(test_bitcast_of_a_constant_keeps_its_bits)
{
    struct ir_block *b = ir_block_new();
    ir_temp d = ir_convert(b, IR_BITCAST, IR_F64,
                           ir_const(b, IR_I64, 0x3ff0000000000000));
    ir_temp i =
        ir_convert(b, IR_BITCAST, IR_I32, ir_const(b, IR_F32, 0xbf800000));

    ir_set(b, 8, d);
    ir_set(b, 16, i);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_const(b, 0, d, IR_F64, 0x3ff0000000000000);
    expect_const(b, 1, i, IR_I32, 0xbf800000);
    ir_block_free(b);
}
END_TEST

START_TEST(test_memory_ops_and_calls_on_constants_are_not_folded)
{
    struct ir_block *b = ir_block_new();
    ir_temp k = ir_const(b, IR_I64, 0x1000), k2 = ir_const(b, IR_I64, 2);
    ir_temp l = ir_load(b, IR_I64, IR_MO_64, k, 0);
    ir_temp c = ir_call(b, &opt_h_pure, k, k2, 0, 0);

    ir_set(b, 8, l);
    ir_set(b, 16, c);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 0, IR_LOAD, l, k, 0);
    expect_op(b, 1, IR_CALL, c, k, k2);
    ir_block_free(b);
}
END_TEST

START_TEST(test_invalid_field_is_left_unfolded)
{
    struct ir_block *b = ir_block_new();
    ir_temp k = ir_const(b, IR_I32, 0x1234);
    ir_temp r = ir_extract(b, false, k, 30, 4); /* 30 + 4 > 32 */

    ir_set(b, 8, r);
    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_op(b, 0, IR_EXTRACT, r, k, 0);
    ir_block_free(b);
}
END_TEST

TCase *opt_tcase_const(void)
{
    TCase *tc = tcase_create("const");

    tcase_add_test(tc, test_constant_moved_into_a_temp_propagates_and_folds);
    tcase_add_test(tc, test_constant_is_not_propagated_past_a_label);
    tcase_add_test(tc, test_reassigned_temp_is_not_folded_as_its_old_constant);
    tcase_add_test(tc, test_brcond_on_constants_taken_becomes_br);
    tcase_add_test(tc, test_brcond_on_constants_not_taken_becomes_nop);
    tcase_add_test(tc, test_select_with_known_condition_picks_an_arm);
    tcase_add_test(tc, test_float_ops_on_constants_are_not_folded);
    tcase_add_test(tc, test_bitcast_of_a_constant_keeps_its_bits);
    tcase_add_test(tc, test_memory_ops_and_calls_on_constants_are_not_folded);
    tcase_add_test(tc, test_invalid_field_is_left_unfolded);
    return tc;
}
