/* mm/mm_regions.c: the sorted list of guest mappings: lookup, split,
 * insert, remove, merge, and the search for free space. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mm/mm_internal.h"

size_t mm_regions_find(const struct mm *mm, gva addr)
{
    size_t lo = 0, hi = mm->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (mm->r[mid].end > addr)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

int mm_regions_reserve(struct mm *mm, size_t extra)
{
    size_t cap;
    struct mm_region *r;

    if (mm->n + extra > MM_MAX_REGIONS)
        return -ENOMEM;
    if (mm->n + extra <= mm->cap)
        return 0;
    cap = mm->cap ? mm->cap * 2 : 64;
    if (cap < mm->n + extra)
        cap = mm->n + extra;
    if (!(r = realloc(mm->r, cap * sizeof *r)))
        return -ENOMEM;
    mm->r = r;
    mm->cap = cap;
    return 0;
}

void mm_regions_split(struct mm *mm, gva at)
{
    size_t i = mm_regions_find(mm, at);

    if (i == mm->n || mm->r[i].start >= at)
        return;
    memmove(&mm->r[i + 1], &mm->r[i], (mm->n - i) * sizeof *mm->r);
    mm->n++;
    mm->r[i].end = at;
    mm->r[i + 1].start = at;
    mm->r[i + 1].offset += at - mm->r[i].start;
}

void mm_regions_remove(struct mm *mm, gva start, gva end)
{
    size_t i = mm_regions_find(mm, start), j = i;

    for (; j < mm->n && mm->r[j].start < end; j++)
        if ((mm->r[j].prot & PROT_EXEC) && mm->hook)
            mm->hook(mm->hook_opaque, mm->r[j].start, mm->r[j].end);
    memmove(&mm->r[i], &mm->r[j], (mm->n - j) * sizeof *mm->r);
    mm->n -= j - i;
}

void mm_regions_insert(struct mm *mm, const struct mm_region *r)
{
    size_t i = mm_regions_find(mm, r->start);

    memmove(&mm->r[i + 1], &mm->r[i], (mm->n - i) * sizeof *mm->r);
    mm->r[i] = *r;
    mm->n++;
}

/* Private anonymous pages have no identity to keep contiguous; files and
 * shared memory objects must continue at the next offset. */
static bool mm_regions_mergeable(const struct mm_region *a,
                                 const struct mm_region *b)
{
    if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
        a->name != b->name || a->object != b->object || a->dev != b->dev ||
        a->inode != b->inode)
        return false;
    if ((a->flags & (MM_REGION_ANON | MM_REGION_SHARED)) == MM_REGION_ANON)
        return true;
    return b->offset == a->offset + (a->end - a->start);
}

void mm_regions_merge(struct mm *mm, gva start, gva end)
{
    size_t i = mm_regions_find(mm, start);

    if (i > 0)
        i--;
    while (i + 1 < mm->n && mm->r[i].start <= end) {
        if (mm_regions_mergeable(&mm->r[i], &mm->r[i + 1])) {
            mm->r[i].end = mm->r[i + 1].end;
            memmove(&mm->r[i + 1], &mm->r[i + 2],
                    (mm->n - i - 2) * sizeof *mm->r);
            mm->n--;
        } else {
            i++;
        }
    }
}

bool mm_regions_free(const struct mm *mm, gva start, gva end)
{
    size_t i = mm_regions_find(mm, start);

    return i == mm->n || mm->r[i].start >= end;
}

bool mm_regions_cover(const struct mm *mm, gva addr, gva end, int prot)
{
    size_t i = mm_regions_find(mm, addr);

    while (addr < end) {
        if (i == mm->n || mm->r[i].start > addr ||
            (mm->r[i].prot & prot) != prot)
            return false;
        addr = mm->r[i++].end;
    }
    return true;
}

/* Where the gap below a region ends: stacks keep a guard gap free. */
static gva mm_gap_end(const struct mm_region *r)
{
    if (!(r->flags & MM_REGION_GROWSDOWN))
        return r->start;
    return r->start > MM_STACK_GUARD_GAP ? r->start - MM_STACK_GUARD_GAP : 0;
}

/* The gap before region i (i == n: the one after the last region). */
static void mm_gap(const struct mm *mm, size_t i, gva *lo, gva *hi)
{
    *lo = i > 0 ? mm->r[i - 1].end : 0;
    *hi = i < mm->n ? mm_gap_end(&mm->r[i]) : MM_VA_LIMIT;
    if (*lo < mm->min_addr)
        *lo = mm->min_addr;
}

/* Linux's top-down allocator searches below mmap_base and, when that
 * fails, bottom-up from a third of the space. */
int64_t mm_regions_search(const struct mm *mm, uint64_t len)
{
    gva lo, hi, bottom = mm_page_up(MM_VA_LIMIT / 3);

    for (size_t i = mm->n + 1; i-- > 0;) {
        mm_gap(mm, i, &lo, &hi);
        if (hi > mm->mmap_base)
            hi = mm->mmap_base;
        if (hi > lo && hi - lo >= len)
            return (int64_t)(hi - len);
    }
    for (size_t i = 0; i <= mm->n; i++) {
        mm_gap(mm, i, &lo, &hi);
        if (lo < bottom)
            lo = bottom;
        if (hi > lo && hi - lo >= len)
            return (int64_t)lo;
    }
    return -ENOMEM;
}

bool mm_regions_hint_ok(const struct mm *mm, gva addr, uint64_t len)
{
    size_t i;

    if (len > MM_VA_LIMIT || addr > MM_VA_LIMIT - len || addr < mm->min_addr)
        return false;
    i = mm_regions_find(mm, addr);
    return i == mm->n || addr + len <= mm_gap_end(&mm->r[i]);
}

const char *mm_intern(struct mm *mm, const char *name, bool *failed)
{
    const char **names;
    char *copy;

    if (!name)
        return NULL;
    for (size_t i = 0; i < mm->n_names; i++)
        if (strcmp(mm->names[i], name) == 0)
            return mm->names[i];
    if (mm->n_names == mm->cap_names) {
        size_t cap = mm->cap_names ? mm->cap_names * 2 : 16;

        if (!(names = realloc(mm->names, cap * sizeof *names)))
            goto fail;
        mm->names = names;
        mm->cap_names = cap;
    }
    if (!(copy = strdup(name)))
        goto fail;
    mm->names[mm->n_names++] = copy;
    return copy;
fail:
    *failed = true;
    return NULL;
}
