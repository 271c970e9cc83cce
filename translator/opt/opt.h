/* translator/opt/opt.h: the per-block IR optimizer. Each pass rewrites ops
 * in place (removed ops become IR_NOP) and keeps the IR valid. */
#ifndef FERRY_TRANSLATOR_OPT_H
#define FERRY_TRANSLATOR_OPT_H

#include "translator/ir.h"

/* Runs every pass below in a sensible order, then drops the IR_NOPs.
 * Guest-visible behaviour is unchanged: the same guest state at every
 * exit and every possible fault, the same memory accesses, the same FP
 * flags. */
void opt_block(struct ir_block *b);

/* Constant folding and propagation. A temp last assigned a constant (by
 * IR_MOV) is replaced by that constant in later uses, up to the next
 * IR_LABEL. An integer op whose sources are all constants becomes
 * IR_MOV of a new constant, with exactly the semantics of ir.h. A brcond
 * on two constants becomes IR_BR (taken) or IR_NOP, a select on two
 * constants a move of the arm it picks. FP ops (they depend on the
 * rounding mode and raise flags), memory ops and calls are never folded;
 * IR_BITCAST of a constant is, since it only relabels the bits. */
void opt_const_fold(struct ir_block *b);

/* Copy propagation: after "t = mov s", uses of t read s directly while
 * neither t nor s has been assigned again and no IR_LABEL came between. */
void opt_copy_prop(struct ir_block *b);

/* Algebraic identities with a constant or repeated operand (x + 0,
 * x * 1, x & 0, x ^ x, x - x, shifts by a multiple of the width,
 * select with equal arms, ...), exact for I32 and I64. The op becomes
 * IR_MOV of an operand or of a new constant (or a cheaper op). */
void opt_simplify(struct ir_block *b);

/* Guest-state forwarding: an IR_GET of the same offset and type as an
 * earlier IR_SET or IR_GET, with no IR_LABEL and no op that may write
 * guest state in between, becomes IR_MOV of the temp stored or loaded
 * (if that temp still holds the value). Any overlap with a different
 * offset or size is a conflict. Ops that only read state or may fault do
 * not stop forwarding: they leave the state as it was, and a fault
 * leaves the block. Under the same rule an IR_SET of the temp the slot
 * already holds (x = y; y = x) becomes IR_NOP. */
void opt_state_forward(struct ir_block *b);

/* Dead guest-state writes: an IR_SET whose bytes are all overwritten by a
 * later IR_SET before any op that may read guest state (an overlapping
 * IR_GET included), fault, exit or branch, or any IR_LABEL, becomes
 * IR_NOP. This keeps the state precise at every fault. */
void opt_state_dead_sets(struct ir_block *b);

/* Dead-code elimination by backward liveness over temps: an op whose
 * result is never used and that has no effect beyond it becomes IR_NOP.
 * Ops that may fault, raise FP flags, write state, branch or exit are
 * always kept. */
void opt_dce(struct ir_block *b);

/* opt_block's two halves. opt_forward does what opt_copy_prop,
 * opt_const_fold, opt_simplify and opt_state_forward do (each op
 * resolved, forwarded, folded and simplified in turn), in one walk,
 * and besides forwards plain guest-memory stores to loads of the same
 * bytes through the same base temp, and carries what it knows across a
 * label that nothing falls into and one branch reaches;
 * opt_backward does opt_state_dead_sets, opt_dce and opt_compact. */
void opt_forward(struct ir_block *b);
void opt_backward(struct ir_block *b);

/* Removes the IR_NOP ops, keeping the order of the others. */
void opt_compact(struct ir_block *b);

#endif
