/* tests/unit/x64_suites.h: the test cases check_x64's main assembles from
 * its source files. */
#ifndef FERRY_TESTS_X64_SUITES_H
#define FERRY_TESTS_X64_SUITES_H

#include "tests/unit/unit.h"
#include "tests/unit/x64_eval.h"

TCase *x64_tcase_ctl(void);
TCase *x64_tcase_fp(void);
TCase *x64_tcase_atomic(void);
TCase *x64_tcase_emit(void);
TCase *x64_tcase_probe(void);
TCase *x64_tcase_loop(void);

#endif
