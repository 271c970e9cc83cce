/* tests/unit/check_rv_disas.c: the riscv64 disassembler against GNU
 * objdump: a fixed table of objdump's own text for chosen encodings, and,
 * when the guest test binaries and riscv64-linux-gnu-objdump are there,
 * every instruction of tests/bin/riscv64/riscv64/NAME.static compared with
 * objdump -d's line for it. */
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "frontends/riscv64/rv_internal.h"
#include "tests/unit/unit.h"

static void disas(gva pc, uint32_t insn, unsigned len, char *out,
                  size_t outlen)
{
    uint8_t code[4] = {insn, insn >> 8, insn >> 16, insn >> 24};

    ck_assert_uint_eq(rv_frontend.disas(pc, code, len, out, outlen), len);
}

/* objdump 2.40 output for these encodings at pc 0x1000. */
static const struct {
    uint32_t insn;
    unsigned len;
    const char *text;
} known[] = {
    {0x00000013, 4, "nop"},
    {0x00500513, 4, "li\ta0,5"},
    {0x00058513, 4, "mv\ta0,a1"},
    {0xffd58513, 4, "add\ta0,a1,-3"},
    {0x0005851b, 4, "sext.w\ta0,a1"},
    {0xfff5c513, 4, "not\ta0,a1"},
    {0x40b00533, 4, "neg\ta0,a1"},
    {0x0015b513, 4, "seqz\ta0,a1"},
    {0x00b03533, 4, "snez\ta0,a1"},
    {0x0ff5f513, 4, "zext.b\ta0,a1"},
    {0x00050463, 4, "beqz\ta0,1008"},
    {0xfe050ee3, 4, "beqz\ta0,ffc"},
    {0xfb1ff06f, 4, "j\tfb0"},
    {0xfadff0ef, 4, "jal\tfac"},
    {0x00008067, 4, "ret"},
    {0x000500e7, 4, "jalr\ta0"},
    {0x004505e7, 4, "jalr\ta1,4(a0)"},
    {0x000502e7, 4, "jalr\tt0,a0"},
    {0x03f51513, 4, "sll\ta0,a0,0x3f"},
    {0x12345537, 4, "lui\ta0,0x12345"},
    {0xff813503, 4, "ld\ta0,-8(sp)"},
    {0x00a12623, 4, "sw\ta0,12(sp)"},
    {0x0ff0000f, 4, "fence"},
    {0x0230000f, 4, "fence\tr,rw"},
    {0x8330000f, 4, "fence.tso"},
    {0xc0002573, 4, "rdcycle\ta0"},
    {0x00151073, 4, "fsflags\ta0"},
    {0x0021d073, 4, "fsrmi\tzero,3"},
    {0x0030d073, 4, "csrw\tfcsr,1"},
    {0x7c05a573, 4, "csrrs\ta0,0x7c0,a1"},
    {0xc0001573, 4, "csrrw\ta0,cycle,zero"},
    {0xc0001073, 4, "unimp"},
    {0x10002573, 4, "csrr\ta0,sstatus"},
    {0x18059073, 4, "csrw\tsatp,a1"},
    {0x30002573, 4, "csrr\ta0,mstatus"},
    {0xf1402573, 4, "csrr\ta0,mhartid"},
    {0xc1f02573, 4, "csrr\ta0,hpmcounter31"},
    {0xc8302573, 4, "csrr\ta0,hpmcounter3h"},
    {0xb0302573, 4, "csrr\ta0,mhpmcounter3"},
    {0x33f02573, 4, "csrr\ta0,mhpmevent31"},
    {0x3bf02573, 4, "csrr\ta0,pmpaddr15"},
    {0x3c002573, 4, "csrr\ta0,0x3c0"},
    {0x7b302573, 4, "csrr\ta0,dscratch1"},
    {0x00002573, 4, "csrr\ta0,ustatus"},
    {0x10a02573, 4, "csrr\ta0,0x10a"},
    {0x1605b52f, 4, "lr.d.aqrl\ta0,(a1)"},
    {0x1cc5a52f, 4, "sc.w.aq\ta0,a2,(a1)"},
    {0x0805853b, 4, "zext.w\ta0,a1"},
    {0x0835951b, 4, "slli.uw\ta0,a1,0x3"},
    {0x6035d513, 4, "ror\ta0,a1,0x3"},
    {0x0000100f, 4, "fence.i"},
    {0xffffffff, 4, ".4byte\t0xffffffff"},
    {0x0001, 2, "nop"},
    {0x713d, 2, "add\tsp,sp,-32"},
    {0x0808, 2, "add\ta0,sp,16"},
    {0x852e, 2, "mv\ta0,a1"},
    {0x8082, 2, "ret"},
    {0x0000, 2, "unimp"},
    {0x8000, 2, ".2byte\t0x8000"},
};

START_TEST(test_disassembly_matches_objdump_text)
{
    char out[128];

    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        disas(0x1000, known[i].insn, known[i].len, out, sizeof out);
        ck_assert_msg(!strcmp(out, known[i].text), "%08x: got '%s', want '%s'",
                      known[i].insn, out, known[i].text);
    }
}
END_TEST

START_TEST(test_disassembly_needs_the_whole_instruction)
{
    uint8_t code[4] = {0x13, 0x05, 0x50, 0x00};
    char out[64];

    ck_assert_uint_eq(rv_frontend.disas(0, code, 1, out, sizeof out), 0);
    ck_assert_uint_eq(rv_frontend.disas(0, code, 2, out, sizeof out), 0);
    ck_assert_uint_eq(rv_frontend.disas(0, code, 4, out, sizeof out), 4);
    /* a short buffer is cut, never overrun */
    ck_assert_uint_eq(rv_frontend.disas(0, code, 4, out, 3), 4);
    ck_assert_str_eq(out, "li");
}
END_TEST

/* --- comparison with objdump over whole binaries ------------------------ */

/* objdump's text for one line, without its "# comment" and "<symbol>". */
static void objdump_text(char *s)
{
    char *p;

    if ((p = strstr(s, " #")))
        *p = '\0';
    if ((p = strstr(s, " <")))
        *p = '\0';
    p = s + strlen(s);
    while (p > s && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n'))
        *--p = '\0';
}

/* Equal but for "0x": objdump writes targets as "0x1c" where it has no
 * symbol to show. */
static bool same_but_0x(const char *a, const char *b)
{
    while (*a || *b) {
        if (!strncmp(a, "0x", 2))
            a += 2;
        if (!strncmp(b, "0x", 2))
            b += 2;
        if (*a != *b)
            return false;
        if (*a)
            a++, b++;
    }
    return true;
}

/* Differences that are objdump's, not ferry's, in raw binaries: no ELF
 * attributes, so no Zb*, Zicond or Zihintpause (".4byte", "fence
 * w,unknown"). (The privileged spec version, which decides the CSR
 * names, is given as Debian's objects record it: 1.11.) */
static bool objdump_lacks(const char *text, const char *out)
{
    return !strncmp(text, ".4byte", 6) || !strcmp(out, "pause");
}

/* Compares one "addr:\thex  \ttext" line; returns false on a mismatch. */
static bool compare_line(const char *file, char *line, bool raw,
                         unsigned *n)
{
    char *hex, *text, out[128];
    unsigned long long pc;
    unsigned long v;
    size_t len;

    if (sscanf(line, " %llx:", &pc) != 1 || !(hex = strchr(line, '\t')))
        return true;
    hex++;
    if (!(text = strchr(hex, '\t')))
        return true;
    *text++ = '\0';
    len = strspn(hex, "0123456789abcdef");
    if (len != 4 && len != 8)
        return true;
    v = strtoul(hex, NULL, 16);
    objdump_text(text);
    disas(pc, (uint32_t)v, (unsigned)len / 2, out, sizeof out);
    (*n)++;
    /* objdump 2.40 knows no Zicond: it shows those as .4byte */
    if (!strncmp(text, ".4byte", 6) && !strncmp(out, "czero.", 6))
        return true;
    if (raw && (same_but_0x(out, text) || objdump_lacks(text, out)))
        return true;
    if (strcmp(out, text)) {
        fprintf(stderr, "%s: %llx: ferry '%s', objdump '%s'\n", file, pc, out,
                text);
        return false;
    }
    return true;
}

static bool have_objdump(void)
{
    return system("riscv64-linux-gnu-objdump --version >/dev/null 2>&1") == 0;
}

/* Compares objdump's disassembly of file (an ELF file, or raw: plain
 * instructions) with ferry's; returns the number of differences. */
static unsigned compare_file(const char *file, bool raw, unsigned *n)
{
    char cmd[4200], line[512];
    unsigned bad = 0;
    FILE *f;

    snprintf(cmd, sizeof cmd, "riscv64-linux-gnu-objdump %s '%s'",
             raw ? "-D -b binary -m riscv:rv64 -M priv-spec=1.11" : "-d",
             file);
    f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f))
        bad += !compare_line(file, line, raw, n);
    ck_assert_int_eq(pclose(f), 0);
    return bad;
}

/* The assembly tests are the hand-written instruction corpus; C programs
 * also hold libc's data in their text, which is not this test's subject. */
START_TEST(test_guest_binaries_disassemble_as_objdump_shows)
{
    const char *src = getenv("SRCDIR"), *build = getenv("BUILDDIR");
    char pattern[4096], bin[4096];
    unsigned n = 0, bad = 0;
    glob_t g;

    /* make check builds the binaries and the set-up installs objdump:
     * without them this test has not run, which is a failure. */
    ck_assert_msg(have_objdump(), "riscv64-linux-gnu-objdump is missing "
                                  "(apt-get install binutils-riscv64-linux-gnu)");
    snprintf(pattern, sizeof pattern, "%s/tests/guest/riscv64/*.S",
             src ? src : ".");
    ck_assert_msg(glob(pattern, 0, NULL, &g) == 0, "no sources match %s",
                  pattern);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *name = strrchr(g.gl_pathv[i], '/') + 1;

        snprintf(bin, sizeof bin, "%s/tests/bin/riscv64/riscv64/%.*s.static",
                 build ? build : ".", (int)(strlen(name) - 2), name);
        ck_assert_msg(access(bin, R_OK) == 0, "%s was not built", bin);
        bad += compare_file(bin, false, &n);
    }
    globfree(&g);
    ck_assert_uint_gt(n, 0);
    ck_assert_msg(bad == 0, "%u of %u instructions differ from objdump", bad,
                  n);
}
END_TEST

/* Writes 40 encodings of every pattern (its match bits, the others
 * random; the first with them zero) and every 7th halfword to f. */
static void write_corpus(FILE *f)
{
    uint64_t x = 88172645463325252ull;

    for (size_t t = 0; rv_pattern_tables[t]; t++)
        for (const struct rv_pattern *p = rv_pattern_tables[t]; p->name; p++)
            for (int k = 0; k < 40; k++) {
                uint32_t w = p->match;

                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                if (k)
                    w |= (uint32_t)x & ~p->mask;
                fwrite(&w, 4, 1, f);
            }
    for (uint32_t h = 0; h < 0x10000; h += 7) {
        uint16_t v = (uint16_t)h;

        if ((h & 3) != 3)
            fwrite(&v, 2, 1, f);
    }
}

/* Every CSR number, each as "csrrs a0,CSR,a1" (nonzero rs1: no csrr
 * alias), so every name objdump knows is compared. */
static void write_csrs(FILE *f)
{
    for (uint32_t csr = 0; csr < 4096; csr++) {
        uint32_t w = csr << 20 | 11u << 15 | 2u << 12 | 10u << 7 | 0x73;

        fwrite(&w, 4, 1, f);
    }
}

/* Writes a corpus with write (a temporary file) and compares ferry's
 * disassembly of it with objdump's; returns the number of differences. */
static unsigned compare_corpus(void (*write)(FILE *f), unsigned *n)
{
    char path[] = "/tmp/ferry-rv-disas-XXXXXX";
    unsigned bad;
    int fd;
    FILE *f;

    ck_assert_msg(have_objdump(), "riscv64-linux-gnu-objdump is missing "
                                  "(apt-get install binutils-riscv64-linux-gnu)");
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    write(f);
    fclose(f);
    bad = compare_file(path, true, n);
    unlink(path);
    return bad;
}

START_TEST(test_every_csr_name_is_the_one_objdump_prints)
{
    unsigned n = 0, bad = compare_corpus(write_csrs, &n);

    ck_assert_uint_eq(n, 4096);
    ck_assert_msg(bad == 0, "%u of %u CSRs differ from objdump", bad, n);
}
END_TEST

START_TEST(test_every_pattern_disassembles_as_objdump_shows)
{
    unsigned n = 0, bad = compare_corpus(write_corpus, &n);

    ck_assert_uint_gt(n, 10000);
    ck_assert_msg(bad == 0, "%u of %u instructions differ from objdump", bad,
                  n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_disas");
    TCase *t = tcase_create("disas");

    tcase_add_test(t, test_disassembly_matches_objdump_text);
    tcase_add_test(t, test_disassembly_needs_the_whole_instruction);
    tcase_add_test(t, test_guest_binaries_disassemble_as_objdump_shows);
    tcase_add_test(t, test_every_pattern_disassembles_as_objdump_shows);
    tcase_add_test(t, test_every_csr_name_is_the_one_objdump_prints);
    suite_add_tcase(s, t);
    return unit_run(s);
}
