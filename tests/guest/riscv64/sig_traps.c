/* sig_traps: synchronous signals from riscv64 instructions reach the
 * program's handlers: an illegal instruction (SIGILL, ILL_ILLOPC, si_addr
 * = its pc) left with siglongjmp; ebreak (SIGTRAP, TRAP_BRKPT) skipped by
 * a handler that moves the saved pc (uc_mcontext.__gregs[0]) past it; a
 * jump to non-executable memory (SIGSEGV, si_addr = the target). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile uintptr_t fault_addr;
static volatile int fault_code, traps;

extern const char ill_insn[], brk_insn[];

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, sig);
}

/* ebreak is 4 bytes (no C.EBREAK here: the assembler is told). */
static void on_trap(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)sig;
    traps++;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    uc->uc_mcontext.__gregs[0] += 4;
}

static void set(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    int sig;
    void *page;

    setvbuf(stdout, NULL, _IONBF, 0);
    set(SIGILL, on_fault);
    if ((sig = sigsetjmp(env, 1)) == 0)
        __asm__ volatile(".option push\n.option norvc\n"
                         ".globl ill_insn\nill_insn: .word 0\n"
                         ".option pop");
    printf("SIGILL: sig %d ILL_ILLOPC %d at the insn %d\n", sig,
           fault_code == ILL_ILLOPC, fault_addr == (uintptr_t)ill_insn);
    set(SIGTRAP, on_trap);
    __asm__ volatile(".option push\n.option norvc\n"
                     ".globl brk_insn\nbrk_insn: ebreak\n"
                     ".option pop");
    printf("SIGTRAP: %d TRAP_BRKPT %d at the insn %d, skipped\n", traps,
           fault_code == TRAP_BRKPT, fault_addr == (uintptr_t)brk_insn);
    set(SIGSEGV, on_fault);
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((sig = sigsetjmp(env, 1)) == 0)
        ((void (*)(void))page)();
    printf("SIGSEGV: sig %d SEGV_ACCERR %d at the target %d\n", sig,
           fault_code == SEGV_ACCERR, fault_addr == (uintptr_t)page);
    munmap(page, 4096);
    if ((sig = sigsetjmp(env, 1)) == 0)
        ((void (*)(void))page)();
    printf("unmapped: sig %d SEGV_MAPERR %d\n", sig,
           fault_code == SEGV_MAPERR);
    return 0;
}
