/* tests/unit/check_loader_load.c: loading riscv64 programs built by the
 * build (static, dynamic with its interpreter, bare assembly) and
 * synthetic ELF images: segments, bss, the stack word by word, errors.
 * The guest binaries must exist: a missing one fails the test. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/loader.h"
#include "tests/unit/elf_image.h"
#include "tests/unit/unit.h"

#define PG ((uint64_t)MM_PAGE_SIZE)
#define SYSROOT "/usr/riscv64-linux-gnu"
#define LDSO "/lib/ld-linux-riscv64-lp64d.so.1"

static struct mm *mm;
static struct loaded_program prog;
static char err[PATH_MAX + 200];

static uint64_t test_hwcap(uint64_t features)
{
    return features | 0x1000;
}

static uint64_t test_hwcap2(uint64_t features)
{
    return features + 7;
}

static const struct frontend_linux_abi test_abi = {
    .triplet = "riscv64-linux-gnu",
    .platform = "testplat",
    .hwcap = test_hwcap,
    .hwcap2 = test_hwcap2,
};

static void setup(void)
{
    ck_assert_int_eq(mm_init(&mm, 0), 0);
}

static void teardown(void)
{
    mm_free(mm);
}

/* BUILDDIR (set by make check) or the build directory this test binary
 * sits in (BUILDDIR/tests/unit/). */
static void bin_path(const char *rel, char *out, size_t size)
{
    const char *b = getenv("BUILDDIR");
    char exe[PATH_MAX];

    if (b) {
        ck_assert_int_lt(
            snprintf(out, size, "%.2000s/tests/bin/riscv64/%s", b, rel),
            (int)size);
        return;
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    ck_assert_int_gt(n, 0);
    exe[n] = '\0';
    for (int i = 0; i < 3; i++)
        *strrchr(exe, '/') = '\0';
    ck_assert_int_lt(
        snprintf(out, size, "%.2000s/tests/bin/riscv64/%s", exe, rel),
        (int)size);
}

static int open_file(const char *path)
{
    int fd = open(path, O_RDONLY);

    ck_assert_msg(fd >= 0, "%s is missing (the build makes it: make check)",
                  path);
    return fd;
}

static void read_at(int fd, void *buf, size_t len, uint64_t off)
{
    ck_assert_int_eq(pread(fd, buf, len, (off_t)off), (ssize_t)len);
}

/* The test's own reading of the ELF headers (not the loader's). */
struct elf_file {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[32];
};

static void read_elf(int fd, struct elf_file *f)
{
    read_at(fd, &f->eh, sizeof f->eh, 0);
    ck_assert_uint_le(f->eh.e_phnum, 32);
    read_at(fd, f->ph, f->eh.e_phnum * sizeof f->ph[0], f->eh.e_phoff);
}

/* Opens the test binary name (bin_path) and reads its headers into f. */
static int open_bin(const char *name, struct elf_file *f)
{
    char path[PATH_MAX];
    int fd;

    bin_path(name, path, sizeof path);
    fd = open_file(path);
    read_elf(fd, f);
    return fd;
}

static int load(int fd, char *const *argv, char *const *envp,
                const char *sysroot)
{
    struct loader_options o = {
        .path = "/some/dir/prog",
        .sysroot = sysroot,
        .argv = argv,
        .envp = envp,
        .abi = &test_abi,
        .features = 0x5,
    };

    return loader_load(mm, fd, &o, &prog, err, sizeof err);
}

static uint64_t auxv_get(uint64_t type)
{
    size_t bytes;
    const uint64_t *a = loader_auxv(&prog, &bytes);

    for (size_t i = 0; i < bytes / 16; i++)
        if (a[2 * i] == type)
            return a[2 * i + 1];
    ck_abort_msg("auxv has no entry %llu", (unsigned long long)type);
    return 0;
}

static int prot_of(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

/* Every PT_LOAD: mapped with its permissions, file bytes in place, a
 * bss and the rest of its last page zero. */
static void check_segments(int fd, const struct elf_file *f, uint64_t bias)
{
    for (int i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &f->ph[i];
        gva va = ph->p_vaddr + bias;
        gva page_end = (va + ph->p_memsz + PG - 1) & ~(PG - 1);
        struct mm_region r;
        uint8_t *file = malloc(ph->p_filesz + 1);
        const uint8_t *mem = mm_g2h(mm, va);

        if (ph->p_type != PT_LOAD) {
            free(file);
            continue;
        }
        ck_assert(mm_query(mm, va, &r));
        ck_assert_int_eq(r.prot, prot_of(ph->p_flags));
        ck_assert(mm_check_range(mm, va, ph->p_memsz, prot_of(ph->p_flags)));
        read_at(fd, file, ph->p_filesz, ph->p_offset);
        ck_assert_mem_eq(mem, file, ph->p_filesz);
        /* Linux zeroes the rest of the last page only when a bss follows */
        if (ph->p_memsz == ph->p_filesz)
            page_end = va + ph->p_memsz;
        for (gva a = va + ph->p_filesz; a < page_end; a++)
            ck_assert_msg(mem[a - va] == 0, "byte at %llx not zero",
                          (unsigned long long)a);
        free(file);
    }
}

START_TEST(test_static_program_is_mapped_as_its_segments_say)
{
    struct elf_file f;
    gva end = 0;
    int fd;

    fd = open_bin("common/hello.static", &f);
    ck_assert_int_eq(load(fd, NULL, NULL, SYSROOT), 0);
    ck_assert_uint_eq(prog.entry, f.eh.e_entry);
    ck_assert_uint_eq(prog.program_entry, f.eh.e_entry);
    ck_assert_uint_eq(prog.load_bias, 0);
    ck_assert_uint_eq(prog.interp_base, 0);
    ck_assert_str_eq(prog.interp, "");
    check_segments(fd, &f, 0);
    for (int i = 0; i < f.eh.e_phnum; i++)
        if (f.ph[i].p_type == PT_LOAD &&
            f.ph[i].p_vaddr + f.ph[i].p_memsz > end)
            end = f.ph[i].p_vaddr + f.ph[i].p_memsz;
    ck_assert_uint_eq(prog.brk_start, (end + PG - 1) & ~(PG - 1));
    ck_assert_uint_eq(mm_brk(mm, 0), prog.brk_start);
    close(fd);
}
END_TEST

/* Whether every page of [lo, hi) is resident on the host (mincore). */
static bool all_resident(gva lo, gva hi)
{
    size_t n = (hi - lo + PG - 1) / PG;
    unsigned char *vec = malloc(n);
    bool all = true;

    ck_assert_ptr_nonnull(vec);
    ck_assert_int_eq(mincore(mm_g2h(mm, lo), n * PG, vec), 0);
    for (size_t i = 0; i < n; i++)
        all = all && (vec[i] & 1);
    free(vec);
    return all;
}

/* Start-up touches them all: the loader maps them in at once (before
 * anything reads them here), where each page would fault on its own.
 * (mincore sees the page cache for a file's read-only pages, so only the
 * data, bss and stack pages tell.) */
START_TEST(test_segments_and_the_stack_top_come_mapped_in)
{
    struct elf_file f;
    int fd;

    fd = open_bin("common/hello.static", &f);
    ck_assert_int_eq(load(fd, NULL, NULL, SYSROOT), 0);
    for (int i = 0; i < f.eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &f.ph[i];

        if (ph->p_type == PT_LOAD)
            ck_assert_msg(all_resident(ph->p_vaddr & ~(PG - 1),
                                       ph->p_vaddr + ph->p_memsz),
                          "segment at %llx not all mapped in",
                          (unsigned long long)ph->p_vaddr);
    }
    ck_assert(all_resident(MM_VA_LIMIT - 32 * 1024, MM_VA_LIMIT));
    close(fd);
}
END_TEST

/* Reads the NUL-terminated guest string at a. */
static const char *gstr(gva a)
{
    return mm_g2h(mm, a);
}

START_TEST(test_stack_is_laid_out_word_by_word_as_linux_does)
{
    char *argv[] = {"hello", "a b", "", NULL};
    char *envp[] = {"X=1", "LONGER=some value", NULL};
    struct elf_file f;
    const uint64_t *sp;
    size_t auxv_bytes;
    const uint64_t *auxv;
    gva s, plat;
    int fd;

    fd = open_bin("common/hello.static", &f);
    ck_assert_int_eq(load(fd, argv, envp, SYSROOT), 0);
    ck_assert_uint_eq(prog.sp % 16, 0);
    sp = mm_g2h(mm, prog.sp);
    ck_assert_uint_eq(sp[0], 3);
    for (int i = 0; i < 3; i++)
        ck_assert_str_eq(gstr(sp[1 + i]), argv[i]);
    ck_assert_uint_eq(sp[4], 0);
    ck_assert_str_eq(gstr(sp[5]), envp[0]);
    ck_assert_str_eq(gstr(sp[6]), envp[1]);
    ck_assert_uint_eq(sp[7], 0);
    /* the auxv follows envp's NULL and is the one /proc/self/auxv shows */
    auxv = loader_auxv(&prog, &auxv_bytes);
    ck_assert_mem_eq(&sp[8], auxv, auxv_bytes);
    ck_assert_uint_eq(auxv[auxv_bytes / 8 - 2], AT_NULL);
    ck_assert_uint_eq(auxv[auxv_bytes / 8 - 1], 0);

    /* strings from the top: 8 zero bytes, execfn, envp, argv, packed */
    ck_assert_uint_eq(*(uint64_t *)mm_g2h(mm, MM_VA_LIMIT - 8), 0);
    s = auxv_get(AT_EXECFN);
    ck_assert_str_eq(gstr(s), "/some/dir/prog");
    ck_assert_uint_eq(s + strlen("/some/dir/prog") + 1, MM_VA_LIMIT - 8);
    ck_assert_uint_eq(sp[6] + strlen(envp[1]) + 1, s);
    ck_assert_uint_eq(sp[5] + strlen(envp[0]) + 1, sp[6]);
    ck_assert_uint_eq(sp[3] + 1, sp[5]);
    ck_assert_uint_eq(sp[1] + 6, sp[2]);
    ck_assert_uint_eq(prog.arg_start, sp[1]);
    ck_assert_uint_eq(prog.env_start, sp[5]);
    ck_assert_uint_eq(prog.env_end, s);

    /* below the strings, 16-aligned: platform, then 16 random bytes */
    plat = auxv_get(AT_PLATFORM);
    ck_assert_str_eq(gstr(plat), "testplat");
    ck_assert_uint_eq(plat, (sp[1] & ~(gva)15) - 9);
    ck_assert_uint_eq(auxv_get(AT_RANDOM), plat - 16);
    ck_assert_uint_eq(prog.sp,
                      (plat - 16 - (8 + auxv_bytes / 8) * 8) & ~(gva)15);
    close(fd);
}
END_TEST

START_TEST(test_auxv_values_describe_the_program)
{
    struct elf_file f;
    gva phdr = 0;
    int fd;

    fd = open_bin("common/hello.static", &f);
    ck_assert_int_eq(load(fd, (char *[]){"p", NULL}, NULL, SYSROOT), 0);
    /* no PT_PHDR: the headers inside the first segment */
    for (int i = 0; i < f.eh.e_phnum && !phdr; i++)
        if (f.ph[i].p_type == PT_LOAD && f.ph[i].p_offset <= f.eh.e_phoff)
            phdr = f.ph[i].p_vaddr + f.eh.e_phoff - f.ph[i].p_offset;
    ck_assert_uint_eq(auxv_get(AT_PHDR), phdr);
    ck_assert_mem_eq(mm_g2h(mm, phdr), f.ph, f.eh.e_phnum * sizeof f.ph[0]);
    ck_assert_uint_eq(auxv_get(AT_PHENT), sizeof(Elf64_Phdr));
    ck_assert_uint_eq(auxv_get(AT_PHNUM), f.eh.e_phnum);
    ck_assert_uint_eq(auxv_get(AT_ENTRY), f.eh.e_entry);
    ck_assert_uint_eq(auxv_get(AT_PAGESZ), 4096);
    ck_assert_uint_eq(auxv_get(AT_CLKTCK), 100);
    ck_assert_uint_eq(auxv_get(AT_BASE), 0);
    ck_assert_uint_eq(auxv_get(AT_FLAGS), 0);
    ck_assert_uint_eq(auxv_get(AT_UID), getuid());
    ck_assert_uint_eq(auxv_get(AT_EGID), getegid());
    ck_assert_uint_eq(auxv_get(AT_SECURE), 0);
    ck_assert_uint_eq(auxv_get(AT_HWCAP), 0x1005);
    ck_assert_uint_eq(auxv_get(AT_HWCAP2), 12);
    ck_assert_uint_eq(auxv_get(AT_MINSIGSTKSZ), 2048);
    ck_assert(mm_check_range(mm, auxv_get(AT_RANDOM), 16, PROT_READ));
    ck_assert_uint_eq(prog.phdr, phdr);
    close(fd);
}
END_TEST

START_TEST(test_dynamic_program_loads_its_interpreter_from_the_sysroot)
{
    char path[PATH_MAX], real[PATH_MAX];
    struct elf_file f, ld;
    struct mm_region r;
    uint8_t ld_head[64];
    int fd, ldfd = open_file(SYSROOT LDSO);

    bin_path("common/hello.dynamic", path, sizeof path);
    fd = open_bin("common/hello.dynamic", &f);
    read_elf(ldfd, &ld);
    ck_assert_int_eq(load(fd, NULL, NULL, SYSROOT "/"), 0);
    ck_assert_str_eq(prog.interp, SYSROOT LDSO);
    ck_assert_uint_eq(prog.load_bias, LOADER_ET_DYN_BASE);
    ck_assert_uint_ne(prog.interp_base, 0);
    ck_assert_uint_eq(prog.interp_base % PG, 0);
    ck_assert_uint_eq(auxv_get(AT_BASE), prog.interp_base);
    ck_assert_uint_eq(prog.entry, prog.interp_base + ld.eh.e_entry);
    ck_assert_uint_eq(auxv_get(AT_ENTRY), LOADER_ET_DYN_BASE + f.eh.e_entry);
    ck_assert_uint_eq(auxv_get(AT_PHDR), LOADER_ET_DYN_BASE + f.ph[0].p_vaddr);
    ck_assert_uint_eq(f.ph[0].p_type, PT_PHDR);
    check_segments(fd, &f, LOADER_ET_DYN_BASE);
    check_segments(ldfd, &ld, prog.interp_base);
    read_at(ldfd, ld_head, sizeof ld_head, 0);
    ck_assert_mem_eq(mm_g2h(mm, prog.interp_base), ld_head, sizeof ld_head);
    ck_assert(mm_query(mm, prog.interp_base, &r));
    ck_assert_str_eq(r.name, LDSO);
    /* the program shows under its absolute path, as Linux shows it */
    ck_assert(mm_query(mm, LOADER_ET_DYN_BASE, &r));
    ck_assert_ptr_nonnull(realpath(path, real));
    ck_assert_str_eq(r.name, real);
    close(ldfd);
    close(fd);
}
END_TEST

START_TEST(test_missing_interpreter_is_named_in_the_error)
{
    char path[PATH_MAX];
    char *maps = NULL;
    size_t size = 0;
    FILE *out;
    int fd;

    bin_path("common/hello.dynamic", path, sizeof path);
    fd = open_file(path);
    ck_assert_int_eq(load(fd, NULL, NULL, "/nonexistent-root"), -ENOENT);
    ck_assert_str_eq(prog.interp, "/nonexistent-root" LDSO);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent-root" LDSO));
    /* nothing was mapped */
    out = open_memstream(&maps, &size);
    ck_assert_int_eq(mm_maps_print(mm, out), 0);
    fclose(out);
    ck_assert_str_eq(maps, "");
    free(maps);
    close(fd);
}
END_TEST

START_TEST(test_assembly_program_without_gnu_stack_gets_a_data_stack)
{
    struct elf_file f;
    struct mm_region r;
    int fd;

    fd = open_bin("riscv64/write_exit.static", &f);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), 0);
    ck_assert_uint_eq(prog.entry, f.eh.e_entry);
    check_segments(fd, &f, 0);
    ck_assert(mm_query(mm, prog.sp, &r));
    ck_assert_str_eq(r.name, "[stack]");
    ck_assert_int_eq(r.prot, PROT_READ | PROT_WRITE);
    ck_assert_uint_eq(r.end, MM_VA_LIMIT);
    /* an empty argv becomes one empty string, as since Linux 5.18 */
    ck_assert_uint_eq(((uint64_t *)mm_g2h(mm, prog.sp))[0], 1);
    ck_assert_str_eq(gstr(((uint64_t *)mm_g2h(mm, prog.sp))[1]), "");
    close(fd);
}
END_TEST

/* --- synthetic images ---------------------------------------------------- */

/* An ET_EXEC with one PT_LOAD (file bytes 0xaa from offset 0x1000) and
 * a PT_GNU_STACK; the caller adjusts it. */
static struct elf_image synth(void)
{
    struct elf_image im = elf_image_new(0x400100);

    im.ph[0] = (Elf64_Phdr){.p_type = PT_LOAD,
                            .p_flags = PF_R | PF_W,
                            .p_offset = 0x1000,
                            .p_vaddr = 0x400000,
                            .p_filesz = 0x80,
                            .p_memsz = 0x3000,
                            .p_align = 0x1000};
    im.ph[1] = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W};
    return im;
}

static int synth_fd(const struct elf_image *im)
{
    int fd = memfd_create("synth", 0);
    uint8_t fill[0x2000];

    memset(fill, 0xaa, sizeof fill);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(pwrite(fd, fill, sizeof fill, 0x1000), sizeof fill);
    ck_assert_int_eq(pwrite(fd, im, sizeof *im, 0), sizeof *im);
    return fd;
}

START_TEST(test_bss_after_file_bytes_is_zero_in_the_same_page)
{
    struct elf_image im = synth();
    int fd = synth_fd(&im);
    const uint8_t *m = mm_g2h(mm, 0x400000);

    im.ph[0].p_flags = PF_R; /* zeroing must work on read-only pages too */
    ck_assert_int_eq(pwrite(fd, &im, sizeof im, 0), sizeof im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), 0);
    ck_assert_uint_eq(m[0x7f], 0xaa);
    for (int i = 0x80; i < 0x3000; i++)
        ck_assert_msg(m[i] == 0, "byte %#x not zero", i);
    ck_assert(mm_check_range(mm, 0x400000, 0x3000, PROT_READ));
    ck_assert(!mm_check_range(mm, 0x400000, 1, PROT_WRITE));
    ck_assert_uint_eq(prog.brk_start, 0x403000);
    close(fd);
}
END_TEST

START_TEST(test_segment_misaligned_with_its_offset_is_copied)
{
    struct elf_image im = synth();
    int fd;
    const uint8_t *m = mm_g2h(mm, 0x400000);

    im.ph[0].p_offset = 0x1010;
    im.ph[0].p_flags = PF_R | PF_X;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), 0);
    ck_assert_uint_eq(m[0], 0xaa);
    ck_assert_uint_eq(m[0x7f], 0xaa);
    ck_assert_uint_eq(m[0x80], 0);
    ck_assert(mm_check_range(mm, 0x400000, 0x3000, PROT_READ | PROT_EXEC));
    close(fd);
}
END_TEST

START_TEST(test_gnu_stack_with_pf_x_makes_the_stack_executable)
{
    struct elf_image im = synth();
    int fd;
    struct mm_region r;

    im.ph[1].p_flags = PF_R | PF_W | PF_X;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), 0);
    ck_assert(prog.exec_stack);
    ck_assert(mm_query(mm, prog.sp, &r));
    ck_assert_int_eq(r.prot, PROT_READ | PROT_WRITE | PROT_EXEC);
    close(fd);
}
END_TEST

START_TEST(test_bad_images_are_refused_with_linux_errors)
{
    struct elf_image im = synth();
    int fd;

    im.ph[0].p_filesz = 0x4000;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), -EINVAL);
    close(fd);
    im = synth();
    im.ph[0].p_vaddr = MM_VA_LIMIT - 0x1000;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), -EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "address space"));
    close(fd);
    im = synth();
    im.ph[0].p_offset = 0x100000;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), -ENOEXEC);
    ck_assert_ptr_nonnull(strstr(err, "truncated"));
    close(fd);
    im = synth();
    im.eh.e_ident[EI_CLASS] = ELFCLASS32;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), -ENOEXEC);
    close(fd);
    im = synth();
    im.ph[0].p_type = PT_NOTE;
    fd = synth_fd(&im);
    ck_assert_int_eq(load(fd, NULL, NULL, NULL), -ENOEXEC);
    ck_assert_str_eq(err, "no loadable segments");
    close(fd);
}
END_TEST

START_TEST(test_seeded_random_bytes_repeat_and_differ_by_seed)
{
    struct elf_image im = synth();
    int fd = synth_fd(&im);
    struct loader_options o = {.path = "p", .seeded = true, .seed = 42};
    struct loaded_program p2;
    struct mm *mm2;
    uint8_t first[16];

    ck_assert_int_eq(loader_load(mm, fd, &o, &prog, err, sizeof err), 0);
    memcpy(first, mm_g2h(mm, prog.random), 16);
    ck_assert_int_eq(mm_init(&mm2, 0), 0);
    ck_assert_int_eq(loader_load(mm2, fd, &o, &p2, err, sizeof err), 0);
    ck_assert_mem_eq(mm_g2h(mm2, p2.random), first, 16);
    mm_free(mm2);
    o.seed = 43;
    ck_assert_int_eq(mm_init(&mm2, 0), 0);
    ck_assert_int_eq(loader_load(mm2, fd, &o, &p2, err, sizeof err), 0);
    ck_assert_int_ne(memcmp(mm_g2h(mm2, p2.random), first, 16), 0);
    mm_free(mm2);
    close(fd);
}
END_TEST

START_TEST(test_arguments_too_big_for_the_stack_are_e2big)
{
    struct elf_image im = synth();
    int fd = synth_fd(&im);
    char *big = malloc(200 * 1024);
    char *many[64];

    memset(big, 'x', 200 * 1024 - 1);
    big[200 * 1024 - 1] = '\0';
    /* one string over MAX_ARG_STRLEN (128 KiB) */
    ck_assert_int_eq(load(fd, (char *[]){"p", big, NULL}, NULL, NULL), -E2BIG);
    mm_free(mm);
    ck_assert_int_eq(mm_init(&mm, 0), 0);
    /* 63 strings of 100 KiB: over a quarter of the 8 MiB stack */
    big[100 * 1024] = '\0';
    for (int i = 0; i < 63; i++)
        many[i] = big;
    many[63] = NULL;
    ck_assert_int_eq(load(fd, many, NULL, NULL), -E2BIG);
    mm_free(mm);
    ck_assert_int_eq(mm_init(&mm, 0), 0);
    /* 15 of them fit */
    many[15] = NULL;
    ck_assert_int_eq(load(fd, many, NULL, NULL), 0);
    ck_assert_uint_eq(((uint64_t *)mm_g2h(mm, prog.sp))[0], 15);
    free(big);
    close(fd);
}
END_TEST

static Suite *loader_load_suite(void)
{
    Suite *s = suite_create("loader_load");
    TCase *t = tcase_create("loader_load");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_static_program_is_mapped_as_its_segments_say);
    tcase_add_test(t, test_segments_and_the_stack_top_come_mapped_in);
    tcase_add_test(t, test_stack_is_laid_out_word_by_word_as_linux_does);
    tcase_add_test(t, test_auxv_values_describe_the_program);
    tcase_add_test(t,
                   test_dynamic_program_loads_its_interpreter_from_the_sysroot);
    tcase_add_test(t, test_missing_interpreter_is_named_in_the_error);
    tcase_add_test(t,
                   test_assembly_program_without_gnu_stack_gets_a_data_stack);
    tcase_add_test(t, test_bss_after_file_bytes_is_zero_in_the_same_page);
    tcase_add_test(t, test_segment_misaligned_with_its_offset_is_copied);
    tcase_add_test(t, test_gnu_stack_with_pf_x_makes_the_stack_executable);
    tcase_add_test(t, test_bad_images_are_refused_with_linux_errors);
    tcase_add_test(t, test_seeded_random_bytes_repeat_and_differ_by_seed);
    tcase_add_test(t, test_arguments_too_big_for_the_stack_are_e2big);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return unit_run(loader_load_suite());
}
