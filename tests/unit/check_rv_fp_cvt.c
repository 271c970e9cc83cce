/* tests/unit/check_rv_fp_cvt.c: riscv64 F and D conversions, moves, fclass,
 * loads and stores (RISC-V unpriv. spec 11.5-11.9, 12.3-12.7): saturation
 * of fcvt to integers, RMM ties, NaN boxing through moves and memory.
 * Expected values are worked out from the spec and IEEE 754 by hand. */
#include <string.h>

#include "tests/unit/check_rv_fp.h"

#define F2I 0x18   /* fcvt.{w,wu,l,lu}.fmt: rs2 0, 1, 2, 3 */
#define I2F 0x1a   /* fcvt.fmt.{w,wu,l,lu} */
#define F2F 0x08   /* fcvt.s.d (fmt S, rs2 1), fcvt.d.s (fmt D, rs2 0) */
#define CLASS 0x1c /* fclass (rm 1), fmv.x.{w,d} (rm 0) */
#define MVFX 0x1e  /* fmv.{w,d}.x */

#define W 0
#define WU 1
#define L 2
#define LU 3

#define MAX32 0x7fffffffull
#define MIN32 0xffffffff80000000ull
#define ALL64 0xffffffffffffffffull
#define MAX64 0x7fffffffffffffffull
#define MIN64 0x8000000000000000ull
#define D_SNAN_BITS 0x7ff0000000000001ull

/* The bits of a double constant that is exactly representable. */
static uint64_t dbits(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return u;
}

/* x10 = fcvt.<ity>.<fmt> f1 with rm (and frm). */
static struct fp_out f2i(uint32_t fmt, uint32_t ity, uint32_t rm, uint64_t a,
                         uint32_t frm)
{
    return fp_run(opf(F2I, fmt, rm, XD, FA, ity), a, 0, 0, frm);
}

/* f4 = fcvt.<fmt>.<ity> x11 with rm. */
static struct fp_out i2f(uint32_t fmt, uint32_t ity, uint32_t rm, uint64_t x)
{
    return fp_run(opf(I2F, fmt, rm, FD, XA, ity), x, 0, 0, 0);
}

/* --- float to integer --------------------------------------------------- */

START_TEST(test_fcvt_w_s_saturates_and_signals_invalid)
{
    /* 11.7 table: NaN and +inf / too large give 2^31 - 1, -inf / too
     * small give -2^31, each with NV; W results sign-extend. */
    ck_fx(f2i(S_FMT, W, RNE, CANON_S, 0), MAX32, NV);
    ck_fx(f2i(S_FMT, W, RNE, BOX(0x7f800000u), 0), MAX32, NV);
    ck_fx(f2i(S_FMT, W, RNE, BOX(0xff800000u), 0), MIN32, NV);
    ck_fx(f2i(S_FMT, W, RNE, BOX(0x4f000000u), 0), MAX32, NV); /* 2^31 */
    ck_fx(f2i(S_FMT, W, RNE, BOX(0xcf000000u), 0), MIN32, 0);  /* -2^31 */
    ck_fx(f2i(S_FMT, W, RNE, BOX(0xcf800000u), 0), MIN32, NV); /* -2^32 */
    ck_fx(f2i(S_FMT, W, RNE, BOX(0x3fc00000u), 0), 2, NX);     /* 1.5 */
    ck_fx(f2i(S_FMT, W, RTZ, BOX(0xbfc00000u), 0), ALL64, NX); /* -1.5 */
    ck_fx(f2i(S_FMT, W, RNE, 0x3f800000u, 0), MAX32, NV);      /* unboxed */
}
END_TEST

START_TEST(test_fcvt_wu_s_saturates_to_zero_and_all_ones)
{
    /* The unsigned maximum 2^32 - 1 sign-extends to all ones. */
    ck_fx(f2i(S_FMT, WU, RNE, CANON_S, 0), ALL64, NV);
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0x7f800000u), 0), ALL64, NV);
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0x4f800000u), 0), ALL64, NV); /* 2^32 */
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0x4f000000u), 0), MIN32, 0);  /* 2^31 */
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0xff800000u), 0), 0, NV);
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0xbf800000u), 0), 0, NV);     /* -1 */
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0x80000000u), 0), 0, 0);      /* -0 */
    /* -0.5 rounds (to even) to -0 and -0.75 toward zero to -0: 0 with NX;
     * -0.75 to nearest is -1: out of range. */
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0xbf000000u), 0), 0, NX);
    ck_fx(f2i(S_FMT, WU, RTZ, BOX(0xbf400000u), 0), 0, NX);
    ck_fx(f2i(S_FMT, WU, RNE, BOX(0xbf400000u), 0), 0, NV);
    ck_fx(f2i(S_FMT, WU, RMM, BOX(0xbf000000u), 0), 0, NV);
}
END_TEST

START_TEST(test_fcvt_l_and_lu_saturate_at_64_bits)
{
    ck_fx(f2i(S_FMT, L, RNE, BOX(0x5f000000u), 0), MAX64, NV); /* 2^63 */
    ck_fx(f2i(S_FMT, L, RNE, BOX(0xdf000000u), 0), MIN64, 0);  /* -2^63 */
    ck_fx(f2i(S_FMT, L, RNE, CANON_S, 0), MAX64, NV);
    ck_fx(f2i(S_FMT, L, RNE, BOX(0xff800000u), 0), MIN64, NV);
    ck_fx(f2i(S_FMT, LU, RNE, BOX(0x5f800000u), 0), ALL64, NV); /* 2^64 */
    ck_fx(f2i(S_FMT, LU, RNE, BOX(0x5f000000u), 0), MIN64, 0);
    ck_fx(f2i(S_FMT, LU, RNE, BOX(0xbf800000u), 0), 0, NV);
    ck_fx(f2i(S_FMT, LU, RNE, CANON_S, 0), ALL64, NV);
    ck_fx(f2i(D_FMT, L, RNE, dbits(0x1p63), 0), MAX64, NV);
    ck_fx(f2i(D_FMT, L, RNE, dbits(-0x1p63), 0), MIN64, 0);
    ck_fx(f2i(D_FMT, L, RNE, dbits(-0x1p64), 0), MIN64, NV);
    ck_fx(f2i(D_FMT, LU, RNE, dbits(0x1p64), 0), ALL64, NV);
    ck_fx(f2i(D_FMT, LU, RNE, dbits(0x1.fffffffffffffp63), 0),
          0xfffffffffffff800ull, 0);
    ck_fx(f2i(D_FMT, LU, RNE, CANON_D, 0), ALL64, NV);
    ck_fx(f2i(D_FMT, L, RMM, 0x7ff0000000000001ull, 0), MAX64, NV);
}
END_TEST

START_TEST(test_fcvt_w_d_rounds_before_the_range_check)
{
    double hi = 2147483647.5, lo = -2147483648.5;

    ck_fx(f2i(D_FMT, W, RNE, dbits(hi), 0), MAX32, NV); /* tie to 2^31 */
    ck_fx(f2i(D_FMT, W, RTZ, dbits(hi), 0), MAX32, NX);
    ck_fx(f2i(D_FMT, W, RDN, dbits(hi), 0), MAX32, NX);
    ck_fx(f2i(D_FMT, W, RMM, dbits(hi), 0), MAX32, NV);
    ck_fx(f2i(D_FMT, W, RNE, dbits(lo), 0), MIN32, NX); /* tie to even */
    ck_fx(f2i(D_FMT, W, RTZ, dbits(lo), 0), MIN32, NX);
    ck_fx(f2i(D_FMT, W, RMM, dbits(lo), 0), MIN32, NV);
    ck_fx(f2i(D_FMT, WU, RNE, dbits(4294967295.0), 0), ALL64, 0);
    ck_fx(f2i(D_FMT, WU, RUP, dbits(4294967294.5), 0), ALL64, NX);
    ck_fx(f2i(D_FMT, WU, RNE, dbits(4294967295.5), 0), ALL64, NV);
}
END_TEST

START_TEST(test_rmm_rounds_ties_away_in_conversions)
{
    /* 2.5 -> 3 and -2.5 -> -3 with RMM; 2 and -2 with RNE. */
    ck_fx(f2i(S_FMT, W, RMM, BOX(0x40200000u), 0), 3, NX);
    ck_fx(f2i(S_FMT, W, RMM, BOX(0xc0200000u), 0), (uint64_t)-3, NX);
    ck_fx(f2i(S_FMT, W, RNE, BOX(0x40200000u), 0), 2, NX);
    ck_fx(f2i(S_FMT, W, RNE, BOX(0xc0200000u), 0), (uint64_t)-2, NX);
    ck_fx(f2i(S_FMT, W, DYN, BOX(0x40200000u), RMM), 3, NX);
    ck_fx(f2i(S_FMT, W, DYN, BOX(0xc0200000u), RMM), (uint64_t)-3, NX);
    ck_fx(f2i(S_FMT, W, DYN, BOX(0x40200000u), RNE), 2, NX);
    ck_fx(f2i(S_FMT, L, RMM, BOX(0xbf000000u), 0), ALL64, NX); /* -0.5 */
    ck_fx(f2i(D_FMT, L, RMM, dbits(3.5), 0), 4, NX);
    ck_fx(f2i(D_FMT, LU, RMM, dbits(0.5), 0), 1, NX);
    ck_fx(f2i(D_FMT, L, RMM, dbits(2.25), 0), 2, NX);
    ck_fx(f2i(D_FMT, L, RMM, dbits(-7.0), 0), (uint64_t)-7, 0);
    /* 2^24 + 1 as a single is a tie: away gives 2^24 + 2. */
    ck_fp(i2f(S_FMT, W, RMM, 16777217), BOX(0x4b800001u), NX);
    ck_fp(i2f(S_FMT, W, RNE, 16777217), BOX(0x4b800000u), NX);
    ck_fp(i2f(S_FMT, W, RMM, (uint64_t)-16777217), BOX(0xcb800001u), NX);
    ck_fp(i2f(D_FMT, L, RMM, (1ull << 53) + 1), 0x4340000000000001ull, NX);
    ck_fp(i2f(D_FMT, L, RNE, (1ull << 53) + 1), 0x4340000000000000ull, NX);
}
END_TEST

/* --- integer to float --------------------------------------------------- */

START_TEST(test_integer_to_float_rounds_and_uses_the_right_width)
{
    ck_fp(i2f(S_FMT, W, RUP, 16777217), BOX(0x4b800001u), NX);
    ck_fp(i2f(S_FMT, W, RTZ, 16777217), BOX(0x4b800000u), NX);
    /* W forms read the low 32 bits only. */
    ck_fp(i2f(S_FMT, W, RNE, 0x12345678ffffffffull), BOX(0xbf800000u), 0);
    ck_fp(i2f(S_FMT, WU, RNE, 0x12345678ffffffffull), BOX(0x4f800000u), NX);
    ck_fp(i2f(S_FMT, LU, RNE, ALL64), BOX(0x5f800000u), NX);
    ck_fp(i2f(S_FMT, L, RNE, MIN64), BOX(0xdf000000u), 0);
    ck_fp(i2f(S_FMT, LU, RMM, ALL64), BOX(0x5f800000u), NX);
    ck_fp(i2f(D_FMT, W, RNE, ALL64), 0xbff0000000000000ull, 0);
    ck_fp(i2f(D_FMT, WU, RNE, 0xffffffffull), dbits(4294967295.0), 0);
    ck_fp(i2f(D_FMT, WU, RMM, 0xffffffffull), dbits(4294967295.0), 0);
    ck_fp(i2f(D_FMT, LU, RNE, ALL64), 0x43f0000000000000ull, NX);
    ck_fp(i2f(D_FMT, LU, RDN, ALL64), 0x43efffffffffffffull, NX);
    ck_fp(i2f(D_FMT, L, RNE, 0), 0, 0);
}
END_TEST

/* --- float to float ----------------------------------------------------- */

START_TEST(test_fcvt_s_d_rounds_and_canonicalises)
{
    uint32_t rne = opf(F2F, S_FMT, RNE, FD, FA, 1);

    /* 0.1 = 0x3fb999999999999a; as a single 0x3dcccccd (the tail
     * 0x99999a... is above half), 0x3dcccccc toward zero. */
    ck_fp(fp_run(rne, 0x3fb999999999999aull, 0, 0, 0), BOX(0x3dcccccdu), NX);
    ck_fp(fp_run(opf(F2F, S_FMT, RTZ, FD, FA, 1), 0x3fb999999999999aull, 0,
                 0, 0),
          BOX(0x3dccccccu), NX);
    ck_fp(fp_run(rne, 0x7ff0000000000001ull, 0, 0, 0), CANON_S, NV);
    ck_fp(fp_run(rne, 0xfff8000000012345ull, 0, 0, 0), CANON_S, 0);
    ck_fp(fp_run(rne, dbits(1e300), 0, 0, 0), BOX(0x7f800000u), OF | NX);
    ck_fp(fp_run(opf(F2F, S_FMT, RTZ, FD, FA, 1), dbits(1e300), 0, 0, 0),
          BOX(0x7f7fffffu), OF | NX);
    ck_fp(fp_run(opf(F2F, S_FMT, RMM, FD, FA, 1), dbits(1e300), 0, 0, 0),
          BOX(0x7f800000u), OF | NX);
    /* 1 + 2^-24 is a tie for a single. */
    ck_fp(fp_run(rne, 0x3ff0000010000000ull, 0, 0, 0), BOX(0x3f800000u), NX);
    ck_fp(fp_run(opf(F2F, S_FMT, RMM, FD, FA, 1), 0x3ff0000010000000ull, 0,
                 0, 0),
          BOX(0x3f800001u), NX);
    ck_fp(fp_run(opf(F2F, S_FMT, DYN, FD, FA, 1), 0x3ff0000010000000ull, 0,
                 0, RMM),
          BOX(0x3f800001u), NX);
}
END_TEST

START_TEST(test_fcvt_d_s_is_exact)
{
    uint32_t cvt = opf(F2F, D_FMT, RNE, FD, FA, 0);

    ck_fp(fp_run(cvt, BOX(0x3fc00000u), 0, 0, 0), dbits(1.5), 0);
    ck_fp(fp_run(cvt, BOX(0x7f800001u), 0, 0, 0), CANON_D, NV);
    ck_fp(fp_run(cvt, BOX(0xffc12345u), 0, 0, 0), CANON_D, 0);
    ck_fp(fp_run(cvt, 0x3fc00000u, 0, 0, 0), CANON_D, 0); /* unboxed */
    ck_fp(fp_run(opf(F2F, D_FMT, RMM, FD, FA, 0), BOX(0x3fc00000u), 0, 0, 0),
          dbits(1.5), 0);
    ck_fp(fp_run(opf(F2F, D_FMT, DYN, FD, FA, 0), BOX(0xff800000u), 0, 0,
                 RMM),
          0xfff0000000000000ull, 0);
}
END_TEST

/* --- fclass ------------------------------------------------------------- */

START_TEST(test_fclass_sets_one_bit_per_class)
{
    /* 11.9: -inf, -normal, -subnormal, -0, +0, +subnormal, +normal,
     * +inf, signalling NaN, quiet NaN. */
    static const uint32_t s[10] = {0xff800000u, 0xbf800000u, 0x80000001u,
                                   0x80000000u, 0, 0x007fffffu,
                                   0x00800000u, 0x7f800000u, 0x7fbfffffu,
                                   0xffc00000u};
    static const uint64_t d[10] = {
        0xfff0000000000000ull, 0xffefffffffffffffull, 0x800fffffffffffffull,
        0x8000000000000000ull, 0, 1, 0x0010000000000000ull,
        0x7ff0000000000000ull, 0x7ff4000000000000ull,
        0x7ff8000000000001ull};

    for (unsigned i = 0; i < 10; i++) {
        ck_fx(fp_run(opf(CLASS, S_FMT, 1, XD, FA, 0), BOX(s[i]), 0, 0, 0),
              1u << i, 0);
        ck_fx(fp_run(opf(CLASS, D_FMT, 1, XD, FA, 0), d[i], 0, 0, 0),
              1u << i, 0);
    }
    /* An unboxed single classifies as the canonical (quiet) NaN. */
    ck_fx(fp_run(opf(CLASS, S_FMT, 1, XD, FA, 0), 0xff800000u, 0, 0, 0),
          1u << 9, 0);
}
END_TEST

/* --- moves, loads and stores -------------------------------------------- */

START_TEST(test_fmv_moves_bits_unchanged)
{
    uint32_t x_w = opf(CLASS, S_FMT, 0, XD, FA, 0);

    ck_fx(fp_run(x_w, BOX(0x80000000u), 0, 0, 0), MIN32, 0);
    ck_fx(fp_run(x_w, BOX(0x7f800001u), 0, 0, 0), 0x7f800001u, 0);
    /* A transfer: the low bits even when not NaN-boxed. */
    ck_fx(fp_run(x_w, 0x12345678ff800001ull, 0, 0, 0), 0xffffffffff800001ull,
          0);
    ck_fp(fp_run(opf(MVFX, S_FMT, 0, FD, XA, 0), 0x123456789abcdef0ull, 0, 0,
                 0),
          0xffffffff9abcdef0ull, 0);
    ck_fx(fp_run(opf(CLASS, D_FMT, 0, XD, FA, 0), D_SNAN_BITS, 0, 0, 0),
          D_SNAN_BITS, 0);
    ck_fp(fp_run(opf(MVFX, D_FMT, 0, FD, XA, 0), D_SNAN_BITS, 0, 0, 0),
          D_SNAN_BITS, 0);
}
END_TEST

START_TEST(test_loads_box_and_stores_keep_bits)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint32_t snan = 0x7f800001u, w;
    uint64_t d = 0xfff0000000000001ull, q;

    memcpy(t->mem + RVT_DATA, &snan, 4);
    memcpy(t->mem + RVT_DATA + 8, &d, 8);
    memset(t->mem + RVT_DATA + 16, 0xaa, 16);
    t->cpu.x[XA] = RVT_DATA;
    t->cpu.f[FA] = 0x0123456789abcdefull; /* not NaN-boxed */
    rvt_emit32(t, rvt_i(0, XA, 2, FD, 0x07));     /* flw f4, 0(a1) */
    rvt_emit32(t, rvt_i(8, XA, 3, 5, 0x07));      /* fld f5, 8(a1) */
    rvt_emit32(t, rvt_s(16, FA, XA, 2, 0x27));    /* fsw f1, 16(a1) */
    rvt_emit32(t, rvt_s(24, FA, XA, 3, 0x27));    /* fsd f1, 24(a1) */
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.f[FD], BOX(snan));
    ck_assert_uint_eq(t->cpu.f[5], d);
    memcpy(&w, t->mem + RVT_DATA + 16, 4);
    ck_assert_uint_eq(w, 0x89abcdefu);
    ck_assert_uint_eq(t->mem[RVT_DATA + 20], 0xaa);
    memcpy(&q, t->mem + RVT_DATA + 24, 8);
    ck_assert_uint_eq(q, 0x0123456789abcdefull);
    ck_assert_uint_eq(t->cpu.fflags, 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_fp_loads_reach_the_d_patterns)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint64_t d = 0x400921fb54442d18ull;

    memcpy(t->mem + RVT_DATA + 8, &d, 8);
    t->cpu.x[10] = RVT_DATA;
    /* c.fld fs0, 8(a0): 001 uimm[5:3]=001 rs1'=010 uimm[7:6]=00 rd'=000
     * 00 (RVC listing, quadrant 0) */
    rvt_emit16(t, 0x2500);
    fp_run_to_end(t);
    ck_assert_uint_eq(t->cpu.f[8], d);
    rvt_free(t);
}
END_TEST

START_TEST(test_disassembly_names_fp_instructions)
{
    char buf[96];
    uint32_t fmadd = r4(0x43, D_FMT, RTZ, 10, 11, 12, 13);
    uint32_t fadd = opf(0x00, S_FMT, DYN, FD, FA, FB);

    rv_frontend.disas(0x1000, (const uint8_t *)&fmadd, 4, buf, sizeof buf);
    ck_assert_str_eq(buf, "fmadd.d\tfa0,fa1,fa2,fa3,rtz");
    rv_frontend.disas(0x1000, (const uint8_t *)&fadd, 4, buf, sizeof buf);
    ck_assert_str_eq(buf, "fadd.s\tft4,ft1,ft2");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_fp_cvt");
    const TTest *convert[] = {
        test_fcvt_w_s_saturates_and_signals_invalid,
        test_fcvt_wu_s_saturates_to_zero_and_all_ones,
        test_fcvt_l_and_lu_saturate_at_64_bits,
        test_fcvt_w_d_rounds_before_the_range_check,
        test_rmm_rounds_ties_away_in_conversions,
        test_integer_to_float_rounds_and_uses_the_right_width,
        test_fcvt_s_d_rounds_and_canonicalises,
        test_fcvt_d_s_is_exact,
    };
    const TTest *move[] = {
        test_fclass_sets_one_bit_per_class,
        test_fmv_moves_bits_unchanged,
        test_loads_box_and_stores_keep_bits,
        test_compressed_fp_loads_reach_the_d_patterns,
        test_disassembly_names_fp_instructions,
    };

    fp_add_tests(s, "convert", convert, sizeof convert / sizeof convert[0]);
    fp_add_tests(s, "move", move, sizeof move / sizeof move[0]);
    return unit_run(s);
}
