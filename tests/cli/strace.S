/* tests/cli/strace.S: a fixed sequence of syscalls for the -strace test
 * (expected lines: strace.expected, from real strace on the same calls
 * made natively by strace_native.c; see strace-expected.sh): openat
 * without and with O_CREAT (the mode shows only then), a write with
 * characters strace escapes and more than 32 bytes, a write from a NULL
 * buffer (EFAULT), flag arguments (faccessat, mmap, mprotect, lseek), a
 * handled SIGUSR1 sent with kill, rt_sigreturn, exit_group(3). riscv64
 * Linux ABI: number in a7, arguments in a0-a5, ecall. */
    /* no gp-relative relaxation: _start leaves gp unset */
    .option norelax
    .equ SYS_faccessat, 48
    .equ SYS_openat, 56
    .equ SYS_lseek, 62
    .equ SYS_write, 64
    .equ SYS_exit_group, 94
    .equ SYS_kill, 129
    .equ SYS_rt_sigaction, 134
    .equ SYS_rt_sigprocmask, 135
    .equ SYS_rt_sigreturn, 139
    .equ SYS_getpid, 172
    .equ SYS_mmap, 222
    .equ SYS_mprotect, 226
    .equ AT_FDCWD, -100
    .equ O_WRONLY, 01
    .equ O_CREAT, 0100
    .equ O_TRUNC, 01000
    .equ O_CLOEXEC, 02000000
    .equ SIGUSR1, 10
    .equ SIGUSR2, 12
    .equ SA_RESTART, 0x10000000

    .section .rodata
path:
    .asciz "/nonexistent/file"
msg:
    .ascii "tab\there \"quoted\" \\ and more than thirty-two bytes\n"
    .equ msg_len, . - msg
handled:
    .ascii "handled\n"

    .data
    .balign 8
/* struct sigaction (asm-generic, no sa_restorer): handler, flags, mask */
act:
    .dword on_usr1
    .dword SA_RESTART
    .dword 1 << (SIGUSR2 - 1)
usr2_set:
    .dword 1 << (SIGUSR2 - 1)
old_set:
    .dword -1

    .text
    .globl _start
_start:
    li a0, AT_FDCWD
    lla a1, path
    li a2, O_CLOEXEC
    li a3, 0
    li a7, SYS_openat
    ecall
    li a0, AT_FDCWD
    lla a1, path
    li a2, O_WRONLY | O_CREAT | O_TRUNC
    li a3, 0644
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
    li a0, AT_FDCWD
    lla a1, path
    li a2, 6                /* R_OK | W_OK */
    li a7, SYS_faccessat
    ecall
    li a0, 0
    li a1, 4096
    li a2, 1                /* PROT_READ */
    li a3, 1                /* MAP_SHARED */
    li a4, 99
    li a5, 0
    li a7, SYS_mmap
    ecall
    li a0, 0x1001
    li a1, 4096
    li a2, 5                /* PROT_READ | PROT_EXEC */
    li a7, SYS_mprotect
    ecall
    li a0, 99
    li a1, 10
    li a2, 2                /* SEEK_END */
    li a7, SYS_lseek
    ecall
    li a7, SYS_getpid
    ecall
    mv s0, a0
    li a0, SIGUSR1
    lla a1, act
    li a2, 0
    li a3, 8
    li a7, SYS_rt_sigaction
    ecall
    li a0, 0                /* SIG_BLOCK */
    lla a1, usr2_set
    lla a2, old_set
    li a3, 8
    li a7, SYS_rt_sigprocmask
    ecall
    mv a0, s0
    li a1, SIGUSR1
    li a7, SYS_kill
    ecall
    li a0, 3
    li a7, SYS_exit_group
    ecall

/* The handler returns through the sigreturn code ferry maps (riscv64 has
 * no sa_restorer): a ret, as a C handler would. */
on_usr1:
    li a0, 1
    lla a1, handled
    li a2, 8
    li a7, SYS_write
    ecall
    ret
