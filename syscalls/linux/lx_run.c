/* syscalls/linux/lx_run.c: a guest thread's life in user mode: run its
 * code through the translator and answer what comes back (syscalls,
 * traps, faults, signals) as the Linux kernel would. */
#include "syscalls/linux/linux.h"

#include <signal.h>
#include <string.h>

#include "log/log.h"
#include "mm/mm.h"
#include "syscalls/linux/lx_signal.h"

static uint64_t lx_run_reg(const struct lx_task *t, uint32_t off)
{
    uint64_t v;

    memcpy(&v, (const char *)t->env + off, sizeof v);
    return v;
}

/* A trap at the current pc: the guest's handler, or death by sig. */
static void lx_trap(struct lx_task *t, int sig, int code, const char *what)
{
    const struct cpu_common *cpu = t->env;
    struct lx_siginfo info = {.si_signo = sig, .si_code = code};

    info.u.addr = cpu->pc;
    lx_signal_force(t, &info, what);
}

/* The syscall, then the signals it raised or that came meanwhile: they
 * decide whether an interrupted call returns EINTR or starts again. */
static bool lx_run_syscall(struct lx_task *t, struct translator *tr)
{
    struct cpu_common *cpu = t->env;
    uint64_t nr = lx_run_reg(t, t->abi->syscall_nr);
    uint64_t a0 = lx_run_reg(t, t->abi->syscall_arg[0]);
    enum lx_action act;

    cpu->pc += t->abi->syscall_insn_len;
    translator_thread_offline(tr);
    act = lx_syscall(t);
    translator_thread_online(tr);
    if (act != LX_CONTINUE)
        return false;
    lx_signal_deliver(t, (long)lx_run_reg(t, t->abi->syscall_ret), nr, a0);
    return true;
}

static bool lx_handle_exit(struct lx_task *t, struct translator *tr,
                           enum ir_exit_reason reason)
{
    switch (reason) {
    case IR_EXIT_SYSCALL:
        return lx_run_syscall(t, tr);
    case IR_EXIT_FLUSH_CODE:
        /* fence.i and the like: the frontend set pc to the next insn. */
        translator_flush(tr);
        return true;
    case IR_EXIT_ILLEGAL:
        lx_trap(t, LX_SIGILL, LX_ILL_ILLOPC, "illegal instruction");
        return true;
    case IR_EXIT_BREAKPOINT:
        lx_trap(t, LX_SIGTRAP, LX_TRAP_BRKPT, "breakpoint");
        return true;
    case IR_EXIT_MISALIGNED:
        /* si_addr is the pc, as Linux's riscv misaligned traps report
         * (arch/riscv/kernel/traps.c: regs->epc). */
        lx_trap(t, LX_SIGBUS, LX_BUS_ADRALN, "misaligned address");
        return true;
    case IR_EXIT_HALT:
    case IR_NEXITS:
        break;
    }
    lx_trap(t, LX_SIGILL, LX_ILL_ILLOPC, "unexpected halt");
    return true;
}

/* pc cannot be fetched: unmapped (MAPERR) or mapped without exec. */
static void lx_fetch_fault(struct lx_task *t)
{
    const struct cpu_common *cpu = t->env;
    struct mm_region region;

    lx_trap(t, LX_SIGSEGV,
            mm_query(t->mm, cpu->pc, &region) ? LX_SEGV_ACCERR
                                              : LX_SEGV_MAPERR,
            "instruction fetch from unmapped memory");
}

/* A guest memory access faulted (translator/exec_fault.c). */
static void lx_access_fault(struct lx_task *t)
{
    struct translator_fault f = {.signo = LX_SIGSEGV, .code = LX_SEGV_MAPERR};
    struct lx_siginfo info;
    char what[96];

    translator_last_fault(&f);
    info = (struct lx_siginfo){.si_signo = f.signo, .si_code = f.code};
    info.u.addr = f.addr;
    snprintf(what, sizeof what, "%s on %s of address 0x%llx",
             f.signo == LX_SIGBUS ? "bus error" : "segmentation fault",
             f.write ? "write" : "read", (unsigned long long)f.addr);
    lx_signal_force(t, &info, what);
}

static int lx_thread_loop(struct lx_task *t, struct translator *tr)
{
    struct cpu_common *cpu = t->env;

    for (;;) {
        struct run_result r = translator_run(tr, t->env);

        if (r.end == RUN_EXIT) {
            if (!lx_handle_exit(t, tr, r.reason))
                return t->exit_status;
        } else if (r.end == RUN_FETCH_FAULT) {
            lx_fetch_fault(t);
        } else if (r.end == RUN_FAULT) {
            lx_access_fault(t);
        } else if (r.end == RUN_INTERRUPTED) {
            /* Cleared before looking, so a signal arriving meanwhile
             * asks again. */
            cpu->exit_request = 0;
            lx_signal_deliver(t, 0, 0, 0);
        }
    }
}

int lx_thread_run(struct lx_task *t, struct translator *tr)
{
    int status;

    if (lx_signal_thread_start(t) < 0) {
        fputs("ferry: out of memory for signal queues\n", stderr);
        return 1;
    }
    /* Guest memory faults come back as RUN_FAULT, for guest handlers. */
    translator_report_faults(tr, true);
    status = lx_thread_loop(t, tr);
    lx_signal_thread_end(t);
    return status;
}
