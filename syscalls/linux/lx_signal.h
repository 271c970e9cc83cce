/* syscalls/linux/lx_signal.h: guest signals in user mode: the generic
 * (asm-generic) signal ABI, the per-architecture frame interface a frontend
 * implements, and what signal.c, signal_deliver.c and lx_run.c share. */
#ifndef FERRY_SYSCALLS_LINUX_LX_SIGNAL_H
#define FERRY_SYSCALLS_LINUX_LX_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "syscalls/linux/linux.h"

/* Signal numbers 1..64 (generic numbering, equal to x86-64's). */
#define LX_NSIG 64
#define LX_SIGHUP 1
#define LX_SIGINT 2
#define LX_SIGQUIT 3
#define LX_SIGILL 4
#define LX_SIGTRAP 5
#define LX_SIGABRT 6
#define LX_SIGBUS 7
#define LX_SIGFPE 8
#define LX_SIGKILL 9
#define LX_SIGUSR1 10
#define LX_SIGSEGV 11
#define LX_SIGUSR2 12
#define LX_SIGPIPE 13
#define LX_SIGALRM 14
#define LX_SIGTERM 15
#define LX_SIGCHLD 17
#define LX_SIGCONT 18
#define LX_SIGSTOP 19
#define LX_SIGTSTP 20
#define LX_SIGTTIN 21
#define LX_SIGTTOU 22
#define LX_SIGURG 23
#define LX_SIGWINCH 28
#define LX_SIGSYS 31
#define LX_SIGRTMIN 32

/* Bit of signal sig (1..64) in a 64-bit sigset. */
#define LX_SIGBIT(sig) ((uint64_t)1 << ((sig) - 1))

/* Signals ferry never hands to the host as the guest's: its own fault
 * signals (LX_HOST_FAULT_SIGS), host glibc's two internal ones
 * (LX_HOST_GLIBC_SIGS: SIGCANCEL, SIGSETXID), and the uncatchable ones. */
#define LX_HOST_FAULT_SIGS                                                     \
    (LX_SIGBIT(LX_SIGSEGV) | LX_SIGBIT(LX_SIGBUS) | LX_SIGBIT(LX_SIGILL) |     \
     LX_SIGBIT(LX_SIGFPE) | LX_SIGBIT(LX_SIGTRAP))
#define LX_HOST_GLIBC_SIGS (LX_SIGBIT(32) | LX_SIGBIT(33))
#define LX_HOST_RESERVED                                                       \
    (LX_SIGBIT(LX_SIGKILL) | LX_SIGBIT(LX_SIGSTOP) | LX_HOST_FAULT_SIGS |      \
     LX_HOST_GLIBC_SIGS)

/* Host signal 32 is glibc's SIGCANCEL, which ferry itself never uses
 * (no pthread_cancel): from this process it is a poke (lx_signal_poke)
 * that only has to interrupt a blocking syscall, or a guest timer's for
 * its signal 32 or 33 (timer.c); from elsewhere, the guest's signal 32. */
#define LX_POKE_SIG 32

/* sa_flags (asm-generic/signal-defs.h). */
#define LX_SA_SIGINFO 0x00000004u
#define LX_SA_ONSTACK 0x08000000u
#define LX_SA_RESTART 0x10000000u
#define LX_SA_NODEFER 0x40000000u
#define LX_SA_RESETHAND 0x80000000u

#define LX_SIG_DFL 0
#define LX_SIG_IGN 1

#define LX_SIG_BLOCK 0
#define LX_SIG_UNBLOCK 1
#define LX_SIG_SETMASK 2

/* sigaltstack ss_flags. */
#define LX_SS_ONSTACK 1
#define LX_SS_DISABLE 2
#define LX_SS_AUTODISARM (1u << 31)
#define LX_MINSIGSTKSZ 2048

/* si_code values. */
#define LX_SI_USER 0
#define LX_SI_KERNEL 0x80
#define LX_SI_QUEUE (-1)
#define LX_SI_TKILL (-6)
#define LX_ILL_ILLOPC 1
#define LX_TRAP_BRKPT 1
#define LX_SEGV_MAPERR 1
#define LX_SEGV_ACCERR 2
#define LX_BUS_ADRALN 1

/* asm-generic siginfo, 64-bit: three ints, padding, then a union whose
 * members used here all start at 16. x86-64's layout is the same, so a
 * host siginfo_t is copied as is. */
struct lx_siginfo {
    int32_t si_signo;
    int32_t si_errno;
    int32_t si_code;
    int32_t pad0;
    union {
        struct {
            int32_t pid;   /* kill, rt, chld: sender */
            uint32_t uid;
            uint64_t value; /* rt: sigval; chld: status */
        } kill;
        uint64_t addr;     /* faults: si_addr */
        uint8_t raw[112];
    } u;
};
_Static_assert(sizeof(struct lx_siginfo) == 128, "siginfo is 128 bytes");

/* The guest's stack_t: ss_sp, ss_flags (int, padded), ss_size. */
struct lx_stack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};
_Static_assert(sizeof(struct lx_stack) == 24, "stack_t is 24 bytes");

/* The generic head of struct ucontext: flags, link, stack, mask, then
 * padding to 128 bytes of sigset (1024 bits); the architecture's
 * mcontext follows at its own alignment (struct lx_sigframe_abi). */
struct lx_ucontext_head {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct lx_stack uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[120];
};
_Static_assert(sizeof(struct lx_ucontext_head) == 168, "ucontext head");

/* How one architecture builds and reads its rt_sigframe. A frame is
 * siginfo at info_offset and the ucontext at uc_offset; the frontend
 * saves and restores its registers in the ucontext's mcontext. */
struct lx_sigframe_abi {
    uint32_t frame_size;   /* bytes of struct rt_sigframe */
    uint32_t info_offset;  /* of the siginfo in the frame */
    uint32_t uc_offset;    /* of the ucontext in the frame */
    uint32_t mcontext_offset; /* of uc_mcontext in the ucontext */
    uint32_t frame_align;  /* the frame's address is a multiple of it */
    bool sigaction_has_restorer; /* struct sigaction has sa_restorer
                                    between sa_flags and sa_mask */
    /* Writes env's registers into mc (host memory of the frame). */
    void (*save)(const void *env, void *mc);
    /* Loads env's registers from mc. */
    void (*restore)(void *env, const void *mc);
    /* Enters a handler: pc, stack, return address, three arguments. */
    void (*enter)(void *env, gva handler, gva sp, gva ret, uint64_t a0,
                  uint64_t a1, uint64_t a2);
    /* The sigreturn trampoline's code, copied into a guest page. */
    const uint8_t *trampoline;
    uint32_t trampoline_len;
};

/* A guest sigaction as ferry keeps it. */
struct lx_sigaction {
    uint64_t handler; /* guest address, LX_SIG_DFL or LX_SIG_IGN */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

/* --- signal_deliver.c --------------------------------------------------- */

/* The process's dispositions (shared by all its threads). */
extern struct lx_sigaction lx_sig_actions[LX_NSIG + 1];

/* The dispositions t follows: lx_sig_actions, or a vfork child's own. */
struct lx_sigaction *lx_signal_actions(const struct lx_task *t);

/* Sets up signal handling for t on the calling host thread (before it
 * runs guest code): its queue, the thread-local pointer the host handlers
 * use. Returns 0 or -LX_ENOMEM. */
int lx_signal_thread_start(struct lx_task *t);
void lx_signal_thread_end(struct lx_task *t);

/* Makes the host disposition of sig follow t's guest one: a host handler
 * that records the signal when the guest has one, the host's SIG_DFL or
 * SIG_IGN otherwise. */
void lx_signal_sync_host_action(const struct lx_task *t, int sig);

/* Interrupts t's blocking host syscall, if it is in one, so that it
 * looks at its queue (a host signal only ferry uses; t is another thread
 * of this process). */
void lx_signal_poke(const struct lx_task *t);

/* A vfork parent back from its child, on the host thread the child
 * borrowed: signals are recorded for t again. */
void lx_signal_vfork_resume(struct lx_task *t);

/* Sets the host signal mask from the guest mask m (the signals ferry
 * handles itself left out). */
void lx_signal_set_host_mask(uint64_t m);

/* Blocks every host signal on this thread, glibc's own 32 and 33 too:
 * its sigprocmask leaves them open, and they carry the guest's timer
 * signals and the poke, whose handler takes the signal queues. old (may
 * be NULL) gets the mask lx_signal_set_raw_mask puts back. */
void lx_signal_block_all(sigset_t *old);
void lx_signal_set_raw_mask(const sigset_t *mask);

/* Queues sig for t (thread-directed) or for the process (t NULL) and asks
 * the running thread to leave translated code. Standard signals are
 * queued once; real-time ones in order. false: the queue is full. */
bool lx_signal_queue(struct lx_task *t, const struct lx_siginfo *info);

/* The pending signals of t and its process (the host's included). */
uint64_t lx_signal_pending(struct lx_task *t);

/* The signals on t's own queue (ferry's, not the host's). */
uint64_t lx_signal_queued(const struct lx_task *t);

/* Takes the lowest pending signal in set (blocked or not) into *info;
 * 0 if none. */
int lx_signal_dequeue(struct lx_task *t, uint64_t set,
                      struct lx_siginfo *info);

/* Whether a signal not blocked by mask is pending. */
bool lx_signal_deliverable(struct lx_task *t, uint64_t mask);

/* Delivers every deliverable pending signal: frames for handlers, default
 * actions otherwise. syscall_ret: the result the last syscall gave
 * (it decides EINTR vs restart), or 0 when none ran; orig_a0: that
 * syscall's first argument, for a restart. */
void lx_signal_deliver(struct lx_task *t, long syscall_ret, uint64_t nr,
                       uint64_t orig_a0);

/* A synchronous signal (trap, fault) at the current pc: the guest handler
 * runs if there is one and it is not blocked, else ferry dies of it after
 * one line naming what. */
void lx_signal_force(struct lx_task *t, const struct lx_siginfo *info,
                     const char *what);

/* execve within this ferry process: handlers become SIG_DFL (ignored
 * signals stay ignored), no alternate stack, no sigreturn page yet; the
 * mask and pending signals stay, as Linux keeps them. */
void lx_signal_exec_reset(struct lx_task *t);

/* sigaltstack's ss_flags for t as seen from stack pointer sp. */
uint32_t lx_signal_altstack_flags(const struct lx_task *t, gva sp);

/* --- task_list.c: this process's live guest threads by tid ------------ */

/* Adds or removes t (its tid set); lx_signal_thread_start and _end call
 * these. A vfork child, whose memory is its parent's, is never added. */
void lx_tasks_add(struct lx_task *t);
void lx_tasks_remove(struct lx_task *t);

/* Queues info for thread tid of this process and wakes it (signal 0:
 * only looks). 0, -LX_ESRCH when no such thread lives, -LX_EAGAIN when
 * its queue is full. Safe against the thread's concurrent exit. */
long lx_tasks_signal(int tid, const struct lx_siginfo *info);

/* After fork, in the child: self is the only thread. */
void lx_tasks_forked_child(struct lx_task *self);

/* --- timer.c ------------------------------------------------------------- */

/* For a host SI_TIMER signal of timer id: the guest signal it stands for
 * and whether it is for the thread the host sent it to (SIGEV_THREAD_ID).
 * false, and nothing written, for a timer without a route. Safe in a
 * signal handler. */
bool lx_timer_route(int id, int *sig, bool *thread);

/* --- signal.c ------------------------------------------------------------ */

/* Sets t's alternate stack from ss (sigaltstack's rules, sp the current
 * stack pointer): 0 or -LX_Exxx. */
long lx_signal_set_altstack(struct lx_task *t, const struct lx_stack *ss,
                            gva sp);

/* The guest dies of sig: ferry dies of the same host signal. */
_Noreturn void lx_signal_die(int sig);

#endif
