/* translator/ir_verify.c: checks a block against the IR contract of ir.h:
 * temps and operand types, labels and forward branches, and that no path
 * runs off the end of the block. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>

#include "translator/ir.h"

/* Sets of types an operand may have, one bit per enum ir_type. */
enum {
    TY_I32 = 1u << IR_I32,
    TY_I64 = 1u << IR_I64,
    TY_F32 = 1u << IR_F32,
    TY_F64 = 1u << IR_F64,
    TY_V128 = 1u << IR_V128,
    TY_INT = TY_I32 | TY_I64,
    TY_FLOAT = TY_F32 | TY_F64,
    TY_SCALAR = TY_INT | TY_FLOAT,
    TY_ANY = TY_SCALAR | TY_V128,
};

/* Per label: placed yet, and reached by a branch from a reachable op. */
enum { LBL_PLACED = 1, LBL_REACHED = 2 };

struct ir_verifier {
    const struct ir_block *b;
    char *err;
    size_t errlen;
    uint32_t i;          /* the op being checked */
    bool reachable;      /* the current op can be reached */
    uint8_t *labels;     /* LBL_* per label */
};

static const char *const ir_verify_type_names[IR_NTYPES] = {
    "i32", "i64", "f32", "f64", "v128"};

static const char *ir_verify_set_name(unsigned set)
{
    switch (set) {
    case TY_INT: return "an integer type";
    case TY_FLOAT: return "a float type";
    case TY_SCALAR: return "a scalar type";
    case TY_ANY: return "any type";
    default:
        for (unsigned t = 0; t < IR_NTYPES; t++)
            if (set == 1u << t)
                return ir_verify_type_names[t];
        return "another type";
    }
}

static const char *ir_verify_type_name(unsigned t)
{
    return t < IR_NTYPES ? ir_verify_type_names[t] : "?";
}

/* Writes "op N (name): <message>" to err; always returns false. */
static bool ir_verify_fail(struct ir_verifier *v, const char *fmt, ...)
{
    unsigned opc = v->i < v->b->nops ? v->b->ops[v->i].opc : IR_NOPCS;
    int n = 0;
    va_list ap;

    if (!v->errlen)
        return false;
    if (v->i < v->b->nops)
        n = snprintf(v->err, v->errlen, "op %" PRIu32 " (%s): ", v->i,
                     opc < IR_NOPCS ? ir_op_defs[opc].name : "?");
    if (n < 0 || (size_t)n >= v->errlen)
        return false;
    va_start(ap, fmt);
    vsnprintf(v->err + n, v->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* Source args[slot] is a temp of the block whose type is in set. */
static bool ir_verify_src(struct ir_verifier *v, unsigned slot, unsigned set)
{
    ir_temp t = v->b->ops[v->i].args[slot];
    unsigned type;

    if (t == IR_NO_TEMP || t >= v->b->ntemps)
        return ir_verify_fail(v, "operand %u: temp t%" PRIu32
                              " out of range", slot, t);
    type = v->b->temps[t].type;
    if (!(set & 1u << type))
        return ir_verify_fail(v, "operand %u: t%" PRIu32 " is %s, expected %s",
                              slot, t, ir_verify_type_name(type),
                              ir_verify_set_name(set));
    return true;
}

/* Sources args[first..last] all of the types in set. */
static bool ir_verify_srcs(struct ir_verifier *v, unsigned first,
                           unsigned last, unsigned set)
{
    for (unsigned s = first; s <= last; s++)
        if (!ir_verify_src(v, s, set))
            return false;
    return true;
}

/* The result args[0]: a non-constant temp of the op's type, in set. */
static bool ir_verify_result(struct ir_verifier *v, unsigned set)
{
    const struct ir_op *op = &v->b->ops[v->i];
    ir_temp r = op->args[0];

    if (!(set & 1u << op->type))
        return ir_verify_fail(v, "op type %s, expected %s",
                              ir_verify_type_name(op->type),
                              ir_verify_set_name(set));
    if (r == IR_NO_TEMP || r >= v->b->ntemps)
        return ir_verify_fail(v, "result temp t%" PRIu32 " out of range", r);
    if (v->b->temps[r].is_const)
        return ir_verify_fail(v, "result t%" PRIu32 " is a constant", r);
    if (v->b->temps[r].type != op->type)
        return ir_verify_fail(v, "result t%" PRIu32 " is %s, op type %s", r,
                              ir_verify_type_name(v->b->temps[r].type),
                              ir_verify_type_name(op->type));
    return true;
}

/* A condition fits the compared type: integer conditions on integers,
 * float conditions on floats. */
static bool ir_verify_cond(struct ir_verifier *v, unsigned cond,
                           unsigned type)
{
    bool int_cond = cond <= IR_GTU;

    if (cond >= IR_NCONDS)
        return ir_verify_fail(v, "unknown condition %u", cond);
    if (type >= IR_NTYPES || !((int_cond ? TY_INT : TY_FLOAT) & 1u << type))
        return ir_verify_fail(v, "condition %u does not compare %s", cond,
                              ir_verify_type_name(type));
    return ir_verify_srcs(v, 1, 2, 1u << type);
}

/* imm = pos | len << 8 with 0 < len and pos + len <= width. */
static bool ir_verify_field(struct ir_verifier *v)
{
    const struct ir_op *op = &v->b->ops[v->i];
    uint64_t pos = op->imm & 0xff, len = op->imm >> 8;

    if (len == 0 || pos + len > ir_type_bits((enum ir_type)op->type))
        return ir_verify_fail(v, "bad field pos %" PRIu64 " len %" PRIu64,
                              pos, len);
    return true;
}

/* The access size fits the value type: V128 needs 16 bytes, floats their
 * own width without sign extension, integers at most their width. */
static bool ir_verify_memop(struct ir_verifier *v, bool allow_128)
{
    const struct ir_op *op = &v->b->ops[v->i];
    unsigned size = op->aux & IR_MO_SIZE, type = op->type;
    unsigned bits = 8u << size;
    bool ok;

    if (op->aux > 0xff || size > IR_MO_128 || (size == IR_MO_128 &&
                                               !allow_128))
        return ir_verify_fail(v, "bad memop 0x%" PRIx32, op->aux);
    if (type == IR_V128)
        ok = size == IR_MO_128 && !(op->aux & IR_MO_SIGN);
    else if (type == IR_F32 || type == IR_F64)
        ok = bits == ir_type_bits(type) && !(op->aux & IR_MO_SIGN);
    else
        ok = bits <= ir_type_bits(type);
    if (!ok)
        return ir_verify_fail(v, "memop 0x%" PRIx32 " does not fit %s",
                              op->aux, ir_verify_type_name(type));
    return true;
}

/* Lane size in aux (IR_MO_8..IR_MO_64) and, for lane ops, imm a lane. */
static bool ir_verify_lane(struct ir_verifier *v, bool has_index)
{
    const struct ir_op *op = &v->b->ops[v->i];

    if (op->aux > IR_MO_64)
        return ir_verify_fail(v, "bad lane size %" PRIu32, op->aux);
    if (has_index && op->imm >= 16u >> op->aux)
        return ir_verify_fail(v, "lane %" PRIu64 " out of range", op->imm);
    return true;
}

static bool ir_verify_bitcast(struct ir_verifier *v)
{
    static const unsigned partner[IR_NTYPES] = {
        [IR_I32] = TY_F32, [IR_F32] = TY_I32, [IR_I64] = TY_F64,
        [IR_F64] = TY_I64};

    return ir_verify_result(v, TY_SCALAR) &&
           ir_verify_src(v, 1, partner[v->b->ops[v->i].type]);
}

/* Conversions: aux names the source type, which must be in set. */
static bool ir_verify_convert(struct ir_verifier *v, unsigned rset,
                              unsigned set, uint64_t imm_ok)
{
    const struct ir_op *op = &v->b->ops[v->i];

    if (op->aux >= IR_NTYPES || !(set & 1u << op->aux))
        return ir_verify_fail(v, "source type %" PRIu32 " is not %s",
                              op->aux, ir_verify_set_name(set));
    if (op->imm & ~imm_ok)
        return ir_verify_fail(v, "bad conversion flags 0x%" PRIx64,
                              op->imm);
    if (op->opc == IR_FCVT_F2F && op->aux == op->type)
        return ir_verify_fail(v, "converts %s to itself",
                              ir_verify_type_name(op->type));
    return ir_verify_result(v, rset) && ir_verify_src(v, 1, 1u << op->aux);
}

/* IR_CALL: a helper, exactly its nargs arguments, its result type. */
static bool ir_verify_call(struct ir_verifier *v)
{
    const struct ir_op *op = &v->b->ops[v->i];
    const struct ir_helper *h = (const struct ir_helper *)(uintptr_t)op->imm;
    unsigned given = 0;

    if (!h || !h->fn || h->nargs > 4)
        return ir_verify_fail(v, "no valid helper");
    for (unsigned s = 1; s <= 4; s++)
        given += op->args[s] != IR_NO_TEMP;
    for (unsigned s = 1; s <= 4; s++)
        if ((s <= h->nargs) != (op->args[s] != IR_NO_TEMP))
            return ir_verify_fail(v, "helper %s takes %u arguments, given %u",
                                  h->name, (unsigned)h->nargs, given);
    if (h->nargs && !ir_verify_srcs(v, 1, h->nargs, TY_SCALAR))
        return false;
    if (h->result == IR_NTYPES) {
        if (op->args[0] != IR_NO_TEMP)
            return ir_verify_fail(v, "helper %s has no result", h->name);
        return true;
    }
    if (op->type != h->result)
        return ir_verify_fail(v, "helper %s returns %s, op type %s", h->name,
                              ir_verify_type_name(h->result),
                              ir_verify_type_name(op->type));
    return ir_verify_result(v, TY_SCALAR);
}

/* A branch to label l: it must exist and be placed later. A branch from
 * a reachable op makes the label reachable. */
static bool ir_verify_branch(struct ir_verifier *v, uint64_t l)
{
    if (l >= v->b->nlabels)
        return ir_verify_fail(v, "label L%" PRIu64 " out of range", l);
    if (v->labels[l] & LBL_PLACED)
        return ir_verify_fail(v, "branch back to L%" PRIu64
                              " (branches go forward only)", l);
    if (v->reachable)
        v->labels[l] |= LBL_REACHED;
    return true;
}

/* A goto's hints: a call or a return, not both; only a call has a link. */
static bool ir_verify_goto_hints(struct ir_verifier *v, uint32_t aux)
{
    uint32_t hints = aux & (IR_GOTO_CALL | IR_GOTO_RETURN);
    uint32_t low = (1u << IR_GOTO_LINK_SHIFT) - 1;

    if (aux & low & ~(uint32_t)(IR_GOTO_SLOT | IR_GOTO_CALL | IR_GOTO_RETURN))
        return ir_verify_fail(v, "unknown goto hint bits 0x%" PRIx32, aux);
    if (hints == (IR_GOTO_CALL | IR_GOTO_RETURN))
        return ir_verify_fail(v, "a goto is both a call and a return");
    if (!(hints & IR_GOTO_CALL) && aux >> IR_GOTO_LINK_SHIFT)
        return ir_verify_fail(v, "a goto that is not a call has a link");
    return true;
}

static bool ir_verify_label(struct ir_verifier *v, uint64_t l)
{
    if (l >= v->b->nlabels)
        return ir_verify_fail(v, "label L%" PRIu64 " out of range", l);
    if (v->labels[l] & LBL_PLACED)
        return ir_verify_fail(v, "label L%" PRIu64 " placed twice", l);
    v->labels[l] |= LBL_PLACED;
    v->reachable |= (v->labels[l] & LBL_REACHED) != 0;
    return true;
}

/* Labels, branches and exits; they also track reachability. */
static bool ir_verify_flow(struct ir_verifier *v, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_LABEL:
        return ir_verify_label(v, op->imm);
    case IR_BR:
        if (!ir_verify_branch(v, op->imm))
            return false;
        v->reachable = false;
        return true;
    case IR_BRCOND:
        return ir_verify_cond(v, op->cond, op->type) &&
               ir_verify_branch(v, op->imm);
    case IR_GOTO_PC:
        v->reachable = false;
        return ir_verify_goto_hints(v, op->aux);
    case IR_GOTO_PTR:
        v->reachable = false;
        if (op->aux & IR_GOTO_SLOT)
            return ir_verify_fail(v, "goto_ptr has a chain slot");
        return ir_verify_goto_hints(v, op->aux) &&
               ir_verify_src(v, 1, TY_I64);
    default: /* IR_EXIT */
        v->reachable = false;
        if (op->aux >= IR_NEXITS)
            return ir_verify_fail(v, "unknown exit reason %" PRIu32, op->aux);
        return true;
    }
}

/* Memory ops: an integer address, values of the op's type. */
static bool ir_verify_mem(struct ir_verifier *v, const struct ir_op *op)
{
    unsigned t = 1u << op->type;

    switch (op->opc) {
    case IR_LOAD:
        return ir_verify_result(v, TY_ANY) && ir_verify_src(v, 1, TY_INT) &&
               ir_verify_memop(v, true);
    case IR_STORE:
        return ir_verify_srcs(v, 1, 1, TY_INT) && ir_verify_src(v, 2, t) &&
               ir_verify_memop(v, true);
    case IR_CMPXCHG:
        return ir_verify_result(v, TY_INT) && ir_verify_src(v, 1, TY_INT) &&
               ir_verify_srcs(v, 2, 3, t) && ir_verify_memop(v, false);
    case IR_ATOMIC_RMW:
        if (op->cond >= IR_NRMWS)
            return ir_verify_fail(v, "unknown rmw operation %u", op->cond);
        return ir_verify_result(v, TY_INT) && ir_verify_src(v, 1, TY_INT) &&
               ir_verify_src(v, 2, t) && ir_verify_memop(v, false);
    default: /* IR_FENCE */
        return true;
    }
}

/* Floating-point ops other than conversions. */
static bool ir_verify_fp(struct ir_verifier *v, const struct ir_op *op)
{
    unsigned t = 1u << op->type;

    switch (op->opc) {
    case IR_FSQRT: case IR_FNEG: case IR_FABS:
        return ir_verify_result(v, TY_FLOAT) && ir_verify_src(v, 1, t);
    case IR_FMA:
        return ir_verify_result(v, TY_FLOAT) && ir_verify_srcs(v, 1, 3, t);
    case IR_FCMP:
        if (op->cond < IR_FEQ || op->cond > IR_FUNORD)
            return ir_verify_fail(v, "fcmp needs a float condition");
        if (op->imm & ~(uint64_t)IR_FCMP_QUIET)
            return ir_verify_fail(v, "unknown fcmp flags");
        return ir_verify_result(v, TY_INT) &&
               ir_verify_cond(v, op->cond, op->aux);
    case IR_FP_SETROUND:
        if (op->imm > IR_ROUND_ZERO)
            return ir_verify_fail(v, "unknown rounding mode %" PRIu64,
                                  op->imm);
        return true;
    case IR_FP_FLAGS:
        return ir_verify_result(v, TY_I32);
    case IR_FP_CLEARFLAGS:
        return true;
    default: /* IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV */
        return ir_verify_result(v, TY_FLOAT) && ir_verify_srcs(v, 1, 2, t);
    }
}

static bool ir_verify_vec(struct ir_verifier *v, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_VDUP:
        return ir_verify_result(v, TY_V128) && ir_verify_src(v, 1, TY_I64) &&
               ir_verify_lane(v, false);
    case IR_VGETLANE:
        return ir_verify_result(v, TY_I64) && ir_verify_src(v, 1, TY_V128) &&
               ir_verify_lane(v, true);
    case IR_VSETLANE:
        return ir_verify_result(v, TY_V128) &&
               ir_verify_src(v, 1, TY_V128) && ir_verify_src(v, 2, TY_INT) &&
               ir_verify_lane(v, true);
    default:
        return ir_verify_result(v, TY_V128) &&
               ir_verify_srcs(v, 1, 2, TY_V128) && ir_verify_lane(v, false);
    }
}

/* Integer ops and the type changes; one case per operand shape, hence
 * the length. */
static bool ir_verify_int(struct ir_verifier *v, const struct ir_op *op)
{
    unsigned t = 1u << op->type;

    switch (op->opc) {
    case IR_NEG: case IR_NOT: case IR_CLZ: case IR_CTZ: case IR_POPCNT:
    case IR_BSWAP:
        return ir_verify_result(v, TY_INT) && ir_verify_src(v, 1, t);
    case IR_EXTRACT: case IR_SEXTRACT:
        return ir_verify_result(v, TY_INT) && ir_verify_src(v, 1, t) &&
               ir_verify_field(v);
    case IR_DEPOSIT:
        return ir_verify_result(v, TY_INT) && ir_verify_srcs(v, 1, 2, t) &&
               ir_verify_field(v);
    case IR_SETCOND:
        return ir_verify_result(v, TY_INT) &&
               ir_verify_cond(v, op->cond, op->aux);
    case IR_SELECT:
        return ir_verify_result(v, TY_SCALAR) &&
               ir_verify_cond(v, op->cond, op->aux) &&
               ir_verify_srcs(v, 3, 4, t);
    case IR_ADDC_CARRY: case IR_ADDC_OVF:
        return ir_verify_result(v, TY_INT) && ir_verify_srcs(v, 1, 3, t);
    case IR_ZEXT: case IR_SEXT:
        return ir_verify_result(v, TY_I64) && ir_verify_src(v, 1, TY_I32);
    case IR_TRUNC:
        return ir_verify_result(v, TY_I32) && ir_verify_src(v, 1, TY_I64);
    case IR_BITCAST:
        return ir_verify_bitcast(v);
    default: /* binary ops, IR_ADD..IR_REMU */
        return ir_verify_result(v, TY_INT) && ir_verify_srcs(v, 1, 2, t);
    }
}

/* Routes an op to the checker of its family. */
static bool ir_verify_op(struct ir_verifier *v, const struct ir_op *op)
{
    if (op->opc >= IR_NOPCS)
        return ir_verify_fail(v, "unknown opcode %u", (unsigned)op->opc);
    if (op->type >= IR_NTYPES)
        return ir_verify_fail(v, "unknown type %u", (unsigned)op->type);
    if (op->opc == IR_MOV)
        return ir_verify_result(v, TY_ANY) &&
               ir_verify_src(v, 1, 1u << op->type);
    if (op->opc == IR_GET)
        return ir_verify_result(v, TY_ANY);
    if (op->opc == IR_SET)
        return ir_verify_src(v, 1, 1u << op->type);
    if (op->opc <= IR_BITCAST)
        return ir_verify_int(v, op);
    if (op->opc <= IR_FENCE)
        return ir_verify_mem(v, op);
    if (op->opc == IR_FCVT_F2I)
        return ir_verify_convert(v, TY_INT, TY_FLOAT,
                                 IR_CVT_UNSIGNED | IR_CVT_NAN_ZERO |
                                     IR_CVT_TRUNC);
    if (op->opc == IR_FCVT_I2F)
        return ir_verify_convert(v, TY_FLOAT, TY_INT, IR_CVT_UNSIGNED);
    if (op->opc == IR_FCVT_F2F)
        return ir_verify_convert(v, TY_FLOAT, TY_FLOAT, 0);
    if (op->opc <= IR_FP_CLEARFLAGS)
        return ir_verify_fp(v, op);
    if (op->opc <= IR_VSETLANE)
        return ir_verify_vec(v, op);
    if (op->opc == IR_CALL)
        return ir_verify_call(v);
    if (op->opc == IR_INSN_START || op->opc == IR_NOP)
        return true;
    return ir_verify_flow(v, op);
}

/* The temp table: known types, constants that fit their type. */
static bool ir_verify_temps(struct ir_verifier *v)
{
    for (uint32_t t = 1; t < v->b->ntemps; t++) {
        const struct ir_temp_info *ti = &v->b->temps[t];

        if (ti->type >= IR_NTYPES)
            return ir_verify_fail(v, "temp t%" PRIu32 " has unknown type %u",
                                  t, (unsigned)ti->type);
        if (ti->is_const && ti->type == IR_V128)
            return ir_verify_fail(v, "temp t%" PRIu32 " is a v128 constant",
                                  t);
        if (ti->is_const && ir_type_bits(ti->type) == 32 && ti->value >> 32)
            return ir_verify_fail(v, "constant t%" PRIu32 " does not fit %s",
                                  t, ir_verify_type_name(ti->type));
    }
    return true;
}

/* After the last op: every label placed, no path running off the end. */
static bool ir_verify_end(struct ir_verifier *v)
{
    for (uint32_t l = 0; l < v->b->nlabels; l++)
        if (!(v->labels[l] & LBL_PLACED))
            return ir_verify_fail(v, "label L%" PRIu32 " never placed", l);
    if (v->reachable)
        return ir_verify_fail(v, "block falls off its end without an exit");
    return true;
}

bool ir_verify(const struct ir_block *b, char *err, size_t errlen)
{
    struct ir_verifier v = {b, err, errlen, b->nops, true, NULL};
    bool ok;

    if (errlen)
        err[0] = '\0';
    if (b->ntemps == 0)
        return ir_verify_fail(&v, "no temp table");
    if (!ir_verify_temps(&v))
        return false;
    v.labels = calloc(b->nlabels ? b->nlabels : 1, 1);
    if (!v.labels)
        return ir_verify_fail(&v, "out of memory");
    ok = true;
    for (v.i = 0; ok && v.i < b->nops; v.i++)
        ok = ir_verify_op(&v, &b->ops[v.i]);
    if (ok) {
        v.i = b->nops;
        ok = ir_verify_end(&v);
    }
    free(v.labels);
    return ok;
}
