/* tests/unit/check_x64.c: the x86-64 back end's integer ops, checked at
 * their edge values against results computed here from ir.h's rules, with
 * operands in registers, as constants and in spill slots. Built twice:
 * check_x64_base runs it with FERRY_HOST_FEATURES=baseline. */
#include <limits.h>

#include "tests/unit/x64_suites.h"

#define I64 IR_I64
#define I32 IR_I32

static const uint64_t edge64[] = {0, 1, 2, 3, 7, 63, 64, 65, 0x80,
                                  0x7fffffffffffffffull,
                                  0x8000000000000000ull, ~0ull, ~1ull,
                                  0x123456789abcdef0ull, 0xffffffffull,
                                  0x100000000ull, 0x80000000ull};
#define NEDGE (sizeof edge64 / sizeof edge64[0])

START_TEST(test_feature_variant_is_the_one_asked_for)
{
    const struct host_cpu_features *f = host_cpu_features();

#ifdef TH_BASELINE
    ck_assert(!f->lzcnt && !f->bmi1 && !f->popcnt && !f->fma);
#else
    ck_assert_ptr_nonnull(f);
#endif
}
END_TEST

START_TEST(test_add_sub_mul_wrap_around)
{
    for (size_t i = 0; i < NEDGE; i++) {
        uint64_t a = edge64[i], b = edge64[(i * 7 + 3) % NEDGE];
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;

        ck_assert_uint_eq(th_binop(IR_ADD, I64, a, b), a + b);
        ck_assert_uint_eq(th_binop(IR_SUB, I64, a, b), a - b);
        ck_assert_uint_eq(th_binop(IR_MUL, I64, a, b), a * b);
        ck_assert_uint_eq(th_binop(IR_ADD, I32, a, b), (uint32_t)(a32 + b32));
        ck_assert_uint_eq(th_binop(IR_SUB, I32, a, b), (uint32_t)(a32 - b32));
        ck_assert_uint_eq(th_binop(IR_MUL, I32, a, b), (uint32_t)(a32 * b32));
    }
}
END_TEST

START_TEST(test_logic_ops_match_c)
{
    for (size_t i = 0; i < NEDGE; i++) {
        uint64_t a = edge64[i], b = edge64[(i * 5 + 1) % NEDGE];

        ck_assert_uint_eq(th_binop(IR_AND, I64, a, b), a & b);
        ck_assert_uint_eq(th_binop(IR_OR, I64, a, b), a | b);
        ck_assert_uint_eq(th_binop(IR_XOR, I64, a, b), a ^ b);
        ck_assert_uint_eq(th_binop(IR_ANDC, I64, a, b), a & ~b);
        ck_assert_uint_eq(th_binop(IR_ANDC, I32, a, b),
                          (uint32_t)(a & ~b));
        ck_assert_uint_eq(th_unop(IR_NOT, I64, a), ~a);
        ck_assert_uint_eq(th_unop(IR_NOT, I32, a), (uint32_t)~a);
        ck_assert_uint_eq(th_unop(IR_NEG, I64, a), -a);
        ck_assert_uint_eq(th_unop(IR_NEG, I32, a), (uint32_t)-(uint32_t)a);
    }
}
END_TEST

static uint64_t rotl64(uint64_t a, unsigned n)
{
    n &= 63;
    return n ? a << n | a >> (64 - n) : a;
}

static uint32_t rotl32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? a << n | a >> (32 - n) : a;
}

START_TEST(test_shift_counts_are_taken_mod_width)
{
    static const uint64_t counts[] = {0, 1, 31, 32, 33, 63, 64, 65, 127,
                                      0xffffffffffffffc1ull};
    uint64_t a = 0x8123456789abcdefull;
    uint32_t a32 = (uint32_t)a;

    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        unsigned n = (unsigned)counts[i];

        ck_assert_uint_eq(th_binop(IR_SHL, I64, a, counts[i]), a << (n & 63));
        ck_assert_uint_eq(th_binop(IR_SHR, I64, a, counts[i]), a >> (n & 63));
        ck_assert_uint_eq(th_binop(IR_SAR, I64, a, counts[i]),
                          (uint64_t)((int64_t)a >> (n & 63)));
        ck_assert_uint_eq(th_binop(IR_ROTL, I64, a, counts[i]),
                          rotl64(a, n));
        ck_assert_uint_eq(th_binop(IR_ROTR, I64, a, counts[i]),
                          rotl64(a, 64 - (n & 63)));
        ck_assert_uint_eq(th_binop(IR_SHL, I32, a32, counts[i]),
                          (uint32_t)(a32 << (n & 31)));
        ck_assert_uint_eq(th_binop(IR_SHR, I32, a32, counts[i]),
                          a32 >> (n & 31));
        ck_assert_uint_eq(th_binop(IR_SAR, I32, a32, counts[i]),
                          (uint32_t)((int32_t)a32 >> (n & 31)));
        ck_assert_uint_eq(th_binop(IR_ROTL, I32, a32, counts[i]),
                          rotl32(a32, n));
        ck_assert_uint_eq(th_binop(IR_ROTR, I32, a32, counts[i]),
                          rotl32(a32, 32 - (n & 31)));
    }
}
END_TEST

START_TEST(test_high_multiplies_match_128_bit_products)
{
    for (size_t i = 0; i < NEDGE; i++) {
        for (size_t j = 0; j < NEDGE; j += 3) {
            uint64_t a = edge64[i], b = edge64[j];
            __int128 s = (__int128)(int64_t)a * (int64_t)b;
            unsigned __int128 u = (unsigned __int128)a * b;
            __int128 su = (__int128)(int64_t)a * (__int128)(unsigned __int128)b;
            int64_t s32 = (int64_t)(int32_t)a * (int32_t)b;
            uint64_t u32 = (uint64_t)(uint32_t)a * (uint32_t)b;
            int64_t su32 = (int64_t)(int32_t)a * (int64_t)(uint32_t)b;

            ck_assert_uint_eq(th_binop(IR_MULHS, I64, a, b),
                              (uint64_t)(s >> 64));
            ck_assert_uint_eq(th_binop(IR_MULHU, I64, a, b),
                              (uint64_t)(u >> 64));
            ck_assert_uint_eq(th_binop(IR_MULHSU, I64, a, b),
                              (uint64_t)(su >> 64));
            ck_assert_uint_eq(th_binop(IR_MULHS, I32, a, b),
                              (uint32_t)(s32 >> 32));
            ck_assert_uint_eq(th_binop(IR_MULHU, I32, a, b),
                              (uint32_t)(u32 >> 32));
            ck_assert_uint_eq(th_binop(IR_MULHSU, I32, a, b),
                              (uint32_t)(su32 >> 32));
        }
    }
}
END_TEST

START_TEST(test_division_by_zero_gives_all_ones_and_dividend)
{
    ck_assert_uint_eq(th_binop(IR_DIVS, I64, 42, 0), ~0ull);
    ck_assert_uint_eq(th_binop(IR_DIVU, I64, 42, 0), ~0ull);
    ck_assert_uint_eq(th_binop(IR_REMS, I64, (uint64_t)-42, 0),
                      (uint64_t)-42);
    ck_assert_uint_eq(th_binop(IR_REMU, I64, 42, 0), 42);
    ck_assert_uint_eq(th_binop(IR_DIVS, I32, 42, 0), 0xffffffffu);
    ck_assert_uint_eq(th_binop(IR_DIVU, I32, 42, 0), 0xffffffffu);
    ck_assert_uint_eq(th_binop(IR_REMS, I32, 0x80000000u, 0), 0x80000000u);
    ck_assert_uint_eq(th_binop(IR_REMU, I32, 7, 0), 7);
}
END_TEST

START_TEST(test_int_min_divided_by_minus_one_does_not_trap)
{
    uint64_t min64 = 0x8000000000000000ull;

    ck_assert_uint_eq(th_binop(IR_DIVS, I64, min64, ~0ull), min64);
    ck_assert_uint_eq(th_binop(IR_REMS, I64, min64, ~0ull), 0);
    ck_assert_uint_eq(th_binop(IR_DIVS, I32, 0x80000000u, 0xffffffffu),
                      0x80000000u);
    ck_assert_uint_eq(th_binop(IR_REMS, I32, 0x80000000u, 0xffffffffu), 0);
    ck_assert_uint_eq(th_binop(IR_DIVS, I64, 5, ~0ull), (uint64_t)-5);
    ck_assert_uint_eq(th_binop(IR_DIVU, I64, min64, ~0ull), 0);
    ck_assert_uint_eq(th_binop(IR_REMU, I64, min64, ~0ull), min64);
}
END_TEST

START_TEST(test_division_rounds_toward_zero)
{
    ck_assert_uint_eq(th_binop(IR_DIVS, I64, (uint64_t)-7, 2), (uint64_t)-3);
    ck_assert_uint_eq(th_binop(IR_REMS, I64, (uint64_t)-7, 2), (uint64_t)-1);
    ck_assert_uint_eq(th_binop(IR_DIVS, I64, 7, (uint64_t)-2), (uint64_t)-3);
    ck_assert_uint_eq(th_binop(IR_REMS, I64, 7, (uint64_t)-2), 1);
    ck_assert_uint_eq(th_binop(IR_DIVS, I32, (uint32_t)-7, 2),
                      (uint32_t)-3);
    ck_assert_uint_eq(th_binop(IR_REMS, I32, (uint32_t)-7, 2),
                      (uint32_t)-1);
    ck_assert_uint_eq(th_binop(IR_DIVU, I64, ~0ull, 10), ~0ull / 10);
    ck_assert_uint_eq(th_binop(IR_REMU, I64, ~0ull, 10), ~0ull % 10);
    ck_assert_uint_eq(th_binop(IR_DIVU, I32, 0xfffffff0u, 3),
                      0xfffffff0u / 3);
    ck_assert_uint_eq(th_binop(IR_REMU, I32, 0xfffffff0u, 7),
                      0xfffffff0u % 7);
}
END_TEST

START_TEST(test_bit_counts_of_zero_are_the_width)
{
    ck_assert_uint_eq(th_unop(IR_CLZ, I64, 0), 64);
    ck_assert_uint_eq(th_unop(IR_CTZ, I64, 0), 64);
    ck_assert_uint_eq(th_unop(IR_CLZ, I32, 0), 32);
    ck_assert_uint_eq(th_unop(IR_CTZ, I32, 0), 32);
    ck_assert_uint_eq(th_unop(IR_POPCNT, I64, 0), 0);
    ck_assert_uint_eq(th_unop(IR_POPCNT, I32, 0), 0);
}
END_TEST

START_TEST(test_bit_counts_match_builtins)
{
    for (size_t i = 0; i < NEDGE; i++) {
        uint64_t a = edge64[i];
        uint32_t a32 = (uint32_t)a;

        if (!a32)
            continue;
        ck_assert_uint_eq(th_unop(IR_CLZ, I64, a), __builtin_clzll(a));
        ck_assert_uint_eq(th_unop(IR_CTZ, I64, a), __builtin_ctzll(a));
        ck_assert_uint_eq(th_unop(IR_POPCNT, I64, a), __builtin_popcountll(a));
        ck_assert_uint_eq(th_unop(IR_CLZ, I32, a), __builtin_clz(a32));
        ck_assert_uint_eq(th_unop(IR_CTZ, I32, a), __builtin_ctz(a32));
        ck_assert_uint_eq(th_unop(IR_POPCNT, I32, a), __builtin_popcount(a32));
    }
}
END_TEST

START_TEST(test_bswap_reverses_bytes)
{
    ck_assert_uint_eq(th_unop(IR_BSWAP, I64, 0x0102030405060708ull),
                      0x0807060504030201ull);
    ck_assert_uint_eq(th_unop(IR_BSWAP, I32, 0x01020304u), 0x04030201u);
}
END_TEST

static ir_temp build_field(struct ir_block *b, const struct th_op *op,
                           ir_temp x, ir_temp y)
{
    unsigned pos = op->imm & 0xff, len = op->imm >> 8;

    if (op->opc == IR_DEPOSIT)
        return ir_deposit(b, x, y, pos, len);
    return ir_extract(b, op->opc == IR_SEXTRACT, x, pos, len);
}

static uint64_t field(enum ir_opc opc, enum ir_type ty, uint64_t a,
                      uint64_t b, unsigned pos, unsigned len)
{
    struct th_op op = {build_field, opc, ty, 0, pos | len << 8};

    return th_eval(&op, a, b);
}

START_TEST(test_bit_fields_extract_and_deposit)
{
    uint64_t a = 0xfedcba9876543210ull;

    ck_assert_uint_eq(field(IR_EXTRACT, I64, a, 0, 4, 8), 0x21);
    ck_assert_uint_eq(field(IR_EXTRACT, I64, a, 0, 0, 64), a);
    ck_assert_uint_eq(field(IR_EXTRACT, I64, a, 0, 60, 4), 0xf);
    ck_assert_uint_eq(field(IR_SEXTRACT, I64, a, 0, 60, 4), ~0ull);
    ck_assert_uint_eq(field(IR_SEXTRACT, I64, a, 0, 4, 8), 0x21);
    ck_assert_uint_eq(field(IR_SEXTRACT, I64, a, 0, 28, 8), 0xffffffffffffff87ull);
    ck_assert_uint_eq(field(IR_EXTRACT, I32, a, 0, 28, 4), 0x7);
    ck_assert_uint_eq(field(IR_SEXTRACT, I32, 0x80000000u, 0, 31, 1),
                      0xffffffffu);
    ck_assert_uint_eq(field(IR_DEPOSIT, I64, a, 0x1ff, 8, 8),
                      (a & ~0xff00ull) | 0xff00ull);
    ck_assert_uint_eq(field(IR_DEPOSIT, I64, a, 0x5, 60, 4),
                      0x5edcba9876543210ull);
    ck_assert_uint_eq(field(IR_DEPOSIT, I64, a, 0x1234, 0, 64), 0x1234);
    ck_assert_uint_eq(field(IR_DEPOSIT, I32, 0xffffffffu, 0, 4, 24),
                      0xf000000fu);
    ck_assert_uint_eq(field(IR_DEPOSIT, I64, 0, ~0ull, 16, 40),
                      0x00ffffffffff0000ull);
}
END_TEST

static ir_temp build_setcond(struct ir_block *b, const struct th_op *op,
                             ir_temp x, ir_temp y)
{
    return ir_setcond(b, IR_I64, op->cond, x, y);
}

static bool int_cond(enum ir_cond c, enum ir_type ty, uint64_t a, uint64_t b)
{
    int64_t sa = ty == I32 ? (int32_t)a : (int64_t)a;
    int64_t sb = ty == I32 ? (int32_t)b : (int64_t)b;

    if (ty == I32)
        a = (uint32_t)a, b = (uint32_t)b;
    switch (c) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_LE: return sa <= sb;
    case IR_GT: return sa > sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_LEU: return a <= b;
    default: return a > b;
    }
}

START_TEST(test_setcond_evaluates_every_integer_condition)
{
    static const uint64_t v[] = {0, 1, ~0ull, 0x7fffffffffffffffull,
                                 0x8000000000000000ull, 0x80000000ull};

    for (int c = IR_EQ; c <= IR_GTU; c++)
        for (size_t i = 0; i < 6; i++)
            for (size_t j = 0; j < 6; j++)
                for (int t = 0; t < 2; t++) {
                    enum ir_type ty = t ? I32 : I64;
                    struct th_op op = {build_setcond, 0, ty,
                                       (enum ir_cond)c, 0};

                    ck_assert_uint_eq(th_eval(&op, v[i], v[j]),
                                      int_cond(c, ty, v[i], v[j]));
                }
}
END_TEST

static ir_temp build_select(struct ir_block *b, const struct th_op *op,
                            ir_temp x, ir_temp y)
{
    ir_temp t = ir_const(b, op->type, 0x1111), f = ir_get(b, op->type,
                                                           R_OFF(6));

    return ir_select(b, op->cond, x, y, t, f);
}

START_TEST(test_select_picks_by_condition)
{
    struct th_op op = {build_select, 0, I64, IR_LT, 0};

    /* r[6] is 0 in th_eval's state: the false value */
    ck_assert_uint_eq(th_eval(&op, (uint64_t)-1, 1), 0x1111);
    ck_assert_uint_eq(th_eval(&op, 1, (uint64_t)-1), 0);
    op.cond = IR_GEU;
    ck_assert_uint_eq(th_eval(&op, (uint64_t)-1, 1), 0x1111);
    op.type = I32;
    ck_assert_uint_eq(th_eval(&op, 1, 0xffffffffu), 0);
}
END_TEST

static ir_temp build_addc(struct ir_block *b, const struct th_op *op,
                          ir_temp x, ir_temp y)
{
    return ir_addc(b, op->opc, x, y, ir_const(b, op->type, op->imm));
}

static uint64_t addc(enum ir_opc opc, enum ir_type ty, uint64_t a,
                     uint64_t b, unsigned cin)
{
    struct th_op op = {build_addc, opc, ty, 0, cin};

    return th_eval(&op, a, b);
}

START_TEST(test_add_with_carry_reports_carry_and_overflow)
{
    uint64_t max = 0x7fffffffffffffffull;

    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ~0ull, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ~0ull, 0, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, ~0ull, 1, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I64, 5, 6, 1), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, max, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, max, 0, 0), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, max + 1, ~0ull, 0), 1);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I64, max + 1, ~0ull, 1), 0);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, 0xffffffffu, 0, 1), 1);
    ck_assert_uint_eq(addc(IR_ADDC_CARRY, I32, 0xfffffffeu, 0, 1), 0);
    ck_assert_uint_eq(addc(IR_ADDC_OVF, I32, 0x7fffffffu, 1, 0), 1);
}
END_TEST

static ir_temp build_width(struct ir_block *b, const struct th_op *op,
                           ir_temp x, ir_temp y)
{
    (void)y;
    return ir_convert(b, op->opc, op->opc == IR_TRUNC ? I32 : I64, x);
}

START_TEST(test_width_changes_extend_and_truncate)
{
    struct th_op op = {build_width, IR_ZEXT, I32, 0, 0};

    ck_assert_uint_eq(th_eval(&op, 0x80000001u, 0), 0x80000001u);
    op.opc = IR_SEXT;
    ck_assert_uint_eq(th_eval(&op, 0x80000001u, 0), 0xffffffff80000001ull);
    ck_assert_uint_eq(th_eval(&op, 0x7fffffffu, 0), 0x7fffffffu);
    op.opc = IR_TRUNC;
    op.type = I64;
    ck_assert_uint_eq(th_eval(&op, 0xdeadbeef87654321ull, 0), 0x87654321u);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("x64");
    TCase *tc = tcase_create("int");

#ifdef TH_BASELINE
    setenv("FERRY_HOST_FEATURES", "baseline", 1);
#endif
    tcase_add_test(tc, test_feature_variant_is_the_one_asked_for);
    tcase_add_test(tc, test_add_sub_mul_wrap_around);
    tcase_add_test(tc, test_logic_ops_match_c);
    tcase_add_test(tc, test_shift_counts_are_taken_mod_width);
    tcase_add_test(tc, test_high_multiplies_match_128_bit_products);
    tcase_add_test(tc, test_division_by_zero_gives_all_ones_and_dividend);
    tcase_add_test(tc, test_int_min_divided_by_minus_one_does_not_trap);
    tcase_add_test(tc, test_division_rounds_toward_zero);
    tcase_add_test(tc, test_bit_counts_of_zero_are_the_width);
    tcase_add_test(tc, test_bit_counts_match_builtins);
    tcase_add_test(tc, test_bswap_reverses_bytes);
    tcase_add_test(tc, test_bit_fields_extract_and_deposit);
    tcase_add_test(tc, test_setcond_evaluates_every_integer_condition);
    tcase_add_test(tc, test_select_picks_by_condition);
    tcase_add_test(tc, test_add_with_carry_reports_carry_and_overflow);
    tcase_add_test(tc, test_width_changes_extend_and_truncate);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, x64_tcase_ctl());
    suite_add_tcase(s, x64_tcase_fp());
    suite_add_tcase(s, x64_tcase_atomic());
    suite_add_tcase(s, x64_tcase_emit());
    suite_add_tcase(s, x64_tcase_probe());
    suite_add_tcase(s, x64_tcase_loop());
    return unit_run(s);
}
