/* tests/unit/check_rv_ctl.c: riscv64 control flow and block structure:
 * branches, jumps and their link values, exits (ecall, ebreak, fence.i,
 * illegal instructions) and where blocks end. */
#include "tests/unit/check_rv.h"

#define RA 1
#define T0 5
#define T1 6
#define T2 7
#define A0 10
#define JALR(rd, rs1, imm) rvt_i(imm, rs1, 0, rd, 0x67)

/* A conditional branch t0 ? t1 that skips one "li a0, 1": a0 is 1 when
 * the branch falls through, 0 when it is taken. */
static bool branch_taken(uint32_t f3, uint64_t a, uint64_t b)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    bool taken;

    t->cpu.x[T0] = a;
    t->cpu.x[T1] = b;
    rvt_emit32(t, rvt_b(8, T1, T0, f3));
    rvt_emit32(t, LI(A0, 1));
    rvt_run_to_end(t);
    taken = t->cpu.x[A0] == 0;
    rvt_free(t);
    return taken;
}

START_TEST(test_branches_compare_signed_and_unsigned)
{
    ck_assert(branch_taken(0, 5, 5));                 /* beq */
    ck_assert(!branch_taken(0, 5, 6));
    ck_assert(branch_taken(1, 5, 6));                 /* bne */
    ck_assert(branch_taken(4, (uint64_t)-1, 0));      /* blt */
    ck_assert(!branch_taken(4, 0, (uint64_t)-1));
    ck_assert(branch_taken(5, 3, 3));                 /* bge */
    ck_assert(!branch_taken(6, (uint64_t)-1, 0));     /* bltu */
    ck_assert(branch_taken(6, 0, (uint64_t)-1));
    ck_assert(branch_taken(7, (uint64_t)-1, 1));      /* bgeu */
}
END_TEST

/* The same for a branch to itself, the start of its block: the frontend
 * lays out the jump back first, under the negated condition. Taken: the
 * block leaves through slot 1 to its own pc, else through slot 0. */
static bool self_branch_taken(uint32_t f3, uint64_t a, uint64_t b)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;
    bool taken;

    t->cpu.x[T0] = a;
    t->cpu.x[T1] = b;
    rvt_emit32(t, rvt_b(0, T1, T0, f3));
    rvt_translate(t, RVT_CODE);
    t->cpu.common.pc = RVT_CODE;
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    taken = r.slot == 1;
    ck_assert_uint_eq(t->cpu.common.pc, taken ? RVT_CODE : RVT_CODE + 4);
    ck_assert_int_eq(r.slot, taken ? 1 : 0);
    rvt_free(t);
    return taken;
}

START_TEST(test_a_branch_to_its_own_block_compares_alike)
{
    ck_assert(self_branch_taken(0, 5, 5));            /* beq */
    ck_assert(!self_branch_taken(0, 5, 6));
    ck_assert(self_branch_taken(1, 5, 6));            /* bne */
    ck_assert(!self_branch_taken(1, 6, 6));
    ck_assert(self_branch_taken(4, (uint64_t)-1, 0)); /* blt */
    ck_assert(!self_branch_taken(4, 0, (uint64_t)-1));
    ck_assert(self_branch_taken(5, 3, 3));            /* bge */
    ck_assert(!self_branch_taken(5, (uint64_t)-1, 0));
    ck_assert(!self_branch_taken(6, (uint64_t)-1, 0)); /* bltu */
    ck_assert(self_branch_taken(6, 0, (uint64_t)-1));
    ck_assert(self_branch_taken(7, (uint64_t)-1, 1)); /* bgeu */
    ck_assert(!self_branch_taken(7, 1, (uint64_t)-1));
}
END_TEST

START_TEST(test_branch_targets_go_backward_and_forward)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;

    /* a countdown loop: t0 = 3; loop: a0 += 1; t0 -= 1; bnez t0, loop */
    rvt_emit32(t, LI(T0, 3));
    rvt_emit32(t, ADDI(A0, A0, 1));
    rvt_emit32(t, ADDI(T0, T0, -1));
    rvt_emit32(t, rvt_b(-8, 0, T0, 1));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A0], 3);
    /* a backward branch (a loop's) ends its block in both chain slots */
    rvt_translate(t, RVT_CODE + 4);
    t->cpu.x[T0] = 2;
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_int_eq(r.slot, 1);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 4);
    t->cpu.x[T0] = 1;
    r = rvt_run_block(t);
    ck_assert_int_eq(r.slot, 0);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 16);
    rvt_free(t);
}
END_TEST

/* Superblocks: a jal x0 on the block's page goes on at its target, also
 * backwards (the block then covers code below its pc), but never into an
 * instruction the block already holds. */
START_TEST(test_jumps_on_the_page_are_followed)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;

    rvt_emit32(t, LI(A0, 5));             /* code + 0 */
    rvt_emit32(t, rvt_j(12, 0));          /* code + 4: to code + 16 */
    rvt_emit32(t, rvt_j(-8, 0));          /* code + 8: to code + 0 */
    rvt_emit32(t, LI(A0, 99));            /* code + 12: never runs */
    rvt_emit32(t, ADDI(A0, A0, 1));       /* code + 16 */
    rvt_translate(t, RVT_CODE + 8);
    ck_assert_uint_eq(t->b->ninsns, 4);
    ck_assert_uint_eq(t->b->guest_before, 8);
    ck_assert_uint_eq(t->b->guest_len, 12);
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_int_eq(r.slot, 0);
    ck_assert_uint_eq(t->cpu.common.pc, t->code_end);
    ck_assert_uint_eq(t->cpu.x[A0], 6);
    rvt_free(t);
}
END_TEST

START_TEST(test_a_loop_of_jumps_ends_the_block)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_j(4, 0));           /* code + 0: to code + 4 */
    rvt_emit32(t, rvt_j(-4, 0));          /* code + 4: back to code + 0 */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 2);
    ck_assert_int_eq(rvt_run_block(t).slot, 0);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE);
    rvt_free(t);
}
END_TEST

/* Runs t's block once: it must leave through chain slot `slot` for pc,
 * with a0 then a0. */
static void run_block_to(struct rvt *t, int slot, gva pc, uint64_t a0)
{
    struct run_result r = rvt_run_block(t);

    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_int_eq(r.slot, slot);
    ck_assert_uint_eq(t->cpu.common.pc, pc);
    ck_assert_uint_eq(t->cpu.x[A0], a0);
}

/* One branch per block goes on (side exit, slot 2); the next one ends
 * the block in slots 0 and 1. */
START_TEST(test_only_the_first_branch_goes_on)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_b(12, 0, T0, 1));   /* code + 0: bnez t0, +12 */
    rvt_emit32(t, ADDI(A0, A0, 1));       /* code + 4 */
    rvt_emit32(t, rvt_b(8, 0, T1, 1));    /* code + 8: bnez t1, +8 */
    rvt_emit32(t, ADDI(A0, A0, 2));       /* code + 12 */
    rvt_emit32(t, ADDI(A0, A0, 4));       /* code + 16 */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 3);
    t->cpu.x[T0] = 1;
    run_block_to(t, 2, RVT_CODE + 12, 0);
    t->cpu.x[T0] = 0;
    t->cpu.x[T1] = 1;
    run_block_to(t, 1, RVT_CODE + 16, 1);
    t->cpu.x[T1] = 0;
    run_block_to(t, 0, RVT_CODE + 12, 2);
    rvt_free(t);
}
END_TEST

/* Cold code is decoded a basic block at a time: no jump or branch is
 * followed, however near. */
START_TEST(test_a_basic_block_ends_at_its_first_jump_or_branch)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_b(8, 0, T0, 1));    /* code + 0: bnez t0, +8 */
    rvt_emit32(t, rvt_j(4, 0));           /* code + 4: to code + 8 */
    rvt_emit32(t, ADDI(A0, A0, 1));       /* code + 8 */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 3); /* a superblock: all of it */
    t->reach = FRONTEND_BASIC_BLOCK;
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 1);
    t->cpu.x[T0] = 1;
    run_block_to(t, 1, RVT_CODE + 8, 0);
    t->cpu.x[T0] = 0;
    run_block_to(t, 0, RVT_CODE + 4, 0);
    rvt_translate(t, RVT_CODE + 4);
    ck_assert_uint_eq(t->b->ninsns, 1);
    run_block_to(t, 0, RVT_CODE + 8, 0);
    rvt_free(t);
}
END_TEST

/* The side exit's target is translated in place when it is a short way
 * to a return: both ways then run in the block. */
START_TEST(test_a_side_path_to_a_return_joins_the_block)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;

    rvt_emit32(t, rvt_b(12, 0, T0, 1));   /* code + 0: bnez t0, +12 */
    rvt_emit32(t, ADDI(A0, A0, 1));       /* code + 4 */
    rvt_emit32(t, EBREAK);                /* code + 8 */
    rvt_emit32(t, ADDI(A0, A0, 2));       /* code + 12 */
    rvt_emit32(t, JALR(0, RA, 0));        /* code + 16: ret */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 5);
    ck_assert_uint_eq(t->b->guest_len, 20);
    t->cpu.x[T0] = 1;
    t->cpu.x[RA] = 0x4000;
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_int_eq(r.slot, -1);
    ck_assert_uint_eq(t->cpu.common.pc, 0x4000);
    ck_assert_uint_eq(t->cpu.x[A0], 2);
    t->cpu.x[T0] = 0;
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, IR_EXIT_BREAKPOINT);
    ck_assert_uint_eq(t->cpu.x[A0], 3);
    rvt_free(t);
}
END_TEST

/* The side path knows nothing the main path learnt after the branch: f1
 * is read from the state, not taken from the fadd it never ran. */
START_TEST(test_a_side_path_reads_what_the_main_path_wrote_afresh)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_b(12, 0, T0, 1));             /* bnez t0, +12 */
    rvt_emit32(t, rvt_r(0x01, 3, 2, 0, 1, 0x53));   /* fadd.d f1,f2,f3,rne */
    rvt_emit32(t, EBREAK);
    rvt_emit32(t, rvt_r(0x01, 1, 1, 0, 4, 0x53));   /* fadd.d f4,f1,f1,rne */
    rvt_emit32(t, rvt_r(0x71, 0, 4, 0, A0, 0x53));  /* fmv.x.d a0, f4 */
    rvt_emit32(t, JALR(0, RA, 0));
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 6);
    t->cpu.x[T0] = 1;
    t->cpu.f[1] = 0x4008000000000000ull; /* 3.0 */
    t->cpu.f[2] = 0x3ff0000000000000ull; /* 1.0 */
    t->cpu.f[3] = 0x3ff0000000000000ull;
    ck_assert_int_eq(rvt_run_block(t).slot, -1);
    ck_assert_uint_eq(t->cpu.x[A0], 0x4018000000000000ull); /* 6.0 */
    rvt_free(t);
}
END_TEST

/* A side path that would need a chain slot, or runs off the code, stays
 * an exit (slot 2). */
START_TEST(test_a_side_path_needing_a_slot_stays_an_exit)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_b(12, 0, T0, 1));   /* code + 0: bnez t0, +12 */
    rvt_emit32(t, ADDI(A0, A0, 1));       /* code + 4 */
    rvt_emit32(t, EBREAK);                /* code + 8 */
    rvt_emit32(t, rvt_b(-12, 0, T1, 1));  /* code + 12: bnez t1, code */
    rvt_emit32(t, JALR(0, RA, 0));        /* code + 16 */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 3);
    t->cpu.x[T0] = 1;
    run_block_to(t, 2, RVT_CODE + 12, 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_jal_links_the_next_pc_and_jumps)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_j(8, RA));          /* jal ra, +8 */
    rvt_emit32(t, LI(A0, 1));             /* skipped */
    rvt_emit32(t, LI(T0, 2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[RA], RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    ck_assert_uint_eq(t->cpu.x[T0], 2);
    rvt_free(t);
}
END_TEST

START_TEST(test_jalr_clears_the_target_low_bit)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[T0] = RVT_CODE + 7;          /* + 1 below gives code + 8 */
    rvt_emit32(t, JALR(T1, T0, 1));
    rvt_emit32(t, LI(A0, 1));             /* skipped */
    rvt_emit32(t, LI(T2, 2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T1], RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    ck_assert_uint_eq(t->cpu.x[T2], 2);
    rvt_free(t);
}
END_TEST

START_TEST(test_jalr_with_rd_equal_rs1_uses_the_old_value)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[T0] = RVT_CODE + 12;
    rvt_emit32(t, JALR(T0, T0, -4));      /* to code + 8 */
    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, LI(T2, 2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T0], RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    ck_assert_uint_eq(t->cpu.x[T2], 2);
    rvt_free(t);
}
END_TEST

/* Without C, IALIGN is 32: jumps and taken branches to a target that is
 * 2 mod 4 raise instruction-address-misaligned on the jump, which writes
 * no register (unpriv. spec 2.5); with C the same code runs. */
#define RV64G (RV_FEATURES_RV64GC & ~(uint64_t)RV_F_C)

START_TEST(test_jal_to_a_halfword_target_faults_without_c)
{
    struct rvt *t = rvt_new(RV64G);

    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, rvt_j(6, RA));          /* jal ra, +6 */
    rvt_emit32(t, LI(A0, 2));
    rvt_emit32(t, LI(A0, 3));
    rvt_run_to_exit(t, IR_EXIT_MISALIGNED, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 1);
    ck_assert_uint_eq(t->cpu.x[RA], 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_jalr_to_a_halfword_target_faults_without_c)
{
    struct rvt *t = rvt_new(RV64G);

    t->cpu.x[T0] = RVT_CODE + 9;          /* & ~1: code + 10 */
    rvt_emit32(t, JALR(T0, T0, 1));
    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, LI(A0, 2));
    rvt_run_to_exit(t, IR_EXIT_MISALIGNED, RVT_CODE);
    ck_assert_uint_eq(t->cpu.x[T0], RVT_CODE + 9);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    rvt_free(t);
    /* the low bit alone is cleared, not a fault */
    t = rvt_new(RV64G);
    t->cpu.x[T0] = RVT_CODE + 7;
    rvt_emit32(t, JALR(T1, T0, 1));
    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, LI(T2, 2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T1], RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_branch_to_a_halfword_target_faults_only_when_taken)
{
    struct rvt *t = rvt_new(RV64G);

    t->cpu.x[T0] = 1;
    rvt_emit32(t, rvt_b(6, 0, T0, 0));    /* beq t0, zero, +6: not taken */
    rvt_emit32(t, rvt_b(6, 0, T0, 1));    /* bne t0, zero, +6: taken */
    rvt_emit32(t, LI(A0, 2));
    rvt_emit32(t, LI(A0, 3));
    rvt_run_to_exit(t, IR_EXIT_MISALIGNED, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_halfword_targets_are_fine_with_c)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, rvt_j(6, RA));          /* jal ra, +6 */
    rvt_emit16(t, 0x0001);                /* c.nop, skipped */
    rvt_emit16(t, 0x0001);                /* c.nop at +6 */
    rvt_emit16(t, 0x4505);                /* c.li a0, 1 */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A0], 1);
    ck_assert_uint_eq(t->cpu.x[RA], RVT_CODE + 4);
    rvt_free(t);
}
END_TEST

START_TEST(test_ecall_and_ebreak_exit_at_their_pc)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, LI(A0, 9));
    rvt_emit32(t, ECALL);
    rvt_emit32(t, EBREAK);
    rvt_run_to_exit(t, IR_EXIT_SYSCALL, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[A0], 9);
    rvt_translate(t, RVT_CODE + 8);
    ck_assert_uint_eq(t->b->ninsns, 1);
    t->code_end = RVT_CODE + 12;
    t->cpu.common.pc = RVT_CODE + 8;
    {
        struct run_result r;

        r = rvt_run_block(t);
        ck_assert_int_eq(r.end, RUN_EXIT);
        ck_assert_int_eq(r.reason, IR_EXIT_BREAKPOINT);
        ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 8);
    }
    rvt_free(t);
}
END_TEST

START_TEST(test_fence_i_flushes_and_resumes_after_itself)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, 0x0000100f);            /* fence.i */
    rvt_emit32(t, LI(A0, 2));
    rvt_run_to_exit(t, IR_EXIT_FLUSH_CODE, RVT_CODE + 8);
    ck_assert_uint_eq(t->cpu.x[A0], 1);
    ck_assert_uint_eq(t->b->guest_len, 8);
    rvt_free(t);
}
END_TEST

START_TEST(test_undefined_encodings_are_illegal_at_their_pc)
{
    static const uint32_t bad[] = {
        0x00000000, 0xffffffff,
        0x0000007f,             /* opcode with no instruction */
        0x0200101b,             /* slliw with shamt[5] set: reserved */
        0x00007003,             /* load funct3 111 */
        0x00003023 | 4u << 12,  /* store funct3 100 */
        0xc0001073,             /* unimp: csrrw x0, cycle, x0 */
        0x1015a52f,             /* lr.w with rs2 != 0 */
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct rvt *t = rvt_new(RV_FEATURES_MAX);

        rvt_emit32(t, LI(A0, 5));
        rvt_emit32(t, bad[i]);
        rvt_emit32(t, LI(A0, 6));
        rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE + 4);
        ck_assert_uint_eq(t->cpu.x[A0], 5);
        rvt_free(t);
    }
}
END_TEST

/* Extensions outside the model are illegal, even when decodable. */
START_TEST(test_disabled_extensions_are_illegal)
{
    static const uint32_t insns[] = {
        0x20c5a533,  /* sh1add (Zba) */
        0x60059513,  /* clz (Zbb) */
        0x28c59533,  /* bset (Zbs) */
        0x0ec5d533,  /* czero.eqz (Zicond) */
    };

    for (size_t i = 0; i < sizeof insns / sizeof insns[0]; i++) {
        struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

        rvt_emit32(t, insns[i]);
        rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE);
        rvt_free(t);
        t = rvt_new(RV_FEATURES_MAX);
        rvt_emit32(t, insns[i]);
        rvt_run_to_end(t);
        rvt_free(t);
    }
}
END_TEST

START_TEST(test_block_stops_before_the_next_page)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->code_end = 0x1ff8;
    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, LI(A0, 2));
    rvt_emit32(t, LI(A0, 3));   /* at 0x2000 */
    rvt_translate(t, 0x1ff8);
    ck_assert_uint_eq(t->b->ninsns, 2);
    ck_assert_uint_eq(t->b->guest_len, 8);
    rvt_free(t);
}
END_TEST

START_TEST(test_block_stops_after_max_insns)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;

    for (int i = 0; i < 5; i++)
        rvt_emit32(t, ADDI(A0, A0, 1));
    t->max_insns = 3;
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 3);
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 12);
    ck_assert_uint_eq(t->cpu.x[A0], 3);
    rvt_free(t);
}
END_TEST

START_TEST(test_unfetchable_bytes_end_the_block_before_them)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct run_result r;

    rvt_emit32(t, LI(A0, 1));
    rvt_emit32(t, LI(A0, 2));
    t->code_end -= 2;           /* the second one is cut in half */
    rvt_translate(t, RVT_CODE);
    ck_assert_uint_eq(t->b->ninsns, 1);
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_GOTO);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 4);
    /* as the first instruction of a block it cannot run at all */
    rvt_translate(t, RVT_CODE + 4);
    r = rvt_run_block(t);
    ck_assert_int_eq(r.end, RUN_EXIT);
    ck_assert_int_eq(r.reason, IR_EXIT_ILLEGAL);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 4);
    rvt_free(t);
}
END_TEST

/* rvt_fetch, counting its calls. */
static unsigned fetch_calls;

static size_t counting_fetch(void *opaque, gva pc, void *buf, size_t len)
{
    fetch_calls++;
    return rvt_fetch(opaque, pc, buf, len);
}

/* Each read takes the address space's lock: a block's code is read in
 * windows, not an instruction at a time, and still ends where the
 * fetchable bytes do, window or not. */
START_TEST(test_code_is_read_a_window_at_a_time)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    struct frontend_fetch f = {counting_fetch, t};

    for (int i = 0; i < 20; i++)
        rvt_emit32(t, ADDI(A0, A0, 1));
    rvt_emit16(t, 0x0505); /* c.addi a0, 1 */
    rvt_emit32(t, ADDI(A0, A0, 1));
    t->code_end -= 2; /* the last is cut in half */
    fetch_calls = 0;
    ir_block_reset(t->b, RVT_CODE);
    rv_frontend.translate(t->b, RVT_CODE, t->features, &f, 0,
                          FRONTEND_SUPERBLOCK);
    ck_assert_uint_eq(t->b->ninsns, 21);
    ck_assert_uint_le(fetch_calls, 3);
    t->cpu.x[A0] = 0;
    ck_assert_int_eq(rvt_run_block(t).end, RUN_GOTO);
    ck_assert_uint_eq(t->cpu.x[A0], 21);
    ck_assert_uint_eq(t->cpu.common.pc, RVT_CODE + 82);
    rvt_free(t);
}
END_TEST

START_TEST(test_fence_and_pause_change_no_register)
{
    struct rvt *t = rvt_new(RV_FEATURES_MAX);

    rvt_emit32(t, 0x0ff0000f);  /* fence */
    rvt_emit32(t, 0x0230000f);  /* fence r,rw */
    rvt_emit32(t, 0x8330000f);  /* fence.tso */
    rvt_emit32(t, 0x0100000f);  /* pause */
    rvt_emit32(t, LI(A0, 4));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A0], 4);
    ck_assert_uint_eq(t->b->ninsns, 5);
    rvt_free(t);
}
END_TEST

/* The ordering bits of the IR fences of the one instruction insn, one
 * fence after another (8 bits each), 0 if none. */
static unsigned fence_bits(uint32_t insn, uint64_t features)
{
    struct rvt *t = rvt_new(features);
    unsigned bits = 0;

    rvt_emit32(t, insn);
    rvt_translate(t, RVT_CODE);
    for (uint32_t i = 0; i < t->b->nops; i++)
        if (t->b->ops[i].opc == IR_FENCE)
            bits = bits << 8 | (t->b->ops[i].aux & (IR_MO_ACQ | IR_MO_REL));
    rvt_free(t);
    return bits;
}

START_TEST(test_fences_use_the_weakest_fence_that_suffices)
{
    const unsigned full = IR_MO_ACQ | IR_MO_REL;

    ck_assert_uint_eq(fence_bits(0x0ff0000f, RV_FEATURES_MAX), full);
    ck_assert_uint_eq(fence_bits(0x0330000f, RV_FEATURES_MAX), full);
    ck_assert_uint_eq(fence_bits(0x0120000f, RV_FEATURES_MAX), full);
    ck_assert_uint_eq(fence_bits(0x0230000f, RV_FEATURES_MAX), IR_MO_ACQ);
    ck_assert_uint_eq(fence_bits(0x0220000f, RV_FEATURES_MAX), IR_MO_ACQ);
    ck_assert_uint_eq(fence_bits(0x0310000f, RV_FEATURES_MAX), IR_MO_REL);
    ck_assert_uint_eq(fence_bits(0x0110000f, RV_FEATURES_MAX), IR_MO_REL);
    ck_assert_uint_eq(fence_bits(0x8330000f, RV_FEATURES_MAX),
                      IR_MO_ACQ << 8 | IR_MO_REL);       /* fence.tso */
    ck_assert_uint_eq(fence_bits(0x0100000f, RV_FEATURES_MAX), 0); /* pause */
    ck_assert_uint_eq(fence_bits(0x0100000f, RV_F_I), 0);  /* fence w,0 */
}
END_TEST

/* Every halfword and many random words decode to valid IR and
 * disassemble within the buffer. (Plain checks in the loop: each Check
 * assertion costs a write to its pipe.) */
START_TEST(test_any_bits_translate_to_valid_ir_and_disassemble)
{
    struct rvt *t = rvt_new(RV_FEATURES_MAX);
    struct frontend_fetch f = {rvt_fetch, t};
    uint64_t x = 0x9e3779b97f4a7c15ull;
    char out[48], err[200];

    t->code_end = RVT_CODE + 4;
    for (uint32_t i = 0; i < 0x10000 + 200000; i++) {
        uint32_t w;

        if (i < 0x10000) {
            w = i | 0xffff0000u; /* a halfword, then padding */
        } else {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            w = (uint32_t)x | 3;
        }
        memcpy(t->mem + RVT_CODE, &w, 4);
        ir_block_reset(t->b, RVT_CODE);
        rv_frontend.translate(t->b, RVT_CODE, t->features, &f, 0,
                              FRONTEND_SUPERBLOCK);
        if (!ir_verify(t->b, err, sizeof err) || t->b->ninsns < 1)
            ck_abort_msg("%08x: %s", w, err);
        memset(out, 'x', sizeof out);
        if (!rv_frontend.disas(0x1000, t->mem + RVT_CODE, 4, out, sizeof out) ||
            !memchr(out, '\0', sizeof out))
            ck_abort_msg("%08x does not disassemble", w);
    }
    rvt_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_ctl");
    TCase *j = tcase_create("jumps");
    TCase *e = tcase_create("exits");
    TCase *b = tcase_create("blocks");

    tcase_add_test(j, test_branches_compare_signed_and_unsigned);
    tcase_add_test(j, test_branch_targets_go_backward_and_forward);
    tcase_add_test(j, test_jal_links_the_next_pc_and_jumps);
    tcase_add_test(j, test_jalr_clears_the_target_low_bit);
    tcase_add_test(j, test_jalr_with_rd_equal_rs1_uses_the_old_value);
    tcase_add_test(j, test_jal_to_a_halfword_target_faults_without_c);
    tcase_add_test(j, test_jalr_to_a_halfword_target_faults_without_c);
    tcase_add_test(j, test_branch_to_a_halfword_target_faults_only_when_taken);
    tcase_add_test(j, test_halfword_targets_are_fine_with_c);
    tcase_add_test(e, test_ecall_and_ebreak_exit_at_their_pc);
    tcase_add_test(e, test_fence_i_flushes_and_resumes_after_itself);
    tcase_add_test(e, test_undefined_encodings_are_illegal_at_their_pc);
    tcase_add_test(e, test_disabled_extensions_are_illegal);
    tcase_add_test(b, test_jumps_on_the_page_are_followed);
    tcase_add_test(b, test_a_basic_block_ends_at_its_first_jump_or_branch);
    tcase_add_test(b, test_a_side_path_to_a_return_joins_the_block);
    tcase_add_test(b, test_a_side_path_reads_what_the_main_path_wrote_afresh);
    tcase_add_test(b, test_a_side_path_needing_a_slot_stays_an_exit);
    tcase_add_test(b, test_a_loop_of_jumps_ends_the_block);
    tcase_add_test(b, test_a_branch_to_its_own_block_compares_alike);
    tcase_add_test(b, test_only_the_first_branch_goes_on);
    tcase_add_test(b, test_block_stops_before_the_next_page);
    tcase_add_test(b, test_block_stops_after_max_insns);
    tcase_add_test(b, test_unfetchable_bytes_end_the_block_before_them);
    tcase_add_test(b, test_code_is_read_a_window_at_a_time);
    tcase_add_test(b, test_fence_and_pause_change_no_register);
    tcase_add_test(b, test_fences_use_the_weakest_fence_that_suffices);
    tcase_add_test(b, test_any_bits_translate_to_valid_ir_and_disassemble);
    suite_add_tcase(s, j);
    suite_add_tcase(s, e);
    suite_add_tcase(s, b);
    return unit_run(s);
}
