/* loader/elf_load.c: reading an ELF program's headers with libelf and
 * mapping its PT_LOAD segments into guest memory as Linux's binfmt_elf
 * does: file-backed pages, the partial page after p_filesz zeroed, the
 * rest of the bss anonymous. */
#include <errno.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/loader_internal.h"

#define PG ((gva)MM_PAGE_SIZE)
#define PAGE_START(a) ((a) & ~(PG - 1))
#define PAGE_ALIGN(a) (((a) + PG - 1) & ~(PG - 1))

int loader_fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return code;
}

/* What Linux's binfmt_elf accepts: 64-bit little-endian executables
 * whose program header table fits in a page. */
static const char *elf_image_check(const GElf_Ehdr *eh)
{
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return "not a 64-bit little-endian ELF program";
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return "not an executable ELF file";
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return "unexpected program header size";
    if (eh->e_phnum == 0 || eh->e_phnum * sizeof(Elf64_Phdr) > MM_PAGE_SIZE)
        return "bad number of program headers";
    return NULL;
}

static const char *elf_image_parse(Elf *elf, struct elf_image *im)
{
    const char *why;

    if (elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &im->eh))
        return "not an ELF file";
    if ((why = elf_image_check(&im->eh)))
        return why;
    im->phnum = im->eh.e_phnum;
    if (!(im->ph = calloc(im->phnum, sizeof *im->ph)))
        return "out of memory";
    for (size_t i = 0; i < im->phnum; i++)
        if (!gelf_getphdr(elf, (int)i, &im->ph[i]))
            return "truncated or corrupt program header table";
    return NULL;
}

int elf_image_read(int fd, struct elf_image *im, char *err, size_t errlen)
{
    struct stat st;
    const char *why;
    Elf *elf;

    memset(im, 0, sizeof *im);
    if (fstat(fd, &st) < 0)
        return loader_fail(err, errlen, -errno, "%s", strerror(errno));
    im->file_size = (uint64_t)st.st_size;
    if (elf_version(EV_CURRENT) == EV_NONE ||
        !(elf = elf_begin(fd, ELF_C_READ, NULL)))
        return loader_fail(err, errlen, -ENOEXEC, "cannot read it as ELF");
    why = elf_image_parse(elf, im);
    elf_end(elf);
    if (why)
        return loader_fail(err, errlen, -ENOEXEC, "%s", why);
    return 0;
}

void elf_image_free(struct elf_image *im)
{
    free(im->ph);
    im->ph = NULL;
}

int elf_image_interp(int fd, const struct elf_image *im, char *buf, size_t size,
                     char *err, size_t errlen)
{
    for (size_t i = 0; i < im->phnum; i++) {
        const GElf_Phdr *ph = &im->ph[i];

        if (ph->p_type != PT_INTERP)
            continue;
        /* binfmt_elf: at least one character plus the NUL, at most
         * PATH_MAX, NUL-terminated */
        if (ph->p_filesz < 2 || ph->p_filesz > size ||
            pread(fd, buf, ph->p_filesz, (off_t)ph->p_offset) !=
                (ssize_t)ph->p_filesz ||
            buf[ph->p_filesz - 1] != '\0')
            return loader_fail(err, errlen, -ENOEXEC,
                               "bad PT_INTERP program header");
        return 1;
    }
    return 0;
}

/* The checks binfmt_elf makes on one PT_LOAD segment (plus one for
 * truncated files, which would fault later instead). */
static int elf_check_segment(const struct elf_image *im, const GElf_Phdr *ph,
                             char *err, size_t errlen)
{
    if (ph->p_filesz > ph->p_memsz)
        return loader_fail(err, errlen, -EINVAL,
                           "a segment's file size exceeds its size");
    if (ph->p_memsz > MM_VA_LIMIT || ph->p_vaddr > MM_VA_LIMIT - ph->p_memsz)
        return loader_fail(err, errlen, -EINVAL,
                           "a segment lies outside the guest's %d-bit "
                           "address space",
                           MM_VA_BITS);
    if (ph->p_offset > im->file_size ||
        ph->p_filesz > im->file_size - ph->p_offset)
        return loader_fail(err, errlen, -ENOEXEC,
                           "truncated: a segment lies past the end of the "
                           "file");
    return 0;
}

/* The page-aligned span of the PT_LOAD segments and their alignment. */
static int elf_span(const struct elf_image *im, gva *lo, gva *hi,
                    uint64_t *align, char *err, size_t errlen)
{
    bool any = false;
    int rc;

    *lo = UINT64_MAX;
    *hi = 0;
    *align = PG;
    for (size_t i = 0; i < im->phnum; i++) {
        const GElf_Phdr *ph = &im->ph[i];

        if (ph->p_type != PT_LOAD)
            continue;
        if ((rc = elf_check_segment(im, ph, err, errlen)) < 0)
            return rc;
        if (any && ph->p_vaddr < *lo)
            return loader_fail(err, errlen, -ENOEXEC,
                               "PT_LOAD segments out of address order");
        any = true;
        if (PAGE_START(ph->p_vaddr) < *lo)
            *lo = PAGE_START(ph->p_vaddr);
        if (PAGE_ALIGN(ph->p_vaddr + ph->p_memsz) > *hi)
            *hi = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
        if (ph->p_align > *align && !(ph->p_align & (ph->p_align - 1)))
            *align = ph->p_align;
    }
    if (!any)
        return loader_fail(err, errlen, -ENOEXEC, "no loadable segments");
    return 0;
}

static int elf_prot(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

/* For ET_DYN: reserves the whole span (PROT_NONE) and returns the bias.
 * Segments then go over the reservation and the gaps are unmapped. */
static int64_t elf_reserve(struct mm *mm, gva lo, gva hi, uint64_t align,
                           gva base)
{
    uint64_t span = hi - lo, slack = align - PG;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    int64_t at;
    gva aligned;

    if (base) {
        base = (base + align - 1) & ~(align - 1);
        at = mm_mmap(mm, base, span, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1,
                     0, NULL);
        return at < 0 ? at : (int64_t)(base - lo);
    }
    if ((at = mm_mmap(mm, 0, span + slack, PROT_NONE, flags, -1, 0, NULL)) < 0)
        return at;
    aligned = ((gva)at + align - 1) & ~(align - 1);
    if (aligned > (gva)at)
        mm_munmap(mm, (gva)at, aligned - (gva)at);
    if ((gva)at + span + slack > aligned + span)
        mm_munmap(mm, aligned + span, (gva)at + span + slack - aligned - span);
    return (int64_t)(aligned - lo);
}

/* A segment whose file offset and address disagree modulo the page size
 * cannot be mapped from the file: its bytes are copied instead. */
static int64_t elf_copy_segment(struct mm *mm, int fd, const GElf_Phdr *ph,
                                gva vaddr, int prot)
{
    gva start = PAGE_START(vaddr), end = PAGE_ALIGN(vaddr + ph->p_memsz);
    int64_t rc = mm_mmap(mm, start, end - start, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, NULL);

    if (rc < 0)
        return rc;
    if (pread(fd, mm_g2h(mm, vaddr), ph->p_filesz, (off_t)ph->p_offset) !=
        (ssize_t)ph->p_filesz)
        return -EIO;
    if (prot == (PROT_READ | PROT_WRITE))
        return 0;
    return mm_mprotect(mm, start, end - start, prot);
}

/* Whether a bss follows the segment's file bytes within their last page:
 * the rest of that page is then zeroed (elf_zero_tail). */
static bool elf_has_zero_tail(const GElf_Phdr *ph, gva vaddr)
{
    gva file_end = vaddr + ph->p_filesz;

    return ph->p_memsz > ph->p_filesz && file_end < PAGE_ALIGN(file_end);
}

/* The file-backed pages of a segment, writable while a tail is zeroed. */
static int64_t elf_map_file_part(struct mm *mm, int fd, const GElf_Phdr *ph,
                                 gva vaddr, int prot, const char *name)
{
    gva start = PAGE_START(vaddr);

    if (elf_has_zero_tail(ph, vaddr))
        prot |= PROT_WRITE;
    return mm_mmap(mm, start, PAGE_ALIGN(vaddr + ph->p_filesz) - start, prot,
                   MAP_PRIVATE | MAP_FIXED, fd, PAGE_START(ph->p_offset),
                   name);
}

/* Zeroes the rest of the last file page, then gives the file part its
 * own protection. After elf_populate: the page is mapped in by then, where
 * writing it first would cost a page fault. */
static int64_t elf_zero_tail(struct mm *mm, const GElf_Phdr *ph, gva vaddr,
                             int prot)
{
    gva start = PAGE_START(vaddr), file_end = vaddr + ph->p_filesz;

    memset(mm_g2h(mm, file_end), 0, PAGE_ALIGN(file_end) - file_end);
    if (prot & PROT_WRITE)
        return 0;
    return mm_mprotect(mm, start, PAGE_ALIGN(file_end) - start, prot);
}

/* What a program's start-up touches of a segment, mapped in at once
 * (mm_populate): the start of its data and bss, and its code and
 * read-only data (page-cache pages, mapped, not copied). The caps keep a
 * large program's cost to a few tens of microseconds. */
#define ELF_POPULATE_WRITE ((uint64_t)128 << 10)
#define ELF_POPULATE_READ ((uint64_t)2 << 20)

static void elf_populate(struct mm *mm, const GElf_Phdr *ph, gva start,
                         gva end)
{
    bool write = ph->p_flags & PF_W;
    uint64_t cap = write ? ELF_POPULATE_WRITE : ELF_POPULATE_READ;

    if (ph->p_flags & (PF_R | PF_X))
        mm_populate(mm, start, end - start < cap ? end - start : cap, write);
}

static int64_t elf_map_segment(struct mm *mm, int fd, const GElf_Phdr *ph,
                               uint64_t bias, const char *name)
{
    gva vaddr = ph->p_vaddr + bias, anon_start = PAGE_START(vaddr);
    gva mem_end = PAGE_ALIGN(vaddr + ph->p_memsz);
    int prot = elf_prot(ph->p_flags);
    int64_t rc;

    if (ph->p_memsz == 0)
        return 0;
    if (ph->p_filesz && (ph->p_vaddr - ph->p_offset) % PG != 0)
        return elf_copy_segment(mm, fd, ph, vaddr, prot);
    if (ph->p_filesz) {
        if ((rc = elf_map_file_part(mm, fd, ph, vaddr, prot, name)) < 0)
            return rc;
        anon_start = PAGE_ALIGN(vaddr + ph->p_filesz);
    }
    if (mem_end > anon_start &&
        (rc = mm_mmap(mm, anon_start, mem_end - anon_start, prot,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0, NULL)) <
            0)
        return rc;
    elf_populate(mm, ph, PAGE_START(vaddr), mem_end);
    if (ph->p_filesz && elf_has_zero_tail(ph, vaddr))
        return elf_zero_tail(mm, ph, vaddr, prot);
    return 0;
}

/* Linux unmaps what the span reservation held between segments. */
static void elf_unmap_gaps(struct mm *mm, const struct elf_image *im,
                           uint64_t bias)
{
    gva prev_end = 0;

    for (size_t i = 0; i < im->phnum; i++) {
        const GElf_Phdr *ph = &im->ph[i];
        gva start = PAGE_START(ph->p_vaddr + bias);

        if (ph->p_type != PT_LOAD)
            continue;
        if (prev_end && start > prev_end)
            mm_munmap(mm, prev_end, start - prev_end);
        if (PAGE_ALIGN(ph->p_vaddr + bias + ph->p_memsz) > prev_end)
            prev_end = PAGE_ALIGN(ph->p_vaddr + bias + ph->p_memsz);
    }
}

/* AT_PHDR: PT_PHDR if present, else the program headers inside the
 * PT_LOAD segment holding e_phoff. */
static gva elf_phdr_addr(const struct elf_image *im, uint64_t bias)
{
    uint64_t off = im->eh.e_phoff;

    for (size_t i = 0; i < im->phnum; i++)
        if (im->ph[i].p_type == PT_PHDR)
            return im->ph[i].p_vaddr + bias;
    for (size_t i = 0; i < im->phnum; i++) {
        const GElf_Phdr *ph = &im->ph[i];

        if (ph->p_type == PT_LOAD && ph->p_offset <= off &&
            off < ph->p_offset + ph->p_filesz)
            return off - ph->p_offset + ph->p_vaddr + bias;
    }
    return 0;
}

static bool elf_exec_stack(const struct elf_image *im)
{
    for (size_t i = 0; i < im->phnum; i++)
        if (im->ph[i].p_type == PT_GNU_STACK)
            return im->ph[i].p_flags & PF_X;
    return false; /* riscv64 and arm64 default to a non-executable stack */
}

static int elf_map_segments(struct mm *mm, int fd, const struct elf_image *im,
                            uint64_t bias, const char *name, char *err,
                            size_t errlen)
{
    for (size_t i = 0; i < im->phnum; i++) {
        const GElf_Phdr *ph = &im->ph[i];
        int64_t rc;

        if (ph->p_type == PT_LOAD &&
            (rc = elf_map_segment(mm, fd, ph, bias, name)) < 0)
            return loader_fail(
                err, errlen, (int)rc, "cannot map the segment at 0x%llx: %s",
                (unsigned long long)(ph->p_vaddr + bias), strerror((int)-rc));
    }
    return 0;
}

int elf_image_map(struct mm *mm, int fd, const struct elf_image *im, gva base,
                  const char *name, struct elf_mapped *out, char *err,
                  size_t errlen)
{
    gva lo, hi;
    uint64_t align;
    int64_t bias = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = elf_span(im, &lo, &hi, &align, err, errlen)) < 0)
        return rc;
    if (im->eh.e_type == ET_DYN &&
        (bias = elf_reserve(mm, lo, hi, align, base)) < 0)
        return loader_fail(err, errlen, (int)bias,
                           "no room for its %llu bytes of segments: %s",
                           (unsigned long long)(hi - lo), strerror((int)-bias));
    if ((rc = elf_map_segments(mm, fd, im, (uint64_t)bias, name, err, errlen)) <
        0)
        return rc;
    if (im->eh.e_type == ET_DYN)
        elf_unmap_gaps(mm, im, (uint64_t)bias);
    out->bias = (uint64_t)bias;
    out->entry = im->eh.e_entry + (uint64_t)bias;
    out->end = hi + (uint64_t)bias;
    out->phdr = elf_phdr_addr(im, (uint64_t)bias);
    out->exec_stack = elf_exec_stack(im);
    return 0;
}
