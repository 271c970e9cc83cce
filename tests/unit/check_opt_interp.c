/* tests/unit/check_opt_interp.c: the optimizer against the reference
 * interpreter: each block runs before and after opt_block, and the final
 * guest state, memory and exit must be the same. */
#include <stddef.h>
#include <string.h>

#include "tests/unit/check_opt.h"
#include "translator/host/host.h"
#include "translator/interp/interp.h"

/* The guest state of these tests: the common header, then registers. */
struct denv {
    struct cpu_common c;
    uint64_t r[16];
};

#define R(i) ((uint32_t)(offsetof(struct denv, r) + 8 * (i)))

/* Builds one block from its arguments; called twice per comparison. */
typedef void build_fn(struct ir_block *b, const uint64_t *arg);

static uint8_t mem_plain[64], mem_opt[64];

/* Runs build's block with and without optimization from registers init
 * and asserts the same end; returns the ops the optimizer removed. */
static int run_both(build_fn *build, const uint64_t *arg,
                    const uint64_t init[16])
{
    struct ir_block *plain = ir_block_new(), *opt = ir_block_new();
    struct denv e1, e2;
    struct run_result r1, r2;
    char err[200];
    int removed;

    build(plain, arg);
    build(opt, arg);
    opt_block(opt);
    ck_assert_msg(ir_verify(opt, err, sizeof err), "optimized: %s", err);
    memset(&e1, 0, sizeof e1);
    memcpy(e1.r, init, sizeof e1.r);
    memset(mem_plain, 0x5a, sizeof mem_plain);
    memcpy(mem_opt, mem_plain, sizeof mem_opt);
    e2 = e1;
    e1.c.guest_base = (uintptr_t)mem_plain;
    e2.c.guest_base = (uintptr_t)mem_opt;
    host_fp_begin(&e1, 0);
    interp_run(plain, &e1, &r1);
    host_fp_end(&e1);
    host_fp_begin(&e2, 0);
    interp_run(opt, &e2, &r2);
    host_fp_end(&e2);
    ck_assert_int_eq(r1.end, r2.end);
    ck_assert_int_eq(r1.slot, r2.slot);
    ck_assert(r1.end != RUN_EXIT || r1.reason == r2.reason);
    ck_assert_uint_eq(e1.c.pc, e2.c.pc);
    for (int i = 0; i < 16; i++)
        ck_assert_msg(e1.r[i] == e2.r[i], "r%d: %#llx, optimized %#llx", i,
                      (unsigned long long)e1.r[i], (unsigned long long)e2.r[i]);
    ck_assert_mem_eq(mem_plain, mem_opt, sizeof mem_plain);
    removed = (int)plain->nops - (int)opt->nops;
    ir_block_free(plain);
    ir_block_free(opt);
    return removed;
}

static const uint64_t edge[] = {0,
                                1,
                                2,
                                7,
                                31,
                                32,
                                63,
                                64,
                                0x7fffffff,
                                0x80000000,
                                0xffffffff,
                                UINT64_C(0x100000000),
                                INT64_MAX,
                                UINT64_C(1) << 63,
                                UINT64_MAX - 6,
                                UINT64_MAX};
#define NEDGE (sizeof edge / sizeof edge[0])

/* arg: opc, type, a, c. r0 = a op c on constants, r3 = r1 op c and
 * r4 = a op r2 with r1 = a, r2 = c in the state at run time. */
static void build_binop(struct ir_block *b, const uint64_t *arg)
{
    enum ir_opc opc = (enum ir_opc)arg[0];
    enum ir_type t = (enum ir_type)arg[1];
    ir_temp ka = ir_const(b, t, arg[2]), kc = ir_const(b, t, arg[3]);

    ir_set(b, R(0), ir_binop(b, opc, ka, kc));
    ir_set(b, R(3), ir_binop(b, opc, ir_get(b, t, R(1)), kc));
    ir_set(b, R(4), ir_binop(b, opc, ka, ir_get(b, t, R(2))));
    ir_goto_pc(b, 0, 0x1000);
}

START_TEST(test_folded_binops_match_the_interpreter)
{
    static const enum ir_opc ops[] = {
        IR_ADD,    IR_SUB,  IR_MUL,  IR_AND,  IR_OR,   IR_XOR,   IR_ANDC,
        IR_SHL,    IR_SHR,  IR_SAR,  IR_ROTL, IR_ROTR, IR_MULHS, IR_MULHU,
        IR_MULHSU, IR_DIVS, IR_DIVU, IR_REMS, IR_REMU};
    int removed = 0;

    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (unsigned t = IR_I32; t <= IR_I64; t++)
            for (unsigned i = 0; i < NEDGE; i++)
                for (unsigned j = 0; j < NEDGE; j++) {
                    uint64_t arg[4] = {ops[o], t, edge[i], edge[j]};
                    uint64_t init[16] = {0, edge[i], edge[j]};

                    removed += run_both(build_binop, arg, init) > 0;
                }
    /* every block at least loses its folded op */
    ck_assert_int_eq(removed, 19 * 2 * NEDGE * NEDGE);
}
END_TEST

/* arg: opc, type, a, pos | len << 8 for fields (0 otherwise), c. */
static void build_unop(struct ir_block *b, const uint64_t *arg)
{
    enum ir_opc opc = (enum ir_opc)arg[0];
    enum ir_type t = (enum ir_type)arg[1];
    ir_temp ka = ir_const(b, t, arg[2]), kc = ir_const(b, t, arg[4]);
    unsigned pos = arg[3] & 0xff, len = arg[3] >> 8;

    if (opc == IR_DEPOSIT)
        ir_set(b, R(0), ir_deposit(b, ka, kc, pos, len));
    else if (opc == IR_EXTRACT || opc == IR_SEXTRACT)
        ir_set(b, R(0), ir_extract(b, opc == IR_SEXTRACT, ka, pos, len));
    else
        ir_set(b, R(0), ir_unop(b, opc, ka));
    ir_goto_pc(b, 0, 0x1000);
}

START_TEST(test_folded_unops_and_fields_match_the_interpreter)
{
    static const enum ir_opc un[] = {IR_NEG, IR_NOT,    IR_CLZ,
                                     IR_CTZ, IR_POPCNT, IR_BSWAP};
    static const unsigned fields[] = {0 | 1 << 8,  0 | 32 << 8, 7 | 9 << 8,
                                      31 | 1 << 8, 0 | 64 << 8, 32 | 32 << 8,
                                      63 | 1 << 8};
    uint64_t init[16] = {0};

    for (unsigned t = IR_I32; t <= IR_I64; t++)
        for (unsigned i = 0; i < NEDGE; i++) {
            for (unsigned o = 0; o < 6; o++) {
                uint64_t arg[5] = {un[o], t, edge[i], 0, 0};

                ck_assert_int_eq(run_both(build_unop, arg, init), 1);
            }
            for (unsigned f = 0; f < 7; f++) {
                unsigned w = t == IR_I32 ? 32 : 64;

                if ((fields[f] & 0xff) + (fields[f] >> 8) > w)
                    continue;
                for (unsigned o = IR_EXTRACT; o <= IR_DEPOSIT; o++) {
                    uint64_t arg[5] = {o, t, edge[i], fields[f],
                                       edge[NEDGE - 1 - i]};

                    ck_assert_int_eq(run_both(build_unop, arg, init), 1);
                }
            }
        }
}
END_TEST

/* arg: cond, type, a, c. Setcond and select on constants and on state. */
static void build_cond(struct ir_block *b, const uint64_t *arg)
{
    enum ir_cond cond = (enum ir_cond)arg[0];
    enum ir_type t = (enum ir_type)arg[1];
    ir_temp ka = ir_const(b, t, arg[2]), kc = ir_const(b, t, arg[3]);
    ir_temp x = ir_get(b, IR_I64, R(5)), y = ir_get(b, IR_I64, R(6));
    ir_label l = ir_new_label(b);

    ir_set(b, R(0), ir_setcond(b, IR_I64, cond, ka, kc));
    ir_set(b, R(1), ir_select(b, cond, ka, kc, x, y));
    ir_set(b, R(2), ir_setcond(b, IR_I32, cond, ir_get(b, t, R(3)), kc));
    ir_brcond(b, cond, ka, kc, l);
    ir_set(b, R(7), x);
    ir_goto_pc(b, 0, 0x1000);
    ir_set_label(b, l);
    ir_set(b, R(8), y);
    ir_goto_pc(b, 1, 0x2000);
}

START_TEST(test_folded_conditions_match_the_interpreter)
{
    for (unsigned c = IR_EQ; c <= IR_GTU; c++)
        for (unsigned t = IR_I32; t <= IR_I64; t++)
            for (unsigned i = 0; i < NEDGE; i += 3)
                for (unsigned j = 0; j < NEDGE; j++) {
                    uint64_t arg[4] = {c, t, edge[i], edge[j]};
                    uint64_t init[16] = {0, 0, 0, edge[i], 0, 11, 22};

                    ck_assert_int_gt(run_both(build_cond, arg, init), 0);
                }
}
END_TEST

/* arg: opc, a, c, carry. Conversions and carries on constants. */
static void build_misc(struct ir_block *b, const uint64_t *arg)
{
    enum ir_type t = arg[0] == IR_ADDC_CARRY || arg[0] == IR_ADDC_OVF
                         ? (enum ir_type)(arg[3] >> 1)
                         : IR_I64;
    ir_temp k32 = ir_const(b, IR_I32, arg[1]),
            k64 = ir_const(b, IR_I64, arg[1]);

    ir_set(b, R(0), ir_convert(b, IR_ZEXT, IR_I64, k32));
    ir_set(b, R(1), ir_convert(b, IR_SEXT, IR_I64, k32));
    ir_set(b, R(2), ir_convert(b, IR_TRUNC, IR_I32, k64));
    ir_set(b, R(3),
           ir_addc(b, IR_ADDC_CARRY, ir_const(b, t, arg[1]),
                   ir_const(b, t, arg[2]), ir_const(b, t, arg[3] & 1)));
    ir_set(b, R(4),
           ir_addc(b, IR_ADDC_OVF, ir_const(b, t, arg[1]),
                   ir_const(b, t, arg[2]), ir_const(b, t, arg[3] & 1)));
    ir_goto_pc(b, 0, 0x1000);
}

START_TEST(test_folded_conversions_and_carries_match_the_interpreter)
{
    uint64_t init[16] = {0};

    for (unsigned i = 0; i < NEDGE; i++)
        for (unsigned j = 0; j < NEDGE; j++)
            for (unsigned k = 0; k < 4; k++) {
                uint64_t arg[4] = {IR_ADDC_CARRY, edge[i], edge[j], k};

                ck_assert_int_eq(run_both(build_misc, arg, init), 5);
            }
}
END_TEST

/* A block with forwarding, dead writes, a branch and both kinds of exit:
 * the path taken depends on r0 < r1 in the state. */
static void build_paths(struct ir_block *b, const uint64_t *arg)
{
    ir_temp x = ir_get(b, IR_I64, R(0)), y = ir_get(b, IR_I64, R(1));
    ir_temp t = ir_binop(b, IR_ADD, x, y);
    ir_label l = ir_new_label(b);

    (void)arg;
    ir_set(b, R(2), x);
    ir_brcond(b, IR_LTU, x, y, l);
    ir_set(b, R(2), t);
    ir_set(b, R(3), ir_get(b, IR_I64, R(2)));
    ir_set(
        b, R(5),
        ir_binop(b, IR_MUL, ir_get(b, IR_I64, R(3)), ir_const(b, IR_I64, 4)));
    ir_goto_pc(b, 0, 0x100);
    ir_set_label(b, l);
    ir_set(b, R(4), ir_get(b, IR_I64, R(2)));
    ir_set(b, R(2), y);
    ir_set(b, R(2), ir_binop(b, IR_XOR, ir_get(b, IR_I64, R(2)), y));
    ir_exit(b, IR_EXIT_SYSCALL, 0x200);
}

START_TEST(test_forwarded_state_on_both_paths_matches_the_interpreter)
{
    uint64_t lo_hi[16] = {3, 5}, hi_lo[16] = {UINT64_MAX, 5};

    ck_assert_int_gt(run_both(build_paths, NULL, lo_hi), 0);
    ck_assert_int_gt(run_both(build_paths, NULL, hi_lo), 0);
}
END_TEST

/* Helpers that really touch the state of struct denv. */
static uint64_t h_write_r2(void *env, uint64_t a, uint64_t b, uint64_t c,
                           uint64_t d)
{
    (void)b, (void)c, (void)d;
    ((struct denv *)env)->r[2] = a;
    return 0;
}

static uint64_t h_read_r2(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    return ((struct denv *)env)->r[2];
}

static const struct ir_helper h_writer = {"write_r2", h_write_r2, 1, IR_I64,
                                          IR_HELPER_WRITES_STATE};
static const struct ir_helper h_reader = {"read_r2", h_read_r2, 0, IR_I64,
                                          IR_HELPER_READS_STATE};

static void build_helpers(struct ir_block *b, const uint64_t *arg)
{
    ir_temp x = ir_get(b, IR_I64, R(0)), y = ir_get(b, IR_I64, R(1));
    ir_temp m, v;

    (void)arg;
    ir_set(b, R(2), x);
    ir_call(b, &h_writer, y, 0, 0, 0);
    ir_set(b, R(3), ir_get(b, IR_I64, R(2))); /* y, not x */
    ir_set(b, R(2), x);
    ir_set(b, R(4), ir_call(b, &h_reader, 0, 0, 0, 0)); /* sees x */
    ir_set(b, R(2), y);
    /* memory: a store, then a load of the same place */
    m = ir_const(b, IR_I64, 16);
    ir_store(b, IR_MO_32, m, 4, x);
    v = ir_load(b, IR_I64, IR_MO_32 | IR_MO_SIGN, m, 4);
    ir_set(b, R(5), v);
    ir_set(b, R(5), ir_binop(b, IR_ADD, v, ir_const(b, IR_I64, 0)));
    ir_goto_ptr(b, ir_binop(b, IR_AND, y, ir_const(b, IR_I64, ~UINT64_C(3))));
}

START_TEST(test_helpers_and_memory_match_the_interpreter)
{
    uint64_t init[16] = {0x1234567887654321, 0xabcdef};

    ck_assert_int_gt(run_both(build_helpers, NULL, init), 0);
}
END_TEST

TCase *opt_tcase_interp(void)
{
    TCase *tc = tcase_create("interp");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_folded_binops_match_the_interpreter);
    tcase_add_test(tc, test_folded_unops_and_fields_match_the_interpreter);
    tcase_add_test(tc, test_folded_conditions_match_the_interpreter);
    tcase_add_test(tc,
                   test_folded_conversions_and_carries_match_the_interpreter);
    tcase_add_test(tc,
                   test_forwarded_state_on_both_paths_matches_the_interpreter);
    tcase_add_test(tc, test_helpers_and_memory_match_the_interpreter);
    return tc;
}
