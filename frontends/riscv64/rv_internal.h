/* frontends/riscv64/rv_internal.h: what the riscv64 decoder's files share:
 * the decode context, decoded operands, the pattern tables (encodings as
 * data, one table per extension) and the IR helpers every trans_ file uses. */
#ifndef FERRY_FRONTENDS_RISCV64_RV_INTERNAL_H
#define FERRY_FRONTENDS_RISCV64_RV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/riscv64/riscv64.h"
#include "translator/ir.h"

#define RV_PAGE_SIZE 4096u

/* The decoded operands of one instruction. */
struct rv_args {
    unsigned rd, rs1, rs2, rs3;
    unsigned rm;  /* funct3 (rounding mode for F/D) */
    unsigned csr; /* 12-bit CSR number */
    bool aq, rl;
    int64_t imm;
};

/* A rounded computation: what an RMM helper call and the host IR op
 * compute. */
enum rv_fpop {
    RV_FPOP_ADD,
    RV_FPOP_SUB,
    RV_FPOP_MUL,
    RV_FPOP_DIV,
    RV_FPOP_SQRT,
    RV_FPOP_FMA, /* a * b + c, the signs already applied */
    RV_FPOP_F2I,
    RV_FPOP_I2F,
    RV_FPOP_F2F,
};

/* An operation that rounds: its inputs and how to compute it
 * (trans_fp_common.c). */
struct rv_fp_insn {
    enum rv_fpop op;
    enum ir_type type;  /* of the result */
    enum ir_type stype; /* of the first source */
    unsigned cvt;       /* enum ir_cvt, conversions only */
    bool neg_prod, neg_add; /* fused multiply-adds: negated a*b, c */
    ir_temp src[3];     /* filled by rv_fp_load */
};

struct rv_dc;

/* What an F/D instruction does with its computed value r (write rd, and
 * so on); src are the op's sources. */
typedef void rv_fp_finish_fn(struct rv_dc *dc, const struct rv_args *a,
                             const ir_temp *src, ir_temp r);

/* A dynamic-rm instruction's path for an frm other than RNE, which the
 * block's end places (rv_fp_place_slow): the straight path only tests
 * frm and branches there. */
struct rv_fp_slow {
    ir_label label;
    gva pc;
    unsigned len;
    struct rv_args args;
    struct rv_fp_insn in;
    rv_fp_finish_fn *fin;
};
#define RV_FP_SLOW_MAX 4

/* Decoding one instruction inside one block. */
#define RV_FETCH_WINDOW 128u

struct rv_dc {
    struct ir_block *ir;
    gva pc;            /* of the instruction being translated */
    unsigned len;      /* its length in bytes: 2 (RVC) or 4; next = pc+len */
    uint32_t insn;     /* its 32-bit form (an RVC one already expanded) */
    uint16_t cinsn;    /* the raw halfword when len == 2 */
    uint64_t features; /* enum rv_feature bits of the CPU model */
    bool ended;        /* the instruction ended the block (every path of
                          its IR exits): stop decoding */
    gva next_pc;       /* where decoding goes on: pc + len, or the target
                          of a jump rv_follow took */
    gva page;          /* the block's guest page */
    unsigned follows;  /* jumps and branches followed so far */
    bool side_exit;    /* a branch went on with its fall-through: when
                          taken it jumps to side_label, which the block's
                          end places, to leave for side_target */
    ir_label side_label;
    gva side_target;
    /* What the F/D code knows for the rest of the block (rv_fp.h). */
    bool frm_rne;      /* frm was tested to be RNE and not written since */
    ir_temp fpr[32];   /* the float temp f[r] holds, or IR_NO_TEMP */
    ir_temp fp_host;   /* the host's accrued flags, if no op may have
                          raised any since they were read */
    struct rv_fp_slow fp_slow[RV_FP_SLOW_MAX];
    unsigned fp_nslow;
    /* Guest code read ahead (rv_fetch): win_len bytes from win_pc, all
     * of them fetchable when read. One read per window instead of one
     * per instruction (each takes the address space's lock). */
    gva win_pc;
    unsigned win_len;
    uint8_t win[RV_FETCH_WINDOW];
};

/* How a pattern's operands sit in the instruction (RISC-V unpriv. spec
 * 2.2-2.3, base instruction formats and immediate encodings). */
enum rv_format {
    RV_FMT_NONE,  /* no operands (ecall, fence.i) */
    RV_FMT_R,     /* rd, rs1, rs2, rm = funct3 */
    RV_FMT_R4,    /* rd, rs1, rs2, rs3 = insn[31:27], rm = funct3 */
    RV_FMT_I,     /* rd, rs1, imm = sext(insn[31:20]) */
    RV_FMT_S,     /* rs1, rs2, imm = sext(insn[31:25] insn[11:7]) */
    RV_FMT_B,     /* rs1, rs2, imm = branch offset (multiple of 2) */
    RV_FMT_U,     /* rd, imm = sext(insn[31:12] << 12) */
    RV_FMT_J,     /* rd, imm = jump offset (multiple of 2) */
    RV_FMT_SH,    /* rd, rs1, imm = shamt insn[25:20] */
    RV_FMT_CSR,   /* rd, rs1 (register or 5-bit uimm), csr = insn[31:20] */
    RV_FMT_A,     /* rd, rs1, rs2, aq = insn[26], rl = insn[25] */
    RV_FMT_FENCE, /* rd, rs1, imm = fm:pred:succ = insn[31:20] */
};

/* Emits IR for one instruction; false means "not an instruction" (a
 * reserved encoding): the caller then emits an illegal-instruction exit. */
typedef bool rv_trans_fn(struct rv_dc *dc, const struct rv_args *a);

/* One instruction encoding: (insn & mask) == match. The operand string
 * tells the disassembler what to print after the name:
 *   d s t     rd rs1 rs2 as integer registers (ABI names)
 *   D S T R   rd rs1 rs2 rs3 as FP registers
 *   j         imm, signed decimal          u  imm >> 12, hex (lui/auipc)
 *   >         imm as a hex shift amount    p  pc + imm, hex (targets)
 *   E         the CSR by name              Z  rs1 as a 5-bit uimm
 *   P Q       fence predecessor / successor sets (imm bits 7:4 / 3:0)
 *   m         ",rm" unless rm is 7 (dynamic); "T,m" works the same
 *   anything else is printed as is: "d,o(s)" is written "d,j(s)".
 * An RV_FMT_A pattern's name gets its ".aq"/".rl"/".aqrl" suffix. */
struct rv_pattern {
    const char *name; /* objdump's mnemonic; NULL ends a table */
    uint32_t mask, match;
    enum rv_format format;
    uint64_t feature; /* enum rv_feature bits all needed, else illegal */
    rv_trans_fn *trans;
    const char *operands;
};

/* One table per extension, each ended by an entry with a NULL name. */
extern const struct rv_pattern rv_patterns_rvi[];
extern const struct rv_pattern rv_patterns_rvm[];
extern const struct rv_pattern rv_patterns_rva[];
extern const struct rv_pattern rv_patterns_rvf[];
extern const struct rv_pattern rv_patterns_rvd[];
extern const struct rv_pattern rv_patterns_zicsr[];
extern const struct rv_pattern rv_patterns_zifencei[];
extern const struct rv_pattern rv_patterns_zb[];
extern const struct rv_pattern rv_patterns_zicond[];

/* The tables decode.c searches, in order, ended by NULL (rv_tables.c). */
extern const struct rv_pattern *const rv_pattern_tables[];

/* Finds the pattern of a 32-bit instruction, ignoring features (the
 * disassembler shows every known instruction); NULL if none. */
const struct rv_pattern *rv_decode_lookup(uint32_t insn);
/* Extracts the operands of insn as format says. */
void rv_decode_args(uint32_t insn, enum rv_format format, struct rv_args *a);

/* Expands the 16-bit RVC instruction c to its 32-bit equivalent (RISC-V
 * unpriv. spec, "C" extension, RVC instruction set listings); returns 0
 * for reserved and illegal encodings (0 is never a valid 32-bit one).
 * Encodings whose expansion needs F/D are expanded anyway: the 32-bit
 * pattern then checks the feature (trans_rvc.c). */
uint32_t rv_expand_rvc(uint16_t c);

/* struct frontend.translate and .disas (decode.c). */
void rv_translate(struct ir_block *b, gva pc, uint64_t features,
                  const struct frontend_fetch *fetch, unsigned max_insns,
                  enum frontend_reach reach);
unsigned rv_disas(gva pc, const uint8_t *code, size_t len, char *out,
                  size_t outlen);

/* struct frontend_linux_abi.arch_syscall (rv_linux.c). */
long rv_arch_syscall(uint64_t nr, const uint64_t a[6],
                     const struct frontend_syscall_ctx *ctx);

/* --- IR helpers (decode.c) --------------------------------------------- */

/* x[r] as an I64 temp; the constant 0 for x0. */
ir_temp rv_gpr_get(struct rv_dc *dc, unsigned r);
/* x[r] = v (I64); a write to x0 is dropped. */
void rv_gpr_set(struct rv_dc *dc, unsigned r, ir_temp v);
/* x[r] = sign-extension of the I32 temp v (the *W instructions). */
void rv_gpr_set_sext32(struct rv_dc *dc, unsigned r, ir_temp v);
/* The low 32 bits of x[r] as an I32 temp. */
ir_temp rv_gpr_get32(struct rv_dc *dc, unsigned r);
/* An I64 / I32 constant. */
ir_temp rv_const64(struct rv_dc *dc, uint64_t v);
ir_temp rv_const32(struct rv_dc *dc, uint32_t v);
/* The exits below set dc->ended, so the block loop stops after the
 * instruction: use them only where every path of the instruction exits. */
/* Ends the path: continue at guest pc (chain slot 0 or 1). */
void rv_goto_pc(struct rv_dc *dc, unsigned slot, gva pc);
/* For an unconditional direct jump: true if the block goes on at target
 * instead of ending (decoding continues there), false to end it. */
bool rv_follow(struct rv_dc *dc, gva target);
/* For a conditional branch to target: true if the block goes on with its
 * fall-through, the branch jumping to *taken when taken; false to end
 * the block at the branch. */
bool rv_follow_branch(struct rv_dc *dc, gva target, ir_label *taken);
/* Ends the block with an illegal-instruction exit at dc->pc; returns true
 * so a trans_ function can `return rv_illegal(dc);`. */
bool rv_illegal(struct rv_dc *dc);
/* Ends the block with exit reason at dc->pc. */
void rv_exit(struct rv_dc *dc, enum ir_exit_reason reason);
/* Unless addr & mask is 0, the instruction exits IR_EXIT_MISALIGNED (at
 * dc->pc) before doing anything; its IR goes on after this. */
void rv_check_aligned(struct rv_dc *dc, ir_temp addr, uint64_t mask);
/* Whether a jump to target raises instruction-address-misaligned: only
 * without C, where IALIGN is 32 (unpriv. spec 1.5, 2.5). */
bool rv_target_misaligned(const struct rv_dc *dc, gva target);

/* Places the F/D paths for an frm other than RNE that the block branched
 * to (trans_fp_common.c); called once the block's main path has ended. */
void rv_fp_place_slow(struct rv_dc *dc);

/* --- disassembly (disas.c) --------------------------------------------- */

/* ABI names of the integer and FP registers. */
extern const char *const rv_gpr_names[32];
extern const char *const rv_fpr_names[32];

/* Prints the 32-bit instruction insn (or the RVC one it came from, len 2)
 * at pc into out, objdump style. */
void rv_disas_insn(gva pc, uint32_t insn, unsigned len, uint16_t raw16,
                   char *out, size_t outlen);

#endif
