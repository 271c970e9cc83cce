/* translator/interp/interp_fp.c: floating-point ops of the reference
 * interpreter on the host's IEEE float and double, in the calling thread's
 * C floating-point environment (rounding mode and accrued flags). */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "translator/interp/interp_internal.h"

static float f32(uint64_t bits)
{
    uint32_t u = (uint32_t)bits;
    float x;

    memcpy(&x, &u, sizeof x);
    return x;
}

static double f64(uint64_t bits)
{
    double x;

    memcpy(&x, &bits, sizeof x);
    return x;
}

static uint64_t bits32(float x)
{
    uint32_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

static uint64_t bits64(double x)
{
    uint64_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

/* NaN tests on raw bits, so that no host operation touches the flags. */
static bool is_nan(enum ir_type t, uint64_t x)
{
    if (t == IR_F32)
        return (x & 0x7fffffffu) > 0x7f800000u;
    return (x & ~((uint64_t)1 << 63)) > 0x7ff0000000000000u;
}

/* IEEE 754-2008 6.2.1: a NaN is signalling when its first fraction bit
 * is clear. */
static uint64_t quiet_bit(enum ir_type t)
{
    return t == IR_F32 ? (uint64_t)1 << 22 : (uint64_t)1 << 51;
}

static bool is_snan(enum ir_type t, uint64_t x)
{
    return is_nan(t, x) && !(x & quiet_bit(t));
}

/* The value of a float of type t, widened to double (exact unless NaN). */
static double to_double(enum ir_type t, uint64_t x)
{
    return t == IR_F32 ? (double)f32(x) : f64(x);
}

bool interp_fp_cond(enum ir_cond cond, enum ir_type t, uint64_t a,
                    uint64_t b, bool quiet)
{
    double x, y;

    if (is_nan(t, a) || is_nan(t, b)) {
        /* IR_FCMP: ordered less-than comparisons signal on any NaN
         * (unless IR_FCMP_QUIET), equality and unordered only on
         * signalling ones. */
        if ((!quiet && (cond == IR_FLT || cond == IR_FLE)) ||
            is_snan(t, a) || is_snan(t, b))
            feraiseexcept(FE_INVALID);
        return cond == IR_FUNORD;
    }
    x = to_double(t, a);
    y = to_double(t, b);
    switch (cond) {
    case IR_FEQ: return x == y;
    case IR_FLT: return x < y;
    case IR_FLE: return x <= y;
    default: return false; /* IR_FUNORD on two numbers */
    }
}

/* Arithmetic in single precision: each C operation rounds once, in the
 * current mode (x86-64 evaluates float in float, FLT_EVAL_METHOD 0). */
static uint64_t arith32(unsigned opc, float a, float b, float c)
{
    switch (opc) {
    case IR_FADD: return bits32(a + b);
    case IR_FSUB: return bits32(a - b);
    case IR_FMUL: return bits32(a * b);
    case IR_FDIV: return bits32(a / b);
    case IR_FSQRT: return bits32(sqrtf(a));
    default: return bits32(fmaf(a, b, c)); /* IR_FMA */
    }
}

static uint64_t arith64(unsigned opc, double a, double b, double c)
{
    switch (opc) {
    case IR_FADD: return bits64(a + b);
    case IR_FSUB: return bits64(a - b);
    case IR_FMUL: return bits64(a * b);
    case IR_FDIV: return bits64(a / b);
    case IR_FSQRT: return bits64(sqrt(a));
    default: return bits64(fma(a, b, c)); /* IR_FMA */
    }
}

/* Float to integer: round in the current mode, then saturate. IEEE 754
 * 7.2: out of range or NaN is INVALID (and only that); otherwise INEXACT
 * when rounding changed the value. */
static uint64_t f2i(const struct ir_op *op, uint64_t a)
{
    enum ir_type from = (enum ir_type)op->aux, to = (enum ir_type)op->type;
    bool uns = op->imm & IR_CVT_UNSIGNED;
    unsigned w = ir_type_bits(to);
    double lo = uns ? 0.0 : -ldexp(1.0, (int)w - 1);
    double hi = ldexp(1.0, uns ? (int)w : (int)w - 1);
    uint64_t max = uns ? interp_mask(to) : interp_mask(to) >> 1;
    uint64_t min = uns ? 0 : (max + 1) & interp_mask(to);
    double x, r;

    if (is_nan(from, a)) {
        feraiseexcept(FE_INVALID);
        return op->imm & IR_CVT_NAN_ZERO ? 0 : max;
    }
    x = to_double(from, a);
    r = op->imm & IR_CVT_TRUNC ? trunc(x) : nearbyint(x);
    if (r < lo || r >= hi) {
        feraiseexcept(FE_INVALID);
        return r < lo ? min : max;
    }
    if (r != x)
        feraiseexcept(FE_INEXACT);
    /* r is integral and in range, so these conversions are exact; the
     * split keeps [2^63, 2^64) away from the signed conversion. */
    if (r >= 0x1p63)
        return (uint64_t)(int64_t)(r - 0x1p63) + ((uint64_t)1 << 63);
    return (uint64_t)(int64_t)r & interp_mask(to);
}

/* Integer to float, one rounding in the current mode. Unsigned 64-bit
 * values with the top bit set are halved keeping the lost bit as a sticky
 * bit, which rounds the same way, then doubled exactly. */
static uint64_t i2f(const struct ir_op *op, uint64_t a)
{
    enum ir_type from = (enum ir_type)op->aux;
    bool f32_result = op->type == IR_F32;
    int64_t s = op->imm & IR_CVT_UNSIGNED ? (int64_t)(a & interp_mask(from))
                                          : (int64_t)interp_sext(
                                                a, ir_type_bits(from));

    if ((op->imm & IR_CVT_UNSIGNED) && s < 0) {
        int64_t half = (int64_t)(a >> 1 | (a & 1));

        if (f32_result)
            return bits32((float)half * 2.0f);
        return bits64((double)half * 2.0);
    }
    return f32_result ? bits32((float)s) : bits64((double)s);
}

static uint64_t f2f(const struct ir_op *op, uint64_t a)
{
    if (op->type == IR_F64)
        return bits64((double)f32(a));
    return bits32((float)f64(a));
}

/* The sign-bit ops never touch the FP environment (ir.h). */
static uint64_t sign_op(const struct ir_op *op, uint64_t a)
{
    uint64_t sign = op->type == IR_F32 ? (uint64_t)1 << 31 : (uint64_t)1 << 63;

    return op->opc == IR_FNEG ? a ^ sign : a & ~sign;
}

/* Which NaN a two-operand op gives for a NaN operand is the host's
 * choice (ir.h); the JIT's SSE op, with a in its destination, returns the
 * first NaN operand, quieted (Intel SDM vol. 1, 4.8.3.5). The reference
 * interpreter picks that NaN itself rather than leave it to `a + b`, whose
 * operands the compiler may swap (gcc -flto does), so that a block gives
 * the same bits interpreted and translated. */
static uint64_t first_nan(enum ir_type t, uint64_t a, uint64_t b)
{
    uint64_t nan = is_nan(t, a) ? a : b;

    return (t == IR_F32 ? (uint32_t)nan : nan) | quiet_bit(t);
}

static bool is_binary_arith(unsigned opc)
{
    return opc == IR_FADD || opc == IR_FSUB || opc == IR_FMUL ||
           opc == IR_FDIV;
}

/* IR_FP_DEFAULT_NAN: the default NaN of the result's type for a NaN. */
static uint64_t default_nan(const struct ir_op *op, uint64_t r)
{
    enum ir_type t = (enum ir_type)op->type;

    if (!(op->imm & IR_FP_DEFAULT_NAN) || !is_nan(t, r))
        return r;
    return t == IR_F32 ? 0x7fc00000u : 0x7ff8000000000000ull;
}

uint64_t interp_fp_op(const struct ir_op *op, const uint64_t *val)
{
    uint64_t a = val[op->args[1]], b = val[op->args[2]], c = val[op->args[3]];

    switch (op->opc) {
    case IR_FNEG:
    case IR_FABS:
        return sign_op(op, a);
    case IR_FCMP:
        return interp_fp_cond(op->cond, (enum ir_type)op->aux, a, b,
                              op->imm & IR_FCMP_QUIET);
    case IR_FCVT_F2I: return f2i(op, a);
    case IR_FCVT_I2F: return i2f(op, a);
    case IR_FCVT_F2F: return f2f(op, a);
    default: {
        enum ir_type t = (enum ir_type)op->type;
        /* computed even for a NaN operand: it raises the op's flags */
        uint64_t r = t == IR_F32 ? arith32(op->opc, f32(a), f32(b), f32(c))
                                 : arith64(op->opc, f64(a), f64(b), f64(c));

        /* a NaN operand gives a NaN: only then are the operands looked at */
        if (is_nan(t, r) && is_binary_arith(op->opc) &&
            (is_nan(t, a) || is_nan(t, b)))
            r = first_nan(t, a, b);
        return default_nan(op, r);
    }
    }
}

void interp_fp_setround(const struct ir_op *op)
{
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD,
                                FE_TOWARDZERO};

    fesetround(modes[op->imm & 3]);
}
