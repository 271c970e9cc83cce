/* syscalls/linux/syscall_dispatch.c: the syscall entry point: read the
 * registers, index the table, write the result back. */
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_sys.h"

static const struct lx_syscall_info lx_table[LX_NR_MAX] = {
#define LX_SYSCALL(nr, nm, n, fn, fmt)                                         \
    [nr] = {.name = #nm, .handler = fn, .format = fmt, .nargs = n},
#define LX_NOSYS(nr, nm, n) [nr] = {.name = #nm, .nargs = n},
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
};

static const struct lx_syscall_info lx_no_info;

const struct lx_syscall_info *lx_syscall_info(uint64_t nr)
{
    return nr < LX_NR_MAX ? &lx_table[nr] : &lx_no_info;
}

const char *lx_syscall_name(uint64_t nr)
{
    return lx_syscall_info(nr)->name;
}

bool lx_syscall_implemented(uint64_t nr)
{
    return lx_syscall_info(nr)->handler != NULL;
}

long lx_ret(long host_result)
{
    return host_result == -1 ? -(long)errno : host_result;
}

static uint64_t lx_reg(const struct lx_task *t, uint32_t offset)
{
    uint64_t v;

    memcpy(&v, (const char *)t->env + offset, sizeof v);
    return v;
}

/* -d unimp: one line per number for the whole process, whichever thread
 * asks first. Numbers past the table share the last slot. */
static void lx_log_unimp(uint64_t nr)
{
    static atomic_uchar logged[LX_NR_MAX + 1];
    const char *name = lx_syscall_name(nr);

    if (atomic_exchange(&logged[nr < LX_NR_MAX ? nr : LX_NR_MAX], 1))
        return;
    if (name)
        log_printf("ferry: unimplemented syscall %llu (%s)\n",
                   (unsigned long long)nr, name);
    else
        log_printf("ferry: unknown syscall %llu\n", (unsigned long long)nr);
}

static long lx_run(struct lx_task *t, uint64_t nr, const uint64_t a[6])
{
    const struct lx_syscall_info *info = lx_syscall_info(nr);
    long ret;

    if (info->handler)
        return info->handler(t, a);
    ret = t->arch_syscall ? t->arch_syscall(t, nr, a) : -LX_ENOSYS;
    if (ret == -LX_ENOSYS && log_enabled(LOG_UNIMP))
        lx_log_unimp(nr);
    return ret;
}

enum lx_action lx_syscall(struct lx_task *t)
{
    uint64_t nr = lx_reg(t, t->abi->syscall_nr), a[6];
    uint64_t result;
    long ret;

    for (int i = 0; i < 6; i++)
        a[i] = lx_reg(t, t->abi->syscall_arg[i]);
    if (t->tid == 0)
        t->tid = (int)syscall(SYS_gettid);
    ret = lx_run(t, nr, a);
    if (t->strace)
        lx_strace(t, nr, a, ret);
    if (t->exited) /* exit, exit_group: nothing to return to */
        return LX_EXIT;
    result = (uint64_t)ret;
    memcpy((char *)t->env + t->abi->syscall_ret, &result, sizeof result);
    return LX_CONTINUE;
}
