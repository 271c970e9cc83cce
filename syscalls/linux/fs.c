/* syscalls/linux/fs.c: the file system by name: directories, links,
 * renames, permissions, times, sizes, syncing and the working directory.
 * AT_* flags, modes and UTIME_* are generic (linux/fcntl.h, linux/stat.h)
 * and pass through. Paths the guest only reads through go through the
 * sysroot; paths it creates or removes are taken as they are. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

/* getdents64(2): struct linux_dirent64 has one layout on every
 * architecture, so the host fills the guest's buffer directly. */
long lx_sys_getdents64(struct lx_task *t, const uint64_t a[6])
{
    void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_WRITE);

    if (!buf)
        return -LX_EFAULT;
    return lx_ret(syscall(SYS_getdents64, lx_fd(a[0]), buf, (size_t)a[2]));
}

/* After a chroot the kernel shows the directory from the new root, and
 * one outside it as "(unreachable)" followed by its path. Returns the
 * new length with the NUL. */
static long lx_cwd_in_root(char *buf, long n)
{
    const char *root = lx_path_root();
    size_t len = root ? strlen(root) : 0;
    static const char unreachable[] = "(unreachable)";

    if (!root || !len)
        return n;
    if (strncmp(buf, root, len) == 0 && (buf[len] == '/' || !buf[len])) {
        memmove(buf, buf + len, (size_t)n - len);
        if (!buf[0])
            strcpy(buf, "/");
        return (long)strlen(buf) + 1;
    }
    if ((size_t)n + sizeof unreachable - 1 > LX_PATH_MAX)
        return -LX_ENAMETOOLONG;
    memmove(buf + sizeof unreachable - 1, buf, (size_t)n);
    memcpy(buf, unreachable, sizeof unreachable - 1);
    return n + (long)sizeof unreachable - 1;
}

/* getcwd(2) returns the length with the NUL, ERANGE if it does not fit. */
long lx_sys_getcwd(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX];
    long n = lx_ret(syscall(SYS_getcwd, buf, sizeof buf));

    if (n > 0)
        n = lx_cwd_in_root(buf, n);
    if (n < 0)
        return n;
    if ((uint64_t)n > a[1])
        return -LX_ERANGE;
    return lx_copy_out(t, a[0], buf, (size_t)n) < 0 ? -LX_EFAULT : n;
}

long lx_sys_chdir(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[0]);

    return rc < 0 ? rc : lx_ret(chdir(path));
}

/* Whether this process may chroot: CAP_SYS_CHROOT in its effective set
 * (linux/capability.h: version 3, two 32-bit words per set). */
static bool lx_can_chroot(void)
{
    struct {
        uint32_t version;
        int pid;
    } hdr = {0x20080522, 0};
    struct {
        uint32_t effective, permitted, inheritable;
    } data[2];
    enum { CAP_SYS_CHROOT_BIT = 18 };

    if (syscall(SYS_capget, &hdr, data) != 0)
        return geteuid() == 0;
    return (data[0].effective >> CAP_SYS_CHROOT_BIT) & 1;
}

/* chroot(2): emulated by ferry's path mapping (lx_path.c), which puts
 * every absolute guest path under the new root from then on; the host
 * process keeps its own root. */
long lx_sys_chroot(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    int rc = lx_get_path(t, a[0], buf, tmp, &path);

    if (rc < 0)
        return rc;
    return lx_path_set_root(t, path, lx_can_chroot());
}

long lx_sys_fchdir(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(fchdir(lx_fd(a[0])));
}

/* readlinkat(2): no NUL is added; bufsiz 0 is EINVAL. /proc/self/exe
 * names the guest program, not ferry. */
long lx_sys_readlinkat(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX], out[LX_PATH_MAX];
    const char *path;
    int rc = lx_get_path(t, a[1], buf, tmp, &path);
    long n;

    if (rc < 0)
        return rc;
    if ((int)a[3] <= 0)
        return -LX_EINVAL;
    if (t->exe_path && lx_proc_self(buf, "exe")) {
        n = (long)strnlen(t->exe_path, sizeof out);
        memcpy(out, t->exe_path, (size_t)n);
    } else
        n = lx_ret(readlinkat(lx_fd(a[0]), path, out, sizeof out));
    if (n < 0)
        return n;
    if ((uint64_t)n > (uint32_t)a[3])
        n = (long)(uint32_t)a[3];
    return lx_copy_out(t, a[2], out, (size_t)n) < 0 ? -LX_EFAULT : n;
}

long lx_sys_faccessat(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    int rc = lx_get_path(t, a[1], buf, tmp, &path);

    if (rc < 0)
        return rc;
    return lx_ret(syscall(SYS_faccessat, lx_fd(a[0]), path, (int)a[2]));
}

long lx_sys_faccessat2(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    int rc = lx_get_path(t, a[1], buf, tmp, &path);

    if (rc < 0)
        return rc;
    return lx_ret(
        syscall(SYS_faccessat2, lx_fd(a[0]), path, (int)a[2], (int)a[3]));
}

long lx_sys_mkdirat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[1]);

    return rc < 0 ? rc : lx_ret(mkdirat(lx_fd(a[0]), path, (mode_t)a[2]));
}

long lx_sys_mknodat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[1]);

    if (rc < 0)
        return rc;
    return lx_ret(syscall(SYS_mknodat, lx_fd(a[0]), path, (unsigned)a[2],
                          (unsigned)a[3]));
}

long lx_sys_unlinkat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[1]);

    return rc < 0 ? rc : lx_ret(unlinkat(lx_fd(a[0]), path, (int)a[2]));
}

/* symlinkat(2): the target is stored as text, never looked up. */
long lx_sys_symlinkat(struct lx_task *t, const uint64_t a[6])
{
    char target[LX_PATH_MAX], path[LX_PATH_MAX];
    int rc = lx_copy_path(t, target, a[0]);

    if (rc < 0 || (rc = lx_copy_new_path(t, path, a[2])) < 0)
        return rc;
    return lx_ret(symlinkat(target, lx_fd(a[1]), path));
}

/* Copies the two paths of linkat/renameat. */
static int lx_two_paths(struct lx_task *t, uint64_t p1, uint64_t p2, char *from,
                        char *to)
{
    int rc = lx_copy_new_path(t, from, p1);

    return rc < 0 ? rc : lx_copy_new_path(t, to, p2);
}

long lx_sys_linkat(struct lx_task *t, const uint64_t a[6])
{
    char from[LX_PATH_MAX], to[LX_PATH_MAX];
    int rc = lx_two_paths(t, a[1], a[3], from, to);

    if (rc < 0)
        return rc;
    return lx_ret(linkat(lx_fd(a[0]), from, lx_fd(a[2]), to, (int)a[4]));
}

long lx_sys_renameat(struct lx_task *t, const uint64_t a[6])
{
    char from[LX_PATH_MAX], to[LX_PATH_MAX];
    int rc = lx_two_paths(t, a[1], a[3], from, to);

    if (rc < 0)
        return rc;
    return lx_ret(renameat(lx_fd(a[0]), from, lx_fd(a[2]), to));
}

long lx_sys_renameat2(struct lx_task *t, const uint64_t a[6])
{
    char from[LX_PATH_MAX], to[LX_PATH_MAX];
    int rc = lx_two_paths(t, a[1], a[3], from, to);

    if (rc < 0)
        return rc;
    return lx_ret(syscall(SYS_renameat2, lx_fd(a[0]), from, lx_fd(a[2]), to,
                          (unsigned)a[4]));
}

long lx_sys_fchmod(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(fchmod(lx_fd(a[0]), (mode_t)a[1]));
}

/* fchmodat(2): the kernel's has no flags argument. */
long lx_sys_fchmodat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[1]);

    if (rc < 0)
        return rc;
    return lx_ret(syscall(SYS_fchmodat, lx_fd(a[0]), path, (mode_t)a[2]));
}

long lx_sys_fchown(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(fchown(lx_fd(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

long lx_sys_fchownat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[1]);

    if (rc < 0)
        return rc;
    return lx_ret(
        fchownat(lx_fd(a[0]), path, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

/* utimensat(2): a NULL path works on the dirfd itself (futimens), a NULL
 * times pointer means "now". */
long lx_sys_utimensat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    struct lx_timespec g[2];
    struct timespec h[2];
    int rc = a[1] ? lx_copy_new_path(t, path, a[1]) : 0;

    if (rc < 0)
        return rc;
    if (a[2] && lx_copy_in(t, g, a[2], sizeof g) < 0)
        return -LX_EFAULT;
    for (int i = 0; i < 2; i++) {
        h[i].tv_sec = g[i].tv_sec;
        h[i].tv_nsec = g[i].tv_nsec;
    }
    return lx_ret(syscall(SYS_utimensat, lx_fd(a[0]), a[1] ? path : NULL,
                          a[2] ? h : NULL, (int)a[3]));
}

long lx_sys_truncate(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX];
    int rc = lx_copy_new_path(t, path, a[0]);

    return rc < 0 ? rc : lx_ret(truncate(path, (off_t)a[1]));
}

long lx_sys_ftruncate(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(ftruncate(lx_fd(a[0]), (off_t)a[1]));
}

long lx_sys_fallocate(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_fallocate, lx_fd(a[0]), (int)a[1], (off_t)a[2],
                          (off_t)a[3]));
}

long lx_sys_fadvise64(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_fadvise64, lx_fd(a[0]), (off_t)a[1], (off_t)a[2],
                          (int)a[3]));
}

long lx_sys_fsync(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(fsync(lx_fd(a[0])));
}

long lx_sys_fdatasync(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(fdatasync(lx_fd(a[0])));
}

long lx_sys_sync(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    sync();
    return 0;
}

long lx_sys_syncfs(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syncfs(lx_fd(a[0])));
}

/* sync_file_range(2): (fd, offset, nbytes, flags) on 64-bit guests. */
long lx_sys_sync_file_range(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_sync_file_range, lx_fd(a[0]), (off_t)a[1],
                          (off_t)a[2], (unsigned)a[3]));
}

long lx_sys_readahead(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(
        syscall(SYS_readahead, lx_fd(a[0]), (off_t)a[1], (size_t)a[2]));
}

long lx_sys_umask(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return (long)umask((mode_t)a[0] & 0777);
}
