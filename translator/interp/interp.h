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

#endif
