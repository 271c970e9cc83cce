/* log/log.c: the `-d` items, their parser and the log stream. */
#include "log/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

unsigned log_mask;
static FILE *log_stream;

static const struct {
    const char *name;
    unsigned item;
    const char *help;
} log_items[] = {
    {"in_asm", LOG_IN_ASM, "guest instructions of each translated block"},
    {"op", LOG_OP, "IR of each block, as the frontend made it"},
    {"op_opt", LOG_OP_OPT, "IR of each block, after the optimizer"},
    {"out_asm", LOG_OUT_ASM, "x86-64 code generated for each block"},
    {"exec", LOG_EXEC, "the guest pc of every block as it runs"},
    {"stats", LOG_STATS, "translation statistics when the program ends"},
    {"unimp", LOG_UNIMP, "unimplemented syscalls and instructions (once)"},
    {"page", LOG_PAGE, "guest memory mappings as they change"},
    {"int", LOG_INT, "signals and traps delivered to the guest"},
    {"guest_errors", LOG_GUEST_ERRORS, "invalid things the guest did"},
    {"perfmap", LOG_PERFMAP,
     "/tmp/perf-PID.map naming translated blocks, for perf report"},
};

static bool log_item_named(const char *name, size_t len, unsigned *item)
{
    for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++) {
        if (strlen(log_items[i].name) == len &&
            strncmp(log_items[i].name, name, len) == 0) {
            *item = log_items[i].item;
            return true;
        }
    }
    return false;
}

bool log_parse_items(const char *spec, unsigned *mask, char *err,
                     size_t errlen)
{
    unsigned m = 0, item;

    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, ",");

        if (!log_item_named(p, len, &item)) {
            snprintf(err, errlen, "unknown -d item '%.*s' (see '-d help')",
                     (int)len, p);
            return false;
        }
        m |= item;
        p += len + (p[len] == ',');
    }
    *mask = m;
    return true;
}

void log_print_items(FILE *f)
{
    fputs("Log items (-d ITEM[,ITEM...]):\n", f);
    for (size_t i = 0; i < sizeof log_items / sizeof log_items[0]; i++)
        fprintf(f, "  %-13s %s\n", log_items[i].name, log_items[i].help);
}

FILE *log_file(void)
{
    return log_stream ? log_stream : stderr;
}

int log_open(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *f;

    if (fd < 0)
        return -errno;
    if (!(f = fdopen(fd, "w"))) {
        int err = -errno;

        close(fd);
        return err;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    log_stream = f;
    return 0;
}

void log_printf(const char *fmt, ...)
{
    FILE *f = log_file();
    va_list ap;

    flockfile(f);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    funlockfile(f);
}
