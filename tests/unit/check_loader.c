/* tests/unit/check_loader.c: identifying ELF programs, from well-formed ones
 * to every way a header can be cut or corrupt. */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/loader.h"
#include "tests/unit/elf_image.h"
#include "tests/unit/unit.h"

/* A minimal riscv64 executable: two R+X PT_LOAD segments. */
static struct elf_image good_image(void)
{
    struct elf_image im = elf_image_new(0x10078);

    for (int i = 0; i < 2; i++) {
        im.ph[i].p_type = PT_LOAD;
        im.ph[i].p_flags = PF_R | PF_X;
        im.ph[i].p_vaddr = 0x10000 + 0x1000 * i;
        im.ph[i].p_align = 0x1000;
    }
    return im;
}

/* Identifies the first len bytes of buf as if they were a file. */
static int identify(const void *buf, size_t len, struct elf_ident *id,
                    const char **why)
{
    int fd = memfd_create("elf", 0);
    int rc;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
    rc = elf_identify(fd, id, why);
    close(fd);
    return rc;
}

START_TEST(test_riscv64_executable_is_identified)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why = "unset";

    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), 0);
    ck_assert_ptr_null(why);
    ck_assert_uint_eq(id.machine, EM_RISCV);
    ck_assert_uint_eq(id.elf_class, ELFCLASS64);
    ck_assert_uint_eq(id.type, ET_EXEC);
    ck_assert_uint_eq(id.entry, 0x10078);
    ck_assert_uint_eq(id.phnum, 2);
}
END_TEST

START_TEST(test_pie_is_an_executable)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    im.eh.e_type = ET_DYN;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), 0);
    ck_assert_uint_eq(id.type, ET_DYN);
}
END_TEST

START_TEST(test_text_is_not_elf)
{
    struct elf_ident id;
    const char *why;

    ck_assert_int_eq(identify("#!/bin/sh\n", 10, &id, &why), -1);
    ck_assert_str_eq(why, "not an ELF file");
    ck_assert_int_eq(id.have_header, 0);
}
END_TEST

START_TEST(test_empty_file_is_not_elf)
{
    struct elf_ident id;
    const char *why;

    ck_assert_int_eq(identify("", 0, &id, &why), -1);
    ck_assert_str_eq(why, "not an ELF file");
}
END_TEST

START_TEST(test_header_cut_short_is_truncated)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    ck_assert_int_eq(identify(&im, sizeof im.eh - 1, &id, &why), -1);
    ck_assert_str_eq(why, "truncated or corrupt ELF header");
    ck_assert_int_eq(id.have_header, 0);
}
END_TEST

START_TEST(test_program_headers_cut_short_are_reported)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    ck_assert_int_eq(identify(&im, sizeof im - 1, &id, &why), -1);
    ck_assert_str_eq(why, "truncated or corrupt program header table");
    ck_assert_int_eq(id.have_header, 1);
    ck_assert_uint_eq(id.machine, EM_RISCV);
}
END_TEST

START_TEST(test_program_headers_past_end_of_file_are_reported)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    im.eh.e_phoff = UINT64_MAX - 8;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), -1);
    ck_assert_str_eq(why, "truncated or corrupt program header table");
}
END_TEST

START_TEST(test_no_program_headers_is_reported)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    im.eh.e_phnum = 0;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), -1);
    ck_assert_str_eq(why, "no program headers");
}
END_TEST

START_TEST(test_object_file_and_core_dump_are_not_executables)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    im.eh.e_type = ET_REL;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), -1);
    ck_assert_str_eq(why, "a relocatable object file, not an executable");
    im.eh.e_type = ET_CORE;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), -1);
    ck_assert_str_eq(why, "a core dump, not an executable");
}
END_TEST

START_TEST(test_unknown_elf_version_is_rejected)
{
    struct elf_image im = good_image();
    struct elf_ident id;
    const char *why;

    im.eh.e_version = 7;
    ck_assert_int_eq(identify(&im, sizeof im, &id, &why), -1);
    ck_assert_str_eq(why, "unknown ELF version");
}
END_TEST

START_TEST(test_machine_names_distinguish_32_and_64_bit)
{
    char buf[32];

    ck_assert_str_eq(elf_machine_name(EM_RISCV, ELFCLASS32, buf, sizeof buf),
                     "riscv32");
    ck_assert_str_eq(elf_machine_name(EM_X86_64, ELFCLASS64, buf, sizeof buf),
                     "x86-64");
    ck_assert_str_eq(elf_machine_name(4242, ELFCLASS64, buf, sizeof buf),
                     "ELF machine 4242");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("elf_ident");

    tcase_add_test(tc, test_riscv64_executable_is_identified);
    tcase_add_test(tc, test_pie_is_an_executable);
    tcase_add_test(tc, test_text_is_not_elf);
    tcase_add_test(tc, test_empty_file_is_not_elf);
    tcase_add_test(tc, test_header_cut_short_is_truncated);
    tcase_add_test(tc, test_program_headers_cut_short_are_reported);
    tcase_add_test(tc, test_program_headers_past_end_of_file_are_reported);
    tcase_add_test(tc, test_no_program_headers_is_reported);
    tcase_add_test(tc, test_object_file_and_core_dump_are_not_executables);
    tcase_add_test(tc, test_unknown_elf_version_is_rejected);
    tcase_add_test(tc, test_machine_names_distinguish_32_and_64_bit);
    suite_add_tcase(s, tc);
    return unit_run(s);
}
