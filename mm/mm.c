/* mm/mm.c: reserving the guest address space, and mmap, munmap, brk and
 * the stack with the guest kernel's semantics. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mm/mm_internal.h"

#define MM_RESERVE_FLAGS (MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)

/* Linux's mmap_base() keeps at least 128 MiB and at most 5/6 of the space
 * for the stack between the top and the mmap area. */
#define MM_MIN_GAP ((gva)128 << 20)
#define MM_MAX_GAP (MM_VA_LIMIT / 6 * 5)

static gva mm_read_min_addr(void)
{
    unsigned long v = 65536;
    char buf[32], *end;
    /* open and read, not stdio: no buffer to allocate on every start-up */
    int fd = open("/proc/sys/vm/mmap_min_addr", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;

    if (fd >= 0)
        close(fd);
    if (n > 0) {
        buf[n] = '\0';
        v = strtoul(buf, &end, 10);
        if (end == buf)
            v = 65536;
    }
    /* never let the guest map the host's page 0 */
    if (v < MM_PAGE_SIZE)
        v = MM_PAGE_SIZE;
    return mm_page_up(v);
}

/* Identity mapping when the host leaves [min_addr, 2^38 + guard) to us;
 * the kernel may ignore MAP_FIXED_NOREPLACE (before 4.17) and treat it as
 * a hint, hence the address check. The guard above the guest's space
 * stays PROT_NONE for good (host_hi includes it, for mm_fini's munmap). */
static int mm_reserve_space(struct mm *mm)
{
    size_t len = MM_VA_LIMIT + MM_VA_GUARD - mm->min_addr;
    void *want = (void *)(uintptr_t)mm->min_addr;
    void *p = mmap(want, len, PROT_NONE, MM_RESERVE_FLAGS | MAP_FIXED_NOREPLACE,
                   -1, 0);

    if (p == want) {
        mm->guest_base = 0;
        mm->host_lo = (uintptr_t)want;
        mm->host_hi = MM_VA_LIMIT + MM_VA_GUARD;
        return 0;
    }
    if (p != MAP_FAILED)
        munmap(p, len);
    p = mmap(NULL, MM_VA_LIMIT + MM_VA_GUARD, PROT_NONE, MM_RESERVE_FLAGS,
             -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    mm->guest_base = (uintptr_t)p;
    mm->host_lo = (uintptr_t)p;
    mm->host_hi = (uintptr_t)p + MM_VA_LIMIT + MM_VA_GUARD;
    return 0;
}

static gva mm_compute_mmap_base(size_t stack_size)
{
    gva gap = (gva)stack_size + MM_STACK_GUARD_GAP;

    if (gap < MM_MIN_GAP)
        gap = MM_MIN_GAP;
    if (gap > MM_MAX_GAP)
        gap = MM_MAX_GAP;
    return (MM_VA_LIMIT - gap) & ~MM_PAGE_MASK;
}

int mm_init(struct mm **out, size_t stack_size)
{
    struct mm *mm = calloc(1, sizeof *mm);
    int rc;

    *out = NULL;
    if (!mm)
        return -ENOMEM;
    if (!stack_size)
        stack_size = MM_DEFAULT_STACK_SIZE;
    stack_size = mm_page_up(stack_size);
    mm->min_addr = mm_read_min_addr();
    if (stack_size > MM_MAX_GAP || (rc = mm_reserve_space(mm)) < 0) {
        free(mm);
        return stack_size > MM_MAX_GAP ? -EINVAL : rc;
    }
    mm->stack_size = stack_size;
    mm->mmap_base = mm_compute_mmap_base(stack_size);
    mm->brk_start = mm->brk = mm->min_addr;
    pthread_mutex_init(&mm->lock, NULL);
    *out = mm;
    return 0;
}

void mm_free(struct mm *mm)
{
    if (!mm)
        return;
    munmap((void *)mm->host_lo, mm->host_hi - mm->host_lo);
    for (size_t i = 0; i < mm->n_names; i++)
        free((void *)mm->names[i]);
    free(mm->names);
    free(mm->r);
    pthread_mutex_destroy(&mm->lock);
    free(mm);
}

uintptr_t mm_guest_base(const struct mm *mm)
{
    return mm->guest_base;
}

void *mm_g2h(const struct mm *mm, gva addr)
{
    return mm_host(mm, addr);
}

gva mm_min_addr(const struct mm *mm)
{
    return mm->min_addr;
}

gva mm_mmap_base(const struct mm *mm)
{
    return mm->mmap_base;
}

size_t mm_stack_size(const struct mm *mm)
{
    return mm->stack_size;
}

void mm_set_exec_hook(struct mm *mm, mm_exec_hook_fn *fn, void *opaque)
{
    pthread_mutex_lock(&mm->lock);
    mm->hook = fn;
    mm->hook_opaque = opaque;
    pthread_mutex_unlock(&mm->lock);
}

void mm_fork_begin(struct mm *mm)
{
    pthread_mutex_lock(&mm->lock);
}

void mm_fork_end(struct mm *mm)
{
    pthread_mutex_unlock(&mm->lock);
}

int mm_host_prot(int prot)
{
    int host = prot & (PROT_READ | PROT_WRITE);

    return prot & PROT_EXEC ? host | PROT_READ : host;
}

int mm_host_reserve(struct mm *mm, gva start, gva end)
{
    if (start < mm->min_addr)
        start = mm->min_addr;
    if (end <= start)
        return 0;
    if (mmap(mm_host(mm, start), end - start, PROT_NONE,
             MM_RESERVE_FLAGS | MAP_FIXED, -1, 0) == MAP_FAILED)
        return -errno;
    return 0;
}

/* Maps [addr, addr + len) on the host (replacing whatever is there) and
 * records it as a copy of *tmpl. */
static int64_t mm_map_fixed_locked(struct mm *mm, gva addr, uint64_t len,
                                   int host_flags, int fd, uint64_t offset,
                                   const struct mm_region *tmpl)
{
    struct mm_region r = *tmpl;
    int rc;

    if ((rc = mm_regions_reserve(mm, 3)) < 0)
        return rc;
    if (mmap(mm_host(mm, addr), len, mm_host_prot(tmpl->prot),
             host_flags | MAP_FIXED, fd, (off_t)offset) == MAP_FAILED)
        return -errno;
    r.start = addr;
    r.end = addr + len;
    mm_regions_split(mm, addr);
    mm_regions_split(mm, addr + len);
    mm_regions_remove(mm, addr, addr + len);
    mm_regions_insert(mm, &r);
    mm_regions_merge(mm, addr, addr + len);
    return (int64_t)addr;
}

int mm_unmap_locked(struct mm *mm, gva start, gva end)
{
    int rc;

    if (end > MM_VA_LIMIT)
        end = MM_VA_LIMIT;
    if (start >= end || mm_regions_free(mm, start, end))
        return 0;
    /* both ends may split a region before the middle goes */
    if ((rc = mm_regions_reserve(mm, 2)) < 0 ||
        (rc = mm_host_reserve(mm, start, end)) < 0)
        return rc;
    mm_regions_split(mm, start);
    mm_regions_split(mm, end);
    mm_regions_remove(mm, start, end);
    return 0;
}

int mm_munmap(struct mm *mm, gva addr, uint64_t len)
{
    int rc;

    /* munmap(2): checked before rounding len */
    if ((addr & MM_PAGE_MASK) || addr > MM_VA_LIMIT || len > MM_VA_LIMIT - addr)
        return -EINVAL;
    len = mm_page_up(len);
    if (!len)
        return -EINVAL;
    pthread_mutex_lock(&mm->lock);
    rc = mm_unmap_locked(mm, addr, addr + len);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

/* The flags MAP_SHARED_VALIDATE accepts: Linux's LEGACY_MAP_MASK. */
#define MM_MAP_KNOWN                                                           \
    (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE |    \
     MAP_EXECUTABLE | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE |             \
     MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB |                   \
     MAP_FIXED_NOREPLACE)

/* mmap(2)'s argument checks, in the kernel's order where it matters. */
static int mm_mmap_check(int flags, int fd, uint64_t *len, uint64_t offset)
{
    int type = flags & MAP_TYPE;
    bool anon = flags & MAP_ANONYMOUS;

    if (!anon && fd < 0)
        return -EBADF;
    if (offset & MM_PAGE_MASK)
        return -EINVAL;
    if (*len == 0)
        return -EINVAL;
    *len = mm_page_up(*len);
    if (*len == 0)
        return -ENOMEM;
    if (offset + *len < offset)
        return -EOVERFLOW;
    if (type == MAP_SHARED_VALIDATE && anon)
        return -EINVAL;
    if (type == MAP_SHARED_VALIDATE && (flags & ~MM_MAP_KNOWN))
        return -EOPNOTSUPP;
    if (type != MAP_SHARED && type != MAP_PRIVATE &&
        type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if ((flags & MAP_GROWSDOWN) && (!anon || type != MAP_PRIVATE))
        return -EINVAL;
    return 0;
}

/* Where a mapping goes: the fixed address, the hint when free, else the
 * top-down search (Linux's get_unmapped_area). */
static int64_t mm_mmap_place(const struct mm *mm, gva addr, uint64_t len,
                             int flags)
{
    if (len > MM_VA_LIMIT - mm->min_addr)
        return -ENOMEM;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (addr > MM_VA_LIMIT - len)
            return -ENOMEM;
        if (addr & MM_PAGE_MASK)
            return -EINVAL;
        if (addr < mm->min_addr)
            return -EPERM;
        if ((flags & MAP_FIXED_NOREPLACE) &&
            !mm_regions_free(mm, addr, addr + len))
            return -EEXIST;
        return (int64_t)addr;
    }
    if (addr && mm_regions_hint_ok(mm, mm_page_up(addr), len))
        return (int64_t)mm_page_up(addr);
    return mm_regions_search(mm, len);
}

/* What a new mapping is, before it has an address. */
static int mm_mmap_region(struct mm_region *r, int prot, int flags, int fd,
                          uint64_t offset)
{
    struct stat st;

    memset(r, 0, sizeof *r);
    r->prot = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
    if ((flags & MAP_TYPE) != MAP_PRIVATE)
        r->flags |= MM_REGION_SHARED;
    if (flags & MAP_GROWSDOWN)
        r->flags |= MM_REGION_GROWSDOWN;
    if (flags & MAP_ANONYMOUS) {
        r->flags |= MM_REGION_ANON;
        return 0;
    }
    if (fstat(fd, &st) < 0)
        return -EBADF;
    r->offset = offset;
    r->dev = st.st_dev;
    r->inode = st.st_ino;
    return 0;
}

int64_t mm_mmap(struct mm *mm, gva addr, uint64_t len, int prot, int flags,
                int host_fd, uint64_t offset, const char *name)
{
    struct mm_region r;
    bool anon = flags & MAP_ANONYMOUS, failed = false;
    int host_flags =
        ((flags & MAP_TYPE) == MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED) |
        (flags & (MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE));
    int64_t rc;

    if ((rc = mm_mmap_check(flags, host_fd, &len, offset)) < 0 ||
        (rc = mm_mmap_region(&r, prot, flags, host_fd, offset)) < 0)
        return rc;
    if (anon && (r.flags & MM_REGION_SHARED) && !name)
        name = "/dev/zero (deleted)";
    pthread_mutex_lock(&mm->lock);
    rc = mm_mmap_place(mm, addr, len, flags);
    if (rc >= 0) {
        r.name = mm_intern(mm, name, &failed);
        if (anon && (r.flags & MM_REGION_SHARED))
            r.object = ++mm->next_object;
        rc = failed ? -ENOMEM
                    : mm_map_fixed_locked(mm, (gva)rc, len, host_flags,
                                          anon ? -1 : host_fd,
                                          anon ? 0 : offset, &r);
    }
    pthread_mutex_unlock(&mm->lock);
    return rc;
}

/* --- brk and the stack -------------------------------------------------- */

void mm_set_brk_start(struct mm *mm, gva start)
{
    pthread_mutex_lock(&mm->lock);
    mm->brk_start = mm->brk = mm_page_up(start);
    pthread_mutex_unlock(&mm->lock);
}

gva mm_brk_start(const struct mm *mm)
{
    return mm->brk_start;
}

#define MM_BRK_POPULATE ((uint64_t)16 << 10)

/* Grows the heap's pages from old_top to new_top; Linux wants one free
 * page (and any stack guard gap) above the new break. */
static int mm_brk_grow(struct mm *mm, gva old_top, gva new_top)
{
    struct mm_region r = {.prot = PROT_READ | PROT_WRITE,
                          .flags = MM_REGION_ANON | MM_REGION_HEAP};
    bool failed = false;

    if (!mm_regions_hint_ok(mm, old_top, new_top - old_top + MM_PAGE_SIZE))
        return -ENOMEM;
    r.name = mm_intern(mm, "[heap]", &failed);
    if (failed)
        return -ENOMEM;
    /* The result is an address or a negative errno: keep it 64-bit, a
     * high heap would look negative as an int. */
    int64_t rc = mm_map_fixed_locked(mm, old_top, new_top - old_top,
                                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, &r);

    if (rc < 0)
        return (int)rc;
    /* A heap is used from its bottom up, soon after it grows. */
    mm_populate(mm, old_top,
                new_top - old_top < MM_BRK_POPULATE ? new_top - old_top
                                                    : MM_BRK_POPULATE,
                true);
    return 0;
}

gva mm_brk(struct mm *mm, gva brk)
{
    gva old_top, new_top, result;

    pthread_mutex_lock(&mm->lock);
    if (brk < mm->brk_start || brk > MM_VA_LIMIT)
        goto out;
    old_top = mm_page_up(mm->brk);
    new_top = mm_page_up(brk);
    if (new_top == old_top ||
        (new_top < old_top && mm_unmap_locked(mm, new_top, old_top) == 0) ||
        (new_top > old_top && mm_brk_grow(mm, old_top, new_top) >= 0))
        mm->brk = brk;
out:
    result = mm->brk;
    pthread_mutex_unlock(&mm->lock);
    return result;
}

int64_t mm_map_stack(struct mm *mm, int prot)
{
    struct mm_region r = {.prot = prot & (PROT_READ | PROT_WRITE | PROT_EXEC),
                          .flags = MM_REGION_ANON | MM_REGION_STACK |
                                   MM_REGION_GROWSDOWN};
    gva start = MM_VA_LIMIT - mm->stack_size;
    bool failed = false;
    int64_t rc;

    pthread_mutex_lock(&mm->lock);
    r.name = mm_intern(mm, "[stack]", &failed);
    if (failed)
        rc = -ENOMEM;
    else if (!mm_regions_free(mm, start, MM_VA_LIMIT))
        rc = -EEXIST;
    else
        rc = mm_map_fixed_locked(mm, start, mm->stack_size,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                                 -1, 0, &r);
    pthread_mutex_unlock(&mm->lock);
    return rc;
}
