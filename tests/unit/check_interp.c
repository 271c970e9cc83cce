/* tests/unit/check_interp.c: the reference interpreter's control flow,
 * exits, guest state access and helper calls. */
#include "tests/unit/check_interp.h"

START_TEST(test_goto_pc_sets_the_pc_and_the_chain_slot)
{
    for (unsigned slot = 0; slot < 2; slot++) {
        struct ir_block *b = ir_block_new();
        struct tenv e = tenv_new(NULL);
        struct run_result r;

        ir_insn_start(b, 0x10078);
        ir_goto_pc(b, slot, 0x1007c + slot);
        r = run_on(b, &e);
        ck_assert_int_eq(r.end, RUN_GOTO);
        ck_assert_int_eq(r.slot, (int)slot);
        ck_assert_uint_eq(r.exit_site, 0);
        ck_assert_uint_eq(e.common.pc, 0x1007c + slot);
        ir_block_free(b);
    }
}
END_TEST

START_TEST(test_goto_ptr_jumps_to_a_computed_pc_without_a_slot)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    struct run_result r;

    ir_goto_ptr(b, ir_binop(b, IR_AND, state_value(b, IR_I64, 1, 0x20003, &e),
                            ir_const(b, IR_I64, ~1ull)));
    r = run_on(b, &e);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_int_eq(r.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x20002);
    ir_block_free(b);
}
END_TEST

START_TEST(test_exit_reports_every_reason_with_its_pc)
{
    for (unsigned why = 0; why < IR_NEXITS; why++) {
        struct ir_block *b = ir_block_new();
        struct tenv e = tenv_new(NULL);
        struct run_result r;

        ir_exit(b, why, 0x4000 + 4 * why);
        r = run_on(b, &e);
        ck_assert_int_eq(r.end, RUN_EXIT);
        ck_assert_int_eq(r.reason, (int)why);
        ck_assert_int_eq(r.slot, -1);
        ck_assert_uint_eq(e.common.pc, 0x4000 + 4 * why);
        ir_block_free(b);
    }
}
END_TEST

/* if (x1 cond x2) goto 0x200 else goto 0x100; returns the pc. */
static uint64_t branch(enum ir_type t, enum ir_cond c, uint64_t a, uint64_t v)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_label taken = ir_new_label(b);

    ir_brcond(b, c, state_value(b, t, 1, a, &e), state_value(b, t, 2, v, &e),
              taken);
    ir_goto_pc(b, 0, 0x100);
    ir_set_label(b, taken);
    ir_goto_pc(b, 1, 0x200);
    run_on(b, &e);
    ir_block_free(b);
    return e.common.pc;
}

START_TEST(test_brcond_jumps_only_when_the_condition_holds)
{
    ck_assert_uint_eq(branch(IR_I64, IR_EQ, 5, 5), 0x200);
    ck_assert_uint_eq(branch(IR_I64, IR_EQ, 5, 6), 0x100);
    ck_assert_uint_eq(branch(IR_I32, IR_LT, 0xffffffff, 0), 0x200);
    ck_assert_uint_eq(branch(IR_I32, IR_LTU, 0xffffffff, 0), 0x100);
    ck_assert_uint_eq(branch(IR_I64, IR_GE, 0x8000000000000000ull, 0), 0x100);
    ck_assert_uint_eq(branch(IR_I64, IR_GEU, 0x8000000000000000ull, 0), 0x200);
}
END_TEST

/* Two diamonds in a row, their labels numbered out of placement order:
 * x0 = (x1 ? 10 : 20) + (x2 ? 1 : 2). */
static uint64_t two_diamonds(uint64_t c1, uint64_t c2)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_label l_join2 = ir_new_label(b), l_else1 = ir_new_label(b);
    ir_label l_join1 = ir_new_label(b), l_else2 = ir_new_label(b);
    ir_temp zero = ir_const(b, IR_I64, 0), acc = ir_new_temp(b, IR_I64);
    ir_temp low = ir_new_temp(b, IR_I64);

    ir_brcond(b, IR_EQ, state_value(b, IR_I64, 1, c1, &e), zero, l_else1);
    ir_mov(b, acc, ir_const(b, IR_I64, 10));
    ir_br(b, l_join1);
    ir_set_label(b, l_else1);
    ir_mov(b, acc, ir_const(b, IR_I64, 20));
    ir_set_label(b, l_join1);
    ir_brcond(b, IR_EQ, state_value(b, IR_I64, 2, c2, &e), zero, l_else2);
    ir_mov(b, low, ir_const(b, IR_I64, 1));
    ir_br(b, l_join2);
    ir_set_label(b, l_else2);
    ir_mov(b, low, ir_const(b, IR_I64, 2));
    ir_set_label(b, l_join2);
    return finish_on(b, ir_binop(b, IR_ADD, acc, low), &e);
}

START_TEST(test_branches_and_labels_route_every_path)
{
    ck_assert_uint_eq(two_diamonds(1, 1), 11);
    ck_assert_uint_eq(two_diamonds(1, 0), 12);
    ck_assert_uint_eq(two_diamonds(0, 1), 21);
    ck_assert_uint_eq(two_diamonds(0, 0), 22);
}
END_TEST

START_TEST(test_ops_after_an_exit_do_not_run)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_NE, state_value(b, IR_I64, 1, 1, &e),
              ir_const(b, IR_I64, 0), l);
    ir_set(b, X(3), ir_const(b, IR_I64, 33));
    ir_exit(b, IR_EXIT_ILLEGAL, 0x10);
    ir_set_label(b, l);
    ir_set(b, X(4), ir_const(b, IR_I64, 44));
    ir_exit(b, IR_EXIT_BREAKPOINT, 0x20);
    ck_assert_int_eq(run_on(b, &e).reason, IR_EXIT_BREAKPOINT);
    ck_assert_uint_eq(e.x[3], 0);
    ck_assert_uint_eq(e.x[4], 44);
    ir_block_free(b);
}
END_TEST

START_TEST(test_get_and_set_move_exactly_the_type_size)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);

    e.x[1] = 0x1111111122222222ull;
    e.x[2] = 0x3333333344444444ull;
    e.x[3] = 0x5555555566666666ull;
    e.x[4] = e.x[5] = ~0ull;
    memset(e.v[1], 0x77, 16);
    ir_set(b, X(4), ir_get(b, IR_I32, X(1)));
    ir_set(b, X(5), ir_get(b, IR_F32, X(2)));
    ir_set(b, X(6), ir_get(b, IR_F64, X(3)));
    ir_set(b, X(7), ir_get(b, IR_I64, X(1) + 4));
    ir_set(b, V(0), ir_get(b, IR_V128, V(1)));
    ir_exit(b, IR_EXIT_HALT, 0);
    run_on(b, &e);
    ck_assert_uint_eq(e.x[4], 0xffffffff22222222ull);
    ck_assert_uint_eq(e.x[5], 0xffffffff44444444ull);
    ck_assert_uint_eq(e.x[6], 0x5555555566666666ull);
    ck_assert_uint_eq(e.x[7], 0x4444444411111111ull);
    ck_assert_mem_eq(e.v[0], e.v[1], 16);
    ir_block_free(b);
}
END_TEST

START_TEST(test_insn_start_and_nop_do_nothing)
{
    struct ir_block *b = ir_block_new();
    ir_temp r;

    ir_insn_start(b, 0x1000);
    r = ir_binop(b, IR_ADD, ir_const(b, IR_I64, 2), ir_const(b, IR_I64, 3));
    ir_append(b, IR_NOP, IR_I64);
    ir_insn_start(b, 0x1004);
    ck_assert_uint_eq(finish(b, r), 5);
}
END_TEST

/* Helpers record what they were given. */
static void *seen_env;
static uint64_t seen[4];

static uint64_t record_helper(void *env, uint64_t a, uint64_t b, uint64_t c,
                              uint64_t d)
{
    seen_env = env;
    seen[0] = a;
    seen[1] = b;
    seen[2] = c;
    seen[3] = d;
    return a * 1000 + b + 0xabcdef0000000000ull;
}

static const struct ir_helper two_args_i32 = {"two_args", record_helper, 2,
                                              IR_I32, 0};
static const struct ir_helper four_args_i64 = {"four_args", record_helper, 4,
                                               IR_I64, IR_HELPER_PURE};
static const struct ir_helper no_result = {"no_result", record_helper, 1,
                                           IR_NTYPES,
                                           IR_HELPER_WRITES_STATE};

START_TEST(test_call_passes_env_args_and_zero_for_unused)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp r = ir_call(b, &two_args_i32, state_value(b, IR_I64, 1, 7, &e),
                        ir_const(b, IR_I32, 9), IR_NO_TEMP, IR_NO_TEMP);

    seen[2] = seen[3] = 99;
    /* The i32 result is cut to 32 bits: 7009 + 0xabcdef0000000000. */
    ck_assert_uint_eq(finish_on(b, r, &e), 7009);
    ck_assert_ptr_eq(seen_env, &e);
    ck_assert_uint_eq(seen[0], 7);
    ck_assert_uint_eq(seen[1], 9);
    ck_assert_uint_eq(seen[2], 0);
    ck_assert_uint_eq(seen[3], 0);
}
END_TEST

START_TEST(test_call_with_four_args_and_a_64_bit_result)
{
    struct ir_block *b = ir_block_new();
    ir_temp r = ir_call(b, &four_args_i64, ir_const(b, IR_I64, 1),
                        ir_const(b, IR_I64, 2), ir_const(b, IR_F64, 3),
                        ir_const(b, IR_I32, 4));

    ck_assert_uint_eq(finish(b, r), 0xabcdef0000000000ull + 1002);
    ck_assert_uint_eq(seen[2], 3);
    ck_assert_uint_eq(seen[3], 4);
}
END_TEST

START_TEST(test_call_without_result)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);

    seen[0] = 0;
    ck_assert_uint_eq(ir_call(b, &no_result, ir_const(b, IR_I64, 5), IR_NO_TEMP,
                              IR_NO_TEMP, IR_NO_TEMP), IR_NO_TEMP);
    ir_exit(b, IR_EXIT_SYSCALL, 0);
    run_on(b, &e);
    ck_assert_uint_eq(seen[0], 5);
    ir_block_free(b);
}
END_TEST

/* More V128 temps than the interpreter keeps on its stack. */
START_TEST(test_a_block_with_many_vector_temps_runs)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp v = ir_vdup(b, IR_MO_8, ir_const(b, IR_I64, 0));

    for (unsigned i = 0; i < 100; i++)
        v = ir_vbinop(b, IR_VADD, IR_MO_8, v,
                      ir_vdup(b, IR_MO_8, ir_const(b, IR_I64, 1)));
    ir_set(b, V(0), v);
    ir_exit(b, IR_EXIT_HALT, 0);
    run_on(b, &e);
    for (unsigned i = 0; i < 16; i++)
        ck_assert_uint_eq(e.v[0][i], 100);
    ir_block_free(b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("interp");
    TCase *tc = tcase_create("flow");

    tcase_add_test(tc, test_goto_pc_sets_the_pc_and_the_chain_slot);
    tcase_add_test(tc, test_goto_ptr_jumps_to_a_computed_pc_without_a_slot);
    tcase_add_test(tc, test_exit_reports_every_reason_with_its_pc);
    tcase_add_test(tc, test_brcond_jumps_only_when_the_condition_holds);
    tcase_add_test(tc, test_branches_and_labels_route_every_path);
    tcase_add_test(tc, test_ops_after_an_exit_do_not_run);
    tcase_add_test(tc, test_get_and_set_move_exactly_the_type_size);
    tcase_add_test(tc, test_insn_start_and_nop_do_nothing);
    tcase_add_test(tc, test_call_passes_env_args_and_zero_for_unused);
    tcase_add_test(tc, test_call_with_four_args_and_a_64_bit_result);
    tcase_add_test(tc, test_call_without_result);
    tcase_add_test(tc, test_a_block_with_many_vector_temps_runs);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
