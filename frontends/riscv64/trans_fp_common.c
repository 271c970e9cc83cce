/* frontends/riscv64/trans_fp_common.c: the IR that F and D instructions are
 * built from (RISC-V unpriv. spec chapters 11 and 12): NaN boxing,
 * canonical NaNs, static and dynamic rounding modes, accrued fflags. */
#include "frontends/riscv64/rv_fp.h"

#include <assert.h>
#include <string.h>

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

/* --- registers ----------------------------------------------------------
 * dc->fpr[r] remembers the float temp last written to f[r] in the block,
 * so that a result feeds the next op as it is, without going through the
 * state and an integer register (nor, for singles, the NaN-box test: a
 * value written as a single is boxed). Every write of an f register goes
 * through rv_fpr_set, which remembers the value, or rv_fpr_set_bits, which
 * forgets it. Doubles are read and written as IR_F64 (x86: movsd), so
 * they never pass through an integer register. */

static ir_temp rv_fpr_known(const struct rv_dc *dc, enum ir_type type,
                            unsigned r)
{
    ir_temp t = dc->fpr[r];

    return t && ir_temp_type(dc->ir, t) == type ? t : IR_NO_TEMP;
}

/* f[r] as integer bits of type's width. 12.2: a single operand that is
 * not NaN-boxed reads as the canonical NaN. */
static ir_temp rv_fpr_bits(struct rv_dc *dc, enum ir_type type, unsigned r)
{
    ir_temp v = rv_fpr_known(dc, type, r);

    if (v)
        return ir_convert(dc->ir, IR_BITCAST, rv_fp_int_type(type), v);
    v = ir_get(dc->ir, IR_I64, RV_F_OFFSET(r));

    if (type == IR_F64)
        return v;
    return ir_select(dc->ir, IR_GEU, v, rv_const64(dc, RV_NAN_BOX),
                     ir_convert(dc->ir, IR_TRUNC, IR_I32, v),
                     rv_const32(dc, RV_CANON_NAN_S));
}

/* A double is read as one (x86: movsd), not as integer bits moved over. */
static ir_temp rv_fpr_get(struct rv_dc *dc, enum ir_type type, unsigned r)
{
    ir_temp v = rv_fpr_known(dc, type, r);

    if (v)
        return v;
    if (type == IR_F64)
        return ir_get(dc->ir, IR_F64, RV_F_OFFSET(r));
    return ir_convert(dc->ir, IR_BITCAST, type, rv_fpr_bits(dc, type, r));
}

/* f[r] = the integer bits v; I32 values are NaN-boxed (12.2). */
static void rv_fpr_set_bits(struct rv_dc *dc, unsigned r, ir_temp v)
{
    if (ir_temp_type(dc->ir, v) == IR_I32)
        v = ir_binop(dc->ir, IR_OR, ir_convert(dc->ir, IR_ZEXT, IR_I64, v),
                     rv_const64(dc, RV_NAN_BOX));
    ir_set(dc->ir, RV_F_OFFSET(r), v);
    dc->fpr[r] = IR_NO_TEMP;
}

/* f[r] = the float v; a double is written as one (movsd), a single
 * NaN-boxed through its bits. */
static void rv_fpr_set(struct rv_dc *dc, unsigned r, ir_temp v)
{
    enum ir_type type = ir_temp_type(dc->ir, v);

    if (type == IR_F64)
        ir_set(dc->ir, RV_F_OFFSET(r), v);
    else
        rv_fpr_set_bits(dc, r, ir_convert(dc->ir, IR_BITCAST, IR_I32, v));
    dc->fpr[r] = v;
}

static uint64_t rv_canon_bits(enum ir_type type)
{
    return type == IR_F32 || type == IR_I32 ? RV_CANON_NAN_S : RV_CANON_NAN_D;
}

/* --- flags and rounding -------------------------------------------------
 * Flags are lazy (translator/ir.h, "Lazy FP flags"): an operation leaves
 * what it raises in the host's accrued flags, and fflags is the state's
 * word ORed with those; the runtime folds them in whenever ferry's own
 * code runs or the guest faults, and the Zicsr accesses fold them first
 * (rv_fp_fold_flags). So the operations carry no flag code at all. */

/* fflags |= flags (I32 ir_fpflag bits, which are the fflags bits). */
static void rv_fp_accrue(struct rv_dc *dc, ir_temp flags)
{
    ir_temp old = ir_get(dc->ir, IR_I32, RV_FFLAGS_OFFSET);

    ir_set(dc->ir, RV_FFLAGS_OFFSET, ir_binop(dc->ir, IR_OR, old, flags));
}

/* Reading the host's flags waits for every FP op before it (x86:
 * stmxcsr), so dc->fp_host keeps what the last read found, all of it in
 * fflags, until an op may raise more (rv_fp_raises). That makes the
 * usual "frflags; flt; fsflags" around a quiet compare read them once. */
static void rv_fp_raises(struct rv_dc *dc)
{
    dc->fp_host = IR_NO_TEMP;
}

/* The host's flags stay up: ORing them in again changes nothing. */
ir_temp rv_fp_fold_flags(struct rv_dc *dc)
{
    ir_temp host;

    if (dc->fp_host)
        return dc->fp_host;
    host = ir_new_temp(dc->ir, IR_I32);
    ir_mov(dc->ir, host, ir_fp_flags(dc->ir));
    rv_fp_accrue(dc, host);
    dc->fp_host = host;
    return host;
}

/* Clearing the host's flags costs an ldmxcsr (x86), so it is skipped
 * when they are all still in fflags. They are read again (a load on
 * x86): host, what the fold found, also holds what quiet compares put in
 * fflags since (rv_fp_gen_cmp), which the host never recorded. */
void rv_fp_drop_stale_flags(struct rv_dc *dc, ir_temp host)
{
    ir_label keep = ir_new_label(dc->ir);
    ir_temp now = ir_get(dc->ir, IR_I32, RV_FFLAGS_OFFSET);

    ir_mov(dc->ir, host, ir_fp_flags(dc->ir));
    ir_brcond(dc->ir, IR_EQ, ir_binop(dc->ir, IR_ANDC, host, now),
              rv_const32(dc, 0), keep);
    ir_fp_clearflags(dc->ir);
    ir_mov(dc->ir, host, rv_const32(dc, 0));
    ir_set_label(dc->ir, keep);
}

/* Reads in's sources from the registers a names. Each path of a dynamic
 * rm reads its own, so that no source lives across the other path's
 * helper call (which would keep it out of registers). */
static void rv_fp_load(struct rv_dc *dc, const struct rv_args *a,
                       struct rv_fp_insn *in)
{
    ir_temp *s = in->src;

    if (in->op == RV_FPOP_I2F) {
        s[0] = in->stype == IR_I32 ? rv_gpr_get32(dc, a->rs1)
                                   : rv_gpr_get(dc, a->rs1);
        return;
    }
    s[0] = rv_fpr_get(dc, in->stype, a->rs1);
    if (in->op == RV_FPOP_SQRT || in->op >= RV_FPOP_F2I)
        return;
    s[1] = rv_fpr_get(dc, in->stype, a->rs2);
    if (in->op != RV_FPOP_FMA)
        return;
    s[2] = rv_fpr_get(dc, in->stype, a->rs3);
    /* Negating an operand is exact, so -(a*b) = (-a)*b. */
    if (in->neg_prod)
        s[0] = ir_unop(dc->ir, IR_FNEG, s[0]);
    if (in->neg_add)
        s[2] = ir_unop(dc->ir, IR_FNEG, s[2]);
}

/* 11.3: a NaN result is the canonical NaN, which is the IR's default
 * NaN; the flag goes on r's op, the block's last. */
static ir_temp rv_fp_canon_op(struct rv_dc *dc, ir_temp r)
{
    struct ir_op *op = &dc->ir->ops[dc->ir->nops - 1];

    assert(op->args[0] == r);
    op->imm |= IR_FP_DEFAULT_NAN;
    return r;
}

static ir_temp rv_fp_host_op(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    const ir_temp *s = in->src;

    switch (in->op) {
    case RV_FPOP_ADD:
        return rv_fp_canon_op(dc, ir_binop(dc->ir, IR_FADD, s[0], s[1]));
    case RV_FPOP_SUB:
        return rv_fp_canon_op(dc, ir_binop(dc->ir, IR_FSUB, s[0], s[1]));
    case RV_FPOP_MUL:
        return rv_fp_canon_op(dc, ir_binop(dc->ir, IR_FMUL, s[0], s[1]));
    case RV_FPOP_DIV:
        return rv_fp_canon_op(dc, ir_binop(dc->ir, IR_FDIV, s[0], s[1]));
    case RV_FPOP_SQRT:
        return rv_fp_canon_op(dc, ir_unop(dc->ir, IR_FSQRT, s[0]));
    case RV_FPOP_FMA:
        return rv_fp_canon_op(dc, ir_fma(dc->ir, s[0], s[1], s[2]));
    case RV_FPOP_F2I:
        return ir_fcvt(dc->ir, IR_FCVT_F2I, in->type, in->cvt, s[0]);
    case RV_FPOP_I2F:
        return ir_fcvt(dc->ir, IR_FCVT_I2F, in->type, in->cvt, s[0]);
    default: return ir_fcvt(dc->ir, IR_FCVT_F2F, in->type, 0, s[0]);
    }
}

/* The op in the host's current rounding mode. The IR flags follow x86
 * SSE, which like RISC-V (11.4) detects tininess after rounding and raises
 * underflow only for tiny inexact results; x86's denormal-operand flag
 * has no IR flag, so it never reaches fflags. */
static ir_temp rv_fp_host(struct rv_dc *dc, const struct rv_fp_insn *in)
{
    return rv_fp_host_op(dc, in);
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
    if (rm == RV_RM_RTZ && in->op == RV_FPOP_F2I) { /* C casts */
        struct rv_fp_insn t = *in;

        t.cvt |= IR_CVT_TRUNC;
        return rv_fp_host(dc, &t);
    }
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

/* The op with a dynamic rounding mode frm other than RNE: the reserved
 * modes, the other host modes, and RMM through the helper. */
static ir_temp rv_fp_dynamic_slow(struct rv_dc *dc,
                                  const struct rv_fp_insn *in, ir_temp frm)
{
    ir_temp res = ir_new_temp(dc->ir, in->type);
    ir_label host = ir_new_label(dc->ir), rmm = ir_new_label(dc->ir);
    ir_label done = ir_new_label(dc->ir);

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

/* The whole instruction with frm not RNE (1-7), then on to the next. */
static void rv_fp_dynamic_whole(struct rv_dc *dc, const struct rv_args *a,
                                struct rv_fp_insn *in, rv_fp_finish_fn *fin)
{
    memset(dc->fpr, 0, sizeof dc->fpr);
    rv_fp_load(dc, a, in);
    fin(dc, a, in->src, rv_fp_dynamic_slow(dc, in, rv_fp_frm(dc)));
    ir_goto_ptr(dc->ir, rv_const64(dc, dc->pc + dc->len));
    memset(dc->fpr, 0, sizeof dc->fpr); /* the path exits */
}

/* A branch to a path the block's end places when frm is not RNE; false
 * when the block has no room for another. */
static bool rv_fp_branch_slow(struct rv_dc *dc, const struct rv_args *a,
                              const struct rv_fp_insn *in,
                              rv_fp_finish_fn *fin)
{
    struct rv_fp_slow *s = &dc->fp_slow[dc->fp_nslow];

    if (dc->fp_nslow == RV_FP_SLOW_MAX)
        return false;
    dc->fp_nslow++;
    *s = (struct rv_fp_slow){.label = ir_new_label(dc->ir), .pc = dc->pc,
                             .len = dc->len, .args = *a, .in = *in,
                             .fin = fin};
    ir_brcond(dc->ir, IR_NE, rv_fp_frm(dc), rv_const32(dc, RV_RM_RNE),
              s->label);
    return true;
}

/* The paths rv_fp_branch_slow branched to. They read every source from
 * the state, which holds the registers as they were at the branch. */
void rv_fp_place_slow(struct rv_dc *dc)
{
    gva pc = dc->pc;
    unsigned len = dc->len;

    for (unsigned i = 0; i < dc->fp_nslow; i++) {
        struct rv_fp_slow *s = &dc->fp_slow[i];

        ir_set_label(dc->ir, s->label);
        dc->pc = s->pc;
        dc->len = s->len;
        rv_fp_raises(dc);
        rv_fp_dynamic_whole(dc, &s->args, &s->in, s->fin);
    }
    dc->pc = pc;
    dc->len = len;
}

/* A dynamic rm: frm is RNE nearly always, so the block tests it once, at
 * its first such instruction, and then runs straight on with the plain
 * host op. Any other frm branches to a path placed at the block's end,
 * which does the whole instruction and leaves the block for the next one
 * (frm is tested again there). Out of the way, the path costs the
 * straight one no jump, and values from before the test keep their
 * registers: none lives across the path's helper call. */
static void rv_fp_dynamic(struct rv_dc *dc, const struct rv_args *a,
                          struct rv_fp_insn *in, rv_fp_finish_fn *fin)
{
    ir_label rne;

    /* Past the test, the rest of the block runs with frm RNE (only the
     * Zicsr writes change frm inside a block; they clear frm_rne). */
    if (!dc->frm_rne && !rv_fp_branch_slow(dc, a, in, fin)) {
        /* No room: the path goes inline, before the straight one. A value
         * from before the test, used after it, would live across its
         * helper call and be spilled: the straight path reads the
         * registers from the state again instead. */
        memset(dc->fpr, 0, sizeof dc->fpr);
        rne = ir_new_label(dc->ir);
        ir_brcond(dc->ir, IR_EQ, rv_fp_frm(dc), rv_const32(dc, RV_RM_RNE),
                  rne);
        rv_fp_dynamic_whole(dc, a, in, fin);
        ir_set_label(dc->ir, rne);
    }
    dc->frm_rne = true;
    rv_fp_load(dc, a, in);
    fin(dc, a, in->src, rv_fp_host(dc, in));
}

/* in, its sources read, rounded as a->rm says (rm already valid), then
 * finished by fin. An
 * exact operation (widening conversions) ignores the mode, but a dynamic
 * rm must still hold a valid frm (11.2: "treat the rm field as usual"). */
static void rv_fp_compute(struct rv_dc *dc, const struct rv_args *a,
                          struct rv_fp_insn *in, bool exact,
                          rv_fp_finish_fn *fin)
{
    rv_fp_raises(dc);
    if (a->rm != RV_RM_DYN || exact)
        rv_fp_load(dc, a, in);
    if (exact) {
        if (a->rm == RV_RM_DYN && !dc->frm_rne)
            rv_fp_frm_check(dc, rv_fp_frm(dc));
        fin(dc, a, in->src, rv_fp_host(dc, in));
    } else if (a->rm == RV_RM_DYN) {
        rv_fp_dynamic(dc, a, in, fin);
    } else {
        fin(dc, a, in->src, rv_fp_static(dc, in, a->rm));
    }
}

/* --- generators --------------------------------------------------------- */

/* Writes an FP result to rd: the arithmetic host ops (rv_fp_host_op)
 * and the RMM helper both give the canonical NaN. */
static void rv_fp_fin_fpr(struct rv_dc *dc, const struct rv_args *a,
                          const ir_temp *src, ir_temp r)
{
    (void)src;
    rv_fpr_set(dc, a->rd, r);
}

/* fcvt.s.d / fcvt.d.s: a NaN becomes the canonical one (12.5). The host
 * gives its own default NaN (0xffc00000 on x86) or keeps an input's
 * payload; r is never a signalling NaN, so the compare raises nothing. */
static void rv_fp_fin_f2f(struct rv_dc *dc, const struct rv_args *a,
                          const ir_temp *src, ir_temp r)
{
    enum ir_type t = ir_temp_type(dc->ir, r);

    (void)src;
    rv_fpr_set(dc, a->rd, ir_select(dc->ir, IR_FUNORD, r, r,
                                    ir_const(dc->ir, t, rv_canon_bits(t)),
                                    r));
}

/* Double ops one after the other: x86 tests two results for NaN with one
 * compare when nothing between the ops can see the first one
 * (x64_lower_fp.c). So the double register writes that end the block
 * (the SETs just before this instruction's start) wait until this
 * instruction's op is done, when they go in just before its own write:
 * an RNE op (no side path, no exit) never faults and reads the registers
 * they write from dc->fpr, not from the state, so no one can tell. The
 * block keeps the instruction start; *n of them are put in held[]. */
#define RV_FP_HOLD_MAX 16

/* A write of a double register whose value dc->fpr knows. */
static bool rv_fp_holdable(const struct rv_dc *dc, const struct ir_op *op)
{
    uint64_t r = (op->imm - RV_F_OFFSET(0)) / 8;

    return op->opc == IR_SET && op->type == IR_F64 &&
           op->imm >= RV_F_OFFSET(0) && r < 32 &&
           op->imm == RV_F_OFFSET(r) && rv_fpr_known(dc, IR_F64, (unsigned)r);
}

static void rv_fp_hold_sets(struct rv_dc *dc, const struct rv_args *a,
                            enum ir_type type, struct ir_op *held,
                            unsigned *n)
{
    struct ir_block *b = dc->ir;
    uint32_t last = b->nops - 1, first = last;

    *n = 0;
    if (type != IR_F64 || b->nops < 2 ||
        !(a->rm == RV_RM_RNE || (a->rm == RV_RM_DYN && dc->frm_rne)) ||
        b->ops[last].opc != IR_INSN_START)
        return;
    while (first > 0 && last - first < RV_FP_HOLD_MAX &&
           rv_fp_holdable(dc, &b->ops[first - 1]))
        first--;
    *n = last - first;
    memcpy(held, &b->ops[first], *n * sizeof *held);
    b->ops[first] = b->ops[last];
    b->nops = first + 1;
}

/* The held writes go in before the last op, the instruction's own
 * write of rd (rv_fp_fin_fpr), so that theirs of the same register
 * stay older. */
static void rv_fp_release_sets(struct rv_dc *dc, const struct ir_op *held,
                               unsigned n)
{
    struct ir_block *b = dc->ir;
    struct ir_op own;

    if (!n)
        return;
    own = b->ops[b->nops - 1];
    assert(own.opc == IR_SET);
    b->nops--;
    for (unsigned i = 0; i < n; i++)
        ir_set(b, (uint32_t)held[i].imm, held[i].args[1]);
    ir_set(b, (uint32_t)own.imm, own.args[1]);
}

bool rv_fp_gen_arith(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type, enum rv_fpop op)
{
    struct rv_fp_insn in = {.op = op, .type = type, .stype = type};
    struct ir_op held[RV_FP_HOLD_MAX];
    unsigned n;

    if (!rv_fp_rm_valid(a->rm))
        return false;
    rv_fp_hold_sets(dc, a, type, held, &n);
    rv_fp_compute(dc, a, &in, false, rv_fp_fin_fpr);
    rv_fp_release_sets(dc, held, n);
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

static void rv_fp_fin_fma(struct rv_dc *dc, const struct rv_args *a,
                          const ir_temp *src, ir_temp r)
{
    rv_fp_fma_nan_nv(dc, r, src);
    rv_fpr_set(dc, a->rd, r);
}

/* fmadd: a*b+c; fmsub: a*b-c; fnmsub: -(a*b)+c; fnmadd: -(a*b)-c, each
 * rounded once. Negating an operand is exact, so -(a*b) = (-a)*b. */
bool rv_fp_gen_fma(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, bool neg_prod, bool neg_add)
{
    struct rv_fp_insn in = {.op = RV_FPOP_FMA, .type = type, .stype = type,
                            .neg_prod = neg_prod, .neg_add = neg_add};

    if (!rv_fp_rm_valid(a->rm))
        return false;
    rv_fp_compute(dc, a, &in, false, rv_fp_fin_fma);
    return true;
}

/* fsgnj (rm 0), fsgnjn (1), fsgnjx (2): bit operations, no flags and no
 * NaN canonicalisation (11.7). */
bool rv_fp_gen_sgnj(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type)
{
    enum ir_type it = rv_fp_int_type(type);
    ir_temp x, y, sign, r;

    /* fmv.d: a copy, which stays in a float register */
    if (type == IR_F64 && a->rm == 0 && a->rs1 == a->rs2) {
        rv_fpr_set(dc, a->rd, rv_fpr_get(dc, IR_F64, a->rs1));
        return true;
    }
    x = rv_fpr_bits(dc, type, a->rs1);
    y = rv_fpr_bits(dc, type, a->rs2);
    sign = ir_const(dc->ir, it, (uint64_t)1 << (ir_type_bits(it) - 1));

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

    rv_fp_raises(dc);
    ir_fcmp(dc->ir, IR_I32, IR_FUNORD, ir_convert(dc->ir, IR_BITCAST, type, x),
            ir_convert(dc->ir, IR_BITCAST, type, y));
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
    ir_temp r = ir_fcmp(dc->ir, IR_I64, cond, x, y);
    ir_label nan, num;
    ir_temp nv;

    /* Only NaN operands raise (NV), so dc->fp_host can stay known: flt
     * and fle raise it for any NaN, which is computed without a branch
     * (no label stops the optimizer forwarding the state around the
     * usual "frflags; flt; fsflags") and put in fflags here, so the
     * compare itself is quiet: the host records nothing that the
     * fsflags would have to clear (rv_fp_drop_stale_flags); feq raises
     * only for a signalling one, which reads the host's flags again. */
    if (dc->fp_host && cond != IR_FEQ) {
        dc->ir->ops[dc->ir->nops - 1].imm |= IR_FCMP_QUIET;
        nv = ir_binop(dc->ir, IR_SHL,
                      ir_fcmp(dc->ir, IR_I32, IR_FUNORD, x, y),
                      rv_const32(dc, 4)); /* 1 << 4: RV_FF_NV */
        ir_mov(dc->ir, dc->fp_host, ir_binop(dc->ir, IR_OR, dc->fp_host, nv));
        rv_fp_accrue(dc, nv);
    } else if (dc->fp_host) {
        nan = ir_new_label(dc->ir);
        num = ir_new_label(dc->ir);
        ir_brcond(dc->ir, IR_FUNORD, x, y, nan);
        ir_br(dc->ir, num);
        ir_set_label(dc->ir, nan);
        ir_mov(dc->ir, dc->fp_host, ir_fp_flags(dc->ir));
        rv_fp_accrue(dc, dc->fp_host);
        ir_set_label(dc->ir, num);
    }
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

/* W results are sign-extended, wu too. */
static void rv_fp_fin_gpr(struct rv_dc *dc, const struct rv_args *a,
                          const ir_temp *src, ir_temp r)
{
    (void)src;
    if (ir_temp_type(dc->ir, r) == IR_I32)
        rv_gpr_set_sext32(dc, a->rd, r);
    else
        rv_gpr_set(dc, a->rd, r);
}

/* fcvt.{w,wu,l,lu}.{s,d}: the IR conversion saturates as 11.7's table
 * says (NaN gives the maximum). */
bool rv_fp_gen_f2i(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns)
{
    struct rv_fp_insn in = {.op = RV_FPOP_F2I, .type = itype, .stype = type,
                            .cvt = uns ? IR_CVT_UNSIGNED : 0u};

    if (!rv_fp_rm_valid(a->rm))
        return false;
    rv_fp_compute(dc, a, &in, false, rv_fp_fin_gpr);
    return true;
}

/* Writes an FP result that cannot be a NaN. */
static void rv_fp_fin_fpr_num(struct rv_dc *dc, const struct rv_args *a,
                              const ir_temp *src, ir_temp r)
{
    (void)src;
    rv_fpr_set(dc, a->rd, r);
}

/* fcvt.{s,d}.{w,wu,l,lu}; fcvt.d.w[u] is exact. */
bool rv_fp_gen_i2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type type, enum ir_type itype, bool uns)
{
    struct rv_fp_insn in = {.op = RV_FPOP_I2F, .type = type, .stype = itype,
                            .cvt = uns ? IR_CVT_UNSIGNED : 0u};
    bool exact = type == IR_F64 && itype == IR_I32;

    if (!rv_fp_rm_valid(a->rm))
        return false;
    rv_fp_compute(dc, a, &in, exact, rv_fp_fin_fpr_num);
    return true;
}

/* fcvt.s.d rounds; fcvt.d.s is exact. NaNs become canonical (12.5). */
bool rv_fp_gen_f2f(struct rv_dc *dc, const struct rv_args *a,
                   enum ir_type to)
{
    enum ir_type from = to == IR_F32 ? IR_F64 : IR_F32;
    struct rv_fp_insn in = {.op = RV_FPOP_F2F, .type = to, .stype = from};

    if (!rv_fp_rm_valid(a->rm))
        return false;
    rv_fp_compute(dc, a, &in, to == IR_F64, rv_fp_fin_f2f);
    return true;
}

/* flw NaN-boxes; fsw stores the low 32 bits unchanged (11.5). fld
 * loads a double into a float register (movsd), where the next op takes
 * it. */
bool rv_fp_gen_load(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_type type)
{
    ir_temp v = ir_load(dc->ir, type == IR_F32 ? IR_I32 : IR_F64,
                        type == IR_F32 ? IR_MO_32 : IR_MO_64,
                        rv_gpr_get(dc, a->rs1), a->imm);

    if (type == IR_F64)
        rv_fpr_set(dc, a->rd, v);
    else
        rv_fpr_set_bits(dc, a->rd, v);
    return true;
}

/* The low 32 bits of f[rs2] for fsw; a single written in the block is
 * those bits already. */
static ir_temp rv_fp_store_bits32(struct rv_dc *dc, unsigned r)
{
    ir_temp v = rv_fpr_known(dc, IR_F32, r);

    if (v)
        return v;
    return ir_convert(dc->ir, IR_TRUNC, IR_I32,
                      ir_get(dc->ir, IR_I64, RV_F_OFFSET(r)));
}

bool rv_fp_gen_store(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_type type)
{
    ir_temp v = type == IR_F64 ? rv_fpr_get(dc, IR_F64, a->rs2)
                               : rv_fp_store_bits32(dc, a->rs2);

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
