/* syscalls/linux/signalfd.c: signalfd4 and the pidfd calls. A signalfd
 * is the host's: the signals it reads are blocked ones, and a blocked
 * guest signal waits in the host (signal.c sends this process's own
 * through it too). struct signalfd_siginfo is 128 bytes of fixed-size
 * fields on every architecture, so reads need no conversion. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"

/* SFD_* and PIDFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK, whose values
 * the generic ABI and x86-64 share. */
#define LX_O_NONBLOCK 04000
#define LX_O_CLOEXEC 02000000

/* signalfd4(fd, mask, sizemask, flags). Signals 32 and 33 are left out:
 * host glibc's in this process, never pending in the host as the
 * guest's. */
long lx_sys_signalfd4(struct lx_task *t, const uint64_t a[6])
{
    uint64_t mask;
    sigset_t set;

    if (a[2] != 8 || (a[3] & ~(uint64_t)(LX_O_NONBLOCK | LX_O_CLOEXEC)))
        return -LX_EINVAL;
    if (lx_copy_in(t, &mask, a[1], sizeof mask) < 0)
        return -LX_EFAULT;
    if (lx_fd_own(lx_fd(a[0])))
        return -LX_EBADF;
    sigemptyset(&set);
    for (int sig = 1; sig <= LX_NSIG; sig++)
        if ((mask & LX_SIGBIT(sig)) && sig != 32 && sig != 33)
            sigaddset(&set, sig);
    return lx_ret(signalfd(lx_fd(a[0]), &set, (int)a[3]));
}

/* pidfd_open(pid, flags): the host's; a guest process is a host one. */
long lx_sys_pidfd_open(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    if (a[1] & ~(uint64_t)LX_O_NONBLOCK)
        return -LX_EINVAL;
    return lx_ret(syscall(SYS_pidfd_open, (int)a[0], (unsigned)a[1]));
}

/* The pid a pidfd names, from /proc/self/fdinfo ("Pid:" line); 0 when fd
 * is no pidfd, -1 for a process that has gone. */
static int lx_pidfd_pid(int fd)
{
    char path[64], line[128];
    int pid = 0;
    FILE *f;

    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    if (!(f = fopen(path, "re")))
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Pid:", 4) == 0) {
            pid = atoi(line + 4);
            break;
        }
    fclose(f);
    return pid;
}

/* pidfd_send_signal(pidfd, sig, info, flags): for this very process and
 * no flags, as kill or rt_sigqueueinfo to ourselves (ferry's queues);
 * otherwise the host's (which knows which flags it has), the siginfo
 * being the same on both sides. */
long lx_sys_pidfd_send_signal(struct lx_task *t, const uint64_t a[6])
{
    int fd = lx_fd(a[0]), sig = (int)a[1];
    struct lx_siginfo info;
    siginfo_t hi;

    if (a[1] > LX_NSIG)
        return -LX_EINVAL;
    if (a[2] && lx_copy_in(t, &info, a[2], sizeof info) < 0)
        return -LX_EFAULT;
    if (a[2] && info.si_signo != sig)
        return -LX_EINVAL;
    if (lx_fd_own(fd))
        return -LX_EBADF;
    if (a[3] == 0 && lx_pidfd_pid(fd) == getpid()) {
        uint64_t b[6] = {(uint64_t)getpid(), a[1], a[2], 0, 0, 0};

        return a[2] ? lx_sys_rt_sigqueueinfo(t, b) : lx_sys_kill(t, b);
    }
    memcpy(&hi, &info, sizeof hi);
    return lx_ret(syscall(SYS_pidfd_send_signal, fd, sig, a[2] ? &hi : NULL,
                          (unsigned)a[3]));
}

/* pidfd_getfd(pidfd, targetfd, flags): ferry's own descriptors are not
 * the guest's to take from itself. */
long lx_sys_pidfd_getfd(struct lx_task *t, const uint64_t a[6])
{
    int fd = lx_fd(a[0]), target = lx_fd(a[1]);

    (void)t;
    if (a[2] != 0)
        return -LX_EINVAL;
    if (lx_fd_own(fd) ||
        (lx_fd_own(target) && lx_pidfd_pid(fd) == getpid()))
        return -LX_EBADF;
    return lx_ret(syscall(SYS_pidfd_getfd, fd, target, 0));
}
