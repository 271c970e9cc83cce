/* translator/ir.h: ferry's intermediate representation. Every frontend
 * turns guest instructions into it; the optimizer, the reference
 * interpreter and the x86-64 back end consume it.
 *
 * A block is a linear list of ops over temps. A temp is a block-local
 * virtual register of one type, or a constant. Temps may be assigned more
 * than once (frontends mostly assign once; IR_MOV re-assigns). Guest CPU
 * state is reached only through IR_GET/IR_SET at byte offsets into the
 * CPU state ("env"). Branches inside a block go forward only, to labels;
 * every path ends in an exit op (IR_GOTO_PC, IR_GOTO_PTR, IR_EXIT).
 *
 * Precise state: IR_SET ops are never moved or dropped across an op that
 * may fault, exit or read guest state (see IR_OPF_*), so at any fault the
 * guest state holds every write of the instructions before the faulting
 * one. (A back end may leave out a SET that a later one overwrites if it
 * makes it up at such a fault: host.h, struct host_recover.) */
#ifndef FERRY_TRANSLATOR_IR_H
#define FERRY_TRANSLATOR_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint64_t gva; /* a guest virtual address */

enum ir_type {
    IR_I32,
    IR_I64,
    IR_F32,
    IR_F64,
    IR_V128,
    IR_NTYPES
};

/* A temp: index into the block's temp table. 0 is "no temp". */
typedef uint32_t ir_temp;
#define IR_NO_TEMP 0u

/* A label: index into the block's label count, placed by IR_LABEL. */
typedef uint32_t ir_label;

/* Comparisons. Integer conditions compare two temps of one integer type;
 * float conditions compare two floats (false when unordered, except
 * IR_FUNORD). */
enum ir_cond {
    IR_EQ,
    IR_NE,
    IR_LT, /* signed */
    IR_GE,
    IR_LE,
    IR_GT,
    IR_LTU, /* unsigned */
    IR_GEU,
    IR_LEU,
    IR_GTU,
    IR_FEQ, /* floating point, ordered */
    IR_FLT,
    IR_FLE,
    IR_FUNORD, /* either operand is NaN */
    IR_NCONDS
};

/* Memory-op attributes (the op's memop field): access size, sign
 * extension of loads, alignment, ordering. */
enum ir_memop {
    IR_MO_8 = 0,
    IR_MO_16 = 1,
    IR_MO_32 = 2,
    IR_MO_64 = 3,
    IR_MO_128 = 4,
    IR_MO_SIZE = 7,   /* mask: log2 of the size in bytes */
    IR_MO_SIGN = 8,   /* loads: sign-extend to the result type */
    IR_MO_ALIGN = 16, /* must be aligned: the frontend tests the address
                         first and exits IR_EXIT_MISALIGNED (back ends do
                         not check it) */
    IR_MO_ACQ = 32,   /* acquire ordering */
    IR_MO_REL = 64,   /* release ordering (ACQ|REL: sequentially consistent) */
    IR_MO_EXCL = 128, /* part of an exclusive pair (LR/SC, LDXR/STXR) */
};

/* Read-modify-write operations of IR_ATOMIC_RMW (in the op's cond field). */
enum ir_rmw {
    IR_RMW_XCHG,
    IR_RMW_ADD,
    IR_RMW_AND,
    IR_RMW_OR,
    IR_RMW_XOR,
    IR_RMW_SMIN,
    IR_RMW_SMAX,
    IR_RMW_UMIN,
    IR_RMW_UMAX,
    IR_NRMWS
};

/* Why a block stops with IR_EXIT (in the op's aux field). imm is the guest
 * pc of the instruction that exits: the runtime decides where to resume. */
enum ir_exit_reason {
    IR_EXIT_SYSCALL,    /* ecall / svc */
    IR_EXIT_ILLEGAL,    /* undefined or disabled instruction: SIGILL */
    IR_EXIT_BREAKPOINT, /* ebreak / brk: SIGTRAP */
    IR_EXIT_FLUSH_CODE, /* fence.i and the like: drop stale translations */
    IR_EXIT_HALT,       /* stop the vCPU (wfi in system mode, tests) */
    IR_EXIT_MISALIGNED, /* misaligned atomic or jump target: SIGBUS
                           (BUS_ADRALN), reported at the insn's pc */
    IR_NEXITS
};

/* IR_GOTO_PC and IR_GOTO_PTR aux: the low bits are GOTO_PC's chain slot
 * (0..IR_NSLOTS - 1; by convention 0 for the way the block falls out, 1
 * for a final branch taken, 2 for a side exit a superblock branches out
 * through; a back end may use IR_CALL_SLOT for a call's return); the
 * hints above never change what the exit does, they let a back end
 * predict returns. A call links the return pc b->pc + (aux >>
 * IR_GOTO_LINK_SHIFT) (set by ir_goto_mark); a return goes to a linked
 * pc, most likely the newest one not yet returned to. */
#define IR_NSLOTS 4
#define IR_CALL_SLOT 3
enum ir_goto_aux {
    IR_GOTO_SLOT = IR_NSLOTS - 1, /* mask */
    IR_GOTO_CALL = 4,
    IR_GOTO_RETURN = 8,
};
#define IR_GOTO_LINK_SHIFT 8

/* IEEE rounding modes the FP ops use (IR_FP_SETROUND), as SSE has them. */
enum ir_round {
    IR_ROUND_NEAREST_EVEN,
    IR_ROUND_DOWN,
    IR_ROUND_UP,
    IR_ROUND_ZERO,
};

/* Floating point. The FP ops compute IEEE 754 binary32/binary64 results
 * in the current rounding mode (IR_FP_SETROUND) and raise the IEEE flags
 * into the host thread's accrued flags, which IR_FP_FLAGS reads.
 *
 * NaN results: which NaN an op returns is the host's choice (a default
 * NaN, or an input's payload, quieted); only "some quiet NaN" is
 * promised, so a frontend whose guest wants canonical NaNs or payload
 * propagation builds that from IR_SELECT on IR_FUNORD. IR_FNEG, IR_FABS
 * and IR_BITCAST never change a payload and raise nothing.
 *
 * IR_FMA: raises INVALID for inf * 0 + c when c is a finite number or an
 * infinity, and for a signalling NaN operand; for inf * 0 + a quiet NaN
 * whether INVALID is raised is unspecified (IEEE 754-2008 7.2 leaves it
 * to the implementation, and hosts and C's fma() differ), so a guest
 * that defines it (RISC-V 11.6 does: it raises) tests the operands.
 *
 * Lazy FP flags: a frontend may leave the flags its ops raise in the
 * host's accrued flags instead of reading them after every op. Its CPU
 * state then has a word of ir_fpflag bits (struct frontend's
 * fp_flags_offset), and the guest's accrued flags are that word ORed with
 * the host's. translator_run() starts the host's record with the word
 * (host.h, host_fp_begin), ORs the record into the word before any of
 * ferry's own code runs (before it translates, when it returns, and from
 * the signal context when the guest faults), and helpers that generated
 * code calls must leave no flags of their own in the host's. So blocks
 * need no flag code at all, and a frontend reads or writes its word only
 * after folding the host's flags in with IR_FP_FLAGS; after writing it,
 * IR_FP_CLEARFLAGS must follow unless the new word holds every flag that
 * IR_FP_FLAGS returned. The optimizer keeps FP ops (not removed when
 * unused, never moved across each other, an op that may fault, or an
 * exit), so the flags are exact at any fault. */

/* Accrued FP exception flags (IR_FP_FLAGS), the five IEEE 754 ones. */
enum ir_fpflag {
    IR_FPF_INEXACT = 1,
    IR_FPF_UNDERFLOW = 2,
    IR_FPF_OVERFLOW = 4,
    IR_FPF_DIVZERO = 8,
    IR_FPF_INVALID = 16,
    IR_FPF_ALL = 31,
};

/* Ops. a, b, c, d are the sources args[1..4]; args[0] is the result of ops
 * that have one. "type" is the op's type field: the result's type, or for
 * ops without a result the type of their value operand. Integer ops work
 * on IR_I32 or IR_I64 and wrap around. */
enum ir_opc {
    IR_MOV,         /* r = a */
    IR_GET,         /* r = *(type *)(env + imm) */
    IR_SET,         /* *(type *)(env + imm) = a */

    IR_ADD,         /* r = a + b */
    IR_SUB,         /* r = a - b */
    IR_MUL,         /* r = a * b (low half) */
    IR_NEG,         /* r = -a */
    IR_AND,         /* r = a & b */
    IR_OR,          /* r = a | b */
    IR_XOR,         /* r = a ^ b */
    IR_NOT,         /* r = ~a */
    IR_ANDC,        /* r = a & ~b */
    IR_SHL,         /* r = a << (b mod width) */
    IR_SHR,         /* r = a >> (b mod width), logical */
    IR_SAR,         /* r = a >> (b mod width), arithmetic */
    IR_ROTL,        /* r = a rotated left by b mod width */
    IR_ROTR,        /* r = a rotated right by b mod width */
    IR_MULHS,       /* r = high half of signed a * signed b */
    IR_MULHU,       /* r = high half of unsigned a * unsigned b */
    IR_MULHSU,      /* r = high half of signed a * unsigned b */
    /* Division never traps: x / 0 = all ones (unsigned) or -1 (signed),
     * x % 0 = x, INT_MIN / -1 = INT_MIN, INT_MIN % -1 = 0 (the RISC-V
     * rules; other guests adjust with IR_SELECT). */
    IR_DIVS,        /* r = a / b, signed, rounding toward zero */
    IR_DIVU,        /* r = a / b, unsigned */
    IR_REMS,        /* r = a % b, signed (sign of a) */
    IR_REMU,        /* r = a % b, unsigned */
    IR_CLZ,         /* r = leading zeros of a (width when a == 0) */
    IR_CTZ,         /* r = trailing zeros of a (width when a == 0) */
    IR_POPCNT,      /* r = number of set bits of a */
    IR_BSWAP,       /* r = a with its bytes reversed */
    IR_EXTRACT,     /* r = bits [pos, pos+len) of a, zero-extended;
                       imm = pos | len << 8, 0 < len, pos + len <= width */
    IR_SEXTRACT,    /* same, sign-extended */
    IR_DEPOSIT,     /* r = a with bits [pos, pos+len) replaced by the low
                       len bits of b; imm as for IR_EXTRACT */
    IR_SETCOND,     /* r = (a cond b) ? 1 : 0; a, b of type aux (enum
                       ir_type), r of the op's type */
    IR_SELECT,      /* r = (a cond b) ? c : d; a, b of type aux */
    IR_ADDC_CARRY,  /* r = carry out of a + b + c (c is 0 or 1): 0 or 1 */
    IR_ADDC_OVF,    /* r = signed overflow of a + b + c: 0 or 1 */

    IR_ZEXT,        /* r (I64) = a (I32), zero-extended */
    IR_SEXT,        /* r (I64) = a (I32), sign-extended */
    IR_TRUNC,       /* r (I32) = low half of a (I64) */
    IR_BITCAST,     /* r = the bits of a: I32<->F32, I64<->F64 */

    IR_LOAD,        /* r = guest memory at a + imm (memop; imm signed) */
    IR_STORE,       /* guest memory at a + imm = b (memop) */
    IR_CMPXCHG,     /* atomically: r = old value at a; if r == b store c */
    IR_ATOMIC_RMW,  /* atomically: r = old value at a; store old cond b,
                       cond being an enum ir_rmw */
    IR_FENCE,       /* memory barrier; memop holds ACQ/REL */

    IR_FADD,        /* r = a + b, IEEE, current rounding mode */
    IR_FSUB,        /* r = a - b */
    IR_FMUL,        /* r = a * b */
    IR_FDIV,        /* r = a / b */
    IR_FSQRT,       /* r = sqrt(a) */
    IR_FMA,         /* r = a * b + c, rounded once */
    IR_FNEG,        /* r = a with its sign flipped (no flags, NaN kept) */
    IR_FABS,        /* r = a with its sign cleared */
    IR_FCMP,        /* r (integer type) = (a cond b) ? 1 : 0, a and b of
                       float type aux; IR_FLT/IR_FLE raise INVALID on
                       any NaN, IR_FEQ/IR_FUNORD only on signalling NaNs */
    IR_FCVT_F2I,    /* r (integer) = a (float type aux) converted with
                       the current rounding mode, saturating; NaN gives
                       the maximum, or 0 with IR_CVT_NAN_ZERO; imm holds
                       IR_CVT_* flags */
    IR_FCVT_I2F,    /* r (float) = a (integer type aux); imm IR_CVT_* */
    IR_FCVT_F2F,    /* r = a, F32<->F64 (current rounding mode) */
    IR_FP_SETROUND, /* rounding mode for later FP ops = imm (ir_round) */
    IR_FP_FLAGS,    /* r (I32) = accrued ir_fpflag bits */
    IR_FP_CLEARFLAGS, /* clear the accrued flags */

    IR_VADD,        /* r = a + b per lane; aux = lane size as IR_MO_* */
    IR_VSUB,        /* r = a - b per lane */
    IR_VAND,        /* r = a & b */
    IR_VOR,         /* r = a | b */
    IR_VXOR,        /* r = a ^ b */
    IR_VDUP,        /* r = every lane (size aux) = low bits of a (I64) */
    IR_VGETLANE,    /* r (I64) = lane imm of a, zero-extended; aux size */
    IR_VSETLANE,    /* r = a with lane imm replaced by low bits of b */

    IR_CALL,        /* r = helper(a, b, c, d); imm = const struct
                       ir_helper *; unused args are IR_NO_TEMP */

    IR_INSN_START,  /* a guest instruction starts at pc imm */
    IR_LABEL,       /* label imm is here */
    IR_BR,          /* jump to label imm */
    IR_BRCOND,      /* if (a cond b) jump to label imm; a, b of type */
    IR_GOTO_PC,     /* exit: continue at guest pc imm; aux = chain slot
                       (ir_goto_aux), the block may be linked there, and
                       hints */
    IR_GOTO_PTR,    /* exit: continue at guest pc a (I64); aux = hints */
    IR_EXIT,        /* exit: aux = enum ir_exit_reason, imm = its pc */
    IR_NOP,         /* removed op (the optimizer leaves these) */
    IR_NOPCS
};

/* IR_FCVT_* flags (in imm). */
enum ir_cvt {
    IR_CVT_UNSIGNED = 1, /* the integer side is unsigned */
    IR_CVT_NAN_ZERO = 2, /* F2I: NaN converts to 0, not the maximum */
    IR_CVT_TRUNC = 4,    /* F2I: rounds toward zero, whatever the current
                            mode (C casts; x86 cvtt*, no mode switch) */
};

/* IR_FADD..IR_FMA: with this in imm, a NaN result is the default NaN
 * (positive, quiet, payload zero: RISC-V's canonical NaN, Arm's with
 * FPCR.DN) instead of whichever NaN the host gives; a back end does that
 * test next to the op, cheaper than an IR_SELECT after it. */
#define IR_FP_DEFAULT_NAN 8u

/* IR_FCMP with this in imm: IR_FLT and IR_FLE raise INVALID only for a
 * signalling NaN, as IR_FEQ does (IEEE 754 5.11's compareQuietLess), for
 * a frontend that accounts a quiet NaN's INVALID itself. */
#define IR_FCMP_QUIET 16u

/* What an op does beyond computing its result (ir_op_defs[].flags). */
enum ir_opflag {
    IR_OPF_SIDE_EFFECT = 1,  /* must not be removed even if unused */
    IR_OPF_MAY_FAULT = 2,    /* may raise a guest fault */
    IR_OPF_READS_STATE = 4,  /* reads guest state (other than via GET) */
    IR_OPF_WRITES_STATE = 8, /* writes guest state (other than via SET) */
    IR_OPF_EXIT = 16,        /* ends the path: the block exits */
    IR_OPF_BRANCH = 32,      /* may jump to a label */
    IR_OPF_MEMORY = 64,      /* accesses guest memory */
    IR_OPF_FLOAT = 128,      /* uses the FP environment (rounding, flags) */
};

struct ir_op_def {
    const char *name; /* as printed: "add", "load", ... */
    uint8_t nresults; /* 0 or 1: args[0] */
    uint8_t nargs;    /* sources, args[1..nargs] */
    uint16_t flags;   /* enum ir_opflag */
};

extern const struct ir_op_def ir_op_defs[IR_NOPCS];

struct ir_op;
/* The effects of one op: its definition's flags, narrowed for IR_CALL to
 * what its helper declares. */
unsigned ir_op_flags(const struct ir_op *op);

/* Helper functions called by IR_CALL. Arguments and result travel as raw
 * 64-bit patterns (floats as their bits); env is the CPU state. */
typedef uint64_t (*ir_helper_fn)(void *env, uint64_t a, uint64_t b,
                                 uint64_t c, uint64_t d);

enum ir_helper_flag {
    IR_HELPER_PURE = 1,         /* result depends only on the arguments */
    IR_HELPER_READS_STATE = 2,  /* reads guest state through env */
    IR_HELPER_WRITES_STATE = 4, /* writes guest state through env */
    IR_HELPER_MAY_FAULT = 8,    /* may raise a guest fault */
};

struct ir_helper {
    const char *name;
    ir_helper_fn fn;
    uint8_t nargs;      /* 0..4 */
    uint8_t result;     /* enum ir_type, or IR_NTYPES for none */
    uint16_t flags;     /* enum ir_helper_flag */
};

struct ir_op {
    uint16_t opc;     /* enum ir_opc */
    uint8_t type;     /* enum ir_type */
    uint8_t cond;     /* enum ir_cond, or enum ir_rmw for IR_ATOMIC_RMW */
    uint32_t aux;     /* memop, source type, lane size, exit reason, slot */
    ir_temp args[5];  /* args[0] result, args[1..4] sources */
    uint64_t imm;     /* offset, pc, label, field, helper pointer */
};

struct ir_temp_info {
    uint8_t type;     /* enum ir_type */
    bool is_const;    /* a constant: value holds it (not for V128) */
    uint64_t value;   /* I32 constants are zero-extended */
};

struct ir_block {
    gva pc;             /* guest pc of the first instruction */
    uint32_t guest_len; /* bytes of guest code covered from pc */
    uint32_t guest_before; /* and below pc (a frontend that follows a jump
                              backwards): [pc - guest_before, pc +
                              guest_len) holds every instruction */
    uint32_t ninsns;    /* guest instructions (IR_INSN_START ops) */
    struct ir_op *ops;
    uint32_t nops, ops_cap;
    struct ir_temp_info *temps; /* temps[0] unused (IR_NO_TEMP) */
    uint32_t ntemps, temps_cap;
    uint32_t nlabels;
};

/* --- blocks (translator/ir_block.c) ------------------------------------ */

/* A new empty block; aborts only if the host is out of memory. */
struct ir_block *ir_block_new(void);
void ir_block_free(struct ir_block *b);
/* Empties b for a new guest block starting at pc, keeping its memory. */
void ir_block_reset(struct ir_block *b, gva pc);
/* Makes room for nops ops and ntemps temps (a block copied in whole). */
void ir_block_reserve(struct ir_block *b, uint32_t nops, uint32_t ntemps);

/* Room for one more op / temp: the slow paths of the two below. */
void ir_grow_ops(struct ir_block *b);
void ir_grow_temps(struct ir_block *b);

/* Inline, as decoding calls them several times per guest instruction. */
static inline ir_temp ir_new_temp(struct ir_block *b, enum ir_type type)
{
    if (b->ntemps >= b->temps_cap)
        ir_grow_temps(b);
    b->temps[b->ntemps] = (struct ir_temp_info){.type = (uint8_t)type};
    return b->ntemps++;
}

/* A constant temp (integer or float bits); equal constants may share one. */
ir_temp ir_const(struct ir_block *b, enum ir_type type, uint64_t value);
ir_label ir_new_label(struct ir_block *b);

/* Appends an op with all fields zero but opc and type; the caller fills
 * the rest. The pointer is valid until the next append. */
static inline struct ir_op *ir_append(struct ir_block *b, enum ir_opc opc,
                                      enum ir_type type)
{
    if (b->nops >= b->ops_cap)
        ir_grow_ops(b);
    b->ops[b->nops] =
        (struct ir_op){.opc = (uint16_t)opc, .type = (uint8_t)type};
    return &b->ops[b->nops++];
}

static inline enum ir_type ir_temp_type(const struct ir_block *b, ir_temp t)
{
    return (enum ir_type)b->temps[t].type;
}

/* Bit width of a type (32, 64, or 128 for V128). */
static inline unsigned ir_type_bits(enum ir_type t)
{
    return t == IR_I32 || t == IR_F32 ? 32 : t == IR_V128 ? 128 : 64;
}

/* Checks the invariants above (types of operands, temps in range, labels
 * placed once and only jumped to forward, every path ending in an exit).
 * Returns true, or false with one line in err. */
bool ir_verify(const struct ir_block *b, char *err, size_t errlen);

/* --- building (translator/ir_build.c) ----------------------------------- */
/* One call per op; each returns the result temp (a new one). */

ir_temp ir_get(struct ir_block *b, enum ir_type type, uint32_t offset);
void ir_set(struct ir_block *b, uint32_t offset, ir_temp v);
void ir_mov(struct ir_block *b, ir_temp dst, ir_temp src);
ir_temp ir_unop(struct ir_block *b, enum ir_opc opc, ir_temp a);
ir_temp ir_binop(struct ir_block *b, enum ir_opc opc, ir_temp a, ir_temp c);
ir_temp ir_extract(struct ir_block *b, bool sign, ir_temp a, unsigned pos,
                   unsigned len);
ir_temp ir_deposit(struct ir_block *b, ir_temp a, ir_temp v, unsigned pos,
                   unsigned len);
ir_temp ir_setcond(struct ir_block *b, enum ir_type type, enum ir_cond cond,
                   ir_temp a, ir_temp c);
ir_temp ir_select(struct ir_block *b, enum ir_cond cond, ir_temp a,
                  ir_temp c, ir_temp if_true, ir_temp if_false);
ir_temp ir_addc(struct ir_block *b, enum ir_opc carry_or_ovf, ir_temp a,
                ir_temp c, ir_temp carry_in);
ir_temp ir_convert(struct ir_block *b, enum ir_opc opc, enum ir_type to,
                   ir_temp a);
ir_temp ir_load(struct ir_block *b, enum ir_type type, uint32_t memop,
                ir_temp addr, int64_t offset);
void ir_store(struct ir_block *b, uint32_t memop, ir_temp addr,
              int64_t offset, ir_temp v);
ir_temp ir_cmpxchg(struct ir_block *b, uint32_t memop, ir_temp addr,
                   ir_temp expected, ir_temp desired);
ir_temp ir_atomic_rmw(struct ir_block *b, enum ir_rmw rmw, uint32_t memop,
                      ir_temp addr, ir_temp v);
void ir_fence(struct ir_block *b, uint32_t memop);
ir_temp ir_fma(struct ir_block *b, ir_temp a, ir_temp c, ir_temp d);
ir_temp ir_fcmp(struct ir_block *b, enum ir_type type, enum ir_cond cond,
                ir_temp a, ir_temp c);
ir_temp ir_fcvt(struct ir_block *b, enum ir_opc opc, enum ir_type to,
                unsigned cvt_flags, ir_temp a);
void ir_fp_setround(struct ir_block *b, enum ir_round rm);
ir_temp ir_fp_flags(struct ir_block *b);
void ir_fp_clearflags(struct ir_block *b);
ir_temp ir_vbinop(struct ir_block *b, enum ir_opc opc, unsigned lane_mo,
                  ir_temp a, ir_temp c);
ir_temp ir_vdup(struct ir_block *b, unsigned lane_mo, ir_temp a);
ir_temp ir_vgetlane(struct ir_block *b, unsigned lane_mo, ir_temp a,
                    unsigned lane);
ir_temp ir_vsetlane(struct ir_block *b, unsigned lane_mo, ir_temp a,
                    unsigned lane, ir_temp v);
/* Calls helper h with up to four arguments (IR_NO_TEMP for unused ones);
 * returns its result temp, or IR_NO_TEMP if it has none. */
ir_temp ir_call(struct ir_block *b, const struct ir_helper *h, ir_temp a,
                ir_temp c, ir_temp d, ir_temp e);
void ir_insn_start(struct ir_block *b, gva pc);
void ir_set_label(struct ir_block *b, ir_label l);
void ir_br(struct ir_block *b, ir_label l);
void ir_brcond(struct ir_block *b, enum ir_cond cond, ir_temp a, ir_temp c,
               ir_label l);
void ir_goto_pc(struct ir_block *b, unsigned slot, gva pc);
void ir_goto_ptr(struct ir_block *b, ir_temp pc);
/* Marks the goto just appended as a call linking guest pc link
 * (IR_GOTO_CALL) or as a return (IR_GOTO_RETURN; link unused). */
void ir_goto_mark(struct ir_block *b, enum ir_goto_aux hint, gva link);
void ir_exit(struct ir_block *b, enum ir_exit_reason reason, gva pc);

/* --- printing (translator/ir_print.c) ----------------------------------- */

/* Writes b as text, one op per line ("-d op" format). namer, if not NULL,
 * names guest state offsets (e.g. "x5"); its name() returns NULL for
 * offsets it does not know. */
struct ir_state_namer {
    const char *(*name)(uint32_t offset, void *opaque);
    void *opaque;
};
void ir_print(const struct ir_block *b, const struct ir_state_namer *namer,
              FILE *f);

#endif
