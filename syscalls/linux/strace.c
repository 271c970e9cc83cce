/* syscalls/linux/strace.c: -strace: one line per guest syscall in the
 * log (stderr unless -D), "PID name(args) = result", formatted from the
 * table's letters. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_sys.h"

#define LX_AT_FDCWD (-100)

/* Appends one argument to out (size bytes) as its format letter says. */
static void lx_strace_arg(struct lx_task *t, char letter, uint64_t v, char *out,
                          size_t size)
{
    char path[LX_PATH_MAX];

    switch (letter) {
    case 'd':
    case 'D':
        if (letter == 'D' && lx_fd(v) == LX_AT_FDCWD)
            snprintf(out, size, "AT_FDCWD");
        else
            snprintf(out, size, "%d", (int)v);
        break;
    case 'l':
        snprintf(out, size, "%lld", (long long)v);
        break;
    case 'u':
        snprintf(out, size, "%llu", (unsigned long long)v);
        break;
    case 'o':
        snprintf(out, size, "%#llo", (unsigned long long)v);
        break;
    case 'x':
    case 'f':
        snprintf(out, size, "%#llx", (unsigned long long)v);
        break;
    case 's':
        if (v && lx_copy_path(t, path, v) == 0)
            snprintf(out, size, "\"%.*s\"", 200, path);
        else /* unreadable: as a pointer */
            snprintf(out, size, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    default: /* p */
        snprintf(out, size, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    }
}

static void lx_strace_result(const struct lx_task *t, const char *format,
                             long ret, char *out, size_t size)
{
    const char *eq = strchr(format, '=');

    if (t->exited)
        snprintf(out, size, "?");
    else if (ret < 0 && ret >= -4095)
        snprintf(out, size, "-1 %s (%s)",
                 strerrorname_np((int)-ret) ? strerrorname_np((int)-ret) : "E?",
                 strerror((int)-ret));
    else if (eq && eq[1] == 'p')
        snprintf(out, size, "%#lx", (unsigned long)ret);
    else
        snprintf(out, size, "%ld", ret);
}

void lx_strace(struct lx_task *t, uint64_t nr, const uint64_t a[6], long ret)
{
    const struct lx_syscall_info *info = lx_syscall_info(nr);
    const char *format = info->format
                             ? info->format
                             : "xxxxxx" + (info->name ? 6 - info->nargs : 0);
    char line[1024], arg[256], result[128];
    size_t len;

    if (info->name)
        len =
            (size_t)snprintf(line, sizeof line, "%d %s(", getpid(), info->name);
    else
        len = (size_t)snprintf(line, sizeof line, "%d syscall_%llu(", getpid(),
                               (unsigned long long)nr);
    for (int i = 0; format[i] && format[i] != '=' && i < 6 && len < sizeof line;
         i++) {
        lx_strace_arg(t, format[i], a[i], arg, sizeof arg);
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s",
                                i ? ", " : "", arg);
    }
    lx_strace_result(t, format, ret, result, sizeof result);
    if (len < sizeof line)
        snprintf(line + len, sizeof line - len, ") = %s", result);
    log_printf("%s\n", line);
}
