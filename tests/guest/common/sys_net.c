/* sys_net: sockets over loopback and socketpair: UDP with sender
 * addresses, TCP connect/accept/shutdown, options, and a descriptor
 * passed with SCM_RIGHTS. Ports are never printed.
 * Architecture-neutral: sys_net.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int bound(int type, struct sockaddr_in *addr)
{
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    socklen_t len = sizeof *addr;

    *addr = (struct sockaddr_in){.sin_family = AF_INET,
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(fd, (struct sockaddr *)addr, sizeof *addr);
    getsockname(fd, (struct sockaddr *)addr, &len);
    return fd;
}

static void udp(void)
{
    struct sockaddr_in a, b, from;
    int fa = bound(SOCK_DGRAM, &a), fb = bound(SOCK_DGRAM, &b);
    socklen_t len = sizeof from;
    char buf[32] = {0};

    printf("udp sendto: %zd\n",
           sendto(fa, "hello udp", 9, 0, (struct sockaddr *)&b, sizeof b));
    printf("udp recvfrom: %zd",
           recvfrom(fb, buf, sizeof buf, 0, (struct sockaddr *)&from, &len));
    printf(" '%s' from sender %d len %u\n", buf, from.sin_port == a.sin_port,
           (unsigned)len);
    close(fa);
    close(fb);
}

static void tcp(void)
{
    struct sockaddr_in a, peer;
    int srv = bound(SOCK_STREAM, &a), cli = socket(AF_INET, SOCK_STREAM, 0);
    socklen_t len = sizeof peer;
    char buf[16] = {0};
    int conn;

    printf("listen: %d\n", listen(srv, 4));
    printf("connect: %d\n", connect(cli, (struct sockaddr *)&a, sizeof a));
    conn = accept4(srv, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    printf("accept4: %d family inet %d\n", conn >= 0,
           peer.sin_family == AF_INET);
    printf("send: %zd\n", send(cli, "stream", 6, 0));
    printf("recv: %zd", recv(conn, buf, sizeof buf, 0));
    printf(" '%s'\n", buf);
    printf("shutdown: %d\n", shutdown(cli, SHUT_WR));
    printf("recv at eof: %zd\n", recv(conn, buf, sizeof buf, 0));
    len = sizeof peer;
    printf("getpeername: %d",
           getpeername(conn, (struct sockaddr *)&peer, &len));
    printf(" loopback %d\n", peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    close(conn);
    close(cli);
    close(srv);
}

static void options(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0), type = 0, one = 1;
    struct timeval tv = {2, 500000};
    socklen_t len = sizeof tv;

    printf("SO_RCVTIMEO set: %d\n",
           setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    tv = (struct timeval){0, 0};
    printf("SO_RCVTIMEO get: %d",
           getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &len));
    printf(" %ld.%06ld len %u\n", (long)tv.tv_sec, (long)tv.tv_usec,
           (unsigned)len);
    len = sizeof type;
    printf("SO_TYPE: %d", getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len));
    printf(" dgram %d\n", type == SOCK_DGRAM);
    printf("SO_REUSEADDR: %d\n",
           setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    close(fd);
}

static void pass_fd(void)
{
    int sv[2], p[2], got = -1;
    char data[4] = "abc", cbuf[CMSG_SPACE(sizeof(int))], back[8] = {0};
    struct iovec iov = {data, 3};
    struct msghdr m = {.msg_iov = &iov,
                       .msg_iovlen = 1,
                       .msg_control = cbuf,
                       .msg_controllen = sizeof cbuf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);

    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    printf("sendmsg: %zd\n", sendmsg(sv[0], &m, 0));
    memset(cbuf, 0, sizeof cbuf);
    memset(data, 0, sizeof data);
    printf("recvmsg: %zd", recvmsg(sv[1], &m, 0));
    printf(" '%s' controllen ok %d\n", data,
           m.msg_controllen == CMSG_SPACE(sizeof(int)));
    c = CMSG_FIRSTHDR(&m);
    printf("rights: %d\n", c && c->cmsg_type == SCM_RIGHTS);
    memcpy(&got, CMSG_DATA(c), sizeof got);
    write(got, "via fd", 6);
    printf("through the passed fd: %zd", read(p[0], back, sizeof back));
    printf(" '%s'\n", back);
}

int main(void)
{
    udp();
    tcp();
    options();
    pass_fd();
    return 0;
}
