/* translator/opt/opt_eval.c: compile-time evaluation of integer IR ops,
 * following the semantics written in translator/ir.h exactly. */
#include "translator/opt/opt_util.h"

/* Sign-extends the low bits of an I32 or I64 value to 64 bits. */
static int64_t sx(enum ir_type t, uint64_t v)
{
    return t == IR_I32 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

static uint64_t min_signed(enum ir_type t)
{
    return t == IR_I32 ? UINT64_C(0x80000000) : UINT64_C(1) << 63;
}

bool opt_eval_cond(enum ir_cond c, enum ir_type t, uint64_t a, uint64_t b)
{
    a &= opt_mask(t);
    b &= opt_mask(t);
    switch (c) {
    case IR_EQ:
        return a == b;
    case IR_NE:
        return a != b;
    case IR_LT:
        return sx(t, a) < sx(t, b);
    case IR_GE:
        return sx(t, a) >= sx(t, b);
    case IR_LE:
        return sx(t, a) <= sx(t, b);
    case IR_GT:
        return sx(t, a) > sx(t, b);
    case IR_LTU:
        return a < b;
    case IR_GEU:
        return a >= b;
    case IR_LEU:
        return a <= b;
    case IR_GTU:
        return a > b;
    default:
        return false;
    }
}

/* Shifts and rotates: the count is taken modulo the width (ir.h). */
static uint64_t eval_shift(enum ir_opc opc, enum ir_type t, uint64_t a,
                           uint64_t b)
{
    unsigned w = ir_type_bits(t), n = (unsigned)(b & (w - 1));

    switch (opc) {
    case IR_SHL:
        return a << n;
    case IR_SHR:
        return a >> n;
    case IR_SAR:
        return (uint64_t)(sx(t, a) >> n);
    case IR_ROTL:
        return n ? a << n | a >> (w - n) : a;
    default:
        return n ? a >> n | a << (w - n) : a; /* IR_ROTR */
    }
}

/* High halves of the double-width products. */
static uint64_t eval_mulh(enum ir_opc opc, enum ir_type t, uint64_t a,
                          uint64_t b)
{
    __int128 p;

    if (t == IR_I32) {
        /* 32x32 products of either signedness fit in 64 bits. */
        int64_t sa = sx(t, a), sb = sx(t, b);

        if (opc == IR_MULHU)
            return (a * b) >> 32;
        return (uint64_t)((opc == IR_MULHS ? sa * sb : sa * (int64_t)b) >> 32);
    }
    if (opc == IR_MULHU)
        return (uint64_t)(((unsigned __int128)a * b) >> 64);
    if (opc == IR_MULHS)
        p = (__int128)(int64_t)a * (__int128)(int64_t)b;
    else
        p = (__int128)(int64_t)a * (__int128)b;
    return (uint64_t)(p >> 64);
}

/* Division never traps: RISC-V results for x / 0 and INT_MIN / -1. */
static uint64_t eval_div(enum ir_opc opc, enum ir_type t, uint64_t a,
                         uint64_t b)
{
    bool ovf = a == min_signed(t) && b == opt_mask(t);

    switch (opc) {
    case IR_DIVU:
        return b ? a / b : UINT64_MAX;
    case IR_REMU:
        return b ? a % b : a;
    case IR_DIVS:
        if (!b)
            return UINT64_MAX;
        return ovf ? a : (uint64_t)(sx(t, a) / sx(t, b));
    default: /* IR_REMS */
        if (!b)
            return a;
        return ovf ? 0 : (uint64_t)(sx(t, a) % sx(t, b));
    }
}

static uint64_t eval_bits(enum ir_opc opc, enum ir_type t, uint64_t a)
{
    unsigned w = ir_type_bits(t);

    switch (opc) {
    case IR_CLZ:
        if (!a)
            return w;
        return (uint64_t)__builtin_clzll(a) - (64 - w);
    case IR_CTZ:
        return a ? (uint64_t)__builtin_ctzll(a) : w;
    case IR_POPCNT:
        return (uint64_t)__builtin_popcountll(a);
    default: /* IR_BSWAP */
        return t == IR_I32 ? __builtin_bswap32((uint32_t)a)
                           : __builtin_bswap64(a);
    }
}

/* A mask of len low bits, len in 1..64. */
static uint64_t low_bits(unsigned len)
{
    return len >= 64 ? UINT64_MAX : (UINT64_C(1) << len) - 1;
}

/* IR_EXTRACT / IR_SEXTRACT / IR_DEPOSIT; false for an invalid field. */
static bool eval_field(const struct ir_op *op, uint64_t a, uint64_t b,
                       uint64_t *out)
{
    unsigned pos = op->imm & 0xff, len = (op->imm >> 8) & 0xff;
    uint64_t m, f;

    if (op->imm >> 16 || !len || pos + len > ir_type_bits(op->type))
        return false;
    m = low_bits(len);
    f = (a >> pos) & m;
    if (op->opc == IR_EXTRACT)
        *out = f;
    else if (op->opc == IR_SEXTRACT)
        *out = len < 64 && f >> (len - 1) ? f | ~m : f;
    else
        *out = (a & ~(m << pos)) | (b & m) << pos;
    return true;
}

/* Carry and signed overflow of a + b + c, c being 0 or 1. */
static uint64_t eval_addc(enum ir_opc opc, enum ir_type t, uint64_t a,
                          uint64_t b, uint64_t c)
{
    unsigned w = ir_type_bits(t);
    __int128 s;

    if (opc == IR_ADDC_CARRY)
        return (uint64_t)(((unsigned __int128)a + b + c) >> w);
    s = (__int128)sx(t, a) + sx(t, b) + (__int128)c;
    return w == 32 ? s < INT32_MIN || s > INT32_MAX
                   : s < INT64_MIN || s > INT64_MAX;
}

/* The ops computed by one C operator (wrapping in 64 bits; the caller
 * cuts I32 results). */
static bool eval_basic(enum ir_opc opc, uint64_t a, uint64_t b, uint64_t *o)
{
    switch (opc) {
    case IR_MOV:
        *o = a;
        return true;
    case IR_ADD:
        *o = a + b;
        return true;
    case IR_SUB:
        *o = a - b;
        return true;
    case IR_MUL:
        *o = a * b;
        return true;
    case IR_NEG:
        *o = -a;
        return true;
    case IR_AND:
        *o = a & b;
        return true;
    case IR_OR:
        *o = a | b;
        return true;
    case IR_XOR:
        *o = a ^ b;
        return true;
    case IR_NOT:
        *o = ~a;
        return true;
    case IR_ANDC:
        *o = a & ~b;
        return true;
    default:
        return false;
    }
}

/* A dispatch to the op families, one case group per family. */
static bool eval_int(const struct ir_op *op, const uint64_t *v, uint64_t *o)
{
    enum ir_type t = (enum ir_type)op->type;
    enum ir_opc opc = (enum ir_opc)op->opc;

    switch (opc) {
    case IR_SHL:
    case IR_SHR:
    case IR_SAR:
    case IR_ROTL:
    case IR_ROTR:
        *o = eval_shift(opc, t, v[1], v[2]);
        break;
    case IR_MULHS:
    case IR_MULHU:
    case IR_MULHSU:
        *o = eval_mulh(opc, t, v[1], v[2]);
        break;
    case IR_DIVS:
    case IR_DIVU:
    case IR_REMS:
    case IR_REMU:
        *o = eval_div(opc, t, v[1], v[2]);
        break;
    case IR_CLZ:
    case IR_CTZ:
    case IR_POPCNT:
    case IR_BSWAP:
        *o = eval_bits(opc, t, v[1]);
        break;
    case IR_EXTRACT:
    case IR_SEXTRACT:
    case IR_DEPOSIT:
        return eval_field(op, v[1], v[2], o);
    case IR_ADDC_CARRY:
    case IR_ADDC_OVF:
        *o = eval_addc(opc, t, v[1], v[2], v[3]);
        break;
    default:
        return eval_basic(opc, v[1], v[2], o);
    }
    return true;
}

/* Ops whose operand type differs from the result type. */
static bool eval_mixed(const struct ir_op *op, const uint64_t *v, uint64_t *o)
{
    enum ir_type at = (enum ir_type)op->aux;

    switch (op->opc) {
    case IR_ZEXT:
        *o = (uint32_t)v[1];
        return true;
    case IR_SEXT:
        *o = (uint64_t)(int64_t)(int32_t)(uint32_t)v[1];
        return true;
    case IR_TRUNC:
        *o = (uint32_t)v[1];
        return true;
    case IR_BITCAST: /* the same bits: exact, no FP environment involved */
        *o = v[1] &
             opt_mask(ir_type_bits((enum ir_type)op->type) == 32 ? IR_I32
                                                                 : IR_I64);
        return true;
    case IR_SETCOND:
    case IR_SELECT:
        if (!opt_int_cond(op->cond) || (at != IR_I32 && at != IR_I64))
            return false;
        if (op->opc == IR_SETCOND)
            *o = opt_eval_cond(op->cond, at, v[1], v[2]);
        else
            *o = opt_eval_cond(op->cond, at, v[1], v[2]) ? v[3] : v[4];
        return true;
    default:
        return false;
    }
}

bool opt_eval(const struct ir_op *op, const uint64_t v[5], uint64_t *out)
{
    enum ir_type t = (enum ir_type)op->type;
    uint64_t in[5];

    if (op->opc == IR_ZEXT || op->opc == IR_SEXT || op->opc == IR_TRUNC ||
        op->opc == IR_BITCAST || op->opc == IR_SETCOND ||
        op->opc == IR_SELECT) {
        if (!eval_mixed(op, v, out))
            return false;
    } else {
        if (t != IR_I32 && t != IR_I64)
            return false;
        /* Operands of an I32 op are used as their low 32 bits. */
        for (unsigned i = 0; i < 5; i++)
            in[i] = v[i] & opt_mask(t);
        if (!eval_int(op, in, out))
            return false;
    }
    if (t == IR_I32 || t == IR_I64)
        *out &= opt_mask(t);
    return true;
}
