/* sys_events: waiting on descriptors (poll, select, epoll with 64-bit
 * user data), eventfd, timerfd, positioned vector I/O and in-kernel
 * copies (sendfile, copy_file_range) on a memfd.
 * Architecture-neutral: sys_events.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <unistd.h>

static void polls(void)
{
    int p[2];
    struct pollfd fds[2];
    struct timeval tv = {0, 1000};
    fd_set rd;

    pipe(p);
    fds[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
    fds[1] = (struct pollfd){.fd = p[1], .events = POLLOUT};
    printf("poll: %d", poll(fds, 2, 10));
    printf(" revents %#x %#x\n", fds[0].revents, fds[1].revents);
    write(p[1], "x", 1);
    printf("poll after write: %d", poll(fds, 1, 10));
    printf(" revents %#x\n", fds[0].revents);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    printf("select: %d", select(p[0] + 1, &rd, NULL, NULL, &tv));
    printf(" isset %d\n", FD_ISSET(p[0], &rd));
    close(p[1]);
    printf("poll hangup: %d", poll(fds, 1, 10));
    printf(" revents %#x\n", fds[0].revents);
    close(p[0]);
}

static void epolls(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC), p[2], e;
    struct epoll_event ev = {.events = EPOLLIN}, out[4];
    uint64_t v = 3;

    pipe(p);
    e = eventfd(0, EFD_NONBLOCK);
    ev.data.u64 = 0x0123456789abcdefull;
    printf("epoll_ctl pipe: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
    ev.data.u64 = 0xfedcba9876543210ull;
    printf("epoll_ctl eventfd: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev));
    printf("epoll_wait idle: %d\n", epoll_wait(ep, out, 4, 0));
    write(e, &v, sizeof v);
    write(p[1], "y", 1);
    int n = epoll_wait(ep, out, 4, 100);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++)
        seen ^= out[i].data.u64;
    printf("epoll_wait: %d data xor %#llx events %#x\n", n,
           (unsigned long long)seen, out[0].events | out[1].events);
    printf("eventfd read: %zd", read(e, &v, sizeof v));
    printf(" value %llu\n", (unsigned long long)v);
    printf("eventfd empty: %zd\n", read(e, &v, sizeof v));
    close(ep);
    close(e);
    close(p[0]);
    close(p[1]);
}

static void timers(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec its = {.it_value = {0, 2000000}}, cur;
    uint64_t ticks = 0;

    printf("timerfd_settime: %d\n", timerfd_settime(t, 0, &its, NULL));
    printf("timerfd read: %zd", read(t, &ticks, sizeof ticks));
    printf(" ticks %llu\n", (unsigned long long)ticks);
    printf("timerfd_gettime: %d", timerfd_gettime(t, &cur));
    printf(" disarmed %d\n",
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    close(t);
}

static void copies(void)
{
    int m = memfd_create("sys_events", MFD_CLOEXEC), m2 = memfd_create("b", 0);
    struct iovec iov[2] = {{"vector ", 7}, {"write", 5}};
    char a[8] = {0}, b[8] = {0}, all[32] = {0};
    struct iovec rd[2] = {{a, 6}, {b, 6}};
    off_t off = 7;

    printf("pwritev: %zd\n", pwritev(m, iov, 2, 3));
    printf("offset unmoved: %lld\n", (long long)lseek(m, 0, SEEK_CUR));
    printf("preadv: %zd", preadv(m, rd, 2, 3));
    printf(" '%s' '%s'\n", a, b);
    printf("sendfile: %zd", sendfile(m2, m, &off, 5));
    printf(" offset now %lld\n", (long long)off);
    off = 3;
    printf("copy_file_range: %zd", copy_file_range(m, &off, m2, NULL, 6, 0));
    printf(" offset now %lld\n", (long long)off);
    printf("pread: %zd", pread(m2, all, sizeof all - 1, 0));
    printf(" '%s'\n", all);
    close(m);
    close(m2);
}

int main(void)
{
    polls();
    epolls();
    timers();
    copies();
    return 0;
}
