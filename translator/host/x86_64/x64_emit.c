/* translator/host/x86_64/x64_emit.c: the x86-64 instruction encoder
 * (Intel SDM vol. 2, 2.1-2.3: legacy prefixes, REX, opcode, ModRM, SIB,
 * displacement, immediate; VEX for FMA). */
#include "translator/host/x86_64/x64_emit.h"

#include <string.h>

void x64_asm_init(struct x64_asm *a, uint8_t *rw, uintptr_t rx, size_t cap)
{
    a->buf = a->p = rw;
    a->end = rw + cap;
    a->rx = rx;
    a->overflow = false;
}

void x64_bytes_slow(struct x64_asm *a, const uint8_t *bytes, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        x64_byte(a, bytes[i]);
}

/* Byte operations on spl/bpl/sil/dil need a REX prefix, even an empty one
 * (without it the encodings mean ah/ch/dh/bh). */
static bool needs_rex8(unsigned w, int reg)
{
    return w == 8 && reg >= 4 && reg < 8;
}

/* Instructions are put together in a small buffer and written with one
 * x64_put. */
struct x64_ins {
    uint8_t b[16];
    unsigned n;
};

/* Prefixes, REX and opcode bytes. rex_rxb holds REX.R/X/B already. */
static void emit_head(struct x64_ins *in, uint32_t xo, unsigned w,
                      unsigned rex_rxb, bool force_rex)
{
    unsigned pfx = xo >> 16 & 0xff, map = xo >> 8 & 0xff;
    unsigned rex = rex_rxb | (w == 64 ? 8 : 0), n = 0;

    if (w == 16)
        in->b[n++] = 0x66;
    if (pfx)
        in->b[n++] = (uint8_t)pfx;
    if (rex || force_rex)
        in->b[n++] = (uint8_t)(0x40 | rex);
    if (map) {
        in->b[n++] = 0x0f;
        if (map == 2)
            in->b[n++] = 0x38;
        else if (map == 3)
            in->b[n++] = 0x3a;
    }
    in->b[n++] = (uint8_t)xo;
    in->n = n;
}

/* ModRM (+ SIB + displacement) for a memory operand. */
static void emit_modrm_mem(struct x64_ins *in, unsigned reg,
                           const struct x64_mem *m)
{
    unsigned base = m->base & 7, mod, n = in->n;
    bool sib = m->index != X64_NOREG || base == 4;

    if (m->disp == 0 && base != 5)
        mod = 0;
    else if (x64_fits_i8(m->disp))
        mod = 1;
    else
        mod = 2;
    in->b[n++] = (uint8_t)(mod << 6 | (reg & 7) << 3 | (sib ? 4 : base));
    if (sib)
        in->b[n++] = (uint8_t)((m->scale & 3) << 6 |
                               (m->index == X64_NOREG ? 4 : (m->index & 7))
                                   << 3 |
                               base);
    if (mod == 1) {
        in->b[n++] = (uint8_t)m->disp;
    } else if (mod == 2) {
        uint32_t d = (uint32_t)m->disp;

        memcpy(&in->b[n], &d, 4);
        n += 4;
    }
    in->n = n;
}

/* movzx/movsx read a byte register whatever their operand size. */
static bool byte_source(uint32_t xo)
{
    return xo == XO_MOVZX8 || xo == XO_MOVSX8;
}

static void emit_rr(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
                    bool reg_is_reg, unsigned rm)
{
    unsigned rxb = ((reg & 15) >> 3) << 2 | (rm & 15) >> 3;
    bool force = needs_rex8(byte_source(xo) ? 8 : w, rm) ||
                 (reg_is_reg && needs_rex8(w, reg));
    struct x64_ins in;

    emit_head(&in, xo, w, rxb, force);
    in.b[in.n++] = (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7));
    x64_put(a, in.b, in.n);
}

static void emit_rm(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
                    bool reg_is_reg, const struct x64_mem *m)
{
    unsigned x = m->index == X64_NOREG ? 0 : (m->index & 15) >> 3;
    unsigned rxb = ((reg & 15) >> 3) << 2 | x << 1 | (m->base & 15) >> 3;
    struct x64_ins in;

    emit_head(&in, xo, w, rxb, reg_is_reg && needs_rex8(w, reg));
    emit_modrm_mem(&in, reg, m);
    x64_put(a, in.b, in.n);
}

void x64_rr(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
            unsigned rm)
{
    emit_rr(a, xo, w, reg, true, rm);
}

void x64_rm(struct x64_asm *a, uint32_t xo, unsigned w, unsigned reg,
            const struct x64_mem *m)
{
    emit_rm(a, xo, w, reg, true, m);
}

void x64_ext_r(struct x64_asm *a, uint32_t xo, unsigned w, unsigned ext,
               unsigned rm)
{
    emit_rr(a, xo, w, ext, false, rm);
}

void x64_ext_m(struct x64_asm *a, uint32_t xo, unsigned w, unsigned ext,
               const struct x64_mem *m)
{
    emit_rm(a, xo, w, ext, false, m);
}

/* Three-byte VEX (C4): inverted R/X/B, map, W, inverted vvvv, L=0, pp. */
void x64_vex_rrr(struct x64_asm *a, uint32_t xo, bool w, unsigned dst,
                 unsigned src1, unsigned src2)
{
    unsigned pfx = xo >> 16 & 0xff, map = xo >> 8 & 0xff;
    unsigned pp = pfx == 0x66 ? 1 : pfx == 0xf3 ? 2 : pfx == 0xf2 ? 3 : 0;

    x64_byte(a, 0xc4);
    x64_byte(a, (~(dst & 15) >> 3 & 1) << 7 | 1 << 6 |
                    (~(src2 & 15) >> 3 & 1) << 5 | map);
    x64_byte(a, (unsigned)w << 7 | (~src1 & 15) << 3 | pp);
    x64_byte(a, xo & 0xff);
    x64_byte(a, 0xc0 | (dst & 7) << 3 | (src2 & 7));
}

void x64_mov_rr(struct x64_asm *a, unsigned w, unsigned dst, unsigned src)
{
    if (dst != src || w == 32)
        x64_rr(a, XO_MOV_rm, w == 64 ? 64 : 32, dst, src);
}

/* The shortest mov of an immediate: never xor, so flags survive. */
void x64_mov_ri(struct x64_asm *a, unsigned w, unsigned dst, uint64_t imm)
{
    if (w != 64)
        imm = (uint32_t)imm;
    if (imm == (uint32_t)imm) {
        if (dst >= 8)
            x64_byte(a, 0x41);
        x64_byte(a, 0xb8 + (dst & 7));
        x64_u32(a, (uint32_t)imm);
    } else if (x64_fits_i32((int64_t)imm)) {
        x64_ext_r(a, XO_MOV_mi, 64, 0, dst);
        x64_u32(a, (uint32_t)imm);
    } else {
        x64_byte(a, 0x48 | (dst >> 3));
        x64_byte(a, 0xb8 + (dst & 7));
        x64_u64(a, imm);
    }
}

/* Loads zero-extend: 8 and 16 bits with movzx, 32 by the 32-bit mov. */
void x64_load(struct x64_asm *a, unsigned w, unsigned dst,
              const struct x64_mem *m)
{
    if (w == 8)
        x64_rm(a, XO_MOVZX8, 32, dst, m);
    else if (w == 16)
        x64_rm(a, XO_MOVZX16, 32, dst, m);
    else
        x64_rm(a, XO_MOV_rm, w, dst, m);
}

void x64_store(struct x64_asm *a, unsigned w, const struct x64_mem *m,
               unsigned src)
{
    x64_rm(a, w == 8 ? XO_MOV8_mr : XO_MOV_mr, w, src, m);
}

void x64_alu_rr(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, unsigned src)
{
    x64_rr(a, X64_XO(0, 0, op * 8 + 3), w, dst, src);
}

void x64_alu_rm(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, const struct x64_mem *m)
{
    x64_rm(a, X64_XO(0, 0, op * 8 + 3), w, dst, m);
}

void x64_alu_ri(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                unsigned dst, int32_t imm)
{
    if (x64_fits_i8(imm)) {
        x64_ext_r(a, XO_GRP1_i8, w, op, dst);
        x64_byte(a, (uint8_t)imm);
    } else {
        x64_ext_r(a, XO_GRP1_i32, w, op, dst);
        x64_u32(a, (uint32_t)imm);
    }
}

void x64_alu_mi(struct x64_asm *a, enum x64_grp1 op, unsigned w,
                const struct x64_mem *m, int32_t imm)
{
    if (x64_fits_i8(imm)) {
        x64_ext_m(a, XO_GRP1_i8, w, op, m);
        x64_byte(a, (uint8_t)imm);
    } else {
        x64_ext_m(a, XO_GRP1_i32, w, op, m);
        x64_u32(a, (uint32_t)imm);
    }
}

void x64_shift_ri(struct x64_asm *a, enum x64_shift op, unsigned w,
                  unsigned dst, unsigned count)
{
    x64_ext_r(a, XO_SHIFT_i8, w, op, dst);
    x64_byte(a, count);
}

void x64_shift_rcl(struct x64_asm *a, enum x64_shift op, unsigned w,
                   unsigned dst)
{
    x64_ext_r(a, XO_SHIFT_cl, w, op, dst);
}

void x64_setcc(struct x64_asm *a, enum x64_cc cc, unsigned dst)
{
    x64_ext_r(a, XO_SETCC + cc, 8, 0, dst);
}

/* 0F C8+rd: the register is in the opcode byte. */
void x64_bswap(struct x64_asm *a, unsigned w, unsigned reg)
{
    if (w == 64 || reg >= 8)
        x64_byte(a, 0x40 | (w == 64 ? 8 : 0) | reg >> 3);
    x64_byte(a, 0x0f);
    x64_byte(a, 0xc8 + (reg & 7));
}

void x64_movzx8(struct x64_asm *a, unsigned dst, unsigned src)
{
    x64_rr(a, XO_MOVZX8, 32, dst, src);
}

size_t x64_jcc32(struct x64_asm *a, enum x64_cc cc)
{
    x64_byte(a, 0x0f);
    x64_byte(a, 0x80 + cc);
    x64_u32(a, 0);
    return x64_pos(a) - 4;
}

size_t x64_jmp32(struct x64_asm *a)
{
    x64_byte(a, 0xe9);
    x64_u32(a, 0);
    return x64_pos(a) - 4;
}

size_t x64_jcc8(struct x64_asm *a, enum x64_cc cc)
{
    x64_byte(a, 0x70 + cc);
    x64_byte(a, 0);
    return x64_pos(a) - 1;
}

size_t x64_jmp8(struct x64_asm *a)
{
    x64_byte(a, 0xeb);
    x64_byte(a, 0);
    return x64_pos(a) - 1;
}

void x64_patch32(struct x64_asm *a, size_t field, size_t target)
{
    int32_t rel = (int32_t)((int64_t)target - (int64_t)(field + 4));

    if (a->buf + field + 4 <= a->end)
        memcpy(a->buf + field, &rel, 4);
}

void x64_jmp_back(struct x64_asm *a, size_t target)
{
    int64_t rel8 = (int64_t)target - (int64_t)(x64_pos(a) + 2);

    if (x64_fits_i8(rel8)) {
        x64_byte(a, 0xeb);
        x64_byte(a, (uint8_t)rel8);
    } else {
        x64_patch32(a, x64_jmp32(a), target);
    }
}

void x64_patch8(struct x64_asm *a, size_t field, size_t target)
{
    int64_t rel = (int64_t)target - (int64_t)(field + 1);

    if (!x64_fits_i8(rel))
        __builtin_trap(); /* emulator bug: a short jump too long */
    if (a->buf + field + 1 <= a->end)
        a->buf[field] = (uint8_t)rel;
}

/* rel32 from the end of an instruction of len bytes starting here. */
static bool rel32_reach(const struct x64_asm *a, unsigned len,
                        uintptr_t target, int32_t *rel)
{
    int64_t d = (int64_t)(target - (a->rx + x64_pos(a) + len));

    *rel = (int32_t)d;
    return x64_fits_i32(d);
}

void x64_jmp_abs(struct x64_asm *a, uintptr_t target)
{
    int32_t rel;

    if (rel32_reach(a, 5, target, &rel)) {
        x64_byte(a, 0xe9);
        x64_u32(a, (uint32_t)rel);
        return;
    }
    x64_mov_ri(a, 64, X64_R11, target);
    x64_ext_r(a, XO_GRP5, 32, 4, X64_R11);
}

void x64_call_abs(struct x64_asm *a, uintptr_t target)
{
    int32_t rel;

    if (rel32_reach(a, 5, target, &rel)) {
        x64_byte(a, 0xe8);
        x64_u32(a, (uint32_t)rel);
        return;
    }
    x64_mov_ri(a, 64, X64_RAX, target);
    x64_ext_r(a, XO_GRP5, 32, 2, X64_RAX);
}
