/* tests/unit/check_rv_guest.c: the riscv64 assembly guest tests
 * (tests/guest/riscv64/NAME.S, built to tests/bin/riscv64/riscv64/) run
 * on the frontend alone: a static ELF loaded into a host buffer, blocks
 * run by the reference interpreter and again, optimized, by the x86-64
 * back end, with just write and exit emulated (and death by SIGILL or
 * SIGTRAP). Output and exit status must match NAME.ref and NAME.exit. */
#include <elf.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "frontends/riscv64/riscv64.h"
#include "tests/unit/unit.h"
#include "tests/unit/x64_harness.h"
#include "translator/interp/interp.h"
#include "translator/opt/opt.h"

#define GUEST_SIZE (8u << 20) /* guest addresses [0, 8 MiB) */
#define RVG_UNSUPPORTED (-1000) /* the test needs a syscall not emulated */

struct guest {
    struct rv_cpu cpu;
    uint8_t *mem;
    struct ir_block *b;
    char out[4096];
    size_t outlen;
    int status;
    bool jit;
};

static size_t guest_fetch(void *opaque, gva pc, void *buf, size_t len)
{
    struct guest *g = opaque;

    if (pc >= GUEST_SIZE)
        return 0;
    if (len > GUEST_SIZE - pc)
        len = GUEST_SIZE - pc;
    memcpy(buf, g->mem + pc, len);
    return len;
}

/* Copies the PT_LOAD segments of the ELF file at path; returns its entry
 * point, 0 on failure. */
static gva guest_load(struct guest *g, const char *path)
{
    static uint8_t file[1 << 20];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(file, 1, sizeof file, f) : 0;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;

    if (f)
        fclose(f);
    if (n < sizeof *eh || eh->e_machine != EM_RISCV)
        return 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph =
            (const Elf64_Phdr *)(file + eh->e_phoff + i * eh->e_phentsize);

        if (ph->p_type != PT_LOAD)
            continue;
        if (ph->p_vaddr + ph->p_memsz > GUEST_SIZE ||
            ph->p_offset + ph->p_filesz > n)
            return 0;
        memcpy(g->mem + ph->p_vaddr, file + ph->p_offset, ph->p_filesz);
    }
    return eh->e_entry;
}

/* The two syscalls the tests make; false ends the run. */
static bool guest_syscall(struct guest *g)
{
    uint64_t *x = g->cpu.x;

    if (x[17] == 64 && x[11] < GUEST_SIZE && x[12] < GUEST_SIZE - x[11] &&
        g->outlen + x[12] <= sizeof g->out) {
        memcpy(g->out + g->outlen, g->mem + x[11], x[12]);
        g->outlen += x[12];
        x[10] = x[12];
        g->cpu.common.pc += 4;
        return true;
    }
    g->status = x[17] == 93 ? (int)(x[10] & 0xff) : RVG_UNSUPPORTED;
    return false;
}

static void guest_run(struct guest *g, gva entry)
{
    struct frontend_fetch f = {guest_fetch, g};
    struct run_result r;
    char err[200];

    g->cpu.common.pc = entry;
    for (long n = 0; n < 1000000; n++) {
        ir_block_reset(g->b, g->cpu.common.pc);
        rv_frontend.translate(g->b, g->cpu.common.pc, RV_FEATURES_RV64GC, &f,
                              0);
        ck_assert_msg(ir_verify(g->b, err, sizeof err), "%s", err);
        if (g->jit) {
            opt_block(g->b);
            host_run(th_compile(g->b, NULL), &g->cpu, &r);
        } else {
            interp_run(g->b, &g->cpu, &r);
        }
        if (r.end != RUN_EXIT)
            continue;
        if (r.reason != IR_EXIT_SYSCALL) {
            /* killed by SIGILL or SIGTRAP, as a shell reports it */
            g->status = 128 + (r.reason == IR_EXIT_ILLEGAL ? 4 : 5);
            return;
        }
        if (!guest_syscall(g))
            return;
    }
    g->status = -2;
}

/* The whole text of path into buf (at most len - 1 bytes); its length. */
static size_t read_text(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, len - 1, f) : 0;

    if (f)
        fclose(f);
    buf[n] = '\0';
    return n;
}

/* Runs bin with one back end and checks it against the .ref/.exit of
 * its source; returns false on a mismatch (printed). */
static bool guest_check(const char *bin, const char *src_base, bool jit)
{
    struct guest *g = calloc(1, sizeof *g);
    char path[4200], want[4096], want_exit[16] = "0";
    gva entry;
    bool ok;

    ck_assert_ptr_nonnull(g);
    g->mem = calloc(1, GUEST_SIZE);
    ck_assert_ptr_nonnull(g->mem);
    g->b = ir_block_new();
    g->jit = jit;
    rv_frontend.state_init(&g->cpu, RV_FEATURES_RV64GC);
    g->cpu.common.guest_base = (uintptr_t)g->mem;
    g->cpu.x[2] = GUEST_SIZE - 4096;
    entry = guest_load(g, bin);
    ck_assert_msg(entry != 0, "%s: cannot load", bin);
    guest_run(g, entry);
    snprintf(path, sizeof path, "%s.ref", src_base);
    read_text(path, want, sizeof want);
    snprintf(path, sizeof path, "%s.exit", src_base);
    read_text(path, want_exit, sizeof want_exit);
    ok = g->outlen == strlen(want) && !memcmp(g->out, want, g->outlen) &&
         g->status == atoi(want_exit);
    if (g->status == RVG_UNSUPPORTED) {
        fprintf(stderr, "%s: syscall %llu not emulated here: skipped\n", bin,
                (unsigned long long)g->cpu.x[17]);
        ok = true;
    }
    if (!ok)
        fprintf(stderr, "%s (%s): status %d, output '%.*s'\n", bin,
                jit ? "jit" : "interp", g->status, (int)g->outlen, g->out);
    ir_block_free(g->b);
    free(g->mem);
    free(g);
    return ok;
}

START_TEST(test_assembly_guest_tests_pass_on_the_frontend)
{
    const char *bdir = getenv("BUILDDIR"), *sdir = getenv("SRCDIR");
    char pattern[4096], base[4200];
    unsigned bad = 0, n = 0;
    glob_t g;

    snprintf(pattern, sizeof pattern, "%s/tests/bin/riscv64/riscv64/*.static",
             bdir ? bdir : ".");
    if (glob(pattern, 0, NULL, &g) != 0) {
        fprintf(stderr, "no riscv64 test binaries: skipped\n");
        return;
    }
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *name = strrchr(g.gl_pathv[i], '/') + 1;

        snprintf(base, sizeof base, "%s/tests/guest/riscv64/%.*s",
                 sdir ? sdir : "..", (int)(strlen(name) - 7), name);
        bad += !guest_check(g.gl_pathv[i], base, false);
        bad += !guest_check(g.gl_pathv[i], base, true);
        n++;
    }
    globfree(&g);
    ck_assert_msg(bad == 0, "%u of %u guest runs failed", bad, 2 * n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rv_guest");
    TCase *t = tcase_create("guest");

    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_assembly_guest_tests_pass_on_the_frontend);
    suite_add_tcase(s, t);
    return unit_run(s);
}
