/* tests/unit/check_signal.c: guest signals: the signal syscalls, the
 * pending queues, delivery onto the riscv64 frame and rt_sigreturn, the
 * EINTR/restart decision and default actions, on a real guest address
 * space with a riscv64 CPU state. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontends/riscv64/riscv64.h"
#include "mm/mm.h"
#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_signal.h"
#include "syscalls/linux/lx_sys.h"
#include "tests/unit/unit.h"

#define SCRATCH_SIZE (64u * 1024)
#define BIT(s) LX_SIGBIT(s)

static struct rv_cpu env;
static struct lx_task task;
static gva scratch; /* read-write guest memory */

static void setup(void)
{
    struct mm *mm;
    int64_t addr;

    ck_assert_int_eq(mm_init(&mm, 0), 0);
    addr = mm_mmap(mm, 0, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, NULL);
    ck_assert_int_gt(addr, 0);
    scratch = (gva)addr;
    memset(&env, 0, sizeof env);
    memset(&task, 0, sizeof task);
    env.res_addr = RV_NO_RESERVATION;
    task.env = &env;
    task.abi = rv_frontend.linux_abi;
    task.machine = "riscv64";
    task.mm = mm;
    ck_assert_int_eq(lx_signal_thread_start(&task), 0);
}

static void teardown(void)
{
    lx_signal_thread_end(&task);
    mm_free(task.mm);
}

static void *h(gva addr)
{
    return mm_g2h(task.mm, addr);
}

static long call(lx_handler *fn, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3)
{
    const uint64_t a[6] = {a0, a1, a2, a3, 0, 0};

    return fn(&task, a);
}

/* The guest's sigaction (riscv64: handler, flags, mask) at scratch+off. */
static gva put_action(size_t off, uint64_t handler, uint64_t flags,
                      uint64_t mask)
{
    uint64_t w[3] = {handler, flags, mask};

    memcpy(h(scratch + off), w, sizeof w);
    return scratch + off;
}

static void set_action(int sig, uint64_t handler, uint64_t flags,
                       uint64_t mask)
{
    ck_assert_int_eq(call(lx_sys_rt_sigaction, (uint64_t)sig,
                          put_action(0, handler, flags, mask), 0, 8),
                     0);
}

static uint64_t u64_at(gva addr)
{
    uint64_t v;

    memcpy(&v, h(addr), sizeof v);
    return v;
}

static struct lx_siginfo user_info(int sig, int value)
{
    struct lx_siginfo i = {.si_signo = sig, .si_code = LX_SI_QUEUE};

    i.u.kill.value = (uint64_t)value;
    return i;
}

START_TEST(test_sigaction_rejects_bad_sizes_and_numbers)
{
    gva act = put_action(0, 0x1000, 0, 0);

    ck_assert_int_eq(call(lx_sys_rt_sigaction, LX_SIGUSR1, act, 0, 4),
                     -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigaction, 0, act, 0, 8), -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigaction, 65, act, 0, 8), -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigaction, LX_SIGKILL, act, 0, 8),
                     -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigaction, LX_SIGSTOP, act, 0, 8),
                     -LX_EINVAL);
    /* Asking about SIGKILL is fine. */
    ck_assert_int_eq(
        call(lx_sys_rt_sigaction, LX_SIGKILL, 0, scratch + 64, 8), 0);
    ck_assert_int_eq(call(lx_sys_rt_sigaction, LX_SIGUSR1, scratch + 0x100000,
                          0, 8),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_sigaction_round_trips_without_kill_and_stop_in_mask)
{
    set_action(LX_SIGUSR2, 0x12340, LX_SA_SIGINFO | LX_SA_RESTART,
               ~(uint64_t)0);
    ck_assert_int_eq(
        call(lx_sys_rt_sigaction, LX_SIGUSR2, 0, scratch + 64, 8), 0);
    ck_assert_uint_eq(u64_at(scratch + 64), 0x12340);
    ck_assert_uint_eq(u64_at(scratch + 72), LX_SA_SIGINFO | LX_SA_RESTART);
    ck_assert_uint_eq(u64_at(scratch + 80),
                      ~(uint64_t)0 & ~(BIT(9) | BIT(19)));
}
END_TEST

START_TEST(test_sigprocmask_blocks_unblocks_and_never_kill_or_stop)
{
    gva set = scratch, old = scratch + 8;

    memcpy(h(set), &(uint64_t){BIT(10) | BIT(9) | BIT(19)}, 8);
    ck_assert_int_eq(call(lx_sys_rt_sigprocmask, LX_SIG_BLOCK, set, old, 8),
                     0);
    ck_assert_uint_eq(u64_at(old), 0);
    ck_assert_uint_eq(task.sig_blocked, BIT(10));
    memcpy(h(set), &(uint64_t){BIT(12)}, 8);
    call(lx_sys_rt_sigprocmask, LX_SIG_BLOCK, set, 0, 8);
    memcpy(h(set), &(uint64_t){BIT(10)}, 8);
    call(lx_sys_rt_sigprocmask, LX_SIG_UNBLOCK, set, old, 8);
    ck_assert_uint_eq(u64_at(old), BIT(10) | BIT(12));
    ck_assert_uint_eq(task.sig_blocked, BIT(12));
    call(lx_sys_rt_sigprocmask, LX_SIG_SETMASK, set, 0, 8);
    ck_assert_uint_eq(task.sig_blocked, BIT(10));
    ck_assert_int_eq(call(lx_sys_rt_sigprocmask, 3, set, 0, 8), -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigprocmask, 0, set, 0, 16), -LX_EINVAL);
    ck_assert_uint_eq(task.sig_blocked, BIT(10));
}
END_TEST

START_TEST(test_standard_signals_queue_once_realtime_in_order)
{
    struct lx_siginfo out;

    for (int v = 1; v <= 3; v++) {
        struct lx_siginfo rt = user_info(LX_SIGRTMIN + 2, v);
        struct lx_siginfo usr = user_info(LX_SIGUSR1, v);

        ck_assert(lx_signal_queue(&task, &rt));
        ck_assert(lx_signal_queue(NULL, &usr));
    }
    ck_assert_uint_eq(lx_signal_pending(&task) & (BIT(10) | BIT(34)),
                      BIT(10) | BIT(34));
    /* The lowest number first; the first SIGUSR1 kept. */
    ck_assert_int_eq(lx_signal_dequeue(&task, ~(uint64_t)0, &out), 10);
    ck_assert_uint_eq(out.u.kill.value, 1);
    for (int v = 1; v <= 3; v++) {
        ck_assert_int_eq(lx_signal_dequeue(&task, ~(uint64_t)0, &out), 34);
        ck_assert_uint_eq(out.u.kill.value, (uint64_t)v);
    }
    ck_assert_int_eq(lx_signal_dequeue(&task, ~(uint64_t)0, &out), 0);
    ck_assert_uint_eq(lx_signal_pending(&task) & (BIT(10) | BIT(34)), 0);
}
END_TEST

START_TEST(test_kill_to_self_stays_pending_while_blocked)
{
    memcpy(h(scratch), &(uint64_t){BIT(LX_SIGUSR1)}, 8);
    call(lx_sys_rt_sigprocmask, LX_SIG_BLOCK, scratch, 0, 8);
    ck_assert_int_eq(call(lx_sys_kill, (uint64_t)getpid(), LX_SIGUSR1, 0, 0),
                     0);
    ck_assert_int_eq(call(lx_sys_rt_sigpending, scratch + 8, 8, 0, 0), 0);
    ck_assert_uint_eq(u64_at(scratch + 8), BIT(LX_SIGUSR1));
    ck_assert_int_eq(call(lx_sys_kill, (uint64_t)getpid(), 65, 0, 0),
                     -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_rt_sigpending, scratch + 8, 9, 0, 0),
                     -LX_EINVAL);
}
END_TEST

START_TEST(test_setting_sig_ign_discards_the_pending_signal)
{
    struct lx_siginfo i = user_info(LX_SIGUSR2, 0);

    task.sig_blocked = BIT(LX_SIGUSR2);
    lx_signal_queue(&task, &i);
    set_action(LX_SIGUSR2, LX_SIG_IGN, 0, 0);
    ck_assert_uint_eq(lx_signal_pending(&task) & BIT(LX_SIGUSR2), 0);
}
END_TEST

/* A pending SIGUSR1 with a handler at 0x5000, entered from pc 0x2004 with
 * sp and s1 known: where the frame lands and what it holds. */
static gva deliver_usr1(uint64_t flags, long ret, uint64_t nr)
{
    struct lx_siginfo i = user_info(LX_SIGUSR1, 42);

    set_action(LX_SIGUSR1, 0x5000, flags, BIT(LX_SIGUSR2));
    env.common.pc = 0x2004;
    env.x[2] = scratch + SCRATCH_SIZE - 8; /* not 16-aligned */
    env.x[9] = 0x99;
    env.x[10] = (uint64_t)ret;
    env.f[3] = 0x4000000000000000;
    env.frm = 2;
    env.fflags = 5;
    lx_signal_queue(&task, &i);
    lx_signal_deliver(&task, ret, nr, 7);
    return env.x[2];
}

START_TEST(test_delivery_builds_the_riscv64_frame)
{
    gva old_sp = scratch + SCRATCH_SIZE - 8;
    gva sp = deliver_usr1(LX_SA_SIGINFO, 0, 64);
    gva mc = sp + 128 + 176;

    ck_assert_uint_eq(sp, (old_sp - 1088) & ~(gva)15);
    ck_assert_uint_eq(env.common.pc, 0x5000);
    ck_assert_uint_eq(env.x[10], LX_SIGUSR1);
    ck_assert_uint_eq(env.x[11], sp);
    ck_assert_uint_eq(env.x[12], sp + 128);
    ck_assert_uint_eq(*(uint32_t *)h(env.x[1]), 0x08b00893);
    ck_assert_uint_eq(*(uint32_t *)h(env.x[1] + 4), 0x00000073);
    ck_assert_int_eq(*(int32_t *)h(sp), LX_SIGUSR1);
    ck_assert_int_eq(*(int32_t *)h(sp + 8), LX_SI_QUEUE);
    ck_assert_uint_eq(u64_at(sp + 24), 42);
    ck_assert_uint_eq(u64_at(sp + 128 + 40), 0); /* uc_sigmask: the old */
    ck_assert_int_eq(*(int32_t *)h(sp + 128 + 24), LX_SS_DISABLE);
    ck_assert_uint_eq(u64_at(mc), 0x2004);
    ck_assert_uint_eq(u64_at(mc + 8 * 2), old_sp);
    ck_assert_uint_eq(u64_at(mc + 8 * 9), 0x99);
    ck_assert_uint_eq(u64_at(mc + 256 + 8 * 3), 0x4000000000000000);
    ck_assert_uint_eq(*(uint32_t *)h(mc + 512), 2u << 5 | 5u);
    ck_assert_uint_eq(task.sig_blocked, BIT(LX_SIGUSR1) | BIT(LX_SIGUSR2));
}
END_TEST

START_TEST(test_sigreturn_restores_what_the_frame_holds)
{
    gva sp = deliver_usr1(0, 0, 64);
    gva mc = sp + 128 + 176;

    memcpy(h(mc), &(uint64_t){0x3000}, 8);     /* a moved pc */
    memcpy(h(mc + 8 * 9), &(uint64_t){0x77}, 8); /* s1 */
    memcpy(h(mc + 512), &(uint32_t){1u << 5 | 1u}, 4);
    env.x[9] = 0;
    env.f[3] = 0;
    env.res_addr = 0x100;
    ck_assert_int_eq(call(lx_sys_rt_sigreturn, 0, 0, 0, 0), 0);
    ck_assert_uint_eq(env.common.pc, 0x3000);
    ck_assert_uint_eq(env.x[9], 0x77);
    ck_assert_uint_eq(env.x[2], scratch + SCRATCH_SIZE - 8);
    ck_assert_uint_eq(env.f[3], 0x4000000000000000);
    ck_assert_uint_eq(env.frm, 1);
    ck_assert_uint_eq(env.fflags, 1);
    ck_assert_uint_eq(env.res_addr, RV_NO_RESERVATION);
    ck_assert_uint_eq(task.sig_blocked, 0);
}
END_TEST

START_TEST(test_sa_restart_moves_pc_back_to_the_syscall)
{
    gva sp = deliver_usr1(LX_SA_RESTART, -LX_EINTR, 63 /* read */);

    ck_assert_uint_eq(u64_at(sp + 128 + 176), 0x2000);
    ck_assert_uint_eq(u64_at(sp + 128 + 176 + 8 * 10), 7);
}
END_TEST

START_TEST(test_without_sa_restart_the_guest_sees_eintr)
{
    gva sp = deliver_usr1(0, -LX_EINTR, 63);

    ck_assert_uint_eq(u64_at(sp + 128 + 176), 0x2004);
    ck_assert_int_eq((long)u64_at(sp + 128 + 176 + 8 * 10), -LX_EINTR);
}
END_TEST

START_TEST(test_nanosleep_is_not_restarted_even_with_sa_restart)
{
    gva sp = deliver_usr1(LX_SA_RESTART, -LX_EINTR, 101);

    ck_assert_uint_eq(u64_at(sp + 128 + 176), 0x2004);
}
END_TEST

START_TEST(test_resethand_and_nodefer)
{
    deliver_usr1(LX_SA_RESETHAND | LX_SA_NODEFER, 0, 64);
    ck_assert_uint_eq(task.sig_blocked, BIT(LX_SIGUSR2));
    ck_assert_uint_eq(lx_sig_actions[LX_SIGUSR1].handler, LX_SIG_DFL);
}
END_TEST

START_TEST(test_sigaltstack_checks_and_onstack_frames)
{
    struct lx_stack ss = {.ss_sp = scratch, .ss_size = 1000};
    gva sp;

    memcpy(h(scratch + 0x8000), &ss, sizeof ss);
    ck_assert_int_eq(call(lx_sys_sigaltstack, scratch + 0x8000, 0, 0, 0),
                     -LX_ENOMEM);
    ss.ss_size = 8192;
    ss.ss_flags = 4;
    memcpy(h(scratch + 0x8000), &ss, sizeof ss);
    ck_assert_int_eq(call(lx_sys_sigaltstack, scratch + 0x8000, 0, 0, 0),
                     -LX_EINVAL);
    ss.ss_flags = 0;
    memcpy(h(scratch + 0x8000), &ss, sizeof ss);
    ck_assert_int_eq(call(lx_sys_sigaltstack, scratch + 0x8000, 0, 0, 0), 0);
    sp = deliver_usr1(LX_SA_ONSTACK, 0, 64);
    ck_assert_uint_eq(sp, (scratch + 8192 - 1088) & ~(gva)15);
    ck_assert_int_eq(*(int32_t *)h(sp + 128 + 24), 0);
    /* Now on it: no changes, and it reports SS_ONSTACK. */
    ck_assert_int_eq(call(lx_sys_sigaltstack, scratch + 0x8000,
                          scratch + 0x8100, 0, 0),
                     -LX_EPERM);
    ck_assert_int_eq(call(lx_sys_sigaltstack, 0, scratch + 0x8100, 0, 0), 0);
    ck_assert_int_eq(*(int32_t *)h(scratch + 0x8108), LX_SS_ONSTACK);
}
END_TEST

START_TEST(test_tgkill_to_self_is_thread_directed)
{
    struct lx_siginfo out;

    task.sig_blocked = 0; /* queued by ferry, for delivery after the call */
    ck_assert_int_eq(call(lx_sys_tgkill, (uint64_t)getpid(),
                          (uint64_t)gettid(), LX_SIGUSR1, 0),
                     0);
    ck_assert_int_eq(lx_signal_dequeue(&task, BIT(LX_SIGUSR1), &out),
                     LX_SIGUSR1);
    ck_assert_int_eq(out.si_code, LX_SI_TKILL);
    ck_assert_int_eq(out.u.kill.pid, getpid());
    ck_assert_int_eq(call(lx_sys_tgkill, 0, 1, LX_SIGUSR1, 0), -LX_EINVAL);
    ck_assert_int_eq(call(lx_sys_tgkill, (uint64_t)getpid(),
                          (uint64_t)gettid(), 65, 0),
                     -LX_EINVAL);
}
END_TEST

/* A blocked one waits in the host, where signalfd and sigpending see it,
 * with the info ferry made. */
START_TEST(test_tgkill_to_self_blocked_waits_in_the_host)
{
    sigset_t set;
    siginfo_t si;
    struct timespec zero = {0, 0};

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    task.sig_blocked = BIT(LX_SIGUSR1);
    ck_assert_int_eq(call(lx_sys_tgkill, (uint64_t)getpid(),
                          (uint64_t)gettid(), LX_SIGUSR1, 0),
                     0);
    ck_assert(lx_signal_pending(&task) & BIT(LX_SIGUSR1));
    /* Raw: glibc's sigtimedwait turns SI_TKILL into SI_USER. */
    ck_assert_int_eq(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 8),
                     SIGUSR1);
    ck_assert_int_eq(si.si_code, SI_TKILL);
    ck_assert_int_eq(si.si_pid, getpid());
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
END_TEST

START_TEST(test_exec_reset_keeps_ignored_and_drops_handlers)
{
    set_action(LX_SIGUSR1, 0x5000, LX_SA_SIGINFO, 0);
    set_action(LX_SIGUSR2, LX_SIG_IGN, 0, 0);
    task.sig_blocked = BIT(LX_SIGHUP);
    task.sig_altstack_sp = scratch;
    task.sig_altstack_size = 8192;
    lx_signal_exec_reset(&task);
    ck_assert_uint_eq(lx_sig_actions[LX_SIGUSR1].handler, LX_SIG_DFL);
    ck_assert_uint_eq(lx_sig_actions[LX_SIGUSR1].flags, 0);
    ck_assert_uint_eq(lx_sig_actions[LX_SIGUSR2].handler, LX_SIG_IGN);
    ck_assert_uint_eq(task.sig_blocked, BIT(LX_SIGHUP));
    ck_assert_uint_eq(task.sig_altstack_size, 0);
}
END_TEST

START_TEST(test_sigsuspend_frame_keeps_the_mask_from_before)
{
    struct lx_siginfo i = user_info(LX_SIGUSR1, 0);
    gva sp;

    set_action(LX_SIGUSR1, 0x5000, 0, 0);
    task.sig_blocked = BIT(LX_SIGUSR1) | BIT(LX_SIGHUP);
    lx_signal_queue(&task, &i);
    memcpy(h(scratch + 64), &(uint64_t){BIT(LX_SIGHUP)}, 8);
    env.x[2] = scratch + SCRATCH_SIZE;
    ck_assert_int_eq(call(lx_sys_rt_sigsuspend, scratch + 64, 8, 0, 0),
                     -LX_EINTR);
    env.x[10] = (uint64_t)-LX_EINTR;
    lx_signal_deliver(&task, -LX_EINTR, 133, 0);
    sp = env.x[2];
    ck_assert_uint_eq(env.common.pc, 0x5000);
    ck_assert_uint_eq(u64_at(sp + 128 + 40), BIT(LX_SIGUSR1) | BIT(LX_SIGHUP));
    ck_assert_uint_eq(task.sig_blocked, BIT(LX_SIGUSR1) | BIT(LX_SIGHUP));
    ck_assert_int_eq(call(lx_sys_rt_sigreturn, 0, 0, 0, 0), -LX_EINTR);
    ck_assert_uint_eq(task.sig_blocked, BIT(LX_SIGUSR1) | BIT(LX_SIGHUP));
    ck_assert_int_eq(call(lx_sys_rt_sigsuspend, scratch + 64, 4, 0, 0),
                     -LX_EINVAL);
}
END_TEST

START_TEST(test_sigtimedwait_takes_a_queued_signal_then_times_out)
{
    struct lx_siginfo i = user_info(LX_SIGRTMIN, 5);
    struct lx_timespec zero = {0, 0};

    task.sig_blocked = BIT(LX_SIGRTMIN);
    lx_signal_queue(NULL, &i);
    memcpy(h(scratch), &(uint64_t){BIT(LX_SIGRTMIN)}, 8);
    memcpy(h(scratch + 16), &zero, sizeof zero);
    ck_assert_int_eq(call(lx_sys_rt_sigtimedwait, scratch, scratch + 64,
                          scratch + 16, 8),
                     LX_SIGRTMIN);
    ck_assert_int_eq(*(int32_t *)h(scratch + 64), LX_SIGRTMIN);
    ck_assert_uint_eq(u64_at(scratch + 64 + 24), 5);
    ck_assert_int_eq(call(lx_sys_rt_sigtimedwait, scratch, scratch + 64,
                          scratch + 16, 8),
                     -LX_EAGAIN);
}
END_TEST

/* In a child: the guest's signal with no handler; returns its status. */
static int default_action_status(int sig)
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        struct lx_siginfo i = user_info(sig, 0);

        lx_signal_queue(&task, &i);
        lx_signal_deliver(&task, 0, 0, 0);
        _exit(0);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return status;
}

START_TEST(test_default_actions_kill_or_ignore)
{
    int status = default_action_status(LX_SIGABRT);

    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGABRT);
    ck_assert(!WCOREDUMP(status));
    status = default_action_status(LX_SIGRTMIN + 1);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), LX_SIGRTMIN + 1); /* kernel numbering */
    status = default_action_status(LX_SIGCHLD);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static Suite *signal_suite(void)
{
    Suite *s = suite_create("signal");
    TCase *sys = tcase_create("syscalls");
    TCase *del = tcase_create("delivery");

    tcase_add_checked_fixture(sys, setup, teardown);
    tcase_add_test(sys, test_sigaction_rejects_bad_sizes_and_numbers);
    tcase_add_test(sys, test_sigaction_round_trips_without_kill_and_stop_in_mask);
    tcase_add_test(sys, test_sigprocmask_blocks_unblocks_and_never_kill_or_stop);
    tcase_add_test(sys, test_standard_signals_queue_once_realtime_in_order);
    tcase_add_test(sys, test_kill_to_self_stays_pending_while_blocked);
    tcase_add_test(sys, test_setting_sig_ign_discards_the_pending_signal);
    tcase_add_test(sys, test_sigaltstack_checks_and_onstack_frames);
    tcase_add_test(sys, test_tgkill_to_self_is_thread_directed);
    tcase_add_test(sys, test_tgkill_to_self_blocked_waits_in_the_host);
    tcase_add_test(sys, test_exec_reset_keeps_ignored_and_drops_handlers);
    tcase_add_test(sys, test_sigtimedwait_takes_a_queued_signal_then_times_out);
    suite_add_tcase(s, sys);
    tcase_add_checked_fixture(del, setup, teardown);
    tcase_add_test(del, test_delivery_builds_the_riscv64_frame);
    tcase_add_test(del, test_sigreturn_restores_what_the_frame_holds);
    tcase_add_test(del, test_sa_restart_moves_pc_back_to_the_syscall);
    tcase_add_test(del, test_without_sa_restart_the_guest_sees_eintr);
    tcase_add_test(del, test_nanosleep_is_not_restarted_even_with_sa_restart);
    tcase_add_test(del, test_resethand_and_nodefer);
    tcase_add_test(del, test_sigsuspend_frame_keeps_the_mask_from_before);
    tcase_add_test(del, test_default_actions_kill_or_ignore);
    suite_add_tcase(s, del);
    return s;
}

int main(void)
{
    return unit_run(signal_suite());
}
