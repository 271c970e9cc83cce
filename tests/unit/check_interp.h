/* tests/unit/check_interp.h: what the interpreter suites share: a small
 * CPU state, a guest memory buffer, and running one-op blocks. */
#ifndef FERRY_TESTS_UNIT_CHECK_INTERP_H
#define FERRY_TESTS_UNIT_CHECK_INTERP_H

#include <fenv.h>
#include <stddef.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "translator/host/host.h"
#include "translator/interp/interp.h"

/* A guest state as a frontend would lay it out: the common header, then
 * registers. */
struct tenv {
    struct cpu_common common;
    uint64_t x[8];
    uint8_t v[2][16];
};

#define X(i) ((uint32_t)(offsetof(struct tenv, x) + 8 * (i)))
#define V(i) ((uint32_t)(offsetof(struct tenv, v) + 16 * (i)))

/* A fresh state, guest memory starting at host address mem. */
static inline struct tenv tenv_new(void *mem)
{
    struct tenv e;

    memset(&e, 0, sizeof e);
    e.common.guest_base = (uintptr_t)mem;
    return e;
}

/* Verifies b (a test block must be valid IR), then runs it on e. */
static inline struct run_result run_on(struct ir_block *b, struct tenv *e)
{
    char err[256];
    struct run_result r;

    ck_assert_msg(ir_verify(b, err, sizeof err), "invalid test IR: %s", err);
    memset(&r, 0x55, sizeof r);
    /* As translator_run: the host keeps the block's FP flags (host.h). */
    host_fp_begin(e, 0);
    interp_run(b, e, &r);
    host_fp_end(e);
    return r;
}

/* Stores r to x[0] (zero-extended first if it is 32 bits wide, so that
 * garbage above a 32-bit value would show), exits, runs on e, frees b
 * and returns x[0]. */
static inline uint64_t finish_on(struct ir_block *b, ir_temp r,
                                 struct tenv *e)
{
    enum ir_type t = ir_temp_type(b, r);

    if (t == IR_F32)
        r = ir_convert(b, IR_BITCAST, IR_I32, r);
    else if (t == IR_F64)
        r = ir_convert(b, IR_BITCAST, IR_I64, r);
    if (ir_temp_type(b, r) == IR_I32)
        r = ir_convert(b, IR_ZEXT, IR_I64, r);
    ir_set(b, X(0), r);
    ir_exit(b, IR_EXIT_HALT, 0x1000);
    e->x[0] = 0xdeadbeefdeadbeefull;
    run_on(b, e);
    ir_block_free(b);
    return e->x[0];
}

static inline uint64_t finish(struct ir_block *b, ir_temp r)
{
    struct tenv e = tenv_new(NULL);

    return finish_on(b, r, &e);
}

/* A value of type t read from guest state register x[reg], so the op
 * under test sees a temp and not a constant. */
static inline ir_temp state_value(struct ir_block *b, enum ir_type t,
                                  unsigned reg, uint64_t value,
                                  struct tenv *e)
{
    e->x[reg] = value;
    return ir_get(b, t, X(reg));
}

/* Result of a one- or two-source op on a and c of type t; the sources
 * are constants, or temps read from guest state when from_state. */
static inline uint64_t eval_op(enum ir_opc opc, enum ir_type t, uint64_t a,
                               uint64_t c, bool from_state)
{
    struct ir_block *b = ir_block_new();
    struct tenv e = tenv_new(NULL);
    ir_temp x = from_state ? state_value(b, t, 1, a, &e) : ir_const(b, t, a);
    ir_temp y = from_state ? state_value(b, t, 2, c, &e) : ir_const(b, t, c);
    ir_temp r = ir_op_defs[opc].nargs == 1 ? ir_unop(b, opc, x)
                                           : ir_binop(b, opc, x, y);

    return finish_on(b, r, &e);
}

/* The op's result, checked to be the same for constant and temp sources. */
static inline uint64_t eval2(enum ir_opc opc, enum ir_type t, uint64_t a,
                             uint64_t c)
{
    uint64_t r = eval_op(opc, t, a, c, true);

    ck_assert_msg(eval_op(opc, t, a, c, false) == r,
                  "%s: constants and temps disagree", ir_op_defs[opc].name);
    return r;
}

static inline uint64_t eval1(enum ir_opc opc, enum ir_type t, uint64_t a)
{
    return eval2(opc, t, a, 0);
}

/* Every FP test starts in the default environment. */
static inline void fp_reset(void)
{
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
}

#endif
