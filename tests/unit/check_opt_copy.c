/* tests/unit/check_opt_copy.c: copy propagation and dead-code
 * elimination, including the cases where temps are reassigned or paths
 * join at labels. */
#include "tests/unit/check_opt.h"

START_TEST(test_uses_of_a_copy_read_its_source)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), u = ir_new_temp(b, IR_I64), v;

    ir_mov(b, u, x);
    v = ir_binop(b, IR_ADD, u, u);
    ir_set(b, 16, u);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 1, IR_MOV, u, x, 0);
    expect_op(b, 2, IR_ADD, v, x, x);
    expect_op(b, 3, IR_SET, 0, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_copy_is_not_used_after_its_source_is_reassigned)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), u = ir_new_temp(b, IR_I64);
    ir_temp y = ir_get(b, IR_I64, 24), v;

    ir_mov(b, u, x);
    ir_mov(b, x, y); /* x changes; u still holds the old x */
    v = ir_binop(b, IR_ADD, u, x);
    ir_set(b, 16, v);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 4, IR_ADD, v, u, y);
    ir_block_free(b);
}
END_TEST

START_TEST(test_reassigned_copy_reads_its_newest_source)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);
    ir_temp u = ir_new_temp(b, IR_I64), w;

    ir_mov(b, u, x);
    ir_mov(b, u, y);
    w = ir_binop(b, IR_SUB, u, x);
    ir_set(b, 16, w);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 4, IR_SUB, w, y, x);
    ir_block_free(b);
}
END_TEST

START_TEST(test_copy_redefined_by_another_op_is_forgotten)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), u = ir_new_temp(b, IR_I64), w;
    struct ir_op *op;

    ir_mov(b, u, x);
    op = ir_append(b, IR_NEG, IR_I64); /* u = -u */
    op->args[0] = u;
    op->args[1] = u;
    w = ir_binop(b, IR_ADD, u, x);
    ir_set(b, 16, w);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 2, IR_NEG, u, x, 0);
    expect_op(b, 3, IR_ADD, w, u, x);
    ir_block_free(b);
}
END_TEST

START_TEST(test_copy_is_not_propagated_past_a_label)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), u = ir_new_temp(b, IR_I64), w;
    ir_label l = ir_new_label(b);

    ir_mov(b, u, x);
    ir_set_label(b, l);
    w = ir_binop(b, IR_ADD, u, u);
    ir_set(b, 16, w);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 3, IR_ADD, w, u, u);
    ir_block_free(b);
}
END_TEST

START_TEST(test_chained_copies_resolve_to_the_first_source)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), u = ir_new_temp(b, IR_I64);
    ir_temp v = ir_new_temp(b, IR_I64), k = ir_const(b, IR_I64, 7);
    ir_temp c = ir_new_temp(b, IR_I64);

    ir_mov(b, u, x);
    ir_mov(b, v, u);
    ir_mov(b, c, k);
    ir_set(b, 16, v);
    ir_set(b, 24, c);
    ir_goto_pc(b, 0, 0);
    opt_copy_prop(b);
    expect_op(b, 2, IR_MOV, v, x, 0);
    expect_op(b, 4, IR_SET, 0, x, 0);
    expect_op(b, 5, IR_SET, 0, k, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_unused_pure_results_are_removed)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), k = ir_const(b, IR_I64, 3), used;

    ir_binop(b, IR_MUL, x, k);
    ir_call(b, &opt_h_pure, x, k, 0, 0);
    used = ir_binop(b, IR_ADD, x, k);
    ir_set(b, 16, used);
    ir_goto_pc(b, 0, 0);
    opt_dce(b);
    expect_op(b, 0, IR_GET, x, 0, 0);
    expect_op(b, 1, IR_NOP, 0, 0, 0);
    expect_op(b, 2, IR_NOP, 0, 0, 0);
    expect_op(b, 3, IR_ADD, used, x, k);
    ir_block_free(b);
}
END_TEST

START_TEST(test_unused_ops_with_effects_are_kept)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, IR_I64, 8), f = ir_get(b, IR_F64, 16);
    ir_temp l = ir_load(b, IR_I64, IR_MO_64, a, 0);
    ir_temp s = ir_binop(b, IR_FADD, f, f);
    ir_temp c = ir_call(b, &opt_h_writes, a, a, 0, 0);
    ir_temp n = ir_unop(b, IR_FNEG, f);
    ir_temp fl = ir_fp_flags(b);

    ir_goto_pc(b, 0, 0);
    opt_dce(b);
    expect_op(b, 2, IR_LOAD, l, a, 0); /* may fault */
    expect_op(b, 3, IR_FADD, s, f, f); /* may raise FP flags */
    expect_op(b, 4, IR_CALL, c, a, a);
    expect_op(b, 5, IR_NOP, 0, 0, 0); /* fneg raises nothing */
    expect_op(b, 6, IR_NOP, 0, 0, 0); /* reading flags changes nothing */
    (void)n;
    (void)fl;
    ir_block_free(b);
}
END_TEST

START_TEST(test_value_overwritten_before_use_is_dead)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), t = ir_new_temp(b, IR_I64);
    ir_temp k = ir_const(b, IR_I64, 5);
    struct ir_op *op = ir_append(b, IR_ADD, IR_I64);

    op->args[0] = t;
    op->args[1] = x;
    op->args[2] = k;
    ir_mov(b, t, k);
    ir_set(b, 16, t);
    ir_goto_pc(b, 0, 0);
    opt_dce(b);
    expect_op(b, 1, IR_NOP, 0, 0, 0);
    expect_op(b, 2, IR_MOV, t, k, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_temp_used_after_a_branch_target_stays_live)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), k = ir_const(b, IR_I64, 1);
    ir_temp t = ir_binop(b, IR_ADD, x, k), d;
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_EQ, x, k, l);
    d = ir_binop(b, IR_SUB, x, k); /* dead: its path exits unused */
    ir_goto_pc(b, 0, 4);
    ir_set_label(b, l);
    ir_set(b, 16, t);
    ir_goto_pc(b, 1, 8);
    opt_dce(b);
    expect_op(b, 1, IR_ADD, t, x, k);
    expect_op(b, 3, IR_NOP, 0, 0, 0);
    (void)d;
    ir_block_free(b);
}
END_TEST

START_TEST(test_temp_used_only_through_br_stays_live)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), k = ir_const(b, IR_I64, 1);
    ir_temp t = ir_binop(b, IR_ADD, x, k);
    ir_label l = ir_new_label(b);

    ir_br(b, l);
    ir_set_label(b, l);
    ir_goto_ptr(b, t);
    opt_dce(b);
    expect_op(b, 1, IR_ADD, t, x, k);
    expect_op(b, 0, IR_GET, x, 0, 0);
    ir_block_free(b);
}
END_TEST

TCase *opt_tcase_copy(void)
{
    TCase *tc = tcase_create("copy");

    tcase_add_test(tc, test_uses_of_a_copy_read_its_source);
    tcase_add_test(tc, test_copy_is_not_used_after_its_source_is_reassigned);
    tcase_add_test(tc, test_reassigned_copy_reads_its_newest_source);
    tcase_add_test(tc, test_copy_redefined_by_another_op_is_forgotten);
    tcase_add_test(tc, test_copy_is_not_propagated_past_a_label);
    tcase_add_test(tc, test_chained_copies_resolve_to_the_first_source);
    return tc;
}

TCase *opt_tcase_dce(void)
{
    TCase *tc = tcase_create("dce");

    tcase_add_test(tc, test_unused_pure_results_are_removed);
    tcase_add_test(tc, test_unused_ops_with_effects_are_kept);
    tcase_add_test(tc, test_value_overwritten_before_use_is_dead);
    tcase_add_test(tc, test_temp_used_after_a_branch_target_stays_live);
    tcase_add_test(tc, test_temp_used_only_through_br_stays_live);
    return tc;
}
