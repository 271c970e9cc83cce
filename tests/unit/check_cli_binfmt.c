/* tests/unit/check_cli_binfmt.c: binfmt_misc's register line, ELF magic
 * and mask per arch, and reading entries back (binfmt/entry.c). */
#include "tests/unit/unit.h"
#include <string.h>

#include "binfmt/binfmt.h"

/* What the kernel shows for ferry's riscv64 entry (fs/binfmt_misc.c
 * prints magic and mask as plain hex). */
static const char riscv64_entry[] =
    "enabled\n"
    "interpreter /usr/bin/ferry\n"
    "flags: POF\n"
    "offset 0\n"
    "magic 7f454c460201010000000000000000000200f300\n"
    "mask ffffffffffffff000000000000000000feffffff\n";

/* qemu-user-static's usual riscv64 entry (a different mask). */
static const char qemu_entry[] =
    "enabled\n"
    "interpreter /usr/libexec/qemu-binfmt/riscv64-binfmt-P\n"
    "flags: POCF\n"
    "offset 0\n"
    "magic 7f454c460201010000000000000000000200f300\n"
    "mask ffffffffffffff00fffffffffffffffffeffffff\n";

START_TEST(test_riscv64_register_line_is_escaped_text)
{
    char line[512];
    const struct binfmt_arch *a = binfmt_arch_find("riscv64");

    ck_assert_ptr_nonnull(a);
    ck_assert(binfmt_register_line(a, "ferry-riscv64", "/usr/bin/ferry", "POF",
                                   line, sizeof line));
    ck_assert_str_eq(
        line, ":ferry-riscv64:M::"
              "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00"
              "\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:"
              "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\x00\\x00\\x00\\x00"
              "\\x00\\x00\\x00\\x00\\xfe\\xff\\xff\\xff:/usr/bin/ferry:POF");
    ck_assert_ptr_null(memchr(line, '\0', strlen(line)));
}
END_TEST

START_TEST(test_aarch64_magic_has_machine_0xb7)
{
    const struct binfmt_arch *a = binfmt_arch_find("aarch64");

    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(a->magic[18], 183); /* EM_AARCH64 */
    ck_assert_uint_eq(a->magic[19], 0);
    ck_assert_uint_eq(binfmt_arch_find("riscv64")->magic[18], 243);
    ck_assert_ptr_null(binfmt_arch_find("x86_64"));
    ck_assert_ptr_null(binfmt_arch_at(2));
}
END_TEST

START_TEST(test_register_line_refuses_a_colon_in_the_path)
{
    char line[512];
    const struct binfmt_arch *a = binfmt_arch_at(0);

    ck_assert(!binfmt_register_line(a, "x", "/opt/a:b/ferry", "POF", line,
                                    sizeof line));
    ck_assert(
        !binfmt_register_line(a, "x", "/usr/bin/ferry", "POF", line, 100));
}
END_TEST

START_TEST(test_entry_text_parses_back)
{
    struct binfmt_entry e;

    ck_assert(binfmt_parse_entry(riscv64_entry, &e));
    ck_assert(e.enabled);
    ck_assert(e.is_magic);
    ck_assert_str_eq(e.interpreter, "/usr/bin/ferry");
    ck_assert_str_eq(e.flags, "POF");
    ck_assert_uint_eq(e.magic_len, 20);
    ck_assert_uint_eq(e.magic[18], 0xf3);
    ck_assert_uint_eq(e.mask[16], 0xfe);
    ck_assert(binfmt_entry_is(&e, binfmt_arch_find("riscv64"), "/usr/bin/ferry",
                              "FOP"));
}
END_TEST

START_TEST(test_entry_differs_by_path_flags_arch_or_state)
{
    struct binfmt_entry e;
    const struct binfmt_arch *rv = binfmt_arch_find("riscv64");

    ck_assert(binfmt_parse_entry(riscv64_entry, &e));
    ck_assert(!binfmt_entry_is(&e, rv, "/usr/local/bin/ferry", "POF"));
    ck_assert(!binfmt_entry_is(&e, rv, "/usr/bin/ferry", "PF"));
    ck_assert(!binfmt_entry_is(&e, binfmt_arch_find("aarch64"),
                               "/usr/bin/ferry", "POF"));
    e.enabled = false;
    ck_assert(!binfmt_entry_is(&e, rv, "/usr/bin/ferry", "POF"));
}
END_TEST

START_TEST(test_qemu_entry_runs_riscv64_but_not_aarch64)
{
    struct binfmt_entry e;

    ck_assert(binfmt_parse_entry(qemu_entry, &e));
    ck_assert(binfmt_entry_runs(&e, binfmt_arch_find("riscv64")));
    ck_assert(!binfmt_entry_runs(&e, binfmt_arch_find("aarch64")));
    ck_assert(!binfmt_entry_is(&e, binfmt_arch_find("riscv64"), e.interpreter,
                               "POCF"));
}
END_TEST

START_TEST(test_extension_entry_runs_nothing)
{
    struct binfmt_entry e;

    ck_assert(binfmt_parse_entry("enabled\ninterpreter /usr/bin/wine\n"
                                 "flags: \nextension .exe\n",
                                 &e));
    ck_assert(!e.is_magic);
    ck_assert(!binfmt_entry_runs(&e, binfmt_arch_find("riscv64")));
}
END_TEST

START_TEST(test_garbage_is_not_an_entry)
{
    struct binfmt_entry e;

    ck_assert(!binfmt_parse_entry("", &e));
    ck_assert(!binfmt_parse_entry("enabled\nmagic 7f45\n", &e));
    ck_assert(!binfmt_parse_entry("enabled\ninterpreter /x\nmagic 7f45\n"
                                  "mask ff\n",
                                  &e));
}
END_TEST

START_TEST(test_offset_entry_past_the_header_runs_nothing)
{
    struct binfmt_entry e;

    ck_assert(binfmt_parse_entry("enabled\ninterpreter /x\noffset 60\n"
                                 "magic 7f454c46aa\n",
                                 &e));
    ck_assert(!binfmt_entry_runs(&e, binfmt_arch_find("riscv64")));
}
END_TEST

START_TEST(test_flags_compare_as_sets_with_c_implying_o)
{
    ck_assert(binfmt_flags_equal("POF", "FOP"));
    ck_assert(binfmt_flags_equal("PC", "POC"));
    ck_assert(binfmt_flags_equal("", ""));
    ck_assert(!binfmt_flags_equal("PF", "POF"));
    ck_assert(!binfmt_flags_equal("P", ""));
}
END_TEST

START_TEST(test_register_line_parses_back_as_the_same_entry)
{
    char line[512];
    struct binfmt_entry e;
    const struct binfmt_arch *a = binfmt_arch_find("aarch64");

    ck_assert(binfmt_register_line(a, "ferry-aarch64", "/usr/bin/ferry", "POF",
                                   line, sizeof line));
    ck_assert(binfmt_parse_register_line(line, &e));
    ck_assert_str_eq(e.interpreter, "/usr/bin/ferry");
    ck_assert_uint_eq(e.magic_len, 20);
    ck_assert_uint_eq(e.magic[18], 0xb7);
    ck_assert_uint_eq(e.mask[7], 0);
    ck_assert(binfmt_entry_runs(&e, a));
    ck_assert(!binfmt_entry_runs(&e, binfmt_arch_find("riscv64")));
}
END_TEST

START_TEST(test_qemu_conf_line_with_literal_elf_runs_riscv64)
{
    struct binfmt_entry e;

    ck_assert(binfmt_parse_register_line(
        ":qemu-riscv64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00"
        "\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00:\\xff\\xff\\xff\\xff\\xff"
        "\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff"
        "\\xff\\xff:/usr/libexec/qemu-binfmt/riscv64-binfmt-P:POCF\n",
        &e));
    ck_assert_uint_eq(e.magic[1], 'E');
    ck_assert_str_eq(e.interpreter,
                     "/usr/libexec/qemu-binfmt/riscv64-binfmt-P");
    ck_assert(binfmt_entry_runs(&e, binfmt_arch_find("riscv64")));
}
END_TEST

START_TEST(test_extension_and_short_register_lines_are_not_magic_entries)
{
    struct binfmt_entry e;

    ck_assert(!binfmt_parse_register_line(":wine:E::exe::/usr/bin/wine:", &e));
    ck_assert(!binfmt_parse_register_line(":x:M::\\x7f", &e));
    ck_assert(!binfmt_parse_register_line("", &e));
    ck_assert(!binfmt_parse_register_line(":x:M::\\x7f\\x45:\\xff:/i:", &e));
}
END_TEST

static Suite *binfmt_suite(void)
{
    Suite *s = suite_create("cli_binfmt");
    TCase *tc = tcase_create("entry");

    tcase_add_test(tc, test_riscv64_register_line_is_escaped_text);
    tcase_add_test(tc, test_aarch64_magic_has_machine_0xb7);
    tcase_add_test(tc, test_register_line_refuses_a_colon_in_the_path);
    tcase_add_test(tc, test_entry_text_parses_back);
    tcase_add_test(tc, test_entry_differs_by_path_flags_arch_or_state);
    tcase_add_test(tc, test_qemu_entry_runs_riscv64_but_not_aarch64);
    tcase_add_test(tc, test_extension_entry_runs_nothing);
    tcase_add_test(tc, test_garbage_is_not_an_entry);
    tcase_add_test(tc, test_offset_entry_past_the_header_runs_nothing);
    tcase_add_test(tc, test_flags_compare_as_sets_with_c_implying_o);
    tcase_add_test(tc, test_register_line_parses_back_as_the_same_entry);
    tcase_add_test(tc, test_qemu_conf_line_with_literal_elf_runs_riscv64);
    tcase_add_test(
        tc, test_extension_and_short_register_lines_are_not_magic_entries);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(binfmt_suite());
}
