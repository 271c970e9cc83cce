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

#endif
