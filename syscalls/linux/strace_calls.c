/* syscalls/linux/strace_calls.c: -strace for the calls whose arguments
 * depend on each other (clone's flags say which pointers it uses,
 * futex's and fcntl's operation say how many arguments follow), printed
 * as strace(1) prints them. Generic Linux ABI values. */
#include <string.h>

#include "syscalls/linux/lx_strace.h"

#define LX_NFLAGS(f) (sizeof(f) / sizeof((f)[0]))

#define LX_CLONE_PIDFD 0x1000u
#define LX_CLONE_SETTLS 0x80000u
#define LX_CLONE_PARENT_SETTID 0x100000u
#define LX_CLONE_CHILD_CLEARTID 0x200000u
#define LX_CLONE_CHILD_SETTID 0x1000000u

static const struct lx_flag lx_clone_flags[] = {
    {0x100, "CLONE_VM"},
    {0x200, "CLONE_FS"},
    {0x400, "CLONE_FILES"},
    {0x800, "CLONE_SIGHAND"},
    {0x1000, "CLONE_PIDFD"},
    {0x2000, "CLONE_PTRACE"},
    {0x4000, "CLONE_VFORK"},
    {0x8000, "CLONE_PARENT"},
    {0x10000, "CLONE_THREAD"},
    {0x20000, "CLONE_NEWNS"},
    {0x40000, "CLONE_SYSVSEM"},
    {0x80000, "CLONE_SETTLS"},
    {0x100000, "CLONE_PARENT_SETTID"},
    {0x200000, "CLONE_CHILD_CLEARTID"},
    {0x400000, "CLONE_DETACHED"},
    {0x800000, "CLONE_UNTRACED"},
    {0x1000000, "CLONE_CHILD_SETTID"},
    {0x2000000, "CLONE_NEWCGROUP"},
    {0x4000000, "CLONE_NEWUTS"},
    {0x8000000, "CLONE_NEWIPC"},
    {0x10000000, "CLONE_NEWUSER"},
    {0x20000000, "CLONE_NEWPID"},
    {0x40000000, "CLONE_NEWNET"},
    {0x80000000, "CLONE_IO"},
};

/* An int the call wrote at v: "[N]" when it succeeded and v is readable,
 * else the address. */
static void lx_strace_int_out(struct lx_sb *b, struct lx_task *t, gva v,
                              long ret)
{
    int32_t n;

    if (ret >= 0 && v && lx_copy_in(t, &n, v, sizeof n) == 0)
        lx_sb_add(b, "[%d]", n);
    else
        lx_sb_ptr(b, v);
}

/* clone(2), generic order (flags, stack, parent_tid, tls, child_tid):
 * strace names the fields and shows only the pointers the flags use. */
static void lx_strace_clone(struct lx_sb *b, struct lx_task *t,
                            const uint64_t a[6], long ret)
{
    uint64_t flags = a[0] & ~(uint64_t)0xff;
    int sig = (int)(a[0] & 0xff);

    lx_sb_add(b, "child_stack=");
    lx_sb_ptr(b, a[1]);
    lx_sb_add(b, ", flags=");
    if (flags)
        lx_sb_flags(b, lx_clone_flags, LX_NFLAGS(lx_clone_flags), flags, NULL,
                    "CLONE_");
    if (sig) {
        if (flags)
            lx_sb_add(b, "|");
        lx_strace_signal_arg(b, t, 'S', (uint64_t)sig);
    } else if (!flags) {
        lx_sb_add(b, "0");
    }
    if (flags & (LX_CLONE_PARENT_SETTID | LX_CLONE_PIDFD)) {
        lx_sb_add(b, ", parent_tid=");
        lx_strace_int_out(b, t, a[2], ret);
    }
    if (flags & LX_CLONE_SETTLS)
        lx_sb_add(b, ", tls=%#llx", (unsigned long long)a[3]);
    if (flags & (LX_CLONE_CHILD_SETTID | LX_CLONE_CHILD_CLEARTID)) {
        lx_sb_add(b, ", child_tidptr=");
        lx_sb_ptr(b, a[4]);
    }
}

/* wait4's status: the W* macros strace writes for it. */
static void lx_strace_wstatus(struct lx_sb *b, struct lx_task *t, gva v,
                              long ret)
{
    int32_t s;

    if (ret <= 0 || !v || lx_copy_in(t, &s, v, sizeof s) < 0) {
        lx_sb_ptr(b, v);
        return;
    }
    lx_sb_add(b, "[{");
    if ((s & 0x7f) == 0) {
        lx_sb_add(b, "WIFEXITED(s) && WEXITSTATUS(s) == %d", (s >> 8) & 0xff);
    } else if ((s & 0xff) == 0x7f) {
        lx_sb_add(b, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
        lx_strace_signal_arg(b, t, 'S', (uint64_t)((s >> 8) & 0xff));
    } else if (s == 0xffff) {
        lx_sb_add(b, "WIFCONTINUED(s)");
    } else {
        lx_sb_add(b, "WIFSIGNALED(s) && WTERMSIG(s) == ");
        lx_strace_signal_arg(b, t, 'S', (uint64_t)(s & 0x7f));
        if (s & 0x80)
            lx_sb_add(b, " && WCOREDUMP(s)");
    }
    lx_sb_add(b, "}]");
}

static void lx_strace_wait4(struct lx_sb *b, struct lx_task *t,
                            const uint64_t a[6], long ret)
{
    static const struct lx_flag options[] = {
        {1, "WNOHANG"},         {2, "WUNTRACED"},
        {8, "WCONTINUED"},      {0x20000000, "__WNOTHREAD"},
        {0x40000000, "__WALL"}, {0x80000000, "__WCLONE"},
    };

    lx_sb_add(b, "%d, ", (int)a[0]);
    lx_strace_wstatus(b, t, a[1], ret);
    lx_sb_add(b, ", ");
    lx_sb_flags(b, options, LX_NFLAGS(options), (uint32_t)a[2], NULL, "W");
    lx_sb_add(b, ", ");
    lx_sb_ptr(b, a[3]);
}

/* futex(2): the operation by name (with _PRIVATE and
 * |FUTEX_CLOCK_REALTIME), then the arguments that operation reads. */
static void lx_strace_futex(struct lx_sb *b, struct lx_task *t,
                            const uint64_t a[6])
{
    static const char *const ops[] = {
        "FUTEX_WAIT",           "FUTEX_WAKE",        "FUTEX_FD",
        "FUTEX_REQUEUE",        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP",
        "FUTEX_LOCK_PI",        "FUTEX_UNLOCK_PI",   "FUTEX_TRYLOCK_PI",
        "FUTEX_WAIT_BITSET",    "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
        "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2",
    };
    enum {
        WAIT,
        WAKE,
        FD,
        REQUEUE,
        CMP_REQUEUE,
        WAKE_OP,
        LOCK_PI,
        UNLOCK_PI,
        TRYLOCK_PI,
        WAIT_BITSET,
        WAKE_BITSET,
        WAIT_REQUEUE_PI,
        CMP_REQUEUE_PI,
        LOCK_PI2
    };
    unsigned op = (unsigned)a[1] & 0x7f;

    lx_sb_ptr(b, a[0]);
    if (op >= LX_NFLAGS(ops) || op == FD || op == WAKE_OP ||
        op == WAIT_REQUEUE_PI) { /* raw */
        for (int i = 1; i < 6; i++)
            lx_sb_add(b, ", %#llx", (unsigned long long)a[i]);
        return;
    }
    lx_sb_add(b, ", %s%s%s", ops[op], (a[1] & 0x80) ? "_PRIVATE" : "",
              (a[1] & 0x100) ? "|FUTEX_CLOCK_REALTIME" : "");
    if (op == UNLOCK_PI || op == TRYLOCK_PI)
        return;
    if (op != LOCK_PI && op != LOCK_PI2)
        lx_sb_add(b, ", %d", (int)a[2]);
    if (op == WAIT || op == WAIT_BITSET || op == LOCK_PI || op == LOCK_PI2) {
        lx_sb_add(b, ", ");
        lx_strace_flags_arg(b, t, 't', a, 3);
    } else if (op == REQUEUE || op == CMP_REQUEUE || op == CMP_REQUEUE_PI) {
        lx_sb_add(b, ", %u, ", (unsigned)a[3]); /* val2 */
        lx_sb_ptr(b, a[4]);
        if (op != REQUEUE)
            lx_sb_add(b, ", %d", (int)a[5]);
    }
    if (op == WAIT_BITSET || op == WAKE_BITSET) {
        if ((uint32_t)a[5] == 0xffffffffu)
            lx_sb_add(b, ", FUTEX_BITSET_MATCH_ANY");
        else
            lx_sb_add(b, ", %#x", (unsigned)a[5]);
    }
}

/* fcntl(2): the command by name and its argument only when it has one. */
static void lx_strace_fcntl(struct lx_sb *b, struct lx_task *t,
                            const uint64_t a[6])
{
    static const char *const cmds[] = {
        "F_DUPFD", "F_GETFD",  "F_SETFD",  "F_GETFL",  "F_SETFL",  "F_GETLK",
        "F_SETLK", "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG",
    };
    static const struct lx_flag fd_flags[] = {{1, "FD_CLOEXEC"}};
    unsigned cmd = (unsigned)a[1];

    lx_sb_add(b, "%d, ", (int)a[0]);
    if (cmd < LX_NFLAGS(cmds))
        lx_sb_add(b, "%s", cmds[cmd]);
    else if (cmd == 1030)
        lx_sb_add(b, "F_DUPFD_CLOEXEC");
    else if (cmd == 1031 || cmd == 1032)
        lx_sb_add(b, cmd == 1031 ? "F_SETPIPE_SZ" : "F_GETPIPE_SZ");
    else
        lx_sb_add(b, "%#x /* F_??? */", cmd);
    switch (cmd) {
    case 1:
    case 3:
    case 9:
    case 11:
    case 1032: /* no argument */
        break;
    case 2:
        lx_sb_add(b, ", ");
        lx_sb_flags(b, fd_flags, 1, (uint32_t)a[2], NULL, "FD_");
        break;
    case 4:
        lx_sb_add(b, ", ");
        lx_strace_flags_arg(b, t, 'f', a, 2);
        break;
    case 5:
    case 6:
    case 7:
        lx_sb_add(b, ", ");
        lx_sb_ptr(b, a[2]);
        break;
    default:
        lx_sb_add(b, ", %d", (int)a[2]);
    }
}

/* ioctl(2): the common terminal and file requests by name. */
static void lx_strace_ioctl(struct lx_sb *b, const uint64_t a[6])
{
    static const struct {
        uint32_t req;
        const char *name;
    } reqs[] = {
        {0x5401, "TCGETS"},     {0x5402, "TCSETS"},    {0x5403, "TCSETSW"},
        {0x5404, "TCSETSF"},    {0x540b, "TCFLSH"},    {0x540e, "TIOCSCTTY"},
        {0x540f, "TIOCGPGRP"},  {0x5410, "TIOCSPGRP"}, {0x5413, "TIOCGWINSZ"},
        {0x5414, "TIOCSWINSZ"}, {0x541b, "FIONREAD"},  {0x5421, "FIONBIO"},
        {0x5450, "FIONCLEX"},   {0x5451, "FIOCLEX"},   {0x5452, "FIOASYNC"},
    };
    uint32_t req = (uint32_t)a[1];

    lx_sb_add(b, "%d, ", (int)a[0]);
    for (size_t i = 0; i < LX_NFLAGS(reqs); i++)
        if (reqs[i].req == req) {
            lx_sb_add(b, "%s", reqs[i].name);
            if (req != 0x5450 && req != 0x5451) { /* FIONCLEX, FIOCLEX */
                lx_sb_add(b, ", ");
                lx_sb_ptr(b, a[2]);
            }
            return;
        }
    /* asm-generic/ioctl.h: dir in bits 30-31, size 16-29, type 8-15,
     * number 0-7; strace spells an unknown request out this way */
    lx_sb_add(b, "_IOC(%s, %#x, %#x, %#x), %#llx",
              (const char *[]){"_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
                               "_IOC_READ|_IOC_WRITE"}[req >> 30],
              (req >> 8) & 0xff, req & 0xff, (req >> 16) & 0x3fff,
              (unsigned long long)a[2]);
}

bool lx_strace_call(struct lx_sb *b, struct lx_task *t, const char *name,
                    const uint64_t a[6], long ret)
{
    if (strcmp(name, "clone") == 0)
        lx_strace_clone(b, t, a, ret);
    else if (strcmp(name, "wait4") == 0)
        lx_strace_wait4(b, t, a, ret);
    else if (strcmp(name, "futex") == 0)
        lx_strace_futex(b, t, a);
    else if (strcmp(name, "fcntl") == 0)
        lx_strace_fcntl(b, t, a);
    else if (strcmp(name, "ioctl") == 0)
        lx_strace_ioctl(b, a);
    else
        return false;
    return true;
}

/* fcntl's F_GETFD and F_GETFL results: the value, then what it means. */
bool lx_strace_call_result(struct lx_sb *b, struct lx_task *t, const char *name,
                           const uint64_t a[6], long ret)
{
    uint64_t v[6] = {(uint64_t)ret};

    if (ret < 0 || strcmp(name, "fcntl") != 0 || (a[1] != 1 && a[1] != 3) ||
        (a[1] == 1 && ret == 0))
        return false;
    lx_sb_add(b, "%#lx (flags ", ret);
    if (a[1] == 1)
        lx_sb_add(b, ret == 1 ? "FD_CLOEXEC" : "FD_CLOEXEC|%#lx", ret & ~1L);
    else /* the guest's flags, as the call returned them */
        lx_strace_flags_arg(b, t, 'f', v, 0);
    lx_sb_add(b, ")");
    return true;
}
