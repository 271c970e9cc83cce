/* fault_state_overwritten: a load or store that faults sees every register
 * write of the instructions before it, also the ones that instructions
 * after it overwrite (exceptions are precise: RISC-V unprivileged spec,
 * "Exceptions, Traps and Interrupts"; Linux saves every register in the
 * signal frame's mcontext). A straight run of fourteen register writes,
 * an access, then fourteen more to the same registers runs six times (so
 * that ferry runs it translated, not only interpreted, and more values
 * live across the access than the host has registers), the last time with
 * an address in page 0, never mapped. The handler's registers, less the
 * base value x, are printed. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile uint64_t seen[32];
static uint64_t buf[2];

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)si;
    for (int i = 0; i < 32; i++)
        seen[i] = uc->uc_mcontext.__gregs[i];
    siglongjmp(env, sig);
}

#define BEFORE                                                            \
    "li t0, 11\n add t1, %[x], %[x]\n addi t2, %[x], 3\n"                 \
    "addi t3, %[x], 4\n addi t4, %[x], 5\n addi t5, %[x], 6\n"            \
    "addi t6, %[x], 7\n addi a2, %[x], 8\n addi a3, %[x], 9\n"            \
    "addi a4, %[x], 10\n addi a5, %[x], 11\n addi a6, %[x], 12\n"         \
    "addi a7, %[x], 13\n mv s2, %[x]\n"
#define AFTER                                                             \
    "li t0, 0\n li t1, 0\n li t2, 0\n li t3, 0\n li t4, 0\n li t5, 0\n"   \
    "li t6, 0\n li a2, 0\n li a3, 0\n li a4, 0\n li a5, 0\n li a6, 0\n"   \
    "li a7, 0\n li s2, 0\n"
#define CLOBBERS                                                          \
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a2", "a3", "a4", "a5",     \
        "a6", "a7", "s2", "memory"

static void store_stretch(uint64_t *p, uint64_t x)
{
    __asm__ volatile(BEFORE "sd %[x], 0(%[p])\n" AFTER
                     :
                     : [p] "r"(p), [x] "r"(x)
                     : CLOBBERS);
}

static void load_stretch(uint64_t *p, uint64_t x)
{
    __asm__ volatile(BEFORE "ld t0, 0(%[p])\n" AFTER
                     :
                     : [p] "r"(p), [x] "r"(x)
                     : CLOBBERS);
}

/* The registers shown, by psABI name and number (t0 is x5). */
static const struct {
    const char *name;
    int reg;
} shown[] = {{"t0", 5},   {"t1", 6},   {"t2", 7},   {"t3", 28}, {"t4", 29},
             {"t5", 30},  {"t6", 31},  {"a2", 12},  {"a3", 13}, {"a4", 14},
             {"a5", 15},  {"a6", 16},  {"a7", 17},  {"s2", 18}};

static void run(const char *what, void (*stretch)(uint64_t *, uint64_t))
{
    const uint64_t x = 1000;

    for (int i = 0; i < 6; i++) {
        uint64_t *p = i < 5 ? buf : (uint64_t *)(uintptr_t)16;

        if (sigsetjmp(env, 1) == 0) {
            stretch(p, x);
            continue;
        }
        printf("%s faulted in round %d:", what, i);
        for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
            printf(" %s=x%+lld", shown[k].name,
                   (long long)(seen[shown[k].reg] - x));
        printf("\n");
    }
}

int main(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run("store", store_stretch);
    run("load", load_stretch);
    return 0;
}
