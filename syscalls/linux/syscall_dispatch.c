/* syscalls/linux/syscall_dispatch.c: the syscall entry point: read the
 * registers, index the table, write the result back. */
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log/log.h"
#include "syscalls/linux/lx_sys.h"

/* The table holds no pointers: ferry is a static PIE, and its start-up
 * relocation writes every page that holds pointers (a copy-on-write
 * fault each, dear in a virtual machine). Rows give offsets into one
 * block of strings and stay in read-only data, untouched until used. */
static const struct lx_strings {
    char none; /* offset 0: no string */
#define LX_SYSCALL(nr, nm, n, fn, fmt)                                         \
    char name_##nr[sizeof #nm], fmt_##nr[sizeof fmt];
#define LX_NOSYS(nr, nm, n) char name_##nr[sizeof #nm];
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
} lx_strings = {
    0,
#define LX_SYSCALL(nr, nm, n, fn, fmt) #nm, fmt,
#define LX_NOSYS(nr, nm, n) #nm,
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
};

struct lx_row {
    uint16_t name, format; /* offsets in lx_strings; 0: none */
    uint8_t nargs;
};

_Static_assert(sizeof(struct lx_strings) <= UINT16_MAX,
               "string offsets fit in struct lx_row");

static const struct lx_row lx_table[LX_NR_MAX] = {
#define LX_SYSCALL(nr, nm, n, fn, fmt)                                         \
    [nr] = {offsetof(struct lx_strings, name_##nr),                            \
            offsetof(struct lx_strings, fmt_##nr), n},
#define LX_NOSYS(nr, nm, n)                                                    \
    [nr] = {offsetof(struct lx_strings, name_##nr), 0, n},
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
};

/* A switch, not a table of pointers: the compiler's jump table holds
 * offsets, and each case takes its handler's address relative to the
 * code. */
static lx_handler *lx_handler_of(uint64_t nr)
{
    switch (nr) {
#define LX_SYSCALL(nr, nm, n, fn, fmt)                                         \
    case nr:                                                                   \
        return fn;
#define LX_NOSYS(nr, nm, n)
#include "syscalls/linux/syscall_table.h"
#undef LX_SYSCALL
#undef LX_NOSYS
    default:
        return NULL;
    }
}

static const char *lx_string(uint16_t off)
{
    return off ? (const char *)&lx_strings + off : NULL;
}

/* A row is built on demand in the calling thread's copy: -strace and the
 * tests use one at a time. */
const struct lx_syscall_info *lx_syscall_info(uint64_t nr)
{
    static _Thread_local struct lx_syscall_info info;
    const struct lx_row *r = nr < LX_NR_MAX ? &lx_table[nr] : NULL;

    info = (struct lx_syscall_info){
        .name = r ? lx_string(r->name) : NULL,
        .handler = lx_handler_of(nr),
        .format = r ? lx_string(r->format) : NULL,
        .nargs = r ? r->nargs : 0,
    };
    return &info;
}

const char *lx_syscall_name(uint64_t nr)
{
    return nr < LX_NR_MAX ? lx_string(lx_table[nr].name) : NULL;
}

bool lx_syscall_implemented(uint64_t nr)
{
    return lx_handler_of(nr) != NULL;
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
    lx_handler *handler = lx_handler_of(nr);
    long ret;

    if (handler)
        return handler(t, a);
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
