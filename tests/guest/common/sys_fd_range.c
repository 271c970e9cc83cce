/* sys_fd_range: close_range(2) (a stretch, CLOSE_RANGE_CLOEXEC, to the
 * top of the table, the EINVAL cases) and openat2(2) (plain, O_CREAT with
 * a mode, RESOLVE_BENEATH refusing ".." and absolute paths,
 * RESOLVE_IN_ROOT keeping "/" inside the directory, RESOLVE_NO_SYMLINKS,
 * a larger struct with a zero or non-zero tail, and the EINVAL, E2BIG and
 * EFAULT cases). The numbers of new descriptors are the lowest free ones.
 * Runs in a scratch directory.
 * Architecture-neutral: sys_fd_range.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest_show.h"

static long crange(unsigned first, unsigned last, unsigned flags)
{
    return syscall(SYS_close_range, first, last, flags);
}

static long oat2(int dirfd, const char *path, struct open_how *how, size_t size)
{
    return syscall(SYS_openat2, dirfd, path, how, size);
}

/* 0 closed, 1 open, 2 open with FD_CLOEXEC */
static int state(int fd)
{
    int f = fcntl(fd, F_GETFD);

    return f < 0 ? 0 : (f & FD_CLOEXEC) ? 2 : 1;
}

static void test_close_range(void)
{
    int fd[6];

    for (int i = 0; i < 6; i++)
        fd[i] = open("/dev/null", O_RDONLY);
    printf("first new fd is 3: %d, consecutive: %d\n", fd[0] == 3,
           fd[5] == fd[0] + 5);
    show("close_range middle", crange(fd[1], fd[2], 0));
    show("close_range cloexec", crange(fd[3], fd[4], CLOSE_RANGE_CLOEXEC));
    printf("states:");
    for (int i = 0; i < 6; i++)
        printf(" %d", state(fd[i]));
    printf("\n");
    show("close_range first > last", crange(fd[4], fd[3], 0));
    show("close_range bad flags", crange(fd[3], fd[4], 1));
    show("close_range past the table", crange(60000, 60010, 0));
    show("close_range to the top", crange(3, ~0u, 0));
    printf("states after:");
    for (int i = 0; i < 6; i++)
        printf(" %d", state(fd[i]));
    printf(", stdout open %d\n", state(1));
    show("lowest fd again", open("/dev/null", O_RDONLY));
    close(3);
}

static void test_openat2(void)
{
    struct open_how how = {.flags = O_RDONLY};
    struct {
        struct open_how how;
        uint64_t extra[2];
    } big = {{.flags = O_RDONLY}, {0, 0}};
    struct stat st;
    int dir, fd;

    mkdir("o2", 0755);
    mkdir("o2/sub", 0755);
    close(open("o2/sub/file", O_WRONLY | O_CREAT, 0644));
    symlink("sub/file", "o2/link");
    dir = open("o2", O_RDONLY | O_DIRECTORY);
    show("openat2 plain", (fd = oat2(dir, "sub/file", &how, sizeof how)) >= 0);
    close(fd);
    how.flags = O_WRONLY | O_CREAT | O_EXCL;
    how.mode = 0600;
    fd = oat2(dir, "made", &how, sizeof how);
    fstat(fd, &st);
    printf("openat2 O_CREAT mode %o\n", st.st_mode & 0777);
    close(fd);
    how.flags = O_RDONLY;
    show("mode without O_CREAT", oat2(dir, "made", &how, sizeof how));
    how.mode = 0;
    how.resolve = RESOLVE_BENEATH;
    show("BENEATH inside", (fd = oat2(dir, "sub/file", &how, sizeof how)) >= 0);
    close(fd);
    show("BENEATH ..", oat2(dir, "../o2/sub/file", &how, sizeof how));
    show("BENEATH absolute", oat2(dir, "/etc/passwd", &how, sizeof how));
    how.resolve = RESOLVE_IN_ROOT;
    show("IN_ROOT /sub/file",
         (fd = oat2(dir, "/sub/file", &how, sizeof how)) >= 0);
    close(fd);
    show("IN_ROOT /etc/passwd", oat2(dir, "/etc/passwd", &how, sizeof how));
    how.resolve = RESOLVE_NO_SYMLINKS;
    show("NO_SYMLINKS through link", oat2(dir, "link", &how, sizeof how));
    how.resolve = 0x80;
    show("unknown resolve flag", oat2(dir, "made", &how, sizeof how));
    how.resolve = 0;
    how.flags = (uint64_t)1 << 40;
    show("flag above 32 bits", oat2(dir, "made", &how, sizeof how));
    how.flags = O_RDONLY;
    show("size too small", oat2(dir, "made", &how, sizeof how - 8));
    show("size above a page", oat2(dir, "made", &how, 4097));
    show("larger, zero tail",
         (fd = oat2(dir, "made", &big.how, sizeof big)) >= 0);
    close(fd);
    big.extra[1] = 1;
    show("larger, non-zero tail", oat2(dir, "made", &big.how, sizeof big));
    show("bad how", oat2(dir, "made", bad_ptr, sizeof how));
    show("bad path", oat2(dir, bad_ptr, &how, sizeof how));
    show("missing", oat2(dir, "none", &how, sizeof how));
    show("absolute through openat2",
         (fd = oat2(AT_FDCWD, "/dev/null", &how, sizeof how)) >= 0);
    close(fd);
    close(dir);
    unlink("o2/made");
    unlink("o2/link");
    unlink("o2/sub/file");
    rmdir("o2/sub");
    rmdir("o2");
}

int main(void)
{
    test_close_range();
    test_openat2();
    return 0;
}
