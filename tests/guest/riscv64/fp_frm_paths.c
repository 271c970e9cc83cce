/* fp_frm_paths: ops with a dynamic rounding mode (rm = 7, frm) in blocks
 * whose registers were written earlier in the same block (RISC-V unpriv.
 * spec 11.2): each of the five modes on ties and on a value 0.75 ulp
 * above 1; frm written between ops of one block, more times than ferry
 * gives a block paths for other modes; and an invalid frm (5, 6, 7),
 * which makes the op an illegal instruction (SIGILL at its pc, the
 * registers written before it in the block intact). Each block runs
 * several times, so that it is translated. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#define RUNS 6

/* in: 1.0, 2^-53 (half an ulp of 1), 1.5 * 2^-53, -1.0, -2^-53. */
static const double in[5] = {1.0, 0x1p-53, 0x1.8p-53, -1.0, -0x1p-53};
static uint64_t out[16];

/* With frm = mode (set by the caller's block): a static-RNE op and a
 * register copy first, so that the dynamic ops read registers the block
 * itself wrote; then 1 + half an ulp, -1 - half an ulp, 1 + 0.75 ulp
 * with frm, and a dynamic op on a result of the block. ft5 is stored
 * after the first dynamic op and then written over: a mode other than
 * RNE leaves the block at that op, and the store must still find the
 * first value. */
__attribute__((noinline)) static void dyn_block(void)
{
    __asm__ volatile(
        "fld ft0, 0(%0)\n"
        "fld ft1, 8(%0)\n"
        "fld ft2, 16(%0)\n"
        "fld ft3, 24(%0)\n"
        "fld ft4, 32(%0)\n"
        "fadd.d ft5, ft0, ft2, rne\n" /* 1 + ulp */
        "fmv.d ft6, ft5\n"
        "fadd.d ft7, ft0, ft1\n"
        "fsd ft5, 0(%1)\n"
        "fadd.d ft5, ft0, ft0, rne\n" /* 2.0, over the value stored */
        "fadd.d fa0, ft3, ft4\n"
        "fadd.d fa1, ft0, ft2\n"
        "fsub.d fa2, fa1, ft0\n" /* exact: 0 or 2^-52 */
        "fsd ft5, 48(%1)\n"
        "fsd ft6, 8(%1)\n"
        "fsd ft7, 16(%1)\n"
        "fsd fa0, 24(%1)\n"
        "fsd fa1, 32(%1)\n"
        "fsd fa2, 40(%1)\n"
        :
        : "r"(in), "r"(out)
        : "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fa0",
          "fa1", "fa2", "memory");
}

static void set_frm(unsigned mode)
{
    __asm__ volatile("fsrm %0" : : "r"(mode));
}

static unsigned get_fflags(void)
{
    unsigned f;

    __asm__ volatile("frflags %0" : "=r"(f));
    return f;
}

static void (*volatile run_dyn)(void) = dyn_block;

static void modes(void)
{
    static const char *const name[5] = {"rne", "rtz", "rdn", "rup", "rmm"};

    for (unsigned m = 0; m < 5; m++) {
        for (int r = 0; r < RUNS; r++) {
            memset(out, 0, sizeof out);
            set_frm(m);
            __asm__ volatile("fsflags x0");
            run_dyn();
        }
        set_frm(0);
        printf("%s: %016llx %016llx %016llx %016llx %016llx %016llx "
               "%016llx flags %x\n",
               name[m], (unsigned long long)out[0],
               (unsigned long long)out[1], (unsigned long long)out[2],
               (unsigned long long)out[3], (unsigned long long)out[4],
               (unsigned long long)out[5], (unsigned long long)out[6],
               get_fflags());
    }
}

/* frm written six times in one block, each time followed by a dynamic
 * op: 1 + 0.75 ulp in RTZ, RNE, RUP, RNE, RDN, RMM, then -1 - half an
 * ulp in RDN (the mode left). */
__attribute__((noinline)) static void many_block(void)
{
    __asm__ volatile(
        "fld ft0, 0(%0)\n"
        "fld ft2, 16(%0)\n"
        "fld ft3, 24(%0)\n"
        "fld ft4, 32(%0)\n"
        "li t0, 1\n fsrm t0\n fadd.d fa0, ft0, ft2\n"
        "fsrmi 0\n fadd.d fa1, ft0, ft2\n"
        "fsrmi 3\n fadd.d fa2, ft0, ft2\n"
        "fsrmi 0\n fadd.d fa3, ft0, ft2\n"
        "fsrmi 2\n fadd.d fa4, ft0, ft2\n"
        "fsrmi 4\n fadd.d fa5, ft0, ft2\n"
        "fsrmi 2\n fadd.d fa6, ft3, ft4\n"
        "fsrmi 0\n"
        "fsd fa0, 0(%1)\n"
        "fsd fa1, 8(%1)\n"
        "fsd fa2, 16(%1)\n"
        "fsd fa3, 24(%1)\n"
        "fsd fa4, 32(%1)\n"
        "fsd fa5, 40(%1)\n"
        "fsd fa6, 48(%1)\n"
        :
        : "r"(in), "r"(out)
        : "t0", "ft0", "ft2", "ft3", "ft4", "fa0", "fa1", "fa2", "fa3",
          "fa4", "fa5", "fa6", "memory");
}

static void (*volatile run_many)(void) = many_block;

static void many(void)
{
    for (int r = 0; r < RUNS; r++) {
        memset(out, 0, sizeof out);
        run_many();
    }
    printf("many:");
    for (int i = 0; i < 7; i++)
        printf(" %016llx", (unsigned long long)out[i]);
    printf("\n");
}

static sigjmp_buf env;
static volatile uintptr_t fault_pc, fault_addr;
static volatile uint64_t fault_ft5, fault_fcsr;

extern const char bad_insn[];

/* frm is still invalid here: the handler does no FP before it resets it
 * (a longjmp does not restore the frame's fcsr). */
static void on_ill(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;

    __asm__ volatile("fsrmi 0");
    fault_addr = (uintptr_t)si->si_addr;
    fault_pc = uc->uc_mcontext.__gregs[0];
    fault_ft5 = uc->uc_mcontext.__fpregs.__d.__f[5];
    fault_fcsr = uc->uc_mcontext.__fpregs.__d.__fcsr;
    siglongjmp(env, sig);
}

/* A block that writes ft5 (static RNE) and stores it, then a dynamic op
 * with frm = mode, illegal when mode is 5-7. */
__attribute__((noinline)) static void bad_block(void)
{
    __asm__ volatile(
        "fld ft0, 0(%0)\n"
        "fld ft2, 16(%0)\n"
        "fadd.d ft5, ft0, ft2, rne\n"
        "fsd ft5, 0(%1)\n"
        ".option push\n.option norvc\n"
        ".globl bad_insn\nbad_insn: fadd.d ft6, ft5, ft2\n"
        ".option pop\n"
        "fsd ft6, 8(%1)\n"
        :
        : "r"(in), "r"(out)
        : "ft0", "ft2", "ft5", "ft6", "memory");
}

static void (*volatile run_bad)(void) = bad_block;

/* The counters are volatile: siglongjmp returns into this frame. */
static void invalid_mode(unsigned m)
{
    volatile int sigs = 0, ok = 0;

    for (volatile int r = 0; r < RUNS; r++) {
        memset(out, 0, sizeof out);
        fault_pc = fault_addr = 0;
        if (sigsetjmp(env, 1) == 0) {
            set_frm(m);
            run_bad();
            set_frm(0);
            continue;
        }
        sigs++;
        ok += fault_pc == (uintptr_t)bad_insn &&
              fault_addr == (uintptr_t)bad_insn &&
              fault_ft5 == 0x3ff0000000000001ull &&
              out[0] == 0x3ff0000000000001ull && out[1] == 0 &&
              (fault_fcsr >> 5) == m;
    }
    printf("frm %u: %d SIGILL, %d at the op with the state before it\n", m,
           sigs, ok);
}

static void invalid(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    for (unsigned m = 5; m < 8; m++)
        invalid_mode(m);
    /* a valid frm again: the same block runs through */
    set_frm(1);
    run_bad();
    set_frm(0);
    printf("frm 1 after: %016llx %016llx\n", (unsigned long long)out[0],
           (unsigned long long)out[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    modes();
    many();
    invalid();
    return 0;
}
