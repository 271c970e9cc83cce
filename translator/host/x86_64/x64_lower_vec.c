/* translator/host/x86_64/x64_lower_vec.c: lowering of the 128-bit vector
 * ops with SSE2 integer instructions; lane access goes through the frame's
 * 16-byte lane buffer, which works for every lane size without SSE4.1. */
#include "translator/host/x86_64/x64_lower.h"

#define A0 op->args[0]
#define A1 op->args[1]
#define A2 op->args[2]

static void lower_binop(struct x64_ctx *c, const struct ir_op *op)
{
    static const uint32_t add[4] = {XO_PADDB, XO_PADDW, XO_PADDD, XO_PADDQ};
    static const uint32_t sub[4] = {XO_PSUBB, XO_PSUBW, XO_PSUBD, XO_PSUBQ};
    unsigned r = x64_dst_op(c, op, X64_XTMP0), lane = op->aux & 3;
    uint32_t xo;

    switch (op->opc) {
    case IR_VADD: xo = add[lane]; break;
    case IR_VSUB: xo = sub[lane]; break;
    case IR_VAND: xo = XO_PAND; break;
    case IR_VOR: xo = XO_POR; break;
    default: xo = XO_PXOR; break;
    }
    x64_load_temp(c, r, A1);
    x64_op_rt(c, xo, 32, r, A2, X64_XTMP1);
    x64_dst_done(c, A0, r);
}

/* Replicates the low lane of rax over 64 bits with a multiply by
 * 0x0101.. (per lane size), then over 128 with punpcklqdq. */
static void lower_dup(struct x64_ctx *c, const struct ir_op *op)
{
    static const uint64_t ones[3] = {0x0101010101010101ull,
                                     0x0001000100010001ull,
                                     0x0000000100000001ull};
    unsigned r = x64_dst_op(c, op, X64_XTMP0), lane = op->aux & 3;
    struct x64_asm *a = &c->a;

    x64_load_temp(c, X64_RAX, A1);
    if (lane < 3) {
        if (lane == 0)
            x64_rr(a, XO_MOVZX8, 32, X64_RAX, X64_RAX);
        else if (lane == 1)
            x64_rr(a, XO_MOVZX16, 32, X64_RAX, X64_RAX);
        else
            x64_mov_rr(a, 32, X64_RAX, X64_RAX);
        x64_mov_ri(a, 64, X64_RCX, ones[lane]);
        x64_rr(a, XO_IMUL_rm, 64, X64_RAX, X64_RCX);
    }
    x64_rr(a, XO_MOVD_xm, 64, r, X64_RAX);
    x64_rr(a, XO_PUNPCKLQDQ, 32, r, r);
    x64_dst_done(c, A0, r);
}

static struct x64_mem lane_mem(const struct ir_op *op)
{
    unsigned size = 1u << (op->aux & 3);

    return x64_mem_bd(X64_FRAME_REG, X64_FRAME_VBUF +
                                   (int32_t)((op->imm * size) & 15));
}

static void lower_getlane(struct x64_ctx *c, const struct ir_op *op)
{
    struct x64_mem buf = x64_mem_bd(X64_FRAME_REG, X64_FRAME_VBUF);
    struct x64_mem m = lane_mem(op);
    unsigned v = x64_src(c, A1, X64_XTMP0);

    x64_rm(&c->a, XO_MOVDQU_mr, 32, v, &buf);
    x64_load(&c->a, 8u << (op->aux & 3), X64_RAX, &m);
    x64_dst_done(c, A0, X64_RAX);
}

static void lower_setlane(struct x64_ctx *c, const struct ir_op *op)
{
    struct x64_mem buf = x64_mem_bd(X64_FRAME_REG, X64_FRAME_VBUF);
    struct x64_mem m = lane_mem(op);
    unsigned v = x64_src(c, A1, X64_XTMP0), r;

    x64_rm(&c->a, XO_MOVDQU_mr, 32, v, &buf);
    x64_load_temp(c, X64_RAX, A2);
    x64_store(&c->a, 8u << (op->aux & 3), &m, X64_RAX);
    r = x64_dst_op(c, op, X64_XTMP0);
    x64_rm(&c->a, XO_MOVDQU_rm, 32, r, &buf);
    x64_dst_done(c, A0, r);
}

bool x64_lower_vec(struct x64_ctx *c, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_VADD: case IR_VSUB: case IR_VAND: case IR_VOR: case IR_VXOR:
        lower_binop(c, op);
        break;
    case IR_VDUP: lower_dup(c, op); break;
    case IR_VGETLANE: lower_getlane(c, op); break;
    case IR_VSETLANE: lower_setlane(c, op); break;
    default: return false;
    }
    return true;
}
