/* tests/unit/check_frontends.c: the table of known guest architectures. */
#include "tests/unit/unit.h"
#include <elf.h>
#include <stdlib.h>

#include "frontends/frontends.h"

START_TEST(test_riscv64_and_aarch64_are_known_by_elf_header)
{
    ck_assert_str_eq(guest_arch_for_elf(EM_RISCV, ELFCLASS64)->name,
                     "riscv64");
    ck_assert_str_eq(guest_arch_for_elf(EM_AARCH64, ELFCLASS64)->name,
                     "aarch64");
}
END_TEST

START_TEST(test_32_bit_and_host_machines_are_not_guests)
{
    ck_assert_ptr_null(guest_arch_for_elf(EM_RISCV, ELFCLASS32));
    ck_assert_ptr_null(guest_arch_for_elf(EM_X86_64, ELFCLASS64));
    ck_assert_ptr_null(guest_arch_for_elf(EM_NONE, ELFCLASS64));
}
END_TEST

START_TEST(test_listing_ends_with_null)
{
    size_t n = 0;

    while (guest_arch_at(n))
        n++;
    ck_assert_uint_eq(n, 2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("frontends");
    TCase *tc = tcase_create("registry");

    tcase_add_test(tc, test_riscv64_and_aarch64_are_known_by_elf_header);
    tcase_add_test(tc, test_32_bit_and_host_machines_are_not_guests);
    tcase_add_test(tc, test_listing_ends_with_null);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
