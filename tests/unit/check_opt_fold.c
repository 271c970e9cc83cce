/* tests/unit/check_opt_fold.c: constant folding at edge values: division
 * rules, shift masking, 32-bit wrap-around, bit counts, fields,
 * comparisons and conversions, all as ir.h defines them. */
#include <stdint.h>

#include "tests/unit/check_opt.h"

#define M32 UINT64_C(0xffffffff)
#define M64 UINT64_MAX
#define MIN32 UINT64_C(0x80000000)
#define MIN64 (UINT64_C(1) << 63)

/* Returns the value op 0 of b was folded to (asserting it was), frees b. */
static uint64_t folded(struct ir_block *b, ir_temp r, enum ir_type t)
{
    const struct ir_op *op;
    uint64_t v;

    opt_const_fold(b);
    op = &b->ops[0];
    ck_assert_str_eq(ir_op_defs[op->opc].name, "mov");
    ck_assert_uint_eq(op->args[0], r);
    ck_assert(b->temps[op->args[1]].is_const);
    ck_assert_uint_eq(b->temps[op->args[1]].type, t);
    v = b->temps[op->args[1]].value;
    ir_block_free(b);
    return v;
}

/* "opc a, c" on constants of type t, folded. */
static uint64_t fold2(enum ir_type t, enum ir_opc opc, uint64_t a, uint64_t c)
{
    struct ir_block *b = ir_block_new();
    ir_temp r = ir_binop(b, opc, ir_const(b, t, a), ir_const(b, t, c));

    ir_goto_pc(b, 0, 0);
    return folded(b, r, t);
}

static uint64_t fold1(enum ir_type t, enum ir_opc opc, uint64_t a)
{
    struct ir_block *b = ir_block_new();
    ir_temp r = ir_unop(b, opc, ir_const(b, t, a));

    ir_goto_pc(b, 0, 0);
    return folded(b, r, t);
}

START_TEST(test_divs_int_min_by_minus_one_gives_int_min)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_DIVS, MIN32, M32), MIN32);
    ck_assert_uint_eq(fold2(IR_I64, IR_DIVS, MIN64, M64), MIN64);
}
END_TEST

START_TEST(test_rems_int_min_by_minus_one_gives_zero)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_REMS, MIN32, M32), 0);
    ck_assert_uint_eq(fold2(IR_I64, IR_REMS, MIN64, M64), 0);
}
END_TEST

START_TEST(test_division_by_zero_gives_all_ones)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_DIVS, 7, 0), M32);
    ck_assert_uint_eq(fold2(IR_I64, IR_DIVS, 7, 0), M64);
    ck_assert_uint_eq(fold2(IR_I32, IR_DIVU, 7, 0), M32);
    ck_assert_uint_eq(fold2(IR_I64, IR_DIVU, 7, 0), M64);
}
END_TEST

START_TEST(test_remainder_by_zero_gives_the_dividend)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_REMS, 0xfffffff9, 0), 0xfffffff9);
    ck_assert_uint_eq(fold2(IR_I64, IR_REMS, M64 - 6, 0), M64 - 6);
    ck_assert_uint_eq(fold2(IR_I32, IR_REMU, 12345, 0), 12345);
    ck_assert_uint_eq(fold2(IR_I64, IR_REMU, MIN64, 0), MIN64);
}
END_TEST

START_TEST(test_signed_division_rounds_toward_zero)
{
    /* -7 / 2 = -3 and -7 % 2 = -1, zero-extended in I32 */
    ck_assert_uint_eq(fold2(IR_I32, IR_DIVS, 0xfffffff9, 2), 0xfffffffd);
    ck_assert_uint_eq(fold2(IR_I32, IR_REMS, 0xfffffff9, 2), 0xffffffff);
    ck_assert_uint_eq(fold2(IR_I64, IR_DIVS, M64 - 6, 2), M64 - 2);
    ck_assert_uint_eq(fold2(IR_I64, IR_REMS, 7, M64 - 1), 1);
    /* unsigned sees the same bits as a large number */
    ck_assert_uint_eq(fold2(IR_I32, IR_DIVU, 0xfffffff9, 2), 0x7ffffffc);
}
END_TEST

START_TEST(test_shift_counts_are_taken_modulo_the_width)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_SHL, 1, 33), 2);
    ck_assert_uint_eq(fold2(IR_I32, IR_SHL, 5, 32), 5);
    ck_assert_uint_eq(fold2(IR_I64, IR_SHL, 1, 65), 2);
    ck_assert_uint_eq(fold2(IR_I64, IR_SHL, 1, 32), UINT64_C(1) << 32);
    ck_assert_uint_eq(fold2(IR_I32, IR_SHR, MIN32, 63), 1);
    ck_assert_uint_eq(fold2(IR_I64, IR_SHR, MIN64, 127), 1);
}
END_TEST

START_TEST(test_sar_copies_the_sign_bit_of_its_width)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_SAR, MIN32, 31), M32);
    ck_assert_uint_eq(fold2(IR_I32, IR_SAR, 0x40000000, 30), 1);
    ck_assert_uint_eq(fold2(IR_I64, IR_SAR, MIN64, 63), M64);
    /* an I64 value with bit 31 set is positive */
    ck_assert_uint_eq(fold2(IR_I64, IR_SAR, MIN32, 31), 1);
}
END_TEST

START_TEST(test_rotates_wrap_within_the_width)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_ROTL, 0x80000001, 1), 3);
    ck_assert_uint_eq(fold2(IR_I32, IR_ROTR, 1, 1), MIN32);
    ck_assert_uint_eq(fold2(IR_I32, IR_ROTL, 0x12345678, 32), 0x12345678);
    ck_assert_uint_eq(fold2(IR_I32, IR_ROTR, 0x12345678, 4), 0x81234567);
    ck_assert_uint_eq(fold2(IR_I64, IR_ROTR, 1, 1), MIN64);
    ck_assert_uint_eq(fold2(IR_I64, IR_ROTL, MIN64, 65), 1);
}
END_TEST

START_TEST(test_i32_results_wrap_and_stay_zero_extended)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_ADD, M32, 1), 0);
    ck_assert_uint_eq(fold2(IR_I32, IR_ADD, 0x7fffffff, 1), MIN32);
    ck_assert_uint_eq(fold2(IR_I32, IR_SUB, 0, 1), M32);
    ck_assert_uint_eq(fold2(IR_I32, IR_MUL, 0x10000, 0x10000), 0);
    ck_assert_uint_eq(fold2(IR_I32, IR_SHL, M32, 4), 0xfffffff0);
    ck_assert_uint_eq(fold1(IR_I32, IR_NEG, 1), M32);
    ck_assert_uint_eq(fold1(IR_I32, IR_NOT, 0), M32);
    ck_assert_uint_eq(fold2(IR_I64, IR_ADD, M32, 1), UINT64_C(1) << 32);
}
END_TEST

START_TEST(test_logic_ops_fold)
{
    ck_assert_uint_eq(fold2(IR_I32, IR_AND, 0xf0f0, 0xff00), 0xf000);
    ck_assert_uint_eq(fold2(IR_I32, IR_OR, 0xf0f0, 0xff00), 0xfff0);
    ck_assert_uint_eq(fold2(IR_I64, IR_XOR, 0xf0f0, 0xff00), 0x0ff0);
    ck_assert_uint_eq(fold2(IR_I32, IR_ANDC, 0xf0f0, 0xff00), 0x00f0);
    ck_assert_uint_eq(fold2(IR_I64, IR_ANDC, M64, 1), M64 - 1);
}
END_TEST

START_TEST(test_high_products_fold_for_each_signedness)
{
    ck_assert_uint_eq(fold2(IR_I64, IR_MULHU, M64, M64), M64 - 1);
    ck_assert_uint_eq(fold2(IR_I64, IR_MULHS, M64, M64), 0);
    ck_assert_uint_eq(fold2(IR_I64, IR_MULHS, MIN64, MIN64), MIN64 >> 1);
    /* -1 * (2^64 - 1) = -(2^64 - 1): high half all ones */
    ck_assert_uint_eq(fold2(IR_I64, IR_MULHSU, M64, M64), M64);
    ck_assert_uint_eq(fold2(IR_I64, IR_MULHSU, 2, M64), 1);
    ck_assert_uint_eq(fold2(IR_I32, IR_MULHU, M32, M32), 0xfffffffe);
    ck_assert_uint_eq(fold2(IR_I32, IR_MULHS, MIN32, MIN32), 0x40000000);
    ck_assert_uint_eq(fold2(IR_I32, IR_MULHS, M32, 2), M32);
    ck_assert_uint_eq(fold2(IR_I32, IR_MULHSU, M32, M32), M32);
}
END_TEST

START_TEST(test_bit_counts_of_zero_give_the_width)
{
    ck_assert_uint_eq(fold1(IR_I32, IR_CLZ, 0), 32);
    ck_assert_uint_eq(fold1(IR_I64, IR_CLZ, 0), 64);
    ck_assert_uint_eq(fold1(IR_I32, IR_CTZ, 0), 32);
    ck_assert_uint_eq(fold1(IR_I64, IR_CTZ, 0), 64);
    ck_assert_uint_eq(fold1(IR_I32, IR_CLZ, 1), 31);
    ck_assert_uint_eq(fold1(IR_I64, IR_CLZ, 1), 63);
    ck_assert_uint_eq(fold1(IR_I32, IR_CLZ, MIN32), 0);
    ck_assert_uint_eq(fold1(IR_I64, IR_CTZ, MIN64), 63);
    ck_assert_uint_eq(fold1(IR_I32, IR_POPCNT, M32), 32);
    ck_assert_uint_eq(fold1(IR_I64, IR_POPCNT, M64), 64);
}
END_TEST

START_TEST(test_bswap_reverses_the_bytes_of_its_width)
{
    ck_assert_uint_eq(fold1(IR_I32, IR_BSWAP, 0x11223344), 0x44332211);
    ck_assert_uint_eq(fold1(IR_I64, IR_BSWAP, 0x1122334455667788),
                      0x8877665544332211);
    ck_assert_uint_eq(fold1(IR_I64, IR_BSWAP, 0xff), 0xff00000000000000);
}
END_TEST

/* extract/sextract/deposit of constants with field (pos, len). */
static uint64_t fold_field(enum ir_type t, enum ir_opc opc, uint64_t a,
                           uint64_t v, unsigned pos, unsigned len)
{
    struct ir_block *b = ir_block_new();
    ir_temp ka = ir_const(b, t, a), r;

    if (opc == IR_DEPOSIT)
        r = ir_deposit(b, ka, ir_const(b, t, v), pos, len);
    else
        r = ir_extract(b, opc == IR_SEXTRACT, ka, pos, len);
    ir_goto_pc(b, 0, 0);
    return folded(b, r, t);
}

START_TEST(test_fields_extract_and_deposit)
{
    ck_assert_uint_eq(fold_field(IR_I32, IR_EXTRACT, 0xabcd1234, 0, 8, 8),
                      0x12);
    ck_assert_uint_eq(fold_field(IR_I32, IR_SEXTRACT, 0xff00, 0, 8, 8), M32);
    ck_assert_uint_eq(fold_field(IR_I64, IR_SEXTRACT, 0xff00, 0, 8, 8), M64);
    ck_assert_uint_eq(fold_field(IR_I64, IR_SEXTRACT, 0x7f00, 0, 8, 8), 0x7f);
    ck_assert_uint_eq(fold_field(IR_I64, IR_SEXTRACT, MIN64, 0, 0, 64), MIN64);
    ck_assert_uint_eq(fold_field(IR_I64, IR_EXTRACT, MIN64, 0, 63, 1), 1);
    ck_assert_uint_eq(fold_field(IR_I32, IR_DEPOSIT, M32, 0, 4, 8), 0xfffff00f);
    /* only the low len bits of the value are used */
    ck_assert_uint_eq(fold_field(IR_I32, IR_DEPOSIT, 0, 0x1ff, 28, 4),
                      0xf0000000);
    ck_assert_uint_eq(fold_field(IR_I64, IR_DEPOSIT, 0, 0x1234, 0, 64), 0x1234);
}
END_TEST

/* setcond of constants a, c of type t with an I64 result. */
static uint64_t fold_setcond(enum ir_type t, enum ir_cond cond, uint64_t a,
                             uint64_t c)
{
    struct ir_block *b = ir_block_new();
    ir_temp r =
        ir_setcond(b, IR_I64, cond, ir_const(b, t, a), ir_const(b, t, c));

    ir_goto_pc(b, 0, 0);
    return folded(b, r, IR_I64);
}

START_TEST(test_setcond_compares_signed_and_unsigned_in_the_operand_width)
{
    ck_assert_uint_eq(fold_setcond(IR_I32, IR_LT, M32, 1), 1);
    ck_assert_uint_eq(fold_setcond(IR_I32, IR_LTU, M32, 1), 0);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_LT, M32, 1), 0);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_GT, 1, M64), 1);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_GTU, 1, M64), 0);
    ck_assert_uint_eq(fold_setcond(IR_I32, IR_GE, MIN32, MIN32), 1);
    ck_assert_uint_eq(fold_setcond(IR_I32, IR_LE, 0x7fffffff, MIN32), 0);
    ck_assert_uint_eq(fold_setcond(IR_I32, IR_LEU, 0x7fffffff, MIN32), 1);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_GEU, 0, 0), 1);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_EQ, 5, 5), 1);
    ck_assert_uint_eq(fold_setcond(IR_I64, IR_NE, 5, 5), 0);
}
END_TEST

START_TEST(test_width_conversions_fold)
{
    struct ir_block *b = ir_block_new();
    ir_temp k = ir_const(b, IR_I32, MIN32);
    ir_temp s = ir_convert(b, IR_SEXT, IR_I64, k);
    ir_temp z = ir_convert(b, IR_ZEXT, IR_I64, k);
    ir_temp t = ir_convert(b, IR_TRUNC, IR_I32,
                           ir_const(b, IR_I64, 0x123456789abcdef0));

    ir_goto_pc(b, 0, 0);
    opt_const_fold(b);
    expect_const(b, 0, s, IR_I64, 0xffffffff80000000);
    expect_const(b, 1, z, IR_I64, MIN32);
    expect_const(b, 2, t, IR_I32, 0x9abcdef0);
    ir_block_free(b);
}
END_TEST

/* addc_carry / addc_ovf of constants a + c + carry_in of type t. */
static uint64_t fold_addc(enum ir_type t, enum ir_opc opc, uint64_t a,
                          uint64_t c, uint64_t in)
{
    struct ir_block *b = ir_block_new();
    ir_temp r = ir_addc(b, opc, ir_const(b, t, a), ir_const(b, t, c),
                        ir_const(b, t, in));

    ir_goto_pc(b, 0, 0);
    return folded(b, r, t);
}

START_TEST(test_carry_and_overflow_fold_in_each_width)
{
    ck_assert_uint_eq(fold_addc(IR_I32, IR_ADDC_CARRY, M32, 0, 1), 1);
    ck_assert_uint_eq(fold_addc(IR_I32, IR_ADDC_CARRY, M32 - 1, 0, 1), 0);
    ck_assert_uint_eq(fold_addc(IR_I64, IR_ADDC_CARRY, M32, 0, 1), 0);
    ck_assert_uint_eq(fold_addc(IR_I64, IR_ADDC_CARRY, M64, M64, 1), 1);
    ck_assert_uint_eq(fold_addc(IR_I32, IR_ADDC_OVF, 0x7fffffff, 0, 1), 1);
    ck_assert_uint_eq(fold_addc(IR_I32, IR_ADDC_OVF, M32, 0, 1), 0);
    ck_assert_uint_eq(fold_addc(IR_I32, IR_ADDC_OVF, MIN32, M32, 0), 1);
    ck_assert_uint_eq(fold_addc(IR_I64, IR_ADDC_OVF, 0x7fffffff, 0, 1), 0);
    ck_assert_uint_eq(fold_addc(IR_I64, IR_ADDC_OVF, MIN64, M64, 1), 0);
    ck_assert_uint_eq(fold_addc(IR_I64, IR_ADDC_OVF, MIN64, M64, 0), 1);
}
END_TEST

TCase *opt_tcase_fold_edges(void)
{
    TCase *tc = tcase_create("fold_edges");

    tcase_add_test(tc, test_divs_int_min_by_minus_one_gives_int_min);
    tcase_add_test(tc, test_rems_int_min_by_minus_one_gives_zero);
    tcase_add_test(tc, test_division_by_zero_gives_all_ones);
    tcase_add_test(tc, test_remainder_by_zero_gives_the_dividend);
    tcase_add_test(tc, test_signed_division_rounds_toward_zero);
    tcase_add_test(tc, test_shift_counts_are_taken_modulo_the_width);
    tcase_add_test(tc, test_sar_copies_the_sign_bit_of_its_width);
    tcase_add_test(tc, test_rotates_wrap_within_the_width);
    tcase_add_test(tc, test_i32_results_wrap_and_stay_zero_extended);
    tcase_add_test(tc, test_logic_ops_fold);
    tcase_add_test(tc, test_high_products_fold_for_each_signedness);
    tcase_add_test(tc, test_bit_counts_of_zero_give_the_width);
    tcase_add_test(tc, test_bswap_reverses_the_bytes_of_its_width);
    tcase_add_test(tc, test_fields_extract_and_deposit);
    tcase_add_test(
        tc, test_setcond_compares_signed_and_unsigned_in_the_operand_width);
    tcase_add_test(tc, test_width_conversions_fold);
    tcase_add_test(tc, test_carry_and_overflow_fold_in_each_width);
    return tc;
}
