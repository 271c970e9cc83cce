/* main.c: ferry's entry point: parse the command line, identify the guest
 * program, hand it to the matching frontend. */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/binfmt.h"
#include "cli/cli.h"
#include "frontends/frontends.h"
#include "hostabi/hostabi.h"
#include "loader/loader.h"
#include "log/log.h"
#include "user_mode.h"

/* The C heap populated at start: see run_program. */
#define HEAP_PREFAULT ((size_t)192 << 10)

/* Opens the program; on failure reports why and sets *status. */
static int open_program(const char *path, int *status)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        cli_report(path, "%s", strerror(errno));
        *status = (errno == ENOENT || errno == ENOTDIR) ? CLI_EXIT_NOT_FOUND
                                                        : CLI_EXIT_CANNOT_EXEC;
        return -1;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_report(path, "%s", strerror(EISDIR));
        close(fd);
        *status = CLI_EXIT_CANNOT_EXEC;
        return -1;
    }
    return fd;
}

/* The guest architecture of an ELF program, or NULL after saying why ferry
 * cannot run it. */
static const struct guest_arch *pick_guest_arch(const char *path,
                                                const struct elf_ident *id)
{
    const struct guest_arch *arch = guest_arch_for_elf(id->machine,
                                                       id->elf_class);
    char buf[32];

    if (id->machine == EM_X86_64 && id->elf_class == ELFCLASS64) {
        cli_report(path, "a native x86-64 program: run it directly, "
                         "without ferry");
        return NULL;
    }
    if (!arch) {
        cli_report(path, "unsupported architecture %s "
                         "(ferry runs riscv64 and aarch64 programs)",
                   elf_machine_name(id->machine, id->elf_class, buf,
                                    sizeof buf));
        return NULL;
    }
    if (id->data != ELFDATA2LSB) {
        cli_report(path, "big-endian %s programs are not supported",
                   arch->name);
        return NULL;
    }
    if (id->osabi == ELFOSABI_FREEBSD) {
        cli_report(path, "FreeBSD %s programs cannot run yet", arch->name);
        return NULL;
    }
    if (id->osabi != ELFOSABI_SYSV && id->osabi != ELFOSABI_GNU) {
        cli_report(path, "unsupported OS ABI %u (ferry runs Linux programs)",
                   id->osabi);
        return NULL;
    }
    return arch;
}

static int run_program(const struct cli_options *o)
{
    const struct guest_arch *arch;
    struct elf_ident id;
    const char *why;
    int status = CLI_EXIT_CANNOT_EXEC;
    /* binfmt_misc's O flag: the kernel opened it (it may be unreadable) */
    int fd = o->exec_fd >= 0 ? o->exec_fd : open_program(o->program, &status);

    if (fd < 0)
        return status;
    /* ferry's own tables and a short program's first translations: a
     * static hello world's heap reached 190 KiB, and every page beyond
     * what was populated faulted (6 faults with 128 KiB, 2 now) */
    host_heap_prefault(HEAP_PREFAULT);
    if (fd == o->exec_fd) /* the kernel's descriptor: not for the guest */
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    /* What the program is comes before whether it is intact: "an aarch64
     * program" says more than "corrupt program headers". */
    if (elf_identify(fd, &id, &why) < 0 && !id.have_header) {
        cli_report(o->program, "%s", why);
    } else if (!(arch = pick_guest_arch(o->program, &id))) {
        /* reported */
    } else if (why) {
        cli_report(o->program, "%s", why);
    } else if (!arch->frontend) {
        cli_report(o->program,
                   "%s programs cannot run yet: this build of ferry has "
                   "no %s frontend",
                   arch->name, arch->name);
    } else {
        return user_mode_run(o, fd, arch->frontend); /* it closes fd */
    }
    close(fd);
    return status;
}

/* Writes help or version text; a failed write (a full disk, a closed pipe)
 * is ferry's failure, not silent success. */
static int print_info(void (*print)(FILE *))
{
    print(stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_report(NULL, "cannot write to standard output: %s",
                   strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    return 0;
}

/* AT_FLAGS bit 0 (AT_FLAGS_PRESERVE_ARGV0 in linux/binfmts.h): the
 * kernel sets it only when binfmt_misc started ferry with the P flag. */
#define FERRY_AT_FLAGS_PRESERVE_ARGV0 1

/* Started by binfmt_misc with P (AT_FLAGS) or O (AT_EXECFD): the words
 * after argv[0] are the kernel's, never ferry's options. Without either
 * flag the kernel's words read as `ferry PROGRAM ARGS` anyway. */
static bool parse_command_line(int argc, char **argv, struct cli_options *o,
                               char *err, size_t errlen)
{
    bool preserve = getauxval(AT_FLAGS) & FERRY_AT_FLAGS_PRESERVE_ARGV0;
    unsigned long execfd;

    errno = 0;
    execfd = getauxval(AT_EXECFD);
    if (errno != 0) /* no AT_EXECFD entry */
        execfd = (unsigned long)-1;
    if (preserve || execfd != (unsigned long)-1)
        return cli_parse_binfmt(argc, argv, preserve, (int)execfd, o, err,
                                errlen);
    return cli_parse(argc, argv, o, err, errlen);
}

int main(int argc, char **argv)
{
    struct cli_options opt;
    char err[256];

    if (!parse_command_line(argc, argv, &opt, err, sizeof err)) {
        cli_report(NULL, "%s", err);
        return CLI_EXIT_FAILURE;
    }
    switch (opt.action) {
    case CLI_HELP:
        return print_info(cli_print_usage);
    case CLI_VERSION:
        return print_info(cli_print_version);
    case CLI_LOG_HELP:
        return print_info(log_print_items);
    case CLI_CPU_HELP:
        return print_info(cli_print_cpu_models);
    case CLI_INSTALL_BINFMT:
    case CLI_UNINSTALL_BINFMT:
    case CLI_BINFMT_STATUS:
        return binfmt_command(&opt);
    case CLI_RUN:
        break;
    }
    return run_program(&opt);
}
