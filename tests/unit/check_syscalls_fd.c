/* tests/unit/check_syscalls_fd.c: file descriptors: open flags, EFAULT
 * on bad buffers, read/write forms, fcntl, pipes, dup, ioctl. */
#include <fcntl.h>
#include <pty.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "tests/unit/check_syscalls.h"

/* Opens name in the temporary directory with the guest's flags. */
static long open_tmp(const char *name, uint64_t flags)
{
    return SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, name), flags, 0644);
}

/* Creates name in the temporary directory holding text. */
static void make_file(const char *name, const char *text)
{
    char path[256];
    int fd;

    snprintf(path, sizeof path, "%s/%s", sys_tmpdir, name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

START_TEST(test_openat_of_a_missing_file_gives_enoent)
{
    ck_assert_int_eq(open_tmp("missing", O_RDONLY), -LX_ENOENT);
}
END_TEST

START_TEST(test_openat_with_an_unmapped_path_gives_efault)
{
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, sys_unmapped, 0, 0),
                     -LX_EFAULT);
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, 0, 0, 0), -LX_EFAULT);
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, UINT64_MAX - 2, 0, 0),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_a_path_running_into_an_unmapped_page_gives_efault)
{
    gva end = sys_unmapped - 4;

    memcpy(sys_h(end), "/tmp", 4); /* no NUL before the unmapped page */
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, end, 0, 0), -LX_EFAULT);
    memcpy(sys_h(end), "/tm\0", 4); /* ends just in time */
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, end, 0, 0), -LX_ENOENT);
}
END_TEST

START_TEST(test_a_path_without_nul_in_4096_bytes_gives_enametoolong)
{
    memset(sys_h(sys_scratch), 'a', 8192);
    ck_assert_int_eq(SYS4(NR_openat, LX_AT_FDCWD, sys_scratch, 0, 0),
                     -LX_ENAMETOOLONG);
}
END_TEST

START_TEST(test_open_flags_keep_generic_bits_and_move_arm_ones)
{
    uint64_t common = O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_NONBLOCK |
                      O_CLOEXEC | O_SYNC | O_WRONLY;

    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, common), common);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_generic, common), common);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, 040000), 0200000);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, 0100000), 0400000);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, 0200000), 040000);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, 0400000), 0100000);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_generic, 0740000), 0740000);
    ck_assert_int_eq(lx_open_flags_to_host(&sys_abi_arm, 040000 | common),
                     0200000 | common);
    ck_assert_uint_eq(lx_open_flags_to_guest(&sys_abi_arm, 0100000 | O_RDWR),
                      0400000 | O_RDWR);
    ck_assert_uint_eq(lx_open_flags_to_guest(&sys_abi_arm, 0200000), 040000);
    ck_assert_uint_eq(lx_open_flags_to_guest(&sys_abi_generic, 0740002),
                      0740002);
}
END_TEST

START_TEST(test_guest_o_directory_refuses_files_with_either_abi)
{
    make_file("f", "x");
    ck_assert_int_eq(open_tmp("f", 0200000), -LX_ENOTDIR);
    ck_assert_int_ge(
        SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, sys_tmpdir), 0200000, 0), 0);
    sys_task.abi = &sys_abi_arm;
    ck_assert_int_eq(open_tmp("f", 040000), -LX_ENOTDIR);
    ck_assert_int_ge(
        SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, sys_tmpdir), 040000, 0), 0);
}
END_TEST

START_TEST(test_fcntl_getfl_shows_largefile_in_the_guests_bit)
{
    long fd;

    make_file("f", "x");
    sys_task.abi = &sys_abi_arm;
    fd = open_tmp("f", O_RDWR | O_APPEND);
    ck_assert_int_ge(fd, 0);
    /* a 64-bit kernel forces O_LARGEFILE on every open */
    ck_assert_int_eq(SYS2(NR_fcntl, fd, F_GETFL), O_RDWR | O_APPEND | 0400000);
    ck_assert_int_eq(SYS3(NR_fcntl, fd, F_SETFL, O_NONBLOCK), 0);
    ck_assert_int_eq(fcntl((int)fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
}
END_TEST

START_TEST(test_read_needs_a_whole_writable_buffer)
{
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, "/dev/zero"), 0, 0);

    ck_assert_int_ge(fd, 0);
    memset(sys_h(sys_scratch + 100), 7, 10);
    ck_assert_int_eq(SYS3(NR_read, fd, sys_scratch + 100, 10), 10);
    ck_assert_int_eq(((uint8_t *)sys_h(sys_scratch))[109], 0);
    ck_assert_int_eq(SYS3(NR_read, fd, sys_unmapped, 1), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_read, fd, sys_unmapped - 8, 16), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_read, fd, sys_unmapped - 8, 8), 8);
    ck_assert_int_eq(SYS3(NR_read, fd, sys_unmapped, 0), 0);
    ck_assert_int_eq(SYS3(NR_read, fd, 0, 0), 0);
    ck_assert_int_eq(SYS3(NR_write, fd, 0, 0), -LX_EBADF); /* O_RDONLY */
    ck_assert_int_eq(SYS3(NR_read, 9999, sys_scratch, 1), -LX_EBADF);
}
END_TEST

START_TEST(test_write_pwrite_pread_lseek_round_trip)
{
    long fd = open_tmp("f", O_RDWR | O_CREAT);
    gva buf = sys_scratch + 1024;

    ck_assert_int_ge(fd, 0);
    memcpy(sys_h(buf), "hello, world", 12);
    ck_assert_int_eq(SYS3(NR_write, fd, buf, 12), 12);
    ck_assert_int_eq(SYS4(NR_pwrite64, fd, buf, 5, 20), 5);
    ck_assert_int_eq(SYS3(NR_lseek, fd, 0, SEEK_END), 25);
    ck_assert_int_eq(SYS3(NR_lseek, fd, (uint64_t)-3, SEEK_CUR), 22);
    ck_assert_int_eq(SYS4(NR_pread64, fd, buf + 100, 5, 7), 5);
    ck_assert_mem_eq(sys_h(buf + 100), "world", 5);
    ck_assert_int_eq(SYS3(NR_write, fd, sys_unmapped, 1), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_lseek, fd, (uint64_t)-100, SEEK_SET), -LX_EINVAL);
}
END_TEST

/* Writes a guest iovec array at scratch + off. */
static gva put_iov(size_t off, const struct lx_iovec *v, size_t n)
{
    memcpy(sys_h(sys_scratch + off), v, n * sizeof *v);
    return sys_scratch + off;
}

START_TEST(test_writev_gathers_and_readv_scatters)
{
    long fd = open_tmp("f", O_RDWR | O_CREAT);
    struct lx_iovec w[2] = {{sys_str(2000, "abc"), 3},
                            {sys_str(2100, "defgh"), 5}};
    struct lx_iovec r[2] = {{sys_scratch + 3000, 6}, {sys_scratch + 3100, 2}};

    ck_assert_int_eq(SYS3(NR_writev, fd, put_iov(0, w, 2), 2), 8);
    ck_assert_int_eq(SYS3(NR_lseek, fd, 0, SEEK_SET), 0);
    ck_assert_int_eq(SYS3(NR_readv, fd, put_iov(100, r, 2), 2), 8);
    ck_assert_mem_eq(sys_h(sys_scratch + 3000), "abcdef", 6);
    ck_assert_mem_eq(sys_h(sys_scratch + 3100), "gh", 2);
    r[1].iov_base = sys_unmapped;
    ck_assert_int_eq(SYS3(NR_readv, fd, put_iov(100, r, 2), 2), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_readv, fd, sys_unmapped, 1), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_writev, fd, sys_scratch, 1025), -LX_EINVAL);
    w[0].iov_len = (uint64_t)-1;
    ck_assert_int_eq(SYS3(NR_writev, fd, put_iov(0, w, 2), 2), -LX_EINVAL);
}
END_TEST

START_TEST(test_ofd_locks_convert_struct_flock_both_ways)
{
    long fd1 = open_tmp("f", O_RDWR | O_CREAT), fd2 = open_tmp("f", O_RDWR);
    struct lx_flock lk = {
        .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 5};
    struct lx_flock *out = sys_h(sys_scratch + 512);

    memcpy(sys_h(sys_scratch), &lk, sizeof lk);
    ck_assert_int_eq(SYS3(NR_fcntl, fd1, F_OFD_SETLK, sys_scratch), 0);
    lk.l_type = F_RDLCK, lk.l_start = 0, lk.l_len = 100;
    memcpy(out, &lk, sizeof lk);
    ck_assert_int_eq(SYS3(NR_fcntl, fd2, F_OFD_GETLK, sys_scratch + 512), 0);
    ck_assert_int_eq(out->l_type, F_WRLCK);
    ck_assert_int_eq(out->l_start, 10);
    ck_assert_int_eq(out->l_len, 5);
    ck_assert_int_eq(out->l_pid, -1); /* an OFD lock has no owner pid */
    out->l_pid = 0;                   /* F_OFD_SETLK insists on 0 */
    ck_assert_int_eq(SYS3(NR_fcntl, fd2, F_OFD_SETLK, sys_scratch + 512),
                     -LX_EAGAIN);
    ck_assert_int_eq(SYS3(NR_fcntl, fd2, F_OFD_GETLK, sys_unmapped),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_fcntl_fd_flags_and_dups)
{
    long fd = open_tmp("f", O_RDWR | O_CREAT), d;

    ck_assert_int_eq(SYS2(NR_fcntl, fd, F_GETFD), 0);
    ck_assert_int_eq(SYS3(NR_fcntl, fd, F_SETFD, FD_CLOEXEC), 0);
    ck_assert_int_eq(SYS2(NR_fcntl, fd, F_GETFD), FD_CLOEXEC);
    d = SYS3(NR_fcntl, fd, F_DUPFD_CLOEXEC, 100);
    ck_assert_int_ge(d, 100);
    ck_assert_int_eq(fcntl((int)d, F_GETFD), FD_CLOEXEC);
    ck_assert_int_eq(SYS3(NR_fcntl, fd, 9999, 0), -LX_EINVAL);
    ck_assert_int_eq(SYS2(NR_fcntl, 9999, F_GETFD), -LX_EBADF);
}
END_TEST

START_TEST(test_dup_and_dup3)
{
    long fd = open_tmp("f", O_RDWR | O_CREAT), d = SYS1(NR_dup, fd);

    ck_assert_int_gt(d, fd);
    ck_assert_int_eq(SYS3(NR_dup3, fd, 200, O_CLOEXEC), 200);
    ck_assert_int_eq(fcntl(200, F_GETFD), FD_CLOEXEC);
    ck_assert_int_eq(SYS3(NR_dup3, fd, fd, 0), -LX_EINVAL);
    ck_assert_int_eq(SYS1(NR_close, 200), 0);
    ck_assert_int_eq(SYS1(NR_close, 200), -LX_EBADF);
}
END_TEST

/* ferry's own fds: out of the guest's reach for close, close_range and
 * dup3. */
START_TEST(test_ferrys_own_fds_cannot_be_closed_or_replaced)
{
    enum { NR_close_range = 436 };
    int low = open("/dev/null", O_RDONLY | O_CLOEXEC);
    /* high, so that the fd below it is free for the range check */
    int own = fcntl(low, F_DUPFD_CLOEXEC, 500);
    int other;

    ck_assert_int_ge(own, 500);
    close(low);
    lx_fd_reserve(own);
    other = open("/dev/null", O_RDONLY);
    ck_assert_int_eq(SYS1(NR_close, own), -LX_EBADF);
    ck_assert_int_eq(SYS3(NR_dup3, other, own, 0), -LX_EBADF);
    ck_assert_int_eq(SYS1(NR_dup, own), -LX_EBADF);
    /* a guest fd right below ferry's, then a range over both (not all
     * fds: Check talks to its parent through one) */
    ck_assert_int_eq(dup2(other, own - 1), own - 1);
    ck_assert_int_eq(SYS3(NR_close_range, own - 1, own + 1, 0), 0);
    ck_assert_int_eq(fcntl(own, F_GETFD), FD_CLOEXEC); /* still open */
    ck_assert_int_eq(fcntl(own - 1, F_GETFD), -1);     /* the guest's went */
    ck_assert_int_eq(SYS3(NR_close_range, 5, 4, 0), -LX_EINVAL);
    ck_assert_int_eq(SYS3(NR_close_range, 3, 4, 1), -LX_EINVAL);
}
END_TEST

START_TEST(test_pipe2_fills_two_fds_or_leaks_none)
{
    int32_t fds[2];
    int next = dup(0);

    close(next);
    ck_assert_int_eq(SYS2(NR_pipe2, sys_unmapped - 4, 0), -LX_EFAULT);
    ck_assert_int_eq(dup(0), next); /* nothing was opened */
    close(next);
    ck_assert_int_eq(SYS2(NR_pipe2, sys_scratch, O_CLOEXEC), 0);
    memcpy(fds, sys_h(sys_scratch), sizeof fds);
    ck_assert_int_eq(write(fds[1], "ping", 4), 4);
    ck_assert_int_eq(SYS3(NR_ioctl, fds[0], FIONREAD, sys_scratch + 64), 0);
    ck_assert_int_eq(*(int32_t *)sys_h(sys_scratch + 64), 4);
    ck_assert_int_eq(SYS3(NR_read, fds[0], sys_scratch + 100, 10), 4);
    ck_assert_mem_eq(sys_h(sys_scratch + 100), "ping", 4);
    ck_assert_int_eq(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
}
END_TEST

START_TEST(test_ioctl_terminal_requests_convert_and_others_are_enotty)
{
    int master, slave;
    struct winsize ws = {24, 80, 0, 0};
    struct lx_winsize *g = sys_h(sys_scratch);
    struct lx_termios *gt = sys_h(sys_scratch + 64);
    struct termios ht;

    ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, &ws), 0);
    ck_assert_int_eq(SYS3(NR_ioctl, slave, TIOCGWINSZ, sys_scratch), 0);
    ck_assert_int_eq(g->ws_row, 24);
    ck_assert_int_eq(g->ws_col, 80);
    g->ws_row = 50;
    ck_assert_int_eq(SYS3(NR_ioctl, slave, TIOCSWINSZ, sys_scratch), 0);
    ck_assert_int_eq(ioctl(slave, TIOCGWINSZ, &ws), 0);
    ck_assert_int_eq(ws.ws_row, 50);
    ck_assert_int_eq(SYS3(NR_ioctl, slave, TCGETS, sys_scratch + 64), 0);
    ck_assert_int_eq(tcgetattr(slave, &ht), 0);
    ck_assert_uint_eq(gt->c_lflag, ht.c_lflag);
    ck_assert_uint_eq(gt->c_cflag, ht.c_cflag);
    ck_assert_int_eq(gt->c_cc[VMIN], ht.c_cc[VMIN]);
    gt->c_lflag &= ~(uint32_t)ECHO;
    ck_assert_int_eq(SYS3(NR_ioctl, slave, TCSETS, sys_scratch + 64), 0);
    ck_assert_int_eq(tcgetattr(slave, &ht), 0);
    ck_assert_uint_eq(ht.c_lflag & ECHO, 0);
    ck_assert_int_eq(SYS3(NR_ioctl, slave, TCGETS, sys_unmapped), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_ioctl, slave, 0x12345678, sys_scratch),
                     -LX_ENOTTY);
    ck_assert_int_eq(SYS3(NR_ioctl, 0 + open_tmp("f", O_CREAT | O_RDWR), TCGETS,
                          sys_scratch),
                     -LX_ENOTTY);
}
END_TEST

START_TEST(test_ioctl_int_requests_and_close_on_exec)
{
    int p[2];
    int32_t *v = sys_h(sys_scratch);

    ck_assert_int_eq(pipe(p), 0);
    *v = 1;
    ck_assert_int_eq(SYS3(NR_ioctl, p[0], FIONBIO, sys_scratch), 0);
    ck_assert_int_eq(fcntl(p[0], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
    ck_assert_int_eq(SYS3(NR_ioctl, p[0], FIOCLEX, 0), 0);
    ck_assert_int_eq(fcntl(p[0], F_GETFD), FD_CLOEXEC);
    ck_assert_int_eq(SYS3(NR_ioctl, p[0], FIONCLEX, 0), 0);
    ck_assert_int_eq(fcntl(p[0], F_GETFD), 0);
    ck_assert_int_eq(SYS3(NR_ioctl, p[0], FIONBIO, sys_unmapped), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_ioctl, p[0], TIOCGPGRP, sys_scratch), -LX_ENOTTY);
}
END_TEST

TCase *sys_tcase_fd(void)
{
    TCase *tc = tcase_create("fd");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_openat_of_a_missing_file_gives_enoent);
    tcase_add_test(tc, test_openat_with_an_unmapped_path_gives_efault);
    tcase_add_test(tc, test_a_path_running_into_an_unmapped_page_gives_efault);
    tcase_add_test(tc,
                   test_a_path_without_nul_in_4096_bytes_gives_enametoolong);
    tcase_add_test(tc, test_open_flags_keep_generic_bits_and_move_arm_ones);
    tcase_add_test(tc, test_guest_o_directory_refuses_files_with_either_abi);
    tcase_add_test(tc, test_fcntl_getfl_shows_largefile_in_the_guests_bit);
    tcase_add_test(tc, test_read_needs_a_whole_writable_buffer);
    tcase_add_test(tc, test_write_pwrite_pread_lseek_round_trip);
    tcase_add_test(tc, test_writev_gathers_and_readv_scatters);
    tcase_add_test(tc, test_ofd_locks_convert_struct_flock_both_ways);
    tcase_add_test(tc, test_fcntl_fd_flags_and_dups);
    tcase_add_test(tc, test_dup_and_dup3);
    tcase_add_test(tc, test_ferrys_own_fds_cannot_be_closed_or_replaced);
    tcase_add_test(tc, test_pipe2_fills_two_fds_or_leaks_none);
    tcase_add_test(tc,
                   test_ioctl_terminal_requests_convert_and_others_are_enotty);
    tcase_add_test(tc, test_ioctl_int_requests_and_close_on_exec);
    return tc;
}
