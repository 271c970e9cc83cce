/* hostabi/cpu_features.c: which x86-64 extensions the host has (cpuid). */
#include "hostabi/hostabi.h"

#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

/* glibc has run cpuid at start-up already; in a virtual machine every
 * cpuid is a trap to the hypervisor (several microseconds each), so read
 * its copy (the same cpuid bits) where it offers one. */
#if defined(__GLIBC__) && __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>

static void read_cpuid(struct host_cpu_features *f)
{
    f->sse41 = CPU_FEATURE_PRESENT(SSE4_1);
    f->popcnt = CPU_FEATURE_PRESENT(POPCNT);
    f->fma = CPU_FEATURE_PRESENT(FMA);
    f->bmi1 = CPU_FEATURE_PRESENT(BMI1);
    f->bmi2 = CPU_FEATURE_PRESENT(BMI2);
    f->avx2 = CPU_FEATURE_PRESENT(AVX2);
    f->lzcnt = CPU_FEATURE_PRESENT(LZCNT);
}
#else
static void read_cpuid(struct host_cpu_features *f)
{
    unsigned a, b, c, d, max = __get_cpuid_max(0, NULL);

    if (max >= 1 && __get_cpuid(1, &a, &b, &c, &d)) {
        f->sse41 = c & bit_SSE4_1;
        f->popcnt = c & bit_POPCNT;
        f->fma = c & bit_FMA;
    }
    if (max >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        f->bmi1 = b & bit_BMI;
        f->bmi2 = b & bit_BMI2;
        f->avx2 = b & bit_AVX2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        f->lzcnt = c & bit_LZCNT;
}
#endif

const struct host_cpu_features *host_cpu_features(void)
{
    static struct host_cpu_features features;
    static bool ready;
    const char *env;

    if (!ready) {
        env = getenv("FERRY_HOST_FEATURES");
        if (!env || strcmp(env, "baseline") != 0)
            read_cpuid(&features);
        ready = true;
    }
    return &features;
}
