/* write_exit: raw Linux syscalls, no libc: write(1, msg, len) and exit(7).
 * aarch64 Linux ABI: number in x8, arguments in x0-x2, svc #0. */
    .equ SYS_write, 64
    .equ SYS_exit, 93

    .text
    .globl _start
_start:
    mov x0, #1
    adr x1, msg
    mov x2, #(msg_end - msg)
    mov x8, #SYS_write
    svc #0
    mov x0, #7
    mov x8, #SYS_exit
    svc #0

msg:
    .ascii "aarch64 write and exit\n"
msg_end:
