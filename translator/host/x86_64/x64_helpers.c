/* translator/host/x86_64/x64_helpers.c: C functions the generated code
 * calls for what SSE2 cannot do in a few instructions: unsigned 64-bit
 * conversions and fused multiply-add without FMA3. They run on the same
 * MXCSR as the generated code, so rounding carries over and what they
 * raise with SSE traps as the generated code's does; flags they compute,
 * or libm raised in the x87 status word (glibc's feraiseexcept does for
 * inexact, underflow and overflow), go to the guest's record explicitly. */
#include "translator/host/x86_64/x64_lower.h"

#include <math.h>
#include <string.h>
#include <xmmintrin.h>

/* MXCSR and x87 status word flags share one layout: IE DE ZE OE UE PE. */
enum { MX_INVALID = 1, MX_INEXACT = 32 };

/* Moves flags libm raised on the x87 unit over to the guest's record
 * (x64_fp_flags.c); what it raised with SSE trapped there already. */
static void sync_x87_flags(void *env)
{
    x64_fp_raise(env, x64_fp_take_x87());
}

static double bits_f64(uint64_t v)
{
    double d;

    memcpy(&d, &v, sizeof d);
    return d;
}

static float bits_f32(uint64_t v)
{
    uint32_t u = (uint32_t)v;
    float f;

    memcpy(&f, &u, sizeof f);
    return f;
}

static uint64_t f64_bits(double d)
{
    uint64_t v;

    memcpy(&v, &d, sizeof v);
    return v;
}

static uint64_t f32_bits(float f)
{
    uint32_t u;

    memcpy(&u, &f, sizeof u);
    return u;
}

/* IEEE 754 7.2: a NaN or out-of-range conversion is invalid and returns
 * the saturated value (ir.h); an in-range one rounds in the current mode
 * and is inexact when it changed the value. */
uint64_t x64_helper_f2u(void *env, uint64_t bits, uint64_t mode, uint64_t c,
                        uint64_t d)
{
    double x = mode & 1 ? bits_f64(bits) : (double)bits_f32(bits);
    uint64_t max = mode & 2 ? UINT64_MAX : UINT32_MAX;
    double r, limit = mode & 2 ? 0x1p64 : 0x1p32;

    (void)c, (void)d;
    if (isnan(x)) {
        x64_fp_raise(env, MX_INVALID);
        return mode & 4 ? 0 : max;
    }
    r = mode & 8 ? trunc(x) : nearbyint(x);
    sync_x87_flags(env);
    if (r < 0 || r >= limit) {
        x64_fp_raise(env, MX_INVALID);
        return r < 0 ? 0 : max;
    }
    if (r != x)
        x64_fp_raise(env, MX_INEXACT);
    return (uint64_t)r;
}

/* C's unsigned-to-float conversion rounds in the current mode. */
uint64_t x64_helper_u2f(void *env, uint64_t v, uint64_t b, uint64_t c,
                        uint64_t d)
{
    (void)env, (void)c, (void)d;
    return b ? f64_bits((double)v) : f32_bits((float)v);
}

uint64_t x64_helper_fma64(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    double r = fma(bits_f64(a), bits_f64(b), bits_f64(c));

    (void)d;
    sync_x87_flags(env);
    return f64_bits(r);
}

uint64_t x64_helper_fma32(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d)
{
    float r = fmaf(bits_f32(a), bits_f32(b), bits_f32(c));

    (void)d;
    sync_x87_flags(env);
    return f32_bits(r);
}
