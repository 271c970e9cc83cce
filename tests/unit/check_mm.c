/* tests/unit/check_mm.c: the guest address space: reservation, mmap with
 * and without hints, MAP_FIXED, munmap, mprotect, brk and range checks.
 * Every test reserves the space, so each runs in its own process. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mm/mm.h"
#include "tests/unit/unit.h"

#define PG ((uint64_t)MM_PAGE_SIZE)
#define A ((gva)0x10000000)
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static struct mm *mm;

static void setup(void)
{
    ck_assert_int_eq(mm_init(&mm, 0), 0);
}

static void teardown(void)
{
    mm_free(mm);
}

static int64_t map_fixed(gva addr, uint64_t len, int prot)
{
    return mm_mmap(mm, addr, len, prot, ANON | MAP_FIXED, -1, 0, NULL);
}

static struct mm_region region_at(gva addr)
{
    struct mm_region r;

    ck_assert_msg(mm_query(mm, addr, &r), "nothing mapped at %llx",
                  (unsigned long long)addr);
    return r;
}

/* Whether the host has a mapping in [lo, hi) outside [skip, skip_end). */
static bool host_has_mapping_in(uintptr_t lo, uintptr_t hi, uintptr_t skip,
                                uintptr_t skip_end)
{
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long s, e;
    char line[512];
    bool found = false;

    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%lx-%lx", &s, &e) == 2 && s < hi && e > lo &&
            !(s >= skip && e <= skip_end))
            found = true;
    fclose(f);
    return found;
}

/* Sanitizer builds keep their shadow memory there: then the space must
 * have moved. Either way the guard above it is reserved with it. */
START_TEST(test_space_is_identity_mapped_when_free)
{
    uintptr_t base = mm_guest_base(mm), end = MM_VA_LIMIT + MM_VA_GUARD;

    if (base != 0)
        ck_assert(host_has_mapping_in(mm_min_addr(mm), MM_VA_LIMIT, base,
                                      base + end));
    else
        ck_assert(!host_has_mapping_in(mm_min_addr(mm), end,
                                       mm_min_addr(mm), end));
    ck_assert(host_has_mapping_in(base + MM_VA_LIMIT, base + end, 0, 0));
    ck_assert_uint_ge(mm_min_addr(mm), PG);
    ck_assert_uint_eq(mm_min_addr(mm) % PG, 0);
    /* Linux's mmap_base: 128 MiB below the top for an 8 MiB stack */
    ck_assert_uint_eq(mm_mmap_base(mm), MM_VA_LIMIT - ((gva)128 << 20));
}
END_TEST

START_TEST(test_space_moves_when_the_host_holds_part_of_it)
{
    struct mm *second;
    uintptr_t base;
    int64_t a;

    /* mm (from setup) holds the identity range now */
    ck_assert_int_eq(mm_init(&second, 0), 0);
    base = mm_guest_base(second);
    ck_assert_uint_ne(base, 0);
    ck_assert_uint_ne(base, mm_guest_base(mm));
    a = mm_mmap(second, 0, PG, RW, ANON, -1, 0, NULL);
    ck_assert_int_gt(a, 0);
    ck_assert_ptr_eq(mm_g2h(second, (gva)a), (void *)(base + (uintptr_t)a));
    memset(mm_g2h(second, (gva)a), 0x5a, PG);
    ck_assert_uint_eq(*(uint8_t *)mm_g2h(second, (gva)a + 100), 0x5a);
    mm_free(second);
}
END_TEST

START_TEST(test_mmap_without_hint_goes_top_down_below_mmap_base)
{
    int64_t a = mm_mmap(mm, 0, 3 * PG, RW, ANON, -1, 0, NULL);
    int64_t b = mm_mmap(mm, 0, 5000, PROT_READ, ANON, -1, 0, NULL);

    ck_assert_int_eq(a, (int64_t)(mm_mmap_base(mm) - 3 * PG));
    /* 5000 bytes round up to two pages, right below the first */
    ck_assert_int_eq(b, a - (int64_t)(2 * PG));
    ck_assert_uint_eq(region_at((gva)b).end, (gva)a);
}
END_TEST

START_TEST(test_mmap_uses_a_free_hint_and_rounds_it_up)
{
    ck_assert_int_eq(mm_mmap(mm, A, PG, RW, ANON, -1, 0, NULL), (int64_t)A);
    ck_assert_int_eq(mm_mmap(mm, A + 2 * PG + 1, PG, RW, ANON, -1, 0, NULL),
                     (int64_t)(A + 3 * PG));
}
END_TEST

START_TEST(test_mmap_with_a_taken_hint_searches_elsewhere)
{
    int64_t b;

    ck_assert_int_eq(map_fixed(A, 4 * PG, RW), (int64_t)A);
    b = mm_mmap(mm, A + PG, 2 * PG, RW, ANON, -1, 0, NULL);
    ck_assert_int_eq(b, (int64_t)(mm_mmap_base(mm) - 2 * PG));
    /* the first mapping is untouched */
    ck_assert_uint_eq(region_at(A).end, A + 4 * PG);
}
END_TEST

START_TEST(test_map_fixed_replaces_the_middle_of_a_mapping)
{
    uint8_t *h = mm_g2h(mm, A);

    ck_assert_int_eq(map_fixed(A, 3 * PG, RW), (int64_t)A);
    memset(h, 0x11, 3 * PG);
    ck_assert_int_eq(map_fixed(A + PG, PG, PROT_READ), (int64_t)(A + PG));
    ck_assert_uint_eq(h[0], 0x11);
    ck_assert_uint_eq(h[PG], 0);
    ck_assert_uint_eq(h[2 * PG], 0x11);
    ck_assert_uint_eq(region_at(A).end, A + PG);
    ck_assert_int_eq(region_at(A + PG).prot, PROT_READ);
    ck_assert_uint_eq(region_at(A + PG).end, A + 2 * PG);
    ck_assert_uint_eq(region_at(A + 2 * PG).start, A + 2 * PG);
}
END_TEST

START_TEST(test_map_fixed_noreplace_refuses_any_overlap)
{
    int fl = ANON | MAP_FIXED_NOREPLACE;

    ck_assert_int_eq(map_fixed(A + PG, PG, RW), (int64_t)(A + PG));
    ck_assert_int_eq(mm_mmap(mm, A + PG, PG, RW, fl, -1, 0, NULL), -EEXIST);
    ck_assert_int_eq(mm_mmap(mm, A, 2 * PG, RW, fl, -1, 0, NULL), -EEXIST);
    ck_assert_int_eq(mm_mmap(mm, A, PG, RW, fl, -1, 0, NULL), (int64_t)A);
    ck_assert_int_eq(mm_mmap(mm, A + 2 * PG, PG, RW, fl, -1, 0, NULL),
                     (int64_t)(A + 2 * PG));
}
END_TEST

START_TEST(test_mmap_argument_errors_match_linux)
{
    ck_assert_int_eq(mm_mmap(mm, 0, 0, RW, ANON, -1, 0, NULL), -EINVAL);
    ck_assert_int_eq(mm_mmap(mm, 0, PG, RW, ANON, -1, 100, NULL), -EINVAL);
    ck_assert_int_eq(mm_mmap(mm, 0, PG, RW, MAP_ANONYMOUS, -1, 0, NULL),
                     -EINVAL);
    ck_assert_int_eq(mm_mmap(mm, A + 1, PG, RW, ANON | MAP_FIXED, -1, 0, NULL),
                     -EINVAL);
    ck_assert_int_eq(mm_mmap(mm, 0, UINT64_MAX - 10, RW, ANON, -1, 0, NULL),
                     -ENOMEM);
    ck_assert_int_eq(mm_mmap(mm, 0, PG, RW, MAP_PRIVATE, -1, 0, NULL), -EBADF);
    ck_assert_int_eq(mm_mmap(mm, 0, PG, RW,
                             MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0,
                             NULL),
                     -EINVAL);
    ck_assert_int_eq(map_fixed(0, PG, RW), -EPERM);
}
END_TEST

START_TEST(test_ranges_outside_the_guest_space_are_rejected)
{
    int64_t b;

    ck_assert_int_eq(map_fixed(MM_VA_LIMIT - PG, 2 * PG, RW), -ENOMEM);
    ck_assert_int_eq(map_fixed(MM_VA_LIMIT, PG, RW), -ENOMEM);
    ck_assert_int_eq(map_fixed((gva)1 << 47, PG, RW), -ENOMEM);
    ck_assert_int_eq(mm_mmap(mm, 0, MM_VA_LIMIT, RW, ANON, -1, 0, NULL),
                     -ENOMEM);
    ck_assert_int_eq(map_fixed(MM_VA_LIMIT - PG, PG, RW),
                     (int64_t)(MM_VA_LIMIT - PG));
    /* a hint beyond the space is only a hint */
    b = mm_mmap(mm, (gva)1 << 45, PG, RW, ANON, -1, 0, NULL);
    ck_assert_int_gt(b, 0);
    ck_assert_uint_lt((gva)b, MM_VA_LIMIT);
    ck_assert_int_eq(mm_munmap(mm, MM_VA_LIMIT + PG, PG), -EINVAL);
    ck_assert_int_eq(mm_munmap(mm, MM_VA_LIMIT - PG, 2 * PG), -EINVAL);
    ck_assert_int_eq(mm_mprotect(mm, MM_VA_LIMIT, PG, PROT_READ), -ENOMEM);
    ck_assert_int_eq(mm_mremap(mm, MM_VA_LIMIT - PG, PG, PG,
                               MREMAP_MAYMOVE | MREMAP_FIXED, MM_VA_LIMIT),
                     -EINVAL);
}
END_TEST

START_TEST(test_munmap_of_the_middle_splits_a_mapping)
{
    uint8_t *h = mm_g2h(mm, A);

    ck_assert_int_eq(map_fixed(A, 3 * PG, RW), (int64_t)A);
    memset(h, 0x22, 3 * PG);
    ck_assert_int_eq(mm_munmap(mm, A + PG, PG), 0);
    ck_assert_uint_eq(region_at(A).end, A + PG);
    ck_assert(!mm_query(mm, A + PG, &(struct mm_region){0}));
    ck_assert_uint_eq(region_at(A + 2 * PG).start, A + 2 * PG);
    ck_assert_uint_eq(h[2 * PG + 5], 0x22);
    /* unmapping nothing is fine; an unaligned start or no length is not */
    ck_assert_int_eq(mm_munmap(mm, A + PG, PG), 0);
    ck_assert_int_eq(mm_munmap(mm, A + 1, PG), -EINVAL);
    ck_assert_int_eq(mm_munmap(mm, A, 0), -EINVAL);
}
END_TEST

START_TEST(test_mprotect_splits_and_merges)
{
    ck_assert_int_eq(map_fixed(A, 3 * PG, RW), (int64_t)A);
    ck_assert_int_eq(mm_mprotect(mm, A + PG, PG, PROT_READ), 0);
    ck_assert_uint_eq(region_at(A).end, A + PG);
    ck_assert_int_eq(region_at(A + PG).prot, PROT_READ);
    ck_assert_uint_eq(region_at(A + PG).end, A + 2 * PG);
    ck_assert_int_eq(region_at(A + 2 * PG).prot, RW);
    ck_assert_int_eq(mm_mprotect(mm, A + PG, 1, RW), 0);
    ck_assert_uint_eq(region_at(A).start, A);
    ck_assert_uint_eq(region_at(A).end, A + 3 * PG);
}
END_TEST

START_TEST(test_mprotect_fails_on_holes_and_bad_arguments)
{
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + 2 * PG, PG, RW), (int64_t)(A + 2 * PG));
    /* Linux changes the part before the hole, then fails */
    ck_assert_int_eq(mm_mprotect(mm, A, 3 * PG, PROT_READ), -ENOMEM);
    ck_assert_int_eq(region_at(A).prot, PROT_READ);
    ck_assert_int_eq(region_at(A + 2 * PG).prot, RW);
    ck_assert_int_eq(mm_mprotect(mm, A + PG, PG, PROT_READ), -ENOMEM);
    ck_assert_int_eq(mm_mprotect(mm, A + 1, PG, PROT_READ), -EINVAL);
    ck_assert_int_eq(mm_mprotect(mm, A, PG, 0x100), -EINVAL);
    ck_assert_int_eq(mm_mprotect(mm, A + PG, 0, PROT_READ), 0);
}
END_TEST

START_TEST(test_check_range_wants_every_byte_mapped_with_prot)
{
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + PG, PG, PROT_READ | PROT_EXEC),
                     (int64_t)(A + PG));
    ck_assert(mm_check_range(mm, A, 2 * PG, PROT_READ));
    ck_assert(mm_check_range(mm, A + 10, PG, PROT_READ));
    ck_assert(!mm_check_range(mm, A, 2 * PG, PROT_WRITE));
    ck_assert(mm_check_range(mm, A, PG, RW));
    ck_assert(!mm_check_range(mm, A, PG, PROT_EXEC));
    ck_assert(!mm_check_range(mm, A + PG, PG + 1, PROT_READ));
    ck_assert(!mm_check_range(mm, A - 1, 2, PROT_READ));
    ck_assert(mm_check_range(mm, A + 5 * PG, 0, PROT_READ));
    ck_assert(!mm_check_range(mm, A, UINT64_MAX, PROT_READ));
    ck_assert(!mm_check_range(mm, MM_VA_LIMIT, 1, 0));
}
END_TEST

/* Pages of [addr, addr + n pages) the host has resident (mincore). */
static unsigned resident_pages(gva addr, unsigned n)
{
    unsigned char vec[64];
    unsigned count = 0;

    ck_assert_uint_le(n, sizeof vec);
    ck_assert_int_eq(mincore(mm_g2h(mm, addr), n * PG, vec), 0);
    for (unsigned i = 0; i < n; i++)
        count += vec[i] & 1;
    return count;
}

START_TEST(test_populate_maps_in_what_is_mapped_and_skips_the_rest)
{
    ck_assert_int_eq(map_fixed(A, 8 * PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + 8 * PG, 8 * PG, PROT_READ), (int64_t)(A + 8 * PG));
    ck_assert_uint_eq(resident_pages(A, 16), 0);
    mm_populate(mm, A + 100, 3 * PG, true); /* pages 0-3, as written */
    ck_assert_uint_eq(resident_pages(A, 8), 4);
    mm_populate(mm, A + 8 * PG, 8 * PG, false); /* read-only: as read */
    ck_assert_uint_eq(resident_pages(A + 8 * PG, 8), 8);
    /* Into a hole, or beyond the space: nothing happens, nothing fails. */
    mm_populate(mm, A + 16 * PG, 4 * PG, true);
    mm_populate(mm, MM_VA_LIMIT - PG, 4 * PG, true);
    ck_assert(!mm_check_range(mm, A + 16 * PG, PG, PROT_READ));
    /* Written pages read back as zeros: populating wrote nothing. */
    ck_assert_uint_eq(*(uint64_t *)mm_g2h(mm, A + 3 * PG), 0);
}
END_TEST

/* A heap grows to be used: its first 16 KiB come mapped in. */
START_TEST(test_brk_growth_maps_in_its_first_pages)
{
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    mm_set_brk_start(mm, A + PG);
    ck_assert_uint_eq(mm_brk(mm, A + 33 * PG), A + 33 * PG);
    ck_assert_uint_eq(resident_pages(A + PG, 4), 4);
    ck_assert_uint_eq(resident_pages(A + 5 * PG, 28), 0);
}
END_TEST

START_TEST(test_brk_grows_shrinks_and_fails_like_linux)
{
    gva start = A + 100;
    uint8_t *h;

    mm_set_brk_start(mm, start);
    ck_assert_uint_eq(mm_brk(mm, 0), A + PG);
    ck_assert_uint_eq(mm_brk(mm, A + PG + 10000), A + PG + 10000);
    h = mm_g2h(mm, A + PG);
    ck_assert_uint_eq(h[9999], 0);
    memset(h, 0x33, 10000);
    ck_assert_str_eq(region_at(A + PG).name, "[heap]");
    ck_assert_uint_eq(region_at(A + PG).end, A + 4 * PG);
    /* shrinking unmaps whole pages above the new break */
    ck_assert_uint_eq(mm_brk(mm, A + PG + 100), A + PG + 100);
    ck_assert_uint_eq(region_at(A + PG).end, A + 2 * PG);
    ck_assert(!mm_check_range(mm, A + 2 * PG, 1, PROT_READ));
    /* below the start: the break stays */
    ck_assert_uint_eq(mm_brk(mm, A), A + PG + 100);
    /* growing into a mapping (or within a page of one) fails */
    ck_assert_int_eq(map_fixed(A + 10 * PG, PG, RW), (int64_t)(A + 10 * PG));
    ck_assert_uint_eq(mm_brk(mm, A + 9 * PG + 1), A + PG + 100);
    ck_assert_uint_eq(mm_brk(mm, A + 9 * PG), A + 9 * PG);
    ck_assert_uint_eq(mm_brk(mm, MM_VA_LIMIT + PG), A + 9 * PG);
}
END_TEST

START_TEST(test_stack_sits_at_the_top_with_a_guard_gap)
{
    struct mm_region r;
    int64_t s = mm_map_stack(mm, RW);

    ck_assert_int_eq(s, (int64_t)(MM_VA_LIMIT - MM_DEFAULT_STACK_SIZE));
    r = region_at(MM_VA_LIMIT - 1);
    ck_assert_str_eq(r.name, "[stack]");
    ck_assert_uint_eq(r.flags & MM_REGION_STACK, MM_REGION_STACK);
    /* a hint inside the guard gap below the stack is not taken */
    ck_assert_int_ne(mm_mmap(mm, (gva)s - PG, PG, RW, ANON, -1, 0, NULL),
                     s - (int64_t)PG);
    ck_assert_int_eq(mm_mmap(mm, (gva)s - MM_STACK_GUARD_GAP - PG, PG, RW, ANON,
                             -1, 0, NULL),
                     s - (int64_t)(MM_STACK_GUARD_GAP + PG));
    ck_assert_int_eq(mm_map_stack(mm, RW), -EEXIST);
}
END_TEST

START_TEST(test_madvise_dontneed_zeroes_private_anonymous_pages)
{
    uint8_t *h = mm_g2h(mm, A);

    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    memset(h, 0x44, 2 * PG);
    ck_assert_int_eq(mm_madvise(mm, A, PG, MADV_DONTNEED), 0);
    ck_assert_uint_eq(h[0], 0);
    ck_assert_uint_eq(h[PG], 0x44);
    ck_assert_int_eq(mm_madvise(mm, A, PG, 7), -EINVAL);
    ck_assert_int_eq(mm_madvise(mm, A + 1, PG, MADV_NORMAL), -EINVAL);
    ck_assert_int_eq(mm_madvise(mm, A, 3 * PG, MADV_NORMAL), -ENOMEM);
    ck_assert_int_eq(mm_madvise(mm, A, 0, MADV_NORMAL), 0);
    ck_assert_int_eq(mm_madvise(mm, A, PG, MADV_HWPOISON), -EPERM);
}
END_TEST

START_TEST(test_msync_and_mlock_validate_like_linux)
{
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(mm_msync(mm, A, PG, MS_SYNC), 0);
    ck_assert_int_eq(mm_msync(mm, A, PG, MS_SYNC | MS_ASYNC), -EINVAL);
    ck_assert_int_eq(mm_msync(mm, A, PG, 0x40), -EINVAL);
    ck_assert_int_eq(mm_msync(mm, A + 1, PG, MS_SYNC), -EINVAL);
    ck_assert_int_eq(mm_msync(mm, A, 2 * PG, MS_ASYNC), -ENOMEM);
    ck_assert_int_eq(mm_mlock(mm, A + 10, 100, 0), 0);
    ck_assert_int_eq(mm_mlock(mm, A, 2 * PG, 0), -ENOMEM);
    ck_assert_int_eq(mm_mlock(mm, A, PG, 4), -EINVAL);
    ck_assert_int_eq(mm_munlock(mm, A + PG, PG), -ENOMEM);
    ck_assert_int_eq(mm_mlockall(mm, MCL_CURRENT), 0);
    ck_assert_int_eq(mm_mlockall(mm, 0), -EINVAL);
    ck_assert_int_eq(mm_mlockall(mm, MCL_ONFAULT), -EINVAL);
    ck_assert_int_eq(mm_munlockall(mm), 0);
}
END_TEST

START_TEST(test_file_mapping_shows_file_bytes_at_the_offset)
{
    int fd = memfd_create("f", 0);
    uint8_t buf[2 * MM_PAGE_SIZE];
    struct mm_region r;
    int64_t a;

    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i * 7);
    ck_assert_int_eq(write(fd, buf, sizeof buf), (ssize_t)sizeof buf);
    a = mm_mmap(mm, 0, PG, PROT_READ, MAP_PRIVATE, fd, PG, "/x/f");
    ck_assert_int_gt(a, 0);
    ck_assert_mem_eq(mm_g2h(mm, (gva)a), buf + PG, PG);
    r = region_at((gva)a);
    ck_assert_uint_eq(r.offset, PG);
    ck_assert_str_eq(r.name, "/x/f");
    ck_assert_uint_ne(r.inode, 0);
    ck_assert_uint_eq(r.flags & MM_REGION_ANON, 0);
    close(fd);
}
END_TEST

static gva hook_start[8], hook_end[8];
static int hook_calls;

static void exec_hook(void *opaque, gva start, gva end)
{
    ck_assert_ptr_eq(opaque, &hook_calls);
    hook_start[hook_calls] = start;
    hook_end[hook_calls++] = end;
}

START_TEST(test_exec_hook_hears_of_code_going_away)
{
    mm_set_exec_hook(mm, exec_hook, &hook_calls);
    ck_assert_int_eq(map_fixed(A, 4 * PG, PROT_READ | PROT_EXEC), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + 8 * PG, PG, RW), (int64_t)(A + 8 * PG));
    ck_assert_int_eq(mm_mprotect(mm, A + 8 * PG, PG, PROT_READ), 0);
    ck_assert_int_eq(mm_munmap(mm, A + 8 * PG, PG), 0);
    ck_assert_int_eq(hook_calls, 0);
    ck_assert_int_eq(mm_munmap(mm, A + 3 * PG, PG), 0);
    ck_assert_int_eq(hook_calls, 1);
    ck_assert_uint_eq(hook_start[0], A + 3 * PG);
    ck_assert_uint_eq(hook_end[0], A + 4 * PG);
    ck_assert_int_eq(mm_mprotect(mm, A, PG, RW), 0);
    ck_assert_int_eq(hook_calls, 2);
    ck_assert_uint_eq(hook_start[1], A);
    ck_assert_uint_eq(hook_end[1], A + PG);
    ck_assert_int_eq(map_fixed(A + PG, PG, RW), (int64_t)(A + PG));
    ck_assert_int_eq(hook_calls, 3);
    ck_assert_uint_eq(hook_start[2], A + PG);
}
END_TEST

START_TEST(test_fetch_code_stops_where_executable_memory_ends)
{
    uint8_t buf[64];

    ck_assert_int_eq(map_fixed(A, PG, PROT_READ | PROT_EXEC), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + PG, PG, RW), (int64_t)(A + PG));
    ck_assert_int_eq(mm_mprotect(mm, A, PG, RW), 0);
    memset(mm_g2h(mm, A + PG - 16), 0x13, 16);
    ck_assert_int_eq(mm_mprotect(mm, A, PG, PROT_EXEC), 0);
    ck_assert_uint_eq(mm_fetch_code(mm, A + PG - 16, buf, sizeof buf), 16);
    ck_assert_uint_eq(buf[15], 0x13);
    ck_assert_uint_eq(mm_fetch_code(mm, A + PG, buf, sizeof buf), 0);
    ck_assert_uint_eq(mm_fetch_code(mm, A + 4 * PG, buf, sizeof buf), 0);
}
END_TEST

START_TEST(test_maps_text_matches_linux_format)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);

    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + 2 * PG, PG, PROT_READ | PROT_EXEC),
                     (int64_t)(A + 2 * PG));
    mm_set_brk_start(mm, A + 16 * PG);
    ck_assert_uint_eq(mm_brk(mm, A + 17 * PG), A + 17 * PG);
    ck_assert_int_eq(mm_map_stack(mm, RW), (int64_t)0x3fff800000);
    ck_assert_int_eq(mm_maps_print(mm, f), 0);
    fclose(f);
    ck_assert_str_eq(text, "10000000-10002000 rw-p 00000000 00:00 0 \n"
                           "10002000-10003000 r-xp 00000000 00:00 0 \n"
                           "10010000-10011000 rw-p 00000000 00:00 0"
                           "                                  [heap]\n"
                           "3fff800000-4000000000 rw-p 00000000 00:00 0"
                           "                              [stack]\n");
    free(text);
}
END_TEST

START_TEST(test_full_mmap_area_falls_back_to_the_space_above)
{
    gva lo = mm_min_addr(mm), base = mm_mmap_base(mm);

    ck_assert_int_eq(mm_mmap(mm, lo, base - lo, PROT_NONE,
                             ANON | MAP_FIXED | MAP_NORESERVE, -1, 0, NULL),
                     (int64_t)lo);
    ck_assert_int_eq(mm_mmap(mm, 0, PG, RW, ANON, -1, 0, NULL), (int64_t)base);
}
END_TEST

START_TEST(test_host_refusal_leaves_the_old_mapping)
{
    int fd = memfd_create("ro", 0);
    int ro;
    char path[64];

    ck_assert_int_eq(ftruncate(fd, PG), 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ro = open(path, O_RDONLY);
    ck_assert_int_ge(ro, 0);
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    *(uint8_t *)mm_g2h(mm, A) = 0x66;
    /* a writable shared mapping of a read-only file: EACCES */
    ck_assert_int_eq(
        mm_mmap(mm, A, PG, RW, MAP_SHARED | MAP_FIXED, ro, 0, "/ro"), -EACCES);
    ck_assert_uint_eq(*(uint8_t *)mm_g2h(mm, A), 0x66);
    ck_assert(region_at(A).name == NULL);
    close(ro);
    close(fd);
}
END_TEST

/* Guest threads map and unmap at once; the list must stay consistent. */
static void *churn(void *arg)
{
    gva base = A + (gva)(uintptr_t)arg * 0x1000000;

    for (int i = 0; i < 300; i++) {
        int64_t a =
            mm_mmap(mm, 0, (uint64_t)(i % 5 + 1) * PG, RW, ANON, -1, 0, NULL);

        if (a < 0 || map_fixed(base + (gva)(i % 7) * PG, PG, PROT_READ) < 0 ||
            mm_munmap(mm, (gva)a, (uint64_t)(i % 5 + 1) * PG) < 0)
            return (void *)1;
    }
    return mm_munmap(mm, base, 7 * PG) < 0 ? (void *)1 : NULL;
}

START_TEST(test_concurrent_threads_keep_the_mappings_consistent)
{
    pthread_t th[4];
    void *ret;
    char *text = NULL;
    size_t size = 0;
    FILE *f;

    for (uintptr_t i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, churn, (void *)i), 0);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(th[i], &ret), 0);
        ck_assert_ptr_null(ret);
    }
    f = open_memstream(&text, &size);
    ck_assert_int_eq(mm_maps_print(mm, f), 0);
    fclose(f);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

START_TEST(test_maps_line_of_a_file_shows_offset_device_and_inode)
{
    int fd = memfd_create("f", 0);
    char *text = NULL, want[256];
    size_t size = 0;
    struct stat st;
    FILE *f;
    int n;

    ck_assert_int_eq(ftruncate(fd, 3 * PG), 0);
    ck_assert_int_eq(fstat(fd, &st), 0);
    ck_assert_int_eq(mm_mmap(mm, A, PG, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_FIXED, fd, 2 * PG, "/a file"),
                     (int64_t)A);
    f = open_memstream(&text, &size);
    ck_assert_int_eq(mm_maps_print(mm, f), 0);
    fclose(f);
    n = snprintf(
        want, sizeof want, "10000000-10001000 rw-s 00002000 %02x:%02x %llu ",
        major(st.st_dev), minor(st.st_dev), (unsigned long long)st.st_ino);
    snprintf(want + n, sizeof want - n, "%*s/a file\n", 73 - n, "");
    ck_assert_str_eq(text, want);
    free(text);
    close(fd);
}
END_TEST

START_TEST(test_space_is_identity_mapped_again_after_free)
{
    uintptr_t base = mm_guest_base(mm);

    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    mm_free(mm);
    ck_assert_int_eq(mm_init(&mm, 0), 0);
    ck_assert_uint_eq(mm_guest_base(mm), base);
    ck_assert(!mm_query(mm, A, &(struct mm_region){0}));
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
}
END_TEST

START_TEST(test_forked_child_can_use_the_space)
{
    int status;
    pid_t pid;

    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    *(uint8_t *)mm_g2h(mm, A) = 0x77;
    mm_fork_begin(mm);
    pid = fork();
    mm_fork_end(mm);
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        _exit(*(uint8_t *)mm_g2h(mm, A) == 0x77 &&
                      map_fixed(A + PG, PG, RW) == (int64_t)(A + PG)
                  ? 0
                  : 1);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    /* the child's mapping is its own */
    ck_assert(!mm_query(mm, A + PG, &(struct mm_region){0}));
}
END_TEST

START_TEST(test_mprotect_growsdown_reaches_down_to_the_stack_start)
{
    int64_t s = mm_map_stack(mm, RW);

    ck_assert_int_gt(s, 0);
    ck_assert_int_eq(
        mm_mprotect(mm, (gva)s + 4 * PG, PG, PROT_READ | PROT_GROWSDOWN), 0);
    ck_assert_int_eq(region_at((gva)s).prot, PROT_READ);
    ck_assert_uint_eq(region_at((gva)s).end, (gva)s + 5 * PG);
    ck_assert_int_eq(region_at((gva)s + 5 * PG).prot, RW);
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(mm_mprotect(mm, A, PG, PROT_READ | PROT_GROWSDOWN),
                     -EINVAL);
    ck_assert_int_eq(mm_mprotect(mm, A, PG, PROT_GROWSDOWN | PROT_GROWSUP),
                     -EINVAL);
}
END_TEST

START_TEST(test_shared_validate_refuses_unknown_flags)
{
    int fd = memfd_create("v", 0);

    ck_assert_int_eq(ftruncate(fd, PG), 0);
    ck_assert_int_eq(
        mm_mmap(mm, 0, PG, RW, MAP_SHARED_VALIDATE | 0x200000, fd, 0, NULL),
        -EOPNOTSUPP);
    /* plain MAP_SHARED ignores the same bit */
    ck_assert_int_gt(mm_mmap(mm, 0, PG, RW, MAP_SHARED | 0x200000, fd, 0, NULL),
                     0);
    ck_assert_int_gt(mm_mmap(mm, 0, PG, RW, MAP_SHARED_VALIDATE, fd, 0, NULL),
                     0);
    close(fd);
}
END_TEST

START_TEST(test_read_and_write_copy_only_over_mapped_memory)
{
    char buf[8] = "abcdefg";

    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + PG, PG, PROT_READ), (int64_t)(A + PG));
    ck_assert_int_eq(mm_write(mm, A + PG - 4, buf, 4), 0);
    ck_assert_mem_eq(mm_g2h(mm, A + PG - 4), "abcd", 4);
    /* the second page is read-only: nothing is written */
    ck_assert_int_eq(mm_write(mm, A + PG - 4, "wxyz1", 5), -EFAULT);
    ck_assert_mem_eq(mm_g2h(mm, A + PG - 4), "abcd", 4);
    ck_assert_int_eq(mm_read(mm, A + PG - 4, buf, 8), 0);
    ck_assert_mem_eq(buf, "abcd\0\0\0\0", 8);
    ck_assert_int_eq(mm_read(mm, A + 2 * PG - 4, buf, 8), -EFAULT);
    ck_assert_int_eq(mm_read(mm, UINT64_MAX - 2, buf, 8), -EFAULT);
    ck_assert_int_eq(mm_read(mm, 0, buf, 0), 0);
}
END_TEST

START_TEST(test_read_str_stops_at_the_nul_across_mappings)
{
    char buf[16];

    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + PG, PG, RW), (int64_t)(A + PG));
    ck_assert_int_eq(mm_mprotect(mm, A + PG, PG, PROT_READ | PROT_EXEC), 0);
    memcpy(mm_g2h(mm, A + PG - 3), "abc", 3);
    /* the string crosses into the next mapping; its NUL is there */
    ck_assert_int_eq(mm_read_str(mm, A + PG - 3, buf, sizeof buf), 3);
    ck_assert_str_eq(buf, "abc");
    ck_assert_int_eq(mm_read_str(mm, A + PG - 3, buf, 4), 3);
    ck_assert_int_eq(mm_read_str(mm, A + PG - 3, buf, 3), -ENAMETOOLONG);
    memset(mm_g2h(mm, A), 'x', PG);
    ck_assert_int_eq(mm_mprotect(mm, A + PG, PG, PROT_EXEC), 0);
    ck_assert_int_eq(mm_read_str(mm, A + PG - 3, buf, sizeof buf), -EFAULT);
    ck_assert_int_eq(mm_read_str(mm, A + 4 * PG, buf, sizeof buf), -EFAULT);
}
END_TEST

/* 63 regions with room for 64 in the list, then an unmap that splits
 * both ends: the list must grow before the second split. */
START_TEST(test_unmap_splitting_both_ends_keeps_the_list_whole)
{
    struct mm_region r;

    /* 60 regions that cannot merge, a 61st split in three by mprotect */
    for (int i = 0; i < 60; i++)
        ck_assert_int_eq(
            map_fixed(A + (gva)i * 2 * PG, 2 * PG, i % 2 ? PROT_READ : RW),
            (int64_t)(A + (gva)i * 2 * PG));
    ck_assert_int_eq(map_fixed(A + 120 * PG, 6 * PG, RW),
                     (int64_t)(A + 120 * PG));
    ck_assert_int_eq(mm_mprotect(mm, A + 122 * PG, 2 * PG, PROT_READ), 0);
    ck_assert_int_eq(mm_munmap(mm, A + PG, 124 * PG), 0);
    ck_assert(mm_query(mm, A, &r));
    ck_assert_uint_eq(r.end, A + PG);
    ck_assert(mm_query(mm, A + 125 * PG, &r));
    ck_assert_uint_eq(r.start, A + 125 * PG);
    ck_assert_uint_eq(r.end, A + 126 * PG);
    ck_assert_int_eq(r.prot, RW);
    ck_assert(!mm_check_range(mm, A + PG, 1, 0));
    ck_assert(!mm_check_range(mm, A + 124 * PG, 1, 0));
}
END_TEST

static Suite *mm_suite(void)
{
    Suite *s = suite_create("mm");
    TCase *t = tcase_create("mm");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_space_is_identity_mapped_when_free);
    tcase_add_test(t, test_space_moves_when_the_host_holds_part_of_it);
    tcase_add_test(t, test_space_is_identity_mapped_again_after_free);
    tcase_add_test(t, test_forked_child_can_use_the_space);
    tcase_add_test(t, test_mmap_without_hint_goes_top_down_below_mmap_base);
    tcase_add_test(t, test_mmap_uses_a_free_hint_and_rounds_it_up);
    tcase_add_test(t, test_mmap_with_a_taken_hint_searches_elsewhere);
    tcase_add_test(t, test_map_fixed_replaces_the_middle_of_a_mapping);
    tcase_add_test(t, test_map_fixed_noreplace_refuses_any_overlap);
    tcase_add_test(t, test_mmap_argument_errors_match_linux);
    tcase_add_test(t, test_ranges_outside_the_guest_space_are_rejected);
    tcase_add_test(t, test_munmap_of_the_middle_splits_a_mapping);
    tcase_add_test(t, test_unmap_splitting_both_ends_keeps_the_list_whole);
    tcase_add_test(t, test_mprotect_splits_and_merges);
    tcase_add_test(t, test_mprotect_fails_on_holes_and_bad_arguments);
    tcase_add_test(t, test_mprotect_growsdown_reaches_down_to_the_stack_start);
    tcase_add_test(t, test_shared_validate_refuses_unknown_flags);
    tcase_add_test(t, test_check_range_wants_every_byte_mapped_with_prot);
    tcase_add_test(t, test_read_and_write_copy_only_over_mapped_memory);
    tcase_add_test(t, test_read_str_stops_at_the_nul_across_mappings);
    tcase_add_test(t, test_brk_grows_shrinks_and_fails_like_linux);
    tcase_add_test(t, test_populate_maps_in_what_is_mapped_and_skips_the_rest);
    tcase_add_test(t, test_brk_growth_maps_in_its_first_pages);
    tcase_add_test(t, test_stack_sits_at_the_top_with_a_guard_gap);
    tcase_add_test(t, test_madvise_dontneed_zeroes_private_anonymous_pages);
    tcase_add_test(t, test_msync_and_mlock_validate_like_linux);
    tcase_add_test(t, test_file_mapping_shows_file_bytes_at_the_offset);
    tcase_add_test(t, test_exec_hook_hears_of_code_going_away);
    tcase_add_test(t, test_fetch_code_stops_where_executable_memory_ends);
    tcase_add_test(t, test_maps_text_matches_linux_format);
    tcase_add_test(t, test_maps_line_of_a_file_shows_offset_device_and_inode);
    tcase_add_test(t, test_full_mmap_area_falls_back_to_the_space_above);
    tcase_add_test(t, test_host_refusal_leaves_the_old_mapping);
    tcase_add_test(t, test_concurrent_threads_keep_the_mappings_consistent);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return unit_run(mm_suite());
}
