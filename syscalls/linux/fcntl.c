/* syscalls/linux/fcntl.c: fcntl(2): fd flags, status flags (converted
 * like open's) and record locks (struct flock converted field by field).
 * Command numbers are the generic ones (asm-generic/fcntl.h), which x86-64
 * also uses. */
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

enum {
    LX_F_DUPFD = 0,
    LX_F_GETFD = 1,
    LX_F_SETFD = 2,
    LX_F_GETFL = 3,
    LX_F_SETFL = 4,
    LX_F_GETLK = 5,
    LX_F_SETLK = 6,
    LX_F_SETLKW = 7,
    LX_F_SETOWN = 8,
    LX_F_GETOWN = 9,
    LX_F_OFD_GETLK = 36,
    LX_F_OFD_SETLK = 37,
    LX_F_OFD_SETLKW = 38,
    LX_F_SETLEASE = 1024,
    LX_F_GETLEASE = 1025,
    LX_F_DUPFD_CLOEXEC = 1030,
    LX_F_SETPIPE_SZ = 1031,
    LX_F_GETPIPE_SZ = 1032,
    LX_F_ADD_SEALS = 1033,
    LX_F_GET_SEALS = 1034,
};

_Static_assert(F_GETLK == LX_F_GETLK && F_SETLKW == LX_F_SETLKW &&
                   F_OFD_SETLKW == LX_F_OFD_SETLKW &&
                   F_DUPFD_CLOEXEC == LX_F_DUPFD_CLOEXEC &&
                   F_GET_SEALS == LX_F_GET_SEALS,
               "host fcntl commands are the generic ones");

/* F_GETLK, F_SETLK(W) and the OFD forms: l_type values (F_RDLCK 0,
 * F_WRLCK 1, F_UNLCK 2) are generic too. */
static long lx_fcntl_lock(struct lx_task *t, int fd, int cmd, uint64_t addr)
{
    struct lx_flock g;
    struct flock h;
    long rc;

    if (lx_copy_in(t, &g, addr, sizeof g) < 0)
        return -LX_EFAULT;
    memset(&h, 0, sizeof h);
    h.l_type = g.l_type;
    h.l_whence = g.l_whence;
    h.l_start = g.l_start;
    h.l_len = g.l_len;
    h.l_pid = g.l_pid;
    rc = lx_ret(syscall(SYS_fcntl, fd, cmd, &h));
    if (rc < 0 || (cmd != LX_F_GETLK && cmd != LX_F_OFD_GETLK))
        return rc;
    g.l_type = h.l_type;
    g.l_whence = h.l_whence;
    g.l_start = h.l_start;
    g.l_len = h.l_len;
    g.l_pid = h.l_pid;
    return lx_copy_out(t, addr, &g, sizeof g) < 0 ? -LX_EFAULT : rc;
}

/* fcntl(2): a dispatch over commands; integer-argument commands pass
 * through, the rest convert. Unknown commands are EINVAL, as in the
 * kernel. */
long lx_sys_fcntl(struct lx_task *t, const uint64_t a[6])
{
    int fd = lx_fd(a[0]), cmd = (int)a[1];
    long rc;

    switch (cmd) {
    case LX_F_DUPFD:
    case LX_F_DUPFD_CLOEXEC:
    case LX_F_GETFD:
    case LX_F_SETFD:
    case LX_F_SETOWN:
    case LX_F_GETOWN:
    case LX_F_SETLEASE:
    case LX_F_GETLEASE:
    case LX_F_SETPIPE_SZ:
    case LX_F_GETPIPE_SZ:
    case LX_F_ADD_SEALS:
    case LX_F_GET_SEALS:
        return lx_ret(syscall(SYS_fcntl, fd, cmd, (unsigned long)a[2]));
    case LX_F_GETFL:
        rc = lx_ret(syscall(SYS_fcntl, fd, cmd));
        return rc < 0 ? rc : (long)lx_open_flags_to_guest(t->abi, (int)rc);
    case LX_F_SETFL:
        return lx_ret(
            syscall(SYS_fcntl, fd, cmd, lx_open_flags_to_host(t->abi, a[2])));
    case LX_F_GETLK:
    case LX_F_SETLK:
    case LX_F_SETLKW:
    case LX_F_OFD_GETLK:
    case LX_F_OFD_SETLK:
    case LX_F_OFD_SETLKW:
        return lx_fcntl_lock(t, fd, cmd, a[2]);
    default:
        return -LX_EINVAL;
    }
}
