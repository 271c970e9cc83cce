/* tests/unit/check_cli.c: ferry's option parser. */
#include "tests/unit/unit.h"
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(cli_suite());
}
