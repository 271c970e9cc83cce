/* frontends/riscv64/trans_zicond.c: Zicond, integer conditional
 * operations (RISC-V unpriv. spec, "Zicond" chapter). */
#include "frontends/riscv64/rv_internal.h"

/* rd = (rs2 cond 0) ? 0 : rs1. */
static bool gen_czero(struct rv_dc *dc, const struct rv_args *a,
                      enum ir_cond c)
{
    ir_temp zero = rv_const64(dc, 0);

    rv_gpr_set(dc, a->rd, ir_select(dc->ir, c, rv_gpr_get(dc, a->rs2), zero,
                                    zero, rv_gpr_get(dc, a->rs1)));
    return true;
}

static bool trans_czero_eqz(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_czero(dc, a, IR_EQ);
}

static bool trans_czero_nez(struct rv_dc *dc, const struct rv_args *a)
{
    return gen_czero(dc, a, IR_NE);
}

const struct rv_pattern rv_patterns_zicond[] = {
    {"czero.eqz", 0xfe00707fu, 0x0e005033, RV_FMT_R, RV_F_ZICOND,
     trans_czero_eqz, "d,s,t"},
    {"czero.nez", 0xfe00707fu, 0x0e007033, RV_FMT_R, RV_F_ZICOND,
     trans_czero_nez, "d,s,t"},
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
