/* loader/load.c: loader_load(): the program, its interpreter from the
 * sysroot, the heap start and the stack, in the order of Linux's
 * load_elf_binary(). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/loader_internal.h"

/* The interpreter's host path: the PT_INTERP path under the sysroot. */
static int load_interp_path(const struct loader_options *o, const char *name,
                            struct loaded_program *p, char *err, size_t errlen)
{
    const char *root = o->sysroot ? o->sysroot : "";
    size_t rl = strlen(root);
    int n;

    while (rl && root[rl - 1] == '/')
        rl--;
    if (rl && name[0] == '/')
        n = snprintf(p->interp, sizeof p->interp, "%.*s%s", (int)rl, root,
                     name);
    else
        n = snprintf(p->interp, sizeof p->interp, "%s", name);
    if (n < 0 || (size_t)n >= sizeof p->interp)
        return loader_fail(err, errlen, -ENAMETOOLONG,
                           "the interpreter's path is too long");
    return 0;
}

static int load_open_interp(const struct loader_options *o, const char *name,
                            struct loaded_program *p, char *err, size_t errlen)
{
    int fd, rc;

    if ((rc = load_interp_path(o, name, p, err, errlen)) < 0)
        return rc;
    if ((fd = open(p->interp, O_RDONLY | O_CLOEXEC)) < 0)
        return loader_fail(err, errlen, -errno,
                           "cannot open the interpreter %s: %s", p->interp,
                           strerror(errno));
    return fd;
}

/* Maps the interpreter (wherever mmap puts it, like Linux). */
static int load_interp(struct mm *mm, int fd, const struct elf_image *prog,
                       const char *name, struct loaded_program *p,
                       struct elf_mapped *m, char *err, size_t errlen)
{
    struct elf_image im;
    char why[256];
    int rc;

    if (elf_image_read(fd, &im, why, sizeof why) < 0)
        return loader_fail(err, errlen, -ELIBBAD, "interpreter %s: %s",
                           p->interp, why);
    if (im.eh.e_machine != prog->eh.e_machine)
        rc = loader_fail(err, errlen, -ELIBBAD,
                         "interpreter %s is for another machine", p->interp);
    else if ((rc = elf_image_map(mm, fd, &im, 0, name, m, why, sizeof why)) < 0)
        loader_fail(err, errlen, rc, "interpreter %s: %s", p->interp, why);
    elf_image_free(&im);
    return rc;
}

/* The heap follows the program; a program run without interpreter that
 * is itself PIE (an ld.so run directly, a static PIE) sits in the mmap
 * area, so Linux moves its heap to the unused ELF_ET_DYN_BASE. */
static gva load_brk_start(const struct elf_image *im, bool has_interp,
                          const struct elf_mapped *pm)
{
    if (im->eh.e_type == ET_DYN && !has_interp)
        return LOADER_ET_DYN_BASE;
    return pm->end;
}

static void load_fill(struct loaded_program *p, const struct elf_image *im,
                      const struct elf_mapped *pm,
                      const struct elf_mapped *interp)
{
    p->program_entry = pm->entry;
    p->entry = interp ? interp->entry : pm->entry;
    p->phdr = pm->phdr;
    p->phnum = im->phnum;
    p->load_bias = pm->bias;
    p->interp_base = interp ? interp->bias : 0;
    p->exec_stack = pm->exec_stack;
    p->brk_start = load_brk_start(im, interp != NULL, pm);
}

#define LOAD_STACK_POPULATE ((uint64_t)32 << 10)

static int load_stack(struct mm *mm, struct loaded_program *p, char *err,
                      size_t errlen)
{
    int prot = PROT_READ | PROT_WRITE | (p->exec_stack ? PROT_EXEC : 0);
    int64_t at = mm_map_stack(mm, prot);

    if (at < 0)
        return loader_fail(err, errlen, (int)at, "cannot map the stack: %s",
                           strerror((int)-at));
    p->stack_start = (gva)at;
    p->stack_end = MM_VA_LIMIT;
    /* Its top holds the arguments and the program's first frames. */
    mm_populate(mm, MM_VA_LIMIT - LOAD_STACK_POPULATE, LOAD_STACK_POPULATE,
                true);
    return 0;
}

/* The program's name in /proc/self/maps: the caller's, else the opened
 * file's absolute path, as Linux shows it. */
static const char *load_maps_name(const struct loader_options *o, int fd,
                                  char *buf, size_t size)
{
    char link[64];
    ssize_t n;

    if (o->maps_name)
        return o->maps_name;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    if ((n = readlink(link, buf, size - 1)) <= 0)
        return o->path;
    buf[n] = '\0';
    return buf;
}

static int load_program(struct mm *mm, int fd, const struct loader_options *o,
                        const struct elf_image *im, struct loaded_program *p,
                        char *err, size_t errlen)
{
    char name[PATH_MAX], self[PATH_MAX];
    struct elf_mapped pm, interp = {0};
    int has_interp, ifd = -1, rc;

    if ((has_interp =
             elf_image_interp(fd, im, name, sizeof name, err, errlen)) < 0)
        return has_interp;
    /* like Linux, a missing interpreter fails before anything is mapped */
    if (has_interp && (ifd = load_open_interp(o, name, p, err, errlen)) < 0)
        return ifd;
    rc = elf_image_map(
        mm, fd, im,
        im->eh.e_type == ET_DYN && has_interp ? LOADER_ET_DYN_BASE : 0,
        load_maps_name(o, fd, self, sizeof self), &pm, err, errlen);
    if (rc == 0 && has_interp)
        rc = load_interp(mm, ifd, im, name, p, &interp, err, errlen);
    if (ifd >= 0)
        close(ifd);
    if (rc < 0)
        return rc;
    load_fill(p, im, &pm, has_interp ? &interp : NULL);
    mm_set_brk_start(mm, p->brk_start);
    if ((rc = load_stack(mm, p, err, errlen)) < 0)
        return rc;
    return loader_build_stack(mm, o, p, err, errlen);
}

int loader_load(struct mm *mm, int fd, const struct loader_options *o,
                struct loaded_program *p, char *err, size_t errlen)
{
    struct elf_image im;
    int rc;

    memset(p, 0, sizeof *p);
    if (errlen)
        err[0] = '\0';
    if ((rc = elf_image_read(fd, &im, err, errlen)) < 0)
        return rc;
    rc = load_program(mm, fd, o, &im, p, err, errlen);
    elf_image_free(&im);
    return rc;
}

const uint64_t *loader_auxv(const struct loaded_program *p, size_t *bytes)
{
    *bytes = p->auxv_pairs * 2 * sizeof p->auxv[0];
    return p->auxv;
}
