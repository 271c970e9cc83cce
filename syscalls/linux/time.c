/* syscalls/linux/time.c: clocks and sleeping. Clock ids and TIMER_ABSTIME
 * are generic (linux/time.h); timespec and timeval are two 64-bit words. */
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

static int lx_get_timespec(struct lx_task *t, uint64_t addr, struct timespec *h)
{
    struct lx_timespec g;

    if (lx_copy_in(t, &g, addr, sizeof g) < 0)
        return -LX_EFAULT;
    h->tv_sec = g.tv_sec;
    h->tv_nsec = g.tv_nsec;
    return 0;
}

static int lx_put_timespec(struct lx_task *t, uint64_t addr,
                           const struct timespec *h)
{
    struct lx_timespec g = {h->tv_sec, h->tv_nsec};

    return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_clock_gettime(struct lx_task *t, const uint64_t a[6])
{
    struct timespec ts;

    if (syscall(SYS_clock_gettime, (clockid_t)a[0], &ts) != 0)
        return -errno;
    return lx_put_timespec(t, a[1], &ts);
}

/* clock_getres(2): a NULL result pointer only validates the clock. */
long lx_sys_clock_getres(struct lx_task *t, const uint64_t a[6])
{
    struct timespec ts;

    if (syscall(SYS_clock_getres, (clockid_t)a[0], &ts) != 0)
        return -errno;
    return a[1] ? lx_put_timespec(t, a[1], &ts) : 0;
}

/* The remaining time is written only when the sleep was interrupted and
 * the caller asked for it (and, for clock_nanosleep, it was relative). */
static long lx_sleep(struct lx_task *t, long rc, uint64_t rem_addr,
                     const struct timespec *rem)
{
    if (rc == -LX_EINTR && rem_addr && lx_put_timespec(t, rem_addr, rem) < 0)
        return -LX_EFAULT;
    return rc;
}

long lx_sys_nanosleep(struct lx_task *t, const uint64_t a[6])
{
    struct timespec req, rem = {0, 0};

    if (lx_get_timespec(t, a[0], &req) < 0)
        return -LX_EFAULT;
    return lx_sleep(t, lx_ret(syscall(SYS_nanosleep, &req, &rem)), a[1], &rem);
}

long lx_sys_clock_nanosleep(struct lx_task *t, const uint64_t a[6])
{
    struct timespec req, rem = {0, 0};
    long rc;

    if (lx_get_timespec(t, a[2], &req) < 0)
        return -LX_EFAULT;
    rc = lx_ret(
        syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], &req, &rem));
    return lx_sleep(t, rc, (a[1] & TIMER_ABSTIME) ? 0 : a[3], &rem);
}

/* gettimeofday(2): either pointer may be NULL; the timezone is two ints,
 * the same everywhere. */
long lx_sys_gettimeofday(struct lx_task *t, const uint64_t a[6])
{
    struct timeval tv;
    struct timezone tz;
    struct lx_timeval g;

    if (syscall(SYS_gettimeofday, &tv, &tz) != 0)
        return -errno;
    g.tv_sec = tv.tv_sec;
    g.tv_usec = tv.tv_usec;
    if (a[0] && lx_copy_out(t, a[0], &g, sizeof g) < 0)
        return -LX_EFAULT;
    if (a[1] && lx_copy_out(t, a[1], &tz, sizeof tz) < 0)
        return -LX_EFAULT;
    return 0;
}

/* times(2): returns clock ticks since an arbitrary point (any value,
 * even -1: it cannot fail with a host buffer); the buffer may be NULL. */
long lx_sys_times(struct lx_task *t, const uint64_t a[6])
{
    struct tms h;
    struct lx_tms g;
    long rc = syscall(SYS_times, &h);

    g.tms_utime = h.tms_utime;
    g.tms_stime = h.tms_stime;
    g.tms_cutime = h.tms_cutime;
    g.tms_cstime = h.tms_cstime;
    if (a[0] && lx_copy_out(t, a[0], &g, sizeof g) < 0)
        return -LX_EFAULT;
    return rc;
}
