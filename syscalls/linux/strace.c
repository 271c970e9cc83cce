/* syscalls/linux/strace.c: -strace: one line per guest syscall in the
 * log (stderr unless -D), as strace(1) writes it: "name(args) = result"
 * ("[pid TID] " first on threads other than the main one),
 * errors as "= -1 ENOENT (No such file or directory)", data buffers as
 * quoted strings, open flags by name, exits as "+++ exited with N +++". */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_sys.h"

#define LX_AT_FDCWD (-100)
/* strace's default -s: data strings show this many bytes, then "...". */
#define LX_STRACE_STRLEN 32

/* strace's escape for c, or NULL when it has none. */
static const char *lx_strace_escape(unsigned char c)
{
    switch (c) {
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    default:
        return NULL;
    }
}

/* Writes the n bytes at s to out as a C string literal, strace's way:
 * \n \t \r \" \\ by name, other unprintables in octal; "..." after it when
 * there was more. */
static void lx_strace_quote(const unsigned char *s, size_t n, bool more,
                            char *out, size_t size)
{
    size_t len = 0;

    out[len++] = '"';
    for (size_t i = 0; i < n && len + 8 < size; i++) {
        const char *esc = lx_strace_escape(s[i]);
        bool digit_next = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';

        if (esc)
            len += (size_t)snprintf(out + len, size - len, "%s", esc);
        else if (s[i] >= 0x20 && s[i] < 0x7f)
            out[len++] = (char)s[i];
        else
            len += (size_t)snprintf(out + len, size - len,
                                    digit_next ? "\\%03o" : "\\%o", s[i]);
    }
    snprintf(out + len, size - len, "\"%s", more ? "..." : "");
}

/* A guest data buffer of n bytes at v: quoted when readable. */
static void lx_strace_buffer(struct lx_task *t, uint64_t v, uint64_t n,
                             char *out, size_t size)
{
    size_t shown = n < LX_STRACE_STRLEN ? (size_t)n : LX_STRACE_STRLEN;
    const unsigned char *p = lx_guest_ptr(t, v, shown, LX_PROT_READ);

    if (p && v)
        lx_strace_quote(p, shown, n > shown, out, size);
    else
        snprintf(out, size, v ? "0x%llx" : "NULL", (unsigned long long)v);
}

/* open(2) flags by name: the access mode, then each other known bit;
 * bits without a name stay as hex. */
static void lx_strace_open_flags(struct lx_task *t, uint64_t v, char *out,
                                 size_t size)
{
    static const struct {
        int bit;
        const char *name;
    } names[] = {
        /* multi-bit ones (O_SYNC has O_DSYNC's bit, O_TMPFILE
           O_DIRECTORY's) before their parts */
        {O_SYNC, "O_SYNC"},         {O_TMPFILE, "O_TMPFILE"},
        {O_CREAT, "O_CREAT"},       {O_EXCL, "O_EXCL"},
        {O_NOCTTY, "O_NOCTTY"},     {O_TRUNC, "O_TRUNC"},
        {O_APPEND, "O_APPEND"},     {O_NONBLOCK, "O_NONBLOCK"},
        {O_DSYNC, "O_DSYNC"},       {O_ASYNC, "O_ASYNC"},
        {O_DIRECT, "O_DIRECT"},     {O_DIRECTORY, "O_DIRECTORY"},
        {O_NOFOLLOW, "O_NOFOLLOW"}, {O_NOATIME, "O_NOATIME"},
        {O_CLOEXEC, "O_CLOEXEC"},   {O_PATH, "O_PATH"},
    };
    unsigned h = (unsigned)lx_open_flags_to_host(t->abi, v);
    size_t len =
        (size_t)snprintf(out, size, "%s",
                         (const char *[]){"O_RDONLY", "O_WRONLY", "O_RDWR",
                                          "O_ACCMODE"}[h & O_ACCMODE]);

    h &= ~(unsigned)O_ACCMODE;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && len < size; i++)
        if ((h & (unsigned)names[i].bit) == (unsigned)names[i].bit) {
            len +=
                (size_t)snprintf(out + len, size - len, "|%s", names[i].name);
            h &= ~(unsigned)names[i].bit;
        }
    if (h && len < size)
        snprintf(out + len, size - len, "|%#x", h);
}

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
    case 'f':
        lx_strace_open_flags(t, v, out, size);
        break;
    case 'x':
        snprintf(out, size, "%#llx", (unsigned long long)v);
        break;
    case 's':
        if (v && lx_copy_path(t, path, v) == 0)
            lx_strace_quote((const unsigned char *)path, strnlen(path, 200),
                            strlen(path) > 200, out, size);
        else /* unreadable: as a pointer */
            snprintf(out, size, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    default: /* p */
        snprintf(out, size, v ? "0x%llx" : "NULL", (unsigned long long)v);
        break;
    }
}

/* The calls whose second argument is a data buffer with its length in the
 * third: written data shows before the call, read data (ret bytes) after. */
static bool lx_strace_is_data(const char *name, bool *is_read)
{
    *is_read = strcmp(name, "read") == 0 || strcmp(name, "pread64") == 0;
    return *is_read || strcmp(name, "write") == 0 ||
           strcmp(name, "pwrite64") == 0;
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

/* The arguments, comma-separated, into line from len on; the new len. */
static size_t lx_strace_args(struct lx_task *t,
                             const struct lx_syscall_info *info,
                             const char *format, const uint64_t a[6], long ret,
                             char *line, size_t len, size_t size)
{
    char arg[256];
    bool is_read = false;
    bool data = info->name && lx_strace_is_data(info->name, &is_read);

    for (int i = 0; format[i] && format[i] != '=' && i < 6 && len < size; i++) {
        if (data && i == 1 && !(is_read && ret < 0))
            lx_strace_buffer(t, a[1], is_read ? (uint64_t)ret : a[2], arg,
                             sizeof arg);
        else
            lx_strace_arg(t, format[i], a[i], arg, sizeof arg);
        len += (size_t)snprintf(line + len, size - len, "%s%s", i ? ", " : "",
                                arg);
    }
    return len;
}

void lx_strace(struct lx_task *t, uint64_t nr, const uint64_t a[6], long ret)
{
    const struct lx_syscall_info *info = lx_syscall_info(nr);
    const char *format = info->format
                             ? info->format
                             : "xxxxxx" + (info->name ? 6 - info->nargs : 0);
    char line[1024], result[128];
    size_t len;

    /* strace -f's "[pid N] " for every thread but the main one */
    len = t->tid && t->tid != getpid()
              ? (size_t)snprintf(line, sizeof line, "[pid %d] ", t->tid)
              : 0;
    if (info->name)
        len +=
            (size_t)snprintf(line + len, sizeof line - len, "%s(", info->name);
    else
        len += (size_t)snprintf(line + len, sizeof line - len, "syscall_%llu(",
                                (unsigned long long)nr);
    len = lx_strace_args(t, info, format, a, ret, line, len, sizeof line);
    lx_strace_result(t, format, ret, result, sizeof result);
    if (len < sizeof line)
        snprintf(line + len, sizeof line - len, ") = %s", result);
    log_printf("%s\n", line);
    if (t->exited)
        log_printf("+++ exited with %d +++\n", t->exit_status);
}
