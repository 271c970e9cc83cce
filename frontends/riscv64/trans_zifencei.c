/* frontends/riscv64/trans_zifencei.c: Zifencei (RISC-V unpriv. spec
 * chapter 6): fence.i. */
#include "frontends/riscv64/rv_internal.h"

/* fence.i makes earlier stores visible to instruction fetch. The block
 * ends with IR_EXIT_FLUSH_CODE whose pc is the NEXT instruction's
 * (pc + 4): the fence.i itself is complete, so the runtime drops stale
 * translations and simply resumes at the exit's pc, with no need to know
 * the instruction's length. The imm, rs1 and rd fields are reserved and
 * ignored (6.1). */
static bool trans_fence_i(struct rv_dc *dc, const struct rv_args *a)
{
    (void)a;
    ir_exit(dc->ir, IR_EXIT_FLUSH_CODE, dc->pc + dc->len);
    dc->ended = true;
    return true;
}

const struct rv_pattern rv_patterns_zifencei[] = {
    {"fence.i", 0x0000707fu, 0x0000100f, RV_FMT_NONE, RV_F_ZIFENCEI,
     trans_fence_i, ""},
    {NULL, 0, 0, RV_FMT_NONE, 0, NULL, NULL},
};
