/* tests/unit/check_x64_probe.c: the x86-64 back end's inline jump cache
 * probe at IR_GOTO_PTR (hit, and the misses: empty entry, other pc,
 * flags; an invalidated block leaves the table instead) and its bounds check of guest accesses
 * against the guest limit (in range, straddling, above, wrapped). */
#include "tests/unit/x64_suites.h"

/* A record laid out as the runtime's TB might be. */
struct probe_rec {
    uint64_t pc;
    uint32_t flags;
    uintptr_t code;
};

#define PROBE_N 64u
static const struct probe_rec *probe_table[PROBE_N];

/* The table's hash shifts: the back end folds a shift_a of at most 3
 * into the load's index scale, and computes larger ones in full. */
static unsigned probe_shift_a = 2, probe_shift_b = 9;

static unsigned probe_index(uint64_t pc)
{
    return (unsigned)((pc >> probe_shift_a) ^ (pc >> probe_shift_b)) &
           (PROBE_N - 1);
}

static void probe_install(void)
{
    struct host_jump_cache jc = {
        .entries = probe_table,
        .shift_a = probe_shift_a,
        .shift_b = probe_shift_b,
        .mask = PROBE_N - 1,
        .pc_off = offsetof(struct probe_rec, pc),
        .flags_off = offsetof(struct probe_rec, flags),
        .code_off = offsetof(struct probe_rec, code),
    };

    memset(probe_table, 0, sizeof probe_table);
    host_set_jump_cache(&jc);
}

/* b1: goto_ptr r0; its target sets r1 = 42 and halts at 0x5004. */
static const void *probe_blocks(const void **target)
{
    struct ir_block *b1 = ir_block_new(), *b2 = ir_block_new();
    const void *rx;

    ir_goto_ptr(b1, ir_get(b1, IR_I64, R_OFF(0)));
    ir_set(b2, R_OFF(1), ir_const(b2, IR_I64, 42));
    ir_exit(b2, IR_EXIT_HALT, 0x5004);
    *target = th_compile(b2, NULL);
    probe_install();
    rx = th_compile(b1, NULL);
    host_set_jump_cache(NULL);
    ir_block_free(b1);
    ir_block_free(b2);
    return rx;
}

static struct run_result probe_run(const void *rx, uint64_t pc,
                                   struct tenv *e)
{
    struct run_result out;

    th_env_init(e);
    e->r[0] = pc;
    host_run(rx, e, &out);
    return out;
}

static void assert_missed(struct run_result out, const struct tenv *e,
                          uint64_t pc)
{
    ck_assert_int_eq(out.end, RUN_GOTO);
    ck_assert_int_eq(out.slot, -1);
    ck_assert_uint_eq(e->common.pc, pc);
    ck_assert_uint_eq(e->r[1], 0);
}

START_TEST(test_goto_ptr_probe_jumps_to_a_matching_entry)
{
    static const unsigned shifts[][2] = {{2, 9}, {1, 13}, {0, 6}, {5, 11}};
    static const uint64_t pcs[] = {0x5000, 0x12346, 0xfffe, 0x7ffff0a2,
                                   0x3fffffffffe};

    for (size_t s = 0; s < sizeof shifts / sizeof shifts[0]; s++) {
        const void *target, *rx;

        probe_shift_a = shifts[s][0];
        probe_shift_b = shifts[s][1];
        rx = probe_blocks(&target);
        for (size_t i = 0; i < sizeof pcs / sizeof pcs[0]; i++) {
            struct probe_rec rec = {pcs[i], 0, (uintptr_t)target};
            struct run_result out;
            struct tenv e;

            memset(probe_table, 0, sizeof probe_table);
            probe_table[probe_index(pcs[i])] = &rec;
            out = probe_run(rx, pcs[i], &e);
            ck_assert_int_eq(out.end, RUN_EXIT);
            ck_assert_uint_eq(e.r[1], 42);
            ck_assert_uint_eq(e.common.pc, 0x5004);
        }
    }
    probe_shift_a = 2;
    probe_shift_b = 9;
}
END_TEST

START_TEST(test_goto_ptr_probe_misses_leave_with_the_pc)
{
    const void *target, *rx = probe_blocks(&target);
    /* 0x5100 shares the entry of 0x5000 */
    struct probe_rec rec = {0x5100, 0, (uintptr_t)target};
    struct tenv e;

    ck_assert_uint_eq(probe_index(0x5100), probe_index(0x5000));
    assert_missed(probe_run(rx, 0x5000, &e), &e, 0x5000); /* empty */
    probe_table[probe_index(0x5000)] = &rec;
    assert_missed(probe_run(rx, 0x5000, &e), &e, 0x5000); /* other pc */
    rec.pc = 0x5000;
    rec.flags = 1;
    assert_missed(probe_run(rx, 0x5000, &e), &e, 0x5000); /* flags */
    rec.flags = 0;
    ck_assert_int_eq(probe_run(rx, 0x5000, &e).end, RUN_EXIT);
}
END_TEST

/* With a limit of 0x8000 over th_guest: accesses wholly below it land
 * where they say, any other goes to guest address 0. */
#define LIMIT 0x8000u

static void limit_case(unsigned mo, uint64_t addr, int64_t off,
                       bool lands_at_zero)
{
    struct ir_block *b = ir_block_new();
    unsigned size = 1u << (mo & IR_MO_SIZE);
    uint64_t ea = addr + (uint64_t)off;
    struct tenv e;

    ir_store(b, mo, ir_get(b, IR_I64, R_OFF(0)), off,
             ir_get(b, IR_I64, R_OFF(1)));
    ir_set(b, R_OFF(2),
           ir_load(b, IR_I64, mo, ir_get(b, IR_I64, R_OFF(0)), off));
    ir_goto_pc(b, 0, 0x100);
    host_set_guest_limit(LIMIT, 0);
    memset(th_guest, 0, sizeof th_guest);
    th_env_init(&e);
    e.r[0] = addr;
    e.r[1] = 0x1122334455667788ull;
    th_run(b, &e);
    host_set_guest_limit(0, 0);
    ck_assert_uint_eq(e.r[2], e.r[1] & (~0ull >> (64 - 8 * size)));
    if (lands_at_zero) {
        ck_assert_uint_eq(th_guest[0], 0x88);
    } else {
        ck_assert_uint_eq(th_guest[0], 0);
        ck_assert_uint_eq(th_guest[ea], 0x88);
    }
    ir_block_free(b);
}

START_TEST(test_accesses_below_the_limit_land_in_place)
{
    limit_case(IR_MO_64, LIMIT - 8, 0, false);
    limit_case(IR_MO_32, LIMIT - 4, 0, false);
    limit_case(IR_MO_8, LIMIT - 1, 0, false);
    limit_case(IR_MO_16, LIMIT - 0x20, 0x1e, false);
    limit_case(IR_MO_64, 0x100, -8, false);
}
END_TEST

START_TEST(test_accesses_reaching_the_limit_go_to_address_zero)
{
    limit_case(IR_MO_64, LIMIT - 7, 0, true);
    limit_case(IR_MO_32, LIMIT - 3, 0, true);
    limit_case(IR_MO_8, LIMIT, 0, true);
    limit_case(IR_MO_16, LIMIT - 0x20, 0x1f, true);
    limit_case(IR_MO_64, 1ull << 40, 0, true);
    limit_case(IR_MO_64, 4, -8, true);    /* wraps below 0 */
    limit_case(IR_MO_32, ~0ull - 1, 0, true); /* wraps past 2^64 */
}
END_TEST

TCase *x64_tcase_probe(void)
{
    TCase *tc = tcase_create("probe");

    tcase_add_test(tc, test_goto_ptr_probe_jumps_to_a_matching_entry);
    tcase_add_test(tc, test_goto_ptr_probe_misses_leave_with_the_pc);
    tcase_add_test(tc, test_accesses_below_the_limit_land_in_place);
    tcase_add_test(tc, test_accesses_reaching_the_limit_go_to_address_zero);
    return tc;
}
