/* syscalls/linux/proc.c: the /proc files that would describe ferry
 * instead of the guest: /proc/self/exe names the guest program (lx_path.c),
 * and maps, auxv, cmdline, environ and stat of /proc/self (thread-self,
 * PID) and /proc/cpuinfo are made here, each as a read-only snapshot in an
 * anonymous file. Everything else in /proc passes through. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "loader/loader.h"
#include "mm/mm.h"
#include "syscalls/linux/lx_sys.h"

/* The main program as loaded: set once before the guest runs. */
static const struct loaded_program *lx_prog;

void lx_proc_set_program(const struct loaded_program *prog, const char *path)
{
    const char *base = strrchr(path, '/');

    lx_prog = prog;
    /* The kernel names a process after the file it executed (15 bytes
     * of its basename): so do /proc/self/stat and comm, and ps. */
    prctl(PR_SET_NAME, base ? base + 1 : path);
}

bool lx_proc_self(const char *path, const char *leaf)
{
    static const char *const selves[] = {"/proc/self/", "/proc/thread-self/"};
    char pid_dir[32];
    size_t n;

    /* Most paths are not under /proc: answer them without a getpid
     * (a host syscall per call, several per path-taking guest call). */
    if (strncmp(path, "/proc/", 6) != 0)
        return false;
    for (size_t i = 0; i < sizeof selves / sizeof selves[0]; i++) {
        n = strlen(selves[i]);
        if (strncmp(path, selves[i], n) == 0 && strcmp(path + n, leaf) == 0)
            return true;
    }
    snprintf(pid_dir, sizeof pid_dir, "/proc/%d/", (int)getpid());
    n = strlen(pid_dir);
    return strncmp(path, pid_dir, n) == 0 && strcmp(path + n, leaf) == 0;
}

/* An anonymous file holding len bytes of data, its offset back at 0. */
static long lx_proc_memfd(const char *name, int flags, const void *data,
                          size_t len)
{
    int fd = memfd_create(name, (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    size_t done = 0;

    if (fd < 0)
        return -errno;
    while (done < len) {
        ssize_t n = write(fd, (const char *)data + done, len - done);

        if (n <= 0) {
            close(fd);
            return n < 0 ? -errno : -LX_EIO;
        }
        done += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -LX_EIO;
    }
    return fd;
}

/* The guest's maps, printed by mm. */
static long lx_proc_maps(struct lx_task *t, int flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    long rc;

    if (!f)
        return -LX_ENOMEM;
    rc = mm_maps_print(t->mm, f);
    if (fclose(f) != 0 && rc == 0)
        rc = -LX_ENOMEM;
    if (rc == 0)
        rc = lx_proc_memfd("maps", flags, text, len);
    free(text);
    return rc;
}

/* cmdline and environ: the guest's own strings, read from its stack as
 * the kernel reads them (so a program that rewrites its argv shows the
 * new text). */
static long lx_proc_strings(struct lx_task *t, int flags, const char *name,
                            gva start, gva end)
{
    const void *p = lx_guest_ptr(t, start, end - start, LX_PROT_READ);

    if (!p)
        return lx_proc_memfd(name, flags, "", 0);
    return lx_proc_memfd(name, flags, p, end - start);
}

/* auxv: the pairs the loader put on the stack, AT_NULL included. */
static long lx_proc_auxv(int flags)
{
    size_t bytes;
    const uint64_t *v = loader_auxv(lx_prog, &bytes);

    return lx_proc_memfd("auxv", flags, v, bytes);
}

/* cpuinfo from the frontend, for as many CPUs as the host has online. */
static long lx_proc_cpuinfo(struct lx_task *t, int flags)
{
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t len =
        t->abi->cpuinfo(t->features, ncpus > 0 ? (unsigned)ncpus : 1, NULL, 0);
    char *text = malloc(len + 1);
    long rc;

    if (!text)
        return -LX_ENOMEM;
    t->abi->cpuinfo(t->features, ncpus > 0 ? (unsigned)ncpus : 1, text,
                    len + 1);
    rc = lx_proc_memfd("cpuinfo", flags, text, len);
    free(text);
    return rc;
}

/* The guest's value for stat field n (1-based, proc(5)) where the host's
 * would describe ferry; false to keep the host's. */
static bool lx_stat_field(unsigned n, const uint64_t guest[], uint64_t *v)
{
    if (n >= 26 && n <= 28) /* startcode endcode startstack */
        *v = guest[n - 26];
    else if (n >= 45 && n <= 51) /* start_data ... env_end */
        *v = guest[3 + n - 45];
    else
        return false;
    return true;
}

/* Fields 26-28 and 45-51 for the guest: its text and data mappings (the
 * one holding its entry point and the first writable one after it from
 * the same file), the stack at argc, the heap's start and where the
 * loader put the argv and envp strings. */
static void lx_stat_layout(struct lx_task *t, const struct loaded_program *p,
                           uint64_t guest[10])
{
    struct mm_region code, r;
    gva at;

    memset(guest, 0, 10 * sizeof guest[0]);
    guest[2] = p->sp;
    guest[5] = p->brk_start;
    guest[6] = p->arg_start, guest[7] = p->arg_end;
    guest[8] = p->env_start, guest[9] = p->env_end;
    if (!mm_query(t->mm, p->program_entry, &code))
        return;
    guest[0] = code.start, guest[1] = code.end;
    for (at = code.end; mm_query(t->mm, at, &r) && r.inode == code.inode;
         at = r.end)
        if (r.prot & PROT_WRITE) {
            guest[3] = r.start, guest[4] = r.end;
            break;
        }
}

/* stat: the host's line for this process or thread (pid, comm and the
 * counters are the guest's: comm follows the guest, see
 * lx_proc_set_program), with the addresses of the guest's memory layout
 * instead of ferry's. */
static long lx_proc_stat(struct lx_task *t, const char *path, int flags,
                         const struct loaded_program *p)
{
    char in[2048], out[2048], *rest, *field, *save;
    uint64_t guest[10];
    size_t len;
    unsigned n = 3;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t got = fd < 0 ? -1 : read(fd, in, sizeof in - 1);

    if (fd >= 0)
        close(fd);
    if (got <= 0 || !(rest = strrchr((in[got] = '\0', in), ')')))
        return got < 0 ? -errno : -LX_EIO;
    lx_stat_layout(t, p, guest);
    len = (size_t)(++rest - in);
    memcpy(out, in, len);
    for (field = strtok_r(rest, " \n", &save); field && len < sizeof out;
         field = strtok_r(NULL, " \n", &save), n++) {
        uint64_t v;

        if (lx_stat_field(n, guest, &v))
            len += (size_t)snprintf(out + len, sizeof out - len, " %llu",
                                    (unsigned long long)v);
        else
            len += (size_t)snprintf(out + len, sizeof out - len, " %s", field);
    }
    if (len + 1 >= sizeof out)
        return -LX_EIO;
    out[len++] = '\n';
    return lx_proc_memfd("stat", flags, out, len);
}

/* Which emulated file path is, if any. */
enum lx_proc_file {
    LX_PROC_NONE,
    LX_PROC_MAPS,
    LX_PROC_AUXV,
    LX_PROC_CMDLINE,
    LX_PROC_ENVIRON,
    LX_PROC_STAT,
    LX_PROC_CPUINFO,
    LX_PROC_MEM,
};

static enum lx_proc_file lx_proc_which(struct lx_task *t, const char *path)
{
    if (lx_proc_self(path, "maps"))
        return LX_PROC_MAPS;
    if (lx_proc_self(path, "mem"))
        return LX_PROC_MEM;
    if (strcmp(path, "/proc/cpuinfo") == 0 && t->abi && t->abi->cpuinfo)
        return LX_PROC_CPUINFO;
    if (!lx_prog)
        return LX_PROC_NONE;
    if (lx_proc_self(path, "auxv"))
        return LX_PROC_AUXV;
    if (lx_proc_self(path, "cmdline"))
        return LX_PROC_CMDLINE;
    if (lx_proc_self(path, "environ"))
        return LX_PROC_ENVIRON;
    if (lx_proc_self(path, "stat"))
        return LX_PROC_STAT;
    return LX_PROC_NONE;
}

long lx_proc_open(struct lx_task *t, const char *path, int flags, bool *handled)
{
    enum lx_proc_file f;

    *handled = false;
    if (path[0] != '/' || strncmp(path, "/proc/", 6) != 0 ||
        (f = lx_proc_which(t, path)) == LX_PROC_NONE)
        return 0;
    *handled = true;
    /* The real files are 0444 or 0400: only root opens them for writing
     * (and then writes a private copy). */
    if ((flags & O_ACCMODE) != O_RDONLY && geteuid() != 0)
        return -LX_EACCES;
    switch (f) {
    case LX_PROC_MAPS:
        return lx_proc_maps(t, flags);
    case LX_PROC_AUXV:
        return lx_proc_auxv(flags);
    case LX_PROC_CMDLINE:
        return lx_proc_strings(t, flags, "cmdline", lx_prog->arg_start,
                               lx_prog->arg_end);
    case LX_PROC_ENVIRON:
        return lx_proc_strings(t, flags, "environ", lx_prog->env_start,
                               lx_prog->env_end);
    case LX_PROC_STAT:
        return lx_proc_stat(t, path, flags, lx_prog);
    case LX_PROC_CPUINFO:
        return lx_proc_cpuinfo(t, flags);
    case LX_PROC_MEM:
        /* Its offsets would reach ferry's memory too: denied. */
        return -LX_EACCES;
    case LX_PROC_NONE:
        break;
    }
    return 0;
}
