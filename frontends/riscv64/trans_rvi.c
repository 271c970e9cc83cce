/* frontends/riscv64/trans_rvi.c: RV64I, the base integer instruction set
 * (RISC-V unpriv. spec chapters 2 and 4): encodings and one trans_
 * function per instruction. */
#include "frontends/riscv64/rv_internal.h"

/* --- register-register and register-immediate arithmetic --------------- */

static bool gen_arith(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get(dc, a->rs1),
                         rv_gpr_get(dc, a->rs2));

    rv_gpr_set(dc, a->rd, r);
    return true;
}

static bool gen_arith_imm(struct rv_dc *dc, const struct rv_args *a,
                          enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get(dc, a->rs1),
                         rv_const64(dc, (uint64_t)a->imm));

    rv_gpr_set(dc, a->rd, r);
    return true;
}

/* The *W forms: 32-bit operation, result sign-extended (spec 4.2). */
static bool gen_arith_w(struct rv_dc *dc, const struct rv_args *a,
                        enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get32(dc, a->rs1),
                         rv_gpr_get32(dc, a->rs2));

    rv_gpr_set_sext32(dc, a->rd, r);
    return true;
}

static bool gen_arith_imm_w(struct rv_dc *dc, const struct rv_args *a,
                            enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get32(dc, a->rs1),
                         rv_const32(dc, (uint32_t)a->imm));

    rv_gpr_set_sext32(dc, a->rd, r);
    return true;
}

static bool gen_setcond(struct rv_dc *dc, unsigned rd, enum ir_cond c,
                        ir_temp x, ir_temp y)
{
    rv_gpr_set(dc, rd, ir_setcond(dc->ir, IR_I64, c, x, y));
    return true;
}

#define RV_TRANS(name, gen, arg)                                          \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, arg);                                           \
    }

RV_TRANS(add, gen_arith, IR_ADD)
RV_TRANS(sub, gen_arith, IR_SUB)
RV_TRANS(sll, gen_arith, IR_SHL)
RV_TRANS(srl, gen_arith, IR_SHR)
RV_TRANS(sra, gen_arith, IR_SAR)
RV_TRANS(xor, gen_arith, IR_XOR)
RV_TRANS(or, gen_arith, IR_OR)
RV_TRANS(and, gen_arith, IR_AND)
RV_TRANS(addi, gen_arith_imm, IR_ADD)
RV_TRANS(xori, gen_arith_imm, IR_XOR)
RV_TRANS(ori, gen_arith_imm, IR_OR)
RV_TRANS(andi, gen_arith_imm, IR_AND)
RV_TRANS(slli, gen_arith_imm, IR_SHL)
RV_TRANS(srli, gen_arith_imm, IR_SHR)
RV_TRANS(srai, gen_arith_imm, IR_SAR)
RV_TRANS(addw, gen_arith_w, IR_ADD)
RV_TRANS(subw, gen_arith_w, IR_SUB)
RV_TRANS(sllw, gen_arith_w, IR_SHL)
RV_TRANS(srlw, gen_arith_w, IR_SHR)
RV_TRANS(sraw, gen_arith_w, IR_SAR)
RV_TRANS(addiw, gen_arith_imm_w, IR_ADD)
RV_TRANS(slliw, gen_arith_imm_w, IR_SHL)
RV_TRANS(srliw, gen_arith_imm_w, IR_SHR)
RV_TRANS(sraiw, gen_arith_imm_w, IR_SAR)

static bool trans_slt(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_setcond(dc, a->rd, IR_LT, rv_gpr_get(dc, a->rs1),
                       rv_gpr_get(dc, a->rs2));
}

static bool trans_sltu(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_setcond(dc, a->rd, IR_LTU, rv_gpr_get(dc, a->rs1),
                       rv_gpr_get(dc, a->rs2));
}

static bool trans_slti(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_setcond(dc, a->rd, IR_LT, rv_gpr_get(dc, a->rs1),
                       rv_const64(dc, (uint64_t)a->imm));
}

/* sltiu compares with the sign-extended immediate as unsigned (2.4.1). */
static bool trans_sltiu(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_setcond(dc, a->rd, IR_LTU, rv_gpr_get(dc, a->rs1),
                       rv_const64(dc, (uint64_t)a->imm));
}

static bool trans_lui(struct rv_dc *dc, const struct rv_args *a)
{
    rv_gpr_set(dc, a->rd, rv_const64(dc, (uint64_t)a->imm));
    return true;
}

static bool trans_auipc(struct rv_dc *dc, const struct rv_args *a)
{
    rv_gpr_set(dc, a->rd, rv_const64(dc, dc->pc + (uint64_t)a->imm));
    return true;
}

/* --- control transfer (2.5) ---------------------------------------------- */

/* x1 and x5 are link registers: the unprivileged spec's return-address
 * stack hints (2.5.1) make a jump writing one a call, and a jalr reading
 * one (and writing neither) a return. */
static bool rv_is_link(unsigned r)
{
    return r == 1 || r == 5;
}

/* Without C, a jump or taken branch to a target that is not 4-byte
 * aligned raises instruction-address-misaligned on the jump itself, which
 * then writes no register (2.5). */
static bool trans_jal(struct rv_dc *dc, const struct rv_args *a)
{
    gva target = dc->pc + (uint64_t)a->imm;

    if (rv_target_misaligned(dc, target)) {
        rv_exit(dc, IR_EXIT_MISALIGNED);
        return true;
    }
    rv_gpr_set(dc, a->rd, rv_const64(dc, dc->pc + dc->len));
    if (a->rd == 0 && rv_follow(dc, target))
        return true;
    rv_goto_pc(dc, 0, target);
    if (rv_is_link(a->rd))
        ir_goto_mark(dc->ir, IR_GOTO_CALL, dc->pc + dc->len);
    return true;
}

/* The target is computed before rd is written (rd may be rs1), and its
 * low bit is cleared. */
static bool trans_jalr(struct rv_dc *dc, const struct rv_args *a)
{
    ir_temp t = ir_binop(dc->ir, IR_ADD, rv_gpr_get(dc, a->rs1),
                         rv_const64(dc, (uint64_t)a->imm));

    t = ir_binop(dc->ir, IR_AND, t, rv_const64(dc, ~(uint64_t)1));
    if (!(dc->features & RV_F_C))
        rv_check_aligned(dc, t, 2);
    rv_gpr_set(dc, a->rd, rv_const64(dc, dc->pc + dc->len));
    ir_goto_ptr(dc->ir, t);
    if (rv_is_link(a->rd))
        ir_goto_mark(dc->ir, IR_GOTO_CALL, dc->pc + dc->len);
    else if (rv_is_link(a->rs1))
        ir_goto_mark(dc->ir, IR_GOTO_RETURN, 0);
    dc->ended = true;
    return true;
}

_Static_assert((IR_EQ ^ 1) == IR_NE && (IR_LT ^ 1) == IR_GE &&
                   (IR_LTU ^ 1) == IR_GEU,
               "gen_branch negates a branch condition with ^ 1");

static bool gen_branch(struct rv_dc *dc, const struct rv_args *a,
                       enum ir_cond c)
{
    gva target = dc->pc + (uint64_t)a->imm;
    ir_label taken;

    if (!rv_target_misaligned(dc, target) &&
        rv_follow_branch(dc, target, &taken)) {
        ir_brcond(dc->ir, c, rv_gpr_get(dc, a->rs1), rv_gpr_get(dc, a->rs2),
                  taken);
        return true;
    }
    if (target == dc->ir->pc && !rv_target_misaligned(dc, target)) {
        /* A loop's jump back goes first, reached by falling through: the
         * JIT's loop (x64_loop.c) then takes one jump per round, not two.
         * Integer conditions come in pairs, each the other's negation. */
        ir_label out = ir_new_label(dc->ir);

        ir_brcond(dc->ir, (enum ir_cond)(c ^ 1), rv_gpr_get(dc, a->rs1),
                  rv_gpr_get(dc, a->rs2), out);
        rv_goto_pc(dc, 1, target);
        ir_set_label(dc->ir, out);
        rv_goto_pc(dc, 0, dc->pc + dc->len);
        return true;
    }
    taken = ir_new_label(dc->ir);
    ir_brcond(dc->ir, c, rv_gpr_get(dc, a->rs1), rv_gpr_get(dc, a->rs2),
              taken);
    rv_goto_pc(dc, 0, dc->pc + dc->len);
    ir_set_label(dc->ir, taken);
    if (rv_target_misaligned(dc, target))
        rv_exit(dc, IR_EXIT_MISALIGNED);
    else
        rv_goto_pc(dc, 1, target);
    return true;
}

RV_TRANS(beq, gen_branch, IR_EQ)
RV_TRANS(bne, gen_branch, IR_NE)
RV_TRANS(blt, gen_branch, IR_LT)
RV_TRANS(bge, gen_branch, IR_GE)
RV_TRANS(bltu, gen_branch, IR_LTU)
RV_TRANS(bgeu, gen_branch, IR_GEU)

/* --- loads and stores (2.6); misaligned ones are allowed in user mode -- */

static bool gen_load(struct rv_dc *dc, const struct rv_args *a,
                     unsigned memop)
{
    ir_temp v = ir_load(dc->ir, IR_I64, memop, rv_gpr_get(dc, a->rs1),
                        a->imm);

    rv_gpr_set(dc, a->rd, v);
    return true;
}

static bool gen_store(struct rv_dc *dc, const struct rv_args *a,
                      unsigned memop)
{
    ir_store(dc->ir, memop, rv_gpr_get(dc, a->rs1), a->imm,
             rv_gpr_get(dc, a->rs2));
    return true;
}

RV_TRANS(lb, gen_load, IR_MO_8 | IR_MO_SIGN)
RV_TRANS(lh, gen_load, IR_MO_16 | IR_MO_SIGN)
RV_TRANS(lw, gen_load, IR_MO_32 | IR_MO_SIGN)
RV_TRANS(ld, gen_load, IR_MO_64)
RV_TRANS(lbu, gen_load, IR_MO_8)
RV_TRANS(lhu, gen_load, IR_MO_16)
RV_TRANS(lwu, gen_load, IR_MO_32)
RV_TRANS(sb, gen_store, IR_MO_8)
RV_TRANS(sh, gen_store, IR_MO_16)
RV_TRANS(sw, gen_store, IR_MO_32)
RV_TRANS(sd, gen_store, IR_MO_64)

/* --- memory ordering and environment calls (2.7, 2.8) ------------------ */

enum { RV_FENCE_W = 1, RV_FENCE_R = 2, RV_FENCE_O = 4, RV_FENCE_I = 8 };

/* fence pred,succ, in C11 fences (device input/output count as reads and
 * writes): ordering earlier writes before later reads needs a full
 * barrier; otherwise earlier reads only need an acquire fence, and
 * earlier writes (later accesses then being writes) a release fence. So
 * fence r,rw and fence rw,w, the common ones, cost nothing on a TSO host.
 * The fm and register fields are ignored as the spec asks (2.7). */
static bool trans_fence(struct rv_dc *dc, const struct rv_args *a)
{
    unsigned pred = (unsigned)a->imm >> 4 & 15, succ = (unsigned)a->imm & 15;
    bool pred_w = pred & (RV_FENCE_W | RV_FENCE_O);
    bool succ_r = succ & (RV_FENCE_R | RV_FENCE_I);

    if (!pred || !succ)
        return true; /* orders nothing */
    if (pred_w && succ_r)
        ir_fence(dc->ir, IR_MO_ACQ | IR_MO_REL);
    else
        ir_fence(dc->ir, pred_w ? IR_MO_REL : IR_MO_ACQ);
    return true;
}

/* fence.tso orders reads before reads and writes, and writes before
 * writes, but not writes before reads: an acquire and a release fence. */
static bool trans_fence_tso(struct rv_dc *dc, const struct rv_args *a)
{
    (void)a;
    ir_fence(dc->ir, IR_MO_ACQ);
    ir_fence(dc->ir, IR_MO_REL);
    return true;
}

/* Zihintpause: a fence hint that orders nothing; nothing to emit. */
static bool trans_pause(struct rv_dc *dc, const struct rv_args *a)
{
    (void)dc;
    (void)a;
    return true;
}

static bool trans_ecall(struct rv_dc *dc, const struct rv_args *a)
{
    (void)a;
    rv_exit(dc, IR_EXIT_SYSCALL);
    return true;
}

static bool trans_ebreak(struct rv_dc *dc, const struct rv_args *a)
{
    (void)a;
    rv_exit(dc, IR_EXIT_BREAKPOINT);
    return true;
}

/* --- encodings ------------------------------------------------------------ */

#define M_OP 0x0000007fu  /* opcode */
#define M_F3 0x0000707fu  /* opcode, funct3 */
#define M_F6 0xfc00707fu  /* opcode, funct3, funct6 (RV64 shifts) */
#define M_F7 0xfe00707fu  /* opcode, funct3, funct7 */
#define M_ALL 0xffffffffu

#define I(n, mask, match, fmt, ops)                                       \
    {#n, mask, match, RV_FMT_##fmt, RV_F_I, trans_##n, ops}

const struct rv_pattern rv_patterns_rvi[] = {
    I(lui, M_OP, 0x37, U, "d,u"),
    I(auipc, M_OP, 0x17, U, "d,u"),
    I(jal, M_OP, 0x6f, J, "d,p"),
    I(jalr, M_F3, 0x67, I, "d,j(s)"),
    I(beq, M_F3, 0x0063, B, "s,t,p"),
    I(bne, M_F3, 0x1063, B, "s,t,p"),
    I(blt, M_F3, 0x4063, B, "s,t,p"),
    I(bge, M_F3, 0x5063, B, "s,t,p"),
    I(bltu, M_F3, 0x6063, B, "s,t,p"),
    I(bgeu, M_F3, 0x7063, B, "s,t,p"),
    I(lb, M_F3, 0x0003, I, "d,j(s)"),
    I(lh, M_F3, 0x1003, I, "d,j(s)"),
    I(lw, M_F3, 0x2003, I, "d,j(s)"),
    I(ld, M_F3, 0x3003, I, "d,j(s)"),
    I(lbu, M_F3, 0x4003, I, "d,j(s)"),
    I(lhu, M_F3, 0x5003, I, "d,j(s)"),
    I(lwu, M_F3, 0x6003, I, "d,j(s)"),
    I(sb, M_F3, 0x0023, S, "t,j(s)"),
    I(sh, M_F3, 0x1023, S, "t,j(s)"),
    I(sw, M_F3, 0x2023, S, "t,j(s)"),
    I(sd, M_F3, 0x3023, S, "t,j(s)"),
    I(addi, M_F3, 0x0013, I, "d,s,j"),
    I(slti, M_F3, 0x2013, I, "d,s,j"),
    I(sltiu, M_F3, 0x3013, I, "d,s,j"),
    I(xori, M_F3, 0x4013, I, "d,s,j"),
    I(ori, M_F3, 0x6013, I, "d,s,j"),
    I(andi, M_F3, 0x7013, I, "d,s,j"),
    I(slli, M_F6, 0x1013, SH, "d,s,>"),
    I(srli, M_F6, 0x5013, SH, "d,s,>"),
    I(srai, M_F6, 0x40005013, SH, "d,s,>"),
    I(add, M_F7, 0x0033, R, "d,s,t"),
    I(sub, M_F7, 0x40000033, R, "d,s,t"),
    I(sll, M_F7, 0x1033, R, "d,s,t"),
    I(slt, M_F7, 0x2033, R, "d,s,t"),
    I(sltu, M_F7, 0x3033, R, "d,s,t"),
    I(xor, M_F7, 0x4033, R, "d,s,t"),
    I(srl, M_F7, 0x5033, R, "d,s,t"),
    I(sra, M_F7, 0x40005033, R, "d,s,t"),
    I(or, M_F7, 0x6033, R, "d,s,t"),
    I(and, M_F7, 0x7033, R, "d,s,t"),
    I(addiw, M_F3, 0x001b, I, "d,s,j"),
    I(slliw, M_F7, 0x101b, SH, "d,s,>"),
    I(srliw, M_F7, 0x501b, SH, "d,s,>"),
    I(sraiw, M_F7, 0x4000501b, SH, "d,s,>"),
    I(addw, M_F7, 0x003b, R, "d,s,t"),
    I(subw, M_F7, 0x4000003b, R, "d,s,t"),
    I(sllw, M_F7, 0x103b, R, "d,s,t"),
    I(srlw, M_F7, 0x503b, R, "d,s,t"),
    I(sraw, M_F7, 0x4000503b, R, "d,s,t"),
    /* pause before fence: it is one of fence's encodings (a HINT); with
     * Zihintpause off, fence decodes it. */
    {"pause", M_ALL, 0x0100000f, RV_FMT_FENCE, RV_F_I | RV_F_ZIHINTPAUSE,
     trans_pause, ""},
    {"fence.tso", 0xfff0707fu, 0x8330000f, RV_FMT_FENCE, RV_F_I,
     trans_fence_tso, ""},
    I(fence, M_F3, 0x000f, FENCE, "P,Q"),
    I(ecall, M_ALL, 0x00000073, NONE, ""),
    I(ebreak, M_ALL, 0x00100073, NONE, ""),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
