/* zb_zicond: Zba, Zbb, Zbs and Zicond (enabled by -cpu max, see
 * zb_zicond.cpu) on chosen values; expected results worked out from the
 * definitions in the RISC-V bit-manipulation spec (v1.0.0) and the Zicond
 * spec (czero.eqz/nez, written with .insn: binutils 2.40 lacks them). */
#include "rvtest.h"

    .option arch, +zba, +zbb, +zbs
TEST_BEGIN
    li s0, 0x8123456789abcdef
    li s1, 0xfffffff0
    li s2, 5
    li s3, -7
    sh1add a0, s0, s2
    CHECK 1, a0, 0x2468acf13579be3
    sh2add a0, s0, s2
    CHECK 2, a0, 0x48d159e26af37c1
    sh3add a0, s0, s2
    CHECK 3, a0, 0x91a2b3c4d5e6f7d
    add.uw a0, s0, s2
    CHECK 4, a0, 0x89abcdf4
    sh1add.uw a0, s0, s2
    CHECK 5, a0, 0x113579be3
    sh2add.uw a0, s0, s2
    CHECK 6, a0, 0x226af37c1
    sh3add.uw a0, s0, s2
    CHECK 7, a0, 0x44d5e6f7d
    slli.uw a0, s0, 4
    CHECK 8, a0, 0x89abcdef0
    andn a0, s0, s1
    CHECK 9, a0, 0x812345670000000f
    orn a0, s0, s1
    CHECK 10, a0, 0xffffffff89abcdef
    xnor a0, s0, s1
    CHECK 11, a0, 0x7edcba9889abcde0
    clz a0, s1
    CHECK 12, a0, 0x20
    clz a0, zero
    CHECK 13, a0, 0x40
    clzw a0, s1
    CHECK 14, a0, 0x0
    clzw a0, zero
    CHECK 15, a0, 0x20
    ctz a0, s1
    CHECK 16, a0, 0x4
    ctz a0, zero
    CHECK 17, a0, 0x40
    ctzw a0, s0
    CHECK 18, a0, 0x0
    ctzw a0, zero
    CHECK 19, a0, 0x20
    cpop a0, s0
    CHECK 20, a0, 0x21
    cpopw a0, s0
    CHECK 21, a0, 0x14
    max a0, s0, s3
    CHECK 22, a0, 0xfffffffffffffff9
    maxu a0, s0, s3
    CHECK 23, a0, 0xfffffffffffffff9
    min a0, s0, s3
    CHECK 24, a0, 0x8123456789abcdef
    minu a0, s0, s3
    CHECK 25, a0, 0x8123456789abcdef
    sext.b a0, s0
    CHECK 26, a0, 0xffffffffffffffef
    sext.h a0, s0
    CHECK 27, a0, 0xffffffffffffcdef
    zext.h a0, s0
    CHECK 28, a0, 0xcdef
    rol a0, s0, s2
    CHECK 29, a0, 0x2468acf13579bdf0
    ror a0, s0, s2
    CHECK 30, a0, 0x7c091a2b3c4d5e6f
    rori a0, s0, 63
    CHECK 31, a0, 0x2468acf13579bdf
    rolw a0, s0, s2
    CHECK 32, a0, 0x3579bdf1
    rorw a0, s0, s2
    CHECK 33, a0, 0x7c4d5e6f
    roriw a0, s0, 31
    CHECK 34, a0, 0x13579bdf
    orc.b a0, s1
    CHECK 35, a0, 0xffffffff
    rev8 a0, s0
    CHECK 36, a0, 0xefcdab8967452381
    bclr a0, s0, s2
    CHECK 37, a0, 0x8123456789abcdcf
    bclri a0, s0, 63
    CHECK 38, a0, 0x123456789abcdef
    bext a0, s0, s2
    CHECK 39, a0, 0x1
    bexti a0, s0, 63
    CHECK 40, a0, 0x1
    binv a0, s0, s2
    CHECK 41, a0, 0x8123456789abcdcf
    binvi a0, s0, 0
    CHECK 42, a0, 0x8123456789abcdee
    bset a0, s1, s2
    CHECK 43, a0, 0xfffffff0
    bseti a0, s1, 40
    CHECK 44, a0, 0x100fffffff0
    .insn r OP, 5, 7, a0, s0, zero
    CHECK 45, a0, 0x0
    .insn r OP, 5, 7, a0, s0, s2
    CHECK 46, a0, 0x8123456789abcdef
    .insn r OP, 7, 7, a0, s0, zero
    CHECK 47, a0, 0x8123456789abcdef
    .insn r OP, 7, 7, a0, s0, s2
    CHECK 48, a0, 0x0
TEST_END "zb zicond ok"
