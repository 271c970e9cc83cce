/* tests/unit/check_rv_int.c: riscv64 integer computation (RV64I, M):
 * instructions translated to IR and run by the reference interpreter,
 * results checked against values worked out from the RISC-V spec. */
#include "tests/unit/check_rv.h"

#define T0 5
#define T1 6
#define T2 7
#define MIN64 0x8000000000000000ull
#define ALL64 0xffffffffffffffffull

/* Runs one instruction with t0 = a, t1 = b and returns t2. */
static uint64_t run_op(uint64_t features, uint32_t insn, uint64_t a,
                       uint64_t b)
{
    struct rvt *t = rvt_new(features);
    uint64_t r;

    t->cpu.x[T0] = a;
    t->cpu.x[T1] = b;
    t->cpu.x[T2] = 0x5555555555555555ull;
    rvt_emit32(t, insn);
    rvt_run_to_end(t);
    r = t->cpu.x[T2];
    ck_assert_uint_eq(t->cpu.x[0], 0);
    rvt_free(t);
    return r;
}

/* t2 = t0 OP t1 for an OP/OP-32 funct7/funct3. */
static uint64_t rr(uint32_t f7, uint32_t f3, uint64_t a, uint64_t b)
{
    return run_op(RV_FEATURES_RV64GC, R_OP(f7, f3, T2, T0, T1), a, b);
}

static uint64_t rr32(uint32_t f7, uint32_t f3, uint64_t a, uint64_t b)
{
    return run_op(RV_FEATURES_RV64GC, R_OP32(f7, f3, T2, T0, T1), a, b);
}

/* t2 = t0 OP-IMM imm (opc 0x13) or OP-IMM-32 (0x1b). */
static uint64_t ri(uint32_t opc, uint32_t f3, int32_t imm, uint64_t a)
{
    return run_op(RV_FEATURES_RV64GC, rvt_i(imm, T0, f3, T2, opc), a, 0);
}

START_TEST(test_add_and_sub_wrap_around)
{
    ck_assert_uint_eq(rr(0, 0, 0x7fffffffffffffffull, 1), MIN64);
    ck_assert_uint_eq(rr(0x20, 0, 0, 1), ALL64);
    ck_assert_uint_eq(ri(0x13, 0, -1, 0), ALL64);
    ck_assert_uint_eq(ri(0x13, 0, 2047, 1), 2048);
    ck_assert_uint_eq(ri(0x13, 0, -2048, 0), (uint64_t)-2048);
}
END_TEST

START_TEST(test_x0_reads_zero_and_ignores_writes)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    const uint32_t code[] = {
        ADDI(0, 0, 5),               /* addi x0, x0, 5 */
        rvt_u(0x12345, 0, 0x37),     /* lui x0 */
        R_OP(0, 0, 0, T0, T0),       /* add x0, t0, t0 */
        R_OP(0, 0, T2, 0, T0),       /* add t2, x0, t0 */
        rvt_j(4, 0),                 /* jal x0, +4 */
    };

    t->cpu.x[T0] = 21;
    rvt_code(t, code, 5);
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[0], 0);
    ck_assert_uint_eq(t->cpu.x[T2], 21);
    rvt_free(t);
}
END_TEST

START_TEST(test_w_forms_sign_extend_32_bit_results)
{
    ck_assert_uint_eq(rr32(0, 0, 0x7fffffff, 1), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(0x20, 0, 0, 1), ALL64);            /* subw */
    ck_assert_uint_eq(rr32(0, 0, 0x100000001ull, 0x100000001ull), 2);
    ck_assert_uint_eq(ri(0x1b, 0, 0, 0x00000000ffffffffull), ALL64);
    ck_assert_uint_eq(ri(0x1b, 0, 1, 0x7fffffff), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(0, 1, 1, 31), 0xffffffff80000000ull); /* sllw */
    ck_assert_uint_eq(rr32(0, 5, 0xffffffff80000000ull, 1), 0x40000000);
    ck_assert_uint_eq(rr32(0x20, 5, 0x80000000, 31), ALL64);  /* sraw */
    ck_assert_uint_eq(ri(0x1b, 1, 31, 1), 0xffffffff80000000ull); /* slliw */
    ck_assert_uint_eq(ri(0x1b, 5, 0, 0x80000000), 0xffffffff80000000ull);
    ck_assert_uint_eq(ri(0x1b, 5, 0x400 | 31, 0x80000000), ALL64); /* sraiw */
}
END_TEST

START_TEST(test_register_shifts_use_the_low_bits_of_rs2)
{
    ck_assert_uint_eq(rr(0, 1, 1, 64 + 63), MIN64);            /* sll */
    ck_assert_uint_eq(rr(0, 5, MIN64, 127), 1);               /* srl */
    ck_assert_uint_eq(rr(0x20, 5, MIN64, 63), ALL64);         /* sra */
    ck_assert_uint_eq(rr(0x20, 5, MIN64, 64), MIN64);         /* sra 0 */
    ck_assert_uint_eq(rr32(0, 1, 1, 32 + 31), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(0, 5, 0xfffffffe, 32 + 1), 0x7fffffff);
}
END_TEST

START_TEST(test_immediate_shifts_take_shamt_63)
{
    ck_assert_uint_eq(ri(0x13, 1, 63, 1), MIN64);             /* slli */
    ck_assert_uint_eq(ri(0x13, 5, 63, MIN64), 1);             /* srli */
    ck_assert_uint_eq(ri(0x13, 5, 0x400 | 63, MIN64), ALL64); /* srai */
    ck_assert_uint_eq(ri(0x13, 5, 0x400 | 4, 0x80), 8);
}
END_TEST

START_TEST(test_comparisons_are_signed_or_unsigned)
{
    ck_assert_uint_eq(rr(0, 2, ALL64, 1), 1);      /* slt -1 < 1 */
    ck_assert_uint_eq(rr(0, 3, ALL64, 1), 0);      /* sltu */
    ck_assert_uint_eq(rr(0, 3, 1, ALL64), 1);
    ck_assert_uint_eq(rr(0, 2, 5, 5), 0);
    ck_assert_uint_eq(ri(0x13, 2, -1, (uint64_t)-2), 1); /* slti */
    ck_assert_uint_eq(ri(0x13, 2, -1, 0), 0);
    /* sltiu: the immediate is sign-extended, then compared unsigned */
    ck_assert_uint_eq(ri(0x13, 3, -1, 0xfffffffffffffffeull), 1);
    ck_assert_uint_eq(ri(0x13, 3, -1, ALL64), 0);
    ck_assert_uint_eq(ri(0x13, 3, 1, 0), 1);        /* seqz */
}
END_TEST

START_TEST(test_logic_immediates_are_sign_extended)
{
    ck_assert_uint_eq(ri(0x13, 4, -1, 0x0f0f), ~(uint64_t)0x0f0f); /* xori */
    ck_assert_uint_eq(ri(0x13, 6, -2048, 1), 0xfffffffffffff801ull); /* ori */
    ck_assert_uint_eq(ri(0x13, 7, -16, ALL64), 0xfffffffffffffff0ull);
    ck_assert_uint_eq(rr(0, 4, 0xff00, 0x0ff0), 0xf0f0);
    ck_assert_uint_eq(rr(0, 6, 0xff00, 0x0ff0), 0xfff0);
    ck_assert_uint_eq(rr(0, 7, 0xff00, 0x0ff0), 0x0f00);
}
END_TEST

START_TEST(test_lui_sign_extends_and_auipc_adds_its_pc)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    const uint32_t code[] = {
        rvt_u(0x80000, T0, 0x37),   /* lui t0, 0x80000 */
        rvt_u(0x00001, T1, 0x17),   /* auipc t1, 1 (at RVT_CODE + 4) */
        rvt_u(0xfffff, T2, 0x17),   /* auipc t2, -1 (at RVT_CODE + 8) */
        rvt_u(0x7ffff, 8, 0x37),    /* lui s0, 0x7ffff */
    };

    rvt_code(t, code, 4);
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T0], 0xffffffff80000000ull);
    ck_assert_uint_eq(t->cpu.x[T1], RVT_CODE + 4 + 0x1000);
    ck_assert_uint_eq(t->cpu.x[T2], RVT_CODE + 8 - 0x1000);
    ck_assert_uint_eq(t->cpu.x[8], 0x7ffff000);
    rvt_free(t);
}
END_TEST

/* --- M ------------------------------------------------------------------- */

START_TEST(test_mul_keeps_the_low_64_bits)
{
    ck_assert_uint_eq(rr(1, 0, 0x100000000ull, 0x100000000ull), 0);
    ck_assert_uint_eq(rr(1, 0, ALL64, 3), (uint64_t)-3);
    ck_assert_uint_eq(rr32(1, 0, 0x8000, 0x10000), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(1, 0, 0x100000003ull, 5), 15);     /* mulw */
}
END_TEST

START_TEST(test_mulh_variants_with_negative_values)
{
    ck_assert_uint_eq(rr(1, 1, ALL64, ALL64), 0);             /* mulh */
    ck_assert_uint_eq(rr(1, 1, (uint64_t)-2, 3), ALL64);
    ck_assert_uint_eq(rr(1, 1, MIN64, MIN64), 0x4000000000000000ull);
    ck_assert_uint_eq(rr(1, 2, ALL64, ALL64), ALL64);         /* mulhsu */
    ck_assert_uint_eq(rr(1, 2, 2, ALL64), 1);
    ck_assert_uint_eq(rr(1, 3, ALL64, ALL64), 0xfffffffffffffffeull);
    ck_assert_uint_eq(rr(1, 3, MIN64, 2), 1);                 /* mulhu */
}
END_TEST

START_TEST(test_division_by_zero_gives_spec_values)
{
    ck_assert_uint_eq(rr(1, 4, 7, 0), ALL64);                 /* div */
    ck_assert_uint_eq(rr(1, 5, 7, 0), ALL64);                 /* divu */
    ck_assert_uint_eq(rr(1, 6, 7, 0), 7);                     /* rem */
    ck_assert_uint_eq(rr(1, 7, (uint64_t)-7, 0), (uint64_t)-7); /* remu */
    ck_assert_uint_eq(rr32(1, 4, 7, 0), ALL64);               /* divw */
    ck_assert_uint_eq(rr32(1, 5, 7, 0), ALL64);               /* divuw */
    ck_assert_uint_eq(rr32(1, 6, 0x180000000ull, 0), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(1, 7, 0x1fffffffeull, 0), 0xfffffffffffffffeull);
}
END_TEST

START_TEST(test_division_overflow_and_rounding)
{
    ck_assert_uint_eq(rr(1, 4, MIN64, ALL64), MIN64);
    ck_assert_uint_eq(rr(1, 6, MIN64, ALL64), 0);
    ck_assert_uint_eq(rr32(1, 4, 0x80000000, ALL64), 0xffffffff80000000ull);
    ck_assert_uint_eq(rr32(1, 6, 0x80000000, ALL64), 0);
    ck_assert_uint_eq(rr(1, 4, (uint64_t)-7, 2), (uint64_t)-3);
    ck_assert_uint_eq(rr(1, 6, (uint64_t)-7, 2), (uint64_t)-1);
    ck_assert_uint_eq(rr(1, 5, ALL64, 2), 0x7fffffffffffffffull);
    ck_assert_uint_eq(rr(1, 7, ALL64, 10), 5);
    /* the W forms ignore the upper halves */
    ck_assert_uint_eq(rr32(1, 4, 0x100000010ull, 0x100000002ull), 8);
    ck_assert_uint_eq(rr32(1, 5, 0xfffffffe, 1), 0xfffffffffffffffeull);
}
END_TEST

START_TEST(test_m_instructions_are_illegal_without_m)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_M);

    rvt_emit32(t, LI(T0, 3));
    rvt_emit32(t, R_OP(1, 0, T2, T0, T0));
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[T0], 3);
    ck_assert_uint_eq(t->cpu.x[T2], 0);
    rvt_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_int");
    TCase *i = tcase_create("rv64i");
    TCase *m = tcase_create("m");

    tcase_add_test(i, test_add_and_sub_wrap_around);
    tcase_add_test(i, test_x0_reads_zero_and_ignores_writes);
    tcase_add_test(i, test_w_forms_sign_extend_32_bit_results);
    tcase_add_test(i, test_register_shifts_use_the_low_bits_of_rs2);
    tcase_add_test(i, test_immediate_shifts_take_shamt_63);
    tcase_add_test(i, test_comparisons_are_signed_or_unsigned);
    tcase_add_test(i, test_logic_immediates_are_sign_extended);
    tcase_add_test(i, test_lui_sign_extends_and_auipc_adds_its_pc);
    tcase_add_test(m, test_mul_keeps_the_low_64_bits);
    tcase_add_test(m, test_mulh_variants_with_negative_values);
    tcase_add_test(m, test_division_by_zero_gives_spec_values);
    tcase_add_test(m, test_division_overflow_and_rounding);
    tcase_add_test(m, test_m_instructions_are_illegal_without_m);
    suite_add_tcase(s, i);
    suite_add_tcase(s, m);
    return unit_run(s);
}
