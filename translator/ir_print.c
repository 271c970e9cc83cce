/* translator/ir_print.c: IR blocks as text, one op per line ("-d op"),
 * e.g. "  t5:i64 = add t3, $0x10". Robust against broken blocks, since
 * it is also how a block that fails ir_verify() gets shown. */
#include <inttypes.h>

#include "translator/ir.h"

static const char *const ir_type_names[IR_NTYPES] = {"i32", "i64", "f32",
                                                     "f64", "v128"};
static const char *const ir_cond_names[IR_NCONDS] = {
    "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
    "feq", "flt", "fle", "funord"};
static const char *const ir_rmw_names[IR_NRMWS] = {
    "xchg", "add", "and", "or", "xor", "smin", "smax", "umin", "umax"};
static const char *const ir_exit_names[IR_NEXITS] = {
    "syscall", "illegal", "breakpoint", "flush_code", "halt",
    "misaligned"};
static const char *const ir_round_names[] = {"nearest_even", "down", "up",
                                             "zero"};

struct ir_printer {
    const struct ir_block *b;
    const struct ir_state_namer *namer;
    FILE *f;
};

/* names[i], or "?" for a value out of the table. */
static const char *ir_name(const char *const *names, unsigned n, uint64_t i)
{
    return i < n ? names[i] : "?";
}

static const char *ir_type_name(unsigned t)
{
    return ir_name(ir_type_names, IR_NTYPES, t);
}

/* A source operand: a constant's value, a temp's name, or the bad index. */
static void ir_print_temp(const struct ir_printer *p, ir_temp t)
{
    if (t == IR_NO_TEMP || t >= p->b->ntemps)
        fprintf(p->f, "t%" PRIu32 "?", t);
    else if (p->b->temps[t].is_const)
        fprintf(p->f, "$0x%" PRIx64, p->b->temps[t].value);
    else
        fprintf(p->f, "t%" PRIu32, t);
}

/* Sources args[first..last], comma separated. */
static void ir_print_args(const struct ir_printer *p, const struct ir_op *op,
                          unsigned first, unsigned last)
{
    for (unsigned i = first; i <= last; i++) {
        fputs(i == first ? " " : ", ", p->f);
        ir_print_temp(p, op->args[i]);
    }
}

static void ir_print_state(const struct ir_printer *p, uint64_t offset)
{
    const char *name = NULL;

    if (p->namer && p->namer->name)
        name = p->namer->name((uint32_t)offset, p->namer->opaque);
    if (name)
        fprintf(p->f, " %s", name);
    else
        fprintf(p->f, " env+0x%" PRIx64, offset);
}

/* ".s32.acq": size and sign, then the attribute bits. */
static void ir_print_memop(const struct ir_printer *p, uint32_t memop)
{
    fprintf(p->f, ".%c%u", memop & IR_MO_SIGN ? 's' : 'u',
            8u << (memop & IR_MO_SIZE));
    if (memop & IR_MO_ALIGN)
        fputs(".align", p->f);
    if (memop & IR_MO_ACQ)
        fputs(".acq", p->f);
    if (memop & IR_MO_REL)
        fputs(".rel", p->f);
    if (memop & IR_MO_EXCL)
        fputs(".excl", p->f);
}

/* " [t3+0x10]": an address operand with its signed offset. */
static void ir_print_addr(const struct ir_printer *p, ir_temp a,
                          uint64_t imm)
{
    int64_t off = (int64_t)imm;

    fputs(" [", p->f);
    ir_print_temp(p, a);
    if (off > 0)
        fprintf(p->f, "+0x%" PRIx64, imm);
    else if (off < 0)
        fprintf(p->f, "-0x%" PRIx64, -imm);
    fputc(']', p->f);
}

static void ir_print_mem(const struct ir_printer *p, const struct ir_op *op,
                         const char *name)
{
    fputs(name, p->f);
    if (op->opc == IR_ATOMIC_RMW)
        fprintf(p->f, ".%s", ir_name(ir_rmw_names, IR_NRMWS, op->cond));
    ir_print_memop(p, op->aux);
    ir_print_addr(p, op->args[1], op->imm);
    if (op->opc == IR_LOAD)
        return;
    fputc(',', p->f);
    ir_print_args(p, op, 2, op->opc == IR_CMPXCHG ? 3 : 2);
}

/* "setcond.i64 lt t1, t2": the compared type, the condition, sources. */
static void ir_print_compare(const struct ir_printer *p,
                             const struct ir_op *op, const char *name,
                             unsigned type, unsigned nargs)
{
    fprintf(p->f, "%s.%s %s%s", name, ir_type_name(type),
            ir_name(ir_cond_names, IR_NCONDS, op->cond),
            op->opc == IR_FCMP && (op->imm & IR_FCMP_QUIET) ? ".q" : "");
    ir_print_args(p, op, 1, nargs);
    if (op->opc == IR_BRCOND)
        fprintf(p->f, ", L%" PRIu64, op->imm);
}

static void ir_print_fcvt(const struct ir_printer *p, const struct ir_op *op,
                          const char *name)
{
    fprintf(p->f, "%s.%s", name, ir_type_name(op->aux));
    ir_print_args(p, op, 1, 1);
    if (op->imm & IR_CVT_UNSIGNED)
        fputs(", unsigned", p->f);
    if (op->imm & IR_CVT_NAN_ZERO)
        fputs(", nan_zero", p->f);
    if (op->imm & IR_CVT_TRUNC)
        fputs(", trunc", p->f);
}

static void ir_print_vec(const struct ir_printer *p, const struct ir_op *op,
                         const char *name)
{
    fputs(name, p->f);
    if (op->opc != IR_VAND && op->opc != IR_VOR && op->opc != IR_VXOR)
        fprintf(p->f, ".e%u", 8u << (op->aux & IR_MO_SIZE));
    ir_print_args(p, op, 1, 1);
    if (op->opc == IR_VGETLANE || op->opc == IR_VSETLANE)
        fprintf(p->f, ", %" PRIu64, op->imm);
    if (op->opc != IR_VDUP && op->opc != IR_VGETLANE) {
        fputc(',', p->f);
        ir_print_args(p, op, 2, 2);
    }
}

static void ir_print_call(const struct ir_printer *p, const struct ir_op *op)
{
    const struct ir_helper *h = (const struct ir_helper *)(uintptr_t)op->imm;
    unsigned n = h && h->nargs <= 4 ? h->nargs : 0;

    fprintf(p->f, "call %s", h && h->name ? h->name : "?");
    if (n)
        ir_print_args(p, op, 1, n);
}

/* The control-flow and exit ops. */
static void ir_print_flow(const struct ir_printer *p, const struct ir_op *op,
                          const char *name)
{
    fputs(name, p->f);
    if (op->opc == IR_BR)
        fprintf(p->f, " L%" PRIu64, op->imm);
    else if (op->opc == IR_GOTO_PC)
        fprintf(p->f, " 0x%" PRIx64 ", slot %" PRIu32, op->imm,
                op->aux & IR_GOTO_SLOT);
    else if (op->opc == IR_GOTO_PTR)
        ir_print_args(p, op, 1, 1);
    if ((op->opc == IR_GOTO_PC || op->opc == IR_GOTO_PTR) &&
        (op->aux & IR_GOTO_CALL))
        fprintf(p->f, ", call links +0x%" PRIx32,
                op->aux >> IR_GOTO_LINK_SHIFT);
    else if ((op->opc == IR_GOTO_PC || op->opc == IR_GOTO_PTR) &&
             (op->aux & IR_GOTO_RETURN))
        fputs(", return", p->f);
    else if (op->opc == IR_EXIT)
        fprintf(p->f, " %s, 0x%" PRIx64,
                ir_name(ir_exit_names, IR_NEXITS, op->aux), op->imm);
}

/* Everything after "tN:type = ": the op's name, suffixes and operands;
 * one case per op shape, hence the length. */
static void ir_print_body(const struct ir_printer *p, const struct ir_op *op)
{
    const char *name = ir_op_defs[op->opc].name;

    switch (op->opc) {
    case IR_GET:
        fputs(name, p->f);
        ir_print_state(p, op->imm);
        return;
    case IR_SET:
        fputs(name, p->f);
        ir_print_state(p, op->imm);
        fputc(',', p->f);
        ir_print_args(p, op, 1, 1);
        return;
    case IR_EXTRACT: case IR_SEXTRACT: case IR_DEPOSIT:
        fputs(name, p->f);
        ir_print_args(p, op, 1, op->opc == IR_DEPOSIT ? 2 : 1);
        fprintf(p->f, ", %u, %u", (unsigned)(op->imm & 0xff),
                (unsigned)(op->imm >> 8 & 0xff));
        return;
    case IR_SETCOND: case IR_SELECT: case IR_FCMP:
        ir_print_compare(p, op, name, op->aux, op->opc == IR_SELECT ? 4 : 2);
        return;
    case IR_BRCOND:
        ir_print_compare(p, op, name, op->type, 2);
        return;
    case IR_LOAD: case IR_STORE: case IR_CMPXCHG: case IR_ATOMIC_RMW:
        ir_print_mem(p, op, name);
        return;
    case IR_FENCE:
        fputs(name, p->f);
        fputs(op->aux & IR_MO_ACQ ? ".acq" : "", p->f);
        fputs(op->aux & IR_MO_REL ? ".rel" : "", p->f);
        return;
    case IR_FCVT_F2I: case IR_FCVT_I2F: case IR_FCVT_F2F:
        ir_print_fcvt(p, op, name);
        return;
    case IR_FP_SETROUND:
        fprintf(p->f, "%s %s", name, ir_name(ir_round_names, 4, op->imm));
        return;
    case IR_VADD: case IR_VSUB: case IR_VAND: case IR_VOR: case IR_VXOR:
    case IR_VDUP: case IR_VGETLANE: case IR_VSETLANE:
        ir_print_vec(p, op, name);
        return;
    case IR_CALL:
        ir_print_call(p, op);
        return;
    case IR_BR: case IR_GOTO_PC: case IR_GOTO_PTR: case IR_EXIT:
        ir_print_flow(p, op, name);
        return;
    default:
        fputs(name, p->f);
        if ((ir_op_defs[op->opc].flags & IR_OPF_FLOAT) &&
            (op->imm & IR_FP_DEFAULT_NAN))
            fputs(".dn", p->f);
        if (ir_op_defs[op->opc].nargs)
            ir_print_args(p, op, 1, ir_op_defs[op->opc].nargs);
        return;
    }
}

static void ir_print_op(const struct ir_printer *p, const struct ir_op *op)
{
    if (op->opc >= IR_NOPCS) {
        fprintf(p->f, "  op%u?\n", (unsigned)op->opc);
        return;
    }
    if (op->opc == IR_INSN_START) {
        fprintf(p->f, "---- 0x%" PRIx64 "\n", op->imm);
        return;
    }
    if (op->opc == IR_LABEL) {
        fprintf(p->f, "L%" PRIu64 ":\n", op->imm);
        return;
    }
    fputs("  ", p->f);
    if (ir_op_defs[op->opc].nresults && op->args[0] != IR_NO_TEMP)
        fprintf(p->f, "t%" PRIu32 ":%s = ", op->args[0],
                ir_type_name(op->type));
    ir_print_body(p, op);
    fputc('\n', p->f);
}

void ir_print(const struct ir_block *b, const struct ir_state_namer *namer,
              FILE *f)
{
    struct ir_printer p = {b, namer, f};

    fprintf(f, "block 0x%" PRIx64 ":\n", b->pc);
    for (uint32_t i = 0; i < b->nops; i++)
        ir_print_op(&p, &b->ops[i]);
}
