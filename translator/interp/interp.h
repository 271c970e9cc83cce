/* translator/interp: the reference IR interpreter, in portable C. It is the
 * oracle for differential tests and the back end when the JIT is off. */
#ifndef FERRY_TRANSLATOR_INTERP_H
#define FERRY_TRANSLATOR_INTERP_H

#include "translator/translator.h"

/* Runs block b on the CPU state env (which starts with struct cpu_common)
 * from its first op until an exit op, and says how it ended. Guest memory
 * is addressed at ((struct cpu_common *)env)->guest_base + guest address.
 * The FP environment (rounding mode, accrued flags) is the calling
 * thread's. */
void interp_run(const struct ir_block *b, void *env, struct run_result *out);
/* interp_run for a block decoded from guest code [lo, hi) that nothing
 * protects against writes: after an instruction writes into that range,
 * the block stops before the next one (pc there, RUN_GOTO, slot -1), so
 * what follows is decoded again from the new bytes. */
void interp_run_watched(const struct ir_block *b, void *env, gva lo, gva hi,
                        struct run_result *out);

/* What a run checks besides the block's own ops, so a block can run
 * straight from the frontend, without a rewritten copy holding the
 * checks as ops (most blocks of a short program run once). */
struct interp_checks {
    gva watch_lo, watch_hi; /* as interp_run_watched; hi 0: none */
    /* Nonzero: an access with any byte at or above it goes to guest
     * address 0 instead (never mapped), so it faults at its own
     * instruction and never reaches host memory beyond the guest's. */
    gva limit;
    /* Each instruction's pc goes to the state's pc as it starts, so the
     * state names the running instruction when an access faults. */
    bool mark_pcs;
};

void interp_run_checked(const struct ir_block *b, void *env,
                        const struct interp_checks *c,
                        struct run_result *out);

#endif
