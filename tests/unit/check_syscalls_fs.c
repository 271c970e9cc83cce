/* tests/unit/check_syscalls_fs.c: the file system by name: stat
 * conversion checked against the host's stat(2), directories, links,
 * renames, and the sysroot lookup. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "tests/unit/check_syscalls.h"

static void host_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", sys_tmpdir, name);
}

static void make_file(const char *name, size_t size)
{
    char path[256];
    int fd;

    host_path(path, sizeof path, name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
    close(fd);
}

static void check_stat_matches(const struct lx_stat *g, const struct stat *h)
{
    ck_assert_uint_eq(g->st_dev, h->st_dev);
    ck_assert_uint_eq(g->st_ino, h->st_ino);
    ck_assert_uint_eq(g->st_mode, h->st_mode);
    ck_assert_uint_eq(g->st_nlink, h->st_nlink);
    ck_assert_uint_eq(g->st_uid, h->st_uid);
    ck_assert_uint_eq(g->st_gid, h->st_gid);
    ck_assert_int_eq(g->st_size, h->st_size);
    ck_assert_int_eq(g->st_blksize, h->st_blksize);
    ck_assert_int_eq(g->st_blocks, h->st_blocks);
    ck_assert_int_eq(g->st_mtime_sec, h->st_mtim.tv_sec);
    ck_assert_uint_eq(g->st_mtime_nsec, (uint64_t)h->st_mtim.tv_nsec);
    ck_assert_int_eq(g->st_ctime_sec, h->st_ctim.tv_sec);
    ck_assert_uint_eq(g->pad1, 0);
    ck_assert_uint_eq(g->unused5, 0);
}

START_TEST(test_newfstatat_and_fstat_match_the_host_stat)
{
    char path[256];
    struct stat h;
    struct lx_stat *g = sys_h(sys_scratch + 1024);
    long fd;

    make_file("f", 12345);
    host_path(path, sizeof path, "f");
    ck_assert_int_eq(stat(path, &h), 0);
    memset(g, 0xaa, sizeof *g);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_str(0, path),
                          sys_scratch + 1024, 0),
                     0);
    check_stat_matches(g, &h);
    ck_assert_int_eq(g->st_size, 12345);
    ck_assert_uint_eq(g->st_mode, S_IFREG | 0640);
    fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, path), O_RDONLY, 0);
    memset(g, 0xaa, sizeof *g);
    ck_assert_int_eq(SYS2(NR_fstat, fd, sys_scratch + 1024), 0);
    check_stat_matches(g, &h);
}
END_TEST

START_TEST(test_stat_with_a_bad_buffer_gives_efault)
{
    ck_assert_int_eq(
        SYS4(NR_newfstatat, LX_AT_FDCWD, sys_str(0, "/"), sys_unmapped - 64, 0),
        -LX_EFAULT);
    ck_assert_int_eq(SYS2(NR_fstat, 0, 0), -LX_EFAULT);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_str(0, "/nope"),
                          sys_scratch + 1024, 0),
                     -LX_ENOENT);
}
END_TEST

START_TEST(test_newfstatat_honours_symlink_nofollow)
{
    struct lx_stat *g = sys_h(sys_scratch + 1024);
    char target[256];

    make_file("f", 1);
    host_path(target, sizeof target, "f");
    ck_assert_int_eq(SYS3(NR_symlinkat, sys_str(0, target), LX_AT_FDCWD,
                          sys_tmp_path(512, "l")),
                     0);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_scratch + 512,
                          sys_scratch + 1024, AT_SYMLINK_NOFOLLOW),
                     0);
    ck_assert(S_ISLNK(g->st_mode));
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_scratch + 512,
                          sys_scratch + 1024, 0),
                     0);
    ck_assert(S_ISREG(g->st_mode));
}
END_TEST

START_TEST(test_statx_passes_the_host_result_through)
{
    struct statx *g = sys_h(sys_scratch + 1024);
    struct stat h;
    char path[256];

    make_file("f", 777);
    host_path(path, sizeof path, "f");
    ck_assert_int_eq(stat(path, &h), 0);
    ck_assert_int_eq(SYS5(NR_statx, LX_AT_FDCWD, sys_str(0, path), 0,
                          STATX_BASIC_STATS, sys_scratch + 1024),
                     0);
    ck_assert_uint_eq(g->stx_size, 777);
    ck_assert_uint_eq(g->stx_ino, h.st_ino);
    ck_assert_uint_eq(g->stx_mode, h.st_mode);
    ck_assert_int_eq(SYS5(NR_statx, LX_AT_FDCWD, sys_str(0, path), 0,
                          STATX_BASIC_STATS, sys_unmapped - 8),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_statfs_matches_the_host)
{
    struct lx_statfs *g = sys_h(sys_scratch + 1024);
    struct statfs h;

    ck_assert_int_eq(statfs(sys_tmpdir, &h), 0);
    ck_assert_int_eq(
        SYS2(NR_statfs, sys_str(0, sys_tmpdir), sys_scratch + 1024), 0);
    ck_assert_int_eq(g->f_type, h.f_type);
    ck_assert_int_eq(g->f_bsize, h.f_bsize);
    ck_assert_int_eq(g->f_namelen, h.f_namelen);
    ck_assert_uint_eq(g->f_blocks, h.f_blocks);
    ck_assert_int_eq(SYS2(NR_fstatfs, 9999, sys_scratch), -LX_EBADF);
}
END_TEST

/* Collects the names getdents64 returns for the directory, sorted. */
static int list_dir(long fd, char names[][32], int max)
{
    int n = 0;
    long got;

    while ((got = SYS3(NR_getdents64, fd, sys_scratch + 4096, 4096)) > 0) {
        for (long off = 0; off < got;) {
            const uint8_t *d = (const uint8_t *)sys_h(sys_scratch + 4096) + off;
            uint16_t reclen;

            memcpy(&reclen, d + 16, sizeof reclen);
            if (n < max)
                snprintf(names[n++], 32, "%s", (const char *)d + 19);
            off += reclen;
        }
    }
    ck_assert_int_eq(got, 0);
    qsort(names, (size_t)n, 32, (int (*)(const void *, const void *))strcmp);
    return n;
}

START_TEST(test_getdents64_lists_what_mkdirat_and_openat_made)
{
    char names[8][32];
    long fd;

    ck_assert_int_eq(
        SYS3(NR_mkdirat, LX_AT_FDCWD, sys_tmp_path(0, "sub"), 0755), 0);
    ck_assert_int_eq(
        SYS3(NR_mkdirat, LX_AT_FDCWD, sys_tmp_path(0, "sub"), 0755),
        -LX_EEXIST);
    ck_assert_int_ge(SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "b"),
                          O_CREAT | O_WRONLY, 0600),
                     0);
    fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, sys_tmpdir),
              O_RDONLY | 0200000, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(list_dir(fd, names, 8), 4);
    ck_assert_str_eq(names[0], ".");
    ck_assert_str_eq(names[1], "..");
    ck_assert_str_eq(names[2], "b");
    ck_assert_str_eq(names[3], "sub");
    ck_assert_int_eq(SYS3(NR_getdents64, fd, sys_unmapped - 16, 4096),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_links_renames_and_unlinks)
{
    gva a = sys_tmp_path(0, "a"), b = sys_tmp_path(256, "b");
    gva c = sys_tmp_path(512, "c");
    struct lx_stat *g = sys_h(sys_scratch + 1024);

    make_file("a", 3);
    ck_assert_int_eq(SYS5(NR_linkat, LX_AT_FDCWD, a, LX_AT_FDCWD, b, 0), 0);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, a, sys_scratch + 1024, 0),
                     0);
    ck_assert_uint_eq(g->st_nlink, 2);
    ck_assert_int_eq(SYS4(NR_renameat, LX_AT_FDCWD, b, LX_AT_FDCWD, c), 0);
    ck_assert_int_eq(
        SYS5(NR_renameat2, LX_AT_FDCWD, a, LX_AT_FDCWD, c, RENAME_NOREPLACE),
        -LX_EEXIST);
    ck_assert_int_eq(SYS3(NR_unlinkat, LX_AT_FDCWD, c, 0), 0);
    ck_assert_int_eq(SYS3(NR_unlinkat, LX_AT_FDCWD, c, 0), -LX_ENOENT);
    ck_assert_int_eq(SYS3(NR_faccessat, LX_AT_FDCWD, a, R_OK), 0);
    ck_assert_int_eq(SYS4(NR_faccessat2, LX_AT_FDCWD, b, F_OK, 0), -LX_ENOENT);
    ck_assert_int_eq(
        SYS3(NR_unlinkat, LX_AT_FDCWD, sys_str(0, sys_tmpdir), AT_REMOVEDIR),
        -LX_ENOTEMPTY);
}
END_TEST

START_TEST(test_readlinkat_truncates_without_a_nul)
{
    gva l = sys_tmp_path(0, "l");
    char *out = sys_h(sys_scratch + 1024);

    ck_assert_int_eq(
        SYS3(NR_symlinkat, sys_str(512, "target-name"), LX_AT_FDCWD, l), 0);
    memset(out, '#', 32);
    ck_assert_int_eq(
        SYS4(NR_readlinkat, LX_AT_FDCWD, l, sys_scratch + 1024, 64), 11);
    ck_assert_mem_eq(out, "target-name#", 12);
    ck_assert_int_eq(SYS4(NR_readlinkat, LX_AT_FDCWD, l, sys_scratch + 1024, 6),
                     6);
    ck_assert_int_eq(SYS4(NR_readlinkat, LX_AT_FDCWD, l, sys_scratch + 1024, 0),
                     -LX_EINVAL);
    ck_assert_int_eq(SYS4(NR_readlinkat, LX_AT_FDCWD, l, sys_unmapped - 4, 64),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_getcwd_and_chdir)
{
    char host[4096];
    size_t len;

    ck_assert_int_eq(SYS1(NR_chdir, sys_str(0, sys_tmpdir)), 0);
    ck_assert_ptr_nonnull(getcwd(host, sizeof host));
    len = strlen(host) + 1;
    ck_assert_int_eq(SYS2(NR_getcwd, sys_scratch + 1024, 4096), (long)len);
    ck_assert_str_eq(sys_h(sys_scratch + 1024), host);
    ck_assert_int_eq(SYS2(NR_getcwd, sys_scratch + 1024, len - 1), -LX_ERANGE);
    ck_assert_int_eq(SYS2(NR_getcwd, sys_unmapped - 2, 4096), -LX_EFAULT);
    ck_assert_int_eq(SYS1(NR_chdir, sys_str(0, "/nonexistent")), -LX_ENOENT);
}
END_TEST

START_TEST(test_truncate_utimensat_fchmod_umask)
{
    gva f = sys_tmp_path(0, "f");
    struct lx_timespec ts[2] = {{1000, 5}, {2000, 7}};
    struct stat h;
    char path[256];
    long fd;

    make_file("f", 10);
    host_path(path, sizeof path, "f");
    ck_assert_int_eq(SYS2(NR_truncate, f, 3), 0);
    fd = SYS4(NR_openat, LX_AT_FDCWD, f, O_RDWR, 0);
    ck_assert_int_eq(SYS2(NR_fchmod, fd, 0600), 0);
    ck_assert_int_eq(SYS2(NR_ftruncate, fd, 7), 0);
    memcpy(sys_h(sys_scratch + 1024), ts, sizeof ts);
    ck_assert_int_eq(SYS4(NR_utimensat, LX_AT_FDCWD, f, sys_scratch + 1024, 0),
                     0);
    ck_assert_int_eq(stat(path, &h), 0);
    ck_assert_int_eq(h.st_size, 7);
    ck_assert_int_eq(h.st_atim.tv_sec, 1000);
    ck_assert_int_eq(h.st_mtim.tv_sec, 2000);
    ck_assert_int_eq(h.st_mtim.tv_nsec, 7);
    ck_assert_uint_eq(h.st_mode & 0777, 0600);
    ck_assert_int_eq(SYS4(NR_utimensat, LX_AT_FDCWD, f, sys_unmapped - 8, 0),
                     -LX_EFAULT);
    umask(022);
    ck_assert_int_eq(SYS1(NR_umask, 077), 022);
    ck_assert_int_eq(SYS1(NR_umask, 022), 077);
}
END_TEST

/* A sysroot with etc/only-in-sysroot and tmp/x. */
static void make_sysroot(void)
{
    static char root[256];
    char path[256];

    host_path(path, sizeof path, "root");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    host_path(path, sizeof path, "root/etc");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    make_file("root/etc/only-in-sysroot", 42);
    host_path(root, sizeof root, "root");
    sys_task.sysroot = root;
}

START_TEST(test_absolute_paths_are_looked_up_in_the_sysroot_first)
{
    struct lx_stat *g = sys_h(sys_scratch + 1024);
    char buf[LX_PATH_MAX];

    make_sysroot();
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD,
                          sys_str(0, "/etc/only-in-sysroot"),
                          sys_scratch + 1024, 0),
                     0);
    ck_assert_int_eq(g->st_size, 42);
    /* not in the sysroot: the host's own */
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_str(0, "/"),
                          sys_scratch + 1024, 0),
                     0);
    ck_assert_str_eq(lx_host_path(&sys_task, "/etc/passwd", buf),
                     "/etc/passwd");
    ck_assert_ptr_eq(lx_host_path(&sys_task, "/etc/only-in-sysroot", buf), buf);
    ck_assert_str_eq(buf + strlen(sys_task.sysroot), "/etc/only-in-sysroot");
    ck_assert_str_eq(lx_host_path(&sys_task, "/", buf), "/");
}
END_TEST

/* openat2's open_how: flags, mode, resolve. */
START_TEST(test_openat2_looks_in_the_sysroot_unless_resolving_beneath)
{
    uint64_t *how = sys_h(sys_scratch + 1024);
    enum { NR_openat2 = 437, RESOLVE_BENEATH = 8 };
    long fd;

    make_sysroot();
    how[0] = O_RDONLY, how[1] = 0, how[2] = 0;
    fd = SYS4(NR_openat2, LX_AT_FDCWD, sys_str(0, "/etc/only-in-sysroot"),
              sys_scratch + 1024, 24);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(lseek((int)fd, 0, SEEK_END), 42);
    close((int)fd);
    /* beneath dirfd, an absolute path is refused, never mapped */
    how[2] = RESOLVE_BENEATH;
    ck_assert_int_eq(SYS4(NR_openat2, LX_AT_FDCWD,
                          sys_str(0, "/etc/only-in-sysroot"),
                          sys_scratch + 1024, 24),
                     -EXDEV);
}
END_TEST

START_TEST(test_host_only_trees_and_relative_paths_skip_the_sysroot)
{
    char buf[LX_PATH_MAX], path[256];
    const char *rel = "etc/only-in-sysroot";

    make_sysroot();
    host_path(path, sizeof path, "root/proc");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    host_path(path, sizeof path, "root/tmp");
    ck_assert_int_eq(mkdir(path, 0755), 0);
    ck_assert_ptr_eq(lx_host_path(&sys_task, rel, buf), rel);
    ck_assert_str_eq(lx_host_path(&sys_task, "/proc", buf), "/proc");
    ck_assert_str_eq(lx_host_path(&sys_task, "/tmp", buf), "/tmp");
    ck_assert_str_eq(lx_host_path(&sys_task, "/procfs", buf), "/procfs");
    sys_task.sysroot = NULL;
    ck_assert_str_eq(lx_host_path(&sys_task, "/etc/only-in-sysroot", buf),
                     "/etc/only-in-sysroot");
}
END_TEST

START_TEST(test_proc_self_exe_names_the_guest_program)
{
    char pid_exe[64], path[256];
    struct lx_stat *g = sys_h(sys_scratch + 1024);
    char *out = sys_h(sys_scratch + 2048);

    make_file("guest-prog", 4321);
    host_path(path, sizeof path, "guest-prog");
    sys_task.exe_path = path;
    ck_assert_int_eq(SYS4(NR_readlinkat, LX_AT_FDCWD,
                          sys_str(0, "/proc/self/exe"), sys_scratch + 2048,
                          256),
                     (long)strlen(path));
    ck_assert_mem_eq(out, path, strlen(path));
    snprintf(pid_exe, sizeof pid_exe, "/proc/%d/exe", (int)getpid());
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_str(0, pid_exe),
                          sys_scratch + 1024, 0),
                     0);
    ck_assert_int_eq(g->st_size, 4321);
    ck_assert(lx_proc_self("/proc/thread-self/exe", "exe"));
    ck_assert(!lx_proc_self("/proc/self/exe2", "exe"));
    ck_assert(!lx_proc_self("/proc/selfish/exe", "exe"));
    ck_assert(!lx_proc_self("/proc/1/exe", "exe"));
}
END_TEST

START_TEST(test_proc_self_maps_lists_the_guest_mappings)
{
    char text[4096] = {0}, want[64];
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, "/proc/self/maps"),
                   O_RDONLY | O_CLOEXEC, 0);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_gt(read((int)fd, text, sizeof text - 1), 0);
    snprintf(want, sizeof want, "%08llx-%08llx rw-p",
             (unsigned long long)sys_scratch, (unsigned long long)sys_unmapped);
    ck_assert_msg(strstr(text, want), "%s not in:\n%s", want, text);
    ck_assert_int_eq(fcntl((int)fd, F_GETFD), FD_CLOEXEC);
    fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, "/proc/self/maps"), O_RDWR, 0);
    if (geteuid() == 0) /* root may open a 0444 file for writing */
        ck_assert_int_ge(fd, 0);
    else
        ck_assert_int_eq(fd, -LX_EACCES);
}
END_TEST

START_TEST(test_space_sync_ownership_and_fifos)
{
    gva f = sys_tmp_path(0, "f");
    struct lx_stat *g = sys_h(sys_scratch + 1024);
    long fd = SYS4(NR_openat, LX_AT_FDCWD, f, O_RDWR | O_CREAT, 0600);

    ck_assert_int_eq(SYS4(NR_fallocate, fd, 0, 0, 8192), 0);
    ck_assert_int_eq(SYS2(NR_fstat, fd, sys_scratch + 1024), 0);
    ck_assert_int_eq(g->st_size, 8192);
    ck_assert_int_eq(SYS4(NR_fadvise64, fd, 0, 0, POSIX_FADV_SEQUENTIAL), 0);
    ck_assert_int_eq(SYS1(NR_fsync, fd), 0);
    ck_assert_int_eq(SYS1(NR_fdatasync, fd), 0);
    ck_assert_int_eq(SYS0(NR_sync), 0);
    ck_assert_int_eq(SYS1(NR_fsync, 9999), -LX_EBADF);
    ck_assert_int_eq(SYS3(NR_fchown, fd, (uint32_t)-1, getgid()), 0);
    ck_assert_int_eq(SYS5(NR_fchownat, LX_AT_FDCWD, sys_tmp_path(512, "no"),
                          getuid(), getgid(), 0),
                     -LX_ENOENT);
    ck_assert_int_eq(SYS3(NR_fchmodat, LX_AT_FDCWD, f, 0444), 0);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, f, sys_scratch + 1024, 0),
                     0);
    ck_assert_uint_eq(g->st_mode & 0777, 0444);
    ck_assert_int_eq(SYS4(NR_mknodat, LX_AT_FDCWD, sys_tmp_path(512, "fifo"),
                          S_IFIFO | 0600, 0),
                     0);
    ck_assert_int_eq(SYS4(NR_newfstatat, LX_AT_FDCWD, sys_scratch + 512,
                          sys_scratch + 1024, 0),
                     0);
    ck_assert(S_ISFIFO(g->st_mode));
}
END_TEST

START_TEST(test_flock_and_fchdir)
{
    long a = SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "f"),
                  O_RDWR | O_CREAT, 0600);
    long b = SYS4(NR_openat, LX_AT_FDCWD, sys_scratch, O_RDWR, 0);
    long dir = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, sys_tmpdir),
                    O_RDONLY | 0200000, 0);
    char cwd[4096];

    ck_assert_int_eq(SYS2(NR_flock, a, LOCK_EX), 0);
    ck_assert_int_eq(SYS2(NR_flock, b, LOCK_EX | LOCK_NB), -LX_EAGAIN);
    ck_assert_int_eq(SYS2(NR_flock, a, LOCK_UN), 0);
    ck_assert_int_eq(SYS2(NR_flock, b, LOCK_EX | LOCK_NB), 0);
    ck_assert_int_eq(SYS1(NR_fchdir, dir), 0);
    ck_assert_str_eq(getcwd(cwd, sizeof cwd), sys_tmpdir);
    ck_assert_int_eq(SYS1(NR_fchdir, a), -LX_ENOTDIR);
}
END_TEST

TCase *sys_tcase_fs(void)
{
    TCase *tc = tcase_create("fs");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_newfstatat_and_fstat_match_the_host_stat);
    tcase_add_test(tc, test_stat_with_a_bad_buffer_gives_efault);
    tcase_add_test(tc, test_newfstatat_honours_symlink_nofollow);
    tcase_add_test(tc, test_statx_passes_the_host_result_through);
    tcase_add_test(tc, test_statfs_matches_the_host);
    tcase_add_test(tc, test_getdents64_lists_what_mkdirat_and_openat_made);
    tcase_add_test(tc, test_links_renames_and_unlinks);
    tcase_add_test(tc, test_readlinkat_truncates_without_a_nul);
    tcase_add_test(tc, test_getcwd_and_chdir);
    tcase_add_test(tc, test_truncate_utimensat_fchmod_umask);
    tcase_add_test(tc, test_absolute_paths_are_looked_up_in_the_sysroot_first);
    tcase_add_test(tc,
                   test_host_only_trees_and_relative_paths_skip_the_sysroot);
    tcase_add_test(tc,
                   test_openat2_looks_in_the_sysroot_unless_resolving_beneath);
    tcase_add_test(tc, test_proc_self_exe_names_the_guest_program);
    tcase_add_test(tc, test_space_sync_ownership_and_fifos);
    tcase_add_test(tc, test_flock_and_fchdir);
    tcase_add_test(tc, test_proc_self_maps_lists_the_guest_mappings);
    return tc;
}
