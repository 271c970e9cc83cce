/* tests/cli/argv.S: prints each argv word, then each environment entry,
 * on its own line, then exits 0: the tests of binfmt_misc's P flag, -0,
 * -E and -U read it. No libc: riscv64 Linux ABI,
 * number in a7, arguments in a0-a2, ecall; at _start, sp holds argc and
 * argv follows it. */
    .equ SYS_write, 64
    .equ SYS_exit, 93

    .section .rodata
newline:
    .ascii "\n"

    .text
    .globl _start
_start:
    addi s1, sp, 8          /* argv, then after its NULL envp */
    li s2, 0                /* 1 once in envp */
1:
    ld a1, 0(s1)
    bnez a1, 5f
    bnez s2, 3f             /* envp's NULL: done */
    li s2, 1
    addi s1, s1, 8
    j 1b
5:
    mv a2, zero
2:                          /* a2 = strlen(a1) */
    add t0, a1, a2
    lbu t1, 0(t0)
    beqz t1, 4f
    addi a2, a2, 1
    j 2b
4:
    li a0, 1
    li a7, SYS_write
    ecall
    li a0, 1
    lla a1, newline
    li a2, 1
    li a7, SYS_write
    ecall
    addi s1, s1, 8
    j 1b
3:
    li a0, 0
    li a7, SYS_exit
    ecall
