/* fp_rvf: the F extension on edge values (RISC-V unprivileged spec,
 * chapter 11): NaN boxing, canonical NaNs, fflags, static and dynamic
 * rounding with RMM ties, saturating conversions, fmin/fmax, compares. */
#include "rvtest.h"

/* fd = the single with these bits, NaN-boxed. */
.macro FLI fd, bits
    li t0, \bits
    fmv.w.x \fd, t0
.endm

TEST_BEGIN
    FLI f1, 0x3f800000      /* 1.0 */
    FLI f2, 0x40000000      /* 2.0 */
    FLI f3, 0x33800000      /* 2^-24, half an ulp of 1.0 */
    FLI f4, 0x7f800001      /* signalling NaN */
    FLI f5, 0x7fc12345      /* quiet NaN with a payload */
    FLI f6, 0x40200000      /* 2.5 */
    fmv.w.x f7, x0          /* +0 */

    fadd.s f10, f1, f2
    fmv.x.w a0, f10
    CHECK 1, a0, 0x40400000
    fmv.x.d a0, f10         /* NaN-boxed */
    CHECK 2, a0, 0xffffffff40400000
    FLAGS 3, 0

    /* an unboxed operand is the canonical NaN (quiet: no flag) */
    li t0, 0x3f800000
    fmv.d.x f11, t0
    fadd.s f10, f11, f1
    fmv.x.d a0, f10
    CHECK 4, a0, 0xffffffff7fc00000
    FLAGS 5, 0
    fadd.s f10, f5, f1      /* payloads are not propagated */
    fmv.x.w a0, f10
    CHECK 6, a0, 0x7fc00000
    FLAGS 7, 0
    fmul.s f10, f4, f1
    fmv.x.w a0, f10
    CHECK 8, a0, 0x7fc00000
    FLAGS 9, 0x10
    fdiv.s f10, f7, f7
    fmv.x.w a0, f10
    CHECK 10, a0, 0x7fc00000
    FLAGS 11, 0x10
    fdiv.s f10, f1, f7
    fmv.x.w a0, f10
    CHECK 12, a0, 0x7f800000
    FLAGS 13, 0x08

    /* rounding a tie 1 + 2^-24: static and dynamic modes */
    fadd.s f10, f1, f3, rne
    fmv.x.w a0, f10
    CHECK 14, a0, 0x3f800000
    fadd.s f10, f1, f3, rmm
    fmv.x.w a0, f10
    CHECK 15, a0, 0x3f800001
    fadd.s f10, f1, f3, rup
    fmv.x.w a0, f10
    CHECK 16, a0, 0x3f800001
    FLAGS 17, 0x01
    fsrmi 4                 /* frm = RMM */
    fadd.s f10, f1, f3
    fmv.x.w a0, f10
    CHECK 18, a0, 0x3f800001
    fsrmi 1                 /* RTZ */
    fadd.s f10, f1, f3
    fmv.x.w a0, f10
    CHECK 19, a0, 0x3f800000
    fsrmi 0

    /* conversions: RMM ties away, saturation, sign extension */
    fcvt.w.s a0, f6, rmm
    CHECK 20, a0, 3
    fcvt.w.s a0, f6, rne
    CHECK 21, a0, 2
    fneg.s f10, f6
    fcvt.w.s a0, f10, rmm
    CHECK 22, a0, -3
    fcvt.w.s a0, f10, rne
    CHECK 23, a0, -2
    FLAGS 24, 0x01
    fneg.s f10, f1
    fcvt.wu.s a0, f10, rtz
    CHECK 25, a0, 0
    FLAGS 26, 0x10
    fcvt.wu.s a0, f5, rtz
    CHECK 27, a0, -1
    FLAGS 28, 0x10
    FLI f10, 0x7f800000
    fcvt.l.s a0, f10, rtz
    CHECK 29, a0, 0x7fffffffffffffff
    fcvt.w.s a0, f10, rtz
    CHECK 30, a0, 0x7fffffff
    FLAGS 31, 0x10
    li t0, 0xffffffff
    fcvt.s.wu f10, t0
    fmv.x.w a0, f10
    CHECK 32, a0, 0x4f800000
    FLAGS 33, 0x01

    /* fmin/fmax, compares, fclass, sign injection */
    fneg.s f10, f7          /* -0 */
    fmin.s f11, f7, f10
    fmv.x.w a0, f11
    CHECK 34, a0, 0xffffffff80000000
    fmax.s f11, f10, f7
    fmv.x.w a0, f11
    CHECK 35, a0, 0
    fmin.s f11, f4, f1
    fmv.x.w a0, f11
    CHECK 36, a0, 0x3f800000
    FLAGS 37, 0x10
    fmax.s f11, f5, f5
    fmv.x.w a0, f11
    CHECK 38, a0, 0x7fc00000
    feq.s a0, f5, f5
    CHECK 39, a0, 0
    FLAGS 40, 0
    feq.s a0, f4, f1
    FLAGS 41, 0x10
    flt.s a0, f5, f1
    CHECK 42, a0, 0
    FLAGS 43, 0x10
    fle.s a0, f10, f7
    CHECK 44, a0, 1
    fclass.s a0, f10
    CHECK 45, a0, 0x08
    fclass.s a0, f4
    CHECK 46, a0, 0x100
    fclass.s a0, f11        /* canonical NaN: quiet */
    CHECK 47, a0, 0x200
    fneg.s f11, f4
    fmv.x.w a0, f11
    CHECK 48, a0, 0xffffffffff800001
    FLAGS 49, 0

    /* one rounding in fmadd: (1+2^-12)^2 - (1+2^-11) = 2^-24 */
    FLI f12, 0x3f800800
    FLI f13, 0xbf801000
    fmadd.s f11, f12, f12, f13
    fmv.x.w a0, f11
    CHECK 50, a0, 0x33800000
    fmul.s f11, f12, f12
    fadd.s f11, f11, f13
    fmv.x.w a0, f11
    CHECK 51, a0, 0
    fnmadd.s f11, f2, f6, f1    /* -(2 * 2.5) - 1 */
    fmv.x.w a0, f11
    CHECK 52, a0, 0xffffffffc0c00000
    fsflags x0

    /* overflow and underflow */
    FLI f11, 0x7f7fffff
    fmul.s f11, f11, f2
    fmv.x.w a0, f11
    CHECK 53, a0, 0x7f800000
    FLAGS 54, 0x05
    FLI f11, 0x00000001
    FLI f12, 0x3f000000
    fmul.s f11, f11, f12
    fmv.x.w a0, f11
    CHECK 55, a0, 0
    FLAGS 56, 0x03

    /* flw NaN-boxes; fsw stores the low 32 bits of an unboxed value */
    addi sp, sp, -16
    li t0, 0x123456787f800001
    sd t0, 0(sp)
    flw f11, 0(sp)
    fmv.x.d a0, f11
    CHECK 57, a0, 0xffffffff7f800001
    li t0, 0x0123456789abcdef
    fmv.d.x f11, t0
    fsw f11, 8(sp)
    lwu a0, 8(sp)
    CHECK 58, a0, 0x89abcdef
    FLAGS 59, 0
    addi sp, sp, 16
TEST_END "fp_rvf ok"
