/* fp_nan_paths: NaN results and NaN bits on every path an FP value takes
 * (RISC-V unprivileged spec 11.3, 11.5, 12.2-12.5): arithmetic gives the
 * canonical NaN whatever the input payloads, in every static and dynamic
 * rounding mode (RMM included); loads, stores, moves and sign injection
 * keep a NaN's bits, signalling ones too; a result goes to memory straight
 * after the op that made it, or after a load in the same block. */
#include "rvtest.h"

#define QNAN_D 0xfff8000000000456   /* quiet, negative, with a payload */
#define SNAN_D 0xfff0000000000123   /* signalling, negative, payload */
#define CANON_D 0x7ff8000000000000
#define CANON_S 0x7fc00000

/* fd = the double with these bits, through memory (fld). */
.macro LOAD_D fd, bits
    li t0, \bits
    sd t0, 0(s1)
    fld \fd, 0(s1)
.endm

/* Check n: the double in fs, stored with fsd and read back, is bits. */
.macro STORED_D n, fs, bits
    fsd \fs, 8(s1)
    ld a0, 8(s1)
    CHECK \n, a0, \bits
.endm

TEST_BEGIN
    lla s1, buf
    fsflags x0
    LOAD_D f1, SNAN_D
    LOAD_D f2, QNAN_D
    LOAD_D f3, 0x3ff0000000000000       /* 1.0 */
    LOAD_D f4, 0x7ff0000000000000       /* +inf */
    fmv.d.x f5, x0                      /* +0 */
    LOAD_D f6, 0xbff0000000000000       /* -1.0 */

    /* 11.5, 12.2: moves keep every bit, raise nothing */
    STORED_D 1, f1, SNAN_D
    fmv.x.d a0, f1
    CHECK 2, a0, SNAN_D
    fmv.d f7, f1
    STORED_D 3, f7, SNAN_D
    fneg.d f7, f1
    fmv.x.d a0, f7
    CHECK 4, a0, 0x7ff0000000000123
    fabs.d f7, f2
    STORED_D 5, f7, 0x7ff8000000000456
    FLAGS 6, 0

    /* quiet NaN operands: canonical result, no flag */
    fadd.d f7, f2, f3
    STORED_D 10, f7, CANON_D
    fsub.d f7, f3, f2
    STORED_D 11, f7, CANON_D
    fmul.d f7, f2, f2
    fmv.x.d a0, f7
    CHECK 12, a0, CANON_D
    fdiv.d f7, f3, f2
    STORED_D 13, f7, CANON_D
    fsqrt.d f7, f2
    STORED_D 14, f7, CANON_D
    fmadd.d f7, f3, f3, f2
    STORED_D 15, f7, CANON_D
    fnmsub.d f7, f2, f3, f3
    STORED_D 16, f7, CANON_D
    FLAGS 17, 0
    /* a signalling operand: canonical result and NV */
    fadd.d f7, f1, f3
    STORED_D 18, f7, CANON_D
    FLAGS 19, 0x10
    /* a NaN result feeding the next op, then stored */
    fadd.d f7, f2, f3
    fmul.d f8, f7, f3
    STORED_D 20, f8, CANON_D
    FLAGS 21, 0

    /* invalid operations in each static rounding mode */
    fdiv.d f7, f5, f5, rtz
    STORED_D 30, f7, CANON_D
    fsub.d f7, f4, f4, rdn
    STORED_D 31, f7, CANON_D
    fsqrt.d f7, f6, rup
    STORED_D 32, f7, CANON_D
    fmul.d f7, f4, f5, rmm
    STORED_D 33, f7, CANON_D
    fmadd.d f7, f4, f5, f3, rtz
    STORED_D 34, f7, CANON_D
    fadd.d f7, f2, f3, rmm
    STORED_D 35, f7, CANON_D
    FLAGS 36, 0x10
    /* 11.6: inf * 0 + a quiet NaN raises NV */
    fmadd.d f7, f4, f5, f2
    STORED_D 37, f7, CANON_D
    FLAGS 38, 0x10

    /* dynamic modes; each block loads its operands after the frm test
     * and before the op, so both the test's side path and the straight
     * one run with values loaded in the block */
    li s2, 1                            /* RTZ, RDN, RUP, RMM, RNE */
dyn_loop:
    fsrm s2
    j dyn_block
dyn_block:
    fld f10, 16(s1)                     /* 1.0 */
    fld f11, 24(s1)                     /* 0.75 * 2^-52 */
    fld f12, 32(s1)                     /* quiet NaN with payload */
    fadd.d f13, f10, f11
    fadd.d f14, f12, f10
    fdiv.d f15, f11, f12
    fsd f13, 40(s1)
    fsd f14, 48(s1)
    fsd f15, 56(s1)
    ld a0, 48(s1)
    CHECK 40, a0, CANON_D
    ld a0, 56(s1)
    CHECK 41, a0, CANON_D
    /* 1 + 0.75 ulp: down for RTZ and RDN, up otherwise */
    li a1, 0x3ff0000000000001
    li t0, 1
    beq s2, t0, dyn_down
    li t0, 2
    bne s2, t0, dyn_check
dyn_down:
    li a1, 0x3ff0000000000000
dyn_check:
    ld a0, 40(s1)
    sub a0, a0, a1
    CHECK 42, a0, 0
    FLAGS 43, 0x01
    beqz s2, dyn_done                   /* RNE was the last */
    addi s2, s2, 1
    li t0, 5
    bltu s2, t0, dyn_loop
    li s2, 0
    j dyn_loop
dyn_done:
    fsrmi 0

    /* single precision: boxed results, canonical NaN */
    li t0, 0xffc00123                   /* quiet, negative, payload */
    sw t0, 0(s1)
    flw f20, 0(s1)
    li t0, 0x3f800000                   /* 1.0f */
    sw t0, 4(s1)
    flw f21, 4(s1)
    fadd.s f22, f20, f21
    fsw f22, 8(s1)
    lwu a0, 8(s1)
    CHECK 50, a0, CANON_S
    fmv.x.d a0, f22
    CHECK 51, a0, 0xffffffff7fc00000
    fsqrt.s f22, f20, rup
    fmv.x.w a0, f22
    CHECK 52, a0, CANON_S
    li t0, 0xff800123                   /* signalling single */
    sw t0, 12(s1)
    flw f23, 12(s1)
    fsw f23, 16(s1)
    lwu a0, 16(s1)
    CHECK 53, a0, 0xff800123
    FLAGS 54, 0
    fcvt.d.s f24, f23
    STORED_D 55, f24, CANON_D
    FLAGS 56, 0x10
    fcvt.s.d f24, f2
    fsw f24, 20(s1)
    lwu a0, 20(s1)
    CHECK 57, a0, CANON_S
    FLAGS 58, 0

    /* fmv.d of a computed NaN keeps the canonical bits */
    fsub.d f7, f4, f4
    fmv.d f8, f7
    STORED_D 60, f8, CANON_D
    FLAGS 61, 0x10
    TEST_END "fp_nan_paths ok"

    .data
    .balign 8
buf:
    .dword 0, 0
    .dword 0x3ff0000000000000           /* 16: 1.0 */
    .dword 0x3ca8000000000000           /* 24: 0.75 * 2^-52 */
    .dword QNAN_D                       /* 32 */
    .dword 0, 0, 0                      /* 40-63 */
