/* sig_basic: handlers for signals the program sends itself: kill and
 * raise, siginfo fields, blocking then unblocking (the pending signal
 * arrives at the unblock), SA_RESETHAND, SA_NODEFER, real-time signals
 * queued in order with their values, sigtimedwait and sigsuspend.
 * Architecture-neutral: sig_basic.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t hits, last_sig, depth, max_depth;
static volatile int last_code, last_pid_ok, rt_values[8], rt_count;

static void on_usr1(int sig)
{
    hits++;
    last_sig = sig;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    hits++;
    last_sig = sig;
    last_code = si->si_code;
    last_pid_ok = si->si_pid == getpid();
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (rt_count < 8)
        rt_values[rt_count++] = (sig - SIGRTMIN) * 100 + si->si_value.sival_int;
}

/* Sends itself the same signal once from inside: with SA_NODEFER it
 * nests, without it waits for the handler to return. */
static void on_nest(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (hits++ == 0)
        raise(sig);
    depth--;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

static void test_kill_and_raise(void)
{
    struct sigaction old;

    int rc;

    set_handler(SIGUSR1, on_usr1, 0);
    rc = kill(getpid(), SIGUSR1);
    printf("kill: %d hits %d sig %d\n", rc, (int)hits, (int)last_sig);
    rc = raise(SIGUSR1);
    printf("raise: %d hits %d\n", rc, (int)hits);
    sigaction(SIGUSR1, NULL, &old);
    printf("old handler is on_usr1: %d\n", old.sa_handler == on_usr1);
    set_info_handler(SIGUSR2, on_info);
    kill(getpid(), SIGUSR2);
    printf("siginfo: sig %d code SI_USER %d pid ok %d\n", (int)last_sig,
           last_code == SI_USER, last_pid_ok);
    raise(SIGUSR2);
    printf("raise siginfo: code SI_TKILL %d\n", last_code == SI_TKILL);
    printf("kill bad sig: %d\n", kill(getpid(), 65));
    printf("sigaction SIGKILL: %d\n", sigaction(SIGKILL, &old, NULL));
}

static void test_block_unblock(void)
{
    sigset_t set, pending;

    hits = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1); /* a standard signal is pending once */
    sigpending(&pending);
    printf("blocked: hits %d pending %d\n", (int)hits,
           sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigpending(&pending);
    printf("unblocked: hits %d pending %d\n", (int)hits,
           sigismember(&pending, SIGUSR1));
}

static void test_flags(void)
{
    struct sigaction old;

    set_handler(SIGUSR1, on_usr1, SA_RESETHAND);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    printf("resethand: default now %d\n", old.sa_handler == SIG_DFL);
    hits = depth = max_depth = 0;
    set_handler(SIGUSR1, on_nest, 0);
    raise(SIGUSR1);
    printf("deferred: hits %d depth %d\n", (int)hits, (int)max_depth);
    hits = depth = max_depth = 0;
    set_handler(SIGUSR1, on_nest, SA_NODEFER);
    raise(SIGUSR1);
    printf("nodefer: hits %d depth %d\n", (int)hits, (int)max_depth);
    set_handler(SIGUSR1, SIG_IGN, 0);
    printf("ignored: %d\n", raise(SIGUSR1));
}

static void test_realtime(void)
{
    sigset_t set;

    set_info_handler(SIGRTMIN, on_rt);
    set_info_handler(SIGRTMIN + 1, on_rt);
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int i = 1; i <= 3; i++) {
        sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = i});
        sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = i});
    }
    printf("queued, delivered %d\n", (int)rt_count);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("delivered %d:", (int)rt_count);
    for (int i = 0; i < rt_count; i++)
        printf(" %d", rt_values[i]);
    printf("\n");
}

static void test_wait(void)
{
    sigset_t set, old;
    siginfo_t si;
    struct timespec zero = {0, 0};
    int rc;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    sigqueue(getpid(), SIGUSR2, (union sigval){.sival_int = 77});
    rc = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait: %d", rc);
    printf(" value %d code SI_QUEUE %d\n", si.si_value.sival_int,
           si.si_code == SI_QUEUE);
    printf("sigtimedwait empty: %d\n", sigtimedwait(&set, &si, &zero));
    hits = 0;
    set_info_handler(SIGUSR2, on_info);
    raise(SIGUSR2);
    printf("before suspend: hits %d\n", (int)hits);
    rc = sigsuspend(&old);
    printf("sigsuspend: %d", rc);
    printf(" hits %d\n", (int)hits);
    sigprocmask(SIG_SETMASK, NULL, &old);
    printf("mask back: %d\n", sigismember(&old, SIGUSR2));
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_kill_and_raise();
    test_block_unblock();
    test_flags();
    test_realtime();
    test_wait();
    return 0;
}
