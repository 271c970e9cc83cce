/* fp_flags_record: the accrued IEEE flags (C11 fenv.h; IEEE 754 7) stay
 * exact however often they are cleared, kept or restored: each flag
 * raised right after a clear, many times in a row; flags a program
 * already has raised again; underflow only for a tiny result that is
 * also inexact (7.5), with exact tiny results between; flags kept across
 * system calls; isless's save-and-restore of the flags around a quiet
 * compare of NaNs; and each thread's own flags; all of it again after a
 * loop of clears (ferry's way of keeping the flags changes there).
 * Expected output: the same program built for the host. */
#include <fenv.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "guest_fpflags.h"

static volatile double one = 1.0, three = 3.0, zero = 0.0, half = 0.5;
static volatile double min_sub2 = 0x1p-1070;               /* x * 0.5: exact */
static volatile double near_min = 0x1.0000000000001p-1022; /* x / 8: not */
static volatile double eighth = 0x1p-3, big = 0x1p1023, four = 4.0;
static volatile float fsub = 0x1p-140f, fnear = 0x1.000002p-126f;
static volatile float fhalf = 0.5f, feighth = 0x1p-3f;
static volatile double qnan = NAN, sink;

/* The flags now, as letters; leaves them as they are. */
static const char *now(void)
{
    const char *f = fp_flag_letters();

    return f[0] ? f : " -";
}

enum { OP_NX, OP_DZ, OP_NV, OP_OF, OP_UF, OP_TINY_EXACT, OP_FUF, OP_NONE,
       NOPS };

static void op(int k)
{
    switch (k) {
    case OP_NX: sink = one / three; break;
    case OP_DZ: sink = one / zero; break;
    case OP_NV: sink = zero / zero; break;
    case OP_OF: sink = big * four; break;
    case OP_UF: sink = near_min * eighth; break;
    case OP_TINY_EXACT: sink = min_sub2 * half; break;
    case OP_FUF: sink = fnear * feighth; break;
    default: sink = one + one; break;
    }
}

/* Each op right after a clear, 3000 times: the flags read must be the
 * same every time. */
static void cleared_each_time(void)
{
    for (int k = 0; k < NOPS; k++) {
        int want, same = 0;

        feclearexcept(FE_ALL_EXCEPT);
        op(k);
        want = fetestexcept(FE_ALL_EXCEPT);
        for (int i = 0; i < 3000; i++) {
            feclearexcept(FE_ALL_EXCEPT);
            op(k);
            same += fetestexcept(FE_ALL_EXCEPT) == want;
        }
        feclearexcept(FE_ALL_EXCEPT);
        op(k);
        printf("op %d:%s, same %d of 3000\n", k, now(), same);
    }
}

/* Underflow needs a tiny and inexact result: exact tiny ones between
 * must not raise it, before or after one that does. Run five times (the
 * later runs are translated code, the first ones may be interpreted):
 * every run must see the same. */
static void underflow_mix(void)
{
    static const char *const what[] = {
        "exact tiny", "then 1/3", "exact tiny again", "inexact tiny",
        "cleared, two exact tiny", "float exact tiny", "float inexact tiny"};
    enum { N = sizeof what / sizeof what[0] };
    int first[N], differ = 0;

    for (int run = 0; run < 5; run++) {
        int got[N];
        volatile float f;

        feclearexcept(FE_ALL_EXCEPT);
        op(OP_TINY_EXACT);
        got[0] = fetestexcept(FE_ALL_EXCEPT);
        op(OP_NX);
        got[1] = fetestexcept(FE_ALL_EXCEPT);
        op(OP_TINY_EXACT);
        got[2] = fetestexcept(FE_ALL_EXCEPT);
        op(OP_UF);
        got[3] = fetestexcept(FE_ALL_EXCEPT);
        feclearexcept(FE_ALL_EXCEPT);
        op(OP_TINY_EXACT);
        op(OP_TINY_EXACT);
        got[4] = fetestexcept(FE_ALL_EXCEPT);
        f = fsub * fhalf;
        got[5] = fetestexcept(FE_ALL_EXCEPT);
        f = fnear * feighth;
        got[6] = fetestexcept(FE_ALL_EXCEPT);
        (void)f;
        for (int i = 0; i < N; i++) {
            if (run == 0)
                first[i] = got[i];
            differ += got[i] != first[i];
        }
    }
    for (int i = 0; i < N; i++) {
        feclearexcept(FE_ALL_EXCEPT);
        feraiseexcept(first[i]);
        printf("%s:%s\n", what[i], now());
    }
    printf("runs that differ from the first: %d\n", differ);
    feclearexcept(FE_ALL_EXCEPT);
}

/* Flags kept, cleared in part and raised again around system calls. */
static void across_syscalls(void)
{
    feclearexcept(FE_ALL_EXCEPT);
    op(OP_NX);
    getppid();
    printf("NX, syscall:%s\n", now());
    op(OP_NX);
    op(OP_DZ);
    getppid();
    printf("NX again, DZ, syscall:%s\n", now());
    feclearexcept(FE_INEXACT);
    getppid();
    op(OP_NX);
    printf("NX cleared, syscall, NX:%s\n", now());
    feclearexcept(FE_ALL_EXCEPT);
    getppid();
    op(OP_NONE);
    printf("all cleared, syscall, exact op:%s\n", now());
    feraiseexcept(FE_OVERFLOW);
    getppid();
    printf("raised OF, syscall:%s\n", now());
    feclearexcept(FE_ALL_EXCEPT);
}

/* isless is quiet: its NaN compares raise nothing and leave the flags
 * the program had. */
static void quiet_compares(void)
{
    int less = 0;

    feclearexcept(FE_ALL_EXCEPT);
    op(OP_NX);
    for (int i = 0; i < 5000; i++) {
        less += isless(qnan, (double)i);
        less += isless(-one, (double)i);
        op(OP_NONE);
    }
    printf("isless %d:%s\n", less, now());
    feclearexcept(FE_ALL_EXCEPT);
    for (int i = 0; i < 100; i++)
        less += isless(qnan, one);
    printf("isless after clear %d:%s\n", less, now());
}

static void *thread_main(void *arg)
{
    static char seen[2][32];

    (void)arg;
    snprintf(seen[0], sizeof seen[0], "%s", now());
    op(OP_DZ);
    snprintf(seen[1], sizeof seen[1], "%s", now());
    printf("thread starts with:%s, after 1/0:%s\n", seen[0], seen[1]);
    return NULL;
}

static void threads(void)
{
    pthread_t th;

    feclearexcept(FE_ALL_EXCEPT);
    op(OP_NX);
    pthread_create(&th, NULL, thread_main, NULL);
    pthread_join(th, NULL);
    printf("main after the thread:%s\n", now());
}

/* The last part clears and raises thousands of times, which makes ferry
 * stop trapping on the thread: the others run before and after it. */
int main(void)
{
    underflow_mix();
    across_syscalls();
    quiet_compares();
    threads();
    cleared_each_time();
    printf("after many clears:\n");
    underflow_mix();
    across_syscalls();
    quiet_compares();
    return 0;
}
