/* tests/unit/x64_fuzz.h: the differential IR fuzzer (x64_fuzz.c). */
#ifndef FERRY_TESTS_UNIT_X64_FUZZ_H
#define FERRY_TESTS_UNIT_X64_FUZZ_H

#include <stdbool.h>
#include <stdint.h>

/* Builds the random block of SEED (with float and vector ops when FP;
 * every third one a loop), runs it under the JIT and the interpreter, and
 * returns whether they agree; a difference is printed with the block. */
bool fz_one(uint64_t seed, bool fp);

#endif
