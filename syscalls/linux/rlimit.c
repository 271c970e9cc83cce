/* syscalls/linux/rlimit.c: resource limits. Resource numbers and
 * RLIM_INFINITY are generic (asm-generic/resource.h), as on x86-64. The
 * limits on address space, data and stack would bind ferry itself (its
 * reserved guest region, its own heap), so the guest's own process keeps
 * them as values only. */
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

#define LX_RLIM_NLIMITS 16

_Static_assert(RLIMIT_AS == 9 && RLIMIT_DATA == 2 && RLIMIT_STACK == 3 &&
                   RLIMIT_NOFILE == 7 && RLIM_NLIMITS == LX_RLIM_NLIMITS,
               "host resource numbers are the generic ones");

/* The emulated limits: valid once set (or first read from the host). */
static struct {
    struct lx_rlimit lim;
    atomic_bool valid;
} lx_kept[LX_RLIM_NLIMITS];

static bool lx_rlimit_is_kept(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA ||
           resource == RLIMIT_STACK;
}

/* prlimit64 on ourselves for a kept resource. */
static long lx_prlimit_kept(int resource, const struct lx_rlimit *new_lim,
                            struct lx_rlimit *old)
{
    if (!atomic_load(&lx_kept[resource].valid)) {
        struct rlimit h;

        getrlimit(resource, &h);
        lx_kept[resource].lim = (struct lx_rlimit){h.rlim_cur, h.rlim_max};
        atomic_store(&lx_kept[resource].valid, true);
    }
    *old = lx_kept[resource].lim;
    if (new_lim) {
        if (new_lim->rlim_cur > new_lim->rlim_max)
            return -LX_EINVAL;
        if (new_lim->rlim_max > old->rlim_max && geteuid() != 0)
            return -LX_EPERM;
        lx_kept[resource].lim = *new_lim;
    }
    return 0;
}

static long lx_prlimit_host(int pid, int resource,
                            const struct lx_rlimit *new_lim,
                            struct lx_rlimit *old)
{
    struct rlimit hn, ho;

    if (new_lim)
        hn = (struct rlimit){new_lim->rlim_cur, new_lim->rlim_max};
    if (syscall(SYS_prlimit64, pid, resource, new_lim ? &hn : NULL, &ho) != 0)
        return -errno;
    *old = (struct lx_rlimit){ho.rlim_cur, ho.rlim_max};
    return 0;
}

/* The common core: new and old are guest pointers, either may be 0. */
static long lx_prlimit(struct lx_task *t, int pid, unsigned resource,
                       uint64_t new_addr, uint64_t old_addr)
{
    struct lx_rlimit new_lim, old;
    long rc;

    if (resource >= LX_RLIM_NLIMITS)
        return -LX_EINVAL;
    if (new_addr && lx_copy_in(t, &new_lim, new_addr, sizeof new_lim) < 0)
        return -LX_EFAULT;
    if (old_addr && !lx_guest_ptr(t, old_addr, sizeof old, LX_PROT_WRITE))
        return -LX_EFAULT;
    if ((pid == 0 || pid == getpid()) && lx_rlimit_is_kept((int)resource))
        rc = lx_prlimit_kept((int)resource, new_addr ? &new_lim : NULL, &old);
    else
        rc = lx_prlimit_host(pid, (int)resource, new_addr ? &new_lim : NULL,
                             &old);
    if (rc == 0 && old_addr)
        lx_copy_out(t, old_addr, &old, sizeof old);
    return rc;
}

long lx_sys_prlimit64(struct lx_task *t, const uint64_t a[6])
{
    return lx_prlimit(t, (int)a[0], (unsigned)a[1], a[2], a[3]);
}

long lx_sys_getrlimit(struct lx_task *t, const uint64_t a[6])
{
    if (!a[1])
        return -LX_EFAULT;
    return lx_prlimit(t, 0, (unsigned)a[0], 0, a[1]);
}

long lx_sys_setrlimit(struct lx_task *t, const uint64_t a[6])
{
    if (!a[1])
        return -LX_EFAULT;
    return lx_prlimit(t, 0, (unsigned)a[0], a[1], 0);
}
