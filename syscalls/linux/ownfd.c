/* syscalls/linux/ownfd.c: ferry's own file descriptors (the -D log
 * file) live in the guest's descriptor table, since guest fds are host
 * fds. The runtime registers them here, and the calls that would close
 * or replace them (close, close_range, dup, dup3) act as if they were
 * not open. (The program's own file is closed once it is loaded.) */
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_sys.h"

#define LX_OWN_FDS_MAX 8

/* Written before any guest code runs, read by every thread afterwards. */
static int lx_own_fds[LX_OWN_FDS_MAX];
static atomic_uint lx_own_count;

void lx_fd_reserve(int fd)
{
    unsigned n = atomic_load(&lx_own_count);

    if (fd < 0 || lx_fd_own(fd) || n == LX_OWN_FDS_MAX)
        return;
    lx_own_fds[n] = fd;
    atomic_store(&lx_own_count, n + 1);
}

bool lx_fd_own(int fd)
{
    unsigned n = atomic_load(&lx_own_count);

    for (unsigned i = 0; i < n; i++)
        if (lx_own_fds[i] == fd)
            return true;
    return false;
}

/* linux/close_range.h */
#define LX_CLOSE_RANGE_UNSHARE (1u << 1)
#define LX_CLOSE_RANGE_CLOEXEC (1u << 2)

/* The lowest of ferry's fds in [from, to], or to + 1 when none is. */
static uint64_t lx_next_own(uint64_t from, uint64_t to)
{
    unsigned n = atomic_load(&lx_own_count);
    uint64_t best = to + 1;

    for (unsigned i = 0; i < n; i++)
        if ((uint64_t)lx_own_fds[i] >= from && (uint64_t)lx_own_fds[i] < best)
            best = (uint64_t)lx_own_fds[i];
    return best;
}

/* close_range(first, last, flags): the host's, on each stretch of the
 * range between ferry's own fds. */
long lx_sys_close_range(struct lx_task *t, const uint64_t a[6])
{
    uint64_t first = (uint32_t)a[0], last = (uint32_t)a[1];
    unsigned flags = (unsigned)a[2];

    (void)t;
    if (flags & ~(LX_CLOSE_RANGE_UNSHARE | LX_CLOSE_RANGE_CLOEXEC) ||
        first > last)
        return -LX_EINVAL;
    while (first <= last) {
        uint64_t own = lx_next_own(first, last);

        if (own > first && syscall(SYS_close_range, (unsigned)first,
                                   (unsigned)(own - 1), flags) != 0)
            return -errno;
        first = own + 1;
    }
    return 0;
}
