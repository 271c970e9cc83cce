/* tests/unit/check_rv_fp.c: riscv64 F and D arithmetic (RISC-V unpriv.
 * spec chapters 11, 12): NaN boxing, canonical NaNs, fflags, every rounding
 * mode, fused multiply-add, min/max, compares, overflow and underflow.
 * Expected values are worked out from the spec and IEEE 754 by hand. */
#include <fenv.h>

#include "tests/unit/check_rv_fp.h"

/* funct5 of the OP-FP instructions used here (11.6-11.8). */
#define FADD 0x00
#define FSUB 0x01
#define FMUL 0x02
#define FDIV 0x03
#define FSGNJ 0x04
#define FMINMAX 0x05
#define FSQRT 0x0b
#define FCMP 0x14

/* Single-precision bit patterns. */
#define S_ONE 0x3f800000u
#define S_TWO 0x40000000u
#define S_THREE 0x40400000u
#define S_HALF 0x3f000000u
#define S_M1 0xbf800000u
#define S_2M24 0x33800000u /* 2^-24: half an ulp of 1.0 */
#define S_MAX 0x7f7fffffu
#define S_INF 0x7f800000u
#define S_SNAN 0x7f800001u
#define S_QNAN 0x7fc12345u /* quiet, with a payload */
#define S_MIN_NORMAL 0x00800000u
#define S_TINY 0x00000001u /* 2^-149 */

#define D_ONE 0x3ff0000000000000ull
#define D_2M53 0x3ca0000000000000ull
#define D_INF 0x7ff0000000000000ull
#define D_SNAN 0x7ff0000000000001ull

static struct fp_out bin_s(uint32_t f5, uint32_t rm, uint32_t a, uint32_t b)
{
    return fp_bin(f5, S_FMT, rm, BOX(a), BOX(b), 0);
}

static struct fp_out cmp_s(uint32_t rm, uint32_t a, uint32_t b)
{
    return fp_run(opf(FCMP, S_FMT, rm, XD, FA, FB), BOX(a), BOX(b), 0, 0);
}

/* --- NaN boxing and canonical NaNs -------------------------------------- */

START_TEST(test_fadd_s_adds_and_nan_boxes_its_result)
{
    ck_fp(bin_s(FADD, RNE, S_ONE, S_TWO), BOX(S_THREE), 0);
    ck_fp(fp_bin(FADD, D_FMT, RNE, D_ONE, D_ONE, 0), 0x4000000000000000ull,
          0);
}
END_TEST

START_TEST(test_unboxed_single_operand_reads_as_canonical_nan)
{
    /* 12.2: upper bits not all ones: the canonical NaN, a quiet one. */
    ck_fp(fp_bin(FADD, S_FMT, RNE, S_ONE, BOX(S_ONE), 0), CANON_S, 0);
    ck_fp(fp_bin(FADD, S_FMT, RNE, 0xfffffffe00000000ull | S_ONE, BOX(S_ONE),
                 0),
          CANON_S, 0);
    ck_fp(fp_bin(FADD, S_FMT, RMM, BOX(S_ONE), S_ONE, 0), CANON_S, 0);
    /* fsgnj works on the canonical NaN: its sign comes from rs2. */
    ck_fp(fp_bin(FSGNJ, S_FMT, 0, S_ONE, BOX(S_M1), 0), BOX(0xffc00000u), 0);
}
END_TEST

START_TEST(test_nan_results_are_canonical)
{
    ck_fp(bin_s(FADD, RNE, S_QNAN, S_ONE), CANON_S, 0);
    ck_fp(bin_s(FADD, RNE, 0xffc00000u, S_ONE), CANON_S, 0);
    ck_fp(bin_s(FADD, RNE, S_SNAN, S_ONE), CANON_S, NV);
    ck_fp(bin_s(FMUL, RNE, S_INF, 0), CANON_S, NV);
    ck_fp(bin_s(FDIV, RNE, 0, 0), CANON_S, NV);
    ck_fp(fp_bin(FADD, D_FMT, RNE, D_INF, D_INF | 1ull << 63, 0), CANON_D,
          NV);
    ck_fp(fp_bin(FMUL, D_FMT, RNE, 0x7ff8000000012345ull, D_ONE, 0), CANON_D,
          0);
    ck_fp(bin_s(FADD, RMM, S_SNAN, S_ONE), CANON_S, NV);
}
END_TEST

START_TEST(test_division_by_zero_raises_dz_only)
{
    ck_fp(bin_s(FDIV, RNE, S_ONE, 0), BOX(S_INF), DZ);
    ck_fp(bin_s(FDIV, RNE, S_M1, 0), BOX(0xff800000u), DZ);
    ck_fp(bin_s(FDIV, RMM, S_ONE, 0x80000000u), BOX(0xff800000u), DZ);
    ck_fp(fp_bin(FDIV, D_FMT, RNE, D_ONE, 0, 0), D_INF, 0 | DZ);
    /* 1/3 = 0x3eaaaaab rounded to nearest (0.0101... binary, the tail
     * above half), 0x3eaaaaaa toward zero. */
    ck_fp(bin_s(FDIV, RNE, S_ONE, S_THREE), BOX(0x3eaaaaabu), NX);
    ck_fp(bin_s(FDIV, RTZ, S_ONE, S_THREE), BOX(0x3eaaaaaau), NX);
    ck_fp(bin_s(FDIV, RMM, S_ONE, S_THREE), BOX(0x3eaaaaabu), NX);
}
END_TEST

START_TEST(test_fsqrt_rounds_and_flags_negative_inputs)
{
    uint32_t sq_s = opf(FSQRT, S_FMT, RNE, FD, FA, 0);

    /* sqrt(2) = 1.41421356237309504880..., 0x3ff6a09e667f3bcd is the
     * double just above it. */
    ck_fp(fp_run(opf(FSQRT, D_FMT, RNE, FD, FA, 0), 0x4000000000000000ull, 0,
                 0, 0),
          0x3ff6a09e667f3bcdull, NX);
    ck_fp(fp_run(opf(FSQRT, D_FMT, RTZ, FD, FA, 0), 0x4000000000000000ull, 0,
                 0, 0),
          0x3ff6a09e667f3bccull, NX);
    ck_fp(fp_run(opf(FSQRT, D_FMT, RMM, FD, FA, 0), 0x4000000000000000ull, 0,
                 0, 0),
          0x3ff6a09e667f3bcdull, NX);
    ck_fp(fp_run(sq_s, BOX(0x40800000u), 0, 0, 0), BOX(S_TWO), 0);
    ck_fp(fp_run(sq_s, BOX(S_M1), 0, 0, 0), CANON_S, NV);
    ck_fp(fp_run(sq_s, BOX(0x80000000u), 0, 0, 0), BOX(0x80000000u), 0);
}
END_TEST

/* --- rounding modes ----------------------------------------------------- */

/* 1 + 2^-24 and -(1 + 2^-24) lie halfway between two singles. */
static const uint32_t tie_pos[5] = {S_ONE, S_ONE, S_ONE, 0x3f800001u,
                                    0x3f800001u};
static const uint32_t tie_neg[5] = {S_M1, S_M1, 0xbf800001u, S_M1,
                                    0xbf800001u};

START_TEST(test_static_rounding_modes_round_a_tie)
{
    for (uint32_t rm = RNE; rm <= RMM; rm++) {
        ck_fp(bin_s(FADD, rm, S_ONE, S_2M24), BOX(tie_pos[rm]), NX);
        ck_fp(bin_s(FADD, rm, S_M1, S_2M24 | 0x80000000u), BOX(tie_neg[rm]),
              NX);
    }
}
END_TEST

START_TEST(test_dynamic_rounding_mode_comes_from_frm)
{
    for (uint32_t frm = RNE; frm <= RMM; frm++) {
        ck_fp(fp_bin(FADD, S_FMT, DYN, BOX(S_ONE), BOX(S_2M24), frm),
              BOX(tie_pos[frm]), NX);
        ck_fp(fp_bin(FSUB, S_FMT, DYN, BOX(S_M1), BOX(S_2M24), frm),
              BOX(tie_neg[frm]), NX);
    }
}
END_TEST

START_TEST(test_rmm_rounds_double_ties_away_from_zero)
{
    ck_fp(fp_bin(FADD, D_FMT, RNE, D_ONE, D_2M53, 0), D_ONE, NX);
    ck_fp(fp_bin(FADD, D_FMT, RMM, D_ONE, D_2M53, 0), D_ONE + 1, NX);
    ck_fp(fp_bin(FADD, D_FMT, DYN, D_ONE, D_2M53, RMM), D_ONE + 1, NX);
    ck_fp(fp_bin(FSUB, D_FMT, RMM, D_ONE | 1ull << 63, D_2M53, 0),
          (D_ONE + 1) | 1ull << 63, NX);
    /* Above the tie RMM rounds like RNE: 1 + 2^-53 + 2^-60. */
    ck_fp(fp_bin(FADD, D_FMT, RMM, D_ONE, 0x3ca0200000000000ull, 0),
          D_ONE + 1, NX);
}
END_TEST

START_TEST(test_exact_zero_sum_sign_follows_rounding_mode)
{
    /* IEEE 754 6.3: x - x is +0, except -0 rounding down. */
    ck_fp(bin_s(FSUB, RNE, S_ONE, S_ONE), BOX(0), 0);
    ck_fp(bin_s(FSUB, RDN, S_ONE, S_ONE), BOX(0x80000000u), 0);
    ck_fp(bin_s(FSUB, RMM, S_ONE, S_ONE), BOX(0), 0);
    ck_fp(fp_bin(FSUB, S_FMT, DYN, BOX(S_ONE), BOX(S_ONE), RDN),
          BOX(0x80000000u), 0);
}
END_TEST

START_TEST(test_rounding_ops_leave_the_host_rounding_to_nearest)
{
    bin_s(FADD, RUP, S_ONE, S_2M24);
    ck_assert_int_eq(fegetround(), FE_TONEAREST);
    fp_bin(FADD, S_FMT, DYN, BOX(S_ONE), BOX(S_2M24), RDN);
    ck_assert_int_eq(fegetround(), FE_TONEAREST);
    bin_s(FADD, RMM, S_ONE, S_2M24);
    ck_assert_int_eq(fegetround(), FE_TONEAREST);
    fp_run(opf(0x18, D_FMT, RTZ, XD, FA, 0), D_ONE, 0, 0, 0); /* fcvt.w.d */
    ck_assert_int_eq(fegetround(), FE_TONEAREST);
    fp_run(r4(0x43, D_FMT, DYN, FD, FA, FB, FC), D_ONE, D_ONE, D_ONE, RUP);
    ck_assert_int_eq(fegetround(), FE_TONEAREST);
}
END_TEST

/* An instruction that must exit as illegal, changing nothing. */
static void ck_illegal(uint64_t features, uint32_t insn, uint32_t frm)
{
    struct rvt *t = rvt_new(features);

    t->cpu.frm = frm;
    t->cpu.f[FA] = BOX(S_ONE);
    t->cpu.f[FB] = BOX(S_ONE);
    t->cpu.f[FD] = JUNK;
    rvt_emit32(t, insn);
    fp_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE);
    ck_assert_uint_eq(t->cpu.f[FD], JUNK);
    ck_assert_uint_eq(t->cpu.fflags, 0);
    rvt_free(t);
}

START_TEST(test_reserved_rounding_modes_are_illegal)
{
    uint64_t gc = RV_FEATURES_RV64GC;

    ck_illegal(gc, opf(FADD, S_FMT, 5, FD, FA, FB), 0);
    ck_illegal(gc, opf(FADD, D_FMT, 6, FD, FA, FB), 0);
    ck_illegal(gc, r4(0x43, S_FMT, 5, FD, FA, FB, FA), 0);
    for (uint32_t frm = 5; frm <= 7; frm++) {
        ck_illegal(gc, opf(FADD, S_FMT, DYN, FD, FA, FB), frm);
        ck_illegal(gc, opf(FSQRT, D_FMT, DYN, FD, FA, 0), frm);
        /* fcvt.d.s is exact but its rm is still checked (11.2). */
        ck_illegal(gc, opf(0x08, D_FMT, DYN, FD, FA, 0), frm);
        ck_illegal(gc, opf(0x1a, D_FMT, DYN, FD, XA, 0), frm); /* fcvt.d.w */
    }
    ck_illegal(gc, opf(0x1a, D_FMT, 5, FD, XA, 0), 0);
    /* fsgnj's funct3 3 is not an instruction. */
    ck_illegal(gc, opf(FSGNJ, S_FMT, 3, FD, FA, FB), 0);
}
END_TEST

START_TEST(test_fp_instructions_need_their_extension)
{
    ck_illegal(RV_FEATURES_RV64GC & ~(uint64_t)(RV_F_F | RV_F_D),
               opf(FADD, S_FMT, RNE, FD, FA, FB), 0);
    ck_illegal(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_D,
               opf(FADD, D_FMT, RNE, FD, FA, FB), 0);
    ck_illegal(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_D,
               rvt_i(0, XA, 3, FD, 0x07), 0); /* fld */
}
END_TEST

/* --- flags: overflow, underflow, denormals, accrual --------------------- */

START_TEST(test_overflow_gives_inf_or_max_with_of_nx)
{
    /* IEEE 754 7.4: infinity, or the largest finite value when rounding
     * toward zero from the result's side. */
    ck_fp(bin_s(FMUL, RNE, S_MAX, S_TWO), BOX(S_INF), OF | NX);
    ck_fp(bin_s(FMUL, RTZ, S_MAX, S_TWO), BOX(S_MAX), OF | NX);
    ck_fp(bin_s(FMUL, RDN, S_MAX, S_TWO), BOX(S_MAX), OF | NX);
    ck_fp(bin_s(FMUL, RUP, S_MAX, S_TWO), BOX(S_INF), OF | NX);
    ck_fp(bin_s(FMUL, RMM, S_MAX, S_TWO), BOX(S_INF), OF | NX);
    ck_fp(bin_s(FMUL, RUP, S_MAX | 0x80000000u, S_TWO),
          BOX(S_MAX | 0x80000000u), OF | NX);
    ck_fp(bin_s(FMUL, RDN, S_MAX | 0x80000000u, S_TWO), BOX(0xff800000u),
          OF | NX);
    ck_fp(fp_bin(FADD, D_FMT, RNE, 0x7fefffffffffffffull,
                 0x7fefffffffffffffull, 0),
          D_INF, OF | NX);
}
END_TEST

START_TEST(test_underflow_needs_a_tiny_inexact_result)
{
    /* 2^-126 * 0.5 = 2^-127 is an exact subnormal: no flag. */
    ck_fp(bin_s(FMUL, RNE, S_MIN_NORMAL, S_HALF), BOX(0x00400000u), 0);
    /* (2^23 + 1) * 2^-150: half an ulp over 2^-127, a tie to even. */
    ck_fp(bin_s(FMUL, RNE, S_MIN_NORMAL + 1, S_HALF), BOX(0x00400000u),
          UF | NX);
    ck_fp(bin_s(FMUL, RMM, S_MIN_NORMAL + 1, S_HALF), BOX(0x00400001u),
          UF | NX);
    /* 2^-149 * 0.5: to 0 (even), or up to 2^-149. */
    ck_fp(bin_s(FMUL, RNE, S_TINY, S_HALF), BOX(0), UF | NX);
    ck_fp(bin_s(FMUL, RUP, S_TINY, S_HALF), BOX(S_TINY), UF | NX);
    ck_fp(bin_s(FMUL, RMM, S_TINY, S_HALF), BOX(S_TINY), UF | NX);
    ck_fp(fp_bin(FMUL, D_FMT, RNE, 1, 0x3fe0000000000000ull, 0), 0,
          UF | NX);
}
END_TEST

START_TEST(test_tininess_is_detected_after_rounding)
{
    uint32_t cvt_s_d = opf(0x08, S_FMT, RNE, FD, FA, 1);
    uint32_t cvt_s_d_rmm = opf(0x08, S_FMT, RMM, FD, FA, 1);

    /* 11.3: tiny means below 2^-126 after rounding to 24 bits with an
     * unbounded exponent. 2^-126 - 2^-151 = (2^25 - 1) * 2^-151 rounds to
     * 24 bits as a tie up to 2^-126: not tiny, so only NX. */
    ck_fp(fp_run(cvt_s_d, 0x380ffffff0000000ull, 0, 0, 0),
          BOX(S_MIN_NORMAL), NX);
    ck_fp(fp_run(cvt_s_d_rmm, 0x380ffffff0000000ull, 0, 0, 0),
          BOX(S_MIN_NORMAL), NX);
    /* 2^-126 - 2^-150 has 24 bits, so stays tiny, but as a subnormal it
     * is a tie that rounds up to 2^-126: UF and NX. */
    ck_fp(fp_run(cvt_s_d, 0x380fffffe0000000ull, 0, 0, 0),
          BOX(S_MIN_NORMAL), UF | NX);
    ck_fp(fp_run(cvt_s_d_rmm, 0x380fffffe0000000ull, 0, 0, 0),
          BOX(S_MIN_NORMAL), UF | NX);
    ck_fp(bin_s(FMUL, RNE, 0x3f7fffffu, S_MIN_NORMAL), BOX(S_MIN_NORMAL),
          UF | NX);
    /* (1 - 2^-23) * 2^-126 (1 + 2^-23) = 2^-126 (1 - 2^-46): tiny before
     * rounding, not after. */
    ck_fp(bin_s(FMUL, RNE, 0x3f7ffffeu, S_MIN_NORMAL + 1),
          BOX(S_MIN_NORMAL), NX);
    ck_fp(bin_s(FMUL, RMM, 0x3f7ffffeu, S_MIN_NORMAL + 1),
          BOX(S_MIN_NORMAL), NX);
    ck_fp(bin_s(FMUL, RTZ, 0x3f7ffffeu, S_MIN_NORMAL + 1),
          BOX(S_MIN_NORMAL - 1), UF | NX);
}
END_TEST

START_TEST(test_denormal_operands_raise_no_flag)
{
    /* x86 reports denormal operands (DE); RISC-V has no such flag. */
    ck_fp(bin_s(FADD, RNE, S_TINY, S_TINY), BOX(2), 0);
    ck_fp(bin_s(FMUL, RNE, 0x00400000u, S_TWO), BOX(S_MIN_NORMAL), 0);
    ck_fp(fp_bin(FADD, D_FMT, RNE, 1, 1, 0), 2, 0);
    ck_fp(fp_run(opf(0x08, D_FMT, RNE, FD, FA, 0), BOX(S_TINY), 0, 0, 0),
          0x36a0000000000000ull, 0); /* fcvt.d.s of 2^-149 */
}
END_TEST

START_TEST(test_fflags_accrue_over_instructions)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.fflags = UF;
    t->cpu.f[FA] = BOX(S_ONE);
    t->cpu.f[FB] = BOX(0);
    t->cpu.f[FC] = BOX(S_2M24);
    rvt_emit32(t, opf(FDIV, S_FMT, RNE, FD, FA, FB));   /* DZ */
    rvt_emit32(t, opf(FADD, S_FMT, RNE, 5, FA, FC));    /* NX */
    rvt_emit32(t, opf(FADD, S_FMT, RNE, 6, FA, FA));    /* none */
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.fflags, UF | DZ | NX);
    ck_assert_uint_eq(t->cpu.f[6], BOX(S_TWO));
    rvt_free(t);
}
END_TEST

/* csrrw x0 / csrrwi x0 / csrrci x0 on csr (9.1 encodings). */
#define CSRW(csr, rs1) ((uint32_t)(csr) << 20 | (rs1) << 15 | 1u << 12 | 0x73)
#define CSRWI(csr, imm) ((uint32_t)(csr) << 20 | (imm) << 15 | 5u << 12 | 0x73)
#define CSRCI(csr, imm) ((uint32_t)(csr) << 20 | (imm) << 15 | 7u << 12 | 0x73)

/* Runs: an inexact fadd, the CSR write, then insn (raising nothing);
 * returns fflags. */
static uint32_t flags_after_csr_write(uint32_t csr_write, uint32_t insn)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint32_t r;

    t->cpu.f[FA] = BOX(S_ONE);
    t->cpu.f[FC] = BOX(S_2M24);
    rvt_emit32(t, opf(FADD, S_FMT, RNE, 5, FA, FC)); /* NX */
    rvt_emit32(t, csr_write);
    rvt_emit32(t, insn);
    fp_run_to_end(t);
    r = t->cpu.fflags;
    rvt_free(t);
    return r;
}

START_TEST(test_fflags_cleared_by_csr_stays_clear)
{
    uint32_t add = opf(FADD, S_FMT, RNE, FD, FA, FA);
    uint32_t min = opf(FMINMAX, S_FMT, 0, FD, FA, FA);
    uint32_t feq = opf(FCMP, S_FMT, 2, XD, FA, FA);
    uint32_t cvt = opf(0x18, S_FMT, DYN, XD, FA, 0); /* fcvt.w.s 1.0 */

    ck_assert_uint_eq(flags_after_csr_write(CSRW(1, 0), add), 0);
    ck_assert_uint_eq(flags_after_csr_write(CSRWI(1, 0), min), 0);
    ck_assert_uint_eq(flags_after_csr_write(CSRCI(1, 1), feq), 0);
    ck_assert_uint_eq(flags_after_csr_write(CSRW(3, 0), cvt), 0);
    ck_assert_uint_eq(flags_after_csr_write(CSRWI(1, 4), add), OF);
}
END_TEST

START_TEST(test_host_flags_from_before_the_block_do_not_leak)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.f[FA] = BOX(S_ONE);
    rvt_emit32(t, opf(FADD, S_FMT, RNE, FD, FA, FA));
    rvt_emit32(t, opf(FADD, S_FMT, RNE, FD, FD, FA));
    feraiseexcept(FE_INVALID | FE_OVERFLOW | FE_INEXACT);
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.f[FD], BOX(S_THREE));
    ck_assert_uint_eq(t->cpu.fflags, 0);
    rvt_free(t);
}
END_TEST

/* The IR_FP_FLAGS and IR_FP_CLEARFLAGS ops of the block at RVT_CODE. */
static unsigned count_flag_ops(struct rvt *t)
{
    unsigned n = 0;

    rvt_translate(t, RVT_CODE);
    for (uint32_t i = 0; i < t->b->nops; i++)
        n += t->b->ops[i].opc == IR_FP_CLEARFLAGS ||
             t->b->ops[i].opc == IR_FP_FLAGS;
    return n;
}

/* Flags are lazy (translator/ir.h): only the fflags accesses fold the
 * host's flags in. */
START_TEST(test_only_fflags_accesses_touch_the_host_flags)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, opf(FADD, S_FMT, DYN, FD, FA, FB));
    rvt_emit32(t, r4(0x43, D_FMT, RNE, FD, FA, FB, FC));
    rvt_emit32(t, opf(FCMP, S_FMT, 1, XD, FA, FB));
    rvt_emit32(t, opf(FADD, D_FMT, RMM, FD, FA, FB));
    rvt_emit32(t, opf(FMINMAX, D_FMT, 1, FD, FA, FB));
    ck_assert_uint_eq(count_flag_ops(t), 0);
    rvt_emit32(t, CSRW(2, 0)); /* frm */
    ck_assert_uint_eq(count_flag_ops(t), 0);
    rvt_emit32(t, CSRW(1, 0));
    rvt_emit32(t, opf(FADD, S_FMT, DYN, FD, FA, FB));
    /* the fold's read, the write's second read and its clear */
    ck_assert_uint_eq(count_flag_ops(t), 3);
    rvt_free(t);
}
END_TEST

/* glibc's quiet compare, "frflags a0; flt a1; fsflags a0": the flt inside
 * is quiet (IR_FCMP_QUIET; its NV goes to fflags without the host), so
 * the host records nothing the fsflags must clear; a bare flt before is
 * not. Run on a quiet NaN: a1 = 0 and fflags as before the bracket. */
START_TEST(test_bracketed_compare_is_quiet)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    unsigned quiet = 0, plain = 0;

    t->cpu.f[FA] = 0x7ff8000000000000ull;
    t->cpu.f[FB] = D_ONE;
    t->cpu.fflags = NX;
    rvt_emit32(t, opf(FCMP, D_FMT, 1, 12, FB, FA));           /* flt a2 */
    rvt_emit32(t, 0x001u << 20 | 2u << 12 | 10u << 7 | 0x73); /* frflags a0 */
    rvt_emit32(t, opf(FCMP, D_FMT, 1, 11, FA, FB));           /* flt a1 */
    rvt_emit32(t, CSRW(1, 10));                               /* fsflags a0 */
    rvt_translate(t, RVT_CODE);
    for (uint32_t i = 0; i < t->b->nops; i++) {
        const struct ir_op *op = &t->b->ops[i];

        if (op->opc == IR_FCMP && op->cond == IR_FLT)
            ++*(op->imm & IR_FCMP_QUIET ? &quiet : &plain);
    }
    ck_assert_uint_eq(quiet, 1);
    ck_assert_uint_eq(plain, 1);
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[10], NX | NV); /* NV: the bare flt's */
    ck_assert_uint_eq(t->cpu.x[11], 0);
    ck_assert_uint_eq(t->cpu.x[12], 0);
    ck_assert_uint_eq(t->cpu.fflags, NX | NV);
    rvt_free(t);
}
END_TEST

/* Two inexact ops, then a read of fflags in the same block: the read sees
 * the host's pending flags; a write then clears them for good. */
START_TEST(test_fflags_read_in_the_block_sees_pending_flags)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.f[FA] = BOX(S_ONE);
    t->cpu.f[FC] = BOX(S_2M24);
    rvt_emit32(t, opf(FADD, S_FMT, RNE, FD, FA, FC)); /* NX */
    rvt_emit32(t, opf(FADD, S_FMT, DYN, FD, FD, FC)); /* NX */
    rvt_emit32(t, 0x001u << 20 | 2u << 12 | 10u << 7 | 0x73); /* frflags a0 */
    rvt_emit32(t, CSRW(1, 0));
    rvt_emit32(t, 0x001u << 20 | 2u << 12 | 11u << 7 | 0x73); /* frflags a1 */
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[10], NX);
    ck_assert_uint_eq(t->cpu.x[11], 0);
    ck_assert_uint_eq(t->cpu.fflags, 0);
    rvt_free(t);
}
END_TEST

/* --- fused multiply-add ------------------------------------------------- */

START_TEST(test_fma_rounds_once)
{
    /* (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24 exactly; the product alone
     * rounds (a tie, to even) to 1 + 2^-11, so fmul then fadd gives 0. */
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    ck_fp(fp_run(r4(0x43, S_FMT, RNE, FD, FA, FB, FC), BOX(0x3f800800u),
                 BOX(0x3f800800u), BOX(0xbf801000u), 0),
          BOX(S_2M24), 0);
    t->cpu.f[FA] = BOX(0x3f800800u);
    t->cpu.f[FC] = BOX(0xbf801000u);
    rvt_emit32(t, opf(FMUL, S_FMT, RNE, FD, FA, FA));
    rvt_emit32(t, opf(FADD, S_FMT, RNE, FD, FD, FC));
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.f[FD], BOX(0));
    ck_assert_uint_eq(t->cpu.fflags, NX);
    rvt_free(t);
}
END_TEST

START_TEST(test_fma_variants_apply_the_spec_signs)
{
    uint64_t two = BOX(S_TWO), three = BOX(S_THREE), one = BOX(S_ONE);

    ck_fp(fp_run(r4(0x43, S_FMT, RNE, FD, FA, FB, FC), two, three, one, 0),
          BOX(0x40e00000u), 0); /* 7 */
    ck_fp(fp_run(r4(0x47, S_FMT, RNE, FD, FA, FB, FC), two, three, one, 0),
          BOX(0x40a00000u), 0); /* 5 */
    ck_fp(fp_run(r4(0x4b, S_FMT, RNE, FD, FA, FB, FC), two, three, one, 0),
          BOX(0xc0a00000u), 0); /* -5 */
    ck_fp(fp_run(r4(0x4f, S_FMT, RNE, FD, FA, FB, FC), two, three, one, 0),
          BOX(0xc0e00000u), 0); /* -7 */
    /* -(0 * 1) - 0 = -0; -(0 * 1) + 0 = +0 (RNE). */
    ck_fp(fp_run(r4(0x4f, S_FMT, RNE, FD, FA, FB, FC), BOX(0), one, BOX(0),
                 0),
          BOX(0x80000000u), 0);
    ck_fp(fp_run(r4(0x4b, S_FMT, RNE, FD, FA, FB, FC), BOX(0), one, BOX(0),
                 0),
          BOX(0), 0);
    ck_fp(fp_run(r4(0x4f, D_FMT, RNE, FD, FA, FB, FC), 0x4000000000000000ull,
                 0x4008000000000000ull, D_ONE, 0),
          0xc01c000000000000ull, 0);
}
END_TEST

START_TEST(test_fma_inf_times_zero_is_invalid_even_with_quiet_nan)
{
    ck_fp(fp_run(r4(0x43, S_FMT, RNE, FD, FA, FB, FC), BOX(S_INF), BOX(0),
                 BOX(S_QNAN), 0),
          CANON_S, NV);
    ck_fp(fp_run(r4(0x43, D_FMT, RNE, FD, FA, FB, FC), 0, D_INF,
                 0x7ff8000000000001ull, 0),
          CANON_D, NV);
    ck_fp(fp_run(r4(0x43, S_FMT, RMM, FD, FA, FB, FC), BOX(S_INF), BOX(0),
                 BOX(S_QNAN), 0),
          CANON_S, NV);
    /* A quiet NaN addend alone raises nothing. */
    ck_fp(fp_run(r4(0x43, S_FMT, RNE, FD, FA, FB, FC), BOX(S_ONE), BOX(0),
                 BOX(S_QNAN), 0),
          CANON_S, 0);
    ck_fp(fp_run(r4(0x43, S_FMT, RNE, FD, FA, FB, FC), BOX(S_INF), BOX(S_ONE),
                 BOX(0xff800000u), 0),
          CANON_S, NV);
}
END_TEST

START_TEST(test_fma_rmm_rounds_a_double_tie_away)
{
    /* (1 + 2^-27)^2 + 2^-54 = 1 + 2^-26 + 2^-53: halfway. */
    uint64_t a = 0x3ff0000002000000ull, c = 0x3c90000000000000ull;

    ck_fp(fp_run(r4(0x43, D_FMT, RNE, FD, FA, FB, FC), a, a, c, 0),
          0x3ff0000004000000ull, NX);
    ck_fp(fp_run(r4(0x43, D_FMT, RMM, FD, FA, FB, FC), a, a, c, 0),
          0x3ff0000004000001ull, NX);
    ck_fp(fp_run(r4(0x43, D_FMT, DYN, FD, FA, FB, FC), a, a, c, RMM),
          0x3ff0000004000001ull, NX);
}
END_TEST

/* --- sign injection, min/max, compares ---------------------------------- */

START_TEST(test_sign_injection_is_a_pure_bit_operation)
{
    ck_fp(bin_s(FSGNJ, 0, S_ONE, 0xc0000000u), BOX(S_M1), 0);
    ck_fp(bin_s(FSGNJ, 1, S_ONE, 0xc0000000u), BOX(S_ONE), 0);
    ck_fp(bin_s(FSGNJ, 2, S_M1, 0xc0000000u), BOX(S_ONE), 0);
    ck_fp(bin_s(FSGNJ, 2, S_M1, S_TWO), BOX(S_M1), 0);
    /* No canonicalisation, no NV: the payload survives. */
    ck_fp(bin_s(FSGNJ, 0, S_SNAN, S_M1), BOX(0xff800001u), 0);
    ck_fp(fp_bin(FSGNJ, D_FMT, 1, D_SNAN, D_SNAN, 0), D_SNAN | 1ull << 63, 0);
}
END_TEST

START_TEST(test_fmin_fmax_order_negative_zero_first)
{
    ck_fp(bin_s(FMINMAX, 0, 0x80000000u, 0), BOX(0x80000000u), 0);
    ck_fp(bin_s(FMINMAX, 0, 0, 0x80000000u), BOX(0x80000000u), 0);
    ck_fp(bin_s(FMINMAX, 1, 0x80000000u, 0), BOX(0), 0);
    ck_fp(bin_s(FMINMAX, 1, 0, 0x80000000u), BOX(0), 0);
    ck_fp(bin_s(FMINMAX, 0, 0xc0400000u, 0xc0000000u), BOX(0xc0400000u), 0);
    ck_fp(bin_s(FMINMAX, 1, 0xc0400000u, 0xc0000000u), BOX(0xc0000000u), 0);
    ck_fp(bin_s(FMINMAX, 0, 0xff800000u, S_ONE), BOX(0xff800000u), 0);
    ck_fp(fp_bin(FMINMAX, D_FMT, 1, D_ONE, D_INF, 0), D_INF, 0);
}
END_TEST

START_TEST(test_fmin_fmax_nan_rules)
{
    /* 11.6: one NaN gives the other operand; NV only for signalling. */
    ck_fp(bin_s(FMINMAX, 0, S_QNAN, S_ONE), BOX(S_ONE), 0);
    ck_fp(bin_s(FMINMAX, 1, S_ONE, S_QNAN), BOX(S_ONE), 0);
    ck_fp(bin_s(FMINMAX, 0, S_SNAN, S_ONE), BOX(S_ONE), NV);
    ck_fp(bin_s(FMINMAX, 1, S_ONE, S_SNAN), BOX(S_ONE), NV);
    ck_fp(bin_s(FMINMAX, 0, S_QNAN, S_QNAN), CANON_S, 0);
    ck_fp(bin_s(FMINMAX, 1, S_SNAN, S_QNAN), CANON_S, NV);
    ck_fp(fp_bin(FMINMAX, D_FMT, 0, D_SNAN, D_ONE, 0), D_ONE, NV);
    ck_fp(fp_bin(FMINMAX, D_FMT, 1, 0xfff8000000000000ull, D_SNAN, 0),
          CANON_D, NV);
    /* An unboxed operand is the canonical (quiet) NaN. */
    ck_fp(fp_bin(FMINMAX, S_FMT, 0, S_ONE, BOX(S_TWO), 0), BOX(S_TWO), 0);
}
END_TEST

START_TEST(test_feq_signals_only_on_signalling_nan)
{
    ck_fx(cmp_s(2, S_ONE, S_ONE), 1, 0);
    ck_fx(cmp_s(2, 0x80000000u, 0), 1, 0);
    ck_fx(cmp_s(2, S_QNAN, S_ONE), 0, 0);
    ck_fx(cmp_s(2, S_QNAN, S_QNAN), 0, 0);
    ck_fx(cmp_s(2, S_SNAN, S_ONE), 0, NV);
    ck_fx(fp_run(opf(FCMP, D_FMT, 2, XD, FA, FB), D_ONE, D_SNAN, 0, 0), 0,
          NV);
}
END_TEST

START_TEST(test_flt_fle_signal_on_any_nan)
{
    ck_fx(cmp_s(1, S_ONE, S_TWO), 1, 0);
    ck_fx(cmp_s(1, S_TWO, S_ONE), 0, 0);
    ck_fx(cmp_s(1, 0x80000000u, 0), 0, 0);
    ck_fx(cmp_s(0, 0x80000000u, 0), 1, 0);
    ck_fx(cmp_s(0, S_TWO, S_ONE), 0, 0);
    ck_fx(cmp_s(1, S_QNAN, S_ONE), 0, NV);
    ck_fx(cmp_s(0, S_ONE, S_QNAN), 0, NV);
    ck_fx(fp_run(opf(FCMP, D_FMT, 0, XD, FA, FB), D_ONE, D_ONE, 0, 0), 1, 0);
    ck_fx(fp_run(opf(FCMP, D_FMT, 1, XD, FA, FB), CANON_D, D_ONE, 0, 0), 0,
          NV);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_fp");
    const TTest *nan[] = {
        test_fadd_s_adds_and_nan_boxes_its_result,
        test_unboxed_single_operand_reads_as_canonical_nan,
        test_nan_results_are_canonical,
        test_division_by_zero_raises_dz_only,
        test_fsqrt_rounds_and_flags_negative_inputs,
    };
    const TTest *rounding[] = {
        test_static_rounding_modes_round_a_tie,
        test_dynamic_rounding_mode_comes_from_frm,
        test_rmm_rounds_double_ties_away_from_zero,
        test_exact_zero_sum_sign_follows_rounding_mode,
        test_rounding_ops_leave_the_host_rounding_to_nearest,
        test_reserved_rounding_modes_are_illegal,
        test_fp_instructions_need_their_extension,
    };
    const TTest *flags[] = {
        test_overflow_gives_inf_or_max_with_of_nx,
        test_underflow_needs_a_tiny_inexact_result,
        test_tininess_is_detected_after_rounding,
        test_denormal_operands_raise_no_flag,
        test_fflags_accrue_over_instructions,
        test_fflags_cleared_by_csr_stays_clear,
        test_host_flags_from_before_the_block_do_not_leak,
        test_only_fflags_accesses_touch_the_host_flags,
        test_fflags_read_in_the_block_sees_pending_flags,
        test_bracketed_compare_is_quiet,
    };
    const TTest *fma[] = {
        test_fma_rounds_once,
        test_fma_variants_apply_the_spec_signs,
        test_fma_inf_times_zero_is_invalid_even_with_quiet_nan,
        test_fma_rmm_rounds_a_double_tie_away,
    };
    const TTest *minmax_compare[] = {
        test_sign_injection_is_a_pure_bit_operation,
        test_fmin_fmax_order_negative_zero_first,
        test_fmin_fmax_nan_rules,
        test_feq_signals_only_on_signalling_nan,
        test_flt_fle_signal_on_any_nan,
    };

    fp_add_tests(s, "nan", nan, sizeof nan / sizeof nan[0]);
    fp_add_tests(s, "rounding", rounding, sizeof rounding / sizeof rounding[0]);
    fp_add_tests(s, "flags", flags, sizeof flags / sizeof flags[0]);
    fp_add_tests(s, "fma", fma, sizeof fma / sizeof fma[0]);
    fp_add_tests(s, "minmax_compare", minmax_compare,
                 sizeof minmax_compare / sizeof minmax_compare[0]);
    return unit_run(s);
}
