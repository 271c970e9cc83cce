/* sig_timer: SIGALRM from setitimer and alarm interrupting a busy loop of
 * translated code, getitimer, and a read() on an empty pipe interrupted by
 * SIGALRM: EINTR without SA_RESTART, restarted (and then satisfied by the
 * handler's write) with it.
 * Architecture-neutral: sig_timer.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static int pipe_fd[2];

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void on_alarm_write(int sig)
{
    (void)sig;
    alarms++;
    if (write(pipe_fd[1], "x", 1) != 1)
        _exit(3);
}

static void set_handler(void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static void arm(long usec)
{
    struct itimerval it = {{0, 0}, {0, usec}};

    setitimer(ITIMER_REAL, &it, NULL);
}

static void test_busy_loop(void)
{
    struct itimerval it = {{0, 20000}, {0, 20000}}, cur;
    volatile unsigned long spins = 0;

    set_handler(on_alarm, 0);
    setitimer(ITIMER_REAL, &it, NULL);
    getitimer(ITIMER_REAL, &cur);
    printf("getitimer interval: %ld armed %d\n", (long)cur.it_interval.tv_usec,
           cur.it_value.tv_sec != 0 || cur.it_value.tv_usec != 0);
    while (alarms < 3)
        spins++;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    /* A fourth may come before the timer is off on a loaded machine. */
    printf("busy loop interrupted: 3+ alarms %d, spun %d\n", alarms >= 3,
           spins > 0);
    alarms = 0;
    alarm(1);
    while (!alarms)
        spins++;
    printf("alarm: %d\n", (int)alarms);
}

static void test_pipe_read(void)
{
    char c = 0;
    ssize_t n;

    if (pipe(pipe_fd) != 0)
        return;
    set_handler(on_alarm, 0);
    arm(50000);
    n = read(pipe_fd[0], &c, 1);
    printf("read without SA_RESTART: %zd EINTR %d\n", n, errno == EINTR);
    alarms = 0;
    set_handler(on_alarm_write, SA_RESTART);
    arm(50000);
    n = read(pipe_fd[0], &c, 1);
    printf("read with SA_RESTART: %zd '%c' alarms %d\n", n, c, (int)alarms);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_busy_loop();
    test_pipe_read();
    return 0;
}
