/* translator/interp/interp_int.c: the integer ops of the reference
 * interpreter, exactly as ir.h defines them, on values of 32 or 64 bits
 * kept zero-extended in 64-bit storage. */
#include "translator/interp/interp_internal.h"

/* Value x of width w (32 or 64) as a signed 64-bit number. */
static int64_t to_signed(uint64_t x, unsigned w)
{
    return (int64_t)interp_sext(x, w);
}

/* High 64 bits of the unsigned 128-bit product, from 32-bit halves. */
static uint64_t mulhu64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;

    return ah * bh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/* High half of a * b; sa/sb say which operands are signed. A signed
 * negative operand x contributes x - 2^w, so the unsigned high half is
 * corrected by subtracting the other operand. */
static uint64_t mulh(uint64_t a, uint64_t b, unsigned w, bool sa, bool sb)
{
    uint64_t h;

    if (w == 32) {
        int64_t x = sa ? to_signed(a, 32) : (int64_t)a;
        int64_t y = sb ? to_signed(b, 32) : (int64_t)b;

        /* The exact product fits in 64 bits (signed or unsigned), so
         * the wrapping unsigned product has the right bits 32..63. */
        return (uint64_t)x * (uint64_t)y >> 32 & 0xffffffffu;
    }
    h = mulhu64(a, b);
    if (sa && to_signed(a, 64) < 0)
        h -= b;
    if (sb && to_signed(b, 64) < 0)
        h -= a;
    return h;
}

/* RISC-V division rules (ir.h): never traps. */
static uint64_t div_signed(uint64_t a, uint64_t b, unsigned w, bool rem)
{
    int64_t x = to_signed(a, w), y = to_signed(b, w);
    int64_t min = w == 32 ? INT32_MIN : INT64_MIN;
    uint64_t m = w == 32 ? 0xffffffffu : ~(uint64_t)0;

    if (y == 0)
        return rem ? a : m;
    if (x == min && y == -1)
        return rem ? 0 : a;
    return (uint64_t)(rem ? x % y : x / y) & m;
}

static uint64_t div_unsigned(uint64_t a, uint64_t b, unsigned w, bool rem)
{
    if (b == 0)
        return rem ? a : w == 32 ? 0xffffffffu : ~(uint64_t)0;
    return rem ? a % b : a / b;
}

static uint64_t rotl(uint64_t a, uint64_t b, unsigned w)
{
    unsigned s = b & (w - 1);

    return s ? a << s | a >> (w - s) : a;
}

static uint64_t bit_count(unsigned opc, uint64_t a, unsigned w)
{
    if (opc == IR_POPCNT)
        return (uint64_t)__builtin_popcountll(a);
    if (a == 0)
        return w;
    if (opc == IR_CLZ)
        return (uint64_t)__builtin_clzll(a) - (64 - w);
    return (uint64_t)__builtin_ctzll(a);
}

/* Bits [pos, pos+len) of imm's field, as IR_EXTRACT encodes them. */
static uint64_t field_mask(uint64_t imm)
{
    unsigned pos = imm & 63, len = imm >> 8 & 0xff;
    uint64_t ones = len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;

    return ones << pos;
}

static uint64_t extract(const struct ir_op *op, uint64_t a)
{
    unsigned pos = op->imm & 63, len = op->imm >> 8 & 0xff;
    uint64_t x = (a & field_mask(op->imm)) >> pos;

    if (op->opc != IR_SEXTRACT || len == 0 || len > 64)
        return x;
    return interp_sext(x, len);
}

static uint64_t deposit(uint64_t imm, uint64_t a, uint64_t b)
{
    uint64_t m = field_mask(imm);

    return (a & ~m) | (b << (imm & 63) & m);
}

/* Carry out of, or signed overflow of, a + b + c at width w (c is 0 or
 * 1). Overflow: the sum's sign differs from both operands' signs. */
static uint64_t addc(unsigned opc, uint64_t a, uint64_t b, uint64_t c,
                     unsigned w)
{
    uint64_t s1 = a + b, s = s1 + (c & 1);

    if (opc == IR_ADDC_OVF)
        return ((a ^ s) & (b ^ s)) >> (w - 1) & 1;
    if (w == 32)
        return s >> 32 & 1;
    return (uint64_t)(s1 < a) | (uint64_t)(s < s1);
}

/* Shifts and rotates; the count is taken modulo the width. */
static uint64_t shift(unsigned opc, uint64_t a, uint64_t b, unsigned w)
{
    unsigned s = b & (w - 1);

    switch (opc) {
    case IR_SHL:
        return a << s;
    case IR_SHR:
        return a >> s;
    case IR_SAR:
        return (uint64_t)(to_signed(a, w) >> s);
    case IR_ROTL:
        return rotl(a, s, w);
    default: /* IR_ROTR */
        return rotl(a, w - s, w);
    }
}

/* Ops whose result is computed from a and b in 64 bits, then cut to the
 * width; one case per op, hence the length. */
static uint64_t arith(const struct ir_op *op, uint64_t a, uint64_t b,
                      unsigned w)
{
    switch (op->opc) {
    case IR_ADD: return a + b;
    case IR_SUB: return a - b;
    case IR_MUL: return a * b;
    case IR_NEG: return -a;
    case IR_AND: return a & b;
    case IR_OR: return a | b;
    case IR_XOR: return a ^ b;
    case IR_NOT: return ~a;
    case IR_ANDC: return a & ~b;
    case IR_SHL: case IR_SHR: case IR_SAR: case IR_ROTL: case IR_ROTR:
        return shift(op->opc, a, b, w);
    case IR_MULHS: return mulh(a, b, w, true, true);
    case IR_MULHU: return mulh(a, b, w, false, false);
    case IR_MULHSU: return mulh(a, b, w, true, false);
    case IR_DIVS: return div_signed(a, b, w, false);
    case IR_REMS: return div_signed(a, b, w, true);
    case IR_DIVU: return div_unsigned(a, b, w, false);
    case IR_REMU: return div_unsigned(a, b, w, true);
    case IR_CLZ: case IR_CTZ: case IR_POPCNT:
        return bit_count(op->opc, a, w);
    case IR_BSWAP:
        return w == 32 ? __builtin_bswap32((uint32_t)a) : __builtin_bswap64(a);
    case IR_EXTRACT: case IR_SEXTRACT: return extract(op, a);
    case IR_DEPOSIT: return deposit(op->imm, a, b);
    case IR_SEXT: return interp_sext(a, 32);
    default: /* IR_ZEXT, IR_TRUNC, IR_BITCAST: the bits, cut below */
        return a;
    }
}

bool interp_cond(enum ir_cond cond, enum ir_type t, uint64_t a, uint64_t b)
{
    unsigned w = ir_type_bits(t);

    switch (cond) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return to_signed(a, w) < to_signed(b, w);
    case IR_GE: return to_signed(a, w) >= to_signed(b, w);
    case IR_LE: return to_signed(a, w) <= to_signed(b, w);
    case IR_GT: return to_signed(a, w) > to_signed(b, w);
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_LEU: return a <= b;
    case IR_GTU: return a > b;
    default:
        return interp_fp_cond(cond, t, a, b, false);
    }
}

uint64_t interp_int_op(const struct ir_op *op, const uint64_t *val)
{
    uint64_t a = val[op->args[1]], b = val[op->args[2]];
    enum ir_type t = (enum ir_type)op->type;
    unsigned w = ir_type_bits(t);

    switch (op->opc) {
    case IR_SETCOND:
        return interp_cond(op->cond, (enum ir_type)op->aux, a, b);
    case IR_SELECT:
        return interp_cond(op->cond, (enum ir_type)op->aux, a, b)
                   ? val[op->args[3]]
                   : val[op->args[4]];
    case IR_ADDC_CARRY:
    case IR_ADDC_OVF:
        return addc(op->opc, a, b, val[op->args[3]], w);
    default:
        return arith(op, a, b, w) & interp_mask(t);
    }
}
