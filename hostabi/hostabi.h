/* hostabi: everything ferry knows about its host: CPU features, and
 * executable memory for the code cache. Nothing above this folder issues
 * these host calls directly. */
#ifndef FERRY_HOSTABI_H
#define FERRY_HOSTABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- CPU features (hostabi/cpu_features.c) ------------------------------ */

struct host_cpu_features {
    bool sse41;  /* SSE4.1: roundsd, pextr/pinsr, blendv */
    bool popcnt;
    bool lzcnt;  /* ABM/LZCNT */
    bool bmi1;   /* tzcnt, andn */
    bool bmi2;   /* shlx/shrx/sarx, mulx, rorx */
    bool fma;    /* FMA3 */
    bool avx2;
};

/* The host's features, read once with cpuid. FERRY_HOST_FEATURES=baseline
 * in the environment turns all of them off, so the fallbacks can be tested
 * on any machine. */
const struct host_cpu_features *host_cpu_features(void);

/* --- executable memory (hostabi/exec_mem.c) ----------------------------- */

/* A region for generated code. With two views of one memfd, code is
 * written through rw and run through rx, and no page is ever both writable
 * and executable. Without memfd, rw == rx and exec_mem_set_writable()
 * flips the protection. */
struct exec_mem {
    uint8_t *rw;
    uint8_t *rx;
    size_t size;
    bool dual;        /* two views */
    size_t populated; /* [0, populated) is mapped in: see exec_mem_prefault */
};

/* Maps size bytes (rounded up to pages). Returns 0 or a negative errno. */
int exec_mem_map(struct exec_mem *m, size_t size);
void exec_mem_unmap(struct exec_mem *m);
/* Single-view regions only: make the region writable (and not executable)
 * or executable (and not writable). A no-op for two views. */
int exec_mem_set_writable(struct exec_mem *m, bool writable);
/* Maps in the pages of both views up to a little beyond offset end, ahead of
 * the code about to be written there. Best effort. */
void exec_mem_prefault(struct exec_mem *m, size_t end);

/* --- the C heap (hostabi/host_heap.c) ---------------------------------- */

/* Maps in the pages of the heap's free top with one madvise, after growing
 * the heap so that at least `grow` bytes are free there. Each first touch
 * of an unmapped page is a page fault, a large part of a short program's
 * run in a virtual machine; a batch is far cheaper. Also makes the heap
 * grow by large steps and never shrink from then on. Best effort. */
void host_heap_prefault(size_t grow);

/* --- synchronous fault signals (hostabi/host_signals.c) ----------------- */

/* A SIGSEGV or SIGBUS as the host reported it. */
struct host_fault {
    int signo;       /* SIGSEGV or SIGBUS */
    int code;        /* si_code: SEGV_MAPERR, SEGV_ACCERR, BUS_ADRALN... */
    uintptr_t addr;  /* si_addr: the host address accessed */
    uintptr_t pc;    /* host pc of the faulting instruction */
    bool write;      /* the access was a write (x86 error code bit 1) */
    uint32_t fp_status; /* the interrupted code's accrued FP exception
                           flags as the host CPU keeps them (x86: MXCSR
                           and x87 status word ORed, bits 0-5) */
    const void *context; /* the interrupted context (ucontext_t) */
};

/* Called on the faulting thread's alternate stack. It either does not
 * return (siglongjmp), or returns true to retry the faulting instruction
 * (after fixing its cause), or false: not a fault it knows, so ferry
 * reports an internal error and dies of the signal. Must be
 * async-signal-safe. */
typedef bool host_fault_fn(const struct host_fault *f);

/* Installs the SIGSEGV and SIGBUS handler (SA_SIGINFO | SA_ONSTACK) that
 * passes faults to fn. The first call wins; later ones return 0 and
 * change nothing. Returns 0 or a negative errno. */
int host_signals_install(host_fault_fn *fn);
/* Gives the calling thread its alternate signal stack (once per thread;
 * again is a no-op) and frees it. Returns 0 or a negative errno. */
int host_signals_thread_init(void);
/* Installs the SIGFPE handler (SA_SIGINFO | SA_ONSTACK): for a trap of an
 * unmasked SSE exception it calls fn with the interrupted context's
 * MXCSR, which fn may change (the context is restored from it, and the
 * instruction runs again); fn returns false for a trap it does not know,
 * which, like any other SIGFPE, ends ferry with the signal's default
 * action. First call wins, as host_signals_install. fn must be
 * async-signal-safe. */
typedef bool host_fpe_fn(uint32_t *mxcsr);
int host_fpe_install(host_fpe_fn *fn);
void host_signals_thread_fini(void);
/* After a siglongjmp out of the handler with a jump buffer that did not
 * save the signal mask: unblocks SIGSEGV and SIGBUS again. */
void host_signals_unblock(void);

#endif
