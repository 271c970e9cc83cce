/* calls_unwind: calls and returns a return-address predictor sees out of
 * order must still land where the program says: longjmp out of deep
 * recursion (the frames between never return), a signal handler that
 * longjmps out of a recursion, mutual recursion through function
 * pointers, and recursion deeper than any fixed-size predictor. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env;
static sigjmp_buf sigenv;
static volatile int sink;

static int dive(int n, int leave_at)
{
    if (n == leave_at)
        longjmp(env, n + 1);
    int r = dive(n + 1, leave_at) + 1;
    sink = r;
    return r;
}

static void on_usr1(int sig)
{
    (void)sig;
    siglongjmp(sigenv, 7);
}

static int dive_raise(int n)
{
    if (n == 0)
        raise(SIGUSR1);
    return n ? dive_raise(n - 1) + 1 : 0;
}

static long even(long n);
static long odd(long n);
static long (*volatile pick[2])(long) = {even, odd};

static long even(long n) { return n == 0 ? 1 : pick[1](n - 1); }
static long odd(long n) { return n == 0 ? 0 : pick[0](n - 1); }

static long depth(long n) { return n == 0 ? 0 : depth(n - 1) + 1; }

/* sum and i change between setjmp and longjmp: volatile (C11 7.13.2.1). */
int main(void)
{
    volatile long sum = 0;

    for (volatile int i = 0; i < 200; i++) {
        int r = setjmp(env);

        if (r == 0)
            dive(0, 50 + i * 10);
        sum += r;
    }
    printf("longjmp sum %ld\n", sum);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sum = 0;
    for (volatile int i = 0; i < 20; i++) {
        int r = sigsetjmp(sigenv, 1);

        if (r == 0)
            dive_raise(100 + i);
        sum += r;
    }
    printf("siglongjmp sum %ld\n", sum);

    sum = 0;
    for (long n = 0; n < 3000; n += 7)
        sum += even(n) * n;
    printf("even/odd sum %ld\n", sum);
    printf("depth %ld %ld\n", depth(20000), depth(3));
    return 0;
}
