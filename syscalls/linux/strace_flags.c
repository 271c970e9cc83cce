/* syscalls/linux/strace_flags.c: -strace decoders for flag arguments
 * and small structs, named and ordered as strace(1) prints them. The
 * values are the generic Linux ABI's (asm-generic), which riscv64 and
 * arm64 share. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "syscalls/linux/lx_abi.h"
#include "syscalls/linux/lx_strace.h"

#define LX_NFLAGS(f) (sizeof(f) / sizeof((f)[0]))
/* strace's default -s: strings show this many bytes, then "...". */
#define LX_STRACE_STRLEN 32

/* mmap/mprotect prot (asm-generic/mman-common.h). */
static const struct lx_flag lx_prot_flags[] = {
    {0x1, "PROT_READ"},
    {0x2, "PROT_WRITE"},
    {0x4, "PROT_EXEC"},
    {0x8, "PROT_SEM"},
    {0x01000000, "PROT_GROWSDOWN"},
    {0x02000000, "PROT_GROWSUP"},
};

/* mmap flags after the type (asm-generic/mman*.h), in strace's order. */
static const struct lx_flag lx_map_flags[] = {
    {0x10, "MAP_FIXED"},
    {0x20, "MAP_ANONYMOUS"},
    {0x4000, "MAP_NORESERVE"},
    {0x8000, "MAP_POPULATE"},
    {0x10000, "MAP_NONBLOCK"},
    {0x100, "MAP_GROWSDOWN"},
    {0x800, "MAP_DENYWRITE"},
    {0x1000, "MAP_EXECUTABLE"},
    {0x2000, "MAP_LOCKED"},
    {0x20000, "MAP_STACK"},
    {0x40000, "MAP_HUGETLB"},
    {0x80000, "MAP_SYNC"},
    {0x100000, "MAP_FIXED_NOREPLACE"},
    {0x4000000, "MAP_UNINITIALIZED"},
};

/* The AT_* flags of the *at calls (linux/fcntl.h). */
static const struct lx_flag lx_at_flags[] = {
    {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"},
    {0x400, "AT_SYMLINK_FOLLOW"},   {0x800, "AT_NO_AUTOMOUNT"},
    {0x1000, "AT_EMPTY_PATH"},      {0x8000, "AT_RECURSIVE"},
};

/* access(2) modes. */
static const struct lx_flag lx_access_flags[] = {
    {4, "R_OK"},
    {2, "W_OK"},
    {1, "X_OK"},
};

static const struct lx_flag lx_grnd_flags[] = {
    {1, "GRND_NONBLOCK"},
    {2, "GRND_RANDOM"},
    {4, "GRND_INSECURE"},
};

/* st_mode's set-id and sticky bits. */
static const struct lx_flag lx_mode_flags[] = {
    {04000, "S_ISUID"},
    {02000, "S_ISGID"},
    {01000, "S_ISVTX"},
};

/* open(2) flags by name, in strace's order: the access mode, then each
 * other known bit; bits without a name stay as hex. */
static void lx_strace_open_flags(struct lx_sb *b, struct lx_task *t, uint64_t v)
{
    static const struct lx_flag names[] = {
        {O_CREAT, "O_CREAT"},
        {O_EXCL, "O_EXCL"},
        {O_NOCTTY, "O_NOCTTY"},
        {O_TRUNC, "O_TRUNC"},
        {O_APPEND, "O_APPEND"},
        {O_NONBLOCK, "O_NONBLOCK"},
        {O_SYNC, "O_SYNC"}, /* has O_DSYNC's bit: before it */
        {O_DSYNC, "O_DSYNC"},
        {LX_O_DIRECT, "O_DIRECT"},
        {LX_O_LARGEFILE, "O_LARGEFILE"},
        {LX_O_NOFOLLOW, "O_NOFOLLOW"},
        {O_NOATIME, "O_NOATIME"},
        {O_CLOEXEC, "O_CLOEXEC"},
        {O_PATH, "O_PATH"},
        {O_TMPFILE, "O_TMPFILE"}, /* has O_DIRECTORY's bit: before it */
        {LX_O_DIRECTORY, "O_DIRECTORY"},
        {O_ASYNC, "FASYNC"},
    };
    unsigned h = (unsigned)lx_open_flags_to_host(t->abi, v);

    lx_sb_add(b, "%s",
              (const char *[]){"O_RDONLY", "O_WRONLY", "O_RDWR",
                               "O_ACCMODE"}[h & O_ACCMODE]);
    h &= ~(unsigned)O_ACCMODE;
    if (h) {
        lx_sb_add(b, "|");
        lx_sb_flags(b, names, sizeof names / sizeof names[0], h, NULL, "O_");
    }
}

/* name[v] when v indexes a name, else v in decimal. */
static void lx_sb_enum(struct lx_sb *b, const char *const *name, size_t n,
                       uint64_t v)
{
    if (v < n && name[v])
        lx_sb_add(b, "%s", name[v]);
    else
        lx_sb_add(b, "%lld", (long long)v);
}

static void lx_strace_map_flags(struct lx_sb *b, uint64_t v)
{
    static const char *const type[] = {NULL, "MAP_SHARED", "MAP_PRIVATE",
                                       "MAP_SHARED_VALIDATE"};
    uint64_t rest = v & ~(uint64_t)0xf;

    if ((v & 0xf) < 4 && type[v & 0xf])
        lx_sb_add(b, "%s%s", type[v & 0xf], rest ? "|" : "");
    else
        rest = v;
    if (rest || !(v & 0xf))
        lx_sb_flags(b, lx_map_flags, LX_NFLAGS(lx_map_flags), rest, NULL,
                    "MAP_");
}

/* The mode argument of open: shown only when the flags before it create
 * a file (O_CREAT, O_TMPFILE), as strace does. */
static void lx_strace_open_mode(struct lx_sb *b, struct lx_task *t,
                                const uint64_t a[6], int i)
{
    int h = i ? lx_open_flags_to_host(t->abi, a[i - 1]) : 0;

    if ((h & O_CREAT) || (h & O_TMPFILE) == O_TMPFILE)
        lx_sb_add(b, "%#03llo", (unsigned long long)a[i]);
}

static void lx_strace_mode(struct lx_sb *b, uint32_t mode)
{
    static const char *const type[16] = {
        [001] = "S_IFIFO",  [002] = "S_IFCHR", [004] = "S_IFDIR",
        [006] = "S_IFBLK",  [010] = "S_IFREG", [012] = "S_IFLNK",
        [014] = "S_IFSOCK",
    };
    const char *name = type[(mode >> 12) & 017];

    if (name)
        lx_sb_add(b, "%s|", name);
    else if (mode & 0170000)
        lx_sb_add(b, "%#o|", mode & 0170000);
    if (mode & 07000) {
        lx_sb_flags(b, lx_mode_flags, LX_NFLAGS(lx_mode_flags), mode & 07000,
                    NULL, "S_");
        lx_sb_add(b, "|");
    }
    lx_sb_add(b, "%#03o", mode & 0777);
}

/* strace's abbreviated struct stat: the type and mode, the size (or the
 * device of a device file), then "...". */
static void lx_strace_stat(struct lx_sb *b, struct lx_task *t, gva v)
{
    struct lx_stat st;

    if (lx_copy_in(t, &st, v, sizeof st) < 0) {
        lx_sb_ptr(b, v);
        return;
    }
    lx_sb_add(b, "{st_mode=");
    lx_strace_mode(b, st.st_mode);
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        lx_sb_add(b, ", st_rdev=makedev(%#x, %#x), ...}", major(st.st_rdev),
                  minor(st.st_rdev));
    else
        lx_sb_add(b, ", st_size=%lld, ...}", (long long)st.st_size);
}

/* An rlimit value: the infinity by name, multiples of 1024 as N*1024. */
static void lx_strace_rlim(struct lx_sb *b, uint64_t v, const char *inf)
{
    if (v == UINT64_MAX)
        lx_sb_add(b, "%s", inf);
    else if (v && v % 1024 == 0)
        lx_sb_add(b, "%llu*1024", (unsigned long long)(v / 1024));
    else
        lx_sb_add(b, "%llu", (unsigned long long)v);
}

static void lx_strace_rlimit(struct lx_sb *b, struct lx_task *t, gva v,
                             const char *inf)
{
    struct lx_rlimit r;

    if (!v || lx_copy_in(t, &r, v, sizeof r) < 0) {
        lx_sb_ptr(b, v);
        return;
    }
    lx_sb_add(b, "{rlim_cur=");
    lx_strace_rlim(b, r.rlim_cur, inf);
    lx_sb_add(b, ", rlim_max=");
    lx_strace_rlim(b, r.rlim_max, inf);
    lx_sb_add(b, "}");
}

static void lx_strace_timespec(struct lx_sb *b, struct lx_task *t, gva v)
{
    struct lx_timespec ts;

    if (!v || lx_copy_in(t, &ts, v, sizeof ts) < 0)
        lx_sb_ptr(b, v);
    else
        lx_sb_add(b, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts.tv_sec,
                  (long long)ts.tv_nsec);
}

/* The guest's NULL-terminated array of pointers at v: entry i into *out;
 * false when it cannot be read. */
static bool lx_strace_vec_at(struct lx_task *t, gva v, size_t i, gva *out)
{
    return lx_copy_in(t, out, v + i * sizeof *out, sizeof *out) == 0;
}

/* execve's argv: ["prog", "arg"...], each string cut at 32 bytes. */
static void lx_strace_argv(struct lx_sb *b, struct lx_task *t, gva v)
{
    char s[LX_STRACE_STRLEN + 1];
    gva p;
    size_t i;

    if (!v || !lx_strace_vec_at(t, v, 0, &p)) {
        lx_sb_ptr(b, v);
        return;
    }
    lx_sb_add(b, "[");
    for (i = 0; lx_strace_vec_at(t, v, i, &p) && p; i++) {
        size_t n = 0;

        while (n <= LX_STRACE_STRLEN && lx_copy_in(t, &s[n], p + n, 1) == 0 &&
               s[n])
            n++;
        lx_sb_add(b, "%s", i ? ", " : "");
        lx_sb_quote(b, (const unsigned char *)s,
                    n > LX_STRACE_STRLEN ? LX_STRACE_STRLEN : n,
                    n > LX_STRACE_STRLEN, false);
    }
    lx_sb_add(b, "]");
}

/* execve's envp: the address and how many variables. */
static void lx_strace_envp(struct lx_sb *b, struct lx_task *t, gva v)
{
    gva p;
    size_t n = 0;

    lx_sb_ptr(b, v);
    if (!v)
        return;
    while (n < 100000 && lx_strace_vec_at(t, v, n, &p) && p)
        n++;
    lx_sb_add(b, " /* %zu var%s */", n, n == 1 ? "" : "s");
}

static const char *const lx_rlimit_names[] = {
    "RLIMIT_CPU",      "RLIMIT_FSIZE", "RLIMIT_DATA",   "RLIMIT_STACK",
    "RLIMIT_CORE",     "RLIMIT_RSS",   "RLIMIT_NPROC",  "RLIMIT_NOFILE",
    "RLIMIT_MEMLOCK",  "RLIMIT_AS",    "RLIMIT_LOCKS",  "RLIMIT_SIGPENDING",
    "RLIMIT_MSGQUEUE", "RLIMIT_NICE",  "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
};

static const char *const lx_clock_names[] = {
    "CLOCK_REALTIME",           "CLOCK_MONOTONIC",
    "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
    "CLOCK_MONOTONIC_RAW",      "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE",   "CLOCK_BOOTTIME",
    "CLOCK_REALTIME_ALARM",     "CLOCK_BOOTTIME_ALARM",
    "CLOCK_SGI_CYCLE",          "CLOCK_TAI",
};

/* madvise(2) advice (asm-generic/mman-common.h); 5-7 are unused. */
static const char *const lx_madv_names[] = {
    "MADV_NORMAL",
    "MADV_RANDOM",
    "MADV_SEQUENTIAL",
    "MADV_WILLNEED",
    "MADV_DONTNEED",
    NULL,
    NULL,
    NULL,
    "MADV_FREE",
    "MADV_REMOVE",
    "MADV_DONTFORK",
    "MADV_DOFORK",
    "MADV_MERGEABLE",
    "MADV_UNMERGEABLE",
    "MADV_HUGEPAGE",
    "MADV_NOHUGEPAGE",
    "MADV_DONTDUMP",
    "MADV_DODUMP",
    "MADV_WIPEONFORK",
    "MADV_KEEPONFORK",
    "MADV_COLD",
    "MADV_PAGEOUT",
    "MADV_POPULATE_READ",
    "MADV_POPULATE_WRITE",
    "MADV_DONTNEED_LOCKED",
    "MADV_COLLAPSE",
};

static const char *const lx_whence_names[] = {
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE",
};

bool lx_strace_flags_arg(struct lx_sb *b, struct lx_task *t, char letter,
                         const uint64_t a[6], int i)
{
    uint64_t v = a[i];

    switch (letter) {
    case 'f':
        lx_strace_open_flags(b, t, v);
        return true;
    case 'O':
        lx_strace_open_mode(b, t, a, i);
        return true;
    case 'P':
        lx_sb_flags(b, lx_prot_flags, LX_NFLAGS(lx_prot_flags), v, "PROT_NONE",
                    "PROT_");
        return true;
    case 'M':
        lx_strace_map_flags(b, v);
        return true;
    case 'A':
        lx_sb_flags(b, lx_at_flags, LX_NFLAGS(lx_at_flags), (uint32_t)v, NULL,
                    "AT_");
        return true;
    case 'K':
        lx_sb_flags(b, lx_access_flags, LX_NFLAGS(lx_access_flags), (uint32_t)v,
                    "F_OK", "?_OK");
        return true;
    case 'G':
        lx_sb_flags(b, lx_grnd_flags, LX_NFLAGS(lx_grnd_flags), (uint32_t)v,
                    NULL, "GRND_");
        return true;
    case 'W':
        lx_sb_enum(b, lx_whence_names, LX_NFLAGS(lx_whence_names), (uint32_t)v);
        return true;
    case 'R':
        lx_sb_enum(b, lx_rlimit_names, LX_NFLAGS(lx_rlimit_names), (uint32_t)v);
        return true;
    case 'V':
        lx_sb_enum(b, lx_madv_names, LX_NFLAGS(lx_madv_names), (uint32_t)v);
        return true;
    case 'C':
        lx_sb_enum(b, lx_clock_names, LX_NFLAGS(lx_clock_names), (uint32_t)v);
        return true;
    case 'T':
        lx_strace_stat(b, t, v);
        return true;
    case 'r': /* prlimit64's struct rlimit64 */
        lx_strace_rlimit(b, t, v, "RLIM64_INFINITY");
        return true;
    case 'q': /* getrlimit/setrlimit's struct rlimit */
        lx_strace_rlimit(b, t, v, "RLIM_INFINITY");
        return true;
    case 't':
        lx_strace_timespec(b, t, v);
        return true;
    case 'v':
        lx_strace_argv(b, t, v);
        return true;
    case 'e':
        lx_strace_envp(b, t, v);
        return true;
    default:
        return false;
    }
}
