/* sig_abort: abort() kills the program with SIGABRT: ferry dies of the
 * same signal, so the shell reports 128 + 6. A SIGABRT handler that
 * returns does not stop abort either.
 * Architecture-neutral: sig_abort.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void on_abrt(int sig)
{
    printf("handler saw %d\n", sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGABRT, on_abrt);
    printf("before abort\n");
    abort();
    printf("not reached\n");
    return 0;
}
