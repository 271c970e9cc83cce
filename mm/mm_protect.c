/* mm/mm_protect.c: mprotect, madvise, msync and the mlock family over
 * the guest's mappings, with Linux's argument checks. */
#include <errno.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mm/mm_internal.h"

#define MM_PROT_SEM 0x8 /* <asm-generic/mman-common.h>; accepted, no effect */

/* Applies prot to the regions of [addr, end) (split at both ends), up to
 * the first hole: Linux keeps the changes made before it. */
static int mm_protect_walk(struct mm *mm, gva addr, gva end, int prot)
{
    size_t i = mm_regions_find(mm, addr);

    for (; addr < end; addr = mm->r[i++].end) {
        struct mm_region *r = &mm->r[i];

        if (i == mm->n || r->start != addr)
            return -ENOMEM;
        if (mprotect(mm_host(mm, r->start), r->end - r->start,
                     mm_host_prot(prot)) < 0)
            return -errno;
        if ((r->prot & PROT_EXEC) && !(prot & PROT_EXEC) && mm->hook)
            mm->hook(mm->hook_opaque, r->start, r->end);
        r->prot = prot;
    }
    return 0;
}

static int mm_protect_locked(struct mm *mm, gva addr, gva end, int prot,
                             int grows)
{
    size_t i = mm_regions_find(mm, addr);
    int rc;

    if (i == mm->n || mm->r[i].start >= end)
        return -ENOMEM;
    if (grows & PROT_GROWSUP)
        return -EINVAL;
    if (grows & PROT_GROWSDOWN) {
        if (!(mm->r[i].flags & MM_REGION_GROWSDOWN))
            return -EINVAL;
        addr = mm->r[i].start;
    } else if (mm->r[i].start > addr) {
        return -ENOMEM;
    }
    if ((rc = mm_regions_reserve(mm, 2)) < 0)
        return rc;
    mm_regions_split(mm, addr);
    mm_regions_split(mm, end);
    rc = mm_protect_walk(mm, addr, end, prot);
    mm_regions_merge(mm, addr, end);
    return rc;
}

int mm_mprotect(struct mm *mm, gva addr, uint64_t len, int prot)
{
    int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    gva end;
    int rc;

    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (addr & MM_PAGE_MASK))
        return -EINVAL;
    if (!len)
        return 0;
    len = mm_page_up(len);
    end = addr + len;
    if (end <= addr)
        return -ENOMEM;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | MM_PROT_SEM | grows))
        return -EINVAL;
    pthread_mutex_lock(&mm->lock);
    rc = mm_protect_locked(mm, addr, end, prot & 7, grows);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

/* Calls fn on each mapped piece of [addr, end); a hole makes the result
 * -ENOMEM once the rest is done, as madvise(2) and msync(2) do. */
static int mm_each_piece(struct mm *mm, gva addr, gva end, int arg,
                         int (*fn)(struct mm *, const struct mm_region *, gva,
                                   gva, int))
{
    size_t i = mm_regions_find(mm, addr);
    int rc = 0;

    for (; addr < end; i++) {
        gva lo, hi;

        if (i == mm->n || mm->r[i].start >= end)
            return -ENOMEM;
        if (mm->r[i].start > addr)
            rc = -ENOMEM;
        lo = mm->r[i].start > addr ? mm->r[i].start : addr;
        hi = mm->r[i].end < end ? mm->r[i].end : end;
        int err = fn(mm, &mm->r[i], lo, hi, arg);
        if (err)
            return err;
        addr = hi;
    }
    return rc;
}

static bool mm_advice_known(int advice)
{
    return (advice >= MADV_NORMAL && advice <= MADV_DONTNEED) ||
           (advice >= 8 && advice <= 25) || advice == 100 || advice == 101;
}

static int mm_advise_piece(struct mm *mm, const struct mm_region *r, gva lo,
                           gva hi, int advice)
{
    (void)r;
    return madvise(mm_host(mm, lo), hi - lo, advice) < 0 ? -errno : 0;
}

void mm_populate(struct mm *mm, gva addr, uint64_t len, bool write)
{
    gva lo = addr & ~(gva)MM_PAGE_MASK, hi = mm_page_up(addr + len);

    if (hi > lo && hi <= MM_VA_LIMIT)
        madvise(mm_host(mm, lo), hi - lo,
                write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
}

int mm_madvise(struct mm *mm, gva addr, uint64_t len, int advice)
{
    uint64_t len_pages = mm_page_up(len);
    int rc;

    if (!mm_advice_known(advice) || (addr & MM_PAGE_MASK))
        return -EINVAL;
    if ((len && !len_pages) || addr + len_pages < addr)
        return -EINVAL;
    if (!len_pages)
        return 0;
    /* MADV_HWPOISON / MADV_SOFT_OFFLINE need CAP_SYS_ADMIN, and must
     * never reach the host */
    if (advice >= 100)
        return -EPERM;
    pthread_mutex_lock(&mm->lock);
    rc = mm_each_piece(mm, addr, addr + len_pages, advice, mm_advise_piece);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

static int mm_sync_piece(struct mm *mm, const struct mm_region *r, gva lo,
                         gva hi, int flags)
{
    if (!(r->flags & MM_REGION_SHARED) || (r->flags & MM_REGION_ANON) ||
        !(flags & MS_SYNC))
        return 0;
    return msync(mm_host(mm, lo), hi - lo, MS_SYNC) < 0 ? -errno : 0;
}

int mm_msync(struct mm *mm, gva addr, uint64_t len, int flags)
{
    gva end;
    int rc;

    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
        (addr & MM_PAGE_MASK) || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    end = addr + mm_page_up(len);
    if (end < addr)
        return -ENOMEM;
    if (end == addr)
        return 0;
    pthread_mutex_lock(&mm->lock);
    rc = mm_each_piece(mm, addr, end, flags, mm_sync_piece);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

static int mm_no_piece(struct mm *mm, const struct mm_region *r, gva lo, gva hi,
                       int arg)
{
    (void)mm, (void)r, (void)lo, (void)hi, (void)arg;
    return 0;
}

/* mlock(2) rounds the range out to pages and wants all of it mapped;
 * locking itself is not emulated (the host may not allow it). */
static int mm_lock_range(struct mm *mm, gva addr, uint64_t len)
{
    gva start = addr & ~MM_PAGE_MASK;
    gva end = start + mm_page_up(len + (addr & MM_PAGE_MASK));
    int rc;

    if (end < start)
        return -EINVAL;
    if (end == start)
        return 0;
    pthread_mutex_lock(&mm->lock);
    rc = mm_each_piece(mm, start, end, 0, mm_no_piece);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

int mm_mlock(struct mm *mm, gva addr, uint64_t len, unsigned flags)
{
    struct rlimit lim;

    if (flags & ~(unsigned)MLOCK_ONFAULT)
        return -EINVAL;
    /* without CAP_IPC_LOCK, RLIMIT_MEMLOCK bounds what may be locked */
    if (geteuid() != 0 && getrlimit(RLIMIT_MEMLOCK, &lim) == 0 &&
        lim.rlim_cur != RLIM_INFINITY && mm_page_up(len) > lim.rlim_cur)
        return -ENOMEM;
    return mm_lock_range(mm, addr, len);
}

int mm_munlock(struct mm *mm, gva addr, uint64_t len)
{
    return mm_lock_range(mm, addr, len);
}

int mm_mlockall(struct mm *mm, int flags)
{
    (void)mm;
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
        flags == MCL_ONFAULT)
        return -EINVAL;
    return 0;
}

int mm_munlockall(struct mm *mm)
{
    (void)mm;
    return 0;
}
