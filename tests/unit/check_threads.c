/* tests/unit/check_threads.c: guest threads and processes through the
 * syscall entry point: futex and robust lists, clone's argument checks,
 * fork and vfork without a translator, wait4/waitid, execve's rules. */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mm/mm.h"
#include "syscalls/linux/lx_thr.h"
#include "tests/unit/unit.h"

enum {
    NR_exit_group = 94,
    NR_waitid = 95,
    NR_futex = 98,
    NR_get_robust_list = 100,
    NR_clone = 220,
    NR_execve = 221,
    NR_wait4 = 260,
    NR_execveat = 281,
    NR_membarrier = 283,
    NR_clone3 = 435,
};

struct thr_env {
    struct cpu_common common;
    uint64_t x[32];
};

#define THR_REG(i)                                                             \
    ((uint32_t)(offsetof(struct thr_env, x) + (i) * sizeof(uint64_t)))

/* riscv64's registers: a7 number, a0-a5 arguments, sp x2, tp x4. */
static const struct frontend_linux_abi thr_abi = {
    .syscall_nr = THR_REG(17),
    .syscall_arg = {THR_REG(10), THR_REG(11), THR_REG(12), THR_REG(13),
                    THR_REG(14), THR_REG(15)},
    .syscall_ret = THR_REG(10),
    .sp = THR_REG(2),
    .tp = THR_REG(4),
};

#define THR_SCRATCH (64u * 1024)

static struct thr_env env;
static struct lx_task task;
static gva scratch;
static char tmpdir[64];

static void setup(void)
{
    struct mm *mm;
    int64_t addr;

    ck_assert_int_eq(mm_init(&mm, 0), 0);
    addr = mm_mmap(mm, 0, THR_SCRATCH, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, NULL);
    ck_assert_int_gt(addr, 0);
    scratch = (gva)addr;
    memset(&env, 0, sizeof env);
    memset(&task, 0, sizeof task);
    task.env = &env;
    task.abi = &thr_abi;
    task.machine = "riscv64";
    task.mm = mm;
    task.tid = (int)syscall(SYS_gettid);
    strcpy(tmpdir, "/tmp/ferry-thr-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
    mm_free(task.mm);
}

static long call(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t a5)
{
    uint64_t a[6] = {a0, a1, a2, a3, a4, a5}, ret;

    memcpy((char *)&env + thr_abi.syscall_nr, &nr, sizeof nr);
    for (int i = 0; i < 6; i++)
        memcpy((char *)&env + thr_abi.syscall_arg[i], &a[i], sizeof a[i]);
    ck_assert_int_eq(lx_syscall(&task), LX_CONTINUE);
    memcpy(&ret, (char *)&env + thr_abi.syscall_ret, sizeof ret);
    return (long)ret;
}

static void *h(gva addr)
{
    return mm_g2h(task.mm, addr);
}

static gva gstr(size_t off, const char *s)
{
    memcpy(h(scratch + off), s, strlen(s) + 1);
    return scratch + off;
}

/* A NULL-terminated guest array of the strings, at off (strings after
 * the array). */
static gva gstrv(size_t off, const char *const *v)
{
    size_t n = 0, str = off + 8 * 16;

    for (; v[n]; n++) {
        uint64_t p = gstr(str, v[n]);

        memcpy(h(scratch + off + 8 * n), &p, 8);
        str += strlen(v[n]) + 1;
    }
    memset(h(scratch + off + 8 * n), 0, 8);
    return scratch + off;
}

/* --- futex --------------------------------------------------------------- */

START_TEST(test_futex_wait_with_another_value_gives_eagain)
{
    *(uint32_t *)h(scratch) = 5;
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_WAIT_PRIVATE, 4, 0, 0, 0),
                     -LX_EAGAIN);
}
END_TEST

START_TEST(test_futex_wait_times_out_after_its_timeout)
{
    struct timespec ts = {0, 20 * 1000 * 1000}, t0, t1;
    long ns;

    *(uint32_t *)h(scratch) = 5;
    memcpy(h(scratch + 64), &ts, sizeof ts);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_WAIT_PRIVATE, 5,
                          scratch + 64, 0, 0),
                     -ETIMEDOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ns = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
    ck_assert_int_ge(ns, 19 * 1000 * 1000);
}
END_TEST

START_TEST(test_futex_on_unmapped_memory_gives_efault)
{
    ck_assert_int_eq(call(NR_futex, scratch + THR_SCRATCH, FUTEX_WAKE, 1, 0,
                          0, 0),
                     -LX_EFAULT);
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_CMP_REQUEUE, 1, 1,
                          scratch + THR_SCRATCH, 0),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_futex_cmp_requeue_checks_the_value)
{
    *(uint32_t *)h(scratch) = 3;
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1,
                          scratch + 4, 2),
                     -LX_EAGAIN);
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1,
                          scratch + 4, 3),
                     0);
}
END_TEST

static _Atomic uint32_t *waiter_word;
static atomic_int waiter_result = 1;

/* A host thread waiting on the guest word the way a guest thread would. */
static void *waiter(void *arg)
{
    (void)arg;
    atomic_store(&waiter_result,
                 (int)lx_host_futex((void *)waiter_word, FUTEX_WAIT_PRIVATE,
                                    0, NULL, NULL, 0));
    return NULL;
}

START_TEST(test_futex_wake_wakes_a_waiter_and_counts_it)
{
    pthread_t th;
    long woken = 0;

    waiter_word = h(scratch);
    atomic_store(waiter_word, 0);
    ck_assert_int_eq(pthread_create(&th, NULL, waiter, NULL), 0);
    for (int i = 0; i < 2000 && woken == 0; i++) {
        woken = call(NR_futex, scratch, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
        usleep(1000);
    }
    pthread_join(th, NULL);
    ck_assert_int_eq(woken, 1);
    ck_assert_int_eq(atomic_load(&waiter_result), 0);
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0),
                     0);
}
END_TEST

START_TEST(test_futex_trylock_pi_takes_a_free_lock_with_the_tid)
{
    *(uint32_t *)h(scratch) = 0;
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_TRYLOCK_PI_PRIVATE, 0, 0,
                          0, 0),
                     0);
    ck_assert_uint_eq(*(uint32_t *)h(scratch), (uint32_t)task.tid);
    ck_assert_int_eq(call(NR_futex, scratch, FUTEX_UNLOCK_PI_PRIVATE, 0, 0,
                          0, 0),
                     0);
    ck_assert_uint_eq(*(uint32_t *)h(scratch), 0);
}
END_TEST

/* Head at scratch+256: next, futex_offset 8, pending; entries link back. */
static void robust_setup(gva e1, gva e2, uint32_t w1, uint32_t w2)
{
    uint64_t head[3] = {e1, 8, 0}, n1 = e2, n2 = scratch + 256;

    memcpy(h(scratch + 256), head, sizeof head);
    memcpy(h(e1), &n1, 8);
    memcpy(h(e2), &n2, 8);
    memcpy(h(e1 + 8), &w1, 4);
    memcpy(h(e2 + 8), &w2, 4);
    task.robust_list = scratch + 256;
    task.robust_len = 24;
}

START_TEST(test_thread_death_marks_its_robust_futexes_owner_died)
{
    gva e1 = scratch + 512, e2 = scratch + 1024;
    uint32_t tid = (uint32_t)task.tid;

    robust_setup(e1, e2, tid | FUTEX_WAITERS, (tid + 1) & FUTEX_TID_MASK);
    lx_thr_release(&task);
    ck_assert_uint_eq(*(uint32_t *)h(e1 + 8),
                      FUTEX_WAITERS | FUTEX_OWNER_DIED);
    /* Another owner's futex is left alone. */
    ck_assert_uint_eq(*(uint32_t *)h(e2 + 8), (tid + 1) & FUTEX_TID_MASK);
    ck_assert_uint_eq(task.robust_list, 0);
}
END_TEST

START_TEST(test_thread_death_clears_and_wakes_clear_child_tid)
{
    *(uint32_t *)h(scratch + 64) = 1234;
    task.clear_child_tid = scratch + 64;
    lx_thr_release(&task);
    ck_assert_uint_eq(*(uint32_t *)h(scratch + 64), 0);
    ck_assert_uint_eq(task.clear_child_tid, 0);
}
END_TEST

START_TEST(test_get_robust_list_gives_own_head_only)
{
    task.robust_list = 0x1230;
    task.robust_len = 24;
    ck_assert_int_eq(call(NR_get_robust_list, 0, scratch, scratch + 8, 0, 0,
                          0),
                     0);
    ck_assert_uint_eq(*(uint64_t *)h(scratch), 0x1230);
    ck_assert_uint_eq(*(uint64_t *)h(scratch + 8), 24);
    ck_assert_int_eq(call(NR_get_robust_list, 1, scratch, scratch + 8, 0, 0,
                          0),
                     -LX_EPERM);
}
END_TEST

START_TEST(test_membarrier_query_lists_private_expedited)
{
    long r = call(NR_membarrier, 0 /* QUERY */, 0, 0, 0, 0, 0);

    if (r == -LX_ENOSYS || r == -LX_EINVAL)
        return; /* a host kernel without membarrier: nothing to compare */
    ck_assert_int_ge(r, 0);
    ck_assert_int_eq(r, syscall(SYS_membarrier, 0, 0, 0));
}
END_TEST

/* --- clone's checks ------------------------------------------------------ */

START_TEST(test_clone_of_a_thread_without_runtime_gives_enosys)
{
    uint64_t flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                     CLONE_THREAD | CLONE_SYSVSEM;

    ck_assert_int_eq(call(NR_clone, flags, scratch + 4096, 0, 0, 0, 0),
                     -LX_ENOSYS);
}
END_TEST

START_TEST(test_clone_with_thread_but_not_vm_gives_einval)
{
    ck_assert_int_eq(call(NR_clone, CLONE_THREAD | CLONE_SIGHAND | SIGCHLD,
                          0, 0, 0, 0, 0),
                     -LX_EINVAL);
    ck_assert_int_eq(call(NR_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0, 0),
                     -LX_EINVAL);
}
END_TEST

START_TEST(test_clone3_checks_its_size_and_fields)
{
    uint64_t args[11] = {0};

    args[4] = SIGCHLD;
    args[8] = scratch; /* set_tid */
    memcpy(h(scratch + 512), args, sizeof args);
    ck_assert_int_eq(call(NR_clone3, scratch + 512, 63, 0, 0, 0, 0),
                     -LX_EINVAL);
    ck_assert_int_eq(call(NR_clone3, scratch + 512, 8192, 0, 0, 0, 0),
                     -LX_E2BIG);
    ck_assert_int_eq(call(NR_clone3, scratch + 512, 88, 0, 0, 0, 0),
                     -LX_EINVAL);
    ck_assert_int_eq(call(NR_clone3, scratch + THR_SCRATCH - 32, 88, 0, 0, 0,
                          0),
                     -LX_EFAULT);
}
END_TEST

/* --- processes ----------------------------------------------------------- */

START_TEST(test_fork_returns_zero_in_the_child_and_its_pid_in_the_parent)
{
    long pid = call(NR_clone, SIGCHLD | CLONE_PARENT_SETTID |
                                  CLONE_CHILD_SETTID,
                    0, scratch, 0, scratch + 8, 0);
    int st;

    if (pid == 0) /* the child: its own tid written in its own memory */
        _exit(*(int32_t *)h(scratch + 8) == getpid() ? 7 : 1);
    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(*(int32_t *)h(scratch), pid);
    ck_assert_int_eq(call(NR_wait4, (uint64_t)pid, scratch + 16, 0, 0, 0, 0),
                     pid);
    st = *(int *)h(scratch + 16);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 7);
}
END_TEST

START_TEST(test_vfork_parent_waits_until_the_child_exits)
{
    int p[2];
    long pid;
    char c = 0;

    ck_assert_int_eq(pipe2(p, O_NONBLOCK), 0);
    pid = call(NR_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        usleep(50 * 1000);
        (void)!write(p[1], "x", 1);
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    /* Without the wait the pipe would still be empty here. */
    ck_assert_int_eq(read(p[0], &c, 1), 1);
    ck_assert_int_eq(c, 'x');
    ck_assert_int_eq(waitpid((pid_t)pid, NULL, 0), pid);
}
END_TEST

START_TEST(test_wait4_without_children_gives_echild)
{
    ck_assert_int_eq(call(NR_wait4, (uint64_t)-1, 0, 0, 0, 0, 0),
                     -LX_ECHILD);
}
END_TEST

START_TEST(test_wait4_checks_pointers_before_reaping)
{
    pid_t pid = fork();

    if (pid == 0)
        _exit(3);
    ck_assert_int_eq(call(NR_wait4, (uint64_t)pid, scratch + THR_SCRATCH, 0,
                          0, 0, 0),
                     -LX_EFAULT);
    /* The child was not lost: a good call reaps it, with its rusage. */
    ck_assert_int_eq(call(NR_wait4, (uint64_t)pid, scratch, 0, scratch + 64,
                          0, 0),
                     pid);
    ck_assert_int_eq(WEXITSTATUS(*(int *)h(scratch)), 3);
    ck_assert_int_lt(((struct rusage *)h(scratch + 64))->ru_utime.tv_usec,
                     1000000);
}
END_TEST

START_TEST(test_wait4_with_wnohang_gives_zero_while_the_child_runs)
{
    pid_t pid = fork();

    if (pid == 0) {
        pause();
        _exit(0);
    }
    ck_assert_int_eq(call(NR_wait4, (uint64_t)pid, 0, WNOHANG, 0, 0, 0), 0);
    kill(pid, SIGKILL);
    ck_assert_int_eq(call(NR_wait4, (uint64_t)pid, scratch, 0, 0, 0, 0), pid);
    ck_assert(WIFSIGNALED(*(int *)h(scratch)));
    ck_assert_int_eq(WTERMSIG(*(int *)h(scratch)), SIGKILL);
}
END_TEST

START_TEST(test_waitid_fills_the_siginfo)
{
    pid_t pid = fork();
    siginfo_t *si = h(scratch);

    if (pid == 0)
        _exit(42);
    memset(si, 0xff, sizeof *si);
    ck_assert_int_eq(call(NR_waitid, P_PID, (uint64_t)pid, scratch, WEXITED,
                          0, 0),
                     0);
    ck_assert_int_eq(si->si_signo, SIGCHLD);
    ck_assert_int_eq(si->si_code, CLD_EXITED);
    ck_assert_int_eq(si->si_pid, pid);
    ck_assert_int_eq(si->si_status, 42);
}
END_TEST

/* --- execve -------------------------------------------------------------- */

static gva tmpfile_with(const char *name, const char *text, mode_t mode)
{
    char path[256];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    ck_assert_ptr_nonnull(f = fopen(path, "w"));
    fputs(text, f);
    fclose(f);
    ck_assert_int_eq(chmod(path, mode), 0);
    return gstr(4096 + 256 * (size_t)(name[0] & 15), path);
}

static long execve_path(gva path)
{
    static const char *const argv[] = {"x", NULL};

    return call(NR_execve, path, gstrv(8192, argv), 0, 0, 0, 0);
}

START_TEST(test_execve_errors_follow_the_kernel)
{
    ck_assert_int_eq(execve_path(gstr(0, "/nonexistent/x")), -LX_ENOENT);
    ck_assert_int_eq(execve_path(gstr(0, "")), -LX_ENOENT);
    ck_assert_int_eq(execve_path(gstr(0, "/tmp")), -LX_EACCES);
    ck_assert_int_eq(execve_path(tmpfile_with("a", "text\n", 0644)),
                     -LX_EACCES);
    ck_assert_int_eq(execve_path(tmpfile_with("b", "text\n", 0755)),
                     -LX_ENOEXEC);
    ck_assert_int_eq(execve_path(tmpfile_with("c", "#!\n", 0755)),
                     -LX_ENOEXEC);
    ck_assert_int_eq(call(NR_execve, scratch + THR_SCRATCH, 0, 0, 0, 0, 0),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_execve_of_a_script_running_itself_gives_eloop)
{
    char text[300];

    snprintf(text, sizeof text, "#!%s/d\n", tmpdir);
    ck_assert_int_eq(execve_path(tmpfile_with("d", text, 0755)), -LX_ELOOP);
}
END_TEST

/* Runs the guest execve in a child and returns its exit status. */
static int exec_status(gva path, const char *const *argv)
{
    gva av = gstrv(8192, argv);
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        call(NR_execve, path, av, 0, 0, 0, 0);
        _exit(99);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert(WIFEXITED(st));
    return WEXITSTATUS(st);
}

START_TEST(test_execve_runs_a_native_program_with_its_arguments)
{
    static const char *const argv[] = {"sh", "-c", "exit $#", "zero", "1",
                                       "2", NULL};

    ck_assert_int_eq(exec_status(gstr(0, "/bin/sh"), argv), 2);
}
END_TEST

START_TEST(test_execve_of_a_script_runs_its_interpreter_with_the_arguments)
{
    static const char *const argv[] = {"ignored", "p", "q", "r", NULL};
    gva path = tmpfile_with("e", "#!/bin/sh\nexit $#\n", 0755);

    ck_assert_int_eq(exec_status(path, argv), 3);
}
END_TEST

START_TEST(test_execve_of_a_script_passes_one_optional_argument)
{
    /* printf FORMAT SCRIPT p q: the one argument keeps its inner blank
     * and loses the trailing ones. */
    static const char *const argv[] = {"ignored", "p", "q", NULL};
    gva path = tmpfile_with("f", "#! /usr/bin/printf  %s %s|  \n", 0755);
    char out[256], want[600];
    int fd, st;
    ssize_t n;
    pid_t pid;

    snprintf(out, sizeof out, "%s/out", tmpdir);
    gstrv(8192, argv);
    pid = fork();
    if (pid == 0) {
        fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        call(NR_execve, path, scratch + 8192, 0, 0, 0, 0);
        _exit(99);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_int_eq(WEXITSTATUS(st), 0);
    ck_assert_int_ge(fd = open(out, O_RDONLY), 0);
    n = read(fd, out, sizeof out - 1);
    close(fd);
    ck_assert_int_gt(n, 0);
    out[n] = '\0';
    snprintf(want, sizeof want, "%s p|q |", (char *)h(path));
    ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(test_execveat_with_an_empty_path_runs_the_fd)
{
    static const char *const argv[] = {"sh", "-c", "exit 5", NULL};
    int fd = open("/bin/sh", O_RDONLY | O_CLOEXEC);
    gva av = gstrv(8192, argv), empty = gstr(0, "");
    pid_t pid;
    int st;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(call(NR_execveat, (uint64_t)fd, empty, av, 0, 0, 0),
                     -LX_ENOENT);
    ck_assert_int_eq(call(NR_execveat, (uint64_t)fd, empty, av, 0, 0x4000, 0),
                     -LX_EINVAL);
    pid = fork();
    if (pid == 0) {
        call(NR_execveat, (uint64_t)fd, empty, av, 0, AT_EMPTY_PATH, 0);
        _exit(99);
    }
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert_int_eq(WEXITSTATUS(st), 5);
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *f = tcase_create("futex"), *c = tcase_create("clone"),
          *p = tcase_create("process"), *e = tcase_create("exec");

    tcase_add_checked_fixture(f, setup, teardown);
    tcase_add_test(f, test_futex_wait_with_another_value_gives_eagain);
    tcase_add_test(f, test_futex_wait_times_out_after_its_timeout);
    tcase_add_test(f, test_futex_on_unmapped_memory_gives_efault);
    tcase_add_test(f, test_futex_cmp_requeue_checks_the_value);
    tcase_add_test(f, test_futex_wake_wakes_a_waiter_and_counts_it);
    tcase_add_test(f, test_futex_trylock_pi_takes_a_free_lock_with_the_tid);
    tcase_add_test(f, test_thread_death_marks_its_robust_futexes_owner_died);
    tcase_add_test(f, test_thread_death_clears_and_wakes_clear_child_tid);
    tcase_add_test(f, test_get_robust_list_gives_own_head_only);
    tcase_add_test(f, test_membarrier_query_lists_private_expedited);
    suite_add_tcase(s, f);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_add_test(c, test_clone_of_a_thread_without_runtime_gives_enosys);
    tcase_add_test(c, test_clone_with_thread_but_not_vm_gives_einval);
    tcase_add_test(c, test_clone3_checks_its_size_and_fields);
    suite_add_tcase(s, c);
    tcase_add_checked_fixture(p, setup, teardown);
    tcase_add_test(p, test_fork_returns_zero_in_the_child_and_its_pid_in_the_parent);
    tcase_add_test(p, test_vfork_parent_waits_until_the_child_exits);
    tcase_add_test(p, test_wait4_without_children_gives_echild);
    tcase_add_test(p, test_wait4_checks_pointers_before_reaping);
    tcase_add_test(p, test_wait4_with_wnohang_gives_zero_while_the_child_runs);
    tcase_add_test(p, test_waitid_fills_the_siginfo);
    suite_add_tcase(s, p);
    tcase_add_checked_fixture(e, setup, teardown);
    tcase_add_test(e, test_execve_errors_follow_the_kernel);
    tcase_add_test(e, test_execve_of_a_script_running_itself_gives_eloop);
    tcase_add_test(e, test_execve_runs_a_native_program_with_its_arguments);
    tcase_add_test(e, test_execve_of_a_script_runs_its_interpreter_with_the_arguments);
    tcase_add_test(e, test_execve_of_a_script_passes_one_optional_argument);
    tcase_add_test(e, test_execveat_with_an_empty_path_runs_the_fd);
    suite_add_tcase(s, e);
    return s;
}

int main(void)
{
    return unit_run(threads_suite());
}
