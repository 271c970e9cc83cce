/* loader/loader_internal.h: what the loader's files share: a parsed ELF
 * image, the result of mapping one, and error formatting. */
#ifndef FERRY_LOADER_INTERNAL_H
#define FERRY_LOADER_INTERNAL_H

#include <gelf.h>

#include "loader/loader.h"

struct elf_image {
    GElf_Ehdr eh;
    GElf_Phdr *ph; /* malloc'ed, phnum entries */
    size_t phnum;
    uint64_t file_size;
};

/* Where one image landed. */
struct elf_mapped {
    uint64_t bias; /* added to p_vaddr */
    gva entry;     /* e_entry + bias */
    gva phdr;      /* the program headers in guest memory, or 0 */
    gva end;       /* page-aligned end of the highest segment */
    bool exec_stack;
};

/* Reads and checks the ELF header and program headers of fd. */
int elf_image_read(int fd, struct elf_image *im, char *err, size_t errlen);
void elf_image_free(struct elf_image *im);
/* Reads PT_INTERP into buf (size bytes): 1 if there is one, 0 if not,
 * or -ENOEXEC. */
int elf_image_interp(int fd, const struct elf_image *im, char *buf, size_t size,
                     char *err, size_t errlen);
/* Maps the PT_LOAD segments of im. ET_DYN images go at base (aligned up
 * to their segments' alignment), or where mmap would put them when base
 * is 0; ET_EXEC ones where they say. name is their /proc/self/maps name. */
int elf_image_map(struct mm *mm, int fd, const struct elf_image *im, gva base,
                  const char *name, struct elf_mapped *out, char *err,
                  size_t errlen);

/* Writes the initial stack (strings, AT_RANDOM bytes, argc, argv, envp,
 * auxv) into the mapped stack p->stack_start..p->stack_end and sets p->sp
 * and the auxv; p's other fields are already filled. */
int loader_build_stack(struct mm *mm, const struct loader_options *o,
                       struct loaded_program *p, char *err, size_t errlen);

/* Formats err and returns code. */
int loader_fail(char *err, size_t errlen, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
