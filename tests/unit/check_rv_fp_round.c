/* tests/unit/check_rv_fp_round.c: the riscv64 FP helpers' own rounding
 * (frontends/riscv64/fp_helpers.c): rv_fp_round_pack against the host's
 * IEEE arithmetic in the four modes the host has, and the RMM helper
 * against independent exact computations (products of singles are exact
 * in double; TwoSum gives a double sum's exact error), on many random
 * operands biased toward ties, subnormals and overflow. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "frontends/riscv64/rv_fp.h"
#include "tests/unit/unit.h"

#define NX 1u
#define UF 2u
#define OF 4u

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

/* xorshift64*: reproducible operands. */
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return rnd_state * 0x2545f4914f6cdd1dull;
}

static uint32_t fbits(float x)
{
    uint32_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

static float bfloat(uint32_t u)
{
    float x;

    memcpy(&x, &u, sizeof x);
    return x;
}

static uint64_t dbits(double x)
{
    uint64_t u;

    memcpy(&u, &x, sizeof u);
    return u;
}

static double bdouble(uint64_t u)
{
    double x;

    memcpy(&x, &u, sizeof x);
    return x;
}

/* A random single with biased exponent e (1..254) and a fraction that
 * often ends in zeros, which makes exact ties common. */
static float rnd_float(unsigned e)
{
    uint32_t frac = (uint32_t)rnd() & 0x7fffff;

    frac &= ~0u << (rnd() % 24);
    return bfloat((uint32_t)(rnd() & 1) << 31 | e << 23 | frac);
}

/* The host's accrued NX/UF/OF as fflags bits. */
static unsigned host_flags(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);

    return (e & FE_INEXACT ? NX : 0) | (e & FE_UNDERFLOW ? UF : 0) |
           (e & FE_OVERFLOW ? OF : 0);
}

/* rv_fp_round_pack of the exact (finite, nonzero) double p. */
static uint64_t pack_double(double p, enum ir_type type, unsigned rm,
                            unsigned *flags)
{
    int e;
    double m = frexp(fabs(p), &e);

    return rv_fp_round_pack(signbit(p), e - 53, (uint64_t)ldexp(m, 53),
                            false, type, rm, flags);
}

START_TEST(test_round_pack_matches_host_products_in_four_modes)
{
    static const int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD,
                                 FE_UPWARD};

    for (int i = 0; i < 200000; i++) {
        unsigned rm = (unsigned)i & 3, ea = 1 + (unsigned)(rnd() % 254);
        int eb = 127 + (int)(rnd() % 300) - 170 - ((int)ea - 127);
        float a = rnd_float(ea), b, r;
        double p;
        unsigned flags = 0, want;
        uint64_t got;

        if (eb < 1 || eb > 254)
            continue;
        b = rnd_float((unsigned)eb);
        p = (double)a * (double)b; /* 48 bits: exact */
        fesetround(modes[rm]);
        feclearexcept(FE_ALL_EXCEPT);
        r = a * b;
        want = host_flags();
        fesetround(FE_TONEAREST);
        got = pack_double(p, IR_F32, rm, &flags);
        ck_assert_msg(got == fbits(r) && flags == want,
                      "%a * %a rm %u: %08llx flags %u, host %08x flags %u",
                      (double)a, (double)b, rm, (unsigned long long)got,
                      flags, fbits(r), want);
    }
}
END_TEST

START_TEST(test_round_pack_matches_host_double_conversions)
{
    static const int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD,
                                 FE_UPWARD};

    for (int i = 0; i < 100000; i++) {
        unsigned rm = (unsigned)i & 3, flags = 0, want;
        uint64_t x = rnd() >> (rnd() % 64), got;
        volatile double r;

        if (!x)
            continue;
        x &= ~(uint64_t)0 << (rnd() % 20); /* trailing zeros: ties */
        if (!x)
            continue;
        fesetround(modes[rm]);
        feclearexcept(FE_ALL_EXCEPT);
        r = (double)x;
        want = host_flags();
        fesetround(FE_TONEAREST);
        got = rv_fp_round_pack(false, 0, x, false, IR_F64, rm, &flags);
        ck_assert_msg(got == dbits(r) && flags == want,
                      "%llu rm %u: %016llx, host %016llx",
                      (unsigned long long)x, rm, (unsigned long long)got,
                      (unsigned long long)dbits(r));
    }
}
END_TEST

/* RMM of the exact double p to a single by distances: the neighbour away
 * from zero wins ties. Tininess after rounding: below 2^-126 - 2^-151. */
static uint32_t rmm_by_distance(double p, unsigned *flags)
{
    float tz, away;

    fesetround(FE_TOWARDZERO);
    tz = (float)p;
    fesetround(FE_TONEAREST);
    if ((double)tz == p)
        return fbits(tz);
    *flags |= NX;
    if (fabs(p) < 0x1p-126 - 0x1p-151)
        *flags |= UF;
    away = nextafterf(tz, signbit(p) ? -INFINITY : INFINITY);
    if (isinf(away)) {
        if (fabs(p) < 0x1p128 - 0x1p103)
            return fbits(tz);
        *flags |= OF;
        return fbits(away);
    }
    return fabs((double)away - p) <= fabs(p - (double)tz) ? fbits(away)
                                                          : fbits(tz);
}

START_TEST(test_rmm_products_match_the_distance_rule)
{
    struct rv_cpu cpu;
    uint64_t desc = RV_FP_DESC(RV_FPOP_MUL, IR_F32, IR_F32, 0);

    for (int i = 0; i < 200000; i++) {
        unsigned ea = 1 + (unsigned)(rnd() % 254), want_flags = 0;
        int eb = 127 + (int)(rnd() % 300) - 170 - ((int)ea - 127);
        float a = rnd_float(ea), b;
        uint64_t got;
        uint32_t want;

        if (eb < 1 || eb > 254)
            continue;
        b = rnd_float((unsigned)eb);
        want = rmm_by_distance((double)a * (double)b, &want_flags);
        cpu.fflags = 0;
        got = rv_fp_helper_rmm(&cpu, desc, fbits(a), fbits(b), 0);
        ck_assert_msg(got == want && cpu.fflags == want_flags,
                      "%a * %a: %08llx flags %u, want %08x flags %u",
                      (double)a, (double)b, (unsigned long long)got,
                      cpu.fflags, want, want_flags);
    }
}
END_TEST

/* RMM of a + b from the RNE sum and its exact error (TwoSum): only a
 * tie whose RNE result lies toward zero changes. */
static uint64_t rmm_sum(double a, double b, unsigned *flags)
{
    double s = a + b, bb = s - a, e = (a - (s - bb)) + (b - bb), away;

    if (e == 0)
        return dbits(s);
    *flags |= NX;
    away = nextafter(s, signbit(s) ? -INFINITY : INFINITY);
    if (signbit(e) == signbit(s) && fabs(e) * 2 == fabs(away - s))
        return dbits(away);
    return dbits(s);
}

START_TEST(test_rmm_sums_match_twosum)
{
    struct rv_cpu cpu;
    uint64_t desc = RV_FP_DESC(RV_FPOP_ADD, IR_F64, IR_F64, 0);

    for (int i = 0; i < 200000; i++) {
        uint64_t ea = 200 + rnd() % 1600, eb = ea - 60 + rnd() % 120, got;
        uint64_t fa = rnd() >> 12, fb = (rnd() >> 12) & ~(uint64_t)0
                                                       << (rnd() % 53);
        double a = bdouble((rnd() & 1) << 63 | ea << 52 | fa);
        double b = bdouble((rnd() & 1) << 63 | eb << 52 | fb);
        unsigned want_flags = 0;
        uint64_t want = rmm_sum(a, b, &want_flags);

        cpu.fflags = 0;
        got = rv_fp_helper_rmm(&cpu, desc, dbits(a), dbits(b), 0);
        ck_assert_msg(got == want && cpu.fflags == want_flags,
                      "%a + %a: %016llx flags %u, want %016llx flags %u", a, b,
                      (unsigned long long)got, cpu.fflags,
                      (unsigned long long)want, want_flags);
    }
}
END_TEST

START_TEST(test_rmm_helper_leaves_the_host_environment_alone)
{
    struct rv_cpu cpu = {.fflags = 0};

    fesetround(FE_UPWARD);
    feclearexcept(FE_ALL_EXCEPT);
    rv_fp_helper_rmm(&cpu, RV_FP_DESC(RV_FPOP_DIV, IR_F32, IR_F32, 0),
                     fbits(1.0f), 0, 0);
    ck_assert_int_eq(fegetround(), FE_UPWARD);
    ck_assert_int_eq(fetestexcept(FE_ALL_EXCEPT), 0);
    ck_assert_uint_eq(cpu.fflags, RV_FF_DZ);
    fesetround(FE_TONEAREST);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_fp_round");
    TCase *p = tcase_create("round_pack");
    TCase *r = tcase_create("rmm");

    tcase_set_timeout(p, 60);
    tcase_set_timeout(r, 60);
    tcase_add_test(p, test_round_pack_matches_host_products_in_four_modes);
    tcase_add_test(p, test_round_pack_matches_host_double_conversions);
    tcase_add_test(r, test_rmm_products_match_the_distance_rule);
    tcase_add_test(r, test_rmm_sums_match_twosum);
    tcase_add_test(r, test_rmm_helper_leaves_the_host_environment_alone);
    suite_add_tcase(s, p);
    suite_add_tcase(s, r);
    return unit_run(s);
}
