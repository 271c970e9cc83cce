/* syscalls/linux/strace.c: -strace: one line per guest syscall in the
 * log (stderr unless -D), as strace(1) writes it: "name(args) = result"
 * with the result in column 40, "[pid   N] " first while the process has
 * several threads, errors as "= -1 ENOENT (No such file or directory)",
 * data buffers as quoted strings cut at 32 bytes, exits as
 * "+++ exited with N +++". Flags and structs: strace_flags.c; signals:
 * strace_signal.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_strace.h"

#define LX_AT_FDCWD (-100)
/* strace's default -s: data strings show this many bytes, then "...". */
#define LX_STRACE_STRLEN 32
/* strace's default -a: the " = " before a result starts in this column
 * (counting from 0) when the call is shorter. */
#define LX_STRACE_COLUMN 39
#define LX_NR_EXIT 93
#define LX_NR_EXIT_GROUP 94
#define LX_NR_CLONE 220
#define LX_NR_CLONE3 435

/* The pid of this process when it is a child ferry made for the guest
 * (fork, or vfork, whose child shares this memory with its parent: hence
 * a pid, not a flag), else 0. */
static int lx_strace_child;

bool lx_strace_forked(void)
{
    return lx_strace_child && lx_strace_child == getpid();
}

void lx_sb_add(struct lx_sb *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (b->len + 1 >= b->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(b->buf + b->len, b->size - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len =
            b->len + (size_t)n < b->size ? b->len + (size_t)n : b->size - 1;
}

void lx_sb_ptr(struct lx_sb *b, uint64_t v)
{
    if (v)
        lx_sb_add(b, "%#llx", (unsigned long long)v);
    else
        lx_sb_add(b, "NULL");
}

void lx_sb_flags(struct lx_sb *b, const struct lx_flag *f, size_t n, uint64_t v,
                 const char *zero, const char *unknown_tag)
{
    const char *sep = "";

    if (v == 0) {
        lx_sb_add(b, "%s", zero ? zero : "0");
        return;
    }
    for (size_t i = 0; i < n && v; i++)
        if (f[i].bits && (v & f[i].bits) == f[i].bits) {
            lx_sb_add(b, "%s%s", sep, f[i].name);
            v &= ~f[i].bits;
            sep = "|";
        }
    if (v && *sep)
        lx_sb_add(b, "|%#llx", (unsigned long long)v);
    else if (v)
        lx_sb_add(b, "%#llx /* %s??? */", (unsigned long long)v, unknown_tag);
}

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
    case '\v':
        return "\\v";
    case '\f':
        return "\\f";
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    default:
        return NULL;
    }
}

/* \n \t \r \v \f \" \\ by name, other unprintables in octal (three
 * digits when an octal digit follows, so it reads back the same). */
void lx_sb_quote(struct lx_sb *b, const unsigned char *s, size_t n, bool more,
                 bool hex)
{
    lx_sb_add(b, "\"");
    for (size_t i = 0; i < n; i++) {
        const char *esc = lx_strace_escape(s[i]);
        bool digit_next = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';

        if (hex)
            lx_sb_add(b, "\\x%02x", s[i]);
        else if (esc)
            lx_sb_add(b, "%s", esc);
        else if (s[i] >= 0x20 && s[i] < 0x7f)
            lx_sb_add(b, "%c", s[i]);
        else
            lx_sb_add(b, digit_next ? "\\%03o" : "\\%o", s[i]);
    }
    lx_sb_add(b, "\"%s", more ? "..." : "");
}

/* A guest data buffer of n bytes at v: quoted when readable. */
static void lx_strace_buffer(struct lx_sb *b, struct lx_task *t, uint64_t v,
                             uint64_t n, bool hex)
{
    size_t shown = n < LX_STRACE_STRLEN ? (size_t)n : LX_STRACE_STRLEN;
    const unsigned char *p = v ? lx_guest_ptr(t, v, shown, LX_PROT_READ) : NULL;

    if (p)
        lx_sb_quote(b, p, shown, n > shown, hex);
    else
        lx_sb_ptr(b, v);
}

static void lx_strace_path(struct lx_sb *b, struct lx_task *t, uint64_t v)
{
    char path[LX_PATH_MAX];

    if (v && lx_copy_path(t, path, v) == 0)
        lx_sb_quote(b, (const unsigned char *)path, strlen(path), false, false);
    else /* unreadable: as a pointer */
        lx_sb_ptr(b, v);
}

/* One argument as its format letter says. */
static void lx_strace_arg(struct lx_sb *b, struct lx_task *t, char letter,
                          const uint64_t a[6], int i)
{
    uint64_t v = a[i];

    if (lx_strace_flags_arg(b, t, letter, a, i) ||
        lx_strace_signal_arg(b, t, letter, v))
        return;
    switch (letter) {
    case 'd':
    case 'D':
        if (letter == 'D' && lx_fd(v) == LX_AT_FDCWD)
            lx_sb_add(b, "AT_FDCWD");
        else
            lx_sb_add(b, "%d", (int)v);
        break;
    case 'l':
        lx_sb_add(b, "%lld", (long long)v);
        break;
    case 'u':
        lx_sb_add(b, "%llu", (unsigned long long)v);
        break;
    case 'o':
        lx_sb_add(b, "%#03llo", (unsigned long long)v);
        break;
    case 'x':
        lx_sb_add(b, "%#llx", (unsigned long long)v);
        break;
    case 's':
        lx_strace_path(b, t, v);
        break;
    default: /* p */
        lx_sb_ptr(b, v);
        break;
    }
}

/* The calls with a data buffer (at *buf, its length in the next
 * argument): written data shows before the call, read data (ret bytes)
 * after; getrandom's bytes in hex, as strace shows them. */
static bool lx_strace_is_data(const char *name, int *buf, bool *is_read,
                              bool *hex)
{
    bool link = strcmp(name, "readlinkat") == 0;

    *hex = strcmp(name, "getrandom") == 0;
    *buf = *hex ? 0 : link ? 2 : 1;
    *is_read = *hex || link || strcmp(name, "read") == 0 ||
               strcmp(name, "pread64") == 0;
    return *is_read || strcmp(name, "write") == 0 ||
           strcmp(name, "pwrite64") == 0;
}

/* What the kernel returns inside for a call a signal interrupted, which
 * strace shows before the signal ("= ? ERESTARTSYS (...)"): ferry's
 * handlers give -EINTR, and lx_signal_deliver restarts the call the way
 * the kernel would. */
static const char *lx_strace_restart(const char *name)
{
    static const char *const nohand[] = {"rt_sigsuspend", "ppoll", "pselect6",
                                         "epoll_pwait", "epoll_pwait2"};

    if (!name || strcmp(name, "rt_sigreturn") == 0 ||
        strcmp(name, "rt_sigtimedwait") == 0)
        return NULL;
    if (strcmp(name, "nanosleep") == 0 || strcmp(name, "clock_nanosleep") == 0)
        return "ERESTART_RESTARTBLOCK (Interrupted by signal)";
    for (size_t i = 0; i < sizeof nohand / sizeof nohand[0]; i++)
        if (strcmp(name, nohand[i]) == 0)
            return "ERESTARTNOHAND (To be restarted if no handler)";
    return "ERESTARTSYS (To be restarted if SA_RESTART is set)";
}

static void lx_strace_result(struct lx_sb *b, struct lx_task *t,
                             const struct lx_syscall_info *info,
                             const char *format, const uint64_t a[6], long ret)
{
    const char *eq = strchr(format, '=');
    const char *restart =
        ret == -LX_EINTR ? lx_strace_restart(info->name) : NULL;

    if (t->exited)
        lx_sb_add(b, "?");
    else if (restart)
        lx_sb_add(b, "? %s", restart);
    else if (ret < 0 && ret >= -4095)
        lx_sb_add(b, "-1 %s (%s)",
                  strerrorname_np((int)-ret) ? strerrorname_np((int)-ret)
                                             : "E?",
                  strerror((int)-ret));
    else if (info->name && lx_strace_call_result(b, t, info->name, a, ret))
        return;
    else if (eq && eq[1] == 'p')
        lx_sb_add(b, "%#lx", (unsigned long)ret);
    else
        lx_sb_add(b, "%ld", ret);
}

/* The arguments, comma-separated. A '>' before a letter marks a result
 * the call writes: decoded when it succeeded, an address otherwise. */
static void lx_strace_args(struct lx_sb *b, struct lx_task *t,
                           const struct lx_syscall_info *info,
                           const char *format, const uint64_t a[6], long ret)
{
    bool is_read = false, hex = false;
    int buf = -1;
    bool data =
        info->name && lx_strace_is_data(info->name, &buf, &is_read, &hex);
    bool failed = ret < 0 && ret >= -4095;
    size_t start;

    for (int i = 0; *format && *format != '=' && i < 6; i++, format++) {
        bool out = *format == '>';

        format += out;
        start = b->len;
        if (i)
            lx_sb_add(b, ", ");
        if (data && i == buf && !(is_read && failed))
            lx_strace_buffer(b, t, a[i], is_read ? (uint64_t)ret : a[i + 1],
                             hex);
        else if (out && failed)
            lx_sb_ptr(b, a[i]);
        else
            lx_strace_arg(b, t, *format, a, i);
        if (b->len == start + (i ? 2 : 0)) /* an argument not shown */
            b->len = start;
        if (!*format)
            break;
    }
}

/* rt_sigreturn's argument is the frame: strace shows the mask it
 * restores, which is the mask now. */
static bool lx_strace_sigreturn(struct lx_sb *b, const struct lx_task *t,
                                const char *name)
{
    if (!name || strcmp(name, "rt_sigreturn") != 0)
        return false;
    lx_sb_add(b, "{mask=");
    lx_strace_sigset(b, t->sig_blocked);
    lx_sb_add(b, "}");
    return true;
}

static void lx_strace_line(struct lx_task *t, uint64_t nr, const uint64_t a[6],
                           long ret)
{
    const struct lx_syscall_info *info = lx_syscall_info(nr);
    const char *format = info->format
                             ? info->format
                             : "xxxxxx" + (info->name ? 6 - info->nargs : 0);
    char line[1024];
    struct lx_sb b = {line, sizeof line, 0};

    /* A new process's side of clone: strace -f shows the call once, in
     * the parent, and every line of a child with its pid. (A new thread
     * starts after the call, never returning through here.) */
    if (ret == 0 && (nr == LX_NR_CLONE || nr == LX_NR_CLONE3)) {
        if (getpid() == t->tid)
            lx_strace_child = t->tid;
        return;
    }
    lx_strace_prefix(&b, t);
    if (info->name)
        lx_sb_add(&b, "%s(", info->name);
    else
        lx_sb_add(&b, "syscall_%#llx(", (unsigned long long)nr);
    if (!lx_strace_sigreturn(&b, t, info->name) &&
        !(info->name && lx_strace_call(&b, t, info->name, a, ret)))
        lx_strace_args(&b, t, info, format, a, ret);
    lx_sb_add(&b, ")");
    while (b.len < LX_STRACE_COLUMN && b.len + 1 < b.size)
        line[b.len++] = ' ';
    lx_sb_add(&b, " = ");
    lx_strace_result(&b, t, info, format, a, ret);
    log_printf("%s\n", line);
    if (!t->exited)
        return;
    /* exit_group ends every thread: strace's last line has no prefix
     * (but in a child, whose parent strace -f still traces); exit ends
     * one, which says so with its prefix while others run. */
    b.len = 0;
    line[0] = '\0';
    if (nr != LX_NR_EXIT_GROUP || lx_strace_forked())
        lx_strace_prefix(&b, t);
    log_printf("%s+++ exited with %d +++\n", line, t->exit_status);
    fflush(log_file());
}

void lx_strace(struct lx_task *t, uint64_t nr, const uint64_t a[6], long ret)
{
    if (t->exited && (nr == LX_NR_EXIT || nr == LX_NR_EXIT_GROUP))
        return; /* lx_strace_exit wrote them */
    lx_strace_line(t, nr, a, ret);
}

void lx_strace_exit(struct lx_task *t, uint64_t nr, const uint64_t a[6])
{
    lx_strace_line(t, nr, a, 0);
}
