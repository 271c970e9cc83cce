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

/* x = y; y = x: the second write stores what the slot holds already. */
START_TEST(test_set_of_the_value_a_slot_holds_is_removed)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, IR_I64, 8), c;

    ir_set(b, 16, a);
    ir_set(b, 8, a); /* 8 holds a: it was read there */
    c = ir_get(b, IR_I64, 24);
    ir_set(b, 32, c);
    ir_set(b, 16, a); /* 16 holds a: it was stored there */
    ir_goto_pc(b, 0, 0);
    opt_state_forward(b);
    ck_assert_uint_eq(b->ops[1].opc, IR_SET);
    ck_assert_uint_eq(b->ops[2].opc, IR_NOP);
    ck_assert_uint_eq(b->ops[4].opc, IR_SET);
    ck_assert_uint_eq(b->ops[5].opc, IR_NOP);
    ir_block_free(b);
}
END_TEST

/* The same through opt_block, and the writes that must stay: the slot was
 * written in between, the temp was reassigned, or a label came between. */
START_TEST(test_set_of_a_changed_slot_or_temp_is_kept)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, IR_I64, 8), d = ir_get(b, IR_I64, 40);
    ir_label l = ir_new_label(b);

    ir_set(b, 16, a);
    ir_set(b, 8, a); /* dropped: 8 holds a */
    ir_set(b, 24, a);
    ir_set(b, 24, ir_const(b, IR_I64, 3));
    ir_set(b, 24, a); /* 24 holds 3 now */
    ir_set(b, 32, d);
    ir_mov(b, d, ir_binop(b, IR_ADD, d, ir_const(b, IR_I64, 1)));
    ir_set(b, 32, d); /* d is another value now */
    ir_brcond(b, IR_EQ, a, ir_const(b, IR_I64, 0), l);
    ir_set_label(b, l);
    ir_set(b, 16, a); /* another path may arrive here */
    ir_goto_pc(b, 0, 0);
    opt_block(b);
    /* get, get, set 16, set 24 = a (the two before it are dead), add,
     * set 32 (the first is dead), brcond, label, set 16, goto */
    ck_assert_uint_eq(b->nops, 10);
    ck_assert_uint_eq(b->ops[2].opc, IR_SET);
    ck_assert_uint_eq(b->ops[2].imm, 16);
    ck_assert_uint_eq(b->ops[3].opc, IR_SET);
    ck_assert_uint_eq(b->ops[3].imm, 24);
    ck_assert_uint_eq(b->ops[3].args[1], a);
    ck_assert_uint_eq(b->ops[5].opc, IR_SET);
    ck_assert_uint_eq(b->ops[5].imm, 32);
    ck_assert_uint_eq(b->ops[6].opc, IR_BRCOND);
    ck_assert_uint_eq(b->ops[8].opc, IR_SET);
    ck_assert_uint_eq(b->ops[8].imm, 16);
    ir_block_free(b);
}
END_TEST

/* How many ops of b are opc. */
static unsigned count_ops(const struct ir_block *b, enum ir_opc opc)
{
    unsigned n = 0;

    for (uint32_t i = 0; i < b->nops; i++)
        n += b->ops[i].opc == opc;
    return n;
}

/* The value the last IR_SET to off stores. */
static ir_temp set_value(const struct ir_block *b, uint32_t off)
{
    ir_temp v = IR_NO_TEMP;

    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_SET && b->ops[i].imm == off)
            v = b->ops[i].args[1];
    return v;
}

/* A label only one branch reaches, with nothing falling into it, starts
 * with what the branch knew: a side path (if x: ...; exit; L: ...). */
START_TEST(test_a_branch_only_label_keeps_what_its_branch_knew)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8), a = ir_get(b, IR_I64, 64);
    ir_temp v = ir_get(b, IR_I64, 72);
    ir_label l = ir_new_label(b);

    ir_store(b, IR_MO_64, a, 16, v);
    ir_brcond(b, IR_EQ, x, ir_const(b, IR_I64, 0), l);
    ir_set(b, 8, ir_const(b, IR_I64, 5));
    ir_goto_pc(b, 0, 0x100);
    ir_set_label(b, l);
    ir_set(b, 24, ir_get(b, IR_I64, 8));
    ir_set(b, 32, ir_load(b, IR_I64, IR_MO_64, a, 16));
    ir_goto_pc(b, 1, 0x200);
    opt_block(b);
    ck_assert_uint_eq(count_ops(b, IR_GET), 3);
    ck_assert_uint_eq(count_ops(b, IR_LOAD), 0);
    ck_assert_uint_eq(set_value(b, 24), x);
    ck_assert_uint_eq(set_value(b, 32), v);
    ir_block_free(b);
}
END_TEST

/* ... but not one that the path before falls into, nor one that two
 * branches reach. */
START_TEST(test_a_label_reached_two_ways_forgets)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_I64, 8);
    ir_label l1 = ir_new_label(b), l2 = ir_new_label(b);

    ir_brcond(b, IR_EQ, x, ir_const(b, IR_I64, 0), l1);
    ir_set(b, 8, ir_const(b, IR_I64, 5));
    ir_set_label(b, l1); /* fallen into with 8 = 5 */
    ir_set(b, 24, ir_get(b, IR_I64, 8));
    ir_brcond(b, IR_EQ, x, ir_const(b, IR_I64, 1), l2);
    ir_brcond(b, IR_EQ, x, ir_const(b, IR_I64, 2), l2);
    ir_goto_pc(b, 0, 0x100);
    ir_set_label(b, l2);
    ir_set(b, 32, ir_get(b, IR_I64, 16));
    ir_goto_pc(b, 1, 0x200);
    opt_block(b);
    ck_assert_uint_eq(count_ops(b, IR_GET), 3);
    ck_assert_uint_ne(set_value(b, 24), x);
    ir_block_free(b);
}
END_TEST

/* A load of what a plain store of the same size wrote through the same
 * unchanged base temp reads the stored temp; a store that may overlap
 * (another base, or the same bytes in part) or an ordered access stops
 * that. */
START_TEST(test_a_load_after_a_store_reads_the_stored_value)
{
    struct ir_block *b = ir_block_new();
    ir_temp a = ir_get(b, IR_I64, 8), p = ir_get(b, IR_I64, 16);
    ir_temp v = ir_get(b, IR_I64, 24), w = ir_get(b, IR_I32, 32);

    ir_store(b, IR_MO_64, a, 8, v);
    ir_store(b, IR_MO_32, a, 16, w);  /* beside it */
    ir_set(b, 40, ir_load(b, IR_I64, IR_MO_64, a, 8));        /* v */
    ir_set(b, 44, ir_load(b, IR_I32, IR_MO_32, a, 16));       /* w */
    ir_set(b, 48, ir_load(b, IR_I64, IR_MO_32, a, 16));       /* widened */
    ir_set(b, 56, ir_load(b, IR_I64, IR_MO_64, a, 0));        /* not stored */
    ir_store(b, IR_MO_8, a, 9, w);    /* inside the first */
    ir_set(b, 64, ir_load(b, IR_I64, IR_MO_64, a, 8));
    ir_store(b, IR_MO_64, a, 8, v);
    ir_store(b, IR_MO_64, p, 0, v);   /* p may be a + 8 */
    ir_set(b, 72, ir_load(b, IR_I64, IR_MO_64, a, 8));
    ir_store(b, IR_MO_64, a, 8, v);
    ir_fence(b, IR_MO_ACQ | IR_MO_REL);
    ir_set(b, 80, ir_load(b, IR_I64, IR_MO_64, a, 8));
    ir_goto_pc(b, 0, 0);
    opt_block(b);
    ck_assert_uint_eq(set_value(b, 40), v);
    ck_assert_uint_eq(set_value(b, 44), w);
    ck_assert_uint_eq(count_ops(b, IR_LOAD), 5);
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
    tcase_add_test(tc, test_set_of_the_value_a_slot_holds_is_removed);
    tcase_add_test(tc, test_set_of_a_changed_slot_or_temp_is_kept);
    tcase_add_test(tc, test_a_branch_only_label_keeps_what_its_branch_knew);
    tcase_add_test(tc, test_a_label_reached_two_ways_forgets);
    tcase_add_test(tc, test_a_load_after_a_store_reads_the_stored_value);
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
