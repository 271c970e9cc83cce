# cli/: command-line options, environment variables, usage and messages.
libferry_a_SOURCES += cli/cli.h cli/options.c cli/version.c cli/report.c \
	cli/guest_env.c

# -strace's quoting, flags and signal lines (syscalls/linux/strace*.c).
unit_suites += tests/unit/check_cli_strace
check_PROGRAMS += tests/unit/check_cli_strace
tests_unit_check_cli_strace_CFLAGS = $(unit_cflags)
tests_unit_check_cli_strace_LDADD = $(unit_ldadd)
