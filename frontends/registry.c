/* frontends/registry.c: the table of guest architectures ferry knows. */
#include "frontends/frontends.h"

#include <elf.h>

#include "frontends/riscv64/riscv64.h"

/* aarch64 is recognised before its frontend exists, so that ferry can say
 * precisely why such a program does not run. */
static const struct guest_arch guest_arches[] = {
    {"riscv64", EM_RISCV, ELFCLASS64, &rv_frontend},
    {"aarch64", EM_AARCH64, ELFCLASS64, NULL},
};

const struct guest_arch *guest_arch_at(size_t i)
{
    if (i >= sizeof guest_arches / sizeof guest_arches[0])
        return NULL;
    return &guest_arches[i];
}

const struct guest_arch *guest_arch_for_elf(uint16_t e_machine,
                                            unsigned char elf_class)
{
    const struct guest_arch *a;

    for (size_t i = 0; (a = guest_arch_at(i)); i++)
        if (a->e_machine == e_machine && a->elf_class == elf_class)
            return a;
    return NULL;
}
