/* syscalls/linux/stat.c: file status: newfstatat, fstat (converted to the
 * asm-generic struct stat), statx (the same on every architecture),
 * statfs and fstatfs. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

static void lx_stat_from_host(struct lx_stat *g, const struct stat *h)
{
    memset(g, 0, sizeof *g);
    g->st_dev = h->st_dev;
    g->st_ino = h->st_ino;
    g->st_mode = h->st_mode;
    g->st_nlink = (uint32_t)h->st_nlink;
    g->st_uid = h->st_uid;
    g->st_gid = h->st_gid;
    g->st_rdev = h->st_rdev;
    g->st_size = h->st_size;
    g->st_blksize = (int32_t)h->st_blksize;
    g->st_blocks = h->st_blocks;
    g->st_atime_sec = h->st_atim.tv_sec;
    g->st_atime_nsec = (uint64_t)h->st_atim.tv_nsec;
    g->st_mtime_sec = h->st_mtim.tv_sec;
    g->st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec;
    g->st_ctime_sec = h->st_ctim.tv_sec;
    g->st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec;
}

static long lx_put_stat(struct lx_task *t, uint64_t addr, const struct stat *h)
{
    struct lx_stat g;

    lx_stat_from_host(&g, h);
    return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

/* newfstatat(2): AT_* flags are generic (linux/fcntl.h). */
long lx_sys_newfstatat(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    struct stat st;
    int rc = lx_get_path(t, a[1], buf, tmp, &path);

    if (rc < 0)
        return rc;
    if (syscall(SYS_newfstatat, lx_fd(a[0]), path, &st, (int)a[3]) != 0)
        return -errno;
    return lx_put_stat(t, a[2], &st);
}

long lx_sys_fstat(struct lx_task *t, const uint64_t a[6])
{
    struct stat st;

    if (fstat(lx_fd(a[0]), &st) != 0)
        return -errno;
    return lx_put_stat(t, a[1], &st);
}

/* statx(2): struct statx is architecture-independent (linux/stat.h), so
 * the host's result is copied out as it is. */
long lx_sys_statx(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    struct statx stx;
    int rc = lx_get_path(t, a[1], buf, tmp, &path);

    _Static_assert(sizeof stx == 256, "struct statx is 256 bytes");
    if (rc < 0)
        return rc;
    if (!lx_guest_ptr(t, a[4], sizeof stx, LX_PROT_WRITE))
        return -LX_EFAULT;
    if (syscall(SYS_statx, lx_fd(a[0]), path, (int)a[2], (unsigned)a[3],
                &stx) != 0)
        return -errno;
    return lx_copy_out(t, a[4], &stx, sizeof stx) < 0 ? -LX_EFAULT : 0;
}

static long lx_put_statfs(struct lx_task *t, uint64_t addr,
                          const struct statfs *h)
{
    struct lx_statfs g;

    memset(&g, 0, sizeof g);
    g.f_type = h->f_type;
    g.f_bsize = h->f_bsize;
    g.f_blocks = h->f_blocks;
    g.f_bfree = h->f_bfree;
    g.f_bavail = h->f_bavail;
    g.f_files = h->f_files;
    g.f_ffree = h->f_ffree;
    memcpy(g.f_fsid, &h->f_fsid, sizeof g.f_fsid);
    g.f_namelen = h->f_namelen;
    g.f_frsize = h->f_frsize;
    g.f_flags = h->f_flags;
    return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_statfs(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path;
    struct statfs st;
    int rc = lx_get_path(t, a[0], buf, tmp, &path);

    if (rc < 0)
        return rc;
    if (statfs(path, &st) != 0)
        return -errno;
    return lx_put_statfs(t, a[1], &st);
}

long lx_sys_fstatfs(struct lx_task *t, const uint64_t a[6])
{
    struct statfs st;

    if (fstatfs(lx_fd(a[0]), &st) != 0)
        return -errno;
    return lx_put_statfs(t, a[1], &st);
}
