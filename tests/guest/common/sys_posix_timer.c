/* sys_posix_timer: POSIX timers through the raw syscalls: SIGEV_SIGNAL
 * with an int and a pointer value, a NULL sigevent (SIGALRM carrying the
 * timer id), SIGEV_THREAD_ID, SIGEV_NONE; the handler sees si_code
 * SI_TIMER, the timer id and the value; a blocked periodic timer
 * collects overruns that sigwaitinfo and timer_getoverrun report;
 * timer_gettime, disarming, deleting; and the errors (EINVAL for bad
 * clocks, notify values, signals, ids, times and a NULL new value;
 * EFAULT for bad pointers).
 * Architecture-neutral: sys_posix_timer.ref is this program's output
 * built natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "guest_show.h"

static volatile sig_atomic_t fired, code, signo, timerid, tid_ok;
static volatile intptr_t value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fired++;
    signo = sig;
    code = si->si_code;
    timerid = si->si_timerid;
    value = (intptr_t)si->si_value.sival_ptr;
    tid_ok = syscall(SYS_gettid) == getpid();
}

static long tcreate(clockid_t clock, struct sigevent *sev, int *id)
{
    return syscall(SYS_timer_create, clock, sev, id);
}

static long tset(int id, int flags, const struct itimerspec *nv,
                 struct itimerspec *old)
{
    return syscall(SYS_timer_settime, id, flags, nv, old);
}

/* Arms id for ms milliseconds once and waits for its signal: blocked
 * until sigsuspend, so it cannot come between the check and the wait. */
static void fire_once(int id, int ms)
{
    struct itimerspec its = {.it_value = {0, ms * 1000000L}};
    sigset_t none, timer_sigs, old;

    sigemptyset(&none);
    sigemptyset(&timer_sigs);
    sigaddset(&timer_sigs, SIGUSR1);
    sigaddset(&timer_sigs, SIGUSR2);
    sigaddset(&timer_sigs, SIGALRM);
    sigprocmask(SIG_BLOCK, &timer_sigs, &old);
    fired = 0;
    tset(id, 0, &its, NULL);
    while (!fired)
        sigsuspend(&none);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_signal(void)
{
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL,
                           .sigev_signo = SIGUSR1};
    int id = -1, id2 = -1;
    static int anchor;

    sev.sigev_value.sival_int = 42;
    show("create SIGEV_SIGNAL", tcreate(CLOCK_MONOTONIC, &sev, &id));
    fire_once(id, 5);
    printf("signal %d SI_TIMER %d id matches %d value %ld\n", (int)signo,
           code == SI_TIMER, timerid == id, (long)value);
    sev.sigev_value.sival_ptr = &anchor;
    show("create with pointer", tcreate(CLOCK_REALTIME, &sev, &id2));
    fire_once(id2, 5);
    printf("pointer value kept %d\n", value == (intptr_t)&anchor);
    show("delete", syscall(SYS_timer_delete, id));
    show("delete second", syscall(SYS_timer_delete, id2));
    show("delete again", syscall(SYS_timer_delete, id));
}

static void test_null_sigevent(void)
{
    int id = -1;

    show("create NULL sigevent", tcreate(CLOCK_MONOTONIC, NULL, &id));
    fire_once(id, 5);
    printf("SIGALRM %d value is the id %d\n", signo == SIGALRM, value == id);
    syscall(SYS_timer_delete, id);
}

static void test_thread_id(void)
{
    struct sigevent sev = {.sigev_notify = SIGEV_THREAD_ID,
                           .sigev_signo = SIGUSR2};
    int id = -1;

    sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    sev.sigev_value.sival_int = 7;
    show("create SIGEV_THREAD_ID", tcreate(CLOCK_MONOTONIC, &sev, &id));
    fire_once(id, 5);
    printf("SIGUSR2 %d value %ld on this thread %d\n", signo == SIGUSR2,
           (long)value, (int)tid_ok);
    syscall(SYS_timer_delete, id);
    sev._sigev_un._tid = 1; /* init: not in this thread group */
    show("THREAD_ID of another process", tcreate(CLOCK_MONOTONIC, &sev, &id));
}

/* Disarming is shown on a signal timer: Linux keeps reporting the old
 * expiry of a disarmed SIGEV_NONE one. */
static void test_none_and_gettime(void)
{
    struct sigevent sev = {.sigev_notify = SIGEV_NONE};
    struct itimerspec its = {.it_interval = {2, 0}, .it_value = {5, 0}};
    struct itimerspec cur, old;
    int id = -1, id2 = -1;

    show("create SIGEV_NONE", tcreate(CLOCK_MONOTONIC, &sev, &id));
    show("settime", tset(id, 0, &its, NULL));
    show("gettime", syscall(SYS_timer_gettime, id, &cur));
    printf("remaining in [4,5] %d interval %ld\n",
           cur.it_value.tv_sec >= 4 && cur.it_value.tv_sec <= 5,
           (long)cur.it_interval.tv_sec);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    tcreate(CLOCK_MONOTONIC, &sev, &id2);
    tset(id2, 0, &its, NULL);
    memset(&its, 0, sizeof its);
    show("disarm", tset(id2, 0, &its, &old));
    printf("old value was armed %d\n", old.it_value.tv_sec >= 4);
    syscall(SYS_timer_gettime, id2, &cur);
    printf("disarmed %d\n", cur.it_value.tv_sec == 0 &&
                                cur.it_value.tv_nsec == 0 &&
                                cur.it_interval.tv_sec == 0);
    show("gettime bad pointer", syscall(SYS_timer_gettime, id, bad_ptr));
    show("settime bad pointer", tset(id, 0, bad_ptr, NULL));
    show("settime NULL", tset(id, 0, NULL, NULL));
    its.it_value.tv_nsec = 1000000000;
    show("settime bad nsec", tset(id, 0, &its, NULL));
    its.it_value.tv_nsec = 0;
    show("settime bad old pointer", tset(id, 0, &its, bad_ptr));
    syscall(SYS_timer_delete, id);
    syscall(SYS_timer_delete, id2);
}

static void test_overrun(void)
{
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL,
                           .sigev_signo = SIGRTMIN + 2};
    struct itimerspec its = {.it_interval = {0, 1000000},
                             .it_value = {0, 1000000}};
    struct timespec nap = {0, 30000000};
    siginfo_t si;
    sigset_t set;
    int id = -1, sig;

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sev.sigev_value.sival_int = 99;
    show("create periodic", tcreate(CLOCK_MONOTONIC, &sev, &id));
    tset(id, 0, &its, NULL);
    nanosleep(&nap, NULL);
    sig = sigwaitinfo(&set, &si);
    printf("sigwaitinfo signal %d SI_TIMER %d value %d overrun > 0 %d\n",
           sig == SIGRTMIN + 2, si.si_code == SI_TIMER, si.si_value.sival_int,
           si.si_overrun > 0);
    show("getoverrun >= 0", syscall(SYS_timer_getoverrun, id) >= 0 ? 0 : -1);
    syscall(SYS_timer_delete, id);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_errors(void)
{
    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL,
                           .sigev_signo = SIGUSR1};
    int id;

    show("bad clock", tcreate(12345, &sev, &id));
    show("bad sigevent pointer", tcreate(CLOCK_MONOTONIC, bad_ptr, &id));
    show("bad id pointer", tcreate(CLOCK_MONOTONIC, &sev, bad_ptr));
    sev.sigev_notify = 99;
    show("bad notify", tcreate(CLOCK_MONOTONIC, &sev, &id));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 0;
    show("signal 0", tcreate(CLOCK_MONOTONIC, &sev, &id));
    sev.sigev_signo = 65;
    show("signal 65", tcreate(CLOCK_MONOTONIC, &sev, &id));
    show("gettime bad id", syscall(SYS_timer_gettime, 4242, &sev));
    show("getoverrun bad id", syscall(SYS_timer_getoverrun, 4242));
    show("delete bad id", syscall(SYS_timer_delete, 4242));
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_timer, .sa_flags = SA_SIGINFO};

    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    test_signal();
    test_null_sigevent();
    test_thread_id();
    test_none_and_gettime();
    test_overrun();
    test_errors();
    return 0;
}
