/* fp_libc: floating point through C and libm on riscv64: rounding modes
 * set with fesetround (frm), exception flags read with fetestexcept
 * (fflags), the canonical NaN's positive sign, lround's ties away (fcvt
 * with rmm), fmin's -0 < +0, fma's single rounding. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

#include "../common/guest_fpflags.h"

static volatile double one = 1.0, three = 3.0, two = 2.0, zero = 0.0;
static volatile float tiny = 0x1p-149f, half = 0.5f;

/* The flags raised since the last call, as letters; clears them. */
static const char *flags(void)
{
    const char *f = fp_flag_letters();

    feclearexcept(FE_ALL_EXCEPT);
    return f;
}

static void modes(void)
{
    static const int mode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD,
                                FE_UPWARD};
    static const char *const name[4] = {"rne", "rtz", "rdn", "rup"};

    for (int i = 0; i < 4; i++) {
        fesetround(mode[i]);
        printf("%s 1/3 %a -1/3 %a\n", name[i], one / three, -one / three);
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    volatile double d;
    volatile float f;

    modes();
    d = one / zero;
    printf("1/0 %f:%s\n", d, flags());
    d = zero / zero;
    printf("0/0 %f sign %d:%s\n", d, signbit(d) != 0, flags());
    d = sqrt(two);
    printf("sqrt2 %a:%s\n", d, flags());
    f = tiny * half;
    printf("tiny/2 %a:%s\n", (double)f, flags());
    f = 0x1p127f * (float)two;
    printf("big*2 %f:%s\n", (double)f, flags());
    printf("lround 2.5 %ld -2.5 %ld rint 2.5 %.1f\n", lround(2.5 * one),
           lround(-2.5 * one), rint(2.5 * one));
    printf("fmin -0 +0 sign %d fmax sign %d\n",
           signbit(fmin(-zero, zero)) != 0, signbit(fmax(-zero, zero)) != 0);
    /* (1 + 2^-27)^2 - (1 + 2^-26) = 2^-54 exactly */
    feclearexcept(FE_ALL_EXCEPT);
    d = fma(1 + 0x1p-27 * one, 1 + 0x1p-27 * one, -(1 + 0x1p-26 * one));
    printf("fma %a:%s\n", d, flags());
    return 0;
}
