/* frontends/riscv64/trans_fp_common.c: the IR that F and D instructions are
 * built from (RISC-V unpriv. spec chapters 11 and 12): NaN boxing,
 * canonical NaNs, static and dynamic rounding modes, accrued fflags. */
#include "frontends/riscv64/rv_fp.h"

/* An operation that rounds: its inputs and how to compute it. */
struct rv_fp_insn {
    enum rv_fpop op;
    enum ir_type type;  /* of the result */
    enum ir_type stype; /* of the first source */
    unsigned cvt;       /* enum ir_cvt, conversions only */
    ir_temp src[3];
};

/* RISC-V rm 0-3 as IR rounding modes. */
static const enum ir_round rv_ir_round[4] = {
    IR_ROUND_NEAREST_EVEN, IR_ROUND_ZERO, IR_ROUND_DOWN, IR_ROUND_UP,
};

static enum ir_type rv_fp_int_type(enum ir_type type)
{
    return type == IR_F32 ? IR_I32 : IR_I64;
}

/* 11.2: rm 5 and 6 are reserved encodings (7, dynamic, is checked at run
 * time). */
static bool rv_fp_rm_valid(unsigned rm)
{
    return rm <= RV_RM_RMM || rm == RV_RM_DYN;
}

/* --- registers ---------------------------------------------------------- */

/* f[r] as integer bits of type's width. 12.2: a single operand that is
 * not NaN-boxed reads as the canonical NaN. */
static ir_temp rv_fpr_bits(struct rv_dc *dc, enum ir_type type, unsigned r)
{
    ir_temp v = ir_get(dc->ir, IR_I64, RV_F_OFFSET(r));

    if (type == IR_F64)
        return v;
    return ir_select(dc->ir, IR_GEU, v, rv_const64(dc, RV_NAN_BOX),
                     ir_convert(dc->ir, IR_TRUNC, IR_I32, v),
                     rv_const32(dc, RV_CANON_NAN_S));
}

static ir_temp rv_fpr_get(struct rv_dc *dc, enum ir_type type, unsigned r)
{
    return ir_convert(dc->ir, IR_BITCAST, type, rv_fpr_bits(dc, type, r));
}

/* f[r] = the integer bits v; I32 values are NaN-boxed (12.2). */
static void rv_fpr_set_bits(struct rv_dc *dc, unsigned r, ir_temp v)
{
    if (ir_temp_type(dc->ir, v) == IR_I32)
        v = ir_binop(dc->ir, IR_OR, ir_convert(dc->ir, IR_ZEXT, IR_I64, v),
                     rv_const64(dc, RV_NAN_BOX));
    ir_set(dc->ir, RV_F_OFFSET(r), v);
}

static void rv_fpr_set(struct rv_dc *dc, unsigned r, ir_temp v)
{
    enum ir_type it = rv_fp_int_type(ir_temp_type(dc->ir, v));

    rv_fpr_set_bits(dc, r, ir_convert(dc->ir, IR_BITCAST, it, v));
}

static uint64_t rv_canon_bits(enum ir_type type)
{
    return type == IR_F32 || type == IR_I32 ? RV_CANON_NAN_S : RV_CANON_NAN_D;
}

/* v, or the canonical NaN if v is a NaN (11.3): the host gives its own
 * default NaN (0xffc00000 on x86) or propagates an input's payload. v is
 * an op's result, never a signalling NaN, so the compare raises nothing. */
static ir_temp rv_fp_canon(struct rv_dc *dc, ir_temp v)
{
    enum ir_type t = ir_temp_type(dc->ir, v);

    return ir_select(dc->ir, IR_FUNORD, v, v,
                     ir_const(dc->ir, t, rv_canon_bits(t)), v);
}

/* --- flags and rounding ------------------------------------------------- */

/* fflags |= flags (I32 ir_fpflag bits, which are the fflags bits). */
static void rv_fp_accrue(struct rv_dc *dc, ir_temp flags)
{
    ir_temp old = ir_get(dc->ir, IR_I32, RV_FFLAGS_OFFSET);

    ir_set(dc->ir, RV_FFLAGS_OFFSET, ir_binop(dc->ir, IR_OR, old, flags));
}

/* Clearing the host's accrued flags is slow (x86: ldmxcsr and fnclex),
 * so it is done once per block, by the first instruction that reads
 * them; later ones OR all host flags into fflags again, which changes
 * nothing as long as the host flags hold only flags already accrued.
 * That holds when, since the clear, fflags was written only by the
 * accrual sequences below and no foreign helper ran (translated riscv64
 * code has no other FP ops; the RMM helper restores the host flags). A
 * clear is emitted before its instruction's first branch, so it is on
 * every path to the instructions after it (other riscv64 code must not
 * emit IR_FP_CLEARFLAGS inside a branch). */

/* Whether op i (an IR_SET of fflags) ends rv_fp_accrue's sequence:
 * flags (IR_FP_FLAGS or the fma NV helper), get fflags, or, set. */
static bool rv_fp_is_accrual(const struct ir_block *b, uint32_t i)
{
    const struct ir_op *f, *get, *or;

    if (i < 3)
        return false;
    f = &b->ops[i - 3];
    get = &b->ops[i - 2];
    or = &b->ops[i - 1];
    if (or->opc != IR_OR || or->args[0] != b->ops[i].args[1])
        return false;
    if (get->opc != IR_GET || get->imm != RV_FFLAGS_OFFSET ||
        or->args[1] != get->args[0] || or->args[2] != f->args[0])
        return false;
    return f->opc == IR_FP_FLAGS ||
           (f->opc == IR_CALL && f->imm == (uintptr_t)&rv_fp_fma_nv_helper);
}

static bool rv_fp_own_helper(const struct ir_op *op)
{
    uintptr_t h = (uintptr_t)op->imm;

    return h == (uintptr_t)&rv_fp_class_helper ||
           h == (uintptr_t)&rv_fp_fma_nv_helper ||
           (h >= (uintptr_t)&rv_fp_rmm_helpers[0] &&
            h < (uintptr_t)&rv_fp_rmm_helpers[IR_NTYPES]);
}

/* Whether the host flags hold only flags already in fflags (above). */
static bool rv_fp_flags_clean(const struct ir_block *b)
{
    for (uint32_t i = b->nops; i-- > 0;) {
        const struct ir_op *op = &b->ops[i];

        if (op->opc == IR_FP_CLEARFLAGS)
            return true;
        if (op->opc == IR_SET && op->imm == RV_FFLAGS_OFFSET &&
            !rv_fp_is_accrual(b, i))
            return false;
        if (op->opc == IR_CALL && !rv_fp_own_helper(op))
            return false;
    }
    return false;
}

/* Starts an instruction that accrues host flags; call it before the
 * instruction's first branch. */
static void rv_fp_begin(struct rv_dc *dc)
{
    if (!rv_fp_flags_clean(dc->ir))
        ir_fp_clearflags(dc->ir);
}

static ir_temp rv_fp_host_op(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    const ir_temp *s = in->src;

    switch (in->op) {
    case RV_FPOP_ADD: return ir_binop(dc->ir, IR_FADD, s[0], s[1]);
    case RV_FPOP_SUB: return ir_binop(dc->ir, IR_FSUB, s[0], s[1]);
    case RV_FPOP_MUL: return ir_binop(dc->ir, IR_FMUL, s[0], s[1]);
    case RV_FPOP_DIV: return ir_binop(dc->ir, IR_FDIV, s[0], s[1]);
    case RV_FPOP_SQRT: return ir_unop(dc->ir, IR_FSQRT, s[0]);
    case RV_FPOP_FMA: return ir_fma(dc->ir, s[0], s[1], s[2]);
    case RV_FPOP_F2I:
        return ir_fcvt(dc->ir, IR_FCVT_F2I, in->type, in->cvt, s[0]);
    case RV_FPOP_I2F:
        return ir_fcvt(dc->ir, IR_FCVT_I2F, in->type, in->cvt, s[0]);
    default: return ir_fcvt(dc->ir, IR_FCVT_F2F, in->type, 0, s[0]);
    }
}

/* The op in the host's current rounding mode, its flags accrued. The IR
 * flags follow x86 SSE, which like RISC-V (11.4) detects tininess after
 * rounding and raises underflow only for tiny inexact results; x86's
 * denormal-operand flag has no IR flag, so it never reaches fflags. */
static ir_temp rv_fp_host(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    ir_temp r = rv_fp_host_op(dc, in);

    rv_fp_accrue(dc, ir_fp_flags(dc->ir));
    return r;
}

/* RMM has no host equivalent: a C helper computes it exactly. */
static ir_temp rv_fp_rmm(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    ir_temp s[3];

    for (unsigned i = 0; i < 3; i++)
        s[i] = in->src[i] ? in->src[i] : rv_const64(dc, 0);
    return ir_call(dc->ir, &rv_fp_rmm_helpers[in->type],
                   rv_const64(dc, RV_FP_DESC(in->op, in->type, in->stype,
                                             in->cvt)),
                   s[0], s[1], s[2]);
}

/* The op with static rounding mode rm (0-4). The host rounds to nearest
 * (RNE) at every guest instruction boundary: translated code starts so
 * (the C default, which new threads and signal handlers get too), every
 * op here that selects another mode puts RNE back before its instruction
 * ends, and the RMM helper restores the whole environment. So RNE, the
 * usual mode, needs no IR_FP_SETROUND, and the emulator's own C code
 * always finds its default. */
static ir_temp rv_fp_static(struct rv_dc *dc, const struct rv_fp_insn *in,
                            unsigned rm)
{
    ir_temp r;

    if (rm == RV_RM_RMM)
        return rv_fp_rmm(dc, in);
    if (rm == RV_RM_RNE)
        return rv_fp_host(dc, in);
    ir_fp_setround(dc->ir, rv_ir_round[rm]);
    r = rv_fp_host(dc, in);
    ir_fp_setround(dc->ir, IR_ROUND_NEAREST_EVEN);
    return r;
}

/* Ends the path with an illegal-instruction exit unless frm holds a valid
 * mode (11.2: for a dynamic rm this is decided at run time). */
static void rv_fp_frm_check(struct rv_dc *dc, ir_temp frm)
{
    ir_label ok = ir_new_label(dc->ir);

    ir_brcond(dc->ir, IR_LEU, frm, rv_const32(dc, RV_RM_RMM), ok);
    ir_exit(dc->ir, IR_EXIT_ILLEGAL, dc->pc);
    ir_set_label(dc->ir, ok);
}

static ir_temp rv_fp_frm(struct rv_dc *dc)
{
    return ir_get(dc->ir, IR_I32, RV_FRM_OFFSET);
}

/* Sets the host rounding mode to frm, known to be 1, 2 or 3, then goes
 * to label out. */
static void rv_fp_setround_dyn(struct rv_dc *dc, ir_temp frm, ir_label out)
{
    for (unsigned m = RV_RM_RTZ; m < RV_RM_RUP; m++) {
        ir_label next = ir_new_label(dc->ir);

        ir_brcond(dc->ir, IR_NE, frm, rv_const32(dc, m), next);
        ir_fp_setround(dc->ir, rv_ir_round[m]);
        ir_br(dc->ir, out);
        ir_set_label(dc->ir, next);
    }
    ir_fp_setround(dc->ir, rv_ir_round[RV_RM_RUP]);
}

/* The op with the dynamic rounding mode: RNE (the usual frm) first, with
 * one test; then the reserved modes, the other host modes, and RMM
 * through the helper. */
static ir_temp rv_fp_dynamic(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    ir_temp frm = rv_fp_frm(dc), res = ir_new_temp(dc->ir, in->type);
    ir_label other = ir_new_label(dc->ir), host = ir_new_label(dc->ir);
    ir_label rmm = ir_new_label(dc->ir), done = ir_new_label(dc->ir);

    ir_brcond(dc->ir, IR_NE, frm, rv_const32(dc, RV_RM_RNE), other);
    ir_mov(dc->ir, res, rv_fp_static(dc, in, RV_RM_RNE));
    ir_br(dc->ir, done);
    ir_set_label(dc->ir, other);
    rv_fp_frm_check(dc, frm);
    ir_brcond(dc->ir, IR_EQ, frm, rv_const32(dc, RV_RM_RMM), rmm);
    rv_fp_setround_dyn(dc, frm, host);
    ir_set_label(dc->ir, host);
    ir_mov(dc->ir, res, rv_fp_host(dc, in));
    ir_fp_setround(dc->ir, IR_ROUND_NEAREST_EVEN);
    ir_br(dc->ir, done);
    ir_set_label(dc->ir, rmm);
    ir_mov(dc->ir, res, rv_fp_rmm(dc, in));
    ir_set_label(dc->ir, done);
    return res;
}

/* in rounded as rm says (rm already valid), its flags accrued. An exact
 * operation (widening conversions) ignores the mode, but a dynamic rm
 * must still hold a valid frm (11.2: "treat the rm field as usual");
 * int32 to double raises no flag at all. */
static ir_temp rv_fp_compute(struct rv_dc *dc, unsigned rm,
                             const struct rv_fp_insn *in, bool exact)
{
    if (exact && in->op == RV_FPOP_I2F) { /* int32 to double: no flags */
        if (rm == RV_RM_DYN)
            rv_fp_frm_check(dc, rv_fp_frm(dc));
        return rv_fp_host_op(dc, in);
    }
    rv_fp_begin(dc);
    if (exact) {
        if (rm == RV_RM_DYN)
            rv_fp_frm_check(dc, rv_fp_frm(dc));
        return rv_fp_host(dc, in);
    }
    if (rm == RV_RM_DYN)
        return rv_fp_dynamic(dc, in);
    return rv_fp_static(dc, in, rm);
}

/* --- generators --------------------------------------------------------- */

bool rv_fp_gen_arith(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type, enum rv_fpop op)
{
    struct rv_fp_insn in = {op, type, type, 0, {0, 0, 0}};

    if (!rv_fp_rm_valid(a->rm))
        return false;
    in.src[0] = rv_fpr_get(dc, type, a->rs1);
    if (op != RV_FPOP_SQRT)
        in.src[1] = rv_fpr_get(dc, type, a->rs2);
    rv_fpr_set(dc, a->rd, rv_fp_canon(dc, rv_fp_compute(dc, a->rm, &in,
                                                        false)));
    return true;
}

/* 11.6: the fused multiply-adds raise NV for inf * 0 even when the addend
 * is a quiet NaN; the host need not, so NaN results get NV checked. */
static void rv_fp_fma_nan_nv(struct rv_dc *dc, ir_temp r, const ir_temp *s)
{
    ir_label nan = ir_new_label(dc->ir), done = ir_new_label(dc->ir);
    enum ir_type t = ir_temp_type(dc->ir, r);

    ir_brcond(dc->ir, IR_FUNORD, r, r, nan);
    ir_br(dc->ir, done);
    ir_set_label(dc->ir, nan);
    rv_fp_accrue(dc, ir_call(dc->ir, &rv_fp_fma_nv_helper,
                             rv_const64(dc, t), s[0], s[1], IR_NO_TEMP));
    ir_set_label(dc->ir, done);
}

/* fmadd: a*b+c; fmsub: a*b-c; fnmsub: -(a*b)+c; fnmadd: -(a*b)-c, each
 * rounded once. Negating an operand is exact, so -(a*b) = (-a)*b. */
bool rv_fp_gen_fma(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, bool neg_prod, bool neg_add)
{
    struct rv_fp_insn in = {RV_FPOP_FMA, type, type, 0, {0, 0, 0}};
    ir_temp r;

    if (!rv_fp_rm_valid(a->rm))
        return false;
    in.src[0] = rv_fpr_get(dc, type, a->rs1);
    in.src[1] = rv_fpr_get(dc, type, a->rs2);
    in.src[2] = rv_fpr_get(dc, type, a->rs3);
    if (neg_prod)
        in.src[0] = ir_unop(dc->ir, IR_FNEG, in.src[0]);
    if (neg_add)
        in.src[2] = ir_unop(dc->ir, IR_FNEG, in.src[2]);
    r = rv_fp_compute(dc, a->rm, &in, false);
    rv_fp_fma_nan_nv(dc, r, in.src);
    rv_fpr_set(dc, a->rd, rv_fp_canon(dc, r));
    return true;
}

/* fsgnj (rm 0), fsgnjn (1), fsgnjx (2): bit operations, no flags and no
 * NaN canonicalisation (11.7). */
bool rv_fp_gen_sgnj(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type)
{
    enum ir_type it = rv_fp_int_type(type);
    ir_temp x = rv_fpr_bits(dc, type, a->rs1);
    ir_temp y = rv_fpr_bits(dc, type, a->rs2);
    ir_temp sign = ir_const(dc->ir, it, (uint64_t)1 << (ir_type_bits(it) - 1));
    ir_temp r;

    if (a->rm == 2) {
        r = ir_binop(dc->ir, IR_XOR, x, ir_binop(dc->ir, IR_AND, y, sign));
    } else {
        y = a->rm == 1 ? ir_binop(dc->ir, IR_ANDC, sign, y)
                       : ir_binop(dc->ir, IR_AND, y, sign);
        r = ir_binop(dc->ir, IR_OR, ir_binop(dc->ir, IR_ANDC, x, sign), y);
    }
    rv_fpr_set_bits(dc, a->rd, r);
    return true;
}

/* A signed-integer key ordering non-NaN floats by value, -0 below +0:
 * negative values get their magnitude bits flipped. */
static ir_temp rv_fp_order_key(struct rv_dc *dc, ir_temp x)
{
    enum ir_type it = ir_temp_type(dc->ir, x);
    ir_temp top = ir_const(dc->ir, it, ir_type_bits(it) - 1);
    ir_temp m = ir_binop(dc->ir, IR_SAR, x, top);

    m = ir_binop(dc->ir, IR_SHR, m, ir_const(dc->ir, it, 1));
    return ir_binop(dc->ir, IR_XOR, x, m);
}

/* r if x (integer bits) is not a NaN, else if_nan. */
static ir_temp rv_fp_if_nan(struct rv_dc *dc, ir_temp x, ir_temp if_nan,
                            ir_temp r)
{
    enum ir_type it = ir_temp_type(dc->ir, x);
    uint64_t inf = it == IR_I32 ? 0x7f800000u : 0x7ff0000000000000ull;
    uint64_t mag = it == IR_I32 ? 0x7fffffffu : ~(uint64_t)0 >> 1;
    ir_temp ax = ir_binop(dc->ir, IR_AND, x, ir_const(dc->ir, it, mag));

    return ir_select(dc->ir, IR_GTU, ax, ir_const(dc->ir, it, inf), if_nan, r);
}

/* fmin/fmax (11.6, as of F version 2.2): -0 < +0; one NaN operand gives
 * the other, two give the canonical NaN; NV only for signalling NaNs,
 * which is what an IR_FUNORD compare raises. */
bool rv_fp_gen_minmax(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type, bool max)
{
    enum ir_type it = rv_fp_int_type(type);
    ir_temp x = rv_fpr_bits(dc, type, a->rs1);
    ir_temp y = rv_fpr_bits(dc, type, a->rs2);
    ir_temp r;

    rv_fp_begin(dc);
    ir_fcmp(dc->ir, IR_I32, IR_FUNORD, ir_convert(dc->ir, IR_BITCAST, type, x),
            ir_convert(dc->ir, IR_BITCAST, type, y));
    rv_fp_accrue(dc, ir_fp_flags(dc->ir));
    r = ir_select(dc->ir, max ? IR_GT : IR_LT, rv_fp_order_key(dc, x),
                  rv_fp_order_key(dc, y), x, y);
    r = rv_fp_if_nan(dc, x, y, r);
    r = rv_fp_if_nan(dc, y, x, r);
    r = rv_fp_if_nan(dc, r, ir_const(dc->ir, it, rv_canon_bits(it)), r);
    rv_fpr_set_bits(dc, a->rd, r);
    return true;
}

/* feq (NV for signalling NaNs only), flt and fle (NV for any NaN): the
 * IR_FCMP contract is exactly that (11.8). */
bool rv_fp_gen_cmp(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_cond cond)
{
    ir_temp x = rv_fpr_get(dc, type, a->rs1);
    ir_temp y = rv_fpr_get(dc, type, a->rs2);
    ir_temp r;

    rv_fp_begin(dc);
    r = ir_fcmp(dc->ir, IR_I64, cond, x, y);
    rv_fp_accrue(dc, ir_fp_flags(dc->ir));
    rv_gpr_set(dc, a->rd, r);
    return true;
}

bool rv_fp_gen_class(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type)
{
    ir_temp x = rv_fpr_bits(dc, type, a->rs1);

    if (type == IR_F32)
        x = ir_convert(dc->ir, IR_ZEXT, IR_I64, x);
    rv_gpr_set(dc, a->rd, ir_call(dc->ir, &rv_fp_class_helper,
                                  rv_const64(dc, type), x, IR_NO_TEMP,
                                  IR_NO_TEMP));
    return true;
}

/* fcvt.{w,wu,l,lu}.{s,d}: the IR conversion saturates as 11.7's table
 * says (NaN gives the maximum); W results are sign-extended, wu too. */
bool rv_fp_gen_f2i(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns)
{
    struct rv_fp_insn in = {RV_FPOP_F2I, itype, type,
                            uns ? IR_CVT_UNSIGNED : 0u, {0, 0, 0}};
    ir_temp r;

    if (!rv_fp_rm_valid(a->rm))
        return false;
    in.src[0] = rv_fpr_get(dc, type, a->rs1);
    r = rv_fp_compute(dc, a->rm, &in, false);
    if (itype == IR_I32)
        rv_gpr_set_sext32(dc, a->rd, r);
    else
        rv_gpr_set(dc, a->rd, r);
    return true;
}

/* fcvt.{s,d}.{w,wu,l,lu}; fcvt.d.w[u] is exact. */
bool rv_fp_gen_i2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns)
{
    struct rv_fp_insn in = {RV_FPOP_I2F, type, itype,
                            uns ? IR_CVT_UNSIGNED : 0u, {0, 0, 0}};
    bool exact = type == IR_F64 && itype == IR_I32;

    if (!rv_fp_rm_valid(a->rm))
        return false;
    in.src[0] = itype == IR_I32 ? rv_gpr_get32(dc, a->rs1)
                                : rv_gpr_get(dc, a->rs1);
    rv_fpr_set(dc, a->rd, rv_fp_compute(dc, a->rm, &in, exact));
    return true;
}

/* fcvt.s.d rounds; fcvt.d.s is exact. NaNs become canonical (12.5). */
bool rv_fp_gen_f2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type to)
{
    enum ir_type from = to == IR_F32 ? IR_F64 : IR_F32;
    struct rv_fp_insn in = {RV_FPOP_F2F, to, from, 0, {0, 0, 0}};

    if (!rv_fp_rm_valid(a->rm))
        return false;
    in.src[0] = rv_fpr_get(dc, from, a->rs1);
    rv_fpr_set(dc, a->rd, rv_fp_canon(dc, rv_fp_compute(dc, a->rm, &in,
                                                        to == IR_F64)));
    return true;
}

/* flw NaN-boxes; fsw stores the low 32 bits unchanged (11.5). */
bool rv_fp_gen_load(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type)
{
    ir_temp v = ir_load(dc->ir, rv_fp_int_type(type),
                        type == IR_F32 ? IR_MO_32 : IR_MO_64,
                        rv_gpr_get(dc, a->rs1), a->imm);

    rv_fpr_set_bits(dc, a->rd, v);
    return true;
}

bool rv_fp_gen_store(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type)
{
    ir_temp v = ir_get(dc->ir, IR_I64, RV_F_OFFSET(a->rs2));

    if (type == IR_F32)
        v = ir_convert(dc->ir, IR_TRUNC, IR_I32, v);
    ir_store(dc->ir, type == IR_F32 ? IR_MO_32 : IR_MO_64,
             rv_gpr_get(dc, a->rs1), a->imm, v);
    return true;
}

/* fmv.x.w sign-extends the low 32 bits, unboxed or not (11.7). */
bool rv_fp_gen_mv_x_f(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type)
{
    ir_temp v = ir_get(dc->ir, IR_I64, RV_F_OFFSET(a->rs1));

    if (type == IR_F32)
        rv_gpr_set_sext32(dc, a->rd, ir_convert(dc->ir, IR_TRUNC, IR_I32, v));
    else
        rv_gpr_set(dc, a->rd, v);
    return true;
}

/* fmv.w.x NaN-boxes the low 32 bits of x[rs1]. */
bool rv_fp_gen_mv_f_x(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_type type)
{
    rv_fpr_set_bits(dc, a->rd, type == IR_F32 ? rv_gpr_get32(dc, a->rs1)
                                              : rv_gpr_get(dc, a->rs1));
    return true;
}
