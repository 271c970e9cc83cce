/* cli/report.c: the single format of ferry's own error messages. */
#include "cli/cli.h"

#include <stdarg.h>

void cli_report(const char *what, const char *fmt, ...)
{
    va_list ap;

    fputs("ferry: ", stderr);
    if (what)
        fprintf(stderr, "%s: ", what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
