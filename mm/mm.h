/* mm: the guest's address space in user mode: one reserved host region,
 * the guest's mappings in it, and the Linux memory syscalls' semantics. */
#ifndef FERRY_MM_H
#define FERRY_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "translator/ir.h"

/* The guest sees [0, 2^MM_VA_BITS): Linux on RISC-V Sv39 and arm64 with
 * 39-bit VAs give user space 256 GiB as well. */
#define MM_VA_BITS 38
#define MM_VA_LIMIT ((gva)1 << MM_VA_BITS)
/* Host address space just above the guest's, reserved with it and never
 * mapped: JIT code may skip the bounds check of an access near one that
 * passed it (translator_set_guest_limit's guard). */
#define MM_VA_GUARD ((gva)64 << 10)
#define MM_PAGE_SIZE 4096u
/* The default stack size (RLIMIT_STACK's usual 8 MiB). */
#define MM_DEFAULT_STACK_SIZE ((size_t)8 << 20)
/* Linux's stack_guard_gap: 256 pages kept free below the stack. */
#define MM_STACK_GUARD_GAP ((gva)256 * MM_PAGE_SIZE)
/* Linux's default vm.max_map_count: more mappings fail with ENOMEM. */
#define MM_MAX_REGIONS 65530u

/* region flags */
#define MM_REGION_SHARED 0x1u /* MAP_SHARED */
#define MM_REGION_ANON 0x2u   /* no file behind it */
#define MM_REGION_STACK 0x4u  /* the main thread's stack */
#define MM_REGION_HEAP 0x8u   /* the brk area */
#define MM_REGION_GROWSDOWN 0x10u

/* One guest mapping as /proc/self/maps shows it. */
struct mm_region {
    gva start, end;  /* [start, end), page-aligned */
    int prot;        /* PROT_READ | PROT_WRITE | PROT_EXEC as the guest set */
    unsigned flags;  /* MM_REGION_* */
    uint64_t offset; /* file offset of start (files only) */
    uint64_t dev;    /* st_dev of the file, 0 for anonymous */
    uint64_t inode;
    const char *name; /* path, "[heap]", "[stack]", ... or NULL; lives as
                         long as the mm */
    uint64_t object;  /* what the pages belong to: equal objects with
                         contiguous offsets may merge */
};

struct mm;

/* Called (with the mm's lock held: it must not call back into mm, except
 * mm_g2h / mm_guest_base) when guest code in [start, end) may have gone:
 * unmapped, replaced, moved, or no longer executable. */
typedef void mm_exec_hook_fn(void *opaque, gva start, gva end);

/* Reserves the guest address space: identity-mapped (guest_base 0) when
 * [mmap_min_addr, 2^38) is free in the host, else 2^38 bytes anywhere.
 * stack_size (0: MM_DEFAULT_STACK_SIZE) is the main stack's size; the
 * mmap base is placed below it as Linux does. Returns 0 or -errno. */
int mm_init(struct mm **out, size_t stack_size);
/* Gives the whole region back to the host. */
void mm_free(struct mm *mm);

/* Host address of guest address 0. */
uintptr_t mm_guest_base(const struct mm *mm);
/* Host pointer for a guest address: guest_base + addr (no checks: see
 * mm_check_range). */
void *mm_g2h(const struct mm *mm, gva addr);
/* The lowest guest address mmap may use (the host's mmap_min_addr). */
gva mm_min_addr(const struct mm *mm);
/* Where top-down searches for free space start. */
gva mm_mmap_base(const struct mm *mm);

void mm_set_exec_hook(struct mm *mm, mm_exec_hook_fn *fn, void *opaque);

/* Around a host fork(): mm_fork_begin() takes the lock so the child never
 * inherits it held by another thread; both parent and child then call
 * mm_fork_end(). */
void mm_fork_begin(struct mm *mm);
void mm_fork_end(struct mm *mm);

/* The memory syscalls, with the guest's Linux semantics. prot, flags and
 * advice values are the generic Linux ones (equal to x86-64's, the
 * host's). Each returns a guest address / 0, or a negative Linux errno.
 * mmap: host_fd is used only without MAP_ANONYMOUS; name is the path
 * /proc/self/maps shows for a file mapping (NULL for none). */
int64_t mm_mmap(struct mm *mm, gva addr, uint64_t len, int prot, int flags,
                int host_fd, uint64_t offset, const char *name);
int mm_munmap(struct mm *mm, gva addr, uint64_t len);
int mm_mprotect(struct mm *mm, gva addr, uint64_t len, int prot);
int64_t mm_mremap(struct mm *mm, gva old_addr, uint64_t old_len,
                  uint64_t new_len, int flags, gva new_addr);
int mm_madvise(struct mm *mm, gva addr, uint64_t len, int advice);
int mm_msync(struct mm *mm, gva addr, uint64_t len, int flags);
int mm_mlock(struct mm *mm, gva addr, uint64_t len, unsigned flags);
int mm_munlock(struct mm *mm, gva addr, uint64_t len);
int mm_mlockall(struct mm *mm, int flags);
int mm_munlockall(struct mm *mm);

/* Maps in now the pages of [addr, addr + len) the guest is about to use
 * (write: as written; for private mappings, as a shared file's pages
 * would be dirtied), where touching them one by one would fault each: in
 * a virtual machine a fault costs 10-25 us, populating a page 0.15-5 us.
 * Best effort: a range that is not all mapped so, or a kernel before
 * 5.14, just faults later. */
void mm_populate(struct mm *mm, gva addr, uint64_t len, bool write);

/* brk(2): the new break, or the current one when it cannot move. */
gva mm_brk(struct mm *mm, gva brk);
/* Sets where the heap starts (page-aligned up); the loader calls it. */
void mm_set_brk_start(struct mm *mm, gva start);
gva mm_brk_start(const struct mm *mm);

/* Maps the main stack: stack_size bytes ending at MM_VA_LIMIT, recorded
 * as "[stack]". Returns its lowest address or -errno. */
int64_t mm_map_stack(struct mm *mm, int prot);
size_t mm_stack_size(const struct mm *mm);

/* Whether all of [addr, addr + len) is mapped with at least prot (len 0:
 * true). For EFAULT checks of syscall arguments. */
bool mm_check_range(struct mm *mm, gva addr, uint64_t len, int prot);
/* Copies between guest memory and buf: 0, or -EFAULT (and nothing
 * copied) unless all of the range is mapped readable (mm_read) or writable
 * (mm_write). The lock is held during the copy, so no other guest thread
 * can unmap the memory under it. */
int mm_read(struct mm *mm, gva addr, void *buf, size_t len);
int mm_write(struct mm *mm, gva addr, const void *buf, size_t len);
/* Copies the NUL-terminated string at addr into buf (size bytes, NUL
 * included): its length, -EFAULT if it runs into unreadable memory, or
 * -ENAMETOOLONG if it does not fit. */
int64_t mm_read_str(struct mm *mm, gva addr, char *buf, size_t size);
/* The mapping containing addr, copied into *out; false if none. */
bool mm_query(struct mm *mm, gva addr, struct mm_region *out);
/* Copies up to len bytes of executable guest memory at pc into buf and
 * returns how many: the shape of frontend_fetch.read. */
size_t mm_fetch_code(void *mm, gva pc, void *buf, size_t len);

/* Writes the guest's /proc/self/maps. Returns 0 or -EIO. */
int mm_maps_print(struct mm *mm, FILE *out);


/* --- self-modifying code (mm/mm_protect_code.c) ------------------------- */

/* Write-protects the host page of guest page `page` if the guest may
 * write it (it holds translated code now): the shape of the translator's
 * translator_protect_fn, opaque being the mm. Never waits for the mm lock
 * (the translator calls it with its own lock held): false when busy. */
bool mm_code_protect(void *opaque, gva page);
/* Undoes it for the page holding host address host_addr after a write
 * fault there (*page: that guest page): true if the page was
 * write-protected for code and the guest may write it, so the write can
 * be retried. in_guest: the fault came from guest code (takes the lock);
 * false: from ferry's own copy into guest memory (mm_write, lock held). */
bool mm_code_unprotect(void *opaque, uintptr_t host_addr, bool in_guest,
                       gva *page);
/* Before the host kernel writes into guest [addr, addr + len) (read(2)
 * into a guest buffer and the like): lifts the code write-protection
 * there, telling the exec hook, so the kernel does not fail with EFAULT.
 * Returns 0 or -EFAULT (range outside the guest space). */
int mm_code_unprotect_range(struct mm *mm, gva addr, uint64_t len);

#endif
