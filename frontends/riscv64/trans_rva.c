/* frontends/riscv64/trans_rva.c: the "A" extension (RISC-V unpriv. spec
 * chapter 8): LR/SC on a reservation kept in the CPU state, and AMOs as
 * IR atomic read-modify-writes. Misaligned atomics fault: checked here,
 * before the access, as IR_EXIT_MISALIGNED. */
#include "frontends/riscv64/rv_internal.h"

/* An AMO or LR/SC on an address that is not a multiple of its size
 * raises an address-misaligned exception (unpriv. spec 8.2, 8.4: without
 * Zam), which Linux never emulates for atomics: SIGBUS BUS_ADRALN at the
 * instruction, which has no effect (rd and the reservation unchanged). */
static void rv_check_atomic_addr(struct rv_dc *dc, ir_temp addr,
                                 unsigned size)
{
    rv_check_aligned(dc, addr, (1u << size) - 1);
}

/* The memop of an atomic access: .w results are sign-extended (8.2). */
static unsigned rv_amo_memop(const struct rv_args *a, unsigned size)
{
    unsigned mo = size | IR_MO_ALIGN;

    if (size == IR_MO_32)
        mo |= IR_MO_SIGN;
    if (a->aq)
        mo |= IR_MO_ACQ;
    if (a->rl)
        mo |= IR_MO_REL;
    return mo;
}

/* lr: load, then record the address and the value loaded. */
static bool gen_lr(struct rv_dc *dc, const struct rv_args *a, unsigned size)
{
    ir_temp addr = rv_gpr_get(dc, a->rs1), v;

    rv_check_atomic_addr(dc, addr, size);
    v = ir_load(dc->ir, IR_I64, rv_amo_memop(a, size) | IR_MO_EXCL, addr, 0);
    ir_set(dc->ir, RV_RES_ADDR_OFFSET, addr);
    ir_set(dc->ir, RV_RES_VAL_OFFSET, v);
    rv_gpr_set(dc, a->rd, v);
    return true;
}

/* sc: fails (rd = 1) unless the address is the reserved one and memory
 * still holds the value lr read, which a compare-and-swap checks and
 * replaces atomically; rd = 0 on success. Every sc clears the
 * reservation (8.3). */
static bool gen_sc(struct rv_dc *dc, const struct rv_args *a, unsigned size)
{
    struct ir_block *b = dc->ir;
    ir_temp addr = rv_gpr_get(dc, a->rs1), v = rv_gpr_get(dc, a->rs2);
    ir_temp res = ir_new_temp(b, IR_I64), expected, old;
    ir_label fail = ir_new_label(b), done = ir_new_label(b);

    rv_check_atomic_addr(dc, addr, size);
    ir_brcond(b, IR_NE, addr, ir_get(b, IR_I64, RV_RES_ADDR_OFFSET), fail);
    expected = ir_get(b, IR_I64, RV_RES_VAL_OFFSET);
    old = ir_cmpxchg(b, rv_amo_memop(a, size) | IR_MO_EXCL, addr, expected,
                     v);
    ir_mov(b, res, ir_setcond(b, IR_I64, IR_NE, old, expected));
    ir_br(b, done);
    ir_set_label(b, fail);
    ir_mov(b, res, rv_const64(dc, 1));
    ir_set_label(b, done);
    ir_set(b, RV_RES_ADDR_OFFSET, rv_const64(dc, RV_NO_RESERVATION));
    rv_gpr_set(dc, a->rd, res);
    return true;
}

static bool gen_amo(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_rmw rmw, unsigned size)
{
    ir_temp addr = rv_gpr_get(dc, a->rs1), old;

    rv_check_atomic_addr(dc, addr, size);
    old = ir_atomic_rmw(dc->ir, rmw, rv_amo_memop(a, size), addr,
                        rv_gpr_get(dc, a->rs2));
    rv_gpr_set(dc, a->rd, old);
    return true;
}

#define RV_TRANS_LRSC(name, gen, size)                                    \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, size);                                          \
    }
#define RV_TRANS_AMO(name, rmw)                                           \
    static bool trans_##name##_w(struct rv_dc *dc, const struct rv_args *a) \
    {                                                                     \
        return gen_amo(dc, a, rmw, IR_MO_32);                             \
    }                                                                     \
    static bool trans_##name##_d(struct rv_dc *dc, const struct rv_args *a) \
    {                                                                     \
        return gen_amo(dc, a, rmw, IR_MO_64);                             \
    }

RV_TRANS_LRSC(lr_w, gen_lr, IR_MO_32)
RV_TRANS_LRSC(lr_d, gen_lr, IR_MO_64)
RV_TRANS_LRSC(sc_w, gen_sc, IR_MO_32)
RV_TRANS_LRSC(sc_d, gen_sc, IR_MO_64)
RV_TRANS_AMO(amoswap, IR_RMW_XCHG)
RV_TRANS_AMO(amoadd, IR_RMW_ADD)
RV_TRANS_AMO(amoxor, IR_RMW_XOR)
RV_TRANS_AMO(amoand, IR_RMW_AND)
RV_TRANS_AMO(amoor, IR_RMW_OR)
RV_TRANS_AMO(amomin, IR_RMW_SMIN)
RV_TRANS_AMO(amomax, IR_RMW_SMAX)
RV_TRANS_AMO(amominu, IR_RMW_UMIN)
RV_TRANS_AMO(amomaxu, IR_RMW_UMAX)

/* opcode AMO (0x2f), funct3 010 (.w) or 011 (.d), funct5 in [31:27]. */
#define M_AMO 0xf800707fu
#define M_LR 0xf9f0707fu /* lr also needs rs2 == 0 */
#define A_W(n, f5, mask, ops)                                             \
    {#n ".w", mask, (f5) << 27 | 0x202f, RV_FMT_A, RV_F_A, trans_##n##_w, ops}
#define A_D(n, f5, mask, ops)                                             \
    {#n ".d", mask, (f5) << 27 | 0x302f, RV_FMT_A, RV_F_A, trans_##n##_d, ops}
#define A_WD(n, f5) A_W(n, f5, M_AMO, "d,t,(s)"), A_D(n, f5, M_AMO, "d,t,(s)")

const struct rv_pattern rv_patterns_rva[] = {
    A_W(lr, 0x02u, M_LR, "d,(s)"),
    A_D(lr, 0x02u, M_LR, "d,(s)"),
    A_WD(sc, 0x03u),
    A_WD(amoswap, 0x01u),
    A_WD(amoadd, 0x00u),
    A_WD(amoxor, 0x04u),
    A_WD(amoand, 0x0cu),
    A_WD(amoor, 0x08u),
    A_WD(amomin, 0x10u),
    A_WD(amomax, 0x14u),
    A_WD(amominu, 0x18u),
    A_WD(amomaxu, 0x1cu),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
