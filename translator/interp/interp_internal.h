/* translator/interp/interp_internal.h: what the interpreter's files share:
 * one run's temp storage and the entry point of each op family. */
#ifndef FERRY_TRANSLATOR_INTERP_INTERNAL_H
#define FERRY_TRANSLATOR_INTERP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "translator/interp/interp.h"

/* The temps of one run. Scalar temps live in val (I32 and F32 values
 * zero-extended); V128 temps in vec, 16 little-endian bytes each, indexed
 * by temp number (vec is NULL when the block has no V128 temp). */
struct interp_frame {
    uint64_t *val;
    uint8_t (*vec)[16];
    void *env;
    gva watch_lo, watch_hi; /* interp_run_watched's code range */
    gva limit;              /* struct interp_checks */
    bool mark_pcs;
    bool code_written;      /* a write hit the watched range */
};

/* size (1, 2, 4 or 8) little-endian bytes at p, zero-extended; and the
 * low size bytes of x stored there. Each size is a constant-size copy
 * (one move), where a copy of a variable size is a call. */
static inline uint64_t interp_read(const void *p, unsigned size)
{
    uint64_t x8;
    uint32_t x4;
    uint16_t x2;

    switch (size) {
    case 8: memcpy(&x8, p, 8); return x8;
    case 4: memcpy(&x4, p, 4); return x4;
    case 2: memcpy(&x2, p, 2); return x2;
    default: return *(const uint8_t *)p;
    }
}

static inline void interp_write(void *p, uint64_t x, unsigned size)
{
    uint32_t x4 = (uint32_t)x;
    uint16_t x2 = (uint16_t)x;

    switch (size) {
    case 8: memcpy(p, &x, 8); break;
    case 4: memcpy(p, &x4, 4); break;
    case 2: memcpy(p, &x2, 2); break;
    default: *(uint8_t *)p = (uint8_t)x; break;
    }
}

/* All ones in the bits of type t (32 or 64 of them). */
static inline uint64_t interp_mask(enum ir_type t)
{
    return t == IR_I32 || t == IR_F32 ? 0xffffffffu : ~(uint64_t)0;
}

/* Sign-extends the low bits bits of x (1..64) to 64 bits. */
static inline uint64_t interp_sext(uint64_t x, unsigned bits)
{
    unsigned s = 64 - bits;

    return (uint64_t)((int64_t)(x << s) >> s);
}

/* Integer ops (interp_int.c): IR_ADD..IR_ADDC_OVF and IR_ZEXT..IR_BITCAST;
 * returns the result, reading the sources from val. */
uint64_t interp_int_op(const struct ir_op *op, const uint64_t *val);
/* a cond b on two values of type t (integer or float conditions). */
bool interp_cond(enum ir_cond cond, enum ir_type t, uint64_t a, uint64_t b);

/* Memory ops (interp_mem.c): IR_LOAD, IR_STORE, IR_CMPXCHG,
 * IR_ATOMIC_RMW, IR_FENCE. */
void interp_mem_op(const struct ir_op *op, struct interp_frame *f);

/* Floating point (interp_fp.c): IR_FADD..IR_FCVT_F2F; returns the
 * result. */
uint64_t interp_fp_op(const struct ir_op *op, const uint64_t *val);
void interp_fp_setround(const struct ir_op *op);
/* A float condition (IR_FEQ, IR_FLT, IR_FLE, IR_FUNORD) on F32 or F64
 * bits, raising INVALID as ir.h says for IR_FCMP (quiet: IR_FCMP_QUIET). */
bool interp_fp_cond(enum ir_cond cond, enum ir_type t, uint64_t a,
                    uint64_t b, bool quiet);

/* Vector ops (interp_vec.c): IR_VADD..IR_VSETLANE. */
void interp_vec_op(const struct ir_op *op, struct interp_frame *f);

#endif
