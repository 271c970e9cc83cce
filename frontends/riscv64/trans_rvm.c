/* frontends/riscv64/trans_rvm.c: the "M" extension, integer multiply and
 * divide (RISC-V unpriv. spec chapter 7). IR division already has the
 * RISC-V results for division by zero and overflow (spec table 7.1). */
#include "frontends/riscv64/rv_internal.h"

static bool gen_m(struct rv_dc *dc, const struct rv_args *a, enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get(dc, a->rs1),
                         rv_gpr_get(dc, a->rs2));

    rv_gpr_set(dc, a->rd, r);
    return true;
}

/* The *W forms work on the low 32 bits and sign-extend the 32-bit result. */
static bool gen_m_w(struct rv_dc *dc, const struct rv_args *a,
                    enum ir_opc opc)
{
    ir_temp r = ir_binop(dc->ir, opc, rv_gpr_get32(dc, a->rs1),
                         rv_gpr_get32(dc, a->rs2));

    rv_gpr_set_sext32(dc, a->rd, r);
    return true;
}

#define RV_TRANS(name, gen, arg)                                          \
    static bool trans_##name(struct rv_dc *dc, const struct rv_args *a)   \
    {                                                                     \
        return gen(dc, a, arg);                                           \
    }

RV_TRANS(mul, gen_m, IR_MUL)
RV_TRANS(mulh, gen_m, IR_MULHS)
RV_TRANS(mulhsu, gen_m, IR_MULHSU)
RV_TRANS(mulhu, gen_m, IR_MULHU)
RV_TRANS(div, gen_m, IR_DIVS)
RV_TRANS(divu, gen_m, IR_DIVU)
RV_TRANS(rem, gen_m, IR_REMS)
RV_TRANS(remu, gen_m, IR_REMU)
RV_TRANS(mulw, gen_m_w, IR_MUL)
RV_TRANS(divw, gen_m_w, IR_DIVS)
RV_TRANS(divuw, gen_m_w, IR_DIVU)
RV_TRANS(remw, gen_m_w, IR_REMS)
RV_TRANS(remuw, gen_m_w, IR_REMU)

#define M_F7 0xfe00707fu
#define M(n, match) {#n, M_F7, match, RV_FMT_R, RV_F_M, trans_##n, "d,s,t"}

const struct rv_pattern rv_patterns_rvm[] = {
    M(mul, 0x02000033),
    M(mulh, 0x02001033),
    M(mulhsu, 0x02002033),
    M(mulhu, 0x02003033),
    M(div, 0x02004033),
    M(divu, 0x02005033),
    M(rem, 0x02006033),
    M(remu, 0x02007033),
    M(mulw, 0x0200003b),
    M(divw, 0x0200403b),
    M(divuw, 0x0200503b),
    M(remw, 0x0200603b),
    M(remuw, 0x0200703b),
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
