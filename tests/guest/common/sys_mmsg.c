/* sys_mmsg: sendmmsg and recvmmsg over UDP on 127.0.0.1 (names, lengths,
 * several iovecs, MSG_WAITFORONE, a timeout), SO_TIMESTAMP and
 * SO_TIMESTAMPNS control messages, SCM_CREDENTIALS over a UNIX socket
 * pair, and the failures.
 * Architecture-neutral: sys_mmsg.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int udp_bound(struct sockaddr_in *a)
{
    socklen_t len = sizeof *a;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, (struct sockaddr *)a, sizeof *a);
    getsockname(fd, (struct sockaddr *)a, &len);
    return fd;
}

static void test_mmsg(void)
{
    struct sockaddr_in ra, sa, from[4];
    char b0[] = "one", b1[] = "tw", b2[] = "o", b3[] = "three";
    struct iovec siov[4] = {{b0, 3}, {b1, 2}, {b2, 1}, {b3, 5}};
    struct mmsghdr sm[3], rm[4];
    char rbuf[4][16];
    struct iovec riov[4];
    struct timespec to = {1, 0};
    int r = udp_bound(&ra), s = udp_bound(&sa), rc;

    memset(sm, 0, sizeof sm);
    sm[0].msg_hdr = (struct msghdr){.msg_name = &ra, .msg_namelen = sizeof ra,
                                    .msg_iov = &siov[0], .msg_iovlen = 1};
    sm[1].msg_hdr = (struct msghdr){.msg_name = &ra, .msg_namelen = sizeof ra,
                                    .msg_iov = &siov[1], .msg_iovlen = 2};
    sm[2].msg_hdr = (struct msghdr){.msg_name = &ra, .msg_namelen = sizeof ra,
                                    .msg_iov = &siov[3], .msg_iovlen = 1};
    printf("sendmmsg: %d\n", sendmmsg(s, sm, 3, 0));
    printf("lengths sent: %u %u %u\n", sm[0].msg_len, sm[1].msg_len,
           sm[2].msg_len);
    memset(rm, 0, sizeof rm);
    memset(rbuf, 0, sizeof rbuf);
    for (int i = 0; i < 4; i++) {
        riov[i] = (struct iovec){rbuf[i], sizeof rbuf[i] - 1};
        rm[i].msg_hdr = (struct msghdr){.msg_name = &from[i],
                                        .msg_namelen = sizeof from[i],
                                        .msg_iov = &riov[i], .msg_iovlen = 1};
    }
    printf("recvmmsg: %d\n", recvmmsg(r, rm, 4, MSG_WAITFORONE, &to));
    for (int i = 0; i < 3; i++)
        printf("  [%d] len %u \"%s\" from the sender %d namelen %u\n", i,
               rm[i].msg_len, rbuf[i], from[i].sin_port == sa.sin_port,
               rm[i].msg_hdr.msg_namelen);
    printf("timeout left <= 1s: %d\n", to.tv_sec <= 1);
    rc = recvmmsg(r, rm, 4, MSG_DONTWAIT, NULL);
    printf("recvmmsg empty, nonblocking: %d %s\n", rc,
           errno == EAGAIN ? "EAGAIN" : strerror(errno));
    printf("sendmmsg vlen 0: %d\n", sendmmsg(s, sm, 0, 0));
    rc = recvmmsg(r, (struct mmsghdr *)8, 1, MSG_DONTWAIT, NULL);
    printf("recvmmsg bad vector: %d %s\n", rc,
           errno == EFAULT ? "EFAULT" : strerror(errno));
    rc = sendmmsg(99, sm, 1, 0);
    printf("sendmmsg bad fd: %d %s\n", rc,
           errno == EBADF ? "EBADF" : strerror(errno));
    close(r);
    close(s);
}

/* One datagram to a receiver with option opt on; the control message of
 * type want, its payload checked against the clock. */
static void test_timestamp(int opt, int want, const char *name)
{
    struct sockaddr_in ra, sa;
    int r = udp_bound(&ra), s = udp_bound(&sa), one = 1, found = 0;
    char data[8], ctl[256];
    struct iovec iov = {data, sizeof data};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = ctl, .msg_controllen = sizeof ctl};
    time_t now = time(NULL);

    setsockopt(r, SOL_SOCKET, opt, &one, sizeof one);
    sendto(s, "ts", 2, 0, (struct sockaddr *)&ra, sizeof ra);
    printf("%s: recvmsg %zd\n", name, recvmsg(r, &mh, 0));
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        long sec;

        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != want)
            continue;
        if (want == SCM_TIMESTAMP) {
            struct timeval tv;

            memcpy(&tv, CMSG_DATA(c), sizeof tv);
            sec = tv.tv_sec;
            found = c->cmsg_len == CMSG_LEN(sizeof tv) && tv.tv_usec < 1000000;
        } else {
            struct timespec ts;

            memcpy(&ts, CMSG_DATA(c), sizeof ts);
            sec = ts.tv_sec;
            found = c->cmsg_len == CMSG_LEN(sizeof ts) &&
                    ts.tv_nsec < 1000000000;
        }
        found = found && sec >= now - 2 && sec <= now + 2;
    }
    printf("%s: control message found and sane: %d\n", name, found);
    close(r);
    close(s);
}

static void test_credentials(void)
{
    int sv[2], one = 1;
    struct ucred me = {getpid(), getuid(), getgid()}, got = {0};
    union {
        char buf[CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } u;
    char data[4] = "cr";
    struct iovec iov = {data, 2};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c;

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    memset(u.buf, 0, sizeof u.buf);
    c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof me);
    memcpy(CMSG_DATA(c), &me, sizeof me);
    printf("sendmsg with SCM_CREDENTIALS: %zd\n", sendmsg(sv[0], &mh, 0));
    memset(u.buf, 0, sizeof u.buf);
    mh.msg_controllen = sizeof u.buf;
    printf("recvmsg: %zd\n", recvmsg(sv[1], &mh, 0));
    c = CMSG_FIRSTHDR(&mh);
    if (c && c->cmsg_type == SCM_CREDENTIALS)
        memcpy(&got, CMSG_DATA(c), sizeof got);
    printf("credentials are ours: %d\n", got.pid == me.pid &&
                                             got.uid == me.uid &&
                                             got.gid == me.gid);
    /* Without sending any, SO_PASSCRED still gets the sender's. */
    send(sv[0], "x", 1, 0);
    memset(&got, 0, sizeof got);
    mh.msg_controllen = sizeof u.buf;
    recvmsg(sv[1], &mh, 0);
    c = CMSG_FIRSTHDR(&mh);
    if (c && c->cmsg_type == SCM_CREDENTIALS)
        memcpy(&got, CMSG_DATA(c), sizeof got);
    printf("implicit credentials: %d\n", got.pid == getpid());
    close(sv[0]);
    close(sv[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_mmsg();
    test_timestamp(SO_TIMESTAMP, SCM_TIMESTAMP, "SO_TIMESTAMP");
    test_timestamp(SO_TIMESTAMPNS, SCM_TIMESTAMPNS, "SO_TIMESTAMPNS");
    test_credentials();
    return 0;
}
