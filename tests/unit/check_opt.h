/* tests/unit/check_opt.h: what the files of the optimizer suite share:
 * expectations on single ops, and the test cases of each file. */
#ifndef FERRY_TESTS_CHECK_OPT_H
#define FERRY_TESTS_CHECK_OPT_H

#include "tests/unit/unit.h"
#include "translator/ir.h"
#include "translator/opt/opt.h"

/* Asserts that op i of b is opc with result r and sources a, c (the
 * other sources unused); reports the caller's line. */
#define expect_op(b, i, opc, r, a, c)                                          \
    opt_expect_op(b, i, opc, r, a, c, __LINE__)
/* Asserts that op i of b is "r = mov <constant of type t equal to v>". */
#define expect_const(b, i, r, t, v) opt_expect_const(b, i, r, t, v, __LINE__)

void opt_expect_op(const struct ir_block *b, uint32_t i, enum ir_opc opc,
                   ir_temp r, ir_temp a, ir_temp c, int line);
void opt_expect_const(const struct ir_block *b, uint32_t i, ir_temp r,
                      enum ir_type t, uint64_t v, int line);

/* Helpers for IR_CALL with each kind of effect; all return a + b. */
extern const struct ir_helper opt_h_pure, opt_h_reads, opt_h_writes,
    opt_h_faults;

TCase *opt_tcase_const(void);
TCase *opt_tcase_fold_edges(void);
TCase *opt_tcase_copy(void);
TCase *opt_tcase_simplify(void);
TCase *opt_tcase_state(void);
TCase *opt_tcase_dce(void);
TCase *opt_tcase_block(void);
TCase *opt_tcase_interp(void);
TCase *opt_tcase_random(void);

#endif
