/* mm/mm_internal.h: the mm structure and the helpers shared by mm's files
 * (region list, host calls). Not for use outside mm/. */
#ifndef FERRY_MM_INTERNAL_H
#define FERRY_MM_INTERNAL_H

#include <pthread.h>

#include "mm/mm.h"

struct mm {
    pthread_mutex_t lock;
    uintptr_t guest_base; /* host address of guest 0 */
    uintptr_t host_lo;    /* the reserved host block [host_lo, host_hi) */
    uintptr_t host_hi;
    gva min_addr;  /* lowest mappable guest address */
    gva mmap_base; /* top-down searches start here */
    size_t stack_size;
    gva brk_start, brk;  /* the heap is [brk_start, PAGE_ALIGN(brk)) */
    struct mm_region *r; /* sorted, non-overlapping */
    size_t n, cap;
    const char **names; /* interned region names */
    size_t n_names, cap_names;
    uint64_t next_object;
    mm_exec_hook_fn *hook;
    void *hook_opaque;
    size_t fetch_hint; /* region of the last code fetch (mm_fetch_code) */
};

#define MM_PAGE_MASK ((gva)MM_PAGE_SIZE - 1)

static inline gva mm_page_up(gva a)
{
    return (a + MM_PAGE_MASK) & ~MM_PAGE_MASK;
}

static inline void *mm_host(const struct mm *mm, gva a)
{
    return (void *)(mm->guest_base + (uintptr_t)a);
}

/* --- the region list (mm/mm_regions.c) ---------------------------------- */

/* Index of the first region ending above addr (n if none). */
size_t mm_regions_find(const struct mm *mm, gva addr);
/* Makes room for extra more regions: 0, or -ENOMEM past the map limit. */
int mm_regions_reserve(struct mm *mm, size_t extra);
/* Splits the region strictly containing at, if any (room reserved). */
void mm_regions_split(struct mm *mm, gva at);
/* Forgets [start, end) (boundaries already split), telling the exec hook
 * about executable parts. */
void mm_regions_remove(struct mm *mm, gva start, gva end);
/* Inserts a region over a free range (room reserved). */
void mm_regions_insert(struct mm *mm, const struct mm_region *r);
/* Merges compatible neighbours among the regions touching [start, end]. */
void mm_regions_merge(struct mm *mm, gva start, gva end);
/* Whether regions with at least prot cover [addr, end) without a gap. */
bool mm_regions_cover(const struct mm *mm, gva addr, gva end, int prot);
/* Whether no region meets [start, end). */
bool mm_regions_free(const struct mm *mm, gva start, gva end);
/* The start of a free range of len bytes as mmap without a usable hint
 * picks it, or -ENOMEM. */
int64_t mm_regions_search(const struct mm *mm, uint64_t len);
/* Whether [addr, addr + len) may be used for a hint: free, inside the
 * space and clear of the stack guard gap. */
bool mm_regions_hint_ok(const struct mm *mm, gva addr, uint64_t len);
/* The interned copy of name (NULL stays NULL); NULL on allocation
 * failure sets *failed. */
const char *mm_intern(struct mm *mm, const char *name, bool *failed);

/* --- host calls (mm/mm.c) ----------------------------------------------- */

/* Puts a PROT_NONE reservation back over guest [start, end). */
int mm_host_reserve(struct mm *mm, gva start, gva end);
/* Host protection for a guest one: guest-executable pages must be
 * readable by the translator; nothing runs natively. */
int mm_host_prot(int prot);
/* Unmaps guest [start, end) (page-aligned, inside the space): host
 * reservation and region list. Lock held. */
int mm_unmap_locked(struct mm *mm, gva start, gva end);

#endif
