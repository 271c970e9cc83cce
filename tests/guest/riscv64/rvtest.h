/* tests/guest/riscv64/rvtest.h: the pass/fail protocol of the riscv64
 * assembly tests: raw Linux syscalls, no libc. CHECK compares a register
 * with a constant; a mismatch prints "FAIL" and exits with the number of
 * the failing check. s11 and t6 belong to the protocol. Linker relaxation
 * is off: nothing sets gp, so no access may become gp-relative. */
#define SYS_write 64
#define SYS_exit 93

/* Starts the program. */
.macro TEST_BEGIN
    .option norelax
    .text
    .globl _start
_start:
.endm

/* Check number n: register reg must equal val. */
.macro CHECK n, reg, val
    li s11, \n
    li t6, \val
    bne \reg, t6, rvtest_fail
.endm

/* Writes the len bytes at label to stdout. */
.macro PRINT label, len
    li a0, 1
    lla a1, \label
    li a2, \len
    li a7, SYS_write
    ecall
.endm

/* Exits with status n. */
.macro EXIT n
    li a0, \n
    li a7, SYS_exit
    ecall
.endm

/* Check number n: fflags must equal val (t1 holds them); then clears
 * them. */
.macro FLAGS n, val
    frflags t1
    CHECK \n, t1, \val
    fsflags x0
.endm

/* Prints the NUL-free string msg and a newline, then exits 0; also
 * defines the failure path. */
.macro TEST_END msg
    li a0, 1
    lla a1, rvtest_msg
    lla a2, rvtest_msg_end
    sub a2, a2, a1
    li a7, SYS_write
    ecall
    li a0, 0
    li a7, SYS_exit
    ecall
rvtest_fail:
    li a0, 1
    lla a1, rvtest_fail_msg
    li a2, 5
    li a7, SYS_write
    ecall
    mv a0, s11
    li a7, SYS_exit
    ecall
    .section .rodata
rvtest_msg:
    .ascii "\msg\n"
rvtest_msg_end:
rvtest_fail_msg:
    .ascii "FAIL\n"
    .text
.endm
