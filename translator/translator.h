/* translator/translator.h: what the translator shares with frontends and
 * the runtime: the CPU-state header every guest state starts with, and how
 * a run of translated code ends. */
#ifndef FERRY_TRANSLATOR_H
#define FERRY_TRANSLATOR_H

#include <stdint.h>

#include "translator/ir.h"

/* The first member of every frontend's CPU state. Translated code and the
 * interpreter reach these fields at fixed offsets. */
struct cpu_common {
    gva pc;                          /* guest pc to run next */
    uintptr_t guest_base;            /* host address of guest address 0 */
    volatile uint32_t exit_request;  /* nonzero: leave translated code at
                                        the next backward or indirect
                                        jump (every loop has one) */
    uint32_t fp_host;                /* the host's record of the FP flags
                                        the guest raised (host.h,
                                        host_fp_begin); 0 outside runs */
};

#define CPU_COMMON_PC_OFFSET 0u
#define CPU_COMMON_GUEST_BASE_OFFSET 8u
#define CPU_COMMON_EXIT_REQUEST_OFFSET 16u
#define CPU_COMMON_FP_HOST_OFFSET 20u

_Static_assert(__builtin_offsetof(struct cpu_common, pc) ==
                   CPU_COMMON_PC_OFFSET, "pc offset");
_Static_assert(__builtin_offsetof(struct cpu_common, guest_base) ==
                   CPU_COMMON_GUEST_BASE_OFFSET, "guest_base offset");
_Static_assert(__builtin_offsetof(struct cpu_common, exit_request) ==
                   CPU_COMMON_EXIT_REQUEST_OFFSET, "exit_request offset");
_Static_assert(__builtin_offsetof(struct cpu_common, fp_host) ==
                   CPU_COMMON_FP_HOST_OFFSET, "fp_host offset");

/* How running one block (or a chain of blocks) ended. In every case the
 * state's pc has been set: the next pc for a goto, the exiting
 * instruction's pc for an exit. */
enum run_end {
    RUN_GOTO,        /* IR_GOTO_PC (slot says which) or IR_GOTO_PTR */
    RUN_EXIT,        /* IR_EXIT: reason says why */
    RUN_FETCH_FAULT, /* pc is not executable guest memory */
    RUN_INTERRUPTED, /* cpu_common.exit_request was set */
    RUN_FAULT,       /* a guest memory access faulted: translator_last_fault */
};

struct run_result {
    enum run_end end;
    int slot;                    /* IR_GOTO_PC's chain slot; -1 otherwise */
    enum ir_exit_reason reason;  /* for RUN_EXIT */
    /* For RUN_GOTO through a chain slot: the host address of that slot's
     * patchable jump (the block that exited), so the loop can link it;
     * 0 when unknown. */
    uintptr_t exit_site;
};

/* --- the guest-architecture interface ------------------------------------
 * Each frontend (frontends/<arch>/) fills one struct frontend; main.c hands
 * the chosen one to the translator and the runtime. Nothing here names an
 * architecture. */

/* How a frontend reads guest code. */
struct frontend_fetch {
    /* Copies up to len bytes of guest code at pc into buf and returns how
     * many could be read: fewer than len where executable memory ends, 0
     * if pc itself is not executable. */
    size_t (*read)(void *opaque, gva pc, void *buf, size_t len);
    void *opaque;
};

/* How far a block may reach. Code that runs a few times is decoded for
 * each of its first runs: there, decoding less is worth more than the
 * longer blocks that keep values in host registers. */
enum frontend_reach {
    FRONTEND_SUPERBLOCK,  /* on past direct jumps and forward branches */
    FRONTEND_BASIC_BLOCK, /* up to the first exit */
};

/* A CPU model (-cpu NAME): a name and the frontend's feature bits. */
struct frontend_cpu_model {
    const char *name;        /* "rv64gc", "max" */
    const char *description; /* one line for `-cpu help` */
    uint64_t features;       /* frontend-defined bits */
};

struct lx_sigframe_abi;

/* What a syscall only one architecture has may do to the guest. */
struct frontend_syscall_ctx {
    uint64_t features; /* the CPU model's */
    /* Copy to or from guest memory: 0, or a negative errno (-EFAULT). */
    int (*copy_in)(void *opaque, void *dst, gva src, size_t len);
    int (*copy_out)(void *opaque, gva dst, const void *src, size_t len);
    /* Drops the translations of guest code in [start, end). */
    void (*flush_code)(void *opaque, gva start, gva end);
    void *opaque;
};

/* The guest's Linux ABI: where the kernel finds syscall numbers and
 * arguments, what the loader puts in auxv. Offsets are into the CPU
 * state. */
struct frontend_linux_abi {
    uint32_t syscall_nr;      /* register holding the syscall number */
    uint32_t syscall_arg[6];  /* registers holding arguments 1-6 */
    uint32_t syscall_ret;     /* register receiving the result */
    uint32_t sp;              /* stack pointer */
    uint32_t tp;              /* thread pointer (TLS) register */
    uint32_t ret_addr;        /* return-address register (ra / x30) */
    uint32_t syscall_insn_len; /* bytes from the syscall insn to the next */
    const char *triplet;      /* "riscv64-linux-gnu": sysroot /usr/<triplet> */
    const char *sysroot_package; /* the Debian package that installs it */
    const char *platform;     /* AT_PLATFORM string, or NULL for none */
    /* The guest's values of the open(2) flags whose bits differ between
     * Linux architectures (the rest are the generic ones). */
    uint32_t o_directory, o_nofollow, o_direct, o_largefile;
    /* Syscalls only this architecture has (riscv_hwprobe...): their
     * result, or a negative errno (-ENOSYS for numbers it does not know).
     * NULL when it has none. */
    long (*arch_syscall)(uint64_t nr, const uint64_t a[6],
                         const struct frontend_syscall_ctx *ctx);
    /* AT_HWCAP / AT_HWCAP2 for the model's features. */
    uint64_t (*hwcap)(uint64_t features);
    uint64_t (*hwcap2)(uint64_t features);
    /* /proc/cpuinfo as this architecture's Linux prints it for ncpus CPUs
     * of the model's features, snprintf-style into buf (len bytes): the
     * length of the whole text. NULL: the guest reads the host's. */
    size_t (*cpuinfo)(uint64_t features, unsigned ncpus, char *buf,
                      size_t len);
    /* The signal frame (syscalls/linux/lx_signal.h); NULL: no signal
     * handlers for this guest yet. */
    const struct lx_sigframe_abi *sigframe;
};

struct frontend {
    const char *name;         /* "riscv64" */
    uint16_t elf_machine;     /* EM_RISCV */
    uint32_t state_size;      /* bytes of its CPU state */
    uint32_t max_insn_len;    /* longest instruction, bytes */
    const struct frontend_cpu_model *models; /* NULL-name-terminated;
                                                the first is the default */
    const struct frontend_linux_abi *linux_abi;

    /* Initialises a zeroed CPU state for the given model's features
     * (FP control registers and the like). */
    void (*state_init)(void *env, uint64_t features);
    /* Offset in the CPU state of the guest's accrued FP exception flags,
     * a uint32_t of enum ir_fpflag bits that the host's accrued flags are
     * ORed into lazily (translator/ir.h, "Lazy FP flags"); 0: none. */
    uint32_t fp_flags_offset;
    /* Offset of an 8-byte register nearly every block reads and writes
     * (the stack pointer), which the JIT keeps in a host register from
     * block to block (host_set_pinned); 0: none. */
    uint32_t pinned_offset;

    /* Decodes guest instructions from pc into b (already reset to pc) and
     * ends it with an exit: after a branch, before crossing a guest page
     * boundary, at a syscall or trap, or after max_insns instructions.
     * With FRONTEND_SUPERBLOCK it may go on past a direct jump or a branch
     * on the block's page (b->guest_len and guest_before then cover all
     * the code it read, which invalidation relies on).
     * Never fails: an undecodable or disabled instruction becomes
     * IR_EXIT(IR_EXIT_ILLEGAL) at its pc; bytes that cannot be fetched
     * after the first instruction end the block before them (the caller
     * checks that the first one is fetchable). features: the model's. */
    void (*translate)(struct ir_block *b, gva pc, uint64_t features,
                      const struct frontend_fetch *fetch, unsigned max_insns,
                      enum frontend_reach reach);

    /* Disassembles the instruction at code (len bytes available, at guest
     * pc) into out in objdump syntax; returns its length in bytes, or 0 if
     * len is too short. Undecodable ones print as ".insn" or similar. */
    unsigned (*disas)(gva pc, const uint8_t *code, size_t len, char *out,
                      size_t outlen);

    /* Names a CPU-state offset for IR dumps ("x5", "f3", "pc"), or NULL. */
    const char *(*state_name)(uint32_t offset);
};

/* --- the translator: translate, cache and run (translator/exec*.c) -------- */

struct translator_config {
    const struct frontend *frontend;
    uint64_t features;       /* the CPU model's feature bits */
    bool jit;                /* x86-64 back end; false: IR interpreter */
    size_t cache_size;       /* code cache bytes; 0: the default */
    unsigned max_insns;      /* guest instructions per block; 0: default */
    bool interpret_cold;     /* JIT: a block's first runs are interpreted,
                                a later one translates it */
    struct frontend_fetch fetch; /* how guest code is read */
};

struct translator_stats {
    uint64_t blocks;         /* blocks translated */
    uint64_t guest_insns;    /* guest instructions translated */
    uint64_t decoded_insns;  /* guest instructions decoded, for
                                translation or a block's first runs */
    uint64_t ir_ops;         /* IR ops after optimisation */
    uint64_t code_bytes;     /* host code (or packed IR) bytes */
    uint64_t translate_ns;   /* time spent translating and running first
                                runs (-d stats only) */
    uint64_t runs;           /* entries into translated code */
    uint64_t cold_runs;      /* blocks interpreted on their first runs */
    uint64_t links;          /* blocks chained */
    uint64_t flushes;        /* code cache flushes */
};

struct translator;

/* Creates the translator shared by one process's guest threads. Returns 0
 * or a negative errno. */
int translator_new(struct translator **out,
                   const struct translator_config *cfg);
void translator_free(struct translator *t);

/* Makes the calling host thread a guest thread of t (once per thread,
 * before translator_run) and undoes it. */
int translator_thread_start(struct translator *t);
void translator_thread_end(struct translator *t);

/* Runs guest code on env from its pc until something the runtime must
 * handle: a syscall or trap (RUN_EXIT), a pc that cannot be fetched
 * (RUN_FETCH_FAULT) or an exit request (RUN_INTERRUPTED). Direct and
 * indirect gotos are handled inside. */
struct run_result translator_run(struct translator *t, void *env);

/* Drops translations of guest code in [start, end) (munmap, mprotect,
 * self-modifying code) or of everything (flush). */
void translator_invalidate(struct translator *t, gva start, gva end);
void translator_flush(struct translator *t);

/* Brackets a blocking call (a syscall) so code cache flushes need not wait
 * for this thread. */
void translator_thread_offline(struct translator *t);
void translator_thread_online(struct translator *t);

/* Bracket the host fork: the translator's own locks (not the cache's,
 * cache_fork_*) are held across it, so the child finds none taken by a
 * thread it does not have; both sides then call translator_fork_end. */
void translator_fork_prepare(struct translator *t);
void translator_fork_end(struct translator *t);

void translator_get_stats(struct translator *t, struct translator_stats *s);
/* Writes `-d stats` text. */
void translator_print_stats(struct translator *t, FILE *f);

/* --- guest faults (translator/exec_fault.c) ------------------------------
 * A host SIGSEGV/SIGBUS in translated code or in the interpreter's guest
 * access becomes a guest fault at the exact guest instruction: the state
 * is as at its start (pc included) and translator_run returns RUN_FAULT.
 * Until the runtime calls translator_report_faults(t, true), a guest fault
 * prints one line and kills ferry with the signal instead. */
struct translator_fault {
    gva addr;    /* guest address accessed (host address - guest_base) */
    bool write;  /* a write access (as far as the host tells) */
    int signo;   /* SIGSEGV or SIGBUS */
    int code;    /* SEGV_MAPERR, SEGV_ACCERR, BUS_ADRALN, ... */
};

void translator_report_faults(struct translator *t, bool on);
/* The calling thread's last RUN_FAULT; false if it has had none. */
bool translator_last_fault(struct translator_fault *out);
/* Makes blocks translated from now on treat an access with any byte at or
 * above limit (2^38 in user mode: MM_VA_LIMIT) as one of guest address 0,
 * which must never be mapped: it faults at the exact instruction instead
 * of touching host memory outside the guest's (reported address: 0).
 * The interpreter checks each access as it runs it (interp_checks); JIT
 * code has a lea and a compare-and-branch. 0 (the default): no check.
 * guard: how many bytes at and above limit the host keeps reserved and
 * never mapped (mm's MM_VA_GUARD; 0 if none). With a guard of at least
 * 4 KiB + 16, JIT code checks only the first access through each address
 * value and trusts later ones within 4 KiB of it: one of those that lands
 * in the guard faults there, reported at its real address. */
void translator_set_guest_limit(struct translator *t, gva limit, gva guard);
/* Tells the translator that every CPU state it will run has guest_base 0
 * (mm's identity mapping): JIT code then addresses guest memory without
 * a base register, and has one more register for values. */
void translator_set_zero_guest_base(struct translator *t);

/* Self-modifying code: protect(opaque, page) write-protects a guest page
 * that gained translated code (false: it could not, or need not);
 * unprotect(opaque, host_addr, in_guest, &page) lifts it after a write
 * fault at host_addr, true if that was the cause (in_guest: the write came
 * from guest code, else from ferry's own copy into guest memory). The
 * translator then drops the page's translations and re-runs the write.
 * mm_code_protect / mm_code_unprotect fit, opaque being the mm. Not thread
 * safe: call once, before guest threads run. */
typedef bool translator_protect_fn(void *opaque, gva page);
typedef bool translator_unprotect_fn(void *opaque, uintptr_t host_addr,
                                     bool in_guest, gva *page);
void translator_protect_code(struct translator *t,
                             translator_protect_fn *protect,
                             translator_unprotect_fn *unprotect,
                             void *opaque);

#endif
