/* tests/fuzz/ir_fuzz.c: `make fuzz-ir`: the differential IR fuzzer of
 * tests/unit/x64_fuzz.c (x86-64 back end against the reference
 * interpreter) run for as long as asked instead of over fixed seeds.
 * Environment: FUZZ_SECONDS (default 60), FUZZ_SEED (first seed, default
 * 1), FUZZ_BASELINE=1 (no optional host features). A failure prints the
 * seed and the IR block; the exit status is 1 if any seed failed. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tests/unit/unit.h"
#include "tests/unit/x64_fuzz.h"

/* Stops after this many failing seeds: one bug tends to fail many. */
#define IR_FUZZ_MAX_FAILURES 20

/* The seed being run, for a harness assertion that ends the test early. */
static uint64_t ir_fuzz_seed;

static uint64_t ir_fuzz_env(const char *name, uint64_t dflt)
{
    const char *v = getenv(name);

    return v && *v ? strtoull(v, NULL, 0) : dflt;
}

static double ir_fuzz_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Each seed makes an integer block and a float/vector block. Runs as a
 * Check test (the harness asserts through Check), in the process itself. */
START_TEST(test_ir_fuzz)
{
    uint64_t secs = ir_fuzz_env("FUZZ_SECONDS", 60);
    uint64_t first = ir_fuzz_env("FUZZ_SEED", 1), seed = first;
    double end = ir_fuzz_now() + (double)secs;
    unsigned failed = 0;

    do {
        ir_fuzz_seed = seed;
        for (int fp = 0; fp < 2; fp++)
            if (!fz_one(seed, fp)) {
                fprintf(stderr, "ir_fuzz: FAIL seed %llu (%s): rerun with "
                                "FUZZ_SEED=%llu FUZZ_SECONDS=0\n",
                        (unsigned long long)seed, fp ? "float" : "integer",
                        (unsigned long long)seed);
                failed++;
            }
        seed++;
    } while (ir_fuzz_now() < end && failed < IR_FUZZ_MAX_FAILURES);
    printf("ir_fuzz: seeds %llu..%llu (%llu blocks): %u failed\n",
           (unsigned long long)first, (unsigned long long)(seed - 1),
           (unsigned long long)(2 * (seed - first)), failed);
    ck_assert_uint_eq(failed, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ir_fuzz");
    TCase *tc = tcase_create("ir_fuzz");
    SRunner *sr;
    int nfailed;

    if (ir_fuzz_env("FUZZ_BASELINE", 0))
        setenv("FERRY_HOST_FEATURES", "baseline", 1);
    tcase_set_timeout(tc, (double)ir_fuzz_env("FUZZ_SECONDS", 60) + 600);
    tcase_add_test(tc, test_ir_fuzz);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    nfailed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (nfailed)
        fprintf(stderr, "ir_fuzz: failed at seed %llu\n",
                (unsigned long long)ir_fuzz_seed);
    return nfailed ? EXIT_FAILURE : EXIT_SUCCESS;
}
