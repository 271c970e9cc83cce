/* sys_proc_files: /proc/self describes the guest program: cmdline and
 * environ are its argv and envp strings, auxv its auxiliary vector
 * (AT_PAGESZ 4096, AT_ENTRY, the values getauxval() sees), stat its
 * pid, name and memory layout (code around main, argv and envp strings
 * between arg_start/arg_end and env_start/env_end, start_stack at argc),
 * comm its name; the /proc/PID and /proc/thread-self spellings agree.
 * Architecture-neutral: sys_proc_files.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static long slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    long n, total = 0;

    if (fd < 0)
        return -1;
    while ((n = read(fd, buf + total, size - (size_t)total)) > 0)
        total += n;
    close(fd);
    return total;
}

/* Whether buf (n bytes) is exactly the strings of v, each with its NUL. */
static int same_strings(const char *buf, long n, char **v)
{
    long at = 0;

    for (; *v; v++) {
        size_t len = strlen(*v) + 1;

        if (at + (long)len > n || memcmp(buf + at, *v, len) != 0)
            return 0;
        at += (long)len;
    }
    return at == n;
}

static void test_strings(char **argv)
{
    static char buf[1 << 20];
    long n = slurp("/proc/self/cmdline", buf, sizeof buf);

    printf("cmdline is argv: %d\n", same_strings(buf, n, argv));
    n = slurp("/proc/self/environ", buf, sizeof buf);
    printf("environ is envp: %d\n", same_strings(buf, n, environ));
}

static void test_auxv(void)
{
    uint64_t v[256];
    long n = slurp("/proc/self/auxv", (char *)v, sizeof v) / 16;
    int pagesz = 0, entry = 0, agree = 1,
        null_last = n > 0 && v[2 * n - 2] == 0;

    for (long i = 0; i < n && v[2 * i] != AT_NULL; i++) {
        if (v[2 * i] == AT_PAGESZ)
            pagesz = v[2 * i + 1] == 4096;
        if (v[2 * i] == AT_ENTRY)
            entry = v[2 * i + 1] != 0;
        /* glibc may rewrite its copy of AT_HWCAP (x86-64 does) */
        if (v[2 * i] != AT_HWCAP && v[2 * i] != AT_HWCAP2 &&
            getauxval(v[2 * i]) != v[2 * i + 1])
            agree = 0;
    }
    printf("auxv AT_PAGESZ 4096: %d\n", pagesz);
    printf("auxv AT_ENTRY set: %d\n", entry);
    printf("auxv agrees with getauxval: %d\n", agree);
    printf("auxv ends with AT_NULL: %d\n", null_last);
}

/* Field n (1-based) of a stat line, after the parenthesised name. */
static unsigned long long stat_field(const char *line, int n)
{
    const char *p = strrchr(line, ')') + 2;

    for (int i = 3; i < n; i++)
        p = strchr(p, ' ') + 1;
    return strtoull(p, NULL, 10);
}

static void test_stat(char **argv)
{
    char line[4096], other[4096], path[64], comm[64], want[16];
    const char *base =
        strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    uintptr_t code = (uintptr_t)&test_stat;
    long n = slurp("/proc/self/stat", line, sizeof line - 1);
    char *open_paren = strchr(line, '('), *close_paren = strrchr(line, ')');

    line[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "%s", base);
    printf("stat pid: %d\n", atoi(line) == getpid());
    printf("stat comm is the program's name: %d\n",
           open_paren && close_paren &&
               (size_t)(close_paren - open_paren - 1) == strlen(want) &&
               strncmp(open_paren + 1, want, strlen(want)) == 0);
    n = slurp("/proc/self/comm", comm, sizeof comm - 1);
    comm[n > 0 ? n - 1 : 0] = '\0';
    printf("comm is the program's name: %d\n", strcmp(comm, want) == 0);
    printf("code around main: %d\n",
           stat_field(line, 26) <= code && code < stat_field(line, 27));
    printf("start_stack at argc: %d\n",
           stat_field(line, 28) == (uintptr_t)argv - 8);
    printf("argv strings in arg_start..arg_end: %d\n",
           stat_field(line, 48) == (uintptr_t)argv[0] &&
               (uintptr_t)argv[0] < stat_field(line, 49));
    printf("envp strings in env_start..env_end: %d\n",
           !environ[0] || (stat_field(line, 50) == (uintptr_t)environ[0] &&
                           (uintptr_t)environ[0] < stat_field(line, 51)));
    snprintf(path, sizeof path, "/proc/%d/stat", getpid());
    n = slurp(path, other, sizeof other - 1);
    other[n > 0 ? n : 0] = '\0';
    printf("/proc/PID/stat has the same layout: %d\n",
           stat_field(other, 48) == stat_field(line, 48) &&
               stat_field(other, 26) == stat_field(line, 26));
    n = slurp("/proc/thread-self/stat", other, sizeof other - 1);
    other[n > 0 ? n : 0] = '\0';
    printf("/proc/thread-self/stat too: %d\n",
           stat_field(other, 50) == stat_field(line, 50));
}

int main(int argc, char **argv)
{
    (void)argc;
    test_strings(argv);
    test_auxv();
    test_stat(argv);
    return 0;
}
