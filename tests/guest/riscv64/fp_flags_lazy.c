/* fp_flags_lazy: fflags must be exact wherever the guest can see it,
 * however ferry defers them (RISC-V unpriv. spec 11.2: fflags accrues
 * the flags of every F/D instruction): read in the block that raised
 * them, after a write of fflags in the same block, across branches and
 * loops, in a signal frame (a fault in the middle of a block, a signal
 * sent by the program), and after sigreturn restores fcsr; and the
 * dynamic rounding mode changed in the middle of a block. Expected
 * values come from the spec: NX 1, UF 2, OF 4, DZ 8, NV 16. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static volatile double one = 1.0, three = 3.0, ten = 10.0, zero = 0.0;
static volatile double tiny = 0x1p-60;
static volatile double qnan = __builtin_nan("");

/* Each sequence below is one asm statement without calls, so its
 * instructions share a block unless a branch splits them. */

static void same_block(void)
{
    unsigned long a, b;
    double t;

    __asm__ volatile("fsflags zero\n\t"
                     "fadd.d %2, %3, %4\n\t" /* NX */
                     "fdiv.d %2, %3, %5\n\t" /* DZ */
                     "frflags %0\n\t"
                     "fsflags zero\n\t"
                     "fmul.d %2, %3, %3\n\t" /* exact */
                     "frflags %1"
                     : "=&r"(a), "=&r"(b), "=&f"(t)
                     : "f"(one), "f"(tiny), "f"(zero));
    printf("same block: %lx, after clear %lx\n", a, b);
}

static void write_then_read(void)
{
    unsigned long old, now, keep, lt;
    double t;

    /* csrrw returns DZ and leaves exactly OF. */
    __asm__ volatile("fsflags zero\n\t"
                     "fdiv.d %3, %5, %6\n\t" /* DZ */
                     "li %1, 4\n\t"
                     "csrrw %0, fflags, %1\n\t"
                     "frflags %1\n\t"
                     /* save, a signalling compare, restore: NV is gone */
                     "fsflags zero\n\t"
                     "fadd.d %3, %5, %7\n\t" /* NX */
                     "frflags %2\n\t"
                     "flt.d %4, %5, %8\n\t" /* NV */
                     "fsflags %2\n\t"
                     "frflags %2"
                     : "=&r"(old), "=&r"(now), "=&r"(keep), "=&f"(t),
                       "=&r"(lt)
                     : "f"(one), "f"(zero), "f"(tiny), "f"(qnan));
    printf("csrrw: old %lx new %lx; restored around flt %lx\n", old, now,
           keep);
}

static void across_branches(void)
{
    unsigned long a, n = 1000;
    double t;

    __asm__ volatile("fsflags zero\n\t"
                     "fadd.d %1, %3, %4\n\t" /* NX */
                     "beq zero, zero, 1f\n"
                     "1:\n\t"
                     "fdiv.d %1, %3, %5\n\t" /* DZ */
                     "2:\n\t"
                     "fmul.d %1, %3, %3\n\t"
                     "addi %2, %2, -1\n\t"
                     "bnez %2, 2b\n\t"
                     "frflags %0"
                     : "=&r"(a), "=&f"(t), "+r"(n)
                     : "f"(one), "f"(tiny), "f"(zero));
    printf("across branches: %lx\n", a);
}

static unsigned long long bits(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return (unsigned long long)u;
}

static void rounding_mid_block(void)
{
    double up, down, near, rtz1, rtz2;
    unsigned long frm;

    __asm__ volatile("fsrmi 3\n\t"
                     "fdiv.d %0, %6, %7\n\t"
                     "fsrmi 2\n\t"
                     "fdiv.d %1, %6, %7\n\t"
                     "fsrmi 0\n\t"
                     "fdiv.d %2, %6, %7\n\t"
                     "fsrmi 1\n\t"
                     "fdiv.d %3, %6, %8, dyn\n\t"
                     "fdiv.d %4, %6, %8\n\t"
                     "frrm %5\n\t"
                     "fsrmi 0"
                     : "=&f"(up), "=&f"(down), "=&f"(near), "=&f"(rtz1),
                       "=&f"(rtz2), "=&r"(frm)
                     : "f"(one), "f"(three), "f"(ten));
    printf("1/3 rup %llx rdn %llx rne %llx\n", bits(up), bits(down),
           bits(near));
    printf("1/10 rtz %llx %llx frm %lu\n", bits(rtz1), bits(rtz2), frm);
}

/* Conversions with a static rtz (C casts), 11.7's table for the limits. */
#define CVT_RTZ(insn, x)                                                    \
    do {                                                                    \
        long r_;                                                            \
        unsigned long f_;                                                   \
        double x_ = (x);                                                    \
        __asm__ volatile("fsflags zero\n\t" insn " %0, %2, rtz\n\t"       \
                         "frflags %1"                                       \
                         : "=&r"(r_), "=&r"(f_)                             \
                         : "f"(x_));                                        \
        printf("%s %g rtz: %ld flags %lx\n", insn, x_, r_, f_);             \
    } while (0)

static void static_rounding(void)
{
    CVT_RTZ("fcvt.w.d", 2.5);    /* 2, NX */
    CVT_RTZ("fcvt.w.d", -2.5);   /* -2, NX */
    CVT_RTZ("fcvt.w.d", 3e9);    /* INT32_MAX, NV */
    CVT_RTZ("fcvt.w.d", -2147483648.75); /* INT32_MIN, NX */
    CVT_RTZ("fcvt.wu.d", 3.75);  /* 3, NX */
    CVT_RTZ("fcvt.wu.d", -0.5);  /* 0, NX: -0 is in range */
    CVT_RTZ("fcvt.wu.d", -1.0);  /* 0, NV */
    CVT_RTZ("fcvt.l.d", -7.0);   /* -7, exact */
    CVT_RTZ("fcvt.lu.d", 1e20);  /* UINT64_MAX, NV */
}

/* --- signal frames ------------------------------------------------------ */

static volatile unsigned long frame_flags;

/* The frame's fcsr, then OF alone for sigreturn to restore. */
static void on_signal(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    (void)si;
    frame_flags = uc->uc_mcontext.__fpregs.__d.__fcsr & 0x1f;
    uc->uc_mcontext.__fpregs.__d.__fcsr =
        (uc->uc_mcontext.__fpregs.__d.__fcsr & ~0x1fu) | 4;
    if (sig == SIGSEGV)
        uc->uc_mcontext.__gregs[0] += 4; /* skip the faulting load */
}

static void fault_mid_block(void)
{
    unsigned long after, v;
    double t;

    /* norvc: the load must be 4 bytes long for the handler's skip. */
    __asm__ volatile(".option push\n\t"
                     ".option norvc\n\t"
                     "fsflags zero\n\t"
                     "fdiv.d %2, %3, %4\n\t" /* DZ */
                     "ld %1, 0(zero)\n\t"
                     "frflags %0\n\t"
                     ".option pop"
                     : "=&r"(after), "=&r"(v), "=&f"(t)
                     : "f"(one), "f"(zero)
                     : "memory");
    printf("fault: frame %lx, after sigreturn %lx\n", frame_flags, after);
}

static void signal_after_ops(void)
{
    unsigned long after;
    double t;

    __asm__ volatile("fsflags zero\n\t"
                     "fadd.d %0, %1, %2" /* NX */
                     : "=&f"(t)
                     : "f"(one), "f"(tiny));
    kill(getpid(), SIGUSR1);
    __asm__ volatile("frflags %0" : "=r"(after));
    printf("kill: frame %lx, after sigreturn %lx\n", frame_flags, after);
}

int main(void)
{
    struct sigaction sa;

    same_block();
    write_then_read();
    across_branches();
    rounding_mid_block();
    static_rounding();
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    fault_mid_block();
    signal_after_ops();
    return 0;
}
