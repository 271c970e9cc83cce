/* tests/unit/x64_fuzz.c: the differential IR fuzzer shared by
 * check_x64_fuzz (fixed seeds) and tests/fuzz/ir_fuzz (`make fuzz-ir`, for
 * as long as asked): random blocks (integer arithmetic, bit ops, memory and
 * atomics, forward branches, helper calls, register pressure; floats in
 * every rounding mode with flags; vectors) run by the x86-64 back end and by
 * the reference interpreter; final guest state, guest memory and exit must
 * agree. A failure prints the seed and the block. */
#include <fenv.h>

#include "tests/unit/unit.h"
#include "tests/unit/x64_fuzz.h"
#include "tests/unit/x64_harness.h"
#include "translator/interp/interp.h"

#define FZ_NREGS 16
#define FZ_MEM 0x400 /* guest bytes the blocks touch, from FZ_BASE */
#define FZ_BASE 0x1000
#define FZ_POOL 48

struct fz {
    uint64_t s;               /* xorshift64 state */
    struct ir_block *b;
    /* temps defined on every path, by type: I32, I64, F32, F64, V128 */
    ir_temp pool[5][FZ_POOL];
    unsigned n[5];
    bool fp; /* float ops too */
};

static uint64_t fz_next(struct fz *z)
{
    z->s ^= z->s << 13;
    z->s ^= z->s >> 7;
    z->s ^= z->s << 17;
    return z->s;
}

static unsigned fz_below(struct fz *z, unsigned n)
{
    return (unsigned)(fz_next(z) % n);
}

/* Values near the edges find more bugs than uniform ones. */
static uint64_t fz_value(struct fz *z)
{
    static const uint64_t edge[] = {0, 1, 2, ~0ull, 0x7fffffffffffffffull,
                                    0x8000000000000000ull, 0xffffffffull,
                                    0x80000000ull, 0x7fffffffull, 31, 32,
                                    63, 64};

    switch (fz_below(z, 4)) {
    case 0: return edge[fz_below(z, sizeof edge / sizeof edge[0])];
    case 1: return fz_below(z, 100);
    default: return fz_next(z);
    }
}

static enum ir_type fz_type(unsigned k)
{
    return (enum ir_type)k; /* IR_I32, IR_I64, IR_F32, IR_F64, IR_V128 */
}

/* Float operands at the edges of rounding, conversion and NaN handling. */
static uint64_t fz_fvalue(struct fz *z, unsigned k)
{
    static const double d[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5,
                               0.1, 1.0 / 3, 1e300, -1e300, 1e-310, 0x1p-1022,
                               0x1p63, -0x1p63, 0x1p64, 0x1p31, -0x1p31 - 0.5,
                               4294967295.5, 1e10, -1e10, 0x1p24 + 1, 3e38,
                               1e-40, __builtin_inf(), -__builtin_inf(),
                               __builtin_nan("")};
    double x = d[fz_below(z, sizeof d / sizeof d[0])];
    float f = (float)x;
    uint64_t v;
    uint32_t u;

    if (fz_below(z, 8) == 0) /* signalling NaNs */
        return k == 3 ? 0x7ff0000000000001ull : 0x7f800001u;
    if (fz_below(z, 6) == 0)
        return k == 3 ? fz_next(z) : (uint32_t)fz_next(z);
    if (k == 3) {
        memcpy(&v, &x, 8);
        return v;
    }
    memcpy(&u, &f, 4);
    return u;
}

static void fz_add(struct fz *z, ir_temp t)
{
    unsigned k = ir_temp_type(z->b, t);

    if (z->n[k] < FZ_POOL)
        z->pool[k][z->n[k]++] = t;
    else
        z->pool[k][fz_below(z, FZ_POOL)] = t;
}

/* An operand of kind k: a pool temp, sometimes a constant (vectors have
 * none: a dup of one). */
static ir_temp fz_pick(struct fz *z, unsigned k)
{
    if (k == 4 && (!z->n[k] || fz_below(z, 6) == 0))
        return ir_vdup(z->b, fz_below(z, 4), fz_pick(z, 1));
    if (k != 4 && (!z->n[k] || fz_below(z, 6) == 0))
        return ir_const(z->b, fz_type(k),
                        k >= 2 ? fz_fvalue(z, k) : fz_value(z));
    return z->pool[k][fz_below(z, z->n[k])];
}

static const enum ir_opc fz_binops[] = {
    IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR, IR_XOR, IR_ANDC, IR_SHL,
    IR_SHR, IR_SAR, IR_ROTL, IR_ROTR, IR_MULHS, IR_MULHU, IR_MULHSU,
    IR_DIVS, IR_DIVU, IR_REMS, IR_REMU};
static const enum ir_opc fz_unops[] = {IR_NEG, IR_NOT, IR_CLZ, IR_CTZ,
                                       IR_POPCNT, IR_BSWAP};

/* A guest address inside the window: FZ_BASE + (t & (FZ_MEM - 8)). */
static ir_temp fz_addr(struct fz *z)
{
    ir_temp t = fz_pick(z, 1);

    t = ir_binop(z->b, IR_AND, t, ir_const(z->b, IR_I64, FZ_MEM - 8));
    return ir_binop(z->b, IR_ADD, t, ir_const(z->b, IR_I64, FZ_BASE));
}

static void fz_field(struct fz *z, unsigned k)
{
    unsigned w = k ? 64 : 32, len = 1 + fz_below(z, w);
    unsigned pos = fz_below(z, w - len + 1);
    ir_temp a = fz_pick(z, k);

    switch (fz_below(z, 3)) {
    case 0: fz_add(z, ir_extract(z->b, false, a, pos, len)); break;
    case 1: fz_add(z, ir_extract(z->b, true, a, pos, len)); break;
    default: fz_add(z, ir_deposit(z->b, a, fz_pick(z, k), pos, len)); break;
    }
}

static void fz_memop(struct fz *z, unsigned k)
{
    unsigned size = fz_below(z, k ? 4 : 3);
    unsigned mo = size | (fz_below(z, 2) ? IR_MO_SIGN : 0);
    int64_t off = (int64_t)fz_below(z, 8) - 4;
    ir_temp a = fz_addr(z);

    off &= ~(int64_t)((1 << size) - 1);
    if (fz_below(z, 4) == 0) {
        a = ir_binop(z->b, IR_ADD, a, ir_const(z->b, IR_I64,
                                               (uint64_t)(off + 8)));
        if (fz_below(z, 2))
            fz_add(z, ir_atomic_rmw(z->b, (enum ir_rmw)fz_below(z, IR_NRMWS),
                                    mo, a, fz_pick(z, k)));
        else
            fz_add(z, ir_cmpxchg(z->b, mo, a, fz_pick(z, k), fz_pick(z, k)));
    } else if (fz_below(z, 2))
        fz_add(z, ir_load(z->b, fz_type(k), mo, a, off + 8));
    else
        ir_store(z->b, size, a, off + 8, fz_pick(z, k));
}

/* A helper call: its arguments and result travel through the ABI, and
 * every temp live across it must survive. */
static uint64_t fz_helper_fn(void *env, uint64_t a, uint64_t b, uint64_t c,
                             uint64_t d)
{
    (void)env;
    return (a * 3 + b) ^ (c - (d << 7));
}

static const struct ir_helper fz_helper4 = {"fz4", fz_helper_fn, 4, IR_I64,
                                            IR_HELPER_PURE};
static const struct ir_helper fz_helper3 = {"fz3", fz_helper_fn, 3, IR_I64,
                                            IR_HELPER_PURE};

static void fz_call(struct fz *z)
{
    bool four = fz_below(z, 2);

    fz_add(z, ir_call(z->b, four ? &fz_helper4 : &fz_helper3, fz_pick(z, 1),
                      fz_pick(z, 1), fz_pick(z, 1),
                      four ? fz_pick(z, 1) : IR_NO_TEMP));
}

/* One random op (or short sequence) on the pool. */
static void fz_op(struct fz *z)
{
    unsigned k = fz_below(z, 2), r = fz_below(z, 20);
    enum ir_cond c = (enum ir_cond)fz_below(z, IR_FEQ);

    if (r < 7)
        fz_add(z, ir_binop(z->b, fz_binops[fz_below(z, 19)], fz_pick(z, k),
                           fz_pick(z, k)));
    else if (r < 9)
        fz_add(z, ir_unop(z->b, fz_unops[fz_below(z, 6)], fz_pick(z, k)));
    else if (r < 10)
        fz_field(z, k);
    else if (r < 11)
        fz_add(z, ir_setcond(z->b, fz_type(fz_below(z, 2)), c,
                             fz_pick(z, k), fz_pick(z, k)));
    else if (r < 12)
        fz_add(z, ir_select(z->b, c, fz_pick(z, k), fz_pick(z, k),
                            fz_pick(z, !k), fz_pick(z, !k)));
    else if (r < 13)
        fz_add(z, ir_addc(z->b, fz_below(z, 2) ? IR_ADDC_CARRY : IR_ADDC_OVF,
                          fz_pick(z, k), fz_pick(z, k),
                          ir_binop(z->b, IR_AND, fz_pick(z, k),
                                   ir_const(z->b, fz_type(k), 1))));
    else if (r < 14)
        fz_add(z, k ? ir_convert(z->b, fz_below(z, 2) ? IR_ZEXT : IR_SEXT,
                                 IR_I64, fz_pick(z, 0))
                    : ir_convert(z->b, IR_TRUNC, IR_I32, fz_pick(z, 1)));
    else if (r < 17)
        fz_memop(z, k);
    else if (r < 18 && fz_below(z, 3) == 0)
        fz_call(z);
    else if (r < 18 && z->n[k])
        ir_set(z->b, (uint32_t)(offsetof(struct tenv, r) + 8 * fz_below(z, 16)),
               z->pool[k][fz_below(z, z->n[k])]);
    else if (z->n[k])
        ir_mov(z->b, z->pool[k][fz_below(z, z->n[k])], fz_pick(z, k));
}

/* A float operand that is never NaN. Which NaN fma returns when several
 * operands are NaNs differs between libm's fma and the FMA3 instruction
 * forms (IEEE 754 leaves it open), so the fuzzer keeps to one NaN. */
static ir_temp fz_not_nan(struct fz *z, unsigned k)
{
    ir_temp x = fz_pick(z, k);
    ir_temp one = ir_const(z->b, fz_type(k), k == 3 ? 0x3ff0000000000000ull
                                                    : 0x3f800000u);

    return ir_select(z->b, IR_FUNORD, x, x, one, x);
}

/* One float op on the pool: arithmetic, comparisons, conversions in
 * both directions, rounding-mode changes, flag reads. */
static void fz_fop(struct fz *z)
{
    static const enum ir_opc bin[4] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV};
    static const enum ir_opc un[3] = {IR_FSQRT, IR_FNEG, IR_FABS};
    unsigned k = 2 + fz_below(z, 2), ik = fz_below(z, 2), r = fz_below(z, 16);
    unsigned k2 = 2 + fz_below(z, 2);
    enum ir_cond c = (enum ir_cond)(IR_FEQ + fz_below(z, 4));
    struct ir_block *b = z->b;

    if (r < 5) {
        fz_add(z, ir_binop(b, bin[fz_below(z, 4)], fz_pick(z, k),
                           fz_pick(z, k)));
        if (fz_below(z, 2)) /* a NaN result: the default one */
            b->ops[b->nops - 1].imm |= IR_FP_DEFAULT_NAN;
    } else if (r < 6)
        fz_add(z, ir_unop(b, un[fz_below(z, 3)], fz_pick(z, k)));
    else if (r < 7)
        fz_add(z, ir_fma(b, fz_not_nan(z, k), fz_not_nan(z, k),
                         fz_pick(z, k)));
    else if (r < 8) {
        fz_add(z, ir_fcmp(b, fz_type(ik), c, fz_pick(z, k), fz_pick(z, k)));
        if (fz_below(z, 2))
            b->ops[b->nops - 1].imm |= IR_FCMP_QUIET;
    }
    else if (r < 10)
        fz_add(z, ir_fcvt(b, IR_FCVT_F2I, fz_type(ik), fz_below(z, 4),
                          fz_pick(z, k)));
    else if (r < 11)
        fz_add(z, ir_fcvt(b, IR_FCVT_I2F, fz_type(k), fz_below(z, 2),
                          fz_pick(z, ik)));
    else if (r < 12)
        fz_add(z, ir_convert(b, IR_FCVT_F2F, fz_type(5 - k), fz_pick(z, k)));
    else if (r < 13)
        fz_add(z, fz_below(z, 2)
                      ? ir_convert(b, IR_BITCAST, fz_type(k - 2), fz_pick(z, k))
                      : ir_convert(b, IR_BITCAST, fz_type(k),
                                   fz_pick(z, k - 2)));
    else if (r < 14)
        fz_add(z, ir_select(b, c, fz_pick(z, k), fz_pick(z, k),
                            fz_pick(z, k2), fz_pick(z, k2)));
    else if (r < 15)
        ir_fp_setround(b, (enum ir_round)fz_below(z, 4));
    else
        fz_add(z, ir_fp_flags(b));
}

/* One vector op: lane-wise arithmetic and logic, dup, lane get/set. */
static void fz_vop(struct fz *z)
{
    static const enum ir_opc bin[5] = {IR_VADD, IR_VSUB, IR_VAND, IR_VOR,
                                       IR_VXOR};
    unsigned lane = fz_below(z, 4), idx = fz_below(z, 16u >> lane);

    switch (fz_below(z, 5)) {
    case 0: case 1:
        fz_add(z, ir_vbinop(z->b, bin[fz_below(z, 5)], lane, fz_pick(z, 4),
                            fz_pick(z, 4)));
        break;
    case 2: fz_add(z, ir_vdup(z->b, lane, fz_pick(z, 1))); break;
    case 3: fz_add(z, ir_vgetlane(z->b, lane, fz_pick(z, 4), idx)); break;
    default:
        fz_add(z, ir_vsetlane(z->b, lane, fz_pick(z, 4), idx,
                              fz_pick(z, 1)));
        break;
    }
}

static void fz_any(struct fz *z)
{
    unsigned r = z->fp ? fz_below(z, 6) : 0;

    if (r >= 4)
        fz_fop(z);
    else if (r >= 2)
        fz_vop(z);
    else
        fz_op(z);
}

/* A forward branch over a few ops, which may end in an exit; temps first
 * defined in the skipped part are dropped from the pool at the label
 * (undefined on the taken path), re-assignments of older temps stay. */
static void fz_branch(struct fz *z, unsigned nops)
{
    unsigned k = fz_below(z, 2), saved[5];
    ir_temp keep[5][FZ_POOL];
    ir_label l = ir_new_label(z->b);

    memcpy(keep, z->pool, sizeof keep);
    memcpy(saved, z->n, sizeof saved);
    ir_brcond(z->b, (enum ir_cond)fz_below(z, IR_FEQ), fz_pick(z, k),
              fz_pick(z, k), l);
    for (unsigned i = 0; i < nops; i++)
        fz_any(z);
    if (!z->fp && fz_below(z, 3) == 0) {
        /* The skipped part leaves: the label is a side path that only
         * the branch reaches (FP blocks must reach their end, which
         * restores the rounding mode). */
        ir_set(z->b, R_OFF(fz_below(z, FZ_NREGS)), fz_pick(z, 1));
        ir_goto_pc(z->b, 0, 0x1000 + 4 * fz_below(z, 100));
    }
    ir_set_label(z->b, l);
    memcpy(z->pool, keep, sizeof keep);
    memcpy(z->n, saved, sizeof saved);
}

/* A loop block's own pc, and its round counter (not one of r[0..15]). */
#define FZ_LOOP_PC 0x4000
#define FZ_LOOP_REG 16
#define FZ_LOOP_ROUNDS 4

/* A block over r[0..15] (and f[0..15] with fp): gets, random ops, sets;
 * with fp it runs in a random rounding mode and leaves its flags in
 * r[15]. With loop, it runs FZ_LOOP_ROUNDS times, jumping back to its own
 * start (which the back end may turn into a loop that holds guest
 * registers in host ones), unless a side exit leaves first. */
static struct ir_block *fz_block(uint64_t seed, bool fp, bool loop)
{
    struct fz z = {seed * 0x9e3779b97f4a7c15ull + 1, ir_block_new(), {{0}},
                   {0}, fp};
    unsigned nops = 10 + fz_below(&z, 80);
    ir_label again = 0;

    if (loop)
        ir_block_reset(z.b, FZ_LOOP_PC);
    if (fp) {
        ir_fp_setround(z.b, (enum ir_round)fz_below(&z, 4));
        ir_fp_clearflags(z.b);
    }
    for (int i = 0; i < FZ_NREGS; i++) {
        fz_add(&z, ir_get(z.b, fz_type(fz_below(&z, 2)), R_OFF(i)));
        if (fp)
            fz_add(&z, ir_get(z.b, fz_type(2 + fz_below(&z, 2)), F_OFF(i)));
        if (fp && i < 4)
            fz_add(&z, ir_get(z.b, IR_V128, V_OFF(i)));
    }
    for (unsigned i = 0; i < nops; i++) {
        if (fz_below(&z, 12) == 0)
            fz_branch(&z, 1 + fz_below(&z, 6));
        else
            fz_any(&z);
    }
    for (int i = 0; i < FZ_NREGS; i++) {
        ir_set(z.b, R_OFF(i), fz_pick(&z, fz_below(&z, 2)));
        if (fp)
            ir_set(z.b, F_OFF(i), fz_pick(&z, 2 + fz_below(&z, 2)));
        if (fp && i < 4)
            ir_set(z.b, V_OFF(i), fz_pick(&z, 4));
    }
    if (fp) {
        ir_set(z.b, R_OFF(15), ir_fp_flags(z.b));
        ir_fp_setround(z.b, IR_ROUND_NEAREST_EVEN);
    }
    if (loop) {
        ir_temp n = ir_binop(z.b, IR_ADD, ir_get(z.b, IR_I64, R_OFF(FZ_LOOP_REG)),
                             ir_const(z.b, IR_I64, 1));

        again = ir_new_label(z.b);
        ir_set(z.b, R_OFF(FZ_LOOP_REG), n);
        ir_brcond(z.b, IR_LTU, n, ir_const(z.b, IR_I64, FZ_LOOP_ROUNDS), again);
    }
    switch (fz_below(&z, 3)) {
    case 0:
        ir_goto_pc(z.b, fz_below(&z, 2), 0x2000 + 4 * fz_below(&z, 100));
        break;
    case 1: ir_goto_ptr(z.b, fz_pick(&z, 1)); break;
    default: ir_exit(z.b, (enum ir_exit_reason)fz_below(&z, IR_NEXITS),
                     0x3000);
    }
    if (loop) {
        ir_set_label(z.b, again);
        ir_goto_pc(z.b, 1, FZ_LOOP_PC);
    }
    return z.b;
}

/* Runs b until it leaves other than back to its own start or its rounds
 * are done (a back end that keeps the loop inside the block leaves once;
 * the interpreter, or a block whose helpers see the state, once per
 * round; an indirect goto may come back too, after the last round). */
static void fz_run(const struct ir_block *b, struct tenv *e, bool jit,
                   uint32_t pin, struct run_result *out)
{
    const void *rx = NULL;

    if (jit) {
        host_set_inner_loops(b->pc == FZ_LOOP_PC);
        host_set_pinned(pin);
        rx = th_compile(b, NULL);
        host_set_inner_loops(false);
    }
    fesetenv(FE_DFL_ENV);
    host_fp_begin(e, 0);
    for (int round = 0; round <= FZ_LOOP_ROUNDS; round++) {
        if (jit)
            host_run(rx, e, out);
        else
            interp_run(b, e, out);
        if (out->end != RUN_GOTO || e->common.pc != FZ_LOOP_PC ||
            b->pc != FZ_LOOP_PC || e->r[FZ_LOOP_REG] >= FZ_LOOP_ROUNDS)
            break;
    }
    host_fp_end(e);
    host_set_pinned(0);
}

static uint8_t fz_mem_jit[FZ_BASE + FZ_MEM + 64];
static uint8_t fz_mem_ref[FZ_BASE + FZ_MEM + 64];

static void fz_state(uint64_t seed, struct tenv *e, uint8_t *mem)
{
    struct fz z = {seed ^ 0x5555aaaa5555aaaaull, NULL, {{0}}, {0}, false};

    th_env_init(e);
    e->common.guest_base = (uintptr_t)mem;
    for (int i = 0; i < FZ_NREGS; i++) {
        e->r[i] = fz_value(&z);
        e->f[i] = fz_fvalue(&z, 3);
        if (fz_below(&z, 2))
            e->f[i] = fz_fvalue(&z, 2);
    }
    for (size_t i = 0; i < FZ_BASE + FZ_MEM + 64; i++)
        mem[i] = (uint8_t)fz_next(&z);
    for (size_t i = 0; i < sizeof e->v; i++)
        e->v[i / 16][i % 16] = (uint8_t)fz_next(&z);
}

static void fz_report(uint64_t seed, const struct ir_block *b,
                      const char *what)
{
    fprintf(stderr, "x64 fuzz: seed %llu: %s differs; block:\n",
            (unsigned long long)seed, what);
    ir_print(b, NULL, stderr);
}

bool fz_one(uint64_t seed, bool fp)
{
    /* Every third seed loops; every other one has a register pinned
     * (host_set_pinned), which the block may read in part. */
    struct ir_block *b = fz_block(seed, fp, seed % 3 == 0);
    uint32_t pin = seed % 2 ? R_OFF(seed / 2 % FZ_NREGS) : 0;
    struct tenv ej, er;
    struct run_result oj, or;
    bool ok = true;

    fz_state(seed, &ej, fz_mem_jit);
    fz_state(seed, &er, fz_mem_ref);
    fz_run(b, &ej, true, pin, &oj);
    fz_run(b, &er, false, 0, &or);
    ej.common.guest_base = er.common.guest_base;
    for (int i = 0; i < FZ_NREGS; i++) {
        if (ej.r[i] != er.r[i] || ej.f[i] != er.f[i]) {
            fprintf(stderr, "x64 fuzz: r%d jit %#llx ref %#llx, f%d jit "
                            "%#llx ref %#llx\n", i,
                    (unsigned long long)ej.r[i], (unsigned long long)er.r[i],
                    i, (unsigned long long)ej.f[i],
                    (unsigned long long)er.f[i]);
            break;
        }
    }
    if (memcmp(ej.r, er.r, sizeof ej.r) || memcmp(ej.f, er.f, sizeof ej.f) ||
        memcmp(ej.v, er.v, sizeof ej.v) || ej.common.pc != er.common.pc)
        fz_report(seed, b, "guest state"), ok = false;
    else if (memcmp(fz_mem_jit, fz_mem_ref, sizeof fz_mem_jit))
        fz_report(seed, b, "guest memory"), ok = false;
    else if (oj.end != or.end || oj.slot != or.slot ||
             (oj.end == RUN_EXIT && oj.reason != or.reason))
        fz_report(seed, b, "exit"), ok = false;
    ir_block_free(b);
    return ok;
}

