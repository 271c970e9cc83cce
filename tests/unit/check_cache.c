/* tests/unit/check_cache.c: the code cache with one thread: allocation
 * and flush, W^X views, lookup, chaining, invalidation by guest range. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tests/unit/check_cache.h"

struct cc_patch_call cc_calls[CC_MAX_CALLS];
unsigned cc_ncalls;
struct cc_page_event cc_events[CC_MAX_CALLS];
unsigned cc_nevents;
uintptr_t cc_refused_target;

void cc_reset(void)
{
    cc_ncalls = 0;
    cc_nevents = 0;
    cc_refused_target = 1; /* none: code is 16-byte aligned */
}

bool cc_patch(uint8_t *slot_rw, uintptr_t slot_rx, uintptr_t target_rx)
{
    uint64_t v = target_rx;

    if (target_rx == cc_refused_target)
        return false;
    if (cc_ncalls < CC_MAX_CALLS)
        cc_calls[cc_ncalls] =
            (struct cc_patch_call){slot_rw, slot_rx, target_rx};
    cc_ncalls++;
    memcpy(slot_rw, &v, sizeof v);
    return true;
}

void cc_page_hook(void *opaque, gva page, bool has_code)
{
    (void)opaque;
    if (cc_nevents < CC_MAX_CALLS)
        cc_events[cc_nevents] = (struct cc_page_event){page, has_code};
    cc_nevents++;
}

struct code_cache *cc_new(size_t size)
{
    struct cache_config cfg = {size, cc_patch, cc_page_hook, NULL};
    struct code_cache *c;

    ck_assert_int_eq(cache_new(&c, &cfg), 0);
    ck_assert_ptr_nonnull(c);
    return c;
}

static uint8_t cc_filler(gva pc, unsigned i)
{
    return (uint8_t)(pc * 31 + i);
}

static void cc_write_code(uint8_t *rw, gva pc)
{
    for (unsigned i = 0; i < CC_CODE_BYTES; i++)
        rw[i] = cc_filler(pc, i);
    memcpy(rw, &pc, sizeof pc);
    memset(rw + CC_JMP0, 0, 8);
    memset(rw + CC_JMP1, 0, 8);
}

struct tb *cc_add(struct code_cache *c, gva pc, uint32_t guest_len)
{
    return cc_add_flags(c, pc, guest_len, 0);
}

struct tb *cc_add_flags(struct code_cache *c, gva pc, uint32_t guest_len,
                        uint32_t flags)
{
    struct cache_code code;
    struct tb_info info = {.pc = pc,
                           .guest_len = guest_len,
                           .flags = flags,
                           .code_size = CC_CODE_BYTES,
                           .jmp_off = {CC_JMP0, CC_JMP1, TB_NO_JUMP, TB_NO_JUMP}};
    struct tb *tb;

    if (cache_code_reserve(c, 256, &code) != CACHE_OK)
        return NULL;
    cc_write_code(code.rw, pc);
    cache_code_commit(c, &code, CC_CODE_BYTES);
    info.code_rx = code.rx;
    tb = tb_insert(c, &info);
    ck_assert_ptr_nonnull(tb);
    return tb;
}

uint64_t cc_read_rx(uintptr_t rx)
{
    uint64_t v;

    memcpy(&v, (const void *)rx, sizeof v);
    return v;
}

bool cc_code_ok(const struct tb *tb)
{
    const uint8_t *rx = (const uint8_t *)tb->code_rx;

    if (cc_read_rx(tb->code_rx) != tb->pc)
        return false;
    for (unsigned i = 8; i < CC_CODE_BYTES; i++) {
        bool slot = (i >= CC_JMP0 && i < CC_JMP0 + 8) ||
                    (i >= CC_JMP1 && i < CC_JMP1 + 8);

        if (!slot && rx[i] != cc_filler(tb->pc, i))
            return false;
    }
    return true;
}

/* --- creation and code space -------------------------------------------- */

START_TEST(test_new_without_patch_callback_is_rejected)
{
    struct cache_config cfg = {0, NULL, NULL, NULL};
    struct code_cache *c = (struct code_cache *)&cfg;

    ck_assert_int_eq(cache_new(&c, &cfg), -EINVAL);
    ck_assert_ptr_null(c);
}
END_TEST

START_TEST(test_size_zero_is_default_and_tiny_size_is_raised_to_minimum)
{
    struct code_cache *c = cc_new(0);
    struct code_cache *d = cc_new(1000);

    ck_assert_uint_eq(cache_exec_mem(c)->size, CACHE_DEFAULT_SIZE);
    ck_assert_uint_eq(cache_exec_mem(d)->size, CACHE_MIN_SIZE);
    cache_free(c);
    cache_free(d);
}
END_TEST

START_TEST(test_code_written_through_rw_reads_back_through_rx)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    const struct exec_mem *m = cache_exec_mem(c);
    struct tb *tb = cc_add(c, 0x10078, 8);

    ck_assert_ptr_nonnull(tb);
    if (m->dual)
        ck_assert_ptr_ne(m->rw, m->rx);
    ck_assert_uint_eq(tb->code_rx, (uintptr_t)m->rx);
    ck_assert(cc_code_ok(tb));
    cache_free(c);
}
END_TEST

START_TEST(test_commit_starts_next_block_at_used_size_aligned_to_16)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code a, b;

    ck_assert_int_eq(cache_code_reserve(c, 1000, &a), CACHE_OK);
    ck_assert_uint_eq(a.size, 1000);
    cache_code_commit(c, &a, 33);
    ck_assert_int_eq(cache_code_reserve(c, 100, &b), CACHE_OK);
    ck_assert_uint_eq(b.rx, a.rx + 48);
    ck_assert_ptr_eq(b.rw, a.rw + 48);
    cache_code_commit(c, &b, 0); /* cancelled: the space comes back */
    ck_assert_int_eq(cache_code_reserve(c, 100, &b), CACHE_OK);
    ck_assert_uint_eq(b.rx, a.rx + 48);
    cache_code_commit(c, &b, 16);
    cache_free(c);
}
END_TEST

START_TEST(test_interleaved_reservations_do_not_overlap)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code a, b, d;

    ck_assert_int_eq(cache_code_reserve(c, 100, &a), CACHE_OK);
    ck_assert_int_eq(cache_code_reserve(c, 100, &b), CACHE_OK);
    ck_assert_uint_ge(b.rx, a.rx + 100);
    cache_code_commit(c, &a, 10); /* b follows: a's tail stays claimed */
    cache_code_commit(c, &b, 10);
    ck_assert_int_eq(cache_code_reserve(c, 100, &d), CACHE_OK);
    ck_assert_uint_eq(d.rx, b.rx + 16);
    cache_code_commit(c, &d, 0);
    cache_free(c);
}
END_TEST

START_TEST(test_full_region_flushes_on_next_reserve)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    uintptr_t base = (uintptr_t)cache_exec_mem(c)->rx;
    uint64_t gen = cache_generation(c);
    struct cache_stats st;
    struct tb *tb;
    unsigned n = 0;

    while (cc_add(c, 0x10000 + 4 * n, 4))
        n++;
    /* Each fake block uses 64 bytes but reserves 256 while writing. */
    ck_assert_uint_eq(n, (CACHE_MIN_SIZE - 256) / CC_CODE_BYTES + 1);
    ck_assert_uint_eq(cache_generation(c), gen + 1);
    ck_assert_ptr_null(tb_lookup(c, 0x10000, 0));
    ck_assert_ptr_null(tb_lookup(c, 0x10000 + 4 * (n - 1), 0));
    ck_assert(!cache_page_has_code(c, 0x10000));
    tb = cc_add(c, 0x10000, 4);
    ck_assert_ptr_nonnull(tb);
    ck_assert_uint_eq(tb->code_rx, base);
    ck_assert_uint_eq(tb->generation, gen + 1);
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.flushes, 1);
    ck_assert_uint_eq(st.tbs, n + 1);
    ck_assert_uint_eq(st.code_used, CC_CODE_BYTES);
    cache_free(c);
}
END_TEST

START_TEST(test_request_larger_than_region_is_too_big)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code code;

    ck_assert_int_eq(cache_code_reserve(c, CACHE_MIN_SIZE + 1, &code),
                     CACHE_TOO_BIG);
    ck_assert_int_eq(cache_code_reserve(c, CACHE_MIN_SIZE, &code), CACHE_OK);
    cache_code_commit(c, &code, 0);
    ck_assert_uint_eq(cache_generation(c), 1);
    cache_free(c);
}
END_TEST

START_TEST(test_kept_prologue_survives_flush)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code pro;
    struct tb *tb;

    ck_assert_int_eq(cache_code_reserve(c, 64, &pro), CACHE_OK);
    memset(pro.rw, 0xc3, 20);
    cache_code_commit(c, &pro, 20);
    cache_code_keep(c);
    cache_request_flush(c); /* no thread registered: at once */
    tb = cc_add(c, 0x4000, 4);
    ck_assert_uint_eq(tb->code_rx, pro.rx + 32);
    ck_assert_uint_eq(((const uint8_t *)pro.rx)[19], 0xc3);
    ck_assert(cc_code_ok(tb));
    cache_free(c);
}
END_TEST

/* --- lookup ------------------------------------------------------------- */

START_TEST(test_insert_then_lookup_returns_same_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *tb = cc_add(c, 0x10078, 12);

    ck_assert_uint_eq(tb->pc, 0x10078);
    ck_assert_uint_eq(tb->guest_len, 12);
    ck_assert_uint_eq(tb->generation, cache_generation(c));
    ck_assert_ptr_eq(tb_lookup(c, 0x10078, 0), tb); /* table */
    ck_assert_ptr_eq(tb_lookup(c, 0x10078, 0), tb); /* jump cache */
    cache_free(c);
}
END_TEST

START_TEST(test_lookup_of_unknown_pc_or_other_flags_is_null)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);

    ck_assert_ptr_null(tb_lookup(c, 0x10078, 0));
    cc_add(c, 0x10078, 12);
    ck_assert_ptr_nonnull(tb_lookup(c, 0x10078, 0)); /* fills the jc */
    ck_assert_ptr_null(tb_lookup(c, 0x1007c, 0));
    ck_assert_ptr_null(tb_lookup(c, 0x10078, 1));
    /* Same jump-cache entry: (pc >> 1) ^ (pc >> 13) is unchanged. */
    ck_assert_ptr_null(tb_lookup(c, 0x10078 ^ 0x2000 ^ 0x2, 0));
    cache_free(c);
}
END_TEST

/* A block that followed a jump backwards covers [pc - guest_before,
 * pc + guest_len): a write below pc inside that range invalidates it, one
 * below the range does not. */
START_TEST(test_a_write_below_pc_hits_a_block_covering_it)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code code;
    struct tb_info info = {.pc = 0x10100,
                           .guest_len = 8,
                           .guest_before = 0x80,
                           .code_size = CC_CODE_BYTES,
                           .jmp_off = {TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP,
                                       TB_NO_JUMP}};

    ck_assert_int_eq(cache_code_reserve(c, 256, &code), CACHE_OK);
    cc_write_code(code.rw, info.pc);
    cache_code_commit(c, &code, CC_CODE_BYTES);
    info.code_rx = code.rx;
    ck_assert_ptr_nonnull(tb_insert(c, &info));
    cache_invalidate_range(c, 0x10000, 0x10080); /* below 0x10080 */
    ck_assert_ptr_nonnull(tb_lookup(c, 0x10100, 0));
    cache_invalidate_range(c, 0x10080, 0x10081);
    ck_assert_ptr_null(tb_lookup(c, 0x10100, 0));
    cache_free(c);
}
END_TEST

START_TEST(test_fast_lookup_sees_only_valid_jump_cache_entries)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *tb = cc_add(c, 0x10078, 12);

    ck_assert_ptr_null(tb_lookup_fast(c, 0x10078, 0)); /* not in the jc */
    ck_assert_ptr_eq(tb_lookup(c, 0x10078, 0), tb);    /* fills it */
    ck_assert_ptr_eq(tb_lookup_fast(c, 0x10078, 0), tb);
    ck_assert_ptr_null(tb_lookup_fast(c, 0x10078, 1));
    ck_assert_ptr_null(tb_lookup_fast(c, 0x10078 ^ 0x2000 ^ 0x2, 0));
    cache_invalidate_range(c, 0x10078, 0x10079);
    ck_assert_ptr_null(tb_lookup_fast(c, 0x10078, 0));
    cache_free(c);
}
END_TEST

START_TEST(test_flags_tell_blocks_at_one_pc_apart)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    static struct tb *tbs[1500];

    /* More keys than the 1024 first buckets: some share one, so the chain
     * walk must compare the flags too. */
    for (uint32_t f = 0; f < 1500; f++)
        tbs[f] = cc_add_flags(c, 0x7000, 4, f);
    for (uint32_t f = 0; f < 1500; f++) {
        ck_assert_ptr_eq(tb_lookup(c, 0x7000, f), tbs[f]);
        ck_assert_uint_eq(tbs[f]->flags, f);
    }
    ck_assert_ptr_null(tb_lookup(c, 0x7000, 1500));
    cache_free(c);
}
END_TEST

START_TEST(test_many_blocks_are_all_found_after_table_growth)
{
    struct code_cache *c = cc_new((size_t)2 << 20);
    struct tb *tbs[5000];

    for (unsigned i = 0; i < 5000; i++)
        tbs[i] = cc_add(c, 0x400000 + 4 * (gva)i, 4);
    for (unsigned i = 0; i < 5000; i++)
        ck_assert_ptr_eq(tb_lookup(c, 0x400000 + 4 * (gva)i, 0), tbs[i]);
    cache_free(c);
}
END_TEST

START_TEST(test_second_insert_of_same_pc_returns_first_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x8000, 4);
    struct tb *b = cc_add(c, 0x8000, 4);
    struct cache_stats st;

    ck_assert_ptr_eq(b, a);
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.tbs, 1);
    cache_free(c);
}
END_TEST

START_TEST(test_stats_count_lookups_and_hits)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_stats st;

    cc_add(c, 0x8000, 4);
    tb_lookup(c, 0x8000, 0);
    tb_lookup(c, 0x8000, 0);
    tb_lookup(c, 0x9000, 0);
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.lookups, 3);
    ck_assert_uint_eq(st.hits, 2);
    ck_assert_uint_eq(st.jc_hits, 1);
    ck_assert_uint_eq(st.flushes, 0);
    ck_assert_uint_eq(st.generation, 1);
    cache_free(c);
}
END_TEST

START_TEST(test_host_code_address_maps_back_to_its_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    uintptr_t rx;

    ck_assert_uint_eq(b->code_rx, a->code_rx + CC_CODE_BYTES);
    ck_assert_ptr_eq(tb_find_by_code(c, a->code_rx), a);
    ck_assert_ptr_eq(tb_find_by_code(c, a->code_rx + CC_CODE_BYTES - 1), a);
    ck_assert_ptr_eq(tb_find_by_code(c, b->code_rx), b);
    ck_assert_ptr_null(tb_find_by_code(c, b->code_rx + CC_CODE_BYTES));
    ck_assert_ptr_null(tb_find_by_code(c, a->code_rx - 1));
    cache_invalidate_range(c, 0x1000, 0x1004); /* may still be running */
    ck_assert_ptr_eq(tb_find_by_code(c, a->code_rx + 5), a);
    rx = a->code_rx;
    cache_request_flush(c); /* frees a */
    ck_assert_ptr_null(tb_find_by_code(c, rx + 5));
    cache_free(c);
}
END_TEST

/* Commits and inserts b before a, although a's code comes first. */
START_TEST(test_blocks_inserted_out_of_code_order_map_back)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_code ca, cb;
    struct tb_info ia = {.pc = 0x1000,
                         .guest_len = 4,
                         .code_size = 32,
                         .jmp_off = {TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP}};
    struct tb_info ib = {.pc = 0x2000,
                         .guest_len = 4,
                         .code_size = 32,
                         .jmp_off = {TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP}};
    struct tb *a, *b;

    ck_assert_int_eq(cache_code_reserve(c, 100, &ca), CACHE_OK);
    ck_assert_int_eq(cache_code_reserve(c, 100, &cb), CACHE_OK);
    cache_code_commit(c, &cb, 32);
    ib.code_rx = cb.rx;
    b = tb_insert(c, &ib);
    cache_code_commit(c, &ca, 32);
    ia.code_rx = ca.rx;
    a = tb_insert(c, &ia);
    ck_assert_ptr_eq(tb_find_by_code(c, ca.rx + 31), a);
    ck_assert_ptr_null(tb_find_by_code(c, ca.rx + 32)); /* a's tail */
    ck_assert_ptr_eq(tb_find_by_code(c, cb.rx), b);
    ck_assert_ptr_eq(tb_find_by_code(c, cb.rx + 31), b);
    cache_free(c);
}
END_TEST

START_TEST(test_translator_data_is_copied_into_the_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    const uint32_t table[3] = {0, 0x1000, 12};
    struct tb_info info = {.pc = 0x1000,
                           .guest_len = 8,
                           .code_size = 32,
                           .jmp_off = {TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP},
                           .extra = table,
                           .extra_size = sizeof table};
    struct cache_code code;
    struct tb *tb;

    ck_assert_int_eq(cache_code_reserve(c, 32, &code), CACHE_OK);
    cache_code_commit(c, &code, 32);
    info.code_rx = code.rx;
    tb = tb_insert(c, &info);
    ck_assert_uint_eq(tb->extra_size, sizeof table);
    ck_assert_ptr_ne(tb->extra, table);
    ck_assert_int_eq(memcmp(tb->extra, table, sizeof table), 0);
    ck_assert_uint_eq((uintptr_t)tb->extra % 16, 0);
    cache_free(c);
}
END_TEST

START_TEST(test_stats_dump_reports_every_counter)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    ck_assert(tb_link(c, a, 0, b));
    tb_lookup(c, 0x1000, 0);
    tb_lookup(c, 0x3000, 0);
    cache_invalidate_range(c, 0x2000, 0x2001);
    cache_dump_stats(c, f);
    fclose(f);
    ck_assert_msg(strstr(text, "0 of 256 KiB used, generation 1\n"), text);
    ck_assert_msg(strstr(text, "2 translated, 1 invalidated, 0 flushes, "
                               "1 jumps chained\n"),
                  text);
    ck_assert_msg(strstr(text, "lookups: 2, 50.0% found, 0.0% in the jump"),
                  text);
    free(text);
    cache_free(c);
}
END_TEST

static TCase *cc_memory_tcase(void)
{
    TCase *tc = tcase_create("memory");

    tcase_add_checked_fixture(tc, cc_reset, NULL);
    tcase_add_test(tc, test_new_without_patch_callback_is_rejected);
    tcase_add_test(tc, test_fast_lookup_sees_only_valid_jump_cache_entries);
    tcase_add_test(tc, test_a_write_below_pc_hits_a_block_covering_it);
    tcase_add_test(
        tc, test_size_zero_is_default_and_tiny_size_is_raised_to_minimum);
    tcase_add_test(tc, test_code_written_through_rw_reads_back_through_rx);
    tcase_add_test(tc,
                   test_commit_starts_next_block_at_used_size_aligned_to_16);
    tcase_add_test(tc, test_interleaved_reservations_do_not_overlap);
    tcase_add_test(tc, test_full_region_flushes_on_next_reserve);
    tcase_add_test(tc, test_request_larger_than_region_is_too_big);
    tcase_add_test(tc, test_kept_prologue_survives_flush);
    return tc;
}

static TCase *cc_lookup_tcase(void)
{
    TCase *tl = tcase_create("lookup");

    tcase_add_checked_fixture(tl, cc_reset, NULL);
    tcase_add_test(tl, test_insert_then_lookup_returns_same_block);
    tcase_add_test(tl, test_lookup_of_unknown_pc_or_other_flags_is_null);
    tcase_add_test(tl, test_flags_tell_blocks_at_one_pc_apart);
    tcase_add_test(tl, test_many_blocks_are_all_found_after_table_growth);
    tcase_add_test(tl, test_second_insert_of_same_pc_returns_first_block);
    tcase_add_test(tl, test_stats_count_lookups_and_hits);
    tcase_add_test(tl, test_host_code_address_maps_back_to_its_block);
    tcase_add_test(tl, test_blocks_inserted_out_of_code_order_map_back);
    tcase_add_test(tl, test_translator_data_is_copied_into_the_block);
    tcase_add_test(tl, test_stats_dump_reports_every_counter);
    return tl;
}

int main(void)
{
    Suite *s = suite_create("cache");

    suite_add_tcase(s, cc_memory_tcase());
    suite_add_tcase(s, cc_lookup_tcase());
    suite_add_tcase(s, cc_chain_tcase());
    suite_add_tcase(s, cc_pages_tcase());
    suite_add_tcase(s, cc_threads_tcase());
    suite_add_tcase(s, cc_views_tcase()); /* last: it may drop memfd */
    return unit_run(s);
}
