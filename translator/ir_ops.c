/* translator/ir_ops.c: the table of IR ops: name, operand counts, effects.
 * The printer, the verifier and the optimizer all read it. */
#include "translator/ir.h"

#define PURE1(n) {n, 1, 1, 0}
#define PURE2(n) {n, 1, 2, 0}
#define FP(n, nargs) {n, 1, nargs, IR_OPF_FLOAT}

enum {
    MEM = IR_OPF_MEMORY | IR_OPF_MAY_FAULT | IR_OPF_SIDE_EFFECT,
    EXIT = IR_OPF_EXIT | IR_OPF_SIDE_EFFECT,
};

const struct ir_op_def ir_op_defs[IR_NOPCS] = {
    [IR_MOV] = PURE1("mov"),
    [IR_GET] = {"get", 1, 0, 0},
    [IR_SET] = {"set", 0, 1, IR_OPF_SIDE_EFFECT},
    [IR_ADD] = PURE2("add"),
    [IR_SUB] = PURE2("sub"),
    [IR_MUL] = PURE2("mul"),
    [IR_NEG] = PURE1("neg"),
    [IR_AND] = PURE2("and"),
    [IR_OR] = PURE2("or"),
    [IR_XOR] = PURE2("xor"),
    [IR_NOT] = PURE1("not"),
    [IR_ANDC] = PURE2("andc"),
    [IR_SHL] = PURE2("shl"),
    [IR_SHR] = PURE2("shr"),
    [IR_SAR] = PURE2("sar"),
    [IR_ROTL] = PURE2("rotl"),
    [IR_ROTR] = PURE2("rotr"),
    [IR_MULHS] = PURE2("mulhs"),
    [IR_MULHU] = PURE2("mulhu"),
    [IR_MULHSU] = PURE2("mulhsu"),
    [IR_DIVS] = PURE2("divs"),
    [IR_DIVU] = PURE2("divu"),
    [IR_REMS] = PURE2("rems"),
    [IR_REMU] = PURE2("remu"),
    [IR_CLZ] = PURE1("clz"),
    [IR_CTZ] = PURE1("ctz"),
    [IR_POPCNT] = PURE1("popcnt"),
    [IR_BSWAP] = PURE1("bswap"),
    [IR_EXTRACT] = PURE1("extract"),
    [IR_SEXTRACT] = PURE1("sextract"),
    [IR_DEPOSIT] = PURE2("deposit"),
    [IR_SETCOND] = PURE2("setcond"),
    [IR_SELECT] = {"select", 1, 4, 0},
    [IR_ADDC_CARRY] = {"addc_carry", 1, 3, 0},
    [IR_ADDC_OVF] = {"addc_ovf", 1, 3, 0},
    [IR_ZEXT] = PURE1("zext"),
    [IR_SEXT] = PURE1("sext"),
    [IR_TRUNC] = PURE1("trunc"),
    [IR_BITCAST] = PURE1("bitcast"),
    /* A load whose value is unused still faults where the guest would. */
    [IR_LOAD] = {"load", 1, 1, MEM},
    [IR_STORE] = {"store", 0, 2, MEM},
    [IR_CMPXCHG] = {"cmpxchg", 1, 3, MEM},
    [IR_ATOMIC_RMW] = {"atomic_rmw", 1, 2, MEM},
    [IR_FENCE] = {"fence", 0, 0, IR_OPF_SIDE_EFFECT | IR_OPF_MEMORY},
    [IR_FADD] = FP("fadd", 2),
    [IR_FSUB] = FP("fsub", 2),
    [IR_FMUL] = FP("fmul", 2),
    [IR_FDIV] = FP("fdiv", 2),
    [IR_FSQRT] = FP("fsqrt", 1),
    [IR_FMA] = FP("fma", 3),
    [IR_FNEG] = PURE1("fneg"),
    [IR_FABS] = PURE1("fabs"),
    [IR_FCMP] = FP("fcmp", 2),
    [IR_FCVT_F2I] = FP("fcvt_f2i", 1),
    [IR_FCVT_I2F] = FP("fcvt_i2f", 1),
    [IR_FCVT_F2F] = FP("fcvt_f2f", 1),
    [IR_FP_SETROUND] = {"fp_setround", 0, 0,
                        IR_OPF_FLOAT | IR_OPF_SIDE_EFFECT},
    [IR_FP_FLAGS] = {"fp_flags", 1, 0, IR_OPF_FLOAT},
    [IR_FP_CLEARFLAGS] = {"fp_clearflags", 0, 0,
                          IR_OPF_FLOAT | IR_OPF_SIDE_EFFECT},
    [IR_VADD] = PURE2("vadd"),
    [IR_VSUB] = PURE2("vsub"),
    [IR_VAND] = PURE2("vand"),
    [IR_VOR] = PURE2("vor"),
    [IR_VXOR] = PURE2("vxor"),
    [IR_VDUP] = PURE1("vdup"),
    [IR_VGETLANE] = PURE1("vgetlane"),
    [IR_VSETLANE] = PURE2("vsetlane"),
    /* A call's real effects come from its helper's flags; this is the
     * worst case, which ir_op_flags() narrows. */
    [IR_CALL] = {"call", 1, 4,
                 IR_OPF_SIDE_EFFECT | IR_OPF_MAY_FAULT | IR_OPF_READS_STATE |
                     IR_OPF_WRITES_STATE},
    [IR_INSN_START] = {"insn_start", 0, 0, IR_OPF_SIDE_EFFECT},
    [IR_LABEL] = {"label", 0, 0, IR_OPF_SIDE_EFFECT},
    [IR_BR] = {"br", 0, 0, IR_OPF_SIDE_EFFECT | IR_OPF_BRANCH},
    [IR_BRCOND] = {"brcond", 0, 2, IR_OPF_SIDE_EFFECT | IR_OPF_BRANCH},
    [IR_GOTO_PC] = {"goto_pc", 0, 0, EXIT},
    [IR_GOTO_PTR] = {"goto_ptr", 0, 1, EXIT},
    [IR_EXIT] = {"exit", 0, 0, EXIT},
    [IR_NOP] = {"nop", 0, 0, 0},
};

unsigned ir_op_flags(const struct ir_op *op)
{
    const struct ir_helper *h;
    unsigned f;

    if (op->opc != IR_CALL)
        return ir_op_defs[op->opc].flags;
    h = (const struct ir_helper *)(uintptr_t)op->imm;
    if (h->flags & IR_HELPER_PURE)
        return 0;
    f = IR_OPF_SIDE_EFFECT;
    if (h->flags & IR_HELPER_READS_STATE)
        f |= IR_OPF_READS_STATE;
    if (h->flags & IR_HELPER_WRITES_STATE)
        f |= IR_OPF_WRITES_STATE;
    if (h->flags & IR_HELPER_MAY_FAULT)
        f |= IR_OPF_MAY_FAULT | IR_OPF_READS_STATE;
    return f;
}
