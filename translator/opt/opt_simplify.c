/* translator/opt/opt_simplify.c: algebraic identities with a constant or
 * repeated operand, exact in both integer widths. */
#include "translator/opt/opt.h"
#include "translator/opt/opt_util.h"

#include <string.h>

/* Whether t is the constant v (taken in the width of type ty). */
static bool is_k(const struct ir_block *b, ir_temp t, enum ir_type ty,
                 uint64_t v)
{
    return opt_is_const(b, t) &&
           (opt_const_value(b, t) & opt_mask(ty)) == (v & opt_mask(ty));
}

/* Rewrites op into "result = opc a, c" of the same type. */
static void to_op(struct ir_op *op, enum ir_opc opc, ir_temp a, ir_temp c)
{
    ir_temp r = op->args[0];
    uint8_t type = op->type;

    memset(op, 0, sizeof *op);
    op->opc = opc;
    op->type = type;
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = c;
}

/* Rewrites op into "result = mov x", or into "result = mov <constant k>"
 * when x is IR_NO_TEMP. */
static void to_value(struct ir_block *b, struct ir_op *op, ir_temp x,
                     uint64_t k)
{
    if (x)
        opt_make_mov(op, x);
    else
        opt_make_const(b, op, k);
}

static void simp_arith(struct ir_block *b, struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    ir_temp a = op->args[1], c = op->args[2];
    uint64_t v;

    if (op->opc != IR_SUB && opt_is_const(b, a)) { /* constant on the right */
        a = op->args[2];
        c = op->args[1];
    }
    if (is_k(b, c, t, 0))
        to_value(b, op, op->opc == IR_MUL ? IR_NO_TEMP : a, 0);
    else if (op->opc == IR_SUB && a == c)
        opt_make_const(b, op, 0);
    else if (op->opc == IR_SUB && is_k(b, a, t, 0))
        to_op(op, IR_NEG, c, IR_NO_TEMP);
    else if (op->opc != IR_MUL || !opt_is_const(b, c))
        return;
    else if ((v = opt_const_value(b, c) & opt_mask(t)) == 1)
        opt_make_mov(op, a);
    else if (__builtin_popcountll(v) == 1)
        /* x * 2^k = x << k in both widths (the low half wraps alike). */
        to_op(op, IR_SHL, a, ir_const(b, t, (uint64_t)__builtin_ctzll(v)));
}

static void simp_logic(struct ir_block *b, struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    ir_temp a = op->args[1], c = op->args[2];
    uint64_t m = opt_mask(t);
    enum ir_opc opc = (enum ir_opc)op->opc;

    if (opc == IR_ANDC) {
        if (is_k(b, c, t, 0))
            opt_make_mov(op, a);
        else if (is_k(b, a, t, 0) || is_k(b, c, t, m) || a == c)
            opt_make_const(b, op, 0);
        else if (is_k(b, a, t, m))
            to_op(op, IR_NOT, c, IR_NO_TEMP);
        return;
    }
    if (is_k(b, a, t, 0) || is_k(b, a, t, m)) { /* constant on the right */
        a = op->args[2];
        c = op->args[1];
    }
    if (a == c)
        to_value(b, op, opc == IR_XOR ? IR_NO_TEMP : a, 0);
    else if (is_k(b, c, t, 0))
        to_value(b, op, opc == IR_AND ? IR_NO_TEMP : a, 0);
    else if (!is_k(b, c, t, m))
        return;
    else if (opc == IR_XOR)
        to_op(op, IR_NOT, a, IR_NO_TEMP);
    else
        to_value(b, op, opc == IR_AND ? a : IR_NO_TEMP, m);
}

/* Shift counts are taken modulo the width (ir.h). */
static void simp_shift(struct ir_block *b, struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    ir_temp a = op->args[1], c = op->args[2];
    unsigned w = ir_type_bits(t);

    if (opt_is_const(b, c) && !(opt_const_value(b, c) & (w - 1)))
        opt_make_mov(op, a);
    else if (is_k(b, a, t, 0))
        opt_make_const(b, op, 0);
    else if (is_k(b, a, t, opt_mask(t)) && op->opc != IR_SHL &&
             op->opc != IR_SHR)
        opt_make_const(b, op, opt_mask(t)); /* sar/rotate of all ones */
}

/* Division by 1 and -1, high products with 0 (never trapping, ir.h). */
static void simp_div(struct ir_block *b, struct ir_op *op)
{
    enum ir_type t = (enum ir_type)op->type;
    ir_temp a = op->args[1], c = op->args[2];
    enum ir_opc opc = (enum ir_opc)op->opc;

    if (opc == IR_MULHS || opc == IR_MULHU || opc == IR_MULHSU) {
        if (is_k(b, a, t, 0) || is_k(b, c, t, 0))
            opt_make_const(b, op, 0);
    } else if (is_k(b, c, t, 1)) {
        to_value(b, op, opc == IR_DIVS || opc == IR_DIVU ? a : IR_NO_TEMP, 0);
    } else if (is_k(b, c, t, opt_mask(t)) && opc == IR_DIVS) {
        to_op(op, IR_NEG, a, IR_NO_TEMP); /* INT_MIN / -1 = INT_MIN too */
    } else if (is_k(b, c, t, opt_mask(t)) && opc == IR_REMS) {
        opt_make_const(b, op, 0); /* INT_MIN % -1 = 0 too */
    }
}

/* The outcome of "a cond c" if the operands make it certain: 1 or 0, or
 * -1 when unknown. */
static int known_cond(const struct ir_block *b, unsigned cond, enum ir_type t,
                      ir_temp a, ir_temp c)
{
    if (!opt_int_cond(cond) || (t != IR_I32 && t != IR_I64))
        return -1;
    if (a == c)
        return opt_eval_cond((enum ir_cond)cond, t, 0, 0);
    if (is_k(b, c, t, 0) && (cond == IR_LTU || cond == IR_GEU))
        return cond == IR_GEU; /* nothing is below 0 unsigned */
    return -1;
}

static void simp_cond(struct ir_block *b, struct ir_op *op)
{
    enum ir_type ct = (enum ir_type)(op->opc == IR_BRCOND ? op->type : op->aux);
    int k = known_cond(b, op->cond, ct, op->args[1], op->args[2]);

    if (op->opc == IR_SELECT && op->args[3] == op->args[4])
        opt_make_mov(op, op->args[3]);
    else if (k < 0)
        return;
    else if (op->opc == IR_SETCOND)
        opt_make_const(b, op, (uint64_t)k);
    else if (op->opc == IR_SELECT)
        opt_make_mov(op, op->args[k ? 3 : 4]);
    else if (k)
        opt_make_br(op, (ir_label)op->imm);
    else
        opt_make_nop(op);
}

/* Self moves, and fields that cover the whole value. */
static void simp_misc(struct ir_op *op)
{
    unsigned w = ir_type_bits((enum ir_type)op->type);

    if (op->opc == IR_MOV && op->args[0] == op->args[1])
        opt_make_nop(op);
    else if (op->opc == IR_EXTRACT && op->imm == (uint64_t)w << 8)
        opt_make_mov(op, op->args[1]);
    else if (op->opc == IR_DEPOSIT && op->imm == (uint64_t)w << 8)
        opt_make_mov(op, op->args[2]);
}

/* A constant first operand of a commutative integer op goes second,
 * where the identities above and the back ends' immediate forms look. */
static void simp_commute(struct ir_block *b, struct ir_op *op)
{
    ir_temp t = op->args[1];

    switch (op->opc) {
    case IR_ADD: case IR_MUL: case IR_AND: case IR_OR: case IR_XOR:
        if (opt_is_const(b, t) && !opt_is_const(b, op->args[2])) {
            op->args[1] = op->args[2];
            op->args[2] = t;
        }
        break;
    default:
        break;
    }
}

/* A dispatch over the opcode families, hence its length; arithmetic
 * identities only apply to integer types. */
void opt_simplify_op(struct ir_block *b, struct ir_op *op)
{
    bool int_op = op->type == IR_I32 || op->type == IR_I64;

    if (int_op)
        simp_commute(b, op);
    switch (op->opc) {
    case IR_ADD:
    case IR_SUB:
    case IR_MUL:
        if (int_op)
            simp_arith(b, op);
        break;
    case IR_AND:
    case IR_OR:
    case IR_XOR:
    case IR_ANDC:
        if (int_op)
            simp_logic(b, op);
        break;
    case IR_SHL:
    case IR_SHR:
    case IR_SAR:
    case IR_ROTL:
    case IR_ROTR:
        if (int_op)
            simp_shift(b, op);
        break;
    case IR_DIVS:
    case IR_DIVU:
    case IR_REMS:
    case IR_REMU:
    case IR_MULHS:
    case IR_MULHU:
    case IR_MULHSU:
        if (int_op)
            simp_div(b, op);
        break;
    case IR_SETCOND:
    case IR_SELECT:
    case IR_BRCOND:
        simp_cond(b, op);
        break;
    default:
        simp_misc(op);
    }
}

void opt_simplify(struct ir_block *b)
{
    for (uint32_t i = 0; i < b->nops; i++)
        opt_simplify_op(b, &b->ops[i]);
}
