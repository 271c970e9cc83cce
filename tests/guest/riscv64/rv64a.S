/* rv64a: the A extension: LR/SC pairs, SC failure without a reservation,
 * and every AMO in both widths (RISC-V unprivileged spec, chapter 8). */
#include "rvtest.h"

TEST_BEGIN
    lla s0, word

    /* an LR/SC increment loop */
    li a2, 41
    sd a2, 0(s0)
1:  lr.d a0, (s0)
    addi a0, a0, 1
    sc.d a1, a0, (s0)
    bnez a1, 1b
    ld a0, 0(s0)
    CHECK 1, a0, 42

    /* sc without a preceding lr fails and stores nothing */
    li a2, 5
    sc.d a1, a2, (s0)
    CHECK 2, a1, 1
    ld a0, 0(s0)
    CHECK 3, a0, 42

    /* a second sc after a successful one fails */
    lr.d a0, (s0)
    sc.d a1, a2, (s0)
    CHECK 4, a1, 0
    li a3, 6
    sc.d a1, a3, (s0)
    CHECK 5, a1, 1
    ld a0, 0(s0)
    CHECK 6, a0, 5

    /* lr.w sign-extends, sc.w stores 32 bits */
    li a0, 0x1111111180000000
    sd a0, 0(s0)
    lr.w.aq a0, (s0)
    CHECK 7, a0, 0xffffffff80000000
    li a2, 0x12345678
    sc.w.rl a1, a2, (s0)
    CHECK 8, a1, 0
    ld a0, 0(s0)
    CHECK 9, a0, 0x1111111112345678

    /* AMOs return the old value */
    li a0, 10
    sd a0, 0(s0)
    li a2, 3
    amoadd.d a1, a2, (s0)
    CHECK 10, a1, 10
    amoswap.d.aqrl a1, a2, (s0)
    CHECK 11, a1, 13
    li a2, 0xff
    amoor.d a1, a2, (s0)
    amoand.d.aq a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 12, a0, 0xff
    li a2, 0x0f
    amoxor.d.rl a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 13, a0, 0xf0
    li a2, -1
    amomin.d a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 14, a0, -1
    li a2, 1
    amomax.d a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 15, a0, 1
    li a2, -1
    amominu.d a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 16, a0, 1
    amomaxu.d a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 17, a0, -1

    /* word AMOs: signed compares on 32 bits, results sign-extended */
    li a0, 0x7fffffff
    sd a0, 0(s0)
    li a2, 0x80000000
    amomin.w a1, a2, (s0)
    CHECK 18, a1, 0x7fffffff
    ld a0, 0(s0)
    CHECK 19, a0, 0x80000000
    amomaxu.w a1, x0, (s0)
    CHECK 20, a1, 0xffffffff80000000
    li a2, 0x7fffffff
    amomax.w a1, a2, (s0)
    lwu a0, 0(s0)
    CHECK 21, a0, 0x7fffffff
    li a2, 0x80000000
    amominu.w a1, a2, (s0)
    lwu a0, 0(s0)
    CHECK 22, a0, 0x7fffffff
    li a2, 1
    amoadd.w a1, a2, (s0)
    lw a0, 0(s0)
    CHECK 23, a0, 0xffffffff80000000
    amoswap.w a1, x0, (s0)
    CHECK 24, a1, 0xffffffff80000000
    li a2, 0xf
    amoor.w a1, a2, (s0)
    amoxor.w a1, a2, (s0)
    amoand.w a1, a2, (s0)
    ld a0, 0(s0)
    CHECK 25, a0, 0
TEST_END "rv64a ok"

    .data
    .balign 8
word:
    .dword 0
