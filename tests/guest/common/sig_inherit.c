/* sig_inherit: the dispositions a program finds at start, asked for
 * before it sets any: execve keeps SIG_IGN, resets a handler to SIG_DFL
 * and keeps SIG_DFL; an inherited SIG_IGN really ignores the signal;
 * setting a handler reports the inherited SIG_IGN as the old action.
 * The program sets the parent's dispositions, then execs itself as the
 * child. Architecture-neutral: sig_inherit.ref is this program's output
 * built natively with gcc on x86-64 Linux. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_sig(int sig)
{
    (void)sig;
    hits++;
}

static const char *name(void (*h)(int))
{
    if (h == SIG_IGN)
        return "SIG_IGN";
    return h == SIG_DFL ? "SIG_DFL" : "a handler";
}

/* Asks without setting: the first look at the dispositions. */
static void show(const char *what, int sig)
{
    struct sigaction old;

    if (sigaction(sig, NULL, &old) != 0)
        printf("%s: sigaction failed\n", what);
    else
        printf("%s: %s\n", what, name(old.sa_handler));
}

static int child(void)
{
    struct sigaction sa, old;

    setvbuf(stdout, NULL, _IONBF, 0);
    show("child SIGUSR1 (parent: SIG_IGN)", SIGUSR1);
    show("child SIGUSR2 (parent: a handler)", SIGUSR2);
    show("child SIGTERM (parent: SIG_DFL)", SIGTERM);
    show("child SIGPWR (parent: SIG_IGN)", SIGPWR);
    printf("raise SIGUSR1: %d, still here\n", raise(SIGUSR1));
    printf("raise SIGPWR: %d, still here\n", raise(SIGPWR));
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, &old);
    printf("old SIGUSR1 when setting a handler: %s\n", name(old.sa_handler));
    raise(SIGUSR1);
    printf("handler ran %d time(s)\n", (int)hits);
    return 0;
}

int main(int argc, char **argv)
{
    char self[4096];
    ssize_t n;
    pid_t pid;
    int status = 0;

    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child();
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, on_sig);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPWR, SIG_IGN);
    show("parent SIGUSR2", SIGUSR2);
    n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = '\0';
    pid = fork();
    if (pid == 0) {
        execl(self, "sig_inherit", "child", (char *)NULL);
        _exit(126);
    }
    waitpid(pid, &status, 0);
    printf("child: exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
