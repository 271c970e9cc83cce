/* translator/host/x86_64/x64_regs.h: x86-64 registers, condition codes,
 * opcodes (fixed bits only; Intel SDM vol. 2) and the frame layout the
 * back end's code runs in. */
#ifndef FERRY_X64_REGS_H
#define FERRY_X64_REGS_H

#include <stdint.h>

/* General registers by encoding; XMM registers are numbered from 16 so a
 * location can say which file it is in (the encoding is reg & 15). */
enum x64_reg {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
    X64_XMM0 = 16,
    X64_NOREG = 0xff,
};

#define X64_IS_XMM(r) ((r) >= X64_XMM0 && (r) < X64_XMM0 + 16)

/* Pinned: env (the CPU state), guest_base (unless it is 0 for every
 * block, host_set_zero_guest_base: then the allocator has it) and the
 * highest guest address an 8-byte access may start at (guest limit - 8,
 * for the bounds check of guest accesses), all callee-saved so helpers
 * leave them alone; the entry trampoline loads them. Scratch registers the lowering functions may
 * clobber at any time; they are never allocated to temps. */
#define X64_ENV X64_R14
#define X64_GBASE X64_R15
#define X64_LIMIT X64_R13
/* The guest register pinned by host_set_pinned (x64_loop.c); allocated
 * like any callee-saved one when none is. */
#define X64_PIN X64_RBX
#define X64_TMP0 X64_RAX
#define X64_TMP1 X64_RCX
#define X64_TMP2 X64_RDX
#define X64_TMP3 X64_R11
#define X64_XTMP0 (X64_XMM0 + 15)
#define X64_XTMP1 (X64_XMM0 + 14)
#define X64_XTMP2 (X64_XMM0 + 13)

/* Condition codes (the low nibble of Jcc/SETcc/CMOVcc). */
enum x64_cc {
    X64_CC_O, X64_CC_NO, X64_CC_B, X64_CC_AE, X64_CC_E, X64_CC_NE,
    X64_CC_BE, X64_CC_A, X64_CC_S, X64_CC_NS, X64_CC_P, X64_CC_NP,
    X64_CC_L, X64_CC_GE, X64_CC_LE, X64_CC_G,
};

/* Opcodes: mandatory prefix << 16 | map << 8 | opcode byte, map 0 = one
 * byte, 1 = 0F, 2 = 0F 38, 3 = 0F 3A. Names follow the SDM, "_rm" loads
 * reg from r/m, "_mr" stores reg to r/m. */
#define X64_XO(pfx, map, op) ((uint32_t)(pfx) << 16 | (map) << 8 | (op))
enum x64_xo {
    XO_ADD_rm = X64_XO(0, 0, 0x03),
    XO_OR_rm = X64_XO(0, 0, 0x0b),
    XO_ADC_rm = X64_XO(0, 0, 0x13),
    XO_AND_rm = X64_XO(0, 0, 0x23),
    XO_SUB_rm = X64_XO(0, 0, 0x2b),
    XO_XOR_rm = X64_XO(0, 0, 0x33),
    XO_CMP_mr = X64_XO(0, 0, 0x39),
    XO_CMP_rm = X64_XO(0, 0, 0x3b),
    XO_MOVSXD = X64_XO(0, 0, 0x63),
    XO_TEST8_mr = X64_XO(0, 0, 0x84),
    XO_TEST_mr = X64_XO(0, 0, 0x85),
    XO_XCHG8 = X64_XO(0, 0, 0x86),
    XO_XCHG = X64_XO(0, 0, 0x87),
    XO_MOV8_mr = X64_XO(0, 0, 0x88),
    XO_MOV_mr = X64_XO(0, 0, 0x89),
    XO_MOV_rm = X64_XO(0, 0, 0x8b),
    XO_LEA = X64_XO(0, 0, 0x8d),
    XO_GRP1_i32 = X64_XO(0, 0, 0x81), /* /ext imm32 */
    XO_GRP1_i8 = X64_XO(0, 0, 0x83),  /* /ext imm8, sign-extended */
    XO_SHIFT_i8 = X64_XO(0, 0, 0xc1),
    XO_MOV8_mi = X64_XO(0, 0, 0xc6),
    XO_MOV_mi = X64_XO(0, 0, 0xc7),
    XO_SHIFT_cl = X64_XO(0, 0, 0xd3),
    XO_GRP3 = X64_XO(0, 0, 0xf7),
    XO_GRP5 = X64_XO(0, 0, 0xff),     /* /2 call, /4 jmp */

    XO_CMOV = X64_XO(0, 1, 0x40),     /* + cc */
    XO_SETCC = X64_XO(0, 1, 0x90),    /* + cc */
    XO_IMUL_rm = X64_XO(0, 1, 0xaf),
    XO_CMPXCHG8 = X64_XO(0, 1, 0xb0),
    XO_CMPXCHG = X64_XO(0, 1, 0xb1),
    XO_MOVZX8 = X64_XO(0, 1, 0xb6),
    XO_MOVZX16 = X64_XO(0, 1, 0xb7),
    XO_BT_i8 = X64_XO(0, 1, 0xba),    /* /4 bt, /6 btr, /7 btc */
    XO_BSF = X64_XO(0, 1, 0xbc),
    XO_BSR = X64_XO(0, 1, 0xbd),
    XO_MOVSX8 = X64_XO(0, 1, 0xbe),
    XO_MOVSX16 = X64_XO(0, 1, 0xbf),
    XO_XADD8 = X64_XO(0, 1, 0xc0),
    XO_XADD = X64_XO(0, 1, 0xc1),
    XO_POPCNT = X64_XO(0xf3, 1, 0xb8),
    XO_TZCNT = X64_XO(0xf3, 1, 0xbc),
    XO_LZCNT = X64_XO(0xf3, 1, 0xbd),
    XO_MXCSR = X64_XO(0, 1, 0xae),    /* /2 ldmxcsr, /3 stmxcsr */

    XO_MOVSD_rm = X64_XO(0xf2, 1, 0x10),
    XO_MOVSD_mr = X64_XO(0xf2, 1, 0x11),
    XO_MOVSS_rm = X64_XO(0xf3, 1, 0x10),
    XO_MOVSS_mr = X64_XO(0xf3, 1, 0x11),
    XO_MOVAPS_rm = X64_XO(0, 1, 0x28),
    XO_XORPS = X64_XO(0, 1, 0x57),
    XO_MOVDQU_rm = X64_XO(0xf3, 1, 0x6f),
    XO_MOVDQU_mr = X64_XO(0xf3, 1, 0x7f),
    XO_MOVD_xm = X64_XO(0x66, 1, 0x6e), /* xmm <- r/m (REX.W: movq) */
    XO_MOVD_mx = X64_XO(0x66, 1, 0x7e), /* r/m <- xmm (REX.W: movq) */
    XO_SQRTSD = X64_XO(0xf2, 1, 0x51),
    XO_ADDSD = X64_XO(0xf2, 1, 0x58),
    XO_MULSD = X64_XO(0xf2, 1, 0x59),
    XO_CVTSD2SS = X64_XO(0xf2, 1, 0x5a),
    XO_SUBSD = X64_XO(0xf2, 1, 0x5c),
    XO_DIVSD = X64_XO(0xf2, 1, 0x5e),
    XO_CVTSI2SD = X64_XO(0xf2, 1, 0x2a),
    XO_CVTSD2SI = X64_XO(0xf2, 1, 0x2d),
    XO_CVTTSD2SI = X64_XO(0xf2, 1, 0x2c),
    XO_SQRTSS = X64_XO(0xf3, 1, 0x51),
    XO_ADDSS = X64_XO(0xf3, 1, 0x58),
    XO_MULSS = X64_XO(0xf3, 1, 0x59),
    XO_CVTSS2SD = X64_XO(0xf3, 1, 0x5a),
    XO_SUBSS = X64_XO(0xf3, 1, 0x5c),
    XO_DIVSS = X64_XO(0xf3, 1, 0x5e),
    XO_CVTSI2SS = X64_XO(0xf3, 1, 0x2a),
    XO_CVTSS2SI = X64_XO(0xf3, 1, 0x2d),
    XO_CVTTSS2SI = X64_XO(0xf3, 1, 0x2c),
    XO_UCOMISS = X64_XO(0, 1, 0x2e),
    XO_COMISS = X64_XO(0, 1, 0x2f),
    XO_UCOMISD = X64_XO(0x66, 1, 0x2e),
    XO_COMISD = X64_XO(0x66, 1, 0x2f),
    XO_PUNPCKLQDQ = X64_XO(0x66, 1, 0x6c),
    XO_PADDQ = X64_XO(0x66, 1, 0xd4),
    XO_PAND = X64_XO(0x66, 1, 0xdb),
    XO_POR = X64_XO(0x66, 1, 0xeb),
    XO_PXOR = X64_XO(0x66, 1, 0xef),
    XO_PSUBB = X64_XO(0x66, 1, 0xf8),
    XO_PSUBW = X64_XO(0x66, 1, 0xf9),
    XO_PSUBD = X64_XO(0x66, 1, 0xfa),
    XO_PSUBQ = X64_XO(0x66, 1, 0xfb),
    XO_PADDB = X64_XO(0x66, 1, 0xfc),
    XO_PADDW = X64_XO(0x66, 1, 0xfd),
    XO_PADDD = X64_XO(0x66, 1, 0xfe),
    /* VEX.LIG.66.0F38 A9 /r: vfmadd213s[sd] x1, x2, x3 = x2 * x1 + x3 */
    XO_VFMADD213 = X64_XO(0x66, 2, 0xa9),
    /* BMI2, VEX.LZ.0F38 F7 /r: reg = r/m shifted by VEX.vvvv */
    XO_SHLX = X64_XO(0x66, 2, 0xf7),
    XO_SARX = X64_XO(0xf3, 2, 0xf7),
    XO_SHRX = X64_XO(0xf2, 2, 0xf7),
};

/* ModRM.reg extensions of the group opcodes. */
enum x64_grp1 { X64_ADD, X64_OR, X64_ADC, X64_SBB, X64_AND, X64_SUB,
                X64_XOR, X64_CMP };
enum x64_shift { X64_ROL, X64_ROR, X64_SHL = 4, X64_SHR, X64_SAR = 7 };
enum x64_grp3 { X64_TEST_I = 0, X64_NOT = 2, X64_NEG, X64_MUL, X64_IMUL1,
                X64_DIV, X64_IDIV };

/* The frame every block runs in, set up by the entry trampoline below the
 * saved registers and addressed through X64_FRAME_REG (rbp): [0, 64)
 * scratch for the lowering functions (MXCSR, call arguments, the lowest
 * rsp a call may push to, a V128 lane buffer), then 16-byte spill slots.
 * X64_FRAME_SIZE is 8 mod 16 so the frame is 16-byte aligned after the
 * return address and six pushes.
 *
 * Below the frame, rsp is a return-address stack of 16-byte entries
 * {host return address, guest return pc}: a guest call pushes one with a
 * host call, a guest return whose target matches the newest entry pops it
 * with a host ret, which the CPU predicts. Entries stay 16 bytes so rsp
 * stays aligned for helper calls at any depth; the entry trampoline
 * pushes a sentinel that no return matches, and every exit resets rsp. */
#define X64_FRAME_REG X64_RBP
#define X64_FRAME_SCRATCH 0
#define X64_FRAME_MXCSR 0
#define X64_FRAME_ARGS 8        /* 4 call arguments, 8 bytes each */
#define X64_FRAME_STACK_MIN 40  /* calls push only while rsp is above */
#define X64_FRAME_VBUF 48       /* 16 bytes */
#define X64_FRAME_SPILL 64
#define X64_RET_STACK_BYTES (1024 * 16) /* 1024 entries */
#define X64_NSPILL 1020
#define X64_FRAME_SIZE (X64_FRAME_SPILL + 16 * X64_NSPILL + 8)

_Static_assert(X64_FRAME_SIZE % 16 == 8, "frame alignment");

#endif
