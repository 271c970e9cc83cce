/* loader: ELF parsing (libelf), identifying what an executable file is,
 * and loading a program (and its interpreter) into guest memory with the
 * initial stack Linux builds. */
#ifndef FERRY_LOADER_H
#define FERRY_LOADER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/mm.h"
#include "translator/translator.h"

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

/* --- loading a program (loader/load.c, elf_load.c, stack.c) ------------ */

/* Where a PIE main program goes: 2/3 of the space, like Linux's
 * ELF_ET_DYN_BASE on riscv64 and arm64 (without randomisation). */
#define LOADER_ET_DYN_BASE ((MM_VA_LIMIT / 3 * 2) & ~(gva)(MM_PAGE_SIZE - 1))
/* The most auxv pairs the loader writes, AT_NULL included. */
#define LOADER_AUXV_MAX 24

struct loader_options {
    const char *path;      /* the program as the guest named it: AT_EXECFN */
    const char *maps_name; /* its name in /proc/self/maps (NULL: the
                              opened file's absolute path) */
    const char *sysroot;   /* PT_INTERP is looked up under it; NULL: "/" */
    char *const *argv;     /* NULL-terminated; NULL for none */
    char *const *envp;     /* NULL-terminated; NULL for none */
    const struct frontend_linux_abi *abi; /* AT_HWCAP*, AT_PLATFORM */
    uint64_t features;     /* the CPU model's, for abi->hwcap */
    bool seeded;           /* AT_RANDOM's bytes come from seed, not */
    uint64_t seed;         /* getrandom() (deterministic runs) */
    uint32_t minsigstksz;  /* AT_MINSIGSTKSZ; 0: 2048 (MINSIGSTKSZ) */
};

struct loaded_program {
    gva entry;          /* where the guest starts: the interpreter's entry
                           when there is one, else the program's */
    gva sp;             /* initial stack pointer: argc is there */
    gva brk_start;      /* the heap's start (already given to mm) */
    gva phdr;           /* AT_PHDR */
    uint64_t phnum;     /* AT_PHNUM */
    gva program_entry;  /* AT_ENTRY */
    uint64_t load_bias; /* added to the program's p_vaddr */
    gva interp_base;    /* AT_BASE; 0 without an interpreter */
    gva stack_start, stack_end;
    bool exec_stack;    /* PT_GNU_STACK asked for PF_X */
    gva arg_start, arg_end; /* argv strings (/proc/self/cmdline) */
    gva env_start, env_end; /* envp strings (/proc/self/environ) */
    gva execfn;         /* AT_EXECFN */
    gva random;         /* AT_RANDOM */
    char interp[PATH_MAX]; /* host path of the interpreter, "" if none;
                              set before it is opened, so also on error */
    uint64_t auxv[2 * LOADER_AUXV_MAX]; /* as on the stack, AT_NULL last */
    unsigned auxv_pairs;
};

/* Loads the ELF program open as fd into mm (fresh: nothing mapped yet):
 * its PT_LOAD segments, its interpreter from the sysroot, the stack with
 * argv, envp and auxv as Linux's execve builds it, and the brk start.
 * Returns 0, or a negative errno with err (errlen bytes) set to a
 * one-line reason: -ENOEXEC / -EINVAL for a bad program, -ENOENT when the
 * interpreter is missing (the message names the path, also in p->interp),
 * -ELIBBAD for a bad interpreter, -ENOMEM / -E2BIG for no room. */
int loader_load(struct mm *mm, int fd, const struct loader_options *o,
                struct loaded_program *p, char *err, size_t errlen);

/* The auxv as /proc/self/auxv shows it: *bytes bytes at the result. */
const uint64_t *loader_auxv(const struct loaded_program *p, size_t *bytes);

#endif
