/* sys_time: clocks and sleeps; only booleans are printed, the values
 * themselves differ on every run. Architecture-neutral: sys_time.ref is
 * this program's output built natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

/* Prints a result and, for a failure, errno's name, read before printf
 * can change it. */
static void show(const char *what, long rc)
{
    int e = errno;

    if (rc < 0)
        printf("%s: %ld %s\n", what, rc, strerrorname_np(e));
    else
        printf("%s: %ld\n", what, rc);
}

static long long ns(const struct timespec *t)
{
    return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void monotonic(void)
{
    struct timespec a, b, res;
    int ok = 1;

    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        ok &= ns(&b) >= ns(&a) && b.tv_nsec < 1000000000;
        a = b;
    }
    printf("monotonic never goes back: %d\n", ok);
    printf("getres monotonic: %d", clock_getres(CLOCK_MONOTONIC, &res));
    printf(" positive %d below 1ms %d\n", ns(&res) > 0, ns(&res) < 1000000);
    printf("getres NULL: %d\n", clock_getres(CLOCK_REALTIME, NULL));
    show("bad clock", clock_gettime((clockid_t)12345, &a));
}

static void sleeps(void)
{
    struct timespec a, b, req = {0, 3000000};

    clock_gettime(CLOCK_MONOTONIC, &a);
    printf("nanosleep: %d\n", nanosleep(&req, NULL));
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("slept at least 3ms: %d\n", ns(&b) - ns(&a) >= 3000000);
    clock_gettime(CLOCK_MONOTONIC, &a);
    req = a;
    req.tv_nsec += 2000000;
    if (req.tv_nsec >= 1000000000) {
        req.tv_sec++;
        req.tv_nsec -= 1000000000;
    }
    printf("clock_nanosleep abstime: %d\n",
           clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL));
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("woke after the deadline: %d\n", ns(&b) >= ns(&req));
    req.tv_sec = 0;
    req.tv_nsec = 1000000000;
    show("nanosleep bad nsec", nanosleep(&req, NULL));
}

static void wall(void)
{
    struct timeval tv;
    struct timespec ts;
    struct tms t;
    time_t now;

    gettimeofday(&tv, NULL);
    clock_gettime(CLOCK_REALTIME, &ts);
    now = time(NULL);
    printf("realtime after 2020: %d\n", ts.tv_sec > 1577836800);
    printf("gettimeofday agrees with clock_gettime: %d\n",
           ts.tv_sec - tv.tv_sec >= 0 && ts.tv_sec - tv.tv_sec <= 1);
    /* time() reads the coarse clock, which may lag a tick behind across a
       second boundary, natively too. */
    printf("time agrees: %d\n", now - ts.tv_sec >= -1 && now - ts.tv_sec <= 1);
    printf("usec in range: %d\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    printf("times: %d\n", times(&t) != (clock_t)-1);
    printf("cpu time sane: %d\n", t.tms_utime >= 0 && t.tms_stime >= 0);
    printf("process cputime: %d\n",
           clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts));
}

int main(void)
{
    monotonic();
    sleeps();
    wall();
    return 0;
}
