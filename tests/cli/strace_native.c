/* tests/cli/strace_native.c: the calls of strace.S (and, with an
 * argument, strace_segv.S) made natively on x86-64, so that real strace(1)
 * can say what -strace must print for them: tests/cli/strace-expected.sh
 * builds this, runs it under strace and writes strace.expected and
 * strace_segv.expected. Not built by make: raw syscalls, no libc, so the
 * trace holds these calls only. */
#include <stdint.h>
#include <sys/syscall.h>

static long sc(long n, long a, long b, long c, long d, long e, long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long r;

    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

/* x86-64 needs sa_restorer (rt_sigreturn); riscv64 has none, which is
 * the one difference strace-expected.sh takes out of the trace. */
void restorer(void);
__asm__(".text\nrestorer:\n\tmov $15, %eax\n\tsyscall\n");

static void on_usr1(int sig)
{
    (void)sig;
    sc(SYS_write, 1, (long)"handled\n", 8, 0, 0, 0);
}

static const char path[] = "/nonexistent/file";
static const char msg[] =
    "tab\there \"quoted\" \\ and more than thirty-two bytes\n";

static void strace_calls(void)
{
    uint64_t act[4] = {(uint64_t)on_usr1, 0x10000000 | 0x04000000,
                       (uint64_t)restorer, 1 << (12 - 1)};
    uint64_t usr2 = 1 << (12 - 1), old = -1;
    long pid;

    sc(SYS_openat, -100, (long)path, 02000000, 0, 0, 0);
    sc(SYS_openat, -100, (long)path, 01 | 0100 | 01000, 0644, 0, 0);
    sc(SYS_write, 1, (long)msg, sizeof msg - 1, 0, 0, 0);
    sc(SYS_write, 1, 0, 5, 0, 0, 0);
    sc(SYS_faccessat, -100, (long)path, 6, 0, 0, 0);
    sc(SYS_mmap, 0, 4096, 1, 1, 99, 0);
    sc(SYS_mprotect, 0x1001, 4096, 5, 0, 0, 0);
    sc(SYS_lseek, 99, 10, 2, 0, 0, 0);
    pid = sc(SYS_getpid, 0, 0, 0, 0, 0, 0);
    sc(SYS_rt_sigaction, 10, (long)act, 0, 8, 0, 0);
    sc(SYS_rt_sigprocmask, 0, (long)&usr2, (long)&old, 8, 0, 0);
    sc(SYS_kill, pid, 10, 0, 0, 0, 0);
    sc(SYS_exit_group, 3, 0, 0, 0, 0, 0);
}

static void segv_calls(void)
{
    sc(SYS_getpid, 0, 0, 0, 0, 0, 0);
    *(volatile int *)0x10 = 1;
}

/* argc at the stack pointer: a second word means an argument. */
void start_c(long *sp)
{
    if (sp[0] > 1)
        segv_calls();
    strace_calls();
}
__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n"
        "\tcall start_c\n");
