/* fp_rvd: the D extension on edge values (RISC-V unprivileged spec,
 * chapter 12): canonical NaNs, fflags, RMM, conversions between the two
 * precisions and to integers, fused multiply-add, fld/fsd. */
#include "rvtest.h"

/* fd = the double with these bits. */
.macro FLD_BITS fd, bits
    li t0, \bits
    fmv.d.x \fd, t0
.endm

TEST_BEGIN
    FLD_BITS f1, 0x3ff0000000000000     /* 1.0 */
    FLD_BITS f2, 0x4000000000000000     /* 2.0 */
    FLD_BITS f3, 0x3ca0000000000000     /* 2^-53 */
    FLD_BITS f4, 0x7ff0000000000001     /* signalling NaN */
    FLD_BITS f5, 0x7ff0000000000000     /* +inf */
    fmv.d.x f7, x0                      /* +0 */

    fadd.d f10, f1, f2
    fmv.x.d a0, f10
    CHECK 1, a0, 0x4008000000000000
    fneg.d f11, f5
    fadd.d f10, f5, f11                 /* inf - inf */
    fmv.x.d a0, f10
    CHECK 2, a0, 0x7ff8000000000000
    FLAGS 3, 0x10
    fsqrt.d f10, f2
    fmv.x.d a0, f10
    CHECK 4, a0, 0x3ff6a09e667f3bcd
    FLAGS 5, 0x01

    /* 1 + 2^-53 is a tie */
    fadd.d f10, f1, f3, rne
    fmv.x.d a0, f10
    CHECK 6, a0, 0x3ff0000000000000
    fadd.d f10, f1, f3, rmm
    fmv.x.d a0, f10
    CHECK 7, a0, 0x3ff0000000000001
    fsrmi 4
    fadd.d f10, f1, f3
    fmv.x.d a0, f10
    CHECK 8, a0, 0x3ff0000000000001
    fsrmi 0
    FLAGS 9, 0x01

    /* fcvt.s.d: rounding, canonical NaN, overflow */
    FLD_BITS f10, 0x3fb999999999999a   /* 0.1 */
    fcvt.s.d f11, f10
    fmv.x.d a0, f11
    CHECK 10, a0, 0xffffffff3dcccccd
    FLAGS 11, 0x01
    fcvt.s.d f11, f4
    fmv.x.w a0, f11
    CHECK 12, a0, 0x7fc00000
    FLAGS 13, 0x10
    FLD_BITS f10, 0x47f0000000000000   /* 2^128 */
    fcvt.s.d f11, f10, rtz
    fmv.x.w a0, f11
    CHECK 14, a0, 0x7f7fffff
    FLAGS 15, 0x05
    /* 2^-126 - 2^-151 rounds up to 2^-126: not tiny after rounding */
    FLD_BITS f10, 0x380ffffff0000000
    fcvt.s.d f11, f10
    fmv.x.w a0, f11
    CHECK 16, a0, 0x00800000
    FLAGS 17, 0x01
    /* fcvt.d.s: exact; an unboxed input is the canonical NaN */
    li t0, 0x3fc00000
    fmv.d.x f10, t0
    fcvt.d.s f11, f10
    fmv.x.d a0, f11
    CHECK 18, a0, 0x7ff8000000000000
    FLAGS 19, 0
    fmv.w.x f10, t0
    fcvt.d.s f11, f10
    fmv.x.d a0, f11
    CHECK 20, a0, 0x3ff8000000000000

    /* fcvt to integers */
    li t0, 0x41dfffffffe00000           /* 2^31 - 0.5 */
    fmv.d.x f10, t0
    fcvt.w.d a0, f10, rtz
    CHECK 21, a0, 0x7fffffff
    FLAGS 22, 0x01
    fcvt.w.d a0, f10, rne               /* a tie to 2^31: too large */
    CHECK 23, a0, 0x7fffffff
    FLAGS 24, 0x10
    fneg.d f11, f5
    fcvt.l.d a0, f11, rtz
    CHECK 25, a0, 0x8000000000000000
    fcvt.lu.d a0, f4, rtz
    CHECK 26, a0, -1
    fcvt.wu.d a0, f4, rtz
    CHECK 27, a0, -1
    FLAGS 28, 0x10
    li t0, 0x4004000000000000           /* 2.5 */
    fmv.d.x f10, t0
    fcvt.l.d a0, f10, rmm
    CHECK 29, a0, 3
    fneg.d f10, f10
    fcvt.l.d a0, f10, rmm
    CHECK 30, a0, -3
    FLAGS 31, 0x01
    li t0, 0x20000000000001             /* 2^53 + 1 */
    fcvt.d.l f10, t0, rmm
    fmv.x.d a0, f10
    CHECK 32, a0, 0x4340000000000001
    fcvt.d.l f10, t0, rne
    fmv.x.d a0, f10
    CHECK 33, a0, 0x4340000000000000
    FLAGS 34, 0x01

    /* fused multiply-add */
    fmadd.d f10, f5, f7, f4             /* inf * 0 + sNaN */
    fmv.x.d a0, f10
    CHECK 35, a0, 0x7ff8000000000000
    FLAGS 36, 0x10
    li t0, 0x7ff8000000000000
    fmv.d.x f11, t0
    fmadd.d f10, f5, f7, f11            /* inf * 0 + qNaN: NV too */
    FLAGS 37, 0x10
    FLD_BITS f12, 0x3ff0000002000000    /* 1 + 2^-27 */
    FLD_BITS f13, 0x3c90000000000000    /* 2^-54 */
    fmadd.d f10, f12, f12, f13, rmm     /* 1 + 2^-26 + 2^-53: a tie */
    fmv.x.d a0, f10
    CHECK 38, a0, 0x3ff0000004000001
    fmsub.d f10, f2, f2, f1             /* 2 * 2 - 1 */
    fmv.x.d a0, f10
    CHECK 39, a0, 0x4008000000000000
    fnmsub.d f10, f2, f2, f1            /* -(2 * 2) + 1 */
    fmv.x.d a0, f10
    CHECK 40, a0, 0xc008000000000000
    FLAGS 41, 0x01

    /* min/max, compare, class */
    fmax.d f10, f4, f2
    fmv.x.d a0, f10
    CHECK 42, a0, 0x4000000000000000
    FLAGS 43, 0x10
    fle.d a0, f7, f7
    CHECK 44, a0, 1
    fclass.d a0, f11
    CHECK 45, a0, 0x200
    fclass.d a0, f5
    CHECK 46, a0, 0x80

    /* fld / fsd move all 64 bits */
    addi sp, sp, -16
    li t0, 0x20000000000001
    sd t0, 0(sp)
    fld f10, 0(sp)
    fsd f4, 8(sp)
    ld a0, 8(sp)
    CHECK 47, a0, 0x7ff0000000000001
    fmv.x.d a0, f10
    CHECK 48, a0, 0x20000000000001
    FLAGS 49, 0
    addi sp, sp, 16
TEST_END "fp_rvd ok"
