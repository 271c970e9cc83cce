/* frontends/riscv64/trans_zb.c: the bit-manipulation extensions Zba
 * (address generation), Zbb (basic bit manipulation) and Zbs (single-bit
 * instructions), RISC-V unpriv. spec chapter 28 ("B"), RV64 forms. */
#include "frontends/riscv64/rv_internal.h"

/* rd = x op y with x = rs1 and y = rs2 or the immediate. */
static ir_temp rv_src2(struct rv_dc *dc, const struct rv_args *a, bool imm)
{
    return imm ? rv_const64(dc, (uint64_t)a->imm) : rv_gpr_get(dc, a->rs2);
}

static ir_temp rv_zext32(struct rv_dc *dc, unsigned r)
{
    return ir_extract(dc->ir, false, rv_gpr_get(dc, r), 0, 32);
}

/* --- Zba ----------------------------------------------------------------- */

/* rd = rs2 + (x << sh), x = rs1 or its zero-extended low word (.uw). */
static bool gen_shadd(struct rv_dc *dc, const struct rv_args *a,
                      unsigned sh, bool uw)
{
    ir_temp x = uw ? rv_zext32(dc, a->rs1) : rv_gpr_get(dc, a->rs1);

    if (sh)
        x = ir_binop(dc->ir, IR_SHL, x, rv_const64(dc, sh));
    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, IR_ADD, rv_gpr_get(dc, a->rs2), x));
    return true;
}

#define RV_SHADD(name, sh, uw)                                            \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen_shadd(dc, a, sh, uw);                                  \
    }
RV_SHADD(sh1add, 1, false)
RV_SHADD(sh2add, 2, false)
RV_SHADD(sh3add, 3, false)
RV_SHADD(add_uw, 0, true)
RV_SHADD(sh1add_uw, 1, true)
RV_SHADD(sh2add_uw, 2, true)
RV_SHADD(sh3add_uw, 3, true)

static bool trans_slli_uw(struct rv_dc *dc, const struct rv_args *a)
{
    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, IR_SHL, rv_zext32(dc, a->rs1),
                                   rv_const64(dc, (uint64_t)a->imm)));
    return true;
}

/* --- Zbb: logic with negate, counts, min/max, extensions, rotates ----- */

static bool gen_binop(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_opc opc, bool imm)
{
    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, opc, rv_gpr_get(dc, a->rs1),
                                   rv_src2(dc, a, imm)));
    return true;
}

/* The 32-bit rotates: rotate the low word, sign-extend the result. */
static bool gen_rot_w(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_opc opc, bool imm)
{
    ir_temp y = imm ? rv_const32(dc, (uint32_t)a->imm)
                    : rv_gpr_get32(dc, a->rs2);

    rv_gpr_set_sext32(dc, a->rd,
                      ir_binop(dc->ir, opc, rv_gpr_get32(dc, a->rs1), y));
    return true;
}

static bool trans_xnor(struct rv_dc *dc, const struct rv_args *a)
{
    ir_temp x = ir_binop(dc->ir, IR_XOR, rv_gpr_get(dc, a->rs1),
                         rv_gpr_get(dc, a->rs2));

    rv_gpr_set(dc, a->rd, ir_unop(dc->ir, IR_NOT, x));
    return true;
}

static bool trans_orn(struct rv_dc *dc, const struct rv_args *a)
{
    ir_temp y = ir_unop(dc->ir, IR_NOT, rv_gpr_get(dc, a->rs2));

    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, IR_OR, rv_gpr_get(dc, a->rs1), y));
    return true;
}

static bool gen_unop(struct rv_dc *dc, const struct rv_args *a,
                     enum ir_opc opc)
{
    rv_gpr_set(dc, a->rd, ir_unop(dc->ir, opc, rv_gpr_get(dc, a->rs1)));
    return true;
}

/* clzw/ctzw/cpopw count in the low word; the count is 0..32. */
static bool gen_unop_w(struct rv_dc *dc, const struct rv_args *a,
                       enum ir_opc opc)
{
    ir_temp r = ir_unop(dc->ir, opc, rv_gpr_get32(dc, a->rs1));

    rv_gpr_set(dc, a->rd, ir_convert(dc->ir, IR_ZEXT, IR_I64, r));
    return true;
}

static bool gen_minmax(struct rv_dc *dc, const struct rv_args *a,
                       enum ir_cond c)
{
    ir_temp x = rv_gpr_get(dc, a->rs1), y = rv_gpr_get(dc, a->rs2);

    rv_gpr_set(dc, a->rd, ir_select(dc->ir, c, x, y, x, y));
    return true;
}

static bool gen_ext(struct rv_dc *dc, const struct rv_args *a, bool sign,
                    unsigned bits)
{
    rv_gpr_set(dc, a->rd,
               ir_extract(dc->ir, sign, rv_gpr_get(dc, a->rs1), 0, bits));
    return true;
}

/* orc.b: each byte becomes 0xff if nonzero, else 0. Adding 0x7f to the
 * low seven bits of a byte carries into its top bit exactly when they are
 * nonzero, never into the next byte; OR-ing the byte adds its top bit. */
static bool trans_orc_b(struct rv_dc *dc, const struct rv_args *a)
{
    struct ir_block *b = dc->ir;
    ir_temp x = rv_gpr_get(dc, a->rs1);
    ir_temp low7 = rv_const64(dc, 0x7f7f7f7f7f7f7f7full);
    ir_temp t = ir_binop(b, IR_ADD, ir_binop(b, IR_AND, x, low7), low7);

    t = ir_binop(b, IR_AND, ir_binop(b, IR_OR, t, x),
                 rv_const64(dc, 0x8080808080808080ull));
    t = ir_binop(b, IR_SHR, t, rv_const64(dc, 7));
    rv_gpr_set(dc, a->rd, ir_binop(b, IR_MUL, t, rv_const64(dc, 0xff)));
    return true;
}

/* --- Zbs: one bit, index rs2 or shamt mod 64 ----------------------------- */

static bool gen_bit(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_opc opc, bool imm)
{
    ir_temp bit = ir_binop(dc->ir, IR_SHL, rv_const64(dc, 1),
                           rv_src2(dc, a, imm));

    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, opc, rv_gpr_get(dc, a->rs1), bit));
    return true;
}

static bool gen_bext(struct rv_dc *dc, const struct rv_args *a, bool imm)
{
    ir_temp x = ir_binop(dc->ir, IR_SHR, rv_gpr_get(dc, a->rs1),
                         rv_src2(dc, a, imm));

    rv_gpr_set(dc, a->rd, ir_binop(dc->ir, IR_AND, x, rv_const64(dc, 1)));
    return true;
}

#define RV_T2(name, gen, x, y)                                            \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, x, y);                                          \
    }
#define RV_T1(name, gen, x)                                               \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, x);                                             \
    }
RV_T2(andn, gen_binop, IR_ANDC, false)
RV_T2(rol, gen_binop, IR_ROTL, false)
RV_T2(ror, gen_binop, IR_ROTR, false)
RV_T2(rori, gen_binop, IR_ROTR, true)
RV_T2(rolw, gen_rot_w, IR_ROTL, false)
RV_T2(rorw, gen_rot_w, IR_ROTR, false)
RV_T2(roriw, gen_rot_w, IR_ROTR, true)
RV_T1(clz, gen_unop, IR_CLZ)
RV_T1(ctz, gen_unop, IR_CTZ)
RV_T1(cpop, gen_unop, IR_POPCNT)
RV_T1(rev8, gen_unop, IR_BSWAP)
RV_T1(clzw, gen_unop_w, IR_CLZ)
RV_T1(ctzw, gen_unop_w, IR_CTZ)
RV_T1(cpopw, gen_unop_w, IR_POPCNT)
RV_T1(max, gen_minmax, IR_GT)
RV_T1(maxu, gen_minmax, IR_GTU)
RV_T1(min, gen_minmax, IR_LT)
RV_T1(minu, gen_minmax, IR_LTU)
RV_T2(sext_b, gen_ext, true, 8)
RV_T2(sext_h, gen_ext, true, 16)
RV_T2(zext_h, gen_ext, false, 16)
RV_T2(bclr, gen_bit, IR_ANDC, false)
RV_T2(bclri, gen_bit, IR_ANDC, true)
RV_T2(bset, gen_bit, IR_OR, false)
RV_T2(bseti, gen_bit, IR_OR, true)
RV_T2(binv, gen_bit, IR_XOR, false)
RV_T2(binvi, gen_bit, IR_XOR, true)
RV_T1(bext, gen_bext, false)
RV_T1(bexti, gen_bext, true)

#define M_F6 0xfc00707fu
#define M_F7 0xfe00707fu
#define M_F12 0xfff0707fu /* funct12 (unary ops: rs2 field fixed) */
#define B(n, str, mask, match, fmt, feat, ops)                            \
    {str, mask, match, RV_FMT_##fmt, RV_F_##feat, trans_##n, ops}
#define BR(n, match, feat) B(n, #n, M_F7, match, R, feat, "d,s,t")

const struct rv_pattern rv_patterns_zb[] = {
    BR(sh1add, 0x20002033, ZBA),
    BR(sh2add, 0x20004033, ZBA),
    BR(sh3add, 0x20006033, ZBA),
    B(add_uw, "add.uw", M_F7, 0x0800003b, R, ZBA, "d,s,t"),
    B(sh1add_uw, "sh1add.uw", M_F7, 0x2000203b, R, ZBA, "d,s,t"),
    B(sh2add_uw, "sh2add.uw", M_F7, 0x2000403b, R, ZBA, "d,s,t"),
    B(sh3add_uw, "sh3add.uw", M_F7, 0x2000603b, R, ZBA, "d,s,t"),
    B(slli_uw, "slli.uw", M_F6, 0x0800101b, SH, ZBA, "d,s,>"),
    BR(andn, 0x40007033, ZBB),
    BR(orn, 0x40006033, ZBB),
    BR(xnor, 0x40004033, ZBB),
    B(clz, "clz", M_F12, 0x60001013, R, ZBB, "d,s"),
    B(ctz, "ctz", M_F12, 0x60101013, R, ZBB, "d,s"),
    B(cpop, "cpop", M_F12, 0x60201013, R, ZBB, "d,s"),
    B(clzw, "clzw", M_F12, 0x6000101b, R, ZBB, "d,s"),
    B(ctzw, "ctzw", M_F12, 0x6010101b, R, ZBB, "d,s"),
    B(cpopw, "cpopw", M_F12, 0x6020101b, R, ZBB, "d,s"),
    BR(max, 0x0a006033, ZBB),
    BR(maxu, 0x0a007033, ZBB),
    BR(min, 0x0a004033, ZBB),
    BR(minu, 0x0a005033, ZBB),
    B(sext_b, "sext.b", M_F12, 0x60401013, R, ZBB, "d,s"),
    B(sext_h, "sext.h", M_F12, 0x60501013, R, ZBB, "d,s"),
    B(zext_h, "zext.h", M_F12, 0x0800403b, R, ZBB, "d,s"),
    BR(rol, 0x60001033, ZBB),
    BR(ror, 0x60005033, ZBB),
    BR(rolw, 0x6000103b, ZBB),
    BR(rorw, 0x6000503b, ZBB),
    B(rori, "rori", M_F6, 0x60005013, SH, ZBB, "d,s,>"),
    B(roriw, "roriw", M_F7, 0x6000501b, SH, ZBB, "d,s,>"),
    B(orc_b, "orc.b", M_F12, 0x28705013, R, ZBB, "d,s"),
    B(rev8, "rev8", M_F12, 0x6b805013, R, ZBB, "d,s"),
    BR(bclr, 0x48001033, ZBS),
    B(bclri, "bclri", M_F6, 0x48001013, SH, ZBS, "d,s,>"),
    BR(bext, 0x48005033, ZBS),
    B(bexti, "bexti", M_F6, 0x48005013, SH, ZBS, "d,s,>"),
    BR(binv, 0x68001033, ZBS),
    B(binvi, "binvi", M_F6, 0x68001013, SH, ZBS, "d,s,>"),
    BR(bset, 0x28001033, ZBS),
    B(bseti, "bseti", M_F6, 0x28001013, SH, ZBS, "d,s,>"),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
