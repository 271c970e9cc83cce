/* tests/unit/check_rv_ext.c: riscv64 Zicsr (the FP CSRs and the Zicntr
 * counters), Zba, Zbb, Zbs and Zicond, run by the reference interpreter. */
#include "tests/unit/check_rv.h"

#define T0 5
#define T1 6
#define T2 7
#define A0 10
#define A1 11
#define ALL64 0xffffffffffffffffull
/* csrr* rd, csr, rs1/uimm: funct3 1-3 register, 5-7 immediate. */
#define CSR(f3, rd, csr, rs1) rvt_i((int32_t)(csr), rs1, f3, rd, 0x73)

/* --- CSRs ---------------------------------------------------------------- */

START_TEST(test_fcsr_is_frm_and_fflags_together)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[T0] = 0xfff;            /* only 8 bits of fcsr exist */
    rvt_emit32(t, CSR(1, A0, 0x003, T0));  /* csrrw a0, fcsr, t0 */
    rvt_emit32(t, CSR(2, A1, 0x001, 0));   /* csrr a1, fflags */
    rvt_emit32(t, CSR(2, T1, 0x002, 0));   /* csrr t1, frm */
    rvt_emit32(t, CSR(2, T2, 0x003, 0));   /* csrr t2, fcsr */
    t->cpu.fflags = 0x3;
    t->cpu.frm = 0x1;
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A0], 0x23);   /* old: frm 1, flags 3 */
    ck_assert_uint_eq(t->cpu.x[A1], 0x1f);
    ck_assert_uint_eq(t->cpu.x[T1], 0x7);
    ck_assert_uint_eq(t->cpu.x[T2], 0xff);
    ck_assert_uint_eq(t->cpu.fflags, 0x1f);
    ck_assert_uint_eq(t->cpu.frm, 0x7);
    rvt_free(t);
}
END_TEST

START_TEST(test_csr_set_and_clear_forms)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[T0] = 0x11;
    rvt_emit32(t, CSR(2, A0, 0x001, T0));  /* csrrs a0, fflags, t0 */
    rvt_emit32(t, CSR(7, A1, 0x001, 1));   /* csrrci a1, fflags, 1 */
    rvt_emit32(t, CSR(6, 0, 0x002, 3));    /* csrrsi x0, frm, 3 */
    rvt_emit32(t, CSR(5, T1, 0x002, 4));   /* csrrwi t1, frm, 4 */
    rvt_emit32(t, CSR(3, T2, 0x001, T0));  /* csrrc t2, fflags, t0 */
    t->cpu.fflags = 0x02;
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A0], 0x02);
    ck_assert_uint_eq(t->cpu.x[A1], 0x13);
    ck_assert_uint_eq(t->cpu.x[T1], 0x3);
    ck_assert_uint_eq(t->cpu.frm, 4);
    ck_assert_uint_eq(t->cpu.x[T2], 0x12);
    ck_assert_uint_eq(t->cpu.fflags, 0x02);
    rvt_free(t);
}
END_TEST

static void expect_illegal(uint64_t features, uint32_t insn)
{
    struct rvt *t = rvt_new(features);

    t->cpu.x[T0] = 1;
    rvt_emit32(t, insn);
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE);
    rvt_free(t);
}

START_TEST(test_unknown_csrs_and_counter_writes_are_illegal)
{
    expect_illegal(RV_FEATURES_MAX, CSR(2, A0, 0x300, 0));  /* mstatus */
    expect_illegal(RV_FEATURES_MAX, CSR(2, A0, 0x7c0, 0));
    expect_illegal(RV_FEATURES_MAX, CSR(1, 0, 0xc00, 0));   /* csrw cycle */
    expect_illegal(RV_FEATURES_MAX, CSR(2, A0, 0xc01, T0)); /* set time */
    expect_illegal(RV_FEATURES_MAX, CSR(7, A0, 0xc02, 1));  /* csrrci */
    expect_illegal(RV_FEATURES_MAX, CSR(5, A0, 0xc02, 0));  /* csrrwi 0 */
    /* F off: no FP CSRs; Zicntr off: no counters; Zicsr off: nothing */
    expect_illegal(RV_FEATURES_RV64GC & ~(uint64_t)(RV_F_F | RV_F_D),
                   CSR(2, A0, 0x001, 0));
    expect_illegal(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_ZICNTR,
                   CSR(2, A0, 0xc01, 0));
    expect_illegal(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_ZICSR,
                   CSR(2, A0, 0x001, 0));
}
END_TEST

START_TEST(test_counters_read_without_writing_and_never_go_back)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, CSR(2, A0, 0xc01, 0));   /* rdtime a0 */
    rvt_emit32(t, CSR(2, A1, 0xc00, 0));   /* rdcycle a1 */
    rvt_emit32(t, CSR(6, T0, 0xc02, 0));   /* csrrsi t0, instret, 0 */
    rvt_emit32(t, CSR(3, T1, 0xc01, 0));   /* csrrc t1, time, x0 */
    rvt_emit32(t, CSR(2, T2, 0xc00, 0));   /* rdcycle t2 */
    rvt_run_to_end(t);
    ck_assert_uint_ne(t->cpu.x[A0], 0);
    ck_assert_uint_le(t->cpu.x[A0], t->cpu.x[T1]);
    ck_assert_uint_le(t->cpu.x[A1], t->cpu.x[T2]);
    ck_assert_uint_ne(t->cpu.x[T0], 0);
    /* cycle counts ns, time 100 ns ticks: cycle is about 100 x time */
    ck_assert_uint_ge(t->cpu.x[A1], t->cpu.x[A0] * 99);
    rvt_free(t);
}
END_TEST

/* --- Zba / Zbb / Zbs / Zicond -------------------------------------------- */

/* Runs insn (rd t2, rs1 t0, rs2 t1) on the max model. */
static uint64_t run_max(uint32_t insn, uint64_t a, uint64_t b)
{
    struct rvt *t = rvt_new(RV_FEATURES_MAX);
    uint64_t r;

    t->cpu.x[T0] = a;
    t->cpu.x[T1] = b;
    rvt_emit32(t, insn);
    rvt_run_to_end(t);
    r = t->cpu.x[T2];
    rvt_free(t);
    return r;
}

static uint64_t rr(uint32_t f7, uint32_t f3, uint64_t a, uint64_t b)
{
    return run_max(R_OP(f7, f3, T2, T0, T1), a, b);
}

static uint64_t rr32(uint32_t f7, uint32_t f3, uint64_t a, uint64_t b)
{
    return run_max(R_OP32(f7, f3, T2, T0, T1), a, b);
}

/* A unary or immediate op: funct12/imm field imm, opcode opc. */
static uint64_t ri(uint32_t opc, uint32_t f3, int32_t imm, uint64_t a)
{
    return run_max(rvt_i(imm, T0, f3, T2, opc), a, 0);
}

START_TEST(test_zba_shift_and_add)
{
    ck_assert_uint_eq(rr(0x10, 2, 3, 100), 106);                /* sh1add */
    ck_assert_uint_eq(rr(0x10, 4, 3, 100), 112);                /* sh2add */
    ck_assert_uint_eq(rr(0x10, 6, ALL64, 0), (uint64_t)-8);     /* sh3add */
    ck_assert_uint_eq(rr32(0x04, 0, ALL64, 1), 0x100000000ull); /* add.uw */
    ck_assert_uint_eq(rr32(0x10, 2, 0xffffffff80000000ull, 0), 0x100000000ull);
    ck_assert_uint_eq(rr32(0x10, 4, 0x1ffffffffull, 4), 0x400000000ull);
    ck_assert_uint_eq(rr32(0x10, 6, 0x80000001ull, 0), 0x400000008ull);
    ck_assert_uint_eq(ri(0x1b, 1, 0x080 | 32, 0xffffffff80000001ull),
                      0x8000000100000000ull);                   /* slli.uw */
}
END_TEST

START_TEST(test_zbb_logic_with_negation_and_min_max)
{
    ck_assert_uint_eq(rr(0x20, 7, 0xff, 0x0f), 0xf0);            /* andn */
    ck_assert_uint_eq(rr(0x20, 6, 0, 0x0f), ~(uint64_t)0x0f);    /* orn */
    ck_assert_uint_eq(rr(0x20, 4, 0xff, 0x0f), ~(uint64_t)0xf0); /* xnor */
    ck_assert_uint_eq(rr(0x05, 6, ALL64, 1), 1);                 /* max */
    ck_assert_uint_eq(rr(0x05, 7, ALL64, 1), ALL64);             /* maxu */
    ck_assert_uint_eq(rr(0x05, 4, ALL64, 1), ALL64);             /* min */
    ck_assert_uint_eq(rr(0x05, 5, ALL64, 1), 1);                 /* minu */
}
END_TEST

START_TEST(test_zbb_counts_and_extensions)
{
    ck_assert_uint_eq(ri(0x13, 1, 0x600, 0), 64);                 /* clz */
    ck_assert_uint_eq(ri(0x13, 1, 0x600, 1), 63);
    ck_assert_uint_eq(ri(0x13, 1, 0x601, 0x100), 8);              /* ctz */
    ck_assert_uint_eq(ri(0x13, 1, 0x601, 0), 64);
    ck_assert_uint_eq(ri(0x13, 1, 0x602, ALL64), 64);             /* cpop */
    ck_assert_uint_eq(ri(0x1b, 1, 0x600, 0xffffffff00000000ull), 32);
    ck_assert_uint_eq(ri(0x1b, 1, 0x600, 0x8000), 16);            /* clzw */
    ck_assert_uint_eq(ri(0x1b, 1, 0x601, 0x100000000ull), 32);    /* ctzw */
    ck_assert_uint_eq(ri(0x1b, 1, 0x602, 0x1ffffffffull), 32);    /* cpopw */
    ck_assert_uint_eq(ri(0x13, 1, 0x604, 0x80), ALL64 - 0x7f);    /* sext.b */
    ck_assert_uint_eq(ri(0x13, 1, 0x605, 0x18000), ALL64 - 0x7fff);
    ck_assert_uint_eq(run_max(rvt_r(0x04, 0, T0, 4, T2, 0x3b), ALL64, 0),
                      0xffff);                                    /* zext.h */
}
END_TEST

START_TEST(test_zbb_rotates_and_byte_ops)
{
    ck_assert_uint_eq(rr(0x30, 1, 0x8000000000000001ull, 1), 3);    /* rol */
    ck_assert_uint_eq(rr(0x30, 5, 1, 65), 0x8000000000000000ull);   /* ror */
    ck_assert_uint_eq(rr32(0x30, 1, 0x80000000, 1), 1);             /* rolw */
    ck_assert_uint_eq(rr32(0x30, 5, 1, 1), 0xffffffff80000000ull);  /* rorw */
    ck_assert_uint_eq(ri(0x13, 5, 0x600 | 63, 1), 2);               /* rori */
    ck_assert_uint_eq(ri(0x1b, 5, 0x600 | 31, 0x40000000),
                      0xffffffff80000000ull);                       /* roriw */
    ck_assert_uint_eq(ri(0x13, 5, 0x287, 0x0100ff0080000001ull),
                      0xff00ff00ff0000ffull);                       /* orc.b */
    ck_assert_uint_eq(ri(0x13, 5, 0x6b8, 0x0102030405060708ull),
                      0x0807060504030201ull);                       /* rev8 */
}
END_TEST

START_TEST(test_zbs_single_bits_use_index_mod_64)
{
    ck_assert_uint_eq(rr(0x24, 1, ALL64, 64 + 3), ALL64 - 8);      /* bclr */
    ck_assert_uint_eq(rr(0x14, 1, 0, 63), 0x8000000000000000ull);  /* bset */
    ck_assert_uint_eq(rr(0x34, 1, 5, 0), 4);                       /* binv */
    ck_assert_uint_eq(rr(0x24, 5, 0x8000000000000000ull, 63), 1);  /* bext */
    ck_assert_uint_eq(ri(0x13, 1, 0x480 | 63, ALL64), ALL64 >> 1); /* bclri */
    ck_assert_uint_eq(ri(0x13, 1, 0x280 | 1, 0), 2);               /* bseti */
    ck_assert_uint_eq(ri(0x13, 1, 0x680 | 0, 1), 0);               /* binvi */
    ck_assert_uint_eq(ri(0x13, 5, 0x480 | 2, 4), 1);               /* bexti */
}
END_TEST

START_TEST(test_czero_picks_zero_or_rs1)
{
    ck_assert_uint_eq(rr(0x07, 5, 42, 0), 0);     /* czero.eqz: rs2 == 0 */
    ck_assert_uint_eq(rr(0x07, 5, 42, 1), 42);
    ck_assert_uint_eq(rr(0x07, 7, 42, 0), 42);    /* czero.nez */
    ck_assert_uint_eq(rr(0x07, 7, 42, ALL64), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_ext");
    TCase *c = tcase_create("zicsr");
    TCase *b = tcase_create("zb");

    tcase_add_test(c, test_fcsr_is_frm_and_fflags_together);
    tcase_add_test(c, test_csr_set_and_clear_forms);
    tcase_add_test(c, test_unknown_csrs_and_counter_writes_are_illegal);
    tcase_add_test(c, test_counters_read_without_writing_and_never_go_back);
    tcase_add_test(b, test_zba_shift_and_add);
    tcase_add_test(b, test_zbb_logic_with_negation_and_min_max);
    tcase_add_test(b, test_zbb_counts_and_extensions);
    tcase_add_test(b, test_zbb_rotates_and_byte_ops);
    tcase_add_test(b, test_zbs_single_bits_use_index_mod_64);
    tcase_add_test(b, test_czero_picks_zero_or_rs1);
    suite_add_tcase(s, c);
    suite_add_tcase(s, b);
    return unit_run(s);
}
