/* syscalls/linux/wait.c: wait4 and waitid. Guest children are host
 * children, and the structs are the same on both sides: the wait status
 * encoding, struct rusage (two timevals and fourteen longs on every 64-bit
 * Linux) and siginfo_t (128 bytes, the generic SIGCHLD layout). */
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscalls/linux/lx_thr.h"

_Static_assert(sizeof(struct rusage) == 144, "rusage is the 64-bit layout");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");

/* Output pointers are checked before waiting: a fault afterwards would
 * lose a reaped child's status. */
static bool lx_wait_ptr_ok(struct lx_task *t, gva addr, size_t len)
{
    return !addr || lx_guest_ptr(t, addr, len, LX_PROT_WRITE) != NULL;
}

/* wait4(pid, status, options, rusage): the options are the host's bits. */
long lx_sys_wait4(struct lx_task *t, const uint64_t a[6])
{
    struct rusage ru;
    int status = 0;
    long ret;

    if (!lx_wait_ptr_ok(t, a[1], sizeof status) ||
        !lx_wait_ptr_ok(t, a[3], sizeof ru))
        return -LX_EFAULT;
    memset(&ru, 0, sizeof ru);
    ret = lx_ret(syscall(SYS_wait4, (int)a[0], a[1] ? &status : NULL,
                         (int)a[2], a[3] ? &ru : NULL));
    if (ret > 0 && a[1])
        lx_copy_out(t, a[1], &status, sizeof status);
    if (ret >= 0 && a[3])
        lx_copy_out(t, a[3], &ru, sizeof ru);
    return ret;
}

/* waitid(idtype, id, infop, options, rusage): the raw syscall, whose
 * fifth argument glibc's wrapper hides. */
long lx_sys_waitid(struct lx_task *t, const uint64_t a[6])
{
    struct rusage ru;
    siginfo_t si;
    long ret;

    if (!lx_wait_ptr_ok(t, a[2], sizeof si) ||
        !lx_wait_ptr_ok(t, a[4], sizeof ru))
        return -LX_EFAULT;
    memset(&si, 0, sizeof si);
    memset(&ru, 0, sizeof ru);
    ret = lx_ret(syscall(SYS_waitid, (int)a[0], (int)a[1], a[2] ? &si : NULL,
                         (int)a[3], a[4] ? &ru : NULL));
    if (ret >= 0 && a[2])
        lx_copy_out(t, a[2], &si, sizeof si);
    if (ret >= 0 && a[4])
        lx_copy_out(t, a[4], &ru, sizeof ru);
    return ret;
}
