/* syscalls/linux/timer.c: POSIX per-process timers (timer_create(2),
 * timer_settime(2), timer_gettime(2), timer_getoverrun(2),
 * timer_delete(2)). Each guest timer is a host timer with the same id:
 * the host kernel keeps time and sends the guest's signal to this process
 * or thread (guest tids are host tids) with si_code SI_TIMER, si_timerid,
 * si_overrun and the guest's sigev_value, a siginfo whose layout x86-64
 * shares with the generic one, so the signal code hands it to the guest
 * as it is. The host deletes the timers at execve (ferry re-executes
 * itself) and a forked child has none, as on Linux. Signals 32 and 33 are
 * host glibc's: such a timer raises host signal 32 (LX_POKE_SIG),
 * and a table by timer id (lx_timer_route) tells ferry's handler the
 * guest's signal, and whether it is for the named thread. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
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

/* Timer signals the host cannot carry for the guest are ferry's own fault
 * signals (LX_HOST_FAULT_SIGS); the guest's timers for host glibc's
 * LX_HOST_GLIBC_SIGS raise LX_POKE_SIG instead, which ferry's poke
 * handler receives and routes. */

/* Timers whose signal ferry's handler routes itself: rerouted ones and
 * SIGEV_THREAD_ID ones. key is the timer id + 1 (0: free), stored last
 * with release so a handler that sees it sees sig and thread too. Only
 * timer_create and timer_delete write, under the lock. */
#define LX_TIMER_ROUTES 64
static struct {
    atomic_int key;
    int sig;
    bool thread;
} lx_timer_routes[LX_TIMER_ROUTES];
static pthread_mutex_t lx_timer_routes_lock = PTHREAD_MUTEX_INITIALIZER;

/* Async-signal-safe: no lock, only the keys' acquire loads. */
bool lx_timer_route(int id, int *sig, bool *thread)
{
    for (int i = 0; i < LX_TIMER_ROUTES; i++) {
        if (atomic_load_explicit(&lx_timer_routes[i].key,
                                 memory_order_acquire) != id + 1)
            continue;
        *sig = lx_timer_routes[i].sig;
        *thread = lx_timer_routes[i].thread;
        return true;
    }
    return false;
}

/* Forgets id (a deleted timer, or a stale entry a forked child kept),
 * then records it when sig is nonzero. false: the table is full. */
static bool lx_timer_route_set(int id, int sig, bool thread)
{
    int free_slot = -1;
    bool ok = !sig;

    pthread_mutex_lock(&lx_timer_routes_lock);
    for (int i = 0; i < LX_TIMER_ROUTES; i++) {
        int key = atomic_load_explicit(&lx_timer_routes[i].key,
                                       memory_order_relaxed);

        if (key == id + 1)
            atomic_store_explicit(&lx_timer_routes[i].key, 0,
                                  memory_order_release);
        if ((key == id + 1 || !key) && free_slot < 0)
            free_slot = i;
    }
    if (sig && free_slot >= 0) {
        lx_timer_routes[free_slot].sig = sig;
        lx_timer_routes[free_slot].thread = thread;
        atomic_store_explicit(&lx_timer_routes[free_slot].key, id + 1,
                              memory_order_release);
        ok = true;
    }
    pthread_mutex_unlock(&lx_timer_routes_lock);
    return ok;
}

/* The guest's sigevent as the host's, field by field; a rerouted signal
 * becomes LX_POKE_SIG. */
static void lx_sigevent_to_host(const struct lx_sigevent *g, struct sigevent *h)
{
    bool rerouted = g->sigev_notify != LX_SIGEV_NONE && g->sigev_signo >= 1 &&
                    g->sigev_signo <= LX_NSIG &&
                    (LX_HOST_GLIBC_SIGS & LX_SIGBIT(g->sigev_signo));

    memset(h, 0, sizeof *h);
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->sigev_value;
    h->sigev_signo = rerouted ? LX_POKE_SIG : g->sigev_signo;
    h->sigev_notify = g->sigev_notify;
    h->_sigev_un._tid = g->sigev_tid;
}

/* What the route table keeps for a new timer with sigevent g (NULL: the
 * default, SIGALRM to the process): true when the handler needs it. */
static bool lx_timer_routed(const struct lx_sigevent *g, int *sig,
                            bool *thread)
{
    if (!g || g->sigev_notify == LX_SIGEV_NONE)
        return false;
    *sig = g->sigev_signo;
    *thread = (g->sigev_notify & LX_SIGEV_THREAD_ID) != 0;
    return *thread || (LX_HOST_GLIBC_SIGS & LX_SIGBIT(*sig));
}

/* A signal this timer would raise that ferry cannot pass on: logged
 * once under -d unimp, and refused as the kernel refuses a bad one. */
static bool lx_timer_unroutable(const struct lx_sigevent *g)
{
    static bool logged;
    int sig = g->sigev_signo;

    if (g->sigev_notify == LX_SIGEV_NONE || sig < 1 || sig > LX_NSIG ||
        !(LX_HOST_FAULT_SIGS & LX_SIGBIT(sig)))
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
    int sig = 0;
    bool routed, thread = false;
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
    /* Not armed yet, so no signal comes before the route is in. A
     * SIGEV_THREAD_ID timer without one goes to the process queue. */
    routed = lx_timer_routed(a[1] ? &g : NULL, &sig, &thread);
    if (!lx_timer_route_set(id, routed ? sig : 0, thread) && routed &&
        (LX_HOST_GLIBC_SIGS & LX_SIGBIT(sig))) {
        syscall(SYS_timer_delete, id);
        return -LX_EAGAIN;
    }
    /* The kernel drops the new timer when it cannot report its id. */
    if (lx_copy_out(t, a[2], &id, sizeof id) < 0) {
        syscall(SYS_timer_delete, id);
        lx_timer_route_set(id, 0, false);
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
    long rc = lx_ret(syscall(SYS_timer_delete, (int)a[0]));

    (void)t;
    /* A signal of it still pending reaches the guest as the host sent it
     * (a rerouted one as signal 32, to the process). */
    if (rc == 0)
        lx_timer_route_set((int)a[0], 0, false);
    return rc;
}
