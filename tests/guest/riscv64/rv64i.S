/* rv64i: the RV64I base instructions on edge values; expected values
 * worked out from the RISC-V unprivileged spec, chapters 2 and 4. */
#include "rvtest.h"
    .option norvc

TEST_BEGIN
    /* x0 is hard-wired to zero */
    li a0, 5
    add x0, a0, a0
    addi x0, x0, 7
    CHECK 1, x0, 0

    /* add/sub wrap around; immediates are sign-extended 12-bit */
    li a0, 0x7fffffffffffffff
    addi a1, a0, 1
    CHECK 2, a1, 0x8000000000000000
    sub a2, x0, a0
    CHECK 3, a2, 0x8000000000000001
    addi a3, x0, -2048
    CHECK 4, a3, -2048

    /* W forms: 32-bit results, sign-extended */
    li a0, 0x7fffffff
    addiw a1, a0, 1
    CHECK 5, a1, 0xffffffff80000000
    li a0, 0x00000001ffffffff
    addw a1, a0, x0
    CHECK 6, a1, -1
    subw a2, x0, a0
    CHECK 7, a2, 1
    li a0, 1
    slliw a1, a0, 31
    CHECK 8, a1, 0xffffffff80000000
    li a0, 0x80000000
    srliw a1, a0, 0
    CHECK 9, a1, 0xffffffff80000000
    srliw a1, a0, 31
    CHECK 10, a1, 1
    sraiw a1, a0, 31
    CHECK 11, a1, -1
    li a2, 63              /* sllw/srlw/sraw use 5 bits of rs2 */
    sllw a1, a0, a2
    CHECK 12, a1, 0
    li a0, 3
    sllw a1, a0, a2
    CHECK 13, a1, 0xffffffff80000000
    li a0, 0xffffffff
    srlw a1, a0, a2
    CHECK 14, a1, 1
    sraw a1, a0, a2
    CHECK 15, a1, -1

    /* 64-bit shifts use 6 bits */
    li a0, 1
    slli a1, a0, 63
    CHECK 16, a1, 0x8000000000000000
    srai a2, a1, 63
    CHECK 17, a2, -1
    srli a2, a1, 63
    CHECK 18, a2, 1
    li a3, 127
    sll a2, a0, a3
    CHECK 19, a2, 0x8000000000000000
    srl a2, a1, a3
    CHECK 20, a2, 1
    sra a2, a1, a3
    CHECK 21, a2, -1

    /* comparisons */
    li a0, -1
    li a1, 1
    slt a2, a0, a1
    CHECK 22, a2, 1
    sltu a2, a0, a1
    CHECK 23, a2, 0
    slti a2, a0, 0
    CHECK 24, a2, 1
    sltiu a2, a1, -1       /* 1 < 0xffff...ffff */
    CHECK 25, a2, 1
    sltiu a2, a0, -1
    CHECK 26, a2, 0
    seqz a2, x0
    CHECK 27, a2, 1
    snez a2, a0
    CHECK 28, a2, 1

    /* logic */
    li a0, 0xff00ff00ff00ff00
    xori a1, a0, -1
    CHECK 29, a1, 0x00ff00ff00ff00ff
    andi a1, a0, -256
    CHECK 30, a1, 0xff00ff00ff00ff00
    ori a1, a0, 0x0ff
    CHECK 31, a1, 0xff00ff00ff00ffff
    li a2, 0x0ff00ff00ff00ff0
    and a1, a0, a2
    CHECK 32, a1, 0x0f000f000f000f00
    or a1, a0, a2
    CHECK 33, a1, 0xfff0fff0fff0fff0
    xor a1, a0, a2
    CHECK 34, a1, 0xf0f0f0f0f0f0f0f0

    /* lui sign-extends; auipc adds its own address */
    lui a0, 0x80000
    CHECK 35, a0, 0xffffffff80000000
    lui a0, 0x7ffff
    CHECK 36, a0, 0x7ffff000
1:  auipc a0, 0
    lla a1, 1b
    sub a2, a0, a1
    CHECK 37, a2, 0
1:  auipc a0, 1
    lla a1, 1b
    sub a2, a0, a1
    CHECK 38, a2, 0x1000

    /* jal/jalr link pc + 4 and jalr clears the target's low bit */
    jal ra, 1f
2:  CHECK 39, x0, 1         /* skipped */
1:  lla a1, 2b
    sub a2, ra, a1
    CHECK 40, a2, 0
    lla a0, 4f
    addi a0, a0, 1
    jalr t0, 0(a0)
5:  CHECK 41, x0, 1         /* skipped */
4:  lla a1, 5b
    sub a2, t0, a1
    CHECK 41, a2, 0
    /* branches, both outcomes */
    li a0, -1
    li a1, 1
    li s0, 0
    blt a0, a1, 1f
    ori s0, s0, 1
1:  bltu a0, a1, 1f
    ori s0, s0, 2
1:  bge a1, a0, 1f
    ori s0, s0, 4
1:  bgeu a1, a0, 1f
    ori s0, s0, 8
1:  beq a0, a0, 1f
    ori s0, s0, 16
1:  bne a0, a0, 1f
    ori s0, s0, 32
1:  CHECK 42, s0, 2 + 8 + 32

    /* a backward loop */
    li a0, 10
    li a1, 0
1:  add a1, a1, a0
    addi a0, a0, -1
    bnez a0, 1b
    CHECK 43, a1, 55

    /* loads and stores of every size */
    lla s1, data
    ld a0, 0(s1)
    CHECK 44, a0, 0x8899aabbccddeeff
    lw a0, 0(s1)
    CHECK 45, a0, 0xffffffffccddeeff
    lwu a0, 0(s1)
    CHECK 46, a0, 0xccddeeff
    lh a0, 2(s1)
    CHECK 47, a0, 0xffffffffffffccdd
    lhu a0, 2(s1)
    CHECK 48, a0, 0xccdd
    lb a0, 7(s1)
    CHECK 49, a0, 0xffffffffffffff88
    lbu a0, 7(s1)
    CHECK 50, a0, 0x88
    lb a0, 8(s1)
    CHECK 51, a0, 0x7f
    li a0, 0x1122334455667788
    sd a0, 16(s1)
    sw a0, 24(s1)
    sh a0, 28(s1)
    sb a0, 30(s1)
    ld a1, 16(s1)
    CHECK 52, a1, 0x1122334455667788
    ld a1, 24(s1)
    CHECK 53, a1, 0x0088778855667788
    addi s2, s1, 32
    sd a0, -8(s2)
    ld a1, 24(s1)
    CHECK 54, a1, 0x1122334455667788
    ld a1, 1(s1)            /* misaligned: allowed in user mode */
    CHECK 55, a1, 0x7f8899aabbccddee

    fence
    fence rw, rw
    fence.tso
TEST_END "rv64i ok"

    .data
    .balign 8
data:
    .dword 0x8899aabbccddeeff
    .dword 0x000000000000007f
    .dword 0, 0
