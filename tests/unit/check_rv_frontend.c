/* tests/unit/check_rv_frontend.c: the riscv64 struct frontend: CPU models,
 * Linux ABI facts, state initialisation and state names. */
#include <elf.h>
#include <stddef.h>
#include <string.h>

#include "frontends/riscv64/riscv64.h"
#include "tests/unit/unit.h"

#define XOFF(r) (offsetof(struct rv_cpu, x) + 8 * (r))

START_TEST(test_rv64gc_is_the_default_model_and_max_has_everything)
{
    const struct frontend_cpu_model *m = rv_frontend.models;
    size_t n = 0;

    ck_assert_str_eq(m[0].name, "rv64gc");
    ck_assert_uint_eq(m[0].features, RV_F_I | RV_F_M | RV_F_A | RV_F_F |
                                         RV_F_D | RV_F_C | RV_F_ZICSR |
                                         RV_F_ZIFENCEI | RV_F_ZICNTR |
                                         RV_F_ZIHINTPAUSE);
    ck_assert_str_eq(m[1].name, "rv64g");
    ck_assert_uint_eq(m[1].features, m[0].features & ~RV_F_C);
    ck_assert_str_eq(m[2].name, "max");
    ck_assert_uint_eq(m[2].features & m[0].features, m[0].features);
    ck_assert_uint_eq(m[2].features & (RV_F_ZBA | RV_F_ZBB | RV_F_ZBS |
                                       RV_F_ZICOND),
                      RV_F_ZBA | RV_F_ZBB | RV_F_ZBS | RV_F_ZICOND);
    while (m[n].name)
        n++;
    ck_assert_uint_eq(n, 3);
}
END_TEST

START_TEST(test_frontend_describes_riscv64)
{
    ck_assert_str_eq(rv_frontend.name, "riscv64");
    ck_assert_uint_eq(rv_frontend.elf_machine, EM_RISCV);
    ck_assert_uint_eq(rv_frontend.state_size, sizeof(struct rv_cpu));
    ck_assert_uint_eq(rv_frontend.max_insn_len, 4);
}
END_TEST

/* riscv64 Linux: ecall with the number in a7 (x17), arguments in a0-a5
 * (x10-x15), result in a0; sp x2, tp x4, ra x1. */
START_TEST(test_linux_abi_uses_the_riscv64_registers)
{
    const struct frontend_linux_abi *abi = rv_frontend.linux_abi;

    ck_assert_uint_eq(abi->syscall_nr, XOFF(17));
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(abi->syscall_arg[i], XOFF(10 + i));
    ck_assert_uint_eq(abi->syscall_ret, XOFF(10));
    ck_assert_uint_eq(abi->sp, XOFF(2));
    ck_assert_uint_eq(abi->tp, XOFF(4));
    ck_assert_uint_eq(abi->ret_addr, XOFF(1));
    ck_assert_uint_eq(abi->syscall_insn_len, 4);
    ck_assert_str_eq(abi->triplet, "riscv64-linux-gnu");
    ck_assert_ptr_null(abi->platform);
    ck_assert_uint_eq(abi->o_directory, 0x10000);
    ck_assert_uint_eq(abi->o_nofollow, 0x20000);
    ck_assert_uint_eq(abi->o_direct, 0x4000);
    ck_assert_uint_eq(abi->o_largefile, 0x8000);
}
END_TEST

/* AT_HWCAP: bit (letter - 'a') per single-letter extension. */
START_TEST(test_hwcap_has_one_bit_per_letter)
{
    const struct frontend_linux_abi *abi = rv_frontend.linux_abi;
    uint64_t imafdc = 1u << ('i' - 'a') | 1u << ('m' - 'a') |
                      1u << ('a' - 'a') | 1u << ('f' - 'a') |
                      1u << ('d' - 'a') | 1u << ('c' - 'a');

    ck_assert_uint_eq(abi->hwcap(RV_FEATURES_RV64GC), imafdc);
    ck_assert_uint_eq(abi->hwcap(RV_FEATURES_MAX), imafdc);
    ck_assert_uint_eq(abi->hwcap(RV_F_I | RV_F_M), 0x1100);
    ck_assert_uint_eq(abi->hwcap2(RV_FEATURES_MAX), 0);
}
END_TEST

START_TEST(test_state_init_clears_fp_state_and_the_reservation)
{
    struct rv_cpu cpu;

    memset(&cpu, 0, sizeof cpu);
    cpu.frm = 3;
    cpu.fflags = 1;
    rv_frontend.state_init(&cpu, RV_FEATURES_RV64GC);
    ck_assert_uint_eq(cpu.frm, 0);
    ck_assert_uint_eq(cpu.fflags, 0);
    ck_assert_uint_eq(cpu.res_addr, RV_NO_RESERVATION);
}
END_TEST

START_TEST(test_state_names_cover_registers_and_nothing_else)
{
    ck_assert_str_eq(rv_frontend.state_name(0), "pc");
    ck_assert_str_eq(rv_frontend.state_name(XOFF(0)), "x0");
    ck_assert_str_eq(rv_frontend.state_name(XOFF(31)), "x31");
    ck_assert_str_eq(rv_frontend.state_name(offsetof(struct rv_cpu, f) + 8),
                     "f1");
    ck_assert_str_eq(rv_frontend.state_name(offsetof(struct rv_cpu, frm)),
                     "frm");
    ck_assert_str_eq(rv_frontend.state_name(offsetof(struct rv_cpu, fflags)),
                     "fflags");
    ck_assert_ptr_null(rv_frontend.state_name(XOFF(1) + 4));
    ck_assert_ptr_null(rv_frontend.state_name(sizeof(struct rv_cpu)));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_frontend");
    TCase *t = tcase_create("frontend");

    tcase_add_test(t, test_rv64gc_is_the_default_model_and_max_has_everything);
    tcase_add_test(t, test_frontend_describes_riscv64);
    tcase_add_test(t, test_linux_abi_uses_the_riscv64_registers);
    tcase_add_test(t, test_hwcap_has_one_bit_per_letter);
    tcase_add_test(t, test_state_init_clears_fp_state_and_the_reservation);
    tcase_add_test(t, test_state_names_cover_registers_and_nothing_else);
    suite_add_tcase(s, t);
    return unit_run(s);
}
