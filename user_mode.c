/* user_mode.c: user mode, from an open program to its exit status: pick
 * the CPU model and sysroot, reserve guest memory, load the program, make
 * the translator, run the main guest thread. */
#include "user_mode.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostabi/hostabi.h"
#include "loader/loader.h"
#include "log/log.h"
#include "mm/mm.h"
#include "syscalls/linux/linux.h"

extern char **environ;

static const struct frontend_cpu_model *pick_model(const char *name,
                                                   const struct frontend *fe)
{
    if (!name)
        return &fe->models[0];
    for (const struct frontend_cpu_model *m = fe->models; m->name; m++)
        if (strcmp(m->name, name) == 0)
            return m;
    cli_report(NULL, "unknown CPU model '%s' for %s (see '-cpu help')", name,
               fe->name);
    return NULL;
}

/* -L, else FERRY_LD_PREFIX/QEMU_LD_PREFIX (already in o), else Debian's
 * cross sysroot /usr/<triplet> when it is installed. */
static const char *pick_sysroot(const struct cli_options *o,
                                const struct frontend *fe, char *buf,
                                size_t len)
{
    struct stat st;
    int n;

    if (o->sysroot)
        return o->sysroot;
    n = snprintf(buf, len, "/usr/%s", fe->linux_abi->triplet);
    if (n < 0 || (size_t)n >= len)
        return NULL;
    return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? buf : NULL;
}

/* The guest's argv (-0 replaces argv[0]) and environment (-E, -U): NULL
 * when out of memory. One allocation holds both; free() it. */
static char **guest_vectors(const struct cli_options *o, char ***envp)
{
    char **env = cli_guest_environment(o, environ);
    size_t n_env = 0;
    char **all;

    if (!env)
        return NULL;
    while (env[n_env])
        n_env++;
    all = malloc((o->guest_argc + 1 + n_env + 1) * sizeof *all);
    if (all) {
        memcpy(all, o->guest_argv, o->guest_argc * sizeof *all);
        if (o->argv0 && o->guest_argc > 0)
            all[0] = (char *)o->argv0;
        all[o->guest_argc] = NULL;
        memcpy(all + o->guest_argc + 1, env, (n_env + 1) * sizeof *all);
        *envp = all + o->guest_argc + 1;
    }
    free(env);
    return all;
}

/* Not inlined: its buffers (and the loader's) are gone from the stack
 * before the guest runs deeper on it (every new stack page is a fault). */
static __attribute__((noinline)) int
load(const struct cli_options *o, int fd, struct mm *mm,
     const struct frontend *fe, uint64_t features, const char *sysroot,
     const char *exe, struct loaded_program *prog)
{
    char **envp = NULL;
    char **argv = guest_vectors(o, &envp);
    struct loader_options lo = {
        .path = o->program,
        /* The path realpath() found names the file just opened (one
         * syscall for each component, where the loader's own look-up
         * reads /proc); the kernel's descriptor (binfmt_misc's O flag)
         * may not be the file at that path. */
        .maps_name = fd == o->exec_fd ? NULL : exe,
        .sysroot = sysroot,
        .argv = argv,
        .envp = envp,
        .abi = fe->linux_abi,
        .features = features,
        .seeded = o->seeded,
        .seed = o->seed,
    };
    char err[PATH_MAX + 128];
    int rc;

    if (!argv)
        return cli_report(NULL, "out of memory"), CLI_EXIT_FAILURE;
    rc = loader_load(mm, fd, &lo, prog, err, sizeof err);
    free(argv);

    if (rc == -ENOENT && prog->interp[0]) {
        cli_report(o->program, "%s (install Debian's %s, or give -L SYSROOT)",
                   err, fe->linux_abi->sysroot_package);
        return CLI_EXIT_NOT_FOUND;
    }
    if (rc < 0) {
        cli_report(o->program, "%s", err);
        return CLI_EXIT_CANNOT_EXEC;
    }
    return 0;
}

/* Guest code in [start, end) changed or went away: drop its translations.
 * Called by mm with its lock held; the translator never calls back. */
static void invalidate_code(void *opaque, gva start, gva end)
{
    translator_invalidate(opaque, start, end);
}

static void *new_cpu_state(const struct frontend *fe, uint64_t features,
                           const struct loaded_program *prog, struct mm *mm)
{
    void *env = aligned_alloc(64, (fe->state_size + 63) & ~63u);
    struct cpu_common *cpu = env;

    if (!env)
        return NULL;
    memset(env, 0, fe->state_size);
    fe->state_init(env, features);
    cpu->pc = prog->entry;
    cpu->guest_base = mm_guest_base(mm);
    memcpy((char *)env + fe->linux_abi->sp, &prog->sp, sizeof prog->sp);
    return env;
}

static int run_main_thread(const struct cli_options *o, struct mm *mm,
                           const struct frontend *fe, uint64_t features,
                           void *env, struct translator *tr,
                           const char *sysroot, const char *exe)
{
    struct lx_task task = {
        .env = env,
        .abi = fe->linux_abi,
        .machine = fe->name,
        .mm = mm,
        .sysroot = sysroot,
        .exe_path = exe,
        .strace = o->strace,
        .seeded = o->seeded,
        .seed = o->seed ^ 0x5eed5eed5eed5eedull, /* not AT_RANDOM's bytes */
        .tr = tr,
        .fe = fe,
        .opts = o, /* clone, execve */
        .arch_syscall = fe->linux_abi->arch_syscall ? lx_arch_syscall : NULL,
        .features = features,
    };
    int status;

    if (translator_thread_start(tr) < 0) {
        cli_report(NULL, "cannot start the guest thread");
        return CLI_EXIT_FAILURE;
    }
    status = lx_thread_run(&task, tr);
    if (log_enabled(LOG_STATS))
        translator_print_stats(tr, log_file());
#ifdef __SANITIZE_ADDRESS__
    /* Elsewhere the process ends right after (start()): the kernel drops
     * the thread's signal stack with everything else, where unmapping it
     * here is one more munmap in a virtual machine. */
    translator_thread_end(tr);
#endif
    return status;
}

static int start(const struct cli_options *o, int fd, struct mm *mm,
                 const struct frontend *fe, uint64_t features)
{
    char buf[64]; /* "/usr/<triplet>" */
    const char *sysroot = pick_sysroot(o, fe, buf, sizeof buf);
    struct loaded_program prog;
    struct translator *tr;
    struct translator_config cfg = {
        .frontend = fe,
        .features = features,
        .jit = o->jit,
        .interpret_cold = true,
        .cache_size = o->tb_size,
        .fetch = {mm_fetch_code, mm},
    };
    /* On the heap, as the guest's stack runs deep below this frame. */
    char *exe = realpath(o->program, NULL);
    void *env;
    int rc;

    rc = load(o, fd, mm, fe, features, sysroot, exe, &prog);
    /* Its mappings keep the file. Closed, its number is the guest's first
     * (Linux gives a program 3 first); moved near the fd limit instead,
     * it grew the kernel's descriptor table to that size (~40 us). */
    close(fd);
    if (rc != 0) {
        free(exe);
        return rc;
    }
    lx_proc_set_program(&prog, o->program);
    if (!(env = new_cpu_state(fe, features, &prog, mm))) {
        free(exe);
        return cli_report(NULL, "out of memory"), CLI_EXIT_FAILURE;
    }
    if ((rc = translator_new(&tr, &cfg)) < 0) {
        cli_report(NULL, "cannot create the code cache: %s", strerror(-rc));
        free(env);
        free(exe);
        return CLI_EXIT_FAILURE;
    }
    /* No heap prefault here: main.c's covers what the translator takes
     * at first, and populating more than a short program touches costs
     * more than its faults (a larger prefault was slower). */
    /* A guest address beyond the guest space must fault, not reach
     * ferry's own memory (identity mapping puts ferry above it). */
    translator_set_guest_limit(tr, MM_VA_LIMIT, MM_VA_GUARD);
    if (mm_guest_base(mm) == 0)
        translator_set_zero_guest_base(tr);
    /* Self-modifying code: pages holding translations become read-only
     * on the host, and a guest write there drops those translations. */
    translator_protect_code(tr, mm_code_protect, mm_code_unprotect, mm);
    mm_set_exec_hook(mm, invalidate_code, tr);
    rc = run_main_thread(o, mm, fe, features, env, tr, sysroot, exe);
#ifndef __SANITIZE_ADDRESS__
    /* The process ends here: the kernel drops the code cache and the guest
     * address space at exit in one go, where an munmap of each (several
     * hundred microseconds in a virtual machine) would only come first.
     * Sanitizer builds free everything, so leak checks stay meaningful. */
    exit(rc);
#endif
    mm_set_exec_hook(mm, NULL, NULL);
    translator_free(tr);
    free(env);
    free(exe);
    return rc;
}

int user_mode_run(const struct cli_options *o, int fd,
                  const struct frontend *fe)
{
    const struct frontend_cpu_model *model = pick_model(o->cpu, fe);
    struct mm *mm;
    int rc;

    if (!model) {
        close(fd);
        return CLI_EXIT_FAILURE;
    }
    log_mask = o->log_mask;
    if (o->log_file && (rc = log_open(o->log_file)) < 0) {
        cli_report(o->log_file, "%s", strerror(-rc));
        close(fd);
        return CLI_EXIT_FAILURE;
    }
    if (o->log_file)
        lx_fd_reserve(fileno(log_file()));
    if ((rc = mm_init(&mm, o->stack_size)) < 0) {
        cli_report(NULL, "cannot reserve the guest address space: %s",
                   strerror(-rc));
        close(fd);
        return CLI_EXIT_FAILURE;
    }
    rc = start(o, fd, mm, fe, model->features);
    mm_free(mm);
    return rc;
}
