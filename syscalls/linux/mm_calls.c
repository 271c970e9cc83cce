/* syscalls/linux/mm_calls.c: the memory syscalls, handed to the guest
 * address space (mm/mm.h), which owns their semantics. prot, flags and
 * advice values are the generic ones, equal to x86-64's. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mm/mm.h"
#include "log/log.h"
#include "syscalls/linux/lx_sys.h"

/* -d page: one line per change to the guest's mappings, with its result. */
static long lx_log_page(const char *call, const uint64_t a[6], long ret)
{
    if (log_enabled(LOG_PAGE))
        log_printf("page: %s(0x%llx, 0x%llx, 0x%llx) = %s0x%lx\n", call,
                   (unsigned long long)a[0], (unsigned long long)a[1],
                   (unsigned long long)a[2], ret < 0 ? "-" : "",
                   ret < 0 ? (unsigned long)-ret : (unsigned long)ret);
    return ret;
}

long lx_sys_brk(struct lx_task *t, const uint64_t a[6])
{
    return lx_log_page("brk", a, (long)mm_brk(t->mm, a[0]));
}

/* The path /proc/self/maps shows for a file mapping: what the host's
 * /proc says the fd is, or nothing. */
static const char *lx_fd_name(int fd, char *buf, size_t size)
{
    char link[32];
    ssize_t n;

    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    n = readlink(link, buf, size - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return buf;
}

long lx_sys_mmap(struct lx_task *t, const uint64_t a[6])
{
    char buf[LX_PATH_MAX];
    int flags = (int)a[3], fd = lx_fd(a[4]);
    const char *name = NULL;

    if (!(flags & MAP_ANONYMOUS) && fd >= 0)
        name = lx_fd_name(fd, buf, sizeof buf);
    return lx_log_page("mmap", a,
                       (long)mm_mmap(t->mm, a[0], a[1], (int)a[2], flags, fd,
                                     a[5], name));
}

long lx_sys_munmap(struct lx_task *t, const uint64_t a[6])
{
    return lx_log_page("munmap", a, mm_munmap(t->mm, a[0], a[1]));
}

long lx_sys_mprotect(struct lx_task *t, const uint64_t a[6])
{
    return lx_log_page("mprotect", a,
                       mm_mprotect(t->mm, a[0], a[1], (int)a[2]));
}

long lx_sys_mremap(struct lx_task *t, const uint64_t a[6])
{
    return lx_log_page("mremap", a,
                       (long)mm_mremap(t->mm, a[0], a[1], a[2], (int)a[3],
                                       a[4]));
}

long lx_sys_madvise(struct lx_task *t, const uint64_t a[6])
{
    return mm_madvise(t->mm, a[0], a[1], (int)a[2]);
}

long lx_sys_msync(struct lx_task *t, const uint64_t a[6])
{
    return mm_msync(t->mm, a[0], a[1], (int)a[2]);
}

long lx_sys_mlock(struct lx_task *t, const uint64_t a[6])
{
    return mm_mlock(t->mm, a[0], a[1], 0);
}

long lx_sys_munlock(struct lx_task *t, const uint64_t a[6])
{
    return mm_munlock(t->mm, a[0], a[1]);
}

long lx_sys_mlockall(struct lx_task *t, const uint64_t a[6])
{
    return mm_mlockall(t->mm, (int)a[0]);
}

long lx_sys_munlockall(struct lx_task *t, const uint64_t a[6])
{
    (void)a;
    return mm_munlockall(t->mm);
}

/* mincore(2): EINVAL for an unaligned start, ENOMEM when part of the range
 * is not mapped, then the host's answer for the same pages, one byte per
 * page straight into the guest's vector. */
long lx_sys_mincore(struct lx_task *t, const uint64_t a[6])
{
    uint64_t len = (a[1] + MM_PAGE_SIZE - 1) & ~(uint64_t)(MM_PAGE_SIZE - 1);
    void *vec;

    if (a[0] % MM_PAGE_SIZE || len < a[1])
        return -LX_EINVAL;
    if (!mm_check_range(t->mm, a[0], len, 0))
        return -LX_ENOMEM;
    if (!(vec = lx_guest_ptr(t, a[2], len / MM_PAGE_SIZE, LX_PROT_WRITE)))
        return -LX_EFAULT;
    return lx_ret(mincore(mm_g2h(t->mm, a[0]), len, vec));
}
