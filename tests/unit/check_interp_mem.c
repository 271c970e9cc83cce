/* tests/unit/check_interp_mem.c: the reference interpreter's guest memory
 * ops (every size and sign, offsets, atomics, fences) on a small guest
 * memory buffer, and its 128-bit vector ops. */
#include "tests/unit/check_interp.h"

/* Guest memory: guest address 0 is mem[0]. */
static uint8_t mem[64];

static void setup(void)
{
    for (unsigned i = 0; i < sizeof mem; i++)
        mem[i] = (uint8_t)(0x80 + i);
}

/* Loads at guest address addr + off with memop mo into a type-t temp. */
static uint64_t load(enum ir_type t, unsigned mo, uint64_t addr, int64_t off)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);

    return finish_on(b, ir_load(b, t, mo, state_value(b, IR_I64, 1, addr, &e),
                                off), &e);
}

START_TEST(test_loads_zero_extend_every_size)
{
    ck_assert_uint_eq(load(IR_I64, IR_MO_8, 4, 0), 0x84);
    ck_assert_uint_eq(load(IR_I64, IR_MO_16, 4, 0), 0x8584);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32, 4, 0), 0x87868584);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64, 8, 0), 0x8f8e8d8c8b8a8988ull);
    ck_assert_uint_eq(load(IR_I32, IR_MO_8, 0, 0), 0x80);
    ck_assert_uint_eq(load(IR_I32, IR_MO_32, 0, 0), 0x83828180);
}
END_TEST

START_TEST(test_loads_sign_extend_to_the_result_type)
{
    ck_assert_uint_eq(load(IR_I64, IR_MO_8 | IR_MO_SIGN, 4, 0),
                      0xffffffffffffff84ull);
    ck_assert_uint_eq(load(IR_I64, IR_MO_16 | IR_MO_SIGN, 4, 0),
                      0xffffffffffff8584ull);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32 | IR_MO_SIGN, 4, 0),
                      0xffffffff87868584ull);
    ck_assert_uint_eq(load(IR_I32, IR_MO_8 | IR_MO_SIGN, 4, 0), 0xffffff84);
    ck_assert_uint_eq(load(IR_I32, IR_MO_16 | IR_MO_SIGN, 4, 0), 0xffff8584);
    mem[0] = 0x7f;
    ck_assert_uint_eq(load(IR_I64, IR_MO_8 | IR_MO_SIGN, 0, 0), 0x7f);
}
END_TEST

START_TEST(test_loads_add_signed_offsets_and_allow_misalignment)
{
    ck_assert_uint_eq(load(IR_I64, IR_MO_8, 8, -3), 0x85);
    ck_assert_uint_eq(load(IR_I64, IR_MO_8, 0, 17), 0x91);
    /* The guest address wraps: -1 + 2 is 1. */
    ck_assert_uint_eq(load(IR_I64, IR_MO_8, ~0ull, 2), 0x81);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32, 1, 0), 0x84838281);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64 | IR_MO_ACQ, 3, 0),
                      0x8a89888786858483ull);
}
END_TEST

START_TEST(test_float_loads_keep_the_bits)
{
    ck_assert_uint_eq(load(IR_F32, IR_MO_32, 0, 0), 0x83828180);
    ck_assert_uint_eq(load(IR_F64, IR_MO_64, 0, 8), 0x8f8e8d8c8b8a8988ull);
}
END_TEST

/* Stores v (of type t) with memop mo at guest address addr + off. */
static void store(enum ir_type t, unsigned mo, uint64_t addr, int64_t off,
                  uint64_t v)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    ir_temp a = state_value(b, IR_I64, 1, addr, &e);

    ir_store(b, mo, a, off, state_value(b, t, 2, v, &e));
    ir_exit(b, IR_EXIT_HALT, 0);
    run_on(b, &e);
    ir_block_free(b);
}

START_TEST(test_stores_write_exactly_their_size)
{
    store(IR_I64, IR_MO_8, 1, 0, 0x1122334455667788ull);
    ck_assert_uint_eq(mem[0], 0x80);
    ck_assert_uint_eq(mem[1], 0x88);
    ck_assert_uint_eq(mem[2], 0x82);
    store(IR_I32, IR_MO_16, 8, 2, 0xaabbccdd);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32, 10, 0), 0x8d8cccdd);
    ck_assert_uint_eq(mem[9], 0x89);
    ck_assert_uint_eq(mem[12], 0x8c);
    store(IR_I32, IR_MO_32 | IR_MO_REL, 17, 0, 0xdeadbeef);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64, 16, 0), 0x95deadbeef90ull | 0x9796000000000000ull);
    store(IR_I64, IR_MO_64, 24, 0, 0x0102030405060708ull);
    ck_assert_uint_eq(mem[24], 0x08);
    ck_assert_uint_eq(mem[31], 0x01);
    ck_assert_uint_eq(mem[32], 0xa0);
    store(IR_F64, IR_MO_64, 40, 0, 0x3ff0000000000000ull);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64, 40, 0), 0x3ff0000000000000ull);
}
END_TEST

static uint64_t cmpxchg(enum ir_type t, unsigned mo, uint64_t addr,
                        uint64_t expected, uint64_t desired)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    ir_temp a = state_value(b, IR_I64, 1, addr, &e);
    ir_temp r = ir_cmpxchg(b, mo, a, state_value(b, t, 2, expected, &e),
                           state_value(b, t, 3, desired, &e));

    return finish_on(b, r, &e);
}

START_TEST(test_cmpxchg_stores_only_on_a_match_and_returns_the_old_value)
{
    ck_assert_uint_eq(cmpxchg(IR_I32, IR_MO_32 | IR_MO_ACQ | IR_MO_REL, 4,
                              0x87868584, 0x11111111), 0x87868584);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32, 4, 0), 0x11111111);
    ck_assert_uint_eq(cmpxchg(IR_I32, IR_MO_32, 4, 0x87868584, 0x22222222),
                      0x11111111);
    ck_assert_uint_eq(load(IR_I64, IR_MO_32, 4, 0), 0x11111111);
    ck_assert_uint_eq(cmpxchg(IR_I64, IR_MO_64 | IR_MO_REL, 8,
                              0x8f8e8d8c8b8a8988ull, 5), 0x8f8e8d8c8b8a8988ull);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64, 8, 0), 5);
    ck_assert_uint_eq(cmpxchg(IR_I64, IR_MO_8, 20, 0x94, 0x01), 0x94);
    ck_assert_uint_eq(mem[20], 0x01);
    ck_assert_uint_eq(mem[21], 0x95);
    ck_assert_uint_eq(cmpxchg(IR_I64, IR_MO_16, 22, 0x9796, 0xabcd), 0x9796);
    ck_assert_uint_eq(load(IR_I64, IR_MO_16, 22, 0), 0xabcd);
}
END_TEST

START_TEST(test_cmpxchg_compares_the_access_size_and_sign_extends)
{
    /* A sign-extended expected value matches the 32 bits in memory. */
    ck_assert_uint_eq(cmpxchg(IR_I64, IR_MO_32 | IR_MO_SIGN, 0,
                              0xffffffff83828180ull, 7), 0xffffffff83828180ull);
    ck_assert_uint_eq(load(IR_I64, IR_MO_64, 0, 0), 0x8786858400000007ull);
}
END_TEST

static uint64_t rmw(enum ir_rmw op, unsigned mo, uint64_t addr, uint64_t v)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    ir_temp a = state_value(b, IR_I64, 1, addr, &e);

    return finish_on(b, ir_atomic_rmw(b, op, mo, a, state_value(b, IR_I64, 2, v, &e)),
                     &e);
}

/* Puts x at mem[0..7], applies op with v at size mo, returns the new
 * memory (the op's result, the old value, must be x). */
static uint64_t rmw_result(enum ir_rmw op, unsigned mo, uint64_t x, uint64_t v)
{
    uint64_t old;
    uint64_t m = (mo & IR_MO_SIZE) == IR_MO_64 ? ~0ull
                 : (1ull << (8u << (mo & IR_MO_SIZE))) - 1;

    memcpy(mem, &x, 8);
    old = rmw(op, mo, 0, v);
    ck_assert_uint_eq(old, x & m);
    memcpy(&x, mem, 8);
    return x;
}

START_TEST(test_atomic_rmw_every_operation)
{
    ck_assert_uint_eq(rmw_result(IR_RMW_XCHG, IR_MO_64, 5, 9), 9);
    ck_assert_uint_eq(rmw_result(IR_RMW_ADD, IR_MO_64, ~0ull, 2), 1);
    ck_assert_uint_eq(rmw_result(IR_RMW_AND, IR_MO_64, 0xff00, 0x0ff0), 0x0f00);
    ck_assert_uint_eq(rmw_result(IR_RMW_OR, IR_MO_64, 0xff00, 0x0ff0), 0xfff0);
    ck_assert_uint_eq(rmw_result(IR_RMW_XOR, IR_MO_64, 0xff00, 0x0ff0), 0xf0f0);
    ck_assert_uint_eq(rmw_result(IR_RMW_SMIN, IR_MO_64, 1, ~0ull), ~0ull);
    ck_assert_uint_eq(rmw_result(IR_RMW_SMAX, IR_MO_64, 1, ~0ull), 1);
    ck_assert_uint_eq(rmw_result(IR_RMW_UMIN, IR_MO_64, 1, ~0ull), 1);
    ck_assert_uint_eq(rmw_result(IR_RMW_UMAX, IR_MO_64, 1, ~0ull), ~0ull);
    ck_assert_uint_eq(rmw_result(IR_RMW_SMIN, IR_MO_64, 1ull << 63, (1ull << 63) - 1),
                      1ull << 63);
}
END_TEST

START_TEST(test_atomic_rmw_narrow_sizes_stay_in_their_bytes)
{
    /* 32-bit add wraps inside its 4 bytes. */
    ck_assert_uint_eq(rmw_result(IR_RMW_ADD, IR_MO_32, 0x11111111ffffffffull, 1),
                      0x1111111100000000ull);
    /* Signed 32-bit min: 0x80000000 is the most negative. */
    ck_assert_uint_eq(rmw_result(IR_RMW_SMIN, IR_MO_32, 0x7fffffff, 0x80000000),
                      0x80000000);
    ck_assert_uint_eq(rmw_result(IR_RMW_UMIN, IR_MO_32, 0x7fffffff, 0x80000000),
                      0x7fffffff);
    ck_assert_uint_eq(rmw_result(IR_RMW_SMAX, IR_MO_8, 0xaa01, 0xff), 0xaa01);
    ck_assert_uint_eq(rmw_result(IR_RMW_UMAX, IR_MO_8, 0xaa01, 0xff), 0xaaff);
    ck_assert_uint_eq(rmw_result(IR_RMW_XCHG, IR_MO_16 | IR_MO_ACQ, 0x33332222, 0x4444),
                      0x33334444);
    /* The old value comes back sign-extended when asked. */
    memcpy(mem, &(uint64_t){0x80000000}, 8);
    ck_assert_uint_eq(rmw(IR_RMW_OR, IR_MO_32 | IR_MO_SIGN, 0, 1),
                      0xffffffff80000000ull);
    ck_assert_uint_eq(mem[0], 1);
}
END_TEST

START_TEST(test_fences_run_and_fall_through)
{
    struct ir_block *b = ir_block_new();

    ir_fence(b, IR_MO_ACQ);
    ir_fence(b, IR_MO_REL);
    ir_fence(b, IR_MO_ACQ | IR_MO_REL);
    ir_fence(b, 0);
    ck_assert_uint_eq(finish(b, ir_const(b, IR_I64, 42)), 42);
}
END_TEST

/* --- vectors -------------------------------------------------------- */

/* Runs a block whose V128 result goes to v[0]; v[1] holds the input. */
static void vec_run(struct ir_block *b, ir_temp r, struct tenv *e)
{
    ir_set(b, V(0), r);
    ir_exit(b, IR_EXIT_HALT, 0);
    run_on(b, e);
    ir_block_free(b);
}

static void fill(uint8_t *v, uint8_t first)
{
    for (unsigned i = 0; i < 16; i++)
        v[i] = (uint8_t)(first + i);
}

START_TEST(test_vadd_and_vsub_wrap_inside_each_lane)
{
    static const uint8_t ff[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    uint64_t lanes[2];

    for (unsigned mo = IR_MO_8; mo <= IR_MO_64; mo++) {
        struct ir_block *b = ir_block_new();
        struct tenv e = tenv_new(NULL);
        ir_temp one = ir_vdup(b, mo, ir_const(b, IR_I64, 1));

        memcpy(e.v[1], ff, 16);
        vec_run(b, ir_vbinop(b, IR_VADD, mo, ir_get(b, IR_V128, V(1)), one), &e);
        memcpy(lanes, e.v[0], 16);
        ck_assert_uint_eq(lanes[0], 0);
        ck_assert_uint_eq(lanes[1], 0);
        b = ir_block_new();
        vec_run(b, ir_vbinop(b, IR_VSUB, mo, ir_get(b, IR_V128, V(0)),
                             ir_vdup(b, mo, ir_const(b, IR_I64, 1))), &e);
        ck_assert_mem_eq(e.v[0], ff, 16);
    }
}
END_TEST

START_TEST(test_vadd_of_16_bit_lanes)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    uint16_t r[8];

    fill(e.v[1], 0xf8);
    vec_run(b, ir_vbinop(b, IR_VADD, IR_MO_16, ir_get(b, IR_V128, V(1)),
                         ir_vdup(b, IR_MO_16, ir_const(b, IR_I64, 0x10101))), &e);
    memcpy(r, e.v[0], 16);
    ck_assert_uint_eq(r[0], 0xfaf9); /* 0xf9f8 + 0x0101 */
    ck_assert_uint_eq(r[3], 0x00ff); /* 0xfffe + 0x0101, carry dropped */
    ck_assert_uint_eq(r[4], 0x0201); /* 0x0100 + 0x0101, no carry in */
    ck_assert_uint_eq(r[7], 0x0807);
}
END_TEST

START_TEST(test_vector_logic_ops)
{
    static const enum ir_opc opcs[] = {IR_VAND, IR_VOR, IR_VXOR};

    for (unsigned k = 0; k < 3; k++) {
        struct ir_block *b = ir_block_new();
        struct tenv e = tenv_new(NULL);

        fill(e.v[1], 0x30);
        fill(e.v[0], 0x0f);
        vec_run(b, ir_vbinop(b, opcs[k], IR_MO_8, ir_get(b, IR_V128, V(1)),
                             ir_get(b, IR_V128, V(0))), &e);
        for (unsigned i = 0; i < 16; i++) {
            uint8_t x = (uint8_t)(0x30 + i), y = (uint8_t)(0x0f + i);

            ck_assert_uint_eq(e.v[0][i], k == 0 ? x & y : k == 1 ? x | y : x ^ y);
        }
    }
}
END_TEST

START_TEST(test_vdup_replicates_the_low_bits)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    uint32_t r[4];

    vec_run(b, ir_vdup(b, IR_MO_32, ir_const(b, IR_I64, 0x1122334455667788ull)), &e);
    memcpy(r, e.v[0], 16);
    for (unsigned i = 0; i < 4; i++)
        ck_assert_uint_eq(r[i], 0x55667788);
}
END_TEST

START_TEST(test_vgetlane_and_vsetlane)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp v = ir_get(b, IR_V128, V(1));

    fill(e.v[1], 0);
    ir_set(b, X(3), ir_vgetlane(b, IR_MO_16, v, 7));
    ir_set(b, X(4), ir_vgetlane(b, IR_MO_64, v, 1));
    ir_set(b, X(5), ir_vgetlane(b, IR_MO_8, v, 0));
    vec_run(b, ir_vsetlane(b, IR_MO_32, v, 2, ir_const(b, IR_I64, 0xaabbccddeeff0011ull)),
            &e);
    ck_assert_uint_eq(e.x[3], 0x0f0e);
    ck_assert_uint_eq(e.x[4], 0x0f0e0d0c0b0a0908ull);
    ck_assert_uint_eq(e.x[5], 0);
    ck_assert_uint_eq(e.v[0][7], 7);
    ck_assert_uint_eq(e.v[0][8], 0x11);
    ck_assert_uint_eq(e.v[0][11], 0xee);
    ck_assert_uint_eq(e.v[0][12], 12);
    ck_assert_uint_eq(e.v[1][8], 8); /* the source is unchanged */
}
END_TEST

START_TEST(test_v128_load_store_and_mov)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    ir_temp a = state_value(b, IR_I64, 1, 16, &e);
    ir_temp v = ir_load(b, IR_V128, IR_MO_128, a, 0), w = ir_new_temp(b, IR_V128);

    ir_mov(b, w, v);
    ir_store(b, IR_MO_128, a, 32, w);
    vec_run(b, w, &e);
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(e.v[0][i], 0x90 + i);
        ck_assert_uint_eq(mem[48 + i], 0x90 + i);
    }
}
END_TEST

/* Runs b checked as c says: an access with a byte at or above the limit
 * goes to guest address 0, where a guest page that is never mapped is
 * (here: mem[0]). */
static void run_checked(struct ir_block *b, struct tenv *e,
                        const struct interp_checks *c)
{
    char err[256];
    struct run_result r;

    ck_assert_msg(ir_verify(b, err, sizeof err), "invalid test IR: %s", err);
    interp_run_checked(b, e, c, &r);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ir_block_free(b);
}

static uint64_t load_limited(unsigned mo, uint64_t addr, int64_t off,
                             gva limit)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    struct interp_checks c = {.limit = limit};
    ir_temp a = state_value(b, IR_I64, 1, addr, &e);

    ir_set(b, X(0), ir_load(b, IR_I64, mo, a, off));
    ir_exit(b, IR_EXIT_HALT, 0);
    run_checked(b, &e, &c);
    return e.x[0];
}

START_TEST(test_checked_accesses_at_or_above_the_limit_go_to_address_0)
{
    ck_assert_uint_eq(load_limited(IR_MO_64, 24, 0, 32),
                      0x9f9e9d9c9b9a9998ull); /* ends at the limit */
    ck_assert_uint_eq(load_limited(IR_MO_64, 25, 0, 32),
                      0x8786858483828180ull);
    ck_assert_uint_eq(load_limited(IR_MO_64, 20, 8, 32),
                      0x8786858483828180ull); /* the offset counts */
    ck_assert_uint_eq(load_limited(IR_MO_8, 31, 0, 32), 0x9f);
    ck_assert_uint_eq(load_limited(IR_MO_8, ~0ull, 0, 32), 0x80);
    ck_assert_uint_eq(load_limited(IR_MO_64, 40, 0, 0),
                      0xafaeadacabaaa9a8ull); /* no limit */
}
END_TEST

START_TEST(test_checked_stores_beyond_the_limit_go_to_address_0)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    struct interp_checks c = {.limit = 32};
    ir_temp a = state_value(b, IR_I64, 1, 30, &e);

    ir_store(b, IR_MO_32, a, 0, state_value(b, IR_I32, 2, 0x11223344, &e));
    ir_exit(b, IR_EXIT_HALT, 0);
    run_checked(b, &e, &c);
    ck_assert_uint_eq(mem[0], 0x44);
    ck_assert_uint_eq(mem[3], 0x11);
    ck_assert_uint_eq(mem[30], 0x9e);
    ck_assert_uint_eq(mem[31], 0x9f);
}
END_TEST

/* The state's pc as each instruction sees it, with and without marks. */
static void pcs_seen(bool mark, uint64_t seen[2])
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(mem);
    struct interp_checks c = {.mark_pcs = mark};

    e.common.pc = 0x50;
    ir_insn_start(b, 0x100);
    ir_set(b, X(0), ir_get(b, IR_I64, CPU_COMMON_PC_OFFSET));
    ir_insn_start(b, 0x104);
    ir_set(b, X(1), ir_get(b, IR_I64, CPU_COMMON_PC_OFFSET));
    ir_exit(b, IR_EXIT_HALT, 0x108);
    run_checked(b, &e, &c);
    seen[0] = e.x[0];
    seen[1] = e.x[1];
}

START_TEST(test_checked_runs_mark_each_instructions_pc)
{
    uint64_t seen[2];

    pcs_seen(true, seen);
    ck_assert_uint_eq(seen[0], 0x100);
    ck_assert_uint_eq(seen[1], 0x104);
    pcs_seen(false, seen);
    ck_assert_uint_eq(seen[0], 0x50);
    ck_assert_uint_eq(seen[1], 0x50);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("interp_mem");
    TCase *tc = tcase_create("mem");
    TCase *tv = tcase_create("vec");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_loads_zero_extend_every_size);
    tcase_add_test(tc, test_loads_sign_extend_to_the_result_type);
    tcase_add_test(tc, test_loads_add_signed_offsets_and_allow_misalignment);
    tcase_add_test(tc, test_float_loads_keep_the_bits);
    tcase_add_test(tc, test_stores_write_exactly_their_size);
    tcase_add_test(tc, test_cmpxchg_stores_only_on_a_match_and_returns_the_old_value);
    tcase_add_test(tc, test_cmpxchg_compares_the_access_size_and_sign_extends);
    tcase_add_test(tc, test_atomic_rmw_every_operation);
    tcase_add_test(tc, test_atomic_rmw_narrow_sizes_stay_in_their_bytes);
    tcase_add_test(tc, test_fences_run_and_fall_through);
    tcase_add_test(tc, test_checked_accesses_at_or_above_the_limit_go_to_address_0);
    tcase_add_test(tc, test_checked_stores_beyond_the_limit_go_to_address_0);
    tcase_add_test(tc, test_checked_runs_mark_each_instructions_pc);
    suite_add_tcase(s, tc);
    tcase_add_checked_fixture(tv, setup, NULL);
    tcase_add_test(tv, test_vadd_and_vsub_wrap_inside_each_lane);
    tcase_add_test(tv, test_vadd_of_16_bit_lanes);
    tcase_add_test(tv, test_vector_logic_ops);
    tcase_add_test(tv, test_vdup_replicates_the_low_bits);
    tcase_add_test(tv, test_vgetlane_and_vsetlane);
    tcase_add_test(tv, test_v128_load_store_and_mov);
    suite_add_tcase(s, tv);
    return unit_run(s);
}
