/* cli: ferry's command line: option table, parsing, usage text and the
 * one-line error messages ferry prints about itself. */
#ifndef FERRY_CLI_H
#define FERRY_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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
    CLI_INSTALL_BINFMT,   /* --install-binfmt [ARCH...] */
    CLI_UNINSTALL_BINFMT, /* --uninstall-binfmt [ARCH...] */
    CLI_BINFMT_STATUS,    /* --binfmt-status [ARCH...] */
};

/* The most -E/-U edits one command line may make. */
#define CLI_ENV_EDITS_MAX 64

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
    /* Guest environment edits in command-line order: "VAR=VAL" (-E) sets,
     * "VAR" (-U) unsets. */
    const char *env_edits[CLI_ENV_EDITS_MAX];
    unsigned n_env_edits;
    const char *argv0;     /* -0: the guest's argv[0], or NULL */
    size_t stack_size;     /* -s in bytes, 0 for the default */
    bool strace;           /* -strace */
    bool seeded;           /* -seed given: seed drives AT_RANDOM and */
    uint64_t seed;         /* getrandom */
    int exec_fd;           /* the program already open (binfmt_misc's O
                              flag, AT_EXECFD), or -1 */
    /* binfmt_misc actions: operands are the arch names (none: all). */
    const char *binfmt_flags; /* --binfmt-flags, or NULL for "POF" */
    bool binfmt_replace;      /* --replace */
    bool binfmt_persistent;   /* --persistent */
};

/* Parses ferry's own options up to the program name (after applying the
 * FERRY_* environment variables, which options override); everything
 * after it belongs to the guest. Returns false and writes one line
 * (without the "ferry: " prefix) into err on a bad command line. */
bool cli_parse(int argc, char **argv, struct cli_options *out, char *err,
               size_t errlen);

/* The command line binfmt_misc gives an interpreter: argv[1] is the
 * program's path; with preserve_argv0 (the P flag, AT_FLAGS bit 0) argv[2]
 * is the argv[0] the caller gave and the guest's argv starts there, else
 * the guest's argv starts at argv[1]. Only FERRY_* variables configure
 * ferry then: the guest's own words are never read as options. exec_fd is
 * AT_EXECFD's descriptor (the O flag), or -1. */
bool cli_parse_binfmt(int argc, char **argv, bool preserve_argv0,
                      int exec_fd, struct cli_options *out, char *err,
                      size_t errlen);

/* Applies o's -E/-U edits to the NULL-terminated environment env: returns
 * a new NULL-terminated array (the strings are shared, not copied) for
 * the guest, or NULL when out of memory. Free it with free(). */
char **cli_guest_environment(const struct cli_options *o, char *const *env);

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
