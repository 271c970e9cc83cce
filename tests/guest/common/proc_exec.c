/* proc_exec.c: execve: a pipeline of three processes (fork, pipe, dup2)
 * each exec'ing this program again in another role, argv[0] kept across
 * exec, posix_spawn, system() (the host's /bin/sh when the sysroot has
 * none), a "#!" script, and execve's errors. Expected output from a
 * native gcc run (architecture-neutral). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[4096];

static int role_gen(void)
{
    for (int i = 1; i <= 5; i++)
        printf("line %d of the pipeline\n", i);
    return 0;
}

static int role_upper(void)
{
    int c;

    while ((c = getchar()) != EOF)
        putchar(toupper(c));
    return 0;
}

static int role_count(void)
{
    char line[256];
    int n = 0;

    while (fgets(line, sizeof line, stdin))
        printf("%d: %s", ++n, line);
    printf("count: %d lines\n", n);
    return 3;
}

static pid_t run_role(const char *role, int in, int out)
{
    pid_t pid = fork();

    if (pid == 0) {
        if (in >= 0)
            dup2(in, 0);
        if (out >= 0)
            dup2(out, 1);
        for (int fd = 3; fd < 20; fd++)
            close(fd);
        execl(self, "proc_exec", role, (char *)NULL);
        _exit(126);
    }
    return pid;
}

static void test_pipeline(void)
{
    int p1[2], p2[2], st[3];
    pid_t pids[3];

    if (pipe(p1) < 0 || pipe(p2) < 0)
        return;
    pids[0] = run_role("gen", -1, p1[1]);
    pids[1] = run_role("upper", p1[0], p2[1]);
    pids[2] = run_role("count", p2[0], -1);
    close(p1[0]), close(p1[1]), close(p2[0]), close(p2[1]);
    for (int i = 0; i < 3; i++)
        waitpid(pids[i], &st[i], 0);
    for (int i = 0; i < 3; i++)
        printf("stage %d exit %d\n", i, WEXITSTATUS(st[i]));
}

static void test_argv0(void)
{
    int st;
    pid_t pid = fork();

    if (pid == 0) {
        execl(self, "a-custom-argv0", "argv0", (char *)NULL);
        _exit(126);
    }
    waitpid(pid, &st, 0);
}

static void test_spawn_and_system(void)
{
    char *argv[] = {"spawned", "spawn", "x y", NULL};
    pid_t pid;
    int st, rc;

    rc = posix_spawn(&pid, self, NULL, NULL, argv, environ);
    waitpid(pid, &st, 0);
    printf("posix_spawn rc %d status %d\n", rc, WEXITSTATUS(st));
    st = system("echo hello from the shell; exit 4");
    printf("system status %d\n", WEXITSTATUS(st));
}

static void test_script(void)
{
    char path[] = "/tmp/ferry-proc-exec-XXXXXX";
    int fd = mkstemp(path), st;
    const char text[] = "#!/bin/sh -e\necho script args: \"$@\"\n";
    pid_t pid;

    if (write(fd, text, sizeof text - 1) < 0)
        return;
    fchmod(fd, 0755);
    close(fd);
    pid = fork();
    if (pid == 0) {
        execl(path, "script", "one", "two", (char *)NULL);
        _exit(126);
    }
    waitpid(pid, &st, 0);
    printf("script status %d\n", WEXITSTATUS(st));
    unlink(path);
}

static void test_errors(void)
{
    char *argv[] = {"x", NULL};
    char path[] = "/tmp/ferry-proc-exec-XXXXXX";
    int fd = mkstemp(path);

    errno = 0;
    execve("/nonexistent/program", argv, environ);
    printf("missing: %s\n", strerror(errno));
    if (write(fd, "plain text\n", 11) < 0)
        return;
    close(fd);
    execve(path, argv, environ);
    printf("not executable: %s\n", strerror(errno));
    chmod(path, 0755);
    execve(path, argv, environ);
    printf("no format: %s\n", strerror(errno));
    execve("/tmp", argv, environ);
    printf("directory: %s\n", strerror(errno));
    unlink(path);
}

int main(int argc, char **argv)
{
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

    self[n > 0 ? n : 0] = '\0';
    if (argc > 1 && strcmp(argv[1], "gen") == 0)
        return role_gen();
    if (argc > 1 && strcmp(argv[1], "upper") == 0)
        return role_upper();
    if (argc > 1 && strcmp(argv[1], "count") == 0)
        return role_count();
    if (argc > 1 && strcmp(argv[1], "argv0") == 0) {
        printf("argv[0] after exec: %s\n", argv[0]);
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "spawn") == 0) {
        printf("spawned: argv[0] %s, argv[2] '%s'\n", argv[0], argv[2]);
        return 9;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    test_pipeline();
    test_argv0();
    test_spawn_and_system();
    test_script();
    test_errors();
    return 0;
}
