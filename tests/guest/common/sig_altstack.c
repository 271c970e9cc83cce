/* sig_altstack: an SA_ONSTACK handler runs on the alternate stack and
 * sees SS_ONSTACK; without SA_ONSTACK it stays on the normal stack;
 * sigaltstack's errors. 
 * Architecture-neutral: sig_altstack.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static char alt[65536] __attribute__((aligned(16)));
static volatile int on_alt, flags_seen, change_rc;

static void handler(int sig)
{
    char local;
    stack_t cur, ss = {.ss_sp = alt, .ss_size = sizeof alt};

    (void)sig;
    on_alt = (uintptr_t)&local >= (uintptr_t)alt &&
             (uintptr_t)&local < (uintptr_t)alt + sizeof alt;
    sigaltstack(NULL, &cur);
    flags_seen = cur.ss_flags;
    change_rc = sigaltstack(&ss, NULL);
}

static void set_handler(int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigaction(SIGUSR1, &sa, NULL);
}

int main(void)
{
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt}, old;

    setvbuf(stdout, NULL, _IONBF, 0);
    sigaltstack(NULL, &old);
    printf("initially disabled: %d\n", old.ss_flags == SS_DISABLE);
    ss.ss_size = 100;
    printf("too small: %d\n", sigaltstack(&ss, NULL));
    ss.ss_size = sizeof alt;
    ss.ss_flags = 12345;
    printf("bad flags: %d\n", sigaltstack(&ss, NULL));
    ss.ss_flags = 0;
    printf("set: %d\n", sigaltstack(&ss, NULL));
    sigaltstack(NULL, &old);
    printf("read back: size ok %d sp ok %d flags %d\n",
           old.ss_size == sizeof alt, old.ss_sp == alt, old.ss_flags);
    set_handler(SA_ONSTACK);
    raise(SIGUSR1);
    printf("onstack: on alt %d SS_ONSTACK %d change while on it %d\n", on_alt,
           flags_seen == SS_ONSTACK, change_rc);
    set_handler(0);
    raise(SIGUSR1);
    printf("no SA_ONSTACK: on alt %d flags %d\n", on_alt, flags_seen);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    set_handler(SA_ONSTACK);
    raise(SIGUSR1);
    printf("disabled: on alt %d SS_DISABLE %d\n", on_alt,
           flags_seen == SS_DISABLE);
    return 0;
}
