/* tests/unit/check_x64_fp.c: the x86-64 back end's floating-point ops:
 * results against C under the same rounding mode, IEEE flags, NaNs,
 * signed zeros, denormals, saturating conversions, fused multiply-add. */
#include <fenv.h>
#include <float.h>
#include <math.h>

#include "tests/unit/x64_suites.h"

#define F64 IR_F64
#define F32 IR_F32

static uint64_t d2u(double d)
{
    uint64_t v;

    memcpy(&v, &d, 8);
    return v;
}

static double u2d(uint64_t v)
{
    double d;

    memcpy(&d, &v, 8);
    return d;
}

static uint64_t f2u(float f)
{
    uint32_t v;

    memcpy(&v, &f, 4);
    return v;
}

static float u2f(uint64_t v)
{
    uint32_t u = (uint32_t)v;
    float f;

    memcpy(&f, &u, 4);
    return f;
}

static const int c_round[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD,
                               FE_TOWARDZERO};

/* Runs op on (a, b) under rounding mode rm with the flags cleared first;
 * returns the result bits and the flags it raised. Both operands in
 * registers, then b as a constant: the two must agree. */
static uint64_t fp_eval(const struct th_op *op, enum ir_round rm, uint64_t a,
                        uint64_t bv, unsigned *flags)
{
    uint64_t res[2];
    unsigned fl[2];

    for (int m = 0; m < 2; m++) {
        struct ir_block *b = ir_block_new();
        ir_temp x = ir_get(b, op->type, R_OFF(0));
        ir_temp y = m ? ir_const(b, op->type, bv)
                      : ir_get(b, op->type, R_OFF(1));
        struct tenv e;

        ir_fp_setround(b, rm);
        ir_fp_clearflags(b);
        ir_set(b, R_OFF(2), op->build(b, op, x, y));
        ir_set(b, R_OFF(3), ir_fp_flags(b));
        ir_fp_setround(b, IR_ROUND_NEAREST_EVEN);
        ir_goto_pc(b, 0, 0x10);
        th_env_init(&e);
        e.r[0] = a;
        e.r[1] = bv;
        th_run(b, &e);
        res[m] = e.r[2];
        fl[m] = (unsigned)e.r[3];
        ir_block_free(b);
    }
    ck_assert_uint_eq(res[0], res[1]);
    ck_assert_uint_eq(fl[0], fl[1]);
    if (flags)
        *flags = fl[0];
    return res[0];
}

static uint64_t fbin(enum ir_opc opc, enum ir_type ty, enum ir_round rm,
                     uint64_t a, uint64_t b, unsigned *flags)
{
    struct th_op op = {th_build_binop, opc, ty, 0, 0};

    return fp_eval(&op, rm, a, b, flags);
}

static uint64_t dbin(enum ir_opc opc, double a, double b, unsigned *flags)
{
    return fbin(opc, F64, IR_ROUND_NEAREST_EVEN, d2u(a), d2u(b), flags);
}

static double c_op(enum ir_opc opc, volatile double x, volatile double y)
{
    return opc == IR_FADD ? x + y : opc == IR_FSUB ? x - y
         : opc == IR_FMUL ? x * y : x / y;
}

static float c_opf(enum ir_opc opc, volatile float x, volatile float y)
{
    return opc == IR_FADD ? x + y : opc == IR_FSUB ? x - y
         : opc == IR_FMUL ? x * y : x / y;
}

START_TEST(test_arithmetic_matches_c_in_every_rounding_mode)
{
    static const enum ir_opc ops[4] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV};
    volatile double x = 0.1, y = -0.7;
    volatile float fx = 0.1f, fy = 0.7f;

    for (int rm = 0; rm < 4; rm++)
        for (int i = 0; i < 4; i++) {
            /* volatile stores keep the compiler from moving the C
             * arithmetic past fesetround() */
            volatile double want;
            volatile float fwant;

            fesetround(c_round[rm]);
            want = c_op(ops[i], x, y);
            fwant = c_opf(ops[i], fx, fy);
            fesetround(FE_TONEAREST);
            ck_assert_uint_eq(fbin(ops[i], F64, rm, d2u(x), d2u(y), NULL),
                              d2u(want));
            ck_assert_msg(fbin(ops[i], F32, rm, f2u(fx), f2u(fy), NULL) ==
                              f2u(fwant),
                          "op %d in rounding mode %d", i, rm);
        }
}
END_TEST

START_TEST(test_directed_rounding_changes_the_last_bit)
{
    uint64_t down = fbin(IR_FDIV, F64, IR_ROUND_DOWN, d2u(1), d2u(3), NULL);
    uint64_t up = fbin(IR_FDIV, F64, IR_ROUND_UP, d2u(1), d2u(3), NULL);
    uint64_t zero = fbin(IR_FDIV, F64, IR_ROUND_ZERO, d2u(-1), d2u(3), NULL);
    uint64_t down_neg = fbin(IR_FDIV, F64, IR_ROUND_DOWN, d2u(-1), d2u(3),
                             NULL);

    ck_assert_uint_eq(up, down + 1);
    ck_assert_uint_eq(down_neg, zero + 1); /* magnitudes: -1/3 rounded away */
    ck_assert_uint_eq(fbin(IR_FDIV, F64, IR_ROUND_NEAREST_EVEN, d2u(1), d2u(3),
                           NULL),
                      d2u(1.0 / 3));
}
END_TEST

START_TEST(test_flags_report_each_ieee_exception)
{
    unsigned f;

    dbin(IR_FADD, 1.0, 2.0, &f);
    ck_assert_uint_eq(f, 0);
    dbin(IR_FDIV, 1.0, 3.0, &f);
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
    ck_assert_uint_eq(dbin(IR_FDIV, 1.0, 0.0, &f), d2u(INFINITY));
    ck_assert_uint_eq(f, IR_FPF_DIVZERO);
    ck_assert(isnan(u2d(dbin(IR_FDIV, 0.0, 0.0, &f))));
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    dbin(IR_FMUL, DBL_MAX, 2.0, &f);
    ck_assert_uint_eq(f, IR_FPF_OVERFLOW | IR_FPF_INEXACT);
    dbin(IR_FMUL, DBL_MIN, 0.5 + 0x1p-53, &f);
    ck_assert_uint_eq(f, IR_FPF_UNDERFLOW | IR_FPF_INEXACT);
}
END_TEST

/* A NaN operand: the first NaN operand, quieted, as the interpreter
 * gives it (check_interp_fp has the same cases). */
START_TEST(test_a_nan_operand_gives_the_first_nan_quieted)
{
    const enum ir_round rn = IR_ROUND_NEAREST_EVEN;
    unsigned f;

    ck_assert_uint_eq(fbin(IR_FADD, F64, rn, 0x7ff8000000000001ull,
                           0xfff8000000000002ull, &f), 0x7ff8000000000001ull);
    ck_assert_uint_eq(fbin(IR_FMUL, F64, rn, 0xfff8000000000002ull,
                           0x7ff8000000000001ull, &f), 0xfff8000000000002ull);
    ck_assert_uint_eq(fbin(IR_FADD, F64, rn, d2u(1.0), 0xfff8000000000002ull,
                           &f), 0xfff8000000000002ull);
    ck_assert_uint_eq(fbin(IR_FMUL, F32, rn, 0xffc00002u, 0x7f800001u, &f),
                      0xffc00002u);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fbin(IR_FSUB, F32, rn, 0x7f800001u, 0xffc00002u, &f),
                      0x7fc00001u);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fbin(IR_FDIV, F64, rn, d2u(2.0), 0x7ff0000000000001ull,
                           &f), 0x7ff8000000000001ull);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_denormal_operands_raise_no_flag)
{
    unsigned f;

    ck_assert_uint_eq(dbin(IR_FADD, 0x1p-1074, 0.0, &f), d2u(0x1p-1074));
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(dbin(IR_FMUL, 0x1p-1060, 2.0, &f), d2u(0x1p-1059));
    ck_assert_uint_eq(f, 0);
}
END_TEST

/* host.h's lazy FP flags, driven from C as the interpreter and helpers
 * do: the record starts with the word, what is raised while armed traps
 * into it (an exact tiny result leaves underflow to MXCSR's own flag),
 * and after host_fp_end ferry's own code raises flags without trapping. */
START_TEST(test_flag_record_traps_while_armed_only)
{
    volatile double one = 1.0, three = 3.0, zero = 0.0, r;
    struct tenv e;
    /* The trap writes it behind the compiler's back. */
    volatile uint32_t *rec = &e.common.fp_host;

    th_env_init(&e);
    feclearexcept(FE_ALL_EXCEPT);
    host_fp_begin(&e, IR_FPF_OVERFLOW);
    ck_assert_uint_eq(host_fp_flags(&e), IR_FPF_OVERFLOW);
    r = one / three;
    ck_assert_uint_eq(*rec, IR_FPF_OVERFLOW | IR_FPF_INEXACT);
    host_fp_clear(&e);
    ck_assert_uint_eq(host_fp_flags(&e), 0);
    r = 0x1p-1070 * (one / 2);
    ck_assert_uint_eq(host_fp_flags(&e), 0);
    r = DBL_MIN * (0.5 + 0x1p-53 * one);
    ck_assert_uint_eq(host_fp_flags(&e), IR_FPF_UNDERFLOW | IR_FPF_INEXACT);
    r = one / zero;
    ck_assert_uint_eq(host_fp_end(&e),
                      IR_FPF_UNDERFLOW | IR_FPF_INEXACT | IR_FPF_DIVZERO);
    ck_assert_uint_eq(*rec, 0);
    r = one / three;
    ck_assert(fetestexcept(FE_INEXACT));
    ck_assert_uint_eq(*rec, 0);
    feclearexcept(FE_ALL_EXCEPT);
    (void)r;
}
END_TEST

static ir_temp build_sqrt(struct ir_block *b, const struct th_op *op,
                          ir_temp x, ir_temp y)
{
    (void)y;
    return ir_unop(b, op->opc, x);
}

START_TEST(test_sqrt_neg_and_abs)
{
    struct th_op op = {build_sqrt, IR_FSQRT, F64, 0, 0};
    unsigned f;

    ck_assert_uint_eq(fp_eval(&op, 0, d2u(2.0), 0, &f), d2u(sqrt(2.0)));
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
    ck_assert(isnan(u2d(fp_eval(&op, 0, d2u(-1.0), 0, &f))));
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    op.type = F32;
    ck_assert_uint_eq(fp_eval(&op, 0, f2u(16.0f), 0, &f), f2u(4.0f));
    op.opc = IR_FNEG;
    ck_assert_uint_eq(fp_eval(&op, 0, f2u(0.0f), 0, &f), 0x80000000u);
    ck_assert_uint_eq(fp_eval(&op, 0, 0x7fc00001u, 0, &f), 0xffc00001u);
    ck_assert_uint_eq(f, 0);
    op.type = F64;
    ck_assert_uint_eq(fp_eval(&op, 0, d2u(-0.0), 0, &f), 0);
    ck_assert_uint_eq(fp_eval(&op, 0, 0x7ff0000000000001ull, 0, &f),
                      0xfff0000000000001ull);
    ck_assert_uint_eq(f, 0); /* a signalling NaN, untouched and quiet */
    op.opc = IR_FABS;
    ck_assert_uint_eq(fp_eval(&op, 0, 0xfff8000000000123ull, 0, &f),
                      0x7ff8000000000123ull);
    ck_assert_uint_eq(fp_eval(&op, 0, d2u(-2.5), 0, &f), d2u(2.5));
    op.type = F32;
    ck_assert_uint_eq(fp_eval(&op, 0, f2u(-0.0f), 0, &f), 0);
}
END_TEST

static ir_temp build_fcmp(struct ir_block *b, const struct th_op *op,
                          ir_temp x, ir_temp y)
{
    ir_temp r = ir_fcmp(b, IR_I64, op->cond, x, y);

    b->ops[b->nops - 1].imm = op->imm; /* IR_FCMP_QUIET */
    return r;
}

static uint64_t fcmp(enum ir_cond c, double a, double b, unsigned *f)
{
    struct th_op op = {build_fcmp, 0, F64, c, 0};

    return fp_eval(&op, 0, d2u(a), d2u(b), f);
}

static uint64_t fcmp_quiet(enum ir_cond c, enum ir_type ty, uint64_t a,
                           uint64_t b, unsigned *f)
{
    struct th_op op = {build_fcmp, 0, ty, c, IR_FCMP_QUIET};

    return fp_eval(&op, 0, a, b, f);
}

START_TEST(test_fcmp_orders_and_signals_per_ir)
{
    double snan = u2d(0x7ff0000000000001ull);
    unsigned f;

    ck_assert_uint_eq(fcmp(IR_FEQ, 0.0, -0.0, &f), 1);
    ck_assert_uint_eq(fcmp(IR_FLT, 1.0, 2.0, &f), 1);
    ck_assert_uint_eq(fcmp(IR_FLT, 2.0, 1.0, &f), 0);
    ck_assert_uint_eq(fcmp(IR_FLT, 2.0, 2.0, &f), 0);
    ck_assert_uint_eq(fcmp(IR_FLE, 2.0, 2.0, &f), 1);
    ck_assert_uint_eq(fcmp(IR_FLE, -INFINITY, -DBL_MAX, &f), 1);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp(IR_FEQ, NAN, NAN, &f), 0);
    ck_assert_uint_eq(f, 0); /* quiet NaN: quiet comparison */
    ck_assert_uint_eq(fcmp(IR_FEQ, snan, 1.0, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fcmp(IR_FLT, NAN, 1.0, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fcmp(IR_FLE, 1.0, NAN, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fcmp(IR_FUNORD, 1.0, NAN, &f), 1);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp(IR_FUNORD, 1.0, 2.0, &f), 0);
}
END_TEST

static ir_temp build_cvt(struct ir_block *b, const struct th_op *op,
                         ir_temp x, ir_temp y)
{
    (void)y;
    return ir_fcvt(b, op->opc, (enum ir_type)(op->cond), (unsigned)op->imm,
                   x);
}

/* Converts a (of type from) to type to, with cvt flags. */
static uint64_t cvt(enum ir_opc opc, enum ir_type from, enum ir_type to,
                    unsigned flags, enum ir_round rm, uint64_t a, unsigned *f)
{
    struct th_op op = {build_cvt, opc, from, (enum ir_cond)to, flags};

    return fp_eval(&op, rm, a, 0, f);
}

static uint64_t f2i(enum ir_type to, unsigned fl, double a, unsigned *f)
{
    return cvt(IR_FCVT_F2I, F64, to, fl, 0, d2u(a), f);
}

START_TEST(test_float_to_int_saturates_and_handles_nan)
{
    unsigned f;

    ck_assert_uint_eq(f2i(IR_I64, 0, 1e30, &f), INT64_MAX);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, 0, -1e30, &f), (uint64_t)INT64_MIN);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, 0, -0x1p63, &f), (uint64_t)INT64_MIN);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(f2i(IR_I64, 0, NAN, &f), INT64_MAX);
    ck_assert_uint_eq(f2i(IR_I64, IR_CVT_NAN_ZERO, NAN, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I32, 0, 3e9, &f), INT32_MAX);
    ck_assert_uint_eq(f2i(IR_I32, 0, -3e9, &f), 0x80000000u);
    ck_assert_uint_eq(f2i(IR_I32, 0, -2.5, &f), (uint32_t)-2);
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
    ck_assert_uint_eq(f2i(IR_I32, IR_CVT_NAN_ZERO, -NAN, &f), 0);
    ck_assert_uint_eq(cvt(IR_FCVT_F2I, F64, IR_I64, 0, IR_ROUND_UP, d2u(2.25),
                          &f),
                      3);
    ck_assert_uint_eq(cvt(IR_FCVT_F2I, F32, IR_I64, 0, IR_ROUND_DOWN,
                          f2u(-2.25f), &f),
                      (uint64_t)-3);
    ck_assert_uint_eq(f2i(IR_I64, 0, 2.5, &f), 2); /* ties to even */
}
END_TEST

START_TEST(test_float_to_unsigned_saturates_at_both_ends)
{
    unsigned u = IR_CVT_UNSIGNED, f;

    ck_assert_uint_eq(f2i(IR_I64, u, -1.0, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, u, -0.25, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
    ck_assert_uint_eq(f2i(IR_I64, u, 1.8e19, &f), 18000000000000000000ull);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(f2i(IR_I64, u, 2e19, &f), UINT64_MAX);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, u, NAN, &f), UINT64_MAX);
    ck_assert_uint_eq(f2i(IR_I64, u | IR_CVT_NAN_ZERO, NAN, &f), 0);
    ck_assert_uint_eq(f2i(IR_I32, u, 4294967295.0, &f), 0xffffffffu);
    ck_assert_uint_eq(f2i(IR_I32, u, 4294967296.0, &f), 0xffffffffu);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(cvt(IR_FCVT_F2I, F32, IR_I32, u, IR_ROUND_UP,
                          f2u(7.25f), &f),
                      8);
}
END_TEST

START_TEST(test_int_to_float_rounds_in_the_current_mode)
{
    unsigned u = IR_CVT_UNSIGNED, f;

    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I64, F64, 0, 0, (uint64_t)-1, &f),
                      d2u(-1.0));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I64, F64, u, 0, ~0ull, &f),
                      d2u(0x1p64));
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I64, F64, u, IR_ROUND_DOWN, ~0ull,
                          &f),
                      d2u(0x1p64 - 0x1p11));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I32, F64, u, 0, 0xffffffffu, &f),
                      d2u(4294967295.0));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I32, F64, 0, 0, 0xffffffffu, &f),
                      d2u(-1.0));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I32, F32, 0, 0, 16777217, &f),
                      f2u(16777216.0f));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I32, F32, 0, IR_ROUND_UP, 16777217,
                          &f),
                      f2u(16777218.0f));
    ck_assert_uint_eq(cvt(IR_FCVT_I2F, IR_I64, F32, u, 0,
                          0x8000000000000000ull, &f),
                      f2u(0x1p63f));
}
END_TEST

START_TEST(test_float_width_conversions)
{
    unsigned f;

    ck_assert_uint_eq(cvt(IR_FCVT_F2F, F64, F32, 0, 0, d2u(1e300), &f),
                      f2u(INFINITY));
    ck_assert_uint_eq(f, IR_FPF_OVERFLOW | IR_FPF_INEXACT);
    ck_assert_uint_eq(cvt(IR_FCVT_F2F, F32, F64, 0, 0, f2u(0.1f), &f),
                      d2u((double)0.1f));
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(cvt(IR_FCVT_F2F, F64, F32, 0, IR_ROUND_ZERO,
                          d2u(1.0 + 0x1p-30), &f),
                      f2u(1.0f));
}
END_TEST

static ir_temp build_fma(struct ir_block *b, const struct th_op *op,
                         ir_temp x, ir_temp y)
{
    return ir_fma(b, x, y, ir_const(b, op->type, op->imm));
}

START_TEST(test_fma_rounds_once)
{
    double a = 1 + 0x1p-30, b = 1 - 0x1p-30;
    float fa = 1 + 0x1p-12f, fb = 1 - 0x1p-12f;
    struct th_op op = {build_fma, 0, F64, 0, d2u(-1.0)};
    unsigned f;

    ck_assert_uint_eq(fp_eval(&op, 0, d2u(a), d2u(b), &f), d2u(-0x1p-60));
    ck_assert_uint_eq(f, 0);
    op.type = F32;
    op.imm = f2u(-1.0f);
    ck_assert_uint_eq(fp_eval(&op, 0, f2u(fa), f2u(fb), &f), f2u(-0x1p-24f));
    op.type = F64;
    op.imm = d2u(0.0);
    ck_assert_uint_eq(fp_eval(&op, IR_ROUND_UP, d2u(1.0 / 3), d2u(3.0), &f),
                      d2u(1.0));
    ck_assert_uint_eq(f, IR_FPF_INEXACT);
}
END_TEST

static ir_temp build_bitcast(struct ir_block *b, const struct th_op *op,
                             ir_temp x, ir_temp y)
{
    (void)y;
    return ir_convert(b, IR_BITCAST, (enum ir_type)op->cond, x);
}

START_TEST(test_bitcast_moves_bits_between_files)
{
    struct th_op op = {build_bitcast, 0, IR_I64, (enum ir_cond)F64, 0};

    ck_assert_uint_eq(th_eval(&op, 0xfff0000000000001ull, 0),
                      0xfff0000000000001ull);
    op.type = F64;
    op.cond = (enum ir_cond)IR_I64;
    ck_assert_uint_eq(th_eval(&op, d2u(-2.0), 0), d2u(-2.0));
    op.type = F32;
    op.cond = (enum ir_cond)IR_I32;
    ck_assert_uint_eq(th_eval(&op, 0xff800001u, 0), 0xff800001u);
    op.type = IR_I32;
    op.cond = (enum ir_cond)F32;
    ck_assert_uint_eq(th_eval(&op, f2u(1.5f), 0), f2u(1.5f));
}
END_TEST

static ir_temp build_fselect(struct ir_block *b, const struct th_op *op,
                             ir_temp x, ir_temp y)
{
    return ir_select(b, op->cond, x, y, y, x); /* min by cond */
}

/* IR_FCMP_QUIET: the same order, INVALID for signalling NaNs only. */
START_TEST(test_quiet_fcmp_raises_only_for_signalling_nans)
{
    uint64_t snan = 0x7ff0000000000001ull, fsnan = 0x7f800001u;
    unsigned f;

    ck_assert_uint_eq(fcmp_quiet(IR_FLT, F64, d2u(1.0), d2u(2.0), &f), 1);
    ck_assert_uint_eq(fcmp_quiet(IR_FLT, F64, d2u(2.0), d2u(2.0), &f), 0);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F64, d2u(2.0), d2u(2.0), &f), 1);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F64, d2u(-0.0), d2u(0.0), &f), 1);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F64, d2u(3.0), d2u(2.0), &f), 0);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp_quiet(IR_FLT, F64, d2u(NAN), d2u(1.0), &f), 0);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F64, d2u(1.0), d2u(NAN), &f), 0);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp_quiet(IR_FLT, F64, snan, d2u(1.0), &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
    ck_assert_uint_eq(fcmp_quiet(IR_FLT, F32, f2u(1.0f), f2u(2.0f), &f), 1);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F32, f2u(NAN), f2u(1.0f), &f), 0);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(fcmp_quiet(IR_FLE, F32, f2u(1.0f), fsnan, &f), 0);
    ck_assert_uint_eq(f, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_float_select_and_float_branch_conditions)
{
    struct th_op op = {build_fselect, 0, F64, IR_FLT, 0};

    ck_assert_uint_eq(th_eval(&op, d2u(1.0), d2u(2.0)), d2u(2.0));
    ck_assert_uint_eq(th_eval(&op, d2u(3.0), d2u(2.0)), d2u(3.0));
    op.cond = IR_FEQ;
    ck_assert_uint_eq(th_eval(&op, d2u(NAN), d2u(NAN)), d2u(NAN));
    ck_assert_uint_eq(u2f(th_eval(&(struct th_op){build_fselect, 0, F32,
                                                  IR_FEQ, 0},
                                  f2u(2.0f), f2u(2.0f))),
                      2.0f);
}
END_TEST

TCase *x64_tcase_fp(void)
{
    TCase *tc = tcase_create("fp");

    tcase_add_test(tc, test_arithmetic_matches_c_in_every_rounding_mode);
    tcase_add_test(tc, test_directed_rounding_changes_the_last_bit);
    tcase_add_test(tc, test_flags_report_each_ieee_exception);
    tcase_add_test(tc, test_a_nan_operand_gives_the_first_nan_quieted);
    tcase_add_test(tc, test_denormal_operands_raise_no_flag);
    tcase_add_test(tc, test_flag_record_traps_while_armed_only);
    tcase_add_test(tc, test_sqrt_neg_and_abs);
    tcase_add_test(tc, test_fcmp_orders_and_signals_per_ir);
    tcase_add_test(tc, test_quiet_fcmp_raises_only_for_signalling_nans);
    tcase_add_test(tc, test_float_to_int_saturates_and_handles_nan);
    tcase_add_test(tc, test_float_to_unsigned_saturates_at_both_ends);
    tcase_add_test(tc, test_int_to_float_rounds_in_the_current_mode);
    tcase_add_test(tc, test_float_width_conversions);
    tcase_add_test(tc, test_fma_rounds_once);
    tcase_add_test(tc, test_bitcast_moves_bits_between_files);
    tcase_add_test(tc, test_float_select_and_float_branch_conditions);
    return tc;
}
