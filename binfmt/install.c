/* binfmt/install.c: --install-binfmt, --uninstall-binfmt and
 * --binfmt-status against the kernel's binfmt_misc (mounted on demand)
 * and, with --persistent, systemd-binfmt's configuration files. */
#include "binfmt/binfmt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

/* What one command works with. */
struct binfmt_job {
    const struct cli_options *o;
    const char *prefix; /* entry names: prefix + arch */
    const char *flags;
    char interp[PATH_MAX]; /* this ferry's absolute path */
};

/* Reads a whole small file into buf; false when it cannot. */
static bool binfmt_read(const char *path, char *buf, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0)
        return false;
    n = read(fd, buf, len - 1);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = '\0';
    return true;
}

/* Writes text to a binfmt_misc control file in one write(2), as the
 * kernel wants it; 0 or an errno. */
static int binfmt_write(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    size_t len = strlen(text);
    int rc = 0;

    if (fd < 0)
        return errno;
    if (write(fd, text, len) != (ssize_t)len)
        rc = errno ? errno : EIO;
    close(fd);
    return rc;
}

static bool binfmt_read_entry(const char *name, struct binfmt_entry *e)
{
    char path[PATH_MAX], text[8192];

    snprintf(path, sizeof path, "%s/%s", BINFMT_DIR, name);
    return binfmt_read(path, text, sizeof text) && binfmt_parse_entry(text, e);
}

static int binfmt_remove(const char *name)
{
    char path[PATH_MAX];

    snprintf(path, sizeof path, "%s/%s", BINFMT_DIR, name);
    return binfmt_write(path, "-1");
}

/* binfmt_misc is mounted by systemd on most systems; in a container or a
 * minimal system it may not be. */
static bool binfmt_mount(void)
{
    char path[PATH_MAX];

    snprintf(path, sizeof path, "%s/register", BINFMT_DIR);
    if (access(path, F_OK) == 0)
        return true;
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", 0, NULL) == 0)
        return true;
    cli_report(NULL, "cannot mount binfmt_misc on %s: %s", BINFMT_DIR,
               strerror(errno));
    return false;
}

/* The entry's name in buf: "ferry-riscv64" by default. */
static const char *binfmt_name(const struct binfmt_job *j,
                               const struct binfmt_arch *a, char *buf,
                               size_t len)
{
    snprintf(buf, len, "%s%s", j->prefix, a->name);
    return buf;
}

/* Calls fn(name, entry, arg) for every magic entry that runs a's
 * programs other than skip; stops at a non-zero result and returns it. */
static int binfmt_each_runner(const struct binfmt_arch *a, const char *skip,
                              int (*fn)(const char *, struct binfmt_entry *,
                                        void *),
                              void *arg)
{
    DIR *d = opendir(BINFMT_DIR);
    struct dirent *de;
    struct binfmt_entry e;
    int rc = 0;

    if (!d)
        return 0;
    while (rc == 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.' || strcmp(de->d_name, "register") == 0 ||
            strcmp(de->d_name, "status") == 0 ||
            (skip && strcmp(de->d_name, skip) == 0))
            continue;
        if (binfmt_read_entry(de->d_name, &e) && binfmt_entry_runs(&e, a))
            rc = fn(de->d_name, &e, arg);
    }
    closedir(d);
    return rc;
}

/* --binfmt-status: one line per entry that runs a's programs. */
static int binfmt_print_runner(const char *name, struct binfmt_entry *e,
                               void *arg)
{
    const struct binfmt_arch *a = arg;

    printf("%s: %s (%s): interpreter %s, flags %s\n", a->name, name,
           e->enabled ? "enabled" : "disabled", e->interpreter,
           e->flags[0] ? e->flags : "none");
    return 0;
}

static int binfmt_found(const char *name, struct binfmt_entry *e, void *arg)
{
    (void)name, (void)e, (void)arg;
    return 1;
}

static bool binfmt_mounted(void)
{
    return access(BINFMT_DIR "/register", F_OK) == 0;
}

static int binfmt_status(const struct binfmt_job *j,
                         const struct binfmt_arch *a)
{
    char name[128];
    struct binfmt_entry e;
    bool ours = binfmt_read_entry(binfmt_name(j, a, name, sizeof name), &e);

    if (!binfmt_mounted()) {
        printf("%s: not registered (binfmt_misc is not mounted on %s)\n",
               a->name, BINFMT_DIR);
        return 0;
    }
    if (ours)
        binfmt_print_runner(name, &e, (void *)a);
    binfmt_each_runner(a, name, binfmt_print_runner, (void *)a);
    if (!ours && !binfmt_each_runner(a, name, binfmt_found, NULL))
        printf("%s: not registered\n", a->name);
    return 0;
}

/* Another interpreter (qemu's, say) runs a's programs: removed with
 * --replace, else the install stops here. */
static int binfmt_other_runner(const char *name, struct binfmt_entry *e,
                               void *arg)
{
    const struct binfmt_job *j = arg;
    int rc;

    if (!j->o->binfmt_replace) {
        cli_report(NULL,
                   "binfmt_misc entry '%s' already runs these programs "
                   "with %s (give --replace to replace it)",
                   name, e->interpreter);
        return 1;
    }
    if ((rc = binfmt_remove(name)) != 0) {
        cli_report(NULL, "cannot remove binfmt_misc entry '%s': %s", name,
                   strerror(rc));
        return 1;
    }
    fprintf(stderr, "ferry: removed binfmt_misc entry '%s' (%s)\n", name,
            e->interpreter);
    return 0;
}

/* Warns about each line of dir/file.conf (other than ours) that registers
 * a's programs: systemd-binfmt runs them all at boot, and then one of the
 * two interpreters takes over. */
static void binfmt_warn_conf(const char *dir, const char *file,
                             const struct binfmt_arch *a)
{
    char path[PATH_MAX], line[1024];
    struct binfmt_entry e;
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (!(f = fopen(path, "r")))
        return;
    while (fgets(line, sizeof line, f))
        if (binfmt_parse_register_line(line, &e) && binfmt_entry_runs(&e, a))
            fprintf(stderr,
                    "ferry: warning: %s also registers %s programs "
                    "at boot (with %s): remove it to keep ferry\n",
                    path, a->name, e.interpreter);
    fclose(f);
}

static void binfmt_warn_other_confs(const char *ours,
                                    const struct binfmt_arch *a)
{
    static const char *const dirs[] = {"/etc/binfmt.d", "/run/binfmt.d",
                                       BINFMT_CONF_DIR};
    char mine[160];

    snprintf(mine, sizeof mine, "%s.conf", ours);
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        struct dirent *de;

        while (d && (de = readdir(d))) {
            size_t n = strlen(de->d_name);

            if (n > 5 && strcmp(de->d_name + n - 5, ".conf") == 0 &&
                strcmp(de->d_name, mine) != 0)
                binfmt_warn_conf(dirs[i], de->d_name, a);
        }
        if (d)
            closedir(d);
    }
}

/* --persistent: systemd-binfmt registers the same line at every boot. */
static bool binfmt_persist(const char *name, const char *line)
{
    char path[PATH_MAX];
    FILE *f;

    if (mkdir(BINFMT_CONF_DIR, 0755) < 0 && errno != EEXIST) {
        cli_report(BINFMT_CONF_DIR, "%s", strerror(errno));
        return false;
    }
    snprintf(path, sizeof path, "%s/%s.conf", BINFMT_CONF_DIR, name);
    f = fopen(path, "w");
    if (!f ||
        fprintf(f,
                "# Written by ferry --install-binfmt --persistent."
                "\n%s\n",
                line) < 0 ||
        fclose(f) != 0) {
        cli_report(path, "%s", strerror(errno));
        return false;
    }
    printf("wrote %s\n", path);
    return true;
}

/* Registers line under name and reads it back. */
static bool binfmt_register(const struct binfmt_job *j,
                            const struct binfmt_arch *a, const char *name,
                            const char *line)
{
    struct binfmt_entry e;
    int rc = binfmt_write(BINFMT_DIR "/register", line);

    if (rc != 0) {
        cli_report(NULL, "cannot register %s with binfmt_misc: %s", name,
                   strerror(rc));
        return false;
    }
    if (!binfmt_read_entry(name, &e) ||
        !binfmt_entry_is(&e, a, j->interp, j->flags)) {
        cli_report(NULL,
                   "binfmt_misc entry %s reads back differently from "
                   "what ferry registered",
                   name);
        return false;
    }
    return true;
}

static bool binfmt_install_one(const struct binfmt_job *j,
                               const struct binfmt_arch *a)
{
    char name[128], line[PATH_MAX + 512];
    struct binfmt_entry e;
    bool same;

    binfmt_name(j, a, name, sizeof name);
    if (!binfmt_register_line(a, name, j->interp, j->flags, line,
                              sizeof line)) {
        cli_report(j->interp, "binfmt_misc cannot name an interpreter whose "
                              "path holds ':'");
        return false;
    }
    if (binfmt_each_runner(a, name, binfmt_other_runner, (void *)j))
        return false;
    same = binfmt_read_entry(name, &e) &&
           binfmt_entry_is(&e, a, j->interp, j->flags);
    if (!same && binfmt_read_entry(name, &e) && binfmt_remove(name) != 0) {
        cli_report(NULL, "cannot replace binfmt_misc entry %s: %s", name,
                   strerror(errno));
        return false;
    }
    if (!same && !binfmt_register(j, a, name, line))
        return false;
    printf("%s: %s %s%s (interpreter %s, flags %s)\n", a->name,
           same ? "already registered as" : "registered", BINFMT_DIR "/", name,
           j->interp, j->flags);
    if (!j->o->binfmt_persistent)
        return true;
    binfmt_warn_other_confs(name, a);
    return binfmt_persist(name, line);
}

static bool binfmt_uninstall_one(const struct binfmt_job *j,
                                 const struct binfmt_arch *a)
{
    char name[128], conf[PATH_MAX];
    struct binfmt_entry e;
    int rc;

    binfmt_name(j, a, name, sizeof name);
    snprintf(conf, sizeof conf, "%s/%s.conf", BINFMT_CONF_DIR, name);
    if (unlink(conf) == 0)
        printf("removed %s\n", conf);
    if (!binfmt_read_entry(name, &e)) {
        printf("%s: not registered\n", a->name);
        return true;
    }
    if ((rc = binfmt_remove(name)) != 0) {
        cli_report(NULL, "cannot remove binfmt_misc entry %s: %s", name,
                   strerror(rc));
        return false;
    }
    printf("%s: removed %s/%s\n", a->name, BINFMT_DIR, name);
    return true;
}

/* Registering the host's own architecture would send every native
 * program through ferry. */
static bool binfmt_is_host(const struct binfmt_arch *a)
{
    struct utsname u;

    return uname(&u) == 0 && strcmp(u.machine, a->name) == 0;
}

static bool binfmt_one(const struct binfmt_job *j, const struct binfmt_arch *a,
                       bool named)
{
    if (binfmt_is_host(a)) {
        if (named)
            cli_report(a->name, "this machine's own architecture: its "
                                "programs run natively");
        return !named;
    }
    switch (j->o->action) {
    case CLI_INSTALL_BINFMT:
        return binfmt_install_one(j, a);
    case CLI_UNINSTALL_BINFMT:
        return binfmt_uninstall_one(j, a);
    default:
        return binfmt_status(j, a) == 0;
    }
}

/* The dynamic loader this ferry was started with (its PT_INTERP), or
 * NULL for a static ferry. */
static const char *binfmt_self_interp(void)
{
    const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);

    for (unsigned long i = 0; ph && i < n; i++)
        if (ph[i].p_type == PT_INTERP) /* p_vaddr is relative to the load
                                          address: PT_PHDR gives it */
            for (unsigned long k = 0; k < n; k++)
                if (ph[k].p_type == PT_PHDR)
                    return (const char *)((uintptr_t)ph - ph[k].p_vaddr +
                                          ph[i].p_vaddr);
    return NULL;
}

/* F opens ferry when it registers, but the kernel still looks for a
 * dynamically linked ferry's loader and libraries inside the chroot or
 * container: say so, since that is what F is for. */
static void binfmt_warn_dynamic(const char *flags)
{
    const char *loader = binfmt_self_interp();

    if (strchr(flags, 'F') && loader)
        fprintf(stderr,
                "ferry: warning: this ferry is dynamically linked: in a "
                "chroot or container it runs only where %s and its "
                "libraries are (the default static-pie build runs "
                "anywhere)\n",
                loader);
}

/* Checks done once per command: root, the interpreter's path, flags. */
static bool binfmt_prepare(struct binfmt_job *j)
{
    const struct cli_options *o = j->o;
    const char *prefix = getenv("FERRY_BINFMT_PREFIX");
    ssize_t n;

    j->prefix = prefix && *prefix ? prefix : BINFMT_DEFAULT_PREFIX;
    j->flags = o->binfmt_flags ? o->binfmt_flags : BINFMT_DEFAULT_FLAGS;
    if (o->action == CLI_BINFMT_STATUS)
        return true;
    if (geteuid() != 0) {
        cli_report(NULL, "%s needs root (try: sudo ferry %s)",
                   o->action == CLI_INSTALL_BINFMT ? "--install-binfmt"
                                                   : "--uninstall-binfmt",
                   o->action == CLI_INSTALL_BINFMT ? "--install-binfmt"
                                                   : "--uninstall-binfmt");
        return false;
    }
    if (o->action == CLI_INSTALL_BINFMT && strchr(j->flags, 'C'))
        fprintf(stderr, "ferry: warning: flag C runs setuid foreign programs "
                        "with their owner's rights: any of them can be "
                        "abused to become root\n");
    if (o->action == CLI_INSTALL_BINFMT)
        binfmt_warn_dynamic(j->flags);
    n = readlink("/proc/self/exe", j->interp, sizeof j->interp - 1);
    if (n < 0) {
        cli_report("/proc/self/exe", "%s", strerror(errno));
        return false;
    }
    j->interp[n] = '\0';
    return binfmt_mount();
}

int binfmt_command(const struct cli_options *o)
{
    struct binfmt_job j = {.o = o};
    const struct binfmt_arch *a;
    bool ok = true;

    for (int i = 0; i < o->guest_argc; i++)
        if (!binfmt_arch_find(o->guest_argv[i])) {
            cli_report(NULL,
                       "unknown architecture '%s' (ferry registers "
                       "riscv64 and aarch64)",
                       o->guest_argv[i]);
            return CLI_EXIT_FAILURE;
        }
    if (!binfmt_prepare(&j))
        return CLI_EXIT_FAILURE;
    if (o->guest_argc == 0)
        for (size_t i = 0; (a = binfmt_arch_at(i)); i++)
            ok = binfmt_one(&j, a, false) && ok;
    for (int i = 0; i < o->guest_argc; i++)
        ok = binfmt_one(&j, binfmt_arch_find(o->guest_argv[i]), true) && ok;
    if (fflush(stdout) != 0)
        ok = false;
    return ok ? 0 : CLI_EXIT_FAILURE;
}
