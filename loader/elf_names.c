/* loader/elf_names.c: names of ELF machines, for messages about programs
 * ferry cannot run. */
#include "loader/loader.h"

#include <elf.h>
#include <stdio.h>

struct elf_machine_name {
    uint16_t machine;
    const char *name32, *name64;
};

static const struct elf_machine_name elf_machine_names[] = {
    {EM_386, "i386", "i386"},
    {EM_X86_64, "x32", "x86-64"},
    {EM_ARM, "arm", "arm"},
    {EM_AARCH64, "aarch64 (ILP32)", "aarch64"},
    {EM_RISCV, "riscv32", "riscv64"},
    {EM_MIPS, "mips", "mips64"},
    {EM_PPC, "ppc", "ppc"},
    {EM_PPC64, "ppc64", "ppc64"},
    {EM_S390, "s390", "s390x"},
    {EM_SPARCV9, "sparc64", "sparc64"},
    {EM_LOONGARCH, "loongarch32", "loongarch64"},
};

const char *elf_machine_name(uint16_t machine, unsigned char elf_class,
                             char *buf, unsigned buflen)
{
    for (size_t i = 0; i < sizeof elf_machine_names / sizeof *elf_machine_names;
         i++) {
        const struct elf_machine_name *m = &elf_machine_names[i];

        if (m->machine == machine)
            return elf_class == ELFCLASS64 ? m->name64 : m->name32;
    }
    snprintf(buf, buflen, "ELF machine %u", machine);
    return buf;
}
