/* loader: ELF parsing (libelf) and, later, mapping programs into guest
 * memory. For now: identifying what an executable file is. */
#ifndef FERRY_LOADER_H
#define FERRY_LOADER_H

#include <stdint.h>

/* What the ELF header of a program says about it. */
struct elf_ident {
    int have_header;         /* the fields below were read */
    uint16_t machine;        /* e_machine */
    unsigned char elf_class; /* ELFCLASS32 / ELFCLASS64 */
    unsigned char data;      /* ELFDATA2LSB / ELFDATA2MSB */
    unsigned char osabi;     /* EI_OSABI */
    uint16_t type;           /* ET_EXEC / ET_DYN */
    uint64_t entry;          /* e_entry */
    uint64_t phnum;          /* number of program headers */
};

/* Reads and checks the ELF header and program header table of the open file
 * fd. Returns 0, or -1 with *why set to a static one-line reason ("not an
 * ELF file", "truncated ELF header", ...). Never reads past the file. When
 * the header itself was readable, id->have_header is set even on failure, so
 * a caller can first say what kind of program it is. */
int elf_identify(int fd, struct elf_ident *id, const char **why);

/* A human name for an ELF machine ("x86-64", "riscv32", "aarch64", ...);
 * "machine N" in buf for ones ferry has no name for. */
const char *elf_machine_name(uint16_t machine, unsigned char elf_class,
                             char *buf, unsigned buflen);

#endif
