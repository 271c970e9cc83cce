/* sig_segv: bad data accesses reach a SIGSEGV handler with si_addr and
 * si_code (SEGV_MAPERR unmapped, SEGV_ACCERR read-only), which leaves
 * with siglongjmp; the program then goes on normally.
 * Architecture-neutral: sig_segv.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile uintptr_t addr;
static volatile int code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    addr = (uintptr_t)si->si_addr;
    code = si->si_code;
    siglongjmp(env, sig);
}

int main(void)
{
    struct sigaction sa;
    char *page;
    int sig;
    volatile uintptr_t bad = 64; /* hidden from the compiler's checks */

    setvbuf(stdout, NULL, _IONBF, 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if ((sig = sigsetjmp(env, 1)) == 0)
        *(volatile int *)bad = 1;
    printf("unmapped write: sig %d addr 64 %d MAPERR %d\n", sig, addr == 64,
           code == SEGV_MAPERR);
    page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((sig = sigsetjmp(env, 1)) == 0)
        page[100] = 1;
    printf("read-only write: sig %d addr %d ACCERR %d\n", sig,
           addr == (uintptr_t)page + 100, code == SEGV_ACCERR);
    printf("read still works: %d\n", page[100]);
    return 0;
}
