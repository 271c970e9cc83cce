/* translator/ir_build.c: one function per kind of op, so frontends read
 * as sequences of calls and never fill struct ir_op by hand. */
#include "translator/ir.h"

/* Appends op opc of the given type with a fresh result temp. */
static struct ir_op *emit_r(struct ir_block *b, enum ir_opc opc,
                            enum ir_type type)
{
    ir_temp r = ir_new_temp(b, type);
    struct ir_op *op = ir_append(b, opc, type);

    op->args[0] = r;
    return op;
}

ir_temp ir_get(struct ir_block *b, enum ir_type type, uint32_t offset)
{
    struct ir_op *op = emit_r(b, IR_GET, type);

    op->imm = offset;
    return op->args[0];
}

void ir_set(struct ir_block *b, uint32_t offset, ir_temp v)
{
    struct ir_op *op = ir_append(b, IR_SET, ir_temp_type(b, v));

    op->args[1] = v;
    op->imm = offset;
}

void ir_mov(struct ir_block *b, ir_temp dst, ir_temp src)
{
    struct ir_op *op = ir_append(b, IR_MOV, ir_temp_type(b, dst));

    op->args[0] = dst;
    op->args[1] = src;
}

ir_temp ir_unop(struct ir_block *b, enum ir_opc opc, ir_temp a)
{
    struct ir_op *op = emit_r(b, opc, ir_temp_type(b, a));

    op->args[1] = a;
    return op->args[0];
}

ir_temp ir_binop(struct ir_block *b, enum ir_opc opc, ir_temp a, ir_temp c)
{
    struct ir_op *op = emit_r(b, opc, ir_temp_type(b, a));

    op->args[1] = a;
    op->args[2] = c;
    return op->args[0];
}

ir_temp ir_extract(struct ir_block *b, bool sign, ir_temp a, unsigned pos,
                   unsigned len)
{
    struct ir_op *op =
        emit_r(b, sign ? IR_SEXTRACT : IR_EXTRACT, ir_temp_type(b, a));

    op->args[1] = a;
    op->imm = pos | (uint64_t)len << 8;
    return op->args[0];
}

ir_temp ir_deposit(struct ir_block *b, ir_temp a, ir_temp v, unsigned pos,
                   unsigned len)
{
    ir_temp r = ir_binop(b, IR_DEPOSIT, a, v);

    b->ops[b->nops - 1].imm = pos | (uint64_t)len << 8;
    return r;
}

ir_temp ir_setcond(struct ir_block *b, enum ir_type type, enum ir_cond cond,
                   ir_temp a, ir_temp c)
{
    struct ir_op *op = emit_r(b, IR_SETCOND, type);

    op->cond = cond;
    op->aux = ir_temp_type(b, a);
    op->args[1] = a;
    op->args[2] = c;
    return op->args[0];
}

ir_temp ir_select(struct ir_block *b, enum ir_cond cond, ir_temp a,
                  ir_temp c, ir_temp if_true, ir_temp if_false)
{
    struct ir_op *op = emit_r(b, IR_SELECT, ir_temp_type(b, if_true));

    op->cond = cond;
    op->aux = ir_temp_type(b, a);
    op->args[1] = a;
    op->args[2] = c;
    op->args[3] = if_true;
    op->args[4] = if_false;
    return op->args[0];
}

ir_temp ir_addc(struct ir_block *b, enum ir_opc carry_or_ovf, ir_temp a,
                ir_temp c, ir_temp carry_in)
{
    struct ir_op *op = emit_r(b, carry_or_ovf, ir_temp_type(b, a));

    op->args[1] = a;
    op->args[2] = c;
    op->args[3] = carry_in;
    return op->args[0];
}

ir_temp ir_convert(struct ir_block *b, enum ir_opc opc, enum ir_type to,
                   ir_temp a)
{
    struct ir_op *op = emit_r(b, opc, to);

    op->aux = ir_temp_type(b, a);
    op->args[1] = a;
    return op->args[0];
}

ir_temp ir_load(struct ir_block *b, enum ir_type type, uint32_t memop,
                ir_temp addr, int64_t offset)
{
    struct ir_op *op = emit_r(b, IR_LOAD, type);

    op->aux = memop;
    op->args[1] = addr;
    op->imm = (uint64_t)offset;
    return op->args[0];
}

void ir_store(struct ir_block *b, uint32_t memop, ir_temp addr,
              int64_t offset, ir_temp v)
{
    struct ir_op *op = ir_append(b, IR_STORE, ir_temp_type(b, v));

    op->aux = memop;
    op->args[1] = addr;
    op->args[2] = v;
    op->imm = (uint64_t)offset;
}

ir_temp ir_cmpxchg(struct ir_block *b, uint32_t memop, ir_temp addr,
                   ir_temp expected, ir_temp desired)
{
    struct ir_op *op = emit_r(b, IR_CMPXCHG, ir_temp_type(b, expected));

    op->aux = memop;
    op->args[1] = addr;
    op->args[2] = expected;
    op->args[3] = desired;
    return op->args[0];
}

ir_temp ir_atomic_rmw(struct ir_block *b, enum ir_rmw rmw, uint32_t memop,
                      ir_temp addr, ir_temp v)
{
    struct ir_op *op = emit_r(b, IR_ATOMIC_RMW, ir_temp_type(b, v));

    op->cond = rmw;
    op->aux = memop;
    op->args[1] = addr;
    op->args[2] = v;
    return op->args[0];
}

void ir_fence(struct ir_block *b, uint32_t memop)
{
    ir_append(b, IR_FENCE, IR_I64)->aux = memop;
}

ir_temp ir_fma(struct ir_block *b, ir_temp a, ir_temp c, ir_temp d)
{
    struct ir_op *op = emit_r(b, IR_FMA, ir_temp_type(b, a));

    op->args[1] = a;
    op->args[2] = c;
    op->args[3] = d;
    return op->args[0];
}

ir_temp ir_fcmp(struct ir_block *b, enum ir_type type, enum ir_cond cond,
                ir_temp a, ir_temp c)
{
    struct ir_op *op = emit_r(b, IR_FCMP, type);

    op->cond = cond;
    op->aux = ir_temp_type(b, a);
    op->args[1] = a;
    op->args[2] = c;
    return op->args[0];
}

ir_temp ir_fcvt(struct ir_block *b, enum ir_opc opc, enum ir_type to,
                unsigned cvt_flags, ir_temp a)
{
    ir_temp r = ir_convert(b, opc, to, a);

    b->ops[b->nops - 1].imm = cvt_flags;
    return r;
}

void ir_fp_setround(struct ir_block *b, enum ir_round rm)
{
    ir_append(b, IR_FP_SETROUND, IR_I32)->imm = rm;
}

ir_temp ir_fp_flags(struct ir_block *b)
{
    return emit_r(b, IR_FP_FLAGS, IR_I32)->args[0];
}

void ir_fp_clearflags(struct ir_block *b)
{
    ir_append(b, IR_FP_CLEARFLAGS, IR_I32);
}

ir_temp ir_vbinop(struct ir_block *b, enum ir_opc opc, unsigned lane_mo,
                  ir_temp a, ir_temp c)
{
    ir_temp r = ir_binop(b, opc, a, c);

    b->ops[b->nops - 1].aux = lane_mo;
    return r;
}

ir_temp ir_vdup(struct ir_block *b, unsigned lane_mo, ir_temp a)
{
    struct ir_op *op = emit_r(b, IR_VDUP, IR_V128);

    op->aux = lane_mo;
    op->args[1] = a;
    return op->args[0];
}

ir_temp ir_vgetlane(struct ir_block *b, unsigned lane_mo, ir_temp a,
                    unsigned lane)
{
    struct ir_op *op = emit_r(b, IR_VGETLANE, IR_I64);

    op->aux = lane_mo;
    op->args[1] = a;
    op->imm = lane;
    return op->args[0];
}

ir_temp ir_vsetlane(struct ir_block *b, unsigned lane_mo, ir_temp a,
                    unsigned lane, ir_temp v)
{
    struct ir_op *op = emit_r(b, IR_VSETLANE, IR_V128);

    op->aux = lane_mo;
    op->args[1] = a;
    op->args[2] = v;
    op->imm = lane;
    return op->args[0];
}

ir_temp ir_call(struct ir_block *b, const struct ir_helper *h, ir_temp a,
                ir_temp c, ir_temp d, ir_temp e)
{
    bool has_result = h->result != IR_NTYPES;
    struct ir_op *op;
    ir_temp r = has_result ? ir_new_temp(b, h->result) : IR_NO_TEMP;

    op = ir_append(b, IR_CALL, has_result ? h->result : IR_I64);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = c;
    op->args[3] = d;
    op->args[4] = e;
    op->imm = (uint64_t)(uintptr_t)h;
    return r;
}

void ir_insn_start(struct ir_block *b, gva pc)
{
    ir_append(b, IR_INSN_START, IR_I64)->imm = pc;
    b->ninsns++;
}

void ir_set_label(struct ir_block *b, ir_label l)
{
    ir_append(b, IR_LABEL, IR_I64)->imm = l;
}

void ir_br(struct ir_block *b, ir_label l)
{
    ir_append(b, IR_BR, IR_I64)->imm = l;
}

void ir_brcond(struct ir_block *b, enum ir_cond cond, ir_temp a, ir_temp c,
               ir_label l)
{
    struct ir_op *op = ir_append(b, IR_BRCOND, ir_temp_type(b, a));

    op->cond = cond;
    op->args[1] = a;
    op->args[2] = c;
    op->imm = l;
}

void ir_goto_pc(struct ir_block *b, unsigned slot, gva pc)
{
    struct ir_op *op = ir_append(b, IR_GOTO_PC, IR_I64);

    op->aux = slot;
    op->imm = pc;
}

void ir_goto_ptr(struct ir_block *b, ir_temp pc)
{
    ir_append(b, IR_GOTO_PTR, IR_I64)->args[1] = pc;
}

/* A link too far from the block's pc for aux (never, for blocks that end
 * at a page) just goes without the hint. */
void ir_goto_mark(struct ir_block *b, enum ir_goto_aux hint, gva link)
{
    struct ir_op *op = b->nops ? &b->ops[b->nops - 1] : NULL;
    uint64_t off = link - b->pc;

    if (!op || (op->opc != IR_GOTO_PC && op->opc != IR_GOTO_PTR))
        return;
    if (hint == IR_GOTO_RETURN)
        op->aux |= IR_GOTO_RETURN;
    else if (hint == IR_GOTO_CALL &&
             off < (UINT64_C(1) << (32 - IR_GOTO_LINK_SHIFT)))
        op->aux |= IR_GOTO_CALL | (uint32_t)off << IR_GOTO_LINK_SHIFT;
}

void ir_exit(struct ir_block *b, enum ir_exit_reason reason, gva pc)
{
    struct ir_op *op = ir_append(b, IR_EXIT, IR_I64);

    op->aux = reason;
    op->imm = pc;
}
