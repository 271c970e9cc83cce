/* frontends/riscv64/rv_tables.c: the pattern tables the decoder searches,
 * in order. A table is listed once its extension's file exists.
 * F/D: add rv_patterns_rvf/rvd here (and trans_rvf.c / trans_rvd.c to
 * frontends/riscv64/local.mk). */
#include "frontends/riscv64/rv_internal.h"

const struct rv_pattern *const rv_pattern_tables[] = {
    rv_patterns_rvi,
    rv_patterns_rvm,
    rv_patterns_rva,
    rv_patterns_rvf,
    rv_patterns_rvd,
    rv_patterns_zicsr,
    rv_patterns_zifencei,
    rv_patterns_zb,
    rv_patterns_zicond,
    NULL,
};
