/* rv64m: the M extension on edge values (RISC-V unprivileged spec,
 * chapter 7, table 7.1 for division by zero and overflow). */
#include "rvtest.h"

TEST_BEGIN
    li s0, -1
    li s1, 0x8000000000000000
    li s2, 0x7fffffffffffffff

    /* multiplication */
    li a0, 0x100000000
    mul a1, a0, a0
    CHECK 1, a1, 0
    mulhu a1, a0, a0
    CHECK 2, a1, 1
    mulh a1, s0, s0
    CHECK 3, a1, 0
    mulhu a1, s0, s0
    CHECK 4, a1, 0xfffffffffffffffe
    mulhsu a1, s0, s0       /* -1 * (2^64 - 1) */
    CHECK 5, a1, -1
    mulh a1, s1, s1         /* 2^126 */
    CHECK 6, a1, 0x4000000000000000
    li a0, -2
    li a2, 3
    mulh a1, a0, a2
    CHECK 7, a1, -1
    mul a1, a0, a2
    CHECK 8, a1, -6
    li a0, 0x8000
    li a2, 0x10000
    mulw a1, a0, a2
    CHECK 9, a1, 0xffffffff80000000

    /* division by zero */
    li a0, 7
    div a1, a0, x0
    CHECK 10, a1, -1
    divu a1, a0, x0
    CHECK 11, a1, -1
    rem a1, a0, x0
    CHECK 12, a1, 7
    remu a1, s0, x0
    CHECK 13, a1, -1
    divw a1, a0, x0
    CHECK 14, a1, -1
    divuw a1, a0, x0
    CHECK 15, a1, -1
    li a0, 0x180000000
    remw a1, a0, x0
    CHECK 16, a1, 0xffffffff80000000
    li a0, 0x1fffffffe
    remuw a1, a0, x0
    CHECK 17, a1, 0xfffffffffffffffe

    /* overflow */
    div a1, s1, s0
    CHECK 18, a1, 0x8000000000000000
    rem a1, s1, s0
    CHECK 19, a1, 0
    li a0, 0x80000000
    divw a1, a0, s0
    CHECK 20, a1, 0xffffffff80000000
    remw a1, a0, s0
    CHECK 21, a1, 0

    /* rounding toward zero, remainder takes the dividend's sign */
    li a0, -7
    li a2, 2
    div a1, a0, a2
    CHECK 22, a1, -3
    rem a1, a0, a2
    CHECK 23, a1, -1
    divu a1, s0, a2
    CHECK 24, a1, 0x7fffffffffffffff
    li a2, 10
    remu a1, s0, a2
    CHECK 25, a1, 5
    li a0, 0x100000010
    li a2, 0x100000002
    divw a1, a0, a2
    CHECK 26, a1, 8
    li a0, 0xfffffffe
    li a2, 1
    divuw a1, a0, a2
    CHECK 27, a1, 0xfffffffffffffffe
    li a0, -7
    li a2, 2
    remw a1, a0, a2
    CHECK 28, a1, -1
    divw a1, a0, a2
    CHECK 29, a1, -3
TEST_END "rv64m ok"
