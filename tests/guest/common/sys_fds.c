/* sys_fds: descriptors: fcntl flags and record locks, dup/dup2/dup3,
 * pipes (blocking and not), FIONREAD, isatty on a file. Each printf
 * makes at most one call (argument order is unspecified).
 * Architecture-neutral: sys_fds.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static char path[64];

static const char *err(int rc)
{
    return rc < 0 ? strerrorname_np(errno) : "ok";
}

static void flags(void)
{
    int fd = open(path, O_RDWR | O_APPEND);
    int fl = fcntl(fd, F_GETFL);

    printf("F_GETFL accmode rdwr %d append %d nonblock %d\n",
           (fl & O_ACCMODE) == O_RDWR, !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    printf("F_SETFL: %d\n", fcntl(fd, F_SETFL, fl | O_NONBLOCK));
    fl = fcntl(fd, F_GETFL);
    printf("nonblock now %d append %d\n", !!(fl & O_NONBLOCK),
           !!(fl & O_APPEND));
    printf("F_GETFD: %d\n", fcntl(fd, F_GETFD));
    printf("F_SETFD: %d\n", fcntl(fd, F_SETFD, FD_CLOEXEC));
    printf("F_GETFD: %d\n", fcntl(fd, F_GETFD));
    int d = fcntl(fd, F_DUPFD_CLOEXEC, 40);
    printf("F_DUPFD_CLOEXEC >= 40: %d cloexec %d\n", d >= 40,
           fcntl(d, F_GETFD));
    printf("dup2 to 50: %d\n", dup2(fd, 50));
    printf("dup2 cloexec cleared: %d\n", fcntl(50, F_GETFD));
    printf("dup3 cloexec: %d", dup3(fd, 51, O_CLOEXEC));
    printf(" %d\n", fcntl(51, F_GETFD));
    printf("dup3 same fd: %s\n", err(dup3(fd, fd, 0)));
    printf("fcntl bad cmd: %s\n", err(fcntl(fd, 12345)));
    printf("fcntl bad fd: %s\n", err(fcntl(999, F_GETFD)));
    close(d);
    close(50);
    close(51);
    close(fd);
}

static void locks(void)
{
    int a = open(path, O_RDWR), b = open(path, O_RDWR);
    struct flock lk = {
        .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 10};

    printf("F_SETLK: %d\n", fcntl(a, F_SETLK, &lk));
    lk.l_type = F_RDLCK;
    lk.l_start = 0;
    lk.l_len = 0;
    printf("F_GETLK own lock: %d", fcntl(b, F_GETLK, &lk));
    printf(" type unlck %d\n", lk.l_type == F_UNLCK);
    lk = (struct flock){.l_type = F_WRLCK, .l_start = 0, .l_len = 50};
    printf("F_OFD_SETLK: %d\n", fcntl(a, F_OFD_SETLK, &lk));
    lk = (struct flock){.l_type = F_RDLCK, .l_start = 10, .l_len = 5};
    printf("F_OFD_GETLK: %d\n", fcntl(b, F_OFD_GETLK, &lk));
    printf("conflict: type wr %d start %lld len %lld pid %d\n",
           lk.l_type == F_WRLCK, (long long)lk.l_start, (long long)lk.l_len,
           lk.l_pid);
    lk = (struct flock){.l_type = F_RDLCK, .l_start = 10, .l_len = 5};
    printf("F_OFD_SETLK conflicting: %s\n", err(fcntl(b, F_OFD_SETLK, &lk)));
    lk = (struct flock){.l_type = F_UNLCK, .l_start = 0, .l_len = 50};
    printf("unlock: %d\n", fcntl(a, F_OFD_SETLK, &lk));
    lk = (struct flock){.l_type = F_RDLCK, .l_start = 10, .l_len = 5};
    printf("F_OFD_SETLK after unlock: %s\n", err(fcntl(b, F_OFD_SETLK, &lk)));
    close(a);
    close(b);
}

static void pipes(void)
{
    int p[2], n = -1;
    char buf[16] = {0};

    printf("pipe2: %d\n", pipe2(p, O_NONBLOCK | O_CLOEXEC));
    printf("cloexec %d nonblock %d\n", fcntl(p[0], F_GETFD),
           !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    printf("read empty: %s\n", err((int)read(p[0], buf, 1)));
    printf("write: %zd\n", write(p[1], "through the pipe", 16));
    printf("FIONREAD: %d", ioctl(p[0], FIONREAD, &n));
    printf(" %d\n", n);
    printf("read: %zd '%.16s'\n", read(p[0], buf, 16), buf);
    close(p[1]);
    printf("read at eof: %zd\n", read(p[0], buf, 1));
    close(p[0]);
    printf("lseek on pipe: %s\n",
           err(pipe(p) == 0 ? (int)lseek(p[0], 0, SEEK_SET) : 0));
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    int fd, tty, tty_errno;

    strcpy(path, "/tmp/ferry-sys-fds-XXXXXX");
    fd = mkstemp(path);
    tty = isatty(fd);
    tty_errno = errno; /* before printf, whose buffer malloc may set it */
    printf("isatty(file): %d %s\n", tty, strerrorname_np(tty_errno));
    close(fd);
    flags();
    locks();
    pipes();
    unlink(path);
    return 0;
}
