/* translator/host/x86_64/x64_lower_int.c: lowering of the integer ops:
 * arithmetic, logic, shifts, multiply and divide (never trapping), bit
 * counts, bit fields, comparisons, carries and width changes. */
#include "translator/host/x86_64/x64_lower.h"

#define A0 op->args[0]
#define A1 op->args[1]
#define A2 op->args[2]
#define A3 op->args[3]
#define A4 op->args[4]

static unsigned op_w(const struct ir_op *op)
{
    return x64_width((enum ir_type)op->type);
}

/* r = a + imm in one lea when a is in another register than r, and r =
 * a + b when both are in registers (lea reads both before it writes r;
 * it leaves the flags alone, which no lowering keeps across ops). */
static bool lower_add_lea(struct x64_ctx *c, const struct ir_op *op,
                          enum x64_grp1 g, unsigned r)
{
    unsigned w = op_w(op);
    int64_t v;
    struct x64_mem m;

    if (g == X64_ADD && !x64_is_const(c, A2) &&
        c->locs[A1].kind == X64_LOC_REG && c->locs[A2].kind == X64_LOC_REG &&
        c->locs[A1].reg != r && c->locs[A2].reg != r) {
        m = x64_mem_bid(c->locs[A1].reg, c->locs[A2].reg, 0);
        x64_rm(&c->a, XO_LEA, w, r, &m);
        x64_dst_done(c, A0, r);
        return true;
    }
    if ((g != X64_ADD && g != X64_SUB) || !x64_is_const(c, A2) ||
        c->locs[A1].kind != X64_LOC_REG || c->locs[A1].reg == r)
        return false;
    v = w == 32 ? (int32_t)x64_const(c, A2) : (int64_t)x64_const(c, A2);
    if (g == X64_SUB)
        v = -v;
    if (!x64_fits_i32(v))
        return false;
    m = x64_mem_bd(c->locs[A1].reg, (int32_t)v);
    x64_rm(&c->a, XO_LEA, w, r, &m);
    x64_dst_done(c, A0, r);
    return true;
}

/* r = a <alu> b */
static void lower_alu(struct x64_ctx *c, const struct ir_op *op,
                      enum x64_grp1 g)
{
    unsigned r = x64_dst_op(c, op, X64_RAX);

    if (lower_add_lea(c, op, g, r))
        return;
    x64_load_temp(c, r, A1);
    x64_alu_t(c, g, op_w(op), r, A2);
    x64_dst_done(c, A0, r);
}

static void lower_grp3(struct x64_ctx *c, const struct ir_op *op,
                       enum x64_grp3 g)
{
    unsigned r = x64_dst_op(c, op, X64_RAX);

    x64_load_temp(c, r, A1);
    x64_ext_r(&c->a, XO_GRP3, op_w(op), g, r);
    x64_dst_done(c, A0, r);
}

static void lower_mul(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX);

    x64_load_temp(c, r, A1);
    x64_op_rt(c, XO_IMUL_rm, op_w(op), r, A2, X64_R11);
    x64_dst_done(c, A0, r);
}

static void lower_andc(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX), w = op_w(op);

    x64_load_temp(c, X64_RCX, A2);
    x64_ext_r(&c->a, XO_GRP3, w, X64_NOT, X64_RCX);
    x64_load_temp(c, r, A1);
    x64_alu_rr(&c->a, X64_AND, w, r, X64_RCX);
    x64_dst_done(c, A0, r);
}

/* BMI2's shlx/shrx/sarx take the count from any register and leave the
 * source alone: no copy into cl, no "mov r, a" of two-address code. */
static bool lower_shift_bmi2(struct x64_ctx *c, const struct ir_op *op,
                             enum x64_shift s)
{
    uint32_t xo = s == X64_SHL ? XO_SHLX : s == X64_SHR ? XO_SHRX : XO_SARX;
    unsigned r, n, v;

    if (!c->cpu->bmi2 || (s != X64_SHL && s != X64_SHR && s != X64_SAR))
        return false;
    r = x64_dst_op(c, op, X64_RAX);
    n = x64_src(c, A2, X64_RCX);
    v = x64_src(c, A1, X64_R11);
    x64_vex_rrr(&c->a, xo, op_w(op) == 64, r, n, v);
    x64_dst_done(c, A0, r);
    return true;
}

/* x86 masks the count of 32- and 64-bit shifts and rotates to the width,
 * which is exactly "b mod width" (SDM SAL/SAR/SHL/SHR, ROL/ROR; the same
 * for shlx/shrx/sarx). */
static void lower_shift(struct x64_ctx *c, const struct ir_op *op,
                        enum x64_shift s)
{
    unsigned r, w = op_w(op);
    unsigned n;

    if (!x64_is_const(c, A2) && lower_shift_bmi2(c, op, s))
        return;
    r = x64_dst_op(c, op, X64_RAX);
    if (x64_is_const(c, A2)) {
        n = (unsigned)x64_const(c, A2) & (w - 1);
        x64_load_temp(c, r, A1);
        if (n)
            x64_shift_ri(&c->a, s, w, r, n);
    } else {
        x64_load_temp(c, X64_RCX, A2);
        x64_load_temp(c, r, A1);
        x64_shift_rcl(&c->a, s, w, r);
    }
    x64_dst_done(c, A0, r);
}

/* High halves: one-operand mul/imul leave them in rdx. */
static void lower_mulh(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = op_w(op);

    x64_load_temp(c, X64_RCX, A2);
    x64_load_temp(c, X64_RAX, A1);
    if (op->opc == IR_MULHSU)
        x64_load_temp(c, X64_R11, A1);
    x64_ext_r(&c->a, XO_GRP3, w, op->opc == IR_MULHS ? X64_IMUL1 : X64_MUL,
              X64_RCX);
    if (op->opc == IR_MULHSU) {
        /* signed a = unsigned a - 2^w when negative, so the high half
         * loses b then */
        x64_shift_ri(&c->a, X64_SAR, w, X64_R11, w - 1);
        x64_alu_rr(&c->a, X64_AND, w, X64_R11, X64_RCX);
        x64_alu_rr(&c->a, X64_SUB, w, X64_RDX, X64_R11);
    }
    x64_dst_done(c, A0, X64_RDX);
}

/* A constant divisor other than 0 and -1 needs no checks. */
static bool plain_divisor(struct x64_ctx *c, const struct ir_op *op)
{
    int64_t v;

    if (!x64_is_const(c, A2))
        return false;
    v = op_w(op) == 32 ? (int32_t)x64_const(c, A2)
                       : (int64_t)x64_const(c, A2);
    return v != 0 && v != -1;
}

/* The division itself: cdq/cqo + idiv, or zeroed rdx + div. */
static void emit_divide(struct x64_ctx *c, unsigned w, bool sign)
{
    if (sign) {
        if (w == 64)
            x64_byte(&c->a, 0x48);
        x64_byte(&c->a, 0x99); /* cdq / cqo */
    } else {
        x64_mov_ri(&c->a, 32, X64_RDX, 0);
    }
    x64_ext_r(&c->a, XO_GRP3, w, sign ? X64_IDIV : X64_DIV, X64_RCX);
}

/* div/idiv fault on a zero divisor and on INT_MIN / -1 (SDM IDIV: #DE), so
 * both are handled before: x / 0 = -1 (all ones), x % 0 = x; x / -1 = -x,
 * which wraps INT_MIN to itself; x % -1 = 0. */
static void lower_div(struct x64_ctx *c, const struct ir_op *op)
{
    bool sign = op->opc == IR_DIVS || op->opc == IR_REMS;
    bool rem = op->opc == IR_REMS || op->opc == IR_REMU;
    unsigned w = op_w(op);
    size_t to_zero, to_norm, to_done1 = 0, to_done2;

    x64_load_temp(c, X64_RCX, A2);
    x64_load_temp(c, X64_RAX, A1);
    if (plain_divisor(c, op)) {
        emit_divide(c, w, sign);
        x64_dst_done(c, A0, rem ? X64_RDX : X64_RAX);
        return;
    }
    x64_rr(&c->a, XO_TEST_mr, w, X64_RCX, X64_RCX);
    to_zero = x64_jcc8(&c->a, X64_CC_E);
    if (sign) {
        x64_alu_ri(&c->a, X64_CMP, w, X64_RCX, -1);
        to_norm = x64_jcc8(&c->a, X64_CC_NE);
        if (rem)
            x64_mov_ri(&c->a, 32, X64_RDX, 0);
        else
            x64_ext_r(&c->a, XO_GRP3, w, X64_NEG, X64_RAX);
        to_done1 = x64_jmp8(&c->a);
        x64_patch8(&c->a, to_norm, x64_pos(&c->a));
    }
    emit_divide(c, w, sign);
    to_done2 = x64_jmp8(&c->a);
    x64_patch8(&c->a, to_zero, x64_pos(&c->a));
    if (rem)
        x64_mov_rr(&c->a, 64, X64_RDX, X64_RAX);
    else
        x64_mov_ri(&c->a, w, X64_RAX, ~0ull);
    if (sign)
        x64_patch8(&c->a, to_done1, x64_pos(&c->a));
    x64_patch8(&c->a, to_done2, x64_pos(&c->a));
    x64_dst_done(c, A0, rem ? X64_RDX : X64_RAX);
}

/* Without LZCNT: bsr gives the index of the top bit (flags ZF on zero,
 * result undefined), and clz = (w - 1) ^ index; zero is preset so that
 * the same xor yields w. */
static void lower_clz(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = op_w(op);
    size_t skip;

    if (c->cpu->lzcnt) {
        x64_op_rt(c, XO_LZCNT, w, X64_RAX, A1, X64_R11);
    } else {
        x64_op_rt(c, XO_BSR, w, X64_RAX, A1, X64_R11);
        skip = x64_jcc8(&c->a, X64_CC_NE);
        x64_mov_ri(&c->a, 32, X64_RAX, 2 * w - 1);
        x64_patch8(&c->a, skip, x64_pos(&c->a));
        x64_alu_ri(&c->a, X64_XOR, 32, X64_RAX, (int32_t)w - 1);
    }
    x64_dst_done(c, A0, X64_RAX);
}

static void lower_ctz(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = op_w(op);
    size_t skip;

    if (c->cpu->bmi1) {
        x64_op_rt(c, XO_TZCNT, w, X64_RAX, A1, X64_R11);
    } else {
        x64_op_rt(c, XO_BSF, w, X64_RAX, A1, X64_R11);
        skip = x64_jcc8(&c->a, X64_CC_NE);
        x64_mov_ri(&c->a, 32, X64_RAX, w);
        x64_patch8(&c->a, skip, x64_pos(&c->a));
    }
    x64_dst_done(c, A0, X64_RAX);
}

/* reg &= mask, through rdx when the mask is no imm32. */
static void and_mask(struct x64_ctx *c, unsigned w, unsigned reg,
                     uint64_t mask)
{
    int64_t v = w == 32 ? (int32_t)mask : (int64_t)mask;

    if (x64_fits_i32(v)) {
        x64_alu_ri(&c->a, X64_AND, w, reg, (int32_t)v);
    } else {
        x64_mov_ri(&c->a, 64, X64_RDX, mask);
        x64_alu_rr(&c->a, X64_AND, w, reg, X64_RDX);
    }
}

/* Without POPCNT: the classic SWAR sum of bit pairs, nibbles, bytes, then
 * a multiply that adds all bytes into the top one. */
static void popcnt_swar(struct x64_ctx *c, unsigned w)
{
    struct x64_asm *a = &c->a;
    uint64_t m1 = 0x5555555555555555ull, m2 = 0x3333333333333333ull;
    uint64_t m4 = 0x0f0f0f0f0f0f0f0full, h01 = 0x0101010101010101ull;

    x64_mov_rr(a, 64, X64_RCX, X64_RAX);
    x64_shift_ri(a, X64_SHR, w, X64_RCX, 1);
    and_mask(c, w, X64_RCX, m1);
    x64_alu_rr(a, X64_SUB, w, X64_RAX, X64_RCX);
    x64_mov_rr(a, 64, X64_RCX, X64_RAX);
    and_mask(c, w, X64_RCX, m2);
    x64_shift_ri(a, X64_SHR, w, X64_RAX, 2);
    and_mask(c, w, X64_RAX, m2);
    x64_alu_rr(a, X64_ADD, w, X64_RAX, X64_RCX);
    x64_mov_rr(a, 64, X64_RCX, X64_RAX);
    x64_shift_ri(a, X64_SHR, w, X64_RCX, 4);
    x64_alu_rr(a, X64_ADD, w, X64_RAX, X64_RCX);
    and_mask(c, w, X64_RAX, m4);
    x64_mov_ri(a, w, X64_RCX, h01);
    x64_rr(a, XO_IMUL_rm, w, X64_RAX, X64_RCX);
    x64_shift_ri(a, X64_SHR, w, X64_RAX, w - 8);
}

static void lower_popcnt(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = op_w(op);

    if (c->cpu->popcnt) {
        x64_op_rt(c, XO_POPCNT, w, X64_RAX, A1, X64_R11);
    } else {
        x64_load_temp(c, X64_RAX, A1);
        popcnt_swar(c, w);
    }
    x64_dst_done(c, A0, X64_RAX);
}

static void lower_bswap(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX);

    x64_load_temp(c, r, A1);
    x64_bswap(&c->a, op_w(op), r);
    x64_dst_done(c, A0, r);
}

/* Bits [pos, pos+len): shift them to the top, then back down. */
static void lower_extract(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX), w = op_w(op);
    unsigned pos = op->imm & 0xff, len = op->imm >> 8 & 0xff;

    x64_load_temp(c, r, A1);
    if (w - pos - len)
        x64_shift_ri(&c->a, X64_SHL, w, r, w - pos - len);
    if (w - len)
        x64_shift_ri(&c->a, op->opc == IR_SEXTRACT ? X64_SAR : X64_SHR, w,
                     r, w - len);
    x64_dst_done(c, A0, r);
}

static void lower_deposit(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX), w = op_w(op);
    unsigned pos = op->imm & 0xff, len = op->imm >> 8 & 0xff;
    uint64_t field = (len >= 64 ? ~0ull : (1ull << len) - 1) << pos;

    x64_load_temp(c, X64_RCX, A2);
    if (w - len)
        x64_shift_ri(&c->a, X64_SHL, w, X64_RCX, w - len);
    if (w - len - pos)
        x64_shift_ri(&c->a, X64_SHR, w, X64_RCX, w - len - pos);
    x64_load_temp(c, r, A1);
    and_mask(c, w, r, w == 32 ? (uint32_t)~field : ~field);
    x64_alu_rr(&c->a, X64_OR, w, r, X64_RCX);
    x64_dst_done(c, A0, r);
}

static void lower_setcond(struct x64_ctx *c, const struct ir_op *op)
{
    enum x64_cc cc = x64_compare(c, op->cond, (enum ir_type)op->aux, A1, A2);

    x64_setcc(&c->a, cc, X64_RAX);
    x64_movzx8(&c->a, X64_RAX, X64_RAX);
    x64_dst_done(c, A0, X64_RAX);
}

/* Integers with cmov; floats and vectors with a branch. Neither mov nor
 * the constant loads touch the flags the compare left. */
static void lower_select(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type ty = (enum ir_type)op->type;
    enum x64_cc cc = x64_compare(c, op->cond, (enum ir_type)op->aux, A1, A2);
    unsigned r = x64_dst_op(c, op, x64_is_float(ty) ? X64_XTMP0 : X64_RAX);
    size_t to_false, to_end;

    if (!x64_is_float(ty)) {
        x64_load_temp(c, r, A4);
        x64_op_rt(c, XO_CMOV + cc, op_w(op), r, A3, X64_R11);
    } else {
        to_false = x64_jcc8(&c->a, (enum x64_cc)(cc ^ 1));
        x64_load_temp(c, r, A3);
        to_end = x64_jmp8(&c->a);
        x64_patch8(&c->a, to_false, x64_pos(&c->a));
        x64_load_temp(c, r, A4);
        x64_patch8(&c->a, to_end, x64_pos(&c->a));
    }
    x64_dst_done(c, A0, r);
}

/* CF = carry in (bit 0 of c), then adc: CF is the carry out, OF the
 * signed overflow of the whole a + b + c. */
static void lower_addc(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned w = op_w(op);

    x64_load_temp(c, X64_RAX, A1);
    x64_load_temp(c, X64_RCX, A3);
    x64_shift_ri(&c->a, X64_SHR, 32, X64_RCX, 1);
    x64_alu_t(c, X64_ADC, w, X64_RAX, A2);
    x64_setcc(&c->a, op->opc == IR_ADDC_CARRY ? X64_CC_B : X64_CC_O,
              X64_RAX);
    x64_movzx8(&c->a, X64_RAX, X64_RAX);
    x64_dst_done(c, A0, X64_RAX);
}

/* Whether every use of t (an I32 result) reads only its low half: 32-bit
 * arithmetic, logic and shifts, movsxd and 4-byte state writes. */
static bool low_half_uses_only(const struct x64_ctx *c, ir_temp t)
{
    const struct ir_block *b = c->b;

    for (uint32_t i = c->op_index + 1; i <= c->temp_end[t] && i < b->nops;
         i++) {
        const struct ir_op *u = &b->ops[i];

        if (u->args[0] == t)
            return false;
        for (int k = 1; k < 5; k++) {
            if (u->args[k] != t)
                continue;
            switch (u->opc) {
            case IR_ADD: case IR_SUB: case IR_AND: case IR_OR: case IR_XOR:
            case IR_MUL: case IR_SHL: case IR_SHR: case IR_SAR: case IR_SET:
                if (u->type != IR_I32)
                    return false;
                break;
            case IR_SEXT:
                break;
            default:
                return false;
            }
        }
    }
    return true;
}

/* zext and trunc are a 32-bit mov (which zeroes the upper half), sext a
 * movsxd. A trunc in place whose uses read only the low half (a riscv
 * addw's) is nothing: the upper half may stay. */
static void lower_width(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned r = x64_dst_op(c, op, X64_RAX);

    if (op->opc == IR_TRUNC && c->locs[A0].kind == X64_LOC_REG &&
        c->locs[A1].kind == X64_LOC_REG && c->locs[A1].reg == r &&
        low_half_uses_only(c, A0))
        return;
    if (op->opc == IR_SEXT)
        x64_op_rt(c, XO_MOVSXD, 64, r, A1, X64_R11);
    else
        x64_op_rt(c, XO_MOV_rm, 32, r, A1, X64_R11);
    x64_dst_done(c, A0, r);
}

/* Dispatch: one case per integer op. */
bool x64_lower_int(struct x64_ctx *c, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_ADD: lower_alu(c, op, X64_ADD); break;
    case IR_SUB: lower_alu(c, op, X64_SUB); break;
    case IR_AND: lower_alu(c, op, X64_AND); break;
    case IR_OR: lower_alu(c, op, X64_OR); break;
    case IR_XOR: lower_alu(c, op, X64_XOR); break;
    case IR_MUL: lower_mul(c, op); break;
    case IR_NEG: lower_grp3(c, op, X64_NEG); break;
    case IR_NOT: lower_grp3(c, op, X64_NOT); break;
    case IR_ANDC: lower_andc(c, op); break;
    case IR_SHL: lower_shift(c, op, X64_SHL); break;
    case IR_SHR: lower_shift(c, op, X64_SHR); break;
    case IR_SAR: lower_shift(c, op, X64_SAR); break;
    case IR_ROTL: lower_shift(c, op, X64_ROL); break;
    case IR_ROTR: lower_shift(c, op, X64_ROR); break;
    case IR_MULHS: case IR_MULHU: case IR_MULHSU: lower_mulh(c, op); break;
    case IR_DIVS: case IR_DIVU: case IR_REMS: case IR_REMU:
        lower_div(c, op);
        break;
    case IR_CLZ: lower_clz(c, op); break;
    case IR_CTZ: lower_ctz(c, op); break;
    case IR_POPCNT: lower_popcnt(c, op); break;
    case IR_BSWAP: lower_bswap(c, op); break;
    case IR_EXTRACT: case IR_SEXTRACT: lower_extract(c, op); break;
    case IR_DEPOSIT: lower_deposit(c, op); break;
    case IR_SETCOND: lower_setcond(c, op); break;
    case IR_SELECT: lower_select(c, op); break;
    case IR_ADDC_CARRY: case IR_ADDC_OVF: lower_addc(c, op); break;
    case IR_ZEXT: case IR_SEXT: case IR_TRUNC: lower_width(c, op); break;
    default: return false;
    }
    return true;
}
