/* syscalls/linux/strace_signal.c: -strace for signals: names, sets,
 * struct sigaction, and the lines strace(1) writes when a signal is
 * delivered ("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, ...} ---")
 * and when the guest dies of one ("+++ killed by SIGSEGV +++"). Numbers
 * and codes are the generic Linux ABI's (asm-generic/signal.h,
 * asm-generic/siginfo.h). */
#include <stdio.h>
#include <string.h>

#include "log/log.h"
#include "syscalls/linux/lx_strace.h"
#include "syscalls/linux/lx_thr.h"

static const char *const lx_signames[LX_SIGRTMIN] = {
    NULL,     "HUP",  "INT",    "QUIT", "ILL",   "TRAP", "ABRT", "BUS",
    "FPE",    "KILL", "USR1",   "SEGV", "USR2",  "PIPE", "ALRM", "TERM",
    "STKFLT", "CHLD", "CONT",   "STOP", "TSTP",  "TTIN", "TTOU", "URG",
    "XCPU",   "XFSZ", "VTALRM", "PROF", "WINCH", "IO",   "PWR",  "SYS",
};

/* A signal's name without "SIG": "USR1", "RTMIN", "RT_3"; NULL out of
 * range. buf holds the real-time names. */
static const char *lx_signame(int sig, char buf[8])
{
    if (sig > 0 && sig < LX_SIGRTMIN)
        return lx_signames[sig];
    if (sig == LX_SIGRTMIN)
        return "RTMIN";
    if (sig > LX_SIGRTMIN && sig <= LX_NSIG) {
        snprintf(buf, 8, "RT_%d", sig - LX_SIGRTMIN);
        return buf;
    }
    return NULL;
}

/* "SIGUSR1", or the number when it names no signal. */
static void lx_strace_signo(struct lx_sb *b, int sig)
{
    char buf[8];
    const char *name = lx_signame(sig, buf);

    if (name)
        lx_sb_add(b, "SIG%s", name);
    else
        lx_sb_add(b, "%d", sig);
}

void lx_strace_sigset(struct lx_sb *b, uint64_t set)
{
    const char *sep = "";

    /* strace prints the complement when it is the shorter list */
    if (__builtin_popcountll(set) > LX_NSIG / 2) {
        lx_sb_add(b, "~");
        set = ~set;
    }
    lx_sb_add(b, "[");
    for (int sig = 1; sig <= LX_NSIG; sig++) {
        char buf[8];

        if (set & LX_SIGBIT(sig)) {
            lx_sb_add(b, "%s%s", sep, lx_signame(sig, buf));
            sep = " ";
        }
    }
    lx_sb_add(b, "]");
}

static void lx_strace_sigset_at(struct lx_sb *b, struct lx_task *t, gva v)
{
    uint64_t set;

    if (v && lx_copy_in(t, &set, v, sizeof set) == 0)
        lx_strace_sigset(b, set);
    else
        lx_sb_ptr(b, v);
}

static const struct lx_flag lx_sa_flags[] = {
    {0x04000000, "SA_RESTORER"},
    {LX_SA_ONSTACK, "SA_ONSTACK"},
    {LX_SA_RESTART, "SA_RESTART"},
    {LX_SA_NODEFER, "SA_NODEFER"},
    {LX_SA_RESETHAND, "SA_RESETHAND"},
    {LX_SA_SIGINFO, "SA_SIGINFO"},
    {0x1, "SA_NOCLDSTOP"},
    {0x2, "SA_NOCLDWAIT"},
};

/* {sa_handler=..., sa_mask=[...], sa_flags=...[, sa_restorer=...]}: the
 * guest's struct sigaction is handler, flags, [restorer,] mask. */
static void lx_strace_sigaction(struct lx_sb *b, struct lx_task *t, gva v)
{
    bool r = t->abi->sigframe && t->abi->sigframe->sigaction_has_restorer;
    uint64_t w[4];

    if (!v || lx_copy_in(t, w, v, (r ? 4 : 3) * sizeof w[0]) < 0) {
        lx_sb_ptr(b, v);
        return;
    }
    lx_sb_add(b, "{sa_handler=");
    if (w[0] == LX_SIG_DFL || w[0] == LX_SIG_IGN)
        lx_sb_add(b, w[0] == LX_SIG_DFL ? "SIG_DFL" : "SIG_IGN");
    else
        lx_sb_ptr(b, w[0]);
    lx_sb_add(b, ", sa_mask=");
    lx_strace_sigset(b, w[r ? 3 : 2]);
    lx_sb_add(b, ", sa_flags=");
    lx_sb_flags(b, lx_sa_flags, sizeof lx_sa_flags / sizeof lx_sa_flags[0],
                (uint32_t)w[1], NULL, "SA_");
    if (r) {
        lx_sb_add(b, ", sa_restorer=");
        lx_sb_ptr(b, w[2]);
    }
    lx_sb_add(b, "}");
}

void lx_strace_prefix(struct lx_sb *b, const struct lx_task *t)
{
    if (lx_thr_count() > 1 || lx_strace_forked())
        lx_sb_add(b, "[pid %5d] ", t->tid);
}

/* si_code's name: the generic SI_* ones, then each signal's own. */
static const char *lx_si_code_name(int sig, int code)
{
    static const char *const user[] = {
        "SI_USER",    "SI_QUEUE", "SI_TIMER", "SI_MESGQ",
        "SI_ASYNCIO", "SI_SIGIO", "SI_TKILL", "SI_DETHREAD",
    };
    static const char *const ill[] = {
        NULL,         "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
        "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR"};
    static const char *const fpe[] = {NULL,         "FPE_INTDIV", "FPE_INTOVF",
                                      "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND",
                                      "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"};
    static const char *const segv[] = {
        NULL,           "SEGV_MAPERR", "SEGV_ACCERR",  "SEGV_BNDERR",
        "SEGV_PKUERR",  "SEGV_ACCADI", "SEGV_ADIDERR", "SEGV_ADIPERR",
        "SEGV_MTEAERR", "SEGV_MTESERR"};
    static const char *const bus[] = {
        NULL,         "BUS_ADRALN",    "BUS_ADRERR",
        "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO"};
    static const char *const trap[] = {
        NULL,          "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH",
        "TRAP_HWBKPT", "TRAP_UNK",   "TRAP_PERF"};
    static const char *const chld[] = {
        NULL,          "CLD_EXITED",  "CLD_KILLED",   "CLD_DUMPED",
        "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"};
    static const char *const poll[] = {NULL,       "POLL_IN",  "POLL_OUT",
                                       "POLL_MSG", "POLL_ERR", "POLL_PRI",
                                       "POLL_HUP"};
    static const struct {
        int sig;
        const char *const *names;
        int n;
    } by_sig[] = {
        {LX_SIGILL, ill, 10},      {LX_SIGFPE, fpe, 9},
        {LX_SIGSEGV, segv, 10},    {LX_SIGBUS, bus, 6},
        {LX_SIGTRAP, trap, 7},     {LX_SIGCHLD, chld, 7},
        {29 /* SIGIO */, poll, 7},
    };

    if (code <= 0 && code > -8)
        return user[-code];
    if (code == LX_SI_KERNEL)
        return "SI_KERNEL";
    if (code == -60)
        return "SI_ASYNCNL";
    for (size_t i = 0; i < sizeof by_sig / sizeof by_sig[0]; i++)
        if (by_sig[i].sig == sig && code > 0 && code < by_sig[i].n)
            return by_sig[i].names[code];
    if (sig == LX_SIGFPE && code == 14)
        return "FPE_FLTUNK";
    if (sig == LX_SIGFPE && code == 15)
        return "FPE_CONDTRAP";
    if (sig == LX_SIGSYS && code == 1)
        return "SYS_SECCOMP";
    return NULL;
}

/* An int or 64-bit word of the siginfo union, at its offset from the
 * start of the siginfo. */
static int32_t lx_si_int(const struct lx_siginfo *si, size_t off)
{
    int32_t v;

    memcpy(&v, si->u.raw + off - 16, sizeof v);
    return v;
}

static uint64_t lx_si_word(const struct lx_siginfo *si, size_t off)
{
    uint64_t v;

    memcpy(&v, si->u.raw + off - 16, sizeof v);
    return v;
}

/* si_value: ", si_int=N, si_ptr=P". */
static void lx_strace_sigval(struct lx_sb *b, const struct lx_siginfo *si)
{
    lx_sb_add(b, ", si_int=%d, si_ptr=", lx_si_int(si, 24));
    lx_sb_ptr(b, lx_si_word(si, 24));
}

static void lx_strace_sender(struct lx_sb *b, const struct lx_siginfo *si)
{
    lx_sb_add(b, ", si_pid=%d, si_uid=%u", si->u.kill.pid, si->u.kill.uid);
}

/* SIGIO's (and SI_SIGIO's) band and descriptor. */
static void lx_strace_poll(struct lx_sb *b, const struct lx_siginfo *si)
{
    lx_sb_add(b, ", si_band=%lld, si_fd=%d", (long long)lx_si_word(si, 16),
              lx_si_int(si, 24));
}

/* What strace shows of a signal a process sent (si_code <= 0): the
 * sender, or a timer's id and overrun, or SIGIO's band; si_value when it
 * is set (always for a timer). */
static void lx_strace_user_fields(struct lx_sb *b, const struct lx_siginfo *si)
{
    if (si->si_code == -2) { /* SI_TIMER */
        lx_sb_add(b, ", si_timerid=%#x, si_overrun=%d", lx_si_int(si, 16),
                  lx_si_int(si, 20));
        lx_strace_sigval(b, si);
    } else if (si->si_code == -5) { /* SI_SIGIO */
        lx_strace_poll(b, si);
    } else {
        lx_strace_sender(b, si);
        if (si->si_code != LX_SI_USER && si->si_code != LX_SI_TKILL &&
            lx_si_word(si, 24))
            lx_strace_sigval(b, si);
    }
}

/* The fields strace shows after si_code: a process's signal as above,
 * else what the kernel's signal carries (the fault address, a child's
 * status...). */
static void lx_strace_si_fields(struct lx_sb *b, const struct lx_siginfo *si)
{
    int sig = si->si_signo;

    if (si->si_code <= 0) {
        lx_strace_user_fields(b, si);
    } else if (sig == LX_SIGCHLD) {
        lx_strace_sender(b, si);
        lx_sb_add(b, ", si_status=");
        if (si->si_code == 1) /* CLD_EXITED: a status, else a signal */
            lx_sb_add(b, "%d", lx_si_int(si, 24));
        else
            lx_strace_signo(b, lx_si_int(si, 24));
        lx_sb_add(b, ", si_utime=%llu, si_stime=%llu",
                  (unsigned long long)lx_si_word(si, 32),
                  (unsigned long long)lx_si_word(si, 40));
    } else if (sig == LX_SIGILL || sig == LX_SIGFPE || sig == LX_SIGSEGV ||
               sig == LX_SIGBUS || sig == LX_SIGTRAP) {
        lx_sb_add(b, ", si_addr=");
        lx_sb_ptr(b, si->u.addr);
    } else if (sig == 29) { /* SIGIO: POLL_IN, POLL_OUT, POLL_MSG */
        if (si->si_code >= 1 && si->si_code <= 3)
            lx_strace_poll(b, si);
    } else {
        if (si->u.kill.pid || si->u.kill.uid)
            lx_strace_sender(b, si);
        if (lx_si_word(si, 24))
            lx_strace_sigval(b, si);
    }
}

/* "{si_signo=..., si_code=..., ...}" */
static void lx_strace_siginfo(struct lx_sb *b, const struct lx_siginfo *si)
{
    const char *code = lx_si_code_name(si->si_signo, si->si_code);

    lx_sb_add(b, "{si_signo=");
    lx_strace_signo(b, si->si_signo);
    if (code)
        lx_sb_add(b, ", si_code=%s", code);
    else
        lx_sb_add(b, ", si_code=%d", si->si_code);
    if (si->si_errno)
        lx_sb_add(b, ", si_errno=%s",
                  strerrorname_np(si->si_errno) ? strerrorname_np(si->si_errno)
                                                : "E?");
    lx_strace_si_fields(b, si);
    lx_sb_add(b, "}");
}

static void lx_strace_siginfo_at(struct lx_sb *b, struct lx_task *t, gva v)
{
    struct lx_siginfo si;

    if (v && lx_copy_in(t, &si, v, sizeof si) == 0)
        lx_strace_siginfo(b, &si);
    else
        lx_sb_ptr(b, v);
}

void lx_strace_signal(struct lx_task *t, const struct lx_siginfo *si)
{
    char line[512];
    struct lx_sb b = {line, sizeof line, 0};

    if (!t || !t->strace)
        return;
    lx_strace_prefix(&b, t);
    lx_sb_add(&b, "--- ");
    lx_strace_signo(&b, si->si_signo);
    lx_sb_add(&b, " ");
    lx_strace_siginfo(&b, si);
    log_printf("%s ---\n", line);
}

void lx_strace_killed(const struct lx_task *t, int sig)
{
    char line[96];
    struct lx_sb b = {line, sizeof line, 0};

    if (!t || !t->strace)
        return;
    if (lx_strace_forked()) /* as strace -f shows a child's end */
        lx_strace_prefix(&b, t);
    lx_sb_add(&b, "+++ killed by ");
    lx_strace_signo(&b, sig);
    /* ferry never leaves a core file (lx_signal_die): never
     * "(core dumped)" */
    log_printf("%s +++\n", line);
    fflush(log_file());
}

bool lx_strace_signal_arg(struct lx_sb *b, struct lx_task *t, char letter,
                          uint64_t v)
{
    static const char *const how[] = {"SIG_BLOCK", "SIG_UNBLOCK",
                                      "SIG_SETMASK"};

    switch (letter) {
    case 'S':
        if ((int)v == 0)
            lx_sb_add(b, "0");
        else
            lx_strace_signo(b, (int)v);
        return true;
    case 'h':
        if (v < 3)
            lx_sb_add(b, "%s", how[v]);
        else
            lx_sb_add(b, "%#llx /* SIG_??? */", (unsigned long long)v);
        return true;
    case 'k':
        lx_strace_sigset_at(b, t, v);
        return true;
    case 'a':
        lx_strace_sigaction(b, t, v);
        return true;
    case 'i':
        lx_strace_siginfo_at(b, t, v);
        return true;
    default:
        return false;
    }
}
