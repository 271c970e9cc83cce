/* cli/guest_env.c: the guest's environment: ferry's own, edited by the
 * -E VAR=VALUE and -U VAR options in command-line order. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

/* The length of the name in "NAME=VALUE" or "NAME". */
static size_t cli_env_name_len(const char *s)
{
    return strcspn(s, "=");
}

static bool cli_env_same_name(const char *a, const char *b)
{
    size_t n = cli_env_name_len(a);

    return n == cli_env_name_len(b) && strncmp(a, b, n) == 0;
}

/* Drops every entry named like edit (a variable may appear twice in a
 * hand-made environment: -U must remove them all). */
static size_t cli_env_remove(char **env, size_t n, const char *edit)
{
    size_t kept = 0;

    for (size_t i = 0; i < n; i++)
        if (!cli_env_same_name(env[i], edit))
            env[kept++] = env[i];
    return kept;
}

char **cli_guest_environment(const struct cli_options *o, char *const *env)
{
    size_t n = 0;
    char **out;

    while (env && env[n])
        n++;
    out = malloc((n + o->n_env_edits + 1) * sizeof *out);
    if (!out)
        return NULL;
    if (n)
        memcpy(out, env, n * sizeof *out);
    for (unsigned e = 0; e < o->n_env_edits; e++) {
        const char *edit = o->env_edits[e];

        n = cli_env_remove(out, n, edit);
        if (edit[cli_env_name_len(edit)] == '=') /* -E: set */
            out[n++] = (char *)edit;
    }
    out[n] = NULL;
    return out;
}
