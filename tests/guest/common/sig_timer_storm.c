/* sig_timer_storm: a 50 us periodic timer whose signal (32, glibc's
 * SIGTIMER, which it keeps out of sigprocmask) stays blocked while the
 * thread polls for it with sigtimedwait, thousands of times: signals
 * arrive while ferry holds its signal queue, and neither may wait for the
 * other. Then the same with signal 33 and a real-time one. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void storm(int sig)
{
    unsigned long long set = 1ull << (sig - 1);
    struct itimerspec its = {{0, 50000}, {0, 50000}};
    struct timespec zero = {0, 0}, start, now;
    struct sigevent sev;
    siginfo_t si;
    long got = 0, polls = 0;
    int id;

    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = sig;
    sev._sigev_un._tid = (int)syscall(SYS_gettid);
    if (syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id) != 0 ||
        syscall(SYS_timer_settime, id, 0, &its, NULL) != 0) {
        printf("signal %d: no timer\n", sig);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        for (int i = 0; i < 100; i++, polls++)
            got += syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 8) == sig;
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) * 1000000000L +
                 (now.tv_nsec - start.tv_nsec) < 200000000L);
    syscall(SYS_timer_delete, id);
    printf("signal %d: received some %d, polled often %d\n", sig, got > 10,
           polls > 1000);
}

int main(void)
{
    storm(32);
    storm(33);
    storm(SIGRTMIN + 2);
    return 0;
}
