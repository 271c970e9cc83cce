/* syscalls/linux/identity.c: process, thread, user and group ids,
 * sessions and process groups. The set*id calls are the raw per-thread
 * syscalls, as the guest kernel's are: the guest's libc does its own
 * all-threads broadcast. uid_t and gid_t are 32 bits everywhere. */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/linux/lx_sys.h"

long lx_sys_getpid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return getpid();
}

long lx_sys_getppid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return getppid();
}

long lx_sys_gettid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return syscall(SYS_gettid);
}

long lx_sys_getuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return getuid();
}

long lx_sys_geteuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return geteuid();
}

long lx_sys_getgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return getgid();
}

long lx_sys_getegid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return getegid();
}

/* getresuid/getresgid: three 32-bit ids; all three pointers are checked
 * before any is written. */
static long lx_put_three_ids(struct lx_task *t, const uint64_t a[6],
                             const uint32_t ids[3])
{
    for (int i = 0; i < 3; i++)
        if (!lx_guest_ptr(t, a[i], sizeof ids[i], LX_PROT_WRITE))
            return -LX_EFAULT;
    for (int i = 0; i < 3; i++)
        lx_copy_out(t, a[i], &ids[i], sizeof ids[i]);
    return 0;
}

long lx_sys_getresuid(struct lx_task *t, const uint64_t a[6])
{
    uid_t r, e, s;

    if (getresuid(&r, &e, &s) != 0)
        return -errno;
    return lx_put_three_ids(t, a, (const uint32_t[3]){r, e, s});
}

long lx_sys_getresgid(struct lx_task *t, const uint64_t a[6])
{
    gid_t r, e, s;

    if (getresgid(&r, &e, &s) != 0)
        return -errno;
    return lx_put_three_ids(t, a, (const uint32_t[3]){r, e, s});
}

long lx_sys_setuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_setuid, (uid_t)a[0]));
}

long lx_sys_setgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_setgid, (gid_t)a[0]));
}

long lx_sys_setreuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_setreuid, (uid_t)a[0], (uid_t)a[1]));
}

long lx_sys_setregid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(syscall(SYS_setregid, (gid_t)a[0], (gid_t)a[1]));
}

long lx_sys_setresuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(
        syscall(SYS_setresuid, (uid_t)a[0], (uid_t)a[1], (uid_t)a[2]));
}

long lx_sys_setresgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(
        syscall(SYS_setresgid, (gid_t)a[0], (gid_t)a[1], (gid_t)a[2]));
}

/* setfsuid/setfsgid never fail: they return the previous id. */
long lx_sys_setfsuid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return syscall(SYS_setfsuid, (uid_t)a[0]);
}

long lx_sys_setfsgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return syscall(SYS_setfsgid, (gid_t)a[0]);
}

#define LX_NGROUPS_MAX 65536

/* getgroups(2): size 0 asks for the count only. */
long lx_sys_getgroups(struct lx_task *t, const uint64_t a[6])
{
    int size = (int)a[0];
    gid_t *groups;
    long n;

    if (size < 0)
        return -LX_EINVAL;
    if (size == 0)
        return lx_ret(getgroups(0, NULL));
    if (size > LX_NGROUPS_MAX)
        size = LX_NGROUPS_MAX;
    if (!(groups = malloc(sizeof *groups * (size_t)size)))
        return -LX_ENOMEM;
    n = lx_ret(getgroups(size, groups));
    if (n > 0 && lx_copy_out(t, a[1], groups, sizeof *groups * (size_t)n) < 0)
        n = -LX_EFAULT;
    free(groups);
    return n;
}

long lx_sys_setgroups(struct lx_task *t, const uint64_t a[6])
{
    size_t size = (size_t)a[0];
    gid_t *groups;
    long rc;

    if (size > LX_NGROUPS_MAX)
        return -LX_EINVAL;
    if (!(groups = malloc(sizeof *groups * (size + 1))))
        return -LX_ENOMEM;
    if (lx_copy_in(t, groups, a[1], sizeof *groups * size) < 0)
        rc = -LX_EFAULT;
    else
        rc = lx_ret(syscall(SYS_setgroups, size, groups));
    free(groups);
    return rc;
}

long lx_sys_setsid(struct lx_task *t, const uint64_t a[6])
{
    (void)t, (void)a;
    return lx_ret(setsid());
}

long lx_sys_setpgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

long lx_sys_getpgid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(getpgid((pid_t)a[0]));
}

long lx_sys_getsid(struct lx_task *t, const uint64_t a[6])
{
    (void)t;
    return lx_ret(getsid((pid_t)a[0]));
}
