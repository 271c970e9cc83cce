/* tests/unit/check_syscalls_sys.c: time, identity, process-wide calls
 * (uname, limits, prctl, randomness) and the memory calls on a real mm. */
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/check_syscalls.h"

static struct lx_timespec *ts_at(size_t off)
{
    return sys_h(sys_scratch + off);
}

START_TEST(test_clock_gettime_is_monotonic_and_checks_its_pointer)
{
    struct timespec h;
    int64_t first, second;

    ck_assert_int_eq(SYS2(NR_clock_gettime, CLOCK_MONOTONIC, sys_scratch), 0);
    first = ts_at(0)->tv_sec * 1000000000 + ts_at(0)->tv_nsec;
    ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &h), 0);
    ck_assert_int_ge(h.tv_sec * 1000000000 + h.tv_nsec, first);
    ck_assert_int_eq(SYS2(NR_clock_gettime, CLOCK_MONOTONIC, sys_scratch), 0);
    second = ts_at(0)->tv_sec * 1000000000 + ts_at(0)->tv_nsec;
    ck_assert_int_ge(second, first);
    ck_assert_int_lt(ts_at(0)->tv_nsec, 1000000000);
    ck_assert_int_eq(SYS2(NR_clock_gettime, CLOCK_MONOTONIC, sys_unmapped - 8),
                     -LX_EFAULT);
    ck_assert_int_eq(SYS2(NR_clock_gettime, 12345, sys_scratch), -LX_EINVAL);
}
END_TEST

START_TEST(test_clock_getres_accepts_a_null_result)
{
    ck_assert_int_eq(SYS2(NR_clock_getres, CLOCK_REALTIME, 0), 0);
    ck_assert_int_eq(SYS2(NR_clock_getres, CLOCK_REALTIME, sys_scratch), 0);
    ck_assert_int_eq(ts_at(0)->tv_sec, 0);
    ck_assert_int_gt(ts_at(0)->tv_nsec, 0);
}
END_TEST

START_TEST(test_sleeps_take_guest_timespecs)
{
    struct timespec before, after;

    *ts_at(0) = (struct lx_timespec){0, 2000000};
    clock_gettime(CLOCK_MONOTONIC, &before);
    ck_assert_int_eq(SYS2(NR_nanosleep, sys_scratch, 0), 0);
    ck_assert_int_eq(SYS4(NR_clock_nanosleep, CLOCK_MONOTONIC, 0, sys_scratch,
                          sys_scratch + 64),
                     0);
    clock_gettime(CLOCK_MONOTONIC, &after);
    ck_assert_int_ge((after.tv_sec - before.tv_sec) * 1000000000 +
                         (after.tv_nsec - before.tv_nsec),
                     4000000);
    ck_assert_int_eq(SYS2(NR_nanosleep, sys_unmapped, 0), -LX_EFAULT);
    *ts_at(0) = (struct lx_timespec){0, 1000000000};
    ck_assert_int_eq(SYS2(NR_nanosleep, sys_scratch, 0), -LX_EINVAL);
}
END_TEST

START_TEST(test_gettimeofday_and_times)
{
    struct lx_timeval *tv = sys_h(sys_scratch);
    time_t now = time(NULL);

    ck_assert_int_eq(SYS2(NR_gettimeofday, sys_scratch, 0), 0);
    ck_assert_int_ge(tv->tv_sec, now);
    ck_assert_int_le(tv->tv_sec, now + 2);
    ck_assert_int_lt(tv->tv_usec, 1000000);
    ck_assert_int_eq(SYS2(NR_gettimeofday, sys_unmapped, 0), -LX_EFAULT);
    ck_assert_int_ge(SYS1(NR_times, sys_scratch), 0);
    ck_assert_int_ge(SYS1(NR_times, 0), 0);
    ck_assert_int_eq(SYS1(NR_times, sys_unmapped), -LX_EFAULT);
}
END_TEST

START_TEST(test_ids_are_the_hosts)
{
    uint32_t *ids = sys_h(sys_scratch);
    uid_t r, e, s;

    ck_assert_int_eq(SYS0(NR_getpid), getpid());
    ck_assert_int_eq(SYS0(NR_gettid), syscall(SYS_gettid));
    ck_assert_int_eq(SYS0(NR_getuid), getuid());
    ck_assert_int_eq(getresuid(&r, &e, &s), 0);
    ck_assert_int_eq(
        SYS3(NR_getresuid, sys_scratch, sys_scratch + 4, sys_scratch + 8), 0);
    ck_assert_uint_eq(ids[0], r);
    ck_assert_uint_eq(ids[1], e);
    ck_assert_uint_eq(ids[2], s);
    ck_assert_int_eq(
        SYS3(NR_getresuid, sys_scratch, sys_unmapped, sys_scratch + 8),
        -LX_EFAULT);
    ck_assert_int_eq(SYS2(NR_getgroups, 0, 0), getgroups(0, NULL));
}
END_TEST

START_TEST(test_uname_reports_the_guest_machine)
{
    struct lx_utsname *u = sys_h(sys_scratch);
    struct utsname h;

    ck_assert_int_eq(uname(&h), 0);
    ck_assert_int_eq(SYS1(NR_uname, sys_scratch), 0);
    ck_assert_str_eq(u->machine, "riscv64");
    ck_assert_str_eq(u->sysname, "Linux");
    ck_assert_str_eq(u->release, h.release);
    sys_task.machine = "aarch64";
    ck_assert_int_eq(SYS1(NR_uname, sys_scratch), 0);
    ck_assert_str_eq(u->machine, "aarch64");
    ck_assert_int_eq(SYS1(NR_uname, sys_unmapped - 100), -LX_EFAULT);
}
END_TEST

START_TEST(test_nofile_limit_round_trips_through_the_host)
{
    struct lx_rlimit *lim = sys_h(sys_scratch);
    struct rlimit h;

    ck_assert_int_eq(SYS2(NR_getrlimit, RLIMIT_NOFILE, sys_scratch), 0);
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &h), 0);
    ck_assert_uint_eq(lim->rlim_cur, h.rlim_cur);
    ck_assert_uint_eq(lim->rlim_max, h.rlim_max);
    lim->rlim_cur = 64;
    ck_assert_int_eq(SYS2(NR_setrlimit, RLIMIT_NOFILE, sys_scratch), 0);
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &h), 0);
    ck_assert_uint_eq(h.rlim_cur, 64);
    ck_assert_int_eq(SYS4(NR_prlimit64, 0, RLIMIT_NOFILE, 0, sys_scratch + 64),
                     0);
    ck_assert_uint_eq(lim[4].rlim_cur, 64);
    ck_assert_int_eq(SYS2(NR_getrlimit, 99, sys_scratch), -LX_EINVAL);
    ck_assert_int_eq(SYS2(NR_getrlimit, RLIMIT_NOFILE, sys_unmapped),
                     -LX_EFAULT);
}
END_TEST

START_TEST(test_address_space_limits_are_kept_not_applied)
{
    struct lx_rlimit *lim = sys_h(sys_scratch);
    struct rlimit before, after;

    ck_assert_int_eq(getrlimit(RLIMIT_AS, &before), 0);
    ck_assert_int_eq(SYS2(NR_getrlimit, RLIMIT_AS, sys_scratch), 0);
    ck_assert_uint_eq(lim->rlim_cur, before.rlim_cur);
    lim->rlim_cur = 1 << 20;
    ck_assert_int_eq(SYS2(NR_setrlimit, RLIMIT_AS, sys_scratch), 0);
    ck_assert_int_eq(getrlimit(RLIMIT_AS, &after), 0);
    ck_assert_uint_eq(after.rlim_cur, before.rlim_cur);
    lim->rlim_cur = 0;
    ck_assert_int_eq(SYS2(NR_getrlimit, RLIMIT_AS, sys_scratch), 0);
    ck_assert_uint_eq(lim->rlim_cur, 1 << 20);
    lim->rlim_cur = lim->rlim_max + 1;
    if (lim->rlim_max != UINT64_MAX)
        ck_assert_int_eq(SYS2(NR_setrlimit, RLIMIT_AS, sys_scratch),
                         -LX_EINVAL);
}
END_TEST

START_TEST(test_prctl_names_round_trip_and_unknown_options_fail)
{
    char *name = sys_h(sys_scratch);

    strcpy(name, "guest-thread-name-long");
    ck_assert_int_eq(SYS2(NR_prctl, PR_SET_NAME, sys_scratch), 0);
    memset(name, 0, 32);
    ck_assert_int_eq(SYS2(NR_prctl, PR_GET_NAME, sys_scratch + 64), 0);
    ck_assert_str_eq(sys_h(sys_scratch + 64), "guest-thread-na");
    ck_assert_int_eq(SYS2(NR_prctl, PR_GET_NAME, sys_unmapped - 4), -LX_EFAULT);
    ck_assert_int_eq(SYS2(NR_prctl, PR_GET_DUMPABLE, 0),
                     prctl(PR_GET_DUMPABLE));
    ck_assert_int_eq(SYS2(NR_prctl, PR_SET_SECCOMP, 2), -LX_EINVAL);
    ck_assert_int_eq(SYS2(NR_prctl, 0x7fff1234, 0), -LX_EINVAL);
}
END_TEST

START_TEST(test_personality_is_kept_for_the_guest)
{
    ck_assert_int_eq(SYS1(NR_personality, 0xffffffff), 0);
    ck_assert_int_eq(SYS1(NR_personality, 0x0400000), 0);
    ck_assert_int_eq(SYS1(NR_personality, 0xffffffff), 0x0400000);
    ck_assert_int_eq(personality(0xffffffff) & 0x0400000, 0);
}
END_TEST

START_TEST(test_getrandom_fills_exactly_the_buffer)
{
    uint8_t *p = sys_h(sys_scratch);
    int nonzero = 0;

    memset(p, 0, 80);
    ck_assert_int_eq(SYS3(NR_getrandom, sys_scratch, 64, 0), 64);
    for (int i = 0; i < 64; i++)
        nonzero += p[i] != 0;
    ck_assert_int_gt(nonzero, 32); /* all-but-impossible to fail */
    for (int i = 64; i < 80; i++)
        ck_assert_int_eq(p[i], 0);
    ck_assert_int_eq(SYS3(NR_getrandom, sys_unmapped - 8, 16, 0), -LX_EFAULT);
}
END_TEST

START_TEST(test_sched_getaffinity_returns_the_mask_size)
{
    cpu_set_t h;
    long n = SYS3(NR_sched_getaffinity, 0, 128, sys_scratch);

    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(n % 8, 0);
    ck_assert_int_eq(sched_getaffinity(0, sizeof h, &h), 0);
    ck_assert_int_eq(CPU_ISSET(0, (cpu_set_t *)sys_h(sys_scratch)) != 0,
                     CPU_ISSET(0, &h) != 0);
    ck_assert_int_eq(SYS3(NR_sched_getaffinity, 0, 12, sys_scratch),
                     -LX_EINVAL);
}
END_TEST

START_TEST(test_sysinfo_and_getrusage_fill_guest_structs)
{
    struct lx_sysinfo *si = sys_h(sys_scratch);
    struct lx_rusage *ru = sys_h(sys_scratch + 512);

    ck_assert_int_eq(SYS1(NR_sysinfo, sys_scratch), 0);
    ck_assert_uint_gt(si->totalram, 0);
    ck_assert_uint_gt(si->mem_unit, 0);
    ck_assert_uint_gt(si->procs, 0);
    ck_assert_int_eq(SYS2(NR_getrusage, RUSAGE_SELF, sys_scratch + 512), 0);
    ck_assert_int_gt(ru->ru_maxrss, 0);
    ck_assert_int_lt(ru->ru_utime.tv_usec, 1000000);
    ck_assert_int_eq(SYS2(NR_getrusage, 77, sys_scratch + 512), -LX_EINVAL);
}
END_TEST

START_TEST(test_getcpu_sessions_and_harmless_set_ids)
{
    uint32_t *cpu = sys_h(sys_scratch);

    ck_assert_int_eq(SYS3(NR_getcpu, sys_scratch, 0, 0), 0);
    ck_assert_uint_lt(*cpu, (uint32_t)sysconf(_SC_NPROCESSORS_CONF));
    ck_assert_int_eq(SYS3(NR_getcpu, sys_unmapped, 0, 0), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_getcpu, 0, 0, 0), 0);
    ck_assert_int_eq(SYS1(NR_getpgid, 0), getpgrp());
    ck_assert_int_eq(SYS1(NR_getsid, 0), getsid(0));
    ck_assert_int_eq(SYS1(NR_getpgid, 0x7ffffff0), -LX_ESRCH);
    /* -1 leaves each id as it is */
    ck_assert_int_eq(
        SYS3(NR_setresuid, (uint32_t)-1, (uint32_t)-1, (uint32_t)-1), 0);
}
END_TEST

START_TEST(test_scheduler_calls_pass_through)
{
    int32_t *prio = sys_h(sys_scratch);
    struct lx_timespec *ts = sys_h(sys_scratch + 64);

    ck_assert_int_eq(sys_call(120, 0, 0, 0, 0, 0, 0), sched_getscheduler(0));
    ck_assert_int_eq(sys_call(125, SCHED_FIFO, 0, 0, 0, 0, 0), 99);
    ck_assert_int_eq(sys_call(126, SCHED_FIFO, 0, 0, 0, 0, 0), 1);
    *prio = -1;
    ck_assert_int_eq(sys_call(121, 0, sys_scratch, 0, 0, 0, 0), 0);
    ck_assert_int_eq(*prio, 0); /* SCHED_OTHER */
    ck_assert_int_eq(sys_call(118, 0, sys_scratch, 0, 0, 0, 0), 0);
    ck_assert_int_eq(sys_call(119, 0, SCHED_OTHER, sys_unmapped, 0, 0, 0),
                     -LX_EFAULT);
    ck_assert_int_eq(sys_call(127, 0, sys_scratch + 64, 0, 0, 0, 0), 0);
    ck_assert_int_ge(ts->tv_sec, 0);
    ck_assert_int_gt(SYS3(NR_sched_getaffinity, 0, 128, sys_scratch + 128), 0);
    ck_assert_int_eq(sys_call(122, 0, 128, sys_scratch + 128, 0, 0, 0), 0);
}
END_TEST

/* --- memory calls --------------------------------------------------------- */

START_TEST(test_mmap_gives_guest_memory_that_syscalls_accept)
{
    long addr = SYS6_MMAP(0, 8192, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, "/dev/zero"), 0, 0);

    ck_assert_int_gt(addr, 0);
    ck_assert_uint_eq(addr % 4096, 0);
    ck_assert_int_eq(SYS3(NR_read, fd, addr, 8192), 8192);
    ck_assert_int_eq(SYS3(NR_mprotect, addr, 4096, PROT_READ), 0);
    ck_assert_int_eq(SYS3(NR_read, fd, addr, 16), -LX_EFAULT);
    ck_assert_int_eq(SYS3(NR_read, fd, addr + 4096, 16), 16);
    ck_assert_int_eq(SYS2(NR_munmap, addr, 8192), 0);
    ck_assert_int_eq(SYS3(NR_read, fd, addr + 4096, 16), -LX_EFAULT);
    ck_assert_int_eq(SYS2(NR_munmap, addr + 1, 4096), -LX_EINVAL);
    ck_assert_int_eq(SYS6_MMAP(0, 4096, PROT_READ, MAP_PRIVATE, 9999, 0),
                     -LX_EBADF);
}
END_TEST

START_TEST(test_file_mappings_use_the_host_fd)
{
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_tmp_path(0, "f"),
                   O_RDWR | O_CREAT, 0600);
    long addr;

    ck_assert_int_eq(SYS3(NR_write, fd, sys_str(256, "mapped text"), 11), 11);
    addr = SYS6_MMAP(0, 4096, PROT_READ, MAP_SHARED, fd, 0);
    ck_assert_int_gt(addr, 0);
    ck_assert_mem_eq(sys_h((gva)addr), "mapped text", 11);
}
END_TEST

START_TEST(test_brk_grows_from_the_start_and_refuses_below_it)
{
    gva start = 0x20000000; /* far below the top-down mmap area */
    long fd = SYS4(NR_openat, LX_AT_FDCWD, sys_str(0, "/dev/zero"), 0, 0);

    mm_set_brk_start(sys_task.mm, start);
    ck_assert_uint_eq(SYS1(NR_brk, 0), start);
    ck_assert_uint_eq(SYS1(NR_brk, start + 10000), start + 10000);
    ck_assert_int_eq(SYS3(NR_read, fd, start, 10000), 10000);
    ck_assert_uint_eq(SYS1(NR_brk, start - 4096), start + 10000);
    ck_assert_uint_eq(SYS1(NR_brk, start), start);
    ck_assert_int_eq(SYS3(NR_read, fd, start, 16), -LX_EFAULT);
}
END_TEST

START_TEST(test_mremap_and_madvise_go_to_mm)
{
    long addr = SYS6_MMAP(0, 4096, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
         moved;

    memcpy(sys_h((gva)addr), "keep", 4);
    moved = SYS5(NR_mremap, addr, 4096, 65536, MREMAP_MAYMOVE, 0);
    ck_assert_int_gt(moved, 0);
    ck_assert_mem_eq(sys_h((gva)moved), "keep", 4);
    ck_assert_int_eq(SYS3(NR_madvise, moved, 65536, MADV_DONTNEED), 0);
    ck_assert_int_eq(*(char *)sys_h((gva)moved), 0);
    ck_assert_int_eq(SYS3(NR_madvise, moved + 1, 4096, MADV_DONTNEED),
                     -LX_EINVAL);
    ck_assert_int_eq(SYS3(NR_msync, moved, 4096, MS_SYNC), 0);
    ck_assert_int_eq(SYS3(NR_msync, moved, 4096, MS_SYNC | MS_ASYNC),
                     -LX_EINVAL);
    ck_assert_int_eq(SYS2(NR_mlock, moved, 4096), 0);
    ck_assert_int_eq(SYS2(NR_munlock, moved, 4096), 0);
}
END_TEST

START_TEST(test_mincore_checks_the_guest_range)
{
    uint8_t *vec = sys_h(sys_scratch + 8192);

    memset(sys_h(sys_scratch), 1, 4096); /* first page resident */
    memset(vec, 0xff, 4);
    ck_assert_int_eq(
        sys_call(232, sys_scratch, 3 * 4096, sys_scratch + 8192, 0, 0, 0), 0);
    ck_assert_int_eq(vec[0] & 1, 1);
    ck_assert_int_eq(vec[1] & 0xfe, 0);
    ck_assert_int_eq(vec[3], 0xff); /* one byte per page only */
    ck_assert_int_eq(
        sys_call(232, sys_scratch + 1, 4096, sys_scratch + 8192, 0, 0, 0),
        -LX_EINVAL);
    ck_assert_int_eq(
        sys_call(232, sys_unmapped - 4096, 8192, sys_scratch + 8192, 0, 0, 0),
        -LX_ENOMEM);
    ck_assert_int_eq(sys_call(232, sys_scratch, 4096, sys_unmapped, 0, 0, 0),
                     -LX_EFAULT);
}
END_TEST

TCase *sys_tcase_sys(void)
{
    TCase *tc = tcase_create("sys");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_clock_gettime_is_monotonic_and_checks_its_pointer);
    tcase_add_test(tc, test_clock_getres_accepts_a_null_result);
    tcase_add_test(tc, test_sleeps_take_guest_timespecs);
    tcase_add_test(tc, test_gettimeofday_and_times);
    tcase_add_test(tc, test_ids_are_the_hosts);
    tcase_add_test(tc, test_uname_reports_the_guest_machine);
    tcase_add_test(tc, test_nofile_limit_round_trips_through_the_host);
    tcase_add_test(tc, test_address_space_limits_are_kept_not_applied);
    tcase_add_test(tc, test_prctl_names_round_trip_and_unknown_options_fail);
    tcase_add_test(tc, test_personality_is_kept_for_the_guest);
    tcase_add_test(tc, test_getrandom_fills_exactly_the_buffer);
    tcase_add_test(tc, test_sched_getaffinity_returns_the_mask_size);
    tcase_add_test(tc, test_sysinfo_and_getrusage_fill_guest_structs);
    tcase_add_test(tc, test_getcpu_sessions_and_harmless_set_ids);
    tcase_add_test(tc, test_scheduler_calls_pass_through);
    return tc;
}

TCase *sys_tcase_mm(void)
{
    TCase *tc = tcase_create("mm");

    tcase_add_checked_fixture(tc, sys_setup, sys_teardown);
    tcase_add_test(tc, test_mmap_gives_guest_memory_that_syscalls_accept);
    tcase_add_test(tc, test_file_mappings_use_the_host_fd);
    tcase_add_test(tc, test_brk_grows_from_the_start_and_refuses_below_it);
    tcase_add_test(tc, test_mremap_and_madvise_go_to_mm);
    tcase_add_test(tc, test_mincore_checks_the_guest_range);
    return tc;
}
