/* syscalls/linux/signal_deliver.c: pending guest signals and their
 * delivery: the queues host handlers fill, default actions, the frame a
 * handler runs on, and rt_sigreturn which takes it down again. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "mm/mm.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

/* Pending signals in arrival order: standard ones at most once, real-time
 * ones as often as they came (up to the capacity). */
#define LX_SIGQ_MAX 64
struct lx_sigqueue {
    uint64_t set; /* bit n-1: signal n has an entry */
    unsigned n;
    struct lx_siginfo q[LX_SIGQ_MAX];
};

struct lx_sigaction lx_sig_actions[LX_NSIG + 1];

static struct lx_sigqueue lx_proc_queue; /* process-directed signals */
static atomic_flag lx_queue_lock = ATOMIC_FLAG_INIT;
static _Thread_local struct lx_task *lx_sig_self;
static gva lx_sig_trampoline; /* guest address of the sigreturn code */

/* Set by lx_signal_inherit: the host's ignored dispositions are still to
 * be copied into lx_sig_actions. */
static atomic_bool lx_ignored_unread;
static pthread_once_t lx_ignored_once = PTHREAD_ONCE_INIT;

/* What execve keeps of the dispositions: the ignored ones, which the
 * host kept for ferry. Read when the guest's dispositions are first
 * looked at, not at start-up: it takes a sigaction call per signal
 * (some 60 system calls), and most programs never look. Nothing before
 * changes the host's disposition of a guest signal: only
 * lx_signal_sync_host_action does, and it looks first. */
static void lx_read_ignored(void)
{
    struct sigaction old;

    for (int sig = 1; sig <= LX_NSIG; sig++)
        if (!(LX_HOST_RESERVED & LX_SIGBIT(sig)) &&
            sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            lx_sig_actions[sig].handler = LX_SIG_IGN;
    atomic_store(&lx_ignored_unread, false);
}

struct lx_sigaction *lx_signal_actions(const struct lx_task *t)
{
    if (t && t->vfork_actions) /* copied from lx_sig_actions, read */
        return t->vfork_actions;
    if (atomic_load(&lx_ignored_unread))
        pthread_once(&lx_ignored_once, lx_read_ignored);
    return lx_sig_actions;
}

/* Where process-directed signals for t go: a vfork child is a process of
 * its own whose memory (this queue included) is its parent's. */
static struct lx_sigqueue *lx_proc_queue_of(const struct lx_task *t)
{
    return t && t->vfork_actions ? t->sig_queue : &lx_proc_queue;
}

void lx_signal_block_all(sigset_t *old)
{
    uint64_t all = ~(uint64_t)0;

    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, old, sizeof all);
}

void lx_signal_set_raw_mask(const sigset_t *mask)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, NULL, sizeof(uint64_t));
}

/* Handlers may run on any thread while others hold the queues: every
 * user blocks host signals on its own thread (all of them: a handler
 * that came in here would spin on the lock its own thread holds), then
 * spins. */
static void lx_queue_enter(sigset_t *old)
{
    lx_signal_block_all(old);
    while (atomic_flag_test_and_set_explicit(&lx_queue_lock,
                                             memory_order_acquire))
        ;
}

static void lx_queue_leave(const sigset_t *old)
{
    atomic_flag_clear_explicit(&lx_queue_lock, memory_order_release);
    lx_signal_set_raw_mask(old);
}

static bool lx_queue_add(struct lx_sigqueue *q, const struct lx_siginfo *info)
{
    int sig = info->si_signo;

    if (sig < LX_SIGRTMIN && (q->set & LX_SIGBIT(sig)))
        return true; /* a standard signal is pending once */
    if (q->n == LX_SIGQ_MAX)
        return false;
    q->q[q->n++] = *info;
    __atomic_or_fetch(&q->set, LX_SIGBIT(sig), __ATOMIC_RELEASE);
    return true;
}

/* Removes the oldest entry of sig from q into *info. */
static bool lx_queue_take(struct lx_sigqueue *q, int sig,
                          struct lx_siginfo *info)
{
    bool more = false, found = false;

    for (unsigned i = 0; i < q->n; i++) {
        if (q->q[i].si_signo != sig)
            continue;
        if (found) {
            more = true;
            break;
        }
        *info = q->q[i];
        memmove(&q->q[i], &q->q[i + 1], (q->n - i - 1) * sizeof q->q[0]);
        q->n--;
        found = true;
        i--;
    }
    if (!more)
        __atomic_and_fetch(&q->set, ~LX_SIGBIT(sig), __ATOMIC_RELEASE);
    return found;
}

static void lx_request_exit(struct lx_task *t)
{
    if (t)
        ((struct cpu_common *)t->env)->exit_request = 1;
}

static void lx_host_handler(int sig, siginfo_t *si, void *uc)
{
    struct lx_task *t = lx_sig_self;
    struct lx_siginfo info;
    int saved = errno;
    bool thread = si->si_code == SI_TKILL;

    (void)uc;
    _Static_assert(sizeof(siginfo_t) == sizeof info, "same siginfo size");
    memcpy(&info, si, sizeof info);
    /* A timer's: the guest's signal and target from timer.c (the host
     * carries 32 and 33 as 32, and loses SIGEV_THREAD_ID's target). */
    if (si->si_code == SI_TIMER)
        lx_timer_route(si->si_timerid, &sig, &thread);
    info.si_signo = sig;
    while (atomic_flag_test_and_set_explicit(&lx_queue_lock,
                                             memory_order_acquire))
        ;
    lx_queue_add(thread && t ? t->sig_queue : lx_proc_queue_of(t), &info);
    atomic_flag_clear_explicit(&lx_queue_lock, memory_order_release);
    lx_request_exit(t);
    errno = saved;
}

bool lx_signal_queue(struct lx_task *t, const struct lx_siginfo *info)
{
    sigset_t old;
    bool ok;

    lx_queue_enter(&old);
    ok = lx_queue_add(t ? t->sig_queue : lx_proc_queue_of(lx_sig_self), info);
    lx_queue_leave(&old);
    lx_request_exit(t ? t : lx_sig_self);
    return ok;
}

static void lx_poke_install(void);

/* What execve keeps: ignored dispositions (read on first use, see
 * lx_read_ignored) and the blocked mask, which the host kept for ferry;
 * taken over once per process. */
static void lx_signal_inherit(struct lx_task *t)
{
    static bool done;
    sigset_t cur;

    if (done)
        return;
    done = true;
    lx_poke_install();
    atomic_store(&lx_ignored_unread, true);
    pthread_sigmask(SIG_SETMASK, NULL, &cur);
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if (!(LX_HOST_RESERVED & LX_SIGBIT(sig)) && sigismember(&cur, sig) == 1)
            t->sig_blocked |= LX_SIGBIT(sig);
}

int lx_signal_thread_start(struct lx_task *t)
{
    lx_signal_inherit(t);
    /* Never the creator's: a new thread's task may be a copy of it. */
    if (!(t->sig_queue = calloc(1, sizeof *t->sig_queue)))
        return -LX_ENOMEM;
    t->sig_restore_mask = false;
    if (t->heap_task) /* a thread sharing memory has no altstack yet */
        t->sig_altstack_sp = t->sig_altstack_size = 0;
    lx_sig_self = t;
    if (!t->tid)
        t->tid = (int)syscall(SYS_gettid);
    if (!t->vfork_actions)
        lx_tasks_add(t);
    return 0;
}

void lx_signal_thread_end(struct lx_task *t)
{
    sigset_t old;

    if (!t->vfork_actions)
        lx_tasks_remove(t); /* first: nobody queues for t after this */
    lx_queue_enter(&old);
    if (lx_sig_self == t)
        lx_sig_self = NULL;
    free(t->sig_queue);
    t->sig_queue = NULL;
    lx_queue_leave(&old);
}

void lx_signal_sync_host_action(const struct lx_task *t, int sig)
{
    const struct lx_sigaction *act = lx_signal_actions(t) + sig;
    struct sigaction sa;

    if (sig < 1 || sig > LX_NSIG || (LX_HOST_RESERVED & LX_SIGBIT(sig)))
        return;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    if (act->handler == LX_SIG_DFL || act->handler == LX_SIG_IGN) {
        sa.sa_handler = act->handler == LX_SIG_DFL ? SIG_DFL : SIG_IGN;
    } else {
        /* No SA_RESTART: a blocking host syscall returns EINTR, and the
         * guest's own flags decide about restarting. */
        sa.sa_sigaction = lx_host_handler;
        sa.sa_flags = SA_SIGINFO;
    }
    sigaction(sig, &sa, NULL);
}

static void lx_host_set(sigset_t *s, uint64_t m)
{
    sigemptyset(s);
    m &= ~LX_HOST_RESERVED;
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if (m & LX_SIGBIT(sig))
            sigaddset(s, sig);
}

void lx_signal_set_host_mask(uint64_t m)
{
    sigset_t s;

    lx_host_set(&s, m);
    pthread_sigmask(SIG_SETMASK, &s, NULL);
}

static uint64_t lx_host_pending(void)
{
    sigset_t s;
    uint64_t m = 0;

    if (sigpending(&s) != 0)
        return 0;
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if (!(LX_HOST_RESERVED & LX_SIGBIT(sig)) && sigismember(&s, sig) == 1)
            m |= LX_SIGBIT(sig);
    return m;
}

static uint64_t lx_queued(const struct lx_task *t)
{
    uint64_t m = __atomic_load_n(&lx_proc_queue_of(t)->set, __ATOMIC_ACQUIRE);

    if (t->sig_queue)
        m |= __atomic_load_n(&t->sig_queue->set, __ATOMIC_ACQUIRE);
    return m;
}

uint64_t lx_signal_queued(const struct lx_task *t)
{
    return t->sig_queue ? __atomic_load_n(&t->sig_queue->set, __ATOMIC_ACQUIRE)
                        : 0;
}

uint64_t lx_signal_pending(struct lx_task *t)
{
    return lx_queued(t) | lx_host_pending();
}

bool lx_signal_deliverable(struct lx_task *t, uint64_t mask)
{
    return (lx_queued(t) & ~mask) != 0;
}

/* Lowest number first, as Linux picks; the thread's own before the
 * process's. */
int lx_signal_dequeue(struct lx_task *t, uint64_t set,
                      struct lx_siginfo *info)
{
    sigset_t old;
    int found = 0;

    if (!(lx_queued(t) & set))
        return 0;
    lx_queue_enter(&old);
    for (int sig = 1; sig <= LX_NSIG && !found; sig++) {
        if (!(set & LX_SIGBIT(sig)))
            continue;
        if ((t->sig_queue && lx_queue_take(t->sig_queue, sig, info)) ||
            (!t->vfork_actions && lx_queue_take(&lx_proc_queue, sig, info)))
            found = sig;
    }
    lx_queue_leave(&old);
    return found;
}

/* The kernel's struct sigaction on x86-64 (the host). */
struct lx_host_ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

#define LX_HOST_SA_RESTORER 0x04000000 /* x86-64 asm/signal.h */

static void lx_poke_handler(int sig, siginfo_t *si, void *uc)
{
    if (si->si_code == SI_TKILL && si->si_pid == getpid())
        lx_request_exit(lx_sig_self);
    else
        lx_host_handler(sig, si, uc);
}

/* glibc's sigaction refuses 32, hence the raw call; x86-64's kernel
 * wants a restorer, and glibc's is read back from the SIGSEGV handler
 * ferry installed through it. No restorer: no pokes. */
static void lx_poke_install(void)
{
    struct lx_host_ksigaction cur, sa = {
        .handler = (void *)lx_poke_handler,
        .flags = SA_SIGINFO | LX_HOST_SA_RESTORER,
        .mask = ~(uint64_t)0,
    };

    if (syscall(SYS_rt_sigaction, SIGSEGV, NULL, &cur, sizeof cur.mask) != 0 ||
        !(cur.flags & LX_HOST_SA_RESTORER))
        return;
    sa.restorer = cur.restorer;
    syscall(SYS_rt_sigaction, LX_POKE_SIG, &sa, NULL, sizeof sa.mask);
}

void lx_signal_poke(const struct lx_task *t)
{
    syscall(SYS_tgkill, getpid(), t->tid, LX_POKE_SIG);
}

void lx_signal_vfork_resume(struct lx_task *t)
{
    lx_sig_self = t;
}

/* Raw syscalls: glibc refuses its two internal signals (32, 33), which a
 * guest may still die of. */
_Noreturn void lx_signal_die(int sig)
{
    struct rlimit no_core = {0, 0};
    struct lx_host_ksigaction dfl = {.handler = SIG_DFL};
    uint64_t unblock = LX_SIGBIT(sig);

    lx_strace_killed(lx_sig_self, sig);
    /* The parent sees WIFSIGNALED with sig, but no core file of ferry. */
    setrlimit(RLIMIT_CORE, &no_core);
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof dfl.mask);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL, sizeof unblock);
    syscall(SYS_tgkill, getpid(), (int)syscall(SYS_gettid), sig);
    _exit(128 + sig);
}

/* A stop signal stops ferry (the host does it); the guest's disposition
 * comes back when it continues. */
static void lx_host_stop(int sig)
{
    sigset_t set;

    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    lx_signal_sync_host_action(lx_sig_self, sig);
}

static void lx_default_action(int sig)
{
    switch (sig) {
    case LX_SIGCHLD:
    case LX_SIGURG:
    case LX_SIGWINCH:
    case LX_SIGCONT:
        return;
    case LX_SIGSTOP:
    case LX_SIGTSTP:
    case LX_SIGTTIN:
    case LX_SIGTTOU:
        lx_host_stop(sig);
        return;
    default:
        lx_signal_die(sig);
    }
}

static uint64_t lx_reg(const struct lx_task *t, uint32_t off)
{
    uint64_t v;

    memcpy(&v, (const char *)t->env + off, sizeof v);
    return v;
}

static void lx_set_reg(struct lx_task *t, uint32_t off, uint64_t v)
{
    memcpy((char *)t->env + off, &v, sizeof v);
}

/* One page holding the architecture's sigreturn code, mapped once per
 * process (ferry has no vDSO to put it in). */
static gva lx_trampoline(struct lx_task *t)
{
    const struct lx_sigframe_abi *fa = t->abi->sigframe;
    int64_t addr;

    if (lx_sig_trampoline)
        return lx_sig_trampoline;
    addr = mm_mmap(t->mm, 0, MM_PAGE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[vdso]");
    if (addr < 0)
        return 0;
    if (mm_write(t->mm, (gva)addr, fa->trampoline, fa->trampoline_len) < 0 ||
        mm_mprotect(t->mm, (gva)addr, MM_PAGE_SIZE, PROT_READ | PROT_EXEC) < 0)
        return 0;
    return lx_sig_trampoline = (gva)addr;
}

static bool lx_on_altstack(const struct lx_task *t, gva sp)
{
    return t->sig_altstack_size && sp > t->sig_altstack_sp &&
           sp - t->sig_altstack_sp <= t->sig_altstack_size;
}

uint32_t lx_signal_altstack_flags(const struct lx_task *t, gva sp)
{
    if (!t->sig_altstack_size)
        return LX_SS_DISABLE;
    return (lx_on_altstack(t, sp) ? LX_SS_ONSTACK : 0) |
           t->sig_altstack_flags;
}

/* Where the frame goes: below sp, or at the top of the alternate stack
 * for SA_ONSTACK when not on it yet; NULL when it does not fit. */
static void *lx_frame_place(struct lx_task *t, const struct lx_sigaction *act,
                            gva *out)
{
    const struct lx_sigframe_abi *fa = t->abi->sigframe;
    gva sp = lx_reg(t, t->abi->sp);

    if ((act->flags & LX_SA_ONSTACK) && t->sig_altstack_size &&
        !lx_on_altstack(t, sp))
        sp = t->sig_altstack_sp + t->sig_altstack_size;
    sp = (sp - fa->frame_size) & ~(gva)(fa->frame_align - 1);
    *out = sp;
    return lx_guest_ptr(t, sp, fa->frame_size, LX_PROT_WRITE);
}

/* The handler runs with its sa_mask (and its own signal unless
 * SA_NODEFER) blocked; SA_RESETHAND makes the next one default. */
static void lx_handler_entered(struct lx_task *t, int sig,
                               struct lx_sigaction *act)
{
    t->sig_blocked |= act->mask;
    if (!(act->flags & LX_SA_NODEFER))
        t->sig_blocked |= LX_SIGBIT(sig);
    t->sig_blocked &= ~(LX_SIGBIT(LX_SIGKILL) | LX_SIGBIT(LX_SIGSTOP));
    if (act->flags & LX_SA_RESETHAND) {
        memset(act, 0, sizeof *act);
        lx_signal_sync_host_action(t, sig);
    }
    lx_signal_set_host_mask(t->sig_blocked);
}

/* Builds the frame for act's handler and enters it. false: no room. */
static bool lx_setup_frame(struct lx_task *t, const struct lx_siginfo *info,
                           struct lx_sigaction *act)
{
    const struct lx_sigframe_abi *fa = t->abi->sigframe;
    struct lx_ucontext_head head = {0};
    gva sp = lx_reg(t, t->abi->sp), frame, ret;
    uint8_t *f;
    int sig = info->si_signo;

    if (!fa)
        return false;
    f = lx_frame_place(t, act, &frame);
    ret = fa->sigaction_has_restorer ? act->restorer : lx_trampoline(t);
    if (!f || !ret)
        return false;
    memset(f, 0, fa->frame_size);
    memcpy(f + fa->info_offset, info, sizeof *info);
    head.uc_stack.ss_sp = t->sig_altstack_sp;
    head.uc_stack.ss_flags = (int32_t)lx_signal_altstack_flags(t, sp);
    head.uc_stack.ss_size = t->sig_altstack_size;
    head.uc_sigmask = t->sig_restore_mask ? t->sig_saved_mask : t->sig_blocked;
    t->sig_restore_mask = false;
    memcpy(f + fa->uc_offset, &head, sizeof head);
    fa->save(t->env, f + fa->uc_offset + fa->mcontext_offset);
    if (t->sig_altstack_flags & LX_SS_AUTODISARM)
        t->sig_altstack_sp = t->sig_altstack_size = 0;
    if (log_enabled(LOG_INT))
        log_printf("int: signal %d (code %d) to handler 0x%llx, frame 0x%llx, "
                   "from pc 0x%llx\n", sig, info->si_code,
                   (unsigned long long)act->handler,
                   (unsigned long long)frame,
                   (unsigned long long)((struct cpu_common *)t->env)->pc);
    fa->enter(t->env, act->handler, frame, ret, (uint64_t)sig,
              frame + fa->info_offset, frame + fa->uc_offset);
    lx_handler_entered(t, sig, act);
    return true;
}

/* Syscalls Linux never restarts after a handler ran (they return EINTR
 * whatever SA_RESTART says), and rt_sigreturn, whose result is the
 * restored register. */
static bool lx_restartable(uint64_t nr)
{
    switch (nr) {
    case 22:  /* epoll_pwait */
    case 72:  /* pselect6 */
    case 73:  /* ppoll */
    case 101: /* nanosleep */
    case 115: /* clock_nanosleep */
    case 133: /* rt_sigsuspend */
    case 137: /* rt_sigtimedwait */
    case 139: /* rt_sigreturn */
    case 441: /* epoll_pwait2 */
        return false;
    default:
        return true;
    }
}

static void lx_restart_syscall(struct lx_task *t, uint64_t orig_a0)
{
    struct cpu_common *cpu = t->env;

    cpu->pc -= t->abi->syscall_insn_len;
    lx_set_reg(t, t->abi->syscall_arg[0], orig_a0);
}

/* Frames for a handler that cannot be built: the guest dies of SIGSEGV,
 * as Linux forces it. */
static void lx_frame_failed(struct lx_task *t, int sig)
{
    const struct cpu_common *cpu = t->env;

    fprintf(stderr, "ferry: %s: no room for the frame of signal %d at pc "
            "0x%llx: killed by SIGSEGV\n", t->exe_path ? t->exe_path : "guest",
            sig, (unsigned long long)cpu->pc);
    lx_signal_die(SIGSEGV);
}

void lx_signal_deliver(struct lx_task *t, long ret, uint64_t nr,
                       uint64_t orig_a0)
{
    bool interrupted = ret == -LX_EINTR && lx_restartable(nr);
    struct lx_siginfo info;
    int sig;

    while ((sig = lx_signal_dequeue(t, ~t->sig_blocked, &info))) {
        struct lx_sigaction *act = lx_signal_actions(t) + sig;

        lx_strace_signal(t, &info);
        if (act->handler == LX_SIG_IGN)
            continue;
        if (act->handler == LX_SIG_DFL) {
            lx_default_action(sig);
            continue;
        }
        if (interrupted && (act->flags & LX_SA_RESTART))
            lx_restart_syscall(t, orig_a0);
        interrupted = false;
        if (!lx_setup_frame(t, &info, act))
            lx_frame_failed(t, sig);
    }
    /* No handler ran: Linux restarts whatever SA_RESTART says (a poke, a
     * stop and continue, a signal another thread took first). */
    if (interrupted)
        lx_restart_syscall(t, orig_a0);
    if (t->sig_restore_mask) {
        t->sig_blocked = t->sig_saved_mask;
        t->sig_restore_mask = false;
        lx_signal_set_host_mask(t->sig_blocked);
    }
}

void lx_signal_force(struct lx_task *t, const struct lx_siginfo *info,
                     const char *what)
{
    int sig = info->si_signo;
    struct lx_sigaction *act = lx_signal_actions(t) + sig;
    const struct cpu_common *cpu = t->env;

    lx_strace_signal(t, info);
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("guest_errors: %s at pc 0x%llx (signal %d)\n", what,
                   (unsigned long long)cpu->pc, sig);
    if (act->handler > LX_SIG_IGN && !(t->sig_blocked & LX_SIGBIT(sig))) {
        if (!lx_setup_frame(t, info, act))
            lx_frame_failed(t, sig);
        return;
    }
    fprintf(stderr, "ferry: %s: %s at pc 0x%llx: killed by SIG%s\n",
            t->exe_path ? t->exe_path : "guest", what,
            (unsigned long long)cpu->pc, sigabbrev_np(sig));
    lx_signal_die(sig);
}

/* rt_sigreturn(2): the handler's frame is at sp; everything it saved comes
 * back, the (possibly edited) pc included. The result is the restored
 * result register, so the dispatcher's write changes nothing. */
long lx_sys_rt_sigreturn(struct lx_task *t, const uint64_t a[6])
{
    const struct lx_sigframe_abi *fa = t->abi->sigframe;
    gva frame = lx_reg(t, t->abi->sp);
    const uint8_t *f;
    struct lx_ucontext_head head;

    (void)a;
    if (!fa)
        return -LX_ENOSYS;
    f = lx_guest_ptr(t, frame, fa->frame_size, LX_PROT_READ);
    if (!f) {
        struct lx_siginfo info = {.si_signo = LX_SIGSEGV,
                                  .si_code = LX_SI_KERNEL};
        lx_signal_force(t, &info, "bad signal frame");
        return (long)lx_reg(t, t->abi->syscall_ret);
    }
    memcpy(&head, f + fa->uc_offset, sizeof head);
    fa->restore(t->env, f + fa->uc_offset + fa->mcontext_offset);
    t->sig_blocked = head.uc_sigmask &
                     ~(LX_SIGBIT(LX_SIGKILL) | LX_SIGBIT(LX_SIGSTOP));
    lx_signal_set_host_mask(t->sig_blocked);
    lx_signal_set_altstack(t, &head.uc_stack, lx_reg(t, t->abi->sp));
    return (long)lx_reg(t, t->abi->syscall_ret);
}

void lx_signal_exec_reset(struct lx_task *t)
{
    for (int sig = 1; sig <= LX_NSIG; sig++) {
        struct lx_sigaction *act = lx_signal_actions(t) + sig;

        if (act->handler != LX_SIG_IGN) {
            memset(act, 0, sizeof *act);
            lx_signal_sync_host_action(t, sig);
        }
    }
    lx_sig_trampoline = 0; /* the address space is new */
    t->sig_altstack_sp = t->sig_altstack_size = 0;
    t->sig_altstack_flags = 0;
}
