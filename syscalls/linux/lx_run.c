/* syscalls/linux/lx_run.c: a guest thread's life in user mode: run its
 * code through the translator and answer what comes back (syscalls,
 * traps, faults) as the Linux kernel would. */
#include "syscalls/linux/linux.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "log/log.h"

/* The guest dies of sig as the real process would: ferry dies of the same
 * signal, so its parent sees WIFSIGNALED with that number, but without a
 * core file of ferry itself. */
static void lx_die_by_signal(int sig)
{
    struct rlimit no_core = {0, 0};
    sigset_t set;

    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

/* A synchronous signal with no guest handler (signal delivery comes with
 * the signals work): one line saying why, then the default action. */
static void lx_fatal(struct lx_task *t, int sig, const char *what)
{
    const struct cpu_common *cpu = t->env;

    fprintf(stderr, "ferry: %s: %s at pc 0x%llx: killed by %s\n",
            t->exe_path ? t->exe_path : "guest", what,
            (unsigned long long)cpu->pc, sigabbrev_np(sig));
    lx_die_by_signal(sig);
}

static bool lx_handle_exit(struct lx_task *t, struct translator *tr,
                           enum ir_exit_reason reason)
{
    struct cpu_common *cpu = t->env;

    switch (reason) {
    case IR_EXIT_SYSCALL:
        cpu->pc += t->abi->syscall_insn_len;
        translator_thread_offline(tr);
        enum lx_action act = lx_syscall(t);
        translator_thread_online(tr);
        return act == LX_CONTINUE;
    case IR_EXIT_FLUSH_CODE:
        /* fence.i and the like: the frontend set pc to the next insn. */
        translator_flush(tr);
        return true;
    case IR_EXIT_ILLEGAL:
        lx_fatal(t, SIGILL, "illegal instruction");
        return false;
    case IR_EXIT_BREAKPOINT:
        lx_fatal(t, SIGTRAP, "breakpoint");
        return false;
    case IR_EXIT_HALT:
    case IR_NEXITS:
        break;
    }
    lx_fatal(t, SIGILL, "unexpected halt");
    return false;
}

int lx_thread_run(struct lx_task *t, struct translator *tr)
{
    struct cpu_common *cpu = t->env;

    for (;;) {
        struct run_result r = translator_run(tr, t->env);

        switch (r.end) {
        case RUN_EXIT:
            if (!lx_handle_exit(t, tr, r.reason))
                return t->exit_status;
            break;
        case RUN_FETCH_FAULT:
            lx_fatal(t, SIGSEGV, "instruction fetch from unmapped memory");
            break;
        case RUN_INTERRUPTED:
            cpu->exit_request = 0;
            break;
        case RUN_GOTO:
            break;
        }
    }
}
