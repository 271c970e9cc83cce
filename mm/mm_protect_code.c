/* mm/mm_protect_code.c: write-protection of guest pages that hold
 * translated code, so a guest write to one faults and the translator can
 * drop the stale translations (self-modifying code). One byte per guest
 * page records the protection, so the fault handler can undo it without
 * the mm lock. */
#include <errno.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "mm/mm_internal.h"

#define MM_CODE_PROTECTED 0x80u /* the page's byte: set while protected */
#define MM_CODE_PAGES ((size_t)(MM_VA_LIMIT / MM_PAGE_SIZE))
#define MM_CODE_CHUNK 4096u /* guest pages whose bytes share a table page */
#define MM_CODE_CHUNKS (MM_CODE_PAGES / MM_CODE_CHUNK)

/* One table per process (there is one guest address space); its pages
 * are touched only where code is, so it costs little real memory. */
static _Atomic(_Atomic uint8_t *) mm_code_table;
/* A bit per table page, set before any byte on it: a syscall buffer far
 * from code (the stack, the heap) is checked without reading a page of
 * the table that was never written, which would cost a page fault. */
static _Atomic uint64_t mm_code_chunks[MM_CODE_CHUNKS / 64];

static void mm_code_chunk_mark(gva page)
{
    size_t c = page / MM_PAGE_SIZE / MM_CODE_CHUNK;

    atomic_fetch_or(&mm_code_chunks[c / 64], (uint64_t)1 << (c % 64));
}

static bool mm_code_chunk_marked(gva page)
{
    size_t c = page / MM_PAGE_SIZE / MM_CODE_CHUNK;

    return atomic_load_explicit(&mm_code_chunks[c / 64],
                                memory_order_relaxed) &
           ((uint64_t)1 << (c % 64));
}

static _Atomic uint8_t *mm_code_bytes(void)
{
    _Atomic uint8_t *t = atomic_load(&mm_code_table), *none = NULL;
    void *p;

    if (t)
        return t;
    p = mmap(NULL, MM_CODE_PAGES, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (!atomic_compare_exchange_strong(&mm_code_table, &none, p)) {
        munmap(p, MM_CODE_PAGES);
        return none;
    }
    return p;
}

bool mm_code_protect(void *opaque, gva page)
{
    struct mm *mm = opaque;
    _Atomic uint8_t *bytes;
    bool done = false;
    size_t i;

    page &= ~MM_PAGE_MASK;
    if (page >= MM_VA_LIMIT || pthread_mutex_trylock(&mm->lock))
        return false;
    i = mm_regions_find(mm, page);
    /* The table is made for the first writable code page: a program
     * whose code is all read-only (most) never maps it. */
    if (i < mm->n && mm->r[i].start <= page &&
        (mm->r[i].prot & PROT_WRITE) && (bytes = mm_code_bytes()) &&
        mprotect(mm_host(mm, page), MM_PAGE_SIZE,
                 mm_host_prot(mm->r[i].prot & ~PROT_WRITE)) == 0) {
        mm_code_chunk_mark(page);
        atomic_store(&bytes[page / MM_PAGE_SIZE], MM_CODE_PROTECTED);
        done = true;
    }
    pthread_mutex_unlock(&mm->lock);
    return done;
}

/* Gives the page its guest protection back (lock held, or the caller
 * knows the guest may write it). */
static bool mm_code_release(struct mm *mm, gva page, int prot)
{
    _Atomic uint8_t *bytes = atomic_load(&mm_code_table);

    if (!bytes || page >= MM_VA_LIMIT ||
        !atomic_exchange(&bytes[page / MM_PAGE_SIZE], 0))
        return false;
    return mprotect(mm_host(mm, page), MM_PAGE_SIZE, mm_host_prot(prot)) == 0;
}

bool mm_code_unprotect(void *opaque, uintptr_t host_addr, bool in_guest,
                       gva *page)
{
    struct mm *mm = opaque;
    gva p = (gva)(host_addr - mm->guest_base) & ~MM_PAGE_MASK;
    size_t i;
    bool ok;

    *page = p;
    if (host_addr - mm->guest_base >= MM_VA_LIMIT)
        return false;
    /* ferry's own copies into guest memory (mm_write) hold the lock and
     * checked that the guest may write there. */
    if (!in_guest)
        return mm_code_release(mm, p, PROT_READ | PROT_WRITE);
    pthread_mutex_lock(&mm->lock);
    i = mm_regions_find(mm, p);
    ok = i < mm->n && mm->r[i].start <= p && (mm->r[i].prot & PROT_WRITE) &&
         mm_code_release(mm, p, mm->r[i].prot);
    pthread_mutex_unlock(&mm->lock);
    return ok;
}

static bool mm_code_range_marked(_Atomic uint8_t *bytes, gva addr, gva end)
{
    const gva chunk = (gva)MM_CODE_CHUNK * MM_PAGE_SIZE;

    for (gva p = addr & ~MM_PAGE_MASK; p < end; p += MM_PAGE_SIZE) {
        if (!mm_code_chunk_marked(p)) {
            p = (p | (chunk - 1)) + 1 - MM_PAGE_SIZE; /* its last page */
            continue;
        }
        if (atomic_load_explicit(&bytes[p / MM_PAGE_SIZE],
                                 memory_order_relaxed))
            return true;
    }
    return false;
}

int mm_code_unprotect_range(struct mm *mm, gva addr, uint64_t len)
{
    _Atomic uint8_t *bytes = atomic_load(&mm_code_table);
    gva end = addr + len;

    if (!bytes || len == 0)
        return 0;
    if (end < addr || end > MM_VA_LIMIT)
        return -EFAULT;
    /* Most buffers hold no code: look before taking the lock. */
    if (!mm_code_range_marked(bytes, addr, end))
        return 0;
    pthread_mutex_lock(&mm->lock);
    for (gva p = addr & ~MM_PAGE_MASK; p < end; p += MM_PAGE_SIZE) {
        size_t i = mm_regions_find(mm, p);

        if (mm_code_chunk_marked(p) && atomic_load(&bytes[p / MM_PAGE_SIZE]) &&
            i < mm->n &&
            mm->r[i].start <= p && mm_code_release(mm, p, mm->r[i].prot) &&
            mm->hook)
            mm->hook(mm->hook_opaque, p, p + MM_PAGE_SIZE);
    }
    pthread_mutex_unlock(&mm->lock);
    return 0;
}
