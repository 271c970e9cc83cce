/* fault_state_overwritten: a load or store that faults sees every register
 * write of the instructions before it, also the ones that instructions
 * after it overwrite (exceptions are precise: RISC-V unprivileged spec,
 * "Exceptions, Traps and Interrupts"; Linux saves every register in the
 * signal frame's mcontext). A straight run of fourteen register writes,
 * an access, then fourteen more to the same registers runs six times (so
 * that ferry runs it translated, not only interpreted, and more values
 * live across the access than the host has registers), the last time with
 * an address in page 0, never mapped. The handler's registers, less the
 * base value x, are printed; then the same with double registers. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile uint64_t seen[32], seen_f[32];
static uint64_t buf[2];

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    (void)si;
    for (int i = 0; i < 32; i++) {
        seen[i] = uc->uc_mcontext.__gregs[i];
        seen_f[i] = uc->uc_mcontext.__fpregs.__d.__f[i];
    }
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

/* The same with double registers: ft0 = x, ft1..ft11 and fa0..fa1 = x
 * plus 1..13, then a load of x into ft0 that faults, then all zero. */
static void fp_stretch(uint64_t *p, uint64_t x)
{
    __asm__ volatile(
        "fcvt.d.l ft0, %[x]\n li t0, 1\n fcvt.d.l ft8, t0\n"
        "fadd.d ft1, ft0, ft8\n fadd.d ft2, ft1, ft8\n"
        "fadd.d ft3, ft2, ft8\n fadd.d ft4, ft3, ft8\n"
        "fadd.d ft5, ft4, ft8\n fadd.d ft6, ft5, ft8\n"
        "fadd.d ft7, ft6, ft8\n fadd.d ft9, ft7, ft8\n"
        "fadd.d ft10, ft9, ft8\n fadd.d ft11, ft10, ft8\n"
        "fadd.d fa0, ft11, ft8\n fadd.d fa1, fa0, ft8\n"
        "fadd.d fa2, fa1, ft8\n"
        "fld ft0, 0(%[p])\n"
        "fmv.d.x ft0, zero\n fmv.d.x ft1, zero\n fmv.d.x ft2, zero\n"
        "fmv.d.x ft3, zero\n fmv.d.x ft4, zero\n fmv.d.x ft5, zero\n"
        "fmv.d.x ft6, zero\n fmv.d.x ft7, zero\n fmv.d.x ft9, zero\n"
        "fmv.d.x ft10, zero\n fmv.d.x ft11, zero\n fmv.d.x fa0, zero\n"
        "fmv.d.x fa1, zero\n fmv.d.x fa2, zero\n"
        :
        : [p] "r"(p), [x] "r"(x)
        : "t0", "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
          "ft8", "ft9", "ft10", "ft11", "fa0", "fa1", "fa2", "memory");
}

/* The registers shown, by psABI name and number (t0 is x5). */
static const struct {
    const char *name;
    int reg;
} shown[] = {{"t0", 5},   {"t1", 6},   {"t2", 7},   {"t3", 28}, {"t4", 29},
             {"t5", 30},  {"t6", 31},  {"a2", 12},  {"a3", 13}, {"a4", 14},
             {"a5", 15},  {"a6", 16},  {"a7", 17},  {"s2", 18}};

static const struct {
    const char *name;
    int reg;
} shown_f[] = {{"ft0", 0},  {"ft1", 1},  {"ft2", 2},  {"ft3", 3},
               {"ft4", 4},  {"ft5", 5},  {"ft6", 6},  {"ft7", 7},
               {"ft9", 29}, {"ft10", 30}, {"ft11", 31}, {"fa0", 10},
               {"fa1", 11}, {"fa2", 12}};

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
        if (stretch == fp_stretch) {
            for (size_t k = 0; k < sizeof shown_f / sizeof shown_f[0]; k++) {
                double d;
                uint64_t bits = seen_f[shown_f[k].reg];

                memcpy(&d, &bits, sizeof d);
                printf(" %s=x%+g", shown_f[k].name, d - (double)x);
            }
        } else {
            for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++)
                printf(" %s=x%+lld", shown[k].name,
                       (long long)(seen[shown[k].reg] - x));
        }
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
    run("fp load", fp_stretch);
    return 0;
}
