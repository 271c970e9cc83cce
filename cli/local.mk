# cli/: command-line options, environment variables, usage and messages.
libferry_a_SOURCES += cli/cli.h cli/options.c cli/version.c cli/report.c \
	cli/guest_env.c
