/* write_exit: raw Linux syscalls, no libc: write(1, msg, len) and exit(7).
 * riscv64 Linux ABI: number in a7, arguments in a0-a2, ecall. */
    .equ SYS_write, 64
    .equ SYS_exit, 93

    .section .rodata
msg:
    .ascii "riscv64 write and exit\n"
    .equ msg_len, . - msg

    .text
    .globl _start
_start:
    li a0, 1
    lla a1, msg
    li a2, msg_len
    li a7, SYS_write
    ecall
    li a0, 7
    li a7, SYS_exit
    ecall
