/* loader/elf_ident.c: decide whether a file is an ELF program ferry could
 * run, with libelf doing the parsing and bounds checks. */
#include "loader/loader.h"

#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static bool elf_library_ready(void)
{
    static int ready = -1;

    if (ready < 0)
        ready = elf_version(EV_CURRENT) != EV_NONE;
    return ready;
}

static const char *elf_check_type(uint16_t type)
{
    switch (type) {
    case ET_EXEC:
    case ET_DYN:
        return NULL;
    case ET_REL:
        return "a relocatable object file, not an executable";
    case ET_CORE:
        return "a core dump, not an executable";
    default:
        return "not an executable (unknown ELF type)";
    }
}

/* Every program header must lie inside the file; libelf checks the table's
 * bounds when it reads it. */
static const char *elf_check_phdrs(Elf *elf, struct elf_ident *id)
{
    size_t phnum;
    GElf_Phdr ph;

    if (elf_getphdrnum(elf, &phnum) != 0)
        return "truncated or corrupt program header table";
    for (size_t i = 0; i < phnum; i++)
        if (!gelf_getphdr(elf, (int)i, &ph))
            return "truncated or corrupt program header table";
    id->phnum = phnum;
    return NULL;
}

/* libelf calls a file too short for its header "not ELF"; one that starts
 * with the ELF magic is a damaged program, and saying so helps more. */
static bool starts_with_elf_magic(int fd)
{
    char magic[SELFMAG];

    return pread(fd, magic, SELFMAG, 0) == SELFMAG &&
           memcmp(magic, ELFMAG, SELFMAG) == 0;
}

static const char *elf_check(Elf *elf, int fd, struct elf_ident *id)
{
    GElf_Ehdr eh;

    switch (elf_kind(elf)) {
    case ELF_K_ELF:
        break;
    case ELF_K_AR:
        return "an ar archive, not a program";
    default:
        return starts_with_elf_magic(fd) ? "truncated or corrupt ELF header"
                                         : "not an ELF file";
    }
    if (!gelf_getehdr(elf, &eh))
        return "truncated or corrupt ELF header";
    if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
        return "unknown ELF version";
    id->have_header = 1;
    id->machine = eh.e_machine;
    id->elf_class = eh.e_ident[EI_CLASS];
    id->data = eh.e_ident[EI_DATA];
    id->osabi = eh.e_ident[EI_OSABI];
    id->type = eh.e_type;
    id->entry = eh.e_entry;
    const char *why = elf_check_type(eh.e_type);
    if (why)
        return why;
    if (eh.e_phnum == 0)
        return "no program headers";
    return elf_check_phdrs(elf, id);
}

int elf_identify(int fd, struct elf_ident *id, const char **why)
{
    Elf *elf;

    memset(id, 0, sizeof *id);
    if (!elf_library_ready()) {
        *why = "libelf is out of date";
        return -1;
    }
    if (!(elf = elf_begin(fd, ELF_C_READ, NULL))) {
        *why = "cannot read the file as ELF";
        return -1;
    }
    *why = elf_check(elf, fd, id);
    elf_end(elf);
    return *why ? -1 : 0;
}
