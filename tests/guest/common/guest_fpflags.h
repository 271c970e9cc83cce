/* tests/guest/common/guest_fpflags.h: what the floating-point guest tests
 * share: the accrued IEEE flags (C11 fenv.h) as letters, " NV DZ OF UF NX"
 * in that order, "" when none is raised; the flags stay as they are. */
#ifndef FERRY_TESTS_GUEST_FPFLAGS_H
#define FERRY_TESTS_GUEST_FPFLAGS_H

#include <fenv.h>
#include <stdio.h>

static const char *fp_flag_letters(void)
{
    static char buf[32];

    snprintf(buf, sizeof buf, "%s%s%s%s%s",
             fetestexcept(FE_INVALID) ? " NV" : "",
             fetestexcept(FE_DIVBYZERO) ? " DZ" : "",
             fetestexcept(FE_OVERFLOW) ? " OF" : "",
             fetestexcept(FE_UNDERFLOW) ? " UF" : "",
             fetestexcept(FE_INEXACT) ? " NX" : "");
    return buf;
}

#endif
