/* tests/unit/check_x64_atomic.c: the x86-64 back end's atomics (compare
 * and swap, read-modify-write at every size, signed and unsigned min/max)
 * and 128-bit vector ops. */
#include "tests/unit/x64_suites.h"

/* r[1] = old value, memory at 0x400 afterwards returned. */
static uint64_t rmw(enum ir_rmw op, unsigned mo, enum ir_type ty,
                    uint64_t mem, uint64_t v, uint64_t *old)
{
    struct ir_block *b = ir_block_new();
    struct tenv e;
    uint64_t after;

    ir_set(b, R_OFF(1), ir_atomic_rmw(b, op, mo, ir_get(b, IR_I64, R_OFF(0)),
                                      ir_get(b, ty, R_OFF(2))));
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    e.r[0] = 0x400;
    e.r[2] = v;
    memcpy(th_guest + 0x400, &mem, 8);
    th_run(b, &e);
    memcpy(&after, th_guest + 0x400, 8);
    *old = e.r[1];
    ir_block_free(b);
    return after;
}

START_TEST(test_rmw_ops_store_the_combined_value_and_return_the_old)
{
    uint64_t old, m = 0x1122334455667788ull;

    ck_assert_uint_eq(rmw(IR_RMW_XCHG, IR_MO_64, IR_I64, m, 5, &old), 5);
    ck_assert_uint_eq(old, m);
    ck_assert_uint_eq(rmw(IR_RMW_ADD, IR_MO_64, IR_I64, m, 1, &old), m + 1);
    ck_assert_uint_eq(rmw(IR_RMW_AND, IR_MO_64, IR_I64, m, 0xff00, &old),
                      0x7700);
    ck_assert_uint_eq(rmw(IR_RMW_OR, IR_MO_64, IR_I64, m, 0xf, &old), m | 0xf);
    ck_assert_uint_eq(rmw(IR_RMW_XOR, IR_MO_64, IR_I64, m, m, &old), 0);
    ck_assert_uint_eq(old, m);
    /* 8-bit: only the low byte changes */
    ck_assert_uint_eq(rmw(IR_RMW_ADD, IR_MO_8, IR_I64, m, 0x79, &old),
                      0x1122334455667701ull); /* carry dropped */
    ck_assert_uint_eq(old, 0x88);
    ck_assert_uint_eq(rmw(IR_RMW_XCHG, IR_MO_8 | IR_MO_SIGN, IR_I64, m, 1,
                          &old),
                      0x1122334455667701ull);
    ck_assert_uint_eq(old, 0xffffffffffffff88ull);
    ck_assert_uint_eq(rmw(IR_RMW_OR, IR_MO_16, IR_I32, m, 0x10000, &old), m);
    ck_assert_uint_eq(old, 0x7788);
    ck_assert_uint_eq(rmw(IR_RMW_ADD, IR_MO_32, IR_I32, m, 0xffffffffu, &old),
                      0x1122334455667787ull);
    ck_assert_uint_eq(old, 0x55667788);
}
END_TEST

START_TEST(test_rmw_min_max_compare_by_signedness_and_size)
{
    uint64_t old;

    /* byte 0x80 is -128 signed, 128 unsigned */
    ck_assert_uint_eq(rmw(IR_RMW_SMIN, IR_MO_8, IR_I64, 0x80, 5, &old), 0x80);
    ck_assert_uint_eq(rmw(IR_RMW_SMAX, IR_MO_8, IR_I64, 0x80, 5, &old), 0x05);
    ck_assert_uint_eq(rmw(IR_RMW_UMIN, IR_MO_8, IR_I64, 0x80, 5, &old), 0x05);
    ck_assert_uint_eq(rmw(IR_RMW_UMAX, IR_MO_8, IR_I64, 0x80, 5, &old), 0x80);
    ck_assert_uint_eq(rmw(IR_RMW_SMIN, IR_MO_32, IR_I32, 7, 0xfffffffeu, &old),
                      0xfffffffeu);
    ck_assert_uint_eq(rmw(IR_RMW_UMIN, IR_MO_32, IR_I32, 7, 0xfffffffeu, &old),
                      7);
    ck_assert_uint_eq(rmw(IR_RMW_SMAX, IR_MO_64, IR_I64, ~0ull, 0, &old), 0);
    ck_assert_uint_eq(rmw(IR_RMW_UMAX, IR_MO_64, IR_I64, ~0ull, 0, &old),
                      ~0ull);
    ck_assert_uint_eq(old, ~0ull);
}
END_TEST

static uint64_t cas(unsigned mo, enum ir_type ty, uint64_t mem, uint64_t exp,
                    uint64_t des, uint64_t *old)
{
    struct ir_block *b = ir_block_new();
    struct tenv e;
    uint64_t after;

    ir_set(b, R_OFF(1), ir_cmpxchg(b, mo, ir_get(b, IR_I64, R_OFF(0)),
                                   ir_get(b, ty, R_OFF(2)),
                                   ir_get(b, ty, R_OFF(3))));
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    e.r[0] = 0x408;
    e.r[2] = exp;
    e.r[3] = des;
    memcpy(th_guest + 0x408, &mem, 8);
    th_run(b, &e);
    memcpy(&after, th_guest + 0x408, 8);
    *old = e.r[1];
    ir_block_free(b);
    return after;
}

START_TEST(test_cmpxchg_stores_only_on_a_match)
{
    uint64_t old;

    ck_assert_uint_eq(cas(IR_MO_64, IR_I64, 10, 10, 20, &old), 20);
    ck_assert_uint_eq(old, 10);
    ck_assert_uint_eq(cas(IR_MO_64, IR_I64, 10, 11, 20, &old), 10);
    ck_assert_uint_eq(old, 10);
    ck_assert_uint_eq(cas(IR_MO_32, IR_I32, 0xaaaaaaaa00000001ull, 1, 2, &old),
                      0xaaaaaaaa00000002ull);
    /* only the access size takes part in the comparison */
    ck_assert_uint_eq(cas(IR_MO_8 | IR_MO_SIGN, IR_I64, 0x1ff, 0xff, 0, &old),
                      0x100);
    ck_assert_uint_eq(old, ~0ull);
    ck_assert_uint_eq(cas(IR_MO_8, IR_I64, 0x1ff, 0xfe, 0, &old), 0x1ff);
    ck_assert_uint_eq(old, 0xff);
    ck_assert_uint_eq(cas(IR_MO_16, IR_I32, 0x18001, 0x8001, 7, &old),
                      0x10007);
    ck_assert_uint_eq(old, 0x8001);
}
END_TEST

/* r[2] = v[0] op v[1] lane-wise, read back as two 64-bit halves. */
static void vec_run(struct ir_block *b, const uint8_t *a, const uint8_t *c,
                    uint8_t *out)
{
    struct tenv e;

    th_env_init(&e);
    memcpy(e.v[0], a, 16);
    memcpy(e.v[1], c, 16);
    th_run(b, &e);
    memcpy(out, e.v[2], 16);
}

static void vbin(enum ir_opc opc, unsigned lane, const uint8_t *a,
                 const uint8_t *c, uint8_t *out)
{
    struct ir_block *b = ir_block_new();
    ir_temp x = ir_get(b, IR_V128, V_OFF(0)), y = ir_get(b, IR_V128, V_OFF(1));

    ir_set(b, V_OFF(2), ir_vbinop(b, opc, lane, x, y));
    ir_goto_pc(b, 0, 0x10);
    vec_run(b, a, c, out);
    ir_block_free(b);
}

START_TEST(test_vector_lanes_wrap_independently)
{
    uint8_t a[16], c[16], r[16];
    uint16_t a16[8], c16[8], r16[8];
    uint64_t a64[2], c64[2], r64[2];

    for (int i = 0; i < 16; i++)
        a[i] = (uint8_t)(0xf0 + i), c[i] = (uint8_t)(0x20 + i);
    vbin(IR_VADD, IR_MO_8, a, c, r);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(r[i], (uint8_t)(a[i] + c[i]));
    vbin(IR_VSUB, IR_MO_8, a, c, r);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(r[i], (uint8_t)(a[i] - c[i]));
    memcpy(a16, a, 16), memcpy(c16, c, 16);
    vbin(IR_VADD, IR_MO_16, a, c, r);
    memcpy(r16, r, 16);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(r16[i], (uint16_t)(a16[i] + c16[i]));
    memcpy(a64, a, 16), memcpy(c64, c, 16);
    vbin(IR_VSUB, IR_MO_64, a, c, r);
    memcpy(r64, r, 16);
    for (int i = 0; i < 2; i++)
        ck_assert_uint_eq(r64[i], a64[i] - c64[i]);
    vbin(IR_VXOR, IR_MO_64, a, c, r);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(r[i], a[i] ^ c[i]);
    vbin(IR_VAND, IR_MO_64, a, c, r);
    ck_assert_uint_eq(r[5], a[5] & c[5]);
    vbin(IR_VOR, IR_MO_64, a, c, r);
    ck_assert_uint_eq(r[15], a[15] | c[15]);
}
END_TEST

START_TEST(test_vector_dup_and_lane_access)
{
    struct ir_block *b = ir_block_new();
    ir_temp v = ir_vdup(b, IR_MO_16, ir_get(b, IR_I64, R_OFF(0)));
    uint8_t in[16] = {0}, out[16];
    struct tenv e;

    v = ir_vsetlane(b, IR_MO_32, v, 3, ir_get(b, IR_I64, R_OFF(1)));
    ir_set(b, V_OFF(2), v);
    ir_set(b, R_OFF(2), ir_vgetlane(b, IR_MO_8, v, 13));
    ir_set(b, R_OFF(3), ir_vgetlane(b, IR_MO_64, v, 0));
    ir_set(b, V_OFF(3), ir_vdup(b, IR_MO_8, ir_get(b, IR_I64, R_OFF(1))));
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    e.r[0] = 0x55551234;
    e.r[1] = 0xaabbccdd;
    memcpy(e.v[0], in, 16);
    th_run(b, &e);
    memcpy(out, e.v[2], 16);
    ck_assert_uint_eq(e.r[3], 0x1234123412341234ull);
    ck_assert_uint_eq(e.r[2], 0xcc);
    ck_assert_uint_eq(out[12] | out[13] << 8, 0xccdd);
    ck_assert_uint_eq(out[10] | out[11] << 8, 0x1234);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(e.v[3][i], 0xdd);
    ir_block_free(b);
}
END_TEST

/* More vectors live than XMM registers: some live in 16-byte slots. */
START_TEST(test_many_live_vectors_spill_whole)
{
    struct ir_block *b = ir_block_new();
    ir_temp v[24], acc;
    struct tenv e;
    uint64_t want[2] = {0, 0};

    for (int i = 0; i < 24; i++)
        v[i] = ir_vdup(b, IR_MO_64, ir_const(b, IR_I64,
                                             0x0101010101010101ull * (unsigned)i));
    for (int i = 0; i < 24; i++)
        v[i] = ir_vsetlane(b, IR_MO_64, v[i], 1,
                           ir_const(b, IR_I64, (uint64_t)i << 56));
    acc = v[23];
    for (int i = 22; i >= 0; i--)
        acc = ir_vbinop(b, IR_VXOR, IR_MO_64, acc, v[i]);
    ir_set(b, V_OFF(2), acc);
    ir_goto_pc(b, 0, 0x10);
    th_env_init(&e);
    th_run(b, &e);
    for (uint64_t i = 0; i < 24; i++) {
        want[0] ^= 0x0101010101010101ull * i;
        want[1] ^= i << 56;
    }
    ck_assert_mem_eq(e.v[2], want, 16);
    ir_block_free(b);
}
END_TEST

TCase *x64_tcase_atomic(void)
{
    TCase *tc = tcase_create("atomic_vec");

    tcase_add_test(tc, test_rmw_ops_store_the_combined_value_and_return_the_old);
    tcase_add_test(tc, test_rmw_min_max_compare_by_signedness_and_size);
    tcase_add_test(tc, test_cmpxchg_stores_only_on_a_match);
    tcase_add_test(tc, test_vector_lanes_wrap_independently);
    tcase_add_test(tc, test_vector_dup_and_lane_access);
    tcase_add_test(tc, test_many_live_vectors_spill_whole);
    return tc;
}
