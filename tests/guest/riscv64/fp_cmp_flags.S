/* fp_cmp_flags: the flags of the compares read back in the same block
 * (RISC-V unprivileged spec 11.8, 12.6: flt and fle raise NV for any NaN
 * operand, feq only for a signalling one), around the "frflags; compare;
 * fsflags" that C's quiet comparisons compile to, where the restore must
 * drop the compare's NV, and without the restore, where it must stay.
 * Each block runs several times, so that it is translated. */
#include "rvtest.h"

TEST_BEGIN
    lla s1, buf
    li s3, 5                            /* passes */
pass:
    fld f1, 0(s1)                       /* 1.0 */
    fld f2, 8(s1)                       /* quiet NaN */
    fld f3, 16(s1)                      /* signalling NaN */
    fld f4, 24(s1)                      /* 3.0 */
    fsflags x0
    j quiet
quiet:
    /* restored around each compare: only fdiv's NX is left */
    fdiv.d f5, f1, f4                   /* NX */
    frflags t2
    flt.d a1, f2, f1
    fsflags t2
    frflags t3
    fle.d a2, f1, f2
    fsflags t3
    frflags t4
    feq.d a3, f3, f1
    fsflags t4
    frflags t5
    feq.d a4, f1, f1
    fsflags t5
    frflags a5
    CHECK 1, a1, 0
    CHECK 2, a2, 0
    CHECK 3, a3, 0
    CHECK 4, a4, 1
    CHECK 5, t2, 1
    CHECK 6, t3, 1
    CHECK 7, t4, 1
    CHECK 8, a5, 1
    fsflags x0
    j kept
kept:
    /* not restored: NV stays, read in the same block */
    fdiv.d f5, f1, f4                   /* NX */
    frflags t2
    feq.d a1, f2, f1                    /* quiet NaN: nothing */
    frflags t3
    fle.d a2, f2, f2                    /* NV */
    frflags t4
    fsflags x0
    flt.d a3, f1, f4                    /* numbers: nothing */
    frflags t5
    feq.d a4, f1, f3                    /* signalling: NV */
    frflags a5
    CHECK 10, t2, 1
    CHECK 11, t3, 1
    CHECK 12, t4, 0x11
    CHECK 13, t5, 0
    CHECK 14, a5, 0x10
    CHECK 15, a3, 1
    fsflags x0
    j later
later:
    /* restored, then read again after another op: the compare's NV must
     * be gone from wherever ferry keeps flags */
    fdiv.d f5, f1, f4                   /* NX */
    frflags t2
    flt.d a1, f1, f2
    fsflags t2
    fadd.d f6, f1, f1                   /* exact */
    frflags a5
    CHECK 20, a5, 1
    fsflags x0
    addi s3, s3, -1
    bnez s3, pass
    TEST_END "fp_cmp_flags ok"

    .data
    .balign 8
buf:
    .dword 0x3ff0000000000000           /* 0: 1.0 */
    .dword 0x7ff8000000000000           /* 8: quiet NaN */
    .dword 0x7ff0000000000001           /* 16: signalling NaN */
    .dword 0x4008000000000000           /* 24: 3.0 */
