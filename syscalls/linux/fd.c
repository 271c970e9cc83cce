/* syscalls/linux/fd.c: file descriptors: open, close, read and write in
 * their forms, seeking, duplication and pipes. Guest fds are host fds. */
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

/* The host is x86-64, whose open flags are the generic ones. */
_Static_assert(O_DIRECT == LX_O_DIRECT && O_DIRECTORY == LX_O_DIRECTORY &&
                   O_NOFOLLOW == LX_O_NOFOLLOW,
               "host open flags are the generic ones");

/* Moves the four arch-dependent bits from one set of values to the other,
 * keeping every other bit (the generic ones, equal everywhere). */
static uint64_t lx_move_open_bits(uint64_t v, const uint32_t from[4],
                                  const uint32_t to[4])
{
    uint64_t out = v;

    for (int i = 0; i < 4; i++)
        out &= ~(uint64_t)(from[i] | to[i]);
    for (int i = 0; i < 4; i++)
        if (v & from[i])
            out |= to[i];
    return out;
}

static void lx_open_bits(const struct frontend_linux_abi *abi,
                         uint32_t guest[4], uint32_t host[4])
{
    guest[0] = abi->o_directory, host[0] = LX_O_DIRECTORY;
    guest[1] = abi->o_nofollow, host[1] = LX_O_NOFOLLOW;
    guest[2] = abi->o_direct, host[2] = LX_O_DIRECT;
    guest[3] = abi->o_largefile, host[3] = LX_O_LARGEFILE;
}

int lx_open_flags_to_host(const struct frontend_linux_abi *abi, uint64_t g)
{
    uint32_t guest[4], host[4];

    lx_open_bits(abi, guest, host);
    return (int)(uint32_t)lx_move_open_bits((uint32_t)g, guest, host);
}

uint64_t lx_open_flags_to_guest(const struct frontend_linux_abi *abi, int h)
{
    uint32_t guest[4], host[4];

    lx_open_bits(abi, guest, host);
    return lx_move_open_bits((uint32_t)h, host, guest);
}

/* The flags openat2 accepts (fs/open.c VALID_OPEN_FLAGS); openat ignores
 * any others. */
#define LX_OPEN_VALID                                                          \
    (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |            \
     O_NONBLOCK | O_SYNC | O_DSYNC | O_ASYNC | O_DIRECT | LX_O_LARGEFILE |     \
     O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE)

/* An absolute path after chroot: the host resolves it with the new root
 * as "/" (RESOLVE_IN_ROOT), so a symlink to an absolute path, the last
 * component included, stays inside it as it would in a real chroot. */
static long lx_open_in_root(const char *root, const char *path,
                            struct open_how *h)
{
    int dir = open(root[0] ? root : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    long fd;

    if (dir < 0)
        return -errno;
    h->resolve |= RESOLVE_IN_ROOT;
    fd = lx_ret(syscall(SYS_openat2, dir, path, h, sizeof *h));
    close(dir);
    return fd;
}

/* openat's flags and mode as openat2 takes them: openat ignores unknown
 * flags, a mode without O_CREAT or O_TMPFILE, and what O_PATH ignores,
 * where openat2 would refuse them. */
static struct open_how lx_open_how_of(int flags, unsigned mode)
{
    struct open_how h = {
        .flags = (uint64_t)(unsigned)flags & LX_OPEN_VALID,
        .mode = (flags & (O_CREAT | __O_TMPFILE)) ? mode & 07777 : 0,
    };

    if (flags & O_PATH)
        h.flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    return h;
}

/* openat(2) */
long lx_sys_openat(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *path, *root = lx_path_root();
    int rc = lx_get_path(t, a[1], buf, tmp, &path);
    int flags = lx_open_flags_to_host(t->abi, a[2]);
    bool handled;
    long fd;

    if (rc < 0)
        return rc;
    if (root && buf[0] == '/') {
        struct open_how h = lx_open_how_of(flags, (unsigned)a[3]);

        return lx_open_in_root(root, buf, &h);
    }
    fd = lx_proc_open(t, path, flags, &handled);
    if (handled)
        return fd;
    return lx_ret(
        syscall(SYS_openat, lx_fd(a[0]), path, flags, (unsigned)a[3]));
}

/* struct open_how (linux/openat2.h): three 64-bit words; a larger one
 * from a newer guest is accepted when its tail is zero. */
struct lx_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
_Static_assert(sizeof(struct lx_open_how) == 24, "lx_open_how size");

#define LX_OPEN_HOW_SIZE_MAX 4096 /* PAGE_SIZE: more is E2BIG */
#define LX_RESOLVE_BENEATH 0x08
#define LX_RESOLVE_IN_ROOT 0x10

/* copy_struct_from_user(): the known part, then a zero tail. */
static int lx_get_open_how(struct lx_task *t, gva addr, uint64_t size,
                           struct lx_open_how *how)
{
    const uint8_t *tail;

    if (size < sizeof *how)
        return -LX_EINVAL;
    if (size > LX_OPEN_HOW_SIZE_MAX)
        return -LX_E2BIG;
    if (lx_copy_in(t, how, addr, sizeof *how) < 0 ||
        !(tail = lx_guest_ptr(t, addr + sizeof *how, size - sizeof *how,
                              LX_PROT_READ)))
        return -LX_EFAULT;
    for (uint64_t i = 0; i < size - sizeof *how; i++)
        if (tail[i])
            return -LX_E2BIG;
    return 0;
}

/* openat2(2): open flags converted as openat's (the upper 32 bits, which
 * no flag uses, are EINVAL); the RESOLVE_* flags are generic. A path
 * resolved beneath or inside dirfd is the guest's own business; any other
 * goes through the sysroot (or the chroot) and the emulated /proc files,
 * like openat's. */
long lx_sys_openat2(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX], tmp[LX_PATH_MAX];
    struct lx_open_how g;
    struct open_how h;
    const char *path;
    int rc = lx_get_open_how(t, a[2], a[3], &g);
    bool handled;
    long fd;

    if (rc < 0)
        return rc;
    if (g.flags >> 32)
        return -LX_EINVAL;
    h.flags = (uint32_t)lx_open_flags_to_host(t->abi, g.flags);
    h.mode = g.mode;
    h.resolve = g.resolve;
    if (g.resolve & (LX_RESOLVE_BENEATH | LX_RESOLVE_IN_ROOT)) {
        if ((rc = lx_copy_path(t, buf, a[1])) < 0)
            return rc;
        return lx_ret(syscall(SYS_openat2, lx_fd(a[0]), buf, &h, sizeof h));
    }
    if ((rc = lx_get_path(t, a[1], buf, tmp, &path)) < 0)
        return rc;
    if (lx_path_root() && buf[0] == '/')
        return lx_open_in_root(lx_path_root(), buf, &h);
    fd = lx_proc_open(t, path, (int)h.flags, &handled);
    if (handled)
        return fd;
    return lx_ret(syscall(SYS_openat2, lx_fd(a[0]), path, &h, sizeof h));
}

/* close(2): ferry's own fds are not the guest's to close. */
long lx_sys_close(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    if (lx_fd_own(lx_fd(a[0])))
        return -LX_EBADF;
    return lx_ret(close(lx_fd(a[0])));
}

long lx_sys_read(struct lx_task *t, const uint64_t a[6])
{
    void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_WRITE);

    if (!buf)
        return -LX_EFAULT;
    return lx_ret(read(lx_fd(a[0]), buf, a[2]));
}

long lx_sys_write(struct lx_task *t, const uint64_t a[6])
{
    const void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_READ);

    if (!buf)
        return -LX_EFAULT;
    return lx_ret(write(lx_fd(a[0]), buf, a[2]));
}

long lx_sys_pread64(struct lx_task *t, const uint64_t a[6])
{
    void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_WRITE);

    if (!buf)
        return -LX_EFAULT;
    return lx_ret(pread(lx_fd(a[0]), buf, a[2], (off_t)a[3]));
}

long lx_sys_pwrite64(struct lx_task *t, const uint64_t a[6])
{
    const void *buf = lx_guest_ptr(t, a[1], a[2], LX_PROT_READ);

    if (!buf)
        return -LX_EFAULT;
    return lx_ret(pwrite(lx_fd(a[0]), buf, a[2], (off_t)a[3]));
}

long lx_get_iovec(struct lx_task *t, gva addr, uint64_t count, int prot,
                  struct iovec *out)
{
    uint64_t total = 0;

    if (count > LX_IOV_MAX)
        return -LX_EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        struct lx_iovec g;

        if (lx_copy_in(t, &g, addr + i * sizeof g, sizeof g) < 0)
            return -LX_EFAULT;
        total += g.iov_len;
        if ((int64_t)g.iov_len < 0 || (int64_t)total < 0)
            return -LX_EINVAL;
        out[i].iov_len = g.iov_len;
        out[i].iov_base = lx_guest_ptr(t, g.iov_base, g.iov_len, prot);
        if (!out[i].iov_base)
            return -LX_EFAULT;
    }
    return (long)count;
}

long lx_sys_readv(struct lx_task *t, const uint64_t a[6])
{
    struct iovec iov[LX_IOV_MAX];
    long n = lx_get_iovec(t, a[1], a[2], LX_PROT_WRITE, iov);

    if (n < 0)
        return n;
    return lx_ret(readv(lx_fd(a[0]), iov, (int)n));
}

long lx_sys_writev(struct lx_task *t, const uint64_t a[6])
{
    struct iovec iov[LX_IOV_MAX];
    long n = lx_get_iovec(t, a[1], a[2], LX_PROT_READ, iov);

    if (n < 0)
        return n;
    return lx_ret(writev(lx_fd(a[0]), iov, (int)n));
}

long lx_sys_lseek(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(lseek(lx_fd(a[0]), (off_t)a[1], (int)a[2]));
}

long lx_sys_dup(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    if (lx_fd_own(lx_fd(a[0])))
        return -LX_EBADF;
    return lx_ret(dup(lx_fd(a[0])));
}

/* dup3(2): O_CLOEXEC is a generic bit, equal on every architecture.
 * Neither end may be one of ferry's own fds. */
long lx_sys_dup3(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    if (lx_fd_own(lx_fd(a[0])) || lx_fd_own(lx_fd(a[1])))
        return -LX_EBADF;
    return lx_ret(syscall(SYS_dup3, lx_fd(a[0]), lx_fd(a[1]), (int)a[2]));
}

/* pipe2(2): checks the destination first so no fds leak on EFAULT.
 * O_DIRECT (packet mode) is one of the arch-dependent bits. */
long lx_sys_pipe2(struct lx_task *t, const uint64_t a[6])
{
    void *dst = lx_guest_ptr(t, a[0], 2 * sizeof(int32_t), LX_PROT_WRITE);
    int32_t fds[2];

    if (!dst)
        return -LX_EFAULT;
    if (pipe2(fds, lx_open_flags_to_host(t->abi, a[1])) != 0)
        return -errno;
    memcpy(dst, fds, sizeof fds);
    return 0;
}

long lx_sys_flock(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(flock(lx_fd(a[0]), (int)a[1]));
}
