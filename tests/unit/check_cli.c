/* tests/unit/check_cli.c: ferry's option parser. */
#include "tests/unit/unit.h"
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "log/log.h"

static struct cli_options opt;
static char err[256];

#define PARSE(...)                                                          \
    ({                                                                      \
        char *argv_[] = {"ferry", __VA_ARGS__, NULL};                       \
        cli_parse((int)(sizeof argv_ / sizeof *argv_) - 1, argv_, &opt, err, \
                  sizeof err);                                              \
    })

START_TEST(test_program_and_args_go_to_the_guest)
{
    char *argv[] = {"ferry", "./prog", "-h", "--version", "x", NULL};

    ck_assert(cli_parse(5, argv, &opt, err, sizeof err));
    ck_assert_int_eq(opt.action, CLI_RUN);
    ck_assert_str_eq(opt.program, "./prog");
    ck_assert_int_eq(opt.guest_argc, 4);
    ck_assert_ptr_eq(opt.guest_argv, &argv[1]);
    ck_assert_str_eq(opt.guest_argv[1], "-h");
}
END_TEST

START_TEST(test_help_spellings_ask_for_help)
{
    ck_assert(PARSE("-h"));
    ck_assert_int_eq(opt.action, CLI_HELP);
    ck_assert(PARSE("--help"));
    ck_assert_int_eq(opt.action, CLI_HELP);
    ck_assert(PARSE("-help"));
    ck_assert_int_eq(opt.action, CLI_HELP);
}
END_TEST

START_TEST(test_version_wins_over_a_missing_program)
{
    ck_assert(PARSE("--version"));
    ck_assert_int_eq(opt.action, CLI_VERSION);
    ck_assert_ptr_null(opt.program);
}
END_TEST

START_TEST(test_unknown_option_is_an_error_naming_it)
{
    ck_assert(!PARSE("--frobnicate", "prog"));
    ck_assert_str_eq(err, "unknown option '--frobnicate' (see 'ferry --help')");
}
END_TEST

START_TEST(test_no_program_is_an_error)
{
    char *argv[] = {"ferry", NULL};

    ck_assert(!cli_parse(1, argv, &opt, err, sizeof err));
    ck_assert_str_eq(err, "no program given (see 'ferry --help')");
}
END_TEST

START_TEST(test_double_dash_ends_options)
{
    ck_assert(PARSE("--", "--help"));
    ck_assert_int_eq(opt.action, CLI_RUN);
    ck_assert_str_eq(opt.program, "--help");
    ck_assert_int_eq(opt.guest_argc, 1);
}
END_TEST

START_TEST(test_lone_dash_is_a_program_name)
{
    ck_assert(PARSE("-"));
    ck_assert_str_eq(opt.program, "-");
}
END_TEST

START_TEST(test_usage_lists_every_option)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    cli_print_usage(f);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(text, "Usage: ferry [OPTIONS] PROGRAM"));
    ck_assert_ptr_nonnull(strstr(text, "-h, --help, -help"));
    ck_assert_ptr_nonnull(strstr(text, "--version, -version"));
    free(text);
}
END_TEST

START_TEST(test_options_take_their_values)
{
    ck_assert(PARSE("-L", "/sysroot", "--jit=off", "-tb-size", "512K", "-d",
                    "in_asm,stats", "-D", "log.txt", "-cpu", "max", "prog"));
    ck_assert_str_eq(opt.sysroot, "/sysroot");
    ck_assert(!opt.jit);
    ck_assert_uint_eq(opt.tb_size, 512u << 10);
    ck_assert_uint_eq(opt.log_mask, LOG_IN_ASM | LOG_STATS);
    ck_assert_str_eq(opt.log_file, "log.txt");
    ck_assert_str_eq(opt.cpu, "max");
    ck_assert_str_eq(opt.program, "prog");
}
END_TEST

START_TEST(test_jit_is_on_by_default)
{
    ck_assert(PARSE("prog"));
    ck_assert(opt.jit);
    ck_assert_uint_eq(opt.tb_size, 0);
}
END_TEST

START_TEST(test_tb_size_without_suffix_is_mib)
{
    ck_assert(PARSE("-tb-size", "64", "prog"));
    ck_assert_uint_eq(opt.tb_size, (size_t)64 << 20);
    ck_assert(PARSE("--tb-size=1G", "prog"));
    ck_assert_uint_eq(opt.tb_size, (size_t)1 << 30);
}
END_TEST

START_TEST(test_bad_values_are_errors_naming_the_value)
{
    ck_assert(!PARSE("--jit=maybe", "prog"));
    ck_assert_str_eq(err, "--jit takes 'on' or 'off', not 'maybe'");
    ck_assert(!PARSE("-tb-size", "0", "prog"));
    ck_assert(!PARSE("-tb-size", "12X", "prog"));
    ck_assert(!PARSE("-d", "in_asm,bogus", "prog"));
    ck_assert_str_eq(err, "unknown -d item 'bogus' (see '-d help')");
}
END_TEST

START_TEST(test_missing_option_argument_is_an_error)
{
    ck_assert(!PARSE("-L"));
    ck_assert_str_eq(err, "option '-L' needs an argument DIR");
}
END_TEST

START_TEST(test_flag_option_with_value_is_an_error)
{
    ck_assert(!PARSE("--help=yes"));
    ck_assert_str_eq(err, "option '-h' takes no argument");
}
END_TEST

START_TEST(test_environment_sets_options_and_command_line_wins)
{
    setenv("FERRY_JIT", "off", 1);
    setenv("FERRY_LD_PREFIX", "/from-env", 1);
    ck_assert(PARSE("prog"));
    ck_assert(!opt.jit);
    ck_assert_str_eq(opt.sysroot, "/from-env");
    ck_assert(PARSE("--jit", "on", "-L", "/from-cli", "prog"));
    ck_assert(opt.jit);
    ck_assert_str_eq(opt.sysroot, "/from-cli");
}
END_TEST

START_TEST(test_qemu_ld_prefix_counts_only_without_ferry_ld_prefix)
{
    setenv("QEMU_LD_PREFIX", "/qemu", 1);
    ck_assert(PARSE("prog"));
    ck_assert_str_eq(opt.sysroot, "/qemu");
    setenv("FERRY_LD_PREFIX", "/ferry", 1);
    ck_assert(PARSE("prog"));
    ck_assert_str_eq(opt.sysroot, "/ferry");
}
END_TEST

START_TEST(test_bad_environment_value_names_the_variable)
{
    setenv("FERRY_TB_SIZE", "lots", 1);
    ck_assert(!PARSE("prog"));
    ck_assert_str_eq(err, "FERRY_TB_SIZE: -tb-size takes a size such as 64 "
                          "(MiB) or 512K, not 'lots'");
}
END_TEST

START_TEST(test_d_help_and_cpu_help_are_actions)
{
    ck_assert(PARSE("-d", "help"));
    ck_assert_int_eq(opt.action, CLI_LOG_HELP);
    ck_assert(PARSE("-cpu", "help"));
    ck_assert_int_eq(opt.action, CLI_CPU_HELP);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, test_program_and_args_go_to_the_guest);
    tcase_add_test(tc, test_help_spellings_ask_for_help);
    tcase_add_test(tc, test_version_wins_over_a_missing_program);
    tcase_add_test(tc, test_unknown_option_is_an_error_naming_it);
    tcase_add_test(tc, test_no_program_is_an_error);
    tcase_add_test(tc, test_double_dash_ends_options);
    tcase_add_test(tc, test_lone_dash_is_a_program_name);
    tcase_add_test(tc, test_usage_lists_every_option);
    tcase_add_test(tc, test_options_take_their_values);
    tcase_add_test(tc, test_jit_is_on_by_default);
    tcase_add_test(tc, test_tb_size_without_suffix_is_mib);
    tcase_add_test(tc, test_bad_values_are_errors_naming_the_value);
    tcase_add_test(tc, test_missing_option_argument_is_an_error);
    tcase_add_test(tc, test_flag_option_with_value_is_an_error);
    tcase_add_test(tc, test_environment_sets_options_and_command_line_wins);
    tcase_add_test(tc, test_qemu_ld_prefix_counts_only_without_ferry_ld_prefix);
    tcase_add_test(tc, test_bad_environment_value_names_the_variable);
    tcase_add_test(tc, test_d_help_and_cpu_help_are_actions);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(cli_suite());
}
