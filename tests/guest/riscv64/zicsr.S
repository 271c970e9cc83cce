/* zicsr: the CSR instructions on the FP CSRs (fcsr = frm << 5 | fflags,
 * RISC-V unprivileged spec 11.2) and the Zicntr counters (chapter 10). */
#include "rvtest.h"

TEST_BEGIN
    li a0, 0xfff
    csrrw a1, fcsr, a0      /* fcsr starts at 0 */
    CHECK 1, a1, 0
    frcsr a1
    CHECK 2, a1, 0xff       /* only 8 bits exist */
    frflags a1
    CHECK 3, a1, 0x1f
    frrm a1
    CHECK 4, a1, 7
    csrrci a1, fflags, 0x11
    CHECK 5, a1, 0x1f
    frflags a1
    CHECK 6, a1, 0x0e
    li a0, 0x10
    csrrs a1, fflags, a0
    frflags a1
    CHECK 7, a1, 0x1e
    li a0, 0x0c
    csrrc x0, fflags, a0
    frflags a1
    CHECK 8, a1, 0x12
    fsrmi a1, 1
    CHECK 9, a1, 7
    csrrsi a1, frm, 2
    frrm a1
    CHECK 10, a1, 3
    frcsr a1
    CHECK 11, a1, 0x72
    fsflagsi 0
    fsrm x0
    frcsr a1
    CHECK 12, a1, 0

    /* the counters never go back */
    rdtime s0
    rdcycle s1
    rdinstret s2
    li a0, 1000
1:  addi a0, a0, -1
    bnez a0, 1b
    rdtime a1
    rdcycle a2
    rdinstret a3
    sltu a4, a1, s0
    CHECK 13, a4, 0
    sltu a4, a2, s1
    CHECK 14, a4, 0
    sltu a4, a3, s2
    CHECK 15, a4, 0
    sltu a4, s2, a3         /* instret grew over 2000 instructions */
    CHECK 16, a4, 1
TEST_END "zicsr ok"
