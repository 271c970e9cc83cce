/* tests/cli/strace_segv.S: for the -strace test of a guest killed by a
 * signal (expected lines: strace_segv.expected, from real strace on
 * strace_native.c): getpid, then a store to address 0x10, which nothing
 * maps: SIGSEGV with SEGV_MAPERR, no handler, so the program dies of it. */
    .equ SYS_getpid, 172

    .text
    .globl _start
_start:
    li a7, SYS_getpid
    ecall
    li t0, 1
    sw t0, 0x10(zero)
    j _start
