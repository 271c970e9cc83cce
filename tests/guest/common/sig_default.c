/* sig_default: default actions of signals without handlers: SIGCHLD,
 * SIGURG and SIGWINCH are ignored, SIG_IGN ignores SIGTERM, and SIGTERM
 * with SIG_DFL kills the program (the shell reports 128 + 15).
 * Architecture-neutral: sig_default.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("SIGCHLD %d SIGURG %d SIGWINCH %d: still here\n", raise(SIGCHLD),
           raise(SIGURG), kill(getpid(), SIGWINCH));
    signal(SIGTERM, SIG_IGN);
    printf("ignored SIGTERM: %d\n", raise(SIGTERM));
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
