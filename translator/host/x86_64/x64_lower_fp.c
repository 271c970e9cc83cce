/* translator/host/x86_64/x64_lower_fp.c: lowering of the floating-point
 * ops with SSE2 scalar instructions. The guest's rounding mode and accrued
 * flags are the host thread's MXCSR (RC in bits 13-14, sticky flags in
 * bits 0-5; SDM vol. 1, 10.2.3). */
#include "translator/host/x86_64/x64_lower.h"

#define A0 op->args[0]
#define A1 op->args[1]
#define A2 op->args[2]
#define A3 op->args[3]

static bool is_f64(enum ir_type t)
{
    return t == IR_F64;
}

/* IR_FP_DEFAULT_NAN: a NaN in r becomes the default NaN. The op's
 * result is never a signalling NaN, so ucomis raises nothing; a number
 * costs one compare and a taken branch over the fix-up. */
static void nan_fix_reg(struct x64_ctx *c, bool d, unsigned r)
{
    size_t num;

    x64_rr(&c->a, d ? XO_UCOMISD : XO_UCOMISS, 32, r, r);
    num = x64_jcc8(&c->a, X64_CC_NP);
    x64_mov_ri(&c->a, 64, X64_TMP3, d ? 0x7ff8000000000000ull : 0x7fc00000u);
    x64_rr(&c->a, XO_MOVD_xm, d ? 64 : 32, r, X64_TMP3);
    x64_patch8(&c->a, num, x64_pos(&c->a));
}

static void default_nan(struct x64_ctx *c, const struct ir_op *op,
                        unsigned r)
{
    if (op->imm & IR_FP_DEFAULT_NAN)
        nan_fix_reg(c, is_f64((enum ir_type)op->type), r);
}

/* --- fewer default-NaN checks -------------------------------------------
 * The checks of the arithmetic ops (lower_arith) are the most common FP
 * code of a block; two rules cut them, both invisible to the guest:
 * - A use that sees only "some quiet NaN" needs no check: the input of
 *   another default-NaN op (its NaN result is replaced whatever the
 *   input's bits), of a compare or of a conversion to integer, all of
 *   which treat every quiet NaN alike, raising the same flags. (Results of
 *   host ops are never signalling.) A result with only such uses is not
 *   checked: it is "blind".
 * - "ucomis a, b" is unordered when either is a NaN, so one compare checks
 *   two results. An op whose next op, past only instruction starts, GETs
 *   and blind ops (none of which can see its result), is another such op
 *   leaves its check to that one, which checks both. Ops are lowered in
 *   order, so nan_pending remembers the op that left its check. */

#define NAN_NONE UINT32_MAX
#define NAN_SKIP_MAX 8 /* ops between two that pair, at most */

static _Thread_local struct {
    const struct x64_ctx *c;
    uint32_t op; /* index of the op whose check waits, or NAN_NONE */
} nan_pending;

static bool nan_arith(const struct ir_op *op)
{
    return (op->opc == IR_FADD || op->opc == IR_FSUB || op->opc == IR_FMUL ||
            op->opc == IR_FDIV || op->opc == IR_FSQRT) &&
           (op->imm & IR_FP_DEFAULT_NAN);
}

/* u reads a NaN input only as "a quiet NaN". */
static bool nan_blind_use(const struct ir_op *u)
{
    switch (u->opc) {
    case IR_FADD: case IR_FSUB: case IR_FMUL: case IR_FDIV: case IR_FSQRT:
    case IR_FMA:
        return u->imm & IR_FP_DEFAULT_NAN;
    case IR_FCMP: case IR_FCVT_F2I:
        return true;
    default: return false;
    }
}

/* Some op from index `from` on (to t's last use) may see the bits of t. */
static bool nan_seen(const struct x64_ctx *c, ir_temp t, uint32_t from)
{
    const struct ir_block *b = c->b;

    for (uint32_t i = from; i <= c->temp_end[t] && i < b->nops; i++) {
        const struct ir_op *u = &b->ops[i];

        for (unsigned k = 1; k < 5; k++)
            if (u->args[k] == t && !nan_blind_use(u))
                return true;
    }
    return false;
}

/* Op i is an arithmetic op whose result needs a check. */
static bool nan_needed(const struct x64_ctx *c, uint32_t i)
{
    const struct ir_op *op = &c->b->ops[i];

    return nan_arith(op) && nan_seen(c, op->args[0], i + 1);
}

/* Op j, between op i and the one it pairs with, neither reads nor
 * writes op i's result t, nor lets anything see it. */
static bool nan_transparent(const struct x64_ctx *c, uint32_t j, ir_temp t)
{
    const struct ir_op *op = &c->b->ops[j];

    if (op->opc == IR_INSN_START)
        return true;
    if (op->args[0] == t)
        return false;
    return op->opc == IR_GET || (nan_arith(op) && !nan_needed(c, j));
}

/* The op that op i's check may wait for, or NAN_NONE. */
static uint32_t nan_next(const struct x64_ctx *c, uint32_t i)
{
    const struct ir_block *b = c->b;
    const struct ir_op *x = &b->ops[i];
    uint32_t j = i + 1, end = i + 1 + NAN_SKIP_MAX;

    while (j < b->nops && j < end && nan_transparent(c, j, x->args[0]))
        j++;
    if (j < b->nops && nan_needed(c, j) && b->ops[j].type == x->type &&
        b->ops[j].args[0] != x->args[0])
        return j;
    return NAN_NONE;
}

/* The fix-up of a result computed by an earlier op: in its register or
 * its spill slot (stored already). */
static void nan_fix_temp(struct x64_ctx *c, bool d, ir_temp t)
{
    const struct x64_loc *l = &c->locs[t];
    struct x64_mem m = x64_slot_mem(l->slot);
    size_t num;

    if (l->kind != X64_LOC_STACK) {
        nan_fix_reg(c, d, l->reg);
        return;
    }
    x64_load_type(&c->a, d ? IR_F64 : IR_F32, X64_XTMP1, &m);
    x64_rr(&c->a, d ? XO_UCOMISD : XO_UCOMISS, 32, X64_XTMP1, X64_XTMP1);
    num = x64_jcc8(&c->a, X64_CC_NP);
    x64_mov_ri(&c->a, 64, X64_TMP3, d ? 0x7ff8000000000000ull : 0x7fc00000u);
    x64_store(&c->a, d ? 64 : 32, &m, X64_TMP3);
    x64_patch8(&c->a, num, x64_pos(&c->a));
}

/* The checks due after lower_arith computed op (the one at
 * c->op_index) into r: none, its own, or its own and the waiting one's.
 * A check left to the next op is done there whatever happens: that op
 * is an arithmetic one, which comes here. */
static void arith_nan_checks(struct x64_ctx *c, const struct ir_op *op,
                             unsigned r)
{
    const struct ir_block *b = c->b;
    uint32_t i = c->op_index;
    bool d = is_f64((enum ir_type)op->type);
    ir_temp x;
    size_t num;

    if (!nan_needed(c, i))
        return;
    /* (A stale nan_pending, left by a compilation that stopped halfway,
     * names an op that needs a check and is alive here, or none: an
     * extra check of an op's result is harmless.) */
    if (nan_pending.c != c || nan_pending.op >= i ||
        !nan_needed(c, nan_pending.op) || nan_next(c, nan_pending.op) != i) {
        if (nan_next(c, i) != NAN_NONE) {
            nan_pending.c = c;
            nan_pending.op = i;
            return;
        }
        nan_fix_reg(c, d, r);
        return;
    }
    x = b->ops[nan_pending.op].args[0];
    nan_pending.op = NAN_NONE;
    x64_op_rt(c, d ? XO_UCOMISD : XO_UCOMISS, 32, r, x, X64_XTMP1);
    num = x64_jcc8(&c->a, X64_CC_NP);
    nan_fix_temp(c, d, x);
    nan_fix_reg(c, d, r);
    x64_patch8(&c->a, num, x64_pos(&c->a));
}

/* FMA3 hosts have AVX: its three-operand forms (vaddsd r, a, b) need no
 * copy of a into r first, and vsqrtsd r, a, a no old value of r. */
static bool has_vex(const struct x64_ctx *c)
{
    return c->cpu->fma || c->cpu->avx2;
}

static void lower_arith(struct x64_ctx *c, const struct ir_op *op,
                        uint32_t xo_sd, uint32_t xo_ss)
{
    unsigned r = x64_dst_op(c, op, X64_XTMP0), a, b;
    uint32_t xo = is_f64((enum ir_type)op->type) ? xo_sd : xo_ss;

    if (has_vex(c)) {
        a = x64_src(c, A1, X64_XTMP1);
        b = op->opc == IR_FSQRT ? a : x64_src(c, A2, X64_XTMP2);
        x64_vex_rrr(&c->a, xo, false, r, a, b);
    } else if (op->opc == IR_FSQRT) {
        x64_op_rt(c, xo, 32, r, A1, X64_XTMP1);
    } else {
        x64_load_temp(c, r, A1);
        x64_op_rt(c, xo, 32, r, A2, X64_XTMP1);
    }
    if (op->imm & IR_FP_DEFAULT_NAN)
        arith_nan_checks(c, op, r);
    x64_dst_done(c, A0, r);
}

static void lower_fma(struct x64_ctx *c, const struct ir_op *op)
{
    bool d = is_f64((enum ir_type)op->type);
    struct x64_arg args[4] = {{A1, 0}, {A2, 0}, {A3, 0}, {0, 0}};
    unsigned rb, rc;

    if (!c->cpu->fma) {
        x64_emit_call(c, (uintptr_t)(d ? x64_helper_fma64 : x64_helper_fma32),
                      args, A0);
        if (c->locs[A0].kind == X64_LOC_REG) {
            default_nan(c, op, c->locs[A0].reg);
        } else if (c->locs[A0].kind == X64_LOC_STACK) {
            x64_load_temp(c, X64_XTMP0, A0);
            default_nan(c, op, X64_XTMP0);
            x64_dst_done(c, A0, X64_XTMP0);
        }
        return;
    }
    rb = x64_src(c, A2, X64_XTMP1);
    rc = x64_src(c, A3, X64_XTMP2);
    x64_load_temp(c, X64_XTMP0, A1);
    x64_vex_rrr(&c->a, XO_VFMADD213, d, X64_XTMP0, rb, rc);
    default_nan(c, op, X64_XTMP0);
    x64_dst_done(c, A0, X64_XTMP0);
}

/* Sign-bit operations on the bits in rax: no FP flags, NaNs kept. */
static void lower_sign(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = is_f64((enum ir_type)op->type) ? 64 : 32;
    unsigned s = x64_src(c, A1, X64_XTMP0);
    unsigned r = x64_dst_op(c, op, X64_XTMP0);

    x64_rr(&c->a, XO_MOVD_mx, w, s, X64_RAX);
    x64_ext_r(&c->a, XO_BT_i8, w, op->opc == IR_FNEG ? 7 : 6, X64_RAX);
    x64_byte(&c->a, w - 1);
    x64_rr(&c->a, XO_MOVD_xm, w, r, X64_RAX);
    x64_dst_done(c, A0, r);
}

static void lower_fcmp(struct x64_ctx *c, const struct ir_op *op)
{
    enum x64_cc cc = x64_float_compare(c, op->cond, (enum ir_type)op->aux,
                                       A1, A2, op->imm & IR_FCMP_QUIET);

    x64_setcc(&c->a, cc, X64_RAX);
    x64_movzx8(&c->a, X64_RAX, X64_RAX);
    x64_dst_done(c, A0, X64_RAX);
}

/* cvts[sd]2si gives the "integer indefinite" value 1 << (w - 1) for NaN
 * and out-of-range inputs (SDM 4.8.3.6); rax - 1 overflows only for that
 * value. It stays for large negative inputs; positive ones saturate to the
 * maximum, NaN to the maximum or 0 (ir.h). */
static void f2i_fixup(struct x64_ctx *c, unsigned w, unsigned src,
                      bool dbl, bool nan_zero)
{
    struct x64_asm *a = &c->a;
    uint32_t ucomi = dbl ? XO_UCOMISD : XO_UCOMISS;
    size_t done1, nan, done2, done3;
    uint64_t max = w == 64 ? INT64_MAX : INT32_MAX;

    x64_alu_ri(a, X64_CMP, w, X64_RAX, 1);
    done1 = x64_jcc8(a, X64_CC_NO);
    x64_rr(a, ucomi, 32, src, src);
    nan = x64_jcc8(a, X64_CC_P);
    x64_rr(a, XO_XORPS, 32, X64_XTMP1, X64_XTMP1);
    x64_rr(a, ucomi, 32, src, X64_XTMP1);
    done2 = x64_jcc8(a, X64_CC_BE);
    x64_mov_ri(a, w, X64_RAX, max);
    done3 = x64_jmp8(a);
    x64_patch8(a, nan, x64_pos(a));
    x64_mov_ri(a, w, X64_RAX, nan_zero ? 0 : max);
    x64_patch8(a, done1, x64_pos(a));
    x64_patch8(a, done2, x64_pos(a));
    x64_patch8(a, done3, x64_pos(a));
}

static void lower_f2i(struct x64_ctx *c, const struct ir_op *op)
{
    bool dbl = is_f64((enum ir_type)op->aux);
    unsigned w = x64_width((enum ir_type)op->type), src;
    struct x64_arg args[4] = {{A1, 0}, {0, 0}, {0, 0}, {0, 0}};

    if (op->imm & IR_CVT_UNSIGNED) {
        args[1].imm = (dbl ? 1 : 0) | (w == 64 ? 2 : 0) |
                      (op->imm & IR_CVT_NAN_ZERO ? 4 : 0) |
                      (op->imm & IR_CVT_TRUNC ? 8 : 0);
        x64_emit_call(c, (uintptr_t)x64_helper_f2u, args, A0);
        return;
    }
    src = x64_src(c, A1, X64_XTMP0);
    if (op->imm & IR_CVT_TRUNC)
        x64_rr(&c->a, dbl ? XO_CVTTSD2SI : XO_CVTTSS2SI, w, X64_RAX, src);
    else
        x64_rr(&c->a, dbl ? XO_CVTSD2SI : XO_CVTSS2SI, w, X64_RAX, src);
    f2i_fixup(c, w, src, dbl, op->imm & IR_CVT_NAN_ZERO);
    x64_dst_done(c, A0, X64_RAX);
}

/* An unsigned 32-bit integer is a nonnegative 64-bit one: its register
 * holds it zero-extended. */
static void lower_i2f(struct x64_ctx *c, const struct ir_op *op)
{
    bool dbl = is_f64((enum ir_type)op->type);
    unsigned w = x64_width((enum ir_type)op->aux), r, s;
    struct x64_arg args[4] = {{A1, 0}, {0, dbl}, {0, 0}, {0, 0}};

    if ((op->imm & IR_CVT_UNSIGNED) && w == 64) {
        x64_emit_call(c, (uintptr_t)x64_helper_u2f, args, A0);
        return;
    }
    if (op->imm & IR_CVT_UNSIGNED)
        w = 64;
    s = x64_src(c, A1, X64_RAX);
    r = x64_dst_op(c, op, X64_XTMP0);
    x64_rr(&c->a, XO_XORPS, 32, r, r); /* no false dependency */
    x64_rr(&c->a, dbl ? XO_CVTSI2SD : XO_CVTSI2SS, w, r, s);
    x64_dst_done(c, A0, r);
}

static void lower_f2f(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_XTMP0);

    x64_op_rt(c, is_f64((enum ir_type)op->type) ? XO_CVTSS2SD : XO_CVTSD2SS,
              32, r, A1, X64_XTMP1);
    x64_dst_done(c, A0, r);
}

/* Bits between the register files: movd/movq. */
static void lower_bitcast(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type to = (enum ir_type)op->type;
    unsigned w = x64_width(to), s, r;

    if (x64_is_float(to)) {
        s = x64_src(c, A1, X64_RAX);
        r = x64_dst_op(c, op, X64_XTMP0);
        x64_rr(&c->a, XO_MOVD_xm, w, r, s);
    } else {
        s = x64_src(c, A1, X64_XTMP0);
        r = x64_dst_op(c, op, X64_RAX);
        x64_rr(&c->a, XO_MOVD_mx, w, s, r);
    }
    x64_dst_done(c, A0, r);
}

/* MXCSR goes through the frame's scratch word (ldmxcsr takes memory). */
static void mxcsr_update(struct x64_ctx *c, uint32_t clear, uint32_t set)
{
    struct x64_mem m = x64_mem_bd(X64_FRAME_REG, X64_FRAME_MXCSR);

    x64_ext_m(&c->a, XO_MXCSR, 32, 3, &m);
    x64_alu_mi(&c->a, X64_AND, 32, &m, (int32_t)~clear);
    if (set)
        x64_alu_mi(&c->a, X64_OR, 32, &m, (int32_t)set);
    x64_ext_m(&c->a, XO_MXCSR, 32, 2, &m);
}

/* MXCSR's exception masks of the five IEEE flags (IM ZM OM UM PM; DM,
 * denormal operand, stays masked). */
#define MX_IEEE_MASKS 0x1e80u

/* The guest's flags are in env's record (x64_fp_flags.c): a load, unless
 * a sticky bit says MXCSR's flags count too (an underflow trapped, or the
 * thread no longer traps). Scratch: rax, rcx. */
static void lower_flags(struct x64_ctx *c, const struct ir_op *op)
{
    struct x64_mem rec = x64_mem_bd(X64_ENV, CPU_COMMON_FP_HOST_OFFSET);
    struct x64_mem m = x64_mem_bd(X64_FRAME_REG, X64_FRAME_MXCSR);
    struct x64_mem t = x64_mem_bid(X64_RCX, X64_RAX, 0);
    size_t done;

    x64_load(&c->a, 32, X64_RAX, &rec);
    x64_alu_ri(&c->a, X64_CMP, 32, X64_RAX, IR_FPF_ALL);
    done = x64_jcc8(&c->a, X64_CC_BE);
    x64_ext_m(&c->a, XO_MXCSR, 32, 3, &m);
    x64_load(&c->a, 32, X64_RAX, &m);
    x64_alu_ri(&c->a, X64_AND, 32, X64_RAX, 0x3f);
    x64_mov_ri(&c->a, 64, X64_RCX, (uintptr_t)x64_fpflag_table);
    x64_load(&c->a, 8, X64_RAX, &t);
    x64_alu_rm(&c->a, X64_OR, 32, X64_RAX, &rec);
    x64_alu_ri(&c->a, X64_AND, 32, X64_RAX, IR_FPF_ALL);
    x64_patch8(&c->a, done, x64_pos(&c->a));
    x64_dst_done(c, A0, X64_RAX);
}

/* Empties the record and clears MXCSR's flags; unmasks every IEEE
 * exception again, so the next raise of any flag traps, unless the
 * thread no longer traps (x64_fp_flags.c). */
static void lower_clearflags(struct x64_ctx *c)
{
    struct x64_mem rec = x64_mem_bd(X64_ENV, CPU_COMMON_FP_HOST_OFFSET);
    struct x64_mem m = x64_mem_bd(X64_FRAME_REG, X64_FRAME_MXCSR);
    size_t keep;

    x64_ext_m(&c->a, XO_MXCSR, 32, 3, &m);
    x64_alu_mi(&c->a, X64_AND, 32, &m, ~0x3f);
    x64_alu_mi(&c->a, X64_AND, 32, &rec, X64_FP_NO_TRAPS);
    keep = x64_jcc8(&c->a, X64_CC_NE);
    x64_alu_mi(&c->a, X64_AND, 32, &m, (int32_t)~MX_IEEE_MASKS);
    x64_patch8(&c->a, keep, x64_pos(&c->a));
    x64_ext_m(&c->a, XO_MXCSR, 32, 2, &m);
}

/* Dispatch: one case per floating-point op. */
bool x64_lower_fp(struct x64_ctx *c, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_FADD: lower_arith(c, op, XO_ADDSD, XO_ADDSS); break;
    case IR_FSUB: lower_arith(c, op, XO_SUBSD, XO_SUBSS); break;
    case IR_FMUL: lower_arith(c, op, XO_MULSD, XO_MULSS); break;
    case IR_FDIV: lower_arith(c, op, XO_DIVSD, XO_DIVSS); break;
    case IR_FSQRT: lower_arith(c, op, XO_SQRTSD, XO_SQRTSS); break;
    case IR_FMA: lower_fma(c, op); break;
    case IR_FNEG: case IR_FABS: lower_sign(c, op); break;
    case IR_FCMP: lower_fcmp(c, op); break;
    case IR_FCVT_F2I: lower_f2i(c, op); break;
    case IR_FCVT_I2F: lower_i2f(c, op); break;
    case IR_FCVT_F2F: lower_f2f(c, op); break;
    case IR_BITCAST: lower_bitcast(c, op); break;
    case IR_FP_SETROUND: mxcsr_update(c, 0x6000, (op->imm & 3) << 13); break;
    case IR_FP_CLEARFLAGS: lower_clearflags(c); break;
    case IR_FP_FLAGS: lower_flags(c, op); break;
    default: return false;
    }
    return true;
}
