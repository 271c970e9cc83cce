/* cli/version.c: `ferry --version`, including the runnable guest list that
 * the test runner reads to know which guest tests can run. */
#include "cli/cli.h"

#include "config.h"
#include "frontends/frontends.h"
#include "translator/translator.h"

void cli_print_version(FILE *f)
{
    const struct guest_arch *a;
    bool any = false;

    fprintf(f, "ferry %s\n", PACKAGE_VERSION);
    fputs("runnable guest architectures:", f);
    for (size_t i = 0; (a = guest_arch_at(i)); i++) {
        if (a->frontend) {
            fprintf(f, " %s", a->name);
            any = true;
        }
    }
    fputs(any ? "\n" : " none yet\n", f);
}

void cli_print_cpu_models(FILE *f)
{
    const struct guest_arch *a;

    for (size_t i = 0; (a = guest_arch_at(i)); i++) {
        if (!a->frontend) {
            fprintf(f, "%s: no frontend in this build yet\n", a->name);
            continue;
        }
        fprintf(f, "%s:\n", a->name);
        for (const struct frontend_cpu_model *m = a->frontend->models;
             m->name; m++)
            fprintf(f, "  %-10s %s%s\n", m->name, m->description,
                    m == a->frontend->models ? " (default)" : "");
    }
}
