/* cli/options.c: ferry's option table and the parser that reads it. Each
 * option may also come from a FERRY_* environment variable; the option
 * wins. Options end at the first non-option word (the guest program) or
 * at "--". */
#include "cli/cli.h"

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

bool cli_parse(int argc, char **argv, struct cli_options *out, char *err,
               size_t errlen)
{
    int i = 1;

    memset(out, 0, sizeof *out);
    out->jit = true;
    if (!cli_apply_env(out, err, errlen))
        return false;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (!cli_apply_word(argc, argv, &i, out, err, errlen))
            return false;
        if (out->action != CLI_RUN)
            return true;
    }
    if (i >= argc) {
        snprintf(err, errlen, "no program given (see 'ferry --help')");
        return false;
    }
    out->program = argv[i];
    out->guest_argc = argc - i;
    out->guest_argv = &argv[i];
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
