/* syscalls/linux/signal.c: the signal syscalls: dispositions, masks,
 * sending, waiting, the alternate stack and interval timers. Signals a
 * guest sends itself are queued by ferry; others go through the host. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

#define LX_UNBLOCKABLE (LX_SIGBIT(LX_SIGKILL) | LX_SIGBIT(LX_SIGSTOP))

static bool lx_valid_sig(uint64_t sig)
{
    return sig >= 1 && sig <= LX_NSIG;
}

/* The guest's struct sigaction: handler, flags, [restorer,] mask. */
static int lx_get_sigaction(struct lx_task *t, gva addr,
                            struct lx_sigaction *out)
{
    bool r = t->abi->sigframe && t->abi->sigframe->sigaction_has_restorer;
    uint64_t w[4];

    if (lx_copy_in(t, w, addr, (r ? 4 : 3) * sizeof w[0]) < 0)
        return -LX_EFAULT;
    out->handler = w[0];
    out->flags = w[1];
    out->restorer = r ? w[2] : 0;
    out->mask = w[r ? 3 : 2];
    return 0;
}

static int lx_put_sigaction(struct lx_task *t, gva addr,
                            const struct lx_sigaction *in)
{
    bool r = t->abi->sigframe && t->abi->sigframe->sigaction_has_restorer;
    uint64_t w[4] = {in->handler, in->flags, r ? in->restorer : in->mask,
                     in->mask};

    return lx_copy_out(t, addr, w, (r ? 4 : 3) * sizeof w[0]);
}

/* Setting SIG_IGN (or SIG_DFL for a signal ignored by default) drops
 * what is pending of it, as POSIX says. */
static void lx_discard_pending(struct lx_task *t, int sig)
{
    struct lx_siginfo info;
    uint64_t h = lx_signal_actions(t)[sig].handler;
    bool ign_default = sig == LX_SIGCHLD || sig == LX_SIGURG ||
                       sig == LX_SIGWINCH;

    if (h == LX_SIG_IGN || (h == LX_SIG_DFL && ign_default))
        while (lx_signal_dequeue(t, LX_SIGBIT(sig), &info))
            ;
}

long lx_sys_rt_sigaction(struct lx_task *t, const uint64_t a[6])
{
    struct lx_sigaction act, old;
    int sig = (int)a[0];

    if (a[3] != 8 || !lx_valid_sig(a[0]))
        return -LX_EINVAL;
    if (a[1] && (sig == LX_SIGKILL || sig == LX_SIGSTOP))
        return -LX_EINVAL;
    if (a[1] && lx_get_sigaction(t, a[1], &act) < 0)
        return -LX_EFAULT;
    old = lx_signal_actions(t)[sig];
    if (a[1]) {
        act.mask &= ~LX_UNBLOCKABLE;
        lx_signal_actions(t)[sig] = act;
        lx_signal_sync_host_action(t, sig);
        lx_discard_pending(t, sig);
    }
    if (a[2] && lx_put_sigaction(t, a[2], &old) < 0)
        return -LX_EFAULT;
    return 0;
}

long lx_sys_rt_sigprocmask(struct lx_task *t, const uint64_t a[6])
{
    uint64_t old = t->sig_blocked, set;

    if (a[3] != 8)
        return -LX_EINVAL;
    if (a[1]) {
        if (lx_copy_in(t, &set, a[1], sizeof set) < 0)
            return -LX_EFAULT;
        switch (a[0]) {
        case LX_SIG_BLOCK: set = old | set; break;
        case LX_SIG_UNBLOCK: set = old & ~set; break;
        case LX_SIG_SETMASK: break;
        default: return -LX_EINVAL;
        }
        t->sig_blocked = set & ~LX_UNBLOCKABLE;
        lx_signal_set_host_mask(t->sig_blocked);
    }
    if (a[2] && lx_copy_out(t, a[2], &old, sizeof old) < 0)
        return -LX_EFAULT;
    return 0;
}

long lx_sys_rt_sigpending(struct lx_task *t, const uint64_t a[6])
{
    uint64_t set = lx_signal_pending(t) & t->sig_blocked;

    if (a[1] > 8)
        return -LX_EINVAL;
    return lx_copy_out(t, a[0], &set, a[1]);
}

static void lx_host_sigset(sigset_t *s, uint64_t m)
{
    sigemptyset(s);
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if ((m & LX_SIGBIT(sig)) && sig != 32 && sig != 33)
            sigaddset(s, sig);
}

/* Waits with the guest mask set to the argument until a signal is to be
 * delivered; the delivery puts the old mask back (in the frame). */
long lx_sys_rt_sigsuspend(struct lx_task *t, const uint64_t a[6])
{
    uint64_t mask;
    sigset_t host;

    if (a[1] != 8)
        return -LX_EINVAL;
    if (lx_copy_in(t, &mask, a[0], sizeof mask) < 0)
        return -LX_EFAULT;
    t->sig_saved_mask = t->sig_blocked;
    t->sig_restore_mask = true;
    t->sig_blocked = mask & ~LX_UNBLOCKABLE;
    /* All blocked from the check to the wait: a signal coming between
     * them stays pending in the host and ends the wait at once. */
    lx_signal_block_all(NULL);
    if (!lx_signal_deliverable(t, t->sig_blocked)) {
        lx_host_sigset(&host, t->sig_blocked);
        sigsuspend(&host);
    }
    lx_signal_set_host_mask(t->sig_blocked);
    return -LX_EINTR;
}

static long lx_put_info(struct lx_task *t, gva addr, int sig,
                        const struct lx_siginfo *info)
{
    if (addr && lx_copy_out(t, addr, info, sizeof *info) < 0)
        return -LX_EFAULT;
    return sig;
}

/* Ferry's queues first, then the host's pending signals. */
long lx_sys_rt_sigtimedwait(struct lx_task *t, const uint64_t a[6])
{
    struct lx_timespec g;
    struct timespec ts;
    struct lx_siginfo info;
    siginfo_t hi;
    sigset_t hs;
    uint64_t set;
    int sig;

    if (a[3] != 8)
        return -LX_EINVAL;
    if (lx_copy_in(t, &set, a[0], sizeof set) < 0 ||
        (a[2] && lx_copy_in(t, &g, a[2], sizeof g) < 0))
        return -LX_EFAULT;
    set &= ~LX_UNBLOCKABLE;
    if ((sig = lx_signal_dequeue(t, set, &info)))
        return lx_put_info(t, a[1], sig, &info);
    ts.tv_sec = g.tv_sec;
    ts.tv_nsec = g.tv_nsec;
    lx_host_sigset(&hs, set);
    sig = sigtimedwait(&hs, &hi, a[2] ? &ts : NULL);
    if (sig > 0) {
        memcpy(&info, &hi, sizeof info);
        return lx_put_info(t, a[1], sig, &info);
    }
    if (errno == EINTR && (sig = lx_signal_dequeue(t, set, &info)))
        return lx_put_info(t, a[1], sig, &info);
    return -errno;
}

static struct lx_siginfo lx_user_info(int sig, int code)
{
    struct lx_siginfo info = {.si_signo = sig, .si_code = code};

    info.u.kill.pid = getpid();
    info.u.kill.uid = getuid();
    return info;
}

static bool lx_host_owned(int sig);

/* A signal for this thread (thread) or this process. One the thread
 * blocks waits in the host, where signalfd, sigtimedwait and sigpending
 * see it, and whence the host handler takes it once unblocked (the info
 * kept: the process may pose as anyone to itself); the others are queued
 * for delivery after this call. */
static long lx_send_self(struct lx_task *t, bool thread,
                         const struct lx_siginfo *info)
{
    int sig = info->si_signo;
    siginfo_t hi;

    if (sig == 0)
        return 0;
    if ((t->sig_blocked & LX_SIGBIT(sig)) && !lx_host_owned(sig)) {
        /* The host makes SI_TKILL and SI_USER infos itself (it turns a
         * queued SI_TKILL into SI_USER); the others keep ours. */
        if (info->si_code == LX_SI_TKILL)
            return lx_ret(syscall(SYS_tgkill, getpid(), t->tid, sig));
        if (info->si_code == LX_SI_USER && !thread)
            return lx_ret(kill(getpid(), sig));
        memcpy(&hi, info, sizeof hi);
        if (thread)
            return lx_ret(syscall(SYS_rt_tgsigqueueinfo, getpid(), t->tid,
                                  sig, &hi));
        return lx_ret(syscall(SYS_rt_sigqueueinfo, getpid(), sig, &hi));
    }
    return lx_signal_queue(thread ? t : NULL, info) ? 0 : -LX_EAGAIN;
}

static int lx_tid(struct lx_task *t)
{
    if (!t->tid)
        t->tid = (int)syscall(SYS_gettid);
    return t->tid;
}

long lx_sys_kill(struct lx_task *t, const uint64_t a[6])
{
    int pid = (int)a[0], sig = (int)a[1];
    struct lx_siginfo info = lx_user_info(sig, LX_SI_USER);

    if (a[1] > LX_NSIG)
        return -LX_EINVAL;
    if (pid == getpid())
        return lx_send_self(t, false, &info);
    return lx_ret(kill(pid, sig));
}

/* Host glibc owns 32 and 33 (SIGCANCEL, SIGSETXID) in this process:
 * the guest's, for another thread of it, are queued by ferry. */
static bool lx_host_owned(int sig)
{
    return sig >= 1 && sig <= LX_NSIG && (LX_HOST_GLIBC_SIGS & LX_SIGBIT(sig));
}

long lx_sys_tgkill(struct lx_task *t, const uint64_t a[6])
{
    int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
    struct lx_siginfo info = lx_user_info(sig, LX_SI_TKILL);

    if (a[2] > LX_NSIG || tgid <= 0 || tid <= 0)
        return -LX_EINVAL;
    if (tgid == getpid() && tid == lx_tid(t))
        return lx_send_self(t, true, &info);
    if (tgid == getpid() && lx_host_owned(sig))
        return lx_tasks_signal(tid, &info);
    return lx_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

/* tkill(tid, sig): a thread of this process or of another. */
long lx_sys_tkill(struct lx_task *t, const uint64_t a[6])
{
    int tid = (int)a[0], sig = (int)a[1];
    struct lx_siginfo info = lx_user_info(sig, LX_SI_TKILL);
    long ret;

    if (tid <= 0 || a[1] > LX_NSIG)
        return -LX_EINVAL;
    if (tid == lx_tid(t))
        return lx_send_self(t, true, &info);
    if (lx_host_owned(sig) && (ret = lx_tasks_signal(tid, &info)) != -LX_ESRCH)
        return ret;
    return lx_ret(syscall(SYS_tkill, tid, sig));
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: a caller may not pose as the
 * kernel or as kill() towards another process. */
static long lx_sigqueue(struct lx_task *t, int tgid, int tid, uint64_t sig,
                        gva uinfo)
{
    struct lx_siginfo info;
    siginfo_t hi;

    if (!lx_valid_sig(sig))
        return -LX_EINVAL;
    if (lx_copy_in(t, &info, uinfo, sizeof info) < 0)
        return -LX_EFAULT;
    info.si_signo = (int)sig;
    if (tgid == getpid() && (tid == 0 || tid == lx_tid(t)))
        return lx_send_self(t, tid != 0, &info);
    if (tgid != getpid() && (info.si_code >= 0 || info.si_code == LX_SI_TKILL))
        return -LX_EPERM;
    if (tgid == getpid() && tid && lx_host_owned((int)sig))
        return lx_tasks_signal(tid, &info);
    memcpy(&hi, &info, sizeof hi);
    if (tid)
        return lx_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, (int)sig, &hi));
    return lx_ret(syscall(SYS_rt_sigqueueinfo, tgid, (int)sig, &hi));
}

long lx_sys_rt_sigqueueinfo(struct lx_task *t, const uint64_t a[6])
{
    return lx_sigqueue(t, (int)a[0], 0, a[1], a[2]);
}

long lx_sys_rt_tgsigqueueinfo(struct lx_task *t, const uint64_t a[6])
{
    if ((int)a[0] <= 0 || (int)a[1] <= 0)
        return -LX_EINVAL;
    return lx_sigqueue(t, (int)a[0], (int)a[1], a[2], a[3]);
}

long lx_signal_set_altstack(struct lx_task *t, const struct lx_stack *ss,
                            gva sp)
{
    uint32_t mode = (uint32_t)ss->ss_flags & ~LX_SS_AUTODISARM;

    if (t->sig_altstack_size && sp > t->sig_altstack_sp &&
        sp - t->sig_altstack_sp <= t->sig_altstack_size)
        return -LX_EPERM;
    if (mode != 0 && mode != LX_SS_DISABLE && mode != LX_SS_ONSTACK)
        return -LX_EINVAL;
    if (mode == LX_SS_DISABLE) {
        t->sig_altstack_sp = t->sig_altstack_size = 0;
        t->sig_altstack_flags = 0;
        return 0;
    }
    if (ss->ss_size < LX_MINSIGSTKSZ)
        return -LX_ENOMEM;
    t->sig_altstack_sp = ss->ss_sp;
    t->sig_altstack_size = ss->ss_size;
    t->sig_altstack_flags = (uint32_t)ss->ss_flags & LX_SS_AUTODISARM;
    return 0;
}

long lx_sys_sigaltstack(struct lx_task *t, const uint64_t a[6])
{
    gva sp;
    struct lx_stack ss, old;
    long rc;

    memcpy(&sp, (const char *)t->env + t->abi->sp, sizeof sp);
    old = (struct lx_stack){.ss_sp = t->sig_altstack_sp,
                            .ss_size = t->sig_altstack_size,
                            .ss_flags =
                                (int32_t)lx_signal_altstack_flags(t, sp)};
    if (a[0]) {
        if (lx_copy_in(t, &ss, a[0], sizeof ss) < 0)
            return -LX_EFAULT;
        if ((rc = lx_signal_set_altstack(t, &ss, sp)) < 0)
            return rc;
    }
    if (a[1] && lx_copy_out(t, a[1], &old, sizeof old) < 0)
        return -LX_EFAULT;
    return 0;
}

/* struct itimerval: two timevals, the same on the host (x86-64). */
_Static_assert(sizeof(struct itimerval) == 2 * sizeof(struct lx_timeval),
               "itimerval layout");

long lx_sys_getitimer(struct lx_task *t, const uint64_t a[6])
{
    struct itimerval cur;

    if (getitimer((int)a[0], &cur) != 0)
        return -errno;
    return lx_copy_out(t, a[1], &cur, sizeof cur);
}

long lx_sys_setitimer(struct lx_task *t, const uint64_t a[6])
{
    struct itimerval nv, old;

    if (a[1] && lx_copy_in(t, &nv, a[1], sizeof nv) < 0)
        return -LX_EFAULT;
    if (!a[1])
        memset(&nv, 0, sizeof nv);
    if (setitimer((int)a[0], &nv, &old) != 0)
        return -errno;
    return a[2] ? lx_copy_out(t, a[2], &old, sizeof old) : 0;
}
