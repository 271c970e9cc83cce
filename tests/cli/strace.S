/* tests/cli/strace.S: a fixed sequence of syscalls for the -strace test:
 * a failing openat, a write with characters strace escapes and more than
 * 32 bytes, a write from a NULL buffer (EFAULT), exit_group(3). riscv64
 * Linux ABI: number in a7, arguments in a0-a3, ecall. */
    .equ SYS_openat, 56
    .equ SYS_write, 64
    .equ SYS_exit_group, 94
    .equ AT_FDCWD, -100
    .equ O_CLOEXEC, 02000000

    .section .rodata
path:
    .asciz "/nonexistent/file"
msg:
    .ascii "tab\there \"quoted\" \\ and more than thirty-two bytes\n"
    .equ msg_len, . - msg

    .text
    .globl _start
_start:
    li a0, AT_FDCWD
    lla a1, path
    li a2, O_CLOEXEC
    li a3, 0
    li a7, SYS_openat
    ecall
    li a0, 1
    lla a1, msg
    li a2, msg_len
    li a7, SYS_write
    ecall
    li a0, 1
    li a1, 0
    li a2, 5
    li a7, SYS_write
    ecall
    li a0, 3
    li a7, SYS_exit_group
    ecall
