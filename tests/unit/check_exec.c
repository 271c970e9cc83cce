/* tests/unit/check_exec.c: the execution loop (translate, cache, chain,
 * run) on a toy guest ISA, under the JIT and the interpreter alike.
 *
 * Toy ISA, 4-byte little-endian instructions: byte 0 opcode, byte 1
 * register (0-3), bytes 2-3 a signed 16-bit immediate.
 *   1 ADDI  r += imm            3 ECALL  syscall exit
 *   2 BNEZ  if r != 0: pc += imm  4 JR    pc = r (indirect)
 *   anything else: illegal */
#include <string.h>

#include "tests/unit/unit.h"
#include "translator/translator.h"

struct toy_cpu {
    struct cpu_common common;
    uint64_t r[4];
};

#define TOY_R(n) ((uint32_t)(offsetof(struct toy_cpu, r) + 8 * (n)))
#define MEM_SIZE 8192

static uint8_t guest_mem[MEM_SIZE];
static unsigned translations;

static size_t toy_read(void *opaque, gva pc, void *buf, size_t len)
{
    (void)opaque;
    if (pc >= MEM_SIZE)
        return 0;
    if (len > MEM_SIZE - pc)
        len = MEM_SIZE - pc;
    memcpy(buf, guest_mem + pc, len);
    return len;
}

static bool toy_insn(struct ir_block *b, gva pc, const uint8_t *in)
{
    unsigned r = in[1] & 3;
    int16_t imm = (int16_t)(in[2] | in[3] << 8);
    ir_temp v;

    switch (in[0]) {
    case 1:
        v = ir_binop(b, IR_ADD, ir_get(b, IR_I64, TOY_R(r)),
                     ir_const(b, IR_I64, (uint64_t)(int64_t)imm));
        ir_set(b, TOY_R(r), v);
        return false;
    case 2: {
        ir_label taken = ir_new_label(b);

        ir_brcond(b, IR_NE, ir_get(b, IR_I64, TOY_R(r)),
                  ir_const(b, IR_I64, 0), taken);
        ir_goto_pc(b, 0, pc + 4);
        ir_set_label(b, taken);
        ir_goto_pc(b, 1, pc + (gva)(int64_t)imm);
        return true;
    }
    case 3:
        ir_exit(b, IR_EXIT_SYSCALL, pc);
        return true;
    case 4:
        ir_goto_ptr(b, ir_get(b, IR_I64, TOY_R(r)));
        return true;
    default:
        ir_exit(b, IR_EXIT_ILLEGAL, pc);
        return true;
    }
}

static void toy_translate(struct ir_block *b, gva pc, uint64_t features,
                          const struct frontend_fetch *fetch,
                          unsigned max_insns, enum frontend_reach reach)
{
    uint8_t in[4];

    (void)features, (void)reach; /* it follows no jump anyway */
    translations++;
    for (unsigned n = 0;; n++) {
        if (n == max_insns || fetch->read(fetch->opaque, pc, in, 4) < 4) {
            ir_goto_pc(b, 0, pc);
            return;
        }
        ir_insn_start(b, pc);
        b->guest_len += 4;
        if (toy_insn(b, pc, in))
            return;
        pc += 4;
    }
}

static const struct frontend toy_frontend = {
    .name = "toy",
    .state_size = sizeof(struct toy_cpu),
    .max_insn_len = 4,
    .translate = toy_translate,
};

static void put(gva at, uint8_t op, uint8_t reg, int16_t imm)
{
    guest_mem[at] = op;
    guest_mem[at + 1] = reg;
    guest_mem[at + 2] = (uint8_t)imm;
    guest_mem[at + 3] = (uint8_t)((uint16_t)imm >> 8);
}

static struct translator *start(bool jit, struct toy_cpu *cpu)
{
    struct translator_config cfg = {
        .frontend = &toy_frontend,
        .jit = jit,
        .fetch = {toy_read, NULL},
    };
    struct translator *t;

    ck_assert_int_eq(translator_new(&t, &cfg), 0);
    ck_assert_int_eq(translator_thread_start(t), 0);
    memset(cpu, 0, sizeof *cpu);
    cpu->common.guest_base = (uintptr_t)guest_mem;
    translations = 0;
    return t;
}

static void stop(struct translator *t)
{
    translator_thread_end(t);
    translator_free(t);
}

/* r0 = 1000; loop: r1 += 3; r0 -= 1; bnez r0, loop; ecall */
static void put_loop(void)
{
    memset(guest_mem, 0, sizeof guest_mem);
    put(0, 1, 0, 1000);
    put(4, 1, 1, 3);
    put(8, 1, 0, -1);
    put(12, 2, 0, -8);
    put(16, 3, 0, 0);
}

static void check_loop(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);
    struct translator_stats s;
    struct run_result r;

    put_loop();
    r = translator_run(t, &cpu);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, IR_EXIT_SYSCALL);
    ck_assert_uint_eq(cpu.common.pc, 16);
    ck_assert_uint_eq(cpu.r[0], 0);
    ck_assert_uint_eq(cpu.r[1], 3000);
    /* Blocks: [0..12], [4..12] (the loop), [16]: each translated once. */
    ck_assert_uint_eq(translations, 3);
    translator_get_stats(t, &s);
    ck_assert_uint_eq(s.blocks, 3);
    if (jit)
        ck_assert_uint_ge(s.links, 1); /* the loop jumps to itself */
    else
        ck_assert_uint_eq(s.links, 0);
    stop(t);
}

START_TEST(test_loop_runs_to_syscall_under_the_jit)
{
    check_loop(true);
}
END_TEST

START_TEST(test_loop_runs_to_syscall_under_the_interpreter)
{
    check_loop(false);
}
END_TEST

START_TEST(test_chained_loop_enters_the_loop_rarely)
{
    struct toy_cpu cpu;
    struct translator *t = start(true, &cpu);
    struct translator_stats s;

    put_loop();
    translator_run(t, &cpu);
    translator_get_stats(t, &s);
    /* 1000 iterations, but once linked the loop stays in host code. */
    ck_assert_uint_lt(s.runs, 10);
    stop(t);
}
END_TEST

/* A loop closed by an indirect jump (jr r3), like a return or a switch. */
static void put_indirect_loop(void)
{
    memset(guest_mem, 0, sizeof guest_mem);
    put(0, 1, 0, 1000);
    put(4, 1, 3, 12);
    put(8, 4, 3, 0);
    put(12, 1, 1, 2);
    put(16, 1, 0, -1);
    put(20, 2, 0, 8);
    put(24, 3, 0, 0);
    put(28, 4, 3, 0);
}

START_TEST(test_indirect_jumps_stay_in_translated_code)
{
    struct toy_cpu cpu;
    struct translator *t = start(true, &cpu);
    struct translator_stats s;
    struct run_result r;

    put_indirect_loop();
    r = translator_run(t, &cpu);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_uint_eq(cpu.r[1], 2000);
    translator_get_stats(t, &s);
    /* Without the in-code lookup every jr would return to the loop. */
    ck_assert_uint_lt(s.runs, 20);
    stop(t);
}
END_TEST

START_TEST(test_indirect_loop_gives_the_same_result_interpreted)
{
    struct toy_cpu cpu;
    struct translator *t = start(false, &cpu);

    put_indirect_loop();
    translator_run(t, &cpu);
    ck_assert_uint_eq(cpu.r[1], 2000);
    ck_assert_uint_eq(cpu.common.pc, 24);
    stop(t);
}
END_TEST

static void check_fetch_fault(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);
    struct run_result r;

    memset(guest_mem, 0, sizeof guest_mem);
    put(0, 1, 0, MEM_SIZE + 64);
    put(4, 4, 0, 0); /* jr r0: outside guest memory */
    r = translator_run(t, &cpu);
    ck_assert_int_eq(r.end, RUN_FETCH_FAULT);
    ck_assert_uint_eq(cpu.common.pc, MEM_SIZE + 64);
    stop(t);
}

START_TEST(test_jump_outside_memory_is_a_fetch_fault)
{
    check_fetch_fault(true);
    check_fetch_fault(false);
}
END_TEST

static void check_illegal(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);
    struct run_result r;

    memset(guest_mem, 0, sizeof guest_mem);
    put(0, 1, 2, 5);
    put(4, 99, 0, 0);
    r = translator_run(t, &cpu);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, IR_EXIT_ILLEGAL);
    ck_assert_uint_eq(cpu.common.pc, 4);
    ck_assert_uint_eq(cpu.r[2], 5);
    stop(t);
}

START_TEST(test_illegal_instruction_exits_at_its_pc_with_state_before_it)
{
    check_illegal(true);
    check_illegal(false);
}
END_TEST

static void check_exit_request(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);
    struct run_result r;

    put_loop();
    cpu.common.exit_request = 1;
    r = translator_run(t, &cpu);
    ck_assert_int_eq(r.end, RUN_INTERRUPTED);
    ck_assert_uint_eq(cpu.common.pc, 0);
    stop(t);
}

START_TEST(test_exit_request_stops_before_running)
{
    check_exit_request(true);
    check_exit_request(false);
}
END_TEST

static void check_invalidation(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);

    put_loop();
    translator_run(t, &cpu);
    ck_assert_uint_eq(cpu.r[1], 3000);
    /* Rewrite "r1 += 3" as "r1 += 5": stale code must not run. */
    put(4, 1, 1, 5);
    translator_invalidate(t, 4, 8);
    cpu.common.pc = 0;
    cpu.r[1] = 0;
    translator_run(t, &cpu);
    ck_assert_uint_eq(cpu.r[1], 5000);
    stop(t);
}

START_TEST(test_invalidated_code_is_translated_again)
{
    check_invalidation(true);
    check_invalidation(false);
}
END_TEST

static void check_flush(bool jit)
{
    struct toy_cpu cpu;
    struct translator *t = start(jit, &cpu);
    struct translator_stats s;

    put_loop();
    translator_run(t, &cpu);
    translator_flush(t);
    cpu.common.pc = 0;
    translator_run(t, &cpu);
    ck_assert_uint_eq(cpu.r[1], 6000);
    translator_get_stats(t, &s);
    ck_assert_uint_eq(s.flushes, 1);
    ck_assert_uint_eq(translations, 6);
    stop(t);
}

START_TEST(test_flush_drops_every_block)
{
    check_flush(true);
    check_flush(false);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("exec");
    TCase *tc = tcase_create("loop");

    tcase_add_test(tc, test_loop_runs_to_syscall_under_the_jit);
    tcase_add_test(tc, test_loop_runs_to_syscall_under_the_interpreter);
    tcase_add_test(tc, test_chained_loop_enters_the_loop_rarely);
    tcase_add_test(tc, test_jump_outside_memory_is_a_fetch_fault);
    tcase_add_test(tc, test_indirect_jumps_stay_in_translated_code);
    tcase_add_test(tc, test_indirect_loop_gives_the_same_result_interpreted);
    tcase_add_test(tc,
                   test_illegal_instruction_exits_at_its_pc_with_state_before_it);
    tcase_add_test(tc, test_exit_request_stops_before_running);
    tcase_add_test(tc, test_invalidated_code_is_translated_again);
    tcase_add_test(tc, test_flush_drops_every_block);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
