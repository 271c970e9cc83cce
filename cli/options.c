/* cli/options.c: ferry's option table and the parser that reads it. Options
 * end at the first non-option word (the guest program) or at "--". */
#include "cli/cli.h"

#include <string.h>

struct cli_option {
    const char *names[3]; /* spellings, NULL-terminated */
    const char *argname;  /* NULL when the option takes no argument */
    const char *help;
    void (*apply)(struct cli_options *o, const char *arg);
};

static void apply_help(struct cli_options *o, const char *arg)
{
    (void)arg;
    o->action = CLI_HELP;
}

static void apply_version(struct cli_options *o, const char *arg)
{
    (void)arg;
    o->action = CLI_VERSION;
}

/* One row per option; `--help` is generated from this table. */
static const struct cli_option cli_table[] = {
    {{"-h", "--help", "-help"}, NULL, "print this help and exit", apply_help},
    {{"--version", "-version", NULL}, NULL, "print the version and exit",
     apply_version},
};

static const struct cli_option *cli_find(const char *word)
{
    for (size_t i = 0; i < sizeof cli_table / sizeof cli_table[0]; i++)
        for (size_t n = 0; n < 3 && cli_table[i].names[n]; n++)
            if (strcmp(cli_table[i].names[n], word) == 0)
                return &cli_table[i];
    return NULL;
}

bool cli_parse(int argc, char **argv, struct cli_options *out, char *err,
               size_t errlen)
{
    int i = 1;

    memset(out, 0, sizeof *out);
    out->action = CLI_RUN;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const struct cli_option *opt;

        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (!(opt = cli_find(argv[i]))) {
            snprintf(err, errlen, "unknown option '%s' (see 'ferry --help')",
                     argv[i]);
            return false;
        }
        if (opt->argname && i + 1 >= argc) {
            snprintf(err, errlen, "option '%s' needs an argument %s",
                     argv[i], opt->argname);
            return false;
        }
        opt->apply(out, opt->argname ? argv[i + 1] : NULL);
        if (opt->argname)
            i++;
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

void cli_print_usage(FILE *f)
{
    fputs("Usage: ferry [OPTIONS] PROGRAM [ARGS...]\n"
          "Run a riscv64 or aarch64 Linux program on this x86-64 host.\n"
          "\nOptions:\n",
          f);
    for (size_t i = 0; i < sizeof cli_table / sizeof cli_table[0]; i++) {
        const struct cli_option *opt = &cli_table[i];
        char names[64] = "";

        for (size_t n = 0; n < 3 && opt->names[n]; n++) {
            if (n)
                strncat(names, ", ", sizeof names - strlen(names) - 1);
            strncat(names, opt->names[n], sizeof names - strlen(names) - 1);
        }
        if (opt->argname) {
            strncat(names, " ", sizeof names - strlen(names) - 1);
            strncat(names, opt->argname, sizeof names - strlen(names) - 1);
        }
        fprintf(f, "  %-28s %s\n", names, opt->help);
    }
    fputs("\nExit status: the program's own; 125 if ferry itself failed,\n"
          "126 if the program cannot be run, 127 if it was not found.\n"
          "See ferry(1) for details.\n",
          f);
}
