/* tests/unit/check_syscalls.h: the fixture the syscall suites share: a
 * fake guest CPU state with registers at known offsets, a task on a real
 * guest address space, and a scratch mapping for arguments. */
#ifndef FERRY_TESTS_CHECK_SYSCALLS_H
#define FERRY_TESTS_CHECK_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

#include "mm/mm.h"
#include "syscalls/linux/linux.h"
#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"
#include "tests/unit/unit.h"

/* A test-only guest: 32 registers after the common header. */
struct sys_env {
    struct cpu_common common;
    uint64_t x[32];
};

#define SYS_REG(i)                                                             \
    ((uint32_t)(offsetof(struct sys_env, x) + (i) * sizeof(uint64_t)))

/* riscv64-like (generic open flags) and arm64-like (its own values). */
extern const struct frontend_linux_abi sys_abi_generic, sys_abi_arm;

extern struct sys_env sys_env;
extern struct lx_task sys_task;
/* SYS_SCRATCH_SIZE bytes of read-write guest memory, and its last page
 * is followed by an unmapped page (sys_unmapped). */
#define SYS_SCRATCH_SIZE (64u * 1024)
extern gva sys_scratch, sys_unmapped;
/* A fresh temporary directory (mkdtemp) for the test, removed after. */
extern char sys_tmpdir[64];

/* Check fixture: sets up the task (generic ABI) and tears it down. */
void sys_setup(void);
void sys_teardown(void);

/* Runs syscall nr with the given arguments and returns the result
 * register (a negative errno on failure). */
long sys_call(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
              uint64_t a4, uint64_t a5);
#define SYS0(nr) sys_call(nr, 0, 0, 0, 0, 0, 0)
#define SYS1(nr, a) sys_call(nr, a, 0, 0, 0, 0, 0)
#define SYS2(nr, a, b) sys_call(nr, a, b, 0, 0, 0, 0)
#define SYS3(nr, a, b, c) sys_call(nr, a, b, c, 0, 0, 0)
#define SYS4(nr, a, b, c, d) sys_call(nr, a, b, c, d, 0, 0)
#define SYS5(nr, a, b, c, d, e) sys_call(nr, a, b, c, d, e, 0)
#define SYS6(nr, a, b, c, d, e, f) sys_call(nr, a, b, c, d, e, f)
#define SYS6_MMAP(a, len, prot, flags, fd, off)                                \
    sys_call(NR_mmap, a, len, prot, flags, (uint64_t)(int64_t)(fd), off)

/* Host view of guest memory. */
void *sys_h(gva addr);
/* Copies s (with its NUL) to guest scratch memory at offset off. */
gva sys_str(size_t off, const char *s);
/* A path in sys_tmpdir, copied to scratch at offset off. */
gva sys_tmp_path(size_t off, const char *name);

#define LX_AT_FDCWD ((uint64_t)(int64_t)-100)

/* Generic syscall numbers used by the tests. */
enum {
    NR_getcwd = 17,
    NR_dup = 23,
    NR_dup3 = 24,
    NR_fcntl = 25,
    NR_ioctl = 29,
    NR_flock = 32,
    NR_mknodat = 33,
    NR_mkdirat = 34,
    NR_unlinkat = 35,
    NR_symlinkat = 36,
    NR_linkat = 37,
    NR_renameat = 38,
    NR_statfs = 43,
    NR_fstatfs = 44,
    NR_truncate = 45,
    NR_ftruncate = 46,
    NR_fallocate = 47,
    NR_faccessat = 48,
    NR_chdir = 49,
    NR_fchdir = 50,
    NR_fchmod = 52,
    NR_fchmodat = 53,
    NR_fchownat = 54,
    NR_fchown = 55,
    NR_openat = 56,
    NR_close = 57,
    NR_pipe2 = 59,
    NR_getdents64 = 61,
    NR_lseek = 62,
    NR_read = 63,
    NR_write = 64,
    NR_readv = 65,
    NR_writev = 66,
    NR_pread64 = 67,
    NR_pwrite64 = 68,
    NR_readlinkat = 78,
    NR_newfstatat = 79,
    NR_fstat = 80,
    NR_sync = 81,
    NR_fsync = 82,
    NR_fdatasync = 83,
    NR_utimensat = 88,
    NR_personality = 92,
    NR_exit = 93,
    NR_exit_group = 94,
    NR_set_tid_address = 96,
    NR_set_robust_list = 99,
    NR_nanosleep = 101,
    NR_clock_gettime = 113,
    NR_clock_getres = 114,
    NR_clock_nanosleep = 115,
    NR_sched_getaffinity = 123,
    NR_setresuid = 147,
    NR_getresuid = 148,
    NR_times = 153,
    NR_getpgid = 155,
    NR_getsid = 156,
    NR_getgroups = 158,
    NR_uname = 160,
    NR_getrlimit = 163,
    NR_setrlimit = 164,
    NR_getrusage = 165,
    NR_umask = 166,
    NR_prctl = 167,
    NR_getcpu = 168,
    NR_gettimeofday = 169,
    NR_getpid = 172,
    NR_getuid = 174,
    NR_gettid = 178,
    NR_sysinfo = 179,
    NR_brk = 214,
    NR_munmap = 215,
    NR_mremap = 216,
    NR_mmap = 222,
    NR_fadvise64 = 223,
    NR_mprotect = 226,
    NR_msync = 227,
    NR_mlock = 228,
    NR_munlock = 229,
    NR_madvise = 233,
    NR_prlimit64 = 261,
    NR_renameat2 = 276,
    NR_getrandom = 278,
    NR_statx = 291,
    NR_rseq = 293,
    NR_faccessat2 = 439,
};

TCase *sys_tcase_fd(void);
TCase *sys_tcase_fs(void);
TCase *sys_tcase_sys(void);
TCase *sys_tcase_mm(void);
TCase *sys_tcase_event(void);
TCase *sys_tcase_net(void);

#endif
