/* frontends: the guest architectures ferry recognises and the frontend that
 * runs each (frontends/<arch>/), where this build has one. */
#ifndef FERRY_FRONTENDS_H
#define FERRY_FRONTENDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct frontend;

struct guest_arch {
    const char *name;        /* "riscv64", as in ferry-riscv64 */
    uint16_t e_machine;      /* ELF e_machine (EM_RISCV, ...) */
    unsigned char elf_class; /* ELFCLASS64 */
    const struct frontend *frontend; /* NULL: recognised, not runnable */
};

/* The architecture an ELF header names, or NULL if ferry does not know it. */
const struct guest_arch *guest_arch_for_elf(uint16_t e_machine,
                                            unsigned char elf_class);

/* The i-th known architecture, or NULL past the end (for listings). */
const struct guest_arch *guest_arch_at(size_t i);

#endif
