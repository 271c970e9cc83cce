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
    bool dual; /* two views */
};

/* Maps size bytes (rounded up to pages). Returns 0 or a negative errno. */
int exec_mem_map(struct exec_mem *m, size_t size);
void exec_mem_unmap(struct exec_mem *m);
/* Single-view regions only: make the region writable (and not executable)
 * or executable (and not writable). A no-op for two views. */
int exec_mem_set_writable(struct exec_mem *m, bool writable);

#endif
