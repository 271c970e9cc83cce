/* syscalls/linux/xfer.c: positioned vector I/O and in-kernel copies
 * (preadv/pwritev and their v2 forms, sendfile, copy_file_range, splice,
 * tee), and the anonymous files (memfd). Offsets are 64-bit loff_t both
 * in registers and in memory, on every architecture. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

/* preadv/pwritev, 1 and 2: on 64-bit the position is all in pos_l (the
 * kernel ignores pos_h); flags are RWF_*, generic. */
static long lx_rw_vec(struct lx_task *t, const uint64_t a[6], bool write,
                      bool v2)
{
    struct iovec iov[LX_IOV_MAX];
    long n =
        lx_get_iovec(t, a[1], a[2], write ? LX_PROT_READ : LX_PROT_WRITE, iov);
    int flags = v2 ? (int)a[5] : 0;

    if (n < 0)
        return n;
    if (write)
        return lx_ret(pwritev2(lx_fd(a[0]), iov, (int)n, (off_t)a[3], flags));
    return lx_ret(preadv2(lx_fd(a[0]), iov, (int)n, (off_t)a[3], flags));
}

long lx_sys_preadv(struct lx_task *t, const uint64_t a[6])
{
    return lx_rw_vec(t, a, false, false);
}

long lx_sys_pwritev(struct lx_task *t, const uint64_t a[6])
{
    return lx_rw_vec(t, a, true, false);
}

long lx_sys_preadv2(struct lx_task *t, const uint64_t a[6])
{
    return lx_rw_vec(t, a, false, true);
}

long lx_sys_pwritev2(struct lx_task *t, const uint64_t a[6])
{
    return lx_rw_vec(t, a, true, true);
}

/* An optional in/out loff_t argument: NULL stays NULL, anything else must
 * be 8 writable guest bytes. Returns false for EFAULT. */
static bool lx_offset_ptr(struct lx_task *t, uint64_t addr, int64_t **out)
{
    *out = NULL;
    if (!addr)
        return true;
    *out = lx_guest_ptr(t, addr, sizeof(int64_t), LX_PROT_READ | LX_PROT_WRITE);
    return *out != NULL;
}

long lx_sys_sendfile(struct lx_task *t, const uint64_t a[6])
{
    int64_t *off;

    if (!lx_offset_ptr(t, a[2], &off))
        return -LX_EFAULT;
    return lx_ret(
        syscall(SYS_sendfile, lx_fd(a[0]), lx_fd(a[1]), off, (size_t)a[3]));
}

long lx_sys_copy_file_range(struct lx_task *t, const uint64_t a[6])
{
    int64_t *off_in, *off_out;

    if (!lx_offset_ptr(t, a[1], &off_in) || !lx_offset_ptr(t, a[3], &off_out))
        return -LX_EFAULT;
    return lx_ret(syscall(SYS_copy_file_range, lx_fd(a[0]), off_in, lx_fd(a[2]),
                          off_out, (size_t)a[4], (unsigned)a[5]));
}

long lx_sys_splice(struct lx_task *t, const uint64_t a[6])
{
    int64_t *off_in, *off_out;

    if (!lx_offset_ptr(t, a[1], &off_in) || !lx_offset_ptr(t, a[3], &off_out))
        return -LX_EFAULT;
    return lx_ret(syscall(SYS_splice, lx_fd(a[0]), off_in, lx_fd(a[2]), off_out,
                          (size_t)a[4], (unsigned)a[5]));
}

long lx_sys_tee(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_tee, lx_fd(a[0]), lx_fd(a[1]), (size_t)a[2],
                          (unsigned)a[3]));
}

/* memfd_create(2): MFD_* flags are generic. */
long lx_sys_memfd_create(struct lx_task *t, const uint64_t a[6])
{
    char name[LX_PATH_MAX];
    int rc = lx_copy_path(t, name, a[0]);

    if (rc < 0)
        return rc;
    return lx_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}
