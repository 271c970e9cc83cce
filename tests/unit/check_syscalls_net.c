/* tests/unit/check_syscalls_net.c: sockets: addresses in and out (with
 * truncation), options, and msghdr conversion with SCM_RIGHTS. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include "tests/unit/check_syscalls.h"

enum {
    NR_socket = 198,
    NR_socketpair = 199,
    NR_bind = 200,
    NR_listen = 201,
    NR_accept = 202,
    NR_connect = 203,
    NR_getsockname = 204,
    NR_getpeername = 205,
    NR_sendto = 206,
    NR_recvfrom = 207,
    NR_setsockopt = 208,
    NR_getsockopt = 209,
    NR_shutdown = 210,
    NR_sendmsg = 211,
    NR_recvmsg = 212,
    NR_accept4 = 242,
};

/* A loopback UDP socket bound to an ephemeral port; *addr gets it. */
static long udp_socket(struct sockaddr_in *addr)
{
    struct sockaddr_in *g = sys_h(sys_scratch + 4096);
    int32_t *len = sys_h(sys_scratch + 4096 + 64);
    long fd = SYS3(NR_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    ck_assert_int_ge(fd, 0);
    *g = (struct sockaddr_in){.sin_family = AF_INET,
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(SYS3(NR_bind, fd, sys_scratch + 4096, sizeof *g), 0);
    *len = sizeof *g;
    ck_assert_int_eq(
        SYS3(NR_getsockname, fd, sys_scratch + 4096, sys_scratch + 4096 + 64),
        0);
    ck_assert_int_eq(*len, sizeof *g);
    *addr = *g;
    ck_assert_int_ne(addr->sin_port, 0);
    return fd;
}

START_TEST(test_udp_sendto_recvfrom_report_the_sender)
{
    struct sockaddr_in a, b;
    long fa = udp_socket(&a), fb = udp_socket(&b);
    int32_t *len = sys_h(sys_scratch + 200);

    memcpy(sys_h(sys_scratch + 100), &b, sizeof b);
    ck_assert_int_eq(SYS6(NR_sendto, fa, sys_str(0, "datagram"), 8, 0,
                          sys_scratch + 100, sizeof b),
                     8);
    *len = sizeof a;
    memset(sys_h(sys_scratch + 300), 0, 64);
    ck_assert_int_eq(SYS6(NR_recvfrom, fb, sys_scratch + 1000, 64, 0,
                          sys_scratch + 300, sys_scratch + 200),
                     8);
    ck_assert_mem_eq(sys_h(sys_scratch + 1000), "datagram", 8);
    ck_assert_int_eq(*len, sizeof a);
    ck_assert_int_eq(((struct sockaddr_in *)sys_h(sys_scratch + 300))->sin_port,
                     a.sin_port);
    ck_assert_int_eq(SYS6(NR_sendto, fa, sys_unmapped - 2, 8, 0,
                          sys_scratch + 100, sizeof b),
                     -LX_EFAULT);
    ck_assert_int_eq(
        SYS6(NR_sendto, fa, sys_scratch, 8, 0, sys_scratch + 100, 4096),
        -LX_EINVAL);
}
END_TEST

START_TEST(test_output_addresses_are_truncated_with_the_full_length_back)
{
    struct sockaddr_in a;
    long fd = udp_socket(&a);
    int32_t *len = sys_h(sys_scratch + 200);
    uint8_t *out = sys_h(sys_scratch + 300);

    memset(out, 0xee, 32);
    *len = 4;
    ck_assert_int_eq(
        SYS3(NR_getsockname, fd, sys_scratch + 300, sys_scratch + 200), 0);
    ck_assert_int_eq(*len, sizeof a);
    ck_assert_mem_eq(out, &a, 4);
    ck_assert_int_eq(out[4], 0xee);
    *len = -1;
    ck_assert_int_eq(
        SYS3(NR_getsockname, fd, sys_scratch + 300, sys_scratch + 200),
        -LX_EINVAL);
    ck_assert_int_eq(SYS3(NR_getsockname, fd, sys_scratch + 300, sys_unmapped),
                     -LX_EFAULT);
    *len = 16;
    ck_assert_int_eq(
        SYS3(NR_getpeername, fd, sys_scratch + 300, sys_scratch + 200),
        -LX_ENOTCONN);
}
END_TEST

START_TEST(test_stream_listen_connect_accept4)
{
    struct sockaddr_in a;
    struct sockaddr_in *g = sys_h(sys_scratch + 100);
    int32_t *len = sys_h(sys_scratch + 200);
    long srv = SYS3(NR_socket, AF_INET, SOCK_STREAM, 0), cli, conn;

    *g = (struct sockaddr_in){.sin_family = AF_INET,
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    ck_assert_int_eq(SYS3(NR_bind, srv, sys_scratch + 100, sizeof *g), 0);
    ck_assert_int_eq(SYS2(NR_listen, srv, 4), 0);
    *len = sizeof a;
    ck_assert_int_eq(
        SYS3(NR_getsockname, srv, sys_scratch + 100, sys_scratch + 200), 0);
    a = *g;
    cli = SYS3(NR_socket, AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(SYS3(NR_connect, cli, sys_scratch + 100, sizeof a), 0);
    conn = SYS4(NR_accept4, srv, 0, 0, SOCK_CLOEXEC);
    ck_assert_int_ge(conn, 0);
    ck_assert_int_eq(fcntl((int)conn, F_GETFD), FD_CLOEXEC);
    ck_assert_int_eq(write((int)cli, "ping", 4), 4);
    ck_assert_int_eq(SYS6(NR_recvfrom, conn, sys_scratch + 1000, 4, 0, 0, 0),
                     4);
    ck_assert_int_eq(SYS2(NR_shutdown, cli, SHUT_WR), 0);
    ck_assert_int_eq(SYS6(NR_recvfrom, conn, sys_scratch + 1000, 4, 0, 0, 0),
                     0);
    ck_assert_int_eq(SYS3(NR_accept, srv, sys_scratch + 100, sys_unmapped),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_socket_options_pass_their_bytes)
{
    long fd = SYS3(NR_socket, AF_INET, SOCK_DGRAM, 0);
    struct lx_timeval *tv = sys_h(sys_scratch);
    int32_t *len = sys_h(sys_scratch + 64);

    *tv = (struct lx_timeval){3, 500000}; /* whole jiffies at any HZ */
    ck_assert_int_eq(SYS5(NR_setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO,
                          sys_scratch, sizeof *tv),
                     0);
    memset(tv, 0, sizeof *tv);
    *len = sizeof *tv;
    ck_assert_int_eq(SYS5(NR_getsockopt, fd, SOL_SOCKET, SO_RCVTIMEO,
                          sys_scratch, sys_scratch + 64),
                     0);
    ck_assert_int_eq(tv->tv_sec, 3);
    ck_assert_int_eq(tv->tv_usec, 500000);
    ck_assert_int_eq(*len, 16);
    *len = 4;
    ck_assert_int_eq(SYS5(NR_getsockopt, fd, SOL_SOCKET, SO_TYPE, sys_scratch,
                          sys_scratch + 64),
                     0);
    ck_assert_int_eq(*(int32_t *)sys_h(sys_scratch), SOCK_DGRAM);
    ck_assert_int_eq(
        SYS5(NR_setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, sys_unmapped - 8, 16),
        -LX_EFAULT);
}
END_TEST

START_TEST(test_msghdr_is_converted_and_scm_rights_pass)
{
    struct lx_msghdr *m = sys_h(sys_scratch);
    struct lx_iovec *iov = sys_h(sys_scratch + 64);
    struct cmsghdr *c = sys_h(sys_scratch + 128);
    int32_t *sv = sys_h(sys_scratch + 256), passed;
    char probe[8] = {0};
    int p[2];

    ck_assert_int_eq(
        SYS4(NR_socketpair, AF_UNIX, SOCK_STREAM, 0, sys_scratch + 256), 0);
    ck_assert_int_eq(pipe(p), 0);
    iov[0] = (struct lx_iovec){sys_str(512, "msg"), 3};
    c->cmsg_len = CMSG_LEN(sizeof(int));
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    *m = (struct lx_msghdr){.msg_iov = sys_scratch + 64,
                            .msg_iovlen = 1,
                            .msg_control = sys_scratch + 128,
                            .msg_controllen = CMSG_SPACE(sizeof(int))};
    ck_assert_int_eq(SYS3(NR_sendmsg, sv[0], sys_scratch, 0), 3);
    memset(c, 0, 64);
    iov[0] = (struct lx_iovec){sys_scratch + 1024, 16};
    m->msg_controllen = 64;
    ck_assert_int_eq(SYS3(NR_recvmsg, sv[1], sys_scratch, 0), 3);
    ck_assert_mem_eq(sys_h(sys_scratch + 1024), "msg", 3);
    ck_assert_uint_eq(m->msg_controllen, CMSG_SPACE(sizeof(int)));
    ck_assert_int_eq(c->cmsg_type, SCM_RIGHTS);
    memcpy(&passed, CMSG_DATA(c), sizeof passed);
    ck_assert_int_eq(write(passed, "fd!", 3), 3); /* a new fd, same pipe */
    ck_assert_int_eq(read(p[0], probe, 3), 3);
    ck_assert_str_eq(probe, "fd!");
    m->msg_iov = sys_unmapped;
    ck_assert_int_eq(SYS3(NR_recvmsg, sv[1], sys_scratch, 0), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_sendmsg, sv[0], sys_unmapped - 8, 0), -LX_EFAULT);
}
END_TEST

TCase *sys_tcase_net(void)
{
    TCase *tc = tcase_create("net");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_udp_sendto_recvfrom_report_the_sender);
    tcase_add_test(
        tc, test_output_addresses_are_truncated_with_the_full_length_back);
    tcase_add_test(tc, test_stream_listen_connect_accept4);
    tcase_add_test(tc, test_socket_options_pass_their_bytes);
    tcase_add_test(tc, test_msghdr_is_converted_and_scm_rights_pass);
    return tc;
}
