/* cli: ferry's command line: option table, parsing, usage text and the
 * one-line error messages ferry prints about itself. */
#ifndef FERRY_CLI_H
#define FERRY_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses of ferry's own failures, as env(1) has them, so they are not
 * confused with a guest's status (which passes through unchanged). */
enum {
    CLI_EXIT_FAILURE = 125,     /* bad option, internal error */
    CLI_EXIT_CANNOT_EXEC = 126, /* program found but cannot be run */
    CLI_EXIT_NOT_FOUND = 127,   /* program not found */
};

enum cli_action {
    CLI_RUN,     /* run options.program */
    CLI_HELP,    /* print usage and exit 0 */
    CLI_VERSION, /* print version and exit 0 */
    CLI_LOG_HELP, /* -d help: list the log items */
    CLI_CPU_HELP, /* -cpu help: list the CPU models */
};

struct cli_options {
    enum cli_action action;
    const char *program;   /* guest program path, as given */
    int guest_argc;        /* guest argv, guest_argv[0] == program */
    char **guest_argv;
    const char *sysroot;   /* -L: guest libraries, or NULL */
    const char *cpu;       /* -cpu: model name, or NULL for the default */
    bool jit;              /* --jit: true unless "off" */
    size_t tb_size;        /* -tb-size in bytes, 0 for the default */
    unsigned log_mask;     /* -d: enum log_item bits */
    const char *log_file;  /* -D, or NULL for stderr */
};

/* Parses ferry's own options up to the program name (after applying the
 * FERRY_* environment variables, which options override); everything
 * after it belongs to the guest. Returns false and writes one line
 * (without the "ferry: " prefix) into err on a bad command line. */
bool cli_parse(int argc, char **argv, struct cli_options *out, char *err,
               size_t errlen);

/* The option table rendered as `ferry --help` text. */
void cli_print_usage(FILE *f);

/* `ferry --version`: version, and which guest architectures can run. */
void cli_print_version(FILE *f);

/* `-cpu help`: the CPU models of each guest architecture. */
void cli_print_cpu_models(FILE *f);

/* Prints "ferry: <what>: <why>" (or "ferry: <why>" when what is NULL) to
 * stderr as one line. */
void cli_report(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
