/* syscalls/linux/event.c: waiting on many fds and the fds made for it:
 * ppoll, pselect6, epoll (whose struct epoll_event is packed on x86-64
 * only, so it is converted), eventfd, timerfd, inotify. struct pollfd,
 * fd_set, itimerspec and inotify events have one layout everywhere; the
 * *_CLOEXEC / *_NONBLOCK flags are the generic O_ ones. A signal mask
 * argument is passed to the host as the guest gave it: signal numbers
 * are the same (asm-generic/signal.h), and 8 bytes long. */
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

#define LX_SIGSET_SIZE 8

_Static_assert(sizeof(struct epoll_event) == 12,
               "x86-64's struct epoll_event is packed");

/* Reads an optional guest timespec (0: none, *out NULL). */
static int lx_opt_timespec(struct lx_task *t, uint64_t addr,
                           struct timespec *ts, struct timespec **out)
{
    struct lx_timespec g;

    *out = NULL;
    if (!addr)
        return 0;
    if (lx_copy_in(t, &g, addr, sizeof g) < 0)
        return -LX_EFAULT;
    ts->tv_sec = g.tv_sec;
    ts->tv_nsec = g.tv_nsec;
    *out = ts;
    return 0;
}

/* The kernel writes the time left back, even after an error. */
static long lx_put_time_left(struct lx_task *t, uint64_t addr,
                             const struct timespec *ts, long rc)
{
    struct lx_timespec g = {ts->tv_sec, ts->tv_nsec};

    if (addr && lx_copy_out(t, addr, &g, sizeof g) < 0 && rc >= 0)
        return -LX_EFAULT;
    return rc;
}

/* An optional guest sigset of size bytes (must be 8). */
static int lx_opt_sigset(struct lx_task *t, uint64_t addr, uint64_t size,
                         uint64_t *set, uint64_t **out)
{
    *out = NULL;
    if (!addr)
        return 0;
    if (size != LX_SIGSET_SIZE)
        return -LX_EINVAL;
    if (lx_copy_in(t, set, addr, sizeof *set) < 0)
        return -LX_EFAULT;
    *out = set;
    return 0;
}

/* ppoll(2): the pollfd array is used in place. */
long lx_sys_ppoll(struct lx_task *t, const uint64_t a[6])
{
    struct timespec ts, *tsp;
    uint64_t set, *setp;
    void *fds;
    int rc;

    if (a[1] > (1u << 20)) /* above any RLIMIT_NOFILE */
        return -LX_EINVAL;
    fds = lx_guest_ptr(t, a[0], a[1] * 8, LX_PROT_READ | LX_PROT_WRITE);
    if (!fds)
        return -LX_EFAULT;
    if ((rc = lx_opt_timespec(t, a[2], &ts, &tsp)) < 0 ||
        (rc = lx_opt_sigset(t, a[3], a[4], &set, &setp)) < 0)
        return rc;
    return lx_put_time_left(t, a[2], &ts,
                            lx_ret(syscall(SYS_ppoll, fds, (unsigned long)a[1],
                                           tsp, setp, (size_t)LX_SIGSET_SIZE)));
}

/* pselect6(2): three optional fd_sets in place; the sixth argument
 * points at { const sigset_t *ss; size_t ss_len }. */
long lx_sys_pselect6(struct lx_task *t, const uint64_t a[6])
{
    int nfds = (int)a[0];
    size_t bytes = nfds > 0 ? ((size_t)nfds + 63) / 64 * 8 : 0;
    void *set[3] = {NULL, NULL, NULL};
    struct timespec ts, *tsp;
    uint64_t sig[2] = {0, 0}, mask, *maskp = NULL;
    struct {
        const void *ss;
        size_t len;
    } hsig = {NULL, LX_SIGSET_SIZE};
    int rc;

    if (nfds < 0 || nfds > 65536)
        return -LX_EINVAL;
    for (int i = 0; i < 3; i++)
        if (a[1 + i] && !(set[i] = lx_guest_ptr(t, a[1 + i], bytes,
                                                LX_PROT_READ | LX_PROT_WRITE)))
            return -LX_EFAULT;
    if (a[5] && lx_copy_in(t, sig, a[5], sizeof sig) < 0)
        return -LX_EFAULT;
    if ((rc = lx_opt_timespec(t, a[4], &ts, &tsp)) < 0 ||
        (rc = lx_opt_sigset(t, sig[0], sig[1], &mask, &maskp)) < 0)
        return rc;
    hsig.ss = maskp;
    return lx_put_time_left(t, a[4], &ts,
                            lx_ret(syscall(SYS_pselect6, nfds, set[0], set[1],
                                           set[2], tsp, a[5] ? &hsig : NULL)));
}

long lx_sys_epoll_create1(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(epoll_create1((int)a[0]));
}

/* epoll_ctl(2): the event is ignored for EPOLL_CTL_DEL. */
long lx_sys_epoll_ctl(struct lx_task *t, const uint64_t a[6])
{
    struct lx_epoll_event g;
    struct epoll_event h;
    int op = (int)a[1];

    if (op != EPOLL_CTL_DEL) {
        if (lx_copy_in(t, &g, a[3], sizeof g) < 0)
            return -LX_EFAULT;
        h.events = g.events;
        h.data.u64 = g.data;
    }
    return lx_ret(epoll_ctl(lx_fd(a[0]), op, lx_fd(a[2]),
                            op != EPOLL_CTL_DEL ? &h : NULL));
}

#define LX_EP_MAX_EVENTS (0x7fffffff / (int)sizeof(struct lx_epoll_event))

/* epoll_pwait(2): events come back through a host array, converted. */
long lx_sys_epoll_pwait(struct lx_task *t, const uint64_t a[6])
{
    int max = (int)a[2];
    struct lx_epoll_event *g;
    struct epoll_event *h;
    uint64_t set, *setp;
    long n;
    int rc;

    if (max <= 0 || max > LX_EP_MAX_EVENTS)
        return -LX_EINVAL;
    if (!(g = lx_guest_ptr(t, a[1], (size_t)max * sizeof *g, LX_PROT_WRITE)))
        return -LX_EFAULT;
    if ((rc = lx_opt_sigset(t, a[4], a[5], &set, &setp)) < 0)
        return rc;
    if (!(h = malloc((size_t)max * sizeof *h)))
        return -LX_ENOMEM;
    n = lx_ret(syscall(SYS_epoll_pwait, lx_fd(a[0]), h, max, (int)a[3], setp,
                       (size_t)LX_SIGSET_SIZE));
    for (long i = 0; i < n; i++) {
        struct lx_epoll_event e = {.events = h[i].events,
                                   .data = h[i].data.u64};

        memcpy(&g[i], &e, sizeof e);
    }
    free(h);
    return n;
}

long lx_sys_eventfd2(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

long lx_sys_timerfd_create(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

/* struct itimerspec: interval then value, two timespecs. */
long lx_sys_timerfd_settime(struct lx_task *t, const uint64_t a[6])
{
    struct lx_timespec g[2];
    struct itimerspec new_value, old;
    long rc;

    if (lx_copy_in(t, g, a[2], sizeof g) < 0)
        return -LX_EFAULT;
    new_value.it_interval = (struct timespec){g[0].tv_sec, g[0].tv_nsec};
    new_value.it_value = (struct timespec){g[1].tv_sec, g[1].tv_nsec};
    rc = lx_ret(
        syscall(SYS_timerfd_settime, lx_fd(a[0]), (int)a[1], &new_value, &old));
    if (rc < 0 || !a[3])
        return rc;
    g[0] =
        (struct lx_timespec){old.it_interval.tv_sec, old.it_interval.tv_nsec};
    g[1] = (struct lx_timespec){old.it_value.tv_sec, old.it_value.tv_nsec};
    return lx_copy_out(t, a[3], g, sizeof g) < 0 ? -LX_EFAULT : rc;
}

long lx_sys_timerfd_gettime(struct lx_task *t, const uint64_t a[6])
{
    struct itimerspec cur;
    struct lx_timespec g[2];

    if (syscall(SYS_timerfd_gettime, lx_fd(a[0]), &cur) != 0)
        return -errno;
    g[0] =
        (struct lx_timespec){cur.it_interval.tv_sec, cur.it_interval.tv_nsec};
    g[1] = (struct lx_timespec){cur.it_value.tv_sec, cur.it_value.tv_nsec};
    return lx_copy_out(t, a[1], g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_inotify_init1(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

long lx_sys_inotify_add_watch(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_path(t, path, a[1]);

    if (rc < 0)
        return rc;
    return lx_ret(
        syscall(SYS_inotify_add_watch, lx_fd(a[0]), path, (uint32_t)a[2]));
}

long lx_sys_inotify_rm_watch(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_inotify_rm_watch, lx_fd(a[0]), (int)a[1]));
}
