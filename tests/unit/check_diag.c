/* tests/unit/check_diag.c: the -d log items, end to end: runs the built
 * ferry binary ($FERRY, else ./ferry) on a tiny riscv64 program written by
 * the test itself and checks each section of the -D file. */
#include <elf.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/unit.h"

/* 0x10078: li s0,3
 * 0x1007a: li a0,1; lla a1,msg; li a2,3; li a7,64; ecall   (write "hi\n")
 * 0x1008e: addi s0,s0,-1; bnez s0,0x1007a
 * 0x10092: li a0,0; li a7,93; ecall                        (exit 0)
 * 0x1009c: msg "hi\n" */
static const uint8_t diag_code[] = {
    0x0d, 0x44, 0x05, 0x45, 0x97, 0x05, 0x00, 0x00, 0x93, 0x85,
    0x05, 0x02, 0x0d, 0x46, 0x93, 0x08, 0x00, 0x04, 0x73, 0x00,
    0x00, 0x00, 0x7d, 0x14, 0x6d, 0xf4, 0x01, 0x45, 0x93, 0x08,
    0xd0, 0x05, 0x73, 0x00, 0x00, 0x00, 0x68, 0x69, 0x0a, 0x00,
};

#define DIAG_BASE 0x10000u
#define DIAG_ENTRY (DIAG_BASE + sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr))

static char dir[] = "/tmp/ferry-diag-XXXXXX";
static char prog[64], log_path[64], outf[64];

/* A static ELF: one R+X segment holding the headers and the code. */
static void write_program(void)
{
    Elf64_Ehdr eh = {
        .e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64,
                    ELFDATA2LSB, EV_CURRENT},
        .e_type = ET_EXEC, .e_machine = EM_RISCV, .e_version = EV_CURRENT,
        .e_entry = DIAG_ENTRY, .e_phoff = sizeof eh,
        .e_flags = 0x5, /* RVC, double-float ABI */
        .e_ehsize = sizeof eh, .e_phentsize = sizeof(Elf64_Phdr),
        .e_phnum = 1,
    };
    Elf64_Phdr ph = {
        .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = DIAG_BASE,
        .p_paddr = DIAG_BASE,
        .p_filesz = sizeof eh + sizeof ph + sizeof diag_code,
        .p_memsz = sizeof eh + sizeof ph + sizeof diag_code,
        .p_align = 0x1000,
    };
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(prog, sizeof prog, "%s/prog", dir);
    snprintf(log_path, sizeof log_path, "%s/log", dir);
    snprintf(outf, sizeof outf, "%s/out", dir);
    ck_assert_ptr_nonnull(f = fopen(prog, "wb"));
    fwrite(&eh, sizeof eh, 1, f);
    fwrite(&ph, sizeof ph, 1, f);
    fwrite(diag_code, sizeof diag_code, 1, f);
    ck_assert_int_eq(fclose(f), 0);
    chmod(prog, 0755);
}

static void remove_program(void)
{
    unlink(prog);
    unlink(log_path);
    unlink(outf);
    rmdir(dir);
}

static const char *ferry_path(void)
{
    const char *p = getenv("FERRY");

    p = p && *p ? p : "./ferry";
    ck_assert_msg(access(p, X_OK) == 0,
                  "no ferry binary at %s (set FERRY=BUILDDIR/ferry)", p);
    return p;
}

static pid_t last_pid; /* ferry's pid in the last run_ferry */

/* Runs ferry -d ITEMS -D log prog with stdout to outf; its exit status. */
static int run_ferry(bool jit, const char *items)
{
    const char *ferry = ferry_path();
    int status;
    pid_t pid = fork();

    ck_assert_int_ge(pid, 0);
    last_pid = pid;
    if (pid == 0) {
        int fd = open(outf, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        dup2(fd, STDOUT_FILENO);
        setenv("FERRY_JIT", jit ? "on" : "off", 1);
        unsetenv("FERRY_LOG");
        execl(ferry, ferry, "-d", items, "-D", log_path, prog, (char *)NULL);
        _exit(127);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static char *slurp(const char *path)
{
    static char buf[1 << 20];
    FILE *f = fopen(path, "r");
    size_t n;

    ck_assert_ptr_nonnull(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* How many lines of text are exactly line. */
static int count_lines(const char *text, const char *line)
{
    size_t len = strlen(line);
    int n = 0;

    for (const char *p = text; (p = strstr(p, line)); p += len)
        if ((p == text || p[-1] == '\n') && (p[len] == '\n' || !p[len]))
            n++;
    return n;
}

static unsigned long stat_value(const char *log, const char *name)
{
    const char *p = strstr(log, name);

    ck_assert_msg(p, "no '%s' in the stats", name);
    return strtoul(p + strlen(name), NULL, 10);
}

static void check_all_items(bool jit)
{
    const char *log;

    write_program();
    ck_assert_int_eq(run_ferry(jit, "in_asm,op,op_opt,out_asm,exec,stats"),
                     0);
    ck_assert_str_eq(slurp(outf), "hi\nhi\nhi\n");
    log = slurp(log_path);
    /* in_asm: a header per block, then objdump-style lines. */
    ck_assert_int_eq(count_lines(log, "IN: 0x10078"), 1);
    ck_assert_int_eq(count_lines(log, "0x10078:  li\ts0,3"), 1);
    ck_assert_int_eq(count_lines(log, "0x1008a:  ecall"), 2);
    ck_assert_int_eq(count_lines(log, "0x10090:  bnez\ts0,0x1007a") +
                         count_lines(log, "0x10090:  bnez\ts0,1007a"), 1);
    ck_assert_int_eq(count_lines(log, "OP 0x1008e:"), 1);
    ck_assert_int_eq(count_lines(log, "OP after optimization 0x1008e:"), 1);
    if (jit)
        ck_assert_ptr_nonnull(strstr(log, "OUT: 0x10092 ("));
    else
        ck_assert_ptr_null(strstr(log, "OUT: "));
    /* exec: 4 blocks; the loop body runs 3 times, its top twice more. */
    ck_assert_int_eq(count_lines(log, "Trace: 0x10078"), 1);
    ck_assert_int_eq(count_lines(log, "Trace: 0x1007a"), 2);
    ck_assert_int_eq(count_lines(log, "Trace: 0x1008e"), 3);
    ck_assert_int_eq(count_lines(log, "Trace: 0x10092"), 1);
    ck_assert_ptr_nonnull(strstr(log, jit ? "ferry stats (jit):"
                                          : "ferry stats (interpreter):"));
    ck_assert_uint_eq(stat_value(log, "blocks translated"), 4);
    ck_assert_uint_eq(stat_value(log, "guest instructions"), 7 + 6 + 2 + 3);
    remove_program();
}

START_TEST(test_every_log_item_appears_under_the_jit)
{
    check_all_items(true);
}
END_TEST

START_TEST(test_every_log_item_appears_under_the_interpreter)
{
    check_all_items(false);
}
END_TEST

START_TEST(test_stats_alone_logs_nothing_else)
{
    const char *log;

    write_program();
    ck_assert_int_eq(run_ferry(true, "stats"), 0);
    log = slurp(log_path);
    ck_assert_ptr_null(strstr(log, "IN: "));
    ck_assert_ptr_null(strstr(log, "Trace: "));
    ck_assert_ptr_null(strstr(log, "OP "));
    /* Its blocks run a few times each: interpreted, never translated. */
    ck_assert_uint_eq(stat_value(log, "blocks translated"), 0);
    ck_assert_uint_gt(stat_value(log, "instructions decoded"), 0);
    remove_program();
}
END_TEST

/* perfmap: one "START SIZE guest:0xPC" line per block, under the JIT only
 * (the interpreter makes no host code to name). */
static void check_perfmap(bool jit)
{
    char map[64], name[32];
    unsigned long start, size;
    const char *text;
    int blocks = 0;

    write_program();
    ck_assert_int_eq(run_ferry(jit, "perfmap"), 0);
    snprintf(map, sizeof map, "/tmp/perf-%d.map", (int)last_pid);
    if (!jit) {
        ck_assert_int_eq(access(map, F_OK), -1);
        remove_program();
        return;
    }
    text = slurp(map);
    unlink(map);
    for (const char *p = text; *p; p = strchr(p, '\n') + 1) {
        ck_assert_int_eq(sscanf(p, "%lx %lx %31s", &start, &size, name), 3);
        ck_assert_uint_gt(start, 0);
        ck_assert_uint_gt(size, 0);
        blocks++;
    }
    ck_assert_int_eq(blocks, 4);
    ck_assert_ptr_nonnull(strstr(text, " guest:0x10078\n"));
    ck_assert_ptr_nonnull(strstr(text, " guest:0x10092\n"));
    remove_program();
}

START_TEST(test_perfmap_names_each_block_under_the_jit)
{
    check_perfmap(true);
}
END_TEST

START_TEST(test_perfmap_is_not_written_by_the_interpreter)
{
    check_perfmap(false);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("diag");

    tcase_add_test(tc, test_every_log_item_appears_under_the_jit);
    tcase_add_test(tc, test_every_log_item_appears_under_the_interpreter);
    tcase_add_test(tc, test_stats_alone_logs_nothing_else);
    tcase_add_test(tc, test_perfmap_names_each_block_under_the_jit);
    tcase_add_test(tc, test_perfmap_is_not_written_by_the_interpreter);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return unit_run(diag_suite());
}
