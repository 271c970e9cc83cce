/* frontends/riscv64/fp_helpers.c: C helpers of the F and D instructions:
 * exact RMM rounding (round to nearest, ties to max magnitude, which the
 * host has no mode for), fclass, and the fused multiply-add NV rule. */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "frontends/riscv64/rv_fp.h"

/* An IEEE binary format: fraction bits and exponent range. */
struct rv_fp_fmt {
    int mant, emin, emax;
    unsigned width;
};

static const struct rv_fp_fmt rv_fmt_s = {23, -126, 127, 32};
static const struct rv_fp_fmt rv_fmt_d = {52, -1022, 1023, 64};

static const struct rv_fp_fmt *rv_fp_fmt(enum ir_type type)
{
    return type == IR_F32 ? &rv_fmt_s : &rv_fmt_d;
}

static uint64_t rv_fp_sign_bit(const struct rv_fp_fmt *f)
{
    return (uint64_t)1 << (f->width - 1);
}

static uint64_t rv_fp_inf_bits(const struct rv_fp_fmt *f)
{
    return (rv_fp_sign_bit(f) - 1) >> f->mant << f->mant;
}

/* --- rounding with integer arithmetic ------------------------------------ */

/* Whether rounding magnitude m up is right in mode rm, given the first
 * dropped bit (half) and whether any bit below it is set (lower). */
static bool rv_round_inc(uint64_t m, bool half, bool lower, bool sign,
                         unsigned rm)
{
    switch (rm) {
    case RV_RM_RNE: return half && (lower || (m & 1));
    case RV_RM_RTZ: return false;
    case RV_RM_RDN: return sign && (half || lower);
    case RV_RM_RUP: return !sign && (half || lower);
    default: return half; /* RMM: ties away from zero */
    }
}

/* sig >> shift (shift >= 1), with the dropped bits summarised. */
static uint64_t rv_shift_bits(uint64_t sig, int shift, bool *half,
                              bool *lower)
{
    if (shift > 64) {
        *half = false;
        *lower = sig != 0;
        return 0;
    }
    if (shift == 64) {
        *half = sig >> 63;
        *lower = (sig << 1) != 0;
        return 0;
    }
    *half = sig >> (shift - 1) & 1;
    *lower = (sig & (((uint64_t)1 << (shift - 1)) - 1)) != 0;
    return sig >> shift;
}

/* IEEE 754 7.5 with tininess after rounding, as RISC-V (11.4) and x86
 * detect it: the value (normalised sig, leading bit exponent e) is tiny
 * when, rounded to full precision with an unbounded exponent, it is still
 * below 2^emin. */
static bool rv_fp_tiny(uint64_t sig, int e, bool sticky, bool sign,
                       unsigned rm, const struct rv_fp_fmt *f)
{
    bool half, lower;
    uint64_t m;

    if (e >= f->emin)
        return false;
    if (e < f->emin - 1)
        return true;
    m = rv_shift_bits(sig, 63 - f->mant, &half, &lower);
    m += rv_round_inc(m, half, lower || sticky, sign, rm);
    return !(m >> (f->mant + 1));
}

/* The overflowed result (IEEE 754 7.4): infinity, or the largest finite
 * number for the modes rounding toward zero from this sign. */
static uint64_t rv_fp_overflow(bool sign, unsigned rm,
                               const struct rv_fp_fmt *f)
{
    bool to_inf = rm == RV_RM_RNE || rm == RV_RM_RMM ||
                  (rm == RV_RM_RDN && sign) || (rm == RV_RM_RUP && !sign);
    uint64_t mag = rv_fp_inf_bits(f) - (to_inf ? 0 : 1);

    return (sign ? rv_fp_sign_bit(f) : 0) | mag;
}

uint64_t rv_fp_round_pack(bool sign, int exp, uint64_t sig, bool sticky,
                          enum ir_type type, unsigned rm, unsigned *flags)
{
    const struct rv_fp_fmt *f = rv_fp_fmt(type);
    int lz = __builtin_clzll(sig), e, q;
    bool half, lower, tiny;
    uint64_t m, sbit = sign ? rv_fp_sign_bit(f) : 0;

    sig <<= lz;
    exp -= lz;
    e = exp + 63;
    /* q: the exponent of the last kept bit, fixed at emin - mant for
     * subnormal results. */
    q = (e > f->emin ? e : f->emin) - f->mant;
    m = rv_shift_bits(sig, q - exp, &half, &lower);
    lower = lower || sticky;
    tiny = rv_fp_tiny(sig, e, sticky, sign, rm, f);
    if (rv_round_inc(m, half, lower, sign, rm))
        m++;
    if (m >> (f->mant + 1)) {
        m >>= 1;
        q++;
    }
    if (half || lower)
        *flags |= RV_FF_NX | (tiny ? RV_FF_UF : 0);
    if (q + f->mant > f->emax) {
        *flags |= RV_FF_OF | RV_FF_NX;
        return rv_fp_overflow(sign, rm, f);
    }
    if (!(m >> f->mant)) /* subnormal or zero: biased exponent 0 */
        return sbit | m;
    return sbit | (uint64_t)(q + f->mant + f->emax) << f->mant |
           (m & (((uint64_t)1 << f->mant) - 1));
}

/* --- operands ----------------------------------------------------------- */

static bool rv_fp_is_nan(enum ir_type type, uint64_t bits)
{
    const struct rv_fp_fmt *f = rv_fp_fmt(type);

    return (bits & (rv_fp_sign_bit(f) - 1)) > rv_fp_inf_bits(f);
}

/* The value of float bits, exactly (NaNs stay NaNs; loading a signalling
 * one raises the host's invalid flag, as a RISC-V operation does). */
static long double rv_fp_value(enum ir_type type, uint64_t bits)
{
    if (type == IR_F32) {
        uint32_t u = (uint32_t)bits;
        float x;

        memcpy(&x, &u, sizeof x);
        return x;
    }
    double d;

    memcpy(&d, &bits, sizeof d);
    return d;
}

/* The value of integer bits of type stype (cvt: enum ir_cvt), exactly:
 * long double holds 64 significant bits. */
static long double rv_int_value(enum ir_type stype, unsigned cvt,
                                uint64_t bits)
{
    bool uns = cvt & IR_CVT_UNSIGNED;

    if (stype == IR_I32)
        return uns ? (long double)(uint32_t)bits
                   : (long double)(int32_t)(uint32_t)bits;
    return uns ? (long double)bits : (long double)(int64_t)bits;
}

static bool rv_fp_inf_times_zero(enum ir_type type, uint64_t a, uint64_t b)
{
    const struct rv_fp_fmt *f = rv_fp_fmt(type);
    uint64_t ma = a & (rv_fp_sign_bit(f) - 1), mb = b & (rv_fp_sign_bit(f) - 1);
    uint64_t inf = rv_fp_inf_bits(f);

    return (ma == inf && mb == 0) || (ma == 0 && mb == inf);
}

/* --- RMM ---------------------------------------------------------------- */

/* The operation in long double with the host rounding toward zero: the
 * result is exact or truncated to 64 bits, at least two more than the
 * target has, so it and the inexact flag (the sticky bit) round to the
 * target exactly. No op of float or double inputs can overflow or
 * underflow in long double's range. noipa keeps the compiler from moving
 * the arithmetic across the fenv calls around it. */
__attribute__((noipa)) static long double
rv_fp_wide_op(enum rv_fpop op, enum ir_type stype, unsigned cvt, uint64_t a,
              uint64_t b, uint64_t c)
{
    if (op == RV_FPOP_I2F)
        return rv_int_value(stype, cvt, a);
    long double x = rv_fp_value(stype, a);

    switch (op) {
    case RV_FPOP_ADD: return x + rv_fp_value(stype, b);
    case RV_FPOP_SUB: return x - rv_fp_value(stype, b);
    case RV_FPOP_MUL: return x * rv_fp_value(stype, b);
    case RV_FPOP_DIV: return x / rv_fp_value(stype, b);
    case RV_FPOP_SQRT: return sqrtl(x);
    case RV_FPOP_FMA:
        return fmal(x, rv_fp_value(stype, b), rv_fp_value(stype, c));
    default: return x; /* RV_FPOP_F2F: rounded below */
    }
}

/* The wide result x rounded to type with RMM. */
static uint64_t rv_fp_narrow(long double x, bool sticky, enum ir_type type,
                             unsigned *flags)
{
    const struct rv_fp_fmt *f = rv_fp_fmt(type);
    bool sign = signbit(x);
    long double m;
    int e;

    if (isnan(x))
        return type == IR_F32 ? RV_CANON_NAN_S : RV_CANON_NAN_D;
    if (isinf(x))
        return (sign ? rv_fp_sign_bit(f) : 0) | rv_fp_inf_bits(f);
    if (x == 0)
        return sign ? rv_fp_sign_bit(f) : 0;
    m = frexpl(fabsl(x), &e);
    return rv_fp_round_pack(sign, e - 64, (uint64_t)ldexpl(m, 64), sticky,
                            type, RV_RM_RMM, flags);
}

static uint64_t rv_fp_rmm_float(enum rv_fpop op, enum ir_type type,
                                enum ir_type stype, unsigned cvt,
                                const uint64_t *s, unsigned *flags)
{
    volatile long double x = rv_fp_wide_op(op, stype, cvt, s[0], s[1], s[2]);
    int ex = fetestexcept(FE_ALL_EXCEPT);

    *flags |= (ex & FE_INVALID ? RV_FF_NV : 0u) |
              (ex & FE_DIVBYZERO ? RV_FF_DZ : 0u);
    if (op == RV_FPOP_FMA && rv_fp_inf_times_zero(stype, s[0], s[1]))
        *flags |= RV_FF_NV; /* 11.6: even when the addend is a quiet NaN */
    return rv_fp_narrow(x, ex & FE_INEXACT, type, flags);
}

/* Float to integer with RMM, saturating as 11.7's table says. */
static uint64_t rv_fp_rmm_f2i(enum ir_type itype, enum ir_type stype,
                              unsigned cvt, uint64_t a, unsigned *flags)
{
    bool uns = cvt & IR_CVT_UNSIGNED;
    int w = (int)ir_type_bits(itype);
    uint64_t mask = itype == IR_I32 ? 0xffffffffu : ~(uint64_t)0;
    uint64_t max = uns ? mask : mask >> 1, min = uns ? 0 : (max + 1) & mask;
    long double lo = uns ? 0.0L : -ldexpl(1.0L, w - 1);
    long double hi = ldexpl(1.0L, uns ? w : w - 1);
    long double x, t, d;

    if (rv_fp_is_nan(stype, a)) {
        *flags |= RV_FF_NV;
        return max;
    }
    x = rv_fp_value(stype, a);
    t = truncl(x);
    d = isinf(x) ? 0.0L : fabsl(x - t); /* exact: the fraction */
    if (d >= 0.5L)
        t += signbit(x) ? -1.0L : 1.0L;
    if (t < lo || t >= hi) {
        *flags |= RV_FF_NV;
        return t < lo ? min : max;
    }
    if (d != 0)
        *flags |= RV_FF_NX;
    if (uns)
        return (uint64_t)t & mask;
    return (uint64_t)(int64_t)t & mask;
}

/* desc is RV_FP_DESC(op, type, stype, cvt). The host environment is
 * saved and restored around the work, which runs with every exception
 * masked (the host may trap them while guest code runs: host.h's lazy FP
 * flags) as it computes the flags itself. */
uint64_t rv_fp_helper_rmm(void *env, uint64_t desc, uint64_t a, uint64_t b,
                          uint64_t c)
{
    struct rv_cpu *cpu = env;
    enum rv_fpop op = (enum rv_fpop)(desc & 0xff);
    enum ir_type type = (enum ir_type)(desc >> 8 & 15);
    enum ir_type stype = (enum ir_type)(desc >> 12 & 15);
    unsigned cvt = (unsigned)(desc >> 16), flags = 0;
    const uint64_t s[3] = {a, b, c};
    fenv_t saved;
    uint64_t r;

    feholdexcept(&saved);
    fesetround(FE_TOWARDZERO);
    if (op == RV_FPOP_F2I)
        r = rv_fp_rmm_f2i(type, stype, cvt, a, &flags);
    else
        r = rv_fp_rmm_float(op, type, stype, cvt, s, &flags);
    fesetenv(&saved);
    cpu->fflags |= flags;
    return r;
}

/* --- fclass and the fma NV rule ----------------------------------------- */

uint64_t rv_fp_class_bits(enum ir_type type, uint64_t bits)
{
    const struct rv_fp_fmt *f = rv_fp_fmt(type);
    uint64_t sbit = rv_fp_sign_bit(f), inf = rv_fp_inf_bits(f);
    uint64_t mag = bits & (sbit - 1);
    bool neg = bits & sbit;

    if (mag > inf) /* 11.9: bit 9 quiet NaN, bit 8 signalling NaN */
        return mag >> (f->mant - 1) & 1 ? 1u << 9 : 1u << 8;
    if (mag == inf)
        return neg ? 1u << 0 : 1u << 7;
    if (mag == 0)
        return neg ? 1u << 3 : 1u << 4;
    if (mag >> f->mant == 0)
        return neg ? 1u << 2 : 1u << 5;
    return neg ? 1u << 1 : 1u << 6;
}

static uint64_t rv_fp_helper_class(void *env, uint64_t type, uint64_t x,
                                   uint64_t c, uint64_t d)
{
    (void)env, (void)c, (void)d;
    if (type == IR_F32)
        x &= 0xffffffffu;
    return rv_fp_class_bits((enum ir_type)type, x);
}

static uint64_t rv_fp_helper_fma_nv(void *env, uint64_t type, uint64_t a,
                                    uint64_t b, uint64_t d)
{
    (void)env, (void)d;
    return rv_fp_inf_times_zero((enum ir_type)type, a, b) ? RV_FF_NV : 0;
}

#define RV_RMM_HELPER(t)                                                  \
    [t] = {"rv_fp_rmm", rv_fp_helper_rmm, 4, t,                          \
           IR_HELPER_READS_STATE | IR_HELPER_WRITES_STATE}

const struct ir_helper rv_fp_rmm_helpers[IR_NTYPES] = {
    RV_RMM_HELPER(IR_I32),
    RV_RMM_HELPER(IR_I64),
    RV_RMM_HELPER(IR_F32),
    RV_RMM_HELPER(IR_F64),
};

const struct ir_helper rv_fp_class_helper = {
    "rv_fclass", rv_fp_helper_class, 2, IR_I64, IR_HELPER_PURE,
};

const struct ir_helper rv_fp_fma_nv_helper = {
    "rv_fma_nv", rv_fp_helper_fma_nv, 3, IR_I32, IR_HELPER_PURE,
};
