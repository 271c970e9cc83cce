/* translator/host/host.h: what the rest of the translator sees of the host
 * back end: compile an IR block to host code, run it, chain blocks. Nothing
 * here depends on the host's instruction set. */
#ifndef FERRY_TRANSLATOR_HOST_H
#define FERRY_TRANSLATOR_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hostabi/hostabi.h"
#include "translator/ir.h"
#include "translator/translator.h"

/* No chain slot: host_block_info.chain_offset for a slot the block does not
 * use (or uses more than once, so it cannot be linked). */
#define HOST_NO_CHAIN UINT32_MAX

/* A guest state write the code leaves out because a later one in the same
 * straight-line stretch overwrites it (ir.h, "Precise state"): a fault
 * whose host pc lies in [start, end) (offsets in the block's code) must
 * first store the value into the state at state_off, taking it from where
 * the code keeps it then. kind, where and value are the back end's own
 * (host_recover_apply reads them). */
struct host_recover {
    uint32_t start, end;
    uint16_t state_off;
    uint8_t size;  /* bytes: 4 or 8 */
    uint8_t kind;
    uint32_t where;
    uint64_t value;
};

/* What host_compile() reports about the code it wrote. */
struct host_block_info {
    /* In: an array of insn_cap entries, or NULL. Out: for the i-th guest
     * instruction (IR_INSN_START op) the offset of its first host byte, for
     * mapping a fault in the block back to a guest pc. */
    uint32_t *insn_offsets;
    uint32_t insn_cap;
    /* Out: offset of each chain slot's patchable jump, or HOST_NO_CHAIN. */
    uint32_t chain_offset[IR_NSLOTS];
    /* Out: the writes a fault must make up for (the back end's array,
     * valid until its next host_compile on this thread). */
    const struct host_recover *recover;
    uint32_t nrecover;
};

/* At a fault at offset off of a block's code, with the interrupted
 * context (a ucontext_t): stores into env the values of the writes of
 * recover[0..n) whose range holds off. Async-signal-safe. */
void host_recover_apply(const struct host_recover *recover, uint32_t n,
                        uint32_t off, const void *context, void *env);

/* One-time set-up: writes the entry/exit trampolines at the start of m,
 * which must be writable (single view: exec_mem_set_writable(m, true));
 * the caller makes it executable afterwards. *used is the number of bytes
 * taken. Later host_* calls use these trampolines, so m must stay mapped.
 * Returns 0, or -ENOSPC if m is too small. Not thread-safe: call it once,
 * before any thread runs code. */
int host_init(struct exec_mem *m, size_t *used);

/* Compiles block b (which must pass ir_verify()) into at most cap bytes at
 * rw, code that will run at address rx. Returns the number of bytes
 * written, or 0 if the code does not fit in cap or the block needs more
 * spill space than the host frame has (the caller retries elsewhere or
 * splits the block). Fills info (may be NULL). */
size_t host_compile(const struct ir_block *b, uint8_t *rw, uintptr_t rx,
                    size_t cap, struct host_block_info *info);

/* Runs the code at rx (a host_compile() result, or a chain of them) on the
 * CPU state env (struct cpu_common first) until a block exits; fills *out
 * as translator/translator.h describes. Guest memory is
 * env->guest_base + guest address. The FP environment (rounding mode,
 * accrued flags) is the calling thread's. */
void host_run(const void *rx, void *env, struct run_result *out);

/* Finds the code for guest pc without leaving translated code (a probe of
 * the runtime's jump cache, say): returns the rx address of a
 * host_compile() result for that pc, or NULL. Called from IR_GOTO_PTR
 * with env->pc already set; it must not translate, lock or longjmp. */
typedef const void *host_lookup_fn(void *env, gva pc);

/* Makes blocks compiled from now on call fn at IR_GOTO_PTR and jump to
 * the code it returns, exiting (RUN_GOTO, slot -1) only on NULL. Without
 * it (or with NULL) every IR_GOTO_PTR exits. */
void host_set_lookup(host_lookup_fn *fn);

/* A direct-mapped table the code probes inline at IR_GOTO_PTR, before
 * (and instead of) calling the lookup function: the entry for pc is
 * entries[((pc >> shift_a) ^ (pc >> shift_b)) & mask], NULL or a record
 * that matches when its 64-bit guest pc at pc_off equals pc and its 32-bit
 * flags at flags_off are 0; the 64-bit host code address to jump to is at
 * code_off. Entries are published with release stores, an invalidated
 * block leaves the table before its invalidation completes, and records
 * stay readable while any thread runs translated code. */
struct host_jump_cache {
    const void *entries;
    unsigned shift_a, shift_b;
    uint32_t mask;
    uint32_t pc_off, flags_off, code_off;
};

/* Makes blocks compiled from now on probe jc (copied) inline at
 * IR_GOTO_PTR; NULL: no inline probe. */
void host_set_jump_cache(const struct host_jump_cache *jc);

/* Makes blocks compiled from now on treat a guest access with any byte at
 * or above limit (at least 4096) as one of guest address 0, which must
 * never be mapped, so it faults at its own instruction instead of
 * touching host memory outside the guest's. 0 (the default): no check.
 * guard: bytes at and above limit the host keeps unmapped for good
 * (translator_set_guest_limit). Call it before any thread runs code. */
void host_set_guest_limit(uint64_t limit, uint64_t guard);

/* Makes blocks compiled from now on assume every env's guest_base is 0
 * (the guest space is mapped at the same host addresses): guest
 * addresses are host ones, and the register that held the base is free
 * for values. Call it before any thread runs code. */
void host_set_zero_guest_base(bool on);

/* Makes blocks compiled from now on that jump back to their own start keep
 * some guest registers in host registers from one iteration to the next:
 * the jump back stays in the block instead of going through a chain slot,
 * so only turn it on where chained jumps are allowed too (not when every
 * block must be seen by the execution loop). Off by default. */
void host_set_inner_loops(bool on);

/* Makes blocks compiled from now on keep the 8-byte guest register at
 * state offset `offset` in a host register from block to block (0: none,
 * the default): host_run loads it, and it is in the state again whenever
 * the code leaves or a fault reaches the handler. Call it before any
 * thread runs code, and only when nothing compiled earlier will run. */
void host_set_pinned(uint32_t offset);

/* Lazy FP flags (translator/ir.h): while a thread runs env's guest code
 * (generated code, the interpreter, the helpers), the host keeps the
 * flags that code raises, and IR_FP_FLAGS reads them. x86 keeps them in
 * env's cpu_common.fp_host by trapping: the SSE exception of each flag
 * the guest has not got yet is unmasked, and its first raise traps
 * (SIGFPE) into a handler that records the flag and masks it, so reading
 * the flags is a load, not an stmxcsr that waits for every FP op (a
 * thread that traps too often goes back to reading MXCSR).
 *
 * host_fp_begin: the calling thread starts running env's guest code,
 * whose flag word holds have (enum ir_fpflag bits), which the record
 * starts with. The host's own flags are dropped.
 * host_fp_end: it stops; returns the flags recorded since (to be ORed
 * into the flag word) and clears them; ferry's own FP code runs with every
 * exception masked from then on. Pairs may nest only as end-then-begin. */
void host_fp_begin(void *env, unsigned have);
unsigned host_fp_end(void *env);
/* What IR_FP_FLAGS and IR_FP_CLEARFLAGS do, for the interpreter. */
unsigned host_fp_flags(const void *env);
void host_fp_clear(void *env);
/* The enum ir_fpflag bits of a host_fault's fp_status. */
unsigned host_fp_flags_of(uint32_t status);

/* Points chain slot (at slot_rw, run at slot_rx, from chain_offset) at the
 * code at target_rx, or back at its exit with target_rx 0. Safe while
 * other threads run the block (one aligned 4-byte write). Returns false if
 * target_rx is out of the jump's reach (the slot is left alone). */
bool host_patch_chain(uint8_t *slot_rw, uintptr_t slot_rx,
                      uintptr_t target_rx);

/* Writes a disassembly of size bytes of host code at code (which runs at
 * addr) to f, one instruction a line ("-d out_asm"). */
void host_disas(const void *code, size_t size, uint64_t addr, FILE *f);

#endif
