/* tests/unit/check_interp_int.c: the reference interpreter's integer ops
 * at their edge values, against results worked out from ir.h and C. */
#include <limits.h>

#include "tests/unit/check_interp.h"

#define I32 IR_I32
#define I64 IR_I64
#define M32 0xffffffffull
#define MIN32 0x80000000ull
#define MAX32 0x7fffffffull
#define MIN64 0x8000000000000000ull
#define MAX64 0x7fffffffffffffffull
#define ALL64 0xffffffffffffffffull

static const uint64_t edge64[] = {0, 1, ALL64, MIN64, MAX64, 2, 0x1234567887654321ull,
                                  0xfedcba9876543210ull, 3, ALL64 - 1};
static const uint64_t edge32[] = {0, 1, M32, MIN32, MAX32, 2, 0x12345678, 0xfedcba98,
                                  3, M32 - 1};
#define NEDGE (sizeof edge64 / sizeof edge64[0])

START_TEST(test_add_sub_mul_wrap_at_the_width)
{
    ck_assert_uint_eq(eval2(IR_ADD, I32, M32, 1), 0);
    ck_assert_uint_eq(eval2(IR_ADD, I32, MAX32, 1), MIN32);
    ck_assert_uint_eq(eval2(IR_ADD, I64, MAX64, 1), MIN64);
    ck_assert_uint_eq(eval2(IR_ADD, I64, ALL64, ALL64), ALL64 - 1);
    ck_assert_uint_eq(eval2(IR_SUB, I32, 0, 1), M32);
    ck_assert_uint_eq(eval2(IR_SUB, I64, MIN64, 1), MAX64);
    ck_assert_uint_eq(eval2(IR_MUL, I32, 0x10000, 0x10000), 0);
    ck_assert_uint_eq(eval2(IR_MUL, I32, M32, M32), 1);
    ck_assert_uint_eq(eval2(IR_MUL, I64, MIN64, ALL64), MIN64);
    ck_assert_uint_eq(eval2(IR_MUL, I64, 0x100000000ull, 0x100000001ull),
                      0x100000000ull);
}
END_TEST

START_TEST(test_neg_not_and_logic_ops)
{
    ck_assert_uint_eq(eval1(IR_NEG, I32, MIN32), MIN32);
    ck_assert_uint_eq(eval1(IR_NEG, I32, 1), M32);
    ck_assert_uint_eq(eval1(IR_NEG, I32, 0), 0);
    ck_assert_uint_eq(eval1(IR_NEG, I64, MIN64), MIN64);
    ck_assert_uint_eq(eval1(IR_NEG, I64, 1), ALL64);
    ck_assert_uint_eq(eval1(IR_NOT, I32, 0), M32);
    ck_assert_uint_eq(eval1(IR_NOT, I64, MAX64), MIN64);
    ck_assert_uint_eq(eval2(IR_AND, I64, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull),
                      0x0f000f000f000f00ull);
    ck_assert_uint_eq(eval2(IR_OR, I32, 0xf0f0f0f0, 0x0f0f0f0f), M32);
    ck_assert_uint_eq(eval2(IR_XOR, I64, ALL64, MAX64), MIN64);
    ck_assert_uint_eq(eval2(IR_ANDC, I32, M32, 0x0000ffff), 0xffff0000);
    ck_assert_uint_eq(eval2(IR_ANDC, I64, 0x1234, 0x0204), 0x1030);
}
END_TEST

START_TEST(test_shift_counts_are_taken_modulo_the_width)
{
    ck_assert_uint_eq(eval2(IR_SHL, I32, 1, 31), MIN32);
    ck_assert_uint_eq(eval2(IR_SHL, I32, 1, 32), 1);
    ck_assert_uint_eq(eval2(IR_SHL, I32, 1, 33), 2);
    ck_assert_uint_eq(eval2(IR_SHL, I64, 1, 63), MIN64);
    ck_assert_uint_eq(eval2(IR_SHL, I64, 1, 64), 1);
    ck_assert_uint_eq(eval2(IR_SHL, I64, 3, 0xffffffffffffffc1ull), 6);
    ck_assert_uint_eq(eval2(IR_SHR, I32, MIN32, 31), 1);
    ck_assert_uint_eq(eval2(IR_SHR, I32, MIN32, 32), MIN32);
    ck_assert_uint_eq(eval2(IR_SHR, I64, MIN64, 63), 1);
    ck_assert_uint_eq(eval2(IR_SHR, I64, ALL64, 68), ALL64 >> 4);
    ck_assert_uint_eq(eval2(IR_SAR, I32, MIN32, 31), M32);
    ck_assert_uint_eq(eval2(IR_SAR, I32, MIN32, 4), 0xf8000000);
    ck_assert_uint_eq(eval2(IR_SAR, I32, MAX32, 30), 1);
    ck_assert_uint_eq(eval2(IR_SAR, I32, MIN32, 32), MIN32);
    ck_assert_uint_eq(eval2(IR_SAR, I64, MIN64, 63), ALL64);
    ck_assert_uint_eq(eval2(IR_SAR, I64, MIN64, 127), ALL64);
    ck_assert_uint_eq(eval2(IR_SAR, I64, MAX64, 62), 1);
}
END_TEST

START_TEST(test_rotates_wrap_bits_around_the_width)
{
    ck_assert_uint_eq(eval2(IR_ROTL, I32, 0x80000001, 1), 3);
    ck_assert_uint_eq(eval2(IR_ROTL, I32, 0x80000001, 33), 3);
    ck_assert_uint_eq(eval2(IR_ROTL, I32, 0x12345678, 0), 0x12345678);
    ck_assert_uint_eq(eval2(IR_ROTL, I32, 0x12345678, 32), 0x12345678);
    ck_assert_uint_eq(eval2(IR_ROTL, I64, MIN64 | 1, 1), 3);
    ck_assert_uint_eq(eval2(IR_ROTL, I64, 0x0123456789abcdefull, 8),
                      0x23456789abcdef01ull);
    ck_assert_uint_eq(eval2(IR_ROTR, I32, 1, 1), MIN32);
    ck_assert_uint_eq(eval2(IR_ROTR, I32, 0x12345678, 36), 0x81234567);
    ck_assert_uint_eq(eval2(IR_ROTR, I64, 1, 1), MIN64);
    ck_assert_uint_eq(eval2(IR_ROTR, I64, 0x0123456789abcdefull, 64),
                      0x0123456789abcdefull);
    ck_assert_uint_eq(eval2(IR_ROTR, I64, 0x0123456789abcdefull, 4),
                      0xf0123456789abcdeull);
}
END_TEST

/* The high halves, against the host's 128-bit arithmetic. */
START_TEST(test_high_multiplies_match_wide_products)
{
    for (unsigned i = 0; i < NEDGE; i++) {
        for (unsigned j = 0; j < NEDGE; j++) {
            uint64_t a = edge64[i], b = edge64[j];
            __int128 sa = (int64_t)a, sb = (int64_t)b;
            unsigned __int128 ua = a, ub = b;

            ck_assert_uint_eq(eval2(IR_MULHU, I64, a, b),
                              (uint64_t)(ua * ub >> 64));
            ck_assert_uint_eq(eval2(IR_MULHS, I64, a, b),
                              (uint64_t)((sa * sb) >> 64));
            ck_assert_uint_eq(eval2(IR_MULHSU, I64, a, b),
                              (uint64_t)((sa * (__int128)ub) >> 64));
        }
    }
}
END_TEST

START_TEST(test_high_multiplies_of_32_bits)
{
    for (unsigned i = 0; i < NEDGE; i++) {
        for (unsigned j = 0; j < NEDGE; j++) {
            uint64_t a = edge32[i], b = edge32[j];
            int64_t sa = (int32_t)a, sb = (int32_t)b;

            ck_assert_uint_eq(eval2(IR_MULHU, I32, a, b), (a * b) >> 32);
            ck_assert_uint_eq(eval2(IR_MULHS, I32, a, b),
                              (uint64_t)(sa * sb) >> 32 & M32);
            ck_assert_uint_eq(eval2(IR_MULHSU, I32, a, b),
                              (uint64_t)(sa * (int64_t)b) >> 32 & M32);
        }
    }
}
END_TEST

START_TEST(test_division_by_zero_gives_all_ones_and_keeps_the_dividend)
{
    ck_assert_uint_eq(eval2(IR_DIVS, I32, 7, 0), M32);
    ck_assert_uint_eq(eval2(IR_DIVU, I32, 7, 0), M32);
    ck_assert_uint_eq(eval2(IR_REMS, I32, MIN32, 0), MIN32);
    ck_assert_uint_eq(eval2(IR_REMU, I32, 7, 0), 7);
    ck_assert_uint_eq(eval2(IR_DIVS, I64, 0, 0), ALL64);
    ck_assert_uint_eq(eval2(IR_DIVU, I64, ALL64, 0), ALL64);
    ck_assert_uint_eq(eval2(IR_REMS, I64, 0xfffffffffffffff9ull, 0),
                      0xfffffffffffffff9ull);
    ck_assert_uint_eq(eval2(IR_REMU, I64, MIN64, 0), MIN64);
}
END_TEST

START_TEST(test_int_min_divided_by_minus_one_gives_int_min_remainder_zero)
{
    ck_assert_uint_eq(eval2(IR_DIVS, I32, MIN32, M32), MIN32);
    ck_assert_uint_eq(eval2(IR_REMS, I32, MIN32, M32), 0);
    ck_assert_uint_eq(eval2(IR_DIVS, I64, MIN64, ALL64), MIN64);
    ck_assert_uint_eq(eval2(IR_REMS, I64, MIN64, ALL64), 0);
    /* Unsigned, the same bits are ordinary numbers. */
    ck_assert_uint_eq(eval2(IR_DIVU, I32, MIN32, M32), 0);
    ck_assert_uint_eq(eval2(IR_REMU, I32, MIN32, M32), MIN32);
    ck_assert_uint_eq(eval2(IR_DIVU, I64, ALL64, MIN64), 1);
}
END_TEST

START_TEST(test_signed_division_rounds_toward_zero)
{
    ck_assert_uint_eq(eval2(IR_DIVS, I32, (uint32_t)-7, 2), (uint32_t)-3);
    ck_assert_uint_eq(eval2(IR_REMS, I32, (uint32_t)-7, 2), (uint32_t)-1);
    ck_assert_uint_eq(eval2(IR_DIVS, I32, 7, (uint32_t)-2), (uint32_t)-3);
    ck_assert_uint_eq(eval2(IR_REMS, I32, 7, (uint32_t)-2), 1);
    ck_assert_uint_eq(eval2(IR_DIVS, I64, (uint64_t)-7, 2), (uint64_t)-3);
    ck_assert_uint_eq(eval2(IR_REMS, I64, (uint64_t)-7, 2), (uint64_t)-1);
    ck_assert_uint_eq(eval2(IR_DIVS, I64, MAX64, ALL64), MIN64 + 1);
    ck_assert_uint_eq(eval2(IR_DIVU, I32, M32, 2), MAX32);
    ck_assert_uint_eq(eval2(IR_REMU, I64, ALL64, 10), 5);
}
END_TEST

START_TEST(test_clz_ctz_of_zero_give_the_width)
{
    ck_assert_uint_eq(eval1(IR_CLZ, I32, 0), 32);
    ck_assert_uint_eq(eval1(IR_CTZ, I32, 0), 32);
    ck_assert_uint_eq(eval1(IR_CLZ, I64, 0), 64);
    ck_assert_uint_eq(eval1(IR_CTZ, I64, 0), 64);
    ck_assert_uint_eq(eval1(IR_CLZ, I32, 1), 31);
    ck_assert_uint_eq(eval1(IR_CLZ, I32, MIN32), 0);
    ck_assert_uint_eq(eval1(IR_CLZ, I64, 1), 63);
    ck_assert_uint_eq(eval1(IR_CLZ, I64, M32), 32);
    ck_assert_uint_eq(eval1(IR_CTZ, I32, MIN32), 31);
    ck_assert_uint_eq(eval1(IR_CTZ, I64, MIN64), 63);
    ck_assert_uint_eq(eval1(IR_CTZ, I64, ALL64), 0);
}
END_TEST

START_TEST(test_popcnt_and_bswap)
{
    ck_assert_uint_eq(eval1(IR_POPCNT, I32, 0), 0);
    ck_assert_uint_eq(eval1(IR_POPCNT, I32, M32), 32);
    ck_assert_uint_eq(eval1(IR_POPCNT, I64, ALL64), 64);
    ck_assert_uint_eq(eval1(IR_POPCNT, I64, MIN64 | 5), 3);
    ck_assert_uint_eq(eval1(IR_BSWAP, I32, 0x12345678), 0x78563412);
    ck_assert_uint_eq(eval1(IR_BSWAP, I32, 0xff), 0xff000000);
    ck_assert_uint_eq(eval1(IR_BSWAP, I64, 0x0102030405060708ull),
                      0x0807060504030201ull);
}
END_TEST

static uint64_t field(bool sign, bool deposit, enum ir_type t, uint64_t a,
                      uint64_t v, unsigned pos, unsigned len)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp x = state_value(b, t, 1, a, &e);
    ir_temp r = deposit ? ir_deposit(b, x, ir_const(b, t, v), pos, len)
                        : ir_extract(b, sign, x, pos, len);

    return finish_on(b, r, &e);
}

START_TEST(test_extract_and_sextract_fields)
{
    ck_assert_uint_eq(field(false, false, I32, 0x12345678, 0, 8, 8), 0x56);
    ck_assert_uint_eq(field(true, false, I32, 0x12345678, 0, 8, 8), 0x56);
    ck_assert_uint_eq(field(true, false, I32, 0x1234f678, 8, 8, 8), M32 - 9);
    ck_assert_uint_eq(field(false, false, I32, MIN32, 0, 31, 1), 1);
    ck_assert_uint_eq(field(true, false, I32, MIN32, 0, 31, 1), M32);
    ck_assert_uint_eq(field(true, false, I32, MIN32, 0, 0, 32), MIN32);
    ck_assert_uint_eq(field(false, false, I64, ALL64, 0, 0, 64), ALL64);
    ck_assert_uint_eq(field(true, false, I64, M32, 0, 0, 32), ALL64);
    ck_assert_uint_eq(field(false, false, I64, MIN64, 0, 60, 4), 8);
    ck_assert_uint_eq(field(true, false, I64, MIN64, 0, 60, 4), ALL64 - 7);
}
END_TEST

START_TEST(test_deposit_replaces_only_the_field)
{
    ck_assert_uint_eq(field(false, true, I32, 0x12345678, 0xab, 8, 8),
                      0x1234ab78);
    ck_assert_uint_eq(field(false, true, I32, M32, 0, 0, 32), 0);
    ck_assert_uint_eq(field(false, true, I32, 0, M32, 31, 1), MIN32);
    ck_assert_uint_eq(field(false, true, I64, 0, 0x1ff, 60, 4), 0xf000000000000000ull);
    ck_assert_uint_eq(field(false, true, I64, ALL64, 0, 1, 62), MIN64 | 1);
    ck_assert_uint_eq(field(false, true, I64, 5, ALL64 - 1, 0, 64), ALL64 - 1);
}
END_TEST

static uint64_t setcond(enum ir_type t, enum ir_cond c, uint64_t a, uint64_t v)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp x = state_value(b, t, 1, a, &e), y = state_value(b, t, 2, v, &e);

    return finish_on(b, ir_setcond(b, IR_I64, c, x, y), &e);
}

START_TEST(test_setcond_signed_and_unsigned_conditions)
{
    static const struct { enum ir_cond c; int m1_vs_1, one_vs_one; } cases[] = {
        {IR_EQ, 0, 1}, {IR_NE, 1, 0}, {IR_LT, 1, 0}, {IR_GE, 0, 1},
        {IR_LE, 1, 1}, {IR_GT, 0, 0}, {IR_LTU, 0, 0}, {IR_GEU, 1, 1},
        {IR_LEU, 0, 1}, {IR_GTU, 1, 0},
    };

    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert_uint_eq(setcond(I32, cases[i].c, M32, 1), cases[i].m1_vs_1);
        ck_assert_uint_eq(setcond(I64, cases[i].c, ALL64, 1),
                          cases[i].m1_vs_1);
        ck_assert_uint_eq(setcond(I32, cases[i].c, 1, 1), cases[i].one_vs_one);
        ck_assert_uint_eq(setcond(I64, cases[i].c, 1, 1), cases[i].one_vs_one);
    }
    /* 32-bit compares look at 32 bits only: INT32_MIN < INT32_MAX. */
    ck_assert_uint_eq(setcond(I32, IR_LT, MIN32, MAX32), 1);
    ck_assert_uint_eq(setcond(I64, IR_LT, MIN32, MAX32), 0);
    ck_assert_uint_eq(setcond(I64, IR_LT, MIN64, MAX64), 1);
    ck_assert_uint_eq(setcond(I64, IR_GTU, MIN64, MAX64), 1);
}
END_TEST

START_TEST(test_select_picks_by_a_condition_of_another_type)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp x = state_value(b, I32, 1, M32, &e);
    ir_temp r = ir_select(b, IR_LT, x, ir_const(b, I32, 0),
                          ir_const(b, I64, 111), ir_const(b, I64, 222));

    ck_assert_uint_eq(finish_on(b, r, &e), 111);
    b = ir_block_new();
    x = state_value(b, I32, 1, M32, &e);
    r = ir_select(b, IR_LTU, x, ir_const(b, I32, 0), ir_const(b, I64, 111),
                  ir_const(b, I64, 222));
    ck_assert_uint_eq(finish_on(b, r, &e), 222);
}
END_TEST

static uint64_t addc(enum ir_opc opc, enum ir_type t, uint64_t a, uint64_t v,
                     uint64_t cin)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp x = state_value(b, t, 1, a, &e), y = state_value(b, t, 2, v, &e);
    ir_temp c = state_value(b, t, 3, cin, &e);

    return finish_on(b, ir_addc(b, opc, x, y, c), &e);
}

START_TEST(test_addc_carry_out_with_and_without_carry_in)
{
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, M32, 0, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, M32, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, M32, M32, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, MIN32, MAX32, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ALL64, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ALL64, 1, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ALL64, ALL64, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, MAX64, MIN64, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, 0, 0, 1), 0);
}
END_TEST

START_TEST(test_addc_signed_overflow_with_and_without_carry_in)
{
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, MAX32, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, MAX32, 0, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, MIN32, M32, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, MIN32, M32, 1), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, M32, 1, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, MAX64, 1, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, MAX64, MAX64, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, MIN64, ALL64, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, MIN64, MAX64, 1), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, ALL64, ALL64, 1), 0);
}
END_TEST

static uint64_t convert(enum ir_opc opc, enum ir_type to, enum ir_type from,
                        uint64_t a)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);

    return finish_on(b, ir_convert(b, opc, to, state_value(b, from, 1, a, &e)),
                     &e);
}

START_TEST(test_zext_sext_trunc_and_bitcast)
{
    ck_assert_uint_eq(convert(IR_ZEXT, I64, I32, MIN32), MIN32);
    ck_assert_uint_eq(convert(IR_SEXT, I64, I32, MIN32), 0xffffffff80000000ull);
    ck_assert_uint_eq(convert(IR_SEXT, I64, I32, MAX32), MAX32);
    ck_assert_uint_eq(convert(IR_TRUNC, I32, I64, 0x123456789abcdef0ull),
                      0x9abcdef0);
    ck_assert_uint_eq(convert(IR_BITCAST, IR_F64, I64, MIN64), MIN64);
    ck_assert_uint_eq(convert(IR_BITCAST, I64, IR_F64, 0x3ff0000000000000ull),
                      0x3ff0000000000000ull);
    ck_assert_uint_eq(convert(IR_BITCAST, IR_F32, I32, 0x7fc00001), 0x7fc00001);
    ck_assert_uint_eq(convert(IR_BITCAST, I32, IR_F32, 0xbf800000), 0xbf800000);
}
END_TEST

START_TEST(test_mov_reassigns_a_temp)
{
    struct ir_block *b = ir_block_new();
    ir_temp t = ir_new_temp(b, I64);

    ir_mov(b, t, ir_const(b, I64, 5));
    ir_mov(b, t, ir_binop(b, IR_ADD, t, ir_const(b, I64, 10)));
    ck_assert_uint_eq(finish(b, t), 15);
}
END_TEST

/* More temps than the interpreter keeps on its stack. */
START_TEST(test_a_long_block_with_many_temps_runs)
{
    struct ir_block *b = ir_block_new();
    ir_temp acc = ir_const(b, I64, 0);

    for (unsigned i = 1; i <= 1000; i++)
        acc = ir_binop(b, IR_ADD, acc, ir_const(b, I64, i));
    ck_assert_uint_ge(b->ntemps, 2000);
    ck_assert_uint_eq(finish(b, acc), 500500);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("interp_int");
    TCase *tc = tcase_create("int");

    tcase_add_test(tc, test_add_sub_mul_wrap_at_the_width);
    tcase_add_test(tc, test_neg_not_and_logic_ops);
    tcase_add_test(tc, test_shift_counts_are_taken_modulo_the_width);
    tcase_add_test(tc, test_rotates_wrap_bits_around_the_width);
    tcase_add_test(tc, test_high_multiplies_match_wide_products);
    tcase_add_test(tc, test_high_multiplies_of_32_bits);
    tcase_add_test(tc, test_division_by_zero_gives_all_ones_and_keeps_the_dividend);
    tcase_add_test(tc, test_int_min_divided_by_minus_one_gives_int_min_remainder_zero);
    tcase_add_test(tc, test_signed_division_rounds_toward_zero);
    tcase_add_test(tc, test_clz_ctz_of_zero_give_the_width);
    tcase_add_test(tc, test_popcnt_and_bswap);
    tcase_add_test(tc, test_extract_and_sextract_fields);
    tcase_add_test(tc, test_deposit_replaces_only_the_field);
    tcase_add_test(tc, test_setcond_signed_and_unsigned_conditions);
    tcase_add_test(tc, test_select_picks_by_a_condition_of_another_type);
    tcase_add_test(tc, test_addc_carry_out_with_and_without_carry_in);
    tcase_add_test(tc, test_addc_signed_overflow_with_and_without_carry_in);
    tcase_add_test(tc, test_zext_sext_trunc_and_bitcast);
    tcase_add_test(tc, test_mov_reassigns_a_temp);
    tcase_add_test(tc, test_a_long_block_with_many_temps_runs);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
