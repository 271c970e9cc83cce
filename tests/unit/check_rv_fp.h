/* tests/unit/check_rv_fp.h: what the riscv64 F/D suites share: OP-FP and
 * R4 encoders written from the RISC-V unpriv. spec (chapters 11, 12),
 * running FP instructions with the reference interpreter or the x86-64
 * back end, and registering every test for both. */
#ifndef FERRY_TESTS_UNIT_CHECK_RV_FP_H
#define FERRY_TESTS_UNIT_CHECK_RV_FP_H

#include "tests/unit/check_rv.h"
#include "tests/unit/x64_harness.h"
#include "translator/opt/opt.h"

/* Operand registers: f1, f2, f3 in, f4 out; x11 in, x10 out. */
#define FA 1
#define FB 2
#define FC 3
#define FD 4
#define XA 11
#define XD 10

#define S_FMT 0
#define D_FMT 1
#define RNE 0
#define RTZ 1
#define RDN 2
#define RUP 3
#define RMM 4
#define DYN 7

/* fflags bits (11.2). */
#define NX 1u
#define UF 2u
#define OF 4u
#define DZ 8u
#define NV 16u

#define BOX(bits) (0xffffffff00000000ull | (uint32_t)(bits))
#define CANON_S BOX(0x7fc00000u)
#define CANON_D 0x7ff8000000000000ull
#define JUNK 0x5555555555555555ull

/* OP-FP: funct7 = funct5 << 2 | fmt, rs2 (or its sub-opcode), rm. */
static inline uint32_t opf(uint32_t f5, uint32_t fmt, uint32_t rm,
                           unsigned rd, unsigned rs1, unsigned rs2)
{
    return rvt_r(f5 << 2 | fmt, rs2, rs1, rm, rd, 0x53);
}

/* R4: fmadd 0x43, fmsub 0x47, fnmsub 0x4b, fnmadd 0x4f. */
static inline uint32_t r4(uint32_t opc, uint32_t fmt, uint32_t rm,
                          unsigned rd, unsigned rs1, unsigned rs2,
                          unsigned rs3)
{
    return (uint32_t)rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 |
           rm << 12 | rd << 7 | opc;
}

/* How the test cases run blocks: the reference interpreter on the IR as
 * translated, the interpreter after the optimizer, or the x86-64 back end
 * after the optimizer (set by each case's fixture, in the forked test
 * process). */
enum fp_engine { FP_INTERP, FP_OPT_INTERP, FP_OPT_JIT };
static enum fp_engine fp_engine;

static inline void fp_use_opt_interp(void)
{
    fp_engine = FP_OPT_INTERP;
}

static inline void fp_use_opt_jit(void)
{
    fp_engine = FP_OPT_JIT;
}

/* rvt_run with the engine fp_engine selects. */
static inline struct run_result fp_exec(struct rvt *t)
{
    struct run_result r = {.end = RUN_GOTO, .slot = -1};

    t->cpu.common.pc = RVT_CODE;
    for (int n = 0; n < 10000; n++) {
        gva pc = t->cpu.common.pc;

        if (pc < RVT_CODE || pc >= t->code_end)
            return r;
        rvt_translate(t, pc);
        if (fp_engine != FP_INTERP)
            opt_block(t->b);
        /* FP flags are lazy (translator/ir.h): the host's are folded into
         * fflags after each block, as translator_run does. */
        host_fp_begin(&t->cpu, t->cpu.fflags);
        if (fp_engine == FP_OPT_JIT)
            host_run(th_compile(t->b, NULL), &t->cpu, &r);
        else
            interp_run(t->b, &t->cpu, &r);
        t->cpu.fflags |= host_fp_end(&t->cpu);
        if (r.end == RUN_EXIT)
            return r;
    }
    ck_abort_msg("guest code did not finish");
    return r;
}

static inline void fp_run_to_end(struct rvt *t)
{
    struct run_result r = fp_exec(t);

    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_uint_eq(t->cpu.common.pc, t->code_end);
}

static inline void fp_run_to_exit(struct rvt *t, enum ir_exit_reason reason,
                                  gva pc)
{
    struct run_result r = fp_exec(t);

    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, reason);
    ck_assert_uint_eq(t->cpu.common.pc, pc);
}

/* Adds the tests to s as three cases: name (interpreter), name_opt
 * (optimizer, interpreter) and name_jit (optimizer, x86-64 back end). */
static inline void fp_add_tests(Suite *s, const char *name,
                                const TTest *const *tests, size_t n)
{
    static const char *const suffix[3] = {"", "_opt", "_jit"};
    static void (*const fixture[3])(void) = {NULL, fp_use_opt_interp,
                                             fp_use_opt_jit};
    static char names[24][48]; /* Check keeps the name pointers */
    static unsigned used;

    for (unsigned e = 0; e < 3; e++) {
        char *case_name;
        TCase *tc;

        if (used == sizeof names / sizeof names[0])
            abort(); /* more cases than names: make names bigger */
        case_name = names[used++];
        snprintf(case_name, sizeof names[0], "%s%s", name, suffix[e]);
        tc = tcase_create(case_name);
        if (fixture[e])
            tcase_add_checked_fixture(tc, fixture[e], NULL);
        for (size_t i = 0; i < n; i++)
            tcase_add_test(tc, tests[i]);
        suite_add_tcase(s, tc);
    }
}

/* What one FP instruction left: f4, x10 and fflags. */
struct fp_out {
    uint64_t f, x;
    uint32_t fflags;
};

/* Runs insn with f1..f3 = a, b, c, x11 = a and frm = frm, requiring it to
 * finish normally. */
static inline struct fp_out fp_run(uint32_t insn, uint64_t a, uint64_t b,
                                   uint64_t c, uint32_t frm)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct fp_out o;

    t->cpu.f[FA] = a;
    t->cpu.f[FB] = b;
    t->cpu.f[FC] = c;
    t->cpu.x[XA] = a;
    t->cpu.f[FD] = JUNK;
    t->cpu.x[XD] = JUNK;
    t->cpu.frm = frm;
    rvt_emit32(t, insn);
    fp_run_to_end(t);
    o.f = t->cpu.f[FD];
    o.x = t->cpu.x[XD];
    o.fflags = t->cpu.fflags;
    rvt_free(t);
    return o;
}

/* f4 = f1 OP f2 (funct5 f5) with static or dynamic rm. */
static inline struct fp_out fp_bin(uint32_t f5, uint32_t fmt, uint32_t rm,
                                   uint64_t a, uint64_t b, uint32_t frm)
{
    return fp_run(opf(f5, fmt, rm, FD, FA, FB), a, b, 0, frm);
}

/* Requires result f and fflags exactly. */
#define ck_fp(o, res, flags)                                              \
    do {                                                                  \
        struct fp_out o_ = (o);                                           \
        ck_assert_msg(o_.f == (res), "f = %016llx, want %016llx",         \
                      (unsigned long long)o_.f,                           \
                      (unsigned long long)(res));                         \
        ck_assert_uint_eq(o_.fflags, (flags));                            \
    } while (0)

#define ck_fx(o, res, flags)                                              \
    do {                                                                  \
        struct fp_out o_ = (o);                                           \
        ck_assert_msg(o_.x == (res), "x = %016llx, want %016llx",         \
                      (unsigned long long)o_.x,                           \
                      (unsigned long long)(res));                         \
        ck_assert_uint_eq(o_.fflags, (flags));                            \
    } while (0)

#endif
