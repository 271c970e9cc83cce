/* translator/interp/interp_vec.c: the 128-bit vector ops of the reference
 * interpreter. A V128 temp is 16 bytes, lane i at byte i * lane size, in
 * the host's (little-endian) byte order like guest memory. */
#include <string.h>

#include "translator/interp/interp_internal.h"

/* Lane i of v, lane size 1 << mo bytes, zero-extended. */
static uint64_t lane_get(const uint8_t *v, unsigned mo, unsigned i)
{
    unsigned size = 1u << mo;
    uint64_t x = 0;

    /* Little-endian host: the lane's bytes are the low bytes of x. */
    memcpy(&x, v + (size_t)i * size, size);
    return x;
}

static void lane_set(uint8_t *v, unsigned mo, unsigned i, uint64_t x)
{
    memcpy(v + (size_t)i * (1u << mo), &x, 1u << mo);
}

static uint64_t lane_op(unsigned opc, uint64_t a, uint64_t b)
{
    switch (opc) {
    case IR_VADD: return a + b;
    case IR_VSUB: return a - b;
    case IR_VAND: return a & b;
    case IR_VOR: return a | b;
    default: return a ^ b; /* IR_VXOR */
    }
}

/* Lane-wise binary ops; each lane wraps around at its own width because
 * lane_set keeps only its low bytes. */
static void binop(const struct ir_op *op, struct interp_frame *f,
                  uint8_t *r)
{
    unsigned mo = op->aux & 3, n = 16u >> mo;
    const uint8_t *a = f->vec[op->args[1]], *b = f->vec[op->args[2]];

    for (unsigned i = 0; i < n; i++)
        lane_set(r, mo, i, lane_op(op->opc, lane_get(a, mo, i),
                                   lane_get(b, mo, i)));
}

void interp_vec_op(const struct ir_op *op, struct interp_frame *f)
{
    unsigned mo = op->aux & 3, n = 16u >> mo;
    uint8_t r[16];

    switch (op->opc) {
    case IR_VGETLANE:
        f->val[op->args[0]] = lane_get(f->vec[op->args[1]], mo, op->imm % n);
        return;
    case IR_VDUP:
        for (unsigned i = 0; i < n; i++)
            lane_set(r, mo, i, f->val[op->args[1]]);
        break;
    case IR_VSETLANE:
        memcpy(r, f->vec[op->args[1]], 16);
        lane_set(r, mo, op->imm % n, f->val[op->args[2]]);
        break;
    default:
        binop(op, f, r);
        break;
    }
    /* Built aside, so a result temp that is also a source reads right. */
    memcpy(f->vec[op->args[0]], r, 16);
}
