/* rv64c: every RV64C integer instruction, written with its c. name so the
 * assembler keeps it compressed; results from the RISC-V unprivileged
 * spec's "C" chapter (each form equals its 32-bit expansion). */
#include "rvtest.h"

TEST_BEGIN
    .option rvc
    mv s1, sp               /* keep the stack pointer */
    lla sp, area

    c.li a0, -32
    CHECK 1, a0, -32
    c.li a0, 31
    c.addi a0, -1
    CHECK 2, a0, 30
    c.lui a1, 0xfffe0       /* nzimm sign-extended: -0x20000 */
    CHECK 3, a1, 0xfffffffffffe0000
    c.lui a1, 0x1f
    CHECK 4, a1, 0x1f000
    c.addi16sp sp, -512
    c.addi16sp sp, 496
    lla a2, area
    sub a2, sp, a2
    CHECK 5, a2, -16
    c.addi4spn a3, sp, 1020
    sub a3, a3, sp
    CHECK 6, a3, 1020
    c.addi16sp sp, 16

    /* shifts and logic on x8-x15 */
    c.li a4, -1
    c.srli a4, 63
    CHECK 7, a4, 1
    c.li a4, -1
    c.srai a4, 1
    CHECK 8, a4, -1
    c.slli a4, 63
    CHECK 9, a4, 0x8000000000000000
    c.li a4, 0x1f
    c.andi a4, -2
    CHECK 10, a4, 0x1e
    c.li a5, 0x0f
    c.mv a0, a4
    c.sub a0, a5            /* 0x1e - 0x0f */
    CHECK 11, a0, 0x0f
    c.mv a0, a4
    c.xor a0, a5
    CHECK 12, a0, 0x11
    c.mv a0, a4
    c.or a0, a5
    CHECK 13, a0, 0x1f
    c.mv a0, a4
    c.and a0, a5
    CHECK 14, a0, 0x0e
    c.add a0, a5
    CHECK 15, a0, 0x1d

    /* word forms sign-extend */
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK 16, a0, 0xffffffff80000000
    li a0, 0x17fffffff
    c.addiw a0, 0           /* sext.w */
    CHECK 17, a0, 0x7fffffff
    li a1, 1
    c.addw a0, a1
    CHECK 18, a0, 0xffffffff80000000
    c.subw a0, a1
    CHECK 19, a0, 0x7fffffff

    /* loads and stores, sp-relative and register-relative */
    li a0, 0x8899aabbccddeeff
    c.sdsp a0, 504(sp)
    c.ldsp a1, 504(sp)
    CHECK 20, a1, 0x8899aabbccddeeff
    c.swsp a0, 252(sp)
    c.lwsp a1, 252(sp)
    CHECK 21, a1, 0xffffffffccddeeff
    lwu a1, 252(sp)
    CHECK 22, a1, 0xccddeeff
    mv s0, sp
    c.sd a0, 248(s0)
    c.ld a2, 248(s0)
    CHECK 23, a2, 0x8899aabbccddeeff
    c.sw a0, 124(s0)
    c.lw a2, 124(s0)
    CHECK 24, a2, 0xffffffffccddeeff

    /* jumps and branches */
    c.li a0, 0
    c.j 1f
    c.li a0, 1
1:  CHECK 25, a0, 0
    c.li a1, 0
    c.beqz a1, 1f
    c.li a0, 2
1:  c.bnez a1, 1f
    c.li a0, 3
1:  CHECK 26, a0, 3
    lla t0, 2f
    c.jalr t0               /* ra = address of the next c.nop */
3:  c.nop
2:  lla t1, 3b
    sub t1, ra, t1
    CHECK 27, t1, 0
    lla t0, 4f
    c.jr t0
    c.li a0, 9
4:  CHECK 28, a0, 3

    mv sp, s1
TEST_END "rv64c ok"

    .bss
    .balign 16
    .skip 1024
area:
    .skip 1024
