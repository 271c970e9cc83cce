/* sig_fd: signalfd4 reading blocked signals (raise, sigqueue with a
 * value, from another process), its failures; pidfd_open,
 * pidfd_send_signal (to a child, to itself) and pidfd_getfd, with
 * theirs.
 * Architecture-neutral: sig_fd.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long rc)
{
    return rc >= 0 ? "ok" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF"
         : errno == ESRCH ? "ESRCH" : errno == EAGAIN ? "EAGAIN"
         : strerror(errno);
}

static void read_one(int fd, const char *what)
{
    struct signalfd_siginfo si;
    ssize_t n = read(fd, &si, sizeof si);

    if (n != sizeof si) {
        printf("%s: read %zd %s\n", what, n, err(n));
        return;
    }
    printf("%s: signo %u code %d own pid %d int %d\n", what, si.ssi_signo,
           si.ssi_code, si.ssi_pid == (unsigned)getpid(), si.ssi_int);
}

static int sfd_with(sigset_t *set, int sig, int flags)
{
    sigaddset(set, sig);
    sigprocmask(SIG_BLOCK, set, NULL);
    return signalfd(-1, set, flags);
}

static void test_signalfd(void)
{
    sigset_t set;
    union sigval v = {.sival_int = 77};
    struct pollfd p;
    uint64_t mask = 0;
    int fd, pfd[2];

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    fd = sfd_with(&set, SIGRTMIN + 1, SFD_CLOEXEC);
    printf("signalfd: %s\n", err(fd));
    raise(SIGUSR1);
    read_one(fd, "raise");
    sigqueue(getpid(), SIGRTMIN + 1, v);
    sigqueue(getpid(), SIGRTMIN + 1, v);
    read_one(fd, "sigqueue 1");
    read_one(fd, "sigqueue 2");
    p = (struct pollfd){.fd = fd, .events = POLLIN};
    printf("poll empty: %d\n", poll(&p, 1, 0));
    kill(getpid(), SIGUSR1);
    printf("poll after kill: %d", poll(&p, 1, 1000));
    printf(" revents %d\n", p.revents);
    read_one(fd, "kill");
    close(fd);

    fd = signalfd(-1, &set, SFD_NONBLOCK);
    read_one(fd, "nonblocking, none pending");
    /* The mask of an existing signalfd can change. */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    printf("update: %d\n", signalfd(fd, &set, 0) == fd);
    raise(SIGUSR2);
    read_one(fd, "updated mask");
    close(fd);

    printf("sizemask 4: %s\n",
           err(syscall(SYS_signalfd4, -1, &mask, 4, 0)));
    printf("bad flags: %s\n",
           err(syscall(SYS_signalfd4, -1, &mask, 8, 1)));
    printf("bad mask pointer: %s\n",
           syscall(SYS_signalfd4, -1, (void *)8, 8, 0) < 0 && errno == EFAULT
               ? "EFAULT" : "?");
    if (pipe(pfd) == 0) {
        printf("not a signalfd: %s\n",
               err(syscall(SYS_signalfd4, pfd[0], &mask, 8, 0)));
        close(pfd[0]);
        close(pfd[1]);
    }
    printf("closed fd: %s\n", err(syscall(SYS_signalfd4, 999, &mask, 8, 0)));
}

/* A child reads a signal its parent sends; its status says which. */
static void test_cross_process(void)
{
    sigset_t set;
    int sync[2], status = 0;
    pid_t pid;
    char c;

    if (pipe(sync) != 0)
        return;
    pid = fork();
    if (pid == 0) {
        struct signalfd_siginfo si;
        int fd;

        sigemptyset(&set);
        fd = sfd_with(&set, SIGHUP, 0);
        (void)!write(sync[1], "r", 1);
        if (read(fd, &si, sizeof si) != sizeof si)
            _exit(100);
        _exit(si.ssi_signo == SIGHUP && si.ssi_code == SI_USER ? 7 : 101);
    }
    (void)!read(sync[0], &c, 1);
    kill(pid, SIGHUP);
    waitpid(pid, &status, 0);
    printf("child read SIGHUP: exit %d\n", WEXITSTATUS(status));
    close(sync[0]);
    close(sync[1]);
}

static void test_pidfd(void)
{
    struct pollfd p;
    siginfo_t info;
    sigset_t set;
    int pfd, self, fd, dup, status = 0, pipefd[2];
    pid_t pid = fork();
    char buf[8] = "";

    if (pid == 0) {
        pause();
        _exit(1);
    }
    pfd = (int)syscall(SYS_pidfd_open, pid, 0);
    printf("pidfd_open child: %s\n", err(pfd));
    p = (struct pollfd){.fd = pfd, .events = POLLIN};
    printf("poll running child: %d\n", poll(&p, 1, 0));
    printf("send bad flags: %s\n",
           err(syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0x80)));
    printf("send SIGTERM: %s\n",
           err(syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0)));
    printf("poll exited child: %d\n", poll(&p, 1, 5000));
    waitpid(pid, &status, 0);
    printf("child killed by SIGTERM: %d\n",
           WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    printf("send to reaped: %s\n",
           err(syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0)));
    close(pfd);
    printf("pidfd_open -1: %s\n", err(syscall(SYS_pidfd_open, -1, 0)));
    printf("pidfd_open bad flags: %s\n",
           err(syscall(SYS_pidfd_open, getpid(), 1)));
    printf("pidfd_open reaped: %s\n", err(syscall(SYS_pidfd_open, pid, 0)));
    printf("send on a pipe: %s\n",
           err(syscall(SYS_pidfd_send_signal, 0, SIGTERM, NULL, 0)));

    /* To ourselves, with a siginfo, through a signalfd. */
    self = (int)syscall(SYS_pidfd_open, getpid(), 0);
    sigemptyset(&set);
    fd = sfd_with(&set, SIGUSR1, 0);
    memset(&info, 0, sizeof info);
    info.si_signo = SIGUSR1;
    info.si_code = SI_QUEUE;
    info.si_pid = getpid();
    info.si_value.sival_int = 5;
    printf("send self: %s\n",
           err(syscall(SYS_pidfd_send_signal, self, SIGUSR1, &info, 0)));
    read_one(fd, "pidfd self");
    info.si_signo = SIGUSR2;
    printf("send signo mismatch: %s\n",
           err(syscall(SYS_pidfd_send_signal, self, SIGUSR1, &info, 0)));
    close(fd);

    if (pipe(pipefd) == 0) {
        dup = (int)syscall(SYS_pidfd_getfd, self, pipefd[1], 0);
        printf("pidfd_getfd: %s\n", err(dup));
        (void)!write(dup, "dup", 3);
        (void)!read(pipefd[0], buf, 3);
        printf("through the copy: %s\n", buf);
        close(dup);
        printf("pidfd_getfd bad fd: %s\n",
               err(syscall(SYS_pidfd_getfd, self, 999, 0)));
        printf("pidfd_getfd bad flags: %s\n",
               err(syscall(SYS_pidfd_getfd, self, pipefd[1], 1)));
        printf("pidfd_getfd not a pidfd: %s\n",
               err(syscall(SYS_pidfd_getfd, pipefd[0], 0, 0)));
    }
    close(self);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_signalfd();
    test_cross_process();
    test_pidfd();
    return 0;
}
