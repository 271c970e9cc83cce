/* mm/mm_remap.c: mremap(2): shrinking, growing in place, moving (also to
 * a fixed address), with the host pages moved by the host's mremap. */
#include <errno.h>
#include <sys/mman.h>

#include "mm/mm_internal.h"

/* The region holding the whole old range (Linux's vma_to_resize). */
static int mm_remap_source(const struct mm *mm, gva addr, uint64_t old_len,
                           size_t *idx)
{
    size_t i = mm_regions_find(mm, addr);

    if (i == mm->n || mm->r[i].start > addr || old_len > mm->r[i].end - addr)
        return -EFAULT;
    /* a second view needs shared pages */
    if (old_len == 0 && !(mm->r[i].flags & MM_REGION_SHARED))
        return -EINVAL;
    *idx = i;
    return 0;
}

/* Host mremap moves one host mapping; guest regions merged from several
 * (pages faulted in separately) are moved a page at a time. */
static int mm_host_move(struct mm *mm, gva src, uint64_t old_len,
                        uint64_t new_len, gva dst)
{
    char *s = mm_host(mm, src), *d = mm_host(mm, dst);

    if (mremap(s, old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, d) !=
        MAP_FAILED)
        return 0;
    if (errno != EFAULT || old_len == 0)
        return -errno;
    if (munmap(d, new_len) < 0)
        return -errno;
    for (uint64_t off = 0; off < old_len; off += MM_PAGE_SIZE)
        if (mremap(s + off, MM_PAGE_SIZE, MM_PAGE_SIZE,
                   MREMAP_MAYMOVE | MREMAP_FIXED, d + off) == MAP_FAILED)
            return -errno;
    if (new_len > old_len &&
        mremap(d + old_len - MM_PAGE_SIZE, MM_PAGE_SIZE,
               MM_PAGE_SIZE + new_len - old_len, 0) == MAP_FAILED)
        return -errno;
    return 0;
}

/* What is left at the old place: nothing (re-reserved), the same pages
 * (a second view, old_len 0), or fresh zero pages (MREMAP_DONTUNMAP). */
static int mm_remap_leave(struct mm *mm, const struct mm_region *old, gva addr,
                          uint64_t old_len, int flags)
{
    if (old_len == 0)
        return 0;
    if (flags & MREMAP_DONTUNMAP) {
        if (mmap(mm_host(mm, addr), old_len, mm_host_prot(old->prot),
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            return -errno;
        if ((old->prot & PROT_EXEC) && mm->hook)
            mm->hook(mm->hook_opaque, addr, addr + old_len);
        return 0;
    }
    mm_host_reserve(mm, addr, addr + old_len);
    mm_regions_split(mm, addr);
    mm_regions_split(mm, addr + old_len);
    mm_regions_remove(mm, addr, addr + old_len);
    return 0;
}

static int64_t mm_remap_move(struct mm *mm, size_t i, gva addr,
                             uint64_t old_len, uint64_t new_len, gva dst,
                             int flags)
{
    struct mm_region r = mm->r[i];
    int rc;

    if ((flags & MREMAP_DONTUNMAP) &&
        (r.flags & (MM_REGION_ANON | MM_REGION_SHARED)) != MM_REGION_ANON)
        return -EINVAL;
    if ((rc = mm_regions_reserve(mm, 4)) < 0 ||
        (rc = mm_host_move(mm, addr, old_len, new_len, dst)) < 0)
        return rc;
    r.offset += addr - r.start;
    r.start = dst;
    r.end = dst + new_len;
    mm_remap_leave(mm, &mm->r[i], addr, old_len, flags);
    mm_regions_split(mm, dst);
    mm_regions_split(mm, dst + new_len);
    mm_regions_remove(mm, dst, dst + new_len);
    mm_regions_insert(mm, &r);
    mm_regions_merge(mm, dst, dst + new_len);
    return (int64_t)dst;
}

/* Grows region i at its end: the host mapping holding its last page is
 * extended into the hole left by lifting the reservation. */
static int64_t mm_remap_grow_in_place(struct mm *mm, size_t i, gva addr,
                                      uint64_t delta)
{
    gva end = mm->r[i].end;
    char *h = mm_host(mm, end);

    if (munmap(h, delta) < 0)
        return -errno;
    if (mremap(h - MM_PAGE_SIZE, MM_PAGE_SIZE, MM_PAGE_SIZE + delta, 0) ==
        MAP_FAILED) {
        int err = errno;

        mm_host_reserve(mm, end, end + delta);
        return -err;
    }
    mm->r[i].end = end + delta;
    mm_regions_merge(mm, end, end + delta);
    return (int64_t)addr;
}

static int64_t mm_remap_grow(struct mm *mm, gva addr, uint64_t old_len,
                             uint64_t new_len, int flags)
{
    uint64_t delta = new_len - old_len;
    size_t i;
    int64_t rc;

    if ((rc = mm_remap_source(mm, addr, old_len, &i)) < 0)
        return rc;
    if (old_len && addr + old_len == mm->r[i].end &&
        delta <= MM_VA_LIMIT - mm->r[i].end &&
        mm_regions_free(mm, mm->r[i].end, mm->r[i].end + delta) &&
        mm_remap_grow_in_place(mm, i, addr, delta) >= 0)
        return (int64_t)addr;
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    if ((rc = mm_regions_search(mm, new_len)) < 0)
        return rc;
    return mm_remap_move(mm, i, addr, old_len, new_len, (gva)rc, flags);
}

/* munmap(2)'s range checks, which mremap's unmapping steps inherit, for
 * [base + off, base + off + len) (computed without wrapping around). */
static int mm_unmap_checked(struct mm *mm, gva base, uint64_t off, uint64_t len)
{
    if (base > MM_VA_LIMIT || off > MM_VA_LIMIT - base ||
        len > MM_VA_LIMIT - base - off)
        return -EINVAL;
    return mm_unmap_locked(mm, base + off, base + off + len);
}

/* Linux shrinks without looking at what is mapped there. */
static int64_t mm_remap_shrink(struct mm *mm, gva addr, uint64_t old_len,
                               uint64_t new_len)
{
    int rc = 0;

    if (old_len > new_len)
        rc = mm_unmap_checked(mm, addr, new_len, old_len - new_len);
    return rc < 0 ? rc : (int64_t)addr;
}

/* MREMAP_FIXED: the target is checked and cleared, and a shrink is done
 * first, before the source is even looked at (Linux's order). */
static int64_t mm_remap_fixed_prepare(struct mm *mm, gva addr,
                                      uint64_t *old_len, uint64_t new_len,
                                      gva new_addr)
{
    int64_t rc;

    if (new_addr & MM_PAGE_MASK)
        return -EINVAL;
    if (new_len > MM_VA_LIMIT || new_addr > MM_VA_LIMIT - new_len)
        return -EINVAL;
    if (addr < MM_VA_LIMIT && addr + *old_len > new_addr &&
        new_addr + new_len > addr)
        return -EINVAL;
    if (new_addr < mm->min_addr)
        return -EPERM;
    if ((rc = mm_unmap_checked(mm, new_addr, 0, new_len)) < 0)
        return rc;
    if (*old_len > new_len) {
        if ((rc = mm_unmap_checked(mm, addr, new_len, *old_len - new_len)) < 0)
            return rc;
        *old_len = new_len;
    }
    return 0;
}

/* MREMAP_FIXED / MREMAP_DONTUNMAP (Linux's mremap_to); without
 * MREMAP_FIXED new_addr is a hint. */
static int64_t mm_remap_to(struct mm *mm, gva addr, uint64_t old_len,
                           uint64_t new_len, int flags, gva new_addr)
{
    size_t i;
    int64_t rc;

    if ((flags & MREMAP_FIXED) &&
        (rc = mm_remap_fixed_prepare(mm, addr, &old_len, new_len, new_addr)) <
            0)
        return rc;
    if ((rc = mm_remap_source(mm, addr, old_len, &i)) < 0)
        return rc;
    if (!(flags & MREMAP_FIXED)) {
        new_addr = mm_page_up(new_addr);
        if (!new_addr || !mm_regions_hint_ok(mm, new_addr, new_len)) {
            if ((rc = mm_regions_search(mm, new_len)) < 0)
                return rc;
            new_addr = (gva)rc;
        }
    }
    return mm_remap_move(mm, i, addr, old_len, new_len, new_addr, flags);
}

int64_t mm_mremap(struct mm *mm, gva old_addr, uint64_t old_len,
                  uint64_t new_len, int flags, gva new_addr)
{
    int64_t rc;

    if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) &&
        (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
        return -EINVAL;
    if (old_addr & MM_PAGE_MASK)
        return -EINVAL;
    old_len = mm_page_up(old_len);
    new_len = mm_page_up(new_len);
    if (!new_len)
        return -EINVAL;
    pthread_mutex_lock(&mm->lock);
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        rc = mm_remap_to(mm, old_addr, old_len, new_len, flags, new_addr);
    else if (old_len >= new_len)
        rc = mm_remap_shrink(mm, old_addr, old_len, new_len);
    else
        rc = mm_remap_grow(mm, old_addr, old_len, new_len, flags);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}
