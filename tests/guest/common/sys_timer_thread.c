/* timer_create(SIGEV_THREAD): glibc's helper thread waits for its
 * internal signal (32, SIGTIMER) and starts the notify function, which
 * counts and posts a semaphore; a periodic 5 ms timer must notify three
 * times. Then the raw SIGEV_THREAD_ID path with signal 32 on this thread,
 * seen by sigtimedwait with SI_TIMER, the timer id and the value. */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static atomic_int notified;
static sem_t sem;
static atomic_int bad_value;

static void notify(union sigval v)
{
    if (v.sival_int != 1234)
        atomic_store(&bad_value, 1);
    atomic_fetch_add(&notified, 1);
    sem_post(&sem);
}

static int wait_sem(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 5;
    while (sem_timedwait(&sem, &ts) != 0)
        if (errno != EINTR)
            return -1;
    return 0;
}

static void thread_timer(void)
{
    struct sigevent sev;
    struct itimerspec its = {{0, 5000000}, {0, 5000000}};
    timer_t id;
    int got = 0, ov;

    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = notify;
    sev.sigev_value.sival_int = 1234;
    sem_init(&sem, 0, 0);
    printf("create SIGEV_THREAD: %d\n", timer_create(CLOCK_MONOTONIC, &sev,
                                                     &id));
    printf("settime: %d\n", timer_settime(id, 0, &its, NULL));
    for (int i = 0; i < 3; i++)
        got += wait_sem() == 0;
    printf("notifications waited for: %d\n", got);
    ov = timer_getoverrun(id);
    printf("getoverrun >= 0: %d\n", ov >= 0);
    printf("delete: %d\n", timer_delete(id));
    printf("at least 3 notified: %d\n", atomic_load(&notified) >= 3);
    printf("value passed: %d\n", !atomic_load(&bad_value));
}

/* The kernel's struct sigevent with SIGEV_THREAD_ID (glibc's sigevent_t
 * names the tid field _sigev_un._tid). */
static void thread_id_timer(int sig)
{
    struct sigevent sev;
    struct itimerspec its = {{0, 0}, {0, 2000000}};
    struct timespec wait = {5, 0};
    siginfo_t si;
    /* glibc's sigaddset and sigprocmask refuse 32 and 33: raw masks. */
    unsigned long long set = 1ull << (sig - 1);
    int id, r;

    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = sig;
    sev.sigev_value.sival_int = 77;
    sev._sigev_un._tid = (int)syscall(SYS_gettid);
    r = (int)syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id);
    printf("raw create signal %d: %d\n", sig, r);
    printf("raw settime: %d\n",
           (int)syscall(SYS_timer_settime, id, 0, &its, NULL));
    r = (int)syscall(SYS_rt_sigtimedwait, &set, &si, &wait, 8);
    printf("sigtimedwait: %d SI_TIMER %d id matches %d value %d\n", r,
           si.si_code == SI_TIMER, si.si_timerid == id, si.si_value.sival_int);
    printf("raw delete: %d\n", (int)syscall(SYS_timer_delete, id));
}

int main(void)
{
    thread_timer();
    thread_id_timer(32);
    thread_id_timer(33);
    thread_id_timer(SIGRTMIN + 3);
    return 0;
}
