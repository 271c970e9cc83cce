/* syscalls/linux/lx_sys.h: what the syscall families share inside
 * syscalls/linux/: the handler prototypes (from the table), guest memory
 * access, paths, and the conversions used by more than one family. */
#ifndef FERRY_SYSCALLS_LINUX_LX_SYS_H
#define FERRY_SYSCALLS_LINUX_LX_SYS_H

#include <stdint.h>

#include "syscalls/linux/linux.h"
#include "syscalls/linux/lx_errno.h"

/* A handler takes the six raw argument registers and returns the guest
 * result: a value, or -LX_Exxx. */
typedef long lx_handler(struct lx_task *t, const uint64_t a[6]);

#define LX_SYSCALL(nr, name, nargs, handler, fmt) lx_handler handler;
#define LX_NOSYS(nr, name, nargs)
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS

/* Table size: every generic number is below it. */
#define LX_NR_MAX 512

/* One table row, for the dispatcher, -strace and the tests. */
struct lx_syscall_info {
    const char *name;    /* NULL: no syscall has this number */
    lx_handler *handler; /* NULL: known but not implemented */
    const char *format;  /* strace letters, one per argument, then
                            optionally "=p" for the result */
    uint8_t nargs;
};

/* The row for nr (name NULL when nr is out of range or unnamed), in the
 * calling thread's copy, which its next call overwrites. */
const struct lx_syscall_info *lx_syscall_info(uint64_t nr);

/* Host result to guest result: -1 with errno becomes -errno (the numbers
 * are the same, see lx_errno.h); anything else passes. */
long lx_ret(long host_result);

/* --- guest memory (lx_mem.c) -------------------------------------------- */

#define LX_PROT_READ 1
#define LX_PROT_WRITE 2

/* The host address of len guest bytes at addr if all of them are mapped
 * with prot, else NULL. len 0 gives a non-NULL pointer for any addr (not
 * addr's: nothing may be accessed through it). */
void *lx_guest_ptr(struct lx_task *t, gva addr, size_t len, int prot);

/* Copies between guest and host memory; 0 or -LX_EFAULT. */
int lx_copy_in(struct lx_task *t, void *dst, gva src, size_t len);
int lx_copy_out(struct lx_task *t, gva dst, const void *src, size_t len);

/* Longest path, with its NUL (PATH_MAX). */
#define LX_PATH_MAX 4096

/* Copies the guest's NUL-terminated path at src into buf (LX_PATH_MAX
 * bytes). 0, -LX_EFAULT, or -LX_ENAMETOOLONG. */
int lx_copy_path(struct lx_task *t, char *buf, gva src);

/* The guest's iovec array at addr (count entries, at most LX_IOV_MAX) as
 * host iovecs in out, every buffer accessible with prot. Returns the count
 * or -LX_Exxx (EINVAL for too many or a total above SSIZE_MAX). */
#define LX_IOV_MAX 1024 /* UIO_MAXIOV */
struct iovec;
long lx_get_iovec(struct lx_task *t, gva addr, uint64_t count, int prot,
                  struct iovec *out);

/* --- paths (lx_path.c) --------------------------------------------------- */

/* The host path for a guest path the guest reads through: SYSROOT/path
 * when a sysroot is set, path is absolute, not "/" and outside /proc,
 * /dev, /sys and /tmp, and SYSROOT/path exists; t->exe_path (when set)
 * for /proc/self/exe; path itself otherwise. After a chroot, ROOT/path
 * (lexically normalised) for every absolute path instead. buf
 * (LX_PATH_MAX bytes) holds the result when it is not path. */
const char *lx_host_path(struct lx_task *t, const char *path, char *buf);

/* Copies a guest path and maps it with lx_host_path: 0 or -LX_Exxx, the
 * result in *out (pointing into buf or tmp, both LX_PATH_MAX bytes). */
int lx_get_path(struct lx_task *t, gva src, char *buf, char *tmp,
                const char **out);

/* Like lx_copy_path, for a path the guest creates, removes or changes by
 * name: never looked up in the sysroot, but put under the guest's root
 * after a chroot (in place, in buf). */
int lx_copy_new_path(struct lx_task *t, char *buf, gva src);

/* The guest's root after chroot(2) as a host path prefix ("" for the
 * host's own "/"), or NULL while there was none. */
const char *lx_path_root(void);

/* chroot(2) to the directory host (a host path, already mapped):
 * 0 or -LX_Exxx; privileged: the caller has CAP_SYS_CHROOT. */
long lx_path_set_root(struct lx_task *t, const char *host, bool privileged);

/* --- /proc (proc.c) ----------------------------------------------------- */

/* Whether path is leaf in this process's /proc directory: /proc/self/leaf,
 * /proc/thread-self/leaf or /proc/PID/leaf. */
bool lx_proc_self(const char *path, const char *leaf);

/* Opens the emulated /proc files (/proc/self/maps). Sets *handled and
 * returns an fd or -LX_Exxx for those; *handled false for any other. */
long lx_proc_open(struct lx_task *t, const char *path, int flags,
                  bool *handled);

/* Whether fd is one of ferry's own (ownfd.c): the guest may not close
 * or replace it. */
bool lx_fd_own(int fd);

/* A dirfd argument: the low 32 bits, sign-extended (AT_FDCWD is -100). */
static inline int lx_fd(uint64_t arg)
{
    return (int)(int32_t)arg;
}

/* --- open(2) flags (fd.c) ------------------------------------------------ */

/* The generic (asm-generic/fcntl.h) values of the four flags whose bits
 * differ between architectures; the host (x86-64) uses these. */
#define LX_O_DIRECT 0040000
#define LX_O_LARGEFILE 0100000
#define LX_O_DIRECTORY 0200000
#define LX_O_NOFOLLOW 0400000

/* Guest open flags to host ones and back, through t->abi's values. */
int lx_open_flags_to_host(const struct frontend_linux_abi *abi, uint64_t g);
uint64_t lx_open_flags_to_guest(const struct frontend_linux_abi *abi, int h);

/* --- strace (strace.c) --------------------------------------------------- */

/* Logs one call and its result, strace-style (log_printf). */
void lx_strace(struct lx_task *t, uint64_t nr, const uint64_t a[6], long ret);

/* exit (nr 93) or exit_group (94), t->exited set: logs the call and
 * "+++ exited with N +++" at once, while the thread still counts
 * (lx_strace leaves these two calls alone). */
void lx_strace_exit(struct lx_task *t, uint64_t nr, const uint64_t a[6]);

/* The format letters of syscall_table.h ('>' may stand before one). */
#define LX_STRACE_LETTERS "dluxopsDfOAKPMWGShkaiRrqCtTVve"

/* When t traces: logs the delivery of a signal the way strace does,
 * "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, ...} ---"
 * (strace_signal.c). */
struct lx_siginfo;
void lx_strace_signal(struct lx_task *t, const struct lx_siginfo *info);

/* When t (which may be NULL) traces: "+++ killed by SIGxxx +++". */
void lx_strace_killed(const struct lx_task *t, int sig);

#endif
