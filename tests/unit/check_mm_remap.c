/* tests/unit/check_mm_remap.c: mremap of guest mappings: shrinking,
 * growing in place, moving (with the data), fixed targets, second views
 * of shared memory, and the errors Linux gives. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mm/mm.h"
#include "tests/unit/unit.h"

#define PG ((uint64_t)MM_PAGE_SIZE)
#define A ((gva)0x10000000)
#define B ((gva)0x20000000)
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

/* Fills [addr, addr + len) with a pattern that differs from page to page. */
static void fill(gva addr, uint64_t len, uint8_t seed)
{
    uint8_t *h = mm_g2h(mm, addr);

    for (uint64_t i = 0; i < len; i++)
        h[i] = (uint8_t)(seed + i / 512);
}

static void check_filled(gva addr, uint64_t len, uint8_t seed)
{
    const uint8_t *h = mm_g2h(mm, addr);

    for (uint64_t i = 0; i < len; i++)
        ck_assert_msg(h[i] == (uint8_t)(seed + i / 512), "byte %llu differs",
                      (unsigned long long)i);
}

static bool mapped(gva addr)
{
    struct mm_region r;

    return mm_query(mm, addr, &r);
}

START_TEST(test_grow_in_place_keeps_data_and_adds_zero_pages)
{
    const uint8_t *h = mm_g2h(mm, A);
    struct mm_region r;

    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    fill(A, 2 * PG, 1);
    ck_assert_int_eq(mm_mremap(mm, A, 2 * PG, 4 * PG, 0, 0), (int64_t)A);
    check_filled(A, 2 * PG, 1);
    ck_assert_uint_eq(h[3 * PG + 7], 0);
    ck_assert(mm_query(mm, A, &r));
    ck_assert_uint_eq(r.end, A + 4 * PG);
    fill(A, 4 * PG, 9);
    check_filled(A, 4 * PG, 9);
}
END_TEST

START_TEST(test_grow_in_place_works_for_merged_mappings)
{
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    fill(A, PG, 3);
    ck_assert_int_eq(map_fixed(A + PG, PG, RW), (int64_t)(A + PG));
    fill(A + PG, PG, 4);
    ck_assert_int_eq(mm_mremap(mm, A, 2 * PG, 3 * PG, 0, 0), (int64_t)A);
    check_filled(A, PG, 3);
    check_filled(A + PG, PG, 4);
    fill(A + 2 * PG, PG, 5);
    check_filled(A + 2 * PG, PG, 5);
}
END_TEST

START_TEST(test_blocked_growth_moves_with_maymove_only)
{
    int64_t n;

    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    ck_assert_int_eq(map_fixed(A + 2 * PG, PG, PROT_READ),
                     (int64_t)(A + 2 * PG));
    fill(A, 2 * PG, 7);
    ck_assert_int_eq(mm_mremap(mm, A, 2 * PG, 4 * PG, 0, 0), -ENOMEM);
    check_filled(A, 2 * PG, 7);
    n = mm_mremap(mm, A, 2 * PG, 4 * PG, MREMAP_MAYMOVE, 0);
    ck_assert_int_gt(n, 0);
    ck_assert_int_ne(n, (int64_t)A);
    check_filled((gva)n, 2 * PG, 7);
    ck_assert_uint_eq(((uint8_t *)mm_g2h(mm, (gva)n))[3 * PG], 0);
    ck_assert(!mapped(A));
    ck_assert(!mm_check_range(mm, A, 1, 0));
    ck_assert(mapped(A + 2 * PG));
}
END_TEST

START_TEST(test_move_of_separately_faulted_pages_keeps_all_data)
{
    int64_t n;

    /* two host mappings (MAP_NORESERVE keeps the host from merging
     * them) that the guest sees as one */
    ck_assert_int_eq(map_fixed(A, PG, RW), (int64_t)A);
    fill(A, PG, 11);
    ck_assert_int_eq(mm_mmap(mm, A + PG, PG, RW,
                             ANON | MAP_FIXED | MAP_NORESERVE, -1, 0, NULL),
                     (int64_t)(A + PG));
    fill(A + PG, PG, 12);
    ck_assert_int_eq(map_fixed(A + 2 * PG, PG, PROT_READ),
                     (int64_t)(A + 2 * PG));
    n = mm_mremap(mm, A, 2 * PG, 3 * PG, MREMAP_MAYMOVE, 0);
    ck_assert_int_gt(n, 0);
    check_filled((gva)n, PG, 11);
    check_filled((gva)n + PG, PG, 12);
    fill((gva)n + 2 * PG, PG, 13);
    check_filled((gva)n + 2 * PG, PG, 13);
    ck_assert(!mapped(A + PG));
}
END_TEST

START_TEST(test_shrink_unmaps_the_tail_wherever_it_is)
{
    ck_assert_int_eq(map_fixed(A, 4 * PG, RW), (int64_t)A);
    ck_assert_int_eq(mm_mremap(mm, A, 4 * PG, PG + 1, 0, 0), (int64_t)A);
    ck_assert(mapped(A + PG));
    ck_assert(!mapped(A + 2 * PG));
    ck_assert_int_eq(mm_mremap(mm, A, 2 * PG, 2 * PG, 0, 0), (int64_t)A);
    /* Linux does not look at the mapping when shrinking */
    ck_assert_int_eq(mm_mremap(mm, B, 2 * PG, PG, 0, 0), (int64_t)B);
    /* but the tail must be a valid range: no wrapping around onto A */
    ck_assert_int_eq(
        mm_mremap(mm, UINT64_MAX - PG + 1, A + 2 * PG, A + PG, 0, 0), -EINVAL);
    ck_assert(mapped(A));
}
END_TEST

START_TEST(test_fixed_target_replaces_what_is_there)
{
    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    fill(A, 2 * PG, 21);
    ck_assert_int_eq(map_fixed(B, 8 * PG, PROT_READ), (int64_t)B);
    ck_assert_int_eq(
        mm_mremap(mm, A, 2 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + PG),
        (int64_t)(B + PG));
    check_filled(B + PG, 2 * PG, 21);
    ck_assert(mm_check_range(mm, B + PG, 3 * PG, RW));
    ck_assert(mm_check_range(mm, B, PG, PROT_READ));
    ck_assert(!mm_check_range(mm, B, PG, PROT_WRITE));
    ck_assert(!mapped(A));
}
END_TEST

START_TEST(test_fixed_target_shrinks_first)
{
    ck_assert_int_eq(map_fixed(A, 4 * PG, RW), (int64_t)A);
    fill(A, 4 * PG, 31);
    ck_assert_int_eq(
        mm_mremap(mm, A, 4 * PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B),
        (int64_t)B);
    check_filled(B, PG, 31);
    ck_assert(!mapped(B + PG));
    ck_assert(!mapped(A));
    ck_assert(!mapped(A + 3 * PG));
}
END_TEST

START_TEST(test_mremap_errors_match_linux)
{
    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    ck_assert_int_eq(mm_mremap(mm, B, PG, 2 * PG, MREMAP_MAYMOVE, 0), -EFAULT);
    ck_assert_int_eq(mm_mremap(mm, A + PG, 2 * PG, 3 * PG, MREMAP_MAYMOVE, 0),
                     -EFAULT);
    ck_assert_int_eq(mm_mremap(mm, A + 1, PG, 2 * PG, MREMAP_MAYMOVE, 0),
                     -EINVAL);
    ck_assert_int_eq(mm_mremap(mm, A, PG, 0, MREMAP_MAYMOVE, 0), -EINVAL);
    ck_assert_int_eq(mm_mremap(mm, A, PG, 2 * PG, MREMAP_FIXED, B), -EINVAL);
    ck_assert_int_eq(mm_mremap(mm, A, PG, PG, 0x80, 0), -EINVAL);
    ck_assert_int_eq(mm_mremap(mm, A, 0, PG, MREMAP_MAYMOVE, 0), -EINVAL);
    ck_assert_int_eq(
        mm_mremap(mm, A, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, A + PG),
        -EINVAL);
    ck_assert_int_eq(mm_mremap(mm, A, PG, 2 * PG, MREMAP_DONTUNMAP, 0),
                     -EINVAL);
    ck_assert_int_eq(
        mm_mremap(mm, A, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B + 1),
        -EINVAL);
}
END_TEST

START_TEST(test_zero_old_len_gives_a_second_view_of_shared_memory)
{
    int64_t s = mm_mmap(mm, A, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0, NULL);
    int64_t v;
    struct mm_region r;

    ck_assert_int_eq(s, (int64_t)A);
    v = mm_mremap(mm, A, 0, PG, MREMAP_MAYMOVE, 0);
    ck_assert_int_gt(v, 0);
    ck_assert_int_ne(v, s);
    ((uint8_t *)mm_g2h(mm, (gva)v))[10] = 0x99;
    ck_assert_uint_eq(((uint8_t *)mm_g2h(mm, A))[10], 0x99);
    ck_assert(mm_query(mm, A, &r));
    ck_assert_str_eq(r.name, "/dev/zero (deleted)");
    ck_assert_uint_eq(r.flags & MM_REGION_SHARED, MM_REGION_SHARED);
}
END_TEST

START_TEST(test_dontunmap_leaves_fresh_pages_behind)
{
    int64_t n;

    ck_assert_int_eq(map_fixed(A, 2 * PG, RW), (int64_t)A);
    fill(A, 2 * PG, 41);
    n = mm_mremap(mm, A, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, B);
    ck_assert_int_eq(n, (int64_t)B);
    check_filled(B, 2 * PG, 41);
    ck_assert(mm_check_range(mm, A, 2 * PG, RW));
    ck_assert_uint_eq(((uint8_t *)mm_g2h(mm, A))[PG + 3], 0);
}
END_TEST

START_TEST(test_moved_file_mapping_keeps_its_offset)
{
    int fd = memfd_create("f", 0);
    uint8_t buf[4 * MM_PAGE_SIZE];
    struct mm_region r;
    int64_t n;

    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (uint8_t)(i / 100);
    ck_assert_int_eq(write(fd, buf, sizeof buf), (ssize_t)sizeof buf);
    ck_assert_int_eq(mm_mmap(mm, A, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_FIXED,
                             fd, PG, "/f"),
                     (int64_t)A);
    n = mm_mremap(mm, A + PG, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, B);
    ck_assert_int_eq(n, (int64_t)B);
    ck_assert(mm_query(mm, B, &r));
    ck_assert_uint_eq(r.offset, 2 * PG);
    ck_assert_str_eq(r.name, "/f");
    ck_assert_mem_eq(mm_g2h(mm, B), buf + 2 * PG, PG);
    ck_assert(mm_query(mm, A, &r));
    ck_assert_uint_eq(r.end, A + PG);
    close(fd);
}
END_TEST

static int hook_calls;
static gva hook_start;

static void exec_hook(void *opaque, gva start, gva end)
{
    (void)opaque;
    (void)end;
    hook_calls++;
    hook_start = start;
}

START_TEST(test_moving_code_tells_the_exec_hook)
{
    mm_set_exec_hook(mm, exec_hook, NULL);
    ck_assert_int_eq(map_fixed(A, 2 * PG, PROT_READ | PROT_EXEC), (int64_t)A);
    ck_assert_int_eq(
        mm_mremap(mm, A, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, B),
        (int64_t)B);
    ck_assert_int_eq(hook_calls, 1);
    ck_assert_uint_eq(hook_start, A);
}
END_TEST

static Suite *mm_remap_suite(void)
{
    Suite *s = suite_create("mm_remap");
    TCase *t = tcase_create("mm_remap");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_grow_in_place_keeps_data_and_adds_zero_pages);
    tcase_add_test(t, test_grow_in_place_works_for_merged_mappings);
    tcase_add_test(t, test_blocked_growth_moves_with_maymove_only);
    tcase_add_test(t, test_move_of_separately_faulted_pages_keeps_all_data);
    tcase_add_test(t, test_shrink_unmaps_the_tail_wherever_it_is);
    tcase_add_test(t, test_fixed_target_replaces_what_is_there);
    tcase_add_test(t, test_fixed_target_shrinks_first);
    tcase_add_test(t, test_mremap_errors_match_linux);
    tcase_add_test(t, test_zero_old_len_gives_a_second_view_of_shared_memory);
    tcase_add_test(t, test_dontunmap_leaves_fresh_pages_behind);
    tcase_add_test(t, test_moved_file_mapping_keeps_its_offset);
    tcase_add_test(t, test_moving_code_tells_the_exec_hook);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return unit_run(mm_remap_suite());
}
