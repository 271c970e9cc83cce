/* tests/unit/check_rv_rvc.c: the riscv64 "C" extension: every RV64C form
 * expands to the 32-bit instruction the spec gives for it, reserved ones
 * are illegal, and compressed code runs with 2-byte pc steps. The
 * halfwords are the GNU assembler's encodings of the commented source. */
#include "frontends/riscv64/rv_internal.h"
#include "tests/unit/check_rv.h"

#define LOADI(imm, rs1, f3, rd) rvt_i(imm, rs1, f3, rd, 0x03)
#define FLD(imm, rs1, rd) rvt_i(imm, rs1, 3, rd, 0x07)
#define STOREI(imm, rs2, rs1, f3) rvt_s(imm, rs2, rs1, f3, 0x23)
#define FSD(imm, rs2, rs1) rvt_s(imm, rs2, rs1, 3, 0x27)
#define OPIMM(imm, rs1, f3, rd) rvt_i(imm, rs1, f3, rd, 0x13)
#define JALR(rd, rs1) rvt_i(0, rs1, 0, rd, 0x67)


START_TEST(test_every_rv64c_form_expands_as_the_spec_says)
{
    const struct {
        uint16_t c;
        uint32_t expanded;
        const char *src;
    } rvc_cases[] = {
        {0x1fe4, OPIMM(1020, 2, 0, 9), "c.addi4spn s1,sp,1020"},
        {0x005c, OPIMM(4, 2, 0, 15), "c.addi4spn a5,sp,4"},
        {0x3fe4, FLD(248, 15, 9), "c.fld fs1,248(a5)"},
        {0x5fe0, LOADI(124, 15, 2, 8), "c.lw s0,124(a5)"},
        {0x7cf8, LOADI(248, 9, 3, 14), "c.ld a4,248(s1)"},
        {0xa01c, FSD(0, 15, 8), "c.fsd fa5,0(s0)"},
        {0xc22c, STOREI(64, 11, 12, 2), "c.sw a1,64(a2)"},
        {0xe354, STOREI(128, 13, 14, 3), "c.sd a3,128(a4)"},
        {0x0001, OPIMM(0, 0, 0, 0), "c.nop"},
        {0x1281, OPIMM(-32, 5, 0, 5), "c.addi t0,-32"},
        {0x0dfd, OPIMM(31, 27, 0, 27), "c.addi s11,31"},
        {0x357d, rvt_i(-1, 10, 0, 10, 0x1b), "c.addiw a0,-1"},
        {0x4ffd, OPIMM(31, 0, 0, 31), "c.li t6,31"},
        {0x617d, OPIMM(496, 2, 0, 2), "c.addi16sp sp,496"},
        {0x7101, OPIMM(-512, 2, 0, 2), "c.addi16sp sp,-512"},
        {0x697d, rvt_u(0x1f, 18, 0x37), "c.lui s2,0x1f"},
        {0x7281, rvt_u(0xfffe0, 5, 0x37), "c.lui t0,0xfffe0"},
        {0x90fd, OPIMM(63, 9, 5, 9), "c.srli s1,63"},
        {0x8605, OPIMM(0x400 | 1, 12, 5, 12), "c.srai a2,1"},
        {0x8afd, OPIMM(31, 13, 7, 13), "c.andi a3,31"},
        {0x8c05, R_OP(0x20, 0, 8, 8, 9), "c.sub s0,s1"},
        {0x8f3d, R_OP(0, 4, 14, 14, 15), "c.xor a4,a5"},
        {0x8d4d, R_OP(0, 6, 10, 10, 11), "c.or a0,a1"},
        {0x8e75, R_OP(0, 7, 12, 12, 13), "c.and a2,a3"},
        {0x9f1d, R_OP32(0x20, 0, 14, 14, 15), "c.subw a4,a5"},
        {0x9c3d, R_OP32(0, 0, 8, 8, 15), "c.addw s0,a5"},
        {0xaffd, rvt_j(2046, 0), "c.j .+2046"},
        {0xb001, rvt_j(-2048, 0), "c.j .-2048"},
        {0xccfd, rvt_b(254, 0, 9, 0), "c.beqz s1,.+254"},
        {0xf381, rvt_b(-256, 0, 15, 1), "c.bnez a5,.-256"},
        {0x137e, OPIMM(63, 6, 1, 6), "c.slli t1,63"},
        {0x347e, FLD(504, 2, 8), "c.fldsp fs0,504(sp)"},
        {0x53fe, LOADI(252, 2, 2, 7), "c.lwsp t2,252(sp)"},
        {0x79fe, LOADI(504, 2, 3, 19), "c.ldsp s3,504(sp)"},
        {0x8282, JALR(0, 5), "c.jr t0"},
        /* c.mv is add rd, x0, rs2 in the spec; addi rd, rs2, 0 is the same */
        {0x831e, OPIMM(0, 7, 0, 6), "c.mv t1,t2"},
        {0x9002, 0x00100073, "c.ebreak"},
        {0x9e02, JALR(1, 28), "c.jalr t3"},
        {0x9efa, R_OP(0, 0, 29, 29, 30), "c.add t4,t5"},
        {0xbfa6, FSD(504, 9, 2), "c.fsdsp fs1,504(sp)"},
        {0xdfd2, STOREI(252, 20, 2, 2), "c.swsp s4,252(sp)"},
        {0xffd6, STOREI(504, 21, 2, 3), "c.sdsp s5,504(sp)"},
    };

    for (size_t i = 0; i < sizeof rvc_cases / sizeof rvc_cases[0]; i++)
        ck_assert_msg(rv_expand_rvc(rvc_cases[i].c) == rvc_cases[i].expanded,
                      "%s (%04x): got %08x, want %08x", rvc_cases[i].src,
                      rvc_cases[i].c, rv_expand_rvc(rvc_cases[i].c),
                      rvc_cases[i].expanded);
}
END_TEST

START_TEST(test_reserved_rvc_encodings_do_not_expand)
{
    static const uint16_t reserved[] = {
        0x0000, /* the all-zero halfword */
        0x0004, /* c.addi4spn with nzuimm 0 */
        0x8000, /* quadrant 0 funct3 100 */
        0x2001, /* c.addiw rd=0 */
        0x6101, /* c.addi16sp 0 */
        0x6081, /* c.lui nzimm 0 */
        0x4002, /* c.lwsp rd=0 */
        0x6002, /* c.ldsp rd=0 */
        0x8002, /* c.jr x0 */
        0x9c41, /* quadrant 1 ALU, reserved */
        0x9c61, /* quadrant 1 ALU, reserved */
    };

    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        ck_assert_msg(rv_expand_rvc(reserved[i]) == 0, "%04x expanded",
                      reserved[i]);
}
END_TEST

START_TEST(test_reserved_halfword_is_illegal_at_its_pc)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit16(t, 0x4515); /* c.li a0,5 */
    rvt_emit16(t, 0x0000);
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE + 2);
    ck_assert_uint_eq(t->cpu.x[10], 5);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_code_is_illegal_without_c)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_C);

    rvt_emit32(t, LI(10, 1));
    rvt_emit16(t, 0x4515); /* c.li a0,5 */
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE + 4);
    ck_assert_uint_eq(t->cpu.x[10], 1);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_arithmetic_runs)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[2] = RVT_DATA;
    rvt_emit16(t, 0x4515);   /* c.li a0,5 */
    rvt_emit16(t, 0x15fd);   /* c.addi a1,-1: a1 = -1 */
    rvt_emit16(t, 0x8185);   /* c.srli a1,1: 0x7fff... */
    rvt_emit16(t, 0x0506);   /* c.slli a0,1: 10 */
    rvt_emit16(t, 0x862a);   /* c.mv a2,a0 */
    rvt_emit16(t, 0x962e);   /* c.add a2,a1 */
    rvt_emit16(t, 0x2605);   /* c.addiw a2,1: low word 9 + 1 */
    rvt_emit16(t, 0x0814);   /* c.addi4spn a3,sp,16 */
    rvt_emit16(t, 0x8e89);   /* c.sub a3,a0 */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[10], 10);
    ck_assert_uint_eq(t->cpu.x[11], 0x7fffffffffffffffull);
    ck_assert_uint_eq(t->cpu.x[12], 10);
    ck_assert_uint_eq(t->cpu.x[13], RVT_DATA + 16 - 10);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_jumps_link_pc_plus_2)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    t->cpu.x[5] = RVT_CODE + 6;
    t->cpu.x[10] = 9;
    rvt_emit16(t, 0x9282);   /* +0 c.jalr t0: to +6, ra = code + 2 */
    rvt_emit16(t, 0x4505);   /* +2 c.li a0,1 (skipped) */
    rvt_emit16(t, 0x4505);   /* +4 c.li a0,1 (skipped) */
    rvt_emit16(t, 0x4501);   /* +6 c.li a0,0 */
    rvt_emit16(t, 0xc119);   /* +8 c.beqz a0,+6: to +14 */
    rvt_emit16(t, 0x4589);   /* +10 c.li a1,2 (skipped) */
    rvt_emit16(t, 0x4589);   /* +12 c.li a1,2 (skipped) */
    rvt_emit16(t, 0xa011);   /* +14 c.j +4: to +18 */
    rvt_emit16(t, 0x460d);   /* +16 c.li a2,3 (skipped) */
    rvt_emit16(t, 0x4691);   /* +18 c.li a3,4 */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[1], RVT_CODE + 2);
    ck_assert_uint_eq(t->cpu.x[10], 0);
    ck_assert_uint_eq(t->cpu.x[11], 0);
    ck_assert_uint_eq(t->cpu.x[12], 0);
    ck_assert_uint_eq(t->cpu.x[13], 4);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_loads_and_stores_scale_offsets)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint64_t v = 0xfedcba9876543210ull, got;

    t->cpu.x[2] = RVT_DATA;
    t->cpu.x[8] = RVT_DATA + 256;
    t->cpu.x[9] = v;
    rvt_emit16(t, 0xe426);   /* c.sdsp s1,8(sp) */
    rvt_emit16(t, 0x6922);   /* c.ldsp s2,8(sp) */
    rvt_emit16(t, 0x49a2);   /* c.lwsp s3,8(sp) */
    rvt_emit16(t, 0xe404);   /* c.sd s1,8(s0) */
    rvt_emit16(t, 0x4418);   /* c.lw a4,8(s0) */
    rvt_emit16(t, 0x641c);   /* c.ld a5,8(s0) */
    rvt_emit16(t, 0xc444);   /* c.sw s1,12(s0) */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[18], v);
    ck_assert_uint_eq(t->cpu.x[19], 0x76543210);
    ck_assert_uint_eq(t->cpu.x[14], 0x76543210);
    ck_assert_uint_eq(t->cpu.x[15], v);
    memcpy(&got, t->mem + RVT_DATA + 256 + 8, 8);
    ck_assert_uint_eq(got, 0x7654321076543210ull);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_fp_loads_and_stores_move_doubles)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);
    uint64_t pi = 0x400921fb54442d18ull, got;

    t->cpu.x[2] = RVT_DATA;
    t->cpu.x[8] = RVT_DATA + 256;
    t->cpu.f[9] = pi;
    rvt_emit16(t, 0xa426);   /* c.fsdsp fs1,8(sp) */
    rvt_emit16(t, 0x2522);   /* c.fldsp fa0,8(sp) */
    rvt_emit16(t, 0xa804);   /* c.fsd fs1,16(s0) */
    rvt_emit16(t, 0x280c);   /* c.fld fa1,16(s0) */
    rvt_run_to_end(t);
    memcpy(&got, t->mem + RVT_DATA + 8, 8);
    ck_assert_uint_eq(got, pi);
    memcpy(&got, t->mem + RVT_DATA + 256 + 16, 8);
    ck_assert_uint_eq(got, pi);
    ck_assert_uint_eq(t->cpu.f[10], pi);
    ck_assert_uint_eq(t->cpu.f[11], pi);
    rvt_free(t);
}
END_TEST

START_TEST(test_compressed_fp_forms_are_illegal_without_d)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC & ~(uint64_t)RV_F_D);

    t->cpu.x[2] = RVT_DATA;
    rvt_emit16(t, 0x2522);   /* c.fldsp fa0,8(sp) */
    rvt_run_to_exit(t, IR_EXIT_ILLEGAL, RVT_CODE);
    rvt_free(t);
}
END_TEST

START_TEST(test_mixed_lengths_step_the_pc_by_their_size)
{
    struct rvt *t = rvt_new(RV_FEATURES_RV64GC);

    rvt_emit16(t, 0x4505);            /* c.li a0,1 */
    rvt_emit32(t, rvt_u(0, 11, 0x17)); /* auipc a1,0 at code + 2 */
    rvt_emit16(t, 0x0001);            /* c.nop at code + 6 */
    rvt_emit32(t, rvt_u(0, 12, 0x17)); /* auipc a2,0 at code + 8 */
    rvt_run_to_end(t);
    ck_assert_uint_eq(t->cpu.x[11], RVT_CODE + 2);
    ck_assert_uint_eq(t->cpu.x[12], RVT_CODE + 8);
    ck_assert_uint_eq(t->b->guest_len, 12);
    rvt_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_rvc");
    TCase *e = tcase_create("expand");
    TCase *r = tcase_create("run");

    tcase_add_test(e, test_every_rv64c_form_expands_as_the_spec_says);
    tcase_add_test(e, test_reserved_rvc_encodings_do_not_expand);
    tcase_add_test(r, test_reserved_halfword_is_illegal_at_its_pc);
    tcase_add_test(r, test_compressed_code_is_illegal_without_c);
    tcase_add_test(r, test_compressed_arithmetic_runs);
    tcase_add_test(r, test_compressed_jumps_link_pc_plus_2);
    tcase_add_test(r, test_compressed_loads_and_stores_scale_offsets);
    tcase_add_test(r, test_mixed_lengths_step_the_pc_by_their_size);
    tcase_add_test(r, test_compressed_fp_loads_and_stores_move_doubles);
    tcase_add_test(r, test_compressed_fp_forms_are_illegal_without_d);
    suite_add_tcase(s, e);
    suite_add_tcase(s, r);
    return unit_run(s);
}
