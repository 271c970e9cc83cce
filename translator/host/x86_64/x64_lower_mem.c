/* translator/host/x86_64/x64_lower_mem.c: lowering of guest memory ops:
 * loads, stores, compare-and-swap, read-modify-write atomics, fences.
 * Guest memory is [guest_base (r15) + address + offset]; x86 is TSO, so
 * only sequentially consistent stores and full fences need mfence. */
#include "translator/host/x86_64/x64_lower.h"

#include <stdlib.h>
#include <string.h>

#define A0 op->args[0]
#define A1 op->args[1]
#define A2 op->args[2]
#define A3 op->args[3]

/* [guest base + r + disp]; with a zero guest base (x64_zero_guest_base)
 * there is no base register. */
static struct x64_mem guest_at(unsigned r, int32_t disp)
{
    return x64_zero_guest_base ? x64_mem_bd(r, disp)
                               : x64_mem_bid(X64_GBASE, r, disp);
}

/* Guest address v (a constant) as a memory operand; may use rdx. */
static struct x64_mem guest_at_const(struct x64_ctx *c, uint64_t v)
{
    if (x64_fits_i32((int64_t)v) && !x64_zero_guest_base)
        return x64_mem_bd(X64_GBASE, (int32_t)v);
    x64_mov_ri(&c->a, 64, X64_RDX, v);
    return guest_at(X64_RDX, 0);
}

/* The guest address a + off as a memory operand; may use rdx and r11. */
static struct x64_mem guest_mem_unchecked(struct x64_ctx *c, ir_temp a,
                                          int64_t off)
{
    uint64_t v;
    unsigned r;

    if (x64_is_const(c, a)) {
        v = x64_const(c, a) + (uint64_t)off;
        return guest_at_const(c, v);
    }
    r = x64_src(c, a, X64_RDX);
    if (x64_fits_i32(off))
        return guest_at(r, (int32_t)off);
    x64_mov_ri(&c->a, 64, X64_R11, (uint64_t)off);
    x64_mov_rr(&c->a, 64, X64_RDX, r);
    x64_alu_rr(&c->a, X64_ADD, 64, X64_RDX, X64_R11);
    return guest_at(X64_RDX, 0);
}

static void add_cold_check(struct x64_ctx *c, size_t field, unsigned size,
                           unsigned bias)
{
    struct x64_cold_check *n;
    size_t cap = c->cold_cap ? 2 * c->cold_cap : 16;

    if (c->ncold == c->cold_cap) {
        n = realloc(c->cold, cap * sizeof *n);
        if (!n) {
            c->oom = true;
            return;
        }
        c->cold = n;
        c->cold_cap = cap;
    }
    c->cold[c->ncold++] = (struct x64_cold_check){
        field, x64_pos(&c->a), (uint8_t)size, (uint8_t)bias};
}

/* With a guard above the limit (host_set_guest_limit), an access through
 * an address value that passed the check at an offset at most TRUST_SPAN
 * away skips its own: the checked access succeeded, so it lay in [4096,
 * limit) (guest page 0 is never mapped), and this one lies in [0, limit +
 * TRUST_SPAN + 16): guest memory, or the guard, where it faults at its own
 * instruction like any unmapped guest address. */
#define TRUST_SPAN 4096

static bool trusted(const struct x64_ctx *c, ir_temp a, int64_t off)
{
    if (x64_guest_guard < TRUST_SPAN + 16 || !x64_fits_i32(off))
        return false;
    for (unsigned i = 0; i < c->nchecked; i++)
        if (c->checked[i].t == a &&
            (uint64_t)off - (uint64_t)c->checked[i].off + TRUST_SPAN <=
                2 * TRUST_SPAN)
            return true;
    return false;
}

/* Remembers a checked address (forgetting the oldest when full). */
static void note_checked(struct x64_ctx *c, ir_temp a, int64_t off)
{
    if (c->nchecked == X64_NCHECKED) {
        memmove(c->checked, c->checked + 1,
                (X64_NCHECKED - 1) * sizeof c->checked[0]);
        c->nchecked--;
    }
    c->checked[c->nchecked++] = (struct x64_checked){a, off, c->op_index};
}

void x64_checks_at_label(struct x64_ctx *c, ir_label l)
{
    unsigned k = 0;

    for (unsigned i = 0; i < c->nchecked; i++)
        if (c->checked[i].at < c->label_first_branch[l])
            c->checked[k++] = c->checked[i];
    c->nchecked = k;
}

/* With a guest limit, an access with any byte at or above it must fault
 * at its own instruction without touching host memory outside the
 * guest's: it goes to guest address 0, which is never mapped. The fast
 * path is rdx = address (+ bias for accesses wider than 8 bytes), then
 * "cmp rdx, limit - 8; ja cold": the cold path (x64_emit_cold_checks)
 * checks the exact size, and zeroes the address if the access is out. */
static struct x64_mem guest_mem(struct x64_ctx *c, ir_temp a, int64_t off,
                                unsigned size)
{
    uint64_t lim = x64_guest_limit;
    unsigned bias = size > 8 ? size - 8 : 0;
    int64_t disp = off + bias;
    size_t field;

    if (!lim)
        return guest_mem_unchecked(c, a, off);
    if (x64_is_const(c, a)) {
        uint64_t v = x64_const(c, a) + (uint64_t)off;

        if (v > lim - size) /* always out: fault at guest address 0 */
            return guest_at_const(c, 0);
        return guest_mem_unchecked(c, a, off);
    }
    if (trusted(c, a, off))
        return guest_at(x64_src(c, a, X64_RDX), (int32_t)off);
    note_checked(c, a, off);
    if (x64_fits_i32(disp)) {
        struct x64_mem m = x64_mem_bd(x64_src(c, a, X64_RDX), (int32_t)disp);

        if (disp)
            x64_rm(&c->a, XO_LEA, 64, X64_RDX, &m);
        else if (m.base != X64_RDX)
            x64_mov_rr(&c->a, 64, X64_RDX, m.base);
    } else {
        unsigned r = x64_src(c, a, X64_RDX);

        x64_mov_ri(&c->a, 64, X64_R11, (uint64_t)disp);
        x64_mov_rr(&c->a, 64, X64_RDX, r);
        x64_alu_rr(&c->a, X64_ADD, 64, X64_RDX, X64_R11);
    }
    x64_alu_rr(&c->a, X64_CMP, 64, X64_RDX, X64_LIMIT);
    field = x64_jcc32(&c->a, X64_CC_A);
    add_cold_check(c, field, size, bias);
    return guest_at(X64_RDX, -(int32_t)bias);
}

/* Each cold path: for accesses narrower than 8 bytes, in after all if
 * rdx - (8 - size) <= limit - 8 (rdx > limit - 8 here, so no wrap);
 * otherwise out: rdx = bias makes the access one of guest address 0. */
void x64_emit_cold_checks(struct x64_ctx *c)
{
    for (size_t i = 0; i < c->ncold; i++) {
        const struct x64_cold_check *k = &c->cold[i];
        size_t out = 0;

        x64_patch32(&c->a, k->field, x64_pos(&c->a));
        if (k->size < 8) {
            x64_alu_ri(&c->a, X64_SUB, 64, X64_RDX, 8 - k->size);
            x64_alu_rr(&c->a, X64_CMP, 64, X64_RDX, X64_LIMIT);
            out = x64_jcc8(&c->a, X64_CC_A);
            x64_alu_ri(&c->a, X64_ADD, 64, X64_RDX, 8 - k->size);
            x64_jmp_back(&c->a, k->back);
            x64_patch8(&c->a, out, x64_pos(&c->a));
        }
        /* The flags are dead here (the check's cmp set them): xor is
         * the short way to zero rdx. */
        if (k->bias)
            x64_mov_ri(&c->a, 32, X64_RDX, k->bias);
        else
            x64_alu_rr(&c->a, X64_XOR, 32, X64_RDX, X64_RDX);
        x64_jmp_back(&c->a, k->back);
    }
}

/* reg = the size-byte value at m, sign- or zero-extended to w bits (the
 * upper half of a 32-bit value stays zero). */
static void load_ext(struct x64_asm *a, unsigned reg, const struct x64_mem *m,
                     unsigned size, bool sign, unsigned w)
{
    if (size == 0)
        x64_rm(a, sign ? XO_MOVSX8 : XO_MOVZX8, sign ? w : 32, reg, m);
    else if (size == 1)
        x64_rm(a, sign ? XO_MOVSX16 : XO_MOVZX16, sign ? w : 32, reg, m);
    else if (size == 2 && sign && w == 64)
        x64_rm(a, XO_MOVSXD, 64, reg, m);
    else
        x64_rm(a, XO_MOV_rm, size == 3 ? 64 : 32, reg, m);
}

/* The same extension of the low size bytes of reg, in place. */
static void extend(struct x64_asm *a, unsigned reg, unsigned size, bool sign,
                   unsigned w)
{
    if (size == 0)
        x64_rr(a, sign ? XO_MOVSX8 : XO_MOVZX8, sign ? w : 32, reg, reg);
    else if (size == 1)
        x64_rr(a, sign ? XO_MOVSX16 : XO_MOVZX16, sign ? w : 32, reg, reg);
    else if (size == 2 && sign && w == 64)
        x64_rr(a, XO_MOVSXD, 64, reg, reg);
    else if (size == 2)
        x64_mov_rr(a, 32, reg, reg);
}

/* movzx/movsx from an 8-bit register also need REX for sil/dil: the
 * registers used here (rax, r11) never do. */

static void lower_load(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type ty = (enum ir_type)op->type;
    unsigned size = op->aux & IR_MO_SIZE;
    unsigned r = x64_dst_op(c, op, x64_is_float(ty) ? X64_XTMP0 : X64_RAX);
    struct x64_mem m = guest_mem(c, A1, (int64_t)op->imm, 1u << size);

    if (x64_is_float(ty))
        x64_load_type(&c->a, ty, r, &m);
    else
        load_ext(&c->a, r, &m, size, op->aux & IR_MO_SIGN, x64_width(ty));
    x64_dst_done(c, A0, r);
}

static void mfence(struct x64_asm *a)
{
    x64_byte(a, 0x0f);
    x64_byte(a, 0xae);
    x64_byte(a, 0xf0);
}

static bool is_seq_cst(uint32_t memop)
{
    return (memop & (IR_MO_ACQ | IR_MO_REL)) == (IR_MO_ACQ | IR_MO_REL);
}

static void lower_store(struct x64_ctx *c, const struct ir_op *op)
{
    enum ir_type ty = (enum ir_type)op->type;
    unsigned size = op->aux & IR_MO_SIZE;
    unsigned v = x64_src(c, A2, x64_is_float(ty) ? X64_XTMP0 : X64_RAX);
    struct x64_mem m = guest_mem(c, A1, (int64_t)op->imm, 1u << size);

    if (x64_is_float(ty))
        x64_store_type(&c->a, ty, &m, v);
    else
        x64_store(&c->a, 8u << size, &m, v);
    if (is_seq_cst(op->aux))
        mfence(&c->a);
}

static void lock(struct x64_asm *a)
{
    x64_byte(a, 0xf0);
}

/* Locked r/m, reg forms by size: byte opcodes are one less. */
static void locked_op(struct x64_asm *a, uint32_t xo, unsigned size,
                      const struct x64_mem *m, unsigned reg)
{
    lock(a);
    x64_rm(a, size == 0 ? xo - 1 : xo, 8u << size, reg, m);
}

static void lower_cmpxchg(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned size = op->aux & IR_MO_SIZE, w = x64_width(op->type);
    struct x64_mem m;

    x64_load_temp(c, X64_RCX, A3);
    x64_load_temp(c, X64_RAX, A2);
    m = guest_mem(c, A1, 0, 1u << size);
    locked_op(&c->a, XO_CMPXCHG, size, &m, X64_RCX);
    extend(&c->a, X64_RAX, size, op->aux & IR_MO_SIGN, w);
    x64_dst_done(c, A0, X64_RAX);
}

/* new (r11) = old (rax) <rmw> b (rcx), for the ops without an x86 form.
 * Min and max compare the values extended to 64 bits. */
static void rmw_combine(struct x64_asm *a, enum ir_rmw rmw, unsigned size)
{
    bool sign = rmw == IR_RMW_SMIN || rmw == IR_RMW_SMAX;
    static const uint8_t cc[IR_NRMWS] = {
        [IR_RMW_SMIN] = X64_CC_G, [IR_RMW_SMAX] = X64_CC_L,
        [IR_RMW_UMIN] = X64_CC_A, [IR_RMW_UMAX] = X64_CC_B,
    };

    x64_mov_rr(a, 64, X64_R11, X64_RAX);
    switch (rmw) {
    case IR_RMW_AND: x64_alu_rr(a, X64_AND, 64, X64_R11, X64_RCX); break;
    case IR_RMW_OR: x64_alu_rr(a, X64_OR, 64, X64_R11, X64_RCX); break;
    case IR_RMW_XOR: x64_alu_rr(a, X64_XOR, 64, X64_R11, X64_RCX); break;
    default:
        extend(a, X64_R11, size, sign, 64);
        x64_alu_rr(a, X64_CMP, 64, X64_R11, X64_RCX);
        x64_rr(a, XO_CMOV + cc[rmw], 64, X64_R11, X64_RCX);
        break;
    }
}

/* A compare-and-swap loop: load, combine, lock cmpxchg, retry on a race
 * (cmpxchg reloads rax with the current value when it fails). */
static void rmw_loop(struct x64_ctx *c, const struct ir_op *op,
                     const struct x64_mem *m, unsigned size)
{
    enum ir_rmw rmw = (enum ir_rmw)op->cond;
    size_t top, back;

    if (rmw >= IR_RMW_SMIN)
        extend(&c->a, X64_RCX, size, rmw <= IR_RMW_SMAX, 64);
    load_ext(&c->a, X64_RAX, m, size, false, 64);
    top = x64_pos(&c->a);
    rmw_combine(&c->a, rmw, size);
    locked_op(&c->a, XO_CMPXCHG, size, m, X64_R11);
    back = x64_jcc8(&c->a, X64_CC_NE);
    x64_patch8(&c->a, back, top);
}

static void lower_rmw(struct x64_ctx *c, const struct ir_op *op)
{
    unsigned size = op->aux & IR_MO_SIZE, w = x64_width(op->type);
    struct x64_mem m;

    x64_load_temp(c, op->cond == IR_RMW_XCHG || op->cond == IR_RMW_ADD
                         ? X64_RAX
                         : X64_RCX,
                  A2);
    m = guest_mem(c, A1, 0, 1u << size);
    if (op->cond == IR_RMW_XCHG) /* xchg with memory is always locked */
        x64_rm(&c->a, size == 0 ? XO_XCHG8 : XO_XCHG, 8u << size, X64_RAX,
               &m);
    else if (op->cond == IR_RMW_ADD)
        locked_op(&c->a, XO_XADD, size, &m, X64_RAX);
    else
        rmw_loop(c, op, &m, size);
    extend(&c->a, X64_RAX, size, op->aux & IR_MO_SIGN, w);
    x64_dst_done(c, A0, X64_RAX);
}

/* TSO already orders everything but a store before a later load: only a
 * full (or unspecified) barrier needs mfence. */
static void lower_fence(struct x64_ctx *c, const struct ir_op *op)
{
    if (is_seq_cst(op->aux) || !(op->aux & (IR_MO_ACQ | IR_MO_REL)))
        mfence(&c->a);
}

bool x64_lower_mem(struct x64_ctx *c, const struct ir_op *op)
{
    switch (op->opc) {
    case IR_LOAD: lower_load(c, op); break;
    case IR_STORE: lower_store(c, op); break;
    case IR_CMPXCHG: lower_cmpxchg(c, op); break;
    case IR_ATOMIC_RMW: lower_rmw(c, op); break;
    case IR_FENCE: lower_fence(c, op); break;
    default: return false;
    }
    return true;
}
