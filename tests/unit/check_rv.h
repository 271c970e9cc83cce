/* tests/unit/check_rv.h: what the riscv64 frontend suites share: 32-bit
 * instruction encoders written from the RISC-V unpriv. spec's formats, a
 * guest with code and data in a host buffer, and running translated blocks
 * with the reference interpreter, each also optimized and run by the x86-64
 * back end on a copy of the state and memory, which must end up the same. */
#ifndef FERRY_TESTS_UNIT_CHECK_RV_H
#define FERRY_TESTS_UNIT_CHECK_RV_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/riscv64/riscv64.h"
#include "tests/unit/unit.h"
#include "tests/unit/x64_harness.h"
#include "translator/interp/interp.h"
#include "translator/opt/opt.h"

#define RVT_MEM_SIZE 0x20000u
#define RVT_CODE 0x1000u /* code is placed here */
#define RVT_DATA 0x10000u /* a data area tests use */

/* --- encoders (spec 2.2: R, I, S, B, U, J formats) ---------------------- */

static inline uint32_t rvt_r(uint32_t f7, unsigned rs2, unsigned rs1,
                             uint32_t f3, unsigned rd, uint32_t opc)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opc;
}

static inline uint32_t rvt_i(int32_t imm, unsigned rs1, uint32_t f3,
                             unsigned rd, uint32_t opc)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
           opc;
}

static inline uint32_t rvt_s(int32_t imm, unsigned rs2, unsigned rs1,
                             uint32_t f3, uint32_t opc)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (u & 0x1f) << 7 | opc;
}

static inline uint32_t rvt_b(int32_t imm, unsigned rs2, unsigned rs1,
                             uint32_t f3)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | rs2 << 20 |
           rs1 << 15 | f3 << 12 | (u >> 1 & 0xf) << 8 | (u >> 11 & 1) << 7 |
           0x63;
}

static inline uint32_t rvt_u(uint32_t imm20, unsigned rd, uint32_t opc)
{
    return imm20 << 12 | rd << 7 | opc;
}

static inline uint32_t rvt_j(int32_t imm, unsigned rd)
{
    uint32_t u = (uint32_t)imm;

    return (u >> 20 & 1) << 31 | (u >> 1 & 0x3ff) << 21 |
           (u >> 11 & 1) << 20 | (u >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
}

/* A few instructions most tests need. */
#define ADDI(rd, rs1, imm) rvt_i(imm, rs1, 0, rd, 0x13)
#define LI(rd, imm) ADDI(rd, 0, imm)
#define R_OP(f7, f3, rd, rs1, rs2) rvt_r(f7, rs2, rs1, f3, rd, 0x33)
#define R_OP32(f7, f3, rd, rs1, rs2) rvt_r(f7, rs2, rs1, f3, rd, 0x3b)
#define ECALL 0x00000073u
#define EBREAK 0x00100073u

/* --- the test guest ------------------------------------------------------- */

struct rvt {
    struct rv_cpu cpu;
    uint8_t *mem;       /* RVT_MEM_SIZE bytes of guest memory */
    gva code_end;       /* code is fetchable in [RVT_CODE, code_end) */
    uint64_t features;
    unsigned max_insns; /* per block, 0: no limit */
    enum frontend_reach reach; /* a superblock unless set */
    struct ir_block *b; /* the last block translated */
};

static inline size_t rvt_fetch(void *opaque, gva pc, void *buf, size_t len)
{
    struct rvt *t = opaque;
    size_t n;

    if (pc < RVT_CODE || pc >= t->code_end)
        return 0;
    n = t->code_end - pc;
    n = n < len ? n : len;
    memcpy(buf, t->mem + pc, n);
    return n;
}

static inline struct rvt *rvt_new(uint64_t features)
{
    struct rvt *t = calloc(1, sizeof *t);

    ck_assert_ptr_nonnull(t);
    t->mem = aligned_alloc(4096, RVT_MEM_SIZE);
    ck_assert_ptr_nonnull(t->mem);
    memset(t->mem, 0, RVT_MEM_SIZE);
    rv_frontend.state_init(&t->cpu, features);
    t->cpu.common.guest_base = (uintptr_t)t->mem;
    t->features = features;
    t->code_end = RVT_CODE;
    t->b = ir_block_new();
    return t;
}

static inline void rvt_free(struct rvt *t)
{
    ir_block_free(t->b);
    free(t->mem);
    free(t);
}

/* Appends code at code_end. */
static inline void rvt_emit32(struct rvt *t, uint32_t insn)
{
    memcpy(t->mem + t->code_end, &insn, 4);
    t->code_end += 4;
}

static inline void rvt_emit16(struct rvt *t, uint16_t insn)
{
    memcpy(t->mem + t->code_end, &insn, 2);
    t->code_end += 2;
}

static inline void rvt_code(struct rvt *t, const uint32_t *insns, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rvt_emit32(t, insns[i]);
}

/* Translates the block at pc into t->b and checks that it is valid IR. */
static inline void rvt_translate(struct rvt *t, gva pc)
{
    struct frontend_fetch f = {rvt_fetch, t};
    char err[256];

    ir_block_reset(t->b, pc);
    rv_frontend.translate(t->b, pc, t->features, &f, t->max_insns, t->reach);
    ck_assert_msg(ir_verify(t->b, err, sizeof err), "invalid IR at %llx: %s",
                  (unsigned long long)pc, err);
}

/* Whether b calls a helper (the counters give different values in two
 * runs, so such blocks are not compared). */
static inline bool rvt_has_call(const struct ir_block *b)
{
    for (uint32_t i = 0; i < b->nops; i++)
        if (b->ops[i].opc == IR_CALL)
            return true;
    return false;
}

/* Runs t->b with the interpreter, then optimizes it as the translator
 * does and runs it with the x86-64 back end on copies of the state and
 * memory taken before; both must agree. */
static inline struct run_result rvt_run_block(struct rvt *t)
{
    struct rv_cpu jcpu = t->cpu;
    uint8_t *jmem = aligned_alloc(4096, RVT_MEM_SIZE);
    struct run_result r, jr;

    ck_assert_ptr_nonnull(jmem);
    memcpy(jmem, t->mem, RVT_MEM_SIZE);
    jcpu.common.guest_base = (uintptr_t)jmem;
    /* FP flags are lazy (translator/ir.h): fold them as translator_run
     * does. */
    host_fp_begin(&t->cpu, t->cpu.fflags);
    interp_run(t->b, &t->cpu, &r);
    t->cpu.fflags |= host_fp_end(&t->cpu);
    if (!rvt_has_call(t->b)) {
        opt_block(t->b);
        host_fp_begin(&jcpu, jcpu.fflags);
        host_run(th_compile(t->b, NULL), &jcpu, &jr);
        jcpu.fflags |= host_fp_end(&jcpu);
        ck_assert_int_eq(jr.end, r.end);
        if (r.end == RUN_EXIT)
            ck_assert_int_eq(jr.reason, r.reason);
        jcpu.common.guest_base = t->cpu.common.guest_base;
        ck_assert_msg(!memcmp(&jcpu, &t->cpu, sizeof jcpu),
                      "JIT and interpreter states differ after block %llx",
                      (unsigned long long)t->b->pc);
        ck_assert_msg(!memcmp(jmem, t->mem, RVT_MEM_SIZE),
                      "JIT and interpreter memory differ after block %llx",
                      (unsigned long long)t->b->pc);
    }
    free(jmem);
    return r;
}

/* Runs blocks from RVT_CODE until one exits or the pc leaves the code;
 * returns how the last block ended (RUN_GOTO: the pc left the code). */
static inline struct run_result rvt_run(struct rvt *t)
{
    struct run_result r = {.end = RUN_GOTO, .slot = -1};

    t->cpu.common.pc = RVT_CODE;
    for (int n = 0; n < 10000; n++) {
        gva pc = t->cpu.common.pc;

        if (pc < RVT_CODE || pc >= t->code_end)
            return r;
        rvt_translate(t, pc);
        r = rvt_run_block(t);
        if (r.end == RUN_EXIT)
            return r;
    }
    ck_abort_msg("guest code did not finish");
    return r;
}

/* Runs the code and requires it to run off its end. */
static inline void rvt_run_to_end(struct rvt *t)
{
    struct run_result r = rvt_run(t);

    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_uint_eq(t->cpu.common.pc, t->code_end);
}

/* Runs the code and requires an exit for reason at pc. */
static inline void rvt_run_to_exit(struct rvt *t, enum ir_exit_reason reason,
                                   gva pc)
{
    struct run_result r = rvt_run(t);

    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, reason);
    ck_assert_uint_eq(t->cpu.common.pc, pc);
}

#endif
