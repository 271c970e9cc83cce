/* frontends/riscv64/trans_zicsr.c: Zicsr (RISC-V unpriv. spec chapter 9)
 * on the CSRs user code has: fflags, frm, fcsr (the F state in struct
 * rv_cpu) and the Zicntr counters cycle, time, instret (read-only). */
#include <time.h>

#include "frontends/riscv64/rv_fp.h"

enum rv_csr_op { RV_CSR_W, RV_CSR_S, RV_CSR_C };

/* --- the counters (chapter 10, Zicntr) ------------------------------------
 * time counts at 10 MHz, the timebase-frequency of the usual riscv64
 * boards (100 ns ticks of CLOCK_MONOTONIC); cycle and instret count the
 * CLOCK_MONOTONIC nanoseconds, a 1 GHz hart retiring one instruction per
 * cycle. All three are monotonic, as the spec requires. */
static uint64_t rv_helper_counter(void *env, uint64_t csr, uint64_t b,
                                  uint64_t c, uint64_t d)
{
    struct timespec ts;
    uint64_t ns;

    (void)env, (void)b, (void)c, (void)d;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return csr == 0xc01 ? ns / 100 : ns;
}

static const struct ir_helper rv_counter_helper = {
    "rv_counter", rv_helper_counter, 1, IR_I64, 0,
};

static ir_temp rv_read_counter(struct rv_dc *dc, unsigned csr)
{
    return ir_call(dc->ir, &rv_counter_helper, rv_const64(dc, csr),
                   IR_NO_TEMP, IR_NO_TEMP, IR_NO_TEMP);
}

/* --- the FP CSRs (11.2): fcsr = frm << 5 | fflags --------------------- */

static ir_temp rv_get32_as64(struct rv_dc *dc, uint32_t offset)
{
    return ir_convert(dc->ir, IR_ZEXT, IR_I64, ir_get(dc->ir, IR_I32, offset));
}

static void rv_set_field(struct rv_dc *dc, uint32_t offset, ir_temp v64,
                         unsigned shift, uint32_t mask)
{
    ir_temp v = ir_convert(dc->ir, IR_TRUNC, IR_I32, v64);

    if (shift)
        v = ir_binop(dc->ir, IR_SHR, v, rv_const32(dc, shift));
    ir_set(dc->ir, offset, ir_binop(dc->ir, IR_AND, v, rv_const32(dc, mask)));
}

static ir_temp rv_csr_read(struct rv_dc *dc, unsigned csr)
{
    ir_temp frm;

    switch (csr) {
    case 0x001: return rv_get32_as64(dc, RV_FFLAGS_OFFSET);
    case 0x002: return rv_get32_as64(dc, RV_FRM_OFFSET);
    case 0x003:
        frm = ir_binop(dc->ir, IR_SHL, rv_get32_as64(dc, RV_FRM_OFFSET),
                       rv_const64(dc, 5));
        return ir_binop(dc->ir, IR_OR, frm,
                        rv_get32_as64(dc, RV_FFLAGS_OFFSET));
    default: return rv_read_counter(dc, csr);
    }
}

/* Writes of the FP CSRs keep only their defined bits. */
static void rv_csr_write(struct rv_dc *dc, unsigned csr, ir_temp v)
{
    if (csr == 0x002 || csr == 0x003)
        dc->frm_rne = false; /* trans_fp_common.c tests it again */
    if (csr == 0x001 || csr == 0x003)
        rv_set_field(dc, RV_FFLAGS_OFFSET, v, 0, 0x1f);
    if (csr == 0x002)
        rv_set_field(dc, RV_FRM_OFFSET, v, 0, 7);
    if (csr == 0x003)
        rv_set_field(dc, RV_FRM_OFFSET, v, 5, 7);
}

/* The feature a CSR needs, 0 if the CSR does not exist. */
static uint64_t rv_csr_feature(unsigned csr, bool *read_only)
{
    *read_only = csr >= 0xc00;
    switch (csr) {
    case 0x001: case 0x002: case 0x003: return RV_F_F;
    case 0xc00: case 0xc01: case 0xc02: return RV_F_ZICNTR;
    default: return 0;
    }
}

/* csrrw/csrrs/csrrc of src: with writes false (csrrs/csrrc of x0 or of
 * uimm 0) the CSR is only read. An unknown or disabled CSR, or a write
 * to a read-only one, is illegal (9.1). */
static bool gen_csr(struct rv_dc *dc, const struct rv_args *a,
                    enum rv_csr_op op, ir_temp src, bool writes)
{
    bool read_only;
    uint64_t need = rv_csr_feature(a->csr, &read_only);
    ir_temp old, host = IR_NO_TEMP;

    if (!need || (dc->features & need) != need || (writes && read_only))
        return rv_illegal(dc);
    if (a->csr == 0x001 || a->csr == 0x003)
        host = rv_fp_fold_flags(dc);
    old = rv_csr_read(dc, a->csr);
    if (writes) {
        if (op == RV_CSR_S)
            src = ir_binop(dc->ir, IR_OR, old, src);
        else if (op == RV_CSR_C)
            src = ir_binop(dc->ir, IR_ANDC, old, src);
        rv_csr_write(dc, a->csr, src);
        if (host)
            rv_fp_drop_stale_flags(dc, host);
    }
    rv_gpr_set(dc, a->rd, old);
    return true;
}

static bool gen_csr_reg(struct rv_dc *dc, const struct rv_args *a,
                        enum rv_csr_op op)
{
    return gen_csr(dc, a, op, rv_gpr_get(dc, a->rs1),
                   op == RV_CSR_W || a->rs1 != 0);
}

static bool gen_csr_imm(struct rv_dc *dc, const struct rv_args *a,
                        enum rv_csr_op op)
{
    return gen_csr(dc, a, op, rv_const64(dc, a->rs1),
                   op == RV_CSR_W || a->rs1 != 0);
}

#define RV_TRANS(name, gen, arg)                                          \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, arg);                                           \
    }

RV_TRANS(csrrw, gen_csr_reg, RV_CSR_W)
RV_TRANS(csrrs, gen_csr_reg, RV_CSR_S)
RV_TRANS(csrrc, gen_csr_reg, RV_CSR_C)
RV_TRANS(csrrwi, gen_csr_imm, RV_CSR_W)
RV_TRANS(csrrsi, gen_csr_imm, RV_CSR_S)
RV_TRANS(csrrci, gen_csr_imm, RV_CSR_C)

#define M_F3 0x0000707fu
#define Z(n, f3, ops) {#n, M_F3, (f3) << 12 | 0x73, RV_FMT_CSR, RV_F_ZICSR, \
                       trans_##n, ops}

const struct rv_pattern rv_patterns_zicsr[] = {
    Z(csrrw, 1u, "d,E,s"),
    Z(csrrs, 2u, "d,E,s"),
    Z(csrrc, 3u, "d,E,s"),
    Z(csrrwi, 5u, "d,E,Z"),
    Z(csrrsi, 6u, "d,E,Z"),
    Z(csrrci, 7u, "d,E,Z"),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
