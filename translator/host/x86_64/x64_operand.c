/* translator/host/x86_64/x64_operand.c: operand legalization shared by all
 * lowering functions: fetching a temp from wherever it lives (register,
 * spill slot, constant), writing results back, immediates that do not fit,
 * and comparisons. */
#include "translator/host/x86_64/x64_lower.h"

struct x64_mem x64_slot_mem(unsigned slot)
{
    return x64_mem_bd(X64_FRAME_REG, X64_FRAME_SPILL + 16 * (int32_t)slot);
}

bool x64_is_const(const struct x64_ctx *c, ir_temp t)
{
    return c->b->temps[t].is_const;
}

uint64_t x64_const(const struct x64_ctx *c, ir_temp t)
{
    return c->b->temps[t].value;
}

void x64_load_type(struct x64_asm *a, enum ir_type ty, unsigned reg,
                   const struct x64_mem *m)
{
    switch (ty) {
    case IR_F32: x64_rm(a, XO_MOVSS_rm, 32, reg, m); break;
    case IR_F64: x64_rm(a, XO_MOVSD_rm, 32, reg, m); break;
    case IR_V128: x64_rm(a, XO_MOVDQU_rm, 32, reg, m); break;
    default: x64_load(a, x64_width(ty), reg, m); break;
    }
}

void x64_store_type(struct x64_asm *a, enum ir_type ty,
                    const struct x64_mem *m, unsigned reg)
{
    switch (ty) {
    case IR_F32: x64_rm(a, XO_MOVSS_mr, 32, reg, m); break;
    case IR_F64: x64_rm(a, XO_MOVSD_mr, 32, reg, m); break;
    case IR_V128: x64_rm(a, XO_MOVDQU_mr, 32, reg, m); break;
    default: x64_store(a, x64_width(ty), m, reg); break;
    }
}

void x64_move_type(struct x64_asm *a, enum ir_type ty, unsigned dst,
                   unsigned src)
{
    if (dst == src)
        return;
    if (x64_is_float(ty))
        x64_rr(a, XO_MOVAPS_rm, 32, dst, src);
    else
        x64_mov_rr(a, 64, dst, src);
}

/* Materializes constant t in reg (an XMM register goes through r11). */
static void load_const(struct x64_ctx *c, unsigned reg, ir_temp t)
{
    enum ir_type ty = x64_ttype(c, t);

    if (!X64_IS_XMM(reg)) {
        x64_mov_ri(&c->a, x64_width(ty), reg, x64_const(c, t));
        return;
    }
    x64_mov_ri(&c->a, 64, X64_TMP3, x64_const(c, t));
    x64_rr(&c->a, XO_MOVD_xm, ty == IR_F32 ? 32 : 64, reg, X64_TMP3);
}

bool x64_temp_mem(const struct x64_ctx *c, ir_temp t, struct x64_mem *m)
{
    const struct x64_loc *l = &c->locs[t];

    if (l->kind == X64_LOC_STACK)
        *m = x64_slot_mem(l->slot);
    else if (l->kind == X64_LOC_ENV)
        *m = x64_mem_bd(X64_ENV, l->slot);
    else
        return false;
    return true;
}

void x64_load_temp(struct x64_ctx *c, unsigned reg, ir_temp t)
{
    const struct x64_loc *l = &c->locs[t];
    struct x64_mem m;

    if (l->kind == X64_LOC_CONST)
        load_const(c, reg, t);
    else if (l->kind == X64_LOC_REG)
        x64_move_type(&c->a, x64_ttype(c, t), reg, l->reg);
    else if (x64_temp_mem(c, t, &m))
        x64_load_type(&c->a, x64_ttype(c, t), reg, &m);
    /* else a temp read before any write: its value is undefined */
}

unsigned x64_src(struct x64_ctx *c, ir_temp t, unsigned scratch)
{
    if (c->locs[t].kind == X64_LOC_REG)
        return c->locs[t].reg;
    x64_load_temp(c, scratch, t);
    return scratch;
}

unsigned x64_dst(struct x64_ctx *c, ir_temp t, unsigned scratch)
{
    return c->locs[t].kind == X64_LOC_REG ? c->locs[t].reg : scratch;
}

unsigned x64_dst_op(struct x64_ctx *c, const struct ir_op *op,
                    unsigned scratch)
{
    for (int i = 1; i < 5; i++)
        if (op->args[i] == op->args[0])
            return scratch;
    return x64_dst(c, op->args[0], scratch);
}

void x64_dst_done(struct x64_ctx *c, ir_temp t, unsigned reg)
{
    const struct x64_loc *l = &c->locs[t];
    struct x64_mem m;

    if (l->kind == X64_LOC_REG) {
        x64_move_type(&c->a, x64_ttype(c, t), l->reg, reg);
    } else if (l->kind == X64_LOC_STACK) {
        m = x64_slot_mem(l->slot);
        x64_store_type(&c->a, x64_ttype(c, t), &m, reg);
    }
}

void x64_op_rt(struct x64_ctx *c, uint32_t xo, unsigned w, unsigned reg,
               ir_temp t, unsigned scratch)
{
    struct x64_mem m;

    if (x64_temp_mem(c, t, &m)) {
        x64_rm(&c->a, xo, w, reg, &m);
    } else {
        x64_rr(&c->a, xo, w, reg, x64_src(c, t, scratch));
    }
}

void x64_alu_t(struct x64_ctx *c, enum x64_grp1 op, unsigned w,
               unsigned reg, ir_temp t)
{
    int64_t v;

    if (x64_is_const(c, t)) {
        v = w == 32 ? (int32_t)x64_const(c, t) : (int64_t)x64_const(c, t);
        if (x64_fits_i32(v)) {
            x64_alu_ri(&c->a, op, w, reg, (int32_t)v);
            return;
        }
    }
    x64_op_rt(c, X64_XO(0, 0, op * 8 + 3), w, reg, t, X64_TMP3);
}

/* Integer conditions map one to one to x86 condition codes. */
static const uint8_t int_cc[IR_FEQ] = {
    [IR_EQ] = X64_CC_E,  [IR_NE] = X64_CC_NE,  [IR_LT] = X64_CC_L,
    [IR_GE] = X64_CC_GE, [IR_LE] = X64_CC_LE,  [IR_GT] = X64_CC_G,
    [IR_LTU] = X64_CC_B, [IR_GEU] = X64_CC_AE, [IR_LEU] = X64_CC_BE,
    [IR_GTU] = X64_CC_A,
};

/* SDM (U)COMISD: unordered sets ZF, PF and CF; less sets CF. So a < b is
 * "b above a" (false when unordered), and equal needs ZF without PF. FLT
 * and FLE signal on any NaN (comis) unless quiet (IR_FCMP_QUIET), FEQ and
 * FUNORD on signalling ones only (ucomis), as ir.h asks. */
enum x64_cc x64_float_compare(struct x64_ctx *c, enum ir_cond cond,
                              enum ir_type ty, ir_temp a, ir_temp b,
                              bool quiet)
{
    quiet |= cond == IR_FEQ || cond == IR_FUNORD;
    uint32_t xo = ty == IR_F64 ? (quiet ? XO_UCOMISD : XO_COMISD)
                               : (quiet ? XO_UCOMISS : XO_COMISS);
    bool swap = cond == IR_FLT || cond == IR_FLE;
    unsigned ra = x64_src(c, swap ? b : a, X64_XTMP0);

    x64_op_rt(c, xo, 32, ra, swap ? a : b, X64_XTMP1);
    if (cond == IR_FLT)
        return X64_CC_A;
    if (cond == IR_FLE)
        return X64_CC_AE;
    if (cond == IR_FUNORD)
        return X64_CC_P;
    x64_setcc(&c->a, X64_CC_E, X64_RAX);
    x64_setcc(&c->a, X64_CC_NP, X64_RCX);
    x64_rr(&c->a, XO_TEST8_mr, 8, X64_RCX, X64_RAX);
    return X64_CC_NE;
}

/* cmp with a in memory (its spill slot, or the CPU state it is read from
 * in place) and b a register or an imm32: no load of a into a register. */
static bool compare_in_memory(struct x64_ctx *c, unsigned w, ir_temp a,
                              ir_temp b)
{
    struct x64_mem m;
    int64_t v;

    if (!x64_temp_mem(c, a, &m))
        return false;
    if (x64_is_const(c, b)) {
        v = w == 32 ? (int32_t)x64_const(c, b) : (int64_t)x64_const(c, b);
        if (!x64_fits_i32(v))
            return false;
        if (v == (int8_t)v) {
            x64_ext_m(&c->a, XO_GRP1_i8, w, X64_CMP, &m);
            x64_byte(&c->a, (uint8_t)v);
        } else {
            x64_ext_m(&c->a, XO_GRP1_i32, w, X64_CMP, &m);
            x64_u32(&c->a, (uint32_t)v);
        }
        return true;
    }
    if (c->locs[b].kind != X64_LOC_REG)
        return false;
    x64_rm(&c->a, XO_CMP_mr, w, c->locs[b].reg, &m);
    return true;
}

/* "a cond b" as "b cond' a": the condition with its operands swapped. */
static const uint8_t int_cond_swapped[IR_FEQ] = {
    [IR_EQ] = IR_EQ,   [IR_NE] = IR_NE,   [IR_LT] = IR_GT,
    [IR_GE] = IR_LE,   [IR_LE] = IR_GE,   [IR_GT] = IR_LT,
    [IR_LTU] = IR_GTU, [IR_GEU] = IR_LEU, [IR_LEU] = IR_GEU,
    [IR_GTU] = IR_LTU,
};

enum x64_cc x64_compare(struct x64_ctx *c, enum ir_cond cond,
                        enum ir_type ty, ir_temp a, ir_temp b)
{
    unsigned w = x64_width(ty), ra;

    if (x64_is_float(ty))
        return x64_float_compare(c, cond, ty, a, b, false);
    /* A constant goes second (blt zero, a0 is bgtz a0): an immediate. */
    if (x64_is_const(c, a) && !x64_is_const(c, b)) {
        ir_temp t = a;

        a = b;
        b = t;
        cond = (enum ir_cond)int_cond_swapped[cond];
    }
    if (compare_in_memory(c, w, a, b))
        return (enum x64_cc)int_cc[cond];
    ra = x64_src(c, a, X64_TMP0);
    /* test a, a sets ZF, SF and clears CF and OF as cmp a, 0 does: the
     * same flags for every condition, in a shorter instruction. */
    if (x64_is_const(c, b) && x64_const(c, b) == 0)
        x64_rr(&c->a, XO_TEST_mr, w, ra, ra);
    else
        x64_alu_t(c, X64_CMP, w, ra, b);
    return (enum x64_cc)int_cc[cond];
}
