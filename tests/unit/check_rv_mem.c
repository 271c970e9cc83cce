/* tests/unit/check_rv_mem.c: riscv64 memory access: loads and stores of
 * every size, LR/SC on the CPU state's reservation and the AMOs. */
#include "tests/unit/check_rv.h"

#define T0 5
#define T1 6
#define T2 7
#define A0 10
#define A1 11
#define A2 12
#define ALL64 0xffffffffffffffffull

#define LOAD(f3, rd, rs1, imm) rvt_i(imm, rs1, f3, rd, 0x03)
#define STORE(f3, rs2, rs1, imm) rvt_s(imm, rs2, rs1, f3, 0x23)
/* AMO funct5, aq, rl, width funct3 (2: .w, 3: .d). */
#define AMO(f5, aq, rl, f3, rd, rs1, rs2)                                 \
    rvt_r((f5) << 2 | (aq) << 1 | (rl), rs2, rs1, f3, rd, 0x2f)
#define LR_W(rd, rs1) AMO(0x02, 0, 0, 2, rd, rs1, 0)
#define LR_D(rd, rs1) AMO(0x02, 0, 0, 3, rd, rs1, 0)
#define SC_W(rd, rs1, rs2) AMO(0x03, 0, 0, 2, rd, rs1, rs2)
#define SC_D(rd, rs1, rs2) AMO(0x03, 0, 0, 3, rd, rs1, rs2)

static uint64_t mem64(struct rvt *t, gva a)
{
    uint64_t v;

    memcpy(&v, t->mem + a, 8);
    return v;
}

static void set_mem64(struct rvt *t, gva a, uint64_t v)
{
    memcpy(t->mem + a, &v, 8);
}

/* Loads with funct3 f3 from RVT_DATA + off holding the bytes of v. */
static uint64_t load_from(uint32_t f3, int32_t off, uint64_t v)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint64_t r;

    set_mem64(t, RVT_DATA + 16 + off, v);
    t->cpu.x[T0] = RVT_DATA + 16;
    rvt_emit32(t, LOAD(f3, T2, T0, off));
    rvt_run_to_end(t);
    r = t->cpu.x[T2];
    rvt_free(t);
    return r;
}

START_TEST(test_loads_extend_by_size_and_sign)
{
    uint64_t v = 0x8899aabbccddeeffull;

    ck_assert_uint_eq(load_from(0, 0, v), 0xffffffffffffffffull);  /* lb */
    ck_assert_uint_eq(load_from(4, 0, v), 0xff);                   /* lbu */
    ck_assert_uint_eq(load_from(1, 0, v), 0xffffffffffffeeffull);  /* lh */
    ck_assert_uint_eq(load_from(5, 0, v), 0xeeff);                 /* lhu */
    ck_assert_uint_eq(load_from(2, 0, v), 0xffffffffccddeeffull);  /* lw */
    ck_assert_uint_eq(load_from(6, 0, v), 0xccddeeff);             /* lwu */
    ck_assert_uint_eq(load_from(3, 0, v), v);                      /* ld */
    ck_assert_uint_eq(load_from(2, 0, 0x7fffffff), 0x7fffffff);
    ck_assert_uint_eq(load_from(0, -16, 0x7f), 0x7f);
    ck_assert_uint_eq(load_from(3, 3, v), v);     /* misaligned is fine */
}
END_TEST

START_TEST(test_stores_write_only_their_size)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[T0] = RVT_DATA;
    t->cpu.x[T1] = 0x1122334455667788ull;
    rvt_emit32(t, STORE(0, T1, T0, 0));   /* sb */
    rvt_emit32(t, STORE(1, T1, T0, 8));   /* sh */
    rvt_emit32(t, STORE(2, T1, T0, 16));  /* sw */
    rvt_emit32(t, STORE(3, T1, T0, 24));  /* sd */
    rvt_emit32(t, STORE(3, T1, T0, -8));  /* negative offset */
    memset(t->mem + RVT_DATA - 8, 0xee, 40);
    rvt_run_to_end(t);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0xeeeeeeeeeeeeee88ull);
    ck_assert_uint_eq(mem64(t, RVT_DATA + 8), 0xeeeeeeeeeeee7788ull);
    ck_assert_uint_eq(mem64(t, RVT_DATA + 16), 0xeeeeeeee55667788ull);
    ck_assert_uint_eq(mem64(t, RVT_DATA + 24), 0x1122334455667788ull);
    ck_assert_uint_eq(mem64(t, RVT_DATA - 8), 0x1122334455667788ull);
    rvt_free(t);
}
END_TEST

START_TEST(test_load_into_x0_still_happens_and_is_dropped)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    bool has_load = false;

    t->cpu.x[T0] = RVT_DATA;
    set_mem64(t, RVT_DATA, 42);
    rvt_emit32(t, LOAD(3, 0, T0, 0));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[0], 0);
    rvt_translate(t, RVT_CODE);
    for (uint32_t i = 0; i < t->b->nops; i++)
        has_load |= t->b->ops[i].opc == IR_LOAD;
    ck_assert(has_load); /* it may fault, so it is kept */
    rvt_free(t);
}
END_TEST

/* --- LR/SC --------------------------------------------------------------- */

START_TEST(test_lr_sc_pair_succeeds_and_stores)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = 0x123456789ull;
    set_mem64(t, RVT_DATA, 77);
    rvt_emit32(t, LR_D(A1, A0));
    rvt_emit32(t, SC_D(T2, A0, A2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A1], 77);
    ck_assert_uint_eq(t->cpu.x[T2], 0);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0x123456789ull);
    ck_assert_uint_eq(t->cpu.res_addr, RV_NO_RESERVATION);
    rvt_free(t);
}
END_TEST

START_TEST(test_sc_without_reservation_fails_and_does_not_store)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = 5;
    set_mem64(t, RVT_DATA, 77);
    rvt_emit32(t, SC_D(T2, A0, A2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T2], 1);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 77);
    rvt_free(t);
}
END_TEST

START_TEST(test_sc_fails_after_another_sc_or_at_another_address)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = 5;
    rvt_emit32(t, LR_D(A1, A0));
    rvt_emit32(t, ADDI(T0, A0, 8));
    rvt_emit32(t, SC_D(T1, T0, A2));      /* other address: fails */
    rvt_emit32(t, SC_D(T2, A0, A2));      /* reservation gone: fails */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T1], 1);
    ck_assert_uint_eq(t->cpu.x[T2], 1);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0);
    ck_assert_uint_eq(mem64(t, RVT_DATA + 8), 0);
    rvt_free(t);
}
END_TEST

START_TEST(test_sc_fails_when_memory_changed_since_lr)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = 5;
    t->cpu.x[T0] = 9;
    rvt_emit32(t, LR_W(A1, A0));
    rvt_emit32(t, STORE(2, T0, A0, 0));   /* sw t0, 0(a0) */
    rvt_emit32(t, SC_W(T2, A0, A2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[T2], 1);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 9);
    rvt_free(t);
}
END_TEST

START_TEST(test_lr_w_sign_extends_and_sc_w_stores_a_word)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = 0xaaaaaaaa12345678ull;
    set_mem64(t, RVT_DATA, 0x1111111180000000ull);
    rvt_emit32(t, LR_W(A1, A0));
    rvt_emit32(t, SC_W(T2, A0, A2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A1], 0xffffffff80000000ull);
    ck_assert_uint_eq(t->cpu.x[T2], 0);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0x1111111112345678ull);
    rvt_free(t);
}
END_TEST

/* --- AMOs ---------------------------------------------------------------- */

/* Runs AMO f5 (width f3) with memory = old, rs2 = v; returns rd, and the
 * new memory contents in *now. */
static uint64_t amo(uint32_t f5, uint32_t f3, uint64_t old, uint64_t v,
                    uint64_t *now)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint64_t r;

    t->cpu.x[A0] = RVT_DATA;
    t->cpu.x[A2] = v;
    set_mem64(t, RVT_DATA, old);
    rvt_emit32(t, AMO(f5, 1, 1, f3, A1, A0, A2));
    rvt_run_to_end(t);
    r = t->cpu.x[A1];
    *now = mem64(t, RVT_DATA);
    rvt_free(t);
    return r;
}

START_TEST(test_amo_d_returns_the_old_value_and_stores_the_result)
{
    uint64_t now;

    ck_assert_uint_eq(amo(0x01, 3, 5, 6, &now), 5);       /* amoswap */
    ck_assert_uint_eq(now, 6);
    ck_assert_uint_eq(amo(0x00, 3, ALL64, 2, &now), ALL64); /* amoadd */
    ck_assert_uint_eq(now, 1);
    ck_assert_uint_eq(amo(0x04, 3, 0xff, 0x0f, &now), 0xff); /* amoxor */
    ck_assert_uint_eq(now, 0xf0);
    amo(0x0c, 3, 0xff, 0x0f, &now);                        /* amoand */
    ck_assert_uint_eq(now, 0x0f);
    amo(0x08, 3, 0xf0, 0x0f, &now);                        /* amoor */
    ck_assert_uint_eq(now, 0xff);
    amo(0x10, 3, 1, ALL64, &now);                          /* amomin */
    ck_assert_uint_eq(now, ALL64);
    amo(0x14, 3, 1, ALL64, &now);                          /* amomax */
    ck_assert_uint_eq(now, 1);
    amo(0x18, 3, 1, ALL64, &now);                          /* amominu */
    ck_assert_uint_eq(now, 1);
    amo(0x1c, 3, 1, ALL64, &now);                          /* amomaxu */
    ck_assert_uint_eq(now, ALL64);
}
END_TEST

START_TEST(test_amo_w_works_on_words_and_sign_extends)
{
    uint64_t now;

    ck_assert_uint_eq(amo(0x00, 2, 0x55555555ffffffffull, 1, &now),
                      ALL64);
    ck_assert_uint_eq(now, 0x5555555500000000ull);
    /* signed word min: 0x80000000 is the smaller */
    ck_assert_uint_eq(amo(0x10, 2, 0x7fffffff, 0x80000000, &now),
                      0x7fffffff);
    ck_assert_uint_eq(now, 0x80000000);
    amo(0x18, 2, 0x7fffffff, 0x80000000, &now);            /* amominu.w */
    ck_assert_uint_eq(now, 0x7fffffff);
    ck_assert_uint_eq(amo(0x01, 2, 0x80000000, 3, &now), 0xffffffff80000000ull);
}
END_TEST

START_TEST(test_atomics_are_aligned_and_carry_aq_rl)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    unsigned seen = 0;

    rvt_emit32(t, AMO(0x00, 1, 0, 3, A1, A0, A2));   /* amoadd.d.aq */
    rvt_emit32(t, AMO(0x00, 0, 1, 2, A1, A0, A2));   /* amoadd.w.rl */
    rvt_emit32(t, AMO(0x02, 1, 1, 3, A1, A0, 0));    /* lr.d.aqrl */
    rvt_translate(t, RVT_CODE);
    for (uint32_t i = 0; i < t->b->nops; i++) {
        const struct ir_op *op = &t->b->ops[i];

        if (op->opc != IR_ATOMIC_RMW && op->opc != IR_LOAD)
            continue;
        ck_assert(op->aux & IR_MO_ALIGN);
        if (seen == 0)
            ck_assert_uint_eq(op->aux & (IR_MO_ACQ | IR_MO_REL), IR_MO_ACQ);
        if (seen == 1)
            ck_assert_uint_eq(op->aux & (IR_MO_ACQ | IR_MO_REL), IR_MO_REL);
        if (seen == 2)
            ck_assert_uint_eq(op->aux & (IR_MO_ACQ | IR_MO_REL),
                              IR_MO_ACQ | IR_MO_REL);
        seen++;
    }
    ck_assert_uint_eq(seen, 3);
    rvt_free(t);
}
END_TEST

/* A misaligned AMO or LR/SC is an address-misaligned exception at its
 * pc (unpriv. spec 8.2, 8.4) before it touches memory, rd or the
 * reservation; a 4-aligned .w is fine, a 4-aligned .d is not. */
static void check_misaligned(uint32_t insn, gva addr)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    set_mem64(t, RVT_DATA, 0x1111111111111111ull);
    set_mem64(t, RVT_DATA + 8, 0x2222222222222222ull);
    t->cpu.x[A0] = addr;
    t->cpu.x[A1] = 99;
    t->cpu.x[A2] = 5;
    t->cpu.res_addr = addr;
    t->cpu.res_val = mem64(t, addr);
    rvt_emit32(t, LI(T0, 7));
    rvt_emit32(t, insn);
    rvt_emit32(t, LI(T0, 8));
    rvt_run_to_exit(t, IR_EXIT_MISALIGNED, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[T0], 7);
    ck_assert_uint_eq(t->cpu.x[A1], 99);
    ck_assert_uint_eq(t->cpu.res_addr, addr);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0x1111111111111111ull);
    ck_assert_uint_eq(mem64(t, RVT_DATA + 8), 0x2222222222222222ull);
    rvt_free(t);
}

START_TEST(test_misaligned_atomics_fault_at_their_pc)
{
    static const unsigned f5[] = {0x00, 0x01, 0x04, 0x08, 0x0c,
                                  0x10, 0x14, 0x18, 0x1c};

    for (size_t i = 0; i < sizeof f5 / sizeof f5[0]; i++) {
        check_misaligned(AMO(f5[i], 0, 0, 2, A1, A0, A2), RVT_DATA + 2);
        check_misaligned(AMO(f5[i], 1, 1, 3, A1, A0, A2), RVT_DATA + 4);
        check_misaligned(AMO(f5[i], 0, 0, 3, A1, A0, A2), RVT_DATA + 1);
    }
    check_misaligned(LR_W(A1, A0), RVT_DATA + 1);
    check_misaligned(LR_D(A1, A0), RVT_DATA + 4);
    check_misaligned(SC_W(A1, A0, A2), RVT_DATA + 6);
    check_misaligned(SC_D(A1, A0, A2), RVT_DATA + 4);
}
END_TEST

START_TEST(test_word_atomics_need_only_word_alignment)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    set_mem64(t, RVT_DATA, 0x0000000500000000ull);
    t->cpu.x[A0] = RVT_DATA + 4;
    t->cpu.x[A2] = 3;
    rvt_emit32(t, AMO(0x00, 0, 0, 2, A1, A0, A2));  /* amoadd.w */
    rvt_emit32(t, LR_W(T1, A0));
    rvt_emit32(t, SC_W(T2, A0, A2));
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[A1], 5);
    ck_assert_uint_eq(t->cpu.x[T1], 8);
    ck_assert_uint_eq(t->cpu.x[T2], 0);
    ck_assert_uint_eq(mem64(t, RVT_DATA), 0x0000000300000000ull);
    rvt_free(t);
}
END_TEST

START_TEST(test_atomics_are_illegal_without_a)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_A);

    t->cpu.x[A0] = RVT_DATA;
    rvt_emit32(t, LR_D(A1, A0));
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE);
    rvt_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_mem");
    TCase *ls = tcase_create("load_store");
    TCase *a = tcase_create("atomics");

    tcase_add_test(ls, test_loads_extend_by_size_and_sign);
    tcase_add_test(ls, test_stores_write_only_their_size);
    tcase_add_test(ls, test_load_into_x0_still_happens_and_is_dropped);
    tcase_add_test(a, test_lr_sc_pair_succeeds_and_stores);
    tcase_add_test(a, test_sc_without_reservation_fails_and_does_not_store);
    tcase_add_test(a, test_sc_fails_after_another_sc_or_at_another_address);
    tcase_add_test(a, test_sc_fails_when_memory_changed_since_lr);
    tcase_add_test(a, test_lr_w_sign_extends_and_sc_w_stores_a_word);
    tcase_add_test(a, test_amo_d_returns_the_old_value_and_stores_the_result);
    tcase_add_test(a, test_amo_w_works_on_words_and_sign_extends);
    tcase_add_test(a, test_atomics_are_aligned_and_carry_aq_rl);
    tcase_add_test(a, test_atomics_are_illegal_without_a);
    tcase_add_test(a, test_misaligned_atomics_fault_at_their_pc);
    tcase_add_test(a, test_word_atomics_need_only_word_alignment);
    suite_add_tcase(s, ls);
    suite_add_tcase(s, a);
    return unit_run(s);
}
