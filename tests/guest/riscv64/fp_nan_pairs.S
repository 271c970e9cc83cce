/* fp_nan_pairs: NaN results of double ops that follow one another in a
 * block (RISC-V unprivileged spec 11.3, 12.2: every NaN result is the
 * canonical NaN): a NaN first, second, both or neither of two adjacent
 * ops, runs of five, a result read by the next op, results used only by
 * compares, conversions and other ops (whose own results must still be
 * canonical), and twenty results alive at once (more than the host has
 * registers). Each block runs several times, so that it is translated. */
#include "rvtest.h"

#define QNAN_D 0xfff8000000000456   /* quiet, negative, with a payload */
#define CANON_D 0x7ff8000000000000

/* Check n: double register f has bits. */
.macro FREG_D n, f, bits
    fmv.x.d a0, \f
    CHECK \n, a0, \bits
.endm

/* Check n: the double stored at off(s1) has bits. */
.macro MEM_D n, off, bits
    ld a0, \off(s1)
    CHECK \n, a0, \bits
.endm

TEST_BEGIN
    lla s1, buf
    li s3, 5                            /* passes */
pass:
    fsflags x0
    fld f1, 0(s1)                       /* +inf */
    fld f2, 8(s1)                       /* quiet NaN with a payload */
    fld f3, 16(s1)                      /* 1.0 */
    fld f4, 24(s1)                      /* 2.0 */
    fmv.d.x f5, x0                      /* +0 */
    fld f6, 32(s1)                      /* -1.0 */
    j pairs
pairs:
    /* invalid first, number second */
    fsub.d f10, f1, f1
    fadd.d f11, f3, f4
    /* number first, a propagated payload second */
    fadd.d f12, f3, f4
    fmul.d f13, f2, f3
    /* both NaN */
    fmul.d f14, f1, f5
    fdiv.d f15, f2, f3
    /* neither */
    fmul.d f16, f4, f4
    fsub.d f17, f3, f4
    fsd f10, 64(s1)
    fsd f11, 72(s1)
    fsd f12, 80(s1)
    fsd f13, 88(s1)
    fsd f14, 96(s1)
    fsd f15, 104(s1)
    fsd f16, 112(s1)
    fsd f17, 120(s1)
    MEM_D 1, 64, CANON_D
    MEM_D 2, 72, 0x4008000000000000     /* 3.0 */
    MEM_D 3, 80, 0x4008000000000000
    MEM_D 4, 88, CANON_D
    MEM_D 5, 96, CANON_D
    MEM_D 6, 104, CANON_D
    MEM_D 7, 112, 0x4010000000000000    /* 4.0 */
    MEM_D 8, 120, 0xbff0000000000000    /* -1.0 */
    FLAGS 9, 0x10

    /* runs of five, NaNs at the odd places and at the even ones; the
     * results are read from the registers in the next block */
    fadd.d f10, f3, f3
    fsub.d f11, f1, f1
    fmul.d f12, f4, f4
    fdiv.d f13, f5, f5
    fsqrt.d f14, f6
    j run1
run1:
    FREG_D 10, f10, 0x4000000000000000   /* 2.0 */
    FREG_D 11, f11, CANON_D
    FREG_D 12, f12, 0x4010000000000000
    FREG_D 13, f13, CANON_D
    FREG_D 14, f14, CANON_D
    FLAGS 15, 0x10
    fsub.d f10, f1, f1
    fadd.d f11, f3, f3
    fdiv.d f12, f2, f4
    fmul.d f13, f4, f4
    fsqrt.d f14, f2
    j run2
run2:
    FREG_D 20, f10, CANON_D
    FREG_D 21, f11, 0x4000000000000000
    FREG_D 22, f12, CANON_D
    FREG_D 23, f13, 0x4010000000000000
    FREG_D 24, f14, CANON_D
    FLAGS 25, 0x10

    /* the second op reads the first's result; then the first result
     * feeds the second op only, its register written over */
    fsub.d f10, f1, f1
    fadd.d f11, f10, f3
    fadd.d f12, f2, f3
    fmul.d f13, f12, f12
    fsd f10, 64(s1)
    fsd f11, 72(s1)
    fsd f12, 80(s1)
    fsd f13, 88(s1)
    fsub.d f14, f1, f1
    fmul.d f15, f14, f4
    fmv.d.x f14, x0
    fsd f15, 96(s1)
    MEM_D 30, 64, CANON_D
    MEM_D 31, 72, CANON_D
    MEM_D 32, 80, CANON_D
    MEM_D 33, 88, CANON_D
    MEM_D 34, 96, CANON_D
    FLAGS 35, 0x10

    /* two results for one register: the second stays */
    fsub.d f10, f1, f1
    fadd.d f10, f3, f4
    j same_rd
same_rd:
    FREG_D 36, f10, 0x4008000000000000
    FLAGS 37, 0x10

    /* a NaN seen only by compares and conversions, which treat every NaN
     * alike (11.7: fcvt of a NaN gives the largest integer; 11.8) */
    fsub.d f10, f1, f1
    fdiv.d f11, f5, f5
    feq.d a1, f10, f10
    flt.d a2, f11, f3
    fcvt.w.d a3, f10
    fcvt.l.d a4, f11
    fcvt.lu.d a5, f10
    fcvt.wu.d a6, f11
    fmv.d.x f10, x0
    fmv.d.x f11, x0
    CHECK 40, a1, 0
    CHECK 41, a2, 0
    CHECK 42, a3, 0x7fffffff
    CHECK 43, a4, 0x7fffffffffffffff
    CHECK 44, a5, 0xffffffffffffffff
    CHECK 45, a6, 0xffffffffffffffff
    FLAGS 46, 0x10
    /* a NaN seen, then a number only converted */
    fsub.d f10, f1, f1
    fadd.d f11, f3, f4
    fcvt.w.d a1, f11
    fmv.d.x f11, x0
    fsd f10, 64(s1)
    MEM_D 47, 64, CANON_D
    CHECK 48, a1, 3
    FLAGS 49, 0x10

    /* twenty results alive at once: a mix, stored only at the end */
    fadd.d f0, f3, f4
    fsub.d f7, f1, f1
    fmul.d f8, f4, f4
    fmul.d f9, f1, f5
    fadd.d f10, f2, f3
    fsub.d f11, f4, f3
    fdiv.d f12, f5, f5
    fdiv.d f13, f4, f4
    fsqrt.d f14, f6
    fsqrt.d f15, f4
    fadd.d f16, f3, f3
    fsub.d f17, f1, f1
    fmul.d f18, f2, f2
    fmul.d f19, f3, f4
    fadd.d f20, f4, f4
    fadd.d f21, f1, f6
    fsub.d f22, f5, f3
    fmul.d f23, f1, f5
    fdiv.d f24, f3, f4
    fdiv.d f25, f1, f1
    fsd f0, 128(s1)
    fsd f7, 136(s1)
    fsd f8, 144(s1)
    fsd f9, 152(s1)
    fsd f10, 160(s1)
    fsd f11, 168(s1)
    fsd f12, 176(s1)
    fsd f13, 184(s1)
    fsd f14, 192(s1)
    fsd f15, 200(s1)
    fsd f16, 208(s1)
    fsd f17, 216(s1)
    fsd f18, 224(s1)
    fsd f19, 232(s1)
    fsd f20, 240(s1)
    fsd f21, 248(s1)
    fsd f22, 256(s1)
    fsd f23, 264(s1)
    fsd f24, 272(s1)
    fsd f25, 280(s1)
    MEM_D 50, 128, 0x4008000000000000   /* 3 */
    MEM_D 51, 136, CANON_D
    MEM_D 52, 144, 0x4010000000000000   /* 4 */
    MEM_D 53, 152, CANON_D
    MEM_D 54, 160, CANON_D
    MEM_D 55, 168, 0x3ff0000000000000   /* 1 */
    MEM_D 56, 176, CANON_D
    MEM_D 57, 184, 0x3ff0000000000000
    MEM_D 58, 192, CANON_D
    MEM_D 59, 200, 0x3ff6a09e667f3bcd   /* sqrt(2) */
    MEM_D 60, 208, 0x4000000000000000   /* 2 */
    MEM_D 61, 216, CANON_D
    MEM_D 62, 224, CANON_D
    MEM_D 63, 232, 0x4000000000000000
    MEM_D 64, 240, 0x4010000000000000
    MEM_D 65, 248, 0x7ff0000000000000   /* +inf */
    MEM_D 66, 256, 0xbff0000000000000   /* -1 */
    MEM_D 67, 264, CANON_D
    MEM_D 68, 272, 0x3fe0000000000000   /* 0.5 */
    MEM_D 69, 280, CANON_D
    FLAGS 70, 0x11                      /* NV, and NX from sqrt(2) */

    addi s3, s3, -1
    bnez s3, pass
    TEST_END "fp_nan_pairs ok"

    .data
    .balign 8
buf:
    .dword 0x7ff0000000000000           /* 0: +inf */
    .dword QNAN_D                       /* 8 */
    .dword 0x3ff0000000000000           /* 16: 1.0 */
    .dword 0x4000000000000000           /* 24: 2.0 */
    .dword 0xbff0000000000000           /* 32: -1.0 */
    .dword 0, 0, 0                      /* 40-63 */
    .fill 32, 8, 0                      /* 64-319: results */
