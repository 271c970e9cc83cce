/* tests/unit/x64_harness.h: what the x86-64 back end's suites share: a
 * test CPU state, guest memory, and compiling + running one IR block. */
#ifndef FERRY_TESTS_X64_HARNESS_H
#define FERRY_TESTS_X64_HARNESS_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "hostabi/hostabi.h"
#include "translator/host/host.h"
#include "translator/ir.h"
#include "translator/translator.h"

/* A test CPU state: struct cpu_common, then registers. */
struct tenv {
    struct cpu_common common;
    uint64_t r[32];
    uint64_t f[32]; /* float bits */
    uint8_t v[4][16];
};

#define R_OFF(i) ((uint32_t)(offsetof(struct tenv, r) + 8 * (i)))
#define F_OFF(i) ((uint32_t)(offsetof(struct tenv, f) + 8 * (i)))
#define V_OFF(i) ((uint32_t)(offsetof(struct tenv, v) + 16 * (i)))

static uint8_t th_guest[65536] __attribute__((aligned(64)));
static struct exec_mem th_mem;
static size_t th_used, th_trampolines;

/* Maps the code region and writes the trampolines, once per process. */
static inline void th_init(void)
{
    if (th_mem.rw)
        return;
    ck_assert_int_eq(exec_mem_map(&th_mem, 1 << 22), 0);
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, true), 0);
    ck_assert_int_eq(host_init(&th_mem, &th_used), 0);
    th_trampolines = th_used;
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, false), 0);
}

static inline void th_env_init(struct tenv *e)
{
    memset(e, 0, sizeof *e);
    e->common.guest_base = (uintptr_t)th_guest;
}

/* Compiles b after the code compiled so far (starting over when the
 * region runs low: long fuzz runs); returns its address. */
static inline const void *th_compile(const struct ir_block *b,
                                     struct host_block_info *info)
{
    char err[200];
    size_t n;
    const void *rx;

    th_init();
    if (th_mem.size - th_used < (1 << 18))
        th_used = th_trampolines;
    ck_assert_msg(ir_verify(b, err, sizeof err), "bad test IR: %s", err);
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, true), 0);
    n = host_compile(b, th_mem.rw + th_used, (uintptr_t)th_mem.rx + th_used,
                     th_mem.size - th_used, info);
    ck_assert_int_eq(exec_mem_set_writable(&th_mem, false), 0);
    ck_assert_uint_gt(n, 0);
    rx = th_mem.rx + th_used;
    th_used += (n + 15) & ~(size_t)15;
    return rx;
}

static inline struct run_result th_run(const struct ir_block *b,
                                       struct tenv *e)
{
    struct run_result out;

    /* As translator_run: the host keeps the block's FP flags (host.h). */
    host_fp_begin(e, 0);
    host_run(th_compile(b, NULL), e, &out);
    host_fp_end(e);
    return out;
}

/* The features suite variants run with: "baseline" turns off everything
 * optional, so the fallbacks run even on a new host. */
static inline void th_select_features(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "baseline") == 0)
        setenv("FERRY_HOST_FEATURES", "baseline", 1);
}

#endif
