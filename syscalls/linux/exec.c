/* syscalls/linux/exec.c: execve and execveat. A foreign ELF ferry can run
 * is re-run under a fresh ferry (/proc/self/exe) with this one's settings;
 * a native x86 ELF runs natively; "#!" scripts follow the kernel's rules
 * (binfmt_script), their interpreter found through the sysroot first. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "frontends/frontends.h"
#include "syscalls/linux/lx_thr.h"

#define LX_EXEC_MAX_STRS (1u << 20) /* more than fit in ARG_MAX anyway */
#define LX_EXEC_MAX_STR (32u * 4096) /* MAX_ARG_STRLEN */
#define LX_SCRIPT_DEPTH 4            /* nested interpreters allowed */
#define LX_BINPRM_BUF 256            /* bytes of the file the kernel reads */

/* The host address of the guest string at addr (guest memory is host
 * memory: no copy), or NULL with *err set. */
static char *lx_exec_str(struct lx_task *t, gva addr, long *err)
{
    for (size_t n = 0; n < LX_EXEC_MAX_STR;) {
        size_t chunk = 4096 - ((addr + n) & 4095);
        const char *p = lx_guest_ptr(t, addr + n, chunk, LX_PROT_READ);
        const char *nul;

        if (!p) {
            *err = -LX_EFAULT;
            return NULL;
        }
        if ((nul = memchr(p, 0, chunk)))
            return lx_guest_ptr(t, addr, n + (size_t)(nul - p) + 1,
                                LX_PROT_READ);
        n += chunk;
    }
    *err = -LX_E2BIG;
    return NULL;
}

/* A guest argv/envp array as a NULL-terminated host array (freed by the
 * caller); NULL addr is an empty array, as Linux has it. */
static long lx_exec_strv(struct lx_task *t, gva addr, char ***out)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    long err = 0;
    uint64_t p;

    if (!v)
        return -LX_ENOMEM;
    while (addr) {
        char **nv;

        if (lx_copy_in(t, &p, addr + 8 * n, sizeof p) < 0) {
            err = -LX_EFAULT;
            break;
        }
        if (!p)
            break;
        if (n >= LX_EXEC_MAX_STRS) {
            err = -LX_E2BIG;
            break;
        }
        if (n + 2 > cap) {
            if (!(nv = realloc(v, (cap *= 2) * sizeof *v))) {
                err = -LX_ENOMEM;
                break;
            }
            v = nv;
        }
        if (!(v[n] = lx_exec_str(t, p, &err)))
            break;
        n++;
    }
    if (err) {
        free(v);
        return err;
    }
    v[n] = NULL;
    *out = v;
    return 0;
}

static size_t lx_strv_len(char **v)
{
    size_t n = 0;

    while (v[n])
        n++;
    return n;
}

/* -d's item names, in enum log_item's bit order (log/log.c). */
static const char *const lx_log_names[] = {
    "in_asm", "op", "op_opt", "out_asm", "exec", "stats",
    "unimp", "page", "int", "guest_errors",
};

static void lx_log_items(unsigned mask, char *buf, size_t len)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sizeof lx_log_names / sizeof *lx_log_names; i++)
        if ((mask & (1u << i)) && used < len)
            used += (size_t)snprintf(buf + used, len - used, "%s%s",
                                     used ? "," : "", lx_log_names[i]);
}

/* ferry's options that the new ferry must share with this one (numbers
 * printed into tb, 96 bytes); returns how many words went into args. */
static size_t lx_ferry_options(struct lx_task *t, char **args, char *tb,
                               char *items)
{
    const struct cli_options *o = t->opts;
    size_t n = 0;

    if (t->sysroot)
        args[n++] = "-L", args[n++] = (char *)t->sysroot;
    if (t->strace)
        args[n++] = "-strace";
    if (!o)
        return n;
    if (o->cpu)
        args[n++] = "-cpu", args[n++] = (char *)o->cpu;
    args[n++] = "--jit", args[n++] = o->jit ? "on" : "off";
    if (o->tb_size) {
        snprintf(tb, 32, "%zuK", o->tb_size >> 10);
        args[n++] = "-tb-size", args[n++] = tb;
    }
    if (o->log_mask) {
        lx_log_items(o->log_mask, items, 256);
        args[n++] = "-d", args[n++] = items;
    }
    if (o->log_file)
        args[n++] = "-D", args[n++] = (char *)o->log_file;
    if (o->stack_size) {
        snprintf(tb + 32, 32, "%zuK", o->stack_size >> 10);
        args[n++] = "-s", args[n++] = tb + 32;
    }
    if (o->seeded) {
        snprintf(tb + 64, 32, "%llu", (unsigned long long)o->seed);
        args[n++] = "-seed", args[n++] = tb + 64;
    }
    return n;
}

/* Runs the foreign program host under a new ferry, the guest's argv[0]
 * kept with -0. */
static long lx_exec_ferry(struct lx_task *t, const char *host, char **argv,
                          char **envp)
{
    size_t argc = lx_strv_len(argv), n = 1;
    char **args = malloc((argc + 32) * sizeof *args);
    char tb[96], items[256];

    if (!args)
        return -LX_ENOMEM;
    args[0] = "ferry";
    n += lx_ferry_options(t, args + n, tb, items);
    if (argc > 0)
        args[n++] = "-0", args[n++] = argv[0];
    args[n++] = (char *)host;
    for (size_t i = 1; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    execve("/proc/self/exe", args, envp);
    free(args);
    return -(long)errno;
}

static long lx_exec_path(struct lx_task *t, const char *guest,
                         const char *host, char **argv, char **envp,
                         int depth);

/* Skips blanks (the kernel's spaces and tabs). */
static char *lx_skip_blanks(char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Splits the "#!" line in place into the interpreter and its optional
 * argument (the rest of the line, inner blanks kept, outer ones not).
 * Returns the interpreter, or NULL when there is none or its name may be
 * cut short (no newline within the bytes read). */
static char *lx_script_parse(char *line, char **arg)
{
    char *interp = lx_skip_blanks(line + 2), *end;

    if (!strchr(line, '\n') && strlen(line) >= LX_BINPRM_BUF - 1)
        return NULL;
    line[strcspn(line, "\n")] = '\0';
    *arg = interp + strcspn(interp, " \t");
    if (**arg)
        *(*arg)++ = '\0';
    *arg = lx_skip_blanks(*arg);
    end = *arg + strlen(*arg);
    while (end > *arg && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return *interp ? interp : NULL;
}

/* "#!interp [arg]": the interpreter runs with argv interp, the optional
 * argument, the script's path, then the original argv without its
 * argv[0]. */
static long lx_exec_script(struct lx_task *t, const char *guest,
                           const char *host, char *line, char **argv,
                           char **envp, int depth)
{
    char *arg, *interp = lx_script_parse(line, &arg), ibuf[LX_PATH_MAX];
    size_t argc = lx_strv_len(argv), n = 0;
    const char *ihost;
    char **args;
    long ret;

    if (!interp)
        return -LX_ENOEXEC;
    if (depth >= LX_SCRIPT_DEPTH)
        return -LX_ELOOP;
    ihost = lx_host_path(t, interp, ibuf);
    if (!(args = malloc((argc + 3) * sizeof *args)))
        return -LX_ENOMEM;
    args[n++] = interp;
    if (*arg)
        args[n++] = arg;
    /* A host interpreter needs the script's host path. */
    args[n++] = (char *)(ihost == interp ? host : guest);
    for (size_t i = 1; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    ret = lx_exec_path(t, interp, ihost, args, envp, depth + 1);
    free(args);
    return ret;
}

/* What the first bytes say: native ELF, foreign ELF ferry runs, script. */
static long lx_exec_image(struct lx_task *t, const char *guest,
                          const char *host, char *buf, size_t n, char **argv,
                          char **envp, int depth)
{
    const struct guest_arch *arch;
    uint16_t machine;

    if (n >= 2 && buf[0] == '#' && buf[1] == '!')
        return lx_exec_script(t, guest, host, buf, argv, envp, depth);
    if (n < 20 || memcmp(buf, ELFMAG, SELFMAG) != 0)
        return -LX_ENOEXEC;
    machine = (uint16_t)((uint8_t)buf[18] | (uint8_t)buf[19] << 8);
    if ((machine == EM_X86_64 && buf[EI_CLASS] == ELFCLASS64) ||
        (machine == EM_386 && buf[EI_CLASS] == ELFCLASS32)) {
        execve(host, argv, envp);
        return -(long)errno;
    }
    arch = guest_arch_for_elf(machine, (unsigned char)buf[EI_CLASS]);
    if (!arch || !arch->frontend)
        return -LX_ENOEXEC;
    return lx_exec_ferry(t, host, argv, envp);
}

static long lx_exec_path(struct lx_task *t, const char *guest,
                         const char *host, char **argv, char **envp,
                         int depth)
{
    char buf[LX_BINPRM_BUF + 1];
    struct stat st;
    ssize_t n;
    int fd = open(host, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -(long)errno;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || access(host, X_OK) < 0) {
        close(fd);
        return -LX_EACCES;
    }
    n = read(fd, buf, LX_BINPRM_BUF);
    close(fd);
    if (n < 0)
        return -LX_EIO;
    buf[n] = '\0';
    return lx_exec_image(t, guest, host, buf, (size_t)n, argv, envp, depth);
}

/* The common part of execve and execveat once the paths are known. */
static long lx_execve_common(struct lx_task *t, const char *guest,
                             const char *host, gva argv_addr, gva envp_addr)
{
    char **argv = NULL, **envp = NULL;
    long ret = lx_exec_strv(t, argv_addr, &argv);

    if (ret == 0)
        ret = lx_exec_strv(t, envp_addr, &envp);
    if (ret == 0)
        ret = lx_exec_path(t, guest, host, argv, envp, 0);
    free(argv);
    free(envp);
    return ret;
}

long lx_sys_execve(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX], tmp[LX_PATH_MAX];
    const char *host;
    int rc = lx_copy_path(t, path, a[0]);

    if (rc < 0)
        return rc;
    if (!path[0])
        return -LX_ENOENT;
    host = lx_host_path(t, path, tmp);
    return lx_execve_common(t, path, host, a[1], a[2]);
}

/* execveat(dirfd, path, argv, envp, flags): a path relative to dirfd or
 * the fd itself (AT_EMPTY_PATH) goes through /proc/self/fd; the guest
 * name is /dev/fd/N[/path], as the kernel gives scripts. */
long lx_sys_execveat(struct lx_task *t, const uint64_t a[6])
{
    char path[LX_PATH_MAX], guest[LX_PATH_MAX + 32], host[LX_PATH_MAX + 32];
    char tmp[LX_PATH_MAX];
    int dirfd = lx_fd(a[0]), flags = (int)a[4], rc;
    struct stat st;
    const char *h;

    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -LX_EINVAL;
    if ((rc = lx_copy_path(t, path, a[1])) < 0)
        return rc;
    if (!path[0] && !(flags & AT_EMPTY_PATH))
        return -LX_ENOENT;
    if (path[0] == '/' || (path[0] && dirfd == AT_FDCWD)) {
        snprintf(guest, sizeof guest, "%s", path);
        h = lx_host_path(t, path, tmp);
    } else {
        snprintf(guest, sizeof guest, "/dev/fd/%d%s%s", dirfd,
                 path[0] ? "/" : "", path);
        snprintf(host, sizeof host, "/proc/self/fd/%d%s%s", dirfd,
                 path[0] ? "/" : "", path);
        h = host;
    }
    if ((flags & AT_SYMLINK_NOFOLLOW) && path[0] && lstat(h, &st) == 0 &&
        S_ISLNK(st.st_mode))
        return -LX_ELOOP;
    return lx_execve_common(t, guest, h, a[2], a[3]);
}
