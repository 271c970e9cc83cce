/* tests/unit/unit.h: what every Check suite of ferry shares. */
#ifndef FERRY_TESTS_UNIT_H
#define FERRY_TESTS_UNIT_H

#include <check.h>
#include <stdlib.h>

/* Runs one suite (forking per test, so a crash fails only that test) and
 * returns the process exit status. */
static inline int unit_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
