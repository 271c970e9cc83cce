/* smc_rwx: self-modifying code: writes a function into a writable and
 * executable mapping, runs it, rewrites its immediate in place and runs
 * it again (fence.i between, as RISC-V requires), 100 times in a loop as
 * a JIT compiler would, then runs code that rewrites an instruction of
 * its own block before reaching it. */
#include "rvtest.h"

#define SYS_mmap 222
#define ADDI_A0(imm) ((((imm) & 0xfff) << 20) | 0x513) /* addi a0,zero,imm */
#define RET 0x00008067

TEST_BEGIN
    .option norvc
    li a0, 0
    li a1, 4096
    li a2, 7          /* PROT_READ | PROT_WRITE | PROT_EXEC */
    li a3, 0x22       /* MAP_PRIVATE | MAP_ANONYMOUS */
    li a4, -1
    li a5, 0
    li a7, SYS_mmap
    ecall
    li s11, 1
    bltz a0, rvtest_fail
    mv s0, a0

    /* li a0, 42; ret */
    li t0, ADDI_A0(42)
    sw t0, 0(s0)
    li t0, RET
    sw t0, 4(s0)
    fence.i
    jalr s0
    CHECK 2, a0, 42

    /* the immediate rewritten in place */
    li t0, ADDI_A0(-7)
    sw t0, 0(s0)
    fence.i
    jalr s0
    CHECK 3, a0, -7

    /* sum of i for i < 100, each from freshly written code */
    li s1, 0
    li s2, 0
    li s3, 100
1:  slli t0, s1, 20
    ori t0, t0, 0x513
    sw t0, 0(s0)
    fence.i
    jalr s0
    add s2, s2, a0
    addi s1, s1, 1
    blt s1, s3, 1b
    CHECK 4, s2, 4950

    /* a second function on the page, after the first one ran */
    li t0, ADDI_A0(1000)
    sw t0, 32(s0)
    li t0, RET
    sw t0, 36(s0)
    fence.i
    addi t1, s0, 32
    jalr t1
    CHECK 5, a0, 1000
    jalr s0
    CHECK 6, a0, 99

    /* copy self_patch to s0 + 64 and run it: it stores a1 over its own
     * "li a0, 1" and runs the stored instruction instead */
    lla t0, self_patch
    lla t1, self_patch_end
    addi t2, s0, 64
2:  lw t3, 0(t0)
    sw t3, 0(t2)
    addi t0, t0, 4
    addi t2, t2, 4
    bltu t0, t1, 2b
    fence.i
    addi a0, s0, 64
    li a1, ADDI_A0(77)
    jalr a0
    CHECK 7, a0, 77
    /* and again, with another value over the patched instruction */
    addi a0, s0, 64
    li a1, ADDI_A0(78)
    jalr a0
    CHECK 8, a0, 78
TEST_END "smc ok"

/* Runs at a0: stores a1 at a0 + 12 (the "li a0, 1"), fence.i, runs it. */
self_patch:
    sw a1, 12(a0)
    fence.i
    nop
    addi a0, zero, 1
    ret
self_patch_end:
