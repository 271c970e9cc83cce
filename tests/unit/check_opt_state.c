/* tests/unit/check_opt_state.c: guest-state forwarding and dead-write
 * removal, and everything that must stop them (labels, state effects,
 * possible faults, overlapping slots). */
#include "tests/unit/check_opt.h"

START_TEST(test_get_after_set_reads_the_stored_temp)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), g;

    ir_set(b, 16, x);
    g = ir_get(b, IR_I64, 16);
    ir_set(b, 24, g);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_MOV, g, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_get_after_get_reads_the_first_result)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I32, 8), y;

    ir_set(b, 16, x);
    y = ir_get(b, IR_I32, 8);
    ir_set(b, 20, y);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_MOV, y, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_get_of_another_type_or_overlapping_slot_is_not_forwarded)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), f, hi, w;

    ir_set(b, 16, x);
    f = ir_get(b, IR_F64, 16);  /* same offset, other type */
    hi = ir_get(b, IR_I32, 20); /* inside the stored slot */
    ir_set(b, 28, ir_get(b, IR_I32, 8));
    w = ir_get(b, IR_I64, 24); /* overlaps the I32 just stored */
    ir_set(b, 40, f);
    ir_set(b, 48, hi);
    ir_set(b, 56, w);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    ck_assert_uint_eq(b->ops[2].opc, IR_GET);
    ck_assert_uint_eq(b->ops[3].opc, IR_GET);
    ck_assert_uint_eq(b->ops[6].opc, IR_GET);
    ck_assert_uint_eq(b->ops[6].imm, 24);
    ir_block_free(b);
}
END_TEST

START_TEST(test_overlapping_set_invalidates_a_known_slot)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y;

    ir_set(b, 12, ir_const(b, IR_I32, 0)); /* upper half of slot 8 */
    y = ir_get(b, IR_I64, 8);
    ir_set(b, 16, x);
    ir_set(b, 24, y);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_GET, y, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_label_stops_forwarding)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y;
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_EQ, x, ir_const(b, IR_I64, 0), l);
    ir_set(b, 8, ir_const(b, IR_I64, 1));
    ir_set_label(b, l);
    y = ir_get(b, IR_I64, 8);
    ir_set(b, 16, y);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 4, IR_GET, y, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_helper_writing_state_stops_forwarding)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y, z;

    ir_call(b, &opt_h_reads, x, x, 0, 0);
    y = ir_get(b, IR_I64, 8); /* a reader leaves the state alone */
    ir_call(b, &opt_h_writes, x, x, 0, 0);
    z = ir_get(b, IR_I64, 8);
    ir_set(b, 16, y);
    ir_set(b, 24, z);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_MOV, y, x, 0);
    expect_op(b, 4, IR_GET, z, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_reassigned_stored_temp_is_not_forwarded)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y;

    ir_set(b, 16, x);
    ir_mov(b, x, ir_const(b, IR_I64, 5));
    y = ir_get(b, IR_I64, 16);
    ir_set(b, 24, y);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 3, IR_GET, y, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_faulting_load_does_not_stop_forwarding)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), v, y;

    v = ir_load(b, IR_I64, IR_MO_64, x, 0);
    y = ir_get(b, IR_I64, 8);
    ir_set(b, 16, v);
    ir_set(b, 24, y);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_MOV, y, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_overwritten_set_is_removed)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);

    ir_set(b, 24, x);
    ir_get(b, IR_I64, 32); /* another slot: no conflict */
    ir_set(b, 24, y);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_NOP, 0, 0, 0);
    expect_op(b, 4, IR_SET, 0, y, 0);
    ck_assert_uint_eq(b->ops[4].imm, 24);
    ir_block_free(b);
}
END_TEST

START_TEST(test_set_covered_by_a_wider_set_is_removed)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I32, 8), y = ir_get(b, IR_I64, 16);

    ir_set(b, 28, x);
    ir_set(b, 24, y);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_NOP, 0, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_partly_overwritten_set_is_kept)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I32, 16);

    ir_set(b, 24, x);
    ir_set(b, 28, y);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_SET, 0, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_faulting_load_between_two_sets_keeps_both)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), v;

    ir_set(b, 24, x);
    v = ir_load(b, IR_I64, IR_MO_64, x, 0);
    ir_set(b, 24, v);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 1, IR_SET, 0, x, 0);
    expect_op(b, 3, IR_SET, 0, v, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_state_reader_between_two_sets_keeps_both)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);

    ir_set(b, 24, x);
    ir_get(b, IR_I32, 28); /* reads half of the first write */
    ir_set(b, 24, y);
    ir_set(b, 32, x);
    ir_call(b, &opt_h_reads, x, y, 0, 0);
    ir_set(b, 32, y);
    ir_set(b, 40, x);
    ir_call(b, &opt_h_faults, x, y, 0, 0);
    ir_set(b, 40, y);
    ir_set(b, 48, x);
    ir_call(b, &opt_h_pure, x, y, 0, 0); /* no effect: first set dead */
    ir_set(b, 48, y);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_SET, 0, x, 0);
    expect_op(b, 5, IR_SET, 0, x, 0);
    expect_op(b, 8, IR_SET, 0, x, 0);
    expect_op(b, 11, IR_NOP, 0, 0, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_branch_or_label_between_two_sets_keeps_both)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), y = ir_get(b, IR_I64, 16);
    ir_label l = ir_new_label(b), m = ir_new_label(b);

    ir_set(b, 24, x);
    ir_brcond(b, IR_EQ, x, y, l);
    ir_set(b, 24, y);
    ir_set(b, 32, x);
    ir_set_label(b, l);
    ir_set(b, 32, y);
    ir_set(b, 40, x);
    ir_br(b, m);
    ir_set_label(b, m);
    ir_set(b, 40, y);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_SET, 0, x, 0);
    expect_op(b, 5, IR_SET, 0, x, 0);
    expect_op(b, 8, IR_SET, 0, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_set_before_an_exit_is_kept)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8);
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_EQ, x, x, l);
    ir_set(b, 24, x);
    ir_exit(b, IR_EXIT_SYSCALL, 0x1000);
    ir_set_label(b, l);
    ir_set(b, 24, x);
    ir_goto_pc(b, 0, 0);
    opt_state_dead_sets(b);
    expect_op(b, 2, IR_SET, 0, x, 0);
    ir_block_free(b);
}
END_TEST

START_TEST(test_vector_slot_forwards_whole_and_conflicts_with_its_parts)
{
    struct ir_block *b = ir_block_new();
    ir_temp v = ir_get(b, IR_V128, 64), w, part;

    ir_set(b, 32, v);
    part = ir_get(b, IR_I64, 40); /* the upper half of the vector slot */
    w = ir_get(b, IR_V128, 32);
    ir_set(b, 96, w);
    ir_set(b, 8, part);
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    expect_op(b, 2, IR_GET, part, 0, 0);
    expect_op(b, 3, IR_MOV, w, v, 0);
    ir_block_free(b);
}
END_TEST

TCase *opt_tcase_state(void)
{
    TCase *tc = tcase_create("state");

    tcase_add_test(tc, test_get_after_set_reads_the_stored_temp);
    tcase_add_test(tc, test_get_after_get_reads_the_first_result);
    tcase_add_test(
        tc, test_get_of_another_type_or_overlapping_slot_is_not_forwarded);
    tcase_add_test(tc, test_overlapping_set_invalidates_a_known_slot);
    tcase_add_test(tc, test_label_stops_forwarding);
    tcase_add_test(tc, test_helper_writing_state_stops_forwarding);
    tcase_add_test(tc, test_reassigned_stored_temp_is_not_forwarded);
    tcase_add_test(tc, test_faulting_load_does_not_stop_forwarding);
    tcase_add_test(tc, test_overwritten_set_is_removed);
    tcase_add_test(tc, test_set_covered_by_a_wider_set_is_removed);
    tcase_add_test(tc, test_partly_overwritten_set_is_kept);
    tcase_add_test(tc, test_faulting_load_between_two_sets_keeps_both);
    tcase_add_test(tc, test_state_reader_between_two_sets_keeps_both);
    tcase_add_test(tc, test_branch_or_label_between_two_sets_keeps_both);
    tcase_add_test(tc, test_set_before_an_exit_is_kept);
    tcase_add_test(
        tc, test_vector_slot_forwards_whole_and_conflicts_with_its_parts);
    return tc;
}
