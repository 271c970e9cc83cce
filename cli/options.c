/* cli/options.c: ferry's option table and the parser that reads it. Each
 * option may also come from a FERRY_* environment variable; the option
 * wins. Options end at the first non-option word (the guest program) or
 * at "--". */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"

struct cli_option {
    const char *names[3]; /* spellings, NULL-terminated */
    const char *env;      /* FERRY_* variable, or NULL */
    const char *argname;  /* NULL when the option takes no argument */
    const char *help;
    /* Applies the option; false with one line in err if arg is bad. */
    bool (*apply)(struct cli_options *o, const char *arg, char *err,
                  size_t errlen);
};

static bool apply_help(struct cli_options *o, const char *arg, char *err,
                       size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    o->action = CLI_HELP;
    return true;
}

static bool apply_version(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    o->action = CLI_VERSION;
    return true;
}

static bool apply_sysroot(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    (void)err, (void)errlen;
    o->sysroot = arg;
    return true;
}

static bool apply_jit(struct cli_options *o, const char *arg, char *err,
                      size_t errlen)
{
    if (strcmp(arg, "on") == 0 || strcmp(arg, "off") == 0) {
        o->jit = strcmp(arg, "on") == 0;
        return true;
    }
    snprintf(err, errlen, "--jit takes 'on' or 'off', not '%s'", arg);
    return false;
}

static bool apply_log(struct cli_options *o, const char *arg, char *err,
                      size_t errlen)
{
    if (strcmp(arg, "help") == 0) {
        o->action = CLI_LOG_HELP;
        return true;
    }
    return log_parse_items(arg, &o->log_mask, err, errlen);
}

static bool apply_log_file(struct cli_options *o, const char *arg, char *err,
                           size_t errlen)
{
    (void)err, (void)errlen;
    o->log_file = arg;
    return true;
}

static bool apply_cpu(struct cli_options *o, const char *arg, char *err,
                      size_t errlen)
{
    (void)err, (void)errlen;
    if (strcmp(arg, "help") == 0)
        o->action = CLI_CPU_HELP;
    o->cpu = arg;
    return true;
}

/* A size in MiB, or with a K, M or G suffix. */
static bool apply_tb_size(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    char *end;
    unsigned long long n = strtoull(arg, &end, 10);
    unsigned shift = 20;

    if (end != arg && end[0] && !end[1] && strchr("KkMmGg", end[0]))
        shift = end[0] == 'K' || end[0] == 'k' ? 10
                : end[0] == 'G' || end[0] == 'g' ? 30 : 20;
    else if (end == arg || *end)
        n = 0;
    if (n == 0 || n > (1ull << 40) >> shift) {
        snprintf(err, errlen, "-tb-size takes a size such as 64 (MiB) or "
                              "512K, not '%s'", arg);
        return false;
    }
    o->tb_size = (size_t)n << shift;
    return true;
}

/* A size in bytes, or with a K, M or G suffix; 0 when it is not one. */
static unsigned long long cli_size(const char *arg)
{
    char *end;
    unsigned long long n;
    unsigned shift = 0;

    if (arg[0] < '0' || arg[0] > '9')
        return 0;
    n = strtoull(arg, &end, 10);
    if (end[0] && !end[1] && strchr("KkMmGg", end[0]))
        shift = end[0] == 'K' || end[0] == 'k' ? 10
                : end[0] == 'G' || end[0] == 'g' ? 30 : 20;
    else if (*end)
        return 0;
    return n > (1ull << 40) >> shift ? 0 : n << shift;
}

/* The stack must hold argv, envp and auxv (a page is too little for any
 * real program) and leave the address space room for everything else. */
#define CLI_STACK_MIN (64ull << 10)
#define CLI_STACK_MAX (16ull << 30)

static bool apply_stack_size(struct cli_options *o, const char *arg,
                             char *err, size_t errlen)
{
    unsigned long long n = cli_size(arg);

    if (n < CLI_STACK_MIN || n > CLI_STACK_MAX) {
        snprintf(err, errlen, "-s takes a stack size in bytes (or with "
                              "K/M/G) from 64K to 16G, not '%s'", arg);
        return false;
    }
    o->stack_size = (size_t)n;
    return true;
}

static bool apply_argv0(struct cli_options *o, const char *arg, char *err,
                        size_t errlen)
{
    (void)err, (void)errlen;
    o->argv0 = arg;
    return true;
}

/* -strace itself has no value; FERRY_STRACE=1 or 0 turns it on or off. */
static bool apply_strace(struct cli_options *o, const char *arg, char *err,
                         size_t errlen)
{
    if (!arg || strcmp(arg, "1") == 0 || strcmp(arg, "on") == 0) {
        o->strace = true;
        return true;
    }
    if (strcmp(arg, "0") == 0 || strcmp(arg, "off") == 0) {
        o->strace = false;
        return true;
    }
    snprintf(err, errlen, "-strace is on with 1 or off with 0, not '%s'",
             arg);
    return false;
}

/* Any 64-bit number: decimal, or hex with 0x. */
static bool apply_seed(struct cli_options *o, const char *arg, char *err,
                       size_t errlen)
{
    char *end;
    unsigned long long n;

    errno = 0;
    n = strtoull(arg, &end, 0);
    if (arg[0] < '0' || arg[0] > '9' || *end || errno) {
        snprintf(err, errlen, "-seed takes a number from 0 to 2^64-1, "
                              "not '%s'", arg);
        return false;
    }
    o->seeded = true;
    o->seed = n;
    return true;
}

/* -E VAR=VAL and -U VAR share the list: the order of edits matters when
 * both name one variable. */
static bool cli_add_env_edit(struct cli_options *o, const char *arg,
                             bool set, char *err, size_t errlen)
{
    size_t name = strcspn(arg, "=");

    if (name == 0 || (set && !arg[name]) || (!set && arg[name])) {
        snprintf(err, errlen, set ? "-E takes VAR=VALUE, not '%s'"
                                  : "-U takes a variable name, not '%s'",
                 arg);
        return false;
    }
    if (o->n_env_edits == CLI_ENV_EDITS_MAX) {
        snprintf(err, errlen, "more than %d -E and -U options",
                 CLI_ENV_EDITS_MAX);
        return false;
    }
    o->env_edits[o->n_env_edits++] = arg;
    return true;
}

static bool apply_set_env(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    return cli_add_env_edit(o, arg, true, err, errlen);
}

static bool apply_unset_env(struct cli_options *o, const char *arg,
                            char *err, size_t errlen)
{
    return cli_add_env_edit(o, arg, false, err, errlen);
}

static bool apply_binfmt_action(struct cli_options *o, enum cli_action a)
{
    o->action = a;
    return true;
}

static bool apply_install(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    return apply_binfmt_action(o, CLI_INSTALL_BINFMT);
}

static bool apply_uninstall(struct cli_options *o, const char *arg,
                            char *err, size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    return apply_binfmt_action(o, CLI_UNINSTALL_BINFMT);
}

static bool apply_status(struct cli_options *o, const char *arg, char *err,
                         size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    return apply_binfmt_action(o, CLI_BINFMT_STATUS);
}

/* The binfmt_misc flags ferry knows: P, O, F and C (see binfmt/). */
static bool apply_binfmt_flags(struct cli_options *o, const char *arg,
                               char *err, size_t errlen)
{
    if (strspn(arg, "POFC") != strlen(arg)) {
        snprintf(err, errlen, "--binfmt-flags takes letters of POFC, "
                              "not '%s'", arg);
        return false;
    }
    o->binfmt_flags = arg;
    return true;
}

static bool apply_replace(struct cli_options *o, const char *arg, char *err,
                          size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    o->binfmt_replace = true;
    return true;
}

static bool apply_persistent(struct cli_options *o, const char *arg,
                             char *err, size_t errlen)
{
    (void)arg, (void)err, (void)errlen;
    o->binfmt_persistent = true;
    return true;
}

/* One row per option; `--help` and the manual's option list follow it. */
static const struct cli_option cli_table[] = {
    {{"-h", "--help", "-help"}, NULL, NULL, "print this help and exit",
     apply_help},
    {{"--version", "-version", NULL}, NULL, NULL,
     "print the version and exit", apply_version},
    {{"-L", NULL, NULL}, "FERRY_LD_PREFIX", "DIR",
     "sysroot for the dynamic loader and libraries", apply_sysroot},
    {{"-cpu", "--cpu", NULL}, "FERRY_CPU", "MODEL",
     "guest CPU model ('-cpu help' lists them)", apply_cpu},
    {{"--jit", "-jit", NULL}, "FERRY_JIT", "on|off",
     "translate to x86-64 (on, default) or interpret the IR (off)", apply_jit},
    {{"-tb-size", "--tb-size", NULL}, "FERRY_TB_SIZE", "SIZE",
     "code cache size in MiB (or with K/M/G)", apply_tb_size},
    {{"-d", NULL, NULL}, "FERRY_LOG", "ITEMS",
     "log these items ('-d help' lists them)", apply_log},
    {{"-D", NULL, NULL}, "FERRY_LOG_FILE", "FILE",
     "write the log to FILE instead of stderr", apply_log_file},
    {{"-E", NULL, NULL}, NULL, "VAR=VALUE",
     "set VAR in the guest's environment (repeatable)", apply_set_env},
    {{"-U", NULL, NULL}, NULL, "VAR",
     "remove VAR from the guest's environment (repeatable)",
     apply_unset_env},
    {{"-0", NULL, NULL}, "FERRY_ARGV0", "ARGV0",
     "the guest's argv[0] (default: PROGRAM)", apply_argv0},
    {{"-s", NULL, NULL}, "FERRY_STACK_SIZE", "SIZE",
     "guest stack size in bytes (or with K/M/G; default 8M)",
     apply_stack_size},
    {{"-strace", "--strace", NULL}, "FERRY_STRACE", NULL,
     "log every guest syscall, strace-style", apply_strace},
    {{"-seed", "--seed", NULL}, "FERRY_SEED", "N",
     "fixed seed for AT_RANDOM and getrandom (deterministic runs)",
     apply_seed},
    {{"--install-binfmt", NULL, NULL}, NULL, NULL,
     "register with binfmt_misc (all arches, or the ARCHes after it)",
     apply_install},
    {{"--uninstall-binfmt", NULL, NULL}, NULL, NULL,
     "remove ferry's binfmt_misc entries (all, or the ARCHes after it)",
     apply_uninstall},
    {{"--binfmt-status", NULL, NULL}, NULL, NULL,
     "show which interpreter binfmt_misc runs for each arch",
     apply_status},
    {{"--binfmt-flags", NULL, NULL}, "FERRY_BINFMT_FLAGS", "FLAGS",
     "flags for --install-binfmt (default POF; C is unsafe)",
     apply_binfmt_flags},
    {{"--replace", NULL, NULL}, NULL, NULL,
     "--install-binfmt: replace another interpreter's entry",
     apply_replace},
    {{"--persistent", NULL, NULL}, NULL, NULL,
     "--install-binfmt: also write /usr/lib/binfmt.d/ferry-ARCH.conf",
     apply_persistent},
};

#define CLI_NOPTS (sizeof cli_table / sizeof cli_table[0])

/* Finds the option spelled word, or "name=value" (value set in *inline). */
static const struct cli_option *cli_find(const char *word,
                                         const char **inline_arg)
{
    size_t len = strcspn(word, "=");

    *inline_arg = word[len] ? word + len + 1 : NULL;
    for (size_t i = 0; i < CLI_NOPTS; i++)
        for (size_t n = 0; n < 3 && cli_table[i].names[n]; n++)
            if (strlen(cli_table[i].names[n]) == len &&
                strncmp(cli_table[i].names[n], word, len) == 0)
                return &cli_table[i];
    return NULL;
}

/* Environment first, so that options given on the command line win.
 * QEMU_LD_PREFIX counts when FERRY_LD_PREFIX is unset, for CI set-ups
 * written for qemu-user. */
static bool cli_apply_env(struct cli_options *o, char *err, size_t errlen)
{
    for (size_t i = 0; i < CLI_NOPTS; i++) {
        const struct cli_option *opt = &cli_table[i];
        const char *val = opt->env ? getenv(opt->env) : NULL;
        char why[200];

        if (!val && opt->apply == apply_sysroot)
            val = getenv("QEMU_LD_PREFIX");
        if (!val || !*val)
            continue;
        if (!opt->apply(o, val, why, sizeof why)) {
            snprintf(err, errlen, "%s: %s", opt->env, why);
            return false;
        }
    }
    o->action = CLI_RUN; /* FERRY_LOG=help is not a request for help */
    return true;
}

static bool cli_apply_word(int argc, char **argv, int *i,
                           struct cli_options *o, char *err, size_t errlen)
{
    const char *arg;
    const struct cli_option *opt = cli_find(argv[*i], &arg);

    if (!opt) {
        snprintf(err, errlen, "unknown option '%s' (see 'ferry --help')",
                 argv[*i]);
        return false;
    }
    if (opt->argname && !arg) {
        if (*i + 1 >= argc) {
            snprintf(err, errlen, "option '%s' needs an argument %s",
                     argv[*i], opt->argname);
            return false;
        }
        arg = argv[++*i];
    } else if (!opt->argname && arg) {
        snprintf(err, errlen, "option '%s' takes no argument", opt->names[0]);
        return false;
    }
    return opt->apply(o, arg, err, errlen);
}

static bool cli_is_binfmt_action(enum cli_action a)
{
    return a == CLI_INSTALL_BINFMT || a == CLI_UNINSTALL_BINFMT ||
           a == CLI_BINFMT_STATUS;
}

static void cli_defaults(struct cli_options *out)
{
    memset(out, 0, sizeof *out);
    out->jit = true;
    out->exec_fd = -1;
}

/* After the options: the program and its arguments, or for a binfmt
 * action the arch names (possibly none). */
static bool cli_operands(int argc, char **argv, int i, struct cli_options *out,
                         char *err, size_t errlen)
{
    if (i >= argc && !cli_is_binfmt_action(out->action)) {
        snprintf(err, errlen, "no program given (see 'ferry --help')");
        return false;
    }
    out->program = i < argc ? argv[i] : NULL;
    out->guest_argc = argc - i;
    out->guest_argv = &argv[i];
    return true;
}

bool cli_parse(int argc, char **argv, struct cli_options *out, char *err,
               size_t errlen)
{
    int i = 1;

    cli_defaults(out);
    if (!cli_apply_env(out, err, errlen))
        return false;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (!cli_apply_word(argc, argv, &i, out, err, errlen))
            return false;
        if (out->action != CLI_RUN && !cli_is_binfmt_action(out->action))
            return true;
    }
    return cli_operands(argc, argv, i, out, err, errlen);
}

bool cli_parse_binfmt(int argc, char **argv, bool preserve_argv0,
                      int exec_fd, struct cli_options *out, char *err,
                      size_t errlen)
{
    int first = preserve_argv0 ? 2 : 1;

    cli_defaults(out);
    if (!cli_apply_env(out, err, errlen))
        return false;
    if (argc <= first) {
        snprintf(err, errlen, "started by binfmt_misc without a program "
                              "(is the entry's flags field right?)");
        return false;
    }
    out->program = argv[1];
    out->guest_argc = argc - first;
    out->guest_argv = &argv[first];
    out->exec_fd = exec_fd;
    return true;
}

static void cli_option_names(const struct cli_option *opt, char *buf,
                             size_t len)
{
    buf[0] = '\0';
    for (size_t n = 0; n < 3 && opt->names[n]; n++) {
        if (n)
            strncat(buf, ", ", len - strlen(buf) - 1);
        strncat(buf, opt->names[n], len - strlen(buf) - 1);
    }
    if (opt->argname) {
        strncat(buf, " ", len - strlen(buf) - 1);
        strncat(buf, opt->argname, len - strlen(buf) - 1);
    }
}

void cli_print_usage(FILE *f)
{
    char names[64];

    fputs("Usage: ferry [OPTIONS] PROGRAM [ARGS...]\n"
          "       sudo ferry --install-binfmt [ARCH...]\n"
          "Run a riscv64 or aarch64 Linux program on this x86-64 host.\n"
          "\nOptions:\n",
          f);
    for (size_t i = 0; i < CLI_NOPTS; i++) {
        cli_option_names(&cli_table[i], names, sizeof names);
        fprintf(f, "  %-26s %s\n", names, cli_table[i].help);
        if (cli_table[i].env)
            fprintf(f, "  %-26s (environment: %s)\n", "", cli_table[i].env);
    }
    fputs("\nExit status: the program's own; 125 if ferry itself failed,\n"
          "126 if the program cannot be run, 127 if it was not found.\n"
          "See ferry(1) for details.\n",
          f);
}
