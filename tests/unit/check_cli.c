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

START_TEST(test_stack_size_is_bytes_or_suffixed)
{
    ck_assert(PARSE("-s", "65536", "prog"));
    ck_assert_uint_eq(opt.stack_size, 65536);
    ck_assert(PARSE("-s", "16M", "prog"));
    ck_assert_uint_eq(opt.stack_size, (size_t)16 << 20);
    ck_assert(PARSE("-s", "16G", "prog"));
    ck_assert_uint_eq(opt.stack_size, (size_t)16 << 30);
    ck_assert(PARSE("prog"));
    ck_assert_uint_eq(opt.stack_size, 0);
}
END_TEST

START_TEST(test_stack_size_outside_64k_to_16g_is_an_error)
{
    ck_assert(!PARSE("-s", "65535", "prog"));
    ck_assert_str_eq(err, "-s takes a stack size in bytes (or with K/M/G) "
                          "from 64K to 16G, not '65535'");
    ck_assert(!PARSE("-s", "16385M", "prog"));
    ck_assert(!PARSE("-s", "-1", "prog"));
    ck_assert(!PARSE("-s", "8MB", "prog"));
    ck_assert(!PARSE("-s", "", "prog"));
}
END_TEST

START_TEST(test_seed_takes_any_64_bit_number)
{
    ck_assert(PARSE("-seed", "18446744073709551615", "prog"));
    ck_assert(opt.seeded);
    ck_assert_uint_eq(opt.seed, UINT64_MAX);
    ck_assert(PARSE("--seed=0x10", "prog"));
    ck_assert_uint_eq(opt.seed, 16);
    ck_assert(PARSE("prog"));
    ck_assert(!opt.seeded);
}
END_TEST

START_TEST(test_bad_seed_is_an_error)
{
    ck_assert(!PARSE("-seed", "18446744073709551616", "prog"));
    ck_assert_str_eq(err, "-seed takes a number from 0 to 2^64-1, not "
                          "'18446744073709551616'");
    ck_assert(!PARSE("-seed", "-1", "prog"));
    ck_assert(!PARSE("-seed", "7 ", "prog"));
}
END_TEST

START_TEST(test_env_edits_keep_their_order)
{
    ck_assert(PARSE("-E", "A=1", "-U", "B", "-E", "A=2", "prog"));
    ck_assert_uint_eq(opt.n_env_edits, 3);
    ck_assert_str_eq(opt.env_edits[0], "A=1");
    ck_assert_str_eq(opt.env_edits[1], "B");
    ck_assert_str_eq(opt.env_edits[2], "A=2");
}
END_TEST

START_TEST(test_bad_env_edits_are_errors)
{
    ck_assert(!PARSE("-E", "NOVALUE", "prog"));
    ck_assert_str_eq(err, "-E takes VAR=VALUE, not 'NOVALUE'");
    ck_assert(!PARSE("-E", "=v", "prog"));
    ck_assert(!PARSE("-U", "A=1", "prog"));
    ck_assert_str_eq(err, "-U takes a variable name, not 'A=1'");
    ck_assert(!PARSE("-U", "", "prog"));
}
END_TEST

START_TEST(test_too_many_env_edits_is_an_error)
{
    char *argv[2 * CLI_ENV_EDITS_MAX + 5];
    int n = 0;

    argv[n++] = "ferry";
    for (int i = 0; i <= CLI_ENV_EDITS_MAX; i++) {
        argv[n++] = "-U";
        argv[n++] = "X";
    }
    argv[n++] = "prog";
    argv[n] = NULL;
    ck_assert(!cli_parse(n, argv, &opt, err, sizeof err));
    ck_assert_str_eq(err, "more than 64 -E and -U options");
}
END_TEST

START_TEST(test_guest_environment_applies_edits_in_order)
{
    char *env[] = {"A=0", "B=1", "C=2", "B=dup", NULL};
    char **out;

    ck_assert(PARSE("-E", "A=1", "-U", "B", "-E", "D=3", "-U", "D", "-E",
                    "D=4", "prog"));
    out = cli_guest_environment(&opt, env);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out[0], "C=2");
    ck_assert_str_eq(out[1], "A=1");
    ck_assert_str_eq(out[2], "D=4");
    ck_assert_ptr_null(out[3]);
    free(out);
}
END_TEST

START_TEST(test_guest_environment_without_edits_is_a_copy)
{
    char *env[] = {"A=0", NULL};
    char **out;

    ck_assert(PARSE("prog"));
    out = cli_guest_environment(&opt, env);
    ck_assert_str_eq(out[0], "A=0");
    ck_assert_ptr_ne(out, env);
    ck_assert_ptr_null(out[1]);
    free(out);
    out = cli_guest_environment(&opt, NULL);
    ck_assert_ptr_null(out[0]);
    free(out);
}
END_TEST

START_TEST(test_argv0_strace_and_stack_from_environment)
{
    setenv("FERRY_ARGV0", "zeroth", 1);
    setenv("FERRY_STRACE", "1", 1);
    setenv("FERRY_STACK_SIZE", "1M", 1);
    setenv("FERRY_SEED", "42", 1);
    ck_assert(PARSE("prog"));
    ck_assert_str_eq(opt.argv0, "zeroth");
    ck_assert(opt.strace);
    ck_assert_uint_eq(opt.stack_size, 1u << 20);
    ck_assert(opt.seeded);
    ck_assert_uint_eq(opt.seed, 42);
    ck_assert(PARSE("-0", "cli", "-s", "128K", "prog"));
    ck_assert_str_eq(opt.argv0, "cli");
    ck_assert_uint_eq(opt.stack_size, 128u << 10);
    setenv("FERRY_STRACE", "0", 1);
    ck_assert(PARSE("prog"));
    ck_assert(!opt.strace);
    ck_assert(PARSE("-strace", "prog"));
    ck_assert(opt.strace);
}
END_TEST

START_TEST(test_binfmt_actions_take_options_and_arch_names)
{
    ck_assert(PARSE("--install-binfmt", "--replace", "--persistent",
                    "--binfmt-flags", "PF", "riscv64", "aarch64"));
    ck_assert_int_eq(opt.action, CLI_INSTALL_BINFMT);
    ck_assert(opt.binfmt_replace);
    ck_assert(opt.binfmt_persistent);
    ck_assert_str_eq(opt.binfmt_flags, "PF");
    ck_assert_int_eq(opt.guest_argc, 2);
    ck_assert_str_eq(opt.guest_argv[1], "aarch64");
    ck_assert(PARSE("--uninstall-binfmt"));
    ck_assert_int_eq(opt.action, CLI_UNINSTALL_BINFMT);
    ck_assert_int_eq(opt.guest_argc, 0);
    ck_assert(PARSE("--binfmt-status"));
    ck_assert_int_eq(opt.action, CLI_BINFMT_STATUS);
}
END_TEST

START_TEST(test_bad_binfmt_flags_are_an_error)
{
    ck_assert(!PARSE("--binfmt-flags", "POX", "--install-binfmt"));
    ck_assert_str_eq(err, "--binfmt-flags takes letters of POFC, not 'POX'");
}
END_TEST

START_TEST(test_binfmt_command_line_with_p_keeps_the_callers_argv0)
{
    char *argv[] = {"/usr/bin/ferry", "/bin/prog", "prog", "-h", NULL};
    char err2[128];

    ck_assert(cli_parse_binfmt(4, argv, true, -1, &opt, err2, sizeof err2));
    ck_assert_int_eq(opt.action, CLI_RUN);
    ck_assert_str_eq(opt.program, "/bin/prog");
    ck_assert_int_eq(opt.guest_argc, 2);
    ck_assert_ptr_eq(opt.guest_argv, &argv[2]);
    ck_assert_int_eq(opt.exec_fd, -1);
}
END_TEST

START_TEST(test_binfmt_command_line_without_p_starts_at_the_path)
{
    char *argv[] = {"/usr/bin/ferry", "/bin/prog", "--version", NULL};

    ck_assert(cli_parse_binfmt(3, argv, false, 5, &opt, err, sizeof err));
    ck_assert_int_eq(opt.action, CLI_RUN);
    ck_assert_int_eq(opt.guest_argc, 2);
    ck_assert_ptr_eq(opt.guest_argv, &argv[1]);
    ck_assert_int_eq(opt.exec_fd, 5);
    ck_assert(!cli_parse_binfmt(2, argv, true, 5, &opt, err, sizeof err));
}
END_TEST

START_TEST(test_binfmt_command_line_reads_ferry_variables)
{
    char *argv[] = {"/usr/bin/ferry", "/bin/prog", "prog", NULL};

    setenv("FERRY_STRACE", "1", 1);
    ck_assert(cli_parse_binfmt(3, argv, true, -1, &opt, err, sizeof err));
    ck_assert(opt.strace);
}
END_TEST

START_TEST(test_exec_fd_defaults_to_none)
{
    ck_assert(PARSE("prog"));
    ck_assert_int_eq(opt.exec_fd, -1);
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
    tcase_add_test(tc, test_stack_size_is_bytes_or_suffixed);
    tcase_add_test(tc, test_stack_size_outside_64k_to_16g_is_an_error);
    tcase_add_test(tc, test_seed_takes_any_64_bit_number);
    tcase_add_test(tc, test_bad_seed_is_an_error);
    tcase_add_test(tc, test_env_edits_keep_their_order);
    tcase_add_test(tc, test_bad_env_edits_are_errors);
    tcase_add_test(tc, test_too_many_env_edits_is_an_error);
    tcase_add_test(tc, test_guest_environment_applies_edits_in_order);
    tcase_add_test(tc, test_guest_environment_without_edits_is_a_copy);
    tcase_add_test(tc, test_argv0_strace_and_stack_from_environment);
    tcase_add_test(tc, test_binfmt_actions_take_options_and_arch_names);
    tcase_add_test(tc, test_bad_binfmt_flags_are_an_error);
    tcase_add_test(tc, test_binfmt_command_line_with_p_keeps_the_callers_argv0);
    tcase_add_test(tc, test_binfmt_command_line_without_p_starts_at_the_path);
    tcase_add_test(tc, test_binfmt_command_line_reads_ferry_variables);
    tcase_add_test(tc, test_exec_fd_defaults_to_none);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(cli_suite());
}
