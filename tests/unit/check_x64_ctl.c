/* tests/unit/check_x64_ctl.c: the x86-64 back end's guest memory access,
 * branches, exits, helper calls, register pressure and block chaining. */
#include "tests/unit/x64_suites.h"

static struct ir_block *block(void)
{
    return ir_block_new();
}

static ir_temp get64(struct ir_block *b, int i)
{
    return ir_get(b, IR_I64, R_OFF(i));
}

START_TEST(test_loads_extend_by_size_and_sign)
{
    struct ir_block *b = block();
    ir_temp a = get64(b, 0);
    static const uint8_t bytes[8] = {0x81, 0x82, 0x83, 0x84,
                                     0x85, 0x86, 0x87, 0x88};
    struct tenv e;

    ir_set(b, R_OFF(1), ir_load(b, IR_I64, IR_MO_8, a, 0));
    ir_set(b, R_OFF(2), ir_load(b, IR_I64, IR_MO_8 | IR_MO_SIGN, a, 0));
    ir_set(b, R_OFF(3), ir_load(b, IR_I64, IR_MO_16 | IR_MO_SIGN, a, 2));
    ir_set(b, R_OFF(4), ir_load(b, IR_I64, IR_MO_32 | IR_MO_SIGN, a, 4));
    ir_set(b, R_OFF(5), ir_load(b, IR_I64, IR_MO_32, a, 4));
    ir_set(b, R_OFF(6), ir_load(b, IR_I64, IR_MO_64, a, 0));
    ir_set(b, R_OFF(7), ir_load(b, IR_I32, IR_MO_16 | IR_MO_SIGN, a, 0));
    ir_set(b, R_OFF(8), ir_load(b, IR_I64, IR_MO_16, get64(b, 9), -8));
    ir_goto_pc(b, 0, 0x2000);
    th_env_init(&e);
    memcpy(th_guest + 0x100, bytes, 8);
    e.r[0] = 0x100;
    e.r[7] = ~0ull;
    e.r[9] = 0x108;
    th_run(b, &e);
    ck_assert_uint_eq(e.r[1], 0x81);
    ck_assert_uint_eq(e.r[2], 0xffffffffffffff81ull);
    ck_assert_uint_eq(e.r[3], 0xffffffffffff8483ull);
    ck_assert_uint_eq(e.r[4], 0xffffffff88878685ull);
    ck_assert_uint_eq(e.r[5], 0x88878685ull);
    ck_assert_uint_eq(e.r[6], 0x8887868584838281ull);
    ck_assert_uint_eq(e.r[7], 0xffffffff00000000ull | 0xffff8281u);
    ck_assert_uint_eq(e.r[8], 0x8281);
    ir_block_free(b);
}
END_TEST

START_TEST(test_stores_write_only_their_size)
{
    struct ir_block *b = block();
    ir_temp a = get64(b, 0), v = get64(b, 1);
    struct tenv e;

    ir_store(b, IR_MO_8, a, 0, v);
    ir_store(b, IR_MO_16, a, 8, v);
    ir_store(b, IR_MO_32, a, 16, v);
    ir_store(b, IR_MO_64, a, 24, v);
    ir_store(b, IR_MO_64, ir_const(b, IR_I64, 0x240), -8,
             ir_const(b, IR_I64, 0x1122334455667788ull));
    ir_store(b, IR_MO_32 | IR_MO_ACQ | IR_MO_REL, a, 32,
             ir_convert(b, IR_TRUNC, IR_I32, v));
    ir_goto_pc(b, 0, 0x2000);
    th_env_init(&e);
    memset(th_guest + 0x200, 0xee, 0x48);
    e.r[0] = 0x200;
    e.r[1] = 0x0102030405060708ull;
    th_run(b, &e);
    ck_assert_uint_eq(th_guest[0x200], 0x08);
    ck_assert_uint_eq(th_guest[0x201], 0xee);
    ck_assert_uint_eq(th_guest[0x208] | th_guest[0x209] << 8, 0x0708);
    ck_assert_uint_eq(th_guest[0x20a], 0xee);
    ck_assert_uint_eq(th_guest[0x214], 0xee);
    ck_assert_uint_eq(th_guest[0x213], 0x05);
    ck_assert_mem_eq(th_guest + 0x218, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
    ck_assert_mem_eq(th_guest + 0x238, "\x88\x77\x66\x55\x44\x33\x22\x11", 8);
    ck_assert_mem_eq(th_guest + 0x220, "\x08\x07\x06\x05\xee", 5);
    ir_block_free(b);
}
END_TEST

/* r[1] = r[0] < 10 ? r[0] * 2 : r[0] + 100, with a temp live across the
 * label on both paths. */
static struct ir_block *branchy(void)
{
    struct ir_block *b = block();
    ir_temp x = get64(b, 0), res = ir_new_temp(b, IR_I64);
    ir_temp keep = ir_binop(b, IR_XOR, x, ir_const(b, IR_I64, 0x55));
    ir_label big = ir_new_label(b), done = ir_new_label(b);

    ir_brcond(b, IR_GEU, x, ir_const(b, IR_I64, 10), big);
    ir_mov(b, res, ir_binop(b, IR_ADD, x, x));
    ir_br(b, done);
    ir_set_label(b, big);
    ir_mov(b, res, ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 100)));
    ir_set_label(b, done);
    ir_set(b, R_OFF(1), res);
    ir_set(b, R_OFF(2), keep);
    ir_goto_pc(b, 1, 0x3000);
    return b;
}

START_TEST(test_branches_take_both_paths_and_keep_temps)
{
    struct ir_block *b = branchy();
    struct run_result out;
    struct tenv e;

    th_env_init(&e);
    e.r[0] = 3;
    out = th_run(b, &e);
    ck_assert_uint_eq(e.r[1], 6);
    ck_assert_uint_eq(e.r[2], 3 ^ 0x55);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, 1);
    ck_assert_uint_eq(e.common.pc, 0x3000);
    th_env_init(&e);
    e.r[0] = 10;
    th_run(b, &e);
    ck_assert_uint_eq(e.r[1], 110);
    ck_assert_uint_eq(e.r[2], 10 ^ 0x55);
    ir_block_free(b);
}
END_TEST

START_TEST(test_exits_report_reason_and_pc)
{
    struct ir_block *b = block();
    ir_label l = ir_new_label(b);
    struct run_result out;
    struct tenv e;

    ir_brcond(b, IR_EQ, get64(b, 0), ir_const(b, IR_I64, 0), l);
    ir_exit(b, IR_EXIT_BREAKPOINT, 0x123456789aull);
    ir_set_label(b, l);
    ir_goto_ptr(b, get64(b, 1));
    th_env_init(&e);
    e.r[0] = 1;
    out = th_run(b, &e);
    ck_assert_int_eq(out.end, RUN_EXIT);
    ck_assert_int_eq(out.reason, IR_EXIT_BREAKPOINT);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x123456789aull);
    th_env_init(&e);
    e.r[1] = 0xfffffffffffff000ull;
    out = th_run(b, &e);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0xfffffffffffff000ull);
    ir_block_free(b);
}
END_TEST

/* The block at 0x4444 "r0 = 99; goto target through slot", run with an
 * exit request pending. */
static struct run_result run_requested(struct ir_block *b, struct tenv *e,
                                       unsigned slot, gva target)
{
    ir_block_reset(b, 0x4444);
    ir_set(b, R_OFF(0), ir_const(b, IR_I64, 99));
    ir_goto_pc(b, slot, target);
    th_env_init(e);
    e->common.exit_request = 1;
    return th_run(b, e);
}

/* Blocks check exit_request at the jumps that can close a loop, not on
 * entry: a goto back leaves as no slot, with the block's state written
 * and the pc it was going to. */
START_TEST(test_pending_exit_request_stops_a_backward_goto)
{
    struct ir_block *b = block();
    struct run_result out;
    struct tenv e;

    out = run_requested(b, &e, 1, 0x4444);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x4444);
    ck_assert_uint_eq(e.r[0], 99);
    ir_block_reset(b, 0x4444);
    ir_goto_pc(b, 0, 0x4000);
    out = th_run(b, &e);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x4000);
    e.common.exit_request = 0;
    out = th_run(b, &e);
    ck_assert_int_eq(out.slot, 0);
    ir_block_free(b);
}
END_TEST

/* A forward goto does not look: it raises the pc, so chained forward
 * jumps cannot loop without meeting a check. */
START_TEST(test_forward_goto_leaves_through_its_slot_despite_a_request)
{
    struct ir_block *b = block();
    struct run_result out;
    struct tenv e;

    out = run_requested(b, &e, 2, 0x4448);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, 2);
    ck_assert_uint_eq(e.common.pc, 0x4448);
    ck_assert_uint_eq(e.r[0], 99);
    ir_block_free(b);
}
END_TEST

static uint64_t helper_mix(void *env, uint64_t a, uint64_t b, uint64_t c,
                           uint64_t d)
{
    struct tenv *e = env;

    e->r[20] = 777; /* helpers reach guest state through env */
    return a * 1000 + b * 100 + c * 10 + d;
}

static const struct ir_helper mix = {"mix", helper_mix, 4, IR_I64,
                                     IR_HELPER_WRITES_STATE};

START_TEST(test_call_passes_env_and_arguments_and_keeps_live_temps)
{
    struct ir_block *b = block();
    ir_temp live[12], acc, r;
    struct tenv e;
    uint64_t sum = 0;

    for (int i = 0; i < 12; i++)
        live[i] = get64(b, 4 + i);
    r = ir_call(b, &mix, get64(b, 0), ir_const(b, IR_I64, 2), get64(b, 1),
                ir_const(b, IR_I64, 4));
    acc = live[0];
    for (int i = 1; i < 12; i++)
        acc = ir_binop(b, IR_ADD, acc, live[i]);
    ir_set(b, R_OFF(2), r);
    ir_set(b, R_OFF(3), acc);
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    e.r[0] = 1;
    e.r[1] = 3;
    for (int i = 0; i < 12; i++)
        sum += e.r[4 + i] = 0x100000001ull * (uint64_t)(i + 1);
    th_run(b, &e);
    ck_assert_uint_eq(e.r[2], 1234);
    ck_assert_uint_eq(e.r[3], sum);
    ck_assert_uint_eq(e.r[20], 777);
    ir_block_free(b);
}
END_TEST

/* Many values live at once, read back in reverse: most must be spilled
 * and reloaded exactly. */
START_TEST(test_high_register_pressure_spills_correctly)
{
    struct ir_block *b = block();
    ir_temp t[64];
    struct tenv e;

    for (int i = 0; i < 64; i++)
        t[i] = ir_binop(b, IR_ADD, get64(b, i % 16),
                        ir_const(b, IR_I64, (uint64_t)i << 40));
    for (int i = 0; i < 16; i++) {
        ir_temp acc = t[63 - i];

        for (int j = i + 16; j < 64; j += 16)
            acc = ir_binop(b, IR_XOR, acc, t[63 - j]);
        ir_set(b, R_OFF(16 + i), acc);
    }
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    for (int i = 0; i < 16; i++)
        e.r[i] = 0x1000u + (uint64_t)i;
    th_run(b, &e);
    for (int i = 0; i < 16; i++) {
        uint64_t want = 0;

        for (int j = i; j < 64; j += 16)
            want ^= e.r[(63 - j) % 16] + ((uint64_t)(63 - j) << 40);
        ck_assert_uint_eq(e.r[16 + i], want);
    }
    ir_block_free(b);
}
END_TEST

/* Sixteen reads of the CPU state, each used twice, outlive the registers:
 * the spilled ones whose state stays as it was are read again from it,
 * but r3 and r7 are overwritten while their reads live, so those must
 * keep the old values. */
START_TEST(test_spilled_state_reads_keep_their_values_when_overwritten)
{
    struct ir_block *b = block();
    ir_temp g[16], acc;
    uint64_t want;
    struct tenv e;

    for (int i = 0; i < 16; i++)
        g[i] = get64(b, i);
    ir_set(b, R_OFF(3), ir_const(b, IR_I64, 0xdead));
    ir_set(b, R_OFF(7), ir_binop(b, IR_ADD, g[14], g[15]));
    acc = g[15];
    for (int i = 14; i >= 0; i--) {
        ir_temp half = ir_binop(b, IR_SHR, g[i], ir_const(b, IR_I64, 1));

        acc = ir_binop(b, IR_ADD,
                       ir_binop(b, IR_MUL, acc, ir_const(b, IR_I64, 3)),
                       ir_binop(b, IR_XOR, g[i], half));
    }
    ir_set(b, R_OFF(16), acc);
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    for (int i = 0; i < 16; i++)
        e.r[i] = 0x1000u + 17u * (uint64_t)i;
    want = 0x1000u + 17u * 15u;
    for (int i = 14; i >= 0; i--) {
        uint64_t v = 0x1000u + 17u * (uint64_t)i;

        want = want * 3 + (v ^ v >> 1);
    }
    th_run(b, &e);
    ck_assert_uint_eq(e.r[16], want);
    ck_assert_uint_eq(e.r[3], 0xdead);
    ck_assert_uint_eq(e.r[7], 2 * 0x1000u + 17u * 29u);
    ir_block_free(b);
}
END_TEST

/* With a zero guest base (host_set_zero_guest_base), guest addresses are
 * host ones and the base register holds values too: fourteen loaded
 * values live at once, combined in order, one result stored back. */
START_TEST(test_zero_guest_base_addresses_host_memory_directly)
{
    struct ir_block *b = block();
    ir_temp base = get64(b, 0), v[14], acc;
    uint64_t want = 0, got;
    struct tenv e;

    for (int i = 0; i < 14; i++)
        v[i] = ir_load(b, IR_I64, IR_MO_64, base, 8 * i);
    acc = v[13];
    for (int i = 12; i >= 0; i--)
        acc = ir_binop(b, IR_XOR, ir_binop(b, IR_MUL, acc,
                                           ir_const(b, IR_I64, 5)),
                       v[i]);
    ir_store(b, IR_MO_64, base, 0x100, acc);
    ir_set(b, R_OFF(1), ir_binop(b, IR_ADD, acc, v[7]));
    ir_goto_pc(b, 0, 0x10);
    for (int i = 0; i < 14; i++) {
        uint64_t x = 0x1000 + 77u * (uint64_t)i;

        memcpy(th_guest + 8 * i, &x, 8);
    }
    want = 0x1000 + 77u * 13u;
    for (int i = 12; i >= 0; i--)
        want = want * 5 ^ (0x1000 + 77u * (uint64_t)i);
    host_set_zero_guest_base(true);
    th_env_init(&e);
    e.common.guest_base = 0;
    e.r[0] = (uintptr_t)th_guest;
    th_run(b, &e);
    host_set_zero_guest_base(false);
    memcpy(&got, th_guest + 0x100, 8);
    ck_assert_uint_eq(got, want);
    ck_assert_uint_eq(e.r[1], want + 0x1000 + 77u * 7u);
    ir_block_free(b);
}
END_TEST

START_TEST(test_chained_blocks_jump_directly_and_unchain)
{
    struct ir_block *b1 = block(), *b2 = block();
    struct host_block_info info = {0};
    const uint8_t *rx1;
    const void *rx2;
    uint8_t *slot_rw;
    struct run_result out;
    struct tenv e;

    ir_set(b1, R_OFF(0), ir_binop(b1, IR_ADD, get64(b1, 0),
                                 ir_const(b1, IR_I64, 1)));
    ir_goto_pc(b1, 1, 0x5000);
    ir_set(b2, R_OFF(1), ir_const(b2, IR_I64, 42));
    ir_exit(b2, IR_EXIT_HALT, 0x5000);
    rx1 = th_compile(b1, &info);
    rx2 = th_compile(b2, NULL);
    ck_assert_uint_eq(info.chain_offset[0], HOST_NO_CHAIN);
    ck_assert_uint_ne(info.chain_offset[1], HOST_NO_CHAIN);
    slot_rw = th_mem.rw + (rx1 - th_mem.rx) + info.chain_offset[1];
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, true), 0);
    ck_assert(host_patch_chain(slot_rw, (uintptr_t)rx1 + info.chain_offset[1],
                               (uintptr_t)rx2));
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, false), 0);
    th_env_init(&e);
    host_run(rx1, &e, &out);
    ck_assert_int_eq(out.end, RUN_EXIT);
    ck_assert_int_eq(out.reason, IR_EXIT_HALT);
    ck_assert_uint_eq(e.r[0], 1);
    ck_assert_uint_eq(e.r[1], 42);
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, true), 0);
    ck_assert(host_patch_chain(slot_rw, (uintptr_t)rx1 + info.chain_offset[1],
                               0));
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, false), 0);
    th_env_init(&e);
    host_run(rx1, &e, &out);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, 1);
    ck_assert_uint_eq(e.common.pc, 0x5000);
    ck_assert_uint_eq(e.r[1], 0);
    ir_block_free(b1);
    ir_block_free(b2);
}
END_TEST

static uint64_t helper_count(void *env, uint64_t a, uint64_t b, uint64_t c,
                             uint64_t d)
{
    struct tenv *e = env;

    (void)b, (void)c, (void)d;
    if (a + 1 == 100)
        e->common.exit_request = 1; /* as a signal handler would */
    return a + 1;
}

static const struct ir_helper count = {"count", helper_count, 1, IR_I64,
                                       IR_HELPER_WRITES_STATE};

START_TEST(test_chained_loop_notices_an_exit_request)
{
    struct ir_block *b = block();
    struct host_block_info info = {0};
    const uint8_t *rx;
    struct run_result out;
    struct tenv e;

    ir_block_reset(b, 0x6000);
    ir_set(b, R_OFF(0), ir_call(b, &count, get64(b, 0), IR_NO_TEMP,
                                IR_NO_TEMP, IR_NO_TEMP));
    ir_goto_pc(b, 0, 0x6000);
    rx = th_compile(b, &info);
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, true), 0);
    ck_assert(host_patch_chain(th_mem.rw + (rx - th_mem.rx) +
                                   info.chain_offset[0],
                               (uintptr_t)rx + info.chain_offset[0],
                               (uintptr_t)rx));
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, false), 0);
    th_env_init(&e);
    host_run(rx, &e, &out);
    ck_assert_uint_eq(e.r[0], 100);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x6000);
    ir_block_free(b);
}
END_TEST

static const void *lookup_target;

static const void *lookup_5000(void *env, gva pc)
{
    struct tenv *e = env;

    e->r[21] = pc; /* called with env and the pc, already stored */
    ck_assert_uint_eq(e->common.pc, pc);
    return pc == 0x5000 ? lookup_target : NULL;
}

START_TEST(test_goto_ptr_jumps_to_what_the_lookup_finds)
{
    struct ir_block *b1 = block(), *b2 = block();
    const void *rx1;
    struct run_result out;
    struct tenv e;

    ir_goto_ptr(b1, ir_binop(b1, IR_ADD, get64(b1, 0),
                             ir_const(b1, IR_I64, 0x1000)));
    ir_set(b2, R_OFF(1), ir_const(b2, IR_I64, 42));
    ir_exit(b2, IR_EXIT_HALT, 0x5004);
    lookup_target = th_compile(b2, NULL);
    host_set_lookup(lookup_5000);
    rx1 = th_compile(b1, NULL);
    host_set_lookup(NULL);
    th_env_init(&e);
    e.r[0] = 0x4000;
    host_run(rx1, &e, &out);
    ck_assert_int_eq(out.end, RUN_EXIT);
    ck_assert_uint_eq(e.r[1], 42);
    ck_assert_uint_eq(e.r[21], 0x5000);
    ck_assert_uint_eq(e.common.pc, 0x5004);
    th_env_init(&e);
    e.r[0] = 0x6000;
    host_run(rx1, &e, &out);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x7000);
    ck_assert_uint_eq(e.r[21], 0x7000);
    ck_assert_uint_eq(e.r[1], 0);
    /* An indirect goto checks exit_request before it looks anything up. */
    th_env_init(&e);
    e.r[0] = 0x4000;
    e.common.exit_request = 1;
    host_run(rx1, &e, &out);
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e.common.pc, 0x5000);
    ck_assert_uint_eq(e.r[21], 0);
    ck_assert_uint_eq(e.r[1], 0);
    ir_block_free(b1);
    ir_block_free(b2);
}
END_TEST

START_TEST(test_insn_offsets_point_into_the_code)
{
    struct ir_block *b = block();
    struct host_block_info info = {0};
    uint32_t offs[3] = {~0u, ~0u, ~0u};

    ir_insn_start(b, 0x100);
    ir_set(b, R_OFF(0), ir_const(b, IR_I64, 1));
    ir_insn_start(b, 0x104);
    ir_set(b, R_OFF(1), ir_const(b, IR_I64, 2));
    ir_goto_pc(b, 0, 0x108);
    info.insn_offsets = offs;
    info.insn_cap = 3;
    th_compile(b, &info);
    ck_assert_uint_ne(offs[0], ~0u);
    ck_assert_uint_gt(offs[1], offs[0]);
    ck_assert_uint_eq(offs[2], ~0u);
    ir_block_free(b);
}
END_TEST

START_TEST(test_compile_reports_a_block_that_does_not_fit)
{
    struct ir_block *b = branchy();
    uint8_t buf[16];

    th_init();
    ck_assert_uint_eq(host_compile(b, buf, (uintptr_t)buf, sizeof buf, NULL),
                      0);
    ir_block_free(b);
}
END_TEST

TCase *x64_tcase_ctl(void)
{
    TCase *tc = tcase_create("ctl");

    tcase_add_test(tc, test_loads_extend_by_size_and_sign);
    tcase_add_test(tc, test_stores_write_only_their_size);
    tcase_add_test(tc, test_branches_take_both_paths_and_keep_temps);
    tcase_add_test(tc, test_exits_report_reason_and_pc);
    tcase_add_test(tc, test_pending_exit_request_stops_a_backward_goto);
    tcase_add_test(tc,
                   test_forward_goto_leaves_through_its_slot_despite_a_request);
    tcase_add_test(tc, test_call_passes_env_and_arguments_and_keeps_live_temps);
    tcase_add_test(tc, test_high_register_pressure_spills_correctly);
    tcase_add_test(tc, test_zero_guest_base_addresses_host_memory_directly);
    tcase_add_test(tc,
                   test_spilled_state_reads_keep_their_values_when_overwritten);
    tcase_add_test(tc, test_chained_blocks_jump_directly_and_unchain);
    tcase_add_test(tc, test_chained_loop_notices_an_exit_request);
    tcase_add_test(tc, test_goto_ptr_jumps_to_what_the_lookup_finds);
    tcase_add_test(tc, test_insn_offsets_point_into_the_code);
    tcase_add_test(tc, test_compile_reports_a_block_that_does_not_fit);
    return tc;
}
