/* tests/unit/check_x64_loop.c: a block that jumps back to its own start
 * keeps guest registers in host registers (x64_loop.c): it loops without
 * leaving, and every way out (the exit, an exit request) leaves the state
 * as the guest would see it. */
#include "tests/unit/x64_suites.h"

#define LOOP_PC 0x7000
#define EXIT_PC 0x7100

static ir_temp get64(struct ir_block *b, int i)
{
    return ir_get(b, IR_I64, R_OFF(i));
}

static ir_temp add64(struct ir_block *b, ir_temp a, uint64_t k)
{
    return ir_binop(b, IR_ADD, a, ir_const(b, IR_I64, k));
}

/* r0 += 1; r1 += r0; (with h, h(r0)); loop while r0 != n, then out
 * through slot 0. */
static void counting_loop(struct ir_block *b, uint64_t n,
                          const struct ir_helper *h)
{
    ir_label again;
    ir_temp i;

    ir_block_reset(b, LOOP_PC);
    again = ir_new_label(b);
    i = add64(b, get64(b, 0), 1);
    ir_set(b, R_OFF(0), i);
    ir_set(b, R_OFF(1), ir_binop(b, IR_ADD, get64(b, 1), i));
    if (h)
        ir_call(b, h, i, IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
    ir_brcond(b, IR_NE, i, ir_const(b, IR_I64, n), again);
    ir_goto_pc(b, 0, EXIT_PC);
    ir_set_label(b, again);
    ir_goto_pc(b, 1, LOOP_PC);
}

static struct run_result run_loop(struct ir_block *b, struct tenv *e,
                                  bool inner, struct host_block_info *info)
{
    struct run_result out;
    const void *rx;

    host_set_inner_loops(inner);
    rx = th_compile(b, info);
    host_set_inner_loops(false);
    host_fp_begin(e, 0);
    host_run(rx, e, &out);
    host_fp_end(e);
    return out;
}

START_TEST(test_a_loop_runs_to_its_end_without_leaving)
{
    struct ir_block *b = ir_block_new();
    struct host_block_info info = {0};
    struct run_result out;
    struct tenv e;

    counting_loop(b, 100, NULL);
    th_env_init(&e);
    out = run_loop(b, &e, true, &info);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, 0);
    ck_assert_uint_eq(e.common.pc, EXIT_PC);
    ck_assert_uint_eq(e.r[0], 100);
    ck_assert_uint_eq(e.r[1], 5050);
    ck_assert_uint_eq(info.chain_offset[1], HOST_NO_CHAIN); /* no slot */
    /* Without: one round, then out through the unchained slot back. */
    th_env_init(&e);
    out = run_loop(b, &e, false, &info);
    ck_assert_int_eq(out.slot, 1);
    ck_assert_uint_eq(e.common.pc, LOOP_PC);
    ck_assert_uint_eq(e.r[0], 1);
    ck_assert_uint_eq(e.r[1], 1);
    ck_assert_uint_ne(info.chain_offset[1], HOST_NO_CHAIN);
    ir_block_free(b);
}
END_TEST

/* A helper that touches no guest state (so the loop still holds its
 * registers) and raises an exit request at 50, as a signal handler would. */
static uint64_t helper_request_at_50(void *env, uint64_t a, uint64_t b,
                                     uint64_t c, uint64_t d)
{
    (void)b, (void)c, (void)d;
    if (a == 50)
        ((struct tenv *)env)->common.exit_request = 1;
    return a;
}

static const struct ir_helper request_at_50 = {
    "request_at_50", helper_request_at_50, 1, IR_I64, 0};

START_TEST(test_an_exit_request_leaves_the_loop_with_its_registers_stored)
{
    struct ir_block *b = ir_block_new();
    struct run_result out;
    struct tenv e;

    counting_loop(b, 100, &request_at_50);
    th_env_init(&e);
    out = run_loop(b, &e, true, NULL);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, LOOP_PC);
    ck_assert_uint_eq(e.r[0], 50);
    ck_assert_uint_eq(e.r[1], 1275);
    ir_block_free(b);
}
END_TEST

/* r2 is written whole and read in part (its high half copied to r3): the
 * part must see this round's value, so r2 stays in memory. r4 is written
 * from a value that is also kept after the write. */
START_TEST(test_a_register_read_in_part_stays_exact)
{
    struct ir_block *b = ir_block_new();
    struct tenv e;
    ir_label again;
    ir_temp i, r2, r4;

    ir_block_reset(b, LOOP_PC);
    again = ir_new_label(b);
    i = add64(b, get64(b, 0), 1);
    ir_set(b, R_OFF(0), i);
    r2 = add64(b, get64(b, 2), 0x100000003ull);
    ir_set(b, R_OFF(2), r2);
    ir_set(b, R_OFF(3), ir_get(b, IR_I32, R_OFF(2) + 4));
    r4 = ir_binop(b, IR_XOR, get64(b, 4), i);
    ir_set(b, R_OFF(4), r4);
    ir_set(b, R_OFF(5), ir_binop(b, IR_ADD, r4, get64(b, 5)));
    ir_brcond(b, IR_NE, i, ir_const(b, IR_I64, 10), again);
    ir_goto_pc(b, 0, EXIT_PC);
    ir_set_label(b, again);
    ir_goto_pc(b, 1, LOOP_PC);
    th_env_init(&e);
    e.r[3] = 0xdeadbeef00000000ull;
    run_loop(b, &e, true, NULL);
    ck_assert_uint_eq(e.r[0], 10);
    ck_assert_uint_eq(e.r[2], 10 * 0x100000003ull);
    /* the 32-bit GET zero-extends (ir.h), the SET writes 4 bytes */
    ck_assert_uint_eq(e.r[3], 0xdeadbeef00000000ull | 10);
    uint64_t want4 = 0, want5 = 0;
    for (uint64_t k = 1; k <= 10; k++)
        want4 ^= k, want5 += want4;
    ck_assert_uint_eq(e.r[4], want4);
    ck_assert_uint_eq(e.r[5], want5);
    ir_block_free(b);
}
END_TEST

/* Runs body (which the loop follows with r8 += 1 while r8 != 7) and
 * returns the state after. */
static void run_rounds(void (*body)(struct ir_block *), struct tenv *e)
{
    struct ir_block *b = ir_block_new();
    ir_label again;
    ir_temp n;

    ir_block_reset(b, LOOP_PC);
    again = ir_new_label(b);
    body(b);
    n = add64(b, get64(b, 8), 1);
    ir_set(b, R_OFF(8), n);
    ir_brcond(b, IR_NE, n, ir_const(b, IR_I64, 7), again);
    ir_goto_pc(b, 0, EXIT_PC);
    ir_set_label(b, again);
    ir_goto_pc(b, 1, LOOP_PC);
    th_env_init(e);
    e->r[6] = 100, e->r[7] = 200;
    run_loop(b, e, true, NULL);
    ck_assert_uint_eq(e->r[8], 7);
    ir_block_free(b);
}

/* r6 = r7 + 1 and r7 = old r6 + 3: the new r6 is made while the old one
 * is still to be read. */
static void body_swap(struct ir_block *b)
{
    ir_temp g6 = get64(b, 6), v = add64(b, get64(b, 7), 1);
    ir_temp t = add64(b, g6, 3);

    ir_set(b, R_OFF(6), v);
    ir_set(b, R_OFF(7), t);
}

/* The same, with the old r6 read after the new one is written. */
static void body_swap_late(struct ir_block *b)
{
    ir_temp g6 = get64(b, 6), v = add64(b, get64(b, 7), 1);

    ir_set(b, R_OFF(6), v);
    ir_set(b, R_OFF(7), add64(b, g6, 3));
}

/* r6 += 1, then r6 += 5, and r7 += the value between the two. */
static void body_twice(struct ir_block *b)
{
    ir_temp a = add64(b, get64(b, 6), 1);

    ir_set(b, R_OFF(6), a);
    ir_set(b, R_OFF(6), add64(b, a, 5));
    ir_set(b, R_OFF(7), ir_binop(b, IR_ADD, a, get64(b, 7)));
}

/* r6 += 10 only in rounds where r8 is odd: the sum is made before the
 * branch that skips its SET. */
static void body_skipped(struct ir_block *b)
{
    ir_label skip = ir_new_label(b);
    ir_temp v = add64(b, get64(b, 6), 10);
    ir_temp odd = ir_binop(b, IR_AND, get64(b, 8), ir_const(b, IR_I64, 1));

    ir_brcond(b, IR_EQ, odd, ir_const(b, IR_I64, 0), skip);
    ir_set(b, R_OFF(6), v);
    ir_set_label(b, skip);
}

START_TEST(test_values_made_in_held_registers_leave_old_ones_intact)
{
    struct tenv e;
    uint64_t r6 = 100, r7 = 200;

    for (int k = 0; k < 7; k++) {
        uint64_t n6 = r7 + 1;

        r7 = r6 + 3, r6 = n6;
    }
    run_rounds(body_swap, &e);
    ck_assert_uint_eq(e.r[6], r6);
    ck_assert_uint_eq(e.r[7], r7);
    run_rounds(body_swap_late, &e);
    ck_assert_uint_eq(e.r[6], r6);
    ck_assert_uint_eq(e.r[7], r7);
    run_rounds(body_twice, &e);
    ck_assert_uint_eq(e.r[6], 100 + 7 * 6);
    ck_assert_uint_eq(e.r[7], 200 + 7 * 101 + 6 * (6 * 7 / 2));
    run_rounds(body_skipped, &e);
    ck_assert_uint_eq(e.r[6], 100 + 3 * 10); /* r8 = 1, 3, 5 */
}
END_TEST

TCase *x64_tcase_loop(void)
{
    TCase *tc = tcase_create("loop");

    tcase_add_test(tc, test_a_loop_runs_to_its_end_without_leaving);
    tcase_add_test(tc,
                   test_an_exit_request_leaves_the_loop_with_its_registers_stored);
    tcase_add_test(tc, test_a_register_read_in_part_stays_exact);
    tcase_add_test(tc, test_values_made_in_held_registers_leave_old_ones_intact);
    return tc;
}
