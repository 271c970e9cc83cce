/* tests/unit/check_x64_emit.c: the x86-64 encoder, checked by
 * disassembling what it emits with capstone (host_disas): REX for high and
 * byte registers, SIB for rsp/r12 bases, disp8 for rbp/r13 bases, VEX. */
#include "tests/unit/x64_suites.h"
#include "translator/host/x86_64/x64_emit.h"

static uint8_t emit_buf[256];

/* Disassembles the bytes a holds and compares with want (one instruction
 * per line, without addresses). */
static void expect_disas(struct x64_asm *a, const char *want)
{
    char *text = NULL, got[1024] = "", *line, *save;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    ck_assert(!a->overflow);
    host_disas(a->buf, x64_pos(a), 0, f);
    fclose(f);
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *insn = strstr(line, ":  ");

        ck_assert_ptr_nonnull(insn);
        strcat(got, insn + 3);
        strcat(got, ";");
    }
    free(text);
    ck_assert_str_eq(got, want);
}

START_TEST(test_memory_operands_encode_every_base)
{
    struct x64_asm a;
    struct x64_mem m1 = x64_mem_bd(X64_R12, 0), m2 = x64_mem_bd(X64_R13, 0);
    struct x64_mem m3 = x64_mem_bd(X64_RSP, 8), m4 = x64_mem_bd(X64_RBP, -200);
    struct x64_mem m5 = x64_mem_bid(X64_R15, X64_R13, 0x100);
    struct x64_mem m6 = x64_mem_bid(X64_R15, X64_RBP, 0);
    struct x64_mem m7 = x64_mem_bis(X64_RCX, X64_RAX, 2);
    struct x64_mem m8 = x64_mem_bis(X64_R13, X64_R9, 3);

    x64_asm_init(&a, emit_buf, 0, sizeof emit_buf);
    x64_load(&a, 64, X64_RAX, &m1);
    x64_load(&a, 32, X64_R9, &m2);
    x64_load(&a, 8, X64_RSI, &m3);
    x64_store(&a, 16, &m4, X64_R10);
    x64_store(&a, 8, &m5, X64_RDI);
    x64_load(&a, 64, X64_R15, &m6);
    x64_load(&a, 64, X64_RAX, &m7);
    x64_load(&a, 32, X64_RDX, &m8);
    expect_disas(&a, "mov rax, qword ptr [r12];"
                     "mov r9d, dword ptr [r13];"
                     "movzx esi, byte ptr [rsp + 8];"
                     "mov word ptr [rbp - 0xc8], r10w;"
                     "mov byte ptr [r15 + r13 + 0x100], dil;"
                     "mov r15, qword ptr [r15 + rbp];"
                     "mov rax, qword ptr [rcx + rax*4];"
                     "mov edx, dword ptr [r13 + r9*8];");
}
END_TEST

START_TEST(test_immediates_pick_the_shortest_form)
{
    struct x64_asm a;

    x64_asm_init(&a, emit_buf, 0, sizeof emit_buf);
    x64_mov_ri(&a, 64, X64_RAX, 0);
    x64_mov_ri(&a, 64, X64_R8, ~0ull);
    x64_mov_ri(&a, 64, X64_RCX, 0x123456789ull);
    x64_mov_ri(&a, 32, X64_R11, ~0ull);
    x64_alu_ri(&a, X64_ADD, 64, X64_RBX, 5);
    x64_alu_ri(&a, X64_CMP, 32, X64_R12, 0x1000);
    x64_shift_ri(&a, X64_SAR, 64, X64_R13, 63);
    expect_disas(&a, "mov eax, 0;"
                     "mov r8, -1;"
                     "movabs rcx, 0x123456789;"
                     "mov r11d, 0xffffffff;"
                     "add rbx, 5;"
                     "cmp r12d, 0x1000;"
                     "sar r13, 0x3f;");
}
END_TEST

START_TEST(test_byte_registers_and_special_forms)
{
    struct x64_asm a;

    x64_asm_init(&a, emit_buf, 0, sizeof emit_buf);
    x64_setcc(&a, X64_CC_E, X64_RDI);
    x64_movzx8(&a, X64_RAX, X64_RSI);
    x64_rr(&a, XO_MOVSX8, 64, X64_R9, X64_RBP);
    x64_bswap(&a, 64, X64_R9);
    x64_bswap(&a, 32, X64_RCX);
    x64_rr(&a, XO_CVTSI2SD, 64, X64_XMM0 + 1, X64_RAX);
    x64_rr(&a, XO_MOVD_mx, 64, X64_XMM0 + 3, X64_R10);
    x64_vex_rrr(&a, XO_VFMADD213, true, X64_XMM0 + 15, X64_XMM0 + 14,
                X64_XMM0 + 3);
    x64_vex_rrr(&a, XO_VFMADD213, false, X64_XMM0 + 1, X64_XMM0 + 2,
                X64_XMM0 + 12);
    expect_disas(&a, "sete dil;"
                     "movzx eax, sil;"
                     "movsx r9, bpl;"
                     "bswap r9;"
                     "bswap ecx;"
                     "cvtsi2sd xmm1, rax;"
                     "movq r10, xmm3;"
                     "vfmadd213sd xmm15, xmm14, xmm3;"
                     "vfmadd213ss xmm1, xmm2, xmm12;");
}
END_TEST

START_TEST(test_far_jumps_and_calls_go_through_a_register)
{
    struct x64_asm a;

    x64_asm_init(&a, emit_buf, 0x1000, sizeof emit_buf);
    x64_jmp_abs(&a, 0x2000);
    x64_call_abs(&a, 0x1000);
    x64_jmp_abs(&a, 0x123400000000ull);
    x64_call_abs(&a, 0x123400000000ull);
    expect_disas(&a, "jmp 0x1000;" /* targets shown minus 0x1000 */
                     "call 0;" /* disassembled at 0, not 0x1000 */
                     "movabs r11, 0x123400000000;"
                     "jmp r11;"
                     "movabs rax, 0x123400000000;"
                     "call rax;");
}
END_TEST

START_TEST(test_buffer_overflow_is_reported_not_written)
{
    struct x64_asm a;
    uint8_t small[4] = {0xaa, 0xaa, 0xaa, 0xaa};

    x64_asm_init(&a, small, 0, 3);
    x64_mov_ri(&a, 64, X64_RCX, 0x123456789ull);
    ck_assert(a.overflow);
    ck_assert_uint_eq(small[3], 0xaa);
}
END_TEST

TCase *x64_tcase_emit(void)
{
    TCase *tc = tcase_create("emit");

    tcase_add_test(tc, test_memory_operands_encode_every_base);
    tcase_add_test(tc, test_immediates_pick_the_shortest_form);
    tcase_add_test(tc, test_byte_registers_and_special_forms);
    tcase_add_test(tc, test_far_jumps_and_calls_go_through_a_register);
    tcase_add_test(tc, test_buffer_overflow_is_reported_not_written);
    return tc;
}
