/* tests/unit/check_fault_mm.c: self-modifying code with the real guest
 * address space: mm write-protects pages that hold translated code
 * (mm_code_protect), and a write there, by guest code or by ferry's own
 * copy (mm_write), drops the stale translations. Toy ISA: check_fault.h. */
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mm/mm.h"
#include "translator/exec_internal.h"
#include "tests/unit/check_fault.h"
#include "tests/unit/unit.h"

static struct mm *mm;
static unsigned invalidations;

static void invalidate_code(void *opaque, gva start, gva end)
{
    invalidations++;
    translator_invalidate(opaque, start, end);
}

static bool cold; /* start(): interpret first runs (interpret_cold) */

/* A translator over a fresh mm, and one page at *page with prot. */
static struct translator *start(bool jit, struct toy_cpu *cpu, int prot,
                                gva *page)
{
    struct translator_config cfg = {.frontend = &toy_frontend, .jit = jit,
                                    .interpret_cold = cold};
    struct translator *t;
    int64_t at;

    ck_assert_int_eq(mm_init(&mm, 0), 0);
    at = mm_mmap(mm, 0, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0,
                 NULL);
    ck_assert_int_ge(at, 0);
    *page = (gva)at;
    cfg.fetch = (struct frontend_fetch){mm_fetch_code, mm};
    ck_assert_int_eq(translator_new(&t, &cfg), 0);
    ck_assert_int_eq(translator_thread_start(t), 0);
    translator_report_faults(t, true);
    translator_protect_code(t, mm_code_protect, mm_code_unprotect, mm);
    mm_set_exec_hook(mm, invalidate_code, t);
    invalidations = 0;
    memset(cpu, 0, sizeof *cpu);
    cpu->common.guest_base = mm_guest_base(mm);
    cpu->common.pc = *page;
    return t;
}

/* start() over a read-write-execute page, with or without interpret_cold. */
static struct translator *start_rwx(bool jit, bool interpret_cold,
                                    struct toy_cpu *cpu, gva *page)
{
    struct translator *t;

    cold = interpret_cold;
    t = start(jit, cpu, PROT_READ | PROT_WRITE | PROT_EXEC, page);
    cold = false;
    return t;
}

static void stop(struct translator *t)
{
    mm_set_exec_hook(mm, NULL, NULL);
    translator_protect_code(t, NULL, NULL, NULL);
    translator_thread_end(t);
    translator_free(t);
    mm_free(mm);
}

/* Writes insn (op, reg, imm) at guest address at through mm. */
static void put(gva at, uint8_t op, uint8_t reg, int16_t imm)
{
    uint8_t insn[4];

    toy_encode(insn, op, reg, imm);
    ck_assert_int_eq(mm_write(mm, at, insn, 4), 0);
}

/* At p: r1 = 0 (the page address is in r1 already), ld r0, 0x800(r1);
 * st r0, 0x10(r1); r3 += 1; [p+0x10] r2 += 1; ecall. The store puts
 * "r2 += 5; ecall" there, from p + 0x800. */
static void put_smc(gva p)
{
    put(p, 1, 1, 0);
    put(p + 4, 5, 1, 0x800);
    put(p + 8, 6, 1, 0x10);
    put(p + 12, 1, 3, 1);
    put(p + 16, 1, 2, 1);
    put(p + 20, 3, 0, 0);
    put(p + 0x800, 1, 2, 5);
    put(p + 0x804, 3, 0, 0);
}

/* With interpret_cold, a block's first run is interpreted and its page
 * not yet write-protected: its store into its own later instruction must
 * still make the new one run; the second run from p + 16 (translated)
 * runs the new code from the start. */
static void check_guest_store(bool jit, bool interpret_cold)
{
    struct toy_cpu cpu;
    gva p;
    struct translator *t;

    t = start_rwx(jit, interpret_cold, &cpu, &p);
    put_smc(p);
    cpu.r[1] = p;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.common.pc, p + 20);
    ck_assert_uint_eq(cpu.r[2], 5);
    ck_assert_uint_eq(cpu.r[3], 1);
    cpu.common.pc = p + 16;
    cpu.r[2] = 0;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 5);
    stop(t);
}

START_TEST(test_guest_store_into_rwx_code_runs_the_new_code_under_the_jit)
{
    check_guest_store(true, false);
}
END_TEST

START_TEST(test_guest_store_into_rwx_code_runs_the_new_code_under_interp)
{
    check_guest_store(false, false);
}
END_TEST

START_TEST(test_store_into_a_cold_block_runs_the_new_code)
{
    check_guest_store(true, true);
}
END_TEST

/* The toy frontend, counting its decodes. */
static unsigned decodes[2]; /* by enum frontend_reach */

static void counting_translate(struct ir_block *b, gva pc, uint64_t features,
                               const struct frontend_fetch *fetch,
                               unsigned max_insns, enum frontend_reach reach)
{
    decodes[reach]++;
    toy_translate(b, pc, features, fetch, max_insns, reach);
}

/* r2 += 1 at p until a run that counts 'runs' (cold ones, then compiled)
 * has gone by; returns r2. */
static uint64_t run_times(struct translator *t, struct toy_cpu *cpu, gva p,
                          unsigned runs)
{
    cpu->r[2] = 0;
    for (unsigned i = 0; i < runs; i++) {
        cpu->common.pc = p;
        ck_assert_int_eq(translator_run(t, cpu).end, RUN_EXIT);
        ck_assert_uint_eq(cpu->common.pc, p + 4);
    }
    return cpu->r[2];
}

/* A block's first runs are interpreted: the first two decode its basic
 * block, the second keeps its IR for the others; its translation decodes
 * a superblock. */
START_TEST(test_cold_runs_decode_a_basic_block_twice_at_most)
{
    struct frontend fe = toy_frontend;
    struct toy_cpu cpu;
    gva p;
    struct translator *t;

    fe.translate = counting_translate;
    t = start_rwx(true, true, &cpu, &p);
    t->cfg.frontend = &fe;
    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    decodes[FRONTEND_BASIC_BLOCK] = decodes[FRONTEND_SUPERBLOCK] = 0;
    ck_assert_uint_eq(run_times(t, &cpu, p, EXEC_COLD_RUNS + 3),
                      EXEC_COLD_RUNS + 3);
    ck_assert_uint_eq(decodes[FRONTEND_BASIC_BLOCK], 2);
    ck_assert_uint_eq(decodes[FRONTEND_SUPERBLOCK], 1);
    stop(t);
}
END_TEST

/* A pc with cold runs left has no block, so its runs look in the jump
 * cache only, never in the table under the cache's lock: of ten runs,
 * the table is searched by the 8th (before translating) and the 9th
 * (which puts the block in the jump cache the 10th finds it in). */
START_TEST(test_cold_runs_skip_the_table_lookup)
{
    struct toy_cpu cpu;
    struct cache_stats st;
    gva p;
    struct translator *t = start_rwx(true, true, &cpu, &p);

    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_uint_eq(run_times(t, &cpu, p, EXEC_COLD_RUNS + 3),
                      EXEC_COLD_RUNS + 3);
    cache_get_stats(t->cache, &st);
    ck_assert_uint_eq(st.jc_hits, 1);
    ck_assert_uint_eq(st.lookups - st.jc_hits, 2);
    stop(t);
}
END_TEST

/* Kept IR holds only while the guest's bytes are those it came from: a
 * write between two cold runs (no translation protects the page yet)
 * makes the next run decode the new code. */
START_TEST(test_kept_cold_ir_follows_a_code_change)
{
    struct toy_cpu cpu;
    gva p;
    struct translator *t;

    t = start_rwx(true, true, &cpu, &p);
    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_uint_eq(run_times(t, &cpu, p, 3), 3); /* kept at the 2nd */
    put(p, 1, 2, 40);
    ck_assert_uint_eq(run_times(t, &cpu, p, 1), 40);
    /* and the translation, after the cold runs, is of the new code too */
    ck_assert_uint_eq(run_times(t, &cpu, p, EXEC_COLD_RUNS), 40 * EXEC_COLD_RUNS);
    stop(t);
}
END_TEST

/* The toy frontend, but an unfetchable first instruction is an illegal
 * one, as riscv64's frontend has it (the translator must not ask then). */
static void strict_translate(struct ir_block *b, gva pc, uint64_t features,
                             const struct frontend_fetch *fetch,
                             unsigned max_insns, enum frontend_reach reach)
{
    uint8_t in[4];

    if (fetch->read(fetch->opaque, pc, in, 4) < 4)
        ir_exit(b, IR_EXIT_ILLEGAL, pc);
    else
        toy_translate(b, pc, features, fetch, max_insns, reach);
}

/* A cold run of code that can no longer be fetched (its page lost
 * PROT_EXEC after its IR was kept) is an instruction fetch fault, not a
 * run of the kept IR or an illegal instruction. */
START_TEST(test_cold_run_of_unfetchable_code_is_a_fetch_fault)
{
    struct frontend fe = toy_frontend;
    struct toy_cpu cpu;
    gva p;
    struct translator *t = start_rwx(true, true, &cpu, &p);

    fe.translate = strict_translate;
    t->cfg.frontend = &fe;
    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_uint_eq(run_times(t, &cpu, p, 2), 2); /* kept */
    ck_assert_int_eq(mm_mprotect(mm, p, 4096, PROT_READ | PROT_WRITE), 0);
    for (int i = 0; i < 2; i++) {
        cpu.common.pc = p;
        cpu.r[2] = 0;
        ck_assert_int_eq(translator_run(t, &cpu).end, RUN_FETCH_FAULT);
        ck_assert_uint_eq(cpu.common.pc, p);
        ck_assert_uint_eq(cpu.r[2], 0);
    }
    stop(t);
}
END_TEST

/* The runtime's fork brackets: the child, which comes out of fork with
 * the translator's locks held by its one thread, runs cold code after
 * translator_fork_end (a lock left taken would hang it: the alarm). */
START_TEST(test_cold_runs_go_on_in_a_forked_child)
{
    struct toy_cpu cpu;
    gva p;
    struct translator *t;
    pid_t pid;
    int st;

    t = start_rwx(true, true, &cpu, &p);
    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_uint_eq(run_times(t, &cpu, p, 2), 2); /* kept */
    translator_fork_prepare(t);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    translator_fork_end(t);
    if (pid == 0) {
        alarm(5);
        _exit(run_times(t, &cpu, p, 2) == 2 ? 0 : 1);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 0);
    ck_assert_uint_eq(run_times(t, &cpu, p, 2), 2);
    stop(t);
}
END_TEST

START_TEST(test_mm_write_into_translated_code_drops_it)
{
    struct toy_cpu cpu;
    gva p;
    struct translator *t =
        start(true, &cpu, PROT_READ | PROT_WRITE | PROT_EXEC, &p);

    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 1);
    put(p, 1, 2, 40); /* through mm_write: faults once, goes through */
    cpu.common.pc = p;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 41);
    stop(t);
}
END_TEST

/* A read-only code page is not the translator's to unprotect: a store
 * there is the guest's SIGSEGV. */
START_TEST(test_store_to_readonly_code_is_a_guest_fault)
{
    struct toy_cpu cpu;
    struct translator_fault f;
    gva p;
    struct translator *t =
        start(true, &cpu, PROT_READ | PROT_WRITE | PROT_EXEC, &p);

    put(p, 6, 1, 0x10);
    put(p + 4, 3, 0, 0);
    ck_assert_int_eq(mm_mprotect(mm, p, 4096, PROT_READ | PROT_EXEC), 0);
    cpu.r[1] = p;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_FAULT);
    ck_assert(translator_last_fault(&f));
    ck_assert_uint_eq(cpu.common.pc, p);
    ck_assert_uint_eq(f.addr, p + 0x10);
    ck_assert(f.write);
    stop(t);
}
END_TEST

/* Before the kernel writes into guest memory (read(2)), the syscall layer
 * lifts the protection; the translations there go. */
START_TEST(test_unprotect_range_lifts_protection_and_invalidates)
{
    struct toy_cpu cpu;
    gva p;
    struct translator *t =
        start(true, &cpu, PROT_READ | PROT_WRITE | PROT_EXEC, &p);
    uint8_t *host = mm_g2h(mm, p);

    put(p, 1, 2, 1);
    put(p + 4, 3, 0, 0);
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(invalidations, 0);
    ck_assert_int_eq(mm_code_unprotect_range(mm, p + 8, 100), 0);
    ck_assert_uint_eq(invalidations, 1);
    /* A second call finds nothing protected. */
    ck_assert_int_eq(mm_code_unprotect_range(mm, p, 4096), 0);
    ck_assert_uint_eq(invalidations, 1);
    toy_encode(host, 1, 2, 7); /* a plain host write now */
    cpu.common.pc = p;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 8);
    ck_assert_int_eq(mm_code_unprotect_range(mm, MM_VA_LIMIT - 8, 16),
                     -EFAULT);
    stop(t);
}
END_TEST

static Suite *fault_mm_suite(void)
{
    Suite *s = suite_create("fault_mm");
    TCase *tc = tcase_create("smc");

    tcase_add_test(
        tc, test_guest_store_into_rwx_code_runs_the_new_code_under_the_jit);
    tcase_add_test(
        tc, test_guest_store_into_rwx_code_runs_the_new_code_under_interp);
    tcase_add_test(tc, test_store_into_a_cold_block_runs_the_new_code);
    tcase_add_test(tc, test_cold_runs_decode_a_basic_block_twice_at_most);
    tcase_add_test(tc, test_cold_runs_skip_the_table_lookup);
    tcase_add_test(tc, test_kept_cold_ir_follows_a_code_change);
    tcase_add_test(tc, test_cold_runs_go_on_in_a_forked_child);
    tcase_add_test(tc, test_cold_run_of_unfetchable_code_is_a_fetch_fault);
    tcase_add_test(tc, test_mm_write_into_translated_code_drops_it);
    tcase_add_test(tc, test_store_to_readonly_code_is_a_guest_fault);
    tcase_add_test(tc, test_unprotect_range_lifts_protection_and_invalidates);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(fault_mm_suite());
}
