/* tests/unit/check_cache_views.c: W^X in both memory modes: the rx view
 * of two-view memory is never writable, and single-view memory (forced
 * here by making memfd_create fail under seccomp) is writable only while
 * code is being written or patched. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#include "tests/unit/check_cache.h"

/* The permissions field of the /proc/self/maps line starting at addr. */
static void maps_perms(const void *addr, char perms[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long lo;

    ck_assert_ptr_nonnull(f);
    perms[0] = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%*x %4s", &lo, perms) == 2 &&
            lo == (unsigned long)addr)
            break;
        perms[0] = 0;
    }
    fclose(f);
    ck_assert_msg(perms[0], "no mapping at %p", addr);
}

static void assert_perms(const void *addr, const char *want)
{
    char perms[5];

    maps_perms(addr, perms);
    ck_assert_msg(strncmp(perms, want, 3) == 0, "%p is %s, not %s", addr, perms,
                  want);
}

START_TEST(test_rx_view_is_never_writable)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    const struct exec_mem *m = cache_exec_mem(c);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    struct cache_code code;

    ck_assert(m->dual);
    ck_assert_ptr_ne(m->rw, m->rx);
    ck_assert(tb_link(c, a, 0, b));
    assert_perms(m->rx, "r-x");
    assert_perms(m->rw, "rw-");
    ck_assert_int_eq(cache_code_reserve(c, 64, &code), CACHE_OK);
    assert_perms(m->rx, "r-x"); /* even while writing */
    cache_code_commit(c, &code, 0);
    cache_free(c);
}
END_TEST

/* From here on memfd_create fails with ENOSYS in this (forked) process,
 * as on kernels or sandboxes without it. */
static void no_memfd(void)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_memfd_create, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof f / sizeof f[0], f};

    ck_assert_int_eq(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), 0);
    ck_assert_int_eq(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog), 0);
}

START_TEST(test_single_view_is_writable_only_while_writing)
{
    struct code_cache *c;
    const struct exec_mem *m;
    struct cache_code x, y;
    struct tb *a, *b;

    no_memfd();
    c = cc_new(CACHE_MIN_SIZE);
    m = cache_exec_mem(c);
    ck_assert(!m->dual);
    ck_assert_ptr_eq(m->rw, m->rx);
    ck_assert_int_eq(cache_code_reserve(c, 64, &x), CACHE_OK);
    ck_assert_int_eq(cache_code_reserve(c, 64, &y), CACHE_OK);
    assert_perms(m->rx, "rw-");
    cache_code_commit(c, &x, 0);
    assert_perms(m->rx, "rw-"); /* y is still being written */
    cache_code_commit(c, &y, 0);
    assert_perms(m->rx, "r-x");
    a = cc_add(c, 0x1000, 4);
    b = cc_add(c, 0x2000, 4);
    ck_assert(cc_code_ok(a) && cc_code_ok(b));
    ck_assert(tb_link(c, a, 0, b)); /* patched while writable */
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP0), b->code_rx);
    assert_perms(m->rx, "r-x");
    cache_invalidate_range(c, 0x2000, 0x2001);
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP0), 0);
    assert_perms(m->rx, "r-x");
    cache_free(c);
}
END_TEST

/* Code pages are mapped in ahead of the writes, but only as far as the
 * code reaches (each page is a fresh page of memory, and costs at
 * start-up): 64 bytes of code map in at most 16 KiB, their own page
 * first. */
START_TEST(test_code_pages_are_mapped_in_only_as_far_as_the_code)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    const struct exec_mem *m = cache_exec_mem(c);
    unsigned char vec[16];
    unsigned resident = 0;
    struct cache_code code;

    ck_assert_int_eq(cache_code_reserve(c, 64, &code), CACHE_OK);
    cache_code_commit(c, &code, 64);
    ck_assert_int_eq(mincore(m->rw, 16 * 4096, vec), 0);
    for (int i = 0; i < 16; i++)
        resident += vec[i] & 1;
    ck_assert(vec[0] & 1);
    ck_assert_uint_le(resident, 4);
    cache_free(c);
}
END_TEST

TCase *cc_views_tcase(void)
{
    TCase *tc = tcase_create("views");

    tcase_add_checked_fixture(tc, cc_reset, NULL);
    tcase_add_test(tc, test_rx_view_is_never_writable);
    tcase_add_test(tc, test_single_view_is_writable_only_while_writing);
    tcase_add_test(tc, test_code_pages_are_mapped_in_only_as_far_as_the_code);
    return tc;
}
