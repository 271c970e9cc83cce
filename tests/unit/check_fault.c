/* tests/unit/check_fault.c: precise guest faults: a host SIGSEGV in a
 * guest load or store (JIT and interpreter) leaves translator_run as
 * RUN_FAULT at the faulting instruction, with the state as at its start;
 * the guest address limit; self-modifying code. The toy ISA is in
 * check_fault.h. Code lives apart from guest memory; guest memory: page 0 PROT_NONE (as
 * in user mode, where guest page 0 is never mapped), page 1 read-write,
 * page 2 read-only, page 3 unmapped. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/unit.h"
#include "tests/unit/check_fault.h"

#define PAGE 4096
#define NONE_PAGE 0x0
#define RW_PAGE 0x1000
#define RO_PAGE 0x2000
#define GONE_PAGE 0x3000
#define GUARD 0x10000 /* what the guarded limit tests reserve above it */

static uint8_t *mem;
static uint8_t code[PAGE];
static bool code_in_mem; /* fetch from guest page RW_PAGE instead */

static size_t toy_read(void *opaque, gva pc, void *buf, size_t len)
{
    const uint8_t *from = code;

    (void)opaque;
    if (code_in_mem) {
        if (pc < RW_PAGE)
            return 0;
        pc -= RW_PAGE;
        from = mem + RW_PAGE;
    }
    if (pc >= PAGE)
        return 0;
    if (len > PAGE - pc)
        len = PAGE - pc;
    memcpy(buf, from + pc, len);
    return len;
}


static void put(gva at, uint8_t op, uint8_t reg, int16_t imm)
{
    code[at] = op;
    code[at + 1] = reg;
    code[at + 2] = (uint8_t)imm;
    code[at + 3] = (uint8_t)((uint16_t)imm >> 8);
}

static bool guarded; /* GUARD bytes from GONE_PAGE on are PROT_NONE */

static size_t mem_size(void)
{
    return GONE_PAGE + (guarded ? GUARD : PAGE);
}

static void map_guest(void)
{
    mem = mmap(NULL, mem_size(), PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(mem, MAP_FAILED);
    ck_assert_int_eq(mprotect(mem + NONE_PAGE, PAGE, PROT_NONE), 0);
    ck_assert_int_eq(mprotect(mem + RO_PAGE, PAGE, PROT_READ), 0);
    if (guarded)
        ck_assert_int_eq(mprotect(mem + GONE_PAGE, GUARD, PROT_NONE), 0);
    else
        ck_assert_int_eq(munmap(mem + GONE_PAGE, PAGE), 0);
}

static struct translator *start(bool jit, struct toy_cpu *cpu, bool report)
{
    struct translator_config cfg = {
        .frontend = &toy_frontend,
        .jit = jit,
        .fetch = {toy_read, NULL},
    };
    struct translator *t;

    map_guest();
    memset(code, 0, sizeof code);
    ck_assert_int_eq(translator_new(&t, &cfg), 0);
    ck_assert_int_eq(translator_thread_start(t), 0);
    translator_report_faults(t, report);
    memset(cpu, 0, sizeof *cpu);
    cpu->common.guest_base = (uintptr_t)mem;
    return t;
}

static void stop(struct translator *t)
{
    translator_thread_end(t);
    translator_free(t);
    munmap(mem, mem_size());
    mem = NULL;
}

static struct translator_fault fault_of(struct run_result r)
{
    struct translator_fault f;

    ck_assert_int_eq(r.end, RUN_FAULT);
    ck_assert(translator_last_fault(&f));
    return f;
}

/* r2 += 7; r3 += 3; st r0, 0(r1); r2 += 1; ld r0, -0x1000(r1); r3 += 1;
 * ecall. The JIT leaves out the first writes of r2 and r3 (overwritten
 * later in the block with only accesses between): faults must still see
 * them. With r1 at the read-only page the store faults; at the read-write
 * one the load does (page 0 below it is PROT_NONE). */
static void check_overwritten_state_at_faults(bool jit, gva base, gva pc)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);

    put(0, 1, 2, 7);
    put(4, 1, 3, 3);
    put(8, 6, 1, 0);
    put(12, 1, 2, 1);
    put(16, 5, 1, -0x1000);
    put(20, 1, 3, 1);
    put(24, 3, 0, 0);
    cpu.r[1] = base;
    cpu.r[2] = 100;
    cpu.r[3] = 200;
    fault_of(translator_run(t, &cpu));
    ck_assert_uint_eq(cpu.common.pc, pc);
    ck_assert_uint_eq(cpu.r[2], pc > 8 ? 108 : 107);
    ck_assert_uint_eq(cpu.r[3], 203);
    stop(t);
}

START_TEST(test_overwritten_state_is_seen_by_faults_under_the_jit)
{
    check_overwritten_state_at_faults(true, RO_PAGE, 8);
    check_overwritten_state_at_faults(true, RW_PAGE, 16);
}
END_TEST

START_TEST(test_overwritten_state_is_seen_by_faults_under_the_interpreter)
{
    check_overwritten_state_at_faults(false, RO_PAGE, 8);
    check_overwritten_state_at_faults(false, RW_PAGE, 16);
}
END_TEST

/* r2 = 7; r1 = 0x100; ld r0, 8(r1); r3 += 1; ecall */
static void check_load_fault(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);
    struct translator_fault f;

    put(0, 1, 2, 7);
    put(4, 1, 1, NONE_PAGE + 0x100);
    put(8, 5, 1, 8);
    put(12, 1, 3, 1);
    put(16, 3, 0, 0);
    f = fault_of(translator_run(t, &cpu));
    ck_assert_uint_eq(cpu.common.pc, 8);
    ck_assert_uint_eq(cpu.r[2], 7);
    ck_assert_uint_eq(cpu.r[1], NONE_PAGE + 0x100);
    ck_assert_uint_eq(cpu.r[3], 0);
    ck_assert_uint_eq(f.addr, NONE_PAGE + 0x108);
    ck_assert(!f.write);
    ck_assert_int_eq(f.signo, SIGSEGV);
    ck_assert_int_eq(f.code, SEGV_ACCERR);
    stop(t);
}

START_TEST(test_load_fault_stops_at_the_load_under_the_jit)
{
    check_load_fault(true);
}
END_TEST

START_TEST(test_load_fault_stops_at_the_load_under_the_interpreter)
{
    check_load_fault(false);
}
END_TEST

/* r0 = 5; r1 = 0x1800; st r0, 0(r1); r1 = 0x2000; r0 = 6;
 * st r0, 16(r1); ecall: the first store is done, the second faults. */
static void check_store_fault(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);
    struct translator_fault f;
    uint64_t first;

    put(0, 1, 0, 5);
    put(4, 1, 1, RW_PAGE + 0x800);
    put(8, 6, 1, 0);
    put(12, 1, 1, RO_PAGE - RW_PAGE - 0x800);
    put(16, 1, 0, 1);
    put(20, 6, 1, 16);
    put(24, 3, 0, 0);
    f = fault_of(translator_run(t, &cpu));
    memcpy(&first, mem + RW_PAGE + 0x800, 8);
    ck_assert_uint_eq(first, 5);
    ck_assert_uint_eq(cpu.common.pc, 20);
    ck_assert_uint_eq(cpu.r[0], 6);
    ck_assert_uint_eq(cpu.r[1], RO_PAGE);
    ck_assert_uint_eq(f.addr, RO_PAGE + 16);
    ck_assert(f.write);
    ck_assert_int_eq(f.code, SEGV_ACCERR);
    /* Made writable, the store runs again from its pc and the program
     * goes on. */
    ck_assert_int_eq(mprotect(mem + RO_PAGE, PAGE, PROT_READ | PROT_WRITE),
                     0);
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.common.pc, 24);
    memcpy(&first, mem + RO_PAGE + 16, 8);
    ck_assert_uint_eq(first, 6);
    stop(t);
}

START_TEST(test_store_fault_is_a_write_and_restarts_under_the_jit)
{
    check_store_fault(true);
}
END_TEST

START_TEST(test_store_fault_is_a_write_and_restarts_under_the_interpreter)
{
    check_store_fault(false);
}
END_TEST

/* r1 = 0x3000; ld r0, 0(r1): an unmapped page is SEGV_MAPERR. */
static void check_unmapped(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);
    struct translator_fault f;

    put(0, 1, 1, GONE_PAGE);
    put(4, 5, 1, 0);
    put(8, 3, 0, 0);
    f = fault_of(translator_run(t, &cpu));
    ck_assert_uint_eq(cpu.common.pc, 4);
    ck_assert_uint_eq(f.addr, GONE_PAGE);
    ck_assert_int_eq(f.code, SEGV_MAPERR);
    stop(t);
}

START_TEST(test_unmapped_page_is_maperr_under_the_jit)
{
    check_unmapped(true);
}
END_TEST

START_TEST(test_unmapped_page_is_maperr_under_the_interpreter)
{
    check_unmapped(false);
}
END_TEST

/* A loop walks r1 up 0x100 at a time from 0x2400 loading each step and
 * counting in r2, until it reaches the unmapped page: the fault comes in
 * a chained block, after exactly (0x3000 - 0x2400) / 0x100 loads.
 *   0: r1 = 0x2400  4: r3 = 1   8: ld r0, 0(r1)   12: r2 += 1
 *  16: r1 += 0x100  20: bnez r3, -12 */
static void check_loop_fault(bool jit, bool flush_first)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);
    struct translator_fault f;

    put(0, 1, 1, RO_PAGE + 0x400);
    put(4, 1, 3, 1);
    put(8, 5, 1, 0);
    put(12, 1, 2, 1);
    put(16, 1, 1, 0x100);
    put(20, 2, 3, -12);
    if (flush_first) {
        /* Leaves stale code-start marks from the first generation. */
        cpu.r[1] = RO_PAGE + 0x400;
        put(24, 3, 0, 0);
        cpu.common.pc = 12;
        cpu.r[3] = 0;
        ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
        translator_flush(t);
        memset(&cpu, 0, sizeof cpu);
        cpu.common.guest_base = (uintptr_t)mem;
    }
    f = fault_of(translator_run(t, &cpu));
    ck_assert_uint_eq(cpu.common.pc, 8);
    ck_assert_uint_eq(cpu.r[2], (GONE_PAGE - RO_PAGE - 0x400) / 0x100);
    ck_assert_uint_eq(cpu.r[1], GONE_PAGE);
    ck_assert_uint_eq(f.addr, GONE_PAGE);
    ck_assert_int_eq(f.code, SEGV_MAPERR);
    stop(t);
}

START_TEST(test_fault_in_a_chained_loop_is_precise_under_the_jit)
{
    check_loop_fault(true, false);
}
END_TEST

START_TEST(test_fault_in_a_chained_loop_is_precise_under_the_interpreter)
{
    check_loop_fault(false, false);
}
END_TEST

START_TEST(test_fault_after_a_flush_maps_to_the_new_code)
{
    check_loop_fault(true, true);
}
END_TEST

/* A second fault after the first one (the handler's signal mask was
 * restored): both are reported. */
START_TEST(test_faults_can_repeat)
{
    struct toy_cpu cpu;
    struct translator *t = start(true, &cpu, true);

    put(0, 1, 1, NONE_PAGE);
    put(4, 5, 1, 0);
    put(8, 3, 0, 0);
    for (int i = 0; i < 3; i++) {
        cpu.common.pc = 0;
        cpu.r[1] = 0;
        ck_assert_uint_eq(fault_of(translator_run(t, &cpu)).addr, NONE_PAGE);
        ck_assert_uint_eq(cpu.common.pc, 4);
    }
    stop(t);
}
END_TEST

/* Without translator_report_faults the guest dies of the signal. */
START_TEST(test_unreported_guest_fault_kills_with_sigsegv)
{
    struct toy_cpu cpu;
    struct translator *t = start(true, &cpu, false);

    put(0, 1, 1, NONE_PAGE);
    put(4, 5, 1, 0);
    put(8, 3, 0, 0);
    translator_run(t, &cpu);
    ck_abort_msg("the guest fault did not kill the process");
}
END_TEST

/* With a guest limit of 0x3000 (the unmapped page's address):
 * r1 = base; ld r0, off(r1); ecall. Returns the fault (or exit). */
static struct run_result run_limited(bool jit, int16_t base, int16_t off,
                                     struct translator_fault *f)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu, true);
    struct run_result r;

    translator_set_guest_limit(t, GONE_PAGE, 0);
    put(0, 1, 1, base);
    put(4, 5, 1, off);
    put(8, 3, 0, 0);
    r = translator_run(t, &cpu);
    if (r.end == RUN_FAULT) {
        ck_assert(translator_last_fault(f));
        ck_assert_uint_eq(cpu.common.pc, 4);
        ck_assert_uint_eq(cpu.r[1], (uint64_t)(int64_t)base);
    }
    stop(t);
    return r;
}

static void check_limit(bool jit)
{
    struct translator_fault f;

    /* The last 8 bytes below the limit: a plain access (readable). */
    ck_assert_int_eq(run_limited(jit, RO_PAGE, PAGE - 8, &f).end, RUN_EXIT);
    /* At the limit (unmapped in the host too): reported at address 0. */
    ck_assert_int_eq(run_limited(jit, RO_PAGE, PAGE, &f).end, RUN_FAULT);
    ck_assert_uint_eq(f.addr, 0);
    /* Straddling it: 4 bytes below, 4 at or above. */
    ck_assert_int_eq(run_limited(jit, RO_PAGE, PAGE - 4, &f).end, RUN_FAULT);
    ck_assert_uint_eq(f.addr, 0);
    /* A negative offset from 0 wraps to the top of the 64-bit space,
     * where the host's own memory is: it must fault, not read it. */
    ck_assert_int_eq(run_limited(jit, 0, -8, &f).end, RUN_FAULT);
    ck_assert_uint_eq(f.addr, 0);
    /* A huge base (r1 = -0x1000) with a positive offset. */
    ck_assert_int_eq(run_limited(jit, -0x1000, 0x800, &f).end, RUN_FAULT);
    ck_assert_uint_eq(f.addr, 0);
}

START_TEST(test_accesses_beyond_the_guest_limit_fault_under_the_jit)
{
    check_limit(true);
}
END_TEST

/* With a guard reserved above the limit (user mode's MM_VA_GUARD):
 * r1 = RO_PAGE; ld r0, PAGE - 8(r1); ld r0, off(r1); ecall. The JIT checks
 * the first load only and trusts the second when off is within 4 KiB of
 * it: beyond the limit, that one faults in the guard, at its real address.
 * Farther away it is checked (address 0), as every access is under the
 * interpreter. Returns the second load's fault. */
static struct translator_fault run_guarded(bool jit, int16_t off)
{
    struct toy_cpu cpu;
    struct translator *t;

    guarded = true;
    t = start(jit, &cpu, true);
    struct translator_fault f;

    translator_set_guest_limit(t, GONE_PAGE, GUARD);
    put(0, 1, 1, RO_PAGE);
    put(4, 5, 1, PAGE - 8);
    put(8, 5, 1, off);
    put(12, 3, 0, 0);
    f = fault_of(translator_run(t, &cpu));
    ck_assert_uint_eq(cpu.common.pc, 8);
    ck_assert_uint_eq(cpu.r[1], RO_PAGE);
    stop(t);
    guarded = false;
    return f;
}

START_TEST(test_accesses_near_a_checked_one_fault_in_the_guard_under_the_jit)
{
    ck_assert_uint_eq(run_guarded(true, PAGE).addr, GONE_PAGE);
    ck_assert_uint_eq(run_guarded(true, PAGE + 4096 - 8).addr,
                      GONE_PAGE + 4096 - 8);
    /* 4 KiB + 8 from the checked load: checked itself */
    ck_assert_uint_eq(run_guarded(true, PAGE + 4096).addr, 0);
}
END_TEST

START_TEST(test_accesses_near_a_checked_one_are_checked_by_the_interpreter)
{
    ck_assert_uint_eq(run_guarded(false, PAGE).addr, 0);
    ck_assert_uint_eq(run_guarded(false, PAGE + 4096).addr, 0);
}
END_TEST

START_TEST(test_accesses_beyond_the_guest_limit_fault_under_the_interpreter)
{
    check_limit(false);
}
END_TEST

/* --- self-modifying code ------------------------------------------------
 * The test stands in for mm: it protects the RW page when it gains code
 * and lifts that on the first write fault there. */
static int protects, unprotects;

static bool test_protect(void *opaque, gva page)
{
    (void)opaque;
    if (page != RW_PAGE)
        return false;
    protects++;
    return mprotect(mem + page, PAGE, PROT_READ) == 0;
}

static bool test_unprotect(void *opaque, uintptr_t host_addr, bool in_guest,
                           gva *page)
{
    (void)opaque;
    (void)in_guest;
    *page = (host_addr - (uintptr_t)mem) & ~(gva)(PAGE - 1);
    if (*page != RW_PAGE)
        return false;
    unprotects++;
    return mprotect(mem + RW_PAGE, PAGE, PROT_READ | PROT_WRITE) == 0;
}

static void put_mem(gva at, uint8_t op, uint8_t reg, int16_t imm)
{
    uint8_t insn[4] = {op, reg, (uint8_t)imm, (uint8_t)((uint16_t)imm >> 8)};

    memcpy(mem + at, insn, 4);
}

/* Code at 0x1000, in the RW page, one block:
 *   0x1000: r1 += 0x1000      0x1004: ld r0, 0x800(r1)
 *   0x1008: st r0, 0x10(r1)   0x100c: r3 += 1
 *   0x1010: r2 += 1           0x1014: ecall
 * The store replaces 0x1010-0x1017 with "r2 += 5; ecall" (from 0x1800),
 * inside the running block: the new code must run. */
static struct translator *start_smc(bool jit, struct toy_cpu *cpu)
{
    struct translator *t = start(jit, cpu, true);

    code_in_mem = true;
    protects = unprotects = 0;
    translator_protect_code(t, test_protect, test_unprotect, NULL);
    put_mem(0x1000, 1, 1, 0x1000);
    put_mem(0x1004, 5, 1, 0x800);
    put_mem(0x1008, 6, 1, 0x10);
    put_mem(0x100c, 1, 3, 1);
    put_mem(0x1010, 1, 2, 1);
    put_mem(0x1014, 3, 0, 0);
    put_mem(0x1800, 1, 2, 5);
    put_mem(0x1804, 3, 0, 0);
    cpu->common.pc = RW_PAGE;
    return t;
}

static void check_smc_in_own_block(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start_smc(jit, &cpu);
    struct run_result r = translator_run(t, &cpu);

    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_uint_eq(cpu.common.pc, 0x1014);
    ck_assert_uint_eq(cpu.r[2], 5);
    ck_assert_uint_eq(cpu.r[3], 1); /* the instructions ran once each */
    ck_assert_int_ge(protects, 1);
    ck_assert_int_eq(unprotects, 1);
    translator_protect_code(t, NULL, NULL, NULL);
    stop(t);
}

START_TEST(test_store_into_its_own_block_runs_the_new_code_under_the_jit)
{
    check_smc_in_own_block(true);
}
END_TEST

START_TEST(test_store_into_its_own_block_runs_the_new_code_under_the_interp)
{
    check_smc_in_own_block(false);
}
END_TEST

/* ferry's own write into a protected code page (a syscall filling a
 * buffer) is let through and drops the page's translations. */
START_TEST(test_host_write_to_a_code_page_drops_its_translations)
{
    struct toy_cpu cpu;
    struct translator *t = start_smc(true, &cpu);
    uint8_t insn[4] = {1, 2, 9, 0}; /* r2 += 9 */

    put_mem(0x1008, 1, 0, 0); /* no store this time: r0 += 0 */
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 1);
    ck_assert_int_eq(protects, 1);
    memcpy(mem + 0x1010, insn, 4); /* faults once, then goes through */
    ck_assert_int_eq(unprotects, 1);
    memset(&cpu, 0, sizeof cpu);
    cpu.common.guest_base = (uintptr_t)mem;
    cpu.common.pc = RW_PAGE;
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[2], 9);
    ck_assert_int_eq(protects, 2); /* translated again, protected again */
    translator_protect_code(t, NULL, NULL, NULL);
    stop(t);
}
END_TEST

/* With code protection on, a write to a page that is read-only for the
 * guest is still the guest's fault. */
START_TEST(test_write_to_a_readonly_page_still_faults_with_smc_on)
{
    struct toy_cpu cpu;
    struct translator *t = start_smc(true, &cpu);

    put_mem(0x1000, 1, 1, RO_PAGE);
    put_mem(0x1004, 6, 1, 0x10);
    ck_assert_int_eq(translator_run(t, &cpu).end, RUN_FAULT);
    ck_assert_uint_eq(cpu.common.pc, 0x1004);
    ck_assert_int_eq(unprotects, 0);
    translator_protect_code(t, NULL, NULL, NULL);
    stop(t);
}
END_TEST

/* Reads what a forked child writes to stderr and how it ends. */
static int run_child(void (*fn)(void), char *out, size_t len)
{
    int fds[2], status;
    ssize_t n;
    pid_t pid;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fds[1], STDERR_FILENO);
        fn();
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], out, len - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return status;
}

static void fault_in_ferry(void)
{
    struct toy_cpu cpu;
    struct translator *t = start(true, &cpu, true);
    volatile int *volatile nowhere = NULL;

    (void)t;
    *nowhere = 1;
}

START_TEST(test_fault_outside_guest_code_is_an_internal_error)
{
    char out[256];
    int status = run_child(fault_in_ferry, out, sizeof out);

    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGSEGV);
    ck_assert_ptr_nonnull(
        strstr(out, "ferry: internal error: SIGSEGV at host pc 0x"));
    ck_assert_ptr_nonnull(strstr(out, "(address 0x0)"));
}
END_TEST

static Suite *fault_suite(void)
{
    Suite *s = suite_create("fault");
    TCase *tc = tcase_create("fault");

    tcase_add_test(tc, test_load_fault_stops_at_the_load_under_the_jit);
    tcase_add_test(tc,
                   test_load_fault_stops_at_the_load_under_the_interpreter);
    tcase_add_test(tc, test_store_fault_is_a_write_and_restarts_under_the_jit);
    tcase_add_test(
        tc, test_store_fault_is_a_write_and_restarts_under_the_interpreter);
    tcase_add_test(tc, test_unmapped_page_is_maperr_under_the_jit);
    tcase_add_test(tc, test_overwritten_state_is_seen_by_faults_under_the_jit);
    tcase_add_test(
        tc, test_overwritten_state_is_seen_by_faults_under_the_interpreter);
    tcase_add_test(
        tc, test_accesses_near_a_checked_one_fault_in_the_guard_under_the_jit);
    tcase_add_test(
        tc, test_accesses_near_a_checked_one_are_checked_by_the_interpreter);
    tcase_add_test(tc, test_unmapped_page_is_maperr_under_the_interpreter);
    tcase_add_test(tc, test_fault_in_a_chained_loop_is_precise_under_the_jit);
    tcase_add_test(
        tc, test_fault_in_a_chained_loop_is_precise_under_the_interpreter);
    tcase_add_test(tc, test_fault_after_a_flush_maps_to_the_new_code);
    tcase_add_test(tc, test_faults_can_repeat);
    tcase_add_test(
        tc, test_store_into_its_own_block_runs_the_new_code_under_the_jit);
    tcase_add_test(
        tc, test_store_into_its_own_block_runs_the_new_code_under_the_interp);
    tcase_add_test(tc, test_host_write_to_a_code_page_drops_its_translations);
    tcase_add_test(tc, test_write_to_a_readonly_page_still_faults_with_smc_on);
    tcase_add_test(tc,
                   test_accesses_beyond_the_guest_limit_fault_under_the_jit);
    tcase_add_test(
        tc, test_accesses_beyond_the_guest_limit_fault_under_the_interpreter);
    tcase_add_test_raise_signal(tc, test_unreported_guest_fault_kills_with_sigsegv,
                                SIGSEGV);
    tcase_add_test(tc, test_fault_outside_guest_code_is_an_internal_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(fault_suite());
}
