/* tests/unit/elf_image.h: a synthetic riscv64 ELF64 executable (header and
 * two program headers) for the loader suites to build and then corrupt. */
#ifndef FERRY_TESTS_UNIT_ELF_IMAGE_H
#define FERRY_TESTS_UNIT_ELF_IMAGE_H

#include <elf.h>
#include <stdint.h>
#include <string.h>

struct elf_image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[2];
};

/* A valid ET_EXEC header for EM_RISCV, program headers zeroed: callers fill
 * in the two segments they want. */
static inline struct elf_image elf_image_new(uint64_t entry)
{
    struct elf_image im;

    memset(&im, 0, sizeof im);
    memcpy(im.eh.e_ident, ELFMAG, SELFMAG);
    im.eh.e_ident[EI_CLASS] = ELFCLASS64;
    im.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    im.eh.e_ident[EI_VERSION] = EV_CURRENT;
    im.eh.e_type = ET_EXEC;
    im.eh.e_machine = EM_RISCV;
    im.eh.e_version = EV_CURRENT;
    im.eh.e_entry = entry;
    im.eh.e_phoff = sizeof im.eh;
    im.eh.e_ehsize = sizeof im.eh;
    im.eh.e_phentsize = sizeof im.ph[0];
    im.eh.e_phnum = 2;
    return im;
}

#endif
