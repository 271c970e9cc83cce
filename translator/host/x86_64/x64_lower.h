/* translator/host/x86_64/x64_lower.h: what the back end's passes share: the
 * compilation context, where each temp lives, operand legalization helpers
 * (x64_operand.c) and the per-family lowering entry points. */
#ifndef FERRY_X64_LOWER_H
#define FERRY_X64_LOWER_H

#include "hostabi/hostabi.h"
#include "translator/host/host.h"
#include "translator/host/x86_64/x64_emit.h"
#include "translator/ir.h"

/* Guest registers a block may hold in host ones (x64_loop.c): the pinned
 * one and up to three a loop keeps. */
#define X64_NHELD 4

/* Where a temp lives for its whole live range (x64_regalloc.c). */
enum x64_loc_kind {
    X64_LOC_NONE,  /* never used */
    X64_LOC_CONST, /* a constant: materialized at each use */
    X64_LOC_REG,   /* reg (general or XMM) */
    X64_LOC_STACK, /* spill slot */
    X64_LOC_ENV,   /* read where used from the CPU state at offset `slot`
                      (an IR_GET whose one use sees the same value) */
};

struct x64_loc {
    uint8_t kind;
    uint8_t reg;
    uint16_t slot;
};

struct x64_fixup {
    size_t field;   /* rel32 field of a jump */
    uint32_t label;
};

/* An out-of-line path of a guest access's bounds check (x64_lower_mem.c):
 * where its "ja" jumps from, where it goes back to, the access size. */
struct x64_cold_check {
    size_t field;
    size_t back;
    uint8_t size, bias;
};

/* An address whose bounds check passed on every path to the current op:
 * temp t plus offset off, checked at op index at (x64_lower_mem.c). */
struct x64_checked {
    ir_temp t;
    int64_t off;
    uint32_t at;
};
#define X64_NCHECKED 8

struct x64_ctx {
    struct x64_asm a;
    const struct ir_block *b;
    const struct host_cpu_features *cpu;
    struct x64_loc *locs; /* per temp */
    uint32_t *temp_end;   /* per temp: op index of its last mention, or
                             later (x64_regalloc; 0 if never mentioned) */
    size_t *label_pos;    /* per label; SIZE_MAX until placed */
    struct x64_fixup *fixups;
    size_t nfixups, fixups_cap;
    struct host_block_info *info;
    uint32_t insn_index;
    struct x64_cold_check *cold;
    size_t ncold, cold_cap;
    bool chain_seen[IR_NSLOTS]; /* a GOTO_PC of this slot was lowered */
    uint32_t op_index;    /* of the op being lowered */
    const uint32_t *label_first_branch; /* per label: op index of the
                                           first branch to it */
    struct x64_checked checked[X64_NCHECKED];
    unsigned nchecked;
    /* Per op, for a SET left out (x64_lazy.c): the index of the SET that
     * overwrites it, else 0; and the last op before that which may fault,
     * until which its value stays live (its own index if none). */
    uint32_t *lazy_end, *lazy_keep;
    struct host_recover *recover; /* the writes left out, for faults */
    size_t nrecover, nrecover_closed, recover_cap;
    /* Guest registers held in host ones (x64_loop.c), the pinned one
     * first when it is held: the state offsets, their registers (a bit
     * each in loop_mask, which the allocator leaves alone) and where a
     * loop starts again. */
    uint8_t nloop, loop_written; /* loop_written: a bit per held one */
    uint8_t loop_reg[X64_NHELD];
    uint16_t loop_off[X64_NHELD];
    uint32_t loop_mask;
    size_t loop_head;
    bool looping;         /* the jump back to the start stays inside */
    bool pin_held;        /* the pinned register is entry 0 */
    bool pin_spilled;     /* it is in the state inside this block */
    bool oom;             /* host allocation failed */
};

/* Exit codes the code hands to the epilogue in eax (x64_run.c decodes). */
enum x64_exit_code {
    X64_EXIT_SLOT0 = 0, /* + IR_GOTO_PC's chain slot */
    X64_EXIT_PTR = IR_NSLOTS, /* IR_GOTO_PTR, or an exit request at entry */
    X64_EXIT_REASON = IR_NSLOTS + 1 /* + enum ir_exit_reason */
};

/* The epilogue's address, set by host_init(), and the IR_GOTO_PTR lookup
 * function, set by host_set_lookup() (x64_run.c). */
extern uintptr_t x64_epilogue_rx;
extern host_lookup_fn *x64_lookup;
/* host_set_guest_limit()'s limit (0: accesses are not checked), that
 * minus 8, which the entry trampoline loads into X64_LIMIT, and the guard
 * reserved above it. */
extern uint64_t x64_guest_limit, x64_guest_limit_m8, x64_guest_guard;
/* host_set_zero_guest_base(): X64_GBASE is not loaded into but allocated
 * like any callee-saved register. */
extern bool x64_zero_guest_base;
/* host_set_inner_loops() and host_set_pinned()'s offset, 0 for none
 * (x64_loop.c). */
extern bool x64_inner_loops;
extern uint32_t x64_pin_off;
/* host_set_jump_cache()'s table (entries NULL: none). */
extern struct host_jump_cache x64_jc;

/* --- register allocation (x64_regalloc.c) ------------------------------ */

/* True if op is lowered as a call to a C function (IR_CALL, or a fallback
 * helper on this host): temps live across it avoid caller-saved regs. */
bool x64_op_is_call(const struct ir_op *op,
                    const struct host_cpu_features *cpu);
/* Whether op's lowering reads its first source before it writes its
 * result register (so the two may share a register). */
bool x64_op_reads_first_source_first(enum ir_opc opc);
/* Fills c->locs for every temp of c->b. Returns false if the block needs
 * more spill slots than the frame has. */
bool x64_regalloc(struct x64_ctx *c);

/* --- operands (x64_operand.c) ------------------------------------------ */

static inline bool x64_is_float(enum ir_type t)
{
    return t == IR_F32 || t == IR_F64 || t == IR_V128;
}

static inline unsigned x64_width(enum ir_type t)
{
    return t == IR_I32 || t == IR_F32 ? 32 : 64;
}

static inline enum ir_type x64_ttype(const struct x64_ctx *c, ir_temp t)
{
    return ir_temp_type(c->b, t);
}

struct x64_mem x64_slot_mem(unsigned slot);
bool x64_is_const(const struct x64_ctx *c, ir_temp t);
uint64_t x64_const(const struct x64_ctx *c, ir_temp t);
/* The memory temp t lives in (its spill slot, or the CPU state it is read
 * from in place); false if it lives elsewhere. */
bool x64_temp_mem(const struct x64_ctx *c, ir_temp t, struct x64_mem *m);
/* Moves of a value of type ty between registers and memory. */
void x64_load_type(struct x64_asm *a, enum ir_type ty, unsigned reg,
                   const struct x64_mem *m);
void x64_store_type(struct x64_asm *a, enum ir_type ty,
                    const struct x64_mem *m, unsigned reg);
void x64_move_type(struct x64_asm *a, enum ir_type ty, unsigned dst,
                   unsigned src);
/* A register holding temp t: its own, or scratch loaded from its slot or
 * constant (float constants go through r11). */
unsigned x64_src(struct x64_ctx *c, ir_temp t, unsigned scratch);
/* Loads t into exactly reg. */
void x64_load_temp(struct x64_ctx *c, unsigned reg, ir_temp t);
/* The register to compute t into (its own, or scratch), and the store
 * that completes it when t lives in a slot. */
unsigned x64_dst(struct x64_ctx *c, ir_temp t, unsigned scratch);
void x64_dst_done(struct x64_ctx *c, ir_temp t, unsigned reg);
/* x64_dst() for op's result, but scratch when the result temp is also one
 * of op's sources (computing into it would clobber the source early). */
unsigned x64_dst_op(struct x64_ctx *c, const struct ir_op *op,
                    unsigned scratch);
/* reg = reg <xo> t, xo a "reg, r/m" opcode: t from its register or slot,
 * constants through scratch. */
void x64_op_rt(struct x64_ctx *c, uint32_t xo, unsigned w, unsigned reg,
               ir_temp t, unsigned scratch);
/* reg = reg <op> t for the ALU group, constants as imm32 if they fit. */
void x64_alu_t(struct x64_ctx *c, enum x64_grp1 op, unsigned w,
               unsigned reg, ir_temp t);
/* Compares a with b (of type ty, integer or float) and returns the
 * condition code true when "a cond b" holds (may use rax, rcx). */
enum x64_cc x64_compare(struct x64_ctx *c, enum ir_cond cond,
                        enum ir_type ty, ir_temp a, ir_temp b);
/* The same for floats; quiet: FLT and FLE raise only for signalling NaNs
 * (IR_FCMP_QUIET). */
enum x64_cc x64_float_compare(struct x64_ctx *c, enum ir_cond cond,
                              enum ir_type ty, ir_temp a, ir_temp b,
                              bool quiet);

/* --- lowering, one function per op, by family -------------------------- */

bool x64_lower_int(struct x64_ctx *c, const struct ir_op *op);
bool x64_lower_mem(struct x64_ctx *c, const struct ir_op *op);
bool x64_lower_fp(struct x64_ctx *c, const struct ir_op *op);
bool x64_lower_vec(struct x64_ctx *c, const struct ir_op *op);
bool x64_lower_ctl(struct x64_ctx *c, const struct ir_op *op);
/* The out-of-line halves of the block's bounds checks, after its code. */
void x64_emit_cold_checks(struct x64_ctx *c);
/* At label l: forgets the checked addresses a branch to l may bypass. */
void x64_checks_at_label(struct x64_ctx *c, ir_label l);

/* --- writes left out (x64_lazy.c) -------------------------------------- */

/* Fills c->lazy_end and c->lazy_keep (before register allocation, which
 * keeps each such value live until lazy_keep). */
void x64_lazy_find(struct x64_ctx *c);
/* Lowers the SET op (the op at c->op_index) if it is left out, recording
 * where a fault finds its value; false: store it as usual. */
bool x64_lazy_set(struct x64_ctx *c, const struct ir_op *op);
/* Before lowering op i: ends the ranges of the writes it overwrites. */
void x64_lazy_close(struct x64_ctx *c, uint32_t i);
/* From here to the end of the block's code, a fault finds the 8 bytes of
 * state at off in GPR reg. */
void x64_recover_reg(struct x64_ctx *c, uint16_t off, unsigned reg);

/* --- guest registers held around a loop (x64_loop.c) ------------------- */

/* Before register allocation: picks the registers c->b's loop keeps in
 * host registers (none unless it jumps back to its own start). */
void x64_loop_find(struct x64_ctx *c);
/* The host register holding the state at off, or X64_NOREG. */
unsigned x64_loop_reg(const struct x64_ctx *c, uint64_t off);
/* Whether op is a jump back to the held loop's head. */
bool x64_loop_back_edge(const struct x64_ctx *c, const struct ir_op *op);
/* After the live ranges are known (c->temp_end), before the allocation:
 * places in the held registers the temps that can live there. */
void x64_loop_coalesce(struct x64_ctx *c);
/* At the block's entry: loads them and places the head. */
void x64_loop_enter(struct x64_ctx *c);
/* Before a way out: stores them into the state. */
void x64_loop_sync(struct x64_ctx *c);
/* A helper call argument: temp t, or the constant imm when t is
 * IR_NO_TEMP. */
struct x64_arg {
    ir_temp t;
    uint64_t imm;
};
/* Calls fn(env, args[0..3]) (an ir_helper_fn) and puts its result (rax)
 * in r unless r is IR_NO_TEMP. Floats travel as their bits. */
void x64_emit_call(struct x64_ctx *c, uintptr_t fn,
                   const struct x64_arg args[4], ir_temp r);

/* env->pc = pc. */
void x64_store_pc_imm(struct x64_ctx *c, uint64_t pc);
/* Leaves the code through the epilogue with code in eax. */
void x64_emit_exit(struct x64_ctx *c, enum x64_exit_code code);

/* --- C helpers for what the host lacks (x64_helpers.c) ----------------- */

/* mode bits: 1 the float is F64, 2 the integer is 64-bit, 4 NaN gives 0,
 * 8 round toward zero (IR_CVT_TRUNC) */
uint64_t x64_helper_f2u(void *env, uint64_t bits, uint64_t mode, uint64_t c,
                        uint64_t d);
/* b nonzero: to F64, else to F32 */
uint64_t x64_helper_u2f(void *env, uint64_t v, uint64_t b, uint64_t c,
                        uint64_t d);
uint64_t x64_helper_fma64(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d);
uint64_t x64_helper_fma32(void *env, uint64_t a, uint64_t b, uint64_t c,
                          uint64_t d);

/* --- the guest's FP flag record (x64_fp_flags.c) ------------------------ */

/* Bits of cpu_common.fp_host beside the enum ir_fpflag ones; with either,
 * MXCSR's own flags are the guest's too. UF_STICKY: the underflow
 * exception trapped and is masked now, so MXCSR's UE flag says whether the
 * guest has underflowed (until the flags are cleared). NO_TRAPS: this
 * thread trapped too often (a program clearing its flags in a loop), so
 * every exception stays masked and MXCSR keeps the flags, for good. */
#define X64_FP_UF_STICKY 0x80u
#define X64_FP_NO_TRAPS 0x40u
#define X64_FP_STICKY (X64_FP_UF_STICKY | X64_FP_NO_TRAPS)
/* Records the IEEE flags of status (MXCSR/x87 flag bits) for env's guest. */
void x64_fp_raise(void *env, uint32_t status);
/* The x87 status word's flags (libm raises some there), cleared. */
uint32_t x64_fp_take_x87(void);
/* MXCSR/x87 flag bits (0-5) to enum ir_fpflag bits, for generated code. */
extern const uint8_t x64_fpflag_table[64];

#endif
