/* sys_process: ids, uname, resource limits, prctl, randomness, CPUs and
 * the umask. The machine name is not printed (it differs per guest).
 * Architecture-neutral: sys_process.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

/* Prints a result and, for a failure, errno's name, read before printf
 * can change it. */
static void show(const char *what, long rc)
{
    int e = errno;

    if (rc < 0)
        printf("%s: %ld %s\n", what, rc, strerrorname_np(e));
    else
        printf("%s: %ld\n", what, rc);
}

static void ids(void)
{
    uid_t r, e, s;

    printf("pid positive: %d\n", getpid() > 0);
    printf("ppid positive: %d\n", getppid() > 0);
    printf("main thread tid is pid: %d\n", gettid() == getpid());
    printf("getresuid: %d", getresuid(&r, &e, &s));
    printf(" matches: %d\n", r == getuid() && e == geteuid());
    printf("getpgid(0) is getpgrp: %d\n", getpgid(0) == getpgrp());
    /* 0 when the session leader lives outside our pid namespace (CI
       containers), so only consistency can be asserted. */
    printf("getsid consistent: %d\n",
           getsid(0) >= 0 && getsid(0) == getsid(getpid()));
    printf("getgroups count ok: %d\n", getgroups(0, NULL) >= 0);
}

static void names(void)
{
    struct utsname u;
    char name[16] = {0};

    printf("uname: %d", uname(&u));
    printf(" sysname %s machine set %d\n", u.sysname, u.machine[0] != 0);
    printf("PR_SET_NAME: %d\n", prctl(PR_SET_NAME, "sys-process-test"));
    printf("PR_GET_NAME: %d", prctl(PR_GET_NAME, name));
    printf(" '%s'\n", name);
}

static void limits(void)
{
    struct rlimit lim, old;

    getrlimit(RLIMIT_NOFILE, &old);
    lim = old;
    lim.rlim_cur = 100;
    printf("setrlimit NOFILE: %d\n", setrlimit(RLIMIT_NOFILE, &lim));
    printf("getrlimit NOFILE: %d", getrlimit(RLIMIT_NOFILE, &lim));
    printf(" cur %llu\n", (unsigned long long)lim.rlim_cur);
    printf("prlimit old: %d", prlimit(0, RLIMIT_NOFILE, &old, &lim));
    printf(" was %llu\n", (unsigned long long)lim.rlim_cur);
    lim.rlim_cur = 4 << 20;
    lim.rlim_max = RLIM_INFINITY;
    getrlimit(RLIMIT_STACK, &old);
    lim.rlim_max = old.rlim_max;
    printf("setrlimit STACK: %d\n", setrlimit(RLIMIT_STACK, &lim));
    printf("getrlimit STACK: %d", getrlimit(RLIMIT_STACK, &lim));
    printf(" cur %llu\n", (unsigned long long)lim.rlim_cur);
    lim.rlim_cur = lim.rlim_max = 5;
    lim.rlim_cur = 6;
    show("cur above max", setrlimit(RLIMIT_CORE, &lim));
    show("bad resource", getrlimit((__rlimit_resource_t)99, &lim));
}

static void misc(void)
{
    unsigned char buf[64] = {0};
    struct sysinfo si;
    struct rusage ru;
    cpu_set_t set;
    int nonzero = 0;

    printf("getrandom: %zd\n", getrandom(buf, 48, 0));
    for (int i = 0; i < 48; i++)
        nonzero += buf[i] != 0;
    printf("random bytes mostly nonzero: %d\n", nonzero > 24);
    printf("tail untouched: %d\n", buf[48] == 0 && buf[63] == 0);
    printf("sysinfo: %d", sysinfo(&si));
    printf(" ram %d unit %d\n", si.totalram > 0, si.mem_unit > 0);
    printf("getrusage: %d", getrusage(RUSAGE_SELF, &ru));
    printf(" maxrss %d\n", ru.ru_maxrss > 0);
    printf("sched_getaffinity: %d", sched_getaffinity(0, sizeof set, &set));
    printf(" cpus %d\n", CPU_COUNT(&set) > 0);
    printf("umask: %03o", umask(027));
    printf(" then %03o\n", umask(022));
}

int main(void)
{
    umask(022);
    ids();
    names();
    limits();
    misc();
    return 0;
}
