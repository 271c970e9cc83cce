/* syscalls/linux/linux.h: the Linux guest ABI, user mode: one guest thread
 * as the syscall layer sees it, and the entry point for a syscall exit. */
#ifndef FERRY_SYSCALLS_LINUX_H
#define FERRY_SYSCALLS_LINUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "translator/translator.h"

struct mm;
struct lx_sigqueue;
struct cli_options;

/* A guest thread. The runtime fills the fields above the line before the
 * first syscall; the syscall layer owns the ones below it. */
struct lx_task {
    void *env;                            /* the guest CPU state */
    const struct frontend_linux_abi *abi; /* where its registers live */
    const char *machine;                  /* uname machine: "riscv64" */
    struct mm *mm;                        /* the guest address space */
    const char *sysroot;                  /* -L SYSROOT, or NULL */
    const char *exe_path; /* the guest program's absolute path, for
                             /proc/self/exe; NULL: the host's answer */
    bool strace;          /* -strace: log every call */
    /* command line: -seed N makes getrandom deterministic: its bytes
     * come from seed (a splitmix64 state the call advances). */
    bool seeded;
    uint64_t seed;
    /* Arch-specific syscalls (riscv_flush_icache...): called for numbers
     * the generic table does not implement; returns -LX_ENOSYS for
     * numbers it does not know either. May be NULL. */
    long (*arch_syscall)(struct lx_task *t, uint64_t nr, const uint64_t a[6]);
    uint64_t features;    /* the CPU model's, for arch_syscall */
    /* ------------------------------------------------------------------- */
    int tid;             /* host tid, read at the first syscall */
    bool exited;         /* exit or exit_group ran */
    int exit_status;     /* low 8 bits of exit/exit_group's status */
    gva clear_child_tid; /* set_tid_address's pointer */
    gva robust_list;     /* set_robust_list's head */
    uint64_t robust_len;
    /* --- threads and processes (clone.c, process.c): user_mode.c sets
     * tr, fe and opts for the main thread; clone copies them. ----------- */
    struct translator *tr;          /* the process's translator */
    const struct frontend *fe;      /* state_size for a new thread's copy */
    const struct cli_options *opts; /* ferry's settings, for execve */
    bool heap_task;                 /* made by clone: freed at its end */
    /* --- signals (signal*.c, lx_signal.h) ------------------------------ */
    uint64_t sig_blocked;        /* guest mask: bit n-1 for signal n */
    uint64_t sig_saved_mask;     /* rt_sigsuspend: the mask to go back to */
    bool sig_restore_mask;       /* sig_saved_mask is set */
    uint32_t sig_altstack_flags; /* sigaltstack: 0, SS_DISABLE, AUTODISARM */
    gva sig_altstack_sp;
    uint64_t sig_altstack_size;
    struct lx_sigqueue *sig_queue; /* thread-directed pending signals */
    /* A vfork child sharing its parent's memory (process.c): its own
     * copy of the dispositions, which CLONE_VM alone does not share, and
     * all its signals on sig_queue. NULL in every other task. */
    struct lx_sigaction *vfork_actions;
};

enum lx_action {
    LX_CONTINUE, /* the result is in the guest's result register */
    LX_EXIT,     /* exit or exit_group: t->exit_status holds the status
                    (one thread per process for now: both end it) */
};

/* Runs the syscall the guest state asks for: reads the number and the six
 * arguments from the registers t->abi names, runs it, and writes the result
 * (a negative guest errno on failure) into the result register. The pc is
 * left alone: the caller steps past the syscall instruction. Numbers
 * without a handler give -ENOSYS, logged once each under -d unimp
 * (LOG_UNIMP); -strace lines go to the log too. */
enum lx_action lx_syscall(struct lx_task *t);

struct translator;

/* Runs the guest thread t (its state set up, the calling host thread
 * registered with tr) until the guest exits, and returns its exit status;
 * a guest killed by a signal kills ferry with that signal
 * (syscalls/linux/lx_run.c). */
int lx_thread_run(struct lx_task *t, struct translator *tr);

/* The arch_syscall of a task whose frontend has its own syscalls: runs
 * abi->arch_syscall with the task's memory and translator
 * (syscalls/linux/arch.c). */
long lx_arch_syscall(struct lx_task *t, uint64_t nr, const uint64_t a[6]);

/* Marks fd as ferry's own (the -D log): to the guest it is not open, so
 * close, close_range and dup3 cannot take it away
 * (syscalls/linux/ownfd.c). Call before the guest runs. */
void lx_fd_reserve(int fd);

/* The guest program as the loader left it, for /proc/self/auxv, cmdline,
 * environ and stat (syscalls/linux/proc.c); the pointer is kept. path is
 * what was executed: its basename becomes the process's name (comm). */
struct loaded_program;
void lx_proc_set_program(const struct loaded_program *prog, const char *path);

/* The name of generic syscall nr ("openat"), or NULL if it has none. */
const char *lx_syscall_name(uint64_t nr);

/* Whether nr has a handler in the generic table. */
bool lx_syscall_implemented(uint64_t nr);

#endif
