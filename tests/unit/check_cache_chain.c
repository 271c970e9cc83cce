/* tests/unit/check_cache_chain.c: chaining blocks, and invalidating guest
 * ranges through the page index (unlinking every jump into the victims). */
#include <string.h>

#include "tests/unit/check_cache.h"

/* Whether some recorded patch call sent slot_rx back to its stub. */
static bool cc_unpatched(uintptr_t slot_rx, unsigned from_call)
{
    for (unsigned i = from_call; i < cc_ncalls && i < CC_MAX_CALLS; i++) {
        if (cc_calls[i].slot_rx == slot_rx && cc_calls[i].target_rx == 0)
            return true;
    }
    return false;
}

/* --- chaining ----------------------------------------------------------- */

START_TEST(test_link_patches_slot_to_target_code)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);

    ck_assert(tb_link(c, a, 0, b));
    ck_assert_uint_eq(cc_ncalls, 1);
    ck_assert_uint_eq(cc_calls[0].slot_rx, a->code_rx + CC_JMP0);
    ck_assert_uint_eq(cc_calls[0].target_rx, b->code_rx);
    /* Written through rw, visible through rx. */
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP0), b->code_rx);
    ck_assert_ptr_eq(a->slot[0].to, b);
    ck_assert(tb_link(c, a, 0, b)); /* already linked: no second patch */
    ck_assert_uint_eq(cc_ncalls, 1);
    ck_assert(cc_code_ok(a));
    cache_free(c);
}
END_TEST

START_TEST(test_relink_replaces_earlier_link)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    struct tb *d = cc_add(c, 0x3000, 4);

    ck_assert(tb_link(c, a, 1, b));
    ck_assert(tb_link(c, a, 1, d));
    ck_assert_uint_eq(cc_ncalls, 3);
    ck_assert_uint_eq(cc_calls[1].target_rx, 0);
    ck_assert_uint_eq(cc_calls[2].target_rx, d->code_rx);
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP1), d->code_rx);
    /* b no longer lists a: invalidating it patches nothing. */
    cache_invalidate_range(c, 0x2000, 0x2004);
    ck_assert_uint_eq(cc_ncalls, 3);
    ck_assert_ptr_eq(a->slot[1].to, d);
    cache_free(c);
}
END_TEST

START_TEST(test_link_refused_by_back_end_is_not_recorded)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    struct tb *d = cc_add(c, 0x3000, 4);

    ck_assert(tb_link(c, a, 0, d));
    cc_refused_target = b->code_rx;
    ck_assert(!tb_link(c, a, 0, b));
    /* The old link went back to the stub first; nothing points at b. */
    ck_assert_ptr_null(a->slot[0].to);
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP0), 0);
    ck_assert_ptr_null(b->in_first.tb);
    ck_assert_ptr_null(d->in_first.tb);
    cache_invalidate_range(c, 0x2000, 0x3004);
    ck_assert_uint_eq(cc_ncalls, 2); /* link d, unlink d (refusals are
                                      not recorded) */
    cache_free(c);
}
END_TEST

START_TEST(test_unlink_restores_exit_stub)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);

    ck_assert(tb_link(c, a, 0, b));
    tb_unlink(c, a, 0);
    ck_assert_uint_eq(cc_ncalls, 2);
    ck_assert_uint_eq(cc_calls[1].slot_rx, a->code_rx + CC_JMP0);
    ck_assert_uint_eq(cc_calls[1].target_rx, 0);
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP0), 0);
    ck_assert_ptr_null(a->slot[0].to);
    tb_unlink(c, a, 0); /* not linked: nothing to do */
    ck_assert_uint_eq(cc_ncalls, 2);
    cache_free(c);
}
END_TEST

START_TEST(test_slot_without_jump_cannot_be_linked)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *b = cc_add(c, 0x2000, 4);
    struct cache_code code;
    struct tb_info info = {.pc = 0x1000,
                           .guest_len = 4,
                           .code_size = 16,
                           .jmp_off = {8, TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP}};
    struct tb *a;

    ck_assert_int_eq(cache_code_reserve(c, 16, &code), CACHE_OK);
    memset(code.rw, 0, 16);
    cache_code_commit(c, &code, 16);
    info.code_rx = code.rx;
    a = tb_insert(c, &info);
    ck_assert(!tb_link(c, a, 1, b));
    ck_assert(tb_link(c, a, 0, b));
    ck_assert_uint_eq(cc_ncalls, 1);
    ck_assert_uint_eq(cc_calls[0].slot_rx, a->code_rx + 8);
    cache_free(c);
}
END_TEST

START_TEST(test_link_to_or_from_invalidated_block_fails)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);

    cache_invalidate_range(c, 0x2000, 0x2001);
    ck_assert(!tb_link(c, a, 0, b));
    ck_assert(!tb_link(c, b, 0, a));
    ck_assert_uint_eq(cc_ncalls, 0);
    ck_assert_ptr_null(a->slot[0].to);
    cache_free(c);
}
END_TEST

START_TEST(test_invalidate_unlinks_every_jump_into_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);
    struct tb *t = cc_add(c, 0x3000, 4), *x = cc_add(c, 0x4000, 4);
    unsigned before;

    ck_assert(tb_link(c, a, 0, t) && tb_link(c, a, 1, t));
    ck_assert(tb_link(c, b, 0, t) && tb_link(c, t, 0, x));
    before = cc_ncalls;
    cache_invalidate_range(c, 0x3002, 0x3003);
    ck_assert_uint_eq(cc_ncalls - before, 3);
    ck_assert(cc_unpatched(a->code_rx + CC_JMP0, before));
    ck_assert(cc_unpatched(a->code_rx + CC_JMP1, before));
    ck_assert(cc_unpatched(b->code_rx + CC_JMP0, before));
    ck_assert_uint_eq(cc_read_rx(b->code_rx + CC_JMP0), 0);
    ck_assert_ptr_null(a->slot[1].to);
    ck_assert_ptr_null(tb_lookup(c, 0x3000, 0));
    ck_assert_ptr_eq(tb_lookup(c, 0x1000, 0), a);
    ck_assert_ptr_eq(tb_lookup(c, 0x4000, 0), x);
    /* t's own jump is left alone; x lists nobody any more. */
    cache_invalidate_range(c, 0x4000, 0x4004);
    ck_assert_uint_eq(cc_ncalls - before, 3);
    cache_free(c);
}
END_TEST

START_TEST(test_invalidated_source_forgets_its_outgoing_links)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4), *b = cc_add(c, 0x2000, 4);

    ck_assert(tb_link(c, a, 0, b));
    cache_invalidate_range(c, 0x1000, 0x1004);
    ck_assert_uint_eq(cc_ncalls, 1);
    ck_assert_ptr_null(b->in_first.tb);
    cache_invalidate_range(c, 0x2000, 0x2004);
    ck_assert_uint_eq(cc_ncalls, 1);
    cache_free(c);
}
END_TEST

START_TEST(test_self_loop_is_unlinked_by_invalidation)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 4);

    ck_assert(tb_link(c, a, 1, a));
    ck_assert_uint_eq(cc_read_rx(a->code_rx + CC_JMP1), a->code_rx);
    cache_invalidate_range(c, 0x1000, 0x1001);
    ck_assert_uint_eq(cc_ncalls, 2);
    ck_assert_uint_eq(cc_calls[1].slot_rx, a->code_rx + CC_JMP1);
    ck_assert_uint_eq(cc_calls[1].target_rx, 0);
    cache_free(c);
}
END_TEST

TCase *cc_chain_tcase(void)
{
    TCase *tc = tcase_create("chain");

    tcase_add_checked_fixture(tc, cc_reset, NULL);
    tcase_add_test(tc, test_link_patches_slot_to_target_code);
    tcase_add_test(tc, test_relink_replaces_earlier_link);
    tcase_add_test(tc, test_link_refused_by_back_end_is_not_recorded);
    tcase_add_test(tc, test_unlink_restores_exit_stub);
    tcase_add_test(tc, test_slot_without_jump_cannot_be_linked);
    tcase_add_test(tc, test_link_to_or_from_invalidated_block_fails);
    tcase_add_test(tc, test_invalidate_unlinks_every_jump_into_block);
    tcase_add_test(tc, test_invalidated_source_forgets_its_outgoing_links);
    tcase_add_test(tc, test_self_loop_is_unlinked_by_invalidation);
    return tc;
}

/* --- invalidation by range ---------------------------------------------- */

START_TEST(test_invalidate_removes_exactly_intersecting_blocks)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 16), *b = cc_add(c, 0x1010, 16);
    struct tb *d = cc_add(c, 0x1020, 16), *e = cc_add(c, 0x1030, 16);
    struct cache_stats st;

    /* a ends exactly at start, e starts exactly at end: both kept. */
    cache_invalidate_range(c, 0x1010, 0x1030);
    ck_assert_ptr_eq(tb_lookup(c, 0x1000, 0), a);
    ck_assert_ptr_null(tb_lookup(c, 0x1010, 0));
    ck_assert_ptr_null(tb_lookup(c, 0x1020, 0));
    ck_assert_ptr_eq(tb_lookup(c, 0x1030, 0), e);
    ck_assert(atomic_load(&b->invalid) && atomic_load(&d->invalid));
    /* One byte inside a's last byte. */
    cache_invalidate_range(c, 0x100f, 0x1010);
    ck_assert_ptr_null(tb_lookup(c, 0x1000, 0));
    ck_assert_ptr_eq(tb_lookup(c, 0x1030, 0), e);
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.invalidations, 3);
    cache_free(c);
}
END_TEST

START_TEST(test_block_spanning_two_pages_is_found_from_either_page)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *other = cc_add(c, 0x2100, 4);

    ck_assert_ptr_nonnull(cc_add(c, 0x1ffc, 8)); /* bytes 0x1ffc..0x2003 */
    ck_assert(cache_page_has_code(c, 0x1000));
    ck_assert(cache_page_has_code(c, 0x2fff));
    cache_invalidate_range(c, 0x2003, 0x2004); /* from the second page */
    ck_assert_ptr_null(tb_lookup(c, 0x1ffc, 0));
    ck_assert(!cache_page_has_code(c, 0x1000));
    ck_assert_ptr_eq(tb_lookup(c, 0x2100, 0), other);

    ck_assert_ptr_nonnull(cc_add(c, 0x1ffc, 8));
    cache_invalidate_range(c, 0x1000, 0x1ffd); /* from the first page */
    ck_assert_ptr_null(tb_lookup(c, 0x1ffc, 0));
    ck_assert(!cache_page_has_code(c, 0x1000));
    ck_assert(cache_page_has_code(c, 0x2000)); /* other is still there */
    cache_free(c);
}
END_TEST

START_TEST(test_page_hook_reports_pages_gaining_and_losing_code)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);

    ck_assert(!cache_page_has_code(c, 0x5000));
    cc_add(c, 0x5000, 4);
    cc_add(c, 0x5800, 4);
    ck_assert_uint_eq(cc_nevents, 1);
    ck_assert_uint_eq(cc_events[0].page, 0x5000);
    ck_assert(cc_events[0].has_code);
    ck_assert(cache_page_has_code(c, 0x5abc));
    cache_invalidate_range(c, 0x5000, 0x5004);
    ck_assert_uint_eq(cc_nevents, 1);
    ck_assert(cache_page_has_code(c, 0x5000));
    cache_invalidate_range(c, 0x5800, 0x5801);
    ck_assert_uint_eq(cc_nevents, 2);
    ck_assert_uint_eq(cc_events[1].page, 0x5000);
    ck_assert(!cc_events[1].has_code);
    ck_assert(!cache_page_has_code(c, 0x5000));
    cache_free(c);
}
END_TEST

START_TEST(test_flush_reports_every_page_losing_code)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    bool lost[3] = {false, false, false};

    cc_add(c, 0x1000, 4);
    cc_add(c, 0x2ffc, 8); /* pages 0x2000 and 0x3000 */
    ck_assert_uint_eq(cc_nevents, 3);
    cache_request_flush(c);
    ck_assert_uint_eq(cc_nevents, 6);
    for (unsigned i = 3; i < 6; i++) {
        ck_assert(!cc_events[i].has_code);
        lost[cc_events[i].page / 0x1000 - 1] = true;
    }
    ck_assert(lost[0] && lost[1] && lost[2]);
    ck_assert(!cache_page_has_code(c, 0x3000));
    cache_free(c);
}
END_TEST

START_TEST(test_huge_range_invalidates_every_block)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct cache_stats st;

    for (gva pc = 0x10000; pc < 0x20000; pc += 0x1000)
        cc_add(c, pc, 4);
    cc_add(c, 0x7ffffffff000, 4);
    cache_invalidate_range(c, 0, UINT64_MAX);
    for (gva pc = 0x10000; pc < 0x20000; pc += 0x1000)
        ck_assert_ptr_null(tb_lookup(c, pc, 0));
    ck_assert_ptr_null(tb_lookup(c, 0x7ffffffff000, 0));
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.invalidations, 17);
    cache_free(c);
}
END_TEST

START_TEST(test_empty_or_codeless_range_invalidates_nothing)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    struct tb *a = cc_add(c, 0x1000, 16);
    struct cache_stats st;

    cache_invalidate_range(c, 0x1008, 0x1008);
    cache_invalidate_range(c, 0x1008, 0x1000);
    cache_invalidate_range(c, 0x9000, 0xa000);
    ck_assert_ptr_eq(tb_lookup(c, 0x1000, 0), a);
    cache_get_stats(c, &st);
    ck_assert_uint_eq(st.invalidations, 0);
    cache_free(c);
}
END_TEST

/* Inserts a fake block whose guest bytes were read at sequence seq. */
static struct tb *cc_add_read_at(struct code_cache *c, gva pc, uint64_t seq)
{
    struct cache_code code;
    struct tb_info info = {.pc = pc,
                           .guest_len = 4,
                           .code_size = 16,
                           .jmp_off = {TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP, TB_NO_JUMP},
                           .inval_seq = seq};

    ck_assert_int_eq(cache_code_reserve(c, 16, &code), CACHE_OK);
    memset(code.rw, 0x90, 16);
    cache_code_commit(c, &code, 16);
    info.code_rx = code.rx;
    return tb_insert(c, &info);
}

START_TEST(test_block_read_before_an_invalidation_is_refused)
{
    struct code_cache *c = cc_new(CACHE_MIN_SIZE);
    uint64_t seq = cache_inval_seq(c);

    ck_assert_uint_eq(seq, 1);
    cache_invalidate_range(c, 0x9000, 0x9004); /* no code there yet */
    ck_assert_uint_eq(cache_inval_seq(c), 2);
    ck_assert_ptr_null(cc_add_read_at(c, 0x9000, seq));
    ck_assert_ptr_null(tb_lookup(c, 0x9000, 0));
    ck_assert(!cache_page_has_code(c, 0x9000));
    ck_assert_ptr_nonnull(cc_add_read_at(c, 0x9000, cache_inval_seq(c)));
    ck_assert_ptr_nonnull(cc_add_read_at(c, 0xa000, 0)); /* unchecked */
    cache_invalidate_range(c, 0xb000, 0xb000);           /* empty: no bump */
    ck_assert_uint_eq(cache_inval_seq(c), 2);
    cache_free(c);
}
END_TEST

TCase *cc_pages_tcase(void)
{
    TCase *tc = tcase_create("pages");

    tcase_add_checked_fixture(tc, cc_reset, NULL);
    tcase_add_test(tc, test_invalidate_removes_exactly_intersecting_blocks);
    tcase_add_test(tc, test_block_spanning_two_pages_is_found_from_either_page);
    tcase_add_test(tc, test_page_hook_reports_pages_gaining_and_losing_code);
    tcase_add_test(tc, test_flush_reports_every_page_losing_code);
    tcase_add_test(tc, test_huge_range_invalidates_every_block);
    tcase_add_test(tc, test_empty_or_codeless_range_invalidates_nothing);
    tcase_add_test(tc, test_block_read_before_an_invalidation_is_refused);
    return tc;
}
