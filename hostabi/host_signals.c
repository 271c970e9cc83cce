/* hostabi/host_signals.c: the SIGSEGV/SIGBUS handler: runs on a per-thread
 * alternate stack, decodes the fault from siginfo and the x86-64
 * ucontext, and hands it to the translator; anything the translator does
 * not claim is ferry's own bug and crashes loudly. Likewise the SIGFPE
 * handler for the SSE exception traps of lazy FP flags. */
#include "hostabi/hostabi.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

/* x86 page-fault error code: bit 1 set for a write access. */
#define HOST_PF_WRITE 0x2u

static _Atomic(host_fault_fn *) host_fault_handler;
static _Thread_local void *host_altstack;
static _Thread_local size_t host_altstack_size;

/* Appends the hex digits of x to buf at *n (async-signal-safe). */
static void host_put_hex(char *buf, size_t *n, uintptr_t x)
{
    char digits[2 * sizeof x];
    int i = 0;

    do {
        digits[i++] = "0123456789abcdef"[x & 15];
        x >>= 4;
    } while (x);
    buf[(*n)++] = '0';
    buf[(*n)++] = 'x';
    while (i)
        buf[(*n)++] = digits[--i];
}

static void host_put_str(char *buf, size_t *n, const char *s)
{
    size_t len = strlen(s);

    memcpy(buf + *n, s, len);
    *n += len;
}

/* One line on stderr, then the default action of the signal (a crash with
 * the same signal, so a debugger or the parent sees it). */
static void host_internal_error(const struct host_fault *f)
{
    char buf[160];
    size_t n = 0;
    ssize_t rc;

    host_put_str(buf, &n, "ferry: internal error: ");
    host_put_str(buf, &n, f->signo == SIGBUS    ? "SIGBUS"
                          : f->signo == SIGFPE ? "SIGFPE"
                                               : "SIGSEGV");
    host_put_str(buf, &n, " at host pc ");
    host_put_hex(buf, &n, f->pc);
    host_put_str(buf, &n, " (address ");
    host_put_hex(buf, &n, f->addr);
    host_put_str(buf, &n, ")\n");
    rc = write(STDERR_FILENO, buf, n);
    (void)rc;
    signal(f->signo, SIG_DFL);
    /* Returning re-runs the faulting instruction with the default action:
     * the process dies of the real fault. */
}

static void host_decode(int sig, const siginfo_t *si, const ucontext_t *uc,
                        struct host_fault *f)
{
    f->signo = sig;
    f->code = si->si_code;
    f->addr = (uintptr_t)si->si_addr;
    f->pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    f->context = uc;
    f->write = sig == SIGSEGV &&
               (uc->uc_mcontext.gregs[REG_ERR] & HOST_PF_WRITE) != 0;
    /* The handler runs with a fresh FP state; the interrupted one's is
     * in the context. */
    f->fp_status = 0;
    if (uc->uc_mcontext.fpregs)
        f->fp_status = (uc->uc_mcontext.fpregs->mxcsr |
                        uc->uc_mcontext.fpregs->swd) & 0x3fu;
}

static void host_on_fault(int sig, siginfo_t *si, void *ctx)
{
    host_fault_fn *fn = atomic_load(&host_fault_handler);
    struct host_fault f;
    int saved = errno;

    host_decode(sig, si, ctx, &f);
    /* A fault sent by kill() or raise() has no faulting instruction. */
    if (si->si_code <= 0 || !fn || !fn(&f))
        host_internal_error(&f);
    errno = saved;
}

/* handler for sig, with siginfo, on the thread's alternate stack. */
static int host_sigaction(int sig, void (*handler)(int, siginfo_t *, void *))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL) < 0 ? -errno : 0;
}

int host_signals_install(host_fault_fn *fn)
{
    host_fault_fn *none = NULL;
    int rc;

    if (!atomic_compare_exchange_strong(&host_fault_handler, &none, fn))
        return 0;
    rc = host_sigaction(SIGSEGV, host_on_fault);
    return rc ? rc : host_sigaction(SIGBUS, host_on_fault);
}

static _Atomic(host_fpe_fn *) host_fpe_handler;

static void host_on_fpe(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    host_fpe_fn *fn = atomic_load(&host_fpe_handler);
    struct host_fault f;
    int saved = errno;

    if (si->si_code > 0 && si->si_code != FPE_INTDIV &&
        si->si_code != FPE_INTOVF && uc->uc_mcontext.fpregs && fn &&
        fn(&uc->uc_mcontext.fpregs->mxcsr)) {
        errno = saved;
        return;
    }
    if (si->si_code <= 0) {
        /* Sent by kill(): the default action, as before ferry had a
         * handler (the guest's SIGFPE handlers are never the host's). */
        signal(SIGFPE, SIG_DFL);
        raise(SIGFPE);
        return;
    }
    host_decode(sig, si, uc, &f);
    host_internal_error(&f);
    errno = saved;
}

int host_fpe_install(host_fpe_fn *fn)
{
    host_fpe_fn *none = NULL;

    if (!atomic_compare_exchange_strong(&host_fpe_handler, &none, fn))
        return 0;
    return host_sigaction(SIGFPE, host_on_fpe);
}

int host_signals_thread_init(void)
{
    size_t size = 64 * 1024;
    stack_t ss = {.ss_size = size};
    void *p;

    if (host_altstack)
        return 0;
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    ss.ss_sp = p;
    if (sigaltstack(&ss, NULL) < 0) {
        int err = -errno;

        munmap(p, size);
        return err;
    }
    host_altstack = p;
    host_altstack_size = size;
    return 0;
}

void host_signals_thread_fini(void)
{
    stack_t ss = {.ss_flags = SS_DISABLE};

    if (!host_altstack)
        return;
    sigaltstack(&ss, NULL);
    munmap(host_altstack, host_altstack_size);
    host_altstack = NULL;
}

void host_signals_unblock(void)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
