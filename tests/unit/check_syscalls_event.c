/* tests/unit/check_syscalls_event.c: waiting on fds (ppoll, pselect6,
 * epoll with its converted event struct), the event fds, positioned
 * vector I/O and in-kernel copies. */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "tests/unit/check_syscalls.h"

enum {
    NR_eventfd2 = 19,
    NR_epoll_create1 = 20,
    NR_epoll_ctl = 21,
    NR_epoll_pwait = 22,
    NR_inotify_init1 = 26,
    NR_inotify_add_watch = 27,
    NR_preadv = 69,
    NR_pwritev = 70,
    NR_sendfile = 71,
    NR_pselect6 = 72,
    NR_ppoll = 73,
    NR_timerfd_create = 85,
    NR_timerfd_settime = 86,
    NR_timerfd_gettime = 87,
    NR_getpriority = 141,
    NR_memfd_create = 279,
    NR_copy_file_range = 285,
    NR_pwritev2 = 287,
};

static void make_pipe(int p[2])
{
    ck_assert_int_eq(pipe(p), 0);
}

START_TEST(test_ppoll_uses_the_guest_pollfds_and_timeout)
{
    struct pollfd *fds = sys_h(sys_scratch);
    struct lx_timespec *ts = sys_h(sys_scratch + 64);
    int p[2];

    make_pipe(p);
    fds[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
    fds[1] = (struct pollfd){.fd = p[1], .events = POLLOUT};
    *ts = (struct lx_timespec){0, 1000000};
    ck_assert_int_eq(SYS5(NR_ppoll, sys_scratch, 2, sys_scratch + 64, 0, 8), 1);
    ck_assert_int_eq(fds[0].revents, 0);
    ck_assert_int_eq(fds[1].revents, POLLOUT);
    ck_assert_int_eq(write(p[1], "x", 1), 1);
    ck_assert_int_eq(SYS5(NR_ppoll, sys_scratch, 1, 0, 0, 8), 1);
    ck_assert_int_eq(fds[0].revents, POLLIN);
    ck_assert_int_eq(SYS5(NR_ppoll, sys_unmapped - 8, 2, 0, 0, 8), -LX_EFAULT);
    ck_assert_int_eq(SYS5(NR_ppoll, sys_scratch, 1, 0, sys_scratch + 128, 4),
                     -LX_EINVAL); /* sigsetsize must be 8 */
}
END_TEST

START_TEST(test_pselect6_updates_sets_and_time_left)
{
    fd_set *rd = sys_h(sys_scratch);
    struct lx_timespec *ts = sys_h(sys_scratch + 256);
    int p[2];

    make_pipe(p);
    FD_ZERO(rd);
    FD_SET(p[0], rd);
    *ts = (struct lx_timespec){0, 2000000};
    ck_assert_int_eq(
        SYS6(NR_pselect6, p[0] + 1, sys_scratch, 0, 0, sys_scratch + 256, 0),
        0);
    ck_assert(!FD_ISSET(p[0], rd));
    ck_assert_int_eq(ts->tv_sec, 0);
    ck_assert_int_eq(ts->tv_nsec, 0); /* all of it was used */
    ck_assert_int_eq(write(p[1], "x", 1), 1);
    FD_SET(p[0], rd);
    *ts = (struct lx_timespec){5, 0};
    ck_assert_int_eq(
        SYS6(NR_pselect6, p[0] + 1, sys_scratch, 0, 0, sys_scratch + 256, 0),
        1);
    ck_assert(FD_ISSET(p[0], rd));
    ck_assert_int_le(ts->tv_sec, 5);
    ck_assert_int_eq(SYS6(NR_pselect6, p[0] + 1, sys_unmapped, 0, 0, 0, 0),
                     -LX_EFAULT);
    ck_assert_int_eq(SYS6(NR_pselect6, -1, 0, 0, 0, 0, 0), -LX_EINVAL);
}
END_TEST

START_TEST(test_epoll_events_are_converted_from_the_packed_host_layout)
{
    struct lx_epoll_event *ev = sys_h(sys_scratch);
    long ep = SYS1(NR_epoll_create1, EPOLL_CLOEXEC);
    int p[2];

    ck_assert_int_ge(ep, 0);
    make_pipe(p);
    *ev = (struct lx_epoll_event){.events = EPOLLIN,
                                  .data = 0x1122334455667788ull};
    ck_assert_int_eq(SYS4(NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], sys_scratch),
                     0);
    ck_assert_int_eq(write(p[1], "x", 1), 1);
    memset(sys_h(sys_scratch + 64), 0xee, 64);
    ck_assert_int_eq(SYS6(NR_epoll_pwait, ep, sys_scratch + 64, 4, 1000, 0, 8),
                     1);
    ev = sys_h(sys_scratch + 64);
    ck_assert_uint_eq(ev[0].events, EPOLLIN);
    ck_assert_uint_eq(ev[0].data, 0x1122334455667788ull);
    ck_assert_uint_eq(ev[1].events, 0xeeeeeeee); /* untouched */
    ck_assert_int_eq(SYS6(NR_epoll_pwait, ep, sys_unmapped - 16, 2, 0, 0, 8),
                     -LX_EFAULT);
    ck_assert_int_eq(SYS6(NR_epoll_pwait, ep, sys_scratch, 0, 0, 0, 8),
                     -LX_EINVAL);
    ck_assert_int_eq(SYS4(NR_epoll_ctl, ep, EPOLL_CTL_DEL, p[0], 0), 0);
    ck_assert_int_eq(SYS4(NR_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], sys_unmapped),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_eventfd_timerfd_and_inotify)
{
    struct lx_timespec *its = sys_h(sys_scratch);
    long efd = SYS2(NR_eventfd2, 5, EFD_NONBLOCK);
    long tfd = SYS2(NR_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC);
    long ifd = SYS1(NR_inotify_init1, IN_NONBLOCK);
    uint64_t v = 0;

    ck_assert_int_eq(read((int)efd, &v, 8), 8);
    ck_assert_uint_eq(v, 5);
    ck_assert_int_ge(tfd, 0);
    its[0] = (struct lx_timespec){0, 0};
    its[1] = (struct lx_timespec){100, 0};
    ck_assert_int_eq(SYS4(NR_timerfd_settime, tfd, 0, sys_scratch, 0), 0);
    ck_assert_int_eq(SYS2(NR_timerfd_gettime, tfd, sys_scratch + 64), 0);
    its = sys_h(sys_scratch + 64);
    ck_assert_int_eq(its[0].tv_sec, 0);
    ck_assert_int_le(its[1].tv_sec, 100);
    ck_assert_int_ge(its[1].tv_sec, 98);
    ck_assert_int_eq(SYS4(NR_timerfd_settime, tfd, 0, sys_unmapped, 0),
                     -LX_EFAULT);
    ck_assert_int_ge(ifd, 0);
    ck_assert_int_gt(
        SYS3(NR_inotify_add_watch, ifd, sys_str(0, sys_tmpdir), IN_CREATE), 0);
}
END_TEST

START_TEST(test_preadv_pwritev_take_a_position)
{
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "f"),
                   O_RDWR | O_CREAT, 0600);
    struct lx_iovec v[2] = {{sys_str(1000, "ab"), 2}, {sys_str(1100, "cd"), 2}};

    memcpy(sys_h(sys_scratch + 2000), v, sizeof v);
    ck_assert_int_eq(SYS5(NR_pwritev, fd, sys_scratch + 2000, 2, 10, 0), 4);
    ck_assert_int_eq(SYS3(NR_lseek, fd, 0, SEEK_CUR), 0); /* unmoved */
    ck_assert_int_eq(SYS6(NR_pwritev2, fd, sys_scratch + 2000, 1, 0, 0, 0), 2);
    v[0] = (struct lx_iovec){sys_scratch + 3000, 14};
    memcpy(sys_h(sys_scratch + 2000), v, sizeof v[0]);
    ck_assert_int_eq(SYS5(NR_preadv, fd, sys_scratch + 2000, 1, 0, 0), 14);
    ck_assert_mem_eq(sys_h(sys_scratch + 3000), "ab\0\0\0\0\0\0\0\0abcd", 14);
}
END_TEST

START_TEST(test_sendfile_and_copy_file_range_update_guest_offsets)
{
    long in = SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "in"),
                   O_RDWR | O_CREAT, 0600);
    long out = SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "out"),
                    O_RDWR | O_CREAT, 0600);
    int64_t *off = sys_h(sys_scratch + 512);
    char buf[16] = {0};

    ck_assert_int_eq(write((int)in, "0123456789", 10), 10);
    *off = 2;
    ck_assert_int_eq(SYS4(NR_sendfile, out, in, sys_scratch + 512, 3), 3);
    ck_assert_int_eq(*off, 5);
    *off = 7;
    ck_assert_int_eq(
        SYS6(NR_copy_file_range, in, sys_scratch + 512, out, 0, 3, 0), 3);
    ck_assert_int_eq(*off, 10);
    ck_assert_int_eq(pread((int)out, buf, sizeof buf, 0), 6);
    ck_assert_str_eq(buf, "234789");
    ck_assert_int_eq(SYS4(NR_sendfile, out, in, sys_unmapped - 4, 3),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_memfd_and_priority)
{
    long fd = SYS2(NR_memfd_create, sys_str(0, "guest"), MFD_CLOEXEC);
    char link[64], target[128] = {0};

    ck_assert_int_ge(fd, 0);
    snprintf(link, sizeof link, "/proc/self/fd/%ld", fd);
    ck_assert_int_gt(readlink(link, target, sizeof target - 1), 0);
    ck_assert_str_eq(target, "/memfd:guest (deleted)");
    ck_assert_int_eq(SYS2(NR_getpriority, PRIO_PROCESS, 0),
                     20 - getpriority(PRIO_PROCESS, 0));
    ck_assert_int_eq(SYS2(NR_memfd_create, sys_unmapped, 0), -LX_EFAULT);
}
END_TEST

TCase *sys_tcase_event(void)
{
    TCase *tc = tcase_create("event");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_ppoll_uses_the_guest_pollfds_and_timeout);
    tcase_add_test(tc, test_pselect6_updates_sets_and_time_left);
    tcase_add_test(tc,
                   test_epoll_events_are_converted_from_the_packed_host_layout);
    tcase_add_test(tc, test_eventfd_timerfd_and_inotify);
    tcase_add_test(tc, test_preadv_pwritev_take_a_position);
    tcase_add_test(tc, test_sendfile_and_copy_file_range_update_guest_offsets);
    tcase_add_test(tc, test_memfd_and_priority);
    return tc;
}
