/* syscalls/linux/timer.c: POSIX per-process timers (timer_create(2),
 * timer_settime(2), timer_gettime(2), timer_getoverrun(2),
 * timer_delete(2)). Each guest timer is a host timer with the same id:
 * the host kernel keeps time and sends the guest's signal to this process
 * or thread (guest tids are host tids) with si_code SI_TIMER, si_timerid,
 * si_overrun and the guest's sigev_value, a siginfo whose layout x86-64
 * shares with the generic one, so the signal code hands it to the guest
 * as it is. The host deletes the timers at execve (ferry re-executes
 * itself) and a forked child has none, as on Linux. */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

/* asm-generic/siginfo.h sigev_notify values. */
#define LX_SIGEV_SIGNAL 0
#define LX_SIGEV_NONE 1
#define LX_SIGEV_THREAD 2
#define LX_SIGEV_THREAD_ID 4

/* asm-generic/siginfo.h struct sigevent: 64 bytes; the kernel reads the
 * thread id for SIGEV_THREAD_ID and nothing else of the union. */
struct lx_sigevent {
    uint64_t sigev_value; /* union sigval: int or pointer */
    int32_t sigev_signo;
    int32_t sigev_notify;
    int32_t sigev_tid; /* _sigev_un._tid */
    int32_t pad[11];
};
_Static_assert(sizeof(struct lx_sigevent) == 64, "lx_sigevent size");
_Static_assert(LX_OFF(lx_sigevent, sigev_tid) == 16, "sigev_tid");

/* struct itimerspec: interval, then value. */
struct lx_itimerspec {
    struct lx_timespec it_interval;
    struct lx_timespec it_value;
};
_Static_assert(sizeof(struct lx_itimerspec) == 32, "lx_itimerspec size");

/* Signals the host cannot carry for the guest (signal_deliver.c's
 * LX_HOST_RESERVED less SIGKILL and SIGSTOP, whose host default is the
 * guest's): ferry's own fault signals and host glibc's 32 and 33. */
#define LX_TIMER_UNROUTABLE                                                    \
    (LX_SIGBIT(LX_SIGSEGV) | LX_SIGBIT(LX_SIGBUS) | LX_SIGBIT(LX_SIGILL) |     \
     LX_SIGBIT(LX_SIGFPE) | LX_SIGBIT(LX_SIGTRAP) | LX_SIGBIT(32) |            \
     LX_SIGBIT(33))

/* The guest's sigevent as the host's, field by field. */
static void lx_sigevent_to_host(const struct lx_sigevent *g, struct sigevent *h)
{
    memset(h, 0, sizeof *h);
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->sigev_value;
    h->sigev_signo = g->sigev_signo;
    h->sigev_notify = g->sigev_notify;
    h->_sigev_un._tid = g->sigev_tid;
}

/* A signal this timer would raise that ferry cannot pass on: logged
 * once under -d unimp, and refused as the kernel refuses a bad one. */
static bool lx_timer_unroutable(const struct lx_sigevent *g)
{
    static bool logged;
    int sig = g->sigev_signo;

    if (g->sigev_notify == LX_SIGEV_NONE || sig < 1 || sig > LX_NSIG ||
        !(LX_TIMER_UNROUTABLE & LX_SIGBIT(sig)))
        return false;
    if (!logged && log_enabled(LOG_UNIMP)) {
        logged = true;
        log_printf("ferry: timer_create: signal %d is ferry's own; "
                   "refused with EINVAL\n",
                   sig);
    }
    return true;
}

/* timer_create(clockid, sevp, timerid): a NULL sevp is SIGEV_SIGNAL with
 * SIGALRM and the timer id as value, which the host does itself. */
long lx_sys_timer_create(struct lx_task *t, const uint64_t a[6])
{
    struct lx_sigevent g;
    struct sigevent h;
    int32_t id;
    long rc;

    if (a[1]) {
        if (lx_copy_in(t, &g, a[1], sizeof g) < 0)
            return -LX_EFAULT;
        if (lx_timer_unroutable(&g))
            return -LX_EINVAL;
        lx_sigevent_to_host(&g, &h);
    }
    rc = lx_ret(
        syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &h : NULL, &id));
    if (rc < 0)
        return rc;
    /* The kernel drops the new timer when it cannot report its id. */
    if (lx_copy_out(t, a[2], &id, sizeof id) < 0) {
        syscall(SYS_timer_delete, id);
        return -LX_EFAULT;
    }
    return 0;
}

static void lx_itimerspec_to_host(const struct lx_itimerspec *g,
                                  struct itimerspec *h)
{
    h->it_interval.tv_sec = g->it_interval.tv_sec;
    h->it_interval.tv_nsec = g->it_interval.tv_nsec;
    h->it_value.tv_sec = g->it_value.tv_sec;
    h->it_value.tv_nsec = g->it_value.tv_nsec;
}

static int lx_put_itimerspec(struct lx_task *t, gva addr,
                             const struct itimerspec *h)
{
    struct lx_itimerspec g = {
        .it_interval = {h->it_interval.tv_sec, h->it_interval.tv_nsec},
        .it_value = {h->it_value.tv_sec, h->it_value.tv_nsec},
    };

    return lx_copy_out(t, addr, &g, sizeof g);
}

/* timer_settime(id, flags, new, old): a NULL new is EINVAL; TIMER_ABSTIME
 * is generic. old is written after the change, as the kernel does. */
long lx_sys_timer_settime(struct lx_task *t, const uint64_t a[6])
{
    struct lx_itimerspec g;
    struct itimerspec nv, old;
    long rc;

    if (!a[2])
        return -LX_EINVAL;
    if (lx_copy_in(t, &g, a[2], sizeof g) < 0)
        return -LX_EFAULT;
    lx_itimerspec_to_host(&g, &nv);
    rc = lx_ret(syscall(SYS_timer_settime, (int)a[0], (int)a[1], &nv,
                        a[3] ? &old : NULL));
    if (rc < 0 || !a[3])
        return rc;
    return lx_put_itimerspec(t, a[3], &old);
}

long lx_sys_timer_gettime(struct lx_task *t, const uint64_t a[6])
{
    struct itimerspec cur;
    long rc = lx_ret(syscall(SYS_timer_gettime, (int)a[0], &cur));

    return rc < 0 ? rc : lx_put_itimerspec(t, a[1], &cur);
}

long lx_sys_timer_getoverrun(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

long lx_sys_timer_delete(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_timer_delete, (int)a[0]));
}
