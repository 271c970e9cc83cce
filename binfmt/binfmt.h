/* binfmt: registering ferry with the kernel's binfmt_misc so foreign
 * programs run by name, and the pure parts that tests check: the ELF
 * magic and mask per arch, register lines, reading entries back. */
#ifndef FERRY_BINFMT_H
#define FERRY_BINFMT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

/* ELF header bytes ferry matches: e_ident, e_type and e_machine. */
#define BINFMT_MAGIC_LEN 20
/* Where binfmt_misc lives and where systemd-binfmt reads its files. */
#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_CONF_DIR "/usr/lib/binfmt.d"
/* Entry names are this prefix and the arch ("ferry-riscv64"), unless
 * FERRY_BINFMT_PREFIX says otherwise (the tests use their own). */
#define BINFMT_DEFAULT_PREFIX "ferry-"
#define BINFMT_DEFAULT_FLAGS "POF"

struct binfmt_arch {
    const char *name; /* "riscv64", as uname -m and ferry --version say */
    unsigned char magic[BINFMT_MAGIC_LEN];
    unsigned char mask[BINFMT_MAGIC_LEN];
};

/* The architectures ferry can register, in order; NULL past the end. */
const struct binfmt_arch *binfmt_arch_at(size_t i);
const struct binfmt_arch *binfmt_arch_find(const char *name);

/* An entry as /proc/sys/fs/binfmt_misc/NAME shows it. */
struct binfmt_entry {
    bool enabled;
    bool is_magic; /* false: an extension entry (no magic) */
    char interpreter[PATH_MAX];
    char flags[8];
    unsigned offset;
    unsigned char magic[128], mask[128];
    size_t magic_len; /* mask is all 0xff when the entry has none */
};

/* Writes ":NAME:M::MAGIC:MASK:INTERP:FLAGS" with every magic and mask
 * byte as literal \xNN text (a raw NUL would end the magic early and
 * match every ELF). Returns false when it does not fit or interp holds a
 * ':' (the field separator). */
bool binfmt_register_line(const struct binfmt_arch *a, const char *name,
                          const char *interp, const char *flags, char *buf,
                          size_t len);

/* Parses an entry's text; false when it is not one. */
bool binfmt_parse_entry(const char *text, struct binfmt_entry *e);

/* Parses a register line (":NAME:M:OFFSET:MAGIC:MASK:INTERP:FLAGS", as
 * in binfmt.d files; any first character is the separator) into e;
 * false for extension entries and malformed lines. */
bool binfmt_parse_register_line(const char *line, struct binfmt_entry *e);

/* Whether e would run a and a's program (ET_EXEC or ET_DYN): the test for
 * another interpreter already holding a's programs. */
bool binfmt_entry_runs(const struct binfmt_entry *e,
                       const struct binfmt_arch *a);

/* Whether e is exactly what registering a with interp and flags makes. */
bool binfmt_entry_is(const struct binfmt_entry *e, const struct binfmt_arch *a,
                     const char *interp, const char *flags);

/* Whether two flag strings mean the same to the kernel (any order; C
 * implies O). */
bool binfmt_flags_equal(const char *a, const char *b);

/* Runs --install-binfmt, --uninstall-binfmt or --binfmt-status with o's
 * operands as the arch names. Returns the exit status (0, or 125 after
 * one line per problem on stderr). */
int binfmt_command(const struct cli_options *o);

#endif
