/* translator/exec_internal.h: what the translator's own files share: the
 * translator instance. */
#ifndef FERRY_TRANSLATOR_EXEC_INTERNAL_H
#define FERRY_TRANSLATOR_EXEC_INTERNAL_H

#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>

#include "translator/cache/cache.h"
#include "translator/host/host.h"
#include "translator/translator.h"

#define EXEC_DEFAULT_MAX_INSNS 512u
#define EXEC_COLD_SLOTS 8192u
#define EXEC_COLD_WAYS 2u /* slots a pc may take, side by side */
/* Runs of a block interpreted before it is translated. Its IR is kept
 * (exec_cold.c), so a run after the first costs an interpretation, about
 * a twentieth of a translation (0.3 against 7 us in a static hello world,
 * which interprets about 1300 runs of basic blocks and translates 36;
 * 11 or 15 runs instead of 7 start it no sooner). */
#define EXEC_COLD_RUNS 7u

struct translator {
    struct translator_config cfg;
    struct code_cache *cache;
    struct {
        atomic_uint_fast64_t blocks, guest_insns, decoded_insns, ir_ops,
            code_bytes, translate_ns, runs, cold_runs;
    } stats;
    /* Guest pcs whose block ran interpreted (exec_run_cold): per slot a
     * tag of the pc and its runs (exec_cold_run), never cleared; a pc
     * whose slot another holds is translated. Small (every page costs a
     * fault), as it is touched all over at start-up. */
    _Atomic uint16_t cold_runs[EXEC_COLD_SLOTS];
    struct exec_cold *cold;   /* blocks decoded by their first runs */
    bool report_faults;       /* RUN_FAULT to the runtime, else die */
    gva guest_limit;          /* accesses at or above it fault; 0: none */
    bool zero_guest_base;     /* translator_set_zero_guest_base */
    translator_protect_fn *protect;   /* self-modifying code, or NULL */
    translator_unprotect_fn *unprotect;
    void *protect_opaque;
    uintptr_t code_base;      /* the code region (rx view) */
    size_t code_size;
    atomic_ulong *code_starts; /* JIT: a bit per CACHE_CODE_ALIGN bytes
                                  set where a block's code starts */
};

/* JIT blocks are laid out as [insn map][struct exec_code_hdr][code]
 * [recover table], so a signal handler can find the guest instruction of
 * a host pc without a lock: the code-start bit before the pc, then the
 * header before it. The recover table (struct host_recover, 8-aligned
 * after the code) lists the state writes the code left out. */
struct exec_insn_map {
    uint32_t host_off;  /* first host byte of the instruction, from code */
    uint32_t guest_off; /* its guest pc - hdr.pc, two's complement (a
                           followed jump may go below hdr.pc) */
};

struct exec_code_hdr {
    uint64_t magic;      /* EXEC_CODE_MAGIC ^ code start (rx) */
    uint64_t generation; /* cache generation it was made in */
    gva pc;
    uint32_t code_size;
    uint32_t ninsns;     /* entries of the map before the header */
    uint32_t nrecover;   /* entries of the table after the code */
    uint32_t reserved;
};

#define EXEC_CODE_MAGIC 0x66657272795f7462ull

/* How this thread is running guest code, for the fault handler. */
enum exec_run_mode { EXEC_NOT_RUNNING, EXEC_RUN_JIT, EXEC_RUN_INTERP };

/* One translator_run call's landing place for faults. */
struct exec_fault_frame {
    sigjmp_buf jb;
    struct translator *t;
    void *env;
    volatile sig_atomic_t mode; /* enum exec_run_mode */
    /* A guest write to a code page landed here: re-run the writing
     * instruction (state and pc as at its start) outside the cache. */
    volatile sig_atomic_t restart;
    struct exec_fault_frame *prev;
};

/* The calling thread's innermost translator_run, or NULL. */
extern _Thread_local struct exec_fault_frame *exec_fault_cur;

/* ORs ir_fpflag bits into the guest's FP flag word (the frontend's
 * fp_flags_offset), if it has one. Async-signal-safe. */
void exec_fp_accrue(struct translator *t, void *env, unsigned flags);

/* Sets up the code-start bitmap (JIT); 0 or -ENOMEM. */
int exec_fault_init(struct translator *t);
void exec_fault_fini(struct translator *t);
/* Installs the fault handler and this thread's signal stack. */
int exec_fault_thread_start(void);
void exec_fault_thread_end(void);
/* Bytes to reserve before a JIT block's code for its header and map, and
 * after code_size bytes of code for its recover table. */
size_t exec_code_prefix_size(uint32_t ninsns);
size_t exec_code_tail_size(size_t code_size, uint32_t nrecover);
/* Writes the header and map before the code at code_rw (running at
 * code_rx) and the recover table after it (info: host_compile's), then
 * publishes its code-start bit. */
void exec_code_publish(struct translator *t, uint8_t *code_rw,
                       uintptr_t code_rx, uint32_t code_size,
                       const struct ir_block *b,
                       const struct host_block_info *info);
/* The guest pc of the instruction holding host pc, in a JIT block of the
 * current generation; false if host_pc is not in one. With a fault's
 * context (else NULL), also stores into env the state writes the block
 * left out before host_pc (host_recover_apply). Lock-free. */
bool exec_code_guest_pc(struct translator *t, uintptr_t host_pc,
                        const void *context, void *env, gva *pc);
/* The cache's page hook: write-protects pages that gain code. */
void exec_page_hook(void *opaque, gva page, bool has_code);
/* Runs the one instruction at env's pc through the interpreter without
 * caching it (after a write to its own code page). */
struct run_result exec_step(struct translator *t, void *env);
/* Most blocks of a short program run once (start-up, glibc's init):
 * the first EXEC_COLD_RUNS times a pc has no block, exec_cold_run counts
 * the run (1, 2, ...; 0 once they are done) and exec_run_cold interprets
 * the unoptimised IR of its basic block, kept from its second run on
 * while the guest's bytes there stay the same; then it is translated (a
 * superblock, decoded again). A pc is translated only once
 * exec_cold_run returns 0 for it (its runs only grow), so one it gives a
 * run has no block. A run whose pc cannot be fetched ends in
 * RUN_FETCH_FAULT. exec_cold.c. */
int exec_cold_init(struct translator *t);
void exec_cold_free(struct translator *t);
unsigned exec_cold_run(struct translator *t, gva pc);
struct run_result exec_run_cold(struct translator *t, void *env,
                                unsigned run);
/* Whether the first byte at pc can be fetched: the frontend is asked
 * only then, as otherwise the guest takes an instruction fetch fault. */
bool exec_pc_fetchable(struct translator *t, gva pc);
/* CLOCK_MONOTONIC in ns for -d stats' translation time, else 0. */
uint64_t exec_now_ns(void);
/* After a fault landed in translator_run: the result to return. */
struct run_result exec_fault_landed(struct exec_fault_frame *fr);

/* Translates the block at pc into the cache and returns its TB, or NULL
 * when it cannot be placed (the host is out of memory). */
struct tb *exec_translate(struct translator *t, gva pc);

/* The IR block an interpreter-mode TB holds. */
const struct ir_block *exec_packed_block(const struct tb *tb);

#endif
