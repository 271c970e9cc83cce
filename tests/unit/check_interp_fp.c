/* tests/unit/check_interp_fp.c: the reference interpreter's floating
 * point: IEEE results in every rounding mode, accrued flags, NaN and
 * signed-zero rules, comparisons and saturating conversions. */
#include <float.h>
#include <math.h>

#include "tests/unit/check_interp.h"

#define F32 IR_F32
#define F64 IR_F64

static uint64_t b64(double x)
{
    uint64_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

static uint64_t b32(float x)
{
    uint32_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

#define QNAN64 0x7ff8000000000000ull
#define SNAN64 0x7ff0000000000001ull
#define QNAN32 0x7fc00000ull
#define SNAN32 0x7f800001ull

/* Runs ops built by the caller on the current FP environment, then reads
 * the accrued flags with IR_FP_FLAGS in the same block: the op's result
 * goes to x[0], the flags to x[1]. The block starts by clearing them. */
struct fp_run {
    uint64_t value;
    uint64_t flags;
};

static struct fp_run fp_finish(struct ir_block *b, ir_temp r, struct tenv *e)
{
    struct fp_run out;
    enum ir_type t = ir_temp_type(b, r);

    if (t == F32 || t == F64)
        r = ir_convert(b, IR_BITCAST, t == F32 ? IR_I32 : IR_I64, r);
    if (ir_temp_type(b, r) == IR_I32)
        r = ir_convert(b, IR_ZEXT, IR_I64, r);
    ir_set(b, X(0), r);
    ir_set(b, X(1), ir_convert(b, IR_ZEXT, IR_I64, ir_fp_flags(b)));
    ir_exit(b, IR_EXIT_HALT, 0);
    run_on(b, e);
    ir_block_free(b);
    out.value = e->x[0];
    out.flags = e->x[1];
    return out;
}

/* A new block that sets rounding mode rm and clears the flags. */
static struct ir_block *fp_block(enum ir_round rm)
{
    struct ir_block *b = ir_block_new();

    ir_fp_setround(b, rm);
    ir_fp_clearflags(b);
    return b;
}

/* A two-source (or one-source) FP op on bit patterns a and c. */
static struct fp_run fp2(enum ir_opc opc, enum ir_type t, enum ir_round rm,
                         uint64_t a, uint64_t c)
{
    struct ir_block *b = fp_block(rm);
    struct tenv e = tenv_new(NULL);
    ir_temp x = state_value(b, t, 2, a, &e), y = state_value(b, t, 3, c, &e);

    return fp_finish(b, ir_op_defs[opc].nargs == 1 ? ir_unop(b, opc, x)
                                                   : ir_binop(b, opc, x, y),
                     &e);
}

static void setup(void)
{
    fp_reset();
}

START_TEST(test_basic_arithmetic_is_exact_without_flags)
{
    struct fp_run r = fp2(IR_FADD, F64, IR_ROUND_NEAREST_EVEN, b64(1.5), b64(2.25));

    ck_assert_uint_eq(r.value, b64(3.75));
    ck_assert_uint_eq(r.flags, 0);
    ck_assert_uint_eq(fp2(IR_FSUB, F32, 0, b32(1.5f), b32(2.25f)).value,
                      b32(-0.75f));
    ck_assert_uint_eq(fp2(IR_FMUL, F64, 0, b64(-3.0), b64(0.5)).value,
                      b64(-1.5));
    r = fp2(IR_FDIV, F32, 0, b32(1.0f), b32(4.0f));
    ck_assert_uint_eq(r.value, b32(0.25f));
    ck_assert_uint_eq(r.flags, 0);
    ck_assert_uint_eq(fp2(IR_FSQRT, F64, 0, b64(2.25), 0).value, b64(1.5));
}
END_TEST

/* 1/3 is between two doubles; down and up give neighbours one ulp apart,
 * nearest gives the lower one (1/3 = 0x3fd5555555555555 rounded). */
START_TEST(test_one_third_rounds_by_the_rounding_mode)
{
    uint64_t down = fp2(IR_FDIV, F64, IR_ROUND_DOWN, b64(1), b64(3)).value;
    uint64_t up = fp2(IR_FDIV, F64, IR_ROUND_UP, b64(1), b64(3)).value;
    uint64_t zero = fp2(IR_FDIV, F64, IR_ROUND_ZERO, b64(1), b64(3)).value;
    uint64_t near = fp2(IR_FDIV, F64, IR_ROUND_NEAREST_EVEN, b64(1), b64(3)).value;

    ck_assert_uint_eq(down, 0x3fd5555555555555ull);
    ck_assert_uint_eq(up, down + 1);
    ck_assert_uint_eq(zero, down);
    ck_assert_uint_eq(near, down);
    /* Negative: toward zero now equals "up". */
    ck_assert_uint_eq(fp2(IR_FDIV, F64, IR_ROUND_ZERO, b64(-1), b64(3)).value,
                      0xbfd5555555555555ull);
    ck_assert_uint_eq(fp2(IR_FDIV, F64, IR_ROUND_DOWN, b64(-1), b64(3)).value,
                      0xbfd5555555555556ull);
    /* Single precision: 1/3 = 0x3eaaaaab to nearest (rounds up). */
    ck_assert_uint_eq(fp2(IR_FDIV, F32, IR_ROUND_NEAREST_EVEN, b32(1), b32(3)).value,
                      0x3eaaaaab);
    ck_assert_uint_eq(fp2(IR_FDIV, F32, IR_ROUND_DOWN, b32(1), b32(3)).value,
                      0x3eaaaaaa);
}
END_TEST

START_TEST(test_inexact_division_raises_inexact_only)
{
    struct fp_run r = fp2(IR_FDIV, F64, 0, b64(1), b64(3));

    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = fp2(IR_FDIV, F32, 0, b32(2), b32(3));
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
}
END_TEST

START_TEST(test_division_by_zero_gives_infinity_and_divzero)
{
    struct fp_run r = fp2(IR_FDIV, F64, 0, b64(-1), b64(0));

    ck_assert_uint_eq(r.value, b64(-INFINITY));
    ck_assert_uint_eq(r.flags, IR_FPF_DIVZERO);
    r = fp2(IR_FDIV, F64, 0, b64(1), b64(-0.0));
    ck_assert_uint_eq(r.value, b64(-INFINITY));
    r = fp2(IR_FDIV, F32, 0, b32(1), b32(0));
    ck_assert_uint_eq(r.value, b32(INFINITY));
    ck_assert_uint_eq(r.flags, IR_FPF_DIVZERO);
}
END_TEST

START_TEST(test_invalid_operations_give_nan_and_invalid)
{
    struct fp_run r = fp2(IR_FDIV, F64, 0, b64(0), b64(0));

    ck_assert_uint_gt(r.value & ~(1ull << 63), 0x7ff0000000000000ull);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fp2(IR_FSUB, F64, 0, b64(INFINITY), b64(INFINITY));
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fp2(IR_FMUL, F32, 0, b32(INFINITY), b32(0));
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    ck_assert_uint_eq(r.value & 0x7fc00000, 0x7fc00000);
    r = fp2(IR_FSQRT, F64, 0, b64(-1), 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    /* Quiet NaNs pass through arithmetic silently, signalling ones not. */
    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, QNAN64, b64(1)).flags, 0);
    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, SNAN64, b64(1)).flags, IR_FPF_INVALID);
}
END_TEST

/* A NaN operand: the result is the first NaN operand, quieted (the x86
 * SSE rule the JIT follows), whatever order the compiler would give
 * `a + b`; a signalling one still raises INVALID. */
START_TEST(test_a_nan_operand_gives_the_first_nan_quieted)
{
    struct fp_run r;

    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, 0x7ff8000000000001ull,
                          0xfff8000000000002ull).value, 0x7ff8000000000001ull);
    ck_assert_uint_eq(fp2(IR_FMUL, F64, 0, 0xfff8000000000002ull,
                          0x7ff8000000000001ull).value, 0xfff8000000000002ull);
    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, b64(1), 0xfff8000000000002ull).value,
                      0xfff8000000000002ull);
    r = fp2(IR_FMUL, F32, 0, 0xffc00002u, SNAN32);
    ck_assert_uint_eq(r.value, 0xffc00002u);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fp2(IR_FSUB, F32, 0, SNAN32, 0xffc00002u);
    ck_assert_uint_eq(r.value, SNAN32 | 0x00400000u);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fp2(IR_FDIV, F64, 0, b64(2), SNAN64);
    ck_assert_uint_eq(r.value, SNAN64 | 0x0008000000000000ull);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_overflow_and_underflow_flags)
{
    struct fp_run r = fp2(IR_FMUL, F64, 0, b64(DBL_MAX), b64(2));

    ck_assert_uint_eq(r.value, b64(INFINITY));
    ck_assert_uint_eq(r.flags, IR_FPF_OVERFLOW | IR_FPF_INEXACT);
    /* Toward zero, overflow saturates at the largest finite number. */
    r = fp2(IR_FMUL, F64, IR_ROUND_ZERO, b64(DBL_MAX), b64(2));
    ck_assert_uint_eq(r.value, b64(DBL_MAX));
    r = fp2(IR_FMUL, F32, 0, b32(FLT_MIN), b32(FLT_MIN));
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_UNDERFLOW | IR_FPF_INEXACT);
    r = fp2(IR_FMUL, F32, IR_ROUND_UP, b32(FLT_MIN), b32(FLT_MIN));
    ck_assert_uint_eq(r.value, 1); /* the smallest denormal */
}
END_TEST

START_TEST(test_denormals_are_kept_and_exact_results_raise_nothing)
{
    uint64_t tiny = 1; /* smallest positive double denormal */
    struct fp_run r = fp2(IR_FADD, F64, 0, tiny, tiny);

    ck_assert_uint_eq(r.value, 2);
    ck_assert_uint_eq(r.flags, 0);
    r = fp2(IR_FMUL, F64, 0, 3, b64(0.5));
    ck_assert_uint_eq(r.value, 2); /* 1.5 denormal units, ties to even */
    ck_assert_uint_eq(r.flags, IR_FPF_UNDERFLOW | IR_FPF_INEXACT);
    r = fp2(IR_FSUB, F32, 0, 0x00800000, 0x00000001);
    ck_assert_uint_eq(r.value, 0x007fffff);
    ck_assert_uint_eq(r.flags, 0);
}
END_TEST

START_TEST(test_signed_zeros_follow_ieee)
{
    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, b64(-0.0), b64(-0.0)).value, b64(-0.0));
    ck_assert_uint_eq(fp2(IR_FADD, F64, 0, b64(-0.0), b64(0.0)).value, 0);
    ck_assert_uint_eq(fp2(IR_FSUB, F64, IR_ROUND_DOWN, b64(1), b64(1)).value,
                      b64(-0.0));
    ck_assert_uint_eq(fp2(IR_FSQRT, F32, 0, b32(-0.0f), 0).value, b32(-0.0f));
    ck_assert_uint_eq(fp2(IR_FSQRT, F32, 0, b32(-0.0f), 0).flags, 0);
}
END_TEST

START_TEST(test_fneg_and_fabs_touch_only_the_sign)
{
    struct fp_run r = fp2(IR_FNEG, F64, 0, SNAN64, 0);

    ck_assert_uint_eq(r.value, SNAN64 | 1ull << 63);
    ck_assert_uint_eq(r.flags, 0);
    ck_assert_uint_eq(fp2(IR_FABS, F64, 0, SNAN64 | 1ull << 63, 0).value, SNAN64);
    ck_assert_uint_eq(fp2(IR_FNEG, F32, 0, 0, 0).value, 0x80000000);
    ck_assert_uint_eq(fp2(IR_FABS, F32, 0, 0xffc00001, 0).value, 0x7fc00001);
    ck_assert_uint_eq(fp2(IR_FNEG, F32, 0, b32(1), 0).value, b32(-1));
}
END_TEST

START_TEST(test_fsqrt_rounds_by_the_mode)
{
    struct fp_run r = fp2(IR_FSQRT, F64, IR_ROUND_NEAREST_EVEN, b64(2), 0);

    /* sqrt(2) = 1.41421356237309504880...; the nearest double is above. */
    ck_assert_uint_eq(r.value, 0x3ff6a09e667f3bcdull);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    ck_assert_uint_eq(fp2(IR_FSQRT, F64, IR_ROUND_DOWN, b64(2), 0).value,
                      0x3ff6a09e667f3bccull);
    ck_assert_uint_eq(fp2(IR_FSQRT, F64, IR_ROUND_UP, b64(2), 0).value,
                      0x3ff6a09e667f3bcdull);
    /* The nearest float is below. */
    ck_assert_uint_eq(fp2(IR_FSQRT, F32, IR_ROUND_NEAREST_EVEN, b32(2), 0).value,
                      0x3fb504f3);
    ck_assert_uint_eq(fp2(IR_FSQRT, F32, IR_ROUND_UP, b32(2), 0).value,
                      0x3fb504f4);
    ck_assert_uint_eq(fp2(IR_FSQRT, F32, IR_ROUND_UP, b32(INFINITY), 0).value,
                      b32(INFINITY));
}
END_TEST

static struct fp_run fma3(enum ir_type t, uint64_t a, uint64_t c, uint64_t d)
{
    struct ir_block *b = fp_block(IR_ROUND_NEAREST_EVEN);
    struct tenv e = tenv_new(NULL);

    return fp_finish(b, ir_fma(b, state_value(b, t, 2, a, &e),
                               state_value(b, t, 3, c, &e),
                               state_value(b, t, 4, d, &e)), &e);
}

START_TEST(test_fma_rounds_once)
{
    /* (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; rounding the product
     * first would give 0. */
    struct fp_run r = fma3(F64, b64(1 + 0x1p-52), b64(1 - 0x1p-52), b64(-1));

    ck_assert_uint_eq(r.value, b64(-0x1p-104));
    ck_assert_uint_eq(r.flags, 0);
    r = fma3(F32, b32(1 + 0x1p-23f), b32(1 - 0x1p-23f), b32(-1));
    ck_assert_uint_eq(r.value, b32(-0x1p-46f));
    r = fma3(F64, b64(2), b64(3), b64(4));
    ck_assert_uint_eq(r.value, b64(10));
    r = fma3(F64, b64(INFINITY), b64(0), b64(1));
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
}
END_TEST

static struct fp_run fcmp(enum ir_type t, enum ir_cond c, uint64_t a, uint64_t v)
{
    struct ir_block *b = fp_block(0);
    struct tenv e = tenv_new(NULL);

    return fp_finish(b, ir_fcmp(b, IR_I32, c, state_value(b, t, 2, a, &e),
                                state_value(b, t, 3, v, &e)), &e);
}

START_TEST(test_fcmp_orders_numbers_and_zeros)
{
    ck_assert_uint_eq(fcmp(F64, IR_FEQ, b64(-0.0), b64(0.0)).value, 1);
    ck_assert_uint_eq(fcmp(F64, IR_FLT, b64(-0.0), b64(0.0)).value, 0);
    ck_assert_uint_eq(fcmp(F64, IR_FLE, b64(-0.0), b64(0.0)).value, 1);
    ck_assert_uint_eq(fcmp(F64, IR_FLT, b64(-INFINITY), b64(-DBL_MAX)).value, 1);
    ck_assert_uint_eq(fcmp(F32, IR_FLT, b32(1), b32(2)).value, 1);
    ck_assert_uint_eq(fcmp(F32, IR_FLE, b32(2), b32(1)).value, 0);
    ck_assert_uint_eq(fcmp(F32, IR_FUNORD, b32(2), b32(1)).value, 0);
    ck_assert_uint_eq(fcmp(F32, IR_FLT, 1, 2).value, 1); /* denormals */
    ck_assert_uint_eq(fcmp(F64, IR_FEQ, b64(1), b64(1)).flags, 0);
}
END_TEST

START_TEST(test_fcmp_with_nan_is_false_and_raises_invalid_per_ir_rules)
{
    struct fp_run r;

    /* Quiet NaN: only the ordered < and <= signal. */
    r = fcmp(F64, IR_FEQ, QNAN64, b64(1));
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, 0);
    r = fcmp(F64, IR_FLT, b64(1), QNAN64);
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fcmp(F32, IR_FLE, QNAN32, QNAN32);
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fcmp(F32, IR_FUNORD, QNAN32, b32(1));
    ck_assert_uint_eq(r.value, 1);
    ck_assert_uint_eq(r.flags, 0);
    /* Signalling NaN: every comparison signals. */
    r = fcmp(F64, IR_FEQ, SNAN64, SNAN64);
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = fcmp(F32, IR_FUNORD, b32(1), SNAN32);
    ck_assert_uint_eq(r.value, 1);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_branch_on_a_float_condition)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_label l = ir_new_label(b);

    ir_brcond(b, IR_FLT, state_value(b, F64, 1, b64(-1), &e),
              ir_const(b, F64, b64(0)), l);
    ir_goto_pc(b, 0, 0x100);
    ir_set_label(b, l);
    ir_goto_pc(b, 1, 0x200);
    ck_assert_int_eq(run_on(b, &e).slot, 1);
    ck_assert_uint_eq(e.common.pc, 0x200);
    ir_block_free(b);
}
END_TEST

static struct fp_run cvt(enum ir_opc opc, enum ir_type to, enum ir_type from,
                         unsigned flags, enum ir_round rm, uint64_t a)
{
    struct ir_block *b = fp_block(rm);
    struct tenv e = tenv_new(NULL);

    return fp_finish(b, ir_fcvt(b, opc, to, flags,
                                state_value(b, from, 2, a, &e)), &e);
}

static struct fp_run f2i(enum ir_type to, enum ir_type from, unsigned flags,
                         enum ir_round rm, uint64_t a)
{
    return cvt(IR_FCVT_F2I, to, from, flags, rm, a);
}

START_TEST(test_fcvt_f2i_rounds_by_the_mode_and_flags_inexact)
{
    struct fp_run r = f2i(IR_I32, F64, 0, IR_ROUND_NEAREST_EVEN, b64(2.5));

    ck_assert_uint_eq(r.value, 2);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    ck_assert_uint_eq(f2i(IR_I32, F64, 0, IR_ROUND_NEAREST_EVEN, b64(3.5)).value, 4);
    ck_assert_uint_eq(f2i(IR_I32, F64, 0, IR_ROUND_UP, b64(2.1)).value, 3);
    ck_assert_uint_eq(f2i(IR_I32, F64, 0, IR_ROUND_DOWN, b64(-2.1)).value,
                      (uint32_t)-3);
    ck_assert_uint_eq(f2i(IR_I64, F32, 0, IR_ROUND_ZERO, b32(-2.9f)).value,
                      (uint64_t)-2);
    r = f2i(IR_I64, F64, 0, 0, b64(-7));
    ck_assert_uint_eq(r.value, (uint64_t)-7);
    ck_assert_uint_eq(r.flags, 0);
}
END_TEST

START_TEST(test_fcvt_f2i_saturates_with_invalid)
{
    struct fp_run r = f2i(IR_I32, F64, 0, 0, b64(2147483648.0));

    ck_assert_uint_eq(r.value, 0x7fffffff);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I32, F64, 0, 0, b64(-2147483649.0)).value, 0x80000000);
    r = f2i(IR_I32, F64, 0, 0, b64(-2147483648.4));
    ck_assert_uint_eq(r.value, 0x80000000);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    ck_assert_uint_eq(f2i(IR_I32, F64, 0, IR_ROUND_UP, b64(2147483647.2)).flags,
                      IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, F64, 0, 0, b64(0x1p63)).value, 0x7fffffffffffffffull);
    ck_assert_uint_eq(f2i(IR_I64, F64, 0, 0, b64(-0x1p63)).value, 0x8000000000000000ull);
    ck_assert_uint_eq(f2i(IR_I64, F64, 0, 0, b64(-0x1p63)).flags, 0);
    ck_assert_uint_eq(f2i(IR_I64, F32, 0, 0, b32(-INFINITY)).value, 0x8000000000000000ull);
    ck_assert_uint_eq(f2i(IR_I64, F32, 0, 0, b32(INFINITY)).flags, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_fcvt_f2i_from_single_precision_edges)
{
    struct fp_run r = f2i(IR_I32, F32, 0, 0, b32(0x1p31f));

    ck_assert_uint_eq(r.value, 0x7fffffff);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    r = f2i(IR_I32, F32, 0, 0, b32(-0x1p31f));
    ck_assert_uint_eq(r.value, 0x80000000);
    ck_assert_uint_eq(r.flags, 0);
    r = f2i(IR_I32, F32, 0, IR_ROUND_UP, 1); /* smallest denormal */
    ck_assert_uint_eq(r.value, 1);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = f2i(IR_I64, F32, 0, 0, b32(-0.0f));
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, 0);
}
END_TEST

START_TEST(test_fcvt_f2i_unsigned_range)
{
    struct fp_run r = f2i(IR_I32, F64, IR_CVT_UNSIGNED, 0, b64(-0.4));

    /* Rounds to -0, which is in range: inexact, not invalid. */
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = f2i(IR_I32, F64, IR_CVT_UNSIGNED, 0, b64(-1));
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I32, F64, IR_CVT_UNSIGNED, 0, b64(4294967295.0)).value,
                      0xffffffff);
    ck_assert_uint_eq(f2i(IR_I32, F64, IR_CVT_UNSIGNED, 0, b64(4294967296.0)).value,
                      0xffffffff);
    r = f2i(IR_I64, F64, IR_CVT_UNSIGNED, 0, b64(0x1.fffffffffffffp63));
    ck_assert_uint_eq(r.value, 0xfffffffffffff800ull);
    ck_assert_uint_eq(r.flags, 0);
    r = f2i(IR_I64, F64, IR_CVT_UNSIGNED, 0, b64(0x1p64));
    ck_assert_uint_eq(r.value, ~0ull);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_fcvt_f2i_nan_gives_the_maximum_or_zero)
{
    struct fp_run r = f2i(IR_I32, F64, 0, 0, QNAN64 | 1ull << 63);

    ck_assert_uint_eq(r.value, 0x7fffffff);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
    ck_assert_uint_eq(f2i(IR_I64, F32, 0, 0, QNAN32).value, 0x7fffffffffffffffull);
    ck_assert_uint_eq(f2i(IR_I64, F32, IR_CVT_UNSIGNED, 0, SNAN32).value, ~0ull);
    r = f2i(IR_I32, F32, IR_CVT_NAN_ZERO, 0, QNAN32);
    ck_assert_uint_eq(r.value, 0);
    ck_assert_uint_eq(r.flags, IR_FPF_INVALID);
}
END_TEST

START_TEST(test_fcvt_i2f_rounds_by_the_mode)
{
    struct fp_run r = cvt(IR_FCVT_I2F, F64, IR_I64, 0, 0, 0x7fffffffffffffffull);

    ck_assert_uint_eq(r.value, b64(0x1p63));
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = cvt(IR_FCVT_I2F, F64, IR_I64, 0, IR_ROUND_DOWN, 0x7fffffffffffffffull);
    ck_assert_uint_eq(r.value, b64(0x1.fffffffffffffp62));
    r = cvt(IR_FCVT_I2F, F64, IR_I32, 0, 0, 0xffffffff);
    ck_assert_uint_eq(r.value, b64(-1));
    ck_assert_uint_eq(r.flags, 0);
    r = cvt(IR_FCVT_I2F, F64, IR_I32, IR_CVT_UNSIGNED, 0, 0xffffffff);
    ck_assert_uint_eq(r.value, b64(4294967295.0));
    r = cvt(IR_FCVT_I2F, F32, IR_I32, 0, 0, 0x80000000);
    ck_assert_uint_eq(r.value, b32(-0x1p31f));
    r = cvt(IR_FCVT_I2F, F32, IR_I32, 0, IR_ROUND_ZERO, 0x7fffffff);
    ck_assert_uint_eq(r.value, b32(0x1.fffffep30f));
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
}
END_TEST

START_TEST(test_fcvt_i2f_unsigned_64_bits)
{
    struct fp_run r = cvt(IR_FCVT_I2F, F64, IR_I64, IR_CVT_UNSIGNED, 0, ~0ull);

    ck_assert_uint_eq(r.value, b64(0x1p64));
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = cvt(IR_FCVT_I2F, F64, IR_I64, IR_CVT_UNSIGNED, IR_ROUND_DOWN, ~0ull);
    ck_assert_uint_eq(r.value, b64(0x1.fffffffffffffp63));
    r = cvt(IR_FCVT_I2F, F64, IR_I64, IR_CVT_UNSIGNED, 0, 0x8000000000000400ull);
    ck_assert_uint_eq(r.value, b64(0x1p63)); /* a tie, to even */
    r = cvt(IR_FCVT_I2F, F64, IR_I64, IR_CVT_UNSIGNED, 0, 0x8000000000000401ull);
    ck_assert_uint_eq(r.value, b64(0x1.0000000000001p63)); /* above the tie */
    r = cvt(IR_FCVT_I2F, F64, IR_I64, IR_CVT_UNSIGNED, 0, 0x8000000000000800ull);
    ck_assert_uint_eq(r.flags, 0);
    r = cvt(IR_FCVT_I2F, F32, IR_I64, IR_CVT_UNSIGNED, IR_ROUND_UP, 0x8000000000000001ull);
    ck_assert_uint_eq(r.value, b32(0x1.000002p63f));
}
END_TEST

START_TEST(test_fcvt_f2f_widens_exactly_and_narrows_by_the_mode)
{
    struct fp_run r = cvt(IR_FCVT_F2F, F64, F32, 0, 0, b32(0x1.fffffep127f));

    ck_assert_uint_eq(r.value, b64(0x1.fffffep127));
    ck_assert_uint_eq(r.flags, 0);
    r = cvt(IR_FCVT_F2F, F32, F64, 0, IR_ROUND_DOWN, b64(1.0 / 3));
    ck_assert_uint_eq(r.value, 0x3eaaaaaa);
    ck_assert_uint_eq(r.flags, IR_FPF_INEXACT);
    r = cvt(IR_FCVT_F2F, F32, F64, 0, IR_ROUND_UP, b64(1.0 / 3));
    ck_assert_uint_eq(r.value, 0x3eaaaaab);
    r = cvt(IR_FCVT_F2F, F32, F64, 0, 0, b64(1e300));
    ck_assert_uint_eq(r.value, b32(INFINITY));
    ck_assert_uint_eq(r.flags, IR_FPF_OVERFLOW | IR_FPF_INEXACT);
    r = cvt(IR_FCVT_F2F, F64, F32, 0, 0, 1); /* float denormal */
    ck_assert_uint_eq(r.value, b64(0x1p-149));
}
END_TEST

/* Flags accrue across ops until cleared; the rounding mode set by one op
 * stays for the next ones. */
START_TEST(test_flags_accrue_until_cleared_and_the_mode_persists)
{
    struct ir_block *b = fp_block(IR_ROUND_UP);
    struct tenv e = tenv_new(NULL);
    ir_temp one = state_value(b, F64, 2, b64(1), &e);
    ir_temp q = ir_binop(b, IR_FDIV, one, ir_const(b, F64, b64(3)));

    ir_binop(b, IR_FDIV, one, ir_const(b, F64, 0));
    ir_set(b, X(3), ir_convert(b, IR_ZEXT, IR_I64, ir_fp_flags(b)));
    ir_fp_clearflags(b);
    ir_set(b, X(4), ir_convert(b, IR_ZEXT, IR_I64, ir_fp_flags(b)));
    ck_assert_uint_eq(fp_finish(b, q, &e).value, 0x3fd5555555555556ull);
    ck_assert_uint_eq(e.x[3], IR_FPF_INEXACT | IR_FPF_DIVZERO);
    ck_assert_uint_eq(e.x[4], 0);
    ck_assert_int_eq(fegetround(), FE_UPWARD);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("interp_fp");
    TCase *tc = tcase_create("fp");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_basic_arithmetic_is_exact_without_flags);
    tcase_add_test(tc, test_one_third_rounds_by_the_rounding_mode);
    tcase_add_test(tc, test_inexact_division_raises_inexact_only);
    tcase_add_test(tc, test_division_by_zero_gives_infinity_and_divzero);
    tcase_add_test(tc, test_invalid_operations_give_nan_and_invalid);
    tcase_add_test(tc, test_a_nan_operand_gives_the_first_nan_quieted);
    tcase_add_test(tc, test_overflow_and_underflow_flags);
    tcase_add_test(tc, test_denormals_are_kept_and_exact_results_raise_nothing);
    tcase_add_test(tc, test_signed_zeros_follow_ieee);
    tcase_add_test(tc, test_fneg_and_fabs_touch_only_the_sign);
    tcase_add_test(tc, test_fsqrt_rounds_by_the_mode);
    tcase_add_test(tc, test_fma_rounds_once);
    tcase_add_test(tc, test_fcmp_orders_numbers_and_zeros);
    tcase_add_test(tc, test_fcmp_with_nan_is_false_and_raises_invalid_per_ir_rules);
    tcase_add_test(tc, test_branch_on_a_float_condition);
    tcase_add_test(tc, test_fcvt_f2i_rounds_by_the_mode_and_flags_inexact);
    tcase_add_test(tc, test_fcvt_f2i_saturates_with_invalid);
    tcase_add_test(tc, test_fcvt_f2i_from_single_precision_edges);
    tcase_add_test(tc, test_fcvt_f2i_unsigned_range);
    tcase_add_test(tc, test_fcvt_f2i_nan_gives_the_maximum_or_zero);
    tcase_add_test(tc, test_fcvt_i2f_rounds_by_the_mode);
    tcase_add_test(tc, test_fcvt_i2f_unsigned_64_bits);
    tcase_add_test(tc, test_fcvt_f2f_widens_exactly_and_narrows_by_the_mode);
    tcase_add_test(tc, test_flags_accrue_until_cleared_and_the_mode_persists);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
