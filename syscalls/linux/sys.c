/* syscalls/linux/sys.c: the process as a whole: exit, uname, resource
 * limits and usage, prctl, personality, CPUs, randomness, and the thread
 * bookkeeping calls glibc makes at start-up. */
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_sys.h"

long lx_sys_set_tid_address(struct lx_task *t, const uint64_t a[6])
{
    t->clear_child_tid = a[0];
    return t->tid;
}

/* set_robust_list(2): the head is 24 bytes on 64-bit (linux/futex.h);
 * the list matters only when a thread dies holding a robust mutex. */
long lx_sys_set_robust_list(struct lx_task *t, const uint64_t a[6])
{
    if (a[1] != 24)
        return -LX_EINVAL;
    t->robust_list = a[0];
    t->robust_len = a[1];
    return 0;
}

/* Copies a NUL-terminated string into a 65-byte uname field, cut to fit. */
static void lx_uts_copy(char dst[LX_UTS_LEN], const char *src)
{
    size_t n = strnlen(src, LX_UTS_LEN - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* uname(2): the host's, except the machine, which is the guest's. */
long lx_sys_uname(struct lx_task *t, const uint64_t a[6])
{
    struct utsname h;
    struct lx_utsname g;

    if (uname(&h) != 0)
        return -errno;
    memset(&g, 0, sizeof g);
    lx_uts_copy(g.sysname, h.sysname);
    lx_uts_copy(g.nodename, h.nodename);
    lx_uts_copy(g.release, h.release);
    lx_uts_copy(g.version, h.version);
    lx_uts_copy(g.machine, t->machine ? t->machine : h.machine);
    lx_uts_copy(g.domainname, h.domainname);
    return lx_copy_out(t, a[0], &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_sysinfo(struct lx_task *t, const uint64_t a[6])
{
    struct sysinfo h;
    struct lx_sysinfo g;

    if (sysinfo(&h) != 0)
        return -errno;
    memset(&g, 0, sizeof g);
    g.uptime = h.uptime;
    for (int i = 0; i < 3; i++)
        g.loads[i] = h.loads[i];
    g.totalram = h.totalram, g.freeram = h.freeram;
    g.sharedram = h.sharedram, g.bufferram = h.bufferram;
    g.totalswap = h.totalswap, g.freeswap = h.freeswap;
    g.procs = h.procs;
    g.totalhigh = h.totalhigh, g.freehigh = h.freehigh;
    g.mem_unit = h.mem_unit;
    return lx_copy_out(t, a[0], &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_getrusage(struct lx_task *t, const uint64_t a[6])
{
    struct rusage h;
    struct lx_rusage g;

    if (syscall(SYS_getrusage, (int)a[0], &h) != 0)
        return -errno;
    memset(&g, 0, sizeof g);
    g.ru_utime = (struct lx_timeval){h.ru_utime.tv_sec, h.ru_utime.tv_usec};
    g.ru_stime = (struct lx_timeval){h.ru_stime.tv_sec, h.ru_stime.tv_usec};
    g.ru_maxrss = h.ru_maxrss, g.ru_ixrss = h.ru_ixrss;
    g.ru_idrss = h.ru_idrss, g.ru_isrss = h.ru_isrss;
    g.ru_minflt = h.ru_minflt, g.ru_majflt = h.ru_majflt;
    g.ru_nswap = h.ru_nswap, g.ru_inblock = h.ru_inblock;
    g.ru_oublock = h.ru_oublock, g.ru_msgsnd = h.ru_msgsnd;
    g.ru_msgrcv = h.ru_msgrcv, g.ru_nsignals = h.ru_nsignals;
    g.ru_nvcsw = h.ru_nvcsw, g.ru_nivcsw = h.ru_nivcsw;
    return lx_copy_out(t, a[1], &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}

/* personality(2): kept for the guest, never applied to ferry itself
 * (READ_IMPLIES_EXEC and friends would change ferry's own mappings).
 * 0xffffffff only queries. */
long lx_sys_personality(struct lx_task *t, const uint64_t a[6])
{
    static _Atomic uint32_t persona; /* PER_LINUX */
    uint32_t want = (uint32_t)a[0];

    (void)t;
    if (want == 0xffffffffu)
        return persona;
    return atomic_exchange(&persona, want);
}

/* getpriority(2) returns 20 - nice, so it never looks like an error. */
long lx_sys_getpriority(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_getpriority, (int)a[0], (int)a[1]));
}

long lx_sys_setpriority(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_setpriority, (int)a[0], (int)a[1], (int)a[2]));
}

long lx_sys_sched_yield(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return lx_ret(sched_yield());
}

/* getcpu(2): either pointer may be NULL; the third argument is unused. */
long lx_sys_getcpu(struct lx_task *t, const uint64_t a[6])
{
    unsigned cpu, node;

    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0)
        return -errno;
    if (a[0] && lx_copy_out(t, a[0], &cpu, sizeof cpu) < 0)
        return -LX_EFAULT;
    if (a[1] && lx_copy_out(t, a[1], &node, sizeof node) < 0)
        return -LX_EFAULT;
    return 0;
}

#define LX_CPUMASK_MAX 8192 /* bytes: 65536 CPUs */

/* sched_getaffinity(2): returns how many bytes of mask it wrote. */
long lx_sys_sched_getaffinity(struct lx_task *t, const uint64_t a[6])
{
    uint8_t mask[LX_CPUMASK_MAX];
    size_t len = a[1] < sizeof mask ? (size_t)a[1] : sizeof mask;
    long n;

    if (a[1] % sizeof(uint64_t))
        return -LX_EINVAL;
    n = lx_ret(syscall(SYS_sched_getaffinity, (pid_t)a[0], len, mask));
    if (n > 0 && lx_copy_out(t, a[2], mask, (size_t)n) < 0)
        return -LX_EFAULT;
    return n;
}

/* getrandom(2): flags (GRND_*) are generic. */
/* -seed N: a splitmix64 stream instead of the host's entropy, so a run can
 * be repeated exactly. */
static void lx_seeded_bytes(struct lx_task *t, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i += 8) {
        uint64_t z = (t->seed += 0x9e3779b97f4a7c15ull);

        z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ z >> 27) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        memcpy(buf + i, &z, len - i < 8 ? len - i : 8);
    }
}

long lx_sys_getrandom(struct lx_task *t, const uint64_t a[6])
{
    void *buf = lx_guest_ptr(t, a[0], a[1], LX_PROT_WRITE);

    if (!buf)
        return -LX_EFAULT;
    if (t->seeded) {
        lx_seeded_bytes(t, buf, (size_t)a[1]);
        return (long)a[1];
    }
    return lx_ret(syscall(SYS_getrandom, buf, (size_t)a[1], (unsigned)a[2]));
}

/* prctl(2) options whose arguments are plain integers and which only
 * affect the calling thread's own bookkeeping. */
static bool lx_prctl_passes(int option)
{
    switch (option) {
    case PR_SET_PDEATHSIG:
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
    case PR_SET_CHILD_SUBREAPER:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_THP_DISABLE:
    case PR_SET_THP_DISABLE:
        return true;
    default:
        return false;
    }
}

/* prctl(2): names (16 bytes with the NUL), the int-returning getters
 * that write through a pointer, and the harmless integer ones; anything
 * else (seccomp, mm layout, arch options) is EINVAL, as for an option
 * the kernel does not know. */
long lx_sys_prctl(struct lx_task *t, const uint64_t a[6])
{
    int option = (int)a[0];
    char name[16];
    int v;

    switch (option) {
    case PR_SET_NAME:
        if (lx_copy_in(t, name, a[1], sizeof name) < 0)
            return -LX_EFAULT;
        name[sizeof name - 1] = '\0';
        return lx_ret(prctl(PR_SET_NAME, name));
    case PR_GET_NAME:
        if (prctl(PR_GET_NAME, name) != 0)
            return -errno;
        return lx_copy_out(t, a[1], name, sizeof name) < 0 ? -LX_EFAULT : 0;
    case PR_GET_PDEATHSIG:
    case PR_GET_CHILD_SUBREAPER:
        if (prctl(option, &v) != 0)
            return -errno;
        return lx_copy_out(t, a[1], &v, sizeof v) < 0 ? -LX_EFAULT : 0;
    }
    if (!lx_prctl_passes(option))
        return -LX_EINVAL;
    return lx_ret(prctl(option, (unsigned long)a[1], (unsigned long)a[2],
                        (unsigned long)a[3], (unsigned long)a[4]));
}

/* The scheduler calls: policies and struct sched_param (one int) are the
 * same everywhere; they act on the calling thread, which is the guest's. */
long lx_sys_sched_setaffinity(struct lx_task *t, const uint64_t a[6])
{
    uint8_t mask[LX_CPUMASK_MAX];
    size_t len = a[1] < sizeof mask ? (size_t)a[1] : sizeof mask;

    if (lx_copy_in(t, mask, a[2], len) < 0)
        return -LX_EFAULT;
    return lx_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], len, mask));
}

long lx_sys_sched_getscheduler(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

long lx_sys_sched_setscheduler(struct lx_task *t, const uint64_t a[6])
{
    int32_t prio;

    if (lx_copy_in(t, &prio, a[2], sizeof prio) < 0)
        return -LX_EFAULT;
    return lx_ret(
        syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], &prio));
}

long lx_sys_sched_getparam(struct lx_task *t, const uint64_t a[6])
{
    int32_t prio;

    if (syscall(SYS_sched_getparam, (pid_t)a[0], &prio) != 0)
        return -errno;
    return lx_copy_out(t, a[1], &prio, sizeof prio) < 0 ? -LX_EFAULT : 0;
}

long lx_sys_sched_setparam(struct lx_task *t, const uint64_t a[6])
{
    int32_t prio;

    if (lx_copy_in(t, &prio, a[1], sizeof prio) < 0)
        return -LX_EFAULT;
    return lx_ret(syscall(SYS_sched_setparam, (pid_t)a[0], &prio));
}

long lx_sys_sched_get_priority_max(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

long lx_sys_sched_get_priority_min(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

long lx_sys_sched_rr_get_interval(struct lx_task *t, const uint64_t a[6])
{
    struct timespec ts;
    struct lx_timespec g;

    if (syscall(SYS_sched_rr_get_interval, (pid_t)a[0], &ts) != 0)
        return -errno;
    g = (struct lx_timespec){ts.tv_sec, ts.tv_nsec};
    return lx_copy_out(t, a[1], &g, sizeof g) < 0 ? -LX_EFAULT : 0;
}
