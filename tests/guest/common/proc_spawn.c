/* proc_spawn: posix_spawn of a program that exists and of one that does
 * not (glibc's child reports the exec failure through memory it shares
 * with the parent: clone(CLONE_VM | CLONE_VFORK)), posix_spawnp with file
 * actions, vfork whose child writes its parent's memory, popen and
 * system.
 * Architecture-neutral: proc_spawn.ref is this program's output built
 * natively with gcc on x86-64 Linux. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void report(const char *what, pid_t pid)
{
    int status = -1;

    if (waitpid(pid, &status, 0) != pid)
        printf("%s: waitpid failed\n", what);
    else if (WIFEXITED(status))
        printf("%s: exit %d\n", what, WEXITSTATUS(status));
    else
        printf("%s: status 0x%x\n", what, status);
}

/* The child's output comes first: the parent says nothing until it has
 * waited for it. */
static void spawn_existing(void)
{
    char *argv[] = {"sh", "-c", "echo spawned $0 $1; exit 4", "a", "b", NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ), st = -1;

    if (rc == 0)
        waitpid(pid, &st, 0);
    printf("posix_spawn /bin/sh: %d\n", rc);
    printf("sh: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static void spawn_missing(void)
{
    char *argv[] = {"nope", NULL};
    pid_t pid = 0;
    int rc = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, argv,
                         environ);

    printf("posix_spawn missing: %s\n", rc == ENOENT ? "ENOENT" : strerror(rc));
    rc = posix_spawnp(&pid, "no-such-program-ferry", NULL, NULL, argv,
                      environ);
    printf("posix_spawnp missing: %s\n", rc == ENOENT ? "ENOENT" : strerror(rc));
}

/* The child's stdout is a pipe (file actions), its mask and dispositions
 * reset (attributes). */
static void spawn_actions(void)
{
    char *argv[] = {"sh", "-c", "echo through the pipe; kill -s USR1 $$", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t def;
    char buf[64] = "";
    int p[2];
    pid_t pid;
    ssize_t n;
    int rc;

    if (pipe(p) != 0)
        return;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    posix_spawnattr_init(&at);
    sigemptyset(&def);
    sigaddset(&def, SIGUSR1);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
    signal(SIGUSR1, SIG_IGN); /* the child gets SIG_DFL back */
    rc = posix_spawnp(&pid, "sh", &fa, &at, argv, environ);
    printf("posix_spawnp sh: %d\n", rc);
    close(p[1]);
    n = read(p[0], buf, sizeof buf - 1);
    printf("from the pipe: %.*s", (int)(n > 0 ? n : 0), buf);
    close(p[0]);
    if (rc == 0) {
        int status = 0;

        waitpid(pid, &status, 0);
        printf("killed by SIGUSR1: %d\n",
               WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
    }
    signal(SIGUSR1, SIG_DFL);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
}

static volatile int shared_word;

static void vfork_shares_memory(void)
{
    pid_t pid = vfork();

    if (pid == 0) {
        shared_word = 42; /* the parent's memory: vfork shares it */
        _exit(9);
    }
    printf("vfork child wrote: %d\n", shared_word);
    report("vfork", pid);
}

static void popen_and_system(void)
{
    char line[64];
    FILE *f = popen("echo from popen; exit 3", "r");
    int st;

    if (f && fgets(line, sizeof line, f))
        printf("popen read: %s", line);
    st = f ? pclose(f) : -1;
    printf("pclose: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    f = popen("cat > /dev/null", "w");
    fputs("into popen\n", f);
    printf("pclose w: %d\n", pclose(f));
    st = system("exit 5");
    printf("system: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    st = system("echo from system");
    printf("system echo: %d\n", st);
    printf("system(NULL): %d\n", system(NULL) != 0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    spawn_existing();
    spawn_missing();
    spawn_actions();
    vfork_shares_memory();
    popen_and_system();
    return 0;
}
