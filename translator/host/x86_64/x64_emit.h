/* translator/host/x86_64/x64_emit.h: the x86-64 instruction encoder: a
 * code buffer and one-line emitters over the encodings of x64_regs.h
 * (Intel SDM vol. 2, chapter 2: prefixes, REX, ModRM, SIB, displacement,
 * immediate). */
#ifndef FERRY_X64_EMIT_H
#define FERRY_X64_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "translator/host/x86_64/x64_regs.h"

/* A code buffer. Writing past end sets overflow and drops the bytes, so
 * emitters never check; the caller checks once at the end. */
struct x64_asm {
    uint8_t *buf; /* where the code is written */
    uint8_t *p;
    uint8_t *end;
    uintptr_t rx; /* the address buf runs at */
    bool overflow;
};

/* A memory operand [base + index + disp]; index X64_NOREG for none. */
struct x64_mem {
    uint8_t base;
    uint8_t index;
    int32_t disp;
    uint8_t scale; /* the index is times 1 << scale */
};

static inline struct x64_mem x64_mem_bd(unsigned base, int32_t disp)
{
    return (struct x64_mem){(uint8_t)base, X64_NOREG, disp, 0};
}

static inline struct x64_mem x64_mem_bid(unsigned base, unsigned index,
                                         int32_t disp)
{
    return (struct x64_mem){(uint8_t)base, (uint8_t)index, disp, 0};
}

/* base + index * (1 << scale) */
static inline struct x64_mem x64_mem_bis(unsigned base, unsigned index,
                                         unsigned scale)
{
    return (struct x64_mem){(uint8_t)base, (uint8_t)index, 0,
                            (uint8_t)scale};
}

static inline size_t x64_pos(const struct x64_asm *a)
{
    return (size_t)(a->p - a->buf);
}

static inline bool x64_fits_i8(int64_t v) { return v == (int8_t)v; }
static inline bool x64_fits_i32(int64_t v) { return v == (int32_t)v; }

void x64_asm_init(struct x64_asm *a, uint8_t *rw, uintptr_t rx, size_t cap);
/* The slow path of the writers below: byte by byte up to the end. */
void x64_bytes_slow(struct x64_asm *a, const uint8_t *bytes, unsigned n);

/* Writes the first n (at most 16) of bytes; with room for 16, as one
 * 16-byte copy (emission is a large part of translating a block, and
 * most blocks run once). The buffer's bytes past n are overwritten by
 * what follows, or lie beyond the code and are never run. */
static inline void x64_put(struct x64_asm *a, const uint8_t bytes[16],
                           unsigned n)
{
    if (a->end - a->p >= 16) {
        __builtin_memcpy(a->p, bytes, 16);
        a->p += n;
    } else {
        x64_bytes_slow(a, bytes, n);
    }
}

static inline void x64_byte(struct x64_asm *a, unsigned v)
{
    if (a->p < a->end)
        *a->p = (uint8_t)v;
    else
        a->overflow = true;
    a->p++;
}

/* Immediates and displacements: one little-endian store when they fit
 * (x86-64 is the host, so a copy of the value is its byte order). */
static inline void x64_le(struct x64_asm *a, const void *v, size_t n)
{
    if (a->end - a->p >= (ptrdiff_t)n) { /* p may pass end: overflow */
        __builtin_memcpy(a->p, v, n);
        a->p += n;
    } else {
        x64_bytes_slow(a, (const uint8_t *)v, n);
    }
}

static inline void x64_u32(struct x64_asm *a, uint32_t v)
{
    x64_le(a, &v, 4);
}

static inline void x64_u64(struct x64_asm *a, uint64_t v)
{
    x64_le(a, &v, 8);
}

/* The core forms. w is the operand size in bits (8, 16, 32, 64); for SSE
 * opcodes 64 sets REX.W (movq, cvtsi2sd from a 64-bit register). reg is a
 * register or, for group opcodes, the ModRM.reg extension (ext). */
void x64_rr(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
            unsigned rm);
void x64_rm(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
            const struct x64_mem *m);
void x64_ext_r(struct x64_asm *a, uint32_t xo, unsigned w, unsigned ext,
               unsigned rm);
void x64_ext_m(struct x64_asm *a, uint32_t xo, unsigned w, unsigned ext,
               const struct x64_mem *m);
/* VEX-encoded three-operand form (FMA): dst, src1 (VEX.vvvv), src2. */
void x64_vex_rrr(struct x64_asm *a, uint32_t xo, bool w, unsigned dst,
                 unsigned src1, unsigned src2);

/* Common instructions. */
void x64_mov_rr(struct x64_asm *a, unsigned w, unsigned dst, unsigned src);
void x64_mov_ri(struct x64_asm *a, unsigned w, unsigned dst, uint64_t imm);
void x64_load(struct x64_asm *a, unsigned w, unsigned dst,
              const struct x64_mem *m);
void x64_store(struct x64_asm *a, unsigned w, const struct x64_mem *m,
               unsigned src);
void x64_alu_rr(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, unsigned src);
void x64_alu_rm(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, const struct x64_mem *m);
void x64_alu_ri(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, int32_t imm);
void x64_alu_mi(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                const struct x64_mem *m, int32_t imm);
void x64_shift_ri(struct x64_asm *a, enum x64_shift op, unsigned w,
                  unsigned dst, unsigned count);
void x64_shift_rcl(struct x64_asm *a, enum x64_shift op, unsigned w,
                   unsigned dst);
void x64_setcc(struct x64_asm *a, enum x64_cc cc, unsigned dst);
void x64_bswap(struct x64_asm *a, unsigned w, unsigned reg);
void x64_movzx8(struct x64_asm *a, unsigned dst, unsigned src);

/* Jumps. The 32-bit forms return the offset of their rel32 field, to be
 * resolved with x64_patch32 once the target is known; the 8-bit forms
 * likewise with x64_patch8. */
size_t x64_jcc32(struct x64_asm *a, enum x64_cc cc);
size_t x64_jmp32(struct x64_asm *a);
size_t x64_jcc8(struct x64_asm *a, enum x64_cc cc);
size_t x64_jmp8(struct x64_asm *a);
void x64_patch32(struct x64_asm *a, size_t field, size_t target);
/* A jump to target, already emitted: the short form when in reach. */
void x64_jmp_back(struct x64_asm *a, size_t target);
void x64_patch8(struct x64_asm *a, size_t field, size_t target);
/* A jump or call to an absolute host address: rel32 when in reach, else
 * through r11 (jump) or rax (call). */
void x64_jmp_abs(struct x64_asm *a, uintptr_t target);
void x64_call_abs(struct x64_asm *a, uintptr_t target);

#endif
