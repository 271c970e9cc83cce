/* binfmt/entry.c: the ELF magic and mask ferry registers per arch, the
 * register line, and reading an entry back from binfmt_misc. */
#include "binfmt/binfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* From the System V gABI: e_ident is \x7fELF, class 2 (ELFCLASS64), data
 * 1 (ELFDATA2LSB), version 1, then OS ABI, ABI version and padding, which
 * vary or do not matter (masked out); e_type is 2 (ET_EXEC) or 3 (ET_DYN),
 * so mask 0xfe keeps both; e_machine is 16 bits little-endian. */
#define BINFMT_ELF64LE(machine)                                                \
    {                                                                          \
        0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0,         \
            machine, 0                                                         \
    }
#define BINFMT_ELF_MASK                                                        \
    {                                                                          \
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0,   \
            0xfe, 0xff, 0xff, 0xff                                             \
    }

static const struct binfmt_arch binfmt_arches[] = {
    {"riscv64", BINFMT_ELF64LE(0xf3), BINFMT_ELF_MASK}, /* EM_RISCV 243 */
    {"aarch64", BINFMT_ELF64LE(0xb7), BINFMT_ELF_MASK}, /* EM_AARCH64 183 */
};

const struct binfmt_arch *binfmt_arch_at(size_t i)
{
    return i < sizeof binfmt_arches / sizeof binfmt_arches[0]
               ? &binfmt_arches[i]
               : NULL;
}

const struct binfmt_arch *binfmt_arch_find(const char *name)
{
    const struct binfmt_arch *a;

    for (size_t i = 0; (a = binfmt_arch_at(i)); i++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

static size_t binfmt_put_hex(char *out, const unsigned char *bytes)
{
    for (size_t i = 0; i < BINFMT_MAGIC_LEN; i++)
        sprintf(out + 4 * i, "\\x%02x", bytes[i]);
    return 4 * BINFMT_MAGIC_LEN;
}

bool binfmt_register_line(const struct binfmt_arch *a, const char *name,
                          const char *interp, const char *flags, char *buf,
                          size_t len)
{
    char magic[4 * BINFMT_MAGIC_LEN + 1], mask[4 * BINFMT_MAGIC_LEN + 1];
    int n;

    if (strchr(interp, ':') || strchr(name, ':') || strchr(name, '/'))
        return false;
    magic[binfmt_put_hex(magic, a->magic)] = '\0';
    mask[binfmt_put_hex(mask, a->mask)] = '\0';
    n = snprintf(buf, len, ":%s:M::%s:%s:%s:%s", name, magic, mask, interp,
                 flags);
    return n > 0 && (size_t)n < len;
}

/* "7f454c46..." into bytes; the count, or 0 when it is not hex. */
static size_t binfmt_parse_hex(const char *s, unsigned char *out, size_t max)
{
    size_t n = 0;
    unsigned v;

    while (s[0] && s[0] != '\n' && n < max) {
        if (sscanf(s, "%2x", &v) != 1 || !s[1] || s[1] == '\n')
            return 0;
        out[n++] = (unsigned char)v;
        s += 2;
    }
    return n;
}

/* One "key value" line of an entry into e. */
static void binfmt_parse_line(const char *line, struct binfmt_entry *e,
                              size_t *mask_len)
{
    if (strncmp(line, "enabled", 7) == 0)
        e->enabled = true;
    else if (sscanf(line, "interpreter %4095[^\n]", e->interpreter) == 1)
        ;
    else if (sscanf(line, "flags: %7[A-Z]", e->flags) == 1)
        ;
    else if (sscanf(line, "offset %u", &e->offset) == 1)
        ;
    else if (strncmp(line, "magic ", 6) == 0)
        e->magic_len = binfmt_parse_hex(line + 6, e->magic, sizeof e->magic);
    else if (strncmp(line, "mask ", 5) == 0)
        *mask_len = binfmt_parse_hex(line + 5, e->mask, sizeof e->mask);
}

bool binfmt_parse_entry(const char *text, struct binfmt_entry *e)
{
    size_t mask_len = 0;

    memset(e, 0, sizeof *e);
    memset(e->mask, 0xff, sizeof e->mask);
    for (const char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        binfmt_parse_line(line, e, &mask_len);
    e->is_magic = e->magic_len > 0;
    if (mask_len && mask_len != e->magic_len)
        return false;
    return e->interpreter[0] != '\0';
}

/* Whether the entry's magic and mask match header (len bytes). */
static bool binfmt_matches(const struct binfmt_entry *e,
                           const unsigned char *header, size_t len)
{
    if (!e->is_magic || e->offset + e->magic_len > len)
        return false;
    for (size_t i = 0; i < e->magic_len; i++)
        if ((header[e->offset + i] & e->mask[i]) != (e->magic[i] & e->mask[i]))
            return false;
    return true;
}

bool binfmt_entry_runs(const struct binfmt_entry *e,
                       const struct binfmt_arch *a)
{
    unsigned char header[64] = {0};

    /* A typical header of a's: ET_EXEC, then ET_DYN, OS ABI 0. */
    memcpy(header, a->magic, BINFMT_MAGIC_LEN);
    if (binfmt_matches(e, header, sizeof header))
        return true;
    header[16] = 3;
    return binfmt_matches(e, header, sizeof header);
}

/* The flags as a set of bits; C implies O, as in the kernel. */
static unsigned binfmt_flag_bits(const char *f)
{
    unsigned bits = 0;

    for (; *f; f++)
        if (strchr("POFC", *f))
            bits |= 1u << (strchr("POFC", *f) - "POFC");
    return bits & 8 ? bits | 2 : bits;
}

bool binfmt_flags_equal(const char *a, const char *b)
{
    return binfmt_flag_bits(a) == binfmt_flag_bits(b);
}

bool binfmt_entry_is(const struct binfmt_entry *e, const struct binfmt_arch *a,
                     const char *interp, const char *flags)
{
    if (!e->enabled || !e->is_magic || e->offset != 0 ||
        e->magic_len != BINFMT_MAGIC_LEN ||
        strcmp(e->interpreter, interp) != 0 ||
        !binfmt_flags_equal(e->flags, flags))
        return false;
    for (size_t i = 0; i < BINFMT_MAGIC_LEN; i++)
        if (e->mask[i] != a->mask[i] ||
            (e->magic[i] & a->mask[i]) != (a->magic[i] & a->mask[i]))
            return false;
    return true;
}

/* One magic or mask field of a register line: \xNN escapes and plain
 * characters; the byte count, or 0 for a bad escape. */
static size_t binfmt_unescape(const char *s, size_t len, unsigned char *out,
                              size_t max)
{
    size_t n = 0;
    unsigned v;

    for (size_t i = 0; i < len && n < max; n++) {
        if (s[i] == '\\' && i + 3 < len && s[i + 1] == 'x') {
            if (sscanf(s + i + 2, "%2x", &v) != 1)
                return 0;
            out[n] = (unsigned char)v;
            i += 4;
        } else {
            out[n] = (unsigned char)s[i++];
        }
    }
    return n;
}

bool binfmt_parse_register_line(const char *line, struct binfmt_entry *e)
{
    const char *f[8];
    size_t n = 0, mask_len;
    char sep = line[0];

    memset(e, 0, sizeof *e);
    memset(e->mask, 0xff, sizeof e->mask);
    if (!sep)
        return false;
    for (const char *p = line; p && n < 8; p = strchr(p + 1, sep))
        f[n++] = p + 1; /* f[i]: the start of field i (f[0] the name) */
    if (n < 7 || f[1][0] != 'M')
        return false;
    e->offset = (unsigned)strtoul(f[2], NULL, 10);
    e->magic_len = binfmt_unescape(f[3], (size_t)(f[4] - f[3] - 1), e->magic,
                                   sizeof e->magic);
    mask_len = binfmt_unescape(f[4], (size_t)(f[5] - f[4] - 1), e->mask,
                               sizeof e->mask);
    if (f[5] - f[4] == 1)
        memset(e->mask, 0xff, sizeof e->mask), mask_len = e->magic_len;
    snprintf(e->interpreter, sizeof e->interpreter, "%.*s",
             (int)(f[6] - f[5] - 1), f[5]);
    e->enabled = e->is_magic = e->magic_len > 0;
    return e->magic_len > 0 && mask_len == e->magic_len;
}
