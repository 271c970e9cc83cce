/* tests/unit/check_opt_random.c: random blocks (reassigned temps,
 * overlapping state slots, helpers, memory, forward branches) run through
 * the reference interpreter before and after opt_block. */
#include <stddef.h>
#include <string.h>

#include "tests/unit/check_opt.h"
#include "translator/host/host.h"
#include "translator/interp/interp.h"

struct renv {
    struct cpu_common c;
    uint64_t r[8];
};

#define NPOOL 8 /* temps 0..3 are I64, 4..7 are I32 */
#define NLABELS 4

struct gen {
    struct ir_block *b;
    uint64_t seed;
    ir_temp pool[NPOOL];
    ir_label label[NLABELS];
    bool used[NLABELS], placed[NLABELS];
};

static uint64_t rnd(struct gen *g, uint64_t n)
{
    g->seed ^= g->seed << 13; /* xorshift64 */
    g->seed ^= g->seed >> 7;
    g->seed ^= g->seed << 17;
    return g->seed % n;
}

static const uint64_t rvals[] = {
    0, 1, 2, 31, 32, 63, 0x80000000, 0xffffffff, UINT64_C(1) << 63, UINT64_MAX};

/* A source of type t: a pool temp of that type or a constant. */
static ir_temp src(struct gen *g, enum ir_type t)
{
    if (rnd(g, 4) == 0)
        return ir_const(g->b, t, rvals[rnd(g, 10)]);
    return g->pool[(t == IR_I32 ? 4 : 0) + rnd(g, 4)];
}

static uint32_t slot(struct gen *g, enum ir_type t)
{
    uint32_t off = (uint32_t)offsetof(struct renv, r) + 8 * rnd(g, 4);

    return t == IR_I32 ? off + 4 * (uint32_t)rnd(g, 2) : off;
}

/* "dst = opc a, c" written into an existing temp (a reassignment). */
static void emit_into(struct gen *g, enum ir_opc opc, ir_temp dst, ir_temp a,
                      ir_temp c)
{
    struct ir_op *op = ir_append(g->b, opc, ir_temp_type(g->b, dst));

    op->args[0] = dst;
    op->args[1] = a;
    op->args[2] = c;
}

static uint64_t rh_write(void *env, uint64_t a, uint64_t b, uint64_t c,
                         uint64_t d)
{
    (void)b, (void)c, (void)d;
    ((struct renv *)env)->r[1] = a;
    return a;
}

static uint64_t rh_read(void *env, uint64_t a, uint64_t b, uint64_t c,
                        uint64_t d)
{
    (void)b, (void)c, (void)d;
    return ((struct renv *)env)->r[1] ^ a;
}

static const struct ir_helper rh_writer = {"w", rh_write, 1, IR_I64,
                                           IR_HELPER_WRITES_STATE};
static const struct ir_helper rh_reader = {"r", rh_read, 1, IR_I64,
                                           IR_HELPER_READS_STATE};

static void gen_control(struct gen *g)
{
    unsigned l = (unsigned)rnd(g, NLABELS);

    if (g->placed[l])
        return;
    if (!g->used[l] || rnd(g, 2)) {
        ir_brcond(g->b, (enum ir_cond)rnd(g, IR_GTU + 1), src(g, IR_I64),
                  src(g, IR_I64), g->label[l]);
        g->used[l] = true;
        return;
    }
    if (rnd(g, 2))
        ir_goto_pc(g->b, 1, 0x4000 + 4 * l);
    ir_set_label(g->b, g->label[l]);
    g->placed[l] = true;
}

/* One random op; a long switch over the kinds of op generated. */
static void gen_op(struct gen *g)
{
    static const enum ir_opc bin[] = {IR_ADD,  IR_SUB,  IR_MUL,  IR_AND,
                                      IR_OR,   IR_XOR,  IR_SHL,  IR_SAR,
                                      IR_DIVS, IR_REMU, IR_ROTR, IR_MULHU};
    enum ir_type t = rnd(g, 2) ? IR_I64 : IR_I32;
    ir_temp dst = g->pool[(t == IR_I32 ? 4 : 0) + rnd(g, 4)];
    ir_temp m = ir_const(g->b, IR_I64, 8 * rnd(g, 7));

    switch (rnd(g, 10)) {
    case 0:
    case 1:
        emit_into(g, bin[rnd(g, 12)], dst, src(g, t), src(g, t));
        break;
    case 2:
        ir_mov(g->b, dst, src(g, t));
        break;
    case 3:
        ir_mov(g->b, dst, ir_get(g->b, t, slot(g, t)));
        break;
    case 4:
    case 5:
        ir_set(g->b, slot(g, t), src(g, t));
        break;
    case 6:
        ir_mov(g->b, g->pool[rnd(g, 4)],
               ir_call(g->b, rnd(g, 2) ? &rh_writer : &rh_reader,
                       src(g, IR_I64), 0, 0, 0));
        break;
    case 7:
        if (rnd(g, 2))
            ir_store(g->b, t == IR_I32 ? IR_MO_32 : IR_MO_64, m, 0, src(g, t));
        else
            ir_mov(g->b, dst,
                   ir_load(g->b, t, t == IR_I32 ? IR_MO_32 : IR_MO_64, m, 0));
        break;
    case 8:
        ir_mov(g->b, dst,
               ir_setcond(g->b, t, (enum ir_cond)rnd(g, IR_GTU + 1), src(g, t),
                          src(g, t)));
        break;
    default:
        gen_control(g);
    }
}

static void gen_block(struct ir_block *b, uint64_t seed)
{
    struct gen g = {.b = b, .seed = seed};

    for (unsigned i = 0; i < NPOOL; i++) {
        enum ir_type t = i < 4 ? IR_I64 : IR_I32;

        g.pool[i] = ir_new_temp(b, t);
        ir_mov(b, g.pool[i], ir_get(b, t, slot(&g, t)));
    }
    for (unsigned i = 0; i < NLABELS; i++)
        g.label[i] = ir_new_label(b);
    for (unsigned i = 0; i < 40; i++)
        gen_op(&g);
    for (unsigned i = 0; i < NLABELS; i++)
        if (!g.placed[i])
            ir_set_label(b, g.label[i]);
    ir_set(b, (uint32_t)offsetof(struct renv, r) + 32, g.pool[0]);
    ir_set(b, (uint32_t)offsetof(struct renv, r) + 40, g.pool[4]);
    ir_goto_pc(b, 0, 0x1000);
}

static void run(const struct ir_block *b, struct renv *e, uint8_t *mem,
                struct run_result *res)
{
    for (int i = 0; i < 8; i++)
        e->r[i] = rvals[(i * 3 + 1) % 10] ^ (uint64_t)i << 20;
    memset(mem, 0x3c, 64);
    e->c.guest_base = (uintptr_t)mem;
    host_fp_begin(e, 0);
    interp_run(b, e, res);
    host_fp_end(e);
}

START_TEST(test_random_blocks_behave_the_same_optimized)
{
    uint64_t removed = 0;

    for (uint64_t seed = 1; seed <= 3000; seed++) {
        struct ir_block *plain = ir_block_new(), *opt = ir_block_new();
        struct renv e1 = {0}, e2 = {0};
        uint8_t m1[64], m2[64];
        struct run_result r1, r2;
        char err[200];

        gen_block(plain, seed * 0x9e3779b97f4a7c15);
        gen_block(opt, seed * 0x9e3779b97f4a7c15);
        ck_assert_msg(ir_verify(plain, err, sizeof err), "seed %llu: %s",
                      (unsigned long long)seed, err);
        opt_block(opt);
        ck_assert_msg(ir_verify(opt, err, sizeof err), "seed %llu: %s",
                      (unsigned long long)seed, err);
        run(plain, &e1, m1, &r1);
        run(opt, &e2, m2, &r2);
        ck_assert_msg(!memcmp(e1.r, e2.r, sizeof e1.r) && e1.c.pc == e2.c.pc &&
                          r1.slot == r2.slot && !memcmp(m1, m2, sizeof m1),
                      "seed %llu differs", (unsigned long long)seed);
        removed += plain->nops - opt->nops;
        ir_block_free(plain);
        ir_block_free(opt);
    }
    ck_assert_uint_gt(removed, 3000 * 10); /* the optimizer did work */
}
END_TEST

TCase *opt_tcase_random(void)
{
    TCase *tc = tcase_create("random");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_random_blocks_behave_the_same_optimized);
    return tc;
}
