/* tests/unit/check_syscalls.c: the Linux syscall layer: the table, the
 * dispatcher (ENOSYS, -d unimp, exit, strace), and the fixture the family
 * suites (check_syscalls_*.c) share. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "tests/unit/check_syscalls.h"

/* riscv64's registers: a7 = x17 number, a0-a5 = x10-x15. */
const struct frontend_linux_abi sys_abi_generic = {
    .syscall_nr = SYS_REG(17),
    .syscall_arg = {SYS_REG(10), SYS_REG(11), SYS_REG(12), SYS_REG(13),
                    SYS_REG(14), SYS_REG(15)},
    .syscall_ret = SYS_REG(10),
    .o_directory = 0200000,
    .o_nofollow = 0400000,
    .o_direct = 040000,
    .o_largefile = 0100000,
};

/* arm64's: x8 number, x0-x5 arguments; arch/arm64 uapi fcntl.h values. */
const struct frontend_linux_abi sys_abi_arm = {
    .syscall_nr = SYS_REG(8),
    .syscall_arg = {SYS_REG(0), SYS_REG(1), SYS_REG(2), SYS_REG(3), SYS_REG(4),
                    SYS_REG(5)},
    .syscall_ret = SYS_REG(0),
    .o_directory = 040000,
    .o_nofollow = 0100000,
    .o_direct = 0200000,
    .o_largefile = 0400000,
};

struct sys_env sys_env;
struct lx_task sys_task;
gva sys_scratch, sys_unmapped;
char sys_tmpdir[64];

/* Removes the test's directory; also at exit, since a failed assertion
 * ends the test's process before its teardown. */
static void sys_remove_tmpdir(void)
{
    char cmd[128];

    if (!sys_tmpdir[0])
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", sys_tmpdir);
    if (system(cmd) == 0)
        sys_tmpdir[0] = '\0';
}

void sys_setup(void)
{
    struct mm *mm;
    int64_t addr;

    ck_assert_int_eq(mm_init(&mm, 0), 0);
    addr =
        mm_mmap(mm, 0, SYS_SCRATCH_SIZE + MM_PAGE_SIZE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, NULL);
    ck_assert_int_gt(addr, 0);
    sys_scratch = (gva)addr;
    sys_unmapped = sys_scratch + SYS_SCRATCH_SIZE;
    ck_assert_int_eq(mm_munmap(mm, sys_unmapped, MM_PAGE_SIZE), 0);
    memset(&sys_env, 0, sizeof sys_env);
    memset(&sys_task, 0, sizeof sys_task);
    sys_task.env = &sys_env;
    sys_task.abi = &sys_abi_generic;
    sys_task.machine = "riscv64";
    sys_task.mm = mm;
    strcpy(sys_tmpdir, "/tmp/ferry-sys-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(sys_tmpdir));
    atexit(sys_remove_tmpdir);
}

void sys_teardown(void)
{
    sys_remove_tmpdir();
    ck_assert_str_eq(sys_tmpdir, "");
    mm_free(sys_task.mm);
}

long sys_call(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
              uint64_t a4, uint64_t a5)
{
    const struct frontend_linux_abi *abi = sys_task.abi;
    uint64_t a[6] = {a0, a1, a2, a3, a4, a5}, ret;

    memcpy((char *)&sys_env + abi->syscall_nr, &nr, sizeof nr);
    for (int i = 0; i < 6; i++)
        memcpy((char *)&sys_env + abi->syscall_arg[i], &a[i], sizeof a[i]);
    ck_assert_int_eq(lx_syscall(&sys_task), LX_CONTINUE);
    memcpy(&ret, (char *)&sys_env + abi->syscall_ret, sizeof ret);
    return (long)ret;
}

void *sys_h(gva addr)
{
    return mm_g2h(sys_task.mm, addr);
}

gva sys_str(size_t off, const char *s)
{
    ck_assert_uint_le(off + strlen(s) + 1, SYS_SCRATCH_SIZE);
    memcpy(sys_h(sys_scratch + off), s, strlen(s) + 1);
    return sys_scratch + off;
}

gva sys_tmp_path(size_t off, const char *name)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s", sys_tmpdir, name);
    return sys_str(off, path);
}

/* --- the table ----------------------------------------------------------- */

struct row {
    unsigned nr;
    const char *name;
    unsigned nargs;
    bool implemented;
    const char *format;
};

static const struct row rows[] = {
#define LX_SYSCALL(nr, name, nargs, fn, fmt) {nr, #name, nargs, true, fmt},
#define LX_NOSYS(nr, name, nargs) {nr, #name, nargs, false, NULL},
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
};
#define N_ROWS (sizeof rows / sizeof rows[0])

START_TEST(test_table_numbers_are_unique_and_ascending)
{
    for (size_t i = 1; i < N_ROWS; i++)
        ck_assert_msg(rows[i - 1].nr < rows[i].nr, "%s (%u) after %s (%u)",
                      rows[i].name, rows[i].nr, rows[i - 1].name,
                      rows[i - 1].nr);
    ck_assert_uint_lt(rows[N_ROWS - 1].nr, LX_NR_MAX);
}
END_TEST

START_TEST(test_table_rows_are_what_lookups_return)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        ck_assert_str_eq(lx_syscall_name(rows[i].nr), rows[i].name);
        ck_assert(lx_syscall_implemented(rows[i].nr) == rows[i].implemented);
        ck_assert_uint_le(rows[i].nargs, 6);
    }
}
END_TEST

START_TEST(test_table_formats_have_one_known_letter_per_argument)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        const char *f = rows[i].format, *result;

        if (!rows[i].implemented)
            continue;
        size_t letters = 0;

        result = strchr(f, '=');
        /* one letter per argument, each maybe after a '>' (written by
         * the call) */
        for (const char *p = f; *p && *p != '='; p++, letters++) {
            p += *p == '>';
            ck_assert_msg(*p && strchr(LX_STRACE_LETTERS, *p), "%s",
                          rows[i].name);
        }
        ck_assert_msg(letters == rows[i].nargs, "%s", rows[i].name);
        if (result) /* an optional result letter */
            ck_assert_msg(strcmp(result, "=p") == 0, "%s", rows[i].name);
    }
}
END_TEST

/* Spot checks against include/uapi/asm-generic/unistd.h. */
START_TEST(test_table_names_match_asm_generic_numbers)
{
    ck_assert_str_eq(lx_syscall_name(56), "openat");
    ck_assert_str_eq(lx_syscall_name(63), "read");
    ck_assert_str_eq(lx_syscall_name(64), "write");
    ck_assert_str_eq(lx_syscall_name(79), "newfstatat");
    ck_assert_str_eq(lx_syscall_name(94), "exit_group");
    ck_assert_str_eq(lx_syscall_name(214), "brk");
    ck_assert_str_eq(lx_syscall_name(222), "mmap");
    ck_assert_str_eq(lx_syscall_name(260), "wait4");
    ck_assert_str_eq(lx_syscall_name(291), "statx");
    ck_assert_str_eq(lx_syscall_name(435), "clone3");
    ck_assert_str_eq(lx_syscall_name(450), "set_mempolicy_home_node");
    ck_assert_ptr_null(lx_syscall_name(258)); /* riscv_hwprobe: per arch */
    ck_assert_ptr_null(lx_syscall_name(403)); /* 32-bit only */
    ck_assert_ptr_null(lx_syscall_name(451));
    ck_assert_ptr_null(lx_syscall_name(1u << 20));
    ck_assert_ptr_null(lx_syscall_name(UINT64_MAX));
}
END_TEST

/* --- the dispatcher ------------------------------------------------------ */

START_TEST(test_unknown_and_unimplemented_numbers_give_enosys)
{
    ck_assert(!lx_syscall_implemented(NR_rseq));
    ck_assert_int_eq(SYS0(NR_rseq), -LX_ENOSYS);
    ck_assert_int_eq(SYS0(451), -LX_ENOSYS);
    ck_assert_int_eq(SYS0(UINT64_MAX), -LX_ENOSYS);
}
END_TEST

/* Redirects stderr into a temporary file while f runs; returns what was
 * written (static buffer). */
static const char *capture_stderr(void (*f)(void))
{
    static char out[4096];
    FILE *tmp = tmpfile();
    int saved = dup(2);
    size_t n;

    ck_assert_ptr_nonnull(tmp);
    fflush(stderr);
    dup2(fileno(tmp), 2);
    f();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    n = fread(out, 1, sizeof out - 1, tmp);
    out[n] = '\0';
    fclose(tmp);
    return out;
}

static void call_unimplemented_twice(void)
{
    SYS0(NR_rseq);
    SYS0(NR_rseq);
    SYS0(9999);
    SYS0(9999);
    SYS0(258);
}

START_TEST(test_unimplemented_syscalls_are_logged_once_each)
{
    const char *log;

    log_mask |= LOG_UNIMP;
    log = capture_stderr(call_unimplemented_twice);
    ck_assert_str_eq(log, "ferry: unimplemented syscall 293 (rseq)\n"
                          "ferry: unknown syscall 9999\n"
                          "ferry: unknown syscall 258\n");
}
END_TEST

START_TEST(test_unimplemented_syscalls_are_silent_without_the_flag)
{
    ck_assert_str_eq(capture_stderr(call_unimplemented_twice), "");
}
END_TEST

static long arch_hook(struct lx_task *t, uint64_t nr, const uint64_t a[6])
{
    (void)t;
    return nr == 259 ? (long)(a[0] + a[1]) : -LX_ENOSYS;
}

START_TEST(test_arch_syscalls_go_to_the_frontend_hook)
{
    sys_task.arch_syscall = arch_hook;
    ck_assert_int_eq(SYS2(259, 40, 2), 42);
    ck_assert_int_eq(SYS2(258, 40, 2), -LX_ENOSYS);
    ck_assert_int_eq(SYS0(NR_getpid), getpid()); /* generic ones still win */
}
END_TEST

static void exit_group_status(uint64_t status, int want)
{
    uint64_t nr = NR_exit_group;

    memcpy((char *)&sys_env + sys_abi_generic.syscall_nr, &nr, sizeof nr);
    memcpy((char *)&sys_env + sys_abi_generic.syscall_arg[0], &status,
           sizeof status);
    ck_assert_int_eq(lx_syscall(&sys_task), LX_EXIT);
    ck_assert(sys_task.exited);
    ck_assert_int_eq(sys_task.exit_status, want);
}

START_TEST(test_exit_group_ends_with_the_low_byte_of_the_status)
{
    exit_group_status(0x1234, 0x34);
    sys_task.exited = false;
    exit_group_status((uint64_t)-1, 255);
    sys_task.exited = false;
    exit_group_status(0, 0);
}
END_TEST

START_TEST(test_arguments_come_from_the_abi_registers)
{
    /* arm64 layout: number in x8, result in x0 */
    sys_task.abi = &sys_abi_arm;
    sys_env.x[17] = NR_getpid; /* riscv's number register: ignored */
    ck_assert_int_eq(SYS0(NR_gettid), syscall(SYS_gettid));
    ck_assert_int_eq(sys_env.x[0], syscall(SYS_gettid));
}
END_TEST

static void openat_missing(void)
{
    sys_str(0, "/nonexistent/ferry");
    SYS4(NR_openat, LX_AT_FDCWD, sys_scratch, O_RDONLY, 0);
    SYS4(NR_rseq, 0, 32, 0, 0x53053053);
    mm_set_brk_start(sys_task.mm, 0x20000000);
    SYS1(NR_brk, 0);
    exit_group_status(3, 3);
}

START_TEST(test_strace_prints_arguments_and_errors)
{
    /* strace(1)'s format: flags by name, errno names, and the exit line;
     * no pid prefix for the main thread. */
    const char *want =
        "openat(AT_FDCWD, \"/nonexistent/ferry\", O_RDONLY) = -1 ENOENT "
        "(No such file or directory)\n"
        "rseq(0, 0x20, 0, 0x53053053)            = -1 ENOSYS (Function not "
        "implemented)\n"
        "brk(NULL)                               = 0x20000000\n"
        "exit_group(3)                           = ?\n"
        "+++ exited with 3 +++\n";

    sys_task.strace = true;
    ck_assert_str_eq(capture_stderr(openat_missing), want);
}
END_TEST

START_TEST(test_set_tid_address_keeps_the_pointer_and_returns_the_tid)
{
    ck_assert_int_eq(SYS1(NR_set_tid_address, 0x1234), syscall(SYS_gettid));
    ck_assert_uint_eq(sys_task.clear_child_tid, 0x1234);
}
END_TEST

START_TEST(test_set_robust_list_wants_the_64_bit_head_size)
{
    ck_assert_int_eq(SYS2(NR_set_robust_list, sys_scratch, 24), 0);
    ck_assert_uint_eq(sys_task.robust_list, sys_scratch);
    ck_assert_int_eq(SYS2(NR_set_robust_list, sys_scratch, 16), -LX_EINVAL);
}
END_TEST

static Suite *syscalls_suite(void)
{
    Suite *s = suite_create("syscalls");
    TCase *tc = tcase_create("dispatch");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_table_numbers_are_unique_and_ascending);
    tcase_add_test(tc, test_table_rows_are_what_lookups_return);
    tcase_add_test(tc, test_table_formats_have_one_known_letter_per_argument);
    tcase_add_test(tc, test_table_names_match_asm_generic_numbers);
    tcase_add_test(tc, test_unknown_and_unimplemented_numbers_give_enosys);
    tcase_add_test(tc, test_unimplemented_syscalls_are_logged_once_each);
    tcase_add_test(tc, test_unimplemented_syscalls_are_silent_without_the_flag);
    tcase_add_test(tc, test_arch_syscalls_go_to_the_frontend_hook);
    tcase_add_test(tc, test_exit_group_ends_with_the_low_byte_of_the_status);
    tcase_add_test(tc, test_arguments_come_from_the_abi_registers);
    tcase_add_test(tc, test_strace_prints_arguments_and_errors);
    tcase_add_test(tc,
                   test_set_tid_address_keeps_the_pointer_and_returns_the_tid);
    tcase_add_test(tc, test_set_robust_list_wants_the_64_bit_head_size);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, sys_tcase_fd());
    suite_add_tcase(s, sys_tcase_fs());
    suite_add_tcase(s, sys_tcase_sys());
    suite_add_tcase(s, sys_tcase_mm());
    suite_add_tcase(s, sys_tcase_event());
    suite_add_tcase(s, sys_tcase_net());
    return s;
}

int main(void)
{
    return unit_run(syscalls_suite());
}
